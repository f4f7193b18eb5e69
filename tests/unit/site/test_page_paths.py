"""Content pages stay inside the output directory, and no slug takes another page's place.

The hostile pages are in tests/fixtures/hostile/content/.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path, PurePosixPath

import pytest

from generator.build import gather
from generator.load.problems import format_text
from generator.outputs import extra_files
from generator.site.page_paths import SITE_TOP_LEVEL, ContentPage, OutputGuard, content_page_problems, outside_output
from generator.site.pages import site_pages

REPO = Path(__file__).resolve().parents[3]
HOSTILE = REPO / "tests" / "fixtures" / "hostile" / "content"
OWN = REPO / "content" / "pages"
SLUG_LINE = "Slug: "
SETTINGS = {
    "TRUST_CANONICAL_URL": "https://trust.example.com",
    "TRUST_SECURITY_CONTACT": "mailto:security@trust.example.com",
    "SITENAME": "Trust Pages",
}


def _page(source: Path) -> ContentPage:
    """A page as Pelican reads it with our settings: PAGE_SAVE_AS = '{slug}/index.html'."""
    header = source.read_text(encoding="utf-8").split("\n\n", 1)[0]
    slug = next(line.removeprefix(SLUG_LINE) for line in header.splitlines() if line.startswith(SLUG_LINE))
    return ContentPage(source, slug, f"{slug}/index.html")


def _report(*names: str, output: Path) -> str:
    pages = [_page(path) for path in sorted(OWN.glob("*.md"))] + [_page(HOSTILE / name) for name in names]
    return format_text(content_page_problems(pages, output), base=REPO)


def test_our_own_pages_have_no_problem(tmp_path: Path) -> None:
    pages = [_page(path) for path in sorted(OWN.glob("*.md"))]
    assert content_page_problems(pages, tmp_path / "output") == []


def test_a_slug_that_climbs_out_is_a_located_error(tmp_path: Path) -> None:
    report = _report("escape.md", output=tmp_path / "output")
    assert report.startswith(
        "tests/fixtures/hostile/content/escape.md:2:7: error[bad-slug] slug must be lowercase letters, digits and "
        "single hyphens, like 'how-badges-work' (got '../output-evil/index')\n"
        "  2 | Slug: ../output-evil/index\n"
        "    |       ^^^^^^^^^^^^^^^^^^^^\n"
        "   at Slug\n"
    )
    assert (
        "escape.md:2:7: error[path-outside-output] '../output-evil/index/index.html' would be written outside" in report
    )


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("absolute.md", "bad-slug"),
        ("reserved.md", "reserved-slug"),
        ("lookalike.md", "bad-slug"),
        ("capitals.md", "bad-slug"),
        ("twice.md", "duplicate-slug"),
    ],
)
def test_a_hostile_slug_is_a_located_error(name: str, code: str, tmp_path: Path) -> None:
    report = _report(name, output=tmp_path / "output")
    assert f"tests/fixtures/hostile/content/{name}:2:7: error[{code}]" in report


def test_an_absolute_path_is_outside(tmp_path: Path) -> None:
    assert [p.code for p in outside_output(["/var/www/index.html", "a/../../b", "ok/index.html"], tmp_path)] == [
        "path-outside-output",
        "path-outside-output",
    ]


def test_the_list_of_the_sites_own_top_level_names_is_whole() -> None:
    model = gather(REPO / "data", dt.date(2026, 11, 24))
    written = [page.save_as for page in site_pages(model)] + list(extra_files(model, SETTINGS, ()))
    top = {PurePosixPath(path).parts[0] for path in written}
    assert top <= SITE_TOP_LEVEL


def _resolved_outside(path: str, output: Path) -> bool:
    """The guard's reference: the path resolved whole, every link and '..' followed."""
    root = output.resolve()
    target = (root / path).resolve()
    return PurePosixPath(path).is_absolute() or not target.is_relative_to(root) or target == root


@pytest.fixture
def output_with_links(tmp_path: Path) -> Path:
    """An output directory with links planted in it, pointing outside it and inside it."""
    output = tmp_path / "output"
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "deep").mkdir(parents=True)
    (output / "apps" / "real").mkdir(parents=True)
    (output / "index.html").write_text("home", encoding="utf-8")
    (output / "apps" / "real" / "index.html").write_text("app", encoding="utf-8")
    (output / "out-dir").symlink_to(elsewhere, target_is_directory=True)
    (output / "in-dir").symlink_to("apps", target_is_directory=True)
    (output / "self").symlink_to(".", target_is_directory=True)
    (output / "apps" / "deep").symlink_to("../../elsewhere/deep", target_is_directory=True)
    (output / "apps" / "real" / "escape.html").symlink_to(elsewhere / "page.html")
    (output / "apps" / "real" / "inner.html").symlink_to("../../index.html")
    (output / "dangling-inside").symlink_to("nowhere")
    (output / "dangling-outside").symlink_to("../../nowhere")
    return output


LINK_CASES = {
    # Plain paths through no link: inside, whether or not they exist yet.
    "index.html": False,
    "apps/real/index.html": False,
    "apps/new/index.html": False,
    "apps/real/new/deeper/file.json": False,
    # Through a directory link pointing outside, at the top or deeper, and a file link pointing outside.
    "out-dir/index.html": True,
    "out-dir/new/index.html": True,
    "apps/deep/index.html": True,
    "apps/real/escape.html": True,
    "dangling-outside": True,
    "dangling-outside/index.html": True,
    # Links that stay inside are followed to where they land.
    "in-dir/real/index.html": False,
    "apps/real/inner.html": False,
    "self/index.html": False,
    "self": True,
    "dangling-inside": False,
    # Not plain: resolved whole, links first, then '..'.
    "": True,
    ".": True,
    "/var/www/index.html": True,
    "a/../../b": True,
    "a/..": True,
    "a/../b": False,
    "./index.html": False,
    "apps//real/index.html": False,
    "out-dir/../index.html": True,
    "in-dir/../apps/real/index.html": False,
    "apps/deep/../index.html": True,
}


@pytest.mark.parametrize(("path", "outside"), LINK_CASES.items())
def test_a_link_planted_in_the_output_is_followed_as_a_resolved_path_would_be(
    path: str, outside: bool, output_with_links: Path
) -> None:
    assert _resolved_outside(path, output_with_links) == outside
    assert bool(list(outside_output([path], output_with_links))) == outside


def test_one_guard_checks_every_path_as_resolving_it_would(output_with_links: Path) -> None:
    guard = OutputGuard(output_with_links)
    paths = list(LINK_CASES)
    refused = [path for path in paths if _resolved_outside(path, output_with_links)]
    # Twice, in batches: what the guard read of a directory for one path holds for the next.
    for _ in range(2):
        found = [problem.message.split("'")[1] for batch in (paths[:9], paths[9:]) for problem in guard.outside(batch)]
        assert found == refused
