"""Strict YAML: a located node tree from untrusted bytes, refusing hazards before any object is built."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from generator.load.problems import Location, Problem
from generator.load.scalars import describe_value, resolve_plain
from generator.load.yaml_nodes import Document, MappingNode, Node, ScalarNode, SequenceNode, Span

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 24
# Past this many problems in one file the rest is noise: stop and report what we have.
MAX_PROBLEMS_PER_FILE = 50

# libyaml (the C parser) scans in constant stack and refuses absurd nesting itself; the pure-Python
# parser is the fallback on platforms without it.
_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Invisible characters with no place in trust data. Zero-width joiners stay allowed in text values
# (emoji and some scripts need them); identifiers are ASCII slugs, checked by the model.
_INVISIBLE = frozenset("\u00ad\u180e\u200b\u2060\u2061\u2062\u2063\u2064\ufeff")

# Everything _character_problem names: C0 and C1 controls (tab and stray CR included), DEL, line and
# paragraph separators, bidirectional controls and invisible characters.
_SUSPECT_CHARACTER = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029" + "".join(sorted(_BIDI_CONTROLS | _INVISIBLE)) + "]"
)

_CORE_TAG_PREFIX = "tag:yaml.org,2002:"


def load_file(path: Path) -> tuple[Document | None, list[Problem]]:
    """Load one YAML file strictly; a document, or None with the problems that stopped it."""
    if path.is_symlink():
        problem = Problem(
            "symlink",
            "data files may not be symbolic links",
            Location(path),
            hint="replace the link with the file itself",
        )
        return None, [problem]
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [_too_large(path, size)]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem("unreadable", f"cannot read the file ({exc.strerror})", Location(path))]
    return load_bytes(raw, path)


def _too_large(path: Path, size: int) -> Problem:
    msg = f"file is too large: expected at most {MAX_FILE_BYTES:,} bytes (got {size:,} bytes)"
    return Problem("file-too-large", msg, Location(path), hint="split long text or move it out of the record")


def load_bytes(raw: bytes, path: Path) -> tuple[Document | None, list[Problem]]:
    """Load YAML from bytes; `path` names the file in problems.

    No document when a hazard stopped the reading. A document with problems when only scalars were
    ambiguous (YAML 1.1 booleans, octal or base-60 numbers): it is whole, to be checked further, never used.
    """
    if len(raw) > MAX_FILE_BYTES:
        return None, [_too_large(path, len(raw))]
    text, problem = _decode(raw, path)
    if problem is not None:
        return None, [problem]
    lines = split_lines(text)
    # One search of the whole text clears most files; a hit (or a \r\n line end) is then looked at line by line.
    problems = list(_character_problems(lines, path)) if _SUSPECT_CHARACTER.search(text) else []
    if problems:
        return None, problems
    composer = _Composer(path, lines)
    root = composer.compose(text)
    # Only a scalar's spelling went wrong: the whole tree was built, so the model checks the rest of the file
    # in the same run (the ambiguous scalars stay text, and the problems here explain them).
    recoverable = root is not None and composer.problems == composer.scalar_problems
    if composer.problems and not recoverable:
        return None, composer.problems
    if root is None or (isinstance(root, ScalarNode) and root.value is None):
        return None, [Problem("empty-file", "the file holds no record", Location(path), hint="remove the file")]
    return Document(path, lines, root), composer.problems


def split_lines(text: str) -> tuple[str, ...]:
    """A document's lines, as problems quote them."""
    # YAML breaks lines at \n (and \r\n); any other line or paragraph separator is refused by the loader.
    return tuple(line.removesuffix("\r") for line in text.split("\n")) if "\r" in text else tuple(text.split("\n"))


def decoded_text(raw: bytes) -> str:
    """The text of a file that decoded as UTF-8 (see `load_bytes`), without its byte order mark."""
    return raw.decode("utf-8").removeprefix("\ufeff")


def _decode(raw: bytes, path: Path) -> tuple[str, Problem | None]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        msg = "expected UTF-8 text (got a UTF-16 or UTF-32 byte order mark)"
        return "", Problem("not-utf8", msg, Location(path), hint="save the file as UTF-8")
    try:
        text = decoded_text(raw)
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8", errors="replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        msg = f"expected UTF-8 text (got byte 0x{raw[exc.start]:02x}, which is not valid UTF-8)"
        return "", Problem("not-utf8", msg, Location(path, line, column), hint="save the file as UTF-8")
    return text, None


def _character_problems(lines: tuple[str, ...], path: Path) -> Iterator[Problem]:
    """Tabs, control, bidirectional and invisible characters: one problem per line at the first one."""
    count = 0
    for number, line in enumerate(lines, start=1):
        found = _SUSPECT_CHARACTER.search(line)
        if found is None:
            continue
        code, message, hint = _character_problem(found.group())
        yield Problem(code, message, Location(path, number, found.start() + 1, 1, line), hint=hint)
        count += 1
        if count >= MAX_PROBLEMS_PER_FILE:
            yield _too_many(path, Location(path, number, found.start() + 1, 1, line))
            return


def _character_problem(ch: str) -> tuple[str, str, str]:
    if ch == "\t":
        return (
            "tab",
            "tab character: YAML indentation and our text use spaces only",
            "replace the tab with spaces",
        )
    name = f"U+{ord(ch):04X}"
    if ch in _BIDI_CONTROLS:
        msg = f"bidirectional control character {name} can make text display differently from what it is"
        return "bidi-character", msg, "delete the character"
    if ch in _INVISIBLE:
        return "invisible-character", f"invisible character {name}", "delete the character"
    # A carriage return left in a line is a stray one (old Mac line ends), not part of \r\n.
    return "control-character", f"control character {name}", "delete the character"


class _StopError(Exception):
    """Composition cannot go on (a hazard that would be expensive or meaningless to continue past)."""


@dataclass(slots=True)
class _Open:
    """A collection being composed, and for a mapping the key waiting for its value."""

    node: MappingNode | SequenceNode
    pending_key: ScalarNode | None = None
    # A complex (non-scalar) key is composed, reported and then thrown away.
    skip_value: bool = False
    is_key: bool = False


class _Composer:
    """Builds our node tree from the parser's events, reporting hazards as they arrive."""

    def __init__(self, path: Path, lines: tuple[str, ...]) -> None:
        self.path = path
        self.lines = lines
        self.problems: list[Problem] = []
        # Problems in one scalar's spelling ('yes', '0755'): the tree is whole, so the rest is still checked.
        self.scalar_problems: list[Problem] = []

    def report(self, code: str, message: str, span: Span, hint: str | None = None) -> None:
        line = self.lines[span.line] if span.line < len(self.lines) else ""
        width = span.end_column - span.column if span.end_line == span.line else 1
        location = Location(self.path, span.line + 1, span.column + 1, max(1, width), line)
        self.problems.append(Problem(code, message, location, hint=hint))
        if len(self.problems) >= MAX_PROBLEMS_PER_FILE:
            self.problems.append(_too_many(self.path, location))
            raise _StopError

    def compose(self, text: str) -> Node | None:
        try:
            return self._compose(_events(text))
        except _StopError:
            return None
        except yaml.MarkedYAMLError as exc:
            self._syntax_error(exc)
            return None
        except yaml.YAMLError as exc:
            self.problems.append(Problem("yaml-syntax", f"not valid YAML: {exc}", Location(self.path)))
            return None

    def _syntax_error(self, exc: yaml.MarkedYAMLError) -> None:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "not valid YAML"
        if exc.context:
            problem = f"{exc.context}: {problem}"
        if "maximum nesting depth" in problem:
            self.problems.append(_too_deep(self.path, mark.line if mark else 0, self.lines))
            return
        # At the end of the file (an unclosed quote or bracket) the problem mark points past the last line:
        # the context mark, where the unclosed thing began, is where the partner must look.
        at_end = mark is None or not any(line.strip() for line in self.lines[mark.line :])
        if exc.context_mark is not None and at_end:
            mark = exc.context_mark
        line = mark.line if mark is not None else 0
        column = mark.column if mark is not None else 0
        self.report(
            "yaml-syntax",
            f"not valid YAML: {problem}",
            Span(line, column, line, column + 1),
            hint="check that quotes and brackets are closed and that items line up",
        )

    def _compose(self, events: Iterator[yaml.Event]) -> Node | None:
        stack: list[_Open] = []
        root: Node | None = None
        documents = 0
        # Tens of events per record: the most frequent are tested first.
        for event in events:
            if isinstance(event, yaml.ScalarEvent):
                span = _span(event)
                if event.anchor is not None or event.tag is not None:
                    self._check_node_properties(event, span)
                root = self._attach(stack, self._scalar(event, span), root)
            elif isinstance(event, yaml.CollectionEndEvent):
                closed = stack.pop()
                root = self._attach(stack, closed.node, root, complex_key=closed.is_key)
            elif isinstance(event, yaml.CollectionStartEvent):
                span = _span(event)
                if event.anchor is not None or event.tag is not None:
                    self._check_node_properties(event, span)
                if len(stack) >= MAX_DEPTH:
                    self.problems.append(_too_deep(self.path, span.line, self.lines))
                    raise _StopError
                opened = _Open(MappingNode(span) if isinstance(event, yaml.MappingStartEvent) else SequenceNode(span))
                if stack:
                    parent = stack[-1]
                    opened.is_key = (
                        isinstance(parent.node, MappingNode) and parent.pending_key is None and not parent.skip_value
                    )
                stack.append(opened)
            elif isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                span = _span(event)
                if documents > 1:
                    self.report(
                        "multi-document",
                        "expected one YAML document per file (got a second '---')",
                        span,
                        hint="put each record in a file of its own",
                    )
                    raise _StopError
                if event.version is not None or event.tags:
                    self.report(
                        "directive",
                        "YAML directives (%YAML, %TAG) are not allowed",
                        span,
                        hint="delete the directive line",
                    )
            elif isinstance(event, yaml.AliasEvent):
                span = _span(event)
                self.report(
                    "alias",
                    f"aliases are not allowed (got '*{event.anchor}')",
                    span,
                    hint="write the value out in full",
                )
                root = self._attach(stack, ScalarNode(None, span), root)
        return root

    def _check_node_properties(self, event: yaml.NodeEvent, span: Span) -> None:
        if event.anchor is not None:
            self.report(
                "anchor",
                f"anchors are not allowed (got '&{event.anchor}')",
                span,
                hint="delete the anchor and write each value out in full",
            )
        tag = getattr(event, "tag", None)
        if tag is not None:
            # Show the tag as it was written: PyYAML expands '!!str' to 'tag:yaml.org,2002:str'.
            shown = "!!" + tag.removeprefix(_CORE_TAG_PREFIX) if tag.startswith(_CORE_TAG_PREFIX) else tag
            self.report(
                "tag",
                f"YAML tags are not allowed (got '{shown}')",
                span,
                hint="delete the tag; write the value as plain text, a number, true/false or a date",
            )

    def _attach(self, stack: list[_Open], node: Node, root: Node | None, complex_key: bool = False) -> Node | None:
        if not stack:
            return node
        parent = stack[-1]
        if isinstance(parent.node, SequenceNode):
            parent.node.items.append(node)
        elif parent.skip_value:
            parent.skip_value = False
        elif parent.pending_key is None:
            self._take_key(parent, node, complex_key)
        else:
            key = parent.pending_key
            parent.pending_key = None
            assert isinstance(key.value, str)  # noqa: S101 - _take_key only keeps string keys
            parent.node.entries[key.value] = (key, node)
        return root

    def _take_key(self, parent: _Open, node: Node, complex_key: bool) -> None:
        assert isinstance(parent.node, MappingNode)  # noqa: S101 - only mappings take keys
        if complex_key or not isinstance(node, ScalarNode) or not isinstance(node.value, str):
            got = "a list or mapping" if complex_key else _describe(node)
            self.report(
                "non-string-key",
                f"expected a field name (got {got})",
                node.span,
                hint="field names are plain words such as 'name'",
            )
            parent.skip_value = True
            return
        key = node.value
        if key == "<<" and node.plain:
            self.report(
                "merge-key",
                "merge keys ('<<') are not allowed",
                node.span,
                hint="write every field out in full",
            )
            parent.skip_value = True
            return
        first = parent.node.entries.get(key)
        if first is not None:
            self.report(
                "duplicate-key",
                f"duplicate field '{key}' (first given on line {first[0].span.line + 1})",
                node.span,
                hint="keep one of the two",
            )
            parent.skip_value = True
            return
        parent.pending_key = node

    def _scalar(self, event: yaml.ScalarEvent, span: Span) -> ScalarNode:
        if event.style not in (None, ""):
            return ScalarNode(event.value, span, plain=False)
        value, problem = resolve_plain(event.value)
        if problem is not None:
            code, message, hint = problem
            self.report(code, message, span, hint=hint)
            self.scalar_problems.append(self.problems[-1])
        return ScalarNode(value, span)


def _events(text: str) -> Iterator[yaml.Event]:
    """The parser's events, as yaml.parse gives them, without its two calls per event."""
    parser = _Parser(text)
    try:
        next_event = parser.get_event
        while (event := next_event()) is not None:
            yield event
    finally:
        parser.dispose()


def _span(event: yaml.Event) -> Span:
    start, end = event.start_mark, event.end_mark
    if start is None or end is None:
        return Span(0, 0, 0, 1)
    return Span(start.line, start.column, end.line, end.column)


def _too_many(path: Path, last: Location) -> Problem:
    msg = f"stopped reading after {MAX_PROBLEMS_PER_FILE} problems: the rest of the file was not checked"
    return Problem("too-many-problems", msg, replace(last, width=1), hint="fix these, then validate again")


def _too_deep(path: Path, line: int, lines: tuple[str, ...]) -> Problem:
    text = lines[line] if line < len(lines) else ""
    msg = f"nesting is too deep: expected at most {MAX_DEPTH} levels of lists and mappings"
    return Problem("too-deep", msg, Location(path, line + 1, 1, 1, text), hint="records are a few levels deep")


def _describe(node: Node) -> str:
    return describe_value(node.value) if isinstance(node, ScalarNode) else "a list or mapping"
