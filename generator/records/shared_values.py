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
from collections.abc import Callable
from typing import Any, TypeVar

# Longer strings (descriptions, rendered Markdown) are rarely equal: hashing them to look them up would be waste.
LONGEST_SHARED_STRING = 300

_Class = TypeVar("_Class", bound=type)

# The first of each frozenset and date unpickled, by value; the first of each set of field names, by its names.
_canonical: dict[Any, Any] = {}
_name_sets: dict[frozenset[str], set[str]] = {}
# Each compactly pickled class's field names, and a getter of all its fields' values as a tuple.
_fields: dict[type, tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]]]] = {}


def shared(value: Any) -> Any:
    """The one object that stands for `value` when it is a short string, a frozenset or a date; else `value`."""
    kind = type(value)
    if kind is str:
        return sys.intern(value) if len(value) <= LONGEST_SHARED_STRING else value
    if kind is frozenset or kind is dt.date:
        return _canonical.setdefault(value, value)
    return value


def shared_names(names: set[str]) -> set[str]:
    """One set object for every equal set of field names: only for an immutable model's, which no one changes."""
    return _name_sets.setdefault(frozenset(names), names)


def compact_pickle(cls: _Class) -> _Class:
    """Pickle a frozen, slotted dataclass as the tuple of its fields' values, and unpickle it with those values
    `shared`. Applied over `@dataclass(frozen=True, slots=True)`, which would otherwise set both methods."""
    for name, method in (("__getstate__", _state), ("__setstate__", _set_state)):
        setattr(cls, name, method)
    return cls


def _state(self: Any) -> tuple[Any, ...]:
    return _fields_of(type(self))[1](self)


def _set_state(self: Any, state: tuple[Any, ...]) -> None:
    # `shared` written out, with its names bound here: this runs for every object a build unpickles.
    set_field, intern, canonical, date, longest = (
        object.__setattr__,
        sys.intern,
        _canonical,
        dt.date,
        LONGEST_SHARED_STRING,
    )
    names = _fields_of(type(self))[0]
    for name, value in zip(names, state, strict=True):
        kind = type(value)
        if kind is str:
            if len(value) <= longest:
                value = intern(value)
        elif kind is frozenset or kind is date:
            value = canonical.setdefault(value, value)
        set_field(self, name, value)


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
