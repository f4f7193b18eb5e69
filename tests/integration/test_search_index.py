"""The search index: a real Pelican build runs Pagefind last, over the pages it wrote; then checks on what it indexed.

Pagefind's page fragments are gzipped JSON (url, content, filters, meta of one page), its filter indexes list the
pages of each value by number, in the order of the metadata index's pages: enough to read the index back here
without a browser. The search page itself is driven in Chromium by tests/browser/test_search.py.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import shutil
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from pelican import Pelican
from pelican.settings import read_settings

from generator.build import gather
from generator.search import pagefind_run as search_index
from generator.search.index_source import indexed_text
from generator.search.pagefind_run import SearchIndexError, build_search_index, pagefind_command
from generator.search.stable_bundle import PREFIX, read_index
from generator.site.model import SiteModel

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
AS_OF = "2026-11-24"
CONTENT_PAGES = ("about/", "how-badges-work/", "submit-your-records/")


def build(output: Path, **override: object) -> Path:
    """A real Pelican build of the demo data into `output`, as of the fixed date."""
    settings = read_settings(
        str(REPO / "pelicanconf.py"),
        override={"OUTPUT_PATH": str(output), "TRUST_DATA_PATH": str(REPO / "data"), "TRUST_AS_OF": AS_OF, **override},
    )
    Pelican(settings).run()
    return output


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="module")
def model() -> SiteModel:
    return gather(REPO / "data", dt.date.fromisoformat(AS_OF))


@pytest.fixture(scope="module")
def meta(site: Path) -> Any:
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    (language,) = entry["languages"].values()
    return read_index(site / "pagefind" / f"pagefind.{language['hash']}.pf_meta")


@pytest.fixture(scope="module")
def fragments(site: Path, meta: Any) -> list[dict[str, Any]]:
    """Every indexed page's fragment, in the index's page order."""
    pages = []
    for fragment_hash, _word_count in meta[1]:
        data = gzip.decompress((site / "pagefind" / "fragment" / f"{fragment_hash}.pf_fragment").read_bytes())
        assert data.startswith(PREFIX)
        pages.append(json.loads(data[len(PREFIX) :]))
    return pages


def site_path(fragment: dict[str, Any]) -> str:
    return str(fragment["url"]).lstrip("/")


def filter_pages(site: Path, meta: Any, fragments: list[dict[str, Any]]) -> dict[str, dict[str, set[str]]]:
    """Each filter's values and the pages (site paths) under each, read from Pagefind's filter indexes."""
    filters: dict[str, dict[str, set[str]]] = {}
    for name, filter_hash in meta[3]:
        filter_name, values = read_index(site / "pagefind" / "filter" / f"{filter_hash}.pf_filter")
        assert filter_name == name
        filters[name] = {value: {site_path(fragments[number]) for number in pages} for value, pages in values}
    return filters


def test_the_build_writes_pagefinds_script_entry_and_indexes(site: Path, meta: Any) -> None:
    bundle = site / "pagefind"
    for name in ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "wasm.en.pagefind"):
        assert (bundle / name).is_file(), name
    assert meta[0] == json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))["version"]
    assert list((bundle / "index").glob("*.pf_index"))
    assert len(list((bundle / "fragment").glob("*.pf_fragment"))) == len(meta[1])
    assert sorted(path.stem for path in (bundle / "filter").glob("*.pf_filter")) == sorted(h for _n, h in meta[3])


def test_only_partner_app_badge_tier_and_content_pages_are_indexed(
    model: SiteModel, fragments: list[dict[str, Any]]
) -> None:
    indexed = sorted(site_path(fragment) for fragment in fragments)
    assert indexed == sorted([*model.search, *CONTENT_PAGES])


def test_each_page_is_indexed_with_its_records_filters_meta_and_name_first(
    model: SiteModel, fragments: list[dict[str, Any]]
) -> None:
    for fragment in fragments:
        path = site_path(fragment)
        record = model.search.get(path)
        if record is None:
            assert fragment["filters"] == {"kind": ["Page"]}, path
            assert fragment["meta"]["kind"] == "Page"
            continue
        expected: dict[str, list[str]] = defaultdict(list)
        for key, value in record.filters:
            expected[key].append(value)
        assert {key: sorted(values) for key, values in fragment["filters"].items()} == {
            key: sorted(values) for key, values in expected.items()
        }, path
        assert dict(record.meta).items() <= fragment["meta"].items(), path
        assert fragment["meta"]["title"] == record.name or record.kind == "Tier", path
        # The h1 comes first, and the page's words follow it: no navigation or breadcrumbs before it.
        assert fragment["content"].startswith(record.name), path


def test_receipts_embed_snippets_navigation_and_footer_are_not_indexed(fragments: list[dict[str, Any]]) -> None:
    for fragment in fragments:
        content = fragment["content"]
        for boilerplate in (
            "Why: the criteria and the evidence",
            "Embed a badge",
            "Paste this HTML",
            "Skip to main content",
            "Data as of",
            "publishes the Marketplace's trust signals",
            "Atom feed of",
            "Compare with other apps",
            # What the result card shows from the index's meta (badges, tier, grade) or what repeats on every
            # page of a kind: the excerpt comes from the page's own words, its description first.
            "At a glance",
            "Hosting:",
            "The partner behind it",
            "Security prerequisites of",
            "Held today",
        ):
            assert boilerplate not in content, (site_path(fragment), boilerplate)


def test_the_tier_filter_of_the_index_finds_each_tiers_partners_and_their_apps(
    site: Path, model: SiteModel, meta: Any, fragments: list[dict[str, Any]]
) -> None:
    filters = filter_pages(site, meta, fragments)
    assert list(filters) == sorted(filters)
    for tier in model.tiers:
        partners = [partner for partner in model.partners if partner.tier.tier == tier.id]
        expected = {partner.url for partner in partners} | {app.url for partner in partners for app in partner.apps}
        assert filters["tier"][tier.name] == expected, tier.name
    assert filters["kind"]["Page"] == set(CONTENT_PAGES)
    assert set(filters["hosting"]) == {"Cloud", "Data Center", "Server"}
    assert all(path.startswith("apps/") for pages in filters["hosting"].values() for path in pages)


def test_every_page_has_a_labelled_search_box_leading_to_the_search_page(site: Path) -> None:
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        assert '<label class="visually-hidden" for="site-search-q">' in html, page
        action = html.split('class="site-search" role="search" aria-label="Site" action="', 1)[1].split('"', 1)[0]
        assert (page.parent / action / "index.html").resolve() == (site / "search" / "index.html").resolve(), page


def test_the_search_page_finds_pagefind_and_the_names_from_its_own_address(site: Path) -> None:
    page = site / "search" / "index.html"
    html = page.read_text(encoding="utf-8")
    for attribute, target in (
        ("data-search-script", site / "pagefind" / "pagefind.js"),
        ("data-search-names", site / "search" / "names.json"),
        ("data-search-root", site),
    ):
        value = html.split(f'{attribute}="', 1)[1].split('"', 1)[0]
        # Relative to the page, never from the host's root: the site may be served under any path.
        assert not urlsplit(value).scheme, value
        assert not value.startswith("/"), value
        assert (page.parent / value).resolve() == target.resolve()
    assert "<noscript>" in html
    assert '<script type="module" src="../theme/js/search/page.js"></script>' in html


def test_the_search_page_works_with_absolute_addresses_too(tmp_path: Path) -> None:
    output = build(tmp_path / "site", SITEURL="https://trust.example.com/sub", RELATIVE_URLS=False)
    html = (output / "search" / "index.html").read_text(encoding="utf-8")
    assert 'data-search-script="https://trust.example.com/sub/pagefind/pagefind.js"' in html
    assert 'action="https://trust.example.com/sub/search/"' in html


def _digest(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_indexing_the_same_pages_again_writes_the_same_bytes(site: Path, tmp_path: Path) -> None:
    # Pagefind alone writes its filter indexes in a random order: this is the step that makes them stable.
    copy = tmp_path / "copy"
    (copy / "pagefind").parent.mkdir(parents=True)
    for path in site.rglob("*"):
        target = copy / path.relative_to(site)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        elif not path.is_relative_to(site / "pagefind"):
            target.write_bytes(path.read_bytes())
    index = build_search_index(copy)
    assert index.seconds > 0
    assert sorted(index.files) == sorted(p.relative_to(copy).as_posix() for p in (copy / "pagefind").rglob("*.*"))
    assert _digest(copy / "pagefind") == _digest(site / "pagefind")


def test_the_command_line_indexes_the_output_into_its_pagefind_directory(tmp_path: Path) -> None:
    command = pagefind_command(tmp_path)
    assert Path(command[0]).name.startswith("pagefind")
    assert command[1:] == ["--site", str(tmp_path), "--output-subdir", "pagefind", "--quiet"]


def test_a_site_pagefind_cannot_index_is_refused_with_pagefinds_words(tmp_path: Path) -> None:
    with pytest.raises(SearchIndexError, match=r"Pagefind failed with exit status 1 .*\n.*not able to build an index"):
        build_search_index(tmp_path)


def test_a_failing_pagefind_stops_the_build_with_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    failing = [sys.executable, "-c", "import sys; print('Error: the index is on fire'); sys.exit(3)"]
    monkeypatch.setattr(search_index, "pagefind_command", lambda site, bundle=None: failing)
    with pytest.raises(SystemExit) as stopped:
        build(tmp_path / "site")
    assert stopped.value.code == 1
    error = capsys.readouterr().err
    assert "search index: Pagefind failed with exit status 3" in error
    assert "Error: the index is on fire" in error
    assert "Traceback" not in error


def test_an_index_of_unchanged_pages_is_kept_and_a_damaged_one_rebuilt(site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(site, copy)
    bundle = copy / "pagefind"
    before = _digest(bundle)
    # The same pages: Pagefind does not run, and the index kept is the one a run writes.
    kept = build_search_index(copy)
    assert kept.skipped
    assert _digest(bundle) == before
    assert sorted(kept.files) == sorted(p.relative_to(copy).as_posix() for p in bundle.rglob("*") if p.is_file())
    # Only the furniture around <main> changed (the header's as-of date): still nothing Pagefind reads.
    page = copy / "apps" / "acme-sync" / "index.html"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("Data as of", "Data as on", 1), encoding="utf-8")
    assert build_search_index(copy).skipped
    # A file of the index lost: it is made again, whole.
    next(bundle.glob("fragment/*")).unlink()
    rebuilt = build_search_index(copy)
    assert not rebuilt.skipped
    assert _digest(bundle) == before
    # A page's words changed: Pagefind runs again.
    page.write_text(text.replace("</h1>", " Pro</h1>", 1), encoding="utf-8")
    changed = build_search_index(copy)
    assert not changed.skipped
    assert _digest(bundle) != before


def test_indexed_text_is_the_body_and_pagefind_attributes_not_the_furniture() -> None:
    page = (
        b'<!DOCTYPE html><html lang="en"><head><title>T</title></head><body><header>Data as of today</header>'
        b'<main data-pagefind-body><h1>Acme</h1></main><footer data-pagefind-meta="x:y">as of</footer></body></html>'
    )
    text = indexed_text(page)
    assert b"<h1>Acme</h1>" in text
    assert b'<html lang="en">' in text
    assert b"<title>T</title>" in text
    assert b'<footer data-pagefind-meta="x:y">' in text
    assert b"Data as of today" not in text


def test_a_split_index_indexes_again_only_the_bundle_whose_pages_changed(site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(site, copy)
    bundle = copy / "pagefind"
    split = build_search_index(copy, 15)
    listing = json.loads((bundle / "bundles.json").read_text(encoding="utf-8"))["bundles"]
    assert listing[0] == "./"
    assert len(listing) >= 3
    nested = tuple(listing[1:])
    assert sorted(split.files) == sorted(p.relative_to(copy).as_posix() for p in bundle.rglob("*") if p.is_file())
    # Each bundle has what the search page loads; Pagefind's own interfaces only the first.
    for directory in nested:
        assert (bundle / directory / "pagefind.js").is_file()
        assert (bundle / directory / "wasm.en.pagefind").is_file()
        assert not (bundle / directory / "pagefind-ui.js").exists()
    assert (bundle / "pagefind-ui.js").is_file()
    before = _digest(bundle)
    assert build_search_index(copy, 15).skipped
    # Acme Sync sorts first: its page is in the first bundle, and only that bundle is indexed again.
    page = copy / "apps" / "acme-sync" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</h1>", " Pro</h1>", 1), encoding="utf-8")
    assert not build_search_index(copy, 15).skipped
    after = _digest(bundle)
    assert {n: h for n, h in after.items() if n.startswith(nested)} == {
        n: h for n, h in before.items() if n.startswith(nested)
    }
    assert any(after.get(n) != h for n, h in before.items() if not n.startswith(nested) and n != "index-source.json")
    # One bundle again: the layout of a single Pagefind run, the nested bundles gone.
    assert not build_search_index(copy).skipped
    assert json.loads((bundle / "bundles.json").read_text(encoding="utf-8")) == {"bundles": ["./"]}
    assert not any((bundle / name).exists() for name in nested)


def test_a_bundle_indexed_again_in_place_gives_the_index_a_fresh_run_gives(site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(site, copy)
    bundle = copy / "pagefind"
    build_search_index(copy, 15)
    page = copy / "apps" / "acme-sync" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</h1>", " Pro</h1>", 1), encoding="utf-8")
    (bundle / "fragment" / "planted.pf_fragment").write_bytes(b"not from this build")
    (bundle / "stray").mkdir()
    (bundle / "stray" / "file.js").write_bytes(b"alert(1)")
    in_place = build_search_index(copy, 15)
    assert not in_place.skipped
    assert not (bundle / "fragment" / "planted.pf_fragment").exists()
    assert not (bundle / "stray").exists()
    fresh = tmp_path / "fresh"
    shutil.copytree(copy, fresh, ignore=shutil.ignore_patterns("pagefind"))
    anew = build_search_index(fresh, 15)
    assert _digest(bundle) == _digest(fresh / "pagefind")
    assert sorted(in_place.files) == sorted(anew.files)
    assert sorted(in_place.files) == sorted(p.relative_to(copy).as_posix() for p in bundle.rglob("*") if p.is_file())
