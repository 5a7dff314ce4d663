"""Parameter files, dated values, overrides and variants."""

from datetime import date
from decimal import Decimal

import pytest

from compsim.errors import ParamError
from compsim.params import Override, load_override_file, load_param_file, parse_set_option
from compsim.plugins import build_policies, discover

PARAMS = """
[matrix.full.major]
value = 1000.00
type = "money"
clause = "x 2.7"
basis = "published"

[flag]
value = true
type = "bool"
clause = "x 1.1"
basis = "assumption"
alternative = "off: the other reading"

[months]
value = 6
type = "int"
min = 0
max = 600
clause = "x 4.2"
basis = "published"

[month]
value = 10
type = "int"
min = 1
max = 12
clause = "x 7.1"
basis = "published"

[position]
value = 0.5
type = "share"
clause = "x 3.3"
basis = "assumption"

[level]
value = "low"
type = "choice"
choices = ["low", "high"]
clause = "x 1.2"
basis = "assumption"

[home_loss]
type = "money"
clause = "x 6.7.1"
basis = "published"
values = [
    { from = 2023-10-01, value = 8100.00 },
    { from = 2022-10-01, value = 7800.00 },
]
"""


@pytest.fixture
def param_set(tmp_path):
    path = tmp_path / "params.toml"
    path.write_text(PARAMS)
    return load_param_file(path, "x")


def test_values_clauses_and_bases(param_set):
    params = param_set.at(date(2026, 1, 1))
    assert params.value("matrix.full.major") == Decimal("1000.00")
    assert params["flag"].basis == "assumption"
    assert params.basis_of("matrix.full.major") == "published"
    assert params.basis_of("matrix.full.major", "flag") == "assumption"


def test_dated_value_selected_by_date(param_set):
    assert param_set.at(date(2023, 9, 30)).value("home_loss") == Decimal("7800.00")
    assert param_set.at(date(2023, 10, 1)).value("home_loss") == Decimal("8100.00")


def test_no_value_in_force_is_an_error_only_when_used(param_set):
    params = param_set.at(date(2020, 1, 1))
    assert params.value("matrix.full.major") == Decimal("1000.00")
    with pytest.raises(ParamError, match="no value in force on 2020-01-01"):
        params.value("home_loss")


def test_days_between_changes_share_what_was_resolved_and_each_day_keeps_its_date(param_set):
    """Values are resolved once per period between changes (2022-10-01, 2023-10-01 here),
    not once per day; an error still names the day it was asked for."""
    first, second = param_set.at(date(2023, 1, 2)), param_set.at(date(2023, 9, 30))
    assert first.value("home_loss") == second.value("home_loss") == Decimal("7800.00")
    assert first._resolved is second._resolved
    assert param_set.at(date(2023, 10, 1))._resolved is not first._resolved
    assert param_set.at(date(2023, 10, 1)).value("home_loss") == Decimal("8100.00")
    assert (param_set.at(date(2019, 5, 1)).day, param_set.at(date(2020, 1, 1)).day) == (
        date(2019, 5, 1),
        date(2020, 1, 1),
    )
    with pytest.raises(ParamError, match="no value in force on 2019-05-01"):
        param_set.at(date(2019, 5, 1)).value("home_loss")
    with pytest.raises(ParamError, match="no value in force on 2020-01-01"):
        param_set.at(date(2020, 1, 1)).value("home_loss")


def test_unknown_parameter_in_plugin_code_names_the_nearest(param_set):
    with pytest.raises(KeyError, match=r"did you mean 'matrix\.full\.major'"):
        param_set.at(date(2026, 1, 1))["matrix.full.majr"]


def test_override_becomes_a_draft_with_its_source_and_the_value_it_replaced(param_set):
    changed = param_set.with_overrides("x", [parse_set_option("x.matrix.full.major=1200")])
    param = changed.at(date(2026, 1, 1))["matrix.full.major"]
    assert param.value == Decimal("1200")
    assert param.basis == "draft"
    assert param.override == "--set"
    assert param.current.value == Decimal("1000.00")
    assert param.describe_value() == (
        "draft value 1200.00 (current policy: 1000.00, published, x 2.7)"
    )
    assert changed.at(date(2026, 1, 1)).basis_of("matrix.full.major", "flag") == "draft"


@pytest.mark.parametrize(
    "setting, accepted",
    [
        ("x.month=13", "a whole number from 1 to 12"),
        ("x.month=0", "a whole number from 1 to 12"),
        ("x.months=-3", "a whole number from 0 to 600"),
        ("x.position=1.5", "a share from 0 to 1"),
        ("x.position=-0.1", "a share from 0 to 1"),
        ("x.flag=maybe", "true or false"),
        ("x.level=medium", "one of: low, high"),
    ],
)
def test_override_out_of_range_is_refused_naming_what_is_accepted(param_set, setting, accepted):
    with pytest.raises(ParamError) as error:
        param_set.with_overrides("x", [parse_set_option(setting)])
    message = str(error.value)
    assert message.startswith(f"--set {setting}: ")
    assert f"expected {accepted}, got" in message


def test_text_in_a_file_is_not_money(param_set, tmp_path):
    draft = tmp_path / "draft.toml"
    draft.write_text('[x]\nmatrix.full.major = "600"\n')
    _, overrides = load_override_file(draft)
    with pytest.raises(ParamError, match=r"draft\.toml: \[x\] matrix\.full\.major: .*got '600'"):
        param_set.with_overrides("x", overrides)


def test_switch_consulted_by_a_decision_is_recorded(param_set):
    shared = param_set.at(date(2026, 1, 1))
    view = shared.for_decision()
    view.value("matrix.full.major")
    assert view.switches_used == {}
    assert view.value("flag") is True
    assert list(view.switches_used) == ["flag"]
    assert shared.for_decision().switches_used == {}


@pytest.mark.parametrize(
    "extra, message",
    [
        ('[n]\nvalue = 1\nclause = "x"\nbasis = "published"\n', "type: every parameter"),
        (
            '[n]\nvalue = 1\ntype = "int"\nclause = "x"\nbasis = "published"\n',
            "min: every number parameter",
        ),
        (
            '[n]\nvalue = 13\ntype = "int"\nmin = 1\nmax = 12\nclause = "x"\nbasis = "published"\n',
            "expected a whole number from 1 to 12, got 13",
        ),
        (
            '[n]\nvalue = true\ntype = "bool"\nalternative = "y"\n'
            'clause = "x"\nbasis = "published"\n',
            "is a reading, so basis",
        ),
    ],
)
def test_parameter_file_declarations_are_checked(tmp_path, extra, message):
    path = tmp_path / "params.toml"
    path.write_text(extra)
    with pytest.raises(ParamError, match=message):
        load_param_file(path, "x")


def test_override_replaces_a_dated_value_for_every_date(param_set):
    changed = param_set.with_overrides("x", [Override("x", "home_loss", Decimal("9000"), "f")])
    assert changed.at(date(2022, 12, 1)).value("home_loss") == Decimal("9000")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x.matrix.full.major=abc", "expected an amount in pounds"),
        ("x.matrix.full.major=-5", "expected an amount in pounds"),
        ("x.matrix.full.major=1.234", "expected an amount in pounds"),
        ("x.flag=maybe", "expected true or false"),
        ("x.level=medium", "expected one of: low, high"),
        ("x.matrix.full.majr=1", "did you mean 'matrix.full.major'"),
    ],
)
def test_bad_overrides_are_clear_errors(param_set, text, message):
    with pytest.raises(ParamError, match=message):
        param_set.with_overrides("x", [parse_set_option(text)])


@pytest.mark.parametrize("text", ["alliance", "alliance.x", "=3", "alliance=3"])
def test_set_option_syntax(text):
    with pytest.raises(ParamError, match=r"expected LANDLORD\.PARAMETER=VALUE"):
        parse_set_option(text)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[x]\nvalue = 1\nclause = 'a'\n", "expected basis = .* cites its clause and basis"),
        ("[x]\nvalue = 1\nbasis = 'published'\n", "expected clause = "),
        ("[x]\nvalue = 1\nclause = 'a'\nbasis = 'guess'\n", "basis: expected one of"),
        ("[x]\nvalue = 1\nclause = 'a'\nbasis = 'published'\ncolour = 1\n", "unknown key"),
        (
            "[x]\nvalues = [{from = 2024-01-01, to = 2024-12-31, value = 1},"
            "{from = 2024-06-01, value = 2}]\nclause = 'a'\nbasis = 'published'\n",
            "overlap",
        ),
        (
            "[x]\nvalue = 'abc'\ntype = 'money'\nclause = 'a'\nbasis = 'published'\n",
            "expected an amount",
        ),
    ],
)
def test_bad_parameter_files(tmp_path, content, message):
    path = tmp_path / "params.toml"
    path.write_text(content)
    with pytest.raises(ParamError, match=message):
        load_param_file(path, "x")


def test_override_file_with_a_variant(tmp_path):
    path = tmp_path / "draft.toml"
    path.write_text(
        'variant = "alliance-draft"\ndescription = "Draft"\n[alliance]\nmatrix.full.major = 1200\n'
    )
    variant, overrides = load_override_file(path)
    assert variant.name == "alliance-draft" and variant.base == "alliance"
    assert overrides == [Override("alliance-draft", "matrix.full.major", 1200, str(path))]


def test_a_variant_names_one_landlord(tmp_path):
    path = tmp_path / "draft.toml"
    path.write_text('variant = "draft"\n[alliance]\na = 1\n[star]\nb = 2\n')
    with pytest.raises(ParamError, match="a variant changes one landlord's policy"):
        load_override_file(path)


def test_variant_runs_beside_the_unchanged_policy(tmp_path):
    path = tmp_path / "draft.toml"
    path.write_text('variant = "alliance-draft"\n[alliance]\nmatrix.full.major = 1200\n')
    variant, overrides = load_override_file(path)
    policies = build_policies(discover(), ["alliance"], overrides, [variant])
    assert [p.column for p in policies] == ["alliance", "alliance-draft"]
    day = date(2026, 1, 1)
    assert policies[0].params.at(day).value("matrix.full.major") == Decimal("1000.00")
    assert policies[1].params.at(day).value("matrix.full.major") == Decimal("1200")


def test_override_for_an_unknown_landlord_is_an_error():
    with pytest.raises(ParamError, match="unknown landlord 'nobody'"):
        build_policies(discover(), [], [parse_set_option("nobody.x=1")])


def test_override_is_checked_even_for_a_landlord_not_selected():
    registry = discover()
    other = [i for i in registry.ids() if i != "alliance"]
    if not other:
        pytest.skip("needs a second landlord installed")
    with pytest.raises(ParamError, match="has no parameter"):
        build_policies(registry, [other[0]], [parse_set_option("alliance.nope=1")])
