"""The case form, generated from the scenario schema (the attrs field metadata in models.py),
and the way back: submitted form values → scenario data → the loader's own checks.

Inputs are named as CSV caseload columns are (``dates.occurred``, ``costs.1.amount``), so the
same reading of text applies (compsim.caseload.csvfile): an empty input means the field's
default, a list of choices is several values (or text separated by semicolons), and an entry
of a list of tables whose inputs are all empty is absent. The loader's error paths
(``costs[1].amount``) are mapped back to the input that holds the value.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from compsim.caseload.csvfile import column_kind, row_data
from compsim.errors import ScenarioError, ScenarioErrors
from compsim.models import Scenario
from compsim.money import has_at_most_two_places
from compsim.scenarios import LIST_SEPARATOR, load_data

SOURCE = "the form"
NEW_ID = "new-case"
LIST_KINDS = ("choices", "texts")
MAX_ENTRIES = 50  # entries of one list of tables a form may hold


@attrs.frozen
class Field:
    """One input: ``name`` is the input's name (``__N__`` stands for an entry's number)."""

    name: str
    key: str
    kind: str
    help: str
    expects: str
    default: str
    required: bool
    choices: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.key.replace("_", " ")

    def numbered(self, number: int) -> Field:
        return attrs.evolve(self, name=self.name.replace("__N__", str(number)))


@attrs.frozen
class Group:
    """The fields of the scenario's top level, of one table, or of one list of tables."""

    key: str  # "" for the top level
    kind: str  # "top", "section", "optional-section" or "sections"
    help: str
    fields: tuple[Field, ...]

    @property
    def title(self) -> str:
        return self.key.replace("_", " ").capitalize() if self.key else "The case"

    def entries(self, values: Mapping[str, str]) -> list[int]:
        """The entry numbers a list of tables holds in ``values`` (at least one, so the form
        shows where to start)."""
        pattern = re.compile(rf"{re.escape(self.key)}\.(\d+)\.")
        found = {int(m[1]) for name in values if (m := pattern.match(name))}
        return sorted(found) or [1]


def _help(field: attrs.Attribute) -> str:
    """The field's help text (metadata ``help``, as the format documentation has it)."""
    text = field.metadata.get("help", "")
    return text if isinstance(text, str) else ""


def _default(field: attrs.Attribute) -> str:
    if "default_from" in field.metadata:
        return str(field.metadata["default_from"])
    if field.default is attrs.NOTHING or field.default is None:
        return ""
    if isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
        return ""
    return value_text(field.default)


def _key(field: attrs.Attribute) -> str:
    return field.metadata.get("key") or field.name


def _expects(field: attrs.Attribute) -> str:
    from compsim.scenarios import _describe  # the loader's own words for what a field takes

    return _describe(field)


def _fields(cls: type, prefix: str) -> tuple[Field, ...]:
    out = []
    for field in attrs.fields(cls):
        kind = field.metadata.get("kind")
        if not kind or kind in ("section", "optional-section", "sections", "expected"):
            continue
        out.append(
            Field(
                name=f"{prefix}{_key(field)}",
                key=_key(field),
                kind=kind,
                help=_help(field),
                expects=_expects(field),
                default=_default(field),
                required=field.default is attrs.NOTHING,
                choices=tuple(field.metadata.get("choices", ())),
            )
        )
    return tuple(out)


def schema_groups() -> list[Group]:
    """The form: the top-level fields, then each table and list of tables in format order.
    Golden outcomes (``[expected.*]``) are for the library's tests and are not on the form."""
    groups = [Group("", "top", "", _fields(Scenario, ""))]
    for field in attrs.fields(Scenario):
        kind = field.metadata.get("kind")
        if kind in ("section", "optional-section"):
            key = _key(field)
            groups.append(
                Group(key, kind, _help(field), _fields(field.metadata["type"], f"{key}."))
            )
        elif kind == "sections":
            key = _key(field)
            fields = _fields(field.metadata["type"], f"{key}.__N__.")
            groups.append(Group(key, kind, _help(field), fields))
    return groups


# ---------------------------------------------------------------- values ↔ text


def value_text(value: Any) -> str:
    """A typed value as the text an input holds."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return f"{value:.2f}" if has_at_most_two_places(value) else format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return f"{LIST_SEPARATOR} ".join(str(v) for v in value)
    return str(value)


def flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    """Scenario data as read from a TOML file → input names and texts (golden outcomes are
    left out: they are not on the form)."""
    values: dict[str, str] = {}
    for key, value in data.items():
        if not prefix and key == "expected":
            continue
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            values.update(flatten(value, f"{name}."))
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for number, entry in enumerate(value, start=1):
                values.update(flatten(entry, f"{name}.{number}."))
        elif isinstance(value, Decimal) and column_kind(name) != "money":
            values[name] = format(value, "f")  # money shows two decimals; hours as written
        else:
            values[name] = value_text(value)
    return values


# ---------------------------------------------------------------- the way back


@attrs.frozen
class Checked:
    """What a form held: its values (as typed), the scenario data it gives, and either the
    Scenario or the errors, each keyed by the input it belongs to ("" for the whole case)."""

    values: dict[str, str]
    data: dict[str, Any]
    scenario: Scenario | None
    errors: dict[str, str]


def form_values(items: Sequence[tuple[str, str]]) -> dict[str, str]:
    """The scenario inputs of a submitted form (names without ``:``); a name given more than
    once (checkboxes of a list of choices) is joined with semicolons."""
    values: dict[str, list[str]] = {}
    for name, text in items:
        if ":" in name:
            continue
        values.setdefault(name, []).append(text)
    return {
        name: f"{LIST_SEPARATOR} ".join(t for t in texts if t) for name, texts in values.items()
    }


def check(values: dict[str, str]) -> Checked:
    """Read the form's values with the scenario loader. Never raises for bad input."""
    data, found = row_data(values, SOURCE)
    errors = {e.field: f"unknown field {e.field!r}" for e in found}
    too_many = _too_many_entries(data)
    if too_many:
        errors[too_many] = f"expected at most {MAX_ENTRIES} entries"
    if errors:
        return Checked(values, data, None, errors)
    numbers = _entry_numbers(values)
    stem = values.get("id", "").strip() or NEW_ID
    try:
        scenario = load_data(
            data, SOURCE, stem=stem if re.fullmatch(r"[a-z0-9-]+", stem) else NEW_ID
        )
    except ScenarioErrors as failed:
        return Checked(values, data, None, _keyed(failed.errors, numbers))
    return Checked(values, data, scenario, {})


def _too_many_entries(data: dict[str, Any]) -> str:
    for name, value in data.items():
        is_entries = isinstance(value, list) and value and isinstance(value[0], dict)
        if is_entries and len(value) > MAX_ENTRIES:
            return name
    return ""


def _entry_numbers(values: Mapping[str, str]) -> dict[str, list[int]]:
    """For each list of tables, the input numbers of its non-empty entries in order: the
    loader's ``costs[2]`` is the second of these."""
    numbers: dict[str, set[int]] = {}
    for name, text in values.items():
        match = re.fullmatch(r"([a-z_]+)\.(\d+)\.[a-z_]+", name)
        if match and text.strip():
            numbers.setdefault(match[1], set()).add(int(match[2]))
    return {key: sorted(found) for key, found in numbers.items()}


def input_name(field: str, numbers: Mapping[str, list[int]]) -> str:
    """The loader's field path → the input's name: ``costs[2].amount`` → ``costs.5.amount``
    when the second non-empty cost entry is the form's fifth."""

    def entry(match: re.Match[str]) -> str:
        position = int(match[2])
        listed = numbers.get(match[1], [])
        number = listed[position - 1] if 0 < position <= len(listed) else position
        return f"{match[1]}.{number}"

    return re.sub(r"([a-z_]+)\[(\d+)\]", entry, field)


def _keyed(errors: Sequence[ScenarioError], numbers: Mapping[str, list[int]]) -> dict[str, str]:
    keyed: dict[str, str] = {}
    for error in errors:
        name = input_name(error.field, numbers)
        keyed[name] = f"{keyed[name]}; {error.expected}" if name in keyed else error.expected
    return keyed


def on_form(name: str, groups: Sequence[Group]) -> bool:
    """Whether the form shows a message for this input name (a field, a table or an entry)."""
    for group in groups:
        if group.key and (name == group.key or re.fullmatch(rf"{group.key}\.\d+", name)):
            return True
        for field in group.fields:
            pattern = re.escape(field.name).replace("__N__", r"\d+")
            if re.fullmatch(pattern, name):
                return True
    return False
