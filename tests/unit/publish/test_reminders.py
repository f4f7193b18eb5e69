"""Renewal reminders: the notice a partner's security contact gets, and which partners get one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from generator.publish.changes import ApiTree, compare
from generator.publish.reminders import notice_title, write_reminders

SITE = "https://trust.example.com"


def criterion(requirement: str, met: bool, observed: str) -> dict[str, Any]:
    return {"rule": "x", "requirement": requirement, "met": met, "observed": observed, "evidence": []}


def badge(badge_id: str, name: str, state: str, **fields: Any) -> dict[str, Any]:
    return {"id": badge_id, "name": name, "state": state, "state_label": state, "expires_on": None,
            "expired_on": None, "days_left": None, "criteria": [], **fields}  # fmt: skip


def partner(partner_id: str, badges: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": partner_id,
        "name": partner_id.title(),
        "url": f"{SITE}/partners/{partner_id}/",
        "security_contact": {"email": f"security@{partner_id}.example.com", "policy_url": None},
        "tier": {"tier": None, "standing": None},
        "badges": badges,
    }


def tree(as_of: str, apps_badges: list[dict[str, Any]], acme_badges: list[dict[str, Any]]) -> ApiTree:
    app = {"id": "sync", "name": "Acme Sync", "url": f"{SITE}/apps/sync/", "partner": {"id": "acme"}}
    return ApiTree(
        SITE,
        {"as_of": as_of},
        {"acme": partner("acme", acme_badges), "calm": partner("calm", [badge("soc2", "SOC 2", "earned")])},
        {"sync": {**app, "badges": apps_badges}},
    )


SOC2_EXPIRING = badge(
    "soc2",
    "SOC 2",
    "expiring",
    expires_on="2026-12-06",
    days_left=7,
    criteria=[criterion("A SOC 2 Type II report dated within 365 days", True, "report dated 2025-12-06")],
)


def test_a_partner_gets_one_notice_naming_what_lapses_when_and_what_renewal_needs(tmp_path: Path) -> None:
    before = tree("2026-11-28", [badge("bounty", "Bug bounty participant", "expiring", expires_on="2026-11-29")],
                  [SOC2_EXPIRING])  # fmt: skip
    bounty_expired = badge(
        "bounty",
        "Bug bounty participant",
        "expired",
        expired_on="2026-11-29",
        criteria=[criterion("At least 10 researchers, measured within 180 days", False, "52 as of 2026-06-01")],
    )
    after = tree("2026-11-29", [bounty_expired], [{**SOC2_EXPIRING, "days_left": 7}])
    written = write_reminders(after, compare(before, after), tmp_path)
    assert [path.name for path in written] == ["acme.md"]
    assert written[0].read_text(encoding="utf-8") == (
        "# Renewal reminder: acme\n"
        "\n"
        "**To:** security@acme.example.com  \n"
        "**Partner:** [Acme](https://trust.example.com/partners/acme/) (`acme`)  \n"
        "**As of:** 29 November 2026\n"
        "\n"
        "Hello Acme security team,\n"
        "\n"
        "the evidence behind these trust signals on the Marketplace's trust site lapses soon, or has lapsed. "
        "Send the maintainers new evidence before the date to keep a signal, or as soon as you can to regain it.\n"
        "\n"
        "### SOC 2 — Acme: lapses on 6 December 2026 (7 days from now)\n"
        "\n"
        "What the renewal needs:\n"
        "\n"
        "- [met] A SOC 2 Type II report dated within 365 days (found: report dated 6 December 2025)\n"
        "\n"
        "### Bug bounty participant — the app Acme Sync: lapsed on 29 November 2026\n"
        "\n"
        "What the renewal needs:\n"
        "\n"
        "- [missing] At least 10 researchers, measured within 180 days (found: 52 as of 1 June 2026)\n"
        "\n"
        "Every criterion of every badge, with its exact threshold: `python -m generator readiness acme`.\n"
    )


def test_a_badge_that_expired_on_an_earlier_night_gets_no_new_notice(tmp_path: Path) -> None:
    expired = badge("bounty", "Bug bounty participant", "expired", expired_on="2026-10-01")
    night = tree("2026-11-29", [expired], [])
    assert write_reminders(night, compare(night, night), tmp_path) == []
    assert notice_title("acme") == "Renewal reminder: acme"
    assert dt.date.fromisoformat(str(night.index["as_of"])) == night.as_of
