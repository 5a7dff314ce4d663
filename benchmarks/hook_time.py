"""Where a decision's time goes: the policy's own hooks against the engine around them.

    .venv/bin/python benchmarks/hook_time.py [LANDLORD ...] [--rounds N] [--generated N]

For each landlord, over the scenario library, in CPU microseconds per decision (the best of
N rounds): the whole ``evaluate`` (dispatch, checks, Decision), and the plugin's own hook
functions called directly, without pluggy or the engine's checks. The difference is the
engine's share. ``--generated N``: over N fresh cases of examples/population.toml instead,
after a warm-up on N others, once (a second round would find the plugins' memos full of these
very cases), without deadlines, as a caseload decides them. A developer's tool for finding
what to speed up; ``compsim bench`` is the measure of record.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from compsim.caseload.population import case, load_spec
from compsim.hookspecs import POLICY_HOOKS
from compsim.scenarios import library_path, load_paths
from compsim.selection import PolicyRequest
from compsim.simulate import evaluate

HOOKS = (*POLICY_HOOKS, "deadlines")


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
    generated = 0
    if "--generated" in argv:
        generated = int(argv[argv.index("--generated") + 1])
        del argv[argv.index("--generated") : argv.index("--generated") + 2]
    policies = PolicyRequest(tuple(argv), (), (), True).build(warn=print)
    scenarios = load_paths([library_path()])
    if generated:
        spec = load_spec(Path(__file__).resolve().parents[1] / "examples" / "population.toml")
        for scenario in (case(spec, index) for index in range(generated)):
            for policy in policies:
                evaluate(scenario, policy, deadlines=False)
        scenarios = [case(spec, index) for index in range(generated, 2 * generated)]
        rounds = 1
    # the hooks alone run on other cases than the whole evaluate when the cases are generated
    # (each set is fresh to the plugins' memos); on the library, on the same ones
    own_cases = scenarios
    if generated:
        own_cases = [case(spec, index) for index in range(2 * generated, 3 * generated)]
    for policy in policies:
        hook = policy.manager.hook
        impls = {
            name: getattr(hook, name).get_hookimpls()[-1].function
            for name in HOOKS
            if getattr(hook, name).get_hookimpls()
        }
        params = [policy.params.at(s.dates.claimed).for_decision() for s in own_cases]

        def hooks_only(impls=impls, params=params) -> None:
            for scenario, each in zip(own_cases, params, strict=True):
                impls["is_excluded"](scenario=scenario, params=each)
                impact = impls["assess_impact"](scenario=scenario, params=each)
                award = impls["calculate_award"](scenario=scenario, impact=impact, params=each)
                impls["route_approval"](scenario=scenario, award=award, params=each)
                impls["apply_offset"](scenario=scenario, award=award, params=each)
                if "deadlines" in impls and not generated:
                    impls["deadlines"](scenario=scenario, award=award, params=each)

        def whole(policy=policy) -> None:
            for scenario in scenarios:
                evaluate(scenario, policy, deadlines=not generated)

        if not generated:
            whole()
        total = best_microseconds(whole, len(scenarios), rounds)
        own = best_microseconds(hooks_only, len(own_cases), rounds)
        print(
            f"{policy.column:>10}: {total:5.1f} µs a decision = plugin's hooks {own:5.1f}"
            f" + engine {total - own:5.1f}   ({1e6 / total:,.0f} decisions/s)"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
