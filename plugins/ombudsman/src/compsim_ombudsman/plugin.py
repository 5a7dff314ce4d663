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

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from compsim import hookimpl
from compsim.complaints import check_code, code_timescales
from compsim.dates import add_months
from compsim.models import (
    CUSTOMER,
    PUBLISHED,
    AmenityLoss,
    Approval,
    Award,
    AwardItem,
    Exclusion,
    Impact,
    Note,
    Scenario,
    Settlement,
    SettlementPart,
    Timescale,
)
from compsim.money import ZERO, for_days, format_pounds, to_pennies
from compsim.params import Params
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
    in_court = legal.proceedings in ("started", "court-ordered")
    raised, start, limit = _time_limit(scenario, params)
    return [
        Exclusion(
            f"Legal proceedings: a claim form has been filed (proceedings: "
            f"{legal.proceedings}): a matter for the courts",
            f"{SCHEME}; {CODE} 2.3",
            in_court,
            "legal proceedings",
        ),
        Exclusion(
            "The claim is for personal injury: a matter for the courts or insurers",
            SCHEME,
            legal.personal_injury,
            "personal injury",
        ),
        Exclusion(
            f"Raised on {raised}, more than 12 months after the issue or the resident's "
            f"awareness of it ({start}; the limit was {limit})",
            f"{CODE} 2.2-2.3",
            raised > limit,
            "over 12 months",
        ),
    ]


def _time_limit(scenario: Scenario, params: Params) -> tuple[date, date, date]:
    """When the matter was raised (the complaint, else the claim), the later of the issue
    (a one-off on its date, a continuing failure at its end) and the resident's awareness,
    and that date plus the Code's months."""
    raised = scenario.complaint.received if scenario.complaint else scenario.dates.claimed
    start = max(scenario.incurred, scenario.dates.aware)
    return raised, start, add_months(start, params.value("jurisdiction.months"))


# ---------------------------------------------------------------- impact


@hookimpl
def assess_impact(scenario: Scenario, params: Params) -> Impact:
    """Distress read onto the remedies bands (assumption parameters). No distress: no band.
    The length of the failure and its severity markers scale the award, not the band."""
    distress = scenario.failure.distress
    if distress == "none":
        note = Note("No distress or inconvenience: no band award", REMEDIES)
        return Impact(LEVEL_NAMES["none"], REMEDIES, 0, PUBLISHED, (note,))
    path = f"impact.distress.{distress}"
    band = params.value(path)
    notes = (Note(f"Distress {distress} read as: {LEVEL_NAMES[band]}", params[path].clause),)
    return Impact(LEVEL_NAMES[band], REMEDIES, BANDS.index(band) + 1, params.basis_of(path), notes)


# ---------------------------------------------------------------- the award


@hookimpl
def calculate_award(scenario: Scenario, impact: Impact, params: Params) -> Award:
    notes: list[Note] = []
    if scenario.failure.responsibility == "none":
        notes.append(
            Note(
                "The landlord bears no responsibility for the failure: no maladministration, "
                "so nothing is ordered",
                REMEDIES,
            )
        )
        return Award((), tuple(notes))
    if scenario.failure.responsibility == "partial":
        notes.append(
            Note(
                "The guidance gives no rule for a failure only partly the landlord's: "
                "compsim applies its figures in full (the guidance is silent)",
                REMEDIES,
            )
        )
    items: list[AwardItem] = []
    items.extend(_costs(scenario, params))  # (1) and (2)
    loss_of_use = _loss_of_use(scenario, params, notes)  # (3)
    items.extend(loss_of_use)
    items.extend(_specific_sums(scenario, params, notes))  # (4)
    impact_items = _impact_items(scenario, impact, params, notes)  # (5)
    items.extend(impact_items)
    items.extend(_vulnerability_uplift(scenario, loss_of_use, impact_items, params, notes))
    items.extend(_right_to_repair(scenario, params, notes))
    if scenario.damaged_items:
        notes.append(
            Note(
                "Damaged belongings: the guidance counts them as quantifiable loss, but their "
                "valuation is a matter for insurance (the Ombudsman's insurance guidance); "
                "compsim values none, and the audit leaves belongings out of the comparison",
                GUIDANCE,
            )
        )
    if scenario.decant is not None:
        notes.append(
            Note(
                "Statutory home loss and disturbance payments are not the Ombudsman's to "
                "order: compsim computes none, and the audit leaves them out of the comparison",
                REMEDIES,
            )
        )
    return Award(tuple(items), tuple(notes))


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
    share_path = "unquantifiable.share"
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
        share = params.value(share_path)
        why = "not evidenced" if agreed else "works the landlord did not agree to pay for"
        items.append(
            AwardItem(
                _label(UNQUANTIFIABLE, f"cost {what} {why}, at {share * 100:.0f}% of its amount"),
                to_pennies(cost.amount * share),
                params[share_path].clause,
                params.basis_of(share_path),
                UNQUANTIFIABLE,
            )
        )
    return items


# ---------------------------------------------------------------- (3) loss of use


def _loss_of_use(scenario: Scenario, params: Params, notes: list[Note]) -> list[AwardItem]:
    """A share of the rent for the period of the failure: each lost room (and each amenity
    the specific sums do not cover) at its share; a continuing failure of the home with no
    room listed at a share by how badly it was felt (the distress)."""
    rent = scenario.household.weekly_rent
    if rent <= 0:
        if scenario.amenities_lost or scenario.failure.kind in CONTINUING_HOME_FAILURES:
            notes.append(Note("No weekly rent given: no loss of use is computed", GUIDANCE))
        return []
    lost = {loss.amenity for loss in scenario.amenities_lost}
    specific = (
        bool(lost & set(SPECIFIC_AMENITIES)) and _specific_in_force(scenario, params) != "none"
    )
    low_path, high_path = "loss_of_use.range_low", "loss_of_use.range_high"
    items = []
    for loss in scenario.amenities_lost:
        if loss.amenity in SPECIFIC_AMENITIES and specific:
            continue  # (4) covers it
        if loss.amenity in ("bedroom", "other-room") and not loss.in_use:
            continue
        path = f"loss_of_use.share.{loss.amenity}"
        share = params.value(path) * loss.count
        start, end = _loss_period(scenario, loss, params)
        days = (end - start).days
        if days <= 0 or share <= 0:
            continue
        items.append(
            _rent_share_item(
                f"{loss.amenity}{f' x{loss.count}' if loss.count > 1 else ''}",
                share,
                days,
                rent,
                params,
                (path, low_path, high_path),
                home=False,
            )
        )
    listed = bool(scenario.amenities_lost)
    distress = scenario.failure.distress
    home = scenario.failure.kind in CONTINUING_HOME_FAILURES and distress != "none"
    if not items and not listed and home:
        path = f"loss_of_use.home_share.{distress}"
        share = params.value(path)
        days = _failure_days(scenario, params)
        if share > 0 and days > 0:
            items.append(
                _rent_share_item(
                    f"the home (no room listed; {distress} distress)",
                    share,
                    days,
                    rent,
                    params,
                    (path, low_path, high_path),
                    home=True,
                )
            )
    return items


TAPER = ("loss_of_use.full_weeks", "loss_of_use.later_share")
TAPER_SWITCH = "loss_of_use.taper_applies_to"


def _rent_share_item(
    what: str,
    share: Decimal,
    days: int,
    rent: Decimal,
    params: Params,
    paths: tuple[str, ...],
    home: bool,
) -> AwardItem:
    """The share of the rent for the days. For a long failure of the home (and of a room or
    amenity too, on the reading ``loss_of_use.taper_applies_to = "all"``), the days after the
    first ``loss_of_use.full_weeks`` weeks count at ``loss_of_use.later_share`` of the share
    (the orders for long failures do not grow in proportion to their length)."""
    text = f"{what}, {days} days at {share * 100:.0f}% of {format_pounds(rent)} a week"
    exact = for_days(rent, days) * share
    full_days = params.value("loss_of_use.full_weeks") * 7
    taper = days > full_days and (home or params.value(TAPER_SWITCH) == "all")
    if days > full_days and not home:
        paths = (*paths, TAPER_SWITCH)  # the item rests on the reading either way
    if taper:
        later, later_share = days - full_days, params.value("loss_of_use.later_share")
        exact = for_days(rent, full_days) * share + for_days(rent, later) * share * later_share
        text += (
            f", the {later} days after the first {full_days // 7} weeks at "
            f"{later_share * 100:.0f}% of that share"
        )
        paths = (*paths, *TAPER)
    low, high = params.value("loss_of_use.range_low"), params.value("loss_of_use.range_high")
    return AwardItem(
        _label(LOSS_OF_USE, text),
        to_pennies(exact),
        params[paths[0]].clause,
        params.basis_of(*paths),
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
    losses = [loss for loss in scenario.amenities_lost if loss.amenity in SPECIFIC_AMENITIES]
    missed = scenario.failure.missed_appointments
    if not (losses or missed):
        return []
    applies = _specific_in_force(scenario, params)
    start = params.value("specific_sums.from")
    reading = params.value("specific_sums.applies_by")
    basis = params.basis_of("specific_sums.applies_by")
    clause = params["specific_sums.applies_by"].clause
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
        amenity: {d for d in _days_lost(scenario, (amenity,), params) if d >= earliest}
        for amenity in SPECIFIC_AMENITIES
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


def _days_lost(scenario: Scenario, amenities: Iterable[str], params: Params) -> set[date]:
    days: set[date] = set()
    for loss in scenario.amenities_lost:
        if loss.amenity in amenities:
            start, end = _loss_period(scenario, loss, params)
            days |= {start + timedelta(days=n) for n in range((end - start).days)}
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


def _per_day(label: str, days: set[date], params: Params, name: str, basis: str) -> list[AwardItem]:
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
    """The distress band, scaled by the length of the failure and its severity markers; and a
    complaint-handling failure, in its own band."""
    items = []
    scale, paths, why = _impact_scale(scenario, params)
    if impact.rank > 0:
        band = BANDS[impact.rank - 1]
        items.append(_band_item("distress and inconvenience", band, params, scale, paths, why))
        if why:
            notes.append(Note(f"The impact is scaled by {scale:.2f}: {why}", GUIDANCE))
    items.extend(_complaint_handling(scenario, params, notes))
    return items


def _impact_scale(scenario: Scenario, params: Params) -> tuple[Decimal, tuple[str, ...], str]:
    """How much the length and severity of the failure multiply the impact: a starting point
    (a failure with no length) plus a growth per year of failure (up to a number of years),
    times 1 plus each severity marker; a failure that is only the complaint handling takes a
    share of it."""
    failure = scenario.failure
    years = Decimal(_failure_days(scenario, params)) / Decimal("365.25")
    cap = params.value("impact.duration.max_years")
    counted = min(years, cap)
    per_year = params.value("impact.duration.per_year")
    start = params.value("impact.duration.start")
    scale = start + per_year * counted
    paths = ["impact.duration.start", "impact.duration.per_year", "impact.duration.max_years"]
    why = []
    if start != 1:
        why.append(f"starting at x{start:.2f}")
    if counted > 0 and per_year > 0:
        why.append(f"{counted:.2f} years of failure at +{per_year * 100:.0f}% a year")
    if failure.persistent:
        factor = params.value("impact.severity.persistent")
        scale *= 1 + factor
        paths.append("impact.severity.persistent")
        why.append(f"persistent failure +{factor * 100:.0f}%")
    threshold = params.value("impact.severity.repeated_reports")
    if failure.reports >= threshold:
        factor = params.value("impact.severity.repeated")
        scale *= 1 + factor
        paths += ["impact.severity.repeated_reports", "impact.severity.repeated"]
        why.append(f"reported {failure.reports} times +{factor * 100:.0f}%")
    if _complaint_only(scenario):
        factor = params.value("impact.complaint_only")
        scale *= factor
        paths.append("impact.complaint_only")
        why.append(f"only the complaint handling failed: x{factor:.2f}")
    return scale, tuple(paths), "; ".join(why)


def _complaint_only(scenario: Scenario) -> bool:
    """A failure that is only the complaint handling: its kind says so and no amenity or
    room was lost."""
    return scenario.failure.kind == "complaint-handling" and not scenario.amenities_lost


def _band_item(
    label: str,
    band: str,
    params: Params,
    scale: Decimal = Decimal(1),
    paths: tuple[str, ...] = (),
    why: str = "",
) -> AwardItem:
    """A band as a range, scaled; its single figure an assumption. The severe band ("£1,000
    and over") has a computed upper end (``bands.severe.top``, scaled the same way)."""
    low = params.value(f"bands.{band}.low")
    name = LEVEL_NAMES[band]
    if band == "severe":
        high = max(params.value("bands.severe.top"), low)
        band_paths = ("bands.position", "bands.severe.top", f"bands.{band}.low")
        text = f"{name}, {format_pounds(low)} and over (top read as {format_pounds(high)})"
    else:
        high = params.value(f"bands.{band}.high")
        band_paths = ("bands.position", f"bands.{band}.low", f"bands.{band}.high")
        text = f"{name}, {format_pounds(low)} to {format_pounds(high)}"
    figure = low + (high - low) * params.value("bands.position")
    if scale != 1:
        text += f", x{scale:.2f} ({why})"
    return AwardItem(
        _label(IMPACT, f"{label}: {text}"),
        to_pennies(figure * scale),
        params[f"bands.{band}.low"].clause,
        _worst("assumption", params.basis_of(*band_paths, *paths)),
        IMPACT,
        low=to_pennies(low * scale),
        high=to_pennies(high * scale),
    )


def _complaint_handling(scenario: Scenario, params: Params, notes: list[Note]) -> list[AwardItem]:
    """A complaint-handling failure: missed Code timescales, or a claim whose kind is
    complaint handling (counted even without complaint dates), in a band of its own."""
    missed = [check for check in check_code(scenario.complaint) if check.missed]
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
    band = params.value(key)
    item = _band_item(f"complaint handling ({why})", band, params)
    return [
        AwardItem(
            item.label,
            item.amount,
            f"{CODE}; {REMEDIES}",
            _worst(item.basis, params.basis_of(key)),
            IMPACT,
            low=item.low,
            high=item.high,
        )
    ]


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
    paths = {v: f"vulnerability.uplift.{v}" for v in vulnerabilities}
    worst = max(vulnerabilities, key=lambda v: params.value(paths[v]))
    share = params.value(paths[worst])
    if share <= 0:
        return []
    if len(vulnerabilities) > 1:
        notes.append(
            Note(
                f"Vulnerabilities ({', '.join(vulnerabilities)}): the highest single uplift "
                f"({worst}, {share * 100:.0f}%) applies, not stacked",
                params[paths[worst]].clause,
            )
        )
    items = []
    for category, parts in ((LOSS_OF_USE, loss_of_use), (IMPACT, impact)):
        base = sum((i.amount for i in parts), ZERO)
        if base <= 0:
            continue
        high = None if any(i.high is None for i in parts) else sum((i.high for i in parts), ZERO)
        items.append(
            AwardItem(
                _label(
                    category,
                    f"vulnerability uplift ({worst}) {share * 100:.0f}% of {format_pounds(base)}",
                ),
                to_pennies(base * share),
                params[paths[worst]].clause,
                params.basis_of(paths[worst]),
                category,
                low=to_pennies(sum((i.low for i in parts), ZERO) * share),
                high=None if high is None else to_pennies(high * share),
            )
        )
    return items


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


@hookimpl
def route_approval(scenario: Scenario, award: Award, params: Params) -> Approval:
    return Approval(
        "Not applicable: the Ombudsman orders the landlord to pay (a reference, not a "
        "landlord's approval route)",
        ORDERS,
    )


@hookimpl
def apply_offset(scenario: Scenario, award: Award, params: Params) -> Settlement:
    """Nothing the Ombudsman orders is offset against arrears."""
    if award.total == 0:
        return Settlement()
    part = SettlementPart(
        "Paid to the resident", award.total, CUSTOMER, "payment ordered by the Ombudsman", ARREARS
    )
    notes = ()
    if scenario.account.total_owed > 0:
        notes = (
            Note(
                f"The resident owes {format_pounds(scenario.account.total_owed)}; "
                "compensation the Ombudsman orders is not offset against arrears, and "
                "out-of-pocket costs and statutory payments never are",
                ARREARS,
            ),
        )
    return Settlement((part,), notes)


@hookimpl
def complaint_timescales(params: Params) -> tuple[Timescale, ...]:
    """The Complaint Handling Code 2024, which the Ombudsman applies to every landlord."""
    return code_timescales()
