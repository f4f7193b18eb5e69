"""The one Markdown renderer: what partner text and our own pages may link to and show."""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser

import pytest

from generator.views.markdown import UNTRUSTED_LINK_REL, render_trusted, render_untrusted


class _Tags(HTMLParser):
    """Collects every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(html: str, name: str) -> list[dict[str, str | None]]:
    """Return the attributes of every `name` element in html."""
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return [attrs for tag, attrs in parser.tags if tag == name]


# Links neither renderer may ever turn into a link: script-capable schemes, however disguised.
HOSTILE_LINKS = [
    pytest.param("[click](javascript:alert(1))", id="javascript"),
    pytest.param("[click](JaVaScRiPt:alert(1))", id="javascript-mixed-case"),
    pytest.param("[click]( javascript:alert(1))", id="javascript-leading-space"),
    pytest.param("[click](<\tjavascript:alert(1)>)", id="javascript-leading-tab"),
    pytest.param("[click](<java\tscript:alert(1)>)", id="javascript-inner-tab"),
    pytest.param("[click](&#106;avascript:alert(1))", id="javascript-entity"),
    pytest.param("[click](javascript&#58;alert(1))", id="javascript-entity-colon"),
    pytest.param("[click](vbscript:msgbox(1))", id="vbscript"),
    pytest.param("[click](data:text/html;base64,PHNjcmlwdD4=)", id="data-html"),
    pytest.param("[click](file:///etc/passwd)", id="file"),
    pytest.param("click <javascript:alert(1)>", id="javascript-autolink"),
    pytest.param("[click][ref]\n\n[ref]: javascript:alert(1)", id="javascript-reference"),
    pytest.param("[click](//evil.example/)", id="protocol-relative"),
    pytest.param("[click](http://example.com/)", id="plain-http"),
    pytest.param("[click](ftp://example.com/file)", id="ftp"),
]

# Links that are fine on our own pages but never in partner text.
SITE_RELATIVE_LINKS = [
    pytest.param("[click](/about/)", '<a href="/about/">click</a>', id="root-relative"),
    pytest.param("[click](../about/)", '<a href="../about/">click</a>', id="parent-relative"),
    pytest.param("[click](./faq/)", '<a href="./faq/">click</a>', id="current-relative"),
    pytest.param("[click](#evidence)", '<a href="#evidence">click</a>', id="fragment"),
]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            "[click](https://example.com/a?b=c)",
            f'<p><a href="https://example.com/a?b=c" rel="{UNTRUSTED_LINK_REL}">click</a></p>\n',
            id="https",
        ),
        pytest.param(
            "[click](HTTPS://example.com/)",
            f'<p><a href="HTTPS://example.com/" rel="{UNTRUSTED_LINK_REL}">click</a></p>\n',
            id="https-upper-case",
        ),
        pytest.param(
            "[mail us](mailto:security@example.com)",
            f'<p><a href="mailto:security@example.com" rel="{UNTRUSTED_LINK_REL}">mail us</a></p>\n',
            id="mailto",
        ),
        pytest.param(
            "<https://example.com/>",
            f'<p><a href="https://example.com/" rel="{UNTRUSTED_LINK_REL}">https://example.com/</a></p>\n',
            id="https-autolink",
        ),
        pytest.param(
            "<security@example.com>",
            f'<p><a href="mailto:security@example.com" rel="{UNTRUSTED_LINK_REL}">security@example.com</a></p>\n',
            id="email-autolink",
        ),
    ],
)
def test_untrusted_keeps_https_and_mailto_links_marked_nofollow_ugc(source: str, expected: str) -> None:
    assert render_untrusted(source) == expected


@pytest.mark.parametrize("source", HOSTILE_LINKS)
def test_untrusted_renders_other_links_as_plain_text(source: str) -> None:
    html = render_untrusted(source)
    assert _tags(html, "a") == []
    assert "click" in html


@pytest.mark.parametrize(("source", "link"), SITE_RELATIVE_LINKS)
def test_untrusted_refuses_site_relative_links(source: str, link: str) -> None:
    html = render_untrusted(source)
    assert html == "<p>click</p>\n"
    assert link not in html


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("![Acme *logo*](https://example.com/logo.png)", "<p>Acme logo</p>\n", id="alt-text"),
        pytest.param("before ![](https://example.com/pixel.png) after", "<p>before  after</p>\n", id="no-alt"),
        pytest.param("![chart](chart.png)", "<p>chart</p>\n", id="relative"),
        pytest.param("![dot](data:image/png;base64,iVBORw0KGgo=)", "<p>dot</p>\n", id="data-image"),
        pytest.param(
            "[![Acme](https://example.com/logo.png)](https://example.com/)",
            f'<p><a href="https://example.com/" rel="{UNTRUSTED_LINK_REL}">Acme</a></p>\n',
            id="image-inside-link",
        ),
    ],
)
def test_untrusted_shows_images_as_their_alt_text(source: str, expected: str) -> None:
    html = render_untrusted(source)
    assert html == expected
    assert _tags(html, "img") == []


@pytest.mark.parametrize("render", [render_untrusted, render_trusted], ids=["untrusted", "trusted"])
@pytest.mark.parametrize(
    ("source", "escaped"),
    [
        pytest.param("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;", id="script-block"),
        pytest.param("Hi <img src=x onerror=alert(1)>", "Hi &lt;img src=x onerror=alert(1)&gt;", id="img-inline"),
        pytest.param('<a href="javascript:alert(1)">x</a>', "&lt;a href=&quot;javascript:alert(1)&quot;&gt;", id="a"),
        pytest.param("<!-- hidden -->", "&lt;!-- hidden --&gt;", id="comment"),
        pytest.param("<style>body{}</style>", "&lt;style&gt;body{}&lt;/style&gt;", id="style"),
    ],
)
def test_raw_html_is_escaped(render: Callable[[str], str], source: str, escaped: str) -> None:
    html = render(source)
    assert escaped in html
    assert _tags(html, "script") == []
    assert _tags(html, "img") == []
    assert _tags(html, "style") == []
    assert _tags(html, "a") == []


def test_untrusted_marks_every_link_nofollow_ugc() -> None:
    html = render_untrusted(
        "See [docs](https://example.com/docs), <https://example.com/> and [mail](mailto:a@example.com)."
    )
    links = _tags(html, "a")
    assert len(links) == 3
    assert all(link["rel"] == "nofollow ugc noopener" for link in links)


@pytest.mark.parametrize("render", [render_untrusted, render_trusted], ids=["untrusted", "trusted"])
def test_tables_are_rendered(render: Callable[[str], str]) -> None:
    html = render("| Grade | Meaning |\n|---|---|\n| Green | Well Developed |\n")
    assert "<table>" in html
    assert "<th>Grade</th>" in html
    assert "<td>Well Developed</td>" in html


@pytest.mark.parametrize(("source", "link"), SITE_RELATIVE_LINKS)
def test_trusted_keeps_site_relative_links(source: str, link: str) -> None:
    assert render_trusted(source) == f"<p>{link}</p>\n"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("[click](https://example.com/)", '<p><a href="https://example.com/">click</a></p>\n', id="https"),
        pytest.param("[mail](mailto:a@example.com)", '<p><a href="mailto:a@example.com">mail</a></p>\n', id="mailto"),
        # The backslash is percent-encoded, so the browser sees a path on this site, not "//evil.example".
        pytest.param("[click](/\\evil.example)", '<p><a href="/%5Cevil.example">click</a></p>\n', id="backslash"),
    ],
)
def test_trusted_keeps_absolute_links_without_rel(source: str, expected: str) -> None:
    assert render_trusted(source) == expected


@pytest.mark.parametrize("source", HOSTILE_LINKS)
def test_trusted_renders_other_links_as_plain_text(source: str) -> None:
    html = render_trusted(source)
    assert _tags(html, "a") == []
    assert "click" in html


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("![diagram](../images/flow.png)", '<p><img src="../images/flow.png" alt="diagram" /></p>\n'),
        pytest.param("![diagram](/images/flow.png)", '<p><img src="/images/flow.png" alt="diagram" /></p>\n'),
    ],
)
def test_trusted_shows_site_relative_images(source: str, expected: str) -> None:
    assert render_trusted(source) == expected


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("![diagram](https://cdn.example.com/flow.png)", id="remote"),
        pytest.param("![diagram](//cdn.example.com/flow.png)", id="protocol-relative"),
        pytest.param("![diagram](data:image/png;base64,iVBORw0KGgo=)", id="data"),
    ],
)
def test_trusted_shows_other_images_as_their_alt_text(source: str) -> None:
    assert render_trusted(source) == "<p>diagram</p>\n"
