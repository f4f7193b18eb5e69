"""docs/policy.md read again, plainly, as a reviewer would: the badge states, tiers and rule kinds it states.

This is an independent second implementation for tests: it reads the data tree with `yaml.safe_load` and
imports nothing of the generator. Where it and the published JSON API disagree, one of the two (or the
document) is wrong. It judges by the document's words, day by day, trading speed for plainness.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DAY = dt.timedelta(days=1)

# The states in the order the document tries them.
STATE_ORDER = ("revoked", "retired", "earned", "expiring", "exempt", "expired", "not-earned")
HELD = frozenset({"earned", "expiring"})
# Why a criterion is not met, in the order the document gives ("the first of").
REASON_ORDER = (
    "revoked",
    "missing",
    "wrong-type",
    "rejected",
    "failed",
    "expired",
    "ended",
    "below-threshold",
    "too-old",
    "not-yet",
    "not-held",
    "unconfirmed",
)
# The reasons of a criterion that "was met before and lapsed with age or an end date".
LAPSED = frozenset({"expired", "ended", "too-old"})
GRADES = ("red", "orange", "green")
VERIFIED = "verified"
SELF_ATTESTED = "self-attested"
# How far ahead a held badge is followed to find the day it lapses; beyond it, it has no end.
HORIZON_DAYS = 20 * 366

Record = Mapping[str, Any]


@dataclass(frozen=True)
class Subject:
    """A partner (app None) or one of its apps."""

    partner: str
    app: str | None = None

    @property
    def level(self) -> str:
        return "partner" if self.app is None else "app"


@dataclass(frozen=True)
class Criterion:
    """One criterion judged on a day: met or the first reason it is not, and whose word it rests on."""

    met: bool
    reasons: tuple[str, ...] = ()
    verified: bool = True
    # Unmet because it lapsed: the first day it no longer held.
    lapsed_on: dt.date | None = None
    # The claim is self-attested because it changed since the check dated this day.
    changed_since: dt.date | None = None

    @property
    def reason(self) -> str | None:
        return min(self.reasons, key=REASON_ORDER.index) if self.reasons else None


@dataclass(frozen=True)
class BadgeResult:
    state: str
    provenance: str | None = None
    expires_on: dt.date | None = None
    days_left: int | None = None
    expired_on: dt.date | None = None
    exemption_until: dt.date | None = None
    retired_on: dt.date | None = None
    criteria: tuple[Criterion, ...] = ()

    @property
    def held(self) -> bool:
        return self.state in HELD


@dataclass(frozen=True)
class TierResult:
    tier: str | None
    standing: str | None = None
    since: dt.date | None = None
    granted_on: dt.date | None = None
    standing_since: dt.date | None = None
    review_by: dt.date | None = None


@dataclass
class Marketplace:
    """The data tree, as plain YAML."""

    policy: Record
    partners: dict[str, Record]
    apps: dict[str, dict[str, Record]]  # partner id -> app id -> app record
    verifications: dict[str, Record] = field(default_factory=dict)

    def evidence(self, partner: str) -> Record:
        return self.verifications.get(partner, {})

    def app_evidence(self, subject: Subject) -> Record:
        return (self.evidence(subject.partner).get("apps") or {}).get(subject.app, {})


def read_marketplace(data_root: Path) -> Marketplace:
    """Every partner, app and verification record under `data_root`, and the policy."""

    def load(path: Path) -> Any:
        return yaml.safe_load(path.read_text(encoding="utf-8"))

    partners: dict[str, Record] = {}
    apps: dict[str, dict[str, Record]] = {}
    for directory in sorted((data_root / "partners").iterdir()):
        if not (directory / "partner.yaml").is_file():
            continue
        partner = load(directory / "partner.yaml")
        partners[partner["id"]] = partner
        apps[partner["id"]] = {}
        for path in sorted((directory / "apps").glob("*.yaml")) if (directory / "apps").is_dir() else ():
            app = load(path)
            apps[partner["id"]][app["id"]] = app
    verifications = {}
    for path in sorted((data_root / "verifications").glob("*.yaml")):
        record = load(path)
        verifications[record["partner"]] = record
    return Marketplace(load(data_root / "program" / "policy.yaml"), partners, apps, verifications)


def latest(entries: Iterable[Record], key: str, known: dt.date) -> Record | None:
    """The newest entry dated on or before `known`, whatever the order of the list."""
    dated = [entry for entry in entries if entry[key] <= known]
    return max(dated, key=lambda entry: entry[key]) if dated else None


def in_force(start: dt.date, end: dt.date | None, day: dt.date) -> bool:
    """From `start` through `end` inclusive (for good without an end)."""
    return start <= day and (end is None or day <= end)


class Reference:
    """Judges badges and tiers of one marketplace as docs/policy.md says."""

    def __init__(self, market: Marketplace) -> None:
        self.market = market
        self.policy = market.policy
        self.badges = {badge["id"]: badge for badge in self.policy["badges"]}
        self.tiers = {tier["id"]: tier for tier in self.policy["tiers"]}
        self._badges: dict[tuple[Subject, str, dt.date, dt.date], BadgeResult] = {}
        self._held: dict[tuple[Subject, str, dt.date, dt.date], bool | None] = {}
        self._holds: dict[tuple[str, str, dt.date], bool] = {}

    # -- badges -------------------------------------------------------------------------------------------------

    def badge(self, subject: Subject, badge_id: str, day: dt.date, known: dt.date | None = None) -> BadgeResult:
        """The badge's state on `day`, knowing the evidence dated up to `known` (the day itself by default)."""
        known = day if known is None else min(known, day)
        key = (subject, badge_id, day, known)
        if key not in self._badges:
            self._badges[key] = self._judge_badge(subject, self.badges[badge_id], day, known)
        return self._badges[key]

    def holds(self, subject: Subject, badge_id: str, day: dt.date, known: dt.date | None = None) -> bool | None:
        """Whether the badge is held on `day` (earned or expiring): None when not, else whether it is verified."""
        retired_on = self.badges[badge_id].get("retired_on")
        if retired_on is not None and day > retired_on:
            return None
        return self._evidence_holds(subject, badge_id, day, known)

    def _evidence_holds(self, subject: Subject, badge_id: str, day: dt.date, known: dt.date | None) -> bool | None:
        """Like `holds`, but blind to retirement: whether the badge's evidence holds on `day`."""
        known = day if known is None else min(known, day)
        key = (subject, badge_id, day, known)
        if key not in self._held:
            badge = self.badges[badge_id]
            held: bool | None = None
            if self._revocation(subject, badge_id, day, known) is None:
                criteria = self._criteria(subject, badge, day, known)
                if all(criterion.met for criterion in criteria):
                    held = all(criterion.verified for criterion in criteria)
            self._held[key] = held
        return self._held[key]

    def _judge_badge(self, subject: Subject, badge: Record, day: dt.date, known: dt.date) -> BadgeResult:
        retired_on = badge.get("retired_on")
        if self._revocation(subject, badge["id"], day, known) is not None:
            return BadgeResult("revoked")
        if retired_on is not None and day > retired_on:
            # Every subject's entry says so; its receipt is the retirement day's.
            as_then = self.badge(subject, badge["id"], retired_on, min(known, retired_on))
            return BadgeResult("retired", retired_on=retired_on, criteria=as_then.criteria)
        criteria = self._criteria(subject, badge, day, known)
        if all(criterion.met for criterion in criteria):
            verified = all(criterion.verified for criterion in criteria)
            expires_on = self._lapse_day(subject, badge["id"], day, known)
            days_left = None if expires_on is None else (expires_on - day).days
            state = "expiring" if days_left is not None and days_left <= self.policy["expiring_soon_days"] else "earned"
            provenance = VERIFIED if verified else SELF_ATTESTED
            return BadgeResult(state, provenance, expires_on, days_left, criteria=criteria)
        exemption = self._exemption(subject, badge["id"], day, known)
        if exemption is not None:
            return BadgeResult("exempt", exemption_until=exemption["expires_on"], criteria=criteria)
        unmet = [criterion for criterion in criteria if not criterion.met]
        if all(criterion.lapsed_on is not None for criterion in unmet):
            expired_on = min(criterion.lapsed_on for criterion in unmet if criterion.lapsed_on is not None)
            return BadgeResult("expired", expired_on=expired_on, criteria=criteria)
        return BadgeResult("not-earned", criteria=criteria)

    def _criteria(self, subject: Subject, badge: Record, day: dt.date, known: dt.date) -> tuple[Criterion, ...]:
        judged = [RULES[rule["rule"]](self, subject, rule, day, known) for rule in badge["criteria"]]
        met = all(criterion.met for criterion in judged)
        if met and badge.get("accepts", VERIFIED) == VERIFIED and not all(c.verified for c in judged):
            # Every criterion met, some on the partner's word alone, for a badge that needs the maintainers'
            # word: the receipt has one more line, the maintainers' confirmation, not met.
            judged.append(Criterion(False, ("unconfirmed",), verified=False))
        return tuple(judged)

    def _lapse_day(self, subject: Subject, badge_id: str, day: dt.date, known: dt.date) -> dt.date | None:
        """The first day after `day` on which the badge's evidence no longer holds, without new evidence.

        A retirement to come is not a lapse: it is no reason to call a badge expiring.
        """

        def holds(later: dt.date) -> bool:
            return self._evidence_holds(subject, badge_id, later, known) is not None

        # Without new evidence a held badge only lapses (ages, end dates), so the days it holds are one run.
        low, high = day, day + dt.timedelta(days=HORIZON_DAYS)
        if holds(high):
            return None
        while (high - low).days > 1:
            middle = low + dt.timedelta(days=(high - low).days // 2)
            if holds(middle):
                low = middle
            else:
                high = middle
        return high

    def _revocation(self, subject: Subject, badge_id: str, day: dt.date, known: dt.date) -> Record | None:
        for revocation in self.market.evidence(subject.partner).get("revocations") or ():
            if (
                revocation.get("badge") == badge_id
                and revocation.get("app") in (None, subject.app)
                and revocation["revoked_on"] <= known
                and in_force(revocation["revoked_on"], revocation.get("until"), day)
            ):
                return revocation
        return None

    def _exemption(self, subject: Subject, badge_id: str, day: dt.date, known: dt.date) -> Record | None:
        for exemption in self.market.evidence(subject.partner).get("exemptions") or ():
            if (
                exemption["badge"] == badge_id
                and exemption.get("app") in (None, subject.app)
                and exemption["granted_on"] <= known
                and in_force(exemption["granted_on"], exemption["expires_on"], day)
            ):
                return exemption
        return None

    def evidence_revoked(
        self, partner: str, certification: str, claim_day: dt.date, day: dt.date, known: dt.date
    ) -> bool:
        """An evidence revocation in force covers the claim dated on or before its `revoked_on`."""
        return any(
            revocation.get("evidence") == certification
            and revocation["revoked_on"] <= known
            and in_force(revocation["revoked_on"], revocation.get("until"), day)
            and claim_day <= revocation["revoked_on"]
            for revocation in self.market.evidence(partner).get("revocations") or ()
        )

    # -- tiers ---------------------------------------------------------------------------------------------------

    def prerequisites_hold(self, partner: str, tier_id: str, day: dt.date) -> bool:
        """Every prerequisite of the tier holds on `day` (judged like criteria; an exemption is not held)."""
        key = (partner, tier_id, day)
        if key not in self._holds:
            subject = Subject(partner)
            self._holds[key] = all(
                RULES[rule["rule"]](self, subject, rule, day, day).met for rule in self.tiers[tier_id]["criteria"]
            )
        return self._holds[key]

    def tier(self, partner: str, day: dt.date) -> TierResult:
        """The assigned tier and its standing on `day`."""
        entry = latest(self.market.evidence(partner).get("tiers") or (), "since", day)
        if entry is None:
            return TierResult(None)
        tier_id, since = entry["tier"], entry["since"]
        holds = [self.prerequisites_hold(partner, tier_id, since + n * DAY) for n in range((day - since).days + 1)]
        if not any(holds):
            return TierResult(tier_id, "pending", since, standing_since=since)
        granted_on = since + holds.index(True) * DAY
        # The current run of days with the same outcome as today.
        run = len(holds) - 1
        while run > 0 and holds[run - 1] == holds[-1]:
            run -= 1
        run_start = since + run * DAY
        if holds[-1]:
            return TierResult(tier_id, "good-standing", since, granted_on, run_start)
        grace = self.policy["tier_grace_days"]
        review_by = run_start + (grace - 1) * DAY
        if day <= review_by:
            return TierResult(tier_id, "at-risk", since, granted_on, run_start, review_by)
        return TierResult(tier_id, "suspended", since, granted_on, run_start + grace * DAY)


# -- rule kinds -------------------------------------------------------------------------------------------------


def _aged(dated: dt.date, max_age_days: int, day: dt.date) -> dt.date | None:
    """Evidence dated `dated` holds through dated + N and lapses on dated + N + 1: that day, once past."""
    lapse = dated + dt.timedelta(days=max_age_days + 1)
    return lapse if day >= lapse else None


def bug_bounty_tenure(ref: Reference, subject: Subject, rule: Record, day: dt.date, known: dt.date) -> Criterion:
    program = ref.market.apps[subject.partner][subject.app].get("bug_bounty")
    if program is None or program["since"] > known:
        return Criterion(False, ("missing",))
    since, until, min_days = program["since"], program.get("until"), rule["min_days"]
    evidence = ref.market.app_evidence(subject)
    check = latest(evidence.get("program_checks") or (), "checked_on", known)
    # The check counts only while the program is the one it vouched for.
    bound = check is not None and check["vouches_for"] == {"platform": program["platform"], "since": since}
    reasons = []
    if bound and check is not None and check["outcome"] == "rejected":
        reasons.append("rejected")
    if until is not None and until < day:
        reasons.append("ended")
    if (day - since).days < min_days:
        reasons.append("not-yet")
    if reasons:
        # Lapsed with its end only if it had been met: the program ran for min_days before it ended.
        lapsed = reasons == ["ended"] and until is not None and (until - since).days >= min_days
        return Criterion(False, tuple(reasons), lapsed_on=until + DAY if lapsed and until is not None else None)
    if bound and check is not None and check["outcome"] == "confirmed":
        start = since
    else:
        measured = [
            metrics["measured_on"]
            for metrics in evidence.get("bug_bounty_metrics") or ()
            if since <= metrics["measured_on"] <= known
        ]
        start = min(measured) if measured else None
    verified = start is not None and (day - start).days >= min_days
    return Criterion(True, verified=verified)


def _metrics(ref: Reference, subject: Subject, rule: Record, day: dt.date, known: dt.date) -> Record | Criterion:
    metrics = latest(ref.market.app_evidence(subject).get("bug_bounty_metrics") or (), "measured_on", known)
    if metrics is None:
        return Criterion(False, ("missing",))
    return metrics


def bug_bounty_researchers(ref: Reference, subject: Subject, rule: Record, day: dt.date, known: dt.date) -> Criterion:
    metrics = _metrics(ref, subject, rule, day, known)
    if isinstance(metrics, Criterion):
        return metrics
    reasons = []
    if metrics["researchers_engaged"] < rule["min_researchers"]:
        reasons.append("below-threshold")
    lapsed_on = _aged(metrics["measured_on"], rule["max_age_days"], day)
    if lapsed_on is not None:
        reasons.append("too-old")
    return _outcome(reasons, lapsed_on)


def bug_bounty_sla(ref: Reference, subject: Subject, rule: Record, day: dt.date, known: dt.date) -> Criterion:
    metrics = _metrics(ref, subject, rule, day, known)
    if isinstance(metrics, Criterion):
        return metrics
    reasons = []
    shares = metrics["sla_compliance"]
    for priority, threshold in rule["min_percent"].items():
        # A priority under which no report came in has no share and meets any threshold.
        share = shares.get(priority)
        if share is not None and share < threshold:
            reasons.append("below-threshold")
    lapsed_on = _aged(metrics["measured_on"], rule["max_age_days"], day)
    if lapsed_on is not None:
        reasons.append("too-old")
    return _outcome(reasons, lapsed_on)


def _outcome(reasons: list[str], lapsed_on: dt.date | None) -> Criterion:
    """Met without a reason; lapsed only when age is the one thing wrong (it was met before)."""
    if not reasons:
        return Criterion(True)
    return Criterion(False, tuple(reasons), lapsed_on=lapsed_on if reasons == ["too-old"] else None)


def caiq_lite_grade(ref: Reference, subject: Subject, rule: Record, day: dt.date, known: dt.date) -> Criterion:
    assessment = latest(ref.market.evidence(subject.partner).get("caiq_lite") or (), "assessed_on", known)
    if assessment is None:
        return Criterion(False, ("missing",))
    # A grade older than the window counts as out of date, not as its colour.
    lapsed_on = _aged(assessment["assessed_on"], rule["max_age_days"], day)
    good_enough = GRADES.index(assessment["grade"]) >= GRADES.index(rule["min_grade"])
    if lapsed_on is not None:
        return Criterion(False, ("too-old",), lapsed_on=lapsed_on if good_enough else None)
    if not good_enough:
        return Criterion(False, ("below-threshold",))
    return Criterion(True)


def vulnerability_scan(ref: Reference, subject: Subject, rule: Record, day: dt.date, known: dt.date) -> Criterion:
    scan = latest(ref.market.app_evidence(subject).get("vulnerability_scans") or (), "scanned_on", known)
    if scan is None:
        return Criterion(False, ("missing",))
    reasons = ["failed"] if scan["result"] != "passed" else []
    lapsed_on = _aged(scan["scanned_on"], rule["max_age_days"], day)
    if lapsed_on is not None:
        reasons.append("too-old")
    return _outcome(reasons, lapsed_on)


def _bound_check(ref: Reference, partner: str, certification: str, claim: Record, known: dt.date) -> Criterion:
    """What the latest maintainers' check of the certification says about this claim (met: not rejected)."""
    checks = [
        check
        for check in ref.market.evidence(partner).get("certificate_checks") or ()
        if check["certification"] == certification
    ]
    check = latest(checks, "checked_on", known)
    if check is None:
        return Criterion(True, verified=False)
    vouched = check.get("vouches_for") or {}
    if not vouched or any(claim.get(name) != value for name, value in vouched.items() if value is not None):
        changed = check["checked_on"] if vouched else None
        return Criterion(True, verified=False, changed_since=changed)
    if check["outcome"] == "rejected":
        return Criterion(False, ("rejected",), verified=False)
    return Criterion(True, verified=True)


def soc2_report(ref: Reference, subject: Subject, rule: Record, day: dt.date, known: dt.date) -> Criterion:
    claim = (ref.market.partners[subject.partner].get("certifications") or {}).get("soc2")
    if claim is None or claim["report_period_end"] > known:
        return Criterion(False, ("missing",))
    bound = _bound_check(ref, subject.partner, "soc2", claim, known)
    reasons = list(bound.reasons)
    if ref.evidence_revoked(subject.partner, "soc2", claim["report_period_end"], day, known):
        reasons.append("revoked")
    if claim["type"] != rule["type"]:
        reasons.append("wrong-type")
    lapsed_on = _aged(claim["report_period_end"], rule["max_age_days"], day)
    if lapsed_on is not None:
        reasons.append("too-old")
    outcome = _outcome(reasons, lapsed_on)
    return Criterion(outcome.met, outcome.reasons, bound.verified, outcome.lapsed_on, bound.changed_since)


def iso27001_certificate(ref: Reference, subject: Subject, rule: Record, day: dt.date, known: dt.date) -> Criterion:
    claim = (ref.market.partners[subject.partner].get("certifications") or {}).get("iso27001")
    if claim is None or claim["issued_on"] > known:
        return Criterion(False, ("missing",))
    bound = _bound_check(ref, subject.partner, "iso27001", claim, known)
    reasons = list(bound.reasons)
    if ref.evidence_revoked(subject.partner, "iso27001", claim["issued_on"], day, known):
        reasons.append("revoked")
    lapsed_on = claim["expires_on"] if day >= claim["expires_on"] else None
    if lapsed_on is not None:
        reasons.append("expired")
    outcome = Criterion(True) if not reasons else Criterion(False, tuple(reasons), lapsed_on=None)
    if reasons == ["expired"]:
        outcome = Criterion(False, ("expired",), lapsed_on=lapsed_on)
    return Criterion(outcome.met, outcome.reasons, bound.verified, outcome.lapsed_on, bound.changed_since)


def badges_held(ref: Reference, subject: Subject, rule: Record, day: dt.date, known: dt.date) -> Criterion:
    held = [ref.holds(subject, badge_id, day, known) for badge_id in rule["all_of"]]
    if all(verified is not None for verified in held):
        return Criterion(True, verified=all(held))
    lost = [
        ref.badge(subject, badge_id, day, known)
        for badge_id, verified in zip(rule["all_of"], held, strict=True)
        if verified is None
    ]
    lapsed = all(result.state == "expired" for result in lost)
    lapsed_on = min(result.expired_on for result in lost if result.expired_on) if lapsed else None
    return Criterion(False, ("not-held",), lapsed_on=lapsed_on)


def app_badge_held(ref: Reference, subject: Subject, rule: Record, day: dt.date, known: dt.date) -> Criterion:
    apps = [Subject(subject.partner, app) for app in ref.market.apps[subject.partner]]
    held = [ref.holds(app, rule["badge"], day, known) for app in apps]
    needed = rule.get("min_apps", 1)
    holding = [verified for verified in held if verified is not None]
    if len(holding) < needed:
        # Lapsed on the day the last app it needed stopped holding: the (min_apps - holding)-th latest day an
        # app's badge expired (the document does not ask that those apps held it at the same time).
        expired = sorted(
            (result.expired_on for app in apps if (result := ref.badge(app, rule["badge"], day, known)).expired_on),
            reverse=True,
        )
        short = needed - len(holding)
        return Criterion(False, ("not-held",), lapsed_on=expired[short - 1] if len(expired) >= short else None)
    verified = sum(holding) >= needed
    return Criterion(True, verified=verified)


def program_member(ref: Reference, subject: Subject, rule: Record, day: dt.date, known: dt.date) -> Criterion:
    memberships = [
        membership
        for membership in ref.market.evidence(subject.partner).get("memberships") or ()
        if membership["program"] == rule["program"] and membership["since"] <= known
    ]
    if any(in_force(m["since"], m.get("until"), day) for m in memberships):
        return Criterion(True)
    ended = [m["until"] for m in memberships if m.get("until") is not None and m["until"] < day]
    if ended:
        return Criterion(False, ("ended",), lapsed_on=max(ended) + DAY)
    return Criterion(False, ("missing",))


RULES: dict[str, Callable[[Reference, Subject, Record, dt.date, dt.date], Criterion]] = {
    "bug-bounty-tenure": bug_bounty_tenure,
    "bug-bounty-researchers": bug_bounty_researchers,
    "bug-bounty-sla": bug_bounty_sla,
    "caiq-lite-grade": caiq_lite_grade,
    "vulnerability-scan": vulnerability_scan,
    "soc2-report": soc2_report,
    "iso27001-certificate": iso27001_certificate,
    "badges-held": badges_held,
    "app-badge-held": app_badge_held,
    "program-member": program_member,
}
