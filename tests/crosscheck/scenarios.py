"""The demo data with the cases it lacks: evidence revocations (for a time, for good, of an older claim), a
badge revoked for a time, revocations and exemptions of app badges naming no app, an exemption over a lapsed
badge, a program whose start changed since it was checked, rejected program checks, a program that ended
before its tenure, a start declared after a measurement, a rejected claim that changed, a badge to be retired
while its evidence holds on, and badges built on several apps (`min_apps: 2`, some on the partner's word).

Each edit is one story with its turning days; `SCENARIO_DATES` lists them (with the day before).
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

SCENARIO_DATES = [
    "2020-12-15",  # Top Vendor, to be retired on 2020-12-31: stark's membership has no end (earned, no expiry),
    # acme's ends with the badge (expiring)
    "2023-06-30",  # acme: two apps in declared programs, one vouched for (bounty-apps self-attested; the other's
    # program check was rejected) …
    "2024-03-02",  # … both vouched for (acme-backup measured from 2024-02-01, + 30 days)
    "2026-02-01",  # velvet-anvil-deploy's CAIQ-Lite badge revoked through 2026-02-10; wobblebrook exemption starts
    "2026-02-10",
    "2026-02-11",
    "2026-06-01",  # velvet-anvil's SOC 2 claim, and paperclip's apps' CAIQ-Lite badges, revoked through June
    "2026-06-30",
    "2026-07-01",  # … holds again; wobblebrook's exemption ended on 2026-06-30: expired again
    "2026-11-01",  # velvet-anvil-audit: 17 days vouched for (from 2026-10-15), not the declared 670
    "2026-11-24",  # nimbus-noodle-roadmaps: rejected, then ended; acme-gantt: ended before 30 or 90 days
    "2027-02-12",  # zephyr-brew-tracker: declared since 2026-11-14 + 90 days, vouched for from 2026-11-17 only
    "2028-06-01",  # every grade, scan and measurement old, some also below threshold or failed
]


def _edit(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(record)
    path.write_text(yaml.safe_dump(record, sort_keys=False, allow_unicode=True), encoding="utf-8")


def write_scenarios(demo_data: Path, destination: Path) -> Path:
    """A copy of the demo data under `destination` with the scenarios added; the data root."""
    data = destination / "data"
    shutil.copytree(demo_data, data)
    verifications = data / "verifications"
    ticket = {"approved_by": "trust-team-lead", "reference": "https://tickets.example.com/TRUST-900"}

    def velvet(record: dict[str, Any]) -> None:
        record["revocations"] += [
            # A badge revoked for ten days, `until` included.
            {
                "badge": "caiq-lite-passed",
                "app": "velvet-anvil-deploy",
                "revoked_on": dt.date(2026, 2, 1),
                "until": dt.date(2026, 2, 10),
                "reason": "Under review.",
                **ticket,
            },
            # The SOC 2 claim (period end 2026-03-31) revoked for June.
            {
                "evidence": "soc2",
                "revoked_on": dt.date(2026, 6, 1),
                "until": dt.date(2026, 6, 30),
                "reason": "The report's scope is being confirmed with the auditor.",
                **ticket,
            },
            # An ISO/IEC 27001 revocation older than the certificate claimed now (issued 2023-12-11): not revoked.
            {"evidence": "iso27001", "revoked_on": dt.date(2023, 12, 1), "reason": "Withdrawn certificate.", **ticket},
        ]

    def wobblebrook(record: dict[str, Any]) -> None:
        # Its dashboards' CAIQ-Lite badge lapsed on 2026-01-15 (graded 2024-01-15, 730 days): exempt meanwhile.
        record["exemptions"] = [
            {
                "badge": "caiq-lite-passed",
                "app": "wobblebrook-dashboards",
                "reason": "A new assessment is under way.",
                "granted_on": dt.date(2026, 2, 1),
                "expires_on": dt.date(2026, 6, 30),
                **ticket,
            }
        ]

    def zephyr(record: dict[str, Any]) -> None:
        # A check of the program vouching for another start than the one the app declares now.
        record["apps"]["zephyr-brew-tracker"]["program_checks"] = [
            {
                "checked_on": dt.date(2026, 11, 20),
                "outcome": "confirmed",
                "vouches_for": {"platform": "Bountyfield", "since": dt.date(2026, 11, 10)},
                **ticket,
            }
        ]

    def moonlit_partner(record: dict[str, Any]) -> None:
        # The rejected type-1 claim replaced by a type-2 report: the rejection does not carry over.
        record["certifications"]["soc2"].update(type="type-2", report_period_end=dt.date(2026, 6, 30))

    def umbrella(record: dict[str, Any]) -> None:
        # An exemption of an app badge that names no app.
        record["exemptions"] = [
            {
                "badge": "vulnerability-scan-passed",
                "reason": "Every app is being rebuilt.",
                "granted_on": dt.date(2026, 10, 1),
                "expires_on": dt.date(2026, 12, 31),
                **ticket,
            }
        ]

    def nimbus(record: dict[str, Any]) -> None:
        # A rejected check of the program as declared, before the program ended (until 2026-10-31).
        record["apps"]["nimbus-noodle-roadmaps"]["program_checks"] = [
            {
                "checked_on": dt.date(2026, 6, 1),
                "outcome": "rejected",
                "vouches_for": {"platform": "Bountyfield", "since": dt.date(2024, 4, 15)},
                **ticket,
            }
        ]

    def velvet_audit(record: dict[str, Any]) -> None:
        # A start declared after the first measurement (2023-05-02): only the next one (2026-10-15) vouches.
        record["bug_bounty"]["since"] = dt.date(2024, 1, 1)

    def acme_gantt(record: dict[str, Any]) -> None:
        # A program that ended after 19 days, before reaching any tenure.
        record["bug_bounty"] = {
            "platform": "Bountyfield",
            "program_url": "https://bountyfield.example.com/programs/acme-gantt",
            "visibility": "public",
            "since": dt.date(2026, 1, 1),
            "until": dt.date(2026, 1, 20),
            "scope": ["Acme Gantt Charts cloud app"],
        }

    def hooli(record: dict[str, Any]) -> None:
        # Its ISO/IEC 27001 claim (issued 2025-11-03) revoked for good from 2026-03-01.
        record["revocations"] = [
            {"evidence": "iso27001", "revoked_on": dt.date(2026, 3, 1), "reason": "Certificate suspended.", **ticket}
        ]

    def acme(record: dict[str, Any]) -> None:
        # A rejected check of a program: its start is vouched for by the first measurement (2024-02-01) instead.
        record["apps"]["acme-backup"]["program_checks"] = [
            {
                "checked_on": dt.date(2023, 3, 1),
                "outcome": "rejected",
                "vouches_for": {"platform": "Bountyfield", "since": dt.date(2023, 2, 1)},
                **ticket,
            }
        ]

    def paperclip(record: dict[str, Any]) -> None:
        # A revocation of an app badge that names no app, for June.
        record["revocations"] = [
            {
                "badge": "caiq-lite-passed",
                "revoked_on": dt.date(2026, 6, 1),
                "until": dt.date(2026, 6, 30),
                "reason": "The assessment's answers are being confirmed.",
                **ticket,
            }
        ]

    def stark(record: dict[str, Any]) -> None:
        # A Top Vendor membership without an end: the badge still ends, retired on 2020-12-31.
        del record["memberships"][0]["until"]

    def policy(record: dict[str, Any]) -> None:
        gold = next(tier for tier in record["tiers"] if tier["id"] == "gold")
        next(rule for rule in gold["criteria"] if rule["rule"] == "app-badge-held")["min_apps"] = 2
        summary = {"summary": "A scenario badge."}
        record["badges"] += [
            # On the partner's word: a declared program of 30 days.
            {
                "id": "bug-bounty-declared",
                "name": "Bug bounty declared",
                "level": "app",
                "accepts": "self-attested",
                **summary,
                "criteria": [{"rule": "bug-bounty-tenure", "min_days": 30}],
            },
            # Built on two apps' badges: verified only when two of them hold it on verified evidence.
            {
                "id": "bounty-apps",
                "name": "Two apps in bug bounty programs",
                "level": "partner",
                "accepts": "self-attested",
                **summary,
                "criteria": [{"rule": "app-badge-held", "badge": "bug-bounty-declared", "min_apps": 2}],
            },
            # Lapses when the second-to-last of the apps' scans does.
            {
                "id": "apps-scanned",
                "name": "Two apps scanned",
                "level": "partner",
                **summary,
                "criteria": [{"rule": "app-badge-held", "badge": "vulnerability-scan-passed", "min_apps": 2}],
            },
        ]

    _edit(verifications / "velvet-anvil.yaml", velvet)
    _edit(verifications / "wobblebrook-widgets.yaml", wobblebrook)
    _edit(verifications / "zephyr-teapot.yaml", zephyr)
    _edit(verifications / "umbrella-labs.yaml", umbrella)
    _edit(verifications / "stark-sprockets.yaml", stark)
    _edit(verifications / "paperclip-parade.yaml", paperclip)
    _edit(verifications / "acme-cloudworks.yaml", acme)
    _edit(verifications / "nimbus-noodle.yaml", nimbus)
    _edit(verifications / "hooli-tools.yaml", hooli)
    _edit(data / "partners" / "velvet-anvil" / "apps" / "velvet-anvil-audit.yaml", velvet_audit)
    _edit(data / "partners" / "acme-cloudworks" / "apps" / "acme-gantt.yaml", acme_gantt)
    _edit(data / "partners" / "moonlit-mongoose" / "partner.yaml", moonlit_partner)
    _edit(data / "program" / "policy.yaml", policy)
    return data
