"""Badge, grade and tier decisions as pages show them: states, labels, receipts with their evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from generator.load.problems import plural
from generator.policy.engine import BadgeDecision, BadgeState, PartnerDecisions, TierDecision, TierStanding
from generator.policy.outcomes import Criterion, Evidence
from generator.records.evidence import CaiqLiteAssessment
from generator.records.policy import TIER_ORDER, Badge, CaiqLiteGrade, Level, Policy
from generator.records.shared_values import compact_pickle
from generator.records.vocabulary import Grade, Tier
from generator.reports.criteria_words import Wording, evidence_detail, evidence_label, observed, requirement, status
from generator.views.urls import badge_svg_file, badge_svg_url, url_of_badge, url_of_tier
from generator.views.words import STANDING_LABELS, long_date, reader_wording


@compact_pickle
@dataclass(frozen=True, slots=True)
class EvidenceView:
    label: str
    detail: str
    date: str
    provenance: str
    url: str | None
    # Shown in full under the criterion just above: here only its label and date, with this note instead.
    as_above: str = ""


@compact_pickle
@dataclass(frozen=True, slots=True)
class CriterionView:
    requirement: str
    met: bool
    status: str
    observed: str
    evidence: tuple[EvidenceView, ...]


@compact_pickle
@dataclass(frozen=True, slots=True)
class BadgeDecisionView:
    """One badge as shown on a partner or app page, with its 'why' receipt."""

    badge_id: str
    name: str
    url: str
    state: str
    state_label: str
    # A short state for tight places: "Earned", "Expiring", "Expired", …
    state_short: str
    held: bool
    provenance: str | None
    criteria: tuple[CriterionView, ...]
    note: str | None
    svg_url: str | None
    anchor: str
    # The image from its owner's own page (where the embed block shows it): svg_url without the owner's path.
    svg_file: str = ""


@compact_pickle
@dataclass(frozen=True, slots=True)
class GradeView:
    grade: str
    label: str
    assessed_on: str
    css: str
    # False when the assessment is older than the policy's window for a current CAIQ-Lite assessment.
    current: bool
    freshness: str
    # ('Current until', '2 June 2027') or ('Out of date since', '15 January 2026'); empty without a window.
    currency: tuple[str, str] = ("", "")
    # What the assessment found missing, as the security team wrote it.
    gaps: tuple[str, ...] = ()

    @property
    def gaps_summary(self) -> str:
        """'2 gaps found', 'no gaps found'."""
        return f"{plural(len(self.gaps), 'gap')} found" if self.gaps else "no gaps found"


@compact_pickle
@dataclass(frozen=True, slots=True)
class TierStatusView:
    tier: str | None
    name: str
    url: str | None
    since: str | None
    standing: str | None
    standing_label: str | None
    explanation: str
    criteria: tuple[CriterionView, ...]
    # The day the tier was granted (its prerequisites first all held on or after its assignment).
    granted_on: str | None = None
    # Pending: the tier assigned but not granted.
    pending_tier: str | None = None

    @property
    def rank(self) -> range:
        """One mark per step up the tiers (Silver one, Gold two, Platinum three): tiers told apart by shape as
        well as colour."""
        return range(TIER_ORDER.index(Tier(self.tier)) + 1 if self.tier else 0)


def state_labels(decision: BadgeDecision) -> tuple[str, str]:
    """The state in words, long and short: ('Expiring in 16 days (lapses 10 December 2026)', 'Expiring')."""
    state = decision.state
    if state is BadgeState.EXPIRING and decision.days_left is not None and decision.expires_on:
        return f"Expiring in {plural(decision.days_left, 'day')} (on {long_date(decision.expires_on)})", "Expiring"
    if state is BadgeState.EARNED:
        until = f", valid until {long_date(decision.expires_on - dt.timedelta(days=1))}" if decision.expires_on else ""
        return f"Earned{until}", "Earned"
    if state is BadgeState.EXPIRED and decision.expired_on:
        return f"Expired since {long_date(decision.expired_on)}", "Expired"
    if state is BadgeState.EXEMPT and decision.exemption_until:
        return f"Exempt until {long_date(decision.exemption_until)}", "Exempt"
    if state is BadgeState.REVOKED and decision.revocation:
        return f"Revoked on {long_date(decision.revocation.revoked_on)}", "Revoked"
    if state is BadgeState.RETIRED and decision.retired_on:
        held = "held" if decision.held_when_retired else "not held"
        return f"Retired on {long_date(decision.retired_on)} ({held} then)", "Retired"
    return "Not earned", "Not earned"


def _evidence(evidence: Evidence, words: Wording) -> EvidenceView:
    return EvidenceView(
        evidence_label(evidence),
        evidence_detail(evidence, words),
        long_date(evidence.date) if evidence.date else "",
        str(evidence.provenance),
        evidence.url,
    )


def criterion_view(criterion: Criterion, words: Wording) -> CriterionView:
    """One line of a receipt as pages show it."""
    return CriterionView(
        requirement(criterion.rule, words),
        criterion.met,
        status(criterion),
        observed(criterion, words),
        tuple(_evidence(e, words) for e in criterion.evidence),
    )


def receipt_views(criteria: Sequence[Criterion], words: Wording) -> tuple[CriterionView, ...]:
    """A receipt's lines, each piece of evidence in full once: a criterion judged on the same evidence as the
    one just above it (a bug bounty's researchers and its SLA, from one metrics report) names it by label and
    date, "as above", rather than repeat its details and provenance."""
    views: list[CriterionView] = []
    above: tuple[EvidenceView, ...] = ()
    for criterion in criteria:
        view = criterion_view(criterion, words)
        shown = view.evidence
        if above and shown == above:
            view = replace(view, evidence=tuple(replace(e, detail="", as_above="as above") for e in shown))
        views.append(view)
        above = shown
    return tuple(views)


def badge_decision_view(
    decision: BadgeDecision, badge: Badge, policy: Policy, words: Wording | None = None
) -> BadgeDecisionView:
    long_label, short_label = state_labels(decision)
    note = None
    if decision.state is BadgeState.EXEMPT:
        note = f"Exemption: {decision.exemption_reason}"
    elif decision.state is BadgeState.REVOKED and decision.revocation:
        note = f"Revoked by maintainers: {decision.revocation.reason}"
    elif decision.state is BadgeState.RETIRED:
        note = f"This badge is retired. {badge.retired_note}" if badge.retired_note else "This badge is retired."
    return BadgeDecisionView(
        badge_id=badge.id,
        name=badge.name,
        url=url_of_badge(badge.id),
        state=str(decision.state),
        state_label=long_label,
        state_short=short_label,
        held=decision.held,
        provenance=str(decision.provenance) if decision.held and decision.provenance else None,
        criteria=receipt_views(decision.criteria, words or reader_wording(policy)),
        note=note,
        # Retired and revoked badges keep their images, which say so in grey: embedded images never break.
        svg_url=badge_svg_url(decision.app, decision.partner, badge.id),
        anchor=f"badge-{badge.id}",
        svg_file=badge_svg_file(badge.id),
    )


def grade_currency_badges(policy: Policy) -> tuple[str, ...]:
    """The badges that say a partner's grade is current: a grade counts in its colour while one of them holds."""
    # The assessment is current while the partner-level badge that asks for any graded assessment holds.
    return tuple(
        badge.id
        for badge in policy.badges
        if badge.level is Level.PARTNER
        and any(isinstance(rule, CaiqLiteGrade) and rule.min_grade is Grade.RED for rule in badge.criteria)
    )


def grade_view(decisions: PartnerDecisions, policy: Policy) -> GradeView | None:
    """The latest CAIQ-Lite grade, and whether it is still current under the policy."""
    if decisions.grade is None or decisions.grade_assessed_on is None:
        return None
    grade: Grade = decisions.grade
    signals = grade_currency_badges(policy)
    decisions_for = [d for d in (decisions.badge(badge_id) for badge_id in signals) if d is not None]
    current = not signals or any(d.held for d in decisions_for)
    freshness = "Current assessment" if current else "Out of date: the assessment is older than the policy allows"
    # An out-of-date grade is not shown in its colour: it no longer says how developed the partner is.
    css = f"grade-{grade}" if current else "grade-none"
    return GradeView(
        str(grade),
        grade.label,
        long_date(decisions.grade_assessed_on),
        css,
        current,
        freshness,
        _grade_currency(decisions_for),
        _gaps(decisions_for, decisions.grade_assessed_on),
    )


def _grade_currency(signals: list[BadgeDecision]) -> tuple[str, str]:
    held = [d.expires_on for d in signals if d.held and d.expires_on is not None]
    if held:
        return "Current until", long_date(max(held) - dt.timedelta(days=1))
    lapsed = [d.expired_on for d in signals if not d.held and d.expired_on is not None]
    return ("Out of date since", long_date(max(lapsed))) if lapsed else ("", "")


def _gaps(signals: list[BadgeDecision], assessed_on: dt.date) -> tuple[str, ...]:
    """The gaps of the assessment the grade comes from, read off the evidence its badge was judged on."""
    for decision in signals:
        for criterion in decision.criteria:
            for evidence in criterion.evidence:
                if isinstance(evidence.record, CaiqLiteAssessment) and evidence.record.assessed_on == assessed_on:
                    return tuple(evidence.record.gaps)
    return ()


def tier_status_view(
    tier: TierDecision, policy: Policy, *, upcoming: bool = False, words: Wording | None = None
) -> TierStatusView:
    tier_policy = policy.tier(tier.tier) if tier.tier else None
    name = tier_policy.name if tier_policy else "No tier"
    criteria = receipt_views(tier.criteria, words or reader_wording(policy))
    if tier.standing is TierStanding.PENDING and not upcoming:
        # Not granted: not the partner's tier, only what it is waiting for.
        assigned = long_date(tier.since) if tier.since else "its assignment"
        return TierStatusView(
            tier=None,
            name="No tier",
            url=None,
            since=None,
            standing=str(TierStanding.PENDING),
            standing_label=f"{name} pending",
            explanation=(
                f"{name} was assigned on {assigned}, but its security prerequisites have not all held on any day "
                f"since, so it is not granted. What is missing is marked below."
            ),
            criteria=criteria,
            pending_tier=name,
        )
    if tier.tier is None:
        explanation = "No partner tier is assigned."
    elif upcoming:
        met = sum(1 for c in tier.criteria if c.met)
        explanation = f"{met} of {plural(len(tier.criteria), 'prerequisite')} met."
    elif tier.standing is TierStanding.GOOD:
        explanation = "Every security prerequisite of the tier holds."
    elif tier.standing is TierStanding.AT_RISK and tier.review_by and tier.standing_since:
        explanation = (
            f"A security prerequisite stopped holding on {long_date(tier.standing_since)}. The tier is suspended "
            f"after {long_date(tier.review_by)} unless it holds again."
        )
    else:
        explanation = "A security prerequisite of the tier does not hold, and the grace period has ended."
    return TierStatusView(
        tier=str(tier.tier) if tier.tier else None,
        name=name,
        url=url_of_tier(tier.tier) if tier.tier else None,
        since=long_date(tier.since) if tier.since else None,
        standing=str(tier.standing) if tier.standing and not upcoming else None,
        standing_label=_standing_label(tier) if tier.standing and not upcoming else None,
        explanation=explanation,
        criteria=criteria,
        granted_on=long_date(tier.granted_on) if tier.granted_on and not upcoming else None,
    )


def _standing_label(tier: TierDecision) -> str | None:
    """'At risk since 2 November 2026', 'Suspended since …', 'In good standing'."""
    if tier.standing is None:
        return None
    label = STANDING_LABELS[tier.standing]
    if tier.standing in (TierStanding.AT_RISK, TierStanding.SUSPENDED) and tier.standing_since:
        return f"{label} since {long_date(tier.standing_since)}"
    return label
