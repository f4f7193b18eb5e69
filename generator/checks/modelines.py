"""Editor modelines: a record's `# yaml-language-server: $schema=…` comment must point at its own schema.

Editors with YAML support check a file against the schema its modeline names, and say nothing when that
schema cannot be found: a modeline copied from elsewhere with the wrong number of `../` turns the checking
off in silence. The hint gives the path to `schema/` beside the data directory, where the schemas live.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from pathlib import Path

from generator.load.problems import Location, Problem, Severity
from generator.load.yaml_nodes import Document

# Editors read the modeline from any comment line; we look at the comments that open the file.
MODELINE = re.compile(r"#\s*yaml-language-server:\s*\$schema=(?P<target>\S+)")
SCHEMA_DIRECTORY = "schema"
# The paths outside the records that the check looks at, for a run that asks (cli/remembered_reports.py: a
# report told again must not depend on anything it does not watch): the schema directory, and each modeline's
# target with the (resolved) directory of its record, as (directory, target) pairs.
LOOKED_AT: ContextVar[set[tuple[str, str]] | None] = ContextVar("modeline_paths", default=None)


def modeline_problems(data_root: Path, documents: Iterable[tuple[str, Document]]) -> Iterator[Problem]:
    """A warning for each record file, by kind, whose modeline names no file, or another kind's schema."""
    schemas = data_root.resolve().parent / SCHEMA_DIRECTORY
    looked_at = LOOKED_AT.get()
    if looked_at is not None:
        looked_at.add((str(schemas), ""))
    if not schemas.is_dir():
        # A data directory away from its repository (a copy, an export): nothing to point at, nothing to judge.
        return
    for kind, document in documents:
        found = _modeline(document.opening_lines())
        if found is None:
            continue
        number, line, target = found
        expected = schemas / f"{kind}.schema.json"
        directory = document.path.resolve().parent
        if looked_at is not None:
            looked_at.add((str(directory), target))
        named = (directory / target).resolve()
        if named.name == expected.name and named.is_file():
            continue
        right = Path(os.path.relpath(expected, directory)).as_posix()
        column = line.index(target) + 1
        yield Problem(
            "bad-modeline",
            f"the editor modeline points at '{target}', not at the {kind} schema: editors stop checking this file",
            Location(document.path, number, column, len(target), line),
            Severity.WARNING,
            hint=f"write the first line as '# yaml-language-server: $schema={right}'",
        )


def _modeline(lines: Iterable[str]) -> tuple[int, str, str] | None:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if not line.lstrip().startswith("#"):
            return None
        match = MODELINE.search(line)
        if match:
            return number, line, match["target"]
    return None
