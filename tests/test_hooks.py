"""Every hook is documented where it is declared, and every hook has a test here."""

import inspect
import sys
from datetime import date

import pytest

from compsim import hookspecs
from compsim.plugins import PolicyInfo, build_policies, discover
from compsim.testing import scenario

HOOKS = [
    name
    for name, _ in inspect.getmembers(hookspecs, inspect.isfunction)
    if hasattr(getattr(hookspecs, name), "compsim_spec")
]


def test_the_contract_has_the_five_policy_hooks_and_a_describing_hook():
    assert sorted(HOOKS) == sorted([*hookspecs.POLICY_HOOKS, "policy_info"])


@pytest.mark.parametrize("name", HOOKS)
def test_every_hook_is_documented(name):
    spec = getattr(hookspecs, name)
    doc = inspect.getdoc(spec) or ""
    assert len(doc.splitlines()[0]) > 10, f"{name} needs a summary line"
    assert ":return:" in doc, f"{name} must document what it returns"
    for parameter in inspect.signature(spec).parameters:
        assert f":param {parameter}:" in doc, f"{name} must document {parameter}"
    assert spec.compsim_spec["firstresult"], f"{name} must be firstresult"


@pytest.mark.parametrize("name", HOOKS)
def test_every_hook_has_a_test(name):
    module = sys.modules[__name__]
    assert any(t.startswith(f"test_hook_{name}") for t in dir(module)), name


@pytest.fixture(scope="module")
def alliance():
    policy = build_policies(discover(), ["alliance"])[0]
    return policy.manager.hook, policy.params.at(date(2026, 3, 2))


def test_hook_policy_info_describes_the_policy(alliance):
    info = alliance[0].policy_info()
    assert isinstance(info, PolicyInfo) and info.id == "alliance" and info.params_file.exists()


def test_hook_is_excluded_returns_every_check(alliance):
    hook, params = alliance
    checks = hook.is_excluded(scenario=scenario("[legal]\npersonal_injury = true"), params=params)
    assert [c.short for c in checks if c.applies] == ["personal injury"]
    assert any(not c.applies for c in checks)


def test_hook_assess_impact_grades_on_the_policys_scale(alliance):
    hook, params = alliance
    impact = hook.assess_impact(scenario=scenario('[failure]\ndistress = "severe"'), params=params)
    assert (impact.level, impact.rank, impact.clause) == ("Major Impact", 3, "alliance 2.7")


def test_hook_calculate_award_itemises_with_clauses(alliance):
    hook, params = alliance
    claim = scenario("[[costs]]\nkind = 'food'\namount = 10\nevidence = true")
    impact = hook.assess_impact(scenario=claim, params=params)
    award = hook.calculate_award(scenario=claim, impact=impact, params=params)
    assert [(i.amount, i.clause) for i in award.items] == [
        (500, "alliance 2.7"),
        (10, "alliance 2.5, 2.6"),
    ]


def test_hook_route_approval_names_the_approver(alliance):
    hook, params = alliance
    from compsim.models import Award, AwardItem

    award = Award((AwardItem("x", 6000, "c", "published"),))
    approval = hook.route_approval(scenario=scenario(), award=award, params=params)
    assert approval.senior and "Service Director" in approval.approver


def test_hook_apply_offset_settles_exactly(alliance):
    hook, params = alliance
    from decimal import Decimal

    from compsim.models import Award, AwardItem

    award = Award((AwardItem("x", Decimal("500.00"), "c", "published"),))
    settlement = hook.apply_offset(
        scenario=scenario("[account]\nrent_arrears = 200"), award=award, params=params
    )
    assert (settlement.paid_to_customer, settlement.credited_to_account) == (300, 200)
