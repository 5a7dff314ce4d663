"""Hypothesis strategies that generate valid scenarios, for plugin authors and our own tests.

``scenario_data()`` draws the raw TOML-shaped data of a valid scenario file: every field of
the format may appear (drawn from the model's own field metadata, so a new field is covered
without a change here), dates always in a valid order, and dates biased towards the edges
that policies care about: month ends, 29 February, bank holidays over Christmas and Easter,
1 April 2026 (the Ombudsman's new sums) and the 1 October / 31 March heating season.
``scenarios()`` loads that data through the real loader, so every default is filled in.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import strategies as st

from compsim.dates import add_months
from compsim.models import (
    Account,
    AmenityLoss,
    Claim,
    Complaint,
    Cost,
    DamagedItem,
    Decant,
    Failure,
    Household,
    Legal,
    Scenario,
)
from compsim.scenarios import load_data

EDGE_DATES = (
    date(2024, 2, 29),
    date(2025, 1, 31),
    date(2025, 3, 31),
    date(2025, 4, 18),  # Good Friday 2025
    date(2025, 8, 29),
    date(2025, 8, 31),
    date(2025, 9, 30),
    date(2025, 10, 1),
    date(2025, 12, 24),
    date(2025, 12, 25),
    date(2025, 12, 26),
    date(2025, 12, 31),
    date(2026, 1, 1),
    date(2026, 2, 28),
    date(2026, 3, 31),
    date(2026, 4, 1),
    date(2026, 4, 2),  # the day before Good Friday 2026
    date(2026, 8, 31),
    date(2026, 12, 24),
)

money = st.decimals(min_value=0, max_value=Decimal("20000"), places=2)
small_money = st.decimals(min_value=0, max_value=Decimal("2000"), places=2)


def edge_or_any_date(low: date = date(2024, 1, 1), high: date = date(2026, 12, 31)):
    return st.one_of(st.sampled_from(EDGE_DATES), st.dates(low, high))


def day_offsets(most: int):
    """A number of days to add, biased to 0 and small gaps."""
    return st.one_of(st.just(0), st.integers(0, 14), st.integers(0, most))


def _scalar(field: attrs.Attribute) -> st.SearchStrategy[Any]:
    kind = field.metadata["kind"]
    choices = field.metadata.get("choices", ())
    if kind == "money":
        return money
    if kind == "number":
        return st.decimals(min_value=0, max_value=Decimal("96"), places=1)
    if kind == "int":
        minimum = field.metadata.get("minimum", 0)
        return st.integers(minimum, minimum + 8)
    if kind == "bool":
        return st.booleans()
    if kind == "choice":
        return st.sampled_from(choices)
    if kind == "choices":
        return st.lists(st.sampled_from(choices), unique=True, max_size=3)
    if kind == "texts":
        return st.lists(st.sampled_from(["repairs", "damp", "heating", "test"]), unique=True)
    if kind == "text":
        return st.text(min_size=1, max_size=20)
    raise ValueError(f"no strategy for {kind}")


@st.composite
def table(draw, cls: type, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """Any subset of a section's scalar fields (dates and nested sections are drawn apart)."""
    data: dict[str, Any] = {}
    for field in attrs.fields(cls):
        kind = field.metadata.get("kind")
        key = field.metadata.get("key") or field.name
        if kind in (None, "date", "section", "sections", "optional-section", "expected"):
            continue
        if key in skip:
            continue
        required = field.default is attrs.NOTHING
        if required or draw(st.booleans()):
            data[key] = draw(_scalar(field))
    return data


@st.composite
def scenario_data(draw) -> dict[str, Any]:
    occurred = draw(edge_or_any_date())
    aware = occurred + timedelta(days=draw(day_offsets(400)))
    reported = aware + timedelta(days=draw(day_offsets(60)))
    dates: dict[str, Any] = {"occurred": occurred}
    if aware != occurred or draw(st.booleans()):
        dates["aware"] = aware
    if reported != aware or draw(st.booleans()):
        dates["reported"] = reported
    resolved = None
    if draw(st.booleans()):
        resolved = occurred + timedelta(days=draw(day_offsets(400)))
        dates["resolved"] = resolved
    if draw(st.booleans()):
        dates["repair_target"] = occurred + timedelta(days=draw(day_offsets(60)))
    claimed = reported + timedelta(days=draw(day_offsets(500)))
    if resolved is not None and draw(st.booleans()):  # near a time limit counted from the loss end
        months = draw(st.sampled_from([3, 6, 12]))
        near = add_months(resolved, months) + timedelta(days=draw(st.integers(-1, 1)))
        claimed = max(near, reported)
    dates["claimed"] = claimed
    if draw(st.booleans()):
        offer = claimed + timedelta(days=draw(day_offsets(60)))
        dates["offer_made"] = offer
        if draw(st.booleans()):
            accepted = add_months(offer, 3) + timedelta(days=draw(st.integers(-1, 1)))
            dates["offer_accepted"] = draw(st.sampled_from([accepted, offer]))

    data: dict[str, Any] = {
        "title": "A generated claim",
        "household": draw(table(Household)),
        "account": draw(table(Account)),
        "failure": draw(table(Failure)),
        "dates": dates,
        "claim": draw(table(Claim)),
        "legal": draw(table(Legal)),
    }
    data["amenities_lost"] = draw(st.lists(amenity_loss(occurred), max_size=4))
    data["costs"] = draw(st.lists(cost(occurred), max_size=4))
    data["damaged_items"] = draw(st.lists(damaged_item(occurred), max_size=3))
    if draw(st.booleans()):
        data["complaint"] = draw(complaint(occurred))
    if draw(st.booleans()):
        data["decant"] = draw(table(Decant))
    if draw(st.booleans()):
        data["tags"] = draw(_scalar(attrs.fields_dict(Scenario)["tags"]))
    return data


@st.composite
def amenity_loss(draw, occurred: date) -> dict[str, Any]:
    data = draw(table(AmenityLoss))
    start = occurred
    if draw(st.booleans()):  # its own start; then its own end too, as resolved may be earlier
        start = occurred + timedelta(days=draw(day_offsets(30)))
        data["from"] = start
    if "from" in data or draw(st.booleans()):
        data["to"] = start + timedelta(days=draw(st.one_of(st.integers(26, 31), day_offsets(150))))
    return data


@st.composite
def cost(draw, occurred: date) -> dict[str, Any]:
    data = draw(table(Cost))
    data["amount"] = draw(small_money)
    if draw(st.booleans()):
        data["incurred"] = occurred + timedelta(days=draw(day_offsets(200)))
    return data


@st.composite
def damaged_item(draw, occurred: date) -> dict[str, Any]:
    data = draw(table(DamagedItem, skip=("value_at_loss",)))
    data["replacement_value"] = draw(small_money)
    if draw(st.booleans()):
        data["value_at_loss"] = draw(st.decimals(0, data["replacement_value"], places=2))
    if draw(st.booleans()):
        data["notified"] = occurred + timedelta(days=draw(day_offsets(60)))
    return data


@st.composite
def complaint(draw, occurred: date) -> dict[str, Any]:
    data = draw(table(Complaint))
    day = occurred + timedelta(days=draw(day_offsets(90)))
    data["received"] = day
    for name, gap in (
        ("acknowledged", 12),
        ("stage1_response", 40),
        ("stage2_requested", 30),
        ("stage2_acknowledged", 12),
        ("stage2_response", 60),
    ):
        if not draw(st.booleans()):
            break
        day = day + timedelta(days=draw(day_offsets(gap)))
        data[name] = day
    return data


def scenarios() -> st.SearchStrategy[Scenario]:
    """Complete, valid Scenario objects (through the real loader)."""
    return scenario_data().map(lambda data: load_data(data, "<generated>", "generated"))
