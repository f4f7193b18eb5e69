"""Embeddable status images: a two-part 'badge | state' SVG per app badge and partner signal, and its
shields.io endpoint JSON, at the paths the views give (`apps/<app>/badges/<badge>.svg`, `….json`).

Drawn here rather than fetched: the image must say what this build decided, offline and reproducibly.
The text width is estimated from DejaVu Sans advance widths at 11px, and `textLength` makes any
other sans-serif font fit the same box.
"""

from __future__ import annotations

import functools
import html
import json
import math
import unicodedata
from pathlib import PurePosixPath

from generator.policy.engine import BadgeState
from generator.records.policy import Provenance
from generator.views.decisions import BadgeDecisionView
from generator.views.page_models import PartnerView

FONT_FAMILY = "DejaVu Sans,Verdana,Geneva,sans-serif"
FONT_SIZE = 11
HEIGHT = 20
PADDING = 6
RADIUS = 3
LABEL_COLOUR = "555555"
TEXT_COLOUR = "ffffff"
# Each colour keeps white 11px text at WCAG AA contrast (4.5:1) or better.
STATE_COLOURS = {
    BadgeState.EARNED: "2e7d32",
    BadgeState.EXPIRING: "9a6700",
    BadgeState.EXPIRED: "6a6a6a",
    BadgeState.NOT_EARNED: "6a6a6a",
    BadgeState.EXEMPT: "0969da",
    BadgeState.RETIRED: "6a6a6a",
    BadgeState.REVOKED: "b42318",
}

# Advance widths in pixels of DejaVu Sans at 11px, grouped by width.
_WIDTH_GROUPS = (
    (3.0, "'"),
    (3.1, "ijl"),
    (3.2, "IJ"),
    (3.5, " ,."),
    (3.7, "/:;\\|"),
    (3.9, "f"),
    (4.0, "-"),
    (4.3, "()[]t"),
    (4.4, "!"),
    (4.5, "r"),
    (5.1, '"'),
    (5.5, "*_`"),
    (5.7, "s"),
    (5.8, "?z"),
    (6.0, "c"),
    (6.1, "L"),
    (6.3, "F"),
    (6.4, "k"),
    (6.5, "vxy"),
    (6.6, "P"),
    (6.7, "TYao"),
    (6.8, "e"),
    (7.0, "$0123456789ESbdghnpqu{}"),
    (7.2, "K"),
    (7.5, "ABVXZ"),
    (7.6, "R"),
    (7.7, "C"),
    (8.1, "U"),
    (8.2, "N"),
    (8.3, "H"),
    (8.5, "DG"),
    (8.6, "&"),
    (8.7, "OQ"),
    (9.0, "w"),
    (9.2, "#+<=>^~"),
    (9.5, "M"),
    (10.5, "%"),
    (10.7, "m"),
    (10.9, "W"),
    (11.0, "@—…"),
)
CHAR_WIDTHS = {char: width for width, chars in _WIDTH_GROUPS for char in chars}
# Characters not in the table: as wide as a digit, or a full em when East Asian wide.
DEFAULT_WIDTH = 7.0
WIDE_WIDTH = 11.0


def partner_badge_files(partner: PartnerView) -> dict[str, bytes]:
    """The SVG image and endpoint JSON of each of a partner's signals and of each badge of its apps."""
    files: dict[str, bytes] = {}
    subjects = [(partner.name, partner.badges), *((app.name, app.badges) for app in partner.apps)]
    for subject, views in subjects:
        for view in views:
            if view.svg_url is None:
                continue
            files[view.svg_url] = badge_svg(subject, view)
            files[endpoint_path(view.svg_url)] = endpoint_json(view)
    return files


def endpoint_path(svg_url: str) -> str:
    """The shields.io endpoint JSON next to an SVG: 'apps/a/badges/b.json'."""
    stem = svg_url.removesuffix(".svg")
    # The views' own form, 'owner/badges/<badge>.svg' (no dot but the suffix's), is a matter of strings;
    # anything else gets pathlib's reading of a suffix.
    if stem != svg_url and stem and "." not in stem and "//" not in stem and not stem.endswith("/"):
        return f"{stem}.json"
    return str(PurePosixPath(svg_url).with_suffix(".json"))


def message(view: BadgeDecisionView) -> str:
    """The right-hand text: the short state, and whose word it rests on when that is only the partner's."""
    if view.held and view.provenance == Provenance.SELF_ATTESTED:
        return f"{view.state_short}, self-attested"
    return view.state_short


def badge_title(subject: str, view: BadgeDecisionView) -> str:
    """'Acme Sync: Bug bounty participant — Earned, verified'."""
    provenance = f", {view.provenance}" if view.held and view.provenance else ""
    return f"{subject}: {view.name} — {view.state_short}{provenance}"


def colour(view: BadgeDecisionView) -> str:
    """The state's colour as six hex digits: grey whenever the badge is not held or exempt."""
    return STATE_COLOURS[BadgeState(view.state)]


def text_width(text: str) -> float:
    """The estimated width of `text` in pixels at 11px."""
    total = 0.0
    for char in text:
        width = CHAR_WIDTHS.get(char)
        if width is None:
            # An accented letter is about as wide as its base letter.
            base = unicodedata.normalize("NFD", char)[:1]
            width = CHAR_WIDTHS.get(base)
        if width is None:
            width = WIDE_WIDTH if unicodedata.east_asian_width(char) in ("W", "F") else DEFAULT_WIDTH
        total += width
    return total


def badge_svg(subject: str, view: BadgeDecisionView) -> bytes:
    """A flat two-part badge: the badge name on grey, the state on the state's colour."""
    width, drawing = _drawing(view.name, message(view), colour(view))
    title = html.escape(badge_title(subject, view))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{HEIGHT}" '
        f'viewBox="0 0 {width} {HEIGHT}" role="img" aria-label="{title}">\n'
        f"<title>{title}</title>\n{drawing}"
    ).encode()


# Only the title names the subject: the rest of an image is one of a few hundred (badge, state) pairs.
@functools.lru_cache(maxsize=4096)
def _drawing(label: str, state: str, state_colour: str) -> tuple[int, str]:
    """The badge's width and everything after its title: its shapes and texts, lines ending in newlines."""
    label_text, state_text = text_width(label), text_width(state)
    left = math.ceil(label_text) + 2 * PADDING
    right = math.ceil(state_text) + 2 * PADDING
    width = left + right
    r = RADIUS
    # Two paths, each rounded on its outer side only, so no clip path or id is needed: ids would clash
    # when several badges are inlined into one page.
    label_shape = f"M{r} 0H{left}V{HEIGHT}H{r}A{r} {r} 0 0 1 0 {HEIGHT - r}V{r}A{r} {r} 0 0 1 {r} 0Z"
    state_shape = (
        f"M{left} 0H{width - r}A{r} {r} 0 0 1 {width} {r}V{HEIGHT - r}A{r} {r} 0 0 1 {width - r} {HEIGHT}H{left}Z"
    )
    lines = [
        f'<path fill="#{LABEL_COLOUR}" d="{label_shape}"/>',
        f'<path fill="#{state_colour}" d="{state_shape}"/>',
        f'<g fill="#{TEXT_COLOUR}" text-anchor="middle" font-family="{FONT_FAMILY}" font-size="{FONT_SIZE}">',
        *_text(label, left / 2, label_text),
        *_text(state, left + right / 2, state_text),
        "</g>",
        "</svg>",
    ]
    return width, "\n".join(lines) + "\n"


def endpoint_json(view: BadgeDecisionView) -> bytes:
    """The same badge for https://img.shields.io/endpoint?url=…"""
    return _endpoint_json(view.name, message(view), colour(view))


@functools.lru_cache(maxsize=4096)
def _endpoint_json(label: str, state: str, state_colour: str) -> bytes:
    document = {"schemaVersion": 1, "label": label, "message": state, "color": state_colour}
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode()


def _text(text: str, centre: float, width: float) -> list[str]:
    escaped = html.escape(text)
    attributes = f'x="{centre:g}" textLength="{width:.1f}" lengthAdjust="spacingAndGlyphs"'
    # A faint shadow one pixel down, as shields.io draws it, keeps the text legible on light page backgrounds.
    return [
        f'<text {attributes} y="15" fill="#010101" fill-opacity=".3" aria-hidden="true">{escaped}</text>',
        f'<text {attributes} y="14">{escaped}</text>',
    ]
