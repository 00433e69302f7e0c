"""The hostile-input corpus: every case in tests/hostile through the real CLI, bounded in time and memory.

Each case is a folder `tests/hostile/<case>/` holding `maps/` (or a `generate.py` that writes it at test
time, for inputs too large to commit), `expected.txt` (exactly what `journeymaps validate maps` prints
from the case folder) and, where the case is valid, `expected-exit` (0). Regenerate the expected files
with `JOURNEYMAPS_UPDATE_GOLDEN=1` and review every line by hand: it must be what a map editor needs.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from journeymaps.codes import BY_CODE

from .conftest import ROOT, copy_minimal_repo

# The real CLI under memory limits, large generated inputs (test_core checks the committed cases in process).
pytestmark = pytest.mark.slow

CORPUS = Path(__file__).parent / "hostile"
CASES = sorted(p for p in CORPUS.iterdir() if p.is_dir())
UPDATE = bool(os.environ.get("JOURNEYMAPS_UPDATE_GOLDEN"))

MEMORY_LIMIT = 1024**3  # address space of the validating process: 1 GiB
TIME_LIMIT = 30.0  # seconds for one case, generous for slow CI machines (each takes well under 2 s)
LINE = re.compile(
    r"^(?P<file>maps(?:/.+?)?):(?P<line>\d+):(?P<column>\d+): "
    r"(?P<severity>error|warning) (?P<code>JM\d{3}) (?P<message>\S.*)$"
)
SUMMARY = re.compile(r"^\d+ map files checked: (no problems|\d+ errors?, \d+ warnings?)$")


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _unescaped(shown: str) -> str:
    """A file name as the text output escapes it (`\\u000a`), back to the name on disk."""
    return re.sub(r"\\u([0-9a-f]{4})|\\U([0-9a-f]{8})", lambda m: chr(int(m.group(1) or m.group(2), 16)), shown)


def lay_out_case(case: Path, target: Path) -> Path:
    """The case's maps folder at target/maps, generated where the case has a recipe."""
    target.mkdir(parents=True, exist_ok=True)
    if (case / "maps").is_dir():
        shutil.copytree(case / "maps", target / "maps")
    if (case / "generate.py").is_file():
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        subprocess.run([sys.executable, str(case / "generate.py"), str(target)], check=True, env=env, timeout=60)
    return target / "maps"


def run_bounded(*args: str, cwd: Path) -> tuple[int, str, str, float]:
    """`journeymaps ARGS` in a new process under the memory limit; exit code, stdout, stderr, seconds."""
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "journeymaps", *args], cwd=cwd, env=env, capture_output=True, text=True,
        timeout=TIME_LIMIT, preexec_fn=_limit_memory,
    )  # fmt: skip
    return done.returncode, done.stdout, done.stderr, time.monotonic() - start


def test_the_corpus_is_large_enough_and_each_case_is_complete() -> None:
    assert len(CASES) >= 40
    for case in CASES:
        assert (case / "maps").is_dir() or (case / "generate.py").is_file(), case.name
        assert UPDATE or (case / "expected.txt").is_file(), (
            f"{case.name}: no expected.txt (run with JOURNEYMAPS_UPDATE_GOLDEN=1)"
        )


def test_large_inputs_are_generated_not_committed() -> None:
    for case in CASES:
        for path in case.rglob("*"):
            assert not path.is_file() or path.stat().st_size < 20_000, f"{path}: generate it in generate.py instead"


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_hostile_case(case: Path, tmp_path: Path) -> None:
    lay_out_case(case, tmp_path)
    code, out, err, seconds = run_bounded("validate", "maps", cwd=tmp_path)
    expected_file = case / "expected.txt"
    if UPDATE:
        expected_file.write_text(out, encoding="utf-8")
    expected_exit = int((case / "expected-exit").read_text()) if (case / "expected-exit").is_file() else 1
    assert "Traceback" not in err and err == "", err
    assert code == expected_exit, out
    assert out == expected_file.read_text(encoding="utf-8")
    assert seconds < TIME_LIMIT
    # Every line is one well-formed problem naming a file of the case (and a line), then the summary.
    *problems, summary = out.splitlines()
    assert SUMMARY.match(summary), summary
    assert bool(problems) == (expected_exit == 1) or all(" warning " in p for p in problems)
    for line in problems:
        match = LINE.match(line)
        assert match, line
        assert match["code"] in BY_CODE and BY_CODE[match["code"]].severity.value == match["severity"], line
        assert int(match["line"]) >= 1 and int(match["column"]) >= 1, line
        named = tmp_path / _unescaped(match["file"])
        assert named.exists() or named.is_symlink() or match["code"] == "JM013", f"{line}: names no file of the case"
        if named.is_file() and not named.is_symlink() and match["code"] not in ("JM001", "JM002", "JM018"):
            text = named.read_bytes().decode("utf-8-sig")
            assert int(match["line"]) <= max(1, len(text.splitlines()) + 1), line


# ----------------------------------------------------------------------------------------------
# The hostile text, published: every HTML and SVG file parsed, every link allow-listed.

import html as html_module  # noqa: E402
import unicodedata  # noqa: E402
import xml.etree.ElementTree as ElementTree  # noqa: E402
from html.parser import HTMLParser  # noqa: E402
from urllib.parse import urlsplit  # noqa: E402

import markdown  # noqa: E402
from journeymaps.text import inline_markdown, plain  # noqa: E402

from .conftest import run_cli  # noqa: E402

HOSTILE_CASE = CORPUS / "hostile-text-everywhere-valid"
URL_ATTRIBUTES = {
    "href",
    "src",
    "xlink:href",
    "action",
    "formaction",
    "poster",
    "data",
    "background",
    "cite",
    "srcset",
    "ping",
}
SAFE_SCHEMES = {"http", "https", "mailto"}
MKDOCS_YML = """\
site_name: Hostile
theme: material
plugins: [search, tags, journeymaps]
markdown_extensions: [attr_list, md_in_html, toc, admonition]
"""


def link_is_allowed(url: str) -> bool:
    """http, https, mailto, or a relative/site-relative address (no scheme at all)."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme:
        return parts.scheme.lower() in SAFE_SCHEMES
    return ":" not in url.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]


class Elements(HTMLParser):
    """Every start tag with its attributes, the text of <title> and of inline <script> elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.titles: list[str] = []
        self.scripts: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._in = tag if tag in ("title", "script") else None
        if tag == "title":
            self.titles.append("")
        if tag == "script":
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.titles[-1] += data
        elif self._in == "script":
            self.scripts[-1] += data


def unsafe_markup(tags: list[tuple[str, dict[str, str]]]) -> list[str]:
    found = []
    for tag, attrs in tags:
        if tag in ("iframe", "object", "embed", "base", "frame"):
            found.append(f"<{tag}>")
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            found.append("<meta http-equiv=refresh>")
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"<{tag} {name}={value!r}>")
            if (
                name in URL_ATTRIBUTES and not all(link_is_allowed(u.split()[0]) for u in value.split(",") if u.strip())
                if name == "srcset"
                else (name in URL_ATTRIBUTES and not link_is_allowed(value))
            ):
                found.append(f"<{tag} {name}={value!r}>")
            if name == "style" and re.search(r"url\s*\(|expression\s*\(|javascript:", value, re.I):
                found.append(f"<{tag} style={value!r}>")
    return found


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("hostile-site")
    shutil.copytree(HOSTILE_CASE / "maps", repo / "maps")
    (repo / "docs").mkdir()
    (repo / "docs" / "tags.md").write_text("# Tags\n\n<!-- material/tags -->\n", encoding="utf-8")
    (repo / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    run = run_cli("build", cwd=repo)
    assert run.code == 0, run.err
    assert "Traceback" not in run.err
    return repo


def test_every_page_and_diagram_of_the_hostile_site_holds_only_allowed_links(hostile_site: Path) -> None:
    pages = sorted((hostile_site / "site").rglob("*.html"))
    assert len(pages) > 10
    inline_svgs = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        parser = Elements()
        parser.feed(text)
        assert not unsafe_markup(parser.tags), page
        # Material's own inline scripts only: no user text became a script.
        assert not [s for s in parser.scripts if "alert" in s], page
        assert "<" not in parser.titles[0], page  # the page's own <title>; later ones are SVG titles (text)
        inline_svgs += sum(1 for tag, _ in parser.tags if tag == "svg")
    assert inline_svgs > 3  # the journey's diagrams were drawn and checked with the rest
    for svg in sorted((hostile_site / "site").rglob("*.svg")):
        root = ElementTree.parse(svg).getroot()  # well-formed: dot 2.43 does not escape URL attributes itself
        tags = [
            (
                el.tag.split("}")[-1],
                {k.split("}")[-1] if "xlink" not in k else "xlink:href": v for k, v in el.attrib.items()},
            )
            for el in root.iter()
        ]
        assert not unsafe_markup(tags), svg


def test_titles_are_text_and_cannot_break_out(hostile_site: Path) -> None:
    for address in ("journeys/purchase/checkout/", "personas/shopper/", "departments/ecommerce/", "journeys/purchase/"):
        parser = Elements()
        parser.feed((hostile_site / "site" / address / "index.html").read_text(encoding="utf-8"))
        head = (hostile_site / "site" / address / "index.html").read_text(encoding="utf-8").split("</head>")[0]
        assert head.count("<title>") == 1 and head.count("</title>") == 1, (
            address
        )  # a '</title>' in a name would close it early
        assert "<" not in parser.titles[0] and "\u2039/title\u203a" in parser.titles[0], parser.titles[0]
        assert not [s for s in parser.scripts if "alert" in s], address


def test_template_syntax_in_text_is_shown_never_evaluated(hostile_site: Path, tmp_path: Path) -> None:
    page = (hostile_site / "site" / "personas" / "shopper" / "index.html").read_text(encoding="utf-8")
    shown = html_module.unescape(re.sub(r"<[^>]+>", "", page))
    assert "{{ 7*7 }} {% endraw %} {% raw %} {# c #}" in shown
    assert "Hostile" not in shown.split("{{ config.site_name }}")[0][-40:]  # not replaced by the site name
    # The generated Markdown itself carries no template syntax, so no macros plugin could evaluate it.
    run = run_cli("generate", tmp_path / "out", "--maps-dir", HOSTILE_CASE / "maps")
    assert run.code == 0, run.err
    for md in (tmp_path / "out").rglob("*.md"):
        text = md.read_text(encoding="utf-8")
        body = text.split("---", 2)[-1]
        assert "{{" not in body and "{%" not in body and "{#" not in body, md
    for svg in (tmp_path / "out").rglob("*.svg"):
        ElementTree.parse(svg)


# ----------------------------------------------------------------------------------------------
# Each measured hazard, alone.


def _second_pass(fragment: str) -> str:
    """What MkDocs' own Markdown (with attr_list and md_in_html, as Material sites enable) makes of our HTML."""
    return markdown.markdown(f'<div markdown="1">\n\n{fragment}\n\n</div>', extensions=["attr_list", "md_in_html"])


@pytest.mark.parametrize(
    "text",
    [
        'Help {: onclick="alert(1)" }',
        "*Help* { onerror=alert(2) }",
        "Help\n{: .x onmouseover=alert(3) }",
        "[x](javascript:alert(4)){: onclick=alert(5) }",
        "[x](JAVASCRIPT:alert(6)) [y](java\tscript:alert(7)) [z](&#106;avascript:alert(8))",
        "<img src=x onerror=alert(9)>",
    ],
)
def test_attr_list_and_javascript_links_stay_text_after_a_second_markdown_pass(text: str) -> None:
    for rendered in (str(inline_markdown(text)), str(plain(text))):
        for html_text in (rendered, _second_pass(rendered)):
            parser = Elements()
            parser.feed(html_text)
            assert not unsafe_markup(parser.tags), html_text
            assert not [t for t, _ in parser.tags if t == "img"], html_text


def test_graphviz_html_labels_urls_and_backslashes_cannot_escape(tmp_path: Path) -> None:
    from journeymaps import diagrams
    from journeymaps.validate import validate

    shutil.copytree(HOSTILE_CASE / "maps", tmp_path / "maps")
    result = validate(tmp_path / "maps")
    assert not result.failed()
    svgs = diagrams.render(diagrams.plan(result.maps))
    assert len(svgs) >= 4
    for name, svg in svgs.items():
        root = ElementTree.fromstring(svg[svg.index("<svg") :])
        tags = [
            (el.tag.split("}")[-1], {("xlink:href" if k.endswith("}href") else k): v for k, v in el.attrib.items()})
            for el in root.iter()
        ]
        assert not unsafe_markup(tags), name
        texts = " ".join(el.text or "" for el in root.iter())
        assert "<TABLE" not in svg or "&lt;TABLE" in svg  # the label text stays text
        links = [attrs["xlink:href"] for _, attrs in tags if "xlink:href" in attrs]
        assert all(re.fullmatch(r"(\.\./)*[a-z0-9/-]*(#[\w-]+)?", link) for link in links), links
        assert "javascript" not in " ".join(links).lower() and texts is not None
    # Tooltips show text as written: Graphviz would expand \\N and \\G (node and graph names) in them.
    flow = svgs["journeys/purchase/flow"]
    tooltips = [html_module.unescape(t) for t in re.findall(r'xlink:title="([^"]*)"', flow)]
    assert any("\u29f5N \u29f5G" in t or "\\N \\G" in t for t in tooltips), tooltips[:3]
    assert any("trailing backslash \u29f5" in t or "trailing backslash \\" in t for t in tooltips), tooltips[:3]


def test_entities_and_tags_typed_in_text_are_shown_as_typed() -> None:
    """Raw HTML (and character references) in free text is shown as text, exactly as written."""
    for text in ("AT&amp;T &lt;b&gt;bold&lt;/b&gt; &#106;s", "<b>bold</b> <!-- c --> <![CDATA[x]]>"):
        parser = Elements()
        shown: list[str] = []
        parser.handle_data = shown.append  # type: ignore[method-assign]
        parser.feed(str(inline_markdown(text)))
        assert "".join(shown) == text
        assert not [tag for tag, _ in parser.tags if tag not in ("em", "strong", "code")]


def test_a_slow_graph_is_a_clear_error_naming_the_journey(tmp_path: Path) -> None:
    """A journey under the touchpoint bound whose graph keeps `dot` busy past `dot_timeout`."""
    from journeymaps import diagrams
    from journeymaps.validate import validate

    journey = ["title: Dense", "persona: shopper", "owner: ecommerce", "stages:"]
    for s in range(10):
        journey += [f"  - id: s{s}", f"    name: Stage {s}", "    touchpoints:"]
        for t in range(40):
            n = s * 40 + t
            targets = ", ".join(f"t{(n * 7 + k * 13) % 400}" for k in range(1, 6))
            journey += [
                f"      - id: t{n}",
                f"        name: Touchpoint {n}",
                "        channel: website",
                "        owner: ecommerce",
                f"        leads_to: [{targets}]",
            ]
    maps = tmp_path / "maps"
    shutil.copytree(CORPUS / "duplicate-key-stage" / "maps", maps)
    (maps / "journeys" / "purchase.yaml").write_text("\n".join(journey) + "\n", encoding="utf-8")
    result = validate(maps)
    assert not result.failed(), [str(p) for p in result.errors]
    start = time.monotonic()
    with pytest.raises(diagrams.RenderError) as raised:
        diagrams.render(diagrams.plan(result.maps), timeout=0.05)
    assert time.monotonic() - start < 20
    assert "journey 'purchase'" in str(raised.value) and "did not finish within 0.05 s" in str(raised.value)


def test_dot_timeout_is_configurable_and_a_timeout_fails_the_build_cleanly(tmp_path: Path) -> None:
    repo = copy_minimal_repo(tmp_path / "repo")
    assert run_cli("build", cwd=repo).code == 0  # a previous site, and `dot -V` remembered in the cache
    before = _hashes(repo / "site")
    journey = repo / "maps" / "journeys" / "support-request.yaml"
    journey.write_text(journey.read_text(encoding="utf-8").replace("title: ", "title: Changed ", 1), encoding="utf-8")
    yml = repo / "mkdocs.yml"
    yml.write_text(
        yml.read_text(encoding="utf-8").replace(
            "plugins: [search, journeymaps]",
            "plugins:\n  - search\n  - journeymaps:\n      limits: {dot_timeout: 0.000001}\n",
        ),
        encoding="utf-8",
    )
    run = run_cli("build", cwd=repo)
    assert run.code == 1, run.err
    # The edit redraws the journey's diagrams and its departments' maps, in parallel: the first to time out is named.
    drawn = r"the \w+ diagram of (journey 'support-request'|department '[a-z-]+') could not be drawn"
    assert "did not finish within 1e-06 s" in run.err and re.search(drawn, run.err), run.err
    assert "Traceback" not in run.err and _hashes(repo / "site") == before and not list(repo.glob(".site.*"))
    yml.write_text(yml.read_text(encoding="utf-8").replace("dot_timeout: 0.000001", "max_fles: 3"), encoding="utf-8")
    run = run_cli("build", cwd=repo)
    assert run.code == 2 and "unknown limit 'max_fles'" in run.err and "Traceback" not in run.err, run.err


def _hashes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_limits_are_set_from_the_command_line(tmp_path: Path) -> None:
    maps = lay_out_case(CORPUS / "duplicate-key-stage", tmp_path)
    code, out, err, _ = run_bounded(
        "validate", "--limit", "max_file_bytes=100", "--limit", "max_values=5", "maps", cwd=tmp_path
    )
    assert code == 1 and "over the limit of 100 (max_file_bytes)" in out, out
    code, out, err, _ = run_bounded("validate", "--limit", "max_file_bytes=-1", "maps", cwd=tmp_path)
    assert code == 2 and "must be a positive whole number" in err and maps.is_dir()


def test_nfc_and_nfd_spellings_are_one_name(tmp_path: Path) -> None:
    from journeymaps.validate import validate

    maps = lay_out_case(CORPUS / "nfc-and-nfd-names-valid", tmp_path)
    result = validate(maps)
    department = result.maps.departments["ecommerce"]
    assert department.name == "Caf\u00e9 team" and department.description == "Caf\u00e9 team"
    assert unicodedata.is_normalized("NFC", department.description)
    raw = (maps / "departments.yaml").read_text(encoding="utf-8")
    assert "e\u0301" in raw  # the file really holds the decomposed spelling


def test_bidirectional_override_is_refused_in_every_spelling(tmp_path: Path) -> None:
    from journeymaps.validate import validate

    for spelling in ("\u202e", "\\u202E", "\\u202e", "\\U0000202E"):
        shutil.rmtree(tmp_path / "maps", ignore_errors=True)
        maps = lay_out_case(CORPUS / "duplicate-key-stage", tmp_path)
        (maps / "personas" / "shopper.yaml").write_text(
            f'name: "Shop{spelling}per"\nsummary: Buys.\n', encoding="utf-8"
        )
        codes = [p.code for p in validate(maps).errors]
        assert "JM003" in codes, spelling
