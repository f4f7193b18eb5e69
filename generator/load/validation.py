"""Loaded documents → records, with every validation error located in its file."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from generator.load.hints import hint_for
from generator.load.problems import Problem, suggest
from generator.load.scalars import describe_value
from generator.load.yaml_nodes import Data, Document, MappingNode, Node, PathPart, ScalarNode, SequenceNode
from generator.records.fields import Record
from generator.records.json_schema import OmitNullsSchemaGenerator

R = TypeVar("R", bound=Record)

_EXPECTED_TYPE = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "a list",
    "tuple_type": "a list",
    "dict_type": "a mapping of fields",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
    "date_type": "a date written YYYY-MM-DD",
    "enum": None,
}


def validate_document(document: Document, model: type[R]) -> tuple[R | None, list[Problem]]:
    """The record a document holds, or None with every problem found in it."""
    problems = list(_empty_values(document))
    # Validate the rest as if the empty fields were left out, so one run reports everything.
    reported = {problem.field_path for problem in problems}
    try:
        record = model.model_validate_json(json.dumps(_data_without_nulls(document.root)), strict=True)
    except ValidationError as exc:
        schema = model.model_json_schema(schema_generator=OmitNullsSchemaGenerator)
        errors = _drop_echoes(exc.errors(include_url=False))
        located = (_locate_error(error, document, schema) for error in errors)
        problems.extend(p for p in located if not (p.code == "missing-key" and _missing_path(p) in reported))
        return None, problems
    return (record, []) if not problems else (None, problems)


def _missing_path(problem: Problem) -> str:
    name = problem.message.split("'")[1]
    return f"{problem.field_path}.{name}" if problem.field_path else name


def _data_without_nulls(node: Node) -> Data:
    """The node tree as plain data, in one pass, leaving out the empty values (reported on their own)."""
    if isinstance(node, ScalarNode):
        return node.value
    if isinstance(node, SequenceNode):
        return [_data_without_nulls(item) for item in node.items if not _is_null(item)]
    return {key: _data_without_nulls(value) for key, (_, value) in node.entries.items() if not _is_null(value)}


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.value is None


def _empty_values(document: Document) -> Iterator[Problem]:
    """Fields given with no value: YAML reads them as null, which no field accepts."""
    stack: list[tuple[Node, tuple[PathPart, ...]]] = [(document.root, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, MappingNode):
            for key, (key_node, value) in reversed(node.entries.items()):
                if isinstance(value, ScalarNode) and value.value is None:
                    yield Problem(
                        "empty-value",
                        f"{key}: expected a value (got nothing)",
                        document.locate(key_node),
                        field_path=field_path((*path, key)),
                        hint="give a value, or delete the line if the field does not apply",
                    )
                else:
                    stack.append((value, (*path, key)))
        elif isinstance(node, SequenceNode):
            for index, item in reversed(list(enumerate(node.items))):
                if isinstance(item, ScalarNode) and item.value is None:
                    yield Problem(
                        "empty-value",
                        "expected a value (got an empty list item)",
                        document.locate(item),
                        field_path=field_path((*path, index)),
                        hint="delete the empty '-' line",
                    )
                else:
                    stack.append((item, (*path, index)))


def field_path(parts: tuple[PathPart, ...]) -> str:
    """'apps.acme-sync.vulnerability_scans[0].result' from its parts."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text or "(the whole record)"


def _document_path(loc: tuple[PathPart, ...], document: Document) -> tuple[PathPart, ...]:
    """A pydantic error location as a path in the document: without the tags of tagged unions."""
    path: list[PathPart] = []
    for part in loc:
        node = document.find(tuple(path))[0]
        # A tagged union (the policy's rules) adds the chosen member's tag to the location.
        if isinstance(node, MappingNode) and isinstance(part, str) and part not in node.entries:
            tag = node.entries.get(DISCRIMINATOR)
            if tag is not None and isinstance(tag[1], ScalarNode) and tag[1].value == part:
                continue
        path.append(part)
    return tuple(path)


def _locate_error(error: ErrorDetails, document: Document, schema: Mapping[str, Any]) -> Problem:
    loc = _document_path(tuple(error["loc"]), document)
    kind = error["type"]
    ctx = error.get("ctx", {})
    got = error.get("input")
    key_error = bool(loc) and loc[-1] == "[key]"
    path = loc[:-1] if key_error else loc
    if kind == "union_tag_not_found":
        kind, path = "missing", (*path, DISCRIMINATOR)
    elif kind == "union_tag_invalid":
        path = (*path, DISCRIMINATOR)
        got = ctx.get("tag")
    elif kind == "duplicate-item" and "index" in ctx:
        path = (*path, int(ctx["index"]))
    node, key_node, matched = document.find(path)
    name = _field_name(path)
    at = field_path(path)

    if kind == "missing":
        parent, parent_key, _ = document.find(path[:-1])
        return Problem(
            "missing-key",
            f"missing required field '{name}'",
            document.locate(parent_key or parent),
            field_path=field_path(path[:-1]) if len(path) > 1 else None,
            hint=f"add '{name}:' with its value",
        )
    if kind == "extra_forbidden":
        allowed = sorted(_schema_at(schema, path[:-1]).get("properties", {}))
        hint = suggest(name, allowed) or ("allowed fields: " + ", ".join(allowed) if allowed else None)
        where = key_node if key_node is not None and matched == len(path) else node
        return Problem("unknown-key", f"unknown field '{name}'", document.locate(where), field_path=at, hint=hint)

    location = document.locate(key_node if key_error and key_node is not None else node)
    if kind in ("enum", "union_tag_invalid"):
        choices = _choices(schema, path, ctx)
        hint = suggest(str(got), choices) if isinstance(got, str) else None
        message = f"{name} must be one of {', '.join(choices)} (got {describe_value(got)})"
        return Problem("not-one-of", message, location, field_path=at, hint=hint)
    if kind in _EXPECTED_TYPE:
        hint = "remove the quotes" if isinstance(got, str) and _looks_like_number(got) else None
        if kind == "string_type" and isinstance(got, (int, float, bool)):
            hint = f'put it in quotes ("{describe_value(got).rsplit(" ", 1)[-1]}") to make it text'
        message = f"{name}: expected {_EXPECTED_TYPE[kind]} (got {describe_value(got)})"
        return Problem("wrong-type", message, location, field_path=at, hint=hint)
    if kind in ("too_short", "too_long"):
        bound = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
        items = "item" if bound == 1 else "items"
        side = "at least" if kind == "too_short" else "at most"
        message = f"{name}: expected {side} {bound} {items} (got {ctx.get('actual_length')})"
        return Problem("wrong-length", message, location, field_path=at)
    if kind in _SIGNS:
        limit = next(iter(ctx.values()), "?")
        shown = f"{limit:g}" if isinstance(limit, float) else str(limit)
        message = f"{name}: expected a number {_SIGNS[kind]} {shown} (got {describe_value(got)})"
        return Problem("out-of-range", message, location, field_path=at)
    # Our own checks raise errors whose type is already a stable kebab-case code.
    code = kind if "-" in kind else "invalid"
    return Problem(code, f"{name}: {error['msg']}", location, field_path=at, hint=hint_for(code, got))


_SIGNS = {"greater_than_equal": "≥", "less_than_equal": "≤", "greater_than": ">", "less_than": "<"}
DISCRIMINATOR = "rule"


def _choices(schema: Mapping[str, Any], path: tuple[PathPart, ...], ctx: Mapping[str, Any]) -> list[str]:
    if "expected_tags" in ctx:
        return [tag.strip().strip("'") for tag in str(ctx["expected_tags"]).split(",")]
    return [str(choice) for choice in _schema_at(schema, path).get("enum", [])]


def _drop_echoes(errors: list[ErrorDetails]) -> list[ErrorDetails]:
    """Leave out a list's "too short" when its items have errors: the bad items were not counted."""
    locs = [tuple(error["loc"]) for error in errors]
    return [
        error
        for error, loc in zip(errors, locs, strict=True)
        if not (error["type"] == "too_short" and any(other[: len(loc)] == loc and other != loc for other in locs))
    ]


def _field_name(path: tuple[PathPart, ...]) -> str:
    """The last field named in a path, with the list positions after it: 'hosting[0]'."""
    indices = ""
    for part in reversed(path):
        if isinstance(part, int):
            indices = f"[{part}]{indices}"
        else:
            return f"{part}{indices}"
    return f"record{indices}"


def _schema_at(schema: Mapping[str, Any], path: tuple[PathPart, ...]) -> Mapping[str, Any]:
    """The sub-schema that applies at `path`, following $ref, properties, items and maps."""
    defs = schema.get("$defs", {})
    current: Mapping[str, Any] = schema
    for part in (*path, None):
        while "$ref" in current or "anyOf" in current:
            if "$ref" in current:
                current = defs.get(str(current["$ref"]).rsplit("/", 1)[-1], {})
            else:
                current = next((s for s in current["anyOf"] if s.get("type") != "null"), {})
        if part is None:
            break
        if isinstance(part, int):
            current = current.get("items", {})
        elif part in current.get("properties", {}):
            current = current["properties"][part]
        elif current.get("patternProperties"):
            current = next(iter(current["patternProperties"].values()))
        else:
            current = current.get("additionalProperties") or {}
    return current


def _looks_like_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
