"""Text safety: hostile names and free text in the maps never become markup, scripts or unsafe links.

A real strict build of a site whose maps try every trick, with the Markdown extensions Material sites
usually enable (attr_list, md_in_html), so that a second Markdown pass would bite if it could.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from journeymaps.text import inline_markdown, is_safe_url, plain, title_text

from .conftest import run_cli, write_maps
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
