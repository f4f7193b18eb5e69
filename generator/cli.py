"""Command line: `python -m generator validate [PATH…]`.

Exit codes: 0 the data is valid (warnings allowed), 1 the data has errors, 2 the command was used wrongly.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from generator.asof import AsOfError, resolve_as_of
from generator.catalog import load_catalog, load_record
from generator.layout import APPS, PARTNER_FILE, PARTNERS, PROGRAM, TIMELINE_FILE, VERIFICATIONS
from generator.model import App, Partner, Record, Timeline, Verification
from generator.report import Location, Problem, Severity, format_github, format_text
from generator.schema import SCHEMA_DIRECTORY, write_schemas

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator", description="Trust Pages: check and publish a marketplace's trust data."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate = commands.add_parser(
        "validate",
        help="check data files and report every problem",
        description="Check record files (or whole data directories) and report every problem, "
        "with file, line, column, field and a hint.",
    )
    validate.add_argument(
        "paths",
        nargs="*",
        type=Path,
        default=[Path("data")],
        metavar="PATH",
        help="a data directory, or record files inside one (default: data)",
    )
    validate.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="text for people (default); github for workflow annotations",
    )
    validate.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="judge dates as of this day (default: SOURCE_DATE_EPOCH, else today in UTC)",
    )
    schema = commands.add_parser(
        "schema",
        help="write the JSON Schema files of every record kind",
        description="Write schema/<kind>.schema.json from the record model (commit the result).",
    )
    schema.add_argument(
        "--output",
        type=Path,
        default=SCHEMA_DIRECTORY,
        metavar="DIR",
        help=f"where to write them (default: {SCHEMA_DIRECTORY})",
    )
    return parser


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None) -> int:
    """Run the command line; the exit code."""
    out = stdout or sys.stdout
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "schema":
        for path in write_schemas(args.output):
            out.write(f"wrote {path.as_posix()}\n")
        return EXIT_OK
    try:
        as_of = resolve_as_of(args.as_of)
    except AsOfError as exc:
        parser.error(f"--as-of: {exc}")
    missing = [path for path in args.paths if not path.exists()]
    if missing:
        parser.error(f"no such file or directory: {missing[0]}")
    problems: list[Problem] = []
    counted: list[str] = []
    for path in args.paths:
        found, summary = _validate_path(path, as_of)
        problems += found
        counted.append(summary)
    formatter = format_github if args.format == "github" else format_text
    if problems:
        out.write(formatter(problems))
    errors = any(problem.severity is Severity.ERROR for problem in problems)
    if not errors:
        out.write(f"ok: {'; '.join(counted)}, as of {as_of.isoformat()}\n")
    return EXIT_INVALID if errors else EXIT_OK


def _validate_path(path: Path, as_of_date: dt.date) -> tuple[list[Problem], str]:
    """Problems in a data directory, or in one file checked with the whole data root it sits in."""
    if path.is_dir():
        catalog, problems = load_catalog(path, as_of_date)
        summary = (
            f"{len(catalog.partners)} partners, {len(catalog.apps)} apps, "
            f"{len(catalog.verifications)} verification records checked in {path.as_posix()}"
        )
        return problems, summary
    root = _data_root(path)
    if root is not None:
        _, problems = load_catalog(root, as_of_date)
        target = path.resolve()
        return [
            p for p in problems if p.location is not None and p.location.path.resolve() == target
        ], f"{path.as_posix()} checked"
    model = _model_for(path)
    if model is None:
        return [_unknown_kind(path)], f"{path.as_posix()} not checked"
    _, problems = load_record(path, model)
    return problems, f"{path.as_posix()} checked"


def _data_root(path: Path) -> Path | None:
    """The data directory a record file belongs to: the nearest ancestor holding partners/."""
    for parent in path.resolve().parents:
        if (parent / PARTNERS).is_dir() and path.resolve().is_relative_to(parent):
            return parent
    return None


def _model_for(path: Path) -> type[Record] | None:
    if path.name == PARTNER_FILE:
        return Partner
    if path.parent.name == APPS:
        return App
    if path.parent.name == VERIFICATIONS:
        return Verification
    if path.name == TIMELINE_FILE and path.parent.name == PROGRAM:
        return Timeline
    return None


def _unknown_kind(path: Path) -> Problem:
    msg = "cannot tell what kind of record this is from where it lives"
    hint = "partner.yaml, apps/<app-id>.yaml, verifications/<partner-id>.yaml or program/timeline.yaml"
    return Problem("unexpected-file", msg, Location(path), hint=f"record files are {hint}")
