"""Command line: `python -m generator validate | readiness | diff | check-pr | codeowners | schema | publish`.

Exit codes: 0 success (for validate: the data is valid, warnings allowed), 1 the data has errors, 2 the
command was used wrongly.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from generator.as_of import AsOfError, resolve_as_of
from generator.cli.remembered_reports import RememberedReport
from generator.load.problems import DataError, Problem, Severity, format_github, format_text, suggest
from generator.load.record_cache import ChangedWhileCheckedError
from generator.records.json_schema import SCHEMA_DIRECTORY, write_schemas
from generator.reports.validation import CheckedData, check_data, validate_path
from generator.review.codeowners import CODEOWNERS_FILE, repository_codeowners
from generator.review.git_changes import GitError, changed_paths, repository_root, resolve_commit

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


# The commands other than publish. Publish's options take their defaults from the release, link-check and
# release-verification modules, a tenth of a second to import: a command line naming another command (validate,
# a partner's feedback) is parsed without them.
_LIGHT_COMMANDS = frozenset({"validate", "readiness", "diff", "check-pr", "codeowners", "schema"})


def build_parser(with_publish: bool = True) -> argparse.ArgumentParser:
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
    validate.add_argument(
        "--base",
        metavar="GIT_REF",
        help="the commit a pull request targets: of two colliding records, the one it adds or changes is blamed",
    )
    readiness = commands.add_parser(
        "readiness",
        help="what a partner meets and still lacks for each badge and the next tier",
        description="For each badge and the next tier: every criterion, met or missing, with its exact threshold.",
    )
    readiness.add_argument("partner", metavar="PARTNER", help="the partner's id, e.g. acme-cloudworks")
    _add_data_options(readiness)
    diff = commands.add_parser(
        "diff",
        help="the trust impact of the working tree against a git commit",
        description="Compare every badge, grade and tier decided from the data at a base commit with those "
        "decided from the working tree, as of the same date.",
    )
    diff.add_argument("--base", required=True, metavar="GIT_REF", help="the commit to compare with, e.g. main")
    diff.add_argument(
        "--format",
        choices=("text", "markdown"),
        default="text",
        help="text (default), or markdown for a pull-request comment",
    )
    _add_data_options(diff)
    check_pr = commands.add_parser(
        "check-pr",
        help="check that a pull request's author may change every file it changes",
        description="A partner's directory may be changed only by the GitHub handles in its profile's "
        "'editors' (as at the base commit); the rest of the repository only by the maintainers that the "
        "base's data/program/repository.yaml names.",
    )
    check_pr.add_argument("--base", required=True, metavar="GIT_REF", help="the commit the pull request targets")
    check_pr.add_argument("--author", required=True, metavar="HANDLE", help="the pull request author's GitHub handle")
    check_pr.add_argument(
        "--maintainer",
        action="append",
        default=[],
        metavar="HANDLE",
        help="a maintainer's GitHub handle, who may change anything (repeat for each)",
    )
    check_pr.add_argument(
        "--data", type=Path, default=Path("data"), metavar="DIR", help="the data directory (default: data)"
    )
    check_pr.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="text for people (default); github for workflow annotations",
    )
    codeowners = commands.add_parser(
        "codeowners",
        help="write .github/CODEOWNERS from the maintainers and each partner's editors",
        description="Write the CODEOWNERS file that mirrors check-pr's rules (commit the result).",
    )
    codeowners.add_argument(
        "--data", type=Path, default=Path("data"), metavar="DIR", help="the data directory (default: data)"
    )
    codeowners.add_argument(
        "--output",
        type=Path,
        default=CODEOWNERS_FILE,
        metavar="FILE",
        help=f"where to write it (default: {CODEOWNERS_FILE.as_posix()})",
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
    if with_publish:
        from generator.cli.publish import add_publish_parser

        add_publish_parser(commands)
    return parser


def _add_data_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data", type=Path, default=Path("data"), metavar="DIR", help="the data directory (default: data)"
    )
    parser.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="judge dates as of this day (default: SOURCE_DATE_EPOCH, else today in UTC)",
    )


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None) -> int:
    """Run the command line; the exit code."""
    out = stdout or sys.stdout
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(with_publish=not arguments or arguments[0] not in _LIGHT_COMMANDS)
    args = parser.parse_args(arguments)
    if args.command == "schema":
        # Imported here, like the build behind `publish`: validate, a partner's feedback, starts without them.
        from generator.site.api_documents import write_api_schemas

        for path in [*write_schemas(args.output), *write_api_schemas(args.output / "api")]:
            out.write(f"wrote {path.as_posix()}\n")
        return EXIT_OK
    if args.command == "check-pr":
        return run_check_pr(args, out, parser)
    if args.command == "codeowners":
        return run_codeowners(args.data, args.output, out, parser)
    if args.command == "publish":
        from generator.cli.publish import run_publish

        return run_publish(args, out, parser)
    try:
        as_of = resolve_as_of(args.as_of)
    except AsOfError as exc:
        parser.error(f"--as-of: {exc}")
    if args.command == "readiness":
        return run_readiness(args.data, args.partner, as_of, out, parser)
    if args.command == "diff":
        return run_diff(args.data, args.base, as_of, args.format, out, parser)
    missing = [path for path in args.paths if not path.exists()]
    if missing:
        parser.error(f"no such file or directory: {missing[0]}")
    newcomers = _newcomers(args.paths, args.base, parser) if args.base else frozenset()
    # A pull request's report depends on git's view of the files too: only a plain validate is remembered.
    remembered = None if args.base else RememberedReport.open(args.paths, args.format, as_of)
    told = remembered.told() if remembered is not None else None
    if told is not None:
        out.write(told[0])
        return told[1]
    report = io.StringIO()
    with remembered.watching() if remembered is not None else contextlib.nullcontext():
        status = _validate(args.paths, as_of, args.format, newcomers, report)
    out.write(report.getvalue())
    if status == _CHANGED_WHILE_CHECKED:
        return EXIT_INVALID
    if remembered is not None:
        remembered.keep(report.getvalue(), status)
    return status


# What _validate returns when a file changed while it was checked (the command's status is EXIT_INVALID).
_CHANGED_WHILE_CHECKED = -1


def _validate(
    paths: Sequence[Path], as_of: dt.date, report_format: str, newcomers: frozenset[Path], out: TextIO
) -> int:
    """Validate `paths` and write the report to `out`; the exit status."""
    problems: list[Problem] = []
    counted: list[str] = []
    for path in paths:
        try:
            found, summary = validate_path(path, as_of, newcomers)
        except ChangedWhileCheckedError as error:
            sys.stderr.write(f"{error}\n")
            return _CHANGED_WHILE_CHECKED
        problems += found
        counted.append(summary)
    formatter = format_github if report_format == "github" else format_text
    if problems:
        out.write(formatter(problems))
    errors = any(problem.severity is Severity.ERROR for problem in problems)
    if not errors:
        out.write(f"ok: {'; '.join(counted)}, as of {as_of.isoformat()}\n")
    return EXIT_INVALID if errors else EXIT_OK


def _newcomers(paths: Sequence[Path], base: str, parser: argparse.ArgumentParser) -> frozenset[Path]:
    """The files the work tree adds or changes against `base`, resolved."""
    try:
        top = repository_root(paths[0] if paths[0].is_dir() else paths[0].parent)
        changed = changed_paths(top, resolve_commit(top, base))
    except GitError as exc:
        parser.error(str(exc))
    return frozenset((top / path).resolve() for path in changed)


def _load_valid(data: Path, as_of: dt.date, out: TextIO, parser: argparse.ArgumentParser) -> CheckedData | None:
    """A valid data directory, checked and judged; None (report printed) when it has errors."""
    if not data.is_dir():
        parser.error(f"no such data directory: {data}")
    checked = check_data(data, as_of)
    if checked.evaluation is None:
        out.write(format_text(checked.problems))
        return None
    return checked


def run_readiness(data: Path, partner: str, as_of: dt.date, out: TextIO, parser: argparse.ArgumentParser) -> int:
    """Print one partner's readiness report."""
    # Imported by the commands that use them, as publish's are: validate starts without them.
    from generator.reports.readiness import readiness_report

    checked = _load_valid(data, as_of, out, parser)
    if checked is None or checked.policy is None or checked.evaluation is None:
        return EXIT_INVALID
    catalog = checked.catalog
    if partner not in catalog.partners:
        hint = suggest(partner, catalog.partners)
        parser.error(f"no partner '{partner}' in {data}" + (f"; {hint}" if hint else ""))
    out.write(readiness_report(catalog, checked.policy, checked.evaluation, partner))
    return EXIT_OK


def run_diff(
    data: Path, ref: str, as_of: dt.date, output_format: str, out: TextIO, parser: argparse.ArgumentParser
) -> int:
    """Print the trust impact of the working tree's data against the data at git `ref`."""
    from generator.checks.catalog import check_records
    from generator.load.catalog import load_frozen_records
    from generator.policy.decision_cache import evaluate_beside
    from generator.process_memory import long_lived
    from generator.reports.trust_diff import (
        BaseTreeError,
        export_base_data,
        format_changes_markdown,
        format_changes_text,
        trust_changes,
    )

    head = _load_valid(data, as_of, out, parser)
    if head is None or head.policy is None or head.evaluation is None:
        return EXIT_INVALID
    head_catalog, head_policy = head.catalog, head.policy
    with tempfile.TemporaryDirectory(prefix="trust-pages-base-") as scratch:
        try:
            base_data = export_base_data(data, ref, Path(scratch))
        except BaseTreeError as exc:
            parser.error(str(exc))
        # The base may predate rules the head enforces: judge whatever of it loads, under its own policy. A base
        # partner whose files, policy and date are the head's has the head's decisions.
        base_catalog, _ = check_records(load_frozen_records(base_data), as_of)
        base_policy = base_catalog.policy.record if base_catalog.policy else head_policy
        with long_lived():
            base_evaluation = evaluate_beside(
                base_catalog, base_policy, as_of, (head_catalog, head_policy, head.evaluation)
            )
        changes = trust_changes(
            (base_catalog, base_policy, base_evaluation),
            (head_catalog, head_policy, head.evaluation),
        )
    formatter = format_changes_markdown if output_format == "markdown" else format_changes_text
    out.write(formatter(changes, ref))
    return EXIT_OK


def run_check_pr(args: argparse.Namespace, out: TextIO, parser: argparse.ArgumentParser) -> int:
    """Print what the author may not change; exit 1 if anything."""
    from generator.review.ownership import ownership_problems

    if not args.data.is_dir():
        parser.error(f"no such data directory: {args.data}")
    try:
        problems = list(ownership_problems(args.data, args.base, args.author, frozenset(args.maintainer)))
    except GitError as exc:
        parser.error(str(exc))
    if problems:
        out.write((format_github if args.format == "github" else format_text)(problems))
        return EXIT_INVALID
    out.write(f"ok: '{args.author}' may change every file this change touches\n")
    return EXIT_OK


def run_codeowners(data: Path, output: Path, out: TextIO, parser: argparse.ArgumentParser) -> int:
    """Write the CODEOWNERS file; exit 1 with the report when the records do not load."""
    if not data.is_dir():
        parser.error(f"no such data directory: {data}")
    try:
        text = repository_codeowners(Path.cwd(), data)
    except DataError as error:
        out.write(format_text(error.problems))
        return EXIT_INVALID
    except ValueError:
        parser.error(f"{data} is not inside the working directory")
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    out.write(f"wrote {output.as_posix()}\n")
    return EXIT_OK
