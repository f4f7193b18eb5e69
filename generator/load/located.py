"""A record together with the document it came from, so that later checks can point into the file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from generator.load.problems import Problem, Severity
from generator.load.strict_yaml import load_bytes, load_file
from generator.load.validation import field_path, validate_document
from generator.load.yaml_nodes import Document, PathPart
from generator.records.fields import Record

R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class Located(Generic[R]):
    """A record and the document it came from, to point into."""

    record: R
    document: Document

    def at(
        self,
        path: tuple[PathPart, ...],
        code: str,
        message: str,
        hint: str | None = None,
        severity: Severity = Severity.ERROR,
        on_key: bool = False,
    ) -> Problem:
        """A problem located at the field `path` of this record (or its key), or as near as it exists."""
        node, key_node, matched = self.document.find(path)
        target = node if matched == len(path) and not on_key else (key_node or node)
        return Problem(code, message, self.document.locate(target), severity, field_path(path), hint)


def load_record(path: Path, model: type[R]) -> tuple[Located[R] | None, list[Problem]]:
    """Load and validate one record file."""
    return _validated(*load_file(path), model)


def record_from_bytes(raw: bytes, path: Path, model: type[R]) -> tuple[Located[R] | None, list[Problem]]:
    """Load and validate one record file's bytes, read from `path`."""
    return _validated(*load_bytes(raw, path), model)


def _validated(
    document: Document | None, problems: list[Problem], model: type[R]
) -> tuple[Located[R] | None, list[Problem]]:
    if document is None:
        return None, problems
    record, found = validate_document(document, model)
    if not problems:
        return (Located(record, document) if record is not None else None), found
    # The loader already explained the ambiguous scalars: the model's complaint about the same value is noise.
    explained = {problem.location for problem in problems}
    return None, problems + [problem for problem in found if problem.location not in explained]
