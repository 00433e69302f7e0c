"""The ownership matrix as a reader uses it, measured in the page at 1440x900 and on a 390x844 phone.

Its department headings and touchpoint column stay in view while it scrolls both ways; its filters are
in the address (shared by pasting it, restored when opened, stepped through with Back and Forward);
it stays usable at hundreds of departments. On the example site, on the long-names fixture site (long
names in several scripts, tests/browser/fixtures/long-names) and on a synthetic site with 300 departments.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from ..conftest import ROOT
from .conftest import PHONE, Served, build_site, serve
from .pages import assert_clean, axe_violations, visit

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DESKTOP = {"width": 1440, "height": 900}
SIZES = {"desktop": DESKTOP, "phone": PHONE}

MATRIX_CONFIG = "site_name: {name}\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n  - journeymaps\n"


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """bench/synth.py's maps with 300 departments and 400 touchpoints."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import synth
    finally:
        sys.path.remove(str(ROOT / "bench"))
    repo = tmp_path_factory.mktemp("browser-big") / "repo"
    synth.write(repo / "maps", 400, departments=300)
    (repo / "docs").mkdir()
    (repo / "docs" / "about.md").write_text("# About\n", encoding="utf-8")
    (repo / "mkdocs.yml").write_text(MATRIX_CONFIG.format(name="Three hundred departments"), encoding="utf-8")
    yield from serve(build_site(repo / "mkdocs.yml", repo / "site", repo))


def _site(request: pytest.FixtureRequest, which: str) -> Served:
    return request.getfixturevalue({"example": "example", "unicode": "long_names", "big": "big_site"}[which])


# The matrix's frame, one department heading, one touchpoint heading, and what the page shows at each
# heading's centre (a sticky heading must be painted over the cells that scroll under it).
MEASURE_JS = """() => {
  const wrap = document.querySelector('.jm-matrix-wrap');
  const frame = wrap.getBoundingClientRect();
  const header = document.querySelector('.md-header').getBoundingClientRect();
  const onTop = el => { const b = el.getBoundingClientRect();
    const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2); return !!hit && el.contains(hit); };
  const corner = document.querySelector('#jm-matrix thead th').getBoundingClientRect();
  const heads = [...document.querySelectorAll('#jm-matrix thead th[data-dept]')].filter(th => {  // not under the corner
    const b = th.getBoundingClientRect(); return b.width > 0 && b.left >= corner.right - 1 && b.right <= frame.right; });
  const rows = [...document.querySelectorAll('#jm-matrix tbody tr:not([hidden])')];
  const inView = rows.map(r => r.querySelector('th')).filter(th => { const b = th.getBoundingClientRect();
    return b.top > frame.top + 220 && b.bottom < Math.min(frame.bottom, innerHeight); });
  const box = el => { const b = el.getBoundingClientRect(); return {top: b.top, left: b.left, bottom: b.bottom, right: b.right}; };
  return {
    frame: {top: frame.top, left: frame.left, bottom: frame.bottom, right: frame.right,
            clientTop: wrap.clientTop, clientLeft: wrap.clientLeft},
    scroll: {top: wrap.scrollTop, left: wrap.scrollLeft, width: wrap.scrollWidth, clientWidth: wrap.clientWidth,
             height: wrap.scrollHeight, clientHeight: wrap.clientHeight},
    headerBottom: header.bottom, viewport: {width: innerWidth, height: innerHeight},
    heads: heads.map(th => ({...box(th), onTop: onTop(th), dept: th.dataset.dept})),
    rowHeads: inView.map(th => ({...box(th), onTop: onTop(th), text: th.textContent.trim().slice(0, 40)})),
    firstRow: box(rows[0]),
  };
}"""


def _scroll_matrix(page: Any, down: int, right: int) -> None:
    """Bring the matrix's frame up under the theme's header, then scroll inside it as a wheel or a finger would."""
    page.evaluate("""() => { const w = document.querySelector('.jm-matrix-wrap');
        window.scrollBy(0, w.getBoundingClientRect().top - document.querySelector('.md-header').getBoundingClientRect().bottom - 8); }""")
    wrap = page.locator(".jm-matrix-wrap")
    wrap.hover(position={"x": 200, "y": 300})
    page.mouse.wheel(0, down)
    page.wait_for_function(f"document.querySelector('.jm-matrix-wrap').scrollTop >= {min(down, 200)}")
    # a sideways wheel step that arrives while the frame still scrolls down can be latched to the page and lost
    # (it was, once, in a fresh-clone run): wheel again, as a reader would, until the frame has moved
    sideways = (
        "(w => w.scrollWidth <= w.clientWidth + 2 || w.scrollLeft > 100)(document.querySelector('.jm-matrix-wrap'))"
    )
    for _ in range(5):
        page.mouse.wheel(right, 0)
        page.wait_for_timeout(300)
        if page.evaluate(sideways):
            break
    # the wheel steps settle: measure only once the frame and the page have stopped moving (a busy machine
    # may still be scrolling a page of 300 columns)
    page.evaluate("""() => new Promise(done => { const w = document.querySelector('.jm-matrix-wrap'); let last = '';
        const tick = () => { const now = [w.scrollTop, w.scrollLeft, window.scrollY].join();
            if (now === last) done(); else { last = now; setTimeout(tick, 150); } }; tick(); })""")


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("which", ["example", "unicode", "big"])
def test_headings_and_touchpoint_column_stay_in_view(
    which: str, size: str, request: pytest.FixtureRequest, open_page: Any, screenshots: Path
) -> None:
    served = _site(request, which)
    page, seen = open_page(served, viewport=SIZES[size])
    page.set_default_timeout(90_000 if which == "big" else 15_000)  # 300 columns: a page of megabytes, a busy machine
    visit(page, served, "ownership/", settle=False)
    _scroll_matrix(page, 1500, 700)
    m = page.evaluate(MEASURE_JS)
    page.screenshot(path=str(screenshots / f"matrix-{which}-{size}-scrolled.png"))
    frame, scroll = m["frame"], m["scroll"]
    where = f"{which} at {size}"

    # the frame fits the screen under the theme's header, and its rows did scroll away under the headings
    assert frame["top"] >= m["headerBottom"] - 1 and frame["bottom"] <= m["viewport"]["height"] + 1, (where, frame)
    assert scroll["top"] >= 200 and m["firstRow"]["bottom"] < frame["top"] + 150, (where, scroll, m["firstRow"])
    if scroll["width"] > scroll["clientWidth"] + 2:  # wider than the screen: it scrolled sideways too
        assert scroll["left"] > 100, (where, scroll)
    elif size == "phone" or which == "big":
        pytest.fail(f"{where}: the matrix should be wider than the screen: {scroll}")

    # every department heading in view sits at the frame's top edge, painted over the cells under it
    assert m["heads"], f"{where}: no department heading in view"
    for head in m["heads"]:
        assert abs(head["top"] - (frame["top"] + frame["clientTop"])) <= 1.5, (where, head, frame)
        assert head["top"] >= m["headerBottom"] - 1 and head["onTop"], (where, head)
    # every touchpoint heading in view sits at the frame's left edge, on top, inside the screen
    assert len(m["rowHeads"]) >= 2, f"{where}: no touchpoint row in view under the headings"
    for row in m["rowHeads"]:
        assert abs(row["left"] - (frame["left"] + frame["clientLeft"])) <= 1.5, (where, row, frame)
        assert row["onTop"] and 0 <= row["left"] and row["right"] <= m["viewport"]["width"] * 0.5, (where, row)
    assert_clean(seen, where)


def _filter(page: Any, label: str, value: str) -> None:
    page.locator(".jm-filters").get_by_label(label).select_option(value=value)


def _shown(page: Any) -> tuple[int, str]:
    """(rows shown, the count the page states)."""
    return page.locator("#jm-matrix tbody tr:not([hidden])").count(), page.locator("[data-jm-count]").inner_text()


@pytest.mark.parametrize("size", list(SIZES))
def test_filters_are_in_the_address_and_the_address_restores_them(
    size: str, example: Served, example_maps: Any, open_page: Any
) -> None:
    page, seen = open_page(example, viewport=SIZES[size])
    visit(page, example, "ownership/")
    total = sum(1 for _ in example_maps.touchpoints())
    assert _shown(page) == (total, str(total)) and urlsplit(page.url).query == ""

    department = "ecommerce" if "ecommerce" in example_maps.departments else next(iter(example_maps.departments))
    involved = [
        r for r in example_maps.touchpoints() if any(department in ids for ids in r.touchpoint.roles().values())
    ]
    owned = [r for r in involved if r.touchpoint.owner == department]
    _filter(page, "Department", department)
    assert parse_qs(urlsplit(page.url).query) == {"department": [department]}
    _filter(page, "Role", "A")
    shared = page.url
    assert parse_qs(urlsplit(shared).query) == {"department": [department], "role": ["A"]}
    assert _shown(page) == (len(owned), str(len(owned)))

    # the address pasted into another browser opens the same view
    other, other_seen = open_page(example, viewport=SIZES[size])
    visit(other, example, shared[len(example.base) :])
    assert other.locator(".jm-filters").get_by_label("Department").input_value() == department
    assert other.locator(".jm-filters").get_by_label("Role").input_value() == "A"
    assert _shown(other) == (len(owned), str(len(owned)))
    assert other.locator(f'#jm-matrix thead th[data-dept="{department}"]').is_visible()

    # typing a search is one step in the history, its address kept up to date as the words change
    box = page.locator(".jm-filters").get_by_label("Search")
    word = owned[0].touchpoint.name.split()[0]
    box.press_sequentially(word, delay=15)
    assert parse_qs(urlsplit(page.url).query)["text"] == [word]
    searched = page.locator("#jm-matrix tbody tr:not([hidden])").count()
    assert 0 < searched <= len(owned)

    # Back and Forward step through the filters chosen
    page.go_back()
    page.wait_for_function("!new URLSearchParams(location.search).has('text')")
    page.wait_for_function(f"document.querySelector('[data-jm-count]').textContent === '{len(owned)}'")
    assert box.input_value() == "" and _shown(page) == (len(owned), str(len(owned)))
    page.go_back()
    page.wait_for_function("!new URLSearchParams(location.search).has('role')")
    page.wait_for_function(f"document.querySelector('[data-jm-count]').textContent === '{len(involved)}'")
    assert page.locator(".jm-filters").get_by_label("Role").input_value() == ""
    page.go_back()
    page.wait_for_function(f"document.querySelector('[data-jm-count]').textContent === '{total}'")
    assert urlsplit(page.url).query == "" and page.locator(".jm-filters").get_by_label("Department").input_value() == ""
    page.go_forward()
    page.wait_for_function(f"document.querySelector('[data-jm-count]').textContent === '{len(involved)}'")
    assert page.locator(".jm-filters").get_by_label("Department").input_value() == department

    # an address naming a department that does not exist shows everything, and says nothing is filtered
    visit(other, example, "ownership/?department=no-such-team&role=Z")
    assert _shown(other) == (total, str(total))
    assert other.locator(".jm-filters").get_by_label("Department").input_value() == ""
    assert_clean(seen, f"matrix filters at {size}")
    assert_clean(other_seen, f"matrix opened from a shared address at {size}")


def test_hundreds_of_departments_show_only_the_columns_of_the_rows_shown(
    big_site: Served, open_page: Any, axe_js: Path
) -> None:
    page, seen = open_page(big_site, viewport=DESKTOP)
    page.set_default_timeout(90_000)
    visit(page, big_site, "ownership/")
    headings = page.locator("#jm-matrix thead th[data-dept]")
    assert headings.count() == 300
    roles_js = """() => [...document.querySelectorAll('#jm-matrix tbody tr:not([hidden])')].flatMap(r =>
        [...r.attributes].filter(a => a.name.startsWith('data-role-')).map(a => a.name.slice(10)))"""
    everyone = set(page.evaluate(roles_js))
    visible = page.evaluate(
        "() => [...document.querySelectorAll('#jm-matrix thead th[data-dept]')].filter(th => th.offsetWidth > 0).map(th => th.dataset.dept)"
    )
    assert set(visible) == everyone and page.locator("[data-jm-columns]").inner_text() == str(len(everyone))

    journey = page.locator(".jm-filters").get_by_label("Journey").locator("option").nth(3).get_attribute("value")
    _filter(page, "Journey", journey)
    involved = set(page.evaluate(roles_js))
    visible = page.evaluate(
        "() => [...document.querySelectorAll('#jm-matrix thead th[data-dept]')].filter(th => th.offsetWidth > 0).map(th => th.dataset.dept)"
    )
    assert 0 < len(involved) < len(everyone) and set(visible) == involved, (len(involved), len(visible))
    assert page.locator("[data-jm-columns]").inner_text() == str(len(involved))
    # each cell under a shown heading still holds that department's letter (hidden columns shift nothing)
    mismatched = page.evaluate("""() => {
      const heads = [...document.querySelectorAll('#jm-matrix thead th')];
      const bad = [];
      for (const row of document.querySelectorAll('#jm-matrix tbody tr:not([hidden])')) {
        [...row.children].forEach((cell, i) => {
          const dept = heads[i].dataset.dept;
          if (!dept || cell.offsetWidth === 0) return;
          const letters = row.getAttribute('data-role-' + dept) || '';
          if (cell.textContent.trim() !== letters) bad.push([dept, letters, cell.textContent.trim()]);
        });
      }
      return bad.slice(0, 5);
    }""")
    assert not mismatched, mismatched
    assert "journey=" + journey in page.url

    # with this many columns each row also names its departments by role, readable without scrolling
    who = page.locator("#jm-matrix tbody tr:not([hidden]) td.jm-matrix-who").first
    assert who.is_visible() and len(who.locator(".jm-role").all()) >= 2

    # choosing a department far to the right scrolls its column into view beside the touchpoint column
    last = page.locator("#jm-matrix thead th[data-dept]").last.get_attribute("data-dept")
    _filter(page, "Journey", "")
    _filter(page, "Department", last)
    assert parse_qs(urlsplit(page.url).query) == {"department": [last]}
    placed = page.evaluate(f"""() => {{
      const frame = document.querySelector('.jm-matrix-wrap').getBoundingClientRect();
      const corner = document.querySelector('#jm-matrix thead th').getBoundingClientRect();
      const th = document.querySelector('#jm-matrix thead th[data-dept="{last}"]').getBoundingClientRect();
      return {{left: th.left, right: th.right, corner: corner.right, frame: frame.right}};
    }}""")
    assert placed["corner"] - 1 <= placed["left"] and placed["right"] <= placed["frame"] + 1, placed

    ours, material = axe_violations(page, axe_js)
    assert not ours and not material, "\n".join(ours + material)
    assert_clean(seen, "the matrix of 300 departments")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_kind_of_the_long_long_names_passes_axe(
    scheme: str, long_names: Served, open_page: Any, axe_js: Path, screenshots: Path
) -> None:
    from journeymaps.validate import validate

    maps = validate(long_names.root.parent / "maps").maps
    ref = next(iter(maps.touchpoints()))
    addresses = [
        "", "journeys/", f"journeys/{ref.journey.id}/", f"journeys/{ref.address}/", "personas/",
        f"personas/{next(iter(maps.personas))}/", "departments/", f"departments/{next(iter(maps.departments))}/",
        "ownership/", "kpis/", "pain-points/", "channels/", f"channels/{ref.touchpoint.channel}/",
    ]  # fmt: skip
    page, seen = open_page(long_names, scheme)
    problems: list[str] = []
    for address in addresses:
        visit(page, long_names, address, settle=False)
        ours, material = axe_violations(page, axe_js)
        problems += [f"/{address}: {line}" for line in ours + material]
        if address == "ownership/":
            page.screenshot(path=str(screenshots / f"matrix-unicode-{scheme}.png"), full_page=False)
    assert not problems, f"axe-core, serious or critical ({scheme}):\n  " + "\n  ".join(problems[:30])
    assert_clean(seen, f"the long Unicode site ({scheme})")


@pytest.mark.parametrize(
    ("view", "scheme", "size"),
    [("light", "light", "desktop"), ("dark", "dark", "desktop"), ("phone", "light", "phone")],
)
def test_matrix_screenshots(
    view: str, scheme: str, size: str, example: Served, open_page: Any, screenshots: Path
) -> None:
    """The matrix photographed as a reader first sees it, and filtered (for people to look at: docs/accessibility.md)."""
    page, seen = open_page(example, scheme, viewport=SIZES[size])
    visit(page, example, "ownership/?department=customer-service", settle=False)
    page.locator(".jm-matrix-wrap").scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / f"matrix-{view}.png"))
    assert page.locator("#jm-matrix tbody tr:not([hidden])").count() > 0
    # the chosen department's column is in view, whole, beside the touchpoint column (a phone scrolls to it)
    placed = page.evaluate("""() => {
      const frame = document.querySelector('.jm-matrix-wrap').getBoundingClientRect();
      const corner = document.querySelector('#jm-matrix thead th').getBoundingClientRect();
      const th = document.querySelector('#jm-matrix thead th[data-dept="customer-service"]').getBoundingClientRect();
      return {left: th.left, right: th.right, corner: corner.right, frame: frame.right};
    }""")
    assert placed["corner"] - 1 <= placed["left"] and placed["right"] <= placed["frame"] + 1, placed
    assert_clean(seen, f"matrix ({view})")
