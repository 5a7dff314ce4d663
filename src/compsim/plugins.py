"""Finding policy plugins, building one PluginManager per policy, and checking what they return.

Plugins are found through the entry-point group ``compsim``. Each entry point loads inside
its own guard: a broken plugin is reported (``compsim plugins``) and skipped, and every
other command keeps working. ``COMPSIM_STRICT_PLUGINS=1`` makes a broken plugin fatal;
``COMPSIM_BLOCK_PLUGINS=star,clarion`` leaves the named plugins out.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from types import ModuleType
from typing import Any, NoReturn

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
    Note,
    Scenario,
    Settlement,
    SettlementPart,
    Timescale,
)
from compsim.money import ZERO, to_pennies
from compsim.params import Override, ParamSet, Variant, check_order, load_param_file

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
        except KeyboardInterrupt:
            raise
        except BaseException as error:  # a broken plugin (even sys.exit) never stops the others
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
    for name in ("id", "landlord", "version"):
        if not isinstance(getattr(info, name), str) or not getattr(info, name):
            raise TypeError(f"policy_info {name} must be non-empty text")
    if not isinstance(info.documents, tuple | list) or not all(
        isinstance(d, str) for d in info.documents
    ):
        raise TypeError("policy_info documents must be a list of text")
    if not isinstance(info.params_file, str | Path) or not isinstance(info.reference, bool):
        raise TypeError("policy_info params_file must be a path and reference true or false")
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
    from compsim.render.safe import shown

    text = shown(" ".join(str(error).split()), 200)
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

    @functools.cached_property
    def implemented(self) -> frozenset[str]:
        """The optional hooks this policy's plugin implements (asked once, not per decision)."""
        return frozenset(
            name
            for name in hookspecs.OPTIONAL_HOOKS
            if getattr(self.manager.hook, name).get_hookimpls()
        )

    @functools.cached_property
    def passed(self) -> LastPassed:
        """What this policy's hooks last returned that passed the checks."""
        return LastPassed()

    @functools.cached_property
    def calls(self) -> HookCalls:
        """What to call for each hook, resolved once from this policy's PluginManager."""
        return HookCalls.resolve(self.manager)


# What LastPassed holds before anything passed: an object no hook can return (None is what
# a broken hook returns, so it must never count as passed).
NOT_YET = object()


@attrs.define
class LastPassed:
    """The results one policy's hooks returned last time, which passed the checks. Results
    are immutable, and plugins return constants and remembered results over and over: a
    result that is the very same object as last time is not checked again. Holding the
    objects keeps the identity meaningful (an object's id is never reused while it lives).

    Impacts and approvals are also held by id (``impacts``, ``approvals``: every one that
    passed, emptied when it grows large): plugins memoise them, so the same few dozen come
    back in turn, and one that passed before is not checked again either."""

    exclusions: tuple[Exclusion, ...] = ()
    impact: Any = NOT_YET
    award: Any = NOT_YET
    approval: Any = NOT_YET
    # (settlement, its sums) as one value: read and replaced in one step, so a decision on
    # another thread (the web page) never pairs one settlement with another's sums
    settlement: tuple[Any, tuple[Decimal, Decimal, Decimal]] = (NOT_YET, (ZERO, ZERO, ZERO))
    impacts: dict[int, Impact] = attrs.Factory(dict)
    approvals: dict[int, Approval] = attrs.Factory(dict)

    # Only a result whose lists are tuples is remembered: a list could change afterwards.
    def remember_impact(self, impact: Impact) -> None:
        if type(impact.notes) is tuple:
            self.impact = impact
            _hold(self.impacts, impact)
        else:
            self.impact = NOT_YET

    def remember_award(self, award: Award) -> None:
        plain = type(award.items) is tuple and type(award.notes) is tuple
        self.award = award if plain and type(award.not_computed) is tuple else NOT_YET

    def remember_approval(self, approval: Approval) -> None:
        if type(approval.notes) is tuple:
            self.approval = approval
            _hold(self.approvals, approval)
        else:
            self.approval = NOT_YET


PASSED_RESULTS_MAX = 1024  # impacts or approvals held by id for one policy


def _hold(table: dict[int, Any], result: Any) -> None:
    if len(table) >= PASSED_RESULTS_MAX:
        table.clear()
    table[id(result)] = result


@attrs.frozen
class HookCalls:
    """Each hook of one policy, ready to call with keywords, as pluggy would call it.

    pluggy resolves a hook call anew every time (argument check, the implementations in
    order, wrappers, the first non-None result). A policy's manager never changes after it
    is built, so when a hook has exactly one plain implementation taking every argument the
    spec names (the usual plugin), that function is called directly: pluggy would call it
    with the same arguments and return its result unchanged. Any other case (several
    implementations, as with an overlay; a wrapper; an implementation taking fewer
    arguments; none at all) goes through pluggy's own call.
    """

    is_excluded: Any
    assess_impact: Any
    calculate_award: Any
    route_approval: Any
    apply_offset: Any
    complaint_timescales: Any
    deadlines: Any

    @classmethod
    def resolve(cls, manager: pluggy.PluginManager) -> HookCalls:
        names = (*hookspecs.POLICY_HOOKS, "complaint_timescales", "deadlines")
        return cls(**{name: _direct_call(getattr(manager.hook, name)) for name in names})


def _direct_call(caller: Any) -> Any:
    impls = caller.get_hookimpls()
    if len(impls) != 1 or caller.spec is None:
        return caller
    impl = impls[0]
    plain = not (impl.hookwrapper or impl.wrapper)
    if plain and set(impl.argnames) == set(caller.spec.argnames) and not impl.kwargnames:
        return impl.function
    return caller


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
    for number, variant in enumerate(variants):
        if variant.base not in registry.installed:
            raise ParamError(f"{variant.source}: {unknown_landlord(variant.base, registry)}")
        if variant.name in registry.installed:
            raise ParamError(
                f"{variant.source}: variant {variant.name!r} is already the name "
                "of an installed policy"
            )
        first = variant_names.index(variant.name)
        if first < number:
            raise ParamError(
                f"{variant.source}: variant {variant.name!r} is already the name "
                f"of a variant in {variants[first].source}"
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
    days = {v.start for d in params.defs.values() for v in d.values if v.start is not None}
    checked_days = (sorted(days) or [date(2026, 1, 1)]) if hook.get_hookimpls() else []
    for day in checked_days:
        try:
            problems = hook(params=params.at(day))
        except Exception as error:  # a broken check is the plugin's fault, not the user's
            raise CompsimError(
                f"plugin {column}: check_params raised {type(error).__name__}: {error}"
            ) from error
        if problems:
            where = "; ".join(o.describe() for o in own) or params.source
            raise ParamError(f"{where}: {column}: {problems[0]}")
    # then, for every plugin, the draft as a whole keeps each band in order (NAME.low <=
    # NAME.amount <= NAME.high), so a draft may move both ends of a band at once
    for override in own:
        check_order(params.defs, override.path, override.describe())


# ---------------------------------------------------------------- checking what plugins return


# ---- fast paths: the same checks as plain predicates, with no message built. A result they
# pass is valid; one they do not pass goes through the detailed checks below, which name what
# is wrong (each predicate is stricter than, never looser than, its detailed check).

PENNY = Decimal("0.01")
ZERO_AMOUNT = Decimal(0)


def _is_text(value: Any) -> bool:
    return type(value) is str and value != "" and not value.isspace()


def _is_money(value: Any) -> bool:
    if type(value) is not Decimal:
        return False
    try:  # a NaN is unequal to itself; infinity and too many digits cannot be quantized
        return value == value.quantize(PENNY) and ZERO_AMOUNT <= value <= AWARD_MAX
    except ArithmeticError:
        return False


def _are_notes(notes: Any) -> bool:
    if type(notes) is not tuple and type(notes) is not list:
        return False
    for note in notes:  # _is_text written out: every result carries notes
        if type(note) is not Note:
            return False
        detail, clause = note.detail, note.clause
        if (
            type(detail) is not str
            or type(clause) is not str
            or not detail
            or not clause
            or detail.isspace()
            or clause.isspace()
        ):
            return False
    return True


def _applying(result: Any, last: tuple[Exclusion, ...]) -> list[Exclusion] | None:
    """The exclusions that apply, or None if ``result`` is not a list of well-formed
    exclusions. One pass, _is_text written out: a plugin may return a dozen checks. An entry
    that is the very object in the same place of ``last`` (the checks that passed last
    time: plugins return the same constant checks over and over) is not checked again."""
    if type(result) is not list and type(result) is not tuple:
        return None
    applying = []
    known = len(last)
    place = -1
    for entry in result:
        place += 1
        if place < known and entry is last[place]:
            if entry.applies:
                applying.append(entry)
            continue
        if type(entry) is not Exclusion:
            return None
        reason, clause, applies = entry.reason, entry.clause, entry.applies
        if (
            type(reason) is not str
            or type(clause) is not str
            or not reason
            or not clause
            or reason.isspace()
            or clause.isspace()
            or type(entry.short) is not str
        ):
            return None
        if applies is True:
            applying.append(entry)
        elif applies is not False:
            return None
    return applying


# Award items that passed, by identity: plugins return the same item objects (a distress band,
# a constant refusal) over and over, and an item is immutable, so one that passed passes again.
# Holding the item keeps its id from being reused; the table is emptied when it grows large.
_PASSED_ITEMS: dict[int, AwardItem] = {}
PASSED_ITEMS_MAX = 4096


def _award_ok(result: Any) -> bool:
    if type(result) is not Award:
        return False
    items = result.items
    if type(items) is not tuple and type(items) is not list:
        return False
    passed = _PASSED_ITEMS
    total = ZERO
    for item in items:
        if passed.get(id(item)) is item:
            total += item.amount
            continue
        if type(item) is not AwardItem:
            return False
        amount, low, high = item.amount, item.low, item.high
        if not (
            _is_text(item.label)
            and _is_text(item.clause)
            and _is_text(item.category)
            and item.basis in BASES
            and _is_money(amount)
            # a single figure's low and high are the amount itself (checked just above)
            and (low is amount or (_is_money(low) and low <= amount))
            and (high is None or high is amount or (_is_money(high) and amount <= high))
        ):
            return False
        total += amount
        if len(passed) >= PASSED_ITEMS_MAX:
            passed.clear()
        passed[id(item)] = item
    # the total of amounts of whole pence, none below zero, is whole pence and not below zero
    return total <= AWARD_MAX and _are_notes(result.notes) and _are_notes(result.not_computed)


def _settlement_sums(result: Any) -> tuple[Decimal, Decimal, Decimal] | None:
    """(paid to the customer, credited to the account, set against debts), or None if
    ``result`` is not a well-formed Settlement. One pass over the parts."""
    if type(result) is not Settlement or type(result.parts) not in (tuple, list):
        return None
    paid = credited = against_debts = ZERO
    for part in result.parts:
        if type(part) is not SettlementPart:
            return None
        amount, to, against_debt = part.amount, part.to, part.against_debt
        if not (
            _is_text(part.label)
            and _is_money(amount)
            and _is_text(part.form)
            and _is_text(part.clause)
            and type(against_debt) is bool
        ):
            return None
        if to == CUSTOMER:
            paid += amount
        elif to == ACCOUNT:
            credited += amount
            if against_debt:
                against_debts += amount
        else:
            return None
    return (paid, credited, against_debts) if _are_notes(result.notes) else None


def check_exclusions(
    column: str, result: Any, last: tuple[Exclusion, ...] = ()
) -> tuple[tuple[Exclusion, ...], tuple[Exclusion, ...]]:
    """(every check the plugin returned, the exclusions among them that apply). ``last``:
    the checks this policy returned last time, which passed (see ``_applying``)."""
    applying = _applying(result, last)
    if applying is not None:
        return tuple(result), tuple(applying)
    hook = "is_excluded"
    _something(column, hook, result)
    for entry in _sequence(column, hook, "returned", result):
        _instance(column, hook, "returned a", entry, Exclusion)
        _text(column, hook, "reason", entry.reason)
        _text(column, hook, "clause", entry.clause)
        _flag(column, hook, "applies", entry.applies)
        if not isinstance(entry.short, str):
            _broken(column, hook, f"short must be text, got {_shown(entry.short)}")
    checks = tuple(result)
    return checks, tuple(check for check in checks if check.applies)


def check_impact(column: str, result: Any) -> Impact:
    if (
        type(result) is Impact
        and _is_text(result.level)
        and _is_text(result.clause)
        and type(result.rank) is int
        and 0 <= result.rank <= 1000
        and result.basis in BASES
        and _are_notes(result.notes)
    ):
        return result
    hook = "assess_impact"
    _something(column, hook, result)
    _instance(column, hook, "returned", result, Impact)
    _text(column, hook, "level", result.level)
    _text(column, hook, "clause", result.clause)
    rank = result.rank
    if not isinstance(rank, int) or isinstance(rank, bool) or not 0 <= rank <= 1000:
        _broken(column, hook, f"rank must be a whole number from 0 to 1000, got {_shown(rank)}")
    if result.basis not in BASES:
        _broken(column, hook, f"basis must be one of {BASES}, got {_shown(result.basis)}")
    _notes(column, hook, result.notes)
    return result


def check_award(column: str, result: Any) -> Award:
    if _award_ok(result):
        return result
    hook = "calculate_award"
    _something(column, hook, result)
    _instance(column, hook, "returned", result, Award)
    for item in _sequence(column, hook, "items", result.items):
        _instance(column, hook, "an item is a", item, AwardItem)
        _text(column, hook, "label", item.label)
        label = _shown(item.label)
        _text(column, hook, f"clause of {label}", item.clause)
        _text(column, hook, f"category of {label}", item.category)
        if item.basis not in BASES:
            _broken(
                column, hook, f"{label}: basis must be one of {BASES}, got {_shown(item.basis)}"
            )
        for name in ("amount", "low", "high"):
            value = getattr(item, name)
            if name == "high" and value is None:
                continue
            _money(column, hook, f"{label} {name}", value)
        if item.low > item.amount or (item.high is not None and item.amount > item.high):
            _broken(
                column,
                hook,
                f"{label}: amount {item.amount} is outside its range {item.low}–{item.high}",
            )
    _notes(column, hook, result.notes)
    _notes(column, hook, result.not_computed)
    _money(column, hook, "the total", result.total)
    return result


def check_approval(column: str, result: Any) -> Approval:
    if (
        type(result) is Approval
        and _is_text(result.approver)
        and _is_text(result.clause)
        and type(result.senior) is bool
        and result.basis in APPROVAL_BASES
        and _are_notes(result.notes)
    ):
        return result
    hook = "route_approval"
    _something(column, hook, result)
    _instance(column, hook, "returned", result, Approval)
    _text(column, hook, "approver", result.approver)
    _text(column, hook, "clause", result.clause)
    _flag(column, hook, "senior", result.senior)
    if result.basis not in APPROVAL_BASES:
        _broken(column, hook, f"basis must be one of {APPROVAL_BASES}, got {_shown(result.basis)}")
    _notes(column, hook, result.notes)
    return result


def check_settlement(
    column: str, result: Any, award: Award, scenario: Scenario, passed: LastPassed | None = None
) -> Settlement:
    """The settlement's parts are well formed, add up to the award, and set no more against
    debts than is owed. A settlement that is the very one that passed last time (``passed``)
    has its parts and sums from then; the sums are still set against this award and debt."""
    hook = "apply_offset"
    last, last_sums = passed.settlement if passed is not None else (NOT_YET, None)
    if result is last:
        sums = last_sums
    else:
        sums = _settlement_sums(result)
        if sums is None:
            _something(column, hook, result)
            _check_settlement_parts(column, hook, result)
            sums = result.paid_to_customer, result.credited_to_account, result.offset_against_debts
        elif passed is not None and type(result.parts) is tuple and type(result.notes) is tuple:
            passed.settlement = (result, sums)
    paid, credited, against_debts = sums
    if paid + credited != award.total:
        _broken(
            column,
            hook,
            f"paid {paid} + credited {credited} = {paid + credited}, "
            f"but the award is {award.total}",
        )
    if against_debts and against_debts > scenario.account.total_owed:
        _broken(
            column,
            hook,
            f"set {against_debts} against debts, more than the {scenario.account.total_owed} owed",
        )
    return result


def _check_settlement_parts(column: str, hook: str, result: Any) -> None:
    _instance(column, hook, "returned", result, Settlement)
    for part in _sequence(column, hook, "parts", result.parts):
        _instance(column, hook, "a part is a", part, SettlementPart)
        _text(column, hook, "label", part.label)
        label = _shown(part.label)
        _money(column, hook, f"{label} amount", part.amount)
        if part.to not in (CUSTOMER, ACCOUNT):
            _broken(column, hook, f"{label}: to must be {CUSTOMER!r} or {ACCOUNT!r}")
        _text(column, hook, f"form of {label}", part.form)
        _text(column, hook, f"clause of {label}", part.clause)
        _flag(column, hook, f"against_debt of {label}", part.against_debt)
    _notes(column, hook, result.notes)


COMPLAINT_FLAGS = tuple(f.name for f in attrs.fields(Complaint) if f.metadata.get("kind") == "bool")
MAX_WORKING_DAYS = 1000


def check_timescale_list(column: str, result: Any) -> list[Timescale]:
    hook = "complaint_timescales"
    for entry in _sequence(column, hook, "returned", result):
        _instance(column, hook, "returned a", entry, Timescale)
        _text(column, hook, "name", entry.name)
        name = _shown(entry.name)
        if entry.starts not in COMPLAINT_DATES or entry.done_by not in COMPLAINT_DATES:
            _broken(
                column,
                hook,
                f"{name}: starts and done_by must be [complaint] "
                f"dates ({', '.join(COMPLAINT_DATES)})",
            )
        _text(column, hook, f"clause of {name}", entry.clause)
        for field in ("working_days", "extension_days"):
            days = getattr(entry, field)
            if not isinstance(days, int) or isinstance(days, bool):
                _broken(column, hook, f"{name}: {field} must be a whole number, got {_shown(days)}")
            if not 0 <= days <= MAX_WORKING_DAYS:
                _broken(column, hook, f"{name}: {field} must be from 0 to {MAX_WORKING_DAYS}")
        if entry.extension_flag is not None and entry.extension_flag not in COMPLAINT_FLAGS:
            _broken(
                column,
                hook,
                f"{name}: extension_flag must be None or one of {', '.join(COMPLAINT_FLAGS)}",
            )
    return list(result)


def _deadlines_ok(result: Any) -> bool:
    if type(result) is not list and type(result) is not tuple:
        return False
    for deadline in result:
        if not (
            type(deadline) is Deadline
            and type(deadline.date) is date
            and _is_text(deadline.name)
            and _is_text(deadline.clause)
            and deadline.basis in BASES
        ):
            return False
    return True


def check_deadlines(column: str, result: Any) -> list[Deadline]:
    hook = "deadlines"
    if _deadlines_ok(result):
        return list(result)
    _something(column, hook, result)
    for entry in _sequence(column, hook, "returned", result):
        if not isinstance(entry, Deadline) or type(entry.date) is not date:
            _broken(column, hook, f"returned {_shown(entry)}, expected a Deadline with a date")
        _text(column, hook, "name", entry.name)
        _text(column, hook, f"clause of {_shown(entry.name)}", entry.clause)
        if entry.basis not in BASES:
            _broken(column, hook, f"{_shown(entry.name)}: basis must be one of {BASES}")
    return list(result)


# The largest amount a plugin may return for one item or settlement part, in pounds: far
# above any real award, far below where Decimal arithmetic stops being exact.
AWARD_MAX = Decimal(10) ** 12


def _something(column: str, hook: str, result: Any) -> None:
    if result is None:
        _broken(column, hook, "returned nothing (is the hook implemented?)")


def _broken(column: str, hook: str, message: str) -> NoReturn:
    raise PluginError(column, hook, message)


def _shown(value: Any) -> str:
    from compsim.render.safe import shown

    try:
        text = repr(value)
    except Exception:  # a plugin's object whose repr fails
        text = f"a {type(value).__name__}"
    return shown(text, 60)


def _instance(column: str, hook: str, what: str, value: Any, cls: type) -> None:
    if not isinstance(value, cls):
        _broken(column, hook, f"{what} {type(value).__name__}, expected {cls.__name__}")


def _sequence(column: str, hook: str, name: str, value: Any) -> tuple[Any, ...]:
    if not isinstance(value, list | tuple):
        _broken(column, hook, f"{name} {type(value).__name__}, expected a list")
    return tuple(value)


def _notes(column: str, hook: str, notes: Any) -> None:
    for note in _sequence(column, hook, "notes", notes):
        _instance(column, hook, "a note is a", note, Note)
        _text(column, hook, "note detail", note.detail)
        _text(column, hook, "note clause", note.clause)


def _flag(column: str, hook: str, name: str, value: Any) -> None:
    if not isinstance(value, bool):
        _broken(column, hook, f"{name} must be true or false, got {_shown(value)}")


def _text(column: str, hook: str, name: str, value: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        _broken(column, hook, f"{name} must be non-empty text, got {_shown(value)}")


def _money(column: str, hook: str, name: str, value: Any) -> None:
    if not isinstance(value, Decimal) or not value.is_finite():
        _broken(column, hook, f"{name} must be a Decimal amount, got {_shown(value)}")
    if value < 0:
        _broken(column, hook, f"{name} is negative ({value})")
    if value > AWARD_MAX:
        _broken(column, hook, f"{name} is more than £{AWARD_MAX:,} ({_shown(value)})")
    if value != to_pennies(value):
        _broken(column, hook, f"{name} is not rounded to the penny ({value})")
