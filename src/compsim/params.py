"""A policy's numbers: parameter files, dated values, and user overrides.

A parameter file is TOML beside a plugin's code. Tables nest by name; a table with ``value``
(or ``values``, for amounts that change on a date) is one parameter::

    [matrix.full.major]
    value = 1000.00
    type = "money"
    clause = "alliance 2.7"
    basis = "published"        # or "assumption": the policy publishes no figure
    description = "Full responsibility, major impact"

    [home_loss.flat_rate]
    type = "money"
    clause = "twenty11 6.7.1"
    basis = "assumption"
    values = [
        { from = 2023-10-01, value = 8100.00 },
        { from = 2022-10-01, to = 2023-09-30, value = 7800.00 },
    ]

Hooks receive ``Params``: the values in force on the scenario's ``dates.claimed``.

Every parameter declares what it accepts: ``type`` (money, decimal, share, int, bool, text,
choice, date) and, for numbers, a range: ``min`` (required for int and decimal) and ``max``.
A share is a decimal from 0 to 1; money is never negative. The loader checks every value in
the file, and every override, against the declaration.

A **reading switch** is a parameter with ``alternative = "..."``: the text does not settle the
reading, so the default is marked ``basis = "assumption"`` and ``alternative`` describes the
other reading, one ``--set`` away. ``compsim readings`` shows what flipping each one costs, and
every decision lists the switches it consulted.

An override (``--set alliance.matrix.full.major=1200`` or ``--params FILE``) replaces a value
for every date. An overridden value is the user's draft, not the published figure: its basis
becomes ``draft``, and it records where it came from and the value it replaced.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import attrs

from compsim.errors import QUOTED_HINT, ParamError
from compsim.models import ASSUMPTION, BASES, DRAFT, PUBLISHED, ReadingUsed
from compsim.money import PENNY, has_at_most_two_places

TYPES = ("money", "decimal", "share", "int", "bool", "text", "choice", "date")
NUMBER_TYPES = ("money", "decimal", "share", "int")
LEAF_KEYS = {
    "value",
    "values",
    "type",
    "clause",
    "basis",
    "description",
    "choices",
    "min",
    "max",
    "alternative",
}


@attrs.frozen
class DatedValue:
    value: Any
    start: date | None = None  # in force from this date (None: always)
    end: date | None = None  # to and including this date (None: no end)

    def in_force(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@attrs.frozen
class Param:
    """A parameter's value in force on one date, with where it comes from."""

    path: str
    value: Any
    type: str
    clause: str
    basis: str
    description: str = ""
    override: str = ""  # where an override came from ("--set", a file), if any
    alternative: str = ""  # a reading switch: the other reading of the text
    current: Param | None = None  # for a draft value: the policy's own value it replaced

    @functools.cached_property
    def reading(self) -> ReadingUsed:
        """This reading switch as a decision records it: built once, as a Param outlives
        the many decisions that consult it."""
        return ReadingUsed(
            self.path, self.value, self.clause, self.description, self.alternative, self.basis
        )

    def describe_value(self) -> str:
        """The value with its basis, e.g. "draft value 600 (current policy: 500, alliance 2.7)"."""
        shown = format_value(self.value)
        if self.basis == DRAFT and self.current is not None:
            return (
                f"draft value {shown} (current policy: {format_value(self.current.value)}, "
                f"{self.current.basis}, {self.current.clause})"
            )
        return f"{shown} ({self.basis}, {self.clause})"


def format_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@attrs.frozen
class ParamDef:
    """One parameter as declared: its type, clause, basis and (dated) values."""

    path: str
    type: str
    clause: str
    basis: str
    values: tuple[DatedValue, ...]
    description: str = ""
    choices: tuple[str, ...] = ()
    override: str = ""
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    alternative: str = ""
    replaces: ParamDef | None = None  # for a draft: the policy's own definition

    def at(self, day: date) -> Param:
        for dated in self.values:
            if dated.in_force(day):
                current = None
                if self.replaces is not None:
                    try:
                        current = self.replaces.at(day)
                    except ParamError:
                        current = None
                return Param(
                    self.path,
                    dated.value,
                    self.type,
                    self.clause,
                    self.basis,
                    self.description,
                    self.override,
                    self.alternative,
                    current,
                )
        raise ParamError(f"parameter {self.path} has no value in force on {day}")

    @property
    def is_switch(self) -> bool:
        return bool(self.alternative)

    def accepts(self) -> str:
        """What the parameter accepts, in words, for error messages and ``compsim params``."""
        if self.type == "choice":
            return f"one of: {', '.join(self.choices)}"
        words = _EXPECTED[self.type]
        low = self.minimum if self.minimum is not None else _IMPLIED_MIN.get(self.type)
        high = self.maximum if self.maximum is not None else _IMPLIED_MAX.get(self.type)
        if self.type == "money":  # money always has both ends (0 and a maximum)
            return f"an amount in pounds from £{low:,} to £{high:,}, at most two decimal places"
        if low is not None and high is not None:
            return f"{words} from {low} to {high}"
        if low is not None:
            return f"{words}, at least {low}"
        if high is not None:
            return f"{words}, at most {high}"
        return words

    @property
    def dated(self) -> bool:
        return any(v.start is not None or v.end is not None for v in self.values)


class Params(Mapping[str, Param]):
    """The parameters in force on one date: what every hook receives as ``params``.

    Each value is looked up when first used, so a dated value with nothing in force on this
    date is an error only for a claim that needs it.
    """

    __slots__ = ("_defs", "_plain", "_resolved", "day", "drafts_used", "policy_id", "switches_used")

    def __init__(
        self,
        policy_id: str,
        day: date,
        defs: Mapping[str, ParamDef],
        resolved: dict[str, Param] | None = None,
        plain: dict[str, Param] | None = None,
    ) -> None:
        self.policy_id = policy_id
        self.day = day
        self._defs = defs
        self._resolved: dict[str, Param] = {} if resolved is None else resolved
        # the parameters already resolved that are neither a reading switch nor a draft, so
        # reading them records nothing: answered from here first
        self._plain: dict[str, Param] = {} if plain is None else plain
        self.switches_used: dict[str, Param] = {}  # reading switches consulted, in order
        self.drafts_used: dict[str, Param] = {}  # the user's draft values consulted, in order

    def for_decision(self) -> Params:
        """A view for one decision: the same values (resolved once per date), with its own
        record of the reading switches the decision consults."""
        return Params(self.policy_id, self.day, self._defs, self._resolved, self._plain)

    def __getitem__(self, path: str) -> Param:
        param = self._plain.get(path)
        if param is not None:
            return param
        param = self._resolved.get(path)
        if param is None:
            if path not in self._defs:
                close = difflib.get_close_matches(path, list(self._defs), n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                raise KeyError(f"{self.policy_id} has no parameter {path!r}{hint}")
            param = self._resolved[path] = self._defs[path].at(self.day)
            if not param.alternative and param.basis != DRAFT:
                self._plain[path] = param
                return param
        self._record(path, param)
        return param

    def _record(self, path: str, param: Param) -> None:
        """Note a reading switch or a draft value this decision consulted."""
        if param.alternative:
            self.switches_used[path] = param
        if param.basis == DRAFT:
            self.drafts_used[path] = param

    def __contains__(self, path: object) -> bool:
        return path in self._defs

    def __iter__(self) -> Iterator[str]:
        return iter(self._defs)

    def __len__(self) -> int:
        return len(self._defs)

    def value(self, path: str) -> Any:
        param = self._plain.get(path)
        return (self[path] if param is None else param).value

    def on(self, path: str, day: date) -> Param:
        """The parameter in force on ``day`` instead of the claim date: for a figure that goes
        by another date (a statutory payment by the date of displacement, say). An override
        applies on every date. Raises ParamError when no value is in force on ``day``."""
        if day == self.day:
            return self[path]
        if path not in self._defs:
            raise KeyError(f"{self.policy_id} has no parameter {path!r}")
        param = self._defs[path].at(day)
        self._record(path, param)
        return param

    def periods(self, path: str) -> list[tuple[Param, date | None, date | None]]:
        """Each value of a parameter with the days it is in force: (the parameter, its first
        day, the day after its last), None where there is no limit. For a figure counted day
        by day, each day at the value in force on it. An undated (or overridden) parameter is
        one period without limits. Records a switch or draft as ``[]`` does."""
        if path not in self._defs:
            raise KeyError(f"{self.policy_id} has no parameter {path!r}")
        definition = self._defs[path]
        found = []
        for dated in definition.values:
            param = definition.at(date.min if dated.start is None else dated.start)
            after = None if dated.end is None else dated.end + timedelta(days=1)
            found.append((param, dated.start, after))
            self._record(path, param)
        return found

    def basis_of(self, *paths: str) -> str:
        """``draft`` if any of the parameters is the user's draft, else ``assumption`` if any
        is one, else ``published``. Every path is looked up, so each switch consulted is
        recorded; for parameters a hook has already read, ``basis_from`` does the same."""
        return basis_from(*[self[path] for path in paths])


def basis_from(*used: Param) -> str:
    """The basis of a figure resting on parameters already read (``params[path]``): draft
    if any is the user's draft, else assumption if any is one, else published."""
    found = PUBLISHED
    for param in used:
        if param.basis == DRAFT:
            return DRAFT
        if param.basis == ASSUMPTION:
            found = ASSUMPTION
    return found


@attrs.frozen
class ParamSet:
    """All of one policy's parameters, for every date."""

    policy_id: str
    source: str
    defs: Mapping[str, ParamDef]
    _cache: dict[date, Params] = attrs.field(factory=dict, eq=False, repr=False)
    # the values resolved so far in each period in which no dated value starts or ends,
    # shared by every day of that period (a caseload's claims fall on hundreds of days)
    _periods: dict[int, tuple[dict, dict]] = attrs.field(factory=dict, eq=False, repr=False)

    def at(self, day: date) -> Params:
        params = self._cache.get(day)
        if params is None:
            period = bisect.bisect_right(self._changes, day)
            shared = self._periods.get(period)
            if shared is None:
                shared = self._periods[period] = ({}, {})
            params = self._cache[day] = Params(self.policy_id, day, self.defs, *shared)
        return params

    @functools.cached_property
    def _changes(self) -> list[date]:
        """Every day on which some value comes into force or stops being in force."""
        days = set()
        for definition in self.defs.values():
            while definition is not None:
                for dated in definition.values:
                    if dated.start is not None:
                        days.add(dated.start)
                    if dated.end is not None and dated.end < date.max:
                        days.add(dated.end + timedelta(days=1))
                definition = definition.replaces
        return sorted(days)

    def with_overrides(self, policy_id: str, overrides: Iterable[Override]) -> ParamSet:
        defs = dict(self.defs)
        for override in overrides:
            current = self.lookup(override.path, override.describe())
            value = convert(
                current,
                override.raw,
                override.describe(),
                from_text=override.source == "--set",
                named=True,
            )
            if current.type == "money":
                value = value.quantize(PENNY)  # a draft of 1200 is shown as 1200.00
            defs[override.path] = attrs.evolve(
                current,
                values=(DatedValue(value),),
                basis=DRAFT,
                override=override.source,
                replaces=current.replaces or current,
            )
        return ParamSet(policy_id, self.source, defs)

    def lookup(self, path: str, where: str) -> ParamDef:
        if path in self.defs:
            return self.defs[path]
        close = difflib.get_close_matches(path, list(self.defs), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise ParamError(f"{where}: {self.policy_id} has no parameter {path!r}{hint}")


# A band is declared as NAME.low and NAME.high, with its single figure NAME.amount when it
# has one: low <= amount <= high, on every date, whatever a user overrides.
BAND_ORDER = ("low", "amount", "high")


def check_order(defs: Mapping[str, ParamDef], path: str, where: str) -> None:
    """Refuse a value that puts a band out of order (a low above its high, an amount outside
    its band), naming the other end, before anything runs."""
    prefix, _, end = path.rpartition(".")
    if end not in BAND_ORDER or not prefix:
        return
    changed = defs[path]
    for other_end in BAND_ORDER:
        other = defs.get(f"{prefix}.{other_end}")
        if other is None or other_end == end or other.type not in NUMBER_TYPES:
            continue
        below = BAND_ORDER.index(end) < BAND_ORDER.index(other_end)
        for mine in changed.values:
            for theirs in other.values:
                if not _overlap(mine, theirs):
                    continue
                if (mine.value > theirs.value) if below else (mine.value < theirs.value):
                    relation = "at most" if below else "at least"
                    raise ParamError(
                        f"{where}: {path}: expected {relation} {prefix}.{other_end} "
                        f"({format_value(theirs.value)}), got {format_value(mine.value)}"
                    )


def _overlap(first: DatedValue, second: DatedValue) -> bool:
    starts = max(first.start or date.min, second.start or date.min)
    ends = min(first.end or date.max, second.end or date.max)
    return starts <= ends


# ---------------------------------------------------------------- parameter files


def load_param_file(path: Path, policy_id: str) -> ParamSet:
    """Read a plugin's parameter file. Errors name the file and the parameter."""
    source = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"), parse_float=Decimal)
    except (OSError, UnicodeDecodeError) as error:
        raise ParamError(f"{source}: cannot read the parameter file: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ParamError(f"{source}: TOML syntax error: {error}") from None
    defs: dict[str, ParamDef] = {}
    _collect(data, "", source, defs)
    for path in defs:
        check_order(defs, path, source)
    return ParamSet(policy_id, source, defs)


def _collect(table: dict[str, Any], prefix: str, source: str, defs: dict[str, ParamDef]) -> None:
    for key, entry in table.items():
        path = f"{prefix}{key}"
        if not isinstance(entry, dict):
            raise ParamError(f"{source}: {path}: expected a table with value, clause and basis")
        if "value" in entry or "values" in entry:
            defs[path] = _param_def(path, entry, source)
        else:
            _collect(entry, f"{path}.", source, defs)


def _param_def(path: str, entry: dict[str, Any], source: str) -> ParamDef:
    where = f"{source}: {path}"
    unknown = set(entry) - LEAF_KEYS
    if unknown:
        raise ParamError(
            f"{where}: unknown key {sorted(unknown)[0]!r} "
            f"(expected: {', '.join(sorted(LEAF_KEYS))})"
        )
    for key in ("clause", "basis"):
        if not isinstance(entry.get(key), str) or not entry[key]:
            raise ParamError(
                f'{where}: expected {key} = "..." (every value cites its clause and basis)'
            )
    if entry["basis"] not in BASES:
        raise ParamError(f"{where}: basis: expected one of {', '.join(BASES)}")
    if ("value" in entry) == ("values" in entry):
        raise ParamError(f"{where}: expected either value or values, not both")
    choices = tuple(entry.get("choices", ()))
    dated = _dated_values(entry, where)
    param_type = entry.get("type")
    if param_type not in TYPES:
        raise ParamError(
            f"{where}: type: every parameter declares what it accepts; expected one of "
            f"{', '.join(TYPES)}, got {param_type!r}"
        )
    if param_type == "choice" and not choices:
        raise ParamError(f"{where}: a choice needs choices = [...]")
    bounds = {}
    for key in ("min", "max"):
        if key in entry:
            if param_type not in NUMBER_TYPES:
                raise ParamError(f"{where}: {key}: only a number has a range")
            bound = entry[key]
            if isinstance(bound, bool) or not isinstance(bound, int | Decimal):
                raise ParamError(f"{where}: {key}: expected a number, got {bound!r}")
            bounds[key] = Decimal(bound)
    if param_type in ("int", "decimal") and "min" not in bounds:
        raise ParamError(
            f"{where}: min: every number parameter declares its lowest value (min = ...)"
        )
    alternative = entry.get("alternative", "")
    if not isinstance(alternative, str):
        raise ParamError(f"{where}: alternative: expected text describing the other reading")
    if alternative and entry["basis"] != ASSUMPTION:
        raise ParamError(
            f'{where}: a reading switch (alternative = "...") is a reading, so basis = "assumption"'
        )
    definition = ParamDef(
        path,
        param_type,
        entry["clause"],
        entry["basis"],
        (),
        entry.get("description", ""),
        choices,
        minimum=bounds.get("min"),
        maximum=bounds.get("max"),
        alternative=alternative,
    )
    checked = tuple(attrs.evolve(v, value=convert(definition, v.value, where)) for v in dated)
    return attrs.evolve(definition, values=checked)


def _dated_values(entry: dict[str, Any], where: str) -> tuple[DatedValue, ...]:
    if "value" in entry:
        return (DatedValue(entry["value"]),)
    values = entry["values"]
    if not isinstance(values, list) or not values:
        raise ParamError(f"{where}: values: expected a list of {{from, to, value}} tables")
    dated = []
    for item in values:
        if not isinstance(item, dict) or "value" not in item or set(item) - {"from", "to", "value"}:
            raise ParamError(f"{where}: values: each entry is {{from = DATE, to = DATE, value}}")
        start, end = item.get("from"), item.get("to")
        if any(d is not None and type(d) is not date for d in (start, end)):
            raise ParamError(f"{where}: values: from and to are dates such as 2026-04-01")
        if start and end and end < start:
            raise ParamError(f"{where}: values: to ({end}) is before from ({start})")
        dated.append(DatedValue(item["value"], start, end))
    dated.sort(key=lambda v: v.start or date.min)
    closed = []
    for current, following in zip(dated, [*dated[1:], None], strict=True):
        if following is not None:
            if following.start is None or (current.end and following.start <= current.end):
                raise ParamError(f"{where}: values: dated values overlap")
            if current.end is None:  # an open entry runs until the next one starts
                current = attrs.evolve(current, end=following.start - timedelta(days=1))
        closed.append(current)
    return tuple(closed)


_EXPECTED = {
    "money": "an amount in pounds, not negative, with at most two decimal places",
    "decimal": "a number",
    "share": "a share",
    "int": "a whole number",
    "bool": "true or false",
    "text": "text",
    "date": "a date such as 2026-04-01",
}


_IMPLIED_MIN = {"money": Decimal(0), "share": Decimal(0)}
_IMPLIED_MAX = {"share": Decimal(1), "money": Decimal(1_000_000)}
MAX_SHOWN = 60


def convert(
    definition: ParamDef, raw: Any, where: str, from_text: bool = False, named: bool = False
) -> Any:
    """Check and convert a value (typed TOML, or text from ``--set``) to the parameter's type
    and range. The error names where the value came from, the parameter (unless ``where``
    already does: ``named``), what was given and what is accepted. Text stands for a number,
    a date or true/false only when it was typed on the command line (``from_text``); in a
    file, ``"600"`` is text, not money."""
    kind = definition.type
    typed_text = isinstance(raw, str) and kind not in ("text", "choice") and not from_text
    value = None if typed_text else _convert(kind, raw, definition.choices)
    if value is not None and kind in NUMBER_TYPES:
        low = definition.minimum if definition.minimum is not None else _IMPLIED_MIN.get(kind)
        high = definition.maximum if definition.maximum is not None else _IMPLIED_MAX.get(kind)
        if (low is not None and value < low) or (high is not None and value > high):
            value = None
    if value is None:
        shown = repr(raw) if isinstance(raw, str) else format_value(raw)
        if len(shown) > MAX_SHOWN:
            shown = shown[:MAX_SHOWN] + "…"
        if typed_text and _convert(kind, raw, definition.choices) is not None:
            shown += QUOTED_HINT
        place = where if named else f"{where}: {definition.path}"
        raise ParamError(f"{place}: expected {definition.accepts()}, got {shown}")
    return value


def _convert(kind: str, raw: Any, choices: tuple[str, ...]) -> Any:
    if kind in ("money", "decimal", "share"):
        if isinstance(raw, bool):
            return None
        try:
            number = Decimal(raw) if isinstance(raw, int | Decimal | str) else None
        except InvalidOperation:
            return None
        if number is None or not number.is_finite():
            return None
        if kind == "money" and (number < 0 or not has_at_most_two_places(number)):
            return None
        return number
    if kind == "int":
        if isinstance(raw, int) and not isinstance(raw, bool):
            return raw
        text = raw.strip() if isinstance(raw, str) else ""
        if len(text) > 20 or not text.lstrip("-").isdigit():
            return None
        return int(text)
    if kind == "bool":
        if isinstance(raw, bool):
            return raw
        return {"true": True, "false": False}.get(raw.lower()) if isinstance(raw, str) else None
    if kind == "date":
        if type(raw) is date:
            return raw
        try:
            return date.fromisoformat(raw) if isinstance(raw, str) else None
        except ValueError:
            return None
    if kind == "choice":
        return raw if isinstance(raw, str) and raw in choices else None
    return raw if isinstance(raw, str) else None


# ---------------------------------------------------------------- overrides


@attrs.frozen
class Override:
    """One value a user sets: ``target`` is a landlord id or a variant name."""

    target: str
    path: str
    raw: Any
    source: str

    def describe(self) -> str:
        from compsim.render.safe import shown

        if self.source == "--set":
            return shown(f"--set {self.target}.{self.path}={self.raw}", 120)
        return shown(f"{self.source}: [{self.target}] {self.path}", 200)


@attrs.frozen
class Variant:
    """A named copy of a policy with overrides: a draft policy run beside the current one."""

    name: str
    base: str
    description: str
    source: str


def parse_set_option(text: str) -> Override:
    """``alliance.matrix.full.major=1200`` → Override."""
    target_path, equals, raw = text.partition("=")
    target, dot, path = target_path.strip().partition(".")
    if not equals or not dot or not target or not path:
        raise ParamError(
            f"--set {text}: expected LANDLORD.PARAMETER=VALUE, e.g. alliance.matrix.full.major=1200"
        )
    return Override(target.lower(), path.strip(), raw.strip(), "--set")


def load_override_file(path: Path) -> tuple[Variant | None, list[Override]]:
    """An override file: tables named by landlord, and optionally ``variant = "NAME"``.

    ``variant`` runs the overridden policy as its own column beside the unchanged one;
    without it, the overrides change the landlord's own column.
    """
    source = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"), parse_float=Decimal)
    except OSError as error:
        raise ParamError(f"{source}: cannot read the override file: {error.strerror}") from None
    except UnicodeDecodeError:
        raise ParamError(f"{source}: expected a UTF-8 TOML text file") from None
    except tomllib.TOMLDecodeError as error:
        raise ParamError(f"{source}: TOML syntax error: {error}") from None
    name = data.pop("variant", None)
    description = data.pop("description", "")
    if name is not None and not (isinstance(name, str) and _is_id(name)):
        raise ParamError(
            f"{source}: variant: expected a name of lower-case letters, digits and "
            'hyphens, such as "alliance-draft"'
        )
    if not isinstance(description, str):
        raise ParamError(f"{source}: description: expected text")
    for key, table in data.items():
        if not isinstance(table, dict):
            raise ParamError(
                f'{source}: {key}: expected a table of parameters ([{key}]) or variant = "NAME"'
            )
    if not data:
        raise ParamError(f"{source}: expected at least one [LANDLORD] table of parameters")
    if name is not None and len(data) != 1:
        raise ParamError(
            f"{source}: a variant changes one landlord's policy; found tables for {', '.join(data)}"
        )
    overrides = [
        Override(name or landlord.lower(), param_path, raw, source)
        for landlord, table in data.items()
        for param_path, raw in _flatten(table)
    ]
    variant = Variant(name, next(iter(data)).lower(), description, source) if name else None
    return variant, overrides


def _flatten(table: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for key, value in table.items():
        if isinstance(value, dict):
            yield from _flatten(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def _is_id(text: str) -> bool:
    return bool(text) and all(c.isdigit() or c == "-" or ("a" <= c <= "z") for c in text)
