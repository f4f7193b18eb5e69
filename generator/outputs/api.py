"""The static JSON API under api/v1/: an index, one file per partner and one per app, with receipts.

Display strings (state labels, requirements, event sentences) are the ones the pages print, taken from
the views; dates are ISO 8601, taken from the decisions, because a program reads them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from generator.policy import outcomes
from generator.policy.engine import BadgeDecision, BadgeState, TierDecision
from generator.records.policy import Provenance
from generator.reports.criteria_words import (
    Wording,
    evidence_detail,
    evidence_label,
    observed,
    plain_wording,
    requirement,
    status,
)
from generator.site import api_documents as api
from generator.site import output_paths as paths
from generator.site.model import SiteModel
from generator.site.public_site import PublicSite
from generator.views.decisions import BadgeDecisionView, TierStatusView
from generator.views.page_models import AppView, EventView, PartnerView
from generator.views.urls import url_of_badge

GENERATED_BY = "Trust Pages"


def api_files(model: SiteModel, site: PublicSite) -> dict[str, bytes]:
    """api/v1/index.json, api/v1/partners/<id>.json and api/v1/apps/<id>.json."""
    files = api_index_files(model, site)
    partner_files = api_files_by_partner(model, site)
    for partner in model.partners:
        files |= partner_files(partner)
    return files


def api_index_files(model: SiteModel, site: PublicSite) -> dict[str, bytes]:
    """api/v1/index.json: every partner and app, in short."""
    return {paths.API_INDEX: api.document_bytes(index_document(model, site))}


def api_files_by_partner(model: SiteModel, site: PublicSite) -> Callable[[PartnerView], dict[str, bytes]]:
    """What makes one partner's API files: api/v1/partners/<id>.json and api/v1/apps/<id>.json of its apps."""
    # One wording for every file: it holds every app's name, too many to gather again for each file.
    words = plain_wording(model.policy, model.catalog.app_names)

    def files_of(partner: PartnerView) -> dict[str, bytes]:
        files = {partner.api_url: api.document_bytes(partner_document(model, partner, site, words))}
        for app in partner.apps:
            files[app.api_url] = api.document_bytes(app_document(model, app, site, words))
        return files

    return files_of


def index_document(model: SiteModel, site: PublicSite) -> api.IndexDocument:
    """Every partner, app and badge, and where the other files are."""
    partners = []
    for partner in model.partners:
        decisions = model.evaluation.partners[partner.id]
        partners.append(
            api.PartnerEntry(
                id=partner.id,
                name=partner.name,
                url=site.url_of(partner.url),
                api_url=site.url_of(partner.api_url),
                tier=decisions.tier.tier,
                tier_standing=decisions.tier.standing,
                grade=decisions.grade,
                grade_assessed_on=decisions.grade_assessed_on,
            )
        )
    apps = [
        api.AppEntry(
            id=app.id,
            name=app.name,
            partner=_partner_link(model, app.partner_id, site),
            url=site.url_of(app.url),
            api_url=site.url_of(app.api_url),
            badges=tuple(badge.badge_id for badge in app.held_badges),
        )
        for app in model.apps
    ]
    badges = [
        api.BadgeEntry(
            id=badge.id,
            name=badge.name,
            level=badge.level,
            url=site.url_of(url_of_badge(badge.id)),
            retired_on=badge.retired_on,
        )
        for badge in model.policy.badges
    ]
    links = api.Links(
        home=site.url_of(""),
        feed=site.url_of(paths.SITE_FEED),
        apps_csv=site.url_of(paths.APPS_CSV),
        partners_csv=site.url_of(paths.PARTNERS_CSV),
        index_schema=site.url_of(api.api_schema_path(api.ApiKind.INDEX)),
        partner_schema=site.url_of(api.api_schema_path(api.ApiKind.PARTNER)),
        app_schema=site.url_of(api.api_schema_path(api.ApiKind.APP)),
    )
    return api.IndexDocument(
        as_of=model.as_of,
        generated_by=GENERATED_BY,
        links=links,
        partners=tuple(partners),
        apps=tuple(apps),
        badges=tuple(badges),
    )


def partner_document(
    model: SiteModel, partner: PartnerView, site: PublicSite, words: Wording | None = None
) -> api.PartnerDocument:
    """One partner's profile, tier, grade, signals with receipts, apps and history (no editors); `words` is the
    model's `plain_wording`, when the caller has it."""
    decisions = model.evaluation.partners[partner.id]
    words = plain_wording(model.policy, model.catalog.app_names) if words is None else words
    record = model.catalog.partners[partner.id].record
    grade = None
    if decisions.grade is not None and decisions.grade_assessed_on is not None:
        grade = api.GradeStatus(
            grade=decisions.grade, label=decisions.grade.label, assessed_on=decisions.grade_assessed_on
        )
    return api.PartnerDocument(
        as_of=model.as_of,
        id=partner.id,
        name=partner.name,
        url=site.url_of(partner.url),
        api_url=site.url_of(partner.api_url),
        feed_url=site.url_of(partner.feed_url),
        website=partner.website,
        summary=partner.summary,
        description=record.description,
        logo_url=site.url_of(partner.logo_url) if partner.logo_url else None,
        security_contact=api.SecurityContact(email=partner.security_email, policy_url=partner.security_policy_url),
        verified=partner.verified,
        tier=tier_status(decisions.tier, partner.tier, site, words),
        grade=grade,
        certifications=tuple(
            api.Certification(
                name=c.name,
                details=c.details,
                evidence_url=c.evidence_url,
                state_label=c.state_label,
                provenance=Provenance(c.provenance),
            )
            for c in partner.certifications
        ),
        badges=tuple(badge_status(_decision(model, view, partner.id), view, site, words) for view in partner.badges),
        apps=tuple(
            api.AppLink(id=a.id, name=a.name, url=site.url_of(a.url), api_url=site.url_of(a.api_url))
            for a in partner.apps
        ),
        events=tuple(_events(model.events_by_partner.get(partner.id, ()), site)),
    )


def app_document(model: SiteModel, app: AppView, site: PublicSite, words: Wording | None = None) -> api.AppDocument:
    """One app, its partner's tier and grade, and every badge with its receipt; `words` is the model's
    `plain_wording`, when the caller has it."""
    decisions = model.evaluation.partners[app.partner_id]
    words = plain_wording(model.policy, model.catalog.app_names) if words is None else words
    record = model.catalog.apps[app.id].record
    program = record.bug_bounty
    return api.AppDocument(
        as_of=model.as_of,
        id=app.id,
        name=app.name,
        url=site.url_of(app.url),
        api_url=site.url_of(app.api_url),
        partner=_partner_link(model, app.partner_id, site),
        hosting=record.hosting,
        listing_url=app.listing_url,
        summary=app.summary,
        bug_bounty=api.BugBounty(
            platform=program.platform,
            program_url=program.program_url,
            visibility=program.visibility,
            since=program.since,
            scope=program.scope,
        )
        if program
        else None,
        tier=decisions.tier.tier,
        tier_standing=decisions.tier.standing,
        grade=decisions.grade,
        grade_assessed_on=decisions.grade_assessed_on,
        badges=tuple(
            badge_status(_decision(model, view, app.partner_id, app.id), view, site, words) for view in app.badges
        ),
    )


def badge_status(decision: BadgeDecision, view: BadgeDecisionView, site: PublicSite, words: Wording) -> api.BadgeStatus:
    """A badge decision with its receipt: the page's words, the engine's dates."""
    return api.BadgeStatus(
        id=view.badge_id,
        name=view.name,
        url=site.url_of(view.url),
        state=decision.state,
        state_label=view.state_label,
        held=decision.held,
        provenance=decision.provenance if decision.held else None,
        expires_on=decision.expires_on if decision.held else None,
        days_left=decision.days_left if decision.held else None,
        expired_on=decision.expired_on,
        exemption_reason=decision.exemption_reason,
        exemption_until=decision.exemption_until,
        retired_on=decision.retired_on,
        retired_note=view.note if decision.state is BadgeState.RETIRED else None,
        decision_trail=_decision_trail(decision),
        svg_url=site.url_of(view.svg_url) if view.svg_url else None,
        criteria=receipt(decision.criteria, words),
    )


def _decision_trail(decision: BadgeDecision) -> api.Approval | None:
    """An exemption's or a revocation's reason and audit trail."""
    if decision.revocation is not None:
        r = decision.revocation
        return api.Approval(
            kind="revocation",
            reason=r.reason,
            since=r.revoked_on,
            until=r.until,
            approved_by=r.approved_by,
            reference=r.reference,
        )
    if decision.exemption is not None:
        e = decision.exemption
        return api.Approval(
            kind="exemption",
            reason=e.reason,
            since=e.granted_on,
            until=e.expires_on,
            approved_by=e.approved_by,
            reference=e.reference,
        )
    return None


def tier_status(tier: TierDecision, view: TierStatusView, site: PublicSite, words: Wording) -> api.TierStatus:
    """The assigned tier and its prerequisites."""
    return api.TierStatus(
        tier=tier.tier,
        name=view.name,
        url=site.url_of(view.url) if view.url else None,
        since=tier.since,
        standing=tier.standing,
        standing_label=view.standing_label,
        review_by=tier.review_by,
        granted=tier.granted,
        granted_on=tier.granted_on,
        standing_since=tier.standing_since,
        explanation=view.explanation,
        criteria=receipt(tier.criteria, words),
    )


def receipt(criteria: Iterable[outcomes.Criterion], words: Wording) -> tuple[api.Criterion, ...]:
    """The criteria of a decision, each with the evidence it rests on (ISO dates, as reports write them)."""
    return tuple(
        api.Criterion(
            rule=c.kind,
            requirement=requirement(c.rule, words),
            met=c.met,
            shortfalls=tuple(sorted(str(shortfall) for shortfall in c.shortfalls)),
            status=status(c),
            observed=observed(c, words),
            evidence=tuple(
                api.Evidence(
                    label=evidence_label(e),
                    detail=evidence_detail(e, words),
                    date=e.date,
                    provenance=e.provenance,
                    url=e.url,
                )
                for e in c.evidence
            ),
        )
        for c in criteria
    )


def _events(views: Iterable[EventView], site: PublicSite) -> list[api.Event]:
    documents = []
    for view in views:
        event = view.event
        documents.append(
            api.Event(
                date=event.date,
                kind=event.kind,
                text=view.text,
                url=site.url_of(view.url),
                app=event.app or None,
                value=event.value,
                previous=event.previous or None,
                until=event.until,
            )
        )
    return documents


def _partner_link(model: SiteModel, partner_id: str, site: PublicSite) -> api.PartnerLink:
    partner = model.partners_by_id[partner_id]
    return api.PartnerLink(
        id=partner.id, name=partner.name, url=site.url_of(partner.url), api_url=site.url_of(partner.api_url)
    )


def _decision(model: SiteModel, view: BadgeDecisionView, partner_id: str, app_id: str | None = None) -> BadgeDecision:
    decision = model.evaluation.partners[partner_id].badge(view.badge_id, app_id)
    if decision is None:
        msg = f"no decision on badge {view.badge_id!r} for {app_id or partner_id!r}, though a view shows one"
        raise LookupError(msg)
    return decision
