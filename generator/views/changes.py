"""The Changes page: what changed in the published trust signals on each of the last nights, in words."""

from __future__ import annotations

from dataclasses import dataclass

from generator.records.nightly_changes import HISTORY_NIGHTS, ChangeHistory, ChangeKind, NightChanges
from generator.records.shared_values import compact_pickle
from generator.views.words import long_date

# Each kind of change as the page heads its group, in the order of the kinds.
GROUP_LABELS = {
    ChangeKind.BADGE_EXPIRED: "Expired",
    ChangeKind.BADGE_REVOKED: "Revoked",
    ChangeKind.TIER_CHANGED: "Tier standing changed",
    ChangeKind.BADGE_EXPIRING: "Entering the expiring window",
    ChangeKind.BADGE_EARNED: "Earned",
    ChangeKind.BADGE_RENEWED: "Renewed",
    ChangeKind.PARTNER_ADDED: "New partners",
    ChangeKind.APP_ADDED: "New apps",
    ChangeKind.PARTNER_REMOVED: "Partners removed",
    ChangeKind.APP_REMOVED: "Apps removed",
}


@compact_pickle
@dataclass(frozen=True, slots=True)
class ChangeLine:
    text: str
    # The page of the partner or app, relative to the site root; None when it left the site.
    path: str | None


@compact_pickle
@dataclass(frozen=True, slots=True)
class ChangeGroup:
    kind: str
    label: str
    lines: tuple[ChangeLine, ...]


@compact_pickle
@dataclass(frozen=True, slots=True)
class NightView:
    id: str
    date_label: str
    iso_date: str
    since: str
    summary: str
    groups: tuple[ChangeGroup, ...]


@compact_pickle
@dataclass(frozen=True, slots=True)
class ChangesPageView:
    intro: str
    # Shown instead of the nights when there are none.
    empty_message: str
    nights: tuple[NightView, ...]


def _count(number: int) -> str:
    return "No change" if number == 0 else f"{number} change{'s' if number != 1 else ''}"


def night_view(night: NightChanges) -> NightView:
    """One night: its date, what it was compared with, and its changes grouped by kind."""
    groups = []
    for kind in ChangeKind:
        lines = tuple(ChangeLine(c.text, c.path) for c in night.changes if c.kind is kind)
        if lines:
            groups.append(ChangeGroup(str(kind), GROUP_LABELS[kind], lines))
    since = (
        f"Compared with the site as of {long_date(night.previous_as_of)}."
        if night.previous_as_of
        else "The first night published: nothing to compare with."
    )
    return NightView(
        id=f"night-{night.as_of.isoformat()}",
        date_label=long_date(night.as_of),
        iso_date=night.as_of.isoformat(),
        since=since,
        summary=_count(len(night.changes)),
        groups=tuple(groups),
    )


def changes_page(history: ChangeHistory) -> ChangesPageView:
    """The Changes page from the history the nightly run keeps; an honest empty state without one."""
    return ChangesPageView(
        intro=(
            f"The site is rebuilt and published every night. Each night lists what changed in the published trust "
            f"signals since the night before: badges earned, expired or revoked, badges entering their expiring "
            f"window, tier standings, and partners and apps added or removed. The last {HISTORY_NIGHTS} nights are "
            f"kept."
        ),
        empty_message=(
            "No nightly changes are recorded yet: this site was built outside the nightly publishing run, or is "
            "its first release. The next nightly run lists what changed."
        ),
        nights=tuple(night_view(night) for night in history.nights),
    )
