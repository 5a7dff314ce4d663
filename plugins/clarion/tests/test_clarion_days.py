"""Days of loss for the specific sums (Ombudsman guidance, via clarion 6.5) are counted with
date spans; these properties check the span arithmetic against the plain reading, a set of
every day lost (the end day, when the amenity is back, not counted)."""

from __future__ import annotations

from datetime import date, timedelta

from compsim_clarion.plugin import _days_in, _days_in_both, _joined
from hypothesis import given
from hypothesis import strategies as st

START = date(2026, 1, 1)


def _spans(draw_pairs: list[tuple[int, int]]) -> list[tuple[date, date]]:
    return [(START + timedelta(days=a), START + timedelta(days=a + n)) for a, n in draw_pairs]


def _days(spans: list[tuple[date, date]]) -> set[date]:
    return {start + timedelta(days=n) for start, end in spans for n in range((end - start).days)}


pairs = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 40)), max_size=4)


@given(pairs, pairs)
def test_span_counts_equal_the_sets_of_days_lost(first, second):
    raw_a, raw_b = _spans(first), _spans(second)  # may overlap, as losses of one amenity can
    a, b = _joined(raw_a), _joined(raw_b)
    assert _days_in(a) == len(_days(raw_a))
    assert _days_in_both(a, b) == len(_days(raw_a) & _days(raw_b))
    # one of heating or hot water: the days in exactly one of the two
    assert _days_in(a) + _days_in(b) - 2 * _days_in_both(a, b) == len(_days(raw_a) ^ _days(raw_b))
