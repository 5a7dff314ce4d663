"""Calendar months and working days, as RULES.md reads them.

- "6 months" is a calendar month count from the day, clamped to month end
  (31 Aug + 6 months = 28 or 29 Feb).
- Working days skip weekends and bank holidays in England
  (``holidays.country_holidays("GB", subdiv="ENG")``).
"""

import calendar
from datetime import date, timedelta
from functools import cache, lru_cache


@lru_cache(maxsize=65536)
def day_text(day: date) -> str:
    """A date as an f-string prints it (2026-03-27), remembered: formatting a date costs
    several times more than looking it up, and labels print the same dates again and again."""
    return str(day)


@lru_cache(maxsize=65536)
def add_months(start: date, months: int) -> date:
    """The same day ``months`` calendar months later, clamped to the month's last day."""
    month_index = start.month - 1 + months
    year = start.year + month_index // 12
    month = month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(start.day, last_day))


@cache
def _england_bank_holidays(year: int) -> frozenset[date]:
    import holidays  # imported here: it is slow to import and most commands never count days

    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _england_bank_holidays(day.year)


@lru_cache(maxsize=65536)
def add_working_days(start: date, count: int) -> date:
    """The day that is ``count`` working days after ``start`` (``start`` itself not counted)."""
    day = start
    remaining = count
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


@lru_cache(maxsize=65536)
def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end``; 0 when ``end <= start``."""
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count
