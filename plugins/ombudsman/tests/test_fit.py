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
