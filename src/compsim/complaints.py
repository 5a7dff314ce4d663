"""Complaint-handling timescales, counted in England working days.

A timescale runs from one ``[complaint]`` date (``starts``) to another (``done_by``), for a
number of working days, plus an extension when the scenario says one was agreed. When the
start date is not recorded, the count runs from the date it was due (so a late or missing
acknowledgement does not move the stage 1 deadline later). A step whose date is not
recorded is shown as not recorded, never as missed.

The Housing Ombudsman's Complaint Handling Code 2024 applies to every landlord, so its
timescales (``complaint_code.toml``, beside this file) are checked for every scenario with
``[complaint]`` dates, whatever plugins are installed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from compsim.dates import add_working_days, working_days_between
from compsim.models import Complaint, Timescale, TimescaleCheck

if TYPE_CHECKING:
    from compsim.params import Params

CODE_PARAMS = Path(__file__).with_name("complaint_code.toml")


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


def two_stage_timescales(params: Params, key: str) -> tuple[Timescale, ...]:
    """The usual two-stage process (acknowledge, respond; escalate, acknowledge, respond),
    from six working-day parameters named by ``key`` (e.g. ``"complaints.{step}_days"``,
    where step is acknowledge, stage1_response, stage1_extension, stage2_acknowledge,
    stage2_response and stage2_extension), each cited by its own clause."""

    def days(step: str) -> int:
        return params.value(key.format(step=step))

    def clause(step: str) -> str:
        return params[key.format(step=step)].clause

    return (
        Timescale(
            "Stage 1 acknowledgement",
            "received",
            "acknowledged",
            days("acknowledge"),
            clause("acknowledge"),
        ),
        Timescale(
            "Stage 1 response",
            "acknowledged",
            "stage1_response",
            days("stage1_response"),
            clause("stage1_response"),
            days("stage1_extension"),
            "stage1_extension_agreed",
        ),
        Timescale(
            "Stage 2 acknowledgement",
            "stage2_requested",
            "stage2_acknowledged",
            days("stage2_acknowledge"),
            clause("stage2_acknowledge"),
        ),
        Timescale(
            "Stage 2 response",
            "stage2_acknowledged",
            "stage2_response",
            days("stage2_response"),
            clause("stage2_response"),
            days("stage2_extension"),
            "stage2_extension_agreed",
        ),
    )


@cache
def code_timescales() -> tuple[Timescale, ...]:
    """The Complaint Handling Code 2024's timescales, from complaint_code.toml."""
    from compsim.params import load_param_file

    return two_stage_timescales(load_param_file(CODE_PARAMS, "code").at(date(2024, 4, 1)), "{step}")


def check_code(complaint: Complaint | None) -> tuple[TimescaleCheck, ...]:
    """The Code's due dates for a scenario's complaint (none without a ``[complaint]``)."""
    return check_timescales(complaint, code_timescales()) if complaint is not None else ()
