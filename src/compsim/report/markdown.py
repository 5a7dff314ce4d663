"""The report as Markdown, with each chart as an SVG file beside it."""

from __future__ import annotations

from pathlib import Path

from compsim.diff import _difference, _show, cell_text, signed
from compsim.money import format_pounds
from compsim.render.safe import one_line
from compsim.report.charts import Chart
from compsim.report.data import MARKS, Report
from compsim.report.render import SUMMARY_LINES


def text(value: object) -> str:
    """Untrusted text for Markdown: no raw HTML, no table breaks, no control characters
    (escaped as a terminal shows them: ``\\x1b``)."""
    return one_line(
        str(value)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("|", "\\|")
        .replace("\n", " ")
    )


def table(headers: list[str], rows: list[list[str]], right: int = 1) -> str:
    lines = [
        "| " + " | ".join(text(h) for h in headers) + " |",
        "|" + "|".join("---" if i < right else "---:" for i in range(len(headers))) + "|",
    ]
    lines.extend("| " + " | ".join(text(c) for c in row) + " |" for row in rows)
    return "\n".join(lines)


def chart_file(output: Path, chart: Chart) -> Path:
    return output.with_name(f"{output.stem}-{chart.name}.svg")


def to_markdown(report: Report, charts: list[Chart], output: Path) -> str:
    r = report
    out = [
        f"# {text(r.title)}",
        "",
        f"Generated {r.generated} by compsim {r.compsim_version}"
        + (f", from `{r.command}`" if r.command else "")
        + f". {r.scenario_count} scenarios through {len(r.columns)} policies. "
        f"`{MARKS['assumption']}` marks a figure resting in part on an assumption, "
        f"`{MARKS['draft']}` one resting in part on a draft value.",
        "",
        "## Drafts and overrides in force",
        "",
    ]
    drafts = [*r.drafts, *r.diff_drafts]
    if not drafts:
        out.append("None. Every figure is the published policy or a named assumption.")
    for d in drafts:
        out += [f"**{text(d.heading())}**", ""]
        if d.variant_description:
            out += [text(d.variant_description), ""]
        out.append(
            table(
                ["parameter", "draft value", "current policy", "basis", "clause"],
                [[v.path, v.value, v.current, v.current_basis, v.clause] for v in d.values],
                right=1,
            )
        )
        out.append("")
    out += ["", "## Policies and versions", ""]
    out.append(
        table(
            ["column", "landlord", "documents", "version"],
            [[p.column, p.landlord, "; ".join(p.documents), p.version] for p in r.policies],
            right=4,
        )
    )
    out += ["", "## Side by side", ""]
    out.append(
        table(
            ["scenario", *r.columns],
            [
                [
                    row.id,
                    *(
                        c.text
                        + (MARKS["assumption"] if c.assumption else "")
                        + (MARKS["draft"] if c.draft else "")
                        for c in row.cells
                    ),
                ]
                for row in r.rows
            ],
        )
    )
    out += ["", "## Summary", ""]
    out.append(
        table(
            ["per policy", *(s.column for s in r.summaries)],
            [[label, *(show(s) for s in r.summaries)] for label, _, show in SUMMARY_LINES],
        )
    )
    out += ["", "## Charts", ""]
    for chart in charts:
        out += [
            f"![{text(chart.title)}]({chart_file(output, chart).name})",
            "",
            f"*{text(chart.caption)}*",
            "",
        ]
    out += ["## Audit against the reference", ""]
    if r.audit is None:
        out.append(text(r.audit_note))
    else:
        a = r.audit
        out.append(
            table(
                [f"against {a.reference}", *(c.landlord for c in a.counts)],
                [
                    [
                        a.bucket_names[b],
                        *(f"{c.counts.get(b, 0)} ({c.share(b) * 100:.0f}%)" for c in a.counts),
                    ]
                    for b in a.buckets
                ],
            )
        )
        out += ["", f"### Largest shortfalls against the reference minimum (top {a.top})", ""]
        out.append(
            table(
                ["landlord", "scenario", "pays", "reference range", "shortfall", "clauses"],
                [
                    [
                        f.landlord,
                        f.scenario,
                        format_pounds(f.landlord_total),
                        f"{format_pounds(f.reference_min)} to {format_pounds(f.reference_max)}",
                        format_pounds(f.shortfall),
                        f.landlord_clauses,
                    ]
                    for f in a.shortfalls
                ],
                right=2,
            )
            if a.shortfalls
            else "None."
        )
    if r.diff is not None:
        d = r.diff
        out += [
            "",
            f"## The draft against the current policy: {text(d.baseline)} → {text(d.draft)}",
            "",
        ]
        out.append(table(["claimants", "scenarios"], [[o, str(n)] for o, n in d.counts().items()]))
        out.append("")
        out.append(
            table(
                ["measure", d.baseline, d.draft, "change"],
                [[n, _show(b), _show(a), _difference(b, a)] for n, b, a in d.totals()],
            )
        )
        out.append("")
        out.append(
            table(
                ["scenario", d.baseline, d.draft, "change", "outcome", "what moved"],
                [
                    [
                        s.scenario,
                        cell_text(s.before),
                        cell_text(s.after),
                        signed(s.change),
                        s.outcome,
                        "; ".join(m.describe() for m in s.moved),
                    ]
                    for s in d.changed
                ],
            )
        )
    out += ["", "## Each decision, explained", ""]
    for row in r.rows:
        out += [f"### {text(row.id)}: {text(row.title)}", ""]
        for _column, explanation in row.explanations:
            fence = "`" * max(3, _longest_backticks(explanation) + 1)
            out += [f"{fence}text", explanation, fence, ""]
    return "\n".join(out) + "\n"


def _longest_backticks(value: str) -> int:
    import re

    return max((len(run) for run in re.findall(r"`+", value)), default=0)
