"""Scenario files (docs/scenario-format.md, version 1) → complete, frozen Scenario objects.

Loading is strict and reports every problem in a file, each naming the file, the field path
and what was expected. Nothing is returned for a set of files unless every file is clean.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from compsim.errors import QUOTED_HINT, CompsimError, ScenarioError, ScenarioErrors
from compsim.models import (
    DATE_MAX,
    DATE_MIN,
    DEPTH_MAX,
    ENTRY_MAX,
    INT_MAX,
    LIST_MAX,
    MONEY_MAX,
    NUMBER_MAX,
    SECTIONS_MAX,
    TEXT_MAX,
    Dates,
    Expected,
    Scenario,
)
from compsim.money import has_at_most_two_places
from compsim.render.safe import shown

# how a list is written in one cell of a CSV caseload or one field of the web form
LIST_SEPARATOR = ";"

FORMAT_VERSION = 1
ID_PATTERN = re.compile(r"[a-z0-9-]+")


def library_path() -> Path:
    """The shipped scenario library: inside the installed package, or the source checkout's."""
    packaged = Path(__file__).parent / "scenarios"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "scenarios"


def scenario_files(paths: Iterable[Path]) -> list[Path]:
    """Every ``*.toml`` under each path (recursively, sorted); a file path (a scenario file or
    a ``.csv`` caseload) is taken as given. A link to a file that is gone is kept, so that
    reading it is an error naming it rather than a scenario skipped unseen."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.toml") if p.is_file() or not p.exists()))
        elif path.exists():
            files.append(path)
        else:
            raise CompsimError(f"{path}: no such file or directory")
    return files


def load_paths(paths: Sequence[Path]) -> list[Scenario]:
    """Load every scenario under ``paths``. Raises ScenarioErrors listing every error found."""
    scenarios: list[Scenario] = []
    errors: list[ScenarioError] = []
    for file in scenario_files(paths):
        try:
            if file.suffix.lower() == ".csv":  # a caseload: one scenario per row
                from compsim.caseload.csvfile import load_csv

                scenarios.extend(load_csv(file))
            else:
                scenarios.append(load_file(file))
        except ScenarioErrors as found:
            errors.extend(found.errors)
    seen: dict[str, Scenario] = {}
    for scenario in scenarios:
        if scenario.id in seen:
            errors.append(
                ScenarioError(
                    scenario.source,
                    "id",
                    f"expected a unique id; {scenario.id!r} is also "
                    f"the id of {seen[scenario.id].source}",
                )
            )
        seen.setdefault(scenario.id, scenario)
    if errors:
        raise ScenarioErrors(errors)
    return scenarios


def load_file(path: Path) -> Scenario:
    """Load one scenario file. Raises ScenarioErrors with every error in the file."""
    return load_text(_read_text(path), source=str(path), stem=path.stem)


def load_text(text: str, source: str = "<text>", stem: str = "scenario") -> Scenario:
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        raise ScenarioErrors([ScenarioError(source, "", _toml_error(error))]) from None
    except RecursionError:
        raise ScenarioErrors([ScenarioError(source, "", _too_deep())]) from None
    return load_data(data, source, stem)


def _too_deep() -> str:
    return (
        f"tables and lists are nested more than {DEPTH_MAX} levels deep; "
        "expected a scenario file (see compsim schema)"
    )


def _depth(data: Any) -> int:
    """How deeply tables and lists nest (counted without recursion, so any depth is safe)."""
    deepest = 0
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            deepest = max(deepest, depth)
            if depth > DEPTH_MAX:
                break
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)
    return deepest


def find_scenario(reference: str) -> Scenario:
    """A scenario file, a case in a CSV caseload (``cases.csv`` holding one case, or
    ``cases.csv#ID``), or the id of a scenario in the shipped library (``explain``).
    A name one letter off gets a "did you mean"."""
    caseload, hash_mark, case_id = reference.partition("#")
    if caseload.lower().endswith(".csv") and Path(caseload).is_file():
        return _case_in_caseload(Path(caseload), case_id if hash_mark else None)
    path = Path(reference)
    if path.is_file():
        return load_file(path)
    if path.is_dir():
        raise CompsimError(
            f"{reference}: is a directory; expected one scenario file or a library id "
            "(compsim scenarios lists them)"
        )
    if path.suffix == ".toml" or "/" in reference or "\\" in reference:
        raise CompsimError(f"{reference}: no such scenario file")
    library = {scenario.id: scenario for scenario in load_paths([library_path()])}
    if reference in library:
        return library[reference]
    close = difflib.get_close_matches(reference, list(library), n=1, cutoff=0.8)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise CompsimError(
        f"{shown(reference)}: no scenario file or library id by that name{hint} "
        "(compsim scenarios lists them)"
    )


def _case_in_caseload(path: Path, case_id: str | None) -> Scenario:
    cases = {scenario.id: scenario for scenario in load_paths([path])}  # ids checked unique
    if case_id is None and len(cases) == 1:
        return next(iter(cases.values()))
    if case_id in cases:
        return cases[case_id]
    ids = ", ".join(list(cases)[:5]) + (", …" if len(cases) > 5 else "")
    if case_id is None:
        return _raise(f"{path}: holds {len(cases)} cases; name one as {path}#ID (ids: {ids})")
    close = difflib.get_close_matches(case_id, list(cases), n=1, cutoff=0.8)
    hint = f"; did you mean {close[0]!r}?" if close else f" (ids: {ids})"
    return _raise(f"{path}: no case with id {shown(case_id)!r}{hint}")


def _raise(message: str) -> Scenario:
    raise CompsimError(message)


def load_data(data: dict[str, Any], source: str = "<data>", stem: str = "scenario") -> Scenario:
    """Check already-parsed TOML data (money as Decimal or int) and build the Scenario."""
    if not data:
        raise ScenarioErrors(
            [
                ScenarioError(
                    source,
                    "",
                    "the file has no fields; expected a scenario with title, [failure] and [dates]",
                )
            ]
        )
    if _depth(data) > DEPTH_MAX:
        raise ScenarioErrors([ScenarioError(source, "", _too_deep())])
    reader = _Reader(source)
    scenario = reader.scenario(data, stem)
    if reader.errors:
        raise ScenarioErrors(reader.errors)
    assert scenario is not None
    return scenario


def _read_text(path: Path) -> str:
    source = str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        message = f"cannot read the file: {error.strerror}"
        raise ScenarioErrors([ScenarioError(source, "", message)]) from None
    if not raw.strip():
        raise ScenarioErrors(
            [
                ScenarioError(
                    source,
                    "",
                    "the file is empty; expected a TOML scenario with title, [failure] and [dates]",
                )
            ]
        )
    if b"\x00" in raw:
        raise ScenarioErrors(
            [ScenarioError(source, "", "expected a TOML text file, got a binary file")]
        )
    try:
        return raw.decode("utf-8-sig")  # a byte-order mark (Windows Notepad) is dropped
    except UnicodeDecodeError:
        raise ScenarioErrors(
            [
                ScenarioError(
                    source, "", "expected a UTF-8 TOML text file, got bytes that are not UTF-8"
                )
            ]
        ) from None


def _toml_error(error: tomllib.TOMLDecodeError) -> str:
    message = str(error)
    match = re.fullmatch(r"(.*) \(at line (\d+), column (\d+)\)", message)
    if match:
        return f"line {match[2]}, column {match[3]}: TOML syntax error: {match[1]}"
    return f"TOML syntax error: {message}"


def _quoted_hint(kind: str, raw: Any) -> str:
    """A hint for a number, date or true/false written in quotes: TOML reads it as text."""
    if not isinstance(raw, str):
        return ""
    text = raw.strip()
    unquoted = {
        "bool": lambda: text in ("true", "false"),
        "int": lambda: text.lstrip("-").isdigit(),
        "money": lambda: Decimal(text).is_finite(),
        "number": lambda: Decimal(text).is_finite(),
        "date": lambda: bool(date.fromisoformat(text)),
    }.get(kind)
    try:
        if unquoted is None or not unquoted():
            return ""
    except (ValueError, ArithmeticError):
        return ""
    return QUOTED_HINT


def _show(value: Any) -> str:
    """How a TOML value is described in an error message."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the text {shown(repr(value))}"
    if isinstance(value, datetime):
        return f"a date and time {value.isoformat()}"
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    return f"{type(value).__name__} {value}" if not isinstance(value, int | Decimal) else str(value)


def _toml_key(field: attrs.Attribute) -> str:
    return field.metadata.get("key") or field.name


def _schema(cls: type) -> dict[str, attrs.Attribute]:
    """The fields of a model that appear in a scenario file, by TOML key."""
    return {_toml_key(f): f for f in attrs.fields(cls) if f.metadata.get("kind")}


class _Reader:
    """Reads raw TOML data against the models, collecting every error."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.errors: list[ScenarioError] = []

    def error(self, field: str, expected: str) -> None:
        self.errors.append(ScenarioError(self.source, field, expected))

    # ---- the scenario as a whole

    def scenario(self, data: dict[str, Any], stem: str) -> Scenario | None:
        values = self.table(Scenario, data, "")
        if values is None:
            return None
        if values.get("format") not in (None, FORMAT_VERSION):
            self.error(
                "format",
                f"expected {FORMAT_VERSION} (this compsim reads scenario format "
                f"{FORMAT_VERSION}), got {values['format']}",
            )
        if values.get("id") is None:
            if ID_PATTERN.fullmatch(stem):
                values["id"] = stem
            else:
                self.error(
                    "id",
                    "expected an id of lower-case letters, digits and hyphens; the "
                    f'file name {stem!r} is not one, so add id = "..."',
                )
        if isinstance(values.get("title"), str) and not values["title"].strip():
            self.error("title", "expected a one-line title, got empty text")
        household = values.get("household")
        vulnerabilities = (
            household.get("vulnerabilities") if isinstance(household, dict) else None
        ) or ()
        if len(set(vulnerabilities)) < len(vulnerabilities):
            repeated = sorted({v for v in vulnerabilities if vulnerabilities.count(v) > 1})
            self.error(
                "household.vulnerabilities",
                f"expected each vulnerability once, got {', '.join(repeated)} more than once",
            )
        if isinstance(values.get("failure"), dict) and isinstance(values.get("dates"), dict):
            values = _fill_defaults(values)
            self.check_date_order(values)
        if self.errors:
            return None
        return _build(Scenario, values, self.source)

    # ---- tables and values

    def table(self, cls: type, data: Any, path: str) -> dict[str, Any] | None:
        if not isinstance(data, dict):
            self.error(path, f"expected a table, got {_show(data)}")
            return None
        schema = _schema(cls)
        for key in data:
            if key not in schema:
                self.unknown_key(key, schema, path)
        values: dict[str, Any] = {}
        for key, field in schema.items():
            where = f"{path}.{key}" if path else key
            if key in data:
                values[field.name] = self.value(field, data[key], where)
            elif field.default is attrs.NOTHING:
                self.error(where, f"required field is missing; expected {_describe(field)}")
        return values

    def unknown_key(self, key: str, schema: dict[str, attrs.Attribute], path: str) -> None:
        where = f"{path}.{shown(key, 40)}" if path else shown(key, 40)
        close = difflib.get_close_matches(key, list(schema), n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        allowed = ", ".join(schema)
        self.error(where, f"unknown field{hint} (expected one of: {allowed})")

    def value(self, field: attrs.Attribute, raw: Any, where: str) -> Any:
        kind = field.metadata["kind"]
        if kind == "section" or kind == "optional-section":
            return self.table(field.metadata["type"], raw, where)
        if kind == "sections":
            if not isinstance(raw, list):
                self.error(where, f"expected a list of tables ([[{where}]]), got {_show(raw)}")
                return ()
            if len(raw) > SECTIONS_MAX:
                self.error(where, f"expected at most {SECTIONS_MAX} entries, got {len(raw):,}")
                return ()
            return tuple(
                self.table(field.metadata["type"], entry, f"{where}[{number}]")
                for number, entry in enumerate(raw, start=1)
            )
        if kind == "expected":
            return self.expected(raw, where)
        return self.scalar(field, raw, where)

    def scalar(self, field: attrs.Attribute, raw: Any, where: str) -> Any:
        kind = field.metadata["kind"]
        checked = _check_scalar(kind, field.metadata, raw)
        if isinstance(checked, _Invalid):
            hint = _quoted_hint(kind, raw)
            self.error(where, f"expected {_describe(field)}, got {checked.got}{hint}")
            return None
        return checked

    def expected(self, raw: Any, where: str) -> tuple[Expected, ...]:
        if not isinstance(raw, dict):
            self.error(where, f"expected a table of landlords ([expected.ID]), got {_show(raw)}")
            return ()
        outcomes = []
        for landlord, entry in raw.items():
            path = f"{where}.{shown(landlord, 40)}"
            if not ID_PATTERN.fullmatch(landlord):
                self.error(path, "expected a landlord id of lower-case letters, digits and hyphens")
                continue
            values = self.table(Expected, entry, path)
            if values is not None:
                self.check_golden(values, path)
                outcomes.append((landlord, values))
        return tuple(outcomes)  # built into Expected objects once the file is clean

    def check_golden(self, values: dict[str, Any], path: str) -> None:
        """A golden outcome that no decision could meet is the author's slip: say so."""
        low, high = values.get("min"), values.get("max")
        if low is not None and high is not None and low > high:
            self.error(
                f"{path}.max", f"expected an amount no lower than {path}.min ({low}), got {high}"
            )
        if values.get("approver") is not None and not values["approver"].strip():
            self.error(f"{path}.approver", "expected part of the approver's title, got empty text")

    # ---- dates in order

    def check_date_order(self, values: dict[str, Any]) -> None:
        dates = values["dates"]

        def not_before(
            later: str, later_value: date | None, earlier: str, earlier_value: date | None
        ):
            already_reported = any(error.field == later for error in self.errors)
            if already_reported or later_value is None or earlier_value is None:
                return
            if later_value < earlier_value:
                self.error(
                    later,
                    f"expected a date on or after {earlier} ({earlier_value}), got {later_value}",
                )

        occurred = dates["occurred"]
        not_before("dates.aware", dates["aware"], "dates.occurred", occurred)
        not_before("dates.reported", dates["reported"], "dates.aware", dates["aware"])
        not_before("dates.claimed", dates["claimed"], "dates.aware", dates["aware"])
        not_before("dates.claimed", dates["claimed"], "dates.reported", dates["reported"])
        not_before("dates.resolved", dates["resolved"], "dates.occurred", occurred)
        not_before("dates.repair_target", dates["repair_target"], "dates.occurred", occurred)
        not_before("dates.offer_made", dates["offer_made"], "dates.occurred", occurred)
        not_before(
            "dates.offer_accepted", dates["offer_accepted"], "dates.offer_made", dates["offer_made"]
        )
        if dates["offer_accepted"] is not None and dates["offer_made"] is None:
            self.error(
                "dates.offer_accepted",
                "expected dates.offer_made as well: an offer must be made before it is accepted",
            )
        for number, loss in _entries(values, "amenities_lost"):
            where = f"amenities_lost[{number}]"
            not_before(f"{where}.from", loss["from_"], "dates.occurred", occurred)
            not_before(f"{where}.to", loss["to"], f"{where}.from", loss["from_"])
        for number, cost in _entries(values, "costs"):
            not_before(f"costs[{number}].incurred", cost["incurred"], "dates.occurred", occurred)
        for number, item in _entries(values, "damaged_items"):
            not_before(
                f"damaged_items[{number}].notified", item["notified"], "dates.occurred", occurred
            )
        source = values.get("origin")  # the [source] table
        if source:
            not_before("source.decided", source.get("decided"), "dates.occurred", occurred)
            if source.get("order_adds_to_offer") is not None and source.get("offered") is None:
                self.error(
                    "source.offered",
                    "expected the offer's amount: source.order_adds_to_offer says how the "
                    "order stands to it",
                )
        complaint = values.get("complaint")
        if complaint is not None:
            not_before("complaint.received", complaint.get("received"), "dates.occurred", occurred)
            previous = ("complaint.received", complaint.get("received"))
            for name in (
                "acknowledged",
                "stage1_response",
                "stage2_requested",
                "stage2_acknowledged",
                "stage2_response",
            ):
                if complaint.get(name) is not None:
                    not_before(f"complaint.{name}", complaint[name], *previous)
                    previous = (f"complaint.{name}", complaint[name])


def _entries(values: dict[str, Any], name: str) -> list[tuple[int, dict[str, Any]]]:
    """The readable entries of an array of tables, numbered from 1 as the file has them."""
    return [(n, entry) for n, entry in enumerate(values.get(name, ()), start=1) if entry]


class _Invalid:
    def __init__(self, got: str) -> None:
        self.got = got


def _check_scalar(kind: str, metadata: Any, raw: Any) -> Any:
    """The checked value, or _Invalid describing what was found instead."""
    invalid = _Invalid(_show(raw))
    if kind in ("text", "id") and isinstance(raw, str) and len(raw) > TEXT_MAX:
        return _Invalid(f"text of {len(raw):,} characters (at most {TEXT_MAX:,})")
    if kind == "text":
        return raw if isinstance(raw, str) else invalid
    if kind == "id":
        return raw if isinstance(raw, str) and ID_PATTERN.fullmatch(raw) else invalid
    if kind == "bool":
        return raw if isinstance(raw, bool) else invalid
    if kind == "int":
        if not isinstance(raw, int) or isinstance(raw, bool):
            return invalid
        low, high = metadata.get("minimum"), metadata.get("maximum", INT_MAX)
        if (low is not None and raw < low) or raw > high:
            return _Invalid(_shown_number(raw))
        return raw
    if kind in ("money", "number"):
        if isinstance(raw, bool) or not isinstance(raw, int | Decimal):
            return invalid
        amount = Decimal(raw)
        if not amount.is_finite() or amount < 0:
            return _Invalid(_shown_number(raw))
        if amount > (MONEY_MAX if kind == "money" else NUMBER_MAX):
            return _Invalid(f"{_shown_number(raw)} (too large)")
        if kind == "money" and not has_at_most_two_places(amount):
            return _Invalid(f"{_shown_number(raw)} (more than two decimal places)")
        return amount.copy_abs() if amount == 0 else amount  # -0.0 is 0.0, never "£-0.00"
    if kind == "date":
        if type(raw) is not date:
            return invalid
        if not DATE_MIN <= raw <= DATE_MAX:
            return _Invalid(f"the date {raw.isoformat()} (outside {DATE_MIN} to {DATE_MAX})")
        return raw
    if kind == "choice":
        return raw if isinstance(raw, str) and raw in metadata["choices"] else invalid
    if kind in ("choices", "texts"):
        if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
            return invalid
        if len(raw) > LIST_MAX:
            return _Invalid(f"a list of {len(raw):,} entries (at most {LIST_MAX})")
        if any(len(v) > ENTRY_MAX for v in raw):
            return _Invalid(f"an entry longer than {ENTRY_MAX:,} characters")
        if kind == "texts":
            # a CSV caseload and the web form write a list in one cell, entries parted by
            # ";": an entry holding one, or blank, would not read back as written
            odd = next((v for v in raw if LIST_SEPARATOR in v or not v.strip()), None)
            if odd is not None:
                what = "a blank entry" if not odd.strip() else f"the entry {shown(repr(odd))}"
                return _Invalid(what)
        unknown = [v for v in raw if kind == "choices" and v not in metadata["choices"]]
        return _Invalid(f"unknown {shown(repr(unknown[0]))}") if unknown else tuple(raw)
    raise AssertionError(f"unknown field kind {kind!r}")


def _shown_number(raw: Any) -> str:
    text = str(raw)
    return text if len(text) <= 20 else f"{text[:12]}… (a number of {len(text)} digits)"


def _describe(field: attrs.Attribute) -> str:
    """What a field expects, in words, for error messages."""
    return describe_kind(field.metadata)


def describe_kind(metadata: Any) -> str:
    """What a field of this kind (and range) accepts, in words (errors and the format docs)."""
    kind = metadata["kind"]
    if kind in ("choice", "choices"):
        choices = ", ".join(metadata["choices"])
        return f"one of: {choices}" if kind == "choice" else f"a list drawn from: {choices}"
    minimum = metadata.get("minimum")
    maximum = metadata.get("maximum", INT_MAX)
    whole = f"a whole number from {minimum} to {maximum:,}" if minimum is not None else ""
    return {
        "text": f"text (at most {TEXT_MAX:,} characters)",
        "id": "an id of lower-case letters, digits and hyphens",
        "bool": "true or false",
        "int": whole or f"a whole number, at most {maximum:,}",
        "money": f"an amount in pounds from 0 to {MONEY_MAX:,}, with at most two decimal places",
        "number": f"a number from 0 to {NUMBER_MAX:,}",
        "date": f"a date such as 2026-01-05, from {DATE_MIN} to {DATE_MAX}",
        "texts": f"a list of text (at most {LIST_MAX} entries, none blank or containing ';')",
        "section": "a table",
        "optional-section": "a table",
        "sections": f"a list of tables (at most {SECTIONS_MAX})",
    }.get(kind, kind)


def _fill_defaults(values: dict[str, Any]) -> dict[str, Any]:
    """Fill the defaults that depend on other fields (marked ``derived`` in models.py)."""
    failure = values["failure"]
    if failure.get("responsibility") is None:
        landlord_caused = failure.get("cause", "landlord") in ("landlord", "contractor")
        failure["responsibility"] = "full" if landlord_caused else "none"
    if failure.get("missed_appointments") is None:
        missed_appointment = failure.get("kind") == "missed-appointment"
        failure["missed_appointments"] = 1 if missed_appointment else 0

    dates = {name: None for name in attrs.fields_dict(Dates)} | values["dates"]
    dates["aware"] = dates["aware"] or dates["occurred"]
    dates["reported"] = dates["reported"] or dates["aware"]
    values["dates"] = dates

    household = values.get("household") or {}
    contents_insurance = household.get("contents_insurance", False)
    for _, loss in _entries(values, "amenities_lost"):
        loss["from_"] = loss.get("from_") or dates["occurred"]
        if loss.get("to") is None:
            loss["to"] = dates["resolved"]
    for _, cost in _entries(values, "costs"):
        cost["incurred"] = cost.get("incurred") or dates["occurred"]
    for _, item in _entries(values, "damaged_items"):
        if item.get("value_at_loss") is None:
            item["value_at_loss"] = item.get("replacement_value")
        if item.get("insured") is None:
            item["insured"] = contents_insurance
        item["notified"] = item.get("notified") or dates["reported"]
    return values


def _build(cls: type, values: dict[str, Any], source: str) -> Any:
    """Construct the frozen model from checked values; absent fields take the model's default."""
    built: dict[str, Any] = {}
    for field in attrs.fields(cls):
        if field.name not in values:
            continue
        value = values[field.name]
        kind = field.metadata.get("kind")
        if kind in ("section", "optional-section") and value is not None:
            value = _build(field.metadata["type"], value, source)
        elif kind == "sections":
            value = tuple(_build(field.metadata["type"], entry, source) for entry in value)
        elif kind == "expected":
            value = tuple(
                _build(Expected, {**entry, "landlord": landlord}, source)
                for landlord, entry in value
            )
        built[field.name] = value
    if cls is Scenario:
        built["source"] = source
    return cls(**built)
