"""A draft against the current policy: what changes, for whom, and what it costs.

``diff`` sets two policies (each a landlord, a variant from ``--params``, or a landlord with
``--set`` overrides) against each other on the same scenarios. For each scenario whose outcome
changes it says what moved (award items, exclusions, impact, approver, settlement) with the
clauses on each side; then winners and losers, and the change in cost.

Each scenario falls in one of these outcomes, in this order:

- ``error``: either side's plugin failed on it;
- ``newly excluded``: the baseline considers the claim, the draft excludes it;
- ``newly covered``: the baseline excludes the claim, the draft considers it;
- ``more`` / ``less`` / ``same``: the draft's total against the baseline's.

A ``same`` scenario may still have changed (a different approver, say); ``changed`` says so.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs

from compsim.compare import LandlordSummary, summarise
from compsim.drafts import ColumnDrafts, header_lines
from compsim.models import AwardItem, CellError, Decision
from compsim.money import ZERO, as_text, format_pounds
from compsim.plugins import Policy
from compsim.render.safe import flat
from compsim.simulate import Cell, Row, evaluate_cell

OUTCOMES = ("more", "less", "same", "newly excluded", "newly covered", "error")


@attrs.frozen
class Moved:
    """One part of a decision that differs: what it was and is, with the clause on each side."""

    what: str  # item, exclusion, impact, approver, settlement
    label: str
    before: str
    after: str
    clause_before: str
    clause_after: str

    def describe(self) -> str:
        return (
            f"{self.what}: {self.label}: {self.before} [{self.clause_before or '-'}] → "
            f"{self.after} [{self.clause_after or '-'}]"
        )


@attrs.frozen
class ScenarioDiff:
    scenario: str
    title: str
    before: Cell
    after: Cell
    outcome: str
    moved: tuple[Moved, ...]

    @property
    def changed(self) -> bool:
        return self.outcome not in ("same",) or bool(self.moved)

    @property
    def before_total(self) -> Decimal | None:
        return None if isinstance(self.before, CellError) else self.before.award.total

    @property
    def after_total(self) -> Decimal | None:
        return None if isinstance(self.after, CellError) else self.after.award.total

    @property
    def change(self) -> Decimal | None:
        if self.before_total is None or self.after_total is None:
            return None
        return self.after_total - self.before_total


@attrs.frozen
class Diff:
    baseline: str  # column labels: the two sides' names
    draft: str
    scenarios: tuple[ScenarioDiff, ...]
    summaries: tuple[LandlordSummary, LandlordSummary]

    @property
    def changed(self) -> list[ScenarioDiff]:
        return [s for s in self.scenarios if s.changed]

    def counts(self) -> dict[str, int]:
        return {o: sum(s.outcome == o for s in self.scenarios) for o in OUTCOMES}

    def totals(self) -> list[tuple[str, Any, Any]]:
        """(measure, baseline, draft) for the cost and workload measures."""
        before, after = self.summaries
        return [
            ("claims paid", before.paid, after.paid),
            ("claims excluded", before.excluded, after.excluded),
            ("total paid", before.total_paid, after.total_paid),
            ("mean paid", before.mean_paid, after.mean_paid),
            ("median paid", before.median_paid, after.median_paid),
            ("senior approvals", before.senior_approvals, after.senior_approvals),
            ("offset against debts", before.offset, after.offset),
            ("offset against debts (£)", _offset_total(self, 0), _offset_total(self, 1)),
        ]


def _offset_total(diff: Diff, side: int) -> Decimal:
    cells = [(s.before, s.after)[side] for s in diff.scenarios]
    return sum((c.settlement.offset_against_debts for c in cells if isinstance(c, Decision)), ZERO)


BEFORE, AFTER = "before", "after"


def run_diff(scenarios: Sequence, baseline: Policy, draft: Policy, labels: tuple[str, str]) -> Diff:
    """Both policies on every scenario. ``labels`` names the sides (two different names even
    when both sides are one landlord, published and with --set)."""
    rows = [
        Row(s, {BEFORE: evaluate_cell(s, baseline), AFTER: evaluate_cell(s, draft)})
        for s in scenarios
    ]
    diffs = tuple(
        compare_cells(row.scenario.id, row.scenario.title, row.cells[BEFORE], row.cells[AFTER])
        for row in rows
    )
    before, after = summarise(rows, [BEFORE, AFTER])
    return Diff(
        labels[0],
        labels[1],
        diffs,
        (attrs.evolve(before, column=labels[0]), attrs.evolve(after, column=labels[1])),
    )


def compare_cells(scenario: str, title: str, before: Cell, after: Cell) -> ScenarioDiff:
    if isinstance(before, CellError) or isinstance(after, CellError):
        return ScenarioDiff(scenario, title, before, after, "error", ())
    if after.excluded and not before.excluded:
        outcome = "newly excluded"
    elif before.excluded and not after.excluded:
        outcome = "newly covered"
    elif after.award.total > before.award.total:
        outcome = "more"
    elif after.award.total < before.award.total:
        outcome = "less"
    else:
        outcome = "same"
    return ScenarioDiff(scenario, title, before, after, outcome, moved(before, after))


def moved(before: Decision, after: Decision) -> tuple[Moved, ...]:
    """Every part of the decision that differs, in the order the hooks run."""
    found: list[Moved] = []
    found.extend(_exclusions(before, after))
    if before.impact.level != after.impact.level:
        found.append(
            Moved(
                "impact",
                "impact level",
                before.impact.level,
                after.impact.level,
                before.impact.clause,
                after.impact.clause,
            )
        )
    found.extend(_items(before, after))
    if (before.approval.approver, before.approval.senior) != (
        after.approval.approver,
        after.approval.senior,
    ):
        found.append(
            Moved(
                "approver",
                "approved by",
                before.approval.approver,
                after.approval.approver,
                before.approval.clause,
                after.approval.clause,
            )
        )
    for label, get in (
        ("paid to the customer", lambda d: d.settlement.paid_to_customer),
        ("credited to the account", lambda d: d.settlement.credited_to_account),
    ):
        if get(before) != get(after):
            found.append(
                Moved(
                    "settlement",
                    label,
                    format_pounds(get(before)),
                    format_pounds(get(after)),
                    _settlement_clauses(before),
                    _settlement_clauses(after),
                )
            )
    return tuple(found)


def _exclusions(before: Decision, after: Decision) -> list[Moved]:
    was = {e.reason: e for e in before.exclusions}
    now = {e.reason: e for e in after.exclusions}
    found = []
    for reason, exclusion in was.items():
        if reason not in now:
            found.append(
                Moved("exclusion", reason, "applies", "no longer applies", exclusion.clause, "")
            )
    for reason, exclusion in now.items():
        if reason not in was:
            found.append(
                Moved("exclusion", reason, "does not apply", "applies", "", exclusion.clause)
            )
    return found


def _items(before: Decision, after: Decision) -> list[Moved]:
    """Award items that pay a different amount, matched by category and label (a label names
    what the item is for). An excluded claim pays nothing, so has no items to compare."""
    was = _keyed(before.award.items)
    now = _keyed(after.award.items)
    found = []
    for key in dict.fromkeys([*was, *now]):
        old, new = was.get(key), now.get(key)
        if old is not None and new is not None and old.amount == new.amount:
            continue
        found.append(
            Moved(
                "item",
                (old or new).label,
                _item_text(old),
                _item_text(new),
                old.clause if old else "",
                new.clause if new else "",
            )
        )
    return found


def _keyed(items: Sequence[AwardItem]) -> dict[tuple[str, str, int], AwardItem]:
    keyed: dict[tuple[str, str, int], AwardItem] = {}
    for item in items:
        n = 0
        while (item.category, item.label, n) in keyed:
            n += 1
        keyed[(item.category, item.label, n)] = item
    return keyed


def _item_text(item: AwardItem | None) -> str:
    return "none" if item is None else f"{format_pounds(item.amount)} ({item.basis})"


def _settlement_clauses(decision: Decision) -> str:
    return "; ".join(dict.fromkeys(p.clause for p in decision.settlement.parts if p.amount > 0))


# ---------------------------------------------------------------- output


def signed(amount: Decimal | None) -> str:
    """+£100.00, -£25.50, £0.00; n/a when either side failed."""
    if amount is None:
        return "n/a"
    if amount > 0:
        return f"+{format_pounds(amount)}"
    if amount < 0:
        return f"-{format_pounds(-amount)}"
    return format_pounds(amount)


def cell_text(cell: Cell) -> str:
    from compsim.render.table import cell_text as table_cell

    return table_cell(cell)


def _show(value: Any) -> str:
    return format_pounds(value) if isinstance(value, Decimal) else str(value)


def _difference(before: Any, after: Any) -> str:
    if isinstance(before, Decimal):
        return signed(after - before)
    change = after - before
    return f"+{change}" if change > 0 else str(change)


def render_diff(diff: Diff, fmt: str, in_force: Sequence[ColumnDrafts] = ()) -> str:
    """The diff in a ``compare`` format; ``in_force`` (``compsim.drafts.in_force``) says
    which drafts are in force: a header above the tables, a ``drafts`` field in JSON."""
    if fmt == "json":
        return to_json(diff, [c.record() for c in in_force])
    if fmt == "csv":
        return to_csv(diff)
    return to_text(diff, markdown=fmt == "markdown", header=header_lines(in_force))


def side_labels(baseline: str, draft: str) -> tuple[str, str]:
    """Names for the two sides: one landlord published and with --set gets two names."""
    return (baseline, f"{draft} (draft)") if baseline == draft else (baseline, draft)


def to_text(diff: Diff, markdown: bool = False, header: Sequence[str] = ()) -> str:
    from tabulate import tabulate

    style = "github" if markdown else "simple"
    changed = diff.changed
    title = (
        f"{diff.baseline} → {diff.draft}: {len(diff.scenarios)} scenarios, "
        f"{len(changed)} with a changed outcome"
    )
    parts = [f"## {title}" if markdown else title]
    if header:
        from compsim.render.table import header_text

        parts.append(header_text(header, markdown))
    if changed:
        parts.append(
            tabulate(
                [
                    [
                        s.scenario,
                        cell_text(s.before),
                        cell_text(s.after),
                        signed(s.change),
                        s.outcome,
                        ", ".join(dict.fromkeys(m.what for m in s.moved)),
                    ]
                    for s in changed
                ],
                headers=["scenario", diff.baseline, diff.draft, "change", "outcome", "what moved"],
                tablefmt=style,
                colalign=("left", "right", "right", "right", "left", "left"),
                disable_numparse=True,
            )
        )
    else:
        parts.append("No scenario's outcome changes.")

    counts = diff.counts()
    parts.append("### Winners and losers" if markdown else "Winners and losers")
    parts.append(
        tabulate(
            [[o, counts[o]] for o in OUTCOMES if o != "error" or counts[o]],
            headers=["claimants", "scenarios"],
            tablefmt=style,
            disable_numparse=True,
            colalign=("left", "right"),
        )
    )
    parts.append("### Cost" if markdown else "Cost")
    parts.append(
        tabulate(
            [
                [name, _show(before), _show(after), _difference(before, after)]
                for name, before, after in diff.totals()
            ],
            headers=["measure", diff.baseline, diff.draft, "change"],
            tablefmt=style,
            disable_numparse=True,
            colalign=("left", "right", "right", "right"),
        )
    )
    if changed:
        parts.append("### What moved, and why" if markdown else "What moved, and why")
        parts.append("\n\n".join(_detail(s, markdown) for s in changed))
    return "\n\n".join(parts) + "\n"


def _detail(s: ScenarioDiff, markdown: bool) -> str:
    # scenario text and plugin text are untrusted: escaped, on one line each
    head = (
        f"{flat(s.scenario)}: {cell_text(s.before)} → {cell_text(s.after)} "
        f"({signed(s.change)}, {s.outcome})"
    )
    lines = [f"**{head}**" if markdown else head]
    if s.outcome == "error":
        for cell in (s.before, s.after):
            if isinstance(cell, CellError):
                lines.append(f"- ERROR {cell.landlord}: {flat(cell.message)}")
    if markdown:
        lines.extend(f"- {flat(m.describe())}" for m in s.moved)
    else:
        lines.extend(
            textwrap.fill(flat(m.describe()), 100, initial_indent="  - ", subsequent_indent="    ")
            for m in s.moved
        )
    return "\n".join(lines)


def to_csv(diff: Diff) -> str:
    """One row per scenario (changed or not), for a spreadsheet to count and sort."""
    import csv
    import io

    from compsim.render.records import csv_safe

    columns = [
        "scenario",
        "baseline",
        "draft",
        "before",
        "after",
        "change",
        "outcome",
        "changed",
        "moved",
        "clauses_before",
        "clauses_after",
    ]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for s in diff.scenarios:
        record = {
            "scenario": s.scenario,
            "baseline": diff.baseline,
            "draft": diff.draft,
            "before": as_text(s.before_total) or "ERROR",
            "after": as_text(s.after_total) or "ERROR",
            "change": as_text(s.change) or "",
            "outcome": s.outcome,
            "changed": str(s.changed).lower(),
            "moved": "; ".join(f"{m.what}: {m.label}: {m.before} → {m.after}" for m in s.moved),
            "clauses_before": "; ".join(
                dict.fromkeys(m.clause_before for m in s.moved if m.clause_before)
            ),
            "clauses_after": "; ".join(
                dict.fromkeys(m.clause_after for m in s.moved if m.clause_after)
            ),
        }
        writer.writerow({k: csv_safe(flat(v)) for k, v in record.items()})
    return out.getvalue()


def to_record(diff: Diff, drafts: Any = None) -> dict[str, Any]:
    def side(cell: Cell) -> dict[str, Any]:
        if isinstance(cell, CellError):
            return {"error": cell.message, "total": None, "excluded": None}
        return {
            "total": as_text(cell.award.total),
            "excluded": cell.excluded,
            "rests_on_assumption": cell.rests_on_assumption,
            "rests_on_draft": cell.rests_on_draft,
            "approver": cell.approval.approver,
            "senior": cell.approval.senior,
            "paid_to_customer": as_text(cell.settlement.paid_to_customer),
            "credited_to_account": as_text(cell.settlement.credited_to_account),
            "offset_against_debts": as_text(cell.settlement.offset_against_debts),
        }

    def amount(value: Any) -> Any:
        return as_text(value) if isinstance(value, Decimal) else value

    return {
        "baseline": diff.baseline,
        "draft": diff.draft,
        "drafts": drafts or [],
        "scenarios": len(diff.scenarios),
        "changed": [
            {
                "scenario": s.scenario,
                "title": s.title,
                "outcome": s.outcome,
                "before": side(s.before),
                "after": side(s.after),
                "change": as_text(s.change),
                "moved": [attrs.asdict(m) for m in s.moved],
            }
            for s in diff.changed
        ],
        "winners_and_losers": diff.counts(),
        "totals": [
            {
                "measure": name,
                "baseline": amount(before),
                "draft": amount(after),
                "change": amount(after - before),
            }
            for name, before, after in diff.totals()
        ],
    }


def to_json(diff: Diff, drafts: Any = None) -> str:
    return json.dumps(to_record(diff, drafts), indent=2, ensure_ascii=False) + "\n"
