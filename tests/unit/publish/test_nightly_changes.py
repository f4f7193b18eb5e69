"""Tonight's changes from two API trees: each kind found, worded, ordered, and kept in a 30-night history."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from generator.publish.changes import ApiTree, changes_markdown, compare
from generator.records.nightly_changes import HISTORY_NIGHTS, ChangeHistory, ChangeKind, NightChanges
from generator.views.changes import changes_page

SITE = "https://trust.example.com"


def badge(badge_id: str, state: str, label: str = "", **dates: str | None) -> dict[str, Any]:
    return {
        "id": badge_id,
        "name": badge_id.replace("-", " ").capitalize(),
        "state": state,
        "state_label": label or state.capitalize(),
        "expires_on": dates.get("expires_on"),
        "expired_on": dates.get("expired_on"),
    }


def tier(tier_id: str | None, standing: str | None, review_by: str | None = None) -> dict[str, Any]:
    labels = {"good-standing": "In good standing", "at-risk": "At risk", None: None}
    return {
        "tier": tier_id,
        "name": (tier_id or "No tier").capitalize(),
        "standing": standing,
        "standing_label": labels[standing],
        "review_by": review_by,
    }


def tree(as_of: str, partners: dict[str, Any], apps: dict[str, Any]) -> ApiTree:
    def documents(kind: str, found: dict[str, Any]) -> dict[str, Any]:
        return {
            key: {"id": key, "name": key.title(), "url": f"{SITE}/{kind}/{key}/", **value}
            for key, value in found.items()
        }

    return ApiTree(SITE, {"as_of": as_of}, documents("partners", partners), documents("apps", apps))


OLD = tree(
    "2026-11-28",
    {
        "acme": {"tier": tier("gold", "good-standing"), "badges": [badge("soc2", "earned")]},
        "gone": {"tier": tier(None, None), "badges": []},
    },
    {
        "sync": {
            "badges": [
                badge("bounty", "expiring", "Expiring in 1 day (on 29 November 2026)", expires_on="2026-11-29"),
                badge("scan", "earned", "Earned, valid until 28 December 2026"),
                badge("caiq", "earned"),
                badge("iso", "not-earned"),
                badge("pentest", "expiring", "Expiring in 3 days"),
            ]
        }
    },
)
NEW = tree(
    "2026-11-29",
    {
        "acme": {"tier": tier("gold", "at-risk", "2026-12-29"), "badges": [badge("soc2", "earned")]},
        "fresh": {"tier": tier("silver", "good-standing"), "badges": []},
    },
    {
        "sync": {
            "badges": [
                badge("bounty", "expired", "Expired since 29 November 2026", expired_on="2026-11-29"),
                badge("scan", "expiring", "Expiring in 29 days (on 28 December 2026)", expires_on="2026-12-28"),
                badge("caiq", "not-earned", "Not earned"),
                badge("iso", "earned"),
                badge("pentest", "earned", "Earned, valid until 1 June 2027"),
            ]
        }
    },
)


def test_every_kind_of_change_is_found_and_worded() -> None:
    night = compare(OLD, NEW)
    assert (night.as_of, night.previous_as_of) == (dt.date(2026, 11, 29), dt.date(2026, 11, 28))
    assert [(c.kind, c.subject_id, c.badge_id, c.text) for c in night.changes] == [
        (ChangeKind.BADGE_EXPIRED, "sync", "bounty", "Sync: Bounty expired on 29 November 2026."),
        (ChangeKind.BADGE_REVOKED, "sync", "caiq", "Sync no longer holds Caiq (Not earned)."),
        (
            ChangeKind.TIER_CHANGED,
            "acme",
            None,
            "Acme: tier Gold, in good standing → Gold, at risk (suspended after 29 December 2026 unless fixed).",
        ),
        (
            ChangeKind.BADGE_EXPIRING,
            "sync",
            "scan",
            "Sync: Scan is expiring in 29 days (on 28 December 2026) unless renewed.",
        ),
        (ChangeKind.BADGE_EARNED, "sync", "iso", "Sync earned Iso."),
        (ChangeKind.BADGE_RENEWED, "sync", "pentest", "Sync: Pentest renewed, earned, valid until 1 June 2027."),
        (ChangeKind.PARTNER_ADDED, "fresh", None, "New partner: Fresh."),
        (ChangeKind.PARTNER_REMOVED, "gone", None, "Gone left the site."),
    ]
    expiring = next(c for c in night.changes if c.kind is ChangeKind.BADGE_EXPIRING)
    assert expiring.until == dt.date(2026, 12, 28)
    assert expiring.path == "apps/sync/"
    removed = next(c for c in night.changes if c.kind is ChangeKind.PARTNER_REMOVED)
    assert (removed.path, removed.url) == (None, None)


def test_nothing_changed_says_so() -> None:
    night = compare(NEW, NEW)
    assert night.changes == ()
    assert "No badge, tier, partner or app changed." in changes_markdown(night)


def test_the_summary_groups_by_kind_and_links_each_subject() -> None:
    text = changes_markdown(compare(OLD, NEW))
    assert text.startswith("## Trust changes as of 29 November 2026 (since 28 November 2026)\n")
    assert "**1 badge expired**\n\n- [Sync](https://trust.example.com/apps/sync/): Bounty expired on" in text
    assert "- Gone left the site." in text


def _night(day: int) -> NightChanges:
    return NightChanges(as_of=dt.date(2026, 1, 1) + dt.timedelta(days=day), previous_as_of=None, changes=())


def test_the_history_keeps_the_last_nights_newest_first_one_per_date() -> None:
    history = ChangeHistory()
    for day in range(HISTORY_NIGHTS + 5):
        history = history.with_night(_night(day))
    assert len(history.nights) == HISTORY_NIGHTS
    assert history.nights[0].as_of == dt.date(2026, 1, 1) + dt.timedelta(days=HISTORY_NIGHTS + 4)
    # A second run on one night replaces that night's entry, and forgets any later one.
    again = history.with_night(_night(HISTORY_NIGHTS + 3))
    assert [n.as_of for n in again.nights[:2]] == [
        dt.date(2026, 1, 1) + dt.timedelta(days=HISTORY_NIGHTS + 3),
        dt.date(2026, 1, 1) + dt.timedelta(days=HISTORY_NIGHTS + 2),
    ]


@pytest.mark.parametrize(("history", "nights"), [(ChangeHistory(), 0), (ChangeHistory(nights=(_night(0),)), 1)])
def test_the_changes_page_has_an_empty_state_and_one_section_a_night(history: ChangeHistory, nights: int) -> None:
    page = changes_page(history)
    assert len(page.nights) == nights
    assert "No nightly changes are recorded yet" in page.empty_message
    if nights:
        assert page.nights[0].summary == "No change"
        assert page.nights[0].date_label == "1 January 2026"
