"""What every compsim chart shares: colours that hold for colour-blind readers and in print,
and a pounds axis. Imported only by commands that draw (matplotlib is slow to import)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from compsim.errors import CompsimError

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


def pyplot_for(path: Path) -> Any:
    """matplotlib's pyplot, drawing to files only, for a ``--chart`` to ``path``; a one-line
    error for a file that is neither .svg nor .png, or when matplotlib is not installed."""
    if path.suffix.lower() not in (".svg", ".png"):
        raise CompsimError(f"--chart {path}: expected a file ending .svg or .png")
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise CompsimError("--chart needs matplotlib: pip install 'compsim[charts]'") from None
    return plt


def save_chart(figure: Any, path: Path) -> None:
    """Write ``figure`` to ``path`` (whole, with the command's other files: compsim.outputs)
    and close it; a one-line error when the file cannot be written. An SVG carries no date
    and its ids are salted by the file name, so the same chart is the same file (as the
    report's charts are)."""
    import matplotlib
    import matplotlib.pyplot as plt

    from compsim import outputs

    svg = path.suffix.lower() == ".svg"
    temporary = outputs.temporary_for(path)
    try:
        with matplotlib.rc_context({"svg.hashsalt": path.name}):
            figure.savefig(
                temporary, format="svg" if svg else "png", metadata={"Date": None} if svg else None
            )
    except OSError as error:
        outputs.discard(temporary)
        raise CompsimError(f"--chart {path}: cannot write: {error.strerror}") from None
    finally:
        plt.close(figure)
    outputs.place(temporary, path)
