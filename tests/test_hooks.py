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


def test_the_contract_has_five_policy_hooks_a_describing_hook_and_optional_hooks():
    expected = [*hookspecs.POLICY_HOOKS, *hookspecs.OPTIONAL_HOOKS, "policy_info"]
    assert sorted(HOOKS) == sorted(expected)


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


def test_hook_complaint_timescales_gives_the_policys_own_timescales(alliance):
    hook, params = alliance
    timescales = hook.complaint_timescales(params=params)
    assert [(t.name, t.working_days, t.extension_days) for t in timescales] == [
        ("Stage 1 acknowledgement", 5, 0),
        ("Stage 1 response", 10, 10),
        ("Stage 2 acknowledgement", 5, 0),
        ("Stage 2 response", 20, 20),
    ]
    assert {t.clause for t in timescales} == {"alliance complaints policy 7.0"}


def test_hook_deadlines_are_dated_with_clauses(alliance):
    from datetime import date

    from compsim.models import Award

    hook, params = alliance
    claim = scenario("[dates]\noccurred = 2025-08-01\nresolved = 2025-08-31\nclaimed = 2025-12-19")
    found = {
        d.name.split(" (")[0]: (d.date, d.clause)
        for d in hook.deadlines(scenario=claim, award=Award(), params=params)
    }
    assert found["Claim window"] == (date(2026, 2, 28), "alliance 4.2")  # 31 Aug + 6, clamped
    # Fri 19 Dec 2025 + 10 working days: 22, 23, 24, 29, 30, 31, 2 Jan, 5, 6, 7
    assert found["Assessment due"] == (date(2026, 1, 7), "alliance 4.3")


def test_hook_check_params_refuses_a_bad_draft_before_anything_runs(tmp_path):
    from compsim.errors import ParamError
    from compsim.params import parse_set_option

    registry = discover()
    star = build_policies(registry, ["star"])[0]
    assert star.manager.hook.check_params(params=star.params.at(date(2026, 3, 2))) == []
    bad = parse_set_option("star.heating.season_end_month=4")
    with pytest.raises(ParamError) as error:
        build_policies(registry, ["alliance"], [bad])  # checked whether selected or not
    assert str(error.value).startswith("--set star.heating.season_end_month=4: star: ")
    assert "April has no day 31" in str(error.value)
