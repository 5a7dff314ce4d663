"""compsim new-plugin: the generated plugin installs and passes its own tests as generated."""

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from compsim.cli import cli

ROOT = Path(__file__).resolve().parents[1]


def test_new_plugin_installs_and_passes_its_own_tests(tmp_path):
    result = CliRunner().invoke(
        cli,
        ["new-plugin", "northwick", "--landlord", "Northwick Homes", "--directory", str(tmp_path)],
    )
    assert result.exit_code == 0, result.output
    plugin = tmp_path / "northwick"
    for relative in (
        "pyproject.toml",
        "README.md",
        "src/compsim_northwick/plugin.py",
        "src/compsim_northwick/params.toml",
        "tests/test_northwick_policy.py",
    ):
        assert (plugin / relative).exists(), relative

    site = tmp_path / "site"  # a real install, kept out of the shared environment
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(site),
            str(plugin),
        ],
        check=True,
    )
    env = {**os.environ, "PYTHONPATH": str(site), "CI": "true"}

    listed = subprocess.run(
        [sys.executable, "-m", "compsim", "plugins"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "northwick: Northwick Homes (landlord)" in listed.stdout

    tests = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            str(plugin / "tests"),
            "-p",
            "no:cacheprovider",
            "--rootdir",
            str(plugin),
            "-o",
            "addopts=",
            "-q",
        ],
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "4 passed" in tests.stdout

    for command in (["check"], ["format", "--check"]):
        lint = subprocess.run(
            [sys.executable, "-m", "ruff", *command, "--config", f"{ROOT}/pyproject.toml", plugin],
            capture_output=True,
            text=True,
        )
        assert lint.returncode == 0, lint.stdout + lint.stderr


def test_new_plugin_instructions_work_outside_a_checkout(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["new-plugin", "northwick", "--directory", "."])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1:4] == [
        "  python -m pip install -e northwick",
        "  pytest northwick/tests   (the contract passes as generated)",
        "  compsim compare -l northwick   (your landlord in the comparison)",
    ]


def test_new_plugin_instructions_in_a_checkout_use_its_venv(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / ".venv" / "bin" / "compsim").write_text("")
    (tmp_path / "requirements.txt").write_text("-e .[test]\n")
    result = CliRunner().invoke(cli, ["new-plugin", "northwick"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1:4] == [
        "  .venv/bin/pip install -e plugins/northwick   "
        "(and add '-e plugins/northwick' to requirements.txt)",
        "  .venv/bin/pytest plugins/northwick/tests   (the contract passes as generated)",
        "  .venv/bin/compsim compare -l northwick   (your landlord in the comparison)",
    ]


def test_new_plugin_refuses_a_bad_name_or_an_existing_folder(tmp_path):
    bad = CliRunner().invoke(cli, ["new-plugin", "North Wick", "--directory", str(tmp_path)])
    assert bad.exit_code == 2 and "expected a name of lower-case letters" in bad.output
    (tmp_path / "taken").mkdir()
    taken = CliRunner().invoke(cli, ["new-plugin", "taken", "--directory", str(tmp_path)])
    assert taken.exit_code == 2 and "already exists" in taken.output
