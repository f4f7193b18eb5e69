"""Verify a built tree: each check finds what it is for, on a small hand-made site."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from generator.publish.verify import VerifyLimits, verify_release
from generator.site import api_documents as api
from generator.site.api_documents import schema_files

SITE = "https://trust.example.com"
LIMITS = VerifyLimits(SITE, max_page_drop=0.25)


def _write(tree: Path, path: str, text: str) -> None:
    target = tree / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def _page(links: str = "", ids: str = "") -> str:
    head = f'<head><link rel="stylesheet" href="{SITE}/theme/site.css"></head>'
    return f"<!DOCTYPE html><html>{head}<body>{ids}{links}</body></html>"


def _index(partners: tuple[str, ...]) -> str:
    """An API index that fits its schema, listing `partners`."""
    links = api.Links(**dict.fromkeys(api.Links.model_fields, f"{SITE}/"))
    entries = tuple(
        api.PartnerEntry(
            id=p,
            name=p,
            url=f"{SITE}/partners/{p}/",
            api_url=f"{SITE}/index.html",
            tier=None,
            tier_standing=None,
            grade=None,
            grade_assessed_on=None,
        )
        for p in partners
    )
    document = api.IndexDocument(
        as_of=dt.date(2026, 11, 24), generated_by="test", links=links, partners=entries, apps=(), badges=()
    )
    return api.document_bytes(document).decode()


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A valid site: a home page, one partner page, the API index and the feed."""
    site = tmp_path / "site"
    for path, data in schema_files().items():
        _write(site, path, data.decode())
    _write(site, "theme/site.css", "body{}")
    _write(
        site, "index.html", _page('<a href="partners/acme/#badges">Acme</a><a href="https://elsewhere.example/">x</a>')
    )
    _write(site, "partners/acme/index.html", _page('<a href="../../">Home</a>', '<h2 id="badges">Badges</h2>'))
    for number in range(4):
        _write(site, f"extra/{number}/index.html", _page())
    _write(site, "api/v1/index.json", _index(("acme",)))
    _write(site, "feeds/trust-events.atom.xml", '<feed xmlns="http://www.w3.org/2005/Atom"></feed>')
    _write(site, "sitemap.xml", "<urlset/>")
    return site


def test_a_sound_tree_passes(tree: Path) -> None:
    assert verify_release(tree, LIMITS, None) == []


def test_a_missing_anchor_is_found(tree: Path) -> None:
    _write(tree, "partners/acme/index.html", _page('<a href="../../">Home</a>'))
    assert verify_release(tree, LIMITS, None) == [
        "index.html: link partners/acme/#badges names #badges, which is no id in partners/acme/index.html"
    ]


def test_a_missing_page_and_stylesheet_are_found(tree: Path) -> None:
    (tree / "theme/site.css").unlink()
    shutil.rmtree(tree / "partners")
    problems = verify_release(tree, LIMITS, None)
    assert f"partner acme: its url {SITE}/partners/acme/ is not in the build" in problems
    assert "index.html: link partners/acme/#badges points to partners/acme/index.html, which is missing" in problems
    assert any("theme/site.css, which is missing" in problem for problem in problems)


def test_broken_json_and_feeds_are_found(tree: Path) -> None:
    _write(tree, "search/names.json", '{"names": [')
    _write(tree, "feeds/partners/acme.atom.xml", "<feed>")
    _write(tree, "feeds/partners/other.atom.xml", "<rss/>")
    problems = verify_release(tree, LIMITS, None)
    assert any(problem.startswith("search/names.json: not valid JSON") for problem in problems)
    assert any(problem.startswith("feeds/partners/acme.atom.xml: does not parse") for problem in problems)
    assert "feeds/partners/other.atom.xml: expected an Atom <feed> (got <rss>)" in problems


def test_an_api_file_that_breaks_its_schema_is_found(tree: Path) -> None:
    _write(tree, "api/v1/apps/acme-sync.json", json.dumps({"id": 7}))
    problems = verify_release(tree, LIMITS, None)
    assert any(
        problem.startswith("api/v1/apps/acme-sync.json: at id: 7 is not of type 'string'") for problem in problems
    )


def test_pages_lost_without_the_data_saying_so_stop_the_release(tree: Path, tmp_path: Path) -> None:
    before = tmp_path / "before"
    shutil.copytree(tree, before)
    shutil.rmtree(tree / "extra" / "0")
    assert verify_release(tree, LIMITS, before) == []  # 1 of 6 pages: within 25 %
    shutil.rmtree(tree / "extra" / "1")
    (problem,) = verify_release(tree, LIMITS, before)
    assert problem.startswith("2 of the 6 pages published before are gone")


def test_pages_of_partners_the_data_removed_may_go(tree: Path, tmp_path: Path) -> None:
    before = tmp_path / "before"
    shutil.copytree(tree, before)
    shutil.rmtree(tree / "partners")
    _write(tree, "index.html", _page())
    _write(tree, "api/v1/index.json", _index(()))
    for number in range(2):
        _write(before, f"partners/acme/badges/{number}/index.html", _page())
    assert verify_release(tree, LIMITS, before) == []
