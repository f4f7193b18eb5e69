"""What the site search knows about each trust page besides its words: facets, result details, a sort name.

Pagefind indexes the written pages. Each partner, app, badge and tier page prints its record as
`data-pagefind-filter`, `-meta` and `-sort` attributes (the `search_record` macro of _components.html); the
search page lists the facets and its script reads the values back from the index. Filter values are the
words the pages show ("Gold", "Not assessed"): a facet reads like the pages it leads to, and is the value
of the search page's URL parameter (`search/?tier=Gold&badge=SOC+2+Type+2`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from generator.records.policy import Provenance
from generator.records.shared_values import compact_pickle
from generator.views.badges_and_tiers import BadgePageView, TierPageView
from generator.views.decisions import BadgeDecisionView, GradeView
from generator.views.page_models import AppView, PartnerView
from generator.views.words import CERTIFICATION_NAMES, HOSTING_LABELS


class Kind(StrEnum):
    """What a search result is; the order is the order of the kind facet."""

    PARTNER = "Partner"
    APP = "App"
    BADGE = "Badge"
    TIER = "Tier"
    # The content pages (about, how badges work, …), which page.html marks itself.
    PAGE = "Page"


KIND_LABELS = {
    Kind.PARTNER: "Partners",
    Kind.APP: "Apps",
    Kind.BADGE: "Badges",
    Kind.TIER: "Tiers",
    Kind.PAGE: "Pages",
}

# Filter keys, in the order the search page shows them.
KIND = "kind"
TIER = "tier"
BADGE = "badge"
GRADE = "grade"
HOSTING = "hosting"
CERTIFICATION = "certification"
FACET_LABELS = {
    KIND: "Kind",
    TIER: "Partner tier",
    BADGE: "Badge held",
    GRADE: "Partner CAIQ-Lite grade",
    HOSTING: "Hosting",
    CERTIFICATION: "Partner certification",
}

NO_TIER = "None"
NOT_ASSESSED = "Not assessed"
GRADES = ("Green", "Orange", "Red", NOT_ASSESSED)
# The partner badges that stand for a certification, by policy id, as views.py shows them.
# Separates held badge names in the `badges` meta value; no badge name contains it.
LIST_SEPARATOR = "|"


@compact_pickle
@dataclass(frozen=True, slots=True)
class SearchRecord:
    """One indexed page: its name and URL, the facets it is filtered by, and the details its result shows."""

    kind: Kind
    name: str
    url: str
    # Beyond the record's kind, which every record is filtered by and shows.
    extra_filters: tuple[tuple[str, str], ...] = ()
    extra_meta: tuple[tuple[str, str], ...] = ()

    @property
    def filters(self) -> tuple[tuple[str, str], ...]:
        return ((KIND, self.kind.value), *self.extra_filters)

    @property
    def meta(self) -> tuple[tuple[str, str], ...]:
        return (("kind", self.kind.value), *self.extra_meta)

    @property
    def sort_name(self) -> str:
        """Case-folded, so that sorting by name is the reading order."""
        return self.name.casefold()


@compact_pickle
@dataclass(frozen=True, slots=True)
class FacetValue:
    value: str
    label: str


@compact_pickle
@dataclass(frozen=True, slots=True)
class SearchFacet:
    """One group of checkboxes on the search page: a filter key and the values some page has."""

    key: str
    label: str
    values: tuple[FacetValue, ...]


def _tier_name(tier: str | None, name: str) -> str:
    return name if tier else NO_TIER


def _grade_name(grade: GradeView | None) -> str:
    return grade.grade.capitalize() if grade else NOT_ASSESSED


def _partner_facts(partner: PartnerView) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The filters and meta an app shares with its partner: tier, grade, certifications, logo."""
    tier = partner.tier
    filters = [(TIER, _tier_name(tier.tier, tier.name)), (GRADE, _grade_name(partner.grade))]
    filters += [(CERTIFICATION, c.name) for c in partner.certifications if c.held]
    meta = [
        ("tier", tier.name),
        ("tier_id", tier.tier or "none"),
        # One mark per step up the tiers, as the pages draw them.
        ("tier_rank", str(len(tier.rank))),
        ("grade", _grade_name(partner.grade)),
        ("grade_id", partner.grade.grade if partner.grade else "none"),
    ]
    if tier.standing_label and tier.standing != "good-standing":
        meta += [("standing", tier.standing_label), ("standing_id", tier.standing or "")]
    meta += [("logo", partner.logo_url)] if partner.logo_url else [("initials", partner.initials)]
    return filters, meta


def partner_record(partner: PartnerView) -> SearchRecord:
    """A partner page: its tier, grade, certifications and the partner badges it holds."""
    filters, meta = _partner_facts(partner)
    badges = partner.held_badges
    return SearchRecord(
        kind=Kind.PARTNER,
        name=partner.name,
        url=partner.url,
        extra_filters=(*filters, *((BADGE, badge.name) for badge in badges)),
        extra_meta=(*meta, *_badges_meta(badges)),
    )


def app_record(app: AppView, partner: PartnerView) -> SearchRecord:
    """An app page: its hosting and the app badges it holds, with its partner's tier, grade and certifications."""
    filters, meta = _partner_facts(partner)
    badges = app.held_badges
    return SearchRecord(
        kind=Kind.APP,
        name=app.name,
        url=app.url,
        extra_filters=(
            *filters,
            *((BADGE, badge.name) for badge in badges),
            *((HOSTING, hosting) for hosting in app.hosting),
        ),
        extra_meta=(("partner", partner.name), *meta, *_badges_meta(badges)),
    )


def badge_record(badge: BadgePageView) -> SearchRecord:
    """A badge page: what it is, and how many hold it."""
    return SearchRecord(
        kind=Kind.BADGE,
        name=badge.name,
        url=badge.url,
        extra_meta=(("level", badge.level),),
    )


def tier_record(tier: TierPageView) -> SearchRecord:
    """A tier page."""
    return SearchRecord(
        kind=Kind.TIER,
        name=tier.name,
        url=tier.url,
        extra_meta=(("tier_id", tier.id),),
    )


def _badges_meta(badges: Sequence[BadgeDecisionView]) -> tuple[tuple[str, str], ...]:
    """The names of the badges held, and of those among them resting on the partner's word alone."""
    if not badges:
        return ()
    meta = [("badges", LIST_SEPARATOR.join(badge.name for badge in badges))]
    attested = [badge.name for badge in badges if badge.provenance == Provenance.SELF_ATTESTED]
    meta += [("self_attested", LIST_SEPARATOR.join(attested))] if attested else []
    return tuple(meta)


def search_records(
    partners: Sequence[PartnerView], badges: Sequence[BadgePageView], tiers: Sequence[TierPageView]
) -> dict[str, SearchRecord]:
    """The record of every partner, app, badge and tier page, by page URL, in the site's order."""
    records = [partner_record(partner) for partner in partners]
    apps = [app_record(app, partner) for partner in partners for app in partner.apps]
    records += sorted(apps, key=lambda record: record.sort_name)
    records += [badge_record(badge) for badge in badges]
    records += [tier_record(tier) for tier in tiers]
    return {record.url: record for record in records}


def search_facets(
    records: Iterable[SearchRecord], badges: Sequence[BadgePageView], tiers: Sequence[TierPageView]
) -> tuple[SearchFacet, ...]:
    """The search page's facets, each value in the site's order (tiers by rank, badges in policy order)."""
    orders: Mapping[str, Sequence[FacetValue]] = {
        # Content pages are written by Pelican, not described by a record: their kind is always offered.
        KIND: [FacetValue(kind.value, KIND_LABELS[kind]) for kind in Kind],
        TIER: [FacetValue(tier.name, tier.name) for tier in tiers] + [FacetValue(NO_TIER, "No tier")],
        BADGE: [FacetValue(badge.name, badge.name) for badge in badges],
        GRADE: [FacetValue(grade, grade) for grade in GRADES],
        HOSTING: [FacetValue(label, label) for label in HOSTING_LABELS.values()],
        CERTIFICATION: [FacetValue(name, name) for name in CERTIFICATION_NAMES.values()],
    }
    used = {pair for record in records for pair in record.filters} | {(KIND, Kind.PAGE.value)}
    facets = []
    for key, label in FACET_LABELS.items():
        values = tuple(value for value in orders[key] if (key, value.value) in used)
        if values:
            facets.append(SearchFacet(key, label, values))
    return tuple(facets)


# The facets a listing's filters offer when the listing spans several pages and filtering moves to the search.
_LISTING_FACETS = {Kind.APP: (TIER, BADGE, GRADE, HOSTING), Kind.PARTNER: (TIER, GRADE, BADGE, CERTIFICATION)}


def listing_facets(facets: Sequence[SearchFacet], kind: Kind) -> tuple[SearchFacet, ...]:
    """The search facets that narrow a listing of `kind`, in the listing's order."""
    by_key = {facet.key: facet for facet in facets}
    return tuple(by_key[key] for key in _LISTING_FACETS[kind] if key in by_key)
