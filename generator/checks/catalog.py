"""The checks that span fields, files and dates, run over every loaded record together."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import TypeVar

from generator.checks import logos as images
from generator.checks.evidence import check_evidence
from generator.checks.limits import check_limits
from generator.checks.lookalikes import mixes_scripts, skeleton
from generator.checks.modelines import modeline_problems
from generator.checks.platforms import check_platforms
from generator.checks.program_files import check_policy, check_timeline
from generator.load.catalog import Catalog, LoadedRecords, load_records
from generator.load.data_tree import Layout
from generator.load.located import Located
from generator.load.problems import Location, Problem, Severity, suggest
from generator.load.yaml_nodes import Document, PathPart
from generator.records.evidence import Verification
from generator.records.fields import Record
from generator.records.json_schema import RecordKind
from generator.records.partner import App, Partner

R = TypeVar("R", bound=Record)

# Ids that would clash with the site's own pages and files.
RESERVED_IDS = frozenset(
    {
        "404",
        "about",
        "admin",
        "api",
        "apps",
        "assets",
        "badges",
        "changes",
        "compare",
        "css",
        "feeds",
        "images",
        "index",
        "js",
        "new",
        "page",
        "pagefind",
        "partners",
        "robots",
        "schema",
        "search",
        "sitemap",
        "static",
        "stats",
        "theme",
        "tiers",
        "timeline",
        "well-known",
    }
)


def check_records(
    loaded: LoadedRecords, as_of: dt.date, newcomers: Collection[Path] = frozenset()
) -> tuple[Catalog, list[Problem]]:
    """The catalogue of loaded records, and every problem in them: the loader's, then the cross-record checks'.

    `newcomers` are the record files a pull request adds or changes (resolved paths): when two records
    collide, the newcomer is the one blamed, so that the error lands in the pull request's diff.
    """
    problems = list(loaded.problems)
    problems += _check_names_match(loaded.partners, loaded.apps, loaded.verifications)
    problems += _check_identity(loaded.partners, loaded.apps, newcomers)
    problems += _check_logos(loaded.partners, loaded.layout)
    problems += modeline_problems(loaded.root, _documents_by_kind(loaded))
    if loaded.repository is not None:
        problems += check_limits(loaded.layout, loaded.repository)
    catalog = loaded.catalog()
    problems += _check_references(catalog, loaded.layout)
    problems += _check_dates(catalog, as_of)
    if loaded.timeline is not None:
        problems += check_timeline(loaded.timeline)
    if loaded.policy is not None:
        problems += check_policy(loaded.policy, catalog.verifications.values())
        problems += check_platforms(loaded.policy.record, catalog)
    return catalog, problems


def _documents_by_kind(loaded: LoadedRecords) -> Iterator[tuple[str, Document]]:
    yield from ((RecordKind.PARTNER, partner.document) for _, partner in loaded.partners)
    yield from ((RecordKind.APP, app.document) for _, app in loaded.apps)
    yield from ((RecordKind.VERIFICATION, verification.document) for _, verification in loaded.verifications)
    if loaded.timeline is not None:
        yield RecordKind.TIMELINE, loaded.timeline.document
    if loaded.policy is not None:
        yield RecordKind.POLICY, loaded.policy.document
    if loaded.repository is not None:
        yield RecordKind.REPOSITORY, loaded.repository.document


def load_catalog(
    root: Path, as_of: dt.date, newcomers: Collection[Path] = frozenset()
) -> tuple[Catalog, list[Problem]]:
    """Every record under `root`, and every problem found in them, checked as of `as_of`."""
    return check_records(load_records(root), as_of, newcomers)


def _check_names_match(
    partners: list[tuple[str, Located[Partner]]],
    apps: list[tuple[str, Located[App]]],
    verifications: list[tuple[str, Located[Verification]]],
) -> Iterator[Problem]:
    """Ids equal the directory or file names that hold them, so ownership follows the path."""
    for directory, partner in partners:
        if partner.record.id != directory:
            yield partner.at(
                ("id",),
                "id-mismatch",
                f"id '{partner.record.id}' does not match its directory name '{directory}'",
                hint=f"write id: {directory}, or rename the directory",
            )
    for _, app in apps:
        stem = app.document.path.stem
        if app.record.id != stem:
            yield app.at(
                ("id",),
                "id-mismatch",
                f"id '{app.record.id}' does not match its file name '{stem}.yaml'",
                hint=f"write id: {stem}, or rename the file",
            )
    for stem, verification in verifications:
        if verification.record.partner != stem:
            yield verification.at(
                ("partner",),
                "id-mismatch",
                f"partner '{verification.record.partner}' does not match the file name '{stem}.yaml'",
                hint=f"write partner: {stem}, or rename the file",
            )


def _check_identity(
    partners: list[tuple[str, Located[Partner]]],
    apps: list[tuple[str, Located[App]]],
    newcomers: Collection[Path],
) -> Iterator[Problem]:
    """Ids and names are unique site-wide, look-alikes included, and no id is reserved."""

    # The first of two colliding records keeps its id and the second is blamed. Records the change leaves
    # alone come first, so a newcomer that copies an existing id is blamed whatever its path; then partners
    # before apps, so an app is never blamed over the partner whose id it takes; then path order.
    def order(entry: Located[Partner] | Located[App]) -> tuple[bool, bool, str]:
        path = entry.document.path
        # Resolving a path costs system calls: only a pull request's check has newcomers to look for.
        return (bool(newcomers) and path.resolve() in newcomers, isinstance(entry.record, App), path.as_posix())

    entries: list[Located[Partner] | Located[App]] = [p for _, p in partners]
    entries += [a for _, a in apps]
    entries.sort(key=order)
    seen_ids: dict[str, Located[Partner] | Located[App]] = {}
    seen_names: dict[str, Located[Partner] | Located[App]] = {}
    for entry in entries:
        record = entry.record
        if record.id in RESERVED_IDS:
            yield entry.at(
                ("id",),
                "reserved-id",
                f"id '{record.id}' is reserved for the site's own pages",
                hint="choose another id",
            )
        first = seen_ids.setdefault(skeleton(record.id), entry)
        if first is not entry:
            yield entry.at(
                ("id",),
                "duplicate-id",
                f"id '{record.id}' is already used, or looks the same as '{first.record.id}'",
                hint=f"ids are unique across all partners and apps (see {_where(first)})",
            )
        if mixes_scripts(record.name):
            yield entry.at(
                ("name",),
                "confusable-name",
                f"name '{record.name}' mixes alphabets in a way that can imitate another name",
                hint="write the name in one alphabet",
            )
        first = seen_names.setdefault(skeleton(record.name), entry)
        if first is not entry:
            yield entry.at(
                ("name",),
                "duplicate-name",
                f"name '{record.name}' is already used, or looks the same as '{first.record.name}'",
                hint=f"names are unique across all partners and apps (see {_where(first)})",
            )


def _where(entry: Located[Partner] | Located[App]) -> str:
    location = entry.document.locate(entry.document.find(("id",))[0])
    return f"{location.path.as_posix()}:{location.line}"


def _check_logos(partners: list[tuple[str, Located[Partner]]], layout: Layout) -> Iterator[Problem]:
    for directory, partner in partners:
        present = {path.name: path for path in layout.images.get(directory, [])}
        logo = partner.record.logo
        if logo is not None:
            path = present.pop(logo, None)
            if path is None:
                yield partner.at(
                    ("logo",),
                    "missing-file",
                    f"logo file '{logo}' is not in the partner's directory",
                    hint=f"add {directory}/{logo}, or remove the logo field",
                )
            elif (problem := images.logo_problem(path, layout.stats.get(str(path)))) is not None:
                yield partner.at(("logo",), "bad-logo", f"logo: {problem}")
        for path in present.values():
            yield Problem(
                "unused-file",
                f"image '{path.name}' is not the partner's logo",
                Location(path),
                Severity.WARNING,
                hint="delete it, or name it in the logo field",
            )
    images.save_logo_cache()


def _check_references(catalog: Catalog, layout: Layout) -> Iterator[Problem]:
    """Evidence points at partners, apps and claims that exist.

    A record whose file exists but failed its own checks still counts as existing here: its own errors
    are already reported, and a second error about every reference to it would only bury them.
    """
    partner_dirs = {name for name, _ in layout.partner_files}
    # Grouped once: gathering one partner's apps by scanning every app file would cost partners times apps.
    apps_by_partner: dict[str, set[str]] = {}
    for owner, path in layout.app_files:
        apps_by_partner.setdefault(owner, set()).add(path.stem)
    for partner_id, verification in catalog.verifications.items():
        partner = catalog.partners.get(partner_id)
        if partner is None and partner_id in partner_dirs:
            continue
        if partner is None:
            yield verification.at(
                ("partner",),
                "dangling-ref",
                f"no partner '{partner_id}' in data/partners/",
                hint="check the spelling, or add the partner first",
            )
            continue
        own_apps = apps_by_partner.get(partner_id, set())
        for app_id in verification.record.apps:
            if app_id not in own_apps:
                yield verification.at(
                    ("apps", app_id),
                    "dangling-ref",
                    f"'{app_id}' is not an app of partner '{partner_id}'",
                    hint=_apps_hint(own_apps, app_id),
                    on_key=True,
                )
        claims = partner.record.certifications
        for index, check in enumerate(verification.record.certificate_checks):
            if getattr(claims, check.certification.value) is None:
                yield verification.at(
                    ("certificate_checks", index, "certification"),
                    "dangling-ref",
                    f"partner '{partner_id}' claims no {check.certification} certification",
                    hint="the partner adds the claim to partner.yaml first",
                )
        for index, exemption in enumerate(verification.record.exemptions):
            if exemption.app is not None and exemption.app not in own_apps:
                yield verification.at(
                    ("exemptions", index, "app"),
                    "dangling-ref",
                    f"'{exemption.app}' is not an app of partner '{partner_id}'",
                    hint=_apps_hint(own_apps, exemption.app),
                )


def _apps_hint(own_apps: set[str], got: str) -> str:
    if not own_apps:
        return "the partner has no apps yet"
    return suggest(got, own_apps) or "its apps are: " + ", ".join(sorted(own_apps))


def _check_dates(catalog: Catalog, as_of: dt.date) -> Iterator[Problem]:
    """Evidence is not dated in the future, expiries come after issue, histories have one entry a day."""
    for partner in catalog.partners.values():
        claims = partner.record.certifications
        if claims.soc2 is not None:
            yield from _past(
                partner, ("certifications", "soc2", "report_period_end"), claims.soc2.report_period_end, as_of
            )
        if claims.iso27001 is not None:
            iso = claims.iso27001
            yield from _past(partner, ("certifications", "iso27001", "issued_on"), iso.issued_on, as_of)
            yield from _after(
                partner,
                ("certifications", "iso27001"),
                "issued_on",
                iso.issued_on,
                "expires_on",
                iso.expires_on,
            )
    for app in catalog.apps.values():
        if app.record.bug_bounty is not None:
            yield from _past(app, ("bug_bounty", "since"), app.record.bug_bounty.since, as_of)
    for verification in catalog.verifications.values():
        yield from _check_evidence_dates(verification, as_of)
        yield from check_evidence(verification, as_of)


def _check_evidence_dates(verification: Located[Verification], as_of: dt.date) -> Iterator[Problem]:
    record = verification.record
    histories: list[tuple[tuple[PathPart, ...], str, list[dt.date]]] = [
        (("tiers",), "since", [t.since for t in record.tiers]),
        (("caiq_lite",), "assessed_on", [c.assessed_on for c in record.caiq_lite]),
        (("certificate_checks",), "checked_on", [c.checked_on for c in record.certificate_checks]),
        (("exemptions",), "granted_on", [e.granted_on for e in record.exemptions]),
    ]
    for app_id, evidence in record.apps.items():
        histories.append(
            (
                ("apps", app_id, "vulnerability_scans"),
                "scanned_on",
                [s.scanned_on for s in evidence.vulnerability_scans],
            )
        )
        histories.append(
            (
                ("apps", app_id, "bug_bounty_metrics"),
                "measured_on",
                [m.measured_on for m in evidence.bug_bounty_metrics],
            )
        )
    for path, name, dates in histories:
        seen: set[dt.date] = set()
        for index, day in enumerate(dates):
            yield from _past(verification, (*path, index, name), day, as_of)
            if day in seen and path != ("exemptions",) and path != ("certificate_checks",):
                yield verification.at(
                    (*path, index, name),
                    "duplicate-date",
                    f"{name}: two entries for {day.isoformat()}",
                    hint="keep one entry per day; correct the older one instead",
                )
            seen.add(day)
    for index, exemption in enumerate(record.exemptions):
        yield from _after(
            verification,
            ("exemptions", index),
            "granted_on",
            exemption.granted_on,
            "expires_on",
            exemption.expires_on,
        )


def _past(entry: Located[R], path: tuple[PathPart, ...], day: dt.date, as_of: dt.date) -> Iterator[Problem]:
    if day > as_of:
        yield entry.at(
            path,
            "future-date",
            f"{path[-1]}: expected a date on or before {as_of.isoformat()} (got {day.isoformat()})",
            hint="evidence can only be dated once it exists",
        )


def _after(
    entry: Located[R],
    path: tuple[PathPart, ...],
    first_name: str,
    first: dt.date,
    second_name: str,
    second: dt.date,
) -> Iterator[Problem]:
    if second <= first:
        yield entry.at(
            (*path, second_name),
            "bad-date-order",
            f"{second_name}: expected a date after {first_name} {first.isoformat()} (got {second.isoformat()})",
        )
