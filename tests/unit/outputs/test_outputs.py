"""The files that are not pages: JSON API and its schemas, CSV, Atom feeds, status badges, sitemap, security.txt."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import html
import io
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from generator.build import gather
from generator.load.problems import DataError
from generator.outputs import extra_files
from generator.outputs.status_badges import STATE_COLOURS, text_width
from generator.outputs.tables import safe_cell, write_csv
from generator.policy.engine import BadgeState
from generator.site.api_documents import API_SCHEMA_DIRECTORY, ApiKind, api_schema_path, api_schema_text
from generator.site.model import SiteModel
from generator.site.pages import site_pages
from generator.site.public_site import public_site

REPO = Path(__file__).resolve().parents[3]
AS_OF = dt.date(2026, 11, 24)
CANONICAL = "https://trust.example.com"
SETTINGS = {
    "TRUST_CANONICAL_URL": CANONICAL,
    "TRUST_SECURITY_CONTACT": "mailto:security@trust.example.com",
    "SITENAME": "Trust Pages",
}
ATOM = "{http://www.w3.org/2005/Atom}"
SVG = "{http://www.w3.org/2000/svg}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
CONTENT_PAGES = ("about/", "how-badges-work/", "submit-your-records/")
# A partner name that is markup in HTML and SVG, a formula in a spreadsheet, and quotes in attributes.
HOSTILE = "=Acme <script>&\"' Cloudworks"
HOSTILE_PARTNER = "acme-cloudworks"
GREEN, GREY = STATE_COLOURS[BadgeState.EARNED], STATE_COLOURS[BadgeState.EXPIRED]


@pytest.fixture(scope="module")
def model() -> SiteModel:
    return gather(REPO / "data", AS_OF)


@pytest.fixture(scope="module")
def files(model: SiteModel) -> dict[str, bytes]:
    return extra_files(model, SETTINGS, CONTENT_PAGES)


@pytest.fixture(scope="module")
def hostile_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The outputs of a copy of the demo data in which one partner's name is hostile."""
    data = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(REPO / "data", data)
    record = data / "partners" / HOSTILE_PARTNER / "partner.yaml"
    text = record.read_text(encoding="utf-8")
    assert "\nname: Acme Cloudworks\n" in text
    record.write_text(text.replace("\nname: Acme Cloudworks\n", f"\nname: {json.dumps(HOSTILE)}\n"), encoding="utf-8")
    return extra_files(gather(data, AS_OF), SETTINGS, CONTENT_PAGES)


def _json(files: Mapping[str, bytes], path: str) -> Any:
    return json.loads(files[path])


def _kind_of(path: str) -> ApiKind:
    if path == "api/v1/index.json":
        return ApiKind.INDEX
    return ApiKind.PARTNER if path.startswith("api/v1/partners/") else ApiKind.APP


def _site_path(url: str) -> str:
    assert url.startswith(CANONICAL + "/"), url
    return url.removeprefix(CANONICAL + "/")


def _page_urls(model: SiteModel) -> set[str]:
    return {page.url for page in site_pages(model)} | set(CONTENT_PAGES)


def _own_urls(document: Any) -> Iterator[str]:
    """Every address of this site a JSON document gives: url, api_url, svg_url, feed_url, logo_url and links."""
    # Other address fields (website, listing_url, evidence_url, program_url …) are the partners'.
    if isinstance(document, dict):
        for key, value in document.items():
            if isinstance(value, str) and (key in ("url", "api_url", "svg_url", "feed_url", "logo_url")):
                yield value
            elif key == "links":
                yield from value.values()
            elif key == "evidence":
                continue  # evidence addresses are the partners' own
            else:
                yield from _own_urls(value)
    elif isinstance(document, list):
        for item in document:
            yield from _own_urls(item)


def _parse(content: bytes) -> ET.Element:
    """Parse XML the build wrote (our own output, not untrusted input)."""
    return ET.fromstring(content)  # noqa: S314


def _atom_feeds(files: Mapping[str, bytes]) -> dict[str, ET.Element]:
    return {path: _parse(content) for path, content in files.items() if path.endswith(".atom.xml")}


def _day(text: str) -> dt.date:
    moment = dt.datetime.fromisoformat(text)
    assert moment.utcoffset() == dt.timedelta(0)
    assert moment.time() == dt.time(0, 0)
    return moment.date()


# --- JSON API and its schemas -------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(ApiKind))
def test_committed_api_schema_equals_the_generated_one(kind: ApiKind) -> None:
    committed = (REPO / api_schema_path(kind)).read_text(encoding="utf-8")
    assert committed == api_schema_text(kind), (
        'run: .venv/bin/python -c "from generator.outputs.api_schema import write_api_schemas; write_api_schemas()"'
    )


@pytest.mark.parametrize("kind", list(ApiKind))
def test_api_schemas_are_draft_2020_12_and_every_field_is_required(kind: ApiKind) -> None:
    schema = json.loads(api_schema_text(kind))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    for definition in [schema, *schema["$defs"].values()]:
        if definition.get("type") == "object":
            assert definition["additionalProperties"] is False
            assert sorted(definition["required"]) == sorted(definition["properties"])


def test_the_site_publishes_the_committed_record_and_api_schemas(files: dict[str, bytes]) -> None:
    committed = {p.relative_to(REPO).as_posix() for p in (REPO / "schema").glob("*.schema.json")}
    committed |= {p.relative_to(REPO).as_posix() for p in (REPO / API_SCHEMA_DIRECTORY).glob("*.schema.json")}
    published = {path for path in files if path.startswith("schema/")}
    assert published == committed
    for path in published:
        assert files[path] == (REPO / path).read_bytes(), path


def test_every_api_file_validates_against_its_committed_schema(model: SiteModel, files: dict[str, bytes]) -> None:
    documents = sorted(path for path in files if path.startswith("api/v1/") and path.endswith(".json"))
    assert len(documents) == 1 + len(model.partners) + len(model.apps)
    validators = {
        kind: jsonschema.Draft202012Validator(
            json.loads((REPO / api_schema_path(kind)).read_text(encoding="utf-8")),
            format_checker=jsonschema.FormatChecker(),
        )
        for kind in ApiKind
    }
    for path in documents:
        errors = [
            f"{path} {list(e.absolute_path)}: {e.message}"
            for e in validators[_kind_of(path)].iter_errors(_json(files, path))
        ]
        assert errors == []


def test_api_files_are_indented_utf8_with_a_final_newline(files: dict[str, bytes]) -> None:
    content = files["api/v1/partners/quibble-sons.json"]
    assert content.endswith(b"}\n")
    assert b'\n  "id": "quibble-sons",\n' in content
    assert b"Quibble & Sons" in content


def test_api_files_are_the_bytes_the_standard_json_encoder_writes(files: dict[str, bytes]) -> None:
    # document_bytes uses pydantic's faster encoder; the published bytes must stay those of json.dumps.
    api_files = {
        path: content for path, content in files.items() if path.startswith("api/v1/") and path.endswith(".json")
    }
    assert len(api_files) > 10
    for path, content in api_files.items():
        expected = json.dumps(json.loads(content), indent=2, ensure_ascii=False) + "\n"
        assert content == expected.encode(), path


def test_the_index_lists_everything_and_links_to_the_other_files(model: SiteModel, files: dict[str, bytes]) -> None:
    index = _json(files, "api/v1/index.json")
    assert index["as_of"] == "2026-11-24"
    assert index["generated_by"] == "Trust Pages"
    assert [p["id"] for p in index["partners"]] == [p.id for p in model.partners]
    assert [a["id"] for a in index["apps"]] == [a.id for a in model.apps]
    assert [b["id"] for b in index["badges"]] == [b.id for b in model.policy.badges]
    acme_sync = next(a for a in index["apps"] if a["id"] == "acme-sync")
    assert acme_sync["partner"]["id"] == "acme-cloudworks"
    assert acme_sync["badges"] == [b.badge_id for b in next(a for a in model.apps if a.id == "acme-sync").held_badges]
    assert acme_sync["badges"]  # the demo's Acme Sync holds badges: the list is not vacuously equal
    retired = next(b for b in index["badges"] if b["id"] == "top-vendor")
    assert retired["retired_on"] == "2020-12-31"
    assert retired["level"] == "partner"
    for link in index["links"].values():
        path = _site_path(link)
        assert path in files or path in _page_urls(model), link


@pytest.mark.parametrize("canonical", ["https://trust.example.com", "https://pages.example.org/trust"])
def test_every_own_address_in_the_api_is_canonical_and_leads_to_a_file_or_page(
    model: SiteModel, canonical: str
) -> None:
    outputs = extra_files(model, {**SETTINGS, "TRUST_CANONICAL_URL": canonical + "/"}, CONTENT_PAGES)
    pages = _page_urls(model)
    checked = 0
    for path, content in outputs.items():
        if path.startswith("api/v1/") and path.endswith(".json"):
            for url in _own_urls(json.loads(content)):
                assert url.startswith(canonical + "/"), (path, url)
                target = url.removeprefix(canonical + "/")
                assert target in outputs or target in pages, (path, url)
                checked += 1
    assert checked > 1000


def test_an_app_file_has_what_the_compare_page_needs(files: dict[str, bytes]) -> None:
    app = _json(files, "api/v1/apps/acme-sync.json")
    assert app["id"] == "acme-sync"
    assert app["name"] == "Acme Sync"
    assert app["partner"]["id"] == "acme-cloudworks"
    assert app["partner"]["name"] == "Acme Cloudworks"
    assert app["tier"] == "platinum"
    assert app["grade"] == "green"
    assert app["hosting"] == ["cloud", "data-center", "server"]
    bounty = next(b for b in app["badges"] if b["id"] == "bug-bounty-participant")
    assert bounty["name"] == "Bug bounty participant"
    assert bounty["state"] == "earned"
    assert bounty["state_label"].startswith("Earned, valid until ")
    assert bounty["provenance"] == "verified"
    assert bounty["svg_url"] == f"{CANONICAL}/apps/acme-sync/badges/bug-bounty-participant.svg"


def test_badge_dates_say_until_when_since_when_and_why_exempt(files: dict[str, bytes]) -> None:
    held = next(b for b in _json(files, "api/v1/apps/acme-sync.json")["badges"] if b["held"])
    expires_on = dt.date.fromisoformat(held["expires_on"])
    assert expires_on > AS_OF
    assert held["days_left"] == (expires_on - AS_OF).days
    assert held["expired_on"] is None

    badges = {b["id"]: b for b in _json(files, "api/v1/apps/wobblebrook-dashboards.json")["badges"]}
    expired = badges["caiq-lite-passed"]
    assert (expired["state"], expired["held"], expired["provenance"]) == ("expired", False, None)
    assert expired["expired_on"] == "2026-01-15"
    assert expired["state_label"] == "Expired since 15 January 2026"
    assert (expired["expires_on"], expired["days_left"]) == (None, None)

    exempt = next(
        b for b in _json(files, "api/v1/apps/paperclip-emoji-picker.json")["badges"] if b["state"] == "exempt"
    )
    assert exempt["exemption_reason"]
    assert exempt["exemption_until"] == "2027-02-01"


def test_partner_files_carry_receipts_and_history_but_no_editor_handles(
    model: SiteModel, files: dict[str, bytes]
) -> None:
    for partner in model.partners:
        content = files[partner.api_url]
        for handle in model.catalog.partners[partner.id].record.editors:
            assert handle.encode() not in content, (partner.id, handle)
        document = json.loads(content)
        assert "editors" not in document
        assert [b["id"] for b in document["badges"]] == [b.badge_id for b in partner.badges]
        assert [a["id"] for a in document["apps"]] == [a.id for a in partner.apps]
        assert [e["text"] for e in document["events"]] == [e.text for e in partner.events]
        dates = [e["date"] for e in document["events"]]
        assert dates == sorted(dates, reverse=True)
    acme = _json(files, "api/v1/partners/acme-cloudworks.json")
    assert acme["tier"]["tier"] == "platinum"
    assert acme["tier"]["since"] == "2024-07-01"
    assert acme["tier"]["standing"] == "good-standing"
    assert acme["grade"] == {"grade": "green", "label": "Well Developed", "assessed_on": "2025-06-02"}
    soc2 = next(b for b in acme["badges"] if b["id"] == "soc2")
    evidence = [e for c in soc2["criteria"] for e in c["evidence"]]
    assert evidence
    assert all(set(e) == {"label", "detail", "date", "provenance", "url"} for e in evidence)
    assert any(e["date"] and dt.date.fromisoformat(e["date"]) <= AS_OF for e in evidence)
    assert all(
        set(c) == {"rule", "requirement", "met", "shortfalls", "status", "observed", "evidence"}
        for c in soc2["criteria"]
    )
    assert acme["tier"]["granted"] is True
    # Assigned 2024-07-01; its apps first held Bug bounty participant again on 2026-08-01 (new metrics).
    assert acme["tier"]["granted_on"] == "2026-08-01"
    umbrella = _json(files, "api/v1/partners/umbrella-labs.json")
    assert (umbrella["tier"]["tier"], umbrella["tier"]["standing"], umbrella["tier"]["granted"]) == (
        "gold",
        "pending",
        False,
    )
    audit = _json(files, "api/v1/apps/velvet-anvil-audit.json")
    revoked = next(b for b in audit["badges"] if b["id"] == "vulnerability-scan-passed")
    assert revoked["state"] == "revoked"
    assert revoked["decision_trail"]["approved_by"] == "trust-team-lead"
    assert revoked["decision_trail"]["reference"] == "https://tickets.example.com/TRUST-402"


# --- CSV ----------------------------------------------------------------------------------------------


def test_apps_csv_has_one_row_per_app_and_a_state_column_per_app_badge(
    model: SiteModel, files: dict[str, bytes]
) -> None:
    text = files["api/v1/apps.csv"].decode("utf-8")
    assert "\r" not in text
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [row["id"] for row in rows] == [app.id for app in model.apps]
    app_badges = [b.id for b in model.policy.badges if b.level == "app"]
    assert list(rows[0])[-len(app_badges) :] == app_badges
    dashboards = next(row for row in rows if row["id"] == "wobblebrook-dashboards")
    assert dashboards["caiq-lite-passed"] == "expired"
    assert dashboards["tier_standing"] == "suspended"


def test_partners_csv_has_one_row_per_partner(model: SiteModel, files: dict[str, bytes]) -> None:
    rows = list(csv.DictReader(io.StringIO(files["api/v1/partners.csv"].decode("utf-8"), newline="")))
    assert [row["id"] for row in rows] == [p.id for p in model.partners]
    acme = next(row for row in rows if row["id"] == "acme-cloudworks")
    assert (acme["tier"], acme["grade"], acme["apps"], acme["top-vendor"]) == ("platinum", "green", "3", "retired")
    quibble = next(row for row in rows if row["id"] == "quibble-sons")
    assert quibble["name"] == "Quibble & Sons"
    assert quibble["tier"] == ""


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ('=HYPERLINK("https://evil.example")', '\'=HYPERLINK("https://evil.example")'),
        ("+1", "'+1"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Acme = fine", "Acme = fine"),
        ("not-earned", "not-earned"),
    ],
)
def test_a_cell_that_looks_like_a_formula_stays_text(value: str, shown: str) -> None:
    assert safe_cell(value) == shown


def test_csv_quoting_follows_rfc_4180() -> None:
    cells = ['a "quoted", name', "two\nlines", "plain", "=1+1"]
    content = write_csv(("w", "x", "y", "z"), [cells]).decode()
    assert content == 'w,x,y,z\n"a ""quoted"", name","two\nlines",plain,\'=1+1\n'
    assert list(csv.reader(io.StringIO(content, newline="")))[1] == [*cells[:3], "'=1+1"]


# --- Atom feeds ---------------------------------------------------------------------------------------


def test_feeds_are_atom_with_unique_ids_newest_first_and_no_future_dates(
    model: SiteModel, files: dict[str, bytes]
) -> None:
    feeds = _atom_feeds(files)
    assert set(feeds) == {"feeds/trust-events.atom.xml"} | {p.feed_url for p in model.partners} | {
        a.feed_url for a in model.apps
    }
    for path, feed in feeds.items():
        assert feed.tag == f"{ATOM}feed", path
        assert feed.findtext(f"{ATOM}id") == f"{CANONICAL}/{path}"
        assert feed.find(f"{ATOM}author/{ATOM}name") is not None
        entries = feed.findall(f"{ATOM}entry")
        ids = [entry.findtext(f"{ATOM}id") for entry in entries]
        assert len(set(ids)) == len(ids), path
        assert all(i and i.startswith("tag:trust.example.com,") for i in ids)
        days = [_day(entry.findtext(f"{ATOM}updated") or "") for entry in entries]
        assert days == sorted(days, reverse=True), path
        assert all(day <= AS_OF for day in days)
        assert _day(feed.findtext(f"{ATOM}updated") or "") == (days[0] if days else AS_OF)
        for entry in entries:
            link = entry.find(f"{ATOM}link")
            assert link is not None
            assert _site_path(link.get("href", "")) in _page_urls(model)


def test_each_app_feed_holds_that_apps_events_and_no_other(model: SiteModel, files: dict[str, bytes]) -> None:
    feeds = _atom_feeds(files)
    with_events = 0
    for app in model.apps:
        titles = [entry.findtext(f"{ATOM}title") for entry in feeds[app.feed_url].findall(f"{ATOM}entry")]
        assert titles == [view.text for view in app.events]
        assert all(view.event.app == app.id for view in app.events)
        with_events += bool(app.events)
    assert with_events > 0
    # Every app event of a partner is in exactly one app's feed.
    for partner in model.partners:
        own = [view for view in partner.events if view.event.app]
        assert sorted(own, key=id) == sorted((v for a in partner.apps for v in a.events), key=id)


def test_the_home_page_links_the_site_feed(model: SiteModel) -> None:
    assert model.site_feed_url == "feeds/trust-events.atom.xml"


def test_the_site_feed_has_the_newest_100_events_titled_as_on_the_pages(
    model: SiteModel, files: dict[str, bytes]
) -> None:
    feed = _atom_feeds(files)["feeds/trust-events.atom.xml"]
    entries = feed.findall(f"{ATOM}entry")
    assert len(model.events) > 100
    assert len(entries) == 100
    assert [e.findtext(f"{ATOM}title") for e in entries] == [e.text for e in model.events[:100]]
    links = [link.get("href") for e in entries for link in e.findall(f"{ATOM}link")]
    assert links == [f"{CANONICAL}/{e.url}" for e in model.events[:100]]


def test_each_partner_feed_has_all_its_events_and_an_empty_one_is_dated_as_of(
    model: SiteModel, files: dict[str, bytes]
) -> None:
    feeds = _atom_feeds(files)
    for partner in model.partners:
        entries = feeds[partner.feed_url].findall(f"{ATOM}entry")
        assert [e.findtext(f"{ATOM}title") for e in entries] == [e.text for e in partner.events]
    quiet = feeds["feeds/partners/quibble-sons.atom.xml"]
    assert quiet.findall(f"{ATOM}entry") == []
    assert quiet.findtext(f"{ATOM}updated") == "2026-11-24T00:00:00+00:00"


def test_entry_ids_do_not_change_when_the_site_is_rebuilt_later(files: dict[str, bytes]) -> None:
    later = extra_files(gather(REPO / "data", AS_OF + dt.timedelta(days=60)), SETTINGS, CONTENT_PAGES)
    path = "feeds/partners/acme-cloudworks.atom.xml"

    def entries(content: bytes) -> dict[str, str | None]:
        feed = _parse(content)
        return {e.findtext(f"{ATOM}id") or "": e.findtext(f"{ATOM}updated") for e in feed.findall(f"{ATOM}entry")}

    before, after = entries(files[path]), entries(later[path])
    assert before
    assert before.items() <= after.items()


# --- Status badges ------------------------------------------------------------------------------------


def test_every_badge_image_parses_and_names_itself(model: SiteModel, files: dict[str, bytes]) -> None:
    images = [path for path in files if path.endswith(".svg") and "/badges/" in path]
    views = [(a.name, b) for a in model.apps for b in a.badges] + [
        (p.name, b) for p in model.partners for b in p.badges
    ]
    expected = {b.svg_url: name for name, b in views if b.svg_url}
    assert set(images) == set(expected)
    for path in images:
        svg = _parse(files[path])
        assert svg.tag == f"{SVG}svg"
        assert svg.get("role") == "img"
        title = svg.findtext(f"{SVG}title")
        assert title
        assert title.startswith(f"{expected[path]}: ")
        assert svg.get("aria-label") == title
        endpoint = _json(files, path.removesuffix(".svg") + ".json")
        assert set(endpoint) == {"schemaVersion", "label", "message", "color"}
        assert endpoint["schemaVersion"] == 1
        assert endpoint["label"] in title


def _state_fill(content: bytes) -> str:
    paths = _parse(content).findall(f"{SVG}path")
    return paths[1].get("fill", "")


def test_badge_colours_follow_the_state_and_an_expired_badge_is_grey(files: dict[str, bytes]) -> None:
    earned = "apps/acme-sync/badges/bug-bounty-participant"
    expired = "apps/wobblebrook-dashboards/badges/caiq-lite-passed"
    exempt = "apps/paperclip-emoji-picker/badges/vulnerability-scan-passed"
    title = _parse(files[f"{earned}.svg"]).findtext(f"{SVG}title")
    assert title == "Acme Sync: Bug bounty participant — Earned, verified"
    assert _state_fill(files[f"{earned}.svg"]) == f"#{GREEN}"
    assert _state_fill(files[f"{expired}.svg"]) == f"#{GREY}"
    assert _state_fill(files[f"{exempt}.svg"]) == f"#{STATE_COLOURS[BadgeState.EXEMPT]}"
    assert _json(files, f"{expired}.json") == {
        "schemaVersion": 1,
        "label": "CAIQ-Lite passed",
        "message": "Expired",
        "color": GREY,
    }
    assert _json(files, f"{earned}.json")["color"] == GREEN


def _contrast_with_white(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(int(colour[i : i + 2], 16)) for i in (0, 2, 4))
    return 1.05 / (0.2126 * red + 0.7152 * green + 0.0722 * blue + 0.05)


@pytest.mark.parametrize("state", list(STATE_COLOURS))
def test_state_colours_keep_white_text_readable(state: BadgeState) -> None:
    assert _contrast_with_white(STATE_COLOURS[state]) >= 4.5  # WCAG AA for small text


def test_text_width_comes_from_the_character_table() -> None:
    assert text_width("Bug bounty participant") == pytest.approx(126.7, abs=0.5)
    assert text_width("iiii") < text_width("MMMM")
    assert text_width("é") == text_width("e")
    assert text_width("信") > text_width("e")


# --- Sitemap, robots.txt, security.txt ----------------------------------------------------------------


def test_the_sitemap_lists_every_page_at_its_public_address(model: SiteModel, files: dict[str, bytes]) -> None:
    urlset = _parse(files["sitemap.xml"])
    assert urlset.tag == f"{SITEMAP}urlset"
    locs = [url.findtext(f"{SITEMAP}loc") for url in urlset.findall(f"{SITEMAP}url")]
    pages = [page.url for page in site_pages(model) if page.url != "404.html"] + list(CONTENT_PAGES)
    assert locs == [f"{CANONICAL}/{url}" for url in pages]
    assert {url.findtext(f"{SITEMAP}lastmod") for url in urlset.findall(f"{SITEMAP}url")} == {"2026-11-24"}
    assert f"{CANONICAL}/partners/acme-cloudworks/" in locs
    assert f"{CANONICAL}/apps/acme-sync/" in locs


def test_robots_txt_allows_all_and_points_at_the_sitemap(files: dict[str, bytes]) -> None:
    lines = files["robots.txt"].decode().splitlines()
    assert lines[:2] == ["User-agent: *", "Allow: /"]
    assert f"Sitemap: {CANONICAL}/sitemap.xml" in lines


def test_security_txt_follows_rfc_9116_and_expires_after_the_as_of_date(files: dict[str, bytes]) -> None:
    text = files[".well-known/security.txt"].decode()
    fields = dict(line.split(": ", 1) for line in text.splitlines() if line and not line.startswith("#"))
    assert fields["Contact"] == "mailto:security@trust.example.com"
    expires = dt.datetime.fromisoformat(fields["Expires"])
    assert fields["Expires"].endswith("T00:00:00Z")
    assert expires > dt.datetime.combine(AS_OF, dt.time(), tzinfo=dt.UTC)
    assert expires.date() == AS_OF + dt.timedelta(days=180)
    assert fields["Canonical"] == f"{CANONICAL}/.well-known/security.txt"
    assert fields["Preferred-Languages"] == "en"
    assert fields["Policy"] == f"{CANONICAL}/about/"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("TRUST_SECURITY_CONTACT", "security@trust.example.com"),
        ("TRUST_SECURITY_CONTACT", "mailto:security@trust.example.com "),
        ("TRUST_CANONICAL_URL", "trust.example.com"),
        ("TRUST_CANONICAL_URL", "https://trust.example.com/?x=1"),
    ],
)
def test_a_misconfigured_address_stops_the_build(key: str, value: str) -> None:
    with pytest.raises(ValueError, match=key):
        public_site({**SETTINGS, key: value})


# --- Whole outputs ------------------------------------------------------------------------------------


def test_every_non_page_address_the_views_give_is_written(model: SiteModel, files: dict[str, bytes]) -> None:
    for partner in model.partners:
        assert partner.api_url in files
        assert partner.feed_url in files
        assert partner.logo_url is None or partner.logo_url in files
    for app in model.apps:
        assert app.api_url in files
    for badges in [p.badges for p in model.partners] + [a.badges for a in model.apps]:
        for badge in badges:
            if badge.svg_url:
                assert badge.svg_url in files
                assert badge.svg_url.removesuffix(".svg") + ".json" in files


def _texts(svg: bytes) -> list[str]:
    return [text.text or "" for text in _parse(svg).iter(f"{SVG}text")]


def test_every_partner_and_app_page_has_a_share_card_saying_what_its_page_says(
    model: SiteModel, files: dict[str, bytes]
) -> None:
    assert "Trust Pages" in _texts(files[model.site_card_url])
    for subject in (*model.partners, *model.apps):
        card = files[subject.card_url]
        svg = _parse(card)
        assert (svg.get("width"), svg.get("height")) == ("1200", "630")
        assert svg.findtext(f"{SVG}title") == f"{subject.name}: trust signals as of {model.as_of_label}"
        texts = _texts(card)
        assert subject.name in texts
        assert f"Data as of {model.as_of_label}" in texts
        # Only what the page shows as held, each self-attested one marked so.
        held = subject.held_badges[:4]
        assert [t for t in texts if any(t.startswith(b.name) for b in held)] == [
            b.name + (" (self-attested)" if b.provenance == "self-attested" else "") for b in held
        ]
        if not subject.held_badges:
            assert "None today" in texts


def test_a_share_card_shows_the_tiers_standing_and_an_out_of_date_grade(
    model: SiteModel, files: dict[str, bytes]
) -> None:
    suspended = next(p for p in model.partners if p.tier.standing == "suspended")
    texts = _texts(files[suspended.card_url])
    assert suspended.tier.name in texts
    assert suspended.tier.standing_label in texts
    stale = next(p for p in model.partners if p.grade and not p.grade.current)
    assert "Out of date" in _texts(files[stale.card_url])


def test_a_hostile_name_is_escaped_in_svg_and_xml_and_intact_in_json_and_csv(hostile_files: dict[str, bytes]) -> None:
    escaped = html.escape(HOSTILE)
    svg = hostile_files["partners/acme-cloudworks/badges/soc2.svg"]
    assert b"<script>" not in svg
    assert _parse(svg).findtext(f"{SVG}title") == f"{HOSTILE}: SOC 2 Type 2 — Earned, verified"
    card = hostile_files["partners/acme-cloudworks/card.svg"]
    assert b"<script>" not in card
    assert HOSTILE in _texts(card)

    feeds = [hostile_files["feeds/partners/acme-cloudworks.atom.xml"], hostile_files["feeds/trust-events.atom.xml"]]
    for content in feeds:
        assert b"<script>" not in content
    feed = _parse(feeds[0])
    assert feed.findtext(f"{ATOM}title") == f"{HOSTILE}: trust events"
    titles = [e.findtext(f"{ATOM}title") or "" for e in feed.findall(f"{ATOM}entry")]
    summaries = [e.findtext(f"{ATOM}summary") or "" for e in feed.findall(f"{ATOM}entry")]
    assert any(title.startswith(HOSTILE) for title in titles)
    # Summaries are type="html": the name is HTML-escaped text inside them, never markup.
    assert any(summary.startswith(escaped) for summary in summaries)
    assert not any("<script>" in summary for summary in summaries)

    assert _json(hostile_files, "api/v1/partners/acme-cloudworks.json")["name"] == HOSTILE
    assert _json(hostile_files, "api/v1/apps/acme-sync.json")["partner"]["name"] == HOSTILE
    assert HOSTILE in [p["name"] for p in _json(hostile_files, "api/v1/index.json")["partners"]]

    partners = csv.DictReader(io.StringIO(hostile_files["api/v1/partners.csv"].decode(), newline=""))
    assert next(row for row in partners if row["id"] == "acme-cloudworks")["name"] == f"'{HOSTILE}"
    apps = csv.DictReader(io.StringIO(hostile_files["api/v1/apps.csv"].decode(), newline=""))
    assert next(row for row in apps if row["id"] == "acme-sync")["partner_name"] == f"'{HOSTILE}"


def _digest(outputs: Mapping[str, bytes]) -> str:
    digest = hashlib.sha256()
    for path in sorted(outputs):
        digest.update(path.encode() + b"\0" + hashlib.sha256(outputs[path]).digest())
    return digest.hexdigest()


def test_building_twice_gives_identical_bytes(model: SiteModel, files: dict[str, bytes]) -> None:
    assert extra_files(model, SETTINGS, CONTENT_PAGES) == files
    assert extra_files(gather(REPO / "data", AS_OF), SETTINGS, CONTENT_PAGES) == files


def test_the_outputs_do_not_depend_on_the_hash_seed(files: dict[str, bytes]) -> None:
    script = (
        "import datetime, hashlib, json, sys\n"
        "from pathlib import Path\n"
        "from generator.outputs import extra_files\n"
        "from generator.build import gather\n"
        f"files = extra_files(gather(Path('data'), datetime.date({AS_OF.year}, {AS_OF.month}, {AS_OF.day})),"
        f" {SETTINGS!r}, {CONTENT_PAGES!r})\n"
        "digest = hashlib.sha256()\n"
        "for path in sorted(files):\n"
        "    digest.update(path.encode() + b'\\0' + hashlib.sha256(files[path]).digest())\n"
        "print(digest.hexdigest())\n"
    )
    seed = "1" if os.environ.get("PYTHONHASHSEED") != "1" else "2"
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        env={**os.environ, "PYTHONHASHSEED": seed},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == _digest(files)


# Time travel, a site without apps, retired badges ----------------------------------------------------------------


@pytest.mark.parametrize("as_of", ["2025-06-01", "2026-11-23"])
def test_a_past_day_is_built_from_todays_data(as_of: str) -> None:
    # Evidence dated after the day built is not known yet: no future-date error, and it is not used.
    day = dt.date.fromisoformat(as_of)
    model = gather(REPO / "data", day, AS_OF)
    assert model.as_of == day
    assert all(event.date <= day for event in model.trust_events)


def test_evidence_after_today_is_still_refused_when_building_a_past_day() -> None:
    with pytest.raises(DataError) as raised:
        gather(REPO / "data", dt.date(2025, 6, 1), dt.date(2026, 11, 1))
    assert any(problem.code == "future-date" for problem in raised.value.problems)


def test_a_site_whose_partners_have_no_apps_has_stats(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    for apps in data.glob("partners/*/apps"):
        shutil.rmtree(apps)
    for verification in data.glob("verifications/*.yaml"):
        verification.unlink()
    model = gather(data, AS_OF)
    assert model.headline.apps == 0
    bounty = next(chart for chart in model.charts if chart.title == "Bug bounty")
    assert all(bar.count == 0 and bar.percent == 0 for bar in bounty.bars)


@pytest.mark.parametrize("partner", ["acme-cloudworks", "zephyr-teapot"])
def test_a_retired_badge_keeps_a_grey_image_for_every_partner(files: dict[str, bytes], partner: str) -> None:
    svg = files[f"partners/{partner}/badges/top-vendor.svg"]
    assert b"Retired" in svg
    assert b"6a6a6a" in svg
    endpoint = json.loads(files[f"partners/{partner}/badges/top-vendor.json"])
    assert (endpoint["message"], endpoint["color"]) == ("Retired", "6a6a6a")
