"""The one Markdown renderer of Trust Pages: CommonMark with tables, no raw HTML, every URL allowlisted.

Two policies, one parser:

- ``render_untrusted`` is for partner-written text. A link is kept only when its URL is absolute ``https://``
  or ``mailto:``; every kept link carries ``rel="nofollow ugc noopener"``. Images are never shown: each one
  is replaced by its alt text, so a partner can neither load a remote image in a visitor's browser nor
  hide words behind one. Link text that reads as an address says where the link leads, hosts show in
  punycode, and headings become bold paragraphs (``generator.views.untrusted_markup``).
- ``render_trusted`` is for our own pages under ``content/``. It also keeps site-relative links (``/…``,
  ``./…``, ``../…``, ``#…``) and shows images whose URL is site-relative.

A link whose URL is not allowed is rendered as its text, without the link. markdown-it's own validator runs
first and already leaves links with script-capable schemes (``javascript:``, ``vbscript:``, ``data:``,
``file:``) as literal Markdown text; the allowlist below is the rule, that validator only a second fence.
Raw HTML in the source is escaped and shown as text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token

from generator.records.shared_values import compact_pickle
from generator.views.untrusted_markup import headings_as_bold_paragraphs, honest_links

# URLs reach the allowlist normalised by markdown-it (percent-encoded, entities decoded), so a scheme hidden
# behind case, leading spaces or control characters cannot match these prefixes.
_ABSOLUTE = re.compile(r"(?:https://|mailto:)", re.IGNORECASE)
# "//host" and "/\host" leave the site (browsers read the backslash as a slash), so a single leading slash
# only counts when no second slash or backslash follows it.
_SITE_RELATIVE = re.compile(r"(?:/(?![/\\])|\.\.?/|#)")

UNTRUSTED_LINK_REL = "nofollow ugc noopener"


@compact_pickle
@dataclass(frozen=True, slots=True)
class _Policy:
    """Which link and image URLs a text may use, and the rel every kept link gets."""

    link_allowed: Callable[[str], bool]
    image_allowed: Callable[[str], bool]
    link_rel: str | None
    # Partner text: link text that reads as an address must be true, and headings stay below the page's own.
    untrusted: bool


def is_absolute_url(url: str) -> bool:
    """Tell whether a URL is an absolute https: or mailto: URL."""
    return _ABSOLUTE.match(url) is not None


def is_site_relative_url(url: str) -> bool:
    """Tell whether a URL stays on this site: /path (not //host), ./path, ../path or #fragment."""
    return _SITE_RELATIVE.match(url) is not None


def _never(url: str) -> bool:
    """Allow no URL at all."""
    del url
    return False


def _absolute_or_site_relative(url: str) -> bool:
    """Allow absolute https:/mailto: URLs and site-relative ones."""
    return is_absolute_url(url) or is_site_relative_url(url)


_UNTRUSTED = _Policy(link_allowed=is_absolute_url, image_allowed=_never, link_rel=UNTRUSTED_LINK_REL, untrusted=True)
_TRUSTED = _Policy(
    link_allowed=_absolute_or_site_relative, image_allowed=is_site_relative_url, link_rel=None, untrusted=False
)

# The commonmark preset turns raw HTML on; it is switched off here, and tables are the one extension.
_PARSER = MarkdownIt("commonmark", {"html": False}).enable("table")
_TEXT_RENDERER = RendererHTML()


def render_untrusted(text: str) -> str:
    """Render partner-written Markdown to HTML: https:/mailto: links only, marked nofollow ugc; no images."""
    return _render(text, _UNTRUSTED)


def render_trusted(text: str) -> str:
    """Render our own Markdown pages to HTML: also site-relative links and site-relative images."""
    return _render(text, _TRUSTED)


def _render(text: str, policy: _Policy) -> str:
    """Parse, apply the URL policy to every inline run, and render."""
    tokens = _PARSER.parse(text)
    for token in tokens:
        if token.children is not None:
            token.children = _apply_policy(token.children, policy)
            if policy.untrusted:
                token.children = honest_links(token.children)
    if policy.untrusted:
        tokens = headings_as_bold_paragraphs(tokens)
    html: str = _PARSER.renderer.render(tokens, _PARSER.options, {})
    return html


def _apply_policy(children: list[Token], policy: _Policy) -> list[Token]:
    """Unwrap links with a URL the policy refuses, turn refused images into their alt text, add rel."""
    kept: list[Token] = []
    # CommonMark links cannot contain links, so the next link_close always closes the link being dropped.
    dropping_link = False
    for token in children:
        if token.type == "link_open":
            if not policy.link_allowed(str(token.attrGet("href") or "")):
                dropping_link = True
                continue
            if policy.link_rel is not None:
                token.attrSet("rel", policy.link_rel)
        elif token.type == "link_close" and dropping_link:
            dropping_link = False
            continue
        elif token.type == "image" and not policy.image_allowed(str(token.attrGet("src") or "")):
            alt = _TEXT_RENDERER.renderInlineAsText(token.children, _PARSER.options, {})
            if alt:
                kept.append(Token("text", "", 0, content=alt))
            continue
        kept.append(token)
    return kept
