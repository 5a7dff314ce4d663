"""The audit: every landlord against a reference policy (the Housing Ombudsman) on the same
scenarios. Does a landlord's policy give at least what the Ombudsman would order?

Like is compared with like. The landlord's award is compared in scope: the parts the
reference does not assess (statutory home loss and disturbance payments, the valuation of
damaged belongings: award items whose ``category`` is in ``OUT_OF_SCOPE``) are left out of the
landlord's total before it is set against the reference, and reported beside it. Each
scenario and landlord then falls in one bucket, by that in-scope total against the
reference's award range (its minimum to its maximum; an open maximum has no upper end):

- ``below``: the landlord pays less than the reference minimum;
- ``within``: from the minimum to the maximum;
- ``above``: more than the maximum;
- ``excluded``: the landlord excludes a claim the reference would remedy;
- ``agreed``: both exclude the claim (agreement on exclusion: no shortfall, no range);
- ``beyond``: the landlord pays on a claim the reference would not remedy (the reference
  excludes it: legal proceedings, a matter raised too late, personal injury);
- ``error``: either plugin failed on the scenario.

Beside the award, each finding shows what the resident receives in money (paid to the
customer) and what is credited to an account: the reference offsets nothing, so a landlord
that credits the whole award to arrears is shown paying £0 in money.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs

from compsim.drafts import ColumnDrafts, csv_text, header_lines
from compsim.models import CellError, Decision
from compsim.money import ZERO, as_text, format_pounds
from compsim.render.safe import flat
from compsim.simulate import Row

BUCKETS = ("below", "within", "above", "excluded", "agreed", "beyond", "error")
CLAUSE_WIDTHS = [None, None, 30, None, None, None, 36, 40]  # wrap the award and clause columns
BUCKET_NAMES = {
    "below": "below the reference minimum",
    "within": "within the reference range",
    "above": "above the reference maximum",
    "excluded": "excluded where the reference would remedy",
    "agreed": "excluded by both (agreement on exclusion)",
    "beyond": "paid where the reference would not remedy",
    "error": "plugin error",
}
# Award item categories the reference does not assess: out of scope for the comparison.
OUT_OF_SCOPE = {
    "home-loss": "statutory home loss payment",
    "disturbance": "statutory disturbance payment",
    "belongings": "valuation of damaged belongings",
}


@attrs.frozen
class Finding:
    """One landlord's decision on one scenario, set against the reference's."""

    scenario: str
    landlord: str
    bucket: str
    landlord_total: Decimal | None  # the landlord's whole award
    reference_min: Decimal | None
    reference_total: Decimal | None
    reference_max: Decimal | None
    shortfall: Decimal  # how far below the reference minimum (0 unless below or excluded)
    landlord_clauses: str
    reference_clauses: str
    compared: Decimal | None = None  # the landlord's in-scope total, set against the reference
    out_of_scope: Decimal = ZERO  # the landlord's parts the reference does not assess
    out_of_scope_parts: str = ""
    landlord_paid: Decimal | None = None  # paid to the resident in money
    landlord_credited: Decimal | None = None  # credited to an account
    reference_paid: Decimal | None = None


def audit(rows: Sequence[Row], landlords: Sequence[str], reference: str) -> list[Finding]:
    return [
        finding(row.scenario.id, landlord, row.cells[landlord], row.cells[reference])
        for row in rows
        for landlord in landlords
    ]


def finding(scenario: str, landlord: str, cell: Any, reference: Any) -> Finding:
    if isinstance(cell, CellError) or isinstance(reference, CellError):
        return Finding(scenario, landlord, "error", None, None, None, None, ZERO, "", "")
    low, high = reference.award.min, reference.award.max
    total = cell.award.total
    outside = [item for item in cell.award.items if item.category in OUT_OF_SCOPE]
    left_out = sum((item.amount for item in outside), ZERO)
    compared = total - left_out
    remedies = not reference.excluded and reference.award.total > 0
    if cell.excluded and reference.excluded:
        bucket = "agreed"
    elif cell.excluded and remedies:
        bucket = "excluded"
    elif reference.excluded:
        bucket = "beyond" if compared > 0 else "within"
    elif compared < low:
        bucket = "below"
    elif high is not None and compared > high:
        bucket = "above"
    else:
        bucket = "within"
    shortfall = low - compared if bucket in ("below", "excluded") else ZERO
    parts = dict.fromkeys(OUT_OF_SCOPE[i.category] for i in outside if i.amount > 0)
    return Finding(
        scenario,
        landlord,
        bucket,
        total,
        low,
        reference.award.total,
        high,
        shortfall,
        clauses(cell),
        clauses(reference),
        compared=compared,
        out_of_scope=left_out,
        out_of_scope_parts="; ".join(parts),
        landlord_paid=cell.settlement.paid_to_customer,
        landlord_credited=cell.settlement.credited_to_account,
        reference_paid=reference.settlement.paid_to_customer,
    )


def clauses(decision: Decision) -> str:
    """The clauses a decision rests on: its exclusions, or the items that pay something."""
    if decision.excluded:
        cited = [e.clause for e in decision.exclusions]
    else:
        cited = [item.clause for item in decision.award.items if item.amount > 0]
    return "; ".join(dict.fromkeys(cited)) or decision.impact.clause


@attrs.frozen
class BucketCounts:
    landlord: str
    scenarios: int
    counts: dict[str, int]

    def share(self, bucket: str) -> Decimal:
        return Decimal(self.counts[bucket]) / self.scenarios if self.scenarios else ZERO


def count_buckets(findings: Sequence[Finding], landlords: Sequence[str]) -> list[BucketCounts]:
    result = []
    for landlord in landlords:
        mine = [f for f in findings if f.landlord == landlord]
        counts = {bucket: sum(f.bucket == bucket for f in mine) for bucket in BUCKETS}
        result.append(BucketCounts(landlord, len(mine), counts))
    return result


@attrs.frozen
class MoneyInHand:
    """Across one landlord's findings: the awards, and how much of them is paid in money."""

    landlord: str
    awarded: Decimal
    paid: Decimal
    credited: Decimal
    credited_in_full: int  # awards wholly credited to an account (nothing paid in money)


def money_in_hand(findings: Sequence[Finding], landlords: Sequence[str]) -> list[MoneyInHand]:
    result = []
    for landlord in landlords:
        mine = [f for f in findings if f.landlord == landlord and f.bucket != "error"]
        result.append(
            MoneyInHand(
                landlord,
                sum((f.landlord_total or ZERO for f in mine), ZERO),
                sum((f.landlord_paid or ZERO for f in mine), ZERO),
                sum((f.landlord_credited or ZERO for f in mine), ZERO),
                sum(
                    1
                    for f in mine
                    if f.landlord_total and f.landlord_total > 0 and not f.landlord_paid
                ),
            )
        )
    return result


MONEY_ROWS = (
    ("awarded (all scenarios)", lambda m: format_pounds(m.awarded)),
    ("paid in money", lambda m: format_pounds(m.paid)),
    ("credited to an account", lambda m: format_pounds(m.credited)),
    ("awards wholly credited, none paid", lambda m: str(m.credited_in_full)),
)


def largest_shortfalls(findings: Sequence[Finding], top: int) -> list[Finding]:
    short = [f for f in findings if f.shortfall > 0]
    return sorted(short, key=lambda f: (-f.shortfall, f.landlord, f.scenario))[:top]


# ---------------------------------------------------------------- output


def render_audit(
    findings: Sequence[Finding],
    landlords: Sequence[str],
    reference: str,
    fmt: str,
    top: int,
    in_force: Sequence[ColumnDrafts] = (),
) -> str:
    """The audit in ``fmt``; ``in_force`` (``compsim.drafts.in_force``) names the draft values
    the landlords or the reference ran with: a header above the tables, a ``drafts`` field in
    JSON, ``landlord_drafts`` and ``reference_drafts`` columns in CSV."""
    if fmt == "json":
        return _json(findings, landlords, reference, top, in_force)
    if fmt == "csv":
        return _csv(findings, reference, in_force)
    tables = _tables(findings, landlords, reference, top, markdown=fmt == "markdown")
    header = header_lines(in_force, mark="")
    return "\n".join([*header, "", tables]) if header else tables


def _tables(findings, landlords, reference, top, markdown: bool) -> str:
    from tabulate import tabulate

    style = "github" if markdown else "simple"
    counts = count_buckets(findings, landlords)
    buckets = [b for b in BUCKETS if b != "error" or any(c.counts["error"] for c in counts)]
    body = [
        [
            BUCKET_NAMES[bucket],
            *(f"{c.counts[bucket]} ({c.share(bucket) * 100:.0f}%)" for c in counts),
        ]
        for bucket in buckets
    ]
    scenarios = counts[0].scenarios if counts else 0
    summary = tabulate(
        body,
        headers=[f"against {reference} ({scenarios} scenarios)", *landlords],
        tablefmt=style,
        disable_numparse=True,
        colalign=("left", *("right" for _ in landlords)),
    )
    money = tabulate(
        [
            [name, *(cell(m) for m in money_in_hand(findings, landlords))]
            for name, cell in MONEY_ROWS
        ],
        headers=["what the resident receives", *landlords],
        tablefmt=style,
        disable_numparse=True,
        colalign=("left", *("right" for _ in landlords)),
    )
    summary = f"{summary}\n\n{money}"
    shortfalls = largest_shortfalls(findings, top)
    rows = [
        [
            f.landlord,
            flat(f.scenario),
            _pays(f),
            format_pounds(f.landlord_paid),
            f"{format_pounds(f.reference_min)} to {format_pounds(f.reference_max)}",
            format_pounds(f.shortfall),
            flat(f.landlord_clauses),  # a plugin's text: escaped, like every table cell
            flat(f.reference_clauses),
        ]
        for f in shortfalls
    ]
    detail = tabulate(
        rows,
        headers=[
            "landlord",
            "scenario",
            "award (in scope)",
            "in money",
            "reference range",
            "shortfall",
            "landlord's clauses",
            "reference's clauses",
        ],
        tablefmt=style,
        disable_numparse=True,
        maxcolwidths=None if markdown else CLAUSE_WIDTHS,
    )
    title = f"Largest shortfalls against the reference minimum (top {top})"
    heading = f"### {title}" if markdown else title
    note = (
        "Compared in scope: parts the reference does not assess ("
        + ", ".join(OUT_OF_SCOPE.values())
        + ") are left out of the landlord's award. 'in money' is what the resident receives "
        "paid, not credited to an account; the reference offsets nothing."
    )
    return f"{summary}\n\n{heading}\n\n{detail if rows else 'None.'}\n\n{note}\n"


def _pays(f: Finding) -> str:
    """The landlord's award, with the in-scope part compared when some is out of scope."""
    if f.out_of_scope > 0:
        return (
            f"{format_pounds(f.landlord_total)} ({format_pounds(f.compared)} in scope; "
            f"{format_pounds(f.out_of_scope)} {f.out_of_scope_parts} left out)"
        )
    return format_pounds(f.landlord_total)


def _json(findings, landlords, reference, top, in_force) -> str:
    import json

    summary = [
        {
            "landlord": c.landlord,
            "scenarios": c.scenarios,
            **{b: {"count": c.counts[b], "share": f"{c.share(b):.4f}"} for b in BUCKETS},
        }
        for c in count_buckets(findings, landlords)
    ]
    money = [
        {
            "landlord": m.landlord,
            "awarded": as_text(m.awarded),
            "paid_to_customer": as_text(m.paid),
            "credited_to_account": as_text(m.credited),
            "credited_in_full": m.credited_in_full,
        }
        for m in money_in_hand(findings, landlords)
    ]
    data = {
        "reference": reference,
        "drafts": [c.record() for c in in_force],
        "money_in_hand": money,
        "out_of_scope_categories": OUT_OF_SCOPE,
        "summary": summary,
        "largest_shortfalls": [_record(f) for f in largest_shortfalls(findings, top)],
        "findings": [_record(f) for f in findings],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _record(f: Finding) -> dict[str, Any]:
    return {
        "scenario": f.scenario,
        "landlord": f.landlord,
        "bucket": f.bucket,
        "landlord_total": as_text(f.landlord_total),
        "landlord_in_scope": as_text(f.compared),
        "out_of_scope": as_text(f.out_of_scope),
        "out_of_scope_parts": f.out_of_scope_parts,
        "landlord_paid_to_customer": as_text(f.landlord_paid),
        "landlord_credited_to_account": as_text(f.landlord_credited),
        "reference_paid_to_customer": as_text(f.reference_paid),
        "reference_min": as_text(f.reference_min),
        "reference_total": as_text(f.reference_total),
        "reference_max": as_text(f.reference_max),
        "shortfall": as_text(f.shortfall),
        "landlord_clauses": f.landlord_clauses,
        "reference_clauses": f.reference_clauses,
    }


def _csv(findings, reference, in_force) -> str:
    import csv
    import io

    drafted = csv_text(in_force)
    out = io.StringIO()
    columns = [*_record(findings[0]), "landlord_drafts", "reference_drafts"] if findings else []
    writer = csv.DictWriter(out, fieldnames=columns or ["scenario"], lineterminator="\n")
    writer.writeheader()
    for f in findings:
        record = _record(f)
        if f.bucket != "error" and f.reference_max is None:
            record["reference_max"] = "open"
        record["landlord_drafts"] = drafted.get(f.landlord, "")
        record["reference_drafts"] = drafted.get(reference, "")
        writer.writerow({k: flat(v) if isinstance(v, str) else v for k, v in record.items()})
    return out.getvalue()
