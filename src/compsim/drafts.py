"""The drafts and overrides in force: which values the user changed, for which column, and what
the current policy says instead. Every output shows them (a header above a table, a ``drafts``
field in each JSON record, a ``drafts`` CSV column, a section in a report)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from compsim.models import DRAFT
from compsim.params import DatedValue, ParamDef, format_value
from compsim.plugins import Policy
from compsim.render.safe import flat

DRAFT_MARK = "†"  # beside a figure that rests on a draft value


@attrs.frozen
class DraftValue:
    """One value the user changed for one column."""

    path: str
    value: str
    current: str  # the current policy's value(s), e.g. "500.00"
    current_basis: str
    clause: str
    source: str  # "--set" or the override file
    description: str

    def describe(self) -> str:
        return (
            f"{self.path} = draft value {self.value} (current policy: {self.current}, "
            f"{self.current_basis}, {self.clause})"
        )

    def record(self) -> dict[str, Any]:
        return {
            "parameter": self.path,
            "value": self.value,
            "current": self.current,
            "current_basis": self.current_basis,
            "clause": self.clause,
            "source": self.source,
        }


@attrs.frozen
class ColumnDrafts:
    """The drafts in force for one column: a variant of a policy, or a policy with --set."""

    column: str
    base: str
    variant_source: str  # the override file naming the variant ("" for in-place overrides)
    variant_description: str
    values: tuple[DraftValue, ...]

    def heading(self) -> str:
        if self.variant_source:
            text = f"{self.column}: a draft of {self.base} from {self.variant_source}"
        else:
            sources = ", ".join(dict.fromkeys(v.source for v in self.values))
            text = f"{self.column}: the published policy with overrides from {sources}"
        return text

    def record(self) -> dict[str, Any]:
        """The column's drafts in JSON (``drafts_in_force`` in docs/output.md)."""
        return {
            "column": self.column,
            "base": self.base,
            "source": self.variant_source,
            "description": self.variant_description,
            "values": [v.record() for v in self.values],
        }


def in_force(policies: Sequence[Policy]) -> list[ColumnDrafts]:
    """Every column with a draft value, in column order (none: the published policies)."""
    found = []
    for policy in policies:
        values = tuple(_draft_value(d) for d in policy.params.defs.values() if d.basis == DRAFT)
        variant = policy.variant
        if not values and variant is None:
            continue
        found.append(
            ColumnDrafts(
                policy.column,
                variant.base if variant else policy.column,
                variant.source if variant else "",
                variant.description if variant else "",
                values,
            )
        )
    return found


def _draft_value(definition: ParamDef) -> DraftValue:
    replaced = definition.replaces
    return DraftValue(
        definition.path,
        "; ".join(_dated(v) for v in definition.values),
        "; ".join(_dated(v) for v in replaced.values) if replaced else "none",
        replaced.basis if replaced else "",
        definition.clause,
        definition.override,
        definition.description,
    )


def _dated(dated: DatedValue) -> str:
    text = format_value(dated.value)
    if dated.start and dated.end:
        return f"{text} ({dated.start} to {dated.end})"
    if dated.start:
        return f"{text} (from {dated.start})"
    if dated.end:
        return f"{text} (to {dated.end})"
    return text


def header_lines(drafts: Sequence[ColumnDrafts], mark: str = DRAFT_MARK) -> list[str]:
    """The lines above a table saying which drafts are in force (none: no lines); ``mark``
    is the mark beside an award resting on one ("": the table marks none)."""
    if not drafts:
        return []
    marked = f"an award resting on one is marked {mark}; " if mark else ""
    lines = [f"Drafts in force ({marked}a draft replaces the current value on every date):"]
    for column in drafts:  # a --params file's name and description are the user's text
        lines.append(f"  {flat(column.heading())}")
        if column.variant_description:
            lines.append(f"    {flat(column.variant_description)}")
        lines.extend(f"    {flat(value.describe())}" for value in column.values)
        if not column.values:
            lines.append("    (no value changed: the same as the current policy)")
    return lines


def records_by_column(drafts: Sequence[ColumnDrafts]) -> dict[str, list[dict[str, Any]]]:
    return {c.column: [v.record() for v in c.values] for c in drafts}


def csv_text(drafts: Sequence[ColumnDrafts]) -> dict[str, str]:
    """Per column, the drafts in force as one CSV cell: ``path=value; path=value``."""
    return {c.column: flat("; ".join(f"{v.path}={v.value}" for v in c.values)) for c in drafts}
