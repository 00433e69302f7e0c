"""Every page kind in both colour schemes: loads cleanly, passes axe-core, stays legible, is photographed.

And every generated page at all, once: no console errors, no uncaught exceptions, no failed requests;
every link inside a diagram leads to a page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from .conftest import Served
from .pages import DIAGRAM_TEXT_JS, PAGE_KINDS, TABLE_TEXT_JS, assert_clean, axe_violations, low_contrast, visit
from .test_reader import search

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_page_kind_is_clean_accessible_and_legible(
    kind: str, scheme: str, example: Served, open_page: Any, axe_js: Path, screenshots: Path
) -> None:
    page, seen = open_page(example, scheme)
    visit(page, example, PAGE_KINDS[kind], settle=False)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == (
        "slate" if scheme == "dark" else "default"
    )
    page.screenshot(path=str(screenshots / f"{kind}-{scheme}.png"))

    ours, material = axe_violations(page, axe_js)
    assert not ours, (
        f"/{PAGE_KINDS[kind]} ({scheme}): axe-core, serious or critical, in our content:\n  " + "\n  ".join(ours[:25])
    )
    assert not material, (  # the theme's chrome too: site_templates/theme overrides the partials that need it
        f"/{PAGE_KINDS[kind]} ({scheme}): axe-core, serious or critical, in the theme's markup:\n  "
        + "\n  ".join(material[:25])
    )

    measured, poor = low_contrast(page, TABLE_TEXT_JS, 4.5)
    assert not poor, (
        f"/{PAGE_KINDS[kind]} ({scheme}): table text below 4.5:1 ({len(poor)} of {measured}):\n  "
        + "\n  ".join(poor[:15])
    )
    measured, poor = low_contrast(page, DIAGRAM_TEXT_JS, 3.0)
    assert not poor, (
        f"/{PAGE_KINDS[kind]} ({scheme}): diagram text below 3:1 ({len(poor)} of {measured}):\n  "
        + "\n  ".join(poor[:15])
    )
    if kind == "journey":
        assert measured > 50, "the journey page's diagrams hold text"

    assert_clean(seen, f"/{PAGE_KINDS[kind]} ({scheme})")


def generated_addresses(root: Path) -> list[str]:
    return sorted(
        ("" if f.parent == root else f.parent.relative_to(root).as_posix() + "/") if f.name == "index.html" else f.relative_to(root).as_posix()
        for f in root.rglob("*.html")
    )  # fmt: skip


ROLE_LABEL = {"owner": "accountable", "responsible": "responsible", "consulted": "consulted", "informed": "informed"}
RACI_ROWS_JS = """() => [...document.querySelectorAll('table.jm-raci tr[data-jm-role]')]
    .filter(row => row.offsetParent !== null)
    .map(row => { const a = row.querySelector('a.jm-dept'); return [row.getAttribute('data-jm-role'), a ? a.textContent.trim() : '', a ? a.href : '']; })"""


def test_every_page_loads_cleanly_and_every_touchpoint_shows_its_departments(
    example: Served, example_maps: Any, open_page: Any
) -> None:
    """One visit per generated page: no console error, exception or failed request anywhere; on each
    touchpoint page its owner and every R/C/I department are shown, by name, linked to their page."""
    addresses = generated_addresses(example.root)
    assert len(addresses) > 80
    touchpoints = {f"journeys/{ref.address}/": ref.touchpoint for ref in example_maps.touchpoints()}
    assert set(touchpoints) <= set(addresses)
    page, seen = open_page(example)
    problems: list[str] = []
    missing: list[str] = []
    for address in addresses:
        visit(page, example, address, settle=False)
        if address in touchpoints:
            shown = page.evaluate(RACI_ROWS_JS)
            for role, ids in touchpoints[address].roles().items():
                for department_id in ids:
                    name = example_maps.departments[department_id].name
                    if not any(
                        r == role and text == name and href.endswith(f"/departments/{department_id}/")
                        for r, text, href in shown
                    ):
                        missing.append(f"/{address}: {ROLE_LABEL[role]} {name!r} is not shown, linked to its page")
        problems += seen.problems()
        seen.clear()
    assert not missing, f"{len(missing)} department(s) missing from touchpoint pages:\n  " + "\n  ".join(missing)
    assert not problems, f"{len(problems)} problem(s) over {len(addresses)} pages:\n  " + "\n  ".join(
        dict.fromkeys(problems)
    )


def test_every_link_in_a_diagram_leads_to_a_page(example: Served, open_page: Any) -> None:
    page, _seen = open_page(example)
    pages = [a for a in generated_addresses(example.root) if a.endswith("/") or a == ""]
    with_diagrams = [a for a in pages if "jm-diagram" in (example.root / a / "index.html").read_text("utf-8")]
    assert any(a.startswith("journeys/") for a in with_diagrams) and any(
        a.startswith("departments/") for a in with_diagrams
    )
    broken: list[str] = []
    checked: dict[str, int] = {}
    for address in with_diagrams:
        visit(page, example, address, settle=False)
        hrefs = page.evaluate("""() => [...document.querySelectorAll('.jm-figure svg a')].map(a =>
            new URL(a.getAttribute('href') || a.getAttributeNS('http://www.w3.org/1999/xlink', 'href'), location.href).href)""")
        assert hrefs, f"/{address}: a diagram without links"
        for href in hrefs:
            target = urljoin(href, urlsplit(href).path)  # without #fragment
            if not target.startswith(example.base):
                broken.append(f"/{address} -> {href} (leaves the site)")
                continue
            if target not in checked:
                checked[target] = page.request.get(target).status
            if checked[target] != 200:
                broken.append(f"/{address} -> {href}: HTTP {checked[target]}")
    assert not broken, "links in diagrams that lead nowhere:\n  " + "\n  ".join(broken[:20])


def test_the_example_site_asks_no_one_but_itself(example: Served, open_page: Any) -> None:
    """Every request while each page kind loads (stylesheets, scripts, fonts, images, the search index and
    its worker, the repository facts) goes to the site's own server: no web fonts, no code-host API."""
    page, seen = open_page(example)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    for kind, address in PAGE_KINDS.items():
        visit(page, example, address)
        if kind == "home":  # the search dialog loads its index and worker only when used
            assert search(page, "cart"), "searching 'cart' found nothing"
    elsewhere = sorted(
        {url for url in requests if urlsplit(url).scheme in ("http", "https") and not url.startswith(example.base)}
    )
    assert len(requests) > 3 * len(PAGE_KINDS), requests
    assert not elsewhere, "requests that leave the site:\n  " + "\n  ".join(elsewhere)
    assert_clean(seen, "every page kind")
