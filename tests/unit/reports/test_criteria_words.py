"""Receipt sentences, written from the engine's typed results: the same words for pages, reports and the API.

Pages write dates long and state ids as words; readiness, validate and the API write ISO dates and ids.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest

from generator.checks.catalog import load_catalog
from generator.load.catalog import Catalog
from generator.policy.engine import Evaluation, evaluate
from generator.policy.outcomes import BadgeState, Criterion, Holding, MaintainerConfirmation, Shortfall
from generator.policy.rule_kinds.app_badge_held import AppHoldersObserved
from generator.policy.rule_kinds.badges_held import BadgesHeldObserved
from generator.policy.rule_kinds.caiq_lite_grade import GradeObserved
from generator.records.policy import AppBadgeHeld, BadgesHeld, CaiqLiteGrade, Policy, ProgramMember
from generator.records.vocabulary import Grade
from generator.reports import criteria_words
from generator.reports.criteria_words import days, plain_wording, requirement
from generator.views.decisions import criterion_view, receipt_views
from generator.views.words import reader_wording

REPO = Path(__file__).resolve().parents[3]
AS_OF = dt.date(2027, 6, 1)
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    loaded, _ = load_catalog(REPO / "data", AS_OF)
    return loaded


@pytest.fixture(scope="module")
def policy(catalog: Catalog) -> Policy:
    assert catalog.policy is not None
    return catalog.policy.record


@pytest.fixture(scope="module")
def evaluation(catalog: Catalog, policy: Policy) -> Evaluation:
    return evaluate(catalog, policy, AS_OF)


GRADE_RULE = CaiqLiteGrade(rule="caiq-lite-grade", min_grade=Grade.ORANGE, max_age_days=730)
STALE_GRADE = Criterion(
    GRADE_RULE,
    frozenset({Shortfall.TOO_OLD}),
    GradeObserved(Grade.GREEN, dt.date(2024, 12, 10)),
    lapsed_on=dt.date(2026, 12, 11),
)


def test_days_are_counted_in_words() -> None:
    assert [days(1), days(2), days(1095)] == ["1 day", "2 days", "1,095 days"]


def test_every_requirement_of_the_demo_policy_has_words(policy: Policy) -> None:
    words = plain_wording(policy)
    rules = [rule for badge in policy.badges for rule in badge.criteria]
    rules += [rule for tier in policy.tiers for rule in tier.criteria]
    texts = [requirement(rule, words) for rule in rules]
    assert all(texts)
    assert len(set(texts)) > 10
    assert requirement(MaintainerConfirmation(), words) == "Evidence confirmed by maintainers"


def test_reports_write_iso_dates_and_pages_long_dates(policy: Policy) -> None:
    assert criteria_words.observed(STALE_GRADE, plain_wording(policy)) == (
        "graded green (Well Developed) on 2024-12-10, older than 730 days"
    )
    assert criteria_words.observed(STALE_GRADE, reader_wording(policy)) == (
        "graded green (Well Developed) on 10 December 2024, older than 730 days"
    )


def test_a_badge_not_held_is_explained_in_reports_and_left_to_its_own_receipt_on_pages(policy: Policy) -> None:
    holding = Holding(False, lapsed_on=None, state=BadgeState.NOT_EARNED, unmet=(STALE_GRADE,))
    expired = Holding(False, lapsed_on=dt.date(2026, 12, 11), state=BadgeState.EXPIRED, unmet=(STALE_GRADE,))
    badges = ("caiq-lite-assessed", "iso27001")
    criterion = Criterion(
        BadgesHeld(rule="badges-held", all_of=badges),
        frozenset({Shortfall.NOT_HELD}),
        BadgesHeldObserved(((badges[0], holding), (badges[1], expired))),
    )
    reason = "CAIQ-Lite grade orange (Somewhat Developed) or better, assessed within 730 days: graded green"
    assert criteria_words.observed(criterion, plain_wording(policy)) == (
        f"'CAIQ-Lite assessed' is not-earned ({reason} (Well Developed) on 2024-12-10, older than 730 days); "
        f"'ISO/IEC 27001' expired on 2026-12-11 ({reason} (Well Developed) on 2024-12-10, older than 730 days)"
    )
    # A page shows the missing badge's receipt beside this one: one short sentence each.
    assert criteria_words.observed(criterion, reader_wording(policy)) == (
        "'CAIQ-Lite assessed' is not earned; 'ISO/IEC 27001' expired on 11 December 2026"
    )


def test_receipts_name_apps_and_programs_as_people_know_them(policy: Policy) -> None:
    criterion = Criterion(
        AppBadgeHeld(rule="app-badge-held", badge="vulnerability-scan-passed"),
        frozenset(),
        AppHoldersObserved(("acme-sync", "acme-backup")),
    )
    names = {"acme-sync": "Acme Sync", "acme-backup": "Acme Backup Vault"}
    assert criteria_words.observed(criterion, plain_wording(policy, names)) == "held by Acme Sync, Acme Backup Vault"
    assert criteria_words.observed(criterion, reader_wording(policy, names)) == "held by Acme Sync, Acme Backup Vault"
    member = ProgramMember(rule="program-member", program="top-vendor")
    assert requirement(member, plain_wording(policy)) == "Member of the Top Vendor program"


def test_a_badge_never_judged_says_so(policy: Policy) -> None:
    criterion = Criterion(
        BadgesHeld(rule="badges-held", all_of=("caiq-lite-assessed",)),
        frozenset({Shortfall.NOT_HELD}),
        BadgesHeldObserved((("caiq-lite-assessed", Holding(False)),)),
    )
    assert criteria_words.observed(criterion, plain_wording(policy)) == "'CAIQ-Lite assessed' is not judged"


def test_stale_evidence_is_too_old_not_missing(policy: Policy) -> None:
    view = criterion_view(STALE_GRADE, reader_wording(policy))
    assert (view.met, view.status) == (False, "Too old")
    assert STALE_GRADE.shortfalls == {Shortfall.TOO_OLD}


@pytest.mark.parametrize(
    ("shortfalls", "status"),
    [
        ({Shortfall.MISSING}, "Missing"),
        ({Shortfall.TOO_OLD}, "Too old"),
        ({Shortfall.BELOW_THRESHOLD}, "Below threshold"),
        ({Shortfall.BELOW_THRESHOLD, Shortfall.TOO_OLD}, "Below threshold"),
        ({Shortfall.EXPIRED}, "Expired"),
        ({Shortfall.REVOKED, Shortfall.TOO_OLD}, "Revoked"),
        ({Shortfall.NOT_YET}, "Not yet"),
        (frozenset(), "Met"),
    ],
)
def test_each_shortfall_has_its_own_status(shortfalls: frozenset[Shortfall], status: str) -> None:
    assert criteria_words.status(Criterion(GRADE_RULE, frozenset(shortfalls))) == status


def test_a_stale_receipt_says_how_old_and_the_limit(policy: Policy) -> None:
    judged = dataclasses.replace(STALE_GRADE, judged_on=dt.date(2026, 12, 21))
    assert criteria_words.observed(judged, plain_wording(policy)).endswith(
        "on 2024-12-10, 741 days ago, older than 730 days"
    )


def test_an_observation_of_another_kind_is_an_internal_error(policy: Policy) -> None:
    wrong = Criterion(GRADE_RULE, frozenset({Shortfall.NOT_HELD}), BadgesHeldObserved(()))
    with pytest.raises(TypeError, match="caiq-lite-grade criterion observed"):
        criteria_words.observed(wrong, plain_wording(policy))


def test_pages_and_the_api_write_the_same_receipt_but_for_dates_and_states(
    catalog: Catalog, policy: Policy, evaluation: Evaluation
) -> None:
    plain, readers = plain_wording(policy), reader_wording(policy)
    receipts = [
        c
        for decisions in evaluation.partners.values()
        for decision in (*decisions.badges, *(d for app in decisions.apps.values() for d in app))
        for c in decision.criteria
    ]
    assert any(Shortfall.NOT_HELD in c.shortfalls for c in receipts)
    for criterion in receipts:
        page, api = criteria_words.observed(criterion, readers), criteria_words.observed(criterion, plain)
        assert "not-earned" not in page
        differs = bool(ISO_DATE.search(api)) or "not-earned" in api
        assert (page != api) is differs, api


def test_a_receipt_shows_each_piece_of_evidence_in_full_once(evaluation: Evaluation, policy: Policy) -> None:
    # A bug bounty's researchers and its SLA are judged on one metrics report: the second names it, "as above".
    words = reader_wording(policy)
    repeated = 0
    for partner in evaluation.partners.values():
        for decision in (*partner.badges, *(d for app in partner.apps.values() for d in app)):
            full = [criterion_view(c, words) for c in decision.criteria]
            shown = receipt_views(decision.criteria, words)
            for above, view, receipt in zip([None, *full], full, shown, strict=False):
                if above is not None and view.evidence and view.evidence == above.evidence:
                    repeated += 1
                    assert [(e.label, e.date, e.detail, e.as_above) for e in receipt.evidence] == [
                        (e.label, e.date, "", "as above") for e in view.evidence
                    ]
                else:
                    assert receipt == view
    assert repeated > 5
