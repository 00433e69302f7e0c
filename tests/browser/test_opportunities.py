"""The opportunities page in a real Chromium, on a wide desk (1440 × 900) and on a phone (390 × 844).

"Which opportunities are in progress, and who owns them?" is answered from the home page in one click (the
In progress count of the Opportunities card), and the value/effort chart's points lead to their touchpoints.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from .conftest import PHONE, Served
from .pages import DIAGRAM_TEXT_JS, assert_clean, axe_violations, low_contrast, visit

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDE = {"width": 1440, "height": 900}
POINTS = ".jm-figure[data-jm-diagram='chart'] svg a"
ROWS_JS = """(status) => [...document.querySelectorAll(`tr[data-jm-ostatus="${status}"]`)]
    .filter(row => row.closest('table.jm-opportunities') && row.offsetParent !== null)
    .map(row => [row.cells[0].innerText.trim(), row.cells[1].innerText.trim()])"""


def _in_progress(maps: Any) -> list[tuple[str, str]]:
    return [
        (" ".join(o.opportunity.text.split()), maps.departments[o.owner].name)
        for o in maps.opportunities()
        if o.status == "in-progress"
    ]


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1440x900", "390x844"])
def test_in_progress_and_owners_one_click_from_home(
    viewport: dict[str, int], example: Served, example_maps: Any, open_page: Any, screenshots: Path
) -> None:
    page, seen = open_page(example, viewport=viewport)
    visit(page, example, "")
    card = page.locator("article .jm-cards").get_by_role("link", name="in progress")
    assert card.count() == 1
    card.scroll_into_view_if_needed()
    card.click()
    page.wait_for_url("**/opportunities/#in-progress")
    heading = page.locator("article h2#in-progress")
    assert heading.count() == 1 and heading.is_visible()
    page.wait_for_timeout(300)
    assert heading.bounding_box()["y"] < viewport["height"] / 2, "the In progress section is scrolled into view"
    page.screenshot(path=str(screenshots / f"opportunities-in-progress-{viewport['width']}.png"))

    shown = page.evaluate(ROWS_JS, "in-progress")
    expected = _in_progress(example_maps)
    assert len(shown) == len(expected) >= 3
    for (text, owner), (cell, who) in zip(expected, shown, strict=True):
        assert text in cell and "In progress" in cell
        assert who == owner
    owner_link = page.locator("tr[data-jm-ostatus='in-progress'] td:nth-child(2) a").first
    assert owner_link.is_visible() or viewport is PHONE  # on a phone the table scrolls sideways
    assert_clean(seen, f"/opportunities/ at {viewport['width']}")


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1440x900", "390x844"])
def test_chart_is_readable_and_its_points_lead_to_touchpoints(
    viewport: dict[str, int], example: Served, example_maps: Any, open_page: Any, axe_js: Path, screenshots: Path
) -> None:
    page, seen = open_page(example, viewport=viewport)
    visit(page, example, "opportunities/")
    chart = page.locator(".jm-figure[data-jm-diagram='chart'] svg")
    chart.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / f"opportunities-chart-{viewport['width']}.png"))
    box = chart.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], "no sideways scroll"
    scale = box["width"] / float(chart.get_attribute("viewBox").split()[2])
    assert 14 * scale >= 11, f"the numbers and labels shrink to {14 * scale:.1f} px"

    scored = [o for o in example_maps.opportunities() if o.opportunity.value and o.opportunity.effort]
    points = page.locator(POINTS)
    assert points.count() == len(scored)
    measured, poor = low_contrast(page, DIAGRAM_TEXT_JS, 3.0)
    assert measured and not poor, poor[:10]
    ours, _ = axe_violations(page, axe_js)
    assert not ours, ours[:10]

    # the point numbered like the first in-progress row leads to that opportunity's touchpoint
    first = next(o for o in example_maps.opportunities() if o.status == "in-progress")
    point = page.locator(POINTS).filter(has=page.locator("text", has_text=re.compile(r"^1$")))
    assert point.count() == 1
    point.click()
    page.wait_for_url(f"**/journeys/{first.where.address}/")
    item = page.locator(f"li#{first.anchor}")
    assert item.is_visible() and "In progress" in item.inner_text()
    assert " ".join(first.opportunity.text.split()) in item.inner_text()
    assert_clean(seen, f"chart at {viewport['width']}")
