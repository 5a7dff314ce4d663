"""A fingerprint of every decision on the library, to prove a change left outputs unchanged.

Each (scenario, policy) cell's full JSON record (award, settlement, approval, deadlines,
complaint timelines, readings and the whole trace) is hashed; the file holds one line per cell.
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


def fingerprints() -> dict[str, str]:
    from compsim.render.records import cell_record
    from compsim.scenarios import library_path, load_paths
    from compsim.selection import PolicyRequest
    from compsim.simulate import evaluate_cell

    policies = PolicyRequest().build()
    lines = {}
    for scenario in load_paths([library_path()]):
        for policy in policies:
            record = cell_record(scenario.id, evaluate_cell(scenario, policy))
            text = json.dumps(record, sort_keys=True, ensure_ascii=False)
            lines[f"{scenario.id} {policy.column}"] = hashlib.sha256(text.encode()).hexdigest()
    return lines


def read(path: Path) -> dict[str, str]:
    pairs = (line.rsplit(" ", 1) for line in path.read_text(encoding="utf-8").splitlines())
    return {cell: digest for cell, digest in pairs}


def write(path: Path) -> None:
    lines = fingerprints()
    path.write_text("".join(f"{cell} {digest}\n" for cell, digest in sorted(lines.items())))


if __name__ == "__main__":  # pragma: no cover - a developer's command
    write(Path(sys.argv[1]))
