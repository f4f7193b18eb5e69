"""A synthetic marketplace in Trust Pages' own record format, generated deterministically from a seed.

Every kind of evidence the demo data has, at marketplace scale: every grade, tier and certification, bug
bounty programs with metrics, scans, expired and expiring evidence, rejected checks, exemptions, program
memberships, partners with nothing verified, a Markdown description of about 1.5 KB per app and a small
logo per partner. Dates are placed around the as-of date, so that evidence starts, expires and changes
inside the program's life. The same seed, sizes and date always write the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml
from PIL import Image

REPO = Path(__file__).resolve().parents[1]
# The program files (policy, timeline) are the shipped ones: the benchmark judges real rules.
PROGRAM = REPO / "data" / "program"
PROGRAM_START = dt.date(2020, 3, 16)

_ADJECTIVES = [
    "amber",
    "brave",
    "calm",
    "deft",
    "eager",
    "fair",
    "glad",
    "hale",
    "keen",
    "lucid",
    "merry",
    "noble",
    "open",
    "proud",
    "quick",
    "rapid",
    "solid",
    "tidy",
    "urban",
    "vivid",
    "warm",
    "young",
    "zesty",
    "bold",
    "crisp",
    "dapper",
]
_NOUNS = [
    "otter",
    "falcon",
    "maple",
    "harbor",
    "comet",
    "summit",
    "meadow",
    "lantern",
    "beacon",
    "ember",
    "willow",
    "quartz",
    "cedar",
    "orbit",
    "prairie",
    "delta",
    "canyon",
    "glacier",
    "harvest",
    "island",
    "jungle",
    "kestrel",
    "lagoon",
]
_APP_KINDS = [
    "sync",
    "backup",
    "gantt",
    "wiki",
    "forms",
    "insights",
    "chat",
    "search",
    "planner",
    "tracker",
    "metrics",
    "export",
    "audit",
    "deploy",
    "secrets",
    "macros",
    "dashboards",
    "timesheets",
    "approvals",
    "templates",
    "translate",
    "diagrams",
]
_WORDS = [
    "teams",
    "projects",
    "boards",
    "issues",
    "sprints",
    "releases",
    "workflows",
    "reports",
    "fields",
    "comments",
    "attachments",
    "permissions",
    "audits",
    "exports",
    "imports",
    "dashboards",
    "roadmaps",
    "alerts",
    "integrations",
    "templates",
    "automation",
    "history",
    "search",
    "sites",
    "editions",
    "spaces",
    "pages",
]
# A word of about one app name in twenty-two (each app's name is its partner's word, a kind, a number): what a
# customer would type into the search box (bench/search_weight.py).
COMMON_WORD = _APP_KINDS[0]
# The platforms the shipped policy recognises, and their sites.
_PLATFORMS = (("Bountyfield", "bountyfield.example.com"), ("Hackergarden", "hackergarden.test"))
_SCANNERS = ("Scanalot 5", "Example Scanner 4", "VulnScope 2")
_GAPS = (
    "No documented incident response exercises",
    "Encryption key rotation not described",
    "Access reviews happen less than yearly",
    "No business continuity test on record",
    "Vendor risk assessments incomplete",
)


@dataclass(frozen=True)
class Size:
    """How big a marketplace to make."""

    partners: int
    apps: int


def write_marketplace(destination: Path, size: Size, as_of: dt.date, seed: int = 2020) -> Path:
    """Write a data root (partners/, verifications/, program/) under `destination`; the data root."""
    data = destination / "data"
    if data.exists():
        shutil.rmtree(data)
    (data / "verifications").mkdir(parents=True)
    shutil.copytree(PROGRAM, data / "program")
    rng = random.Random(seed)  # noqa: S311 - synthetic benchmark data, not a secret
    apps_of = _spread(size, rng)
    for index in range(size.partners):
        partner = _Partner(index, rng, as_of)
        directory = data / "partners" / partner.id
        (directory / "apps").mkdir(parents=True)
        (directory / "partner.yaml").write_text(partner.profile(), encoding="utf-8")
        (directory / "logo.png").write_bytes(_logo(index))
        app_ids = []
        for number in apps_of[index]:
            app = _App(number, partner, rng, as_of)
            (directory / "apps" / f"{app.id}.yaml").write_text(app.record(), encoding="utf-8")
            app_ids.append(app)
        if partner.verified:
            text = partner.verification(app_ids)
            (data / "verifications" / f"{partner.id}.yaml").write_text(text, encoding="utf-8")
    return data


def _spread(size: Size, rng: random.Random) -> list[list[int]]:
    """App numbers per partner: every app has a partner, some partners have none, a few have many, none more
    than the program's limit (its repository file's apps_per_partner)."""
    limit = yaml.safe_load((PROGRAM / "repository.yaml").read_text(encoding="utf-8"))["limits"]["apps_per_partner"]
    if size.apps > limit * size.partners:
        msg = f"{size.apps} apps do not fit {size.partners} partners of at most {limit} apps each"
        raise ValueError(msg)
    owners: list[list[int]] = [[] for _ in range(size.partners)]
    weights = [rng.choice((0, 1, 1, 2, 3, 5, 8)) for _ in range(size.partners)]
    if not any(weights):
        weights[0] = 1
    # Drawn by cumulative weights worked out once (the same draws as by weights, without a pass over every
    # partner for each app); a partner already at the limit is drawn again, or, once all that weigh are full,
    # the app goes to the first partner with room.
    cumulative = list(itertools.accumulate(weights))
    partners = range(size.partners)
    room = [weight > 0 for weight in weights]
    for number in range(size.apps):
        owner = rng.choices(partners, cum_weights=cumulative)[0]
        while len(owners[owner]) >= limit and any(room):
            room[owner] = False
            owner = rng.choices(partners, cum_weights=cumulative)[0]
        if len(owners[owner]) >= limit:
            owner = next(index for index, apps in enumerate(owners) if len(apps) < limit)
        owners[owner].append(number)
    return owners


def _logo(index: int) -> bytes:
    colour = ((index * 67) % 256, (index * 131) % 256, (index * 29) % 256)
    image = Image.new("RGB", (64, 64), colour)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _day(start: dt.date, end: dt.date, rng: random.Random) -> dt.date:
    """A day from start to end, both included (start when the range is empty)."""
    span = (end - start).days
    return start + dt.timedelta(days=rng.randint(0, span)) if span > 0 else start


def _description(rng: random.Random, name: str, target: int) -> str:
    """Markdown of about `target` characters: paragraphs, emphasis, a list and a link."""
    paragraphs = []
    length = 0
    while length < target:
        words = [rng.choice(_WORDS) for _ in range(rng.randint(25, 45))]
        words[rng.randrange(len(words))] = f"**{rng.choice(_WORDS)}**"
        sentence = " ".join(words)
        paragraph = f"{name} keeps your {sentence[0].upper()}{sentence[1:]}."
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
        if len(paragraphs) == 2:
            items = "\n".join(f"- {rng.choice(_WORDS).title()} for {rng.choice(_WORDS)}" for _ in range(4))
            paragraphs.append(items)
            length += len(items) + 2
    paragraphs.append("Read the [security notes](https://docs.example.com/security) for details.")
    return "\n\n".join(paragraphs)


def _block(text: str, indent: str = "  ") -> str:
    return "|\n" + "\n".join(f"{indent}{line}" if line else "" for line in text.splitlines())


class _Partner:
    def __init__(self, index: int, rng: random.Random, as_of: dt.date) -> None:
        self.index = index
        self.rng = rng
        self.as_of = as_of
        word = f"{rng.choice(_ADJECTIVES)}-{rng.choice(_NOUNS)}"
        self.id = f"p{index:05d}-{word}"
        self.name = f"{word.replace('-', ' ').title()} {index:05d}"
        self.verified = rng.random() < 0.85
        self.soc2 = rng.random() < 0.35
        self.iso = rng.random() < 0.25

    def profile(self) -> str:
        rng, as_of = self.rng, self.as_of
        lines = [
            f"id: {self.id}",
            f"name: {self.name}",
            f"website: https://{self.id}.example.com",
            "security_contact:",
            f"  email: security@{self.id}.example.com",
            f"description: {_block(_description(rng, self.name, 600))}",
            "logo: logo.png",
            "editors:",
            f"  - dev-{self.index:05d}",
        ]
        if self.soc2 or self.iso:
            lines.append("certifications:")
        if self.soc2:
            end = _day(as_of - dt.timedelta(days=500), as_of - dt.timedelta(days=30), rng)
            lines += [
                "  soc2:",
                f"    type: {'type-2' if rng.random() < 0.8 else 'type-1'}",
                f"    report_period_end: {end.isoformat()}",
                f"    evidence_url: https://{self.id}.example.com/trust/soc2",
            ]
        if self.iso:
            issued = _day(as_of - dt.timedelta(days=1400), as_of - dt.timedelta(days=10), rng)
            lines += [
                "  iso27001:",
                f"    certificate_id: ISMS-{self.index:05d}",
                "    issuer: Example Registrars",
                f"    issued_on: {issued.isoformat()}",
                f"    expires_on: {(issued + dt.timedelta(days=1095)).isoformat()}",
                f"    evidence_url: https://{self.id}.example.com/trust/iso27001",
            ]
        return "\n".join(lines) + "\n"

    def verification(self, apps: list[_App]) -> str:
        rng, as_of = self.rng, self.as_of
        lines = [f"partner: {self.id}"]
        roll = rng.random()
        tier = "platinum" if roll < 0.1 else "gold" if roll < 0.3 else "silver" if roll < 0.7 else None
        if tier is not None:
            lines += ["tiers:", f"  - tier: {tier}", f"    since: {_day(PROGRAM_START, as_of, rng).isoformat()}"]
        if rng.random() < 0.9:
            lines.append("caiq_lite:")
            first = _day(PROGRAM_START, as_of - dt.timedelta(days=60), rng)
            for day in sorted({first, _day(first, as_of, rng)}):
                lines += [f"  - grade: {rng.choice(('green', 'green', 'orange', 'red'))}", f"    assessed_on: {day}"]
                if rng.random() < 0.5:
                    lines += ["    gaps:", f"      - {rng.choice(_GAPS)}"]
        checks = [kind for kind, claimed in (("soc2", self.soc2), ("iso27001", self.iso)) if claimed]
        if checks:
            lines.append("certificate_checks:")
            for kind in checks:
                outcome = "confirmed" if rng.random() < 0.85 else "rejected"
                day = _day(as_of - dt.timedelta(days=25), as_of, rng)
                lines += [f"  - certification: {kind}", f"    checked_on: {day}", f"    outcome: {outcome}"]
        evidence = [app.evidence() for app in apps]
        if any(evidence):
            lines.append("apps:")
            lines += [block for block in evidence if block]
        exempt = [app for app in apps if rng.random() < 0.03]
        if exempt:
            lines.append("exemptions:")
            for app in exempt:
                granted = _day(as_of - dt.timedelta(days=200), as_of, rng)
                lines += [
                    "  - badge: vulnerability-scan-passed",
                    f"    app: {app.id}",
                    "    reason: The app runs entirely in the browser and stores no data.",
                    f"    granted_on: {granted}",
                    f"    expires_on: {granted + dt.timedelta(days=365)}",
                ]
        if rng.random() < 0.05:
            since = _day(PROGRAM_START, dt.date(2020, 12, 31), rng)
            lines += ["memberships:", "  - program: top-vendor", f"    since: {since}"]
        return "\n".join(lines) + "\n"


class _App:
    def __init__(self, number: int, partner: _Partner, rng: random.Random, as_of: dt.date) -> None:
        self.rng = rng
        self.as_of = as_of
        kind = rng.choice(_APP_KINDS)
        self.id = f"a{number:05d}-{kind}"
        self.name = f"{partner.name.split()[1]} {kind.title()} {number:05d}"
        self.partner = partner
        self.bounty_since = _day(PROGRAM_START, as_of - dt.timedelta(days=10), rng) if rng.random() < 0.35 else None

    def record(self) -> str:
        rng = self.rng
        hosting = sorted(rng.sample(("cloud", "data-center", "server"), rng.randint(1, 3)))
        lines = [
            f"id: {self.id}",
            f"name: {self.name}",
            "hosting:",
            *(f"  - {h}" for h in hosting),
            f"listing_url: https://marketplace.example.com/apps/{self.id}",
            f"description: {_block(_description(rng, self.name, 1500))}",
        ]
        if self.bounty_since is not None:
            platform, site = rng.choice(_PLATFORMS)
            lines += [
                "bug_bounty:",
                f"  platform: {platform}",
                f"  program_url: https://{site}/programs/{self.id}",
                f"  visibility: {rng.choice(('public', 'private'))}",
                f"  since: {self.bounty_since}",
                "  scope:",
                f"    - {self.name}",
            ]
        return "\n".join(lines) + "\n"

    def evidence(self) -> str:
        rng, as_of = self.rng, self.as_of
        lines = []
        if rng.random() < 0.8:
            lines.append("    vulnerability_scans:")
            for day in sorted({_day(as_of - dt.timedelta(days=400), as_of, rng) for _ in range(rng.randint(1, 3))}):
                result = "passed" if rng.random() < 0.85 else "failed"
                lines += [f"      - scanned_on: {day}", f"        result: {result}", f"        scanner: {_SCANNERS[0]}"]
        if self.bounty_since is not None and rng.random() < 0.9:
            lines.append("    bug_bounty_metrics:")
            days = {_day(self.bounty_since, as_of, rng) for _ in range(rng.randint(1, 3))}
            for day in sorted(days):
                sla = [rng.choice((100, 98, 95, 90, 85, 70, 60)) for _ in range(4)]
                lines += [
                    f"      - measured_on: {day}",
                    f"        researchers_engaged: {rng.randint(0, 400)}",
                    "        sla_compliance:",
                    *(f"          {p}: {v}" for p, v in zip(("critical", "high", "medium", "low"), sla, strict=True)),
                ]
        return "\n".join([f"  {self.id}:", *lines]) if lines else ""
