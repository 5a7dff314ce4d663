"""A caseload's tally in every compare format: per landlord, cost, spread, exclusions, and the
draft against the baseline when asked."""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from compsim.caseload.tally import PolicyTally, Tally
from compsim.drafts import ColumnDrafts, csv_text, header_lines
from compsim.money import as_text, format_pounds


def _percent(part: int | Decimal, whole: int | Decimal) -> str:
    return f"{Decimal(part) / Decimal(whole) * 100:.1f}%" if whole else "-"


METRICS = (
    ("cases", "cases decided", lambda t: f"{t.decided:,}"),
    ("total", "total cost", lambda t: format_pounds(t.total)),
    ("mean", "mean award per case", lambda t: format_pounds(t.mean)),
    ("median", "median award", lambda t: format_pounds(t.quantile(50))),
    ("p90", "90th percentile award", lambda t: format_pounds(t.quantile(90))),
    ("p99", "99th percentile award", lambda t: format_pounds(t.quantile(99))),
    ("paid", "cases paid something", lambda t: _percent(t.paid, t.decided)),
    ("excluded", "exclusion rate", lambda t: _percent(t.excluded, t.decided)),
    ("senior", "senior-approval rate", lambda t: _percent(t.senior, t.decided)),
    (
        "offset",
        "share of money set against debts",
        lambda t: _percent(t.offset_money, t.total),
    ),
    (
        "assumption",
        "share of money resting on assumptions",
        lambda t: _percent(t.assumption_money, t.total),
    ),
    ("draft", "share of money resting on drafts", lambda t: _percent(t.draft_money, t.total)),
    ("errors", "plugin errors", lambda t: f"{t.errors:,}"),
)


def tally_record(tally: Tally) -> dict[str, Any]:
    policies = {}
    for column in tally.columns:
        t = tally.policies[column]
        policies[column] = {
            "cases": t.cases,
            "decided": t.decided,
            "errors": t.errors,
            "total": as_text(t.total),
            "mean": as_text(t.mean),
            "median": as_text(t.quantile(50)),
            "p90": as_text(t.quantile(90)),
            "p99": as_text(t.quantile(99)),
            "paid": t.paid,
            "excluded": t.excluded,
            "excluded_by_reason": dict(sorted(t.reasons.items(), key=lambda kv: (-kv[1], kv[0]))),
            "senior_approvals": t.senior,
            "offset_cases": t.offset_cases,
            "offset_against_debts": as_text(t.offset_money),
            "resting_on_assumptions": as_text(t.assumption_money),
            "resting_on_drafts": as_text(t.draft_money),
            "error_examples": t.error_examples,
        }
    record: dict[str, Any] = {"policies": policies}
    if tally.diff is not None and tally.diff_sides is not None:
        d = tally.diff
        record["diff"] = {
            "baseline": tally.diff_sides[0],
            "draft": tally.diff_sides[1],
            "cases": d.cases,
            "baseline_total": as_text(d.baseline_total),
            "draft_total": as_text(d.draft_total),
            "change": _signed(d.change),
            "more": d.more,
            "less": d.less,
            "same": d.same,
            "gained": as_text(d.gained),
            "lost": as_text(d.lost),
            "newly_excluded": d.newly_excluded,
            "newly_covered": d.newly_covered,
        }
    return record


def _signed(amount: Decimal) -> str:
    return f"-{as_text(-amount)}" if amount < 0 else as_text(amount)


def render_tally(tally: Tally, fmt: str, title: str, in_force: Sequence[ColumnDrafts] = ()) -> str:
    """The tally in ``fmt``; ``in_force`` (``compsim.drafts.in_force``) names the draft values
    the columns ran with: a header above the tables, a ``drafts`` field in JSON, a ``drafts``
    row in CSV."""
    if fmt == "json":
        document = {"caseload": title, "drafts": [c.record() for c in in_force]}
        document.update(tally_record(tally))
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        return _csv(tally, in_force)
    return _tables(tally, title, markdown=fmt == "markdown", header=header_lines(in_force, mark=""))


def _csv(tally: Tally, in_force: Sequence[ColumnDrafts]) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["metric", *tally.columns])
    record = tally_record(tally)["policies"]
    for key in (
        "cases",
        "errors",
        "total",
        "mean",
        "median",
        "p90",
        "p99",
        "paid",
        "excluded",
        "senior_approvals",
        "offset_cases",
        "offset_against_debts",
        "resting_on_assumptions",
        "resting_on_drafts",
    ):
        writer.writerow([key, *(record[c][key] for c in tally.columns)])
    drafted = csv_text(in_force)
    if drafted:
        writer.writerow(["drafts", *(drafted.get(c, "") for c in tally.columns)])
    reasons = sorted({r for c in tally.columns for r in tally.policies[c].reasons})
    for reason in reasons:
        writer.writerow(
            [f"excluded: {reason}", *(tally.policies[c].reasons[reason] for c in tally.columns)]
        )
    return out.getvalue()


def _tables(tally: Tally, title: str, markdown: bool, header: list[str]) -> str:
    """The tables under the title, with ``header`` (the drafts in force) between them."""
    from tabulate import tabulate

    style = "github" if markdown else "simple"
    columns = tally.columns
    policies: list[PolicyTally] = [tally.policies[c] for c in columns]
    body = [[name, *(show(t) for t in policies)] for _, name, show in METRICS]
    parts = [
        f"## {title}" if markdown else title,
        *(["\n".join(header)] if header else []),
        tabulate(
            body,
            headers=["per landlord", *columns],
            tablefmt=style,
            disable_numparse=True,
            colalign=("left", *("right" for _ in columns)),
        ),
    ]
    reasons = sorted(
        {r for t in policies for r in t.reasons},
        # most cases first; ties by name (a set's order changes from run to run)
        key=lambda r: (-sum(t.reasons[r] for t in policies), r),
    )
    if reasons:
        rows = [
            [reason, *(_percent(t.reasons[reason], t.decided) for t in policies)]
            for reason in reasons
        ]
        parts.append(
            tabulate(
                rows,
                headers=["exclusion rate by reason", *columns],
                tablefmt=style,
                disable_numparse=True,
                colalign=("left", *("right" for _ in columns)),
            )
        )
    if tally.diff is not None and tally.diff_sides is not None:
        d = tally.diff
        baseline, draft = tally.diff_sides
        rows = [
            ["cases compared", f"{d.cases:,}"],
            [f"total under {baseline}", format_pounds(d.baseline_total)],
            [f"total under {draft}", format_pounds(d.draft_total)],
            ["change in cost", _pounds_signed(d.change)],
            ["claimants who get more", f"{d.more:,} (+{format_pounds(d.gained)})"],
            ["claimants who get less", f"{d.less:,} (-{format_pounds(d.lost)})"],
            ["claimants who get the same", f"{d.same:,}"],
            ["newly excluded", f"{d.newly_excluded:,}"],
            ["newly covered", f"{d.newly_covered:,}"],
        ]
        parts.append(
            tabulate(
                rows,
                headers=[f"{draft} against {baseline}", ""],
                tablefmt=style,
                disable_numparse=True,
            )
        )
    notes = (
        "Mean and percentiles are over every decided case, a case paid nothing counting as "
        "£0.00. Shares of money are shares of the landlord's total cost."
    )
    examples = [e for t in policies for e in t.error_examples]
    if examples:
        notes += "\n" + "\n".join(f"error: {e}" for e in examples)
    return "\n\n".join([*parts, notes]) + "\n"


def _pounds_signed(amount: Decimal) -> str:
    return f"-{format_pounds(-amount)}" if amount < 0 else f"+{format_pounds(amount)}"
