"""One partner's or app's trust history as a picture: a row per badge (and the tier), spans of its states.

The spans come from the subject's trust events, which say when a badge was earned, started expiring,
expired, was lost or revoked, and when the tier's standing changed. Two states have no events of their own:
an exemption covering a badge that is not held, and the end of a revocation. They come from the maintainers'
exemption and revocation records, matched the way the engine matches them, and the state of each badge as of
the day closes its row, so the picture ends where the badges section says it does.

Every coordinate is worked out here, as whole numbers in the picture's own units; templates only lay out.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.policy.engine import BadgeDecision, BadgeState, TierStanding
from generator.policy.events import EventKind, TrustEvent
from generator.records.evidence import Exemption, Revocation
from generator.records.policy import Badge
from generator.records.shared_values import compact_pickle
from generator.views.words import STANDING_LABELS, long_date

# The picture's own units: its viewBox is WIDTH wide and scales to the width of the page.
WIDTH = 600
# The band of year labels above the rows, each row's pitch (its label above its bar) and the bar's height.
AXIS = 26
PITCH = 54
LABEL_BASELINE = 23
BAR_TOP = 31
BAR = 16
# The bars end short of the right edge, where the as-of marker stands.
PLOT = 594
# A span of a day or two still shows; a year label too close to the last one shown is left out.
MIN_SPAN = 8
MIN_LABEL_GAP = 64
# A short history is still drawn against a whole year, so that a few days do not fill the width.
MIN_DAYS = 365

# The looks a span can take (a CSS class each, and a pattern for some), in the order the key lists them.
EARNED = "earned"
EXPIRING = "expiring"
EXPIRED = "expired"
EXEMPT = "exempt"
REVOKED = "revoked"
PENDING = "pending"
PATTERNED = frozenset({EXPIRING, EXEMPT, REVOKED})

_BADGE_LOOKS = {
    BadgeState.EARNED: EARNED,
    BadgeState.EXPIRING: EXPIRING,
    BadgeState.EXPIRED: EXPIRED,
    BadgeState.EXEMPT: EXEMPT,
    BadgeState.REVOKED: REVOKED,
}
_BADGE_LABELS = {EARNED: "Earned", EXPIRING: "Expiring", EXPIRED: "Expired", EXEMPT: "Exempt", REVOKED: "Revoked"}
# A tier's standing looks like the badge state it is closest to; the words say which it is.
_STANDING_LOOKS = {
    TierStanding.GOOD: EARNED,
    TierStanding.AT_RISK: EXPIRING,
    TierStanding.SUSPENDED: EXPIRED,
    TierStanding.PENDING: PENDING,
}
_STANDING_EVENTS = {
    EventKind.TIER_PENDING: TierStanding.PENDING,
    EventKind.TIER_GRANTED: TierStanding.GOOD,
    EventKind.TIER_RESTORED: TierStanding.GOOD,
    EventKind.TIER_AT_RISK: TierStanding.AT_RISK,
    EventKind.TIER_SUSPENDED: TierStanding.SUSPENDED,
}
# What a badge event says of the badge's own evidence (a revocation starts from nothing: the badge is
# announced as earned again when the revocation ends, if it holds then).
_HELD_AFTER = {
    EventKind.BADGE_EARNED: EARNED,
    EventKind.BADGE_EXPIRING: EXPIRING,
    EventKind.BADGE_EXPIRED: EXPIRED,
    EventKind.BADGE_LOST: "",
    EventKind.BADGE_REVOKED: "",
}
ONGOING = "ongoing"
TIER_ROW = "Partner tier"
_KEY_ORDER = (EARNED, EXPIRING, EXPIRED, EXEMPT, REVOKED, PENDING)
_ONE_DAY = dt.timedelta(days=1)


@compact_pickle
@dataclass(frozen=True, slots=True)
class Span:
    """One state of one row, from its first day up to (not including) `end`."""

    start: dt.date
    end: dt.date
    look: str
    # The state in a word, for the key ("At risk"), and in full, for the table ("Gold tier, at risk").
    key: str
    label: str


@compact_pickle
@dataclass(frozen=True, slots=True)
class SpanView:
    look: str
    # With a pattern fill (hatching, dots, cross-hatching): the look is told apart by more than colour.
    patterned: bool
    label: str
    first_day: str
    # The last day in this state, or "ongoing" while the state lasts on the as-of day.
    last_day: str
    x: int
    width: int
    # The bar: the rectangle its x and width and the row's bar make, from its top left corner clockwise as a
    # rect is drawn (so that a dashed edge dashes alike), as a path's subpath.
    path: str = ""


@compact_pickle
@dataclass(frozen=True, slots=True)
class HistoryRowView:
    name: str
    spans: tuple[SpanView, ...]
    label_y: int
    bar_y: int


@compact_pickle
@dataclass(frozen=True, slots=True)
class BarsView:
    """Every bar of one look that can be drawn at once, as one path: a bar costs a subpath, not an element."""

    look: str
    patterned: bool
    path: str


@compact_pickle
@dataclass(frozen=True, slots=True)
class YearTick:
    x: int
    label_x: int
    # Empty when the label would crowd the one before it: the tick line is still drawn.
    label: str


@compact_pickle
@dataclass(frozen=True, slots=True)
class KeyEntry:
    look: str
    label: str


@compact_pickle
@dataclass(frozen=True, slots=True)
class TrustHistoryView:
    caption: str
    # The table's first column: "Badge", or "Badge or tier" when the tier has a row.
    row_heading: str
    rows: tuple[HistoryRowView, ...]
    # The rows' bars, a path per look, in the order they are painted.
    bars: tuple[BarsView, ...]
    ticks: tuple[YearTick, ...]
    # Every year's line from the axis down through the rows, as one path.
    tick_path: str
    year_y: int
    key: tuple[KeyEntry, ...]
    # The patterns the spans use, each defined once in the picture.
    patterns: tuple[str, ...]
    width: int
    height: int
    # The as-of marker: its line at the right end of the bars, and its label below the rows.
    as_of_path: str
    as_of_label: str
    as_of_label_y: int


def badge_spans(
    events: Iterable[TrustEvent],
    exemptions: Sequence[Exemption],
    revocations: Sequence[Revocation],
    badge: Badge,
    decision: BadgeDecision | None,
    as_of: dt.date,
) -> tuple[Span, ...]:
    """The states of one badge for one subject, from its events (oldest first), exemptions and revocations."""
    held = {event.date: _HELD_AFTER[event.kind] for event in events}
    # The days the state can change: events, and the first and last days of exemptions and revocations.
    days = set(held)
    for exemption in exemptions:
        days |= {exemption.granted_on, exemption.expires_on + _ONE_DAY}
    for revocation in revocations:
        days.add(revocation.revoked_on)
        if revocation.until is not None:
            days.add(revocation.until + _ONE_DAY)
    if badge.retired_on is not None:
        days.add(badge.retired_on + _ONE_DAY)
    changes: list[tuple[dt.date, str]] = []
    evidence = ""
    for day in sorted(d for d in days if d <= as_of):
        evidence = held.get(day, evidence)
        look = _badge_look(day, evidence, exemptions, revocations, badge)
        if not changes or changes[-1][1] != look:
            changes.append((day, look))
    # The state as of the day is the engine's own. No event marks what an exemption's or a revocation's end
    # leaves (expired evidence, or none): the decision says it, for the time since the last change.
    if decision is not None and changes:
        final = _BADGE_LOOKS.get(decision.state, "")
        if changes[-1][1] != final:
            changes[-1] = (changes[-1][0], final)
            if len(changes) > 1 and changes[-2][1] == final:
                changes.pop()
    return _spans(changes, as_of)


def _badge_look(
    day: dt.date, evidence: str, exemptions: Sequence[Exemption], revocations: Sequence[Revocation], badge: Badge
) -> str:
    # The engine's precedence: revoked, then retired, then held, then exempt, then expired.
    if any(r.revoked_on <= day and (r.until is None or day <= r.until) for r in revocations):
        return REVOKED
    if badge.retired_on is not None and day > badge.retired_on:
        return ""
    if evidence in (EARNED, EXPIRING):
        return evidence
    if any(e.granted_on <= day <= e.expires_on for e in exemptions):
        return EXEMPT
    return evidence


def tier_spans(events: Iterable[TrustEvent], as_of: dt.date) -> tuple[Span, ...]:
    """The partner's tier and its standing over time, from its tier events (oldest first)."""
    changes: list[tuple[dt.date, str, str, str]] = []
    tier, standing = "", TierStanding.GOOD
    for day, group in itertools.groupby(events, key=lambda event: event.date):
        of_day = list(group)
        # A new tier entry is in good standing unless a standing event of the same day says otherwise.
        for event in of_day:
            if event.kind is EventKind.TIER_CHANGED:
                tier, standing = event.value, TierStanding.GOOD
        for event in of_day:
            if event.kind in _STANDING_EVENTS:
                tier, standing = event.value, _STANDING_EVENTS[event.kind]
        if not tier:
            continue
        label = f"{tier.title()} tier, {STANDING_LABELS[standing].lower()}"
        if not changes or changes[-1][3] != label:
            changes.append((day, _STANDING_LOOKS[standing], STANDING_LABELS[standing], label))
    return tuple(
        Span(start, following[0] if following else as_of + _ONE_DAY, look, key, label)
        for (start, look, key, label), following in zip(changes, [*changes[1:], None], strict=True)
    )


def _spans(changes: Sequence[tuple[dt.date, str]], as_of: dt.date) -> tuple[Span, ...]:
    spans = []
    for (start, look), following in zip(changes, [*changes[1:], None], strict=True):
        end = following[0] if following else as_of + _ONE_DAY
        if look:
            spans.append(Span(start, end, look, _BADGE_LABELS[look], _BADGE_LABELS[look]))
    return tuple(spans)


def trust_history(
    subject: str,
    events: Iterable[TrustEvent],
    badges: Sequence[Badge],
    decisions: Iterable[BadgeDecision],
    exemptions: Iterable[Exemption],
    revocations: Iterable[Revocation],
    as_of: dt.date,
    program_start: dt.date | None = None,
) -> TrustHistoryView | None:
    """The picture of one subject's history, or None when it has none.

    `events` are the subject's own (a partner's without its apps'), oldest first; `badges` the policy's badges
    at the subject's level, in the order rows are drawn; `exemptions` and `revocations` those that cover it.
    """
    by_badge: dict[str, list[TrustEvent]] = {}
    tier_events: list[TrustEvent] = []
    for event in events:
        if event.kind in _HELD_AFTER:
            by_badge.setdefault(event.value, []).append(event)
        elif event.kind is EventKind.TIER_CHANGED or event.kind in _STANDING_EVENTS:
            tier_events.append(event)
    exempt_by_badge: dict[str, list[Exemption]] = {}
    for exemption in exemptions:
        if exemption.granted_on <= as_of:
            exempt_by_badge.setdefault(exemption.badge, []).append(exemption)
    revoked_by_badge: dict[str, list[Revocation]] = {}
    for revocation in revocations:
        if revocation.badge is not None and revocation.revoked_on <= as_of:
            revoked_by_badge.setdefault(revocation.badge, []).append(revocation)
    decided = {decision.badge: decision for decision in decisions}
    rows: list[tuple[str, tuple[Span, ...]]] = []
    if tier_events:
        rows.append((TIER_ROW, tier_spans(tier_events, as_of)))
    for badge in badges:
        if badge.id in by_badge or badge.id in exempt_by_badge or badge.id in revoked_by_badge:
            spans = badge_spans(
                by_badge.get(badge.id, ()),
                exempt_by_badge.get(badge.id, ()),
                revoked_by_badge.get(badge.id, ()),
                badge,
                decided.get(badge.id),
                as_of,
            )
            if spans:
                rows.append((badge.name, spans))
    if not rows:
        return None
    return _picture(subject, rows, as_of, program_start)


def _picture(
    subject: str, rows: Sequence[tuple[str, tuple[Span, ...]]], as_of: dt.date, program_start: dt.date | None
) -> TrustHistoryView:
    first = min(span.start for _, spans in rows for span in spans)
    start = min(first, as_of - dt.timedelta(days=MIN_DAYS - 1))
    if program_start is not None:
        start = max(start, min(first, program_start))
    end = as_of + _ONE_DAY
    days = (end - start).days

    def x(day: dt.date) -> int:
        return round((day - start).days * PLOT / days)

    row_views = []
    looks: set[str] = set()
    for index, (name, spans) in enumerate(rows):
        top = AXIS + index * PITCH
        bar_top = top + BAR_TOP
        span_views = []
        for span, following in zip(spans, [*spans[1:], None], strict=True):
            left, right = x(span.start), x(span.end)
            # A hairline gap where the next span begins, so that two spans of one look stay two.
            gap = 1 if following is not None and following.start == span.end else 0
            width = max(MIN_SPAN, right - left - gap)
            looks.add(span.look)
            left = min(left, PLOT - MIN_SPAN)
            span_views.append(
                SpanView(
                    span.look,
                    span.look in PATTERNED,
                    span.label,
                    long_date(span.start),
                    ONGOING if span.end > as_of else long_date(span.end - _ONE_DAY),
                    left,
                    width,
                    f"M{left} {bar_top}h{width}v{BAR}h-{width}z",
                )
            )
        row_views.append(HistoryRowView(name, tuple(span_views), top + LABEL_BASELINE, bar_top))
    ticks = []
    shown = -MIN_LABEL_GAP
    for year in range(start.year + 1, as_of.year + 1):
        at = x(dt.date(year, 1, 1))
        crowded = at - shown < MIN_LABEL_GAP or PLOT - at < MIN_LABEL_GAP - 8
        ticks.append(YearTick(at, at + 3, "" if crowded else str(year)))
        shown = shown if crowded else at
    top, bottom = AXIS - 6, AXIS + len(rows) * PITCH - PITCH + BAR_TOP + BAR
    with_tier = rows[0][0] == TIER_ROW
    return TrustHistoryView(
        caption=f"Trust history of {subject}, from {long_date(first)} to {long_date(as_of)}",
        row_heading="Badge or tier" if with_tier else "Badge",
        rows=tuple(row_views),
        bars=_bars(row_views),
        ticks=tuple(ticks),
        tick_path="".join(f"M{tick.x} {top}V{bottom}" for tick in ticks),
        year_y=AXIS - 8,
        key=tuple(KeyEntry(look, _key_label(look, rows)) for look in _KEY_ORDER if look in looks),
        patterns=tuple(look for look in _KEY_ORDER if look in looks and look in PATTERNED),
        width=WIDTH,
        height=bottom + 30,
        as_of_path=f"M{PLOT + 3} {top}V{bottom + 4}",
        as_of_label=f"As of {long_date(as_of)}",
        as_of_label_y=bottom + 24,
    )


def _bars(rows: Sequence[HistoryRowView]) -> tuple[BarsView, ...]:
    """The bars of every row as a path per look, painted as the spans would be one by one: a span widened to
    stay visible can overlap the one after it, which must then be painted over it. So each span goes in the
    layer after every earlier span of its row it overlaps; a layer's bars never overlap, whatever their order."""
    layers: dict[tuple[int, str], list[str]] = {}
    for row in rows:
        placed: list[tuple[SpanView, int]] = []
        for span in row.spans:
            layer = 1 + max(
                (n for other, n in placed if other.x + other.width > span.x and span.x + span.width > other.x),
                default=-1,
            )
            placed.append((span, layer))
            layers.setdefault((layer, span.look), []).append(span.path)
    order = {look: index for index, look in enumerate(_KEY_ORDER)}
    return tuple(
        BarsView(look, look in PATTERNED, "".join(paths))
        for (_, look), paths in sorted(layers.items(), key=lambda item: (item[0][0], order[item[0][1]]))
    )


def _key_label(look: str, rows: Sequence[tuple[str, tuple[Span, ...]]]) -> str:
    """The key's words for a look: the badge state, the tier's standing, or both when both rows use it."""
    words = dict.fromkeys(span.key for _, spans in rows for span in spans if span.look == look)
    return " / ".join(words)
