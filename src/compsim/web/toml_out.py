"""Scenario data → a scenario file (TOML), in the format's order: the values the form held,
nothing added. The server reads the text back through the loader before offering it, so a
download is always a file ``compsim validate`` accepts."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from compsim.models import Scenario


def _order(cls: type) -> list[str]:
    return [f.metadata.get("key") or f.name for f in attrs.fields(cls) if f.metadata.get("kind")]


def _string(text: str) -> str:
    # a JSON string is a TOML basic string, except that TOML also wants DEL escaped
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return _string(str(value))


def _key(key: str) -> str:
    bare = key and all(c.isalnum() or c in "-_" for c in key) and key.isascii()
    return key if bare else _string(key)


def _sorted(table: dict[str, Any], order: list[str]) -> list[tuple[str, Any]]:
    rank = {key: n for n, key in enumerate(order)}
    return sorted(table.items(), key=lambda item: rank.get(item[0], len(rank)))


def to_toml(data: dict[str, Any]) -> str:
    """The scenario data (as the loader reads it) as a scenario file."""
    lines: list[str] = []
    tables: list[tuple[str, Any]] = []
    for key, value in _sorted(data, _order(Scenario)):
        if isinstance(value, dict) or (
            isinstance(value, list) and value and all(isinstance(v, dict) for v in value)
        ):
            tables.append((key, value))
        else:
            lines.append(f"{_key(key)} = {_value(value)}")
    types = {
        (f.metadata.get("key") or f.name): f.metadata.get("type")
        for f in attrs.fields(Scenario)
        if f.metadata.get("type")
    }
    for key, value in tables:
        cls = types.get(key)
        order = _order(cls) if cls else []
        if isinstance(value, dict):
            lines.extend(_table(f"[{_key(key)}]", value, order, key))
        else:
            for entry in value:
                lines.extend(_table(f"[[{_key(key)}]]", entry, order, key))
    return "\n".join(lines) + "\n"


def _table(header: str, table: dict[str, Any], order: list[str], key: str) -> list[str]:
    lines = ["", header]
    nested = []
    for name, value in _sorted(table, order):
        if isinstance(value, dict):
            nested.append((name, value))
        else:
            lines.append(f"{_key(name)} = {_value(value)}")
    for name, value in nested:  # golden outcomes: [expected.LANDLORD]
        lines.extend(_table(f"[{_key(key)}.{_key(name)}]", value, _order_expected(), key))
    return lines


def _order_expected() -> list[str]:
    from compsim.models import Expected

    return _order(Expected)
