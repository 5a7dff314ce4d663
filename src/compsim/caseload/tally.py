"""Streaming aggregates of a caseload: per policy, tallies that add up chunk by chunk.

A tally holds counts and exact Decimal sums, and the award of every case as a count per
amount (awards repeat: a caseload of a million has a few thousand distinct amounts), so the
median and the 90th and 99th percentiles are exact and memory stays flat in the number of
cases. Tallies merge in any order to the same result, so the number of workers, the chunk
size and the executor never change a figure.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from decimal import Decimal

import attrs

from compsim.models import ASSUMPTION, DRAFT, CellError, Decision
from compsim.money import ZERO, to_pennies

QUANTILES = (("median", 50), ("p90", 90), ("p99", 99))


@attrs.define
class PolicyTally:
    cases: int = 0
    errors: int = 0
    excluded: int = 0
    senior: int = 0
    offset_cases: int = 0
    offset_money: Decimal = ZERO  # set against debts
    assumption_money: Decimal = ZERO
    draft_money: Decimal = ZERO
    # award total in whole pence → number of cases (ints: a chunk's tally travels back from its
    # worker, and a thousand ints pickle and merge several times faster than Decimals)
    awards: Counter = attrs.field(factory=Counter)
    reasons: Counter = attrs.field(factory=Counter)  # exclusion ground → cases excluded on it
    error_examples: list = attrs.field(factory=list)

    def add(self, cell: Decision | CellError) -> None:
        """One decision. Runs for every decision of a caseload, so it does the least it can:
        the total cost and the cases paid are read off ``awards`` when asked."""
        self.cases += 1
        if type(cell) is CellError:
            self.errors += 1
            if len(self.error_examples) < 3:
                self.error_examples.append(f"{cell.scenario_id}: {cell.message}")
            return
        award = cell.award
        items = award.items
        total = ZERO
        for item in items:
            total += item.amount
            basis = item.basis
            if basis == ASSUMPTION:
                self.assumption_money += item.amount
            elif basis == DRAFT:
                self.draft_money += item.amount
        self.awards[int(total.scaleb(2))] += 1  # whole pence: every amount is checked money
        if cell.exclusions:
            self.excluded += 1
            for ground in dict.fromkeys([e.short or e.reason for e in cell.exclusions]):
                self.reasons[ground] += 1
        if cell.approval.senior:
            self.senior += 1
        offset = cell.settlement.offset_against_debts
        if offset:
            self.offset_cases += 1
            self.offset_money += offset

    @property
    def total(self) -> Decimal:
        """The total cost: every distinct award times the cases that got it (exact)."""
        pennies = 0
        for amount, count in self.awards.items():
            pennies += amount * count
        return Decimal(pennies).scaleb(-2)

    @property
    def paid(self) -> int:
        """Cases with something to pay."""
        return self.decided - self.awards.get(0, 0)

    def merge(self, other: PolicyTally) -> None:
        for name in (
            "cases",
            "errors",
            "excluded",
            "senior",
            "offset_cases",
            "offset_money",
            "assumption_money",
            "draft_money",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.awards.update(other.awards)
        self.reasons.update(other.reasons)
        self.error_examples.extend(other.error_examples[: 3 - len(self.error_examples)])

    @property
    def decided(self) -> int:
        return self.cases - self.errors

    @property
    def mean(self) -> Decimal:
        """The mean award over every decided case (a case paid nothing counts as £0)."""
        return to_pennies(self.total / self.decided) if self.decided else ZERO

    def quantile(self, percent: int) -> Decimal:
        """The award at or below which ``percent``% of decided cases fall (nearest rank)."""
        if not self.decided:
            return ZERO
        rank = max(1, -(-self.decided * percent // 100))  # ceiling, at least the first
        seen = 0
        for pennies in sorted(self.awards):
            seen += self.awards[pennies]
            if seen >= rank:
                return Decimal(pennies).scaleb(-2)
        raise AssertionError("ranks exhausted")  # pragma: no cover

    def share(self, money: Decimal) -> Decimal:
        total = self.total  # added up from the award counts: once
        return money / total if total else ZERO


@attrs.define
class DiffTally:
    """A draft against a baseline, case by case: who gains, who loses, and the cost."""

    cases: int = 0
    more: int = 0
    less: int = 0
    same: int = 0
    newly_excluded: int = 0
    newly_covered: int = 0
    baseline_total: Decimal = ZERO
    draft_total: Decimal = ZERO
    gained: Decimal = ZERO
    lost: Decimal = ZERO

    def add(self, before: Decision | CellError, after: Decision | CellError) -> None:
        if not isinstance(before, Decision) or not isinstance(after, Decision):
            return
        self.cases += 1
        old, new = before.award.total, after.award.total
        self.baseline_total += old
        self.draft_total += new
        if new > old:
            self.more += 1
            self.gained += new - old
        elif new < old:
            self.less += 1
            self.lost += old - new
        else:
            self.same += 1
        if after.excluded and not before.excluded:
            self.newly_excluded += 1
        if before.excluded and not after.excluded:
            self.newly_covered += 1

    def merge(self, other: DiffTally) -> None:
        for field in attrs.fields(DiffTally):
            setattr(self, field.name, getattr(self, field.name) + getattr(other, field.name))

    @property
    def change(self) -> Decimal:
        return self.draft_total - self.baseline_total


@attrs.define
class Tally:
    """Everything a caseload run aggregates: one PolicyTally per column, and the diff."""

    columns: list[str]
    policies: dict[str, PolicyTally]
    diff: DiffTally | None = None
    diff_sides: tuple[str, str] | None = None

    @classmethod
    def empty(cls, columns: Iterable[str], diff_sides: tuple[str, str] | None = None) -> Tally:
        columns = list(columns)
        return cls(
            columns,
            {c: PolicyTally() for c in columns},
            DiffTally() if diff_sides else None,
            diff_sides,
        )

    def add_diff(
        self, baseline: list[Decision | CellError], draft: list[Decision | CellError]
    ) -> None:
        """The diff's two sides, case by case (the same cases in the same order)."""
        if self.diff is not None:
            for before, after in zip(baseline, draft, strict=True):
                self.diff.add(before, after)

    def merge(self, other: Tally) -> Tally:
        for column in self.columns:
            self.policies[column].merge(other.policies[column])
        if self.diff is not None and other.diff is not None:
            self.diff.merge(other.diff)
        return self
