"""The policy engine: every badge and tier of every partner and app, judged as of a date, with receipts.

`evaluate` is a pure function of the catalogue, the policy and the date: no clock, no files, no
randomness. Badges are judged in policy order, so a badge built on others (badges-held, app-badge-held)
sees their decisions; the policy checks guarantee it only refers to badges defined before it.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

from generator.load.catalog import Catalog
from generator.policy.outcomes import VERIFICATION_CRITERION as VERIFICATION_CRITERION
from generator.policy.outcomes import BadgeState as BadgeState
from generator.policy.outcomes import Criterion, Holding, MaintainerConfirmation, Shortfall
from generator.policy.rule_kind import ONE_DAY, Subject, latest
from generator.policy.rule_kinds import change_dates, judge
from generator.records.evidence import Verification
from generator.records.partner import App, Partner
from generator.records.policy import TIER_ORDER, Badge, Level, Policy, Provenance, Rule, TierPolicy
from generator.records.vocabulary import Grade, Tier


class TierStanding(enum.StrEnum):
    GOOD = "good-standing"
    AT_RISK = "at-risk"
    SUSPENDED = "suspended"


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
    # Retired: the day it was retired, and whether the subject held it then (its receipt is as of that day).
    retired_on: dt.date | None = None
    held_when_retired: bool = False

    @property
    def held(self) -> bool:
        """Earned, including expiring soon."""
        return self.state in (BadgeState.EARNED, BadgeState.EXPIRING)


@dataclass(frozen=True)
class TierDecision:
    """The tier a partner is assigned, and whether its prerequisites hold."""

    tier: Tier | None
    since: dt.date | None = None
    standing: TierStanding | None = None
    criteria: tuple[Criterion, ...] = ()
    # At risk: the last day before the tier is suspended unless the prerequisites hold again.
    review_by: dt.date | None = None

    @property
    def missing(self) -> tuple[Criterion, ...]:
        """The prerequisites that do not hold."""
        return tuple(c for c in self.criteria if not c.met)


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
        return Holding(True, last_day=decision.expires_on - ONE_DAY if decision.expires_on else None)


def evaluate(catalog: Catalog, policy: Policy, as_of: dt.date) -> Evaluation:
    """Judge every badge and tier of every partner and app as of `as_of`."""
    partners = {}
    for partner_id, located in catalog.partners.items():
        verification = catalog.verifications.get(partner_id)
        partners[partner_id] = evaluate_partner(
            located.record, catalog.apps_of(partner_id), verification.record if verification else None, policy, as_of
        )
    return Evaluation(as_of, partners)


def evaluate_partner(
    partner: Partner, apps: list[App], verification: Verification | None, policy: Policy, as_of: dt.date
) -> PartnerDecisions:
    """Judge one partner and its apps as of a date."""
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
    tier = decide_tier(partner_subject, policy, as_of)
    assessments = verification.caiq_lite if verification else ()
    assessment = latest(assessments, lambda a: a.assessed_on, as_of)
    return PartnerDecisions(
        partner=partner.id,
        grade=assessment.grade if assessment else None,
        grade_assessed_on=assessment.assessed_on if assessment else None,
        tier=tier,
        next_tier=_next_tier(tier.tier, partner_subject, policy, as_of),
        badges=tuple(partner_badges),
        apps={app_id: tuple(decisions) for app_id, decisions in app_badges.items()},
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
        if badge.retired_on is not None:
            days.add(badge.retired_on + ONE_DAY)
    return days


def decide_badge(badge: Badge, subject: Subject, policy: Policy, as_of: dt.date) -> BadgeDecision:
    """One badge for one subject as of a date."""
    partner_id = subject.partner.id
    app_id = subject.app.id if subject.app else None
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
        reason, until = exemption
        return BadgeDecision(
            badge.id,
            partner_id,
            app_id,
            BadgeState.EXEMPT,
            receipt,
            exemption_reason=reason,
            exemption_until=until,
        )
    unmet = [c for c in criteria if not c.met]
    lapses = [c.lapsed_on for c in unmet]
    if all(lapse is not None for lapse in lapses):
        expired_on = min(lapse for lapse in lapses if lapse is not None)
        return BadgeDecision(badge.id, partner_id, app_id, BadgeState.EXPIRED, receipt, expired_on=expired_on)
    return BadgeDecision(badge.id, partner_id, app_id, BadgeState.NOT_EARNED, receipt)


def _weakest(criteria: list[Criterion]) -> Provenance:
    with_evidence = [c for c in criteria if c.evidence]
    if any(c.provenance is Provenance.SELF_ATTESTED for c in with_evidence):
        return Provenance.SELF_ATTESTED
    return Provenance.VERIFIED


def _exemption(badge: Badge, subject: Subject, as_of: dt.date) -> tuple[str, dt.date] | None:
    if subject.verification is None:
        return None
    app_id = subject.app.id if subject.app else None
    for exemption in subject.verification.exemptions:
        applies = exemption.badge == badge.id and exemption.app in (None, app_id)
        if applies and exemption.granted_on <= as_of <= exemption.expires_on:
            return exemption.reason, exemption.expires_on
    return None


def _exemption_dates(badge: Badge, subject: Subject) -> set[dt.date]:
    exemptions = subject.verification.exemptions if subject.verification else ()
    app_id = subject.app.id if subject.app else None
    return {
        day
        for e in exemptions
        if e.badge == badge.id and e.app in (None, app_id)
        for day in (e.granted_on, e.expires_on + ONE_DAY)
    }


def tier_criteria(tier: TierPolicy, subject: Subject, as_of: dt.date) -> tuple[Criterion, ...]:
    """A tier's prerequisites, judged for a partner as of a date."""
    return tuple(judge(rule, subject, as_of) for rule in tier.criteria)


def decide_tier(subject: Subject, policy: Policy, as_of: dt.date) -> TierDecision:
    """The partner's assigned tier and its standing as of a date."""
    tiers = subject.verification.tiers if subject.verification else ()
    assigned = latest(tiers, lambda t: t.since, as_of)
    if assigned is None:
        return TierDecision(None)
    tier_policy = policy.tier(assigned.tier)
    if tier_policy is None:
        return TierDecision(assigned.tier, assigned.since, TierStanding.GOOD)
    criteria = tier_criteria(tier_policy, subject, as_of)
    if all(c.met for c in criteria):
        return TierDecision(assigned.tier, assigned.since, TierStanding.GOOD, criteria)
    lapses = [
        _stopped_on(rule, criterion, subject, as_of)
        for rule, criterion in zip(tier_policy.criteria, criteria, strict=True)
        if not criterion.met
    ]
    # The grace period runs from when the prerequisites stopped holding, or from the tier's start if
    # they never held under it.
    known = [lapse for lapse in lapses if lapse is not None]
    started = max(min(known), assigned.since) if len(known) == len(lapses) else assigned.since
    review_by = started + dt.timedelta(days=policy.tier_grace_days) - ONE_DAY
    if as_of <= review_by:
        return TierDecision(assigned.tier, assigned.since, TierStanding.AT_RISK, criteria, review_by)
    return TierDecision(assigned.tier, assigned.since, TierStanding.SUSPENDED, criteria)


def _next_tier(current: Tier | None, subject: Subject, policy: Policy, as_of: dt.date) -> TierDecision | None:
    """The next tier up and its prerequisites as of the date, or None at the top."""
    position = TIER_ORDER.index(current) + 1 if current is not None else 0
    for tier in TIER_ORDER[position:]:
        tier_policy = policy.tier(tier)
        if tier_policy is not None:
            criteria = tier_criteria(tier_policy, subject, as_of)
            return TierDecision(tier, criteria=criteria)
    return None


def _stopped_on(rule: Rule, criterion: Criterion, subject: Subject, as_of: dt.date) -> dt.date | None:
    """The first day an unmet criterion stopped holding: when it aged out, or when newer evidence (a lower
    grade, a failed scan) replaced evidence that met it. None when it did not hold before."""
    if criterion.lapsed_on is not None:
        return criterion.lapsed_on
    dates = [evidence.date for evidence in criterion.evidence if evidence.date is not None]
    newest = max(dates, default=None)
    if newest is not None and newest <= as_of and judge(rule, subject, newest - ONE_DAY).met:
        return newest
    return None
