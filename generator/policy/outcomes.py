"""What judging a criterion yields, as data: met or not and why, what was observed, the evidence and its dates.

The engine writes no prose: `generator.reports.criteria_words` is where every receipt sentence is written.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import Literal

from generator.records.evidence import (
    BugBountyMetrics,
    CaiqLiteAssessment,
    CertificateCheck,
    Membership,
    ProgramCheck,
)
from generator.records.evidence import VulnerabilityScan as ScanRecord
from generator.records.partner import BugBountyProgram, Iso27001Claim, Soc2Claim
from generator.records.policy import Provenance, Rule
from generator.records.shared_values import compact_pickle

VERIFICATION_CRITERION: Literal["maintainer-verified"] = "maintainer-verified"


class BadgeState(enum.StrEnum):
    EARNED = "earned"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    NOT_EARNED = "not-earned"
    EXEMPT = "exempt"
    RETIRED = "retired"
    # Maintainers revoked it: beats every other state, and is shown with its public reason.
    REVOKED = "revoked"


class Shortfall(enum.StrEnum):
    """Why a criterion is not met."""

    # No evidence of the kind dated on or before the date.
    MISSING = "missing"
    # The evidence is older than the rule's max_age_days.
    TOO_OLD = "too-old"
    # A count, a percentage or a grade is under the rule's minimum.
    BELOW_THRESHOLD = "below-threshold"
    # A duration the rule asks for is not reached yet.
    NOT_YET = "not-yet"
    # The latest scan did not pass.
    FAILED = "failed"
    # A SOC 2 report of another type than the rule asks for.
    WRONG_TYPE = "wrong-type"
    # The maintainers' latest check of the claim rejected it.
    REJECTED = "rejected"
    # A certificate past its expiry date.
    EXPIRED = "expired"
    # A membership or a bug bounty program that has ended.
    ENDED = "ended"
    # Maintainers revoked the evidence or the badge (a security incident, a fraudulent report).
    REVOKED = "revoked"
    # A badge the rule builds on is not held (by enough apps).
    NOT_HELD = "not-held"
    # Every piece of evidence is self-attested, and the badge accepts verified evidence only.
    UNCONFIRMED = "unconfirmed"


@compact_pickle
@dataclass(frozen=True, slots=True)
class MaintainerConfirmation:
    """The criterion a badge accepting verified evidence only adds when its evidence is all self-attested."""

    rule: Literal["maintainer-verified"] = VERIFICATION_CRITERION


EvidenceRecord = (
    BugBountyProgram | BugBountyMetrics | CaiqLiteAssessment | ScanRecord | Soc2Claim | Iso27001Claim | Membership
)


@compact_pickle
@dataclass(frozen=True, slots=True)
class Evidence:
    """One piece of evidence a criterion rests on: the record itself, whose word it is, its date and link."""

    record: EvidenceRecord
    provenance: Provenance
    date: dt.date | None = None
    url: str | None = None
    # Claimed certificates and reports: the maintainers' latest check of this claim as of the date.
    check: CertificateCheck | ProgramCheck | None = None
    # The claim differs from what that check vouched for: the partner changed it since (the check's day).
    changed_since_check: dt.date | None = None


class Observation:
    """What a rule kind found, as typed fields: each kind declares its own next to its evaluator."""


@compact_pickle
@dataclass(frozen=True, slots=True)
class Criterion:
    """One criterion of a receipt, judged as of a date."""

    rule: Rule | MaintainerConfirmation
    # Empty when met.
    shortfalls: frozenset[Shortfall] = frozenset()
    # None when there was nothing to observe (shortfall MISSING) or the kind has nothing to add.
    observed: Observation | None = None
    evidence: tuple[Evidence, ...] = ()
    # When met: the last day it stays met without new evidence (None: no end).
    valid_until: dt.date | None = None
    # When not met only because the evidence grew too old: the first day it no longer held.
    lapsed_on: dt.date | None = None
    # Rules built on other badges: the weakest provenance of the badges they rest on (None: no badge held).
    relies_on: Provenance | None = None
    # The day it was judged as of (set by `judge`), so receipts can say how old the evidence was.
    judged_on: dt.date | None = None

    def judged(self, on: dt.date) -> Criterion:
        """The same criterion, saying the day it was judged as of."""
        # Spelt out rather than dataclasses.replace: it runs for every criterion of every judged day.
        return Criterion(
            self.rule,
            self.shortfalls,
            self.observed,
            self.evidence,
            self.valid_until,
            self.lapsed_on,
            self.relies_on,
            on,
        )

    @property
    def met(self) -> bool:
        """Nothing falls short."""
        return not self.shortfalls

    @property
    def kind(self) -> str:
        """The rule kind's name, e.g. 'bug-bounty-tenure'."""
        return self.rule.rule

    @property
    def provenance(self) -> Provenance:
        """Verified only when every piece of evidence, and every badge it builds on, is."""
        if any(e.provenance is Provenance.SELF_ATTESTED for e in self.evidence):
            return Provenance.SELF_ATTESTED
        if self.relies_on is Provenance.SELF_ATTESTED:
            return Provenance.SELF_ATTESTED
        return Provenance.VERIFIED


@compact_pickle
@dataclass(frozen=True, slots=True)
class Holding:
    """Whether a subject holds a badge; its last valid day if held; the day it lapsed if it expired."""

    held: bool
    last_day: dt.date | None = None
    lapsed_on: dt.date | None = None
    # Not held: the badge's state (None: not judged), and its criteria that are not met.
    state: BadgeState | None = None
    unmet: tuple[Criterion, ...] = ()
    # Held: whose word the badge rests on.
    provenance: Provenance | None = None

    @property
    def vouched(self) -> bool:
        """Whether a criterion resting on this holding says anything about provenance."""
        return self.held and self.provenance is not None


def weakest(provenances: list[Provenance | None]) -> Provenance | None:
    """Self-attested if any is, verified if all known ones are, None when none is known."""
    known = [p for p in provenances if p is not None]
    if not known:
        return None
    return Provenance.SELF_ATTESTED if Provenance.SELF_ATTESTED in known else Provenance.VERIFIED


def shortfalls(checks: dict[Shortfall, bool]) -> frozenset[Shortfall]:
    """The shortfalls whose check failed (True)."""
    return frozenset(shortfall for shortfall, failed in checks.items() if failed)
