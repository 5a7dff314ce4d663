"""Alliance Homes: Compensation Policy, read with its Customer Complaints Policy.

Clauses cited as "alliance N" are from the compensation policy; "alliance complaints policy N"
from the complaints policy. Every number is in params.toml beside this file. The readings
this plugin makes, and where the text is silent, are listed in this package's README.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from compsim import hookimpl
from compsim.complaints import check_timescales, two_stage_timescales
from compsim.dates import add_months, add_working_days
from compsim.models import (
    ACCOUNT,
    ASSUMPTION,
    CUSTOMER,
    DRAFT,
    PUBLISHED,
    Approval,
    Award,
    AwardItem,
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
)
from compsim.money import ZERO, format_pounds, to_pennies
from compsim.params import Params
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


@hookimpl
def is_excluded(scenario: Scenario, params: Params) -> list[Exclusion]:
    failure, legal = scenario.failure, scenario.legal
    items = scenario.damaged_items
    damage_only = failure.kind in ("damage-to-belongings", "damage-to-decoration")
    all_insured = bool(items) and all(item.insured for item in items)
    checks = [
        Exclusion(
            "The claim is for personal injury",
            "alliance 2.4, 3.1",
            legal.personal_injury,
            "personal injury",
        ),
        Exclusion(
            "The matter is for Alliance's insurers (a liability issue subject to an "
            "insurance claim)",
            "alliance 2.4; alliance complaints policy 2.2",
            legal.insurance_claim,
            "insurers' matter",
        ),
        Exclusion(
            "The claim is for damage the claimant's home contents insurance covers",
            INSURANCE,
            damage_only and all_insured,
            "contents insurance",
        ),
        Exclusion(
            "The fault was caused by a third party",
            "alliance 3.1",
            failure.cause == "third-party",
            "third party",
        ),
        Exclusion(
            "Circumstances beyond Alliance's control (extreme weather)",
            "alliance 3.1",
            failure.cause == "extreme-weather",
            "extreme weather",
        ),
        Exclusion(
            "Caused by the customer's negligence or breach of tenancy",
            "alliance 3.1",
            failure.cause == "resident",
            "resident's fault",
        ),
        Exclusion(
            "The customer did not give access for the work",
            "alliance 3.1",
            failure.access_refused,
            "access refused",
        ),
        Exclusion(
            "A court has already ordered payment for the same issue",
            "alliance 3.1",
            legal.proceedings == "court-ordered",
            "court ordered",
        ),
        Exclusion(
            "An action plan was communicated in advance and kept to",
            "alliance 3.1",
            failure.action_plan == "agreed-kept",
            "action plan kept",
        ),
        Exclusion(
            "Legal proceedings have started (a claim form has been filed at court)",
            "alliance 3.5; alliance complaints policy 2.2, 2.3",
            legal.proceedings == "started",
            "legal proceedings",
        ),
        _six_month_limit(scenario, params),
        _complaint_limit(scenario, params),
    ]
    if damage_only and items and not all_insured and any(item.insured for item in items):
        checks.append(
            Exclusion(
                "Some damaged items are insured: those items are left to the "
                "contents insurance, the rest of the claim is considered",
                INSURANCE,
                False,
            )
        )
    return checks


def _six_month_limit(scenario: Scenario, params: Params) -> Exclusion:
    dates = scenario.dates
    months = params.value("time_limits.claim_months")
    limit = add_months(dates.loss_end, months)
    clause = "alliance 4.2, 4.4"
    if dates.claimed <= limit:
        return Exclusion(
            f"Claimed on {dates.claimed}, within {months} months of the loss ending "
            f"on {dates.loss_end} (last day {limit})",
            clause,
            False,
        )
    if scenario.claim.exceptional_circumstances:
        return Exclusion(
            f"Claimed on {dates.claimed}, after the {months}-month limit ({limit}), "
            "but evidence of exceptional circumstances explains the delay",
            clause,
            False,
        )
    return Exclusion(
        f"Claimed on {dates.claimed}, more than {months} months after the loss "
        f"ended on {dates.loss_end} (last day {limit})",
        clause,
        True,
        f"claimed after {months} months",
    )


def _complaint_limit(scenario: Scenario, params: Params) -> Exclusion:
    dates = scenario.dates
    months = params.value("time_limits.complaint_months")
    raised = scenario.complaint.received if scenario.complaint else dates.claimed
    counted_from = max(dates.aware, dates.loss_end)
    limit = add_months(counted_from, months)
    clause = "alliance complaints policy 2.2"
    if raised <= limit:
        return Exclusion(
            f"Raised on {raised}, within {months} months of the issue or of the "
            f"customer becoming aware of it ({counted_from}; last day {limit})",
            clause,
            False,
        )
    discretion = params["time_limits.discretion_beyond_complaint_months"]
    if scenario.claim.exceptional_circumstances and discretion.value:
        return Exclusion(
            f"Raised on {raised}, after the {months}-month limit ({limit}), accepted "
            "at Alliance's discretion for good reason (an assumption)",
            clause,
            False,
        )
    return Exclusion(
        f"Raised on {raised}, more than {months} months after the issue or the "
        f"customer becoming aware of it ({counted_from}; last day {limit})",
        clause,
        True,
        f"raised after {months} months",
    )


# ---------------------------------------------------------------- impact (2.7)


@hookimpl
def assess_impact(scenario: Scenario, params: Params) -> Impact:
    """Distress read onto 2.7's scale; a vulnerability worsens that reading one step (an
    assumption); a repeated failure is at least Medium; a persistent failure, or a customer
    misled, is Major. The basis is ``assumption`` only when the vulnerability lift changed
    the level."""
    failure = scenario.failure
    distress_level = DISTRESS_TO_LEVEL[failure.distress]
    notes = [Note(f"Distress is {failure.distress}, read as {LEVEL_NAMES[distress_level]}", MATRIX)]
    read_level = distress_level
    vulnerabilities = scenario.household.vulnerabilities
    lift = params["impact.vulnerability_lifts"]
    if vulnerabilities and lift.value and distress_level in ("low", "medium"):
        read_level = LEVELS[LEVELS.index(distress_level) + 1]
        notes.append(
            Note(
                f"Vulnerability ({', '.join(vulnerabilities)}) worsens the impact one "
                f"step to {LEVEL_NAMES[read_level]} ({lift.basis})",
                lift.clause,
            )
        )
    repeated = failure.reports >= params.value("impact.repeated_reports")
    if read_level == "low" and repeated:
        notes.append(
            Note(
                f"Reported {failure.reports} times: a repeated failure to address a "
                "shortcoming, even of a low impact event, is Medium Impact",
                MATRIX,
            )
        )
    if failure.persistent or failure.misled:
        why = (
            "a persistent failure over a protracted time"
            if failure.persistent
            else ("the customer was led to believe something would or would not happen")
        )
        notes.append(Note(f"Major Impact: {why}", MATRIX))
    level = _graded(read_level, repeated, failure.persistent or failure.misled)
    unlifted = _graded(distress_level, repeated, failure.persistent or failure.misled)
    basis = lift.basis if level != unlifted else PUBLISHED
    return Impact(LEVEL_NAMES[level], MATRIX, LEVELS.index(level), basis, tuple(notes))


def _graded(level: str, repeated: bool, serious: bool) -> str:
    """2.7: a repeated failure lifts Low to Medium; a persistent failure or misleading is Major."""
    if serious:
        return "major"
    if level == "low" and repeated:
        return "medium"
    return level


# ---------------------------------------------------------------- award


@hookimpl
def calculate_award(scenario: Scenario, impact: Impact, params: Params) -> Award:
    items: list[AwardItem] = []
    notes: list[Note] = []
    responsibility = scenario.failure.responsibility
    level = LEVELS[impact.rank]
    matrix = params[f"matrix.{responsibility}.{level}"]
    if matrix.value > 0:
        basis = _stronger(params.basis_of(f"matrix.{responsibility}.{level}"), impact.basis)
        items.append(
            AwardItem(
                f"Distress and inconvenience ({responsibility} responsibility, {impact.level})",
                matrix.value,
                matrix.clause,
                basis,
                "distress",
            )
        )
    else:
        notes.append(
            Note(
                f"The matrix gives £0 for {responsibility} responsibility and {impact.level}",
                matrix.clause,
            )
        )
    items.extend(_complaint_handling(scenario, params, notes))
    share = _responsibility_share(responsibility, params)
    items.extend(_cost_item(cost, responsibility, share, params) for cost in scenario.costs)
    items.extend(
        _belongings_item(item, responsibility, share, params) for item in scenario.damaged_items
    )
    if scenario.decant is not None or scenario.failure.kind == "decant":
        notes.append(
            Note(
                "Decant and disturbance payments are set by Alliance's Decant "
                "Procedure, which is not published: compsim cannot compute them, and "
                "the compensation policy is silent on their amount",
                "alliance 3.4",
            )
        )
    return Award(tuple(items), tuple(notes))


def _stronger(*bases: str) -> str:
    """The basis an item rests on when it rests on several: draft > assumption > published."""
    for basis in (DRAFT, ASSUMPTION):
        if basis in bases:
            return basis
    return PUBLISHED


def _responsibility_share(responsibility: str, params: Params) -> Decimal:
    if responsibility == "full":
        return Decimal(1)
    if responsibility == "partial":
        return params.value("reimbursement.partial_responsibility_share")
    return ZERO


def _complaint_handling(scenario: Scenario, params: Params, notes: list[Note]) -> list[AwardItem]:
    """Missed complaints-policy timescales are poor complaint handling, a service failure (2.6)."""
    if scenario.complaint is None:
        return []
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


@hookimpl
def complaint_timescales(params: Params) -> tuple[Timescale, ...]:
    """The Customer Complaints Policy's timescales (7.0), in working days."""
    return two_stage_timescales(params, "complaints.{step}_days")


def _cost_item(cost: Cost, responsibility: str, share: Decimal, params: Params) -> AwardItem:
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
    if not cost.evidence:
        return AwardItem(f"{label}, not reimbursed: not evidenced", ZERO, COSTS, PUBLISHED, "costs")
    clause = {
        "time-off-work": "alliance 3.2",
        "repairs": "alliance 3.3",
        "advocate": "alliance 3.3",
    }.get(cost.kind, COSTS)
    if responsibility == "full":
        return AwardItem(f"{label}, reimbursed", cost.amount, clause, PUBLISHED, "costs")
    shared = params["reimbursement.partial_responsibility_share"]
    return AwardItem(
        f"{label}, reimbursed at {shared.value} (partial responsibility)",
        to_pennies(cost.amount * share),
        f"{clause}; {shared.clause}",
        shared.basis,
        "costs",
    )


def _belongings_item(
    item: DamagedItem, responsibility: str, share: Decimal, params: Params
) -> AwardItem:
    label = f"Damaged {item.kind}: {item.item}"
    if item.insured:
        return AwardItem(
            f"{label}, not paid: for the claimant's contents insurance",
            ZERO,
            INSURANCE,
            PUBLISHED,
            "belongings",
        )
    if item.kind == "decoration":
        return AwardItem(
            f"{label}, not paid: Alliance makes good, and pays nothing more where "
            "decoration cannot be matched exactly",
            ZERO,
            "alliance 3.1",
            PUBLISHED,
            "belongings",
        )
    if responsibility == "none":
        return AwardItem(
            f"{label}, not paid: not caused by Alliance", ZERO, BELONGINGS, PUBLISHED, "belongings"
        )
    valuation = params["belongings.valuation"]
    value = item.value_at_loss if valuation.value == "value_at_loss" else item.replacement_value
    basis, clause = valuation.basis, valuation.clause
    if responsibility == "partial":
        shared = params["reimbursement.partial_responsibility_share"]
        value = to_pennies(value * share)
        basis = params.basis_of(
            "belongings.valuation", "reimbursement.partial_responsibility_share"
        )
        clause = f"{clause}; {shared.clause}"
    readable = valuation.value.replace("_", " ")
    return AwardItem(f"{label}, paid at {readable}", value, clause, basis, "belongings")


# ---------------------------------------------------------------- approval (5.1)


@hookimpl
def route_approval(scenario: Scenario, award: Award, params: Params) -> Approval:
    threshold = params["approval.senior_over"]
    chain = Note(
        "Investigated by the Customer Complaints Advisor and reviewed by the Customer "
        "Feedback Manager",
        "alliance 5.1",
    )
    if award.total == 0:
        return Approval(
            "Customer Feedback Manager (review; no payment to approve)",
            "alliance 5.1",
            notes=(chain,),
        )
    if award.total > threshold.value:
        return Approval(
            "Customer Experience Manager and Service Director (Customer Operations)",
            threshold.clause,
            senior=True,
            basis=threshold.basis,
            notes=(
                chain,
                Note(
                    f"{format_pounds(award.total)} is over {format_pounds(threshold.value)}",
                    threshold.clause,
                ),
            ),
        )
    return Approval("Customer Experience Manager (budget holder)", "alliance 5.1", notes=(chain,))


# ---------------------------------------------------------------- offset (2.10)


@hookimpl
def apply_offset(scenario: Scenario, award: Award, params: Params) -> Settlement:
    """Credit the account up to what is owed; damage to belongings is always paid in full."""
    owed = scenario.account.total_owed
    belongings = sum((i.amount for i in award.items if i.category == "belongings"), ZERO)
    rest = award.total - belongings
    credit = min(rest, owed)
    parts = [
        SettlementPart(
            "Damage to belongings, paid in full", belongings, CUSTOMER, "payment", BELONGINGS
        ),
        SettlementPart(
            "Credited against rent arrears and other debts",
            credit,
            ACCOUNT,
            "credit to the customer's account",
            BELONGINGS,
        ),
        SettlementPart("Paid to the customer", rest - credit, CUSTOMER, "payment", BELONGINGS),
    ]
    notes = []
    if owed > 0:
        notes.append(
            Note(
                f"The customer owes {format_pounds(owed)}: compensation is credited to "
                "the account up to what is owed, except for damage to belongings",
                BELONGINGS,
            )
        )
    return Settlement(tuple(p for p in parts if p.amount > 0), tuple(notes))


# ---------------------------------------------------------------- deadlines (4.2, 4.3)


@hookimpl
def deadlines(scenario: Scenario, award: Award, params: Params) -> list[Deadline]:
    dates = scenario.dates
    claim_months = params["time_limits.claim_months"]
    complaint_months = params["time_limits.complaint_months"]
    assessment = params["assessment.working_days"]
    return [
        Deadline(
            f"Claim window ({claim_months.value} months after the loss ended)",
            add_months(dates.loss_end, claim_months.value),
            claim_months.clause,
        ),
        Deadline(
            f"Complaint to be raised ({complaint_months.value} months after the issue or "
            "awareness of it)",
            add_months(max(dates.aware, dates.loss_end), complaint_months.value),
            complaint_months.clause,
        ),
        Deadline(
            f"Assessment due ({assessment.value} working days after the claim)",
            add_working_days(dates.claimed, assessment.value),
            assessment.clause,
        ),
    ]
