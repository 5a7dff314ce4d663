"""Money is Decimal pounds. Rounded half-up to the penny once, at the end."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

PENNY = Decimal("0.01")
ZERO = Decimal("0.00")


def to_pennies(amount: Decimal) -> Decimal:
    """Round a pound amount half-up to the penny."""
    return amount.quantize(PENNY, ROUND_HALF_UP)  # positional: called in every decision


def for_days(weekly: Decimal, days: int) -> Decimal:
    """A weekly amount for ``days`` days, ``weekly * days / 7`` (RULES.md: the rent for a
    period), unrounded: round the item it goes into with ``to_pennies``, once."""
    return weekly * days / 7


def format_pounds(amount: Decimal | None) -> str:
    """£1,234.56 (half-up to the penny; -0 prints "£-0.00"); None (an open upper end) prints
    as 'open'. Not remembered: amounts worked out for a case seldom recur, and hashing a
    fresh Decimal to look one up costs more than printing it (0.4 µs)."""
    if amount is None:
        return "open"
    return f"£{to_pennies(amount):,.2f}"


def as_text(amount: Decimal | None) -> str | None:
    """Money for JSON and CSV: a string with two decimals, so no float rounding."""
    return None if amount is None else f"{to_pennies(amount):.2f}"


def has_at_most_two_places(amount: Decimal) -> bool:
    """True for 12, 12.5 and 12.50 (and 12.500); false for 12.505 and for non-finite values."""
    try:
        return amount.is_finite() and amount == amount.quantize(PENNY)
    except InvalidOperation:  # too many digits to quantize
        return False
