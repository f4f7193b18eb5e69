"""Decisions → what the pages show: labels, URLs, sorted lists and states, ready to lay out.

Templates never compute: every string a page prints about a badge, a date or a state is made here,
once, so the HTML pages, the JSON API and the feeds all say the same thing. URLs are relative to the
site root, without a leading slash ("partners/acme-cloudworks/"); templates prefix them with SITEURL.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from generator.catalog import Catalog
from generator.engine import BadgeDecision, BadgeState, Evaluation, PartnerDecisions, TierDecision, TierStanding
from generator.events import EventKind, TrustEvent
from generator.markup import render_untrusted
from generator.model import App, Grade, Hosting, Partner
from generator.policy import TIER_ORDER, Badge, CaiqLiteGrade, Level, Policy, Provenance, TierPolicy
from generator.report import plural
from generator.rule_text import describe
from generator.rules import Criterion, Evidence

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

HOSTING_LABELS = {Hosting.CLOUD: "Cloud", Hosting.DATA_CENTER: "Data Center", Hosting.SERVER: "Server"}
STANDING_LABELS = {
    TierStanding.GOOD: "In good standing",
    TierStanding.AT_RISK: "At risk",
    TierStanding.SUSPENDED: "Suspended",
}


def long_date(day: dt.date) -> str:
    """'24 November 2026': unambiguous in every locale, and the same on every machine."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class EvidenceView:
    label: str
    detail: str
    date: str
    provenance: str
    url: str | None


@dataclass(frozen=True)
class CriterionView:
    requirement: str
    met: bool
    status: str
    observed: str
    evidence: tuple[EvidenceView, ...]


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class GradeView:
    grade: str
    label: str
    assessed_on: str
    css: str
    # False when the assessment is older than the policy's window for a current CAIQ-Lite assessment.
    current: bool
    freshness: str


@dataclass(frozen=True)
class TierStatusView:
    tier: str | None
    name: str
    url: str | None
    since: str | None
    standing: str | None
    standing_label: str | None
    explanation: str
    criteria: tuple[CriterionView, ...]


@dataclass(frozen=True)
class CertificationView:
    name: str
    details: str
    evidence_url: str
    state: str
    state_label: str
    provenance: str


@dataclass(frozen=True)
class EventView:
    date: str
    iso_date: str
    kind: str
    text: str
    url: str
    partner_id: str


@dataclass(frozen=True)
class BugBountyView:
    platform: str
    program_url: str
    visibility: str
    since: str
    scope: tuple[str, ...]


@dataclass(frozen=True)
class AppView:
    id: str
    name: str
    url: str
    partner: Link
    partner_id: str
    logo_url: str | None
    hosting: tuple[str, ...]
    listing_url: str
    description_html: str | None
    summary: str
    bug_bounty: BugBountyView | None
    badges: tuple[BadgeDecisionView, ...]
    held_badges: tuple[BadgeDecisionView, ...]
    tier: str | None
    tier_name: str
    # The partner's tier with its standing (an app of a suspended Gold partner must not just say "Gold").
    partner_tier: TierStatusView
    grade: GradeView | None
    api_url: str


@dataclass(frozen=True)
class PartnerView:
    id: str
    name: str
    url: str
    initials: str
    logo_url: str | None
    logo_source: str | None
    website: str
    security_email: str
    security_policy_url: str | None
    description_html: str | None
    summary: str
    tier: TierStatusView
    next_tier: TierStatusView | None
    grade: GradeView | None
    certifications: tuple[CertificationView, ...]
    badges: tuple[BadgeDecisionView, ...]
    held_badges: tuple[BadgeDecisionView, ...]
    apps: tuple[AppView, ...]
    events: tuple[EventView, ...]
    feed_url: str
    api_url: str
    verified: bool


@dataclass(frozen=True)
class HolderView:
    name: str
    url: str
    partner: str
    state_label: str
    state: str


@dataclass(frozen=True)
class BadgePageView:
    id: str
    name: str
    url: str
    level: str
    summary: str
    accepts: str
    retired: str | None
    retired_note: str | None
    criteria: tuple[str, ...]
    holders: tuple[HolderView, ...]
    lapsed: tuple[HolderView, ...]


@dataclass(frozen=True)
class TierPageView:
    id: str
    name: str
    url: str
    summary: str
    rank: int
    criteria: tuple[str, ...]
    members: tuple[HolderView, ...]


def url_of_partner(partner_id: str) -> str:
    return f"partners/{partner_id}/"


def url_of_app(app_id: str) -> str:
    return f"apps/{app_id}/"


def url_of_badge(badge_id: str) -> str:
    return f"badges/{badge_id}/"


def url_of_tier(tier: str) -> str:
    return f"tiers/{tier}/"


def badge_svg_url(app_id: str | None, partner_id: str, badge_id: str) -> str:
    owner = f"apps/{app_id}" if app_id else f"partners/{partner_id}"
    return f"{owner}/badges/{badge_id}.svg"


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
    if state is BadgeState.RETIRED and decision.retired_on:
        held = "held" if decision.held_when_retired else "not held"
        return f"Retired on {long_date(decision.retired_on)} ({held} then)", "Retired"
    return "Not earned", "Not earned"


def _evidence(evidence: Evidence) -> EvidenceView:
    return EvidenceView(
        evidence.label,
        for_readers(evidence.detail),
        long_date(evidence.date) if evidence.date else "",
        str(evidence.provenance),
        evidence.url,
    )


_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def for_readers(text: str) -> str:
    """Receipt text as pages show it: '2025-06-02' as '2 June 2025', state ids as words."""
    text = _ISO_DATE.sub(lambda m: long_date(dt.date(int(m[1]), int(m[2]), int(m[3]))), text)
    return text.replace("is not-earned", "is not earned")


def criterion_view(criterion: Criterion) -> CriterionView:
    return CriterionView(
        criterion.requirement,
        criterion.met,
        "Met" if criterion.met else "Missing",
        for_readers(criterion.observed),
        tuple(_evidence(e) for e in criterion.evidence),
    )


def badge_decision_view(decision: BadgeDecision, badge: Badge) -> BadgeDecisionView:
    long_label, short_label = state_labels(decision)
    note = None
    if decision.state is BadgeState.EXEMPT:
        note = f"Exemption: {decision.exemption_reason}"
    elif decision.state is BadgeState.RETIRED:
        note = badge.retired_note
    return BadgeDecisionView(
        badge_id=badge.id,
        name=badge.name,
        url=url_of_badge(badge.id),
        state=str(decision.state),
        state_label=long_label,
        state_short=short_label,
        held=decision.held,
        provenance=str(decision.provenance) if decision.held and decision.provenance else None,
        criteria=tuple(criterion_view(c) for c in decision.criteria),
        note=note,
        svg_url=None
        if decision.state is BadgeState.RETIRED
        else badge_svg_url(decision.app, decision.partner, badge.id),
        anchor=f"badge-{badge.id}",
    )


def grade_view(decisions: PartnerDecisions, policy: Policy) -> GradeView | None:
    """The latest CAIQ-Lite grade, and whether it is still current under the policy."""
    if decisions.grade is None or decisions.grade_assessed_on is None:
        return None
    grade: Grade = decisions.grade
    # The assessment is current while the partner-level badge that asks for any graded assessment holds.
    signals = [
        badge.id
        for badge in policy.badges
        if badge.level is Level.PARTNER
        and any(isinstance(rule, CaiqLiteGrade) and rule.min_grade is Grade.RED for rule in badge.criteria)
    ]
    decisions_for = [decisions.badge(badge_id) for badge_id in signals]
    current = not signals or any(d is not None and d.held for d in decisions_for)
    freshness = "Current assessment" if current else "Out of date: the assessment is older than the policy allows"
    return GradeView(
        str(grade), grade.label, long_date(decisions.grade_assessed_on), f"grade-{grade}", current, freshness
    )


def tier_status_view(tier: TierDecision, policy: Policy, *, upcoming: bool = False) -> TierStatusView:
    tier_policy = policy.tier(tier.tier) if tier.tier else None
    name = tier_policy.name if tier_policy else "No tier"
    criteria = tuple(criterion_view(c) for c in tier.criteria)
    if tier.tier is None:
        explanation = "No partner tier is assigned."
    elif upcoming:
        met = sum(1 for c in tier.criteria if c.met)
        explanation = f"{met} of {plural(len(tier.criteria), 'prerequisite')} met."
    elif tier.standing is TierStanding.GOOD:
        explanation = "Every security prerequisite of the tier holds."
    elif tier.standing is TierStanding.AT_RISK and tier.review_by:
        explanation = (
            f"A security prerequisite no longer holds. The tier is suspended after {long_date(tier.review_by)} "
            "unless it holds again."
        )
    else:
        explanation = "A security prerequisite of the tier does not hold, and the grace period has ended."
    return TierStatusView(
        tier=str(tier.tier) if tier.tier else None,
        name=name,
        url=url_of_tier(tier.tier) if tier.tier else None,
        since=long_date(tier.since) if tier.since else None,
        standing=str(tier.standing) if tier.standing and not upcoming else None,
        standing_label=STANDING_LABELS[tier.standing] if tier.standing and not upcoming else None,
        explanation=explanation,
        criteria=criteria,
    )


def first_sentence(text: str | None, limit: int = 160) -> str:
    """A plain-text summary of partner-written Markdown, for listings and meta descriptions."""
    if not text:
        return ""
    plain = " ".join(line.strip(" #*>-_`") for line in text.strip().splitlines() if line.strip())
    plain = plain.replace("**", "").replace("__", "")
    end = plain.find(". ")
    sentence = plain[: end + 1] if 0 < end < limit else plain
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


def initials(name: str) -> str:
    words = [w for w in name.replace("&", " ").split() if w[:1].isalnum()]
    return "".join(w[0] for w in words[:2]).upper() or name[:1].upper()


def event_text(event: TrustEvent, names: dict[str, str], policy: Policy) -> str:
    """One trust event as a sentence: 'Acme Sync earned Bug bounty participant'."""
    subject = names.get(event.app or event.partner, event.app or event.partner)
    badge_names = {badge.id: badge.name for badge in policy.badges}
    value = badge_names.get(event.value, event.value)
    if event.kind is EventKind.BADGE_EARNED:
        return f"{subject} earned {value}"
    if event.kind is EventKind.BADGE_EXPIRING and event.until:
        return f"{subject}: {value} expires on {long_date(event.until)} unless renewed"
    if event.kind is EventKind.BADGE_EXPIRED:
        return f"{subject}: {value} expired"
    if event.kind is EventKind.BADGE_LOST:
        return f"{subject} no longer holds {value} ({event.previous.replace('-', ' ')})"
    if event.kind is EventKind.GRADE_CHANGED:
        label = Grade(event.value).label
        if event.previous:
            return f"{subject}: CAIQ-Lite grade changed from {event.previous} to {event.value} ({label})"
        return f"{subject}: CAIQ-Lite graded {event.value} ({label})"
    if event.previous:
        return f"{subject}: tier changed from {event.previous} to {event.value}"
    return f"{subject} joined the partner program at {event.value} tier"


def event_view(event: TrustEvent, names: dict[str, str], policy: Policy) -> EventView:
    url = url_of_app(event.app) if event.app else url_of_partner(event.partner)
    return EventView(
        long_date(event.date),
        event.date.isoformat(),
        str(event.kind),
        event_text(event, names, policy),
        url,
        event.partner,
    )


def _certifications(partner: Partner, decisions: PartnerDecisions, policy: Policy) -> tuple[CertificationView, ...]:
    views = []
    claims = partner.certifications
    soc2 = decisions.badge("soc2")
    if claims.soc2 is not None and soc2 is not None:
        views.append(
            CertificationView(
                "SOC 2",
                f"{claims.soc2.type.replace('-', ' ').title()} report, period ended "
                f"{long_date(claims.soc2.report_period_end)}",
                claims.soc2.evidence_url,
                str(soc2.state),
                state_labels(soc2)[0],
                str(soc2.provenance or _claim_provenance(soc2)),
            )
        )
    iso = decisions.badge("iso27001")
    if claims.iso27001 is not None and iso is not None:
        cert = claims.iso27001
        views.append(
            CertificationView(
                "ISO/IEC 27001",
                f"Certificate {cert.certificate_id} by {cert.issuer}, issued {long_date(cert.issued_on)}, "
                f"expires {long_date(cert.expires_on)}",
                cert.evidence_url,
                str(iso.state),
                state_labels(iso)[0],
                str(iso.provenance or _claim_provenance(iso)),
            )
        )
    return tuple(views)


def _claim_provenance(decision: BadgeDecision) -> Provenance:
    provenances = {e.provenance for c in decision.criteria for e in c.evidence}
    return Provenance.VERIFIED if provenances == {Provenance.VERIFIED} else Provenance.SELF_ATTESTED


def holder_view(name: str, url: str, partner: str, decision: BadgeDecision) -> HolderView:
    return HolderView(name, url, partner, state_labels(decision)[0], str(decision.state))


def badge_pages(
    policy: Policy, partners: Sequence[PartnerView], evaluation: Evaluation, catalog: Catalog
) -> tuple[BadgePageView, ...]:
    pages = []
    for badge in policy.badges:
        holders: list[HolderView] = []
        lapsed: list[HolderView] = []
        for partner in partners:
            decisions = evaluation.partners[partner.id]
            subjects: list[tuple[str, str, BadgeDecision | None]]
            if badge.level is Level.PARTNER:
                subjects = [(partner.name, partner.url, decisions.badge(badge.id))]
            else:
                subjects = [(app.name, app.url, decisions.badge(badge.id, app.id)) for app in partner.apps]
            for name, url, decision in subjects:
                if decision is None:
                    continue
                if decision.held or (decision.state is BadgeState.RETIRED and decision.held_when_retired):
                    holders.append(holder_view(name, url, partner.name, decision))
                elif decision.state in (BadgeState.EXPIRED, BadgeState.EXEMPT):
                    lapsed.append(holder_view(name, url, partner.name, decision))
        pages.append(
            BadgePageView(
                id=badge.id,
                name=badge.name,
                url=url_of_badge(badge.id),
                level="App badge" if badge.level is Level.APP else "Partner signal",
                summary=badge.summary,
                accepts=(
                    "Maintainer-verified evidence only"
                    if badge.accepts is Provenance.VERIFIED
                    else "Self-attested evidence accepted, labelled as such until maintainers verify it"
                ),
                retired=long_date(badge.retired_on) if badge.retired_on else None,
                retired_note=badge.retired_note,
                criteria=tuple(describe(rule, lambda b: policy.badge(b).name) for rule in badge.criteria),
                holders=tuple(sorted(holders, key=lambda h: h.name.casefold())),
                lapsed=tuple(sorted(lapsed, key=lambda h: h.name.casefold())),
            )
        )
    return tuple(pages)


def tier_pages(policy: Policy, partners: Sequence[PartnerView]) -> tuple[TierPageView, ...]:
    pages = []
    for tier in sorted(policy.tiers, key=lambda t: -TIER_ORDER.index(t.id)):
        members = tuple(
            HolderView(p.name, p.url, p.name, p.tier.standing_label or "", p.tier.standing or "")
            for p in partners
            if p.tier.tier == tier.id
        )
        pages.append(_tier_page(tier, policy, members))
    return tuple(pages)


def _tier_page(tier: TierPolicy, policy: Policy, members: tuple[HolderView, ...]) -> TierPageView:
    return TierPageView(
        id=str(tier.id),
        name=tier.name,
        url=url_of_tier(tier.id),
        summary=tier.summary,
        rank=TIER_ORDER.index(tier.id),
        criteria=tuple(describe(rule, lambda b: policy.badge(b).name) for rule in tier.criteria),
        members=members,
    )


def partner_and_app_views(
    catalog: Catalog, policy: Policy, evaluation: Evaluation, events: Sequence[TrustEvent]
) -> tuple[PartnerView, ...]:
    """Every partner with its apps, sorted by name."""
    names = {p.record.id: p.record.name for p in catalog.partners.values()}
    names |= {a.record.id: a.record.name for a in catalog.apps.values()}
    badges = {badge.id: badge for badge in policy.badges}
    views = []
    for partner_id, located in catalog.partners.items():
        partner = located.record
        decisions = evaluation.partners[partner_id]
        logo_url = f"partners/{partner_id}/{partner.logo}" if partner.logo else None
        tier = tier_status_view(decisions.tier, policy)
        grade = grade_view(decisions, policy)
        apps = tuple(
            _app_view(app, partner, decisions, badges, logo_url, tier, grade)
            for app in sorted(catalog.apps_of(partner_id), key=lambda a: a.name.casefold())
        )
        partner_badges = tuple(
            badge_decision_view(d, badges[d.badge])
            for d in decisions.badges
            if d.state is not BadgeState.RETIRED or d.held_when_retired
        )
        history = tuple(
            event_view(e, names, policy)
            for e in sorted(events, key=lambda e: e.date, reverse=True)
            if e.partner == partner_id
        )
        views.append(
            PartnerView(
                id=partner_id,
                name=partner.name,
                url=url_of_partner(partner_id),
                initials=initials(partner.name),
                logo_url=logo_url,
                logo_source=str(located.document.path.parent / partner.logo) if partner.logo else None,
                website=partner.website,
                security_email=partner.security_contact.email,
                security_policy_url=partner.security_contact.policy_url,
                description_html=render_untrusted(partner.description) if partner.description else None,
                summary=first_sentence(partner.description),
                tier=tier,
                next_tier=tier_status_view(decisions.next_tier, policy, upcoming=True) if decisions.next_tier else None,
                grade=grade,
                certifications=_certifications(partner, decisions, policy),
                badges=partner_badges,
                held_badges=tuple(b for b in partner_badges if b.held),
                apps=apps,
                events=history,
                feed_url=f"feeds/partners/{partner_id}.atom.xml",
                api_url=f"api/v1/partners/{partner_id}.json",
                verified=partner_id in catalog.verifications,
            )
        )
    return tuple(sorted(views, key=lambda v: v.name.casefold()))


def _app_view(
    app: App,
    partner: Partner,
    decisions: PartnerDecisions,
    badges: dict[str, Badge],
    logo_url: str | None,
    tier: TierStatusView,
    grade: GradeView | None,
) -> AppView:
    views = tuple(badge_decision_view(d, badges[d.badge]) for d in decisions.apps[app.id])
    program = app.bug_bounty
    return AppView(
        id=app.id,
        name=app.name,
        url=url_of_app(app.id),
        partner=Link(partner.name, url_of_partner(partner.id)),
        partner_id=partner.id,
        logo_url=logo_url,
        hosting=tuple(HOSTING_LABELS[h] for h in app.hosting),
        listing_url=app.listing_url,
        description_html=render_untrusted(app.description) if app.description else None,
        summary=first_sentence(app.description),
        bug_bounty=BugBountyView(
            program.platform,
            program.program_url,
            program.visibility.title(),
            long_date(program.since),
            program.scope,
        )
        if program
        else None,
        badges=views,
        held_badges=tuple(v for v in views if v.held),
        tier=tier.tier,
        tier_name=tier.name,
        partner_tier=tier,
        grade=grade,
        api_url=f"api/v1/apps/{app.id}.json",
    )
