"""The command line behaves as the tools our users know (yamllint, ruff, mkdocs): each convention through the CLI."""

from __future__ import annotations

import io
import os
import pty
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from journeymaps import report
from journeymaps.cli import COMMANDS
from journeymaps.codes import BASE, BY_CODE

from .conftest import commit_all, copy_minimal_repo, init, run_cli, write_maps

pytestmark = pytest.mark.slow  # the real CLI in a subprocess per convention

ANSI = re.compile(r"\x1b\[[0-9;]*m")
MAPS_COMMANDS = [["validate"], ["generate", "out"], ["diff", "HEAD"], ["codeowners"], ["build"]]


def test_short_and_long_version_flags() -> None:
    short, long = run_cli("-V"), run_cli("--version")
    assert short.code == long.code == 0
    assert short.out == long.out and re.match(r"^journeymaps \S+\n$", short.out)


def test_a_bare_command_lists_the_commands_on_stderr_with_exit_2() -> None:
    run = run_cli()
    assert run.code == 2 and run.out == ""
    for command in COMMANDS:
        assert re.search(rf"^\s+{command.name}\s+\S", run.err, re.MULTILINE), command.name
    assert "Traceback" not in run.err


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_every_command_has_a_one_line_description_and_an_example(command: object) -> None:
    name = command.name  # type: ignore[attr-defined]
    run = run_cli(name, "--help")
    assert run.code == 0
    description = run.out.split("\n\n")[1]
    assert "\n" not in description.strip() and description.strip().endswith("."), description
    example = run.out.split("example:\n", 1)[1]
    assert example.lstrip().startswith(f"journeymaps {name}"), run.out
    assert not re.search(r"director(y|ies)", run.out, re.IGNORECASE), "one word for folders: 'folder'"


def test_codes_explains_one_code_with_its_examples() -> None:
    run = run_cli("codes", "JM204")
    assert run.code == 0
    code = BY_CODE["JM204"]
    assert run.lines[0] == f"JM204 {code.name} (error)"
    assert code.summary in run.out
    assert re.search(r"^    maps/journeys/purchase\.yaml:\d+:\d+: error JM204 ", run.out, re.MULTILINE), run.out
    assert run_cli("codes", "jm204").out == run.out


def test_an_unknown_code_is_a_usage_error_with_a_suggestion() -> None:
    run = run_cli("codes", "JM2O4")
    assert run.code == 2 and run.out == ""
    assert "no problem code 'JM2O4' (did you mean 'JM204'?)" in run.err


@pytest.mark.parametrize("command", MAPS_COMMANDS, ids=lambda c: c[0])
def test_maps_dir_is_accepted_by_every_command_that_reads_maps(command: list[str], tmp_path: Path) -> None:
    init(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins: [journeymaps]\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    commit_all(tmp_path, "site", "Ana", 1)
    run = run_cli(*command, "--maps-dir", "nowhere", cwd=tmp_path)
    assert run.code == 2, run.err
    assert ("nowhere" in run.err and "not found" in run.err) or "no 'nowhere' folder" in run.err, run.err
    assert "directory" not in run.err and "Traceback" not in run.err


def test_validate_keeps_its_positional_folder_and_it_wins(tmp_path: Path) -> None:
    write_maps(tmp_path)
    assert run_cli("validate", "maps", "--maps-dir", "nowhere", cwd=tmp_path).code == 0


def test_validate_given_a_map_file_asks_for_the_folder(tmp_path: Path) -> None:
    maps = write_maps(tmp_path)
    (maps / "kpis.yaml").write_text("kpis: []\n")
    for file in ("maps/kpis.yaml", "maps/journeys/purchase.yaml"):
        run = run_cli("validate", file, cwd=tmp_path)
        assert run.code == 2 and run.out == ""
        assert f"'{file}' is a file" in run.err and "pass the folder 'maps' instead" in run.err, run.err


def test_generate_refuses_a_non_empty_folder_before_any_work(tmp_path: Path) -> None:
    write_maps(tmp_path, {"departments.yaml": "departments: [\n"})  # invalid maps: work would report them
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "mine.txt").write_text("keep me")
    run = run_cli("generate", "notes", cwd=tmp_path)
    assert run.code == 2 and "'notes' is not empty" in run.err, run.err
    assert "JM" not in run.err and "map files checked" not in run.err  # nothing was read
    assert (tmp_path / "notes" / "mine.txt").read_text() == "keep me"
    assert run_cli("generate", "notes", "--maps-dir", "nowhere", cwd=tmp_path).code == 2


WARNING_ONLY = BY_CODE["JM301"].failing


def test_the_summary_says_why_strict_failed(tmp_path: Path) -> None:
    maps = write_maps(tmp_path, WARNING_ONLY)
    relaxed, strict = run_cli("validate", maps), run_cli("validate", "--strict", maps)
    assert relaxed.code == 0 and strict.code == 1
    assert strict.lines[-1] == relaxed.lines[-1] + "; failed: 1 warning and --strict", strict.out
    github = run_cli("validate", "--strict", "--format", "github", maps)
    assert github.lines[-1].endswith("; failed: 1 warning and --strict")


def test_counts_are_singular_for_one(tmp_path: Path) -> None:
    maps = tmp_path / "maps"
    maps.mkdir()
    (maps / "departments.yaml").write_text(BASE["departments.yaml"])
    assert run_cli("validate", maps).lines == ["1 map file checked: no problems"]
    full = write_maps(tmp_path / "site")
    assert run_cli("generate", "out", "--maps-dir", full, cwd=tmp_path).code == 0
    home = (tmp_path / "out" / "index.md").read_text(encoding="utf-8")
    assert "1 customer journey, 1 touchpoint, 1 department and 1 persona." in home
    journey = (tmp_path / "out" / "journeys" / "purchase" / "index.md").read_text(encoding="utf-8")
    assert "1 stage, 1 touchpoint" in journey
    pains = (tmp_path / "out" / "pain-points.md").read_text(encoding="utf-8")
    assert "0 pain points across 1 journey," in pains
    assert not re.search(r"\b1 (customer journeys|touchpoints|stages|departments|personas|journeys)\b", home + journey)


def _in_terminal(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    """Run `journeymaps ARGS` with a pseudo-terminal as stdout and stderr; what the terminal shows."""
    leader, follower = pty.openpty()
    full_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "GITHUB_ACTIONS")}
    process = subprocess.Popen(
        [sys.executable, "-m", "journeymaps", *args], cwd=cwd, stdout=follower, stderr=follower,
        env={**full_env, "TERM": "xterm", **env},
    )  # fmt: skip
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=120)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def test_colour_on_a_terminal_only_and_never_with_no_color(tmp_path: Path) -> None:
    maps = write_maps(tmp_path, BY_CODE["JM204"].failing)
    piped = run_cli("validate", maps)
    assert "JM204" in piped.out and not ANSI.search(piped.out + piped.err)
    shown = _in_terminal(["validate", str(maps)], tmp_path, {})
    assert "\x1b[31merror\x1b[0m JM204" in shown, repr(shown)
    assert not ANSI.search(_in_terminal(["validate", str(maps)], tmp_path, {"NO_COLOR": "1"}))
    assert ANSI.search(run_cli("validate", "--color", maps).out)
    assert not ANSI.search(_in_terminal(["validate", "--no-color", str(maps)], tmp_path, {}))
    assert not ANSI.search(run_cli("validate", "--format", "json", "--color", maps).out)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_slow_step_shows_what_it_does_and_erases_it() -> None:
    screen = _Terminal()
    with report.Status(screen, "checking the maps", after=0.05):
        time.sleep(0.3)
    assert screen.getvalue() == "\rchecking the maps…\r\x1b[K"
    quick = _Terminal()
    with report.Status(quick, "checking the maps", after=5):
        pass
    assert quick.getvalue() == ""


def test_progress_is_rewritten_in_place_on_a_terminal_and_kept_out_of_pipes(tmp_path: Path) -> None:
    write_maps(tmp_path)
    shown = _in_terminal(["generate", "out"], tmp_path, {"JOURNEYMAPS_CACHE": str(tmp_path / "cache")})
    assert re.search(r"\rdiagrams 1/\d+", shown), repr(shown)
    piped = run_cli("generate", "again", cwd=tmp_path, env={"JOURNEYMAPS_CACHE": str(tmp_path / "cache2")})
    assert "\r" not in piped.err and re.search(r"^diagrams (\d+)/\1$", piped.err, re.MULTILINE), piped.err
    assert "…" not in piped.err + piped.out


def test_build_on_a_terminal_shows_each_step_and_ends_with_where_the_site_went(tmp_path: Path) -> None:
    repo = copy_minimal_repo(tmp_path / "repo")
    shown = _in_terminal(["build"], repo, {"JOURNEYMAPS_CACHE": str(tmp_path / "cache")})
    assert re.search(r"\rdiagrams (\d+)/\1\r\n", shown), repr(shown)
    # A status line, where a step took long enough to show one, is erased before the next line is written.
    assert not re.search(r"…(?!\r\x1b\[K)", shown), repr(shown)
    assert shown.endswith("s into site/\r\n"), repr(shown)
