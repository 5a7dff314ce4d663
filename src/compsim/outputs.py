"""Where a command writes: every output checked before anything runs, and a command's files
written whole, all of them or none.

Each file is written beside its final name (``.NAME.tmp``) and *placed* (moved over the final
name) when it is complete. Inside a ``transaction`` (the command line opens one around every
command) the moves wait until the command has finished, so a command that fails part way, is
interrupted or is terminated leaves no half-written file and no half-made set of files: no
report without its charts, no table without its per-case file.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from compsim.errors import CompsimError

_staged: ContextVar[list[tuple[Path, Path]] | None] = ContextVar("staged", default=None)

# Files a scenario path that is a directory reads (an output there would overwrite an input).
INPUT_SUFFIXES = (".toml", ".csv")


def temporary_for(path: Path) -> Path:
    """Where ``path`` is written before it is placed."""
    return path.with_name(f".{path.name}.tmp")


def place(temporary: Path, final: Path) -> None:
    """Move a complete file over its final name: now, or when the open transaction ends."""
    if final.is_dir():
        discard(temporary)
        raise CompsimError(f"{final}: is a directory; expected a file name")
    staged = _staged.get()
    if staged is None:
        os.replace(temporary, final)
    else:
        staged.append((temporary, final))


def discard(temporary: Path) -> None:
    temporary.unlink(missing_ok=True)


def write_whole(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path``, the whole file or nothing (placed as above)."""
    temporary = temporary_for(path)
    try:
        if isinstance(data, bytes):
            temporary.write_bytes(data)
        else:
            temporary.write_text(data, encoding="utf-8")
    except OSError as error:
        discard(temporary)
        raise CompsimError(f"{path}: cannot write: {error.strerror}") from None
    place(temporary, path)


@contextmanager
def transaction(finished: tuple[type[BaseException], ...] = (SystemExit,)) -> Iterator[None]:
    """Hold back every ``place`` until the block ends; then move all the files into place if it
    ended normally or by one of ``finished`` (a command's deliberate exit), else remove them."""
    staged: list[tuple[Path, Path]] = []
    token = _staged.set(staged)
    try:
        yield
    except finished:
        _commit(staged)
        raise
    except BaseException:
        for temporary, _ in staged:
            discard(temporary)
        raise
    else:
        _commit(staged)
    finally:
        _staged.reset(token)


def _commit(staged: list[tuple[Path, Path]]) -> None:
    for number, (temporary, final) in enumerate(staged):
        try:
            os.replace(temporary, final)
        except OSError as error:
            for left, _ in staged[number:]:
                discard(left)
            raise CompsimError(f"{final}: cannot write: {error.strerror}") from None


def check(outputs: Mapping[str, Path | None], inputs: Iterable[Path] = ()) -> None:
    """Refuse, before anything runs, an output that is a directory, is in a folder that does
    not exist or cannot be written, is one of the inputs, or is another output's file.
    ``outputs`` maps each option (``--output``) to its path, or None when not given."""
    inputs = [p for p in inputs if p is not None]
    seen: dict[Path, str] = {}
    for option, path in outputs.items():
        if path is None:
            continue
        if path.is_dir():
            raise CompsimError(f"{option} {path}: is a directory; expected a file name")
        if not path.parent.is_dir():
            raise CompsimError(f"{option} {path}: no such directory {path.parent}")
        for source in inputs:
            if _reads(source, path):
                raise CompsimError(
                    f"{option} {path}: is also an input ({source}); "
                    "writing it would overwrite what is read; choose another file"
                )
        key = path.resolve()
        if key in seen:
            raise CompsimError(f"{option} {path}: is also {seen[key]}'s file; choose another")
        seen[key] = option
        _check_writable(option, path)


def _reads(source: Path, output: Path) -> bool:
    """Whether the command reads ``output`` as (or under) the input ``source``."""
    if not output.exists() or not source.exists():
        return False
    if source.is_dir():
        return output.suffix.lower() in INPUT_SUFFIXES and output.resolve().is_relative_to(
            source.resolve()
        )
    return os.path.samefile(source, output)


def _check_writable(option: str, path: Path) -> None:
    """Create and remove the file's temporary: the one sure test that it can be written."""
    temporary = temporary_for(path)
    try:
        temporary.open("w").close()
    except OSError as error:
        raise CompsimError(f"{option} {path}: cannot write: {error.strerror}") from None
    discard(temporary)
