"""Decisions as plain data: the JSON output contract (docs/output.md) and CSV rows.

Money is a string with two decimals, so no float rounding; an open upper end is null.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from typing import Any, TextIO

from compsim.models import Award, AwardItem, CellError, Decision, TimescaleCheck
from compsim.money import as_text
from compsim.params import format_value
from compsim.render.safe import flat
from compsim.simulate import Cell, Row


def cell_record(scenario_id: str, cell: Cell) -> dict[str, Any]:
    if isinstance(cell, CellError):
        return {
            "scenario": scenario_id,
            "landlord": cell.landlord,
            "error": cell.message,
            "excluded": None,
            "exclusions": [],
            "impact": None,
            "award": None,
            "approval": None,
            "settlement": None,
            "trace": [],
        }
    return decision_record(cell)


def decision_record(decision: Decision) -> dict[str, Any]:
    settlement = decision.settlement
    return {
        "scenario": decision.scenario_id,
        "landlord": decision.landlord,
        "excluded": decision.excluded,
        "exclusions": [{"reason": e.reason, "clause": e.clause} for e in decision.exclusions],
        "impact": {
            "level": decision.impact.level,
            "clause": decision.impact.clause,
            "basis": decision.impact.basis,
        },
        "award": award_record(decision.award),
        "award_if_not_excluded": (
            award_record(decision.award_if_not_excluded) if decision.excluded else None
        ),
        "rests_on_assumption": decision.rests_on_assumption,
        "rests_on_draft": decision.rests_on_draft,
        "approval": {
            "approver": decision.approval.approver,
            "clause": decision.approval.clause,
            "senior": decision.approval.senior,
            "basis": decision.approval.basis,
        },
        "settlement": {
            "paid_to_customer": as_text(settlement.paid_to_customer),
            "credited_to_account": as_text(settlement.credited_to_account),
            "offset_against_debts": as_text(settlement.offset_against_debts),
            "form": settlement.form,
            "parts": [
                {
                    "label": p.label,
                    "amount": as_text(p.amount),
                    "to": p.to,
                    "form": p.form,
                    "clause": p.clause,
                    "against_debt": p.against_debt if p.to == "account" else False,
                }
                for p in settlement.parts
            ],
        },
        "deadlines": [
            {"name": d.name, "date": d.date.isoformat(), "clause": d.clause, "basis": d.basis}
            for d in decision.deadlines
        ],
        "complaint_timescales": [check_record(c) for c in decision.complaint_checks],
        "complaint_code": [check_record(c) for c in decision.code_checks],
        "readings": [
            {
                "parameter": r.path,
                "value": format_value(r.value),
                "basis": r.basis,
                "clause": r.clause,
                "reading": r.description,
                "alternative": r.alternative,
            }
            for r in decision.readings
        ],
        "trace": [{"step": t.step, "detail": t.detail, "clause": t.clause} for t in decision.trace],
        "error": None,
    }


def draft_record(param: Any, used: bool) -> dict[str, Any]:
    """A draft value (``params.Param``) a decision consulted."""
    current = param.current
    return {
        "parameter": param.path,
        "value": format_value(param.value),
        "current": format_value(current.value) if current else None,
        "current_basis": current.basis if current else None,
        "clause": param.clause,
        "source": param.override,
        "used": used,
    }


def check_record(check: TimescaleCheck) -> dict[str, Any]:
    return {
        "name": check.name,
        "due": check.due.isoformat(),
        "actual": check.actual.isoformat() if check.actual else None,
        "missed": check.missed,
        "working_days_late": check.working_days_late,
        "clause": check.clause,
    }


def award_record(award: Award) -> dict[str, Any]:
    return {
        "total": as_text(award.total),
        "min": as_text(award.min),
        "max": as_text(award.max),
        "items": [item_record(item) for item in award.items],
        "not_computed": [{"detail": n.detail, "clause": n.clause} for n in award.not_computed],
    }


def item_record(item: AwardItem) -> dict[str, Any]:
    return {
        "label": item.label,
        "amount": as_text(item.amount),
        "min": as_text(item.low),
        "max": as_text(item.high),
        "clause": item.clause,
        "basis": item.basis,
        "category": item.category,
    }


def to_json(rows: Iterable[Row], drafts: dict[str, list[dict]] | None = None) -> str:
    """The records as a JSON list (see write_json)."""
    out = io.StringIO()
    write_json(rows, out, drafts)
    return out.getvalue()


def _records(
    rows: Iterable[Row], drafts: dict[str, list[dict]] | None = None
) -> Iterable[dict[str, Any]]:
    """Each cell's record. Each record's ``drafts`` lists the draft values its decision
    consulted; with ``drafts`` (column → the draft values in force for it, from
    ``compsim.drafts``), every draft in force for its column, ``used`` saying whether the
    decision consulted it."""
    for row in rows:
        for cell in row.cells.values():
            record = cell_record(row.scenario.id, cell)
            used = [draft_record(p, used=True) for p in getattr(cell, "drafts", ())]
            in_force = (drafts or {}).get(record["landlord"])
            if in_force is not None:
                names = {d["parameter"] for d in used}
                used = [{**d, "used": d["parameter"] in names} for d in in_force]
            record["drafts"] = used
            yield record


def write_json(
    rows: Iterable[Row], out: TextIO, drafts: dict[str, list[dict]] | None = None
) -> None:
    """A JSON array of cell records, written record by record (memory stays flat)."""
    first = True
    for record in _records(rows, drafts):
        text = json.dumps(record, indent=2, ensure_ascii=False).replace("\n", "\n  ")
        out.write(("[\n  " if first else ",\n  ") + text)
        first = False
    out.write("[]\n" if first else "\n]\n")


def write_jsonl(
    rows: Iterable[Row], out: TextIO, drafts: dict[str, list[dict]] | None = None
) -> None:
    """JSON lines: one cell record per line, written as each scenario is decided."""
    for record in _records(rows, drafts):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


CSV_COLUMNS = (
    "scenario",
    "landlord",
    "excluded",
    "exclusions",
    "impact",
    "total",
    "min",
    "max",
    "paid_to_customer",
    "credited_to_account",
    "form",
    "approver",
    "senior_approval",
    "rests_on_assumption",
    "error",
    "not_computed",
    "rests_on_draft",
    "drafts",
)


def to_csv(rows: Iterable[Row], drafts: dict[str, str] | None = None) -> str:
    """One row per scenario and landlord, for spreadsheets. ``drafts`` (column → the drafts in
    force as text) fills the ``drafts`` column."""
    out = io.StringIO()
    write_csv(rows, out, drafts)
    return out.getvalue()


def write_csv(rows: Iterable[Row], out: TextIO, drafts: dict[str, str] | None = None) -> None:
    """CSV written row by row. Every field is quoted as needed; free text is put on one line
    and a cell a spreadsheet would run as a formula (=, +, -, @) starts with an apostrophe."""
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        for cell in row.cells.values():
            record = _csv_row(row.scenario.id, cell)
            record["drafts"] = (drafts or {}).get(record["landlord"], "")
            writer.writerow(
                {k: csv_safe(flat(v) if isinstance(v, str) else v) for k, v in record.items()}
            )


def csv_safe(value: Any) -> Any:
    """A cell a spreadsheet cannot run as a formula: text starting with =, +, - or @ gets a
    leading apostrophe (a plain number such as -12.50 is left as it is)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@") and not _NUMBER.match(value):
        return "'" + value
    return value


_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def _csv_row(scenario_id: str, cell: Cell) -> dict[str, Any]:
    if isinstance(cell, CellError):
        return {"scenario": scenario_id, "landlord": cell.landlord, "error": cell.message}
    return {
        "scenario": scenario_id,
        "landlord": cell.landlord,
        "excluded": str(cell.excluded).lower(),
        "exclusions": "; ".join(f"{e.reason} ({e.clause})" for e in cell.exclusions),
        "impact": cell.impact.level,
        "total": as_text(cell.award.total),
        "min": as_text(cell.award.min),
        "max": as_text(cell.award.max) or "open",
        "paid_to_customer": as_text(cell.settlement.paid_to_customer),
        "credited_to_account": as_text(cell.settlement.credited_to_account),
        "form": cell.settlement.form,
        "approver": cell.approval.approver,
        "senior_approval": str(cell.approval.senior).lower(),
        "rests_on_assumption": str(cell.rests_on_assumption).lower(),
        "error": "",
        "rests_on_draft": str(cell.rests_on_draft).lower(),
        "not_computed": "; ".join(f"{n.detail} ({n.clause})" for n in cell.award.not_computed),
    }
