"""A cheaper ``__init__`` for the frozen models built millions of times in a caseload.

attrs gives a frozen class an ``__init__`` that stores each field with
``object.__setattr__`` (frozen classes refuse plain assignment). For a slotted class the same
store can go straight through the field's slot descriptor, which skips the lookup of the
attribute by name: about a quarter cheaper per field, and a caseload stores some two hundred
fields a case. ``stores_through_slots`` replaces attrs' ``__init__`` with one written that way,
with the same signature (names, order, keyword-only fields, defaults and factories). The class
stays frozen: only ``__init__`` changes.

It refuses, when the class is defined, anything it does not reproduce (validators, converters,
fields left out of ``__init__``, ``__attrs_pre_init__`` or ``__attrs_post_init__``, factories
that take self, a class without slots), so a model that grows one of these fails at import,
never silently.
"""

from __future__ import annotations

from types import MemberDescriptorType
from typing import Any, TypeVar

import attrs

T = TypeVar("T")


class _Factory:
    """A factory field's default in the signature: the factory is called. Shown as attrs
    shows it (``NOTHING``)."""

    def __repr__(self) -> str:
        return "NOTHING"


_MISSING = _Factory()


def stores_through_slots(cls: type[T]) -> type[T]:
    """Use on a class made by ``attrs.frozen`` (put this decorator above it)."""
    for hook in ("__attrs_pre_init__", "__attrs_post_init__"):
        if hasattr(cls, hook):
            raise TypeError(f"{cls.__name__}: stores_through_slots does not call {hook}")
    namespace: dict[str, Any] = {"_MISSING": _MISSING}
    positional: list[str] = []
    keyword: list[str] = []
    body: list[str] = []
    for field in attrs.fields(cls):
        if field.validator is not None or field.converter is not None or not field.init:
            raise TypeError(
                f"{cls.__name__}.{field.name}: validators, converters and init=False unsupported"
            )
        slot = _slot(cls, field.name)
        name, store = field.alias, f"_store_{field.name}"
        namespace[store] = slot.__set__
        default = field.default
        if default is attrs.NOTHING:
            parameter = name
        elif isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            if default.takes_self:
                raise TypeError(f"{cls.__name__}.{field.name}: a factory taking self")
            namespace[f"_factory_{field.name}"] = default.factory
            parameter = f"{name}=_MISSING"
            body.append(f"    if {name} is _MISSING:\n        {name} = _factory_{field.name}()")
        else:
            namespace[f"_default_{field.name}"] = default
            parameter = f"{name}=_default_{field.name}"
        (keyword if field.kw_only else positional).append(parameter)
        body.append(f"    {store}(self, {name})")
    signature = ", ".join(["self", *positional, *(["*", *keyword] if keyword else [])])
    source = f"def __init__({signature}):\n" + ("\n".join(body) or "    pass") + "\n"
    exec(compile(source, f"<{cls.__qualname__} stores_through_slots>", "exec"), namespace)
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__doc__ = cls.__init__.__doc__
    cls.__init__ = init  # type: ignore[misc]
    return cls


def _slot(cls: type, name: str) -> Any:
    for klass in cls.__mro__:
        descriptor = klass.__dict__.get(name)
        if isinstance(descriptor, MemberDescriptorType):
            return descriptor
        if descriptor is not None:
            break
    raise TypeError(f"{cls.__name__}.{name}: not a slot (use attrs.frozen, which makes slots)")
