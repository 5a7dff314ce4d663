"""Clarion Housing: Customer Compensation and Remedies Policy.

Clauses are cited as "clarion N". Clarion publishes no amounts (6.4, 6.5): the amounts
come from the Housing Ombudsman's guidance, each an assumption parameter. Every number is
in params.toml beside this file. The readings this plugin makes, and where the text is
silent, are listed in this package's README.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import attrs

from compsim import hookimpl
from compsim.dates import add_months, add_working_days, day_text
from compsim.models import (
    ACCOUNT,
    ASSUMPTION,
    CUSTOMER,
    DISTRESS_LEVELS,
    ONE_OFF_KINDS,
    PROCEEDINGS,
    PUBLISHED,
    RESPONSIBILITIES,
    AmenityLoss,
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
)
from compsim.money import ZERO, for_days, format_pounds, to_pennies
from compsim.params import Param, Params, basis_from
from compsim.plugins import NOT_PUBLISHED, PolicyInfo

POLICY_ID = "clarion"
APPROVER = "Not published (the policy names no approver for awards)"

# The impact scale: 4.4's "little or no problem", then the Ombudsman's remedies bands.
BANDS = ("minor", "adversely_affected", "significant", "severe")
LEVEL_NAMES = {
    "none": "Little or no problem",
    "minor": "Minor failure",
    "adversely_affected": "Adversely affected",
    "significant": "Significant impact",
    "severe": "Severe maladministration",
}
BAND_WORDS = {
    "minor": "a minor failure",
    "adversely_affected": "a failure that adversely affected the resident",
    "significant": "a failure with a significant impact",
    "severe": "severe maladministration",
}

# 4.2 and RULES.md: amenities or services count whenever lost; rooms only past 28 days.
SERVICES = ("heating", "hot-water", "electricity", "lighting", "water")
ROOMS = ("kitchen", "bathroom", "wc", "living-room", "bedroom", "other-room")
DAMAGE_KINDS = ("damage-to-belongings", "damage-to-decoration")
LEAK_FLOOD_OR_FIRE = ("leak", "flood", "fire")  # 4.4: damage left to contents insurance
# Failure kinds 4.2 does not name (its list is of examples: "include").
UNLISTED_KINDS = ("complaint-handling", "communication", "works-nuisance", "decant", "other")

# Reading switches (params.toml, [readings.*]): each a reading the text does not settle.
UNLISTED_SWITCH = "readings.unlisted_failure_pays"
BROKEN_PLAN_SWITCH = "readings.broken_plan_stops_repair_kind"
MINIMAL_SWITCH = "readings.minimal_distress_is_little_problem"
THREATENED_SWITCH = "readings.threatened_proceedings_exclude"
EVIDENCE_SWITCH = "readings.costs_need_evidence"
SERVICE_CHARGE_SWITCH = "readings.service_charge_on_rent_account"
NOTICE_SWITCH = "readings.unrecorded_notice_is_none"
UNREIMBURSED_SWITCH = "readings.unreimbursed_cost_is_expense"
BELONGINGS_SWITCH = "readings.damaged_belongings_are_expenses"


COMPENSABLE = "clarion 4.2"
EXCLUSIONS = "clarion 4.4"
BAND_CLAUSE = "clarion 6.4, 6.5; Housing Ombudsman remedies guidance"
IMPACT_CLAUSE = "clarion 6.5; Housing Ombudsman remedies guidance"
COSTS = "clarion 1.2, 6.4"
PAYMENT = "clarion 5.1"

# Speed (issue 11): the hooks run once per decision, a million times in a caseload. Texts that
# depend on nothing in the scenario are built once, beside the function that uses them (every
# model is frozen, so one instance serves every decision). A helper is remembered
# (lru_cache, with a maxsize) only when it takes plain values: the scenario's own, or values the
# hook has already read from params, so each decision still consults every parameter it would,
# in the same order, and its readings and drafts are recorded as before; only when keyed by
# everything it prints (equal Decimals print alike except a zero's sign, so a zero figure is
# never remembered); and never by a Decimal just worked out (hashing a fresh Decimal costs
# more than building a small model). Dates are printed with day_text, not an f-string.


@hookimpl
def policy_info() -> PolicyInfo:
    return PolicyInfo(
        id=POLICY_ID,
        landlord="Clarion Housing",
        documents=("Customer Compensation and Remedies Policy",),
        version="not stated (the published text carries no version or date)",
        params_file=Path(__file__).with_name("params.toml"),
    )


# ---------------------------------------------------------------- what is compensable (4.2)


# One kind of failure 4.2 names, as found in the scenario: the note saying whether it counts
# and why, and whether it counts. A plain pair: a decision builds one or two, and a named
# tuple costs several times as much to build.
Head = tuple[Note, bool]


def _head(reason: str, compensable: bool, clause: str = COMPENSABLE) -> Head:
    return Note(f"{'Counts' if compensable else 'Does not count'}: {reason}", clause), compensable


@lru_cache(maxsize=64)
def _no_notice_recorded(
    count: str, threshold: int, read_as_none: bool, basis: str, clause: str
) -> Head:
    """The head for missed appointments with no notice recorded, by the reading
    ``NOTICE_SWITCH`` (memoised on plain values, the switch read by the caller)."""
    if read_as_none:
        return _head(
            f"{count} missed with no notice recorded, read as none ({basis}: "
            f"{NOTICE_SWITCH}): less than {threshold} hours' notice, compensable",
            True,
            clause,
        )
    return _head(
        f"{count} missed with no notice recorded: compsim does not read it as missed "
        f"without {threshold} hours' notice, so nothing is paid for it "
        f"({basis}: {NOTICE_SWITCH})",
        False,
        clause,
    )


def compensable_heads(scenario: Scenario, params: Params) -> list[Head]:
    """Every 4.2 kind the scenario shows, each marked compensable or not, with why; and,
    for a failure of a kind 4.2 does not name, whether discretionary compensation is paid
    for it (a reading switch: 4.2's list is of examples). A missed appointment's head, when
    there is one, comes first."""
    service = scenario.failure.kind == "charged-service-not-delivered"
    found = (
        _appointment_head(scenario, params),
        _repair_head(scenario, params),
        *_amenity_heads(scenario, params),
        _belongings_head(scenario, params),
        SERVICE_NOT_DELIVERED if service else None,
        _unlisted_head(scenario, params),
    )
    return [head for head in found if head is not None] or [NOTHING_NAMED]


# The heads whose words never change.
SERVICE_NOT_DELIVERED = _head(
    "A charged service was not delivered: a loss of services, which 4.2 counts", True
)
NOTHING_NAMED = _head("No failure of a kind 4.2 names is shown", False)
NO_APPOINTMENT_MISSED = _head("No appointment was missed (missed_appointments = 0)", False)
AMENITIES_NOT_LISTED = _head(
    "A loss of amenities or services (the scenario lists none in amenities_lost): "
    "compensable whenever lost",
    True,
)
NO_ITEMS_LISTED = _head("No damaged items are listed", False)
NO_ITEM_PAYABLE = _head(
    "Every damaged item is for the claimant's contents insurance, a floor covering, or not "
    "belongings: no belongings are compensable",
    False,
)


def unlisted_failure(scenario: Scenario) -> bool:
    """Whether the scenario's failure is a failure of service of a kind 4.2 does not name.

    A decant for demolition or redevelopment is a planned move, not a failure of service."""
    failure = scenario.failure
    if failure.kind not in UNLISTED_KINDS:
        return False
    if failure.kind == "decant":
        return scenario.decant is None or not scenario.decant.planned
    return True


def _unlisted_head(scenario: Scenario, params: Params) -> Head | None:
    kind = scenario.failure.kind
    if kind not in UNLISTED_KINDS:
        return None
    if not unlisted_failure(scenario):  # a decant for demolition or redevelopment
        reason = scenario.decant.reason if scenario.decant else ""
        return _head(f"A decant for {reason} is a planned move, not a failure of service", False)
    switch = params[UNLISTED_SWITCH]
    if switch.value:
        return _head(
            f"The failure ({kind}) is none of the kinds 4.2 names, but 4.2 lists examples "
            "('include'): compsim reads it as compensable like a named failure "
            f"({switch.basis}: {UNLISTED_SWITCH})",
            True,
            switch.clause,
        )
    return _head(
        f"The failure ({kind}) is none of the kinds 4.2 names (a missed appointment, a "
        "repair over target, a loss of amenities or services, a room lost for more than "
        "the repair SLA, damage to belongings). 4.2 lists examples ('include'); compsim "
        "reads discretionary compensation as given only for the named kinds, so only "
        f"out-of-pocket expenses are reimbursed (1.2) ({switch.basis}: {UNLISTED_SWITCH})",
        False,
        switch.clause,
    )


def failure_shown(compensable: bool, unlisted: bool) -> bool:
    """Whether the scenario shows a failure by Clarion: a named kind that counts
    (``compensable``), or a failure of a kind 4.2 does not name (``unlisted``). Out-of-pocket
    expenses it caused are reimbursed whatever its kind (1.2)."""
    return compensable or unlisted


def _appointment_head(scenario: Scenario, params: Params) -> Head | None:
    failure = scenario.failure
    if failure.missed_appointments == 0:
        if failure.kind == "missed-appointment":
            return NO_APPOINTMENT_MISSED
        return None
    threshold = params["appointment.notice_hours"]
    count = _appointments(failure.missed_appointments)
    hours = failure.appointment_notice_hours
    if hours is None:
        # 4.2 asks whether 24 hours' notice was given; the scenario does not say: a reading
        switch = params[NOTICE_SWITCH]
        return _no_notice_recorded(
            count, threshold.value, switch.value, switch.basis, switch.clause
        )
    if hours >= threshold.value:
        return _head(
            f"{count} cancelled with {hours} hours' notice: at least {threshold.value} "
            "hours' notice was given, so nothing is paid for it",
            False,
            threshold.clause,
        )
    return _head(
        f"{count} cancelled with {hours} hours' notice, less than {threshold.value}: compensable",
        True,
        threshold.clause,
    )


def _appointments(count: int) -> str:
    return "One appointment" if count == 1 else f"{count} appointments"


def _repair_head(scenario: Scenario, params: Params) -> Head | None:
    dates, failure = scenario.dates, scenario.failure
    target = dates.repair_target
    if target is None:
        if failure.kind != "repair-delay":
            return None
        if failure.action_plan != "none":
            return _plan_head("A repair delay", failure.action_plan, params)
        return REPAIR_WITHOUT_TARGET
    end = dates.loss_end
    if end <= target:
        return _head(
            f"The repair was within its target ({day_text(target)}; loss end {day_text(end)})",
            False,
        )
    over = (end - target).days
    if failure.action_plan != "none":
        what = f"The repair went {over} days over its target ({day_text(target)})"
        return _plan_head(what, failure.action_plan, params)
    return _head(
        f"The repair went {over} days over its target ({day_text(target)}; loss end "
        f"{day_text(end)}) with no action plan agreed: compensable",
        True,
    )


REPAIR_WITHOUT_TARGET = _head(
    "A repair delay with no target date given: compsim reads the failure kind as "
    "a repair that went over its target time, with no action plan agreed",
    True,
)


def _plan_head(what: str, plan: str, params: Params) -> Head:
    """4.2 "unless an action plan has been agreed" (``plan`` is one that was agreed): an
    agreed plan that was kept stops the repair kind; whether a plan agreed but not kept does
    is a reading switch."""
    if plan == "agreed-kept":
        return _head(f"{what}, but an action plan was agreed", False)
    switch = params[BROKEN_PLAN_SWITCH]
    if switch.value:
        return _head(
            f"{what}, but an action plan was agreed (it was not kept; 4.2 asks only whether "
            f"one has been agreed: {switch.basis}, {BROKEN_PLAN_SWITCH})",
            False,
            switch.clause,
        )
    return _head(
        f"{what}; an action plan was agreed but not kept, which compsim reads as no plan: "
        f"compensable ({switch.basis}, {BROKEN_PLAN_SWITCH})",
        True,
        switch.clause,
    )


def _amenity_heads(scenario: Scenario, params: Params) -> list[Head]:
    sla = params["rooms.sla_days"]
    if scenario.amenities_lost:
        return [
            _amenity_head(
                loss.amenity,
                loss.in_use,
                loss.from_,
                _loss_end(scenario, loss),
                sla.value,
                sla.clause,
            )
            for loss in scenario.amenities_lost
        ]
    kind = scenario.failure.kind
    if kind == "loss-of-amenity":
        return [AMENITIES_NOT_LISTED]
    if kind == "loss-of-room":
        start, end = scenario.dates.occurred, scenario.dates.loss_end
        return [_amenity_head("other-room", True, start, end, sla.value, sla.clause)]
    return []


def _amenity_head(
    amenity: str, in_use: bool, start: date, end: date, sla_days: int, clause: str
) -> Head:
    name = amenity.replace("-", " ")
    days = (end - start).days
    if amenity in SERVICES:
        return _head(
            f"Loss of {name} ({day_text(start)} to {day_text(end)}): an amenity or service, "
            "compensable whenever lost",
            True,
        )
    if not in_use:
        return _head(f"The {name} was not in use, so its use was not lost", False, clause)
    if days > sla_days:
        return _head(
            f"Loss of use of the {name} for {days} calendar days ({day_text(start)} to "
            f"{day_text(end)}), more than {sla_days}: compensable",
            True,
            clause,
        )
    return _head(
        f"Loss of use of the {name} for {days} calendar days ({day_text(start)} to "
        f"{day_text(end)}), not more than {sla_days}: a room counts only when lost for longer "
        "than the repair SLA",
        False,
        clause,
    )


def _loss_end(scenario: Scenario, loss: AmenityLoss) -> date:
    """The amenity's ``to`` date, even after the claim (the common reading of the loss end);
    without one, the failure's loss end (the claim date while it is still lost)."""
    return loss.to if loss.to is not None else scenario.dates.loss_end


def _belongings_head(scenario: Scenario, params: Params) -> Head | None:
    items = scenario.damaged_items
    if not items:
        if scenario.failure.kind in DAMAGE_KINDS:
            return NO_ITEMS_LISTED
        return None
    payable = [item for item in items if _item_refusal(item, params) is None]
    if payable:
        names = ", ".join(item.item for item in payable)
        return _head(
            f"Damage to belongings ({names}) caused by the failure and not reasonably "
            "covered by the claimant's contents insurance: compensable",
            True,
        )
    return NO_ITEM_PAYABLE


def _item_refusal(item: DamagedItem, params: Params) -> tuple[str, str, str] | None:
    """Why a damaged item is not paid (reason, clause, basis), or None when it is paid."""
    if item.damaged_by in LEAK_FLOOD_OR_FIRE:
        what = "a floor covering" if item.kind == "floor-covering" else "belongings"
        return (
            f"{what} damaged by {item.damaged_by}: damage to belongings (including floor "
            "coverings) due to leaks, flood or fire is for the claimant's home contents "
            "insurance",
            EXCLUSIONS,
            PUBLISHED,
        )
    if item.insured:
        return ("the claimant could claim on their insurance policy", EXCLUSIONS, PUBLISHED)
    decoration = params["belongings.decoration_counts"]
    if item.kind == "decoration" and not decoration.value:
        return ("decoration is not read as belongings", decoration.clause, decoration.basis)
    return None


# ---------------------------------------------------------------- exclusions (4.4, 6.2)


def _fixed_check(reason: str, short: str) -> tuple[Exclusion, Exclusion]:
    """A 4.4 check whose words never change, built once: ``check[applies]`` is the Exclusion
    (Exclusion is frozen, so every decision can share it)."""
    return Exclusion(reason, EXCLUSIONS, False, short), Exclusion(reason, EXCLUSIONS, True, short)


PERSONAL_INJURY = _fixed_check("The claim is for personal injury", "personal injury")
INSURANCE_CLAIM = _fixed_check(
    "The matter is a public liability insurance claim", "insurance claim"
)
EXTREME_WEATHER = _fixed_check(
    "Damage caused by circumstances beyond Clarion's control (storms, floods: extreme weather)",
    "beyond control",
)
RESIDENT = _fixed_check(
    "The loss is due to lack of action, neglect, wilful damage or misuse by the "
    "resident, their household or a guest",
    "resident's fault",
)
THIRD_PARTY = _fixed_check(
    "Loss or damage caused by a third party unrelated to Clarion (a utility "
    "company, another resident or a visitor)",
    "third party",
)
NO_FAILURE = {
    responsibility: Exclusion(
        "Clarion fulfilled its statutory and contractual obligations, acted reasonably "
        f"and followed its policies (responsibility: {responsibility})",
        EXCLUSIONS,
        responsibility == "none",
        "no failure by Clarion",
    )
    for responsibility in RESPONSIBILITIES
}
ACCESS = _fixed_check(
    "Clarion's staff or contractors could not gain access to carry out the work",
    "access refused",
)


@hookimpl
def is_excluded(scenario: Scenario, params: Params) -> list[Exclusion]:
    failure, legal = scenario.failure, scenario.legal
    cause = failure.cause
    checks = [
        _little_or_no_problem(scenario, params),
        PERSONAL_INJURY[legal.personal_injury],
        INSURANCE_CLAIM[legal.insurance_claim],
        _insurance_check(scenario, params),
        EXTREME_WEATHER[cause == "extreme-weather"],
        RESIDENT[cause == "resident"],
        _legal_proceedings(scenario, params),
        THIRD_PARTY[cause == "third-party"],
        NO_FAILURE[failure.responsibility],
        ACCESS[failure.access_refused],
        _six_month_limit(scenario, params),
    ]
    if scenario.costs:
        checks.extend(_time_off_work(scenario.costs))
    return checks


def _time_off_work(costs: tuple[Cost, ...]) -> list[Exclusion]:
    time_off = [cost for cost in costs if cost.kind == "time-off-work"]
    if not time_off:
        return []
    amount = sum((cost.amount for cost in time_off), ZERO)
    return [
        Exclusion(
            f"Loss of earnings for time off work to allow access ({format_pounds(amount)}) "
            "is not paid (an obligation of the tenancy or lease); the rest of the claim "
            "is considered",
            EXCLUSIONS,
            False,
        )
    ]


def _little_problem_reason(distress: str) -> str:
    return f"The failure caused little or no problem to the resident (distress: {distress})"


# Without a reading to make (distress other than minimal), the check is one of these.
LITTLE_OR_NO_PROBLEM = {
    distress: Exclusion(_little_problem_reason(distress), EXCLUSIONS, True, "little or no problem")
    if distress == "none"
    else Exclusion(_little_problem_reason(distress), EXCLUSIONS, False)
    for distress in DISTRESS_LEVELS
    if distress != "minimal"
}


def _little_or_no_problem(scenario: Scenario, params: Params) -> Exclusion:
    """4.4 "may not" pay where the failure "caused little or no problem": no distress is
    "no problem"; whether minimal distress is "little" problem is a reading switch."""
    distress = scenario.failure.distress
    if distress != "minimal":
        return LITTLE_OR_NO_PROBLEM[distress]
    switch = params[MINIMAL_SWITCH]
    return _minimal_distress(bool(switch.value), switch.basis, switch.clause)


@lru_cache(maxsize=16)
def _minimal_distress(little: bool, basis: str, clause: str) -> Exclusion:
    """The check for minimal distress from the reading switch alone (memoised)."""
    reading = (
        "minimal distress read as 'little' problem"
        if little
        else "minimal distress read as more than 'little' problem"
    )
    return Exclusion(
        f"{_little_problem_reason('minimal')}: {reading} ({basis}: {MINIMAL_SWITCH})",
        clause,
        little,
        "little problem (reading)" if little else "",
    )


def _legal_check(proceedings: str, disrepair: bool) -> Exclusion:
    reason = (
        f"The issue is subject to legal proceedings (proceedings: {proceedings}) "
        f"or a disrepair claim (disrepair claim: {'yes' if disrepair else 'no'})"
    )
    if disrepair or proceedings in ("started", "court-ordered"):
        return Exclusion(reason, EXCLUSIONS, True, "legal or disrepair")
    return Exclusion(reason, EXCLUSIONS, False)


# The check for every state of the proceedings, built once; but for proceedings threatened
# (and no disrepair claim), which a reading switch settles, only its reason is used.
LEGAL_CHECKS = {
    (proceedings, disrepair): _legal_check(proceedings, disrepair)
    for proceedings in PROCEEDINGS
    for disrepair in (False, True)
}


def _legal_proceedings(scenario: Scenario, params: Params) -> Exclusion:
    """4.4 "issues subject to legal proceedings or disrepair claims": proceedings started or
    ordered, or a disrepair claim, exclude; whether threatened proceedings do is a switch."""
    legal = scenario.legal
    check = LEGAL_CHECKS[legal.proceedings, legal.disrepair_claim]
    if legal.disrepair_claim or legal.proceedings != "threatened":
        return check
    switch = params[THREATENED_SWITCH]
    reading = (
        "threatened proceedings read as making the issue subject to legal proceedings"
        if switch.value
        else "threatened proceedings read as not yet legal proceedings"
    )
    return Exclusion(
        f"{check.reason}: {reading} ({switch.basis}: {THREATENED_SWITCH})",
        switch.clause,
        bool(switch.value),
        "proceedings threatened (reading)" if switch.value else "",
    )


NOTHING_FOR_INSURANCE = Exclusion(
    "No damaged item is one the claimant could claim on their contents insurance, "
    "and no floor covering is claimed",
    EXCLUSIONS,
    False,
)


def _insurance_check(scenario: Scenario, params: Params) -> Exclusion:
    """Insured items and floor coverings: the whole claim is excluded when they are all it is
    about (no other 4.2 kind counts); otherwise only those items are left out."""
    if not scenario.damaged_items:
        return NOTHING_FOR_INSURANCE
    refused = [item for item in scenario.damaged_items if _item_refusal(item, params)]
    for_insurance = [i for i in refused if i.insured or i.damaged_by in LEAK_FLOOD_OR_FIRE]
    if not for_insurance:
        return NOTHING_FOR_INSURANCE
    names = ", ".join(item.item for item in for_insurance)
    others = [note for note, counts in compensable_heads(scenario, params) if counts]
    if not others:
        return Exclusion(
            f"The claim is for damage that should be covered by the claimant's home contents "
            f"insurance ({names}), including floor coverings damaged by leaks, flood or fire",
            EXCLUSIONS,
            True,
            "contents insurance",
        )
    return Exclusion(
        f"Some damaged items are for the claimant's home contents insurance ({names}): "
        "those items are left out, the rest of the claim is considered",
        EXCLUSIONS,
        False,
    )


def claim_window_start(scenario: Scenario) -> tuple[date, str]:
    """6.2 "within six months of our failure of service fault, or event": a one-off event
    (a missed appointment, damage) from the day it happened; a continuing failure from its
    end (RULES.md, common readings). The start is ``scenario.incurred``, found here from the
    one lookup that also gives the words (the property asks the kind again)."""
    dates = scenario.dates
    # ONE_OFF_WORDS names every one-off kind (scenario.one_off); any other failure continues
    what = ONE_OFF_WORDS.get(scenario.failure.kind)
    if what is None:
        return dates.loss_end, "the failure ending on"
    return dates.occurred, what


ONE_OFF_WORDS = {kind: f"the {kind.replace('-', ' ')} on" for kind in ONE_OFF_KINDS}


def _six_month_limit(scenario: Scenario, params: Params) -> Exclusion:
    limit = params["time_limits.claim_months"]
    start, what = claim_window_start(scenario)
    months = limit.value
    last, within, exceptional, late = _claim_window_words(start, what, months)
    claimed = scenario.dates.claimed
    on = day_text(claimed)
    if claimed <= last:
        return Exclusion(f"Claimed on {on}{within}", limit.clause, False)
    if scenario.claim.exceptional_circumstances:
        return Exclusion(f"Claimed on {on}{exceptional}", limit.clause, False)
    return Exclusion(f"Claimed on {on}{late}", limit.clause, True, f"claimed after {months} months")


@lru_cache(maxsize=4096)
def _claim_window_words(start: date, what: str, months: int) -> tuple[date, str, str, str]:
    """The 6.2 window's last day, and what follows "Claimed on <day>" when the claim is within
    it, after it with exceptional circumstances, and after it without: from the window's start
    alone (memoised: a caseload's windows start on a few hundred days, while the pairs of start
    and claim dates seldom recur)."""
    limit = add_months(start, months)
    # the dates as an f-string prints them, through day_text (remembered, so faster)
    begun, last = day_text(start), day_text(limit)
    return (
        limit,
        f", within {months} months of {what} {begun} (last day {last})",
        f", after the {months}-month limit (last day {last}, from {what} {begun}), but "
        "exceptional circumstances prevented an earlier claim",
        f", more than {months} months after {what} {begun} (last day {last}), and no "
        "exceptional circumstances",
    )


# ---------------------------------------------------------------- impact (6.5)


@hookimpl
def assess_impact(scenario: Scenario, params: Params) -> Impact:
    """Distress read onto the Ombudsman's bands (assumption parameters); a vulnerability
    lifts the band one step (an assumption, 6.5)."""
    distress = scenario.failure.distress
    if distress == "none":
        return LITTLE_OR_NO_IMPACT
    mapping = params[DISTRESS_PATHS[distress]]
    vulnerabilities = scenario.household.vulnerabilities
    if not vulnerabilities:
        # resting on one parameter, the impact has its basis (basis_from(mapping), uncalled)
        return _impact(distress, mapping.value, mapping.basis, mapping.clause, mapping.basis)
    lift = params[LIFT_PATH]
    basis = basis_from(mapping, lift)
    return _impact(
        distress,
        mapping.value,
        mapping.basis,
        mapping.clause,
        basis,
        vulnerabilities,
        (lift.value, lift.basis, lift.clause),
    )


LITTLE_OR_NO_IMPACT = Impact(
    LEVEL_NAMES["none"],
    EXCLUSIONS,
    0,
    PUBLISHED,
    (Note("Distress is none: the failure caused little or no problem", EXCLUSIONS),),
)
DISTRESS_PATHS = {d: f"impact.distress.{d}" for d in DISTRESS_LEVELS if d != "none"}
LIFT_PATH = "impact.vulnerability_lifts"


@lru_cache(maxsize=1024)
def _impact(
    distress: str,
    band: str,
    band_basis: str,
    band_clause: str,
    basis: str,
    vulnerabilities: tuple[str, ...] = (),
    lift: tuple[bool, str, str] | None = None,
) -> Impact:
    """The impact from the distress, the band the parameters read it onto, and (with
    vulnerabilities) the lift parameter's value, basis and clause (memoised: a caseload has
    few such combinations)."""
    notes = [
        Note(
            f"Clarion publishes no impact scale; distress {distress} is read onto the "
            f"Ombudsman's band for {BAND_WORDS[band]} ({band_basis})",
            band_clause,
        )
    ]
    if lift is not None:
        lifts, lift_basis, lift_clause = lift
        if lifts and band != BANDS[-1]:
            band = BANDS[BANDS.index(band) + 1]
            notes.append(
                Note(
                    f"Vulnerability ({', '.join(vulnerabilities)}) is considered in assessing "
                    f"the impact: the band is lifted one step to {BAND_WORDS[band]} "
                    f"({lift_basis}: {LIFT_PATH})",
                    lift_clause,
                )
            )
        else:
            notes.append(
                Note(
                    f"Vulnerability ({', '.join(vulnerabilities)}) is considered, but the band "
                    f"is not {'lifted' if lifts else f'lifted ({LIFT_PATH})'}",
                    lift_clause,
                )
            )
    return Impact(LEVEL_NAMES[band], IMPACT_CLAUSE, BANDS.index(band) + 1, basis, tuple(notes))


# ---------------------------------------------------------------- award


@hookimpl
def calculate_award(scenario: Scenario, impact: Impact, params: Params) -> Award:
    heads = compensable_heads(scenario, params)
    notes, compensable = [], False
    for note, counts in heads:
        notes.append(note)
        compensable = compensable or counts
    unlisted = unlisted_failure(scenario)
    # the parameters the band (paid or refused) rests on, besides its own figures
    rests_on = [params[UNLISTED_SWITCH]] if unlisted else []
    if _notice_read(scenario) and _only_the_appointment(heads):
        rests_on.append(params[NOTICE_SWITCH])
    items = [_distress_item(impact, compensable, params, notes, rests_on)]
    if scenario.amenities_lost:
        items.extend(_service_items(scenario, params, notes))
    if scenario.failure.missed_appointments:  # then the appointments' head comes first
        items.append(_appointment_item(scenario, heads[0], params))
    if scenario.damaged_items:
        items.extend([_belongings_item(item, params) for item in scenario.damaged_items])
    if scenario.costs:
        failure = failure_shown(compensable, unlisted)
        items.extend([_cost_item(cost, failure, scenario, params) for cost in scenario.costs])
    notes.extend(_silences(scenario))
    return Award(tuple(items), tuple(notes))


def _notice_read(scenario: Scenario) -> bool:
    """Whether the 4.2 head for missed appointments rests on the reading of a notice not
    recorded (``NOTICE_SWITCH``)."""
    failure = scenario.failure
    return failure.missed_appointments > 0 and failure.appointment_notice_hours is None


def _only_the_appointment(heads: list[Head]) -> bool:
    """Whether no 4.2 head but the missed appointments' (the first, when there is one) counts:
    then whether the band is paid turns on that head alone."""
    return all(not counts for _, counts in heads[1:])


def _distress_item(
    impact: Impact, compensable: bool, params: Params, notes: list[Note], rests_on: list[Param]
) -> AwardItem:
    if impact.rank == 0:
        return NO_PROBLEM_ITEM
    if not compensable:
        return _nothing_compensable(basis_from(*rests_on))
    band = BANDS[impact.rank - 1]
    low_path, high_path, figure_path = BAND_PATHS[band]
    # read in this order (low, high, figure): the decision records drafts in the order used
    low = params[low_path]
    has_high = high_path in params  # the top band has no upper end
    high = params[high_path] if has_high else None
    figure = params[figure_path]
    if high is None:
        high_value, basis = None, basis_from(low, figure, *rests_on)
    else:
        high_value, basis = high.value, basis_from(low, high, figure, *rests_on)
    low_value, figure_value = low.value, figure.value
    # a band figure of zero is never remembered: 0 and a user's -0 are equal keys but print apart
    nonzero = low_value and figure_value and (high is None or high_value)
    band_item = _band_item if nonzero else _band_item.__wrapped__
    item, band_notes = band_item(band, low_value, high_value, figure_value, figure.clause, basis)
    notes.extend(band_notes)
    return item


NO_PROBLEM_ITEM = AwardItem(
    "Distress and inconvenience: not paid, the failure caused little or no problem",
    ZERO,
    EXCLUSIONS,
    PUBLISHED,
    "distress",
)


@lru_cache(maxsize=8)
def _nothing_compensable(basis: str) -> AwardItem:
    return AwardItem(
        "Distress and inconvenience: not paid, nothing in this claim is of a kind 4.2 compensates",
        ZERO,
        COMPENSABLE,
        basis,
        "distress",
    )


BAND_PATHS = {
    band: (f"bands.{band}.low", f"bands.{band}.high", f"bands.{band}.figure") for band in BANDS
}


@lru_cache(maxsize=1024)
def _band_item(
    band: str, low: Decimal, high: Decimal | None, figure: Decimal, figure_clause: str, basis: str
) -> tuple[AwardItem, tuple[Note, ...]]:
    """The distress item paid in an Ombudsman band, and its notes, from the band's figures
    alone (memoised: a policy has few bands)."""
    notes = []
    amount = max(figure, low)
    if high is not None:
        amount = min(amount, high)
    if amount != figure:
        notes.append(
            Note(
                f"The chosen figure {format_pounds(figure)} lies outside the band; "
                f"compsim uses {format_pounds(amount)}, the nearest end of the band",
                figure_clause,
            )
        )
    span = f"{format_pounds(low)} to {format_pounds(high)}" if high else f"{format_pounds(low)}+"
    notes.append(
        Note(
            "Clarion publishes no amounts; compsim takes the Housing Ombudsman's remedies "
            f"band for {BAND_WORDS[band]} ({span}) and pays a single figure in it, "
            f"{format_pounds(amount)} (the assumption parameter bands.{band}.figure)",
            BAND_CLAUSE,
        )
    )
    item = AwardItem(
        f"Distress and inconvenience: Ombudsman band for {BAND_WORDS[band]} ({span})",
        to_pennies(amount),
        BAND_CLAUSE,
        basis,
        "distress",
        low=to_pennies(low),
        high=None if high is None else to_pennies(high),
    )
    return item, tuple(notes)


Span = tuple[date, date]  # the days from the first date up to, not including, the second


def _days_lost(scenario: Scenario, from_target: bool) -> dict[str, list[Span]]:
    """For each amenity with a specific sum that has days lost, the days the sum pays for:
    from the repair target when ``from_target`` (an assumption, ``specific_sums.days_from``),
    else from the loss start, to the loss end (the end day not counted: it is the day the
    amenity is back). Overlapping losses of the same amenity are joined, so no day counts
    twice."""
    target = scenario.dates.repair_target
    spans: dict[str, list[Span]] = {}
    for loss in scenario.amenities_lost:
        if loss.amenity in SPECIFIC_SUMS:
            start, end = loss.from_, _loss_end(scenario, loss)
            if from_target:
                start = max(start, target)
            if start < end:
                spans.setdefault(loss.amenity, []).append((start, end))
    for amenity, found in spans.items():
        if len(found) > 1:
            spans[amenity] = _joined(found)
    return spans


def _joined(spans: list[Span]) -> list[Span]:
    """The same days as disjoint spans: overlapping or touching spans joined."""
    if len(spans) < 2:
        return spans
    joined: list[Span] = []
    for start, end in sorted(spans):
        if joined and start <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return joined


def _days_in(spans: Sequence[Span]) -> int:
    days = 0  # loops, not sum() over a generator: the lists hold a span or two
    for start, end in spans:
        days += (end - start).days
    return days


def _days_in_both(first: Sequence[Span], second: Sequence[Span]) -> int:
    """The days in both (each a list of disjoint spans)."""
    days = 0
    for start1, end1 in first:
        for start2, end2 in second:
            days += max(0, (min(end1, end2) - max(start1, start2)).days)
    return days


# The amenities with a specific sum a day or a week, and those remedied within the band.
SPECIFIC_SUMS = ("heating", "hot-water", "electricity", "lighting")
HEATING_OR_HOT_WATER = frozenset({"heating", "hot-water"})
NO_SPECIFIC_SUM = frozenset({"water", *ROOMS})
DAYS_FROM = "specific_sums.days_from"
DAYS_FROM_LOSS_START = Note(
    "Days of loss for a specific sum run from the loss start to the loss end, the "
    "day it is back not counted (no repair target is given)",
    "clarion 6.5; Housing Ombudsman compensation guidance",
)
POWER_WITH_HEATING = Note(
    "The guidance as compsim holds it does not say whether the sum for loss of "
    "power includes heating or hot water lost with it; compsim pays each",
    "Housing Ombudsman compensation guidance",
)


def _service_items(scenario: Scenario, params: Params, notes: list[Note]) -> list[AwardItem]:
    """The specific sums for the amenities lost (``scenario.amenities_lost`` is not empty)."""
    lost = {loss.amenity for loss in scenario.amenities_lost}
    items = []
    if not lost.isdisjoint(SPECIFIC_SUMS):
        target = scenario.dates.repair_target
        source = None if target is None else params[DAYS_FROM]
        days_lost = _days_lost(scenario, source is not None and source.value == "repair_target")
        heating, hot_water = days_lost.get("heating", ()), days_lost.get("hot-water", ())
        power, lighting = days_lost.get("electricity", ()), days_lost.get("lighting", ())
        if not lost.isdisjoint(HEATING_OR_HOT_WATER):

            def both(lo: date | None, hi: date | None) -> int:
                return _days_in_both(_clipped(heating, lo, hi), _clipped(hot_water, lo, hi))

            def one_of(lo: date | None, hi: date | None) -> int:
                alone = _days_in(_clipped(heating, lo, hi)) + _days_in(_clipped(hot_water, lo, hi))
                return alone - 2 * both(lo, hi)

            items += _specific_sum(
                "Loss of heating and hot water together",
                both,
                "specific_sums.heating_and_hot_water_per_day",
                scenario,
                params,
            )
            items += _specific_sum(
                "Loss of one of heating or hot water",
                one_of,
                "specific_sums.heating_or_hot_water_per_day",
                scenario,
                params,
            )
        if "electricity" in lost:
            items += _specific_sum(
                "Loss of power",
                lambda lo, hi: _days_in(_clipped(power, lo, hi)),
                "specific_sums.power_per_day",
                scenario,
                params,
            )
        if "lighting" in lost:

            def lighting_only(lo: date | None, hi: date | None) -> int:
                alone = _clipped(lighting, lo, hi)
                return _days_in(alone) - _days_in_both(alone, _clipped(power, lo, hi))

            items += _specific_sum(
                "Loss of lighting only",
                lighting_only,
                "specific_sums.lighting_only_per_week",
                scenario,
                params,
            )
        if source is None:
            notes.append(DAYS_FROM_LOSS_START)
        else:
            notes.append(_days_from_note(source.value, source.basis, source.clause))
        if "electricity" in lost and not lost.isdisjoint(HEATING_OR_HOT_WATER):
            notes.append(POWER_WITH_HEATING)
    if not lost.isdisjoint(NO_SPECIFIC_SUM):
        notes.append(_no_specific_sum(NO_SPECIFIC_SUM & lost))
    return items


def _clipped(spans: Sequence[Span], lo: date | None, hi: date | None) -> Sequence[Span]:
    """The days of ``spans`` from ``lo`` up to, not including, ``hi`` (None: no limit)."""
    if lo is None and hi is None:
        return spans
    found = []
    for start, end in spans:
        start = start if lo is None else max(start, lo)
        end = end if hi is None else min(end, hi)
        if start < end:
            found.append((start, end))
    return found


@lru_cache(maxsize=128)  # every set of the seven amenities without a specific sum
def _no_specific_sum(amenities: frozenset[str]) -> Note:
    names = ", ".join(sorted(a.replace("-", " ") for a in amenities))
    return Note(
        f"No specific sum is set for the loss of {names}: it is remedied within the "
        "distress and inconvenience band",
        "clarion 6.5; Housing Ombudsman compensation guidance",
    )


@lru_cache(maxsize=16)
def _days_from_note(source: str, basis: str, clause: str) -> Note:
    return Note(
        "Days of loss for a specific sum run from "
        + (
            "the repair target when one is given, else from the loss start,"
            if source == "repair_target"
            else "the loss start"
        )
        + f" to the loss end, the day it is back not counted ({basis}: {DAYS_FROM})",
        clause,
    )


# The reading of which claims the 2026 specific sums apply to (RULES.md: a switch). The sums
# are dated parameters, £0.00 before 1 April 2026.
APPLIES_BY = "specific_sums.applies_by"
Counter = Callable[[date | None, date | None], int]  # days counted between two limits


def _specific_sum(
    label: str, count: Counter, path: str, scenario: Scenario, params: Params
) -> list[AwardItem]:
    """A specific sum for the days ``count`` gives: at its value on the claim date or the
    decision date, or each day of loss at the value in force on it (``APPLIES_BY``)."""
    reading = params[APPLIES_BY]
    weekly = path == "specific_sums.lighting_only_per_week"
    rent = scenario.household.weekly_rent
    if reading.value != "days-of-loss":
        rate, when = _rate_on_one_day(path, scenario, params, reading, "claim")
        days = count(None, None)
        return [_specific_item(label, days, rate, reading, weekly, when, rent, params)]
    items = []
    periods = params.periods(path)
    for rate, lo, hi in periods:
        days = count(lo, hi)
        if days:
            period = f"{label}, days {_period_text(lo, hi)}"
            items.append(
                _specific_item(period, days, rate, reading, weekly, "those days", rent, params)
            )
    if items:
        return items
    return [_specific_item(label, 0, periods[-1][0], reading, weekly, "any day", rent, params)]


def _specific_item(
    label: str,
    days: int,
    rate: Param,
    reading: Param,
    weekly: bool,
    when: str,
    rent: Decimal,
    params: Params,
) -> AwardItem:
    basis = basis_from(rate, reading)
    if rate.value == 0:
        return AwardItem(
            f"{label}: {_days(days)}: no Ombudsman specific sum is in force on {when}",
            ZERO,
            rate.clause,
            basis,
            "amenity",
        )
    if weekly:
        item = AwardItem(
            f"{label}: {_days(days)} at {format_pounds(rate.value)} a week, pro rata",
            to_pennies(for_days(rate.value, days)),
            rate.clause,
            basis,
            "amenity",
        )
    else:
        item = _per_day_item(label, days, rate.value, rate.clause, basis)
    if rent > 0:
        cap = _rent_for_days(rent, days)
        if item.amount > cap:  # only then does the reading for long losses change anything
            return _long_loss(item, cap, rent, (rate, reading), params)
    return item


LONG_LOSS = "specific_sums.long_loss"


@lru_cache(maxsize=1024)
def _rent_for_days(rent: Decimal, days: int) -> Decimal:
    """The rent for ``days`` days at ``rent`` a week, to the penny (memoised: rounded to the
    penny, so 95.5 and 95.50, which share an entry, give the same amount)."""
    return to_pennies(for_days(rent, days))


def _long_loss(
    item: AwardItem, cap: Decimal, rent: Decimal, used: tuple[Param, Param], params: Params
) -> AwardItem:
    """A daily specific sum above the rent for the days it counts (``cap``): paid per day
    without a limit, or held to the rent for those days, by the reading ``LONG_LOSS``."""
    switch = params[LONG_LOSS]
    basis = basis_from(*used, switch)
    rent_words = f"the rent for those days, {format_pounds(cap)} at {format_pounds(rent)} a week"
    if switch.value == "capped-at-rent":
        return AwardItem(
            f"{item.label}, {format_pounds(item.amount)}, capped at {rent_words} "
            f"({switch.basis}: {LONG_LOSS})",
            cap,
            item.clause,
            basis,
            "amenity",
        )
    return AwardItem(
        f"{item.label}: more than {rent_words}, paid per day without a limit "
        f"({switch.basis}: {LONG_LOSS})",
        item.amount,
        item.clause,
        basis,
        "amenity",
    )


def _rate_on_one_day(
    path: str, scenario: Scenario, params: Params, reading: Param, event: str
) -> tuple[Param, str]:
    """The rate in force on the one day the reading names, and that day in words: the claim
    date, the decision date ([source] decided; else the claim date), or for days of loss
    the day of the ``event`` (an appointment missed on ``dates.occurred``)."""
    if reading.value == "decision-date" and scenario.origin is not None:
        day = scenario.origin.decided
        return params.on(path, day), f"the decision date ({day_text(day)})"
    if reading.value == "days-of-loss":
        day = scenario.dates.occurred
        return params.on(path, day), f"the day of the {event} ({day_text(day)})"
    return params[path], f"the claim date ({day_text(scenario.dates.claimed)})"


def _period_text(lo: date | None, hi: date | None) -> str:
    if lo is None:
        return f"to {day_text(hi - timedelta(days=1))}" if hi is not None else "on every day"
    if hi is None:
        return f"from {day_text(lo)}"
    return f"from {day_text(lo)} to {day_text(hi - timedelta(days=1))}"


@lru_cache(maxsize=4096)
def _per_day_item(label: str, days: int, rate: Decimal, clause: str, basis: str) -> AwardItem:
    """A specific sum a day for ``days`` days (memoised: a caseload's losses last a few
    hundred different numbers of days; the amount is rounded to the penny, so rates that are
    equal give the same item)."""
    return AwardItem(
        f"{label}: {_days(days)} at {format_pounds(rate)} a day",
        to_pennies(rate * days),
        clause,
        basis,
        "amenity",
    )


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def _appointment_item(scenario: Scenario, head: Head, params: Params) -> AwardItem:
    """The missed appointments (``scenario.failure.missed_appointments`` is not 0; ``head``
    is their 4.2 head)."""
    failure = scenario.failure
    count = failure.missed_appointments
    note, counts = head
    label = f"Missed appointments: {count}" if count != 1 else "Missed appointment"
    hours = failure.appointment_notice_hours
    notice = None if hours is not None else params[NOTICE_SWITCH]
    if not counts:
        if notice is not None:
            return AwardItem(
                f"{label}: not paid, no notice recorded (not read as missed without the "
                f"notice 4.2 asks for: {NOTICE_SWITCH})",
                ZERO,
                notice.clause,
                basis_from(notice),
                "appointment",
            )
        return AwardItem(
            f"{label}: not paid, cancelled with {hours} hours' notice",
            ZERO,
            note.clause,
            PUBLISHED,
            "appointment",
        )
    reading = params[APPLIES_BY]
    rate, when = _rate_on_one_day(
        "specific_sums.missed_appointment", scenario, params, reading, "missed appointment"
    )
    basis = basis_from(rate, reading) if notice is None else basis_from(rate, reading, notice)
    if rate.value == 0:
        return AwardItem(
            f"{label}: no Ombudsman specific sum is in force on {when}",
            ZERO,
            rate.clause,
            basis,
            "appointment",
        )
    return AwardItem(
        f"{label} at {format_pounds(rate.value)} each",
        to_pennies(rate.value * count),
        rate.clause,
        basis,
        "appointment",
    )


def _belongings_item(item: DamagedItem, params: Params) -> AwardItem:
    label = f"Damaged {item.kind}: {item.item}"
    refusal = _item_refusal(item, params)
    if refusal is not None:
        reason, clause, basis = refusal
        return AwardItem(f"{label}, not paid: {reason}", ZERO, clause, basis, "belongings")
    valuation = params["belongings.valuation"]
    value = item.value_at_loss if valuation.value == "value_at_loss" else item.replacement_value
    readable = valuation.value.replace("_", " ")
    return AwardItem(
        f"{label}, paid at its {readable}",
        to_pennies(value),
        valuation.clause,
        valuation.basis,
        "belongings",
    )


def _cost_item(cost: Cost, failure: bool, scenario: Scenario, params: Params) -> AwardItem:
    """1.2: out-of-pocket expenses caused by a failure are reimbursed whatever its kind (4.2
    lists examples). Whether every cost needs evidence is a reading switch (6.4: Clarion
    "may request supporting information")."""
    label = f"Out-of-pocket cost: {cost.kind} {format_pounds(cost.amount)}"
    if cost.kind == "time-off-work":
        return AwardItem(
            f"{label}, not paid: loss of earnings for time off work to allow access",
            ZERO,
            EXCLUSIONS,
            PUBLISHED,
            "costs",
        )
    if not failure:
        return AwardItem(
            f"{label}, not paid: the claim shows no failure by Clarion that caused it",
            ZERO,
            COMPENSABLE,
            PUBLISHED,
            "costs",
        )
    if not cost.evidence:
        switch = params[EVIDENCE_SWITCH]
        basis = basis_from(switch)
        if switch.value:
            return AwardItem(
                f"{label}, not paid: not evidenced (compsim reads 6.4 as requiring evidence "
                f"of every cost: {EVIDENCE_SWITCH})",
                ZERO,
                switch.clause,
                basis,
                "costs",
            )
        if not scenario.claim.evidence_supplied:
            return AwardItem(
                f"{label}, not paid: supporting information asked for was not supplied (6.4)",
                ZERO,
                switch.clause,
                basis,
                "costs",
            )
        return AwardItem(
            f"{label}, reimbursed without evidence (evidence only when asked for: "
            f"{EVIDENCE_SWITCH})",
            to_pennies(cost.amount),
            COSTS,
            basis,
            "costs",
        )
    return AwardItem(f"{label}, reimbursed", to_pennies(cost.amount), COSTS, PUBLISHED, "costs")


# Where the policy says nothing about a fact the scenario gives.
SILENT_ON_PARTIAL = Note(
    "Clarion is partly responsible; the policy gives no reduction for partial "
    "responsibility, so compsim pays the award in full",
    "clarion 4.1, 6.5",
)
SILENT_ON_EXTENSION = Note(
    "The repair time was extended and explained; the policy does not mention "
    "this, only an agreed action plan stops the repair-delay kind",
    COMPENSABLE,
)
SILENT_ON_PERSISTENCE = Note(
    "The failure was persistent or the resident was misled; the policy names no "
    "effect, so compsim leaves it to the assessor's distress reading",
    "clarion 6.5",
)
SILENT_ON_EVIDENCE = Note(
    "Supporting information asked for was not supplied; this 'could affect the "
    "outcome', but the policy gives no rule, so compsim makes no reduction",
    "clarion 6.4",
)
SILENT_ON_COMPLAINTS = Note(
    "Compensation within the complaints process follows Clarion's separate "
    "complaints policy, which compsim does not hold",
    "clarion 6.7",
)
SILENT_ON_PERMISSION = Note(
    "The policy does not require prior permission for repair or advocate costs; "
    "compsim reimburses them when evidenced",
    COSTS,
)


def _silences(scenario: Scenario) -> list[Note]:
    """Notes where the policy says nothing about a fact the scenario gives."""
    failure, notes = scenario.failure, []
    if failure.responsibility == "partial":
        notes.append(SILENT_ON_PARTIAL)
    if failure.extension_explained:
        notes.append(SILENT_ON_EXTENSION)
    if failure.persistent or failure.misled:
        notes.append(SILENT_ON_PERSISTENCE)
    if not scenario.claim.evidence_supplied:
        notes.append(SILENT_ON_EVIDENCE)
    if scenario.complaint is not None or failure.kind == "complaint-handling":
        notes.append(SILENT_ON_COMPLAINTS)
    for cost in scenario.costs:  # a loop, not any() over a generator: a cost or two, or none
        if cost.kind in ("repairs", "advocate"):
            notes.append(SILENT_ON_PERMISSION)
            break
    return notes


# ---------------------------------------------------------------- approval (6.8)


def confirmed(scenario: Scenario) -> tuple[date, bool] | None:
    """The date Clarion confirmed the award (6.6), and whether it is a stand-in:
    ``dates.award_confirmed`` when given; otherwise the offer date, read as the date the award
    was confirmed (an assumption); None when neither is given."""
    dates = scenario.dates
    if dates.award_confirmed is not None:
        return dates.award_confirmed, False
    if dates.offer_made is not None:
        return dates.offer_made, True
    return None


def _confirmed_words(day: date, stand_in: bool) -> str:
    if stand_in:
        return (
            f"the offer on {day_text(day)}, read as the date the award was confirmed (a stand-in)"
        )
    return f"the award confirmed on {day_text(day)}"


NO_APPROVER = Note(
    "The policy names no approver for compensation awards (each case is considered individually)",
    "clarion 6.4",
)


@hookimpl
def route_approval(scenario: Scenario, award: Award, params: Params) -> Approval:
    days = params["appeal.working_days"]
    approval = _approval(days.value, days.clause, params.value("appeal.times"))
    start = confirmed(scenario)
    if start is None:
        return approval
    day, stand_in = start
    last_day = Note(
        f"Counting from {_confirmed_words(day, stand_in)} (the policy does not say from when), "
        f"the last day to appeal is {day_text(add_working_days(day, days.value))}",
        days.clause,
    )
    return attrs.evolve(approval, notes=(*approval.notes, last_day))


@lru_cache(maxsize=64)
def _approval(days: int, clause: str, times: int) -> Approval:
    """The approval, with its notes on approval and appeal (6.4, 6.8), from the appeal
    parameters alone (memoised)."""
    appeal = Note(
        f"Appeal: the resident has {days} working days to appeal and may appeal "
        f"{'only once' if times == 1 else f'{times} times'}; the Head of Service or "
        "Director of the Clarion member of staff must approve the appeal",
        clause,
    )
    return Approval(
        APPROVER, "clarion 6.4, 6.8", senior=False, basis=NOT_PUBLISHED, notes=(NO_APPROVER, appeal)
    )


# ---------------------------------------------------------------- payment (5.1, 6.6)


def rent_account_arrears(scenario: Scenario, params: Params) -> tuple[Decimal, str]:
    """5.1 "if your account is in arrears": the rent account. Whether service charge arrears
    are on the rent account is a reading switch (6.3 speaks of "rent and/or service charge");
    other debts (recharges and the like) are not the rent account."""
    account = scenario.account
    if account.service_charge_arrears == 0:
        return account.rent_arrears, "rent arrears"
    if params.value(SERVICE_CHARGE_SWITCH):
        return (
            account.rent_arrears + account.service_charge_arrears,
            f"rent and service charge arrears ({params.basis_of(SERVICE_CHARGE_SWITCH)}: "
            f"{SERVICE_CHARGE_SWITCH})",
        )
    return account.rent_arrears, (
        f"rent arrears; service charge arrears read as not on the rent account "
        f"({params.basis_of(SERVICE_CHARGE_SWITCH)}: {SERVICE_CHARGE_SWITCH})"
    )


def out_of_pocket_expenses(scenario: Scenario) -> list[Cost]:
    """5.1 "you have incurred additional out of pocket expenses": every cost the claimant
    incurred (evidenced or not, reimbursed or not), other than loss of earnings for time off
    work (4.4 names it loss of earnings, not an expense)."""
    if not scenario.costs:
        return []
    return [c for c in scenario.costs if c.kind != "time-off-work" and c.amount > 0]


@hookimpl
def apply_offset(scenario: Scenario, award: Award, params: Params) -> Settlement:
    """5.1: a rent account in arrears with no out-of-pocket expenses takes the whole award
    (the part up to the arrears clears them, the rest is a credit balance on the account);
    otherwise it is paid to the claimant."""
    total = award.total
    if total == 0:
        return NOTHING_TO_PAY
    arrears, owed = rent_account_arrears(scenario, params)
    payment = _payment_note(scenario, params)
    if arrears == 0:
        why = _paid_to_claimant(out_of_pocket_expenses(scenario))
        unread: list[Note] = []
        not_counted: list[str] = []
    else:
        # in arrears: whether the claimant has incurred out-of-pocket expenses decides
        why, unread, not_counted = _expenses_incurred(scenario, award, params)
    if why is not None:
        part = _to_claimant(total)
        other_debts = _other_debts_note(scenario, params)
        if other_debts is None:
            return Settlement((part,), (why, payment))
        return Settlement((part,), (why, payment, other_debts))
    against = min(total, arrears)
    excess = total - against
    parts = [
        SettlementPart(
            "Paid onto the rent account, clearing arrears",
            against,
            ACCOUNT,
            "credit to the rent account",
            PAYMENT,
            against_debt=True,
        )
    ]
    expenses = "has no out-of-pocket expenses"
    if not_counted:  # costs incurred, not read as expenses: this note says which and why
        expenses = (
            f"has incurred no out-of-pocket expenses as 5.1 is read here: {'; '.join(not_counted)}"
        )
    notes = [
        Note(
            f"The rent account is {format_pounds(arrears)} in arrears ({owed}) and the claimant "
            f"{expenses}: the whole award is paid directly onto the rent account; "
            f"{format_pounds(against)} of it clears arrears",
            PAYMENT,
        ),
        *unread,
        payment,
    ]
    if excess > 0:
        parts.append(
            SettlementPart(
                "Paid onto the rent account beyond the arrears: a credit balance",
                excess,
                ACCOUNT,
                "credit balance on the rent account",
                PAYMENT,
                against_debt=False,
            )
        )
        notes.append(
            Note(
                f"The award exceeds the arrears by {format_pounds(excess)}: paid onto the rent "
                "account, it leaves the account in credit by that much (5.1 pays the "
                "compensation onto the rent account, not only the part that clears arrears)",
                PAYMENT,
            )
        )
    other_debts = _other_debts_note(scenario, params)
    if other_debts is not None:
        notes.append(other_debts)
    if not scenario.account.offset_agreed:
        notes.append(NO_AGREEMENT_NEEDED)
    notes.append(OWN_MERITS)
    return Settlement(tuple(parts), tuple(notes))


NOTHING_TO_PAY = Settlement()


def _to_claimant(total: Decimal) -> SettlementPart:
    """The whole award paid to the claimant (built each time: hashing a total that was just
    added up costs more than building the part)."""
    return SettlementPart(
        "Compensation paid to the claimant",
        total,
        CUSTOMER,
        "payment to an account in the claimant's name",
        PAYMENT,
    )


ACCOUNT_UP_TO_DATE = Note(
    "Paid to any account in the claimant's name: the rent account is up to date or in credit",
    PAYMENT,
)
NO_AGREEMENT_NEEDED = Note(
    "5.1 does not ask for the claimant's agreement to pay onto the rent account", PAYMENT
)
OWN_MERITS = Note("Each case will be considered on its own merits", PAYMENT)


def _expenses_incurred(
    scenario: Scenario, award: Award, params: Params
) -> tuple[Note | None, list[Note], list[str]]:
    """5.1 with the rent account in arrears: why the award is paid to the claimant (they
    "have incurred additional out of pocket expenses as a direct result of our actions or
    inactions"), or None, with notes on what was not read as such an expense. A cost the
    award reimburses counts on any reading; whether a cost it does not reimburse (for want of
    evidence, say) counts, and whether belongings it pays for do, are reading switches, each
    consulted only when nothing before it has sent the award to the claimant.

    With no such expense, the notes on what was not read as one, and, when costs were
    incurred but not read as expenses (the other reading of ``UNREIMBURSED_SWITCH``), the
    words for what was not counted and why, for apply_offset's note on the rent account
    (which would otherwise say the claimant has no out-of-pocket expenses)."""
    expenses = out_of_pocket_expenses(scenario)
    unread: list[Note] = []
    not_counted: list[str] = []
    if expenses:
        # calculate_award gives one "costs" item a cost, in the scenario's order
        items = [item for item in award.items if item.category == "costs"]
        pairs = zip(scenario.costs, items, strict=False)
        reimbursed = [cost for cost, item in pairs if item.amount > 0]  # never time off work
        if reimbursed:
            return _paid_to_claimant(reimbursed), unread, not_counted
        switch = params[UNREIMBURSED_SWITCH]
        kinds = _kinds(expenses)
        if switch.value:
            return _unreimbursed_note(kinds, switch.basis), unread, not_counted
        not_counted.append(
            f"the costs this award does not reimburse ({kinds}) are not read as out-of-pocket "
            "expenses incurred as a direct result of Clarion's actions "
            f"({switch.basis}: {UNREIMBURSED_SWITCH} = false, only a cost the award "
            "reimburses counts)"
        )
    if scenario.damaged_items:
        # calculate_award gives one "belongings" item a damaged item, in the scenario's order
        items = [item for item in award.items if item.category == "belongings"]
        pairs = zip(scenario.damaged_items, items, strict=False)
        names = ", ".join(damaged.item for damaged, item in pairs if item.amount > 0)
        if names:
            switch = params[BELONGINGS_SWITCH]
            if switch.value:
                return (
                    Note(
                        "Paid to any account in the claimant's name: the damaged belongings this "
                        f"award pays for ({names}) are read as out-of-pocket expenses "
                        f"({switch.basis}: {BELONGINGS_SWITCH})",
                        switch.clause,
                    ),
                    unread,
                    not_counted,
                )
            if not_counted:  # after the costs, in the same words
                not_counted.append(
                    f"nor are the damaged belongings it pays for ({names}), a loss, not money "
                    f"the claimant has spent ({switch.basis}: {BELONGINGS_SWITCH})"
                )
            else:
                unread.append(
                    Note(
                        f"The damaged belongings this award pays for ({names}) are a loss, not "
                        f"out-of-pocket expenses the claimant has incurred ({switch.basis}: "
                        f"{BELONGINGS_SWITCH})",
                        switch.clause,
                    )
                )
    return None, unread, not_counted


def _kinds(costs: list[Cost]) -> str:
    return ", ".join(dict.fromkeys([cost.kind for cost in costs]))


@lru_cache(maxsize=64)
def _unreimbursed_note(kinds: str, basis: str) -> Note:
    return Note(
        "Paid to any account in the claimant's name: the claimant has incurred out-of-pocket "
        f"expenses ({kinds}), though this award does not reimburse them ({basis}: "
        f"{UNREIMBURSED_SWITCH})",
        PAYMENT,
    )


def _paid_to_claimant(expenses: list[Cost]) -> Note:
    """Why the award is paid to the claimant: out-of-pocket expenses, or no arrears."""
    if not expenses:
        return ACCOUNT_UP_TO_DATE
    if len(expenses) == 1:
        return _expenses_note(expenses[0].kind)
    return _expenses_note(_kinds(expenses))


@lru_cache(maxsize=64)
def _expenses_note(kinds: str) -> Note:
    """The note for out-of-pocket expenses of these kinds (memoised: a few kinds recur)."""
    return Note(
        "Paid to any account in the claimant's name: the claimant has incurred out-of-pocket "
        f"expenses ({kinds})",
        PAYMENT,
    )


def _other_debts_note(scenario: Scenario, params: Params) -> Note | None:
    account = scenario.account
    other = account.other_debts
    if account.service_charge_arrears and not params.value(SERVICE_CHARGE_SWITCH):
        other += account.service_charge_arrears
    if other == 0:
        return None
    return Note(
        f"Debts other than the rent account ({format_pounds(other)}) are not offset: 5.1 "
        "speaks only of the rent account",
        PAYMENT,
    )


def _payment_note(scenario: Scenario, params: Params) -> Note:
    days = params["payment.days"]
    note = _paid_within(days.value, days.clause)
    start = confirmed(scenario)
    if start is None:
        return note
    day, stand_in = start
    due = day + timedelta(days=days.value)
    return Note(
        f"{note.detail}; from {_confirmed_words(day, stand_in)}, by {day_text(due)}", note.clause
    )


@lru_cache(maxsize=64)
def _paid_within(days: int, clause: str) -> Note:
    return Note(
        f"Compensation is paid within {days} days of the date Clarion confirms the award", clause
    )


# ---------------------------------------------------------------- deadlines (6.2, 6.6, 6.8)


@lru_cache(maxsize=4096)
def _claim_window(start: date, what: str, months: int, clause: str) -> Deadline:
    """The 6.2 claim window from its inputs alone (memoised: many claims share their dates)."""
    return Deadline(
        f"Claim window ({months} months from {what} {day_text(start)})",
        add_months(start, months),
        clause,
    )


@hookimpl
def deadlines(scenario: Scenario, award: Award, params: Params) -> list[Deadline]:
    """Dated deadlines: the claim window (6.2), payment (6.6) and the appeal window (6.8).
    Payment runs from the date Clarion confirms the award (``dates.award_confirmed``; without
    it the offer date stands in, an assumption); the appeal window from the same date (the
    policy does not say from when: an assumption either way)."""
    months = params["time_limits.claim_months"]
    start, what = claim_window_start(scenario)
    found = [_claim_window(start, what, months.value, months.clause)]
    begin = confirmed(scenario)
    if begin is None:
        return found
    day, stand_in = begin
    appeal = params["appeal.working_days"]
    found.append(
        Deadline(
            f"Appeal window ({appeal.value} working days from {_confirmed_words(day, stand_in)}; "
            "the policy does not say from when)",
            add_working_days(day, appeal.value),
            appeal.clause,
            ASSUMPTION,
        )
    )
    if award.total > 0:
        days = params["payment.days"]
        found.append(
            Deadline(
                f"Payment due ({days.value} days from {_confirmed_words(day, stand_in)})",
                day + timedelta(days=days.value),
                days.clause,
                ASSUMPTION if stand_in else params.basis_of("payment.days"),
            )
        )
    return found
