"""What every compsim chart shares: colours that hold for colour-blind readers and in print,
and a pounds axis. Imported only by commands that draw (matplotlib is slow to import)."""

from __future__ import annotations

from typing import Any

# Okabe & Ito's palette: distinguishable with every common colour-vision deficiency, and
# different in lightness, so lines stay apart printed in grey.
PALETTE = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#000000",  # black
    "#F0E442",  # yellow
)


def pounds_axis(axis: Any) -> None:
    """Label an axis in pounds: £0, £1,000, £2,500."""
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda value, _: f"£{value:,.0f}"))


# Line styles in the same order, so lines that overlap or print in grey stay apart.
LINE_STYLES = ("-", "--", "-.", ":", (0, (5, 1)), (0, (3, 1, 1, 1, 1, 1)))


def style(number: int) -> dict[str, Any]:
    """Colour and dash of the ``number``-th series."""
    return {
        "color": PALETTE[number % len(PALETTE)],
        "linestyle": LINE_STYLES[number % len(LINE_STYLES)],
    }
