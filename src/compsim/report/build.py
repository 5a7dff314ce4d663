"""Run everything a report needs and write it (HTML or Markdown, and --charts files)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from compsim import drafts
from compsim.diff import run_diff, side_labels
from compsim.models import CellError
from compsim.outputs import write_whole
from compsim.plugins import Policy
from compsim.report import data
from compsim.report.render import make_charts, to_html, write_chart_files
from compsim.simulate import simulate


def write_report(
    scenarios: Sequence[Any],
    policies: Sequence[Policy],
    output: Path,
    fmt: str = "html",
    charts_dir: Path | None = None,
    diff_parts: tuple[Policy, Policy, list] | None = None,
    command: str = "",
) -> bool:
    """Write the report; True if any plugin failed on any scenario (the report still shows it)."""
    rows = simulate(scenarios, policies)
    diff = None
    diff_drafts: list = []
    if diff_parts is not None:
        before, after, diff_drafts = diff_parts
        diff = run_diff(scenarios, before, after, side_labels(before.column, after.column))
        shown = {d.column for d in drafts.in_force(policies)}
        diff_drafts = [d for d in diff_drafts if d.column not in shown]
    report = data.build(
        rows,
        policies,
        drafts.in_force(policies),
        command=command,
        diff=diff,
        diff_drafts=diff_drafts,
    )
    charts = make_charts(report)
    if fmt == "markdown":
        from compsim.report.markdown import chart_file, to_markdown

        for chart in charts:
            write_whole(chart_file(output, chart), chart.svg())
        write_whole(output, to_markdown(report, charts, output))
    else:
        write_whole(output, to_html(report, charts))
    if charts_dir is not None:
        write_chart_files(charts, charts_dir)
    failed = any(isinstance(c, CellError) for row in rows for c in row.cells.values())
    return failed or bool(diff and diff.counts()["error"])
