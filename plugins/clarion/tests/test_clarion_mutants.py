"""Clarion: cases added because a mutant survived the policy tests (benchmarks/mutation.sh).
Each pins how an item is classed in JSON and CSV (its category)."""

from compsim.testing import decide, scenario


def clarion(toml: str = "", sets=()):
    return decide("clarion", scenario(toml), sets)


def categories(decision, words):
    return {item.category for item in decision.award.items if words in item.label}


def test_6_5_distress_costs_and_lost_lighting_are_each_classed():
    decision = clarion("""
        [failure]
        kind = "loss-of-amenity"
        distress = "moderate"
        [dates]
        occurred = 2025-11-03
        resolved = 2025-11-10
        claimed = 2025-11-20
        [[amenities_lost]]
        amenity = "lighting"
        [[costs]]
        kind = "travel"
        amount = 10
        evidence = true
    """)
    assert categories(decision, "lighting") == {"amenity"}
    assert categories(decision, "cost") == {"costs"}
    assert categories(decision, "Distress and inconvenience") == {"distress"}
