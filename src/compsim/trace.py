"""A decision step by step, each step with its clause, in the order the hooks ran.

Built only when someone reads it (``Decision.trace``): a caseload of a million decisions
never needs a million traces.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from compsim.models import Exclusion, Note, TraceStep
from compsim.money import format_pounds

if TYPE_CHECKING:
    from compsim.models import Decision


def build_trace(decision: Decision) -> tuple[TraceStep, ...]:
    """The decision step by step, each with its clause, in the order the hooks ran."""
    steps: list[TraceStep] = []
    steps.extend(_exclusion_steps(decision.checks))
    impact = decision.impact
    steps.append(TraceStep("impact", f"Impact is {impact.level}", impact.clause))
    steps.extend(_notes("impact", impact.notes))
    computed = decision.award_if_not_excluded
    for item in computed.items:
        range_text = ""
        if item.low != item.amount or item.high != item.amount:
            range_text = f" (range {format_pounds(item.low)} to {format_pounds(item.high)})"
        steps.append(
            TraceStep(
                "award",
                f"{item.label}: {format_pounds(item.amount)}{range_text}, {item.basis}",
                item.clause,
            )
        )
    steps.extend(_notes("award", computed.notes))
    if decision.excluded:
        clauses = "; ".join(dict.fromkeys(e.clause for e in decision.exclusions))
        steps.append(
            TraceStep(
                "award",
                "The claim is excluded, so the award is £0.00; it would "
                f"otherwise have been {format_pounds(computed.total)}",
                clauses,
            )
        )
    else:
        steps.append(
            TraceStep(
                "award",
                f"Total award {format_pounds(decision.award.total)}",
                "; ".join(dict.fromkeys(i.clause for i in computed.items)) or "-",
            )
        )
    approval = decision.approval
    steps.append(TraceStep("approval", f"Approved by {approval.approver}", approval.clause))
    steps.extend(_notes("approval", approval.notes))
    for part in decision.settlement.parts:
        where = "paid to the customer" if part.to == "customer" else "credited to the account"
        steps.append(
            TraceStep(
                "settlement",
                f"{part.label}: {format_pounds(part.amount)} {where} ({part.form})",
                part.clause,
            )
        )
    steps.extend(_notes("settlement", decision.settlement.notes))
    for check in decision.complaint_checks:
        steps.append(TraceStep("complaint handling", check.describe(), check.clause))
    if decision.silent_on_complaints:
        steps.append(
            TraceStep(
                "complaint handling",
                "The policy's documents set no "
                "complaint-handling timescales, so none is checked for it "
                "(the policy is silent)",
                "-",
            )
        )
    for deadline in decision.deadlines:
        assumed = " (rests on an assumption)" if deadline.basis == "assumption" else ""
        steps.append(
            TraceStep("deadlines", f"{deadline.name}: {deadline.date}{assumed}", deadline.clause)
        )
    return tuple(steps)


def _exclusion_steps(checks: Sequence[Exclusion]) -> list[TraceStep]:
    if not checks:
        return [TraceStep("exclusions", "No exclusion applies", "-")]
    return [
        TraceStep(
            "exclusions", f"{'Applies' if c.applies else 'Does not apply'}: {c.reason}", c.clause
        )
        for c in checks
    ]


def _notes(step: str, notes: Sequence[Note]) -> list[TraceStep]:
    return [TraceStep(step, note.detail, note.clause) for note in notes]
