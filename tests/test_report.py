"""compsim report: what the file holds, escaping, self-containment, Markdown and --charts.
The browser tests (tests/test_report_browser.py) check what a reader sees."""

import re
import subprocess
import sys
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner

from compsim.cli import cli
from compsim.models import CellError
from compsim.render.records import to_csv
from compsim.scenarios import load_file
from compsim.simulate import Row

ROOT = Path(__file__).resolve().parents[1]
DRAFT = str(ROOT / "examples" / "alliance-draft.toml")
HOSTILE_TITLES = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
)
SECTIONS = ("drafts", "policies", "comparison", "summary", "charts", "audit", "explanations")


def hostile_scenario(folder: Path, name: str, title: str) -> Path:
    path = folder / f"{name}.toml"
    escaped = title.replace("\\", "\\\\").replace('"', '\\"')
    path.write_text(
        f'title = "{escaped}"\n'
        f'description = "{escaped}"\n'
        '[failure]\nkind = "repair-delay"\n'
        "[dates]\noccurred = 2026-01-05\nclaimed = 2026-02-02\n",
        encoding="utf-8",
    )
    return path


def write_report(tmp_path: Path, *args: str, name: str = "report.html") -> tuple[str, Path]:
    output = tmp_path / name
    result = CliRunner().invoke(cli, ["report", *args, "-o", str(output)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output, output


@pytest.fixture(scope="module")
def library_report(tmp_path_factory):
    """The shipped library with the shipped draft and its diff: the README's command."""
    folder = tmp_path_factory.mktemp("report")
    _, output = write_report(
        folder,
        "--params",
        DRAFT,
        "--diff",
        "alliance",
        "alliance-draft",
        "--charts",
        str(folder / "charts"),
    )
    return output.read_text(encoding="utf-8"), folder


def test_every_section_is_there(library_report):
    html, _ = library_report
    for section in (*SECTIONS, "diff"):
        assert f'<section id="{section}">' in html


def test_it_says_which_drafts_are_in_force_with_the_description(library_report):
    html, _ = library_report
    drafts = html.split('<section id="drafts">')[1].split("</section>")[0]
    assert "alliance-draft: a draft of alliance" in drafts
    assert "Draft 2027: Medium Impact raised from £500 to £600" in drafts
    assert "<code>matrix.full.medium</code>" in drafts and "600.00" in drafts


def test_it_names_the_documents_versions_compsim_and_the_date(library_report):
    html, _ = library_report
    assert "Compensation Policy (Equality Impact Assessment 12.12.2024)" in html
    assert re.search(r"Generated \d{4}-\d\d-\d\d \d\d:\d\d UTC by compsim \d", html)


def test_figures_carry_their_clauses_on_hover_and_their_marks(library_report):
    html, _ = library_report
    # kitchen-five-weeks, alliance-draft: £664.20, the draft Medium figure, clause 2.7
    row = re.search(r'<tr><th scope="row"[^>]*><a href="#s-kitchen-five-weeks">.*?</tr>', html)
    assert row
    cells = re.findall(r'<td class="([^"]*)" title="([^"]*)">([^<]*)', row.group(0))
    draft = next(c for c in cells if c[2] == "£664.20")
    assert "draft" in draft[0].split()
    assert "£600.00 (draft) [alliance 2.7]" in draft[1]
    assumed = re.search(r'<td class="num paid assumption"', html)
    assert assumed  # some figure rests on an assumption and is marked so


def test_charts_are_inline_svg_with_titles_and_pounds(library_report):
    html, _ = library_report
    charts = html.split('<section id="charts">')[1].split("</section>")[0]
    svgs = re.findall(r"<svg\b.*?</svg>", charts, flags=re.S)
    assert len(svgs) == 4  # award per scenario, distribution, audit, diff
    for title in (
        "Award per landlord on each scenario",
        "Distribution of awards per landlord",
        "Audit against the reference",
        "What the draft changes",
    ):
        assert title in charts
    assert "Award (£)" in charts and "£2,000" in charts


def test_audit_and_diff_are_there(library_report):
    html, _ = library_report
    audit = html.split('<section id="audit">')[1].split("</section>")[0]
    assert "below the reference minimum" in audit and "Largest shortfalls" in audit
    diff = html.split('<section id="diff">')[1].split("</section>")[0]
    assert "Winners and losers" in diff and "total paid" in diff
    kitchen = re.search(r'href="#s-kitchen-five-weeks">.*?</tr>', diff, flags=re.S).group(0)
    assert "£564.20" in kitchen and "£664.20" in kitchen and "+£100.00" in kitchen


def test_explanations_are_collapsed_details(library_report):
    html, _ = library_report
    assert '<details class="scenario" id="s-kitchen-five-weeks">' in html
    assert "<details open" not in html
    text = " ".join(html.split())  # explanations wrap as compsim explain does
    assert "draft value 600.00 (current policy: 500.00, published, alliance 2.7)" in text


def test_the_file_is_self_contained(library_report):
    html, _ = library_report
    assert not re.search(r"https?://", html)  # no resource (or anything else) from the web
    assert not re.search(r"<(script|link|iframe|object|embed)\b", html)
    assert not re.search(r'\b(src|href)="(?!#|data:)', html)
    assert "default-src 'none'" in html  # and the page forbids any request it might make


def test_charts_dir_has_svg_and_png(library_report):
    _, folder = library_report
    names = sorted(p.name for p in (folder / "charts").iterdir())
    assert "award-per-scenario.svg" in names and "award-per-scenario.png" in names
    assert len(names) == 8
    png = (folder / "charts" / "audit-buckets.png").read_bytes()
    assert png.startswith(b"\x89PNG")


def test_hostile_titles_render_as_text(tmp_path):
    folder = tmp_path / "scenarios"
    folder.mkdir()
    for index, title in enumerate(HOSTILE_TITLES):
        hostile_scenario(folder, f"hostile-{index}", title)
    _, output = write_report(tmp_path, str(folder), "-l", "alliance", "-l", "ombudsman")
    html = output.read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in html


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_control_characters_in_scenario_text_are_shown_escaped(tmp_path, fmt):
    # an escape sequence, a NUL and a right-to-left override: shown as a terminal shows them
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "controls.toml").write_text(
        'title = "ansi \\u001b[31mRED nul \\u0000 rlo \\u202e end"\n'
        '[failure]\nkind = "repair-delay"\n'
        "[dates]\noccurred = 2026-01-05\nclaimed = 2026-02-02\n",
        encoding="utf-8",
    )
    name = "report.md" if fmt == "markdown" else "report.html"
    _, output = write_report(tmp_path, str(folder), "-l", "alliance", "-f", fmt, name=name)
    text = output.read_text(encoding="utf-8")
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u202e]", text)
    assert "ansi \\x1b[31mRED nul \\x00 rlo \\u202e end" in text


def test_markdown_report_with_charts_beside_it(tmp_path):
    folder = tmp_path / "scenarios"
    folder.mkdir()
    hostile_scenario(folder, "hostile", HOSTILE_TITLES[0])
    _, output = write_report(
        tmp_path, str(folder), "--params", DRAFT, "-f", "markdown", name="board.md"
    )
    text = output.read_text(encoding="utf-8")
    assert text.startswith("# compsim report")
    for heading in ("## Drafts and overrides in force", "## Side by side", "## Summary"):
        assert heading in text
    images = re.findall(r"!\[[^]]*\]\(([^)]+)\)", text)
    assert images and all((tmp_path / image).is_file() for image in images)
    assert "board-award-per-scenario.svg" in images
    assert "<script>" not in text and "&lt;script&gt;alert(1)" in text


def test_report_bad_option_is_one_line_exit_2(tmp_path):
    result = CliRunner().invoke(
        cli, ["report", "--diff", "alliance", "nobody", "-o", str(tmp_path / "r.html")]
    )
    assert result.exit_code == 2 and "unknown landlord 'nobody'" in result.output
    assert not (tmp_path / "r.html").exists()


def test_csv_output_cannot_start_a_formula(tmp_path):
    scenario = load_file(hostile_scenario(tmp_path, "x", "x"))
    rows = [Row(scenario, {"alliance": CellError("x", "alliance", "=HYPERLINK(1)")})]
    assert ",'=HYPERLINK(1)," in to_csv(rows)


@pytest.mark.parametrize("argv", [["--help"], ["compare", "-l", "alliance"], ["diff", "-h"]])
def test_other_commands_do_not_import_jinja2_or_matplotlib(argv):
    code = (
        "import sys\n"
        "from compsim.cli import cli\n"
        f"try:\n    cli({argv!r}, prog_name='compsim')\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('jinja2', 'matplotlib') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "HEAVY []" in result.stdout, result.stdout[-500:] + result.stderr[-500:]


def test_a_new_audit_bucket_still_shows(tmp_path, monkeypatch):
    """The audit's buckets may change: the report shows whatever buckets it counts."""
    from compsim import audit

    counted = audit.count_buckets

    def with_a_new_bucket(findings, landlords):
        return [
            attrs.evolve(c, counts={**c.counts, "far-below": 0 if i else 1})
            for i, c in enumerate(counted(findings, landlords))
        ]

    monkeypatch.setattr(audit, "count_buckets", with_a_new_bucket)
    _, output = write_report(tmp_path, "-l", "alliance", "-l", "star", "-l", "ombudsman")
    html = output.read_text(encoding="utf-8")
    row = re.search(r'<th scope="row">far below</th>(.*?)</tr>', html)
    assert row and "1 (" in row.group(1)
