"""Every page kind at a phone's, a tablet's and a desktop's width: nothing wider than the window, and a
screenshot of each under test-results/screens/ for people to look at (CI keeps them as artefacts)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page
from screens import SCREENS, visit

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "test-results" / "screens"
WIDTHS = (390, 768, 1280)

# The elements wider than the window, with their width: what a person would have to scroll sideways to read.
# A region that scrolls on its own (overflow auto/scroll, such as a wide table's) contains its content.
_TOO_WIDE = """() => {
  const limit = document.documentElement.clientWidth;
  const scrolls = (el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
  const inScroller = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) if (scrolls(p)) return true;
    return false;
  };
  return [...document.body.querySelectorAll("*")]
    .filter((el) => el.getBoundingClientRect().right > limit + 1 && !inScroller(el))
    .slice(0, 5)
    .map((el) => `${el.tagName.toLowerCase()}.${el.className} right=${Math.round(el.getBoundingClientRect().right)}`);
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(SCREENS))
def test_no_page_is_wider_than_the_window(page: Page, site: Path, name: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    visit(page, SCREENS[name])
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, (
        f"{SCREENS[name].path or 'home'} at {width} px scrolls sideways by {overflow} px: {page.evaluate(_TOO_WIDE)}"
    )
