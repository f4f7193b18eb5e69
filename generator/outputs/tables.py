"""The API's spreadsheets: api/v1/apps.csv and api/v1/partners.csv, one row per app or partner.

RFC 4180 quoting, UTF-8, `\\n` line ends, and no cell a spreadsheet would run as a formula: names are
written by partners, and a name such as `=HYPERLINK(…)` must stay text when someone opens the file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from generator.policy.engine import BadgeDecision
from generator.records.policy import Level
from generator.site import output_paths as paths
from generator.site.model import SiteModel
from generator.site.public_site import PublicSite

# Cells starting with these are formulas (or become one) in Excel, LibreOffice and Google Sheets (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

APP_COLUMNS = ("id", "name", "partner_id", "partner_name", "tier", "tier_standing", "grade", "url")
PARTNER_COLUMNS = ("id", "name", "tier", "tier_standing", "grade", "grade_assessed_on", "apps", "url")


def table_files(model: SiteModel, site: PublicSite) -> dict[str, bytes]:
    """api/v1/apps.csv and api/v1/partners.csv."""
    return {paths.APPS_CSV: apps_csv(model, site), paths.PARTNERS_CSV: partners_csv(model, site)}


def apps_csv(model: SiteModel, site: PublicSite) -> bytes:
    """One row per app: ids, names, the partner's tier, standing and grade, then each app badge's state."""
    badges = [badge.id for badge in model.policy.badges if badge.level is Level.APP]
    rows = []
    for app in model.apps:
        decisions = model.evaluation.partners[app.partner_id]
        rows.append(
            [
                app.id,
                app.name,
                app.partner_id,
                app.partner.label,
                decisions.tier.tier or "",
                decisions.tier.standing or "",
                decisions.grade or "",
                site.url_of(app.url),
                *(_state(decisions.badge(badge, app.id)) for badge in badges),
            ]
        )
    return write_csv((*APP_COLUMNS, *badges), rows)


def partners_csv(model: SiteModel, site: PublicSite) -> bytes:
    """One row per partner: ids, names, tier, standing, grade, app count, then each partner signal's state."""
    badges = [badge.id for badge in model.policy.badges if badge.level is Level.PARTNER]
    rows = []
    for partner in model.partners:
        decisions = model.evaluation.partners[partner.id]
        assessed = decisions.grade_assessed_on
        rows.append(
            [
                partner.id,
                partner.name,
                decisions.tier.tier or "",
                decisions.tier.standing or "",
                decisions.grade or "",
                assessed.isoformat() if assessed else "",
                str(len(partner.apps)),
                site.url_of(partner.url),
                *(_state(decisions.badge(badge)) for badge in badges),
            ]
        )
    return write_csv((*PARTNER_COLUMNS, *badges), rows)


def safe_cell(value: str) -> str:
    """The value as a spreadsheet shows it as text: a formula-like start gets a leading single quote."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def write_csv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """A header and rows as RFC 4180 CSV (quoted only where needed), UTF-8, `\\n` line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([safe_cell(cell) for cell in header])
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue().encode()


def _state(decision: BadgeDecision | None) -> str:
    return str(decision.state) if decision else ""
