"""The Housing Ombudsman's guidance as a reference policy: what the Ombudsman would order.

Not a landlord. The Ombudsman's orders follow its own guidance, not the landlord's policy:
its remedies bands for distress and inconvenience at all dates; from 1 April 2026 its
compensation guidance's specific sums on top; evidenced out-of-pocket costs; nothing offset
against arrears. Every number is in params.toml beside this file, with its source.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path

from compsim import hookimpl
from compsim.complaints import check_code, code_timescales
from compsim.models import (
    ASSUMPTION,
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

SCHEME = "HO Scheme 42"
ORDERS = "HO Scheme"


@hookimpl
def policy_info() -> PolicyInfo:
    return PolicyInfo(
        id=POLICY_ID,
        landlord="Housing Ombudsman",
        documents=(
            "Guidance on remedies (revised April 2024)",
            "Compensation guidance (specific sums from 1 April 2026)",
            "Complaint Handling Code 2024",
        ),
        version="remedies guidance April 2024; compensation guidance 1 April 2026",
        params_file=Path(__file__).with_name("params.toml"),
        reference=True,
    )


@hookimpl
def is_excluded(scenario: Scenario, params: Params) -> list[Exclusion]:
    legal = scenario.legal
    in_court = legal.proceedings in ("started", "court-ordered")
    return [
        Exclusion(
            f"Court proceedings have started (proceedings: {legal.proceedings}): a matter for "
            "the courts",
            SCHEME,
            in_court,
            "court proceedings",
        ),
        Exclusion(
            "The claim is for personal injury: a matter for the courts or insurers",
            SCHEME,
            legal.personal_injury,
            "personal injury",
        ),
    ]


@hookimpl
def assess_impact(scenario: Scenario, params: Params) -> Impact:
    """Distress read onto the remedies bands (assumption parameters); a vulnerability lifts
    the band one step (an assumption). No distress: no band."""
    distress = scenario.failure.distress
    if distress == "none":
        note = Note("No distress or inconvenience: no band award", REMEDIES)
        return Impact(LEVEL_NAMES["none"], REMEDIES, 0, PUBLISHED, (note,))
    mapping = params[f"impact.distress.{distress}"]
    band = mapping.value
    notes = [Note(f"Distress {distress} read as: {LEVEL_NAMES[band]}", mapping.clause)]
    lift = params["impact.vulnerability_lifts"]
    vulnerabilities = scenario.household.vulnerabilities
    if vulnerabilities and lift.value and band != BANDS[-1]:
        band = BANDS[BANDS.index(band) + 1]
        notes.append(
            Note(
                f"Vulnerability ({', '.join(vulnerabilities)}) lifts the band one step to: "
                f"{LEVEL_NAMES[band]}",
                lift.clause,
            )
        )
    return Impact(LEVEL_NAMES[band], REMEDIES, BANDS.index(band) + 1, ASSUMPTION, tuple(notes))


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
    if impact.rank > 0:
        items.append(_band_item("Distress and inconvenience", BANDS[impact.rank - 1], params))
    items.extend(_complaint_handling(scenario, params, notes))
    items.extend(_specific_sums(scenario, params, notes))
    items.extend(_costs(scenario))
    if scenario.damaged_items:
        notes.append(
            Note(
                "The guidance sets no sum for damaged belongings (a matter for insurance "
                "under the Ombudsman's insurance guidance): compsim values none",
                REMEDIES,
            )
        )
    if scenario.decant is not None:
        notes.append(
            Note(
                "Statutory home loss and disturbance payments are not the Ombudsman's to "
                "order: compsim computes none",
                REMEDIES,
            )
        )
    return Award(tuple(items), tuple(notes))


def _band_item(label: str, band: str, params: Params) -> AwardItem:
    """A band as a range, with its single figure an assumption; the severe band is open."""
    low = params[f"bands.{band}.low"]
    name = LEVEL_NAMES[band]
    if band == "severe":
        figure = max(params.value("bands.severe_figure"), low.value)
        return AwardItem(
            f"{label}: {name}, {format_pounds(low.value)} and over",
            figure,
            low.clause,
            ASSUMPTION,
            "distress",
            low=low.value,
            high=None,
        )
    high = params.value(f"bands.{band}.high")
    position = params.value("bands.position")
    figure = to_pennies(low.value + (high - low.value) * position)
    return AwardItem(
        f"{label}: {name}, {format_pounds(low.value)} to {format_pounds(high)}",
        figure,
        low.clause,
        ASSUMPTION,
        "distress",
        low=low.value,
        high=high,
    )


def _complaint_handling(scenario: Scenario, params: Params, notes: list[Note]) -> list[AwardItem]:
    """Missed Complaint Handling Code timescales: a complaint-handling failure, in a band."""
    missed = [check for check in check_code(scenario.complaint) if check.missed]
    if not missed:
        return []

    if scenario.failure.kind == "complaint-handling":
        notes.append(Note("The complaint handling is the failure assessed above", REMEDIES))
        return []
    key = (
        "complaint_handling.band_repeated"
        if len(missed) > 1
        else ("complaint_handling.band_one_missed")
    )
    count = f"{len(missed)} of the Code's timescales missed"
    return [_band_item(f"Complaint handling ({count})", params.value(key), params)]


def _specific_sums(scenario: Scenario, params: Params, notes: list[Note]) -> list[AwardItem]:
    in_force = params["specific_sums.in_force"]
    losses = [loss for loss in scenario.amenities_lost if loss.amenity in SPECIFIC_AMENITIES]
    missed = scenario.failure.missed_appointments
    if not in_force.value:
        if losses or missed:
            notes.append(
                Note(
                    f"The specific sums apply to claims from 1 April 2026; this claim is dated "
                    f"{scenario.dates.claimed}, so none is due",
                    in_force.clause,
                )
            )
        return []
    items = []
    heating = _days_lost(scenario, ("heating",), params)
    hot_water = _days_lost(scenario, ("hot-water",), params)
    power = _days_lost(scenario, ("electricity",), params)
    lighting = _days_lost(scenario, ("lighting",), params) - power
    both = heating & hot_water
    one = (heating | hot_water) - both
    items += _per_day(
        "Loss of heating and hot water", both, params, "specific_sums.heating_and_hot_water_per_day"
    )
    items += _per_day(
        "Loss of heating or hot water", one, params, "specific_sums.heating_or_hot_water_per_day"
    )
    items += _per_day("Loss of power", power, params, "specific_sums.power_per_day")
    if lighting:
        weekly = params["specific_sums.lighting_only_per_week"]
        amount = to_pennies(for_days(weekly.value, len(lighting)))
        items.append(
            AwardItem(
                f"Loss of lighting only: {len(lighting)} days at "
                f"{format_pounds(weekly.value)} a week, pro rata",
                amount,
                weekly.clause,
                PUBLISHED,
                "amenity",
            )
        )
    if missed:
        each = params["specific_sums.missed_appointment"]
        items.append(
            AwardItem(
                f"Missed appointments: {missed} at {format_pounds(each.value)}",
                each.value * missed,
                each.clause,
                PUBLISHED,
                "appointment",
            )
        )
    if losses:
        start = params["specific_sums.days_from"]
        notes.append(
            Note(
                f"Days of loss are counted from {start.value.replace('-', ' ')} "
                "where given (else from the start of the loss) to the day it ended, "
                "that day not counted",
                start.clause,
            )
        )
    return items


SPECIFIC_AMENITIES = ("heating", "hot-water", "electricity", "lighting")


def _days_lost(scenario: Scenario, amenities: Iterable[str], params: Params) -> set[date]:
    days: set[date] = set()
    for loss in scenario.amenities_lost:
        if loss.amenity in amenities:
            start, end = _loss_period(scenario, loss, params)
            days |= {start + timedelta(days=n) for n in range((end - start).days)}
    return days


def _loss_period(scenario: Scenario, loss: AmenityLoss, params: Params) -> tuple[date, date]:
    claimed = scenario.dates.claimed
    end = loss.to if loss.to is not None and loss.to <= claimed else claimed
    start = loss.from_
    target = scenario.dates.repair_target
    if params.value("specific_sums.days_from") == "repair-target" and target is not None:
        start = max(start, target)
    return start, max(start, end)


def _per_day(label: str, days: set[date], params: Params, path: str) -> list[AwardItem]:
    if not days:
        return []
    rate = params[path]
    amount = rate.value * len(days)
    return [
        AwardItem(
            f"{label}: {len(days)} days at {format_pounds(rate.value)}",
            amount,
            rate.clause,
            PUBLISHED,
            "amenity",
        )
    ]


def _costs(scenario: Scenario) -> list[AwardItem]:
    items = []
    for cost in scenario.costs:
        label = f"Out-of-pocket cost: {cost.kind} {format_pounds(cost.amount)}"
        if cost.evidence:
            items.append(
                AwardItem(f"{label}, reimbursed", cost.amount, REMEDIES, PUBLISHED, "costs")
            )
        else:
            items.append(
                AwardItem(
                    f"{label}, not reimbursed: not evidenced", ZERO, REMEDIES, PUBLISHED, "costs"
                )
            )
    return items


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
                "out-of-pocket costs never are",
                ARREARS,
            ),
        )
    return Settlement((part,), notes)


@hookimpl
def complaint_timescales(params: Params) -> tuple[Timescale, ...]:
    """The Complaint Handling Code 2024, which the Ombudsman applies to every landlord."""
    return code_timescales()
