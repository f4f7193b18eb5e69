"""Checks of the maintainers' evidence beyond its fields: SLA shares left out, dates of checks and revocations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from generator.load.located import Located
from generator.load.problems import Problem
from generator.records.evidence import Verification

PRIORITIES = ("critical", "high", "medium", "low")


def check_evidence(verification: Located[Verification], as_of: dt.date) -> Iterator[Problem]:
    """SLA shares left out only for priorities without reports; checks and revocations not in the future."""
    record = verification.record
    for app_id, evidence in record.apps.items():
        for index, metrics in enumerate(evidence.bug_bounty_metrics):
            for priority in PRIORITIES:
                if getattr(metrics.sla_compliance, priority) is not None:
                    continue
                counted = getattr(metrics.reports, priority) if metrics.reports else None
                if counted == 0:
                    continue
                found = "no reports counted" if counted is None else f"{counted} reports"
                yield verification.at(
                    ("apps", app_id, "bug_bounty_metrics", index, "sla_compliance"),
                    "sla-not-reported",
                    f"sla_compliance: expected a share for {priority}, or reports.{priority}: 0 (got {found})",
                    hint=f"leave {priority} out only when no report came in at that priority, and say so in reports",
                )
        for index, check in enumerate(evidence.program_checks):
            yield from _not_after(
                verification, ("apps", app_id, "program_checks", index, "checked_on"), check.checked_on, as_of
            )
    for index, revocation in enumerate(record.revocations):
        yield from _not_after(verification, ("revocations", index, "revoked_on"), revocation.revoked_on, as_of)
        if (revocation.badge is None) == (revocation.evidence is None):
            yield verification.at(
                ("revocations", index),
                "revocation-target",
                "revocation: expected exactly one of badge or evidence",
                hint="a revocation names the badge it revokes, or the certification whose claim it revokes",
            )


def _not_after(
    entry: Located[Verification], path: tuple[str | int, ...], day: dt.date, as_of: dt.date
) -> Iterator[Problem]:
    if day > as_of:
        yield entry.at(
            path,
            "future-date",
            f"{path[-1]}: expected a date on or before {as_of.isoformat()} (got {day.isoformat()})",
            hint="evidence can only be dated once it exists",
        )
