"""The report's charts, drawn with matplotlib as SVG (inline in the page) and PNG (--charts).

Colours are the Okabe-Ito palette, safe for colour-blind readers; every series also has its
own marker or hatch, so the charts hold when printed in black and white. Money axes are in
pounds. Text stays text in the SVG (searchable, and small), and mathtext is off, so a ``$``
in a scenario id prints as itself.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

import attrs
import matplotlib

matplotlib.use("Agg")  # no display: draw to files only

from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

# Okabe & Ito (2008), "Color Universal Design": distinct for every common colour-vision type
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
HATCHES = ("", "//", "..", "xx", "\\\\", "++", "--", "oo")
RC = {
    "svg.fonttype": "none",
    "text.parse_math": False,
    "font.size": 9,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
}


@attrs.frozen
class Chart:
    name: str  # file stem, e.g. "award-per-scenario"
    title: str
    caption: str
    figure: Any = attrs.field(eq=False, repr=False)

    def svg(self) -> str:
        """A standalone SVG file."""
        out = io.StringIO()
        with matplotlib.rc_context({**RC, "svg.hashsalt": self.name}):
            self.figure.savefig(out, format="svg", metadata={"Date": None}, bbox_inches="tight")
        return out.getvalue()

    def inline_svg(self) -> str:
        """The SVG element alone, for an HTML page: no XML prolog, no metadata, no namespace
        declarations (an HTML parser needs none), sized by the page."""
        text = self.svg()
        text = text[text.index("<svg") :]
        text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.S)
        opening, rest = text.split(">", 1)
        opening = re.sub(r'\s(xmlns(:\w+)?|width|height|version)="[^"]*"', "", opening)
        label = f' role="img" aria-label="{_attr(self.title)}"'
        return f"{opening}{label}>{rest}"

    def png(self, dpi: int = 150) -> bytes:
        out = io.BytesIO()
        with matplotlib.rc_context(RC):
            self.figure.savefig(out, format="png", dpi=dpi, bbox_inches="tight")
        return out.getvalue()


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def pounds(value: float, _position: Any = None) -> str:
    sign = "-" if value < 0 else ""
    return f"{sign}£{abs(value):,.0f}"


def _figure(width: float, height: float) -> Figure:
    with matplotlib.rc_context(RC):
        return Figure(figsize=(width, height), layout="constrained")


def _style(build: Callable[..., Chart]) -> Callable[..., Chart]:
    def wrapped(*args: Any, **kwargs: Any) -> Chart:
        with matplotlib.rc_context(RC):
            return build(*args, **kwargs)

    return wrapped


@_style
def award_per_scenario(
    scenarios: Sequence[str], awards: dict[str, Sequence[Decimal | None]]
) -> Chart:
    """Each landlord's award on each scenario: scenarios down, pounds across, one marker shape
    and colour per landlord. An excluded claim (or an error) has no marker."""
    count = len(scenarios)
    figure = _figure(8.5, max(3.0, 0.22 * count + 1.6))
    axes = figure.add_subplot()
    positions = list(range(count))
    for index, (column, values) in enumerate(awards.items()):
        xs = [float(v) for v in values if v is not None]
        ys = [p for p, v in zip(positions, values, strict=True) if v is not None]
        axes.scatter(
            xs,
            ys,
            label=column,
            marker=MARKERS[index % len(MARKERS)],
            color=PALETTE[index % len(PALETTE)],
            s=28,
            alpha=0.9,
            edgecolors="black",
            linewidths=0.4,
            zorder=3,
        )
    axes.set_yticks(positions, list(scenarios), fontsize=7)
    axes.set_ylim(count - 0.5, -0.5)
    axes.xaxis.set_major_formatter(FuncFormatter(pounds))
    axes.set_xlabel("Award (£)")
    axes.set_ylabel("Scenario")
    axes.grid(axis="x", color="#cccccc", linewidth=0.6, zorder=0)
    axes.grid(axis="y", color="#eeeeee", linewidth=0.4, zorder=0)
    axes.set_title("Award per landlord on each scenario")
    axes.legend(title="Policy", loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    return Chart(
        "award-per-scenario",
        "Award per landlord on each scenario",
        "Each marker is one policy's total award on one scenario; an excluded claim has none.",
        figure,
    )


@_style
def award_distribution(awards: dict[str, Sequence[Decimal | None]]) -> Chart:
    """The spread of each landlord's awards on the claims it pays: a box (quartiles and
    median) with every award as a point."""
    columns = list(awards)
    figure = _figure(8.5, 4.2)
    axes = figure.add_subplot()
    paid = [[float(v) for v in awards[c] if v is not None and v > 0] for c in columns]
    boxes = axes.boxplot(
        [values or [0.0] for values in paid],
        tick_labels=columns,
        patch_artist=True,
        showfliers=False,
        widths=0.55,
        medianprops={"color": "black", "linewidth": 1.6},
    )
    for index, box in enumerate(boxes["boxes"]):
        box.set_facecolor(PALETTE[index % len(PALETTE)])
        box.set_alpha(0.45)
        box.set_hatch(HATCHES[index % len(HATCHES)])
    for index, values in enumerate(paid):
        offsets = [((k * 7919) % 21 - 10) / 60 for k in range(len(values))]  # fixed jitter
        axes.scatter(
            [index + 1 + o for o in offsets],
            values,
            s=10,
            color=PALETTE[index % len(PALETTE)],
            marker=MARKERS[index % len(MARKERS)],
            edgecolors="black",
            linewidths=0.3,
            zorder=3,
            label=columns[index],
        )
    axes.yaxis.set_major_formatter(FuncFormatter(pounds))
    axes.set_ylabel("Award on a paid claim (£)")
    axes.set_xlabel("Policy")
    axes.grid(axis="y", color="#dddddd", linewidth=0.6)
    axes.set_title("Distribution of awards per landlord (claims paid)")
    axes.legend(title="Policy", loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    return Chart(
        "award-distribution",
        "Distribution of awards per landlord (claims paid)",
        "Box: the middle half of the awards, the line in it the median; whiskers reach 1.5 "
        "times the box; every paid claim is a point.",
        figure,
    )


@_style
def audit_buckets(
    landlords: Sequence[str],
    buckets: Sequence[str],
    names: dict[str, str],
    counts: Sequence[dict[str, int]],
    reference: str,
    shortfalls: dict[str, Decimal] | None = None,
) -> Chart:
    """Scenarios per audit bucket for each landlord, stacked; the total shortfall against the
    reference minimum beside it, in pounds."""
    figure = _figure(9.5, max(2.6, 0.55 * len(landlords) + 1.8))
    axes, money = figure.subplots(1, 2, width_ratios=(3, 1.2), sharey=True)
    positions = list(range(len(landlords)))
    left = [0] * len(landlords)
    for index, bucket in enumerate(buckets):
        widths = [c.get(bucket, 0) for c in counts]
        bars = axes.barh(
            positions,
            widths,
            left=left,
            color=PALETTE[index % len(PALETTE)],
            hatch=HATCHES[index % len(HATCHES)],
            edgecolor="black",
            linewidth=0.5,
            label=names.get(bucket, bucket),
        )
        axes.bar_label(
            bars, labels=[str(w) if w else "" for w in widths], label_type="center", fontsize=8
        )
        left = [a + b for a, b in zip(left, widths, strict=True)]
    axes.set_yticks(positions, list(landlords))
    axes.invert_yaxis()
    axes.set_xlabel(f"Scenarios (count) against {reference}")
    axes.set_ylabel("Landlord")
    axes.set_title(f"Audit against the reference ({reference})")
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.25), ncol=2, frameon=False)
    short = [float((shortfalls or {}).get(lan, 0)) for lan in landlords]
    money.barh(positions, short, color="#999999", edgecolor="black", hatch="//", linewidth=0.5)
    money.xaxis.set_major_formatter(FuncFormatter(pounds))
    money.set_xlabel("Total shortfall (£)")
    money.set_title("Below the reference minimum")
    money.tick_params(axis="x", labelrotation=30)
    return Chart(
        "audit-buckets",
        f"Audit against the reference ({reference})",
        "Scenarios in each audit bucket per landlord; beside it, how far below the "
        "reference minimum the landlord falls in all (below or excluded where the reference "
        "would remedy).",
        figure,
    )


@_style
def diff_changes(
    scenarios: Sequence[str], changes: Sequence[Decimal], baseline: str, draft: str
) -> Chart:
    """The change per changed scenario, in pounds: more to the right, less to the left."""
    count = len(scenarios)
    figure = _figure(8.5, max(2.4, 0.22 * count + 1.6))
    axes = figure.add_subplot()
    values = [float(c) for c in changes]
    positions = list(range(count))
    more = [v if v > 0 else 0 for v in values]
    less = [v if v < 0 else 0 for v in values]
    axes.barh(positions, more, color=PALETTE[0], edgecolor="black", linewidth=0.4, label="more")
    axes.barh(
        positions,
        less,
        color=PALETTE[1],
        edgecolor="black",
        linewidth=0.4,
        hatch="//",
        label="less",
    )
    same = [p for p, v in zip(positions, values, strict=True) if v == 0]
    axes.scatter(
        [0] * len(same),
        same,
        marker="D",
        facecolors="white",
        edgecolors="black",
        s=36,
        label="same amount, other change",
        zorder=3,
    )
    axes.axvline(0, color="black", linewidth=0.8)
    axes.set_yticks(positions, list(scenarios), fontsize=7)
    axes.set_ylim(count - 0.5, -0.5)
    axes.xaxis.set_major_formatter(FuncFormatter(pounds))
    axes.set_xlabel(f"Change in award, {draft} minus {baseline} (£)")
    axes.set_ylabel("Scenario")
    axes.grid(axis="x", color="#dddddd", linewidth=0.6)
    axes.set_title(f"What the draft changes: {baseline} → {draft}")
    axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    return Chart(
        "diff-changes",
        f"What the draft changes: {baseline} → {draft}",
        "Each bar is one scenario whose outcome changes; a mark on the zero line is a change "
        "that moves no money (a different approver, say).",
        figure,
    )
