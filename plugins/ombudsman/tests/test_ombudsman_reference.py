"""The Housing Ombudsman reference: its guidance's rules as cases, each figure worked by hand
(the compensation guidance 2026's five categories and specific sums; the remedies bands; the
Complaint Handling Code's limits; the Right to Repair payment), and each fitted factor."""

from decimal import Decimal as D

import pytest
from compsim_ombudsman.plugin import (
    IMPACT,
    LOSS_OF_USE,
    QUANTIFIABLE,
    SPECIFIC,
    STATUTORY,
    UNQUANTIFIABLE,
)

from compsim.testing import decide, scenario
from compsim.testing.contract import PolicyContract


class TestContract(PolicyContract):
    landlord = "ombudsman"


def ombudsman(toml: str = "", sets=()):
    return decide("ombudsman", scenario(toml), sets)


# The ranges as the guidance's bands and the loss-of-use multiples give them, before reference
# v8 widens the judgement categories' ranges (range.widen, tested at the end of this file).
V7_RANGES = "ombudsman.range.widen=1"


def readings(decision) -> dict:
    return {r.path: r.value for r in decision.readings}


def by_category(decision) -> dict[str, D]:
    totals: dict[str, D] = {}
    for item in decision.award.items:
        totals[item.category] = totals.get(item.category, D("0")) + item.amount
    return totals


def loss(amenities: list[str], claimed: str = "2026-04-20", distress: str = "none") -> str:
    tables = "".join(f'[[amenities_lost]]\namenity = "{a}"\n' for a in amenities)
    return f"""
[failure]
kind = "loss-of-amenity"
distress = "{distress}"
[dates]
occurred = 2026-04-01
repair_target = 2026-04-03
resolved = 2026-04-13
claimed = {claimed}
{tables}"""


# ------------------------------------------------ (4) specific sums (from 1 April 2026)
# Lost 1 Apr, repair target 3 Apr, restored 13 Apr: days run from the target (the assumption
# parameter's default) to the restoration, that day not counted: 3 .. 12 April = 10 days.
# No rent is given, so no loss of use; no distress, so no impact.


def test_heating_and_hot_water_fifteen_pounds_a_day():
    decision = ombudsman(loss(["heating", "hot-water"]))
    assert by_category(decision) == {SPECIFIC: D("150.00")}  # 10 x £15


@pytest.mark.parametrize("amenity", ["heating", "hot-water"])
def test_one_of_heating_or_hot_water_eight_pounds_a_day(amenity):
    assert ombudsman(loss([amenity])).award.total == D("80.00")  # 10 x £8


def test_power_ten_pounds_a_day():
    assert ombudsman(loss(["electricity"])).award.total == D("100.00")  # 10 x £10


def test_lighting_only_ten_pounds_a_week_pro_rata():
    # 10 days at £10 a week: £10 x 10 / 7 = £14.2857... -> £14.29
    assert ombudsman(loss(["lighting"])).award.total == D("14.29")


def test_lighting_lost_with_power_is_paid_as_power_only():
    assert ombudsman(loss(["lighting", "electricity"])).award.total == D("100.00")


def test_several_missed_appointments_fifteen_pounds_each():
    decision = ombudsman(
        '[failure]\nkind = "missed-appointment"\ndistress = "none"\n'
        "missed_appointments = 3\n[dates]\noccurred = 2026-04-07\n"
        "claimed = 2026-04-20"
    )
    assert by_category(decision) == {SPECIFIC: D("45.00")}  # 3 x £15


def test_days_from_the_start_of_the_loss_when_set():
    # 1 .. 12 April = 12 days x £15 = £180
    decision = ombudsman(
        loss(["heating", "hot-water"]), sets=["ombudsman.period.from=start-of-loss"]
    )
    assert decision.award.total == D("180.00")


def test_specific_sums_rest_on_the_date_reading_so_they_are_marked():
    decision = ombudsman(loss(["heating", "hot-water"]))
    assert {i.basis for i in decision.award.items} == {"assumption"}
    assert "ombudsman.specific_sums.applies_by" in str(decision.readings) or any(
        r.path == "specific_sums.applies_by" for r in decision.readings
    )


# ------------------------------------------------ the date the specific sums apply from (a switch)
# Heating and hot water lost 20 March 2026, no repair target, back 10 April, claimed 15 April:
# 20 March .. 9 April = 21 days.
SPANS_1_APRIL = """
[failure]
kind = "loss-of-amenity"
distress = "none"
[dates]
occurred = 2026-03-20
resolved = 2026-04-10
claimed = 2026-04-15
[[amenities_lost]]
amenity = "heating"
[[amenities_lost]]
amenity = "hot-water"
"""


def test_claim_date_reading_counts_every_day_of_a_claim_after_1_april():
    assert ombudsman(SPANS_1_APRIL).award.total == D("315.00")  # 21 x £15


def test_days_of_loss_reading_counts_only_days_from_1_april():
    sets = ["ombudsman.specific_sums.applies_by=days-of-loss"]
    assert ombudsman(SPANS_1_APRIL, sets).award.total == D("135.00")  # 1 .. 9 April, 9 x £15


BEFORE_1_APRIL_DECIDED_AFTER = """
[failure]
kind = "loss-of-amenity"
distress = "none"
[dates]
occurred = 2026-03-01
resolved = 2026-03-20
claimed = 2026-03-25
[[amenities_lost]]
amenity = "heating"
[[amenities_lost]]
amenity = "hot-water"
[source]
decided = 2026-05-01
finding = "service-failure"
ordered = 100.00
"""


def test_a_claim_before_1_april_has_no_specific_sums_by_the_claim_date():
    decision = ombudsman(BEFORE_1_APRIL_DECIDED_AFTER)
    assert decision.award.total == D("0.00")
    assert any("so none is due" in note.detail for note in decision.award.notes)


def test_decision_date_reading_applies_them_to_a_case_decided_after_1_april():
    sets = ["ombudsman.specific_sums.applies_by=decision-date"]
    # 1 .. 19 March = 19 days x £15
    assert ombudsman(BEFORE_1_APRIL_DECIDED_AFTER, sets).award.total == D("285.00")


def test_a_claim_on_31_march_2026_has_no_specific_sums():
    toml = loss(["heating", "hot-water"], claimed="2026-03-31").replace(
        "occurred = 2026-04-01\nrepair_target = 2026-04-03\nresolved = 2026-04-13",
        "occurred = 2026-03-01\nrepair_target = 2026-03-03\nresolved = 2026-03-13",
    )
    assert ombudsman(toml).award.total == D("0.00")


# ------------------------------------------------ long losses (a switch)
# Heating and hot water lost a whole year from 1 April 2026: 365 days.
A_YEAR = """
[household]
weekly_rent = 100.00
[failure]
kind = "loss-of-amenity"
distress = "none"
[dates]
occurred = 2026-04-01
resolved = 2027-04-01
claimed = 2026-05-01
[[amenities_lost]]
amenity = "heating"
[[amenities_lost]]
amenity = "hot-water"
"""


def test_long_loss_per_day_as_published():
    assert ombudsman(A_YEAR).award.total == D("5475.00")  # 365 x £15


def test_long_loss_capped_at_the_rent_for_the_period():
    sets = ["ombudsman.specific_sums.long_loss=capped-at-rent"]
    # £100 x 365 / 7 = £5,214.2857 -> £5,214.29, below 365 x £15
    assert ombudsman(A_YEAR, sets).award.total == D("5214.29")


# ------------------------------------------------ (3) loss of use: a share of the rent

KITCHEN = """
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
[[amenities_lost]]
amenity = "kitchen"
"""


def test_loss_of_a_room_is_a_share_of_the_rent_for_the_days_past_the_target():
    # 19 Jan .. 22 Feb = 35 days; £105 x 35 / 7 = £525; kitchen 25% = £131.25
    # range 0.25x to 3x: £32.8125 -> £32.81 to £393.75
    decision = ombudsman(KITCHEN, [V7_RANGES])
    assert by_category(decision) == {LOSS_OF_USE: D("131.25")}
    assert (decision.award.min, decision.award.max) == (D("32.81"), D("393.75"))


def test_loss_of_use_follows_the_rent():
    double = ombudsman(KITCHEN.replace("105.00", "210.00"))
    assert by_category(double)[LOSS_OF_USE] == D("262.50")


def test_a_failure_of_the_home_with_no_room_listed_takes_a_share_by_how_badly():
    # repair delay, moderate, reported 1 Jan 2025, put right 1 Jul 2025: 181 days;
    # £70 x 181 / 7 = £1,810 x 5% = £90.50
    decision = ombudsman(
        '[household]\nweekly_rent = 70.00\n[failure]\nkind = "repair-delay"\n'
        'distress = "moderate"\n[dates]\noccurred = 2025-01-01\nresolved = 2025-07-01\n'
        "claimed = 2025-07-10"
    )
    assert by_category(decision)[LOSS_OF_USE] == D("90.50")


# ------------------------------------------------ (3) long losses of the home: the taper (fitted)


def home_failure(distress: str, occurred: str, resolved: str, rent: str = "70.00") -> str:
    return (
        f'[household]\nweekly_rent = {rent}\n[failure]\nkind = "repair-delay"\n'
        f'distress = "{distress}"\n[dates]\noccurred = {occurred}\nresolved = {resolved}\n'
        f"claimed = {resolved}"
    )


THREE_YEARS = home_failure("moderate", "2022-01-01", "2025-01-01")  # 1,096 days


def test_loss_of_use_of_the_home_stops_growing_after_52_weeks_as_fitted_in_v7():
    # v7 (full_weeks 52, later_share 0; v4: 0.50; v3: 104 weeks, then nothing): 1 Jan 2022 ..
    # 31 Dec 2024 = 1,096 days; the first 52 weeks (364 days) at 5%: £70 x 364 / 7 = £3,640 x
    # 5% = £182.00; the 732 later days at none of it: £182.00; four years the same
    decision = ombudsman(THREE_YEARS)
    assert by_category(decision)[LOSS_OF_USE] == D("182.00")
    assert "the 732 days after the first 52 weeks at 0% of that share" in (
        decision.award.items[0].label
    )
    four_years = ombudsman(home_failure("moderate", "2021-01-01", "2025-01-01"))
    assert by_category(four_years)[LOSS_OF_USE] == D("182.00")


def test_loss_of_use_of_the_home_grows_at_half_its_share_after_52_weeks_as_fitted_in_v4():
    # v4's later share, 0.50: the 732 later days at half of it: £70 x 732 / 7 = £7,320 x 5% x
    # 0.5 = £183.00; £365.00. Four years, 1 Jan 2021 .. 31 Dec 2024 = 1,461 days: £182.00 + £70
    # x 1,097 / 7 = £10,970 x 5% x 0.5 = £274.25: £456.25 (it still grows)
    half = ["ombudsman.loss_of_use.later_share=0.50"]
    assert by_category(ombudsman(THREE_YEARS, half))[LOSS_OF_USE] == D("365.00")
    four_years = ombudsman(home_failure("moderate", "2021-01-01", "2025-01-01"), half)
    assert by_category(four_years)[LOSS_OF_USE] == D("456.25")


def test_later_days_count_at_the_later_share():
    # later_share 0: a cap at the first 52 weeks, £182.00; v3's taper (104 weeks, then 0):
    # £70 x 728 / 7 = £7,280 x 5% = £364.00; 104 weeks then 0.5: + £70 x 368 / 7 = £3,680 x 5%
    # x 0.5 = £92.00 -> £456.00
    capped = ombudsman(THREE_YEARS, ["ombudsman.loss_of_use.later_share=0"])
    assert by_category(capped)[LOSS_OF_USE] == D("182.00")
    v3 = ["ombudsman.loss_of_use.full_weeks=104", "ombudsman.loss_of_use.later_share=0"]
    assert by_category(ombudsman(THREE_YEARS, v3))[LOSS_OF_USE] == D("364.00")
    half = ["ombudsman.loss_of_use.full_weeks=104", "ombudsman.loss_of_use.later_share=0.5"]
    assert by_category(ombudsman(THREE_YEARS, half))[LOSS_OF_USE] == D("456.00")


def test_a_tapered_item_is_marked_draft_when_the_taper_is_a_draft():
    """The tapered figure rests on full_weeks and later_share: a draft of either makes it a
    draft figure; without one it is an assumption (both are fitted assumptions)."""
    (item,) = [i for i in ombudsman(THREE_YEARS).award.items if i.category == LOSS_OF_USE]
    assert item.basis == "assumption"
    for setting in ("loss_of_use.later_share=0.25", "loss_of_use.full_weeks=104"):
        decision = ombudsman(THREE_YEARS, [f"ombudsman.{setting}"])
        (item,) = [i for i in decision.award.items if i.category == LOSS_OF_USE]
        assert item.basis == "draft", setting


def test_a_home_failure_of_52_weeks_or_less_is_not_tapered():
    # 1 Jan 2024 to 30 Dec 2024 (a leap year) = 364 days, exactly 52 weeks: £70 x 364 / 7 =
    # £3,640 x 5% = £182.00, not tapered; to 31 Dec, 365 days: £182.00 + the one later day at
    # half the share (v4's later share), £10 x 5% x 0.5 = £0.25: £182.25, tapered (v3 counted
    # it in full, £182.50); at v7's later share, 0: £182.00, tapered
    half = ["ombudsman.loss_of_use.later_share=0.50"]
    exactly = ombudsman(home_failure("moderate", "2024-01-01", "2024-12-30"), half)
    assert by_category(exactly)[LOSS_OF_USE] == D("182.00")
    assert "after the first" not in exactly.award.items[0].label
    longer = ombudsman(home_failure("moderate", "2024-01-01", "2024-12-31"), half)
    assert by_category(longer)[LOSS_OF_USE] == D("182.25")
    assert "the 1 days after the first 52 weeks at 50% of that share" in longer.award.items[0].label
    v7 = ombudsman(home_failure("moderate", "2024-01-01", "2024-12-31"))
    assert by_category(v7)[LOSS_OF_USE] == D("182.00")
    assert "the 1 days after the first 52 weeks at 0% of that share" in v7.award.items[0].label


LONG_KITCHEN = """
[household]
weekly_rent = 70.00
[failure]
kind = "loss-of-room"
distress = "none"
[dates]
occurred = 2022-01-01
resolved = 2025-01-01
claimed = 2025-01-01
[[amenities_lost]]
amenity = "kitchen"
"""


def test_a_lost_room_counts_every_day_unless_read_otherwise():
    # 1,096 days: £70 x 1,096 / 7 = £10,960 x 25% = £2,740.00 (the taper is for the home)
    decision = ombudsman(LONG_KITCHEN)
    assert by_category(decision)[LOSS_OF_USE] == D("2740.00")
    assert any(r.path == "loss_of_use.taper_applies_to" for r in decision.readings)
    # the other reading: 364 days at 25%: £3,640 x 25% = £910.00; the 732 later days at none
    # of it (v7's later share, 0): £910.00; at v4's half: + £7,320 x 25% x 0.5 = £915.00,
    # £1,825.00
    taper = "ombudsman.loss_of_use.taper_applies_to=all"
    assert by_category(ombudsman(LONG_KITCHEN, [taper]))[LOSS_OF_USE] == D("910.00")
    half = [taper, "ombudsman.loss_of_use.later_share=0.50"]
    assert by_category(ombudsman(LONG_KITCHEN, half))[LOSS_OF_USE] == D("1825.00")


def test_a_draft_minus_zero_range_end_is_shown_as_given_after_a_zero_was_worked_out():
    # The loss-of-use item is remembered by its figures; a draft is worked out afresh, as -0
    # equals 0 but prints "-0": the kitchen's £2,740.00 times a low end of 0 is £0.00, of -0
    # is -0.00 (as the user gave it)
    zero = ombudsman(LONG_KITCHEN, ["ombudsman.loss_of_use.range_low=0"])
    minus_zero = ombudsman(LONG_KITCHEN, ["ombudsman.loss_of_use.range_low=-0"])
    lows = [
        str(item.low)
        for decision in (zero, minus_zero)
        for item in decision.award.items
        if item.category == LOSS_OF_USE
    ]
    assert lows == ["0.00", "-0.00"]


def test_the_home_shares_never_fall_as_distress_worsens_as_fitted_in_v7():
    # v7 (v4: severe 10% below considerable 15%, which paid severe distress less at a high
    # rent): 181 days (1 Jan .. 30 Jun 2025): £70 x 181 / 7 = £1,810; moderate 5% = £90.50;
    # considerable and severe 20% = £362.00
    shares = {
        distress: by_category(ombudsman(home_failure(distress, "2025-01-01", "2025-07-01")))[
            LOSS_OF_USE
        ]
        for distress in ("moderate", "considerable", "severe")
    }
    assert shares == {"moderate": D("90.50"), "considerable": D("362.00"), "severe": D("362.00")}


def test_no_rent_no_loss_of_use():
    assert LOSS_OF_USE not in by_category(ombudsman(KITCHEN.replace("105.00", "0")))


# ------------------------------------------------ (5) impact: bands, duration, severity


@pytest.mark.parametrize(
    ("distress", "low", "high", "figure"),
    [
        ("minimal", "50.00", "100.00", "75.00"),  # minor failure, midpoint
        ("moderate", "100.00", "600.00", "350.00"),  # adversely affected
        ("considerable", "600.00", "1000.00", "800.00"),  # significant impact
    ],
)
def test_remedies_bands_are_ranges_with_the_midpoint_as_the_figure(distress, low, high, figure):
    # a communication failure on the day it happened: no length, no loss of use
    decision = ombudsman(
        f'[failure]\nkind = "communication"\ndistress = "{distress}"\n'
        "[dates]\noccurred = 2026-03-02\nclaimed = 2026-03-02",
        [V7_RANGES],
    )
    assert (decision.award.min, decision.award.max) == (D(low), D(high))
    assert decision.award.total == D(figure)
    assert decision.award.items[0].basis == "assumption"
    assert decision.award.items[0].category == IMPACT


SEVERE_TODAY = (
    '[failure]\nkind = "communication"\ndistress = "severe"\n'
    "[dates]\noccurred = 2026-03-02\nclaimed = 2026-03-02"
)


def test_severe_maladministration_has_a_computed_top_of_two_thousand_as_fitted_in_v3():
    # "£1,000 and over": the top read as £2,000 (bands.severe.top, v3; v2 set £3,000), the
    # figure its midpoint: £1,000 + 0.50 x (£2,000 - £1,000) = £1,500
    decision = ombudsman(SEVERE_TODAY, [V7_RANGES])
    assert (decision.award.min, decision.award.total, decision.award.max) == (
        D("1000.00"),
        D("1500.00"),
        D("2000.00"),
    )


def test_the_severe_top_scales_with_persistence():
    # persistent: x1.5 -> £1,000 x 1.5 = £1,500, £1,500 x 1.5 = £2,250, £2,000 x 1.5 = £3,000
    decision = ombudsman(
        SEVERE_TODAY.replace('"severe"', '"severe"\npersistent = true'), [V7_RANGES]
    )
    assert (decision.award.min, decision.award.total, decision.award.max) == (
        D("1500.00"),
        D("2250.00"),
        D("3000.00"),
    )


def found(finding: str, distress: str = "moderate") -> str:
    """A communication failure on the day it happened (no length, no loss of use), with the
    Ombudsman's finding given."""
    return (
        f'[failure]\nkind = "communication"\ndistress = "{distress}"\n'
        f'ombudsman_finding = "{finding}"\n'
        "[dates]\noccurred = 2026-03-02\nclaimed = 2026-03-02"
    )


FLOOR = "impact.finding.severe-maladministration"
READ_AS = "impact.finding_distress.severe-maladministration"


def test_a_severe_finding_sets_no_band_floor_by_default_as_fitted_in_v6_and_v7():
    # v6 and v7: no band floor beat none on the fit cases. With v7's distress read also off,
    # moderate distress stays in the adversely-affected band (£100 to £600, figure £350), and
    # the band floor's switch is recorded
    off = [f"ombudsman.{READ_AS}=none"]
    decision = ombudsman(found("severe-maladministration"), [*off, V7_RANGES])
    assert (decision.award.min, decision.award.total, decision.award.max) == (
        D("100.00"),
        D("350.00"),
        D("600.00"),
    )
    assert readings(decision)[FLOOR] == "none"
    assert "no floor under the band" in decision.impact.notes[-1].detail


def test_a_severe_finding_reads_moderate_distress_as_considerable_by_default_as_fitted_in_v7():
    # v7: the significant band, £600 to £1,000, figure £800 (no length, no loss of use), an
    # assumption; the note names the reading
    decision = ombudsman(found("severe-maladministration"), [V7_RANGES])
    assert (decision.award.min, decision.award.total, decision.award.max) == (
        D("600.00"),
        D("800.00"),
        D("1000.00"),
    )
    assert decision.impact.basis == "assumption"
    assert readings(decision)[READ_AS] == "considerable"
    assert "distress read as considerable, not moderate as given" in decision.impact.notes[0].detail


def test_a_severe_finding_read_as_the_guidance_band_raises_moderate_distress_to_it():
    # the alternative reading (v5): the guidance's band for severe maladministration, £1,000
    # and over, top £2,000, figure £1,500; the item is the user's draft (the switch was set)
    decision = ombudsman(
        found("severe-maladministration"), [f"ombudsman.{FLOOR}=severe", V7_RANGES]
    )
    assert (decision.award.min, decision.award.total, decision.award.max) == (
        D("1000.00"),
        D("1500.00"),
        D("2000.00"),
    )
    assert decision.impact.level == "Severe maladministration"
    assert decision.impact.basis == "draft"
    assert decision.award.items[0].basis == "draft"
    assert "raises the band" in decision.impact.notes[-1].detail


def test_the_floor_never_lowers_the_band_distress_gives():
    # severe distress is already the severe band: a floor of significant changes nothing
    # (£1,500); considerable distress under a floor of significant stays £800
    sets = [f"ombudsman.{FLOOR}=significant"]
    assert ombudsman(found("severe-maladministration", "severe"), sets).award.total == D("1500.00")
    assert ombudsman(found("severe-maladministration", "considerable"), sets).award.total == D(
        "800.00"
    )


@pytest.mark.parametrize("finding", ["service-failure", "maladministration"])
def test_the_guidance_names_no_band_for_other_findings_so_distress_decides(finding):
    # even with the floor set to severe, a lesser finding leaves moderate distress at £350
    # (its own ceiling, v9, off), never consults the switch, and says why in a note
    ceiling_off = f"ombudsman.impact.finding_distress.{finding}=none"
    decision = ombudsman(found(finding), [f"ombudsman.{FLOOR}=severe", ceiling_off])
    assert decision.award.total == D("350.00")
    assert FLOOR not in readings(decision)
    assert "names no band" in decision.impact.notes[-1].detail


def test_a_band_chosen_by_a_drafted_distress_reading_is_marked_draft():
    # moderate distress set to the significant band: £600 to £1,000, figure £800, resting on
    # the user's draft (it was marked "assumption" before v5's change: the band's item looked
    # only at the band's own parameters, not at the reading that chose the band)
    decision = ombudsman(
        communication("2026-03-02", "2026-03-02"),
        ["ombudsman.impact.distress.moderate=significant"],
    )
    assert decision.award.total == D("800.00")
    assert decision.award.items[0].basis == "draft"


def test_a_scenario_without_a_finding_never_consults_the_switch():
    decision = ombudsman(communication("2026-03-02", "2026-03-02"), [f"ombudsman.{FLOOR}=severe"])
    assert decision.award.total == D("350.00")
    assert FLOOR not in readings(decision)


def test_the_landlords_do_not_read_the_finding():
    toml = found("severe-maladministration")
    plain = toml.replace('ombudsman_finding = "severe-maladministration"\n', "")
    for landlord in ("alliance", "clarion", "star", "twenty11"):
        with_it, without = decide(landlord, scenario(toml)), decide(landlord, scenario(plain))
        assert with_it == without, landlord


def found_at_home(finding: str, distress: str = "moderate") -> str:
    """181 days without the home put right (1 Jan .. 30 Jun 2025, £70 a week: £1,810 of rent),
    with the Ombudsman's finding given."""
    return home_failure(distress, "2025-01-01", "2025-07-01").replace(
        f'distress = "{distress}"', f'distress = "{distress}"\nombudsman_finding = "{finding}"'
    )


def test_a_severe_finding_read_as_considerable_distress_raises_the_band_and_the_loss_of_use():
    # v7's reading: moderate distress read as considerable. Loss of use: £1,810 at the
    # considerable share, 20% = £362.00 (moderate's 5% would be £90.50). Impact: the significant
    # band, £600 to £1,000, midpoint £800, x (1 + 0.10 x 181 / 365.25) = x1.049555 = £839.64,
    # range £629.73 to £1,049.56; loss of use 25% to 300% of its figure: £90.50 to £1,086.00;
    # the award £720.23 to £2,135.56. Set by the user, so both items are the user's draft
    decision = ombudsman(
        found_at_home("severe-maladministration"),
        [f"ombudsman.{READ_AS}=considerable", V7_RANGES],
    )
    assert by_category(decision) == {LOSS_OF_USE: D("362.00"), IMPACT: D("839.64")}
    assert (decision.award.min, decision.award.max) == (D("720.23"), D("2135.56"))
    assert decision.impact.level == "Significant impact"
    assert "distress read as considerable, not moderate as given" in decision.impact.notes[0].detail
    assert "read so under the Ombudsman's finding" in decision.award.items[0].label
    # both items rest on the switch the user set
    assert decision.impact.basis == "draft"
    assert [item.basis for item in decision.award.items] == ["draft", "draft"]
    assert readings(decision)[READ_AS] == "considerable"


def test_the_distress_read_under_a_severe_finding_never_lowers_the_distress_given():
    # severe distress stays severe under a floor of considerable: the severe band, £1,000 to
    # £2,000, figure £1,500 x 1.049555 = £1,574.33 (considerable's would be £839.64); the loss
    # of use £1,810 at the severe share, 20% = £362.00, an assumption (the switch did not move it)
    decision = ombudsman(found_at_home("severe-maladministration", "severe"))
    assert by_category(decision) == {LOSS_OF_USE: D("362.00"), IMPACT: D("1574.33")}
    assert decision.award.items[0].basis == "assumption"
    assert not any("not severe as given" in note.detail for note in decision.impact.notes)


def test_the_distress_read_is_not_raised_when_off_or_for_a_lesser_finding():
    # read as none (v4 to v6), and for a lesser finding, moderate stays moderate: 5% = £90.50
    plain = ombudsman(found_at_home("severe-maladministration"), [f"ombudsman.{READ_AS}=none"])
    assert by_category(plain)[LOSS_OF_USE] == D("90.50")
    assert readings(plain)[READ_AS] == "none"
    sets = [f"ombudsman.{READ_AS}=severe", *CEILINGS_OFF]
    for finding in ("service-failure", "maladministration", "not-given"):
        lesser = ombudsman(found_at_home(finding), sets)
        assert by_category(lesser)[LOSS_OF_USE] == D("90.50"), finding
        assert READ_AS not in readings(lesser), finding


CEILINGS_OFF = [
    f"ombudsman.impact.finding_distress.{finding}=none"
    for finding in ("service-failure", "maladministration")
]


def test_v9_a_service_failure_finding_reads_at_most_minimal_distress_by_default():
    # moderate distress read as minimal: the minor band, £50 to £100, midpoint £75, x1.049555
    # over 181 days = £78.72; the home's share at minimal distress is 0%, so no loss of use
    # (moderate's 5% would be £90.50); the impact rests on the fitted switch, an assumption
    decision = ombudsman(found_at_home("service-failure"))
    assert by_category(decision) == {IMPACT: D("78.72")}
    assert decision.impact.level == "Minor failure"
    assert "distress read as minimal, not moderate as given" in decision.impact.notes[0].detail
    assert readings(decision)["impact.finding_distress.service-failure"] == "minimal"
    assert decision.impact.basis == "assumption"


def test_v9_a_maladministration_finding_reads_at_most_moderate_distress_by_default():
    # considerable distress read as moderate: the adversely-affected band, £100 to £600,
    # midpoint £350 x1.049555 = £367.34; the home at moderate's 5% of £1,810 = £90.50
    # (considerable's 20% would be £362.00)
    decision = ombudsman(found_at_home("maladministration", "considerable"))
    assert by_category(decision) == {LOSS_OF_USE: D("90.50"), IMPACT: D("367.34")}
    assert "read so under the Ombudsman's finding of maladministration" in (
        decision.award.items[0].label
    )


def test_v9_a_ceiling_never_raises_the_distress_given():
    # minimal distress under a maladministration finding (ceiling moderate) stays minimal: the
    # minor band, £75 x1.049555 = £78.72, and no note that distress was read otherwise
    decision = ombudsman(found_at_home("maladministration", "minimal"))
    assert by_category(decision) == {IMPACT: D("78.72")}
    assert not any("not minimal as given" in note.detail for note in decision.impact.notes)


def test_v9_a_drafted_ceiling_is_marked_draft_and_none_reads_distress_as_given():
    drafted = ombudsman(
        found_at_home("service-failure"),
        ["ombudsman.impact.finding_distress.service-failure=moderate"],
    )
    assert by_category(drafted) == {LOSS_OF_USE: D("90.50"), IMPACT: D("367.34")}
    off = ombudsman(
        found_at_home("service-failure", "considerable"),
        ["ombudsman.impact.finding_distress.service-failure=none"],
    )
    assert off.impact.level == "Significant impact"


def communication(occurred: str, resolved: str, extra: str = "") -> str:
    return (
        f'[failure]\nkind = "communication"\ndistress = "moderate"\n{extra}'
        f"[dates]\noccurred = {occurred}\nresolved = {resolved}\nclaimed = {resolved}"
    )


def test_impact_grows_with_the_length_of_the_failure():
    # 181 days: x (1 + 0.10 x 181 / 365.25) = x1.049555; £350 -> £367.34
    half_year = ombudsman(communication("2025-01-01", "2025-07-01"))
    assert half_year.award.total == D("367.34")
    year = ombudsman(communication("2025-01-01", "2026-01-01"))
    assert year.award.total > half_year.award.total


def test_impact_stops_growing_after_the_years_counted():
    # capped at 2 years: x(1 + 0.10 x 2) = x1.2 -> £420 for three years and for four
    three = ombudsman(communication("2022-01-01", "2025-01-01"))
    four = ombudsman(communication("2021-01-01", "2025-01-01"))
    assert three.award.total == four.award.total == D("420.00")


def test_persistent_and_repeated_reports_are_severity_markers():
    # persistent x1.5 and 3 reports x1.1: £350 x 1.65 = £577.50
    decision = ombudsman(
        communication("2026-03-02", "2026-03-02", "persistent = true\nreports = 3\n")
    )
    assert decision.award.total == D("577.50")


def test_a_draft_minus_zero_is_shown_as_given_after_a_zero_was_worked_out():
    # The scale and the band are remembered by their figures; a draft is worked out afresh,
    # as -0 equals 0 but prints "-0": persistent +0% (x1.0), 3 reports +10% -> £385.00
    case = communication("2026-03-02", "2026-03-02", "persistent = true\nreports = 3\n")
    zero = ombudsman(case, ["ombudsman.impact.severity.persistent=0"])
    minus_zero = ombudsman(case, ["ombudsman.impact.severity.persistent=-0"])
    assert zero.award.total == minus_zero.award.total == D("385.00")
    assert "persistent failure +0%" in zero.award.items[0].label
    assert "persistent failure +-0%" in minus_zero.award.items[0].label


def test_a_complaint_handling_failure_counts_without_complaint_dates_in_the_minor_band():
    # the kind says so: its own band, complaint_handling.band_kind minor (v3; v2 adversely
    # affected), £50 to £100, figure at 0.50: £75
    decision = ombudsman(
        '[failure]\nkind = "complaint-handling"\ndistress = "none"\n'
        "[dates]\noccurred = 2026-03-02\nclaimed = 2026-03-02"
    )
    assert by_category(decision) == {IMPACT: D("75.00")}
    assert "complaint handling" in decision.award.items[0].label


ONLY_COMPLAINT = (
    '[failure]\nkind = "complaint-handling"\ndistress = "moderate"\n'
    "[dates]\noccurred = 2026-03-02\nclaimed = 2026-03-02"
)


TWICE = ["ombudsman.complaint_handling.only_failure=twice"]


def test_a_failure_that_is_only_complaint_handling_read_twice_counts_a_share_of_the_distress():
    # the other reading since v4 (v2 and v3's default): distress moderate: £350 (£100 to
    # £600) x impact.complaint_only 0.25 = £87.50 (£25 to £150); plus the complaint-handling
    # band (minor: £75, £50 to £100): total £162.50, range £75 to £250
    decision = ombudsman(ONLY_COMPLAINT, [*TWICE, V7_RANGES])
    assert (decision.award.min, decision.award.total, decision.award.max) == (
        D("75.00"),
        D("162.50"),
        D("250.00"),
    )
    assert readings(decision) == {"complaint_handling.only_failure": "twice"}


ONCE = ["ombudsman.complaint_handling.only_failure=once"]


def test_complaint_handling_counted_once_by_default_is_the_complaint_band_alone():
    # v4's default reading (v3: twice, £162.50): no distress band; the complaint-handling band
    # (minor, £50 to £100, £75) x complaint_handling.only_share 1.00 (a failure with no
    # length: scale 1): £75, range £50 to £100
    decision = ombudsman(ONLY_COMPLAINT, [V7_RANGES])
    assert (decision.award.min, decision.award.total, decision.award.max) == (
        D("50.00"),
        D("75.00"),
        D("100.00"),
    )
    assert len(decision.award.items) == 1
    assert decision.award.items[0].label.startswith("(5) impact of the failings: complaint")
    assert decision.award.items[0].basis == "assumption"
    assert readings(decision) == {"complaint_handling.only_failure": "once"}
    # set by the user, the same reading rests on a draft
    assert ombudsman(ONLY_COMPLAINT, [*ONCE, V7_RANGES]).award.items[0].basis == "draft"


CHASED = ONLY_COMPLAINT.replace('"moderate"', '"moderate"\nreports = 2')


def test_a_complaint_only_failure_the_resident_chased_is_in_the_chased_band():
    # reported twice (complaint_handling.chased_reports 2): complaint_handling.band_chased,
    # adversely affected (v4; v3 had no such band: minor, £75 counted once): £100 to £600,
    # figure £350, x only_share 1.00 (no length; 2 reports, under the repeated step of 3)
    decision = ombudsman(CHASED, [V7_RANGES])
    assert (decision.award.min, decision.award.total, decision.award.max) == (
        D("100.00"),
        D("350.00"),
        D("600.00"),
    )
    assert "chased: reported 2 times" in decision.award.items[0].label
    # reported once: the minor band (£75), as for any complaint-only failure
    assert ombudsman(ONLY_COMPLAINT, [V7_RANGES]).award.total == D("75.00")


def test_the_chased_band_rests_on_its_parameters_so_a_draft_marks_it():
    # band_chased set to significant: £600 to £1,000, figure £800; a draft
    significant = ombudsman(CHASED, ["ombudsman.complaint_handling.band_chased=significant"])
    assert significant.award.total == D("800.00")
    assert significant.award.items[0].basis == "draft"
    # the threshold set to 3: two reports no longer count as chased, and the minor band's item
    # rests on the drafted threshold
    threshold = ombudsman(CHASED, ["ombudsman.complaint_handling.chased_reports=3"])
    assert threshold.award.total == D("75.00")
    assert threshold.award.items[0].basis == "draft"


def test_the_chased_band_is_only_for_a_failure_that_is_only_complaint_handling():
    # a repair delay reported twice with a missed Code timescale: the complaint-handling band
    # is the one-missed band (minor, £75), never the chased band (the same £430.37 as the
    # test below with one report)
    decision = ombudsman(
        "[failure]\nreports = 2\n[complaint]\nreceived = 2026-02-02\nacknowledged = 2026-02-10"
    )
    assert decision.award.total == D("430.37")
    assert not any("chased" in item.label for item in decision.award.items)


def test_complaint_handling_counted_once_grows_with_persistence_and_a_set_share():
    # persistent x1.5, only_share set to 0.5: £75 x 1.5 x 0.5 = £56.25 (£50 x 0.75 = £37.50
    # to £100 x 0.75 = £75)
    decision = ombudsman(
        ONLY_COMPLAINT.replace('"moderate"', '"moderate"\npersistent = true'),
        [*ONCE, "ombudsman.complaint_handling.only_share=0.5", V7_RANGES],
    )
    assert (decision.award.min, decision.award.total, decision.award.max) == (
        D("37.50"),
        D("56.25"),
        D("75.00"),
    )
    assert "only the complaint handling failed: x0.50" in decision.award.items[0].label


def test_a_complaint_handling_failure_with_an_amenity_lost_counts_the_distress_in_full():
    # heating lost 2 .. 9 March 2026 (7 days; claimed before 1 April, so no specific sums; no
    # rent, so no loss of use): £350 x (1 + 0.10 x 7 / 365.25) = £350 x 1.0019165 = £350.67,
    # plus the complaint-handling band (minor, v3) £75: £425.67; the failure is not only the
    # complaint handling, so the reading switch is not consulted and "once" changes nothing
    toml = (
        ONLY_COMPLAINT.replace(
            "claimed = 2026-03-02", "resolved = 2026-03-09\nclaimed = 2026-03-10"
        )
        + '\n[[amenities_lost]]\namenity = "heating"'
    )
    assert ombudsman(toml).award.total == D("425.67")
    assert ombudsman(toml, ONCE).award.total == D("425.67")
    assert "complaint_handling.only_failure" not in readings(ombudsman(toml))


def test_the_impact_starting_point_scales_a_failure_with_no_length():
    # start 0.5 (the fit kept 1): moderate £350 x 0.5 = £175 (£50 to £300)
    decision = ombudsman(
        '[failure]\nkind = "communication"\ndistress = "moderate"\n'
        "[dates]\noccurred = 2026-03-02\nclaimed = 2026-03-02",
        ["ombudsman.impact.duration.start=0.5", V7_RANGES],
    )
    assert (decision.award.min, decision.award.total, decision.award.max) == (
        D("50.00"),
        D("175.00"),
        D("300.00"),
    )


def test_missed_code_timescale_is_a_complaint_handling_failure_in_a_band():
    # received Mon 2 Feb 2026, acknowledge within 5 working days (Code 6.2): due Mon 9 Feb;
    # acknowledged Tue 10 Feb -> one missed -> minor failure band, £75 at the midpoint; the
    # test claim (repair delay, moderate, 5 Jan to 2 Mar 2026 = 56 days, no rent) adds the
    # moderate band x (1 + 0.10 x 56 / 365.25) = £350 x 1.015332 = £355.37
    decision = ombudsman("[complaint]\nreceived = 2026-02-02\nacknowledged = 2026-02-10")
    assert decision.award.total == D("430.37")


# ------------------------------------------------ vulnerability uplift on (3) and (5) only

VULNERABLE_KITCHEN = KITCHEN.replace('distress = "none"', 'distress = "moderate"').replace(
    "[failure]", "[failure]\nmissed_appointments = 2"
)


def test_vulnerability_uplift_applies_to_loss_of_use_and_impact_only():
    plain = by_category(ombudsman(VULNERABLE_KITCHEN))
    toml = VULNERABLE_KITCHEN.replace(
        "[household]", '[household]\nvulnerabilities = ["disability"]'
    )
    uplifted = by_category(ombudsman(toml))
    assert uplifted[LOSS_OF_USE] == plain[LOSS_OF_USE] + (plain[LOSS_OF_USE] * D("0.25")).quantize(
        D("0.01")
    )
    assert uplifted[IMPACT] == plain[IMPACT] + (plain[IMPACT] * D("0.25")).quantize(D("0.01"))


def test_young_children_uplift_is_fifty_percent_as_fitted_in_v4():
    # the kitchen, 35 days: £131.25; moderate £350 x (1 + 0.10 x 35 / 365.25) = £353.3539 ->
    # £353.35; young children 50% (v4; v1 to v3: 25%): £65.625 -> £65.63 and £176.675 ->
    # £176.68 (half-up); total £131.25 + £353.35 + £65.63 + £176.68 = £726.91
    toml = VULNERABLE_KITCHEN.replace(
        "[household]", '[household]\nvulnerabilities = ["young-children"]'
    )
    assert ombudsman(toml).award.total == D("726.91")
    # the other vulnerabilities stay at 25%: disability on the same facts, £32.8125 -> £32.81
    # and £88.3375 -> £88.34: £605.75
    disability = toml.replace('"young-children"', '"disability"')
    assert ombudsman(disability).award.total == D("605.75")


def test_vulnerability_uplift_is_the_highest_single_one_never_stacked():
    one = VULNERABLE_KITCHEN.replace("[household]", '[household]\nvulnerabilities = ["disability"]')
    two = VULNERABLE_KITCHEN.replace(
        "[household]", '[household]\nvulnerabilities = ["language", "disability", "other"]'
    )
    assert ombudsman(one).award.total == ombudsman(two).award.total


# ------------------------------------------------ (1) and (2) financial loss


def test_evidenced_costs_are_quantifiable_loss_and_unevidenced_unquantifiable():
    toml = (
        '[failure]\nkind = "communication"\ndistress = "none"\n'
        '[[costs]]\nkind = "heating"\namount = 42.50\nevidence = true\n'
        '[[costs]]\nkind = "food"\namount = 20.00'
    )
    assert by_category(ombudsman(toml)) == {QUANTIFIABLE: D("42.50"), UNQUANTIFIABLE: D("0.00")}
    half = ombudsman(toml, ["ombudsman.unquantifiable.share=0.5"])
    assert by_category(half) == {QUANTIFIABLE: D("42.50"), UNQUANTIFIABLE: D("10.00")}


# ------------------------------------------------ statutory Right to Repair

RIGHT_TO_REPAIR = """
[household]
tenure = "secure-tenant"
[failure]
kind = "repair-delay"
distress = "none"
[dates]
occurred = 2026-01-05
repair_target = 2026-01-19
resolved = {resolved}
claimed = 2026-03-02
"""


def test_right_to_repair_ten_pounds_and_two_a_day():
    decision = ombudsman(RIGHT_TO_REPAIR.format(resolved="2026-01-24"))  # 5 days late
    assert by_category(decision) == {STATUTORY: D("20.00")}  # £10 + 5 x £2
    assert decision.award.items[0].basis == "assumption"  # qualifying is a reading


def test_right_to_repair_at_most_fifty_pounds():
    decision = ombudsman(RIGHT_TO_REPAIR.format(resolved="2026-02-23"))  # 35 days: £80 -> £50
    assert by_category(decision) == {STATUTORY: D("50.00")}


def test_right_to_repair_only_for_secure_tenants_and_when_read_as_qualifying():
    assured = RIGHT_TO_REPAIR.format(resolved="2026-01-24").replace(
        "secure-tenant", "assured-tenant"
    )
    assert ombudsman(assured).award.total == D("0.00")
    off = ["ombudsman.right_to_repair.qualifying=false"]
    assert ombudsman(RIGHT_TO_REPAIR.format(resolved="2026-01-24"), off).award.total == D("0.00")


# ------------------------------------------------ what it would remedy


@pytest.mark.parametrize("proceedings", ["started", "court-ordered"])
def test_legal_proceedings_are_not_taken(proceedings):
    assert ombudsman(f'[legal]\nproceedings = "{proceedings}"').excluded


def test_threatened_proceedings_are_taken():
    assert not ombudsman('[legal]\nproceedings = "threatened"').excluded


def test_personal_injury_is_not_taken():
    assert ombudsman("[legal]\npersonal_injury = true").excluded


def missed(occurred: str, claimed: str, extra: str = "") -> str:
    return (
        f'[failure]\nkind = "missed-appointment"\n[dates]\noccurred = {occurred}\n'
        f"{extra}claimed = {claimed}"
    )


def test_code_2_2_raised_twelve_months_after_the_issue_is_not_taken():
    assert not ombudsman(missed("2025-01-10", "2026-01-10")).excluded  # the last day
    assert ombudsman(missed("2025-01-10", "2026-01-11")).excluded  # the day after


def test_code_2_2_the_limit_named_is_the_limit_applied():
    """A draft time limit of 6 months is the one the exclusion counts and names."""
    decision = ombudsman(missed("2025-01-10", "2025-07-11"), ["ombudsman.jurisdiction.months=6"])
    (limit,) = decision.exclusions
    assert "more than 6 months after" in limit.reason and limit.short == "over 6 months"
    assert "12 months" not in limit.reason


def test_code_2_2_counts_from_awareness_when_later():
    assert not ombudsman(missed("2024-06-01", "2026-02-01", "aware = 2025-03-01\n")).excluded


def test_code_2_2_a_continuing_failure_counts_from_its_end():
    toml = '[failure]\nkind = "repair-delay"\n[dates]\noccurred = 2023-01-01\n'
    assert not ombudsman(toml + "resolved = 2025-06-01\nclaimed = 2026-06-01").excluded
    assert ombudsman(toml + "resolved = 2025-06-01\nclaimed = 2026-06-02").excluded


def test_code_2_2_the_complaint_date_is_when_it_was_raised():
    toml = missed("2025-01-10", "2026-03-01") + "\n[complaint]\nreceived = 2026-01-10"
    assert not ombudsman(toml).excluded


# ------------------------------------------------ offset, responsibility


def test_nothing_is_offset_against_arrears():
    decision = ombudsman("[account]\nrent_arrears = 5000\nother_debts = 100")
    assert decision.settlement.credited_to_account == D("0.00")
    assert decision.settlement.paid_to_customer == decision.award.total > 0


def test_no_maladministration_without_responsibility():
    assert ombudsman('[failure]\nresponsibility = "none"').award.total == D("0.00")


def test_works_the_landlord_did_not_agree_to_pay_for_are_not_quantifiable_loss():
    # the guidance's example of quantifiable loss: "works a landlord agreed to pay for"
    toml = (
        '[failure]\nkind = "communication"\ndistress = "none"\n'
        '[[costs]]\nkind = "repairs"\namount = 300.00\nevidence = true\npermission = {}'
    )
    assert by_category(ombudsman(toml.format("true"))) == {QUANTIFIABLE: D("300.00")}
    assert by_category(ombudsman(toml.format("false"))) == {UNQUANTIFIABLE: D("0.00")}


# ------------------------------------------------ the range's width (reference v8)

WIDENED_CASE = (
    '[household]\nweekly_rent = 70.00\n[failure]\nkind = "repair-delay"\n'
    'distress = "moderate"\n[dates]\noccurred = 2025-01-01\nresolved = 2025-07-01\n'
    'claimed = 2025-07-10\n[[costs]]\nkind = "heating"\namount = 42.50\nevidence = true\n'
)


def test_range_widen_widens_only_the_judgement_categories_and_keeps_every_figure():
    # loss of use £90.50 (181 days at 5% of £70 a week), its range x0.25 to x3: £22.63 to
    # £271.50; widened x2: £11.32 (22.63 / 2 = 11.315, to the penny) to £543.00. The
    # evidenced cost (£42.50, published, exact) keeps its range; no figure moves.
    plain = ombudsman(WIDENED_CASE, ["ombudsman.range.widen=1"])
    wide = ombudsman(WIDENED_CASE, ["ombudsman.range.widen=2"])
    assert [i.amount for i in wide.award.items] == [i.amount for i in plain.award.items]
    assert wide.award.total == plain.award.total
    by_label = {i.label: i for i in wide.award.items}
    for item in plain.award.items:
        widened = by_label[item.label]
        if item.category in (LOSS_OF_USE, IMPACT):
            assert widened.low == (item.low / 2).quantize(D("0.01"), rounding="ROUND_HALF_UP")
            assert widened.high == item.high * 2
        else:
            assert (widened.low, widened.high) == (item.low, item.high) == (D("42.50"),) * 2
    home = next(i for i in wide.award.items if i.category == LOSS_OF_USE)
    assert (home.amount, home.low, home.high) == (D("90.50"), D("11.32"), D("543.00"))
    assert wide.award.min < plain.award.min and wide.award.max > plain.award.max
    assert any("range.widen" in note.detail for note in wide.award.notes)
    assert not any("range.widen" in note.detail for note in plain.award.notes)


def test_a_drafted_range_widen_makes_the_widened_items_draft():
    wide = ombudsman(WIDENED_CASE, ["ombudsman.range.widen=1.5"])
    judged = [i for i in wide.award.items if i.category in (LOSS_OF_USE, IMPACT)]
    assert judged and all(i.basis == "draft" for i in judged)
    assert all(i.basis == "published" for i in wide.award.items if i not in judged)


def test_the_shipped_reference_widens_the_bands_by_its_fitted_factor():
    # v9's range.widen, 1.11: the adversely-affected band, £100 to £600 around £350, becomes
    # £100 / 1.11 = £90.0900 -> £90.09 to £600 x 1.11 = £666.00; the figure stays £350
    decision = ombudsman(
        '[failure]\nkind = "communication"\ndistress = "moderate"\n'
        "[dates]\noccurred = 2026-03-02\nclaimed = 2026-03-02"
    )
    assert (decision.award.min, decision.award.total, decision.award.max) == (
        D("90.09"),
        D("350.00"),
        D("666.00"),
    )
    assert decision.award.items[0].basis == "assumption"
