"""6.2's claim window starts where the common reading says (``Scenario.incurred``): the plugin
works the start out from the one lookup that also gives its words, so check the two agree for
every failure kind."""

from __future__ import annotations

import pytest
from compsim_clarion.plugin import claim_window_start

from compsim.models import FAILURE_KINDS
from compsim.testing import scenario


@pytest.mark.parametrize("kind", FAILURE_KINDS)
def test_6_2_claim_window_starts_on_the_day_incurred_for_every_kind(kind):
    # occurred 5 January, resolved 20 February, claimed 2 March: a one-off event counts from
    # the 5th, a continuing failure from its end on the 20th
    claim = scenario(
        f'[failure]\nkind = "{kind}"\n[dates]\nresolved = 2026-02-20\n', id="window-start"
    )
    start, what = claim_window_start(claim)
    assert start == claim.incurred
    assert (what == "the failure ending on") == (not claim.one_off)
