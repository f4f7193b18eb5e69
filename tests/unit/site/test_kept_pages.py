"""Record pages kept from the last build: what a template reads, each page's key, and when a page is kept."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import jinja2
import pytest

from generator.site.kept_pages import KeptPages, PageKeys, shared_key, template_reads
from generator.site.pages import Page
from generator.views.view_digests import ViewDigests

TEMPLATES = {
    "base.html": "<title>{{ page_title }} · {{ SITENAME }}</title><p>As of {{ trust.as_of_label }}</p>"
    "{% block content %}{% endblock %}",
    "_macros.html": "{% macro card(x) %}<b>{{ x }}</b>{% endmacro %}",
    "app.html": '{% extends "base.html" %}{% import "_macros.html" as m with context %}'
    "{% block content %}{{ m.card(app.name) }} {{ trust.headline.apps }}{% endblock %}",
    "whole.html": '{% extends "base.html" %}{% set everything = trust %}{{ everything }}',
    "indexed.html": '{% extends "base.html" %}{{ trust["as_of_label"] }}',
    "dynamic.html": "{% include app.template %}",
}


@dataclasses.dataclass(frozen=True)
class Headline:
    apps: int
    partners: int = 2


@dataclasses.dataclass(frozen=True)
class Model:
    as_of_label: str
    headline: Headline
    partners: tuple[str, ...]


@pytest.fixture
def environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.DictLoader(TEMPLATES), autoescape=True)


def context(**changes: object) -> dict[str, object]:
    values: dict[str, object] = {
        "SITENAME": "Trust",
        "trust": Model("24 November 2026", Headline(32), ("acme", "globex")),
        "unread": "anything",
    }
    return values | changes


def test_a_template_reads_its_names_and_the_model_fields_of_every_template_it_uses(
    environment: jinja2.Environment,
) -> None:
    reads = template_reads(environment, "app.html")
    assert reads is not None
    assert {"page_title", "SITENAME", "app"} <= reads.names
    assert "trust" not in reads.names
    assert reads.model_fields == {("as_of_label",), ("headline", "apps")}


@pytest.mark.parametrize("template", ["whole.html", "indexed.html", "dynamic.html"])
def test_a_template_that_uses_the_model_whole_or_includes_by_a_variable_cannot_say_what_it_reads(
    environment: jinja2.Environment, template: str
) -> None:
    assert template_reads(environment, template) is None


def test_the_shared_key_changes_with_what_the_templates_read_and_nothing_else(
    environment: jinja2.Environment,
) -> None:
    reads = template_reads(environment, "app.html")
    assert reads is not None
    key = shared_key(reads, context(), environment)
    assert key is not None
    assert shared_key(reads, context(unread="something else"), environment) == key
    model = Model("24 November 2026", Headline(32), ("acme",))
    assert shared_key(reads, context(trust=model), environment) == key
    for changed in (
        context(SITENAME="Other"),
        context(trust=Model("25 November 2026", Headline(32), ("acme", "globex"))),
        context(trust=Model("24 November 2026", Headline(33), ("acme", "globex"))),
    ):
        assert shared_key(reads, changed, environment) != key
    # Only the fields read: the headline's other numbers are not on the page.
    assert shared_key(reads, context(trust=Model("24 November 2026", Headline(32, 7), ())), environment) == key
    edited = jinja2.Environment(
        loader=jinja2.DictLoader({**TEMPLATES, "_macros.html": "{% macro card(x) %}<i>{{ x }}</i>{% endmacro %}"}),
        autoescape=True,
    )
    edited_reads = template_reads(edited, "app.html")
    assert edited_reads is not None
    assert shared_key(edited_reads, context(), edited) != key
    trimmed = jinja2.Environment(loader=environment.loader, autoescape=True, trim_blocks=True)
    assert shared_key(reads, context(), trimmed) != key


@dataclasses.dataclass(frozen=True)
class Card:
    name: str
    tags: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Listing:
    items: tuple[Card, ...]


def keys(shared: str = "shared", relative_urls: bool = False) -> PageKeys:
    return PageKeys({"app": shared, "apps": shared}, relative_urls, ViewDigests((Card,)))


def test_a_page_key_changes_with_the_page_and_its_variables() -> None:
    page = Page("apps/acme/index.html", "apps/acme/", "app", "Acme", {"app": Card("Acme", ("a",))}, reusable=True)
    key = keys().key(page)
    assert key is not None
    assert key == keys().key(dataclasses.replace(page))
    assert key != keys("other").key(page)
    assert key != keys(relative_urls=True).key(page)
    for changed in (
        dataclasses.replace(page, context={"app": Card("Acme", ("b",))}),
        dataclasses.replace(page, save_as="apps/b/index.html"),
        dataclasses.replace(page, title="Acme Sync"),
    ):
        assert keys().key(changed) != key
    assert keys().key(dataclasses.replace(page, context={"app": lambda: 1})) is None
    assert keys().key(dataclasses.replace(page, reusable=False)) is None
    assert keys().key(dataclasses.replace(page, template="stats")) is None


def test_a_view_many_pages_show_is_told_by_its_fields_however_it_was_made() -> None:
    shared_tags = ("a", "b")
    cards = (Card("Acme", shared_tags), Card("Globex", shared_tags))
    listing = Page("apps/index.html", "apps/", "apps", "Apps", {"listing": Listing(cards)}, reusable=True)
    page_keys = keys()
    key = page_keys.key(listing)
    # The same values, made apart (nothing shared between them), in another process: the same key.
    apart = (Card("Acme", ("a", "b")), Card("Globex", ("a", "b")))
    assert keys().key(dataclasses.replace(listing, context={"listing": Listing(apart)})) == key
    # One card's field changed: another key.
    other = (Card("Acme", ("a", "b")), Card("Globex", ("a", "c")))
    assert keys().key(dataclasses.replace(listing, context={"listing": Listing(other)})) != key
    # A page holding a card whole and a page holding it among others tell it alike.
    assert page_keys.key(listing) == key
    assert keys().key(Page("apps/acme/index.html", "apps/acme/", "app", "Acme", {"app": cards[0]}, reusable=True))


def write(output: Path, save_as: str, text: str) -> None:
    path = output / save_as
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def cache(tmp_path: Path, home: str = "home") -> dict[str, str]:
    return {"TRUST_CACHE_DIR": str(tmp_path / "cache"), "XDG_CACHE_HOME": str(tmp_path / home)}


def test_a_page_is_kept_only_for_its_own_key_and_an_untouched_file(tmp_path: Path) -> None:
    output = tmp_path / "site"
    first = KeptPages.open(output, cache(tmp_path))
    assert not first.unchanged("apps/a/index.html", "k1")
    write(output, "apps/a/index.html", "<p>a</p>")
    write(output, "apps/b/index.html", "b")
    first.save({"apps/a/index.html": "k1", "apps/b/index.html": "k2", "apps/gone/index.html": "k3"})

    kept = KeptPages.open(output, cache(tmp_path))
    assert kept.unchanged("apps/a/index.html", "k1")
    assert not kept.unchanged("apps/a/index.html", "another key")
    assert not kept.unchanged("apps/c/index.html", "k1")
    assert not kept.unchanged("apps/gone/index.html", "k3")
    # The same bytes written again, its modification time put back: the change time still tells.
    page = output / "apps/b/index.html"
    before = page.stat()
    page.write_text("b", encoding="utf-8")
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert not kept.unchanged("apps/b/index.html", "k2")
    page.unlink()
    assert not kept.unchanged("apps/b/index.html", "k2")
    # Another output directory remembers nothing of this one's pages.
    assert not KeptPages.open(tmp_path / "other", cache(tmp_path)).unchanged("apps/a/index.html", "k1")


def test_nothing_is_kept_with_the_cache_off(tmp_path: Path) -> None:
    output = tmp_path / "site"
    write(output, "apps/a/index.html", "a")
    KeptPages.open(output, cache(tmp_path)).save({"apps/a/index.html": "k1"})
    assert not KeptPages.open(output, {**cache(tmp_path), "TRUST_CACHE": "0"}).unchanged("apps/a/index.html", "k1")
    assert KeptPages.open(output, cache(tmp_path)).unchanged("apps/a/index.html", "k1")


def test_a_record_planted_by_someone_else_is_not_read(tmp_path: Path) -> None:
    output = tmp_path / "site"
    write(output, "apps/a/index.html", "a")
    KeptPages.open(output, cache(tmp_path, "elsewhere")).save({"apps/a/index.html": "k1"})
    assert not KeptPages.open(output, cache(tmp_path)).unchanged("apps/a/index.html", "k1")
