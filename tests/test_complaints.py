"""The Complaint Handling Code 2024's due dates, in England working days."""

from datetime import date

from compsim.complaints import check_code
from compsim.testing import scenario


def code(**dates) -> dict[str, tuple[date, date | None, int]]:
    lines = "".join(f"{name} = {value}\n" for name, value in dates.items())
    claim = scenario(f"[dates]\noccurred = 2025-11-03\nclaimed = 2026-06-01\n[complaint]\n{lines}")
    return {c.name: (c.due, c.actual, c.working_days_late) for c in check_code(claim.complaint)}


def test_acknowledge_within_five_working_days_across_a_weekend():
    # Code 6.2: received Thu 5 Feb 2026 -> 6, 9, 10, 11, 12 -> due Thu 12 Feb
    assert code(received="2026-02-05", acknowledged="2026-02-13")["Stage 1 acknowledgement"] == (
        date(2026, 2, 12),
        date(2026, 2, 13),
        1,
    )


def test_acknowledge_across_christmas_and_new_year():
    # received Wed 24 Dec 2025: 29, 30, 31 Dec, 2 Jan, 5 Jan (25, 26 Dec and 1 Jan are bank
    # holidays) -> due Mon 5 Jan 2026
    assert code(received="2025-12-24")["Stage 1 acknowledgement"][0] == date(2026, 1, 5)


def test_stage1_response_ten_working_days_after_acknowledgement_across_easter():
    # Code 6.3: acknowledged Tue 31 Mar 2026: 1, 2, 7, 8, 9, 10, 13, 14, 15, 16 (Good Friday 3 Apr
    # and Easter Monday 6 Apr skipped) -> due Thu 16 Apr
    found = code(received="2026-03-27", acknowledged="2026-03-31", stage1_response="2026-04-17")
    assert found["Stage 1 response"] == (date(2026, 4, 16), date(2026, 4, 17), 1)


def test_stage1_extension_adds_up_to_ten_working_days_when_agreed():
    # Code 6.4: from Tue 31 Mar 2026, 20 working days -> Thu 30 Apr
    found = code(
        received="2026-03-27",
        acknowledged="2026-03-31",
        stage1_response="2026-04-30",
        stage1_extension_agreed="true",
    )
    assert found["Stage 1 response"] == (date(2026, 4, 30), date(2026, 4, 30), 0)


def test_stage2_acknowledged_within_five_and_answered_within_twenty_working_days():
    # Code 6.11: requested Mon 21 Dec 2026: 22, 23, 24, 29, 30 (25 and 28 Dec bank holidays)
    # -> due Wed 30 Dec; acknowledged on time on Wed 23 Dec.
    # Code 6.14: 20 working days from Wed 23 Dec: 24, 29, 30, 31 Dec (4), 4-8 Jan (9),
    # 11-15 (14), 18-22 (19), 25 Jan (20) -> due Mon 25 Jan 2027 (1 Jan 2027 is a bank holiday)
    found = code(
        received="2026-10-01",
        acknowledged="2026-10-05",
        stage1_response="2026-10-12",
        stage2_requested="2026-12-21",
        stage2_acknowledged="2026-12-23",
        stage2_response="2027-01-26",
    )
    assert found["Stage 2 acknowledgement"][0] == date(2026, 12, 30)
    assert found["Stage 2 response"] == (date(2027, 1, 25), date(2027, 1, 26), 1)


def test_a_missing_acknowledgement_counts_stage1_from_its_due_date():
    # not acknowledged: stage 1 runs from the acknowledgement's due date (Thu 12 Feb 2026)
    found = code(received="2026-02-05", stage1_response="2026-02-27")
    assert found["Stage 1 acknowledgement"][1] is None
    assert found["Stage 1 response"][0] == date(2026, 2, 26)


def test_no_complaint_no_code_checks():
    assert check_code(scenario().complaint) == ()
