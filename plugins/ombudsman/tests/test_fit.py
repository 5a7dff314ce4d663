"""The fitting script's own arithmetic (plugins/ombudsman/fit.py): the folds of the
cross-validation, the loss the search minimises, and the comparison with shipped values."""

from __future__ import annotations

import importlib.util
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest

FIT_SCRIPT = Path(__file__).parents[1] / "fit.py"
_SPEC = importlib.util.spec_from_file_location("ombudsman_fit", FIT_SCRIPT)
fit = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(fit)


def _cases(*ids):
    return [SimpleNamespace(id=i) for i in ids]


def test_folds_follow_the_sorted_ids_whatever_the_order_read():
    # sorted: a, b, c, d, e, f, g -> folds 0, 1, 2, 0, 1, 2, 0
    cases = _cases("g", "c", "a", "f", "b", "e", "d")
    assert fit.fold_of(cases, folds=3) == [0, 2, 0, 2, 1, 1, 0]


def test_folds_differ_in_size_by_at_most_one():
    sizes = [fit.fold_of(_cases(*map(str, range(104)))).count(n) for n in range(fit.FOLDS)]
    assert sorted(sizes) == [20, 21, 21, 21, 21]


def _row(figure, ordered, inside):
    ratio = ordered / figure if figure else Decimal("Infinity")
    return (None, None, figure, None, ordered, inside, ratio)


def test_the_loss_is_the_mean_squared_log_plus_the_share_outside():
    exact_inside = _row(Decimal(100), Decimal(100), True)  # log 1 = 0, inside: 0
    double_outside = _row(Decimal(100), Decimal(200), False)  # (ln 2)^2 + 1
    nothing = _row(Decimal(0), Decimal(50), False)  # a zero figure: 25, + 1 outside
    assert fit.row_loss(exact_inside) == 0
    assert fit.row_loss(double_outside) == pytest.approx(0.480453 + 1, abs=1e-6)
    assert fit.row_loss(nothing) == 26
    assert fit.loss([exact_inside, double_outside, nothing]) == pytest.approx(
        (0 + 1.480453 + 26) / 3, abs=1e-6
    )


def test_a_grid_setting_is_compared_with_the_shipped_value():
    shipped = Decimal(str(fit.current_value("loss_of_use.full_weeks")))
    assert not fit.differs(f"ombudsman.loss_of_use.full_weeks={shipped}")
    assert fit.differs(f"ombudsman.loss_of_use.full_weeks={shipped + 1}")
    choice = fit.current_value("complaint_handling.only_failure")
    other = "twice" if choice == "once" else "once"
    assert not fit.differs(f"ombudsman.complaint_handling.only_failure={choice}")
    assert fit.differs(f"ombudsman.complaint_handling.only_failure={other}")


def _award(*items):
    made = [SimpleNamespace(category=c, low=Decimal(lo), high=Decimal(hi)) for c, lo, hi in items]
    return SimpleNamespace(items=made)


# judgement (impact) £500 to £2,000 beside an exact £100 (a cost): the range £600 to £2,100
AWARD = _award(("impact", "500", "2000"), ("financial-loss", "100", "100"))


def test_a_cases_score_is_the_least_widening_that_holds_its_order():
    assert fit.needed_widening(AWARD, Decimal("1000")) == 1.0  # inside
    assert fit.needed_widening(AWARD, Decimal("350")) == 2.0  # 100 + 500 / 2 = 350
    assert fit.needed_widening(AWARD, Decimal("6100")) == 3.0  # 100 + 2,000 x 3 = 6,100
    assert fit.needed_widening(AWARD, Decimal("100")) == float("inf")  # the exact sum alone
    exact_only = _award(("financial-loss", "100", "100"))
    assert fit.needed_widening(exact_only, Decimal("150")) == float("inf")


def test_the_widening_is_the_split_conformal_quantile_rounded_up():
    # 7 scores: rank ceil(0.75 x 8) = 6, the sixth smallest, 1.234 -> 1.24
    scores = [1.0, 1.0, 1.0, 1.1, 1.2, 1.234, 5.0]
    assert fit.conformal_widening(scores) == Decimal("1.24")
    # 3 scores: rank ceil(0.75 x 4) = 3: the largest
    assert fit.conformal_widening([1.0, 1.0, 1.5]) == Decimal("1.50")
    assert fit.conformal_widening([1.0, 1.0, 1.0, 1.0]) == Decimal("1")
    with pytest.raises(SystemExit, match="no widening holds 75%"):
        fit.conformal_widening([1.0, 1.0, float("inf")])
