"""A command's files are all written or none: an output may not be an input or another output,
and a command that fails, or is terminated, part way leaves nothing behind (compsim.outputs)."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from compsim import outputs
from compsim.cli import cli
from compsim.errors import CompsimError
from compsim.scenarios import library_path

KITCHEN = library_path() / "amenities" / "kitchen-five-weeks.toml"
POPULATION = Path(__file__).parents[1] / "examples" / "population.toml"


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def error_line(result) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    (line,) = result.output.strip().splitlines()
    return line


def left_in(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


# ---------------------------------------------------------------- refused before anything runs


def test_an_output_that_is_the_input_scenario_is_refused_and_the_scenario_kept(tmp_path):
    victim = tmp_path / "victim.toml"
    shutil.copy(KITCHEN, victim)
    for command in (["compare"], ["audit"], ["diff", "alliance", "clarion"]):
        line = error_line(invoke(*command, victim, "-o", victim))
        assert line.startswith(f"error: --output {victim}: is also an input")
    assert victim.read_bytes() == KITCHEN.read_bytes()


def test_an_output_onto_a_scenario_file_inside_an_input_directory_is_refused(tmp_path):
    shutil.copy(KITCHEN, tmp_path / "a.toml")
    line = error_line(invoke("compare", tmp_path, "-o", tmp_path / "a.toml"))
    assert "is also an input" in line
    # a new file in that directory is fine: it is not read by this run
    assert invoke("compare", tmp_path, "-o", tmp_path / "out.csv", "-f", "csv").exit_code == 0


def test_an_output_that_is_the_params_file_is_refused(tmp_path):
    params = tmp_path / "draft.toml"
    params.write_text("[alliance]\nmatrix.full.major = 1200\n", encoding="utf-8")
    line = error_line(invoke("compare", KITCHEN, "--params", params, "-o", params))
    assert line.startswith(f"error: --output {params}: is also an input ({params})")


def test_two_outputs_on_one_file_are_refused_and_nothing_runs(tmp_path):
    target = tmp_path / "y.csv"
    line = error_line(
        invoke("simulate", POPULATION, "--cases", 5, "--workers", 1, "-o", target,
               "--cases-output", target)
    )  # fmt: skip
    assert line == f"error: --cases-output {target}: is also --output's file; choose another"
    assert left_in(tmp_path) == []


def test_an_output_that_cannot_be_created_is_refused_before_the_others_are_written(tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file, so nothing can be made inside it\n", encoding="utf-8")
    result = invoke(
        "simulate", POPULATION, "--cases", 5, "--workers", 1, "-o", tmp_path / "sim.txt",
        "--cases-output", tmp_path / "cases.csv", "--chart", tmp_path / "blocked" / "x.svg",
    )  # fmt: skip
    assert "--chart" in error_line(result)
    assert left_in(tmp_path) == ["blocked"]


# ---------------------------------------------------------------- all or none


def test_a_report_whose_chart_cannot_be_written_leaves_no_report_and_no_chart(tmp_path):
    pytest.importorskip("matplotlib", reason="the report extra: pip install -e '.[report]'")
    pytest.importorskip("jinja2", reason="the report extra: pip install -e '.[report]'")
    (tmp_path / "rep-audit-buckets.svg").mkdir()  # one chart's name is taken by a directory
    result = invoke("report", KITCHEN, "-f", "markdown", "-o", tmp_path / "rep.md")
    assert error_line(result) == (
        f"error: {tmp_path / 'rep-audit-buckets.svg'}: is a directory; expected a file name"
    )
    assert left_in(tmp_path) == ["rep-audit-buckets.svg"]


def test_a_transaction_places_its_files_only_when_the_block_finishes(tmp_path):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    with outputs.transaction():
        outputs.write_whole(first, "one")
        assert not first.exists()  # held back until the block ends
        outputs.write_whole(second, b"two")
    assert first.read_text() == "one" and second.read_bytes() == b"two"
    assert left_in(tmp_path) == ["a.txt", "b.txt"]


def test_a_deliberate_exit_keeps_the_files_and_a_failure_removes_them(tmp_path):
    with pytest.raises(SystemExit), outputs.transaction():
        outputs.write_whole(tmp_path / "kept.txt", "exit 1 after writing: a plugin failed")
        sys.exit(1)
    with pytest.raises(KeyboardInterrupt), outputs.transaction():
        outputs.write_whole(tmp_path / "gone.txt", "interrupted")
        raise KeyboardInterrupt
    with pytest.raises(CompsimError), outputs.transaction():
        outputs.write_whole(tmp_path / "gone-too.txt", "written before the error")
        raise CompsimError("a later output failed")
    assert left_in(tmp_path) == ["kept.txt"]


def test_outside_a_transaction_a_file_is_placed_at_once(tmp_path):
    outputs.write_whole(tmp_path / "now.txt", "at once")
    assert (tmp_path / "now.txt").read_text() == "at once"


# ---------------------------------------------------------------- SIGTERM


@pytest.mark.skipif(os.name != "posix", reason="SIGTERM is a POSIX signal")
def test_sigterm_during_a_long_simulate_leaves_nothing_and_exits_143(tmp_path):
    command = [
        sys.executable, "-m", "compsim", "simulate", str(POPULATION), "--cases", "5000000",
        "--workers", "2", "--cases-output", "cases.csv", "-o", "table.txt",
    ]  # fmt: skip
    run = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    staged = tmp_path / ".cases.csv.tmp"
    deadline = time.monotonic() + 60
    while not (staged.exists() and staged.stat().st_size > 0) and time.monotonic() < deadline:
        assert run.poll() is None, run.communicate()
        time.sleep(0.05)
    run.send_signal(signal.SIGTERM)
    _, err = run.communicate(timeout=60)
    assert run.returncode == 128 + signal.SIGTERM, err
    assert err.decode().strip().splitlines()[-1] == "terminated: nothing was written"
    assert "Traceback" not in err.decode()
    assert left_in(tmp_path) == []
