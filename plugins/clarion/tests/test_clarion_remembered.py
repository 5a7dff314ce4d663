"""What Clarion's plugin remembers between decisions (for speed, issue 11) is what it would
build afresh: equal values that print differently never share an entry."""

from __future__ import annotations

from compsim.testing import decide, scenario

# A repair eight days past its target, minimal distress: the minor band (£50-£100, figure
# £75 by default), claimed before any specific sum is in force.
MINIMAL_REPAIR = """
[failure]
kind = "repair-delay"
distress = "minimal"
[dates]
occurred = 2026-01-05
repair_target = 2026-01-19
resolved = 2026-01-27
claimed = 2026-03-02
"""


def distress(*sets: str):
    decision = decide("clarion", scenario(MINIMAL_REPAIR), [f"clarion.{s}" for s in sets])
    items = [i for i in decision.award_if_not_excluded.items if i.category == "distress"]
    notes = " | ".join(note.detail for note in decision.award_if_not_excluded.notes)
    assert len(items) == 1
    return items[0], notes


def test_6_5_band_low_end_0_and_minus_0_print_apart_in_one_process():
    # Minor band from £0 (then a user's -0) to £100, figure £75: the two low ends are equal
    # values, but -0 prints as £-0.00, so the remembered band item must not be shared.
    first, _ = distress("bands.minor.low=0")
    second, _ = distress("bands.minor.low=-0")
    assert "(£0.00 to £100.00)" in first.label
    assert str(first.low) == "0.00"
    assert "(£-0.00 to £100.00)" in second.label
    assert str(second.low) == "-0.00"


def test_6_5_band_figure_0_and_minus_0_print_apart_in_one_process():
    # Figure £0 (then -0) lies below the minor band's £50: paid at £50, and the note names
    # the figure as written, £0.00 or £-0.00.
    _, first = distress("bands.minor.figure=0")
    _, second = distress("bands.minor.figure=-0")
    assert "The chosen figure £0.00 lies outside the band" in first
    assert "The chosen figure £-0.00 lies outside the band" in second
