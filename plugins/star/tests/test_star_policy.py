"""STAR Compensation Policy, Version 1 (17 November 2025): each test cites its clause.

Every expected figure is worked out by hand from the policy text (the arithmetic is in the
comments). Scenarios default to: occurred 2026-01-05, claimed 2026-03-02, distress moderate,
cause landlord (full responsibility), reported once.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from compsim.models import ACCOUNT, CUSTOMER, DISTRESS_LEVELS, Decision, Exclusion
from compsim.params import load_param_file
from compsim.plugins import NOT_PUBLISHED
from compsim.testing import decide, scenario
from compsim.testing.strategies import scenarios

D = Decimal
PACKAGE = Path(__file__).parents[1] / "src" / "compsim_star"


def star(toml: str = "", sets: tuple[str, ...] = ()) -> Decision:
    return decide("star", scenario(toml), sets)


def other(extra: str = "", distress: str = "moderate") -> str:
    """A failure of a kind the 7.1 repair-timescale rule does not govern."""
    return f'[failure]\nkind = "other"\ndistress = "{distress}"\n{extra}'


def check(decision: Decision, short: str) -> Exclusion:
    found = [c for c in decision.checks if c.short == short]
    assert len(found) == 1, [c.short for c in decision.checks]
    return found[0]


def band(decision: Decision):
    items = [i for i in decision.award_if_not_excluded.items if i.category == "distress"]
    assert len(items) <= 1
    return items[0] if items else None


def item_labelled(decision: Decision, text: str):
    found = [i for i in decision.award_if_not_excluded.items if text in i.label]
    assert len(found) == 1, [i.label for i in decision.award_if_not_excluded.items]
    return found[0]


def notes(decision: Decision) -> str:
    return " | ".join(step.detail for step in decision.trace)


def settles(decision: Decision) -> None:
    settlement = decision.settlement
    assert settlement.paid_to_customer + settlement.credited_to_account == decision.award.total
    assert all(part.amount > 0 for part in settlement.parts)


# ---------------------------------------------------------------- 2.2 exceptions


def test_2_2_personal_injury_excludes():
    decision = star(other("[legal]\npersonal_injury = true"))
    assert decision.excluded
    assert check(decision, "personal injury").applies
    assert check(decision, "personal injury").clause == "star 2.2"
    # the award it would otherwise have had: the Medium band midpoint, 50 + (150 - 50) / 2 = 100
    assert decision.award_if_not_excluded.total == D("100.00")
    assert decision.award.total == D("0.00")


def test_2_2_personal_injury_near_miss_not_excluded():
    decision = star(other())
    assert not decision.excluded
    assert not check(decision, "personal injury").applies


def test_2_2_insurers_matter_excludes():
    decision = star(other("[legal]\ninsurance_claim = true"))
    assert decision.excluded
    assert check(decision, "insurers' matter").applies


def test_2_2_insurers_matter_near_miss_not_excluded():
    assert not check(star(other()), "insurers' matter").applies


def test_2_2_contents_insurance_damage_claim_all_items_insured_excludes():
    decision = star(
        """
        [failure]
        kind = "damage-to-belongings"
        [[damaged_items]]
        item = "sofa"
        replacement_value = 400.00
        retained = true
        insured = true
        """
    )
    assert decision.excluded
    assert check(decision, "contents insurance").applies


def test_2_2_contents_insurance_follows_household_default():
    # damaged_items.insured defaults to household.contents_insurance
    decision = star(
        """
        [household]
        contents_insurance = true
        [failure]
        kind = "damage-to-belongings"
        [[damaged_items]]
        item = "sofa"
        replacement_value = 400.00
        retained = true
        """
    )
    assert check(decision, "contents insurance").applies


def test_2_2_contents_insurance_one_of_two_items_insured_refuses_only_that_item():
    decision = star(
        """
        [failure]
        kind = "damage-to-belongings"
        [[damaged_items]]
        item = "sofa"
        replacement_value = 400.00
        value_at_loss = 250.00
        retained = true
        insured = true
        [[damaged_items]]
        item = "rug"
        replacement_value = 80.00
        value_at_loss = 60.00
        retained = true
        """
    )
    assert not decision.excluded
    assert not check(decision, "contents insurance").applies
    assert item_labelled(decision, "sofa").amount == D("0.00")
    assert item_labelled(decision, "sofa").clause == "star 2.2"
    # rug at value at loss 60.00 + Medium band midpoint 100.00 = 160.00
    assert item_labelled(decision, "rug").amount == D("60.00")
    assert decision.award.total == D("160.00")


def test_2_2_contents_insurance_insured_item_in_another_kind_of_claim_not_excluded():
    decision = star(
        other(
            """
            [[damaged_items]]
            item = "sofa"
            replacement_value = 400.00
            retained = true
            insured = true
            """
        )
    )
    assert not decision.excluded
    assert item_labelled(decision, "sofa").amount == D("0.00")
    assert decision.award.total == D("100.00")  # the Medium band midpoint only


@pytest.mark.parametrize("proceedings", ["threatened", "started", "court-ordered"])
def test_2_2_impending_legal_action_excludes(proceedings):
    decision = star(other(f'[legal]\nproceedings = "{proceedings}"'))
    assert decision.excluded
    assert check(decision, "legal action").applies
    assert proceedings in check(decision, "legal action").reason


def test_2_2_no_legal_action_near_miss_not_excluded():
    assert not check(star(other('[legal]\nproceedings = "none"')), "legal action").applies


def test_2_2_disrepair_claim_read_as_impending_legal_action():
    decision = star(other("[legal]\ndisrepair_claim = true"))
    assert decision.excluded
    assert check(decision, "disrepair claim").applies
    assert "assumption" in check(decision, "disrepair claim").reason


def test_2_2_disrepair_claim_reading_can_be_switched_off():
    decision = star(
        other("[legal]\ndisrepair_claim = true"),
        ("star.exclusions.disrepair_claim_is_legal_action=false",),
    )
    assert not decision.excluded
    assert not check(decision, "disrepair claim").applies


@pytest.mark.parametrize("cause", ["third-party", "extreme-weather"])
def test_2_2_outside_star_control_excludes(cause):
    decision = star(other(f'cause = "{cause}"'))
    assert decision.excluded
    assert check(decision, "outside STAR's control").applies


def test_2_2_outside_control_even_when_star_shares_responsibility():
    decision = star(other('cause = "third-party"\nresponsibility = "partial"'))
    assert check(decision, "outside STAR's control").applies


@pytest.mark.parametrize("cause", ["landlord", "contractor"])
def test_2_1_failure_by_star_or_contractor_near_miss_not_excluded(cause):
    decision = star(other(f'cause = "{cause}"'))
    assert not decision.excluded
    assert not check(decision, "not STAR's failure").applies


def test_2_1_resident_cause_excluded_as_not_star_failure():
    decision = star(other('cause = "resident"'))
    assert decision.excluded
    exclusion = check(decision, "not STAR's failure")
    assert exclusion.applies
    assert exclusion.clause == "star 2.1, 2.2"


def test_2_1_no_responsibility_excluded_as_not_star_failure():
    decision = star(other('responsibility = "none"'))
    assert decision.excluded
    assert check(decision, "not STAR's failure").applies


def test_2_1_partial_responsibility_not_excluded_and_not_scaled():
    decision = star(other('responsibility = "partial"'))
    assert not decision.excluded
    assert decision.award.total == D("100.00")  # Medium band midpoint, not reduced
    assert "does not scale compensation by degree of responsibility" in notes(decision)


DAMAGE = """
[failure]
kind = "damage-to-belongings"
[dates]
occurred = {occurred}
claimed = 2026-03-02
[[damaged_items]]
item = "wardrobe"
replacement_value = 300.00
notified = {notified}
retained = {retained}
"""


def damage(occurred: str, notified: str, retained: bool = False) -> Decision:
    return star(DAMAGE.format(occurred=occurred, notified=notified, retained=str(retained).lower()))


def test_2_2_twelve_months_last_day_not_excluded():
    # 2025-01-10 + 12 months = 2026-01-10, the last day to report
    decision = damage("2025-01-10", "2026-01-10")
    assert not decision.excluded
    exclusion = check(decision, "reported after 12 months")
    assert not exclusion.applies
    assert "2026-01-10" in exclusion.reason


def test_2_2_twelve_months_day_after_without_evidence_excludes():
    decision = damage("2025-01-10", "2026-01-11")
    assert decision.excluded
    exclusion = check(decision, "reported after 12 months")
    assert exclusion.applies
    assert "2025-01-10" in exclusion.reason
    assert "2026-01-10" in exclusion.reason
    assert "2026-01-11" in exclusion.reason


def test_2_2_twelve_months_day_after_with_evidence_retained_not_excluded():
    decision = damage("2025-01-10", "2026-01-11", retained=True)
    assert not decision.excluded
    # wardrobe 300.00 (value at loss defaults to replacement value) + Medium 100.00 = 400.00
    assert decision.award.total == D("400.00")


def test_2_2_twelve_months_clamped_to_month_end_last_day():
    # 2024-02-29 + 12 months: 2025 has no 29 February, clamped to 2025-02-28
    assert not damage("2024-02-29", "2025-02-28").excluded


def test_2_2_twelve_months_clamped_to_month_end_day_after():
    decision = damage("2024-02-29", "2025-03-01")
    assert decision.excluded
    assert "2025-02-28" in check(decision, "reported after 12 months").reason


def test_2_2_twelve_months_late_item_in_another_kind_of_claim_refused_alone():
    decision = star(
        """
        [failure]
        kind = "other"
        [dates]
        occurred = 2025-01-10
        [[damaged_items]]
        item = "wardrobe"
        replacement_value = 300.00
        notified = 2026-01-11
        """
    )
    assert not decision.excluded
    assert item_labelled(decision, "wardrobe").amount == D("0.00")
    assert item_labelled(decision, "wardrobe").clause == "star 2.2"
    assert decision.award.total == D("100.00")


def test_2_2_twelve_month_rule_does_not_arise_without_damaged_items():
    decision = star(other())
    assert not check(decision, "reported after 12 months").applies


# ---------------------------------------------------------------- 5.1 bands, 7.1 impact


@pytest.mark.parametrize(
    ("distress", "level", "rank", "total", "low", "high"),
    [
        ("none", "No impact", 0, "0.00", "0.00", "0.00"),
        # Minor inconvenience £20–£50: midpoint 20 + (50 - 20) / 2 = 35
        ("minimal", "Minor inconvenience", 1, "35.00", "20.00", "50.00"),
        # Medium impact £50–£150: midpoint 50 + (150 - 50) / 2 = 100
        ("moderate", "Medium impact", 2, "100.00", "50.00", "150.00"),
        # Severe/long term impact £150–£500: midpoint 150 + (500 - 150) / 2 = 325
        ("considerable", "Severe/long term impact", 3, "325.00", "150.00", "500.00"),
        ("severe", "Severe/long term impact", 3, "325.00", "150.00", "500.00"),
    ],
)
def test_5_1_bands_as_ranges_with_midpoint(distress, level, rank, total, low, high):
    decision = star(other(distress=distress))
    assert decision.impact.level == level
    assert decision.impact.rank == rank
    assert decision.impact.basis == "published"
    assert decision.award.total == D(total)
    assert decision.award.min == D(low)
    assert decision.award.max == D(high)


def test_5_1_band_item_is_a_range_whose_single_figure_is_an_assumption():
    item = band(star(other()))
    assert (item.low, item.amount, item.high) == (D("50.00"), D("100.00"), D("150.00"))
    assert item.basis == "assumption"
    assert item.clause == "star 4.3, 5.1, 7.1"


def test_5_1_no_impact_gives_no_band_item():
    decision = star(other(distress="none"))
    assert band(decision) is None
    assert "no discretionary compensation" in notes(decision)


def test_5_1_persistent_failure_is_severe_long_term_impact():
    decision = star(other("persistent = true", distress="minimal"))
    assert decision.impact.level == "Severe/long term impact"
    assert decision.award.total == D("325.00")  # 150 + 350 / 2


def test_5_1_persistent_failure_with_no_distress_is_still_long_term():
    decision = star(other("persistent = true", distress="none"))
    assert decision.award.total == D("325.00")


@pytest.mark.parametrize(
    ("position", "total"),
    [
        ("0", "50.00"),  # the bottom of £50–£150
        ("1", "150.00"),  # the top
        ("0.25", "75.00"),  # 50 + 100 × 0.25
        ("0.333", "83.30"),  # 50 + 100 × 0.333 = 83.3
    ],
)
def test_5_1_single_figure_position_is_an_assumption_parameter(position, total):
    decision = star(other(), (f"star.bands.position={position}",))
    assert decision.award.total == D(total)
    assert (decision.award.min, decision.award.max) == (D("50.00"), D("150.00"))


def test_5_1_single_figure_rounded_half_up_once():
    # Minor £20–£50 at 0.1555: 20 + 30 × 0.1555 = 24.665, rounded half-up to 24.67
    decision = star(other(distress="minimal"), ("star.bands.position=0.1555",))
    assert decision.award.total == D("24.67")


def test_5_1_position_outside_the_band_is_refused_before_anything_runs():
    from compsim.errors import ParamError

    with pytest.raises(ParamError, match=r"expected a share from 0 to 1, got '1\.5'"):
        star(other(), ("star.bands.position=1.5",))


@pytest.mark.parametrize("vulnerability", ["disability", "older-person", "young-children"])
def test_7_1_named_vulnerability_worsens_minor_to_medium(vulnerability):
    decision = star(
        f'[household]\nvulnerabilities = ["{vulnerability}"]\n' + other(distress="minimal")
    )
    assert decision.impact.level == "Medium impact"
    assert decision.impact.basis == "assumption"
    assert decision.award.total == D("100.00")  # Medium midpoint instead of Minor's 35


def test_7_1_vulnerability_worsens_medium_to_severe():
    decision = star('[household]\nvulnerabilities = ["disability"]\n' + other())
    assert decision.impact.level == "Severe/long term impact"
    assert decision.award.total == D("325.00")


def test_7_1_vulnerability_cannot_go_above_the_top_band():
    decision = star('[household]\nvulnerabilities = ["disability"]\n' + other(distress="severe"))
    assert decision.impact.level == "Severe/long term impact"
    assert decision.impact.basis == "published"  # the assumption changed nothing
    assert decision.award.total == D("325.00")


def test_7_1_vulnerability_has_no_impact_to_worsen():
    decision = star('[household]\nvulnerabilities = ["disability"]\n' + other(distress="none"))
    assert decision.impact.level == "No impact"
    assert decision.award.total == D("0.00")


@pytest.mark.parametrize("vulnerability", ["mental-health", "language", "other"])
def test_7_1_other_vulnerabilities_do_not_lift_by_default(vulnerability):
    decision = star(f'[household]\nvulnerabilities = ["{vulnerability}"]\n' + other())
    assert decision.impact.level == "Medium impact"
    assert decision.impact.basis == "published"
    assert "names only disability, old age and young children" in notes(decision)


def test_7_1_other_vulnerabilities_lift_when_the_assumption_is_switched_on():
    decision = star(
        '[household]\nvulnerabilities = ["mental-health"]\n' + other(),
        ("star.impact.other_vulnerabilities_lift=true",),
    )
    assert decision.impact.level == "Severe/long term impact"
    assert decision.impact.basis == "draft"  # the user switched it on


def test_7_1_vulnerability_lift_steps_zero_keeps_the_band():
    decision = star(
        '[household]\nvulnerabilities = ["disability"]\n' + other(),
        ("star.impact.vulnerability_lift_steps=0",),
    )
    assert decision.impact.level == "Medium impact"


def test_5_1_monotonic_in_distress_persistence_and_vulnerability():
    for vulnerable in ("", '[household]\nvulnerabilities = ["young-children"]\n'):
        for persistent in ("false", "true"):
            totals = [
                star(vulnerable + other(f"persistent = {persistent}", distress=d)).award.total
                for d in DISTRESS_LEVELS
            ]
            assert totals == sorted(totals)


# ---------------------------------------------------------------- 7.1 failure to meet timescales


def repair(extra: str = "", resolved: str = "2026-02-23") -> str:
    return f"""
    [failure]
    kind = "repair-delay"
    {extra}
    [dates]
    occurred = 2026-01-05
    repair_target = 2026-01-19
    resolved = {resolved}
    """


def test_7_1_repair_delay_reported_once_does_not_count():
    decision = star(repair("reports = 1"))
    item = band(decision)
    assert item.amount == D("0.00")
    assert item.clause == "star 7.1"
    assert "reported once" in item.label
    assert decision.award.total == D("0.00")


def test_7_1_repair_delay_reported_twice_counts():
    decision = star(repair("reports = 2"))
    assert band(decision).amount == D("100.00")  # Medium midpoint


def test_7_1_repair_delay_extension_explained_does_not_count():
    decision = star(repair("reports = 3\nextension_explained = true"))
    assert band(decision).amount == D("0.00")
    assert "genuine reason" in band(decision).label


def test_7_1_repair_delay_access_refused_does_not_count():
    decision = star(repair("reports = 3\naccess_refused = true"))
    assert band(decision).amount == D("0.00")
    assert "did not allow access" in band(decision).label
    assert not decision.excluded  # refused access is not a 2.2 exception


def test_7_1_repair_done_on_its_target_date_is_not_late():
    decision = star(repair("reports = 3", resolved="2026-01-19"))
    assert band(decision).amount == D("0.00")
    assert "had not passed" in band(decision).label


def test_7_1_repair_done_the_day_after_its_target_counts():
    decision = star(repair("reports = 3", resolved="2026-01-20"))
    assert band(decision).amount == D("100.00")


def test_7_1_refused_repair_delay_still_reimburses_evidenced_costs():
    decision = star(
        repair("reports = 1")
        + """
    [[costs]]
    kind = "food"
    amount = 64.20
    evidence = true
    """
    )
    assert band(decision).amount == D("0.00")
    assert decision.award.total == D("64.20")


@pytest.mark.parametrize("kind", ["loss-of-amenity", "loss-of-room", "missed-appointment"])
def test_7_1_reported_more_than_once_rule_governs_repair_delays_only(kind):
    decision = star(f'[failure]\nkind = "{kind}"\nreports = 1')
    assert band(decision).amount == D("100.00")


def test_7_1_repair_delay_monotonic_in_reports():
    totals = [star(repair(f"reports = {n}")).award.total for n in (1, 2, 3)]
    assert totals == sorted(totals)
    assert totals == [D("0.00"), D("100.00"), D("100.00")]


# ---------------------------------------------------------------- 4.1, 4.2, 7.1 costs


def cost(kind: str, amount: str, evidence: bool = True, incurred: str = "") -> str:
    when = f"incurred = {incurred}" if incurred else ""
    return f"""
    [[costs]]
    kind = "{kind}"
    amount = {amount}
    evidence = {str(evidence).lower()}
    {when}
    """


@pytest.mark.parametrize(
    "kind", ["accommodation", "food", "cleaning", "repairs", "travel", "time-off-work", "other"]
)
def test_4_1_evidenced_costs_reimbursed_in_full(kind):
    decision = star(other(distress="none") + cost(kind, "64.20"))
    assert decision.award.total == D("64.20")
    assert item_labelled(decision, kind).clause == "star 4.1, 4.2"


def test_4_2_unevidenced_cost_considered_and_refused():
    decision = star(other(distress="none") + cost("food", "64.20", evidence=False))
    item = item_labelled(decision, "food")
    assert item.amount == D("0.00")
    assert item.clause == "star 4.2"
    assert decision.award.total == D("0.00")


def test_4_2_evidence_asked_for_not_supplied_refuses_costs():
    decision = star(
        other(distress="none") + cost("food", "64.20") + "[claim]\nevidence_supplied = false"
    )
    assert item_labelled(decision, "food").amount == D("0.00")


def test_4_3_discretionary_compensation_on_top_of_costs():
    decision = star(other() + cost("cleaning", "45.50"))
    assert decision.award.total == D("145.50")  # 45.50 + Medium midpoint 100.00
    assert decision.award.min == D("95.50")  # 45.50 + 50
    assert decision.award.max == D("195.50")  # 45.50 + 150


HEATING = """
[failure]
kind = "other"
distress = "none"
[dates]
occurred = 2023-09-01
claimed = 2026-05-01
"""


@pytest.mark.parametrize(
    ("incurred", "paid"),
    [
        ("2025-09-30", "0.00"),  # the day before 1 October
        ("2025-10-01", "80.00"),  # first day of the season
        ("2025-12-25", "80.00"),
        ("2024-02-29", "80.00"),  # a leap day is inside the season
        ("2026-03-31", "80.00"),  # last day of the season
        ("2026-04-01", "0.00"),  # the day after 31 March
        ("2025-07-15", "0.00"),  # summer
    ],
)
def test_7_1_heating_costs_only_between_1_october_and_31_march(incurred, paid):
    decision = star(HEATING + cost("heating", "80.00", incurred=incurred))
    item = item_labelled(decision, "heating")
    assert item.amount == D(paid)
    assert item.clause == ("star 4.1, 4.2, 7.1" if paid != "0.00" else "star 7.1")


def test_7_1_utility_charges_reimbursed_in_any_season():
    decision = star(HEATING + cost("utilities", "42.10", incurred="2025-07-15"))
    assert decision.award.total == D("42.10")


# ---------------------------------------------------------------- 4.1, 4.2 damaged items


BELONGINGS = """
[failure]
kind = "damage-to-belongings"
distress = "none"
[[damaged_items]]
item = "sofa"
replacement_value = 400.00
value_at_loss = 250.00
retained = {retained}
"""


def test_4_1_evidenced_damaged_item_paid_at_value_at_loss_assumption():
    decision = star(BELONGINGS.format(retained="true"))
    item = item_labelled(decision, "sofa")
    assert item.amount == D("250.00")
    assert item.basis == "assumption"


def test_4_1_damaged_item_valuation_can_be_replacement_value():
    decision = star(
        BELONGINGS.format(retained="true"), ("star.belongings.valuation=replacement_value",)
    )
    assert item_labelled(decision, "sofa").amount == D("400.00")


def test_4_2_damaged_item_without_evidence_reported_in_time_not_paid():
    decision = star(BELONGINGS.format(retained="false"))
    assert not decision.excluded
    item = item_labelled(decision, "sofa")
    assert item.amount == D("0.00")
    assert item.clause == "star 4.2"


# ---------------------------------------------------------------- 3.3 approval


@pytest.mark.parametrize(
    ("amount", "total", "finance"),
    [
        ("214.99", "249.99", False),  # 214.99 + Minor midpoint 35.00 = 249.99
        ("215.00", "250.00", True),  # 215.00 + 35.00 = 250.00: "£250 or above"
        ("215.01", "250.01", True),  # 215.01 + 35.00 = 250.01
    ],
)
def test_3_3_finance_manager_signs_off_250_or_above(amount, total, finance):
    decision = star(other(distress="minimal") + cost("food", amount))
    assert decision.award.total == D(total)
    approval = decision.approval
    assert approval.clause == "star 3.3"
    if finance:
        assert approval.approver == "A member of the Finance Team at Manager level or above"
        assert approval.senior
        assert approval.basis == "published"
    else:
        assert "Not published" in approval.approver
        assert not approval.senior
        assert approval.basis == NOT_PUBLISHED


def test_3_3_no_approver_published_for_nothing_to_pay():
    decision = star(other(distress="none"))
    assert decision.approval.basis == NOT_PUBLISHED
    assert "no payment" in decision.approval.approver


def test_3_3_excluded_claim_has_nothing_to_approve():
    decision = star(other('cause = "resident"'))
    assert decision.approval.basis == NOT_PUBLISHED


def test_3_3_range_reaching_250_is_noted_below_the_threshold():
    # Severe band at position 0: the figure is £150, but the band reaches £500
    decision = star(other(distress="severe"), ("star.bands.position=0",))
    assert decision.award.total == D("150.00")
    assert decision.approval.basis == NOT_PUBLISHED
    assert "would need the Finance Team's sign-off" in notes(decision)


# ---------------------------------------------------------------- 8.1 payment, 8.2 deductions


def test_8_1_paid_by_bank_transfer_within_28_days_of_bank_details():
    decision = star(other())
    (part,) = decision.settlement.parts
    assert (part.to, part.form, part.amount, part.clause) == (
        CUSTOMER,
        "bank transfer",
        D("100.00"),
        "star 8.1",
    )
    assert "within 28 days of the customer providing bank details" in notes(decision)
    settles(decision)


def test_8_2_agreed_deduction_without_financial_loss_credits_the_account():
    decision = star("[account]\nrent_arrears = 500.00\n" + other())
    # the whole £100.00 (Medium midpoint) goes against £500.00 of arrears
    assert decision.settlement.credited_to_account == D("100.00")
    assert decision.settlement.paid_to_customer == D("0.00")
    assert [p.to for p in decision.settlement.parts] == [ACCOUNT]
    assert decision.settlement.parts[0].clause == "star 8.2"
    settles(decision)


def test_8_2_deduction_never_exceeds_what_is_owed():
    decision = star("[account]\nother_debts = 40.00\n" + other())
    # £40.00 of rechargeable repairs deducted; £100.00 - £40.00 = £60.00 paid
    assert decision.settlement.credited_to_account == D("40.00")
    assert decision.settlement.paid_to_customer == D("60.00")
    settles(decision)


def test_8_2_no_deduction_when_not_agreed():
    decision = star("[account]\nrent_arrears = 500.00\noffset_agreed = false\n" + other())
    assert decision.settlement.credited_to_account == D("0.00")
    assert decision.settlement.paid_to_customer == D("100.00")
    settles(decision)


def test_8_2_no_deduction_when_customer_has_evidenced_costs():
    decision = star("[account]\nrent_arrears = 500.00\n" + other() + cost("food", "64.20"))
    # 100.00 + 64.20 = 164.20, all paid: the customer is at a financial loss
    assert decision.settlement.paid_to_customer == D("164.20")
    assert decision.settlement.credited_to_account == D("0.00")
    assert "already at a financial loss" in notes(decision)
    settles(decision)


def test_8_2_unevidenced_cost_still_a_financial_loss_so_no_deduction():
    decision = star(
        "[account]\nrent_arrears = 500.00\n" + other() + cost("food", "64.20", evidence=False)
    )
    assert decision.award.total == D("100.00")  # the cost is not reimbursed
    assert decision.settlement.paid_to_customer == D("100.00")
    assert decision.settlement.credited_to_account == D("0.00")


def test_8_2_uninsured_damaged_item_is_a_financial_loss_so_no_deduction():
    decision = star("[account]\nrent_arrears = 500.00\n" + BELONGINGS.format(retained="true"))
    assert decision.settlement.paid_to_customer == D("250.00")
    assert decision.settlement.credited_to_account == D("0.00")


def test_8_2_insured_damaged_item_is_not_a_financial_loss_so_deduction_made():
    decision = star(
        "[account]\nrent_arrears = 500.00\n"
        + other(
            """
            [[damaged_items]]
            item = "sofa"
            replacement_value = 400.00
            insured = true
            """
        )
    )
    assert decision.settlement.credited_to_account == D("100.00")


def test_8_2_deduction_can_be_switched_off_as_an_assumption():
    decision = star(
        "[account]\nrent_arrears = 500.00\n" + other(),
        ("star.offset.deduct_when_allowed=false",),
    )
    assert decision.settlement.paid_to_customer == D("100.00")


def test_8_2_excluded_claim_settles_nothing():
    decision = star("[account]\nrent_arrears = 500.00\n" + other('cause = "resident"'))
    assert decision.settlement.parts == ()
    settles(decision)


def test_8_2_settlement_adds_up_across_a_mixed_claim():
    decision = star(
        """
        [household]
        vulnerabilities = ["older-person"]
        [account]
        rent_arrears = 75.25
        service_charge_arrears = 10.00
        [failure]
        kind = "loss-of-amenity"
        distress = "minimal"
        [[amenities_lost]]
        amenity = "heating"
        """
    )
    # Minor lifted to Medium by old age: 100.00; £85.25 owed is deducted, £14.75 paid
    assert decision.award.total == D("100.00")
    assert decision.settlement.credited_to_account == D("85.25")
    assert decision.settlement.paid_to_customer == D("14.75")
    settles(decision)


# ---------------------------------------------------------------- silences and the parameter file


def test_policy_silences_are_noted():
    decision = star(
        """
        [household]
        tenure = "secure-tenant"
        [failure]
        kind = "repair-delay"
        reports = 2
        responsibility = "partial"
        [[amenities_lost]]
        amenity = "kitchen"
        """
    )
    text = notes(decision)
    assert "Right to Repair" in text
    assert "no rate for a lost room or amenity" in text
    assert "conditions of the home" in text


def test_document_control_claim_before_the_policy_was_approved_is_noted():
    decision = star(
        other() + "[dates]\noccurred = 2025-09-01\nclaimed = 2025-11-16"
    )  # the day before approval on 2025-11-17
    assert "before this policy was approved" in notes(decision)
    on_the_day = star(other() + "[dates]\noccurred = 2025-09-01\nclaimed = 2025-11-17")
    assert "before this policy was approved" not in notes(on_the_day)


def test_every_parameter_cites_a_star_clause_and_is_used():
    params = load_param_file(PACKAGE / "params.toml", "star")
    code = (PACKAGE / "plugin.py").read_text(encoding="utf-8")
    for path, definition in params.defs.items():
        assert re.match(r"star \S", definition.clause), path
        assert definition.description, path
        if re.fullmatch(r"bands\.(minor|medium|severe)\.(low|high)", path):
            assert 'f"bands.{band}.' + path.rsplit(".", 1)[1] + '"' in code, path
        else:
            assert f'"{path}"' in code, path


# ---------------------------------------------------------------- invariants (hypothesis)


@given(scenarios())
def test_money_is_never_negative_and_the_settlement_adds_up(claim):
    decision = decide("star", claim)
    for item in decision.award_if_not_excluded.items:
        assert 0 <= item.low <= item.amount <= item.high
    settlement = decision.settlement
    assert settlement.paid_to_customer + settlement.credited_to_account == decision.award.total
    assert settlement.credited_to_account <= claim.account.total_owed
    if decision.excluded:
        assert settlement.parts == ()
    assert decide("star", claim) == decision  # a pure function of its arguments


def would_get(claim) -> Decimal:
    return decide("star", claim).award_if_not_excluded.total


@given(scenarios(), st.data())
def test_5_1_worse_distress_never_lowers_the_award(claim, data):
    lower = DISTRESS_LEVELS.index(claim.failure.distress)
    higher = data.draw(st.sampled_from(DISTRESS_LEVELS[lower:]))
    worse = attrs.evolve(claim, failure=attrs.evolve(claim.failure, distress=higher))
    assert would_get(worse) >= would_get(claim)


@given(scenarios(), st.integers(min_value=0, max_value=3))
def test_7_1_more_reports_or_persistence_never_lowers_the_award(claim, more):
    failure = attrs.evolve(claim.failure, reports=claim.failure.reports + more, persistent=True)
    assert would_get(attrs.evolve(claim, failure=failure)) >= would_get(claim)


@given(scenarios(), st.sampled_from(["disability", "older-person", "young-children"]))
def test_7_1_a_named_vulnerability_never_lowers_the_award(claim, vulnerability):
    household = attrs.evolve(
        claim.household,
        vulnerabilities=tuple(dict.fromkeys((*claim.household.vulnerabilities, vulnerability))),
    )
    assert would_get(attrs.evolve(claim, household=household)) >= would_get(claim)


@given(scenarios(), st.integers(min_value=1, max_value=60))
def test_7_1_a_longer_failure_never_lowers_the_award(claim, days):
    from datetime import timedelta

    end = claim.dates.loss_end + timedelta(days=days)
    longer = attrs.evolve(claim, dates=attrs.evolve(claim.dates, resolved=end))
    assert would_get(longer) >= would_get(claim)


# ---------------------------------------------------------------- deadlines (2.2, 8.1)


def test_2_2_and_8_1_deadlines_damage_report_and_payment():
    from datetime import date

    decision = decide(
        "star",
        scenario("""
            [failure]
            kind = "damage-to-belongings"
            [dates]
            occurred = 2025-08-31
            claimed = 2026-03-02
            offer_made = 2026-03-05
            offer_accepted = 2026-03-10
            [[damaged_items]]
            item = "rug"
            replacement_value = 120.00
            retained = true
        """),
    )
    found = {d.name.split(" (")[0]: d for d in decision.deadlines}
    # 2.2: reported within twelve months of 31 Aug 2025 -> 31 Aug 2026
    assert found["Damage to be reported"].date == date(2026, 8, 31)
    # 8.1: 28 days after bank details, read as the acceptance on 10 Mar -> 7 Apr 2026
    payment = found["Payment due"]
    assert payment.date == date(2026, 4, 7)
    assert payment.basis == "assumption"
