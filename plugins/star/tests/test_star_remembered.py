"""The texts STAR's plugin remembers between decisions (for speed, issue 11) are the texts it
would build afresh: equal values that print differently never share an entry."""

from __future__ import annotations

from compsim.testing import decide, scenario

MODERATE_OTHER = '[failure]\nkind = "other"\ndistress = "moderate"\n'


def band_note(sets: tuple[str, ...]) -> str:
    decision = decide("star", scenario(MODERATE_OTHER), sets)
    found = [step.detail for step in decision.trace if "bands.position =" in step.detail]
    assert len(found) == 1
    return found[0]


def test_5_1_position_written_0_3_and_0_30_is_printed_as_written_in_one_process():
    # Medium £50-£150 at 0.3: 50 + 100 x 0.3 = £80.00 either way; only the printed
    # parameter differs, so the remembered note must not be shared between the two.
    first = band_note(("star.bands.position=0.30",))
    second = band_note(("star.bands.position=0.3",))
    assert "£80.00 is at 0.30 of the way along" in first
    assert "bands.position = 0.30)" in first
    assert "£80.00 is at 0.3 of the way along" in second
    assert "bands.position = 0.3)" in second
