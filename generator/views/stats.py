"""Headline numbers and chart bars for the home and stats pages, computed from the views."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from generator.records.policy import TIER_ORDER, BadgeRole, Level, Policy
from generator.records.shared_values import compact_pickle
from generator.records.vocabulary import Grade
from generator.views.page_models import PartnerView

STALE = "out-of-date"


@compact_pickle
@dataclass(frozen=True, slots=True)
class Bar:
    """One bar of a chart: its label, count, share of the total and width in percent of the widest."""

    label: str
    count: int
    total: int
    percent: int
    width: str
    css: str


@compact_pickle
@dataclass(frozen=True, slots=True)
class Chart:
    title: str
    description: str
    bars: tuple[Bar, ...]


@compact_pickle
@dataclass(frozen=True, slots=True)
class Headline:
    partners: int
    apps: int
    verified_partners: int
    apps_in_bug_bounty: int
    badges_held: int


def _bars(rows: Sequence[tuple[str, int, str]], total: int) -> tuple[Bar, ...]:
    widest = max((count for _, count, _ in rows), default=0) or 1
    return tuple(
        Bar(label, count, total, round(100 * count / total) if total else 0, f"{100 * count / widest:.1f}", css)
        for label, count, css in rows
    )


def _width(count: int, total: int) -> str:
    """A bar's width in percent of the total; nothing to count (no apps yet) draws no bar."""
    return f"{100 * count / total:.1f}" if total else "0.0"


def headline(partners: Sequence[PartnerView]) -> Headline:
    apps = [app for partner in partners for app in partner.apps]
    held = sum(len(p.held_badges) for p in partners) + sum(len(a.held_badges) for a in apps)
    return Headline(
        partners=len(partners),
        apps=len(apps),
        verified_partners=sum(1 for p in partners if p.verified),
        apps_in_bug_bounty=sum(1 for a in apps if a.bug_bounty),
        badges_held=held,
    )


def charts(partners: Sequence[PartnerView], policy: Policy) -> tuple[Chart, ...]:
    """Grade distribution, bug bounty share, badge coverage and tiers."""
    apps = [app for partner in partners for app in partner.apps]
    # An out-of-date grade is counted as out of date, not as its colour.
    grades = [(p.grade.grade if p.grade.current else STALE) if p.grade else "" for p in partners]
    grade_rows = [
        (f"{g.title()}: {g.label}", grades.count(g), f"grade-{g}") for g in (Grade.GREEN, Grade.ORANGE, Grade.RED)
    ]
    grade_rows.append(("Out of date: assessed too long ago", grades.count(STALE), "grade-none"))
    grade_rows.append(("Not assessed yet", grades.count(""), "grade-none"))
    in_program = sum(1 for a in apps if a.bug_bounty)
    bounty_rows = [("Declare a bug bounty program", in_program, "bar-neutral")]
    participation = policy.badge_with_role(BadgeRole.BUG_BOUNTY_PARTICIPATION)
    if participation is not None:
        participant = sum(1 for a in apps for b in a.held_badges if b.badge_id == participation.id)
        bounty_rows.append((f"Hold the {participation.name} badge", participant, "bar-good"))
    bounty_rows.append(("No bug bounty program", len(apps) - in_program, "bar-muted"))
    coverage_rows = []
    for badge in policy.badges:
        if badge.retired_on is not None:
            continue
        if badge.level is Level.APP:
            count = sum(1 for a in apps for b in a.held_badges if b.badge_id == badge.id)
            coverage_rows.append((f"{badge.name} (of {len(apps)} apps)", count, "bar-good"))
        else:
            count = sum(1 for p in partners for b in p.held_badges if b.badge_id == badge.id)
            coverage_rows.append((f"{badge.name} (of {len(partners)} partners)", count, "bar-good"))
    tiers = [p.tier.tier or "" for p in partners]
    tier_rows = [(t.title(), tiers.count(t), f"tier-{t}") for t in reversed(TIER_ORDER)]
    tier_rows.append(("No tier", tiers.count(""), "tier-none"))
    coverage_bars = tuple(
        Bar(label, count, total, round(100 * count / total) if total else 0, _width(count, total), css)
        for (label, count, css), total in zip(
            coverage_rows,
            [len(apps) if "apps)" in row[0] else len(partners) for row in coverage_rows],
            strict=True,
        )
    )
    return (
        Chart(
            "CAIQ-Lite grades",
            f"Latest grade of each of the {len(partners)} partners.",
            _bars(grade_rows, len(partners)),
        ),
        Chart(
            "Bug bounty", f"How many of the {len(apps)} apps take part in a bug bounty.", _bars(bounty_rows, len(apps))
        ),
        Chart("Badge coverage", "How many apps or partners hold each badge today.", coverage_bars),
        Chart("Partner tiers", f"Tier of each of the {len(partners)} partners.", _bars(tier_rows, len(partners))),
    )
