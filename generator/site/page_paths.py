"""Every page lands inside the output directory: content-page slugs checked, every output path resolved.

Pelican's own guard is a prefix test on the joined path, so `Slug: ../output-evil/index` passes it (the
output directory `output` is a prefix of `output-evil`). The site's own pages take their paths from
validated ids; the content pages under content/pages/ take theirs from a `Slug:` header (or the file name),
which is checked here before anything is written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
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
    root = output.resolve()
    for path in paths:
        target = (root / path).resolve()
        if PurePosixPath(path).is_absolute() or not target.is_relative_to(root) or target == root:
            yield Problem(
                "path-outside-output",
                f"'{path}' would be written outside the output directory {output.as_posix()}",
                location,
                hint="every page and file of the site is written inside the output directory",
            )


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
