"""Tools for testing policy plugins.

``scenario()`` builds a complete Scenario from a TOML snippet laid over a minimal valid
claim, through the real loader (so every default and check applies). ``decide()`` runs one
installed policy on it and returns the Decision, raising if the plugin misbehaves.
"""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Sequence
from decimal import Decimal
from functools import cache
from typing import Any

from compsim.models import Decision, Scenario
from compsim.scenarios import load_data

BASE: dict[str, Any] = {
    "title": "A test claim",
    "failure": {"kind": "repair-delay"},
    "dates": {},
}


def scenario(toml: str = "", **top_level: Any) -> Scenario:
    """A Scenario from a TOML snippet over a minimal claim (keyword arguments set top-level
    fields such as ``id``). Dates default to occurred 2026-01-05, claimed 2026-03-02."""
    data = copy.deepcopy(BASE)
    _merge(data, tomllib.loads(toml, parse_float=Decimal))
    data["dates"].setdefault("occurred", _date("2026-01-05"))
    data["dates"].setdefault("claimed", max(_date("2026-03-02"), data["dates"]["occurred"]))
    data.update(top_level)
    return load_data(data, source="<test>", stem=str(top_level.get("id", "test-claim")))


def decide(policy_id: str, claim: Scenario, sets: Sequence[str] = ()) -> Decision:
    """The Decision of one installed policy (with optional ``--set`` style overrides)."""
    from compsim.simulate import evaluate

    return evaluate(claim, _policy(policy_id, tuple(sets)))


def load_hypothesis_profile() -> str:
    """Register compsim's hypothesis profiles and load one: "ci" (derandomized, so a CI result
    can be reproduced) when the CI environment variable is set, else "dev" (fresh randomness);
    HYPOTHESIS_PROFILE names one explicitly ("thorough" runs many more). The deep runs are
    marked slow (pytest -m slow). Call it from a conftest.py."""
    import os

    from hypothesis import HealthCheck, settings

    common = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
    settings.register_profile("ci", derandomize=True, max_examples=60, print_blob=True, **common)
    settings.register_profile("dev", max_examples=100, **common)
    settings.register_profile("thorough", max_examples=2000, **common)
    name = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
    settings.load_profile(name)
    return name


def fresh_decision(policy_id: str, claim: Scenario) -> Decision:
    """The Decision from a newly built PluginManager and parameter set (nothing cached), to
    check that a plugin keeps no state between calls. (The plugins are discovered once:
    building the policy makes the new manager and parameter set.)"""
    from compsim.plugins import build_policies
    from compsim.simulate import evaluate

    policies = build_policies(_registry(), [policy_id])
    policy = next(p for p in policies if p.column == policy_id)
    return evaluate(claim, policy)


@cache
def _policy(policy_id: str, sets: tuple[str, ...]):

    from compsim.params import parse_set_option
    from compsim.plugins import build_policies

    overrides = [parse_set_option(text) for text in sets]
    policies = build_policies(_registry(), [policy_id], overrides)
    return next(p for p in policies if p.column == policy_id)


@cache
def _registry():
    from compsim.plugins import discover

    return discover()


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> None:
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = value


def _date(text: str):
    from datetime import date

    return date.fromisoformat(text)
