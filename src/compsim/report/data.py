"""Everything a report holds, as plain data: built once, drawn as HTML or Markdown.

Nothing here imports Jinja2 or matplotlib; the charts and pages are drawn from this data by
``charts``, ``html`` and ``markdown`` beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import attrs

from compsim import audit as audit_module
from compsim.compare import LandlordSummary, summarise
from compsim.diff import Diff
from compsim.drafts import DRAFT_MARK, ColumnDrafts
from compsim.models import ASSUMPTION, DRAFT, CellError, Decision
from compsim.money import ZERO, format_pounds
from compsim.plugins import Policy
from compsim.render.explain import explain
from compsim.render.table import ASSUMPTION_MARK, cell_text
from compsim.simulate import Row


@attrs.frozen
class Cell:
    """One figure in the side-by-side table, with what a reader sees on hover."""

    text: str
    hover: str  # the clauses (or the exclusion, or the error)
    kind: str  # paid, excluded, error
    assumption: bool
    draft: bool


@attrs.frozen
class ScenarioRow:
    id: str
    title: str
    source: str
    cells: tuple[Cell, ...]
    explanations: tuple[tuple[str, str], ...]  # (column, explain text)


@attrs.frozen
class PolicyDoc:
    column: str
    landlord: str
    documents: tuple[str, ...]
    version: str
    reference: bool
    draft_of: str  # the policy a variant changes ("" for a published policy)


@attrs.frozen
class AuditPart:
    reference: str
    landlords: tuple[str, ...]
    buckets: tuple[str, ...]  # in the audit's order, whatever names it uses
    bucket_names: dict[str, str]
    counts: tuple[Any, ...]  # audit.BucketCounts per landlord
    shortfalls: tuple[Any, ...]  # audit.Finding, the largest first
    top: int
    shortfall_totals: dict[str, Decimal]  # landlord -> all its shortfalls added up


@attrs.frozen
class Report:
    title: str
    generated: str  # UTC date and time
    compsim_version: str
    command: str
    scenario_count: int
    columns: tuple[str, ...]
    policies: tuple[PolicyDoc, ...]
    drafts: tuple[ColumnDrafts, ...]
    rows: tuple[ScenarioRow, ...]
    summaries: tuple[LandlordSummary, ...]
    audit: AuditPart | None
    audit_note: str
    diff: Diff | None
    diff_drafts: tuple[ColumnDrafts, ...]
    awards: dict[str, list[Any]]  # column -> award per scenario (None: excluded or error)


def build(
    rows: Sequence[Row],
    policies: Sequence[Policy],
    drafts: Sequence[ColumnDrafts],
    command: str = "",
    diff: Diff | None = None,
    diff_drafts: Sequence[ColumnDrafts] = (),
    reference: str = "ombudsman",
    top: int = 10,
    now: datetime | None = None,
) -> Report:
    columns = tuple(p.column for p in policies)
    by_column = {p.column: p for p in policies}
    audit_part, audit_note = _audit(rows, policies, reference, top)
    return Report(
        title="compsim report",
        generated=(now or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC"),
        compsim_version=_version(),
        command=command,
        scenario_count=len(rows),
        columns=columns,
        policies=tuple(
            PolicyDoc(
                p.column,
                p.info.landlord,
                p.info.documents,
                p.info.version,
                p.info.reference,
                p.variant.base if p.variant else "",
            )
            for p in policies
        ),
        drafts=tuple(drafts),
        rows=tuple(
            ScenarioRow(
                row.scenario.id,
                row.scenario.title,
                row.scenario.source,
                tuple(_cell(row.cells[c]) for c in columns),
                tuple((c, explain(row.cells[c], by_column[c])) for c in columns),
            )
            for row in rows
        ),
        summaries=tuple(summarise(rows, columns)),
        audit=audit_part,
        audit_note=audit_note,
        diff=diff,
        diff_drafts=tuple(diff_drafts),
        awards={
            c: [
                row.cells[c].award.total
                if isinstance(row.cells[c], Decision) and not row.cells[c].excluded
                else None
                for row in rows
            ]
            for c in columns
        },
    )


def _cell(cell: Any) -> Cell:
    if isinstance(cell, CellError):
        return Cell("ERROR", cell.message, "error", False, False)
    if cell.excluded:
        hover = "; ".join(f"{e.reason} [{e.clause}]" for e in cell.exclusions)
        return Cell(cell_text(cell), hover, "excluded", False, False)
    items = [i for i in cell.award.items if i.amount > 0]
    hover = "; ".join(
        f"{i.label}: {format_pounds(i.amount)} ({i.basis}) [{i.clause}]" for i in items
    )
    text = format_pounds(cell.award.total)
    return Cell(
        text,
        hover or f"Nothing to pay [{cell.impact.clause}]",
        "paid",
        cell.rests_on(ASSUMPTION),
        cell.rests_on(DRAFT),
    )


def _audit(
    rows: Sequence[Row], policies: Sequence[Policy], reference: str, top: int
) -> tuple[AuditPart | None, str]:
    columns = [p.column for p in policies]
    if reference not in columns:
        return None, f"The reference ({reference}) is not in this selection, so there is no audit."
    landlords = [p.column for p in policies if p.column != reference and not p.info.reference]
    if not landlords:
        return None, "No landlord in this selection to set against the reference."
    findings = audit_module.audit(rows, landlords, reference)
    counts = audit_module.count_buckets(findings, landlords)
    # the audit's own bucket order and names; a bucket this code has never heard of still shows
    order = list(getattr(audit_module, "BUCKETS", ()))
    for c in counts:
        order.extend(b for b in c.counts if b not in order)
    used = [b for b in order if any(c.counts.get(b) for c in counts) or b != "error"]
    names = dict(getattr(audit_module, "BUCKET_NAMES", {}))
    return (
        AuditPart(
            reference,
            tuple(landlords),
            tuple(b for b in used if any(b in c.counts for c in counts)),
            {b: names.get(b, b.replace("-", " ").replace("_", " ")) for b in used},
            tuple(counts),
            tuple(audit_module.largest_shortfalls(findings, top)),
            top,
            {
                landlord: sum((f.shortfall for f in findings if f.landlord == landlord), ZERO)
                for landlord in landlords
            },
        ),
        "",
    )


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("compsim")
    except PackageNotFoundError:
        return "unknown"


MARKS = {"assumption": ASSUMPTION_MARK, "draft": DRAFT_MARK}
