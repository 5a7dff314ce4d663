"""A plugin cannot take the run down: every result is checked all the way down, anything a
hook raises (SystemExit included) is that landlord's error cell, and so is an import that
raises SystemExit. Only a real Ctrl-C stops the run."""

import sys
import textwrap
from importlib.metadata import EntryPoint

import pytest
from click.testing import CliRunner

from compsim import plugins
from compsim.cli import cli
from compsim.plugins import build_policies, discover
from compsim.simulate import simulate
from compsim.testing import scenario

PLUGIN = """
import sys
from decimal import Decimal
from pathlib import Path
from compsim import hookimpl
from compsim.models import (
    Approval, Award, AwardItem, Impact, Note, Settlement, SettlementPart, Timescale,
)
from compsim.plugins import PolicyInfo

{top}

@hookimpl
def policy_info():
    return PolicyInfo("{name}", "Test Homes", ("Test policy",), "1",
                      Path(__file__).with_name("params.toml"))

@hookimpl
def is_excluded(scenario, params):
    return []

@hookimpl
def assess_impact(scenario, params):
    return Impact("Some", "t 1", 1)

@hookimpl
def calculate_award(scenario, impact, params):
    {award}

@hookimpl
def route_approval(scenario, award, params):
    {approval}

@hookimpl
def apply_offset(scenario, award, params):
    {offset}

@hookimpl
def complaint_timescales(params):
    {timescales}
"""
DEFAULTS = {
    "top": "",
    "award": 'return Award((AwardItem("Flat", Decimal("10.00"), "t 1", "published"),))',
    "approval": 'return Approval("Manager", "t 2")',
    "offset": (
        'return Settlement((SettlementPart("Paid", award.total, "customer", "payment", "t 3"),)'
        " if award.total else ())"
    ),
    "timescales": 'return [Timescale("Reply", "received", "stage1_response", 10, "t 4")]',
}
PARAMS = '[amount]\nvalue = 10.00\ntype = "money"\nclause = "t 1"\nbasis = "published"\n'


@pytest.fixture
def install(tmp_path, monkeypatch):
    """Install fake plugins: name -> dict of hook bodies (the rest as in DEFAULTS)."""

    def install(**specs):
        points = []
        for name, spec in specs.items():
            module = f"guard_{name}_{id(tmp_path)}"
            source = PLUGIN.format(name=name, **(DEFAULTS | spec))
            (tmp_path / f"{module}.py").write_text(textwrap.dedent(source))
            points.append(EntryPoint(name, module, "compsim"))
        (tmp_path / "params.toml").write_text(PARAMS)
        monkeypatch.syspath_prepend(str(tmp_path))
        monkeypatch.setattr(plugins, "entry_points", lambda group: points)
        return discover()

    yield install
    for name in [m for m in sys.modules if m.startswith("guard_")]:
        del sys.modules[name]


CLAIM = """
[complaint]
received = 2026-01-12
stage1_response = 2026-02-20
"""


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"award": "return Award(None)"}, "calculate_award: items NoneType, expected a list"),
        (
            {"award": 'return Award((AwardItem("Big", Decimal("1e30"), "t 1", "published"),))'},
            "calculate_award: 'Big' amount is more than £1,000,000,000,000",
        ),
        (
            {"award": 'return Award((), notes=("a plain string",))'},
            "calculate_award: a note is a str, expected Note",
        ),
        ({"offset": "return Settlement(5)"}, "apply_offset: parts int, expected a list"),
        (
            {
                "offset": 'return Settlement((SettlementPart("P", award.total, "customer", '
                '"payment", "t 3", against_debt="no"),))'
            },
            "apply_offset: against_debt of 'P' must be true or false, got 'no'",
        ),
        (
            {"approval": 'return Approval("Manager", "t 2", senior="yes")'},
            "route_approval: senior must be true or false, got 'yes'",
        ),
        (
            {
                "timescales": 'return [Timescale("Reply", "received", "stage1_response", '
                '"5", "t 4")]'
            },
            "complaint_timescales: 'Reply': working_days must be a whole number, got '5'",
        ),
        ({"award": "sys.exit(0)"}, "calculate_award: raised SystemExit: 0"),
        ({"approval": "raise SystemExit('bye')"}, "route_approval: raised SystemExit: bye"),
        ({"award": "raise GeneratorExit()"}, "calculate_award: raised GeneratorExit"),
    ],
)
def test_a_wrong_result_deep_down_is_that_landlords_error_cell(install, spec, message):
    registry = install(bad=spec, good={})
    rows = simulate([scenario(CLAIM)], build_policies(registry))
    cells = rows[0].cells
    assert cells["good"].award.total == 10  # the other landlord's result still comes out
    assert cells["bad"].message == f"bad: {message}" or cells["bad"].message.startswith(
        f"bad: {message}"
    ), cells["bad"].message


def test_a_real_ctrl_c_still_stops_the_run(install):
    registry = install(bad={"award": "raise KeyboardInterrupt"})
    with pytest.raises(KeyboardInterrupt):
        simulate([scenario()], build_policies(registry))


def test_system_exit_at_import_skips_that_plugin_only(install):
    registry = install(bad={"top": "raise SystemExit(0)"}, good={})
    assert registry.ids() == ["good"]
    assert [(f.id, f.error) for f in registry.failures] == [("bad", "SystemExit: 0")]


def test_explain_exits_1_when_a_plugin_failed_on_the_scenario(install, tmp_path):
    install(bad={"award": "sys.exit(0)"}, good={})
    claim = tmp_path / "claim.toml"
    claim.write_text(
        'title = "A"\n[failure]\nkind = "repair-delay"\n'
        "[dates]\noccurred = 2026-01-05\nclaimed = 2026-02-02\n"
    )
    result = CliRunner().invoke(cli, ["explain", str(claim)])
    assert result.exit_code == 1
    assert "The plugin failed on this scenario: bad: calculate_award: raised SystemExit" in (
        result.output
    )
    assert "error: scenario claim: bad: calculate_award: raised SystemExit: 0" in result.output


def test_plugin_text_cannot_forge_lines_or_send_escape_sequences(install, tmp_path):
    label = '"Flat\\nTotal award: £99,999.00\\x1b]0;pwned\\x07"'
    install(
        odd={"award": f'return Award((AwardItem({label}, Decimal("10.00"), "t 1", "published"),))'}
    )
    claim = tmp_path / "claim.toml"
    claim.write_text(
        'title = "Boiler\\nTotal award: £1.00\\u001b[2J"\n[failure]\nkind = "repair-delay"\n'
        "[dates]\noccurred = 2026-01-05\nclaimed = 2026-02-02\n"
    )
    result = CliRunner().invoke(cli, ["explain", str(claim)])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    # a newline in free text becomes a space; other control characters are shown escaped
    assert "Scenario claim: Boiler Total award: £1.00\\x1b[2J" in result.output
    assert "- Flat Total award: £99,999.00\\x1b]0;pwned\\x07: £10.00" in result.output
    lines = result.output.splitlines()
    assert [
        line for line in lines if "Total award" in line and line.lstrip().startswith("Total")
    ] == ["   Total award: £10.00."]
