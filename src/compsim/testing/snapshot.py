"""A fingerprint of every decision on the library, to prove a change left outputs unchanged.

Each (scenario, policy) cell's full JSON record (award, settlement, approval, deadlines,
complaint timelines, readings and the whole trace) is hashed; the file holds one line per cell,
and one line per policy for the first 2,000 generated cases of examples/population.toml (whose
dates and amounts reach the code paths, and the plugins' memos, that a caseload reaches).
A refactoring, such as making the engine faster, must leave every line as it was. A change of
policy changes lines on purpose: regenerate the file in the same commit, and the diff shows
which cells moved::

    .venv/bin/python -m compsim.testing.snapshot tests/data/library-decisions.sha256
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

GENERATED = 2000
EXAMPLE_SPEC = Path(__file__).resolve().parents[3] / "examples" / "population.toml"


def fingerprints() -> dict[str, str]:
    from compsim.caseload.population import case, load_spec
    from compsim.scenarios import library_path, load_paths
    from compsim.selection import PolicyRequest

    policies = PolicyRequest().build()
    lines = {}
    for scenario in load_paths([library_path()]):
        for policy in policies:
            lines[f"{scenario.id} {policy.column}"] = _digest([scenario], policy)
    spec = load_spec(EXAMPLE_SPEC)
    generated = [case(spec, index) for index in range(GENERATED)]
    for policy in policies:
        lines[f"generated-cases-1-to-{GENERATED} {policy.column}"] = _digest(generated, policy)
    return lines


def _digest(scenarios: list, policy) -> str:
    from compsim.render.records import cell_record
    from compsim.simulate import evaluate_cell

    digest = hashlib.sha256()
    for scenario in scenarios:
        record = cell_record(scenario.id, evaluate_cell(scenario, policy))
        digest.update(json.dumps(record, sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()


def read(path: Path) -> dict[str, str]:
    pairs = (line.rsplit(" ", 1) for line in path.read_text(encoding="utf-8").splitlines())
    return {cell: digest for cell, digest in pairs}


def write(path: Path) -> None:
    lines = fingerprints()
    path.write_text("".join(f"{cell} {digest}\n" for cell, digest in sorted(lines.items())))


if __name__ == "__main__":  # pragma: no cover - a developer's command
    write(Path(sys.argv[1]))
