"""``compsim simulate --chart``: how each policy's awards are spread over the caseload.

One step line per policy: the share of decided cases awarded at most £x, read from the tally's
exact count of cases per award (no sampling); for drawing, awards closer together than
``STEP`` of the cases are merged into one step (a line of a few thousand distinct awards
would otherwise make a large file for no visible difference). The x axis stops a little past
the highest 99th percentile among the policies, so a few very large awards do not flatten
the rest; the title says where it stops."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from compsim.caseload.tally import Tally

STEP = 0.002  # the smallest rise in the share of cases drawn as a step of its own


def cumulative_shares(awards: dict[int, int], step: float = 0.0) -> tuple[list[float], list[float]]:
    """(award in pounds, share of cases awarded at most that) at each distinct award; an award
    whose share is less than ``step`` above the last one kept is left to the next (the last
    award is always kept, at a share of 1)."""
    decided = sum(awards.values())
    xs: list[float] = []
    ys: list[float] = []
    seen = 0
    ordered = sorted(awards)
    for pennies in ordered:
        seen += awards[pennies]
        share = seen / decided
        if share - (ys[-1] if ys else 0.0) >= step or pennies == ordered[-1]:
            xs.append(pennies / 100)
            ys.append(share)
    return xs, ys


def draw_distribution(tally: Tally, path: Path, title: str) -> None:
    from compsim.charts import pounds_axis, pyplot_for, save_chart, style

    plt = pyplot_for(path)
    figure, axes = plt.subplots(figsize=(9, 5), dpi=110)
    top = max((t.quantile(99) for t in tally.policies.values() if t.decided), default=Decimal(0))
    right = float(top) * 1.1 or 1.0
    for number, (column, policy) in enumerate(tally.policies.items()):
        if not policy.decided:
            continue
        xs, ys = cumulative_shares(policy.awards, STEP)
        # from £0 and no cases, up to each award's share, on to the right-hand edge
        xs, ys = [0.0, *xs, max(right, xs[-1])], [0.0, *ys, 1.0]
        axes.step(xs, ys, where="post", label=column, linewidth=1.8, **style(number))
    axes.set_xlim(0, right)
    axes.set_ylim(0, 1.02)
    axes.set_title(f"{title}\nshare of cases awarded at most £x (x axis to £{right:,.0f})")
    axes.set_xlabel("award (£)")
    pounds_axis(axes.xaxis)
    axes.yaxis.set_major_formatter(plt.FuncFormatter(lambda value, _: f"{value:.0%}"))
    axes.set_ylabel("share of cases")
    axes.grid(True, color="#dddddd", linewidth=0.6)
    axes.legend(loc="lower right", fontsize="small")
    figure.tight_layout()
    save_chart(figure, path)
