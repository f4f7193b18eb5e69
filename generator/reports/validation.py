"""The validate command's work: check data roots or single record files, with the policy's warnings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.checks.catalog import check_records
from generator.load.cache import digest, open_pack, restore_problem, store_problem
from generator.load.catalog import Catalog, load_frozen_records
from generator.load.data_tree import (
    APPS,
    PARTNER_FILE,
    PARTNERS,
    POLICY_FILE,
    PROGRAM,
    REPOSITORY_FILE,
    TIMELINE_FILE,
    VERIFICATIONS,
)
from generator.load.located import Located, load_record
from generator.load.problems import Location, Problem, Severity, plural
from generator.policy.decision_cache import evaluate_cached, input_paths, partner_inputs, with_decisions
from generator.process_memory import long_lived
from generator.records.evidence import Verification, VouchedProgram
from generator.records.fields import Record
from generator.records.partner import App, Partner
from generator.records.policy import Policy
from generator.records.repository import Repository
from generator.records.timeline import Timeline

if TYPE_CHECKING:
    from generator.policy.engine import Evaluation, PartnerDecisions
    from generator.reports.criteria_words import Wording

# The engine and the receipts' words are imported where a partner's warnings are made, not by a check that finds
# every partner's warnings in the cache (a validate with nothing changed).


@dataclass(frozen=True)
class CheckedData:
    """A data root loaded and checked as of a date, and judged when it has no errors."""

    catalog: Catalog
    # Every error and warning of the checks (the policy's warnings are validate's: `validation_problems`).
    problems: list[Problem]
    # None when the data has errors (or no policy): nothing is decided from invalid data.
    evaluation: Evaluation | None

    @property
    def policy(self) -> Policy | None:
        """The program policy, once the data is valid."""
        return self.catalog.policy.record if self.evaluation is not None and self.catalog.policy else None


def check_data(root: Path, as_of: dt.date, newcomers: Collection[Path] = frozenset()) -> CheckedData:
    """Load and check a data root; when the data is valid, judge it once.

    For a command that reads the decisions (readiness, the trust impact): the problems are the checks' own, not
    the policy's warnings, which `validation_problems` adds for validate (each points into a file: finding
    where takes reading thousands of them again). `newcomers`: the files a pull request adds or changes, blamed
    first when records collide.
    """
    catalog, problems = _checked(root, as_of, newcomers)
    if catalog.policy is None or any(p.severity is Severity.ERROR for p in problems):
        return CheckedData(catalog, problems, None)
    # Each partner judged again only when its own files, the policy, the date or the code changed; the decisions
    # live until the command ends.
    with long_lived():
        evaluation = evaluate_cached(catalog, catalog.policy.record, as_of)
    return CheckedData(catalog, problems, evaluation)


def validation_problems(
    root: Path, as_of: dt.date, newcomers: Collection[Path] = frozenset()
) -> tuple[Catalog, list[Problem]]:
    """What `check_data` finds, its warnings included, without judging the partners whose warnings are known.

    A partner's warnings are a function of what its decisions are judged from (`partner_inputs`): they are
    remembered by that digest, so that checking a pull request judges only the partners it changes.
    """
    catalog, problems = _checked(root, as_of, newcomers)
    if catalog.policy is None or any(p.severity is Severity.ERROR for p in problems):
        return catalog, problems
    return catalog, [*problems, *_policy_warnings(catalog, catalog.policy.record, as_of)]


def _checked(root: Path, as_of: dt.date, newcomers: Collection[Path]) -> tuple[Catalog, list[Problem]]:
    # The records live until the command ends: out of the cycle collector's sight, its passes while checking and
    # judging (and the one at exit) no longer walk millions of loaded objects; 4 s of 10,000 apps' exit alone.
    return check_records(load_frozen_records(root), as_of, newcomers)


def _policy_warnings(catalog: Catalog, policy: Policy, as_of: dt.date) -> list[Problem]:
    """Every partner's tier warnings (a tier at risk, pending or suspended, naming what is missing), then its
    changed claims (a claim changed since maintainers verified it is self-attested again): each partner's from the
    cache when its inputs are known."""
    pack = open_pack("warnings")
    inputs = partner_inputs(catalog, policy, as_of) if pack is not None else {}
    found: dict[str, tuple[list[Problem], list[Problem]]] = {}
    keys = {partner_id: None if key is None else digest("warnings", key) for partner_id, key in inputs.items()}
    for partner_id, key in keys.items():
        entry = pack.get(key) if pack is not None and key is not None else None
        if entry is not None:
            restored = _restored_warnings(entry, input_paths(catalog, partner_id))
            if restored is not None:
                found[partner_id] = restored
    missing = [partner_id for partner_id in catalog.partners if partner_id not in found]
    if missing:
        from generator.reports.criteria_words import plain_wording

        words = plain_wording(policy, catalog.app_names)

        def warnings_of(partner_id: str, decisions: PartnerDecisions) -> tuple[list[Problem], list[Problem]]:
            tiers = list(_tier_warnings_of(catalog, words, partner_id, decisions))
            return tiers, list(_changed_claims_of(catalog, partner_id, as_of))

        # Worked out on every core, each partner's files read again there for the warnings to point into.
        judged = with_decisions(catalog, policy, as_of, missing, warnings_of)
        for partner_id, (tiers, claims) in zip(missing, judged, strict=True):
            found[partner_id] = tiers, claims
            key = keys.get(partner_id)
            paths = input_paths(catalog, partner_id)
            stored = [[store_problem(p, paths) for p in problems] for problems in (tiers, claims)]
            if pack is not None and key is not None and all(p is not None for p in (*stored[0], *stored[1])):
                pack.put(key, stored)
    if pack is not None:
        pack.save()
    order = list(catalog.partners)
    return [*(p for partner_id in order for p in found[partner_id][0]), *(p for i in order for p in found[i][1])]


def _restored_warnings(entry: Any, paths: list[Path]) -> tuple[list[Problem], list[Problem]] | None:
    try:
        tiers, claims = entry
        return [restore_problem(p, paths) for p in tiers], [restore_problem(p, paths) for p in claims]
    except (TypeError, ValueError, IndexError):
        return None


def _changed_claims_of(catalog: Catalog, partner_id: str, as_of: dt.date) -> Iterator[Problem]:
    from generator.policy.certificate_checks import vouches_for
    from generator.policy.rule_kind import latest

    located = catalog.partners[partner_id]
    verification = catalog.verifications.get(partner_id)
    if verification is None:
        return
    claims = located.record.certifications
    for name, claim in (("soc2", claims.soc2), ("iso27001", claims.iso27001)):
        checks = [c for c in verification.record.certificate_checks if c.certification == name]
        check = latest(checks, lambda c: c.checked_on, as_of)
        if claim is not None and check is not None and not vouches_for(check, claim):
            yield _changed(located, ("certifications", name), name, check.checked_on)
    for app in catalog.apps_of(partner_id):
        evidence = verification.record.apps.get(app.id)
        program_check = latest(evidence.program_checks if evidence else (), lambda c: c.checked_on, as_of)
        program = app.bug_bounty
        if program is None or program_check is None:
            continue
        if program_check.vouches_for != VouchedProgram(platform=program.platform, since=program.since):
            yield _changed(catalog.apps[app.id], ("bug_bounty",), "bug_bounty", program_check.checked_on)


def _changed(entry: Located[Partner] | Located[App], path: tuple[str, ...], name: str, checked: dt.date) -> Problem:
    return entry.at(
        path,
        "changed-since-verified",
        f"{name} changed since maintainers verified it on {checked.isoformat()}: it is self-attested again",
        "maintainers: check the claim again and record what the new check vouches for",
        Severity.WARNING,
    )


def _tier_warnings_of(
    catalog: Catalog, words: Wording, partner_id: str, decisions: PartnerDecisions
) -> Iterator[Problem]:
    from generator.policy.engine import TierStanding
    from generator.reports.criteria_words import observed, requirement

    tier = decisions.tier
    verification = catalog.verifications.get(partner_id)
    warned = (TierStanding.AT_RISK, TierStanding.SUSPENDED, TierStanding.PENDING)
    if tier.standing not in warned or verification is None:
        return
    index = max(i for i, entry in enumerate(verification.record.tiers) if entry.since == tier.since)
    missing = "; ".join(f"{requirement(c.rule, words)} (found: {observed(c, words)})" for c in tier.missing)
    if tier.standing is TierStanding.AT_RISK:
        code = "tier-at-risk"
        message = f"{partner_id}: {tier.tier} tier at risk, suspended after {tier.review_by} unless fixed"
    elif tier.standing is TierStanding.PENDING:
        code = "tier-pending"
        message = f"{partner_id}: {tier.tier} tier pending: its prerequisites have not held since {tier.since}"
    else:
        code = "tier-suspended"
        message = f"{partner_id}: {tier.tier} tier suspended: its prerequisites do not hold"
    yield verification.at(("tiers", index, "tier"), code, message, f"missing: {missing}", Severity.WARNING)


def validate_path(
    path: Path, as_of_date: dt.date, newcomers: Collection[Path] = frozenset()
) -> tuple[list[Problem], str]:
    """Problems in a data directory, or in a file or folder checked with the whole data root it sits in.

    A partner's folder (partners/<id>/) shows that partner's problems only: its files', and its verification
    record's, where its tier warnings are.
    """
    root = _data_root(path)
    if path.is_dir() and (root is None or (path / PARTNERS).is_dir()):
        catalog, problems = validation_problems(path, as_of_date, newcomers)
        summary = (
            f"{plural(len(catalog.partners), 'partner')}, {plural(len(catalog.apps), 'app')}, "
            f"{plural(len(catalog.verifications), 'verification record')} checked in {path.as_posix()}"
        )
        return problems, summary
    if root is not None:
        _, problems = validation_problems(root, as_of_date, newcomers)
        return [p for p in problems if _concerns(p, path.resolve(), root.resolve())], f"{path.as_posix()} checked"
    model = _model_for(path)
    if model is None:
        return [_unknown_kind(path)], f"{path.as_posix()} not checked"
    _, problems = load_record(path, model)
    return problems, f"{path.as_posix()} checked"


def _concerns(problem: Problem, target: Path, root: Path) -> bool:
    """Whether a problem is in the file or folder `target`, or in the verification record of its partner."""
    if problem.location is None:
        return False
    where = problem.location.path.resolve()
    if where == target or where.is_relative_to(target):
        return True
    partner_folder = target.parent == root / PARTNERS and target.is_dir()
    return partner_folder and where == root / VERIFICATIONS / f"{target.name}.yaml"


def _data_root(path: Path) -> Path | None:
    """The data directory a record file belongs to: the nearest ancestor holding partners/."""
    for parent in path.resolve().parents:
        if (parent / PARTNERS).is_dir() and path.resolve().is_relative_to(parent):
            return parent
    return None


def _model_for(path: Path) -> type[Record] | None:
    if path.name == PARTNER_FILE:
        return Partner
    if path.parent.name == APPS:
        return App
    if path.parent.name == VERIFICATIONS:
        return Verification
    if path.name == TIMELINE_FILE and path.parent.name == PROGRAM:
        return Timeline
    if path.name == POLICY_FILE and path.parent.name == PROGRAM:
        return Policy
    if path.name == REPOSITORY_FILE and path.parent.name == PROGRAM:
        return Repository
    return None


def _unknown_kind(path: Path) -> Problem:
    msg = "cannot tell what kind of record this is from where it lives"
    hint = (
        "partner.yaml, apps/<app-id>.yaml, verifications/<partner-id>.yaml, "
        "program/timeline.yaml, program/policy.yaml or program/repository.yaml"
    )
    return Problem("unexpected-file", msg, Location(path), hint=f"record files are {hint}")
