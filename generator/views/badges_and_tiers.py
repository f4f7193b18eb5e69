"""The badge and tier pages: what each means, its exact criteria, and who holds it today."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from generator.load.catalog import Catalog
from generator.policy.engine import BadgeDecision, BadgeState, Evaluation
from generator.records.policy import TIER_ORDER, Level, Policy, Provenance, TierPolicy
from generator.records.shared_values import compact_pickle
from generator.reports.criteria_words import plain_wording, requirement
from generator.views.decisions import state_labels
from generator.views.page_models import PartnerView
from generator.views.paging import ShortList, short_list
from generator.views.urls import url_of_badge, url_of_search, url_of_tier
from generator.views.words import long_date


@compact_pickle
@dataclass(frozen=True, slots=True)
class HolderView:
    name: str
    url: str
    partner: str
    state_label: str
    state: str


@compact_pickle
@dataclass(frozen=True, slots=True)
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
    # Where the search lists every holder, when the page shows only the first ones (empty for a retired badge,
    # which no search facet offers).
    holders_search_url: str = ""

    @property
    def holders_list(self) -> ShortList[HolderView]:
        return short_list(self.holders, self.holders_search_url)

    @property
    def lapsed_list(self) -> ShortList[HolderView]:
        return short_list(self.lapsed)


@compact_pickle
@dataclass(frozen=True, slots=True)
class TierPageView:
    id: str
    name: str
    url: str
    summary: str
    rank: int
    criteria: tuple[str, ...]
    members: tuple[HolderView, ...]
    members_search_url: str = ""

    @property
    def members_list(self) -> ShortList[HolderView]:
        return short_list(self.members, self.members_search_url)


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
                criteria=tuple(requirement(rule, plain_wording(policy)) for rule in badge.criteria),
                holders=tuple(sorted(holders, key=lambda h: h.name.casefold())),
                lapsed=tuple(sorted(lapsed, key=lambda h: h.name.casefold())),
                holders_search_url=""
                if badge.retired_on
                else url_of_search("App" if badge.level is Level.APP else "Partner", badge=badge.name),
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
        criteria=tuple(requirement(rule, plain_wording(policy)) for rule in tier.criteria),
        members=members,
        members_search_url=url_of_search("Partner", tier=tier.name),
    )
