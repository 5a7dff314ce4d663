"""Draw a report (``data.Report``) as HTML or Markdown, with its charts."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from compsim.diff import _difference, _show, cell_text, signed
from compsim.errors import CompsimError
from compsim.money import format_pounds
from compsim.outputs import write_whole
from compsim.report import charts as chart_module
from compsim.report.charts import Chart
from compsim.report.data import MARKS, Report

SUMMARY_LINES: list[tuple[str, str, Callable[[Any], str]]] = [
    ("claims paid", "Scenarios with something to pay", lambda s: str(s.paid)),
    ("claims excluded", "Scenarios the policy excludes", lambda s: str(s.excluded)),
    ("total paid", "Sum of the awards on the claims paid", lambda s: format_pounds(s.total_paid)),
    ("mean paid", "Total paid over the claims paid", lambda s: format_pounds(s.mean_paid)),
    ("median paid", "Median award over the claims paid", lambda s: format_pounds(s.median_paid)),
    (
        "share on assumptions",
        "Share of the total paid that rests on assumption parameters",
        lambda s: f"{s.assumption_share * 100:.0f}%",
    ),
    (
        "claims resting on drafts",
        "Claims paid whose award rests in part on a draft value",
        lambda s: str(s.on_draft),
    ),
    (
        "share on drafts",
        "Share of the total paid that rests on draft values",
        lambda s: f"{s.draft_share * 100:.0f}%",
    ),
    (
        "senior approval",
        "Awards that need approval above the usual level",
        lambda s: str(s.senior_approvals),
    ),
    (
        "offset against debts",
        "Claims with part of the award credited to the account",
        lambda s: str(s.offset),
    ),
]


def make_charts(report: Report) -> list[Chart]:
    ids = [row.id for row in report.rows]
    made = [
        chart_module.award_per_scenario(ids, report.awards),
        chart_module.award_distribution(report.awards),
    ]
    if report.audit is not None:
        a = report.audit
        made.append(
            chart_module.audit_buckets(
                a.landlords,
                a.buckets,
                a.bucket_names,
                [c.counts for c in a.counts],
                a.reference,
                a.shortfall_totals,
            )
        )
    if report.diff is not None and report.diff.changed:
        d = report.diff
        made.append(
            chart_module.diff_changes(
                [s.scenario for s in d.changed],
                [s.change if s.change is not None else Decimal(0) for s in d.changed],
                d.baseline,
                d.draft,
            )
        )
    return made


def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    from compsim.render.safe import for_template

    environment = Environment(
        loader=PackageLoader("compsim.report", "templates"),
        autoescape=select_autoescape(["html", "j2"], default_for_string=True, default=True),
        undefined=StrictUndefined,
        trim_blocks=False,
        finalize=for_template,
    )
    return environment


def to_html(report: Report, charts: list[Chart]) -> str:
    template = _environment().get_template("report.html.j2")
    return template.render(
        r=report,
        charts=charts,
        marks=MARKS,
        summary_lines=SUMMARY_LINES,
        pounds=format_pounds,
        signed=signed,
        show=_show,
        difference=_difference,
        diff_cell=cell_text,
    )


def write_chart_files(charts: list[Chart], directory: Path) -> list[Path]:
    """Each chart as SVG and PNG, for a review paper."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CompsimError(f"--charts {directory}: cannot create: {error.strerror}") from None
    written = []
    for chart in charts:
        for suffix, data in ((".svg", chart.svg()), (".png", chart.png())):
            path = directory / f"{chart.name}{suffix}"
            write_whole(path, data)
            written.append(path)
    return written
