"""Every decision on the library is exactly what the committed fingerprints say.

A refactoring (a faster engine, a tidier plugin) must not move a single figure, clause, note or
trace line. A deliberate change of policy regenerates the fingerprints in the same commit (see
compsim.testing.snapshot), so the diff names the cells that moved.
"""

from pathlib import Path

from compsim.testing.snapshot import fingerprints, read

SNAPSHOT = Path(__file__).parent / "data" / "library-decisions.sha256"


def test_every_decision_on_the_library_matches_its_fingerprint():
    expected = read(SNAPSHOT)
    found = fingerprints()
    moved = sorted(cell for cell in expected.keys() & found.keys() if expected[cell] != found[cell])
    assert not moved, f"{len(moved)} decisions changed, e.g. {moved[:5]} (regenerate on purpose)"
    assert found.keys() == expected.keys()
