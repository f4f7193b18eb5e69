"""The Atom feeds' XML: written by hand, byte for byte what feedgenerator's Atom1Feed wrote, hostile text included."""

from __future__ import annotations

import datetime as dt
import html
import types
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import Any, cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.outputs.feeds import UnserializableContentError, atom_feed, entry_id, midnight
from generator.policy.events import EventKind, TrustEvent
from generator.site.model import SiteModel
from generator.site.public_site import PublicSite
from generator.views.page_models import EventView
from generator.views.words import long_date

# Pelican depends on feedgenerator, so it is installed wherever the site builds: the reference the feeds keep to.
feedgenerator = pytest.importorskip("feedgenerator")

ATOM = "{http://www.w3.org/2005/Atom}"
AS_OF = dt.date(2026, 11, 24)
SITE = PublicSite("https://trust.example.com", "mailto:security@trust.example.com")
MODEL = cast(SiteModel, types.SimpleNamespace(as_of=AS_OF))
# Markup, entities, both quotes, a CDATA end, whitespace XML keeps or normalises, and characters beyond ASCII.
HOSTILE = [
    "=Acme <script>alert(1)</script> & Sons",
    "AT&T &amp; &#38; &lt;b&gt;",
    "\"double\" and 'single' quotes, and \"both'",
    "]]> <![CDATA[ x ]]>",
    "line\nfeed\ttab\rreturn",
    "Ünïcødé 名前 🙂 \u200d \x7f \x85",
    "",
]
# The C0 controls XML 1.0 forbids; tab, line feed and carriage return are allowed.
FORBIDDEN = [chr(code) for code in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20))]


class _ReferenceFeed(feedgenerator.Atom1Feed):  # type: ignore[misc]
    def latest_post_date(self) -> dt.datetime:
        updated: dt.datetime = self.feed["updated"]
        return updated


def reference_feed(title: str, subtitle: str, path: str, page: str, events: Sequence[EventView]) -> bytes:
    """The feed as the build wrote it through feedgenerator, until the XML was written by hand."""
    newest = max((view.event.date for view in events), default=AS_OF)
    feed = _ReferenceFeed(
        title=title,
        link=SITE.url_of(page),
        description=subtitle,
        language="en",
        author_name=SITE.name,
        author_link=SITE.url_of(""),
        feed_url=SITE.url_of(path),
        feed_guid=SITE.url_of(path),
        updated=midnight(newest),
    )
    for view in events:
        event = view.event
        feed.add_item(
            title=view.text,
            link=SITE.url_of(view.url),
            description=html.escape(f"{view.text} ({long_date(event.date)})."),
            unique_id=entry_id(event, SITE),
            pubdate=midnight(event.date),
            updateddate=midnight(event.date),
            categories=[str(event.kind)],
        )
    text: str = feed.writeString("utf-8")
    return text.encode()


def _view(text: str, url: str = "apps/acme-sync/", day: dt.date = dt.date(2026, 11, 20)) -> EventView:
    event = TrustEvent(day, "acme", "acme-sync", EventKind.BADGE_EARNED, "soc2")
    return EventView(long_date(day), day.isoformat(), str(event.kind), text, url, "acme", event)


def _both(text: str, url: str = "apps/acme-sync/", page: str = "partners/acme/") -> tuple[Any, Any]:
    """What the hand-written feed and the reference make of `text` as title, subtitle and entry: bytes, or the
    kind of error raised."""
    events = [_view(text, url), _view(f"second {text}", url, dt.date(2025, 1, 2))]
    arguments: dict[str, Any] = {"title": text, "subtitle": text, "path": "feeds/x.atom.xml", "page": page}
    results = []
    for make in (
        lambda: atom_feed(MODEL, SITE, events=events, **arguments),
        lambda: reference_feed(**arguments, events=events),
    ):
        try:
            results.append(make())
        except ValueError as error:
            # Refused, for the one reason either refuses text.
            results.append(ValueError if str(error).startswith("Control characters") else error)
    return results[0], results[1]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_escaped_exactly_as_feedgenerator_escaped_it(text: str) -> None:
    ours, reference = _both(text)
    assert ours == reference
    feed = ET.fromstring(ours)  # noqa: S314 — our own output.
    # The XML parser normalises a carriage return to a line feed; every other character comes back as it was.
    expected = text.replace("\r", "\n")
    if text:
        assert feed.findtext(f"{ATOM}title") == expected
        assert feed.findtext(f"{ATOM}subtitle") == expected
    entry = feed.find(f"{ATOM}entry")
    assert entry is not None
    assert entry.findtext(f"{ATOM}title") == expected
    # The summary is type="html": the sentence escaped as HTML, inside the XML.
    assert entry.findtext(f"{ATOM}summary") == html.escape(f"{expected} (20 November 2026).")
    assert b"<script>" not in ours


def test_noncharacters_xml_forbids_pass_through_as_they_did_through_feedgenerator() -> None:
    # Neither refuses U+FFFE or U+FFFF (the record loader's character checks are where text is judged).
    ours, reference = _both("Acme \ufffe \uffff")
    assert ours == reference


@pytest.mark.parametrize("url", ["apps/ünï cødé/", 'apps/"quoted"/', "apps/a&b<c>/", "apps/'x'/?q=1#f"])
def test_links_are_percent_encoded_and_quoted_as_feedgenerator_did(url: str) -> None:
    ours, reference = _both("Acme", url=url, page=url)
    assert ours == reference


@pytest.mark.parametrize("control", FORBIDDEN, ids=lambda c: f"U+{ord(c):04X}")
def test_a_control_character_xml_forbids_is_refused_as_feedgenerator_refused_it(control: str) -> None:
    assert _both(f"Acme{control}Sync") == (ValueError, ValueError)
    with pytest.raises(UnserializableContentError, match=r"Control characters are not supported in XML 1\.0"):
        atom_feed(MODEL, SITE, title="Acme", subtitle="", path="p", page="", events=[_view(f"A{control}")])


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=40))
def test_any_text_makes_the_bytes_feedgenerator_made(text: str) -> None:
    ours, reference = _both(text)
    assert ours == reference


def test_an_empty_feed_is_dated_as_of_and_its_entries_are_shared_between_feeds() -> None:
    empty = atom_feed(MODEL, SITE, title="Quiet", subtitle="Nothing yet", path="feeds/q.atom.xml", page="", events=[])
    assert empty == reference_feed("Quiet", "Nothing yet", "feeds/q.atom.xml", "", [])
    assert b"<updated>2026-11-24T00:00:00+00:00</updated>" in empty
    views = [_view("Acme Sync earned SOC 2")]
    memo: dict[int, str] = {}
    first = atom_feed(MODEL, SITE, title="A", subtitle="s", path="a", page="", events=views, entries=memo)
    second = atom_feed(MODEL, SITE, title="A", subtitle="s", path="a", page="", events=views, entries=memo)
    assert first == second == reference_feed("A", "s", "a", "", views)
    assert list(memo) == [id(views[0])]
