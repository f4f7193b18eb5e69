"""What the site search knows of each page (generator.search), and search/names.json for "Did you mean …?"."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Mapping
from pathlib import Path

import pytest

from generator.build import gather
from generator.outputs import extra_files, search_names
from generator.outputs.search_names import name_index_path, name_words, search_name_files, word_key
from generator.site import output_paths as paths
from generator.site.model import SiteModel
from generator.site.pages import site_pages
from generator.views.search import LIST_SEPARATOR, NO_TIER, NOT_ASSESSED, Kind, SearchRecord
from generator.views.words import CERTIFICATION_NAMES

REPO = Path(__file__).resolve().parents[3]
AS_OF = dt.date(2026, 11, 24)
SETTINGS = {
    "TRUST_CANONICAL_URL": "https://trust.example.com",
    "TRUST_SECURITY_CONTACT": "mailto:security@trust.example.com",
    "SITENAME": "Trust Pages",
}


@pytest.fixture(scope="module")
def model() -> SiteModel:
    return gather(REPO / "data", AS_OF)


def values(record: SearchRecord, key: str) -> list[str]:
    return [value for name, value in record.filters if name == key]


def meta(record: SearchRecord) -> Mapping[str, str]:
    return dict(record.meta)


def names_document(model: SiteModel) -> dict[str, list[dict[str, str]]]:
    document: dict[str, list[dict[str, str]]] = json.loads(dict(search_name_files(model))[paths.SEARCH_NAMES])
    return document


# --- Records ------------------------------------------------------------------------------------------


def test_every_partner_app_badge_and_tier_page_has_one_record_under_its_url(model: SiteModel) -> None:
    expected = [p.url for p in model.partners] + [a.url for a in model.apps]
    expected += [b.url for b in model.badges] + [t.url for t in model.tiers]
    assert sorted(model.search) == sorted(expected)
    assert all(record.url == url for url, record in model.search.items())
    kinds = [record.kind for record in model.search.values()]
    assert kinds.count(Kind.PARTNER) == len(model.partners)
    assert kinds.count(Kind.APP) == len(model.apps)


def test_record_pages_are_given_their_record(model: SiteModel) -> None:
    given = {page.url: page.context.get("search") for page in site_pages(model)}
    for url, record in model.search.items():
        assert given[url] is record


def test_an_app_is_filtered_by_its_hosting_its_held_badges_and_its_partners_tier_and_grade(model: SiteModel) -> None:
    app = next(a for a in model.apps if a.id == "acme-sync")
    partner = next(p for p in model.partners if p.id == app.partner_id)
    record = model.search[app.url]
    assert values(record, "kind") == ["App"]
    assert values(record, "tier") == ["Platinum"] == [partner.tier.name]
    assert values(record, "grade") == ["Green"]
    assert values(record, "hosting") == list(app.hosting)
    assert values(record, "badge") == [badge.name for badge in app.held_badges]
    assert values(record, "certification") == ["SOC 2", "ISO/IEC 27001"]
    assert meta(record)["partner"] == partner.name
    assert meta(record)["logo"] == partner.logo_url


@pytest.mark.parametrize("app_id", ["globex-sso-bridge", "paperclip-approvals", "wobblebrook-dashboards"])
def test_the_badge_filter_has_earned_and_expiring_badges_only(model: SiteModel, app_id: str) -> None:
    app = next(a for a in model.apps if a.id == app_id)
    record = model.search[app.url]
    held = [badge.name for badge in app.badges if badge.state in ("earned", "expiring")]
    assert values(record, "badge") == held
    lapsed = {badge.name for badge in app.badges if badge.state not in ("earned", "expiring")}
    assert lapsed, "each of these demo apps has a badge it does not hold"
    assert not lapsed & set(values(record, "badge"))
    expected_meta = LIST_SEPARATOR.join(held) if held else None
    assert meta(record).get("badges") == expected_meta


def test_partners_without_a_tier_or_a_grade_are_filtered_as_none_and_not_assessed(model: SiteModel) -> None:
    for partner in model.partners:
        record = model.search[partner.url]
        assert values(record, "tier") == [partner.tier.name if partner.tier.tier else NO_TIER]
        assert values(record, "grade") == [partner.grade.grade.capitalize() if partner.grade else NOT_ASSESSED]
        assert values(record, "hosting") == []
    untiered = [p for p in model.partners if p.tier.tier is None]
    ungraded = [p for p in model.partners if p.grade is None]
    assert untiered, "the demo data has a partner without a tier"
    assert ungraded, "the demo data has a partner without a grade"


def test_a_certification_is_a_filter_only_while_its_badge_is_held(model: SiteModel) -> None:
    for partner in model.partners:
        held = {badge.badge_id for badge in partner.held_badges}
        roles = {role: model.policy.badge_with_role(role) for role in CERTIFICATION_NAMES}
        expected = [name for role, name in CERTIFICATION_NAMES.items() if (badge := roles[role]) and badge.id in held]
        assert values(model.search[partner.url], "certification") == expected
        for app in partner.apps:
            assert values(model.search[app.url], "certification") == expected
    # Moonlit Mongoose claims SOC 2, but the claim was rejected: it must not be found under SOC 2.
    moonlit = next(p for p in model.partners if p.id == "moonlit-mongoose")
    assert moonlit.certifications
    assert values(model.search[moonlit.url], "certification") == []


def test_partners_without_a_logo_show_their_initials(model: SiteModel) -> None:
    for partner in model.partners:
        details = meta(model.search[partner.url])
        if partner.logo_url:
            assert details["logo"] == partner.logo_url
            assert "initials" not in details
        else:
            assert details["initials"] == partner.initials


def test_badge_names_never_contain_the_list_separator(model: SiteModel) -> None:
    assert all(LIST_SEPARATOR not in badge.name for badge in model.badges)


def test_records_sort_by_their_case_folded_name(model: SiteModel) -> None:
    for record in model.search.values():
        assert record.sort_name == record.name.casefold()


# --- Facets -------------------------------------------------------------------------------------------


def test_facets_list_their_values_in_the_sites_order(model: SiteModel) -> None:
    facets = {facet.key: [value.value for value in facet.values] for facet in model.search_facets}
    assert list(facets) == ["kind", "tier", "badge", "grade", "hosting", "certification"]
    assert facets["kind"] == ["Partner", "App", "Badge", "Tier", "Page"]
    assert facets["tier"] == ["Platinum", "Gold", "Silver", NO_TIER]
    assert facets["grade"] == ["Green", "Orange", "Red", NOT_ASSESSED]
    assert facets["hosting"] == ["Cloud", "Data Center", "Server"]
    # Badges in policy order, each held by some partner or app.
    assert facets["badge"]
    assert facets["badge"] == [badge.name for badge in model.badges if badge.name in facets["badge"]]


def test_every_facet_value_finds_a_record_and_every_filter_value_is_a_facet_value(model: SiteModel) -> None:
    offered = {(facet.key, value.value) for facet in model.search_facets for value in facet.values}
    used = {pair for record in model.search.values() for pair in record.filters}
    # Content pages are marked by page.html, not by a record.
    assert offered - used == {("kind", Kind.PAGE.value)}
    assert used <= offered


# --- search/names.json --------------------------------------------------------------------------------


def test_names_json_lists_every_partner_app_badge_and_tier_with_its_page(model: SiteModel) -> None:
    names = names_document(model)["names"]
    pages = {page.url for page in site_pages(model)}
    assert [name["url"] for name in names] == list(model.search)
    assert all(name["url"] in pages for name in names)
    assert len({name["url"] for name in names}) == len(names)
    by_kind = {
        kind: sorted(n["name"] for n in names if n["kind"] == kind) for kind in ("Partner", "App", "Badge", "Tier")
    }
    assert by_kind["Partner"] == sorted(p.name for p in model.partners)
    assert by_kind["App"] == sorted(a.name for a in model.apps)
    assert by_kind["Badge"] == sorted(b.name for b in model.badges)
    assert by_kind["Tier"] == sorted(t.name for t in model.tiers)


def test_names_json_is_compact_utf8_with_a_final_newline_and_small(model: SiteModel) -> None:
    content = dict(search_name_files(model))[paths.SEARCH_NAMES]
    text = content.decode("utf-8")
    assert text == json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":")) + "\n"
    # Fetched only when a search finds nothing: it must stay a fraction of a page's weight.
    assert len(content) < 16 * 1024


def test_names_json_is_part_of_the_sites_files_and_the_same_on_every_build(model: SiteModel) -> None:
    files = extra_files(model, SETTINGS)
    assert files[paths.SEARCH_NAMES] == dict(search_name_files(gather(REPO / "data", AS_OF)))[paths.SEARCH_NAMES]


def test_names_json_keeps_a_hostile_name_intact(tmp_path: Path) -> None:
    hostile = "=Acme <script>&\"' Cloudworks"
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    record = data / "partners" / "acme-cloudworks" / "partner.yaml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("\nname: Acme Cloudworks\n", f"\nname: {json.dumps(hostile)}\n"), encoding="utf-8")
    names = names_document(gather(data, AS_OF))["names"]
    assert {"name": hostile, "kind": "Partner", "url": "partners/acme-cloudworks/"} in names


def test_a_result_names_the_badges_resting_on_the_partners_word_and_the_tiers_rank(model: SiteModel) -> None:
    hooli = next(p for p in model.partners if p.id == "hooli-tools")
    record = meta(model.search[hooli.url])
    attested = [b.name for b in hooli.held_badges if b.provenance == "self-attested"]
    assert attested == ["ISO/IEC 27001"], "the demo's claim changed since verified"
    assert record["self_attested"] == "ISO/IEC 27001"
    assert record["tier_rank"] == "2"
    # Verified badges, the norm, are not listed as such.
    acme = next(p for p in model.partners if p.id == "acme-cloudworks")
    assert "self_attested" not in meta(model.search[acme.url])
    assert meta(model.search[acme.url])["tier_rank"] == "3"


# --- The index of names (search/names/) -----------------------------------------------------------------


def name_index(model: SiteModel) -> dict[str, list[dict[str, object]]]:
    """Each file of the index of names by the beginning it files, its records."""
    files = dict(search_name_files(model))
    index = {}
    for path, content in files.items():
        if path.startswith(paths.SEARCH_NAME_INDEX + "/"):
            key = bytes.fromhex(path.rsplit("/", 1)[1].removesuffix(".json")).decode()
            index[key] = json.loads(content)["records"]
    return index


def test_words_are_split_and_folded_as_the_search_page_splits_them() -> None:
    assert name_words("Acme Cloud-works") == ["acme", "cloud", "works"]
    assert name_words("Zürich CAFÉ_x 27001") == ["zurich", "cafe", "x", "27001"]
    assert name_words("  ---  ") == []
    assert [word_key(word) for word in name_words("AI Sync")] == ["ai", "syn"]


def test_every_record_is_filed_under_each_beginning_of_its_names_words_and_no_other(model: SiteModel) -> None:
    index = name_index(model)
    for record in model.search.values():
        partner = dict(record.meta).get("partner", "")
        keys = {word_key(word) for word in name_words(record.name) + name_words(partner)}
        filed_under = {key for key, records in index.items() if any(r["url"] == record.url for r in records)}
        assert filed_under == keys, record.name


def test_a_file_lists_its_records_in_name_order_with_what_a_result_card_shows(model: SiteModel) -> None:
    index = name_index(model)
    for records in index.values():
        assert [model.search[str(r["url"])].sort_name for r in records] == sorted(
            model.search[str(r["url"])].sort_name for r in records
        )
    acme_sync = next(r for r in index["syn"] if r["url"] == "apps/acme-sync/")
    record = model.search["apps/acme-sync/"]
    assert acme_sync["meta"] == {"title": "Acme Sync", **dict(record.meta)}
    filters: dict[str, list[str]] = {}
    for key, value in record.filters:
        filters.setdefault(key, []).append(value)
    assert acme_sync["filters"] == filters
    # An app is filed under its partner's name too.
    assert any(r["url"] == "apps/acme-sync/" for r in index["clo"])


def test_the_file_of_a_beginning_is_named_by_its_utf8_in_hex() -> None:
    assert name_index_path("syn") == "search/names/73796e.json"
    assert name_index_path("zü") == "search/names/7ac3bc.json"


def test_the_index_of_names_is_part_of_the_sites_files(model: SiteModel) -> None:
    files = extra_files(model, SETTINGS)
    assert files[name_index_path("acm")] == dict(search_name_files(model))[name_index_path("acm")]


def test_a_beginning_of_too_many_names_lists_none_and_says_how_many(
    model: SiteModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    acme = len(name_index(model)["acm"])
    assert acme > 2
    monkeypatch.setattr(search_names, "NAME_FILE_MOST_RECORDS", acme - 1)
    files = dict(search_name_files(model))
    assert json.loads(files[name_index_path("acm")]) == {"records": [], "too_many": acme}
    # A beginning of fewer names still lists them.
    assert json.loads(files[name_index_path("syn")])["records"]
