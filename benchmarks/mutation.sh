#!/usr/bin/env bash
# Mutation testing (issue 9, "Tests that bite"): mutmut 3 over the four landlord plugins'
# plugin.py and the engine's money, dates and settlement code. Not run in CI: it is slow.
#
#   .venv/bin/pip install mutmut          # into your venv only; not a project dependency
#   benchmarks/mutation.sh                # every module, one after the other
#   benchmarks/mutation.sh star engine    # some of: alliance clarion star twenty11 engine
#   SAMPLE=150 benchmarks/mutation.sh alliance   # a seeded random sample of 150 mutants
#
# Each module runs in its own scratch copy ($MUTATION_DIR/<module>, default
# /tmp/compsim-mutation-$USER) so mutmut's `mutants/` copy never touches the checkout.
# A mutant runs only the tests that reach the mutated function (mutmut records which),
# in a process forked from one pytest session, with a per-mutant timeout:
#   - a plugin: its tests/test_<x>_policy.py and test_<x>_mutants.py, plus the library's
#     golden outcomes for that landlord (`compsim test`, in-process:
#     benchmarks/mutation/test_golden_outcomes.py);
#   - the engine: tests/test_dates.py, test_money.py, test_engine_mutants.py and the golden outcomes
#     of all four landlords.
# The contract tests (they restate the host's checks) and the fingerprint snapshot are left
# out. Hypothesis runs a small derandomized profile (benchmarks/mutation/conftest.py).
# The score is printed at the end of each module and the survivors are listed; see one with
#   (cd $MUTATION_DIR/<module> && $ROOT/.venv/bin/mutmut show <mutant name>)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
MUTMUT="$ROOT/.venv/bin/mutmut"
WORK=${MUTATION_DIR:-/tmp/compsim-mutation-${USER:-me}}
CHILDREN=${MAX_CHILDREN:-2}
SAMPLE=${SAMPLE:-0}
MODULES=("$@")
[ ${#MODULES[@]} -eq 0 ] && MODULES=(alliance clarion star twenty11 engine)

pyproject() { # $1: extra [tool.mutmut] lines
    cat <<TOML
[tool.mutmut]
source_paths = ["src"]
pytest_add_cli_args = ["-p", "no:cacheprovider", "--import-mode=importlib", "-q", "-x"]
pytest_add_cli_args_test_selection = ["tests"]
use_git_change_detection = false
timeout_multiplier = 5.0
timeout_constant = 5.0
$1

[tool.pytest.ini_options]
markers = ["slow: long-running property runs"]
TOML
}

prepare() { # $1: module -> a fresh scratch project in $WORK/$1
    local module=$1 dir="$WORK/$1"
    rm -rf "$dir" && mkdir -p "$dir/tests"
    cp "$ROOT/benchmarks/mutation/conftest.py" "$ROOT/benchmarks/mutation/test_golden_outcomes.py" \
        "$dir/tests/"
    if [ "$module" = engine ]; then
        cp -r "$ROOT/src" "$dir/src"
        cp -r "$ROOT/scenarios" "$dir/scenarios" # the library, found beside src/
        for test in test_dates.py test_money.py test_engine_mutants.py; do
            if [ -f "$ROOT/tests/$test" ]; then cp "$ROOT/tests/$test" "$dir/tests/"; fi
        done
        pyproject 'only_mutate = ["src/compsim/money.py", "src/compsim/dates.py", "src/compsim/plugins.py", "src/compsim/models.py"]
also_copy = ["scenarios"]' >"$dir/pyproject.toml"
    else
        cp -r "$ROOT/plugins/$module/src" "$dir/src"
        cp "$ROOT/plugins/$module/README.md" "$dir/"
        cp "$ROOT/plugins/$module"/tests/test_"${module}"_policy.py "$dir/tests/"
        [ -f "$ROOT/plugins/$module/tests/test_${module}_mutants.py" ] &&
            cp "$ROOT/plugins/$module/tests/test_${module}_mutants.py" "$dir/tests/"
        pyproject 'only_mutate = ["src/*/plugin.py"]
also_copy = ["README.md"]' >"$dir/pyproject.toml"
    fi
    find "$dir" -name __pycache__ -prune -exec rm -rf {} +
}

# The engine's mutants in scope: money.py, dates.py, plugins.check_settlement and the
# properties of Settlement and Award; the rest of plugins.py and models.py is not run.
engine_filter() { grep -E '^compsim\.(money|dates)\.|^compsim\.plugins\.x_check_settlement__|^compsim\.models\.xǁ(Settlement|Award)ǁ' || true; }

for module in "${MODULES[@]}"; do
    echo "== $module"
    prepare "$module"
    cd "$WORK/$module"
    landlords=$module; [ "$module" = engine ] && landlords=alliance,clarion,star,twenty11
    export MUTATION_LANDLORDS=$landlords
    # generate the mutants and record which tests reach which function (no mutant run yet:
    # the name below matches none)
    "$MUTMUT" run --max-children "$CHILDREN" "no-such-mutant" >generate.log 2>&1 || true
    if grep -q "failed to collect stats" generate.log; then
        echo "the tests fail on the unmutated code: see $WORK/$module/generate.log"
        cd "$ROOT" && continue
    fi
    "$MUTMUT" results --all true | sed -E 's/^ *//; s/:.*//' | sort >all-mutants.txt
    selected=all-mutants.txt
    if [ "$module" = engine ]; then engine_filter <all-mutants.txt >selected.txt; selected=selected.txt; fi
    if [ "$SAMPLE" -gt 0 ]; then
        shuf -n "$SAMPLE" --random-source=<(yes compsim) "$selected" | sort >sample.txt
        selected=sample.txt
    fi
    echo "$(wc -l <"$selected") mutants selected of $(wc -l <all-mutants.txt) generated"
    xargs -a "$selected" "$MUTMUT" run --max-children "$CHILDREN" >run.log 2>&1 || true
    "$MUTMUT" results --all true | sed -E 's/^ *//' | grep -F -f <(sed 's/$/:/' "$selected") >results.txt || true
    echo "killed:   $(grep -c ': killed$' results.txt || true)"
    echo "timeout:  $(grep -c ': timeout$' results.txt || true)"
    echo "survived: $(grep -c ': survived$' results.txt || true)"
    echo "no tests: $(grep -c ': no tests$' results.txt || true)"
    echo "other:    $(grep -v -E ': (killed|timeout|survived|no tests)$' results.txt | wc -l)"
    grep -E ': (survived|no tests)$' results.txt | sed 's/^/  /' || true
    cd "$ROOT"
done
