"""Share cards: the picture a chat or social site shows when a page is linked (the page's og:image).

One 1200 by 630 SVG per partner and app page, beside it (`apps/<app>/card.svg`), with its name, its tier and
CAIQ-Lite grade, the badges it holds and the day the site's data is as of; and one card for every other page.
Drawn from the same views as the pages, so a card never claims more than its page.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from generator.policy.engine import BadgeState, TierStanding
from generator.records.policy import Provenance
from generator.site import output_paths
from generator.site.model import SiteModel
from generator.views.decisions import BadgeDecisionView, GradeView, TierStatusView
from generator.views.page_models import PartnerView

WIDTH, HEIGHT = 1200, 630
MARGIN = 64
FONT = "DejaVu Sans,Verdana,Arial,sans-serif"
# Names longer than this are cut with an ellipsis: at 60px a line holds about this many average letters.
NAME_LIMIT = 30
SUBTITLE_LIMIT = 52
MAX_BADGES = 4
# The badges' column, and the longest badge line it holds at 28px.
BADGES_X = 620
BADGE_LIMIT = 34
# The site header's colours, and each badge state's (white text on each at WCAG AA or better).
INK, PAPER, BAND, MUTED = "#111827", "#f4f6fa", "#10284a", "#4b5563"
STATE_COLOURS: dict[str, str] = {
    BadgeState.EARNED: "#2e7d32",
    BadgeState.EXPIRING: "#9a6700",
    BadgeState.EXEMPT: "#0969da",
}
GRADE_COLOURS = {"green": "#2e7d32", "orange": "#b35900", "red": "#b42318"}
TIER_COLOURS = {"platinum": "#4d5b6b", "gold": "#7a5a00", "silver": "#5f6670"}


def site_card_files(model: SiteModel, site_name: str) -> dict[str, bytes]:
    """The share card of the pages without one of their own."""
    return {output_paths.SITE_CARD: _site_card(model, site_name)}


def partner_card_files(model: SiteModel, partner: PartnerView, site_name: str) -> dict[str, bytes]:
    """A partner's share card and each of its apps'."""
    subtitle = f"Partner · {len(partner.apps)} app{'' if len(partner.apps) == 1 else 's'} in the Marketplace"
    files = {
        partner.card_url: _card(
            site_name, model.as_of_label, partner.name, subtitle, partner.tier, partner.grade, partner.held_badges
        )
    }
    for app in partner.apps:
        files[app.card_url] = _card(
            site_name,
            model.as_of_label,
            app.name,
            f"App by {app.partner.label}",
            app.partner_tier,
            app.grade,
            app.held_badges,
        )
    return files


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _text(x: int, y: int, text: str, size: int, fill: str = INK, weight: int = 400, anchor: str = "start") -> str:
    return (
        f'<text x="{x}" y="{y}" font-size="{size}" font-weight="{weight}" fill="{fill}" '
        f'text-anchor="{anchor}">{escape(text)}</text>'
    )


def _frame(site_name: str, as_of_label: str, body: Sequence[str], title: str) -> bytes:
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{escape(title)}" font-family="{FONT}">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{PAPER}"/>',
        f'<rect width="{WIDTH}" height="104" fill="{BAND}"/>',
        _text(MARGIN, 66, site_name, 36, "#ffffff", 700),
        _text(WIDTH - MARGIN, 66, f"Data as of {as_of_label}", 26, "#ffffff", anchor="end"),
        *body,
        "</svg>\n",
    ]
    return "".join(parts).encode()


def _card(
    site_name: str,
    as_of_label: str,
    name: str,
    subtitle: str,
    tier: TierStatusView,
    grade: GradeView | None,
    badges: Sequence[BadgeDecisionView],
) -> bytes:
    body = [
        _text(MARGIN, 212, _cut(name, NAME_LIMIT), 60, weight=700),
        _text(MARGIN, 264, _cut(subtitle, SUBTITLE_LIMIT), 30, MUTED),
        *_facts(tier, grade),
        *_badge_lines(badges),
    ]
    return _frame(site_name, as_of_label, body, f"{name}: trust signals as of {as_of_label}")


def _facts(tier: TierStatusView, grade: GradeView | None) -> list[str]:
    """The left column: the tier (one diamond per step up, as on the pages) with its standing, and the
    CAIQ-Lite grade."""
    colour = TIER_COLOURS.get(tier.tier or "", MUTED)
    parts = [_text(MARGIN, 336, "Partner tier", 24, MUTED)]
    x = MARGIN
    for _ in tier.rank:
        parts.append(
            f'<rect x="{x + 2}" y="{362}" width="16" height="16" fill="{colour}" transform="rotate(45 {x + 10} 370)"/>'
        )
        x += 28
    parts.append(_text(x + (10 if tier.rank else 0), 382, tier.name, 34, colour, 700))
    if tier.standing_label and tier.standing != TierStanding.GOOD:
        parts.append(_text(MARGIN, 420, _cut(tier.standing_label, 34), 24, INK))
    parts.append(_text(MARGIN, 486, "CAIQ-Lite grade", 24, MUTED))
    if grade and grade.current:
        parts.append(f'<circle cx="{MARGIN + 12}" cy="520" r="12" fill="{GRADE_COLOURS.get(grade.grade, MUTED)}"/>')
        parts.append(_text(MARGIN + 36, 532, _cut(f"{grade.grade.capitalize()} · {grade.label}", 26), 32, INK, 700))
    else:
        parts.append(_text(MARGIN, 532, "Out of date" if grade else "Not assessed", 32, MUTED, 700))
    return parts


def _badge_lines(badges: Sequence[BadgeDecisionView]) -> list[str]:
    """The right column: the badges held, one to a line with a mark in the state's colour, and how many more."""
    x = BADGES_X
    parts = [_text(x, 336, "Badges held", 24, MUTED)]
    if not badges:
        return [*parts, _text(x, 382, "None today", 30, MUTED, 700)]
    y = 382
    for badge in badges[:MAX_BADGES]:
        colour = STATE_COLOURS.get(badge.state, MUTED)
        parts.append(f'<rect x="{x}" y="{y - 24}" width="30" height="30" rx="15" fill="{colour}"/>')
        mark = "!" if badge.state == BadgeState.EXPIRING else "✓"
        parts.append(_text(x + 15, y - 2, mark, 20, "#ffffff", 700, "middle"))
        word = " (self-attested)" if badge.provenance == Provenance.SELF_ATTESTED else ""
        parts.append(_text(x + 44, y, _cut(f"{badge.name}{word}", BADGE_LIMIT), 28))
        y += 46
    if len(badges) > MAX_BADGES:
        parts.append(_text(x + 44, y, f"and {len(badges) - MAX_BADGES} more", 26, MUTED))
    return parts


def _site_card(model: SiteModel, site_name: str) -> bytes:
    """The card of the pages without their own: what the site is, and how much it covers."""
    body = [
        _text(MARGIN, 220, "Trust signals for Marketplace", 56, weight=700),
        _text(MARGIN, 290, "partners and apps", 56, weight=700),
        _text(MARGIN, 380, f"{len(model.partners)} partners · {len(model.apps)} apps", 32, MUTED),
        _text(MARGIN, 440, "Badges worked out from dated evidence, with the reasons.", 28, MUTED),
    ]
    return _frame(site_name, model.as_of_label, body, f"{site_name}: trust signals as of {model.as_of_label}")
