"""``compsim new-plugin NAME``: a new landlord plugin package that installs and passes its own
tests as generated. Every policy-specific line is marked TODO, to be replaced with the
policy's rule and clause (see docs/writing-a-plugin.md)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from compsim.errors import CompsimError

NAME_PATTERN = re.compile(r"[a-z][a-z0-9]*")

PYPROJECT = """\
[build-system]
requires = ["hatchling>=1.21"]
build-backend = "hatchling.build"

[project]
name = "compsim-{id}"
version = "0.1.0"
description = "compsim policy plugin: {landlord} compensation policy"
requires-python = ">=3.11"
dependencies = ["compsim"]

[project.entry-points.compsim]
{id} = "compsim_{id}.plugin"

[tool.hatch.build.targets.wheel]
packages = ["src/compsim_{id}"]
"""

PLUGIN = '''\
"""{landlord}: compensation policy.

Clauses are cited as "{id} N". Every number is in params.toml beside this file.
Replace each TODO with the policy's own rule, citing its clause; where the policy is silent,
say so in a Note and make any figure an assumption parameter.
"""

from __future__ import annotations

from pathlib import Path

from compsim import hookimpl
from compsim.models import (
    CUSTOMER,
    Approval,
    Award,
    AwardItem,
    Exclusion,
    Impact,
    Note,
    Scenario,
    Settlement,
    SettlementPart,
)
from compsim.params import Params
from compsim.plugins import NOT_PUBLISHED, PolicyInfo

POLICY_ID = "{id}"
LEVELS = ("none", "minimal", "moderate", "considerable", "severe")


@hookimpl
def policy_info() -> PolicyInfo:
    return PolicyInfo(
        id=POLICY_ID,
        landlord="{landlord}",
        documents=("TODO: the policy's title, version and date",),
        version="TODO",
        params_file=Path(__file__).with_name("params.toml"),
    )


@hookimpl
def is_excluded(scenario: Scenario, params: Params) -> list[Exclusion]:
    """Every check the policy makes, applying or not. TODO: the policy's exclusions."""
    return [
        Exclusion(
            "The claim is for personal injury",
            f"{{POLICY_ID}} TODO",
            scenario.legal.personal_injury,
            "personal injury",
        ),
    ]


@hookimpl
def assess_impact(scenario: Scenario, params: Params) -> Impact:
    """TODO: read failure.distress onto the policy's own scale."""
    level = scenario.failure.distress
    return Impact(level, f"{{POLICY_ID}} TODO", LEVELS.index(level))


@hookimpl
def calculate_award(scenario: Scenario, impact: Impact, params: Params) -> Award:
    """TODO: each head of the policy's award, from params.toml."""
    amount = params[f"award.{{impact.level}}"]
    items = []
    if amount.value > 0:
        label = f"Distress and inconvenience ({{impact.level}})"
        items.append(AwardItem(label, amount.value, amount.clause, amount.basis, "distress"))
    notes = (Note("TODO: the policy's amounts are placeholders", f"{{POLICY_ID}} TODO"),)
    return Award(tuple(items), notes)


@hookimpl
def route_approval(scenario: Scenario, award: Award, params: Params) -> Approval:
    """TODO: who approves, and any threshold for a more senior approver."""
    return Approval("Not published", f"{{POLICY_ID}} TODO", basis=NOT_PUBLISHED)


@hookimpl
def apply_offset(scenario: Scenario, award: Award, params: Params) -> Settlement:
    """TODO: whether the award is set against arrears; parts must add up to the award."""
    if award.total == 0:
        return Settlement()
    part = SettlementPart(
        "Paid to the customer", award.total, CUSTOMER, "payment", f"{{POLICY_ID}} TODO"
    )
    return Settlement((part,))
'''

PARAMS = """\
# {landlord}: every number compsim uses, with its clause and basis.
# basis = "published" for a figure in the policy text, "assumption" where it gives none.
# TODO: replace these placeholders with the policy's figures and clauses.
{levels}"""

PARAM_ENTRY = """
[award.{level}]
value = {value}
type = "money"
clause = "{id} TODO"
basis = "assumption"
description = "Placeholder award for {level} distress"
"""

TESTS = '''\
"""{landlord}: the policy's examples as cases, each named by its clause; and the contract."""

from decimal import Decimal

from compsim.testing import decide, scenario
from compsim.testing.contract import PolicyContract


class TestContract(PolicyContract):
    landlord = "{id}"


def test_todo_clause_personal_injury_is_excluded():
    decision = decide("{id}", scenario("[legal]\\npersonal_injury = true"))
    assert decision.excluded
    assert decision.award.total == Decimal("0.00")
'''

CONFTEST = '''\
"""CI=true runs hypothesis derandomized, so a CI result can be reproduced; see compsim.testing."""

from compsim.testing import load_hypothesis_profile

load_hypothesis_profile()
'''

README = """\
# compsim-{id}: {landlord}

TODO: the policy document encoded, its version and date.

## Readings

TODO: each clause that carries a number, threshold, time limit or route, and how compsim
reads it.

## Assumption parameters

TODO: every parameter with basis "assumption", and why.

## Where the policy is silent

TODO
"""


def taken_names() -> set[str]:
    """Policy ids already installed (entry points) or shipped in this checkout's plugins/."""
    from importlib.metadata import entry_points

    from compsim.plugins import ENTRY_POINT_GROUP

    names = {entry_point.name for entry_point in entry_points(group=ENTRY_POINT_GROUP)}
    shipped = Path(__file__).resolve().parents[2] / "plugins"
    if shipped.is_dir():
        names |= {p.name for p in shipped.iterdir() if (p / "pyproject.toml").exists()}
    return names


def refuse_taken_name(name: str) -> None:
    """A new plugin may not take the name of an installed or shipped one: installing it would
    replace the real policy."""
    if name in taken_names():
        raise CompsimError(
            f"new-plugin {name!r}: a policy of that name is already installed or shipped "
            "with compsim; choose another name (compsim plugins lists them)"
        )


def create_plugin(name: str, landlord: str, directory: Path) -> Path:
    """Write plugins/NAME/ and return its path. Refuses to overwrite anything."""
    if not NAME_PATTERN.fullmatch(name):
        raise CompsimError(
            f"new-plugin {name!r}: expected a name of lower-case letters and "
            "digits starting with a letter, such as 'northwick'"
        )
    root = directory / name
    if root.exists():
        raise CompsimError(f"{root}: already exists; choose another name or remove it")
    values = {
        "none": "0.00",
        "minimal": "50.00",
        "moderate": "100.00",
        "considerable": "250.00",
        "severe": "500.00",
    }
    fields = {"id": name, "landlord": landlord}
    levels = "".join(
        PARAM_ENTRY.format(level=level, value=value, id=name) for level, value in values.items()
    )
    files = {
        "pyproject.toml": PYPROJECT.format(**fields),
        "README.md": README.format(**fields),
        f"src/compsim_{name}/__init__.py": f'"""compsim policy plugin for {landlord}."""\n',
        f"src/compsim_{name}/plugin.py": PLUGIN.format(**fields),
        f"src/compsim_{name}/params.toml": PARAMS.format(levels=levels, **fields),
        f"tests/test_{name}_policy.py": TESTS.format(**fields),
        "tests/conftest.py": CONFTEST,
    }
    # written in a staging folder beside it, then renamed: never a half-written plugin
    staging = directory / f".{name}.tmp"
    try:
        shutil.rmtree(staging, ignore_errors=True)
        for relative, text in files.items():
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        staging.rename(root)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise CompsimError(f"{root}: cannot write: {error.strerror or error}") from None
    return root
