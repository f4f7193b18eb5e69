"""Each rule kind's requirement in words, with its exact thresholds: the same text on every page and report."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from generator.records.policy import (
    AppBadgeHeld,
    BadgesHeld,
    BugBountyResearchers,
    BugBountySla,
    BugBountyTenure,
    CaiqLiteGrade,
    Iso27001Certificate,
    ProgramMember,
    Rule,
    Soc2Report,
    VulnerabilityScanRule,
)


def days(count: int) -> str:
    """'1 day', '1,095 days'."""
    return "1 day" if count == 1 else f"{count:,} days"


NameOf = Callable[[str], str]


def _describe_tenure(rule: BugBountyTenure, name_of: NameOf) -> str:
    return f"In a bug bounty program for at least {days(rule.min_days)}"


def _describe_researchers(rule: BugBountyResearchers, name_of: NameOf) -> str:
    return f"At least {rule.min_researchers} researchers engaged, measured within {days(rule.max_age_days)}"


def _describe_sla(rule: BugBountySla, name_of: NameOf) -> str:
    floor = rule.min_percent
    return (
        f"SLA compliance at least critical {floor.critical:g}%, high {floor.high:g}%, medium {floor.medium:g}%, "
        f"low {floor.low:g}%, measured within {days(rule.max_age_days)}"
    )


def _describe_grade(rule: CaiqLiteGrade, name_of: NameOf) -> str:
    return (
        f"CAIQ-Lite grade {rule.min_grade} ({rule.min_grade.label}) or better, "
        f"assessed within {days(rule.max_age_days)}"
    )


def _describe_scan(rule: VulnerabilityScanRule, name_of: NameOf) -> str:
    return f"Latest vulnerability scan passed, within {days(rule.max_age_days)}"


def _describe_soc2(rule: Soc2Report, name_of: NameOf) -> str:
    return f"SOC 2 {rule.type} report whose period ended within {days(rule.max_age_days)}"


def _describe_iso(rule: Iso27001Certificate, name_of: NameOf) -> str:
    return "ISO/IEC 27001 certificate issued and not expired"


def _describe_badges_held(rule: BadgesHeld, name_of: NameOf) -> str:
    return "Holds " + " and ".join(f"'{name_of(badge)}'" for badge in rule.all_of)


def _describe_app_badge(rule: AppBadgeHeld, name_of: NameOf) -> str:
    apps = "1 app" if rule.min_apps == 1 else f"{rule.min_apps} apps"
    return f"At least {apps} holding '{name_of(rule.badge)}'"


def _describe_member(rule: ProgramMember, name_of: NameOf) -> str:
    return f"Member of the {rule.program} program"


DESCRIPTIONS: Mapping[str, Callable[[Any, NameOf], str]] = {
    "bug-bounty-tenure": _describe_tenure,
    "bug-bounty-researchers": _describe_researchers,
    "bug-bounty-sla": _describe_sla,
    "caiq-lite-grade": _describe_grade,
    "vulnerability-scan": _describe_scan,
    "soc2-report": _describe_soc2,
    "iso27001-certificate": _describe_iso,
    "badges-held": _describe_badges_held,
    "app-badge-held": _describe_app_badge,
    "program-member": _describe_member,
}


def describe(rule: Rule, name_of: NameOf) -> str:
    """A criterion's requirement in words, with its exact thresholds."""
    return DESCRIPTIONS[rule.rule](rule, name_of)
