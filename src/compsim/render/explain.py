"""A decision step by step, in plain English, with the clause at every step."""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Sequence

from compsim.models import DRAFT, CellError, Decision, Scenario, TraceStep
from compsim.money import format_pounds
from compsim.params import format_value
from compsim.plugins import Policy
from compsim.render.safe import flat
from compsim.simulate import Cell

WIDTH = 92
EXPLAIN_FORMATS = ("text", "markdown", "json")


def render_explanations(
    scenario: Scenario, cells: Sequence[tuple[Cell, Policy]], fmt: str = "text"
) -> str:
    """``compsim explain``: every policy's decision on one scenario, as plain text, markdown
    or JSON (the scenario and one decision record per policy, as in compare's JSON)."""
    if fmt == "json":
        from compsim.render.records import cell_record

        document = {
            "scenario": {
                "id": scenario.id,
                "title": scenario.title,
                "source": scenario.source,
                "description": scenario.description,
            },
            "decisions": [cell_record(scenario.id, cell) for cell, _ in cells],
        }
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    markdown = fmt == "markdown"
    header = [f"Scenario {scenario.id}: {flat(scenario.title)}", f"From {flat(scenario.source)}"]
    if scenario.description.strip():
        header.append(flat(scenario.description))
    if markdown:
        header = [f"# {header[0]}", "", *(f"{line}  " for line in header[1:])]
    parts = ["\n".join(header)]
    for cell, policy in cells:
        text = explain(cell, policy)
        parts.append(_as_markdown(text) if markdown else text)
    return "\n\n".join(parts) + "\n"


def _as_markdown(text: str) -> str:
    """The plain-text explanation as markdown: the policy a heading, steps sub-headings."""
    lines = text.splitlines()
    out = [f"## {lines[0]}"]
    for line in lines[2:]:
        if re.match(r"\d+\. ", line):
            out.append(f"### {line}")
        elif line.startswith("     ") and out:  # a wrapped bullet continues
            out[-1] += " " + line.strip()
        elif line.startswith("   - "):
            out.append(line[3:])
        else:
            out.append(line.strip())
    return "\n".join(out)


def explain(cell: Cell, policy: Policy) -> str:
    heading = f"{flat(policy.info.landlord)} ({policy.column})"
    if policy.variant is not None:
        heading += f": variant of {policy.variant.base} from {flat(policy.variant.source)}"
    lines = [heading, "=" * len(heading)]
    if policy.variant is not None and policy.variant.description:
        lines.append(f"Draft: {flat(policy.variant.description)}")
    if isinstance(cell, CellError):
        lines.append(f"The plugin failed on this scenario: {flat(cell.message)}")
        return "\n".join(lines)
    lines.extend(_decision(cell))
    return "\n".join(lines)


def _decision(decision: Decision) -> list[str]:
    by_step: dict[str, list[TraceStep]] = {}
    for step in decision.trace:
        by_step.setdefault(step.step, []).append(step)
    lines = ["", "1. Is the claim excluded?"]
    applying = [c for c in decision.checks if c.applies]
    passing = [c for c in decision.checks if not c.applies]
    if applying:
        lines.append("   Yes. The policy does not consider this claim because:")
        lines.extend(_bullet(c.reason, c.clause) for c in applying)
    else:
        lines.append("   No exclusion applies.")
    if passing:
        lines.append("   Checked and not applying:")
        lines.extend(_bullet(c.reason, c.clause) for c in passing)

    impact = decision.impact
    basis = {"assumption": " (rests on an assumption)", DRAFT: " (rests on a draft value)"}.get(
        impact.basis, ""
    )
    lines += ["", f"2. Impact: {flat(impact.level)}{basis} [{flat(impact.clause)}]"]
    lines.extend(_bullet(n.detail, n.clause) for n in impact.notes)

    computed = decision.award_if_not_excluded
    lines += ["", "3. Award"]
    if not computed.items:
        lines.append("   Nothing is itemised.")
    for item in computed.items:
        range_text = ""
        if item.low != item.amount or item.high != item.amount:
            range_text = f", within {format_pounds(item.low)} to {format_pounds(item.high)}"
        lines.append(
            _bullet(
                f"{item.label}: {format_pounds(item.amount)}{range_text} ({item.basis})",
                item.clause,
            )
        )
    for note in computed.notes:
        lines.append(_bullet(note.detail, note.clause))
    for note in computed.not_computed:
        lines.append(_bullet(f"Not computable: {note.detail}", note.clause))
    if decision.excluded:
        lines.append(
            f"   The claim is excluded, so the award is £0.00. It would otherwise have "
            f"been {format_pounds(computed.total)}."
        )
    else:
        award = decision.award
        spread = ""
        if award.min != award.total or award.max != award.total:
            spread = f" (range {format_pounds(award.min)} to {format_pounds(award.max)})"
        lines.append(f"   Total award: {format_pounds(award.total)}{spread}.")
        if not award.computable:
            lines.append(
                "   This is not the whole remedy: part of it is set by a document the landlord "
                "does not publish, so compsim cannot compute it."
            )
        if decision.rests_on_assumption:
            lines.append(
                "   Part of this rests on an assumption: the policy publishes no figure "
                "for it (see compsim params)."
            )
        if decision.rests_on_draft:
            lines.append("   Part of this rests on a draft value (see Draft values below).")

    approval = decision.approval
    lines += ["", f"4. Approval: {flat(approval.approver)} [{flat(approval.clause)}]"]
    lines.extend(_bullet(n.detail, n.clause) for n in approval.notes)

    settlement = decision.settlement
    lines += [
        "",
        f"5. Settlement: {format_pounds(settlement.paid_to_customer)} paid to the "
        f"customer, {format_pounds(settlement.credited_to_account)} credited to the account",
    ]
    for part in settlement.parts:
        where = "paid to the customer" if part.to == "customer" else "credited to the account"
        lines.append(
            _bullet(
                f"{part.label}: {format_pounds(part.amount)} {where}, as {part.form}", part.clause
            )
        )
    lines.extend(_bullet(n.detail, n.clause) for n in settlement.notes)
    step = 6
    complaint_steps = [t for t in decision.trace if t.step == "complaint handling"]
    if complaint_steps or decision.code_checks:
        lines += ["", f"{step}. Complaint handling (England working days)"]
        if complaint_steps:
            lines.append("   The policy's own timescales:")
            lines.extend(_bullet(t.detail, t.clause) for t in complaint_steps)
        if decision.code_checks:
            lines.append("   The Housing Ombudsman's Complaint Handling Code 2024:")
            lines.extend(_bullet(c.describe(), c.clause) for c in decision.code_checks)
        step += 1
    if decision.deadlines:
        lines += ["", f"{step}. Deadlines"]
        for deadline in decision.deadlines:
            assumed = " (rests on an assumption)" if deadline.basis == "assumption" else ""
            lines.append(_bullet(f"{deadline.name}: {deadline.date}{assumed}", deadline.clause))
        step += 1
    if decision.drafts:
        lines += ["", f"{step}. Draft values this decision used (--set or --params)"]
        for param in decision.drafts:
            lines.append(_bullet(f"{param.path}: {param.describe_value()}", param.clause))
        step += 1
    if decision.readings:
        lines += ["", f"{step}. Readings of the text this decision used (compsim readings)"]
        for reading in decision.readings:
            value = format_value(reading.value)
            used = (
                f"draft value {value}" if reading.basis == DRAFT else f"{value} ({reading.basis})"
            )
            lines.append(
                _bullet(
                    f"{reading.path} = {used}: {reading.description}. "
                    f"The other reading: {reading.alternative}",
                    reading.clause,
                )
            )
    return lines


def _bullet(text: str, clause: str) -> str:
    return textwrap.fill(
        f"- {flat(text)} [{flat(clause)}]", WIDTH, initial_indent="   ", subsequent_indent="     "
    )
