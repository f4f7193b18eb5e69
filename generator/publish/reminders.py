"""Renewal reminders: one Markdown notice per partner whose evidence lapses within the expiring window, or
lapsed tonight, addressed to its security contact, saying what lapses, when, and what the renewal needs.

Read from tonight's API (the badges' states and receipts, as published) and tonight's changes. The nightly
workflow turns each notice into a GitHub issue, one per partner, found again by its title.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.publish.changes import ApiTree
from generator.records.nightly_changes import ChangeKind, NightChanges, SubjectKind
from generator.views.words import long_date

REMINDERS_DIRECTORY = "reminders"
# The API's receipts write dates as ISO dates, for programs; a notice is read by people.
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


@dataclass(frozen=True)
class Lapse:
    """One badge of a partner or of one of its apps that lapses soon, or lapsed tonight."""

    subject: str
    badge: Mapping[str, Any]
    lapsed: bool


def notice_title(partner_id: str) -> str:
    """The title of a partner's reminder: the key an issue is found again by."""
    return f"Renewal reminder: {partner_id}"


def _lapses(tree: ApiTree, night: NightChanges) -> dict[str, list[Lapse]]:
    lapsed_tonight = {
        (change.subject, change.subject_id, change.badge_id)
        for change in night.changes
        if change.kind is ChangeKind.BADGE_EXPIRED
    }
    found: dict[str, list[Lapse]] = {}
    subjects = [(SubjectKind.PARTNER, d, str(d["id"])) for d in tree.partners.values()]
    subjects += [(SubjectKind.APP, d, str(d["partner"]["id"])) for d in tree.apps.values()]
    for kind, document, partner_id in subjects:
        label = document["name"] if kind is SubjectKind.PARTNER else f"the app {document['name']}"
        for badge in document.get("badges", []):
            lapsed = (kind, document["id"], badge["id"]) in lapsed_tonight
            if badge["state"] == "expiring" or lapsed:
                found.setdefault(partner_id, []).append(Lapse(label, badge, lapsed))
    return found


def _when(lapse: Lapse) -> str:
    badge = lapse.badge
    if lapse.lapsed:
        return f"lapsed on {long_date(dt.date.fromisoformat(badge['expired_on']))}"
    return f"lapses on {long_date(dt.date.fromisoformat(badge['expires_on']))} ({badge['days_left']} days from now)"


def notice_text(partner: Mapping[str, Any], lapses: list[Lapse], as_of: dt.date) -> str:
    """The reminder to one partner's security contact, in Markdown."""
    lines = [
        f"**To:** {partner['security_contact']['email']}  ",
        f"**Partner:** [{partner['name']}]({partner['url']}) (`{partner['id']}`)  ",
        f"**As of:** {long_date(as_of)}",
        "",
        f"Hello {partner['name']} security team,",
        "",
        "the evidence behind these trust signals on the Marketplace's trust site lapses soon, or has lapsed. "
        "Send the maintainers new evidence before the date to keep a signal, or as soon as you can to regain it.",
        "",
    ]
    for lapse in lapses:
        badge = lapse.badge
        lines.append(f"### {badge['name']} — {lapse.subject}: {_when(lapse)}")
        lines.append("")
        lines.append("What the renewal needs:")
        lines.append("")
        for criterion in badge.get("criteria", []):
            mark = "met" if criterion["met"] else "missing"
            found = _for_people(criterion["observed"])
            lines.append(f"- [{mark}] {_for_people(criterion['requirement'])} (found: {found})")
        lines.append("")
    lines += [
        f"Every criterion of every badge, with its exact threshold: `python -m generator readiness {partner['id']}`.",
        "",
    ]
    return "\n".join(lines)


def write_reminders(tree: ApiTree, night: NightChanges, reports: Path) -> list[Path]:
    """Write reports/reminders/<partner-id>.md for each partner with lapsing evidence; the files written."""
    directory = reports / REMINDERS_DIRECTORY
    # Tonight's notices only: a partner who renewed gets none, and its issue is simply not updated.
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    written = []
    for partner_id, lapses in sorted(_lapses(tree, night).items()):
        partner = tree.partners.get(partner_id)
        if partner is None:
            continue
        path = directory / f"{partner_id}.md"
        path.write_text(f"# {notice_title(partner_id)}\n\n" + notice_text(partner, lapses, tree.as_of), "utf-8")
        written.append(path)
    return written


def _for_people(text: str) -> str:
    """A receipt sentence from the API with its dates as the site writes them ('2 June 2025')."""

    def day(match: re.Match[str]) -> str:
        return long_date(dt.date(int(match[1]), int(match[2]), int(match[3])))

    return _ISO_DATE.sub(day, text).replace("is not-earned", "is not earned")
