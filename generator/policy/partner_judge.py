"""One partner and its apps, judged on any day asked for: each badge of each subject on its own change days.

Every badge of every subject (the partner, or one of its apps) has a history of its own (`BadgeHistory`):
the days on which its evidence, exemptions, revocations or retirement change it, and the change days of the
badges it builds on (the same subject's for badges-held; every app's for app-level badges a partner rule
counts). A decision is judged once per day asked for. A rule built on another subject's badge (app-badge-held)
reads that badge's standing, the decision of its last change day, so a partner is never judged again for
every day one of its apps changes; tiers likewise judge their prerequisites only on the days those change.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from generator.policy.badge_decision import BadgeDecision, decide_badge, holding_of, own_change_days
from generator.policy.history import BadgeHistory, last_change
from generator.policy.outcomes import Criterion, Holding
from generator.policy.rule_kind import ONE_DAY, Subject, latest
from generator.policy.rule_kinds import change_dates, judge
from generator.policy.tiers import TierDecision, TierHistory, TierStanding
from generator.records.evidence import Verification
from generator.records.partner import App, Partner
from generator.records.policy import TIER_ORDER, AppBadgeHeld, Badge, BadgesHeld, Level, Policy, Rule, TierPolicy
from generator.records.shared_values import compact_pickle
from generator.records.vocabulary import Grade

# A badge of one subject: its id, and the app's id (None: the partner's).
BadgeKey = tuple[str, str | None]


@compact_pickle
@dataclass(frozen=True, slots=True)
class PartnerDecisions:
    """Everything decided about one partner and its apps."""

    partner: str
    grade: Grade | None
    grade_assessed_on: dt.date | None
    tier: TierDecision
    # The tier above the assigned one (Silver when none is assigned), judged as if applied for today.
    next_tier: TierDecision | None
    badges: tuple[BadgeDecision, ...]
    apps: Mapping[str, tuple[BadgeDecision, ...]]

    def badge(self, badge_id: str, app_id: str | None = None) -> BadgeDecision | None:
        """The decision on one badge, for the partner or one of its apps."""
        decisions = self.apps.get(app_id, ()) if app_id else self.badges
        return next((d for d in decisions if d.badge == badge_id), None)


class _DayHoldings:
    """The badges a subject holds on one day, as the rules judged that day for it see them."""

    def __init__(self, judge_days: PartnerJudge, app_id: str | None, day: dt.date) -> None:
        self._judge, self._app_id, self._day = judge_days, app_id, day

    def holding(self, badge_id: str, app_id: str | None) -> Holding:
        history = self._judge.histories.get((badge_id, app_id))
        if history is None:
            return Holding(False)
        # The subject's own badges are judged that very day; another subject's are read as they stand.
        own = app_id == self._app_id
        return holding_of(history.on(self._day) if own else history.standing(self._day))


class PartnerJudge:
    """One partner and its apps, judged on any day asked for, each badge and each tier's prerequisites on
    each day once."""

    def __init__(self, partner: Partner, apps: list[App], verification: Verification | None, policy: Policy) -> None:
        self.partner, self.apps, self.verification, self.policy = partner, apps, verification, policy
        # What the histories it holds call back through: a weak reference, so that a judge and everything it
        # remembers are freed as soon as it is dropped, not left as a cycle for the collector to find.
        self._itself = weakref.proxy(self)
        self.app_ids = tuple(app.id for app in apps)
        self._apps_by_id = {app.id: app for app in apps}
        # Histories in policy order, so that a badge's history is built after those of the badges it builds on.
        self.histories: dict[BadgeKey, BadgeHistory] = {}
        for badge in policy.badges:
            for app_id in self.app_ids if badge.level is Level.APP else (None,):
                self.histories[(badge.id, app_id)] = self._history(badge, app_id)
        self._tier_criteria: dict[tuple[str, dt.date], tuple[Criterion, ...]] = {}
        partner_subject = self.subject(None, dt.date.min)
        self._tier_days = {
            tier.id: sorted(
                {day for rule in tier.criteria for day in change_dates(rule, partner_subject)}
                | self._built_on_days(tier.criteria, None)
            )
            for tier in policy.tiers
        }
        self._tier_histories: dict[tuple[str, dt.date], TierHistory] = {}
        self._change_days: list[dt.date] | None = None

    def subject(self, app_id: str | None, day: dt.date) -> Subject:
        """The partner (app_id None) or one of its apps, with the badges it holds on a day."""
        app = self._apps_by_id[app_id] if app_id is not None else None
        return Subject(self.partner, app, self.verification, self.app_ids, _DayHoldings(self, app_id, day))

    def _history(self, badge: Badge, app_id: str | None) -> BadgeHistory:
        itself = self._itself

        def decide(day: dt.date) -> BadgeDecision:
            return decide_badge(badge, itself.subject(app_id, day), itself.policy, day)

        days = own_change_days(badge, self.subject(app_id, dt.date.min))
        return BadgeHistory(decide, days | self._built_on_days(badge.criteria, app_id))

    def _built_on_days(self, rules: Iterable[Rule], app_id: str | None) -> set[dt.date]:
        """The change days of the badges the rules build on."""
        days: set[dt.date] = set()
        for rule in rules:
            for key in _built_on(rule, app_id, self.app_ids):
                history = self.histories.get(key)
                days |= set(history.days) if history is not None else set()
        return days

    def badges_on(self, day: dt.date) -> tuple[tuple[BadgeDecision, ...], dict[str, tuple[BadgeDecision, ...]]]:
        """Every badge judged on a day, in policy order: the partner's, and each app's."""
        partner: list[BadgeDecision] = []
        apps: dict[str, list[BadgeDecision]] = {app_id: [] for app_id in self.app_ids}
        for (_, app_id), history in self.histories.items():
            (apps[app_id] if app_id is not None else partner).append(history.on(day))
        return tuple(partner), {app_id: tuple(decisions) for app_id, decisions in apps.items()}

    def tier_criteria(self, tier: TierPolicy, day: dt.date) -> tuple[Criterion, ...]:
        """A tier's prerequisites judged on a day."""
        key = (tier.id, day)
        criteria = self._tier_criteria.get(key)
        if criteria is None:
            subject = self.subject(None, day)
            criteria = self._tier_criteria[key] = tuple(judge(rule, subject, day) for rule in tier.criteria)
        return criteria

    def tier_holds(self, tier: TierPolicy, day: dt.date) -> bool:
        """Whether every prerequisite of a tier holds on a day: as judged on the last day one can change."""
        criteria = self.tier_criteria(tier, last_change(self._tier_days[tier.id], day))
        if any(c.valid_until is not None and c.valid_until < day for c in criteria):
            # An end the rules did not report as a change day: judge the day itself.
            criteria = self.tier_criteria(tier, day)
        return all(c.met for c in criteria)

    def change_days(self) -> list[dt.date]:
        """Every day on which a badge or a tier prerequisite of the partner can change, oldest first."""
        if self._change_days is None:
            days: set[dt.date] = set()
            for history in self.histories.values():
                days.update(history.days)
            for tier_days in self._tier_days.values():
                days.update(tier_days)
            days |= {entry.since for entry in self.verification.tiers} if self.verification else set()
            days |= {badge.retired_on + ONE_DAY for badge in self.policy.badges if badge.retired_on is not None}
            self._change_days = sorted(days)
        return self._change_days

    def tier(self, as_of: dt.date, *, with_criteria: bool = True) -> TierDecision:
        """The assigned tier's standing as of a date (with its prerequisites judged that day, unless not asked)."""
        entries = self.verification.tiers if self.verification else ()
        assigned = latest(entries, lambda e: e.since, as_of)
        if assigned is None:
            return TierDecision(None)
        tier_policy = self.policy.tier(assigned.tier)
        if tier_policy is None:
            return TierDecision(assigned.tier, assigned.since, TierStanding.GOOD, granted_on=assigned.since)
        key = (assigned.tier, assigned.since)
        history = self._tier_histories.get(key)
        if history is None:
            itself = self._itself
            history = self._tier_histories[key] = TierHistory(
                assigned, tier_policy, lambda tier, day: itself.tier_holds(tier, day), self.change_days()
            )
        criteria = self.tier_criteria(tier_policy, as_of) if with_criteria else ()
        return history.decide(self.policy, as_of, criteria)

    def decisions(self, as_of: dt.date) -> PartnerDecisions:
        """Everything decided about the partner and its apps as of a date."""
        badges, apps = self.badges_on(as_of)
        tier = self.tier(as_of)
        verification = self.verification
        assessment = latest(verification.caiq_lite if verification else (), lambda a: a.assessed_on, as_of)
        return PartnerDecisions(
            partner=self.partner.id,
            grade=assessment.grade if assessment else None,
            grade_assessed_on=assessment.assessed_on if assessment else None,
            tier=tier,
            next_tier=self._next_tier(tier, as_of),
            badges=badges,
            apps=apps,
        )

    def _next_tier(self, current: TierDecision, as_of: dt.date) -> TierDecision | None:
        """The tier to work towards: a pending tier itself, else the next one up, or None at the top."""
        # A pending tier is the one to work towards: the partner lacks its prerequisites.
        position = TIER_ORDER.index(current.tier) + 1 if current.tier is not None else 0
        if current.standing is TierStanding.PENDING:
            position -= 1
        for tier in TIER_ORDER[position:]:
            tier_policy = self.policy.tier(tier)
            if tier_policy is not None:
                return TierDecision(tier, criteria=self.tier_criteria(tier_policy, as_of))
        return None


def _built_on(rule: Rule, app_id: str | None, app_ids: tuple[str, ...]) -> list[BadgeKey]:
    """The badges a rule builds on: the same subject's, or every app's."""
    if isinstance(rule, BadgesHeld):
        return [(badge_id, app_id) for badge_id in rule.all_of]
    if isinstance(rule, AppBadgeHeld):
        return [(rule.badge, app) for app in app_ids]
    return []
