"""The plugin host: discovery in guards, one manager per policy, return values checked."""

import re
import sys
import textwrap
from decimal import Decimal
from importlib.metadata import EntryPoint

import pytest

from compsim import plugins
from compsim.errors import CompsimError, PluginError
from compsim.models import Award, AwardItem, Settlement, SettlementPart
from compsim.plugins import build_policies, discover, make_manager
from compsim.simulate import evaluate, evaluate_cell, simulate
from compsim.testing import scenario

GOOD_PLUGIN = """
from decimal import Decimal
from pathlib import Path
from compsim import hookimpl
from compsim.models import Approval, Award, AwardItem, Impact, Settlement, SettlementPart
from compsim.plugins import PolicyInfo

PARAMS = Path(__file__).with_name("{name}_params.toml")

@hookimpl
def policy_info():
    return PolicyInfo("{name}", "Test Homes", ("Test policy",), "1", PARAMS)

@hookimpl
def is_excluded(scenario, params):
    return []

@hookimpl
def assess_impact(scenario, params):
    return Impact("Some", "{name} 1", 1)

@hookimpl
def calculate_award(scenario, impact, params):
    {award}

@hookimpl
def route_approval(scenario, award, params):
    return Approval("Manager", "{name} 2")

@hookimpl
def apply_offset(scenario, award, params):
    {offset}
"""
PARAMS = '[amount]\nvalue = 10.00\ntype = "money"\nclause = "t 1"\nbasis = "published"\n'
FINE_AWARD = 'return Award((AwardItem("Flat", params.value("amount"), "t 1", "published"),))'
FINE_OFFSET = (
    'return Settlement(tuple(SettlementPart("Paid", award.total, "customer", '
    '"payment", "t 3") for _ in [1] if award.total))'
)


@pytest.fixture
def fake_plugins(tmp_path, monkeypatch):
    """Install fake plugins as entry points: name -> (award body, offset body) or 'broken'."""

    def install(**specs):
        points = []
        for name, spec in specs.items():
            module = f"fake_{name}_{id(tmp_path)}"
            if spec == "broken":
                source = "raise RuntimeError('cannot import this plugin')\n"
            else:
                award, offset = spec
                source = GOOD_PLUGIN.format(name=name, award=award, offset=offset)
            (tmp_path / f"{module}.py").write_text(textwrap.dedent(source))
            (tmp_path / f"{name}_params.toml").write_text(PARAMS)
            points.append(EntryPoint(name, module, "compsim"))
        monkeypatch.syspath_prepend(str(tmp_path))
        monkeypatch.setattr(plugins, "entry_points", lambda group: points)
        return discover()

    yield install
    for name in [m for m in sys.modules if m.startswith("fake_")]:
        del sys.modules[name]


def test_a_broken_plugin_is_reported_and_skipped(fake_plugins):
    registry = fake_plugins(good=(FINE_AWARD, FINE_OFFSET), bad="broken")
    assert registry.ids() == ["good"]
    assert [(f.id, f.error) for f in registry.failures] == [
        ("bad", "RuntimeError: cannot import this plugin")
    ]


def test_strict_mode_makes_a_broken_plugin_fatal(fake_plugins, monkeypatch):
    fake_plugins(bad="broken")
    monkeypatch.setenv("COMPSIM_STRICT_PLUGINS", "1")
    with pytest.raises(CompsimError, match=r"plugin bad .* failed to load"):
        discover()


def test_plugins_can_be_blocked_by_name(fake_plugins, monkeypatch):
    monkeypatch.setenv("COMPSIM_BLOCK_PLUGINS", "bad, other")
    registry = fake_plugins(good=(FINE_AWARD, FINE_OFFSET), bad="broken")
    assert registry.ids() == ["good"] and not registry.failures


def test_each_policy_gets_its_own_manager(fake_plugins):
    registry = fake_plugins(a=(FINE_AWARD, FINE_OFFSET), b=(FINE_AWARD, FINE_OFFSET))
    first, second = build_policies(registry)
    assert first.manager is not second.manager
    assert len(first.manager.get_plugins()) == 1


def _module(name, **hooks):
    import types

    module = types.ModuleType(name)
    for hook, function in hooks.items():
        setattr(module, hook, function)
    return module


def test_a_hook_with_one_plain_implementation_is_called_directly():
    from compsim import hookimpl
    from compsim.plugins import HookCalls

    def is_excluded(scenario, params):
        return []

    calls = HookCalls.resolve(make_manager(_module("one", is_excluded=hookimpl(is_excluded))))
    assert calls.is_excluded is is_excluded
    # a hook the plugin does not implement still goes through pluggy (which returns None)
    assert calls.deadlines(scenario=None, award=None, params=None) is None


@pytest.mark.parametrize(
    "overlay",
    [
        pytest.param({"tryfirst": True}, id="a second implementation (an overlay)"),
        pytest.param({"wrapper": True}, id="a wrapper"),
    ],
)
def test_any_other_hook_goes_through_pluggy_with_pluggys_answer(overlay):
    from compsim import hookimpl
    from compsim.plugins import HookCalls

    def plain(scenario, params):
        return ["plain"]

    if overlay.get("wrapper"):

        def other(scenario, params):
            result = yield
            return [*result, "wrapped"]
    else:

        def other(scenario, params):
            return ["overlay"]

    manager = make_manager(
        _module("base", is_excluded=hookimpl(plain)),
        [_module("over", is_excluded=hookimpl(**overlay)(other))],
    )
    calls = HookCalls.resolve(manager)
    assert calls.is_excluded is manager.hook.is_excluded
    expected = ["plain", "wrapped"] if overlay.get("wrapper") else ["overlay"]
    assert calls.is_excluded(scenario=None, params=None) == expected


def test_an_implementation_taking_fewer_arguments_goes_through_pluggy():
    from compsim import hookimpl
    from compsim.plugins import HookCalls

    manager = make_manager(_module("few", is_excluded=hookimpl(lambda scenario: ["few"])))
    calls = HookCalls.resolve(manager)
    assert calls.is_excluded is manager.hook.is_excluded
    assert calls.is_excluded(scenario=None, params=None) == ["few"]


def test_a_misspelt_hook_fails_check_pending(fake_plugins):
    import types

    from compsim import hookimpl

    module = types.ModuleType("typo")
    module.is_exluded = hookimpl(lambda scenario, params: [])
    with pytest.raises(Exception, match="unknown hook 'is_exluded'"):
        make_manager(module)


@pytest.mark.parametrize(
    ("award", "offset", "message"),
    [
        ('return {"total": 10}', FINE_OFFSET, "returned dict, expected Award"),
        (
            'return Award((AwardItem("x", Decimal("-1.00"), "t 1", "published"),))',
            FINE_OFFSET,
            "is negative",
        ),
        (
            'return Award((AwardItem("x", Decimal("1.005"), "t 1", "published"),))',
            FINE_OFFSET,
            "not rounded to the penny",
        ),
        (
            'return Award((AwardItem("x", 10.0, "t 1", "published"),))',
            FINE_OFFSET,
            "must be a Decimal",
        ),
        (
            'return Award((AwardItem("x", Decimal("1.00"), "", "published"),))',
            FINE_OFFSET,
            "clause of 'x' must be non-empty",
        ),
        (
            'return Award((AwardItem("x", Decimal("1.00"), "t 1", "guess"),))',
            FINE_OFFSET,
            "basis must be one of",
        ),
        (
            FINE_AWARD,
            "return Settlement()",
            "paid 0.00 \\+ credited 0.00 = 0.00, but the award is 10.00",
        ),
        (
            FINE_AWARD,
            'return Settlement((SettlementPart("c", award.total, "account", "credit", "t 3"),))',
            "more than the 0.00 owed",
        ),
        (FINE_AWARD, "raise ValueError('boom')", "raised ValueError: boom"),
    ],
)
def test_invalid_return_values_become_that_landlords_error(fake_plugins, award, offset, message):
    registry = fake_plugins(bad=(award, offset), good=(FINE_AWARD, FINE_OFFSET))
    rows = simulate([scenario()], build_policies(registry))
    cells = rows[0].cells
    assert cells["good"].award.total == 10  # the other landlord's result still comes out
    assert cells["bad"].landlord == "bad"
    assert re.search(message, cells["bad"].message), cells["bad"].message


BAD_CONSTANT_AWARD = (
    'return BAD\n\nBAD = Award((AwardItem("x", Decimal("1.00"), "", "published"),))'
)


def test_a_bad_constant_result_is_reported_every_time_it_is_returned(fake_plugins):
    """A result is not checked again only when it is the very object that passed last
    time: a constant that fails fails on every decision, never only the first."""
    registry = fake_plugins(bad=(BAD_CONSTANT_AWARD, FINE_OFFSET))
    rows = simulate([scenario(), scenario(), scenario()], build_policies(registry))
    messages = [row.cells["bad"].message for row in rows]
    assert len(messages) == 3 and all("clause of 'x' must be non-empty" in m for m in messages)


def test_checks_passed_last_time_are_not_rechecked_but_still_counted():
    from compsim.models import Exclusion
    from compsim.plugins import check_exclusions

    passes = Exclusion("Claimed in time", "t 4.2", False)
    applies = Exclusion("Legal proceedings", "t 3.5", True, "proceedings")
    checks, applying = check_exclusions("t", [passes, applies])
    assert applying == (applies,)
    # the same objects in the same places: taken as passed, and the applying one still applies
    again = check_exclusions("t", [passes, applies], last=checks)
    assert again == (checks, (applies,))
    # a different object in a place is checked in full
    with pytest.raises(Exception, match="reason must be non-empty"):
        check_exclusions("t", [passes, Exclusion("", "t 1", True)], last=checks)


def test_a_result_with_a_list_inside_is_never_taken_as_passed():
    """A list could change after it passed, so only results built of tuples are remembered."""
    from compsim.models import Approval, Impact, Note
    from compsim.plugins import LastPassed

    passed = LastPassed()
    passed.remember_impact(Impact("Low", "t 2", 1, notes=[Note("n", "t 2")]))
    passed.remember_approval(Approval("Officer", "t 3", notes=[]))
    passed.remember_award(Award(items=[]))
    assert passed.impact is passed.approval is passed.award is plugins.NOT_YET
    kept = Impact("Low", "t 2", 1, notes=(Note("n", "t 2"),))
    passed.remember_impact(kept)
    assert passed.impact is kept


def test_impacts_and_approvals_that_passed_are_held_by_id_not_only_the_last():
    """Plugins return their memoised impacts and approvals in turn: each one that passed is
    held (by id, the object kept alive), so it is not checked again when it comes back after
    another; one with a list inside never is, and the table is emptied when it is full."""
    from compsim.models import Approval, Impact, Note
    from compsim.plugins import PASSED_RESULTS_MAX, LastPassed

    passed = LastPassed()
    first = Impact("Low", "t 2", 1, notes=(Note("n", "t 2"),))
    second = Impact("Medium", "t 2", 2)
    passed.remember_impact(first)
    passed.remember_impact(second)
    assert passed.impact is second and passed.impacts[id(first)] is first
    listed = Impact("Low", "t 2", 1, notes=[Note("n", "t 2")])
    passed.remember_impact(listed)
    assert passed.impact is plugins.NOT_YET and id(listed) not in passed.impacts
    approval = Approval("Officer", "t 3")
    passed.remember_approval(approval)
    passed.remember_approval(Approval("Manager", "t 3"))
    assert passed.approvals[id(approval)] is approval
    listed_approval = Approval("Officer", "t 3", notes=[])
    passed.remember_approval(listed_approval)
    assert id(listed_approval) not in passed.approvals
    many = [Impact("Low", "t 2", 1) for _ in range(PASSED_RESULTS_MAX)]
    for impact in many:
        passed.remember_impact(impact)
    assert len(passed.impacts) <= PASSED_RESULTS_MAX and passed.impacts[id(many[-1])] is many[-1]


def test_an_impact_that_passed_before_the_last_decision_is_not_checked_again(monkeypatch):
    """Two impacts in turn: after each passed once, neither is checked again (the check is
    made to fail, and the decisions still stand)."""
    from compsim import simulate

    policy = build_policies(discover(), ["alliance"])[0]
    low, high = (
        scenario("[failure]\ndistress = 'minimal'"),
        scenario("[failure]\ndistress = 'severe'"),
    )
    before = [evaluate(low, policy), evaluate(high, policy)]
    assert before[0].impact is not before[1].impact

    def refuse(column, impact):
        raise AssertionError("checked again")

    monkeypatch.setattr(simulate, "check_impact", refuse)
    assert [evaluate(low, policy), evaluate(high, policy)] == before
    other = build_policies(discover(), ["alliance"])[0]  # nothing passed yet: checked
    with pytest.raises(PluginError, match="checked again"):
        evaluate(low, other)


def test_an_excluded_claim_shows_what_would_otherwise_have_been_awarded():
    policy = build_policies(discover(), ["alliance"])[0]
    decision = evaluate(scenario("[legal]\npersonal_injury = true"), policy)
    assert decision.excluded and decision.award.total == 0
    assert decision.award_if_not_excluded.total > 0
    assert any("would otherwise have been" in step.detail for step in decision.trace)


def test_results_do_not_depend_on_what_was_decided_before():
    first, second = build_policies(discover(), ["alliance"])[0], None
    claim = scenario("[[costs]]\nkind = 'food'\namount = 10\nevidence = true")
    before = evaluate_cell(claim, first)
    evaluate_cell(scenario("[legal]\npersonal_injury = true"), first)  # another claim between
    second = build_policies(discover(), ["alliance"])[0]  # a new manager and parameter set
    assert second.manager is not first.manager
    assert evaluate_cell(claim, first) == before == evaluate_cell(claim, second)
    assert before.award.total > 0


def test_award_totals():
    ranged = AwardItem("a", Decimal("10.00"), "c", "published", low=Decimal("5.00"), high=None)
    award = Award((ranged, AwardItem("b", Decimal("2.50"), "c", "assumption")))
    assert award.total == Decimal("12.50")
    assert award.min == Decimal("7.50")
    assert award.max is None  # an open upper end
    assert award.assumption_total == Decimal("2.50")
    settlement = Settlement((SettlementPart("p", Decimal("12.50"), "customer", "payment", "c"),))
    assert settlement.form == "payment"


@pytest.mark.parametrize(
    ("value", "money"),
    [
        ("0", True),
        ("-0", True),
        ("1.50", True),
        ("1.500", True),
        ("999999999999.99", True),
        ("1E+12", True),
        ("1.005", False),
        ("-1.00", False),
        ("1000000000000.01", False),
        ("1E+30", False),
        ("1E-30", False),
        ("NaN", False),
        ("sNaN", False),
        ("Infinity", False),
        ("-Infinity", False),
    ],
)
def test_what_counts_as_an_amount_of_money(value, money):
    """A Decimal of whole pennies from £0 to £10^12; nothing non-finite, negative or finer."""
    assert plugins._is_money(Decimal(value)) is money


def test_a_float_or_text_is_never_money():
    assert not any(plugins._is_money(v) for v in (1.0, 1, "1.00", None, True))


def test_decision_fields_are_built_in_order():
    """evaluate builds a Decision positionally (it runs for every decision): if the fields of
    Decision are ever reordered, this says so before a value lands in the wrong field."""
    import attrs

    from compsim.models import Decision

    assert [f.name for f in attrs.fields(Decision)] == [
        "scenario_id",
        "landlord",
        "exclusions",
        "impact",
        "award",
        "award_if_not_excluded",
        "approval",
        "settlement",
        "checks",
        "deadlines",
        "complaint_checks",
        "code_checks",
        "readings",
        "drafts",
        "silent_on_complaints",
    ]


NOTHING_PLUGIN = """
from decimal import Decimal
from compsim import hookimpl
from compsim.models import Approval, Award, AwardItem, Impact, Settlement, SettlementPart

NONE_FROM = {hook!r}

@hookimpl
def is_excluded(scenario, params):
    return None if NONE_FROM == "is_excluded" else []

@hookimpl
def assess_impact(scenario, params):
    return None if NONE_FROM == "assess_impact" else Impact("Some", "t 1", 1)

@hookimpl
def calculate_award(scenario, impact, params):
    if NONE_FROM == "calculate_award":
        return None
    return Award((AwardItem("Flat", Decimal("10.00"), "t 1", "published"),))

@hookimpl
def route_approval(scenario, award, params):
    return None if NONE_FROM == "route_approval" else Approval("Manager", "t 2")

@hookimpl
def apply_offset(scenario, award, params):
    if NONE_FROM == "apply_offset":
        return None
    return Settlement((SettlementPart("Paid", award.total, "customer", "payment", "t 3"),))

@hookimpl
def deadlines(scenario, award, params):
    return None if NONE_FROM == "deadlines" else []
"""


@pytest.mark.parametrize(
    "hook",
    [
        "is_excluded",
        "assess_impact",
        "calculate_award",
        "route_approval",
        "apply_offset",
        "deadlines",
    ],
)
def test_a_hook_that_returns_nothing_is_that_cells_error_every_time(tmp_path, hook):
    """A hook returning None is reported, on the first decision and on every later one (None
    is never taken for a result that passed the checks last time)."""
    import types

    from compsim.params import ParamSet
    from compsim.plugins import Policy, PolicyInfo

    module = types.ModuleType(f"nothing_{hook}")
    exec(NOTHING_PLUGIN.format(hook=hook), module.__dict__)
    info = PolicyInfo("nothing", "Test Homes", ("Test",), "1", tmp_path / "params.toml")
    policy = Policy("nothing", info, make_manager(module), ParamSet("nothing", "test", {}))
    for _ in range(3):
        cell = evaluate_cell(scenario(), policy)
        assert cell.message == f"nothing: {hook}: returned nothing (is the hook implemented?)"
