"""Readiness: for one partner, each badge and tier in plain language — what is met, what is missing.

The same text is the reviewer-readable record of every decision (the golden file of the demo data), so
it lists every criterion with its exact threshold and what was found.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from generator.load.catalog import Catalog
from generator.policy.engine import BadgeDecision, BadgeState, Evaluation, TierDecision
from generator.policy.outcomes import Criterion
from generator.records.policy import (
    BugBountyResearchers,
    BugBountySla,
    BugBountyTenure,
    Policy,
    VulnerabilityScanRule,
)
from generator.records.vocabulary import Tier
from generator.reports.criteria_words import Wording, observed, plain_wording, renewal, requirement


def describe_state(decision: BadgeDecision) -> str:
    """'earned (verified), lapses on 2027-06-03 (191 days left)', 'expired on 2026-01-15', …"""
    state = decision.state
    provenance = f" ({decision.provenance})" if decision.provenance else ""
    if decision.held and decision.expires_on is not None and decision.days_left is not None:
        left = f"{decision.days_left} day{'s' if decision.days_left != 1 else ''} left"
        return f"{state}{provenance}, lapses on {decision.expires_on.isoformat()} ({left})"
    if decision.held:
        return f"{state}{provenance}, no end date"
    if state is BadgeState.EXPIRED and decision.expired_on is not None:
        return f"expired on {decision.expired_on.isoformat()}"
    if state is BadgeState.EXEMPT and decision.exemption_until is not None:
        return f"exempt until {decision.exemption_until.isoformat()}: {decision.exemption_reason}"
    if state is BadgeState.REVOKED and decision.revocation is not None:
        return f"revoked on {decision.revocation.revoked_on.isoformat()}: {decision.revocation.reason}"
    if state is BadgeState.RETIRED and decision.retired_on is not None:
        held = "held" if decision.held_when_retired else "not held"
        return f"retired on {decision.retired_on.isoformat()} ({held} then)"
    return str(state)


def _criterion(criterion: Criterion, words: Wording) -> str:
    mark = "[met]    " if criterion.met else "[missing]"
    return f"      {mark} {requirement(criterion.rule, words)}: {observed(criterion, words)}"


def _badge_lines(decision: BadgeDecision, policy: Policy, words: Wording) -> Iterator[str]:
    badge = policy.badge(decision.badge)
    yield f"    {badge.name}: {describe_state(decision)}"
    if decision.state is BadgeState.RETIRED and badge.retired_note:
        yield f"      {badge.retired_note}"
    for criterion in decision.criteria:
        yield _criterion(criterion, words)


def _listed(decision: BadgeDecision) -> bool:
    # A retired badge is only worth a line for those who held it when it was retired.
    return decision.state is not BadgeState.RETIRED or decision.held_when_retired


def _tier_lines(tier: TierDecision, next_tier: TierDecision | None, policy: Policy, words: Wording) -> Iterator[str]:
    if tier.tier is None:
        yield "  Tier: none assigned"
    else:
        since = f" since {tier.since.isoformat()}" if tier.since else ""
        standing = str(tier.standing)
        if tier.review_by is not None:
            standing += f", suspended after {tier.review_by.isoformat()} unless the prerequisites hold again"
        yield f"  Tier: {tier.tier}{since}, {standing}"
        for criterion in tier.criteria:
            yield _criterion(criterion, words)
    if next_tier is None or next_tier.tier is None:
        yield "  Next tier: none (this is the highest tier)"
        return
    name = tier_policy.name if (tier_policy := policy.tier(next_tier.tier)) else str(next_tier.tier)
    met = sum(1 for c in next_tier.criteria if c.met)
    yield f"  Next tier: {name}, {met} of {len(next_tier.criteria)} prerequisites met"
    for criterion in next_tier.criteria:
        yield _criterion(criterion, words)


def readiness_lines(catalog: Catalog, policy: Policy, evaluation: Evaluation, partner_id: str) -> Iterator[str]:
    """The readiness report of one partner, line by line."""
    partner = catalog.partners[partner_id].record
    decisions = evaluation.partners[partner_id]
    yield f"{partner.name} ({partner.id}), as of {evaluation.as_of.isoformat()}"
    if decisions.grade is not None and decisions.grade_assessed_on is not None:
        assessed = decisions.grade_assessed_on.isoformat()
        yield f"  CAIQ-Lite grade: {decisions.grade} ({decisions.grade.label}), assessed on {assessed}"
    else:
        yield "  CAIQ-Lite grade: not assessed yet"
    words = plain_wording(policy, catalog.app_names)
    yield from _tier_lines(decisions.tier, decisions.next_tier, policy, words)
    yield "  Partner badges:"
    for decision in decisions.badges:
        if _listed(decision):
            yield from _badge_lines(decision, policy, words)
    for app in catalog.apps_of(partner_id):
        yield f"  App {app.name} ({app.id}):"
        for decision in decisions.apps[app.id]:
            if _listed(decision):
                yield from _badge_lines(decision, policy, words)
    steps = next_steps(catalog, policy, evaluation, partner_id)
    yield "  Next steps:" if steps else "  Next steps: none: every badge held has no end date and no tier is waiting"
    for step in steps:
        yield f"    {step}"


# The rules judged on an app's own evidence; the others rest on its partner's (the CAIQ-Lite grade, SOC 2, …).
_APP_EVIDENCE = (BugBountyTenure, BugBountyResearchers, BugBountySla, VulnerabilityScanRule)


def _renewals(decision: BadgeDecision, app: str) -> Iterator[tuple[dt.date, str, Criterion]]:
    """(the day it lapses, the app whose evidence it is or "", the criterion) for each criterion that makes a
    held badge lapse."""
    if not decision.held or decision.expires_on is None:
        return
    for criterion in decision.criteria:
        lapses = criterion.valid_until + dt.timedelta(days=1) if criterion.valid_until else None
        if lapses == decision.expires_on:
            yield lapses, app if isinstance(criterion.rule, _APP_EVIDENCE) else "", criterion


def next_steps(catalog: Catalog, policy: Policy, evaluation: Evaluation, partner_id: str) -> list[str]:
    """What the partner should do next, dated steps first in date order: renewals before held badges lapse,
    a tier at risk to make whole again, then the prerequisites of a pending or the next tier."""
    decisions = evaluation.partners[partner_id]
    # (day, action, the app whose evidence it is) → {badge name: the apps that keep it ("" for the partner)}
    keeps: dict[tuple[dt.date, str, str], dict[str, list[str]]] = {}
    subjects = [(decisions.badges, "")]
    subjects += [(decisions.apps[app.id], app.name) for app in catalog.apps_of(partner_id)]
    for badge_decisions, holder in subjects:
        for decision in badge_decisions:
            for day, evidence_of, criterion in _renewals(decision, holder):
                action = renewal(criterion.rule)
                if action is None:
                    continue
                kept = keeps.setdefault((day, action, evidence_of), {})
                holders = kept.setdefault(policy.badge(decision.badge).name, [])
                if holder and holder != evidence_of and holder not in holders:
                    holders.append(holder)
    dated = []
    for (day, action, evidence_of), kept in keeps.items():
        subject = f" for {evidence_of}" if evidence_of else ""
        badges = ", ".join(f"{badge} ({', '.join(apps)})" if apps else badge for badge, apps in kept.items())
        dated.append((day, f"{action}{subject}, to keep {badges}"))
    tier = decisions.tier
    if tier.review_by is not None and tier.tier is not None:
        missing = "; ".join(requirement(c.rule, plain_wording(policy)) for c in tier.missing)
        name = _tier_name(policy, tier.tier)
        suspended_on = tier.review_by + dt.timedelta(days=1)
        dated.append((suspended_on, f"make the {name} prerequisites hold again ({missing}), or the tier is suspended"))
    steps = [f"before {day.isoformat()}: {text}" for day, text in sorted(dated)]
    target = tier if tier.tier is not None and not tier.granted else decisions.next_tier
    if target is not None and target.tier is not None:
        verb = "to be granted" if target is tier else "to reach"
        name = _tier_name(policy, target.tier)
        steps += [f"{verb} {name}: {requirement(c.rule, plain_wording(policy))}" for c in target.missing]
    return steps


def _tier_name(policy: Policy, tier: Tier) -> str:
    found = policy.tier(tier)
    return found.name if found else str(tier)


def readiness_report(catalog: Catalog, policy: Policy, evaluation: Evaluation, partner_id: str) -> str:
    """The readiness report of one partner, as text."""
    return "\n".join(readiness_lines(catalog, policy, evaluation, partner_id)) + "\n"
