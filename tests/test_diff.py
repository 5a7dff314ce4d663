"""compsim diff: the shipped Alliance draft against the published policy, worked by hand.

examples/alliance-draft.toml raises Alliance's full-responsibility Medium Impact figure (2.7)
from £500 to £600 and lowers the Service Director approval threshold (5.1) from over £5,000
to over £2,500.
"""

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from compsim.cli import cli
from compsim.diff import compare_cells, run_diff, side_labels
from compsim.params import load_override_file, parse_set_option
from compsim.plugins import build_policies, discover
from compsim.scenarios import library_path, load_paths
from compsim.simulate import evaluate_cell
from compsim.testing.strategies import scenarios

ROOT = Path(__file__).resolve().parents[1]
DRAFT = ROOT / "examples" / "alliance-draft.toml"


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def library_diff():
    registry = discover()
    variant, overrides = load_override_file(DRAFT)
    policies = build_policies(registry, ["alliance", "alliance-draft"], overrides, [variant])
    before, after = policies
    return run_diff(load_paths([library_path()]), before, after, ("alliance", "alliance-draft"))


def by_id(diff, scenario):
    return next(s for s in diff.scenarios if s.scenario == scenario)


def test_kitchen_five_weeks_gets_100_more_under_alliance_2_7_draft(library_diff):
    # Moderate distress -> Medium Impact, full responsibility (2.7): £500 now, £600 in the
    # draft; the £64.20 food receipt is reimbursed on both sides (2.5, 2.6).
    # Before 500 + 64.20 = 564.20; after 600 + 64.20 = 664.20; change +£100.00. Neither is over
    # £2,500, so the approver does not move (5.1).
    s = by_id(library_diff, "kitchen-five-weeks")
    assert (s.before_total, s.after_total, s.change) == (
        Decimal("564.20"),
        Decimal("664.20"),
        Decimal("100.00"),
    )
    assert s.outcome == "more"
    assert [m.what for m in s.moved] == ["item", "settlement"]
    item = s.moved[0]
    assert (item.before, item.after) == ("£500.00 (published)", "£600.00 (draft)")
    assert item.clause_before == item.clause_after == "alliance 2.7"
    assert s.after.rests_on_draft and not s.before.rests_on_draft


def test_five_thousand_exactly_needs_the_service_director_under_the_draft_5_1(library_diff):
    # Severe distress -> Major £1,000 (2.7, unchanged by the draft) + wardrobe at value at loss
    # £4,000 (2.10) = £5,000 on both sides. 5.1: "over £5,000" -> not senior now; over the
    # draft's £2,500 -> the Service Director too. Same money, a different approver.
    s = by_id(library_diff, "five-thousand-exactly")
    assert s.before_total == s.after_total == Decimal("5000.00")
    assert s.outcome == "same" and s.changed
    (approver,) = s.moved
    assert approver.what == "approver"
    assert approver.before == "Customer Experience Manager (budget holder)"
    assert "Service Director" in approver.after
    assert not s.before.approval.senior and s.after.approval.senior


def test_stage_two_over_easter_complaint_handling_at_medium_moves_too(library_diff):
    # Considerable distress -> Major £1,000 (2.7, unchanged). Two complaint timescales missed:
    # a repeated failure valued at Medium on the full row (2.6, 2.7): £500 now, £600 in the
    # draft. Before £1,500, after £1,600 (not over £2,500: approver unchanged).
    s = by_id(library_diff, "stage-two-over-easter")
    assert (s.before_total, s.after_total) == (Decimal("1500.00"), Decimal("1600.00"))
    items = [m for m in s.moved if m.what == "item"]
    assert len(items) == 1 and items[0].label.startswith("Poor complaint handling")


def test_an_excluded_claim_stays_excluded_and_is_not_a_change(library_diff):
    # Access refused excludes the claim under 3.1 on both sides: nothing is paid either way.
    s = by_id(library_diff, "access-refused")
    assert s.outcome == "same" and not s.changed and s.moved == ()


def test_winners_losers_and_cost_add_up(library_diff):
    counts = library_diff.counts()
    assert sum(counts.values()) == len(library_diff.scenarios) == len(load_paths([library_path()]))
    # the draft only raises a figure: nobody gets less, nobody is newly excluded
    assert counts["less"] == counts["newly excluded"] == counts["newly covered"] == 0
    totals = {name: (b, a) for name, b, a in library_diff.totals()}
    before, after = totals["total paid"]
    assert after - before == sum(s.change for s in library_diff.scenarios)
    # every winner gets £100 more for each Medium Impact item the draft raises: the distress
    # item, and Alliance's own complaint-handling item where that is Medium too; and one senior
    # approval is added
    for scenario in library_diff.scenarios:
        if scenario.outcome == "more":
            raised = [m for m in scenario.moved if m.what == "item" and "Medium Impact" in m.label]
            assert scenario.change == 100 * len(raised) > 0, scenario.scenario
    assert totals["senior approvals"][1] - totals["senior approvals"][0] == 1


def test_newly_excluded_and_newly_covered():
    registry = discover()
    scenarios = load_paths([library_path()])
    base = build_policies(registry, ["alliance"])[0]
    tighter = build_policies(
        registry, ["alliance"], [parse_set_option("alliance.time_limits.claim_months=1")]
    )[0]
    diff = run_diff(scenarios, base, tighter, side_labels("alliance", "alliance"))
    assert diff.draft == "alliance (draft)"
    newly = [s for s in diff.scenarios if s.outcome == "newly excluded"]
    assert newly and all(s.after.excluded and not s.before.excluded for s in newly)
    assert any(
        m.what == "exclusion" and m.clause_after == "alliance 4.2, 4.4" for m in newly[0].moved
    )
    back = compare_cells("x", "x", newly[0].after, newly[0].before)
    assert back.outcome == "newly covered"


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json"])
def test_diff_command_every_format_exits_0(fmt):
    result = run("diff", "alliance", "alliance-draft", "--params", str(DRAFT), "-f", fmt)
    assert result.exit_code == 0, result.output
    if fmt == "json":
        data = json.loads(result.output)
        assert data["drafts"][0]["description"].startswith("Draft 2027")
        kitchen = next(c for c in data["changed"] if c["scenario"] == "kitchen-five-weeks")
        assert (kitchen["before"]["total"], kitchen["after"]["total"]) == ("564.20", "664.20")
        assert kitchen["change"] == "100.00"
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.output)))
        assert len(rows) == len(load_paths([library_path()]))  # every scenario, changed or not
        kitchen = next(r for r in rows if r["scenario"] == "kitchen-five-weeks")
        assert kitchen["change"] == "100.00" and kitchen["outcome"] == "more"
    else:
        assert "Winners and losers" in result.output and "Draft 2027" in result.output
        assert "+£100.00" in result.output


def test_diff_of_a_policy_with_itself_is_a_users_mistake():
    result = run("diff", "alliance", "alliance")
    assert result.exit_code == 2
    assert "both sides are the published alliance policy" in result.output


def test_diff_unknown_side_is_one_line_exit_2():
    result = run("diff", "alliance", "nobody")
    assert result.exit_code == 2 and "unknown landlord 'nobody'" in result.output


# ---------------------------------------------------------------- properties


OPPOSITE = {
    "more": "less",
    "less": "more",
    "same": "same",
    "newly excluded": "newly covered",
    "newly covered": "newly excluded",
}


@pytest.fixture(scope="module")
def alliance_pair():
    registry = discover()
    published = build_policies(registry, ["alliance"])[0]

    def with_medium(value: int):
        override = parse_set_option(f"alliance.matrix.full.medium={value}")
        return build_policies(registry, ["alliance"], [override])[0]

    return published, with_medium


@given(scenario=scenarios(), medium=st.integers(0, 2000))
def test_property_a_diff_reversed_is_the_opposite_and_adds_up(alliance_pair, scenario, medium):
    published, with_medium = alliance_pair
    before = evaluate_cell(scenario, published)
    after = evaluate_cell(scenario, with_medium(medium))
    forward = compare_cells(scenario.id, scenario.title, before, after)
    backward = compare_cells(scenario.id, scenario.title, after, before)
    assert backward.outcome == OPPOSITE[forward.outcome]
    assert forward.change == -backward.change == after.award.total - before.award.total
    # raising the Medium figure never lowers an award, lowering it never raises one
    if medium >= 500:
        assert forward.outcome in ("more", "same")
    else:
        assert forward.outcome in ("less", "same")
    # a change in money always says which item moved
    if forward.change:
        assert any(m.what == "item" for m in forward.moved)


@given(scenario=scenarios())
def test_property_a_draft_equal_to_the_policy_changes_nothing(alliance_pair, scenario):
    published, with_medium = alliance_pair
    same = compare_cells(
        scenario.id,
        scenario.title,
        evaluate_cell(scenario, published),
        evaluate_cell(scenario, with_medium(500)),
    )
    assert same.outcome == "same" and same.moved == () and not same.changed


def test_the_readme_shows_a_real_diff(monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("$ compsim diff ", 1)[1].split("```", 1)[0]
    command, shown = block.split("\n", 1)
    while command.endswith("\\"):  # continued lines
        more, shown = shown.split("\n", 1)
        command = command[:-1] + " " + more.strip()
    monkeypatch.chdir(ROOT)
    result = run("diff", *command.split())
    assert result.exit_code == 0
    assert result.output == shown
