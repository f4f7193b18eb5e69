"""Moving through a page with the Tab key, as a keyboard user does, checking that each stop is visibly focused."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

# The focused element, and whether a sighted keyboard user can see it is: a focus ring (an outline or a box
# shadow) and a box inside the viewport (the browser scrolls a focused element into view; one it cannot show is
# off-screen or hidden).
_DESCRIBE_FOCUS = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const onScreen = box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
    && box.top < innerHeight && box.left < innerWidth;
  const ring = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
  const name = (el.getAttribute("aria-label") || el.textContent || el.value || "").trim().replace(/\\s+/g, " ");
  const classes = el.classList.length ? "." + [...el.classList].join(".") : "";
  return {
    element: el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + classes + ` "${name.slice(0, 40)}"`,
    ring,
    onScreen,
  };
}"""


def focused(page: Page) -> dict[str, Any]:
    """What has the focus now: a short description, and whether its focus can be seen."""
    description: dict[str, Any] = page.evaluate(_DESCRIBE_FOCUS)
    return description


def assert_focus_is_visible(page: Page) -> str:
    """Fail unless the focused element shows a focus ring and is on screen; return its description."""
    now = focused(page)
    assert now["ring"], f"{now['element']} is focused but shows no outline or box shadow"
    assert now["onScreen"], f"{now['element']} is focused but not on screen"
    return str(now["element"])


def tab_to(page: Page, selector: str, limit: int = 40) -> list[str]:
    """Press Tab until `selector` has the focus, each stop visibly focused; return the stops on the way."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stops.append(assert_focus_is_visible(page))
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return stops
    pytest.fail(f"{limit} presses of Tab never reached {selector}; they went through:\n" + "\n".join(stops))
