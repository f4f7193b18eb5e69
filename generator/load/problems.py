"""Located problems in data files, and their text and GitHub-annotation formats."""

from __future__ import annotations

import difflib
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Location:
    """A place in a data file: 1-based line and column, and the text of that line."""

    path: Path
    line: int = 0
    column: int = 0
    # How many characters the caret underlines; 1 when the span is unknown.
    width: int = 1
    source_line: str | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, with where it is and what to do."""

    code: str
    message: str
    location: Location | None
    severity: Severity = Severity.ERROR
    field_path: str | None = None
    hint: str | None = None

    def sort_key(self) -> tuple[str, int, int, str]:
        loc = self.location
        if loc is None:
            return ("", 0, 0, self.code)
        return (str(loc.path), loc.line, loc.column, self.code)


class DataError(Exception):
    """Bad input: carries the report to print and the process exit code."""

    def __init__(self, problems: Sequence[Problem], exit_code: int = 1) -> None:
        self.problems = list(problems)
        self.exit_code = exit_code
        super().__init__(summary_line(self.problems))


def suggest(got: str, choices: Iterable[str]) -> str | None:
    """A did-you-mean hint for `got` among `choices`, or None."""
    close = difflib.get_close_matches(got, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


def display_path(path: Path, base: Path | None = None) -> str:
    """The path as a user typed it: relative to `base` (the working directory) where possible."""
    base = base or Path.cwd()
    # absolute(), not resolve(): a symbolic link must be named as itself, not as what it points to.
    try:
        return path.absolute().relative_to(base.absolute()).as_posix()
    except ValueError:
        return path.as_posix()


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in file, line, column order; problems with no place first."""
    return sorted(problems, key=Problem.sort_key)


def format_text(problems: Iterable[Problem], base: Path | None = None) -> str:
    """Compiler-style report: location, code, message, the source line with a caret, field, hint."""
    ordered = sorted_problems(problems)
    blocks = [_format_one(problem, base) for problem in ordered]
    blocks.append(summary_line(ordered))
    return "\n".join(blocks) + "\n"


def _format_one(problem: Problem, base: Path | None) -> str:
    loc = problem.location
    head = f"{problem.severity}[{problem.code}] {problem.message}"
    if loc is None:
        return head
    where = display_path(loc.path, base)
    if loc.line:
        where += f":{loc.line}:{loc.column}"
    lines = [f"{where}: {head}"]
    if loc.source_line is not None and loc.line:
        gutter = " " * len(str(loc.line))
        shown, caret_at = _window(_printable(loc.source_line), loc.column - 1)
        width = min(max(1, loc.width), len(shown) - caret_at) if len(shown) > caret_at else 1
        lines.append(f"  {loc.line} | {shown}")
        lines.append(f"  {gutter} | {' ' * caret_at}{'^' * width}")
    if problem.field_path:
        lines.append(f"   at {problem.field_path}")
    if problem.hint:
        lines.append(f"   hint: {problem.hint}")
    return "\n".join(lines)


_WINDOW = 100


def _window(line: str, column: int) -> tuple[str, int]:
    """At most about 100 characters of a long line around `column`, and where the column lands in them."""
    if len(line) <= _WINDOW:
        return line, column
    start = max(0, min(column - _WINDOW // 2, len(line) - _WINDOW))
    shown = line[start : start + _WINDOW]
    prefix = "…" if start else ""
    suffix = "…" if start + _WINDOW < len(line) else ""
    return prefix + shown + suffix, column - start + len(prefix)


def _printable(line: str) -> str:
    """The source line with invisible and control characters shown as escapes, one cell each."""
    out = []
    for ch in line:
        if ch == "\t":
            out.append("→")
        elif not ch.isprintable():
            out.append("�")
        else:
            out.append(ch)
    return "".join(out)


def summary_line(problems: Sequence[Problem]) -> str:
    """'2 errors, 1 warning in 2 files', or 'no problems'."""
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    warnings = len(problems) - errors
    files = {p.location.path for p in problems if p.location is not None}
    if not problems:
        return "no problems found"
    parts = [plural(errors, "error")]
    if warnings:
        parts.append(plural(warnings, "warning"))
    return f"{', '.join(parts)} in {plural(len(files), 'file')}"


def plural(count: int, noun: str) -> str:
    """'1 file', '2 files'."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def format_github(problems: Iterable[Problem], base: Path | None = None) -> str:
    """GitHub Actions workflow commands: one `::error file=…,line=…,col=…::…` line per problem."""
    ordered = sorted_problems(problems)
    lines = []
    for problem in ordered:
        props = []
        loc = problem.location
        if loc is not None:
            props.append(f"file={_escape_property(display_path(loc.path, base))}")
            if loc.line:
                props.append(f"line={loc.line}")
                props.append(f"col={loc.column}")
        props.append(f"title={_escape_property(problem.code)}")
        text = problem.message
        if problem.field_path:
            text += f" (at {problem.field_path})"
        if problem.hint:
            text += f"; {problem.hint}"
        lines.append(f"::{problem.severity} {','.join(props)}::{_escape_data(text)}")
    lines.append(summary_line(ordered))
    return "\n".join(lines) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
