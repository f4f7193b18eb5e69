"""The closed vocabularies of the records: grades, tiers, hosting, certification kinds, outcomes, precisions."""

from __future__ import annotations

import enum


class Grade(enum.StrEnum):
    """CAIQ-Lite assessment grade."""

    GREEN = "green"
    ORANGE = "orange"
    RED = "red"

    @property
    def label(self) -> str:
        return {"green": "Well Developed", "orange": "Somewhat Developed", "red": "Starting Out"}[self.value]


class Tier(enum.StrEnum):
    PLATINUM = "platinum"
    GOLD = "gold"
    SILVER = "silver"


class Hosting(enum.StrEnum):
    CLOUD = "cloud"
    DATA_CENTER = "data-center"
    SERVER = "server"


class Soc2Type(enum.StrEnum):
    TYPE_1 = "type-1"
    TYPE_2 = "type-2"


class Certification(enum.StrEnum):
    SOC2 = "soc2"
    ISO27001 = "iso27001"


class Visibility(enum.StrEnum):
    PUBLIC = "public"
    PRIVATE = "private"


class ScanResult(enum.StrEnum):
    PASSED = "passed"
    FAILED = "failed"


class CheckOutcome(enum.StrEnum):
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


class Precision(enum.StrEnum):
    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


class MilestoneCategory(enum.StrEnum):
    REQUIREMENT = "requirement"
    ASSESSMENT = "assessment"
    BUG_BOUNTY = "bug-bounty"
    PARTNER_PROGRAM = "partner-program"
    TRUST_SIGNAL = "trust-signal"


class MilestoneStatus(enum.StrEnum):
    HAPPENED = "happened"
    PLANNED = "planned"
