"""Atomic output: a build that fails at any step leaves the previous site byte for byte, and no temporary folders.

Validation failures and MkDocs refusals are covered in test_site_build.py; here: a broken team template,
a `dot` that crashes (exit 1, or killed by a signal), and an interrupted build (SIGINT while `dot` runs),
each through the real `journeymaps build` in a new process.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import MINIMAL_REPO, copy_minimal_repo, run_cli

pytestmark = pytest.mark.slow  # real builds interrupted by signals

REAL_DOT = shutil.which("dot")


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    """A copy of the minimal repository with a site built once, and that site's bytes."""
    repo = copy_minimal_repo(tmp_path / "repo")
    run = run_cli("build", cwd=repo)
    assert run.code == 0, run.err
    return repo, snapshot(repo / "site")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_untouched(repo: Path, before: dict[str, bytes]) -> None:
    assert snapshot(repo / "site") == before, "the previous site changed"
    leftovers = [p.name for p in repo.iterdir() if p.name.startswith(".site.")]
    assert not leftovers, f"temporary folders left behind: {leftovers}"


def change_a_journey(repo: Path) -> None:
    """An edit that changes every diagram of the journey, so that `dot` must run again (no cache hit)."""
    journey = repo / "maps" / "journeys" / "support-request.yaml"
    journey.write_text(journey.read_text(encoding="utf-8").replace("title: ", "title: Edited ", 1), encoding="utf-8")


def fake_dot(folder: Path, body: str) -> dict[str, str]:
    """A `dot` first on PATH: `-V` answers as the real one (so the cache key is valid), anything else runs `body`."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "dot"
    script.write_text(f'#!/bin/sh\nif [ "$1" = "-V" ]; then exec {REAL_DOT} -V; fi\n{body}\n', encoding="utf-8")
    script.chmod(0o755)
    return {"PATH": f"{folder}{os.pathsep}{os.environ['PATH']}"}


def test_a_broken_team_template_leaves_the_previous_site(built: tuple[Path, dict[str, bytes]]) -> None:
    repo, before = built
    (repo / "team-templates").mkdir()
    (repo / "team-templates" / "journey.md.j2").write_text("# {{ journey.title }\n{% for x in %}\n", encoding="utf-8")
    yml = repo / "mkdocs.yml"
    yml.write_text(
        yml.read_text(encoding="utf-8").replace(
            "plugins: [search, journeymaps]",
            "plugins:\n  - search\n  - journeymaps:\n      templates_dir: team-templates\n",
        ),
        encoding="utf-8",
    )
    run = run_cli("build", cwd=repo)
    assert run.code == 1, run.err
    assert "template journey.md.j2, line 1" in run.err and "Traceback" not in run.err, run.err
    assert_untouched(repo, before)


def test_a_template_that_fails_while_rendering_leaves_the_previous_site(built: tuple[Path, dict[str, bytes]]) -> None:
    repo, before = built
    (repo / "team-templates").mkdir()
    (repo / "team-templates" / "persona.md.j2").write_text("# {{ persona.no_such_field.deeper }}\n", encoding="utf-8")
    yml = repo / "mkdocs.yml"
    yml.write_text(
        yml.read_text(encoding="utf-8").replace(
            "plugins: [search, journeymaps]",
            "plugins:\n  - search\n  - journeymaps:\n      templates_dir: team-templates\n",
        ),
        encoding="utf-8",
    )
    run = run_cli("build", cwd=repo)
    assert run.code == 1, run.err
    assert "persona.md.j2" in run.err and "no_such_field" in run.err and "Traceback" not in run.err, run.err
    assert_untouched(repo, before)


@pytest.mark.parametrize(
    "crash", ["exit 1", "kill -SEGV $$", "echo '<svg' ; exit 0"], ids=["exit-1", "segfault", "half-an-svg"]
)
def test_a_crashing_dot_leaves_the_previous_site(
    built: tuple[Path, dict[str, bytes]], tmp_path: Path, crash: str
) -> None:
    repo, before = built
    change_a_journey(repo)
    run = run_cli("build", cwd=repo, env=fake_dot(tmp_path / "bin", f"cat > /dev/null\n{crash}"))
    assert run.code == 1, run.err
    # The first diagram that fails is named: the journey's own, or a department map showing its new title
    # (department maps are drawn first: they are the largest `dot` runs).
    assert re.search(
        r"(journey 'support-request'|map diagram of department '[a-z-]+')[^\n]* could not be drawn", run.err
    )
    assert "Traceback" not in run.err
    assert_untouched(repo, before)


def _terminal_sigint() -> None:
    """SIGINT as under a terminal's Ctrl-C: a test run launched in the background (`cmd &` in a script, as
    a CI runner may) hands its children SIGINT ignored, and Python then never raises KeyboardInterrupt."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _signal_while_dot_runs(
    repo: Path, tmp_path: Path, sig: signal.Signals, *, group: bool = False
) -> subprocess.CompletedProcess[str]:
    """Run `journeymaps build` with a slow `dot` and send `sig` once the first `dot` has started:
    to the whole process group (Ctrl-C in a terminal, a CI runner cancelling the job) or to journeymaps only."""
    marker = tmp_path / "dot-started"
    env = fake_dot(tmp_path / "bin", f'touch {marker}\nsleep 5\nexec {REAL_DOT} "$@"')
    process = subprocess.Popen(
        [sys.executable, "-m", "journeymaps", "build"],
        cwd=repo,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        preexec_fn=_terminal_sigint,
    )
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "dot never started"
        time.sleep(0.05)
    if group:
        os.killpg(process.pid, sig)
    else:
        process.send_signal(sig)
    out, err = process.communicate(timeout=60)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


@pytest.mark.parametrize("group", [True, False], ids=["process-group", "main-process-only"])
def test_an_interrupted_build_leaves_the_previous_site(
    built: tuple[Path, dict[str, bytes]], tmp_path: Path, group: bool
) -> None:
    repo, before = built
    change_a_journey(repo)
    start = time.monotonic()
    done = _signal_while_dot_runs(repo, tmp_path, signal.SIGINT, group=group)
    assert done.returncode == 130, done.stderr
    assert "interrupted" in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert time.monotonic() - start < 30
    assert_untouched(repo, before)


def test_a_terminated_build_leaves_the_previous_site(built: tuple[Path, dict[str, bytes]], tmp_path: Path) -> None:
    """SIGTERM (what CI runners and `timeout` send) is handled like an interrupt."""
    repo, before = built
    change_a_journey(repo)
    done = _signal_while_dot_runs(repo, tmp_path, signal.SIGTERM)
    assert done.returncode != 0 and "Traceback" not in done.stderr, done.stderr
    assert_untouched(repo, before)


def test_the_next_build_after_an_interrupt_succeeds(built: tuple[Path, dict[str, bytes]], tmp_path: Path) -> None:
    repo, before = built
    change_a_journey(repo)
    assert _signal_while_dot_runs(repo, tmp_path, signal.SIGINT, group=True).returncode == 130
    run = run_cli("build", cwd=repo)
    assert run.code == 0, run.err
    assert snapshot(repo / "site") != before
    assert "Edited" in (repo / "site" / "journeys" / "support-request" / "index.html").read_text(encoding="utf-8")
    assert not [p for p in repo.iterdir() if p.name.startswith(".site.")]


def test_generate_with_a_crashing_dot_is_a_clear_error_and_keeps_the_previous_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    maps = MINIMAL_REPO / "maps"
    env = {"JOURNEYMAPS_CACHE": str(tmp_path / "cache")}
    assert run_cli("generate", out, "--maps-dir", maps, env=env).code == 0
    before = snapshot(out)
    run = run_cli(
        "generate",
        out,
        "--maps-dir",
        maps,
        env={**env, **fake_dot(tmp_path / "bin", "exit 3"), "JOURNEYMAPS_CACHE": str(tmp_path / "cold")},
    )
    assert run.code == 1 and "could not be drawn" in run.err and "Traceback" not in run.err, run.err
    assert snapshot(out) == before and not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")]
