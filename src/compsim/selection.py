"""Which policies to run: landlords, --set overrides and --params draft files, as plain data.

A ``PolicyRequest`` is what a command line asks for; ``build()`` loads the plugins and checks
every override before anything runs. It is picklable, so worker processes and Dask workers
build the same policies from it.
"""

from __future__ import annotations

from pathlib import Path

import attrs

from compsim.errors import CompsimError


@attrs.frozen
class PolicyRequest:
    landlords: tuple[str, ...] = ()
    sets: tuple[str, ...] = ()
    param_files: tuple[Path, ...] = ()
    include_references: bool = True

    def build(self, warn=None):
        """The policies, in column order. ``warn(text)`` is told of plugins that failed to
        load (they are skipped)."""
        from compsim.params import load_override_file, parse_set_option
        from compsim.plugins import build_policies, discover

        registry = discover()
        if warn is not None:
            for failure in registry.failures:
                warn(
                    f"plugin {failure.id} ({failure.package}) failed to load and is "
                    f"skipped: {failure.error}"
                )
        # the files' values first, then each --set: a later value of the same parameter
        # replaces an earlier one, so a --set wins over a file and the last --set over others
        overrides = []
        variants = []
        for file in self.param_files:
            variant, file_overrides = load_override_file(Path(file))
            overrides.extend(file_overrides)
            if variant is not None:
                variants.append(variant)
        overrides.extend(parse_set_option(text) for text in self.sets)
        policies = build_policies(
            registry, self.landlords, overrides, variants, self.include_references
        )
        if not policies:
            raise CompsimError("no policy plugins are installed (see compsim plugins)")
        return policies
