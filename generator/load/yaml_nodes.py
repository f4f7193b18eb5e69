"""The located node tree a YAML document becomes: every scalar, mapping and list with its span in the file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from generator.load.problems import Location
from generator.load.scalars import Scalar

# What a loaded document becomes: JSON-compatible data.
Data = Scalar | list["Data"] | dict[str, "Data"]


class Span(NamedTuple):
    """Where a node starts and ends in its file: 0-based line and column, as the parser counts.

    A named tuple rather than a frozen dataclass: one is made for every node of every file, and a tuple is made
    several times faster.
    """

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass
class ScalarNode:
    value: Scalar
    span: Span
    plain: bool = True


@dataclass
class MappingNode:
    span: Span
    # key text -> (key node, value node), in file order.
    entries: dict[str, tuple[ScalarNode, Node]] = field(default_factory=dict)


@dataclass
class SequenceNode:
    span: Span
    items: list[Node] = field(default_factory=list)


Node = ScalarNode | MappingNode | SequenceNode
PathPart = str | int


@dataclass(frozen=True)
class Document:
    """A loaded file: its node tree and its lines, to point into."""

    path: Path
    # The file's lines and node tree, or how to make them: a document restored from the record cache
    # (load/record_cache.py) reads its file again only when a problem must point into it.
    source: tuple[str, ...] | Callable[[], tuple[str, ...]]
    tree: Node | Callable[[], Node]
    # The lines that open the file, before the first that is neither blank nor a comment (what editors read a
    # modeline from), when known without the others.
    opening: tuple[str, ...] | None = None

    @property
    def lines(self) -> tuple[str, ...]:
        """The file's lines, as problems quote them."""
        source = self.source
        if callable(source):
            source = source()
            object.__setattr__(self, "source", source)
        return source

    @property
    def root(self) -> Node:
        """The document's node tree."""
        tree = self.tree
        if callable(tree):
            tree = tree()
            object.__setattr__(self, "tree", tree)
        return tree

    def opening_lines(self) -> tuple[str, ...]:
        """The blank and comment lines that open the file."""
        return self.opening if self.opening is not None else opening_lines(self.lines)

    def data(self) -> Data:
        """The document as plain JSON-compatible data."""
        return to_data(self.root)

    def locate(self, node: Node) -> Location:
        """The location of a node, underlining it where it fits on one line."""
        return self._location(node.span)

    def _location(self, span: Span) -> Location:
        line_text = self.lines[span.line] if span.line < len(self.lines) else ""
        width = span.end_column - span.column if span.end_line == span.line else len(line_text) - span.column
        return Location(self.path, span.line + 1, span.column + 1, max(1, width), line_text)

    def find(self, path: tuple[PathPart, ...]) -> tuple[Node, ScalarNode | None, int]:
        """The deepest node along `path`, the key node naming it (if any), and how many parts matched."""
        node: Node = self.root
        key_node: ScalarNode | None = None
        for depth, part in enumerate(path):
            if isinstance(node, MappingNode) and isinstance(part, str) and part in node.entries:
                key_node, node = node.entries[part]
            elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.items):
                key_node, node = None, node.items[part]
            else:
                return node, key_node, depth
        return node, key_node, len(path)


def opening_lines(lines: tuple[str, ...]) -> tuple[str, ...]:
    """The lines before the first that is neither blank nor a comment."""
    for number, line in enumerate(lines):
        if line.strip() and not line.lstrip().startswith("#"):
            return lines[:number]
    return lines


def to_data(node: Node) -> Data:
    """Plain data from a node tree (depth is bounded by the loader, so recursion is safe)."""
    if isinstance(node, ScalarNode):
        return node.value
    if isinstance(node, SequenceNode):
        return [to_data(item) for item in node.items]
    return {key: to_data(value) for key, (_, value) in node.entries.items()}
