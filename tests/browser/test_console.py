"""No page logs an error, throws, or is refused anything by its own Content-Security-Policy."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PageProblems
from playwright.sync_api import Page
from screens import SCREENS, visit


@pytest.mark.parametrize("name", list(SCREENS))
def test_no_console_error_and_no_csp_violation(page: Page, problems: PageProblems, site: Path, name: str) -> None:
    visit(page, SCREENS[name])
    # Late work too: fetches, images, fonts.
    page.wait_for_load_state("networkidle")
    found = problems.all()
    if found:
        pytest.fail(f"{SCREENS[name].path or 'home'}:\n" + "\n".join(found), pytrace=False)
