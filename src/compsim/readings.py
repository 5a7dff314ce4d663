"""What each reading of a policy costs: flip one switch, rerun the library, count what moved.

A reading switch is a parameter with an ``alternative`` (see ``compsim.params``). For each
switch of each policy, ``cost_of_readings`` runs the scenarios with the switch as published
and with it flipped alone (a bool negated; a choice set to each other choice), and reports the
scenarios whose outcome changed (excluded or not, award, what is paid and credited, approver)
and the money moved: the total of the changes in award, and the largest single change.
Sorted by money moved, so the reading that matters most comes first.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs

from compsim.models import Decision, Scenario
from compsim.money import ZERO, as_text, format_pounds
from compsim.params import Override, ParamDef, format_value
from compsim.plugins import Policy
from compsim.simulate import Cell, evaluate_cell

SOURCE = "compsim readings"


@attrs.frozen
class Change:
    """One scenario whose outcome moved when the switch was flipped."""

    scenario: str
    before: Decimal
    after: Decimal
    what: tuple[str, ...]  # which parts moved: exclusion, award, range, settlement, form of
    # payment, approver, error

    paid_change: Decimal = Decimal(0)  # the change in what is paid to the claimant in money

    @property
    def delta(self) -> Decimal:
        return self.after - self.before


@attrs.frozen
class ReadingCost:
    landlord: str
    path: str
    clause: str
    reading: str  # the description: the reading used by default
    alternative: str
    default: Any
    flipped: Any  # the value tried; None when the switch cannot be flipped on its own
    scenarios: int
    changes: tuple[Change, ...] = ()
    note: str = ""

    @property
    def money_moved(self) -> Decimal:
        return sum((abs(c.delta) for c in self.changes), ZERO)

    @property
    def paid_moved(self) -> Decimal:
        """The changes in what the claimant is paid in money, whatever their sign: a reading
        that moves money between the claimant's pocket and a debt moves no award."""
        return sum((abs(c.paid_change) for c in self.changes), ZERO)

    @property
    def net_change(self) -> Decimal:
        return sum((c.delta for c in self.changes), ZERO)

    @property
    def largest(self) -> Change | None:
        moved = [c for c in self.changes if c.delta]
        return max(moved, key=lambda c: (abs(c.delta), c.scenario)) if moved else None


def flips(definition: ParamDef) -> list[Any]:
    """The values a switch is flipped to, one run each: empty when it has no simple flip."""
    values = {dated.value for dated in definition.values}
    if len(values) != 1:
        return []  # a dated switch: which value to flip is itself a choice
    (value,) = values
    if definition.type == "bool":
        return [not value]
    if definition.type == "choice":
        return [choice for choice in definition.choices if choice != value]
    return []


def cost_of_readings(
    scenarios: Sequence[Scenario], policies: Sequence[Policy]
) -> list[ReadingCost]:
    """Every switch of every policy with what flipping it alone does over ``scenarios``."""
    costs: list[ReadingCost] = []
    for policy in policies:
        switches = [d for d in policy.params.defs.values() if d.is_switch]
        if not switches:
            continue
        baseline = [evaluate_cell(s, policy) for s in scenarios]
        for definition in switches:
            default = definition.values[0].value
            tried = flips(definition)
            common = {
                "landlord": policy.column,
                "path": definition.path,
                "clause": definition.clause,
                "reading": definition.description,
                "alternative": definition.alternative,
                "default": default,
                "scenarios": len(scenarios),
            }
            if not tried:
                costs.append(
                    ReadingCost(
                        **common,
                        flipped=None,
                        note="not a two-way switch: try values with --set",
                    )
                )
                continue
            for value in tried:
                override = Override(policy.column, definition.path, value, SOURCE)
                flipped = attrs.evolve(
                    policy, params=policy.params.with_overrides(policy.column, [override])
                )
                changes = tuple(
                    change
                    for scenario, before in zip(scenarios, baseline, strict=True)
                    if (change := _compare(scenario.id, before, evaluate_cell(scenario, flipped)))
                )
                costs.append(ReadingCost(**common, flipped=value, changes=changes))
    return sorted(
        costs,
        key=lambda c: (
            -c.money_moved,
            -c.paid_moved,
            -len(c.changes),
            c.landlord,
            c.path,
            str(c.flipped),
        ),
    )


def _compare(scenario: str, before: Cell, after: Cell) -> Change | None:
    if not isinstance(before, Decision) or not isinstance(after, Decision):
        if isinstance(before, Decision) == isinstance(after, Decision):
            return None  # failed both times: nothing to compare
        total_before = before.award.total if isinstance(before, Decision) else ZERO
        total_after = after.award.total if isinstance(after, Decision) else ZERO
        return Change(scenario, total_before, total_after, ("error",))
    moved = []
    if before.excluded != after.excluded:
        moved.append("exclusion")
    if before.award.total != after.award.total:
        moved.append("award")
    elif (before.award.min, before.award.max) != (after.award.min, after.award.max):
        moved.append("range")
    if (before.settlement.paid_to_customer, before.settlement.credited_to_account) != (
        after.settlement.paid_to_customer,
        after.settlement.credited_to_account,
    ):
        moved.append("settlement")
    if before.settlement.form != after.settlement.form:
        moved.append("form of payment")
    if (before.approval.approver, before.approval.senior) != (
        after.approval.approver,
        after.approval.senior,
    ):
        moved.append("approver")
    if not moved:
        return None
    paid = after.settlement.paid_to_customer - before.settlement.paid_to_customer
    return Change(scenario, before.award.total, after.award.total, tuple(moved), paid)


# ---------------------------------------------------------------- rendering


def render_readings(costs: Sequence[ReadingCost], fmt: str) -> str:
    if fmt == "json":
        return _json(costs)
    if fmt == "csv":
        return _csv(costs)
    return _tables(costs, markdown=fmt == "markdown")


def _largest_text(cost: ReadingCost) -> str:
    largest = cost.largest
    if largest is None:
        return "-"
    sign = "+" if largest.delta > 0 else "-"
    return f"{sign}{format_pounds(abs(largest.delta))} ({largest.scenario})"


def _tables(costs: Sequence[ReadingCost], markdown: bool) -> str:
    from tabulate import tabulate

    if not costs:
        return "No policy declares a reading switch.\n"
    style = "github" if markdown else "simple"
    scenarios = costs[0].scenarios
    rows = [
        [
            number,
            c.landlord,
            c.path,
            c.clause,
            f"{format_value(c.default)} → {format_value(c.flipped)}"
            if c.flipped is not None
            else format_value(c.default),
            len(c.changes) if c.flipped is not None else "-",
            format_pounds(c.money_moved) if c.flipped is not None else "-",
            _net_text(c) if c.flipped is not None else "-",
            format_pounds(c.paid_moved) if c.flipped is not None else "-",
            _largest_text(c),
        ]
        for number, c in enumerate(costs, start=1)
    ]
    table = tabulate(
        rows,
        headers=[
            "#",
            "landlord",
            "reading switch",
            "clause",
            "default → flipped",
            "outcomes changed",
            "money moved",
            "net change",
            "paid moved",
            "largest change",
        ],
        tablefmt=style,
        disable_numparse=True,
    )
    heading = (
        f"What each reading costs: every switch flipped alone over {scenarios} scenarios, "
        "most money moved first"
    )
    key_title = "The readings"
    if markdown:
        heading, key_title = f"## {heading}", f"### {key_title}"
    key = []
    for number, c in enumerate(costs, start=1):
        key.append(f"[{number}] {c.landlord} {c.path} [{c.clause}]")
        key.append(f"    default ({format_value(c.default)}): {c.reading}")
        key.append(f"    the other reading: {c.alternative}")
        if c.note:
            key.append(f"    {c.note}")
    if markdown:
        key = [f"    {line}" if not line.startswith("    ") else line for line in key]
    notes = (
        "Money moved is the sum of the changes in award, each counted whatever its sign; "
        "net change is their sum with signs (what the flip costs the landlord); paid moved is "
        "the same for what the claimant is paid in money (a reading that moves money between "
        "the claimant and a debt moves no award). An outcome "
        "changes when the exclusion, the award or its range, what is paid or credited, the form "
        "of payment, or the approver moves."
    )
    return f"{heading}\n\n{table}\n\n{notes}\n\n{key_title}\n\n" + "\n".join(key) + "\n"


def _net_text(cost: ReadingCost) -> str:
    net = cost.net_change
    if not net:
        return format_pounds(ZERO)
    return f"{'+' if net > 0 else '-'}{format_pounds(abs(net))}"


def _record(cost: ReadingCost) -> dict[str, Any]:
    largest = cost.largest
    return {
        "landlord": cost.landlord,
        "parameter": cost.path,
        "clause": cost.clause,
        "reading": cost.reading,
        "alternative": cost.alternative,
        "default": format_value(cost.default),
        "flipped": None if cost.flipped is None else format_value(cost.flipped),
        "scenarios": cost.scenarios,
        "outcomes_changed": len(cost.changes),
        "money_moved": as_text(cost.money_moved),
        "net_change": _signed_amount(cost.net_change),
        "paid_moved": as_text(cost.paid_moved),
        "largest_change": None
        if largest is None
        else {"scenario": largest.scenario, "change": _signed_amount(largest.delta)},
        "changes": [
            {
                "scenario": c.scenario,
                "before": as_text(c.before),
                "after": as_text(c.after),
                "change": _signed_amount(c.delta),
                "paid_change": _signed_amount(c.paid_change),
                "moved": list(c.what),
            }
            for c in cost.changes
        ],
        "note": cost.note,
    }


def _signed_amount(amount: Decimal) -> str:
    return f"-{as_text(-amount)}" if amount < 0 else as_text(amount)


def _json(costs: Sequence[ReadingCost]) -> str:
    import json

    return json.dumps([_record(c) for c in costs], indent=2, ensure_ascii=False) + "\n"


def _csv(costs: Sequence[ReadingCost]) -> str:
    import csv
    import io

    columns = [
        "landlord",
        "parameter",
        "clause",
        "default",
        "flipped",
        "scenarios",
        "outcomes_changed",
        "money_moved",
        "net_change",
        "paid_moved",
        "largest_change_scenario",
        "largest_change",
        "reading",
        "alternative",
        "note",
    ]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for cost in costs:
        record = _record(cost)
        largest = record.pop("largest_change")
        record.pop("changes")
        record["largest_change_scenario"] = largest["scenario"] if largest else ""
        record["largest_change"] = largest["change"] if largest else ""
        record["flipped"] = record["flipped"] or ""
        writer.writerow(record)
    return out.getvalue()
