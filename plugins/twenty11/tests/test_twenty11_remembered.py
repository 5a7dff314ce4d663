"""The items and notes Twenty11's plugin remembers between decisions (for speed, issue 11)
are the ones it would build afresh: equal values that print differently never share an entry."""

from __future__ import annotations

from decimal import Decimal

from compsim_twenty11.plugin import _percent

from compsim.testing import decide, scenario

MINIMAL_REPAIR = '[failure]\nkind = "repair-delay"\ndistress = "minimal"\n'


def stress_item(sets: tuple[str, ...]):
    decision = decide("twenty11", scenario(MINIMAL_REPAIR), sets)
    found = [i for i in decision.award_if_not_excluded.items if i.category == "distress"]
    assert len(found) == 1
    return found[0]


def test_6_9_3_band_low_0_and_minus_0_kept_apart_in_one_process():
    # 6.9.3 minimal: £50 (stress.minimal.amount), its range from 0 (then -0): the two lows
    # are equal values but a user's -0 prints as -0.00, so the item is not shared.
    assert str(stress_item(("twenty11.stress.minimal.low=0",)).low) == "0.00"
    assert str(stress_item(("twenty11.stress.minimal.low=-0",)).low) == "-0.00"


def test_3_4_threshold_0_and_minus_0_print_apart_in_one_process():
    # £50 of goodwill exceeds a threshold of 0 (then -0): the note prints it as written.
    def last_note(threshold: str) -> str:
        sets = (f"twenty11.approval.goodwill_senior_over={threshold}",)
        return decide("twenty11", scenario(MINIMAL_REPAIR), sets).approval.notes[-1].detail

    assert last_note("0") == "Goodwill of £50.00 exceeds the £0.00 threshold"
    assert last_note("-0") == "Goodwill of £50.00 exceeds the £-0.00 threshold"


def test_appendix_1_share_0_and_minus_0_print_apart_in_one_process():
    # a share's percentage is remembered by its value, but never a zero: 0 and -0 are equal
    # values and print apart; equal shares written differently print alike
    assert (_percent(Decimal("0")), _percent(Decimal("-0"))) == ("0%", "-0%")
    assert _percent(Decimal("0.2")) == _percent(Decimal("0.20")) == "20%"
