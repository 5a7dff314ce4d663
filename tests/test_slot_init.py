"""stores_through_slots: the models' cheaper __init__ builds exactly what attrs' would."""

import inspect

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from compsim import models
from compsim.slot_init import stores_through_slots


def shapes():
    """The same class twice: one with attrs' __init__, one with ours."""

    def make():
        @attrs.frozen
        class Mixed:
            first: int
            second: str = "two"
            third: tuple = attrs.field(factory=tuple)
            fourth: list = attrs.field(factory=list, kw_only=True)
            fifth: int = attrs.field(default=5, kw_only=True)
            _private: int = 0

        return Mixed

    return make(), stores_through_slots(make())


PLAIN, OURS = shapes()


def test_the_signature_is_attrs_own():
    # names, kinds and defaults as attrs gives them; a factory's default shows as NOTHING
    ours, theirs = inspect.signature(OURS.__init__), inspect.signature(PLAIN.__init__)
    assert [(p.name, p.kind) for p in ours.parameters.values()] == [
        (p.name, p.kind) for p in theirs.parameters.values()
    ]
    for name, theirs_parameter in theirs.parameters.items():
        assert repr(ours.parameters[name].default) == repr(theirs_parameter.default), name
    assert ours.parameters["second"].default == "two" and ours.parameters["private"].default == 0


@given(
    first=st.integers(),
    second=st.none() | st.text(max_size=3),
    third=st.none() | st.tuples(st.integers()),
    fourth=st.none() | st.lists(st.integers(), max_size=2),
    fifth=st.none() | st.integers(),
    private=st.none() | st.integers(),
)
def test_any_call_builds_the_same_object(first, second, third, fourth, fifth, private):
    given_args = {
        "second": second,
        "third": third,
        "fourth": fourth,
        "fifth": fifth,
        "private": private,
    }
    kwargs = {name: value for name, value in given_args.items() if value is not None}
    ours, theirs = OURS(first, **kwargs), PLAIN(first, **kwargs)
    assert attrs.asdict(ours) == attrs.asdict(theirs)


def test_factories_give_each_object_its_own_value():
    one, two = OURS(1), OURS(2)
    assert one.fourth == [] and one.fourth is not two.fourth


def test_it_stays_frozen_and_evolve_still_works():
    item = OURS(1)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        item.first = 2  # type: ignore[misc]
    assert attrs.evolve(item, first=3, fifth=6) == OURS(3, fifth=6)


def test_missing_and_unknown_arguments_fail_as_with_attrs():
    for cls in (OURS, PLAIN):
        with pytest.raises(TypeError):
            cls()
        with pytest.raises(TypeError):
            cls(1, nonsense=2)


def test_what_it_cannot_reproduce_is_refused_when_the_class_is_defined():
    @attrs.frozen
    class Validated:
        value: int = attrs.field(validator=attrs.validators.instance_of(int))

    @attrs.frozen
    class PostInit:
        value: int

        def __attrs_post_init__(self):
            pass

    @attrs.frozen(slots=False)
    class NoSlots:
        value: int

    @attrs.frozen
    class NotInInit:
        value: int = attrs.field(init=False, default=0)

    for cls in (Validated, PostInit, NoSlots, NotInInit):
        with pytest.raises(TypeError):
            stores_through_slots(cls)


def test_the_hot_models_use_it():
    # the models a caseload builds for every case (Decision, its parts, the scenario's tables)
    for name in ("Decision", "Note", "Exclusion", "Award", "SettlementPart", "Scenario", "Failure"):
        assert "stores_through_slots" in getattr(models, name).__init__.__code__.co_filename
