"""Option and argument types for the command line that refuse what click lets through.

click reads an empty argument as a path to the current directory (so an unset ``"$DIR"`` would
scan wherever the user stands), lets ``nan`` through a float range (every comparison with it
is false) and takes an empty ``--tag`` that can match nothing. Each is a user's mistake, told
in one line before anything runs.
"""

from __future__ import annotations

import math
from typing import Any

import click


class NonEmptyPath(click.Path):
    """A path that may not be the empty string."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value.strip():
            self.fail("an empty path names no file or directory (is a variable unset?)", param, ctx)
        return super().convert(value, param, ctx)


class FiniteFloatRange(click.FloatRange):
    """A float range that refuses nan and the infinities."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!s} is not a finite number", param, ctx)
        return number


class NonEmptyText(click.ParamType):
    """Text that may not be empty, such as a tag to select scenarios by."""

    name = "text"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if not str(value).strip():
            self.fail("may not be empty", param, ctx)
        return str(value)
