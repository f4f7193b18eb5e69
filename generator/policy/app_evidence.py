"""The maintainers' measurements of an app's bug bounty program, as the bug bounty rule kinds read them."""

from __future__ import annotations

import datetime as dt

from generator.policy.outcomes import Evidence
from generator.policy.rule_kind import Subject, latest
from generator.records.evidence import BugBountyMetrics
from generator.records.policy import Provenance


def all_metrics(subject: Subject) -> tuple[BugBountyMetrics, ...]:
    """Every bug bounty measurement of the subject's app, whatever its date."""
    if subject.app is None or subject.verification is None:
        return ()
    evidence = subject.verification.apps.get(subject.app.id)
    return evidence.bug_bounty_metrics if evidence else ()


def metrics_until(subject: Subject, as_of: dt.date) -> list[BugBountyMetrics]:
    """The app's bug bounty measurements dated on or before `as_of`."""
    return [m for m in all_metrics(subject) if m.measured_on <= as_of]


def latest_metrics(subject: Subject, as_of: dt.date) -> BugBountyMetrics | None:
    """The app's newest bug bounty measurement as of a date."""
    return latest(metrics_until(subject, as_of), lambda m: m.measured_on, as_of)


def metrics_evidence(metrics: BugBountyMetrics) -> Evidence:
    """A measurement as evidence: maintainers measure it."""
    return Evidence(metrics, Provenance.VERIFIED, metrics.measured_on)
