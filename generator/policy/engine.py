"""The policy engine: every badge and tier of every partner and app, judged as of a date, with receipts.

`evaluate` is a pure function of the catalogue, the policy and the date: no clock, no files, no
randomness. Badges are judged in policy order, so a badge built on others (badges-held, app-badge-held)
sees their decisions; the policy checks guarantee it only refers to badges defined before it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from generator.load.catalog import Catalog
from generator.policy.outcomes import VERIFICATION_CRITERION as VERIFICATION_CRITERION
from generator.policy.outcomes import BadgeState as BadgeState
from generator.policy.outcomes import Criterion, Holding, MaintainerConfirmation, Shortfall
from generator.policy.rule_kind import ONE_DAY, Subject, latest
from generator.policy.rule_kinds import change_dates, judge
from generator.policy.tiers import TierDecision as TierDecision
from generator.policy.tiers import TierStanding as TierStanding
from generator.policy.tiers import decide_tier
from generator.records.evidence import Exemption, Revocation, Verification
from generator.records.partner import App, Partner
from generator.records.policy import TIER_ORDER, Badge, Level, Policy, Provenance, TierPolicy
from generator.records.vocabulary import Grade


@dataclass(frozen=True)
class BadgeDecision:
    """One badge for one subject: its state, whose word it rests on, and the receipt."""

    badge: str
    partner: str
    app: str | None
    state: BadgeState
    criteria: tuple[Criterion, ...]
    provenance: Provenance | None = None
    # Earned or expiring: the first day it no longer holds without new evidence, and the days until then.
    expires_on: dt.date | None = None
    days_left: int | None = None
    # Expired: the first day it no longer held.
    expired_on: dt.date | None = None
    exemption_reason: str | None = None
    exemption_until: dt.date | None = None
    # Exempt: the exemption itself (who approved it, its reference). Revoked: the revocation.
    exemption: Exemption | None = None
    revocation: Revocation | None = None
    # Retired: the day it was retired, and whether the subject held it then (its receipt is as of that day).
    retired_on: dt.date | None = None
    held_when_retired: bool = False

    @property
    def held(self) -> bool:
        """Earned, including expiring soon."""
        return self.state in (BadgeState.EARNED, BadgeState.EXPIRING)


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class Evaluation:
    """The decisions for every partner, as of one date."""

    as_of: dt.date
    partners: Mapping[str, PartnerDecisions]


@dataclass
class _Holdings:
    """Badges held so far by a partner and its apps, for rules built on other badges."""

    decisions: dict[tuple[str, str | None], BadgeDecision] = field(default_factory=dict)

    def holding(self, badge_id: str, app_id: str | None) -> Holding:
        decision = self.decisions.get((badge_id, app_id))
        if decision is None:
            return Holding(False)
        if not decision.held:
            unmet = tuple(c for c in decision.criteria if not c.met)
            return Holding(False, lapsed_on=decision.expired_on, state=decision.state, unmet=unmet)
        last_day = decision.expires_on - ONE_DAY if decision.expires_on else None
        return Holding(True, last_day=last_day, provenance=decision.provenance)


def evaluate(catalog: Catalog, policy: Policy, as_of: dt.date) -> Evaluation:
    """Judge every badge and tier of every partner and app as of `as_of`."""
    partners = {}
    for partner_id, located in catalog.partners.items():
        verification = catalog.verifications.get(partner_id)
        judge_days = PartnerJudge(
            located.record, catalog.apps_of(partner_id), verification.record if verification else None, policy
        )
        partners[partner_id] = judge_days.decisions(as_of)
    return Evaluation(as_of, partners)


def evaluate_partner(
    partner: Partner, apps: list[App], verification: Verification | None, policy: Policy, as_of: dt.date
) -> PartnerDecisions:
    """Judge one partner and its apps as of a date."""
    return PartnerJudge(partner, apps, verification, policy).decisions(as_of)


@dataclass(frozen=True)
class JudgedDay:
    """Every badge of a partner and its apps judged on one day, and the partner as rules built on them see it."""

    badges: tuple[BadgeDecision, ...]
    apps: Mapping[str, tuple[BadgeDecision, ...]]
    partner_subject: Subject


class PartnerJudge:
    """One partner and its apps, judged on any day asked for, each day once.

    A tier's standing depends on the days before the date (when its prerequisites started or stopped
    holding), so judging a date judges the partner on every earlier day a prerequisite can change: the
    days are remembered, so that a sweep over many dates judges each day only once.
    """

    def __init__(self, partner: Partner, apps: list[App], verification: Verification | None, policy: Policy) -> None:
        self.partner, self.apps, self.verification, self.policy = partner, apps, verification, policy
        self._days: dict[dt.date, JudgedDay] = {}
        self._tier_criteria: dict[tuple[str, dt.date], tuple[Criterion, ...]] = {}
        self._change_days: list[dt.date] | None = None

    def badges_on(self, day: dt.date) -> JudgedDay:
        """Every badge judged on a day, in policy order."""
        judged = self._days.get(day)
        if judged is None:
            judged = self._days[day] = _judge_badges(self.partner, self.apps, self.verification, self.policy, day)
        return judged

    def tier_criteria(self, tier: TierPolicy, day: dt.date) -> tuple[Criterion, ...]:
        """A tier's prerequisites judged on a day."""
        key = (tier.id, day)
        if key not in self._tier_criteria:
            subject = self.badges_on(day).partner_subject
            self._tier_criteria[key] = tuple(judge(rule, subject, day) for rule in tier.criteria)
        return self._tier_criteria[key]

    def change_days(self) -> list[dt.date]:
        """Every day on which a badge or a tier prerequisite of the partner can change, oldest first."""
        if self._change_days is None:
            days = badge_change_dates(self.partner, self.apps, self.verification, self.policy)
            partner_subject, _ = _subjects(self.partner, self.apps, self.verification, _Holdings())
            for tier in self.policy.tiers:
                for rule in tier.criteria:
                    days |= change_dates(rule, partner_subject)
            days |= {entry.since for entry in self.verification.tiers} if self.verification else set()
            self._change_days = sorted(days)
        return self._change_days

    def tier(self, as_of: dt.date) -> TierDecision:
        """The assigned tier's standing as of a date."""
        entries = self.verification.tiers if self.verification else ()
        return decide_tier(entries, self.policy, as_of, self.tier_criteria, self.change_days())

    def decisions(self, as_of: dt.date) -> PartnerDecisions:
        """Everything decided about the partner and its apps as of a date."""
        judged = self.badges_on(as_of)
        tier = self.tier(as_of)
        assessments = self.verification.caiq_lite if self.verification else ()
        assessment = latest(assessments, lambda a: a.assessed_on, as_of)
        return PartnerDecisions(
            partner=self.partner.id,
            grade=assessment.grade if assessment else None,
            grade_assessed_on=assessment.assessed_on if assessment else None,
            tier=tier,
            next_tier=self._next_tier(tier, as_of),
            badges=judged.badges,
            apps=judged.apps,
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


def _judge_badges(
    partner: Partner, apps: list[App], verification: Verification | None, policy: Policy, as_of: dt.date
) -> JudgedDay:
    holdings = _Holdings()
    partner_subject, app_subjects = _subjects(partner, apps, verification, holdings)
    partner_badges: list[BadgeDecision] = []
    app_badges: dict[str, list[BadgeDecision]] = {app.id: [] for app in apps}
    for badge in policy.badges:
        subjects = app_subjects if badge.level is Level.APP else [partner_subject]
        for subject in subjects:
            decision = decide_badge(badge, subject, policy, as_of)
            app_id = subject.app.id if subject.app else None
            holdings.decisions[(badge.id, app_id)] = decision
            (app_badges[app_id] if app_id else partner_badges).append(decision)
    return JudgedDay(
        tuple(partner_badges), {app_id: tuple(decisions) for app_id, decisions in app_badges.items()}, partner_subject
    )


def _subjects(
    partner: Partner, apps: list[App], verification: Verification | None, holdings: _Holdings
) -> tuple[Subject, list[Subject]]:
    app_ids = tuple(app.id for app in apps)
    partner_subject = Subject(partner, None, verification, app_ids, holdings)
    return partner_subject, [Subject(partner, app, verification, app_ids, holdings) for app in apps]


def badge_change_dates(
    partner: Partner, apps: list[App], verification: Verification | None, policy: Policy
) -> set[dt.date]:
    """Every day on which a badge decision of the partner or its apps can change, but for the days a held
    badge starts expiring (which follow from its decision)."""
    partner_subject, app_subjects = _subjects(partner, apps, verification, _Holdings())
    days: set[dt.date] = set()
    for badge in policy.badges:
        for subject in app_subjects if badge.level is Level.APP else [partner_subject]:
            for rule in badge.criteria:
                days |= change_dates(rule, subject)
            days |= _exemption_dates(badge, subject)
            for revocation in _revocations(badge, subject):
                days.add(revocation.revoked_on)
                if revocation.until is not None:
                    days.add(revocation.until + ONE_DAY)
        if badge.retired_on is not None:
            days.add(badge.retired_on + ONE_DAY)
    return days


def decide_badge(badge: Badge, subject: Subject, policy: Policy, as_of: dt.date) -> BadgeDecision:
    """One badge for one subject as of a date."""
    partner_id = subject.partner.id
    app_id = subject.app.id if subject.app else None
    revocation = _revocation(badge, subject, as_of)
    if revocation is not None:
        # Revoked beats every other state: the receipt still shows what the evidence says.
        judged = tuple(judge(rule, subject, as_of) for rule in badge.criteria)
        return BadgeDecision(badge.id, partner_id, app_id, BadgeState.REVOKED, judged, revocation=revocation)
    if badge.retired_on is not None and as_of > badge.retired_on:
        final = decide_badge(badge, subject, policy, badge.retired_on)
        return BadgeDecision(
            badge.id,
            partner_id,
            app_id,
            BadgeState.RETIRED,
            final.criteria,
            retired_on=badge.retired_on,
            held_when_retired=final.held,
        )
    criteria = [judge(rule, subject, as_of) for rule in badge.criteria]
    provenance = _weakest(criteria)
    if all(c.met for c in criteria) and badge.accepts is Provenance.VERIFIED and provenance is Provenance.SELF_ATTESTED:
        criteria.append(Criterion(MaintainerConfirmation(), frozenset({Shortfall.UNCONFIRMED})))
    receipt = tuple(criteria)
    if all(c.met for c in criteria):
        ends = [c.valid_until for c in criteria if c.valid_until is not None]
        expires_on = min(ends) + ONE_DAY if ends else None
        days_left = (expires_on - as_of).days if expires_on else None
        expiring = days_left is not None and days_left <= policy.expiring_soon_days
        state = BadgeState.EXPIRING if expiring else BadgeState.EARNED
        return BadgeDecision(badge.id, partner_id, app_id, state, receipt, provenance, expires_on, days_left)
    exemption = _exemption(badge, subject, as_of)
    if exemption is not None:
        return BadgeDecision(
            badge.id,
            partner_id,
            app_id,
            BadgeState.EXEMPT,
            receipt,
            exemption_reason=exemption.reason,
            exemption_until=exemption.expires_on,
            exemption=exemption,
        )
    unmet = [c for c in criteria if not c.met]
    lapses = [c.lapsed_on for c in unmet]
    if all(lapse is not None for lapse in lapses):
        expired_on = min(lapse for lapse in lapses if lapse is not None)
        return BadgeDecision(badge.id, partner_id, app_id, BadgeState.EXPIRED, receipt, expired_on=expired_on)
    return BadgeDecision(badge.id, partner_id, app_id, BadgeState.NOT_EARNED, receipt)


def _weakest(criteria: list[Criterion]) -> Provenance:
    # A badge built on badges is only as verified as the weakest of them (it has no evidence of its own).
    with_evidence = [c for c in criteria if c.evidence or c.relies_on is not None]
    if any(c.provenance is Provenance.SELF_ATTESTED for c in with_evidence):
        return Provenance.SELF_ATTESTED
    return Provenance.VERIFIED


def _exemption(badge: Badge, subject: Subject, as_of: dt.date) -> Exemption | None:
    if subject.verification is None:
        return None
    app_id = subject.app.id if subject.app else None
    for exemption in subject.verification.exemptions:
        applies = exemption.badge == badge.id and exemption.app in (None, app_id)
        if applies and exemption.granted_on <= as_of <= exemption.expires_on:
            return exemption
    return None


def _revocations(badge: Badge, subject: Subject) -> list[Revocation]:
    revocations = subject.verification.revocations if subject.verification else ()
    app_id = subject.app.id if subject.app else None
    return [r for r in revocations if r.badge == badge.id and r.app in (None, app_id)]


def _revocation(badge: Badge, subject: Subject, as_of: dt.date) -> Revocation | None:
    """The revocation of the badge in force on the date: from `revoked_on` through `until`, if given."""
    in_force = [
        r for r in _revocations(badge, subject) if r.revoked_on <= as_of and (r.until is None or as_of <= r.until)
    ]
    return latest(in_force, lambda r: r.revoked_on, as_of)


def _exemption_dates(badge: Badge, subject: Subject) -> set[dt.date]:
    exemptions = subject.verification.exemptions if subject.verification else ()
    app_id = subject.app.id if subject.app else None
    return {
        day
        for e in exemptions
        if e.badge == badge.id and e.app in (None, app_id)
        for day in (e.granted_on, e.expires_on + ONE_DAY)
    }
