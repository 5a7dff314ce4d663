"""The Housing Ombudsman's guidance as a reference policy: what the Ombudsman would order.

Not a landlord. The Ombudsman's orders follow its own guidance, not the landlord's policy.
The award is built as its compensation guidance ("A New Era for Housing Compensation",
published 3 February 2026, in force 1 April 2026) sorts compensation, each item labelled
with its category:

1. quantifiable financial loss (evidenced out-of-pocket costs);
2. unquantifiable financial loss (a cost the resident did not evidence);
3. loss of use of the property: a share of the rent for the period of the failure, by the
   rooms affected (or the whole home, by how badly), with a vulnerability uplift;
4. the specific sums (heating, hot water, power, lighting, missed appointments);
5. the impact of the failings (distress and inconvenience, and complaint handling), growing
   with the length of the failure and its severity markers, with a vulnerability uplift.

Outside the five categories, the statutory Right to Repair payment where it applies.
Nothing is offset against arrears. Every number is in params.toml beside this file, with
its source: the published guidance where it says, else an assumption (fitted to the
determinations library where README.md says so).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from compsim import hookimpl
from compsim.complaints import check_code, code_timescales
from compsim.dates import add_months
from compsim.models import (
    ASSUMPTION,
    CUSTOMER,
    DISTRESS_LEVELS,
    DRAFT,
    PUBLISHED,
    AmenityLoss,
    Approval,
    Award,
    AwardItem,
    Exclusion,
    Failure,
    Impact,
    Note,
    Scenario,
    Settlement,
    SettlementPart,
    Timescale,
)
from compsim.money import ZERO, for_days, format_pounds, to_pennies
from compsim.params import Param, Params, basis_from
from compsim.plugins import PolicyInfo

POLICY_ID = "ombudsman"
BANDS = ("minor", "adversely_affected", "significant", "severe")
LEVEL_NAMES = {
    "none": "No distress or inconvenience",
    "minor": "Minor failure",
    "adversely_affected": "Failure adversely affected the resident",
    "significant": "Significant impact",
    "severe": "Severe maladministration",
}
REMEDIES = "HO remedies guidance, financial redress"
ARREARS = "HO remedies guidance, compensation and arrears"
GUIDANCE = "HO compensation guidance 2026"
CODE = "Complaint Handling Code 2024"
SCHEME = "HO Scheme 42"
ORDERS = "HO Scheme"

# The guidance's five categories, as the award items carry them (AwardItem.category); the
# audit reads these. "statutory" is a payment the law sets, outside the five.
QUANTIFIABLE = "financial-loss"
UNQUANTIFIABLE = "unquantifiable-loss"
LOSS_OF_USE = "loss-of-use"
SPECIFIC = "specific-sums"
IMPACT = "impact"
STATUTORY = "statutory"
CATEGORY_NAMES = {
    QUANTIFIABLE: "(1) quantifiable financial loss",
    UNQUANTIFIABLE: "(2) unquantifiable financial loss",
    LOSS_OF_USE: "(3) loss of use of the property",
    SPECIFIC: "(4) specific sums",
    IMPACT: "(5) impact of the failings",
    STATUTORY: "statutory payment",
}

ROOMS = ("kitchen", "bathroom", "wc", "living-room", "bedroom", "other-room")
SPECIFIC_AMENITIES = ("heating", "hot-water", "electricity", "lighting")
CONTINUING_HOME_FAILURES = ("repair-delay", "loss-of-amenity", "loss-of-room")


@hookimpl
def policy_info() -> PolicyInfo:
    return PolicyInfo(
        id=POLICY_ID,
        landlord="Housing Ombudsman",
        documents=(
            "Compensation guidance, 'A New Era for Housing Compensation' (in force 1 April 2026)",
            "Guidance on remedies (revised April 2024)",
            "Complaint Handling Code 2024",
        ),
        version="compensation guidance 1 April 2026; remedies guidance April 2024",
        params_file=Path(__file__).with_name("params.toml"),
        reference=True,
    )


# ---------------------------------------------------------------- what it would remedy


@hookimpl
def is_excluded(scenario: Scenario, params: Params) -> list[Exclusion]:
    legal = scenario.legal
    dates = scenario.dates
    # raised when the complaint was (else the claim), after the later of the issue (a one-off
    # on its date, a continuing failure at its end) and the resident's awareness
    raised = scenario.complaint.received if scenario.complaint else dates.claimed
    start = max(scenario.incurred, dates.aware)
    return [
        *_for_the_courts(legal.proceedings, legal.personal_injury),
        _over_time_limit(raised, start, params.value("jurisdiction.months")),
    ]


@lru_cache(maxsize=256)
def _for_the_courts(proceedings: str, personal_injury: bool) -> tuple[Exclusion, Exclusion]:
    """Legal proceedings started, and personal injury: matters for the courts (the same few
    answers over and over)."""
    return (
        Exclusion(
            f"Legal proceedings: a claim form has been filed (proceedings: "
            f"{proceedings}): a matter for the courts",
            f"{SCHEME}; {CODE} 2.3",
            proceedings in ("started", "court-ordered"),
            "legal proceedings",
        ),
        Exclusion(
            "The claim is for personal injury: a matter for the courts or insurers",
            SCHEME,
            personal_injury,
            "personal injury",
        ),
    )


@lru_cache(maxsize=16384)
def _over_time_limit(raised: date, start: date, months: int) -> Exclusion:
    """Raised after the Code's time limit, ``months`` after ``start`` (remembered by dates, as
    the engine's date helpers are: claims share their dates)."""
    limit = add_months(start, months)
    return Exclusion(
        f"Raised on {raised}, more than {months} months after the issue or the resident's "
        f"awareness of it ({start}; the limit was {limit})",
        f"{CODE} 2.2-2.3",
        raised > limit,
        f"over {months} months",
    )


# ---------------------------------------------------------------- impact


# No distress: no band (the same answer every time).
NO_IMPACT = Impact(
    LEVEL_NAMES["none"],
    REMEDIES,
    0,
    PUBLISHED,
    (Note("No distress or inconvenience: no band award", REMEDIES),),
)


@hookimpl
def assess_impact(scenario: Scenario, params: Params) -> Impact:
    """Distress read onto the remedies bands (assumption parameters). No distress: no band.
    The length of the failure and its severity markers scale the award, not the band. Where
    the scenario gives the Ombudsman's finding, a finding of severe maladministration sets a
    floor under the band (a reading switch, ``FINDING_FLOOR``)."""
    failure = scenario.failure
    distress = failure.distress
    if failure.ombudsman_finding != NOT_GIVEN:
        return _found_impact(failure, params)
    if distress == "none":
        return NO_IMPACT
    reading = params[f"impact.distress.{distress}"]
    return _distress_impact(distress, reading.value, reading.clause, reading.basis)


@lru_cache(maxsize=256)
def _distress_impact(distress: str, band: str, clause: str, basis: str) -> Impact:
    """The impact of a distress level read as ``band`` (the same few answers over and over)."""
    note = Note(f"Distress {distress} read as: {LEVEL_NAMES[band]}", clause)
    return Impact(LEVEL_NAMES[band], REMEDIES, BANDS.index(band) + 1, basis, (note,))


NOT_GIVEN = "not-given"
SEVERE_FINDING = "severe-maladministration"
FINDING_FLOOR = f"impact.finding.{SEVERE_FINDING}"
FINDING_DISTRESS = f"impact.finding_distress.{SEVERE_FINDING}"
# Reference v9: under a lesser finding, the most distress the reference reads (a ceiling)
FINDING_CEILINGS = {
    finding: f"impact.finding_distress.{finding}"
    for finding in ("service-failure", "maladministration")
}
FINDING_WORDS = {
    "service-failure": "service failure",
    "maladministration": "maladministration",
    SEVERE_FINDING: "severe maladministration",
}


def _distress_read(failure: Failure, params: Params) -> tuple[str, Param | None]:
    """The distress the reference reads, and the reading that moved it (None: the scenario's
    own), wherever the reference reads distress: the band, and the home's share of the rent
    for loss of use. Under a finding the scenario gives: of severe maladministration, distress
    is read as at least the level ``FINDING_DISTRESS`` names (v7); of service failure or of
    maladministration, as at most the level its ``FINDING_CEILINGS`` switch names (v9);
    ``none``: as given."""
    distress = failure.distress
    finding = failure.ombudsman_finding
    if finding == SEVERE_FINDING:
        floor = params[FINDING_DISTRESS]
        if floor.value == "none" or _rank(distress) >= _rank(floor.value):
            return distress, None
        return floor.value, floor
    if finding in FINDING_CEILINGS:
        ceiling = params[FINDING_CEILINGS[finding]]
        if ceiling.value == "none" or _rank(distress) <= _rank(ceiling.value):
            return distress, None
        return ceiling.value, ceiling
    return distress, None


def _rank(distress: str) -> int:
    return DISTRESS_LEVELS.index(distress)


def _found_impact(failure: Failure, params: Params) -> Impact:
    """The impact where the scenario gives the Ombudsman's finding: the band the distress read
    gives (``_distress_read``), raised to the floor the severe-maladministration reading sets
    (``FINDING_FLOOR``; ``none``: not raised). The guidance names a band for severe
    maladministration only, so another finding leaves the band to distress (neither switch is
    consulted), and a note says so."""
    read, raised_by = _distress_read(failure, params)
    reading = None if read == "none" else params[f"impact.distress.{read}"]
    finding = failure.ombudsman_finding
    floor = params[FINDING_FLOOR] if finding == SEVERE_FINDING else None
    return _finding_impact(
        failure.distress, read, finding, _key(reading), _key(floor), _key(raised_by)
    )


def _key(param: Param | None) -> tuple[str, str, str] | None:
    """What of a choice parameter an impact rests on (the same few answers over and over)."""
    return None if param is None else (param.value, param.clause, param.basis)


@lru_cache(maxsize=256)
def _finding_impact(
    given: str,
    distress: str,
    finding: str,
    reading: tuple[str, str, str] | None,
    floor: tuple[str, str, str] | None,
    raised_by: tuple[str, str, str] | None,
) -> Impact:
    """``_found_impact`` from what it read: the distress given and the distress read, and the
    parameters, each (value, clause, basis) or None."""
    distressed = NO_IMPACT if reading is None else _distress_impact(distress, *reading)
    words = FINDING_WORDS[finding]
    if raised_by is not None:
        _, clause, raised_basis = raised_by
        raise_note = Note(
            f"The Ombudsman's finding of {words}: distress read as {distress}, "
            f"not {given} as given",
            clause,
        )
        distressed = Impact(
            distressed.level,
            distressed.clause,
            distressed.rank,
            _worst(distressed.basis, raised_basis),
            (raise_note, *distressed.notes),
        )
    if floor is None:
        note = Note(
            f"The Ombudsman's finding of {words}: the remedies guidance names no band for it, "
            "so the band follows the distress read",
            REMEDIES,
        )
        return _with_note(distressed, note)
    raised, clause, floor_basis = floor
    if raised == "none" or (reading is not None and BANDS.index(reading[0]) >= BANDS.index(raised)):
        why = (
            "no floor under the band (reading: none)"
            if raised == "none"
            else f"the band is at least {LEVEL_NAMES[raised]}, which distress already gives"
        )
        return _with_note(distressed, Note(f"The Ombudsman's finding of {words}: {why}", clause))
    basis = floor_basis if reading is None else _worst(distressed.basis, floor_basis)
    note = Note(
        f"The Ombudsman's finding of {words} raises the band to {LEVEL_NAMES[raised]}, "
        "the band the remedies guidance names for it",
        clause,
    )
    notes = (*distressed.notes, note) if reading is not None else (note,)
    return Impact(LEVEL_NAMES[raised], REMEDIES, BANDS.index(raised) + 1, basis, notes)


def _with_note(impact: Impact, note: Note) -> Impact:
    return Impact(impact.level, impact.clause, impact.rank, impact.basis, (*impact.notes, note))


# ---------------------------------------------------------------- the award


# The notes calculate_award adds, the same every time they apply.
NOT_RESPONSIBLE = Note(
    "The landlord bears no responsibility for the failure: no maladministration, "
    "so nothing is ordered",
    REMEDIES,
)
PARTLY_RESPONSIBLE = Note(
    "The guidance gives no rule for a failure only partly the landlord's: "
    "compsim applies its figures in full (the guidance is silent)",
    REMEDIES,
)
BELONGINGS_NOT_VALUED = Note(
    "Damaged belongings: the guidance counts them as quantifiable loss, but their "
    "valuation is a matter for insurance (the Ombudsman's insurance guidance); "
    "compsim values none, and the audit leaves belongings out of the comparison",
    GUIDANCE,
)
NO_HOME_LOSS = Note(
    "Statutory home loss and disturbance payments are not the Ombudsman's to "
    "order: compsim computes none, and the audit leaves them out of the comparison",
    REMEDIES,
)


@hookimpl
def calculate_award(scenario: Scenario, impact: Impact, params: Params) -> Award:
    responsibility = scenario.failure.responsibility
    if responsibility == "none":
        return Award((), (NOT_RESPONSIBLE,))
    notes: list[Note] = [PARTLY_RESPONSIBLE] if responsibility == "partial" else []
    items = _costs(scenario, params)  # (1) and (2)
    loss_of_use = _loss_of_use(scenario, params, notes)  # (3)
    items += loss_of_use
    items += _specific_sums(scenario, params, notes)  # (4)
    impact_items = _impact_items(scenario, impact, params, notes)  # (5)
    items += impact_items
    items += _vulnerability_uplift(scenario, loss_of_use, impact_items, params, notes)
    items += _right_to_repair(scenario, params, notes)
    items = _widened(items, params, notes)
    if scenario.damaged_items:
        notes.append(BELONGINGS_NOT_VALUED)
    if scenario.decant is not None:
        notes.append(NO_HOME_LOSS)
    return Award(tuple(items), tuple(notes))


JUDGEMENT_CATEGORIES = (LOSS_OF_USE, IMPACT)


def _widened(items: list[AwardItem], params: Params, notes: list[Note]) -> list[AwardItem]:
    """Reference v8: the ranges of the judgement categories, (3) loss of use and (5) impact
    with their uplifts, widened by ``range.widen`` (low ends divided by it, high ends
    multiplied by it), calibrated so the range holds three in four of the Ombudsman's orders
    on cases it was not fitted to. Figures, and the exact sums' ranges, do not change."""
    widen = params["range.widen"]
    factor = widen.value
    if factor == 1:
        return items
    widen_item = _remembered(_widen_item, params)
    result = []
    judged = False
    for item in items:
        if item.category in JUDGEMENT_CATEGORIES:
            item = widen_item(item, factor, widen.basis)
            judged = True
        result.append(item)
    if judged:
        notes.append(_remembered(_widen_note, params)(factor, widen.basis, widen.clause))
    return result


@lru_cache(maxsize=64)
def _widen_note(factor: Decimal, basis: str, clause: str) -> Note:
    return Note(
        f"The ranges of (3) loss of use and (5) impact are widened x{factor}: each low end "
        f"divided by it, each high end multiplied by it (range.widen, {basis}), so that the "
        "range holds three in four of the Ombudsman's orders on cases it was not fitted to; "
        "the figures do not change",
        clause,
    )


@lru_cache(maxsize=16384)
def _widen_item(item: AwardItem, factor: Decimal, widen_basis: str) -> AwardItem:
    """``item`` with its range widened by ``factor``, resting on the widening's basis too.
    Remembered by its arguments (most items are themselves remembered, so the same ones
    recur)."""
    return AwardItem(
        item.label,
        item.amount,
        item.clause,
        _worst(item.basis, widen_basis),
        item.category,
        low=to_pennies(item.low / factor),
        high=None if item.high is None else to_pennies(item.high * factor),
    )


def _label(category: str, text: str) -> str:
    return f"{CATEGORY_NAMES[category]}: {text}"


# ---------------------------------------------------------------- (1) and (2) costs


# Works the resident paid for count as quantifiable loss only when the landlord agreed to pay
# for them (the guidance's example: "works a landlord agreed to pay for but did not").
AGREED_WORKS = ("repairs", "advocate")


def _costs(scenario: Scenario, params: Params) -> list[AwardItem]:
    """(1) evidenced costs, in full; works only with the landlord's agreement (permission).
    (2) the rest, at the unquantifiable share."""
    items = []
    for cost in scenario.costs:
        what = f"{cost.kind} {format_pounds(cost.amount)}"
        agreed = cost.kind not in AGREED_WORKS or cost.permission
        if cost.evidence and agreed:
            items.append(
                AwardItem(
                    _label(QUANTIFIABLE, f"out-of-pocket cost {what}, reimbursed"),
                    cost.amount,
                    f"{GUIDANCE}, quantifiable financial loss",
                    PUBLISHED,
                    QUANTIFIABLE,
                )
            )
            continue
        unquantifiable = params["unquantifiable.share"]
        share = unquantifiable.value
        why = "not evidenced" if agreed else "works the landlord did not agree to pay for"
        items.append(
            AwardItem(
                _label(UNQUANTIFIABLE, f"cost {what} {why}, at {share * 100:.0f}% of its amount"),
                to_pennies(cost.amount * share),
                unquantifiable.clause,
                unquantifiable.basis,
                UNQUANTIFIABLE,
            )
        )
    return items


# ---------------------------------------------------------------- (3) loss of use


NO_RENT = Note("No weekly rent given: no loss of use is computed", GUIDANCE)


def _loss_of_use(scenario: Scenario, params: Params, notes: list[Note]) -> list[AwardItem]:
    """A share of the rent for the period of the failure: each lost room (and each amenity
    the specific sums do not cover) at its share; a continuing failure of the home with no
    room listed at a share by how badly it was felt (the distress)."""
    rent = scenario.household.weekly_rent
    lost = scenario.amenities_lost
    failure = scenario.failure
    if rent <= 0:
        if lost or failure.kind in CONTINUING_HOME_FAILURES:
            notes.append(NO_RENT)
        return []
    items = []
    if lost:
        specific = (
            any(loss.amenity in SPECIFIC_AMENITIES for loss in lost)
            and _specific_in_force(scenario, params) != "none"
        )
        for loss in lost:
            if loss.amenity in SPECIFIC_AMENITIES and specific:
                continue  # (4) covers it
            if loss.amenity in ("bedroom", "other-room") and not loss.in_use:
                continue
            room = params[f"loss_of_use.share.{loss.amenity}"]
            share = room.value * loss.count
            start, end = _loss_period(scenario, loss, params)
            days = (end - start).days
            if days <= 0 or share <= 0:
                continue
            what = f"{loss.amenity} x{loss.count}" if loss.count > 1 else loss.amenity
            items.append(_rent_share_item(what, share, days, rent, params, room, False))
    elif failure.kind in CONTINUING_HOME_FAILURES:
        distress, raised_by = _distress_read(failure, params)
        if distress == "none":
            return items
        home = params[f"loss_of_use.home_share.{distress}"]
        days = _failure_days(scenario, params)
        if home.value > 0 and days > 0:
            what = f"the home (no room listed; {distress} distress"
            if raised_by is not None:
                words = FINDING_WORDS[failure.ombudsman_finding]
                what += f", read so under the Ombudsman's finding of {words}"
            items.append(
                _rent_share_item(f"{what})", home.value, days, rent, params, home, True, raised_by)
            )
    return items


TAPER_SWITCH = "loss_of_use.taper_applies_to"


def _rent_share_item(
    what: str,
    share: Decimal,
    days: int,
    rent: Decimal,
    params: Params,
    share_param: Param,
    whole_home: bool,
    read_as: Param | None = None,
) -> AwardItem:
    """``share`` of the rent for ``days`` days, cited by the share's parameter, with the range
    the guidance allows around it. For a long failure of the home (``whole_home``; and of a room or
    amenity too, on the reading ``loss_of_use.taper_applies_to = "all"``), the days after the
    first ``loss_of_use.full_weeks`` weeks count at ``loss_of_use.later_share`` of the share
    (the orders for long failures do not grow in proportion to their length). ``read_as``: the
    reading that chose the share, when not the scenario's own distress (the item rests on it)."""
    low = params["loss_of_use.range_low"]
    high = params["loss_of_use.range_high"]
    full_weeks = params["loss_of_use.full_weeks"]
    used = [share_param, low, high] if read_as is None else [share_param, low, high, read_as]
    later_share = None
    if days > full_weeks.value * 7:
        tapered = whole_home
        if not whole_home:  # the switch is read (so recorded) only for a room or amenity
            switch = params[TAPER_SWITCH]
            used.append(switch)  # the item rests on the reading either way
            tapered = switch.value == "all"
        if tapered:
            later = params["loss_of_use.later_share"]
            used += [full_weeks, later]
            later_share = later.value
    return _remembered(_rent_share, params)(
        what,
        share,
        days,
        rent,
        low.value,
        high.value,
        full_weeks.value,
        later_share,
        share_param.clause,
        basis_from(*used),
    )


@lru_cache(maxsize=16384)
def _rent_share(
    what: str,
    share: Decimal,
    days: int,
    rent: Decimal,
    low: Decimal,
    high: Decimal,
    full_weeks: int,
    later_share: Decimal | None,
    clause: str,
    basis: str,
) -> AwardItem:
    """The item of ``_rent_share_item``: ``later_share`` None when the taper does not apply.
    Remembered by its arguments: a rent equal to another prints and computes the same, as
    every figure is rounded to the penny."""
    text = f"{what}, {days} days at {share * 100:.0f}% of {format_pounds(rent)} a week"
    exact = for_days(rent, days) * share
    if later_share is not None:
        full_days = full_weeks * 7
        later = days - full_days
        exact = for_days(rent, full_days) * share + for_days(rent, later) * share * later_share
        text += (
            f", the {later} days after the first {full_weeks} weeks at "
            f"{later_share * 100:.0f}% of that share"
        )
    return AwardItem(
        _label(LOSS_OF_USE, text),
        to_pennies(exact),
        clause,
        basis,
        LOSS_OF_USE,
        low=to_pennies(exact * low),
        high=to_pennies(exact * high),
    )


def _failure_start(scenario: Scenario, params: Params) -> date:
    """The failure runs from the repair target when given (and read so), else from the first
    report, when the landlord knew."""
    target = scenario.dates.repair_target
    if params.value("period.from") == "repair-target" and target is not None:
        return target
    return scenario.dates.reported


def _failure_days(scenario: Scenario, params: Params) -> int:
    """The length of a continuing failure, in days, to its loss end; a one-off event has none."""
    if scenario.one_off:
        return 0
    return max(0, (scenario.dates.loss_end - _failure_start(scenario, params)).days)


# ---------------------------------------------------------------- (4) specific sums


def _specific_in_force(scenario: Scenario, params: Params) -> str:
    """Whether the specific sums apply to this claim, on the reading chosen: "all" (every day
    of loss), "from" (only days of loss from the date in force), or "none"."""
    start = params.value("specific_sums.from")
    reading = params.value("specific_sums.applies_by")
    if reading == "days-of-loss":
        return "from"
    if reading == "decision-date" and scenario.origin is not None:
        day = scenario.origin.decided
    else:
        day = scenario.dates.claimed
    return "all" if day >= start else "none"


def _specific_sums(scenario: Scenario, params: Params, notes: list[Note]) -> list[AwardItem]:
    lost = scenario.amenities_lost
    losses = [loss for loss in lost if loss.amenity in SPECIFIC_AMENITIES] if lost else []
    missed = scenario.failure.missed_appointments
    if not (losses or missed):
        return []
    applies = _specific_in_force(scenario, params)
    start = params.value("specific_sums.from")
    applies_by = params["specific_sums.applies_by"]
    reading, basis, clause = applies_by.value, applies_by.basis, applies_by.clause
    if applies == "none":
        when = (
            f"decided {scenario.origin.decided}"
            if reading == "decision-date" and scenario.origin is not None
            else f"claimed {scenario.dates.claimed}"
        )
        notes.append(
            Note(
                f"The specific sums apply from {start} (read by the {reading.replace('-', ' ')}); "
                f"this claim was {when}, so none is due",
                clause,
            )
        )
        return []
    earliest = start if applies == "from" else date.min
    days_of = {
        amenity: _days_lost(scenario, amenity, params, earliest) for amenity in SPECIFIC_AMENITIES
    }
    both = days_of["heating"] & days_of["hot-water"]
    one = (days_of["heating"] | days_of["hot-water"]) - both
    power = days_of["electricity"]
    lighting = days_of["lighting"] - power
    items = []
    items += _per_day("heating and hot water", both, params, "heating_and_hot_water_per_day", basis)
    items += _per_day("heating or hot water", one, params, "heating_or_hot_water_per_day", basis)
    items += _per_day("power", power, params, "power_per_day", basis)
    if lighting:
        path = "specific_sums.lighting_only_per_week"
        weekly = params.value(path)
        items.append(
            AwardItem(
                _label(
                    SPECIFIC,
                    f"loss of lighting only, {len(lighting)} days at {format_pounds(weekly)} "
                    "a week, pro rata",
                ),
                to_pennies(for_days(weekly, len(lighting))),
                params[path].clause,
                _worst(basis, params.basis_of(path)),
                SPECIFIC,
            )
        )
    if missed:
        path = "specific_sums.missed_appointment"
        each = params.value(path)
        items.append(
            AwardItem(
                _label(SPECIFIC, f"missed appointments, {missed} at {format_pounds(each)} each"),
                each * missed,
                params[path].clause,
                _worst(basis, params.basis_of(path)),
                SPECIFIC,
            )
        )
    if losses:
        notes.append(
            Note(
                f"Days of loss are counted from "
                f"{params.value('period.from').replace('-', ' ')} where given "
                "(else from the start of the loss) to the day it ended, that day not counted"
                + (f"; only days from {start} count" if applies == "from" else ""),
                params["period.from"].clause,
            )
        )
    return _cap_long_losses(scenario, items, params, notes)


def _cap_long_losses(
    scenario: Scenario, items: list[AwardItem], params: Params, notes: list[Note]
) -> list[AwardItem]:
    """The reading for long losses: the sums per day without limit (as published), or the
    daily sums for amenities capped at the rent for the days counted."""
    path = "specific_sums.long_loss"
    if params.value(path) != "capped-at-rent" or scenario.household.weekly_rent <= 0:
        return items
    capped = []
    for item in items:
        days = _days_in_label(item)
        if days is None:
            capped.append(item)
            continue
        cap = to_pennies(for_days(scenario.household.weekly_rent, days))
        if item.amount > cap:
            notes.append(Note(f"{item.label}: capped at the rent for {days} days", item.clause))
            item = AwardItem(
                f"{item.label}, capped at the rent for the period {format_pounds(cap)}",
                cap,
                item.clause,
                params.basis_of(path),
                SPECIFIC,
            )
        capped.append(item)
    return capped


def _days_in_label(item: AwardItem) -> int | None:
    marker = " days at "
    if marker not in item.label:
        return None
    return int(item.label.split(marker)[0].rsplit(", ", 1)[-1])


def _worst(*bases: str) -> str:
    for basis in ("draft", "assumption"):
        if basis in bases:
            return basis
    return PUBLISHED


def _days_lost(scenario: Scenario, amenity: str, params: Params, earliest: date) -> set[int]:
    """The days ``amenity`` was lost, from ``earliest`` on, as day numbers (``date.toordinal``:
    only how many there are, alone or together, counts)."""
    days: set[int] = set()
    for loss in scenario.amenities_lost:
        if loss.amenity == amenity:
            start, end = _loss_period(scenario, loss, params)
            days.update(range(max(start, earliest).toordinal(), end.toordinal()))
    return days


def _loss_period(scenario: Scenario, loss: AmenityLoss, params: Params) -> tuple[date, date]:
    """From the loss's start (or the repair target, when read so) to its end: its ``to``, else
    the loss end of the failure (``resolved``, else the claim)."""
    end = loss.to if loss.to is not None else scenario.dates.loss_end
    start = loss.from_
    target = scenario.dates.repair_target
    if params.value("period.from") == "repair-target" and target is not None:
        start = max(start, target)
    return start, max(start, end)


def _per_day(label: str, days: set[int], params: Params, name: str, basis: str) -> list[AwardItem]:
    if not days:
        return []
    path = f"specific_sums.{name}"
    rate = params.value(path)
    return [
        AwardItem(
            _label(SPECIFIC, f"loss of {label}, {len(days)} days at {format_pounds(rate)}"),
            rate * len(days),
            params[path].clause,
            _worst(basis, params.basis_of(path)),
            SPECIFIC,
        )
    ]


# ---------------------------------------------------------------- (5) impact


def _impact_items(
    scenario: Scenario, impact: Impact, params: Params, notes: list[Note]
) -> list[AwardItem]:
    """The distress band, scaled by the length of the failure and its severity markers
    (``_scale``); and a complaint-handling failure, in its own band. The scale's parameters
    are read even when there is no distress band, as a decision records the drafts it reads."""
    failure = scenario.failure
    days = _failure_days(scenario, params)
    start = params.value("impact.duration.start")
    cap = params.value("impact.duration.max_years")
    per_year = params.value("impact.duration.per_year")
    used = ["impact.duration.start", "impact.duration.max_years", "impact.duration.per_year"]
    persistent = repeated = complaint_only = None
    if failure.persistent:
        persistent = params.value("impact.severity.persistent")
        used.append("impact.severity.persistent")
    threshold = params.value("impact.severity.repeated_reports")
    if failure.reports >= threshold:
        repeated = params.value("impact.severity.repeated")
        used += ["impact.severity.repeated_reports", "impact.severity.repeated"]
    # only the complaint handling failed: its kind says so and no amenity or room was lost;
    # counted twice (a share of the distress band beside the complaint-handling band) or once
    # (the complaint-handling band alone, scaled like any impact): a reading
    counted = None
    if failure.kind == "complaint-handling" and not scenario.amenities_lost:
        counted = params.value("complaint_handling.only_failure")
        used.append("complaint_handling.only_failure")
        if counted == "once":
            complaint_only = params.value("complaint_handling.only_share")
            used.append("complaint_handling.only_share")
        else:
            complaint_only = params.value("impact.complaint_only")
            used.append("impact.complaint_only")
    items = []
    if counted == "once":
        # the complaint-handling band is the impact: scaled by the length and severity of
        # the failure and by the share counted when it is the only failure
        scale, scaled, note = _scale(
            days, failure.reports, start, per_year, cap, persistent, repeated, complaint_only
        )
        if note is not None:
            notes.append(note)
        return _complaint_handling(scenario, params, notes, scale, scaled, used)
    if impact.rank > 0:
        band = BANDS[impact.rank - 1]
        low_path, high_path = BAND_ENDS[band]
        low = params[low_path]  # its clause cites the band
        high = params.value(high_path)
        position = params.value("bands.position")
        used += [low_path, high_path, "bands.position"]
        # a figure in a band: an assumption, or the user's draft when it rests on one (the
        # band's own parameters, or the reading that chose the band: the impact's basis)
        basis = DRAFT if impact.basis == DRAFT or _drafted(params, used) else ASSUMPTION
        item, note = _remembered(_distress_band, params)(
            days,
            failure.reports,
            start,
            per_year,
            cap,
            persistent,
            repeated,
            complaint_only,
            band,
            low.value,
            high,
            position,
            low.clause,
            basis,
        )
        items.append(item)
        if note is not None:
            notes.append(note)
    items += _complaint_handling(scenario, params, notes)
    return items


def _drafted(params: Params, paths: list[str]) -> bool:
    """Whether any of the parameters at ``paths``, already read, is the user's draft (a
    decision records each draft it reads: ``Params.drafts_used``)."""
    drafts = params.drafts_used
    return bool(drafts) and any(path in drafts for path in paths)


def _remembered(function: Callable[..., Any], params: Params) -> Callable[..., Any]:
    """``function``, pure and remembered by its arguments (``lru_cache``: cases repeat the same
    lengths and figures), or the function itself when the decision has read a draft value of
    the user's (a draft may be -0, which equals the 0 remembered but prints as "-0"). Call it
    with parameters already read: none is a draft unless the decision has recorded one."""
    return function.__wrapped__ if params.drafts_used else function


@lru_cache(maxsize=16384)
def _distress_band(
    days: int,
    reports: int,
    start: Decimal,
    per_year: Decimal,
    max_years: Decimal,
    persistent: Decimal | None,
    repeated: Decimal | None,
    complaint_only: Decimal | None,
    band: str,
    low: Decimal,
    high: Decimal,
    position: Decimal,
    clause: str,
    basis: str,
) -> tuple[AwardItem, Note | None]:
    """The distress band's item, times the scale of the failure (``_scale``), and the note on
    the scale (None: not scaled)."""
    scale, scaled, note = _scale(
        days, reports, start, per_year, max_years, persistent, repeated, complaint_only
    )
    label = "distress and inconvenience"
    return _scaled_band(label, band, low, high, position, scale, scaled, clause, basis), note


DAYS_A_YEAR = Decimal("365.25")


def _scale(
    days: int,
    reports: int,
    start: Decimal,
    per_year: Decimal,
    max_years: Decimal,
    persistent: Decimal | None,
    repeated: Decimal | None,
    complaint_only: Decimal | None,
) -> tuple[Decimal, str, Note | None]:
    """How much the length and severity of the failure multiply the impact: a starting point
    (the scale of a failure with no length) plus a growth per year of failure (up to a number
    of years), times 1 plus each severity marker (the persistent failure's, and the repeated
    reports' when over the threshold; None: not met), times the complaint-only share when the
    failure is only the complaint handling (None: it is not); the words for the label, and the
    note saying why."""
    counted = min(Decimal(days) / DAYS_A_YEAR, max_years)
    scale = start + per_year * counted
    why = []
    if start != 1:
        why.append(f"starting at x{start:.2f}")
    if counted > 0 and per_year > 0:
        why.append(f"{counted:.2f} years of failure at +{per_year * 100:.0f}% a year")
    if persistent is not None:
        scale *= 1 + persistent
        why.append(f"persistent failure +{persistent * 100:.0f}%")
    if repeated is not None:
        scale *= 1 + repeated
        why.append(f"reported {reports} times +{repeated * 100:.0f}%")
    if complaint_only is not None:
        scale *= complaint_only
        why.append(f"only the complaint handling failed: x{complaint_only:.2f}")
    shown, because = f"{scale:.2f}", "; ".join(why)
    scaled = f", x{shown} ({because})" if scale != 1 else ""
    note = Note(f"The impact is scaled by {shown}: {because}", GUIDANCE) if why else None
    return scale, scaled, note


# Each band's parameters: its lower end, and its upper end (the severe band's is its "top").
BAND_ENDS = {
    band: (f"bands.{band}.low", "bands.severe.top" if band == "severe" else f"bands.{band}.high")
    for band in BANDS
}


def _scaled_band(
    label: str,
    band: str,
    low: Decimal,
    high: Decimal,
    position: Decimal,
    scale: Decimal,
    scaled: str,
    clause: str,
    basis: str,
) -> AwardItem:
    """The band from ``low`` to ``high``, its figure at ``position`` in it, all times
    ``scale`` (``scaled`` says so in words); cited by ``clause``. The severe band ("£1,000 and
    over") has a computed upper end (``bands.severe.top``, given as ``high``, scaled the same
    way)."""
    name = LEVEL_NAMES[band]
    if band == "severe":
        high = max(high, low)
        text = f"{name}, {format_pounds(low)} and over (top read as {format_pounds(high)})"
    else:
        text = f"{name}, {format_pounds(low)} to {format_pounds(high)}"
    figure = low + (high - low) * position
    return AwardItem(
        _label(IMPACT, f"{label}: {text}{scaled}"),
        to_pennies(figure * scale),
        clause,
        basis,
        IMPACT,
        low=to_pennies(low * scale),
        high=to_pennies(high * scale),
    )


ONE = Decimal(1)
COMPLAINT_CLAUSE = f"{CODE}; {REMEDIES}"
# A complaint-handling band, unscaled (the same few answers over and over).
_complaint_band = lru_cache(maxsize=256)(_scaled_band)


def _complaint_handling(
    scenario: Scenario,
    params: Params,
    notes: list[Note],
    scale: Decimal = ONE,
    scaled: str = "",
    used: tuple[str, ...] | list[str] = (),
) -> list[AwardItem]:
    """A complaint-handling failure: missed Code timescales, or a claim whose kind is
    complaint handling (counted even without complaint dates), in a band of its own (its
    single figure an assumption), cited by the Code and the remedies guidance. When it is the
    only failure and counted once (``complaint_handling.only_failure``), the band is times
    ``scale`` (``scaled`` says so in words), resting on the parameters at ``used`` too."""
    complaint = scenario.complaint
    missed = (
        [check for check in check_code(complaint) if check.missed] if complaint is not None else []
    )
    if len(missed) > 1:
        key, why = "complaint_handling.band_repeated", f"{len(missed)} of the Code's timescales"
    elif missed:
        key, why = "complaint_handling.band_one_missed", "1 of the Code's timescales"
    elif scenario.failure.kind == "complaint-handling":
        key, why = "complaint_handling.band_kind", "the failure is the complaint handling"
    else:
        return []
    if missed and scenario.failure.kind == "complaint-handling":
        why += " missed; the failure is the complaint handling"
    elif missed:
        why += " missed"
    reading = params[key]
    band = reading.value
    chased, rests_on = _chased(scenario, params)
    if chased is not None and BANDS.index(chased.value) > BANDS.index(band):
        # only the complaint handling failed, and the resident had to chase it: the higher band
        reading, band = chased, chased.value
        why += f"; chased: reported {scenario.failure.reports} times"
    low_path, high_path = BAND_ENDS[band]
    low = params[low_path]
    high = params[high_path]
    position = params["bands.position"]
    basis = _worst(
        ASSUMPTION,
        reading.basis,
        basis_from(position, low, high, *rests_on, *[params[p] for p in used]),
    )
    return [
        _remembered(_complaint_band, params)(
            f"complaint handling ({why})",
            band,
            low.value,
            high.value,
            position.value,
            scale,
            scaled,
            COMPLAINT_CLAUSE,
            basis,
        )
    ]


def _chased(scenario: Scenario, params: Params) -> tuple[Param | None, tuple[Param, ...]]:
    """The band for a failure that is only the complaint handling (kind complaint-handling)
    when the resident had to chase it, reported at least ``complaint_handling.chased_reports``
    times (the remedies guidance weighs the resident's attempts), None when it does not
    apply; and the parameters the complaint-handling item rests on for it (read, so
    recorded, only for a complaint-handling kind)."""
    failure = scenario.failure
    if failure.kind != "complaint-handling":
        return None, ()
    threshold = params["complaint_handling.chased_reports"]
    if failure.reports < threshold.value:
        return None, (threshold,)
    chased = params["complaint_handling.band_chased"]
    return chased, (threshold, chased)


# ---------------------------------------------------------------- vulnerability uplift


def _vulnerability_uplift(
    scenario: Scenario,
    loss_of_use: list[AwardItem],
    impact: list[AwardItem],
    params: Params,
    notes: list[Note],
) -> list[AwardItem]:
    """The highest single uplift of the resident's vulnerabilities, never stacked, on loss of
    use (3) and impact (5) only."""
    vulnerabilities = scenario.household.vulnerabilities
    if not vulnerabilities:
        return []
    uplifts = {v: params[f"vulnerability.uplift.{v}"] for v in vulnerabilities}
    worst = max(vulnerabilities, key=lambda v: uplifts[v].value)
    uplift = uplifts[worst]
    share = uplift.value
    if share <= 0:
        return []
    if len(vulnerabilities) > 1:
        notes.append(
            Note(
                f"Vulnerabilities ({', '.join(vulnerabilities)}): the highest single uplift "
                f"({worst}, {share * 100:.0f}%) applies, not stacked",
                uplift.clause,
            )
        )
    uplifted = _remembered(_uplift_item, params)
    items = []
    for category, parts in ((LOSS_OF_USE, loss_of_use), (IMPACT, impact)):
        base, low, high = _totals(parts)
        if base > 0:
            items.append(
                uplifted(category, worst, share, base, low, high, uplift.clause, uplift.basis)
            )
    return items


@lru_cache(maxsize=16384)
def _uplift_item(
    category: str,
    worst: str,
    share: Decimal,
    base: Decimal,
    low: Decimal,
    high: Decimal | None,
    clause: str,
    basis: str,
) -> AwardItem:
    """``share`` of the items of one category (their amounts ``base``, their range ``low`` to
    ``high``, None: open) for the vulnerability ``worst``. Remembered by its arguments: the
    totals are sums from £0.00 of amounts in pennies, never -0."""
    return AwardItem(
        _label(
            category,
            f"vulnerability uplift ({worst}) {share * 100:.0f}% of {format_pounds(base)}",
        ),
        to_pennies(base * share),
        clause,
        basis,
        category,
        low=to_pennies(low * share),
        high=None if high is None else to_pennies(high * share),
    )


def _totals(items: list[AwardItem]) -> tuple[Decimal, Decimal, Decimal | None]:
    """The items' amounts, lower ends and upper ends added up (an open upper end: None)."""
    amount = low = ZERO
    high: Decimal | None = ZERO
    for item in items:
        amount += item.amount
        low += item.low
        high = None if high is None or item.high is None else high + item.high
    return amount, low, high


# ---------------------------------------------------------------- Right to Repair


def _right_to_repair(scenario: Scenario, params: Params, notes: list[Note]) -> list[AwardItem]:
    """The statutory Right to Repair payment for a secure tenant's qualifying repair done
    late: £10 plus £2 a day, at most £50. Whether a repair qualifies is a reading."""
    target = scenario.dates.repair_target
    if (
        scenario.household.tenure != "secure-tenant"
        or target is None
        or scenario.failure.kind not in CONTINUING_HOME_FAILURES
    ):
        return []
    days = (scenario.dates.loss_end - target).days
    if days <= 0:
        return []
    reading = "right_to_repair.qualifying"
    if not params.value(reading):
        notes.append(
            Note(
                "The repair is not read as a qualifying repair: no Right to Repair payment",
                params[reading].clause,
            )
        )
        return []
    paths = ("right_to_repair.base", "right_to_repair.per_day", "right_to_repair.maximum")
    base, per_day, most = (params.value(p) for p in paths)
    amount = min(base + per_day * days, most)
    return [
        AwardItem(
            _label(
                STATUTORY,
                f"Right to Repair, {days} days late: {format_pounds(base)} + "
                f"{format_pounds(per_day)} a day, at most {format_pounds(most)}",
            ),
            amount,
            params[paths[0]].clause,
            params.basis_of(reading, *paths),
            STATUTORY,
        )
    ]


# ---------------------------------------------------------------- approval, offset, timescales


ORDERED = Approval(
    "Not applicable: the Ombudsman orders the landlord to pay (a reference, not a "
    "landlord's approval route)",
    ORDERS,
)


@hookimpl
def route_approval(scenario: Scenario, award: Award, params: Params) -> Approval:
    return ORDERED


@hookimpl
def apply_offset(scenario: Scenario, award: Award, params: Params) -> Settlement:
    """Nothing the Ombudsman orders is offset against arrears."""
    total = award.total
    if total == 0:
        return Settlement()
    paid = _paid(str(total))
    owed = scenario.account.total_owed
    if owed <= 0:
        return paid
    note = Note(
        f"The resident owes {format_pounds(owed)}; "
        "compensation the Ombudsman orders is not offset against arrears, and "
        "out-of-pocket costs and statutory payments never are",
        ARREARS,
    )
    return Settlement(paid.parts, (note,))


@lru_cache(maxsize=4096)
def _paid(total: str) -> Settlement:
    """The whole award, ``total`` (as printed: remembered by its text, as equal amounts may
    print differently), paid to the resident."""
    part = SettlementPart(
        "Paid to the resident",
        Decimal(total),
        CUSTOMER,
        "payment ordered by the Ombudsman",
        ARREARS,
    )
    return Settlement((part,))


@hookimpl
def complaint_timescales(params: Params) -> tuple[Timescale, ...]:
    """The Complaint Handling Code 2024, which the Ombudsman applies to every landlord."""
    return code_timescales()
