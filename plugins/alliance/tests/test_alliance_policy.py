"""Alliance Homes: the policy's rules as cases. Each name cites its clause; each figure is from
the policy text (Compensation Policy 2.7 matrix; complaints policy 7.0 timescales)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compsim.models import DISTRESS_LEVELS
from compsim.testing import decide, scenario
from compsim.testing.strategies import scenarios


def alliance(toml: str = "", sets=()):
    return decide("alliance", scenario(toml), sets)


def pounds(text: str) -> Decimal:
    return Decimal(text)


# ---------------------------------------------------------------- 2.7 the matrix, every cell

# distress -> impact column (RULES.md): none -> No, minimal -> Low, moderate -> Medium,
# considerable -> Major. Amounts from the 2.7 table.
MATRIX = [
    ("none", "none", "0.00"),
    ("none", "minimal", "0.00"),
    ("none", "moderate", "0.00"),
    ("none", "considerable", "0.00"),
    ("partial", "none", "0.00"),
    ("partial", "minimal", "50.00"),
    ("partial", "moderate", "100.00"),
    ("partial", "considerable", "250.00"),
    ("full", "none", "0.00"),
    ("full", "minimal", "100.00"),
    ("full", "moderate", "500.00"),
    ("full", "considerable", "1000.00"),
]


@pytest.mark.parametrize(
    ("responsibility", "distress", "amount"), MATRIX, ids=[f"{r}-{d}-{a}" for r, d, a in MATRIX]
)
def test_2_7_matrix_cell(responsibility, distress, amount):
    decision = alliance(f"""
        [failure]
        responsibility = "{responsibility}"
        distress = "{distress}"
    """)
    assert decision.award.total == pounds(amount)


def test_2_7_severe_distress_is_major_impact():
    assert alliance('[failure]\ndistress = "severe"').impact.level == "Major Impact"


def test_2_7_repeated_failure_lifts_low_to_medium():
    # "a repeated failure ... even of a low impact event" is Medium: full x Medium = £500
    decision = alliance('[failure]\ndistress = "minimal"\nreports = 2')
    assert decision.impact.level == "Medium Impact"
    assert decision.award.total == pounds("500.00")


def test_2_7_a_single_report_of_a_low_impact_event_stays_low():
    assert alliance('[failure]\ndistress = "minimal"\nreports = 1').award.total == pounds("100.00")


def test_2_7_repeated_reports_do_not_lift_no_impact():
    assert alliance('[failure]\ndistress = "none"\nreports = 4').award.total == pounds("0.00")


@pytest.mark.parametrize("flag", ["persistent", "misled"])
def test_2_7_persistent_failure_or_misleading_is_major_impact(flag):
    decision = alliance(f'[failure]\ndistress = "minimal"\n{flag} = true')
    assert decision.impact.level == "Major Impact"
    assert decision.award.total == pounds("1000.00")


def test_2_7_vulnerability_lifts_low_to_medium_as_an_assumption():
    decision = alliance(
        '[household]\nvulnerabilities = ["disability"]\n[failure]\ndistress = "minimal"'
    )
    assert decision.impact.level == "Medium Impact"
    assert decision.impact.basis == "assumption"
    assert decision.award.total == pounds("500.00")
    assert decision.rests_on_assumption


def test_2_7_vulnerability_lift_can_be_switched_off():
    decision = alliance(
        '[household]\nvulnerabilities = ["disability"]\n[failure]\ndistress = "minimal"',
        sets=["alliance.impact.vulnerability_lifts=false"],
    )
    assert decision.impact.level == "Low Impact"
    assert decision.award.total == pounds("100.00")


def test_2_7_vulnerability_does_not_lift_no_impact():
    decision = alliance(
        '[household]\nvulnerabilities = ["older-person"]\n[failure]\ndistress = "none"'
    )
    assert decision.award.total == pounds("0.00")


def test_2_7_vulnerability_that_changes_nothing_is_not_an_assumption():
    # persistent -> Major whatever the vulnerability, so the level rests on the text alone
    decision = alliance(
        '[household]\nvulnerabilities = ["disability"]\n'
        '[failure]\ndistress = "moderate"\npersistent = true'
    )
    assert decision.impact.level == "Major Impact"
    assert decision.impact.basis == "published"
    assert not decision.rests_on_assumption


# ---------------------------------------------------------------- exclusions, alone and near misses

EXCLUSIONS = [
    ("2_4_personal_injury", "[legal]\npersonal_injury = true"),
    ("2_4_insurers_matter", "[legal]\ninsurance_claim = true"),
    # responsibility given as full, so the exclusion is seen to bite on an award there would be
    ("3_1_third_party", '[failure]\ncause = "third-party"\nresponsibility = "full"'),
    ("3_1_extreme_weather", '[failure]\ncause = "extreme-weather"\nresponsibility = "full"'),
    ("3_1_resident_negligence", '[failure]\ncause = "resident"\nresponsibility = "full"'),
    ("3_1_no_access", "[failure]\naccess_refused = true"),
    ("3_1_court_ordered_payment", '[legal]\nproceedings = "court-ordered"'),
    ("3_1_action_plan_kept", '[failure]\naction_plan = "agreed-kept"'),
    ("3_5_claim_form_filed", '[legal]\nproceedings = "started"'),
    (
        "3_7_damage_only_all_insured",
        '[failure]\nkind = "damage-to-belongings"\n'
        '[[damaged_items]]\nitem = "rug"\nreplacement_value = 100\ninsured = true',
    ),
]


@pytest.mark.parametrize(("name", "toml"), EXCLUSIONS, ids=[n for n, _ in EXCLUSIONS])
def test_exclusion_applies_alone_and_pays_nothing(name, toml):
    decision = alliance(toml)
    assert decision.excluded, name
    assert len(decision.exclusions) == 1, [e.reason for e in decision.exclusions]
    assert decision.award.total == 0
    assert decision.settlement.paid_to_customer == 0
    assert decision.award_if_not_excluded.total > 0  # what it would otherwise have been


# One near miss per exclusion: facts close to it, but it does not apply.
NEAR_MISSES = [
    ("2_4_disrepair_claimed_but_no_injury", "[legal]\ndisrepair_claim = true"),
    ("2_4_insurer_not_involved_though_tenant_insured", "[household]\ncontents_insurance = true"),
    (
        "3_1_extreme_weather_only_revealed_a_landlord_fault",
        '[failure]\ncause = "landlord"\nextension_explained = true',
    ),
    ("3_1_resident_reported_repeatedly", "[failure]\nreports = 3"),
    (
        "3_1_access_given_after_a_missed_appointment",
        '[failure]\nkind = "missed-appointment"\naccess_refused = false',
    ),
    ("3_1_contractor_is_alliance", '[failure]\ncause = "contractor"'),
    ("3_1_action_plan_broken", '[failure]\naction_plan = "agreed-broken"'),
    ("3_1_court_ordered_nothing_yet_only_threatened", '[legal]\nproceedings = "threatened"'),
    (
        "3_5_claim_form_not_filed_only_threatened",
        '[legal]\nproceedings = "threatened"\ndisrepair_claim = true',
    ),
    (
        "4_2_claim_on_the_last_day",
        "[dates]\noccurred = 2025-08-01\nresolved = 2025-08-31\nclaimed = 2026-02-28",
    ),
    (
        "complaints_2_2_raised_within_12_months_of_awareness",
        "[dates]\noccurred = 2025-01-02\nresolved = 2025-01-31\naware = 2025-12-01\n"
        "claimed = 2026-02-01\n[claim]\nexceptional_circumstances = true",
    ),
    (
        "3_7_damage_with_one_item_uninsured",
        '[failure]\nkind = "damage-to-belongings"\n'
        '[[damaged_items]]\nitem = "rug"\nreplacement_value = 100\ninsured = true\n'
        '[[damaged_items]]\nitem = "lamp"\nreplacement_value = 40',
    ),
]


@pytest.mark.parametrize(("name", "toml"), NEAR_MISSES, ids=[n for n, _ in NEAR_MISSES])
def test_near_miss_is_not_excluded(name, toml):
    decision = alliance(toml)
    assert not decision.excluded, [e.reason for e in decision.exclusions]
    assert decision.award.total > 0


def test_3_7_insured_item_in_a_wider_claim_is_left_to_insurance():
    decision = alliance("""
        [failure]
        kind = "loss-of-amenity"
        [[damaged_items]]
        item = "freezer food"
        replacement_value = 85
        insured = true
        [[damaged_items]]
        item = "microwave"
        replacement_value = 70
        value_at_loss = 35
    """)
    # moderate (default) -> Medium, full -> £500; insured food £0; microwave £35 (2.10)
    assert decision.award.total == pounds("535.00")


# ---------------------------------------------------------------- 4.2 / 4.4 the six-month limit


def claim_after(resolved: str, claimed: str, exceptional: bool = False):
    return alliance(f"""
        [dates]
        occurred = 2025-08-01
        resolved = {resolved}
        claimed = {claimed}
        [claim]
        exceptional_circumstances = {str(exceptional).lower()}
    """)


def test_4_2_claim_on_the_last_day_of_six_months_is_in_time():
    assert not claim_after("2025-09-15", "2026-03-15").excluded


def test_4_2_claim_the_day_after_six_months_is_excluded():
    decision = claim_after("2025-09-15", "2026-03-16")
    assert decision.excluded
    assert decision.exclusions[0].clause == "alliance 4.2, 4.4"


def test_4_2_six_months_from_31_august_clamps_to_28_february():
    assert not claim_after("2025-08-31", "2026-02-28").excluded
    assert claim_after("2025-08-31", "2026-03-01").excluded


def test_4_4_exceptional_circumstances_admit_a_late_claim():
    assert not claim_after("2025-08-31", "2026-03-01", exceptional=True).excluded


def test_4_2_an_ongoing_loss_is_counted_to_the_claim_date():
    # resolved after the claim: the loss end is the claim date, so never late
    decision = alliance(
        "[dates]\noccurred = 2024-01-02\nresolved = 2026-06-01\nclaimed = 2026-03-02"
    )
    assert not decision.excluded


def test_complaints_2_2_twelve_months_limit_applies_despite_exceptional_circumstances():
    # loss ended 31 Jan 2025; 12 months -> 31 Jan 2026; claimed 1 Feb 2026
    decision = alliance("""
        [dates]
        occurred = 2025-01-02
        resolved = 2025-01-31
        claimed = 2026-02-01
        [claim]
        exceptional_circumstances = true
    """)
    assert [e.clause for e in decision.exclusions] == ["alliance complaints policy 2.2"]


def test_complaints_2_2_last_day_of_twelve_months_with_exceptional_circumstances():
    decision = alliance("""
        [dates]
        occurred = 2025-01-02
        resolved = 2025-01-31
        claimed = 2026-01-31
        [claim]
        exceptional_circumstances = true
    """)
    assert not decision.excluded


def test_complaints_2_2_counts_from_awareness_when_later():
    # damage done and ended Jan 2025, customer aware Dec 2025: within 12 months of awareness
    decision = alliance("""
        [dates]
        occurred = 2025-01-02
        resolved = 2025-01-31
        aware = 2025-12-01
        claimed = 2026-02-01
        [claim]
        exceptional_circumstances = true
    """)
    assert not decision.excluded


# ---------------------------------------------------------------- costs (2.5, 2.6, 3.2, 3.3)


@pytest.mark.parametrize(
    ("cost", "paid"),
    [
        ('kind = "advocate"\namount = 150\nevidence = true', "0.00"),  # 3.3 no permission
        ('kind = "advocate"\namount = 150\nevidence = true\npermission = true', "150.00"),
        ('kind = "repairs"\namount = 80\nevidence = true', "0.00"),  # 3.3 no permission
        ('kind = "repairs"\namount = 80\nevidence = true\npermission = true', "80.00"),
        ('kind = "time-off-work"\namount = 120', "0.00"),  # 3.2 not clearly evidenced
        ('kind = "time-off-work"\namount = 120\nevidence = true', "120.00"),  # 3.2 evidenced
        ('kind = "food"\namount = 64.20', "0.00"),  # 2.5, 2.6 evidenced costs only
        ('kind = "food"\namount = 64.20\nevidence = true', "64.20"),
    ],
    ids=[
        "3_3_advocate_without_permission",
        "3_3_advocate_with_permission",
        "3_3_contractor_without_permission",
        "3_3_contractor_with_permission",
        "3_2_earnings_not_evidenced",
        "3_2_earnings_evidenced",
        "2_5_cost_not_evidenced",
        "2_5_cost_evidenced",
    ],
)
def test_costs(cost, paid):
    # distress none -> £0 from the matrix, so the total is the cost alone
    decision = alliance(f'[failure]\ndistress = "none"\n[[costs]]\n{cost}')
    assert decision.award.total == pounds(paid)


def test_2_6_no_costs_without_a_service_failure_by_alliance():
    decision = alliance(
        '[failure]\nresponsibility = "none"\n[[costs]]\nkind = "food"\namount = 30\nevidence = true'
    )
    assert decision.award.total == 0


# ---------------------------------------------------------------- belongings (2.10, 3.1)


def test_2_10_belongings_paid_at_value_at_loss():
    decision = alliance(
        '[failure]\ndistress = "none"\n'
        '[[damaged_items]]\nitem = "sofa"\nreplacement_value = 900\n'
        "value_at_loss = 400"
    )
    assert decision.award.total == pounds("400.00")
    assert decision.award.items[0].basis == "assumption"  # the policy does not say how to value


def test_3_1_decoration_is_made_good_not_paid():
    decision = alliance(
        '[failure]\ndistress = "none"\n'
        '[[damaged_items]]\nitem = "wallpaper"\nkind = "decoration"\n'
        "replacement_value = 150"
    )
    assert decision.award.total == 0
    assert decision.award.items[0].clause == "alliance 3.1"


# ---------------------------------------------------------------- 5.1 approval


def award_of(value_at_loss: str):
    # severe -> Major, full -> £1,000 + belongings at value at loss
    return alliance(
        f'[failure]\ndistress = "severe"\n'
        f'[[damaged_items]]\nitem = "furniture"\nreplacement_value = 9000\n'
        f"value_at_loss = {value_at_loss}"
    )


def test_5_1_five_thousand_exactly_is_approved_by_the_customer_experience_manager():
    decision = award_of("4000.00")
    assert decision.award.total == pounds("5000.00")
    assert decision.approval.approver == "Customer Experience Manager (budget holder)"
    assert not decision.approval.senior


def test_5_1_over_five_thousand_also_needs_the_service_director():
    decision = award_of("4000.01")
    assert decision.award.total == pounds("5000.01")
    assert "Service Director (Customer Operations)" in decision.approval.approver
    assert decision.approval.senior


def test_5_1_nothing_to_pay_needs_no_payment_approval():
    decision = alliance("[legal]\npersonal_injury = true")
    assert "no payment to approve" in decision.approval.approver


# ---------------------------------------------------------------- 2.10 offset


def test_2_10_award_credited_to_arrears_up_to_what_is_owed():
    decision = alliance("[account]\nrent_arrears = 650")  # £500 award, owes £650
    assert decision.settlement.credited_to_account == pounds("500.00")
    assert decision.settlement.paid_to_customer == pounds("0.00")


def test_2_10_credit_never_exceeds_the_debt():
    decision = alliance("[account]\nrent_arrears = 120\nother_debts = 30")  # owes £150
    assert decision.settlement.credited_to_account == pounds("150.00")
    assert decision.settlement.paid_to_customer == pounds("350.00")


def test_2_10_belongings_always_paid_in_full_despite_arrears():
    decision = alliance("""
        [account]
        rent_arrears = 2000
        [[damaged_items]]
        item = "sofa"
        replacement_value = 900
        value_at_loss = 400
    """)
    # £500 (Medium, full) credited to the £2,000 debt; £400 belongings paid in full
    assert decision.award.total == pounds("900.00")
    assert decision.settlement.credited_to_account == pounds("500.00")
    assert decision.settlement.paid_to_customer == pounds("400.00")


def test_2_10_no_debt_everything_paid():
    decision = alliance()
    assert decision.settlement.paid_to_customer == pounds("500.00")
    assert decision.settlement.credited_to_account == 0


# ---------------------------------------------------------------- complaints policy 7.0 and 2.6


def complaint(received: str, acknowledged: str, stage1: str = "", extension: bool = False):
    stage1_line = f"stage1_response = {stage1}" if stage1 else ""
    return alliance(f"""
        [dates]
        occurred = 2025-11-03
        claimed = 2026-02-02
        [complaint]
        received = {received}
        acknowledged = {acknowledged}
        {stage1_line}
        stage1_extension_agreed = {str(extension).lower()}
    """)


def test_7_0_acknowledged_on_the_fifth_working_day_is_on_time():
    # received Mon 2 Feb 2026: 3, 4, 5, 6, 9 -> due Mon 9 Feb
    assert complaint("2026-02-02", "2026-02-09").award.total == pounds("500.00")


def test_7_0_acknowledged_on_the_sixth_working_day_is_poor_complaint_handling():
    # one missed timescale: Low Impact on the full row, £100 (assumption), 2.6
    decision = complaint("2026-02-02", "2026-02-10")
    assert decision.award.total == pounds("600.00")
    assert any(i.category == "complaint-handling" for i in decision.award.items)


def test_7_0_working_days_skip_christmas_bank_holidays():
    # received Mon 22 Dec 2025: 23, 24, (25 and 26 bank holidays), 29, 30, 31 -> due 31 Dec
    assert complaint("2025-12-22", "2025-12-31").award.total == pounds("500.00")
    # acknowledged Fri 2 Jan 2026 (1 Jan is a bank holiday): one working day late
    assert complaint("2025-12-22", "2026-01-02").award.total == pounds("600.00")


def test_7_0_stage1_extension_of_ten_more_working_days_when_agreed():
    # acknowledged Mon 2 Feb; 20 working days -> Mon 2 Mar; without the extension due Mon 16 Feb
    on_time = complaint("2026-01-28", "2026-02-02", "2026-03-02", extension=True)
    late = complaint("2026-01-28", "2026-02-02", "2026-03-02", extension=False)
    assert on_time.award.total == pounds("500.00")
    assert late.award.total == pounds("600.00")


def test_2_6_two_missed_timescales_are_a_repeated_failure():
    # acknowledged late (due 9 Feb) and stage 1 late (due 10 WD after 11 Feb = 25 Feb)
    decision = complaint("2026-02-02", "2026-02-11", "2026-03-04")
    assert decision.award.total == pounds("1000.00")  # £500 + Medium £500 (assumption)


# ---------------------------------------------------------------- invariants (hypothesis)


@given(scenarios())
def test_money_is_never_negative_and_the_settlement_adds_up(claim):
    decision = decide("alliance", claim)
    amounts = [i.amount for i in decision.award_if_not_excluded.items]
    assert all(a >= 0 for a in amounts)
    settlement = decision.settlement
    assert settlement.paid_to_customer >= 0 and settlement.credited_to_account >= 0
    assert settlement.paid_to_customer + settlement.credited_to_account == decision.award.total
    assert settlement.credited_to_account <= claim.account.total_owed


@given(scenarios())
def test_an_excluded_claim_pays_nothing(claim):
    decision = decide("alliance", claim)
    if decision.excluded:
        assert decision.award.total == 0
        assert decision.settlement.paid_to_customer == 0
        assert decision.settlement.credited_to_account == 0


@given(scenarios(), st.data())
def test_raising_distress_never_lowers_the_award(claim, data):
    import attrs

    lower = DISTRESS_LEVELS.index(claim.failure.distress)
    higher = data.draw(st.sampled_from(DISTRESS_LEVELS[lower:]))
    worse = attrs.evolve(claim, failure=attrs.evolve(claim.failure, distress=higher))
    assert decide("alliance", worse).award.total >= decide("alliance", claim).award.total
