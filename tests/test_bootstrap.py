"""compsim.bootstrap: the percentile bootstrap behind calibrate's intervals."""

import statistics

from hypothesis import given
from hypothesis import strategies as st

from compsim.bootstrap import Interval, Resampling, nearest_rank, percentile_intervals


def mean(values):
    return sum(values) / len(values)


def test_nearest_rank_by_hand():
    # of 1 to 100: 2.5% of 100 is 2.5, so the 3rd value; 97.5% is 97.5, so the 98th
    values = list(range(1, 101))
    assert nearest_rank(values, 0.025) == 3
    assert nearest_rank(values, 0.975) == 98
    assert nearest_rank(values, 0.5) == 50
    assert nearest_rank(values, 0.0) == 1  # never before the first
    assert nearest_rank(values, 1.0) == 100


def test_two_values_by_hand():
    # resamples of [0, 1] have mean 0, 0.5 or 1 with chances 1/4, 1/2, 1/4: over 10,000
    # resamples a quarter are 0 and a quarter 1, so both 2.5% tails reach the ends
    (interval,) = percentile_intervals([0.0, 1.0], [mean], Resampling())
    assert interval == Interval(0.0, 1.0)


def test_one_value_repeated_is_certain():
    (interval,) = percentile_intervals([0.8] * 18, [statistics.median], Resampling())
    assert interval == Interval(0.8, 0.8)


def test_none_asked_or_nothing_to_resample():
    assert percentile_intervals([1.0, 2.0], [mean], Resampling(resamples=0)) is None
    assert percentile_intervals([], [mean], Resampling()) is None


def test_the_seed_repeats_the_interval():
    values = [0.3, 0.5, 0.75, 0.9, 1.0, 1.2, 1.6, 2.4, 3.1]
    first = percentile_intervals(values, [statistics.median], Resampling(seed=7))
    assert percentile_intervals(values, [statistics.median], Resampling(seed=7)) == first


@given(
    st.lists(st.floats(0.01, 100, allow_nan=False), min_size=1, max_size=30),
    st.integers(0, 2**32),
)
def test_the_median_interval_lies_within_the_values(values, seed):
    (interval,) = percentile_intervals(
        values, [statistics.median], Resampling(resamples=200, seed=seed)
    )
    assert min(values) <= interval.low <= interval.high <= max(values)
