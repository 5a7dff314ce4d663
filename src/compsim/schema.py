"""The scenario format described from its one definition, the models' field metadata.

``field_descriptions()`` lists every field of the format (its table, TOML key, what it
accepts, its default and its meaning): the API a form or an editor builds on.
``markdown()`` is docs/scenario-format.md (``compsim schema``); ``json_schema()`` is a JSON
Schema of a scenario file (``compsim schema --format json``), for editors that validate TOML
against one (TOML dates appear there as ISO date strings).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import attrs

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
    Expected,
    Scenario,
)
from compsim.scenarios import FORMAT_VERSION, ID_PATTERN, describe_kind


@attrs.frozen
class FieldDescription:
    """One field of the scenario format."""

    table: str  # "" for the top level, else "household", "costs", "expected.LANDLORD" ...
    key: str  # the TOML key
    kind: str  # text, id, bool, int, money, number, date, choice, choices, texts
    accepts: str  # what it accepts, in words (as in error messages)
    default: str  # "required", a value, or where the default comes from
    required: bool
    help: str
    choices: tuple[str, ...] = ()
    minimum: int | Decimal | None = None
    maximum: int | Decimal | None = None

    @property
    def path(self) -> str:
        return f"{self.table}.{self.key}" if self.table else self.key


@attrs.frozen
class TableDescription:
    """One table of the format: ``[household]``, ``[[costs]]``, ``[expected.LANDLORD]``."""

    name: str
    heading: str  # as written in a file: [household], [[costs]]
    help: str
    required: bool
    many: bool  # an array of tables
    fields: tuple[FieldDescription, ...]


def _key(field: attrs.Attribute) -> str:
    return field.metadata.get("key") or field.name


def _default(field: attrs.Attribute) -> tuple[str, bool]:
    if "default_from" in field.metadata:
        return field.metadata["default_from"], False
    if field.default is attrs.NOTHING:
        return "required", True
    value = field.default
    if isinstance(value, attrs.Factory):  # type: ignore[arg-type]
        return "", False
    if value is None:
        return "none", False
    if isinstance(value, bool):
        return ("true" if value else "false"), False
    if value == ():
        return "[]", False
    if value == "":
        return '""', False
    return str(value), False


def _range(field: attrs.Attribute) -> tuple[Any, Any]:
    kind = field.metadata["kind"]
    if kind == "int":
        return field.metadata.get("minimum"), field.metadata.get("maximum", INT_MAX)
    if kind == "money":
        return Decimal(0), MONEY_MAX
    if kind == "number":
        return Decimal(0), NUMBER_MAX
    return None, None


def _fields(cls: type, table: str) -> tuple[FieldDescription, ...]:
    described = []
    for field in attrs.fields(cls):
        kind = field.metadata.get("kind")
        if kind is None or kind in ("section", "optional-section", "sections", "expected"):
            continue
        default, required = _default(field)
        low, high = _range(field)
        described.append(
            FieldDescription(
                table=table,
                key=_key(field),
                kind=kind,
                accepts=describe_kind(field.metadata),
                default=default,
                required=required,
                help=field.metadata.get("help", ""),
                choices=tuple(field.metadata.get("choices", ())),
                minimum=low,
                maximum=high,
            )
        )
    return tuple(described)


def tables() -> tuple[TableDescription, ...]:
    """Every table of the format in file order, the top level first (name "")."""
    described = [TableDescription("", "top level", "", True, False, _fields(Scenario, ""))]
    for field in attrs.fields(Scenario):
        kind = field.metadata.get("kind")
        key = _key(field)
        help_text = field.metadata.get("help", "")
        if kind in ("section", "optional-section"):
            required = field.default is attrs.NOTHING
            cls = field.metadata["type"]
            described.append(
                TableDescription(key, f"[{key}]", help_text, required, False, _fields(cls, key))
            )
        elif kind == "sections":
            cls = field.metadata["type"]
            described.append(
                TableDescription(key, f"[[{key}]]", help_text, False, True, _fields(cls, key))
            )
        elif kind == "expected":
            name = "expected.LANDLORD"
            described.append(
                TableDescription(
                    name, f"[{name}]", help_text, False, False, _fields(Expected, name)
                )
            )
    return tuple(described)


def field_descriptions() -> tuple[FieldDescription, ...]:
    """Every field of the scenario format, table by table, in file order."""
    return tuple(field for table in tables() for field in table.fields)


# ---------------------------------------------------------------- markdown

INTRO = f"""\
# Scenario file format, version {FORMAT_VERSION}

<!-- Generated from the field metadata in src/compsim/models.py by `compsim schema`.
     Do not edit by hand: change the models and run
     `compsim schema > docs/scenario-format.md` (a test fails when the two differ). -->

A scenario is one compensation claim, described by facts only: what went wrong, to whom,
when, and what it cost. It says nothing about any landlord's policy, so the same file runs
through every plugin. This format is a published interface: once a field ships, its name
and meaning stay. New optional fields may be added; a removed or renamed field needs a new
`format` number and a migration.

Files are TOML, money read as exact decimals, never floats. One file holds one scenario;
a directory is read recursively (`*.toml`, in sorted path order). `compsim validate` checks
files, `compsim new-scenario ID` writes a commented template, and
`compsim schema --format json` prints a JSON Schema of this format for editors.

Rules the loader keeps:
- Unknown keys are an error (with a "did you mean" suggestion), never silently ignored.
- Every error names the file, the field path (`dates.resolved`) and what was expected; a
  TOML syntax error keeps its line and column. Long values are cut in messages.
- Dates must be in order where order is implied (`occurred <= aware <= reported <=
  claimed`, `occurred <= resolved`, an amenity's `from <= to`, complaint dates in the order
  of the process). An amenity's own `to` may be after `resolved`: a room can stay unusable
  while it is made good after the failure itself is put right. A determination's
  `source.decided` is not before `dates.occurred`.
- A golden outcome must be one a decision could meet: an `[expected.ID]` table's `min` is
  not above its `max`, and its `approver` is not empty. The `title` is not empty, and each
  of `household.vulnerabilities` appears once.
- A number, date or true/false written in quotes is text in TOML: the error says to drop
  the quotes.
- A file may start with a UTF-8 byte-order mark (as Windows Notepad writes one).
- Defaults are applied by the loader, so plugins always see complete values.

Bounds (values outside them are refused, so no claim can make a policy count billions of
days or pounds):

| bound | value |
|---|---|
| dates | from {DATE_MIN} to {DATE_MAX} |
| money | from 0 to {MONEY_MAX:,} pounds, at most two decimal places (`-0.0` reads as 0) |
| other numbers | from 0 to {NUMBER_MAX:,} |
| whole numbers | as each field says; never more than {INT_MAX:,} |
| text | at most {TEXT_MAX:,} characters |
| lists of text | at most {LIST_MAX} entries, each at most {ENTRY_MAX:,} characters |
| arrays of tables | at most {SECTIONS_MAX} entries each |
| nesting | tables and lists at most {DEPTH_MAX} levels deep |
"""

EXAMPLE = """\
## Example

```toml
title = "Kitchen unusable for five weeks past the repair target"
tags = ["loss-of-amenity", "repairs"]

[household]
weekly_rent = 105.00

[failure]
kind = "loss-of-amenity"
distress = "moderate"
reports = 3

[dates]
occurred = 2026-01-05
repair_target = 2026-01-19
resolved = 2026-02-23
claimed = 2026-03-02

[[amenities_lost]]
amenity = "kitchen"

[[costs]]
kind = "food"
amount = 64.20
evidence = true
```
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _accepts_cell(field: FieldDescription) -> str:
    if field.kind in ("choice", "choices"):
        choices = ", ".join(f"`{c}`" for c in field.choices)
        return f"one of {choices}" if field.kind == "choice" else f"a list of {choices}"
    return _cell(field.accepts)


def _default_cell(field: FieldDescription) -> str:
    if field.required:
        return "required"
    if field.kind == "choice" or (field.kind == "bool" and field.default in ("true", "false")):
        return f"`{field.default}`"
    if _literal_default(field) is None and " " not in field.default and field.default != "none":
        return f"`{field.default}`"  # another field: dates.occurred
    return _cell(field.default)


def _table_lines(table: TableDescription) -> Iterator[str]:
    if table.name == "":
        yield "## Top level"
    else:
        notes = []
        if table.many:
            notes.append(f"zero or more, at most {SECTIONS_MAX}")
        elif not table.required:
            notes.append("optional" if table.name != "expected.LANDLORD" else "zero or more")
        elif table.name in ("failure", "dates"):
            notes.append("required")
        suffix = f"  ({'; '.join(notes)})" if notes else ""
        yield f"## {table.heading}{suffix}"
        if table.help:
            yield ""
            yield table.help[0].upper() + table.help[1:] + "."
    if table.name == "expected.LANDLORD":
        yield ""
        yield (
            "LANDLORD is a policy id (`alliance`). Any subset of these may be given; "
            "`compsim test` checks each one given. Work them by hand from the policy text, "
            "and show the working in a comment above the table."
        )
    yield ""
    yield "| field | accepts | default | meaning |"
    yield "|---|---|---|---|"
    for field in table.fields:
        yield (
            f"| `{field.key}` | {_accepts_cell(field)} | {_default_cell(field)} "
            f"| {_cell(field.help)} |"
        )
    yield ""


def markdown() -> str:
    """docs/scenario-format.md: the whole format, generated from the models."""
    lines = [INTRO]
    for table in tables():
        lines.extend(_table_lines(table))
    lines.append(EXAMPLE)
    return "\n".join(lines)


# ---------------------------------------------------------------- JSON Schema


def _json_type(field: FieldDescription) -> dict[str, Any]:
    kind = field.kind
    schema: dict[str, Any]
    if kind == "text":
        schema = {"type": "string", "maxLength": TEXT_MAX}
    elif kind == "id":
        schema = {"type": "string", "pattern": f"^{ID_PATTERN.pattern}$", "maxLength": TEXT_MAX}
    elif kind == "bool":
        schema = {"type": "boolean"}
    elif kind in ("int", "money", "number"):
        schema = {"type": "integer" if kind == "int" else "number"}
        if field.minimum is not None:
            schema["minimum"] = _number(field.minimum)
        if field.maximum is not None:
            schema["maximum"] = _number(field.maximum)
    elif kind == "date":
        schema = {
            "type": "string",
            "format": "date",
            "pattern": r"^\d{4}-\d{2}-\d{2}$",
            "formatMinimum": DATE_MIN.isoformat(),
            "formatMaximum": DATE_MAX.isoformat(),
        }
    elif kind == "choice":
        schema = {"enum": list(field.choices)}
    elif kind == "choices":
        schema = {
            "type": "array",
            "items": {"enum": list(field.choices)},
            "uniqueItems": False,
            "maxItems": LIST_MAX,
        }
    elif kind == "texts":
        schema = {"type": "array", "items": {"type": "string", "maxLength": ENTRY_MAX}}
        schema["maxItems"] = LIST_MAX
    else:  # pragma: no cover - every kind is listed above
        raise AssertionError(kind)
    schema["description"] = field.help
    default = None if field.required else _json_default(field)
    if default is not None:
        schema["default"] = default
    return schema


def _number(value: int | Decimal) -> int | float:
    return int(value) if value == int(value) else float(value)


def _json_default(field: FieldDescription) -> Any:
    text = _literal_default(field)
    if text is None:
        return None
    if field.kind == "bool":
        return text == "true"
    if field.kind in ("int", "money", "number"):
        return _number(Decimal(text))
    if field.kind == "choice":
        return field.default
    if text == "[]":
        return []
    return None


def _object(table: TableDescription) -> dict[str, Any]:
    return {
        "type": "object",
        "description": table.help,
        "properties": {f.key: _json_type(f) for f in table.fields},
        "required": [f.key for f in table.fields if f.required],
        "additionalProperties": False,
    }


def json_schema() -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of a scenario file, TOML dates as ISO date strings."""
    described = tables()
    top = described[0]
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://compsim.invalid/schema/scenario-format-1.json",
        "title": f"compsim scenario, format {FORMAT_VERSION}",
        "description": "One compensation claim, facts only (docs/scenario-format.md).",
        **_object(top),
    }
    properties = schema["properties"]
    for table in described[1:]:
        if table.name == "expected.LANDLORD":
            properties["expected"] = {
                "type": "object",
                "description": table.help,
                "propertyNames": {"pattern": f"^{ID_PATTERN.pattern}$"},
                "additionalProperties": _object(table),
            }
        elif table.many:
            properties[table.name] = {
                "type": "array",
                "description": table.help,
                "maxItems": SECTIONS_MAX,
                "items": _object(table),
            }
        else:
            properties[table.name] = _object(table)
            if table.required:
                schema["required"].append(table.name)
    return schema


# ---------------------------------------------------------------- a template


def _toml_value(field: FieldDescription, day: date) -> str:
    """An example value for a required field."""
    if field.kind == "choice":
        return f'"{field.choices[0]}"'
    if field.kind == "date":
        return day.isoformat()
    if field.kind in ("money", "number"):
        return "0.00"
    if field.kind == "int":
        return str(field.minimum or 0)
    if field.kind == "bool":
        return "false"
    return '"TODO"'


def _literal_default(field: FieldDescription) -> str | None:
    """The default as a TOML value, or None when it is none or comes from another field."""
    if field.kind == "choice":
        return f'"{field.default}"' if field.default in field.choices else None
    if field.default in ("", "none") or " " in field.default:
        return None
    if field.kind == "text":
        return field.default if field.default == '""' else None
    if field.kind in ("int", "money", "number"):
        return field.default if _is_number(field.default) else None
    if "." in field.default:
        return None  # another field, such as dates.occurred
    return field.default


def _is_number(text: str) -> bool:
    try:
        return Decimal(text).is_finite()
    except ArithmeticError:
        return False


def _comment(field: FieldDescription) -> str:
    words = field.help
    if field.kind in ("choice", "choices"):
        words += f" ({', '.join(field.choices)})"
    return f"  # {words}" if words else ""


def template(scenario_id: str, day: date) -> str:
    """A commented scenario file that validates: the required fields filled with example
    values (dated ``day``), every optional field commented out with its default."""
    lines = [
        f"# A compsim scenario (format {FORMAT_VERSION}): the facts of one claim, nothing about",
        "# any policy. Every field is described in docs/scenario-format.md (compsim schema).",
        "# Lines starting with # are optional, shown with their defaults: remove the # to",
        "# set one. Check the file with: compsim validate FILE",
        "",
    ]
    for table in tables():
        if table.name == "expected.LANDLORD":
            continue
        enabled = table.required or table.name == ""
        prefix = "" if enabled else "# "
        if table.name:
            lines.append("")
            if table.help:
                lines.append(f"# {table.help[0].upper()}{table.help[1:]}.")
            lines.append(prefix + table.heading)
        for field in table.fields:
            if field.key == "id":
                lines.append(f'id = "{scenario_id}"{_comment(field)}')
            elif field.key == "format":
                lines.append(f"format = {FORMAT_VERSION}{_comment(field)}")
            elif field.key == "title":
                lines.append(f'title = "TODO: what went wrong, in one line"{_comment(field)}')
            elif field.required:
                lines.append(f"{prefix}{field.key} = {_toml_value(field, day)}{_comment(field)}")
            elif _literal_default(field) is None:
                example = _toml_value(field, day)
                lines.append(
                    f"# {field.key} = {example}{_comment(field)} (default: {field.default})"
                )
            else:
                lines.append(f"# {field.key} = {_literal_default(field)}{_comment(field)}")
    lines += [
        "",
        "# Golden outcomes, worked by hand from the policy text (compsim test checks them):",
        "# [expected.LANDLORD]",
        "# total = 0.00",
        "",
    ]
    return "\n".join(lines)
