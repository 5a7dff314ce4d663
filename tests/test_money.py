"""Money: Decimal pounds, two places, rounded half-up once. Cases chosen to kill the mutants
a mutation run (benchmarks/mutation.toml) found surviving."""

from decimal import Decimal

import pytest

from compsim.money import as_text, for_days, format_pounds, has_at_most_two_places, to_pennies


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("12", True),
        ("12.5", True),
        ("12.50", True),
        ("12.500", True),  # more digits, but the same amount in pennies
        ("0", True),
        ("12.345", False),
        ("12.344", False),  # rounds down to 12.34: not equal, though below it
        ("12.346", False),  # rounds up to 12.35: not equal, though above it
        ("NaN", False),
        ("Infinity", False),
        ("1e30", False),  # too many digits to quantize: refused, not an exception
    ],
)
def test_at_most_two_decimal_places(amount, expected):
    assert has_at_most_two_places(Decimal(amount)) is expected


def test_rounding_is_half_up_to_the_penny():
    assert to_pennies(Decimal("2.345")) == Decimal("2.35")
    assert to_pennies(Decimal("2.344")) == Decimal("2.34")
    assert to_pennies(Decimal("-2.345")) == Decimal("-2.35")


def test_money_as_text_and_in_pounds():
    assert as_text(None) is None  # an open upper end
    assert as_text(Decimal("5")) == "5.00"
    assert as_text(Decimal("1234.565")) == "1234.57"
    assert format_pounds(None) == "open"
    assert format_pounds(Decimal("1234.5")) == "£1,234.50"


def test_a_weekly_amount_for_some_days_is_unrounded():
    assert for_days(Decimal("100"), 3) == Decimal("300") / 7
    assert for_days(Decimal("70"), 7) == Decimal("70")


def test_format_pounds_rounds_half_up_and_keeps_the_sign_of_zero():
    # "-0" comes after "0" (had it a memo, a remembered £0.00 must not stand in for £-0.00)
    for text in ("5", "5.0", "5.00", "1234.565", "0", "0.00", "-0", "-0.00", "-3.5", "1000000"):
        amount = Decimal(text)
        assert format_pounds(amount) == f"£{to_pennies(amount):,.2f}", text
    assert format_pounds(Decimal("-0")) == "£-0.00"
    assert format_pounds(Decimal("0")) == "£0.00"
