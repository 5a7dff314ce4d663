"""The compsim command line.

Only click, compsim.clitypes and compsim.errors are imported at start-up; each command
imports what it needs, so ``compsim --help`` stays fast. A user's mistake prints one line per
problem and exits 2; it never shows a traceback (set COMPSIM_DEBUG=1 to see one for an
internal error).
"""

from __future__ import annotations

import errno
import os
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from compsim.clitypes import FiniteFloatRange, NonEmptyPath, NonEmptyText
from compsim.errors import CompsimError, ScenarioErrors

FORMATS = ("table", "markdown", "csv", "json")


def _say(message: object) -> None:
    """One line on standard error, every control character in it escaped."""
    from compsim.render.safe import one_line

    click.echo(one_line(message), err=True)


class _Group(click.Group):
    def invoke(self, ctx: click.Context):
        from compsim import outputs

        try:
            with outputs.transaction(finished=(SystemExit, click.exceptions.Exit)):
                return super().invoke(ctx)
        except ScenarioErrors as errors:
            for error in errors.errors:
                _say(f"error: {error}")
            ctx.exit(2)
        except CompsimError as error:
            _say(f"error: {error}")
            ctx.exit(2)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except OSError as error:
            if error.errno == errno.EPIPE:  # a closed pipe (compsim compare | head -1)
                _closed_pipe()
            _internal(ctx, error)
        except Exception as error:
            _internal(ctx, error)


# the code of a process a closed pipe stops (SIGPIPE): not 1, which compare means "a plugin
# failed"
CLOSED_PIPE = 128 + 13


def _closed_pipe() -> None:
    """The reader went away (compsim compare | head -1): stop quietly with the code a shell
    gives a process a closed pipe stops, whichever command it was."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())  # nothing more to flush into the closed pipe
    sys.exit(CLOSED_PIPE)


def _internal(ctx: click.Context, error: Exception) -> None:
    if os.environ.get("COMPSIM_DEBUG"):
        raise error
    _say(f"internal error: {type(error).__name__}: {error} (set COMPSIM_DEBUG=1 for the traceback)")
    ctx.exit(3)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="compsim")
def cli() -> None:
    """Compare UK social landlords' compensation policies on the same scenarios.

    Every figure is traced to the clause that produced it, and marked published or
    assumption. PATH defaults to the scenario library shipped with compsim.
    """


class Terminated(BaseException):
    """SIGTERM: stop as Ctrl-C does, leaving no file behind (not an Exception, so nothing
    mistakes it for a plugin's or a user's error)."""


def _terminated(signum, frame) -> None:
    raise Terminated


def main() -> None:
    import signal

    signal.signal(signal.SIGTERM, _terminated)
    try:
        try:
            cli(prog_name="compsim")
        finally:
            sys.stdout.flush()  # a closed pipe found here, not at exit, gets the same code
    except BrokenPipeError:
        _closed_pipe()
    except Terminated:
        _say("terminated: nothing was written")
        sys.exit(128 + signal.SIGTERM)


# ---------------------------------------------------------------- shared options


def _lower(ctx, param, value):
    """Landlord ids are lower-case: accept -l Alliance as alliance."""
    if isinstance(value, tuple):
        return tuple(v.lower() for v in value)
    return value.lower() if isinstance(value, str) else value


_paths = click.argument("paths", nargs=-1, type=NonEmptyPath(path_type=Path))
_landlord = click.option(
    "--landlord",
    "-l",
    "landlords",
    multiple=True,
    metavar="ID",
    callback=_lower,
    help="Only this landlord (or variant); repeat for more. Default: all.",
)
_tag = click.option(
    "--tag",
    "-t",
    "tags",
    multiple=True,
    metavar="TAG",
    type=NonEmptyText(),
    help="Only scenarios with this tag; repeat for any of several.",
)
_set = click.option(
    "--set",
    "sets",
    multiple=True,
    metavar="ID.PARAM=VALUE",
    help="Override a parameter, e.g. alliance.matrix.full.major=1200.",
)
_params = click.option(
    "--params",
    "param_files",
    multiple=True,
    metavar="FILE",
    type=NonEmptyPath(path_type=Path),
    help="Override parameters from a TOML file; a file naming a variant "
    "runs it as its own column beside the unchanged policy.",
)
_format = click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(FORMATS, case_sensitive=False),
    default="table",
    show_default=True,
    help="Output format.",
)


def _format_with_lines(record: str):
    """--format with JSON lines too, one ``record`` per line."""
    return click.option(
        "--format",
        "-f",
        "fmt",
        type=click.Choice((*FORMATS, "jsonl"), case_sensitive=False),
        default="table",
        show_default=True,
        help=f"Output format (jsonl: JSON lines, one record per {record}).",
    )


_compare_format = _format_with_lines("scenario and landlord")
_calibrate_format = _format_with_lines("determination")
_output = click.option(
    "--output",
    "-o",
    type=NonEmptyPath(path_type=Path),
    metavar="FILE",
    help="Write to FILE (all or nothing) instead of standard output.",
)
_reference = click.option(
    "--reference/--no-reference",
    default=True,
    show_default=True,
    help="Include reference policies (the Housing Ombudsman) as columns.",
)


def _policies(landlords=(), sets=(), param_files=(), include_references=True):
    from compsim.selection import PolicyRequest

    request = PolicyRequest(tuple(landlords), tuple(sets), tuple(param_files), include_references)
    return request.build(warn=lambda text: click.echo(f"warning: {text}", err=True))


def _scenarios(paths, tags=()):
    from compsim.scenarios import library_path, load_paths

    paths = list(paths) or [library_path()]
    scenarios = load_paths(paths)
    if tags:
        scenarios = [s for s in scenarios if set(tags) & set(s.tags)]
    if not scenarios:
        where = ", ".join(str(p) for p in paths)
        with_tags = f" with tag {' or '.join(tags)}" if tags else ""
        raise CompsimError(f"no scenarios found in {where}{with_tags}")
    return scenarios


def _check_outputs(named: dict[str, Path | None], paths=None, *other_inputs) -> None:
    """Refuse, before anything runs, outputs that cannot be written, that are an input (PATHS,
    the shipped library when PATHS is empty, --params files...) or that are the same file."""
    if not any(named.values()):
        return
    from compsim import outputs

    if paths is not None and not paths:
        from compsim.scenarios import library_path

        paths = [library_path()]
    inputs = [*(paths or ()), *(p for group in other_inputs for p in group)]
    outputs.check(named, inputs)


def _emit(text: str, output: Path | None) -> None:
    """Print, or write the whole text to a file atomically (never a half-written file)."""
    with _writer(output) as out:
        out.write(text)


@contextmanager
def _writer(output: Path | None):
    """Standard output (control characters escaped when it is a terminal), or a temporary
    file moved over ``output`` only when everything was written (never a half-written file)."""
    if output is None:
        stream = sys.stdout
        yield _TerminalSafe(stream) if stream.isatty() else stream
        stream.flush()
        return
    from compsim import outputs

    temporary = outputs.temporary_for(output)  # checked by the command (_check_outputs)
    try:
        with temporary.open("w", encoding="utf-8", newline="") as out:
            yield out
    except OSError as error:
        outputs.discard(temporary)
        raise CompsimError(f"{output}: cannot write: {error.strerror}") from None
    except BaseException:
        outputs.discard(temporary)
        raise
    outputs.place(temporary, output)


class _TerminalSafe:
    """A terminal stream that escapes control characters (but newlines) in what it prints."""

    def __init__(self, stream) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        from compsim.render.safe import terminal

        return self.stream.write(terminal(text))

    def flush(self) -> None:
        self.stream.flush()


def _echo(text: str = "") -> None:
    """A line on standard output, control characters but newlines escaped."""
    from compsim.render.safe import terminal

    click.echo(terminal(text))


# ---------------------------------------------------------------- commands


@cli.command()
@_paths
@_landlord
@_tag
@_compare_format
@_set
@_params
@_output
@_reference
def compare(paths, landlords, tags, fmt, sets, param_files, output, reference) -> None:
    """Run scenarios through every policy: scenarios as rows, landlords as columns.

    A cell shows the total award, marked * when any part rests on an assumption, or why the
    claim is excluded. A summary per landlord follows. JSON, JSON lines and CSV are written
    as each scenario is decided, so memory stays flat however many scenarios there are.
    Exits 1 if any plugin failed.
    """
    from compsim import drafts
    from compsim.models import CellError
    from compsim.render.records import write_csv, write_json, write_jsonl
    from compsim.render.table import render_comparison
    from compsim.simulate import iter_rows

    _check_outputs({"--output": output}, paths, param_files)
    policies = _policies(landlords, sets, param_files, include_references=reference)
    scenarios = _scenarios(paths, tags)
    failed: list[CellError] = []

    def rows():
        for row in iter_rows(scenarios, policies):
            failed.extend(c for c in row.cells.values() if isinstance(c, CellError))
            yield row

    columns = [p.column for p in policies]
    in_force = drafts.in_force(policies)
    writers = {"json": write_json, "jsonl": write_jsonl}
    with _writer(output) as out:
        if fmt in writers:
            writers[fmt](rows(), out, drafts.records_by_column(in_force))
        elif fmt == "csv":
            write_csv(rows(), out, drafts.csv_text(in_force))
        else:
            # without a terminal (a file or a pipe) the table is drawn in full, never wrapped
            width = None if output is None and sys.stdout.isatty() else sys.maxsize
            header = drafts.header_lines(in_force)
            out.write(
                render_comparison(list(rows()), columns, fmt == "markdown", width, header=header)
            )
    for cell in failed:
        _say(f"error: scenario {cell.scenario_id}: {cell.message}")
    sys.exit(1 if failed else 0)


@cli.command("audit")
@_paths
@_landlord
@_tag
@_format
@_set
@_params
@_output
@click.option(
    "--reference",
    "reference_id",
    callback=_lower,
    default="ombudsman",
    show_default=True,
    metavar="ID",
    help="The reference policy every landlord is compared with.",
)
@click.option(
    "--top",
    default=10,
    show_default=True,
    type=click.IntRange(min=0),
    help="How many largest shortfalls to list (0: none).",
)
def audit_command(paths, landlords, tags, fmt, sets, param_files, output, reference_id, top):
    """Compare every landlord with the reference (the Housing Ombudsman) on the same scenarios.

    Per landlord: how many scenarios fall below the reference minimum, within its range,
    above its maximum, or are excluded where the reference would remedy; then the largest
    shortfalls, with the clauses on both sides. Exits 1 if any plugin failed.
    """
    from compsim import drafts
    from compsim.audit import audit, render_audit
    from compsim.simulate import simulate

    _check_outputs({"--output": output}, paths, param_files)
    selected = (*landlords, reference_id) if landlords else ()
    policies = _policies(selected, sets, param_files)
    columns = [p.column for p in policies]
    if reference_id not in columns:
        raise CompsimError(
            f"--reference {reference_id}: no such policy is installed "
            f"(installed: {', '.join(columns)})"
        )
    compared = [
        p.column
        for p in policies
        if p.column != reference_id and not (p.info.reference and p.column not in landlords)
    ]
    if not compared:
        raise CompsimError("no landlord to compare with the reference")
    rows = simulate(_scenarios(paths, tags), policies)
    findings = audit(rows, compared, reference_id)
    in_force = drafts.in_force([p for p in policies if p.column in (*compared, reference_id)])
    _emit(render_audit(findings, compared, reference_id, fmt, top, in_force), output)
    sys.exit(1 if any(f.bucket == "error" for f in findings) else 0)


_text_format = click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(("text", "markdown", "json"), case_sensitive=False),
    default="text",
    show_default=True,
    help="Output format.",
)


@cli.command()
@click.argument("scenario", type=NonEmptyText())
@_landlord
@_set
@_params
@_text_format
def explain(scenario, landlords, sets, param_files, fmt) -> None:
    """Explain each policy's decision on SCENARIO step by step, citing every clause.

    SCENARIO is a scenario file or the id of a scenario in the shipped library.
    Exits 1 if a plugin failed on it.
    """
    from compsim.models import CellError
    from compsim.render.explain import render_explanations
    from compsim.simulate import evaluate_cell

    policies = _policies(landlords, sets, param_files)
    found = _find_scenario(scenario)
    cells = [(evaluate_cell(found, policy), policy) for policy in policies]
    _emit(render_explanations(found, cells, fmt), None)
    failed = [cell for cell, _ in cells if isinstance(cell, CellError)]
    for cell in failed:
        _say(f"error: scenario {cell.scenario_id}: {cell.message}")
    sys.exit(1 if failed else 0)


def _find_scenario(reference: str):
    from compsim.scenarios import find_scenario

    return find_scenario(reference)


@cli.command()
@_paths
@_landlord
@_tag
@_format
@_output
def readings(paths, landlords, tags, fmt, output) -> None:
    """What each reading of a policy costs: every reading switch flipped alone.

    A reading switch is a parameter where the text leaves room for more than one reading
    (see compsim params). For each, the scenarios whose outcome changes when it alone is
    flipped, and the money moved (total and largest single change), most money first.
    """
    from compsim.readings import cost_of_readings, render_readings

    _check_outputs({"--output": output}, paths)
    costs = cost_of_readings(_scenarios(paths, tags), _policies(landlords))
    _emit(render_readings(costs, fmt), output)


@cli.command()
@_paths
@_set
@_params
def test(paths, sets, param_files) -> None:
    """Check the golden outcomes in each scenario's [expected.LANDLORD] tables.

    Prints each mismatch as wanted/got. Exits 1 on any mismatch.
    """
    from compsim.golden import check_expectations

    scenarios = _scenarios(paths)
    policies = {p.column: p for p in _policies((), sets, param_files)}
    report = check_expectations(scenarios, policies)
    for line in report.lines:
        _echo(line)
    expected = sum(len(s.expected) for s in scenarios)
    unchecked = ""
    if report.unchecked:
        unchecked = f" ({report.unchecked} could not be checked)"
    click.echo(
        f"{len(scenarios)} scenarios, {expected} expected outcomes{unchecked}, "
        f"{report.checked} values checked: {report.mismatches} mismatches"
    )
    sys.exit(1 if report.lines else 0)


@cli.command()
@_paths
def validate(paths) -> None:
    """Check scenario files and report every error in every file. Exits 1 if any."""
    from compsim.scenarios import library_path, load_paths, scenario_files

    paths = list(paths) or [library_path()]
    files = scenario_files(paths)
    if not files:
        where = ", ".join(str(p) for p in paths)
        raise CompsimError(f"no scenarios found in {where}")
    try:
        scenarios = load_paths(paths)
    except ScenarioErrors as errors:
        from compsim.render.safe import one_line

        for error in errors.errors:
            click.echo(f"error: {one_line(error)}")
        bad_files = len({e.file for e in errors.errors})
        click.echo(f"{len(files)} files checked: {len(errors.errors)} errors in {bad_files} files")
        sys.exit(1)
    click.echo(f"{len(files)} files checked: {len(scenarios)} valid scenarios, no errors")


@cli.command()
def plugins() -> None:
    """List the installed policies and any plugin that failed to load."""
    from compsim.plugins import discover

    registry = discover(strict=False)
    if not registry.installed:
        click.echo("No policy plugins are installed.")
    for policy_id in registry.ids():
        installed = registry.installed[policy_id]
        info = installed.info
        kind = "reference" if info.reference else "landlord"
        _echo(f"{info.id}: {info.landlord} ({kind})")
        for document in info.documents:
            _echo(f"    document:   {document}")
        click.echo(f"    version:    {info.version}")
        click.echo(f"    parameters: {info.params_file} ({len(installed.params.defs)} values)")
        click.echo(f"    package:    {installed.package}")
    for failure in registry.failures:
        click.echo(f"{failure.id}: FAILED TO LOAD ({failure.package})")
        _echo(f"    error: {failure.error}")


@cli.command()
@click.argument("landlord", callback=_lower)
@click.option(
    "--date",
    "on_date",
    metavar="YYYY-MM-DD",
    help="Show the values in force on this date (default: every dated value).",
)
@_set
@_params
@_text_format
def params(landlord, on_date, sets, param_files, fmt) -> None:
    """Show every parameter of LANDLORD with its value, clause and basis."""
    from datetime import date

    from tabulate import tabulate

    policies = [p for p in _policies((landlord,), sets, param_files) if p.column == landlord]
    if not policies:
        raise CompsimError(f"unknown landlord {landlord!r}")
    policy = policies[0]
    try:
        day = date.fromisoformat(on_date) if on_date else None
    except ValueError:
        raise CompsimError(f"--date: expected a date such as 2026-04-01, got {on_date!r}") from None
    rows = []
    for path, definition in policy.params.defs.items():
        if day is not None:
            shown = _param_value(definition.at(day).value)
        else:
            shown = "; ".join(_dated(v) for v in definition.values)
        source = ""
        if definition.override:
            replaced = definition.replaces
            was = ""
            if replaced is not None:
                was = "; current: " + "; ".join(_dated(v) for v in replaced.values)
            source = f" (override: {definition.override}{was})"
        meaning = definition.description
        if definition.is_switch:
            meaning += f" [reading switch; the other reading: {definition.alternative}]"
        rows.append(
            [
                path,
                shown,
                definition.basis + source,
                definition.clause,
                definition.accepts(),
                meaning,
            ]
        )
    headers = ["parameter", "value", "basis", "clause", "accepts", "meaning"]
    if fmt == "json":
        import json

        document = {
            "landlord": policy.column,
            "name": policy.info.landlord,
            "date": on_date,
            "parameters": [dict(zip(headers, row, strict=True)) for row in rows],
        }
        _emit(json.dumps(document, indent=2, ensure_ascii=False) + "\n", None)
        return
    from compsim.render.safe import flat

    title = f"{policy.info.landlord} ({policy.column}): parameters"
    if fmt == "markdown":
        table = tabulate(
            [[flat(str(cell)).replace("|", "\\|") for cell in row] for row in rows],
            headers=headers,
            tablefmt="github",
            disable_numparse=True,
        )
        _emit(f"# {flat(title)}\n\n{table}\n", None)
        return
    _echo(f"{policy.info.landlord} ({policy.column}): {policy.params.source}")
    _echo(
        tabulate(
            [[flat(str(cell)) for cell in row] for row in rows],
            headers=headers,
            tablefmt="simple",
            disable_numparse=True,
            maxcolwidths=[None, 30, 30, None, 30, 50],
        )
    )


def _param_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _dated(dated) -> str:
    text = _param_value(dated.value)
    if dated.start and dated.end:
        return f"{text} ({dated.start} to {dated.end})"
    if dated.start:
        return f"{text} (from {dated.start})"
    if dated.end:
        return f"{text} (to {dated.end})"
    return text


@cli.command()
@_paths
@_landlord
@click.option(
    "--seconds",
    type=FiniteFloatRange(min=0.1, max=3600),
    default=3.0,
    show_default=True,
    help="How long to run each landlord (at least 0.1).",
)
@click.option(
    "--simulate",
    "cases",
    type=click.IntRange(1, 100_000_000),
    metavar="N",
    help="Instead: time N generated cases through every landlord (compsim simulate).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 256),
    default=None,
    help="With --simulate: worker processes (default: the machine's cores).",
)
def bench(paths, landlords, seconds, cases, workers) -> None:
    """Measure decisions per second for each landlord, beside pluggy's dispatch floor.

    After a warm-up round, the library is decided round after round for SECONDS; each round
    is timed in process CPU time (steadier than wall time on a shared machine), and the median
    and best rounds are reported. The floor is five firstresult hook calls to trivial
    implementations; each landlord's ratio to it is printed. With --simulate N, N cases of
    examples/population.toml run through every landlord (no reference) with the local
    workers: wall time, cases per second and peak memory.
    """
    from compsim import bench as measure

    if cases is not None:
        click.echo(measure.simulate_caseload_rate(cases, workers or os.cpu_count() or 1, landlords))
        return
    scenarios = _scenarios(paths)
    floor = measure.dispatch_floor(scenarios, seconds)
    click.echo(measure.describe(floor))
    for policy in _policies(landlords):
        click.echo(measure.describe(measure.landlord_rate(policy, scenarios, seconds), floor))


@cli.command("new-plugin")
@click.argument("name")
@click.option(
    "--landlord", metavar="NAME", help="The landlord's name (default: NAME, capitalised)."
)
@click.option(
    "--directory",
    type=NonEmptyPath(path_type=Path),
    default=Path("plugins"),
    show_default=True,
    help="Where to create the plugin's folder.",
)
def new_plugin(name, landlord, directory) -> None:
    """Create a new landlord plugin package, plugins/NAME/, ready to fill in.

    It installs and passes its own tests as generated: pyproject.toml with the entry point,
    the five hooks, a parameter file, a README for the readings, and a test that subclasses
    the plugin contract. See docs/writing-a-plugin.md.
    """
    from compsim.scaffold import create_plugin, refuse_taken_name

    refuse_taken_name(name)
    root = create_plugin(name, landlord or name.capitalize(), directory)
    # in a compsim checkout, its own .venv; elsewhere, the environment compsim runs in
    in_checkout = Path(".venv/bin/compsim").exists() and Path("requirements.txt").exists()
    run = ".venv/bin/" if in_checkout else ""
    also = f"   (and add '-e {root}' to requirements.txt)" if in_checkout else ""
    click.echo(f"Created {root}/. Next:")
    click.echo(f"  {run or 'python -m '}pip install -e {root}{also}")
    click.echo(f"  {run}pytest {root}/tests   (the contract passes as generated)")
    click.echo(f"  {run}compsim compare -l {name}   (your landlord in the comparison)")
    click.echo(f"Then replace each TODO in {root}/src/compsim_{name}/ with the policy's rules.")


# ---------------------------------------------------------------- the format and the library


@cli.command()
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(("markdown", "json"), case_sensitive=False),
    default="markdown",
    show_default=True,
    help="markdown: the format's documentation; json: a JSON Schema of a scenario file.",
)
def schema(fmt) -> None:
    """Print the scenario file format (docs/scenario-format.md), or a JSON Schema of it."""
    from compsim import schema as described

    if fmt == "json":
        import json

        _emit(json.dumps(described.json_schema(), indent=2, ensure_ascii=False) + "\n", None)
    else:
        _emit(described.markdown(), None)


@cli.command()
@click.argument("population", type=NonEmptyPath(path_type=Path))
@_landlord
@_set
@_params
@_format
@_output
@_reference
@click.option("--cases", type=click.IntRange(1, 100_000_000), help="Override the spec's cases.")
@click.option("--seed", type=click.IntRange(0), help="Override the spec's seed.")
@click.option(
    "--workers",
    type=click.IntRange(1, 256),
    default=None,
    help="Worker processes (default: the machine's cores).",
)
@click.option(
    "--chunk-size",
    type=click.IntRange(1, 1_000_000),
    default=2_000,
    show_default=True,
    help="Cases per chunk.",
)
@click.option(
    "--diff",
    nargs=2,
    callback=_lower,
    metavar="BASELINE DRAFT",
    help="Also compare two columns case by case: the change in cost, winners and losers.",
)
@click.option(
    "--cases-output",
    "outcomes",
    type=NonEmptyPath(path_type=Path),
    metavar="FILE",
    help="Write every case's outcome per landlord, streamed (.csv, or .parquet with pyarrow).",
)
@click.option(
    "--executor",
    type=click.Choice(["local", "dask"], case_sensitive=False),
    default="local",
    show_default=True,
    help="Run chunks in local processes, or on a Dask cluster (pip install 'compsim[dask]').",
)
@click.option("--scheduler", metavar="tcp://HOST:PORT", help="The Dask scheduler's address.")
@click.option(
    "--chart",
    type=NonEmptyPath(dir_okay=False, path_type=Path),
    metavar="FILE.svg|png",
    help="Also draw how each policy's awards are spread (share of cases awarded at most £x).",
)
def simulate(
    population,
    landlords,
    sets,
    param_files,
    fmt,
    output,
    reference,
    cases,
    seed,
    workers,
    chunk_size,
    diff,
    outcomes,
    executor,
    scheduler,
    chart,
):
    """Run a caseload through every policy: a population spec (TOML) or a CSV caseload.

    Reports per landlord the cases, total cost, mean, median, 90th and 99th percentile award,
    exclusion rates by reason, senior approvals, and the shares of money offset against debts
    and resting on assumptions. Cases are generated or read in chunks and aggregated as they
    go, so memory stays flat. See docs/caseloads.md.
    """
    from compsim.caseload.render import render_tally
    from compsim.caseload.simulate import simulate_caseload
    from compsim.selection import PolicyRequest

    if chart is not None:
        from compsim.charts import pyplot_for

        pyplot_for(chart)  # a wrong suffix or no matplotlib is said before the run, not after
    _check_outputs(
        {"--output": output, "--cases-output": outcomes, "--chart": chart},
        None,
        [population],
        param_files,
    )
    request = PolicyRequest(tuple(landlords), tuple(sets), tuple(param_files), reference)
    tally, title, in_force = simulate_caseload(
        population,
        request,
        workers=workers or os.cpu_count() or 1,
        chunk_size=chunk_size,
        cases=cases,
        seed=seed,
        diff=tuple(diff) if diff else None,
        outcomes=outcomes,
        executor=executor.lower(),
        scheduler=scheduler,
        progress=_progress_line() if sys.stderr.isatty() else None,
    )
    _emit(render_tally(tally, fmt, title, in_force), output)
    if chart is not None:
        from compsim.caseload.chart import draw_distribution

        draw_distribution(tally, chart, title)
    sys.exit(1 if any(t.errors for t in tally.policies.values()) else 0)


def _progress_line():
    def show(done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        click.echo(
            f"\r{done:,} of {total:,} cases ({done * 100 // max(total, 1)}%)", nl=False, err=True
        )
        if end:
            click.echo("", err=True)

    return show


@cli.command("csv-template")
@_output
def csv_template(output) -> None:
    """Write an empty CSV caseload with every column and one worked example row.

    Columns are the scenario fields with dots (failure.kind, dates.occurred); lists of tables
    have numbered columns (costs.1.amount); see docs/caseloads.md.
    """
    from compsim.caseload.csvfile import template
    from compsim.scenarios import library_path, load_file

    _check_outputs({"--output": output})
    example = load_file(library_path() / "amenities" / "kitchen-five-weeks.toml")
    _emit(template(example), output)


@cli.command()
@click.argument("scenario", type=NonEmptyPath(path_type=Path))
@click.option(
    "--vary",
    required=True,
    metavar="FIELD=START..END[:STEP]",
    help="The input to vary, e.g. loss_days=0..60 or household.weekly_rent=50..200:10.",
)
@_landlord
@_set
@_params
@_format
@_output
@_reference
@click.option(
    "--chart",
    type=NonEmptyPath(path_type=Path),
    metavar="FILE.svg|png",
    help="Also draw one line per landlord.",
)
def sweep(scenario, vary, landlords, sets, param_files, fmt, output, reference, chart) -> None:
    """Run one scenario file over a range of one input, for every landlord.

    Values in rows, landlords in columns: where an award jumps (a threshold, a time limit, a
    room rule) is a cliff. FIELD is a dotted field of the scenario format, or loss_days (days
    from dates.occurred to dates.resolved) or claim_delay_days (days from the loss end to the
    claim). A date field also takes whole numbers, as days after dates.occurred.
    """
    from compsim import drafts
    from compsim.sweep import draw_chart, parse_vary, render_sweep, run_sweep

    varying = parse_vary(vary)
    if scenario.is_dir():
        raise CompsimError(f"{scenario}: is a directory; expected one scenario file (.toml)")
    if scenario.suffix.lower() == ".csv":
        raise CompsimError(
            f"{scenario}: sweep takes one scenario file (.toml), not a CSV caseload; "
            "run a caseload with compsim simulate"
        )
    if not scenario.is_file():
        raise CompsimError(f"{scenario}: no such scenario file")
    _check_outputs({"--output": output, "--chart": chart}, None, [scenario], param_files)
    policies = _policies(landlords, sets, param_files, reference)
    result = run_sweep(scenario, varying, policies)
    if chart is not None:
        draw_chart(result, chart)
    _emit(render_sweep(result, fmt, drafts.in_force(policies)), output)


@cli.command()
@_paths
@_tag
@_set
@_params
@_calibrate_format
@_output
@click.option(
    "--reference",
    "reference_id",
    callback=_lower,
    default="ombudsman",
    show_default=True,
    metavar="ID",
    help="The reference policy to calibrate.",
)
@click.option(
    "--top", type=click.IntRange(1, 1000), default=10, show_default=True, help="Misses to list."
)
@click.option(
    "--against",
    type=click.Choice(("order", "remedy"), case_sensitive=False),
    default="order",
    show_default=True,
    help="Set the reference against the order, or against the Ombudsman's whole remedy: the "
    "order with the landlord's offer where the source says the order adds to it.",
)
@click.option(
    "--chart",
    type=NonEmptyPath(path_type=Path),
    metavar="FILE.svg|png",
    help="Also draw ordered against estimated, on log scales, with the diagonal.",
)
@click.option(
    "--resamples",
    type=click.IntRange(0, 1_000_000),
    default=10_000,
    show_default=True,
    help="Bootstrap resamples for each share's and median's 95% interval (0: none).",
)
@click.option(
    "--seed",
    type=int,
    default=2026,
    show_default=True,
    help="Seed of the bootstrap, so its intervals repeat from run to run.",
)
def calibrate(
    paths, tags, sets, param_files, fmt, output, reference_id, top, against, chart, resamples, seed
) -> None:
    """The reference against what the Housing Ombudsman actually ordered.

    For every scenario with a [source] table (a published determination and its order): the
    reference's range and figure against the order, the share of orders inside a bounded
    range, the median order-to-figure ratio (for the fitted and the held-out cases apart, and
    for each finding and source), each with a bootstrap interval, and the largest misses.
    PATH defaults to the shipped library (scenarios/determinations); --tag picks a part of it
    (e.g. -t machine-extracted, -t batch-12).
    """
    from compsim import drafts
    from compsim.bootstrap import Resampling
    from compsim.calibrate import calibrate as run_calibration
    from compsim.calibrate import draw_chart, render_calibration

    _check_outputs({"--output": output, "--chart": chart}, paths, param_files)
    policies = _policies((reference_id,), sets, param_files)
    reference = next((p for p in policies if p.column == reference_id), None)
    if reference is None:
        raise CompsimError(f"--reference {reference_id}: no such policy is installed")
    cases = run_calibration(_scenarios(paths, tags), reference, against.lower())
    if chart is not None:
        draw_chart(cases, chart, reference_id)
    resampling = Resampling(resamples=resamples, seed=seed)
    in_force = drafts.in_force([reference])
    _emit(render_calibration(cases, fmt, top, reference_id, resampling, in_force), output)


@cli.command("diff")
@click.argument("baseline", callback=_lower)
@click.argument("draft", callback=_lower)
@_paths
@_tag
@_format
@_set
@_params
@_output
def diff_command(baseline, draft, paths, tags, fmt, sets, param_files, output) -> None:
    """What changes from BASELINE to DRAFT: per scenario, winners and losers, and cost.

    Each side is a landlord id, a variant named in a --params file (e.g. alliance-draft), or
    one landlord on both sides with --set overrides (BASELINE is then the published policy).
    Exits 0 when it ran, whatever changed (1 if a plugin failed).
    """
    from compsim import drafts
    from compsim.diff import render_diff, run_diff, side_labels

    _check_outputs({"--output": output}, paths, param_files)
    same = baseline == draft
    after = _side(draft, sets, param_files)
    before = _side(baseline, () if same else sets, () if same else param_files)
    in_force = drafts.in_force([before, after] if not same else [after])
    if same and not in_force:
        raise CompsimError(
            f"diff {baseline} {draft}: both sides are the published {baseline} policy; "
            f"change one with --set {draft}.PARAMETER=VALUE or --params FILE"
        )
    result = run_diff(_scenarios(paths, tags), before, after, side_labels(baseline, draft))
    _emit(render_diff(result, fmt, in_force), output)
    sys.exit(1 if result.counts()["error"] else 0)


def _side(name, sets, param_files):
    return next(p for p in _policies((name,), sets, param_files) if p.column == name)


@cli.command("report")
@_paths
@_landlord
@_tag
@_set
@_params
@click.option(
    "--reference/--no-reference",
    default=True,
    show_default=True,
    help="Include reference policies (the Housing Ombudsman) as columns and the audit.",
)
@click.option(
    "--diff",
    "diff_sides",
    nargs=2,
    callback=_lower,
    metavar="BASELINE DRAFT",
    help="Include the diff of DRAFT against BASELINE (as compsim diff).",
)
@click.option(
    "--charts",
    "charts_dir",
    type=NonEmptyPath(path_type=Path),
    metavar="DIR",
    help="Also write each chart as SVG and PNG into DIR.",
)
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(("html", "markdown")),
    default="html",
    show_default=True,
    help="One self-contained HTML file, or Markdown with the charts as SVG files beside it.",
)
@click.option(
    "--output",
    "-o",
    type=NonEmptyPath(path_type=Path),
    metavar="FILE",
    help="Where to write the report (default: report.html, or report.md with -f markdown).",
)
def report_command(
    paths, landlords, tags, sets, param_files, reference, diff_sides, charts_dir, fmt, output
) -> None:
    """Write a report for a board or a regulator: drafts in force, policies and versions, the
    side-by-side table and summary, the audit, the diff (--diff), charts, and every decision
    explained. Needs the report extra (Jinja2, matplotlib). Exits 1 if any plugin failed."""
    from compsim.report import check_available

    check_available()
    from compsim import drafts
    from compsim.report.build import write_report

    policies = _policies(landlords, sets, param_files, include_references=reference)
    scenarios = _scenarios(paths, tags)
    diff_parts = None
    if diff_sides:
        baseline, draft = diff_sides
        same = baseline == draft
        after = _side(draft, sets, param_files)
        before = _side(baseline, () if same else sets, () if same else param_files)
        diff_parts = (before, after, drafts.in_force([after] if same else [before, after]))
    output = output or Path("report.md" if fmt == "markdown" else "report.html")
    _check_outputs({"--output": output}, paths, param_files)
    command = _command_line(
        "report",
        [str(p) for p in paths],
        [f"-l {x}" for x in landlords],
        [f"-t {x}" for x in tags],
        [f"--set {x}" for x in sets],
        [f"--params {x}" for x in param_files],
        [] if reference else ["--no-reference"],
        [f"--diff {' '.join(diff_sides)}"] if diff_sides else [],
        [f"-f {fmt}", f"-o {output}"],
    )
    failed = write_report(scenarios, policies, output, fmt, charts_dir, diff_parts, command)
    click.echo(f"wrote {output}", err=True)
    sys.exit(1 if failed else 0)


def _command_line(command: str, *parts: list[str]) -> str:
    """The command as a reader could type it again (shown in the report)."""
    return " ".join(["compsim", command, *(part for group in parts for part in group)])


@cli.command()
@_paths
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    type=NonEmptyText(),
    help="Address to listen on (0.0.0.0: every interface); anything but loopback is warned "
    "about (the page has no login).",
)
@click.option(
    "--writable",
    is_flag=True,
    help="Let the page save a case as a scenario file in the first folder of PATHS.",
)
def serve(paths, port, host, writable) -> None:
    """A local web page: describe a case, see every landlord side by side, flip a reading.

    Needs the serve extra (pip install 'compsim[serve]'). PATHS default to the shipped
    library. Serves until Ctrl-C; writes nothing unless --writable is given.
    """
    from compsim.web.server import serve as run_server

    run_server(list(paths), host, port, writable, lambda text: click.echo(text, err=True))


@cli.command()
@_paths
@_tag
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(("table", "json"), case_sensitive=False),
    default="table",
    show_default=True,
    help="Output format.",
)
def scenarios(paths, tags, fmt) -> None:
    """List the scenarios in PATHS (default: the shipped library): id, title and tags."""
    found = _scenarios(paths, tags)
    if fmt == "json":
        import json

        records = [
            {"id": s.id, "title": s.title, "tags": list(s.tags), "file": s.source} for s in found
        ]
        _emit(json.dumps(records, indent=2, ensure_ascii=False) + "\n", None)
        return
    from tabulate import tabulate

    from compsim.render.safe import flat, shorten

    rows = [[s.id, shorten(flat(s.title), 70), ", ".join(flat(t) for t in s.tags)] for s in found]
    _echo(tabulate(rows, headers=["id", "title", "tags"], tablefmt="simple"))
    click.echo(f"{len(found)} scenarios")


@cli.command("new-scenario")
@click.argument("scenario_id", metavar="ID")
@click.option(
    "--directory",
    type=NonEmptyPath(path_type=Path, file_okay=False),
    default=Path("."),
    show_default=True,
    help="Where to write ID.toml.",
)
def new_scenario(scenario_id, directory) -> None:
    """Write ID.toml: a commented scenario template that validates as written."""
    from datetime import date

    from compsim.render.safe import shown
    from compsim.scenarios import ID_PATTERN
    from compsim.schema import template

    if not ID_PATTERN.fullmatch(scenario_id) or len(scenario_id) > 100:
        raise CompsimError(
            f"new-scenario {shown(scenario_id)}: expected an id of lower-case letters, digits "
            "and hyphens, such as boiler-broken-in-winter"
        )
    if not directory.is_dir():
        raise CompsimError(f"--directory {directory}: no such directory")
    path = directory / f"{scenario_id}.toml"
    if path.exists():
        raise CompsimError(f"{path}: already exists; choose another id or remove it")
    _check_outputs({"new-scenario": path})
    _emit(template(scenario_id, date.today()), path)
    click.echo(f"Created {path}. Fill it in, then: compsim validate {path}")
