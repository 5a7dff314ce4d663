"""compsim calibrate: the reference against the Ombudsman's orders, on a hand-worked set."""

import json
import warnings
from decimal import Decimal

import attrs
import pytest
from click.testing import CliRunner

from compsim.calibrate import Case, largest_misses, summarise
from compsim.cli import cli

D = Decimal


def case(name, split, ordered, figure, low, high, finding="maladministration"):
    return Case(
        name,
        "repair-delay",
        100,
        finding,
        split,
        D(ordered),
        D(figure),
        D(low),
        None if high is None else D(high),
    )


# Worked by hand:
# a: 500 ordered, figure 400, range 300-600: inside; ratio 500/400 = 1.25
# b: 2000 ordered, figure 1000, range 1000-open: not counted inside (open top); ratio 2
# c: 300 ordered, figure 600, range 100-600: inside; ratio 0.5 (a miss of a factor of 2)
# d (held out): 1000 ordered, figure 1000, range 600-1000: inside; ratio 1
CASES = [
    case("a", "fit", 500, 400, 300, 600),
    case("b", "fit", 2000, 1000, 1000, None),
    case("c", "fit", 300, 600, 100, 600),
    case("d", "held-out", 1000, 1000, 600, 1000),
]


def test_summary_by_hand():
    everything, fit, held_out, by_finding = summarise(CASES)
    assert (everything.cases, everything.inside, everything.bounded) == (4, 3, 3)
    assert everything.inside_share == 0.75
    assert everything.median_ratio == pytest.approx((1.25 + 1.0) / 2)  # of 0.5, 1, 1.25, 2
    assert (fit.cases, fit.inside, fit.median_ratio) == (3, 2, 1.25)
    assert (held_out.cases, held_out.inside, held_out.median_ratio) == (1, 1, 1.0)
    # every case here is maladministration: one finding group, the same as all
    assert by_finding.name == "finding: maladministration"
    assert (by_finding.cases, by_finding.inside) == (4, 3)


def test_summary_by_finding_by_hand():
    # e (severe, held out): 3000 ordered, figure 1000, range 500-2000: above; ratio 3
    # f (service failure, fit): 50 ordered, figure 75, range 50-100: inside; ratio 2/3
    severe = case("e", "held-out", 3000, 1000, 500, 2000, "severe-maladministration")
    service = case("f", "fit", 50, 75, 50, 100, "service-failure")
    groups = {s.name: s for s in summarise([*CASES, severe, service])}
    assert list(groups)[3:] == [
        "finding: service-failure",
        "finding: maladministration",
        "finding: severe-maladministration",
    ]
    found = groups["finding: severe-maladministration"]
    assert (found.cases, found.inside, found.median_ratio) == (1, 0, 3.0)
    failed = groups["finding: service-failure"]
    assert (failed.cases, failed.inside) == (1, 1)
    assert failed.median_ratio == pytest.approx(2 / 3)


def test_summary_by_source_by_hand():
    # g (machine-extracted, held out): 200 ordered, figure 800, range 400-1000: below; ratio 0.25
    # h (machine-extracted, fit): 900 ordered, figure 600, range 400-1000: inside; ratio 1.5
    # the read ones are a to d: 3 of 4 inside, median of 0.5, 1, 1.25, 2 = 1.125
    extracted = [
        attrs.evolve(case("g", "held-out", 200, 800, 400, 1000), source="machine-extracted"),
        attrs.evolve(case("h", "fit", 900, 600, 400, 1000), source="machine-extracted"),
    ]
    groups = {s.name: s for s in summarise([*CASES, *extracted])}
    assert list(groups)[-2:] == ["source: read", "source: machine-extracted"]
    read = groups["source: read"]
    assert (read.cases, read.inside, read.median_ratio) == (4, 3, 1.125)
    machine = groups["source: machine-extracted"]
    assert (machine.cases, machine.inside) == (2, 1)
    assert machine.median_ratio == pytest.approx((0.25 + 1.5) / 2)
    # one source alone: no source rows (they would repeat "all")
    assert not any(s.name.startswith("source:") for s in summarise(CASES))
    assert not any(s.name.startswith("source:") for s in summarise(extracted))


def test_largest_misses_by_the_factor_either_way():
    assert [c.scenario for c in largest_misses(CASES, 3)] == ["b", "c", "a"]
    assert CASES[1].miss == 2.0 and CASES[2].miss == 2.0


def test_the_golden_tolerance_is_the_range_widened_six_times():
    # range 450-600: the order may run from 75 (450 / 6) to 3,600 (600 x 6)
    assert case("x", "fit", "75.00", 500, 450, 600).within_tolerance
    assert not case("x", "fit", "74.99", 500, 450, 600).within_tolerance
    assert case("x", "fit", "3600.00", 500, 450, 600).within_tolerance
    assert not case("x", "fit", "3600.01", 500, 450, 600).within_tolerance
    assert case("x", "fit", "99999.00", 1000, 1000, None).within_tolerance  # an open top


def test_no_figure_is_an_infinite_miss():
    nothing = case("z", "fit", 700, 0, 0, 0)
    assert nothing.miss == float("inf") and not nothing.within_tolerance


DETERMINATION = """
title = "A leak for a year, ordered £{ordered}"
[failure]
kind = "repair-delay"
distress = "considerable"
[dates]
occurred = 2024-01-01
resolved = 2025-01-01
claimed = 2024-02-01
[source]
case = "202400001"
decided = 2025-06-01
finding = "maladministration"
ordered = {ordered}
split = "{split}"
"""


def _determination(tmp_path, ordered, split="held-out"):
    path = tmp_path / f"ho-{int(float(ordered))}.toml"
    path.write_text(DETERMINATION.format(ordered=ordered, split=split))
    return path


def test_command_reports_the_case_in_json(tmp_path):
    path = _determination(tmp_path, "800.00")
    result = CliRunner().invoke(cli, ["calibrate", str(path), "-f", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    (record,) = document["cases"]
    assert record["ordered"] == "800.00" and record["split"] == "held-out"
    assert record["days"] == 366
    held_out = next(s for s in document["summary"] if s["group"] == "held-out")
    assert held_out["cases"] == 1
    assert record["source"] == "read"


def test_a_machine_extracted_order_is_grouped_apart(tmp_path):
    read = _determination(tmp_path, "800.00")
    extracted = tmp_path / "ho-extracted.toml"
    extracted.write_text(
        'tags = ["machine-extracted"]\n' + DETERMINATION.format(ordered="300.00", split="fit")
    )
    result = CliRunner().invoke(cli, ["calibrate", str(read), str(extracted), "-f", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert [c["source"] for c in document["cases"]] == ["read", "machine-extracted"]
    groups = {s["group"]: s for s in document["summary"]}
    assert groups["source: read"]["cases"] == 1
    assert groups["source: machine-extracted"]["cases"] == 1
    assert (
        "source: machine-extracted" in CliRunner().invoke(cli, ["calibrate", str(tmp_path)]).output
    )


def test_compsim_test_checks_a_fitted_order_far_from_the_figure(tmp_path):
    path = _determination(tmp_path, "999999.00", split="fit")
    result = CliRunner().invoke(cli, ["test", str(path)])
    assert result.exit_code == 1
    assert "[ombudsman] ordered: wanted the £999,999.00 ordered within the reference's range" in (
        result.output
    )


def test_a_held_out_order_is_measured_never_enforced(tmp_path):
    path = _determination(tmp_path, "999999.00", split="held-out")
    result = CliRunner().invoke(cli, ["test", str(path)])
    assert result.exit_code == 0, result.output
    assert "0 values checked" in result.output


def test_without_determinations_it_says_so(tmp_path):
    plain = tmp_path / "plain.toml"
    plain.write_text(DETERMINATION.split("[source]")[0].format(ordered=1, split="fit"))
    result = CliRunner().invoke(cli, ["calibrate", str(plain)])
    assert result.exit_code == 2
    assert "no scenario has a [source] table" in result.output


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "jsonl"])
def test_every_format(tmp_path, fmt):
    result = CliRunner().invoke(
        cli, ["calibrate", str(_determination(tmp_path, "800.00")), "-f", fmt]
    )
    assert result.exit_code == 0 and "ho-800" in result.output


def test_chart(tmp_path):
    pytest.importorskip("matplotlib")
    chart = tmp_path / "calibration.svg"
    result = CliRunner().invoke(
        cli, ["calibrate", str(_determination(tmp_path, "800.00")), "--chart", str(chart)]
    )
    assert result.exit_code == 0, result.output
    first = chart.read_text(encoding="utf-8")
    assert first.lstrip().startswith("<?xml")
    # the same chart is the same file (no date, ids salted by the file name): a chart kept
    # in the repository changes only when what it shows changes
    path = str(_determination(tmp_path, "800.00"))
    assert CliRunner().invoke(cli, ["calibrate", path, "--chart", str(chart)]).exit_code == 0
    assert chart.read_text(encoding="utf-8") == first


def test_a_zero_order_is_left_off_the_log_chart_and_the_chart_says_so(tmp_path):
    pytest.importorskip("matplotlib")
    chart = tmp_path / "calibration.svg"
    path = str(_determination(tmp_path, "0.00"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no matplotlib warning about a non-positive limit
        result = CliRunner().invoke(cli, ["calibrate", path, "--chart", str(chart)])
    assert result.exit_code == 0, result.output
    assert "Not drawn: 1 with a £0 figure or order" in chart.read_text(encoding="utf-8")


# ---------------------------------------------------------------- intervals


def test_each_summary_carries_its_bootstrap_intervals():
    everything, _fit, held_out, _ = summarise(CASES)
    # a share lies between 0 and 1, a median between the least and the greatest ratio
    assert 0 <= everything.inside_interval.low <= 0.75 <= everything.inside_interval.high <= 1
    assert 0.5 <= everything.median_interval.low <= everything.median_interval.high <= 2.0
    # one case: every resample is that case
    assert held_out.inside_interval.low == held_out.inside_interval.high == 1.0
    assert held_out.median_interval.low == held_out.median_interval.high == 1.0


def test_no_intervals_when_none_are_asked_for():
    from compsim.bootstrap import Resampling

    everything = summarise(CASES, Resampling(resamples=0))[0]
    assert everything.inside_interval is None and everything.median_interval is None
    assert everything.median_ratio == pytest.approx(1.125)


def test_the_json_records_how_the_intervals_were_drawn(tmp_path):
    path = str(_determination(tmp_path, "800.00"))
    document = json.loads(
        CliRunner().invoke(cli, ["calibrate", path, "-f", "json", "--seed", "9"]).output
    )
    assert document["resampling"]["resamples"] == 10_000
    assert document["resampling"]["seed"] == 9
    held_out = next(s for s in document["summary"] if s["group"] == "held-out")
    low, high = held_out["median_ratio_interval"]
    assert low == high == held_out["median_ratio"]
    assert held_out["inside_share_interval"] == [held_out["inside_share"]] * 2
    none = json.loads(
        CliRunner().invoke(cli, ["calibrate", path, "-f", "json", "--resamples", "0"]).output
    )
    assert none["summary"][0]["median_ratio_interval"] is None


def test_the_table_names_the_resampling(tmp_path):
    path = str(_determination(tmp_path, "800.00"))
    shown = CliRunner().invoke(cli, ["calibrate", path]).output
    assert "95% interval" in shown and "10,000 resamples, seed 2026" in shown
    plain = CliRunner().invoke(cli, ["calibrate", path, "--resamples", "0"]).output
    assert "No intervals were drawn (--resamples 0)." in plain


def test_the_commands_defaults_are_the_bootstraps():
    from compsim.bootstrap import DEFAULT_RESAMPLES, DEFAULT_SEED

    options = {p.name: p.default for p in cli.commands["calibrate"].params}
    assert (options["resamples"], options["seed"]) == (DEFAULT_RESAMPLES, DEFAULT_SEED)


def test_a_negative_resample_count_is_refused(tmp_path):
    path = str(_determination(tmp_path, "800.00"))
    result = CliRunner().invoke(cli, ["calibrate", path, "--resamples", "-1"])
    assert result.exit_code == 2 and "--resamples" in result.output


def test_json_lines_are_the_json_cases_one_per_line(tmp_path):
    paths = [str(_determination(tmp_path, o)) for o in ("800.00", "1200.00")]
    whole = json.loads(CliRunner().invoke(cli, ["calibrate", *paths, "-f", "json"]).output)
    lines = CliRunner().invoke(cli, ["calibrate", *paths, "-f", "jsonl"]).output.splitlines()
    assert [json.loads(line) for line in lines] == whole["cases"]
    assert len(lines) == 2


# ---------------------------------------------------------------- drafts


def test_a_draft_reference_is_named_in_every_format(tmp_path):
    path = str(_determination(tmp_path, "800.00"))
    draft = ["--set", "ombudsman.range.widen=1", "--resamples", "0"]
    table = CliRunner().invoke(cli, ["calibrate", path, *draft]).output
    assert "Drafts in force" in table
    assert "range.widen = draft value 1 (current policy: 1.11" in table
    assert "†" in table  # the figure rests on it
    (record,) = json.loads(
        CliRunner().invoke(cli, ["calibrate", path, *draft, "-f", "json"]).output
    )["cases"]
    (value,) = record["drafts"]
    assert (value["parameter"], value["value"], value["used"]) == ("range.widen", "1", True)
    assert value["current"] == "1.11" and value["source"] == "--set"
    csv_text = CliRunner().invoke(cli, ["calibrate", path, *draft, "-f", "csv"]).output
    assert csv_text.splitlines()[1].endswith(",range.widen=1")


def test_the_published_reference_has_no_drafts(tmp_path):
    path = str(_determination(tmp_path, "800.00"))
    table = CliRunner().invoke(cli, ["calibrate", path, "--resamples", "0"]).output
    assert "Drafts in force" not in table and "†" not in table
    document = json.loads(CliRunner().invoke(cli, ["calibrate", path, "-f", "json"]).output)
    assert document["cases"][0]["drafts"] == []


def test_a_tag_picks_a_part_of_the_determinations(tmp_path):
    _determination(tmp_path, "800.00")
    extracted = tmp_path / "ho-extracted.toml"
    extracted.write_text(
        'tags = ["machine-extracted"]\n' + DETERMINATION.format(ordered="300.00", split="fit")
    )
    result = CliRunner().invoke(
        cli, ["calibrate", str(tmp_path), "-t", "machine-extracted", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    assert [c["scenario"] for c in json.loads(result.output)["cases"]] == ["ho-extracted"]


# Worked by hand: ordered £150, the landlord had offered £1,010 and the order is in addition
# to it, so the Ombudsman's whole remedy is £1,160; figure £977.28, range £500 to £2,000.
# Against the order: 150 / 977.28 = 0.1535, below the range. Against the remedy:
# 1,160 / 977.28 = 1.1870, inside.
def _offered(adds, against):
    base = case("o", "held-out", "150.00", "977.28", 500, 2000)
    return attrs.evolve(base, offered=D("1010.00"), adds_to_offer=adds, against=against)


def test_the_remedy_adds_the_offer_only_where_the_order_is_in_addition_to_it():
    assert _offered(True, "remedy").remedy == D("1160.00")
    assert _offered(False, "remedy").remedy == D("150.00")  # the order includes it
    assert _offered(None, "remedy").remedy == D("150.00")  # not said: the order alone
    by_order, by_remedy = _offered(True, "order"), _offered(True, "remedy")
    assert not by_order.inside and by_order.ratio == pytest.approx(0.1535, abs=1e-4)
    assert by_remedy.inside and by_remedy.ratio == pytest.approx(1.1870, abs=1e-4)
    # the golden check stays on the order, as every protocol measured it
    assert by_order.within_tolerance == by_remedy.within_tolerance


OFFER = "\noffered = 1010.00\norder_adds_to_offer = true\n"


def test_against_remedy_in_the_command_and_its_records(tmp_path):
    path = tmp_path / "ho-offer.toml"
    path.write_text(DETERMINATION.format(ordered="150.00", split="fit") + OFFER)
    runner = CliRunner()
    by_order = json.loads(runner.invoke(cli, ["calibrate", str(path), "-f", "json"]).output)
    by_remedy = json.loads(
        runner.invoke(cli, ["calibrate", str(path), "-f", "json", "--against", "remedy"]).output
    )
    assert (by_order["against"], by_remedy["against"]) == ("order", "remedy")
    (order_case,), (remedy_case,) = by_order["cases"], by_remedy["cases"]
    for record in (order_case, remedy_case):
        assert record["offered"] == "1010.00" and record["order_adds_to_offer"] is True
        assert record["remedy"] == "1160.00" and record["ordered"] == "150.00"
    assert remedy_case["ratio"] > order_case["ratio"]
    table = runner.invoke(cli, ["calibrate", str(path), "--against", "remedy"]).output
    assert "Ombudsman remedies" in table and "median remedy ÷ figure" in table


def test_whether_the_order_adds_to_an_offer_needs_the_offer(tmp_path):
    path = tmp_path / "ho-no-amount.toml"
    path.write_text(
        DETERMINATION.format(ordered="150.00", split="fit") + "\norder_adds_to_offer = true\n"
    )
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1
    assert "source.offered: expected the offer's amount" in result.output
