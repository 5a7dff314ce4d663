"""The command line, end to end: the shipped library, every output format, bad input."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from compsim.cli import cli
from compsim.scenarios import library_path

ROOT = Path(__file__).resolve().parents[1]
GOOD = """title = "Boiler broke"
[failure]
kind = "repair-delay"
[dates]
occurred = 2026-01-05
claimed = 2026-02-02
[expected.alliance]
total = 500.00
"""


def run(*args, **kwargs):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False, **kwargs)


def test_compare_runs_the_shipped_library():
    result = run("compare")
    assert result.exit_code == 0, result.output
    assert "kitchen-five-weeks" in result.output and "alliance" in result.output
    assert "claims paid" in result.output and "total paid" in result.output


def test_compare_json_keeps_the_output_contract():
    result = run("compare", "--format", "json", "--landlord", "alliance")
    records = json.loads(result.output)
    keys = {
        "scenario",
        "landlord",
        "excluded",
        "exclusions",
        "impact",
        "award",
        "approval",
        "settlement",
        "trace",
    }
    assert all(keys <= set(r) for r in records)
    kitchen = next(r for r in records if r["scenario"] == "kitchen-five-weeks")
    assert kitchen["award"]["total"] == "564.20"  # money as text with two decimals
    assert set(kitchen["award"]["items"][0]) >= {"label", "amount", "clause", "basis"}
    assert kitchen["approval"]["clause"] == "alliance 5.1"
    assert kitchen["settlement"]["paid_to_customer"] == "564.20"
    assert kitchen["settlement"]["credited_to_account"] == "0.00"
    assert {"paid_to_customer", "credited_to_account", "form"} <= set(kitchen["settlement"])

    assert {"step", "detail", "clause"} <= set(kitchen["trace"][0])
    excluded = next(r for r in records if r["scenario"] == "personal-injury")
    assert excluded["excluded"] is True and excluded["exclusions"][0]["clause"]
    assert excluded["award"]["total"] == "0.00"
    assert excluded["award_if_not_excluded"]["total"] == "1000.00"


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv"])
def test_compare_formats(fmt):
    result = run("compare", "--format", fmt, "--tag", "approvals")
    assert result.exit_code == 0
    assert "five-thousand-exactly" in result.output


def test_compare_from_any_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("compare", "--format", "csv")
    assert result.exit_code == 0
    rows = result.output.splitlines()[1:]
    library = len(list(library_path().rglob("*.toml")))
    assert len(rows) == library * 5  # every shipped scenario, under each of the five policies


def test_compare_with_a_draft_variant_beside_the_policy(tmp_path):
    draft = tmp_path / "draft.toml"
    draft.write_text('variant = "alliance-draft"\n[alliance]\nmatrix.full.medium = 600\n')
    scenario = library_path() / "offsets" / "arrears-exceed-award.toml"
    result = run(
        "compare",
        str(scenario),
        "--params",
        str(draft),
        "--format",
        "json",
        "--landlord",
        "alliance",
    )
    records = json.loads(result.output)
    assert [(r["landlord"], r["award"]["total"]) for r in records] == [
        ("alliance", "500.00"),
        ("alliance-draft", "600.00"),
    ]


def test_compare_writes_an_output_file(tmp_path):
    out = tmp_path / "out.json"
    result = run("compare", "-f", "json", "-o", str(out), "--tag", "approvals")
    assert result.exit_code == 0 and result.output == ""
    written = json.loads(out.read_text())
    assert written == json.loads(run("compare", "-f", "json", "--tag", "approvals").output)
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temporary file left


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["compare", "--landlord", "nobody"], "error: unknown landlord 'nobody'; installed: "),
        (
            ["compare", "--set", "alliance.matrix.full.major=lots"],
            "error: --set alliance.matrix.full.major=lots: expected an amount",
        ),
        (["compare", "--set", "nobody.x=1"], "error: --set nobody.x=1: unknown landlord"),
        (
            ["compare", "--set", "alliance.nope=1"],
            "error: --set alliance.nope=1: alliance has no parameter 'nope'",
        ),
        (["compare", "no/such/dir"], "error: no/such/dir: no such file or directory"),
        (["explain", "no-such-scenario"], "error: no-such-scenario: no scenario file or library"),
    ],
)
def test_bad_input_is_one_line_and_exits_nonzero(args, message):
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert result.output.startswith(message), result.output
    assert len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_a_bad_scenario_file_writes_no_partial_results(tmp_path):
    (tmp_path / "good.toml").write_text(GOOD)
    (tmp_path / "bad.toml").write_text(GOOD.replace("claimed = 2026-02-02", "claimed = 2025-01-01"))
    out = tmp_path / "out.json"
    result = CliRunner().invoke(cli, ["compare", str(tmp_path), "-f", "json", "-o", str(out)])
    assert result.exit_code == 2
    assert result.output == (
        f"error: {tmp_path / 'bad.toml'}: dates.claimed: expected a date on "
        "or after dates.aware (2026-01-05), got 2025-01-01\n"
    )
    assert not out.exists()


def test_validate_reports_every_error_in_every_file(tmp_path):
    (tmp_path / "one.toml").write_text(GOOD.replace('title = "Boiler broke"', "title = 5\nx = 1"))
    (tmp_path / "two.toml").write_text("")
    (tmp_path / "ok.toml").write_text(GOOD)
    result = CliRunner().invoke(cli, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert len([line for line in lines if line.startswith("error: ")]) == 3
    assert lines[-1] == "3 files checked: 3 errors in 2 files"


def test_validate_the_shipped_library():
    result = run("validate")
    assert result.exit_code == 0 and "no errors" in result.output


def test_test_passes_on_the_shipped_library():
    result = run("test")
    assert result.exit_code == 0, result.output
    assert result.output.rstrip().endswith("0 mismatches")


def test_test_reports_a_mismatch_as_wanted_and_got(tmp_path):
    (tmp_path / "claim.toml").write_text(GOOD.replace("total = 500.00", "total = 450.00"))
    result = CliRunner().invoke(cli, ["test", str(tmp_path)])
    assert result.exit_code == 1
    assert f"{tmp_path / 'claim.toml'} [alliance] total: wanted £450.00, got £500.00" in (
        result.output
    )


def test_test_reports_an_expected_landlord_that_is_not_installed(tmp_path):
    (tmp_path / "claim.toml").write_text(GOOD + "[expected.nobody]\ntotal = 1\n")
    result = CliRunner().invoke(cli, ["test", str(tmp_path)])
    assert result.exit_code == 1 and "no landlord 'nobody' is installed" in result.output


def test_explain_cites_a_clause_at_every_step():
    result = run("explain", "leak-damages-belongings-with-arrears", "--landlord", "alliance")
    assert result.exit_code == 0
    for heading in (
        "1. Is the claim excluded?",
        "2. Impact: Medium Impact [alliance 2.7]",
        "3. Award",
        "4. Approval:",
        "5. Settlement: £1,050.00 paid",
    ):
        assert heading in result.output
    assert "[alliance 3.1]" in result.output and "[alliance 2.10]" in result.output


def test_explain_a_scenario_file(tmp_path):
    path = tmp_path / "claim.toml"
    path.write_text(GOOD)
    result = run("explain", str(path))
    assert result.exit_code == 0 and "Total award: £500.00." in result.output


def test_plugins_lists_installed_policies():
    result = run("plugins")
    assert "alliance: Alliance Homes (landlord)" in result.output
    assert "compsim-alliance" in result.output


def test_params_shows_value_clause_and_basis():
    result = run("params", "alliance")
    assert result.exit_code == 0
    assert "matrix.full.major" in result.output and "alliance 2.7" in result.output
    assert "assumption" in result.output


def test_params_shows_an_override():
    result = run("params", "alliance", "--set", "alliance.matrix.full.major=1200")
    row = result.output[result.output.index("matrix.full.major") :]
    assert "1200" in row.split("\n")[0] and "draft (override: --set;" in row
    assert "current: 1000.00)" in row


def test_bench_prints_throughput():
    result = run("bench", "--seconds", "0.2", "--landlord", "alliance")
    assert result.exit_code == 0 and "decisions/s" in result.output


def test_help_imports_nothing_heavy():
    code = (
        "import sys; from compsim.cli import cli; "
        "print(sorted(m for m in ('tabulate', 'holidays', 'hypothesis', 'compsim.models') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_python_dash_m_compsim():
    out = subprocess.run(
        [sys.executable, "-m", "compsim", "--help"], capture_output=True, text=True, check=True
    )
    assert "compare" in out.stdout


def test_library_ships_with_the_package():
    assert library_path().is_dir()
    assert (library_path() / "amenities" / "kitchen-five-weeks.toml").exists()


def test_test_checks_whether_senior_approval_is_needed(tmp_path):
    (tmp_path / "claim.toml").write_text(GOOD + "senior = true\n")
    result = CliRunner().invoke(cli, ["test", str(tmp_path)])

    assert result.exit_code == 1
    assert "[alliance] senior: wanted True, got False (Customer Experience Manager" in (
        result.output
    )
