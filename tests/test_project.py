"""The project keeps its promises: the README's two commands are what CI runs, ruff is clean."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text()
    return re.findall(r"```(?:sh|bash)\n(.+?)\n```", text)[:2]


def test_ci_runs_the_readme_commands_exactly():
    setup, tests = readme_commands()
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert setup in ci and tests in ci


def test_requirements_install_every_plugin_in_the_repository():
    wanted = {
        f"-e plugins/{p.name}"
        for p in (ROOT / "plugins").iterdir()
        if (p / "pyproject.toml").exists()
    }
    lines = set((ROOT / "requirements.txt").read_text().splitlines())
    assert wanted <= lines


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["lint", "format"])
def test_ruff_is_clean(command):
    ruff = shutil.which("ruff") or str(Path(__file__).parents[1] / ".venv" / "bin" / "ruff")
    result = subprocess.run(
        [ruff, *command, "src", "plugins", "tests", "conftest.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
