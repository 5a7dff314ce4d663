"""What the page asks of compsim: the library, the policies, one case through every policy
(with a draft column for each landlord whose parameters were changed on the page). The same
engine as the command line; no policy logic here."""

from __future__ import annotations

import json
import tomllib
from collections import OrderedDict
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from compsim.errors import CompsimError, ParamError
from compsim.models import CellError, Decision, Scenario
from compsim.params import Override, ParamDef, Variant, format_value
from compsim.plugins import Policy, build_policies, discover
from compsim.scenarios import library_path, load_paths
from compsim.simulate import evaluate_cell
from compsim.web.form import flatten

DRAFT_SUFFIX = "-draft"
DRAFT_SOURCE = "the page"
CACHED_DRAFTS = 32


@attrs.frozen
class LibraryEntry:
    scenario: Scenario
    values: dict[str, str]  # the form's inputs for it
    search: str  # id, title and tags, lower case


@attrs.frozen
class Column:
    policy: Policy
    cell: Decision | CellError
    explanation: str
    audit: str
    draft_of: str = ""  # the landlord a draft column changes

    @property
    def decision(self) -> Decision | None:
        return self.cell if isinstance(self.cell, Decision) else None


@attrs.frozen
class Switch:
    """A parameter shown on the page: a reading switch, or any parameter set in a draft."""

    landlord: str
    path: str
    definition: ParamDef

    @property
    def name(self) -> str:
        return f"draft:{self.landlord}:{self.path}"


def _library_values(scenario: Scenario) -> dict[str, str]:
    source = Path(scenario.source)
    if source.suffix.lower() == ".toml" and source.is_file():
        try:
            data = tomllib.loads(source.read_text(encoding="utf-8-sig"), parse_float=Decimal)
            return {"id": scenario.id} | flatten(data)  # the id a file takes from its name
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            pass
    from compsim.caseload.csvfile import scenario_row

    return {k: v for k, v in scenario_row(scenario).items() if not k.startswith("expected.")}


class Engine:
    """Loaded once when the server starts: the scenarios in PATHS and the installed policies."""

    def __init__(self, paths: Sequence[Path] = ()) -> None:
        self.paths = [Path(p) for p in paths] or [library_path()]
        self.registry = discover()
        self.policies = build_policies(self.registry)
        if not self.policies:
            raise CompsimError("no policy plugins are installed (see compsim plugins)")
        self.reference = next((p.column for p in self.policies if p.info.reference), "")
        self.library: dict[str, LibraryEntry] = {}
        for scenario in load_paths(self.paths):
            self.add(scenario)
        self._drafts: OrderedDict[tuple, list[Policy]] = OrderedDict()

    def add(self, scenario: Scenario) -> None:
        search = " ".join([scenario.id, scenario.title, *scenario.tags]).lower()
        self.library[scenario.id] = LibraryEntry(scenario, _library_values(scenario), search)

    def search(self, query: str) -> list[LibraryEntry]:
        words = query.lower().split()
        return [e for e in self.library.values() if all(w in e.search for w in words)]

    # ---- readings and drafts

    def switches(self) -> list[Switch]:
        """Every reading switch of every policy, in column order."""
        return [
            Switch(policy.column, path, definition)
            for policy in self.policies
            for path, definition in sorted(policy.params.defs.items())
            if definition.is_switch
        ]

    def draft_overrides(
        self, items: Sequence[tuple[str, str]]
    ) -> tuple[list[Override], dict[str, str]]:
        """The page's draft inputs (``draft:LANDLORD:PARAM`` = value, and ``draft:set`` lines
        ``LANDLORD.PARAM=VALUE``) → overrides of each landlord's draft variant, each checked
        exactly as ``--set`` checks it; errors keyed by the input."""
        from compsim.params import parse_set_option

        overrides: list[Override] = []
        errors: dict[str, str] = {}
        pending: list[tuple[str, str, str, str]] = []  # input name, landlord, path, raw
        for name, raw in items:
            if not name.startswith("draft:"):
                continue
            text = raw.strip()
            if name == "draft:set":
                for line in text.splitlines():
                    if not line.strip():
                        continue
                    try:
                        parsed = parse_set_option(line)
                    except ParamError as error:
                        errors[name] = str(error)
                        continue
                    pending.append((name, parsed.target, parsed.path, str(parsed.raw)))
                continue
            parts = name.split(":", 2)
            if not text:
                continue
            if len(parts) != 3 or not parts[1] or not parts[2]:
                # a request made by hand or by another tool: say so, never drop it unseen
                errors[name] = "expected an input named draft:LANDLORD:PARAMETER"
                continue
            pending.append((name, parts[1], parts[2], text))
        bases = {p.column: p for p in self.policies}
        for name, landlord, path, raw in pending:
            policy = bases.get(landlord)
            if policy is None:
                known = ", ".join(bases)
                errors[name] = f"unknown landlord {landlord!r}; installed: {known}"
                continue
            definition = policy.params.defs.get(path)
            if definition is not None and _same(definition, raw, policy):
                continue  # the policy's own value: nothing to draft
            override = Override(f"{landlord}{DRAFT_SUFFIX}", path, raw, "--set")
            try:
                policy.params.with_overrides(override.target, [override])
            except ParamError as error:
                errors[name] = str(error)
                continue
            overrides.append(override)
        return overrides, errors

    def draft_policies(self, overrides: Sequence[Override]) -> list[Policy]:
        """A variant ``LANDLORD-draft`` for each landlord with overrides (as ``--params``
        builds a named variant), built once per distinct set of overrides."""
        key = tuple(sorted((o.target, o.path, str(o.raw)) for o in overrides))
        if not key:
            return []
        if key in self._drafts:
            self._drafts.move_to_end(key)
            return self._drafts[key]
        targets = list(dict.fromkeys(o.target for o in overrides))
        variants = [
            Variant(t, t.removesuffix(DRAFT_SUFFIX), "changed on the page", DRAFT_SOURCE)
            for t in targets
        ]
        policies = build_policies(self.registry, targets, list(overrides), variants)
        self._drafts[key] = policies
        while len(self._drafts) > CACHED_DRAFTS:
            self._drafts.popitem(last=False)
        return policies

    # ---- one case

    def run(self, scenario: Scenario, drafts: Sequence[Policy] = ()) -> list[Column]:
        from compsim.render.explain import explain

        by_base: dict[str, list[Policy]] = {}
        for draft in drafts:
            by_base.setdefault(draft.variant.base if draft.variant else "", []).append(draft)
        ordered: list[tuple[Policy, str]] = []
        for policy in self.policies:
            ordered.append((policy, ""))
            ordered.extend((d, policy.column) for d in by_base.get(policy.column, []))
        cells = {p.column: evaluate_cell(scenario, p) for p, _ in ordered}
        reference = cells.get(self.reference)
        return [
            Column(
                policy,
                cells[policy.column],
                explain(cells[policy.column], policy),
                self._audit(scenario, policy, cells[policy.column], reference),
                draft_of,
            )
            for policy, draft_of in ordered
        ]

    def _audit(self, scenario: Scenario, policy: Policy, cell: Any, reference: Any) -> str:
        """The audit line against the reference; the audit module's API is still moving, so
        anything unexpected from it is shown as unavailable rather than breaking the page."""
        if reference is None or policy.column == self.reference or policy.info.reference:
            return ""
        try:
            from compsim import audit
            from compsim.money import format_pounds

            found = audit.finding(scenario.id, policy.column, cell, reference)
            bucket = getattr(found, "bucket", "")
            words = getattr(audit, "BUCKET_NAMES", {}).get(bucket, bucket)
            shortfall = getattr(found, "shortfall", None)
            if shortfall:
                return f"{words}: {format_pounds(shortfall)} short"
            return str(words)
        except Exception as error:  # the page must not fail on the audit
            return f"audit unavailable ({type(error).__name__})"

    def result_json(self, scenario: Scenario, columns: Sequence[Column]) -> str:
        from compsim.render.records import cell_record

        record = {
            "scenario": scenario.id,
            "title": scenario.title,
            "decisions": [cell_record(scenario.id, c.cell) for c in columns],
            "audit": {c.policy.column: c.audit for c in columns if c.audit},
        }
        return json.dumps(record, indent=2, ensure_ascii=False) + "\n"


def _same(definition: ParamDef, raw: str, policy: Policy) -> bool:
    """Whether ``raw`` is the value the policy has now (so the input needs no draft)."""
    if definition.dated:
        return False
    try:
        current = definition.values[0].value
    except IndexError:
        return False
    return format_value(current) == raw or str(current) == raw
