"""What every rule kind declares, and what its evaluator is given: the subject judged and its evidence.

A rule kind is one entry (`RuleKind`) in one module of `generator.policy.rule_kinds`: its parameter model
(in `generator.records.policy`, where the policy file is validated), its evaluator, and the days on which its
outcome can change for a subject. The levels it fits are declared on its parameter model, because the policy
checks, which run before the engine, need them too. Its sentences are in `generator.reports.criteria_words`:
the engine writes no prose.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar, get_args

from generator.policy.outcomes import Criterion, Holding
from generator.records.evidence import Verification
from generator.records.partner import App, Partner
from generator.records.policy import Level, RuleParameters
from generator.records.shared_values import compact_pickle

ONE_DAY = dt.timedelta(days=1)
T = TypeVar("T")
R = TypeVar("R", bound=RuleParameters)


class Holdings(Protocol):
    """Answers whether a subject holds a badge, for rules built on other badges."""

    def holding(self, badge_id: str, app_id: str | None) -> Holding:
        """The partner's (app_id None) or one of its apps' holding of a badge judged before."""
        ...


@compact_pickle
@dataclass(frozen=True, slots=True)
class Subject:
    """What a criterion is judged on: a partner, or one of its apps, with the evidence held about it."""

    partner: Partner
    app: App | None
    verification: Verification | None
    partner_app_ids: tuple[str, ...]
    holdings: Holdings


@compact_pickle
@dataclass(frozen=True, slots=True)
class RuleKind(Generic[R]):
    """One rule kind: its parameters, how it is judged, and when its outcome can change."""

    parameters: type[R]
    evaluate: Callable[[R, Subject, dt.date], Criterion]
    # Every day on which the outcome can change for the subject, whatever the as-of date: evidence dates,
    # the days evidence ages out, the days a duration is reached. Rules built on other badges give none:
    # they change when those badges do.
    change_dates: Callable[[R, Subject], Iterable[dt.date]]

    @property
    def name(self) -> str:
        """The kind's name in the policy file, e.g. 'bug-bounty-tenure'."""
        (name,) = get_args(self.parameters.model_fields["rule"].annotation)
        return str(name)

    @property
    def levels(self) -> frozenset[Level]:
        """The badge levels it can be a criterion of (tiers are partner level)."""
        return self.parameters.levels


AnyRuleKind = RuleKind[Any]


def latest(entries: Iterable[T], date_of: Callable[[T], dt.date], as_of: dt.date) -> T | None:
    """The newest entry dated on or before `as_of`: evidence from after the date does not exist yet."""
    return max((entry for entry in entries if date_of(entry) <= as_of), key=date_of, default=None)


def aged(dated: dt.date, max_age_days: int, as_of: dt.date) -> tuple[bool, dt.date, dt.date | None]:
    """Whether evidence dated `dated` is still fresh, its last fresh day, and the day it lapsed if it did."""
    valid_until = dated + dt.timedelta(days=max_age_days)
    fresh = as_of <= valid_until
    return fresh, valid_until, (None if fresh else valid_until + ONE_DAY)


def lapse_day(dated: dt.date, max_age_days: int) -> dt.date:
    """The first day evidence dated `dated` is too old."""
    return dated + dt.timedelta(days=max_age_days) + ONE_DAY
