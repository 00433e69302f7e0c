"""Our pages' search entries, read without html.parser, are Material's own (issue 15).

`searchindex.sections` replaces Material's `Parser` for the pages we generate. Crafted fragments (plain
HTML as we write it, and hostile constructs it must hand back to Material) compare its sections with the
Parser's; whole sites (the example site, hostile maps, synthetic maps) are built with and without it and
must give the same search/search_index.json, byte for byte.
"""

from __future__ import annotations

import importlib.util
import io
import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from journeymaps import searchindex
from journeymaps import site as site_module
from material.plugins.search.plugin import Parser, SearchIndex

from .conftest import ROOT, write_maps

TAGS = [
    "p", "code", "pre", "li", "ol", "ul", "sub", "sup", "div", "span", "a", "h1", "h2", "h3", "h6", "td",
    "svg", "text", "g", "br", "img", "wbr", "object", "hx", "section", "strong",
]  # fmt: skip
ATTRIBUTES = [
    ' id="intro"', ' id="a&amp;b"', ' id=""', ' class="headerlink"', ' class="linenodiv"', ' class="&#108;inenodiv"',
    " data-search-exclude", ' data-search-exclude=""', " DATA-Search-Exclude", ' title="x &lt; y &gt; z"',
    ' fill="&#35;fff"', ' href="#top"', ' viewBox="0 0 1 1"', '\n  id="next-line"', ' class="x"', ' CLASS="headerlink"',
    ' title="&amp;amp;&copy"', ' class="a" class="headerlink"',
]  # fmt: skip
PIECES = ["a", "b", " ", "  ", "\n", "\t", "\r", ">", "é", "\xa0", "&amp;", "&lt;", "&gt;", "&#35;", "&#1;", "&copy",
          "&copy;", "&", "&#x27;", "&#xD800;", "&nbsp"]  # fmt: skip
HOSTILE = [
    "<!-- a comment -->", "<script>x<p></script>", "<style>p{}</style>", "<p class='x'>", "<P>", "</P>", "< p>",
    "a < b", '<a href=x>', "<![CDATA[x]]>", "<?pi?>", "</p >", "<!doctype html>", '<p\x0bclass="x">', "<br/ >",
    '<p title="<">', "&", "<", "<p", "<title><b>x</b></title>", "<title/>", "<textarea>a</p></textarea>",
    '<p a="b"c="d">', "<p/ >", "</ p>", "<xmp><p></xmp>",
]  # fmt: skip

text = st.lists(st.sampled_from(PIECES), min_size=1, max_size=6).map("".join)
start = st.builds(
    lambda tag, attrs, space, slash: f"<{tag}{''.join(attrs)}{space}{slash}>",
    st.sampled_from(TAGS), st.lists(st.sampled_from(ATTRIBUTES), max_size=3), st.sampled_from(["", " ", "\n"]),
    st.sampled_from(["", "", "", "/"]),
)  # fmt: skip
end = st.sampled_from(TAGS).map(lambda tag: f"</{tag}>")
title = text.map(lambda words: f"<title>{words}</title>")
opening = st.sampled_from(["", '<h2 id="first">', "<pre>", '<div><h3 id="d">', "<h1>", '<p><pre class="x">'])
"""How a fragment begins: Material's parser treats the first heading and open `pre` specially."""
plain = st.tuples(opening, st.lists(st.one_of(start, end, end, text, title), max_size=60)).map(
    lambda parts: parts[0] + "".join(parts[1])
)
"""HTML as we write it: `sections` must read every such fragment itself."""
hostile = st.lists(st.one_of(start, end, text, st.sampled_from(HOSTILE)), max_size=40).map("".join)


def described(sections: list[Any]) -> list[Any]:
    return [(s.el.tag, s.el.attrs, s.id, s.title, s.text, s.depth) for s in sections]


def materials(html: str) -> list[Any] | Exception:
    parser = Parser()
    try:
        parser.feed(html)
        parser.close()
    except Exception as error:  # a closing tag it cannot match in what it collected (list.index)
        return error
    return described(parser.data)


def ours(html: str) -> list[Any] | Exception | None:
    try:
        found = searchindex.sections(html)
    except Exception as error:
        return error
    return None if found is None else described(found)


@settings(max_examples=500)
@given(plain)
def test_plain_html_is_read_as_materials_parser_reads_it(html: str) -> None:
    expected, found = materials(html), ours(html)
    assert found is not None, "plain HTML as we write it must not need Material's parser"
    if isinstance(expected, Exception):
        assert type(found) is type(expected), (found, expected)
    else:
        assert found == expected


@given(hostile)
def test_anything_else_is_read_the_same_or_left_to_material(html: str) -> None:
    expected, found = materials(html), ours(html)
    if isinstance(expected, Exception):
        assert found is None or type(found) is type(expected), (found, expected)
    else:
        assert found is None or found == expected


@pytest.mark.parametrize("html", HOSTILE)
def test_each_hostile_construct_is_read_the_same_or_left_to_material(html: str) -> None:
    for page in (html, f"<h2 id='x'>T</h2><p>{html} after</p>", f'<div><h2 id="t">A &amp; B</h2>{html}<p>z</p></div>'):
        found = ours(page)
        assert found is None or found == materials(page), page


@pytest.mark.parametrize(
    "html",
    [
        '<h1 id="top">Title<a class="headerlink" href="#top">¶</a></h1><p>Text <code>x</code></p>',
        '<div><h2 id="a">A</h2><p>one</p></div><p>after the div</p><h3 id="b">B</h3><ul><li> </li><li>x</li></ul>',
        "<div data-search-exclude><div>inner</div>visible again</div><pre>  a\n  b</pre>",
        '<svg viewBox="0 0 1 1"><title>A &amp; B</title><text fill="&#35;fff">label</text><path d="M0"/></svg>',
        '<h2 id="first">First</h2><p>no h1</p><pre><code> <span>a</span>  <span></span> \n </code></pre>',
    ],
)
def test_pages_shaped_like_ours_are_read_without_materials_parser(html: str) -> None:
    assert ours(html) == materials(html)


def _entries(html: str, meta: dict[str, Any], read: str) -> list[dict[str, Any]]:
    page = SimpleNamespace(content=html, toc=[], url="journeys/x/", title="Page title", meta=meta)
    index = SearchIndex()
    if read == "ours":
        fast = searchindex.FastIndex(index, lambda _page: True)
        fast(page)  # type: ignore[arg-type]  # the attributes Material's index reads of a page
        assert fast.read + fast.fallbacks == (0 if (meta.get("search") or {}).get("exclude") else 1)
    else:
        index.add_entry_from_context(page)
    return list(index.entries)


@pytest.mark.parametrize(
    "meta",
    [{}, {"tags": ["a", 2, None, True]}, {"search": {"boost": 2}}, {"search": {"exclude": True}}, {"title": "T"}],
)
def test_entries_from_a_page_are_materials_own(meta: dict[str, Any]) -> None:
    html = (
        '<p>Preface</p><h1 id="t">Title</h1><p>Intro &amp; more</p><h2 id="s" data-search-exclude>Hidden</h2>'
        '<p>hidden text</p><h2 id="k">Kept</h2><ul><li>one</li></ul>'
    )
    assert _entries(html, meta, "ours") == _entries(html, meta, "material")


def test_a_teams_own_page_and_a_page_with_a_comment_go_to_materials_parser() -> None:
    page = SimpleNamespace(content='<h1 id="t">T</h1><p>x</p>', toc=[], url="about/", title="About", meta={})
    fast = searchindex.FastIndex(SearchIndex(), lambda _page: False)
    fast(page)  # type: ignore[arg-type]
    assert (fast.read, fast.fallbacks, len(fast.index.entries)) == (0, 0, 1)
    commented = SimpleNamespace(**{**vars(page), "content": "<!-- c --><h1 id='t'>T</h1>"})
    fast = searchindex.FastIndex(SearchIndex(), lambda _page: True)
    fast(commented)  # type: ignore[arg-type]
    assert (fast.read, fast.fallbacks, len(fast.index.entries)) == (0, 1, 1)


def test_another_materials_parser_keeps_its_own_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    search = SimpleNamespace(search_index=SearchIndex())
    original = search.search_index.add_entry_from_context
    monkeypatch.setattr(searchindex, "_VERIFIED", "0" * 64)
    assert searchindex.install([search], lambda _page: True) is None
    assert search.search_index.add_entry_from_context == original
    monkeypatch.undo()
    fast = searchindex.install([search], lambda _page: True)
    assert fast is not None and search.search_index.add_entry_from_context is fast
    assert searchindex.install([search], lambda _page: True) is fast, "installed once per index"


# -- whole sites, built with and without the fast reading -------------------------------------------------------
def _build_twice(config: Path, work: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[bytes, bytes, list[Any]]:
    """search_index.json of a build with `searchindex` and of one with Material's parser alone; the fast indexes."""
    used: list[Any] = []
    # Checked against the installed Material, whichever release it is: a new one must read the same to pass
    monkeypatch.setattr(searchindex, "_VERIFIED", searchindex.fingerprint())
    install = searchindex.install

    def recording(*args: Any) -> Any:
        fast = install(*args)
        used.append(fast)
        return fast

    monkeypatch.setattr(searchindex, "install", recording)
    site_module.build(str(config), str(work / "fast"), err=io.StringIO())
    monkeypatch.setattr(searchindex, "install", lambda *args: None)
    site_module.build(str(config), str(work / "material"), err=io.StringIO())
    index = Path("search") / "search_index.json"
    return (work / "fast" / index).read_bytes(), (work / "material" / index).read_bytes(), used


def _assert_same_index(fast: bytes, material: bytes, used: list[Any], at_least: int) -> None:
    assert fast == material, "the search index differs from Material's"
    assert len(used) == 1 and used[0] is not None and used[0].fallbacks == 0, used
    assert used[0].read >= at_least, used[0].read
    assert len(json.loads(fast)["docs"]) > at_least


@pytest.mark.slow
def test_the_example_site_has_materials_search_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast, material, used = _build_twice(ROOT / "mkdocs.yml", tmp_path, monkeypatch)
    _assert_same_index(fast, material, used, at_least=100)


SITE = """\
site_name: Search
theme: material
plugins: [search, tags, journeymaps]
markdown_extensions: [attr_list, md_in_html, admonition, {toc: {permalink: true}}]
"""


def _valid_hostile_cases() -> list[Path]:
    corpus = ROOT / "tests" / "hostile"
    return sorted(case for case in corpus.iterdir() if (case / "expected-exit").is_file())


@pytest.mark.slow
@pytest.mark.parametrize("case", ["safety", *_valid_hostile_cases()], ids=lambda case: getattr(case, "name", case))
def test_sites_of_hostile_maps_have_materials_search_index(
    case: Path | str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hostile corpus' valid cases, and test_site_safety's maps (markup, scripts, entities in every text)."""
    repo = tmp_path / "repo"
    if isinstance(case, Path):
        from .test_hostile import lay_out_case

        lay_out_case(case, repo)
    else:
        from .test_site_safety import MAPS

        write_maps(repo, base=MAPS)
    (repo / "docs").mkdir()
    (repo / "docs" / "tags.md").write_text("# Tags\n\n<!-- material/tags -->\n", encoding="utf-8")
    (repo / "mkdocs.yml").write_text(SITE, encoding="utf-8")
    fast, material, used = _build_twice(repo / "mkdocs.yml", tmp_path, monkeypatch)
    _assert_same_index(fast, material, used, at_least=8)


@pytest.mark.slow
def test_a_synthetic_site_has_materials_search_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """bench/synth.py's maps as bench/run.py publishes them (200 touchpoints; bench/search.py checks 1,000)."""
    maps = tmp_path / "maps"
    subprocess.run([sys.executable, str(ROOT / "bench" / "synth.py"), str(maps), "--touchpoints", "200"], check=True)
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    assert spec is not None and spec.loader is not None
    bench_run = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench_run", bench_run)  # its dataclasses look their module up
    monkeypatch.setattr(sys, "path", list(sys.path))  # it puts bench/ on the path
    spec.loader.exec_module(bench_run)
    repo = bench_run.write_site(tmp_path / "repo", maps)
    fast, material, used = _build_twice(repo / "mkdocs.yml", tmp_path, monkeypatch)
    _assert_same_index(fast, material, used, at_least=200)
