"""Checks on the maintainers' program files: the timeline's sources and dates, the policy's references."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from generator.load.located import Located
from generator.load.problems import Problem, suggest
from generator.load.yaml_nodes import PathPart
from generator.records.evidence import Verification
from generator.records.policy import AppBadgeHeld, Badge, BadgeRole, BadgesHeld, Level, Policy, Rule
from generator.records.timeline import Timeline
from generator.records.vocabulary import MilestoneStatus, Precision

# A rule kind out of place, by the level it was used at: the problem and its hint. Each kind declares the
# levels it fits on its parameter model.
WRONG_LEVEL = {
    Level.PARTNER: (
        "judges an app, so it cannot be a criterion here",
        "use an app-level badge, and app-badge-held where a partner needs it",
    ),
    Level.APP: ("counts a partner's apps, so it cannot be a criterion of an app badge", "use badges-held"),
}


def check_policy(policy: Located[Policy], verifications: Iterable[Located[Verification]]) -> Iterator[Problem]:
    """Badge and tier ids are unique, rules fit their level, and every badge named exists where it must."""
    record = policy.record
    levels: dict[str, Level] = {}
    roles: dict[BadgeRole, str] = {}
    for index, badge in enumerate(record.badges):
        path: tuple[PathPart, ...] = ("badges", index)
        if badge.id in levels:
            yield policy.at((*path, "id"), "duplicate-id", f"badge id '{badge.id}' is used twice")
        if badge.role is not None:
            yield from _check_role(policy, path, badge, roles)
        # A badge may only build on badges defined before it: they are judged in this order.
        yield from _check_criteria(policy, path, badge.criteria, badge.level, dict(levels))
        levels[badge.id] = badge.level
    seen: set[str] = set()
    for index, tier in enumerate(record.tiers):
        if tier.id in seen:
            yield policy.at(("tiers", index, "id"), "duplicate-id", f"tier '{tier.id}' is defined twice")
        seen.add(tier.id)
        yield from _check_criteria(policy, ("tiers", index), tier.criteria, Level.PARTNER, levels)
    for verification in verifications:
        for index, exemption in enumerate(verification.record.exemptions):
            level = levels.get(exemption.badge)
            where = ("exemptions", index, "badge")
            if level is None:
                hint = suggest(exemption.badge, levels) or "badges: " + ", ".join(levels)
                yield verification.at(where, "dangling-ref", f"no badge '{exemption.badge}' in the policy", hint)
            elif exemption.app is not None and level is Level.PARTNER:
                msg = f"badge '{exemption.badge}' is a partner-level badge: an exemption for it names no app"
                yield verification.at(where, "wrong-level", msg, hint="delete the app field")


def _check_role(
    policy: Located[Policy], path: tuple[PathPart, ...], badge: Badge, roles: dict[BadgeRole, str]
) -> Iterator[Problem]:
    role = badge.role
    if role is None:
        return
    if role in roles:
        msg = f"role '{role}' is already given to badge '{roles[role]}'"
        yield policy.at((*path, "role"), "duplicate-role", msg, hint="give each role to one badge only")
    else:
        roles[role] = badge.id
    if badge.level is not role.level:
        msg = f"role '{role}' needs a badge of level {role.level}, and '{badge.id}' has level {badge.level}"
        yield policy.at((*path, "role"), "wrong-level", msg, hint=f"give the role to a badge with level: {role.level}")


def _check_criteria(
    policy: Located[Policy], path: tuple[PathPart, ...], criteria: Iterable[Rule], level: Level, known: dict[str, Level]
) -> Iterator[Problem]:
    for number, rule in enumerate(criteria):
        where = (*path, "criteria", number)
        if level not in rule.levels:
            problem, hint = WRONG_LEVEL[level]
            yield policy.at((*where, "rule"), "wrong-level", f"rule '{rule.rule}' {problem}", hint=hint)
        if isinstance(rule, BadgesHeld):
            for item, badge in enumerate(rule.all_of):
                yield from _check_reference(policy, (*where, "all_of", item), badge, level, known)
        elif isinstance(rule, AppBadgeHeld):
            yield from _check_reference(policy, (*where, "badge"), rule.badge, Level.APP, known)


def _check_reference(
    policy: Located[Policy], where: tuple[PathPart, ...], badge: str, level: Level, known: dict[str, Level]
) -> Iterator[Problem]:
    if badge not in known:
        hint = suggest(badge, known) or "a badge can only build on badges listed before it"
        yield policy.at(where, "dangling-ref", f"no badge '{badge}' defined before this one", hint)
    elif known[badge] is not level:
        yield policy.at(where, "wrong-level", f"badge '{badge}' is a {known[badge]}-level badge (expected {level})")


def check_timeline(timeline: Located[Timeline]) -> Iterator[Problem]:
    """Milestone ids are unique, sources resolve, and dates fit their precision."""
    record = timeline.record
    source_ids = {source.id for source in record.sources}
    seen: set[str] = set()
    for index, source in enumerate(record.sources):
        if source.id in seen:
            yield timeline.at(("sources", index, "id"), "duplicate-id", f"source id '{source.id}' is used twice")
        seen.add(source.id)
    seen = set()
    for index, milestone in enumerate(record.milestones):
        path: tuple[PathPart, ...] = ("milestones", index)
        if milestone.id in seen:
            yield timeline.at((*path, "id"), "duplicate-id", f"milestone id '{milestone.id}' is used twice")
        seen.add(milestone.id)
        yield from _check_sources(timeline, path, milestone.sources, source_ids)
        yield from _check_precision(timeline, path, milestone.date, milestone.precision)
        for number, follow_up in enumerate(milestone.follow_ups):
            follow_path = (*path, "follow_ups", number)
            yield from _check_sources(timeline, follow_path, follow_up.sources, source_ids)
            yield from _check_precision(timeline, follow_path, follow_up.date, follow_up.precision)
    yield from _check_fulfilments(timeline)


def _check_fulfilments(timeline: Located[Timeline]) -> Iterator[Problem]:
    """A milestone that fulfils plans has happened, and each milestone it names is a plan of the timeline."""
    statuses = {milestone.id: milestone.status for milestone in timeline.record.milestones}
    for index, milestone in enumerate(timeline.record.milestones):
        if milestone.fulfils and milestone.status is not MilestoneStatus.HAPPENED:
            yield timeline.at(
                ("milestones", index, "status"),
                "bad-fulfils",
                f"milestone '{milestone.id}' fulfils plans but is itself {milestone.status}",
                hint="only a milestone that happened can show a plan done: write status: happened, or remove fulfils",
            )
        for number, planned in enumerate(milestone.fulfils):
            where: tuple[PathPart, ...] = ("milestones", index, "fulfils", number)
            if planned not in statuses:
                known = sorted(m for m, status in statuses.items() if status is MilestoneStatus.PLANNED)
                yield timeline.at(
                    where,
                    "dangling-ref",
                    f"no milestone '{planned}' in milestones",
                    hint="planned milestones: " + (", ".join(known) or "none"),
                )
            elif statuses[planned] is not MilestoneStatus.PLANNED:
                yield timeline.at(
                    where,
                    "bad-fulfils",
                    f"milestone '{planned}' is not a plan (its status is {statuses[planned]})",
                    hint="name only milestones with status: planned",
                )


def _check_sources(
    timeline: Located[Timeline], path: tuple[PathPart, ...], cited: Iterable[str], known: set[str]
) -> Iterator[Problem]:
    for number, source in enumerate(cited):
        if source not in known:
            yield timeline.at(
                (*path, "sources", number),
                "dangling-ref",
                f"no source '{source}' in sources",
                hint="known sources: " + ", ".join(sorted(known)),
            )


def _check_precision(
    timeline: Located[Timeline], path: tuple[PathPart, ...], day: dt.date, precision: Precision
) -> Iterator[Problem]:
    first_day = {
        Precision.DAY: day,
        Precision.MONTH: day.replace(day=1),
        Precision.QUARTER: dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1),
        Precision.YEAR: dt.date(day.year, 1, 1),
    }[precision]
    if day != first_day:
        yield timeline.at(
            (*path, "date"),
            "bad-precision",
            f"date: expected the first day of the {precision} (got {day.isoformat()})",
            hint=f"write date: {first_day.isoformat()}",
        )
