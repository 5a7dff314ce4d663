"""Drafts are drafts: marked apart from assumptions in every format, and every output says
which drafts are in force."""

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from compsim.cli import cli
from compsim.render.records import csv_safe

ROOT = Path(__file__).resolve().parents[1]
DRAFT = str(ROOT / "examples" / "alliance-draft.toml")


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_table_says_which_drafts_are_in_force_and_marks_them():
    result = run("compare", "-l", "alliance", "-l", "alliance-draft", "--params", DRAFT)
    assert result.exit_code == 0, result.output
    head = result.output.split("\n\n")[0]
    assert head.startswith("Drafts in force")
    assert "Draft 2027: Medium Impact raised" in head  # the draft file's description
    assert "matrix.full.medium = draft value 600.00 (current policy: 500.00" in head
    kitchen = next(line for line in result.output.splitlines() if "kitchen-five-weeks" in line)
    assert kitchen.split()[1:] == ["£564.20", "£664.20†"]
    assert "† part of the award rests on a draft value" in result.output


def test_summary_counts_drafts_apart_from_assumptions():
    result = run("compare", "-l", "alliance", "-l", "alliance-draft", "--params", DRAFT)
    lines = {line.split("  ")[0]: line.split() for line in result.output.splitlines()}
    assert "claims resting on drafts" in lines and "share of total paid on drafts" in lines
    on_drafts = lines["claims resting on drafts"][-2:]
    assert on_drafts[0] == "0" and int(on_drafts[1]) > 0


def test_no_draft_no_header_and_no_draft_lines():
    result = run("compare", "-l", "alliance")
    assert "Drafts in force" not in result.output
    assert "share of total paid on drafts" not in result.output


def test_markdown_header_lists_the_drafts():
    result = run("compare", "-f", "markdown", "-l", "alliance-draft", "--params", DRAFT)
    assert result.output.startswith("Drafts in force")
    assert "\n- alliance-draft: a draft of alliance" in result.output


def test_json_keeps_a_list_and_adds_drafts_to_each_record():
    result = run(
        "compare", "-f", "json", "-l", "alliance", "-l", "alliance-draft", "--params", DRAFT
    )
    records = json.loads(result.output)
    assert isinstance(records, list)
    published = next(r for r in records if r["landlord"] == "alliance")
    assert published["drafts"] == []
    kitchen = next(
        r
        for r in records
        if r["landlord"] == "alliance-draft" and r["scenario"] == "kitchen-five-weeks"
    )
    medium = next(d for d in kitchen["drafts"] if d["parameter"] == "matrix.full.medium")
    assert medium == {
        "parameter": "matrix.full.medium",
        "value": "600.00",
        "current": "500.00",
        "current_basis": "published",
        "clause": "alliance 2.7",
        "source": DRAFT,
        "used": True,
    }
    assert kitchen["rests_on_draft"] is True and kitchen["rests_on_assumption"] is False
    assert kitchen["award"]["items"][0]["basis"] == "draft"


def test_json_drafts_in_force_but_not_used_say_so():
    # severe distress is Major Impact: the draft Medium figure is in force but not consulted
    result = run("compare", "-f", "json", "-l", "alliance-draft", "--params", DRAFT)
    access = next(r for r in json.loads(result.output) if r["scenario"] == "five-thousand-exactly")
    assert {d["parameter"] for d in access["drafts"]} == {
        "matrix.full.medium",
        "approval.senior_over",
    }
    used = {d["parameter"]: d["used"] for d in access["drafts"]}
    assert used == {"matrix.full.medium": False, "approval.senior_over": True}


def test_csv_has_draft_columns_at_the_end():
    result = run("compare", "-f", "csv", "-l", "alliance-draft", "--params", DRAFT)
    reader = csv.DictReader(io.StringIO(result.output))
    assert reader.fieldnames[-2:] == ["rests_on_draft", "drafts"]
    kitchen = next(r for r in reader if r["scenario"] == "kitchen-five-weeks")
    assert kitchen["rests_on_draft"] == "true"
    assert kitchen["drafts"] == "matrix.full.medium=600.00; approval.senior_over=2500.00"


def test_explain_on_a_draft_column_names_the_draft_value_and_the_current_one():
    result = run("explain", "kitchen-five-weeks", "-l", "alliance-draft", "--params", DRAFT)
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert "Draft: Draft 2027" in text
    assert (
        "matrix.full.medium: draft value 600.00 (current policy: 500.00, published, alliance 2.7)"
        in text
    )
    assert "£600.00 (draft)" in text
    assert "publishes no figure" not in text


def test_set_is_a_draft_too():
    result = run(
        "explain",
        "kitchen-five-weeks",
        "-l",
        "alliance",
        "--set",
        "alliance.matrix.full.medium=650",
    )
    assert "draft value 650.00 (current policy: 500.00, published, alliance 2.7)" in " ".join(
        result.output.split()
    )


def test_csv_cells_cannot_start_a_formula():
    assert csv_safe('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert csv_safe("+1+1") == "'+1+1"
    assert csv_safe("-2+3+cmd|' /C calc'!A0") == "'-2+3+cmd|' /C calc'!A0"
    assert csv_safe("@SUM(A1)") == "'@SUM(A1)"
    assert csv_safe("-100.00") == "-100.00"  # a plain number is not a formula
    assert csv_safe("kitchen") == "kitchen" and csv_safe(None) is None
