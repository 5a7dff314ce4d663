"""The audit's buckets, on hand-built decisions, and the command end to end."""

import json
from decimal import Decimal as D

import pytest
from click.testing import CliRunner

from compsim.audit import count_buckets, finding, largest_shortfalls, money_in_hand
from compsim.cli import cli
from compsim.models import (
    Approval,
    Award,
    AwardItem,
    CellError,
    Decision,
    Exclusion,
    Impact,
    Settlement,
    SettlementPart,
)


def decision(
    total: str,
    low: str | None = None,
    high: str | None = "same",
    excluded: bool = False,
    extra: tuple[AwardItem, ...] = (),
    settlement: Settlement | None = None,
) -> Decision:
    amount = D(total)
    item = AwardItem(
        "x",
        amount,
        "c 1",
        "published",
        low=D(low) if low else amount,
        high=amount if high == "same" else (D(high) if high else None),
    )
    computed = Award((item, *extra)) if amount or low or extra else Award()
    exclusions = (Exclusion("out", "c 9"),) if excluded else ()
    award = Award() if excluded else computed
    if settlement is None:
        paid = award.total
        settlement = Settlement((SettlementPart("paid", paid, "customer", "f", "c 4"),))
    return Decision(
        "s",
        "l",
        exclusions,
        Impact("i", "c 2", 0),
        award,
        computed,
        Approval("a", "c 3"),
        settlement,
        (),
    )


REFERENCE = decision("350.00", low="100.00", high="600.00")  # adversely affected band


@pytest.mark.parametrize(
    ("landlord", "bucket", "shortfall"),
    [
        (decision("99.99"), "below", "0.01"),
        (decision("100.00"), "within", "0"),  # the minimum itself is within
        (decision("600.00"), "within", "0"),  # the maximum itself is within
        (decision("600.01"), "above", "0"),
        (decision("500.00", excluded=True), "excluded", "100.00"),
        (decision("0.00"), "below", "100.00"),  # paid nothing, not excluded
    ],
    ids=["below", "at-minimum", "at-maximum", "above", "excluded", "nothing-paid"],
)
def test_buckets_against_the_reference_range(landlord, bucket, shortfall):
    found = finding("s", "l", landlord, REFERENCE)
    assert (found.bucket, found.shortfall) == (bucket, D(shortfall))


def test_an_open_ended_reference_has_no_above():
    severe = decision("1000.00", low="1000.00", high=None)  # "£1,000 and over"
    assert finding("s", "l", decision("25000.00"), severe).bucket == "within"
    assert finding("s", "l", decision("999.99"), severe).bucket == "below"


def test_excluded_by_both_is_agreement_on_exclusion_not_a_shortfall():
    excluded_reference = decision("350.00", low="100.00", high="600.00", excluded=True)
    found = finding("s", "l", decision("500.00", excluded=True), excluded_reference)
    assert (found.bucket, found.shortfall) == ("agreed", D("0"))


def test_paying_where_the_reference_would_not_remedy_is_its_own_bucket():
    excluded_reference = decision("350.00", low="100.00", high="600.00", excluded=True)
    found = finding("s", "l", decision("500.00"), excluded_reference)
    assert (found.bucket, found.shortfall) == ("beyond", D("0"))


def test_out_of_scope_parts_are_left_out_of_the_comparison():
    # £250 in scope (within £100 to £600) plus £8,100 home loss and £400 belongings: not
    # "above" the reference, whose award has no such parts
    home_loss = AwardItem("home loss", D("8100.00"), "t 6.7.1", "published", "home-loss")
    belongings = AwardItem("sofa", D("400.00"), "a 2.10", "published", "belongings")
    found = finding("s", "l", decision("250.00", extra=(home_loss, belongings)), REFERENCE)
    assert (found.bucket, found.landlord_total, found.compared, found.out_of_scope) == (
        "within",
        D("8750.00"),
        D("250.00"),
        D("8500.00"),
    )
    assert found.out_of_scope_parts == (
        "statutory home loss payment; valuation of damaged belongings"
    )


def test_out_of_scope_parts_do_not_make_up_a_shortfall():
    belongings = AwardItem("sofa", D("400.00"), "a 2.10", "published", "belongings")
    found = finding("s", "l", decision("50.00", extra=(belongings,)), REFERENCE)
    assert (found.bucket, found.shortfall) == ("below", D("50.00"))


def test_what_the_resident_receives_in_money_is_shown_beside_the_award():
    credited = Settlement(
        (SettlementPart("onto the rent account", D("350.00"), "account", "credit", "c 5.1"),)
    )
    found = finding("s", "l", decision("350.00", settlement=credited), REFERENCE)
    assert (found.bucket, found.landlord_paid, found.landlord_credited) == (
        "within",
        D("0"),
        D("350.00"),
    )
    assert found.reference_paid == D("350.00")


def test_excluded_where_the_reference_pays_nothing_is_within():
    assert finding("s", "l", decision("500.00", excluded=True), decision("0.00")).bucket == (
        "within"
    )


def test_a_plugin_error_is_its_own_bucket():
    assert finding("s", "l", CellError("s", "l", "boom"), REFERENCE).bucket == "error"


def test_counts_shares_and_largest_shortfalls():
    findings = [
        finding("a", "l", decision("50.00"), REFERENCE),  # below by 50
        finding("b", "l", decision("300.00"), REFERENCE),  # within
        finding("c", "l", decision("0.00", excluded=True), REFERENCE),  # excluded, short 100
        finding("d", "l", decision("700.00"), REFERENCE),  # above
    ]
    counts = count_buckets(findings, ["l"])[0]
    assert counts.counts == {
        "below": 1,
        "within": 1,
        "above": 1,
        "excluded": 1,
        "agreed": 0,
        "beyond": 0,
        "error": 0,
    }
    assert counts.share("below") == D("0.25")
    assert [(f.scenario, f.shortfall) for f in largest_shortfalls(findings, 5)] == [
        ("c", D("100.00")),
        ("a", D("50.00")),
    ]


def test_audit_command_on_the_shipped_library():
    result = CliRunner().invoke(cli, ["audit", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["reference"] == "ombudsman"
    landlords = {s["landlord"] for s in data["summary"]}
    assert "ombudsman" not in landlords and {"alliance", "star"} <= landlords
    for summary in data["summary"]:
        buckets = ("below", "within", "above", "excluded", "agreed", "beyond", "error")
        assert sum(summary[b]["count"] for b in buckets) == summary["scenarios"]
    record = data["findings"][0]
    assert {"landlord_in_scope", "out_of_scope", "landlord_paid_to_customer"} <= set(record)


def test_the_reference_time_limit_is_agreement_not_a_shortfall():
    # a claim over 12 months after the issue (Code 2.2): the Ombudsman would not remedy it, so
    # a landlord that excludes it agrees with the reference
    result = CliRunner().invoke(
        cli, ["audit", "--format", "json", "-l", "alliance", "scenarios/time-limits"]
    )
    data = json.loads(result.output)
    beyond = next(f for f in data["findings"] if f["scenario"] == "beyond-twelve-months")
    assert beyond["bucket"] == "agreed"


def test_claim_form_filed_is_agreement_on_exclusion():
    result = CliRunner().invoke(
        cli, ["audit", "--format", "json", "-l", "twenty11", "scenarios/exclusions"]
    )
    data = json.loads(result.output)
    filed = next(f for f in data["findings"] if f["scenario"] == "claim-form-filed")
    assert filed["bucket"] == "agreed"


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv"])
def test_audit_formats(fmt):
    result = CliRunner().invoke(cli, ["audit", "-f", fmt, "-l", "alliance", "-t", "approvals"])
    assert result.exit_code == 0, result.output
    assert "alliance" in result.output
    assert ("in money" if fmt != "csv" else "landlord_paid_to_customer") in result.output


def test_audit_needs_its_reference():
    result = CliRunner().invoke(cli, ["audit", "--reference", "nobody"])
    assert result.exit_code == 2 and "--reference nobody: no such policy" in result.output


def test_money_in_hand_sums_what_is_paid_and_what_is_credited():
    credited = Settlement(
        (SettlementPart("onto the rent account", D("350.00"), "account", "credit", "c 5.1"),)
    )
    findings = [
        finding("a", "l", decision("350.00", settlement=credited), REFERENCE),
        finding("b", "l", decision("200.00"), REFERENCE),
    ]
    [money] = money_in_hand(findings, ["l"])
    assert (money.awarded, money.paid, money.credited, money.credited_in_full) == (
        D("550.00"),
        D("200.00"),
        D("350.00"),
        1,
    )


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv"])
def test_the_audit_names_the_drafts_it_ran_with(fmt):
    # a verdict against a draft reference, or for a draft landlord, is not the published one's
    args = ["audit", "-f", fmt, "-l", "alliance", "-t", "approvals"]
    drafted = CliRunner().invoke(cli, [*args, "--set", "ombudsman.range.widen=1"]).output
    published = CliRunner().invoke(cli, args).output
    if fmt == "csv":
        header, first = drafted.splitlines()[:2]
        assert header.endswith(",landlord_drafts,reference_drafts")
        assert first.endswith(",,range.widen=1")
        assert published.splitlines()[1].endswith(",,")
    else:
        assert "Drafts in force" in drafted and "range.widen = draft value 1" in drafted
        assert "Drafts in force" not in published
