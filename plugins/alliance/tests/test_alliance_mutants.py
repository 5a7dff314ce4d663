"""Alliance Homes: cases added because a mutant survived the policy tests (benchmarks/mutation.sh).
Each pins something a user sees: an exclusion, its table cell, or how an item is classed."""

from decimal import Decimal

from compsim.testing import decide, scenario


def alliance(toml: str = "", sets=()):
    return decide("alliance", scenario(toml), sets)


def test_complaints_2_2_counts_to_the_day_the_complaint_was_received_not_the_claim():
    # loss ended 31 Jan 2025: the complaint must be raised by 31 Jan 2026. It was received on
    # 20 Jan 2026 (in time); the claim followed on 5 Feb 2026, late for 4.2 but admitted
    # under 4.4 (exceptional circumstances). Counting to the claim date would exclude it.
    decision = alliance("""
        [dates]
        occurred = 2025-01-02
        resolved = 2025-01-31
        claimed = 2026-02-05
        [claim]
        exceptional_circumstances = true
        [complaint]
        received = 2026-01-20
    """)
    assert not decision.excluded


def test_4_2_a_late_claim_shows_claimed_after_six_months_in_the_table():
    decision = alliance(
        "[dates]\noccurred = 2025-08-01\nresolved = 2025-09-15\nclaimed = 2026-03-16"
    )
    (exclusion,) = decision.exclusions
    assert exclusion.applies is True
    assert exclusion.short == "claimed after 6 months"


def test_complaints_2_2_a_late_complaint_shows_raised_after_twelve_months_in_the_table():
    decision = alliance("""
        [dates]
        occurred = 2025-01-02
        resolved = 2025-01-31
        claimed = 2026-02-01
        [claim]
        exceptional_circumstances = true
    """)
    (exclusion,) = decision.exclusions
    assert exclusion.applies is True
    assert exclusion.short == "raised after 12 months"


def test_4_2_complaints_2_2_checks_that_pass_are_recorded_as_not_applying():
    # both limits are checked and met: explain lists them as passed (applies is False)
    decision = alliance(
        "[dates]\noccurred = 2025-08-01\nresolved = 2025-09-15\nclaimed = 2026-03-15"
    )
    assert not decision.excluded
    assert decision.checks
    assert all(e.applies is False for e in decision.checks)


def test_3_1_3_2_3_3_items_are_classed_as_costs_and_belongings():
    # JSON and CSV give each item's category: a cost is "costs", a damaged item "belongings",
    # whether it is paid or not
    decision = alliance("""
        [failure]
        distress = "minimal"
        [[costs]]
        kind = "travel"
        amount = 10
        evidence = true
        [[costs]]
        kind = "repairs"
        amount = 40
        [[costs]]
        kind = "time-off-work"
        amount = 50
        [[damaged_items]]
        item = "sofa"
        replacement_value = 300
    """)
    assert {item.category for item in decision.award.items if "cost:" in item.label} == {"costs"}
    assert {item.category for item in decision.award.items if "sofa" in item.label} == {
        "belongings"
    }


def test_4_3_belongings_not_caused_by_alliance_are_not_paid_and_still_classed_as_belongings():
    # no service failure by Alliance: the rug is not paid, even before any exclusion is weighed
    decision = alliance("""
        [failure]
        responsibility = "none"
        distress = "minimal"
        [[damaged_items]]
        item = "rug"
        replacement_value = 80
    """)
    (rug,) = [i for i in decision.award_if_not_excluded.items if "rug" in i.label]
    assert (rug.amount, rug.category) == (Decimal("0"), "belongings")


def test_3_2_3_3_paid_costs_cite_their_own_clause():
    decision = alliance("""
        [failure]
        distress = "minimal"
        [[costs]]
        kind = "time-off-work"
        amount = 50
        evidence = true
        [[costs]]
        kind = "repairs"
        amount = 40
        evidence = true
        permission = true
    """)
    clauses = {
        item.label.split(",")[0]: item.clause
        for item in decision.award.items
        if item.category == "costs"
    }
    assert clauses == {
        "Out-of-pocket cost: time-off-work £50.00": "alliance 3.2",
        "Out-of-pocket cost: repairs £40.00": "alliance 3.3",
    }


def late_acknowledgement(sets=()):
    # received Mon 2 Feb 2026, due by Mon 9 Feb (5 working days), acknowledged Tue 10 Feb
    decision = alliance(
        """
        [dates]
        occurred = 2025-11-03
        claimed = 2026-02-02
        [complaint]
        received = 2026-02-02
        acknowledged = 2026-02-10
        """,
        sets,
    )
    (item,) = [i for i in decision.award.items if i.category == "complaint-handling"]
    return item


def test_2_6_poor_complaint_handling_rests_on_the_impact_reading_and_the_matrix():
    # the impact given to one missed timescale is an assumption; the matrix figure is published
    assert late_acknowledgement().basis == "assumption"
    # a draft matrix figure makes the item draft
    item = late_acknowledgement(["alliance.matrix.full.low=150"])
    assert (item.amount, item.basis) == (Decimal("150"), "draft")
