"""Every rule kind the policy can name, one module each, and judging a criterion through them.

Adding a rule kind is adding its parameter model to `generator.records.policy` (and to its `Rule` union), one
module here declaring its `KIND`, listed below, and its sentences in `generator.reports.criteria_words`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from generator.policy.outcomes import Criterion
from generator.policy.rule_kind import AnyRuleKind, Subject
from generator.policy.rule_kinds import (
    app_badge_held,
    badges_held,
    bug_bounty_researchers,
    bug_bounty_sla,
    bug_bounty_tenure,
    caiq_lite_grade,
    iso27001_certificate,
    program_member,
    soc2_report,
    vulnerability_scan,
)
from generator.records.policy import Rule

RULE_KINDS: Mapping[str, AnyRuleKind] = {
    kind.name: kind
    for kind in (
        bug_bounty_tenure.KIND,
        bug_bounty_researchers.KIND,
        bug_bounty_sla.KIND,
        caiq_lite_grade.KIND,
        vulnerability_scan.KIND,
        soc2_report.KIND,
        iso27001_certificate.KIND,
        badges_held.KIND,
        app_badge_held.KIND,
        program_member.KIND,
    )
}


def judge(rule: Rule, subject: Subject, as_of: dt.date) -> Criterion:
    """Judge one criterion of the policy for one subject, as of a date."""
    return RULE_KINDS[rule.rule].evaluate(rule, subject, as_of).judged(as_of)


def change_dates(rule: Rule, subject: Subject) -> set[dt.date]:
    """Every day on which the criterion's outcome can change for the subject."""
    return set(RULE_KINDS[rule.rule].change_dates(rule, subject))
