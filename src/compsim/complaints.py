"""Complaint-handling timescales, counted in England working days.

A timescale runs from one ``[complaint]`` date (``starts``) to another (``done_by``), for a
number of working days, plus an extension when the scenario says one was agreed. When the
start date is not recorded, the count runs from the date it was due (so a late or missing
acknowledgement does not move the stage 1 deadline later). A step whose date is not
recorded is shown as not recorded, never as missed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import attrs

from compsim.dates import add_working_days, working_days_between
from compsim.models import Complaint


@attrs.frozen
class Timescale:
    name: str
    starts: str
    done_by: str
    working_days: int
    clause: str
    extension_days: int = 0
    extension_flag: str | None = None


@attrs.frozen
class TimescaleCheck:
    name: str
    starts: date
    due: date
    actual: date | None
    working_days_late: int
    extended: bool
    clause: str

    @property
    def missed(self) -> bool:
        """Done after the due date (a weekend day after a Friday deadline is still late)."""
        return self.actual is not None and self.actual > self.due

    def describe(self) -> str:
        extension = " (with the agreed extension)" if self.extended else ""
        if self.actual is None:
            return f"{self.name}: due {self.due}{extension}; not recorded"
        if self.missed:
            days = "working day" if self.working_days_late == 1 else "working days"
            return (
                f"{self.name}: due {self.due}{extension}, done {self.actual}: "
                f"missed, {self.working_days_late} {days} late"
            )
        return f"{self.name}: due {self.due}{extension}, done {self.actual}: met"


def check_timescales(
    complaint: Complaint, timescales: Sequence[Timescale]
) -> tuple[TimescaleCheck, ...]:
    """Each timescale's due date, actual date and working days late, in the order given."""
    due_dates: dict[str, date] = {}
    checks = []
    for timescale in timescales:
        start = getattr(complaint, timescale.starts) or due_dates.get(timescale.starts)
        if start is None:  # this stage never began
            continue
        extended = bool(timescale.extension_flag and getattr(complaint, timescale.extension_flag))
        days = timescale.working_days + (timescale.extension_days if extended else 0)
        due = add_working_days(start, days)
        due_dates[timescale.done_by] = due
        actual = getattr(complaint, timescale.done_by)
        late = working_days_between(due, actual) if actual is not None else 0
        checks.append(
            TimescaleCheck(timescale.name, start, due, actual, late, extended, timescale.clause)
        )
    return tuple(checks)
