"""compsim sweep: one scenario over a range of one input."""

import json
from datetime import date
from decimal import Decimal

import pytest
from click.testing import CliRunner

from compsim.cli import cli
from compsim.errors import CompsimError
from compsim.scenarios import library_path
from compsim.selection import PolicyRequest
from compsim.sweep import parse_vary, run_sweep

LIVING_ROOM = library_path() / "amenities" / "living-room-lost-29-days.toml"


@pytest.mark.parametrize(
    "text, values",
    [
        ("loss_days=27..29", (27, 28, 29)),
        ("household.weekly_rent=50..80:10", tuple(Decimal(v) for v in (50, 60, 70, 80))),
        ("failure.distress=minimal..considerable", ("minimal", "moderate", "considerable")),
        ("failure.persistent=false..true", (False, True)),
        ("dates.claimed=2026-03-30..2026-04-02:2", (date(2026, 3, 30), date(2026, 4, 1))),
        ("dates.resolved=0..2", (0, 1, 2)),
    ],
)
def test_vary_values(text, values):
    assert parse_vary(text).values == values


@pytest.mark.parametrize(
    "text, message",
    [
        ("loss_days", "expected FIELD=START..END"),
        ("title=a..b", "'title' is not a field that can be varied"),
        ("failure.distress=low..high", "expected two of none, minimal"),
        ("loss_days=5..1", "expected START <= END"),
        ("loss_days=0..1:0", "a STEP above 0"),
        ("failure.reports=1.5..3", "takes whole numbers"),
        ("loss_days=0..100000000", "at most 2,000 values"),
    ],
)
def test_bad_vary_is_one_clear_error(text, message):
    with pytest.raises(CompsimError, match=message.replace(".", r"\.")):
        parse_vary(text)


def test_clarion_pays_for_a_room_only_when_lost_more_than_28_days():
    # Clarion 4.2: loss of a room for more than 28 calendar days. The scenario's living room
    # is lost from dates.occurred to dates.resolved; loss_days moves dates.resolved.
    policies = PolicyRequest(("clarion",)).build()
    result = run_sweep(LIVING_ROOM, parse_vary("loss_days=27..30"), policies)
    totals = [p.cells["clarion"].award.total for p in result.points]
    assert totals[0] == totals[1] == 0
    assert totals[2] > 0 and totals[3] == totals[2]


def test_a_value_the_format_refuses_is_reported_like_a_bad_file():
    policies = PolicyRequest(("alliance",)).build()
    with pytest.raises(CompsimError, match=r"with dates\.claimed = 2025-01-01: dates\.claimed"):
        run_sweep(LIVING_ROOM, parse_vary("dates.claimed=2025-01-01..2025-01-02"), policies)


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json"])
def test_command_in_every_format(fmt):
    result = CliRunner().invoke(
        cli, ["sweep", str(LIVING_ROOM), "--vary", "loss_days=28..29", "-l", "clarion", "-f", fmt]
    )
    assert result.exit_code == 0, result.output
    if fmt == "json":
        document = json.loads(result.output)
        assert [p["value"] for p in document["points"]] == ["28", "29"]
        assert document["points"][0]["cells"]["clarion"]["total"] == "0.00"
    else:
        assert "clarion" in result.output


def test_chart_draws_a_line_per_landlord(tmp_path):
    pytest.importorskip("matplotlib")
    chart = tmp_path / "sweep.svg"
    result = CliRunner().invoke(
        cli,
        ["sweep", str(LIVING_ROOM), "--vary", "loss_days=20..40", "--chart", str(chart)],
    )
    assert result.exit_code == 0, result.output
    svg = chart.read_text(encoding="utf-8")
    for landlord in ("alliance", "clarion", "star", "twenty11", "ombudsman"):
        assert f">{landlord}<" in svg or landlord in svg
    assert "award (£)" in svg
    bad = CliRunner().invoke(
        cli, ["sweep", str(LIVING_ROOM), "--vary", "loss_days=1..2", "--chart", "x.txt"]
    )
    assert bad.exit_code == 2 and "expected a file ending .svg or .png" in bad.output


def test_cliffs_name_the_28_day_room_rule_and_not_a_steady_ramp():
    from compsim.sweep import describe_cliffs

    policies = PolicyRequest(("clarion", "ombudsman")).build()
    result = run_sweep(LIVING_ROOM, parse_vary("loss_days=14..60"), policies)
    cliffs = describe_cliffs(result)
    assert cliffs == ["- clarion: £0.00 at 28 → £350.00 at 29 (the award jumps)"]
    ramp = [p.cells["ombudsman"].award.total for p in result.points]
    assert len(set(ramp)) > 10  # the reference's loss of use grows day by day: no cliff


def test_the_sweep_table_names_the_drafts_it_ran_with():
    from click.testing import CliRunner

    from compsim.cli import cli

    kitchen = "scenarios/amenities/kitchen-five-weeks.toml"
    args = ["sweep", kitchen, "--vary", "loss_days=10..20:10", "-l", "star"]
    drafted = CliRunner().invoke(cli, [*args, "--set", "star.bands.medium.high=200"]).output
    assert "Drafts in force" in drafted and "bands.medium.high = draft value 200" in drafted
    assert "£189.20†" in drafted and "† on a draft value" in drafted
    published = CliRunner().invoke(cli, args).output
    assert "Drafts in force" not in published and "†" not in published
