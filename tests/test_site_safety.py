"""Text safety: hostile names and free text in the maps never become markup, scripts or unsafe links.

A real strict build of a site whose maps try every trick, with the Markdown extensions Material sites
usually enable (attr_list, md_in_html), so that a second Markdown pass would bite if it could.
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from urllib.parse import unquote

import pytest
from journeymaps.codes import BASE
from journeymaps.model import Maps
from journeymaps.pages import SiteOptions, build_pages
from journeymaps.text import inline_markdown, is_safe_url, plain, title_text
from mkdocs.utils.meta import get_data

from .conftest import ROOT, run_cli, write_maps
from .crafted import UNREADABLE, crafted_maps, with_source
from .test_site import Node, Site, parse

pytestmark = pytest.mark.slow  # real MkDocs builds of hostile text

EVIL_DEPT = '</title><script>alert("dept")</script>'
EVIL_JOURNEY = "<img src=x onerror=alert(1)> & {{ config.site_name }}"
EVIL_TOUCHPOINT = '*Help* {: onclick="alert(2)" } </title><script>alert(3)</script>'
EVIL_DESCRIPTION = (
    '[click](javascript:alert(4)) <b onmouseover="alert(5)">hi</b> {: onclick="alert(6)" } '
    "{{ config.site_name }} [ok](https://example.com/ok) [mail](mailto:help@example.com) [rel](../other/)"
)
EVIL_PAIN = (
    "[x](JaVaScRiPt:alert(7)) [y](data:text/html;base64,PHNjcmlwdD4=) [z](java&#115;cript:alert(8)) "
    '<script>alert(9)</script> `--8<-- "/etc/passwd"`'
)

MAPS = {
    "departments.yaml": f"""\
departments:
  - id: support
    name: '{EVIL_DEPT}'
    description: '{EVIL_DESCRIPTION.replace("'", "''")}'
    contact: 'https://example.com/{{{{config}}}}'
""",
    "personas/shopper.yaml": f"""\
name: '{EVIL_DEPT}'
summary: '{EVIL_PAIN.replace("'", "''")}'
goals: ['{EVIL_DESCRIPTION.replace("'", "''")}']
""",
    "journeys/purchase.yaml": f"""\
title: '{EVIL_JOURNEY}'
persona: shopper
owner: support
summary: '{EVIL_DESCRIPTION.replace("'", "''")}'
stages:
  - id: buy
    name: '{EVIL_TOUCHPOINT.replace("'", "''")}'
    goal: '{EVIL_PAIN.replace("'", "''")}'
    touchpoints:
      - id: checkout
        name: '{EVIL_TOUCHPOINT.replace("'", "''")}'
        channel: website
        owner: support
        description: '{EVIL_DESCRIPTION.replace("'", "''")}'
        systems: ['{EVIL_DEPT}']
        pain_points:
          - text: '{EVIL_PAIN.replace("'", "''")}'
            severity: high
        opportunities: ['{EVIL_PAIN.replace("'", "''")}']
""",
}

MKDOCS_YML = """\
site_name: Safety
theme: material
plugins: [search, tags, journeymaps]
markdown_extensions: [attr_list, md_in_html, toc]
"""


@pytest.fixture(scope="module")
def evil_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    repo = tmp_path_factory.mktemp("evil")
    write_maps(repo, base=MAPS)
    (repo / "docs").mkdir()
    (repo / "docs" / "tags.md").write_text("# Tags\n\n<!-- material/tags -->\n", encoding="utf-8")
    (repo / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    run = run_cli("build", "-d", repo / "site", cwd=repo)
    assert run.code == 0, run.err
    return Site(repo / "site")


def _html_files(site: Site) -> list[Path]:
    return sorted(p for p in site.root.rglob("*.html") if "assets" not in p.parts)


def _unsafe_attributes(root: Node) -> list[str]:
    found = []
    for node in root.iter():
        for name, value in node.attrs.items():
            if name.startswith("on"):
                found.append(f"<{node.tag} {name}={value!r}>")
            if name in ("href", "src", "xlink:href", "action", "formaction") and not is_safe_url(value):
                found.append(f"<{node.tag} {name}={value!r}>")
    return found


def test_no_page_has_an_injected_script_handler_or_unsafe_link(evil_site: Site) -> None:
    pages = _html_files(evil_site)
    assert len(pages) > 8
    for page in pages:
        text = page.read_text(encoding="utf-8")
        root = parse(text)
        assert not _unsafe_attributes(root), page
        for script in root.find_all("script"):
            assert "alert" not in script.text, page
        assert not root.find_all("img"), page
        assert "{{ config" not in text.replace("&#123;", "{").replace(
            "&#125;", "}"
        ) or "Safety" not in _rendered_config(text), page


def _rendered_config(text: str) -> str:
    """What `{{ config.site_name }}` would have become had a macro pass rendered it (it must stay literal)."""
    return " ".join(re.findall(r"&#123;&#123; config\.site_name &#125;&#125;", text)) or ""


def test_names_show_exactly_as_written_and_titles_cannot_break_out(evil_site: Site) -> None:
    address = "journeys/purchase/checkout/"
    page_text = evil_site.file(address).read_text(encoding="utf-8")
    root = parse(page_text)
    title = root.find("head").find("title")
    assert title.text.startswith('*Help* {: onclick="alert(2)" } \u2039/title\u203a\u2039script\u203aalert(3)')
    assert not [s for s in root.find("head").find_all("script") if "alert" in s.text]
    content = evil_site.content(address)
    assert content.find("h1").text == " ".join(EVIL_TOUCHPOINT.split())
    dept = content.find("a", cls="jm-dept")
    assert dept.text == EVIL_DEPT
    # the header and navigation show the name as text too
    header = root.find("div", cls="md-header__title")
    assert "alert(3)" in header.text and not header.find_all("script")


def test_free_text_keeps_safe_links_and_drops_unsafe_ones(evil_site: Site) -> None:
    content = evil_site.content("journeys/purchase/checkout/")
    hrefs = {a.attrs["href"] for a in content.links()}
    assert "https://example.com/ok" in hrefs and "mailto:help@example.com" in hrefs and "../other/" in hrefs
    text = content.text
    assert '<b onmouseover="alert(5)">hi</b>' in text  # raw HTML shown as text
    assert '{: onclick="alert(6)" }' in text  # attribute lists shown as text
    assert "click" in text and "javascript" not in " ".join(hrefs).lower()


def test_search_index_holds_escaped_text_only(evil_site: Site) -> None:
    raw = (evil_site.root / "search" / "search_index.json").read_text(encoding="utf-8")
    for doc in json.loads(raw)["docs"]:
        for field in ("title", "text"):
            assert not re.search(r"<(script|img|b )", doc[field], re.I), doc[field][:200]


def test_tags_listing_escapes_department_names(evil_site: Site) -> None:
    root = evil_site.page("tags/")
    assert not _unsafe_attributes(root)
    assert not [s for s in root.find_all("script") if "alert" in s.text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("**bold** and *em* and `code`", "<strong>bold</strong> and <em>em</em> and <code>code</code>"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("R&D", "R&amp;D"),
        ("[a](javascript:alert(1))", "<span>a</span>"),
        ("[a](  JAVASCRIPT:alert(1))", "<span>a</span>"),
        ("[a](java\tscript:alert(1))", "<span>a</span>"),
        ("[a](vbscript:x)", "<span>a</span>"),
        ("[a](data:text/html,x)", "<span>a</span>"),
        ("[a](https://example.com/?q=1&r=2)", '<a href="https&#58;//example.com/?q&#61;1&amp;r&#61;2">a</a>'),
        ("[a](../x/)", '<a href="../x/">a</a>'),
        ("{: onclick=x}", "&#123;&#58; onclick&#61;x&#125;"),
        ("![img](https://example.com/x.png)", "&#33;&#91;img&#93;(https&#58;//example.com/x.png)"),
        ("# not a heading\n- not a list", "&#35; not a heading - not a list"),
        ("`a<b & --8<-- {x}`", "<code>a&lt;b &amp; --8&lt;-- &#123;x&#125;</code>"),
    ],
)
def test_inline_markdown(text: str, expected: str) -> None:
    assert str(inline_markdown(text)) == expected


def test_unsafe_url_forms_are_refused() -> None:
    for url in [
        "javascript:x",
        "JavaScript:x",
        " javascript:x",
        "java\nscript:x",
        "&#106;avascript:x",
        "java&#x73;cript:x",
        "data:x",
        "vbscript:x",
        "file:///etc/passwd",
    ]:
        assert not is_safe_url(url), url
    for url in ["https://a.b/c", "http://a.b", "mailto:a@b.c", "../x/", "x/y", "#frag", "?q=1"]:
        assert is_safe_url(url), url


def test_names_and_titles_are_plain_text() -> None:
    assert str(plain("*a* <b> {x}")) == "&#42;a&#42; &lt;b&gt; &#123;x&#125;"
    assert html.unescape(str(plain("A & B"))) == "A & B"
    assert "<" not in html.unescape(title_text("</title><script>"))


def test_apostrophes_and_references_read_as_typed() -> None:
    """An apostrophe in a name shows as an apostrophe; a reference the user typed shows as typed."""
    import html as html_module

    from journeymaps.text import inline_markdown, plain

    for render in (plain, inline_markdown):
        shown = html_module.unescape(str(render("Where's my order? &#x27; stays")))
        assert shown == "Where's my order? &#x27; stays", render.__name__


# ----------------------------------------------------------------------------------------------
# Every element and attribute of every page is on an allow-list: ours, the theme's, the diagrams'.
# The theme's own markup counts: the title, the navigation, the edit link, the tags.

ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"class", "id", "title", "aria-label", "aria-labelledby", "aria-expanded", "aria-live", "aria-pressed",
          "role", "tabindex", "hidden", "dir", "lang"},
    "a": {"href", "rel", "target", "style", "xlink:href", "xlink:title", "data-clipboard", "data-clipboard-text",
          "data-md-component"},
    "body": {"data-md-color-accent", "data-md-color-primary", "data-md-color-scheme"},
    "button": {"type", "data-md-component"},
    "circle": {"cx", "cy", "r", "fill", "stroke", "stroke-width"},
    "dd": {"data-jm-review"},
    "div": {"data-jm-compare", "data-jm-diagram", "data-jm-filter-for", "data-jm-funnel", "data-jm-handoffs",
            "data-jm-hurts", "data-jm-problems", "data-jm-review", "data-jm-review-list", "data-md-component",
            "data-md-scrollfix", "data-md-type"},
    "form": {"name", "data-md-component"},
    "g": {"transform"},
    "header": {"data-md-component"},
    "input": {"type", "name", "placeholder", "autocapitalize", "autocomplete", "autocorrect", "spellcheck",
              "required", "checked", "data-jm-filter", "data-md-color-accent", "data-md-color-media",
              "data-md-color-primary", "data-md-color-scheme", "data-md-component", "data-md-toggle"},
    "label": {"for"},
    "li": {"data-jm-moment", "data-jm-kpi", "data-jm-ostatus", "data-jm-stage"},
    "line": {"x1", "x2", "y1", "y2", "stroke", "stroke-dasharray", "stroke-linecap", "stroke-opacity",
             "stroke-width"},
    "link": {"href", "rel", "crossorigin"},
    "main": {"data-md-component"},
    "meta": {"charset", "content", "name"},
    "nav": {"data-md-level"},
    "option": {"value"},
    "p": {"data-jm-state", "data-jm-handoffs", "data-jm-largest-drop"},
    "path": {"d", "fill", "stroke", "stroke-dasharray", "stroke-linecap", "stroke-width"},
    "polygon": {"fill", "points", "stroke", "stroke-linejoin", "stroke-width"},
    "polyline": {"fill", "points", "stroke", "stroke-dasharray", "stroke-linejoin", "stroke-opacity", "stroke-width"},
    "rect": {"fill", "fill-opacity", "height", "rx", "stroke", "stroke-width", "width", "x", "y"},
    "script": {"src", "type"},
    "select": {"data-jm-filter"},
    "span": {"data-jm-columns", "data-jm-count", "aria-hidden", "style"},  # style: a funnel bar's width, checked below
    "svg": {"xmlns", "xmlns:xlink", "viewbox", "width", "height", "style", "font-family", "aria-hidden", "focusable"},
    "table": {"data-jm-sortable", "data-jm-handoffs-list", "data-jm-compare", "data-jm-compare-list",
              "data-jm-stale-list"},
    "td": {"colspan", "data-sort"},
    "text": {"x", "y", "fill", "font-family", "font-size", "font-style", "font-weight", "text-anchor", "transform"},
    "th": {"scope", "data-dept"},
    "tr": {"data-jm-role", "data-jm-status", "data-jm-journey", "data-journey", "data-owner", "data-severity",
           "data-jm-handoff", "data-jm-ostatus"},
    "tspan": {"x", "dy"},
    "ul": {"data-md-component", "data-md-scrollfix"},
}  # fmt: skip
ALLOWED_TAGS = set(ALLOWED_ATTRIBUTES) - {"*"} | {
    "article", "blockquote", "br", "code", "dd", "desc", "dl", "dt", "em", "footer", "h1", "h2", "h3", "h4", "h5",
    "h6", "head", "hr", "html", "li", "ol", "p", "small", "strong", "style", "tbody", "thead", "title", "b", "i",
    "section", "wbr",
}  # fmt: skip
LINK_ATTRIBUTES = {"href", "src", "xlink:href"}
ROLE_COLUMN = re.compile(r"^data-role-[a-z0-9]+(-[a-z0-9]+)*$")  # one per department id (validated kebab-case)


# The theme's inline scripts (Material), by how each begins; the configuration one is JSON.
THEME_SCRIPTS = (
    "__md_scope=new URL(",
    'var palette=__md_get("__palette")',
    "var target=document.getElementById(location.hash",
)


def _theme_script(text: str) -> bool:
    if "alert" in text:
        return False
    if text.startswith("{"):
        try:
            return isinstance(json.loads(text), dict)
        except ValueError:
            return False
    return text.startswith(THEME_SCRIPTS)


def markup_outside_the_allow_list(text: str) -> list[str]:
    """Elements, attributes, links and styles of an HTML page that are not on the allow-list."""
    found = []
    for node in parse(text).iter():
        if node.tag == "#document":
            continue
        if node.tag not in ALLOWED_TAGS:
            found.append(f"<{node.tag}>")
        allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(node.tag, set())
        for name, value in node.attrs.items():
            if name not in allowed and not (node.tag == "tr" and ROLE_COLUMN.match(name)):
                found.append(f"<{node.tag} {name}={value[:80]!r}>")
            theme_button = value == "javascript:void(0)" and node.attrs.get("data-md-component") == "search-share"
            if (
                name in LINK_ATTRIBUTES
                and (not is_safe_url(value) or re.search(r"[\s\"'<>]", value))
                and not theme_button
            ):
                found.append(f"<{node.tag} {name}={value[:80]!r}>")
            if name == "style" and re.search(r"url\s*\(|expression|javascript|@import|behavior", value, re.I):
                found.append(f"<{node.tag} style={value[:80]!r}>")
        if node.tag == "script" and "src" not in node.attrs and not _theme_script(node.text):
            found.append(f"<script>{node.text[:80]}")
        if node.tag == "title" and node.parent is not None and node.parent.tag == "head" and "<" in node.text:
            found.append(f"<title>{node.text[:80]}")
    return found


def assert_every_page_allowed(root: Path, at_least: int) -> None:
    pages = sorted(root.rglob("*.html"))
    assert len(pages) >= at_least, pages
    for page in pages:
        problems = markup_outside_the_allow_list(page.read_text(encoding="utf-8"))
        assert not problems, (page.relative_to(root).as_posix(), problems[:10])
    for svg in sorted(root.rglob("*.svg")):  # stand-alone diagrams (from `generate`) and theme icons
        for element in ElementTree.parse(svg).getroot().iter():
            for name, value in element.attrib.items():
                short = name.rsplit("}", 1)[-1]
                assert not short.lower().startswith("on"), (svg, name)
                if short == "href":
                    assert is_safe_url(value), (svg, value)


def test_the_allow_list_catches_what_it_must() -> None:
    """The checker itself: each of these must be reported (a check that cannot fail proves nothing)."""
    for bad in [
        '<img src="y" onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        '<a href="https://x/" onmouseover="alert(1)">x</a>',
        '<a href="https://x/a" b">x</a>',
        '<div style="background: url(javascript:alert(1))"></div>',
        "<iframe src=https://x/></iframe>",
        '<p data-md-component="x">y</p>',
        "<script>alert(1)</script>",
        "<head><title>a<b</title></head>",
    ]:
        assert markup_outside_the_allow_list(bad), bad


def test_every_page_of_the_hostile_site_is_on_the_allow_list(evil_site: Site) -> None:
    assert_every_page_allowed(evil_site.root, at_least=10)


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("example") / "site"
    run = run_cli("build", "-f", ROOT / "mkdocs.yml", "-d", out, cwd=ROOT, timeout=300)
    assert run.code == 0, run.err
    return out


def test_every_page_of_the_example_site_is_on_the_allow_list(example_site: Path) -> None:
    assert_every_page_allowed(example_site, at_least=50)


# ----------------------------------------------------------------------------------------------
# Front matter, titles and the edit link, had hostile text passed validation (crafted maps).

CRAFTY_NAME = "![x](y){: onerror=alert(1)} </title><script>alert(2)</script> \" ' & "
CRAFTY_FOLDER = 'x" onmouseover="alert(3)" a="<b>&amp; #L1 ?q=1 %41'


def _crafted_repo(root: Path) -> tuple[Path, Maps]:
    """A repository with an edit link, and maps whose every name holds text the YAML reader refuses."""
    overlay = {
        "departments.yaml": "departments:\n  - id: ecommerce\n    name: Shop MARK\n",
        "personas/shopper.yaml": "name: Shopper MARK\nsummary: Buys online MARK.\n",
        "journeys/purchase.yaml": BASE["journeys/purchase.yaml"]
        .replace("title: Online purchase", "title: Online purchase MARK")
        .replace("name: Checkout", "name: Checkout MARK")
        .replace("name: Buy", "name: Buy MARK"),
    }
    maps_dir = write_maps(root, overlay)
    (root / "docs").mkdir()
    (root / "docs" / "tags.md").write_text("# Tags\n\n<!-- material/tags -->\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: Crafted\nrepo_url: https://example.com/org/repo\nedit_uri: edit/main/docs/\n"
        "theme:\n  name: material\n  features: [content.action.edit, content.action.view]\n"
        "plugins: [search, tags, journeymaps]\nmarkdown_extensions: [attr_list, md_in_html, toc]\n",
        encoding="utf-8",
    )
    maps = with_source(
        crafted_maps(maps_dir, "MARK", CRAFTY_NAME + UNREADABLE), "purchase", f"journeys/{CRAFTY_FOLDER}/purchase.yaml"
    )
    return root, maps


def test_front_matter_always_parses_back_to_what_was_meant(tmp_path: Path) -> None:
    """MkDocs keeps a front matter it cannot parse as page text, rendered as Markdown: never give it one."""
    _, maps = _crafted_repo(tmp_path)
    pages = build_pages(maps, options=SiteOptions(edit_base="https://example.com/org/repo/edit/main/"))
    assert len(pages) > 8
    for page in pages:
        head, _, _ = page.content.partition("\n---\n")
        assert head.isascii() and all(c.isprintable() for c in head.replace("\n", "")), page.uri
        body, meta = get_data(page.content)
        assert meta == page.meta and body == page.body, page.uri
        assert meta["title"] == title_text(page.title), page.uri
    persona = next(p for p in pages if p.uri == "personas/shopper.md")
    assert persona.meta["title"] == title_text("Shopper " + CRAFTY_NAME + UNREADABLE)


def test_edit_links_percent_encode_folder_and_file_names(tmp_path: Path) -> None:
    _, maps = _crafted_repo(tmp_path)
    pages = build_pages(maps, options=SiteOptions(edit_base="https://example.com/org/repo/edit/main/"))
    journey = next(p for p in pages if p.uri == "journeys/purchase/index.md")
    assert journey.edit_url == (
        "https://example.com/org/repo/edit/main/maps/journeys/"
        "x%22%20onmouseover%3D%22alert%283%29%22%20a%3D%22%3Cb%3E%26amp%3B%20%23L1%20%3Fq%3D1%20%2541/purchase.yaml#L1"
    )
    assert unquote(journey.edit_url.rsplit("#", 1)[0]).endswith(f"{CRAFTY_FOLDER}/purchase.yaml")


def test_a_site_from_crafted_maps_is_safe_in_the_themes_own_markup(tmp_path: Path) -> None:
    """A real MkDocs build of the crafted maps: title, navigation, tags, edit link and content on the allow-list."""
    from journeymaps import site as site_module
    from journeymaps.validate import Result
    from mkdocs.commands.build import build as mkdocs_build

    repo, maps = _crafted_repo(tmp_path)
    config = site_module.load(str(repo / "mkdocs.yml"), site_dir=str(repo / "site"))
    plugin = site_module.plugin_of(config)
    plugin.hand_over(result=Result(maps, [], 3))  # the crafted maps, as if they had validated
    mkdocs_build(config)
    built = Site(repo / "site")
    assert_every_page_allowed(built.root, at_least=8)
    persona = built.page("personas/shopper/")
    title = persona.find("head").find("title")  # type: ignore[union-attr]
    assert title.text.startswith("Shopper ![x](y){: onerror=alert(1)} \u2039/title\u203a\u2039script\u203aalert(2)")
    content = built.content("personas/shopper/")
    assert not content.find_all("img") and not content.find_all("hr")  # no front matter shown as text
    assert content.find("h1").text.startswith("Shopper ![x](y){: onerror=alert(1)}")  # type: ignore[union-attr]
    journey = built.page("journeys/purchase/")
    edit = [a.attrs["href"] for a in journey.find_all("a") if a.attrs.get("rel") == "edit"]
    assert edit and all("%22%20onmouseover%3D" in href for href in edit), edit
    nav_titles = [a.text for a in journey.find_all("a", cls="md-nav__link")]
    assert any(t.startswith("Online purchase ![x](y)") for t in nav_titles), nav_titles


def test_what_validates_builds(tmp_path: Path) -> None:
    """A 9,000-character department name (under the 10,000 text limit), and a U+FFFF in a title: `validate` and
    `build` agree, and a site that builds is safe."""
    overlay = {
        "departments.yaml": f"departments:\n  - id: ecommerce\n    name: {'Department ' * 818}\n",
        "journeys/purchase.yaml": BASE["journeys/purchase.yaml"].replace(
            "title: Online purchase", 'title: "Online \\uFFFF purchase ![x](y){: onerror=alert(1)}"'
        ),
    }
    write_maps(tmp_path, overlay)
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    checked = run_cli("validate", "maps", cwd=tmp_path)
    built = run_cli("build", cwd=tmp_path)
    assert "internal error" not in built.err and "could not be drawn" not in built.err, built.err
    assert (checked.code == 0) == (built.code == 0), (checked.out, built.err)
    if built.code == 0:
        assert_every_page_allowed(tmp_path / "site", at_least=8)


VALID_HOSTILE_CASES = sorted(
    case
    for case in (ROOT / "tests" / "hostile").iterdir()
    if (case / "expected-exit").is_file() and (case / "expected-exit").read_text().strip() == "0"
)


@pytest.mark.parametrize("case", VALID_HOSTILE_CASES, ids=lambda p: p.name)
def test_every_valid_case_of_the_hostile_corpus_builds_a_safe_site(case: Path, tmp_path: Path) -> None:
    """What `validate` accepts, `build` publishes: no `dot` failure, no internal error, every page on the allow-list."""
    from .test_hostile import lay_out_case

    lay_out_case(case, tmp_path)
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "tags.md").write_text("# Tags\n\n<!-- material/tags -->\n", encoding="utf-8")
    run = run_cli("build", cwd=tmp_path, timeout=300)
    assert run.code == 0, run.err
    assert "internal error" not in run.err and "Traceback" not in run.err, run.err
    assert_every_page_allowed(tmp_path / "site", at_least=8)
