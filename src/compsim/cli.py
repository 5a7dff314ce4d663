"""The compsim command line.

Only click and compsim.errors are imported at start-up; each command imports what it needs,
so ``compsim --help`` stays fast. A user's mistake prints one line per problem and exits 2;
it never shows a traceback (set COMPSIM_DEBUG=1 to see one for an internal error).
"""

from __future__ import annotations

import errno
import os
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from compsim.errors import CompsimError, ScenarioErrors

FORMATS = ("table", "markdown", "csv", "json", "jsonl")


def _say(message: object) -> None:
    """One line on standard error, every control character in it escaped."""
    from compsim.render.safe import one_line

    click.echo(one_line(message), err=True)


class _Group(click.Group):
    def invoke(self, ctx: click.Context):
        try:
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
            if error.errno == errno.EPIPE:  # a closed pipe (compsim compare | head -1):
                raise  # click exits quietly
            _internal(ctx, error)
        except Exception as error:
            _internal(ctx, error)


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


def main() -> None:
    cli(prog_name="compsim")


# ---------------------------------------------------------------- shared options


def _lower(ctx, param, value):
    """Landlord ids are lower-case: accept -l Alliance as alliance."""
    if isinstance(value, tuple):
        return tuple(v.lower() for v in value)
    return value.lower() if isinstance(value, str) else value


_paths = click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
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
    type=click.Path(path_type=Path),
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
_output = click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Write to FILE (all or nothing) instead of standard output.",
)


def _policies(landlords=(), sets=(), param_files=(), include_references=True):
    from compsim.params import load_override_file, parse_set_option
    from compsim.plugins import build_policies, discover

    registry = discover()
    for failure in registry.failures:
        click.echo(
            f"warning: plugin {failure.id} ({failure.package}) failed to load and is "
            f"skipped: {failure.error}",
            err=True,
        )
    overrides = [parse_set_option(text) for text in sets]
    variants = []
    for file in param_files:
        variant, file_overrides = load_override_file(file)
        overrides.extend(file_overrides)
        if variant is not None:
            variants.append(variant)
    policies = build_policies(registry, landlords, overrides, variants, include_references)
    if not policies:
        raise CompsimError("no policy plugins are installed (see compsim plugins)")
    return policies


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


def _check_output(output: Path | None) -> None:
    """Refuse an --output that cannot be written, before anything runs."""
    if output is None:
        return
    if output.is_dir():
        raise CompsimError(f"--output {output}: is a directory; expected a file name")
    if not output.parent.is_dir():
        raise CompsimError(f"--output {output}: no such directory {output.parent}")


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
    _check_output(output)
    temporary = output.with_name(f".{output.name}.tmp")
    try:
        with temporary.open("w", encoding="utf-8", newline="") as out:
            yield out
        os.replace(temporary, output)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise CompsimError(f"{output}: cannot write: {error.strerror}") from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


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
@_format
@_set
@_params
@_output
@click.option(
    "--reference/--no-reference",
    default=True,
    show_default=True,
    help="Include reference policies (the Housing Ombudsman) as columns.",
)
def compare(paths, landlords, tags, fmt, sets, param_files, output, reference) -> None:
    """Run scenarios through every policy: scenarios as rows, landlords as columns.

    A cell shows the total award, marked * when any part rests on an assumption, or why the
    claim is excluded. A summary per landlord follows. JSON, JSON lines and CSV are written
    as each scenario is decided, so memory stays flat however many scenarios there are.
    Exits 1 if any plugin failed.
    """
    from compsim.models import CellError
    from compsim.render.records import write_csv, write_json, write_jsonl
    from compsim.render.table import render_comparison
    from compsim.simulate import iter_rows

    _check_output(output)
    policies = _policies(landlords, sets, param_files, include_references=reference)
    scenarios = _scenarios(paths, tags)
    failed: list[CellError] = []

    def rows():
        for row in iter_rows(scenarios, policies):
            failed.extend(c for c in row.cells.values() if isinstance(c, CellError))
            yield row

    columns = [p.column for p in policies]
    writers = {"json": write_json, "jsonl": write_jsonl, "csv": write_csv}
    with _writer(output) as out:
        if fmt in writers:
            writers[fmt](rows(), out)
        else:
            # without a terminal (a file or a pipe) the table is drawn in full, never wrapped
            width = None if output is None and sys.stdout.isatty() else sys.maxsize
            out.write(render_comparison(list(rows()), columns, fmt == "markdown", width))
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
    from compsim.audit import audit, render_audit
    from compsim.simulate import simulate

    if fmt == "jsonl":
        raise CompsimError("audit --format jsonl: expected table, markdown, csv or json")
    _check_output(output)
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
    _emit(render_audit(findings, compared, reference_id, fmt, top), output)
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
@click.argument("scenario")
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
    default=3.0,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True, max=3600),
    help="How long to run each landlord (more than 0, at most 3600).",
)
def bench(paths, landlords, seconds) -> None:
    """Measure decisions per second for each landlord on the scenario library.

    After a warm-up round, the library is decided round after round for SECONDS; each
    round is timed in process CPU time (steadier than wall time on a shared machine), and
    the median and best rounds are reported.
    """
    import statistics
    import time

    from compsim.simulate import evaluate_cell

    scenarios = _scenarios(paths)
    for policy in _policies(landlords):
        for scenario in scenarios:  # warm-up: imports and caches
            evaluate_cell(scenario, policy)
        rates = []
        started = time.process_time()
        while time.process_time() - started < seconds:
            round_start = time.process_time()
            for scenario in scenarios:
                evaluate_cell(scenario, policy)
            rates.append(len(scenarios) / max(time.process_time() - round_start, 1e-9))
        count = len(rates) * len(scenarios)
        click.echo(
            f"{policy.column}: {statistics.median(rates):,.0f} decisions/s median, "
            f"{max(rates):,.0f} best ({count:,} decisions, {len(rates)} rounds of "
            f"{len(scenarios)} scenarios, CPU time)"
        )


@cli.command("new-plugin")
@click.argument("name")
@click.option(
    "--landlord", metavar="NAME", help="The landlord's name (default: NAME, capitalised)."
)
@click.option(
    "--directory",
    type=click.Path(path_type=Path),
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
    type=click.Path(path_type=Path, file_okay=False),
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
    _emit(template(scenario_id, date.today()), path)
    click.echo(f"Created {path}. Fill it in, then: compsim validate {path}")
