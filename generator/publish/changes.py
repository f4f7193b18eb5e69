"""What changed tonight: the decisions of two static API trees compared, and the summary in Markdown and JSON.

Only the published JSON API is read (api/v1/index.json and one file per partner and app): it is the record of
what the site said on a night, and it keeps its shape whatever computes it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.records.nightly_changes import Change, ChangeKind, NightChanges, SubjectKind
from generator.site import output_paths as paths
from generator.views.words import long_date

HELD = frozenset({"earned", "expiring"})
# A held badge that becomes one of these was taken away, not left to lapse.
REVOKED = frozenset({"not-earned", "retired"})

# The heading of each kind in a summary, for one change and for several.
HEADINGS: dict[ChangeKind, tuple[str, str]] = {
    ChangeKind.BADGE_EXPIRED: ("badge expired", "badges expired"),
    ChangeKind.BADGE_REVOKED: ("badge revoked", "badges revoked"),
    ChangeKind.TIER_CHANGED: ("tier standing changed", "tier standings changed"),
    ChangeKind.BADGE_EXPIRING: ("badge entered its expiring window", "badges entered their expiring window"),
    ChangeKind.BADGE_EARNED: ("badge earned", "badges earned"),
    ChangeKind.BADGE_RENEWED: ("badge renewed", "badges renewed"),
    ChangeKind.PARTNER_ADDED: ("partner added", "partners added"),
    ChangeKind.APP_ADDED: ("app added", "apps added"),
    ChangeKind.PARTNER_REMOVED: ("partner removed", "partners removed"),
    ChangeKind.APP_REMOVED: ("app removed", "apps removed"),
}


@dataclass(frozen=True)
class ApiTree:
    """The JSON documents of one release's API: the index, and each partner's and app's file by id."""

    site_url: str
    index: Mapping[str, Any]
    partners: Mapping[str, Mapping[str, Any]]
    apps: Mapping[str, Mapping[str, Any]]

    @property
    def as_of(self) -> dt.date:
        return dt.date.fromisoformat(str(self.index["as_of"]))


def api_tree(files: Mapping[str, bytes], site_url: str) -> ApiTree:
    """The API from a build's files (path relative to the site root → bytes)."""
    index = json.loads(files[paths.API_INDEX])

    def documents(kind: str) -> dict[str, Mapping[str, Any]]:
        prefix = f"{paths.API_ROOT}/{kind}/"
        found = {}
        for path, data in files.items():
            if path.startswith(prefix) and path.endswith(".json") and "/" not in path[len(prefix) :]:
                document = json.loads(data)
                found[str(document["id"])] = document
        return found

    return ApiTree(site_url, index, documents("partners"), documents("apps"))


def read_api_tree(release: Path, site_url: str) -> ApiTree:
    """The API of a release on disk."""
    api = release / paths.API_ROOT
    files = {path.relative_to(release).as_posix(): path.read_bytes() for path in api.rglob("*.json")}
    return api_tree(files, site_url)


def _path(tree: ApiTree, url: str) -> str:
    """A public address as a path relative to the site root; the address itself when it is elsewhere."""
    prefix = tree.site_url + "/"
    return url[len(prefix) :] if url.startswith(prefix) else url


def _change(
    kind: ChangeKind,
    subject: SubjectKind,
    document: Mapping[str, Any],
    text: str,
    tree: ApiTree | None,
    badge: Mapping[str, Any] | None = None,
) -> Change:
    # tree is None for a subject that left the site: there is no page to link to.
    url = str(document["url"]) if tree is not None else None
    return Change(
        kind=kind,
        subject=subject,
        subject_id=str(document["id"]),
        subject_name=str(document["name"]),
        path=_path(tree, url) if tree is not None and url else None,
        url=url,
        badge_id=str(badge["id"]) if badge else None,
        badge_name=str(badge["name"]) if badge else None,
        text=text,
        until=dt.date.fromisoformat(badge["expires_on"]) if badge and kind is ChangeKind.BADGE_EXPIRING else None,
    )


def _badge_changes(
    subject: SubjectKind, old: Mapping[str, Any], new: Mapping[str, Any], tree: ApiTree
) -> Iterator[Change]:
    name = new["name"]
    before = {badge["id"]: badge for badge in old.get("badges", [])}
    for badge in new.get("badges", []):
        previous = before.get(badge["id"])
        was, now = (previous["state"] if previous else "not-earned"), badge["state"]
        label = badge["name"]
        if was not in HELD and now in HELD:
            yield _change(ChangeKind.BADGE_EARNED, subject, new, f"{name} earned {label}.", tree, badge)
        elif was in HELD and now == "expired":
            on = f" on {long_date(dt.date.fromisoformat(badge['expired_on']))}" if badge.get("expired_on") else ""
            yield _change(ChangeKind.BADGE_EXPIRED, subject, new, f"{name}: {label} expired{on}.", tree, badge)
        elif was in HELD and now in REVOKED:
            text = f"{name} no longer holds {label} ({badge['state_label']})."
            yield _change(ChangeKind.BADGE_REVOKED, subject, new, text, tree, badge)
        elif was == "earned" and now == "expiring":
            text = f"{name}: {label} is {badge['state_label'][:1].lower()}{badge['state_label'][1:]} unless renewed."
            yield _change(ChangeKind.BADGE_EXPIRING, subject, new, text, tree, badge)
        elif was == "expiring" and now == "earned":
            text = f"{name}: {label} renewed, {badge['state_label'][:1].lower()}{badge['state_label'][1:]}."
            yield _change(ChangeKind.BADGE_RENEWED, subject, new, text, tree, badge)


def _standing(tier: Mapping[str, Any]) -> str:
    if tier.get("tier") is None:
        return "no tier"
    return f"{tier['name']}, {str(tier.get('standing_label') or '').lower()}".rstrip(", ")


def _tier_change(old: Mapping[str, Any], new: Mapping[str, Any], tree: ApiTree) -> Iterator[Change]:
    before, after = old["tier"], new["tier"]
    if (before.get("tier"), before.get("standing")) == (after.get("tier"), after.get("standing")):
        return
    text = f"{new['name']}: tier {_standing(before)} → {_standing(after)}."
    if after.get("review_by"):
        text = text[:-1] + f" (suspended after {long_date(dt.date.fromisoformat(after['review_by']))} unless fixed)."
    yield _change(ChangeKind.TIER_CHANGED, SubjectKind.PARTNER, new, text, tree)


def compare(old: ApiTree | None, new: ApiTree) -> NightChanges:
    """Every change from the `old` release's API to the `new` one's (against nothing: everything is new)."""
    changes: list[Change] = []
    old_partners = old.partners if old else {}
    old_apps = old.apps if old else {}
    kinds = (
        (SubjectKind.PARTNER, old_partners, new.partners, ChangeKind.PARTNER_ADDED, ChangeKind.PARTNER_REMOVED),
        (SubjectKind.APP, old_apps, new.apps, ChangeKind.APP_ADDED, ChangeKind.APP_REMOVED),
    )
    for subject, before, after, added, removed in kinds:
        for subject_id in sorted(after.keys() - before.keys()):
            text = f"New {subject}: {after[subject_id]['name']}."
            changes.append(_change(added, subject, after[subject_id], text, new))
        for subject_id in sorted(before.keys() - after.keys()):
            text = f"{before[subject_id]['name']} left the site."
            changes.append(_change(removed, subject, before[subject_id], text, None))
        for subject_id in sorted(before.keys() & after.keys()):
            changes += _badge_changes(subject, before[subject_id], after[subject_id], new)
            if subject is SubjectKind.PARTNER:
                changes += _tier_change(before[subject_id], after[subject_id], new)
    order = list(ChangeKind)
    # Stable: within a kind, partners before apps, each by id, as found above.
    changes.sort(key=lambda change: order.index(change.kind))
    return NightChanges(as_of=new.as_of, previous_as_of=old.as_of if old else None, changes=tuple(changes))


def heading(kind: ChangeKind, count: int) -> str:
    """'2 badges expired', '1 partner added'."""
    one, several = HEADINGS[kind]
    return f"{count} {one if count == 1 else several}"


def changes_markdown(night: NightChanges) -> str:
    """Tonight's changes as Markdown, for the run's output, a workflow summary or an issue."""
    since = f" (since {long_date(night.previous_as_of)})" if night.previous_as_of else " (first release)"
    lines = [f"## Trust changes as of {long_date(night.as_of)}{since}", ""]
    if not night.changes:
        return "\n".join([*lines, "No badge, tier, partner or app changed.", ""])
    for kind in ChangeKind:
        of_kind = [change for change in night.changes if change.kind is kind]
        if not of_kind:
            continue
        lines += [f"**{heading(kind, len(of_kind))}**", ""]
        for change in of_kind:
            linked = f"[{change.subject_name}]({change.url})"
            lines.append(f"- {change.text.replace(change.subject_name, linked, 1) if change.url else change.text}")
        lines.append("")
    return "\n".join(lines)


def changes_json(night: NightChanges) -> bytes:
    """Tonight's changes as JSON: the fields of the change record."""
    return (night.model_dump_json(indent=2) + "\n").encode()
