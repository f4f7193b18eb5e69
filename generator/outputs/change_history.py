"""changes/history.json: the last nights' changes the nightly run recorded, which the next night reads back."""

from __future__ import annotations

from generator.records.nightly_changes import change_history_bytes
from generator.site import output_paths as paths
from generator.site.model import SiteModel


def change_history_files(model: SiteModel) -> dict[str, bytes]:
    """changes/history.json, newest night first (no night outside the nightly run)."""
    return {paths.CHANGE_HISTORY: change_history_bytes(model.change_history)}
