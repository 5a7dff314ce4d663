"""One scenario over a range of one input, through every policy: where are the cliffs?

``--vary FIELD=START..END[:STEP]`` names a field of the scenario format by its dotted path
(``household.weekly_rent``, ``failure.reports``, ``costs.1.amount``) or one of the derived
inputs below, and the values to try:

- a number field: ``household.weekly_rent=50..200:10`` (step 1 when not given);
- a choice field: ``failure.distress=none..severe`` (the choices between, in the format's
  order);
- a true/false field: ``failure.persistent=false..true``;
- a date field: dates (``dates.claimed=2026-01-01..2026-06-30:7``, step in days) or whole
  numbers, read as days after ``dates.occurred`` (``dates.resolved=0..60``);
- ``loss_days=0..60``: the days from ``dates.occurred`` to ``dates.resolved`` (the days a
  kitchen was lost, say);
- ``claim_delay_days=0..400:7``: the days from the loss end to ``dates.claimed``.

Each value is written into the scenario's own data and loaded by the scenario loader, so every
default that depends on it follows (an amenity lost until ``resolved`` moves with it) and a
value the format refuses is reported like a bad file.
"""

from __future__ import annotations

import copy
import json
import re
import statistics
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import attrs

from compsim.caseload.csvfile import column_kind
from compsim.drafts import DRAFT_MARK, ColumnDrafts, header_lines
from compsim.errors import CompsimError, ScenarioErrors
from compsim.models import Decision, Scenario
from compsim.money import as_text, format_pounds
from compsim.plugins import Policy
from compsim.simulate import Cell, evaluate_cell

MAX_POINTS = 2_000
DERIVED = ("loss_days", "claim_delay_days")


@attrs.frozen
class Vary:
    field: str
    values: tuple[Any, ...]

    def label(self, value: Any) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)


@attrs.frozen
class Point:
    value: Any
    cells: dict[str, Cell]


@attrs.frozen
class Sweep:
    scenario: Scenario
    vary: Vary
    columns: tuple[str, ...]
    points: tuple[Point, ...]


def _choices_of(field_path: str) -> tuple[str, ...]:
    cls: Any = Scenario
    for part in field_path.split("."):
        if part.isdigit():
            continue
        field = {(f.metadata.get("key") or f.name): f for f in attrs.fields(cls)}[part]
        if field.metadata.get("kind") in ("section", "optional-section", "sections"):
            cls = field.metadata["type"]
        else:
            return tuple(field.metadata.get("choices", ()))
    return ()


def parse_vary(text: str) -> Vary:
    """``FIELD=START..END[:STEP]`` → the field and the values to try."""
    field, equals, spec = text.partition("=")
    field = field.strip()
    match = re.fullmatch(r"\s*([^.]+(?:\.[^.]+)*?)\.\.([^:]+?)(?::(.+))?\s*", spec)
    where = f"--vary {text}"
    if not equals or not field or match is None:
        raise CompsimError(
            f"{where}: expected FIELD=START..END[:STEP], e.g. household.weekly_rent=50..200:10"
        )
    start, end, step = match[1].strip(), match[2].strip(), (match[3] or "").strip()
    kind = "int" if field in DERIVED else column_kind(field)
    if kind is None or kind in ("text", "texts", "id", "choices"):
        raise CompsimError(
            f"{where}: {field!r} is not a field that can be varied; expected a number, date, "
            "choice or true/false field of the scenario format (e.g. household.weekly_rent, "
            f"dates.resolved, failure.distress) or one of {', '.join(DERIVED)}"
        )
    if kind == "choice":
        choices = _choices_of(field)
        if start not in choices or end not in choices or step:
            raise CompsimError(f"{where}: expected two of {', '.join(choices)} (and no step)")
        low, high = sorted((choices.index(start), choices.index(end)))
        return Vary(field, tuple(choices[low : high + 1]))
    if kind == "bool":
        if {start, end} - {"false", "true"} or step:
            raise CompsimError(f"{where}: expected false..true")
        return Vary(field, (False, True) if start != end else (start == "true",))
    if kind == "date" and "-" in start[1:]:
        try:
            first, last = date.fromisoformat(start), date.fromisoformat(end)
            days = int(step or 1)
        except ValueError:
            raise CompsimError(
                f"{where}: expected dates such as 2026-01-05 and a step in days"
            ) from None
        if days < 1 or last < first:
            raise CompsimError(f"{where}: expected START <= END and a step of at least 1 day")
        values = []
        day = first
        while day <= last and len(values) <= MAX_POINTS:
            values.append(day)
            day += timedelta(days=days)
        return Vary(field, _bounded(values, where))
    try:
        first_n, last_n = Decimal(start), Decimal(end)
        step_n = Decimal(step or 1)
    except InvalidOperation:
        raise CompsimError(f"{where}: expected numbers for START, END and STEP") from None
    if not (first_n.is_finite() and last_n.is_finite() and step_n.is_finite()):
        raise CompsimError(f"{where}: expected finite numbers")
    if step_n <= 0 or last_n < first_n:
        raise CompsimError(f"{where}: expected START <= END and a STEP above 0")
    if kind in ("int", "date") and any(v != v.to_integral_value() for v in (first_n, step_n)):
        raise CompsimError(f"{where}: {field} takes whole numbers")
    if (last_n - first_n) / step_n > MAX_POINTS:
        raise CompsimError(f"{where}: at most {MAX_POINTS:,} values; use a larger STEP")
    values = []
    value = first_n
    while value <= last_n:
        values.append(int(value) if kind in ("int", "date") else value)
        value += step_n
    return Vary(field, _bounded(values, where))


def _bounded(values: list[Any], where: str) -> tuple[Any, ...]:
    if len(values) > MAX_POINTS:
        raise CompsimError(f"{where}: at most {MAX_POINTS:,} values; use a larger STEP")
    return tuple(values)


def _set(data: dict[str, Any], field: str, value: Any) -> None:
    parts = field.split(".")
    target: Any = data
    for index, part in enumerate(parts[:-1]):
        if part.isdigit():
            number = int(part)
            if not isinstance(target, list) or not 1 <= number <= len(target):
                raise CompsimError(
                    f"--vary {field}: the scenario has no entry {number} in "
                    f"{'.'.join(parts[:index])}"
                )
            target = target[number - 1]
        else:
            following = parts[index + 1]
            target = target.setdefault(part, [] if following.isdigit() else {})
    target[parts[-1]] = value


def _loss_end(data: dict[str, Any]) -> date:
    dates = data["dates"]
    return dates.get("resolved") or dates["claimed"]


def scenario_at(raw: dict[str, Any], source: str, stem: str, vary: Vary, value: Any) -> Scenario:
    from compsim.scenarios import load_data

    data = copy.deepcopy(raw)
    dates = data.get("dates", {})
    if vary.field == "loss_days":
        dates["resolved"] = dates["occurred"] + timedelta(days=value)
    elif vary.field == "claim_delay_days":
        dates["claimed"] = _loss_end(data) + timedelta(days=value)
    elif column_kind(vary.field) == "date" and isinstance(value, int):
        _set(data, vary.field, dates["occurred"] + timedelta(days=value))
    else:
        _set(data, vary.field, value)
    try:
        return load_data(data, f"{source} with {vary.field} = {vary.label(value)}", stem)
    except ScenarioErrors as errors:
        raise CompsimError(str(errors.errors[0])) from None


def run_sweep(path: Path, vary: Vary, policies: Sequence[Policy]) -> Sweep:
    import tomllib

    from compsim.scenarios import load_file

    base = load_file(path)  # the file as it is must be valid first
    raw = tomllib.loads(path.read_text(encoding="utf-8-sig"), parse_float=Decimal)
    raw.pop("expected", None)  # golden outcomes hold for the file's own values only
    stem = base.id
    raw.setdefault("id", stem)
    points = []
    for value in vary.values:
        scenario = scenario_at(raw, str(path), stem, vary, value)
        points.append(Point(value, {p.column: evaluate_cell(scenario, p) for p in policies}))
    return Sweep(base, vary, tuple(p.column for p in policies), tuple(points))


# ---------------------------------------------------------------- rendering


def _cell_text(cell: Cell) -> str:
    from compsim.render.table import cell_text

    text = cell_text(cell)
    if isinstance(cell, Decision) and cell.approval.senior and not cell.excluded:
        text += " ^"
    return text


def render_sweep(sweep: Sweep, fmt: str, in_force: Sequence[ColumnDrafts] = ()) -> str:
    """The sweep in ``fmt``; ``in_force`` (``compsim.drafts.in_force``) names the draft values
    the columns ran with: a header above the table, a ``drafts`` field in JSON (CSV, a grid
    of totals, carries none)."""
    if fmt == "json":
        return _json(sweep, in_force)
    if fmt == "csv":
        return _csv(sweep)
    from tabulate import tabulate

    markdown = fmt == "markdown"
    rows = [
        [sweep.vary.label(p.value), *(_cell_text(p.cells[c]) for c in sweep.columns)]
        for p in sweep.points
    ]
    table = tabulate(
        rows,
        headers=[sweep.vary.field, *sweep.columns],
        tablefmt="github" if markdown else "simple",
        disable_numparse=True,
        colalign=("left", *("right" for _ in sweep.columns)),
    )
    title = f"{sweep.scenario.id}: {sweep.scenario.title}, varying {sweep.vary.field}"
    on_draft = f"{DRAFT_MARK} on a draft value; " if in_force else ""
    notes = (
        f"* part of the award rests on an assumption; {on_draft}^ senior approval needed; "
        "an excluded claim shows its first reason."
    )
    cliffs = describe_cliffs(sweep)
    parts = [f"## {title}" if markdown else title, *_drafts_header(in_force), table, notes]
    if cliffs:
        parts.append("Cliffs:\n" + "\n".join(cliffs))
    return "\n\n".join(parts) + "\n"


def _drafts_header(in_force: Sequence[ColumnDrafts]) -> list[str]:
    lines = header_lines(in_force)
    return ["\n".join(lines)] if lines else []


def _total(cell: Cell) -> Decimal | None:
    return cell.award.total if isinstance(cell, Decision) else None


def describe_cliffs(sweep: Sweep) -> list[str]:
    """Per landlord, the cliffs: steps between neighbouring values where the claim is excluded
    or covered, senior approval starts or stops, or the award jumps (by at least a tenth of
    itself and three times the landlord's median step, so a steady ramp is no cliff)."""
    lines = []
    for column in sweep.columns:
        pairs = list(zip(sweep.points, sweep.points[1:], strict=False))
        steps = [
            abs(b - a)
            for left, right in pairs
            if (a := _total(left.cells[column])) is not None
            and (b := _total(right.cells[column])) is not None
        ]
        typical = statistics.median(steps) if steps else Decimal(0)
        found = []
        for left, right in pairs:
            before, after = left.cells[column], right.cells[column]
            if not isinstance(before, Decision) or not isinstance(after, Decision):
                continue
            a, b = before.award.total, after.award.total
            why = []
            if before.excluded != after.excluded:
                why.append("now excluded" if after.excluded else "no longer excluded")
            if before.approval.senior != after.approval.senior:
                why.append("senior approval" if after.approval.senior else "usual approval")
            jump = abs(b - a)
            if jump and jump >= max(a, b) / 10 and jump >= 3 * typical:
                why.append("the award jumps")
            if why:
                found.append(
                    f"- {column}: {format_pounds(a)} at {sweep.vary.label(left.value)} → "
                    f"{format_pounds(b)} at {sweep.vary.label(right.value)} ({', '.join(why)})"
                )
        lines.extend(found[:3])
        if len(found) > 3:
            lines.append(f"- {column}: {len(found) - 3} more")
    return lines


def _record(cell: Cell) -> dict[str, Any]:
    if not isinstance(cell, Decision):
        return {"error": cell.message}
    return {
        "total": as_text(cell.award.total),
        "excluded": cell.excluded,
        "exclusions": [e.short or e.reason for e in cell.exclusions],
        "paid_to_customer": as_text(cell.settlement.paid_to_customer),
        "senior_approval": cell.approval.senior,
        "rests_on_assumption": cell.rests_on_assumption,
        "rests_on_draft": cell.rests_on_draft,
    }


def _json(sweep: Sweep, in_force: Sequence[ColumnDrafts]) -> str:
    document = {
        "scenario": sweep.scenario.id,
        "field": sweep.vary.field,
        "drafts": [c.record() for c in in_force],
        "points": [
            {
                "value": sweep.vary.label(p.value),
                "cells": {c: _record(p.cells[c]) for c in sweep.columns},
            }
            for p in sweep.points
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _csv(sweep: Sweep) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [sweep.vary.field, *(f"{c}{suffix}" for c in sweep.columns for suffix in ("", " excluded"))]
    )
    for point in sweep.points:
        row = [sweep.vary.label(point.value)]
        for column in sweep.columns:
            record = _record(point.cells[column])
            row.extend([record.get("total", ""), str(record.get("excluded", "")).lower()])
        writer.writerow(row)
    return out.getvalue()


# ---------------------------------------------------------------- the chart


def draw_chart(sweep: Sweep, path: Path) -> None:
    """One line per landlord (a step line: awards jump at thresholds); a cross where the claim
    is excluded, a triangle where senior approval is needed."""
    from compsim.charts import pounds_axis, pyplot_for, save_chart, style

    plt = pyplot_for(path)

    numeric = all(isinstance(p.value, int | Decimal | date) for p in sweep.points)
    xs = [p.value if numeric else index for index, p in enumerate(sweep.points)]
    xs = [float(x) if isinstance(x, Decimal) else x for x in xs]
    figure, axes = plt.subplots(figsize=(9, 5), dpi=110)
    for number, column in enumerate(sweep.columns):
        look = style(number)
        colour = look["color"]
        ys = [float(_total(p.cells[column]) or 0) for p in sweep.points]
        axes.step(xs, ys, where="post", label=column, linewidth=1.8, **look)
        excluded = [
            (x, y)
            for x, y, p in zip(xs, ys, sweep.points, strict=True)
            if isinstance(p.cells[column], Decision) and p.cells[column].excluded
        ]
        senior = [
            (x, y)
            for x, y, p in zip(xs, ys, sweep.points, strict=True)
            if isinstance(p.cells[column], Decision) and p.cells[column].approval.senior
        ]
        if excluded:
            axes.scatter(*zip(*excluded, strict=True), marker="x", color=colour, s=28, zorder=3)
        if senior:
            axes.scatter(*zip(*senior, strict=True), marker="^", color=colour, s=22, zorder=3)
    if not numeric:
        axes.set_xticks(range(len(sweep.points)), [sweep.vary.label(p.value) for p in sweep.points])
    axes.scatter([], [], marker="x", color="#444444", label="excluded (× at £0)")
    axes.scatter([], [], marker="^", color="#444444", label="senior approval needed")
    axes.set_title(f"{sweep.scenario.id}: award as {sweep.vary.field} varies")
    axes.set_xlabel(sweep.vary.field)
    pounds_axis(axes.yaxis)
    axes.set_ylabel("award (£)")
    axes.grid(True, color="#dddddd", linewidth=0.6)
    axes.legend(loc="best", fontsize="small")
    figure.tight_layout()
    save_chart(figure, path)
