"""Population specs: a synthetic year of cases, drawn from stated distributions.

A spec is a TOML file (``examples/population.toml`` is a worked one; every key is described
in docs/caseloads.md). Case ``i`` is drawn from its own random stream, seeded by
``(seed, i)``, so the same seed gives the same cases whatever the number of workers, the
chunk size or the executor.

Generated cases are valid by construction (a test writes a sample out as scenario data and
reads it back through the loader), so they are built straight into Scenario objects without
the loader's per-field checks: a million cases would otherwise spend more time being checked
than decided.
"""

from __future__ import annotations

import bisect
import itertools
import math
import random
import tomllib
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from compsim.dates import add_months
from compsim.errors import CompsimError
from compsim.models import (
    AMENITIES,
    COST_KINDS,
    DATE_MAX,
    DISTRESS_LEVELS,
    FAILURE_KINDS,
    VULNERABILITIES,
    Account,
    AmenityLoss,
    Cost,
    DamagedItem,
    Dates,
    Failure,
    Household,
    Scenario,
)
from compsim.money import has_at_most_two_places

MAX_CASES = 100_000_000
ROOMS = ("kitchen", "bathroom", "living-room", "bedroom")
SERVICES = ("heating", "hot-water", "electricity", "water")


@attrs.frozen
class Range:
    low: Decimal
    high: Decimal


@attrs.frozen
class Chance:
    """Something that happens with a probability, with an amount drawn from a range."""

    probability: float
    amounts: Range | None = None
    flag: float = 0.0  # a second probability (evidence kept, item insured …)


@attrs.frozen
class Duration:
    distribution: str  # "lognormal" or "uniform"
    median: float
    sigma: float
    low: int
    high: int


@attrs.frozen
class PopulationSpec:
    source: str
    cases: int
    seed: int
    start: date
    days: int
    kinds: tuple[tuple[str, float], ...]
    duration: Duration
    weekly_rent: Range
    distress: tuple[tuple[str, float], ...]
    reports: tuple[tuple[int, float], ...]
    vulnerabilities: tuple[tuple[str, float], ...]
    persistent: float
    arrears: Chance
    costs: Chance
    damaged_items: Chance
    late_claims: Chance  # amounts: months after the loss end
    repair_target_days: int
    rooms: tuple[tuple[str, float], ...]
    services: tuple[tuple[str, float], ...]

    def with_cases(self, cases: int) -> PopulationSpec:
        return attrs.evolve(self, cases=cases)


# ---------------------------------------------------------------- reading a spec

KEYS = {
    "cases",
    "seed",
    "start",
    "days",
    "kinds",
    "duration_days",
    "weekly_rent",
    "distress",
    "reports",
    "vulnerabilities",
    "persistent",
    "arrears",
    "costs",
    "damaged_items",
    "late_claims",
    "repair_target_days",
    "rooms",
    "services",
    "description",
}


MAX_WEIGHT = 1_000_000  # weights are relative: no spec needs more, and their sum stays finite


def _numbers(table: dict[str, Any], prefix: str = ""):
    """Every float or Decimal in a TOML table, with its dotted key."""
    for key, value in table.items():
        if isinstance(value, dict):
            yield from _numbers(value, f"{prefix}{key}.")
        elif isinstance(value, float | Decimal):
            yield f"{prefix}{key}", value


class _Spec:
    """Reads a spec's TOML data, each error naming the file and the key."""

    def __init__(self, data: dict[str, Any], source: str) -> None:
        self.data = data
        self.source = source
        for key, value in _numbers(data):
            if not Decimal(value).is_finite():  # TOML reads nan, inf (and 1e400 as inf)
                raise self.fail(key, "a finite number", value)

    def fail(self, key: str, expected: str, got: Any = None) -> CompsimError:
        shown = "" if got is None else f", got {str(got)[:60]!r}"
        return CompsimError(f"{self.source}: {key}: expected {expected}{shown}")

    def integer(self, key: str, low: int, high: int, default: int | None = None) -> int:
        value = self.data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.fail(key, f"a whole number from {low:,} to {high:,}", value)
        return value

    def probability(self, table: dict[str, Any], key: str, where: str, default=0.0) -> float:
        value = table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            raise self.fail(f"{where}.{key}", "a probability from 0 to 1", value)
        if not 0 <= value <= 1:
            raise self.fail(f"{where}.{key}", "a probability from 0 to 1", value)
        return float(value)

    def money_range(self, table: dict[str, Any], where: str, default=None) -> Range:
        low, high = table.get("min", default), table.get("max", default)
        for key, value in (("min", low), ("max", high)):
            ok = isinstance(value, int | Decimal) and not isinstance(value, bool)
            if (
                not ok
                or value < 0
                or value > 1_000_000
                or not has_at_most_two_places(Decimal(value))
            ):
                raise self.fail(f"{where}.{key}", "an amount in pounds from 0 to 1,000,000", value)
        if high < low:
            raise self.fail(f"{where}.max", f"an amount at least min ({low})", high)
        return Range(Decimal(low), Decimal(high))

    def table(self, key: str, allowed: set[str]) -> dict[str, Any]:
        table = self.data.get(key, {})
        if not isinstance(table, dict):
            raise self.fail(key, "a table")
        unknown = set(table) - allowed
        if unknown:
            raise self.fail(
                f"{key}.{sorted(unknown)[0]}", f"one of: {', '.join(sorted(allowed))}", None
            )
        return table

    def weights(self, key: str, choices: tuple[str, ...], default: dict[str, float]):
        table = self.data.get(key, default)
        if not isinstance(table, dict) or not table:
            raise self.fail(key, "a table of choice = weight")
        pairs = []
        for name, weight in table.items():
            if name not in choices:
                raise self.fail(f"{key}.{name}", f"a choice among: {_listed(choices)}")
            if isinstance(weight, bool) or not isinstance(weight, int | float | Decimal):
                raise self.fail(f"{key}.{name}", "a weight (a number not below 0)", weight)
            if not 0 <= weight <= MAX_WEIGHT:
                raise self.fail(f"{key}.{name}", "a weight (a number from 0 to 1,000,000)", weight)
            pairs.append((name, float(weight)))
        if not sum(w for _, w in pairs) > 0:
            raise self.fail(key, "at least one weight above 0")
        return tuple(pairs)

    def chance(self, key: str, default: dict[str, Any], flag: str | None = None) -> Chance:
        allowed = {"probability", "min", "max"} | ({flag} if flag else set())
        table = {**default, **self.table(key, allowed)}
        return Chance(
            self.probability(table, "probability", key),
            self.money_range(table, key),
            self.probability(table, flag, key) if flag else 0.0,
        )


def _listed(choices: tuple[str, ...], most: int = 12) -> str:
    """The choices, a long list cut to its first few and its last ('1, 2, ..., 1000')."""
    if len(choices) <= most:
        return ", ".join(choices)
    return f"{', '.join(choices[:3])}, …, {choices[-1]} ({len(choices):,} in all)"


def load_spec(path: Path) -> PopulationSpec:
    source = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"), parse_float=Decimal)
    except OSError as error:
        raise CompsimError(f"{source}: cannot read the population spec: {error.strerror}") from None
    except UnicodeDecodeError:
        raise CompsimError(f"{source}: expected a UTF-8 TOML text file") from None
    except tomllib.TOMLDecodeError as error:
        raise CompsimError(f"{source}: TOML syntax error: {error}") from None
    return read_spec(data, source)


def read_spec(data: dict[str, Any], source: str = "<spec>") -> PopulationSpec:
    spec = _Spec(data, source)
    unknown = set(data) - KEYS
    if unknown:
        raise spec.fail(sorted(unknown)[0], f"a known key ({', '.join(sorted(KEYS))})")
    start = data.get("start", date(2025, 4, 1))
    if type(start) is not date or not date(2000, 1, 1) <= start <= date(2100, 1, 1):
        raise spec.fail("start", "a date from 2000-01-01 to 2100-01-01", start)
    duration = spec.table("duration_days", {"distribution", "median", "sigma", "min", "max"})
    distribution = duration.get("distribution", "lognormal")
    if distribution not in ("lognormal", "uniform"):
        raise spec.fail("duration_days.distribution", "lognormal or uniform", distribution)
    low_days = _int(spec, duration, "min", "duration_days", 1, 1, 3650)
    high_days = _int(spec, duration, "max", "duration_days", 730, low_days, 3650)
    vulnerabilities = spec.table("vulnerabilities", set(VULNERABILITIES))
    late = {
        "probability": 0.05,
        **spec.table("late_claims", {"probability", "min_months", "max_months"}),
    }
    late_low = _int(spec, late, "min_months", "late_claims", 1, 1, 120)
    late_high = _int(spec, late, "max_months", "late_claims", 12, late_low, 120)
    days = spec.integer("days", 1, 3650, 365)
    # the last day a case can reach: the last failure, its longest duration, a late claim
    last_end = start + timedelta(days=days - 1 + high_days)
    latest = max(last_end + timedelta(days=30), add_months(last_end, late_high) + timedelta(27))
    if latest > DATE_MAX:
        raise spec.fail(
            "start",
            f"a date early enough that every case's dates end by {DATE_MAX}, the last a "
            f"scenario may give (with these days, durations and late claims a case could "
            f"reach {latest})",
            start,
        )
    return PopulationSpec(
        source=source,
        cases=spec.integer("cases", 1, MAX_CASES, 10_000),
        seed=spec.integer("seed", 0, 2**63 - 1, 0),
        start=start,
        days=days,
        kinds=spec.weights(
            "kinds",
            FAILURE_KINDS,
            {
                "repair-delay": 40,
                "loss-of-amenity": 20,
                "loss-of-room": 10,
                "missed-appointment": 15,
                "damage-to-belongings": 10,
                "complaint-handling": 5,
            },
        ),
        duration=Duration(
            distribution,
            _number(spec, duration, "median", "duration_days", 30, 1, 3650),
            _number(spec, duration, "sigma", "duration_days", 1.0, 0, 5),
            low_days,
            high_days,
        ),
        weekly_rent=spec.money_range(
            {"min": 80, "max": 160, **spec.table("weekly_rent", {"min", "max"})}, "weekly_rent"
        ),
        distress=spec.weights(
            "distress",
            DISTRESS_LEVELS,
            {"none": 5, "minimal": 20, "moderate": 45, "considerable": 20, "severe": 10},
        ),
        reports=tuple(
            (int(n), w)
            for n, w in spec.weights(
                "reports",
                tuple(str(n) for n in range(1, 101)),
                {"1": 50, "2": 25, "3": 15, "5": 10},
            )
        ),
        vulnerabilities=tuple(
            (name, spec.probability(vulnerabilities, name, "vulnerabilities"))
            for name in vulnerabilities
        )
        or (("disability", 0.15), ("older-person", 0.1), ("young-children", 0.2)),
        persistent=spec.probability(data, "persistent", "population", 0.1),
        arrears=spec.chance("arrears", {"probability": 0.3, "min": 10, "max": 1500}),
        costs=spec.chance(
            "costs", {"probability": 0.4, "min": 5, "max": 400, "evidence": 0.7}, "evidence"
        ),
        damaged_items=spec.chance(
            "damaged_items",
            {"probability": 0.15, "min": 20, "max": 1500, "insured": 0.2},
            "insured",
        ),
        late_claims=Chance(
            spec.probability(late, "probability", "late_claims"),
            Range(Decimal(late_low), Decimal(late_high)),
        ),
        repair_target_days=spec.integer("repair_target_days", 0, 365, 14),
        rooms=spec.weights("rooms", AMENITIES, {name: 1 for name in ROOMS}),
        services=spec.weights("services", AMENITIES, {name: 1 for name in SERVICES}),
    )


def _int(spec: _Spec, table, key, where, default, low, high) -> int:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise spec.fail(f"{where}.{key}", f"a whole number from {low} to {high}", value)
    return value


def _number(spec: _Spec, table, key, where, default, low, high) -> float:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise spec.fail(f"{where}.{key}", f"a number from {low} to {high}", value)
    if not low <= value <= high:
        raise spec.fail(f"{where}.{key}", f"a number from {low} to {high}", value)
    return float(value)


# ---------------------------------------------------------------- drawing a case

PENNY = Decimal("0.01")
SIXTY_PERCENT = Decimal("0.6")
ONE_OFF = ("missed-appointment", "damage-to-belongings", "damage-to-decoration")
EVERYDAY_COSTS = tuple(k for k in COST_KINDS if k not in ("advocate", "repairs"))
NOTICE_HOURS = tuple(Decimal(h) for h in (0, 0, 0, 2, 12, 48))


def _below(getrandbits: Any, n: int) -> int:
    """A whole number from 0 to n - 1, drawn exactly as ``random.Random`` draws one for
    ``randrange``, ``randint`` and ``choice`` (bits of n's length, redrawn until below n),
    without their argument checks: a million cases make four million such draws."""
    k = n.bit_length()
    r = getrandbits(k)
    while r >= n:
        r = getrandbits(k)
    return r


@attrs.frozen
class _Choice:
    """A choice table ready to draw from: names, cumulative weights, total weight."""

    names: tuple[Any, ...]
    cumulative: tuple[float, ...]
    total: float

    @classmethod
    def of(cls, pairs: tuple[tuple[Any, float], ...]) -> _Choice:
        cumulative = tuple(itertools.accumulate(weight for _, weight in pairs))
        return cls(tuple(name for name, _ in pairs), cumulative, cumulative[-1])

    def pick(self, draw: Any) -> Any:
        return self.names[bisect.bisect(self.cumulative, draw() * self.total)]


@attrs.frozen
class _Drawer:
    """What every case of one spec draws from, worked out once per spec and process."""

    spec: PopulationSpec
    start: int  # the first day, as a day number
    kinds: _Choice
    distress: _Choice
    reports: _Choice
    rooms: _Choice
    services: _Choice
    rent_pennies: tuple[int, int]
    arrears_pennies: tuple[int, int]
    cost_pennies: tuple[int, int]
    item_pennies: tuple[int, int]
    late_months: tuple[int, int]


def _pennies(money: Range) -> tuple[int, int]:
    return int(money.low * 100), int(money.high * 100)


_DRAWERS: dict[int, _Drawer] = {}


def _drawer(spec: PopulationSpec) -> _Drawer:
    drawer = _DRAWERS.get(id(spec))
    if drawer is None or drawer.spec is not spec:
        if len(_DRAWERS) > 64:
            _DRAWERS.clear()
        drawer = _DRAWERS[id(spec)] = _Drawer(
            spec,
            spec.start.toordinal(),
            _Choice.of(spec.kinds),
            _Choice.of(spec.distress),
            _Choice.of(spec.reports),
            _Choice.of(spec.rooms),
            _Choice.of(spec.services),
            _pennies(spec.weekly_rent),
            _pennies(spec.arrears.amounts),
            _pennies(spec.costs.amounts),
            _pennies(spec.damaged_items.amounts),
            (int(spec.late_claims.amounts.low), int(spec.late_claims.amounts.high)),
        )
    return drawer


def _amount(bits: Any, pennies: tuple[int, int]) -> Decimal:
    """An amount in pounds from a range of pennies, every penny as likely (``randint``)."""
    low, high = pennies
    return Decimal(low + _below(bits, high - low + 1)).scaleb(-2)


def _days(rng: random.Random, duration: Duration) -> int:
    if duration.distribution == "uniform":
        return duration.low + _below(rng.getrandbits, duration.high - duration.low + 1)
    drawn = round(duration.median * math.exp(rng.gauss(0, duration.sigma)))
    return min(max(drawn, duration.low), duration.high)


NO_DEBTS = Account()  # immutable: one will do for every case without arrears


def case(spec: PopulationSpec, index: int) -> Scenario:
    """Case ``index`` of the population: drawn from its own random stream, seeded by the
    spec's seed and the index, and built straight into a complete Scenario (every default the
    loader would fill, filled the same way; a test checks a sample against the loader).

    Written for speed (a million cases spend a tenth of their time here): dates are day
    numbers until the end, and whole numbers are drawn with ``_below``. The draws are made in
    a fixed order that must not change, or the same seed would give another population."""
    rng = random.Random((spec.seed << 32) + index)
    draw = rng.random
    bits = rng.getrandbits
    drawer = _drawer(spec)
    kind = drawer.kinds.pick(draw)
    one_off = kind in ONE_OFF
    day = drawer.start + _below(bits, spec.days)
    occurred = date.fromordinal(day)
    end = day if one_off else day + _days(rng, spec.duration)
    resolved = date.fromordinal(end)
    claimed_day = end + _below(bits, 31)
    if draw() < spec.late_claims.probability:
        low, high = drawer.late_months
        months = low + _below(bits, high - low + 1)
        claimed_day = add_months(resolved, months).toordinal() + _below(bits, 28)
    target = None
    if not one_off:
        target = date.fromordinal(min(day + spec.repair_target_days, end))
    vulnerabilities = tuple([name for name, p in spec.vulnerabilities if draw() < p])
    missed = kind == "missed-appointment"
    failure = Failure(
        kind=kind,
        responsibility="full",  # the cause is the landlord's (the loader's default)
        distress=drawer.distress.pick(draw),
        reports=drawer.reports.pick(draw),
        persistent=not one_off and draw() < spec.persistent,
        appointment_notice_hours=NOTICE_HOURS[_below(bits, len(NOTICE_HOURS))] if missed else None,
        missed_appointments=1 if missed else 0,
    )
    weekly_rent = _amount(bits, drawer.rent_pennies)
    account = NO_DEBTS
    if draw() < spec.arrears.probability:
        account = Account(rent_arrears=_amount(bits, drawer.arrears_pennies))
    amenities: tuple[AmenityLoss, ...] = ()
    if kind == "loss-of-amenity" or kind == "loss-of-room":
        table = drawer.services if kind == "loss-of-amenity" else drawer.rooms
        amenities = (AmenityLoss(amenity=table.pick(draw), from_=occurred, to=resolved),)
    costs: tuple[Cost, ...] = ()
    if draw() < spec.costs.probability:
        cost_kind = EVERYDAY_COSTS[_below(bits, len(EVERYDAY_COSTS))]
        amount = _amount(bits, drawer.cost_pennies)
        evidence = draw() < spec.costs.flag
        costs = (Cost(kind=cost_kind, amount=amount, evidence=evidence, incurred=occurred),)
    items: tuple[DamagedItem, ...] = ()
    if kind == "damage-to-belongings" or draw() < spec.damaged_items.probability:
        value = _amount(bits, drawer.item_pennies)
        insured = draw() < spec.damaged_items.flag
        items = (
            DamagedItem(
                item="belongings",
                replacement_value=value,
                value_at_loss=(value * SIXTY_PERCENT).quantize(PENNY),
                insured=insured,
                retained=draw() < 0.5,
                notified=occurred,
            ),
        )
    household = Household(
        weekly_rent=weekly_rent,
        vulnerabilities=vulnerabilities,
        # an insured item means the household holds contents insurance (the loader's
        # default for an item's insured is the household's contents_insurance)
        contents_insurance=bool(items) and items[0].insured,
    )
    number = index + 1
    return Scenario(
        id=f"case-{number}",
        title=f"Generated case {number} ({kind})",
        household=household,
        account=account,
        failure=failure,
        dates=Dates(
            occurred=occurred,
            aware=occurred,
            reported=occurred,
            repair_target=target,
            resolved=resolved,
            claimed=date.fromordinal(claimed_day),
        ),
        amenities_lost=amenities,
        costs=costs,
        damaged_items=items,
        source=f"{spec.source}: case {number}",
    )
