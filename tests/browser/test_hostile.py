"""Hostile text end to end: maps whose every text field attacks the site (fixtures/hostile) build, and in
the browser nothing from them runs, no dialog opens, and the text reads as the text that was written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .conftest import Served
from .pages import assert_clean, visit
from .test_page_kinds import generated_addresses

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Markup found after the browser parsed the page: anything from the maps that became live.
LIVE_MARKUP_JS = """() => {
  const found = [];
  const risky = /^\\s*(javascript|vbscript|data):/i;
  for (const el of document.querySelectorAll('.md-content *, head title')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) found.push(`${el.tagName} ${name}="${attr.value.slice(0, 60)}"`);
      if (['href', 'src', 'xlink:href', 'action', 'formaction', 'data'].includes(name) && risky.test(attr.value))
        found.push(`${el.tagName} ${name}="${attr.value.slice(0, 60)}"`);
    }
    if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'STYLE', 'IMG', 'BASE', 'META', 'FORM'].includes(el.tagName) && el.closest('.md-content'))
      if (!(el.tagName === 'IMG' && el.closest('.jm-figure'))) found.push(`<${el.tagName.toLowerCase()}> element in the content`);
  }
  return found;
}"""

PAYLOADS_SHOWN = [  # as written in fixtures/hostile/maps, and so as a reader must see them
    '<script>window.__pwned="desc";alert(1)</script>',
    '<img src=x onerror="window.__pwned=1;alert(1)">',
    '{: onclick="window.__pwned=1" }',
    "{{ 7*7 }}",
    "{% raw %}",
]


def check(page: Any, address: str) -> list[str]:
    problems = [f"/{address}: {m}" for m in page.evaluate(LIVE_MARKUP_JS)]
    if page.evaluate("typeof window.__pwned") != "undefined":
        problems.append(
            f"/{address}: a script from the maps ran (window.__pwned = {page.evaluate('String(window.__pwned)')!r})"
        )
    return problems


def test_hostile_maps_build_and_nothing_in_them_runs(hostile: Served, open_page: Any) -> None:
    addresses = generated_addresses(hostile.root)
    assert {"", "journeys/heist/", "journeys/heist/front-door/", "departments/support/", "personas/mallory/"} <= set(
        addresses
    )
    page, seen = open_page(hostile)
    problems: list[str] = []
    for address in addresses:
        visit(page, hostile, address, settle=False)
        # point at, focus and load everything: handlers, had any survived, would fire now
        page.evaluate("""() => document.querySelectorAll('.md-content *').forEach(el => {
            for (const type of ['mouseover', 'mouseenter', 'focus', 'load', 'error']) el.dispatchEvent(new Event(type));
        })""")
        page.wait_for_timeout(50)
        problems += check(page, address)
        problems += [f"/{address}: {p}" for p in seen.problems()]
        seen.clear()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "address", ["journeys/heist/front-door/", "journeys/heist/", "departments/support/", "personas/mallory/"]
)
def test_hostile_text_is_shown_as_text(address: str, hostile: Served, open_page: Any) -> None:
    page, seen = open_page(hostile)
    visit(page, hostile, address)
    text = page.locator("article").inner_text()
    if address == "journeys/heist/front-door/":
        for payload in PAYLOADS_SHOWN:
            assert payload in text, f"{payload!r} is not shown literally on /{address}"
        # an unsafe Markdown link keeps its text and loses its target
        assert page.locator(".jm-summary").get_by_text("x", exact=True).count() >= 1
    assert "{{ 7*7 }}" in text and "49" not in text.replace("{{ 7*7 }}", ""), (
        f"/{address}: template syntax was evaluated"
    )
    assert "<script>" in text, f"/{address}: the script tags were swallowed instead of shown"
    # the diagrams hold the same text as text, never as structure or links
    svg_text = page.evaluate("() => [...document.querySelectorAll('.jm-figure svg')].map(s => s.textContent).join(' ')")
    if address.startswith("journeys/heist/") and address.count("/") == 2:
        assert '"]; x -> y [URL="javascript:alert(1)"]' in svg_text
        assert "{{ 7*7 }}" in svg_text
    assert page.evaluate("typeof window.__pwned") == "undefined"
    # clicking what looks like a link in the description is harmless
    for link in page.locator(".md-content .jm-summary a").all():
        assert not (link.get_attribute("href") or "").lower().lstrip().startswith("javascript")
    assert_clean(seen, f"/{address}")


def test_hostile_fixture_is_what_the_tests_say(hostile_site: Path) -> None:
    """The fixture still carries its payloads (a cleaned-up fixture would make the tests above vacuous)."""
    maps = Path(__file__).parent / "fixtures" / "hostile" / "maps"
    text = "\n".join(p.read_text("utf-8") for p in sorted(maps.rglob("*.yaml")))
    for payload in [
        "<script>",
        "onerror=",
        "javascript:",
        "{: onclick=",
        '"]; x -> y [URL=',
        "{{ 7*7 }}",
        "{% raw %}",
        "\\'\n",
    ]:
        assert payload in text, payload
    assert (hostile_site / "journeys" / "heist" / "front-door" / "index.html").is_file()


# Anything live anywhere in the document, the theme's header, navigation, edit buttons and tags included.
LIVE_ANYWHERE_JS = """() => {
  const found = [];
  const risky = /^\\s*(javascript|vbscript|data):/i;
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) found.push(`${el.tagName} ${name}="${attr.value.slice(0, 60)}"`);
      const link = ['href', 'src', 'xlink:href', 'action', 'formaction', 'data'].includes(name);
      const themeButton = attr.value === 'javascript:void(0)' && el.dataset.mdComponent === 'search-share';
      if (link && risky.test(attr.value) && !themeButton)
        found.push(`${el.tagName} ${name}="${attr.value.slice(0, 60)}"`);
    }
    const embeds = ['IFRAME', 'OBJECT', 'EMBED', 'IMG', 'BASE', 'FRAME'];
    if (embeds.includes(el.tagName)) found.push(`<${el.tagName.toLowerCase()}>`);
  }
  return found;
}"""


@pytest.fixture(scope="module")
def crafted(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A site built by MkDocs through the plugin from maps holding what validation refuses (U+FFFF, U+2028, ...)
    and a journey folder named like an attribute, with Material's edit and view buttons on."""
    from journeymaps import site as site_module
    from journeymaps.validate import Result
    from mkdocs.commands.build import build as mkdocs_build

    from ..test_site_safety import _crafted_repo
    from .conftest import serve

    repo, maps = _crafted_repo(tmp_path_factory.mktemp("browser-crafted"))
    config = site_module.load(str(repo / "mkdocs.yml"), site_dir=str(repo / "site"))
    site_module.plugin_of(config).hand_over(result=Result(maps, [], 3))
    mkdocs_build(config)
    yield from serve(repo / "site")


def test_crafted_maps_run_nothing_anywhere_on_the_page(crafted: Served, open_page: Any) -> None:
    addresses = generated_addresses(crafted.root)
    assert {"journeys/purchase/", "journeys/purchase/checkout/", "personas/shopper/"} <= set(addresses)
    page, seen = open_page(crafted)
    problems: list[str] = []
    for address in addresses:
        visit(page, crafted, address, settle=False)
        page.evaluate("""() => document.querySelectorAll('*').forEach(el => {
            for (const type of ['mouseover', 'mouseenter', 'focus', 'load', 'error']) el.dispatchEvent(new Event(type));
        })""")
        page.wait_for_timeout(50)
        problems += [f"/{address}: {m}" for m in page.evaluate(LIVE_ANYWHERE_JS)]
        problems += [f"/{address}: {p}" for p in seen.problems() if "dialog" in p or "alert" in p]
        seen.clear()
    assert not problems, "\n".join(problems)
    visit(page, crafted, "journeys/purchase/")
    assert page.title().startswith("Online purchase ![x](y){: onerror=alert(1)}")
    edit = page.locator("a[rel=edit]").first.get_attribute("href") or ""
    assert "x%22%20onmouseover%3D%22alert%283%29" in edit, edit
