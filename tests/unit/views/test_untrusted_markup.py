"""Partner-written Markdown cannot deceive: link text that names an address is true, hosts show in punycode,
and headings stay below the page's own. The hostile description is tests/fixtures/hostile/markdown/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.views.markdown import render_trusted, render_untrusted

REPO = Path(__file__).resolve().parents[3]
HOSTILE = (REPO / "tests" / "fixtures" / "hostile" / "markdown" / "description.md").read_text(encoding="utf-8")
LINK = re.compile(r'<a href="([^"]*)"[^>]*>(.*?)</a>')


def _links(html: str) -> list[tuple[str, str]]:
    return LINK.findall(html)


def test_the_hostile_description_shows_only_true_addresses() -> None:
    html = render_untrusted(HOSTILE)

    assert _links(html) == [
        ("https://xn--pypal-4ve.com/login", "https://xn--pypal-4ve.com/login"),
        ("https://evil.example/login", "https://evil.example/login"),
        ("mailto:drop@evil.example", "drop@evil.example"),
        ("https://xn--pypal-4ve.com/", "xn--pypal-4ve.com"),
        ("https://status.xn--pypal-4ve.com/", "our status page"),
    ]
    assert "\u0430" not in html  # no Cyrillic a survives anywhere a host is shown
    assert "acme-cloudworks.example.com" not in html


def test_the_hostile_description_has_no_heading_and_no_id() -> None:
    html = render_untrusted(HOSTILE)

    assert re.search(r"<h[1-6]", html) is None
    assert " id=" not in html
    assert html.startswith("<p><strong>search</strong></p>\n")


@pytest.mark.parametrize(
    ("markdown", "shown"),
    [
        pytest.param("[acme.example.com](https://acme.example.com/trust)", "acme.example.com", id="same-host"),
        pytest.param(
            "[https://ACME.example.com/x](https://acme.example.com/y)", "https://acme.example.com/x", id="case"
        ),
        pytest.param(
            "[Security@acme.example.com](mailto:security@acme.example.com)", "Security@acme.example.com", id="mailbox"
        ),
        pytest.param("[our whitepaper](https://acme.example.com/w)", "our whitepaper", id="not-an-address"),
        pytest.param("[version 2.0](https://acme.example.com/v2)", "version 2.0", id="a-number"),
        pytest.param(
            "[acme.example.com](https://acme.example.com.evil.example/)",
            "https://acme.example.com.evil.example/",
            id="suffix",
        ),
        pytest.param(
            "[https://acme.example.com@evil.example](https://evil.example/)", "https://evil.example/", id="userinfo"
        ),
        pytest.param("[**bank.example**](https://evil.example/)", "https://evil.example/", id="emphasis"),
    ],
)
def test_link_text_that_names_a_host_leads_there(markdown: str, shown: str) -> None:
    ((_, text),) = _links(render_untrusted(markdown))
    assert text == shown


def test_our_own_pages_keep_their_headings() -> None:
    assert render_trusted("# About\n").strip() == "<h1>About</h1>"
