"""Where the site is published: the absolute addresses that feeds, the API, the sitemap and security.txt print."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

# RFC 9116 asks for a URI a reporter can act on.
CONTACT_SCHEMES = ("mailto:", "https://", "tel:")


@dataclass(frozen=True)
class PublicSite:
    """The published site's address, name and security contact."""

    # Without a trailing slash: "https://trust.example.com".
    url: str
    security_contact: str
    name: str = "Trust Pages"

    def url_of(self, path: str) -> str:
        """The public address of a site path such as 'partners/acme-cloudworks/' ('' is the home page)."""
        return f"{self.url}/{path}"

    def tag(self, day: str, specific: str) -> str:
        """A tag: URI (RFC 4151) minted by the site's host on `day`: ids that never change with the page layout."""
        parts = urlsplit(self.url)
        prefix = parts.path.strip("/")
        return f"tag:{parts.hostname},{day}:{prefix + '/' if prefix else ''}{specific}"


def public_site(settings: Mapping[str, Any]) -> PublicSite:
    """The public site from Pelican settings (TRUST_CANONICAL_URL, TRUST_SECURITY_CONTACT, SITENAME)."""
    url = str(settings["TRUST_CANONICAL_URL"]).rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname or parts.query or parts.fragment:
        msg = (
            f"TRUST_CANONICAL_URL: expected an absolute http(s) address like 'https://trust.example.com' (got {url!r})"
        )
        raise ValueError(msg)
    contact = str(settings["TRUST_SECURITY_CONTACT"])
    if not contact.startswith(CONTACT_SCHEMES) or any(ch.isspace() for ch in contact):
        expected = ", ".join(CONTACT_SCHEMES)
        msg = f"TRUST_SECURITY_CONTACT: expected a URI starting with one of {expected} (got {contact!r})"
        raise ValueError(msg)
    return PublicSite(url, contact, str(settings.get("SITENAME") or "Trust Pages"))
