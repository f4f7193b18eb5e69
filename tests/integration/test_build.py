"""A real Pelican run with our settings, theme and plugin, then checks on the files it wrote."""

from __future__ import annotations

import logging
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from pelican import Pelican
from pelican.settings import read_settings

from generator import build as build_module

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
CONTENT_PAGES = ("about", "how-badges-work", "submit-your-records")
SECTION_PAGES = ("partners", "apps", "badges", "tiers", "timeline", "stats", "compare")
# Written out in full rather than read from pelicanconf, so a weakened policy there fails this test.
CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)


class _Document(HTMLParser):
    """Collects start tags with their attributes, and the text inside <title> and <h1>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.texts: dict[str, str] = {"title": "", "h1": ""}
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in self.texts:
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for tag in self._open:
            self.texts[tag] += data


def parse(path: Path) -> _Document:
    """Parse one written HTML file."""
    document = _Document()
    document.feed(path.read_text(encoding="utf-8"))
    document.close()
    return document


def build_site(output: Path, **override: object) -> Path:
    """Run Pelican with pelicanconf.py, writing into output; return output."""
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"OUTPUT_PATH": str(output), **override})
    Pelican(settings).run()
    return output


def write_page(content: Path, name: str, text: str) -> None:
    """Write one Markdown page into a scratch content directory."""
    pages = content / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    (pages / name).write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from the real content/ directory."""
    return build_site(tmp_path_factory.mktemp("site"))


def html_files(site: Path) -> list[Path]:
    """Every HTML file the build wrote."""
    return sorted(site.rglob("*.html"))


def test_the_real_content_builds_without_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        build_site(tmp_path)
    assert [record.getMessage() for record in caplog.records] == []


def test_home_section_and_content_pages_are_written_at_pretty_urls(site: Path) -> None:
    written = {path.relative_to(site).as_posix() for path in html_files(site)}
    expected = {"index.html", "404.html", *(f"{slug}/index.html" for slug in SECTION_PAGES + CONTENT_PAGES)}
    assert expected <= written
    partners = {path.name for path in (ROOT / "data" / "partners").iterdir() if path.is_dir()}
    assert {f"partners/{partner}/index.html" for partner in partners} <= written
    # Pretty URLs: every page but the 404 page is a directory's index.html.
    assert {page for page in written if not page.endswith("/index.html")} == {"index.html", "404.html"}


@pytest.mark.parametrize("page", ["index.html", *(f"{slug}/index.html" for slug in CONTENT_PAGES)])
def test_every_page_sets_the_csp_and_viewport_before_loading_anything(site: Path, page: str) -> None:
    tags = parse(site / page).tags
    policies = [
        attrs.get("content")
        for tag, attrs in tags
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "content-security-policy"
    ]
    assert policies == [CSP]
    names = [attrs.get("name") for tag, attrs in tags if tag == "meta"]
    assert "viewport" in names
    first_csp = next(i for i, (tag, attrs) in enumerate(tags) if tag == "meta" and "http-equiv" in attrs)
    first_resource = next(i for i, (tag, _attrs) in enumerate(tags) if tag in {"link", "script", "img"})
    assert first_csp < first_resource


def test_no_page_has_inline_script_or_style(site: Path) -> None:
    for path in html_files(site):
        for tag, attrs in parse(path).tags:
            where = f"{path.relative_to(site)}: <{tag}>"
            assert tag != "style", where
            # JSON-LD is data, not script: browsers do not run it, and the CSP does not apply to it.
            inline_script = tag == "script" and not attrs.get("src") and attrs.get("type") != "application/ld+json"
            assert not inline_script, where
            assert "style" not in attrs, where
            assert not any(name.startswith("on") for name in attrs), where


def test_no_page_requests_anything_from_another_origin(site: Path) -> None:
    for path in html_files(site):
        for tag, attrs in parse(path).tags:
            # A canonical link names the page's public address; the browser loads nothing from it.
            if tag in {"link", "script", "img"} and attrs.get("rel") != "canonical":
                url = attrs.get("href") or attrs.get("src") or ""
                assert not urlsplit(url).netloc, f"{path.relative_to(site)}: <{tag}> loads {url}"


def test_every_site_link_leads_to_a_written_file(site: Path) -> None:
    for path in html_files(site):
        for _tag, attrs in parse(path).tags:
            for url in (attrs.get("href"), attrs.get("src")):
                parts = urlsplit(url or "#")
                if parts.scheme or parts.netloc or not parts.path:
                    continue
                target = (path.parent / parts.path).resolve()
                if parts.path.endswith("/"):
                    target /= "index.html"
                assert target.is_file(), f"{path.relative_to(site)} links to missing {url}"


def test_the_current_page_is_marked_in_the_navigation(site: Path) -> None:
    tags = parse(site / "about" / "index.html").tags
    current = [attrs.get("href") for tag, attrs in tags if tag == "a" and attrs.get("aria-current") == "page"]
    assert current == ["../about/"]


def test_a_javascript_link_in_a_page_is_not_rendered_as_a_link(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write_page(
        content,
        "hostile.md",
        "Title: Hostile\nSlug: hostile\n\n"
        "[run me](javascript:alert(1)) and [also me](JaVaScRiPt:alert(2)) but [home](../about/)\n",
    )
    page = build_site(tmp_path / "output", PATH=str(content)) / "hostile" / "index.html"
    hrefs = [attrs.get("href") or "" for tag, attrs in parse(page).tags if tag == "a"]
    assert "../about/" in hrefs
    assert not any("script:" in href.lower() for href in hrefs)
    assert "run me" in page.read_text(encoding="utf-8")


def test_templates_escape_what_they_print(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write_page(content, "bold.md", "Title: Plain <b>bold</b> & co\nSlug: bold\nSummary: A <i>summary</i>\n\nBody.\n")
    page = build_site(tmp_path / "output", PATH=str(content)) / "bold" / "index.html"
    html = page.read_text(encoding="utf-8")
    document = parse(page)
    assert document.texts["title"].startswith("Plain <b>bold</b> & co")
    assert document.texts["h1"] == "Plain <b>bold</b> & co"
    assert "<b>" not in html
    assert "<i>" not in html
    assert "Plain &lt;b&gt;bold&lt;/b&gt; &amp; co" in html


def test_a_page_with_an_unknown_header_key_is_not_published(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    content = tmp_path / "content"
    write_page(content, "typo.md", "Title: Typo\nSulg: typo\n\nBody.\n")
    write_page(content, "fine.md", "Title: Fine\n\nBody.\n")
    with caplog.at_level(logging.ERROR):
        output = build_site(tmp_path / "output", PATH=str(content))
    assert (output / "fine" / "index.html").is_file()
    assert not (output / "typo").exists()
    assert "typo.md:2: unknown header key 'Sulg' (expected one of slug, summary, title)" in caplog.text


def test_a_content_page_that_climbs_out_of_the_output_stops_the_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    shutil.copyfile(ROOT / "tests" / "fixtures" / "hostile" / "content" / "escape.md", content / "pages" / "escape.md")
    output = tmp_path / "output"

    with pytest.raises(SystemExit) as stopped:
        build_site(output, PATH=str(content))

    assert stopped.value.code == 1
    assert "escape.md:2:7: error[bad-slug]" in capsys.readouterr().err
    assert not (tmp_path / "output-evil").exists()
    assert not output.exists() or not any(output.rglob("*.html"))


def test_a_directory_link_planted_in_the_output_stops_the_build_before_anything_lands_outside(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    output = tmp_path / "output"
    output.mkdir()
    (output / "apps").symlink_to(elsewhere, target_is_directory=True)

    with pytest.raises(SystemExit) as stopped:
        build_site(output)

    assert stopped.value.code == 1
    assert "error[path-outside-output] 'apps/index.html' would be written outside" in capsys.readouterr().err
    assert list(elsewhere.iterdir()) == []


def test_a_planned_file_gone_before_the_check_stops_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A page and an API file vanish after they were written, while the search index is made: the check that
    # runs meanwhile names both, and the build fails.
    write_other_files = build_module._write_other_files

    def and_lose_two(model: object, output: Path, *arguments: Any) -> set[str]:
        files = write_other_files(model, output, *arguments)
        (output / "apps" / "acme-backup" / "index.html").unlink()
        (output / "api" / "v1" / "index.json").unlink()
        return files

    monkeypatch.setattr(build_module, "_write_other_files", and_lose_two)

    with pytest.raises(SystemExit) as stopped:
        build_site(tmp_path / "output")

    assert stopped.value.code == 1
    error = capsys.readouterr().err
    assert "the build did not write 2 of " in error
    assert ": api/v1/index.json, apps/acme-backup/index.html\n" in error


def test_a_search_bundle_without_its_script_stops_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The bundle's files are checked once the index is made.
    index_the_site = build_module.build_search_index

    def and_lose_the_script(output: Path, *arguments: Any) -> Any:
        index = index_the_site(output, *arguments)
        (output / "pagefind" / "pagefind.js").unlink()
        return index

    monkeypatch.setattr(build_module, "build_search_index", and_lose_the_script)

    with pytest.raises(SystemExit) as stopped:
        build_site(tmp_path / "output")

    assert stopped.value.code == 1
    assert "the build did not write 1 of 2 planned files into " in capsys.readouterr().err
