"""Clarion Housing: Customer Compensation and Remedies Policy.

Clauses are cited as "clarion N". Clarion publishes no amounts (6.4, 6.5): the amounts
come from the Housing Ombudsman's guidance, each an assumption parameter. Every number is
in params.toml beside this file. The readings this plugin makes, and where the text is
silent, are listed in this package's README.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path

import attrs

from compsim import hookimpl
from compsim.dates import add_months, add_working_days
from compsim.models import (
    ACCOUNT,
    ASSUMPTION,
    CUSTOMER,
    PUBLISHED,
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
from compsim.params import Params
from compsim.plugins import NOT_PUBLISHED, PolicyInfo

POLICY_ID = "clarion"

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


COMPENSABLE = "clarion 4.2"
EXCLUSIONS = "clarion 4.4"
BAND_CLAUSE = "clarion 6.4, 6.5; Housing Ombudsman remedies guidance"
IMPACT_CLAUSE = "clarion 6.5; Housing Ombudsman remedies guidance"
COSTS = "clarion 1.2, 6.4"
PAYMENT = "clarion 5.1"


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


@attrs.frozen
class Head:
    """One kind of failure 4.2 names, as found in the scenario, and whether it counts."""

    reason: str
    compensable: bool
    clause: str = COMPENSABLE


def compensable_heads(scenario: Scenario, params: Params) -> list[Head]:
    """Every 4.2 kind the scenario shows, each marked compensable or not, with why."""
    heads = [
        *_appointment_heads(scenario, params),
        *_repair_heads(scenario),
        *_amenity_heads(scenario, params),
        *_belongings_heads(scenario, params),
    ]
    if scenario.failure.kind == "charged-service-not-delivered":
        heads.append(
            Head("A charged service was not delivered: a loss of services, which 4.2 counts", True)
        )
    if not heads:
        heads.append(
            Head(
                f"The failure ({scenario.failure.kind}) is none of the kinds 4.2 compensates "
                "(a missed appointment, a repair over target, a loss of amenities or "
                "services, a room lost for more than the repair SLA, damage to belongings): "
                "it pays nothing",
                False,
            )
        )
    return heads


def _appointment_heads(scenario: Scenario, params: Params) -> list[Head]:
    failure = scenario.failure
    if failure.missed_appointments == 0:
        if failure.kind == "missed-appointment":
            return [Head("No appointment was missed (missed_appointments = 0)", False)]
        return []
    threshold = params["appointment.notice_hours"]
    count = _appointments(failure.missed_appointments)
    hours = failure.appointment_notice_hours
    if hours is None:
        return [
            Head(
                f"{count} missed with no notice recorded (read as none): less than "
                f"{threshold.value} hours' notice, compensable",
                True,
                threshold.clause,
            )
        ]
    if hours >= threshold.value:
        return [
            Head(
                f"{count} cancelled with {hours} hours' notice: at least {threshold.value} "
                "hours' notice was given, so nothing is paid for it",
                False,
                threshold.clause,
            )
        ]
    return [
        Head(
            f"{count} cancelled with {hours} hours' notice, less than {threshold.value}: "
            "compensable",
            True,
            threshold.clause,
        )
    ]


def _appointments(count: int) -> str:
    return "One appointment" if count == 1 else f"{count} appointments"


def _repair_heads(scenario: Scenario) -> list[Head]:
    dates, failure = scenario.dates, scenario.failure
    target = dates.repair_target
    if target is None:
        if failure.kind != "repair-delay":
            return []
        if failure.action_plan != "none":
            return [Head("A repair delay, but an action plan was agreed", False)]
        return [
            Head(
                "A repair delay with no target date given: compsim reads the failure kind as "
                "a repair that went over its target time, with no action plan agreed",
                True,
            )
        ]
    end = dates.loss_end
    if end <= target:
        return [Head(f"The repair was within its target ({target}; loss end {end})", False)]
    over = (end - target).days
    if failure.action_plan != "none":
        broken = " (the plan was not kept, but 4.2 asks only whether one was agreed)"
        return [
            Head(
                f"The repair went {over} days over its target ({target}), but an action plan "
                f"was agreed{broken if failure.action_plan == 'agreed-broken' else ''}",
                False,
            )
        ]
    return [
        Head(
            f"The repair went {over} days over its target ({target}; loss end {end}) "
            "with no action plan agreed: compensable",
            True,
        )
    ]


def _amenity_heads(scenario: Scenario, params: Params) -> list[Head]:
    sla = params["rooms.sla_days"]
    heads = []
    for loss in scenario.amenities_lost:
        start, end = loss.from_, _loss_end(scenario, loss)
        heads.append(_amenity_head(loss.amenity, loss.in_use, start, end, sla.value, sla.clause))
    kind = scenario.failure.kind
    if not scenario.amenities_lost and kind == "loss-of-amenity":
        heads.append(
            Head(
                "A loss of amenities or services (the scenario lists none in "
                "amenities_lost): compensable whenever lost",
                True,
            )
        )
    if not scenario.amenities_lost and kind == "loss-of-room":
        start, end = scenario.dates.occurred, scenario.dates.loss_end
        heads.append(_amenity_head("other-room", True, start, end, sla.value, sla.clause))
    return heads


def _amenity_head(
    amenity: str, in_use: bool, start: date, end: date, sla_days: int, clause: str
) -> Head:
    name = amenity.replace("-", " ")
    days = (end - start).days
    if amenity in SERVICES:
        return Head(
            f"Loss of {name} ({start} to {end}): an amenity or service, compensable whenever lost",
            True,
        )
    if not in_use:
        return Head(f"The {name} was not in use, so its use was not lost", False, clause)
    if days > sla_days:
        return Head(
            f"Loss of use of the {name} for {days} calendar days ({start} to {end}), more "
            f"than {sla_days}: compensable",
            True,
            clause,
        )
    return Head(
        f"Loss of use of the {name} for {days} calendar days ({start} to {end}), not more "
        f"than {sla_days}: a room counts only when lost for longer than the repair SLA",
        False,
        clause,
    )


def _loss_end(scenario: Scenario, loss: AmenityLoss) -> date:
    """The amenity's ``to`` date, or the claim date while it is still lost."""
    claimed = scenario.dates.claimed
    return loss.to if loss.to is not None and loss.to <= claimed else claimed


def _belongings_heads(scenario: Scenario, params: Params) -> list[Head]:
    items = scenario.damaged_items
    if not items:
        if scenario.failure.kind in DAMAGE_KINDS:
            return [Head("No damaged items are listed", False)]
        return []
    payable = [item for item in items if _item_refusal(item, params) is None]
    if payable:
        names = ", ".join(item.item for item in payable)
        return [
            Head(
                f"Damage to belongings ({names}) caused by the failure and not reasonably "
                "covered by the claimant's contents insurance: compensable",
                True,
            )
        ]
    return [
        Head(
            "Every damaged item is for the claimant's contents insurance, a floor "
            "covering, or not belongings: no belongings are compensable",
            False,
        )
    ]


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


@hookimpl
def is_excluded(scenario: Scenario, params: Params) -> list[Exclusion]:
    failure, legal = scenario.failure, scenario.legal
    checks = [
        Exclusion(
            f"The failure caused little or no problem to the resident (distress: "
            f"{failure.distress})",
            EXCLUSIONS,
            failure.distress == "none",
            "little or no problem",
        ),
        Exclusion(
            "The claim is for personal injury",
            EXCLUSIONS,
            legal.personal_injury,
            "personal injury",
        ),
        Exclusion(
            "The matter is a public liability insurance claim",
            EXCLUSIONS,
            legal.insurance_claim,
            "insurance claim",
        ),
        _insurance_check(scenario, params),
        Exclusion(
            "Damage caused by circumstances beyond Clarion's control (storms, floods: "
            "extreme weather)",
            EXCLUSIONS,
            failure.cause == "extreme-weather",
            "beyond control",
        ),
        Exclusion(
            "The loss is due to lack of action, neglect, wilful damage or misuse by the "
            "resident, their household or a guest",
            EXCLUSIONS,
            failure.cause == "resident",
            "resident's fault",
        ),
        Exclusion(
            f"The issue is subject to legal proceedings (proceedings: {legal.proceedings}) "
            f"or a disrepair claim (disrepair claim: {'yes' if legal.disrepair_claim else 'no'})",
            EXCLUSIONS,
            legal.proceedings != "none" or legal.disrepair_claim,
            "legal or disrepair",
        ),
        Exclusion(
            "Loss or damage caused by a third party unrelated to Clarion (a utility "
            "company, another resident or a visitor)",
            EXCLUSIONS,
            failure.cause == "third-party",
            "third party",
        ),
        Exclusion(
            "Clarion fulfilled its statutory and contractual obligations, acted reasonably "
            f"and followed its policies (responsibility: {failure.responsibility})",
            EXCLUSIONS,
            failure.responsibility == "none",
            "no failure by Clarion",
        ),
        Exclusion(
            "Clarion's staff or contractors could not gain access to carry out the work",
            EXCLUSIONS,
            failure.access_refused,
            "access refused",
        ),
        _six_month_limit(scenario, params),
    ]
    time_off = [cost for cost in scenario.costs if cost.kind == "time-off-work"]
    if time_off:
        amount = sum((cost.amount for cost in time_off), ZERO)
        checks.append(
            Exclusion(
                f"Loss of earnings for time off work to allow access ({format_pounds(amount)}) "
                "is not paid (an obligation of the tenancy or lease); the rest of the claim "
                "is considered",
                EXCLUSIONS,
                False,
            )
        )
    return checks


def _insurance_check(scenario: Scenario, params: Params) -> Exclusion:
    """Insured items and floor coverings: the whole claim is excluded when they are all it is
    about (no other 4.2 kind counts); otherwise only those items are left out."""
    refused = [item for item in scenario.damaged_items if _item_refusal(item, params)]
    for_insurance = [i for i in refused if i.insured or i.damaged_by in LEAK_FLOOD_OR_FIRE]
    names = ", ".join(item.item for item in for_insurance)
    if not for_insurance:
        return Exclusion(
            "No damaged item is one the claimant could claim on their contents insurance, "
            "and no floor covering is claimed",
            EXCLUSIONS,
            False,
        )
    others = [h for h in compensable_heads(scenario, params) if h.compensable]
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


def _six_month_limit(scenario: Scenario, params: Params) -> Exclusion:
    dates = scenario.dates
    limit_param = params["time_limits.claim_months"]
    months = limit_param.value
    limit = add_months(dates.loss_end, months)
    clause = limit_param.clause
    if dates.claimed <= limit:
        return Exclusion(
            f"Claimed on {dates.claimed}, within {months} months of the loss ending on "
            f"{dates.loss_end} (last day {limit})",
            clause,
            False,
        )
    if scenario.claim.exceptional_circumstances:
        return Exclusion(
            f"Claimed on {dates.claimed}, after the {months}-month limit (last day {limit}, "
            f"from the loss ending on {dates.loss_end}), but exceptional circumstances "
            "prevented an earlier claim",
            clause,
            False,
        )
    return Exclusion(
        f"Claimed on {dates.claimed}, more than {months} months after the loss ended on "
        f"{dates.loss_end} (last day {limit}), and no exceptional circumstances",
        clause,
        True,
        f"claimed after {months} months",
    )


# ---------------------------------------------------------------- impact (6.5)


@hookimpl
def assess_impact(scenario: Scenario, params: Params) -> Impact:
    """Distress read onto the Ombudsman's bands (assumption parameters); a vulnerability
    lifts the band one step (an assumption, 6.5)."""
    distress = scenario.failure.distress
    if distress == "none":
        return Impact(
            LEVEL_NAMES["none"],
            EXCLUSIONS,
            0,
            PUBLISHED,
            (Note("Distress is none: the failure caused little or no problem", EXCLUSIONS),),
        )
    mapping = params[f"impact.distress.{distress}"]
    band = mapping.value
    notes = [
        Note(
            f"Clarion publishes no impact scale; distress {distress} is read onto the "
            f"Ombudsman's band for {BAND_WORDS[band]} ({mapping.basis})",
            mapping.clause,
        )
    ]
    vulnerabilities = scenario.household.vulnerabilities
    lift = params["impact.vulnerability_lifts"]
    if vulnerabilities and lift.value and band != BANDS[-1]:
        band = BANDS[BANDS.index(band) + 1]
        notes.append(
            Note(
                f"Vulnerability ({', '.join(vulnerabilities)}) is considered in assessing the "
                f"impact: the band is lifted one step to {BAND_WORDS[band]} ({lift.basis})",
                lift.clause,
            )
        )
    elif vulnerabilities:
        notes.append(
            Note(
                f"Vulnerability ({', '.join(vulnerabilities)}) is considered, but the band "
                "is not lifted",
                lift.clause,
            )
        )
    return Impact(LEVEL_NAMES[band], IMPACT_CLAUSE, BANDS.index(band) + 1, ASSUMPTION, tuple(notes))


# ---------------------------------------------------------------- award


@hookimpl
def calculate_award(scenario: Scenario, impact: Impact, params: Params) -> Award:
    heads = compensable_heads(scenario, params)
    compensable = any(head.compensable for head in heads)
    notes = [
        Note(f"{'Counts' if h.compensable else 'Does not count'}: {h.reason}", h.clause)
        for h in heads
    ]
    items = [_distress_item(impact, compensable, params, notes)]
    items.extend(_service_items(scenario, params, notes))
    items.extend(_appointment_items(scenario, params))
    items.extend(_belongings_item(item, params) for item in scenario.damaged_items)
    items.extend(_cost_item(cost, compensable) for cost in scenario.costs)
    notes.extend(_silences(scenario))
    return Award(tuple(items), tuple(notes))


def _distress_item(
    impact: Impact, compensable: bool, params: Params, notes: list[Note]
) -> AwardItem:
    label = "Distress and inconvenience"
    if impact.rank == 0:
        return AwardItem(
            f"{label}: not paid, the failure caused little or no problem",
            ZERO,
            EXCLUSIONS,
            PUBLISHED,
            "distress",
        )
    if not compensable:
        return AwardItem(
            f"{label}: not paid, nothing in this claim is of a kind 4.2 compensates",
            ZERO,
            COMPENSABLE,
            PUBLISHED,
            "distress",
        )
    band = BANDS[impact.rank - 1]
    low = params.value(f"bands.{band}.low")
    high_path = f"bands.{band}.high"
    high = params.value(high_path) if high_path in params else None
    figure_param = params[f"bands.{band}.figure"]
    amount = max(figure_param.value, low)
    if high is not None:
        amount = min(amount, high)
    if amount != figure_param.value:
        notes.append(
            Note(
                f"The chosen figure {format_pounds(figure_param.value)} lies outside the band; "
                f"compsim uses {format_pounds(amount)}, the nearest end of the band",
                figure_param.clause,
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
    return AwardItem(
        f"{label}: Ombudsman band for {BAND_WORDS[band]} ({span})",
        to_pennies(amount),
        BAND_CLAUSE,
        ASSUMPTION,
        "distress",
        low=to_pennies(low),
        high=None if high is None else to_pennies(high),
    )


def _days_lost(scenario: Scenario, amenity: Iterable[str], params: Params) -> set[date]:
    """The days of loss a specific sum pays for: from the repair target when given (an
    assumption, ``specific_sums.days_from``), else from the loss start, to the loss end
    (the end day not counted: it is the day the amenity is back)."""
    from_target = params.value("specific_sums.days_from") == "repair_target"
    target = scenario.dates.repair_target
    days: set[date] = set()
    for loss in scenario.amenities_lost:
        if loss.amenity not in amenity:
            continue
        start, end = loss.from_, _loss_end(scenario, loss)
        if from_target and target is not None:
            start = max(start, target)
        days.update(start + timedelta(days=n) for n in range((end - start).days))
    return days


def _service_items(scenario: Scenario, params: Params, notes: list[Note]) -> list[AwardItem]:
    lost = {loss.amenity for loss in scenario.amenities_lost}
    heating = _days_lost(scenario, ("heating",), params)
    hot_water = _days_lost(scenario, ("hot-water",), params)
    power = _days_lost(scenario, ("electricity",), params)
    lighting_only = _days_lost(scenario, ("lighting",), params) - power
    items = []
    if lost & {"heating", "hot-water"}:
        items.append(
            _per_day(
                "Loss of heating and hot water together",
                len(heating & hot_water),
                params,
                "specific_sums.heating_and_hot_water_per_day",
                scenario,
            )
        )
        items.append(
            _per_day(
                "Loss of one of heating or hot water",
                len(heating ^ hot_water),
                params,
                "specific_sums.heating_or_hot_water_per_day",
                scenario,
            )
        )
    if "electricity" in lost:
        items.append(
            _per_day("Loss of power", len(power), params, "specific_sums.power_per_day", scenario)
        )
    if "lighting" in lost:
        items.append(_lighting_only(len(lighting_only), params, scenario))
    if lost & {"heating", "hot-water", "electricity", "lighting"}:
        source = params["specific_sums.days_from"]
        notes.append(
            Note(
                "Days of loss for a specific sum run from "
                + (
                    "the repair target when one is given, else from the loss start,"
                    if source.value == "repair_target"
                    else "the loss start"
                )
                + " to the loss end, the day it is back not counted "
                f"({source.basis}: specific_sums.days_from)",
                source.clause,
            )
        )
    if "electricity" in lost and lost & {"heating", "hot-water"}:
        notes.append(
            Note(
                "The guidance as compsim holds it does not say whether the sum for loss of "
                "power includes heating or hot water lost with it; compsim pays each",
                "Housing Ombudsman compensation guidance",
            )
        )
    if lost & ({"water"} | set(ROOMS)):
        names = ", ".join(sorted(a.replace("-", " ") for a in lost & ({"water"} | set(ROOMS))))
        notes.append(
            Note(
                f"No specific sum is set for the loss of {names}: it is remedied within the "
                "distress and inconvenience band",
                "clarion 6.5; Housing Ombudsman compensation guidance",
            )
        )
    return items


def _per_day(label: str, days: int, params: Params, path: str, scenario: Scenario) -> AwardItem:
    rate = params[path]
    if rate.value == 0:
        return _no_sum_yet(f"{label}: {_days(days)}", rate.clause, scenario)
    return AwardItem(
        f"{label}: {_days(days)} at {format_pounds(rate.value)} a day",
        to_pennies(rate.value * days),
        rate.clause,
        rate.basis,
        "amenity",
    )


def _lighting_only(days: int, params: Params, scenario: Scenario) -> AwardItem:
    rate = params["specific_sums.lighting_only_per_week"]
    label = "Loss of lighting only"
    if rate.value == 0:
        return _no_sum_yet(f"{label}: {_days(days)}", rate.clause, scenario)
    return AwardItem(
        f"{label}: {_days(days)} at {format_pounds(rate.value)} a week, pro rata",
        to_pennies(for_days(rate.value, days)),
        rate.clause,
        rate.basis,
        "amenity",
    )


def _no_sum_yet(
    label: str, clause: str, scenario: Scenario, category: str = "amenity"
) -> AwardItem:
    return AwardItem(
        f"{label}: no Ombudsman specific sum is in force on the claim date "
        f"({scenario.dates.claimed})",
        ZERO,
        clause,
        ASSUMPTION,
        category,
    )


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def _appointment_items(scenario: Scenario, params: Params) -> list[AwardItem]:
    heads = _appointment_heads(scenario, params)
    failure = scenario.failure
    if not heads or failure.missed_appointments == 0:
        return []
    count = failure.missed_appointments
    rate = params["specific_sums.missed_appointment"]
    label = f"Missed appointments: {count}" if count != 1 else "Missed appointment"
    if not heads[0].compensable:
        return [
            AwardItem(
                f"{label}: not paid, cancelled with "
                f"{failure.appointment_notice_hours} hours' notice",
                ZERO,
                heads[0].clause,
                PUBLISHED,
                "appointment",
            )
        ]
    if rate.value == 0:
        return [_no_sum_yet(label, rate.clause, scenario, "appointment")]
    return [
        AwardItem(
            f"{label} at {format_pounds(rate.value)} each",
            to_pennies(rate.value * count),
            rate.clause,
            rate.basis,
            "appointment",
        )
    ]


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


def _cost_item(cost: Cost, compensable: bool) -> AwardItem:
    label = f"Out-of-pocket cost: {cost.kind} {format_pounds(cost.amount)}"
    if cost.kind == "time-off-work":
        return AwardItem(
            f"{label}, not paid: loss of earnings for time off work to allow access",
            ZERO,
            EXCLUSIONS,
            PUBLISHED,
            "costs",
        )
    if not compensable:
        return AwardItem(
            f"{label}, not paid: the failure is none of the kinds 4.2 compensates",
            ZERO,
            COMPENSABLE,
            PUBLISHED,
            "costs",
        )
    if not cost.evidence:
        return AwardItem(
            f"{label}, not paid: not evidenced (Clarion may ask for supporting information)",
            ZERO,
            "clarion 6.4",
            PUBLISHED,
            "costs",
        )
    return AwardItem(f"{label}, reimbursed", to_pennies(cost.amount), COSTS, PUBLISHED, "costs")


def _silences(scenario: Scenario) -> list[Note]:
    """Notes where the policy says nothing about a fact the scenario gives."""
    failure, notes = scenario.failure, []
    if failure.responsibility == "partial":
        notes.append(
            Note(
                "Clarion is partly responsible; the policy gives no reduction for partial "
                "responsibility, so compsim pays the award in full",
                "clarion 4.1, 6.5",
            )
        )
    if failure.extension_explained:
        notes.append(
            Note(
                "The repair time was extended and explained; the policy does not mention "
                "this, only an agreed action plan stops the repair-delay kind",
                COMPENSABLE,
            )
        )
    if failure.persistent or failure.misled:
        notes.append(
            Note(
                "The failure was persistent or the resident was misled; the policy names no "
                "effect, so compsim leaves it to the assessor's distress reading",
                "clarion 6.5",
            )
        )
    if not scenario.claim.evidence_supplied:
        notes.append(
            Note(
                "Supporting information asked for was not supplied; this 'could affect the "
                "outcome', but the policy gives no rule, so compsim makes no reduction",
                "clarion 6.4",
            )
        )
    if scenario.complaint is not None or failure.kind == "complaint-handling":
        notes.append(
            Note(
                "Compensation within the complaints process follows Clarion's separate "
                "complaints policy, which compsim does not hold",
                "clarion 6.7",
            )
        )
    if any(cost.kind in ("repairs", "advocate") for cost in scenario.costs):
        notes.append(
            Note(
                "The policy does not require prior permission for repair or advocate costs; "
                "compsim reimburses them when evidenced",
                COSTS,
            )
        )
    return notes


# ---------------------------------------------------------------- approval (6.8)


@hookimpl
def route_approval(scenario: Scenario, award: Award, params: Params) -> Approval:
    days = params["appeal.working_days"]
    times = params.value("appeal.times")
    notes = [
        Note(
            "The policy names no approver for compensation awards (each case is considered "
            "individually)",
            "clarion 6.4",
        ),
        Note(
            f"Appeal: the resident has {days.value} working days to appeal and may appeal "
            f"{'only once' if times == 1 else f'{times} times'}; the Head of Service or "
            "Director of the Clarion member of staff must approve the appeal",
            days.clause,
        ),
    ]
    offer = scenario.dates.offer_made
    if offer is not None:
        notes.append(
            Note(
                f"Counting from the offer on {offer} (the policy does not say from when), the "
                f"last day to appeal is {add_working_days(offer, days.value)}",
                days.clause,
            )
        )
    return Approval(
        "Not published (the policy names no approver for awards)",
        "clarion 6.4, 6.8",
        senior=False,
        basis=NOT_PUBLISHED,
        notes=tuple(notes),
    )


# ---------------------------------------------------------------- payment (5.1, 6.6)


@hookimpl
def apply_offset(scenario: Scenario, award: Award, params: Params) -> Settlement:
    """5.1: a rent account in arrears with no out-of-pocket expenses takes the whole award;
    otherwise it is paid to the claimant."""
    total = award.total
    if total == 0:
        return Settlement()
    arrears = scenario.account.rent_arrears
    expenses = [c for c in scenario.costs if c.kind != "time-off-work" and c.amount > 0]
    notes = [_payment_note(scenario, params)]
    to_claimant = "payment to an account in the claimant's name"
    if arrears == 0 or expenses:
        why = (
            "the claimant has incurred out-of-pocket expenses "
            f"({', '.join(dict.fromkeys(c.kind for c in expenses))})"
            if expenses
            else "the rent account is up to date or in credit"
        )
        notes.insert(0, Note(f"Paid to the claimant: {why}", PAYMENT))
        part = SettlementPart(
            "Compensation paid to the claimant", total, CUSTOMER, to_claimant, PAYMENT
        )
        return Settlement((part,), tuple(notes))
    credit = min(total, arrears)
    excess = total - credit
    parts = [
        SettlementPart(
            "Paid onto the rent account (in arrears, no out-of-pocket expenses)",
            credit,
            ACCOUNT,
            "credit to the rent account",
            PAYMENT,
        )
    ]
    notes.insert(
        0,
        Note(
            f"The rent account is {format_pounds(arrears)} in arrears and the claimant has no "
            "out-of-pocket expenses: the whole award is paid onto the rent account",
            PAYMENT,
        ),
    )
    if excess > 0:
        parts.append(
            SettlementPart(
                "Award above the rent arrears: a credit balance on the rent account",
                excess,
                CUSTOMER,
                "credit balance on the claimant's rent account",
                PAYMENT,
            )
        )
        notes.append(
            Note(
                f"The award exceeds the arrears by {format_pounds(excess)}; paid onto the rent "
                "account it leaves the account in credit. The policy says nothing more about "
                "it, and compsim cannot credit more than is owed, so it shows that part as the "
                "claimant's money (a credit balance on their rent account)",
                PAYMENT,
            )
        )
    other = scenario.account.service_charge_arrears + scenario.account.other_debts
    if other > 0:
        notes.append(
            Note(
                f"Service charge arrears and other debts ({format_pounds(other)}) are not "
                "offset: 5.1 speaks only of the rent account",
                PAYMENT,
            )
        )
    if not scenario.account.offset_agreed:
        notes.append(
            Note(
                "5.1 does not ask for the claimant's agreement to pay onto the rent account",
                PAYMENT,
            )
        )
    notes.append(Note("Each case will be considered on its own merits", PAYMENT))
    return Settlement(tuple(parts), tuple(notes))


def _payment_note(scenario: Scenario, params: Params) -> Note:
    days = params["payment.days"]
    offer = scenario.dates.offer_made
    when = ""
    if offer is not None:
        when = (
            f"; if the award was confirmed with the offer on {offer}, by "
            f"{offer + timedelta(days=days.value)}"
        )
    return Note(
        f"Compensation is paid within {days.value} days of the date Clarion confirms the "
        f"award{when}",
        days.clause,
    )


# ---------------------------------------------------------------- deadlines (6.2, 6.6, 6.8)


@hookimpl
def deadlines(scenario: Scenario, award: Award, params: Params) -> list[Deadline]:
    """Dated deadlines: the claim window (6.2), payment (6.6) and the appeal window (6.8).
    Payment and appeal run from the date Clarion confirms the award; the scenario has no
    such date, so compsim reads the offer date as it (an assumption, marked on each)."""
    dates = scenario.dates
    months = params["time_limits.claim_months"]
    found = [
        Deadline(
            f"Claim window ({months.value} months after the failure ended)",
            add_months(dates.loss_end, months.value),
            months.clause,
        )
    ]
    if dates.offer_made is not None:
        appeal = params["appeal.working_days"]
        found.append(
            Deadline(
                f"Appeal window ({appeal.value} working days, read as from the offer)",
                add_working_days(dates.offer_made, appeal.value),
                appeal.clause,
                ASSUMPTION,
            )
        )
        if award.total > 0:
            days = params["payment.days"]
            found.append(
                Deadline(
                    f"Payment due ({days.value} days after the award is confirmed, read as "
                    "the offer date)",
                    dates.offer_made + timedelta(days=days.value),
                    days.clause,
                    ASSUMPTION,
                )
            )
    return found
