"""The Housing Ombudsman reference: its guidance's rules as cases, each figure from the text
(remedies bands; the compensation guidance's specific sums from 1 April 2026)."""

from decimal import Decimal as D

import pytest

from compsim.testing import decide, scenario
from compsim.testing.contract import PolicyContract


class TestContract(PolicyContract):
    landlord = "ombudsman"


def ombudsman(toml: str = "", sets=()):
    return decide("ombudsman", scenario(toml), sets)


def amounts(decision) -> dict[str, D]:
    return {item.label.split(":")[0]: item.amount for item in decision.award.items}


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


# ------------------------------------------------ specific sums on a day count (from 1 April 2026)
# Lost 1 Apr, repair target 3 Apr, restored 13 Apr: days run from the target (the assumption
# parameter's default) to the restoration, that day not counted: 3 .. 12 April = 10 days.


def test_heating_and_hot_water_fifteen_pounds_a_day():
    assert amounts(ombudsman(loss(["heating", "hot-water"]))) == {
        "Loss of heating and hot water": D("150.00")
    }  # 10 x £15


@pytest.mark.parametrize("amenity", ["heating", "hot-water"])
def test_one_of_heating_or_hot_water_eight_pounds_a_day(amenity):
    assert amounts(ombudsman(loss([amenity]))) == {
        "Loss of heating or hot water": D("80.00")
    }  # 10 x £8


def test_power_ten_pounds_a_day():
    assert amounts(ombudsman(loss(["electricity"]))) == {"Loss of power": D("100.00")}  # 10 x £10


def test_lighting_only_ten_pounds_a_week_pro_rata():
    # 10 days at £10 a week: £10 x 10 / 7 = £14.2857... -> £14.29
    assert amounts(ombudsman(loss(["lighting"]))) == {"Loss of lighting only": D("14.29")}


def test_lighting_lost_with_power_is_paid_as_power_only():
    assert amounts(ombudsman(loss(["lighting", "electricity"]))) == {"Loss of power": D("100.00")}


def test_each_missed_appointment_fifteen_pounds():
    decision = ombudsman(
        '[failure]\nkind = "missed-appointment"\ndistress = "none"\n'
        "missed_appointments = 3\n[dates]\noccurred = 2026-04-07\n"
        "claimed = 2026-04-20"
    )
    assert amounts(decision) == {"Missed appointments": D("45.00")}  # 3 x £15


def test_days_from_the_start_of_the_loss_when_set():
    # 1 .. 12 April = 12 days x £15 = £180
    decision = ombudsman(
        loss(["heating", "hot-water"]), sets=["ombudsman.specific_sums.days_from=start-of-loss"]
    )
    assert decision.award.total == D("180.00")


def test_no_repair_target_counts_from_the_start_of_the_loss():
    toml = loss(["electricity"]).replace("repair_target = 2026-04-03\n", "")
    assert ombudsman(toml).award.total == D("120.00")  # 1 .. 12 April, 12 x £10


# ------------------------------------------------ the effective date


def test_a_claim_on_31_march_2026_has_no_specific_sums():
    toml = loss(["heating", "hot-water"], claimed="2026-03-31").replace(
        "occurred = 2026-04-01\nrepair_target = 2026-04-03\nresolved = 2026-04-13",
        "occurred = 2026-03-01\nrepair_target = 2026-03-03\nresolved = 2026-03-13",
    )
    assert ombudsman(toml).award.total == D("0.00")


def test_the_same_loss_claimed_on_1_april_2026_has_them():
    toml = loss(["heating", "hot-water"], claimed="2026-04-01").replace(
        "occurred = 2026-04-01\nrepair_target = 2026-04-03\nresolved = 2026-04-13",
        "occurred = 2026-03-01\nrepair_target = 2026-03-03\nresolved = 2026-03-13",
    )
    assert ombudsman(toml).award.total == D("150.00")  # 3 .. 12 March = 10 days x £15


# ------------------------------------------------ bands


@pytest.mark.parametrize(
    ("distress", "low", "high", "figure"),
    [
        ("minimal", "50.00", "100.00", "75.00"),  # minor failure, midpoint
        ("moderate", "100.00", "600.00", "350.00"),  # adversely affected
        ("considerable", "600.00", "1000.00", "800.00"),  # significant impact
    ],
)
def test_remedies_bands_are_ranges_with_the_midpoint_as_the_figure(distress, low, high, figure):
    decision = ombudsman(f'[failure]\ndistress = "{distress}"')
    assert (decision.award.min, decision.award.max) == (D(low), D(high))
    assert decision.award.total == D(figure)
    assert decision.award.items[0].basis == "assumption"


def test_severe_maladministration_is_open_ended():
    decision = ombudsman('[failure]\ndistress = "severe"')
    assert decision.award.min == D("1000.00")
    assert decision.award.max is None  # "£1,000 and over": no upper end
    assert decision.award.total == D("1000.00")


def test_no_distress_means_no_band_award_but_specific_sums_still_due():
    decision = ombudsman(loss(["electricity"], distress="none"))
    assert [i.category for i in decision.award.items] == ["amenity"]


def test_vulnerability_lifts_the_band():
    decision = ombudsman(
        '[household]\nvulnerabilities = ["disability"]\n[failure]\ndistress = "minimal"'
    )
    assert (decision.award.min, decision.award.max) == (D("100.00"), D("600.00"))


# ------------------------------------------------ exclusions, costs, offset


@pytest.mark.parametrize("proceedings", ["started", "court-ordered"])
def test_court_proceedings_started_are_not_taken(proceedings):
    assert ombudsman(f'[legal]\nproceedings = "{proceedings}"').excluded


def test_threatened_proceedings_are_taken():
    assert not ombudsman('[legal]\nproceedings = "threatened"').excluded


def test_personal_injury_is_not_taken():
    assert ombudsman("[legal]\npersonal_injury = true").excluded


def test_evidenced_costs_are_reimbursed():
    decision = ombudsman(
        '[failure]\ndistress = "none"\n'
        '[[costs]]\nkind = "heating"\namount = 42.50\nevidence = true\n'
        '[[costs]]\nkind = "food"\namount = 20.00'
    )
    assert decision.award.total == D("42.50")


def test_nothing_is_offset_against_arrears():
    decision = ombudsman("[account]\nrent_arrears = 5000\nother_debts = 100")
    assert decision.settlement.credited_to_account == D("0.00")
    assert decision.settlement.paid_to_customer == decision.award.total == D("350.00")


def test_no_maladministration_without_responsibility():
    assert ombudsman('[failure]\nresponsibility = "none"').award.total == D("0.00")


def test_missed_code_timescale_is_a_complaint_handling_failure_in_a_band():
    # received Mon 2 Feb 2026, acknowledge within 5 working days (Code 6.2): due Mon 9 Feb;
    # acknowledged Tue 10 Feb -> one missed -> minor failure band, £75 at the midpoint
    decision = ombudsman("[complaint]\nreceived = 2026-02-02\nacknowledged = 2026-02-10")
    assert decision.award.total == D("425.00")  # £350 (moderate) + £75
