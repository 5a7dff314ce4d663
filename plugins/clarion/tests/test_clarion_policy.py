"""Clarion Housing: Customer Compensation and Remedies Policy, clause by clause.

Each test names the clause it checks. Every expected figure is worked out by hand from the
policy text, RULES.md and the Housing Ombudsman's figures compsim assumes (in comments),
never copied from the program's output.

The assumption defaults these figures rest on (params.toml):
- distress bands (Ombudsman remedies guidance): minimal → minor £50–£100, figure £75;
  moderate → adversely affected £100–£600, figure £350; considerable → significant
  £600–£1,000, figure £800; severe → severe maladministration £1,000 and over, figure £1,000;
- specific sums from 1 April 2026: heating and hot water £15 a day, one of them £8 a day,
  power £10 a day, lighting only £10 a week, £15 a missed appointment; none before.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs
import pytest
from hypothesis import HealthCheck, event, given, settings

from compsim.models import ACCOUNT, CUSTOMER
from compsim.plugins import NOT_PUBLISHED
from compsim.testing import decide, scenario
from compsim.testing.strategies import scenarios

D = Decimal


def clarion(toml: str, *sets: str):
    return decide("clarion", scenario(toml), [f"clarion.{s}" for s in sets])


def applying(decision) -> list[str]:
    return [e.clause for e in decision.exclusions]


def notes_text(notes) -> str:
    return " | ".join(n.detail for n in notes)


def item(decision, fragment: str):
    """The one item of the award (as computed, before exclusion) whose label has fragment."""
    found = [i for i in decision.award_if_not_excluded.items if fragment in i.label]
    assert len(found) == 1, [i.label for i in decision.award_if_not_excluded.items]
    return found[0]


# A repair eight days past its target (target 19 Jan, resolved 27 Jan), claimed 2 Mar 2026:
# compensable under 4.2, before any specific sum, so the award is the distress band alone.
REPAIR_OVER_TARGET = """
[failure]
kind = "repair-delay"
distress = "{distress}"
[dates]
occurred = 2026-01-05
repair_target = 2026-01-19
resolved = 2026-01-27
claimed = 2026-03-02
"""


def repair(distress: str = "moderate", extra: str = "") -> str:
    return REPAIR_OVER_TARGET.format(distress=distress) + extra


def missed_appointment(notice: str | None, claimed: str = "2026-04-15", count: int = 1) -> str:
    notice_line = "" if notice is None else f"appointment_notice_hours = {notice}"
    return f"""
[failure]
kind = "missed-appointment"
distress = "minimal"
missed_appointments = {count}
{notice_line}
[dates]
occurred = 2026-03-20
resolved = 2026-03-20
claimed = {claimed}
"""


def room(amenity: str, resolved: str, in_use: bool = True) -> str:
    # occurred 5 Jan 2026; no repair target, so only the room rule can make it compensable
    return f"""
[failure]
kind = "loss-of-room"
distress = "moderate"
[dates]
occurred = 2026-01-05
resolved = {resolved}
claimed = 2026-03-02
[[amenities_lost]]
amenity = "{amenity}"
in_use = {"true" if in_use else "false"}
"""


# ---------------------------------------------------------------- policy_info


def test_policy_info_says_the_text_carries_no_version_or_date():
    from compsim_clarion.plugin import policy_info

    info = policy_info()
    assert info.id == "clarion"
    assert info.landlord == "Clarion Housing"
    assert info.documents == ("Customer Compensation and Remedies Policy",)
    assert "no version or date" in info.version
    assert info.params_file.name == "params.toml" and info.params_file.exists()


# ---------------------------------------------------------------- 4.2: missed appointments


def test_4_2_missed_appointment_with_no_notice_is_compensable():
    # no notice (0 hours) < 24; claimed 15 Apr 2026: minor band £75 + £15 appointment = £90
    decision = clarion(missed_appointment("0"))
    assert not decision.excluded
    assert decision.award.total == D("90.00")
    assert item(decision, "Missed appointment").amount == D("15.00")


def test_4_2_appointment_cancelled_with_exactly_24_hours_notice_pays_nothing():
    # 24 hours' notice is "24 hours' notice": 4.2 does not compensate it; nothing else counts
    decision = clarion(missed_appointment("24"))
    assert not decision.excluded
    assert decision.award.total == D("0.00")
    assert item(decision, "Missed appointment").amount == D("0.00")
    assert item(decision, "Distress").amount == D("0.00")
    assert decision.settlement.parts == ()


def test_4_2_appointment_cancelled_with_23_5_hours_notice_is_compensable():
    # 23.5 < 24 hours: £75 + £15 = £90
    assert clarion(missed_appointment("23.5")).award.total == D("90.00")


def test_4_2_appointment_cancelled_with_25_hours_notice_pays_nothing():
    # 25 >= 24 hours
    assert clarion(missed_appointment("25")).award.total == D("0.00")


NOTICE = "readings.unrecorded_notice_is_none"


def test_4_2_missed_appointment_with_no_notice_recorded_is_read_as_no_notice():
    # appointment_notice_hours absent: the text does not say what an unrecorded notice is; by
    # default (the switch readings.unrecorded_notice_is_none) read as none, so compensable:
    # minor band £75 + £15 appointment (claimed 15 Apr 2026) = £90
    decision = clarion(missed_appointment(None))
    assert decision.award.total == D("90.00")
    assert "no notice recorded, read as none" in notes_text(decision.award.notes)
    assert NOTICE in notes_text(decision.award.notes)
    assert NOTICE in [r.path for r in decision.readings]
    assert item(decision, "Missed appointment").basis == "assumption"


def test_4_2_no_notice_recorded_read_as_not_shown_pays_nothing():
    # readings.unrecorded_notice_is_none=false: with no notice recorded it is not shown that
    # the appointment was missed without 24 hours' notice: 4.2's kind does not count, nothing
    # else does: no band (£0), appointment £0, total £0; both rest on the reading (assumption)
    decision = clarion(missed_appointment(None), f"{NOTICE}=false")
    assert not decision.excluded
    assert decision.award.total == D("0.00")
    appointment = item(decision, "Missed appointment")
    assert appointment.amount == D("0.00") and appointment.basis == "draft"
    assert NOTICE in appointment.label
    assert item(decision, "Distress").basis == "draft"
    assert "Does not count: One appointment missed with no notice recorded" in notes_text(
        decision.award.notes
    )
    # the appointment's specific sum is not consulted: nothing is paid for it
    assert [r.path for r in decision.readings] == [
        "readings.minimal_distress_is_little_problem",
        NOTICE,
    ]


def test_4_2_no_notice_recorded_read_as_not_shown_leaves_another_failure_paid():
    # the same appointment beside heating lost 20 to 30 Mar 2026 (no repair target, claimed
    # 15 Apr 2026: one of heating or hot water £8 a day x 10 days = £80). Default: minor band
    # £75 + £80 + appointment £15 = £170. Flipped: the appointment is £0, the heating still
    # counts, so the band is paid: £75 + £80 = £155; the band does not rest on the reading
    heating = '[[amenities_lost]]\namenity = "heating"\nfrom = 2026-03-20\nto = 2026-03-30\n'
    toml = missed_appointment(None) + heating
    assert clarion(toml).award.total == D("170.00")
    decision = clarion(toml, f"{NOTICE}=false")
    assert decision.award.total == D("155.00")
    assert item(decision, "Missed appointment").amount == D("0.00")
    assert item(decision, "Distress").basis == "assumption"  # not draft: not resting on it
    assert NOTICE in [r.path for r in decision.readings]


@pytest.mark.parametrize("notice", ["0", "23.5", "24"])
def test_4_2_notice_recorded_consults_no_reading_of_an_unrecorded_notice(notice):
    assert NOTICE not in [r.path for r in clarion(missed_appointment(notice)).readings]


def test_4_2_two_missed_appointments_are_paid_each():
    # 2 × £15 = £30, + minor band £75 = £105
    decision = clarion(missed_appointment("0", count=2))
    assert item(decision, "Missed appointments: 2").amount == D("30.00")
    assert decision.award.total == D("105.00")


def test_4_2_missed_appointment_on_31_march_2026_has_no_specific_sum():
    # before 1 April 2026 the Ombudsman sets no specific sum: £0 + minor band £75 = £75
    decision = clarion(missed_appointment("0", claimed="2026-03-31"))
    assert item(decision, "Missed appointment").amount == D("0.00")
    assert "no Ombudsman specific sum" in item(decision, "Missed appointment").label
    assert decision.award.total == D("75.00")


def test_4_2_missed_appointment_on_1_april_2026_has_the_specific_sum():
    # from 1 April 2026: £15 + £75 = £90
    decision = clarion(missed_appointment("0", claimed="2026-04-01"))
    assert item(decision, "Missed appointment").amount == D("15.00")
    assert decision.award.total == D("90.00")


# ---------------------------------------------------------------- 4.2: repairs over target


def test_4_2_repair_over_target_without_an_action_plan_is_compensable():
    # 27 Jan is 8 days past the 19 Jan target; moderate → adversely affected, £350
    decision = clarion(repair())
    assert decision.award.total == D("350.00")
    assert "8 days over its target" in notes_text(decision.award.notes)


def test_4_2_repair_resolved_on_its_target_day_pays_nothing():
    toml = repair().replace("resolved = 2026-01-27", "resolved = 2026-01-19")
    assert clarion(toml).award.total == D("0.00")


def test_4_2_repair_resolved_one_day_after_its_target_is_compensable():
    toml = repair().replace("resolved = 2026-01-27", "resolved = 2026-01-20")
    assert clarion(toml).award.total == D("350.00")


@pytest.mark.parametrize("plan", ["agreed-kept", "agreed-broken"])
def test_4_2_repair_over_target_with_an_agreed_action_plan_pays_nothing(plan):
    # "unless an action plan has been agreed": an agreed plan, kept or not, stops this kind
    decision = clarion(repair().replace('distress = "moderate"', f'action_plan = "{plan}"'))
    assert decision.award.total == D("0.00")
    assert "action plan" in notes_text(decision.award.notes)


def test_4_2_broken_action_plan_switch_off_counts_the_repair_over_target():
    # readings.broken_plan_stops_repair_kind=false: a plan agreed but not kept is read as no
    # plan -> the repair 8 days over target counts: moderate band £350
    toml = repair().replace('distress = "moderate"', 'action_plan = "agreed-broken"')
    decision = clarion(toml, "readings.broken_plan_stops_repair_kind=false")
    assert decision.award.total == D("350.00")
    # a kept plan stops it in either position, and consults no switch
    kept = repair().replace('distress = "moderate"', 'action_plan = "agreed-kept"')
    off = clarion(kept, "readings.broken_plan_stops_repair_kind=false")
    assert off.award.total == D("0.00")
    assert off.readings == ()


def test_4_2_repair_delay_without_a_target_date_is_read_as_over_target():
    # kind repair-delay, no target date: the kind itself is read as a repair over target: £350
    toml = repair().replace("repair_target = 2026-01-19\n", "")
    decision = clarion(toml)
    assert decision.award.total == D("350.00")
    assert "no target date given" in notes_text(decision.award.notes)


def test_4_2_repair_delay_without_a_target_date_but_an_agreed_plan_pays_nothing():
    toml = repair().replace("repair_target = 2026-01-19\n", "")
    toml = toml.replace('distress = "moderate"', 'action_plan = "agreed-kept"')
    assert clarion(toml).award.total == D("0.00")


# ---------------------------------------------------------------- 4.2: rooms (more than 28 days)


def test_4_2_room_lost_27_days_pays_nothing():
    # 5 Jan → 1 Feb = 27 calendar days, not more than 28
    assert clarion(room("kitchen", "2026-02-01")).award.total == D("0.00")


def test_4_2_room_lost_28_days_pays_nothing():
    # 5 Jan → 2 Feb = 28 calendar days: "longer than" 28 is needed
    decision = clarion(room("kitchen", "2026-02-02"))
    assert decision.award.total == D("0.00")
    assert "28 calendar days" in notes_text(decision.award.notes)


def test_4_2_room_lost_29_days_is_compensable():
    # 5 Jan → 3 Feb = 29 calendar days > 28: moderate band £350 (no specific sum for rooms)
    decision = clarion(room("kitchen", "2026-02-03"))
    assert decision.award.total == D("350.00")
    assert "29 calendar days" in notes_text(decision.award.notes)


@pytest.mark.parametrize("amenity", ["bathroom", "wc", "living-room", "bedroom", "other-room"])
def test_4_2_every_room_needs_more_than_28_days(amenity):
    assert clarion(room(amenity, "2026-02-02")).award.total == D("0.00")
    assert clarion(room(amenity, "2026-02-03")).award.total == D("350.00")


def test_4_2_room_not_in_use_is_not_a_loss_of_use():
    # a bedroom not in use, lost 5 Jan → 3 Mar (57 days): its use was not lost
    toml = room("bedroom", "2026-03-02", in_use=False)
    assert clarion(toml).award.total == D("0.00")


def test_4_2_loss_of_room_without_listed_rooms_counts_from_the_failure_dates():
    # kind loss-of-room, no amenities_lost: occurred 5 Jan → resolved 3 Feb = 29 days > 28
    toml = """
[failure]
kind = "loss-of-room"
[dates]
occurred = 2026-01-05
resolved = 2026-02-03
claimed = 2026-03-02
"""
    assert clarion(toml).award.total == D("350.00")
    assert clarion(toml.replace("2026-02-03", "2026-02-02")).award.total == D("0.00")


def test_4_2_room_cliff_at_28_days_is_the_only_drop_in_days():
    # more days never lower the award; the only step is 28 → 29 days (0 → £350)
    totals = []
    for days in range(1, 61):
        resolved = date.fromordinal(date(2026, 1, 5).toordinal() + days)
        totals.append(clarion(room("kitchen", resolved.isoformat())).award.total)
    assert totals == sorted(totals)
    assert totals[27] == D("0.00") and totals[28] == D("350.00")  # 28 days, 29 days


# ---------------------------------------------------------------- 4.2: amenities or services


@pytest.mark.parametrize("amenity", ["heating", "hot-water", "electricity", "lighting", "water"])
def test_4_2_amenity_or_service_counts_whenever_lost(amenity):
    # lost 2 days (5 → 7 Jan), claimed 2 Mar 2026 (no specific sums yet): band £350
    toml = f"""
[failure]
kind = "loss-of-amenity"
[dates]
occurred = 2026-01-05
resolved = 2026-01-07
claimed = 2026-03-02
[[amenities_lost]]
amenity = "{amenity}"
"""
    assert clarion(toml).award.total == D("350.00")


def test_4_2_charged_service_not_delivered_is_a_loss_of_services():
    toml = """
[failure]
kind = "charged-service-not-delivered"
"""
    assert clarion(toml).award.total == D("350.00")


UNLISTED = """
[failure]
kind = "{kind}"
distress = "severe"
[[costs]]
kind = "travel"
amount = 12.00
evidence = true
"""


@pytest.mark.parametrize(
    "kind", ["communication", "complaint-handling", "works-nuisance", "decant", "other"]
)
def test_1_2_4_2_unlisted_failure_reimburses_expenses_but_no_band_by_default(kind):
    # 4.2 lists examples ("include"); 1.2: out-of-pocket expenses caused by the failure are
    # reimbursed whatever its kind -> travel £12.00; the band for an unlisted kind is the
    # switch readings.unlisted_failure_pays, off by default -> £0. Total £12.00
    decision = clarion(UNLISTED.format(kind=kind))
    assert not decision.excluded
    assert item(decision, "travel").amount == D("12.00")
    assert item(decision, "Distress").amount == D("0.00")
    assert item(decision, "Distress").basis == "assumption"
    assert decision.award.total == D("12.00")
    assert [r.path for r in decision.readings] == ["readings.unlisted_failure_pays"]


@pytest.mark.parametrize(
    "kind", ["communication", "complaint-handling", "works-nuisance", "decant", "other"]
)
def test_4_2_unlisted_failure_switch_on_pays_the_band(kind):
    # readings.unlisted_failure_pays=true: severe -> £1,000 band + £12 travel = £1,012.00
    decision = clarion(UNLISTED.format(kind=kind), "readings.unlisted_failure_pays=true")
    assert item(decision, "Distress").amount == D("1000.00")
    assert decision.award.total == D("1012.00")


@pytest.mark.parametrize("reason", ["demolition", "redevelopment"])
def test_4_2_planned_decant_is_not_a_failure_whatever_the_switch(reason):
    # a decant for demolition or redevelopment is a planned move, not a failure of service:
    # no band, and the travel cost was not caused by a failure -> £0 in both positions
    toml = UNLISTED.format(kind="decant") + f'[decant]\nreason = "{reason}"\n'
    for sets in ((), ("readings.unlisted_failure_pays=true",)):
        decision = clarion(toml, *sets)
        assert decision.award.total == D("0.00")
        assert item(decision, "travel").amount == D("0.00")


def test_1_2_expenses_need_a_failure_a_room_within_the_sla_pays_none():
    # kitchen lost 5 Jan -> 2 Feb = 28 days, within the repair SLA: no failure, so the £30
    # evidenced food cost is not reimbursed either -> £0
    food = '[[costs]]\nkind = "food"\namount = 30.00\nevidence = true\n'
    toml = room("kitchen", "2026-02-02") + food
    decision = clarion(toml)
    assert item(decision, "food").amount == D("0.00")
    assert decision.award.total == D("0.00")


# ---------------------------------------------------------------- 4.2: damage to belongings


BELONGINGS = """
[failure]
kind = "damage-to-belongings"
cause = "contractor"
distress = "moderate"
[dates]
occurred = 2026-01-05
resolved = 2026-01-06
claimed = 2026-03-02
"""


def test_4_2_uninsured_belongings_damaged_by_a_contractor_are_paid_at_value_at_loss():
    # sofa, value at loss £300 (new £500): £300 + band £350 = £650
    toml = (
        BELONGINGS
        + """
[[damaged_items]]
item = "sofa"
replacement_value = 500.00
value_at_loss = 300.00
"""
    )
    decision = clarion(toml)
    assert not decision.excluded
    assert item(decision, "sofa").amount == D("300.00")
    assert decision.award.total == D("650.00")
    # the valuation is an assumption: replacement value instead gives £500 + £350 = £850
    other = clarion(toml, "belongings.valuation=replacement_value")
    assert other.award.total == D("850.00")


def test_4_2_decoration_counts_as_belongings_by_assumption():
    # decoration £120: £120 + £350 = £470; with decoration_counts=false only the item is refused
    toml = (
        BELONGINGS.replace("damage-to-belongings", "damage-to-decoration")
        + """
[[damaged_items]]
item = "wallpaper"
kind = "decoration"
replacement_value = 120.00
"""
    )
    assert clarion(toml).award.total == D("470.00")
    refused = clarion(toml, "belongings.decoration_counts=false")
    assert refused.award.total == D("0.00")
    assert item(refused, "wallpaper").amount == D("0.00")


def test_4_4_belongings_damaged_by_a_leak_flood_or_fire_are_for_contents_insurance():
    # 4.4: "damage to your belongings ... due to leaks, flood, or fire" is for contents
    # insurance. Damaged otherwise, the sofa is paid (£300 + £350 = £650, above); by a leak,
    # flood or fire, the only item is refused and the damage-only claim is excluded
    sofa = """
[[damaged_items]]
item = "sofa"
replacement_value = 500.00
value_at_loss = 300.00
damaged_by = "{cause}"
"""
    assert clarion(BELONGINGS + sofa.format(cause="other")).award.total == D("650.00")
    for cause in ("leak", "flood", "fire"):
        decision = clarion(BELONGINGS + sofa.format(cause=cause))
        assert applying(decision) == ["clarion 4.4"], cause
        assert item(decision, "sofa").amount == D("0.00")


def test_4_2_damage_claim_with_no_items_pays_nothing():
    assert clarion(BELONGINGS).award.total == D("0.00")


# ---------------------------------------------------------------- 4.4: exclusions, each alone


def test_4_4_little_or_no_problem_excludes():
    decision = clarion(repair("none"))
    assert applying(decision) == ["clarion 4.4"]
    assert decision.award.total == D("0.00")
    assert decision.impact.level == "Little or no problem" and decision.impact.rank == 0


def test_4_4_minimal_distress_is_not_little_or_no_problem():
    # near miss: minimal distress is a minor failure, £75
    decision = clarion(repair("minimal"))
    assert not decision.excluded
    assert decision.award.total == D("75.00")


def test_4_4_minimal_distress_as_little_problem_is_a_switch():
    # readings.minimal_distress_is_little_problem=true: minimal is "little" problem -> excluded
    decision = clarion(repair("minimal"), "readings.minimal_distress_is_little_problem=true")
    assert applying(decision) == ["clarion 4.4"]
    assert decision.award.total == D("0.00")
    assert decision.award_if_not_excluded.total == D("75.00")
    # default: the switch is consulted and named in the decision, and the £75 is paid
    default = clarion(repair("minimal"))
    assert [r.path for r in default.readings] == ["readings.minimal_distress_is_little_problem"]
    assert default.award.total == D("75.00")
    # moderate distress never consults it
    assert clarion(repair()).readings == ()


def test_4_4_personal_injury_excludes():
    decision = clarion(repair(extra="[legal]\npersonal_injury = true\n"))
    assert applying(decision) == ["clarion 4.4"]
    assert decision.award.total == D("0.00")
    assert decision.award_if_not_excluded.total == D("350.00")


def test_4_4_public_liability_insurance_claim_excludes():
    decision = clarion(repair(extra="[legal]\ninsurance_claim = true\n"))
    assert applying(decision) == ["clarion 4.4"]


def test_4_4_no_legal_matter_is_a_near_miss():
    decision = clarion(repair(extra="[legal]\npersonal_injury = false\ninsurance_claim = false\n"))
    assert not decision.excluded


def test_4_4_items_the_claimant_could_claim_on_insurance_exclude_a_damage_only_claim():
    toml = (
        BELONGINGS
        + """
[[damaged_items]]
item = "sofa"
replacement_value = 500.00
insured = true
"""
    )
    decision = clarion(toml)
    assert applying(decision) == ["clarion 4.4"]
    assert decision.exclusions[0].short == "contents insurance"


def test_4_4_contents_insurance_held_makes_items_insured_by_default():
    toml = (
        BELONGINGS
        + """
[household]
contents_insurance = true
[[damaged_items]]
item = "sofa"
replacement_value = 500.00
"""
    )
    assert clarion(toml).excluded


def test_4_4_insured_item_beside_an_uninsured_one_is_left_out_alone():
    # sofa insured (left out), lamp uninsured £40: £40 + £350 = £390, not excluded
    toml = (
        BELONGINGS
        + """
[[damaged_items]]
item = "sofa"
replacement_value = 500.00
insured = true
[[damaged_items]]
item = "lamp"
replacement_value = 40.00
"""
    )
    decision = clarion(toml)
    assert not decision.excluded
    assert item(decision, "sofa").amount == D("0.00")
    assert decision.award.total == D("390.00")


def test_4_4_insured_item_beside_another_compensable_kind_is_left_out_alone():
    # repair 8 days over target (compensable) + an insured rug: £350, not excluded
    decision = clarion(
        repair(extra='[[damaged_items]]\nitem = "rug"\nreplacement_value = 90.00\ninsured = true\n')
    )
    assert not decision.excluded
    assert decision.award.total == D("350.00")


def test_4_4_floor_covering_damaged_by_a_leak_excludes_a_damage_only_claim():
    # uninsured carpet, damaged by a leak: still for the claimant's home contents insurance
    toml = (
        BELONGINGS
        + """
[[damaged_items]]
item = "carpet"
kind = "floor-covering"
replacement_value = 400.00
damaged_by = "leak"
"""
    )
    decision = clarion(toml)
    assert applying(decision) == ["clarion 4.4"]
    assert item(decision, "carpet").amount == D("0.00")


def test_4_4_floor_covering_damaged_otherwise_is_paid():
    # 4.4 leaves floor coverings damaged by leaks, flood or fire to contents insurance; a
    # carpet ruined by a contractor's paint is not that: £400 + moderate band £350 = £750
    toml = (
        BELONGINGS
        + """
[[damaged_items]]
item = "carpet"
kind = "floor-covering"
replacement_value = 400.00
damaged_by = "other"
"""
    )
    decision = clarion(toml)
    assert not decision.excluded
    assert decision.award.total == D("750.00")


def test_4_4_floor_covering_beside_other_belongings_is_left_out_alone():
    # flooded carpet refused, curtains £60 paid: £60 + £350 = £410
    toml = (
        BELONGINGS
        + """
[[damaged_items]]
item = "carpet"
kind = "floor-covering"
replacement_value = 400.00
damaged_by = "flood"
[[damaged_items]]
item = "curtains"
replacement_value = 60.00
"""
    )
    decision = clarion(toml)
    assert not decision.excluded
    assert decision.award.total == D("410.00")


def test_4_4_extreme_weather_beyond_control_excludes():
    decision = clarion(repair(extra="").replace('kind = "repair-delay"', _cause("extreme-weather")))
    assert "clarion 4.4" in applying(decision)
    assert any(e.short == "beyond control" for e in decision.exclusions)


def test_4_4_resident_neglect_or_misuse_excludes():
    decision = clarion(repair().replace('kind = "repair-delay"', _cause("resident")))
    assert any(e.short == "resident's fault" for e in decision.exclusions)


def test_4_4_third_party_excludes():
    decision = clarion(repair().replace('kind = "repair-delay"', _cause("third-party")))
    assert any(e.short == "third party" for e in decision.exclusions)


def test_4_4_contractor_cause_is_a_near_miss():
    # a contractor working on Clarion's behalf is Clarion's failure (4.2)
    decision = clarion(repair().replace('kind = "repair-delay"', _cause("contractor")))
    assert not decision.excluded
    assert decision.award.total == D("350.00")


def _cause(cause: str) -> str:
    # keep the responsibility full so the cause check is the only one that applies
    return f'kind = "repair-delay"\ncause = "{cause}"\nresponsibility = "full"'


@pytest.mark.parametrize("proceedings", ["started", "court-ordered"])
def test_4_4_legal_proceedings_exclude(proceedings):
    decision = clarion(repair(extra=f'[legal]\nproceedings = "{proceedings}"\n'))
    assert applying(decision) == ["clarion 4.4"]
    assert decision.exclusions[0].short == "legal or disrepair"


def test_4_4_threatened_proceedings_exclude_by_default():
    decision = clarion(repair(extra='[legal]\nproceedings = "threatened"\n'))
    assert applying(decision) == ["clarion 4.4"]
    assert "readings.threatened_proceedings_exclude" in decision.exclusions[0].reason


def test_4_4_threatened_proceedings_switch_off_does_not_exclude():
    # readings.threatened_proceedings_exclude=false: a threat is not yet legal proceedings ->
    # not excluded, £350; started proceedings exclude in either position
    threatened = repair(extra='[legal]\nproceedings = "threatened"\n')
    off = clarion(threatened, "readings.threatened_proceedings_exclude=false")
    assert not off.excluded
    assert off.award.total == D("350.00")
    default = clarion(threatened)
    assert default.excluded
    assert [r.path for r in default.readings] == ["readings.threatened_proceedings_exclude"]
    started = repair(extra='[legal]\nproceedings = "started"\n')
    assert clarion(started, "readings.threatened_proceedings_exclude=false").excluded


def test_4_4_disrepair_claim_excludes():
    decision = clarion(repair(extra="[legal]\ndisrepair_claim = true\n"))
    assert applying(decision) == ["clarion 4.4"]


def test_4_4_no_proceedings_is_a_near_miss():
    assert not clarion(repair(extra='[legal]\nproceedings = "none"\n')).excluded


def test_4_4_obligations_fulfilled_and_acted_reasonably_excludes():
    decision = clarion(repair().replace('kind = "repair-delay"', _responsibility("none")))
    assert applying(decision) == ["clarion 4.4"]
    assert decision.exclusions[0].short == "no failure by Clarion"


def test_4_4_partial_responsibility_is_a_near_miss_paid_in_full():
    # the policy gives no reduction for partial responsibility: £350, with a note saying so
    decision = clarion(repair().replace('kind = "repair-delay"', _responsibility("partial")))
    assert not decision.excluded
    assert decision.award.total == D("350.00")
    assert "partial responsibility" in notes_text(decision.award.notes)


def _responsibility(level: str) -> str:
    return f'kind = "repair-delay"\nresponsibility = "{level}"'


def test_4_4_no_access_for_the_work_excludes():
    decision = clarion(repair().replace('kind = "repair-delay"', _access(True)))
    assert applying(decision) == ["clarion 4.4"]
    assert decision.exclusions[0].short == "access refused"


def test_4_4_access_given_is_a_near_miss():
    assert not clarion(repair().replace('kind = "repair-delay"', _access(False))).excluded


def _access(refused: bool) -> str:
    return f'kind = "repair-delay"\naccess_refused = {"true" if refused else "false"}'


@pytest.mark.parametrize("evidence", ["true", "false"])
def test_4_4_time_off_work_is_never_paid_but_does_not_exclude_the_claim(evidence):
    # £80 loss of earnings refused, £350 band paid
    decision = clarion(
        repair(extra=f'[[costs]]\nkind = "time-off-work"\namount = 80.00\nevidence = {evidence}\n')
    )
    assert not decision.excluded
    assert item(decision, "time-off-work").amount == D("0.00")
    assert item(decision, "time-off-work").clause == "clarion 4.4"
    assert decision.award.total == D("350.00")
    assert any("time off work" in c.reason and not c.applies for c in decision.checks)


def test_4_4_every_check_is_reported_when_nothing_applies():
    decision = clarion(repair())
    assert not decision.excluded
    assert len(decision.checks) == 11  # ten 4.4 checks and the 6.2 limit
    assert all(not c.applies for c in decision.checks)


def test_4_4_excluded_claim_shows_what_it_would_have_been_and_settles_nothing():
    decision = clarion(
        repair(extra="[account]\nrent_arrears = 500.00\n[legal]\ndisrepair_claim = true\n")
    )
    assert decision.excluded
    assert decision.award.total == D("0.00")
    assert decision.award_if_not_excluded.total == D("350.00")
    assert decision.settlement.parts == ()


# ---------------------------------------------------------------- 6.2: the six-month limit


def _limit(resolved: str, claimed: str, occurred: str = "2025-08-01", exceptional=False) -> str:
    return f"""
[failure]
kind = "repair-delay"
[dates]
occurred = {occurred}
repair_target = {occurred}
resolved = {resolved}
claimed = {claimed}
[claim]
exceptional_circumstances = {"true" if exceptional else "false"}
"""


def test_6_2_claim_on_the_last_day_of_six_months_is_in_time():
    # loss ended 31 Jan 2026 + 6 months = 31 Jul 2026
    decision = clarion(_limit("2026-01-31", "2026-07-31", occurred="2026-01-05"))
    assert not decision.excluded
    assert "last day 2026-07-31" in decision.checks[-1].reason


def test_6_2_claim_the_day_after_six_months_is_excluded():
    decision = clarion(_limit("2026-01-31", "2026-08-01", occurred="2026-01-05"))
    assert applying(decision) == ["clarion 6.2"]
    assert "last day 2026-07-31" in decision.exclusions[0].reason
    assert decision.exclusions[0].short == "claimed after 6 months"


def test_6_2_month_end_clamp_last_day():
    # loss ended 31 Aug 2025 + 6 months = 28 Feb 2026 (clamped)
    decision = clarion(_limit("2025-08-31", "2026-02-28"))
    assert not decision.excluded
    assert "last day 2026-02-28" in decision.checks[-1].reason


def test_6_2_month_end_clamp_day_after():
    decision = clarion(_limit("2025-08-31", "2026-03-01"))
    assert applying(decision) == ["clarion 6.2"]


def test_6_2_exceptional_circumstances_open_a_late_claim():
    decision = clarion(_limit("2025-08-31", "2026-03-01", exceptional=True))
    assert not decision.excluded
    assert "exceptional circumstances" in decision.checks[-1].reason


def test_6_2_counts_from_the_loss_end_not_the_start():
    # occurred 1 Aug 2025, still ongoing when claimed 2 Mar 2026: the loss end is the claim
    # date, so the claim is in time although the failure began seven months before
    toml = """
[failure]
kind = "repair-delay"
[dates]
occurred = 2025-08-01
repair_target = 2025-08-15
claimed = 2026-03-02
"""
    assert not clarion(toml).excluded


def test_6_2_missed_appointment_nine_months_before_the_claim_is_late():
    # a one-off event: the window runs from the appointment (2 Jun 2025), not from the claim:
    # 2 Jun 2025 + 6 months = 2 Dec 2025; claimed 2 Mar 2026 -> excluded
    toml = """
[failure]
kind = "missed-appointment"
distress = "minimal"
appointment_notice_hours = 0
[dates]
occurred = 2025-06-02
claimed = 2026-03-02
"""
    decision = clarion(toml)
    assert applying(decision) == ["clarion 6.2"]
    assert "last day 2025-12-02" in decision.exclusions[0].reason
    # with exceptional circumstances it is considered: minor band £75, no specific sum in
    # force on 2 Mar 2026
    late = toml + "[claim]\nexceptional_circumstances = true\n"
    assert clarion(late).award.total == D("75.00")


def test_6_2_one_off_event_last_day_and_day_after():
    # damage on 31 Aug 2025 + 6 months = 28 Feb 2026 (clamped): in time on 28 Feb, late 1 Mar
    toml = """
[failure]
kind = "damage-to-belongings"
cause = "contractor"
[dates]
occurred = 2025-08-31
resolved = 2025-12-01
claimed = {claimed}
[[damaged_items]]
item = "sofa"
replacement_value = 300.00
"""
    assert not clarion(toml.format(claimed="2026-02-28")).excluded
    assert applying(clarion(toml.format(claimed="2026-03-01"))) == ["clarion 6.2"]


def test_6_2_continuing_failure_resolved_after_the_claim_runs_from_its_end():
    # a repair from 1 Jan 2025, claimed 2 Mar 2026, finished 1 Apr 2026 (after the claim): the
    # window runs from the end of the failure (1 Apr 2026), so the claim is in time
    toml = """
[failure]
kind = "repair-delay"
[dates]
occurred = 2025-01-01
repair_target = 2025-01-15
resolved = 2026-04-01
claimed = 2026-03-02
"""
    decision = clarion(toml)
    assert not decision.excluded
    claim_window = [d for d in decision.deadlines if d.name.startswith("Claim window")]
    assert claim_window[0].date == date(2026, 10, 1)


# ------------------------------------------ 6.5: distress onto the Ombudsman's bands


@pytest.mark.parametrize(
    ("distress", "level", "amount", "low", "high"),
    [
        ("minimal", "Minor failure", "75.00", "50.00", "100.00"),
        ("moderate", "Adversely affected", "350.00", "100.00", "600.00"),
        ("considerable", "Significant impact", "800.00", "600.00", "1000.00"),
        ("severe", "Severe maladministration", "1000.00", "1000.00", None),
    ],
)
def test_6_5_distress_reads_onto_the_ombudsman_band(distress, level, amount, low, high):
    decision = clarion(repair(distress))
    assert decision.impact.level == level
    assert decision.impact.basis == "assumption"
    band = item(decision, "Distress")
    assert band.basis == "assumption"
    assert band.category == "distress"
    assert (band.amount, band.low) == (D(amount), D(low))
    assert band.high == (None if high is None else D(high))
    assert decision.award.max == (None if high is None else D(high))


def test_6_5_more_distress_never_lowers_the_award():
    totals = [clarion(repair(d)).award.total for d in ("minimal", "moderate", "considerable")]
    totals.append(clarion(repair("severe")).award.total)
    assert totals == [D("75.00"), D("350.00"), D("800.00"), D("1000.00")]


def test_6_5_vulnerability_lifts_the_band_one_step():
    # minimal (minor, £75) with a disability → adversely affected, £350
    vulnerable = repair("minimal", '[household]\nvulnerabilities = ["disability"]\n')
    decision = clarion(vulnerable)
    assert decision.impact.level == "Adversely affected"
    assert decision.award.total == D("350.00")
    # the lift is an assumption: switched off, £75
    assert clarion(vulnerable, "impact.vulnerability_lifts=false").award.total == D("75.00")


def test_6_5_vulnerability_cannot_lift_beyond_severe():
    decision = clarion(repair("severe", '[household]\nvulnerabilities = ["older-person"]\n'))
    assert decision.award.total == D("1000.00")


def test_6_5_band_figure_is_an_assumption_that_can_be_moved():
    # moderate band figure set to £500 (inside £100–£600)
    assert clarion(repair(), "bands.adversely_affected.figure=500").award.total == D("500.00")


def test_6_5_band_figure_outside_its_band_is_held_to_the_band():
    # minor band figure set to £150: above the £100 top, so £100 with a note
    decision = clarion(repair("minimal"), "bands.minor.figure=150")
    assert decision.award.total == D("100.00")
    assert "outside the band" in notes_text(decision.award.notes)


def test_6_5_distress_mapping_is_an_assumption_that_can_be_changed():
    # minimal read as adversely affected instead: £350
    decision = clarion(repair("minimal"), "impact.distress.minimal=adversely_affected")
    assert decision.award.total == D("350.00")


# ------------------------------------------ Ombudsman specific sums (from 1 April 2026)


def _services(claimed: str, *losses: tuple[str, str, str], target: str | None = None) -> str:
    lines = [
        "[failure]",
        'kind = "loss-of-amenity"',
        "[dates]",
        f"occurred = {min(f for _, f, _ in losses)}",
        f"claimed = {claimed}",
    ]
    if target:
        lines.append(f"repair_target = {target}")
    for amenity, start, end in losses:
        lines += ["[[amenities_lost]]", f'amenity = "{amenity}"', f"from = {start}", f"to = {end}"]
    return "\n".join(lines) + "\n"


def test_ombudsman_heating_and_hot_water_claimed_31_march_2026_has_no_specific_sum():
    # both lost 20 → 30 Mar (10 days); claimed 31 Mar: £0 sums, band £350 only
    toml = _services(
        "2026-03-31",
        ("heating", "2026-03-20", "2026-03-30"),
        ("hot-water", "2026-03-20", "2026-03-30"),
    )
    decision = clarion(toml)
    assert item(decision, "together").amount == D("0.00")
    assert decision.award.total == D("350.00")


def test_ombudsman_heating_and_hot_water_claimed_1_april_2026_is_15_a_day():
    # same loss claimed 1 Apr: 10 days × £15 = £150, + £350 = £500
    toml = _services(
        "2026-04-01",
        ("heating", "2026-03-20", "2026-03-30"),
        ("hot-water", "2026-03-20", "2026-03-30"),
    )
    decision = clarion(toml)
    assert item(decision, "together").amount == D("150.00")
    assert item(decision, "one of heating").amount == D("0.00")
    assert decision.award.total == D("500.00")


# Which claims the 2026 sums reach is a reading (RULES.md: a switch), specific_sums.applies_by.
# Both lost 27 Mar → 6 Apr 2026: 10 days, 5 in March (27-31) and 5 in April (1-5).
ACROSS_1_APRIL = _services(
    "2026-04-15",
    ("heating", "2026-03-27", "2026-04-06"),
    ("hot-water", "2026-03-27", "2026-04-06"),
)


def readings(decision) -> dict[str, object]:
    return {r.path: r.value for r in decision.readings}


def test_ombudsman_specific_sums_by_the_claim_date_pay_every_day_of_loss():
    # claimed 15 Apr: the sums in force on the claim date, for all 10 days: 10 × £15 = £150
    decision = clarion(ACROSS_1_APRIL)
    assert item(decision, "together").amount == D("150.00")
    assert item(decision, "together").basis == "assumption"
    assert readings(decision)["specific_sums.applies_by"] == "claim-date"
    assert decision.award.total == D("500.00")  # + moderate band £350


def test_ombudsman_specific_sums_by_days_of_loss_pay_only_the_days_from_1_april_2026():
    decision = clarion(ACROSS_1_APRIL, "specific_sums.applies_by=days-of-loss")
    before = item(decision, "together, days to 2026-03-31")
    after = item(decision, "together, days from 2026-04-01")
    assert before.amount == 0 and "5 days: no Ombudsman specific sum" in before.label
    assert after.amount == D("75.00") and "5 days at £15.00 a day" in after.label  # 5 × £15
    assert after.basis == "draft"  # the reading was drafted
    assert decision.award.total == D("425.00")  # £75 + £350


SOURCE = """
[source]
case = "000000001"
landlord = "Clarion Housing Association Limited"
url = ""
quoted_in = []
decided = {decided}
finding = "maladministration"
ordered = 100.00
ordered_for = "a test"
stand_ins = "all of it"
split = "fit"
"""


def test_ombudsman_specific_sums_by_the_decision_date():
    # lost 20 → 30 Mar (10 days), claimed 31 Mar: nothing on the claim date; a case decided
    # on 1 May 2026 gets them on the decision-date reading: 10 × £15 = £150
    toml = _services(
        "2026-03-31",
        ("heating", "2026-03-20", "2026-03-30"),
        ("hot-water", "2026-03-20", "2026-03-30"),
    )
    by_decision = "specific_sums.applies_by=decision-date"
    decided = clarion(toml + SOURCE.format(decided="2026-05-01"), by_decision)
    assert item(decided, "together").amount == D("150.00")
    decided_before = clarion(toml + SOURCE.format(decided="2026-03-31"), by_decision)
    assert "on the decision date (2026-03-31)" in item(decided_before, "together").label
    assert item(decided_before, "together").amount == 0
    # without [source] the decision-date reading falls back to the claim date
    assert item(clarion(toml, by_decision), "together").amount == 0


def test_ombudsman_missed_appointment_by_days_of_loss_goes_by_its_own_day():
    # missed 20 Mar 2026, claimed 15 Apr: £15 on the claim date, nothing on its own day
    assert item(clarion(missed_appointment("0")), "Missed appointment").amount == D("15.00")
    decision = clarion(missed_appointment("0"), "specific_sums.applies_by=days-of-loss")
    refused = item(decision, "Missed appointment")
    assert refused.amount == 0
    assert "in force on the day of the missed appointment (2026-03-20)" in refused.label


def test_ombudsman_one_of_heating_or_hot_water_is_8_a_day():
    # heating only, 1 → 11 Apr = 10 days × £8 = £80, + £350 = £430
    decision = clarion(_services("2026-04-15", ("heating", "2026-04-01", "2026-04-11")))
    assert item(decision, "one of heating").amount == D("80.00")
    assert item(decision, "together").amount == D("0.00")
    assert decision.award.total == D("430.00")


def test_ombudsman_heating_and_hot_water_overlap_is_split_by_day():
    # heating 1 → 11 Apr (10 days), hot water 1 → 5 Apr (4 days):
    # both 4 days × £15 = £60; one 6 days × £8 = £48; + £350 = £458
    toml = _services(
        "2026-04-15",
        ("heating", "2026-04-01", "2026-04-11"),
        ("hot-water", "2026-04-01", "2026-04-05"),
    )
    decision = clarion(toml)
    assert item(decision, "together").amount == D("60.00")
    assert item(decision, "one of heating").amount == D("48.00")
    assert decision.award.total == D("458.00")


def test_ombudsman_loss_of_power_is_10_a_day():
    # electricity 1 → 4 Apr = 3 days × £10 = £30, + £350 = £380
    decision = clarion(_services("2026-04-15", ("electricity", "2026-04-01", "2026-04-04")))
    assert item(decision, "power").amount == D("30.00")
    assert decision.award.total == D("380.00")


def test_ombudsman_loss_of_lighting_only_is_10_a_week_pro_rata():
    # lighting 1 → 11 Apr = 10 days: £10 × 10 / 7 = £14.2857… → £14.29, + £350 = £364.29
    decision = clarion(_services("2026-04-15", ("lighting", "2026-04-01", "2026-04-11")))
    assert item(decision, "lighting only").amount == D("14.29")
    assert decision.award.total == D("364.29")
    # 14 days = two weeks: £20
    two_weeks = clarion(_services("2026-04-20", ("lighting", "2026-04-01", "2026-04-15")))
    assert item(two_weeks, "lighting only").amount == D("20.00")


def test_ombudsman_lighting_lost_with_power_is_not_lighting_only():
    # both lost 1 → 4 Apr: 3 days of power £30; lighting-only days 0 → £0; + £350 = £380
    toml = _services(
        "2026-04-15",
        ("electricity", "2026-04-01", "2026-04-04"),
        ("lighting", "2026-04-01", "2026-04-04"),
    )
    decision = clarion(toml)
    assert item(decision, "lighting only").amount == D("0.00")
    assert decision.award.total == D("380.00")


def test_ombudsman_days_of_loss_run_from_the_repair_target():
    # heating lost 1 → 11 Apr, target 4 Apr: 4 → 11 Apr = 7 days × £8 = £56; + £350 = £406
    toml = _services("2026-04-15", ("heating", "2026-04-01", "2026-04-11"), target="2026-04-04")
    decision = clarion(toml)
    assert item(decision, "one of heating").amount == D("56.00")
    assert decision.award.total == D("406.00")
    # assumption switched to the loss start: 10 days × £8 = £80; + £350 = £430
    from_start = clarion(toml, "specific_sums.days_from=loss_start")
    assert item(from_start, "one of heating").amount == D("80.00")


def test_ombudsman_ongoing_loss_runs_to_the_claim_date():
    # heating lost from 1 Apr, still lost when claimed 15 Apr: 14 days × £8 = £112
    toml = """
[failure]
kind = "loss-of-amenity"
[dates]
occurred = 2026-04-01
claimed = 2026-04-15
[[amenities_lost]]
amenity = "heating"
"""
    assert item(clarion(toml), "one of heating").amount == D("112.00")


def test_ombudsman_more_days_without_heating_never_lower_the_award():
    totals = [
        clarion(_services("2026-05-30", ("heating", "2026-04-01", f"2026-04-{d:02d}"))).award.total
        for d in range(1, 31)
    ]
    assert totals == sorted(totals)
    # 29 days (1 → 30 Apr) × £8 = £232, + £350 = £582
    assert totals[-1] == D("582.00")


def test_ombudsman_specific_sums_are_assumptions():
    decision = clarion(_services("2026-04-15", ("heating", "2026-04-01", "2026-04-11")))
    assert item(decision, "one of heating").basis == "assumption"
    assert "Housing Ombudsman" in item(decision, "one of heating").clause


# Whether the daily sums have a limit for a long loss is a reading, specific_sums.long_loss
# (as the Ombudsman reference has it). Heating and hot water both lost 1 Apr -> 18 Oct 2026:
# 30 + 31 + 30 + 31 + 31 + 30 (Apr-Sep) + 17 (1-17 Oct) = 200 days; rent £80 a week.
LONG_LOSS = "specific_sums.long_loss"


def _long_heating(rent: str | None) -> str:
    toml = _services(
        "2026-10-20",
        ("heating", "2026-04-01", "2026-10-18"),
        ("hot-water", "2026-04-01", "2026-10-18"),
    )
    return toml if rent is None else f"[household]\nweekly_rent = {rent}\n" + toml


def test_6_5_long_loss_daily_sums_paid_per_day_without_limit_by_default():
    # 200 days x £15 = £3,000, more than the rent for them (£80 x 200 / 7 = £2,285.714... ->
    # £2,285.71): paid in full by default; + moderate band £350 = £3,350
    decision = clarion(_long_heating("80.00"))
    together = item(decision, "together")
    assert together.amount == D("3000.00")
    assert "more than the rent for those days, £2,285.71" in together.label
    assert LONG_LOSS in together.label and together.basis == "assumption"
    assert decision.award.total == D("3350.00")
    assert readings(decision)[LONG_LOSS] == "per-day"


def test_6_5_long_loss_capped_at_the_rent_for_the_days_counted():
    # capped-at-rent: £3,000 held to the rent for the 200 days, £2,285.71; + £350 = £2,635.71
    decision = clarion(_long_heating("80.00"), f"{LONG_LOSS}=capped-at-rent")
    together = item(decision, "together")
    assert together.amount == D("2285.71")
    assert "capped at the rent for those days" in together.label
    assert together.basis == "draft"
    assert decision.award.total == D("2635.71")


def test_6_5_long_loss_capped_by_days_of_loss_caps_each_period_alone():
    # days-of-loss: both lost 27 Mar -> 6 Apr 2026, rent £7 a week (£1 a day): 5 days in
    # March at £0 (nothing to cap), 5 days from 1 Apr at £15 = £75, capped at 5 x £1 = £5;
    # + £350 = £355
    toml = "[household]\nweekly_rent = 7.00\n" + ACROSS_1_APRIL
    sets = ("specific_sums.applies_by=days-of-loss", f"{LONG_LOSS}=capped-at-rent")
    decision = clarion(toml, *sets)
    assert item(decision, "together, days to").amount == D("0.00")
    assert item(decision, "together, days from").amount == D("5.00")
    assert decision.award.total == D("355.00")


@pytest.mark.parametrize("rent", [None, "105.00", "120.00"])
def test_6_5_long_loss_not_consulted_when_the_sums_stay_within_the_rent(rent):
    # no rent given (nothing to cap at), or the rent at least £15 a day (£105 a week: 200 days
    # = £3,000.00 exactly, not more): the reading changes nothing, and is not consulted
    decision = clarion(_long_heating(rent), f"{LONG_LOSS}=capped-at-rent")
    assert item(decision, "together").amount == D("3000.00")
    assert LONG_LOSS not in readings(decision)


# ---------------------------------------------------------------- costs (1.2, 6.4)


def test_6_4_evidenced_cost_is_reimbursed_and_unevidenced_is_not():
    # £64.20 evidenced food reimbursed; £30 unevidenced travel refused: £64.20 + £350 = £414.20
    decision = clarion(
        repair(
            extra='[[costs]]\nkind = "food"\namount = 64.20\nevidence = true\n'
            '[[costs]]\nkind = "travel"\namount = 30.00\n'
        )
    )
    assert item(decision, "food").amount == D("64.20")
    assert item(decision, "travel").amount == D("0.00")
    assert decision.award.total == D("414.20")


def test_6_4_costs_without_evidence_switch_off_reimburses_them():
    # readings.costs_need_evidence=false: the £30 unevidenced travel is reimbursed too:
    # £64.20 + £30.00 + £350 = £444.20, the travel item marked as resting on the reading
    toml = repair(
        extra='[[costs]]\nkind = "food"\namount = 64.20\nevidence = true\n'
        '[[costs]]\nkind = "travel"\namount = 30.00\n'
    )
    decision = clarion(toml, "readings.costs_need_evidence=false")
    assert item(decision, "travel").amount == D("30.00")
    assert item(decision, "travel").basis == "draft"
    assert decision.award.total == D("444.20")
    # but where supporting information asked for was not supplied, it is still refused
    withheld = toml + "[claim]\nevidence_supplied = false\n"
    refused = clarion(withheld, "readings.costs_need_evidence=false")
    assert item(refused, "travel").amount == D("0.00")


def test_6_4_unevidenced_cost_refusal_is_marked_as_a_reading():
    decision = clarion(repair(extra='[[costs]]\nkind = "travel"\namount = 30.00\n'))
    assert item(decision, "travel").basis == "assumption"
    assert [r.path for r in decision.readings] == ["readings.costs_need_evidence"]


def test_common_reading_an_amenity_back_after_the_claim_counts_to_its_to_date():
    # heating lost 1 Apr 2026, claimed 15 Apr, back 25 Apr (after the claim): 24 days x £8 =
    # £192, + £350 = £542 (the loss end is the to date even after the claim)
    toml = _services("2026-04-15", ("heating", "2026-04-01", "2026-04-25"))
    decision = clarion(toml)
    assert item(decision, "one of heating").amount == D("192.00")
    assert decision.award.total == D("542.00")


# ---------------------------------------------------------------- 6.8: approval and appeal


def test_6_8_award_approver_is_not_published_and_appeal_goes_to_head_of_service():
    decision = clarion(repair())
    approval = decision.approval
    assert approval.basis == NOT_PUBLISHED
    assert "Not published" in approval.approver
    assert approval.senior is False
    text = notes_text(approval.notes)
    assert "20 working days" in text
    assert "only once" in text
    assert "Head of Service or Director" in text


def test_6_8_appeal_window_counted_from_the_offer_skips_bank_holidays():
    # offer Fri 1 May 2026; 20 working days skip 4 May and 25 May bank holidays:
    # May 5–8 (4), 11–15 (9), 18–22 (14), 26–29 (18), Jun 1 (19), Jun 2 (20) → 2 Jun 2026
    toml = repair().replace("claimed = 2026-03-02", "claimed = 2026-03-02\noffer_made = 2026-05-01")
    assert "last day to appeal is 2026-06-02" in notes_text(clarion(toml).approval.notes)


# ---------------------------------------------------------------- 5.1: rent account; 6.6: payment


def _settled(decision) -> D:
    return decision.settlement.paid_to_customer + decision.settlement.credited_to_account


def test_5_1_rent_account_up_to_date_is_paid_to_the_claimant():
    decision = clarion(repair())
    assert decision.settlement.paid_to_customer == D("350.00")
    assert decision.settlement.credited_to_account == D("0.00")
    assert [p.to for p in decision.settlement.parts] == [CUSTOMER]


def test_5_1_arrears_without_out_of_pocket_costs_go_onto_the_rent_account():
    # arrears £500 ≥ award £350: all £350 credited
    decision = clarion(repair(extra="[account]\nrent_arrears = 500.00\n"))
    assert decision.settlement.credited_to_account == D("350.00")
    assert decision.settlement.paid_to_customer == D("0.00")
    assert decision.settlement.parts[0].to == ACCOUNT


def test_5_1_award_above_the_arrears_goes_onto_the_rent_account_as_a_credit_balance():
    # arrears £100, award £350, no expenses: "we will pay your compensation directly onto your
    # rent account": all £350 credited; £100 clears the arrears (against_debt), the £250 rest
    # is a credit balance on the account (not against a debt); nothing paid to the claimant
    decision = clarion(repair(extra="[account]\nrent_arrears = 100.00\n"))
    settlement = decision.settlement
    assert settlement.credited_to_account == D("350.00")
    assert settlement.paid_to_customer == D("0.00")
    assert settlement.offset_against_debts == D("100.00")
    assert [(p.amount, p.to, p.against_debt) for p in settlement.parts] == [
        (D("100.00"), ACCOUNT, True),
        (D("250.00"), ACCOUNT, False),
    ]
    assert "credit balance" in settlement.parts[1].form


def test_5_1_arrears_with_evidenced_out_of_pocket_costs_are_paid_to_the_claimant():
    # £40 evidenced cleaning: £350 + £40 = £390, all paid to the claimant
    decision = clarion(
        repair(
            extra="[account]\nrent_arrears = 500.00\n"
            '[[costs]]\nkind = "cleaning"\namount = 40.00\nevidence = true\n'
        )
    )
    assert decision.settlement.paid_to_customer == D("390.00")
    assert decision.settlement.credited_to_account == D("0.00")


UNREIMBURSED = "readings.unreimbursed_cost_is_expense"
AS_EXPENSES = "readings.damaged_belongings_are_expenses"
ARREARS_TRAVEL = repair(
    extra='[account]\nrent_arrears = 500.00\n[[costs]]\nkind = "travel"\namount = 9.00\n'
)


def test_5_1_arrears_with_unevidenced_out_of_pocket_costs_are_paid_to_the_claimant():
    # the £9 travel was incurred, though not reimbursed (no evidence): by default
    # (readings.unreimbursed_cost_is_expense) it counts: £350 paid to the claimant
    decision = clarion(ARREARS_TRAVEL)
    assert decision.award.total == D("350.00")
    assert decision.settlement.paid_to_customer == D("350.00")
    assert UNREIMBURSED in notes_text(decision.settlement.notes)
    assert UNREIMBURSED in readings(decision)
    assert AS_EXPENSES not in readings(decision)


def test_5_1_unreimbursed_cost_not_read_as_an_expense_sends_the_award_onto_the_rent_account():
    # readings.unreimbursed_cost_is_expense=false: only a cost the award reimburses counts;
    # the £9 travel is not reimbursed, so "in arrears and you haven't incurred out of pocket
    # expenses": the whole £350 onto the rent account (£500 arrears: all of it against them)
    decision = clarion(ARREARS_TRAVEL, f"{UNREIMBURSED}=false")
    settlement = decision.settlement
    assert settlement.credited_to_account == D("350.00")
    assert settlement.paid_to_customer == D("0.00")
    assert settlement.offset_against_debts == D("350.00")
    assert "not read as out-of-pocket expenses" in notes_text(settlement.notes)
    assert UNREIMBURSED in readings(decision)


def _out_of_pocket(decision) -> list[str]:
    return [n.detail for n in decision.settlement.notes if "out-of-pocket" in n.detail]


def test_5_1_costs_not_read_as_expenses_are_named_in_the_one_rent_account_note():
    # readings.unreimbursed_cost_is_expense=false (a draft): the £9 travel was incurred but
    # is not counted, so the note on the rent account says so and why, in one note, instead
    # of "the claimant has no out-of-pocket expenses"
    decision = clarion(ARREARS_TRAVEL, f"{UNREIMBURSED}=false")
    assert _out_of_pocket(decision) == [
        "The rent account is £500.00 in arrears (rent arrears) and the claimant has incurred "
        "no out-of-pocket expenses as 5.1 is read here: the costs this award does not "
        "reimburse (travel) are not read as out-of-pocket expenses incurred as a direct "
        f"result of Clarion's actions (draft: {UNREIMBURSED} = false, only a cost the award "
        "reimburses counts): the whole award is paid directly onto the rent account; £350.00 "
        "of it clears arrears"
    ]
    # with a sofa the award pays for, not an expense by default: named in the same note
    both = clarion(
        ARREARS_SOFA + '[[costs]]\nkind = "travel"\namount = 9.00\n', f"{UNREIMBURSED}=false"
    )
    (note,) = _out_of_pocket(both)
    assert "(travel) are not read as out-of-pocket expenses" in note
    assert (
        "; nor are the damaged belongings it pays for (sofa), a loss, not money the claimant "
        f"has spent (assumption: {AS_EXPENSES}): the whole award is paid directly onto"
    ) in note
    assert "has no out-of-pocket expenses" not in notes_text(both.settlement.notes)


def test_5_1_note_on_the_rent_account_unchanged_on_the_default_readings():
    # no cost at all, or belongings only (not expenses by default): "has no out-of-pocket
    # expenses", and the belongings reading in a note of its own
    assert _out_of_pocket(clarion(repair(extra="[account]\nrent_arrears = 500.00\n"))) == [
        "The rent account is £500.00 in arrears (rent arrears) and the claimant has no "
        "out-of-pocket expenses: the whole award is paid directly onto the rent account; "
        "£350.00 of it clears arrears"
    ]
    first, second = _out_of_pocket(clarion(ARREARS_SOFA))
    assert "has no out-of-pocket expenses" in first
    assert second.startswith("The damaged belongings this award pays for (sofa) are a loss")


@pytest.mark.parametrize("arrears", ["0.00", "500.00"])
def test_5_1_reimbursed_cost_or_no_arrears_consults_no_reading_of_expenses(arrears):
    # an evidenced £40 cleaning is reimbursed (an expense on either reading), or the rent
    # account is not in arrears: £350 + £40 = £390 paid to the claimant, neither switch read
    toml = repair(
        extra=f"[account]\nrent_arrears = {arrears}\n"
        '[[costs]]\nkind = "cleaning"\namount = 40.00\nevidence = true\n'
        '[[costs]]\nkind = "travel"\namount = 9.00\n'
        '[[damaged_items]]\nitem = "sofa"\nreplacement_value = 0.01\n'
    )
    decision = clarion(toml, f"{UNREIMBURSED}=false", f"{AS_EXPENSES}=true")
    assert decision.settlement.paid_to_customer == D("390.01")
    assert UNREIMBURSED not in readings(decision)
    assert AS_EXPENSES not in readings(decision)


# A contractor damaged a sofa (value at the loss £400, new £500); rent arrears £1,000; the
# repair 8 days over target, moderate: band £350 + sofa £400 = £750.
ARREARS_SOFA = repair(
    extra="[account]\nrent_arrears = 1000.00\n"
    '[[damaged_items]]\nitem = "sofa"\nvalue_at_loss = 400.00\nreplacement_value = 500.00\n'
)


def test_5_1_damaged_belongings_are_not_out_of_pocket_expenses_by_default():
    # readings.damaged_belongings_are_expenses=false: the sofa is a loss, not money spent:
    # "in arrears and you haven't incurred out of pocket expenses": all £750 onto the rent
    # account, against the £1,000 arrears
    decision = clarion(ARREARS_SOFA)
    settlement = decision.settlement
    assert decision.award.total == D("750.00")
    assert settlement.credited_to_account == D("750.00")
    assert settlement.offset_against_debts == D("750.00")
    assert "damaged belongings this award pays for (sofa) are a loss" in notes_text(
        settlement.notes
    )
    assert AS_EXPENSES in readings(decision)


def test_5_1_damaged_belongings_read_as_expenses_pay_the_award_to_the_claimant():
    # readings.damaged_belongings_are_expenses=true: the £400 sofa is money out of pocket:
    # the whole £750 is paid to the claimant, nothing onto the rent account
    decision = clarion(ARREARS_SOFA, f"{AS_EXPENSES}=true")
    assert decision.settlement.paid_to_customer == D("750.00")
    assert decision.settlement.credited_to_account == D("0.00")
    assert AS_EXPENSES in notes_text(decision.settlement.notes)


def test_5_1_belongings_reading_consulted_only_when_the_costs_do_not_decide():
    # the sofa beside the £9 unevidenced travel: by default the travel counts, so the award
    # (£750) goes to the claimant and the belongings reading is not consulted; with the
    # travel not read as an expense, the belongings reading decides (default: onto the account)
    toml = ARREARS_SOFA + '[[costs]]\nkind = "travel"\namount = 9.00\n'
    default = clarion(toml)
    assert default.settlement.paid_to_customer == D("750.00")
    assert AS_EXPENSES not in readings(default)
    flipped = clarion(toml, f"{UNREIMBURSED}=false")
    assert flipped.settlement.credited_to_account == D("750.00")
    assert [p for p in readings(flipped) if "expense" in p] == [UNREIMBURSED, AS_EXPENSES]


def test_5_1_refused_belongings_consult_no_reading():
    # the sofa insured (for the claimant's contents insurance, 4.4): £0 for it, £350 band onto
    # the rent account; no belongings paid, so nothing to read
    decision = clarion(
        ARREARS_SOFA.replace("value_at_loss = 400.00", "value_at_loss = 400.00\ninsured = true")
    )
    assert decision.settlement.credited_to_account == D("350.00")
    assert AS_EXPENSES not in readings(decision)


def test_5_1_time_off_work_is_not_an_out_of_pocket_expense():
    # loss of earnings only: the £350 award goes onto the rent account (£500 arrears)
    decision = clarion(
        repair(
            extra="[account]\nrent_arrears = 500.00\n"
            '[[costs]]\nkind = "time-off-work"\namount = 80.00\nevidence = true\n'
        )
    )
    assert decision.settlement.credited_to_account == D("350.00")


def test_5_1_other_arrears_are_not_the_rent_account():
    # service charge arrears and other debts only: the rent account is not in arrears
    decision = clarion(
        repair(extra="[account]\nservice_charge_arrears = 200.00\nother_debts = 50.00\n")
    )
    assert decision.settlement.paid_to_customer == D("350.00")
    assert decision.settlement.credited_to_account == D("0.00")


@pytest.mark.parametrize("arrears", ["0.01", "100.00", "923.44", "923.45", "923.46", "9999.00"])
def test_5_1_whole_award_onto_the_rent_account_the_debt_part_capped_at_the_arrears(arrears):
    # £800 band + £123.45 table = £923.45, no expenses, rent account in arrears: the whole
    # £923.45 is credited; the part set against the arrears is min(arrears, £923.45); the other
    # debts (£20) are not the rent account and take nothing
    decision = clarion(
        repair(
            "considerable",
            f"[account]\nrent_arrears = {arrears}\nother_debts = 20.00\n"
            '[[damaged_items]]\nitem = "table"\nreplacement_value = 123.45\n',
        )
    )
    settlement = decision.settlement
    assert decision.award.total == D("923.45")
    assert settlement.credited_to_account == D("923.45")
    assert settlement.paid_to_customer == D("0.00")
    assert settlement.offset_against_debts == min(D(arrears), D("923.45"))


def test_5_1_no_rent_arrears_pays_everything_to_the_claimant():
    # other debts £20 only: the rent account is not in arrears -> all £350 paid
    decision = clarion(repair(extra="[account]\nrent_arrears = 0.00\nother_debts = 20.00\n"))
    assert decision.settlement.paid_to_customer == D("350.00")
    assert decision.settlement.offset_against_debts == D("0.00")


def test_5_1_service_charge_arrears_are_not_the_rent_account_by_default():
    # service charge arrears £200 only, rent up to date: paid to the claimant, £350
    toml = repair(extra="[account]\nservice_charge_arrears = 200.00\n")
    decision = clarion(toml)
    assert decision.settlement.paid_to_customer == D("350.00")
    assert [r.path for r in decision.readings] == ["readings.service_charge_on_rent_account"]


def test_5_1_service_charge_on_the_rent_account_switch_credits_the_whole_award():
    # readings.service_charge_on_rent_account=true: the £200 service charge arrears are rent
    # account arrears -> all £350 onto the account, £200 against the arrears, £150 credit
    toml = repair(extra="[account]\nservice_charge_arrears = 200.00\n")
    decision = clarion(toml, "readings.service_charge_on_rent_account=true")
    settlement = decision.settlement
    assert settlement.credited_to_account == D("350.00")
    assert settlement.paid_to_customer == D("0.00")
    assert settlement.offset_against_debts == D("200.00")


def test_6_6_payment_within_28_days_of_the_award_confirmed():
    # award confirmed 4 May 2026 + 28 days = 1 Jun 2026 (published: the date is given); the
    # offer on 1 May is not used
    toml = repair().replace(
        "claimed = 2026-03-02",
        "claimed = 2026-03-02\noffer_made = 2026-05-01\naward_confirmed = 2026-05-04",
    )
    decision = clarion(toml)
    due = {d.name.split(" (")[0]: d for d in decision.deadlines}["Payment due"]
    assert due.date == date(2026, 6, 1)
    assert due.basis == "published"
    assert "2026-06-01" in notes_text(decision.settlement.notes)


def test_6_6_without_award_confirmed_the_offer_stands_in_marked_assumption():
    # no award_confirmed: the offer (1 May 2026) stands in: 1 May + 28 days = 29 May 2026
    toml = repair().replace("claimed = 2026-03-02", "claimed = 2026-03-02\noffer_made = 2026-05-01")
    decision = clarion(toml)
    due = {d.name.split(" (")[0]: d for d in decision.deadlines}["Payment due"]
    assert due.date == date(2026, 5, 29)
    assert due.basis == "assumption"
    assert "stand-in" in due.name
    assert "2026-05-29" in notes_text(decision.settlement.notes)


def test_6_6_no_confirmation_or_offer_date_gives_no_payment_deadline():
    names = [d.name for d in clarion(repair()).deadlines]
    assert not any(n.startswith("Payment due") for n in names)


# ---------------------------------------------------------------- 5.1 for any valid scenario


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(claim=scenarios())
def test_5_1_settlement_for_any_scenario(claim):
    # paid + credited = total; the part set against debts never above the rent arrears; in
    # arrears with no out-of-pocket expenses the whole award is credited, otherwise all paid
    decision = decide("clarion", claim)
    settlement, total = decision.settlement, decision.award.total
    assert settlement.paid_to_customer + settlement.credited_to_account == total
    assert settlement.offset_against_debts <= claim.account.rent_arrears
    expenses = [c for c in claim.costs if c.kind != "time-off-work" and c.amount > 0]
    if claim.account.rent_arrears > 0 and not expenses:
        assert settlement.credited_to_account == total
        assert settlement.offset_against_debts == min(total, claim.account.rent_arrears)
    else:
        assert settlement.paid_to_customer == total


# ---------------------------------------------------------------- any valid scenario


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(claim=scenarios())
def test_6_5_worse_distress_never_lowers_the_award_of_any_scenario(claim):
    # compared on the award the claim would have without exclusions, so that excluded draws
    # (most of them) still test the band; the events show how many draws move the award
    totals = [
        decide(
            "clarion", attrs.evolve(claim, failure=attrs.evolve(claim.failure, distress=level))
        ).award_if_not_excluded.total
        for level in ("none", "minimal", "moderate", "considerable", "severe")
    ]
    event("distress changes the award" if len(set(totals)) > 1 else "award unchanged by distress")
    assert totals == sorted(totals)


# ---------------------------------------------------------------- deadlines (6.2, 6.6, 6.8)


def test_6_2_6_6_6_8_deadlines_claim_window_payment_and_appeal_across_easter():
    decision = decide(
        "clarion",
        scenario("""
            [failure]
            kind = "missed-appointment"
            distress = "minimal"
            [dates]
            occurred = 2026-02-27
            claimed = 2026-03-02
            offer_made = 2026-03-27
        """),
    )
    found = {d.name.split(" (")[0]: d for d in decision.deadlines}
    # 6.2: six months from the event, the missed appointment on 27 Feb 2026 -> 27 Aug 2026
    assert found["Claim window"].date == date(2026, 8, 27)
    # 6.8: 20 working days from Fri 27 Mar 2026, skipping Good Friday (3 Apr) and Easter
    # Monday (6 Apr): 30, 31 Mar, 1, 2, 7, 8, 9, 10, 13-17, 20-24, 27, 28 Apr -> 28 Apr
    assert found["Appeal window"].date == date(2026, 4, 28)
    # 6.6: 28 days after the award is confirmed (the offer stands in) -> 24 Apr 2026
    assert found["Payment due"].date == date(2026, 4, 24)
    assert {d.basis for d in (found["Appeal window"], found["Payment due"])} == {"assumption"}
