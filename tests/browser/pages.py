"""What the browser tests share: the page kinds, page visits, axe-core and colour contrast measured in the page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .conftest import Served, Watch

# One address per page kind the plugin generates (the contract's stable addresses).
PAGE_KINDS = {
    "home": "",
    "journeys": "journeys/",
    "journey": "journeys/online-purchase/",
    "to-be journey": "journeys/one-page-checkout/",
    "touchpoint": "journeys/online-purchase/cart/",
    "personas": "personas/",
    "persona": "personas/bargain-hunter/",
    "departments": "departments/",
    "department": "departments/ecommerce/",
    "ownership": "ownership/",
    "kpis": "kpis/",
    "pain-points": "pain-points/",
    "opportunities": "opportunities/",
    "channels": "channels/",
    "channel": "channels/website/",
}


def visit(page: Any, served: Served, address: str, *, settle: bool = True) -> None:
    """Open a page by its site address; `settle` also waits until the network is quiet (search index, scripts)."""
    response = page.goto(served.url(address), wait_until="load")
    assert response is not None and response.status == 200, f"/{address}: HTTP {response.status if response else '?'}"
    if settle:
        page.wait_for_load_state("networkidle")


def assert_clean(seen: Watch, where: str) -> None:
    problems = seen.problems()
    assert not problems, f"{where}:\n  " + "\n  ".join(problems)


# --- axe-core ------------------------------------------------------------------------------------

AXE_RUN = """async () => {
  const result = await axe.run(document, { resultTypes: ["violations"], elementRef: true });
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, url: v.helpUrl,
    nodes: v.nodes.map(n => ({
      target: n.target.join(" "),
      ours: !!(n.element && n.element.closest && n.element.closest(".md-content")),
      summary: (n.failureSummary || "").replace(/\\s+/g, " ").slice(0, 240),
    })),
  }));
}"""


ALWAYS = frozenset({"heading-order"})
"""Violations counted whatever axe-core's impact: a skipped heading level costs Lighthouse points (issue 14)."""


def axe_violations(page: Any, axe_js: Path) -> tuple[list[str], list[str]]:
    """(serious or critical violations in the page content we generate, those in Material's own chrome)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_js))
    ours: list[str] = []
    theirs: list[str] = []
    for violation in page.evaluate(AXE_RUN):
        if violation["impact"] not in ("serious", "critical") and violation["id"] not in ALWAYS:
            continue
        for node in violation["nodes"]:
            line = f"{violation['impact']} {violation['id']} ({violation['help']}): {node['target']}: {node['summary']}"
            (ours if node["ours"] else theirs).append(line)
    return ours, theirs


# --- colours -------------------------------------------------------------------------------------

# Contrast as WCAG defines it, computed in the page from computed styles: backgrounds are composited
# up the ancestor chain (Material paints translucent layers), and opacity is applied to the text.
CONTRAST_JS = """
(() => {
  function rgba(text) {
    const m = /rgba?\\(([^)]+)\\)/.exec(text || "");
    if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  }
  function over(top, bottom) {
    const a = top[3] + bottom[3] * (1 - top[3]);
    if (a === 0) return [0, 0, 0, 0];
    return [0, 1, 2].map(i => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a).concat([a]);
  }
  function background(el) {
    const layers = [];
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const c = rgba(getComputedStyle(node).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let result = [255, 255, 255, 1];
    for (let i = layers.length - 1; i >= 0; i--) result = over(layers[i], result);
    return result;
  }
  function opacity(el) {
    let o = 1;
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) o *= Number(getComputedStyle(node).opacity);
    return o;
  }
  function luminance(c) {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  }
  function ratio(fg, bg) {
    const a = luminance(fg), b = luminance(bg);
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  }
  window.__jmContrast = { rgba, over, background, opacity, ratio };
})();
"""

TABLE_TEXT_JS = """() => {
  const { rgba, over, background, opacity, ratio } = window.__jmContrast;
  const found = [];
  const cells = document.querySelectorAll(".md-content table th, .md-content table td");
  cells.forEach((cell, index) => {
    if (index > 400 || !cell.offsetParent) return;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const el = t.parentElement;
      if (!t.textContent.trim() || !el.offsetParent) continue;
      const style = getComputedStyle(el);
      if (style.visibility === "hidden") continue;
      const bg = background(el);
      let fg = rgba(style.color); fg[3] *= opacity(el);
      const value = ratio(over(fg, bg), bg);
      found.push({ text: t.textContent.trim().slice(0, 40), ratio: value, fg: style.color });
    }
  });
  return found;
}"""

DIAGRAM_TEXT_JS = """() => {
  const { rgba, over, background, ratio } = window.__jmContrast;
  const found = [];
  const paint = (el, property) => {
    const style = getComputedStyle(el);
    const c = rgba(style[property]);
    if (c) c[3] *= Number(property === "fill" ? style.fillOpacity : 1) * Number(style.opacity);
    return c;
  };
  document.querySelectorAll(".md-content .jm-figure svg.jm-diagram").forEach(svg => {
    const base = background(svg.closest(".jm-figure"));
    // What is painted behind a text: every filled shape drawn before it whose box holds the text's centre.
    const shapes = [...svg.querySelectorAll("path, polygon, rect, ellipse, circle")]
      .map(el => ({ el, box: el.getBoundingClientRect(), fill: paint(el, "fill") }))
      .filter(s => s.fill && s.fill[3] > 0);
    svg.querySelectorAll("text").forEach(text => {
      if (!text.textContent.trim()) return;
      const box = text.getBoundingClientRect();
      const x = box.left + box.width / 2, y = box.top + box.height / 2;
      let bg = base;
      for (const s of shapes) {
        if (!(s.el.compareDocumentPosition(text) & Node.DOCUMENT_POSITION_FOLLOWING)) break;
        if (x >= s.box.left && x <= s.box.right && y >= s.box.top && y <= s.box.bottom) bg = over(s.fill, bg);
      }
      const fill = paint(text, "fill") || [0, 0, 0, 1];
      found.push({ text: text.textContent.trim().slice(0, 40), ratio: ratio(over(fill, bg), bg), fill: getComputedStyle(text).fill });
    });
  });
  return found;
}"""


def low_contrast(page: Any, script: str, minimum: float) -> tuple[int, list[str]]:
    """(how many text runs were measured, those below `minimum`)."""
    page.evaluate(CONTRAST_JS)
    runs = page.evaluate(script)
    return len(runs), [
        f"{r['ratio']:.2f} {r.get('fg') or r.get('fill')} {r['text']!r}" for r in runs if r["ratio"] < minimum
    ]


def need(condition: bool, reason: str) -> None:
    if not condition:
        pytest.fail(reason, pytrace=False)
