"""The report in a real browser (headless Chromium from the OS packages, driven by Playwright):
every section is there, the charts drew, the explanations open on click, no console errors,
no request leaves the file, and a scenario title holding a script does not run.

Without Chromium these tests skip, saying how to install it; with CI=true they fail instead
(the ``browser`` fixture in tests/conftest.py).
Run as a script to remake the README's screenshots: .venv/bin/python tests/test_report_browser.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from compsim.cli import cli

ROOT = Path(__file__).resolve().parents[1]
DRAFT = str(ROOT / "examples" / "alliance-draft.toml")
SECTIONS = (
    "drafts",
    "policies",
    "comparison",
    "summary",
    "charts",
    "audit",
    "diff",
    "explanations",
)


class Page:
    """A page with everything a test watches: console errors, page errors, dialogs (alert)
    and every request made."""

    def __init__(self, browser, path: Path):
        self.url = path.resolve().as_uri()
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))
        self.page.on("dialog", self._dialog)
        self.context.route("**/*", self._route)
        self.page.goto(self.url)
        self.page.wait_for_load_state("load")

    def _console(self, message) -> None:
        if message.type in ("error", "warning"):
            self.errors.append(f"{message.type}: {message.text}")

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route) -> None:
        self.requests.append(route.request.url)
        if route.request.url == self.url:
            route.continue_()
        else:
            route.abort()

    def close(self) -> None:
        self.context.close()


def make_report(folder: Path, *args: str) -> Path:
    output = folder / "report.html"
    result = CliRunner().invoke(cli, ["report", *args, "-o", str(output)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return output


@pytest.fixture(scope="module")
def library(browser, tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    path = make_report(folder, "--params", DRAFT, "--diff", "alliance", "alliance-draft")
    page = Page(browser, path)
    yield page, folder
    page.close()


def test_first_screen_screenshot(library):
    page, folder = library
    shot = folder / "report-first-screen.png"
    page.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    assert page.page.locator("h1").inner_text() == "compsim report"


def test_every_section_is_there_and_visible(library):
    page, _ = library
    for section in SECTIONS:
        locator = page.page.locator(f"section#{section}")
        assert locator.count() == 1, section
        assert locator.is_visible(), section
        assert locator.locator("h2").inner_text().strip(), section


def test_charts_drew(library):
    page, _ = library
    charts = page.page.locator("figure.chart svg")
    assert charts.count() == 4
    for index in range(4):
        chart = charts.nth(index)
        box = chart.bounding_box()
        assert box and box["width"] > 300 and box["height"] > 150
        drawn = chart.evaluate("svg => svg.querySelectorAll('path, use, rect').length")
        assert drawn > 20
        words = chart.evaluate("svg => svg.textContent")
        assert "£" in words  # an axis in pounds


def test_explanations_are_collapsed_and_open_on_click(library):
    page, _ = library
    scenario = page.page.locator("details#s-kitchen-five-weeks")
    scenario.scroll_into_view_if_needed()
    assert scenario.evaluate("d => d.open") is False
    explanation = scenario.locator("pre.explain").first
    assert not explanation.is_visible()
    scenario.locator("summary").first.click()
    assert scenario.evaluate("d => d.open") is True
    decision = scenario.locator("details.decision").nth(1)  # alliance-draft
    assert decision.evaluate("d => d.open") is False
    decision.locator("summary").click()
    assert decision.evaluate("d => d.open") is True
    assert decision.locator("pre.explain").is_visible()
    assert "draft value 600.00" in " ".join(decision.locator("pre.explain").inner_text().split())


def test_clause_on_hover(library):
    page, _ = library
    cell = page.page.locator("table.side td.draft").first
    assert "[alliance 2.7]" in cell.get_attribute("title")


def test_no_console_errors_and_no_request_leaves_the_file(library):
    page, _ = library
    page.page.locator("details.scenario summary").first.click()
    assert page.errors == []
    assert page.requests == [page.url]


@pytest.mark.parametrize("policy", ["with the page's CSP", "without it"])
def test_a_script_in_a_title_does_not_run(browser, tmp_path, policy):
    folder = tmp_path / "scenarios"
    folder.mkdir()
    titles = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>')
    for index, title in enumerate(titles):
        escaped = title.replace('"', '\\"')
        (folder / f"hostile-{index}.toml").write_text(
            f'title = "{escaped}"\n[failure]\nkind = "repair-delay"\n'
            "[dates]\noccurred = 2026-01-05\nclaimed = 2026-02-02\n",
            encoding="utf-8",
        )
    path = make_report(tmp_path, str(folder), "-l", "alliance", "-l", "ombudsman")
    if policy == "without it":  # escaping alone must hold, not only the Content-Security-Policy
        html = path.read_text(encoding="utf-8")
        path.write_text(
            "\n".join(line for line in html.splitlines() if "Content-Security-Policy" not in line),
            encoding="utf-8",
        )
    page = Page(browser, path)
    try:
        page.page.locator("details#s-hostile-0 summary").first.click()
        page.page.locator("details#s-hostile-1 summary").first.click()
        page.page.wait_for_timeout(200)
        assert page.dialogs == []
        assert page.page.locator("script").count() == 0
        assert page.page.locator("img").count() == 0
        shown = page.page.locator("#explanations").inner_text()
        assert titles[0] in shown and titles[1] in shown  # shown as text
        assert page.requests == [page.url]  # src=x was never fetched
        assert page.errors == []
    finally:
        page.close()


def screenshots(folder: Path) -> None:
    """The README's screenshots, from the shipped library with the shipped draft, made by the
    README's command (run from the repository's root)."""
    from playwright.sync_api import sync_playwright

    from conftest import CHROMIUM, CHROMIUM_FLAGS  # tests/conftest.py

    folder = folder.resolve()
    os.chdir(ROOT)
    args = ["--params", "examples/alliance-draft.toml", "--diff", "alliance", "alliance-draft"]
    result = CliRunner().invoke(cli, ["report", *args, "-o", "report.html"])
    assert result.exit_code == 0, result.output
    path = ROOT / "report.html"
    try:
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            page = Page(browser, path)
            page.page.screenshot(path=str(folder / "report-first-screen.png"))
            page.page.evaluate("document.querySelector('section#diff').scrollIntoView()")
            page.page.screenshot(path=str(folder / "report-diff.png"))
            page.close()
            browser.close()
    finally:
        path.unlink(missing_ok=True)


if __name__ == "__main__":
    screenshots(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs")
