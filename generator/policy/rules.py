"""Rule evaluators: one small function per rule kind, found through a plain registry.

Each evaluator judges one criterion for one subject (a partner, or one of its apps) as of a date, and
returns the criterion as it goes into a receipt: the requirement in words, whether it is met, what was
observed, the evidence with its dates, and how long it holds without new evidence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from generator.policy.requirements import days, describe
from generator.records.evidence import BugBountyMetrics, Verification
from generator.records.partner import App, Partner
from generator.records.policy import (
    AppBadgeHeld,
    BadgesHeld,
    BugBountyResearchers,
    BugBountySla,
    BugBountyTenure,
    CaiqLiteGrade,
    Iso27001Certificate,
    ProgramMember,
    Provenance,
    Rule,
    Soc2Report,
    VulnerabilityScanRule,
    grade_at_least,
)
from generator.records.vocabulary import Certification, CheckOutcome, ScanResult

ONE_DAY = dt.timedelta(days=1)
T = TypeVar("T")


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence a criterion rests on."""

    label: str
    detail: str
    provenance: Provenance
    date: dt.date | None = None
    url: str | None = None


@dataclass(frozen=True)
class Criterion:
    """One criterion of a receipt, judged as of a date."""

    rule: str
    requirement: str
    met: bool
    observed: str
    evidence: tuple[Evidence, ...] = ()
    # When met: the last day it stays met without new evidence (None: no end).
    valid_until: dt.date | None = None
    # When not met only because the evidence grew too old: the first day it no longer held.
    lapsed_on: dt.date | None = None

    @property
    def provenance(self) -> Provenance:
        """Verified only when every piece of evidence is."""
        if any(e.provenance is Provenance.SELF_ATTESTED for e in self.evidence):
            return Provenance.SELF_ATTESTED
        return Provenance.VERIFIED


@dataclass(frozen=True)
class Holding:
    """Whether a subject holds a badge; its last valid day if held; the day it lapsed if it expired."""

    held: bool
    last_day: dt.date | None = None
    lapsed_on: dt.date | None = None
    # Not held: why, in the words of the badge's own receipt.
    reason: str = ""


class Holdings(Protocol):
    """Answers whether a subject holds a badge, for rules built on other badges."""

    def holding(self, badge_id: str, app_id: str | None) -> Holding:
        """The partner's (app_id None) or one of its apps' holding of a badge judged before."""
        ...

    def badge_name(self, badge_id: str) -> str:
        """The badge's display name."""
        ...


@dataclass(frozen=True)
class Subject:
    """What a criterion is judged on: a partner, or one of its apps, with the evidence held about it."""

    partner: Partner
    app: App | None
    verification: Verification | None
    partner_app_ids: tuple[str, ...]
    holdings: Holdings


Evaluator = Callable[[Any, Subject, dt.date], Criterion]


def latest(entries: Iterable[T], date_of: Callable[[T], dt.date], as_of: dt.date) -> T | None:
    """The newest entry dated on or before `as_of`: evidence from after the date does not exist yet."""
    known = [entry for entry in entries if date_of(entry) <= as_of]
    return max(known, key=date_of, default=None)


def _aged(dated: dt.date, max_age_days: int, as_of: dt.date) -> tuple[bool, dt.date, dt.date | None]:
    """Whether evidence dated `dated` is still fresh, its last fresh day, and the day it lapsed if it did."""
    valid_until = dated + dt.timedelta(days=max_age_days)
    fresh = as_of <= valid_until
    return fresh, valid_until, (None if fresh else valid_until + ONE_DAY)


def _bug_bounty_tenure(rule: BugBountyTenure, subject: Subject, as_of: dt.date) -> Criterion:
    requirement = describe(rule, subject.holdings.badge_name)
    program = subject.app.bug_bounty if subject.app else None
    if program is None or program.since > as_of:
        return Criterion(rule.rule, requirement, False, "no bug bounty program declared")
    # The declaration is the partner's word until maintainers measure the program.
    measured = bool(_metrics(subject, as_of))
    evidence = Evidence(
        "Bug bounty program",
        f"{program.visibility} program on {program.platform}",
        Provenance.VERIFIED if measured else Provenance.SELF_ATTESTED,
        program.since,
        program.program_url,
    )
    held = (as_of - program.since).days
    observed = f"in the program since {program.since.isoformat()} ({days(held)})"
    return Criterion(rule.rule, requirement, held >= rule.min_days, observed, (evidence,))


def _metrics(subject: Subject, as_of: dt.date) -> list[BugBountyMetrics]:
    if subject.app is None or subject.verification is None:
        return []
    evidence = subject.verification.apps.get(subject.app.id)
    return [m for m in evidence.bug_bounty_metrics if m.measured_on <= as_of] if evidence else []


def _latest_metrics(subject: Subject, as_of: dt.date) -> BugBountyMetrics | None:
    return latest(_metrics(subject, as_of), lambda m: m.measured_on, as_of)


def _metrics_evidence(metrics: BugBountyMetrics) -> Evidence:
    sla = metrics.sla_compliance
    detail = (
        f"{metrics.researchers_engaged} researchers; SLA met: critical {sla.critical:g}%, high {sla.high:g}%, "
        f"medium {sla.medium:g}%, low {sla.low:g}%"
    )
    return Evidence("Bug bounty metrics", detail, Provenance.VERIFIED, metrics.measured_on)


def _bug_bounty_researchers(rule: BugBountyResearchers, subject: Subject, as_of: dt.date) -> Criterion:
    requirement = describe(rule, subject.holdings.badge_name)
    metrics = _latest_metrics(subject, as_of)
    if metrics is None:
        return Criterion(rule.rule, requirement, False, "no bug bounty metrics recorded")
    fresh, valid_until, lapsed = _aged(metrics.measured_on, rule.max_age_days, as_of)
    enough = metrics.researchers_engaged >= rule.min_researchers
    observed = f"{metrics.researchers_engaged} researchers as of {metrics.measured_on.isoformat()}"
    if not fresh:
        observed += f" (measured more than {days(rule.max_age_days)} ago)"
    return Criterion(
        rule.rule,
        requirement,
        enough and fresh,
        observed,
        (_metrics_evidence(metrics),),
        valid_until if enough and fresh else None,
        lapsed if enough else None,
    )


def _bug_bounty_sla(rule: BugBountySla, subject: Subject, as_of: dt.date) -> Criterion:
    floor = rule.min_percent
    requirement = describe(rule, subject.holdings.badge_name)
    metrics = _latest_metrics(subject, as_of)
    if metrics is None:
        return Criterion(rule.rule, requirement, False, "no bug bounty metrics recorded")
    fresh, valid_until, lapsed = _aged(metrics.measured_on, rule.max_age_days, as_of)
    sla = metrics.sla_compliance
    short = [
        f"{name} {getattr(sla, name):g}% < {getattr(floor, name):g}%"
        for name in ("critical", "high", "medium", "low")
        if getattr(sla, name) < getattr(floor, name)
    ]
    observed = "below threshold: " + ", ".join(short) if short else "every priority at or above its threshold"
    observed += f" (as of {metrics.measured_on.isoformat()})"
    if not fresh:
        observed += f"; measured more than {days(rule.max_age_days)} ago"
    return Criterion(
        rule.rule,
        requirement,
        not short and fresh,
        observed,
        (_metrics_evidence(metrics),),
        valid_until if not short and fresh else None,
        lapsed if not short else None,
    )


def _caiq_lite_grade(rule: CaiqLiteGrade, subject: Subject, as_of: dt.date) -> Criterion:
    requirement = describe(rule, subject.holdings.badge_name)
    assessments = subject.verification.caiq_lite if subject.verification else ()
    assessment = latest(assessments, lambda a: a.assessed_on, as_of)
    if assessment is None:
        return Criterion(rule.rule, requirement, False, "no CAIQ-Lite assessment recorded")
    fresh, valid_until, lapsed = _aged(assessment.assessed_on, rule.max_age_days, as_of)
    good = grade_at_least(assessment.grade, rule.min_grade)
    observed = f"graded {assessment.grade} ({assessment.grade.label}) on {assessment.assessed_on.isoformat()}"
    if not fresh:
        observed += f", more than {days(rule.max_age_days)} ago"
    gaps = f"; gaps: {'; '.join(assessment.gaps)}" if assessment.gaps else ""
    evidence = Evidence(
        "CAIQ-Lite assessment",
        f"grade {assessment.grade} ({assessment.grade.label}){gaps}",
        Provenance.VERIFIED,
        assessment.assessed_on,
    )
    return Criterion(
        rule.rule,
        requirement,
        good and fresh,
        observed,
        (evidence,),
        valid_until if good and fresh else None,
        lapsed if good else None,
    )


def _vulnerability_scan(rule: VulnerabilityScanRule, subject: Subject, as_of: dt.date) -> Criterion:
    requirement = describe(rule, subject.holdings.badge_name)
    evidence_for_app = subject.verification.apps.get(subject.app.id) if subject.verification and subject.app else None
    scan = latest(evidence_for_app.vulnerability_scans if evidence_for_app else (), lambda s: s.scanned_on, as_of)
    if scan is None:
        return Criterion(rule.rule, requirement, False, "no vulnerability scan recorded")
    fresh, valid_until, lapsed = _aged(scan.scanned_on, rule.max_age_days, as_of)
    passed = scan.result is ScanResult.PASSED
    observed = f"scan {scan.result} on {scan.scanned_on.isoformat()}"
    if not fresh:
        observed += f", more than {days(rule.max_age_days)} ago"
    evidence = Evidence("Vulnerability scan", f"{scan.result} ({scan.scanner})", Provenance.VERIFIED, scan.scanned_on)
    return Criterion(
        rule.rule,
        requirement,
        passed and fresh,
        observed,
        (evidence,),
        valid_until if passed and fresh else None,
        lapsed if passed else None,
    )


def _certificate_provenance(
    subject: Subject, certification: Certification, claimed_on: dt.date, as_of: dt.date
) -> tuple[Provenance, str]:
    checks = subject.verification.certificate_checks if subject.verification else ()
    # A check made before the claimed evidence existed was of another report or certificate.
    relevant = (c for c in checks if c.certification is certification and c.checked_on >= claimed_on)
    check = latest(relevant, lambda c: c.checked_on, as_of)
    if check is None:
        return Provenance.SELF_ATTESTED, "not yet checked by maintainers"
    if check.outcome is CheckOutcome.CONFIRMED:
        return Provenance.VERIFIED, f"confirmed by maintainers on {check.checked_on.isoformat()}"
    return Provenance.SELF_ATTESTED, f"rejected by maintainers on {check.checked_on.isoformat()}"


def _rejected(subject: Subject, certification: Certification, claimed_on: dt.date, as_of: dt.date) -> bool:
    return _certificate_provenance(subject, certification, claimed_on, as_of)[1].startswith("rejected")


def _soc2_report(rule: Soc2Report, subject: Subject, as_of: dt.date) -> Criterion:
    requirement = describe(rule, subject.holdings.badge_name)
    claim = subject.partner.certifications.soc2
    if claim is None or claim.report_period_end > as_of:
        return Criterion(rule.rule, requirement, False, "no SOC 2 report claimed")
    provenance, checked = _certificate_provenance(subject, Certification.SOC2, claim.report_period_end, as_of)
    evidence = Evidence(
        "SOC 2 report",
        f"{claim.type}, period ended {claim.report_period_end.isoformat()}; {checked}",
        provenance,
        claim.report_period_end,
        claim.evidence_url,
    )
    if claim.type is not rule.type:
        return Criterion(rule.rule, requirement, False, f"report is {claim.type}", (evidence,))
    if _rejected(subject, Certification.SOC2, claim.report_period_end, as_of):
        return Criterion(rule.rule, requirement, False, checked, (evidence,))
    fresh, valid_until, lapsed = _aged(claim.report_period_end, rule.max_age_days, as_of)
    observed = f"{claim.type} report, period ended {claim.report_period_end.isoformat()}"
    if not fresh:
        observed += f", more than {days(rule.max_age_days)} ago"
    return Criterion(rule.rule, requirement, fresh, observed, (evidence,), valid_until if fresh else None, lapsed)


def _iso27001_certificate(rule: Iso27001Certificate, subject: Subject, as_of: dt.date) -> Criterion:
    requirement = describe(rule, subject.holdings.badge_name)
    claim = subject.partner.certifications.iso27001
    if claim is None or claim.issued_on > as_of:
        return Criterion(rule.rule, requirement, False, "no ISO/IEC 27001 certificate claimed")
    provenance, checked = _certificate_provenance(subject, Certification.ISO27001, claim.issued_on, as_of)
    evidence = Evidence(
        "ISO/IEC 27001 certificate",
        f"{claim.certificate_id} by {claim.issuer}, valid {claim.issued_on.isoformat()} to "
        f"{claim.expires_on.isoformat()}; {checked}",
        provenance,
        claim.issued_on,
        claim.evidence_url,
    )
    if _rejected(subject, Certification.ISO27001, claim.issued_on, as_of):
        return Criterion(rule.rule, requirement, False, checked, (evidence,))
    # A certificate is no longer valid on its expiry date.
    valid_until = claim.expires_on - ONE_DAY
    fresh = as_of <= valid_until
    observed = f"certificate {claim.certificate_id}, expires {claim.expires_on.isoformat()}"
    if not fresh:
        observed = f"certificate {claim.certificate_id} expired on {claim.expires_on.isoformat()}"
    return Criterion(
        rule.rule,
        requirement,
        fresh,
        observed,
        (evidence,),
        valid_until if fresh else None,
        None if fresh else claim.expires_on,
    )


def _badges_held(rule: BadgesHeld, subject: Subject, as_of: dt.date) -> Criterion:
    requirement = describe(rule, subject.holdings.badge_name)
    app_id = subject.app.id if subject.app else None
    holdings = {badge: subject.holdings.holding(badge, app_id) for badge in rule.all_of}
    missing = [badge for badge, holding in holdings.items() if not holding.held]
    if missing:
        names = "; ".join(f"'{subject.holdings.badge_name(badge)}' is {holdings[badge].reason}" for badge in missing)
        lapses = [holdings[badge].lapsed_on for badge in missing]
        known = [lapse for lapse in lapses if lapse is not None]
        # It stopped holding when the first of the badges it needs lapsed.
        lapsed_on = min(known) if len(known) == len(lapses) else None
        return Criterion(rule.rule, requirement, False, names, lapsed_on=lapsed_on)
    ends = [holding.last_day for holding in holdings.values() if holding.last_day is not None]
    return Criterion(rule.rule, requirement, True, "holds every one", valid_until=min(ends, default=None))


def _app_badge_held(rule: AppBadgeHeld, subject: Subject, as_of: dt.date) -> Criterion:
    requirement = describe(rule, subject.holdings.badge_name)
    holdings = {app: subject.holdings.holding(rule.badge, app) for app in subject.partner_app_ids}
    held = {app: holding.last_day for app, holding in holdings.items() if holding.held}
    if len(held) < rule.min_apps:
        observed = f"held by {', '.join(held)}" if held else "held by none of the partner's apps"
        # It lapsed when the last app it needed lapsed: the (min_apps - held)-th latest lapse.
        lapses = sorted((h.lapsed_on for h in holdings.values() if not h.held and h.lapsed_on), reverse=True)
        short = rule.min_apps - len(held)
        lapsed_on = lapses[short - 1] if len(lapses) >= short else None
        return Criterion(rule.rule, requirement, False, observed, lapsed_on=lapsed_on)
    # It holds while the min_apps longest-lasting holders do.
    ends = sorted((end or dt.date.max for end in held.values()), reverse=True)
    valid_until = ends[rule.min_apps - 1]
    return Criterion(
        rule.rule,
        requirement,
        True,
        f"held by {', '.join(held)}",
        valid_until=None if valid_until == dt.date.max else valid_until,
    )


def _program_member(rule: ProgramMember, subject: Subject, as_of: dt.date) -> Criterion:
    requirement = describe(rule, subject.holdings.badge_name)
    memberships = subject.verification.memberships if subject.verification else ()
    current = latest((m for m in memberships if m.program == rule.program), lambda m: m.since, as_of)
    if current is None:
        return Criterion(rule.rule, requirement, False, "no membership recorded")
    evidence = Evidence("Program membership", rule.program, Provenance.VERIFIED, current.since)
    if current.until is not None and current.until < as_of:
        return Criterion(
            rule.rule,
            requirement,
            False,
            f"member until {current.until.isoformat()}",
            (evidence,),
            lapsed_on=current.until + ONE_DAY,
        )
    return Criterion(
        rule.rule, requirement, True, f"member since {current.since.isoformat()}", (evidence,), current.until
    )


RULES: Mapping[str, Evaluator] = {
    "bug-bounty-tenure": _bug_bounty_tenure,
    "bug-bounty-researchers": _bug_bounty_researchers,
    "bug-bounty-sla": _bug_bounty_sla,
    "caiq-lite-grade": _caiq_lite_grade,
    "vulnerability-scan": _vulnerability_scan,
    "soc2-report": _soc2_report,
    "iso27001-certificate": _iso27001_certificate,
    "badges-held": _badges_held,
    "app-badge-held": _app_badge_held,
    "program-member": _program_member,
}


def judge(rule: Rule, subject: Subject, as_of: dt.date) -> Criterion:
    """Judge one criterion of the policy for one subject, as of a date."""
    return RULES[rule.rule](rule, subject, as_of)
