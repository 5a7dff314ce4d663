"""The plugin contract: what a landlord's policy plugin implements.

A plugin is a module registered under the entry-point group ``compsim``; the entry-point
name is the policy id. compsim builds one PluginManager per policy and calls the five
policy hooks in this order, always with keywords::

    is_excluded → assess_impact → calculate_award → route_approval → apply_offset

Every hook is ``firstresult``: each policy has one answer. Hooks must be pure functions of
their arguments (the same input gives the same output) and must cite a clause for every
figure. Numbers come from ``params``, never from literals in code.

``scenario`` is a :class:`compsim.models.Scenario` with every default filled in.
``params`` is a :class:`compsim.params.Params`: the policy's parameters in force on the
scenario's ``dates.claimed``, with any user overrides applied.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from compsim.models import (
        Approval,
        Award,
        Deadline,
        Exclusion,
        Impact,
        Scenario,
        Settlement,
        Timescale,
    )
    from compsim.params import Params
    from compsim.plugins import PolicyInfo

PROJECT = "compsim"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec(firstresult=True)
def policy_info() -> PolicyInfo:
    """Describe the policy this plugin encodes, for ``compsim plugins``.

    :return: a :class:`compsim.plugins.PolicyInfo` with the policy id (the same as the
        entry-point name), the landlord's name, the documents encoded and their versions,
        and the path of the parameter file that sits beside the plugin's code.
    """


@hookspec(firstresult=True)
def is_excluded(scenario: Scenario, params: Params) -> list[Exclusion]:
    """Find every reason the policy does not consider this claim.

    Called first. The claim is excluded when any returned exclusion has ``applies=True``;
    its award is then zero, and the award it would otherwise have had is shown beside it.
    A plugin may also return the checks that passed (``applies=False``) so that
    ``compsim explain`` can show them.

    :param scenario: the claim's facts.
    :param params: the policy's parameters in force on ``dates.claimed``.
    :return: a list of :class:`compsim.models.Exclusion`, each with a reason and clause;
        empty when nothing applies.
    """


@hookspec(firstresult=True)
def assess_impact(scenario: Scenario, params: Params) -> Impact:
    """Grade the impact on the claimant on the policy's own scale.

    :param scenario: the claim's facts; ``failure.distress`` is the assessor's
        policy-neutral view, to be read onto the policy's scale.
    :param params: the policy's parameters in force on ``dates.claimed``.
    :return: an :class:`compsim.models.Impact` with the level's name, its rank on the
        policy's scale (0 = lowest), the clause, the basis (``assumption`` when an
        assumption parameter changed the level) and notes explaining the reading.
    """


@hookspec(firstresult=True)
def calculate_award(scenario: Scenario, impact: Impact, params: Params) -> Award:
    """Itemise what the policy awards, ignoring exclusions (the host applies those).

    :param scenario: the claim's facts.
    :param impact: what ``assess_impact`` returned for this scenario.
    :param params: the policy's parameters in force on ``dates.claimed``.
    :return: an :class:`compsim.models.Award`: items each with a label, an amount in
        Decimal pounds rounded to the penny (and a ``low``/``high`` range where the policy
        gives one), the clause, the basis (``published`` or ``assumption``) and a category;
        plus notes, including any place where the policy is silent.
    """


@hookspec(firstresult=True)
def route_approval(scenario: Scenario, award: Award, params: Params) -> Approval:
    """Say who must approve the award.

    :param scenario: the claim's facts.
    :param award: the award to be paid (zero items when the claim is excluded).
    :param params: the policy's parameters in force on ``dates.claimed``.
    :return: an :class:`compsim.models.Approval` naming the approver, with the clause and
        ``senior=True`` when approval above the usual level is needed.
    """


@hookspec(firstresult=True)
def apply_offset(scenario: Scenario, award: Award, params: Params) -> Settlement:
    """Settle the award: what is paid to the claimant and what is credited to an account.

    :param scenario: the claim's facts, including ``account`` (arrears and debts).
    :param award: the award to be paid (zero items when the claim is excluded).
    :param params: the policy's parameters in force on ``dates.claimed``.
    :return: a :class:`compsim.models.Settlement` whose parts add up exactly to
        ``award.total``, each part paid to the customer or credited to the account, in a
        stated form, with its clause. The credit never exceeds what the claimant owes.
    """


@hookspec(firstresult=True)
def complaint_timescales(params: Params) -> list[Timescale]:
    """Optional: the complaint-handling timescales the policy's documents set.

    compsim checks them, in England working days, against the dates of a scenario's
    ``[complaint]`` and shows each due date, actual date and days late in the decision. A
    policy whose documents set no timescales leaves this hook out, and compsim says so.
    Whatever a missed timescale earns is for ``calculate_award`` to decide, as the policy
    says (``compsim.complaints.check_timescales`` gives the same checks).

    :param params: the policy's parameters in force on ``dates.claimed``.
    :return: a list of :class:`compsim.models.Timescale`, in the order the steps happen.
    """


@hookspec(firstresult=True)
def deadlines(scenario: Scenario, award: Award, params: Params) -> list[Deadline]:
    """Optional: the dated deadlines the policy sets for this claim.

    For example when the claim window closed or closes, when the assessment is due, when
    payment is due, the appeal window, or when an offer lapses. Called after the other
    hooks, for excluded claims too (the closed claim window is often the point).

    :param scenario: the claim's facts.
    :param award: the award to be paid (zero items when the claim is excluded).
    :param params: the policy's parameters in force on ``dates.claimed``.
    :return: a list of :class:`compsim.models.Deadline`, each with a name, a date and the
        clause that sets it; ``basis="assumption"`` when the date rests on an assumption.
    """


@hookspec(firstresult=True)
def check_params(params: Params) -> list[str]:
    """Optional: checks across parameters that their declared types and ranges cannot make.

    Called once for each policy and variant, with any overrides applied, before any scenario
    runs (on each date where a dated value changes): a problem stops the run with a one-line
    parameter error, so a draft that makes no sense is refused before it decides anything.
    For example, a heating season ending on 31 April.

    :param params: the policy's parameters in force on a date, overrides applied.
    :return: one line per problem, naming the parameters, their values and what is accepted;
        empty when all is well.
    """


POLICY_HOOKS = ("is_excluded", "assess_impact", "calculate_award", "route_approval", "apply_offset")
OPTIONAL_HOOKS = ("complaint_timescales", "deadlines", "check_params")
