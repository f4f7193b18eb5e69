"""Status images drawn from remembered parts: only the title names the subject, paths are pathlib's."""

from __future__ import annotations

import html
import json
from pathlib import PurePosixPath

import pytest

from generator.outputs.status_badges import badge_svg, endpoint_json, endpoint_path
from generator.views.decisions import BadgeDecisionView

HOSTILE = "=Acme <script>&\"' Cloudworks"


def _view(name: str = "Bug bounty participant", state: str = "earned", short: str = "Earned") -> BadgeDecisionView:
    return BadgeDecisionView(
        badge_id="bug-bounty-participant",
        name=name,
        url="badges/bug-bounty-participant/",
        state=state,
        state_label=short,
        state_short=short,
        held=state == "earned",
        provenance="verified" if state == "earned" else None,
        criteria=(),
        note=None,
        svg_url="apps/acme-sync/badges/bug-bounty-participant.svg",
        anchor="badge-bug-bounty-participant",
    )


@pytest.mark.parametrize(
    "svg_url",
    [
        "apps/acme-sync/badges/bug-bounty-participant.svg",
        "partners/acme/badges/soc2.svg",
        "/apps/a/badges/b.svg",
        "apps/a.b/badges/c.svg",
        "apps//a/badges/b.svg",
        "./apps/a/badges/b.svg",
        "apps/a/badges/b.tar.svg",
        "apps/a/badges/b.png",
        "apps/a/badges/b",
    ],
)
def test_the_endpoint_path_is_pathlibs(svg_url: str) -> None:
    assert endpoint_path(svg_url) == str(PurePosixPath(svg_url).with_suffix(".json"))


def test_images_of_one_badge_differ_only_in_whose_they_are() -> None:
    view = _view()
    first = badge_svg("Acme Sync", view).decode()
    second = badge_svg(HOSTILE, view).decode()

    assert "Acme Sync" not in second
    assert second == first.replace("Acme Sync", html.escape(HOSTILE))
    assert 'aria-label="Acme Sync: Bug bounty participant — Earned, verified"' in first
    assert "<title>Acme Sync: Bug bounty participant — Earned, verified</title>" in first


def test_another_state_draws_another_image_and_endpoint() -> None:
    earned, expired = _view(), _view(state="expired", short="Expired")

    assert badge_svg("Acme Sync", earned) != badge_svg("Acme Sync", expired)
    assert b'fill="#2e7d32"' in badge_svg("Acme Sync", earned)
    assert b'fill="#6a6a6a"' in badge_svg("Acme Sync", expired)
    assert json.loads(endpoint_json(expired)) == {
        "schemaVersion": 1,
        "label": "Bug bounty participant",
        "message": "Expired",
        "color": "6a6a6a",
    }
    hostile = endpoint_json(_view(name=HOSTILE))
    assert json.loads(hostile)["label"] == HOSTILE
    assert hostile == (json.dumps(json.loads(hostile), indent=2, ensure_ascii=False) + "\n").encode()
