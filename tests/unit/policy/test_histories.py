"""What the engine derives from change days agrees with judging every single day.

A badge's standing (read by rules built on another subject's badge) is the decision of its last change day; a
tier's standing is derived once from its prerequisites' change days. Both are checked here against exact
judgement on every day of a range, on the demo data and on generated records.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.checks.catalog import load_catalog
from generator.load.catalog import Catalog
from generator.policy.badge_decision import holding_of
from generator.policy.engine import PartnerJudge
from generator.policy.rule_kind import ONE_DAY, latest
from generator.policy.tiers import TierDecision, TierStanding
from tests.unit.policy.test_rule_kinds import generated_catalog, policy_of

REPO = Path(__file__).resolve().parents[3]
START, END = dt.date(2025, 6, 1), dt.date(2027, 6, 1)


def _judges(catalog: Catalog) -> list[PartnerJudge]:
    policy = policy_of(catalog)
    judges = []
    for partner_id, located in catalog.partners.items():
        verification = catalog.verifications.get(partner_id)
        apps = catalog.apps_of(partner_id)
        judges.append(PartnerJudge(located.record, apps, verification.record if verification else None, policy))
    return judges


def _days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]


def _tier_judged_day_by_day(judge: PartnerJudge, as_of: dt.date) -> TierDecision:
    """The tier's standing judged the plain way: its prerequisites judged exactly on every change day."""
    entries = judge.verification.tiers if judge.verification else ()
    assigned = latest(entries, lambda t: t.since, as_of)
    tier_policy = judge.policy.tier(assigned.tier) if assigned else None
    if assigned is None or tier_policy is None:
        return judge.tier(as_of)
    changes = (day for day in judge.change_days() if assigned.since < day <= as_of)
    days = sorted({assigned.since, as_of, *changes})
    held = [all(c.met for c in judge.tier_criteria(tier_policy, day)) for day in days]
    base = TierDecision(assigned.tier, assigned.since, criteria=judge.tier_criteria(tier_policy, as_of))
    if not any(held):
        return TierDecision(base.tier, base.since, TierStanding.PENDING, base.criteria, standing_since=base.since)
    granted_on = days[held.index(True)]
    spell = len(held) - 1
    while spell > 0 and held[spell - 1] == held[-1]:
        spell -= 1
    if held[-1]:
        since = max(days[spell], granted_on)
        return TierDecision(
            base.tier, base.since, TierStanding.GOOD, base.criteria, granted_on=granted_on, standing_since=since
        )
    review_by = days[spell] + dt.timedelta(days=judge.policy.tier_grace_days) - ONE_DAY
    if as_of <= review_by:
        return TierDecision(
            base.tier,
            base.since,
            TierStanding.AT_RISK,
            base.criteria,
            review_by=review_by,
            granted_on=granted_on,
            standing_since=days[spell],
        )
    return TierDecision(
        base.tier,
        base.since,
        TierStanding.SUSPENDED,
        base.criteria,
        granted_on=granted_on,
        standing_since=review_by + ONE_DAY,
    )


@pytest.fixture(scope="module")
def demo() -> Catalog:
    catalog, _ = load_catalog(REPO / "data", dt.date(2026, 11, 24))
    return catalog


@pytest.fixture(scope="module")
def generated(demo: Catalog) -> Catalog:
    return generated_catalog(demo, seed=11, partners=8)


@pytest.mark.parametrize("which", ["demo", "generated"])
def test_a_badge_standing_holds_like_the_decision_of_that_very_day(
    which: str, demo: Catalog, generated: Catalog
) -> None:
    catalog = demo if which == "demo" else generated
    checked = 0
    for judge in _judges(catalog):
        for history in judge.histories.values():
            for day in _days(START, END)[::3]:
                standing, exact = holding_of(history.standing(day)), holding_of(history.on(day))
                assert (standing.held, standing.last_day, standing.lapsed_on, standing.provenance) == (
                    exact.held,
                    exact.last_day,
                    exact.lapsed_on,
                    exact.provenance,
                )
                checked += standing.held
    assert checked > 100


@pytest.mark.parametrize("which", ["demo", "generated"])
def test_the_derived_tier_standing_is_the_one_judged_day_by_day(which: str, demo: Catalog, generated: Catalog) -> None:
    catalog = demo if which == "demo" else generated
    standings = set()
    for judge in _judges(catalog):
        for day in _days(START, END)[::2]:
            derived = judge.tier(day)
            assert derived == _tier_judged_day_by_day(judge, day)
            standings.add(derived.standing)
    assert standings >= {TierStanding.GOOD, TierStanding.PENDING}
