"""Alliance Homes: Compensation Policy, read with its Customer Complaints Policy.

Clauses cited as "alliance N" are from the compensation policy; "alliance complaints policy N"
from the complaints policy. Every number is in params.toml beside this file. The readings
this plugin makes, and where the text is silent, are listed in this package's README.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from compsim import hookimpl
from compsim.complaints import check_timescales, two_stage_timescales
from compsim.dates import add_months, add_working_days, day_text
from compsim.models import (
    ACCOUNT,
    CUSTOMER,
    ONE_OFF_KINDS,
    PUBLISHED,
    Approval,
    Award,
    AwardItem,
    Complaint,
    Cost,
    DamagedItem,
    Deadline,
    Exclusion,
    Impact,
    Note,
    Scenario,
    Settlement,
    SettlementPart,
    Timescale,
    strongest_basis,
)
from compsim.money import ZERO, format_pounds, to_pennies
from compsim.params import Param, Params, basis_from
from compsim.plugins import PolicyInfo

POLICY_ID = "alliance"
LEVELS = ("none", "low", "medium", "major")
LEVEL_NAMES = {
    "none": "No Impact",
    "low": "Low Impact",
    "medium": "Medium Impact",
    "major": "Major Impact",
}
DISTRESS_TO_LEVEL = {
    "none": "none",
    "minimal": "low",
    "moderate": "medium",
    "considerable": "major",
    "severe": "major",
}
MATRIX = "alliance 2.7"
DAMAGE_KINDS = ("damage-to-belongings", "damage-to-decoration")
ONE_OFF_NAMES = {
    "missed-appointment": "the missed appointment",
    "damage-to-belongings": "the damage",
    "damage-to-decoration": "the damage",
}
SHARE = "reimbursement.partial_responsibility_share"
VALUATION = "belongings.valuation"
EVIDENCE = "readings.costs_need_evidence"
REPAIR_WORK = "readings.decoration_other_damage_is_repair_work"
CREDIT = "readings.credit_arrears"
WHOLE_DAMAGE_CLAIM = "readings.damage_claim_paid_in_full"
COSTS = "alliance 2.5, 2.6"
BELONGINGS = "alliance 2.10"
INSURANCE = "alliance 2.4, 3.1, 3.7"


@hookimpl
def policy_info() -> PolicyInfo:
    return PolicyInfo(
        id=POLICY_ID,
        landlord="Alliance Homes",
        documents=(
            "Compensation Policy (Equality Impact Assessment 12.12.2024)",
            "Customer Complaints Policy (approved May 2025, minor amendments February 2026)",
        ),
        version="compensation policy EIA 12.12.2024; complaints policy February 2026",
        params_file=Path(__file__).with_name("params.toml"),
    )


# ---------------------------------------------------------------- exclusions (3.1 and others)


def _fixed_check(reason: str, clause: str, short: str) -> tuple[Exclusion, Exclusion]:
    """A check whose words never change, built once: ``check[applies]`` is the Exclusion
    (Exclusion is frozen, so every decision can share it)."""
    return Exclusion(reason, clause, False, short), Exclusion(reason, clause, True, short)


PERSONAL_INJURY = _fixed_check(
    "The claim is for personal injury", "alliance 2.4, 3.1", "personal injury"
)
INSURERS = _fixed_check(
    "The matter is for Alliance's insurers (a liability issue subject to an insurance claim)",
    "alliance 2.4; alliance complaints policy 2.2",
    "insurers' matter",
)
CONTENTS_INSURANCE = _fixed_check(
    "The claim is for damage the claimant's home contents insurance covers",
    INSURANCE,
    "contents insurance",
)
THIRD_PARTY = _fixed_check("The fault was caused by a third party", "alliance 3.1", "third party")
EXTREME_WEATHER = _fixed_check(
    "Circumstances beyond Alliance's control (extreme weather)", "alliance 3.1", "extreme weather"
)
RESIDENT = _fixed_check(
    "Caused by the customer's negligence or breach of tenancy", "alliance 3.1", "resident's fault"
)
ACCESS = _fixed_check(
    "The customer did not give access for the work", "alliance 3.1", "access refused"
)
COURT_ORDERED = _fixed_check(
    "A court has already ordered payment for the same issue", "alliance 3.1", "court ordered"
)
PLAN_KEPT = _fixed_check(
    "An action plan was communicated in advance and kept to", "alliance 3.1", "action plan kept"
)
PROCEEDINGS = _fixed_check(
    "Legal proceedings have started (a claim form has been filed at court)",
    "alliance 3.5; alliance complaints policy 2.2, 2.3",
    "legal proceedings",
)
SOME_INSURED = Exclusion(
    "Some damaged items are insured: those items are left to the "
    "contents insurance, the rest of the claim is considered",
    INSURANCE,
    False,
)


# 3.1's exclusions about what caused the fault. Poor handling of the complaint about it is a
# service failure of Alliance's own (2.6), so whether they exclude that too is a reading.
FAULT_EXCLUSIONS = frozenset(
    [check[True] for check in (THIRD_PARTY, EXTREME_WEATHER, RESIDENT, ACCESS, PLAN_KEPT)]
)
# _checks returns these very objects, so a check is one of them when its id is one of theirs
# (hashing an Exclusion hashes its texts; FAULT_EXCLUSIONS keeps them alive)
FAULT_IDS = frozenset(map(id, FAULT_EXCLUSIONS))
HANDLING = "readings.fault_exclusion_covers_complaint_handling"


@hookimpl
def is_excluded(scenario: Scenario, params: Params) -> list[Exclusion]:
    checks = _checks(scenario, params)
    if (
        scenario.complaint is None
        or not _fault_cause(scenario)  # no exclusion of 3.1's about the cause applies
        or scenario.failure.kind == "complaint-handling"
    ):
        return checks
    covers = _handling_reading(scenario, params, checks)
    if covers is None:
        return checks
    return [
        _fault_exclusion(check, covers) if id(check) in FAULT_IDS else check for check in checks
    ]


def _handling_reading(scenario: Scenario, params: Params, checks: list[Exclusion]) -> Param | None:
    """The switch ``HANDLING``, read only where it decides the outcome: every exclusion that
    applies is one of 3.1's about the cause of the fault, and Alliance missed a complaints
    timescale (poor complaint handling, 2.6) in a claim that is not itself about complaint
    handling (there the matrix values it). Else None."""
    applied = [check for check in checks if check.applies]
    if not applied or not all(id(check) in FAULT_IDS for check in applied):
        return None
    if not _timescale_missed(scenario.complaint, complaint_timescales(params)):
        return None
    return params[HANDLING]


@lru_cache(maxsize=256)
def _timescale_missed(complaint: Complaint, timescales: tuple[Timescale, ...]) -> bool:
    """Whether Alliance missed a complaints timescale (memoised: the complaint's dates and the
    timescales are plain values; is_excluded and calculate_award both ask)."""
    return any(check.missed for check in check_timescales(complaint, timescales))


def _fault_exclusion(check: Exclusion, covers: Param) -> Exclusion:
    """A 3.1 exclusion for the cause of the fault, read with ``HANDLING``."""
    return _read_with_handling(check.reason, check.short, covers.value, covers.basis, covers.clause)


@lru_cache(maxsize=64)
def _read_with_handling(
    reason: str, short: str, covers: bool, basis: str, clause: str
) -> Exclusion:
    """``_fault_exclusion`` from plain values (memoised): the exclusion's reason and short
    name, and the switch's value, basis and clause (which names 3.1 with 2.6 and the
    complaints policy)."""
    if covers:
        return Exclusion(
            f"{reason}: the whole claim is excluded, Alliance's own poor handling of the "
            f"complaint (2.6) included ({basis}: {HANDLING})",
            clause,
            True,
            short,
        )
    return Exclusion(
        f"{reason}: nothing is paid for the fault, but Alliance's own poor handling of the "
        f"complaint (2.6) is still considered ({basis}: {HANDLING})",
        clause,
        False,
    )


def _checks(scenario: Scenario, params: Params) -> list[Exclusion]:
    failure, legal = scenario.failure, scenario.legal
    items = scenario.damaged_items
    damage_only = failure.kind in DAMAGE_KINDS
    all_insured = bool(items) and all(item.insured for item in items)
    cause = failure.cause
    incurred = scenario.incurred
    checks = [
        PERSONAL_INJURY[legal.personal_injury],
        INSURERS[legal.insurance_claim],
        CONTENTS_INSURANCE[damage_only and all_insured],
        THIRD_PARTY[cause == "third-party"],
        EXTREME_WEATHER[cause == "extreme-weather"],
        RESIDENT[cause == "resident"],
        ACCESS[failure.access_refused],
        COURT_ORDERED[legal.proceedings == "court-ordered"],
        PLAN_KEPT[failure.action_plan == "agreed-kept"],
        PROCEEDINGS[legal.proceedings == "started"],
        _six_month_limit(scenario, incurred, params),
        _complaint_limit(scenario, incurred, params),
    ]
    if damage_only and items and not all_insured and any(item.insured for item in items):
        checks.append(SOME_INSURED)
    return checks


def _six_month_limit(scenario: Scenario, incurred: date, params: Params) -> Exclusion:
    """4.2: six months "after the damage or loss has been incurred": a one-off event (damage,
    a missed appointment) on the day it happened; a continuing failure at its loss end
    (``resolved``, even after the claim; else the claim date)."""
    return _claim_window_check(
        scenario.failure.kind,
        incurred,
        scenario.dates.claimed,
        params.value("time_limits.claim_months"),
        scenario.claim.exceptional_circumstances,
    )


def _claim_window_check(
    kind: str, incurred: date, claimed: date, months: int, exceptional: bool
) -> Exclusion:
    """The 4.2 check from its inputs alone. Dates print through day_text, as an f-string
    prints them."""
    since, last_day, limit = _claim_window(kind, incurred, months)
    claimed_on = day_text(claimed)
    clause = "alliance 4.2, 4.4"
    if claimed <= last_day:
        return Exclusion(
            f"Claimed on {claimed_on}, within {months} months of {since} (last day {limit})",
            clause,
            False,
        )
    if exceptional:
        return Exclusion(
            f"Claimed on {claimed_on}, after the {months}-month limit ({limit}) counted from "
            f"{since}, but evidence of exceptional circumstances explains the delay",
            clause,
            False,
        )
    return Exclusion(
        f"Claimed on {claimed_on}, more than {months} months after {since} (last day {limit})",
        clause,
        True,
        f"claimed after {months} months",
    )


@lru_cache(maxsize=4096)
def _claim_window(kind: str, incurred: date, months: int) -> tuple[str, date, str]:
    """What the 4.2 window is counted from (in words), its last day, and that day's text.
    Remembered: claims share the day their loss was incurred far more than the day they are
    made."""
    since = (
        f"{ONE_OFF_NAMES.get(kind, 'the event')} on {day_text(incurred)} (a one-off "
        "event, incurred when it happened)"
        if kind in ONE_OFF_KINDS
        else f"the loss ending on {day_text(incurred)}"
    )
    last_day = add_months(incurred, months)
    return since, last_day, day_text(last_day)


def _complaint_limit(scenario: Scenario, incurred: date, params: Params) -> Exclusion:
    """Complaints policy 2.2: raised within 12 months of the matter's occurrence (a one-off
    event on its day; a continuing failure while it lasts) or of the customer becoming aware.
    Alliance's discretion beyond the limit is a switch, consulted only for a late complaint
    with exceptional circumstances."""
    dates = scenario.dates
    months = params.value("time_limits.complaint_months")
    raised = scenario.complaint.received if scenario.complaint else dates.claimed
    since, last_day, limit = _complaint_window(max(dates.aware, incurred), months)
    accepted_as = None  # the basis on which a late complaint is accepted, if it is
    if raised > last_day and scenario.claim.exceptional_circumstances:
        discretion = params["time_limits.discretion_beyond_complaint_months"]
        if discretion.value:
            accepted_as = discretion.basis
    return _complaint_window_check(raised, since, last_day, limit, months, accepted_as)


def _complaint_window_check(
    raised: date, since: str, last_day: date, limit: str, months: int, accepted_as: str | None
) -> Exclusion:
    """The complaints policy 2.2 check from its inputs alone (dates printed as in the 4.2
    check): the window's start in words, its last day and that day's text come from
    ``_complaint_window``."""
    raised_on = day_text(raised)
    clause = "alliance complaints policy 2.2"
    if raised <= last_day:
        return Exclusion(
            f"Raised on {raised_on}, within {months} months of the issue or of the "
            f"customer becoming aware of it ({since}; last day {limit})",
            clause,
            False,
        )
    if accepted_as is not None:
        return Exclusion(
            f"Raised on {raised_on}, after the {months}-month limit ({limit}), accepted "
            f"at Alliance's discretion for good reason ({accepted_as})",
            clause,
            False,
        )
    return Exclusion(
        f"Raised on {raised_on}, more than {months} months after the issue or the "
        f"customer becoming aware of it ({since}; last day {limit})",
        clause,
        True,
        f"raised after {months} months",
    )


@lru_cache(maxsize=4096)
def _complaint_window(counted_from: date, months: int) -> tuple[str, date, str]:
    """The complaints policy 2.2 window's start and last day, and their texts (remembered,
    as for 4.2)."""
    last_day = add_months(counted_from, months)
    return day_text(counted_from), last_day, day_text(last_day)


# add_months is pure and claims share their dates: remember recent answers.


# ---------------------------------------------------------------- impact (2.7)

NO_DISTRESS = "readings.no_distress_is_low_impact"
MISLED = "readings.misled_gives_major"
LIFT = "impact.vulnerability_lifts"
LIFT_NONE = "readings.vulnerability_lifts_no_distress"
REPEAT_FIRST = "readings.repeat_lifts_before_vulnerability"
REPEATED = "impact.repeated_reports"
VULNERABILITY = "alliance 2.7, 5.2"


@hookimpl
def assess_impact(scenario: Scenario, params: Params) -> Impact:
    """2.7's scale read from distress; a vulnerability worsens minimal or moderate distress one
    step (a switch), and distress none only under another switch; a repeated failure lifts Low
    to Medium (after the vulnerability lift, or before it: a switch); a persistent failure is
    Major, and being misled "could also" make it Major (a switch). The impact's basis is that
    of the switches whose other reading would change the level, else ``published``. A
    vulnerability that changes nothing is still named, with the reason."""
    failure = scenario.failure
    repeated_at = params[REPEATED]
    vulnerabilities = scenario.household.vulnerabilities
    if failure.persistent:  # a persistent failure is Major whatever the readings
        return _persistent(vulnerabilities) if vulnerabilities else PERSISTENT
    distress = failure.distress
    repeated = failure.reports >= repeated_at.value
    just_cause = distress == "none" and _just_cause(scenario)
    consulted = []  # the switches this decision reads, each recorded by params as it is read
    if just_cause:
        consulted.append(params[NO_DISTRESS])
    if vulnerabilities and distress in ("minimal", "moderate"):
        consulted.append(params[LIFT])
    misled_major = False
    if failure.misled:
        misled = params[MISLED]
        consulted.append(misled)
        misled_major = misled.value
    if vulnerabilities and not misled_major:  # Major already: no lift can change it
        if just_cause:
            consulted.append(params[LIFT_NONE])
        # the order of the lifts can matter only for a repeated failure (see _level)
        if repeated and _order_matters(
            distress, repeated, tuple([(switch.path, switch.value) for switch in consulted])
        ):
            consulted.append(params[REPEAT_FIRST])
    return _impact(
        distress,
        failure.kind,
        vulnerabilities,
        failure.reports,
        repeated,
        repeated_at.basis,
        tuple([(switch.path, switch.value, switch.basis, switch.clause) for switch in consulted]),
    )


@lru_cache(maxsize=256)
def _order_matters(distress: str, repeated: bool, values: tuple[tuple[str, bool], ...]) -> bool:
    """Whether the order of the vulnerability and repeated-failure lifts (``REPEAT_FIRST``)
    changes the level, given the other switches' values (memoised: plain values only)."""
    readings = dict(values)
    return _level(distress, repeated, {**readings, REPEAT_FIRST: False}) != _level(
        distress, repeated, {**readings, REPEAT_FIRST: True}
    )


PERSISTENT_NOTE = Note("Major Impact: a persistent failure over a protracted time", MATRIX)


@lru_cache(maxsize=64)
def _persistent(vulnerabilities: tuple[str, ...]) -> Impact:
    notes = [PERSISTENT_NOTE]
    if vulnerabilities:
        notes.append(_already_major(vulnerabilities))
    return Impact(LEVEL_NAMES["major"], MATRIX, LEVELS.index("major"), PUBLISHED, tuple(notes))


PERSISTENT = _persistent(())


def _already_major(vulnerabilities: tuple[str, ...]) -> Note:
    return Note(
        f"Vulnerability ({', '.join(vulnerabilities)}) considered: the impact is already Major, "
        "the top of 2.7's scale",
        VULNERABILITY,
    )


@lru_cache(maxsize=1024)
def _impact(
    distress: str,
    kind: str,
    vulnerabilities: tuple[str, ...],
    reports: int,
    repeated: bool,
    repeated_basis: str,
    switches: tuple[tuple[str, bool, str, str], ...],
) -> Impact:
    """The impact of a failure that is not persistent, from the facts and the values, bases and
    clauses of the switches consulted (memoised: it reads no parameter, and every input is
    printed as given or is a bool or int, which print alike when equal)."""
    readings = {path: value for path, value, _, _ in switches}
    bases = {path: basis for path, _, basis, _ in switches}
    clauses = {path: clause for path, _, _, clause in switches}
    level = _level(distress, repeated, readings)
    rests_on = [
        bases[path]
        for path in readings
        if _level(distress, repeated, _flip(readings, path)) != level
    ]
    if _level(distress, not repeated, readings) != level:
        rests_on.append(repeated_basis)  # published, unless a draft changed the threshold
    notes = []
    if distress == "none" and NO_DISTRESS not in readings:
        why = (
            "a decant is not in itself a service failure (3.4)"
            if kind == "decant"
            else "Alliance is not responsible"
        )
        notes.append(
            Note(f"Distress is none and there is no just cause ({why}): No Impact", MATRIX)
        )
    elif distress == "none":
        if readings[NO_DISTRESS]:
            notes.append(
                Note(
                    "Distress is none: Low Impact is 'just cause but ... minimal or no "
                    f"inconvenience or distress' ({bases[NO_DISTRESS]}; the other "
                    "reading is the matrix's No Impact column)",
                    MATRIX,
                )
            )
        else:
            notes.append(
                Note(f"Distress is none, read as No Impact ({bases[NO_DISTRESS]})", MATRIX)
            )
    else:
        notes.append(
            Note(
                f"Distress is {distress}, read as {LEVEL_NAMES[DISTRESS_TO_LEVEL[distress]]}",
                MATRIX,
            )
        )
    if vulnerabilities:
        notes.append(_vulnerability_note(distress, vulnerabilities, readings, bases, clauses))
    if REPEAT_FIRST in readings:
        notes.append(_order_note(reports, level, bases[REPEAT_FIRST], clauses[REPEAT_FIRST]))
    elif repeated and _level(distress, False, readings) == "low":
        notes.append(
            Note(
                f"Reported {reports} times: a repeated failure to address a "
                "shortcoming, even of a low impact event, is Medium Impact",
                MATRIX,
            )
        )
    if MISLED in readings:  # consulted whenever the customer was misled
        if readings[MISLED]:
            notes.append(
                Note(
                    "Major Impact: the customer was led to believe something would or would "
                    f"not happen (2.7: it 'could also apply'; {bases[MISLED]})",
                    MATRIX,
                )
            )
        else:
            notes.append(
                Note(
                    f"The customer was misled: weighed only through distress ({bases[MISLED]})",
                    MATRIX,
                )
            )
    return Impact(
        LEVEL_NAMES[level], MATRIX, LEVELS.index(level), strongest_basis(*rests_on), tuple(notes)
    )


def _vulnerability_note(
    distress: str,
    vulnerabilities: tuple[str, ...],
    readings: dict[str, bool],
    bases: dict[str, str],
    clauses: dict[str, str],
) -> Note:
    """What the household's vulnerability did to the level, and why (2.7: it is considered,
    so the output names it even where it changes nothing)."""
    named = ", ".join(vulnerabilities)
    for path in (LIFT, LIFT_NONE):
        if path not in readings:
            continue
        if readings[path]:
            extent = " (distress none included)" if path == LIFT_NONE else ""
            return Note(
                f"Vulnerability ({named}) worsens the impact one step{extent} ({bases[path]})",
                clauses[path],
            )
        if path == LIFT:
            return Note(
                f"Vulnerability ({named}) considered without changing the level "
                f"({bases[path]}: {LIFT})",
                clauses[path],
            )
        return Note(
            f"Vulnerability ({named}) considered: distress is none, so there is no distress or "
            f"inconvenience for it to worsen and the level stays as read ({bases[path]}; "
            "the other reading lifts it one step)",
            clauses[path],
        )
    if readings.get(MISLED) or distress in ("considerable", "severe"):
        return _already_major(vulnerabilities)
    return Note(  # distress none without just cause
        f"Vulnerability ({named}) considered: with no just cause there is no impact for it to "
        "worsen",
        VULNERABILITY,
    )


def _order_note(reports: int, level: str, basis: str, clause: str) -> Note:
    """The order of the vulnerability lift and the repeated-failure lift (2.7 gives none)."""
    if level == "major":
        return Note(
            f"Reported {reports} times: a repeated failure lifts Low to Medium first, and the "
            f"vulnerability lifts that one step, to Major ({basis}: {REPEAT_FIRST})",
            clause,
        )
    return Note(
        f"Reported {reports} times: a repeated failure lifts Low to Medium, the level the "
        f"vulnerability already gives; the two lifts are not added ({basis}; the other "
        "reading applies the repeat first and the vulnerability after it, one step more)",
        clause,
    )


def _just_cause(scenario: Scenario) -> bool:
    """2.7's "just cause": a service failure Alliance is at least partly responsible for. A
    decant is a move under the Decant Procedure (3.4), not in itself a service failure."""
    failure = scenario.failure
    return failure.responsibility != "none" and failure.kind != "decant"


def _flip(readings: dict[str, bool], path: str) -> dict[str, bool]:
    return {**readings, path: not readings[path]}


def _level(distress: str, repeated: bool, readings: dict[str, bool]) -> str:
    """The level of a failure that is not persistent: the level read from distress, lifted
    one step by a vulnerability (a switch for minimal or moderate distress, another for
    none); a repeated failure lifts Low to Medium after the vulnerability lift, or before it
    (``REPEAT_FIRST``)."""
    if readings.get(MISLED, False):
        return "major"
    if distress == "none":
        level = "low" if readings.get(NO_DISTRESS, False) else "none"
        lifts = readings.get(LIFT_NONE, False)
    else:
        level = DISTRESS_TO_LEVEL[distress]
        lifts = readings.get(LIFT, False)
    repeat_first = readings.get(REPEAT_FIRST, False)
    if repeat_first and level == "low" and repeated:
        level = "medium"
    if lifts and level != "major":
        level = LEVELS[LEVELS.index(level) + 1]
    if not repeat_first and level == "low" and repeated:
        level = "medium"
    return level


# ---------------------------------------------------------------- award


@hookimpl
def calculate_award(scenario: Scenario, impact: Impact, params: Params) -> Award:
    items: list[AwardItem] = []
    notes: list[Note] = []
    responsibility = scenario.failure.responsibility
    level = LEVELS[impact.rank]
    matrix = params[f"matrix.{responsibility}.{level}"]
    decant = scenario.decant
    planned = decant is not None and decant.planned and matrix.value > 0
    reading = params[PLANNED_MOVE] if planned else None
    if reading is not None and not reading.value:
        items.append(
            AwardItem(
                "Distress and inconvenience, not paid: a move for "
                f"{scenario.decant.reason} is a planned move under the Decant Procedure "
                f"(3.4), not a service failure ({reading.basis}: {PLANNED_MOVE})",
                ZERO,
                reading.clause,
                basis_from(reading),
                "distress",
            )
        )
    elif matrix.value > 0:
        items.append(
            _distress_item(
                responsibility,
                impact.level,
                matrix.value,
                str(matrix.value),
                matrix.clause,
                strongest_basis(
                    matrix.basis, impact.basis, reading.basis if reading else PUBLISHED
                ),
            )
        )
    else:
        notes.append(_matrix_gives_nothing(responsibility, impact.level, matrix.clause))
    if scenario.complaint is not None:
        items.extend(_complaint_handling(scenario, params, notes))
    for cost in scenario.costs:
        items.append(_cost_item(cost, responsibility, params))
    for item in scenario.damaged_items:
        items.append(_belongings_item(item, responsibility, params))
    if scenario.complaint is not None and _fault_cause(scenario):
        items = _complaint_handling_only(scenario, params, items)
    not_computed = ()
    if scenario.decant is not None or scenario.failure.kind == "decant":
        not_computed = (DECANT_NOT_PUBLISHED,)
    return Award(tuple(items), tuple(notes), not_computed)


def _fault_cause(scenario: Scenario) -> bool:
    """Whether one of 3.1's exclusions about the cause of the fault applies (cheap facts)."""
    failure = scenario.failure
    return (
        failure.cause in ("third-party", "extreme-weather", "resident")
        or failure.access_refused
        or failure.action_plan == "agreed-kept"
    )


def _complaint_handling_only(
    scenario: Scenario, params: Params, items: list[AwardItem]
) -> list[AwardItem]:
    """Under the other reading of ``HANDLING``, a claim whose fault 3.1 excludes is paid only
    for Alliance's own poor complaint handling: every other item is £0, citing 3.1."""
    if scenario.failure.kind == "complaint-handling":
        return items
    checks = _checks(scenario, params)
    covers = _handling_reading(scenario, params, checks)
    if covers is None or covers.value:
        return items
    why = "; ".join(
        check.reason[0].lower() + check.reason[1:] for check in checks if id(check) in FAULT_IDS
    )
    kept = []
    for item in items:
        if item.category == "complaint-handling" or item.amount == 0:
            kept.append(item)
            continue
        label = item.label.removesuffix(", reimbursed").split(", paid at ")[0]
        kept.append(
            AwardItem(
                f"{label}, not paid: {why} (3.1); only Alliance's own poor complaint "
                f"handling is considered ({covers.basis}: {HANDLING})",
                ZERO,
                covers.clause,
                basis_from(covers),
                item.category,
            )
        )
    return kept


# The matrix's item and note depend only on the responsibility, the level and the parameter:
# remembered (a caseload has a dozen of them). The amount's ``text`` is in the key too, so
# equal amounts written differently (500, 500.00) never share an entry.


@lru_cache(maxsize=256)
def _distress_item(
    responsibility: str, level: str, amount: Decimal, text: str, clause: str, basis: str
) -> AwardItem:
    return AwardItem(
        f"Distress and inconvenience ({responsibility} responsibility, {level})",
        amount,
        clause,
        basis,
        "distress",
    )


@lru_cache(maxsize=256)
def _matrix_gives_nothing(responsibility: str, level: str, clause: str) -> Note:
    return Note(f"The matrix gives £0 for {responsibility} responsibility and {level}", clause)


PLANNED_MOVE = "readings.planned_move_is_a_failure"
DECANT_NOT_PUBLISHED = Note(
    "Decant and disturbance payments are set by Alliance's Decant Procedure, which is not "
    "published: compsim cannot compute them, and the compensation policy is silent on their "
    "amount",
    "alliance 3.4",
)


def _paid(
    label: str,
    amount: Decimal,
    clause: str,
    used: list[Param],
    category: str,
    responsibility: str,
    params: Params,
) -> AwardItem:
    """An item paid in full, or at the partial-responsibility share when Alliance is only
    partly responsible; its basis is that of every parameter it rests on (``used``: those
    the caller read, each recorded by ``params`` as it was read)."""
    if responsibility == "partial":
        shared = params[SHARE]
        label = f"{label} (partial responsibility: {shared.value} of {format_pounds(amount)})"
        amount = to_pennies(amount * shared.value)
        clause = f"{clause}; {shared.clause}"
        used = [*used, shared]
    basis = basis_from(*used) if used else PUBLISHED
    return AwardItem(label, amount, clause, basis, category)


def _complaint_handling(scenario: Scenario, params: Params, notes: list[Note]) -> list[AwardItem]:
    """Missed complaints-policy timescales are poor complaint handling, a service failure (2.6)
    (a scenario with a ``[complaint]``)."""
    checks = check_timescales(scenario.complaint, complaint_timescales(params))

    missed = [check for check in checks if check.missed]
    if not missed:
        return []
    if scenario.failure.kind == "complaint-handling":
        notes.append(
            Note(
                "The missed timescales are the service failure assessed by the matrix "
                "above (poor handling of a complaint)",
                "alliance 2.6",
            )
        )
        return []
    key = (
        "complaint_handling.impact_repeated"
        if len(missed) > 1
        else ("complaint_handling.impact_one_missed")
    )
    level = params.value(key)
    amount = params.value(f"matrix.full.{level}")
    label = (
        f"Poor complaint handling ({len(missed)} missed "
        f"{'timescale' if len(missed) == 1 else 'timescales'}, {LEVEL_NAMES[level]})"
    )
    return [
        AwardItem(
            label,
            amount,
            "alliance 2.6, 2.7; alliance complaints policy 7.0",
            params.basis_of(key, f"matrix.full.{level}"),
            "complaint-handling",
        )
    ]


TIMESCALE_KEY = "complaints.{step}_days"
TIMESCALE_PATHS = tuple(
    TIMESCALE_KEY.format(step=step)
    for step in (
        "acknowledge",
        "stage1_response",
        "stage1_extension",
        "stage2_acknowledge",
        "stage2_response",
        "stage2_extension",
    )
)
_timescales: dict[tuple[tuple[int, str], ...], tuple[Timescale, ...]] = {}


@hookimpl
def complaint_timescales(params: Params) -> tuple[Timescale, ...]:
    """The Customer Complaints Policy's timescales (7.0), in working days: built once for
    each set of values and clauses in force (the host asks for them on every decision)."""
    key = tuple([(param.value, param.clause) for param in map(params.__getitem__, TIMESCALE_PATHS)])
    timescales = _timescales.get(key)
    if timescales is None:
        if len(_timescales) > 64:  # many drafts in one process: keep the memory flat
            _timescales.clear()
        timescales = _timescales[key] = two_stage_timescales(params, TIMESCALE_KEY)
    return timescales


COST_CLAUSES = {
    "time-off-work": "alliance 3.2",
    "repairs": "alliance 3.3",
    "advocate": "alliance 3.3",
}


def _cost_item(cost: Cost, responsibility: str, params: Params) -> AwardItem:
    label = f"Out-of-pocket cost: {cost.kind} {format_pounds(cost.amount)}"
    if responsibility == "none":
        return AwardItem(
            f"{label}, not reimbursed: no service failure by Alliance",
            ZERO,
            COSTS,
            PUBLISHED,
            "costs",
        )
    if cost.kind in ("repairs", "advocate") and not cost.permission:
        return AwardItem(
            f"{label}, not reimbursed: no prior written permission",
            ZERO,
            "alliance 3.3",
            PUBLISHED,
            "costs",
        )
    if cost.kind == "time-off-work" and not cost.evidence:
        return AwardItem(
            f"{label}, not reimbursed: loss of earnings not clearly evidenced",
            ZERO,
            "alliance 3.2",
            PUBLISHED,
            "costs",
        )
    clause = COST_CLAUSES.get(cost.kind, COSTS)
    used = []
    if not cost.evidence:
        needs = params[EVIDENCE]
        if needs.value:
            return AwardItem(
                f"{label}, not reimbursed: not evidenced ({needs.basis})",
                ZERO,
                needs.clause,
                basis_from(needs),
                "costs",
            )
        label = f"{label} (no evidence asked for: 2.5, 2.6)"
        used.append(needs)
    return _paid(f"{label}, reimbursed", cost.amount, clause, used, "costs", responsibility, params)


def _belongings_item(item: DamagedItem, responsibility: str, params: Params) -> AwardItem:
    label = f"Damaged {item.kind}: {item.item}"
    if item.insured:
        return AwardItem(
            f"{label}, not paid: for the claimant's contents insurance",
            ZERO,
            INSURANCE,
            PUBLISHED,
            "belongings",
        )
    if responsibility == "none":
        return AwardItem(
            f"{label}, not paid: not caused by Alliance", ZERO, BELONGINGS, PUBLISHED, "belongings"
        )
    valuation = params[VALUATION]
    used = [valuation]
    clause = valuation.clause
    if item.kind == "decoration":
        clause = f"{clause}, 3.1"
        if item.damaged_by == "repair-work":
            return AwardItem(
                f"{label}, not paid: damage made by repair work, which Alliance makes good, "
                "paying nothing more where it cannot match the decoration exactly",
                ZERO,
                "alliance 3.1",
                PUBLISHED,
                "belongings",
            )
        if item.damaged_by == "other":
            repair_work = params[REPAIR_WORK]
            if repair_work.value:
                return AwardItem(
                    f"{label}, not paid: read as damage made by repair work, which Alliance "
                    "makes good, paying nothing more where it cannot match the decoration "
                    f"exactly ({repair_work.basis})",
                    ZERO,
                    "alliance 3.1",
                    basis_from(repair_work),
                    "belongings",
                )
            used.append(repair_work)
            label = f"{label} (not read as repair work: damage to property)"
        else:
            label = (
                f"{label} (damaged by {item.damaged_by}, not by repair work: damage to property)"
            )
    value = item.value_at_loss if valuation.value == "value_at_loss" else item.replacement_value
    readable = valuation.value.replace("_", " ")
    return _paid(
        f"{label}, paid at {readable}", value, clause, used, "belongings", responsibility, params
    )


# ---------------------------------------------------------------- approval (5.1)


CHAIN = Note(
    "Investigated by the Customer Complaints Advisor and reviewed by the Customer Feedback Manager",
    "alliance 5.1",
)
NOTHING_TO_APPROVE = Approval(
    "Customer Feedback Manager (review; no payment to approve)", "alliance 5.1", notes=(CHAIN,)
)
BUDGET_HOLDER = Approval(
    "Customer Experience Manager (budget holder)", "alliance 5.1", notes=(CHAIN,)
)


@hookimpl
def route_approval(scenario: Scenario, award: Award, params: Params) -> Approval:
    threshold = params["approval.senior_over"]  # read first: a draft value is recorded as used
    total = award.total
    if total == 0:
        return NOTHING_TO_APPROVE
    if total > threshold.value:
        return Approval(
            "Customer Experience Manager and Service Director (Customer Operations)",
            threshold.clause,
            senior=True,
            basis=threshold.basis,
            notes=(
                CHAIN,
                Note(
                    f"{format_pounds(total)} is over {format_pounds(threshold.value)}",
                    threshold.clause,
                ),
            ),
        )
    return BUDGET_HOLDER


# ---------------------------------------------------------------- offset (2.10)


@hookimpl
def apply_offset(scenario: Scenario, award: Award, params: Params) -> Settlement:
    """2.10: with debts owed, the award "may be credited" to the account (a switch), up to
    what is owed; compensation "awarded due to damage to property or belongings caused" by
    Alliance is paid in full: the whole award in a damage claim (a switch), else the part
    for damaged items."""
    owed = scenario.account.total_owed
    total = award.total
    if owed == 0 or total == 0:
        return _paid_to_customer(str(total))
    items = ZERO  # a loop, not sum() over a generator
    for item in award.items:
        if item.category == "belongings":
            items += item.amount
    notes = [Note(f"The customer owes {format_pounds(owed)}", BELONGINGS)]
    protected, protected_label = (
        items,
        "Compensation for damaged property and belongings, paid in full",
    )
    if scenario.failure.kind in DAMAGE_KINDS:
        if total > items:
            whole = params[WHOLE_DAMAGE_CLAIM]
            if whole.value:
                protected = total
                protected_label = (
                    "The whole award, awarded due to damage to property or belongings, paid in full"
                )
            notes.append(
                Note(
                    f"A claim for damage to property or belongings: "
                    f"{'the whole award' if whole.value else 'only the damaged items'} "
                    f"paid in full ({whole.basis})",
                    whole.clause,
                )
            )
        else:
            protected = total
    rest = total - protected
    credit = ZERO
    if rest > 0:
        may_credit = params[CREDIT]
        if may_credit.value:
            credit = min(rest, owed)
            notes.append(
                Note(
                    f"Compensation 'may be credited' to the account: {format_pounds(credit)} "
                    f"credited against what is owed ({may_credit.basis})",
                    may_credit.clause,
                )
            )
            if credit > 0 and not scenario.account.offset_agreed:
                notes.append(CREDIT_NOT_AGREED)
        else:
            notes.append(
                Note(
                    "Compensation 'may be credited' to the account: read as paid to the "
                    f"customer ({may_credit.basis})",
                    may_credit.clause,
                )
            )
    parts = []  # only the parts with something in them
    if protected > 0:
        parts.append(SettlementPart(protected_label, protected, CUSTOMER, "payment", BELONGINGS))
    if credit > 0:
        parts.append(
            SettlementPart(
                "Credited against rent arrears and other debts",
                credit,
                ACCOUNT,
                "credit to the customer's account",
                BELONGINGS,
            )
        )
    if rest - credit > 0:
        parts.append(
            SettlementPart("Paid to the customer", rest - credit, CUSTOMER, "payment", BELONGINGS)
        )
    return Settlement(tuple(parts), tuple(notes))


CREDIT_NOT_AGREED = Note(
    "The customer did not agree to the deduction (offset_agreed = false): 2.10 asks for no "
    "agreement, only Alliance chooses whether the award 'may be credited' "
    "(readings.credit_arrears), so the credit stands",
    BELONGINGS,
)


@lru_cache(maxsize=4096)
def _paid_to_customer(total: str) -> Settlement:
    """The whole award paid to the customer, memoised by the total's exact text (``str`` of
    the Decimal, read back exactly): equal totals written differently (a user's -0, 50.000)
    never share an entry, and printing a fresh Decimal costs less than hashing it."""
    return Settlement(
        (SettlementPart("Paid to the customer", Decimal(total), CUSTOMER, "payment", BELONGINGS),)
    )


# ---------------------------------------------------------------- deadlines (4.2, 4.3)


@hookimpl
def deadlines(scenario: Scenario, award: Award, params: Params) -> list[Deadline]:
    dates = scenario.dates
    incurred = scenario.incurred
    claim_months = params["time_limits.claim_months"]
    complaint_months = params["time_limits.complaint_months"]
    assessment = params["assessment.working_days"]
    return [
        _claim_deadline(incurred, scenario.one_off, claim_months.value, claim_months.clause),
        _complaint_deadline(
            max(dates.aware, incurred), complaint_months.value, complaint_months.clause
        ),
        _assessment_deadline(dates.claimed, assessment.value, assessment.clause),
    ]


# Each deadline from its date, its (whole) number and clause alone, memoised: claims share
# their dates, and Deadline is frozen, so one instance can stand in every decision's list.


@lru_cache(maxsize=4096)
def _claim_deadline(incurred: date, one_off: bool, months: int, clause: str) -> Deadline:
    since = "the damage or event" if one_off else "the loss ended"
    return Deadline(
        f"Claim window ({months} months after {since})", add_months(incurred, months), clause
    )


@lru_cache(maxsize=4096)
def _complaint_deadline(counted_from: date, months: int, clause: str) -> Deadline:
    return Deadline(
        f"Complaint to be raised ({months} months after the issue or awareness of it)",
        add_months(counted_from, months),
        clause,
    )


@lru_cache(maxsize=4096)
def _assessment_deadline(claimed: date, days: int, clause: str) -> Deadline:
    return Deadline(
        f"Assessment due ({days} working days after the claim)",
        add_working_days(claimed, days),
        clause,
    )
