"""The published JSON API of a build, and where it disagrees with the reference reading of docs/policy.md."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator.build import gather
from generator.outputs.api import api_files
from generator.site.public_site import public_site
from tests.crosscheck.reference_policy import BadgeResult, Reference, Subject

SETTINGS = {"TRUST_CANONICAL_URL": "https://trust.example.com", "TRUST_SECURITY_CONTACT": "mailto:trust@example.com"}
API = "api/v1"


def published_api(data_root: Path, as_of: dt.date, today: dt.date) -> dict[str, Any]:
    """The API documents the build publishes as of a date, by path, parsed from their bytes."""
    model = gather(data_root, as_of, today)
    files = api_files(model, public_site(SETTINGS))
    return {path: json.loads(data) for path, data in files.items()}


def _date(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def _text(criterion: dict[str, Any]) -> str:
    return " ".join(
        [criterion["status"], criterion["observed"], *(evidence["detail"] for evidence in criterion["evidence"])]
    )


def badge_differences(where: str, published: dict[str, Any], expected: BadgeResult) -> Iterator[str]:
    """Each field of one published badge that the reference reads differently."""
    held = expected.held
    fields = {
        "state": (published["state"], expected.state),
        "held": (published["held"], held),
        "provenance": (published["provenance"], expected.provenance if held else None),
        "expires_on": (_date(published["expires_on"]), expected.expires_on if held else None),
        "days_left": (published["days_left"], expected.days_left if held else None),
        "expired_on": (_date(published["expired_on"]), expected.expired_on),
        "exemption_until": (_date(published["exemption_until"]), expected.exemption_until),
        "retired_on": (_date(published["retired_on"]), expected.retired_on),
    }
    for name, (got, want) in fields.items():
        if got != want:
            yield f"{where}: {name} published {got}, reference {want}"
    if expected.state == "revoked":
        return
    if len(published["criteria"]) != len(expected.criteria):
        rules = [criterion["rule"] for criterion in published["criteria"]]
        yield f"{where}: receipt lists {rules}, reference {len(expected.criteria)} lines"
    for index, (criterion, reference) in enumerate(zip(published["criteria"], expected.criteria, strict=False)):
        first = criterion["shortfalls"][0] if criterion["shortfalls"] else None
        if criterion["met"] != reference.met or first != reference.reason:
            yield (
                f"{where} criterion {index} ({criterion['rule']}): published {criterion['met']} {first}, "
                f"reference {reference.met} {reference.reason}"
            )
        if reference.changed_since is not None:
            words = f"changed since verified on {reference.changed_since.isoformat()}"
            if words not in _text(criterion):
                yield f"{where} criterion {index}: receipt lacks '{words}': {_text(criterion)}"


def differences(api: dict[str, Any], reference: Reference, as_of: dt.date) -> Iterator[str]:
    """Every disagreement between the published API and the reference, as of one date."""
    index = api[f"{API}/index.json"]
    assert dt.date.fromisoformat(index["as_of"]) == as_of
    market = reference.market
    assert {entry["id"] for entry in index["partners"]} == set(market.partners)
    tiers = {}
    for entry in index["partners"]:
        partner = entry["id"]
        tier = reference.tier(partner, as_of)
        tiers[partner] = tier
        where = f"{as_of} {partner}"
        if (entry["tier"], entry["tier_standing"]) != (tier.tier, tier.standing):
            yield f"{where}: index tier {entry['tier']} {entry['tier_standing']}, reference {tier.tier} {tier.standing}"
        document = api[f"{API}/partners/{partner}.json"]
        published = document["tier"]
        fields = {
            "tier": (published["tier"], tier.tier),
            "standing": (published["standing"], tier.standing),
            "since": (_date(published["since"]), tier.since),
            "granted": (published["granted"], tier.granted_on is not None),
            "granted_on": (_date(published["granted_on"]), tier.granted_on),
            "standing_since": (_date(published["standing_since"]), tier.standing_since),
            "review_by": (_date(published["review_by"]), tier.review_by),
        }
        for name, (got, want) in fields.items():
            if got != want:
                yield f"{where} tier: {name} published {got}, reference {want}"
        badges = [badge for badge in reference.policy["badges"] if badge["level"] == "partner"]
        assert [badge["id"] for badge in document["badges"]] == [badge["id"] for badge in badges]
        for badge in document["badges"]:
            expected = reference.badge(Subject(partner), badge["id"], as_of)
            yield from badge_differences(f"{where} {badge['id']}", badge, expected)
    app_badges = [badge["id"] for badge in reference.policy["badges"] if badge["level"] == "app"]
    all_apps = {app: partner for partner, apps in market.apps.items() for app in apps}
    assert {entry["id"] for entry in index["apps"]} == set(all_apps)
    for entry in index["apps"]:
        app, partner = entry["id"], all_apps[entry["id"]]
        where = f"{as_of} {partner}/{app}"
        document = api[f"{API}/apps/{app}.json"]
        tier = tiers[partner]
        if (document["tier"], document["tier_standing"]) != (tier.tier, tier.standing):
            yield f"{where}: tier {document['tier']} {document['tier_standing']}, reference {tier.tier} {tier.standing}"
        assert [badge["id"] for badge in document["badges"]] == app_badges
        held = []
        for badge in document["badges"]:
            expected = reference.badge(Subject(partner, app), badge["id"], as_of)
            held += [badge["id"]] if expected.held else []
            yield from badge_differences(f"{where} {badge['id']}", badge, expected)
        if list(entry["badges"]) != held:
            yield f"{where}: index lists held badges {entry['badges']}, reference {held}"
