"""The description cache: a description's HTML comes from the cache only for the very same text and code, is the
HTML rendering makes, and a damaged pack or entry is rendered again."""

from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path
from typing import Any

import pytest

from generator.build import gather
from generator.load.cache import CACHE_DIRECTORY_VARIABLE, CACHE_SWITCH_VARIABLE, open_pack
from generator.views import description_cache
from generator.views.description_cache import DescriptionRenderer
from generator.views.markdown import render_untrusted

REPO = Path(__file__).resolve().parents[3]
AS_OF = dt.date(2026, 11, 24)
# Partner text that exercises every rewrite: links kept, refused and made honest, punycode, images, headings,
# raw HTML, and characters beyond ASCII.
TEXTS = [
    "Plain **bold** text.",
    "# Heading\n\n[docs](https://docs.example.com) [x](javascript:alert(1)) ![logo](https://evil.example/x.png)",
    "[https://bank.example.com](https://evil.example/login) and [p\u0430ypal.com](https://p\u0430ypal.com/)",
    "<script>alert(1)</script> & | a | b |\n|---|---|\n| 1 | 2 |",
    "Ünïcødé 名前 🙂 mailto: [write](mailto:security@acme.example.com)",
]


def _count_renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every text the renderer had to render itself."""
    rendered: list[str] = []

    def counting(text: str) -> str:
        rendered.append(text)
        return render_untrusted(text)

    monkeypatch.setattr(description_cache, "render_untrusted", counting)
    return rendered


def _render_and_save(*texts: str) -> list[str]:
    renderer = DescriptionRenderer.open()
    html = [renderer.render(text) for text in texts]
    renderer.save()
    return html


def test_the_same_text_is_not_rendered_again(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rendered = _count_renders(monkeypatch)

    first = _render_and_save(*TEXTS)
    again = _render_and_save(*TEXTS)

    assert rendered == TEXTS
    assert again == first == [render_untrusted(text) for text in TEXTS]
    assert (cache_dir / f"{description_cache.PACK}.pack").is_file()


def test_a_changed_text_is_rendered_and_the_others_are_not(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _render_and_save(*TEXTS)
    rendered = _count_renders(monkeypatch)
    changed = TEXTS[0].replace("bold", "bolder")

    html = _render_and_save(changed, *TEXTS[1:])

    assert rendered == [changed]
    assert html[0] == render_untrusted(changed) != render_untrusted(TEXTS[0])


def test_a_code_change_is_a_miss(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _render_and_save(TEXTS[0])
    rendered = _count_renders(monkeypatch)
    monkeypatch.setattr(description_cache, "code_fingerprint", lambda: "another version of the code")

    _render_and_save(TEXTS[0])

    assert rendered == [TEXTS[0]]


def test_with_the_cache_off_everything_is_rendered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_DIRECTORY_VARIABLE, str(tmp_path / "cache"))
    monkeypatch.setenv(CACHE_SWITCH_VARIABLE, "0")
    rendered = _count_renders(monkeypatch)

    _render_and_save(*TEXTS)
    html = _render_and_save(*TEXTS)

    assert rendered == TEXTS * 2
    assert html == [render_untrusted(text) for text in TEXTS]
    assert not (tmp_path / "cache").exists()


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[:-7], id="truncated"),
        pytest.param(lambda data: data[:-40] + bytes(40), id="entry-bytes-changed"),
        pytest.param(lambda data: data[:30] + b"\xff" + data[31:], id="index-changed"),
        pytest.param(lambda data: b"not a pack at all", id="another-file"),
    ],
)
def test_a_damaged_pack_is_ignored_and_rendered_again(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch, damage: Any
) -> None:
    _render_and_save(*TEXTS)
    pack = cache_dir / f"{description_cache.PACK}.pack"
    pack.write_bytes(damage(pack.read_bytes()))
    rendered = _count_renders(monkeypatch)

    html = _render_and_save(*TEXTS)
    again = _render_and_save(*TEXTS)

    assert rendered  # at least the damaged entries
    assert html == again == [render_untrusted(text) for text in TEXTS]


def test_an_entry_that_is_not_html_is_rendered_again(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _render_and_save(*TEXTS)
    # Every entry replaced by a value of another type, checksums and all.
    pack = open_pack(description_cache.PACK)
    assert pack is not None
    for key in list(pack._index):
        pack._used[key] = pickle.dumps(("not", "html"))
    pack._changed = True
    pack.save()
    rendered = _count_renders(monkeypatch)

    html = _render_and_save(*TEXTS)

    assert rendered == TEXTS
    assert html == [render_untrusted(text) for text in TEXTS]


def test_the_site_shows_the_same_descriptions_with_the_cache_on_and_off(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def descriptions() -> dict[str, str | None]:
        model = gather(REPO / "data", AS_OF)
        shown = {partner.id: partner.description_html for partner in model.partners}
        return shown | {app.id: app.description_html for app in model.apps}

    filled = descriptions()
    rendered = _count_renders(monkeypatch)
    from_cache = descriptions()
    monkeypatch.setenv(CACHE_SWITCH_VARIABLE, "0")
    uncached = descriptions()

    assert from_cache == filled == uncached
    assert any(html for html in uncached.values())
    # The second build rendered nothing; the one without the cache rendered every description.
    assert len(rendered) == sum(1 for html in uncached.values() if html)
