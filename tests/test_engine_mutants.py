"""The engine's money, dates and settlement code: cases added for mutants that survived the
engine's own tests (benchmarks/mutation.sh engine). Each pins a figure, a date or a check a
user relies on. mutmut does not mutate decorated functions (the Settlement and Award
properties, the cached working-day counters), so their cases here are written from the
behaviour their docstrings promise."""

from datetime import date
from decimal import Decimal

import pytest

from compsim.errors import PluginError
from compsim.models import (
    ACCOUNT,
    ASSUMPTION,
    CUSTOMER,
    PUBLISHED,
    Award,
    AwardItem,
    Settlement,
    SettlementPart,
)
from compsim.money import as_text, for_days, format_pounds, has_at_most_two_places, to_pennies
from compsim.plugins import check_settlement
from compsim.testing import scenario

D = Decimal

# ---------------------------------------------------------------- money


@pytest.mark.parametrize(
    ("amount", "pennies"),
    [("2.345", "2.35"), ("2.344", "2.34"), ("2.355", "2.36"), ("0.005", "0.01"), ("7", "7.00")],
)
def test_to_pennies_rounds_half_up_to_the_penny(amount, pennies):
    rounded = to_pennies(D(amount))
    assert rounded == D(pennies)
    assert str(rounded) == pennies


def test_for_days_is_the_weekly_amount_times_days_over_seven_unrounded():
    assert for_days(D("70"), 3) == D("30")
    assert for_days(D("100"), 1) == D("100") / 7  # not rounded: the item rounds once


def test_format_pounds_groups_thousands_and_rounds_half_up():
    assert format_pounds(D("1234.565")) == "£1,234.57"
    assert format_pounds(D("0")) == "£0.00"
    assert format_pounds(None) == "open"


def test_as_text_gives_two_decimals_and_keeps_none():
    assert as_text(D("12.5")) == "12.50"
    assert as_text(D("0.125")) == "0.13"
    assert as_text(None) is None


@pytest.mark.parametrize(
    ("amount", "ok"),
    [
        ("12", True),
        ("12.5", True),
        ("12.50", True),
        ("12.500", True),
        ("12.505", False),
        ("NaN", False),
        ("Infinity", False),
        ("1E+30", False),  # too many digits to quantize: refused, not an error
    ],
)
def test_has_at_most_two_places(amount, ok):
    assert has_at_most_two_places(D(amount)) is ok


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
        (date(2023, 8, 31), 6, date(2024, 2, 29)),
        (date(2025, 12, 15), 1, date(2026, 1, 15)),
        (date(2025, 11, 30), 1, date(2025, 12, 30)),
        (date(2025, 1, 31), 12, date(2026, 1, 31)),
        (date(2025, 3, 31), 0, date(2025, 3, 31)),
        (date(2024, 12, 31), 14, date(2026, 2, 28)),
    ],
)
def test_add_months_across_year_ends_and_short_months(start, months, expected):
    from compsim.dates import add_months

    assert add_months(start, months) == expected


def test_is_working_day_on_a_friday_a_saturday_and_christmas_eve():
    from compsim.dates import is_working_day

    assert is_working_day(date(2025, 12, 19))  # Friday
    assert not is_working_day(date(2025, 12, 20))  # Saturday
    assert not is_working_day(date(2025, 12, 21))  # Sunday
    assert is_working_day(date(2025, 12, 24))  # Wednesday, not a holiday
    assert not is_working_day(date(2025, 12, 25))
    assert not is_working_day(date(2025, 8, 25))  # summer bank holiday (England)


# ---------------------------------------------------------------- Settlement and Award


def part(amount, to, form="bank transfer", against_debt=True):
    return SettlementPart("part", D(amount), to, form, "clause 1", against_debt)


def test_settlement_sums_each_destination_and_only_debt_credits_as_offsets():
    settlement = Settlement(
        (
            part("10.00", CUSTOMER),
            part("5.00", ACCOUNT, "credit to rent account"),
            part("3.00", ACCOUNT, "credit to rent account", against_debt=False),
        )
    )
    assert settlement.paid_to_customer == D("10.00")
    assert settlement.credited_to_account == D("8.00")
    assert settlement.offset_against_debts == D("5.00")
    assert settlement.form == "bank transfer; credit to rent account"


def test_settlement_form_leaves_out_parts_of_nothing():
    assert Settlement((part("0.00", CUSTOMER, "cheque"), part("4.00", ACCOUNT, "credit"))).form == (
        "credit"
    )
    assert Settlement((part("0.00", CUSTOMER, "cheque"),)).form == "nothing to pay"
    assert Settlement().form == "nothing to pay"


def item(amount, basis=PUBLISHED, low=None, high="same"):
    amount = D(amount)
    return AwardItem(
        "item",
        amount,
        "clause 1",
        basis,
        low=amount if low is None else D(low),
        high=amount if high == "same" else (None if high is None else D(high)),
    )


def test_award_total_min_max_and_assumption_share():
    award = Award((item("100.00", low="50.00", high="150.00"), item("20.00", ASSUMPTION)))
    assert award.total == D("120.00")
    assert award.min == D("70.00")
    assert award.max == D("170.00")
    assert award.assumption_total == D("20.00")


def test_award_max_is_open_when_any_item_is_open():
    assert Award((item("100.00"), item("250.00", high=None))).max is None
    assert Award().max == D("0.00")
    assert Award().total == D("0.00")


# ---------------------------------------------------------------- check_settlement


def award_of(amount):
    return Award((item(amount),))


def refused(settlement, owed="", words=""):
    """check_settlement's error names the landlord, the hook and what is wrong (the one line
    a user sees for a broken plugin)."""
    with pytest.raises(PluginError) as caught:
        check_settlement("x", settlement, award_of("100.00"), scenario(owed))
    error = caught.value
    assert (error.landlord, error.hook) == ("x", "apply_offset")
    assert words in error.message
    return error


def test_check_settlement_accepts_a_settlement_that_adds_up_to_the_award():
    owed = scenario("[account]\nrent_arrears = 30")
    settlement = Settlement((part("70.00", CUSTOMER), part("30.00", ACCOUNT, "credit")))
    assert check_settlement("x", settlement, award_of("100.00"), owed) is settlement


@pytest.mark.parametrize(
    ("parts", "words"),
    [
        ((("60.00", CUSTOMER), ("30.00", ACCOUNT)), "paid 60.00 + credited 30.00 = 90.00, but"),
        ((("80.00", CUSTOMER), ("30.00", ACCOUNT)), "= 110.00, but the award is 100.00"),
        ((("100.00", "landlord"),), "'part': to must be 'customer' or 'account'"),
        ((("100.005", CUSTOMER),), "'part' amount is not rounded to the penny"),
        ((("-10.00", CUSTOMER), ("110.00", CUSTOMER)), "'part' amount is negative"),
    ],
)
def test_check_settlement_refuses_a_settlement_that_does_not_add_up(parts, words):
    refused(
        Settlement(tuple(part(a, to) for a, to in parts)), "[account]\nrent_arrears = 30", words
    )


def test_check_settlement_refuses_offsets_beyond_what_is_owed():
    owed = scenario("[account]\nrent_arrears = 20\nother_debts = 9.99")
    fits = Settlement((part("70.01", CUSTOMER), part("29.99", ACCOUNT)))
    assert check_settlement("x", fits, award_of("100.00"), owed) is fits
    too_much = Settlement((part("70.00", CUSTOMER), part("30.00", ACCOUNT)))
    refused(
        too_much, "[account]\nrent_arrears = 20\nother_debts = 9.99", "more than the 29.99 owed"
    )


def test_check_settlement_allows_a_credit_balance_beyond_the_debt():
    # Clarion 5.1: a part marked against_debt=False is not an offset
    nothing_owed = scenario("")
    settlement = Settlement((part("100.00", ACCOUNT, "credit", against_debt=False),))
    assert check_settlement("x", settlement, award_of("100.00"), nothing_owed) is settlement


def test_a_settlement_that_passed_last_time_is_still_set_against_this_award_and_debt():
    from compsim.plugins import LastPassed

    passed = LastPassed()
    owed = scenario("[account]\nrent_arrears = 30")
    settlement = Settlement((part("70.00", CUSTOMER), part("30.00", ACCOUNT, "credit")))
    assert check_settlement("x", settlement, award_of("100.00"), owed, passed) is settlement
    assert passed.settlement[0] is settlement
    # the very same settlement against another award, or a smaller debt, is still refused
    with pytest.raises(PluginError, match=r"but the award is 90\.00"):
        check_settlement("x", settlement, award_of("90.00"), owed, passed)
    with pytest.raises(PluginError, match=r"more than the 20\.00 owed"):
        check_settlement(
            "x", settlement, award_of("100.00"), scenario("[account]\nrent_arrears = 20"), passed
        )


@pytest.mark.parametrize("field", ["form", "clause"])
def test_check_settlement_refuses_a_part_without_form_or_clause(field):
    values = {"form": "cheque", "clause": "clause 1"} | {field: "  "}
    bad = SettlementPart("part", D("100.00"), CUSTOMER, values["form"], values["clause"])
    refused(Settlement((bad,)), words=f"{field} of 'part' must be non-empty text")


def test_check_settlement_refuses_what_is_not_a_settlement():
    refused({"paid": D("100.00")}, words="returned dict, expected Settlement")
