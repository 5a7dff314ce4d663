"""What Alliance's plugin remembers between decisions (for speed, issue 11) is what it would
build afresh: every parameter is still consulted, and results that print differently never
share an entry."""

from __future__ import annotations

from decimal import Decimal

from compsim.testing import decide, scenario

MISLED = '[failure]\ndistress = "minimal"\nmisled = true\n'
MINIMAL = '[failure]\ndistress = "minimal"\n'


def test_2_7_misled_impact_keeps_a_draft_switch_apart_from_the_policys_in_one_process():
    # 2.7: minimal distress, misled -> Major (a reading). Set as a draft (the same value), the
    # impact rests on a draft; then the policy's own reading: an assumption. Both decisions
    # record the switch they consulted.
    draft = decide("alliance", scenario(MISLED), ("alliance.readings.misled_gives_major=true",))
    policy = decide("alliance", scenario(MISLED))
    assert (draft.impact.level, draft.impact.basis) == ("Major Impact", "draft")
    assert (policy.impact.level, policy.impact.basis) == ("Major Impact", "assumption")
    assert "(2.7: it 'could also apply'; draft)" in draft.impact.notes[-1].detail
    assert "(2.7: it 'could also apply'; assumption)" in policy.impact.notes[-1].detail
    for decision in (draft, policy):
        assert [r.path for r in decision.readings] == ["readings.misled_gives_major"]


def test_4_3_remembered_deadlines_still_record_a_draft_number_of_days():
    # 4.3: assessed within 10 working days; a draft of 10 (the same number) is still a draft
    # the decision consulted, though the deadline is the one remembered from before.
    decide("alliance", scenario(MINIMAL))
    decision = decide("alliance", scenario(MINIMAL), ("alliance.assessment.working_days=10",))
    assert "assessment.working_days" in [d.path for d in decision.drafts]


def test_2_10_debt_free_settlement_pays_a_draft_in_pounds_and_pence_however_written():
    # 2.7 full responsibility, Low Impact: the matrix's £100, drafted as 100.000 then as 100;
    # nothing owed, so all of it is paid to the customer. A drafted amount is held in pounds
    # and pence (compsim.params), so both are written 100.00 and may share a remembered entry.
    def paid(written: str) -> str:
        sets = (f"alliance.matrix.full.low={written}",)
        (part,) = decide("alliance", scenario(MINIMAL), sets).settlement.parts
        return str(part.amount)

    assert paid("100.000") == "100.00"
    assert paid("100") == "100.00"


def test_2_7_matrix_item_carries_a_draft_in_pounds_and_pence_however_written():
    # 2.7 full responsibility, Low Impact: the matrix's £100, drafted as 100.000 then as 100;
    # the remembered distress item carries the draft, as 100.00 both times.
    def distress_item(written: str) -> tuple[str, str]:
        sets = (f"alliance.matrix.full.low={written}",)
        award = decide("alliance", scenario(MINIMAL), sets).award
        (item,) = [item for item in award.items if item.category == "distress"]
        return str(item.amount), item.basis

    assert distress_item("100.000") == ("100.00", "draft")
    assert distress_item("100") == ("100.00", "draft")


def test_2_10_3_1_paid_decoration_rests_on_every_parameter_its_item_reads():
    # Wallpaper £150 damaged by "other" (3.1): not read as repair work (a switch), so it is
    # damage to property paid at value (2.10, belongings.valuation: a switch). The item's basis
    # comes from the parameters as read (no second lookup): both switches are recorded in the
    # order they were read; drafting the valuation makes the item draft.
    text = (
        '[failure]\nkind = "damage-to-decoration"\ndistress = "minimal"\n'
        '[[damaged_items]]\nitem = "wallpaper"\nkind = "decoration"\nreplacement_value = 150\n'
        'damaged_by = "other"'
    )
    decision = decide("alliance", scenario(text))
    item = decision.award.items[1]
    assert (item.amount, item.basis) == (Decimal("150"), "assumption")
    paths = [r.path for r in decision.readings]
    assert paths.index("belongings.valuation") < paths.index(
        "readings.decoration_other_damage_is_repair_work"
    )
    drafted = decide(
        "alliance", scenario(text), ("alliance.belongings.valuation=replacement_value",)
    )
    assert (drafted.award.items[1].amount, drafted.award.items[1].basis) == (
        Decimal("150"),
        "draft",
    )
    assert [d.path for d in drafted.drafts] == ["belongings.valuation"]


def test_2_5_2_6_unevidenced_cost_refused_on_a_drafted_reading_is_draft():
    # A £12.50 food cost without evidence, costs_need_evidence drafted true: not reimbursed,
    # and the £0 item rests on the draft.
    text = '[failure]\ndistress = "minimal"\n[[costs]]\nkind = "food"\namount = 12.50\n'
    decision = decide("alliance", scenario(text), ("alliance.readings.costs_need_evidence=true",))
    item = decision.award.items[1]
    assert (item.amount, item.basis) == (Decimal("0"), "draft")
    assert [r.path for r in decision.readings] == ["readings.costs_need_evidence"]
