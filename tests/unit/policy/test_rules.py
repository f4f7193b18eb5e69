"""Every rule kind of generator.policy.rule_kinds.RULE_KINDS at its boundaries, one table per kind.

Each row reads: the as-of date, the evidence, whether the criterion is met, and the dates it reports:
`valid_until` (the last day it stays met without new evidence) and `lapsed_on` (the first day it no longer
held, when it failed only because the evidence grew old). Conventions under test: evidence dated d with
`max_age_days: N` is valid through d+N and lapses on d+N+1; an ISO/IEC 27001 certificate is valid through the
day before its `expires_on`; a tenure of N days is met when (as_of - since).days >= N; evidence dated after the
as-of date does not exist yet.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

import pytest
from pydantic import TypeAdapter

from generator.policy.outcomes import BadgeState, Criterion, Holding, Shortfall
from generator.policy.rule_kind import Subject
from generator.policy.rule_kinds import RULE_KINDS, judge
from generator.policy.rule_kinds.app_badge_held import AppHoldersObserved
from generator.policy.rule_kinds.badges_held import BadgesHeldObserved
from generator.policy.rule_kinds.bug_bounty_researchers import ResearchersObserved
from generator.policy.rule_kinds.bug_bounty_sla import SlaGap, SlaObserved
from generator.policy.rule_kinds.bug_bounty_tenure import TenureObserved
from generator.policy.rule_kinds.caiq_lite_grade import GradeObserved
from generator.policy.rule_kinds.iso27001_certificate import Iso27001Observed
from generator.policy.rule_kinds.program_member import MembershipObserved
from generator.policy.rule_kinds.soc2_report import Soc2Observed
from generator.policy.rule_kinds.vulnerability_scan import ScanObserved
from generator.records.evidence import Verification
from generator.records.partner import App, Partner
from generator.records.policy import Provenance, Rule
from generator.records.vocabulary import Grade, ScanResult, Soc2Type
from generator.reports import criteria_words
from generator.reports.criteria_words import Wording, evidence_detail, requirement

PARTNER_ID = "tiny-corp"
APP_ID = "tiny-app"
SLA_FLOOR = {"critical": 95, "high": 90, "medium": 80, "low": 70}


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def rule(kind: str, **params: Any) -> Rule:
    """A policy criterion, validated as the policy file's would be."""
    adapter: TypeAdapter[Rule] = TypeAdapter(Rule)
    return adapter.validate_json(json.dumps({"rule": kind, **params}))


@dataclass
class FakeHoldings:
    """Badges held by the subject, as the engine would report them: (badge, app or None) -> Holding."""

    held: dict[tuple[str, str | None], Holding] = field(default_factory=dict)

    def holding(self, badge_id: str, app_id: str | None) -> Holding:
        return self.held.get((badge_id, app_id), Holding(False, state=BadgeState.NOT_EARNED))


# Receipts as reports write them, the badges named from their ids.
WORDS = Wording(lambda badge_id: badge_id.replace("-", " ").title())


def subject(
    *,
    certifications: dict[str, Any] | None = None,
    bug_bounty_since: str | None = None,
    verification: dict[str, Any] | None = None,
    app_level: bool = True,
    holdings: FakeHoldings | None = None,
    app_ids: tuple[str, ...] = (APP_ID,),
) -> Subject:
    """A partner (or its one app) with the evidence given, validated through the record models."""
    partner = Partner.model_validate_json(
        json.dumps(
            {
                "id": PARTNER_ID,
                "name": "Tiny Corp",
                "website": "https://tiny.example.com",
                "security_contact": {"email": "security@tiny.example.com"},
                "editors": ["tiny-dev"],
                "certifications": certifications or {},
            }
        )
    )
    app_data: dict[str, Any] = {
        "id": APP_ID,
        "name": "Tiny App",
        "hosting": ["cloud"],
        "listing_url": "https://marketplace.example.com/apps/tiny-app",
    }
    if bug_bounty_since is not None:
        app_data["bug_bounty"] = {
            "platform": "Bountyfield",
            "program_url": "https://bountyfield.example.com/programs/tiny-app",
            "visibility": "public",
            "since": bug_bounty_since,
            "scope": ["Tiny App cloud app"],
        }
    app = App.model_validate_json(json.dumps(app_data))
    record = (
        Verification.model_validate_json(json.dumps({"partner": PARTNER_ID, **verification}))
        if verification is not None
        else None
    )
    return Subject(partner, app if app_level else None, record, app_ids, holdings or FakeHoldings())


def app_evidence(
    scans: list[dict[str, Any]] | None = None, metrics: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    return {"apps": {APP_ID: {"vulnerability_scans": scans or [], "bug_bounty_metrics": metrics or []}}}


def scan(on: str, result: str = "passed") -> dict[str, Any]:
    return {"scanned_on": on, "result": result, "scanner": "Scanalot 5"}


def metrics(on: str, researchers: int = 50, **sla: float) -> dict[str, Any]:
    return {"measured_on": on, "researchers_engaged": researchers, "sla_compliance": {**SLA_FLOOR, **sla}}


def caiq(on: str, grade: str = "green") -> dict[str, Any]:
    return {"grade": grade, "assessed_on": on}


# What a check vouches for, by default: the SOC 2 report of soc2("2025-06-30") and the certificate of
# iso("2025-01-20", "2028-01-19"), the claims most tests here judge.
VOUCHED = {
    "soc2": {"type": "type-2", "report_period_end": "2025-06-30"},
    "iso27001": {"certificate_id": "TINY-1", "issuer": "Some Registrar", "expires_on": "2028-01-19"},
}


def check(certification: str, on: str, outcome: str, vouches: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "certification": certification,
        "checked_on": on,
        "outcome": outcome,
        "vouches_for": vouches or VOUCHED[certification],
    }


def soc2(period_end: str, kind: str = "type-2") -> dict[str, Any]:
    return {"soc2": {"type": kind, "report_period_end": period_end, "evidence_url": "https://tiny.example.com/soc2"}}


def iso(issued: str, expires: str) -> dict[str, Any]:
    return {
        "iso27001": {
            "certificate_id": "TINY-1",
            "issuer": "Some Registrar",
            "issued_on": issued,
            "expires_on": expires,
            "evidence_url": "https://tiny.example.com/iso",
        }
    }


# Why a criterion is not met, as the tables below expect it.
MET: set[Shortfall] = set()
MISSING = {Shortfall.MISSING}
TOO_OLD = {Shortfall.TOO_OLD}
BELOW = {Shortfall.BELOW_THRESHOLD}
BELOW_AND_TOO_OLD = {Shortfall.BELOW_THRESHOLD, Shortfall.TOO_OLD}
NOT_YET = {Shortfall.NOT_YET}
FAILED = {Shortfall.FAILED}
FAILED_AND_TOO_OLD = {Shortfall.FAILED, Shortfall.TOO_OLD}
WRONG_TYPE = {Shortfall.WRONG_TYPE}
REJECTED = {Shortfall.REJECTED}
EXPIRED = {Shortfall.EXPIRED}
ENDED = {Shortfall.ENDED}
NOT_HELD = {Shortfall.NOT_HELD}


def assert_judged(
    criterion: Criterion,
    met: bool,
    valid_until: str | None,
    lapsed_on: str | None,
    found: str,
    why: set[Shortfall],
) -> None:
    """The criterion's outcome, why it falls short and its dates, and what its receipt says was found."""
    assert (criterion.met, criterion.shortfalls, criterion.valid_until, criterion.lapsed_on) == (
        met,
        why,
        d(valid_until) if valid_until else None,
        d(lapsed_on) if lapsed_on else None,
    )
    assert found in criteria_words.observed(criterion, WORDS)


COVERED: set[str] = set()


def covers(kind: str) -> str:
    COVERED.add(kind)
    return kind


# vulnerability-scan, max 90 days -------------------------------------------------------------------------------

SCAN = covers("vulnerability-scan")


@pytest.mark.parametrize(
    ("as_of", "scans", "met", "valid_until", "lapsed_on", "observed", "why"),
    [
        pytest.param(
            "2026-04-09", [scan("2026-01-10")], True, "2026-04-10", None, "scan passed on", MET, id="day-before"
        ),
        pytest.param(
            "2026-04-10", [scan("2026-01-10")], True, "2026-04-10", None, "scan passed on", MET, id="last-day"
        ),
        pytest.param(
            "2026-04-11",
            [scan("2026-01-10")],
            False,
            None,
            "2026-04-11",
            "91 days ago, older than 90 days",
            TOO_OLD,
            id="lapsed",
        ),
        pytest.param("2026-01-10", [scan("2026-01-10")], True, "2026-04-10", None, "2026-01-10", MET, id="scan-day"),
        pytest.param(
            "2026-01-09", [scan("2026-01-10")], False, None, None, "no vulnerability scan", MISSING, id="scan-tomorrow"
        ),
        pytest.param(
            "2026-01-11", [scan("2026-01-10", "failed")], False, None, None, "scan failed", FAILED, id="failed"
        ),
        pytest.param(
            "2026-06-01",
            [scan("2026-01-10", "failed")],
            False,
            None,
            None,
            "scan failed",
            FAILED_AND_TOO_OLD,
            id="old-failed",
        ),
        pytest.param("2026-01-11", [], False, None, None, "no vulnerability scan recorded", MISSING, id="missing"),
        pytest.param(
            "2026-02-01",
            [scan("2026-01-01"), scan("2026-02-01", "failed")],
            False,
            None,
            None,
            "scan failed on 2026-02-01",
            FAILED,
            id="latest-failed",
        ),
        pytest.param(
            "2026-01-31",
            [scan("2026-01-01"), scan("2026-02-01", "failed")],
            True,
            "2026-04-01",
            None,
            "scan passed on 2026-01-01",
            MET,
            id="failure-not-yet",
        ),
        pytest.param(
            "2026-02-02",
            [scan("2026-02-01", "failed"), scan("2026-01-01")],
            False,
            None,
            None,
            "scan failed",
            FAILED,
            id="latest-by-date-not-list-order",
        ),
        # Leap days: 2024-02-29 + 90 = 2024-05-29; 2023-12-01 + 90 = 2024-02-29; 2027-12-01 + 90 = 2028-02-29.
        pytest.param("2024-05-29", [scan("2024-02-29")], True, "2024-05-29", None, "2024-02-29", MET, id="leap-dated"),
        pytest.param(
            "2024-05-30", [scan("2024-02-29")], False, None, "2024-05-30", "2024-02-29", TOO_OLD, id="leap-dated-off"
        ),
        pytest.param(
            "2024-02-29", [scan("2023-12-01")], True, "2024-02-29", None, "passed", MET, id="ends-on-leap-day"
        ),
        pytest.param(
            "2024-03-01", [scan("2023-12-01")], False, None, "2024-03-01", "passed", TOO_OLD, id="lapses-after-leap"
        ),
        pytest.param("2023-03-01", [scan("2022-12-01")], True, "2023-03-01", None, "passed", MET, id="no-leap-2023"),
        pytest.param("2028-02-29", [scan("2027-12-01")], True, "2028-02-29", None, "passed", MET, id="ends-2028-02-29"),
        pytest.param(
            "2028-03-01", [scan("2027-12-01")], False, None, "2028-03-01", "passed", TOO_OLD, id="lapses-2028-03-01"
        ),
    ],
)
def test_vulnerability_scan(
    as_of: str,
    scans: list[dict[str, Any]],
    met: bool,
    valid_until: str | None,
    lapsed_on: str | None,
    observed: str,
    why: set[Shortfall],
) -> None:
    criterion = judge(rule(SCAN, max_age_days=90), subject(verification=app_evidence(scans)), d(as_of))
    assert_judged(criterion, met, valid_until, lapsed_on, observed, why)


def test_vulnerability_scan_without_a_verification_record() -> None:
    criterion = judge(rule(SCAN, max_age_days=90), subject(verification=None), d("2026-01-01"))
    assert_judged(criterion, False, None, None, "no vulnerability scan recorded", MISSING)


# caiq-lite-grade -----------------------------------------------------------------------------------------------

CAIQ = covers("caiq-lite-grade")


@pytest.mark.parametrize(
    ("as_of", "assessments", "met", "valid_until", "lapsed_on", "observed", "why"),
    [
        # 2025-01-10 + 730 = 2027-01-10 (no leap day in between).
        pytest.param(
            "2027-01-09", [caiq("2025-01-10")], True, "2027-01-10", None, "graded green", MET, id="day-before"
        ),
        pytest.param("2027-01-10", [caiq("2025-01-10")], True, "2027-01-10", None, "graded green", MET, id="last-day"),
        pytest.param(
            "2027-01-11",
            [caiq("2025-01-10")],
            False,
            None,
            "2027-01-11",
            "731 days ago, older than 730 days",
            TOO_OLD,
            id="lapsed",
        ),
        # Dated on a leap day: 2024-02-29 + 730 = 2026-02-28.
        pytest.param("2026-02-28", [caiq("2024-02-29")], True, "2026-02-28", None, "2024-02-29", MET, id="leap-dated"),
        pytest.param(
            "2026-03-01", [caiq("2024-02-29")], False, None, "2026-03-01", "2024-02-29", TOO_OLD, id="leap-lapsed"
        ),
        # A window crossing 2024-02-29 is one day shorter in dates: 2024-01-15 + 730 = 2026-01-14.
        pytest.param("2026-01-14", [caiq("2024-01-15")], True, "2026-01-14", None, "", MET, id="across-2024-02-29"),
        pytest.param(
            "2026-01-15", [caiq("2024-01-15")], False, None, "2026-01-15", "", TOO_OLD, id="across-2024-lapsed"
        ),
        # And one ending on 2028-02-29: 2026-03-01 + 730 = 2028-02-29.
        pytest.param("2028-02-29", [caiq("2026-03-01")], True, "2028-02-29", None, "", MET, id="ends-2028-02-29"),
        pytest.param(
            "2028-03-01", [caiq("2026-03-01")], False, None, "2028-03-01", "", TOO_OLD, id="lapses-2028-03-01"
        ),
        pytest.param("2026-01-01", [], False, None, None, "no CAIQ-Lite assessment recorded", MISSING, id="missing"),
        pytest.param(
            "2025-01-09", [caiq("2025-01-10")], False, None, None, "no CAIQ-Lite", MISSING, id="assessed-tomorrow"
        ),
        pytest.param("2025-06-01", [caiq("2025-01-10", "red")], False, None, None, "graded red", BELOW, id="too-low"),
        # A grade below the minimum is below threshold while fresh, and only out of date once too old (never
        # lapsed: it was never met). 2025-01-10 + 730 = 2027-01-10.
        pytest.param(
            "2027-01-10", [caiq("2025-01-10", "red")], False, None, None, "graded red", BELOW, id="low-last-day"
        ),
        pytest.param(
            "2027-01-11",
            [caiq("2025-01-10", "red")],
            False,
            None,
            None,
            "731 days ago, older than 730 days",
            TOO_OLD,
            id="low-too-old",
        ),
        pytest.param(
            "2028-01-01",
            [caiq("2025-01-10", "red")],
            False,
            None,
            None,
            "graded red",
            TOO_OLD,
            id="old-too-low",
        ),
        pytest.param(
            "2025-05-31",
            [caiq("2025-01-10"), caiq("2025-06-01", "red")],
            True,
            "2027-01-10",
            None,
            "graded green",
            MET,
            id="downgrade-not-yet",
        ),
        pytest.param(
            "2025-06-01",
            [caiq("2025-01-10"), caiq("2025-06-01", "red")],
            False,
            None,
            None,
            "graded red (Starting Out) on 2025-06-01",
            BELOW,
            id="downgrade-on-its-day",
        ),
        pytest.param(
            "2025-06-01",
            [caiq("2025-06-01", "orange"), caiq("2023-01-01", "red")],
            True,
            "2027-06-01",
            None,
            "graded orange",
            MET,
            id="latest-by-date-not-list-order",
        ),
    ],
)
def test_caiq_lite_grade(
    as_of: str,
    assessments: list[dict[str, Any]],
    met: bool,
    valid_until: str | None,
    lapsed_on: str | None,
    observed: str,
    why: set[Shortfall],
) -> None:
    checked = subject(verification={"caiq_lite": assessments}, app_level=False)
    criterion = judge(rule(CAIQ, min_grade="orange", max_age_days=730), checked, d(as_of))
    assert_judged(criterion, met, valid_until, lapsed_on, observed, why)


@pytest.mark.parametrize(
    ("grade", "min_grade", "met"),
    [
        ("red", "red", True),
        ("orange", "red", True),
        ("green", "red", True),
        ("red", "orange", False),
        ("orange", "orange", True),
        ("green", "orange", True),
        ("red", "green", False),
        ("orange", "green", False),
        ("green", "green", True),
    ],
)
def test_caiq_lite_grade_order_is_red_orange_green(grade: str, min_grade: str, met: bool) -> None:
    checked = subject(verification={"caiq_lite": [caiq("2026-01-01", grade)]}, app_level=False)
    criterion = judge(rule(CAIQ, min_grade=min_grade, max_age_days=730), checked, d("2026-01-02"))
    assert criterion.met is met


def test_caiq_lite_gaps_are_part_of_the_evidence() -> None:
    assessment = {**caiq("2026-01-01", "orange"), "gaps": ["Backups are not tested", "No access reviews"]}
    checked = subject(verification={"caiq_lite": [assessment]}, app_level=False)
    criterion = judge(rule(CAIQ, min_grade="orange", max_age_days=730), checked, d("2026-01-02"))
    (evidence,) = criterion.evidence
    assert evidence.record.gaps == ("Backups are not tested", "No access reviews")  # type: ignore[union-attr]
    assert evidence_detail(evidence, WORDS) == (
        "grade orange (Somewhat Developed); gaps: Backups are not tested; No access reviews"
    )
    assert (evidence.date, evidence.provenance) == (d("2026-01-01"), Provenance.VERIFIED)


# soc2-report, type-2 within 365 days ---------------------------------------------------------------------------

SOC2 = covers("soc2-report")


@pytest.mark.parametrize(
    ("as_of", "claim", "checks", "met", "valid_until", "lapsed_on", "observed", "why"),
    [
        # 2025-06-30 + 365 = 2026-06-30.
        pytest.param(
            "2026-06-29", soc2("2025-06-30"), [], True, "2026-06-30", None, "type-2 report", MET, id="day-before"
        ),
        pytest.param(
            "2026-06-30", soc2("2025-06-30"), [], True, "2026-06-30", None, "type-2 report", MET, id="last-day"
        ),
        pytest.param(
            "2026-07-01",
            soc2("2025-06-30"),
            [],
            False,
            None,
            "2026-07-01",
            "366 days ago, older than 365 days",
            TOO_OLD,
            id="lapsed",
        ),
        # Dated on a leap day: 2024-02-29 + 365 = 2025-02-28; ending on one: 2023-03-01 + 365 = 2024-02-29.
        pytest.param("2025-02-28", soc2("2024-02-29"), [], True, "2025-02-28", None, "", MET, id="leap-dated"),
        pytest.param(
            "2025-03-01", soc2("2024-02-29"), [], False, None, "2025-03-01", "", TOO_OLD, id="leap-dated-lapsed"
        ),
        pytest.param("2024-02-29", soc2("2023-03-01"), [], True, "2024-02-29", None, "", MET, id="ends-on-leap-day"),
        pytest.param(
            "2024-03-01", soc2("2023-03-01"), [], False, None, "2024-03-01", "", TOO_OLD, id="lapses-after-leap"
        ),
        pytest.param("2028-02-29", soc2("2027-03-01"), [], True, "2028-02-29", None, "", MET, id="ends-2028-02-29"),
        pytest.param("2026-01-01", {}, [], False, None, None, "no SOC 2 report claimed", MISSING, id="missing"),
        pytest.param(
            "2025-06-29", soc2("2025-06-30"), [], False, None, None, "no SOC 2", MISSING, id="period-ends-tomorrow"
        ),
        pytest.param(
            "2025-07-01",
            soc2("2025-06-30", "type-1"),
            [],
            False,
            None,
            None,
            "report is type-1",
            WRONG_TYPE,
            id="type-mismatch",
        ),
        pytest.param(
            "2027-01-01",
            soc2("2025-06-30", "type-1"),
            [],
            False,
            None,
            None,
            "report is type-1",
            WRONG_TYPE,
            id="old-mismatch",
        ),
        pytest.param(
            "2025-08-02",
            soc2("2025-06-30"),
            [check("soc2", "2025-08-01", "rejected")],
            False,
            None,
            None,
            "rejected by maintainers on 2025-08-01",
            REJECTED,
            id="rejected",
        ),
        pytest.param(
            "2025-07-31",
            soc2("2025-06-30"),
            [check("soc2", "2025-08-01", "rejected")],
            True,
            "2026-06-30",
            None,
            "type-2 report",
            MET,
            id="rejection-not-yet",
        ),
        pytest.param(
            "2025-09-01",
            soc2("2025-06-30"),
            [check("soc2", "2025-08-01", "rejected"), check("soc2", "2025-09-01", "confirmed")],
            True,
            "2026-06-30",
            None,
            "type-2 report",
            MET,
            id="rejected-then-confirmed",
        ),
        pytest.param(
            "2025-08-02",
            soc2("2025-06-30"),
            [check("iso27001", "2025-08-01", "rejected")],
            True,
            "2026-06-30",
            None,
            "type-2 report",
            MET,
            id="other-certification-rejected",
        ),
    ],
)
def test_soc2_report(
    as_of: str,
    claim: dict[str, Any],
    checks: list[dict[str, Any]],
    met: bool,
    valid_until: str | None,
    lapsed_on: str | None,
    observed: str,
    why: set[Shortfall],
) -> None:
    checked = subject(certifications=claim, verification={"certificate_checks": checks}, app_level=False)
    criterion = judge(rule(SOC2, type="type-2", max_age_days=365), checked, d(as_of))
    assert_judged(criterion, met, valid_until, lapsed_on, observed, why)


def test_soc2_type_1_is_judged_against_a_type_1_rule() -> None:
    checked = subject(certifications=soc2("2025-06-30", "type-1"), app_level=False)
    criterion = judge(rule(SOC2, type="type-1", max_age_days=365), checked, d("2025-07-01"))
    assert_judged(criterion, True, "2026-06-30", None, "type-1 report, period ended 2025-06-30", MET)


# iso27001-certificate ------------------------------------------------------------------------------------------

ISO = covers("iso27001-certificate")


@pytest.mark.parametrize(
    ("as_of", "issued", "expires", "met", "valid_until", "lapsed_on", "observed", "why"),
    [
        pytest.param(
            "2026-12-09", "2023-12-11", "2026-12-10", True, "2026-12-09", None, "expires", MET, id="day-before"
        ),
        pytest.param(
            "2026-12-10", "2023-12-11", "2026-12-10", False, None, "2026-12-10", "expired on", EXPIRED, id="expiry"
        ),
        pytest.param(
            "2026-12-11", "2023-12-11", "2026-12-10", False, None, "2026-12-10", "expired on", EXPIRED, id="after"
        ),
        pytest.param(
            "2023-12-11", "2023-12-11", "2026-12-10", True, "2026-12-09", None, "expires", MET, id="issue-day"
        ),
        pytest.param(
            "2023-12-10", "2023-12-11", "2026-12-10", False, None, None, "no ISO/IEC", MISSING, id="issued-tomorrow"
        ),
        # Leap days: expiring on 2028-02-29 it is valid through 2028-02-28; expiring 2028-03-01, through 02-29.
        pytest.param(
            "2028-02-28", "2025-03-01", "2028-02-29", True, "2028-02-28", None, "", MET, id="expires-leap-day"
        ),
        pytest.param(
            "2028-02-29", "2025-03-01", "2028-02-29", False, None, "2028-02-29", "", EXPIRED, id="leap-expiry"
        ),
        pytest.param(
            "2028-02-29", "2025-03-01", "2028-03-01", True, "2028-02-29", None, "", MET, id="valid-on-leap-day"
        ),
        pytest.param(
            "2028-03-01", "2025-03-01", "2028-03-01", False, None, "2028-03-01", "", EXPIRED, id="expiry-after-leap"
        ),
        pytest.param("2024-02-29", "2024-02-29", "2027-02-28", True, "2027-02-27", None, "", MET, id="issued-leap-day"),
    ],
)
def test_iso27001_certificate(
    as_of: str,
    issued: str,
    expires: str,
    met: bool,
    valid_until: str | None,
    lapsed_on: str | None,
    observed: str,
    why: set[Shortfall],
) -> None:
    checked = subject(certifications=iso(issued, expires), app_level=False)
    criterion = judge(rule(ISO), checked, d(as_of))
    assert_judged(criterion, met, valid_until, lapsed_on, observed, why)


def test_iso27001_missing() -> None:
    criterion = judge(rule(ISO), subject(app_level=False), d("2026-01-01"))
    assert_judged(criterion, False, None, None, "no ISO/IEC 27001 certificate claimed", MISSING)
    assert criterion.evidence == ()


@pytest.mark.parametrize(
    ("certification", "claim", "as_of"),
    [("iso27001", iso("2025-01-20", "2028-01-19"), "2026-01-01"), ("soc2", soc2("2025-06-30"), "2025-12-01")],
)
@pytest.mark.parametrize(
    ("checks", "met", "provenance", "observed"),
    [
        pytest.param([], True, Provenance.SELF_ATTESTED, "not yet checked by maintainers", id="unchecked"),
        pytest.param(
            [("2025-11-01", "confirmed")],
            True,
            Provenance.VERIFIED,
            "confirmed by maintainers on 2025-11-01",
            id="confirmed",
        ),
        pytest.param(
            [("2025-11-01", "rejected")],
            False,
            Provenance.SELF_ATTESTED,
            "rejected by maintainers on 2025-11-01",
            id="rejected",
        ),
        pytest.param(
            [("2025-11-01", "confirmed"), ("2025-11-15", "rejected")],
            False,
            Provenance.SELF_ATTESTED,
            "rejected by maintainers on 2025-11-15",
            id="confirmed-then-rejected",
        ),
        pytest.param(
            [("2025-11-15", "rejected"), ("2025-11-01", "confirmed")],
            False,
            Provenance.SELF_ATTESTED,
            "rejected by maintainers on 2025-11-15",
            id="latest-by-date-not-list-order",
        ),
        pytest.param(
            [("2025-11-01", "confirmed"), ("2026-02-01", "rejected")],
            True,
            Provenance.VERIFIED,
            "confirmed by maintainers on 2025-11-01",
            id="rejection-after-as-of",
        ),
        pytest.param(
            [("2026-02-01", "confirmed")],
            True,
            Provenance.SELF_ATTESTED,
            "not yet checked by maintainers",
            id="check-after-as-of",
        ),
    ],
)
def test_certificate_checks_decide_provenance(
    certification: str,
    claim: dict[str, Any],
    as_of: str,
    checks: list[tuple[str, str]],
    met: bool,
    provenance: Provenance,
    observed: str,
) -> None:
    recorded = [check(certification, on, outcome) for on, outcome in checks]
    kind = rule(ISO) if certification == "iso27001" else rule(SOC2, type="type-2", max_age_days=365)
    checked = subject(certifications=claim, verification={"certificate_checks": recorded}, app_level=False)
    criterion = judge(kind, checked, d(as_of))
    assert criterion.met is met
    assert criterion.provenance is provenance
    (evidence,) = criterion.evidence
    assert evidence_detail(evidence, WORDS).endswith(observed)
    if not met:
        assert criterion.shortfalls == {Shortfall.REJECTED}
        assert evidence.check is not None
        assert (evidence.check.checked_on.isoformat(), evidence.check.outcome) == (observed[-10:], "rejected")
        assert criteria_words.observed(criterion, WORDS) == observed


@pytest.mark.parametrize(
    ("claim", "kind"),
    [
        pytest.param(iso("2026-03-01", "2029-02-28"), "iso27001", id="iso-renewed-after-check"),
        pytest.param(soc2("2026-03-31"), "soc2", id="soc2-new-period-after-check"),
    ],
)
def test_a_check_older_than_the_claim_does_not_verify_it(claim: dict[str, Any], kind: str) -> None:
    checks = [check(kind, "2025-06-01", "confirmed")]
    judged = rule(ISO) if kind == "iso27001" else rule(SOC2, type="type-2", max_age_days=365)
    checked = subject(certifications=claim, verification={"certificate_checks": checks}, app_level=False)
    criterion = judge(judged, checked, d("2026-06-01"))
    assert criterion.met
    assert criterion.provenance is Provenance.SELF_ATTESTED


# bug-bounty-tenure, at least 90 days ---------------------------------------------------------------------------

TENURE = covers("bug-bounty-tenure")


@pytest.mark.parametrize(
    ("as_of", "since", "met", "observed", "why"),
    [
        pytest.param("2026-11-14", "2026-11-14", False, "since 2026-11-14 (0 days)", NOT_YET, id="starts-on-as-of"),
        pytest.param("2026-11-15", "2026-11-14", False, "(1 day)", NOT_YET, id="one-day"),
        pytest.param("2027-02-11", "2026-11-14", False, "(89 days)", NOT_YET, id="day-before"),
        pytest.param("2027-02-12", "2026-11-14", True, "(90 days)", MET, id="exactly-met"),
        pytest.param("2027-02-13", "2026-11-14", True, "(91 days)", MET, id="day-after"),
        pytest.param(
            "2026-11-13", "2026-11-14", False, "no bug bounty program declared", MISSING, id="starts-tomorrow"
        ),
        pytest.param("2026-11-14", None, False, "no bug bounty program declared", MISSING, id="missing"),
        # Leap days: 2024-02-29 + 90 = 2024-05-29; 2023-12-01 + 90 = 2024-02-29; 2027-12-01 + 90 = 2028-02-29.
        pytest.param("2024-05-28", "2024-02-29", False, "(89 days)", NOT_YET, id="leap-start-day-before"),
        pytest.param("2024-05-29", "2024-02-29", True, "(90 days)", MET, id="leap-start-met"),
        pytest.param("2024-02-28", "2023-12-01", False, "(89 days)", NOT_YET, id="across-2024-day-before"),
        pytest.param("2024-02-29", "2023-12-01", True, "(90 days)", MET, id="met-on-2024-02-29"),
        pytest.param("2028-02-29", "2027-12-01", True, "(90 days)", MET, id="met-on-2028-02-29"),
        pytest.param("2030-01-01", "2020-03-16", True, "(3,578 days)", MET, id="long-tenure"),
    ],
)
def test_bug_bounty_tenure(as_of: str, since: str | None, met: bool, observed: str, why: set[Shortfall]) -> None:
    criterion = judge(rule(TENURE, min_days=90), subject(bug_bounty_since=since), d(as_of))
    # Tenure never lapses: it has no end and no lapse date.
    assert_judged(criterion, met, None, None, observed, why)


def test_tenure_of_one_day_is_not_met_on_the_first_day() -> None:
    checked = subject(bug_bounty_since="2026-01-01")
    assert not judge(rule(TENURE, min_days=1), checked, d("2026-01-01")).met
    assert judge(rule(TENURE, min_days=1), checked, d("2026-01-02")).met


@pytest.mark.parametrize(
    ("as_of", "measured", "provenance"),
    [
        pytest.param("2026-06-01", [], Provenance.SELF_ATTESTED, id="no-metrics"),
        # Measured only that day: maintainers vouch for 0 days of the 90, the rest is the partner's word.
        pytest.param("2026-06-01", ["2026-06-01"], Provenance.SELF_ATTESTED, id="measured-that-day"),
        # The first measurement 2026-03-03 + 90 = 2026-06-01: the vouched-for tenure is long enough.
        pytest.param("2026-05-31", ["2026-03-03"], Provenance.SELF_ATTESTED, id="vouched-89-days"),
        pytest.param("2026-06-01", ["2026-03-03"], Provenance.VERIFIED, id="vouched-90-days"),
        pytest.param("2026-06-01", ["2026-03-03", "2026-01-02"], Provenance.VERIFIED, id="first-measurement-counts"),
        pytest.param("2026-06-01", ["2026-06-02"], Provenance.SELF_ATTESTED, id="measured-after-as-of"),
        # A measurement before the declared start (2026-01-01) vouches for nothing of this program's start: only
        # the first one on or after it does, here 2026-03-03 (+ 90 = 2026-06-01).
        pytest.param("2026-04-01", ["2025-12-01"], Provenance.SELF_ATTESTED, id="measured-before-the-start"),
        pytest.param("2026-05-31", ["2025-12-01", "2026-03-03"], Provenance.SELF_ATTESTED, id="before-start-89-days"),
        pytest.param("2026-06-01", ["2025-12-01", "2026-03-03"], Provenance.VERIFIED, id="before-start-90-days"),
    ],
)
def test_bug_bounty_declaration_is_verified_once_measured_long_enough(
    as_of: str, measured: list[str], provenance: Provenance
) -> None:
    checked = subject(bug_bounty_since="2026-01-01", verification=app_evidence(metrics=[metrics(m) for m in measured]))
    criterion = judge(rule(TENURE, min_days=90), checked, d(as_of))
    assert criterion.met
    assert criterion.provenance is provenance


# bug-bounty-researchers, at least 10 within 180 days -----------------------------------------------------------

RESEARCHERS = covers("bug-bounty-researchers")


@pytest.mark.parametrize(
    ("as_of", "measured", "met", "valid_until", "lapsed_on", "observed", "why"),
    [
        pytest.param(
            "2026-01-02", [metrics("2026-01-01", 10)], True, "2026-06-30", None, "10 res", MET, id="exactly-10"
        ),
        pytest.param("2026-01-02", [metrics("2026-01-01", 9)], False, None, None, "9 researchers", BELOW, id="9-below"),
        pytest.param(
            "2026-01-02", [metrics("2026-01-01", 0)], False, None, None, "0 researchers", BELOW, id="none-engaged"
        ),
        pytest.param("2026-01-02", [metrics("2026-01-01", 11)], True, "2026-06-30", None, "11 res", MET, id="11-above"),
        # 2026-01-01 + 180 = 2026-06-30.
        pytest.param("2026-06-29", [metrics("2026-01-01", 10)], True, "2026-06-30", None, "", MET, id="day-before"),
        pytest.param("2026-06-30", [metrics("2026-01-01", 10)], True, "2026-06-30", None, "", MET, id="last-day"),
        pytest.param(
            "2026-07-01",
            [metrics("2026-01-01", 10)],
            False,
            None,
            "2026-07-01",
            "measured 181 days ago, older than 180 days",
            TOO_OLD,
            id="lapsed",
        ),
        pytest.param(
            "2026-07-01",
            [metrics("2026-01-01", 9)],
            False,
            None,
            None,
            "older than 180 days",
            BELOW_AND_TOO_OLD,
            id="old-and-too-few",
        ),
        pytest.param("2026-01-01", [], False, None, None, "no bug bounty metrics recorded", MISSING, id="missing"),
        pytest.param(
            "2025-12-31", [metrics("2026-01-01")], False, None, None, "no bug bounty", MISSING, id="measured-tomorrow"
        ),
        pytest.param(
            "2026-03-01",
            [metrics("2026-01-01", 50), metrics("2026-03-01", 9)],
            False,
            None,
            None,
            "9 researchers as of 2026-03-01",
            BELOW,
            id="latest-counts",
        ),
        pytest.param(
            "2026-02-28",
            [metrics("2026-01-01", 50), metrics("2026-03-01", 9)],
            True,
            "2026-06-30",
            None,
            "50 researchers as of 2026-01-01",
            MET,
            id="later-metrics-not-yet",
        ),
        # A window ending on a leap day: 2023-09-02 + 180 = 2024-02-29.
        pytest.param(
            "2024-02-29", [metrics("2023-09-02", 10)], True, "2024-02-29", None, "", MET, id="ends-2024-02-29"
        ),
        pytest.param(
            "2024-03-01", [metrics("2023-09-02", 10)], False, None, "2024-03-01", "", TOO_OLD, id="lapses-2024-03-01"
        ),
        pytest.param("2024-08-27", [metrics("2024-02-29", 10)], True, "2024-08-27", None, "", MET, id="leap-dated"),
    ],
)
def test_bug_bounty_researchers(
    as_of: str,
    measured: list[dict[str, Any]],
    met: bool,
    valid_until: str | None,
    lapsed_on: str | None,
    observed: str,
    why: set[Shortfall],
) -> None:
    checked = subject(bug_bounty_since="2020-01-01", verification=app_evidence(metrics=measured))
    criterion = judge(rule(RESEARCHERS, min_researchers=10, max_age_days=180), checked, d(as_of))
    assert_judged(criterion, met, valid_until, lapsed_on, observed, why)


# bug-bounty-sla, critical 95 / high 90 / medium 80 / low 70 within 180 days ------------------------------------

SLA = covers("bug-bounty-sla")


@pytest.mark.parametrize(
    ("as_of", "measured", "met", "valid_until", "lapsed_on", "observed", "why"),
    [
        pytest.param(
            "2026-01-02", [metrics("2026-01-01")], True, "2026-06-30", None, "every priority at", MET, id="exactly-met"
        ),
        pytest.param(
            "2026-01-02",
            [metrics("2026-01-01", critical=94)],
            False,
            None,
            None,
            "below threshold: critical 94% < 95% (as of 2026-01-01)",
            BELOW,
            id="critical-below",
        ),
        pytest.param(
            "2026-01-02",
            [metrics("2026-01-01", critical=94.9)],
            False,
            None,
            None,
            "critical 94.9% < 95%",
            BELOW,
            id="critical-fraction-below",
        ),
        pytest.param(
            "2026-01-02",
            [metrics("2026-01-01", high=89)],
            False,
            None,
            None,
            ": high 89% < 90% (",
            BELOW,
            id="high-below",
        ),
        pytest.param(
            "2026-01-02",
            [metrics("2026-01-01", medium=79)],
            False,
            None,
            None,
            ": medium 79% < 80% (",
            BELOW,
            id="medium",
        ),
        pytest.param(
            "2026-01-02", [metrics("2026-01-01", low=69)], False, None, None, ": low 69% < 70% (", BELOW, id="low"
        ),
        pytest.param(
            "2026-01-02",
            [metrics("2026-01-01", critical=60, high=55, medium=48, low=30)],
            False,
            None,
            None,
            "critical 60% < 95%, high 55% < 90%, medium 48% < 80%, low 30% < 70%",
            BELOW,
            id="all-below",
        ),
        pytest.param(
            "2026-01-02",
            [metrics("2026-01-01", critical=100, high=100, medium=100, low=100)],
            True,
            "2026-06-30",
            None,
            "every priority",
            MET,
            id="all-perfect",
        ),
        pytest.param("2026-06-30", [metrics("2026-01-01")], True, "2026-06-30", None, "", MET, id="last-day"),
        pytest.param(
            "2026-07-01",
            [metrics("2026-01-01")],
            False,
            None,
            "2026-07-01",
            "; measured 181 days ago, older than 180 days",
            TOO_OLD,
            id="lapsed",
        ),
        pytest.param(
            "2026-07-01",
            [metrics("2026-01-01", low=69)],
            False,
            None,
            None,
            "low 69% < 70%",
            BELOW_AND_TOO_OLD,
            id="lapsed-and-below",
        ),
        pytest.param("2026-01-01", [], False, None, None, "no bug bounty metrics recorded", MISSING, id="missing"),
        pytest.param(
            "2024-03-01", [metrics("2023-09-02")], False, None, "2024-03-01", "", TOO_OLD, id="window-ends-2024-02-29"
        ),
    ],
)
def test_bug_bounty_sla(
    as_of: str,
    measured: list[dict[str, Any]],
    met: bool,
    valid_until: str | None,
    lapsed_on: str | None,
    observed: str,
    why: set[Shortfall],
) -> None:
    checked = subject(bug_bounty_since="2020-01-01", verification=app_evidence(metrics=measured))
    criterion = judge(rule(SLA, min_percent=SLA_FLOOR, max_age_days=180), checked, d(as_of))
    assert_judged(criterion, met, valid_until, lapsed_on, observed, why)


# program-member ------------------------------------------------------------------------------------------------

MEMBER = covers("program-member")
TOP_VENDOR = {"program": "top-vendor", "since": "2018-04-01", "until": "2020-12-31"}


@pytest.mark.parametrize(
    ("as_of", "memberships", "met", "valid_until", "lapsed_on", "observed", "why"),
    [
        pytest.param(
            "2018-03-31", [TOP_VENDOR], False, None, None, "no membership recorded", MISSING, id="before-since"
        ),
        pytest.param("2018-04-01", [TOP_VENDOR], True, "2020-12-31", None, "member since 2018-04-01", MET, id="since"),
        pytest.param("2020-12-30", [TOP_VENDOR], True, "2020-12-31", None, "member since", MET, id="day-before-until"),
        pytest.param("2020-12-31", [TOP_VENDOR], True, "2020-12-31", None, "member since", MET, id="until-day"),
        pytest.param(
            "2021-01-01",
            [TOP_VENDOR],
            False,
            None,
            "2021-01-01",
            "member until 2020-12-31",
            ENDED,
            id="day-after-until",
        ),
        pytest.param(
            "2030-01-01", [{"program": "top-vendor", "since": "2018-04-01"}], True, None, None, "since", MET, id="open"
        ),
        pytest.param(
            "2019-01-01",
            [{"program": "other-program", "since": "2018-04-01"}],
            False,
            None,
            None,
            "no membership recorded",
            MISSING,
            id="other-program",
        ),
        pytest.param("2019-01-01", [], False, None, None, "no membership recorded", MISSING, id="missing"),
        pytest.param(
            "2022-06-01",
            [TOP_VENDOR, {"program": "top-vendor", "since": "2022-06-01"}],
            True,
            None,
            None,
            "member since 2022-06-01",
            MET,
            id="rejoined",
        ),
        pytest.param(
            "2022-05-31",
            [TOP_VENDOR, {"program": "top-vendor", "since": "2022-06-01"}],
            False,
            None,
            "2021-01-01",
            "member until 2020-12-31",
            ENDED,
            id="rejoins-tomorrow",
        ),
        pytest.param(
            "2024-02-29",
            [{"program": "top-vendor", "since": "2020-02-29", "until": "2024-02-29"}],
            True,
            "2024-02-29",
            None,
            "since 2020-02-29",
            MET,
            id="leap-until",
        ),
        pytest.param(
            "2024-03-01",
            [{"program": "top-vendor", "since": "2020-02-29", "until": "2024-02-29"}],
            False,
            None,
            "2024-03-01",
            "until 2024-02-29",
            ENDED,
            id="leap-until-passed",
        ),
    ],
)
def test_program_member(
    as_of: str,
    memberships: list[dict[str, Any]],
    met: bool,
    valid_until: str | None,
    lapsed_on: str | None,
    observed: str,
    why: set[Shortfall],
) -> None:
    checked = subject(verification={"memberships": memberships}, app_level=False)
    criterion = judge(rule(MEMBER, program="top-vendor"), checked, d(as_of))
    assert_judged(criterion, met, valid_until, lapsed_on, observed, why)


# badges-held ---------------------------------------------------------------------------------------------------

BADGES_HELD = covers("badges-held")


def held(last_day: str | None = None) -> Holding:
    return Holding(True, last_day=d(last_day) if last_day else None)


def lapsed(on: str | None = None) -> Holding:
    """Not held: expired on a known day, or never earned."""
    if on is None:
        return Holding(False, state=BadgeState.NOT_EARNED)
    return Holding(False, lapsed_on=d(on), state=BadgeState.EXPIRED)


@pytest.mark.parametrize(
    ("first", "second", "met", "valid_until", "lapsed_on", "observed", "why"),
    [
        pytest.param(held("2026-12-31"), held("2027-01-31"), True, "2026-12-31", None, "holds both", MET, id="both"),
        pytest.param(held("2027-01-31"), held("2026-12-31"), True, "2026-12-31", None, "holds both", MET, id="min-end"),
        pytest.param(held(), held("2027-01-31"), True, "2027-01-31", None, "holds both", MET, id="one-without-end"),
        pytest.param(held(), held(), True, None, None, "holds both", MET, id="no-ends"),
        pytest.param(
            held(),
            lapsed("2026-11-01"),
            False,
            None,
            "2026-11-01",
            "'B Badge' expired on 2026-11-01",
            NOT_HELD,
            id="lapsed",
        ),
        pytest.param(held(), lapsed(), False, None, None, "'B Badge' is not-earned", NOT_HELD, id="never-held"),
        pytest.param(
            lapsed("2026-11-01"),
            lapsed(),
            False,
            None,
            None,
            "'A Badge' expired on 2026-11-01; 'B Badge' is not-earned",
            NOT_HELD,
            id="one-never",
        ),
        pytest.param(
            lapsed("2026-11-01"),
            lapsed("2026-11-01"),
            False,
            None,
            "2026-11-01",
            "'A Badge' expired on 2026-11-01; 'B Badge' expired on 2026-11-01",
            NOT_HELD,
            id="same-day",
        ),
    ],
)
def test_badges_held(
    first: Holding,
    second: Holding,
    met: bool,
    valid_until: str | None,
    lapsed_on: str | None,
    observed: str,
    why: set[Shortfall],
) -> None:
    holdings = FakeHoldings({("a-badge", APP_ID): first, ("b-badge", APP_ID): second})
    checked = subject(holdings=holdings)
    criterion = judge(rule(BADGES_HELD, all_of=["a-badge", "b-badge"]), checked, d("2026-11-24"))
    assert_judged(criterion, met, valid_until, lapsed_on, observed, why)
    assert requirement(criterion.rule, WORDS) == "Holds 'A Badge' and 'B Badge'"


def test_badges_held_asks_about_the_same_subject() -> None:
    # The partner holds the badge, the app does not: an app-level criterion looks at the app.
    holdings = FakeHoldings({("a-badge", None): held()})
    rule_a = rule(BADGES_HELD, all_of=["a-badge"])
    assert judge(rule_a, subject(holdings=holdings, app_level=False), d("2026-11-24")).met
    assert not judge(rule_a, subject(holdings=holdings, app_level=True), d("2026-11-24")).met


def test_badges_held_lapsed_on_is_the_first_lapse() -> None:
    holdings = FakeHoldings({("a-badge", APP_ID): lapsed("2026-11-01"), ("b-badge", APP_ID): lapsed("2026-09-01")})
    criterion = judge(rule(BADGES_HELD, all_of=["a-badge", "b-badge"]), subject(holdings=holdings), d("2026-11-24"))
    assert criterion.lapsed_on == d("2026-09-01")


# app-badge-held ------------------------------------------------------------------------------------------------

APP_BADGE_HELD = covers("app-badge-held")
THREE_APPS = ("app-one", "app-three", "app-two")


@pytest.mark.parametrize(
    ("min_apps", "holders", "met", "valid_until", "observed", "why"),
    [
        pytest.param(1, {}, False, None, "held by none of the partner's apps", NOT_HELD, id="none"),
        pytest.param(1, {"app-two": held("2027-01-01")}, True, "2027-01-01", "held by app-two", MET, id="one-of-one"),
        pytest.param(1, {"app-two": held()}, True, None, "held by app-two", MET, id="one-without-end"),
        pytest.param(
            1,
            {"app-one": held("2027-03-01"), "app-two": held("2027-01-01")},
            True,
            "2027-03-01",
            "held by app-one, app-two",
            MET,
            id="longest-holder",
        ),
        pytest.param(2, {"app-two": held("2027-01-01")}, False, None, "held by app-two", NOT_HELD, id="one-below"),
        pytest.param(
            2,
            {"app-one": held("2027-03-01"), "app-two": held("2027-01-01")},
            True,
            "2027-01-01",
            "held by app-one, app-two",
            MET,
            id="exactly-two",
        ),
        pytest.param(
            2,
            {"app-one": held("2027-03-01"), "app-three": held("2027-02-01"), "app-two": held("2027-01-01")},
            True,
            "2027-02-01",
            "held by app-one, app-three, app-two",
            MET,
            id="second-longest",
        ),
        pytest.param(
            2, {"app-one": held(), "app-two": held("2027-01-01")}, True, "2027-01-01", "held by", MET, id="with-no-end"
        ),
        pytest.param(2, {"app-one": held(), "app-two": held()}, True, None, "held by", MET, id="two-without-end"),
        pytest.param(
            3,
            {"app-one": held(), "app-three": held("2027-02-01"), "app-two": held("2027-01-01")},
            True,
            "2027-01-01",
            "held by",
            MET,
            id="all-three",
        ),
        pytest.param(
            3,
            {"app-one": held(), "app-three": lapsed("2026-11-01"), "app-two": held("2027-01-01")},
            False,
            None,
            "held by app-one, app-two",
            NOT_HELD,
            id="three-needed-two-held",
        ),
    ],
)
def test_app_badge_held(
    min_apps: int, holders: dict[str, Holding], met: bool, valid_until: str | None, observed: str, why: set[Shortfall]
) -> None:
    holdings = FakeHoldings({("scan-badge", app): holding for app, holding in holders.items()})
    checked = subject(holdings=holdings, app_level=False, app_ids=THREE_APPS)
    criterion = judge(rule(APP_BADGE_HELD, badge="scan-badge", min_apps=min_apps), checked, d("2026-11-24"))
    # Short of holders only because one lapsed: the criterion lapsed with it.
    lapsed_on = next((str(h.lapsed_on) for h in holders.values() if h.lapsed_on), None) if not met else None
    assert_judged(criterion, met, valid_until, lapsed_on, observed, why)


def test_app_badge_held_counts_only_the_partners_apps() -> None:
    holdings = FakeHoldings({("scan-badge", "someone-elses-app"): held()})
    checked = subject(holdings=holdings, app_level=False, app_ids=THREE_APPS)
    assert not judge(rule(APP_BADGE_HELD, badge="scan-badge"), checked, d("2026-11-24")).met


def test_app_badge_held_lapses_when_the_last_holder_lapses() -> None:
    holdings = FakeHoldings({("scan-badge", "app-one"): lapsed("2026-11-01"), ("scan-badge", "app-two"): lapsed()})
    checked = subject(holdings=holdings, app_level=False, app_ids=THREE_APPS)
    criterion = judge(rule(APP_BADGE_HELD, badge="scan-badge"), checked, d("2026-11-24"))
    assert criterion.lapsed_on == d("2026-11-01")


# Coverage of the registry --------------------------------------------------------------------------------------


def test_every_rule_kind_has_a_table() -> None:
    assert set(RULE_KINDS) == COVERED


# What each kind observed, as typed fields -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("criterion", "observed"),
    [
        pytest.param(
            rule(TENURE, min_days=90),
            # Vouched for from the first measurement on or after the start (2027-01-01), not the one before it.
            TenureObserved(d("2026-11-14"), 89, verified_days=41),
            id="tenure",
        ),
        pytest.param(
            rule(RESEARCHERS, min_researchers=10, max_age_days=180),
            ResearchersObserved(9, d("2027-01-01")),
            id="researchers",
        ),
        pytest.param(
            rule(SLA, min_percent=SLA_FLOOR, max_age_days=180),
            SlaObserved(d("2027-01-01"), (SlaGap("critical", 94.5, 95), SlaGap("low", 30, 70))),
            id="sla",
        ),
        pytest.param(rule(SCAN, max_age_days=90), ScanObserved(ScanResult.FAILED, d("2027-01-15")), id="scan"),
    ],
)
def test_app_kinds_observe_typed_values(criterion: Rule, observed: object) -> None:
    measured = [metrics("2026-06-01"), metrics("2027-01-01", 9, critical=94.5, low=30)]
    scans = [scan("2026-12-01"), scan("2027-01-15", "failed")]
    checked = subject(bug_bounty_since="2026-11-14", verification=app_evidence(scans, measured))
    assert judge(criterion, checked, d("2027-02-11")).observed == observed


@pytest.mark.parametrize(
    ("criterion", "observed"),
    [
        pytest.param(
            rule(CAIQ, min_grade="orange", max_age_days=730), GradeObserved(Grade.RED, d("2026-05-01")), id="grade"
        ),
        pytest.param(
            rule(SOC2, type="type-2", max_age_days=365),
            Soc2Observed(Soc2Type.TYPE_1, d("2026-06-30"), None),
            id="soc2",
        ),
        pytest.param(rule(ISO), Iso27001Observed("TINY-1", d("2027-01-10"), d("2026-09-01")), id="iso-rejected"),
        pytest.param(
            rule(MEMBER, program="top-vendor"),
            MembershipObserved(d("2018-04-01"), d("2020-12-31")),
            id="membership",
        ),
    ],
)
def test_partner_kinds_observe_typed_values(criterion: Rule, observed: object) -> None:
    checked = subject(
        certifications={**soc2("2026-06-30", "type-1"), **iso("2024-01-11", "2027-01-10")},
        verification={
            "caiq_lite": [caiq("2025-01-01"), caiq("2026-05-01", "red")],
            "certificate_checks": [
                check(
                    "iso27001",
                    "2026-09-01",
                    "rejected",
                    {"certificate_id": "TINY-1", "issuer": "Some Registrar", "expires_on": "2027-01-10"},
                )
            ],
            "memberships": [TOP_VENDOR],
        },
        app_level=False,
    )
    assert judge(criterion, checked, d("2026-11-24")).observed == observed


def test_badge_kinds_observe_which_badges_are_held() -> None:
    expired, never = lapsed("2026-11-01"), lapsed()
    holdings = FakeHoldings(
        {("a-badge", APP_ID): held(), ("b-badge", APP_ID): expired, ("a-badge", None): held(), ("b-badge", None): never}
    )
    on_app = judge(rule(BADGES_HELD, all_of=["a-badge", "b-badge"]), subject(holdings=holdings), d("2026-11-24"))
    assert on_app.observed == BadgesHeldObserved((("b-badge", expired),))
    on_partner = subject(holdings=holdings, app_level=False, app_ids=(APP_ID,))
    criterion = judge(rule(APP_BADGE_HELD, badge="a-badge"), on_partner, d("2026-11-24"))
    assert criterion.observed == AppHoldersObserved((APP_ID,))


# Verification bound to the claim, revoked evidence, ended programs, priorities without reports ---------------

ISO_RULE = rule(ISO)
SOC2_RULE = rule(SOC2, type="type-2", max_age_days=365)


@pytest.mark.parametrize(
    ("claim", "kind", "changed"),
    [
        pytest.param(iso("2025-01-20", "2028-01-19"), ISO_RULE, False, id="iso-as-checked"),
        pytest.param(iso("2025-01-20", "2029-01-19"), ISO_RULE, True, id="iso-expiry-edited"),
        pytest.param(
            {"iso27001": {**iso("2025-01-20", "2028-01-19")["iso27001"], "issuer": "Other"}},
            ISO_RULE,
            True,
            id="iso-issuer-edited",
        ),
        pytest.param(soc2("2025-06-30"), SOC2_RULE, False, id="soc2-as-checked"),
        pytest.param(soc2("2025-07-31"), SOC2_RULE, True, id="soc2-period-edited"),
    ],
)
def test_a_claim_edited_after_verification_is_self_attested_again(
    claim: dict[str, Any], kind: Any, changed: bool
) -> None:
    certification = "iso27001" if kind is ISO_RULE else "soc2"
    checked = subject(
        certifications=claim,
        verification={"certificate_checks": [check(certification, "2025-11-01", "confirmed")]},
        app_level=False,
    )
    criterion = judge(kind, checked, d("2026-01-01"))
    (evidence,) = criterion.evidence
    assert criterion.met
    assert criterion.provenance is (Provenance.SELF_ATTESTED if changed else Provenance.VERIFIED)
    assert evidence.changed_since_check == (d("2025-11-01") if changed else None)
    detail = criteria_words.evidence_detail(evidence, WORDS)
    assert detail.endswith(
        "changed since verified on 2025-11-01" if changed else "confirmed by maintainers on 2025-11-01"
    )


def test_a_rejection_does_not_carry_over_to_an_edited_claim() -> None:
    checked = subject(
        certifications=soc2("2025-07-31"),
        verification={"certificate_checks": [check("soc2", "2025-08-01", "rejected")]},
        app_level=False,
    )
    criterion = judge(SOC2_RULE, checked, d("2025-09-01"))
    assert criterion.met
    assert criterion.provenance is Provenance.SELF_ATTESTED


def test_a_check_that_records_nothing_vouches_for_nothing() -> None:
    unbound = {"certification": "iso27001", "checked_on": "2025-11-01", "outcome": "confirmed"}
    checked = subject(
        certifications=iso("2025-01-20", "2028-01-19"), verification={"certificate_checks": [unbound]}, app_level=False
    )
    assert judge(ISO_RULE, checked, d("2026-01-01")).provenance is Provenance.SELF_ATTESTED


def revocation(on: str, until: str | None = None, evidence: str = "soc2") -> dict[str, Any]:
    return {
        "evidence": evidence,
        "revoked_on": on,
        **({"until": until} if until else {}),
        "reason": "The report was found to be forged.",
        "approved_by": "trust-team",
        "reference": "https://tickets.example.com/SEC-1",
    }


@pytest.mark.parametrize(
    ("as_of", "revoked"),
    [
        pytest.param("2025-09-30", False, id="day-before"),
        pytest.param("2025-10-01", True, id="revocation-day"),
        pytest.param("2025-10-31", True, id="last-day"),
        pytest.param("2025-11-01", False, id="lifted"),
    ],
)
def test_revoked_evidence_fails_its_criterion_whatever_else_holds(as_of: str, revoked: bool) -> None:
    checked = subject(
        certifications=soc2("2025-06-30"),
        verification={
            "certificate_checks": [check("soc2", "2025-08-01", "confirmed")],
            "revocations": [revocation("2025-10-01", "2025-10-31")],
        },
        app_level=False,
    )
    criterion = judge(SOC2_RULE, checked, d(as_of))
    assert criterion.shortfalls == ({Shortfall.REVOKED} if revoked else frozenset())
    assert criteria_words.status(criterion) == ("Revoked" if revoked else "Met")
    if revoked:
        assert criteria_words.observed(criterion, WORDS) == "revoked by maintainers on 2025-10-01"


def test_a_newer_claim_is_not_revoked() -> None:
    checked = subject(
        certifications=soc2("2025-12-31"), verification={"revocations": [revocation("2025-10-01")]}, app_level=False
    )
    assert judge(SOC2_RULE, checked, d("2026-01-02")).met


def ended(since: str, until: str) -> Any:
    app = subject(bug_bounty_since=since, verification=app_evidence(metrics=[metrics(since)]))
    assert app.app is not None
    assert app.app.bug_bounty is not None
    program = app.app.bug_bounty.model_copy(update={"until": dt.date.fromisoformat(until)})
    return dataclasses.replace(app, app=App.model_validate(app.app.model_copy(update={"bug_bounty": program})))


@pytest.mark.parametrize(
    ("as_of", "met", "why"),
    [
        pytest.param("2026-06-30", True, frozenset(), id="last-day"),
        pytest.param("2026-07-01", False, {Shortfall.ENDED}, id="day-after"),
    ],
)
def test_an_ended_program_lapses_the_day_after_its_end(as_of: str, met: bool, why: Any) -> None:
    criterion = judge(rule(TENURE, min_days=90), ended("2025-01-01", "2026-06-30"), d(as_of))
    assert (criterion.met, criterion.shortfalls) == (met, why)
    if met:
        assert criterion.valid_until == d("2026-06-30")
    else:
        assert criterion.lapsed_on == d("2026-07-01")
        assert criteria_words.observed(criterion, WORDS) == "the program ended on 2026-06-30"


def program(since: str, until: str, rejected_on: str | None = None) -> Any:
    """An app whose program ran from `since` through `until`, maybe rejected by a check of it as declared."""
    checks = []
    if rejected_on is not None:
        vouched = {"platform": "Bountyfield", "since": since}
        checks = [{"checked_on": rejected_on, "outcome": "rejected", "vouches_for": vouched}]
    app = ended(since, until)
    evidence = {"apps": {APP_ID: {"bug_bounty_metrics": [metrics(since)], "program_checks": checks}}}
    verification = Verification.model_validate_json(json.dumps({"partner": PARTNER_ID, **evidence}))
    return dataclasses.replace(app, verification=verification)


@pytest.mark.parametrize(
    ("since", "until", "rejected_on", "as_of", "why", "lapsed_on"),
    [
        # Ran 90 days (2026-01-01 + 90 = 2026-04-01, its last day): met on its last day, lapsed the day after.
        pytest.param("2026-01-01", "2026-04-01", None, "2026-04-01", frozenset(), None, id="reached-last-day"),
        pytest.param("2026-01-01", "2026-04-01", None, "2026-04-02", {Shortfall.ENDED}, "2026-04-02", id="reached"),
        # Ended after 89 days: never met, so it did not lapse (not-earned, not expired).
        pytest.param("2026-01-01", "2026-03-31", None, "2026-03-31", {Shortfall.NOT_YET}, None, id="short-last-day"),
        pytest.param("2026-01-01", "2026-03-31", None, "2026-04-01", {Shortfall.ENDED}, None, id="short-day-after"),
        pytest.param("2026-01-01", "2026-03-31", None, "2026-04-02", {Shortfall.ENDED}, None, id="short-later"),
        # Rejected as declared: rejected before and after its end, and never lapsed.
        pytest.param("2025-01-01", "2026-06-30", "2026-03-01", "2026-06-30", {Shortfall.REJECTED}, None, id="rejected"),
        pytest.param(
            "2025-01-01", "2026-06-30", "2026-03-01", "2026-07-01", {Shortfall.REJECTED}, None, id="rejected-ended"
        ),
    ],
)
def test_an_ended_program_lapses_only_if_it_was_met(
    since: str, until: str, rejected_on: str | None, as_of: str, why: Any, lapsed_on: str | None
) -> None:
    criterion = judge(rule(TENURE, min_days=90), program(since, until, rejected_on), d(as_of))
    assert (criterion.met, criterion.shortfalls) == (not why, why)
    assert criterion.lapsed_on == (d(lapsed_on) if lapsed_on else None)


def test_a_priority_without_reports_meets_its_threshold() -> None:
    measured = metrics("2026-01-01")
    measured["sla_compliance"] = {k: v for k, v in SLA_FLOOR.items() if k != "critical"}
    measured["reports"] = {"critical": 0, "high": 4, "medium": 9, "low": 2}
    checked = subject(bug_bounty_since="2025-01-01", verification=app_evidence(metrics=[measured]))
    criterion = judge(rule(SLA, min_percent=SLA_FLOOR, max_age_days=180), checked, d("2026-01-02"))
    assert criterion.met
    assert "no reports at critical priority (met)" in criteria_words.observed(criterion, WORDS)
    (evidence,) = criterion.evidence
    assert "critical no reports" in criteria_words.evidence_detail(evidence, WORDS)
    assert "reports: critical 0, high 4" in criteria_words.evidence_detail(evidence, WORDS)


@pytest.mark.parametrize(
    ("checks", "provenance"),
    [
        pytest.param([], Provenance.SELF_ATTESTED, id="declared-only"),
        pytest.param([("2025-03-01", "2025-01-01")], Provenance.VERIFIED, id="start-confirmed"),
        pytest.param([("2025-03-01", "2024-06-01")], Provenance.SELF_ATTESTED, id="start-edited-since"),
    ],
)
def test_a_program_check_vouches_for_the_declared_start(checks: list[tuple[str, str]], provenance: Provenance) -> None:
    recorded = [
        {"checked_on": on, "outcome": "confirmed", "vouches_for": {"platform": "Bountyfield", "since": since}}
        for on, since in checks
    ]
    evidence = {"apps": {"tiny-app": {"program_checks": recorded}}}
    checked = subject(bug_bounty_since="2025-01-01", verification=evidence)
    criterion = judge(rule(TENURE, min_days=90), checked, d("2025-06-01"))
    assert criterion.met
    assert criterion.provenance is provenance
