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


def test_6_9_3_inconvenience_overridden_is_draft_even_when_the_impact_rests_on_a_reading():
    # time off work lifts no distress to minimal on a reading (6.9.3 "may consider"), so the
    # impact rests on an assumption; the amount is the user's draft: draft wins
    from compsim.params import parse_set_option
    from compsim.plugins import build_policies, discover
    from compsim.scenarios import load_text
    from compsim.simulate import evaluate

    scenario = load_text(
        """title = "x"
[failure]
kind = "repair-delay"
distress = "none"
[dates]
occurred = 2026-01-05
resolved = 2026-02-05
claimed = 2026-02-10
[[costs]]
kind = "time-off-work"
amount = 80.00
evidence = true
""",
        stem="inconvenience-draft",
    )
    setting = parse_set_option("twenty11.stress.minimal.amount=70")
    (drafted,) = build_policies(discover(), ["twenty11"], [setting])
    decision = evaluate(scenario, drafted)
    assert decision.impact.basis == "assumption"
    items = [i for i in decision.award.items if i.category == "distress"]
    assert [(i.amount, i.basis) for i in items] == [(70, "draft")]
