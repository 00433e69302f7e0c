"""Reader journeys: the site used the way staff use it, by clicking, searching, filtering, on a desk and on a phone."""

from __future__ import annotations

import re
from typing import Any

import pytest

from .conftest import PHONE, Served
from .pages import assert_clean, visit

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROLE_LABEL = {"owner": "Accountable", "responsible": "Responsible", "consulted": "Consulted", "informed": "Informed"}


def richest_touchpoint(maps: Any, journey_id: str) -> Any:
    """The touchpoint of a journey with the most departments involved (ideally all four roles)."""
    refs = [r for r in maps.touchpoints() if r.journey.id == journey_id]
    return max(refs, key=lambda r: (sum(bool(v) for v in r.touchpoint.roles().values()), -refs.index(r)))


def test_home_journey_diagram_touchpoint_owner_department(example: Served, example_maps: Any, open_page: Any) -> None:
    ref = richest_touchpoint(example_maps, "online-purchase")
    tp, journey = ref.touchpoint, ref.journey
    page, seen = open_page(example)
    visit(page, example, "")

    # home -> the journey, by its link in the journeys table
    page.locator("article").get_by_role("link", name=journey.title, exact=True).first.click()
    page.wait_for_url(f"**/journeys/{journey.id}/")
    assert page.locator("article h1").inner_text().startswith(journey.title)

    # -> the touchpoint, by clicking its node inside the journey flow diagram
    node = page.locator('.jm-figure[data-jm-diagram="flow"] svg').locator(
        f"xpath=.//*[local-name()='a'][@*[local-name()='href']='{tp.id}/']"
    )
    assert node.count() == 1, f"the flow diagram has no node linking to {tp.id}/"
    node.scroll_into_view_if_needed()
    node.click()
    page.wait_for_url(f"**/journeys/{journey.id}/{tp.id}/")
    assert page.locator("article h1").inner_text().startswith(tp.name)

    # the touchpoint page shows the owner and each R/C/I department by name, with its role
    roles = tp.roles()
    for role, ids in roles.items():
        for department_id in ids:
            name = example_maps.departments[department_id].name
            row = page.locator(f'table.jm-raci tr[data-jm-role="{role}"]').filter(has_text=name)
            assert row.count() == 1 and row.first.is_visible(), (
                f"{tp.id}: {ROLE_LABEL[role].lower()} department {name!r} is not shown"
            )
            assert ROLE_LABEL[role] in row.first.inner_text()

    # -> the owner's department page, which lists this touchpoint among those it owns
    owner = example_maps.departments[tp.owner]
    page.locator('table.jm-raci tr[data-jm-role="owner"]').get_by_role("link", name=owner.name, exact=True).click()
    page.wait_for_url(f"**/departments/{owner.id}/")
    assert page.locator("article h1").inner_text().startswith(owner.name)
    # by its address: a to-be journey may have a touchpoint of the same name (the example's one-page checkout)
    link = page.locator(f'a[href$="journeys/{journey.id}/{tp.id}/"]').filter(has_text=tp.name)
    owned = page.locator('tr[data-jm-role="owner"]').filter(has=link)
    assert owned.count() == 1 and owned.first.is_visible(), f"{owner.name}'s page does not list {tp.name!r} as owned"
    assert_clean(seen, "home -> journey -> touchpoint -> department")


def search(page: Any, query: str) -> list[str]:
    """Type into Material's search box; the titles of the results."""
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=10)  # Material searches as keys are typed
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible", timeout=10_000)
    return [" ".join(t.split()) for t in page.locator(".md-search-result__item").all_inner_texts()]


@pytest.mark.parametrize("what", ["touchpoint", "department", "pain point"])
def test_search_finds_it(what: str, example: Served, example_maps: Any, open_page: Any) -> None:
    ref = richest_touchpoint(example_maps, "online-purchase")
    if what == "touchpoint":
        query = expected = ref.touchpoint.name
    elif what == "department":
        query = expected = (
            example_maps.departments["logistics"].name
            if "logistics" in example_maps.departments
            else next(iter(example_maps.departments.values())).name
        )
    else:
        pain = next(p for r in example_maps.touchpoints() for p in r.touchpoint.pain_points if len(p.text.split()) > 6)
        words = re.findall(r"[A-Za-z]{4,}", pain.text)
        query, expected = " ".join(words[1:4]), None
    page, seen = open_page(example)
    visit(page, example, "")
    found = search(page, query)
    assert found, f"searching {query!r} found nothing"
    if expected:
        assert any(expected in text for text in found), f"searching {query!r}: {expected!r} not among {found[:8]}"
        page.locator(".md-search-result__item > a").filter(has=page.locator("h1", has_text=expected)).first.click()
        page.wait_for_load_state("load")
        assert page.locator("article h1").inner_text().startswith(expected), (
            f"the result for {query!r} opened {page.url}"
        )
    else:
        assert any(all(w.lower() in text.lower() for w in query.split()) for text in found), (
            f"searching the pain point words {query!r}: {found[:8]}"
        )
    assert_clean(seen, f"search for {query!r}")


def test_ownership_matrix_filters_to_one_department(example: Served, example_maps: Any, open_page: Any) -> None:
    page, seen = open_page(example)
    visit(page, example, "ownership/")
    rows = page.locator("#jm-matrix tbody tr")
    total = rows.count()
    assert total == sum(1 for _ in example_maps.touchpoints())
    department = (
        example_maps.departments["legal"]
        if "legal" in example_maps.departments
        else next(iter(example_maps.departments.values()))
    )
    page.locator(".jm-filters").get_by_label("Department").select_option(label=department.name)

    visible = page.locator("#jm-matrix tbody tr:not([hidden])")
    involved = [
        r for r in example_maps.touchpoints() if any(department.id in ids for ids in r.touchpoint.roles().values())
    ]
    assert 0 < visible.count() == len(involved) < total
    assert all(row.get_attribute(f"data-role-{department.id}") for row in visible.all())
    assert page.locator("[data-jm-count]").inner_text() == str(len(involved))
    assert (
        page.locator(f'#jm-matrix thead th[data-dept="{department.id}"]').evaluate("th => getComputedStyle(th).display")
        != "none"
    )

    page.locator(".jm-filters").get_by_label("Role").select_option(value="A")
    owned = [r for r in involved if r.touchpoint.owner == department.id]
    assert visible.count() == len(owned)

    # the department page's "in the matrix" link opens it filtered the same way
    visit(page, example, f"departments/{department.id}/", settle=False)
    page.get_by_role("link", name="This department in the ownership matrix").click()
    page.wait_for_url(f"**/ownership/?department={department.id}")
    page.locator("#jm-matrix tbody tr:not([hidden])").first.wait_for()
    assert page.locator("#jm-matrix tbody tr:not([hidden])").count() == len(involved)
    assert_clean(seen, "ownership matrix")


def test_journey_page_fits_a_phone(example: Served, open_page: Any, screenshots: Any) -> None:
    page, seen = open_page(example, viewport=PHONE)
    visit(page, example, "journeys/online-purchase/")
    page.screenshot(path=str(screenshots / "journey-phone-light.png"))
    widths = page.evaluate("""() => ({
        viewport: window.innerWidth, doc: document.documentElement.scrollWidth, body: document.body.scrollWidth,
        boxes: [...document.querySelectorAll('.md-content .jm-figure, .md-content .jm-table')].map(box => ({
            kind: box.getAttribute('data-jm-diagram') || 'table', overflow: getComputedStyle(box).overflowX,
            inner: box.scrollWidth, outer: box.clientWidth, right: box.getBoundingClientRect().right })),
    })""")
    assert widths["doc"] <= widths["viewport"] and widths["body"] <= widths["viewport"], (
        f"the page scrolls sideways: {widths}"
    )
    wide = [b for b in widths["boxes"] if b["inner"] > b["outer"] + 1]
    assert any(b["kind"] == "flow" for b in wide), "the flow diagram was expected to be wider than a phone"
    for box in wide:
        assert box["overflow"] in ("auto", "scroll"), f"a wide {box['kind']} does not scroll in its own box: {box}"
    assert all(b["right"] <= widths["viewport"] + 1 for b in widths["boxes"]), (
        "a diagram or table box sticks out of the page"
    )
    # the wide flow diagram scrolls inside its box
    flow = page.locator('.jm-figure[data-jm-diagram="flow"]')
    flow.evaluate("box => box.scrollBy(200, 0)")
    assert flow.evaluate("box => box.scrollLeft") > 0
    assert page.evaluate("window.scrollX") == 0
    assert_clean(seen, "journey page on a phone")


def test_diagrams_have_a_text_alternative_and_are_not_the_only_way(
    example: Served, example_maps: Any, open_page: Any
) -> None:
    page, _seen = open_page(example)
    for journey_id in example_maps.journeys:
        visit(page, example, f"journeys/{journey_id}/", settle=False)
        diagrams = page.evaluate("""() => [...document.querySelectorAll('.md-content .jm-figure svg.jm-diagram')].map(svg => {
            const ids = (svg.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean);
            const parts = ids.map(id => document.getElementById(id));
            const inPage = new Set([...document.querySelectorAll('.md-content a[href]')].filter(a => !a.closest('svg')).map(a => a.href.split('#')[0]));
            const links = [...svg.querySelectorAll('a')].map(a => new URL(a.getAttribute('href') || a.getAttributeNS('http://www.w3.org/1999/xlink', 'href'), location.href).href.split('#')[0]);
            return { kind: svg.closest('.jm-figure').getAttribute('data-jm-diagram'),
                     parts: parts.map(p => p ? [p.tagName.toLowerCase(), p.textContent.trim().length] : null),
                     label: svg.closest('[role=figure]') ? svg.closest('[role=figure]').getAttribute('aria-label') : null,
                     onlyHere: links.filter(h => !inPage.has(h)) };
        })""")
        to_be = ["compare"] if example_maps.journeys[journey_id].state == "to-be" else []  # beside its as-is curve
        assert sorted(d["kind"] for d in diagrams) == sorted(["blueprint", "curve", "flow", *to_be]), journey_id
        elsewhere: set[str] = set()
        for d in diagrams:
            assert [p[0] if p else None for p in d["parts"]] == ["title", "desc"], (
                f"{journey_id} {d['kind']}: {d['parts']}"
            )
            assert all(p[1] > 10 for p in d["parts"]), f"{journey_id} {d['kind']}: empty title or description"
            assert d["label"], f"{journey_id} {d['kind']}: the figure has no label"
            elsewhere.update(d["onlyHere"])
        # A link only a diagram holds on this page (a lead into or out of another journey) must be on the
        # page of the touchpoint of this journey at the other end of the lead ("Comes from", "Leads to").
        for url in sorted(elsewhere):
            address = url.removeprefix(example.base + "journeys/").strip("/")
            other = example_maps.touchpoint(address)
            assert other is not None, f"{journey_id}: {url} is reachable only through a diagram"
            ends = [r for r in example_maps.touchpoints() if r.journey.id == journey_id
                    and (address in r.touchpoint.leads_to or r.address in other.touchpoint.leads_to)]  # fmt: skip
            assert ends, f"{journey_id}: {url} is reachable only through a diagram"
            visit(page, example, f"journeys/{ends[0].address}/", settle=False)
            link = page.locator(f'.md-content a[href$="{other.touchpoint.id}/"]').filter(has_text=other.touchpoint.name)
            assert link.count() and link.first.is_visible(), (
                f"{journey_id}: {url} is in a diagram, but not on the page of {ends[0].address}"
            )
