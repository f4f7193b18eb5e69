"""The policy engine: every badge and tier of every partner and app, judged as of a date, with receipts.

`evaluate` is a pure function of the catalogue, the policy and the date: no clock, no files, no
randomness. Badges are judged in policy order, so a badge built on others (badges-held, app-badge-held)
sees their decisions; the policy checks guarantee it only refers to badges defined before it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from generator.load.catalog import Catalog
from generator.policy.badge_decision import BadgeDecision as BadgeDecision
from generator.policy.badge_decision import decide_badge as decide_badge
from generator.policy.outcomes import VERIFICATION_CRITERION as VERIFICATION_CRITERION
from generator.policy.outcomes import BadgeState as BadgeState
from generator.policy.partner_judge import PartnerDecisions as PartnerDecisions
from generator.policy.partner_judge import PartnerJudge as PartnerJudge
from generator.policy.tiers import TierDecision as TierDecision
from generator.policy.tiers import TierStanding as TierStanding
from generator.records.evidence import Verification
from generator.records.partner import App, Partner
from generator.records.policy import Policy
from generator.records.shared_values import compact_pickle


@compact_pickle
@dataclass(frozen=True, slots=True)
class Evaluation:
    """The decisions for every partner, as of one date."""

    as_of: dt.date
    partners: Mapping[str, PartnerDecisions]


def evaluate(catalog: Catalog, policy: Policy, as_of: dt.date) -> Evaluation:
    """Judge every badge and tier of every partner and app as of `as_of`."""
    partners = {}
    for partner_id, located in catalog.partners.items():
        verification = catalog.verifications.get(partner_id)
        judge_days = PartnerJudge(
            located.record, catalog.apps_of(partner_id), verification.record if verification else None, policy
        )
        partners[partner_id] = judge_days.decisions(as_of)
    return Evaluation(as_of, partners)


def evaluate_partner(
    partner: Partner, apps: list[App], verification: Verification | None, policy: Policy, as_of: dt.date
) -> PartnerDecisions:
    """Judge one partner and its apps as of a date."""
    return PartnerJudge(partner, apps, verification, policy).decisions(as_of)
