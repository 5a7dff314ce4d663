"""Side by side: per-landlord aggregates over a comparison's rows."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from decimal import Decimal

import attrs

from compsim.models import DRAFT, CellError, Decision
from compsim.money import ZERO, to_pennies
from compsim.simulate import Row


@attrs.frozen
class LandlordSummary:
    column: str
    scenarios: int
    paid: int  # claims with something to pay
    excluded: int
    errors: int
    nothing_to_pay: int  # not excluded, and the award is £0.00
    not_computable: int  # not excluded, £0.00, and the amount rests on an unpublished document
    total_paid: Decimal
    mean_paid: Decimal  # over the claims paid
    median_paid: Decimal
    assumption_share: Decimal  # share of the total paid resting on assumption parameters (0–1)
    senior_approvals: int
    offset: int  # claims with part credited to an account
    on_draft: int = 0  # claims paid whose award rests in part on a draft value
    draft_share: Decimal = ZERO  # share of the total resting on draft values (0–1)


def decisions_for(rows: Sequence[Row], column: str) -> list[Decision]:
    return [row.cells[column] for row in rows if isinstance(row.cells.get(column), Decision)]


def summarise(rows: Sequence[Row], columns: Sequence[str]) -> list[LandlordSummary]:
    return [_summary(rows, column) for column in columns]


def _summary(rows: Sequence[Row], column: str) -> LandlordSummary:
    decisions = decisions_for(rows, column)
    errors = sum(isinstance(row.cells.get(column), CellError) for row in rows)
    paid = [d for d in decisions if d.award.total > 0]
    unpaid = [d for d in decisions if not d.excluded and d.award.total == 0]
    not_computable = sum(not d.award.computable for d in unpaid)
    totals = [d.award.total for d in paid]
    total_paid = sum(totals, ZERO)
    assumed = sum((d.award.assumption_total for d in paid), ZERO)
    drafted = sum((_draft_total(d) for d in paid), ZERO)
    return LandlordSummary(
        column=column,
        scenarios=len(rows),
        paid=len(paid),
        excluded=sum(d.excluded for d in decisions),
        errors=errors,
        nothing_to_pay=len(unpaid) - not_computable,
        not_computable=not_computable,
        total_paid=total_paid,
        mean_paid=to_pennies(total_paid / len(totals)) if totals else ZERO,
        median_paid=to_pennies(statistics.median(totals)) if totals else ZERO,
        assumption_share=(assumed / total_paid) if total_paid else ZERO,
        senior_approvals=sum(d.approval.senior for d in decisions),
        offset=sum(d.settlement.credited_to_account > 0 for d in decisions),
        on_draft=sum(d.rests_on_draft for d in paid),
        draft_share=(drafted / total_paid) if total_paid else ZERO,
    )


def _draft_total(decision: Decision) -> Decimal:
    return sum((i.amount for i in decision.award.items if i.basis == DRAFT), ZERO)
