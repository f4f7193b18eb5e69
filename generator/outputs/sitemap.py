"""sitemap.xml, listing every indexable page at its public address, and robots.txt pointing at it."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from generator.site import output_paths as paths
from generator.site.model import SiteModel
from generator.site.pages import site_pages
from generator.site.public_site import PublicSite

SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
# Pages that exist but are no destination of their own.
NOT_LISTED = frozenset({"404.html"})


def sitemap_files(model: SiteModel, site: PublicSite, content_urls: Sequence[str]) -> dict[str, bytes]:
    """sitemap.xml and robots.txt; `content_urls` are the Markdown pages Pelican writes from content/."""
    return {paths.SITEMAP: sitemap(model, site, content_urls), paths.ROBOTS_TXT: robots_txt(site)}


def page_urls(model: SiteModel, content_urls: Sequence[str]) -> list[str]:
    """Every HTML page's URL relative to the site root, in the site's order: generated pages, then content pages."""
    urls = [page.url for page in site_pages(model) if page.url not in NOT_LISTED]
    return urls + [url for url in content_urls if url not in urls]


def sitemap(model: SiteModel, site: PublicSite, content_urls: Sequence[str]) -> bytes:
    """The sitemaps.org XML: each page's public address, last modified on the as-of date."""
    # Every page shows decisions as of the build's date, so that is when each last changed.
    lastmod = model.as_of.isoformat()
    urlset = ET.Element("urlset", xmlns=SITEMAP_NAMESPACE)
    for url in page_urls(model, content_urls):
        entry = ET.SubElement(urlset, "url")
        ET.SubElement(entry, "loc").text = site.url_of(url)
        ET.SubElement(entry, "lastmod").text = lastmod
    ET.indent(urlset)
    document: bytes = ET.tostring(urlset, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def robots_txt(site: PublicSite) -> bytes:
    """Every crawler may read everything; the sitemap says where it is."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {site.url_of(paths.SITEMAP)}\n".encode()
