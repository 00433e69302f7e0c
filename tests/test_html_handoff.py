"""Generated pages handed to MkDocs as finished HTML (rawblocks.py, issue 15) equal MkDocs' own conversion.

Fast tier: pages made of the pieces our templates write and of everything a team's template could add
(fenced code, comments, `markdown="1"`, a block with text after it, tabs, uppercase tags, ...), shuffled by
Hypothesis, are rendered by `rawblocks.render` and by MkDocs' own `Page.render` on real MkDocs pages: the
HTML, table of contents, title and anchors must be equal. Slow tier: the example site, a synthetic one, the
valid hostile cases and a team's templates built with `journeymaps build` as they are and with a MkDocs hook
that takes the hand-off off every page; every output file and every page's render must be equal.
"""

from __future__ import annotations

import difflib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from journeymaps import rawblocks
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .conftest import ROOT, copy_minimal_repo, run_cli
from .test_hostile import CORPUS, lay_out_case
from .test_hostile import MKDOCS_YML as HOSTILE_YML

HOOKS = Path(__file__).parent / "fixtures" / "handoff"

OURS = [
    "# Billing &amp; Payments",
    "## Map {#map}",
    "### 1. Awareness",
    '<div class="jm-facts">\n<p class="jm-summary">Payment <a href="../x/">methods</a>.</p>'
    "<dl>\n<dt>A</dt></dl>\n</div>",
    '<p class="jm-lead">From <a class="jm-dept" href="../product/">Product &amp; UX</a> (1).</p>\n'
    '<div class="jm-table">\n<table data-jm-sortable>\n<tbody>\n<tr id="row-1"><td>x</td></tr>\n'
    "</tbody>\n</table>\n</div>",
    '<div class="jm-compare" data-jm-compare>\n<p>Compared with it.</p>\n\n<div class="jm-figure">\n'
    '<svg viewBox="0 0 9 9"><title id="t-1">Map&#58; x</title><g id="node1"><a name="n1">x</a></g></svg>\n'
    "</div>\n</div>",
    '<section class="jm-hurts" aria-labelledby="worst">\n<h2 id="worst">Worst moments</h2>\n'
    "<ol>\n<li>x</li>\n</ol>\n</section>",
    "<ul>\n<li>one</li>\n<li>two</li>\n</ul>",
    "<pre>keep   spacing\n\n  here</pre>",
]
ODD = [
    "```\n<div>fenced</div>\n\n<p>still fenced</p>\n```",
    "<!-- a comment\n\n<div>inside the comment</div>\n\n-->",
    '<div markdown="1">\n*emphasis*\n\n<div>nested</div>\n</div>',
    "<div>closed</div> and text after it",
    "<div>closed</div>\ntext on the next line",
    "<dialog>not a block for Python-Markdown</dialog>",
    "<DIV>upper case</DIV>",
    "<div>a\ttab</div>",
    "<div>a line of spaces\n   \nafter it</div>",
    '<div title="a > b" id="gt">y</div>',
    "<div id=unquoted>z</div>",
    "<div><div>unclosed</div>",
    "<p>para</p>\n<span>inline after</span>",
    "<hr>",
    "<script>var s = '</div>';</script>",
    "<div>\n<textarea><div></textarea>\n</div>",
    "   <div>indented</div>",
    "A paragraph with [a link](#map) and [another](other.md#there) and <span>inline</span>.",
    "- a list item\n\n    <div>indented in the item</div>",
    "Text\n<div>straight after text</div>",
]
MARKDOWN = [
    "!!! note\n    An admonition.",
    "A paragraph with [a link](#map), [another](other.md#there), [a missing one](gone.md) and *emphasis*.",
    "- a list\n- of two",
    "Term\n: its definition",
    "A footnote[^1] and HTML.\n\n[^1]: The note.",
    "*[HTML]: Hyper Text Markup Language",
    "## Map",
]
"""Markdown without HTML: converted by MkDocs around the handed-over blocks."""
EXTENSIONS = [
    ["attr_list", "md_in_html", "admonition", {"toc": {"permalink": True}}],
    ["attr_list", "md_in_html", "admonition", "fenced_code", "tables", "def_list", {"toc": {"permalink": "#"}}],
    ["toc", "tables"],
    ["markdown.extensions.footnotes", "abbr", "meta", "def_list", "md_in_html", {"toc": {"permalink": True}}],
    ["attr_list", "md_in_html", "pymdownx.details"],
]
"""MkDocs' defaults, the example's, Python-Markdown's stateful ones (footnotes, abbreviations), a pymdownx one."""


def _config(tmp: Path, extensions: list[Any]) -> Any:
    path = tmp / "mkdocs.yml"
    path.write_text(json.dumps({"site_name": "x", "docs_dir": "docs", "markdown_extensions": extensions}))
    (tmp / "docs").mkdir(exist_ok=True)
    return load_config(str(path))


def _file(config: Any, uri: str, content: str) -> File:
    """A page made in memory, as `File.generated` makes it during a build (outside one it needs a plugin running)."""
    file = File(uri, src_dir=None, dest_dir=config.site_dir, use_directory_urls=True)
    file.generated_by = "test"
    file.content_string = content
    return file


def _render(config: Any, markdown: str, handed: bool) -> dict[str, Any]:
    page_file = _file(config, "dept/page.md", markdown)
    files = Files([page_file, _file(config, "dept/other.md", "# Other")])
    page = Page(None, page_file, config)
    page.read_source(config)
    if handed:
        rawblocks.render(page, config, files, original=page.render)
    else:
        page.render(config, files)
    return {
        "content": page.content,
        "toc": [[i.title, i.id, i.level, [[c.title, c.id] for c in i.children]] for i in page.toc],
        "title": page.title,
        "anchors": sorted(page.present_anchor_ids or ()),
        "links": {f.src_uri: links for f, links in (page.links_to_anchors or {}).items()},
    }


@pytest.fixture(scope="module", params=range(len(EXTENSIONS)))
def config(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    return _config(tmp_path_factory.mktemp("config"), EXTENSIONS[request.param])


@given(
    pieces=st.lists(st.sampled_from(OURS + ODD + MARKDOWN), min_size=1, max_size=8),
    joins=st.lists(st.sampled_from(["\n\n", "\n", "\n\n\n"]), min_size=8, max_size=8),
)
def test_a_handed_page_renders_as_mkdocs_renders_it(config: Any, pieces: list[str], joins: list[str]) -> None:
    markdown = pieces[0] + "".join(joins[i] + piece for i, piece in enumerate(pieces[1:])) + "\n"
    assert _render(config, markdown, handed=True) == _render(config, markdown, handed=False)


def test_our_pieces_are_handed_over_and_the_odd_ones_are_not() -> None:
    for piece in OURS:
        skeleton, blocks = rawblocks.split("# Title\n\n" + piece + "\n\n## After\n")
        assert blocks or piece.startswith("#"), piece
        assert "<" not in skeleton
    for piece in ODD:
        _, blocks = rawblocks.split("# Title\n\n" + OURS[3] + "\n\n" + piece + "\n")
        assert not blocks, piece
    for piece in MARKDOWN:
        _, blocks = rawblocks.split("# Title\n\n" + OURS[3] + "\n\n" + piece + "\n")
        assert len(blocks) == 1, piece


# -- whole sites ---------------------------------------------------------------------------------


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build_both_ways(config_text: str, work: Path) -> None:
    """Builds the site as it is and with MkDocs' own render; asserts every file and every page's render are equal."""
    for name, hooks in (("handed", ["record.py"]), ("own", ["record.py", "mkdocs_render.py"])):
        config = work / f"mkdocs-{name}.yml"
        listed = "".join(f"  - {HOOKS / hook}\n" for hook in hooks)
        config.write_text(config_text + "\nhooks:\n" + listed, encoding="utf-8")
        run = run_cli("build", "-f", config, "-d", work / name, cwd=work, timeout=900)
        assert run.code == 0, run.err
    handed, own = _tree(work / "handed"), _tree(work / "own")
    assert sorted(handed) == sorted(own)
    different = [name for name in own if handed[name] != own[name]]
    if different:
        diff = difflib.unified_diff(
            own[different[0]].decode("utf-8", "replace").splitlines(),
            handed[different[0]].decode("utf-8", "replace").splitlines(), "own", "handed", lineterm="", n=1,
        )  # fmt: skip
        raise AssertionError(f"{len(different)} files differ, first {different[0]}:\n" + "\n".join(list(diff)[:30]))
    rendered = [
        json.loads((work / f"mkdocs-{name}.rendered.json").read_text(encoding="utf-8")) for name in ("handed", "own")
    ]
    assert rendered[0] == rendered[1]
    assert len(rendered[0]) > 5


@pytest.mark.slow
def test_the_example_site_is_the_same_file_for_file(tmp_path: Path) -> None:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: site_docs", f"docs_dir: {ROOT / 'site_docs'}", 1)
    text = text.replace("maps_dir: maps", f"maps_dir: {ROOT / 'maps'}", 1)
    build_both_ways(text, tmp_path)


SYNTHETIC_YML = """\
site_name: Synthetic journeys
docs_dir: docs
theme:
  name: material
  features: [navigation.instant, navigation.tracking, navigation.sections, navigation.indexes, navigation.top,
             search.suggest, search.highlight, toc.follow]
plugins:
  - search
  - tags
  - journeymaps:
      maps_dir: maps
markdown_extensions: [attr_list, md_in_html, admonition, {toc: {permalink: true}}]
"""
"""As bench/run.py's write_site writes it."""


@pytest.mark.slow
def test_a_synthetic_site_is_the_same_file_for_file(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(ROOT / "bench" / "synth.py"), str(tmp_path / "maps"), "--touchpoints", "80"],
                   check=True, capture_output=True)  # fmt: skip
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "about.md").write_text("# About\n\nThe synthetic maps.\n", encoding="utf-8")
    build_both_ways(SYNTHETIC_YML, tmp_path)


VALID_HOSTILE = sorted(p for p in CORPUS.iterdir() if (p / "expected-exit").is_file() and
                       (p / "expected-exit").read_text().strip() == "0")  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("case", VALID_HOSTILE, ids=lambda p: p.name)
def test_a_hostile_site_is_the_same_file_for_file(case: Path, tmp_path: Path) -> None:
    lay_out_case(case, tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "tags.md").write_text("# Tags\n\n<!-- material/tags -->\n", encoding="utf-8")
    build_both_ways(HOSTILE_YML, tmp_path)


@pytest.mark.slow
def test_a_team_template_with_any_markdown_is_the_same_file_for_file(tmp_path: Path) -> None:
    repo = copy_minimal_repo(tmp_path / "repo")
    templates = repo / "templates"
    templates.mkdir()
    odd = "\n\n".join(ODD[1:])  # the fence would hide the rest as code
    (templates / "persona.md.j2").write_text(f"# {{{{ persona.name }}}}\n\n{OURS[3]}\n\n{odd}\n", encoding="utf-8")
    text = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    assert "plugins: [search, journeymaps]" in text
    text = text.replace(
        "plugins: [search, journeymaps]", "plugins:\n  - search\n  - journeymaps:\n      templates_dir: templates"
    )
    build_both_ways(text, repo)


def test_a_page_of_many_blocks_is_converted_once(tmp_path: Path) -> None:
    config = _config(tmp_path, EXTENSIONS[0])
    page_file = _file(config, "dept/page.md", "\n\n".join(["# Title", *[OURS[3]] * 12, "## End"]) + "\n")
    page = Page(None, page_file, config)
    page.read_source(config)
    conversions: list[str] = []

    def counted(config: Any, files: Any) -> None:
        conversions.append(page.markdown or "")
        Page.render(page, config, files)

    rawblocks.render(page, config, Files([page_file]), original=counted)
    assert len(conversions) == 1 and "<" not in conversions[0]
    assert page.content is not None and page.content.count('<div class="jm-facts">') == 12
