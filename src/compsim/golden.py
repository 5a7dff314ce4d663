"""Golden outcomes: each scenario's [expected.LANDLORD] tables checked against the decisions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from compsim.models import CellError, Decision, Expected, Scenario
from compsim.money import format_pounds
from compsim.plugins import Policy
from compsim.simulate import evaluate_cell

MONEY_FIELDS = ("total", "min", "max", "paid_to_customer", "credited_to_account")
ORDER_REFERENCE = "ombudsman"  # whose figure a determination's order ([source]) checks


def check_order(scenario: Scenario, reference: Policy) -> str | None:
    """A determination's order as a golden value: within the reference's range widened by a
    factor of ORDER_TOLERANCE at each end (see compsim.calibrate).

    Only the cases the reference was fitted on (``split = "fit"``) are goldens. A held-out
    case that had to pass would be tuned to as soon as it failed, and would stop measuring
    anything: held-out cases are measured by ``compsim calibrate`` and reported, never
    enforced."""
    from compsim.calibrate import ORDER_TOLERANCE, case_of

    case = case_of(scenario, evaluate_cell(scenario, reference))
    if case.error:
        return f"the plugin failed: {case.error}"
    if case.within_tolerance:
        return None
    return (
        f"ordered: wanted the {format_pounds(case.ordered)} ordered within the reference's "
        f"range widened by a factor of {ORDER_TOLERANCE} at each end, got "
        f"{format_pounds(case.low)} to {format_pounds(case.high)} (figure "
        f"{format_pounds(case.figure)})"
    )


@attrs.frozen
class GoldenReport:
    """What ``compsim test`` found: a line per problem; ``mismatches`` counts the values
    that differ (never more than ``checked``), ``unchecked`` the expected outcomes that
    could not be checked (the landlord is not installed, or its plugin failed)."""

    lines: tuple[str, ...]
    checked: int
    mismatches: int
    unchecked: int


def check_expectations(
    scenarios: Sequence[Scenario], policies: Mapping[str, Policy]
) -> GoldenReport:
    """Every mismatch as one line, and how many expected values were checked."""
    lines: list[str] = []
    checked = mismatches = unchecked = 0
    for scenario in scenarios:
        if (
            scenario.origin is not None
            and scenario.origin.split == "fit"
            and ORDER_REFERENCE in policies
        ):
            checked += 1
            mismatch = check_order(scenario, policies[ORDER_REFERENCE])
            if mismatch:
                mismatches += 1
                lines.append(f"{scenario.source} [{ORDER_REFERENCE}] {mismatch}")
        for expected in scenario.expected:
            where = f"{scenario.source} [{expected.landlord}]"
            policy = policies.get(expected.landlord)
            if policy is None:
                lines.append(f"{where}: no landlord {expected.landlord!r} is installed")
                unchecked += 1
                continue
            cell = evaluate_cell(scenario, policy)
            if isinstance(cell, CellError):
                lines.append(f"{where}: the plugin failed: {cell.message}")
                unchecked += 1
                continue
            found = compare_expected(expected, cell)
            checked += found.checked
            mismatches += len(found.mismatches)
            lines.extend(f"{where} {line}" for line in found.mismatches)
    return GoldenReport(tuple(lines), checked, mismatches, unchecked)


class _Found:
    def __init__(self) -> None:
        self.checked = 0
        self.mismatches: list[str] = []

    def check(self, name: str, wanted: object, got: object, same: bool, show=str) -> None:
        self.checked += 1
        if not same:
            self.mismatches.append(f"{name}: wanted {show(wanted)}, got {show(got)}")


def compare_expected(expected: Expected, decision: Decision) -> _Found:
    found = _Found()
    if expected.excluded is not None:
        reasons = "; ".join(e.reason for e in decision.exclusions) or "no exclusion"
        found.check(
            "excluded",
            expected.excluded,
            f"{decision.excluded} ({reasons})",
            expected.excluded == decision.excluded,
        )
    actual = {
        "total": decision.award.total,
        "min": decision.award.min,
        "max": decision.award.max,
        "paid_to_customer": decision.settlement.paid_to_customer,
        "credited_to_account": decision.settlement.credited_to_account,
    }
    for name in MONEY_FIELDS:
        wanted = getattr(expected, name)
        if wanted is not None:
            found.check(name, wanted, actual[name], wanted == actual[name], format_pounds)
    if expected.senior is not None:
        approval = decision.approval
        found.check(
            "senior",
            expected.senior,
            f"{approval.senior} ({approval.approver})",
            expected.senior == approval.senior,
        )
    if expected.approver is not None:
        approver = decision.approval.approver
        found.check(
            "approver",
            repr(expected.approver),
            repr(approver),
            expected.approver.lower() in approver.lower(),
        )
    return found
