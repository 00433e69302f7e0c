"""Every output escapes for its medium, whatever a YAML value, a file or folder name holds.

Text output and CI logs: one problem one line, no control character, no GitHub Actions command (the
runner reads `::cmd::` at the start of a line and the legacy `##[cmd]` anywhere in one). GitHub
annotations: the runner's own escapes. JSON: JSON. The diff's Markdown: parsed by GitHub's own parser
(cmark-gfm), it holds exactly the structure we wrote, no link, image or HTML from data, and no text
GitHub would turn into a mention or an issue link. CODEOWNERS: one rule per line or nothing written.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from journeymaps import codeowners
from journeymaps.codes import BASE

from .conftest import ROOT, commit_all, init, run_cli, write_maps

# File names a pull request can add: a line break then a workflow command, a legacy command, terminal
# escapes, a carriage return. (Bytes that are not UTF-8 are the file-name checks' business: `escape`
# shows them as `\udcXX`.)
HOSTILE_NAMES = [
    "x\n::error file=a::pwned",
    "y ##[add-mask]secret",
    "z\x1b[2J\x07",
    "w\r# heading",
]
TEXT_LINE = re.compile(r"^maps/\S.*:\d+:\d+: (error|warning) JM\d{3} \S.*$")
SUMMARY = re.compile(r"^\d+ map files checked: ")


@pytest.fixture
def hostile_maps(tmp_path: Path) -> Path:
    journey = BASE["journeys/purchase.yaml"]
    overlay: dict[str, str | bytes | None] = {f"journeys/{name}.yaml": journey for name in HOSTILE_NAMES}
    maps = write_maps(tmp_path, overlay)
    (maps / "journeys" / "x\n::warning::sub").mkdir()
    (maps / "journeys" / "x\n::warning::sub" / "sub.yaml").write_text("title: [\n", encoding="utf-8")
    return tmp_path


def _no_control(text: str) -> bool:
    return all(c.isprintable() or c == "\n" for c in text)


def test_text_output_keeps_each_problem_on_one_printable_line(hostile_maps: Path) -> None:
    run = run_cli("validate", "maps", "--format", "text", cwd=hostile_maps)
    assert run.code == 1, run.err
    assert _no_control(run.out) and "##[" not in run.out
    lines = run.lines
    assert lines and all(TEXT_LINE.match(line) for line in lines[:-1]), run.out
    assert SUMMARY.match(lines[-1])
    assert any("x\\u000a::error file=a::pwned" in line for line in lines)
    assert any("\\u001b[2J\\u0007" in line for line in lines)


def _unescape_property(value: str) -> str:  # as the runner reads a property back (ActionCommand.cs)
    for escaped, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(escaped, char)
    return value


def test_github_annotations_cannot_start_or_hide_a_workflow_command(hostile_maps: Path) -> None:
    run = run_cli("validate", "maps", "--format", "github", cwd=hostile_maps)
    assert run.code == 1, run.err
    assert _no_control(run.out) and "##[" not in run.out
    commands = run.lines[:-1]
    assert SUMMARY.match(run.lines[-1])
    assert commands and all(
        re.match(r"^::(error|warning) file=[^:]*,line=\d+,col=\d+,title=JM\d{3}::", c) for c in commands
    )
    files = {_unescape_property(c.split("file=", 1)[1].split(",line=", 1)[0]) for c in commands}
    assert "maps/journeys/x\n::error file=a::pwned.yaml" in files  # the annotation still names the real file
    assert "maps/journeys/w\r# heading.yaml" in files


def test_json_output_is_json_and_names_the_real_files(hostile_maps: Path) -> None:
    run = run_cli("validate", "maps", "--format", "json", cwd=hostile_maps)
    assert run.code == 1, run.err
    assert _no_control(run.out) and "##[" not in run.out
    files = {problem["file"] for problem in json.loads(run.out)}
    assert "maps/journeys/y ##[add-mask]secret.yaml" in files


# The diff's Markdown, as GitHub renders a pull-request comment ---------------------------------------


def _render(markdown: str) -> str:
    # A test dependency (`pip install -e '.[test]'`, which .ci/setup runs); an older venv skips this test only.
    cmarkgfm = pytest.importorskip("cmarkgfm", reason="cmarkgfm (GitHub's Markdown parser) is not installed")
    return str(cmarkgfm.github_flavored_markdown_to_html(markdown, options=cmarkgfm.cmark.Options.CMARK_OPT_UNSAFE))


def _text_nodes(html: str) -> str:
    """The text GitHub's filters (mentions, issue references) look at: outside tags and code."""
    return re.sub(r"<code>.*?</code>|<[^>]+>", " ", html)


def test_diff_markdown_keeps_its_structure_whatever_names_hold(tmp_path: Path) -> None:
    init(tmp_path)
    write_maps(tmp_path)
    commit_all(tmp_path, "Maps", "Ana", 1)
    journey = BASE["journeys/purchase.yaml"]
    hostile = (
        "Pay\r# Approved by legal\n- [x] done <img src=x onerror=alert(1)> [click](javascript:alert(1)) "
        "![i](https://t.example/p.png) @acme/admins #12 https://evil.example www.evil.example a@b.example "
        "$\\color{red}x$ ##[add-mask]secret"
    )
    quoted = hostile.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n")
    journey = journey.replace("name: Checkout", f'name: "{quoted}"').replace(
        "title: Online purchase", f'title: "{quoted}"'
    )
    write_maps(tmp_path, {"journeys/purchase.yaml": journey})
    folder = tmp_path / "maps" / "journeys" / "w\r### Injected heading"
    folder.mkdir()
    (folder / "w.yaml").write_text("title: [\n", encoding="utf-8")  # unreadable: its path is shown in the problems
    run = run_cli("diff", "HEAD", cwd=tmp_path)
    assert run.code == 1, run.err  # the broken file is an introduced error
    assert "##[" not in run.out and _no_control(run.out)
    html = _render(run.out)
    headings = re.findall(r"<h[1-6]>(.*?)</h[1-6]>", html)
    # Title, departments, problems and the journey (the folder whose name holds a CR is a problem, JM017, not a
    # section of its own): nothing injected.
    assert len(headings) == 4 and not any(h.startswith(("Injected", "Approved")) for h in headings), headings
    assert not re.search(r"<(a|img|script)\b", html), html
    text = _text_nodes(html)
    assert not re.search(r"(?<![\w])@[A-Za-z0-9]", text), text  # no mention GitHub would ping
    assert not re.search(r"(?<![\w])#[0-9]", text)  # no issue reference
    assert "://" not in text and not re.search(r"\bwww\.", text)
    assert "Approved by legal" in text  # shown, as text, inside the journey's heading and bullets
    assert "JM017: the folder name 'w\\u000d" in text  # the folder's name, escaped, in the problems


# CODEOWNERS ----------------------------------------------------------------------------------------------


def test_codeowners_never_writes_a_path_it_cannot_write_as_one_rule(tmp_path: Path) -> None:
    init(tmp_path)
    journey = BASE["journeys/purchase.yaml"]
    departments = BASE["departments.yaml"].replace("name: E-commerce", "name: E-commerce\n    codeowners: '@acme/shop'")
    write_maps(tmp_path, {"departments.yaml": departments, "journeys/purchase.yaml": None,
                          "journeys/x\n* @attacker #/purchase.yaml": journey})  # fmt: skip
    run = run_cli("codeowners", "--default-owner", "@acme/maps", "--output", "CODEOWNERS", cwd=tmp_path)
    assert run.code == 1, run.err
    assert not (tmp_path / "CODEOWNERS").exists()
    assert "@attacker" not in run.out and "internal error" not in run.err
    assert "x\\u000a* @attacker #/purchase.yaml" in run.err and _no_control(run.err)


UNWRITABLE = [
    "/maps/a\nb.yaml",
    "/maps/a\rb.yaml",
    "/maps/a b.yaml",
    "/maps/*.yaml",
    "/maps/#x.yaml",
    "/maps/a\u2028b.yaml",
]


@pytest.mark.parametrize("path", [*UNWRITABLE, "/maps/a\tb.yaml"])
def test_codeowners_render_refuses_unwritable_paths(path: str) -> None:
    owners = codeowners.Owners([codeowners.Rule(path, ("@acme/team",))], [])
    with pytest.raises(codeowners.UnsafePath, match="cannot write a CODEOWNERS rule"):
        codeowners.render(owners, "journeymaps codeowners")


def test_codeowners_render_writes_one_line_per_rule() -> None:
    rules = [
        codeowners.Rule("/maps/journeys/a-b/c.yaml", ("@acme/team", "ops@example.com")),
        codeowners.Rule("/maps/", ()),
    ]
    block = codeowners.render(codeowners.Owners(rules, []), "journeymaps codeowners --maps-dir x\n* @evil")
    assert "\n* @evil" not in block
    assert block.splitlines()[3:5] == [
        "/maps/journeys/a-b/c.yaml @acme/team ops@example.com",
        "# /maps/: no department here has a codeowners handle",
    ]


@pytest.mark.slow  # a real MkDocs build
def test_a_plain_mkdocs_build_logs_problems_escaped(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "tests" / "fixtures" / "minimal-repo", repo)
    folder = repo / "maps" / "journeys" / "x\n::error::pwned ##[add-mask]y"
    folder.mkdir()
    (folder / "broken.yaml").write_text("title: [\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=repo, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})  # fmt: skip
    assert done.returncode != 0
    assert "x\\u000a::error::pwned ##\\u005badd-mask]y/broken.yaml" in done.stderr
    assert not any(line.lstrip().startswith("::") for line in done.stderr.splitlines())
    assert "##[" not in done.stderr
