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
    Scenario,
)
from compsim.plugins import (
    NOT_YET,
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


def evaluate(scenario: Scenario, policy: Policy, deadlines: bool = True) -> Decision:
    """One policy's decision on one scenario. Raises PluginError if the plugin misbehaves.

    ``deadlines=False`` leaves the optional ``deadlines`` hook uncalled (the Decision's
    deadlines are then empty): a caseload's tallies and outcome rows never read them, and
    asking costs a tenth of a decision. The five hooks and their checks always run."""
    column = policy.column
    params = policy.params.at(scenario.dates.claimed).for_decision()
    hook = policy.calls
    implemented = policy.implemented
    complaint = scenario.complaint
    # The hooks are called in one guarded block (one try for the lot, not a wrapper per call:
    # a decision is called a million times in a caseload); ``step`` names the hook running,
    # so an exception is reported against it.
    step = "is_excluded"
    passed = policy.passed
    try:
        checks, exclusions = check_exclusions(
            column, hook.is_excluded(scenario=scenario, params=params), passed.exclusions
        )
        passed.exclusions = checks
        step = "assess_impact"
        impact = hook.assess_impact(scenario=scenario, params=params)
        # (the table's default is NOT_YET, never None: a hook returning None is never passed)
        if impact is not passed.impact and passed.impacts.get(id(impact), NOT_YET) is not impact:
            passed.remember_impact(check_impact(column, impact))
        step = "calculate_award"
        computed = hook.calculate_award(scenario=scenario, impact=impact, params=params)
        if computed is not passed.award:
            passed.remember_award(check_award(column, computed))
        award = NOTHING_AWARDED if exclusions else computed
        step = "route_approval"
        approval = hook.route_approval(scenario=scenario, award=award, params=params)
        if (
            approval is not passed.approval
            and passed.approvals.get(id(approval), NOT_YET) is not approval
        ):
            passed.remember_approval(check_approval(column, approval))
        step = "apply_offset"
        settlement = check_settlement(
            column,
            hook.apply_offset(scenario=scenario, award=award, params=params),
            award,
            scenario,
            passed,
        )
        timescales = None  # the policy's own complaint timescales matter only with [complaint]
        if complaint is not None and "complaint_timescales" in implemented:
            step = "complaint_timescales"
            timescales = _given(column, step, hook.complaint_timescales(params=params))
        dated: Any = ()
        if deadlines and "deadlines" in implemented:
            step = "deadlines"
            dated = check_deadlines(
                column, hook.deadlines(scenario=scenario, award=award, params=params)
            )
            if len(dated) > 1:
                dated.sort(key=_deadline_date)
    except PluginError:
        raise
    except KeyboardInterrupt:  # a real Ctrl-C stops the run
        raise
    except BaseException as error:  # anything else, sys.exit() included, is this cell's error
        raise PluginError(column, step, f"raised {_describe_error(error)}") from error
    complaint_checks = ()
    if timescales:
        checked_timescales = check_timescale_list(column, timescales)
        complaint_checks = _engine(
            column, "complaint_timescales", check_timescales, complaint, checked_timescales
        )
    # positional, in the order of Decision's fields (a third cheaper than keywords, and this
    # runs for every decision); test_decision_fields_are_built_in_order checks the order
    return Decision(
        scenario.id,  # scenario_id
        column,  # landlord
        exclusions,
        impact,
        award,
        computed,  # award_if_not_excluded
        approval,
        settlement,
        checks,
        tuple(dated),
        complaint_checks,
        _engine(column, "complaint code", check_code, complaint) if complaint else (),  # code
        tuple([p.reading for p in params.switches_used.values()])  # readings
        if params.switches_used
        else (),
        tuple(params.drafts_used.values()) if params.drafts_used else (),  # drafts
        complaint is not None and timescales is None,  # silent_on_complaints
    )


NOTHING_AWARDED = Award()  # an excluded claim's award (immutable, so one will do)


def _deadline_date(deadline: Any) -> Any:
    return deadline.date


def _given(column: str, step: str, result: Any) -> Any:
    if result is None:
        raise PluginError(column, step, "returned nothing (is the hook implemented?)")
    return result


def _engine(column: str, step: str, function: Any, *args: Any) -> Any:
    """The engine's own work on a plugin's answer (complaint timescales): an error in it is
    this cell's error, never the whole run's."""
    try:
        return function(*args)
    except Exception as error:
        raise PluginError(column, step, f"{type(error).__name__}: {error}") from error


def _describe_error(error: BaseException) -> str:
    from compsim.render.safe import shown

    text = shown(" ".join(str(error).split()), 200)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def evaluate_cell(scenario: Scenario, policy: Policy, deadlines: bool = True) -> Cell:
    try:
        return evaluate(scenario, policy, deadlines)
    except PluginError as error:
        return CellError(scenario.id, policy.column, str(error))


def iter_rows(scenarios: Iterable[Scenario], policies: Sequence[Policy]) -> Iterator[Row]:
    """Each scenario's row as it is decided (so output can be written as it goes)."""
    for scenario in scenarios:
        yield Row(scenario, {policy.column: evaluate_cell(scenario, policy) for policy in policies})


def simulate(scenarios: Sequence[Scenario], policies: Sequence[Policy]) -> list[Row]:
    return list(iter_rows(scenarios, policies))
