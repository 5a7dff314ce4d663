"""compsim serve at the HTTP level (Starlette's TestClient): every endpoint's success and
failure, the form generated from the schema, drafts, downloads, saving, size limits,
malformed requests and escaping. The page in a real browser: test_web_browser.py."""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("starlette", reason="compsim serve needs the serve extra")

with warnings.catch_warnings():  # newer Starlette prefers httpx2 for its TestClient
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from compsim.caseload.csvfile import all_columns
from compsim.cli import cli
from compsim.scenarios import library_path
from compsim.web.app import MAX_BODY, create_app
from compsim.web.engine import Engine
from compsim.web.form import schema_groups

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

KITCHEN = "kitchen-five-weeks"


@pytest.fixture(scope="module")
def engine():
    return Engine()


@pytest.fixture(scope="module")
def client(engine):
    return TestClient(create_app(engine=engine))


@pytest.fixture(scope="module")
def kitchen(engine) -> dict[str, str]:
    """The library's kitchen example as the form holds it."""
    return dict(engine.library[KITCHEN].values)


def post(client, path, values, **extra):
    return client.post(path, data={**values, **extra})


def totals(html: str) -> dict[str, str]:
    """Each column's award total on the page."""
    columns = re.findall(r'<th scope="col"[^>]*data-column="([^"]+)"', html)
    amounts = re.findall(r'<strong class="total">([^<]+)</strong>', html)
    return dict(zip(columns, amounts, strict=True))


# ---------------------------------------------------------------- the page and the form


def test_every_scenario_field_is_an_input_of_the_form(client):
    """The form is generated from the schema: every column a CSV caseload may have (the same
    walk over models.py) is an input, with list entries numbered from 1."""
    page = client.get("/").text
    for column in all_columns(entries=1):
        assert f'name="{column}"' in page, column
    # list entries are added in place from a template with a placeholder number
    assert 'id="template-costs"' in page and 'name="costs.__N__.amount"' in page


def test_inputs_follow_the_field_kinds(client):
    page = client.get("/").text
    assert re.search(r'name="dates.occurred" type="date"', page)
    select = re.search(
        r'<select id="in-failure.kind" name="failure.kind">(.*?)</select>', page, re.S
    )
    assert select and '<option value="missed-appointment">' in select[1]
    assert re.search(r'name="household.weekly_rent" type="text" inputmode="decimal"', page)
    # a list of choices is one checkbox per choice
    assert 'name="household.vulnerabilities" value="disability"' in page


def test_help_and_defaults_come_from_the_schema(client):
    from markupsafe import escape

    page = client.get("/").text
    assert "default assured-tenant" in page  # household.tenure's default
    assert "default dates.occurred" in page  # a derived default names where it comes from
    for group in schema_groups():
        for field in group.fields:
            if field.help:  # help metadata, where the schema has it
                assert str(escape(field.help)) in page


def test_library_list_and_search(client):
    page = client.get("/").text
    assert f'href="/?scenario={KITCHEN}"' in page
    found = client.get("/", params={"q": "kitchen"}).text
    listed = re.findall(r'<li data-search="([^"]*)"', found)
    assert listed and all("kitchen" in text for text in listed)
    assert 'href="/?scenario=persistent-damp"' not in found
    nothing = client.get("/", params={"q": "no-such-words-anywhere"}).text
    assert 'id="no-match">' in nothing  # shown, not hidden


def test_opening_a_library_scenario_fills_the_form_and_works_it_out(client):
    response = client.get("/", params={"scenario": KITCHEN})
    assert response.status_code == 200
    assert 'name="dates.resolved" type="date" value="2026-02-23"' in response.text
    # alliance, worked by hand in the scenario file: Medium Impact £500 + food £64.20
    assert totals(response.text)["alliance"] == "£564.20"
    assert "ombudsman" in totals(response.text)


def test_an_unknown_scenario_is_a_404(client):
    response = client.get("/", params={"scenario": "no-such-case"})
    assert response.status_code == 404 and "no scenario" in response.text


def test_static_files_are_served_from_the_package(client):
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/static/../app.py").status_code == 404


def test_the_page_asks_for_nothing_beyond_the_server(client):
    page = client.get("/", params={"scenario": KITCHEN}).text
    assert not re.search(r'(src|href|action)="(https?:)?//', page)
    assert "'self'" in client.get("/").headers["content-security-policy"]


# ---------------------------------------------------------------- working a case out


def test_evaluate_gives_the_results_as_json(client, kitchen):
    response = post(client, "/evaluate", kitchen)
    assert response.status_code == 200
    body = response.json()
    assert body["ok"] is True and body["errors"] == {}
    assert totals(body["results"])["alliance"] == "£564.20"
    # each landlord's explanation, and the audit line against the reference
    for column in ("alliance", "clarion", "star", "twenty11", "ombudsman"):
        assert f'<details class="explanation" data-column="{column}">' in body["results"]
    audit_row = re.search(r'<tr class="audit">(.*?)</tr>', body["results"], re.S)
    assert audit_row and "the reference range" in audit_row[1]


def test_changing_the_days_the_kitchen_was_lost_changes_the_awards(client, kitchen):
    before = totals(post(client, "/evaluate", kitchen).json()["results"])
    shorter = {**kitchen, "dates.resolved": "2026-01-26"}
    after = totals(post(client, "/evaluate", shorter).json()["results"])
    assert before["twenty11"] != after["twenty11"]  # a rent share for the days lost
    assert after["alliance"] == before["alliance"]  # the matrix does not count days


def test_a_bad_date_is_reported_beside_its_field(client, kitchen):
    response = post(client, "/evaluate", {**kitchen, "dates.resolved": "2025-12-01"})
    assert response.status_code == 422
    body = response.json()
    assert body["ok"] is False
    assert body["errors"]["dates.resolved"].startswith("expected a date on or after dates.occurred")


def test_an_error_in_a_list_entry_names_the_input_holding_it(client, kitchen):
    values = {k: v for k, v in kitchen.items() if not k.startswith("costs.")}
    values |= {"costs.3.kind": "food", "costs.3.amount": "twelve pounds"}  # entries 1, 2 empty
    errors = post(client, "/evaluate", values).json()["errors"]
    assert list(errors) == ["costs.3.amount"]
    assert "expected an amount in pounds" in errors["costs.3.amount"]


def test_the_page_keeps_what_was_typed_beside_the_message(client, kitchen):
    response = post(client, "/", {**kitchen, "costs.1.amount": "12.345"})
    assert response.status_code == 422
    assert 'value="12.345"' in response.text
    assert "more than two decimal places" in response.text


def test_a_missing_required_field_is_reported(client, kitchen):
    values = {k: v for k, v in kitchen.items() if k != "title"}
    errors = post(client, "/evaluate", values).json()["errors"]
    assert "required field is missing" in errors["title"]


def test_an_unknown_field_is_refused_not_ignored(client, kitchen):
    response = post(client, "/evaluate", {**kitchen, "dates.happened": "2026-01-01"})
    assert response.status_code == 422
    assert "dates.happened" in response.json()["errors"]


# ---------------------------------------------------------------- drafts


def test_a_changed_parameter_is_a_draft_column_beside_the_policy(client, kitchen):
    body = post(client, "/evaluate", kitchen, **{"draft:alliance:matrix.full.medium": "600"}).json()
    shown = totals(body["results"])
    assert list(shown)[:2] == ["alliance", "alliance-draft"]
    # the draft's Medium Impact is £600: £600 + food £64.20
    assert shown["alliance-draft"] == "£664.20" and shown["alliance"] == "£564.20"
    assert "draft of alliance" in body["results"]


def test_the_policy_s_own_value_makes_no_draft(client, kitchen):
    body = post(client, "/evaluate", kitchen, **{"draft:alliance:matrix.full.medium": "500.00"})
    assert "alliance-draft" not in totals(body.json()["results"])


def test_draft_lines_as_for_set(client, kitchen):
    body = post(client, "/evaluate", kitchen, **{"draft:set": "star.approval.threshold=1\n"})
    if body.status_code == 422:  # no such parameter in this version of STAR: still a message
        assert "star" in body.json()["errors"]["draft:set"]
    line = "alliance.matrix.full.medium=700"
    shown = totals(post(client, "/evaluate", kitchen, **{"draft:set": line}).json()["results"])
    assert shown["alliance-draft"] == "£764.20"


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("draft:alliance:matrix.full.medium", "lots", "expected an amount"),
        ("draft:alliance:matrix.full.medium", "-5", "expected an amount"),
        ("draft:alliance:no.such.parameter", "1", "has no parameter"),
        ("draft:nobody:matrix.full.medium", "1", "unknown landlord"),
        ("draft:set", "alliance.matrix.full.medium", "expected LANDLORD.PARAMETER=VALUE"),
        ("draft:alliance.matrix.full.medium", "600", "draft:LANDLORD:PARAMETER"),
    ],
)
def test_a_bad_draft_value_is_checked_as_set_checks_it(client, kitchen, name, value, words):
    response = post(client, "/evaluate", kitchen, **{name: value})
    assert response.status_code == 422
    assert words in response.json()["errors"][name]


# ---------------------------------------------------------------- downloads and saving


def test_the_scenario_download_is_a_file_validate_accepts(client, kitchen, tmp_path):
    changed = {**kitchen, "title": 'A "quoted" title with \\ and ü', "dates.resolved": "2026-02-20"}
    response = post(client, "/download/scenario", changed)
    assert response.status_code == 200
    assert response.headers["content-disposition"] == f'attachment; filename="{KITCHEN}.toml"'
    file = tmp_path / f"{KITCHEN}.toml"
    file.write_bytes(response.content)
    result = CliRunner().invoke(cli, ["validate", str(file)])
    assert result.exit_code == 0, result.output
    assert "resolved = 2026-02-20" in response.text


def test_a_bad_case_is_not_downloaded(client, kitchen):
    response = post(client, "/download/scenario", {**kitchen, "failure.kind": "flood"})
    assert response.status_code == 422
    assert "failure.kind: expected one of:" in response.text


def test_the_result_download_is_json_for_every_column(client, kitchen):
    response = post(
        client, "/download/result", kitchen, **{"draft:alliance:matrix.full.medium": "600"}
    )
    assert response.status_code == 200
    record = json.loads(response.text)
    landlords = [d["landlord"] for d in record["decisions"]]
    assert landlords[:2] == ["alliance", "alliance-draft"] and "ombudsman" in landlords
    draft = record["decisions"][1]
    assert draft["award"]["total"] == "664.20" and draft["rests_on_draft"] is True
    assert post(client, "/download/result", {**kitchen, "title": ""}).status_code == 422
    assert post(client, "/download/result", {"title": "x"}).status_code == 422


def test_saving_is_off_without_writable(client, kitchen):
    response = post(client, "/save", {**kitchen, "id": "a-new-case"})
    assert response.status_code == 403 and "--writable" in response.text


def test_saving_writes_one_file_into_paths(tmp_path, kitchen):
    folder = tmp_path / "library"
    folder.mkdir()
    shutil.copy(library_path() / "amenities" / f"{KITCHEN}.toml", folder)
    saving = TestClient(create_app([folder], writable=True))
    assert post(saving, "/save", kitchen).status_code == 409  # already in the library
    bad = post(saving, "/save", {**kitchen, "id": "../outside"})
    assert bad.status_code == 422 and "id" in bad.text
    response = post(saving, "/save", {**kitchen, "id": "my-kitchen"})
    assert response.status_code == 201
    assert f"Saved as {folder.resolve() / 'my-kitchen.toml'}" in response.text
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == [
        f"{KITCHEN}.toml",
        "my-kitchen.toml",
    ]
    assert CliRunner().invoke(cli, ["validate", str(folder)]).exit_code == 0
    assert post(saving, "/save", {**kitchen, "id": "my-kitchen"}).status_code == 409
    assert 'href="/?scenario=my-kitchen"' in saving.get("/").text


# ---------------------------------------------------------------- malformed and hostile input


def test_a_request_over_the_size_limit_is_refused(client, kitchen):
    response = post(client, "/evaluate", {**kitchen, "description": "x" * (MAX_BODY + 1)})
    assert response.status_code == 413 and "too large" in response.text


def test_a_streamed_body_over_the_limit_is_refused(client):
    def chunks():
        for _ in range(MAX_BODY // 1024 + 2):
            yield b"a=" + b"b" * 1022

    response = client.post(
        "/evaluate",
        content=chunks(),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 413


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/json", b'{"title": "x"}'),
        ("text/plain", b"title=x"),
        ("multipart/form-data; boundary=zzz", b"--zzz\r\nContent-Disposition: form-data\r\n\r\n"),
        ("multipart/form-data", b"no boundary at all"),
        (
            "multipart/form-data; boundary=zzz",
            b'--zzz\r\nContent-Disposition: form-data; name="f"; filename="a.toml"\r\n\r\n'
            b"title = 1\r\n--zzz--\r\n",
        ),
        ("application/x-www-form-urlencoded", b"title=%00"),
    ],
)
@pytest.mark.parametrize(
    "path",
    ["/", "/evaluate", "/download/scenario", "/download/result", "/download/report"],
)
def test_malformed_form_data_is_a_400(client, path, content_type, body):
    response = client.post(path, content=body, headers={"content-type": content_type})
    assert response.status_code == 400, response.text
    assert "Traceback" not in response.text


@pytest.mark.parametrize(
    "body",
    [
        b"%ZZ%%=&&==\xff\xfe",
        b"failure.kind=" + "é".encode() * 50,
        b"amenities_lost.99999999999999999999.amenity=kitchen",
        b"costs.1=5&costs=3&dates=x&failure.kind.x=1",
        b"expected.alliance.total=abc&title=x",
        b"format=99999999999999999999999&household.named_tenants=-1",
    ],
)
def test_strange_but_well_formed_data_is_a_422_never_a_500(client, body):
    response = client.post(
        "/evaluate", content=body, headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert response.status_code == 422, response.text
    assert response.json()["ok"] is False


def test_too_many_list_entries_are_refused(client, kitchen):
    entries = {f"costs.{n}.kind": "food" for n in range(1, 60)}
    entries |= {f"costs.{n}.amount": "1" for n in range(1, 60)}
    response = post(client, "/evaluate", {**kitchen, **entries})
    assert response.status_code == 422 and "at most" in response.json()["errors"]["costs"]


def test_a_script_in_a_title_is_shown_as_text(client, kitchen):
    title = '<script>alert("owned")</script><img src=x onerror=alert(1)>'
    values = {**kitchen, "title": title, "description": "</textarea><script>x()</script>"}
    for response in (post(client, "/", values), post(client, "/evaluate", values)):
        text = (
            response.text
            if response.headers["content-type"].startswith("text/html")
            else (response.json()["results"])
        )
        assert "<script>alert" not in text and "<img src=x" not in text
        assert "&lt;script&gt;alert(" in text
    page = post(client, "/", values).text
    assert "</textarea><script>x()" not in page and "&lt;/textarea&gt;&lt;script&gt;" in page


def test_only_the_loopback_names_are_accepted_as_host(engine):
    from compsim.web.server import allowed_hosts, is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.4")
    guarded = TestClient(create_app(engine=engine, allowed_hosts=allowed_hosts("127.0.0.1")))
    assert guarded.get("/", headers={"host": "127.0.0.1:8000"}).status_code == 200
    assert guarded.get("/", headers={"host": "evil.example"}).status_code == 400


# ---------------------------------------------------------------- the command


def test_help_does_not_import_the_web_stack():
    code = (
        "import sys; from compsim.cli import cli\n"
        "try:\n    cli.main(['--help'], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('starlette', 'uvicorn', 'jinja2', 'compsim.web') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def _start(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "compsim", "serve", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _serve_then_ctrl_c(*args: str) -> tuple[list[str], str, int]:
    """Start compsim serve, read its lines up to the address, fetch the page from it (so the
    server is up, as when a person presses Ctrl-C), then send Ctrl-C: the lines read, the rest
    of standard error, and the exit code."""
    import urllib.request

    process = _start(*args)
    try:
        lines = [process.stderr.readline()]
        while "compsim serve: http://" not in lines[-1] and lines[-1]:
            lines.append(process.stderr.readline())
        match = re.search(r"http://[^:]+:(\d+)/", lines[-1])
        assert match, lines
        with urllib.request.urlopen(f"http://127.0.0.1:{match[1]}/", timeout=30) as response:
            assert response.status == 200
        process.send_signal(signal.SIGINT)
        _, rest = process.communicate(timeout=30)
    finally:
        process.kill()
    return lines, rest, process.returncode


def test_serve_prints_the_address_and_stops_cleanly_on_ctrl_c():
    lines, rest, code = _serve_then_ctrl_c()
    assert re.search(r"http://127\.0\.0\.1:(\d+)/", lines[0]), lines
    assert code == 0, rest
    assert "stopped" in rest and "Traceback" not in rest


def test_a_ctrl_c_once_the_address_is_printed_stops_cleanly(monkeypatch):
    # Ctrl-C while uvicorn is still being set up (here: raised by its Config) is a clean stop,
    # as it is once the server runs: "stopped", no "Aborted!", the listening socket closed
    import uvicorn

    from compsim.web import server

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    sockets = []
    real_create_server = server.socket.create_server

    def recorded(*args, **kwargs):
        sockets.append(real_create_server(*args, **kwargs))
        return sockets[-1]

    monkeypatch.setattr(uvicorn, "Config", interrupted)
    monkeypatch.setattr(server.socket, "create_server", recorded)
    said: list[str] = []
    server.serve([library_path()], "127.0.0.1", 0, False, said.append)
    assert said[0].startswith("compsim serve: http://127.0.0.1:")
    assert said[-1] == "compsim serve: stopped"
    assert sockets[0].fileno() == -1  # closed


def test_serve_warns_off_loopback_and_refuses_a_bad_path(tmp_path):
    result = CliRunner().invoke(cli, ["serve", str(tmp_path / "missing")])
    assert result.exit_code == 2 and "no such file or directory" in result.output
    lines, rest, code = _serve_then_ctrl_c("--host", "0.0.0.0")
    assert "warning: serving on 0.0.0.0, not loopback" in lines[0]
    assert code == 0 and "stopped" in rest, rest


def test_the_scenario_download_round_trips_every_library_scenario(engine):
    """Every library scenario, opened in the form and downloaded, reads back as itself
    (golden outcomes aside: they are not on the form)."""
    import attrs

    from compsim.web import form
    from compsim.web.app import checked_toml

    for entry in engine.library.values():
        checked = form.check(dict(entry.values))
        assert checked.errors == {}, (entry.scenario.id, checked.errors)
        original = attrs.evolve(entry.scenario, expected=())
        assert checked.scenario == original, entry.scenario.id
        checked_toml(checked)  # reads back through the loader as the same scenario


def test_library_path_default(engine):
    assert engine.paths == [Path(library_path())]


def test_the_report_download_or_why_not(client, kitchen):
    """The HTML report of the case when compsim report is installed; else a 501 saying so."""
    from compsim.web.report import available

    title = "<script>alert(1)</script> kitchen"
    response = post(client, "/download/report", {**kitchen, "title": title})
    if available():
        assert response.status_code == 200, response.text
        assert response.headers["content-disposition"].endswith(f'{KITCHEN}-report.html"')
        assert "<script>alert(1)" not in response.text and "&lt;script&gt;" in response.text
    else:
        assert response.status_code == 501 and "compsim report" in response.text
        assert 'id="download-report"' not in client.get("/").text
    assert post(client, "/download/report", {**kitchen, "title": ""}).status_code == 422


def test_a_message_for_an_input_not_on_the_page_is_shown_for_the_case(client, kitchen):
    page = post(client, "/", {**kitchen, "dates.happened": "2026-01-01"})
    assert page.status_code == 422
    general = re.search(
        r'<p class="error general" data-field="" role="alert">([^<]*)</p>', page.text
    )
    assert general and "dates.happened: unknown field" in general[1]


def test_serve_without_the_extra_says_how_to_install_it():
    code = (
        "import sys; sys.modules['uvicorn'] = None\n"
        "from compsim.cli import main\n"
        "sys.argv = ['compsim', 'serve']\n"
        "main()\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 2
    assert out.stderr.strip() == (
        "error: compsim serve needs the serve extra: pip install 'compsim[serve]' "
        "(or pip install -r requirements.txt in a checkout) (uvicorn is missing)"
    )


def test_a_csv_caseload_in_paths_opens_in_the_form(tmp_path, engine):
    from compsim.caseload.csvfile import write_csv

    with (tmp_path / "cases.csv").open("w", encoding="utf-8", newline="") as handle:
        write_csv([engine.library[KITCHEN].scenario], handle)
    from_csv = TestClient(create_app([tmp_path / "cases.csv"]))
    page = from_csv.get("/", params={"scenario": KITCHEN})
    assert page.status_code == 200 and totals(page.text)["alliance"] == "£564.20"


def test_serve_on_a_port_in_use_is_one_line():
    import socket

    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = str(taken.getsockname()[1])
        result = CliRunner().invoke(cli, ["serve", "--port", port])
    assert result.exit_code == 2
    assert result.output.startswith(f"error: --host 127.0.0.1 --port {port}: cannot listen: ")
    assert len(result.output.strip().splitlines()) == 1
