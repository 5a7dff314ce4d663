"""Twenty11 Compensation Policy (Version 2, December 2020): each test cites its clause.

Every expected figure is worked out by hand from the policy text (arithmetic in comments).
Rent for D days is weekly_rent * share * D / 7, rounded half-up once (RULES.md); days run
from the repair target (not counted) to the day the work is finished (counted).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from compsim.models import ACCOUNT, CUSTOMER, Decision
from compsim.testing import decide, scenario

D = Decimal


def t11(toml: str, sets: tuple[str, ...] = ()) -> Decision:
    return decide("twenty11", scenario(toml), sets)


def items(decision: Decision, category: str):
    return [i for i in decision.award_if_not_excluded.items if i.category == category]


def amount(decision: Decision, category: str) -> Decimal:
    return sum((i.amount for i in items(decision, category)), D("0.00"))


def excluded_by(decision: Decision) -> list[str]:
    return [e.short for e in decision.exclusions]


def notes(decision: Decision) -> str:
    return " | ".join(n.detail for n in decision.award_if_not_excluded.notes)


def readings(decision: Decision) -> dict[str, object]:
    """The reading switches the decision consulted, with the value used."""
    return {r.path: r.value for r in decision.readings}


# A kitchen lost from the 19 Jan target to 23 Feb: 35 days, five weeks. Distress "none" so
# that only the Appendix 1 figure is paid (no 6.9.3 payment, no gesture).
AMENITY = """
[household]
weekly_rent = 105.00
[failure]
kind = "loss-of-amenity"
distress = "none"
[dates]
occurred = 2026-01-05
repair_target = 2026-01-19
resolved = 2026-02-23
claimed = 2026-03-02
"""


def amenity(
    extra: str, sets: tuple[str, ...] = (), household: str = "", dates: str = ""
) -> Decision:
    toml = AMENITY
    if household:
        toml = toml.replace("weekly_rent = 105.00", f"weekly_rent = 105.00\n{household}")
    if dates:
        toml = toml.replace("[dates]\n", f"[dates]\n{dates}\n").replace(
            "resolved = 2026-02-23\n", ""
        )
    return t11(toml + extra, sets)


# ---------------------------------------------------------------- policy info and parameters


def test_policy_info_names_twenty11_version_2():
    from compsim_twenty11.plugin import policy_info

    info = policy_info()
    assert info.id == "twenty11"
    assert "Version 2" in info.version
    assert info.params_file.name == "params.toml"


def test_every_reading_switch_is_listed_in_the_readme_with_its_clause():
    # issue 9 section 4: the README lists every switch (path, default, alternative, clause)
    from pathlib import Path

    from compsim_twenty11.plugin import policy_info

    from compsim.params import load_param_file

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    params = load_param_file(policy_info().params_file, "twenty11")
    switches = {path: d for path, d in params.defs.items() if d.is_switch}
    assert len(switches) == 13
    for path, definition in switches.items():
        row = next((line for line in readme.splitlines() if f"`{path}`" in line), "")
        assert row.startswith("|"), f"{path} has no row in the README's table of switches"
        assert definition.clause.removeprefix("twenty11 ") in row, path


def test_readme_cites_the_policy_by_title_version_and_date_not_a_path():
    from pathlib import Path

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert "Compensation Policy" in readme and "Version 2" in readme
    assert "December 2020" in readme and "Twenty11" in readme
    assert "/work/" not in readme and ".txt" not in readme


# ---------------------------------------------------------------- exclusions


def test_1_2_6_5_proceedings_started_excluded():
    decision = t11('[legal]\nproceedings = "started"')
    assert decision.excluded
    assert excluded_by(decision) == ["legal proceedings"]
    assert decision.award.total == 0


def test_1_2_6_5_court_ordered_excluded():
    assert excluded_by(t11('[legal]\nproceedings = "court-ordered"')) == ["legal proceedings"]


@pytest.mark.parametrize(
    "legal", ['proceedings = "threatened"', "disrepair_claim = true", 'proceedings = "none"']
)
def test_1_2_6_5_near_miss_threatened_proceedings_or_disrepair_claim_not_excluded(legal):
    decision = t11(f"[legal]\n{legal}")
    assert not decision.excluded
    proceedings = next(c for c in decision.checks if c.clause == "twenty11 1.2, 6.5")
    assert not proceedings.applies


def test_1_2_issue_raised_through_legal_representation_excluded():
    # "issues raised with us through the courts or legal representation"
    decision = t11("[legal]\nrepresented = true")
    assert excluded_by(decision) == ["legal representation"]
    assert decision.exclusions[0].clause == "twenty11 1.2"


def test_1_2_threatened_proceedings_through_a_solicitor_excluded_on_representation():
    decision = t11('[legal]\nproceedings = "threatened"\nrepresented = true')
    assert excluded_by(decision) == ["legal representation"]


def test_1_2_6_10_2_near_miss_claim_passed_on_by_someone_acting_for_the_tenant_considered():
    decision = t11("[claim]\nvia_representative = true")
    assert not decision.excluded
    check = next(c for c in decision.checks if c.clause == "twenty11 1.2, 6.10.2")
    assert "not a legal representative" in check.reason


def test_1_2_6_5_insurance_claim_excluded():
    assert excluded_by(t11("[legal]\ninsurance_claim = true")) == ["insurance claim"]


def test_6_5_personal_injury_excluded():
    assert excluded_by(t11("[legal]\npersonal_injury = true")) == ["personal injury"]


def test_1_2_6_5_near_miss_no_insurance_claim_or_injury_not_excluded():
    decision = t11("[legal]\ninsurance_claim = false\npersonal_injury = false")
    assert not decision.excluded


def test_6_2_evidence_requested_not_supplied_excluded():
    assert excluded_by(t11("[claim]\nevidence_supplied = false")) == ["evidence not supplied"]


def test_6_2_near_miss_evidence_supplied_not_excluded():
    assert not t11("[claim]\nevidence_supplied = true").excluded


CLAIMED = ("twenty11.readings.contact_date=claimed",)


def test_6_3_knew_about_six_months_before_first_contact_last_day_with_month_end_clamp():
    # aware 31 Aug 2025 + 6 calendar months = 28 Feb 2026 (clamped): first reported that day
    decision = t11("[dates]\noccurred = 2025-08-31\nreported = 2026-02-28\nclaimed = 2026-03-09")
    assert not decision.excluded
    check = next(c for c in decision.checks if c.clause == "twenty11 6.3")
    assert "last day 2026-02-28" in check.reason
    assert "first contacted Twenty11 (reported) on 2026-02-28" in check.reason


def test_6_3_first_contact_the_day_after_six_months_excluded():
    decision = t11("[dates]\noccurred = 2025-08-31\nreported = 2026-03-01\nclaimed = 2026-03-09")
    assert excluded_by(decision) == ["known over 6 months"]
    assert "2025-08-31" in decision.exclusions[0].reason
    assert "last day 2026-02-28" in decision.exclusions[0].reason


def test_6_3_leap_year_clamp_29_february():
    # aware 31 Aug 2023 + 6 months = 29 Feb 2024 (a leap year)
    toml = "[dates]\noccurred = 2023-08-31\nreported = {}\nclaimed = 2024-03-04"
    assert not t11(toml.format("2024-02-29")).excluded
    assert t11(toml.format("2024-03-01")).excluded


def test_6_3_counted_from_when_the_claimant_became_aware_not_when_it_occurred():
    # occurred 10 Jan 2025, aware 1 Sep 2025: last day 1 Mar 2026
    toml = "[dates]\noccurred = 2025-01-10\naware = 2025-09-01\nreported = {}\nclaimed = 2026-03-05"
    assert not t11(toml.format("2026-03-01")).excluded
    assert t11(toml.format("2026-03-02")).excluded


LONG_KNOWN = "[dates]\noccurred = 2025-05-05\nclaimed = 2026-02-27"  # reported 5 May 2025


def test_6_3_reading_first_contact_long_case_reported_at_once_is_considered():
    # aware and reported 5 May 2025; the claim 27 Feb 2026 is not the contact 6.3 counts to
    decision = t11(LONG_KNOWN)
    assert not decision.excluded
    assert readings(decision)["readings.contact_date"] == "reported"


def test_6_3_reading_claim_date_as_the_contact_excludes_the_same_case():
    # the other reading: 5 May 2025 + 6 months = 5 Nov 2025 < 27 Feb 2026
    decision = t11(LONG_KNOWN, CLAIMED)
    assert excluded_by(decision) == ["known over 6 months"]
    assert "claimed on 2026-02-27" in decision.exclusions[0].reason
    assert readings(decision)["readings.contact_date"] == "claimed"


def test_6_3_reading_not_consulted_when_both_readings_agree():
    # reported and claimed both within 6 months of awareness: the switch cannot matter
    decision = t11("[dates]\noccurred = 2026-01-05\nclaimed = 2026-03-02")
    assert "readings.contact_date" not in readings(decision)
    late = t11("[dates]\noccurred = 2025-01-05\nreported = 2025-08-01\nclaimed = 2025-08-02")
    assert late.excluded
    assert "readings.contact_date" not in readings(late)


def test_6_3_exceptional_circumstances_do_not_lift_the_rule_by_default():
    toml = (
        "[dates]\noccurred = 2025-01-05\nreported = 2025-09-01\nclaimed = 2026-03-02\n"
        "[claim]\nexceptional_circumstances = true"
    )
    decision = t11(toml)
    assert excluded_by(decision) == ["known over 6 months"]
    assert "exceptional circumstances are recorded" in decision.exclusions[0].reason
    assert readings(decision)["time_limits.knew_about_exceptional_circumstances"] is False


def test_6_3_reading_exceptional_circumstances_lift_the_rule_when_switched_on():
    toml = (
        "[dates]\noccurred = 2025-01-05\nreported = 2025-09-01\nclaimed = 2026-03-02\n"
        "[claim]\nexceptional_circumstances = true"
    )
    lifted = t11(toml, ("twenty11.time_limits.knew_about_exceptional_circumstances=true",))
    assert not lifted.excluded
    # without exceptional circumstances the switch is not consulted
    plain = t11(toml.replace("true", "false"))
    assert "time_limits.knew_about_exceptional_circumstances" not in readings(plain)


def test_6_5_access_refused_excluded():
    assert excluded_by(t11("[failure]\nkind = 'repair-delay'\naccess_refused = true")) == [
        "access refused"
    ]


def test_6_5_near_miss_access_given_not_excluded():
    assert not t11("[failure]\nkind = 'repair-delay'\naccess_refused = false").excluded


@pytest.mark.parametrize(
    ("cause", "short"),
    [
        ("resident", "tenant's negligence"),
        ("third-party", "third party"),
        ("extreme-weather", "beyond control"),
    ],
)
def test_6_5_tenant_negligence_third_party_or_beyond_control_excluded(cause, short):
    assert excluded_by(t11(f"[failure]\nkind = 'repair-delay'\ncause = '{cause}'")) == [short]


@pytest.mark.parametrize("cause", ["landlord", "contractor"])
def test_6_5_near_miss_landlord_or_contractor_repair_delay_not_excluded(cause):
    assert not t11(f"[failure]\nkind = 'repair-delay'\ncause = '{cause}'").excluded


def test_6_5_loss_and_damage_against_a_contractor_not_paid():
    # 6.5: the sofa is a claim on the contractor's insurance, not paid; nothing else is
    # claimed (distress none), so the award is £0, and the claim is not excluded as a whole
    decision = t11(
        """
[failure]
kind = "damage-to-belongings"
cause = "contractor"
[[damaged_items]]
item = "sofa"
replacement_value = 400.00
retained = true
"""
    )
    assert not decision.excluded
    assert amount(decision, "belongings") == 0
    assert items(decision, "belongings")[0].clause == "twenty11 6.5"


def test_6_5_near_miss_contractor_repair_delay_considered_but_damaged_items_not_paid():
    decision = t11(
        """
[failure]
kind = "repair-delay"
cause = "contractor"
distress = "none"
[[damaged_items]]
item = "rug"
replacement_value = 80.00
retained = true
"""
    )
    assert not decision.excluded
    assert amount(decision, "belongings") == 0
    assert "contractor" in items(decision, "belongings")[0].label


# A contractor's leak ruins a sofa; the tenant also paid £80 for cleaning, with evidence, and
# was moderately inconvenienced.
CONTRACTOR_DAMAGE = """
[failure]
kind = "damage-to-belongings"
cause = "contractor"
distress = "moderate"
[[damaged_items]]
item = "sofa"
replacement_value = 400.00
value_at_loss = 250.00
retained = true
[[costs]]
kind = "cleaning"
amount = 80.00
evidence = true
"""
CONTRACTOR_WHOLE = ("twenty11.readings.contractor_damage_claim_excluded=true",)


def test_6_5_reading_contractor_damage_only_the_loss_and_damage_not_paid_by_default():
    # 6.5 excludes the loss and damage only (RULES.md reads it under loss and damage). The
    # sofa is not paid (a claim on the contractor's insurance); the cleaning is reimbursed in
    # full (6.9.6), £80.00, and moderate inconvenience paid at stress.moderate.amount, £100.00
    # (6.9.3): £180.00. Goodwill over £150 needs a member of the Senior Management Team (6.8).
    decision = t11(CONTRACTOR_DAMAGE)
    assert not decision.excluded
    assert amount(decision, "belongings") == 0
    assert items(decision, "belongings")[0].clause == "twenty11 6.5"
    assert amount(decision, "costs") == D("80.00")
    assert amount(decision, "distress") == D("100.00")
    assert decision.award.total == D("180.00")
    assert decision.approval.senior
    # the items paid rest on the reading
    assert {i.basis for i in decision.award.items if i.amount} == {"assumption"}
    assert "costs and inconvenience in the claim are considered" in notes(decision)
    assert readings(decision)["readings.contractor_damage_claim_excluded"] is False


def test_6_5_reading_contractor_damage_claim_excluded_whole():
    # The other reading: the damage claim is one of 6.5's "claims of loss and damage against
    # a third-party contractor" as a whole, so all of it is excluded, the cleaning cost and
    # the inconvenience too; what it would otherwise have been: £80 + £100 = £180
    decision = t11(CONTRACTOR_DAMAGE, CONTRACTOR_WHOLE)
    assert excluded_by(decision) == ["contractor's insurance"]
    (check,) = [e for e in decision.exclusions if e.short == "contractor's insurance"]
    assert "readings.contractor_damage_claim_excluded, draft" in check.reason
    assert decision.award.total == 0
    assert decision.award_if_not_excluded.total == D("180.00")
    assert readings(decision)["readings.contractor_damage_claim_excluded"] is True


@pytest.mark.parametrize(
    "facts",
    [
        CONTRACTOR_DAMAGE.replace('kind = "damage-to-belongings"', 'kind = "repair-delay"'),
        CONTRACTOR_DAMAGE.replace('cause = "contractor"', 'cause = "landlord"'),
    ],
    ids=["contractor repair delay", "landlord's damage"],
)
def test_6_5_contractor_damage_reading_not_consulted_where_both_readings_agree(facts):
    # a contractor's repair delay with damaged items: both readings pay the rest and not the
    # items; damage Twenty11 caused itself is no claim against a contractor
    decision = t11(facts)
    assert not decision.excluded
    assert "readings.contractor_damage_claim_excluded" not in readings(decision)
    assert decision.award == t11(facts, CONTRACTOR_WHOLE).award


OFFER = """
[dates]
occurred = 2025-11-01
claimed = 2025-11-20
offer_made = 2025-11-30
"""


def test_6_5_offer_accepted_on_the_last_day_of_three_months_month_end_clamp():
    # 30 Nov 2025 + 3 calendar months = 28 Feb 2026 (clamped)
    decision = t11(OFFER + "offer_accepted = 2026-02-28")
    assert not decision.excluded
    check = next(c for c in decision.checks if "Offer made" in c.reason)
    assert "last day 2026-02-28" in check.reason


def test_6_5_offer_accepted_the_day_after_three_months_excluded():
    decision = t11(OFFER + "offer_accepted = 2026-03-01")
    assert excluded_by(decision) == ["offer lapsed"]
    assert "last day 2026-02-28" in decision.exclusions[0].reason


def test_6_5_offer_lapse_deadline_names_the_months_in_force():
    decision = t11(OFFER, ("twenty11.time_limits.offer_acceptance_months=2",))
    (deadline,) = [d for d in decision.deadlines if d.name.startswith("Offer lapses")]
    assert deadline.name == "Offer lapses if not accepted (2 months after it was made)"
    assert deadline.date.isoformat() == "2026-01-30"  # 30 Nov 2025 + 2 calendar months


def test_6_5_offer_not_yet_accepted_not_excluded_and_the_lapse_date_is_noted():
    decision = t11(OFFER)
    assert not decision.excluded
    assert "lapses if not accepted by 2026-02-28" in notes(decision)


def test_6_5_short_term_building_works_nuisance_excluded():
    assert excluded_by(t11("[failure]\nkind = 'works-nuisance'")) == ["building works nuisance"]


def test_6_5_near_miss_repair_delay_is_not_works_nuisance():
    assert not t11("[failure]\nkind = 'repair-delay'").excluded


def test_6_5_reading_persistent_works_nuisance_is_not_short_term():
    # text: "short term nuisance caused by building works"; persistent = protracted
    decision = t11("[failure]\nkind = 'works-nuisance'\npersistent = true")
    assert not decision.excluded
    assert decision.award.total == D("100.00")  # moderate, 6.9.3
    assert readings(decision)["readings.persistent_works_nuisance_considered"] is True


def test_6_5_reading_every_works_nuisance_short_term_excludes_a_persistent_one():
    decision = t11(
        "[failure]\nkind = 'works-nuisance'\npersistent = true",
        ("twenty11.readings.persistent_works_nuisance_considered=false",),
    )
    assert excluded_by(decision) == ["building works nuisance"]


def test_every_check_is_returned_and_an_excluded_claim_shows_what_it_would_have_been():
    decision = t11('[legal]\nproceedings = "started"\n[failure]\nkind = "repair-delay"')
    assert len(decision.checks) == 12
    assert decision.award.total == 0
    # moderate distress, 6.9.3: the assumption's £100
    assert decision.award_if_not_excluded.total == D("100.00")
    assert decision.settlement.parts == ()
    assert "no payment" in decision.approval.approver


# ---------------------------------------------------------------- 6.9.2 and Appendix 1


def test_6_9_2_kitchen_lost_twenty_percent_of_rent_from_target_to_completion():
    # 19 Jan to 23 Feb = 35 days; 105.00 * 20% * 35 / 7 = 105.00
    decision = amenity('[[amenities_lost]]\namenity = "kitchen"')
    assert amount(decision, "amenity") == D("105.00")
    assert items(decision, "amenity")[0].basis == "published"
    assert decision.award.total == D("105.00")


def test_6_9_2_work_finished_on_the_target_date_pays_nothing():
    decision = amenity('[[amenities_lost]]\namenity = "kitchen"', dates="resolved = 2026-01-19")
    assert amount(decision, "amenity") == 0


def test_6_9_2_work_finished_the_day_after_the_target_pays_one_day():
    # 105.00 * 20% * 1 / 7 = 3.00
    decision = amenity('[[amenities_lost]]\namenity = "kitchen"', dates="resolved = 2026-01-20")
    assert amount(decision, "amenity") == D("3.00")


def test_6_9_2_nothing_without_a_repair_target():
    decision = t11(
        AMENITY.replace("repair_target = 2026-01-19\n", "")
        + '[[amenities_lost]]\namenity = "kitchen"'
    )
    assert amount(decision, "amenity") == 0
    assert "no repair target" in items(decision, "amenity")[0].label


def test_6_9_2_amenity_lost_after_the_target_counts_from_its_own_start():
    # from 26 Jan (later than the 19 Jan target) to 23 Feb = 28 days; 105 * 20% * 4 = 84.00
    decision = amenity('[[amenities_lost]]\namenity = "kitchen"\nfrom = 2026-01-26')
    assert amount(decision, "amenity") == D("84.00")


def test_6_9_2_amenity_restored_before_the_target_pays_nothing():
    decision = amenity('[[amenities_lost]]\namenity = "kitchen"\nto = 2026-01-15')
    assert amount(decision, "amenity") == 0


def test_6_9_2_amenity_still_lost_when_claimed_runs_to_the_claim_date():
    # no resolved date: 19 Jan to the 2 Mar claim = 42 days; 105 * 20% * 6 = 126.00
    decision = t11(
        AMENITY.replace("resolved = 2026-02-23\n", "") + '[[amenities_lost]]\namenity = "kitchen"'
    )
    assert amount(decision, "amenity") == D("126.00")
    assert "No date the work was finished is given" in notes(decision)


def test_6_9_2_work_finished_after_the_claim_counted_to_the_date_the_work_is_finished():
    # "between the target date for completion and the date the work is finished": resolved
    # 10 Mar, after the 2 Mar claim: 19 Jan to 10 Mar = 12 + 28 + 10 = 50 days;
    # 105.00 * 20% * 50 / 7 = 21.00 * 50 / 7 = 150.00 (to the claim date it would be 126.00)
    decision = amenity('[[amenities_lost]]\namenity = "kitchen"', dates="resolved = 2026-03-10")
    assert amount(decision, "amenity") == D("150.00")
    assert "counted to the date the work was finished" in notes(decision)


def test_6_9_2_amenity_own_finish_date_after_the_claim_counted_to_it():
    # the kitchen's own "to" (3 Mar) after the claim (2 Mar): 19 Jan to 3 Mar = 43 days;
    # 105.00 * 20% * 43 / 7 = 903.00 / 7 = 129.00
    decision = amenity('[[amenities_lost]]\namenity = "kitchen"\nto = 2026-03-03')
    assert amount(decision, "amenity") == D("129.00")


def test_appendix_1_entire_bathroom_twenty_percent():
    # 105 * 20% * 5 weeks = 105.00
    assert amount(amenity('[[amenities_lost]]\namenity = "bathroom"'), "amenity") == D("105.00")


def test_appendix_1_bathroom_reduced_to_fifteen_percent_with_a_separate_wc():
    # 105 * 15% * 5 weeks = 78.75
    decision = amenity('[[amenities_lost]]\namenity = "bathroom"', household="separate_wc = true")
    assert amount(decision, "amenity") == D("78.75")
    assert "separate WC" in items(decision, "amenity")[0].label


def test_appendix_1_entire_living_room_twenty_percent():
    decision = amenity('[[amenities_lost]]\namenity = "living-room"')
    assert amount(decision, "amenity") == D("105.00")


def test_appendix_1_each_bedroom_in_use_ten_percent():
    # one bedroom: 105 * 10% * 5 = 52.50; two: 105 * 20% * 5 = 105.00
    one = amenity('[[amenities_lost]]\namenity = "bedroom"')
    two = amenity('[[amenities_lost]]\namenity = "bedroom"\ncount = 2')
    assert amount(one, "amenity") == D("52.50")
    assert amount(two, "amenity") == D("105.00")


def test_appendix_1_bedroom_not_in_use_pays_nothing():
    decision = amenity('[[amenities_lost]]\namenity = "bedroom"\nin_use = false')
    assert amount(decision, "amenity") == 0
    assert "not in use" in items(decision, "amenity")[0].label


ALONE_OFF = ("twenty11.readings.heating_or_hot_water_alone=false",)


@pytest.mark.parametrize("lost", ["heating", "hot-water"])
def test_appendix_1_reading_heating_or_hot_water_alone_twenty_percent_marked(lost):
    # the row "Heating and hot water" read as either: 105 * 20% * 5 weeks = 105.00
    decision = amenity(f'[[amenities_lost]]\namenity = "{lost}"')
    (item,) = items(decision, "amenity")
    assert item.amount == D("105.00")
    assert item.basis == "assumption"
    assert readings(decision)["readings.heating_or_hot_water_alone"] is True


@pytest.mark.parametrize("lost", ["heating", "hot-water"])
def test_appendix_1_reading_both_needed_one_alone_pays_nothing(lost):
    decision = amenity(f'[[amenities_lost]]\namenity = "{lost}"', ALONE_OFF)
    (item,) = items(decision, "amenity")
    assert item.amount == 0
    assert "not both lost" in item.label


def test_appendix_1_both_lost_over_the_same_days_published_and_no_reading_consulted():
    decision = amenity(
        '[[amenities_lost]]\namenity = "heating"\n[[amenities_lost]]\namenity = "hot-water"'
    )
    (item,) = items(decision, "amenity")
    assert (item.amount, item.basis) == (D("105.00"), "published")
    assert "readings.heating_or_hot_water_alone" not in readings(decision)


def test_appendix_1_heating_and_hot_water_both_lost_counted_once():
    # both for the same 35 days: one 20%, 105.00, not 210.00
    decision = amenity(
        '[[amenities_lost]]\namenity = "heating"\n[[amenities_lost]]\namenity = "hot-water"'
    )
    assert amount(decision, "amenity") == D("105.00")
    assert len(items(decision, "amenity")) == 1


def test_appendix_1_reading_both_needed_overlap_pays_only_the_days_both_were_lost():
    # heating (19 Jan, 29 Jan], hot water (24 Jan, 2 Feb]: both lost 25-29 Jan = 5 days;
    # 105 * 20% * 5 / 7 = 15.00
    decision = amenity(
        '[[amenities_lost]]\namenity = "heating"\nto = 2026-01-29\n'
        '[[amenities_lost]]\namenity = "hot-water"\nfrom = 2026-01-24\nto = 2026-02-02',
        ALONE_OFF,
    )
    assert amount(decision, "amenity") == D("15.00")


def test_appendix_1_heating_and_hot_water_overlapping_counted_once_over_either_loss():
    # heating to 29 Jan: 20-29 Jan (10 days); hot water 24 Jan to 2 Feb: 25 Jan-2 Feb (9 days)
    # either lost: 20 Jan-2 Feb = 14 days; 105 * 20% * 14 / 7 = 42.00
    decision = amenity(
        '[[amenities_lost]]\namenity = "heating"\nto = 2026-01-29\n'
        '[[amenities_lost]]\namenity = "hot-water"\nfrom = 2026-01-24\nto = 2026-02-02'
    )
    assert amount(decision, "amenity") == D("42.00")


@pytest.mark.parametrize("lost", ["wc", "electricity", "lighting", "water", "other-room"])
def test_appendix_1_amenity_not_listed_pays_nothing_and_the_silence_is_noted(lost):
    decision = amenity(f'[[amenities_lost]]\namenity = "{lost}"')
    assert amount(decision, "amenity") == 0
    assert "not in Appendix 1" in items(decision, "amenity")[0].label
    assert f"The policy is silent on loss of {lost}" in notes(decision)


def test_6_9_2_several_rooms_each_paid():
    # kitchen 20% + living room 20% + 2 bedrooms 2 * 10% = 60% of 105 * 5 weeks = 315.00
    decision = amenity(
        '[[amenities_lost]]\namenity = "kitchen"\n'
        '[[amenities_lost]]\namenity = "living-room"\n'
        '[[amenities_lost]]\namenity = "bedroom"\ncount = 2'
    )
    assert amount(decision, "amenity") == D("315.00")


def test_6_9_2_rent_share_rounded_half_up_once_per_item():
    # rent 100.05, 7 days (19-26 Jan): one bedroom 100.05 * 10% = 10.005 -> 10.01 (half up);
    # two bedrooms 100.05 * 20% = 20.01 (rounded once, not 2 * 10.01 = 20.02)
    toml = (
        AMENITY.replace("105.00", "100.05").replace("2026-02-23", "2026-01-26")
        + '[[amenities_lost]]\namenity = "bedroom"\ncount = {}'
    )
    assert amount(t11(toml.format(1)), "amenity") == D("10.01")
    assert amount(t11(toml.format(2)), "amenity") == D("20.01")


def test_6_9_2_part_weeks_use_weekly_rent_times_days_over_seven():
    # rent 99.99, 10 days (19-29 Jan): 99.99 * 20% * 10 / 7 = 199.98 / 7 = 28.5685... -> 28.57
    toml = AMENITY.replace("105.00", "99.99").replace("2026-02-23", "2026-01-29")
    decision = t11(toml + '[[amenities_lost]]\namenity = "kitchen"')
    assert amount(decision, "amenity") == D("28.57")


def test_6_9_2_more_days_lost_never_lowers_the_award():
    from datetime import date, timedelta

    previous = D("-1")
    for days in range(0, 60, 3):
        resolved = date(2026, 1, 19) + timedelta(days=days)
        decision = amenity(
            '[[amenities_lost]]\namenity = "kitchen"\n[[amenities_lost]]\namenity = "heating"',
            dates=f"resolved = {resolved.isoformat()}",
        )
        assert decision.award.total >= previous
        previous = decision.award.total


# ---------------------------------------------------------------- 6.9.6 costs reasonably incurred


def test_6_9_6_evidenced_cost_reimbursed_in_full():
    decision = t11(
        "[failure]\nkind = 'repair-delay'\ndistress = 'none'\n"
        "[[costs]]\nkind = 'heating'\namount = 64.20\nevidence = true"
    )
    assert amount(decision, "costs") == D("64.20")
    assert decision.award.total == D("64.20")


UNEVIDENCED = (
    "[failure]\nkind = 'repair-delay'\ndistress = 'none'\n"
    "[[costs]]\nkind = 'heating'\namount = 64.20\nevidence = false"
)


def test_6_9_6_reading_evidence_may_be_requested_cost_without_evidence_reimbursed_marked():
    # "appropriate supporting evidence may be requested": not required for every cost
    decision = t11(UNEVIDENCED)
    (item,) = items(decision, "costs")
    assert (item.amount, item.basis) == (D("64.20"), "assumption")
    assert readings(decision)["readings.costs_need_evidence"] is False


def test_6_9_6_reading_every_cost_needs_evidence_cost_without_evidence_not_reimbursed():
    decision = t11(UNEVIDENCED, ("twenty11.readings.costs_need_evidence=true",))
    (item,) = items(decision, "costs")
    # the flipped switch is the user's draft reading
    assert (item.amount, item.basis) == (0, "draft")
    assert "no supporting evidence" in item.label


def test_6_9_6_evidenced_cost_does_not_consult_the_evidence_reading():
    decision = t11(UNEVIDENCED.replace("evidence = false", "evidence = true"))
    assert "readings.costs_need_evidence" not in readings(decision)


def test_6_9_3_time_off_work_is_inconvenience_never_lost_earnings():
    # distress none, but time off work counts as an inconvenience: read as minimal (an
    # assumption), paid at the 6.9.3 minimal figure £50; the £80 of earnings is not paid
    decision = t11(
        "[failure]\nkind = 'repair-delay'\ndistress = 'none'\n"
        "[[costs]]\nkind = 'time-off-work'\namount = 80.00\nevidence = true"
    )
    assert amount(decision, "costs") == 0
    assert "loss of earnings" in items(decision, "costs")[0].label
    assert decision.impact.level == "Minimal stress or inconvenience"
    assert decision.impact.basis == "assumption"
    assert amount(decision, "distress") == D("50.00")
    assert decision.award.total == D("50.00")


def test_6_9_3_reading_time_off_work_not_an_inconvenience_when_switched_off():
    decision = t11(
        "[failure]\nkind = 'repair-delay'\ndistress = 'none'\n"
        "[[costs]]\nkind = 'time-off-work'\namount = 80.00\nevidence = true",
        ("twenty11.readings.time_off_work_is_inconvenience=false",),
    )
    assert decision.impact.level == "No stress or inconvenience"
    assert decision.impact.basis == "draft"
    assert decision.award.total == 0


def test_6_9_3_time_off_work_does_not_lower_a_higher_distress():
    decision = t11(
        "[failure]\nkind = 'repair-delay'\ndistress = 'moderate'\n"
        "[[costs]]\nkind = 'time-off-work'\namount = 80.00\nevidence = true"
    )
    assert decision.impact.level == "Moderate stress or inconvenience"
    assert decision.impact.basis == "published"
    assert amount(decision, "distress") == D("100.00")


# ---------------------------------------------------------------- 6.9.4 loss and damage

DAMAGE = """
[failure]
kind = "damage-to-belongings"
distress = "none"
[dates]
occurred = 2026-03-23
claimed = 2026-05-01
[[damaged_items]]
item = "wardrobe"
replacement_value = 500.00
value_at_loss = 300.00
"""


def test_6_9_4_reading_paid_at_value_at_loss_not_replacement_as_a_voucher():
    decision = t11(DAMAGE + "retained = true\nnotified = 2026-03-24")
    assert amount(decision, "belongings") == D("300.00")
    (part,) = decision.settlement.parts
    assert part.form == "voucher"
    assert "as a voucher (assumption)" in part.label
    assert decision.settlement.paid_to_customer == D("300.00")
    assert readings(decision)["readings.loss_and_damage_form"] == "voucher"


def test_6_4_reading_loss_and_damage_as_a_financial_payment():
    # 6.4: reimbursement for loss and damage "will take the form of a financial payment"
    decision = t11(
        DAMAGE + "retained = true\nnotified = 2026-03-24",
        ("twenty11.readings.loss_and_damage_form=payment",),
    )
    (part,) = decision.settlement.parts
    assert (part.form, part.amount) == ("payment", D("300.00"))
    assert "a financial payment" in items(decision, "belongings")[0].label


def test_6_9_4_notified_on_the_20th_working_day_paid():
    # from Mon 23 Mar 2026, 20 England working days, skipping Good Friday (3 Apr) and
    # Easter Monday (6 Apr): 24-27 Mar (4), 30 Mar-2 Apr (8), 7-10 Apr (12), 13-17 Apr (17),
    # 20-22 Apr (20) -> Wed 22 Apr 2026 (20 Apr without the bank holidays)
    decision = t11(DAMAGE + "retained = true\nnotified = 2026-04-22")
    assert amount(decision, "belongings") == D("300.00")
    assert "last day 2026-04-22" in items(decision, "belongings")[0].label


def test_6_9_4_notified_the_working_day_after_not_paid():
    decision = t11(DAMAGE + "retained = true\nnotified = 2026-04-23")
    assert amount(decision, "belongings") == 0
    assert "last day 2026-04-22" in items(decision, "belongings")[0].label


def test_6_9_4_reading_damaged_item_not_retained_for_inspection_not_paid():
    # "Any damaged items should be retained for inspection", read as a condition
    decision = t11(DAMAGE + "retained = false\nnotified = 2026-03-24")
    (item,) = items(decision, "belongings")
    assert (item.amount, item.basis) == (0, "assumption")
    assert "not retained" in item.label


def test_6_9_4_reading_retention_not_a_condition_item_paid_at_value_at_loss():
    decision = t11(
        DAMAGE + "retained = false\nnotified = 2026-03-24",
        ("twenty11.readings.damaged_items_must_be_retained=false",),
    )
    assert amount(decision, "belongings") == D("300.00")


def test_3_3_6_9_4_item_covered_by_contents_insurance_not_paid():
    decision = t11(DAMAGE + "retained = true\ninsured = true\nnotified = 2026-03-24")
    assert amount(decision, "belongings") == 0
    assert "insurance" in items(decision, "belongings")[0].label


def test_6_9_4_damage_not_caused_by_staff_neglect_not_paid():
    decision = t11(
        DAMAGE.replace('distress = "none"', 'distress = "none"\nresponsibility = "none"')
        + "retained = true\nnotified = 2026-03-24"
    )
    assert amount(decision, "belongings") == 0


# ---------------------------------------------------------------- 6.9.3 and 6.9.1 inconvenience


@pytest.mark.parametrize(
    ("distress", "point", "low", "high"),
    [
        ("none", "0.00", "0.00", "0.00"),
        ("minimal", "50.00", "50.00", "100.00"),
        ("moderate", "100.00", "100.00", "600.00"),
        ("considerable", "600.00", "600.00", "1000.00"),
        ("severe", "1000.00", "1000.00", None),
    ],
)
def test_6_9_3_stress_upset_inconvenience_assumption_by_distress(distress, point, low, high):
    # assumption: the Housing Ombudsman's remedies band, single figure at its lower end
    decision = t11(f"[failure]\nkind = 'repair-delay'\ndistress = '{distress}'")
    (item,) = items(decision, "distress")
    assert item.amount == D(point)
    assert item.low == D(low)
    assert item.high == (None if high is None else D(high))
    assert item.basis == "assumption"
    assert item.clause == "twenty11 6.9.3, 6.6"


@pytest.mark.parametrize(
    ("kind", "distress", "expected"),
    [
        ("missed-appointment", "minimal", "25.00"),
        ("missed-appointment", "moderate", "50.00"),
        ("communication", "considerable", "100.00"),
        ("complaint-handling", "severe", "150.00"),
        ("charged-service-not-delivered", "moderate", "50.00"),
    ],
)
def test_6_9_1_service_failure_small_amount_instead_of_6_9_3(kind, distress, expected):
    decision = t11(f"[failure]\nkind = '{kind}'\ndistress = '{distress}'")
    assert amount(decision, "service-failure") == D(expected)
    assert items(decision, "distress") == []
    assert decision.award.total == D(expected)


SERVICE_OFF = ("twenty11.readings.service_failures_under_6_9_1=false",)


def test_6_9_1_reading_service_failure_kinds_get_the_small_amount_and_say_so():
    # a missed appointment, severe: 6.9.1 service_failure.severe £150.00, not 6.9.3's £1,000;
    # the decision names the reading and the item rests on it (the amount is an assumption too)
    decision = t11("[failure]\nkind = 'missed-appointment'\ndistress = 'severe'")
    (item,) = items(decision, "service-failure")
    assert (item.amount, item.basis, item.clause) == (
        D("150.00"),
        "assumption",
        "twenty11 6.9.1, 6.6",
    )
    assert "A missed appointment is read as a 6.9.1 service failure" in notes(decision)
    assert readings(decision)["readings.service_failures_under_6_9_1"] is True
    assert not decision.approval.senior


@pytest.mark.parametrize(
    ("kind", "distress", "expected"),
    [
        ("missed-appointment", "severe", "1000.00"),
        ("missed-appointment", "minimal", "50.00"),
        ("communication", "considerable", "600.00"),
        ("complaint-handling", "moderate", "100.00"),
        ("charged-service-not-delivered", "moderate", "100.00"),
    ],
)
def test_6_9_3_reading_every_failure_under_6_9_3_service_failures_included(
    kind, distress, expected
):
    # The other reading: 6.9.1 only describes how dissatisfaction is reported, so the
    # inconvenience is the 6.9.3 amount at the level (stress.<level>.amount: minimal £50,
    # moderate £100, considerable £600, severe £1,000), marked draft (the user's flip)
    decision = t11(f"[failure]\nkind = '{kind}'\ndistress = '{distress}'", SERVICE_OFF)
    assert items(decision, "service-failure") == []
    (item,) = items(decision, "distress")
    assert (item.amount, item.basis, item.clause) == (D(expected), "draft", "twenty11 6.9.3, 6.6")
    assert decision.award.total == D(expected)
    assert "assessed under 6.9.3 like any other failure" in notes(decision)
    assert readings(decision)["readings.service_failures_under_6_9_1"] is False
    # goodwill over £150 needs a member of the Senior Management Team (6.8)
    assert decision.approval.senior == (D(expected) > 150)


@pytest.mark.parametrize(
    "facts",
    [
        "kind = 'repair-delay'\ndistress = 'severe'",
        "kind = 'missed-appointment'\ndistress = 'none'",
        "kind = 'missed-appointment'\ndistress = 'severe'\nresponsibility = 'none'",
    ],
    ids=["not a service-failure kind", "no inconvenience", "no fault accepted"],
)
def test_6_9_1_reading_not_consulted_where_both_readings_pay_the_same(facts):
    decision = t11(f"[failure]\n{facts}")
    assert "readings.service_failures_under_6_9_1" not in readings(decision)
    assert decision.award.total == t11(f"[failure]\n{facts}", SERVICE_OFF).award.total


def test_6_9_1_6_9_3_several_missed_appointments_one_payment_under_either_reading():
    # three missed appointments, moderate: one payment, 6.9.1 £50.00 by default, 6.9.3 £100.00
    # under the other reading, and the note names the clause of the payment made
    toml = "[failure]\nkind = 'missed-appointment'\ndistress = 'moderate'\nmissed_appointments = 3"
    default, flipped = t11(toml), t11(toml, SERVICE_OFF)
    assert default.award.total == D("50.00")
    assert "one 6.9.1 payment for the service failure" in notes(default)
    assert flipped.award.total == D("100.00")
    assert "one 6.9.3 payment for the inconvenience" in notes(flipped)


def test_6_9_1_6_9_3_partial_responsibility_paid_like_full_by_default():
    decision = t11("[failure]\nkind = 'repair-delay'\nresponsibility = 'partial'")
    assert amount(decision, "distress") == D("100.00")
    halved = t11(
        "[failure]\nkind = 'repair-delay'\nresponsibility = 'partial'",
        ("twenty11.inconvenience.partial_share=0.5",),
    )
    # 100.00 * 0.5 = 50.00, range 100-600 halved to 50-300
    (item,) = items(halved, "distress")
    assert (item.amount, item.low, item.high) == (D("50.00"), D("50.00"), D("300.00"))


@pytest.mark.parametrize("responsibility", ["full", "partial", "none"])
@pytest.mark.parametrize("kind", ["repair-delay", "missed-appointment"])
def test_6_9_3_6_9_5_worse_distress_never_lowers_the_award(responsibility, kind):
    previous = D("-1")
    for distress in ("none", "minimal", "moderate", "considerable", "severe"):
        decision = t11(
            f"[failure]\nkind = '{kind}'\ndistress = '{distress}'\n"
            f"responsibility = '{responsibility}'"
        )
        assert decision.award.total >= previous, distress
        previous = decision.award.total


# ------------------------------------------- no fault accepted: 6.9.2 and 6.9.6 (2.1, a reading)

# The kitchen lost five weeks past its target (as AMENITY) and £64.20 of food, with evidence,
# but Twenty11 accepts no fault (responsibility none); the tenant was moderately inconvenienced.
NO_FAULT = (
    AMENITY.replace('distress = "none"', 'distress = "moderate"\nresponsibility = "none"')
    + """
[[amenities_lost]]
amenity = "kitchen"
[[costs]]
kind = "food"
amount = 64.20
evidence = true
"""
)
NO_FAULT_OFF = ("twenty11.readings.no_fault_amenities_and_costs_paid=false",)


def test_6_9_2_6_9_6_reading_no_fault_rent_share_and_costs_still_paid():
    # 6.9.2 pays for a repair not completed within the response times, 6.9.6 for costs
    # "incurred ... as a result of a repair": neither asks for fault. Kitchen 20% of £105 x
    # 35 / 7 = £105.00; food £64.20; 6.9.3 refused ("through our actions or inaction"); the
    # 6.9.5 gesture £25.00: £194.20, goodwill over £150, so a senior approver (6.8)
    decision = t11(NO_FAULT)
    assert amount(decision, "amenity") == D("105.00")
    assert amount(decision, "costs") == D("64.20")
    assert amount(decision, "distress") == 0
    assert amount(decision, "goodwill") == D("25.00")
    assert decision.award.total == D("194.20")
    assert decision.approval.senior
    # the rent share and the cost rest on the reading, so neither is marked published
    assert {i.basis for i in items(decision, "amenity") + items(decision, "costs")} == {
        "assumption"
    }
    assert "read as not depending on fault and paid" in notes(decision)
    assert readings(decision)["readings.no_fault_amenities_and_costs_paid"] is True


def test_6_9_2_6_9_6_2_1_reading_no_fault_nothing_paid_but_the_gesture():
    # The other reading: compensation is for what Twenty11 caused (2.1 "as a direct result of
    # our action or inaction"), so the kitchen and the food are not paid either; the gesture
    # stays (6.9.5 "even without acceptance of fault"): £25.00, the Head of Relationships alone
    decision = t11(NO_FAULT, NO_FAULT_OFF)
    assert amount(decision, "amenity") == amount(decision, "costs") == 0
    assert decision.award.total == D("25.00")
    assert not decision.approval.senior
    refused = items(decision, "amenity") + items(decision, "costs")
    assert [i.clause for i in refused] == ["twenty11 6.9.2, Appendix 1, 2.1", "twenty11 6.9.6, 2.1"]
    assert all("not paid, Twenty11 accepts no fault" in i.label for i in refused)
    assert {i.basis for i in refused} == {"draft"}
    assert readings(decision)["readings.no_fault_amenities_and_costs_paid"] is False


@pytest.mark.parametrize(
    "facts",
    [
        NO_FAULT.replace('responsibility = "none"', 'responsibility = "full"'),
        "[failure]\nkind = 'repair-delay'\nresponsibility = 'none'",
    ],
    ids=["fault accepted", "no rent share or cost to pay"],
)
def test_6_9_2_6_9_6_no_fault_reading_not_consulted_where_it_could_change_nothing(facts):
    decision = t11(facts)
    assert "readings.no_fault_amenities_and_costs_paid" not in readings(decision)
    assert decision.award == t11(facts, NO_FAULT_OFF).award


# ---------------------------------------------------------------- 6.9.5 gesture of goodwill


@pytest.mark.parametrize(
    ("kind", "category", "words", "clause"),
    [
        (
            "missed-appointment",
            "service-failure",
            "a direct result of our action or inaction",
            "twenty11 6.9.1, 6.6, 2.1",
        ),
        ("repair-delay", "distress", "through our actions or inaction", "twenty11 6.9.3, 6.6"),
    ],
    ids=["6.9.1 quotes 2.1", "6.9.3 quotes itself"],
)
def test_6_9_1_6_9_3_no_fault_refusal_quotes_and_cites_its_own_clause(
    kind, category, words, clause
):
    decision = t11(f"[failure]\nkind = '{kind}'\nresponsibility = 'none'")
    (refused,) = items(decision, category)
    assert refused.amount == 0
    assert f"'{words}'" in refused.label
    assert refused.clause == clause


def test_6_9_5_gesture_of_25_without_acceptance_of_fault():
    decision = t11("[failure]\nkind = 'repair-delay'\nresponsibility = 'none'")
    assert amount(decision, "distress") == 0
    (gesture,) = items(decision, "goodwill")
    assert gesture.amount == D("25.00")
    assert (gesture.low, gesture.high) == (D("0.00"), D("25.00"))
    assert gesture.basis == "assumption"
    assert decision.award.total == D("25.00")


def test_6_9_5_no_gesture_when_the_claimant_was_not_inconvenienced():
    decision = t11("[failure]\nkind = 'repair-delay'\nresponsibility = 'none'\ndistress = 'none'")
    assert items(decision, "goodwill") == []
    assert decision.award.total == 0


def test_6_9_5_no_gesture_when_inconvenience_is_already_paid():
    decision = t11("[failure]\nkind = 'repair-delay'\ndistress = 'minimal'")
    assert items(decision, "goodwill") == []
    assert decision.award.total == D("50.00")


@pytest.mark.parametrize(
    "facts",
    ["distress = 'minimal'", "responsibility = 'none'\ndistress = 'none'"],
    ids=["inconvenience already paid", "not inconvenienced"],
)
def test_6_9_5_gesture_switch_not_listed_where_it_could_change_nothing(facts):
    decision = t11(f"[failure]\nkind = 'repair-delay'\n{facts}")
    assert "gesture.when_no_inconvenience_award" not in readings(decision)


def test_6_9_5_gesture_switch_listed_where_it_pays():
    decision = t11("[failure]\nkind = 'repair-delay'\nresponsibility = 'none'")
    assert readings(decision)["gesture.when_no_inconvenience_award"] is True


def test_6_9_5_reading_gesture_switched_off():
    decision = t11(
        "[failure]\nkind = 'repair-delay'\nresponsibility = 'none'",
        ("twenty11.gesture.when_no_inconvenience_award=false",),
    )
    assert decision.award.total == 0


# ------------------------------------------------------- 6.7.1 home loss, 6.7.2 disturbance

DECANT = """
[household]
tenure = "assured-tenant"
named_tenants = 2
months_in_home = {months}
[failure]
kind = "decant"
distress = "none"
[decant]
permanent = {permanent}
reason = "{reason}"
moving_costs = 1200.00
"""


def decant(months="60", permanent="true", reason="demolition", extra="", sets=()):
    toml = DECANT.format(months=months, permanent=permanent, reason=reason)
    return t11(toml + extra, sets)


def test_6_7_1_home_loss_flat_rate_divided_equally_between_named_tenants():
    # the statutory flat rate from 1 Oct 2023, £8,100; two named tenants: £4,050.00 each
    decision = decant()
    (item,) = items(decision, "home-loss")
    assert item.amount == D("8100.00")
    assert "2 named tenants (£4,050.00 each)" in item.label
    assert item.basis == "assumption"
    # 8,100 + 1,200 moving costs; distress none: nothing else
    assert decision.award.total == D("9300.00")


def test_6_7_1_home_loss_needs_twelve_months_in_the_home():
    assert amount(decant(months="11"), "home-loss") == 0
    assert amount(decant(months="12"), "home-loss") == D("8100.00")
    assert amount(decant(months="13"), "home-loss") == D("8100.00")


def test_6_7_1_home_loss_not_paid_when_months_in_home_unknown():
    toml = DECANT.replace("months_in_home = {months}\n", "").format(
        permanent="true", reason="demolition"
    )
    decision = t11(toml)
    assert amount(decision, "home-loss") == 0
    assert "not given" in items(decision, "home-loss")[0].label


@pytest.mark.parametrize("tenure", ["secure-tenant", "leaseholder", "shared-owner"])
def test_6_7_1_home_loss_only_for_an_assured_tenant(tenure):
    toml = DECANT.replace('"assured-tenant"', f'"{tenure}"').format(
        months="60", permanent="true", reason="demolition"
    )
    assert amount(t11(toml), "home-loss") == 0


def test_6_7_1_home_loss_only_for_a_permanent_move():
    decision = decant(permanent="false")
    assert amount(decision, "home-loss") == 0
    # 6.7.2: disturbance is paid for a temporary move too
    assert amount(decision, "disturbance") == D("1200.00")


@pytest.mark.parametrize(
    ("reason", "home_loss"),
    [("demolition", "8100.00"), ("redevelopment", "8100.00"), ("major-repairs", "0.00")],
)
def test_6_7_1_home_loss_for_demolition_or_development_only(reason, home_loss):
    assert amount(decant(reason=reason), "home-loss") == D(home_loss)


def test_6_7_1_home_loss_flat_rate_by_claim_date_when_the_move_date_is_not_given():
    dates = "[dates]\noccurred = 2023-09-01\nclaimed = {}"
    before = decant(extra=dates.format("2023-09-30"))
    assert amount(before, "home-loss") == D("7800.00")
    assert "no date of the move (decant.moved) is given" in items(before, "home-loss")[0].label
    assert amount(decant(extra=dates.format("2023-10-01")), "home-loss") == D("8100.00")


@pytest.mark.parametrize(("moved", "rate"), [("2023-09-30", "7800.00"), ("2023-10-01", "8100.00")])
def test_6_7_1_home_loss_flat_rate_by_the_date_of_displacement(moved, rate):
    # the statutory figure goes by the date of displacement, not the claim (20 Oct 2023)
    decision = decant(
        extra=f"moved = {moved}\n[dates]\noccurred = 2023-09-01\nclaimed = 2023-10-20"
    )
    (item,) = items(decision, "home-loss")
    assert item.amount == D(rate)
    assert f"in force on {moved}, the date of the move (decant.moved)" in item.label


def test_6_7_1_home_loss_2019_figure_and_none_before_1_october_2019():
    # 2019 Regulations: £6,400 from 1 Oct 2019; no figure is given before it
    extra = "moved = {}\n[dates]\noccurred = 2019-09-01\nclaimed = 2023-10-20"
    assert amount(decant(extra=extra.format("2019-10-01")), "home-loss") == D("6400.00")
    early = decant(extra=extra.format("2019-09-30"))
    (item,) = items(early, "home-loss")
    assert item.amount == 0
    assert "no flat rate figure in force on 2019-09-30" in item.label


def test_6_7_1_home_loss_user_draft_rate_applies_on_the_move_date():
    decision = decant(
        extra="moved = 2023-09-30\n[dates]\noccurred = 2023-09-01\nclaimed = 2023-10-20",
        sets=("twenty11.home_loss.flat_rate=9000.00",),
    )
    (item,) = items(decision, "home-loss")
    assert (item.amount, item.basis) == (D("9000.00"), "draft")


def test_6_7_2_disturbance_reasonable_moving_costs():
    assert amount(decant(reason="major-repairs", permanent="false"), "disturbance") == D("1200.00")
    other = decant(reason="other")
    assert amount(other, "disturbance") == 0
    assert "not major repairs or demolition" in items(other, "disturbance")[0].label


def test_6_7_2_disturbance_moving_costs_are_the_whole_award_of_a_temporary_decant():
    # a temporary move for major repairs: no home loss, distress none; the award is exactly the
    # £1,200.00 moving costs, one published item paid to the secure tenant too
    for tenure in ("assured-tenant", "secure-tenant"):
        toml = DECANT.replace('"assured-tenant"', f'"{tenure}"').format(
            months="60", permanent="false", reason="major-repairs"
        )
        decision = t11(toml)
        (item,) = items(decision, "disturbance")
        assert (item.amount, item.clause, item.basis) == (
            D("1200.00"),
            "twenty11 6.7.2",
            "published",
        )
        assert decision.award.total == D("1200.00")
        assert decision.settlement.paid_to_customer == D("1200.00")


def test_6_7_2_disturbance_follows_the_moving_costs_given():
    toml = DECANT.format(months="60", permanent="false", reason="major-repairs")
    assert t11(toml.replace("1200.00", "345.67")).award.total == D("345.67")
    nothing = t11(toml.replace("1200.00", "0.00"))
    assert nothing.award.total == 0
    assert "no moving costs given" in items(nothing, "disturbance")[0].label


@pytest.mark.parametrize("tenure", ["leaseholder", "shared-owner", "freeholder"])
def test_6_7_2_disturbance_paid_to_tenants_only(tenure):
    toml = DECANT.replace('"assured-tenant"', f'"{tenure}"').format(
        months="60", permanent="false", reason="major-repairs"
    )
    assert amount(t11(toml), "disturbance") == 0


def test_6_7_6_8_home_loss_and_disturbance_are_not_goodwill_for_approval():
    # 8,100 + 1,200 + moderate stress 100.00: goodwill is only the 100.00, under £150
    decision = t11(
        DECANT.replace('distress = "none"', 'distress = "moderate"').format(
            months="60", permanent="true", reason="demolition"
        )
    )
    assert decision.award.total == D("9400.00")
    assert decision.approval.approver == "Head of Relationships"
    assert not decision.approval.senior


# ---------------------------------------------------------------- 3.4, 6.8 approval

COST = (
    "[failure]\nkind = 'repair-delay'\ndistress = 'none'\n"
    "[[costs]]\nkind = 'other'\nevidence = true\namount = {}"
)


@pytest.mark.parametrize(
    ("total", "senior"), [("149.99", False), ("150.00", False), ("150.01", True)]
)
def test_6_8_goodwill_over_150_needs_a_senior_management_team_member(total, senior):
    decision = t11(COST.format(total))
    assert decision.award.total == D(total)
    assert decision.approval.senior is senior
    if senior:
        assert "Senior Management Team" in decision.approval.approver
        assert decision.approval.clause == "twenty11 3.4; twenty11 6.8"
    else:
        assert decision.approval.approver == "Head of Relationships"
        assert decision.approval.clause == "twenty11 3.4"


def test_6_8_reimbursements_are_goodwill_and_count_toward_150():
    # costs 100.00 + loss and damage 60.00 = 160.00 > 150
    decision = t11(
        "[failure]\nkind = 'repair-delay'\ndistress = 'none'\n"
        "[[costs]]\nkind = 'cleaning'\nevidence = true\namount = 100.00\n"
        "[[damaged_items]]\nitem = 'curtains'\nreplacement_value = 60.00\nretained = true"
    )
    assert decision.award.total == D("160.00")
    assert decision.approval.senior


def test_3_4_head_of_relationships_scrutinises_a_claim_with_nothing_to_pay():
    decision = t11("[failure]\nkind = 'repair-delay'\ndistress = 'none'")
    assert decision.award.total == 0
    assert decision.approval.approver.startswith("Head of Relationships")
    assert not decision.approval.senior


# ---------------------------------------------------------------- 6.4 offset

STRESS_ONLY = "[failure]\nkind = 'repair-delay'\n"  # moderate distress: 100.00


def test_6_4_no_debts_everything_paid_to_the_customer():
    decision = t11(STRESS_ONLY)
    assert decision.settlement.paid_to_customer == D("100.00")
    assert decision.settlement.credited_to_account == 0


def test_6_4_compensation_offset_against_arrears():
    decision = t11(STRESS_ONLY + "[account]\nrent_arrears = 500.00")
    assert decision.settlement.credited_to_account == D("100.00")
    assert decision.settlement.paid_to_customer == 0


def test_6_4_offset_only_up_to_what_is_owed_across_arrears_service_charges_and_debts():
    # owed 20 + 20 + 10 = 50.00: 50.00 offset, 50.00 paid
    decision = t11(
        STRESS_ONLY
        + "[account]\nrent_arrears = 20.00\nservice_charge_arrears = 20.00\nother_debts = 10.00"
    )
    assert decision.settlement.credited_to_account == D("50.00")
    assert decision.settlement.paid_to_customer == D("50.00")


def test_6_4_loss_and_damage_and_costs_reasonably_incurred_are_paid_not_offset():
    # stress 100.00 offset; costs 40.00 paid; wardrobe 200.00 as a voucher
    decision = t11(
        STRESS_ONLY
        + "[account]\nrent_arrears = 1000.00\n"
        + "[[costs]]\nkind = 'heating'\nevidence = true\namount = 40.00\n"
        + "[[damaged_items]]\nitem = 'wardrobe'\nreplacement_value = 200.00\nretained = true"
    )
    settlement = decision.settlement
    assert decision.award.total == D("340.00")
    assert settlement.credited_to_account == D("100.00")
    assert settlement.paid_to_customer == D("240.00")
    by_form = {(p.to, p.form): p.amount for p in settlement.parts}
    assert by_form[(CUSTOMER, "voucher")] == D("200.00")
    assert by_form[(CUSTOMER, "payment")] == D("40.00")
    assert by_form[(ACCOUNT, "credit to the customer's account")] == D("100.00")


def test_6_4_reading_home_loss_is_offset_but_disturbance_costs_are_paid():
    # home loss 8,100 offset against 2,000 arrears: 2,000 credited, 6,100 paid;
    # disturbance 1,200 paid in full
    decision = decant(extra="[account]\nrent_arrears = 2000.00")
    assert decision.settlement.credited_to_account == D("2000.00")
    assert decision.settlement.paid_to_customer == D("7300.00")


def test_6_4_reading_disturbance_offset_when_read_as_compensation():
    # 9,300 against 9,500 owed: all credited
    decision = decant(
        extra="[account]\nrent_arrears = 9500.00",
        sets=("twenty11.offset.disturbance_protected=false",),
    )
    assert decision.settlement.credited_to_account == D("9300.00")
    assert decision.settlement.paid_to_customer == 0


def test_6_4_offset_needs_no_agreement():
    decision = t11(STRESS_ONLY + "[account]\nrent_arrears = 500.00\noffset_agreed = false")
    assert decision.settlement.credited_to_account == D("100.00")
    assert "without asking" in " ".join(n.detail for n in decision.settlement.notes)


def test_worked_example_kitchen_five_weeks_with_food_costs():
    # SCENARIO-FORMAT's example: kitchen 105 * 20% * 35/7 = 105.00; food 64.20 evidenced;
    # moderate 6.9.3 100.00; total 269.20, goodwill over 150 -> Senior Management Team
    decision = t11(
        AMENITY.replace('distress = "none"', 'distress = "moderate"\nreports = 3')
        + '[[amenities_lost]]\namenity = "kitchen"\n'
        + "[[costs]]\nkind = 'food'\namount = 64.20\nevidence = true"
    )
    assert decision.award.total == D("269.20")
    assert decision.approval.senior
    assert decision.settlement.paid_to_customer == D("269.20")


# ---------------------------------------------------------------- deadlines (6.3, 6.5, 6.9.4)


def test_6_3_6_5_6_9_4_deadlines():
    from datetime import date

    decision = decide(
        "twenty11",
        scenario(
            """
            [failure]
            kind = "damage-to-belongings"
            [dates]
            occurred = 2026-03-23
            aware = 2026-03-23
            claimed = 2026-04-20
            offer_made = 2026-04-30
            [[damaged_items]]
            item = "rug"
            replacement_value = 100.00
        """
        ),
    )
    found = {d.name.split(" (")[0]: d.date for d in decision.deadlines}
    # 6.3: six months after awareness on 23 Mar 2026 -> 23 Sep 2026
    assert found["Twenty11 to be contacted"] == date(2026, 9, 23)
    # 6.9.4: 20 working days from Mon 23 Mar 2026, skipping 3 and 6 April -> Wed 22 Apr
    assert found["Loss or damage to be notified"] == date(2026, 4, 22)
    # 6.5: an offer made 30 Apr 2026 lapses 3 months later, 30 Jul 2026
    assert found["Offer lapses if not accepted"] == date(2026, 7, 30)
