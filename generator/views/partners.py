"""Partners and their apps as their pages show them: profile, tier, grade, certifications, badges, history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator.checks.logos import PublishedLogo, published_logo
from generator.load.catalog import Catalog
from generator.parallel import FEWEST_PARTNERS_FOR_WORKERS, process_count, run_in_processes
from generator.policy.engine import BadgeDecision, Evaluation, PartnerDecisions
from generator.records.evidence import Verification
from generator.records.partner import App, Partner
from generator.records.policy import Badge, BadgeRole, Policy, Provenance
from generator.records.shared_values import compact_pickle
from generator.reports.criteria_words import Wording, check_words
from generator.views.decisions import (
    GradeView,
    TierStatusView,
    badge_decision_view,
    grade_view,
    state_labels,
    tier_status_view,
)
from generator.views.description_cache import DescriptionRenderer
from generator.views.page_models import AppView, BugBountyView, CertificationView, EventView, PartnerView
from generator.views.partner_view_cache import PartnerViewCache
from generator.views.trust_history import TrustHistoryView, trust_history
from generator.views.urls import Link, url_of_app, url_of_partner
from generator.views.view_digests import PartnerDigests
from generator.views.words import (
    CERTIFICATION_NAMES,
    HOSTING_LABELS,
    first_sentence,
    initials,
    long_date,
    reader_wording,
)


def _certifications(partner: Partner, decisions: PartnerDecisions, policy: Policy) -> tuple[CertificationView, ...]:
    views = []
    claims = partner.certifications
    soc2 = _decision_with_role(decisions, policy, BadgeRole.SOC2_CERTIFICATION)
    if claims.soc2 is not None and soc2 is not None:
        views.append(
            CertificationView(
                CERTIFICATION_NAMES[BadgeRole.SOC2_CERTIFICATION],
                f"{claims.soc2.type.replace('-', ' ').title()} report, period ended "
                f"{long_date(claims.soc2.report_period_end)}",
                claims.soc2.evidence_url,
                str(soc2.state),
                state_labels(soc2)[0],
                str(soc2.provenance or _claim_provenance(soc2)),
                soc2.held,
                _claim_check(soc2, claims.soc2, policy),
            )
        )
    iso = _decision_with_role(decisions, policy, BadgeRole.ISO27001_CERTIFICATION)
    if claims.iso27001 is not None and iso is not None:
        cert = claims.iso27001
        views.append(
            CertificationView(
                CERTIFICATION_NAMES[BadgeRole.ISO27001_CERTIFICATION],
                f"Certificate {cert.certificate_id} by {cert.issuer}, issued {long_date(cert.issued_on)}, "
                f"expires {long_date(cert.expires_on)}",
                cert.evidence_url,
                str(iso.state),
                state_labels(iso)[0],
                str(iso.provenance or _claim_provenance(iso)),
                iso.held,
                _claim_check(iso, cert, policy),
            )
        )
    return tuple(views)


def _decision_with_role(decisions: PartnerDecisions, policy: Policy, role: BadgeRole) -> BadgeDecision | None:
    badge = policy.badge_with_role(role)
    return decisions.badge(badge.id) if badge is not None else None


def _claim_check(decision: BadgeDecision, claim: object, policy: Policy) -> str:
    """What the maintainers' check says of the claim shown, as the receipt words it."""
    for criterion in decision.criteria:
        for evidence in criterion.evidence:
            if evidence.record == claim:
                words = check_words(evidence, reader_wording(policy))
                return words[:1].upper() + words[1:]
    return ""


def _claim_provenance(decision: BadgeDecision) -> Provenance:
    provenances = {e.provenance for c in decision.criteria for e in c.evidence}
    return Provenance.VERIFIED if provenances == {Provenance.VERIFIED} else Provenance.SELF_ATTESTED


def partner_and_app_views(
    catalog: Catalog,
    policy: Policy,
    evaluation: Evaluation,
    history: Mapping[str, tuple[EventView, ...]],
    app_history: Mapping[str, tuple[EventView, ...]],
    processes: int | None = None,
) -> tuple[tuple[PartnerView, ...], dict[str, PartnerDigests]]:
    """Every partner with its apps, sorted by name, and the digests of the views kept in the cache
    (views/partner_view_cache.py); `history` holds each partner's events, newest first. The partners not
    remembered are described in `processes` processes (None: one per core when there are enough of them)."""
    shared = _SharedInputs(
        policy,
        {badge.id: badge for badge in policy.badges},
        reader_wording(policy, catalog.app_names),
        evaluation.as_of,
        min(m.date for m in catalog.timeline.record.milestones) if catalog.timeline else None,
        # Descriptions come from the cache when their text was rendered before (views/description_cache.py).
        DescriptionRenderer.open(),
    )
    cache = PartnerViewCache.open(catalog, policy, evaluation.as_of, shared.program_start)
    views: dict[str, PartnerView] = {}
    digests: dict[str, PartnerDigests] = {}
    # The partners not remembered: described in worker processes, each handing back its view as the cache
    # keeps it and the descriptions it rendered.
    unknown: list[tuple[str, str | None, PublishedLogo | None]] = []
    for partner_id, located in catalog.partners.items():
        logo = published_logo(located.document.path.parent / located.record.logo) if located.record.logo else None
        key = cache.key(partner_id, logo)
        remembered = cache.get(key)
        if remembered is None:
            unknown.append((partner_id, key, logo))
            continue
        views[partner_id], known = remembered
        if known is not None:
            digests[partner_id] = known

    def describe(partner: tuple[str, str | None, PublishedLogo | None]) -> tuple[bytes, dict[str, bytes]]:
        partner_id, key, logo = partner
        verification = catalog.verifications.get(partner_id)
        view = _partner_view(
            catalog.partners[partner_id].record,
            catalog.apps_of(partner_id),
            verification.record if verification else None,
            evaluation.partners[partner_id],
            logo,
            history.get(partner_id, ()),
            app_history,
            shared,
        )
        return cache.entry(key, view), shared.descriptions.take_new()

    workers = process_count(processes, len(unknown), FEWEST_PARTNERS_FOR_WORKERS)
    for (partner_id, key, _), (entry, rendered) in zip(
        unknown, run_in_processes(describe, unknown, workers), strict=True
    ):
        views[partner_id], known = cache.put_entry(key, entry)
        shared.descriptions.add(rendered)
        if known is not None:
            digests[partner_id] = known
    shared.descriptions.save()
    cache.save()
    # In the catalogue's order, as one process would have them, before the sort by name.
    in_order = [views[partner_id] for partner_id in catalog.partners]
    return tuple(sorted(in_order, key=lambda v: v.name.casefold())), {
        p: digests[p] for p in catalog.partners if p in digests
    }


@compact_pickle
@dataclass(frozen=True, slots=True)
class _SharedInputs:
    """What every partner's view is described from besides its own records, decisions and events."""

    policy: Policy
    badges: Mapping[str, Badge]
    words: Wording
    as_of: dt.date
    program_start: dt.date | None
    descriptions: DescriptionRenderer


def _partner_view(
    partner: Partner,
    partner_apps: Sequence[App],
    verification: Verification | None,
    decisions: PartnerDecisions,
    logo: PublishedLogo | None,
    events: tuple[EventView, ...],
    app_history: Mapping[str, tuple[EventView, ...]],
    shared: _SharedInputs,
) -> PartnerView:
    """One partner's view, its apps' included: from its own records, decisions and events (`app_history` is
    read for its own apps only) and the inputs every partner shares, nothing else."""
    policy, words = shared.policy, shared.words
    logo_url = f"partners/{partner.id}/{logo.file_name}" if logo else None
    tier = tier_status_view(decisions.tier, policy, words=words)
    grade = grade_view(decisions, policy)
    apps = tuple(
        _app_view(
            app,
            partner,
            decisions,
            policy,
            logo_url,
            tier,
            grade,
            app_history.get(app.id, ()),
            words,
            _history_picture(
                app.name,
                app_history.get(app.id, ()),
                decisions.apps[app.id],
                shared.badges,
                verification,
                app.id,
                shared.as_of,
                shared.program_start,
            ),
            shared.descriptions,
        )
        for app in sorted(partner_apps, key=lambda a: a.name.casefold())
    )
    # Retired badges stay on every partner's page, saying they are retired and what replaced them.
    partner_badges = tuple(badge_decision_view(d, shared.badges[d.badge], policy, words) for d in decisions.badges)
    return PartnerView(
        id=partner.id,
        name=partner.name,
        url=url_of_partner(partner.id),
        initials=initials(partner.name),
        logo_url=logo_url,
        logo_png=logo.data if logo else None,
        website=partner.website,
        security_email=partner.security_contact.email,
        security_policy_url=partner.security_contact.policy_url,
        description_html=shared.descriptions.render(partner.description) if partner.description else None,
        summary=first_sentence(partner.description),
        tier=tier,
        # A pending tier's panel already lists what it lacks: no second panel for the same tier.
        next_tier=tier_status_view(decisions.next_tier, policy, upcoming=True, words=words)
        if decisions.next_tier and tier.pending_tier is None
        else None,
        grade=grade,
        certifications=_certifications(partner, decisions, policy),
        badges=partner_badges,
        held_badges=tuple(b for b in partner_badges if b.held),
        apps=apps,
        events=events,
        history=_history_picture(
            partner.name,
            events,
            decisions.badges,
            shared.badges,
            verification,
            None,
            shared.as_of,
            shared.program_start,
        ),
        feed_url=f"feeds/partners/{partner.id}.atom.xml",
        api_url=f"api/v1/partners/{partner.id}.json",
        verified=verification is not None,
    )


def _history_picture(
    name: str,
    events: tuple[EventView, ...],
    decided: Sequence[BadgeDecision],
    badges: Mapping[str, Badge],
    verification: Verification | None,
    app_id: str | None,
    as_of: dt.date,
    program_start: dt.date | None,
) -> TrustHistoryView | None:
    """The picture of one partner's or app's history, from its events in words (newest first)."""
    exemptions = verification.exemptions if verification else ()
    revocations = verification.revocations if verification else ()
    return trust_history(
        name,
        # Oldest first, and the subject's own only: a partner's list holds its apps' events too.
        (view.event for view in reversed(events) if view.event.app == (app_id or "")),
        [badges[decision.badge] for decision in decided],
        decided,
        # The engine's matching, badge aside: an exemption or revocation without an app covers every app.
        [exemption for exemption in exemptions if exemption.app in (None, app_id)],
        [revocation for revocation in revocations if revocation.app in (None, app_id)],
        as_of,
        program_start,
    )


def _app_view(
    app: App,
    partner: Partner,
    decisions: PartnerDecisions,
    policy: Policy,
    logo_url: str | None,
    tier: TierStatusView,
    grade: GradeView | None,
    events: tuple[EventView, ...],
    words: Wording,
    history: TrustHistoryView | None,
    descriptions: DescriptionRenderer,
) -> AppView:
    views = tuple(badge_decision_view(d, policy.badge(d.badge), policy, words) for d in decisions.apps[app.id])
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
        description_html=descriptions.render(app.description) if app.description else None,
        summary=first_sentence(app.description),
        bug_bounty=BugBountyView(
            program.platform,
            program.program_url,
            program.visibility.title(),
            long_date(program.since),
            program.scope,
            long_date(program.until) if program.until else "",
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
        events=events,
        history=history,
        feed_url=f"feeds/apps/{app.id}.atom.xml",
    )
