"""_headers: security headers on every path, and exactly one Cache-Control rule for each section of the site."""

from __future__ import annotations

import fnmatch

import pytest

from generator.outputs.host_headers import host_headers_files

SETTINGS = {"CONTENT_SECURITY_POLICY": "default-src 'self'", "THEME_STATIC_DIR": "theme"}
SECTIONS = ("apps", "api", "feeds", "pagefind", "theme", "changes")


def _rules() -> dict[str, list[str]]:
    rules: dict[str, list[str]] = {}
    path = ""
    for line in host_headers_files(SETTINGS, SECTIONS)["_headers"].decode().splitlines():
        if line.startswith("/"):
            path = line
            rules[path] = []
        elif line.startswith("  "):
            rules[path].append(line.strip())
    return rules


def test_every_path_gets_the_csp_with_frame_ancestors_and_no_sniffing() -> None:
    everything = _rules()["/*"]
    assert "Content-Security-Policy: default-src 'self'; frame-ancestors 'none'" in everything
    assert "X-Content-Type-Options: nosniff" in everything
    assert not any(header.startswith("Cache-Control") for header in everything)


@pytest.mark.parametrize(
    ("path", "cache"),
    [
        ("/", "public, max-age=300, must-revalidate"),
        ("/apps/acme-sync/", "public, max-age=300, must-revalidate"),
        ("/api/v1/index.json", "public, max-age=300, must-revalidate"),
        ("/changes/", "public, max-age=300, must-revalidate"),
        ("/theme/css/site.css", "public, max-age=3600, must-revalidate"),
        ("/pagefind/fragment/en_1a2b3c.pf_fragment", "public, max-age=31536000, immutable"),
        ("/pagefind/index/en_4d5e6f.pf_index", "public, max-age=31536000, immutable"),
    ],
)
def test_each_path_matches_exactly_one_cache_rule(path: str, cache: str) -> None:
    # Hosts combine the values of overlapping rules differently, so no path may match two of them.
    matching = [
        headers
        for rule, headers in _rules().items()
        if (rule == path or (rule.endswith("/*") and fnmatch.fnmatch(path, rule)))
        and any(h.startswith("Cache-Control") for h in headers)
    ]
    assert matching == [[f"Cache-Control: {cache}"]]
