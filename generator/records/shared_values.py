"""Objects unpickled from the cache share their equal small values, as objects made in one process would.

A build keeps every partner's records, decisions, events and views, each unpickled from an entry of its own
(restored from the cache, or handed back by a worker process). Pickle shares equal values only inside one
entry: the same criterion text, page address, status word, empty set or date comes back as a new object for
every app, tens of megabytes at 10,000 apps. Unpickled through here, a short string is interned, and a
frozenset or a date is the first equal one unpickled; they are immutable, so sharing them changes nothing
else.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import operator
import sys
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

# Longer strings (descriptions, rendered Markdown) are rarely equal: hashing them to look them up would be waste.
LONGEST_SHARED_STRING = 300

_Class = TypeVar("_Class", bound=type)

# The first of each frozenset and date unpickled, by value; the first of each set of field names, by its names.
_canonical: dict[Any, Any] = {}
_name_sets: dict[frozenset[str], set[str]] = {}
# Each compactly pickled class's field names, and a getter of all its fields' values as a tuple.
_fields: dict[type, tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]]]] = {}


def shared_each(values: Iterable[Any]) -> list[Any]:
    """Each value, or the one object that stands for it when it is a short string, a frozenset or a date."""
    intern, canonical, date, longest = sys.intern, _canonical, dt.date, LONGEST_SHARED_STRING
    found = []
    for value in values:
        kind = type(value)
        if kind is str:
            found.append(intern(value) if len(value) <= longest else value)
        elif kind is frozenset or kind is date:
            found.append(canonical.setdefault(value, value))
        else:
            found.append(value)
    return found


def shared_names(names: set[str]) -> set[str]:
    """One set object for every equal set of field names: only for an immutable model's, which no one changes."""
    return _name_sets.setdefault(frozenset(names), names)


def compact_pickle(cls: _Class) -> _Class:
    """Pickle a frozen, slotted dataclass as the tuple of its fields' values, and unpickle it with those values
    shared as `shared_each` shares them. Applied over `@dataclass(frozen=True, slots=True)`, which would
    otherwise set both methods; a subclass with fields of its own is decorated too (its parent's
    `__setstate__` refuses its state)."""
    methods = {"__getstate__": _state, "__setstate__": _state_setter(_fields_of(cls)[0])}
    for name, method in methods.items():
        setattr(cls, name, method)
    return cls


def _state(self: Any) -> tuple[Any, ...]:
    return _fields_of(type(self))[1](self)


def _state_setter(names: tuple[str, ...]) -> Callable[[Any, tuple[Any, ...]], None]:
    """A class's `__setstate__`: `shared_each` written out for each of its fields in turn, for it runs for every
    object a build unpickles (700,000 at 10,000 apps): a loop over the fields took a third longer."""
    values = [f"v{index}" for index in range(len(names))]
    lines = ["def __setstate__(self, state):", f"    ({''.join(f'{value}, ' for value in values)}) = state"]
    for name, value in zip(names, values, strict=True):
        lines += [
            f"    kind = type({value})",
            "    if kind is str:",
            f"        if len({value}) <= longest: {value} = intern({value})",
            "    elif kind is frozenset or kind is date:",
            f"        {value} = canonical.setdefault({value}, {value})",
            f"    set_field(self, {name!r}, {value})",
        ]
    namespace: dict[str, Any] = {
        "set_field": object.__setattr__,
        "intern": sys.intern,
        "canonical": _canonical,
        "date": dt.date,
        "longest": LONGEST_SHARED_STRING,
    }
    exec("\n".join(lines), namespace)  # noqa: S102 (our own code, made from a dataclass's field names)
    setter: Callable[[Any, tuple[Any, ...]], None] = namespace["__setstate__"]
    return setter


def _fields_of(cls: type) -> tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]]]:
    # Looked up by the object's own class: a subclass has fields of its own.
    known = _fields.get(cls)
    if known is None:
        names = tuple(field.name for field in dataclasses.fields(cls))
        known = _fields[cls] = names, _values_getter(names)
    return known


def _values_getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    if len(names) > 1:
        return operator.attrgetter(*names)
    if names:
        getter = operator.attrgetter(names[0])
        return lambda item: (getter(item),)
    return lambda item: ()
