"""Shared fixtures: the real CLI in a subprocess, and maps folders laid out from text."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings
from journeymaps.codes import BASE

# Property tests: a fixed, bounded budget by default (CI cannot turn red by chance);
# HYPOTHESIS_PROFILE=long runs a real campaign (see docs/testing.md).
settings.register_profile("default", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("random", deadline=None, print_blob=True)
settings.register_profile("long", max_examples=5000, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_MAPS = ROOT / "maps"
TODAY_EPOCH = "1795996800"
"""2026-11-30 00:00 UTC: the CLI's "today" in tests (SOURCE_DATE_EPOCH)."""
MINIMAL_REPO = ROOT / "tests" / "fixtures" / "minimal-repo"
"""A team's repository at its smallest: mkdocs.yml, a docs folder and maps."""


def copy_minimal_repo(target: Path) -> Path:
    """A fresh copy of MINIMAL_REPO at `target`, without a site or cache a local run may have left in it."""
    shutil.copytree(MINIMAL_REPO, target, ignore=shutil.ignore_patterns(".cache", "site"))
    return target


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of the minimal repository (modules whose repositories differ define their own `repo`)."""
    return copy_minimal_repo(tmp_path / "repo")


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()

    def json(self) -> object:
        return json.loads(self.out)


def run_cli(
    *args: str | Path, cwd: Path | None = None, env: Mapping[str, str] | None = None, timeout: float = 120
) -> Run:
    """`journeymaps ARGS` as a user runs it: a new process, its exit code, stdout and stderr."""
    full_env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}  # else --format defaults to github
    # "Today" is fixed (stale KPIs, JM410), so that a test's outcome does not depend on the day it runs.
    full_env.update({"NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": TODAY_EPOCH, **(env or {})})
    done = subprocess.run(
        [sys.executable, "-m", "journeymaps", *map(str, args)],
        cwd=cwd, env=full_env, capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip
    return Run(done.returncode, done.stdout, done.stderr)


def write_maps(
    root: Path, overlay: Mapping[str, str | bytes | None] | None = None, base: Mapping[str, str] = BASE
) -> Path:
    """A maps folder at root/maps: `base` files with `overlay` laid over (None deletes a file)."""
    maps = root / "maps"
    files: dict[str, str | bytes | None] = {**base, **(overlay or {})}
    for rel, content in files.items():
        if content is None:
            continue
        path = maps / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return maps


# Real git repositories for the diff, codeowners and history tests: fixed authors and dates, no user config.
def git(repo: Path, *args: str, date: str = "2026-11-01T10:00:00+00:00", author: str = "Ana Import") -> str:
    env = {
        **os.environ, "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": "author@example.com", "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_NAME": author, "GIT_COMMITTER_EMAIL": "author@example.com", "GIT_COMMITTER_DATE": date,
        "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
    }  # fmt: skip
    done = subprocess.run(["git", "-C", str(repo), *args], env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def commit_all(repo: Path, subject: str, author: str, day: int) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", subject, author=author, date=f"2026-11-{day:02d}T10:00:00+00:00")
    return git(repo, "rev-parse", "HEAD")


def init(repo: Path) -> None:
    """A new repository on branch main."""
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.name", "Test")
    git(repo, "config", "user.email", "test@example.com")
    git(repo, "config", "commit.gpgsign", "false")


def assert_golden(path: Path, actual: str) -> None:
    """Compare with a golden file; JOURNEYMAPS_UPDATE_GOLDEN=1 rewrites it (review the diff before committing)."""
    if os.environ.get("JOURNEYMAPS_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"no golden file {path}: run with JOURNEYMAPS_UPDATE_GOLDEN=1"
    assert actual == path.read_text(encoding="utf-8"), f"{path.name} differs: review, then JOURNEYMAPS_UPDATE_GOLDEN=1"


@pytest.fixture
def make_maps(tmp_path: Path) -> Callable[..., Path]:
    return lambda overlay=None, base=BASE: write_maps(tmp_path, overlay, base)


@pytest.fixture
def cli() -> Callable[..., Run]:
    return run_cli
