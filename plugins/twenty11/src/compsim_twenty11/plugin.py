"""Twenty11: Compensation Policy, Version 2 (effective December 2020).

Clauses are cited as "twenty11 N". Every number is in params.toml beside this file, and so is
every reading the text does not settle (the ``readings.*`` switches and the parameters with an
``alternative``). The package's README lists them, and where the text is silent.
Twenty11's Compensation Procedure (6.6) and Decant Policy (6.7) are not published: every
figure they would hold is an assumption parameter.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from compsim import hookimpl
from compsim.dates import add_months, add_working_days, day_text
from compsim.errors import ParamError
from compsim.models import (
    ACCOUNT,
    ASSUMPTION,
    CUSTOMER,
    DISTRESS_LEVELS,
    PUBLISHED,
    AmenityLoss,
    Approval,
    Award,
    AwardItem,
    Cost,
    DamagedItem,
    Dates,
    Deadline,
    Exclusion,
    Impact,
    Note,
    Scenario,
    Settlement,
    SettlementPart,
    strongest_basis,
)
from compsim.money import ZERO, for_days, format_pounds, to_pennies
from compsim.params import Param, Params, basis_from
from compsim.plugins import PolicyInfo

POLICY_ID = "twenty11"


AMENITY = "twenty11 6.9.2, Appendix 1"
COSTS = "twenty11 6.9.6"
LOSS_AND_DAMAGE = "twenty11 6.9.4"
STRESS = "twenty11 6.9.3"
SERVICE_FAILURE = "twenty11 6.9.1"
GESTURE = "twenty11 6.9.5"
HOME_LOSS = "twenty11 6.7.1"
DISTURBANCE = "twenty11 6.7.2"
OFFSET = "twenty11 6.4"
DISTURBANCE_OFFSET = "twenty11 6.4, 6.7.2"
AUTHORISE = "twenty11 3.4"
PROCEDURE = "twenty11 6.6"

# The impact scale: Twenty11 publishes none (6.6), so the assessor's distress is read directly.
LEVEL_NAMES = {
    "none": "No stress or inconvenience",
    "minimal": "Minimal stress or inconvenience",
    "moderate": "Moderate stress or inconvenience",
    "considerable": "Considerable stress or inconvenience",
    "severe": "Severe stress or inconvenience",
}

# Failures assessed as a 6.9.1 service failure ("unhappy with the service they have received",
# reported under the Feedback Policy); every other kind is assessed under 6.9.3. Never both:
# each recognises the same inconvenience.
SERVICE_FAILURE_KINDS = (
    "missed-appointment",
    "communication",
    "complaint-handling",
    "charged-service-not-delivered",
)

# Appendix 1 rooms, priced per room lost (6.9.2: "the amount of out of use rooms").
ROOM_PARAMS = {"kitchen": "kitchen", "living-room": "living_room", "bedroom": "bedroom"}
HEATING = ("heating", "hot-water")
NOT_IN_APPENDIX = ("wc", "electricity", "lighting", "water", "other-room")

# Award categories. Goodwill (6.8, 6.9) counts toward the £150 threshold; home loss and
# disturbance (6.7) are not goodwill.
GOODWILL_CATEGORIES = ("amenity", "distress", "service-failure", "goodwill", "costs", "belongings")
PROTECTED_CATEGORIES = ("costs", "belongings")  # 6.4: reimbursements, paid not offset

LEGAL_PROCEEDINGS = ("started", "court-ordered")
# 6.9.4 says a voucher "where possible"; 6.4 says a financial payment: a reading switch.
FORMS = {"voucher": "a voucher", "payment": "a financial payment"}
DAMAGE_KINDS = ("damage-to-belongings", "damage-to-decoration")
TENANTS = ("assured-tenant", "secure-tenant")
HOME_LOSS_REASONS = ("demolition", "redevelopment")
DISTURBANCE_REASONS = ("major-repairs", "demolition", "redevelopment")


# Speed (issue 11): the hooks run once per decision, so pure helpers that a decision calls
# with the same arguments as the last one are remembered, and texts that depend on nothing in
# the scenario are built once, here or beside the function that uses them. Every model is
# frozen, so one instance can stand in every decision's result. What is remembered never
# reads a parameter itself (each decision still consults every parameter it would, in the same
# order, so its readings and drafts are recorded as before), and is keyed by everything it
# prints: equal Decimals print alike except a zero's sign, so a figure that may be a user's
# -0 is keyed by its text, or never remembered. A key is plain values (dates, ints, texts, a
# parameter's own Decimal), never a Decimal just added up: hashing a fresh Decimal costs about
# as much as building the small model it would find. The basis of parameters already read
# comes from basis_from, not a second lookup.

# add_months is the engine's, which remembers its results; format_pounds prints without a memo
# (amounts worked out for a case seldom recur).


@hookimpl
def policy_info() -> PolicyInfo:
    return PolicyInfo(
        id=POLICY_ID,
        landlord="Twenty11",
        documents=(
            "Compensation Policy, Version 2 (effective December 2020, approved by EMT "
            "8 February 2021)",
        ),
        version="Version 2, December 2020",
        params_file=Path(__file__).with_name("params.toml"),
    )


# ---------------------------------------------------------------- exclusions (1.2, 6.2, 6.3, 6.5)


# The checks that depend only on one yes-or-no fact, keyed by whether they apply.
INSURANCE_CLAIM = {
    True: Exclusion(
        "The matter is an insurance claim (the policy does not apply when a claim through "
        "insurance has been made; insurance claims go to the insurance procedures)",
        "twenty11 1.2, 6.5",
        True,
        "insurance claim",
    ),
    False: Exclusion(
        "No insurance claim has been made or is due",
        "twenty11 1.2, 6.5",
        False,
        "insurance claim",
    ),
}
PERSONAL_INJURY = {
    True: Exclusion(
        "The claim includes personal injury, an insurance matter dealt with under the "
        "insurance procedures",
        "twenty11 6.5",
        True,
        "personal injury",
    ),
    False: Exclusion("No personal injury is claimed", "twenty11 6.5", False, "personal injury"),
}
EVIDENCE_NOT_SUPPLIED = {
    True: Exclusion(
        "Evidence was requested and not supplied", "twenty11 6.2", True, "evidence not supplied"
    ),
    False: Exclusion(
        "Any evidence requested was supplied", "twenty11 6.2", False, "evidence not supplied"
    ),
}
ACCESS_REFUSED = {
    True: Exclusion(
        "Reasonable access was not given to carry out the work",
        "twenty11 6.5",
        True,
        "access refused",
    ),
    False: Exclusion("Access was given", "twenty11 6.5", False, "access refused"),
}


@hookimpl
def is_excluded(scenario: Scenario, params: Params) -> list[Exclusion]:
    failure, legal = scenario.failure, scenario.legal
    checks = [
        _proceedings(scenario),
        _represented(scenario),
        INSURANCE_CLAIM[legal.insurance_claim],
        PERSONAL_INJURY[legal.personal_injury],
        EVIDENCE_NOT_SUPPLIED[not scenario.claim.evidence_supplied],
        _knew_about(scenario, params),
        ACCESS_REFUSED[failure.access_refused],
        *_cause_checks(scenario, params),
        _offer_lapse(scenario, params),
        _works_nuisance(scenario, params),
    ]
    return checks


NOT_WORKS_NUISANCE = Exclusion("Not a nuisance from building works", "twenty11 6.5", False)


def _works_nuisance(scenario: Scenario, params: Params) -> Exclusion:
    """6.5 excludes "short term nuisance caused by building works". Whether a persistent
    nuisance (over a protracted time) is short term is a reading switch."""
    failure = scenario.failure
    clause = "twenty11 6.5"
    if failure.kind != "works-nuisance":
        return NOT_WORKS_NUISANCE
    if failure.persistent:
        switch = params["readings.persistent_works_nuisance_considered"]
        if switch.value:
            return Exclusion(
                "A nuisance from building works, but persistent over a protracted time: read "
                "as not the short-term nuisance 6.5 excludes "
                f"(readings.persistent_works_nuisance_considered, {switch.basis})",
                clause,
                False,
            )
        return Exclusion(
            "A nuisance from building works: every works nuisance read as the short-term "
            "nuisance 6.5 excludes, persistent or not "
            f"(readings.persistent_works_nuisance_considered, {switch.basis})",
            clause,
            True,
            "building works nuisance",
        )
    return Exclusion(
        "Short-term nuisance caused by building works", clause, True, "building works nuisance"
    )


PROCEEDINGS_NOT_UNDER_WAY = Exclusion(
    "Proceedings are only threatened or a disrepair claim is recorded: no tribunal or legal "
    "proceedings are under way (6.5), and the courts are not yet involved (1.2); whether a "
    "legal representative raised it is checked on its own (legal.represented)",
    "twenty11 1.2, 6.5",
    False,
)
NO_PROCEEDINGS = Exclusion("No tribunal or legal proceedings", "twenty11 1.2, 6.5", False)


def _proceedings(scenario: Scenario) -> Exclusion:
    legal = scenario.legal
    clause = "twenty11 1.2, 6.5"
    if legal.proceedings in LEGAL_PROCEEDINGS:
        what = "started" if legal.proceedings == "started" else "a court has ordered payment"
        return Exclusion(
            f"The matter is in the courts (proceedings {what}): tribunal or legal "
            "proceedings are under way",
            clause,
            True,
            "legal proceedings",
        )
    if legal.proceedings == "threatened" or legal.disrepair_claim:
        return PROCEEDINGS_NOT_UNDER_WAY
    return NO_PROCEEDINGS


LEGALLY_REPRESENTED = Exclusion(
    "The issue was raised through legal representation (a solicitor or other legal "
    "representative): the policy does not cover issues raised that way",
    "twenty11 1.2",
    True,
    "legal representation",
)
VIA_REPRESENTATIVE = Exclusion(
    "Made by someone acting for the claimant, not a legal representative: a claim may be "
    "passed on by another person acting on the tenant's authority (6.10.2)",
    "twenty11 1.2, 6.10.2",
    False,
)
NOT_REPRESENTED = Exclusion("Not raised through legal representation", "twenty11 1.2", False)


def _represented(scenario: Scenario) -> Exclusion:
    """1.2: the policy "does not cover any issues raised with us through the courts or legal
    representation"."""
    if scenario.legal.represented:
        return LEGALLY_REPRESENTED
    if scenario.claim.via_representative:
        return VIA_REPRESENTATIVE
    return NOT_REPRESENTED


def _knew_about(scenario: Scenario, params: Params) -> Exclusion:
    """6.3: "knew about for more than 6 months before contacting us". The contact is the first
    report (``dates.reported``) by default, the claim under the other reading; the switch is
    consulted only when the two readings disagree."""
    dates = scenario.dates
    months = params.value("time_limits.knew_about_months")
    last, in_time_words = _contact_window(dates.aware, dates.reported, months)
    clause = "twenty11 6.3"
    in_time = dates.reported <= last
    if in_time and dates.claimed <= last:  # the usual case: reported and claimed in time
        return Exclusion(in_time_words + day_text(dates.claimed), clause, False)
    if in_time == (dates.claimed <= last):
        contact, how = dates.reported, REPORTED
        counted = f"claimed on {day_text(dates.claimed)}"
    else:
        reading = params["readings.contact_date"]
        if reading.value == "claimed":
            contact, how = dates.claimed, "claimed"
        else:
            contact, how = dates.reported, REPORTED
        counted = (
            f"claimed on {day_text(dates.claimed)}; 6.3 counts to the contact ('before contacting "
            "us'), "
            f"read as {reading.value} (readings.contact_date, {reading.basis})"
        )
    if contact <= last:
        return Exclusion(
            f"Aware of the incident on {day_text(dates.aware)}, {how} on {day_text(contact)}: "
            "within "
            f"{months} months (last day {day_text(last)}); {counted}",
            clause,
            False,
        )
    exceptional = (
        params["time_limits.knew_about_exceptional_circumstances"]
        if scenario.claim.exceptional_circumstances
        else None
    )
    if exceptional is not None and exceptional.value:
        return Exclusion(
            f"Aware of the incident on {day_text(dates.aware)}, {how} on {day_text(contact)}, "
            "after the "
            f"{months}-month limit ({day_text(last)}), but 6.3 says 'not normally' and exceptional "
            f"circumstances are accepted ({exceptional.basis}); {counted}",
            exceptional.clause,
            False,
        )
    unless = (
        "; exceptional circumstances are recorded but compsim does not lift 6.3 for them "
        "(time_limits.knew_about_exceptional_circumstances is off)"
        if exceptional is not None
        else ""
    )
    return Exclusion(
        f"Aware of the incident on {day_text(dates.aware)}, {how} on {day_text(contact)}: more "
        "than "
        f"{months} months (last day {day_text(last)}){unless}; {counted}",
        clause,
        True,
        f"known over {months} months",
    )


REPORTED = "first contacted Twenty11 (reported)"


@lru_cache(maxsize=1024)
def _contact_window(aware: date, reported: date, months: int) -> tuple[date, str]:
    """The 6.3 limit's last day, and the check's words when the first report and the claim
    both came within it, up to the claim date (remembered by the dates of awareness and
    report, which many claims share; with the claim date too, the key seldom recurs)."""
    last = add_months(aware, months)
    return last, (
        f"Aware of the incident on {day_text(aware)}, first contacted Twenty11 (reported) on "
        f"{day_text(reported)}: within {months} months (last day {day_text(last)}); "
        "claimed on "
    )


@lru_cache(maxsize=16)
def _cause_of(cause: str) -> tuple[Exclusion, ...]:
    """The three 6.5 checks on who caused the loss."""
    return (
        Exclusion(
            "The loss is due to negligence by the tenant"
            if cause == "resident"
            else "Not caused by the tenant",
            "twenty11 6.5",
            cause == "resident",
            "tenant's negligence",
        ),
        Exclusion(
            "The loss is the fault of a third party"
            if cause == "third-party"
            else "Not the fault of a third party",
            "twenty11 6.5",
            cause == "third-party",
            "third party",
        ),
        Exclusion(
            "The loss is beyond Twenty11's control (extreme weather)"
            if cause == "extreme-weather"
            else "Not beyond Twenty11's control",
            "twenty11 6.5",
            cause == "extreme-weather",
            "beyond control",
        ),
    )


CONTRACTOR_DAMAGE = Exclusion(
    "A claim of loss and damage against a contractor, to be dealt with under the contractor's "
    "insurance policy",
    "twenty11 6.5",
    True,
    "contractor's insurance",
)
CONTRACTOR_ITEMS = Exclusion(
    "Caused by a contractor: the damaged items are a claim on the contractor's insurance, the "
    "rest of the claim is considered",
    "twenty11 6.5",
    False,
)


CONTRACTOR_SWITCH = "readings.contractor_damage_claim_excluded"


def _cause_checks(scenario: Scenario, params: Params) -> tuple[Exclusion, ...]:
    failure = scenario.failure
    cause = failure.cause
    checks = _cause_of(cause)
    if cause == "contractor":
        if failure.kind in DAMAGE_KINDS:
            switch = params[CONTRACTOR_SWITCH]
            return (*checks, _contractor_damage(switch.value, switch.basis))
        if scenario.damaged_items:
            return (*checks, CONTRACTOR_ITEMS)
    return checks


@lru_cache(maxsize=16)
def _contractor_damage(excluded: bool, basis: str) -> Exclusion:
    """6.5 "claims of loss and damage against a third-party contractor": whether a damage
    claim a contractor caused is such a claim as a whole, or only its loss and damage is, is a
    reading switch (consulted only for a damage claim a contractor caused: for any other
    failure both readings pay the rest and not the damaged items). Memoised on the switch's
    value and basis, which the caller reads."""
    if excluded:
        return Exclusion(
            f"{CONTRACTOR_DAMAGE.reason}: read as the whole claim, its costs and inconvenience "
            f"too ({CONTRACTOR_SWITCH}, {basis})",
            CONTRACTOR_DAMAGE.clause,
            True,
            CONTRACTOR_DAMAGE.short,
        )
    return Exclusion(
        "Damage caused by a contractor: only the loss and damage is read as the claim on the "
        "contractor's insurance 6.5 excludes (the damaged items are not paid); the rest of the "
        f"claim is considered ({CONTRACTOR_SWITCH}, {basis})",
        CONTRACTOR_DAMAGE.clause,
        False,
    )


def offer_lapses_on(dates: Dates, params: Params) -> date | None:
    """The last day an offer can be accepted (6.5), or None when no offer was made."""
    if dates.offer_made is None:
        return None
    return add_months(dates.offer_made, params.value("time_limits.offer_acceptance_months"))


@lru_cache(maxsize=16)
def _no_offer(months: int) -> Exclusion:
    return Exclusion(
        f"No offer has been made, so the {months}-month acceptance period does not apply",
        "twenty11 6.5",
        False,
    )


def _offer_lapse(scenario: Scenario, params: Params) -> Exclusion:
    dates = scenario.dates
    months = params.value("time_limits.offer_acceptance_months")
    if dates.offer_made is None:
        return _no_offer(months)
    last = add_months(dates.offer_made, months)
    clause = "twenty11 6.5"
    if dates.offer_accepted is None:
        return Exclusion(
            f"Offer made on {day_text(dates.offer_made)}, not yet accepted: it lapses if not "
            "accepted "
            f"by {day_text(last)}",
            clause,
            False,
        )
    if dates.offer_accepted <= last:
        return Exclusion(
            f"Offer made on {day_text(dates.offer_made)}, accepted on "
            f"{day_text(dates.offer_accepted)}: within "
            f"{months} months (last day {day_text(last)})",
            clause,
            False,
        )
    return Exclusion(
        f"Offer made on {day_text(dates.offer_made)}, accepted on "
        f"{day_text(dates.offer_accepted)}: not accepted "
        f"within {months} months (last day {day_text(last)})",
        clause,
        True,
        "offer lapsed",
    )


# ---------------------------------------------------------------- impact (6.9.1, 6.9.3)


RANK = {level: rank for rank, level in enumerate(DISTRESS_LEVELS)}
VULNERABILITIES = Note(
    "The policy does not say how vulnerabilities change compensation: compsim takes them to be "
    "reflected in the assessor's distress",
    "twenty11 6.2",
)
IMPACT = "twenty11 6.9.1, 6.9.3, 6.6"


@lru_cache(maxsize=8)
def _distress_note(distress: str) -> Note:
    return Note(
        f"Distress is {distress}. Twenty11's Compensation Procedure, which holds the "
        "formulas and thresholds, is not published: compsim reads the assessor's "
        "distress directly",
        PROCEDURE,
    )


@lru_cache(maxsize=16)
def _distress_impact(distress: str, vulnerable: bool) -> Impact:
    """The impact when the assessor's distress stands as it is: the same for every decision
    with the same distress (and vulnerabilities or not)."""
    notes = (
        (_distress_note(distress), VULNERABILITIES) if vulnerable else (_distress_note(distress),)
    )
    return Impact(LEVEL_NAMES[distress], IMPACT, RANK[distress], PUBLISHED, notes)


@hookimpl
def assess_impact(scenario: Scenario, params: Params) -> Impact:
    """The assessor's distress, read directly (the procedure's scale is not published, 6.6);
    time off work counts as an inconvenience, so it lifts 'none' to the assumption level."""
    distress = scenario.failure.distress
    floor = params["inconvenience.time_off_work_min_distress"]
    time_off = scenario.costs and any(cost.kind == "time-off-work" for cost in scenario.costs)
    if not time_off or RANK[floor.value] <= RANK[distress]:
        return _distress_impact(distress, bool(scenario.household.vulnerabilities))
    notes = [_distress_note(distress)]
    level, basis = distress, PUBLISHED
    switch = params["readings.time_off_work_is_inconvenience"]
    if switch.value:
        level = floor.value
        basis = basis_from(floor, switch)
        notes.append(
            Note(
                "The claimant had to take time off work, which 6.9.3 'may consider' an "
                f"inconvenience: read as at least {floor.value} ({basis})",
                floor.clause,
            )
        )
    else:
        basis = switch.basis
        notes.append(
            Note(
                "The claimant had to take time off work; compsim does not read it as an "
                "inconvenience beyond the assessor's distress "
                f"(readings.time_off_work_is_inconvenience is off, {switch.basis})",
                switch.clause,
            )
        )
    if scenario.household.vulnerabilities:
        notes.append(VULNERABILITIES)
    return Impact(LEVEL_NAMES[level], IMPACT, RANK[level], basis, tuple(notes))


# ---------------------------------------------------------------- award


@hookimpl
def calculate_award(scenario: Scenario, impact: Impact, params: Params) -> Award:
    notes: list[Note] = []
    items = _amenities(scenario, params, notes) if scenario.amenities_lost else []
    if scenario.costs:
        items.extend([_cost_item(cost, params) for cost in scenario.costs])
    if scenario.damaged_items:
        items.extend([_loss_and_damage(scenario, item, params) for item in scenario.damaged_items])
    if scenario.failure.responsibility == "none":
        _without_fault(items, params, notes)
    inconvenience = _inconvenience(scenario, impact, params, notes)
    items.append(inconvenience)
    gesture = _gesture(impact, inconvenience, params)
    if gesture is not None:
        items.append(gesture)
    if scenario.decant is not None or scenario.failure.kind == "decant":
        items.extend(_decant(scenario, params, notes))
    failure = scenario.failure
    if failure.cause == "contractor" and failure.kind in DAMAGE_KINDS:
        items = _contractor_damage_considered(items, params, notes)
    _silences(scenario, params, notes, inconvenience.category)
    return Award(tuple(items), tuple(notes))


def _contractor_damage_considered(
    items: list[AwardItem], params: Params, notes: list[Note]
) -> list[AwardItem]:
    """A damage claim a contractor caused. By default it is excluded whole (6.5, is_excluded),
    and these items are only what it would otherwise have been. Under the other reading of
    readings.contractor_damage_claim_excluded the claim is considered: each item paid then
    rests on that reading, and a note says so."""
    switch = params[CONTRACTOR_SWITCH]
    if switch.value:
        return items
    notes.append(
        Note(
            "Damage caused by a contractor: 6.5 read as excluding only the loss and damage (a "
            "claim on the contractor's insurance), so the costs and inconvenience in the claim "
            f"are considered ({CONTRACTOR_SWITCH}, {switch.basis})",
            switch.clause,
        )
    )
    return [_resting_on(item, switch) if item.amount else item for item in items]


def _resting_on(item: AwardItem, *switches: Param) -> AwardItem:
    """The item, its basis now also resting on the reading switches given (draft > assumption >
    published)."""
    basis = strongest_basis(item.basis, *(switch.basis for switch in switches))
    if basis == item.basis:
        return item
    # attrs.evolve(item, basis=basis) written out: evolve looks up the fields on every call
    return AwardItem(
        item.label, item.amount, item.clause, basis, item.category, item.low, item.high
    )


NO_FAULT_SWITCH = "readings.no_fault_amenities_and_costs_paid"
NO_FAULT_PAID = {
    "amenity": "the loss of amenities (6.9.2)",
    "costs": "costs reasonably incurred (6.9.6)",
}


def _without_fault(items: list[AwardItem], params: Params, notes: list[Note]) -> None:
    """No fault accepted (responsibility none): whether the 6.9.2 rent share and the 6.9.6
    costs are paid all the same is a reading switch, consulted only when one of them has an
    amount (6.9.3 and 6.9.4 say themselves that they need fault: see _inconvenience and
    _loss_and_damage). Each such item, paid or refused, rests on the switch."""
    found = [n for n, item in enumerate(items) if item.amount and item.category in NO_FAULT_PAID]
    if not found:
        return
    switch = params[NO_FAULT_SWITCH]
    what = " and ".join(dict.fromkeys(NO_FAULT_PAID[items[n].category] for n in found))
    if switch.value:
        for n in found:
            items[n] = _resting_on(items[n], switch)
        notes.append(_paid_without_fault(what, switch.basis, switch.clause))
        return
    basis = basis_from(switch)
    for n in found:
        item = items[n]
        label = item.label.split(", reimbursed", 1)[0]  # a cost: its kind and amount
        items[n] = AwardItem(
            f"{label}: not paid, Twenty11 accepts no fault (compensation read as only for "
            "what Twenty11 caused, 'as a direct result of our action or inaction', 2.1; "
            f"{NO_FAULT_SWITCH}, {switch.basis})",
            ZERO,
            f"{item.clause}, 2.1",
            basis,
            item.category,
        )
    notes.append(
        Note(
            f"Twenty11 accepts no fault here: {what} read as paid only for what Twenty11 "
            f"caused, so not paid ({NO_FAULT_SWITCH}, {switch.basis})",
            switch.clause,
        )
    )


@lru_cache(maxsize=16)
def _paid_without_fault(what: str, basis: str, clause: str) -> Note:
    """The note under the default reading of ``NO_FAULT_SWITCH`` (memoised: plain values)."""
    return Note(
        "Twenty11 accepts no fault here, so nothing is paid for stress, upset or "
        f"inconvenience (6.9.3); {what} read as not depending on fault and paid: 6.9.2 "
        "pays for a repair not completed within the response times, 6.9.6 for costs "
        f"incurred 'as a result of a repair' ({NO_FAULT_SWITCH}, {basis})",
        clause,
    )


def rent_for(weekly_rent: Decimal, share: Decimal, days: int) -> Decimal:
    """A share of the rent for D days: weekly_rent * share * D / 7, rounded once."""
    return to_pennies(for_days(weekly_rent * share, days))


def _period(loss: AmenityLoss, dates: Dates) -> tuple[date, date]:
    """The days lost past the repair target: (start, end], counted as end - start.

    Starts at the target date, or at the amenity's own ``from`` if that is later; ends on
    "the date the work is finished" (6.9.2): the amenity's ``to``, else the loss end (the
    resolved date, even after the claim; the claim date while the work is not finished).
    """
    assert dates.repair_target is not None
    start = max(dates.repair_target, loss.from_)
    end = loss.to if loss.to is not None else dates.loss_end
    return start, max(end, start)


def _when(start: date, end: date) -> str:
    days = (end - start).days
    return f"{days} {'day' if days == 1 else 'days'} from {day_text(start)} to {day_text(end)}"


Span = tuple[date, date]
RENT_FOR_THE_PERIOD = Note(
    "Rent for the period is weekly rent × days ÷ 7, days counted from the repair target date "
    "(or the amenity's own start, if later) to the date the work was finished (6.9.2), even "
    "when that is after the claim: the target day itself is within the repair time, the "
    "finishing day counts. A loss with no finishing date runs to the claim date",
    AMENITY,
)


def _amenities(scenario: Scenario, params: Params, notes: list[Note]) -> list[AwardItem]:
    losses = scenario.amenities_lost
    if not losses:
        return []
    dates, rent = scenario.dates, scenario.household.weekly_rent
    notes.append(RENT_FOR_THE_PERIOD)
    if dates.repair_target is None:
        return [
            AwardItem(
                f"Loss of {loss.amenity}: not paid, no repair target date (6.9.2 counts "
                "from the target date for completion)",
                ZERO,
                AMENITY,
                PUBLISHED,
                "amenity",
            )
            for loss in losses
        ]
    spans = [_period(loss, dates) for loss in losses]  # each loss's period, counted once
    first, latest = spans[0]  # the earliest start and the latest end, in one loop
    for start, end in spans:
        if start < first:
            first = start
        if end > latest:
            latest = end
    if latest > dates.claimed:
        notes.append(
            Note(
                f"The work was finished after the claim was made on {day_text(dates.claimed)}: "
                "counted "
                "to the date the work was finished, as 6.9.2 says",
                AMENITY,
            )
        )
    if dates.resolved is None and any(loss.to is None for loss in losses):
        notes.append(
            Note(
                "No date the work was finished is given: the loss is counted to the claim date "
                f"({day_text(dates.claimed)})",
                AMENITY,
            )
        )
    items: list[AwardItem] = []
    heating: list[tuple[AmenityLoss, Span]] = []
    for loss, span in zip(losses, spans, strict=True):
        if loss.amenity in HEATING:
            heating.append((loss, span))
            continue
        if loss.amenity in NOT_IN_APPENDIX:
            item, silent = NOT_IN_APPENDIX_1[loss.amenity]
            items.append(item)
            notes.append(silent)
            continue
        items.append(_room_item(loss, span, scenario, params, notes))
    if heating:
        items.append(_heating_item(heating, dates, rent, params))
    _note_over_rent(items, first, latest, rent, notes)
    return items


# For each amenity Appendix 1 does not list: its item (nothing paid) and the note that the
# policy is silent on it, built once.
NOT_IN_APPENDIX_1 = {
    amenity: (
        AwardItem(
            f"Loss of {amenity}: not paid, not in Appendix 1", ZERO, AMENITY, PUBLISHED, "amenity"
        ),
        Note(
            f"The policy is silent on loss of {amenity}: Appendix 1 lists only kitchen, "
            "bathroom, living room, bedrooms and heating and hot water, so compsim pays "
            "nothing for it under 6.9.2",
            AMENITY,
        ),
    )
    for amenity in NOT_IN_APPENDIX
}


def _room_item(
    loss: AmenityLoss, span: Span, scenario: Scenario, params: Params, notes: list[Note]
) -> AwardItem:
    dates, rent = scenario.dates, scenario.household.weekly_rent
    start, end = span
    days = (end - start).days
    rooms = f"{loss.count} {loss.amenity}s" if loss.count > 1 else loss.amenity
    if loss.amenity == "bedroom" and not loss.in_use:
        return AwardItem(
            f"Loss of {rooms}: not paid, not in use (Appendix 1: bedrooms 'if used')",
            ZERO,
            AMENITY,
            PUBLISHED,
            "amenity",
        )
    if loss.amenity == "bathroom":
        key = (
            "amenities.bathroom_with_separate_wc"
            if scenario.household.separate_wc
            else "amenities.bathroom"
        )
        why = ", reduced: there is a separate WC" if scenario.household.separate_wc else ""
    else:
        key, why = f"amenities.{ROOM_PARAMS[loss.amenity]}", ""
    if not loss.in_use and loss.amenity != "bedroom":
        notes.append(
            Note(
                f"The {loss.amenity} is recorded as not in use: Appendix 1 makes only "
                "bedrooms depend on use, so compsim pays it",
                AMENITY,
            )
        )
    param = params[key]
    share = param.value
    if days == 0:
        return AwardItem(
            f"Loss of {rooms}: not paid, no days lost past the repair target "
            f"({day_text(dates.repair_target)})",
            ZERO,
            AMENITY,
            param.basis,
            "amenity",
        )
    percent = _percent(share)
    each = f" each × {loss.count}" if loss.count > 1 else ""
    return AwardItem(
        f"Loss of {rooms}: {percent}{each} of {format_pounds(rent)} a week{why}, "
        f"{_when(start, end)}",
        rent_for(rent, share * loss.count, days),
        param.clause,
        param.basis,
        "amenity",
    )


def _heating_item(
    losses: list[tuple[AmenityLoss, Span]], dates: Dates, rent: Decimal, params: Params
) -> AwardItem:
    """Heating and hot water: one Appendix 1 row, counted once. With both lost, the days
    either was lost (or, under the other reading, the days both were lost); with only one of
    them lost on some days, whether those days count is the reading switch."""
    param = params["amenities.heating_hot_water"]
    if len(losses) == 1:  # the usual case: one of them lost, once (what the merging gives)
        loss, span = losses[0]
        either, both, what = ([span] if span[1] > span[0] else []), [], loss.amenity
    else:
        periods: dict[str, list[Span]] = {amenity: [] for amenity in HEATING}
        for loss, span in losses:
            periods[loss.amenity].append(span)
        heating, hot_water = _merged(periods["heating"]), _merged(periods["hot-water"])
        either = _merged(heating + hot_water)
        both = _intersection(heating, hot_water)
        what = " and ".join(dict.fromkeys([loss.amenity for loss, _ in losses]))
    either_days, both_days = _length(either), _length(both)
    basis, reading = param.basis, ""
    counted = either
    if either_days > both_days:  # on some days only one of them was lost: the reading decides
        switch = params["readings.heating_or_hot_water_alone"]
        basis = basis_from(param, switch)
        if switch.value:
            reading = (
                ", including days only one of them was lost (the row read as either; "
                f"readings.heating_or_hot_water_alone, {switch.basis})"
            )
        else:
            counted = both
            reading = (
                ", only the days both were lost (the row read as both; "
                f"readings.heating_or_hot_water_alone, {switch.basis})"
            )
    days = either_days if counted is either else both_days
    if days == 0:
        why = (
            "heating and hot water were not both lost on any day past the repair target"
            if reading
            else f"no days lost past the repair target ({day_text(dates.repair_target)})"
        )
        return AwardItem(
            f"Loss of {what}: not paid, {why}{reading}", ZERO, param.clause, basis, "amenity"
        )
    first, last = counted[0][0], counted[-1][1]
    span = (
        f"{days} {'day' if days == 1 else 'days'} lost between {day_text(first)} and "
        f"{day_text(last)}"
    )
    once = ", counted once" if len(losses) > 1 else ""
    return AwardItem(
        f"Loss of {what}: {_percent(param.value)} of {format_pounds(rent)} a week{once}, "
        f"{span}{reading}",
        rent_for(rent, param.value, days),
        param.clause,
        basis,
        "amenity",
    )


def _merged(spans: list[Span]) -> list[Span]:
    """Periods (start, end] merged where they overlap or touch, in order, empty ones dropped."""
    merged: list[Span] = []
    for start, end in sorted([span for span in spans if span[1] > span[0]]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _intersection(first: list[Span], second: list[Span]) -> list[Span]:
    """The days in both lists of merged periods."""
    found: list[Span] = []
    for a_start, a_end in first:
        for b_start, b_end in second:
            start, end = max(a_start, b_start), min(a_end, b_end)
            if end > start:
                found.append((start, end))
    return _merged(found)


def _length(spans: list[Span]) -> int:
    days = 0
    for start, end in spans:
        days += (end - start).days
    return days


WHOLE = Decimal(1)  # the whole rent


def _percent(share: Decimal) -> str:
    """A parameter's share as a percentage (0.2: "20%"), remembered for a share other than
    zero (equal shares print alike once normalised; 0 and a user's -0 do not)."""
    return _share_percent(share) if share else _share_percent.__wrapped__(share)


@lru_cache(maxsize=64)
def _share_percent(share: Decimal) -> str:
    return f"{(share * 100).normalize():f}%"


def _note_over_rent(
    items: list[AwardItem], first: date, last: date, rent: Decimal, notes: list[Note]
) -> None:
    """A note when the amenity items, together, come to more than the whole rent from the
    first day counted (``first``) to the last (``last``)."""
    total = ZERO
    for item in items:
        total += item.amount
    if total > rent_for(rent, WHOLE, (last - first).days):
        notes.append(
            Note(
                f"The amenity compensation ({format_pounds(total)}) is more than the whole rent "
                f"for the period: the policy sets no cap, so compsim applies none",
                AMENITY,
            )
        )


def _cost_item(cost: Cost, params: Params) -> AwardItem:
    if cost.kind == "time-off-work":
        return AwardItem(
            f"Time off work {format_pounds(cost.amount)}: not paid, Twenty11 does not "
            "compensate for loss of earnings (the time off counts as inconvenience)",
            ZERO,
            STRESS,
            PUBLISHED,
            "costs",
        )
    if cost.evidence:  # the label below and its ending, in one piece
        return AwardItem(
            f"Cost reasonably incurred: {cost.kind} {format_pounds(cost.amount)}, reimbursed "
            "in full",
            cost.amount,
            COSTS,
            PUBLISHED,
            "costs",
        )
    label = f"Cost reasonably incurred: {cost.kind} {format_pounds(cost.amount)}"
    switch = params["readings.costs_need_evidence"]
    basis = basis_from(switch)
    if switch.value:
        return AwardItem(
            f"{label}, not reimbursed: no supporting evidence (every cost read as needing "
            f"evidence; readings.costs_need_evidence, {switch.basis})",
            ZERO,
            switch.clause,
            basis,
            "costs",
        )
    return AwardItem(
        f"{label}, reimbursed in full without evidence of its own: 6.9.6 says evidence 'may "
        f"be requested' (readings.costs_need_evidence, {switch.basis})",
        cost.amount,
        switch.clause,
        basis,
        "costs",
    )


def _not_paid(label: str, why: str, clause: str = LOSS_AND_DAMAGE) -> AwardItem:
    return AwardItem(f"{label}, not paid: {why}", ZERO, clause, PUBLISHED, "belongings")


def _loss_and_damage(scenario: Scenario, item: DamagedItem, params: Params) -> AwardItem:
    label = f"Loss and damage: {item.item}"
    days = params["loss_and_damage.notify_working_days"]
    if scenario.failure.cause == "contractor":
        return _not_paid(label, "caused by a contractor, a claim on its insurance", "twenty11 6.5")
    if scenario.failure.responsibility == "none":
        return _not_paid(label, "not caused by neglect of a member of staff")
    if item.insured:
        return _not_paid(
            label, "covered by the claimant's home contents insurance", "twenty11 3.3, 6.9.4"
        )
    occurred = scenario.dates.occurred
    last = add_working_days(occurred, days.value)
    if item.notified > last:
        return _not_paid(
            label,
            f"notified on {day_text(item.notified)}, more than {days.value} working days after the "
            f"damage on {day_text(occurred)} (last day {day_text(last)})",
            days.clause,
        )
    if not item.retained:
        retention = params["readings.damaged_items_must_be_retained"]
        if retention.value:
            return AwardItem(
                f"{label}, not paid: not retained for inspection (6.9.4 'should be retained', "
                f"read as a condition; readings.damaged_items_must_be_retained, "
                f"{retention.basis})",
                ZERO,
                retention.clause,
                basis_from(retention),
                "belongings",
            )
    form = params["readings.loss_and_damage_form"]
    return AwardItem(
        f"{label}, at its value when damaged ({format_pounds(item.value_at_loss)}, not the "
        f"replacement value), as {FORMS[form.value]} (readings.loss_and_damage_form, "
        f"{form.basis}); notified {day_text(item.notified)} (last day {day_text(last)})",
        item.value_at_loss,
        LOSS_AND_DAMAGE,
        PUBLISHED,
        "belongings",
    )


@lru_cache(maxsize=16)
def _inconvenience_words(service: bool, level: str) -> tuple[str, str, str, str, str, Note]:
    """For a 6.9.1 service failure or a 6.9.3 inconvenience at a distress level: the category,
    the parameter holding the amount, the label, the parameters for the range (6.9.3 only),
    and the note that the amount is an assumption."""
    if service:
        category, path = "service-failure", f"service_failure.{level}"
        label = f"Service failure: a small amount to recognise the inconvenience ({level})"
        low = high = ""
    else:
        category, path = "distress", f"stress.{level}.amount"
        label = f"Stress, upset and inconvenience ({level})"
        low, high = f"stress.{level}.low", f"stress.{level}.high"
    procedure = Note(
        "The amount for inconvenience is in Twenty11's Compensation Procedure, which is not "
        f"published: compsim uses the assumption parameter {path}"
        + (
            " (a small amount, 6.9.1)"
            if service
            else ", within the Housing Ombudsman's remedies band"
        ),
        PROCEDURE,
    )
    return category, path, label, low, high, procedure


def _inconvenience(
    scenario: Scenario, impact: Impact, params: Params, notes: list[Note]
) -> AwardItem:
    """One payment for the inconvenience: 6.9.1 for a service failure, else 6.9.3. Which
    failures are 6.9.1 service failures is a reading switch, consulted only where the
    payment could differ: a service-failure kind, some inconvenience and fault accepted (with
    none, or no fault, both readings pay nothing)."""
    failure = scenario.failure
    level = DISTRESS_LEVELS[impact.rank]
    service = failure.kind in SERVICE_FAILURE_KINDS
    switch = None
    if service and impact.rank and failure.responsibility != "none":
        switch = params[SERVICE_SWITCH]
        service = switch.value
        notes.append(_service_note(failure.kind, service, switch.basis, switch.clause))
    category, path, label, low, high, procedure = _inconvenience_words(service, level)
    point = params[path]
    amount = point.value
    if service:
        low_amount = high_amount = amount
    else:
        low_amount = params.value(low) if low in params else amount
        high_amount = params.value(high) if high in params else None
    clause = point.clause
    if failure.responsibility == "none":
        # 6.9.3 says it in its own words; 6.9.1 has none, so 2.1's definition is quoted
        words, source = (
            ("a direct result of our action or inaction", ", 2.1")
            if service
            else ("through our actions or inaction", "")
        )
        return AwardItem(
            f"{label}: not paid, Twenty11 accepts no fault (it pays for what it caused, '{words}')",
            ZERO,
            clause + source,
            point.basis,
            category,
        )
    if amount == ZERO:
        return AwardItem(f"{label}: nothing due", ZERO, clause, point.basis, category)
    bases = (
        (point.basis, impact.basis) if switch is None else (point.basis, impact.basis, switch.basis)
    )
    if failure.responsibility == "partial":
        partial = params["inconvenience.partial_share"]
        share = partial.value
        bases += (partial.basis,)
        label = f"{label}, partial responsibility × {share}"
        notes.append(
            Note(
                "The policy does not grade compensation by degree of responsibility: compsim "
                f"pays {share} of the amount when Twenty11 is partly responsible "
                f"({partial.basis})",
                partial.clause,
            )
        )
        amount, low_amount = amount * share, low_amount * share
        high_amount = None if high_amount is None else high_amount * share
    notes.append(procedure)
    basis = strongest_basis(*bases)
    if amount and low_amount and high_amount != ZERO:  # no zero: see _inconvenience_item
        return _inconvenience_item(label, amount, low_amount, high_amount, clause, basis, category)
    return _inconvenience_item.__wrapped__(
        label, amount, low_amount, high_amount, clause, basis, category
    )


SERVICE_SWITCH = "readings.service_failures_under_6_9_1"


@lru_cache(maxsize=32)
def _service_note(kind: str, service: bool, basis: str, clause: str) -> Note:
    """How a failure of a service-failure kind is read: 6.9.1 or 6.9.3 (the reading switch)."""
    what = KIND_WORDS[kind]
    if service:
        return Note(
            f"{what} is read as a 6.9.1 service failure (the tenant 'unhappy with the service "
            "that they have received'): a small amount recognises the inconvenience, instead "
            f"of the 6.9.3 payment ({SERVICE_SWITCH}, {basis})",
            clause,
        )
    return Note(
        f"{what} is assessed under 6.9.3 like any other failure: 6.9.1 read as describing "
        f"how dissatisfaction is reported, not a separate payment ({SERVICE_SWITCH}, {basis})",
        clause,
    )


KIND_WORDS = {
    "missed-appointment": "A missed appointment",
    "communication": "Poor communication",
    "complaint-handling": "Poor complaint handling",
    "charged-service-not-delivered": "A charged service not delivered",
}


@lru_cache(maxsize=256)
def _inconvenience_item(
    label: str,
    amount: Decimal,
    low: Decimal,
    high: Decimal | None,
    clause: str,
    basis: str,
    category: str,
) -> AwardItem:
    """The inconvenience item, each figure rounded to the penny: the same in every decision at
    one level with the same parameters, so remembered. Decimals equal in value round to the
    same pennies, except a zero (0.00 and -0.00 are equal but print differently), so a figure
    of zero is never looked up here, only built (``__wrapped__``)."""
    return AwardItem(
        label,
        to_pennies(amount),
        clause,
        basis,
        category,
        low=to_pennies(low),
        high=None if high is None else to_pennies(high),
    )


def _gesture(impact: Impact, inconvenience: AwardItem, params: Params) -> AwardItem | None:
    if impact.rank == 0 or inconvenience.amount > ZERO:
        return None  # the switch could change nothing, so it is not consulted (or listed)
    if not params["gesture.when_no_inconvenience_award"].value:
        return None
    amount = params.value("gesture.amount")
    return AwardItem(
        "Gesture of goodwill: the claimant was inconvenienced but no payment for it is "
        f"due, so a gesture of up to {format_pounds(amount)} is offered, even "
        "without acceptance of fault",
        amount,
        GESTURE,
        params.basis_of("gesture.amount", "gesture.when_no_inconvenience_award"),
        "goodwill",
        low=ZERO,
        high=amount,
    )


def _decant(scenario: Scenario, params: Params, notes: list[Note]) -> list[AwardItem]:
    decant = scenario.decant
    if decant is None:
        if scenario.failure.kind == "decant":
            notes.append(
                Note(
                    "A decant with no [decant] details: home loss (6.7.1) and disturbance "
                    "(6.7.2) are not assessed",
                    "twenty11 6.7",
                )
            )
        return []
    notes.append(
        Note(
            "Home loss and disturbance are not goodwill; their terms are in Twenty11's "
            "Decant Policy, which is not published",
            "twenty11 6.7",
        )
    )
    return [_home_loss(scenario, params), *_disturbance(scenario, notes)]


def _home_loss(scenario: Scenario, params: Params) -> AwardItem:
    decant, household = scenario.decant, scenario.household
    assert decant is not None
    months = params["home_loss.min_months"]

    def refused(why: str, basis: str = PUBLISHED) -> AwardItem:
        return AwardItem(f"Home loss payment: not paid, {why}", ZERO, HOME_LOSS, basis, "home-loss")

    if not decant.permanent:
        return refused("the move is not permanent")
    if decant.reason not in HOME_LOSS_REASONS:
        return refused(f"the move is for {decant.reason}, not demolition or development")
    if household.tenure != "assured-tenant":
        return refused(f"only an assured tenant is paid (the claimant is {household.tenure})")
    if household.months_in_home is None:
        return refused(
            f"how long the claimant has lived there is not given ({months.value} months needed)"
        )
    if household.months_in_home < months.value:
        return refused(
            f"lived in the home {household.months_in_home} months, fewer than {months.value}",
            months.basis,
        )
    day, when = displacement(scenario)
    rate = param_on(params, "home_loss.flat_rate", day)
    if rate is None:
        return refused(
            f"no flat rate figure in force on {day_text(day)}, {when} (home_loss.flat_rate starts "
            "1 Oct 2019): set one with --set twenty11.home_loss.flat_rate=AMOUNT",
            ASSUMPTION,
        )
    tenants = household.named_tenants
    share = rate.value / tenants
    split = ""
    if tenants > 1:
        exact = to_pennies(share) * tenants == rate.value
        split = (
            f", divided equally between {tenants} named tenants "
            f"({'' if exact else 'about '}{format_pounds(to_pennies(share))} each)"
        )
    return AwardItem(
        f"Home loss payment: flat rate {format_pounds(rate.value)} (the statutory home loss "
        f"payment in force on {day_text(day)}, {when}; the policy gives no figure){split}",
        rate.value,
        rate.clause,
        rate.basis,
        "home-loss",
    )


def displacement(scenario: Scenario) -> tuple[date, str]:
    """The date that picks the dated flat rate: the statutory figure goes by the date of
    displacement, ``decant.moved``; without it, the claim date (and the output says so)."""
    decant = scenario.decant
    if decant is not None and decant.moved is not None:
        return decant.moved, "the date of the move (decant.moved)"
    return (
        scenario.dates.claimed,
        "the claim date: no date of the move (decant.moved) is given, and the statutory "
        "figure goes by the date of displacement",
    )


def param_on(params: Params, path: str, day: date) -> Param | None:
    """A parameter's value in force on ``day`` rather than the claim date (None when none is;
    an override, the user's draft, applies on every date)."""
    try:
        return params.on(path, day)
    except ParamError:
        return None


def _disturbance(scenario: Scenario, notes: list[Note]) -> list[AwardItem]:
    decant, household = scenario.decant, scenario.household
    assert decant is not None
    notes.append(
        Note(
            "Disturbance also covers reasonable loss to an authorised business or trade on the "
            "premises: the scenario format has no field for it, so compsim includes none",
            DISTURBANCE,
        )
    )
    label = f"Disturbance: reasonable moving costs {format_pounds(decant.moving_costs)}"
    if decant.reason not in DISTURBANCE_REASONS:
        why = f"the move is for {decant.reason}, not major repairs or demolition"
    elif household.tenure not in TENANTS:
        why = f"paid to tenants (the claimant is {household.tenure})"
    elif decant.moving_costs == 0:
        why = "no moving costs given"
    else:
        return [AwardItem(label, decant.moving_costs, DISTURBANCE, PUBLISHED, "disturbance")]
    return [AwardItem(f"{label}: not paid, {why}", ZERO, DISTURBANCE, PUBLISHED, "disturbance")]


MISSED_APPOINTMENTS = {
    "service-failure": Note(
        "The policy publishes no amount per missed appointment: compsim makes one 6.9.1 "
        "payment for the service failure",
        SERVICE_FAILURE,
    ),
    "distress": Note(
        "The policy publishes no amount per missed appointment: compsim makes one 6.9.3 "
        "payment for the inconvenience",
        STRESS,
    ),
}
NO_COMPLAINT_TIMESCALES = Note(
    "The policy publishes no complaint-handling timescales (the Feedback Policy is not "
    "published): compsim does not assess them",
    SERVICE_FAILURE,
)


def _silences(scenario: Scenario, params: Params, notes: list[Note], inconvenience: str) -> None:
    """Notes where the policy is silent; ``inconvenience`` is the category of the payment for
    it (6.9.1 service-failure or 6.9.3 distress)."""
    dates = scenario.dates
    if dates.offer_made is not None:
        last = offer_lapses_on(dates, params)
        if dates.offer_accepted is None:
            notes.append(
                Note(
                    f"The offer made on {day_text(dates.offer_made)} lapses if not accepted by "
                    f"{day_text(last)}",
                    "twenty11 6.5",
                )
            )
    if scenario.failure.missed_appointments > 1:
        notes.append(MISSED_APPOINTMENTS[inconvenience])
    if scenario.complaint is not None:
        notes.append(NO_COMPLAINT_TIMESCALES)


# ---------------------------------------------------------------- approval (3.4, 6.8)


ABSENCE = Note(
    "The Head of Relationships, or an alternative Head of Service in their absence, authorises "
    "every compensation payment after scrutiny",
    AUTHORISE,
)
NO_PAYMENT_TO_AUTHORISE = Approval(
    "Head of Relationships (scrutiny; no payment to authorise)", AUTHORISE, notes=(ABSENCE,)
)


def goodwill_total(award: Award) -> Decimal:
    return sum((i.amount for i in award.items if i.category in GOODWILL_CATEGORIES), ZERO)


@hookimpl
def route_approval(scenario: Scenario, award: Award, params: Params) -> Approval:
    threshold = params["approval.goodwill_senior_over"]
    total = goodwill = only = ZERO
    paid_goodwill = 0  # goodwill items with an amount (a "not paid" item adds nothing)
    for item in award.items:  # award.total and goodwill_total(award), in one pass
        amount = item.amount
        total += amount
        if item.category in GOODWILL_CATEGORIES:
            goodwill += amount
            if amount:
                paid_goodwill += 1
                only = amount
    if total == ZERO:
        return NO_PAYMENT_TO_AUTHORISE
    # Remembered only when one goodwill item has an amount (the inconvenience, say, beside a
    # room or belongings not paid): the sum is then that amount in value and, not being zero,
    # prints alike; a remembered item's amount has its hash worked out already. A sum of
    # several (a cost or a rent share with the inconvenience) is seldom seen twice, and a
    # fresh sum's hash costs more than the approval: built each time, so it evicts nothing.
    approval = _approval.__wrapped__
    if paid_goodwill == 1:
        goodwill, approval = only, _approval
    return approval(
        goodwill,
        goodwill > threshold.value,
        format_pounds(threshold.value),
        threshold.clause,
        threshold.basis,
    )


@lru_cache(maxsize=1024)
def _approval(goodwill: Decimal, senior: bool, threshold: str, clause: str, basis: str) -> Approval:
    """Who authorises a payment, from the goodwill in it, the threshold (as printed: a
    threshold of 0 and one of -0 are equal but print apart) and whether the goodwill is over
    it. Remembered: the same few amounts of goodwill (the inconvenience payments, 6.9.1,
    6.9.3) recur from case to case. Goodwill is a sum from ZERO, never -0, so amounts equal
    in value print alike."""
    amount = format_pounds(goodwill)  # remembered here when it recurs, so never twice
    counted = Note(
        f"Goodwill in this award (6.9, including reimbursements): {amount}; "
        "home loss and disturbance (6.7) are not goodwill and do not count",
        clause,
    )
    if senior:
        return Approval(
            "Head of Relationships and a member of the Senior Management Team",
            f"{AUTHORISE}; {clause}",
            senior=True,
            basis=basis,
            notes=(
                ABSENCE,
                counted,
                Note(
                    f"Goodwill of {amount} exceeds the {threshold} threshold",
                    clause,
                ),
            ),
        )
    return Approval("Head of Relationships", AUTHORISE, notes=(ABSENCE, counted))


# ---------------------------------------------------------------- offset (6.4)


@hookimpl
def apply_offset(scenario: Scenario, award: Award, params: Params) -> Settlement:
    """Offset against arrears, service charges and other debts, except reimbursement of loss
    and damage and of costs reasonably incurred, which is paid (loss and damage as a voucher
    or a financial payment: readings.loss_and_damage_form)."""
    if not award.items:
        return NOTHING_TO_SETTLE
    # the award's total, and its total in each category the offset treats on its own
    award_total = belongings = costs = moving_costs = home_loss = ZERO
    for item in award.items:
        amount, category = item.amount, item.category
        award_total += amount
        if category == "belongings":
            belongings += amount
        elif category == "costs":
            costs += amount
        elif category == "disturbance":
            moving_costs += amount
        elif category == "home-loss":
            home_loss += amount
    owed = scenario.account.total_owed
    if not (belongings > ZERO or costs > ZERO or owed > ZERO):
        # the usual case: nothing to pay apart and nothing owed, so the whole award is paid
        # (what the general case below gives: no switch read, no note, no credit)
        paid = award_total - owed
        if paid > ZERO:
            return Settlement((SettlementPart(PAID, paid, CUSTOMER, "payment", OFFSET),))
        return NOTHING_TO_SETTLE
    form = params["readings.loss_and_damage_form"] if belongings > ZERO else None
    disturbance_protected = (
        params["offset.disturbance_protected"] if moving_costs > ZERO and owed > ZERO else None
    )
    disturbance = moving_costs if disturbance_protected and disturbance_protected.value else ZERO
    offsettable = award_total - belongings - costs - disturbance
    credit = min(offsettable, owed)
    parts = []  # each part that has an amount, in this order
    if belongings > ZERO:
        parts.append(
            SettlementPart(
                "Reimbursement of loss and damage, not offset"
                + (f", as {FORMS[form.value]} ({form.basis})" if form else ""),
                belongings,
                CUSTOMER,
                form.value if form else "voucher",
                LOSS_AND_DAMAGE_OFFSET,
            )
        )
    if costs > ZERO:
        parts.append(
            SettlementPart(
                "Reimbursement of costs reasonably incurred, not offset",
                costs,
                CUSTOMER,
                "payment",
                COSTS_OFFSET,
            )
        )
    if disturbance > ZERO:
        parts.append(
            SettlementPart(
                "Disturbance: reimbursement of reasonable moving costs, not offset",
                disturbance,
                CUSTOMER,
                "payment",
                DISTURBANCE_OFFSET,
            )
        )
    if credit > ZERO:
        parts.append(
            SettlementPart(
                "Offset against arrears, service charges and other debts",
                credit,
                ACCOUNT,
                "credit to the customer's account",
                OFFSET,
            )
        )
    if (paid := offsettable - credit) > ZERO:
        parts.append(SettlementPart(PAID, paid, CUSTOMER, "payment", OFFSET))
    notes = []
    if owed > ZERO:
        notes.append(
            Note(
                f"The customer owes {format_pounds(owed)}: compensation is offset against it, "
                "except reimbursement of loss and damage and of costs reasonably incurred",
                OFFSET,
            )
        )
        if not scenario.account.offset_agreed:
            notes.append(OFFSET_NOT_AGREED)
        if home_loss > ZERO:
            notes.append(HOME_LOSS_OFFSET)
    if form is not None:
        notes.append(_form_note(form.value, form.basis, form.clause))
    if disturbance_protected is not None:
        notes.append(
            Note(
                "Disturbance reimburses reasonable moving costs, read as 'costs reasonably "
                f"incurred' under 6.4 and paid, not offset ({disturbance_protected.basis})"
                if disturbance_protected.value
                else "Disturbance is read as compensation like any other and offset: 6.4 "
                "excepts only loss and damage and costs reasonably incurred "
                f"({disturbance_protected.basis})",
                disturbance_protected.clause,
            )
        )
    return Settlement(tuple(parts), tuple(notes))


NOTHING_TO_SETTLE = Settlement()
PAID = "Paid to the customer"
LOSS_AND_DAMAGE_OFFSET = f"{OFFSET}; {LOSS_AND_DAMAGE}"
COSTS_OFFSET = f"{OFFSET}; {COSTS}"
OFFSET_NOT_AGREED = Note(
    "6.4 offsets without asking the customer to agree: offset_agreed = false does not change it",
    OFFSET,
)


@lru_cache(maxsize=16)
def _form_note(form: str, basis: str, clause: str) -> Note:
    return Note(
        "The text contradicts itself on the form: 6.9.4 pays loss and damage 'where possible "
        "... in the form of a voucher', 6.4 says reimbursement for loss and damage 'will take "
        f"the form of a financial payment'. compsim reads it as {FORMS[form]} "
        f"(readings.loss_and_damage_form, {basis})",
        clause,
    )


HOME_LOSS_OFFSET = Note(
    "6.4 does not except the home loss payment, so it is offset like other compensation",
    OFFSET,
)


# ---------------------------------------------------------------- deadlines (6.3, 6.5, 6.9.4)


@hookimpl
def deadlines(scenario: Scenario, award: Award, params: Params) -> list[Deadline]:
    """Dated deadlines: claiming within 6 months of knowing (6.3), notifying damage within 20
    working days (6.9.4), and the offer's 3-month lapse (6.5)."""
    dates = scenario.dates
    months = params["time_limits.knew_about_months"]
    found = [_contact_deadline(dates.aware, months.value, months.basis)]
    if scenario.damaged_items:
        days = params["loss_and_damage.notify_working_days"]
        found.append(
            Deadline(
                f"Loss or damage to be notified ({days.value} working days after it occurred)",
                add_working_days(dates.occurred, days.value),
                LOSS_AND_DAMAGE,
            )
        )
    if dates.offer_made is not None:
        months = params.value("time_limits.offer_acceptance_months")
        found.append(
            Deadline(
                f"Offer lapses if not accepted ({months} months after it was made)",
                offer_lapses_on(dates, params),
                "twenty11 6.5",
            )
        )
    return found


@lru_cache(maxsize=1024)
def _contact_deadline(aware: date, months: int, basis: str) -> Deadline:
    """The 6.3 deadline, from the day the claimant knew and the months allowed (remembered:
    a caseload's claims share their dates, and the key is plain values, no Decimal)."""
    return Deadline(
        f"Twenty11 to be contacted ({months} months after the claimant knew of the incident; "
        "contact after it is not normally considered)",
        add_months(aware, months),
        "twenty11 6.3",
        basis,
    )
