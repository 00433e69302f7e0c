"""Diagrams readable without a click, measured in the page on a laptop (1440×900) and a phone (390×844).

On the example site and on a site of long names in several scripts (fixtures/long-names): no diagram
text drawn smaller than 11 CSS pixels (its font size times the scale the SVG is drawn at), no text
outside its drawing, the last stage of a wide diagram reachable (the frame scrolls and says so with
its "More" button), stage headings kept in view over a tall diagram, curve names and low-point pain
texts whole. Screenshots of every diagram kind in light, dark and phone views go to the screenshots folder.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from journeymaps.vocabulary import SEVERITY_RANK

from ..conftest import EXAMPLE_MAPS
from .conftest import PHONE, Served
from .pages import assert_clean, visit

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DESK = {"width": 1440, "height": 900}
SIZES = {"desk": DESK, "phone": PHONE}
SMALLEST_PX = 11.0
PAGES = {
    "example": ["journeys/online-purchase/", "departments/ecommerce/"],
    "long": ["journeys/kauf/", "departments/kundenservice/"],
}

MEASURE_JS = """() => [...document.querySelectorAll('.md-content .jm-figure')].filter(f => f.querySelector('svg.jm-diagram')).map(f => {
  const svg = f.querySelector('svg.jm-diagram');
  const box = svg.getBoundingClientRect();
  const texts = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim());
  const sizes = texts.map(t => {
    const m = t.getScreenCTM();
    return { px: parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b), text: t.textContent.trim().slice(0, 50) };
  }).sort((a, b) => a.px - b.px);
  const outside = texts.filter(t => {
    const r = t.getBoundingClientRect();
    return r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1;
  }).map(t => t.textContent.trim().slice(0, 60));
  const zoom = f.querySelector('.jm-zoom');
  return { kind: f.dataset.jmDiagram, smallest: sizes[0], count: texts.length, outside,
           overflow: getComputedStyle(f).overflowX, wide: f.scrollWidth > f.clientWidth + 1,
           zoom: !!zoom && !zoom.hidden && zoom.getBoundingClientRect().width > 0 };
})"""


def served_site(which: str, request: pytest.FixtureRequest) -> Served:
    return request.getfixturevalue("example" if which == "example" else "long_names")


def unfold(page: Any) -> int:
    """At phone width the journey's diagrams are folded behind 'Full size' (the stage cards read instead):
    open each with its button, as a reader would; how many were folded."""
    folded = 0
    for figure in page.locator(".md-content .jm-figure").all():
        svg = figure.locator("svg.jm-diagram")
        if svg.count() and not svg.is_visible():
            button = figure.locator(".jm-zoom")
            assert button.is_visible(), "a folded diagram without its 'Full size' button"
            button.click()
            assert svg.is_visible(), "'Full size' did not open the folded diagram"
            folded += 1
    return folded


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("which", list(PAGES))
def test_diagram_text_is_readable_and_whole(
    which: str, size: str, request: pytest.FixtureRequest, open_page: Any, screenshots: Path
) -> None:
    served = served_site(which, request)
    for scheme in ("light", "dark") if size == "desk" else ("light",):
        page, seen = open_page(served, scheme, SIZES[size])
        for address in PAGES[which]:
            visit(page, served, address, settle=False)
            unfold(page)
            figures = page.evaluate(MEASURE_JS)
            assert figures, f"/{address}: no diagram"
            for figure in figures:
                where = f"/{address} {figure['kind']} at {size} ({scheme})"
                assert figure["count"] > 5, where
                smallest = figure["smallest"]
                assert smallest["px"] >= SMALLEST_PX, (
                    f"{where}: text drawn at {smallest['px']:.1f} px: {smallest['text']!r}"
                )
                assert not figure["outside"], f"{where}: text outside the drawing: {figure['outside'][:5]}"
                if which == "example" and size == "desk" and figure["kind"] == "curve":
                    assert not figure["wide"], f"{where}: the example's curve should fit a laptop's page whole"
                if figure["wide"]:
                    assert figure["overflow"] in ("auto", "scroll"), (
                        f"{where}: wider than its frame and does not scroll"
                    )
                    assert figure["zoom"], f"{where}: wider than its frame, and no 'Full size' button"
                shot = page.locator(f'.jm-figure[data-jm-diagram="{figure["kind"]}"]')
                shot.scroll_into_view_if_needed()
                page.screenshot(path=str(screenshots / f"diagram-{which}-{figure['kind']}-{size}-{scheme}.png"))
            sideways = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
            assert sideways <= 0, f"/{address} at {size}: the page itself scrolls sideways by {sideways} px"
        assert_clean(seen, f"{which} diagrams at {size} ({scheme})")


REACH_JS = """(kind) => {
  const f = document.querySelector(`.jm-figure[data-jm-diagram="${kind}"]`);
  // Stage headings: marked in the flow; in the blueprint, the text above the first department's lane.
  const svg = f.querySelector('svg.jm-diagram'), lane = svg.querySelector('.jm-d-lane');
  let heads = [...svg.querySelectorAll('.jm-d-stage')];
  if (!heads.length && lane) heads = [...svg.querySelectorAll('text')].filter(t => t.getBoundingClientRect().bottom <= lane.getBoundingClientRect().top);
  const last = heads.reduce((a, b) => (b.getBoundingClientRect().right > a.getBoundingClientRect().right ? b : a));
  const r = last.getBoundingClientRect(), frame = f.getBoundingClientRect();
  const more = f.querySelector('.jm-more');
  const m = more && !more.hidden ? more.getBoundingClientRect() : null;
  return { stages: heads.length, inside: r.left >= frame.left - 1 && r.right <= frame.left + f.clientWidth + 1,
           wide: f.scrollWidth > f.clientWidth + 1, scroll: f.scrollLeft,
           more: m && m.width > 0 && m.left >= frame.left && m.right <= frame.right && m.top >= 0 && m.bottom <= innerHeight };
}"""


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("which", list(PAGES))
def test_the_last_stage_can_be_reached(which: str, size: str, request: pytest.FixtureRequest, open_page: Any) -> None:
    """A stage cut off by the frame is one click on 'More' (or one swipe) away, and the frame says so."""
    served = served_site(which, request)
    page, seen = open_page(served, "light", SIZES[size])
    visit(page, served, PAGES[which][0], settle=False)
    unfold(page)
    for kind in ("flow", "blueprint"):
        figure = page.locator(f'.jm-figure[data-jm-diagram="{kind}"]')
        figure.scroll_into_view_if_needed()
        page.wait_for_timeout(100)  # the frame's hints are placed on the next animation frame
        state = page.evaluate(REACH_JS, kind)
        assert state["stages"] > 1, f"{kind}: stage headings not found"
        if state["inside"]:
            continue
        assert state["wide"], f"{kind} at {size}: the last stage is cut off and the frame does not scroll"
        assert state["more"], f"{kind} at {size}: the last stage is out of view and nothing in view says there is more"
        for _ in range(20):
            if state["inside"]:
                break
            figure.locator(".jm-more").click()
            page.wait_for_timeout(700)  # a smooth scroll
            state = page.evaluate(REACH_JS, kind)
        assert state["inside"], f"{kind} at {size}: 'More' never brought the last stage into view"
        figure.evaluate("f => { f.scrollLeft = f.scrollWidth; }")
        page.wait_for_timeout(150)
        assert figure.locator(".jm-more").is_hidden(), f"{kind} at {size}: 'More' is still offered at the end"
    assert_clean(seen, f"{which} last stage at {size}")


HEAD_JS = """(kind) => {
  const f = document.querySelector(`.jm-figure[data-jm-diagram="${kind}"]`);
  const svg = f.querySelector('svg.jm-diagram'), head = f.querySelector('.jm-head');
  const bar = document.querySelector('.md-header').getBoundingClientRect().bottom;
  const h = head && !head.hidden ? head.getBoundingClientRect() : null;
  return { bar, head: h && { top: h.top, height: h.height, left: h.left }, svgLeft: svg.getBoundingClientRect().left,
           tall: svg.getBoundingClientRect().height > innerHeight * 0.6 };
}"""


@pytest.mark.parametrize("which", list(PAGES))
def test_stage_headings_stay_in_view_over_a_tall_diagram(
    which: str, request: pytest.FixtureRequest, open_page: Any, screenshots: Path
) -> None:
    served = served_site(which, request)
    page, seen = open_page(served, "light", DESK)
    visit(page, served, PAGES[which][0], settle=False)
    checked = 0
    for kind in ("flow", "blueprint"):
        figure = page.locator(f'.jm-figure[data-jm-diagram="{kind}"]')
        box = figure.bounding_box()
        assert box is not None
        page.evaluate(
            "(y) => window.scrollTo(0, y)", page.evaluate("() => window.scrollY") + box["y"] + box["height"] * 0.45
        )
        page.wait_for_timeout(150)
        state = page.evaluate(HEAD_JS, kind)
        if not state["tall"]:
            continue
        checked += 1
        head = state["head"]
        assert head, f"{kind}: scrolled into the middle of the diagram, its stage headings are out of view"
        assert abs(head["top"] - state["bar"]) <= 2 and head["height"] > 12, (
            f"{kind}: headings not under the bar: {state}"
        )
        assert abs(head["left"] - state["svgLeft"]) <= 1.5, f"{kind}: headings not over their columns: {state}"
        figure.evaluate("f => { f.scrollLeft = f.scrollWidth; }")
        page.wait_for_timeout(150)
        state = page.evaluate(HEAD_JS, kind)
        assert state["head"] and abs(state["head"]["left"] - state["svgLeft"]) <= 1.5, (
            f"{kind}: the headings do not follow the diagram sideways: {state}"
        )
        page.screenshot(path=str(screenshots / f"diagram-{which}-{kind}-sticky-headings.png"))
    assert checked, "no diagram was taller than the screen: the test checked nothing"
    assert_clean(seen, f"{which} sticky stage headings")


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


CURVE_JS = """() => {
  const svg = document.querySelector('.jm-figure[data-jm-diagram="curve"] svg.jm-diagram');
  const names = {};
  svg.querySelectorAll('a.jm-d-touchpoint').forEach(a => {
    const label = a.querySelector('.jm-d-touchpoint-name');
    names[a.id.slice(a.id.indexOf('-curve-tp-') + 10)] = [...label.querySelectorAll('tspan')].map(t => t.textContent).join(' ');
  });
  const callouts = [...svg.querySelectorAll('.jm-d-callout')].map(t => [...t.querySelectorAll('tspan')].map(s => s.textContent).join(' '));
  return { names, callouts };
}"""


@pytest.mark.parametrize("which", list(PAGES))
def test_curve_names_and_pain_texts_are_whole(which: str, request: pytest.FixtureRequest, open_page: Any) -> None:
    from journeymaps.diagrams.curve import low_points
    from journeymaps.validate import validate

    served = served_site(which, request)
    maps = validate(served.root.parent / "maps" if which == "long" else EXAMPLE_MAPS).maps
    assert maps is not None
    page, seen = open_page(served, "light", DESK)
    for journey in maps.journeys.values():
        visit(page, served, f"journeys/{journey.id}/", settle=False)
        shown = page.evaluate(CURVE_JS)
        for _, touchpoint in journey.touchpoints():
            label = shown["names"].get(touchpoint.id)
            assert label is not None, f"{journey.id}: {touchpoint.id} has no name on the curve"
            assert "…" not in label and _compact(label) == _compact(touchpoint.name), (
                f"{journey.id}: the curve shows {label!r} for {touchpoint.name!r}"
            )
        lows = low_points(journey)
        assert len(shown["callouts"]) == len(lows)
        for callout, touchpoint in zip(shown["callouts"], lows, strict=True):
            if touchpoint.pain_points:
                worst = max(touchpoint.pain_points, key=lambda p: SEVERITY_RANK[p.severity])
                assert _compact(worst.text) in _compact(callout), f"{journey.id}: the pain text is cut: {callout!r}"
    assert_clean(seen, f"{which} curve labels")
