"""The contract every policy plugin keeps, as a test class a plugin's own tests subclass::

    from compsim.testing.contract import PolicyContract

    class TestContract(PolicyContract):
        landlord = "mylandlord"

Each test draws valid scenarios (``compsim.testing.strategies``) and checks one promise:
no exception and valid return types; money never negative; an excluded claim pays nothing;
paid plus credited equals the total, and the credit never exceeds what is owed; more days of
loss, or a worse distress level, never lowers the award; every item cites a clause and a
basis; the same input gives the same output.

A policy may really pay less for a worse case: a threshold cliff written into its text.
That is a finding, not a bug. Declare it in ``cliffs`` (``"days"`` or ``"distress"`` → why),
and make the decision say so: wherever the award falls, the lower decision's trace must carry
a step containing ``CLIFF`` so that ``compsim explain`` reports it.
"""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compsim.models import BASES, DISTRESS_LEVELS, Decision, Scenario
from compsim.testing import decide, fresh_decision
from compsim.testing.strategies import scenarios

CLIFF = "Non-monotonic"

# The contract runs in plugin authors' own repositories too, without compsim's conftest.
# Every landlord's subclass shares these test methods by design, hence differing_executors.
contract_settings = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.differing_executors],
)


class PolicyContract:
    """Subclass with ``landlord = "<id>"`` (and ``cliffs`` for declared threshold cliffs)."""

    landlord: ClassVar[str] = ""
    cliffs: ClassVar[dict[str, str]] = {}

    def decide(self, claim: Scenario) -> Decision:
        assert self.landlord, "set landlord = '<policy id>' on the contract subclass"
        return decide(self.landlord, claim)

    @contract_settings
    @given(scenarios())
    def test_decides_without_error_and_returns_valid_types(self, claim):
        decision = self.decide(claim)  # the host checks every return type and raises if wrong
        assert isinstance(decision, Decision)

    @contract_settings
    @given(scenarios())
    def test_money_is_never_negative(self, claim):
        decision = self.decide(claim)
        for award in (decision.award, decision.award_if_not_excluded):
            for item in award.items:
                assert item.amount >= 0 and item.low >= 0, item
        assert decision.settlement.paid_to_customer >= 0
        assert decision.settlement.credited_to_account >= 0

    @contract_settings
    @given(scenarios())
    def test_an_excluded_claim_pays_nothing(self, claim):
        decision = self.decide(claim)
        if decision.excluded:
            assert decision.award.total == 0
            assert decision.settlement.paid_to_customer == 0
            assert decision.settlement.credited_to_account == 0

    @contract_settings
    @given(scenarios())
    def test_paid_plus_credited_is_the_total_and_credit_is_within_the_debt(self, claim):
        decision = self.decide(claim)
        settlement = decision.settlement
        assert settlement.paid_to_customer + settlement.credited_to_account == decision.award.total
        assert settlement.credited_to_account <= claim.account.total_owed

    @contract_settings
    @given(scenarios(), st.integers(1, 90))
    def test_more_days_of_loss_never_lower_the_award(self, claim, extra_days):
        longer = with_more_days_of_loss(claim, extra_days)
        self.check_not_lower(claim, longer, "days")

    @contract_settings
    @given(scenarios(), st.data())
    def test_worse_distress_never_lowers_the_award(self, claim, data):
        current = DISTRESS_LEVELS.index(claim.failure.distress)
        worse = data.draw(st.sampled_from(DISTRESS_LEVELS[current:]))
        worse_claim = attrs.evolve(claim, failure=attrs.evolve(claim.failure, distress=worse))
        self.check_not_lower(claim, worse_claim, "distress")

    @contract_settings
    @given(scenarios())
    def test_every_item_cites_a_clause_and_a_basis(self, claim):
        decision = self.decide(claim)
        for item in decision.award_if_not_excluded.items:
            assert item.clause.strip(), item
            assert item.basis in BASES, item
        assert decision.impact.clause.strip() and decision.approval.clause.strip()
        assert all(e.clause.strip() for e in decision.exclusions)

    @contract_settings
    @given(scenarios())
    def test_the_same_input_gives_the_same_output(self, claim):
        assert self.decide(claim) == fresh_decision(self.landlord, claim)

    def check_not_lower(self, claim: Scenario, worse: Scenario, dimension: str) -> None:
        before, after = self.decide(claim), self.decide(worse)
        if after.award.total >= before.award.total:
            return
        assert dimension in self.cliffs, (
            f"a worse case ({dimension}) pays less: {before.award.total} -> {after.award.total}. "
            f"If the policy text really does this, declare it in cliffs and explain it in the "
            f"decision's trace (a step containing {CLIFF!r})."
        )
        explained = [s for s in after.trace if CLIFF.lower() in s.detail.lower()]
        assert explained, f"the declared {dimension} cliff is not explained in the decision"


def with_more_days_of_loss(claim: Scenario, extra_days: int) -> Scenario:
    """The same claim with the loss running ``extra_days`` longer, up to the claim date:
    ``dates.resolved`` and every lost amenity's ``to`` move later; the claim date does not
    (so time limits counted to the claim are unchanged)."""
    dates = claim.dates
    claimed = dates.claimed

    def later(day):
        if day is None:
            return None
        return max(day, min(day + timedelta(days=extra_days), claimed))

    amenities = tuple(attrs.evolve(loss, to=later(loss.to)) for loss in claim.amenities_lost)
    return attrs.evolve(
        claim,
        dates=attrs.evolve(dates, resolved=later(dates.resolved)),
        amenities_lost=amenities,
    )
