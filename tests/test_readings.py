"""compsim readings: what flipping each reading switch alone does to a library."""

import json
from decimal import Decimal

import attrs
import pytest
from click.testing import CliRunner

from compsim.cli import cli
from compsim.plugins import build_policies, discover
from compsim.readings import cost_of_readings, flips, render_readings
from compsim.scenarios import library_path, load_paths, load_text

VULNERABLE_MINIMAL = """
title = "Vulnerable tenant, minimal distress, reported once"
[household]
vulnerabilities = ["disability"]
[failure]
kind = "repair-delay"
distress = "minimal"
[dates]
occurred = 2026-01-05
resolved = 2026-01-20
claimed = 2026-02-01
"""


def _alliance_with_switch(path="impact.vulnerability_lifts"):
    """Alliance with one assumption parameter declared a switch, and only that one, whatever
    the shipped file says, so the test does not depend on which switches the plugin declares."""
    (policy,) = build_policies(discover(), ["alliance"], include_references=False)
    defs = {p: attrs.evolve(d, alternative="") for p, d in policy.params.defs.items()}
    defs[path] = attrs.evolve(defs[path], alternative="the other reading")
    return attrs.evolve(policy, params=attrs.evolve(policy.params, defs=defs))


def test_flipping_the_vulnerability_lift_moves_low_to_medium_by_hand():
    # Alliance 2.7 matrix, full responsibility: Medium £500, Low £100. Minimal distress is Low;
    # the vulnerability lift (on by default) makes it Medium. Flipped off: £100, a change of
    # -£400.
    scenario = load_text(VULNERABLE_MINIMAL, stem="vulnerable-minimal")
    (cost,) = cost_of_readings([scenario], [_alliance_with_switch()])
    assert (cost.default, cost.flipped) == (True, False)
    (change,) = cost.changes
    assert (change.before, change.after) == (Decimal("500.00"), Decimal("100.00"))
    assert change.what == ("award", "settlement")
    assert cost.money_moved == Decimal("400.00")
    assert cost.net_change == Decimal("-400.00")
    assert cost.largest == change
    assert change.paid_change == Decimal("-400.00")  # no debts: all of it was paid
    assert cost.paid_moved == Decimal("400.00")


def test_a_reading_that_moves_money_between_claimant_and_debt_moves_no_award():
    # Alliance 2.10: arrears "may" be credited. With £300 owed, the £100 Low award is credited
    # by default; flipped, it is all paid: no award moves, £100 of payment does.
    scenario = load_text(
        VULNERABLE_MINIMAL.replace('vulnerabilities = ["disability"]', "")
        + "[account]\nrent_arrears = 300.00\n",
        stem="in-arrears",
    )
    policy = _alliance_with_switch("readings.credit_arrears")
    (cost,) = [c for c in cost_of_readings([scenario], [policy]) if c.path.endswith("arrears")]
    (change,) = cost.changes
    assert change.what == ("settlement", "form of payment")
    assert cost.money_moved == 0
    assert change.paid_change == Decimal("100.00")
    assert cost.paid_moved == Decimal("100.00")


def test_readings_agree_with_running_the_flip_by_hand_over_the_library():
    scenarios = load_paths([library_path()])
    policy = _alliance_with_switch()
    (cost,) = cost_of_readings(scenarios, [policy])
    registry = discover()
    from compsim.params import parse_set_option
    from compsim.simulate import evaluate

    (flipped,) = build_policies(
        registry, ["alliance"], [parse_set_option("alliance.impact.vulnerability_lifts=false")]
    )
    expected = {}
    for scenario in scenarios:
        before = evaluate(scenario, policy).award.total
        after = evaluate(scenario, flipped).award.total
        if before != after:
            expected[scenario.id] = after - before
    assert {c.scenario: c.delta for c in cost.changes if c.delta} == expected
    assert cost.money_moved == sum(abs(v) for v in expected.values())


def test_money_moved_sorts_the_readings():
    scenarios = [load_text(VULNERABLE_MINIMAL, stem="vulnerable-minimal")]
    policy = _alliance_with_switch()
    defs = dict(policy.params.defs)
    path = "time_limits.discretion_beyond_complaint_months"
    defs[path] = attrs.evolve(defs[path], alternative="open")
    policy = attrs.evolve(policy, params=attrs.evolve(policy.params, defs=defs))
    costs = cost_of_readings(scenarios, [policy])
    assert [c.path for c in costs] == ["impact.vulnerability_lifts", path]
    assert costs[1].changes == ()


def test_a_choice_switch_is_flipped_to_each_other_choice():
    (policy,) = build_policies(discover(), ["alliance"], include_references=False)
    definition = policy.params.defs["belongings.valuation"]
    assert flips(definition) == ["replacement_value"]


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json"])
def test_every_format_renders(fmt):
    scenario = load_text(VULNERABLE_MINIMAL, stem="vulnerable-minimal")
    text = render_readings(cost_of_readings([scenario], [_alliance_with_switch()]), fmt)
    assert "impact.vulnerability_lifts" in text
    if fmt == "json":
        (record,) = json.loads(text)
        assert record["money_moved"] == "400.00"
        assert record["net_change"] == "-400.00"
        assert record["largest_change"] == {"scenario": "vulnerable-minimal", "change": "-400.00"}
        assert record["alternative"] == "the other reading"
    elif fmt == "csv":
        assert "400.00,-400.00,400.00,vulnerable-minimal,-400.00" in text
    else:
        assert "£400.00" in text and "the other reading" in text


def test_the_command_runs_on_the_library_in_json():
    result = CliRunner().invoke(cli, ["readings", "-f", "json"])
    assert result.exit_code == 0, result.output
    records = json.loads(result.output)
    money = [Decimal(r["money_moved"]) for r in records]
    assert money == sorted(money, reverse=True)
    for record in records:
        assert record["alternative"]
