"""The funnel, the home page's drop-offs and the KPI trends, measured in Chromium at desktop and phone widths.

"Reads well" is measured, not eyeballed: every figure of every stage is visible, inside its row, not
clipped and not overlapping another; the bars are as wide as the shares they stand for; text is at
least 12 px and 4.5:1 against what is behind it; nothing makes the page scroll sideways; axe-core finds
nothing serious. Screenshots of the funnel at both sizes go to the screenshot folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .conftest import Served
from .pages import AXE_RUN, CONTRAST_JS, assert_clean, visit

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SIZES = {"desktop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}

FUNNEL_JS = """() => {
  const { rgba, over, background, opacity, ratio } = window.__jmContrast;
  const box = el => { const r = el.getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height }; };
  const steps = [...document.querySelectorAll('.md-content .jm-funnel-step')].map(li => {
    const parts = {};
    for (const name of ['name', 'count', 'share', 'drop', 'bar']) {
      const el = li.querySelector('.jm-funnel-' + name);
      const style = getComputedStyle(el);
      let contrast = null;
      if (name !== 'bar') {
        const bg = background(el); const fg = rgba(style.color); fg[3] *= opacity(el);
        contrast = ratio(over(fg, bg), bg);
      }
      parts[name] = { ...box(el), text: el.textContent.trim(), clipped: el.scrollWidth > el.clientWidth + 1,
                      font: parseFloat(style.fontSize), visible: !!el.offsetParent, contrast };
    }
    const fill = li.querySelector('.jm-funnel-bar > span');
    return { id: li.dataset.jmStage, row: box(li), parts, fill: fill.getBoundingClientRect().width,
             largest: li.classList.contains('jm-funnel-step--largest') };
  });
  return { viewport: window.innerWidth, doc: document.documentElement.scrollWidth, steps,
           callout: document.querySelector('.md-content .jm-funnel-callout')?.textContent.trim() || '' };
}"""


def overlaps(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["left"] < b["right"] - 1
        and b["left"] < a["right"] - 1
        and a["top"] < b["bottom"] - 1
        and b["top"] < a["bottom"] - 1
    )


def inside(inner: dict[str, float], outer: dict[str, float]) -> bool:
    return (inner["left"] >= outer["left"] - 1 and inner["right"] <= outer["right"] + 1
            and inner["top"] >= outer["top"] - 1 and inner["bottom"] <= outer["bottom"] + 1)  # fmt: skip


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", list(SIZES))
def test_the_funnel_reads_well(
    size: str, scheme: str, example: Served, example_maps: Any, open_page: Any, axe_js: Path, screenshots: Path
) -> None:
    from journeymaps.funnel import figures

    page, seen = open_page(example, scheme, viewport=SIZES[size])
    visit(page, example, "journeys/online-purchase/", settle=False)
    funnel = page.locator(".md-content .jm-funnel")
    funnel.scroll_into_view_if_needed()
    funnel.screenshot(path=str(screenshots / f"funnel-{size}-{scheme}.png"))
    page.evaluate(CONTRAST_JS)
    found = page.evaluate(FUNNEL_JS)
    assert found["doc"] <= found["viewport"], (
        f"{size}: the page scrolls sideways ({found['doc']} > {found['viewport']})"
    )

    expected = figures(example_maps.journeys["online-purchase"])
    assert expected is not None and expected.largest is not None
    assert [s["id"] for s in found["steps"]] == [s.stage_id for s in expected.steps]
    widest = found["steps"][0]["parts"]["bar"]["width"]
    for step, want in zip(found["steps"], expected.steps, strict=True):
        parts = step["parts"]
        assert parts["count"]["text"] == want.count_text and parts["share"]["text"].startswith(want.share_text)
        for name, part in parts.items():
            assert part["visible"] and part["width"] > 0, f"{size}: {step['id']} {name} is not shown"
            assert inside(part, step["row"]), f"{size}: {step['id']} {name} sticks out of its row"
            assert part["right"] <= found["viewport"], f"{size}: {step['id']} {name} is off the screen"
            if name != "bar":
                assert not part["clipped"], f"{size}: {step['id']} {name} is cut off: {part['text']!r}"
                assert part["font"] >= 12, f"{size}: {step['id']} {name} is set in {part['font']} px"
                assert part["contrast"] >= 4.5, f"{size} {scheme}: {step['id']} {name} at {part['contrast']:.2f}:1"
        others = [(a, b) for a in parts for b in parts if a < b and overlaps(parts[a], parts[b])]
        assert not others, f"{size}: in {step['id']}, these overlap: {others}"
        # The bar is as wide as the share of the first stage (a hairline at least, for a tiny share).
        assert abs(step["fill"] - max(widest * min(want.share or 0, 1), 2)) <= 1.5, (step["id"], step["fill"], widest)
        assert step["largest"] == (want is expected.largest)
    assert widest >= (300 if size == "desktop" else 250), f"{size}: the bars are only {widest} px wide"
    assert "Largest drop-off" in found["callout"] and "Billing & Payments" in found["callout"]

    # axe-core on the funnel itself (the page kinds' tests run it on whole pages, at their own width)
    page.add_script_tag(path=str(axe_js))
    found_by_axe = page.evaluate(AXE_RUN.replace("axe.run(document,", "axe.run('.md-content .jm-funnel',"))
    serious = [f"{v['id']}: {n['target']}: {n['summary']}" for v in found_by_axe if v["impact"] in ("serious", "critical")
               for n in v["nodes"]]  # fmt: skip
    assert not serious, f"{size} {scheme}: axe-core in the funnel:\n  " + "\n  ".join(serious[:20])
    assert_clean(seen, f"funnel, {size} {scheme}")


@pytest.mark.parametrize("size", list(SIZES))
def test_the_home_page_drop_offs_and_the_kpi_trends_read_well(
    size: str, example: Served, example_maps: Any, open_page: Any, screenshots: Path
) -> None:
    page, seen = open_page(example, viewport=SIZES[size])
    visit(page, example, "", settle=False)
    rows = page.locator(".md-content table.jm-drop-offs tbody tr")
    assert rows.count() == 3
    assert [rows.nth(i).get_attribute("data-jm-journey") for i in range(3)] == [
        "online-purchase", "b2b-lead-nurturing", "mobile-activation",
    ]  # fmt: skip
    table = page.locator(".md-content .jm-table:has(table.jm-drop-offs)")
    table.screenshot(path=str(screenshots / f"drop-offs-{size}.png"))
    first = rows.first.locator("td").nth(1)
    assert first.is_visible() and "84.1 %" in first.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    visit(page, example, "kpis/", settle=False)
    trends = page.evaluate("""() => [...document.querySelectorAll('.md-content svg.jm-spark')].map(svg => {
        const r = svg.getBoundingClientRect(), box = svg.closest('.jm-table').getBoundingClientRect();
        const line = svg.querySelector('polyline');
        return { title: svg.querySelector('title')?.textContent || '', width: r.width, height: r.height,
                 stroke: getComputedStyle(line).stroke, strokeWidth: parseFloat(getComputedStyle(line).strokeWidth),
                 inBox: r.top >= box.top - 1 && r.bottom <= box.bottom + 1,
                 onScreen: r.left >= 0 && r.right <= window.innerWidth };
    })""")
    measured = [k for k in example_maps.kpis.values() if len(k.history) >= 2]
    assert len(trends) == len(measured) >= 10
    for trend in trends:
        assert trend["title"].startswith("Trend from "), trend
        assert trend["width"] >= 90 and trend["height"] >= 20, trend
        assert trend["strokeWidth"] >= 1 and trend["stroke"] not in ("none", "rgba(0, 0, 0, 0)"), trend
        assert trend["inBox"], trend
        assert trend["onScreen"] or size == "desktop", trend  # on a phone every trend is in view, none cut off
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=str(screenshots / f"kpis-trends-{size}.png"))
    assert_clean(seen, f"home and KPIs, {size}")
