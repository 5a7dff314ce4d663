"""``compsim bench``: throughput, measured, never asserted in a test.

Decisions per second per landlord over the scenario library (the full five-hook pipeline with
every check of what plugins return, in CPU time so that other load on the machine moves it
less), beside the floor set by pluggy's dispatch alone: the same five ``firstresult`` hook
calls, to trivial implementations, through a PluginManager built the same way. The ratio of
the floor's rate to a landlord's rate says how much of a decision is the policy's own work.

``--simulate N`` runs N generated cases through every landlord with the local worker
processes and reports the wall time, cases per second, and peak memory.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from compsim.models import Approval, Award, Impact, Scenario, Settlement


@attrs.frozen
class Rate:
    name: str
    median: float
    best: float
    decisions: int
    rounds: int


def _rounds(work: Callable[[], None], per_round: int, seconds: float) -> Rate:
    work()  # warm-up: imports and caches
    rates = []
    started = time.process_time()
    while time.process_time() - started < seconds or not rates:
        round_start = time.process_time()
        work()
        rates.append(per_round / max(time.process_time() - round_start, 1e-9))
    return Rate("", statistics.median(rates), max(rates), len(rates) * per_round, len(rates))


def landlord_rate(policy: Any, scenarios: Sequence[Scenario], seconds: float) -> Rate:
    from compsim.simulate import evaluate_cell

    def work() -> None:
        for scenario in scenarios:
            evaluate_cell(scenario, policy)

    return attrs.evolve(_rounds(work, len(scenarios), seconds), name=policy.column)


def _trivial_plugin() -> Any:
    """Five hooks that return ready-made answers: pluggy's dispatch and nothing else."""
    from compsim.hookspecs import hookimpl

    impact, award, approval, settlement = (
        Impact("none", "-", 0),
        Award(),
        Approval("-", "-"),
        Settlement(),
    )

    class Plugin:
        @hookimpl
        def is_excluded(self, scenario, params):
            return []

        @hookimpl
        def assess_impact(self, scenario, params):
            return impact

        @hookimpl
        def calculate_award(self, scenario, impact, params):
            return award

        @hookimpl
        def route_approval(self, scenario, award, params):
            return approval

        @hookimpl
        def apply_offset(self, scenario, award, params):
            return settlement

    return Plugin()


def dispatch_floor(scenarios: Sequence[Scenario], seconds: float) -> Rate:
    """Five firstresult hook calls per scenario, to trivial implementations."""
    from compsim.plugins import make_manager

    hook = make_manager(_trivial_plugin()).hook
    params = object()

    def work() -> None:
        for scenario in scenarios:
            hook.is_excluded(scenario=scenario, params=params)
            impact = hook.assess_impact(scenario=scenario, params=params)
            award = hook.calculate_award(scenario=scenario, impact=impact, params=params)
            hook.route_approval(scenario=scenario, award=award, params=params)
            hook.apply_offset(scenario=scenario, award=award, params=params)

    return attrs.evolve(_rounds(work, len(scenarios), seconds), name="pluggy floor")


def describe(rate: Rate, floor: Rate | None = None) -> str:
    ratio = ""
    if floor is not None:
        ratio = f", {floor.median / rate.median:.1f}x the dispatch floor"
    return (
        f"{rate.name}: {rate.median:,.0f} decisions/s median, {rate.best:,.0f} best "
        f"({rate.decisions:,} decisions, {rate.rounds} rounds, CPU time{ratio})"
    )


def peak_memory_mb() -> tuple[float, float]:
    """(this process's peak, the largest child's peak) resident memory in MB (Linux: KiB)."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def simulate_caseload_rate(cases: int, workers: int, landlords: Sequence[str] = ()) -> str:
    """N cases of examples/population.toml through every landlord (no reference), timed."""
    from pathlib import Path

    from compsim.caseload.simulate import simulate_caseload
    from compsim.errors import CompsimError
    from compsim.selection import PolicyRequest

    spec = Path(__file__).resolve().parents[2] / "examples" / "population.toml"
    if not spec.is_file():
        raise CompsimError(f"{spec}: the example population spec is not in this installation")
    request = PolicyRequest(tuple(landlords), include_references=False)
    cpu_before = cpu_seconds()
    started = time.perf_counter()
    tally, title, _ = simulate_caseload(spec, request, workers=workers, cases=cases)
    elapsed = time.perf_counter() - started
    cpu = cpu_seconds() - cpu_before
    own, child = peak_memory_mb()
    columns = len(tally.columns)
    processes = f"{workers} worker{'s' if workers != 1 else ''}"
    memory = (  # one worker runs in this process (no worker processes)
        f"peak memory {own:,.0f} MB in the one process"
        if workers <= 1
        else f"peak memory {own:,.0f} MB in the main process, {child:,.0f} MB in the largest worker"
    )
    return (
        f"{title}, {columns} landlords, {processes}: {elapsed:.1f} s wall, "
        f"{cases / elapsed:,.0f} cases/s ({cases * columns / elapsed:,.0f} decisions/s); "
        f"{cpu:.1f} s of CPU ({cpu / cases * 1e6:,.0f} µs a case, every process); {memory}"
    )


def cpu_seconds() -> float:
    """User and system CPU time of this process and its finished children (the workers)."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
