"""How well the Ombudsman reference matches what the Ombudsman ordered, and the fit behind it.

    .venv/bin/python plugins/ombudsman/fit.py [PATH]            # the figures, fit and held-out
    .venv/bin/python plugins/ombudsman/fit.py [PATH] --fit-only # the fit part only (while fitting)
    .venv/bin/python plugins/ombudsman/fit.py [PATH] --search   # the grid search (fit cases only)
    .venv/bin/python plugins/ombudsman/fit.py [PATH] --cross-validate  # 5-fold, every case
    .venv/bin/python plugins/ombudsman/fit.py [PATH] --calibrate-range  # range.widen (v8)
    .venv/bin/python plugins/ombudsman/fit.py [PATH] --v9       # v9's search and its checks
    .venv/bin/python plugins/ombudsman/fit.py [PATH] KEY=VALUE  # the figures with parameters set

PATH is a directory of determinations (scenarios with a [source] table; default
scenarios/determinations, read recursively). It prints, for the fit part (``split = "fit"``,
every batch: 86 cases since batches 6 to 8 joined it; then each batch's fit cases) and for each
batch's held-out part apart (a case's batch is its ``batch-N`` tag; the first batch has
none), the share of orders inside the reference's bounded range (min to max, with a max), the
median ratio of order to figure and the loss. ``--search`` tries every combination of
``GRID`` (every value at or above 0.10 a year for the growth with duration, so impact always
grows with the length of the failure; and, since v7, only points where the home's share of the
rent never falls as distress worsens) on the fit cases only and prints the best few by
``loss()``; the held-out cases are never evaluated by the search. ``--cross-validate`` runs
that search once for each of ``FOLDS`` folds of every determination (both parts), on the other
folds, and decides each fold's cases with the point chosen without them (docs/determinations.md,
"Cross-validation of the fitting procedure"): an out-of-sample figure for every case.
``--calibrate-range`` fits reference v8's ``range.widen`` from the fit part by a
cross-validation of that search (split-conformal, ``COVERAGE``), and measures the whole
procedure by a nested cross-validation over every case (docs/determinations.md, reference v8).
"""

from __future__ import annotations

import functools
import itertools
import math
import multiprocessing
import statistics
import sys
import tomllib
from decimal import ROUND_CEILING, Decimal
from pathlib import Path

from compsim_ombudsman.plugin import JUDGEMENT_CATEGORIES

from compsim.scenarios import load_paths
from compsim.testing import decide

# Reference v4's grid (docs/determinations.md, "Reference v4": the protocol, written first).
# A key that is a tuple of paths is one dimension: its values set those paths together (None:
# left as it is, because the reading chosen does not read it), so no point repeats.
COMPLAINT_ONLY = (
    "complaint_handling.only_failure",
    "impact.complaint_only",
    "complaint_handling.only_share",
)
GRID = {
    "impact.duration.per_year": ["0.10", "0.25"],
    "impact.severity.persistent": ["0.25", "0.50"],
    COMPLAINT_ONLY: [
        ("twice", "0.25", None),
        ("twice", "0.50", None),
        ("once", None, "1.00"),
        ("once", None, "1.50"),
    ],
    "complaint_handling.band_kind": ["minor", "adversely_affected"],
    "complaint_handling.band_chased": ["minor", "adversely_affected", "significant"],
    "loss_of_use.home_share.moderate": ["0.05", "0.10"],
    "loss_of_use.home_share.considerable": ["0.10", "0.15", "0.20"],
    "loss_of_use.home_share.severe": ["0.10", "0.20"],
    "bands.severe.top": ["2000", "3000"],
    "loss_of_use.full_weeks": ["52", "104"],
    "loss_of_use.later_share": ["0.00", "0.50"],
    "vulnerability.uplift.young-children": ["0.25", "0.50"],
    # reference v7: how a finding of severe maladministration is read, one dimension of five
    # (docs/determinations.md, "Reference v7"): neither switch (v4, v6); the band floor at
    # significant or severe (v5); the distress floor at considerable or severe
    (
        "impact.finding.severe-maladministration",
        "impact.finding_distress.severe-maladministration",
    ): [
        ("none", "none"),
        ("significant", "none"),
        ("severe", "none"),
        ("none", "considerable"),
        ("none", "severe"),
    ],
}
# 2 x 2 x 4 x 2 x 3 x 2 x 3 x 2 x 2 x 2 x 2 x 2 = 18,432 combinations in v4's grid (66 fit
# cases), times the 5 readings of a severe finding in v7's: 92,160 (86 fit cases). Kept at
# their values, not searched: impact.duration.start and max_years, the repeated-reports step,
# the other vulnerability uplifts, bands.position, the loss-of-use range (capped, v1).

# Reference v9's search (docs/determinations.md, "Reference v9", written before it was run):
# the most distress read under a service-failure or a maladministration finding, every other
# parameter at v8's value; nine points, in the order the protocol lists them (a tie: the first).
V9_GRID = {
    "impact.finding_distress.service-failure": ["none", "moderate", "minimal"],
    "impact.finding_distress.maladministration": ["none", "considerable", "moderate"],
}

# v7's search, and the cross-validations that repeat it, decide with v7's ranges (reference v8
# widens the judgement categories' ranges after the point is chosen: calibrate_range).
UNWIDENED = "ombudsman.range.widen=1"

# Set with a grid key to the same value (none since v4: two fit cases now have severe
# distress, so the severe home share is searched on its own; v2 and v3 tied it to the
# considerable share).
TIED: dict[str, tuple[str, ...]] = {}


def grid_sets(combo, grid=None) -> list[str]:
    sets = [UNWIDENED]
    for key, value in zip(GRID if grid is None else grid, combo, strict=True):
        keys, values = (key, value) if isinstance(key, tuple) else ((key,), (value,))
        for one, setting in zip(keys, values, strict=True):
            if setting is None:
                continue
            for path in (one, *TIED.get(one, ())):
                sets.append(f"ombudsman.{path}={setting}")
    return sets


def evaluate(cases, sets=()):
    rows = []
    for case in cases:
        decision = decide("ombudsman", case, sets)
        award = decision.award
        ordered = case.origin.ordered
        inside = award.max is not None and award.min <= ordered <= award.max
        ratio = ordered / award.total if award.total else Decimal("Infinity")
        rows.append((case, award.min, award.total, award.max, ordered, inside, ratio))
    return rows


def summary(rows):
    if not rows:
        return 0.0, float("nan")
    inside = sum(r[5] for r in rows) / len(rows)
    return inside, float(statistics.median(r[6] for r in rows))


def row_loss(row) -> float:
    """One case's part of the loss: the squared log of order/figure (25 for a zero figure),
    plus 1 if the order is outside the bounded range."""
    miss = math.log(float(row[6])) ** 2 if row[2] > 0 else 25.0
    return miss + (not row[5])


def loss(rows) -> float:
    """What the search minimises: the mean squared log of order/figure (a figure that is
    right in proportion), plus a penalty for each order outside the bounded range."""
    return sum(row_loss(r) for r in rows) / len(rows)


def batch(case) -> int:
    """The batch a case came in: its ``batch-N`` tag; the first batch has none."""
    for tag in case.tags:
        if tag.startswith("batch-") and tag[6:].isdigit():
            return int(tag[6:])
    return 1


HOME_SHARES = [
    f"loss_of_use.home_share.{level}" for level in ("moderate", "considerable", "severe")
]


def monotonic(combo) -> bool:
    """Whether a worse distress never gets a smaller share of the rent for the home (v7: the
    plugin contract's property found that v4's severe share, 10%, below the considerable 15%,
    pays severe distress less than considerable at a high rent)."""
    point = dict(zip(GRID, combo, strict=True))
    shares = [Decimal(point[path]) for path in HOME_SHARES]
    return shares == sorted(shares)


_FIT: list = []


def _load_fit(path: Path) -> None:
    """A search worker's fit cases (loaded once in each process)."""
    _FIT[:] = [c for c in load_paths([path]) if c.origin is not None and c.origin.split == "fit"]


def _search_point(combo) -> tuple:
    rows = evaluate(_FIT, grid_sets(combo))
    return (loss(rows), *summary(rows), combo)


FOLDS = 5
PARAMS_FILE = Path(__file__).parent / "src" / "compsim_ombudsman" / "params.toml"


def fold_of(cases, folds: int = FOLDS) -> list[int]:
    """Each case's fold: the cases sorted by id, the i-th (from 0) in fold i mod ``folds``
    (the protocol's rule: it reads the ids alone)."""
    fold = [0] * len(cases)
    for rank, index in enumerate(sorted(range(len(cases)), key=lambda i: cases[i].id)):
        fold[index] = rank % folds
    return fold


_ALL: list = []


def _load_all(path: Path) -> None:
    """A cross-validation worker's cases: every determination, in load order."""
    _ALL[:] = [c for c in load_paths([path]) if c.origin is not None]


def _case_losses(combo, grid=None) -> list[float]:
    """One point's loss on each case (``row_loss``), in load order."""
    return [row_loss(row) for row in evaluate(_ALL, grid_sets(combo, grid))]


class Grid:
    """Every point of a search (v7's by default, with its monotonic filter; or v9's) and its
    loss on every determination, computed once: a search over any set of cases is then a sum
    over that set's columns."""

    def __init__(self, path: Path, grid: dict | None = None) -> None:
        import numpy  # only this script's cross-validation needs it (it comes with matplotlib)

        self.grid = grid
        self.cases = [c for c in load_paths([path]) if c.origin is not None]
        if grid is None:
            self.combos = [c for c in itertools.product(*GRID.values()) if monotonic(c)]
        else:
            self.combos = list(itertools.product(*grid.values()))
        losses = functools.partial(_case_losses, grid=grid)
        with multiprocessing.Pool(initializer=_load_all, initargs=(path,)) as pool:
            self.losses = numpy.array(pool.map(losses, self.combos, chunksize=256))

    def sets(self, combo) -> list[str]:
        return grid_sets(combo, self.grid)

    def best(self, indices: list[int]) -> tuple[tuple, float]:
        """The point with the least mean loss over these cases (a tie: the first in the
        grid), and that loss."""
        means = self.losses[:, indices].mean(axis=1)
        index = int(means.argmin())
        return self.combos[index], float(means[index])

    def folds(self, indices: list[int]) -> list[list[int]]:
        """These cases in ``FOLDS`` folds by the protocol's rule (sorted id, i mod FOLDS)."""
        fold = fold_of([self.cases[i] for i in indices])
        return [[i for i, f in zip(indices, fold, strict=True) if f == n] for n in range(FOLDS)]

    def out_of_fold(self, indices: list[int]) -> list[tuple]:
        """A cross-validation over these cases: for each fold, the point chosen on the other
        folds, its training loss, and the fold's cases."""
        result = []
        for held in self.folds(indices):
            combo, train = self.best([i for i in indices if i not in held])
            result.append((combo, train, [self.cases[i] for i in held]))
        return result


def cross_validate(path: Path) -> dict:
    """The v7 search once for each fold, on the other folds: each fold's chosen point and
    its cases' rows, decided with that point."""
    grid = Grid(path)
    chosen = {}
    for number, (combo, train, held) in enumerate(grid.out_of_fold(list(range(len(grid.cases))))):
        chosen[number] = (combo, train, evaluate(held, grid_sets(combo)))
    return chosen


COVERAGE = Decimal("0.75")  # the share of orders the range is meant to hold (issue 8)


def needed_widening(award, ordered: Decimal) -> float:
    """A case's score (reference v8): the least ``range.widen`` that brings ``ordered``
    inside the award's range; 1 if it is inside, infinite if no widening can (the order is
    below the exact sums alone, or above them with no judgement item to widen)."""
    exact_low = exact_high = judged_low = judged_high = 0.0
    for item in award.items:
        high = math.inf if item.high is None else float(item.high)
        if item.category in JUDGEMENT_CATEGORIES:
            judged_low, judged_high = judged_low + float(item.low), judged_high + high
        else:
            exact_low, exact_high = exact_low + float(item.low), exact_high + high
    order = float(ordered)
    if order < exact_low + judged_low:
        return judged_low / (order - exact_low) if order > exact_low else math.inf
    if order > exact_high + judged_high:
        return (order - exact_high) / judged_high if judged_high > 0 else math.inf
    return 1.0


def conformal_widening(scores: list[float]) -> Decimal:
    """The split-conformal widening: with n scores, the ceil(COVERAGE (n + 1))-th smallest,
    rounded up to the next 0.01, at least 1."""
    rank = math.ceil(COVERAGE * (len(scores) + 1))
    score = sorted(scores)[rank - 1] if rank <= len(scores) else math.inf
    if math.isinf(score):
        raise SystemExit(f"no widening holds {COVERAGE:.0%} of these {len(scores)} orders")
    widen = Decimal(score).quantize(Decimal("0.01"), rounding=ROUND_CEILING)
    return max(Decimal(1), widen)


def fitted_widening(grid: Grid, indices: list[int]) -> Decimal:
    """``range.widen`` fitted from these cases (reference v8, protocol point 3): a
    cross-validation of v7's search over them gives each an out-of-fold score."""
    scores = []
    for combo, _, held in grid.out_of_fold(indices):
        for case in held:
            award = decide("ombudsman", case, grid.sets(combo)).award
            scores.append(needed_widening(award, case.origin.ordered))
    return conformal_widening(scores)


def widened_sets(combo, widen: Decimal, grid=None) -> list[str]:
    sets = [s for s in grid_sets(combo, grid) if s != UNWIDENED]
    return [*sets, f"ombudsman.range.widen={widen}"]


def calibrate_range(path: Path, grid: Grid | None = None) -> tuple[Decimal, dict]:
    """Reference v8: ``range.widen`` for the shipped reference (fitted from the fit part),
    and the nested cross-validation of the whole procedure over every determination: for each
    outer fold, v7's search (or ``grid``'s) and ``range.widen`` fitted on the other folds'
    cases."""
    grid = grid or Grid(path)
    everything = list(range(len(grid.cases)))
    shipped = fitted_widening(grid, [i for i in everything if grid.cases[i].origin.split == "fit"])
    nested = {}
    for number, held in enumerate(grid.folds(everything)):
        train = [i for i in everything if i not in held]
        combo, loss_ = grid.best(train)
        widen = fitted_widening(grid, train)
        cases = [grid.cases[i] for i in held]
        nested[number] = (
            combo,
            loss_,
            evaluate(cases, widened_sets(combo, widen, grid.grid)),
            widen,
        )
    return shipped, nested


@functools.cache
def _shipped() -> dict:
    return tomllib.loads(PARAMS_FILE.read_text())


def current_value(path: str):
    """A parameter's value in params.toml (the shipped reference), read once."""
    table = _shipped()
    for key in path.split("."):
        table = table[key]
    return table["value"]


def differs(setting: str) -> bool:
    """Whether a grid setting (``ombudsman.PATH=VALUE``) differs from the shipped value."""
    path, value = setting.removeprefix("ombudsman.").split("=")
    current = current_value(path)
    if isinstance(current, str):
        return current != value
    return Decimal(str(current)) != Decimal(value)


def print_cross_validation(chosen: dict, grid=None) -> None:
    rows = [row for _, _, fold_rows, *_ in chosen.values() for row in fold_rows]
    print(f"cross-validation: {len(rows)} determinations in {FOLDS} folds")
    for number, (combo, train, fold_rows, *widen) in chosen.items():
        changed = [
            s.removeprefix("ombudsman.")
            for s in grid_sets(combo, grid)
            if s != UNWIDENED and differs(s)
        ]
        inside, median = summary(fold_rows)
        print(
            f"  fold {number}: {len(fold_rows)} cases, chosen on the other "
            f"{len(rows) - len(fold_rows)} (loss {train:.3f}): "
            f"{'; '.join(changed) or 'the v7 point'}"
            + (f"; range.widen {widen[0]}" if widen else "")
            + f"; out of fold: {inside:.0%}, {median:.2f}"
        )
    parts = {
        "all, out of fold": rows,
        "the fit part, out of fold": [r for r in rows if r[0].origin.split == "fit"],
        "the held-out part, out of fold": [r for r in rows if r[0].origin.split == "held-out"],
    }
    for finding in ("service-failure", "maladministration", "severe-maladministration"):
        parts[f"finding {finding}, out of fold"] = [
            r for r in rows if r[0].origin.finding == finding
        ]
    for label, part in parts.items():
        inside, median = summary(part)
        print(f"{label}: {len(part)} determinations; inside {inside:.0%}; median {median:.2f}")
    print("\nout-of-fold decisions:")
    for case, low, figure, high, ordered, inside, ratio in sorted(rows, key=lambda r: r[0].id):
        print(
            f"  {case.id[:46]:46} {case.origin.split:8} ordered {ordered:>8} figure {figure:>8} "
            f"range {low:>8} to {high!s:>8} {'in ' if inside else 'OUT'} ratio {ratio:.2f}"
        )


def search_v9(path: Path) -> None:
    """Reference v9 (docs/determinations.md, its protocol): the nine points on the fit part,
    ``range.widen`` refitted by v8's rule with this search, and the nested cross-validation
    of both over every determination."""
    grid = Grid(path, V9_GRID)
    fit = [i for i, case in enumerate(grid.cases) if case.origin.split == "fit"]
    means = grid.losses[:, fit].mean(axis=1)
    print(f"v9 search: {len(fit)} fit determinations; {len(grid.combos)} points")
    print("loss   inside  median  " + "  ".join(V9_GRID))
    for combo, mean in zip(grid.combos, means, strict=True):
        inside, median = summary(evaluate([grid.cases[i] for i in fit], grid.sets(combo)))
        print(f"{mean:.3f}  {inside:.0%}  {median:.2f}  {combo}")
    combo, train = grid.best(fit)
    print(f"chosen: {combo} (loss {train:.3f})")
    shipped, nested = calibrate_range(path, grid)
    print(f"range.widen fitted from the fit part with the v9 search: {shipped}")
    rows = evaluate([grid.cases[i] for i in fit], widened_sets(combo, shipped, V9_GRID))
    inside, median = summary(rows)
    print(f"the fit part under v9: inside {inside:.0%}; median {median:.4f}")
    print("\nnested ", end="")
    print_cross_validation(nested, V9_GRID)


def main(argv):
    given = [a for a in argv if not a.startswith("-")]
    path = Path(next((a for a in given if "=" not in a), "scenarios/determinations"))
    sets = [f"ombudsman.{a}" for a in given if "=" in a]  # e.g. impact.complaint_only=1
    cases = [c for c in load_paths([path]) if c.origin is not None]
    fit = [c for c in cases if c.origin.split == "fit"]
    parts = {"fit (every batch's fit cases)": fit}
    if "--search" not in argv:
        for number in sorted({batch(c) for c in fit}):
            parts[f"fit, batch {number}"] = [c for c in fit if batch(c) == number]
    if "--fit-only" not in argv and "--search" not in argv:
        held_out = [c for c in cases if c.origin.split == "held-out"]
        for number in sorted({batch(c) for c in held_out}):
            parts[f"held-out, batch {number}"] = [c for c in held_out if batch(c) == number]
        if held_out:
            parts["held-out, all"] = held_out
    if "--v9" in argv:
        search_v9(path)
        return
    if "--calibrate-range" in argv:
        shipped, nested = calibrate_range(path)
        print(f"range.widen fitted from the fit part: {shipped}\n\nnested ", end="")
        print_cross_validation(nested)
        return
    if "--cross-validate" in argv:
        print_cross_validation(cross_validate(path))
        return
    if "--search" in argv:
        combos = [c for c in itertools.product(*GRID.values()) if monotonic(c)]
        with multiprocessing.Pool(initializer=_load_fit, initargs=(path,)) as pool:
            results = pool.map(_search_point, combos, chunksize=256)
        results.sort(key=lambda r: r[0])
        print(f"fit: {len(fit)} determinations; {len(results)} combinations")
        print(
            "loss   inside  median  "
            + "  ".join("/".join(k) if isinstance(k, tuple) else k for k in GRID)
        )
        for result in results[:12]:
            print(f"{result[0]:.3f}  {result[1]:.0%}  {result[2]:.2f}  {result[3]}")
        print(f"current parameters, v7's ranges: loss {loss(evaluate(fit, [UNWIDENED])):.3f}")
        return
    for split, chosen in parts.items():
        rows = evaluate(chosen, sets)
        print(f"\n{split}: {len(rows)} determinations")
        for case, low, figure, high, ordered, inside, ratio in rows:
            print(
                f"  {case.id[:46]:46} ordered {ordered:>8} figure {figure:>8} "
                f"range {low:>8} to {high!s:>8} {'in ' if inside else 'OUT'} ratio {ratio:.2f}"
            )
        inside, median = summary(rows)
        print(
            f"  inside the bounded range: {inside:.0%}; median order/figure: {median:.2f}; "
            f"loss {loss(rows):.3f}"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
