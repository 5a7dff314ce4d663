"""STAR (Shropshire Towns and Rural Housing): Compensation Policy, Version 1 (17 November 2025).

Clauses are cited as "star N". Every number is in params.toml beside this file. The readings
this plugin makes, and where the text is silent, are listed in this package's README.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from compsim import hookimpl
from compsim.dates import add_months, day_text
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
    strongest_basis,
)
from compsim.money import ZERO, format_pounds, to_pennies
from compsim.params import Param, Params
from compsim.plugins import NOT_PUBLISHED, PolicyInfo

POLICY_ID = "star"

# 5.1: the policy's own scale. "none" is below the first band (no discretionary award).
BANDS = ("none", "minor", "medium", "severe")
BAND_NAMES = {
    "none": "No impact",
    "minor": "Minor inconvenience",
    "medium": "Medium impact",
    "severe": "Severe/long term impact",
}
DISTRESS_TO_BAND = {
    "none": "none",
    "minimal": "minor",
    "moderate": "medium",
    "considerable": "severe",
    "severe": "severe",
}
# 7.1: "any impact is worsened through disability, old age or the presence of young children".
NAMED_VULNERABILITIES = ("disability", "older-person", "young-children")
DAMAGE_CLAIMS = ("damage-to-belongings", "damage-to-decoration")
# 7.1 "Unusable room" (an individual room) and "Loss of amenity": categories of their own.
ROOMS = ("kitchen", "bathroom", "wc", "living-room", "bedroom", "other-room")
ROOM_KINDS = ("loss-of-room", "loss-of-amenity")
# The Schedule to SI 1994/133 lists total or partial loss of space or water heating, of electric
# power and of water supply among the qualifying repairs (6.1, Right to Repair).
RIGHT_TO_REPAIR_AMENITIES = ("heating", "hot-water", "electricity", "water")
STAR_CAUSES = ("landlord", "contractor")

SCOPE = "star 2.1"
EXCEPTIONS = "star 2.2"
APPROVAL = "star 3.3"
COSTS = "star 4.1, 4.2"
EVIDENCE = "star 4.2"
BANDS_CLAUSE = "star 5.1"
DISCRETIONARY = "star 4.3, 5.1, 7.1"
CALCULATION = "star 7.1"
MANDATORY = "star 6.1"
PAYMENT = "star 8.1"
DEDUCTIONS = "star 8.2"


# Speed (issue 11): the hooks run once per decision, so pure helpers that a decision calls
# with the same arguments as the last one are remembered, and texts that depend on nothing in
# the scenario are built once, here or beside the function that uses them. Every model is
# frozen, so one instance can stand in every decision's result. What is remembered never
# reads a parameter itself (each decision still consults every parameter it would, in the same
# order, so its readings and drafts are recorded as before), and is keyed by everything it
# prints: equal Decimals print alike except a zero's sign, so a figure that may be a user's
# -0 is keyed by its text, or never remembered.

# add_months and day_text are the engine's, which remember their results (format_pounds does not:
# amounts worked out for a case seldom recur).


@hookimpl
def policy_info() -> PolicyInfo:
    return PolicyInfo(
        id=POLICY_ID,
        landlord="STAR, Shropshire Towns and Rural Housing",
        documents=("Compensation Policy, Version 1 (approved 17 November 2025)",),
        version="Version 1, approved 17 November 2025 (review November 2026)",
        params_file=Path(__file__).with_name("params.toml"),
    )


# ---------------------------------------------------------------- exclusions (2.1, 2.2)


# The checks that do not depend on the scenario's details, keyed by whether they apply.
PERSONAL_INJURY = {
    True: Exclusion(
        "A claim for personal injury, including a claim that a resident's health has been affected",
        EXCEPTIONS,
        True,
        "personal injury",
    ),
    False: Exclusion(
        "Not a claim for personal injury or for health affected",
        EXCEPTIONS,
        False,
        "personal injury",
    ),
}
INSURERS = {
    True: Exclusion(
        "A claim that would be dealt with by STAR's insurers (including liability insurance)",
        EXCEPTIONS,
        True,
        "insurers' matter",
    ),
    False: Exclusion("Not a matter for STAR's insurers", EXCEPTIONS, False, "insurers' matter"),
}
NO_LEGAL_ACTION = Exclusion(
    "No legal action is impending (proceedings: none)", EXCEPTIONS, False, "legal action"
)


@hookimpl
def is_excluded(scenario: Scenario, params: Params) -> list[Exclusion]:
    failure, legal = scenario.failure, scenario.legal
    checks = [
        PERSONAL_INJURY[legal.personal_injury],
        INSURERS[legal.insurance_claim],
        _contents_insurance(scenario),
        NO_LEGAL_ACTION
        if legal.proceedings == "none"
        else Exclusion(
            f"Legal action is impending (proceedings: {legal.proceedings})",
            EXCEPTIONS,
            True,
            "legal action",
        ),
        _disrepair_claim(scenario, params),
    ]
    if failure.cause in ("third-party", "extreme-weather"):
        checks.append(OUTSIDE_CONTROL[failure.cause])
    else:
        checks.append(_scope(scenario))
    checks.append(_twelve_month_rule(scenario, params))
    return checks


NOTHING_INSURED = Exclusion(
    "No damaged item claimed is covered by home contents insurance",
    EXCEPTIONS,
    False,
    "contents insurance",
)


def _contents_insurance(scenario: Scenario) -> Exclusion:
    """2.2 "a claim that should be covered by a home contents insurance policy": the claim for
    an insured item. The whole claim is excluded when it is a claim for damage and every item
    is insured; otherwise the insured items are refused one by one (calculate_award)."""
    items = scenario.damaged_items
    if not items:
        return NOTHING_INSURED
    insured = [item.item for item in items if item.insured]
    short = "contents insurance"
    if not insured:
        return NOTHING_INSURED
    names = ", ".join(insured)
    if scenario.failure.kind in DAMAGE_CLAIMS and len(insured) == len(items):
        return Exclusion(
            f"A claim for damage that the claimant's home contents insurance should cover "
            f"(every damaged item is insured: {names})",
            EXCEPTIONS,
            True,
            short,
        )
    if scenario.failure.kind in DAMAGE_CLAIMS:
        rest = "the rest of the claim is considered"
    else:
        rest = (
            f"the claim is for a {scenario.failure.kind}, which contents insurance does not "
            "cover, so the rest of it is considered"
        )
    return Exclusion(
        f"Insured items ({names}) are left to the home contents insurance; {rest}",
        EXCEPTIONS,
        False,
        short,
    )


NO_DISREPAIR_CLAIM = Exclusion(
    "No housing disrepair claim is recorded", EXCEPTIONS, False, "disrepair claim"
)


def _disrepair_claim(scenario: Scenario, params: Params) -> Exclusion:
    short = "disrepair claim"
    if not scenario.legal.disrepair_claim:
        return NO_DISREPAIR_CLAIM
    reading = params["exclusions.disrepair_claim_is_legal_action"]  # consulted only here
    if reading.value:
        return Exclusion(
            f"A housing disrepair claim is recorded: read as impending legal action "
            f"({reading.basis})",
            reading.clause,
            True,
            short,
        )
    return Exclusion(
        "A housing disrepair claim is recorded, but the parameter "
        "exclusions.disrepair_claim_is_legal_action is off, so it is not read as impending "
        f"legal action ({reading.basis})",
        reading.clause,
        False,
        short,
    )


def _outside_control(cause: str) -> Exclusion:
    what = (
        "a third party (such as a leak from a neighbouring property)"
        if cause == "third-party"
        else "extreme weather (such as flooding or storms)"
    )
    return Exclusion(
        f"Loss or damage caused by {what}: circumstances outside STAR's control",
        EXCEPTIONS,
        True,
        "outside STAR's control",
    )


OUTSIDE_CONTROL = {cause: _outside_control(cause) for cause in ("third-party", "extreme-weather")}


SCOPE_CLAUSE = f"{SCOPE}, 2.2"
CAUSED_BY_RESIDENT = Exclusion(
    "Caused by the resident: not a failure by STAR or its contractors, which is all the policy "
    "covers",
    SCOPE_CLAUSE,
    True,
    "not STAR's failure",
)


def _scope(scenario: Scenario) -> Exclusion:
    """2.1: the policy covers failures by STAR and/or its contractors; 2.2's list of exceptions
    is "not an exhaustive list", so a failure that is not STAR's is outside the policy."""
    failure = scenario.failure
    return _scope_of(failure.cause, failure.responsibility)


@lru_cache(maxsize=32)
def _scope_of(cause: str, responsibility: str) -> Exclusion:
    clause = SCOPE_CLAUSE
    short = "not STAR's failure"
    if cause == "resident":
        return CAUSED_BY_RESIDENT
    if responsibility == "none":
        return Exclusion(
            f"Caused by the {cause}, but STAR bears no responsibility: not a failure "
            "by STAR or its contractors",
            clause,
            True,
            short,
        )
    return Exclusion(
        f"A failure by STAR or its contractors (cause: {cause}; {responsibility} responsibility)",
        clause,
        False,
        short,
    )


def _report_limit(scenario: Scenario, params: Params) -> date:
    return add_months(scenario.dates.occurred, params.value("exclusions.report_months"))


def _late_without_evidence(item: DamagedItem, limit: date) -> bool:
    return item.notified > limit and not item.retained


@lru_cache(maxsize=16)
def _no_items_to_report(months: int) -> Exclusion:
    return Exclusion(
        f"No damaged items are claimed: the {months}-month reporting rule does not arise",
        EXCEPTIONS,
        False,
        f"reported after {months} months",
    )


def _late_loss(scenario: Scenario, months: int, params: Params) -> Exclusion:
    """2.2 "has not reported loss or damage within twelve months and has not retained evidence
    of damaged items", for a claim with no damaged items: whether "loss" reported late excludes
    it is a reading (exclusions.report_rule_covers_loss), consulted only when the failure was
    first reported after the twelve months, where the other reading would exclude the claim."""
    dates = scenario.dates
    limit = add_months(dates.occurred, months)
    if dates.reported <= limit:
        return _no_items_to_report(months)
    reading = params["exclusions.report_rule_covers_loss"]
    when = (
        f"The failure began {day_text(dates.occurred)} and was first reported "
        f"{day_text(dates.reported)}, after the last day {day_text(limit)} ({months} months)"
    )
    short = f"reported after {months} months"
    if reading.value:
        return Exclusion(
            f"{when}: a loss not reported within {months} months, with no evidence of damaged "
            f"items retained (there are none), read as excluded ({reading.basis}: "
            "exclusions.report_rule_covers_loss)",
            reading.clause,
            True,
            short,
        )
    return Exclusion(
        f"{when}, but no damaged items are claimed: the {months}-month rule is read as needing "
        "damaged items (it asks whether their evidence was retained), so the late report does "
        f"not exclude the claim ({reading.basis}: exclusions.report_rule_covers_loss)",
        reading.clause,
        False,
        short,
    )


def _twelve_month_rule(scenario: Scenario, params: Params) -> Exclusion:
    """2.2: damage not reported within twelve months (of dates.occurred), with no evidence of
    the damaged items retained. Excludes the whole claim when it is a claim for damage and
    every item is caught; otherwise the caught items are refused one by one."""
    months = params.value("exclusions.report_months")
    items = scenario.damaged_items
    if not items:
        return _late_loss(scenario, months, params)
    occurred = scenario.dates.occurred
    short = f"reported after {months} months"
    limit = add_months(occurred, months)
    caught = [item for item in items if _late_without_evidence(item, limit)]
    listed = "; ".join(
        f"{item.item} reported {day_text(item.notified)}"
        f"{', evidence retained' if item.retained else ', no evidence retained'}"
        for item in items
    )
    when = (
        f"Damage occurred {day_text(occurred)}, last day to report it {day_text(limit)} "
        f"({months} months)"
    )
    if not caught:
        return Exclusion(
            f"{when}: every damaged item was reported in time or its evidence retained ({listed})",
            EXCEPTIONS,
            False,
            short,
        )
    if scenario.failure.kind in DAMAGE_CLAIMS and len(caught) == len(items):
        return Exclusion(
            f"{when}: not reported within {months} months and no evidence of the damaged "
            f"items retained ({listed})",
            EXCEPTIONS,
            True,
            short,
        )
    names = ", ".join(item.item for item in caught)
    return Exclusion(
        f"{when}: {names} reported late with no evidence retained, so refused; the rest of "
        f"the claim is considered ({listed})",
        EXCEPTIONS,
        False,
        short,
    )


# ---------------------------------------------------------------- impact (5.1, 7.1)


@hookimpl
def assess_impact(scenario: Scenario, params: Params) -> Impact:
    """Distress read onto 5.1's bands; a persistent failure is a long term impact (the top
    band); a vulnerability 7.1 names worsens the impact (by an assumed number of bands). The
    basis is ``assumption`` only when the vulnerability reading changed the band."""
    failure = scenario.failure
    vulnerabilities = scenario.household.vulnerabilities
    if not failure.persistent and not vulnerabilities:
        return _plain_impact(failure.distress, failure.reports, failure.misled)
    # The parameters the assessment rests on are read here, each only when the assessment
    # uses it and in the order it does (so params records each switch and draft consulted);
    # the assessment itself is remembered by the facts and the values read.
    long_term = (
        _consulted(params["impact.persistent_without_distress_is_long_term"])
        if failure.persistent and DISTRESS_TO_BAND[failure.distress] == "none"
        else None
    )
    steps = _consulted(params["impact.vulnerability_lift_steps"]) if vulnerabilities else None
    others = (
        _consulted(params["impact.other_vulnerabilities_lift"])
        if any(v not in NAMED_VULNERABILITIES for v in vulnerabilities)
        else None
    )
    return _assessed(
        failure.distress,
        failure.persistent,
        vulnerabilities,
        failure.reports,
        failure.misled,
        long_term,
        steps,
        others,
    )


class Consulted(NamedTuple):
    """A parameter as a hook read it: what a remembered helper is keyed by, in place of
    ``params`` (which the hook consults itself, so each switch and draft is recorded)."""

    value: Any
    basis: str
    clause: str


def _consulted(param: Param) -> Consulted:
    return Consulted(param.value, param.basis, param.clause)


@lru_cache(maxsize=1024)
def _assessed(
    distress: str,
    persistent: bool,
    vulnerabilities: tuple[str, ...],
    reports: int,
    misled: bool,
    long_term: Consulted | None,
    steps: Consulted | None,
    others: Consulted | None,
) -> Impact:
    """The impact of a persistent failure or of a household with a vulnerability, from the
    parameters assess_impact read: ``long_term`` when the failure is persistent with no
    distress, ``steps`` when there is a vulnerability, ``others`` when one is not among the
    three 7.1 names. Remembered: a caseload has few combinations of these."""
    band = DISTRESS_TO_BAND[distress]
    notes = [DISTRESS_NOTES[distress]]
    reading_basis = PUBLISHED
    if long_term is not None:  # persistent, with no distress
        reading_basis = long_term.basis
        if long_term.value:
            band = "severe"
            notes.append(
                Note(
                    "A persistent failure with no inconvenience or distress recorded is read as "
                    f"a long term impact by itself: {BAND_NAMES[band]} ({long_term.basis}: "
                    "impact.persistent_without_distress_is_long_term)",
                    long_term.clause,
                )
            )
        else:
            notes.append(
                Note(
                    "A persistent failure, but no inconvenience or distress recorded: the 5.1 "
                    "bands grade an impact, and 'long term' qualifies an impact there is, so "
                    f"there is none to band ({long_term.basis}: "
                    "impact.persistent_without_distress_is_long_term)",
                    long_term.clause,
                )
            )
    elif persistent and band != "severe":
        band = "severe"
        notes.append(
            Note(
                "A persistent failure over a protracted time is a long term impact: "
                f"{BAND_NAMES[band]}",
                BANDS_CLAUSE,
            )
        )
    unlifted = band
    band = _vulnerability(vulnerabilities, steps, others, band, notes)
    notes.extend(_unweighed(reports, misled))
    if band == unlifted:
        return Impact(
            BAND_NAMES[band], BANDS_CLAUSE, BANDS.index(band), reading_basis, tuple(notes)
        )
    # the reading about other vulnerabilities moved the band only when none of the three is
    # named (and then it was read, and lifts)
    named = set(vulnerabilities) & set(NAMED_VULNERABILITIES)
    lift_bases = (steps.basis,) if named else (steps.basis, others.basis)
    basis = strongest_basis(reading_basis, *lift_bases)
    return Impact(BAND_NAMES[band], LIFTED_CLAUSE, BANDS.index(band), basis, tuple(notes))


@lru_cache(maxsize=64)
def _plain_impact(distress: str, reports: int, misled: bool) -> Impact:
    """The impact of a failure that is not persistent, with no vulnerability: the distress's
    band, the same for every decision with the same distress, reports and misled."""
    band = DISTRESS_TO_BAND[distress]
    notes = (DISTRESS_NOTES[distress], *_unweighed(reports, misled))
    return Impact(BAND_NAMES[band], BANDS_CLAUSE, BANDS.index(band), PUBLISHED, notes)


MISLED = Note(
    "The customer was misled: the policy has no rule for this; the assessor's distress reading "
    "carries it",
    BANDS_CLAUSE,
)


def _unweighed(reports: int, misled: bool) -> list[Note]:
    """Notes on what 5.1 weighs but gives no rule for: repeated reports, being misled."""
    notes = []
    if reports > 1:
        notes.append(
            Note(
                f"Reported {reports} times: 5.1 weighs repeated service failures in the "
                "case-by-case assessment but gives no rule moving the band, so compsim does "
                "not move it (for repairs, see 7.1 under the award)",
                BANDS_CLAUSE,
            )
        )
    if misled:
        notes.append(MISLED)
    return notes


DISTRESS_NOTES = {
    distress: Note(f"Distress is {distress}, read as {BAND_NAMES[band]}", BANDS_CLAUSE)
    for distress, band in DISTRESS_TO_BAND.items()
}
LIFTED_CLAUSE = f"{BANDS_CLAUSE}, 7.1"


def _vulnerability(
    vulnerabilities: tuple[str, ...],
    steps_param: Consulted | None,
    others_param: Consulted | None,
    band: str,
    notes: list[Note],
) -> str:
    """7.1: a named vulnerability worsens the impact; ``steps_param`` is read when there is a
    vulnerability, ``others_param`` when one is not among the names."""
    if not vulnerabilities:
        return band
    steps = steps_param.value
    named = [v for v in vulnerabilities if v in NAMED_VULNERABILITIES]
    others = [v for v in vulnerabilities if v not in NAMED_VULNERABILITIES]
    if others_param is not None and not others_param.value:
        notes.append(
            Note(
                f"Vulnerability ({', '.join(others)}) is considered, but 7.1 names only "
                "disability, old age and young children as worsening the impact: compsim "
                f"does not move the band for it ({others_param.basis}: "
                "impact.other_vulnerabilities_lift)",
                others_param.clause,
            )
        )
    lifting = named + (others if others_param is not None and others_param.value else [])
    if not lifting:
        return band
    which = ", ".join(lifting)
    if band == "none":
        notes.append(
            Note(f"Vulnerability ({which}): there is no impact for it to worsen", CALCULATION)
        )
        return band
    lifted = BANDS[min(BANDS.index(band) + steps, len(BANDS) - 1)]
    if lifted == band:
        notes.append(
            Note(
                f"Vulnerability ({which}) worsens the impact, which is already {BAND_NAMES[band]}"
                if steps
                else f"Vulnerability ({which}): the band is not moved "
                f"(impact.vulnerability_lift_steps = 0, {steps_param.basis})",
                CALCULATION,
            )
        )
        return band
    bands = "band" if steps == 1 else "bands"
    notes.append(
        Note(
            f"Vulnerability ({which}) worsens the impact (7.1) by {steps} {bands}, to "
            f"{BAND_NAMES[lifted]} ({steps_param.basis}: the policy does not say by how much)",
            CALCULATION,
        )
    )
    return lifted


# ---------------------------------------------------------------- award (4, 5, 6, 7)


@hookimpl
def calculate_award(scenario: Scenario, impact: Impact, params: Params) -> Award:
    items: list[AwardItem] = []
    notes: list[Note] = []
    approved = params["policy.approved"]
    if scenario.dates.claimed < approved.value:
        notes.append(
            _claimed_before_approval(scenario.dates.claimed, approved.value, approved.clause)
        )
    items.extend(_discretionary(scenario, impact, params, notes))
    if scenario.costs:
        costs = [_cost_item(cost, scenario, params) for cost in scenario.costs]
        items.extend(costs)
        if any(item.amount > ZERO for item in costs):
            notes.append(REASONABLY_INCURRED)
    if scenario.damaged_items:
        items.extend(_damaged_item(item, scenario, params) for item in scenario.damaged_items)
    if scenario.household.tenure == "secure-tenant":  # the Right to Repair is theirs only
        items.extend(_right_to_repair(scenario, params, notes))
    _silences(scenario, notes)
    return Award(tuple(items), tuple(notes))


@lru_cache(maxsize=1024)
def _claimed_before_approval(claimed: date, approved: date, clause: str) -> Note:
    """Remembered by its dates: a caseload's claims fall on a few hundred days."""
    return Note(
        f"Claimed on {day_text(claimed)}, before this policy was approved "
        f"({day_text(approved)}): compsim applies it anyway",
        clause,
    )


REASONABLY_INCURRED = Note(
    "Costs must be reasonably incurred (4.2); the scenario records no finding on that, so "
    "compsim treats every evidenced cost as reasonably incurred",
    EVIDENCE,
)


def _right_to_repair(scenario: Scenario, params: Params, notes: list[Note]) -> list[AwardItem]:
    """6.1: mandatory compensation where legislation requires it, "for example ... payments
    under the Right to Repair, when STAR have failed to undertake repairs that are our
    responsibility". The Right to Repair Regulations 1994 (SI 1994/133) give a secure tenant
    of a local housing authority £10 plus £2 a day, at most £50, when a qualifying repair
    stays outstanding after its deadline. The scenario records the repair target, not the
    statutory deadline, the second contractor or the defect: those are stand-ins, marked."""
    household, failure, dates = scenario.household, scenario.failure, scenario.dates
    if household.tenure != "secure-tenant":
        return []
    qualifying = params["mandatory.right_to_repair.qualifying"]
    target = dates.repair_target
    if qualifying.value == "none":
        notes.append(
            Note(
                "A secure tenant: the Right to Repair payment (6.1) is not computed "
                f"(mandatory.right_to_repair.qualifying = none, {qualifying.basis})",
                MANDATORY,
            )
        )
        return []
    if target is None:
        if failure.kind == "repair-delay" or scenario.amenities_lost:
            notes.append(
                Note(
                    "A secure tenant: a Right to Repair payment (6.1) runs from the repair's "
                    "deadline, and the scenario records no repair target, so none is computed",
                    MANDATORY,
                )
            )
        return []
    if qualifying.value == "listed-amenities":
        ends = [
            loss.to if loss.to is not None else dates.loss_end
            for loss in scenario.amenities_lost
            if loss.amenity in RIGHT_TO_REPAIR_AMENITIES
        ]
        what = "a lost " + ", ".join(
            dict.fromkeys(
                loss.amenity
                for loss in scenario.amenities_lost
                if loss.amenity in RIGHT_TO_REPAIR_AMENITIES
            )
        )
        if not ends:
            if failure.kind == "repair-delay" or scenario.amenities_lost:
                notes.append(
                    Note(
                        "A secure tenant: no Right to Repair payment (6.1) is computed, because "
                        "the scenario records no defect the Schedule to SI 1994/133 lists (a "
                        "lost heating, hot water, electricity or water supply) "
                        f"(mandatory.right_to_repair.qualifying, {qualifying.basis})",
                        MANDATORY,
                    )
                )
            return []
        end = max(ends)
    else:  # every-late-repair
        if failure.kind != "repair-delay" and not scenario.amenities_lost:
            return []
        end, what = dates.loss_end, "a repair past its target"
    days = (end - target).days
    label = f"Right to Repair payment (statutory, SI 1994/133) for {what}"
    if days <= 0:
        notes.append(
            Note(
                f"A secure tenant: {what} was put right by the repair target {day_text(target)}, "
                "so no "
                "Right to Repair payment is due (6.1)",
                MANDATORY,
            )
        )
        return []
    if failure.access_refused:
        return [
            AwardItem(
                f"{label}, not paid: the customer did not allow access for the repair",
                ZERO,
                MANDATORY,
                qualifying.basis,
                "statutory",
            )
        ]
    base = params["mandatory.right_to_repair.base"]
    per_day = params["mandatory.right_to_repair.per_day"]
    maximum = params["mandatory.right_to_repair.maximum"]
    worked = base.value + per_day.value * days
    amount = to_pennies(min(worked, maximum.value))
    notes.append(
        Note(
            "Right to Repair (6.1): the Regulations give secure tenants of local housing "
            f"authorities a payment; a secure tenant, {what} outstanding {days} days after the "
            f"repair target {day_text(target)} (to {day_text(end)}): {format_pounds(base.value)} "
            f"+ {days} x {format_pounds(per_day.value)} = {format_pounds(worked)}, at most "
            f"{format_pounds(maximum.value)}: {format_pounds(amount)}. Stand-ins "
            "(assumption): the repair target for the statutory deadline (the Regulations count "
            "from the second contractor's deadline, which the scenario does not record), the "
            "defect for a qualifying repair, and its cost within the scheme's limit",
            MANDATORY,
        )
    )
    return [
        AwardItem(
            f"{label}, {days} days after the repair target",
            amount,
            MANDATORY,
            strongest_basis(
                base.basis,
                per_day.basis,
                maximum.basis,
                qualifying.basis,
                ASSUMPTION,  # the stand-in deadline
            ),
            "statutory",
        )
    ]


def _discretionary(
    scenario: Scenario, impact: Impact, params: Params, notes: list[Note]
) -> list[AwardItem]:
    """4.3, 5.1: discretionary compensation on top of costs, as a range (the band) with a
    single figure at an assumed position in it. 7.1: a repair delay counts only as 'Failure to
    meet timescales' allows, but an unusable room or a loss of amenity is its own category."""
    band = BANDS[impact.rank]
    if band == "none":
        notes.append(
            Note(
                "No impact: no discretionary compensation (the 5.1 bands start at Minor "
                "inconvenience)",
                BANDS_CLAUSE,
            )
        )
        return []
    failure = scenario.failure
    category = ""
    reading_basis = PUBLISHED
    if failure.kind == "decant" and scenario.decant is not None and scenario.decant.planned:
        reading = params["categories.planned_move_is_a_failure"]
        reading_basis = reading.basis
        if not reading.value:
            return [
                AwardItem(
                    f"Discretionary compensation for a move for {scenario.decant.reason}, not "
                    "paid: a planned move, not a service failure (1.2, 2.1; 6.1 pays the "
                    f"mandatory payments for it) ({reading.basis}: "
                    "categories.planned_move_is_a_failure)",
                    ZERO,
                    reading.clause,
                    reading.basis,
                    "distress",
                )
            ]
    if failure.kind == "repair-delay":
        refused = _timescale_refusals(scenario, params, notes)
        if refused:
            lost, reading_basis, why_not = _own_categories(scenario, params, notes)
            if not lost:
                if scenario.costs:
                    notes.append(
                        Note(
                            "The 7.1 rule governs which failures to meet repair timescales "
                            "count for discretionary compensation; evidenced costs are still "
                            "reimbursed as actual financial loss (4.1)",
                            CALCULATION,
                        )
                    )
                reasons = refused + why_not
                return [
                    AwardItem(
                        "Discretionary compensation for a repair not completed within "
                        f"timescales, not paid: {'; '.join(reasons)}",
                        ZERO,
                        CALCULATION,
                        reading_basis,
                        "distress",
                    )
                ]
            category = _category_words(lost)
            notes.append(
                Note(
                    "The repair delay does not count as a 'Failure to meet timescales' "
                    f"({'; '.join(refused)}), but {category} is a 7.1 category of its own, "
                    "with no reporting condition: the band is paid for it",
                    CALCULATION,
                )
            )
    elif failure.kind in ROOM_KINDS:
        if failure.extension_explained or failure.access_refused:
            reading = params["categories.timescale_exceptions_apply_to_rooms"]
            reading_basis = reading.basis
            if reading.value:
                return [
                    AwardItem(
                        f"Discretionary compensation for a {failure.kind.replace('-', ' ')}, "
                        f"not paid: {_exception_words(failure)}, read as not lost due to a "
                        f"service failure ({reading.basis}: "
                        "categories.timescale_exceptions_apply_to_rooms)",
                        ZERO,
                        reading.clause,
                        reading.basis,
                        "distress",
                    )
                ]
            notes.append(
                Note(
                    f"{_exception_words(failure).capitalize()}: 7.1 writes these exceptions "
                    "under 'Failure to meet timescales' only, so the room or amenity is still "
                    f"compensated ({reading.basis}: "
                    "categories.timescale_exceptions_apply_to_rooms)",
                    reading.clause,
                )
            )
        if back := _back_by_target(scenario):
            # consulted only where every room or amenity lost was back by the target: the
            # other reading would refuse the band
            reading = params[BACK_BY_TARGET]
            reading_basis = strongest_basis(reading_basis, reading.basis)
            kind = failure.kind.replace("-", " ")
            back_text = (
                f"the {', '.join(back)} was back in use by the repair target "
                f"{day_text(scenario.dates.repair_target)}"
            )
            if reading.value == "refused":
                return [
                    AwardItem(
                        f"Discretionary compensation for a {kind}, not paid: {back_text}, read "
                        "as not lost due to a failure to carry out repairs "
                        f"({reading.basis}: {BACK_BY_TARGET} = refused)",
                        ZERO,
                        reading.clause,
                        reading_basis,
                        "distress",
                    )
                ]
            notes.append(
                Note(
                    f"{back_text.capitalize()}: in a {kind} claim the loss itself is the "
                    "failure recorded, so it is compensated; in a repair delay it would not "
                    f"be ({reading.basis}: {BACK_BY_TARGET})",
                    reading.clause,
                )
            )
    low_path, high_path = BAND_PATHS[band]
    low, high = params[low_path], params[high_path]
    position = params["bands.position"]
    # a band end of zero is never remembered: 0 and a user's -0 are equal keys but print apart
    band_item = _band_item if low.value and high.value else _band_item.__wrapped__
    note, item = band_item(
        low.value,
        high.value,
        position.value,
        str(position.value),  # 0.5 and 0.50 are equal keys but print differently
        position.basis,
        position.clause,
        impact.level,
        category,
        strongest_basis(low.basis, high.basis, position.basis, impact.basis, reading_basis),
    )
    notes.append(note)
    return [item]


BAND_PATHS = {band: (f"bands.{band}.low", f"bands.{band}.high") for band in BANDS}
HALF = Decimal("0.5")


@lru_cache(maxsize=64)
def _band_item(
    low: Decimal,
    high: Decimal,
    position: Decimal,
    position_text: str,
    position_basis: str,
    position_clause: str,
    level: str,
    category: str,
    basis: str,
) -> tuple[Note, AwardItem]:
    """The note explaining a band's single figure at ``position`` along it, and the band's
    item (the figure, the band's ends in pennies, for ``category`` when the room or amenity
    lost is named). Depends only on the parameters, the band's name, the category and the
    basis, so it is remembered: most decisions fall in one of three bands."""
    amount = to_pennies(low + (high - low) * position)
    where = "the midpoint of" if position == HALF else f"{position_text} of the way along"
    note = Note(
        f"STAR decides each case within the band (5.1, 7.1): compsim's single figure "
        f"{format_pounds(amount)} is at {where} {format_pounds(low)}–"
        f"{format_pounds(high)} ({position_basis}: bands.position = {position_text}); "
        "the award's range shows the whole band",
        position_clause,
    )
    label = f"Discretionary compensation: {level} ({format_pounds(low)}–{format_pounds(high)})"
    item = AwardItem(
        f"{label} for {category}" if category else label,
        amount,
        DISCRETIONARY,
        basis,
        "distress",
        low=to_pennies(low),
        high=to_pennies(high),
    )
    return note, item


def _exception_words(failure) -> str:
    found = []
    if failure.extension_explained:
        found.append("the repair was extended for a genuine reason and the customer was told")
    if failure.access_refused:
        found.append("the customer did not allow access")
    return " and ".join(found)


BACK_BY_TARGET = "categories.room_back_by_target"


def _own_categories(
    scenario: Scenario, params: Params, notes: list[Note]
) -> tuple[list[str], str, list[str]]:
    """7.1 "Unusable room" and "Loss of amenity": the rooms and amenities lost in a repair
    delay, each lost "due to a failure to carry out repairs". One back in use by the repair
    target is, by default, not lost due to a failure (the reading categories.room_back_by_target,
    consulted only when there is one). Returns what counts, the basis it rests on, and why the
    others do not."""
    target = scenario.dates.repair_target
    lost = []
    back = []
    why_not = []
    for loss in scenario.amenities_lost:
        if not loss.in_use:
            why_not.append(f"the {loss.amenity} lost was not in use")
            continue
        end = loss.to if loss.to is not None else scenario.dates.loss_end
        if target is not None and end <= target:
            back.append(loss.amenity)
            continue
        lost.append(loss.amenity)
    basis = PUBLISHED
    if back:
        reading = params[BACK_BY_TARGET]
        basis = reading.basis
        names = ", ".join(back)
        if reading.value == "counts":
            lost.extend(back)
            notes.append(
                Note(
                    f"The {names} was back in use by the repair target {day_text(target)}: read "
                    "as lost due to the failure all the same, and counted "
                    f"({reading.basis}: {BACK_BY_TARGET} = counts)",
                    reading.clause,
                )
            )
        else:
            why_not.append(
                f"the {names} was back in use by the repair target {day_text(target)}, read as "
                f"not lost due to a failure to carry out repairs ({reading.basis}: "
                f"{BACK_BY_TARGET})"
            )
    failure = scenario.failure
    if not lost or not (failure.extension_explained or failure.access_refused):
        return lost, basis, why_not
    reading = params["categories.timescale_exceptions_apply_to_rooms"]
    basis = strongest_basis(basis, reading.basis)
    if reading.value:
        why_not.append(
            f"the {', '.join(lost)} lost: {_exception_words(failure)}, read as not lost due to "
            f"a service failure ({reading.basis}: categories.timescale_exceptions_apply_to_rooms)"
        )
        return [], basis, why_not
    return lost, basis, why_not


def _back_by_target(scenario: Scenario) -> list[str]:
    """In a loss-of-room or loss-of-amenity claim with a repair target: the rooms and amenities
    lost, when every one was back in use by the target (none lost past it); else none."""
    target = scenario.dates.repair_target
    if target is None or not scenario.amenities_lost:
        return []
    loss_end = scenario.dates.loss_end
    for loss in scenario.amenities_lost:
        if (loss.to if loss.to is not None else loss_end) > target:
            return []
    return list(dict.fromkeys(loss.amenity for loss in scenario.amenities_lost))


def _category_words(lost: list[str]) -> str:
    rooms = [name for name in lost if name in ROOMS]
    amenities = [name for name in lost if name not in ROOMS]
    parts = []
    if rooms:
        parts.append(f"an unusable room ({', '.join(rooms)})")
    if amenities:
        parts.append(f"a loss of amenity ({', '.join(amenities)})")
    return " and ".join(parts)


NO_REPAIR_TARGET = Note(
    "A repair delay with no repair target given: compsim reads the failure kind as a repair "
    "not completed within the timescales of STAR's service standards (which are not "
    "published), so it does not test whether the repair was late, and counts every room or "
    "amenity lost as lost due to the failure",
    CALCULATION,
)
HOME_CONDITIONS = Note(
    "7.1 also leaves out repairs the conditions of the home prevented; the scenario format "
    "records no such fact, so compsim cannot apply it",
    CALCULATION,
)


def _timescale_refusals(scenario: Scenario, params: Params, notes: list[Note]) -> list[str]:
    """7.1 "Failure to meet timescales": a repair not completed within timescales counts only
    when reported more than once, and not when extended for a genuine reason the customer was
    told of, nor when the customer did not allow access."""
    failure, dates = scenario.failure, scenario.dates
    refused = []
    if dates.repair_target is None:
        notes.append(NO_REPAIR_TARGET)
    elif dates.loss_end <= dates.repair_target:
        refused.append(
            f"the repair target {day_text(dates.repair_target)} had not passed by "
            f"{day_text(dates.loss_end)}"
        )
    if failure.extension_explained:
        refused.append("the repair was extended for a genuine reason and the customer was told")
    if failure.access_refused:
        refused.append("the customer did not allow access")
    minimum = params.value("timescales.min_reports")
    if failure.reports < minimum:
        times = "once" if failure.reports == 1 else f"{failure.reports} times"
        refused.append(f"reported {times}; it counts only if reported more than once")
    notes.append(HOME_CONDITIONS)
    if not refused:
        notes.append(_counts_for_timescales(failure.reports))
    return refused


@lru_cache(maxsize=64)
def _counts_for_timescales(reports: int) -> Note:
    """Remembered by the number of reports alone (a handful of values)."""
    return Note(
        f"A repair not completed within timescales and reported {reports} "
        "times: it counts for discretionary compensation",
        CALCULATION,
    )


SEASON_ENDS = (
    ("start", "heating.season_start_month", "heating.season_start_day"),
    ("end", "heating.season_end_month", "heating.season_end_day"),
)


@hookimpl
def check_params(params: Params) -> list[str]:
    """The host calls this before anything runs (with any overrides applied)."""
    return parameter_problems(params)


def parameter_problems(params: Params) -> list[str]:
    """Checks across parameters that their declared ranges cannot make: a heating season day
    that its month does not have (31 April), and a band whose bottom is above its top. Each
    problem is one line naming the parameters, what they hold and what is accepted."""
    problems = []
    for end, month_path, day_path in SEASON_ENDS:
        month, day = params[month_path], params[day_path]
        # 2000 was a leap year: a season may run to 29 February
        last = calendar.monthrange(2000, month.value)[1]
        if day.value > last:
            problems.append(
                f"{day_path} = {day.value} with {month_path} = {month.value}: "
                f"{calendar.month_name[month.value]} has no day {day.value}; expected a day "
                f"from 1 to {last} (the heating season {end}s on a real day, 7.1)"
            )
    for band in BANDS[1:]:
        low, high = params[f"bands.{band}.low"], params[f"bands.{band}.high"]
        if low.value > high.value:
            problems.append(
                f"bands.{band}.low = {low.value} is above bands.{band}.high = {high.value}: "
                "expected the bottom of a band at or below its top (5.1)"
            )
    return problems


def _heating_season(params: Params) -> tuple[tuple[int, int], tuple[int, int]]:
    return (
        (params.value("heating.season_start_month"), params.value("heating.season_start_day")),
        (params.value("heating.season_end_month"), params.value("heating.season_end_day")),
    )


def _in_season(day: date, season: tuple[tuple[int, int], tuple[int, int]]) -> bool:
    start, end = season
    month_day = (day.month, day.day)
    if start <= end:
        return start <= month_day <= end
    return month_day >= start or month_day <= end  # the season runs over the new year


@lru_cache(maxsize=16)
def _season_text(season: tuple[tuple[int, int], tuple[int, int]]) -> str:
    (start_month, start_day), (end_month, end_day) = season
    return (
        f"{start_day} {calendar.month_name[start_month]} to "
        f"{end_day} {calendar.month_name[end_month]}"
    )


def _cost_item(cost: Cost, scenario: Scenario, params: Params) -> AwardItem:
    label = f"Out-of-pocket cost: {cost.kind} {format_pounds(cost.amount)}"
    if not cost.evidence:
        return AwardItem(
            f"{label}, not reimbursed: no receipts, bills or other evidence of the cost",
            ZERO,
            EVIDENCE,
            PUBLISHED,
            "costs",
        )
    if not scenario.claim.evidence_supplied:
        return AwardItem(
            f"{label}, not reimbursed: the evidence asked for was not supplied",
            ZERO,
            EVIDENCE,
            PUBLISHED,
            "costs",
        )
    if cost.kind == "heating":
        return _heating_cost(cost, label, scenario, params)
    if cost.kind == "utilities":
        return _utility_charge(cost, label, scenario, params)
    return AwardItem(f"{label}, reimbursed", cost.amount, COSTS, PUBLISHED, "costs")


SEASON_PATHS = tuple(path for _, *paths in SEASON_ENDS for path in paths)
COMBINE = "heating.season_and_failure_combine"


def _during_failure(cost: Cost, scenario: Scenario) -> tuple[bool, str]:
    """7.1 "incurred by the customer during the service failure": from dates.occurred to the
    loss end, both days included; and the words naming that span."""
    start, end = scenario.dates.occurred, scenario.dates.loss_end
    return (
        start <= cost.incurred <= end,
        f"the service failure ({day_text(start)} to {day_text(end)})",
    )


def _heating_cost(cost: Cost, label: str, scenario: Scenario, params: Params) -> AwardItem:
    """7.1 "Loss of heating costs will only be considered between 1st October and 31st March".
    Whether a heating cost must also be incurred during the service failure (the row's first
    sentence, on utility charges) is the reading heating.season_and_failure_combine, consulted
    only for a heating cost in season but outside the failure."""
    season = _heating_season(params)
    season_basis = params.basis_of(*SEASON_PATHS)
    incurred = day_text(cost.incurred)
    if not _in_season(cost.incurred, season):
        return AwardItem(
            f"{label}, not reimbursed: incurred {incurred}, outside "
            f"{_season_text(season)}, when heating costs are not considered",
            ZERO,
            CALCULATION,
            season_basis,
            "costs",
        )
    during, span = _during_failure(cost, scenario)
    if during:
        return AwardItem(
            f"{label}, reimbursed: incurred {incurred}, within {_season_text(season)}",
            cost.amount,
            f"{COSTS}, 7.1",
            season_basis,
            "costs",
        )
    reading = params[COMBINE]
    basis = strongest_basis(season_basis, reading.basis)
    if reading.value:
        return AwardItem(
            f"{label}, not reimbursed: incurred {incurred}, within {_season_text(season)} but "
            f"outside {span}; a heating cost read as a utility charge, reimbursed only when "
            f"incurred during the service failure ({reading.basis}: {COMBINE})",
            ZERO,
            CALCULATION,
            basis,
            "costs",
        )
    return AwardItem(
        f"{label}, reimbursed: incurred {incurred}, within {_season_text(season)}; outside "
        f"{span}, but 7.1's 'during the service failure' is read as governing utility charges, "
        f"not heating costs ({reading.basis}: {COMBINE})",
        cost.amount,
        f"{COSTS}, 7.1",
        basis,
        "costs",
    )


def _utility_charge(cost: Cost, label: str, scenario: Scenario, params: Params) -> AwardItem:
    """7.1 "Where utility charges have been incurred by the customer during the service failure,
    we will reimburse the costs incurred". Whether a utility charge incurred while heating was
    lost is also a "loss of heating cost", considered only in the heating season, is the
    reading heating.season_and_failure_combine, consulted only for such a charge out of season."""
    incurred = day_text(cost.incurred)
    during, span = _during_failure(cost, scenario)
    if not during:
        return AwardItem(
            f"{label}, not reimbursed: incurred {incurred}, outside {span}; 7.1 reimburses "
            "utility charges incurred during the service failure",
            ZERO,
            CALCULATION,
            PUBLISHED,
            "costs",
        )
    paid = f"{label}, reimbursed: incurred {incurred}, during {span}"
    if not any(loss.amenity == "heating" for loss in scenario.amenities_lost):
        return AwardItem(paid, cost.amount, f"{COSTS}, 7.1", PUBLISHED, "costs")
    season = _heating_season(params)
    if _in_season(cost.incurred, season):
        return AwardItem(paid, cost.amount, f"{COSTS}, 7.1", PUBLISHED, "costs")
    reading = params[COMBINE]
    basis = strongest_basis(params.basis_of(*SEASON_PATHS), reading.basis)
    if reading.value:
        return AwardItem(
            f"{label}, not reimbursed: incurred {incurred}, during {span} but outside "
            f"{_season_text(season)}; with heating lost, a utility charge read as a loss of "
            f"heating cost, considered only in that season ({reading.basis}: {COMBINE})",
            ZERO,
            CALCULATION,
            basis,
            "costs",
        )
    return AwardItem(
        f"{paid}; heating was lost and the charge falls outside {_season_text(season)}, but "
        f"7.1's heating season is read as governing heating costs, not utility charges "
        f"({reading.basis}: {COMBINE})",
        cost.amount,
        f"{COSTS}, 7.1",
        basis,
        "costs",
    )


def _damaged_item(item: DamagedItem, scenario: Scenario, params: Params) -> AwardItem:
    """Damaged items are actual financial loss (4.1) needing evidence (4.2), within 2.2."""
    label = f"Damaged {item.kind}: {item.item}"
    if item.insured:
        return AwardItem(
            f"{label}, not paid: for the claimant's home contents insurance",
            ZERO,
            EXCEPTIONS,
            PUBLISHED,
            "belongings",
        )
    limit = _report_limit(scenario, params)
    if _late_without_evidence(item, limit):
        return AwardItem(
            f"{label}, not paid: reported {day_text(item.notified)}, after the last day "
            f"{day_text(limit)}, and "
            "no evidence retained",
            ZERO,
            EXCEPTIONS,
            PUBLISHED,
            "belongings",
        )
    unretained = None  # the reading an item reported in time with no evidence rests on
    if not item.retained:
        if not scenario.claim.evidence_supplied:  # refused on either reading
            return AwardItem(
                f"{label}, not paid: no evidence of the damaged item retained",
                ZERO,
                EVIDENCE,
                PUBLISHED,
                "belongings",
            )
        # consulted only here, where its other reading would pay the item
        unretained = params["belongings.timely_report_is_evidence"]
        if not unretained.value:
            return AwardItem(
                f"{label}, not paid: no evidence of the damaged item retained; reported in "
                f"time (by {day_text(limit)}), but 4.2 asks for evidence of the loss "
                f"({unretained.basis}: belongings.timely_report_is_evidence)",
                ZERO,
                EVIDENCE,
                unretained.basis,
                "belongings",
            )
    if not scenario.claim.evidence_supplied:
        return AwardItem(
            f"{label}, not paid: the evidence asked for was not supplied",
            ZERO,
            EVIDENCE,
            PUBLISHED,
            "belongings",
        )
    valuation = params["belongings.valuation"]
    value = item.value_at_loss if valuation.value == "value_at_loss" else item.replacement_value
    clause = f"{valuation.clause}, 7.1" if item.kind == "decoration" else valuation.clause
    readable = valuation.value.replace("_", " ")
    if unretained is None:
        return AwardItem(
            f"{label}, paid at {readable}",
            value,
            clause,
            valuation.basis,
            "belongings",
        )
    return AwardItem(
        f"{label}, paid at {readable}: no evidence retained, but reported in time (by "
        f"{day_text(limit)}), which 2.2 leaves covered; the timely report read as the "
        f"evidence of the loss ({unretained.basis}: "
        "belongings.timely_report_is_evidence)",
        value,
        f"{EXCEPTIONS}, {clause.removeprefix('star ')}",
        strongest_basis(valuation.basis, unretained.basis),
        "belongings",
    )


SILENT_ON_PARTIAL = Note(
    "STAR is partly responsible: the policy does not scale compensation by degree of "
    "responsibility (each case is to be fair and proportionate), so compsim pays as for a "
    "failure by STAR",
    SCOPE,
)
SILENT_ON_ROOMS = Note(
    "The policy publishes no rate for a lost room or amenity (7.1 lists them as circumstances "
    "considered): the discretionary band covers them; the heating season limits heating costs "
    "only",
    CALCULATION,
)
SILENT_ON_CHARGED_SERVICE = Note(
    "7.1 pays compensation when a service charged for missed its service level, but publishes "
    "no amount (such as a refund of the charge): compsim gives the discretionary band only",
    CALCULATION,
)
SILENT_ON_APPOINTMENTS = Note(
    "The policy has no rule or amount for missed appointments: the discretionary band covers them",
    BANDS_CLAUSE,
)
REDECORATION = Note(
    "STAR may instead offer to redecorate (3.2): compsim values the damage in money",
    "star 3.2",
)
SILENT_ON_DECANT = Note(
    "6.1 pays the mandatory payments legislation requires for a move out of the home, but "
    "quotes none: compsim does not compute home loss or disturbance payments for STAR (the "
    "award shown leaves them out)",
    "star 6.1",
)
SILENT_ON_COMPLAINTS = Note(
    "STAR's Complaint Handling Policy is not among the published texts: compsim does not "
    "check complaint-handling timescales",
    "star 9.1",
)
SILENT_ON_ACTION_PLANS = Note(
    "The policy says nothing about action plans: compsim does not use one",
    BANDS_CLAUSE,
)


def _silences(scenario: Scenario, notes: list[Note]) -> None:
    """Where the policy publishes no rule or figure for something in the scenario."""
    failure = scenario.failure
    kind = failure.kind
    if failure.responsibility == "partial":
        notes.append(SILENT_ON_PARTIAL)
    if failure.access_refused and kind != "repair-delay":
        notes.append(
            Note(
                "The customer did not allow access: 7.1 names this only for failures to meet "
                f"repair timescales, so compsim does not apply it to a {kind}",
                CALCULATION,
            )
        )
    if scenario.amenities_lost:
        notes.append(SILENT_ON_ROOMS)
    if kind == "charged-service-not-delivered":
        notes.append(SILENT_ON_CHARGED_SERVICE)
    if kind == "missed-appointment":
        notes.append(SILENT_ON_APPOINTMENTS)
    if scenario.damaged_items and any(item.kind == "decoration" for item in scenario.damaged_items):
        notes.append(REDECORATION)
    if scenario.decant is not None or kind == "decant":
        notes.append(SILENT_ON_DECANT)
    if scenario.complaint is not None or kind == "complaint-handling":
        notes.append(SILENT_ON_COMPLAINTS)
    if failure.action_plan != "none":
        notes.append(SILENT_ON_ACTION_PLANS)


# ---------------------------------------------------------------- approval (3.3)


@hookimpl
def route_approval(scenario: Scenario, award: Award, params: Params) -> Approval:
    """3.3: £250 or above is signed off by the Finance Team at manager level or above. When
    the total rests on the assumed point in a band and the band straddles £250, which side
    of £250 the total falls on rests on that point: the approval is marked so."""
    threshold = params["approval.finance_from"]
    total, low, high, band_basis, other_basis = _totals(award)
    return _approval(
        total,
        low,
        high,
        threshold.value,
        format_pounds(threshold.value),  # a limit of 0 and one of -0 are equal but print apart
        threshold.clause,
        threshold.basis,
        band_basis,
        other_basis,
    )


@lru_cache(maxsize=1024)
def _approval(
    total: Decimal,
    low: Decimal,
    high: Decimal | None,
    limit: Decimal,
    limit_text: str,
    clause: str,
    threshold_basis: str,
    band_basis: str | None,
    other_basis: str = PUBLISHED,
) -> Approval:
    """The approval of an award with this total and range, against the limit; ``band_basis``
    is the basis of the assumed point in a band the total rests on, if it does, and
    ``other_basis`` that of the total's other figures (an assumed valuation, a draft cost
    rule): another reading of those could move the total across the limit, so the approval
    rests on them (RULES.md), whatever the band's range. Remembered:
    the same few totals (a band's figure, alone or with a cost) recur from case to case. The
    totals are sums from ZERO, never -0, so totals equal in value print alike."""
    notes = []
    rests_on_band = PUBLISHED
    total_text = format_pounds(total)
    if band_basis is not None:
        range_text = f"the award's range {format_pounds(low)}–{format_pounds(high)}"
        if low < limit and (high is None or high >= limit):  # the band straddles the limit
            rests_on_band = band_basis
            notes.append(
                Note(
                    f"The total {total_text} rests on the assumed point in the "
                    f"band ({band_basis}: bands.position), and {range_text} straddles "
                    f"{limit_text}: elsewhere in the band the approver "
                    "would differ, so the approval rests on that assumption too",
                    clause,
                )
            )
        else:
            side = "at or above" if low >= limit else "below"
            notes.append(
                Note(
                    f"The total rests on the assumed point in the band, but {range_text} is "
                    f"all {side} {limit_text}: the approver is the same "
                    "anywhere in the band",
                    clause,
                )
            )
    if other_basis != PUBLISHED:
        rests_on_band = strongest_basis(rests_on_band, other_basis)
        notes.append(
            Note(
                f"The total also rests on figures that are not published ({other_basis}: "
                "see the award's items): on another reading of them the total differs, and "
                f"which side of {limit_text} it falls on may too, so the approval rests on "
                "them as well",
                clause,
            )
        )
    if total >= limit:
        notes.insert(
            0,
            Note(
                f"{total_text} is {limit_text} or "
                "above: authorised and signed off by the Finance Team",
                clause,
            ),
        )
        return Approval(
            "A member of the Finance Team at Manager level or above",
            clause,
            senior=True,
            basis=strongest_basis(threshold_basis, rests_on_band),
            notes=tuple(notes),
        )
    notes.insert(
        0,
        Note(
            f"{total_text} is below {limit_text}: the policy names no approver for it",
            clause,
        ),
    )
    approver = (
        "Not published (no payment to approve)"
        if total == ZERO
        else f"Not published (the policy names no approver below {limit_text})"
    )
    basis = (
        strongest_basis(threshold_basis, rests_on_band)
        if rests_on_band != PUBLISHED
        else NOT_PUBLISHED
    )
    return Approval(approver, clause, basis=basis, notes=tuple(notes))


def _totals(award: Award) -> tuple[Decimal, Decimal, Decimal | None, str | None, str]:
    """award.total, award.min and award.max, the basis of the band point the total rests
    on (the first paid band item whose single figure is an assumed or draft point in its
    range), if any, and the basis of every other item (``strongest_basis``: an item not paid on an
    assumed reading rests on it as much as one paid): in one pass over the items."""
    total = low = high = ZERO
    band_basis = None
    other_basis = PUBLISHED
    for item in award.items:
        amount = item.amount
        total += amount
        low += item.low
        if high is not None:
            high = None if item.high is None else high + item.high
        if item.basis == PUBLISHED:
            continue
        if (
            band_basis is None
            and item.category == "distress"
            and amount > ZERO
            and (item.high is None or item.low < item.high)
        ):
            band_basis = item.basis
        elif other_basis != DRAFT:
            other_basis = strongest_basis(other_basis, item.basis)
    return total, low, high, band_basis, other_basis


# ---------------------------------------------------------------- payment (8.1) and offset (8.2)


def financial_losses(scenario: Scenario) -> list[str]:
    """8.2 "already at a financial loss due to any service failure": every out-of-pocket cost
    in the scenario (evidenced or not, reimbursed or not), every uninsured damaged item with a
    value, and decant moving costs."""
    losses = [f"{cost.kind} {format_pounds(cost.amount)}" for cost in scenario.costs if cost.amount]
    losses += [
        f"damaged {item.item}"
        for item in scenario.damaged_items
        if not item.insured and item.value_at_loss > 0
    ]
    if scenario.decant is not None and scenario.decant.moving_costs > 0:
        losses.append(f"moving costs {format_pounds(scenario.decant.moving_costs)}")
    return losses


@hookimpl
def apply_offset(scenario: Scenario, award: Award, params: Params) -> Settlement:
    """8.2: a debt may be deducted when agreed with the customer, never when the customer is
    already at a financial loss from a service failure. 8.1: paid by bank transfer."""
    total = ZERO  # award.total
    for item in award.items:
        total += item.amount
    if total == ZERO:
        return NOTHING_TO_SETTLE
    account = scenario.account
    owed = account.total_owed
    days = params["payment.days_after_bank_details"]
    given = scenario.dates.bank_details_given
    # Most cases: the whole award paid, nothing deducted; remembered when no out-of-pocket
    # cost is in the total (a cost's amount makes a total that seldom recurs)
    if owed == ZERO and given is None and not scenario.costs:
        return _paid_in_full(total, days.value, days.clause)
    when = (
        f"given {day_text(given)}, so due by {day_text(given + timedelta(days=days.value))}"
        if given is not None
        else NOT_GIVEN
    )
    notes = [_bank_transfer(days.value, when, days.clause)]
    credit = ZERO
    if owed == ZERO:
        notes.append(OWES_NOTHING)
    elif losses := financial_losses(scenario):
        notes.append(
            Note(
                f"The customer owes {format_pounds(owed)}, but is already at a financial loss "
                f"from the service failure ({', '.join(losses)}): no deduction",
                DEDUCTIONS,
            )
        )
    elif not account.offset_agreed:
        notes.append(
            Note(
                f"The customer owes {format_pounds(owed)}, but has not agreed to a deduction: "
                "none is made",
                DEDUCTIONS,
            )
        )
    elif not (deduct := params["offset.deduct_when_allowed"]).value:
        notes.append(
            Note(
                f"The customer owes {format_pounds(owed)} and agreed to a deduction, which "
                f"8.2 allows; compsim makes none (offset.deduct_when_allowed, {deduct.basis})",
                deduct.clause,
            )
        )
    else:
        credit = min(total, owed)
        notes.append(
            Note(
                f"The customer owes {format_pounds(owed)}, agreed to a deduction and has no "
                f"financial loss from the failure: {format_pounds(credit)} is deducted to "
                f"reduce the debt ({deduct.basis}: 8.2 says deductions may be made)",
                deduct.clause,
            )
        )
    parts = []
    if credit > ZERO:
        parts.append(
            SettlementPart(
                "Deducted towards rent arrears and other debts (agreed with the customer)",
                credit,
                ACCOUNT,
                "deduction credited to the customer's account",
                DEDUCTIONS,
            )
        )
    if (paid := total - credit) > ZERO:
        parts.append(
            SettlementPart("Paid to the customer", paid, CUSTOMER, "bank transfer", PAYMENT)
        )
    return Settlement(tuple(parts), tuple(notes))


NOT_GIVEN = "the scenario does not record when they were given"


_PAID_IN_FULL: dict[tuple[str, int, str], Settlement] = {}


def _paid_in_full(total: Decimal, days: int, clause: str) -> Settlement:
    """The settlement of a customer who owes nothing and whose bank details are not recorded:
    the whole award paid by bank transfer, with the payment note and "owes nothing". The same
    parts and notes as apply_offset builds otherwise, remembered by the total's exact text
    (``str`` of the Decimal: equal totals written differently never share an entry) and the
    parameter's value and clause: most totals are a band's figure, which recur."""
    key = (str(total), days, clause)
    settlement = _PAID_IN_FULL.get(key)
    if settlement is None:
        if len(_PAID_IN_FULL) > 4096:  # many drafts or damaged items: keep the memory flat
            _PAID_IN_FULL.clear()
        notes = (_bank_transfer(days, NOT_GIVEN, clause), OWES_NOTHING)
        paid = total - ZERO
        parts = (
            (SettlementPart("Paid to the customer", paid, CUSTOMER, "bank transfer", PAYMENT),)
            if paid > ZERO
            else ()
        )
        settlement = _PAID_IN_FULL[key] = Settlement(parts, notes)
    return settlement


@lru_cache(maxsize=64)
def _bank_transfer(days: int, when: str, clause: str) -> Note:
    """8.1's payment note: remembered, as most scenarios record no bank details (``when``
    is then always the same words)."""
    return Note(
        f"STAR aims to pay by bank transfer within {days} days of the customer providing bank "
        f"details ({when}). A discretionary offer is not an admission of legal liability",
        clause,
    )


NOTHING_TO_SETTLE = Settlement()
OWES_NOTHING = Note("The customer owes STAR nothing: no deduction", DEDUCTIONS)


# ---------------------------------------------------------------- deadlines (2.2, 8.1)


@hookimpl
def deadlines(scenario: Scenario, award: Award, params: Params) -> list[Deadline]:
    """Dated deadlines: reporting damage (2.2) and payment (8.1). STAR pays within 28 days of
    receiving bank details (``dates.bank_details_given``); without that date, the deadline
    runs from a stand-in (the offer's acceptance, else the award's confirmation), marked
    assumption and named."""
    found = []
    if scenario.damaged_items:
        months = params["exclusions.report_months"]
        found.append(
            Deadline(
                f"Damage to be reported ({months.value} months after it occurred)",
                add_months(scenario.dates.occurred, months.value),
                months.clause,
            )
        )
    if award.total == 0:
        return found
    days = params["payment.days_after_bank_details"]
    dates = scenario.dates
    if dates.bank_details_given is not None:
        found.append(
            Deadline(
                f"Payment due ({days.value} days after bank details were given on "
                f"{day_text(dates.bank_details_given)})",
                dates.bank_details_given + timedelta(days=days.value),
                days.clause,
                params.basis_of("payment.days_after_bank_details"),
            )
        )
        return found
    stand_ins = (
        ("the offer was accepted", dates.offer_accepted),
        ("the award was confirmed", dates.award_confirmed),
    )
    for what, day in stand_ins:
        if day is not None:
            found.append(
                Deadline(
                    f"Payment due ({days.value} days after bank details, not recorded: read as "
                    f"given when {what}, {day_text(day)})",
                    day + timedelta(days=days.value),
                    days.clause,
                    strongest_basis(params.basis_of("payment.days_after_bank_details"), ASSUMPTION),
                )
            )
            break
    return found
