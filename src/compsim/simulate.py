"""Scenarios × policies → decisions.

``evaluate`` runs one scenario through one policy's five hooks in order, checks every
result, and builds the Decision with its trace. ``simulate`` does it for every pair; a
plugin failing on one scenario becomes an error cell for that policy and scenario only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import attrs

from compsim.complaints import check_code, check_timescales
from compsim.errors import PluginError
from compsim.models import (
    Award,
    CellError,
    Decision,
    Exclusion,
    Note,
    ReadingUsed,
    Scenario,
    TraceStep,
)
from compsim.money import format_pounds
from compsim.plugins import (
    Policy,
    check_approval,
    check_award,
    check_deadlines,
    check_exclusions,
    check_impact,
    check_settlement,
    check_timescale_list,
)

Cell = Decision | CellError


@attrs.frozen
class Row:
    scenario: Scenario
    cells: dict[str, Cell]


def evaluate(scenario: Scenario, policy: Policy) -> Decision:
    """One policy's decision on one scenario. Raises PluginError if the plugin misbehaves."""
    column = policy.column
    params = policy.params.at(scenario.dates.claimed).for_decision()
    hook = policy.manager.hook

    checks = check_exclusions(
        column, _call(column, hook.is_excluded, scenario=scenario, params=params)
    )
    exclusions = tuple(check for check in checks if check.applies)
    impact = check_impact(
        column, _call(column, hook.assess_impact, scenario=scenario, params=params)
    )
    computed = check_award(
        column, _call(column, hook.calculate_award, scenario=scenario, impact=impact, params=params)
    )
    award = Award() if exclusions else computed
    approval = check_approval(
        column, _call(column, hook.route_approval, scenario=scenario, award=award, params=params)
    )
    settlement = check_settlement(
        column,
        _call(column, hook.apply_offset, scenario=scenario, award=award, params=params),
        award,
        scenario,
    )
    timescales = _call_optional(column, hook.complaint_timescales, params=params)
    complaint_checks = ()
    if scenario.complaint is not None and timescales:
        checked_timescales = check_timescale_list(column, timescales)
        complaint_checks = _engine(
            column, "complaint_timescales", check_timescales, scenario.complaint, checked_timescales
        )
    deadlines = check_deadlines(
        column,
        _call_optional(column, hook.deadlines, scenario=scenario, award=award, params=params),
    )
    decision = Decision(
        scenario_id=scenario.id,
        landlord=column,
        exclusions=exclusions,
        impact=impact,
        award=award,
        award_if_not_excluded=computed,
        approval=approval,
        settlement=settlement,
        trace=(),
        checks=checks,
        deadlines=tuple(sorted(deadlines, key=lambda d: d.date)),
        complaint_checks=complaint_checks,
        code_checks=_engine(column, "complaint code", check_code, scenario.complaint),
        readings=tuple(
            ReadingUsed(path, p.value, p.clause, p.description, p.alternative, p.basis)
            for path, p in params.switches_used.items()
        ),
    )
    silent = scenario.complaint is not None and timescales is None
    return attrs.evolve(decision, trace=build_trace(decision, silent_on_complaints=silent))


def _engine(column: str, step: str, function: Any, *args: Any) -> Any:
    """The engine's own work on a plugin's answer (complaint timescales): an error in it is
    this cell's error, never the whole run's."""
    try:
        return function(*args)
    except Exception as error:
        raise PluginError(column, step, f"{type(error).__name__}: {error}") from error


def _call(column: str, hook_caller: Any, **kwargs: Any) -> Any:
    name = hook_caller.name
    try:
        result = hook_caller(**kwargs)
    except PluginError:
        raise
    except KeyboardInterrupt:  # a real Ctrl-C stops the run
        raise
    except BaseException as error:  # anything else, sys.exit() included, is this cell's error
        raise PluginError(column, name, f"raised {_describe_error(error)}") from error
    if result is None:
        raise PluginError(column, name, "returned nothing (is the hook implemented?)")
    return result


def _call_optional(column: str, hook_caller: Any, **kwargs: Any) -> Any:
    """An optional hook: None when the plugin does not implement it."""
    if not hook_caller.get_hookimpls():
        return None
    return _call(column, hook_caller, **kwargs)


def _describe_error(error: BaseException) -> str:
    from compsim.render.safe import shown

    text = shown(" ".join(str(error).split()), 200)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def evaluate_cell(scenario: Scenario, policy: Policy) -> Cell:
    try:
        return evaluate(scenario, policy)
    except PluginError as error:
        return CellError(scenario.id, policy.column, str(error))


def iter_rows(scenarios: Iterable[Scenario], policies: Sequence[Policy]) -> Iterator[Row]:
    """Each scenario's row as it is decided (so output can be written as it goes)."""
    for scenario in scenarios:
        yield Row(scenario, {policy.column: evaluate_cell(scenario, policy) for policy in policies})


def simulate(scenarios: Sequence[Scenario], policies: Sequence[Policy]) -> list[Row]:
    return list(iter_rows(scenarios, policies))


def build_trace(decision: Decision, silent_on_complaints: bool = False) -> tuple[TraceStep, ...]:
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
    if silent_on_complaints:
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
