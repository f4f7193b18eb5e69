"""Atom feeds of trust events: the whole site's newest, and every event of each partner.

Deterministic: an entry is dated its event's day at 00:00 UTC, a feed is as new as its newest entry (or
the as-of date when it has none), and entry ids are tag: URIs made from what the event is about, so a
rebuild never shows a reader old news as new.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from typing import Any

import feedgenerator

from generator.policy.events import TrustEvent
from generator.site import output_paths as paths
from generator.site.model import SiteModel
from generator.site.public_site import PublicSite
from generator.views.page_models import EventView
from generator.views.words import long_date

# How many events the site-wide feed carries; a partner's feed carries all of its own.
SITE_FEED_ENTRIES = 100


class _Feed(feedgenerator.Atom1Feed):  # type: ignore[misc]
    """An Atom feed whose <updated> is given, never read from the build machine's clock."""

    def latest_post_date(self) -> dt.datetime:
        updated: dt.datetime = self.feed["updated"]
        return updated


def feed_files(model: SiteModel, site: PublicSite) -> dict[str, bytes]:
    """feeds/trust-events.atom.xml, feeds/partners/<id>.atom.xml and feeds/apps/<id>.atom.xml."""
    files = {
        paths.SITE_FEED: atom_feed(
            model,
            site,
            title=f"{site.name}: trust events",
            subtitle="Badges earned, expiring and lost, grade and tier changes of every partner and app.",
            path=paths.SITE_FEED,
            page="",
            events=model.events[:SITE_FEED_ENTRIES],
        )
    }
    for partner in model.partners:
        files[partner.feed_url] = atom_feed(
            model,
            site,
            title=f"{partner.name}: trust events",
            subtitle=f"Badges, grade and tier changes of {partner.name} and its apps, on {site.name}.",
            path=partner.feed_url,
            page=partner.url,
            events=model.events_by_partner.get(partner.id, ()),
        )
    for app in model.apps:
        files[app.feed_url] = atom_feed(
            model,
            site,
            title=f"{app.name}: trust events",
            subtitle=f"Badges earned, expiring and lost of {app.name} by {app.partner.label}, on {site.name}.",
            path=app.feed_url,
            page=app.url,
            events=app.events,
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
) -> bytes:
    """One Atom feed of `events`, in the order given, linking to the page at `page`."""
    newest = max((view.event.date for view in events), default=model.as_of)
    feed = _Feed(
        title=title,
        link=site.url_of(page),
        description=subtitle,
        language="en",
        author_name=site.name,
        author_link=site.url_of(""),
        feed_url=site.url_of(path),
        feed_guid=site.url_of(path),
        updated=midnight(newest),
    )
    for view in events:
        feed.add_item(**_entry(view.event, view.text, site.url_of(view.url), site))
    text: str = feed.writeString("utf-8")
    return text.encode()


def entry_id(event: TrustEvent, site: PublicSite) -> str:
    """The entry's permanent id: what changed, for whom, and on which day."""
    subject = f"{event.partner}/{event.app}" if event.app else event.partner
    return site.tag(event.date.isoformat(), f"trust-event/{subject}/{event.kind}/{event.value}")


def midnight(day: dt.date) -> dt.datetime:
    """The start of a day in UTC: events are dated by day, and a feed must not depend on the build's hour."""
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=dt.UTC)


def _entry(event: TrustEvent, text: str, link: str, site: PublicSite) -> dict[str, Any]:
    return {
        "title": text,
        "link": link,
        # Atom summaries from feedgenerator are type="html": names are escaped to stay text.
        "description": html.escape(f"{text} ({long_date(event.date)})."),
        "unique_id": entry_id(event, site),
        "pubdate": midnight(event.date),
        "updateddate": midnight(event.date),
        "categories": [str(event.kind)],
    }
