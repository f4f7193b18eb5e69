"""axe-core finds no violation on the pages customers use, in light and in dark mode."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page
from screens import SCREENS, visit

# axe's every rule but the experimental ones, best practices included (landmarks, headings, regions).
AXE = Axe()


def _report(violations: list[dict[str, Any]]) -> str:
    """One paragraph per violation: rule, impact, help, then each element with what is wrong with it."""
    lines = [f"{len(violations)} axe violation(s):"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    at {target}: {' '.join(node['html'].split())[:200]}")
            lines.extend(f"      {line.strip()}" for line in node["failureSummary"].splitlines() if line.strip())
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(SCREENS))
def test_axe_finds_no_violation(page: Page, site: Path, name: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    visit(page, SCREENS[name])
    assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") is (scheme == "dark")
    violations = AXE.run(page).response["violations"]
    if violations:
        pytest.fail(f"{SCREENS[name].path or 'home'} in {scheme} mode\n{_report(violations)}", pytrace=False)
