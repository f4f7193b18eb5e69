"""Token rewrites that keep partner-written Markdown from passing for something else.

- A link whose text reads as an address (``https://acme.example.com/login``, ``acme.example.com``,
  ``security@acme.example.com``) must lead to that host (that mailbox, for an email address); otherwise its
  text becomes the address it really leads to.
- Hosts are shown in their ASCII (punycode) form, in link text as in targets, so that ``p\u0430ypal.com`` with a
  Cyrillic a (U+0430) shows as ``xn--pypal-4ve.com`` and not as the name it imitates. markdown-it already writes
  targets that way; link text it decodes back to Unicode, which is undone here.
- Headings become bold paragraphs: a description sits under the page's own headings, and a partner's
  ``# search`` must not read as a second title of the page, nor as a landmark in its outline.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from markdown_it.token import Token

# Text that reads as an address: an optional scheme, an optional mailbox, then a dotted host whose last label
# has a letter (so that "1.5" or "v2.0" do not count), then anything after a port, path, query or fragment.
_ADDRESS = re.compile(
    r"(?P<scheme>[a-z][a-z0-9+.-]*:(?://)?)?(?P<mailbox>[^\s@/:]+@)?"
    r"(?P<host>[^\s/:?#@.]+(?:\.[^\s/:?#@.]+)*\.[^\s/:?#@.]*[^\W\d_][^\s/:?#@.]*)\.?(?P<rest>[:/?#]\S*)?",
    re.IGNORECASE,
)
# Tokens whose content is part of a link's visible text.
_TEXT_TOKENS = frozenset({"text", "code_inline"})


def ascii_host(host: str) -> str | None:
    """A host name in its ASCII form (IDNA, lower case); None when it has none."""
    try:
        return host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None


def honest_links(children: list[Token]) -> list[Token]:
    """Every link of an inline run, its text made to say where it leads when it reads as an address."""
    out: list[Token] = []
    index = 0
    while index < len(children):
        token = children[index]
        out.append(token)
        index += 1
        if token.type != "link_open":
            continue
        # CommonMark links cannot contain links: the next link_close closes this one.
        end = next(i for i in range(index, len(children)) if children[i].type == "link_close")
        out += _honest_text(str(token.attrGet("href") or ""), children[index:end])
        index = end
    return out


def _honest_text(href: str, inner: list[Token]) -> list[Token]:
    text = "".join(t.content for t in inner if t.type in _TEXT_TOKENS).strip()
    match = _ADDRESS.fullmatch(text)
    if match is None:
        return inner
    shown_host = ascii_host(match["host"])
    if shown_host is not None and _leads_to(href, shown_host, match["mailbox"]):
        start, end = match.span("host")
        return [Token("text", "", 0, content=text[:start] + shown_host + text[end:])]
    return [Token("text", "", 0, content=_shown_target(href))]


def _leads_to(href: str, host: str, mailbox: str | None) -> bool:
    """Whether `href` leads to `host` (and, when the text names a mailbox, to that very mailbox)."""
    if href.lower().startswith("mailto:"):
        address = href[len("mailto:") :].split("?", 1)[0]
        local, _, domain = address.rpartition("@")
        same_mailbox = mailbox is None or mailbox[:-1].casefold() == local.casefold()
        return same_mailbox and ascii_host(domain) == host
    try:
        target = urlsplit(href).hostname
    except ValueError:
        return False
    return mailbox is None and target is not None and ascii_host(target) == host


def _shown_target(href: str) -> str:
    """The address a link leads to, as shown in place of a text that named another."""
    return href[len("mailto:") :] if href.lower().startswith("mailto:") else href


def headings_as_bold_paragraphs(tokens: list[Token]) -> list[Token]:
    """Block tokens with every heading turned into a paragraph whose text is bold."""
    out: list[Token] = []
    in_heading = False
    for token in tokens:
        if token.type == "heading_open":
            in_heading = True
            out.append(Token("paragraph_open", "p", 1, map=token.map, level=token.level, block=True))
        elif token.type == "heading_close":
            in_heading = False
            out.append(Token("paragraph_close", "p", -1, level=token.level, block=True))
        else:
            if in_heading and token.type == "inline" and token.children is not None:
                strong = [Token("strong_open", "strong", 1), Token("strong_close", "strong", -1)]
                token.children = [strong[0], *token.children, strong[1]]
            out.append(token)
    return out
