"""CSV caseloads: one case per row, as a landlord would export them from its case system.

Columns are named by the scenario fields with dots: ``failure.kind``, ``dates.occurred``,
``household.weekly_rent``; ``id`` and ``title`` as at the top of a scenario file. The rules:

- An empty cell means the field's default. A table whose cells are all empty is absent.
- A list of choices or texts (``household.vulnerabilities``, ``tags``,
  ``source.quoted_in``) is written in one cell, separated by semicolons:
  ``disability; young-children``.
- A list of tables (``amenities_lost``, ``costs``, ``damaged_items``) has numbered columns, from
  1: ``costs.1.kind``, ``costs.1.amount``, ``costs.2.kind`` … An entry whose cells are all
  empty is absent.
- true/false, whole numbers, amounts in pounds (``105.00``) and dates (``2026-01-05``) are
  written as in a scenario file, without quotes.
- Golden outcomes may be given as ``expected.LANDLORD.FIELD`` (``expected.alliance.total``).

Each row is checked by the scenario loader itself, so the same rules and messages apply; an
error names the file, the row (counting the header as row 1, as a spreadsheet does) and the
column.
"""

from __future__ import annotations

import contextlib
import csv
import difflib
import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import attrs

from compsim.errors import ScenarioError, ScenarioErrors
from compsim.models import Expected, Scenario
from compsim.scenarios import LIST_SEPARATOR, load_data

MAX_ROW_CELLS = 2_000


NO_CASES = "expected at least one case (a row) below the header row"


def is_csv(path: Path) -> bool:
    return path.suffix.lower() == ".csv"


# ---------------------------------------------------------------- the columns a caseload has


def _key(field: attrs.Attribute) -> str:
    return field.metadata.get("key") or field.name


def _fields(cls: type) -> dict[str, attrs.Attribute]:
    return {_key(f): f for f in attrs.fields(cls) if f.metadata.get("kind")}


def column_kind(column: str) -> str | None:
    """The scalar kind of a column (``money``, ``date`` …), or None for no such column."""
    parts = column.split(".")
    if parts[0] == "expected":
        if len(parts) != 3:
            return None
        field = _fields(Expected).get(parts[2])
        return field.metadata["kind"] if field else None
    cls: type = Scenario
    index = 0
    while index < len(parts):
        field = _fields(cls).get(parts[index])
        if field is None:
            return None
        kind = field.metadata["kind"]
        if kind in ("section", "optional-section"):
            cls = field.metadata["type"]
            index += 1
            continue
        if kind == "sections":  # numbered from 1: costs.1.amount
            if index + 1 >= len(parts) or not re.fullmatch(r"[1-9]\d{0,5}", parts[index + 1]):
                return None
            cls = field.metadata["type"]
            index += 2
            continue
        return kind if index == len(parts) - 1 else None
    return None


def all_columns(entries: int = 2) -> list[str]:
    """Every column a caseload may have, in the scenario format's order, with ``entries``
    numbered entries of each list of tables."""
    columns: list[str] = []

    def walk(cls: type, prefix: str) -> None:
        for key, field in _fields(cls).items():
            kind = field.metadata["kind"]
            if kind == "expected":
                continue
            if kind in ("section", "optional-section"):
                walk(field.metadata["type"], f"{prefix}{key}.")
            elif kind == "sections":
                for number in range(1, entries + 1):
                    walk(field.metadata["type"], f"{prefix}{key}.{number}.")
            else:
                columns.append(f"{prefix}{key}")

    walk(Scenario, "")
    return columns


# ---------------------------------------------------------------- reading


def _cell_value(kind: str, text: str) -> Any:
    """A cell's text as the typed value a TOML file would hold; text the loader will refuse
    (with its own message) when it is not of the kind."""
    if kind in ("choices", "texts"):
        return [part.strip() for part in text.split(LIST_SEPARATOR) if part.strip()]
    if kind == "bool":
        return {"true": True, "false": False}.get(text.lower(), text)
    if kind == "int":
        return int(text) if re.fullmatch(r"-?\d{1,30}", text) else text
    if kind in ("money", "number"):
        if not re.fullmatch(r"-?\d{1,20}(\.\d{1,20})?", text):
            return text
        try:
            return Decimal(text)
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            return text
    if kind == "date":
        try:
            return date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d\d-\d\d", text) else text
        except ValueError:
            return text
    return text


def row_data(
    row: dict[str, str], source: str, numbering: dict[str, list[str]] | None = None
) -> tuple[dict[str, Any], list[ScenarioError]]:
    """One CSV row → the nested data of a scenario file; unknown columns are errors. A list's
    numbered columns become its entries in number order (costs.2 and costs.7 are its first and
    second); ``numbering``, when given, gets each list's column numbers in that order, so an
    error can name the column as the file writes it."""
    data: dict[str, Any] = {}
    errors: list[ScenarioError] = []
    known = None
    for column, raw in row.items():
        if not (raw or "").strip():
            continue
        kind = column_kind(column)
        text = raw if kind == "text" else raw.strip()
        if kind is None:
            known = known or all_columns()
            close = difflib.get_close_matches(column, known, n=1, cutoff=0.7)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            errors.append(ScenarioError(source, column, f"unknown column{hint}"))
            continue
        target = data
        parts = column.split(".")
        for part in parts[:-1]:
            target = target.setdefault(part, {})
        target[parts[-1]] = _cell_value(kind, text)
    for name, value in list(data.items()):
        if name in ("amenities_lost", "costs", "damaged_items"):
            numbers = sorted(value, key=int)
            data[name] = [value[number] for number in numbers]
            if numbering is not None:
                numbering[name] = numbers
    return data, errors


def _column_name(field: str, numbering: dict[str, list[str]]) -> str:
    """The loader's field path as the file's column: ``costs[1].amount`` → ``costs.N.amount``,
    N the number of the list's first entry as the file writes it."""

    def column(match: re.Match) -> str:
        numbers = numbering.get(match[1], [])
        entry = int(match[2])
        return f"{match[1]}.{numbers[entry - 1] if entry <= len(numbers) else entry}"

    return re.sub(r"(\w+)\[(\d+)\]", column, field)


@contextlib.contextmanager
def open_rows(path: Path) -> Iterator[Iterator[tuple[int, dict[str, str]]]]:
    """The rows of a CSV caseload, numbered as a spreadsheet numbers them (the header is row
    1), read as they are used. Blank rows are skipped. A file that cannot be read as CSV, or a
    row with more cells than the header, raises ScenarioErrors naming the file (and row)."""
    source = str(path)
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as error:
        raise ScenarioErrors(
            [ScenarioError(source, "", f"cannot read the file: {error.strerror}")]
        ) from None
    with handle:
        try:
            reader = csv.DictReader(handle)
            header = reader.fieldnames
        except (UnicodeDecodeError, csv.Error) as error:
            raise _unreadable(source, error) from None
        if not header:
            raise ScenarioErrors(
                [ScenarioError(source, "", "expected a header row naming the columns")]
            )
        duplicated = sorted({c for c in header if header.count(c) > 1})
        if duplicated:
            raise ScenarioErrors(
                [ScenarioError(source, duplicated[0], "the column appears more than once")]
            )
        yield _numbered(reader, source)


def _numbered(reader: csv.DictReader, source: str) -> Iterator[tuple[int, dict[str, str]]]:
    number = 1  # the header
    try:
        for number, row in enumerate(reader, start=2):
            if None in row:
                cells = [*row.values(), *(row.get(None) or ())]  # type: ignore[call-overload]
                joined = any("\n" in str(cell) for cell in cells if cell)
                hint = " (a quote left open joins lines into one row)" if joined else ""
                raise ScenarioErrors(
                    [
                        ScenarioError(
                            f"{source}: row {number}",
                            "",
                            f"more cells than the header has columns{hint}",
                        )
                    ]
                )
            if any((v or "").strip() for v in row.values()):
                yield number, row
    except (UnicodeDecodeError, csv.Error) as error:
        raise _unreadable(f"{source}: row {number + 1}", error) from None


def _unreadable(source: str, error: Exception) -> ScenarioErrors:
    if isinstance(error, UnicodeDecodeError):
        return ScenarioErrors([ScenarioError(source, "", "expected a UTF-8 CSV text file")])
    text = str(error)
    if "field larger than field limit" in text:
        text = (
            f"a cell is longer than {csv.field_size_limit():,} characters (a quote left open "
            "runs a cell on to the end of the file)"
        )
    return ScenarioErrors([ScenarioError(source, "", f"not valid CSV: {text}")])


def row_scenario(row: dict[str, str], where: str, number: int) -> Scenario | ScenarioErrors:
    """One row as a Scenario, or the errors found in it (each naming the row and column)."""
    numbering: dict[str, list[str]] = {}
    data, errors = row_data(row, where, numbering)
    if errors:
        return ScenarioErrors(errors)
    try:
        return load_data(data, where, stem=f"row-{number}")
    except ScenarioErrors as found:
        return ScenarioErrors(
            [
                ScenarioError(e.file, _column_name(e.field, numbering), e.expected)
                for e in found.errors
            ]
        )


def load_csv(path: Path) -> list[Scenario]:
    """Every case in a CSV caseload; ScenarioErrors lists every error in every row."""
    scenarios: list[Scenario] = []
    errors: list[ScenarioError] = []
    source = str(path)
    with open_rows(path) as rows:
        for number, row in rows:
            result = row_scenario(row, f"{source}: row {number}", number)
            if isinstance(result, ScenarioErrors):
                errors.extend(result.errors)
            else:
                scenarios.append(result)
    if errors:
        raise ScenarioErrors(errors)
    if not scenarios:
        raise ScenarioErrors([ScenarioError(source, "", NO_CASES)])
    return scenarios


# ---------------------------------------------------------------- writing


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return f"{LIST_SEPARATOR} ".join(str(v) for v in value)
    return str(value)


def scenario_row(scenario: Scenario) -> dict[str, str]:
    """A scenario as one CSV row (every value it holds, defaults included), so that reading
    the row back gives the same scenario."""
    row: dict[str, str] = {}

    def walk(obj: Any, prefix: str) -> None:
        for field in attrs.fields(type(obj)):
            kind = field.metadata.get("kind")
            if not kind:
                continue
            value = getattr(obj, field.name)
            key = f"{prefix}{_key(field)}"
            if kind == "expected":
                for expected in value:
                    for sub in attrs.fields(Expected):
                        if sub.metadata.get("kind") and getattr(expected, sub.name) is not None:
                            name = f"expected.{expected.landlord}.{sub.name}"
                            row[name] = _cell_text(getattr(expected, sub.name))
            elif kind in ("section", "optional-section"):
                if value is not None:
                    walk(value, f"{key}.")
            elif kind == "sections":
                for number, entry in enumerate(value, start=1):
                    walk(entry, f"{key}.{number}.")
            else:
                row[key] = _cell_text(value)

    walk(scenario, "")
    return row


def write_csv(scenarios: list[Scenario], handle: Any) -> None:
    """Write scenarios as a caseload: the header is every column any of them uses."""
    rows = [scenario_row(s) for s in scenarios]
    columns = list(dict.fromkeys(c for row in rows for c in row))
    writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def template(example: Scenario) -> str:
    """An empty caseload with every column (two entries of each list of tables) and one
    worked example row."""
    import io

    example_row = scenario_row(example)
    columns = all_columns()
    columns.extend(c for c in example_row if c not in columns)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", restval="")
    writer.writeheader()
    writer.writerow(example_row)
    return out.getvalue()
