"""One badge of one subject over time: judged on the days it can change, each day once.

Between two of its change days a badge's decision keeps its state, its expiry and its provenance (only the
day counts of its receipt move on), so a rule built on another subject's badge reads the decision of the
last change day instead of judging the badge again on every day it is asked about.
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
from collections.abc import Callable, Iterable, Iterator

from generator.policy.badge_decision import BadgeDecision
from generator.policy.rule_kind import ONE_DAY

# Where a badge with no change day at all is judged: its decision is the same on every day.
_ANY_DAY = dt.date(2000, 1, 1)


class BadgeHistory:
    """The decisions on one badge for one subject, judged lazily and remembered per day."""

    def __init__(self, decide: Callable[[dt.date], BadgeDecision], days: Iterable[dt.date]) -> None:
        self._decide = decide
        # Every day on which the decision can change, oldest first.
        self.days = sorted(set(days))
        self._on: dict[dt.date, BadgeDecision] = {}

    def on(self, day: dt.date) -> BadgeDecision:
        """The decision as of a day, receipt and all."""
        decision = self._on.get(day)
        if decision is None:
            decision = self._on[day] = self._decide(day)
        return decision

    def standing(self, day: dt.date) -> BadgeDecision:
        """A decision with the state, expiry and provenance of the one as of `day`: the decision of the last
        change day on or before it (its receipt's day counts are that day's)."""
        decision = self.on(last_change(self.days, day))
        if decision.held and decision.expires_on is not None and decision.expires_on <= day:
            # An expiry the rules did not report as a change day: judge the day itself.
            return self.on(day)
        return decision

    def changes(self, as_of: dt.date, expiring_soon_days: int) -> Iterator[tuple[dt.date, BadgeDecision]]:
        """The decision on each day up to `as_of` on which it can change, and on the days a held badge starts
        expiring and lapses (learnt from each decision as the walk moves forward)."""
        queue = [day for day in self.days if day <= as_of]
        heapq.heapify(queue)
        seen: set[dt.date] = set()
        soon = dt.timedelta(days=expiring_soon_days)
        while queue:
            day = heapq.heappop(queue)
            if day in seen:
                continue
            seen.add(day)
            decision = self.on(day)
            yield day, decision
            if decision.held and decision.expires_on is not None:
                for follow in (decision.expires_on - soon, decision.expires_on):
                    if day < follow <= as_of and follow not in seen:
                        heapq.heappush(queue, follow)


def last_change(days: list[dt.date], day: dt.date) -> dt.date:
    """A day judged like `day`: the last of the sorted change days on or before it, else a day before all."""
    index = bisect.bisect_right(days, day)
    if index:
        return days[index - 1]
    return days[0] - ONE_DAY if days else _ANY_DAY
