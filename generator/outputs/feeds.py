"""Atom feeds of trust events: the whole site's newest, and every event of each partner.

Deterministic: an entry is dated its event's day at 00:00 UTC, a feed is as new as its newest entry (or
the as-of date when it has none), and entry ids are tag: URIs made from what the event is about, so a
rebuild never shows a reader old news as new.

The XML is written here, in the exact form `feedgenerator`'s Atom1Feed (Django's) wrote it: the same elements
in the same order, attributes sorted, `<?xml …?>` on a line of its own, empty elements closed short, text
escaped as `xml.sax.saxutils` does, links percent-encoded as its `iri_to_uri` does, and text holding a control
character that XML 1.0 forbids refused. Each event's entry is the same in the site's, its partner's and its
app's feed: it is written once per build, where feedgenerator built every element of 12,000 feeds through SAX
calls.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Sequence
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

from generator.policy.events import TrustEvent
from generator.site import output_paths as paths
from generator.site.model import SiteModel
from generator.site.public_site import PublicSite
from generator.views.page_models import EventView, PartnerView
from generator.views.words import long_date

# How many events the site-wide feed carries; a partner's feed carries all of its own.
SITE_FEED_ENTRIES = 100

ATOM_NAMESPACE = "http://www.w3.org/2005/Atom"
_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'
# The C0 controls XML 1.0 forbids (tab, line feed and carriage return are allowed).
_FORBIDDEN_CONTROL = re.compile(r"[\x00-\x08\x0B-\x0C\x0E-\x1F]")
# What a link may keep as it is; every other character is percent-encoded (RFC 3987 §3.1, as Django does).
_URI_SAFE = "/#%[]=:;$&()+,!?*@'~"


class UnserializableContentError(ValueError):
    """Text that XML 1.0 cannot carry: a feed with it would not parse."""


def site_feed_files(model: SiteModel, site: PublicSite) -> dict[str, bytes]:
    """feeds/trust-events.atom.xml: the most recent trust events of the whole site."""
    feed = atom_feed(
        model,
        site,
        title=f"{site.name}: trust events",
        subtitle="Badges earned, expiring and lost, grade and tier changes of every partner and app.",
        path=paths.SITE_FEED,
        page="",
        events=model.events[:SITE_FEED_ENTRIES],
    )
    return {paths.SITE_FEED: feed}


def partner_feed_files(model: SiteModel, partner: PartnerView, site: PublicSite) -> dict[str, bytes]:
    """feeds/partners/<id>.atom.xml and feeds/apps/<id>.atom.xml of each of its apps."""
    # Each event's entry, by the event view's identity: an app's event is in its feed and its partner's.
    entries: dict[int, str] = {}
    files = {
        partner.feed_url: atom_feed(
            model,
            site,
            title=f"{partner.name}: trust events",
            subtitle=f"Badges, grade and tier changes of {partner.name} and its apps, on {site.name}.",
            path=partner.feed_url,
            page=partner.url,
            events=model.events_by_partner.get(partner.id, ()),
            entries=entries,
        )
    }
    for app in partner.apps:
        files[app.feed_url] = atom_feed(
            model,
            site,
            title=f"{app.name}: trust events",
            subtitle=f"Badges earned, expiring and lost of {app.name} by {app.partner.label}, on {site.name}.",
            path=app.feed_url,
            page=app.url,
            events=app.events,
            entries=entries,
        )
    return files


def atom_feed(
    model: SiteModel,
    site: PublicSite,
    *,
    title: str,
    subtitle: str,
    path: str,
    page: str,
    events: Sequence[EventView],
    entries: dict[int, str] | None = None,
) -> bytes:
    """One Atom feed of `events`, in the order given, linking to the page at `page`.

    `entries` remembers each event view's entry for the next feed that has it (the views must outlive it).
    """
    newest = max((view.event.date for view in events), default=model.as_of)
    feed_url = site.url_of(path)
    parts = [
        _DECLARATION,
        f'<feed xml:lang="en" xmlns="{ATOM_NAMESPACE}">',
        _element("title", title),
        f'<link href={quoteattr(iri_to_uri(site.url_of(page)))} rel="alternate"/>',
        f'<link href={quoteattr(iri_to_uri(feed_url))} rel="self"/>',
        _element("id", feed_url),
        _element("updated", rfc3339(newest)),
        f"<author>{_element('name', site.name)}{_element('uri', iri_to_uri(site.url_of('')))}</author>",
        # Atom's subtitle; an empty one is left out.
        _element("subtitle", subtitle) if subtitle else "",
    ]
    memo = {} if entries is None else entries
    for view in events:
        entry = memo.get(id(view))
        if entry is None:
            entry = memo[id(view)] = _entry(view, site)
        parts.append(entry)
    parts.append("</feed>")
    return "".join(parts).encode()


def entry_id(event: TrustEvent, site: PublicSite) -> str:
    """The entry's permanent id: what changed, for whom, and on which day."""
    subject = f"{event.partner}/{event.app}" if event.app else event.partner
    return site.tag(event.date.isoformat(), f"trust-event/{subject}/{event.kind}/{event.value}")


def midnight(day: dt.date) -> dt.datetime:
    """The start of a day in UTC: events are dated by day, and a feed must not depend on the build's hour."""
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=dt.UTC)


def rfc3339(day: dt.date) -> str:
    """A day's midnight in UTC as Atom dates it: '2026-11-24T00:00:00+00:00'."""
    return midnight(day).isoformat()


def iri_to_uri(iri: str) -> str:
    """A link with every character outside RFC 3986's reserved and unreserved ones (and %) percent-encoded."""
    return quote(iri, safe=_URI_SAFE)


def _element(name: str, text: str, attributes: str = "") -> str:
    """An element holding text, escaped; refuses a control character XML 1.0 cannot carry."""
    if not text:
        return f"<{name}{attributes}/>"
    if _FORBIDDEN_CONTROL.search(text):
        msg = f"Control characters are not supported in XML 1.0 (in <{name}>: {text!r})"
        raise UnserializableContentError(msg)
    return f"<{name}{attributes}>{escape(text)}</{name}>"


def _entry(view: EventView, site: PublicSite) -> str:
    event = view.event
    published = rfc3339(event.date)
    # Summaries are type="html": the sentence is HTML-escaped (names stay text), then escaped again as XML.
    summary = html.escape(f"{view.text} ({long_date(event.date)}).")
    return "".join(
        (
            "<entry>",
            _element("title", view.text),
            f'<link href={quoteattr(iri_to_uri(site.url_of(view.url)))} rel="alternate"/>',
            _element("published", published),
            _element("updated", published),
            _element("id", entry_id(event, site)),
            _element("summary", summary, ' type="html"'),
            f"<category term={quoteattr(str(event.kind))}/>",
            "</entry>",
        )
    )
