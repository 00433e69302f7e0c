"""Issue 17's questions, answered on the example site within two clicks from the home page, on a laptop
(1440×900) and a phone (390×844), in a real Chromium: what the to-be checkout changes compared with today's;
which journeys have not been reviewed for six months; which handoffs Customer Service receives, from whom.
Screenshots of each answer go to the screenshots folder."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from .conftest import PHONE, Served
from .pages import assert_clean, visit

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SIZES = {"desk": {"width": 1440, "height": 900}, "phone": PHONE}


def _fits(page: Any) -> None:
    """Nothing makes the page itself scroll sideways (wide tables and diagrams scroll in their own frame)."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"] + 1, f"the page is {width}px wide"


@pytest.mark.parametrize("size", list(SIZES))
def test_what_the_to_be_checkout_changes(size: str, example: Served, open_page: Any, screenshots: Path) -> None:
    page, seen = open_page(example, viewport=SIZES[size])
    visit(page, example, "")
    # Click 1: the to-be journey, marked as such in the home page's journey table.
    row = page.locator("article table tr").filter(has=page.locator(".jm-badge--to-be"))
    assert row.count() == 1, "the home page marks exactly one journey as to-be"
    row.get_by_role("link", name="Online purchase with the one-page checkout", exact=True).click()
    page.wait_for_url("**/journeys/one-page-checkout/")
    note = page.locator('.jm-state-note[data-jm-state="to-be"]')
    assert note.is_visible() and "A redesign of Online purchase, from ad to repeat order" in note.inner_text()
    assert "2 touchpoints added, 2 removed, 2 changed" in note.inner_text()
    section = page.locator("[data-jm-compare]")
    chart = section.locator('.jm-figure[data-jm-diagram="compare"] svg')
    chart.scroll_into_view_if_needed()
    assert chart.is_visible()
    assert chart.locator("polyline").count() == 2
    assert chart.get_by_text("▲ +2", exact=True).count() == 1  # the purchase stage, from annoyed to pleased
    for heading in ("Touchpoints added (2)", "Touchpoints removed (2)", "Touchpoints changed (2)"):
        assert page.locator("article h3").filter(has_text=heading).count() == 1, f"no heading {heading!r}"
    added = page.locator('table[data-jm-compare-list="added"]')
    assert added.get_by_role("link", name="Express checkout with a wallet").is_visible()
    removed = page.locator('table[data-jm-compare-list="removed"]')
    assert removed.get_by_role("link", name="Sign in or create an account").count() == 1
    resolved = page.locator('table[data-jm-compare-list="resolved"]')
    resolved.scroll_into_view_if_needed()
    assert resolved.get_by_text("Guest checkout is hard to find", exact=False).is_visible()
    _fits(page)
    chart.screenshot(path=str(screenshots / f"tobe-compare-chart-{size}.png"))
    page.locator("article").screenshot(path=str(screenshots / f"tobe-page-{size}.png"))
    # The point of today's purchase stage leads to today's journey.
    chart.locator("xpath=.//*[local-name()='a'][@*[local-name()='href']='../online-purchase/cart/']").click()
    page.wait_for_url("**/journeys/online-purchase/cart/")
    page.go_back()
    # Back first (to the page, at whichever section it was): a visit racing it timed out once under load
    page.wait_for_url(re.compile(r"/journeys/one-page-checkout/(#[\w-]*)?$"))
    # Today's journey links back to its redesign.
    visit(page, example, "journeys/online-purchase/")
    link = page.locator('.jm-state-note[data-jm-state="as-is"]').get_by_role(
        "link", name="Online purchase with the one-page checkout"
    )
    assert link.is_visible()
    assert_clean(seen, f"to-be checkout ({size})")


@pytest.mark.parametrize("size", list(SIZES))
def test_which_journeys_are_not_reviewed_for_six_months(
    size: str, example: Served, open_page: Any, screenshots: Path
) -> None:
    page, seen = open_page(example, viewport=SIZES[size])
    visit(page, example, "")
    listed = page.locator('[data-jm-review-list="home"]')
    listed.scroll_into_view_if_needed()
    assert listed.is_visible() and "not been reviewed for more than 180 days" in listed.inner_text()
    rows = listed.locator("tbody tr")
    assert rows.count() == 1 and "Mobile service activation" in rows.first.inner_text()
    assert "2026-04-20" in rows.first.inner_text()
    listed.screenshot(path=str(screenshots / f"review-home-list-{size}.png"))
    _fits(page)
    # Click 1: the journey; its page says so at the top, in the first screen.
    rows.first.get_by_role("link", name="Mobile service activation and first 90 days").click()
    page.wait_for_url("**/journeys/mobile-activation/")
    notice = page.locator('.jm-stale[data-jm-review="stale"]')
    assert notice.is_visible() and "This map may be out of date" in notice.inner_text()
    box = notice.bounding_box()
    assert box is not None and box["y"] < SIZES[size]["height"], "the notice is below the first screen"
    page.screenshot(path=str(screenshots / f"review-stale-journey-{size}.png"))
    # The owner's department page lists it too.
    page.locator("article .jm-facts").get_by_role("link", name="Northwind Mobile").first.click()
    page.wait_for_url("**/departments/mobile-services/")
    own = page.locator('[data-jm-review-list="department"]')
    assert own.get_by_role("link", name="Mobile service activation and first 90 days").is_visible()
    assert_clean(seen, f"maps to review ({size})")


@pytest.mark.parametrize("size", list(SIZES))
def test_which_handoffs_customer_service_receives(
    size: str, example: Served, example_maps: Any, open_page: Any, screenshots: Path
) -> None:
    from journeymaps.handoffs import HandoffIndex

    expected = HandoffIndex.of(example_maps).into("customer-service")
    page, seen = open_page(example, viewport=SIZES[size])
    visit(page, example, "")
    # Click 1: the department's chip on the home page.
    page.locator("a.jm-chip").filter(has_text="Customer Service").click()
    page.wait_for_url("**/departments/customer-service/")
    received = page.locator('table[data-jm-handoffs-list="in"]')
    received.scroll_into_view_if_needed()
    assert received.is_visible()
    rows = received.locator("tbody tr")
    assert rows.count() == len(expected) >= 5
    heading = page.locator("article h3").filter(has_text="Received")
    assert heading.count() == 1 and heading.first.inner_text().startswith(f"Received ({len(expected)})")
    summary = page.locator(".jm-handoff-summary").first
    assert summary.inner_text().startswith("From Logística & Fulfilment (3)")
    first = rows.first.inner_text()
    assert "Logística & Fulfilment" in first and "Shipping notifications" in first and "Where-is-my-order chat" in first
    received.screenshot(path=str(screenshots / f"handoffs-customer-service-{size}.png"))
    _fits(page)
    # Each side links: the giving touchpoint opens.
    rows.first.get_by_role("link", name="Shipping notifications").click()
    page.wait_for_url("**/journeys/online-purchase/delivery-tracking/")
    assert_clean(seen, f"handoffs of Customer Service ({size})")
