"""The comparison as a table: scenarios as rows, landlords as columns, then a summary."""

from __future__ import annotations

from collections.abc import Sequence

from compsim.compare import LandlordSummary, summarise
from compsim.drafts import DRAFT_MARK
from compsim.models import CellError, Decision
from compsim.money import format_pounds
from compsim.render.safe import flat
from compsim.simulate import Cell, Row

ASSUMPTION_MARK = "*"
NOT_COMPUTED_MARK = "+"  # and more the published documents do not let compsim compute
NOT_COMPUTABLE = "not computable"


def cell_text(cell: Cell, reasons: dict[str, int] | None = None) -> str:
    """A cell: the total (with the assumption mark), ERROR, or why the claim is excluded.

    With ``reasons``, an exclusion shows a number instead, explained in a key below the table.
    """
    if isinstance(cell, CellError):
        return "ERROR"
    if cell.excluded:
        first = cell.exclusions[0]
        reason = flat(first.short or first.reason)
        if reasons is None:
            return f"excluded: {reason}"
        return f"excluded [{reasons.setdefault(reason, len(reasons) + 1)}]"
    if not cell.award.computable and cell.award.total == 0:
        return NOT_COMPUTABLE
    mark = ASSUMPTION_MARK if cell.rests_on_assumption else ""
    mark += DRAFT_MARK if cell.rests_on_draft else ""
    mark += NOT_COMPUTED_MARK if not cell.award.computable else ""
    return f"{format_pounds(cell.award.total)}{mark}"


def comparison_table(
    rows: Sequence[Row],
    columns: Sequence[str],
    markdown: bool = False,
    reasons: dict[str, int] | None = None,
) -> str:
    from tabulate import tabulate  # slow to import: only when a table is drawn

    style = "github" if markdown else "simple"
    body = [[row.scenario.id, *(cell_text(row.cells[c], reasons) for c in columns)] for row in rows]
    table = tabulate(
        body,
        headers=["scenario", *columns],
        tablefmt=style,
        colalign=("left", *("right" for _ in columns)),
        disable_numparse=True,
    )
    return table


def fitted_tables(
    rows: Sequence[Row], columns: Sequence[str], width: int
) -> tuple[list[str], dict]:
    """Tables that fit ``width`` characters, still side by side: first in full; then with
    exclusion reasons as numbered keys; then with the landlords split into groups."""
    full = comparison_table(rows, columns)
    if _widest(full) <= width:
        return [full], {}
    reasons: dict[str, int] = {}
    keyed = comparison_table(rows, columns, reasons=reasons)
    if _widest(keyed) <= width:
        return [keyed], reasons
    groups: list[list[str]] = [[]]
    for column in columns:
        trial = comparison_table(rows, [*groups[-1], column], reasons=reasons)
        if groups[-1] and _widest(trial) > width:
            groups.append([column])
        else:
            groups[-1].append(column)
    return [comparison_table(rows, group, reasons=reasons) for group in groups], reasons


def _widest(text: str) -> int:
    return max((len(line) for line in text.splitlines()), default=0)


def summary_table(summaries: Sequence[LandlordSummary], markdown: bool = False) -> str:
    from tabulate import tabulate

    lines = [
        ("scenarios", lambda s: str(s.scenarios)),
        ("claims paid", lambda s: str(s.paid)),
        ("nothing to pay", lambda s: str(s.nothing_to_pay)),
    ]
    if any(s.not_computable for s in summaries):
        lines.append(("not computable", lambda s: str(s.not_computable)))
    lines.append(("claims excluded", lambda s: str(s.excluded)))
    if any(s.errors for s in summaries):
        lines.append(("errors", lambda s: str(s.errors)))
    lines += [
        ("total paid", lambda s: format_pounds(s.total_paid)),
        ("mean paid", lambda s: format_pounds(s.mean_paid)),
        ("median paid", lambda s: format_pounds(s.median_paid)),
        ("share of total paid on assumptions", lambda s: f"{s.assumption_share * 100:.0f}%"),
        ("senior approval", lambda s: str(s.senior_approvals)),
        ("offset against debts", lambda s: str(s.offset)),
    ]
    if any(s.on_draft for s in summaries):
        lines.append(("claims resting on drafts", lambda s: str(s.on_draft)))
        lines.append(("share of total paid on drafts", lambda s: f"{s.draft_share * 100:.0f}%"))
    body = [[name, *(show(s) for s in summaries)] for name, show in lines]
    style = "github" if markdown else "simple"
    return tabulate(
        body,
        headers=["summary", *(s.column for s in summaries)],
        tablefmt=style,
        colalign=("left", *("right" for _ in summaries)),
        disable_numparse=True,
    )


def render_comparison(
    rows: Sequence[Row],
    columns: Sequence[str],
    markdown: bool = False,
    width: int | None = None,
    header: Sequence[str] = (),
) -> str:
    """The comparison, a key to it, and the per-landlord summary. Text is fitted to ``width``
    (default: the terminal's); markdown is always drawn in full. ``header`` lines (the drafts
    in force, see ``compsim.drafts.header_lines``) go above the table."""
    if markdown:
        tables, reasons = [comparison_table(rows, columns, markdown=True)], {}
    else:
        tables, reasons = fitted_tables(rows, columns, width or _terminal_width())
    mark = f"`{ASSUMPTION_MARK}`" if markdown else ASSUMPTION_MARK
    notes = [
        f"{mark} part of the award rests on an assumption parameter "
        "(see compsim explain and compsim params)"
    ]
    if any(
        isinstance(c, Decision) and c.rests_on_draft for row in rows for c in row.cells.values()
    ):
        notes.append(f"{DRAFT_MARK} part of the award rests on a draft value (--set or --params)")
    if any(
        isinstance(c, Decision) and not c.award.computable
        for row in rows
        for c in row.cells.values()
    ):
        notes.append(
            f"{NOT_COMPUTED_MARK} / {NOT_COMPUTABLE}: part of the remedy is set by a document the "
            "landlord does not publish, so compsim cannot compute it (see compsim explain)"
        )
    notes.extend(f"[{number}] excluded: {reason}" for reason, number in reasons.items())
    errors = [
        (row.scenario.id, cell)
        for row in rows
        for cell in row.cells.values()
        if isinstance(cell, CellError)
    ]
    notes.extend(f"ERROR {scenario_id} under {flat(cell.message)}" for scenario_id, cell in errors)
    parts = [*tables, "\n".join(f"- {n}" if markdown else n for n in notes)]
    if header:
        parts.insert(0, header_text(header, markdown))
    parts.append(summary_table(summarise(rows, columns), markdown))
    return "\n\n".join(parts) + "\n"


def header_text(lines: Sequence[str], markdown: bool) -> str:
    if not markdown:
        return "\n".join(lines)
    # markdown: the first line as a paragraph, the rest as a nested list
    out = [lines[0]]
    for line in lines[1:]:
        depth = (len(line) - len(line.lstrip())) // 2 - 1
        out.append(f"{'  ' * max(depth, 0)}- {line.strip()}")
    return "\n".join(out)


def _terminal_width() -> int:
    import shutil

    return shutil.get_terminal_size(fallback=(120, 24)).columns
