"""The documentation in the repository is generated from, or checked against, the code:
docs/scenario-format.md from the models' metadata, docs/output.md's JSON Schema against
real output. And the commands that show the format and the library work."""

import json
import re
import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path

import attrs
import jsonschema
import pytest
from click.testing import CliRunner

from compsim import models, schema
from compsim.cli import cli
from compsim.scenarios import _schema, library_path, load_paths, scenario_files

ROOT = Path(__file__).resolve().parents[1]
LIBRARY = load_paths([library_path()])
SCENARIO_CLASSES = (
    models.Scenario,
    models.Household,
    models.Account,
    models.Failure,
    models.Dates,
    models.Claim,
    models.AmenityLoss,
    models.Cost,
    models.DamagedItem,
    models.Legal,
    models.Complaint,
    models.Decant,
    models.Source,
    models.Expected,
)


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result


# ---------------------------------------------------------------- the scenario format


def test_scenario_format_doc_is_generated_from_the_models():
    doc = (ROOT / "docs" / "scenario-format.md").read_text(encoding="utf-8")
    assert doc == schema.markdown(), "run: compsim schema > docs/scenario-format.md"
    assert run("schema").output == doc


@pytest.mark.parametrize("cls", SCENARIO_CLASSES, ids=lambda c: c.__name__)
def test_every_field_has_a_meaning_and_is_documented(cls):
    described = {f.path for f in schema.field_descriptions()}
    for key, field in _schema(cls).items():
        if field.metadata["kind"] in ("section", "optional-section", "sections", "expected"):
            assert field.metadata.get("help"), f"{cls.__name__}.{key} has no help"
            continue
        assert field.metadata.get("help"), f"{cls.__name__}.{key} has no help"
        assert any(path.endswith(key) for path in described), key


def test_field_descriptions_name_every_key_of_the_format():
    paths = {f.path for f in schema.field_descriptions()}
    assert {
        "title",
        "household.weekly_rent",
        "failure.missed_appointments",
        "dates.award_confirmed",
        "amenities_lost.from",
        "legal.represented",
        "decant.moved",
        "source.ordered",
        "expected.LANDLORD.senior",
    } <= paths
    rent = next(f for f in schema.field_descriptions() if f.path == "household.weekly_rent")
    assert (rent.kind, rent.default, rent.minimum, rent.maximum) == (
        "money",
        "0.00",
        0,
        models.MONEY_MAX,
    )
    assert rent.help == "net rent payable a week, without service charges"


def _as_json(value):
    """TOML data as an editor's TOML-to-JSON would give it: dates as ISO strings."""
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def _scenario_validator():
    return jsonschema.Draft202012Validator(json.loads(run("schema", "-f", "json").output))


def test_the_json_schema_accepts_every_shipped_scenario():
    validator = _scenario_validator()
    files = scenario_files([library_path()])
    assert len(files) == len(LIBRARY) > 60
    for path in files:
        data = _as_json(tomllib.loads(path.read_text(encoding="utf-8"), parse_float=Decimal))
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], path


@pytest.mark.parametrize(
    ("change", "wanted"),
    [
        ({"titel": "x"}, "Additional properties are not allowed ('titel' was unexpected)"),
        ({"failure": {"kind": "flood"}}, "'flood' is not one of"),
        ({"household": {"named_tenants": 21}}, "21 is greater than the maximum of 20"),
        ({"costs": [{"kind": "food"}]}, "'amount' is a required property"),
    ],
)
def test_the_json_schema_refuses_what_the_loader_refuses(change, wanted):
    data = {
        "title": "A",
        "failure": {"kind": "repair-delay"},
        "dates": {"occurred": "2026-01-05", "claimed": "2026-02-02"},
    }
    data.update(change)
    messages = [e.message for e in _scenario_validator().iter_errors(data)]
    assert any(wanted in m for m in messages), messages


# ---------------------------------------------------------------- the output contract


def _output_schema(name):
    text = (ROOT / "docs" / "output.md").read_text(encoding="utf-8")
    block = re.search(r"```json\n(.+?)\n```", text, re.S)[1]
    document = json.loads(block)
    jsonschema.Draft202012Validator.check_schema(document)
    return jsonschema.Draft202012Validator({**document, "$ref": f"#/$defs/{name}"})


def _valid(name, data):
    errors = [f"{list(e.path)}: {e.message}" for e in _output_schema(name).iter_errors(data)]
    assert errors == []


def test_compare_json_and_jsonl_keep_the_documented_contract():
    result = run("compare", "-f", "json")
    records = json.loads(result.output)
    assert len(records) == len(LIBRARY) * 5
    _valid("compare", records)
    lines = run("compare", "-f", "jsonl").output.splitlines()
    assert [json.loads(line) for line in lines] == records
    drafted = json.loads(
        run("compare", "-t", "kitchen", "--set", "ombudsman.range.widen=1", "-f", "json").output
    )
    _valid("compare", drafted)
    assert all(len(r["drafts"]) == (r["landlord"] == "ombudsman") for r in drafted)


def test_an_error_cell_keeps_the_documented_contract():
    from compsim.models import CellError
    from compsim.render.records import cell_record

    _valid("cell", cell_record("x", CellError("x", "alliance", "alliance: boom")))


def test_explain_json_keeps_the_documented_contract():
    result = run("explain", "kitchen-five-weeks", "-f", "json")
    assert result.exit_code == 0
    document = json.loads(result.output)
    _valid("explain", document)
    assert [d["landlord"] for d in document["decisions"]] == [
        "alliance",
        "clarion",
        "star",
        "twenty11",
        "ombudsman",
    ]


def test_audit_json_keeps_the_documented_contract():
    published = json.loads(run("audit", "-f", "json", "--top", "3").output)
    _valid("audit", published)
    assert published["drafts"] == []
    drafted = json.loads(
        run("audit", "-f", "json", "--top", "3", "--set", "ombudsman.range.widen=1").output
    )
    _valid("audit", drafted)
    ((column, value),) = [
        (d["column"], v["parameter"]) for d in drafted["drafts"] for v in d["values"]
    ]
    assert (column, value) == ("ombudsman", "range.widen")


def test_diff_json_keeps_the_documented_contract():
    result = run("diff", "alliance", "twenty11", "-f", "json")
    assert result.exit_code == 0
    document = json.loads(result.output)
    _valid("diff", document)
    assert document["scenarios"] == len(LIBRARY)
    # every scenario has exactly one outcome
    assert sum(document["winners_and_losers"].values()) == document["scenarios"]
    for entry in document["changed"]:
        assert entry["outcome"] != "same" or entry["moved"]
        if entry["outcome"] != "error":
            before, after = entry["before"]["total"], entry["after"]["total"]
            assert Decimal(entry["change"]) == Decimal(after) - Decimal(before)
    assert [t["measure"] for t in document["totals"]][:3] == [
        "claims paid",
        "claims excluded",
        "total paid",
    ]
    # one landlord on both sides: the draft side is named apart and its draft listed
    drafted = json.loads(
        run(
            "diff", "alliance", "alliance", "--set", "alliance.matrix.full.medium=600", "-f", "json"
        ).output
    )
    _valid("diff", drafted)
    assert (drafted["baseline"], drafted["draft"]) == ("alliance", "alliance (draft)")
    [values] = [column["values"] for column in drafted["drafts"]]
    assert [(v["parameter"], v["source"]) for v in values] == [("matrix.full.medium", "--set")]


def test_readings_json_keeps_the_documented_contract():
    records = json.loads(run("readings", "-l", "alliance", "-f", "json").output)
    _valid("readings", records)
    assert records and {r["landlord"] for r in records} == {"alliance"}
    moved = [Decimal(r["money_moved"]) for r in records]
    assert moved == sorted(moved, reverse=True)
    for record in records:
        assert record["scenarios"] == len(LIBRARY)
        assert record["outcomes_changed"] == len(record["changes"])
        changed = {c["scenario"] for c in record["changes"] if Decimal(c["change"])}
        largest = record["largest_change"]
        assert (largest is None) == (not changed)
        assert largest is None or largest["scenario"] in changed


DRAFT_STAR = ("--set", "star.bands.medium.high=200")


def test_sweep_json_keeps_the_documented_contract():
    kitchen = library_path() / "amenities" / "kitchen-five-weeks.toml"
    result = run("sweep", kitchen, "--vary", "claim_delay_days=0..400:100", "-f", "json")
    assert result.exit_code == 0
    document = json.loads(result.output)
    _valid("sweep", document)
    assert (document["scenario"], document["field"]) == ("kitchen-five-weeks", "claim_delay_days")
    assert [p["value"] for p in document["points"]] == ["0", "100", "200", "300", "400"]
    for point in document["points"]:
        assert list(point["cells"]) == ["alliance", "clarion", "star", "twenty11", "ombudsman"]
        for cell in point["cells"].values():
            assert "error" in cell or cell["excluded"] == bool(cell["exclusions"])
    assert document["drafts"] == []
    drafted = run("sweep", kitchen, "--vary", "loss_days=10..20:10", "-f", "json", *DRAFT_STAR)
    document = json.loads(drafted.output)
    _valid("sweep", document)
    assert [d["column"] for d in document["drafts"]] == ["star"]
    assert all(p["cells"]["star"]["rests_on_draft"] for p in document["points"])
    assert not any(p["cells"]["alliance"]["rests_on_draft"] for p in document["points"])


def test_simulate_json_keeps_the_documented_contract():
    spec = ROOT / "examples" / "population.toml"
    result = run("simulate", spec, "--cases", "200", "--workers", "1", "-f", "json")
    assert result.exit_code == 0
    document = json.loads(result.output)
    _valid("simulate", document)
    assert "diff" not in document
    for tally in document["policies"].values():
        assert tally["cases"] == 200 == tally["decided"] + tally["errors"]
        assert tally["paid"] <= tally["decided"]
    caseload = ROOT / "examples" / "caseload.csv"
    compared = run(
        "simulate", caseload, "--workers", "1", "--diff", "alliance", "twenty11", "-f", "json"
    )
    assert compared.exit_code == 0
    document = json.loads(compared.output)
    _valid("simulate", document)
    diff = document["diff"]
    assert diff["more"] + diff["less"] + diff["same"] == diff["cases"]
    change = Decimal(diff["draft_total"]) - Decimal(diff["baseline_total"])
    assert Decimal(diff["change"]) == change == Decimal(diff["gained"]) - Decimal(diff["lost"])
    assert document["drafts"] == []
    drafted = json.loads(
        run("simulate", caseload, "--workers", "1", "-f", "json", *DRAFT_STAR).output
    )
    _valid("simulate", drafted)
    assert [d["column"] for d in drafted["drafts"]] == ["star"]


def test_calibrate_json_keeps_the_documented_contract():
    result = run("calibrate", "-f", "json", "--resamples", "200", "--top", "5")
    assert result.exit_code == 0
    document = json.loads(result.output)
    _valid("calibrate", document)
    assert document["resampling"]["resamples"] == 200
    cases = document["cases"]
    groups = {s["group"]: s for s in document["summary"]}
    assert list(groups)[:3] == ["all", "fit", "held-out"]
    assert (
        groups["all"]["cases"] == len(cases) == groups["fit"]["cases"] + groups["held-out"]["cases"]
    )
    assert groups["all"]["inside"] == sum(c["inside"] for c in cases)
    for summary in document["summary"]:
        if summary["cases"]:
            low, high = summary["inside_share_interval"]
            assert low <= high
    assert len(document["largest_misses"]) == 5
    assert set(document["largest_misses"]) <= {c["scenario"] for c in cases}
    without = json.loads(run("calibrate", "-f", "json", "--resamples", "0").output)
    _valid("calibrate", without)
    assert all(s["median_ratio_interval"] is None for s in without["summary"])
    lines = run("calibrate", "-f", "jsonl", "--resamples", "0").output.splitlines()
    assert [json.loads(line) for line in lines] == cases
    _valid("calibration_case", json.loads(lines[0]))
    drafted = json.loads(
        run(
            "calibrate", "-f", "json", "--resamples", "0", "--set", "ombudsman.range.widen=1"
        ).output
    )
    _valid("calibrate", drafted)


def test_params_and_scenarios_json_keep_the_documented_contract():
    params = json.loads(run("params", "star", "-f", "json").output)
    _valid("params", params)
    assert any(p["parameter"] == "bands.minor.low" for p in params["parameters"])
    listed = json.loads(run("scenarios", "-f", "json").output)
    _valid("scenarios", listed)
    assert [s["id"] for s in listed] == [s.id for s in LIBRARY]


# ---------------------------------------------------------------- the commands


def test_scenarios_lists_ids_titles_and_tags():
    result = run("scenarios", "--tag", "approvals")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["id", "title", "tags"]
    row = next(line for line in lines if line.startswith("five-thousand-exactly "))
    assert "approvals" in row
    assert lines[-1] == f"{len(lines) - 3} scenarios"


def test_new_scenario_writes_a_template_that_validates(tmp_path):
    result = run("new-scenario", "boiler-broken", "--directory", tmp_path)
    path = tmp_path / "boiler-broken.toml"
    assert result.output == f"Created {path}. Fill it in, then: compsim validate {path}\n"
    assert run("validate", path).exit_code == 0
    text = path.read_text()
    assert 'id = "boiler-broken"' in text and "[failure]" in text and "# [[costs]]" in text
    # every optional field of the tables in use, uncommented as shown, still validates
    lines, enabled, uncommented = [], True, 0
    for line in text.splitlines():
        if line.startswith(("[", "# [")):
            enabled = line.startswith("[")
        if enabled and re.match(r"# \w+ = ", line):
            line = line[2:]
            uncommented += 1
        lines.append(line)
    assert uncommented > 20
    path.write_text("\n".join(lines))
    checked = run("validate", path)
    assert checked.exit_code == 0, checked.output


def test_new_scenario_refuses_an_existing_file_and_a_bad_id(tmp_path):
    run("new-scenario", "claim", "--directory", tmp_path)
    again = run("new-scenario", "claim", "--directory", tmp_path)
    assert again.exit_code == 2
    assert again.output == (
        f"error: {tmp_path / 'claim.toml'}: already exists; choose another id or remove it\n"
    )
    bad = run("new-scenario", "Bad Id", "--directory", tmp_path)
    assert bad.exit_code == 2
    assert bad.output.startswith("error: new-scenario Bad Id: expected an id of lower-case")


def test_explain_as_markdown():
    result = run("explain", "kitchen-five-weeks", "-l", "alliance", "-f", "markdown")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith("# Scenario kitchen-five-weeks: ")
    assert "## Alliance Homes (alliance)" in lines
    assert "### 1. Is the claim excluded?" in lines
    assert any(line.startswith("- ") and "[alliance" in line for line in lines)


def test_params_as_markdown():
    result = run("params", "alliance", "-f", "markdown")
    lines = result.output.splitlines()
    assert lines[0] == "# Alliance Homes (alliance): parameters"
    assert lines[2].startswith("| parameter ")
    assert any(line.startswith("| matrix.full.major ") for line in lines)


def test_models_help_is_a_clean_api():
    fields = attrs.fields_dict(models.Failure)
    assert fields["distress"].metadata["help"].startswith("the assessor's policy-neutral view")
