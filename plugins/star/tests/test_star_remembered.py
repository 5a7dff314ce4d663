"""The texts STAR's plugin remembers between decisions (for speed, issue 11) are the texts it
would build afresh: equal values that print differently never share an entry."""

from __future__ import annotations

from compsim.testing import decide, scenario

MODERATE_OTHER = '[failure]\nkind = "other"\ndistress = "moderate"\n'


def band_note(sets: tuple[str, ...]) -> str:
    decision = decide("star", scenario(MODERATE_OTHER), sets)
    found = [step.detail for step in decision.trace if "bands.position =" in step.detail]
    assert len(found) == 1
    return found[0]


def test_5_1_position_written_0_3_and_0_30_is_printed_as_written_in_one_process():
    # Medium £50-£150 at 0.3: 50 + 100 x 0.3 = £80.00 either way; only the printed
    # parameter differs, so the remembered note must not be shared between the two.
    first = band_note(("star.bands.position=0.30",))
    second = band_note(("star.bands.position=0.3",))
    assert "£80.00 is at 0.30 of the way along" in first
    assert "bands.position = 0.30)" in first
    assert "£80.00 is at 0.3 of the way along" in second
    assert "bands.position = 0.3)" in second


def band_item_label(sets: tuple[str, ...]) -> str:
    decision = decide("star", scenario(MODERATE_OTHER), sets)
    found = [i.label for i in decision.award_if_not_excluded.items if i.category == "distress"]
    assert len(found) == 1
    return found[0]


def test_5_1_band_end_0_and_minus_0_print_apart_in_one_process():
    # Medium band from 0 (then -0) to £150: the two ends are equal values, but a user's -0
    # prints as £-0.00, so the remembered band item must not be shared between the two.
    assert "(£0.00–£150.00)" in band_item_label(("star.bands.medium.low=0",))
    assert "(£-0.00–£150.00)" in band_item_label(("star.bands.medium.low=-0",))


def test_3_3_limit_0_and_minus_0_print_apart_in_one_process():
    # Medium at the midpoint: £100.00, at or above a limit of 0 (then -0); the approval
    # note prints the limit as the user wrote it.
    def approval_note(limit: str) -> str:
        decision = decide(
            "star", scenario(MODERATE_OTHER), (f"star.approval.finance_from={limit}",)
        )
        return decision.approval.notes[0].detail

    assert approval_note("0").startswith("£100.00 is £0.00 or above")
    assert approval_note("-0").startswith("£100.00 is £-0.00 or above")


VULNERABLE = (
    '[failure]\nkind = "other"\ndistress = "moderate"\n'
    '[household]\nvulnerabilities = ["disability", "mental-health"]\n'
)


def test_7_1_remembered_impact_still_records_its_switch_and_a_draft_in_one_process():
    # 5.1, 7.1: moderate distress is Medium impact; disability worsens it by
    # impact.vulnerability_lift_steps = 1 band (an assumption) to Severe/long term; mental
    # health is considered but does not move the band (impact.other_vulnerabilities_lift, a
    # switch). Decided twice with the policy's values, then with the same 1 set as a draft:
    # the impact is remembered, yet every decision records the switch, and the draft prints.
    first = decide("star", scenario(VULNERABLE))
    again = decide("star", scenario(VULNERABLE))
    draft = decide("star", scenario(VULNERABLE), ("star.impact.vulnerability_lift_steps=1",))
    for decision in (first, again, draft):
        assert decision.impact.level == "Severe/long term impact"
        assert [r.path for r in decision.readings] == ["impact.other_vulnerabilities_lift"]
    assert [d.path for d in draft.drafts] == ["impact.vulnerability_lift_steps"]
    assert (first.impact.basis, again.impact.basis, draft.impact.basis) == (
        "assumption",
        "assumption",
        "draft",
    )
    lifted = [n.detail for n in draft.impact.notes if "worsens the impact (7.1)" in n.detail]
    assert lifted == [
        "Vulnerability (disability) worsens the impact (7.1) by 1 band, to Severe/long term "
        "impact (draft: the policy does not say by how much)"
    ]


def test_8_1_debt_free_settlement_keeps_totals_written_apart_in_one_process():
    # No distress: no band (5.1); one damaged sofa with its evidence retained, paid at its
    # value at loss (4.1, 4.2, belongings.valuation), written 100.000 then 100; nothing owed
    # and no bank details recorded, so all of it is paid by bank transfer (8.1), each as the
    # total was worked (0.00 + 100.000, 0.00 + 100).
    def paid(written: str) -> str:
        text = (
            '[failure]\nkind = "other"\ndistress = "none"\n'
            f'[[damaged_items]]\nitem = "sofa"\nvalue_at_loss = {written}\n'
            "replacement_value = 400\nretained = true\n"
        )
        (part,) = decide("star", scenario(text)).settlement.parts
        assert part.label == "Paid to the customer"
        return str(part.amount)

    assert paid("100.000") == "100.000"
    assert paid("100") == "100.00"
