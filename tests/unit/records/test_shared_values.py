"""Unpickled objects share their equal small values, and come back equal to what was pickled."""

from __future__ import annotations

import datetime as dt
import pickle
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.load.strict_yaml import load_file
from generator.load.validation import validate_document
from generator.policy.outcomes import Criterion
from generator.records.partner import App
from generator.records.shared_values import LONGEST_SHARED_STRING, compact_pickle

REPO = Path(__file__).resolve().parents[3]


@compact_pickle
@dataclass(frozen=True, slots=True)
class _Card:
    label: str
    tags: frozenset[str]
    day: dt.date
    note: str = ""


@compact_pickle
@dataclass(frozen=True, slots=True)
class _WideCard(_Card):
    extra: int = 0


@compact_pickle
@dataclass(frozen=True, slots=True)
class _Nothing:
    pass


def _round_trip(value: object) -> object:
    return pickle.loads(pickle.dumps(value, pickle.HIGHEST_PROTOCOL))  # noqa: S301 (our own bytes)


def _card(note: str = "") -> _Card:
    # Built from parts so that no two cards' strings start out as one object.
    return _Card("".join(["Bug bounty ", "participant"]), frozenset({"a", "b"}), dt.date(2026, 3, 1), note)


def test_a_compactly_pickled_dataclass_comes_back_equal() -> None:
    card = _card("a note")
    assert _round_trip(card) == card
    assert _round_trip(_Nothing()) == _Nothing()


def test_equal_short_values_of_separately_unpickled_objects_are_one_object() -> None:
    first, second = _round_trip(_card()), _round_trip(_card())
    assert isinstance(first, _Card)
    assert isinstance(second, _Card)
    assert first.label is second.label
    assert first.tags is second.tags
    assert first.day is second.day


def test_long_strings_are_not_shared() -> None:
    long_note = "x" * (LONGEST_SHARED_STRING + 1)
    first, second = _round_trip(_card(long_note)), _round_trip(_card("".join(["x" * LONGEST_SHARED_STRING, "x"])))
    assert isinstance(first, _Card)
    assert isinstance(second, _Card)
    assert first.note == second.note == long_note
    assert first.note is not second.note


def test_a_subclass_keeps_the_fields_of_its_own() -> None:
    wide = _WideCard("label", frozenset(), dt.date(2026, 1, 1), "note", extra=7)
    assert _round_trip(wide) == wide


def test_the_state_of_another_shape_is_refused() -> None:
    card = _card()
    with pytest.raises(ValueError, match="values to unpack"):
        card.__setstate__(("only a label",))  # type: ignore[attr-defined]


def test_the_engine_and_view_classes_pickle_compactly() -> None:
    criterion = Criterion(rule=None, shortfalls=frozenset(), judged_on=dt.date(2026, 1, 1))  # type: ignore[arg-type]
    assert type(criterion.__getstate__()) is tuple  # type: ignore[attr-defined]
    assert _round_trip(criterion) == criterion


def test_a_record_comes_back_equal_with_its_field_names_shared() -> None:
    path = REPO / "data" / "partners" / "acme-cloudworks" / "apps" / "acme-backup.yaml"
    document, problems = load_file(path)
    assert document is not None
    assert not problems
    app, found = validate_document(document, App)
    assert app is not None
    assert not found
    first, second = _round_trip(app), _round_trip(app)
    assert first == app == second
    assert isinstance(first, App)
    assert isinstance(second, App)
    assert first.model_fields_set == app.model_fields_set
    assert first.model_fields_set is second.model_fields_set
    assert first.model_dump() == app.model_dump()


def test_a_record_of_another_shape_keeps_pydantic_state() -> None:
    # Built without validation and without its defaults: its fields are not the class's, so it is pickled as
    # pydantic pickles it, and comes back as it was.
    partial = App.model_construct(_fields_set={"id"}, id="acme-backup")
    state = partial.__getstate__()
    assert isinstance(state, dict)
    back = _round_trip(partial)
    assert isinstance(back, App)
    assert back.__dict__ == partial.__dict__
    assert back.model_fields_set == {"id"}


def test_a_record_keeps_which_fields_were_given() -> None:
    path = REPO / "data" / "partners" / "acme-cloudworks" / "apps" / "acme-gantt.yaml"
    document, _ = load_file(path)
    assert document is not None
    app, _ = validate_document(document, App)
    assert app is not None
    assert set(App.model_fields) - app.model_fields_set, "this demo app leaves a field to its default"
    back = _round_trip(app)
    assert isinstance(back, App)
    assert back.model_fields_set == app.model_fields_set
    assert back.model_dump(exclude_unset=True) == app.model_dump(exclude_unset=True)
