"""What judging a criterion yields: the criterion as it goes into a receipt, and a subject's holding of a badge."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.records.policy import Provenance


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
