"""Where a decision's time goes: the policy's own hooks against the engine around them.

    .venv/bin/python benchmarks/hook_time.py [LANDLORD ...] [--rounds N]

For each landlord, over the scenario library, in CPU microseconds per decision (the best of
N rounds): the whole ``evaluate`` (dispatch, checks, Decision), and the plugin's own hook
functions called directly, without pluggy or the engine's checks. The difference is the
engine's share. A developer's tool for finding what to speed up; ``compsim bench`` is the
measure of record.
"""

from __future__ import annotations

import sys
import time

from compsim.scenarios import library_path, load_paths
from compsim.selection import PolicyRequest
from compsim.simulate import evaluate

HOOKS = (
    "is_excluded",
    "assess_impact",
    "calculate_award",
    "route_approval",
    "apply_offset",
    "deadlines",
)


def best_microseconds(work, cases: int, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return best / cases * 1e6


def main(argv: list[str]) -> None:
    rounds = 20
    if "--rounds" in argv:
        rounds = int(argv[argv.index("--rounds") + 1])
        del argv[argv.index("--rounds") : argv.index("--rounds") + 2]
    scenarios = load_paths([library_path()])
    policies = PolicyRequest(tuple(argv), (), (), True).build(warn=print)
    for policy in policies:
        hook = policy.manager.hook
        impls = {
            name: getattr(hook, name).get_hookimpls()[-1].function
            for name in HOOKS
            if getattr(hook, name).get_hookimpls()
        }
        params = [policy.params.at(s.dates.claimed).for_decision() for s in scenarios]

        def hooks_only(impls=impls, params=params) -> None:
            for scenario, each in zip(scenarios, params, strict=True):
                impls["is_excluded"](scenario=scenario, params=each)
                impact = impls["assess_impact"](scenario=scenario, params=each)
                award = impls["calculate_award"](scenario=scenario, impact=impact, params=each)
                impls["route_approval"](scenario=scenario, award=award, params=each)
                impls["apply_offset"](scenario=scenario, award=award, params=each)
                if "deadlines" in impls:
                    impls["deadlines"](scenario=scenario, award=award, params=each)

        def whole(policy=policy) -> None:
            for scenario in scenarios:
                evaluate(scenario, policy)

        whole()
        total = best_microseconds(whole, len(scenarios), rounds)
        own = best_microseconds(hooks_only, len(scenarios), rounds)
        print(
            f"{policy.column:>10}: {total:5.1f} µs a decision = plugin's hooks {own:5.1f}"
            f" + engine {total - own:5.1f}   ({1e6 / total:,.0f} decisions/s)"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
