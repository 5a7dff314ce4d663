"""Every way in is as careful as the scenario loader: a user's mistake is one clear line and
exit 2 (never "internal error"), the format has documented bounds, output is safe to print."""

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner

from compsim.cli import cli
from compsim.models import Award, AwardItem, Note
from compsim.money import ZERO
from compsim.render.records import write_csv, write_json, write_jsonl
from compsim.render.table import cell_text, render_comparison
from compsim.scenarios import library_path, load_paths
from compsim.simulate import Row
from compsim.testing import decide, scenario

LIBRARY = load_paths([library_path()])
GOOD = """title = "Boiler broke"
[failure]
kind = "repair-delay"
[dates]
occurred = 2026-01-05
claimed = 2026-02-02
"""


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def one_line_error(result, code=2):
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    return lines[0]


# ---------------------------------------------------------------- options


def test_compare_to_a_directory_is_refused_before_anything_runs(tmp_path):
    line = one_line_error(invoke("compare", "-o", tmp_path))
    assert line == f"error: --output {tmp_path}: is a directory; expected a file name"


def test_compare_to_a_file_in_a_missing_directory(tmp_path):
    line = one_line_error(invoke("compare", "-o", tmp_path / "nope" / "out.csv"))
    assert line == f"error: --output {tmp_path / 'nope' / 'out.csv'}: no such directory " + str(
        tmp_path / "nope"
    )


@pytest.mark.parametrize("seconds", ["0", "-1"])
def test_bench_needs_a_positive_time(seconds):
    result = invoke("bench", "--seconds", seconds)
    assert result.exit_code == 2
    assert "Invalid value for '--seconds'" in result.output
    assert "is not in the range 0.1<=x<=3600" in result.output


def test_audit_top_cannot_be_negative():
    result = invoke("audit", "--top", "-1")
    assert result.exit_code == 2
    assert "Invalid value for '--top': -1 is not in the range x>=0" in result.output


@pytest.mark.parametrize("args", ["compare", "compare -f json", "params alliance"])
def test_a_closed_pipe_ends_a_command_quietly_with_the_closed_pipe_code(args):
    # 141, as a process a closed pipe stops: never 1, which compare means "a plugin failed"
    command = f'{sys.executable} -m compsim {args} | head -1; exit "${{PIPESTATUS[0]}}"'
    done = subprocess.run(
        ["bash", "-c", command], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.stdout.strip(), done.stderr
    assert done.stderr == ""
    # output that fits the pipe's buffer is all written before head goes: no closed pipe
    assert done.returncode in (0, 141)
    if args == "compare -f json":  # about 9 MB: the pipe closes under it
        assert done.returncode == 141


def test_landlord_and_format_in_any_case():
    result = invoke("compare", "-l", "Alliance", "-f", "JSON", "--tag", "approvals")
    assert result.exit_code == 0, result.output
    assert {r["landlord"] for r in json.loads(result.output)} == {"alliance"}
    params = invoke("params", "ALLIANCE", "-f", "Json")
    assert json.loads(params.output)["landlord"] == "alliance"


def test_a_landlord_id_is_read_in_any_case_wherever_it_is_named(tmp_path):
    kitchen = library_path() / "amenities" / "kitchen-five-weeks.toml"
    lower = invoke("diff", "alliance", "clarion", kitchen, "-f", "json")
    assert invoke("diff", "ALLIANCE", "Clarion", kitchen, "-f", "json").output == lower.output
    audit = invoke("audit", kitchen, "--reference", "OMBUDSMAN", "-f", "json")
    assert audit.exit_code == 0, audit.output
    drafted = invoke("compare", kitchen, "-l", "alliance", "--set", "ALLIANCE.matrix.full.major=9")
    upper_table = tmp_path / "upper.toml"
    upper_table.write_text("[ALLIANCE]\nmatrix.full.major = 9\n", encoding="utf-8")
    from_file = invoke("compare", kitchen, "-l", "alliance", "--params", upper_table)
    for result in (drafted, from_file):
        assert result.exit_code == 0, result.output
        assert "matrix.full.major = draft value 9" in result.output


def test_validate_an_empty_directory_exits_2_like_compare_and_test(tmp_path):
    for command in ("validate", "compare", "test"):
        line = one_line_error(invoke(command, tmp_path))
        assert line == f"error: no scenarios found in {tmp_path}"


def test_explain_a_directory():
    line = one_line_error(invoke("explain", library_path()))
    assert line == (
        f"error: {library_path()}: is a directory; expected one scenario file or a library id "
        "(compsim scenarios lists them)"
    )


def test_explain_an_id_one_letter_off_gets_did_you_mean():
    line = one_line_error(invoke("explain", "kitchen-five-week"))
    assert line == (
        "error: kitchen-five-week: no scenario file or library id by that name; did you mean "
        "'kitchen-five-weeks'? (compsim scenarios lists them)"
    )


@pytest.mark.parametrize("name", ["alliance", "ombudsman"])
def test_new_plugin_refuses_an_installed_name(tmp_path, name):
    line = one_line_error(invoke("new-plugin", name, "--directory", tmp_path))
    assert line == (
        f"error: new-plugin {name!r}: a policy of that name is already installed or shipped "
        "with compsim; choose another name (compsim plugins lists them)"
    )
    assert not (tmp_path / name).exists()


def test_test_counts_agree(tmp_path):
    (tmp_path / "claim.toml").write_text(
        GOOD + "[expected.alliance]\ntotal = 1.00\nexcluded = false\n[expected.nobody]\ntotal = 1\n"
    )
    result = invoke("test", tmp_path)
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        "1 scenarios, 2 expected outcomes (1 could not be checked), 2 values checked: 1 mismatches"
    )


# ---------------------------------------------------------------- the comparison table


def _compare_lines(*args):
    result = invoke("compare", *args)
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def test_compare_to_a_pipe_or_file_is_never_wrapped(tmp_path):
    header = _compare_lines()[0]  # the runner's output is not a terminal
    assert header.split() == ["scenario", "alliance", "clarion", "star", "twenty11", "ombudsman"]
    out = tmp_path / "table.txt"
    invoke("compare", "-o", out)
    assert out.read_text().splitlines()[0].split() == header.split()


def test_the_summary_rows_add_up_to_the_scenarios():
    lines = _compare_lines()
    summary = {
        line.split("  ")[0]: line.split()[-5:]
        for line in lines[lines.index(next(x for x in lines if x.startswith("summary"))) :]
    }
    parts = ("claims paid", "nothing to pay", "not computable", "claims excluded", "errors")
    assert "not computable" in summary  # Alliance's decants: its Decant Procedure is unpublished
    for column in range(5):
        counted = sum(int(summary[name][column]) for name in parts if name in summary)
        assert counted == int(summary["scenarios"][column]) == len(LIBRARY)
    assert "share of total paid on assumptions" in summary


def _decision_not_computable(total):
    decision = decide("alliance", scenario('[decant]\nreason = "major-repairs"'))
    items = () if total == 0 else (AwardItem("Some", total, "alliance 2.7", "published"),)
    award = Award(items, (), (Note("Decant payments: the Decant Procedure", "alliance 3.4"),))
    return attrs.evolve(decision, award=award, award_if_not_excluded=award, exclusions=())


def test_a_cell_that_cannot_be_computed_is_not_shown_as_nothing():
    decision = _decision_not_computable(ZERO)
    assert cell_text(decision) == "not computable"
    assert cell_text(_decision_not_computable(decision.award.total + 5)) == "£5.00+"
    row = Row(decision_scenario := scenario(id="decant"), {"alliance": decision})
    assert decision_scenario.id == "decant"
    text = render_comparison([row], ["alliance"], width=1000)
    assert "not computable: part of the remedy is set by a document the landlord" in text
    summary = text[text.index("summary") :]
    assert re.search(r"not computable +1\n", summary)
    assert re.search(r"nothing to pay +0\n", summary)


# ---------------------------------------------------------------- the format's bounds


def _validate(tmp_path, text, name="claim.toml"):
    (tmp_path / name).write_text(text)
    return invoke("validate", tmp_path)


def _errors(result):
    return [line for line in result.output.splitlines() if line.startswith("error: ")]


def test_deeply_nested_arrays_are_one_error_and_other_files_still_checked(tmp_path):
    (tmp_path / "other.toml").write_text(GOOD.replace("title", "titel"))
    result = _validate(tmp_path, GOOD + "tags = " + "[" * 500 + "]" * 500 + "\n", "deep.toml")
    assert result.exit_code == 1
    assert _errors(result) == [
        f"error: {tmp_path / 'deep.toml'}: tables and lists are nested more than 8 levels "
        "deep; expected a scenario file (see compsim schema)",
        f"error: {tmp_path / 'other.toml'}: titel: unknown field; did you mean 'title'? "
        "(expected one of: format, id, title, description, tags, household, account, failure, "
        "dates, claim, amenities_lost, costs, damaged_items, legal, complaint, decant, source, "
        "expected)",
        f"error: {tmp_path / 'other.toml'}: title: required field is missing; expected text "
        "(at most 10,000 characters)",
    ]


@pytest.mark.parametrize(
    "case",
    [
        (
            "[complaint]\nreceived = 9999-12-31\n",
            "complaint.received: expected a date such as 2026-01-05, from 1950-01-01 to "
            "2099-12-31, got the date 9999-12-31 (outside 1950-01-01 to 2099-12-31)",
        ),
        (
            '[[amenities_lost]]\namenity = "kitchen"\nfrom = 0001-01-01\nto = 9000-01-01\n',
            "amenities_lost[1].from: expected a date such as 2026-01-05, from 1950-01-01 to "
            "2099-12-31, got the date 0001-01-01 (outside 1950-01-01 to 2099-12-31)",
            "amenities_lost[1].to: expected a date such as 2026-01-05, from 1950-01-01 to "
            "2099-12-31, got the date 9000-01-01 (outside 1950-01-01 to 2099-12-31)",
        ),
        (
            "[household]\nnamed_tenants = 100000000000000000000000000000\n",
            "household.named_tenants: expected a whole number from 1 to 20, got "
            "100000000000… (a number of 30 digits)",
        ),
        (
            '[[costs]]\nkind = "food"\namount = 1000000.01\n',
            "costs[1].amount: expected an amount in pounds from 0 to 1,000,000, with at most "
            "two decimal places, got 1000000.01 (too large)",
        ),
    ],
)
def test_values_outside_the_documented_bounds_are_refused(tmp_path, case):
    extra, *messages = case
    result = _validate(tmp_path, GOOD + extra)
    assert _errors(result) == [f"error: {tmp_path / 'claim.toml'}: {m}" for m in messages]


def test_a_huge_count_is_refused_not_a_crash(tmp_path):
    text = GOOD.replace('kind = "repair-delay"', 'kind = "repair-delay"\nmissed_appointments = ')
    result = _validate(tmp_path, text.replace("= \n", "= " + "1" + "0" * 29 + "\n"))
    assert _errors(result) == [
        f"error: {tmp_path / 'claim.toml'}: failure.missed_appointments: expected a whole "
        "number from 0 to 1,000, got 100000000000… (a number of 30 digits)"
    ]


def test_minus_zero_money_is_zero(tmp_path):
    path = tmp_path / "claim.toml"
    path.write_text(GOOD + '[[costs]]\nkind = "food"\namount = -0.0\n')
    result = invoke("explain", path, "-l", "alliance")
    assert result.exit_code == 0
    assert "-0.00" not in result.output


def test_a_long_value_is_cut_in_its_error(tmp_path):
    result = _validate(tmp_path, GOOD + '[household]\ntenure = "' + "x" * 2_000_000 + '"\n')
    (line,) = _errors(result)
    assert line.endswith("got the text 'xxxxxxxxxx" + "x" * 69 + "… (2,000,002 characters)")
    assert len(line) < 400


def test_a_long_unknown_key_with_control_characters_is_cut_and_escaped(tmp_path):
    key = '"k\\u001b[2J' + "y" * 1000 + '"'
    result = _validate(tmp_path, GOOD + f"{key} = 1\n")
    (line,) = _errors(result)
    assert "\x1b" not in line and "k\\x1b[2Jyyyy" in line and len(line) < 600


def test_format_as_text_is_one_error(tmp_path):
    result = _validate(tmp_path, 'format = "1"\n' + GOOD)
    assert _errors(result) == [
        f"error: {tmp_path / 'claim.toml'}: format: expected a whole number from 1 to 10,000, "
        "got the text '1' (write it without quotes: in TOML, quotes make it text)"
    ]


# ---------------------------------------------------------------- output safety and streaming


def test_csv_keeps_free_text_on_one_line_and_neutralises_formulas():
    decision = decide("alliance", scenario())
    odd = attrs.evolve(
        decision,
        approval=attrs.evolve(decision.approval, approver='=HYPERLINK("x")\nsecond line'),
    )
    out = io.StringIO()
    write_csv([Row(scenario(), {"alliance": odd})], out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 2
    assert ',"\'=HYPERLINK(""x"") second line",' in lines[1]


def _rows(count):
    claim = scenario()
    decision = decide("alliance", claim)
    for _ in range(count):
        yield Row(claim, {"alliance": decision})


@pytest.mark.parametrize("write", [write_json, write_jsonl, write_csv])
def test_output_is_written_as_each_scenario_is_decided(write):
    out = io.StringIO()
    written = []

    def rows():
        for row in _rows(3):
            written.append(len(out.getvalue()))
            yield row

    write(rows(), out)
    assert written[0] <= written[1] < written[2]  # the first rows were out before the last


def test_streamed_json_is_the_json_lines_as_one_array():
    json_out, lines_out = io.StringIO(), io.StringIO()
    write_json(_rows(2), json_out)
    write_jsonl(_rows(2), lines_out)
    records = json.loads(json_out.getvalue())
    assert records == [json.loads(line) for line in lines_out.getvalue().splitlines()]
    assert len(records) == 2
    empty = io.StringIO()
    write_json(iter(()), empty)
    assert empty.getvalue() == "[]\n"


def test_compare_jsonl_has_one_record_per_scenario_and_landlord():
    result = invoke("compare", "-f", "jsonl", "--tag", "approvals", "-l", "star")
    lines = result.output.splitlines()
    assert lines and all(json.loads(line)["landlord"] == "star" for line in lines)


ABSOLUTE_PATH = re.compile(r"(?<![\w.])/(?:work|home|Users|root|mnt)/[\w.-]+|[A-Z]:\\\\[\w.-]+")


def test_no_absolute_machine_path_in_the_repository():
    root = Path(__file__).resolve().parents[1]
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=root, capture_output=True, text=True, check=True
    ).stdout.split()
    offenders = []
    for name in tracked:
        if name.startswith("plugins/") and name.endswith("README.md"):
            continue  # the plugin helpers are rewriting these citations
        path = root / name
        if path.suffix not in (".md", ".py", ".toml", ".txt", ".cfg", ".json", ""):
            continue
        if not path.is_file() or name == "tests/test_hardening.py":
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        offenders.extend(f"{name}: {match}" for match in ABSOLUTE_PATH.findall(text))
    assert offenders == []


def test_the_absolute_path_check_finds_one():
    assert ABSOLUTE_PATH.findall("see /work/shared/RULES.md and C:\\\\Users") == [
        "/work/shared",
        "C:\\\\Users",
    ]
    assert ABSOLUTE_PATH.findall('assert "/work/" not in readme; src/compsim/x.py') == []


# Scenario text, plugin text and a --params file's text are untrusted: whatever the output
# (a terminal, a pipe, a file), diff, audit and every drafts header escape control characters.
ESCAPE = "\\u001b[31mRED\\u001b]0;title\\u0007\\u202e"


def _hostile_scenario(tmp_path):
    path = tmp_path / "hostile.toml"
    path.write_text(
        GOOD + f'[[damaged_items]]\nitem = "sofa {ESCAPE}"\nreplacement_value = 300\n'
        "value_at_loss = 100\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv"])
def test_diff_what_moved_escapes_scenario_text(tmp_path, fmt):
    path = _hostile_scenario(tmp_path)
    result = invoke(
        "diff", "alliance", "alliance", str(path), "-f", fmt,
        "--set", "alliance.belongings.valuation=replacement_value",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\u202e" not in result.output
    assert "\\x1b[31mRED" in result.output


def test_drafts_header_escapes_a_params_files_description(tmp_path):
    draft = tmp_path / "draft.toml"
    draft.write_text(
        f'variant = "a-d"\ndescription = "{ESCAPE}"\n[alliance]\nmatrix.full.medium = 600\n',
        encoding="utf-8",
    )
    for command in (["compare"], ["audit"]):
        result = invoke(*command, str(_hostile_scenario(tmp_path)), "--params", str(draft))
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.output and "\u202e" not in result.output
        assert "\\x1b[31mRED" in result.output


# A user's mistake is a one-line error (exit 2), never "internal error" (found by a probe).
@pytest.mark.parametrize(
    ("line", "key"),
    [("persistent = nan", "persistent"), ("persistent = inf", "persistent")],
)
def test_a_population_spec_with_a_number_that_is_not_finite(tmp_path, line, key):
    spec = tmp_path / "pop.toml"
    spec.write_text(f"cases = 10\n{line}\n[kinds]\nrepair-delay = 1\n", encoding="utf-8")
    error = one_line_error(invoke("simulate", spec, "--workers", 1))
    assert f"pop.toml: {key}: expected a finite number" in error


def test_a_population_weight_too_large_to_sum(tmp_path):
    spec = tmp_path / "pop.toml"
    spec.write_text("cases = 10\n[kinds]\nrepair-delay = 1e300\n", encoding="utf-8")
    error = one_line_error(invoke("simulate", spec, "--workers", 1))
    assert "kinds.repair-delay: expected a weight (a number from 0 to 1,000,000)" in error


def test_a_dask_scheduler_that_is_not_an_address():
    pytest.importorskip("distributed")
    spec = Path(__file__).parents[1] / "examples" / "population.toml"
    result = invoke("simulate", spec, "--cases", 10, "--executor", "dask", "--scheduler", "garbage")
    assert "expected an address such as tcp://HOST:PORT" in one_line_error(result)


def test_new_plugin_into_a_file_is_an_error_and_writes_nothing(tmp_path):
    afile = tmp_path / "a-file"
    afile.write_text("")
    error = one_line_error(invoke("new-plugin", "okp", "--directory", afile))
    assert "okp: cannot write: Not a directory" in error
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_an_override_past_a_date_parameters_bound_is_refused():
    result = invoke("compare", "--set", "ombudsman.jurisdiction.months=100000")
    assert "expected a whole number from 1 to 600" in one_line_error(result)


def test_a_set_wins_over_a_params_file_that_sets_the_same_parameter(tmp_path):
    draft = tmp_path / "draft.toml"
    draft.write_text('variant = "a-d"\n[alliance]\nmatrix.full.medium = 600\n', encoding="utf-8")
    scenario_file = tmp_path / "claim.toml"
    scenario_file.write_text(GOOD.replace("kind =", 'distress = "moderate"\nkind ='))
    result = invoke(
        "compare", scenario_file, "--params", draft, "--set", "a-d.matrix.full.medium=550",
        "-l", "a-d", "-f", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    (record,) = json.loads(result.output)
    assert record["award"]["total"] == "550.00"  # full responsibility x Medium, drafted


def test_sweep_on_a_csv_caseload_or_a_directory_says_what_it_takes(tmp_path):
    caseload = tmp_path / "cases.csv"
    caseload.write_text(f"{GOOD_CSV_HEADER}\n{GOOD_CSV_ROW}\n", encoding="utf-8")
    line = one_line_error(invoke("sweep", caseload, "--vary", "failure.reports=1..3"))
    assert "sweep takes one scenario file (.toml), not a CSV caseload" in line
    line = one_line_error(invoke("sweep", tmp_path, "--vary", "failure.reports=1..3"))
    assert line == f"error: {tmp_path}: is a directory; expected one scenario file (.toml)"


GOOD_CSV_HEADER = "id,title,failure.kind,dates.occurred,dates.claimed"
GOOD_CSV_ROW = "r1,Boiler broke,repair-delay,2026-01-05,2026-02-02"


def test_explain_refuses_a_caseload_with_a_repeated_id_as_compare_does(tmp_path):
    caseload = tmp_path / "cases.csv"
    caseload.write_text(f"{GOOD_CSV_HEADER}\n{GOOD_CSV_ROW}\n{GOOD_CSV_ROW}\n", encoding="utf-8")
    for command in ("explain", "compare"):
        line = one_line_error(
            invoke(command, f"{caseload}#r1" if command == "explain" else caseload)
        )
        assert line.endswith(
            f"row 3: id: expected a unique id; 'r1' is also the id of {caseload}: row 2"
        )


def test_a_header_only_caseload_is_the_same_error_everywhere(tmp_path):
    caseload = tmp_path / "cases.csv"
    caseload.write_text(f"{GOOD_CSV_HEADER}\n", encoding="utf-8")
    said = f"error: {caseload}: expected at least one case (a row) below the header row"
    for command in ("compare", "explain", "simulate"):
        assert one_line_error(invoke(command, caseload)) == said
    validated = invoke("validate", caseload)
    assert validated.exit_code == 1 and said in validated.output


def test_a_toml_file_may_start_with_a_byte_order_mark(tmp_path):
    scenario_file = tmp_path / "bom.toml"
    scenario_file.write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    params = tmp_path / "bom-params.toml"
    params.write_bytes(b"\xef\xbb\xbf[alliance]\nmatrix.full.major = 9\n")
    result = invoke("compare", scenario_file, "--params", params, "-l", "alliance")
    assert result.exit_code == 0, result.output


# ---------------------------------------------------------------- empty and non-finite values


@pytest.mark.parametrize(
    "args",
    [
        ["compare", ""],
        ["validate", ""],
        ["explain", ""],
        ["compare", "--output", "", str(library_path() / "repairs")],
        ["compare", "--tag", "", str(library_path() / "repairs")],
        ["serve", "--host", ""],
    ],
    ids=["compare-path", "validate-path", "explain-scenario", "output", "tag", "serve-host"],
)
def test_an_empty_value_is_refused_not_read_as_the_current_directory(args):
    # click reads '' as '.', so an unset "$DIR" would scan wherever the user stands
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "empty" in result.output


POPULATION = Path(__file__).parents[1] / "examples" / "population.toml"


@pytest.mark.parametrize("seconds", ["nan", "inf", "-inf"])
def test_bench_refuses_a_number_of_seconds_that_is_not_finite(seconds):
    result = invoke("bench", "--seconds", seconds)
    assert result.exit_code == 2, result.output
    assert "--seconds" in result.output


def test_simulate_refuses_a_diff_of_a_column_against_itself():
    result = invoke("simulate", POPULATION, "--diff", "alliance", "alliance")
    one_line_error(result)
    assert "both sides are the same column" in result.output


def test_simulate_refuses_a_scheduler_without_the_dask_executor():
    result = invoke("simulate", POPULATION, "--scheduler", "tcp://localhost:1")
    one_line_error(result)
    assert "--scheduler applies only with --executor dask" in result.output


# ---------------------------------------------------------------- clearer messages


def test_a_quoted_date_or_amount_in_a_scenario_says_to_drop_the_quotes(tmp_path):
    path = tmp_path / "quoted.toml"
    path.write_text(GOOD.replace("occurred = 2026-01-05", 'occurred = "2026-01-05"'))
    result = invoke("validate", path)
    assert result.exit_code == 1, result.output
    line = result.output.splitlines()[0]
    assert "dates.occurred" in line and "got the text '2026-01-05'" in line
    assert line.endswith("(write it without quotes: in TOML, quotes make it text)")
    # text that is no date gets no such hint
    path.write_text(GOOD.replace("occurred = 2026-01-05", 'occurred = "last week"'))
    assert "without quotes" not in invoke("validate", path).output


def test_a_params_file_error_names_the_value_once_and_plainly(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[alliance]\n"matrix.full.medium" = 600.001\n')
    line = one_line_error(invoke("compare", "-l", "alliance", "--params", bad))
    assert line.count("matrix.full.medium") == 1, line
    assert line.endswith("got 600.001") and "Decimal" not in line
    bad.write_text('[alliance]\n"matrix.full.medium" = "600"\n')
    line = one_line_error(invoke("compare", "-l", "alliance", "--params", bad))
    assert line.endswith("got '600' (write it without quotes: in TOML, quotes make it text)")
    line = one_line_error(invoke("compare", "--set", "alliance.matrix.full.medium=nan"))
    assert line.count("matrix.full.medium") == 1, line


def test_a_drafted_amount_is_shown_in_pounds_and_pence():
    result = invoke("compare", "-l", "alliance", "--set", "alliance.matrix.full.major=1200")
    assert "draft value 1200.00 (current policy: 1000.00" in result.output


def test_a_second_variant_of_the_same_name_is_named_against_its_own_file(tmp_path):
    first, second = tmp_path / "first.toml", tmp_path / "second.toml"
    for path in (first, second):
        path.write_text('variant = "alliance-x"\n[alliance]\n"matrix.full.medium" = 600.00\n')
    line = one_line_error(invoke("compare", "--params", first, "--params", second))
    assert line == (
        f"error: {second}: variant 'alliance-x' is already the name of a variant in {first}"
    )


def test_a_golden_no_decision_could_meet_and_other_slips_are_refused(tmp_path):
    path = tmp_path / "slips.toml"
    path.write_text(
        GOOD.replace('title = "Boiler broke"', 'title = " "')
        + '[household]\nvulnerabilities = ["disability", "disability"]\n'
        + '[expected.alliance]\nmin = 500.00\nmax = 100.00\napprover = ""\n'
    )
    output = invoke("validate", path).output.splitlines()
    errors = [line for line in output if line.startswith("error:")]
    assert [line.split(": ")[2] for line in errors] == [
        "expected.alliance.max",
        "expected.alliance.approver",
        "title",
        "household.vulnerabilities",
    ]


def test_a_determination_decided_before_its_failure_is_refused(tmp_path):
    path = tmp_path / "early.toml"
    path.write_text(
        GOOD
        + '[source]\ncase = "1"\ndecided = 2025-01-01\nfinding = "maladministration"\n'
        + 'ordered = 100.00\nsplit = "fit"\n'
    )
    (line,) = [line for line in invoke("validate", path).output.splitlines() if "error:" in line]
    assert line.endswith(
        "source.decided: expected a date on or after dates.occurred (2026-01-05), got 2025-01-01"
    )


def test_a_csv_cell_past_the_reader_s_limit_is_named_with_its_row(tmp_path):
    template = invoke("csv-template").output.splitlines()
    header, example = template[0], template[1]
    path = tmp_path / "big.csv"
    long_cell = example.replace("kitchen-five-weeks", "long", 1) + "," + "x" * 200_000
    path.write_text("\n".join([header, example, long_cell]) + "\n")
    line = invoke("validate", path).output.splitlines()[0]
    assert line.startswith(f"error: {path}: row 3: not valid CSV: a cell is longer than 131,072")


def test_a_link_to_a_scenario_that_is_gone_is_an_error_not_skipped(tmp_path):
    (tmp_path / "boiler.toml").write_text(GOOD)
    (tmp_path / "gone.toml").symlink_to(tmp_path / "nowhere" / "gone.toml")
    result = invoke("validate", tmp_path)
    assert result.exit_code == 1, result.output
    assert f"error: {tmp_path / 'gone.toml'}: cannot read the file" in result.output
