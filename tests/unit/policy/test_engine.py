"""Badge states and tier standing, through `evaluate_partner` and `decide_badge`, on small records.

A small policy is written out below (and the demo policy of data/program/policy.yaml is used where its numbers
matter). Conventions under test: a held badge's `expires_on` is its first day no longer held and
`days_left = (expires_on - as_of).days`; it is "expiring" when days_left <= expiring_soon_days (30 here); a tier
whose prerequisites stop holding is at-risk through lapse + tier_grace_days - 1 (60 here), then suspended.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.load.located import load_record
from generator.policy.engine import (
    VERIFICATION_CRITERION,
    BadgeState,
    PartnerDecisions,
    TierStanding,
    decide_badge,
    evaluate_partner,
)
from generator.policy.outcomes import Holding, Shortfall
from generator.policy.rule_kind import Subject
from generator.policy.rule_kinds.program_member import MembershipObserved
from generator.records.evidence import Verification
from generator.records.partner import App, Partner
from generator.records.policy import Policy, Provenance
from generator.records.vocabulary import Tier

REPO = Path(__file__).resolve().parents[3]

POLICY_YAML = """
expiring_soon_days: 30
tier_grace_days: 60
badges:
  - id: scan-passed
    name: Scan passed
    level: app
    summary: Latest scan passed within 90 days.
    criteria:
      - {rule: vulnerability-scan, max_age_days: 90}
  - id: scan-and-grade
    name: Scan and grade
    level: app
    summary: A recent passing scan and an orange or better grade.
    criteria:
      - {rule: vulnerability-scan, max_age_days: 90}
      - {rule: caiq-lite-grade, min_grade: orange, max_age_days: 730}
  - id: assessed
    name: Assessed
    level: partner
    summary: Graded within two years.
    criteria:
      - {rule: caiq-lite-grade, min_grade: red, max_age_days: 730}
  - id: iso-any
    name: ISO any
    level: partner
    accepts: self-attested
    summary: A current certificate, checked or not.
    criteria:
      - {rule: iso27001-certificate}
  - id: iso-verified
    name: ISO verified
    level: partner
    summary: A current certificate confirmed by maintainers.
    criteria:
      - {rule: iso27001-certificate}
  - id: assessed-and-certified
    name: Assessed and certified
    level: partner
    summary: Both of the above.
    criteria:
      - {rule: badges-held, all_of: [assessed, iso-any]}
  - id: top-vendor
    name: Top Vendor
    level: partner
    retired_on: 2020-12-31
    retired_note: Replaced by the tiers.
    summary: Member of the Top Vendor program.
    criteria:
      - {rule: program-member, program: top-vendor}
tiers:
  - id: silver
    name: Silver
    summary: Assessed.
    criteria:
      - {rule: badges-held, all_of: [assessed]}
  - id: gold
    name: Gold
    summary: Orange or better and a scanned app.
    criteria:
      - {rule: caiq-lite-grade, min_grade: orange, max_age_days: 730}
      - {rule: app-badge-held, badge: scan-passed}
  - id: platinum
    name: Platinum
    summary: Green and certified.
    criteria:
      - {rule: caiq-lite-grade, min_grade: green, max_age_days: 730}
      - {rule: badges-held, all_of: [iso-any]}
"""


def from_yaml(text: str) -> Any:
    """YAML as the loader hands it to the models: JSON-compatible, dates written YYYY-MM-DD."""
    return json.loads(json.dumps(yaml.safe_load(text) or {}, default=str))


POLICY = Policy.model_validate_json(json.dumps(from_yaml(POLICY_YAML)))


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def decide(
    as_of: str,
    verification: str = "",
    *,
    certifications: str = "",
    apps: tuple[str, ...] = ("tiny-app",),
    policy: Policy = POLICY,
) -> PartnerDecisions:
    """Judge Tiny Corp (with the YAML evidence given) and its apps as of a date."""
    partner = Partner.model_validate_json(
        json.dumps(
            {
                "id": "tiny-corp",
                "name": "Tiny Corp",
                "website": "https://tiny.example.com",
                "security_contact": {"email": "security@tiny.example.com"},
                "editors": ["tiny-dev"],
                "certifications": from_yaml(certifications),
            }
        )
    )
    records = [
        App.model_validate_json(
            json.dumps(
                {"id": app, "name": app.title(), "hosting": ["cloud"], "listing_url": f"https://m.example.com/{app}"}
            )
        )
        for app in apps
    ]
    evidence = (
        Verification.model_validate_json(json.dumps({"partner": "tiny-corp", **from_yaml(verification)}))
        if verification
        else None
    )
    return evaluate_partner(partner, records, evidence, policy, d(as_of))


def state_of(decisions: PartnerDecisions, badge: str, app: str | None = None) -> BadgeState:
    decision = decisions.badge(badge, app)
    assert decision is not None, (badge, app)
    return decision.state


SCAN_2026_01_01 = """
apps:
  tiny-app:
    vulnerability_scans: [{scanned_on: 2026-01-01, result: passed, scanner: Scanalot 5}]
"""
# What a maintainers' check of the ISO_2023 certificate vouches for.
ISO_VOUCH = "vouches_for: {certificate_id: T-1, issuer: Reg, expires_on: 2026-11-01}"

ISO_2023 = """
iso27001: {certificate_id: T-1, issuer: Reg, issued_on: 2023-11-01, expires_on: 2026-11-01,
           evidence_url: "https://tiny.example.com/iso"}
"""


# Earned, expiring, expired -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "state", "expires_on", "days_left", "expired_on"),
    [
        # Scanned 2026-01-01, valid 90 days: through 2026-04-01, so it no longer holds from 2026-04-02.
        pytest.param("2025-12-31", BadgeState.NOT_EARNED, None, None, None, id="before-the-scan"),
        pytest.param("2026-01-01", BadgeState.EARNED, "2026-04-02", 91, None, id="scan-day"),
        pytest.param("2026-03-02", BadgeState.EARNED, "2026-04-02", 31, None, id="31-days-left"),
        pytest.param("2026-03-03", BadgeState.EXPIRING, "2026-04-02", 30, None, id="exactly-30-days-left"),
        pytest.param("2026-04-01", BadgeState.EXPIRING, "2026-04-02", 1, None, id="last-day"),
        pytest.param("2026-04-02", BadgeState.EXPIRED, None, None, "2026-04-02", id="first-day-gone"),
        pytest.param("2027-01-01", BadgeState.EXPIRED, None, None, "2026-04-02", id="long-gone"),
    ],
)
def test_scan_badge_through_its_life(
    as_of: str, state: BadgeState, expires_on: str | None, days_left: int | None, expired_on: str | None
) -> None:
    decision = decide(as_of, SCAN_2026_01_01).badge("scan-passed", "tiny-app")
    assert decision is not None
    assert decision.state is state
    assert decision.expires_on == (d(expires_on) if expires_on else None)
    assert decision.days_left == days_left
    assert decision.expired_on == (d(expired_on) if expired_on else None)
    assert decision.held is (state in (BadgeState.EARNED, BadgeState.EXPIRING))


def test_expiring_threshold_follows_the_policy() -> None:
    # Same evidence, 31 days left: earned under a 30-day window, expiring under a 31-day one.
    wider = POLICY.model_copy(update={"expiring_soon_days": 31})
    assert state_of(decide("2026-03-02", SCAN_2026_01_01), "scan-passed", "tiny-app") is BadgeState.EARNED
    wide = decide("2026-03-02", SCAN_2026_01_01, policy=wider)
    assert state_of(wide, "scan-passed", "tiny-app") is BadgeState.EXPIRING


GRADED_AND_SCANNED = """
caiq_lite: [{grade: green, assessed_on: 2024-01-15}]
apps:
  tiny-app:
    vulnerability_scans: [{scanned_on: 2026-01-01, result: passed, scanner: Scanalot 5}]
"""


@pytest.mark.parametrize(
    ("as_of", "state", "expires_on", "expired_on"),
    [
        # The grade (2024-01-15 + 730 = 2026-01-14) lapses before the scan was even made.
        pytest.param("2025-12-31", BadgeState.NOT_EARNED, None, None, id="scan-not-yet-made"),
        pytest.param("2026-01-14", BadgeState.EXPIRING, "2026-01-15", None, id="grade-last-day"),
        pytest.param("2026-01-15", BadgeState.EXPIRED, None, "2026-01-15", id="grade-lapsed"),
        # Both lapsed: the badge stopped holding at the first lapse.
        pytest.param("2026-06-01", BadgeState.EXPIRED, None, "2026-01-15", id="both-lapsed"),
    ],
)
def test_a_badge_with_two_criteria_lapses_with_the_first(
    as_of: str, state: BadgeState, expires_on: str | None, expired_on: str | None
) -> None:
    decision = decide(as_of, GRADED_AND_SCANNED).badge("scan-and-grade", "tiny-app")
    assert decision is not None
    assert (decision.state, decision.expires_on, decision.expired_on) == (
        state,
        d(expires_on) if expires_on else None,
        d(expired_on) if expired_on else None,
    )


def test_a_badge_held_expires_with_its_shortest_criterion() -> None:
    evidence = """
    caiq_lite: [{grade: green, assessed_on: 2025-06-01}]
    apps:
      tiny-app:
        vulnerability_scans: [{scanned_on: 2026-01-01, result: passed, scanner: Scanalot 5}]
    """
    decision = decide("2026-01-02", evidence).badge("scan-and-grade", "tiny-app")
    assert decision is not None
    assert (decision.state, decision.expires_on, decision.days_left) == (BadgeState.EARNED, d("2026-04-02"), 90)


def test_an_unmet_criterion_that_never_held_makes_it_not_earned_rather_than_expired() -> None:
    # The scan lapsed, but the grade is red: it would not hold with new scans either.
    evidence = """
    caiq_lite: [{grade: red, assessed_on: 2025-06-01}]
    apps:
      tiny-app:
        vulnerability_scans: [{scanned_on: 2025-06-01, result: passed, scanner: Scanalot 5}]
    """
    decision = decide("2026-01-02", evidence).badge("scan-and-grade", "tiny-app")
    assert decision is not None
    assert (decision.state, decision.expired_on) == (BadgeState.NOT_EARNED, None)


def test_a_failed_scan_is_not_an_expiry() -> None:
    evidence = """
    apps:
      tiny-app:
        vulnerability_scans:
          - {scanned_on: 2025-06-01, result: passed, scanner: Scanalot 5}
          - {scanned_on: 2025-07-01, result: failed, scanner: Scanalot 5}
    """
    decision = decide("2026-01-02", evidence).badge("scan-passed", "tiny-app")
    assert decision is not None
    assert decision.state is BadgeState.NOT_EARNED


# Exemptions ----------------------------------------------------------------------------------------------------

EXEMPT_EMOJI = """
exemptions:
  - {badge: scan-passed, app: tiny-app, reason: Runs in the browser., granted_on: 2026-02-02, expires_on: 2027-02-01}
apps:
  tiny-app:
    vulnerability_scans: [{scanned_on: 2025-06-01, result: passed, scanner: Scanalot 5}]
"""


@pytest.mark.parametrize(
    ("as_of", "state", "exemption_until", "expired_on"),
    [
        # Without the exemption the scan (2025-06-01 + 90 = 2025-08-30) has lapsed since 2025-08-31.
        pytest.param("2026-02-01", BadgeState.EXPIRED, None, "2025-08-31", id="day-before-granted"),
        pytest.param("2026-02-02", BadgeState.EXEMPT, "2027-02-01", None, id="granted-day"),
        pytest.param("2027-02-01", BadgeState.EXEMPT, "2027-02-01", None, id="last-exempt-day"),
        pytest.param("2027-02-02", BadgeState.EXPIRED, None, "2025-08-31", id="exemption-expired"),
    ],
)
def test_exemption_in_force_and_expired(
    as_of: str, state: BadgeState, exemption_until: str | None, expired_on: str | None
) -> None:
    decision = decide(as_of, EXEMPT_EMOJI).badge("scan-passed", "tiny-app")
    assert decision is not None
    assert (decision.state, decision.exemption_until, decision.expired_on) == (
        state,
        d(exemption_until) if exemption_until else None,
        d(expired_on) if expired_on else None,
    )
    assert decision.exemption_reason == ("Runs in the browser." if state is BadgeState.EXEMPT else None)
    assert not decision.held
    # The receipt still shows what is missing.
    assert [c.met for c in decision.criteria] == [False]


def test_an_exemption_names_its_app() -> None:
    decisions = decide("2026-06-01", EXEMPT_EMOJI, apps=("other-app", "tiny-app"))
    assert state_of(decisions, "scan-passed", "tiny-app") is BadgeState.EXEMPT
    assert state_of(decisions, "scan-passed", "other-app") is BadgeState.NOT_EARNED


def test_an_exemption_without_an_app_covers_every_app() -> None:
    evidence = """
    exemptions:
      - {badge: scan-passed, reason: No servers at all., granted_on: 2026-02-02, expires_on: 2027-02-01}
    """
    decisions = decide("2026-06-01", evidence, apps=("other-app", "tiny-app"))
    states = [state_of(decisions, "scan-passed", app) for app in ("other-app", "tiny-app")]
    assert states == [BadgeState.EXEMPT, BadgeState.EXEMPT]


def test_evidence_that_meets_the_criteria_wins_over_an_exemption() -> None:
    evidence = EXEMPT_EMOJI.replace("2025-06-01", "2026-05-01")
    decision = decide("2026-06-01", evidence).badge("scan-passed", "tiny-app")
    assert decision is not None
    assert (decision.state, decision.exemption_reason) == (BadgeState.EARNED, None)


# Retired badges ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "membership", "state", "held_when_retired", "shortfalls"),
    [
        pytest.param("2019-06-01", "2020-12-31", BadgeState.EARNED, False, set(), id="before"),
        pytest.param("2020-12-31", "2020-12-31", BadgeState.EXPIRING, False, set(), id="retirement-day"),
        pytest.param("2021-01-01", "2020-12-31", BadgeState.RETIRED, True, set(), id="day-after"),
        pytest.param("2026-11-24", "2020-12-31", BadgeState.RETIRED, True, set(), id="long-after"),
        pytest.param("2021-01-01", "2020-06-30", BadgeState.RETIRED, False, {Shortfall.ENDED}, id="left-first"),
        pytest.param("2021-01-01", "2020-12-30", BadgeState.RETIRED, False, {Shortfall.ENDED}, id="left-eve"),
    ],
)
def test_retired_badge(
    as_of: str, membership: str, state: BadgeState, held_when_retired: bool, shortfalls: set[Shortfall]
) -> None:
    evidence = f"memberships: [{{program: top-vendor, since: 2018-04-01, until: {membership}}}]"
    decision = decide(as_of, evidence).badge("top-vendor")
    assert decision is not None
    assert decision.state is state
    assert decision.held_when_retired is held_when_retired
    assert decision.retired_on == (d("2020-12-31") if state is BadgeState.RETIRED else None)
    # The receipt of a retired badge is as of its retirement day.
    (criterion,) = decision.criteria
    assert criterion.shortfalls == shortfalls
    assert criterion.observed == MembershipObserved(d("2018-04-01"), d(membership))
    if state is BadgeState.RETIRED:
        assert (decision.expires_on, decision.days_left, decision.provenance) == (None, None, None)


def test_a_retired_badge_never_held_is_retired_not_held() -> None:
    decision = decide("2021-01-01").badge("top-vendor")
    assert decision is not None
    assert (decision.state, decision.held_when_retired) == (BadgeState.RETIRED, False)
    assert decision.criteria[0].shortfalls == {Shortfall.MISSING}


# Whose word: accepts verified vs self-attested -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("checks", "any_state", "any_provenance", "verified_state", "verified_criteria"),
    [
        pytest.param(
            "",
            BadgeState.EARNED,
            Provenance.SELF_ATTESTED,
            BadgeState.NOT_EARNED,
            [("iso27001-certificate", True), (VERIFICATION_CRITERION, False)],
            id="unchecked",
        ),
        pytest.param(
            "certificate_checks: [{certification: iso27001, checked_on: 2024-01-10, outcome: confirmed, "
            + ISO_VOUCH
            + "}]",
            BadgeState.EARNED,
            Provenance.VERIFIED,
            BadgeState.EARNED,
            [("iso27001-certificate", True)],
            id="confirmed",
        ),
        pytest.param(
            "certificate_checks: [{certification: iso27001, checked_on: 2024-01-10, outcome: rejected, "
            + ISO_VOUCH
            + "}]",
            BadgeState.NOT_EARNED,
            None,
            BadgeState.NOT_EARNED,
            [("iso27001-certificate", False)],
            id="rejected",
        ),
        pytest.param(
            "certificate_checks: [{certification: iso27001, checked_on: 2024-06-10, outcome: confirmed, "
            + ISO_VOUCH
            + "}]",
            BadgeState.EARNED,
            Provenance.SELF_ATTESTED,
            BadgeState.NOT_EARNED,
            [("iso27001-certificate", True), (VERIFICATION_CRITERION, False)],
            id="confirmed-after-as-of",
        ),
    ],
)
def test_accepts_verified_needs_maintainers(
    checks: str,
    any_state: BadgeState,
    any_provenance: Provenance | None,
    verified_state: BadgeState,
    verified_criteria: list[tuple[str, bool]],
) -> None:
    decisions = decide("2024-02-01", checks or "memberships: []", certifications=ISO_2023)
    iso_any, iso_verified = decisions.badge("iso-any"), decisions.badge("iso-verified")
    assert iso_any is not None
    assert iso_verified is not None
    assert (iso_any.state, iso_any.provenance) == (any_state, any_provenance)
    assert iso_verified.state is verified_state
    assert [(c.kind, c.met) for c in iso_verified.criteria] == verified_criteria
    if verified_state is BadgeState.NOT_EARNED and len(verified_criteria) == 2:
        assert iso_verified.criteria[-1].shortfalls == {Shortfall.UNCONFIRMED}
        assert iso_verified.expires_on is None


def test_an_expired_self_attested_certificate_is_expired_whatever_the_badge_accepts() -> None:
    decisions = decide("2026-11-24", "memberships: []", certifications=ISO_2023)
    for badge in ("iso-any", "iso-verified"):
        decision = decisions.badge(badge)
        assert decision is not None
        assert (decision.state, decision.expired_on) == (BadgeState.EXPIRED, d("2026-11-01"))
        assert VERIFICATION_CRITERION not in [c.kind for c in decision.criteria]


def test_decide_badge_directly() -> None:
    partner = Partner.model_validate_json(
        json.dumps(
            {
                "id": "tiny-corp",
                "name": "Tiny Corp",
                "website": "https://tiny.example.com",
                "security_contact": {"email": "security@tiny.example.com"},
                "editors": ["tiny-dev"],
                "certifications": from_yaml(ISO_2023),
            }
        )
    )

    class NoHoldings:
        def holding(self, badge_id: str, app_id: str | None) -> Holding:
            raise AssertionError(badge_id)

        def badge_name(self, badge_id: str) -> str:
            raise AssertionError(badge_id)

    subject = Subject(partner, None, None, (), NoHoldings())
    decision = decide_badge(POLICY.badge("iso-any"), subject, POLICY, d("2026-10-02"))
    assert (decision.badge, decision.partner, decision.app) == ("iso-any", "tiny-corp", None)
    assert (decision.state, decision.expires_on, decision.days_left) == (BadgeState.EXPIRING, d("2026-11-01"), 30)


# Badges built on badges ----------------------------------------------------------------------------------------

ASSESSED_AND_CERTIFIED = (
    "caiq_lite: [{grade: green, assessed_on: 2024-01-15}]\n"
    "certificate_checks: [{certification: iso27001, checked_on: 2023-11-20, outcome: confirmed, " + ISO_VOUCH + "}]\n"
)


def test_a_badge_built_on_badges_expires_with_the_first_of_them() -> None:
    # Assessed lapses 2026-01-15, the certificate on 2026-11-01.
    decision = decide("2025-06-01", ASSESSED_AND_CERTIFIED, certifications=ISO_2023).badge("assessed-and-certified")
    assert decision is not None
    assert (decision.state, decision.expires_on, decision.days_left) == (BadgeState.EARNED, d("2026-01-15"), 228)
    later = decide("2026-06-01", ASSESSED_AND_CERTIFIED, certifications=ISO_2023).badge("assessed-and-certified")
    assert later is not None
    assert (later.state, later.expired_on) == (BadgeState.EXPIRED, d("2026-01-15"))


def test_a_badge_built_on_badges_keeps_its_expiry_date() -> None:
    decision = decide("2026-11-24", ASSESSED_AND_CERTIFIED, certifications=ISO_2023).badge("assessed-and-certified")
    assert decision is not None
    assert (decision.state, decision.expired_on) == (BadgeState.EXPIRED, d("2026-01-15"))


# Tiers ---------------------------------------------------------------------------------------------------------


def demo_policy() -> Policy:
    located, problems = load_record(REPO / "data" / "program" / "policy.yaml", Policy)
    assert located is not None, problems
    return located.record


@pytest.fixture(scope="module", params=["small-policy", "demo-policy"])
def policy(request: pytest.FixtureRequest) -> Policy:
    """Both policies require, for Silver, a CAIQ-Lite assessment within 730 days and give 60 days of grace."""
    return POLICY if request.param == "small-policy" else demo_policy()


SILVER_SINCE_2022 = """
tiers: [{tier: silver, since: 2022-01-01}]
caiq_lite: [{grade: red, assessed_on: 2024-01-15}]
"""


@pytest.mark.parametrize(
    ("as_of", "standing", "review_by"),
    [
        # The assessment (2024-01-15 + 730 = 2026-01-14) lapses on 2026-01-15; 60 days of grace end 2026-03-15.
        pytest.param("2026-01-14", TierStanding.GOOD, None, id="last-good-day"),
        pytest.param("2026-01-15", TierStanding.AT_RISK, "2026-03-15", id="lapse-day"),
        pytest.param("2026-03-15", TierStanding.AT_RISK, "2026-03-15", id="last-grace-day"),
        pytest.param("2026-03-16", TierStanding.SUSPENDED, None, id="suspended"),
        pytest.param("2027-01-01", TierStanding.SUSPENDED, None, id="long-suspended"),
    ],
)
def test_tier_standing_at_the_grace_boundary(
    policy: Policy, as_of: str, standing: TierStanding, review_by: str | None
) -> None:
    tier = decide(as_of, SILVER_SINCE_2022, policy=policy).tier
    assert (tier.tier, tier.since, tier.standing, tier.review_by) == (
        Tier.SILVER,
        d("2022-01-01"),
        standing,
        d(review_by) if review_by else None,
    )
    assert bool(tier.missing) is (standing is not TierStanding.GOOD)


@pytest.mark.parametrize(
    ("evidence", "as_of", "standing", "granted_on"),
    [
        # Assigned 2026-02-01, after its prerequisite lapsed (2026-01-15): never granted, so no grace either.
        pytest.param(SILVER_SINCE_2022.replace("2022-01-01", "2026-02-01"), "2026-02-01", TierStanding.PENDING, None),
        pytest.param(SILVER_SINCE_2022.replace("2022-01-01", "2026-02-01"), "2027-01-01", TierStanding.PENDING, None),
        # Never met: pending from its first day (the program asks Silver to be earned).
        pytest.param("tiers: [{tier: silver, since: 2026-01-01}]", "2026-01-01", TierStanding.PENDING, None),
        # Assessed the day after the assignment: pending the day before, granted that day.
        pytest.param(
            "tiers: [{tier: silver, since: 2026-01-01}]\ncaiq_lite: [{grade: red, assessed_on: 2026-01-02}]",
            "2026-01-01",
            TierStanding.PENDING,
            None,
        ),
        pytest.param(
            "tiers: [{tier: silver, since: 2026-01-01}]\ncaiq_lite: [{grade: red, assessed_on: 2026-01-02}]",
            "2026-01-02",
            TierStanding.GOOD,
            "2026-01-02",
        ),
        # Held on the assignment day: granted that day.
        pytest.param(SILVER_SINCE_2022, "2022-01-01", TierStanding.PENDING, None),
        pytest.param(SILVER_SINCE_2022, "2024-01-15", TierStanding.GOOD, "2024-01-15"),
    ],
)
def test_a_tier_is_granted_only_once_its_prerequisites_hold(
    evidence: str, as_of: str, standing: TierStanding, granted_on: str | None
) -> None:
    tier = decide(as_of, evidence).tier
    assert (tier.standing, tier.granted_on) == (standing, d(granted_on) if granted_on else None)
    assert tier.granted is (standing is not TierStanding.PENDING)
    if standing is TierStanding.PENDING:
        assert tier.review_by is None
        assert tier.standing_since == tier.since


# The reproduction: gold since 2020-01-15, scan passed 2020-10-01, failed 2020-11-15.
GOLD_SCAN_FAILED = """
tiers: [{tier: gold, since: 2020-01-15}]
caiq_lite: [{grade: green, assessed_on: 2020-01-10}]
apps:
  tiny-app:
    vulnerability_scans:
      - {scanned_on: 2020-10-01, result: passed, scanner: S}
      - {scanned_on: 2020-11-15, result: failed, scanner: S}
"""


@pytest.mark.parametrize(
    ("as_of", "standing", "since", "review_by"),
    [
        pytest.param("2020-09-30", TierStanding.PENDING, "2020-01-15", None, id="pending-before-the-first-scan"),
        pytest.param("2020-10-01", TierStanding.GOOD, "2020-10-01", None, id="granted-on-the-first-pass"),
        pytest.param("2020-11-14", TierStanding.GOOD, "2020-10-01", None, id="day-before-failure"),
        pytest.param("2020-11-15", TierStanding.AT_RISK, "2020-11-15", "2021-01-13", id="failure-day"),
        pytest.param("2020-12-01", TierStanding.AT_RISK, "2020-11-15", "2021-01-13", id="issue-date"),
        pytest.param("2021-01-13", TierStanding.AT_RISK, "2020-11-15", "2021-01-13", id="last-grace-day"),
        pytest.param("2021-01-14", TierStanding.SUSPENDED, "2021-01-14", None, id="suspended"),
    ],
)
def test_grace_runs_from_the_day_a_prerequisite_judged_through_a_badge_stopped(
    as_of: str, standing: TierStanding, since: str, review_by: str | None
) -> None:
    tier = decide(as_of, GOLD_SCAN_FAILED).tier
    assert (tier.standing, tier.standing_since, tier.review_by) == (
        standing,
        d(since),
        d(review_by) if review_by else None,
    )


EXEMPT_SCAN = (
    "exemptions: [{badge: scan-passed, reason: Scanner outage., granted_on: 2020-11-20, expires_on: 2021-03-01}]\n"
)


@pytest.mark.parametrize("as_of", ["2020-12-01", "2021-01-13", "2021-01-14", "2021-02-01"])
def test_an_exemption_never_makes_the_standing_worse(as_of: str) -> None:
    without = decide(as_of, GOLD_SCAN_FAILED).tier
    exempt = decide(as_of, GOLD_SCAN_FAILED + EXEMPT_SCAN)
    assert exempt.badge("scan-passed", "tiny-app") is not None
    assert (exempt.tier.standing, exempt.tier.review_by) == (without.standing, without.review_by)


def test_restored_standing_starts_when_the_prerequisites_hold_again() -> None:
    evidence = GOLD_SCAN_FAILED.replace(
        "      - {scanned_on: 2020-11-15, result: failed, scanner: S}",
        "      - {scanned_on: 2020-11-15, result: failed, scanner: S}\n"
        "      - {scanned_on: 2021-02-01, result: passed, scanner: S}",
    )
    assert decide("2021-01-31", evidence).tier.standing is TierStanding.SUSPENDED
    restored = decide("2021-02-01", evidence).tier
    assert (restored.standing, restored.standing_since) == (TierStanding.GOOD, d("2021-02-01"))


def test_grace_runs_from_the_first_prerequisite_to_lapse() -> None:
    # Platinum: the grade lapses 2026-01-15, the certificate on 2026-11-01; suspended after 2026-03-15.
    evidence = ASSESSED_AND_CERTIFIED + "tiers: [{tier: platinum, since: 2024-02-01}]\n"
    at_risk = decide("2026-03-15", evidence, certifications=ISO_2023).tier
    assert (at_risk.standing, at_risk.review_by) == (TierStanding.AT_RISK, d("2026-03-15"))
    assert decide("2026-11-24", evidence, certifications=ISO_2023).tier.standing is TierStanding.SUSPENDED


GOLD_WITH_ONE_SCANNED_APP = """
tiers: [{tier: gold, since: 2022-01-01}]
caiq_lite: [{grade: green, assessed_on: 2025-06-01}]
apps:
  tiny-app:
    vulnerability_scans: [{scanned_on: 2026-01-01, result: passed, scanner: Scanalot 5}]
"""


def test_gold_holds_while_an_app_holds_its_scan_badge() -> None:
    tier = decide("2026-04-01", GOLD_WITH_ONE_SCANNED_APP).tier
    assert (tier.tier, tier.standing) == (Tier.GOLD, TierStanding.GOOD)


@pytest.mark.parametrize("as_of", ["2026-04-02", "2026-05-31"])
def test_gold_is_at_risk_when_its_last_scanned_app_lapses(as_of: str) -> None:
    tier = decide(as_of, GOLD_WITH_ONE_SCANNED_APP).tier
    assert (tier.standing, tier.review_by) == (TierStanding.AT_RISK, d("2026-05-31"))


def test_gold_is_at_risk_after_a_grade_downgrade() -> None:
    evidence = GOLD_WITH_ONE_SCANNED_APP.replace(
        "caiq_lite: [{grade: green, assessed_on: 2025-06-01}]",
        "caiq_lite: [{grade: green, assessed_on: 2025-06-01}, {grade: red, assessed_on: 2026-06-01}]",
    ).replace("2026-01-01, result", "2026-05-20, result")
    tier = decide("2026-06-02", evidence).tier
    assert (tier.standing, tier.review_by) == (TierStanding.AT_RISK, d("2026-07-30"))


@pytest.mark.parametrize(
    ("tiers", "as_of", "tier", "next_tier"),
    [
        pytest.param("[]", "2026-01-01", None, Tier.SILVER, id="none-assigned"),
        pytest.param("[{tier: silver, since: 2024-01-01}]", "2026-01-01", Tier.SILVER, Tier.GOLD, id="silver"),
        # Gold never held (no app scanned): pending, and what it lacks is Gold's own prerequisites.
        pytest.param("[{tier: gold, since: 2024-01-01}]", "2026-01-01", Tier.GOLD, Tier.GOLD, id="gold-pending"),
        pytest.param(
            "[{tier: platinum, since: 2024-01-01}]", "2026-01-01", Tier.PLATINUM, Tier.PLATINUM, id="top-pending"
        ),
        pytest.param(
            "[{tier: silver, since: 2024-01-01}, {tier: gold, since: 2026-01-02}]",
            "2026-01-01",
            Tier.SILVER,
            Tier.GOLD,
            id="promotion-tomorrow",
        ),
        pytest.param(
            "[{tier: silver, since: 2024-01-01}, {tier: gold, since: 2026-01-02}]",
            "2026-01-02",
            Tier.GOLD,
            Tier.GOLD,
            id="promotion-day-pending",
        ),
        pytest.param("[{tier: silver, since: 2026-01-02}]", "2026-01-01", None, Tier.SILVER, id="first-tier-tomorrow"),
    ],
)
def test_assigned_and_next_tier(tiers: str, as_of: str, tier: Tier | None, next_tier: Tier | None) -> None:
    decisions = decide(as_of, f"tiers: {tiers}\ncaiq_lite: [{{grade: green, assessed_on: 2025-06-01}}]")
    assert decisions.tier.tier is tier
    if next_tier is None:
        assert decisions.next_tier is None
    else:
        assert decisions.next_tier is not None
        assert decisions.next_tier.tier is next_tier
        assert (decisions.next_tier.since, decisions.next_tier.standing) == (None, None)
        expected = POLICY.tier(next_tier)
        assert expected is not None
        assert [c.rule for c in decisions.next_tier.criteria] == list(expected.criteria)


def test_next_tier_prerequisites_are_judged_as_of_the_date() -> None:
    decisions = decide("2026-01-01", "tiers: [{tier: silver, since: 2024-01-01}]\n" + GRADED_AND_SCANNED)
    assert decisions.next_tier is not None
    # Gold: orange or better within 730 days (the 2024-01-15 grade is good through 2026-01-14), an app scanned.
    assert [c.met for c in decisions.next_tier.criteria] == [True, True]
    later = decide("2026-01-15", "tiers: [{tier: silver, since: 2024-01-01}]\n" + GRADED_AND_SCANNED)
    assert later.next_tier is not None
    assert [c.met for c in later.next_tier.criteria] == [False, True]


def test_a_tier_the_policy_does_not_define_is_in_good_standing_and_skipped() -> None:
    without_gold = POLICY.model_copy(update={"tiers": tuple(t for t in POLICY.tiers if t.id is not Tier.GOLD)})
    gold = decide("2026-01-01", "tiers: [{tier: gold, since: 2024-01-01}]", policy=without_gold)
    assert (gold.tier.tier, gold.tier.standing, gold.tier.criteria) == (Tier.GOLD, TierStanding.GOOD, ())
    silver = decide(
        "2026-01-01",
        "tiers: [{tier: silver, since: 2024-01-01}]\ncaiq_lite: [{grade: red, assessed_on: 2023-12-01}]",
        policy=without_gold,
    )
    assert silver.next_tier is not None
    assert silver.next_tier.tier is Tier.PLATINUM


# The partner's grade and a partner with no evidence ------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "grade", "assessed_on"),
    [
        pytest.param("2021-01-01", None, None, id="before-any"),
        pytest.param("2021-02-10", "red", "2021-02-10", id="first"),
        pytest.param("2022-09-13", "red", "2021-02-10", id="day-before-second"),
        pytest.param("2022-09-14", "orange", "2022-09-14", id="second"),
        pytest.param("2030-01-01", "green", "2024-12-10", id="old-grade-still-shown"),
    ],
)
def test_partner_grade_is_the_latest_on_or_before_the_date(
    as_of: str, grade: str | None, assessed_on: str | None
) -> None:
    evidence = """
    caiq_lite:
      - {grade: green, assessed_on: 2024-12-10}
      - {grade: red, assessed_on: 2021-02-10}
      - {grade: orange, assessed_on: 2022-09-14}
    """
    decisions = decide(as_of, evidence)
    assert (decisions.grade, decisions.grade_assessed_on) == (grade, d(assessed_on) if assessed_on else None)


def test_a_partner_with_no_evidence_holds_nothing() -> None:
    decisions = decide("2026-11-24", apps=("app-a", "app-b"))
    assert decisions.tier.tier is None
    assert decisions.next_tier is not None
    assert decisions.next_tier.tier is Tier.SILVER
    assert [b.badge for b in decisions.badges] == [b.id for b in POLICY.badges if b.level == "partner"]
    assert list(decisions.apps) == ["app-a", "app-b"]
    states = {d.state for d in decisions.badges} | {d.state for ds in decisions.apps.values() for d in ds}
    assert states == {BadgeState.NOT_EARNED, BadgeState.RETIRED}
