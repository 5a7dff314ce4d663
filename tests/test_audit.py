"""The audit's buckets, on hand-built decisions, and the command end to end."""

import json
from decimal import Decimal as D

import pytest
from click.testing import CliRunner

from compsim.audit import count_buckets, finding, largest_shortfalls
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
)


def decision(
    total: str, low: str | None = None, high: str | None = "same", excluded: bool = False
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
    computed = Award((item,)) if amount or low else Award()
    exclusions = (Exclusion("out", "c 9"),) if excluded else ()
    return Decision(
        "s",
        "l",
        exclusions,
        Impact("i", "c 2", 0),
        Award() if excluded else computed,
        computed,
        Approval("a", "c 3"),
        Settlement(),
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


def test_excluded_by_both_is_within_not_a_shortfall():
    excluded_reference = decision("350.00", low="100.00", high="600.00", excluded=True)
    found = finding("s", "l", decision("500.00", excluded=True), excluded_reference)
    assert (found.bucket, found.shortfall) == ("within", D("0"))


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
    assert counts.counts == {"below": 1, "within": 1, "above": 1, "excluded": 1, "error": 0}
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
        buckets = ("below", "within", "above", "excluded", "error")
        assert sum(summary[b]["count"] for b in buckets) == summary["scenarios"]


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv"])
def test_audit_formats(fmt):
    result = CliRunner().invoke(cli, ["audit", "-f", fmt, "-l", "alliance", "-t", "approvals"])
    assert result.exit_code == 0, result.output
    assert "alliance" in result.output


def test_audit_needs_its_reference():
    result = CliRunner().invoke(cli, ["audit", "--reference", "nobody"])
    assert result.exit_code == 2 and "--reference nobody: no such policy" in result.output
