"""How precise a figure measured on a few cases is: a percentile bootstrap interval.

``compsim calibrate`` reports shares and medians over groups of a handful to a few hundred
determinations. A median of 0.75 on 18 cases says little on its own; the interval says how
much. The cases are
resampled with replacement ``resamples`` times, the statistic is computed on each resample,
and the interval runs between the nearest-rank percentiles at ``(1 - level) / 2`` and
``(1 + level) / 2`` of those values. A seeded generator makes the interval the same on every
run, so it can be printed in a README and checked in a test.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from typing import TypeVar

import attrs

T = TypeVar("T")

DEFAULT_RESAMPLES = 10_000
DEFAULT_SEED = 2026
LEVEL = 0.95


@attrs.frozen
class Interval:
    low: float
    high: float


@attrs.frozen
class Resampling:
    """How the intervals were drawn; ``resamples == 0`` asks for none."""

    resamples: int = DEFAULT_RESAMPLES
    seed: int = DEFAULT_SEED
    level: float = LEVEL

    @property
    def enabled(self) -> bool:
        return self.resamples > 0


DEFAULT_RESAMPLING = Resampling()


def nearest_rank(ordered: Sequence[float], share: float) -> float:
    """The nearest-rank percentile of already sorted values: the smallest value with at
    least ``share`` of the values at or below it."""
    rank = max(1, math.ceil(share * len(ordered) - 1e-9))
    return ordered[rank - 1]


def percentile_intervals(
    values: Sequence[T],
    statistics: Sequence[Callable[[list[T]], float]],
    resampling: Resampling,
) -> list[Interval] | None:
    """The percentile bootstrap interval of each statistic over ``values``, all computed on
    the same resamples; None when there is nothing to resample or no resampling is asked
    for."""
    if not values or not resampling.enabled:
        return None
    draw = random.Random(resampling.seed).choices
    size = len(values)
    resamples = [draw(values, k=size) for _ in range(resampling.resamples)]
    tail = (1 - resampling.level) / 2
    intervals = []
    for statistic in statistics:
        estimates = sorted(statistic(sample) for sample in resamples)
        intervals.append(Interval(nearest_rank(estimates, tail), nearest_rank(estimates, 1 - tail)))
    return intervals
