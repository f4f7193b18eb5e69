"""Every sentence of a receipt, written from the engine's typed results: requirements, observations, evidence.

The one home of these words: pages (through `generator.views.decisions`), readiness, validate's tier warnings
and the JSON API all write criteria through here. It sits in reports/ rather than views/ because reports come
before views in the pipeline and need the same sentences. A `Wording` says how dates and badge states read:
ISO dates and state ids for reports and the API, long dates and words on pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar, assert_never

from generator.policy.outcomes import (
    BadgeState,
    Criterion,
    Evidence,
    Holding,
    MaintainerConfirmation,
    Observation,
    Shortfall,
)
from generator.policy.rule_kinds.app_badge_held import AppHoldersObserved
from generator.policy.rule_kinds.badges_held import BadgesHeldObserved
from generator.policy.rule_kinds.bug_bounty_researchers import ResearchersObserved
from generator.policy.rule_kinds.bug_bounty_sla import SlaObserved
from generator.policy.rule_kinds.bug_bounty_tenure import TenureObserved
from generator.policy.rule_kinds.caiq_lite_grade import GradeObserved
from generator.policy.rule_kinds.iso27001_certificate import Iso27001Observed
from generator.policy.rule_kinds.program_member import MembershipObserved
from generator.policy.rule_kinds.soc2_report import Soc2Observed
from generator.policy.rule_kinds.vulnerability_scan import ScanObserved
from generator.records.evidence import BugBountyMetrics, CaiqLiteAssessment, Membership
from generator.records.evidence import VulnerabilityScan as ScanRecord
from generator.records.partner import BugBountyProgram, Iso27001Claim, Soc2Claim
from generator.records.policy import (
    AppBadgeHeld,
    BadgesHeld,
    BugBountyResearchers,
    BugBountySla,
    BugBountyTenure,
    CaiqLiteGrade,
    Iso27001Certificate,
    Policy,
    ProgramMember,
    Rule,
    Soc2Report,
    VulnerabilityScanRule,
)
from generator.records.vocabulary import CheckOutcome

Found = TypeVar("Found", bound=Observation)


@dataclass(frozen=True)
class Wording:
    """How receipts write badge names, dates and badge states."""

    badge_name: Callable[[str], str]
    date: Callable[[dt.date], str] = dt.date.isoformat
    state: Callable[[BadgeState], str] = str
    # An app's name from its id (the id itself when the name is not known).
    app_name: Callable[[str], str] = str
    # Whether a badge built on badges says why each missing one is not held. Reports do (a partner reads them
    # alone); pages do not, since the missing badge's own receipt is on the same page.
    nested_reasons: bool = True


def plain_wording(policy: Policy, app_names: Mapping[str, str] | None = None) -> Wording:
    """Reports and the API: ISO dates and state ids; apps by name when `app_names` (id → name) is given."""
    names = dict(app_names or {})
    return Wording(lambda badge: policy.badge(badge).name, app_name=lambda app: names.get(app, app))


def days(count: int) -> str:
    """'1 day', '1,095 days'."""
    return "1 day" if count == 1 else f"{count:,} days"


# Requirements ---------------------------------------------------------------------------------------------------


def requirement(rule: Rule | MaintainerConfirmation, words: Wording) -> str:
    """A criterion's requirement in words, with its exact thresholds."""
    match rule:
        case BugBountyTenure():
            return f"In a bug bounty program for at least {days(rule.min_days)}"
        case BugBountyResearchers():
            return f"At least {rule.min_researchers} researchers engaged, measured within {days(rule.max_age_days)}"
        case BugBountySla():
            floor = rule.min_percent
            return (
                f"SLA compliance at least critical {floor.critical:g}%, high {floor.high:g}%, "
                f"medium {floor.medium:g}%, low {floor.low:g}%, measured within {days(rule.max_age_days)}"
            )
        case CaiqLiteGrade():
            return (
                f"CAIQ-Lite grade {rule.min_grade} ({rule.min_grade.label}) or better, "
                f"assessed within {days(rule.max_age_days)}"
            )
        case VulnerabilityScanRule():
            return f"Latest vulnerability scan passed, within {days(rule.max_age_days)}"
        case Soc2Report():
            return f"SOC 2 {rule.type} report whose period ended within {days(rule.max_age_days)}"
        case Iso27001Certificate():
            return "ISO/IEC 27001 certificate issued and not expired"
        case BadgesHeld():
            return "Holds " + " and ".join(f"'{words.badge_name(badge)}'" for badge in rule.all_of)
        case AppBadgeHeld():
            apps = "1 app" if rule.min_apps == 1 else f"{rule.min_apps} apps"
            return f"At least {apps} holding '{words.badge_name(rule.badge)}'"
        case ProgramMember():
            return f"Member of the {program_name(rule.program)} program"
        case MaintainerConfirmation():
            return "Evidence confirmed by maintainers"
        case _:
            assert_never(rule)


# What was found -------------------------------------------------------------------------------------------------


def program_name(program: str) -> str:
    """A program's id as its name reads: 'top-vendor' → 'Top Vendor'."""
    return program.replace("-", " ").title()


def renewal(rule: Rule | MaintainerConfirmation) -> str | None:
    """What keeps a met criterion met past the day its evidence lapses ('pass a new vulnerability scan');
    None for criteria built on other badges, which follow those badges."""
    match rule:
        case BugBountyTenure():
            return "extend the bug bounty program past its end date"
        case BugBountyResearchers() | BugBountySla():
            return "report new bug bounty metrics"
        case CaiqLiteGrade():
            return "submit a new CAIQ-Lite self-assessment"
        case VulnerabilityScanRule():
            return "pass a new vulnerability scan"
        case Soc2Report():
            return f"submit a SOC 2 {rule.type} report for a later period"
        case Iso27001Certificate():
            return "renew the ISO/IEC 27001 certificate"
        case ProgramMember():
            return f"renew the {program_name(rule.program)} membership"
        case BadgesHeld() | AppBadgeHeld() | MaintainerConfirmation():
            return None
        case _:
            assert_never(rule)


def _as(kind: type[Found], criterion: Criterion) -> Found:
    observed = criterion.observed
    if not isinstance(observed, kind):
        msg = f"a {criterion.kind} criterion observed {observed!r}, not a {kind.__name__}"
        raise TypeError(msg)
    return observed


def _too_old(criterion: Criterion, max_age_days: int, dated: dt.date, separator: str = ", ") -> str:
    """', measured 214 days ago, older than 180' when the evidence grew too old; '' otherwise."""
    if Shortfall.TOO_OLD not in criterion.shortfalls:
        return ""
    age = f"{days((criterion.judged_on - dated).days)} ago, " if criterion.judged_on else ""
    return f"{separator}{age}older than {days(max_age_days)}"


# What a criterion's status says, by its first shortfall in this order: the reason that decides first.
STATUS_WORDS = {
    Shortfall.REVOKED: "Revoked",
    Shortfall.MISSING: "Missing",
    Shortfall.WRONG_TYPE: "Wrong type",
    Shortfall.REJECTED: "Rejected",
    Shortfall.FAILED: "Failed",
    Shortfall.EXPIRED: "Expired",
    Shortfall.ENDED: "Ended",
    Shortfall.BELOW_THRESHOLD: "Below threshold",
    Shortfall.TOO_OLD: "Too old",
    Shortfall.NOT_YET: "Not yet",
    Shortfall.NOT_HELD: "Not held",
    Shortfall.UNCONFIRMED: "Not verified",
}


def status(criterion: Criterion) -> str:
    """'Met', or why not: 'Too old', 'Below threshold', 'Missing', 'Revoked', …"""
    for shortfall, words in STATUS_WORDS.items():
        if shortfall in criterion.shortfalls:
            return words
    return "Met"


def percent(value: float | None) -> str:
    """'95%', or 'no reports' for a priority under which none came in."""
    return "no reports" if value is None else f"{value:g}%"


def observed(criterion: Criterion, words: Wording) -> str:
    """What was found for a criterion, in words."""
    rule, date = criterion.rule, words.date
    missing = Shortfall.MISSING in criterion.shortfalls
    match rule:
        case BugBountyTenure():
            if missing:
                return "no bug bounty program declared"
            tenure = _as(TenureObserved, criterion)
            if Shortfall.ENDED in criterion.shortfalls and tenure.until is not None:
                return f"the program ended on {date(tenure.until)}"
            found = f"in the program since {date(tenure.since)} ({days(tenure.days_in_program)})"
            if tenure.verified_days is None:
                return f"{found}, as the partner declares; maintainers have not measured the program yet"
            if tenure.verified_days < rule.min_days:
                return f"{found} as declared; maintainers can vouch for {days(tenure.verified_days)}"
            return found
        case BugBountyResearchers():
            if missing:
                return "no bug bounty metrics recorded"
            counted = _as(ResearchersObserved, criterion)
            stale = _too_old(criterion, rule.max_age_days, counted.measured_on, " (measured ")
            return f"{counted.researchers} researchers as of {date(counted.measured_on)}{stale}{')' if stale else ''}"
        case BugBountySla():
            if missing:
                return "no bug bounty metrics recorded"
            sla = _as(SlaObserved, criterion)
            gaps = ", ".join(f"{gap.priority} {gap.percent:g}% < {gap.minimum:g}%" for gap in sla.below)
            found = f"below threshold: {gaps}" if sla.below else "every priority at or above its threshold"
            if sla.no_reports:
                found += f"; no reports at {', '.join(sla.no_reports)} priority (met)"
            stale = _too_old(criterion, rule.max_age_days, sla.measured_on, "; measured ")
            return f"{found} (as of {date(sla.measured_on)}){stale}"
        case CaiqLiteGrade():
            if missing:
                return "no CAIQ-Lite assessment recorded"
            graded = _as(GradeObserved, criterion)
            stale = _too_old(criterion, rule.max_age_days, graded.assessed_on)
            return f"graded {graded.grade} ({graded.grade.label}) on {date(graded.assessed_on)}{stale}"
        case VulnerabilityScanRule():
            if missing:
                return "no vulnerability scan recorded"
            scan = _as(ScanObserved, criterion)
            stale = _too_old(criterion, rule.max_age_days, scan.scanned_on)
            return f"scan {scan.result} on {date(scan.scanned_on)}{stale}"
        case Soc2Report():
            if missing:
                return "no SOC 2 report claimed"
            report = _as(Soc2Observed, criterion)
            if Shortfall.WRONG_TYPE in criterion.shortfalls:
                return f"report is {report.type}"
            if report.rejected_on is not None:
                return f"rejected by maintainers on {date(report.rejected_on)}"
            if Shortfall.REVOKED in criterion.shortfalls:
                return f"revoked by maintainers on {date(report.revoked_on)}" if report.revoked_on else "revoked"
            stale = _too_old(criterion, rule.max_age_days, report.period_end)
            return f"{report.type} report, period ended {date(report.period_end)}{stale}"
        case Iso27001Certificate():
            if missing:
                return "no ISO/IEC 27001 certificate claimed"
            certificate = _as(Iso27001Observed, criterion)
            if certificate.rejected_on is not None:
                return f"rejected by maintainers on {date(certificate.rejected_on)}"
            if Shortfall.REVOKED in criterion.shortfalls and certificate.revoked_on:
                return f"revoked by maintainers on {date(certificate.revoked_on)}"
            if Shortfall.EXPIRED in criterion.shortfalls:
                return f"certificate {certificate.certificate_id} expired on {date(certificate.expires_on)}"
            return f"certificate {certificate.certificate_id}, expires {date(certificate.expires_on)}"
        case BadgesHeld():
            not_held = _as(BadgesHeldObserved, criterion).not_held
            if not not_held:
                return {1: "holds it", 2: "holds both"}.get(len(rule.all_of), f"holds all {len(rule.all_of)}")
            return "; ".join(f"'{words.badge_name(badge)}' {_why_not_held(h, words)}" for badge, h in not_held)
        case AppBadgeHeld():
            holders = [words.app_name(app) for app in _as(AppHoldersObserved, criterion).holders]
            return f"held by {', '.join(holders)}" if holders else "held by none of the partner's apps"
        case ProgramMember():
            if missing:
                return "no membership recorded"
            membership = _as(MembershipObserved, criterion)
            if membership.until is not None and Shortfall.ENDED in criterion.shortfalls:
                return f"member until {date(membership.until)}"
            return f"member since {date(membership.since)}"
        case MaintainerConfirmation():
            return "self-attested only: maintainers have not confirmed it"
        case _:
            assert_never(rule)


def _why_not_held(holding: Holding, words: Wording) -> str:
    """'expired on 2026-11-01 (<its unmet criteria>)', 'is not earned (…)', 'is not judged'."""
    if holding.state is None:
        return "is not judged"
    state = f"expired on {words.date(holding.lapsed_on)}" if holding.lapsed_on else f"is {words.state(holding.state)}"
    if not words.nested_reasons:
        return state
    unmet = "; ".join(f"{requirement(c.rule, words)}: {observed(c, words)}" for c in holding.unmet)
    return f"{state} ({unmet})" if unmet else state


# Evidence -------------------------------------------------------------------------------------------------------


def evidence_label(evidence: Evidence) -> str:
    """What the evidence is: 'SOC 2 report', 'Vulnerability scan', …"""
    match evidence.record:
        case BugBountyProgram():
            return "Bug bounty program"
        case BugBountyMetrics():
            return "Bug bounty metrics"
        case CaiqLiteAssessment():
            return "CAIQ-Lite assessment"
        case ScanRecord():
            return "Vulnerability scan"
        case Soc2Claim():
            return "SOC 2 report"
        case Iso27001Claim():
            return "ISO/IEC 27001 certificate"
        case Membership():
            return "Program membership"
        case _:
            assert_never(evidence.record)


def evidence_detail(evidence: Evidence, words: Wording) -> str:
    """What the evidence says, with the maintainers' check of a claimed certificate or report."""
    record, date = evidence.record, words.date
    match record:
        case BugBountyProgram():
            ended = f", ended {date(record.until)}" if record.until else ""
            checked = f"; {check_words(evidence, words)}" if evidence.check or evidence.changed_since_check else ""
            return f"{record.visibility} program on {record.platform}{ended}{checked}"
        case BugBountyMetrics():
            sla = record.sla_compliance
            counts = record.reports
            reports = (
                f"; reports: critical {counts.critical}, high {counts.high}, medium {counts.medium}, low {counts.low}"
                if counts
                else ""
            )
            return (
                f"{record.researchers_engaged} researchers; SLA met: critical {percent(sla.critical)}, "
                f"high {percent(sla.high)}, medium {percent(sla.medium)}, low {percent(sla.low)}{reports}"
            )
        case CaiqLiteAssessment():
            gaps = f"; gaps: {'; '.join(record.gaps)}" if record.gaps else ""
            return f"grade {record.grade} ({record.grade.label}){gaps}"
        case ScanRecord():
            return f"{record.result} ({record.scanner})"
        case Soc2Claim():
            checked = check_words(evidence, words)
            return f"{record.type}, period ended {date(record.report_period_end)}; {checked}"
        case Iso27001Claim():
            checked = check_words(evidence, words)
            valid = f"valid {date(record.issued_on)} to {date(record.expires_on)}"
            return f"{record.certificate_id} by {record.issuer}, {valid}; {checked}"
        case Membership():
            return record.program
        case _:
            assert_never(record)


def check_words(evidence: Evidence, words: Wording) -> str:
    """'confirmed by maintainers on …', 'changed since verified on …', 'not yet checked by maintainers'."""
    if evidence.changed_since_check is not None:
        return f"changed since verified on {words.date(evidence.changed_since_check)}"
    check = evidence.check
    if check is None:
        return "not yet checked by maintainers"
    verb = "confirmed" if check.outcome is CheckOutcome.CONFIRMED else "rejected"
    return f"{verb} by maintainers on {words.date(check.checked_on)}"
