"""Every page lands inside the output directory: content-page slugs checked, every output path guarded.

Pelican's own guard is a prefix test on the joined path, so `Slug: ../output-evil/index` passes it (the
output directory `output` is a prefix of `output-evil`). The site's own pages take their paths from
validated ids; the content pages under content/pages/ take theirs from a `Slug:` header (or the file name),
which is checked here before anything is written.

A build writes over a hundred thousand files, so the guard does not resolve each path (a realpath is an lstat
per component): a plain relative path (no '', '.' or '..' component) lands inside the output unless one of
its components is a symbolic link, and which entries of a directory are links is read once per directory.
Any other path, and any path through a link, is resolved as a whole.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Container, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.load.problems import Location, Problem
from generator.records.fields import SLUG_PATTERN

_SLUG = re.compile(SLUG_PATTERN)
_SLUG_HEADER = re.compile(r"(?i)slug:[ \t]*")

# The first path component of every page and file the site itself writes (a test keeps this list whole):
# a content page with one of these slugs would overwrite the site's own pages or files, or sit among them.
SITE_TOP_LEVEL = frozenset(
    {
        "404.html",
        "index.html",
        "_headers",
        "apps",
        "badges",
        "changes",
        "compare",
        "partners",
        "search",
        "stats",
        "tiers",
        "timeline",
        "api",
        "feeds",
        "schema",
        "pagefind",
        "theme",
        "robots.txt",
        "sitemap.xml",
        "card.svg",
        ".well-known",
    }
)
RESERVED_SLUGS = frozenset(PurePosixPath(name).stem.lstrip(".") for name in SITE_TOP_LEVEL)


@dataclass(frozen=True)
class ContentPage:
    """A content page as Pelican read it: its source file, its slug, and where Pelican would write it."""

    source: Path
    slug: str
    save_as: str


def content_page_problems(pages: Sequence[ContentPage], output: Path) -> list[Problem]:
    """A located problem for every content page whose slug is not a plain, free slug, or whose path leaves `output`."""
    problems: list[Problem] = []
    seen: dict[str, ContentPage] = {}
    for page in sorted(pages, key=lambda p: p.source.as_posix()):
        location = _slug_location(page)
        if not _SLUG.fullmatch(page.slug) or len(page.slug) > 60:
            problems.append(
                Problem(
                    "bad-slug",
                    f"slug must be lowercase letters, digits and single hyphens, like 'how-badges-work' "
                    f"(got {page.slug!r})",
                    location,
                    field_path="Slug",
                    hint="no '/', '..', capitals or other characters: the slug is one directory name",
                )
            )
        elif page.slug in RESERVED_SLUGS:
            problems.append(
                Problem(
                    "reserved-slug",
                    f"slug '{page.slug}' is the name of the site's own pages or files",
                    location,
                    field_path="Slug",
                    hint="choose another slug",
                )
            )
        folded = unicodedata.normalize("NFKC", page.slug).casefold()
        first = seen.setdefault(folded, page)
        if first is not page:
            problems.append(
                Problem(
                    "duplicate-slug",
                    f"slug '{page.slug}' is already the slug of {first.source.as_posix()}, or differs from it "
                    "only in case or in look-alike characters",
                    location,
                    field_path="Slug",
                    hint="give each page its own slug",
                )
            )
        problems += outside_output([page.save_as], output, location)
    return problems


def outside_output(paths: Iterable[str], output: Path, location: Location | None = None) -> Iterator[Problem]:
    """A problem for every relative output path that does not resolve to a place inside `output`."""
    return OutputGuard(output).outside(paths, location)


class OutputGuard:
    """Checks relative output paths against one output directory, reading each directory's links once.

    What it has read of a directory is kept for its lifetime: one build's, whose writes make only regular
    files and directories (a file is renamed into place, never written through a link).
    """

    def __init__(self, output: Path) -> None:
        self.output = output
        self.root = output.resolve()
        self._root = os.fspath(self.root)
        # The names of the symbolic links in each directory, by its path relative to the root ('' for the root).
        self._links: dict[str, Container[str]] = {}
        # The directories found plain and reached through no link: the root ('') first.
        self._plain = {""}

    def outside(self, paths: Iterable[str], location: Location | None = None) -> Iterator[Problem]:
        """A problem for every relative output path that does not resolve to a place inside the output."""
        for path in paths:
            if not self._plainly_inside(path) and not self._resolves_inside(path):
                yield Problem(
                    "path-outside-output",
                    f"'{path}' would be written outside the output directory {self.output.as_posix()}",
                    location,
                    hint="every page and file of the site is written inside the output directory",
                )

    def _plainly_inside(self, path: str) -> bool:
        """Whether `path` is a plain relative path none of whose components is a link (so it lands inside)."""
        if path.startswith("/"):
            return False
        directory, _, name = path.rpartition("/")
        return name not in _NOT_PLAIN and self._plain_directory(directory) and name not in self._links_in(directory)

    def _plain_directory(self, directory: str) -> bool:
        """Whether a directory (relative, without a leading '/') is plain and reached through no link."""
        if directory in self._plain:
            return True
        parent, _, name = directory.rpartition("/")
        plain = name not in _NOT_PLAIN and self._plain_directory(parent) and name not in self._links_in(parent)
        if plain:
            self._plain.add(directory)
        return plain

    def _links_in(self, directory: str) -> Container[str]:
        """The names of the symbolic links in a directory under the root (none when it does not exist yet)."""
        links = self._links.get(directory)
        if links is None:
            try:
                with os.scandir(f"{self._root}/{directory}" if directory else self._root) as entries:
                    links = frozenset(entry.name for entry in entries if entry.is_symlink())
            except (FileNotFoundError, NotADirectoryError):
                links = frozenset()
            except OSError:
                # Unreadable: any of its entries may be a link, so each path through it is resolved.
                links = _EVERY_NAME
            self._links[directory] = links
        return links

    def _resolves_inside(self, path: str) -> bool:
        """Whether `path`, every link and '..' in it followed, lands strictly inside the root."""
        target = (self.root / path).resolve()
        return not PurePosixPath(path).is_absolute() and target.is_relative_to(self.root) and target != self.root


# Components that make a path other than plain: an absolute path or '//' ('') and '.' or '..'.
_NOT_PLAIN = frozenset({"", ".", ".."})


class _EveryName:
    """The links of a directory that cannot be read: any name may be one."""

    def __contains__(self, name: object) -> bool:
        return True


_EVERY_NAME = _EveryName()


def _slug_location(page: ContentPage) -> Location:
    """The `Slug:` header line of a page's source, or the file itself when its slug comes from its name."""
    try:
        lines = page.source.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return Location(page.source)
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            break
        match = _SLUG_HEADER.match(line)
        if match:
            value = line[match.end() :].rstrip()
            return Location(page.source, number, match.end() + 1, max(1, len(value)), line)
    return Location(page.source)
