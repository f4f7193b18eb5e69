"""The whole catalogue: the demo data is clean and covers every case; cross-record rules hold."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import TypeVar

import pytest

from generator.checks.catalog import load_catalog
from generator.checks.lookalikes import mixes_scripts, skeleton
from generator.load.catalog import Catalog
from generator.records.vocabulary import Certification, Grade, Hosting, Soc2Type, Tier

T = TypeVar("T")


@pytest.fixture(scope="module")
def catalog(demo_data: Path, as_of: dt.date) -> Catalog:
    loaded, problems = load_catalog(demo_data, as_of)
    assert problems == []
    return loaded


def _current(entries: list[tuple[dt.date, T]], as_of: dt.date) -> T | None:
    past = sorted((day, value) for day, value in entries if day <= as_of)
    return past[-1][1] if past else None


def test_demo_data_is_big_enough(catalog: Catalog) -> None:
    assert len(catalog.partners) >= 12
    assert len(catalog.apps) >= 30
    assert catalog.timeline is not None


def test_demo_data_covers_every_grade_tier_hosting_and_certification(catalog: Catalog, as_of: dt.date) -> None:
    grades = set()
    tiers = set()
    for verification in catalog.verifications.values():
        record = verification.record
        grades.add(_current([(a.assessed_on, a.grade) for a in record.caiq_lite], as_of))
        tiers.add(_current([(t.since, t.tier) for t in record.tiers], as_of))
    assert set(Grade) <= grades
    assert set(Tier) <= tiers
    assert None in tiers or len(catalog.verifications) < len(catalog.partners)
    assert {h for app in catalog.apps.values() for h in app.record.hosting} == set(Hosting)
    claims = [p.record.certifications for p in catalog.partners.values()]
    assert {c.soc2.type for c in claims if c.soc2} == set(Soc2Type)
    assert any(c.iso27001 for c in claims)
    assert any(c.soc2 and c.iso27001 for c in claims)
    assert any(not c.soc2 and not c.iso27001 for c in claims)
    checked = {check.certification for v in catalog.verifications.values() for check in v.record.certificate_checks}
    assert checked == set(Certification)


def test_demo_data_covers_the_bug_bounty_and_date_scenarios(catalog: Catalog, as_of: dt.date) -> None:
    programs = [app.record.bug_bounty for app in catalog.apps.values() if app.record.bug_bounty]
    assert any((as_of - p.since).days <= 14 for p in programs), "a bug bounty that just started"
    assert any(p.since.year <= 2020 for p in programs), "a long-running bug bounty"
    metrics = [m for v in catalog.verifications.values() for e in v.record.apps.values() for m in e.bug_bounty_metrics]
    assert any((m.sla_compliance.critical or 100) < 75 for m in metrics), "poor SLA compliance"
    assert any(m.sla_compliance.critical is None and m.reports and m.reports.critical == 0 for m in metrics), (
        "a priority with no reports"
    )
    assert any(p.until is not None and p.until < as_of for p in programs), "an ended bug bounty program"
    revocations = [r for v in catalog.verifications.values() for r in v.record.revocations]
    assert any(r.badge and r.revoked_on <= as_of for r in revocations), "a revoked badge"
    assert any(v.record.tiers for v in catalog.verifications.values()), "tiers, one of them pending (golden file)"
    soon = as_of + dt.timedelta(days=30)
    isos = [p.record.certifications.iso27001 for p in catalog.partners.values() if p.record.certifications.iso27001]
    assert any(i.expires_on < as_of for i in isos), "an expired certificate"
    assert any(as_of <= i.expires_on <= soon for i in isos), "a certificate expiring within 30 days"
    unverified = set(catalog.partners) - set(catalog.verifications)
    assert unverified, "a partner with nothing verified yet"
    exemptions = [e for v in catalog.verifications.values() for e in v.record.exemptions]
    assert any(e.expires_on >= as_of for e in exemptions)
    assert any(e.expires_on < as_of for e in exemptions)


def test_every_app_belongs_to_its_directory(catalog: Catalog) -> None:
    for app_id, owner in catalog.app_owner.items():
        assert catalog.apps[app_id].document.path.parent.parent.name == owner
    assert [app.id for app in catalog.apps_of("acme-cloudworks")] == sorted(
        app.id for app in catalog.apps_of("acme-cloudworks")
    )


def test_validation_is_judged_as_of_the_date_given(demo_data: Path) -> None:
    _, problems = load_catalog(demo_data, dt.date(2026, 1, 1))
    assert problems
    assert {problem.code for problem in problems} == {"future-date"}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Acme Sync", "acme sync"),
        ("Acme Sync", "ACME-SYNC"),
        ("Acme Sync", "\u0410\u0441me Sync"),  # Cyrillic capital A and small es
        ("Acme Sync", "\uff21\uff43\uff4d\uff45 \uff33\uff59\uff4e\uff43"),  # full-width forms
        ("modern", "rnodern"),
        ("hooli-tools", "hoo1i-tools"),
        ("globex", "gl0bex"),
    ],
)
def test_look_alike_names_fold_to_the_same_skeleton(first: str, second: str) -> None:
    assert skeleton(first) == skeleton(second)


def test_different_names_keep_different_skeletons() -> None:
    assert skeleton("Acme Sync") != skeleton("Acme Sink")
    assert skeleton("Мой Софт") != skeleton("Acme")


def test_mixed_script_names_are_flagged() -> None:
    assert mixes_scripts("\u0410\u0441me Sync")
    assert not mixes_scripts("Acme Sync")
    assert not mixes_scripts("Мой Софт")


def test_a_look_alike_app_name_is_reported(tmp_path: Path, demo_data: Path, as_of: dt.date) -> None:
    data = tmp_path / "data"
    shutil.copytree(demo_data, data)
    app = data / "partners" / "globex-integrations" / "apps" / "globex-ledger.yaml"
    app.write_text(app.read_text().replace("name: Globex Time Ledger", "name: ACME-SYNC"), encoding="utf-8")
    _, problems = load_catalog(data, as_of)
    assert [(p.code, p.message) for p in problems] == [
        ("duplicate-name", "name 'ACME-SYNC' is already used, or looks the same as 'Acme Sync'")
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("fulfils:\n      - self-assessment-results", "fulfils:\n      - self-assessment-result"),
            ("dangling-ref", "no milestone 'self-assessment-result' in milestones"),
        ),
        (
            ("fulfils:\n      - self-assessment-results", "fulfils:\n      - bug-bounty-launch"),
            ("bad-fulfils", "milestone 'bug-bounty-launch' is not a plan (its status is happened)"),
        ),
        (
            ("status: happened\n    title: First CAIQ-Lite", "status: planned\n    title: First CAIQ-Lite"),
            ("bad-fulfils", "milestone 'first-caiq-lite-results' fulfils plans but is itself planned"),
        ),
    ],
)
def test_a_milestone_fulfils_only_plans_of_the_timeline_and_only_once_it_happened(
    tmp_path: Path, demo_data: Path, as_of: dt.date, change: tuple[str, str], expected: tuple[str, str]
) -> None:
    data = tmp_path / "data"
    shutil.copytree(demo_data, data)
    timeline = data / "program" / "timeline.yaml"
    text = timeline.read_text(encoding="utf-8")
    assert change[0] in text
    timeline.write_text(text.replace(change[0], change[1]), encoding="utf-8")
    _, problems = load_catalog(data, as_of)
    assert [(p.code, p.message) for p in problems] == [expected]
