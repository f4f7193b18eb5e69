"""The decisions cache: each partner's decisions and events are those `evaluate` and `trust_events` make, and a
partner is judged again exactly when one of its own files, the policy, the date or the code changed."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest

from generator.checks.catalog import load_catalog
from generator.load.cache import CACHE_DIRECTORY_VARIABLE, CACHE_SWITCH_VARIABLE
from generator.load.catalog import Catalog
from generator.policy import decision_cache
from generator.policy.decision_cache import (
    evaluate_beside,
    evaluate_cached,
    judge_cached,
    trust_events_cached,
    with_decisions,
)
from generator.policy.engine import evaluate
from generator.policy.events import trust_events
from generator.records.policy import Policy


@pytest.fixture
def data(tmp_path: Path, demo_data: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(CACHE_DIRECTORY_VARIABLE, str(tmp_path / "cache"))
    monkeypatch.delenv(CACHE_SWITCH_VARIABLE, raising=False)
    shutil.copytree(demo_data, tmp_path / "data")
    return tmp_path / "data"


def _catalog(data: Path, as_of: dt.date) -> Catalog:
    catalog, _ = load_catalog(data, as_of)
    assert catalog.policy is not None
    return catalog


def _catalog_and_policy(data: Path, as_of: dt.date) -> tuple[Catalog, Policy]:
    catalog = _catalog(data, as_of)
    assert catalog.policy is not None
    return catalog, catalog.policy.record


def _count_judged(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    judged: list[str] = []
    judge = decision_cache._judge

    def counting(catalog: Catalog, policy: Any, partner_id: str) -> Any:
        judged.append(partner_id)
        return judge(catalog, policy, partner_id)

    monkeypatch.setattr(decision_cache, "_judge", counting)
    return judged


def test_cached_decisions_and_events_are_the_engines(
    data: Path, as_of: dt.date, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog, policy = _catalog_and_policy(data, as_of)
    judged = _count_judged(monkeypatch)

    for _ in range(2):
        assert evaluate_cached(catalog, policy, as_of) == evaluate(catalog, policy, as_of)
        assert trust_events_cached(catalog, policy, as_of) == trust_events(catalog, policy, as_of)

    # Judged once for the decisions and once for the events, on the first round only.
    assert len(judged) == 2 * len(catalog.partners)


def test_partners_judged_in_worker_processes_are_judged_as_in_one_and_remembered(
    data: Path, as_of: dt.date, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog, policy = _catalog_and_policy(data, as_of)
    evaluation, events = judge_cached(catalog, policy, as_of, processes=2)
    assert evaluation == evaluate(catalog, policy, as_of)
    assert events == trust_events(catalog, policy, as_of)
    # The workers' judgements were handed back to this process's cache: nothing is judged again.
    judged = _count_judged(monkeypatch)
    assert judge_cached(catalog, policy, as_of, processes=2) == (evaluation, events)
    assert judged == []


def test_what_is_worked_out_of_decisions_in_worker_processes_is_what_one_process_works_out(
    data: Path, as_of: dt.date, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog, policy = _catalog_and_policy(data, as_of)
    partners = list(catalog.partners)
    expected = evaluate(catalog, policy, as_of)

    def tier(partner_id: str, decisions: Any) -> tuple[str, Any]:
        return partner_id, decisions.tier

    worked = with_decisions(catalog, policy, as_of, partners, tier, processes=2)
    assert worked == [(partner_id, expected.partners[partner_id].tier) for partner_id in partners]
    # The decisions judged in the workers were remembered here.
    judged = _count_judged(monkeypatch)
    assert evaluate_cached(catalog, policy, as_of) == expected
    assert judged == []


def test_a_partner_remembered_by_neither_cache_is_judged_once_for_both(
    data: Path, as_of: dt.date, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog = _catalog(data, as_of)
    assert catalog.policy is not None
    judged = _count_judged(monkeypatch)
    judge_cached(catalog, catalog.policy.record, as_of)
    assert sorted(judged) == sorted(catalog.partners)


def test_only_the_partner_whose_file_changed_is_judged_again(
    data: Path, as_of: dt.date, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog = _catalog(data, as_of)
    assert catalog.policy is not None
    evaluate_cached(catalog, catalog.policy.record, as_of)
    app_id, partner_id = next(iter(catalog.app_owner.items()))
    path = catalog.apps[app_id].document.path
    path.write_text(path.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    judged = _count_judged(monkeypatch)

    changed = _catalog(data, as_of)
    assert changed.policy is not None
    assert evaluate_cached(changed, changed.policy.record, as_of) == evaluate(changed, changed.policy.record, as_of)

    assert judged == [partner_id]


@pytest.mark.parametrize("change", ["date", "policy", "code"])
def test_every_partner_is_judged_again_when_what_all_read_changes(
    data: Path, as_of: dt.date, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    catalog = _catalog(data, as_of)
    assert catalog.policy is not None
    evaluate_cached(catalog, catalog.policy.record, as_of)
    day = as_of
    if change == "date":
        day = as_of - dt.timedelta(days=1)
    elif change == "policy":
        policy_file = data / "program" / "policy.yaml"
        policy_file.write_text(policy_file.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    else:
        monkeypatch.setattr(decision_cache, "code_fingerprint", lambda: "another version of the code")
    judged = _count_judged(monkeypatch)

    again = _catalog(data, as_of)
    assert again.policy is not None
    assert evaluate_cached(again, again.policy.record, day) == evaluate(again, again.policy.record, day)

    assert sorted(judged) == sorted(again.partners)


def test_beside_a_judged_catalogue_only_the_partners_whose_inputs_differ_are_restored_or_judged(
    data: Path, tmp_path: Path, as_of: dt.date, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The head of a change judged; its base, a copy with one app changed back, judged beside it.
    head, head_policy = _catalog_and_policy(data, as_of)
    head_evaluation = evaluate_cached(head, head_policy, as_of)
    base_data = tmp_path / "base"
    shutil.copytree(data, base_data)
    app_id, partner_id = next(iter(head.app_owner.items()))
    path = base_data / head.apps[app_id].document.path.relative_to(data)
    path.write_text(path.read_text(encoding="utf-8") + "\n# before the change\n", encoding="utf-8")
    base, base_policy = _catalog_and_policy(base_data, as_of)
    judged = _count_judged(monkeypatch)

    beside = evaluate_beside(base, base_policy, as_of, (head, head_policy, head_evaluation))

    assert beside == evaluate(base, base_policy, as_of)
    assert list(beside.partners) == list(base.partners)
    assert judged == [partner_id]
    # The others are the head's own decisions, not restored again.
    assert all(beside.partners[p] is head_evaluation.partners[p] for p in base.partners if p != partner_id)
    # Judged as of another day, nothing of the head's is taken.
    day = as_of - dt.timedelta(days=1)
    earlier = evaluate_beside(base, base_policy, day, (head, head_policy, head_evaluation))
    assert earlier == evaluate(base, base_policy, day)
