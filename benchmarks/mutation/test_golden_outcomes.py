"""Mutation runs only (benchmarks/mutation.sh): `compsim test` in-process for the landlords
named in MUTATION_LANDLORDS, so a mutant that moves a golden figure on the library dies."""

import os

import attrs
import pytest

from compsim.golden import check_expectations
from compsim.scenarios import library_path, load_paths
from compsim.selection import PolicyRequest

LANDLORDS = os.environ.get("MUTATION_LANDLORDS", "alliance,clarion,star,twenty11").split(",")


@pytest.mark.parametrize("landlord", LANDLORDS)
def test_golden_outcomes_on_the_library(landlord):
    policies = {p.column: p for p in PolicyRequest((landlord,), include_references=False).build()}
    scenarios = [
        attrs.evolve(s, expected=tuple(e for e in s.expected if e.landlord == landlord))
        for s in load_paths([library_path()])
    ]
    report = check_expectations(scenarios, policies)
    assert report.checked > 0
    assert not report.lines, report.lines[:5]
