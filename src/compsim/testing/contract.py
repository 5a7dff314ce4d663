"""The contract every policy plugin keeps, as a test class a plugin's own tests subclass::

    from compsim.testing.contract import PolicyContract

    class TestContract(PolicyContract):
        landlord = "mylandlord"

Each test draws valid scenarios (``compsim.testing.strategies``, with exclusion flags drawn
rarely) and checks one promise the host cannot check for the plugin: more days of loss, or
a worse distress level, never lowers the award; the same input gives the same output. The
host itself checks every return value (types, money never negative, an excluded claim pays
nothing, paid plus credited equals the total, a clause and a basis on every item) on every
decision, so these tests fail, with the host's message, if a plugin breaks any of those.

The award compared is the one the claim would have had without exclusions
(``award_if_not_excluded``), so an excluded draw still tests the calculation. Each "worse"
helper always changes the claim, and ``hypothesis.event`` counts how often the award rose,
stayed or fell (run pytest with ``--hypothesis-show-statistics`` to see the counts).

A policy may really pay less for a worse case: a threshold cliff written into its text.
That is a finding, not a bug. Declare it in ``cliffs`` (``"days"`` or ``"distress"`` → why),
and make the decision say so: wherever the award falls, the lower decision's trace must carry
a step containing ``CLIFF`` so that ``compsim explain`` reports it.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import ClassVar

import attrs
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from compsim.models import DISTRESS_LEVELS, Decision, Scenario
from compsim.scenarios import load_data
from compsim.testing import decide, fresh_decision
from compsim.testing.strategies import scenario_data

CLIFF = "Non-monotonic"

# The contract runs in plugin authors' own repositories too, without compsim's conftest.
# Every landlord's subclass shares these test methods by design, hence differing_executors.
contract_settings = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.differing_executors],
)


def ordinary_scenarios(with_loss: bool = False) -> st.SearchStrategy[Scenario]:
    """Valid scenarios whose exclusion flags (legal matters, refused access, evidence not
    supplied, a cause outside the landlord) are drawn rarely, about one draw in ten each.
    ``with_loss``: always a rent and at least one lost amenity, so days of loss can count."""
    return (
        scenario_data()
        .flatmap(lambda data: _rarely_excluded(data, with_loss))
        .map(lambda data: load_data(data, "<generated>", "generated"))
    )


def _rarely_excluded(data: dict, with_loss: bool) -> st.SearchStrategy[dict]:
    rarely = st.integers(0, 9).map(lambda n: n == 0)

    def apply(flags: tuple[bool, bool, bool, bool]) -> dict:
        legal, access, evidence, cause = flags
        kept = {**data, "failure": dict(data["failure"]), "claim": dict(data["claim"])}
        if with_loss:
            kept["household"] = {**data["household"], "weekly_rent": Decimal("100.00")}
            kept["amenities_lost"] = data["amenities_lost"] or [{"amenity": "kitchen"}]
        if not legal:
            kept["legal"] = {}
        if not access:
            kept["failure"].pop("access_refused", None)
        if not evidence:
            kept["claim"].pop("evidence_supplied", None)
        if not cause:
            kept["failure"]["cause"] = "landlord"
            kept["failure"].pop("responsibility", None)
        return kept

    return st.tuples(rarely, rarely, rarely, rarely).map(apply)


class PolicyContract:
    """Subclass with ``landlord = "<id>"`` (and ``cliffs`` for declared threshold cliffs)."""

    landlord: ClassVar[str] = ""
    cliffs: ClassVar[dict[str, str]] = {}

    def decide(self, claim: Scenario) -> Decision:
        assert self.landlord, "set landlord = '<policy id>' on the contract subclass"
        return decide(self.landlord, claim)

    @contract_settings
    @given(ordinary_scenarios(with_loss=True), st.integers(1, 90))
    def test_more_days_of_loss_never_lower_the_award(self, claim, extra_days):
        longer = with_more_days_of_loss(claim, extra_days)
        assert longer != claim
        self.check_not_lower(claim, longer, "days")

    @contract_settings
    @given(ordinary_scenarios(), st.data())
    def test_worse_distress_never_lowers_the_award(self, claim, data):
        claim, worse_claim = with_worse_distress(claim, data.draw(st.integers(1, 4)))
        assert worse_claim != claim
        self.check_not_lower(claim, worse_claim, "distress")

    @contract_settings
    @given(ordinary_scenarios())
    def test_the_same_input_gives_the_same_output(self, claim):
        decision = self.decide(claim)
        event("excluded" if decision.excluded else "not excluded")
        assert decision == fresh_decision(self.landlord, claim)

    def check_not_lower(self, claim: Scenario, worse: Scenario, dimension: str) -> None:
        before, after = self.decide(claim), self.decide(worse)
        was = before.award_if_not_excluded.total
        now = after.award_if_not_excluded.total
        event("excluded" if before.excluded else "not excluded")
        event(
            f"{dimension}: the award "
            + ("rose" if now > was else "stayed" if now == was else "fell")
        )
        if now >= was:
            return
        assert dimension in self.cliffs, (
            f"a worse case ({dimension}) pays less: {was} -> {now}. "
            f"If the policy text really does this, declare it in cliffs and explain it in the "
            f"decision's trace (a step containing {CLIFF!r})."
        )
        explained = [s for s in after.trace if CLIFF.lower() in s.detail.lower()]
        assert explained, f"the declared {dimension} cliff is not explained in the decision"


def with_worse_distress(claim: Scenario, steps: int) -> tuple[Scenario, Scenario]:
    """The claim and the same claim with distress ``steps`` levels worse (both always
    differ: at the top of the scale the first claim is moved down instead)."""
    current = DISTRESS_LEVELS.index(claim.failure.distress)
    last = len(DISTRESS_LEVELS) - 1
    lower = min(current, last - steps) if steps <= last else 0
    higher = min(lower + steps, last)
    if lower == higher:
        lower = higher - 1

    def at(level: int) -> Scenario:
        distress = DISTRESS_LEVELS[level]
        return attrs.evolve(claim, failure=attrs.evolve(claim.failure, distress=distress))

    return at(lower), at(higher)


def with_more_days_of_loss(claim: Scenario, extra_days: int) -> Scenario:
    """The same claim with the loss running ``extra_days`` longer: its end
    (``dates.resolved``, or the claim date when it was still going on) moves later by that
    many days, and so does every lost amenity's ``to``. The claim date does not move, so
    the parameters in force and time limits counted to the claim are unchanged; a loss that
    ran to the claim now ends after it (``resolved`` may follow ``claimed``)."""
    if extra_days < 1:
        raise ValueError("extra_days must be at least 1, so the claim always changes")
    dates = claim.dates
    shift = timedelta(days=extra_days)
    amenities = tuple(
        attrs.evolve(loss, to=None if loss.to is None else loss.to + shift)
        for loss in claim.amenities_lost
    )
    return attrs.evolve(
        claim,
        dates=attrs.evolve(dates, resolved=dates.loss_end + shift),
        amenities_lost=amenities,
    )
