"""compsim report: one self-contained HTML file (or Markdown with image files) for a board or
a regulator: the drafts in force, the policies and versions, the side-by-side table and
summary, the audit against the reference, the diff when asked, charts, and every decision
explained.

Jinja2 and matplotlib are the optional extra ``compsim[report]``; nothing outside this
package imports them, so every other command starts without them.
"""

from __future__ import annotations

from compsim.errors import CompsimError

NEEDS = "compsim report needs Jinja2 and matplotlib: pip install 'compsim[report]'"


def check_available() -> None:
    """A one-line error (exit 2) when the report extra is not installed."""
    import importlib.util

    missing = [m for m in ("jinja2", "matplotlib") if importlib.util.find_spec(m) is None]
    if missing:
        raise CompsimError(f"{NEEDS} ({', '.join(missing)} not installed)")
