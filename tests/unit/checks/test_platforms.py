"""Bug bounty programs name a recognised platform and link a page on that platform's own site."""

from __future__ import annotations

import pytest

from generator.checks.platforms import on_platform_site


@pytest.mark.parametrize(
    ("url", "on_site"),
    [
        ("https://bountyfield.example.com/programs/a", True),
        ("https://eu.bountyfield.example.com/programs/a", True),
        # A look-alike host that merely ends with the platform's name is not its site.
        ("https://evilbountyfield.example.com/programs/a", False),
        ("https://bountyfield.example.com.evil.test/programs/a", False),
        ("https://example.com/bountyfield.example.com", False),
    ],
)
def test_a_program_page_is_on_the_platform_site_or_a_subdomain(url: str, on_site: bool) -> None:
    assert on_platform_site(url, "https://bountyfield.example.com/") is on_site
