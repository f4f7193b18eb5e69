"""/.well-known/security.txt (RFC 9116): where to report a vulnerability in this site itself."""

from __future__ import annotations

import datetime as dt

from generator.site import output_paths as paths
from generator.site.model import SiteModel
from generator.site.public_site import PublicSite

# RFC 9116 recommends an expiry less than a year ahead; a build at least every few months renews it.
VALID_DAYS = 180


def security_txt_files(model: SiteModel, site: PublicSite) -> dict[str, bytes]:
    """.well-known/security.txt."""
    return {paths.SECURITY_TXT: security_txt(model, site)}


def expires(as_of: dt.date) -> str:
    """The Expires value: VALID_DAYS after the as-of date, at midnight UTC (never the build machine's clock)."""
    return f"{(as_of + dt.timedelta(days=VALID_DAYS)).isoformat()}T00:00:00Z"


def security_txt(model: SiteModel, site: PublicSite) -> bytes:
    """The fields of RFC 9116, with a comment sending partner vulnerabilities to the partners."""
    lines = [
        f"# Reports about {site.name} itself. To report a vulnerability in a partner's app, write to the",
        "# security contact on that partner's page.",
        f"Contact: {site.security_contact}",
        f"Expires: {expires(model.as_of)}",
        f"Canonical: {site.url_of(paths.SECURITY_TXT)}",
        "Preferred-Languages: en",
        f"Policy: {site.url_of(paths.ABOUT_PAGE)}",
    ]
    return ("\n".join(lines) + "\n").encode()
