"""Every record of a data root, by id: what the checks, the engine and the views read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.load.located import Located
from generator.records.evidence import Verification
from generator.records.partner import App, Partner
from generator.records.policy import Policy
from generator.records.timeline import Timeline


@dataclass(frozen=True)
class Catalog:
    """Every record of a data root, by id, in id order."""

    root: Path
    partners: Mapping[str, Located[Partner]]
    apps: Mapping[str, Located[App]]
    app_owner: Mapping[str, str]
    verifications: Mapping[str, Located[Verification]]
    timeline: Located[Timeline] | None
    policy: Located[Policy] | None

    def apps_of(self, partner_id: str) -> list[App]:
        """A partner's apps, in id order."""
        return [self.apps[a].record for a, owner in self.app_owner.items() if owner == partner_id]
