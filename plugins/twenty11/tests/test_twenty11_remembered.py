"""The texts Twenty11's plugin remembers between decisions (for speed, issue 11) are the texts
it would build afresh: equal values that print differently never share an entry."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from compsim_twenty11.plugin import day_text, format_pounds

from compsim.money import format_pounds as plain_format_pounds


def test_remembered_format_pounds_prints_as_compsim_money_does():
    # "-0" comes after "0": a remembered £0.00 must not stand in for £-0.00
    for text in ("5", "5.0", "5.00", "1234.565", "0", "0.00", "-0", "-0.00", "-3.5", "1000000"):
        amount = Decimal(text)
        assert format_pounds(amount) == plain_format_pounds(amount), text


def test_remembered_day_text_is_the_date_as_an_f_string_prints_it():
    day = date(2026, 2, 28)
    assert day_text(day) == f"{day}" == "2026-02-28"
