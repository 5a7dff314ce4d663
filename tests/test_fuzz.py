"""Fuzz the whole way in: shipped scenarios, mutated (fields dropped, wrong types, huge and
tiny numbers, long and odd strings, extreme dates, deep nesting), written as TOML and run
through validate, compare and explain in-process. Each run either succeeds, with every
settlement adding up to its award, or fails with one-line errors naming the file. Never a
traceback, never "internal error".

The fast test runs a few dozen examples; the ``slow`` one (CI runs it) a few hundred, and
HYPOTHESIS_PROFILE=thorough as many as that profile's max_examples.
"""

from __future__ import annotations

import json
import re
import tomllib
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import event as hypothesis_event
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from compsim.cli import cli
from compsim.scenarios import library_path, scenario_files

SHIPPED = [
    tomllib.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    for path in scenario_files([library_path()])
]
PROFILE_EXAMPLES = settings().max_examples  # the loaded profile's (ci 60, dev 200, thorough 2000)


def event(text: str) -> None:
    """Count a kind of draw (hypothesis statistics), when running under hypothesis."""
    if currently_in_test_context():
        hypothesis_event(text)


# ---------------------------------------------------------------- TOML out


def _key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value)  # JSON string escapes are valid TOML basic-string escapes
    if isinstance(value, int | Decimal):
        text = str(value)
        return text if "E" not in text else f"{value:f}"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list):
        depth = 0
        while isinstance(value, list) and len(value) == 1 and isinstance(value[0], list):
            value, depth = value[0], depth + 1  # deep nesting, written without recursion
        inner = "[" + ", ".join(_value(v) for v in value) + "]"
        return "[" * depth + inner + "]" * depth
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(type(value))


def to_toml(data: dict[str, Any]) -> str:
    """A TOML document for data whose tables are dicts and arrays of tables lists of dicts."""
    lines: list[str] = []
    tables: list[tuple[str, Any]] = []
    for key, value in data.items():
        is_array_of_tables = isinstance(value, list) and all(isinstance(v, dict) for v in value)
        if isinstance(value, dict) or (value and is_array_of_tables):
            tables.append((key, value))
        else:
            lines.append(f"{_key(key)} = {_value(value)}")
    for key, value in tables:
        if isinstance(value, list):
            for entry in value:
                lines += ["", f"[[{_key(key)}]]"]
                lines += [f"{_key(k)} = {_value(v)}" for k, v in entry.items()]
        else:
            lines += ["", f"[{_key(key)}]"]
            lines += [f"{_key(k)} = {_value(v)}" for k, v in value.items()]
    return "\n".join(lines) + "\n"


def test_to_toml_round_trips_every_shipped_scenario():
    for data in SHIPPED:
        assert tomllib.loads(to_toml(data), parse_float=Decimal) == data


# ---------------------------------------------------------------- mutations

NASTY_TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            " ",
            '=HYPERLINK("http://x")',
            "+1",
            "-1",
            "@SUM(A1)",
            "line one\nTotal award: £99,999.00",
            "\x1b[2J\x1b]0;title\x07",
            "\u202eevil",
            "\x00",
            "x" * 20_000,
            "kitchen",
            "repair-delay",
            "2026-01-05",
        ]
    ),
)
NASTY_NUMBER = st.one_of(
    st.sampled_from(
        [
            0,
            -1,
            1,
            10**29,
            -(10**29),
            2**63,
            Decimal("-0.0"),
            Decimal("1e-30"),
            Decimal("1e30"),
            Decimal("0.001"),
            Decimal("999999.99"),
            Decimal("1000000.01"),
            Decimal("12.345"),
        ]
    ),
    st.integers(-(10**6), 10**6),
    st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-1e7, max_value=1e7),
)
NASTY_DATE = st.one_of(
    st.sampled_from(
        [
            date(1, 1, 1),
            date(9999, 12, 31),
            date(1950, 1, 1),
            date(2099, 12, 31),
            date(1949, 12, 31),
        ]
    ),
    st.dates(),
    st.datetimes(),
)
SCALAR = st.one_of(NASTY_TEXT, NASTY_NUMBER, NASTY_DATE, st.booleans())


def _nested(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = [value]
    return value


NASTY = st.one_of(
    SCALAR,
    st.lists(SCALAR, max_size=4),
    st.dictionaries(st.text(min_size=1, max_size=10), SCALAR, max_size=3),
    st.integers(5, 600).map(_nested),
)


def _paths(data: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path into the data: keys of tables and indexes of lists."""
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            found.append((*prefix, key))
            found.extend(_paths(value, (*prefix, key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            if isinstance(value, dict):
                found.extend(_paths(value, (*prefix, index)))
    return found


def _parent(data: Any, path: tuple) -> Any:
    for step in path[:-1]:
        data = data[step]
    return data


IN_WINDOW = st.dates(date(1950, 1, 1), date(2099, 12, 31))


def same_type(value: Any) -> st.SearchStrategy[Any]:
    """A value of the same TOML type, often at or past the format's bounds."""
    if isinstance(value, bool):
        return st.booleans()
    if isinstance(value, int):
        return st.one_of(st.integers(0, 30), st.sampled_from([0, 1, 20, 21, 1000, 1001, 10**29]))
    if isinstance(value, Decimal):
        return st.one_of(
            st.decimals(0, 1_000_000, places=2),
            st.sampled_from([Decimal("-0.0"), Decimal("0.00"), Decimal("1000000.00")]),
        )
    if isinstance(value, date):
        return st.one_of(IN_WINDOW, NASTY_DATE)
    if isinstance(value, str):
        return NASTY_TEXT
    return NASTY


@st.composite
def mutated_scenario(draw) -> dict[str, Any]:
    import copy

    data = copy.deepcopy(draw(st.sampled_from(SHIPPED)))
    for _ in range(draw(st.integers(1, 2))):
        paths = _paths(data)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = _parent(data, path)
        kind = draw(st.sampled_from(["same-type", "drop", "same-type", "replace", "add", "widen"]))
        event(f"mutation: {kind}")
        if kind == "drop":
            del parent[path[-1]]
        elif kind == "same-type":
            parent[path[-1]] = draw(same_type(parent[path[-1]]))
        elif kind == "replace":
            parent[path[-1]] = draw(NASTY)
        elif kind == "add" and isinstance(parent, dict):
            key = draw(st.one_of(st.text(min_size=1, max_size=12), st.sampled_from(list(parent))))
            parent[key] = draw(NASTY)
        elif kind == "widen":  # a wide span on many amenities: bounded by the format
            data["dates"] = {"occurred": date(1950, 1, 1), "claimed": date(2099, 12, 31)}
            data["amenities_lost"] = [
                dict(
                    zip(
                        ("amenity", "from", "to"),
                        (a, *sorted(draw(st.lists(IN_WINDOW, min_size=2, max_size=2)))),
                        strict=True,
                    )
                )
                for a in ("kitchen", "bathroom", "heating", "hot-water", "wc", "water")
            ]
    return data


# ---------------------------------------------------------------- the property


def _check_one_line_errors(output: str, path: Path) -> None:
    errors = [line for line in output.splitlines() if line.startswith("error: ")]
    assert errors, output
    for line in errors:
        assert line.startswith(f"error: {path}"), line
        assert "\x1b" not in line and "\x00" not in line
        assert len(line) < 2_000, line[:200]


def _check(result, path: Path, allowed=(0, 2)) -> bool:
    output = result.output
    assert "Traceback" not in output and "internal error" not in output, output[-2000:]
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code in allowed, (result.exit_code, output[-2000:])
    if result.exit_code != 0:
        _check_one_line_errors(output, path)
        return False
    return True


def _money(text: str) -> Decimal:
    return Decimal(text)


def _adds_up(records: list[dict]) -> None:
    for record in records:
        assert record["error"] is None, record["error"]
        settlement, award = record["settlement"], record["award"]
        paid = _money(settlement["paid_to_customer"]) + _money(settlement["credited_to_account"])
        assert paid == _money(award["total"]), record["scenario"]
        assert not award["total"].startswith("-")


def run_everything(data: dict[str, Any], path: Path) -> None:
    path.write_text(to_toml(data), encoding="utf-8")
    runner = CliRunner()
    validated = runner.invoke(cli, ["validate", str(path)])
    valid = _check(validated, path, allowed=(0, 1))
    event("valid" if valid else "refused by validate")
    compared = runner.invoke(cli, ["compare", str(path), "-f", "json"])
    if _check(compared, path):
        assert valid
        _adds_up(json.loads(compared.output))
    else:
        assert not valid
    explained = runner.invoke(cli, ["explain", str(path), "-f", "json"])
    if _check(explained, path):
        _adds_up(json.loads(explained.output)["decisions"])
    table = runner.invoke(cli, ["explain", str(path)])
    _check(table, path)
    assert "\x1b" not in table.output


@settings(max_examples=min(PROFILE_EXAMPLES, 25), suppress_health_check=list(HealthCheck))
@given(data=mutated_scenario())
def test_mutated_scenarios_never_give_a_traceback(data, tmp_path_factory):
    run_everything(data, tmp_path_factory.mktemp("fuzz") / "claim.toml")


@pytest.mark.slow
@settings(max_examples=max(PROFILE_EXAMPLES, 300), suppress_health_check=list(HealthCheck))
@given(data=mutated_scenario())
def test_mutated_scenarios_never_give_a_traceback_deep(data, tmp_path_factory):
    run_everything(data, tmp_path_factory.mktemp("fuzz") / "claim.toml")


@pytest.mark.parametrize(
    "change",
    [
        {"tags": _nested(500)},
        {"complaint": {"received": date(9999, 12, 31)}},
        {"failure": {"kind": "missed-appointment", "missed_appointments": 10**29}},
        {"costs": [{"kind": "food", "amount": Decimal("-0.0")}]},
        {"title": "x" * 2_000_000},
        {"format": "1"},
    ],
    ids=["nested", "year-9999", "10**29", "minus-zero", "2MB", "format-text"],
)
def test_the_inputs_the_issue_lists(change, tmp_path):
    data = dict(SHIPPED[0]) | change
    run_everything(data, tmp_path / "claim.toml")
