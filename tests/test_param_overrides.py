"""Overrides of every declared parameter of every installed plugin, drawn by hypothesis:
out of range is refused before anything runs, in one line naming --set, the parameter,
what was given and what is accepted; in range never crashes a plugin on the library."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from compsim.errors import ParamError
from compsim.models import CellError
from compsim.params import ParamDef, parse_set_option
from compsim.plugins import build_policies, discover
from compsim.scenarios import library_path, load_paths
from compsim.simulate import evaluate_cell

REGISTRY = discover()
DEFS = [
    (policy_id, definition)
    for policy_id in REGISTRY.ids()
    for definition in REGISTRY.installed[policy_id].params.defs.values()
]
LIBRARY = load_paths([library_path()])
FAR = Decimal(10_000)


def _bounds(definition: ParamDef) -> tuple[Decimal, Decimal]:
    implied = {"money": (Decimal(0), Decimal(1_000_000)), "share": (Decimal(0), Decimal(1))}
    low, high = implied.get(definition.type, (None, None))
    low = definition.minimum if definition.minimum is not None else low
    high = definition.maximum if definition.maximum is not None else high
    return low, high if high is not None else low + FAR


def in_range(definition: ParamDef) -> st.SearchStrategy[str]:
    """Text a user could type after --set that the declaration accepts."""
    kind = definition.type
    if kind == "choice":
        return st.sampled_from(definition.choices)
    if kind == "bool":
        return st.sampled_from(["true", "false", "True", "FALSE"])
    if kind == "date":
        return st.dates(date(1990, 1, 1), date(2100, 12, 31)).map(date.isoformat)
    if kind == "text":
        return st.text(min_size=1, max_size=30).filter(lambda t: t.strip() == t and t)
    low, high = _bounds(definition)
    if kind == "int":
        return st.integers(int(low), int(high)).map(str)
    places = 2 if kind in ("money", "share") else 3
    return st.decimals(low, high, places=places).map(str)


def out_of_range(definition: ParamDef) -> st.SearchStrategy[str]:
    """Text the declaration refuses (a type that has no wrong text, text, draws nothing)."""
    kind = definition.type
    if kind == "choice":
        return st.text(min_size=1, max_size=20).filter(
            lambda t: t.strip() not in definition.choices
        )
    if kind == "bool":
        return st.sampled_from(["maybe", "yes", "1", "0", "", "tru"])
    if kind == "date":
        return st.sampled_from(["2026-13-01", "2026-02-30", "tomorrow", "1", ""])
    low, high = _bounds(definition)
    below = st.integers(1, 10**6).map(lambda n: str(low - n))
    wrong = st.sampled_from(["", "abc", "1e", "NaN", "Infinity", "£5", "1,000"])
    options = [below, wrong]
    if definition.maximum is not None or kind in ("money", "share"):
        options.append(st.integers(1, 10**6).map(lambda n: str(high + n)))
    if kind == "int":
        options.append(st.sampled_from(["1.5", "0.1", "2.0"]).map(lambda t: str(low) + t[1:]))
    if kind == "money":
        options.append(st.sampled_from(["0.001", "12.345", "1.999"]))
    return st.one_of(options)


REFUSABLE = [(p, d) for p, d in DEFS if d.type != "text"]


@given(data=st.data())
def test_an_override_out_of_range_is_refused_before_anything_runs(data):
    policy_id, definition = data.draw(st.sampled_from(REFUSABLE), label="parameter")
    raw = data.draw(out_of_range(definition), label="value")
    event(f"type {definition.type}")
    setting = f"{policy_id}.{definition.path}={raw}"
    with pytest.raises(ParamError) as refused:
        build_policies(REGISTRY, (), [parse_set_option(setting)])
    message = str(refused.value)
    assert "\n" not in message
    assert message.startswith(f"--set {policy_id}.{definition.path}=")
    # the setting names the parameter; the message does not name it twice
    assert f": expected {definition.accepts()}, got " in message
    assert message.count(f": {definition.path}: ") == 0
    assert repr(raw.strip())[:40] in message


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=40)
@given(data=st.data())
def test_an_override_in_range_never_crashes_a_plugin(data):
    _decide_with_an_override(data, scenarios=3)


@pytest.mark.slow
@settings(suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_an_override_in_range_never_crashes_a_plugin_on_the_whole_library(data):
    _decide_with_an_override(data, scenarios=len(LIBRARY))


def _decide_with_an_override(data, scenarios: int) -> None:
    policy_id, definition = data.draw(st.sampled_from(DEFS), label="parameter")
    raw = data.draw(in_range(definition), label="value")
    event(f"type {definition.type}")
    override = parse_set_option(f"{policy_id}.{definition.path}={raw}")
    try:
        (policy,) = [p for p in build_policies(REGISTRY, [policy_id], [override])]
    except ParamError as refused:  # in its own range, but it puts a band out of order
        assert definition.path in str(refused)  # the plugin's own check, or the host's
        event("refused: the band's other end")
        return
    if scenarios >= len(LIBRARY):
        sample = LIBRARY
    else:
        sample = data.draw(
            st.lists(st.sampled_from(LIBRARY), min_size=1, max_size=scenarios, unique_by=id),
            label="scenarios",
        )
    for scenario in sample:
        cell = evaluate_cell(scenario, policy)
        assert not isinstance(cell, CellError), cell.message


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        (
            "ombudsman.bands.minor.low=100.01",
            "--set ombudsman.bands.minor.low=100.01: bands.minor.low: expected at most "
            "bands.minor.high (100.00), got 100.01",
        ),
        (
            "clarion.bands.significant.high=599.99",
            "--set clarion.bands.significant.high=599.99: bands.significant.high: expected at "
            "least bands.significant.low (600.00), got 599.99",
        ),
    ],
)
def test_an_override_that_puts_a_band_out_of_order_is_refused(setting, message):
    with pytest.raises(ParamError) as refused:
        build_policies(REGISTRY, (), [parse_set_option(setting)])
    assert str(refused.value) == message


def test_money_accepts_reads_as_pounds():
    money = ParamDef("x", "money", "c", "published", (), maximum=Decimal("2500.50"))
    assert money.accepts() == (
        "an amount in pounds from £0 to £2,500.50, at most two decimal places"
    )


def test_a_draft_may_move_both_ends_of_a_band_at_once():
    raised = [
        parse_set_option(s) for s in ("clarion.bands.minor.low=700", "clarion.bands.minor.high=900")
    ]
    policies = build_policies(REGISTRY, ["clarion"], raised)
    minor = policies[0].params.at(date(2026, 1, 1))
    assert (minor.value("bands.minor.low"), minor.value("bands.minor.high")) == (700, 900)
