"""Finding policy plugins, building one PluginManager per policy, and checking what they return.

Plugins are found through the entry-point group ``compsim``. Each entry point loads inside
its own guard: a broken plugin is reported (``compsim plugins``) and skipped, and every
other command keeps working. ``COMPSIM_STRICT_PLUGINS=1`` makes a broken plugin fatal;
``COMPSIM_BLOCK_PLUGINS=star,clarion`` leaves the named plugins out.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs
import pluggy

from compsim import hookspecs
from compsim.errors import CompsimError, ParamError, PluginError
from compsim.models import (
    ACCOUNT,
    BASES,
    CUSTOMER,
    Approval,
    Award,
    AwardItem,
    Complaint,
    Deadline,
    Exclusion,
    Impact,
    Scenario,
    Settlement,
    Timescale,
)
from compsim.money import to_pennies
from compsim.params import Override, ParamSet, Variant, load_param_file

ENTRY_POINT_GROUP = "compsim"
COMPLAINT_DATES = tuple(f.name for f in attrs.fields(Complaint) if f.metadata.get("kind") == "date")

NOT_PUBLISHED = "not published"
APPROVAL_BASES = (*BASES, NOT_PUBLISHED)


@attrs.frozen
class PolicyInfo:
    """What a plugin says about the policy it encodes (the ``policy_info`` hook)."""

    id: str
    landlord: str
    documents: tuple[str, ...]
    version: str
    params_file: Path
    reference: bool = False  # a reference (such as the Ombudsman's guidance), not a landlord


@attrs.frozen
class Installed:
    """A plugin that loaded: its policy, its code and its parameters."""

    info: PolicyInfo
    module: ModuleType
    package: str
    params: ParamSet


@attrs.frozen
class LoadFailure:
    id: str
    package: str
    error: str


@attrs.frozen
class Registry:
    installed: dict[str, Installed]
    failures: tuple[LoadFailure, ...]

    def ids(self) -> list[str]:
        """Landlords first, then references, each alphabetically (never registration order)."""
        return sorted(self.installed, key=lambda i: (self.installed[i].info.reference, i))


def make_manager(module: ModuleType, overlays: Sequence[object] = ()) -> pluggy.PluginManager:
    """A fresh PluginManager for one policy: its plugin module plus any overlays."""
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    manager.register(module)
    for overlay in overlays:
        manager.register(overlay)
    manager.check_pending()
    return manager


def discover(strict: bool | None = None) -> Registry:
    """Load every plugin in the ``compsim`` entry-point group, each inside its own guard."""
    if strict is None:
        strict = os.environ.get("COMPSIM_STRICT_PLUGINS", "") not in ("", "0")
    blocked = {n.strip() for n in os.environ.get("COMPSIM_BLOCK_PLUGINS", "").split(",")}
    installed: dict[str, Installed] = {}
    failures: list[LoadFailure] = []
    for entry_point in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        if entry_point.name in blocked:
            continue
        package = _package_of(entry_point)
        try:
            plugin = _load(entry_point, package)
        except Exception as error:  # a broken plugin must never stop the others
            failure = LoadFailure(entry_point.name, package, _one_line(error))
            if strict:
                raise CompsimError(
                    f"plugin {failure.id} ({package}) failed to load: {failure.error}"
                ) from error
            failures.append(failure)
            continue
        if plugin.info.id in installed:
            failures.append(
                LoadFailure(
                    entry_point.name, package, f"policy id {plugin.info.id!r} is already installed"
                )
            )
            continue
        installed[plugin.info.id] = plugin
    return Registry(installed, tuple(failures))


def _load(entry_point: EntryPoint, package: str) -> Installed:
    module = entry_point.load()
    manager = make_manager(module)
    info = manager.hook.policy_info()
    if not isinstance(info, PolicyInfo):
        raise TypeError(f"policy_info returned {type(info).__name__}, expected PolicyInfo")
    if info.id != entry_point.name:
        raise ValueError(
            f"policy_info id {info.id!r} differs from the entry-point name {entry_point.name!r}"
        )
    missing = [
        name for name in hookspecs.POLICY_HOOKS if not getattr(manager.hook, name).get_hookimpls()
    ]
    if missing:
        raise TypeError(f"hooks not implemented: {', '.join(missing)}")
    return Installed(info, module, package, load_param_file(Path(info.params_file), info.id))


def _package_of(entry_point: EntryPoint) -> str:
    dist = entry_point.dist
    return f"{dist.name} {dist.version}" if dist is not None else "?"


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


# ---------------------------------------------------------------- policies to run


@attrs.frozen
class Policy:
    """One column of a comparison: a policy, its parameters, and its own PluginManager."""

    column: str
    info: PolicyInfo
    manager: pluggy.PluginManager
    params: ParamSet
    variant: Variant | None = None


def unknown_landlord(name: str, registry: Registry, extra: Sequence[str] = ()) -> CompsimError:
    known = ", ".join([*registry.ids(), *extra]) or "none"
    broken = [f.id for f in registry.failures if f.id == name]
    why = " (it failed to load: see compsim plugins)" if broken else ""
    return CompsimError(f"unknown landlord {name!r}{why}; installed: {known}")


def build_policies(
    registry: Registry,
    selected: Sequence[str] = (),
    overrides: Sequence[Override] = (),
    variants: Sequence[Variant] = (),
    include_references: bool = True,
) -> list[Policy]:
    """The policies to run: the selected landlords (all by default) with overrides applied,
    and each variant as its own column right after the policy it changes.

    Every override is checked against its target before anything runs.
    """
    variant_names = [v.name for v in variants]
    for variant in variants:
        if variant.base not in registry.installed:
            raise ParamError(f"{variant.source}: {unknown_landlord(variant.base, registry)}")
        if variant.name in registry.installed or variant_names.count(variant.name) > 1:
            raise ParamError(
                f"{variant.source}: variant {variant.name!r} is already the name "
                "of an installed policy or another variant"
            )
    for name in selected:
        if name not in registry.installed and name not in variant_names:
            raise unknown_landlord(name, registry, variant_names)
    base_of = {v.name: v.base for v in variants} | {i: i for i in registry.installed}
    for override in overrides:
        if override.target not in base_of:
            raise ParamError(
                f"{override.describe()}: "
                f"{unknown_landlord(override.target, registry, variant_names)}"
            )
        # check every override (name, type) up front, selected or not: nothing runs on a bad one
        registry.installed[base_of[override.target]].params.with_overrides(
            override.target, [override]
        )
    for target in dict.fromkeys(o.target for o in overrides):
        # then each draft as a whole, by the plugin's own checks across parameters
        own = [o for o in overrides if o.target == target]
        base = registry.installed[base_of[target]]
        _check_across(target, base, base.params.with_overrides(target, own), own)

    def params_for(column: str, base: Installed) -> ParamSet:
        """The published parameters with this column's own overrides (a variant starts from
        the published policy, not from in-place changes to its base)."""
        return base.params.with_overrides(column, [o for o in overrides if o.target == column])

    policies: list[Policy] = []
    for policy_id in registry.ids():
        installed = registry.installed[policy_id]
        own_variants = [v for v in variants if v.base == policy_id]
        wanted = not selected or policy_id in selected
        if not wanted and not any(v.name in selected for v in own_variants):
            continue
        if installed.info.reference and not include_references and policy_id not in selected:
            continue
        if wanted:
            policies.append(
                Policy(
                    policy_id,
                    installed.info,
                    make_manager(installed.module),
                    params_for(policy_id, installed),
                )
            )
        for variant in own_variants:
            if wanted or variant.name in selected:
                policies.append(
                    Policy(
                        variant.name,
                        installed.info,
                        make_manager(installed.module),
                        params_for(variant.name, installed),
                        variant,
                    )
                )
    return policies


def _check_across(column: str, base: Installed, params: ParamSet, own: Sequence[Override]) -> None:
    hook = make_manager(base.module).hook.check_params
    if not hook.get_hookimpls():
        return
    days = {v.start for d in params.defs.values() for v in d.values if v.start is not None}
    for day in sorted(days) or [date(2026, 1, 1)]:
        try:
            problems = hook(params=params.at(day))
        except Exception as error:  # a broken check is the plugin's fault, not the user's
            raise CompsimError(
                f"plugin {column}: check_params raised {type(error).__name__}: {error}"
            ) from error
        if problems:
            where = "; ".join(o.describe() for o in own) or params.source
            raise ParamError(f"{where}: {column}: {problems[0]}")


# ---------------------------------------------------------------- checking what plugins return


def check_exclusions(column: str, result: Any) -> tuple[Exclusion, ...]:
    if not isinstance(result, list | tuple):
        _broken(column, "is_excluded", f"returned {type(result).__name__}, expected a list")
    for entry in result:
        if not isinstance(entry, Exclusion):
            _broken(
                column,
                "is_excluded",
                f"returned a {type(entry).__name__} in its list, expected Exclusion",
            )
        _text(column, "is_excluded", "reason", entry.reason)
        _text(column, "is_excluded", "clause", entry.clause)
    return tuple(result)


def check_impact(column: str, result: Any) -> Impact:
    if not isinstance(result, Impact):
        _broken(column, "assess_impact", f"returned {type(result).__name__}, expected Impact")
    _text(column, "assess_impact", "level", result.level)
    _text(column, "assess_impact", "clause", result.clause)
    if not isinstance(result.rank, int) or result.rank < 0:
        _broken(column, "assess_impact", f"rank must be a whole number >= 0, got {result.rank!r}")
    if result.basis not in BASES:
        _broken(column, "assess_impact", f"basis must be one of {BASES}, got {result.basis!r}")
    return result


def check_award(column: str, result: Any) -> Award:
    hook = "calculate_award"
    if not isinstance(result, Award):
        _broken(column, hook, f"returned {type(result).__name__}, expected Award")
    for item in result.items:
        if not isinstance(item, AwardItem):
            _broken(column, hook, f"an item is a {type(item).__name__}, expected AwardItem")
        _text(column, hook, "label", item.label)
        _text(column, hook, f"clause of {item.label!r}", item.clause)
        if item.basis not in BASES:
            _broken(
                column, hook, f"{item.label!r}: basis must be one of {BASES}, got {item.basis!r}"
            )
        for name in ("amount", "low", "high"):
            value = getattr(item, name)
            if name == "high" and value is None:
                continue
            _money(column, hook, f"{item.label!r} {name}", value)
        if item.low > item.amount or (item.high is not None and item.amount > item.high):
            _broken(
                column,
                hook,
                f"{item.label!r}: amount {item.amount} is outside its range {item.low}–{item.high}",
            )
    return result


def check_approval(column: str, result: Any) -> Approval:
    if not isinstance(result, Approval):
        _broken(column, "route_approval", f"returned {type(result).__name__}, expected Approval")
    _text(column, "route_approval", "approver", result.approver)
    _text(column, "route_approval", "clause", result.clause)
    if result.basis not in APPROVAL_BASES:
        _broken(column, "route_approval", f"basis must be one of {APPROVAL_BASES}")
    return result


def check_settlement(column: str, result: Any, award: Award, scenario: Scenario) -> Settlement:
    hook = "apply_offset"
    if not isinstance(result, Settlement):
        _broken(column, hook, f"returned {type(result).__name__}, expected Settlement")
    for part in result.parts:
        _money(column, hook, f"{part.label!r} amount", part.amount)
        if part.to not in (CUSTOMER, ACCOUNT):
            _broken(column, hook, f"{part.label!r}: to must be {CUSTOMER!r} or {ACCOUNT!r}")
        _text(column, hook, f"form of {part.label!r}", part.form)
        _text(column, hook, f"clause of {part.label!r}", part.clause)
    settled = result.paid_to_customer + result.credited_to_account
    if settled != award.total:
        _broken(
            column,
            hook,
            f"paid {result.paid_to_customer} + credited "
            f"{result.credited_to_account} = {settled}, but the award is {award.total}",
        )
    if result.offset_against_debts > scenario.account.total_owed:
        _broken(
            column,
            hook,
            f"set {result.offset_against_debts} against debts, more than "
            f"the {scenario.account.total_owed} owed",
        )
    return result


def check_timescale_list(column: str, result: Any) -> list[Timescale]:
    hook = "complaint_timescales"
    if not isinstance(result, list | tuple):
        _broken(column, hook, f"returned {type(result).__name__}, expected a list")
    for entry in result:
        if not isinstance(entry, Timescale):
            _broken(column, hook, f"returned a {type(entry).__name__}, expected Timescale")
        if entry.starts not in COMPLAINT_DATES or entry.done_by not in COMPLAINT_DATES:
            _broken(
                column,
                hook,
                f"{entry.name!r}: starts and done_by must be [complaint] "
                f"dates ({', '.join(COMPLAINT_DATES)})",
            )
        _text(column, hook, f"clause of {entry.name!r}", entry.clause)
    return list(result)


def check_deadlines(column: str, result: Any) -> list[Deadline]:
    if result is None:
        return []
    if not isinstance(result, list | tuple):
        _broken(column, "deadlines", f"returned {type(result).__name__}, expected a list")
    for entry in result:
        if not isinstance(entry, Deadline) or type(entry.date) is not date:
            _broken(column, "deadlines", f"returned {entry!r}, expected a Deadline with a date")
        _text(column, "deadlines", f"clause of {entry.name!r}", entry.clause)
        if entry.basis not in BASES:
            _broken(column, "deadlines", f"{entry.name!r}: basis must be one of {BASES}")
    return list(result)


def _broken(column: str, hook: str, message: str) -> None:
    raise PluginError(column, hook, message)


def _text(column: str, hook: str, name: str, value: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        _broken(column, hook, f"{name} must be non-empty text, got {value!r}")


def _money(column: str, hook: str, name: str, value: Any) -> None:
    if not isinstance(value, Decimal) or not value.is_finite():
        _broken(column, hook, f"{name} must be a Decimal amount, got {value!r}")
    if value < 0:
        _broken(column, hook, f"{name} is negative ({value})")
    if value != to_pennies(value):
        _broken(column, hook, f"{name} is not rounded to the penny ({value})")
