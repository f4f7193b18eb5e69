"""Dates, labels and short texts as every page writes them: one home for the site's wording conventions."""

from __future__ import annotations

import datetime as dt
import re

from generator.policy.engine import TierStanding
from generator.records.policy import BadgeRole
from generator.records.vocabulary import Hosting

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

HOSTING_LABELS = {Hosting.CLOUD: "Cloud", Hosting.DATA_CENTER: "Data Center", Hosting.SERVER: "Server"}
# The certifications a partner page shows beside the badge with the role, in the order shown.
CERTIFICATION_NAMES = {BadgeRole.SOC2_CERTIFICATION: "SOC 2", BadgeRole.ISO27001_CERTIFICATION: "ISO/IEC 27001"}
STANDING_LABELS = {
    TierStanding.GOOD: "In good standing",
    TierStanding.AT_RISK: "At risk",
    TierStanding.SUSPENDED: "Suspended",
}


def long_date(day: dt.date) -> str:
    """'24 November 2026': unambiguous in every locale, and the same on every machine."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def for_readers(text: str) -> str:
    """Receipt text as pages show it: '2025-06-02' as '2 June 2025', state ids as words."""
    text = _ISO_DATE.sub(lambda m: long_date(dt.date(int(m[1]), int(m[2]), int(m[3]))), text)
    return text.replace("is not-earned", "is not earned")


def first_sentence(text: str | None, limit: int = 160) -> str:
    """A plain-text summary of partner-written Markdown, for listings and meta descriptions."""
    if not text:
        return ""
    plain = " ".join(line.strip(" #*>-_`") for line in text.strip().splitlines() if line.strip())
    plain = plain.replace("**", "").replace("__", "")
    end = plain.find(". ")
    sentence = plain[: end + 1] if 0 < end < limit else plain
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


def initials(name: str) -> str:
    words = [w for w in name.replace("&", " ").split() if w[:1].isalnum()]
    return "".join(w[0] for w in words[:2]).upper() or name[:1].upper()
