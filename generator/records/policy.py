"""The program policy: badges, partner signals and tiers, declared in data/program/policy.yaml.

The policy only names rule kinds and their parameters; `generator.policy.rule_kinds` holds one entry per kind
(its evaluator and change dates) that refers to its parameter model here. A rule's parameters are a
model of their own, chosen by its `rule` field, so an unknown kind or a misspelt parameter is a located error in
the policy file like any other.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Annotated, ClassVar, Literal

from pydantic import Field

from generator.records.fields import (
    HttpsUrl,
    Identifier,
    IsoDate,
    LongText,
    Name,
    Record,
    ShortText,
    Unique,
    unique_items,
)
from generator.records.vocabulary import Grade, Soc2Type, Tier

Days = Annotated[int, Field(ge=1, le=3650)]


class Level(enum.StrEnum):
    """What a badge is about."""

    APP = "app"
    PARTNER = "partner"


class Provenance(enum.StrEnum):
    """Who stands behind a piece of evidence."""

    SELF_ATTESTED = "self-attested"
    VERIFIED = "verified"


class BadgeRole(enum.StrEnum):
    """What pages show a badge as, besides a badge: how the site finds it without knowing its id."""

    # The partner page's certifications section shows the partner's claim beside this badge's state, and the
    # search page offers it as a certification filter.
    SOC2_CERTIFICATION = "soc2-certification"
    ISO27001_CERTIFICATION = "iso27001-certification"
    # The statistics page counts the apps holding it as bug bounty participants.
    BUG_BOUNTY_PARTICIPATION = "bug-bounty-participation"

    @property
    def level(self) -> Level:
        """The level a badge with this role must have."""
        return Level.APP if self is BadgeRole.BUG_BOUNTY_PARTICIPATION else Level.PARTNER


class SlaThresholds(Record):
    """Lowest accepted SLA compliance, in percent, per priority."""

    critical: Annotated[float, Field(ge=0, le=100)]
    high: Annotated[float, Field(ge=0, le=100)]
    medium: Annotated[float, Field(ge=0, le=100)]
    low: Annotated[float, Field(ge=0, le=100)]


ANY_LEVEL = frozenset(Level)
APP_LEVEL = frozenset({Level.APP})
PARTNER_LEVEL = frozenset({Level.PARTNER})


class RuleParameters(Record):
    """The parameters of one rule kind, chosen by its `rule` field."""

    # The badge levels the kind can be a criterion of (tiers are partner level): the policy checks need it.
    levels: ClassVar[frozenset[Level]] = ANY_LEVEL


class BugBountyTenure(RuleParameters):
    """The app has been in a declared bug bounty program for at least `min_days`."""

    levels = APP_LEVEL
    rule: Literal["bug-bounty-tenure"]
    min_days: Days


class BugBountyResearchers(RuleParameters):
    """The latest bug bounty metrics, at most `max_age_days` old, count at least `min_researchers`."""

    levels = APP_LEVEL
    rule: Literal["bug-bounty-researchers"]
    min_researchers: Annotated[int, Field(ge=1, le=100_000)]
    max_age_days: Days


class BugBountySla(RuleParameters):
    """The latest bug bounty metrics, at most `max_age_days` old, meet every SLA threshold."""

    levels = APP_LEVEL
    rule: Literal["bug-bounty-sla"]
    min_percent: SlaThresholds
    max_age_days: Days


class CaiqLiteGrade(RuleParameters):
    """The partner's latest CAIQ-Lite grade is `min_grade` or better and at most `max_age_days` old."""

    rule: Literal["caiq-lite-grade"]
    min_grade: Grade
    max_age_days: Days


class VulnerabilityScanRule(RuleParameters):
    """The app's latest vulnerability scan passed and is at most `max_age_days` old."""

    levels = APP_LEVEL
    rule: Literal["vulnerability-scan"]
    max_age_days: Days


class Soc2Report(RuleParameters):
    """The partner's SOC 2 report is of `type` and its period ended at most `max_age_days` ago."""

    rule: Literal["soc2-report"]
    type: Soc2Type
    max_age_days: Days


class Iso27001Certificate(RuleParameters):
    """The partner's ISO/IEC 27001 certificate has been issued and has not expired."""

    rule: Literal["iso27001-certificate"]


class BadgesHeld(RuleParameters):
    """The same subject holds every badge in `all_of` (earned or expiring)."""

    rule: Literal["badges-held"]
    all_of: Annotated[tuple[Identifier, ...], unique_items(1, 10), Unique]


class AppBadgeHeld(RuleParameters):
    """At least `min_apps` of the partner's apps hold `badge` (earned or expiring)."""

    levels = PARTNER_LEVEL
    rule: Literal["app-badge-held"]
    badge: Identifier
    min_apps: Annotated[int, Field(ge=1, le=100)] = 1


class ProgramMember(RuleParameters):
    """The partner is a member of `program`, as maintainers record under memberships."""

    rule: Literal["program-member"]
    program: Identifier


Rule = Annotated[
    BugBountyTenure
    | BugBountyResearchers
    | BugBountySla
    | CaiqLiteGrade
    | VulnerabilityScanRule
    | Soc2Report
    | Iso27001Certificate
    | BadgesHeld
    | AppBadgeHeld
    | ProgramMember,
    Field(discriminator="rule"),
]


class Badge(Record):
    """A badge or signal, the criteria that earn it, and whose word it needs."""

    id: Identifier
    name: Name
    level: Level
    summary: LongText
    # The weakest evidence accepted: with `verified`, self-attested evidence alone does not earn it.
    accepts: Provenance = Provenance.VERIFIED
    retired_on: IsoDate | None = None
    retired_note: LongText | None = None
    # At most one badge of the policy has each role.
    role: BadgeRole | None = None
    criteria: Annotated[tuple[Rule, ...], Field(min_length=1, max_length=10)]


class TierPolicy(Record):
    """A partner tier and the security prerequisites that must hold for it."""

    id: Tier
    name: ShortText
    summary: LongText
    criteria: Annotated[tuple[Rule, ...], Field(min_length=1, max_length=10)]


class BugBountyPlatform(Record):
    """A bug bounty platform the program recognises: apps name it as their program's `platform`."""

    name: ShortText
    url: HttpsUrl


class Policy(Record):
    """The program policy: data/program/policy.yaml."""

    expiring_soon_days: Days
    # A tier whose prerequisites stop holding is "at risk" for this many days, then "suspended".
    tier_grace_days: Days
    badges: Annotated[tuple[Badge, ...], Field(min_length=1, max_length=50)]
    tiers: Annotated[tuple[TierPolicy, ...], Field(min_length=1, max_length=3)]
    # The platforms an app's bug bounty program may run on (empty: any).
    bug_bounty_platforms: Annotated[tuple[BugBountyPlatform, ...], Field(max_length=50)] = ()

    def badge(self, badge_id: str) -> Badge:
        """The badge with this id (the policy checks guarantee references resolve)."""
        return next(badge for badge in self.badges if badge.id == badge_id)

    def badge_with_role(self, role: BadgeRole) -> Badge | None:
        """The badge that has this role, if the policy gives it to one."""
        return next((badge for badge in self.badges if badge.role is role), None)

    def tier(self, tier: Tier) -> TierPolicy | None:
        """The policy for a tier, if the policy defines it."""
        return next((t for t in self.tiers if t.id is tier), None)


TIER_ORDER = (Tier.SILVER, Tier.GOLD, Tier.PLATINUM)
GRADE_ORDER = (Grade.RED, Grade.ORANGE, Grade.GREEN)


def grade_at_least(grade: Grade, minimum: Grade) -> bool:
    """Green is better than orange, orange than red."""
    return GRADE_ORDER.index(grade) >= GRADE_ORDER.index(minimum)


def days_between(start: dt.date, end: dt.date) -> int:
    """Whole days from start to end."""
    return (end - start).days
