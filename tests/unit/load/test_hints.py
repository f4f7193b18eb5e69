"""The hint under a failed value check shows the expected form, and the mended value where one is certain."""

from __future__ import annotations

import pytest

from generator.load.hints import hint_for, suggested_id


@pytest.mark.parametrize(
    ("code", "got", "hint"),
    [
        (
            "bad-url",
            "http://acme.example.com/trust",
            "only https:// addresses are published: write https://acme.example.com/trust",
        ),
        (
            "bad-url",
            "acme.example.com/trust",
            "write the whole address, starting with https://: https://acme.example.com/trust",
        ),
        ("bad-url", "see our site", "write a whole address starting with https://, like https://example.com/security"),
        ("bad-date", "2026-3-5", "write 2026-03-05"),
        ("bad-date", "2026/03/05", "write 2026-03-05"),
        ("bad-date", "20260305", "write 2026-03-05"),
        ("bad-date", 20260305, "write 2026-03-05"),
        ("bad-date", "2026-02-29", "February 2026 has 28 days"),
        ("bad-date", "2028-02-30", "February 2028 has 29 days"),
        (
            "bad-date",
            "2026-13-01",
            "write the date as YYYY-MM-DD, like 2026-03-05; the month comes second, between 01 and 12",
        ),
        ("bad-date", "5 March 2026", "write the date as YYYY-MM-DD, like 2026-03-05"),
        ("bad-id", "Acme Sync", "ids are 2 to 40 lowercase letters, digits and single hyphens: write 'acme-sync'"),
        ("bad-id", "acme--sync_", "ids are 2 to 40 lowercase letters, digits and single hyphens: write 'acme-sync'"),
        ("bad-id", "!", "ids are 2 to 40 lowercase letters, digits and single hyphens"),
        ("bad-handle", "@tiny-dev", "write the user name alone: tiny-dev"),
        ("bad-handle", "https://github.com/tiny-dev", "write the user name alone: tiny-dev"),
        ("not-one-of", "gren", None),
    ],
)
def test_hints(code: str, got: object, hint: str | None) -> None:
    assert hint_for(code, got) == hint


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Acme Cloudworks, Inc.", "acme-cloudworks-inc"),
        ("ÄÖ", None),
        ("a" * 50, "a" * 40),
        ("x-" * 30, "x-" * 19 + "x"),
    ],
)
def test_suggested_ids_are_valid_ids(text: str, slug: str | None) -> None:
    assert suggested_id(text) == slug
