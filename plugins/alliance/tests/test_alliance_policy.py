"""Alliance Homes: the policy's rules as cases. Each name cites its clause; each figure is from
the policy text (Compensation Policy 2.7 matrix; complaints policy 7.0 timescales). Every
reading switch (a parameter with an ``alternative``) is tested in both positions.

The host already checks types, non-negative money, that an excluded claim pays nothing, that
paid + credited is the total and that every item cites a clause and basis (and the contract
test in test_alliance_contract.py runs those on drawn scenarios): these tests check policy
behaviour only."""

from decimal import Decimal

import pytest

from compsim.testing import decide, scenario

NON_SENIOR = "Customer Experience Manager (budget holder)"
SENIOR = "Customer Experience Manager and Service Director (Customer Operations)"


def alliance(toml: str = "", sets=()):
    return decide("alliance", scenario(toml), sets)


def pounds(text: str) -> Decimal:
    return Decimal(text)


def readings(decision) -> dict:
    return {r.path: r.value for r in decision.readings}


NO_DISTRESS_OFF = ["alliance.readings.no_distress_is_low_impact=false"]


# ---------------------------------------------------------------- 2.7 the matrix, every cell

# Each column reached through distress: No Impact (distress none, with the No Impact reading),
# Low (minimal), Medium (moderate), Major (considerable). Amounts from the 2.7 table.
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
    decision = alliance(
        f'[failure]\nresponsibility = "{responsibility}"\ndistress = "{distress}"',
        sets=NO_DISTRESS_OFF,
    )
    assert decision.award.total == pounds(amount)


def test_2_7_severe_distress_is_major_impact():
    assert alliance('[failure]\ndistress = "severe"').impact.level == "Major Impact"


# ---------------------------------------------------------------- 2.7 Low Impact: "minimal or no"


@pytest.mark.parametrize(("responsibility", "amount"), [("full", "100.00"), ("partial", "50.00")])
def test_2_7_no_distress_with_just_cause_is_low_impact(responsibility, amount):
    # "Low Impact: Where the complainant has just cause but has suffered minimal or no
    # inconvenience or distress": full x Low £100, partial x Low £50
    decision = alliance(f'[failure]\nresponsibility = "{responsibility}"\ndistress = "none"')
    assert decision.impact.level == "Low Impact"
    assert decision.award.total == pounds(amount)
    assert decision.impact.basis == "assumption"  # a reading: the other one is No Impact
    assert decision.award.items[0].basis == "assumption"
    assert readings(decision) == {"readings.no_distress_is_low_impact": True}


def test_2_7_no_distress_repeated_failure_is_medium_impact():
    # Low (no distress, just cause), reported twice: "a repeated failure ... even of a low
    # impact event" is Medium: full x Medium £500
    decision = alliance('[failure]\ndistress = "none"\nreports = 2')
    assert decision.impact.level == "Medium Impact"
    assert decision.award.total == pounds("500.00")


def test_2_7_no_impact_column_reading_pays_nothing_even_when_repeated():
    # the other reading: distress none is the matrix's No Impact column, £0, not lifted
    for reports in (1, 4):
        decision = alliance(f'[failure]\ndistress = "none"\nreports = {reports}', NO_DISTRESS_OFF)
        assert decision.impact.level == "No Impact"
        assert decision.award.total == 0
        assert decision.impact.basis == "draft"  # set on the command line: the user's draft


def test_2_7_no_distress_without_just_cause_is_no_impact():
    # a permanent decant for redevelopment is not in itself a service failure (3.4): no just
    # cause, so no Low Impact, and the no-distress reading is not consulted
    decision = alliance('[failure]\nkind = "decant"\ndistress = "none"')
    assert decision.impact.level == "No Impact"
    assert decision.award.total == 0
    assert "readings.no_distress_is_low_impact" not in readings(decision)


def test_2_7_repeated_failure_lifts_low_to_medium():
    # "a repeated failure ... even of a low impact event" is Medium: full x Medium = £500
    decision = alliance('[failure]\ndistress = "minimal"\nreports = 2')
    assert decision.impact.level == "Medium Impact"
    assert decision.award.total == pounds("500.00")
    assert decision.impact.basis == "published"


def test_2_7_a_draft_repeat_threshold_marks_the_impact_it_changes():
    sets = ["alliance.impact.repeated_reports=3"]
    assert (
        alliance('[failure]\ndistress = "minimal"\nreports = 2', sets).impact.level == "Low Impact"
    )
    decision = alliance('[failure]\ndistress = "minimal"\nreports = 3', sets)
    assert decision.impact.level == "Medium Impact"
    assert decision.impact.basis == "draft"


def test_2_7_a_single_report_of_a_low_impact_event_stays_low():
    assert alliance('[failure]\ndistress = "minimal"\nreports = 1').award.total == pounds("100.00")


# ---------------------------------------------------------------- 2.7 Major Impact


def test_2_7_persistent_failure_is_major_impact_on_the_text_alone():
    # persistent is part of Major's definition; being misled too changes nothing, so no
    # reading is consulted and the level is published
    decision = alliance('[failure]\ndistress = "minimal"\npersistent = true\nmisled = true')
    assert decision.impact.level == "Major Impact"
    assert decision.award.total == pounds("1000.00")
    assert decision.impact.basis == "published"
    assert readings(decision) == {}


def test_2_7_misled_could_also_make_major_impact_as_a_reading():
    # "Major impact could also apply where ... a customer reasonably believing that something
    # would, or would not, happen": minimal distress, misled -> Major £1,000, marked
    decision = alliance('[failure]\ndistress = "minimal"\nmisled = true')
    assert decision.impact.level == "Major Impact"
    assert decision.award.total == pounds("1000.00")
    assert decision.impact.basis == "assumption"
    assert decision.rests_on_assumption
    assert readings(decision) == {"readings.misled_gives_major": True}


def test_2_7_misled_reading_off_weighs_distress_only():
    decision = alliance(
        '[failure]\ndistress = "minimal"\nmisled = true',
        sets=["alliance.readings.misled_gives_major=false"],
    )
    assert decision.impact.level == "Low Impact"
    assert decision.award.total == pounds("100.00")


def test_2_7_misled_reading_not_consulted_when_nobody_was_misled():
    assert "readings.misled_gives_major" not in readings(alliance())


# ---------------------------------------------------------------- 2.7, 5.2 vulnerability


def test_2_7_vulnerability_lifts_low_to_medium_as_an_assumption():
    decision = alliance(
        '[household]\nvulnerabilities = ["disability"]\n[failure]\ndistress = "minimal"'
    )
    assert decision.impact.level == "Medium Impact"
    assert decision.impact.basis == "assumption"
    assert decision.award.total == pounds("500.00")
    assert readings(decision) == {"impact.vulnerability_lifts": True}


def test_2_7_vulnerability_lifts_medium_to_major():
    decision = alliance('[household]\nvulnerabilities = ["older-person"]')  # moderate
    assert decision.impact.level == "Major Impact"
    assert decision.award.total == pounds("1000.00")


def test_2_7_vulnerability_lift_can_be_switched_off():
    decision = alliance(
        '[household]\nvulnerabilities = ["disability"]\n[failure]\ndistress = "minimal"',
        sets=["alliance.impact.vulnerability_lifts=false"],
    )
    assert decision.impact.level == "Low Impact"
    assert decision.award.total == pounds("100.00")


LIFT_NONE = "readings.vulnerability_lifts_no_distress"
REPEAT_FIRST = "readings.repeat_lifts_before_vulnerability"
VULNERABLE_NONE = '[household]\nvulnerabilities = ["older-person"]\n[failure]\ndistress = "none"'
VULNERABLE_MINIMAL_REPEATED = (
    '[household]\nvulnerabilities = ["disability"]\n[failure]\ndistress = "minimal"\nreports = 3'
)


def impact_notes(decision) -> str:
    return " ".join(note.detail for note in decision.impact.notes)


def test_2_7_vulnerability_does_not_worsen_no_distress():
    # no distress suffered: nothing for a vulnerability to worsen; Low (just cause) £100; the
    # reading is named, and the output says the vulnerability was considered
    decision = alliance(VULNERABLE_NONE)
    assert decision.impact.level == "Low Impact"
    assert decision.award.total == pounds("100.00")
    assert readings(decision) == {"readings.no_distress_is_low_impact": True, LIFT_NONE: False}
    assert "impact.vulnerability_lifts" not in readings(decision)
    assert "Vulnerability (older-person) considered: distress is none" in impact_notes(decision)


def test_2_7_vulnerability_lifts_no_distress_as_the_other_reading():
    # the other reading: none with just cause -> Low; the vulnerability lifts it one step ->
    # Medium; full x Medium = £500 (2.7 matrix)
    decision = alliance(VULNERABLE_NONE, sets=[f"alliance.{LIFT_NONE}=true"])
    assert decision.impact.level == "Medium Impact"
    assert decision.award.total == pounds("500.00")
    assert decision.impact.basis == "draft"
    assert readings(decision)[LIFT_NONE] is True
    assert "(distress none included)" in impact_notes(decision)


def test_2_7_vulnerability_lift_at_no_distress_consulted_only_where_it_could_lift():
    # no vulnerability; distress none without just cause (No Impact: nothing to lift);
    # minimal distress (the other switch); misled, so Major already
    cases = [
        '[failure]\ndistress = "none"',
        VULNERABLE_NONE.replace('"none"', '"none"\nresponsibility = "none"'),
        '[household]\nvulnerabilities = ["disability"]\n[failure]\ndistress = "minimal"',
        VULNERABLE_NONE + "\nmisled = true",
    ]
    for toml in cases:
        assert LIFT_NONE not in readings(alliance(toml)), toml


def test_2_7_vulnerability_without_just_cause_is_named_and_changes_nothing():
    decision = alliance(VULNERABLE_NONE.replace('"none"', '"none"\nresponsibility = "none"'))
    assert decision.impact.level == "No Impact"
    assert "with no just cause there is no impact for it to worsen" in impact_notes(decision)


def test_2_7_vulnerability_at_major_impact_is_named_as_considered():
    # considerable distress is Major, the top of the scale; persistent is Major too
    for toml in ('[failure]\ndistress = "considerable"', "[failure]\npersistent = true"):
        decision = alliance('[household]\nvulnerabilities = ["mental-health"]\n' + toml)
        assert decision.impact.level == "Major Impact"
        assert decision.impact.basis == "published"
        assert "is already Major" in impact_notes(decision)
        assert readings(decision) == {}


def test_2_7_vulnerability_lift_switched_off_is_named_as_considered():
    decision = alliance(
        '[household]\nvulnerabilities = ["disability"]\n[failure]\ndistress = "minimal"',
        sets=["alliance.impact.vulnerability_lifts=false"],
    )
    assert "considered without changing the level" in impact_notes(decision)


def test_2_7_no_vulnerability_no_vulnerability_note():
    assert "Vulnerability" not in impact_notes(alliance('[failure]\ndistress = "none"'))


def test_2_7_vulnerability_lift_then_repeat_gives_medium_not_major():
    # the default order: the lift applies to the distress reading (Low -> Medium), then the
    # repeated-failure lift (Low to Medium) adds nothing: Medium, £500. The other order would
    # give Major, so the level rests on the reading
    decision = alliance(VULNERABLE_MINIMAL_REPEATED)
    assert decision.impact.level == "Medium Impact"
    assert decision.award.total == pounds("500.00")
    assert decision.impact.basis == "assumption"
    assert readings(decision) == {"impact.vulnerability_lifts": True, REPEAT_FIRST: False}
    assert "the two lifts are not added" in impact_notes(decision)


def test_2_7_repeat_before_vulnerability_reading_gives_major():
    # the other order, by hand from 2.7: minimal -> Low; "a repeated failure ... even of a low
    # impact event" -> Medium; the vulnerability lifts one step -> Major; full x Major = £1,000
    decision = alliance(VULNERABLE_MINIMAL_REPEATED, sets=[f"alliance.{REPEAT_FIRST}=true"])
    assert decision.impact.level == "Major Impact"
    assert decision.award.total == pounds("1000.00")
    assert decision.impact.basis == "draft"
    assert "first, and the vulnerability lifts that one step, to Major" in impact_notes(decision)


def test_2_7_repeat_before_vulnerability_with_the_no_distress_lift():
    # both other readings: none with just cause -> Low; repeated -> Medium; lifted -> Major
    decision = alliance(
        VULNERABLE_NONE + "\nreports = 2",
        sets=[f"alliance.{REPEAT_FIRST}=true", f"alliance.{LIFT_NONE}=true"],
    )
    assert decision.impact.level == "Major Impact"
    assert decision.award.total == pounds("1000.00")
    assert list(readings(decision)) == [
        "readings.no_distress_is_low_impact",
        LIFT_NONE,
        REPEAT_FIRST,
    ]


def test_2_7_lift_order_consulted_only_where_the_two_lifts_meet():
    # a single report; moderate distress (the lift gives Major alone); no vulnerability; the
    # lift switched off; distress none with the default no-lift reading; misled (Major)
    cases = [
        ('[household]\nvulnerabilities = ["disability"]\n[failure]\ndistress = "minimal"', ()),
        ('[household]\nvulnerabilities = ["disability"]\n[failure]\nreports = 3', ()),
        ('[failure]\ndistress = "minimal"\nreports = 3', ()),
        (VULNERABLE_MINIMAL_REPEATED, ["alliance.impact.vulnerability_lifts=false"]),
        (VULNERABLE_NONE + "\nreports = 2", ()),
        (VULNERABLE_MINIMAL_REPEATED + "\nmisled = true", ()),
    ]
    for toml, sets in cases:
        assert REPEAT_FIRST not in readings(alliance(toml, sets=sets)), toml


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
    (
        "3_7_insured_decoration_is_for_contents_insurance",
        '[failure]\nkind = "damage-to-decoration"\n'
        '[[damaged_items]]\nitem = "wallpaper"\nkind = "decoration"\nreplacement_value = 150\n'
        'damaged_by = "leak"\ninsured = true',
    ),
]


@pytest.mark.parametrize(("name", "toml"), EXCLUSIONS, ids=[n for n, _ in EXCLUSIONS])
def test_exclusion_applies_alone(name, toml):
    decision = alliance(toml)
    assert len(decision.exclusions) == 1, [e.reason for e in decision.exclusions]
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


def claim_after(resolved: str, claimed: str, exceptional: bool = False, kind="repair-delay"):
    return alliance(f"""
        [failure]
        kind = "{kind}"
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


@pytest.mark.parametrize("kind", ["damage-to-belongings", "damage-to-decoration"])
def test_4_2_one_off_damage_is_incurred_when_it_happens(kind):
    # damage on 1 Aug 2025, the leak fixed on 1 Dec 2025, claimed 2 Apr 2026: 8 months after
    # the damage, so late (the last day was 1 Feb 2026), although within 6 months of the fix
    decision = claim_after("2025-12-01", "2026-04-02", kind=kind)
    assert [e.clause for e in decision.exclusions] == ["alliance 4.2, 4.4"]
    window = next(d for d in decision.deadlines if d.clause == "alliance 4.2")
    assert str(window.date) == "2026-02-01"


def test_4_2_one_off_damage_on_the_last_day_is_in_time():
    assert not claim_after("2025-12-01", "2026-02-01", kind="damage-to-belongings").excluded
    assert claim_after("2025-12-01", "2026-02-02", kind="damage-to-belongings").excluded


def test_4_2_missed_appointment_is_incurred_on_the_day():
    assert claim_after("2025-12-01", "2026-02-02", kind="missed-appointment").excluded


def test_4_2_the_same_dates_for_a_continuing_failure_are_in_time():
    # a repair delay runs to its loss end (resolved 1 Dec 2025): last day 1 Jun 2026
    assert not claim_after("2025-12-01", "2026-04-02").excluded


def test_4_2_a_continuing_failure_resolved_after_the_claim_runs_to_resolved():
    # the loss end is dates.resolved even after the claim: the window closes 6 months later
    decision = alliance(
        "[dates]\noccurred = 2024-01-02\nresolved = 2026-06-01\nclaimed = 2026-03-02"
    )
    assert not decision.excluded
    window = next(d for d in decision.deadlines if d.clause == "alliance 4.2")
    assert str(window.date) == "2026-12-01"


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
    assert readings(decision) == {"time_limits.discretion_beyond_complaint_months": False}


def test_complaints_2_2_discretion_reading_accepts_a_late_complaint_for_good_reason():
    decision = alliance(
        """
        [dates]
        occurred = 2025-01-02
        resolved = 2025-01-31
        claimed = 2026-02-01
        [claim]
        exceptional_circumstances = true
        """,
        sets=["alliance.time_limits.discretion_beyond_complaint_months=true"],
    )
    assert not decision.excluded


def test_complaints_2_2_one_off_damage_counts_from_the_day_it_happened():
    # damage 2 Jan 2025, leak fixed 31 Mar 2025, claimed 15 Jan 2026 with exceptional
    # circumstances (4.4): 12 months from the damage ended 2 Jan 2026 -> excluded
    decision = alliance("""
        [failure]
        kind = "damage-to-belongings"
        [dates]
        occurred = 2025-01-02
        resolved = 2025-03-31
        claimed = 2026-01-15
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
        ('kind = "food"\namount = 64.20', "64.20"),  # 2.5, 2.6 ask for no evidence
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
    # full responsibility, distress none with the No Impact reading -> £0 from the matrix, so
    # the total is the cost alone
    decision = alliance(f'[failure]\ndistress = "none"\n[[costs]]\n{cost}', NO_DISTRESS_OFF)
    assert decision.award.total == pounds(paid)


UNEVIDENCED = '[failure]\ndistress = "minimal"\n[[costs]]\nkind = "travel"\namount = 12.50'


def test_2_5_2_6_cost_without_evidence_is_reimbursed_as_a_reading():
    decision = alliance(UNEVIDENCED)
    cost = decision.award.items[1]
    assert cost.amount == pounds("12.50")
    assert cost.basis == "assumption"
    assert decision.award.total == pounds("112.50")  # Low £100 + £12.50
    assert readings(decision) == {"readings.costs_need_evidence": False}


def test_2_5_2_6_costs_need_evidence_reading_pays_nothing_without_it():
    decision = alliance(UNEVIDENCED, sets=["alliance.readings.costs_need_evidence=true"])
    assert decision.award.total == pounds("100.00")


def test_2_5_2_6_an_evidenced_cost_does_not_rest_on_the_reading():
    decision = alliance(UNEVIDENCED + "\nevidence = true")
    assert decision.award.items[1].basis == "published"
    assert "readings.costs_need_evidence" not in readings(decision)


def test_3_2_lost_earnings_need_clear_evidence_in_either_reading():
    toml = '[failure]\ndistress = "minimal"\n[[costs]]\nkind = "time-off-work"\namount = 120'
    for value in ("true", "false"):
        decision = alliance(toml, sets=[f"alliance.readings.costs_need_evidence={value}"])
        assert decision.award.total == pounds("100.00")


def test_2_6_no_costs_without_a_service_failure_by_alliance():
    decision = alliance(
        '[failure]\nresponsibility = "none"\n[[costs]]\nkind = "food"\namount = 30\nevidence = true'
    )
    assert decision.award.total == 0


# ---------------------------------------------------------------- partial responsibility

PARTIAL = """
    [failure]
    responsibility = "partial"
    [[costs]]
    kind = "cleaning"
    amount = 80
    evidence = true
    [[damaged_items]]
    item = "sofa"
    replacement_value = 900
    value_at_loss = 300
"""
HALF = ["alliance.reimbursement.partial_responsibility_share=0.5"]


def test_2_10_partial_responsibility_pays_costs_and_belongings_at_the_share():
    # partial x Medium £100; cleaning £80 x 0.5 = £40; sofa £300 x 0.5 = £150
    decision = alliance(PARTIAL, sets=HALF)
    amounts = [item.amount for item in decision.award.items]
    assert amounts == [pounds("100.00"), pounds("40.00"), pounds("150.00")]
    assert decision.award.total == pounds("290.00")
    assert decision.award.items[1].basis == "draft"


def test_2_10_partial_responsibility_share_rounds_once_to_the_penny():
    decision = alliance(
        '[failure]\nresponsibility = "partial"\ndistress = "minimal"\n'
        '[[costs]]\nkind = "travel"\namount = 12.25\nevidence = true',
        sets=["alliance.reimbursement.partial_responsibility_share=0.3"],
    )
    assert decision.award.items[1].amount == pounds("3.68")  # 3.675 rounded half up


def test_2_10_partial_responsibility_default_share_pays_in_full_as_an_assumption():
    decision = alliance(PARTIAL)
    assert decision.award.total == pounds("480.00")  # £100 + £80 + £300
    assert decision.award.items[1].basis == "assumption"


def test_2_10_full_responsibility_ignores_the_share():
    decision = alliance(PARTIAL.replace('"partial"', '"full"'), sets=HALF)
    assert decision.award.total == pounds("880.00")  # £500 + £80 + £300


# ---------------------------------------------------------------- belongings (2.10, 3.1)


def test_2_10_belongings_paid_at_value_at_loss():
    decision = alliance(
        '[failure]\ndistress = "minimal"\n'
        '[[damaged_items]]\nitem = "sofa"\nreplacement_value = 900\nvalue_at_loss = 400'
    )
    assert decision.award.items[1].amount == pounds("400.00")
    assert decision.award.items[1].basis == "assumption"  # the policy does not say how to value
    assert readings(decision) == {"belongings.valuation": "value_at_loss"}


def test_2_10_belongings_valuation_reading_replacement_value():
    decision = alliance(
        '[failure]\ndistress = "minimal"\n'
        '[[damaged_items]]\nitem = "sofa"\nreplacement_value = 900\nvalue_at_loss = 400',
        sets=["alliance.belongings.valuation=replacement_value"],
    )
    assert decision.award.items[1].amount == pounds("900.00")


def decoration(damaged_by: str, sets=()):
    return alliance(
        '[failure]\nkind = "damage-to-decoration"\ndistress = "minimal"\n'
        '[[damaged_items]]\nitem = "wallpaper"\nkind = "decoration"\nreplacement_value = 150\n'
        f'damaged_by = "{damaged_by}"',
        sets,
    )


def test_3_1_decoration_damaged_by_repair_work_is_made_good_not_paid():
    # "Certain repair work may damage a customer's wall decoration ... if we are unable to
    # exactly match existing decoration, we would not offer additional compensation"
    decision = decoration("repair-work")
    item = decision.award.items[1]
    assert item.amount == 0
    assert item.clause == "alliance 3.1"
    assert item.basis == "published"  # the scenario says repair work did it: no reading
    assert decision.award.total == pounds("100.00")  # the matrix still pays (Low £100)
    assert "readings.decoration_other_damage_is_repair_work" not in readings(decision)


def test_3_1_unnamed_decoration_damage_is_damage_to_property():
    # RULES.md: "only damage made by repair work ... gets no additional compensation; other
    # damage to decoration is damage to property (2.10)"; an unnamed cause is not repair work
    decision = decoration("other")
    item = decision.award.items[1]
    assert item.amount == pounds("150.00")
    assert "alliance 2.10" in item.clause
    assert item.basis == "assumption"  # rests on the reading (and the valuation switch)
    assert decision.award.total == pounds("250.00")  # Low £100 + £150
    assert readings(decision)["readings.decoration_other_damage_is_repair_work"] is False


def test_3_1_decoration_repair_work_reading_on_reads_unnamed_damage_as_repair_work():
    decision = decoration(
        "other", ["alliance.readings.decoration_other_damage_is_repair_work=true"]
    )
    item = decision.award.items[1]
    assert (item.amount, item.clause, item.basis) == (0, "alliance 3.1", "draft")
    assert decision.award.total == pounds("100.00")  # the matrix still pays (Low £100)


@pytest.mark.parametrize("damaged_by", ["leak", "flood", "fire"])
def test_3_1_2_10_decoration_damaged_by_a_leak_is_damage_to_property(damaged_by):
    # not repair work: 3.1's decoration sentence does not apply; damage to property (2.10)
    decision = decoration(damaged_by)
    assert decision.award.items[1].amount == pounds("150.00")
    assert "alliance 2.10" in decision.award.items[1].clause
    assert "readings.decoration_other_damage_is_repair_work" not in readings(decision)


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
    assert decision.approval.approver == NON_SENIOR
    assert not decision.approval.senior


def test_5_1_over_five_thousand_also_needs_the_service_director():
    decision = award_of("4000.01")
    assert decision.award.total == pounds("5000.01")
    assert decision.approval.approver == SENIOR
    assert decision.approval.senior


def test_5_1_nothing_to_pay_needs_no_payment_approval():
    decision = alliance("[legal]\npersonal_injury = true")
    assert decision.approval.approver == "Customer Feedback Manager (review; no payment to approve)"


# ---------------------------------------------------------------- 2.10 offset


def test_2_10_award_credited_to_arrears_up_to_what_is_owed():
    decision = alliance("[account]\nrent_arrears = 650")  # £500 award, owes £650
    assert decision.settlement.credited_to_account == pounds("500.00")
    assert decision.settlement.paid_to_customer == pounds("0.00")
    assert readings(decision) == {"readings.credit_arrears": True}


def test_2_10_credit_never_exceeds_the_debt():
    decision = alliance("[account]\nrent_arrears = 120\nother_debts = 30")  # owes £150
    assert decision.settlement.credited_to_account == pounds("150.00")
    assert decision.settlement.paid_to_customer == pounds("350.00")


def test_2_10_may_be_credited_reading_off_pays_the_customer():
    decision = alliance(
        "[account]\nrent_arrears = 650", sets=["alliance.readings.credit_arrears=false"]
    )
    assert decision.settlement.credited_to_account == 0
    assert decision.settlement.paid_to_customer == pounds("500.00")


def test_2_10_no_debt_consults_no_offset_reading():
    decision = alliance()
    assert decision.settlement.paid_to_customer == pounds("500.00")
    assert decision.settlement.credited_to_account == 0
    assert readings(decision) == {}


def test_2_10_damaged_items_in_another_kind_of_claim_are_paid_in_full():
    decision = alliance("""
        [account]
        rent_arrears = 2000
        [[damaged_items]]
        item = "sofa"
        replacement_value = 900
        value_at_loss = 400
        [[damaged_items]]
        item = "wallpaper"
        kind = "decoration"
        replacement_value = 100
        damaged_by = "leak"
    """)
    # a repair delay: £500 (Medium, full) credited to the £2,000 debt; the damaged items
    # (sofa £400, wallpaper £100, damage to property) paid in full
    assert decision.award.total == pounds("1000.00")
    assert decision.settlement.credited_to_account == pounds("500.00")
    assert decision.settlement.paid_to_customer == pounds("500.00")
    assert "readings.damage_claim_paid_in_full" not in readings(decision)


DAMAGE_CLAIM_WITH_ARREARS = """
    [account]
    rent_arrears = 2000
    [failure]
    kind = "damage-to-belongings"
    [[damaged_items]]
    item = "sofa"
    replacement_value = 900
    value_at_loss = 400
    [[costs]]
    kind = "cleaning"
    amount = 60
    evidence = true
"""


def test_2_10_whole_award_in_a_damage_claim_is_paid_in_full_despite_arrears():
    # "awarded due to damage to property or belongings ... payment will be made in full":
    # £500 + £400 + £60 = £960, all paid, nothing credited to the £2,000 arrears
    decision = alliance(DAMAGE_CLAIM_WITH_ARREARS)
    assert decision.settlement.paid_to_customer == pounds("960.00")
    assert decision.settlement.credited_to_account == 0
    assert readings(decision)["readings.damage_claim_paid_in_full"] is True


def test_2_10_damage_claim_reading_off_pays_only_the_items_in_full():
    decision = alliance(
        DAMAGE_CLAIM_WITH_ARREARS, sets=["alliance.readings.damage_claim_paid_in_full=false"]
    )
    assert decision.settlement.paid_to_customer == pounds("400.00")
    assert decision.settlement.credited_to_account == pounds("560.00")


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


# ------------------------------------------------------------ 2.6, 2.7, 3.4 planned moves

PLANNED_MOVE = """
[failure]
kind = "decant"
distress = "{distress}"
[decant]
permanent = true
reason = "{reason}"
"""


@pytest.mark.parametrize("distress", ["minimal", "moderate", "severe"])
def test_3_4_planned_move_is_not_a_service_failure_at_any_distress(distress):
    # a decant with no distress is already No Impact ("not in itself a service failure");
    # with distress, a move for redevelopment is still a planned move (a switch)
    decision = alliance(PLANNED_MOVE.format(distress=distress, reason="redevelopment"))
    (item,) = [i for i in decision.award.items if i.category == "distress"]
    assert item.amount == 0 and "a planned move under the Decant Procedure" in item.label
    assert item.basis == "assumption"
    assert decision.award.total == 0


def test_3_4_planned_move_read_as_a_failure_is_paid_on_the_matrix():
    decision = alliance(
        PLANNED_MOVE.format(distress="moderate", reason="demolition"),
        ["alliance.readings.planned_move_is_a_failure=true"],
    )
    assert decision.award.total == pounds("500.00")  # full x Medium
    assert decision.award.items[0].basis == "draft"


def test_3_4_a_move_for_major_repairs_is_paid_on_the_matrix_without_the_reading():
    decision = alliance(PLANNED_MOVE.format(distress="moderate", reason="major-repairs"))
    assert decision.award.total == pounds("500.00")
    assert "readings.planned_move_is_a_failure" not in readings(decision)


# ---------------------------------------------------------------- 2.10 agreement to the credit


def notes_of(settlement) -> str:
    return " ".join(note.detail for note in settlement.notes)


def test_2_10_credit_needs_no_agreement_and_says_so():
    # 2.10 "may be credited": Alliance's choice; a refusal (offset_agreed = false) changes
    # nothing: £500 award, owes £650 -> all £500 credited, and a note says why
    decision = alliance("[account]\nrent_arrears = 650\noffset_agreed = false")
    assert decision.settlement.credited_to_account == pounds("500.00")
    assert decision.settlement.paid_to_customer == 0
    assert "asks for no agreement" in notes_of(decision.settlement)
    assert readings(decision) == {"readings.credit_arrears": True}


def test_2_10_no_agreement_note_when_the_customer_agreed_or_nothing_is_credited():
    agreed = alliance("[account]\nrent_arrears = 650")
    assert "agreement" not in notes_of(agreed.settlement)
    not_credited = alliance(
        "[account]\nrent_arrears = 650\noffset_agreed = false",
        sets=["alliance.readings.credit_arrears=false"],
    )
    assert not_credited.settlement.paid_to_customer == pounds("500.00")
    assert "agreement" not in notes_of(not_credited.settlement)


# ---------------------------------------------------------------- 3.1 and 2.6: the fault excluded,
# the complaint about it mishandled

HANDLING = "readings.fault_exclusion_covers_complaint_handling"
HANDLING_OFF = [f"alliance.{HANDLING}=false"]


def mishandled(
    failure: str = 'cause = "third-party"\nresponsibility = "full"',
    acknowledged: str = "2026-02-10",
):
    # moderate distress (the default), full responsibility given, so the exclusion is seen to
    # bite on an award there would be: matrix £500; a £40 cost; the
    # complaint received Mon 2 Feb 2026 and acknowledged on 10 Feb, the sixth working day
    # (3, 4, 5, 6, 9 Feb make five: due 9 Feb), so one timescale is missed (7.0)
    return f"""
        [failure]
        {failure}
        [dates]
        occurred = 2025-11-03
        claimed = 2026-02-02
        [[costs]]
        kind = "travel"
        amount = 40.00
        evidence = true
        [complaint]
        received = 2026-02-02
        acknowledged = {acknowledged}
    """


def test_3_1_2_6_third_party_fault_excludes_the_complaint_handling_too():
    # 3.1 "We will not make compensation payments ... Where the fault is caused by a third
    # party": the whole claim, Alliance's own late acknowledgement included (the reading)
    decision = alliance(mishandled())
    assert decision.excluded
    assert decision.award.total == 0
    # otherwise: £500 matrix + £100 poor complaint handling (one missed: Low) + £40 cost
    assert decision.award_if_not_excluded.total == pounds("640.00")
    assert "poor handling of the complaint (2.6) included" in decision.exclusions[0].reason
    assert readings(decision) == {HANDLING: True}


def test_3_1_2_6_complaint_handling_paid_despite_the_fault_as_the_other_reading():
    # the other reading: nothing for the fault (the £500 matrix item and the £40 cost are £0,
    # 3.1); the missed acknowledgement is poor complaint handling, one missed timescale ->
    # Low (complaint_handling.impact_one_missed) -> full x Low = £100 (2.7)
    decision = alliance(mishandled(), sets=HANDLING_OFF)
    assert not decision.excluded
    assert decision.award.total == pounds("100.00")
    paid = {item.category: item.amount for item in decision.award.items}
    assert paid == {
        "distress": pounds("0"),
        "complaint-handling": pounds("100.00"),
        "costs": pounds("0"),
    }
    refused = [item for item in decision.award.items if item.amount == 0]
    assert all("3.1" in item.clause for item in refused)
    assert all(item.basis == "draft" for item in refused)
    assert "third party" in refused[0].label
    assert any("still considered" in check.reason for check in decision.checks)


@pytest.mark.parametrize(
    "failure",
    [
        'cause = "extreme-weather"',
        'cause = "resident"',
        "access_refused = true",
        'action_plan = "agreed-kept"',
    ],
)
def test_3_1_2_6_every_fault_exclusion_reads_the_same_way(failure):
    assert alliance(mishandled(failure)).excluded
    decision = alliance(mishandled(failure), sets=HANDLING_OFF)
    assert decision.award.total == pounds("100.00")


def test_3_1_2_6_handling_reading_consulted_only_where_it_decides():
    cases = [
        mishandled('cause = "landlord"'),  # no fault exclusion: paid anyway
        mishandled(acknowledged="2026-02-09"),  # on time: nothing of Alliance's own to pay
        mishandled('cause = "third-party"\nkind = "complaint-handling"'),  # the matrix values it
        mishandled() + "[legal]\npersonal_injury = true",  # excluded whatever the reading
        mishandled().replace("claimed = 2026-02-02", "resolved = 2025-11-10\nclaimed = 2026-06-30"),
    ]
    for toml in cases:
        assert HANDLING not in readings(alliance(toml)), toml
        assert HANDLING not in readings(alliance(toml, sets=HANDLING_OFF)), toml


def test_3_1_2_6_damaged_belongings_not_paid_for_an_excluded_fault_under_the_other_reading():
    # a rug worth £100 at loss, damaged in the fault the third party caused: £0 (3.1); the
    # complaint handling alone is paid, £100
    decision = alliance(
        mishandled() + '[[damaged_items]]\nitem = "rug"\nreplacement_value = 150\n'
        "value_at_loss = 100",
        sets=HANDLING_OFF,
    )
    assert decision.award.total == pounds("100.00")
    rug = next(item for item in decision.award.items if item.category == "belongings")
    assert rug.amount == 0
    assert rug.label.startswith("Damaged belongings: rug, not paid: the fault was caused by")
