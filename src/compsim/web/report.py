"""The HTML report for the case on the page, as ``compsim report`` writes it, when its extra
(Jinja2, matplotlib) is installed; its API is used defensively, so a change there is a 501
saying so, never a crash."""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence

from compsim.models import Scenario
from compsim.plugins import Policy

UNAVAILABLE = (
    "the HTML report needs compsim report's extra: pip install 'compsim[report]' (not installed)"
)


def available() -> bool:
    """compsim report and its extra (Jinja2, matplotlib) are installed."""
    try:
        return all(
            importlib.util.find_spec(name) is not None
            for name in ("compsim.report", "jinja2", "matplotlib")
        )
    except (ImportError, ValueError):
        return False


def report_html(scenario: Scenario, policies: Sequence[Policy]) -> str:
    """The report of one case through these policies (drafts included), as compsim report
    writes it. Raises LookupError with a one-line reason when it cannot be made."""
    if not available():
        raise LookupError(UNAVAILABLE)
    try:
        from compsim import drafts
        from compsim.report import data
        from compsim.report.render import make_charts, to_html
        from compsim.simulate import simulate

        rows = simulate([scenario], list(policies))
        built = data.build(rows, list(policies), drafts.in_force(policies), command="compsim serve")
        return to_html(built, make_charts(built))
    except ImportError as error:
        raise LookupError(f"{UNAVAILABLE} ({error.name} is missing)") from None
    except Exception as error:  # the report's API is still moving: say so, do not crash
        raise LookupError(f"the HTML report could not be made: {type(error).__name__}") from None
