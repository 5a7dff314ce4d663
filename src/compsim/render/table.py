"""The comparison as a table: scenarios as rows, landlords as columns, then a summary."""

from __future__ import annotations

from collections.abc import Sequence

from compsim.compare import LandlordSummary, summarise
from compsim.models import CellError
from compsim.money import format_pounds
from compsim.simulate import Cell, Row

ASSUMPTION_MARK = "*"


def cell_text(cell: Cell) -> str:
    if isinstance(cell, CellError):
        return "ERROR"
    if cell.excluded:
        first = cell.exclusions[0]
        return f"excluded: {first.short or first.reason}"
    mark = ASSUMPTION_MARK if cell.rests_on_assumption else ""
    return f"{format_pounds(cell.award.total)}{mark}"


def comparison_table(rows: Sequence[Row], columns: Sequence[str], markdown: bool = False) -> str:
    from tabulate import tabulate  # slow to import: only when a table is drawn

    style = "github" if markdown else "simple"
    body = [[row.scenario.id, *(cell_text(row.cells[c]) for c in columns)] for row in rows]
    table = tabulate(
        body,
        headers=["scenario", *columns],
        tablefmt=style,
        colalign=("left", *("right" for _ in columns)),
        disable_numparse=True,
    )
    return table


def summary_table(summaries: Sequence[LandlordSummary], markdown: bool = False) -> str:
    from tabulate import tabulate

    lines = [
        ("claims paid", lambda s: str(s.paid)),
        ("claims excluded", lambda s: str(s.excluded)),
        ("total paid", lambda s: format_pounds(s.total_paid)),
        ("mean paid", lambda s: format_pounds(s.mean_paid)),
        ("median paid", lambda s: format_pounds(s.median_paid)),
        ("share on assumptions", lambda s: f"{s.assumption_share * 100:.0f}%"),
        ("senior approval", lambda s: str(s.senior_approvals)),
        ("offset against debts", lambda s: str(s.offset)),
    ]
    if any(s.errors for s in summaries):
        lines.append(("errors", lambda s: str(s.errors)))
    body = [[name, *(show(s) for s in summaries)] for name, show in lines]
    style = "github" if markdown else "simple"
    return tabulate(
        body,
        headers=["summary", *(s.column for s in summaries)],
        tablefmt=style,
        colalign=("left", *("right" for _ in summaries)),
        disable_numparse=True,
    )


def render_comparison(rows: Sequence[Row], columns: Sequence[str], markdown: bool = False) -> str:
    parts = [comparison_table(rows, columns, markdown)]
    mark = f"`{ASSUMPTION_MARK}`" if markdown else ASSUMPTION_MARK
    notes = [
        f"{mark} part of the award rests on an assumption parameter "
        "(see compsim explain and compsim params)"
    ]

    errors = [
        (row.scenario.id, cell)
        for row in rows
        for cell in row.cells.values()
        if isinstance(cell, CellError)
    ]
    notes.extend(f"ERROR {scenario_id} under {cell.message}" for scenario_id, cell in errors)
    parts.append("\n".join(f"- {n}" if markdown else n for n in notes))
    parts.append(summary_table(summarise(rows, columns), markdown))
    return "\n\n".join(parts) + "\n"
