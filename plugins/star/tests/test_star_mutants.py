"""STAR: cases added because a mutant survived the policy tests (benchmarks/mutation.sh).
Each pins something a user sees: an exclusion, a figure, or how an item is classed."""

from decimal import Decimal

import pytest

from compsim.testing import decide, scenario


def star(toml: str = "", sets=()):
    return decide("star", scenario(toml), sets)


def test_scope_2_2_a_failure_caused_by_the_resident_is_excluded_even_if_marked_full():
    # 2.2: the policy covers failures by STAR or its contractors; the resident's own doing is
    # out of scope whatever responsibility the scenario records
    decision = star(
        '[failure]\nkind = "other"\ndistress = "moderate"\ncause = "resident"\n'
        'responsibility = "full"'
    )
    (exclusion,) = decision.exclusions
    assert exclusion.reason.startswith("Caused by the resident")
    assert exclusion.short == "not STAR's failure"


HEATING = """
[failure]
kind = "other"
distress = "none"
[dates]
occurred = 2023-09-01
claimed = 2026-05-01
[[costs]]
kind = "heating"
amount = 80
evidence = true
incurred = {incurred}
"""

# a season set within one calendar year, 1 January to 31 March (heating.season_* overrides)
JAN_TO_MARCH = (
    "star.heating.season_start_month=1",
    "star.heating.season_start_day=1",
    "star.heating.season_end_month=3",
    "star.heating.season_end_day=31",
)


@pytest.mark.parametrize(
    ("incurred", "paid"),
    [("2025-12-31", "0"), ("2026-01-01", "80"), ("2026-03-31", "80"), ("2026-04-01", "0")],
)
def test_7_1_a_season_within_one_year_includes_its_first_and_last_day(incurred, paid):
    decision = star(HEATING.format(incurred=incurred), JAN_TO_MARCH)
    (item,) = [i for i in decision.award_if_not_excluded.items if "heating" in i.label]
    assert item.amount == Decimal(paid)


def test_4_1_7_1_items_are_classed_as_costs_and_belongings():
    decision = star("""
        [failure]
        kind = "other"
        distress = "moderate"
        [[costs]]
        kind = "travel"
        amount = 10
        evidence = true
        [[costs]]
        kind = "heating"
        amount = 20
        evidence = true
        incurred = 2026-07-15
        [[damaged_items]]
        item = "sofa"
        replacement_value = 300
        [[damaged_items]]
        item = "rug"
        replacement_value = 50
        insured = true
    """)
    items = decision.award_if_not_excluded.items
    assert {i.category for i in items if "cost" in i.label.lower()} == {"costs"}
    assert {i.category for i in items if "sofa" in i.label or "rug" in i.label} == {"belongings"}
