"""``compsim simulate``: a population spec or a CSV caseload through every policy."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from compsim.caseload.run import (
    DEFAULT_CHUNK,
    ChunkResult,
    Job,
    count_csv_rows,
    csv_chunks,
    population_chunks,
    run,
)
from compsim.caseload.tally import Tally
from compsim.drafts import ColumnDrafts, in_force
from compsim.errors import CompsimError
from compsim.selection import PolicyRequest


def simulate_caseload(
    population: Path,
    request: PolicyRequest,
    *,
    workers: int = 1,
    chunk_size: int = DEFAULT_CHUNK,
    cases: int | None = None,
    seed: int | None = None,
    diff: tuple[str, str] | None = None,
    outcomes: Path | None = None,
    executor: str = "local",
    scheduler: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Tally, str, list[ColumnDrafts]]:
    """Run the caseload; returns the tally, a title describing what ran and the drafts in
    force (``compsim.drafts.in_force``)."""
    if scheduler is not None and executor != "dask":
        raise CompsimError("--scheduler applies only with --executor dask")
    policies = request.build(warn=lambda text: print(f"warning: {text}", file=sys.stderr))
    columns = [p.column for p in policies]
    if diff is not None:
        for side in diff:
            if side not in columns:
                raise CompsimError(
                    f"--diff: {side!r} is not among the policies run ({', '.join(columns)}); "
                    "name a landlord, or a variant from --params"
                )
        if diff[0] == diff[1]:
            raise CompsimError(
                f"--diff {diff[0]} {diff[1]}: both sides are the same column, so nothing can "
                "change; name two landlords, or a landlord and its variant from --params"
            )
    if not population.exists():
        raise CompsimError(f"{population}: no such file")
    if population.suffix.lower() == ".csv":
        if cases is not None or seed is not None:
            raise CompsimError("--cases and --seed apply to a population spec, not a CSV caseload")
        total = count_csv_rows(population)
        if total == 0:
            from compsim.caseload.csvfile import NO_CASES

            raise CompsimError(f"{population}: {NO_CASES}")
        chunks = csv_chunks(population, chunk_size)
        title = f"Caseload {population.name}: {total:,} cases"
    else:
        from compsim.caseload.population import load_spec

        spec = load_spec(population)
        if cases is not None:
            spec = spec.with_cases(cases)
        if seed is not None:
            import attrs

            spec = attrs.evolve(spec, seed=seed)
        total = spec.cases
        chunks = population_chunks(spec, chunk_size)
        title = f"Population {population.name}: {total:,} cases, seed {spec.seed}"

    writer = None
    if outcomes is not None:
        from compsim.caseload.outcomes import OutcomeWriter

        writer = OutcomeWriter(outcomes)
    done = 0

    def on_chunk(result: ChunkResult, count: int) -> None:
        nonlocal done
        if writer is not None:
            writer.write(result.outcomes)
        done += count
        if progress is not None:
            progress(done, total)

    job = Job(request, diff, outcomes is not None)
    kept = False
    try:
        tally = run(job, chunks, columns, workers, executor, scheduler, on_chunk)
        kept = True
    finally:
        if writer is not None:
            writer.close(keep=kept)
    return tally, title, in_force(policies)
