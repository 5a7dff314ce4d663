"""Shared fixtures for tests/: a headless Chromium from the OS packages, driven by Playwright.

Without Chromium (or Playwright) a test that asks for ``browser`` skips, saying how to install
it; with CI=true it fails instead, so CI always runs the browser tests (.ci/run installs
chromium). ``/usr/bin/chromium`` by default; COMPSIM_CHROMIUM names another.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("COMPSIM_CHROMIUM", "/usr/bin/chromium")
# what this machine needs: no sandbox as root, no GPU, and nothing that phones home
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CHROMIUM_INSTALL = (
    "the browser tests need Chromium from the OS packages: run "
    "'apt-get update && apt-get install -y chromium' (Debian; /usr/bin/chromium, or set "
    "COMPSIM_CHROMIUM to its path) and '.venv/bin/pip install -r requirements.txt' (playwright)"
)


def chromium_unavailable() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed"
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        return f"no Chromium at {CHROMIUM}"
    return None


@pytest.fixture(scope="module")
def browser():
    """A launched headless Chromium (Playwright's Browser), closed after the module."""
    missing = chromium_unavailable()
    if missing:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(
                f"CI must run the browser tests: {missing}; {CHROMIUM_INSTALL}", pytrace=False
            )
        pytest.skip(f"{missing}: {CHROMIUM_INSTALL}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()
