"""Bug bounty programs run on a platform the program recognises (the policy's `bug_bounty_platforms`)."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from generator.load.catalog import Catalog
from generator.load.problems import Problem, suggest
from generator.records.policy import Policy


def check_platforms(policy: Policy, catalog: Catalog) -> Iterator[Problem]:
    """Every app's program, and every maintainers' check of one, names a listed platform (any, if none listed)."""
    names = [platform.name for platform in policy.bug_bounty_platforms]
    if not names:
        return
    known = {platform.name: platform for platform in policy.bug_bounty_platforms}
    hint_list = "recognised platforms: " + ", ".join(names)
    for app in catalog.apps.values():
        program = app.record.bug_bounty
        if program is not None and program.platform not in known:
            yield app.at(
                ("bug_bounty", "platform"),
                "unknown-platform",
                f"bug_bounty.platform: expected a platform the program recognises (got '{program.platform}')",
                hint=suggest(program.platform, names) or hint_list + "; ask the maintainers to add yours",
            )
        elif program is not None and not on_platform_site(program.program_url, known[program.platform].url):
            site = urlsplit(known[program.platform].url).hostname
            yield app.at(
                ("bug_bounty", "program_url"),
                "wrong-platform-url",
                f"bug_bounty.program_url: expected a page on {program.platform}'s site, {site} "
                f"(got {urlsplit(program.program_url).hostname})",
                hint=f"link the program's own page on {site}, or name the platform it really runs on",
            )
    for verification in catalog.verifications.values():
        for app_id, evidence in verification.record.apps.items():
            for index, check in enumerate(evidence.program_checks):
                platform = check.vouches_for.platform
                if platform not in known:
                    yield verification.at(
                        ("apps", app_id, "program_checks", index, "vouches_for", "platform"),
                        "unknown-platform",
                        f"vouches_for.platform: expected a platform the program recognises (got '{platform}')",
                        hint=suggest(platform, names) or hint_list,
                    )


def on_platform_site(url: str, platform_url: str) -> bool:
    """The URL is on the platform's host or one of its subdomains."""
    host, site = urlsplit(url).hostname or "", urlsplit(platform_url).hostname or ""
    return host == site or host.endswith("." + site)
