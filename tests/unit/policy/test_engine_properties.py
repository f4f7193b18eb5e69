"""Properties of the engine over random evidence histories, judged with the demo policy.

(a) a held badge (earned or expiring) has every criterion met, and its dates agree with each other;
(b) with no new evidence, moving the date forward never turns an expired badge back into a held one;
(c) evaluation is a function of its arguments only: same input, same output, whatever the partners' order,
    and no clock is read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import json
import pkgutil
import random
import time
import types
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import generator.policy
from generator.checks.catalog import load_catalog
from generator.load.catalog import Catalog
from generator.load.located import Located
from generator.load.problems import Severity
from generator.policy import events
from generator.policy.engine import (
    BadgeDecision,
    BadgeState,
    PartnerDecisions,
    TierStanding,
    evaluate,
    evaluate_partner,
)
from generator.records import policy
from generator.records.evidence import Verification
from generator.records.partner import App, Partner
from generator.reports import readiness

REPO = Path(__file__).resolve().parents[3]
DEMO_AS_OF = dt.date(2026, 11, 24)
DEMO, _ = load_catalog(REPO / "data", DEMO_AS_OF)
assert DEMO.policy is not None
POLICY = DEMO.policy.record
# Every module of the engine, rule kinds included.
POLICY_MODULES = [
    importlib.import_module(info.name) for info in pkgutil.walk_packages(generator.policy.__path__, "generator.policy.")
]
BADGE_IDS = [badge.id for badge in POLICY.badges]
APP_IDS = ["tiny-a", "tiny-b", "tiny-c"]

START, END = dt.date(2019, 6, 1), dt.date(2028, 6, 1)
dates = st.dates(START, END)
SLA_VALUES = st.sampled_from([0, 60, 69, 70, 79, 80, 89, 90, 94.5, 95, 100])
# Half the time every priority is met, so that bug bounty badges are earned often enough to matter.
SLA = st.one_of(
    st.just({"critical": 100, "high": 100, "medium": 100, "low": 100}),
    st.fixed_dictionaries(dict.fromkeys(("critical", "high", "medium", "low"), SLA_VALUES)),
)
EXAMPLES = settings(max_examples=150, deadline=None)
# Each example judges the whole demo catalogue twice.
FEWER_EXAMPLES = settings(max_examples=40, deadline=None)


@dataclasses.dataclass(frozen=True)
class World:
    """One partner, its apps and the evidence held about them; `evidence_dates` are the days evidence is dated."""

    partner: Partner
    apps: list[App]
    verification: Verification | None
    evidence_dates: tuple[dt.date, ...]

    def judge(self, as_of: dt.date) -> PartnerDecisions:
        return evaluate_partner(self.partner, self.apps, self.verification, POLICY, as_of)


@st.composite
def worlds(draw: st.DrawFn) -> World:
    """A random partner with random, dated evidence: certificates, grades, scans, metrics, exemptions."""
    evidence: list[dt.date] = []

    def dated() -> str:
        day = draw(dates)
        evidence.append(day)
        return day.isoformat()

    def after(start: str, most: int) -> str:
        return (dt.date.fromisoformat(start) + dt.timedelta(days=draw(st.integers(1, most)))).isoformat()

    certifications: dict[str, Any] = {}
    if draw(st.booleans()):
        kind = draw(st.sampled_from(["type-1", "type-2"]))
        certifications["soc2"] = {"type": kind, "report_period_end": dated(), "evidence_url": "https://t.example.com/s"}
    if draw(st.booleans()):
        issued = dated()
        certifications["iso27001"] = {
            "certificate_id": "T-1",
            "issuer": "Registrar",
            "issued_on": issued,
            "expires_on": after(issued, 1200),
            "evidence_url": "https://t.example.com/i",
        }
    partner = Partner.model_validate_json(
        json.dumps(
            {
                "id": "tiny-corp",
                "name": "Tiny Corp",
                "website": "https://tiny.example.com",
                "security_contact": {"email": "security@tiny.example.com"},
                "editors": ["tiny-dev"],
                "certifications": certifications,
            }
        )
    )
    app_ids = APP_IDS[: draw(st.integers(1, len(APP_IDS)))]
    apps = []
    for app_id in app_ids:
        app: dict[str, Any] = {
            "id": app_id,
            "name": app_id,
            "hosting": ["cloud"],
            "listing_url": "https://m.example.com",
        }
        if draw(st.booleans()):
            app["bug_bounty"] = {
                "platform": "Bountyfield",
                "program_url": "https://b.example.com",
                "visibility": "public",
                "since": dated(),
                "scope": ["everything"],
            }
        apps.append(App.model_validate_json(json.dumps(app)))
    verification = None
    if draw(st.integers(0, 9)) > 0:
        few = st.integers(0, 3)
        app_evidence = {
            app_id: {
                "vulnerability_scans": [
                    {"scanned_on": dated(), "result": draw(st.sampled_from(["passed", "failed"])), "scanner": "S"}
                    for _ in range(draw(few))
                ],
                "bug_bounty_metrics": [
                    {
                        "measured_on": dated(),
                        "researchers_engaged": draw(st.sampled_from([0, 9, 10, 11, 300])),
                        "sla_compliance": draw(SLA),
                    }
                    for _ in range(draw(few))
                ],
            }
            for app_id in app_ids
            if draw(st.booleans())
        }
        exemptions = []
        for _ in range(draw(st.integers(0, 2))):
            badge = draw(st.sampled_from(BADGE_IDS))
            granted = dated()
            app_level = POLICY.badge(badge).level == "app"
            exemptions.append(
                {
                    "badge": badge,
                    "app": draw(st.sampled_from([None, *app_ids])) if app_level else None,
                    "reason": "Because.",
                    "granted_on": granted,
                    "expires_on": after(granted, 500),
                }
            )
        memberships = []
        for _ in range(draw(st.integers(0, 2))):
            since = dated()
            membership = {"program": "top-vendor", "since": since}
            if draw(st.booleans()):
                membership["until"] = after(since, 1500)
            memberships.append(membership)
        record = {
            "partner": "tiny-corp",
            "tiers": [
                {"tier": draw(st.sampled_from(["silver", "gold", "platinum"])), "since": dated()}
                for _ in range(draw(few))
            ],
            "caiq_lite": [
                {"grade": draw(st.sampled_from(["red", "orange", "green"])), "assessed_on": dated()}
                for _ in range(draw(few))
            ],
            "certificate_checks": [
                {
                    "certification": draw(st.sampled_from(["soc2", "iso27001"])),
                    "checked_on": dated(),
                    "outcome": draw(st.sampled_from(["confirmed", "rejected"])),
                }
                for _ in range(draw(few))
            ],
            "apps": app_evidence,
            "exemptions": exemptions,
            "memberships": memberships,
        }
        verification = Verification.model_validate_json(json.dumps(record))
    return World(partner, apps, verification, tuple(evidence))


@st.composite
def judged(draw: st.DrawFn) -> tuple[World, dt.date]:
    """A world and an as-of date: any day, or soon after its latest evidence, when most of it is still current."""
    world = draw(worlds())
    latest = max(world.evidence_dates, default=START)
    as_of = draw(st.one_of(dates, st.integers(0, 200).map(lambda days: latest + dt.timedelta(days=days))))
    return world, as_of


def every_decision(decisions: PartnerDecisions) -> list[BadgeDecision]:
    return [*decisions.badges, *(d for app in decisions.apps.values() for d in app)]


# (a) -----------------------------------------------------------------------------------------------------------


@EXAMPLES
@given(case=judged())
def test_a_held_badge_has_every_criterion_met(case: tuple[World, dt.date]) -> None:
    world, as_of = case
    decisions = world.judge(as_of)
    for decision in every_decision(decisions):
        if decision.held:
            assert all(c.met for c in decision.criteria), decision
            assert decision.provenance is not None
            if decision.expires_on is not None:
                assert decision.days_left == (decision.expires_on - as_of).days
                assert decision.days_left > 0
                expiring = decision.days_left <= POLICY.expiring_soon_days
                assert decision.state is (BadgeState.EXPIRING if expiring else BadgeState.EARNED)
            else:
                assert (decision.state, decision.days_left) == (BadgeState.EARNED, None)
        else:
            assert decision.expires_on is None
            if decision.state is not BadgeState.RETIRED:
                assert not all(c.met for c in decision.criteria), decision
        if decision.state is BadgeState.EXPIRED:
            assert decision.expired_on is not None
            assert decision.expired_on <= as_of
    tier = decisions.tier
    if tier.tier is not None and tier.criteria:
        assert (tier.standing is TierStanding.GOOD) is all(c.met for c in tier.criteria)
        assert (tier.review_by is not None) is (tier.standing is TierStanding.AT_RISK)
        if tier.review_by is not None:
            assert as_of <= tier.review_by


# (b) -----------------------------------------------------------------------------------------------------------


@EXAMPLES
@given(world=worlds(), gap=st.integers(0, 200), later=st.integers(1, 2000))
def test_an_expired_badge_stays_expired_without_new_evidence(world: World, gap: int, later: int) -> None:
    # Both dates come after every piece of evidence: nothing new appears between them.
    first = max(world.evidence_dates, default=START) + dt.timedelta(days=gap)
    second = first + dt.timedelta(days=later)
    before, after = world.judge(first), world.judge(second)
    for old, new in zip(every_decision(before), every_decision(after), strict=True):
        assert (old.badge, old.app) == (new.badge, new.app)
        if old.state is BadgeState.EXPIRED:
            assert not new.held, (old, new)
            assert new.state in (BadgeState.EXPIRED, BadgeState.RETIRED)


# (c) -----------------------------------------------------------------------------------------------------------


@EXAMPLES
@given(case=judged())
def test_same_input_same_output(case: tuple[World, dt.date]) -> None:
    world, as_of = case
    first, second = world.judge(as_of), world.judge(as_of)
    assert first == second
    assert repr(first) == repr(second)


def with_partner(catalog: Catalog, world: World, order: list[str]) -> Catalog:
    """The demo catalogue plus the random partner, its partners in the order given."""
    # The engine reads only the records; borrow a demo document to stand for where these came from.
    document = next(iter(catalog.partners.values())).document
    partners = {**catalog.partners, world.partner.id: Located(world.partner, document)}
    verifications = dict(catalog.verifications)
    if world.verification is not None:
        verifications[world.partner.id] = Located(world.verification, document)
    apps = {**catalog.apps, **{app.id: Located(app, document) for app in world.apps}}
    owners = {**catalog.app_owner, **{app.id: world.partner.id for app in world.apps}}
    return dataclasses.replace(
        catalog,
        partners={partner: partners[partner] for partner in order},
        verifications={p: verifications[p] for p in order if p in verifications},
        apps=dict(sorted(apps.items())),
        app_owner=dict(sorted(owners.items())),
    )


@FEWER_EXAMPLES
@given(case=judged(), seed=st.randoms(use_true_random=False))
def test_evaluation_does_not_depend_on_the_partners_order(case: tuple[World, dt.date], seed: random.Random) -> None:
    world, as_of = case
    ids = sorted([*DEMO.partners, world.partner.id])
    shuffled = list(ids)
    seed.shuffle(shuffled)
    in_order = evaluate(with_partner(DEMO, world, ids), POLICY, as_of)
    out_of_order = evaluate(with_partner(DEMO, world, shuffled), POLICY, as_of)
    assert in_order.as_of == out_of_order.as_of == as_of
    assert set(in_order.partners) == set(ids)
    for partner in ids:
        assert in_order.partners[partner] == out_of_order.partners[partner]
        assert repr(in_order.partners[partner]) == repr(out_of_order.partners[partner])
    assert in_order.partners["tiny-corp"] == world.judge(as_of)


class _NoClockDate(dt.date):
    @classmethod
    def today(cls) -> _NoClockDate:
        raise AssertionError("date.today() was called")


class _NoClockDatetime(dt.datetime):
    @classmethod
    def now(cls, tz: dt.tzinfo | None = None) -> _NoClockDatetime:
        raise AssertionError("datetime.now() was called")

    @classmethod
    def utcnow(cls) -> _NoClockDatetime:
        raise AssertionError("datetime.utcnow() was called")

    @classmethod
    def today(cls) -> _NoClockDatetime:
        raise AssertionError("datetime.today() was called")


def _no_clock(*args: object) -> float:
    raise AssertionError("time.time() was called")


def test_evaluation_reads_no_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    # datetime's C types cannot be patched; the modules' `dt` can: every clock read through it fails.
    shim = types.SimpleNamespace(**vars(dt))
    shim.date, shim.datetime = _NoClockDate, _NoClockDatetime
    with pytest.raises(AssertionError, match="today"):
        shim.date.today()
    expected = evaluate(DEMO, POLICY, DEMO_AS_OF)
    expected_events = events.trust_events(DEMO, POLICY, DEMO_AS_OF)
    with monkeypatch.context() as patched:
        for module in (*POLICY_MODULES, policy, readiness):
            if hasattr(module, "dt"):
                patched.setattr(module, "dt", shim)
        patched.setattr(time, "time", _no_clock)
        patched.setattr(time, "time_ns", _no_clock)
        judged = evaluate(DEMO, POLICY, DEMO_AS_OF)
        judged_events = events.trust_events(DEMO, POLICY, DEMO_AS_OF)
        report = readiness.readiness_report(DEMO, POLICY, judged, "acme-cloudworks")
    assert judged == expected
    assert judged_events == expected_events
    assert report == readiness.readiness_report(DEMO, POLICY, expected, "acme-cloudworks")


def test_demo_catalog_is_valid() -> None:
    _, problems = load_catalog(REPO / "data", DEMO_AS_OF)
    assert not [p for p in problems if p.severity is Severity.ERROR]
