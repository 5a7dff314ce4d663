"""compsim serve in a real browser (headless Chromium from the OS packages, driven by
Playwright; the ``browser`` fixture is in tests/conftest.py): open a library scenario, change
the days a kitchen was lost and see the awards change, enter a bad date and see the message
beside the field, download the scenario and check compsim validate accepts it, flip a reading
and see a draft column. No request leaves the local server; no console errors.

Screenshots go to the test's temporary folder. Run as a script to remake the README's
screenshot (docs/web-page.png): .venv/bin/python tests/test_web_browser.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("starlette", reason="compsim serve needs the serve extra")

from compsim.cli import cli
from compsim.web.app import create_app
from compsim.web.engine import Engine
from compsim.web.server import Background

ROOT = Path(__file__).resolve().parents[1]
KITCHEN = "kitchen-five-weeks"
TIMEOUT = 20_000  # ms: one decision set takes well under a second; this is a ceiling


@pytest.fixture(scope="module")
def server():
    engine = Engine()
    with Background(create_app(engine=engine)) as url:
        yield url, engine


class Session:
    """A page on the local server that records console errors, dialogs and any request made
    anywhere but the server (which it also blocks)."""

    def __init__(self, browser, url: str, shots: Path):
        self.url = url
        self.shots = shots
        self.context = browser.new_context(
            viewport={"width": 1500, "height": 1000}, accept_downloads=True
        )
        self.page = self.context.new_page()
        self.page.set_default_timeout(TIMEOUT)
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.elsewhere: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))
        self.page.on("dialog", self._dialog)
        self.context.route("**/*", self._route)

    def _console(self, message) -> None:
        if "status of 422" in message.text:
            return  # Chromium logs each 422 (a case with an error): the page expects them
        if message.type in ("error", "warning"):
            self.errors.append(f"{message.type}: {message.text}")

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route) -> None:
        if route.request.url.startswith(self.url + "/"):
            route.continue_()
        else:
            self.elsewhere.append(route.request.url)
            route.abort()

    def shot(self, name: str, full_page: bool = False) -> Path:
        path = self.shots / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        return path

    def total(self, column: str) -> str:
        cell = self.page.locator(f'#comparison tr.award td[data-column="{column}"] .total')
        return cell.inner_text()

    def settled(self) -> None:
        """Wait for the page's script to finish working out the latest change."""
        self.page.wait_for_function(
            "() => ['ok', 'invalid'].includes(document.body.getAttribute('data-state'))"
        )

    def close(self) -> None:
        self.context.close()


def draft_change(engine: Engine) -> tuple[str, str]:
    """The input to flip and the value: a reading switch of Alliance when it has one (a bool
    reading flipped), else Alliance's Medium Impact sum for full responsibility, typed as for
    --set in the page's "other parameters" box."""
    for switch in engine.switches():
        if switch.landlord == "alliance" and switch.definition.type == "bool":
            current = switch.definition.values[0].value
            return switch.name, "false" if current else "true"
    return "draft:set", "alliance.matrix.full.medium=600"


MEDIUM_600 = ("draft:set", "alliance.matrix.full.medium=600")


def walk_through(
    browser, url: str, engine: Engine, shots: Path, draft: tuple[str, str] | None = None
) -> Session:
    session = Session(browser, url, shots)
    page = session.page
    page.goto(f"{url}/")
    page.wait_for_load_state("load")
    page.wait_for_function("() => document.body.getAttribute('data-state') === 'ready'")

    # find the kitchen example in the library by searching, and open it
    page.fill("#search", "kitchen")
    assert page.locator(f'#library li:has(a[href="/?scenario={KITCHEN}"])').is_visible()
    assert not page.locator('#library li:has(a[href="/?scenario=persistent-damp"])').is_visible()
    page.click(f'a[href="/?scenario={KITCHEN}"]')
    page.wait_for_load_state("load")
    page.wait_for_function("() => document.body.getAttribute('data-state') === 'ready'")
    assert page.input_value('[name="dates.resolved"]') == "2026-02-23"
    before = {c: session.total(c) for c in ("alliance", "twenty11")}
    assert before["alliance"] == "£564.20"  # worked by hand in the scenario file
    session.shot("1-opened")

    # the kitchen was lost until 26 January instead of the repair on 23 February
    page.fill('[name="amenities_lost.1.to"]', "2026-01-26")
    page.wait_for_function(
        "text => document.querySelector("
        "'#comparison tr.award td[data-column=\"twenty11\"] .total').textContent !== text",
        arg=before["twenty11"],
    )
    session.settled()
    assert session.total("twenty11") != before["twenty11"]
    assert session.total("alliance") == before["alliance"]  # its matrix does not count days
    session.shot("2-fewer-days")

    # a bad date: the loader's message beside the field, and what was typed is kept
    page.fill('[name="dates.resolved"]', "2025-12-01")
    message = page.locator('[data-field="dates.resolved"] > .error')
    message.wait_for(state="visible")
    assert message.inner_text().startswith("expected a date on or after dates.occurred")
    assert page.input_value('[name="dates.resolved"]') == "2025-12-01"
    session.shot("3-bad-date")
    page.fill('[name="dates.resolved"]', "2026-02-23")
    message.wait_for(state="hidden")
    session.settled()

    # flip a reading (or change a parameter): a draft column beside the policy
    name, value = draft or draft_change(engine)
    field = page.locator(f'[name="{name}"]')
    if field.evaluate("node => node.tagName") == "SELECT":
        field.select_option(value)
    else:
        field.fill(value)
    page.locator('#comparison th[data-column="alliance-draft"]').wait_for()
    session.settled()
    headers = page.locator("#comparison thead th[data-column]").evaluate_all(
        "cells => cells.map(cell => cell.getAttribute('data-column'))"
    )
    assert headers.index("alliance-draft") == headers.index("alliance") + 1
    assert "draft of alliance" in page.locator('th[data-column="alliance-draft"]').inner_text()
    if (name, value) == MEDIUM_600:  # Medium Impact £600: £600 + food £64.20
        assert session.total("alliance-draft") == "£664.20"
    session.shot("4-draft")
    return session


def test_a_changed_parameter_in_the_browser(browser, server, tmp_path):
    url, engine = server
    session = walk_through(browser, url, engine, tmp_path, draft=MEDIUM_600)
    assert session.errors == [] and session.elsewhere == []
    session.close()


def test_a_case_worked_through_in_the_browser(browser, server, tmp_path):
    url, engine = server
    session = walk_through(browser, url, engine, tmp_path)
    page = session.page

    # download the scenario and check compsim validate accepts it
    with page.expect_download() as waiting:
        page.click("#download-toml")
    download = waiting.value
    assert download.suggested_filename == f"{KITCHEN}.toml"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert "to = 2026-01-26" in saved.read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(saved)])
    assert result.exit_code == 0, result.output

    with page.expect_download() as waiting:
        page.click("#download-json")
    assert waiting.value.suggested_filename == f"{KITCHEN}-result.json"
    with page.expect_download() as waiting:  # the HTML report of the case (compsim report)
        page.click("#download-report")
    report = tmp_path / waiting.value.suggested_filename
    waiting.value.save_as(report)
    assert report.name == f"{KITCHEN}-report.html"
    assert "Kitchen unusable for five weeks" in report.read_text(encoding="utf-8")

    assert session.errors == [] and session.dialogs == [] and session.elsewhere == []
    assert sorted(p.name for p in tmp_path.glob("*.png")) == [
        "1-opened.png",
        "2-fewer-days.png",
        "3-bad-date.png",
        "4-draft.png",
    ]
    session.close()


def test_a_script_in_a_title_does_not_run(browser, server, tmp_path):
    url, _ = server
    session = Session(browser, url, tmp_path)
    page = session.page
    page.goto(f"{url}/?scenario={KITCHEN}")
    page.wait_for_function("() => document.body.getAttribute('data-state') === 'ready'")
    title = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    page.fill('[name="title"]', title)
    heading = page.locator("#results h2")
    heading.filter(has_text="<script>").wait_for()
    assert heading.inner_text() == f"Result: {title}"
    page.click("#work-out")  # the button works it out in place, without a reload
    session.settled()
    assert session.dialogs == [] and session.elsewhere == []
    session.close()


def test_lists_are_added_to_and_removed_from_in_place(browser, server, tmp_path):
    url, _ = server
    session = Session(browser, url, tmp_path)
    page = session.page
    page.goto(f"{url}/?scenario={KITCHEN}")
    page.wait_for_function("() => document.body.getAttribute('data-state') === 'ready'")
    before = session.total("alliance")
    page.click('[data-add="costs"]')
    page.select_option('[name="costs.2.kind"]', "travel")
    page.select_option('[name="costs.2.evidence"]', "true")
    page.fill('[name="costs.2.amount"]', "10.00")
    page.wait_for_function(
        "text => document.querySelector("
        "'#comparison tr.award td[data-column=\"alliance\"] .total').textContent !== text",
        arg=before,
    )
    session.settled()
    assert session.total("alliance") == "£574.20"  # the evidenced travel cost too (2.5, 2.6)
    # remove the first cost: the second becomes costs.1, and the food cost goes
    page.locator('[data-entries="costs"] > .entry').first.locator("[data-remove]").click()
    page.wait_for_function(
        "() => document.querySelector('[name=\"costs.1.kind\"]').value === 'travel'"
    )
    page.wait_for_function(
        "() => document.querySelector("
        "'#comparison tr.award td[data-column=\"alliance\"] .total').textContent === '£510.00'"
    )
    assert session.errors == []
    session.close()


if __name__ == "__main__":  # remake the README's screenshot
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import CHROMIUM, CHROMIUM_FLAGS  # tests/conftest.py

    target = ROOT / "docs"
    engine = Engine()
    with Background(create_app(engine=engine)) as url, sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        work = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp")
        done = walk_through(chromium, url, engine, work, draft=MEDIUM_600)
        done.page.evaluate("() => window.scrollTo(0, 0)")
        done.page.screenshot(path=str(target / "web-page.png"))
        print(re.sub(r"\s+", " ", f"wrote {target / 'web-page.png'}"))
        done.close()
        chromium.close()
