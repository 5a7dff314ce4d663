from datetime import date

import pytest

from compsim.dates import add_months, add_working_days, is_working_day, working_days_between


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2025, 8, 31), 6, date(2026, 2, 28)),  # RULES.md: 31 Aug + 6 months = 28 Feb
        (date(2023, 8, 31), 6, date(2024, 2, 29)),  # ... or 29 Feb in a leap year
        (date(2026, 1, 15), 6, date(2026, 7, 15)),
        (date(2025, 12, 31), 2, date(2026, 2, 28)),
        (date(2026, 3, 31), 12, date(2027, 3, 31)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
    ],
)
def test_add_months_counts_calendar_months_clamped_to_month_end(start, months, expected):
    assert add_months(start, months) == expected


def test_weekends_and_england_bank_holidays_are_not_working_days():
    assert not is_working_day(date(2026, 1, 3))  # Saturday
    assert not is_working_day(date(2025, 12, 25))  # Christmas Day
    assert not is_working_day(date(2025, 12, 26))  # Boxing Day
    assert not is_working_day(date(2026, 4, 3))  # Good Friday
    assert not is_working_day(date(2026, 4, 6))  # Easter Monday (England, not Scotland)
    assert not is_working_day(date(2026, 12, 28))  # Boxing Day substitute (26 Dec is a Saturday)
    assert is_working_day(date(2026, 1, 2))
    assert is_working_day(date(2026, 8, 4))  # Scotland's summer bank holiday is not England's


def test_add_working_days_skips_christmas():
    # Mon 22 Dec 2025 + 5 working days: 23, 24, 29, 30, 31
    assert add_working_days(date(2025, 12, 22), 5) == date(2025, 12, 31)


def test_add_working_days_skips_easter():
    # Wed 1 Apr 2026 + 5: 2, 7, 8, 9, 10 (3 and 6 April are bank holidays)
    assert add_working_days(date(2026, 4, 1), 5) == date(2026, 4, 10)


def test_add_working_days_from_a_weekend_starts_on_monday():
    assert add_working_days(date(2026, 2, 7), 1) == date(2026, 2, 9)


def test_working_days_between_counts_after_start_up_to_end():
    assert working_days_between(date(2026, 2, 9), date(2026, 2, 11)) == 2
    assert working_days_between(date(2026, 2, 11), date(2026, 2, 9)) == 0
    assert working_days_between(date(2025, 12, 24), date(2026, 1, 2)) == 4  # 29, 30, 31, 2


def test_day_text_is_the_date_as_an_f_string_prints_it():
    from compsim.dates import day_text

    day = date(2026, 2, 28)
    assert day_text(day) == f"{day}" == "2026-02-28"
