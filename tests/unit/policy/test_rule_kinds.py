"""The rule-kind registry agrees with the policy model, and the trust-events sweep misses no change.

The sweep judges a partner only on the days its rules report as change dates (plus the days held badges start
expiring). The cross-check judges every single day of a two-year range instead, on the demo data and on a
generated set of records, and asserts that both see exactly the same badge transitions on the same days.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_args

import pytest

from generator.checks.catalog import load_catalog
from generator.load.catalog import Catalog
from generator.load.located import Located
from generator.load.problems import Severity
from generator.policy.engine import BadgeDecision, PartnerJudge
from generator.policy.events import EventKind, TrustEvent, badge_transition, tier_transition, trust_events
from generator.policy.rule_kind import RuleKind, Subject
from generator.policy.rule_kinds import RULE_KINDS
from generator.policy.tiers import TierDecision
from generator.records.evidence import Verification
from generator.records.partner import App, Partner
from generator.records.policy import Level, Policy, Rule, VulnerabilityScanRule

REPO = Path(__file__).resolve().parents[3]
DEMO_AS_OF = dt.date(2026, 11, 24)
START, END = dt.date(2025, 6, 1), dt.date(2027, 6, 1)
BADGE_EVENTS = {
    EventKind.BADGE_EARNED,
    EventKind.BADGE_EXPIRING,
    EventKind.BADGE_EXPIRED,
    EventKind.BADGE_LOST,
    EventKind.BADGE_REVOKED,
}
STANDING_EVENTS = {
    EventKind.TIER_PENDING,
    EventKind.TIER_GRANTED,
    EventKind.TIER_AT_RISK,
    EventKind.TIER_SUSPENDED,
    EventKind.TIER_RESTORED,
}


@pytest.fixture(scope="module")
def demo() -> Catalog:
    catalog, problems = load_catalog(REPO / "data", DEMO_AS_OF)
    assert not [p for p in problems if p.severity is Severity.ERROR]
    return catalog


@pytest.fixture(scope="module")
def demo_daily(demo: Catalog) -> list[TrustEvent]:
    """The demo data's transitions, judged day by day (the slow part: judged once for the module)."""
    return daily_transitions(demo, START, END)


def policy_of(catalog: Catalog) -> Policy:
    assert catalog.policy is not None
    return catalog.policy.record


# The registry ---------------------------------------------------------------------------------------------------


def test_the_rule_union_and_the_registry_hold_the_same_kinds() -> None:
    (union, _discriminator) = get_args(Rule)
    models = set(get_args(union))
    assert {kind.parameters for kind in RULE_KINDS.values()} == models
    assert len(RULE_KINDS) == len(models)
    for name, kind in RULE_KINDS.items():
        assert get_args(kind.parameters.model_fields["rule"].annotation) == (name,)


def test_each_kind_fits_the_levels_it_declares() -> None:
    app_only = {name for name, kind in RULE_KINDS.items() if kind.levels == {Level.APP}}
    partner_only = {name for name, kind in RULE_KINDS.items() if kind.levels == {Level.PARTNER}}
    assert app_only == {"bug-bounty-tenure", "bug-bounty-researchers", "bug-bounty-sla", "vulnerability-scan"}
    assert partner_only == {"app-badge-held"}
    assert all(kind.levels for kind in RULE_KINDS.values())


# Generated records ----------------------------------------------------------------------------------------------


def _day(rng: random.Random, first: dt.date = START - dt.timedelta(days=400), last: dt.date = END) -> str:
    return (first + dt.timedelta(days=rng.randrange((last - first).days + 1))).isoformat()


def _after(rng: random.Random, start: str, most: int) -> str:
    return (dt.date.fromisoformat(start) + dt.timedelta(days=rng.randint(1, most))).isoformat()


def generated_partner(rng: random.Random, number: int, policy: Policy) -> tuple[Partner, list[App], Verification]:
    """One partner with 1-3 apps and dated evidence of every kind, some of it from before the range."""
    partner_id = f"gen-partner-{number}"
    certifications: dict[str, Any] = {}
    if rng.random() < 0.7:
        certifications["soc2"] = {
            "type": rng.choice(["type-1", "type-2", "type-2"]),
            "report_period_end": _day(rng),
            "evidence_url": "https://gen.example.com/soc2",
        }
    if rng.random() < 0.7:
        issued = _day(rng)
        certifications["iso27001"] = {
            "certificate_id": f"GEN-{number}",
            "issuer": "Registrar",
            "issued_on": issued,
            "expires_on": _after(rng, issued, 900),
            "evidence_url": "https://gen.example.com/iso",
        }
    partner = Partner.model_validate_json(
        json.dumps(
            {
                "id": partner_id,
                "name": f"Generated {number}",
                "website": "https://gen.example.com",
                "security_contact": {"email": "security@gen.example.com"},
                "editors": ["gen-dev"],
                "certifications": certifications,
            }
        )
    )
    apps, app_evidence = [], {}
    for index in range(rng.randint(1, 3)):
        app_id = f"gen-app-{number}-{index}"
        app: dict[str, Any] = {"id": app_id, "name": app_id, "hosting": ["cloud"], "listing_url": "https://m.example"}
        if rng.random() < 0.75:
            since = _day(rng)
            app["bug_bounty"] = {
                "platform": "Bountyfield",
                "program_url": "https://b.example.com",
                "visibility": "public",
                "since": since,
                "scope": ["everything"],
            }
            if rng.random() < 0.3:
                app["bug_bounty"]["until"] = _after(rng, since, 600)
        apps.append(App.model_validate_json(json.dumps(app)))
        program_checks = []
        # Drawn apart, so that the rest of the generated records stays as it was.
        checks_rng = random.Random(f"{number}-{index}")  # noqa: S311 - reproducible test data, not secrets
        if "bug_bounty" in app and checks_rng.random() < 0.5:
            # A check of the program: vouching for its start as declared (confirmed or rejected), or for another.
            declared = app["bug_bounty"]["since"]
            vouched = declared if checks_rng.random() < 0.75 else _day(checks_rng)
            program_checks.append(
                {
                    "checked_on": _day(checks_rng),
                    "outcome": checks_rng.choice(["confirmed", "confirmed", "rejected"]),
                    "vouches_for": {"platform": "Bountyfield", "since": vouched},
                }
            )
        app_evidence[app_id] = {
            "program_checks": program_checks,
            "vulnerability_scans": [
                {"scanned_on": _day(rng), "result": rng.choice(["passed", "passed", "failed"]), "scanner": "S"}
                for _ in range(rng.randint(0, 5))
            ],
            "bug_bounty_metrics": [
                {
                    "measured_on": _day(rng),
                    "researchers_engaged": rng.choice([0, 9, 10, 40, 300]),
                    "sla_compliance": rng.choice(
                        [
                            {"critical": 100, "high": 100, "medium": 100, "low": 100},
                            {"critical": 94, "high": 95, "medium": 90, "low": 80},
                            {"critical": 99, "high": 92, "medium": 85, "low": 69},
                        ]
                    ),
                }
                for _ in range(rng.randint(0, 4))
            ],
        }
    exemptions = []
    for _ in range(rng.randint(0, 2)):
        badge = rng.choice(policy.badges)
        granted = _day(rng)
        exemptions.append(
            {
                "badge": badge.id,
                "app": rng.choice([None, apps[0].id]) if badge.level is Level.APP else None,
                "reason": "Because.",
                "granted_on": granted,
                "expires_on": _after(rng, granted, 300),
            }
        )
    revocations: list[dict[str, Any]] = []
    for _ in range(rng.randint(0, 2)):
        badge = rng.choice(policy.badges)
        revoked = _day(rng)
        target: dict[str, Any] = (
            {"evidence": rng.choice(["soc2", "iso27001"])}
            if rng.random() < 0.4
            else {"badge": badge.id, **({"app": apps[0].id} if badge.level is Level.APP else {})}
        )
        revocations.append(
            {
                **target,
                "revoked_on": revoked,
                **({"until": _after(rng, revoked, 200)} if rng.random() < 0.5 else {}),
                "reason": "Incident.",
                "approved_by": "trust-team",
                "reference": "https://tickets.example.com/1",
            }
        )
    memberships = []
    since = _day(rng, START - dt.timedelta(days=2000), START)
    memberships.append({"program": "top-vendor", "since": since, "until": _after(rng, since, 2200)})
    verification = Verification.model_validate_json(
        json.dumps(
            {
                "partner": partner_id,
                "tiers": [{"tier": rng.choice(["silver", "gold", "platinum"]), "since": _day(rng)} for _ in range(2)],
                "caiq_lite": [
                    {
                        "grade": rng.choice(["red", "orange", "green"]),
                        "assessed_on": _day(rng, START - dt.timedelta(days=900)),
                    }
                    for _ in range(rng.randint(1, 3))
                ],
                "certificate_checks": [_check(rng, certifications) for _ in range(rng.randint(0, 3))],
                "apps": app_evidence,
                "exemptions": exemptions,
                "memberships": memberships,
                "revocations": revocations,
            }
        )
    )
    return partner, apps, verification


def _check(rng: random.Random, certifications: dict[str, Any]) -> dict[str, Any]:
    """A maintainers' check of a claim: mostly vouching for the claim as it stands, sometimes for an older one."""
    certification = rng.choice(["soc2", "iso27001"])
    claim = certifications.get(certification)
    if certification == "soc2":
        vouched = {"type": claim["type"], "report_period_end": claim["report_period_end"]} if claim else {}
    else:
        vouched = (
            {"certificate_id": claim["certificate_id"], "issuer": claim["issuer"], "expires_on": claim["expires_on"]}
            if claim
            else {}
        )
    if rng.random() < 0.25 and vouched:
        vouched = {
            **vouched,
            ("type" if certification == "soc2" else "issuer"): "type-1" if certification == "soc2" else "Other",
        }
    return {
        "certification": certification,
        "checked_on": _day(rng),
        "outcome": rng.choice(["confirmed", "confirmed", "rejected"]),
        **({"vouches_for": vouched} if vouched else {}),
    }


def generated_catalog(demo: Catalog, seed: int, partners: int) -> Catalog:
    """A catalogue of generated partners only, judged under the demo policy."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    # The engine reads only the records; a demo document stands for where they came from.
    document = next(iter(demo.partners.values())).document
    records = [generated_partner(rng, number, policy_of(demo)) for number in range(partners)]
    return dataclasses.replace(
        demo,
        partners={p.id: Located(p, document) for p, _, _ in records},
        apps={app.id: Located(app, document) for _, apps, _ in records for app in apps},
        app_owner={app.id: p.id for p, apps, _ in records for app in apps},
        verifications={p.id: Located(v, document) for p, _, v in records},
    )


# The cross-check ------------------------------------------------------------------------------------------------


def daily_transitions(catalog: Catalog, start: dt.date, end: dt.date) -> list[TrustEvent]:
    """The badge transitions found by judging every partner on every day after `start` through `end`."""
    policy = policy_of(catalog)
    found: list[TrustEvent] = []
    for partner_id, located in catalog.partners.items():
        verification = catalog.verifications.get(partner_id)
        apps = catalog.apps_of(partner_id)
        before: dict[tuple[str, str], BadgeDecision] = {}
        tier_before: TierDecision | None = None
        judge = PartnerJudge(located.record, apps, verification.record if verification else None, policy)
        day = start
        while day <= end:
            decisions = judge.decisions(day)
            for decision in (*decisions.badges, *(d for app in decisions.apps.values() for d in app)):
                key = (decision.app or "", decision.badge)
                event = badge_transition(day, before.get(key), decision) if day > start else None
                if event is not None:
                    found.append(event)
                before[key] = decision
            standing = tier_transition(day, partner_id, tier_before, decisions.tier) if day > start else None
            if standing is not None:
                found.append(standing)
            tier_before = decisions.tier
            day += dt.timedelta(days=1)
    return sorted(found)


def swept_transitions(catalog: Catalog, start: dt.date, end: dt.date) -> list[TrustEvent]:
    """The badge and tier standing events of the sweep dated after `start` through `end`."""
    events = trust_events(catalog, policy_of(catalog), end)
    return sorted(e for e in events if e.kind in BADGE_EVENTS | STANDING_EVENTS and start < e.date)


def test_the_sweep_finds_exactly_the_daily_transitions_of_the_demo_data(
    demo: Catalog, demo_daily: list[TrustEvent]
) -> None:
    assert len(demo_daily) > 50
    assert swept_transitions(demo, START, END) == demo_daily


def test_the_sweep_finds_exactly_the_daily_transitions_of_generated_records(demo: Catalog) -> None:
    catalog = generated_catalog(demo, seed=7, partners=10)
    daily = daily_transitions(catalog, START, END)
    # The generated histories start, expire, are revoked and change inside the range, by every rule kind, and
    # tiers are pending, granted, at risk and suspended.
    assert {e.kind for e in daily} >= BADGE_EVENTS | {
        EventKind.TIER_PENDING,
        EventKind.TIER_GRANTED,
        EventKind.TIER_AT_RISK,
        EventKind.TIER_SUSPENDED,
    }
    badge_values = {e.value for e in daily if e.kind in BADGE_EVENTS}
    assert badge_values >= {badge.id for badge in policy_of(demo).badges if not badge.retired_on}
    assert swept_transitions(catalog, START, END) == daily


def _without_scan_days(kind: RuleKind[VulnerabilityScanRule]) -> RuleKind[VulnerabilityScanRule]:
    """The vulnerability-scan kind, forgetting the days scans were made (it still knows when they age out)."""

    def change_dates(rule: VulnerabilityScanRule, subject: Subject) -> Iterator[dt.date]:
        scans = subject.verification.apps.get(subject.app.id) if subject.verification and subject.app else None
        scanned = {s.scanned_on for s in scans.vulnerability_scans} if scans else set()
        return (day for day in kind.change_dates(rule, subject) if day not in scanned)

    return dataclasses.replace(kind, change_dates=change_dates)


def test_the_cross_check_detects_a_forgotten_change_date(
    demo: Catalog, demo_daily: list[TrustEvent], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(RULE_KINDS, "vulnerability-scan", _without_scan_days(RULE_KINDS["vulnerability-scan"]))
    swept = swept_transitions(demo, START, END)
    assert swept != demo_daily
    # Badges earned on a scan's day are missed, or reported on a later day judged for another reason.
    missed = [e for e in demo_daily if e not in swept]
    assert any(e.kind is EventKind.BADGE_EARNED and e.value == "vulnerability-scan-passed" for e in missed)
