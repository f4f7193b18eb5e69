"""Verify a built site before anyone sees it: pages, links and anchors, JSON against its schemas, feeds, size.

Each check returns readable problems; a release with any problem is not published.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from jsonschema import Draft202012Validator

from generator.site import output_paths as paths

# A release may have this share fewer pages than the one published before it, beyond the pages of the
# partners and apps the data removed, before the drop is taken for a broken build.
DEFAULT_MAX_PAGE_DROP = 0.1
ATOM_FEED = "{http://www.w3.org/2005/Atom}feed"
# The attributes that point at another file of the site.
LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "form": "action"}
# JSON files that have a published schema, by path pattern: the schema's path in the release.
SCHEMAS = {
    paths.API_INDEX: "schema/api/index.schema.json",
    f"{paths.API_ROOT}/partners/*.json": "schema/api/partner.schema.json",
    f"{paths.API_ROOT}/apps/*.json": "schema/api/app.schema.json",
}
# How many problems of one check a report names.
SHOWN = 20


@dataclass(frozen=True)
class VerifyLimits:
    """What a release is measured against."""

    # The site's public address without a trailing slash, as the build's absolute links start.
    site_url: str
    max_page_drop: float = DEFAULT_MAX_PAGE_DROP


class _Links(HTMLParser):
    """The ids of a page and the addresses it points at."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        attribute = LINK_ATTRIBUTES.get(tag)
        if attribute and values.get(attribute):
            self.links.append(str(values[attribute]))


@cache
def _parse_html(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def _html_pages(tree: Path) -> list[str]:
    return sorted(path.relative_to(tree).as_posix() for path in tree.rglob("*.html") if path.is_file())


def _page_url(site_url: str, relative: str) -> str:
    """The public address of a written page: 'apps/x/index.html' is served as '<site>/apps/x/'."""
    return f"{site_url}/{relative.removesuffix('index.html')}"


def _target_file(tree: Path, site_url: str, address: str) -> tuple[Path, str] | None:
    """The file an internal address is served from, and its fragment; None for an address of another site."""
    parts = urlsplit(address)
    base = urlsplit(site_url + "/")
    if (parts.scheme, parts.netloc) != (base.scheme, base.netloc) or not parts.path.startswith(base.path):
        return None
    relative = unquote(parts.path[len(base.path) :])
    target = tree / relative
    if relative == "" or relative.endswith("/"):
        target = target / "index.html"
    return target, parts.fragment


def check_links(tree: Path, site_url: str) -> Iterator[str]:
    """Every link, stylesheet, script and image address of every page that stays on the site, and its anchor."""
    _parse_html.cache_clear()
    for relative in _html_pages(tree):
        page = _page_url(site_url, relative)
        for link in _parse_html(tree / relative).links:
            if link.startswith(("mailto:", "tel:", "data:", "javascript:")):
                continue
            found = _target_file(tree, site_url, urljoin(page, link))
            if found is None:
                continue
            target, fragment = found
            if not target.is_file():
                yield f"{relative}: link {link} points to {target.relative_to(tree).as_posix()}, which is missing"
            elif fragment and target.suffix == ".html" and fragment not in _parse_html(target).ids:
                yield f"{relative}: link {link} names #{fragment}, which is no id in {target.relative_to(tree)}"


def check_records_have_pages(tree: Path, site_url: str) -> Iterator[str]:
    """Every partner and app the API lists has its page and its API file."""
    index = tree / paths.API_INDEX
    if not index.is_file():
        yield f"{paths.API_INDEX} is missing"
        return
    document = json.loads(index.read_text(encoding="utf-8"))
    for kind in ("partners", "apps"):
        for entry in document.get(kind, []):
            for field in ("url", "api_url"):
                found = _target_file(tree, site_url, str(entry.get(field, "")))
                if found is None or not found[0].is_file():
                    yield f"{kind[:-1]} {entry.get('id')}: its {field} {entry.get(field)} is not in the build"


def _schema_for(relative: str) -> str | None:
    for pattern, schema in SCHEMAS.items():
        if Path(relative).match(pattern) and relative.count("/") == pattern.count("/"):
            return schema
    return None


def check_json(tree: Path) -> Iterator[str]:
    """Every JSON file parses; every API file validates against the schema published with it."""
    validators: dict[str, Draft202012Validator] = {}
    for path in sorted(tree.rglob("*.json")):
        relative = path.relative_to(tree).as_posix()
        try:
            document: Any = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            yield f"{relative}: not valid JSON ({error})"
            continue
        schema_path = _schema_for(relative)
        if schema_path is None:
            continue
        if schema_path not in validators:
            schema_file = tree / schema_path
            if not schema_file.is_file():
                yield f"{relative}: its schema {schema_path} is not in the build"
                continue
            validators[schema_path] = Draft202012Validator(json.loads(schema_file.read_text(encoding="utf-8")))
        for invalid in validators[schema_path].iter_errors(document):
            where = "/".join(str(part) for part in invalid.absolute_path) or "(the document)"
            yield f"{relative}: at {where}: {invalid.message} (schema {schema_path})"


def check_feeds(tree: Path) -> Iterator[str]:
    """Every feed parses as an Atom feed, and the sitemap as XML."""
    feeds = sorted((tree / "feeds").rglob("*.xml")) if (tree / "feeds").is_dir() else []
    for path in [*feeds, tree / paths.SITEMAP]:
        relative = path.relative_to(tree).as_posix()
        try:
            # Our own build's output, never a document from elsewhere.
            root = ET.parse(path).getroot()  # noqa: S314
        except (OSError, ET.ParseError) as error:
            yield f"{relative}: does not parse ({error})"
            continue
        if path in feeds and root.tag != ATOM_FEED:
            yield f"{relative}: expected an Atom <feed> (got <{root.tag}>)"


def _removed_subject_pages(new: Path, old: Path) -> set[str]:
    """The pages of the old release's partners and apps that the new release's data no longer has."""

    def pages(tree: Path) -> set[str]:
        index = tree / paths.API_INDEX
        if not index.is_file():
            return set()
        document = json.loads(index.read_text(encoding="utf-8"))
        return {f"{kind}/{entry['id']}/" for kind in ("partners", "apps") for entry in document.get(kind, [])}

    return pages(old) - pages(new)


def check_page_count(new: Path, old: Path | None, max_drop: float) -> Iterator[str]:
    """The new release lost no more than `max_drop` of the old one's pages beyond those the data removed."""
    if old is None:
        return
    old_pages, new_pages = set(_html_pages(old)), set(_html_pages(new))
    removed_subjects = _removed_subject_pages(new, old)
    # A removed partner or app takes its page and everything under it (its badges' pages) with it.
    unexplained = sorted(
        page for page in old_pages - new_pages if not any(page.startswith(prefix) for prefix in removed_subjects)
    )
    if old_pages and len(unexplained) > max_drop * len(old_pages):
        shown = ", ".join(unexplained[:SHOWN])
        yield (
            f"{len(unexplained)} of the {len(old_pages)} pages published before are gone, though the data removed "
            f"no partner or app they belong to (at most {max_drop:.0%} may go): {shown}"
        )


def verify_release(tree: Path, limits: VerifyLimits, previous: Path | None) -> list[str]:
    """Every problem that stops `tree` from being published, compared with the `previous` release if any."""
    checks: Iterable[Iterator[str]] = (
        check_records_have_pages(tree, limits.site_url),
        check_links(tree, limits.site_url),
        check_json(tree),
        check_feeds(tree),
        check_page_count(tree, previous, limits.max_page_drop),
    )
    problems: list[str] = []
    for check in checks:
        found = list(check)
        problems += found[:SHOWN]
        if len(found) > SHOWN:
            problems.append(f"… and {len(found) - SHOWN} more of the same kind")
    return problems
