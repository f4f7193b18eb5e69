"""One badge for one subject as of a date: its state and receipt, and the days on which it can change.

`decide_badge` is where a badge's criteria, its exemptions, revocations and retirement meet; the subject's
holdings answer for the badges it builds on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.policy.outcomes import BadgeState, Criterion, Holding, MaintainerConfirmation, Shortfall
from generator.policy.rule_kind import ONE_DAY, Subject, latest
from generator.policy.rule_kinds import change_dates, judge
from generator.records.evidence import Exemption, Revocation
from generator.records.policy import Badge, Policy, Provenance
from generator.records.shared_values import compact_pickle


@compact_pickle
@dataclass(frozen=True, slots=True)
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
    if subject.verification is None or not subject.verification.revocations:
        return None
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


def holding_of(decision: BadgeDecision) -> Holding:
    """How a rule built on a badge sees a decision on it."""
    if not decision.held:
        unmet = tuple(c for c in decision.criteria if not c.met)
        return Holding(False, lapsed_on=decision.expired_on, state=decision.state, unmet=unmet)
    last_day = decision.expires_on - ONE_DAY if decision.expires_on else None
    return Holding(True, last_day=last_day, provenance=decision.provenance)


def own_change_days(badge: Badge, subject: Subject) -> set[dt.date]:
    """Every day on which the badge can change for the subject, but for the days the badges it builds on
    change and the days a held badge starts expiring (which follow from its decision)."""
    days: set[dt.date] = set()
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
