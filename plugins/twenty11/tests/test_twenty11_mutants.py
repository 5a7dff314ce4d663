"""Twenty11: cases added because a mutant survived the policy tests (benchmarks/mutation.sh).
Each pins something a user sees: the figure, its basis marker and how the item is classed."""

from decimal import Decimal

from compsim.testing import decide, scenario

OTHER = '[failure]\nkind = "other"\ndistress = "moderate"'


def inconvenience(sets=()):
    decision = decide("twenty11", scenario(OTHER), sets)
    (item,) = [i for i in decision.award.items if i.label.startswith("Stress, upset")]
    return item


def test_6_9_3_inconvenience_is_an_assumption_from_the_unpublished_procedure():
    # the amount is in the Compensation Procedure, which is not published: an assumption
    item = inconvenience()
    assert (item.basis, item.category) == ("assumption", "distress")


def test_6_9_3_a_draft_inconvenience_amount_is_marked_draft():
    item = inconvenience(["twenty11.stress.moderate.amount=150"])
    assert (item.amount, item.basis) == (Decimal("150.00"), "draft")
