"""Hostile commits in the maps' history never stop a site build: unreadable ones are left out, the rest shown safely."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT, git, init, run_cli

pytestmark = pytest.mark.slow  # git repositories and real builds

FIXTURE = ROOT / "tests" / "fixtures" / "minimal-repo"


def _touch_maps(repo: Path, n: int) -> None:
    """A change readers see (the history leaves out commits that change nothing on the site): IT's contact."""
    departments = repo / "maps" / "departments.yaml"
    text = departments.read_text(encoding="utf-8")
    contact = text.split("contact: https://wiki.contoso.example/it", 1)[1].split("\n", 1)[0]
    departments.write_text(text.replace(f"/it{contact}\n", f"/it/{n}\n", 1), encoding="utf-8")
    git(repo, "add", "-A")


def _raw_commit(repo: Path, author_line: str, subject: str) -> None:
    """A commit written with `git hash-object`, so that its author line can be what `git commit` refuses."""
    tree, parent = git(repo, "write-tree"), git(repo, "rev-parse", "HEAD")
    body = f"tree {tree}\nparent {parent}\nauthor {author_line}\ncommitter {author_line}\n\n{subject}\n"
    sha = subprocess.run(["git", "-C", str(repo), "hash-object", "-t", "commit", "-w", "--literally", "--stdin"],
                         input=body.encode(), capture_output=True, check=True).stdout.decode().strip()  # fmt: skip
    git(repo, "update-ref", "refs/heads/main", sha)


def test_a_build_survives_hostile_commits_and_shows_the_readable_ones_safely(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURE, repo)
    init(repo)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "The maps arrive")
    _touch_maps(repo, 1)
    git(repo, "commit", "-q", "-m", "Red \x1b[31malert ##[add-mask]secret", author="Mal\x1b[2J\x07lory\x1fx")
    _touch_maps(repo, 2)
    _raw_commit(repo, "Far Future <far@example.com> 253402300800 +0000", "From the year 10000")
    _touch_maps(repo, 3)
    _raw_commit(repo, "No Date <nodate@example.com> yesterday +0000", "A date git cannot read")
    _touch_maps(repo, 4)
    _raw_commit(repo, "Wide Zone <zone@example.com> 1790000000 +9999", "A time zone off the clock")
    _touch_maps(repo, 5)
    git(
        repo, "commit", "-q", "-m", "A healthy commit after them", author="Bo Healthy", date="2026-11-20T10:00:00+00:00"
    )

    run = run_cli("build", cwd=repo)
    assert run.code == 0, run.err
    assert "internal error" not in run.err
    changes = (repo / "site" / "changes" / "index.html").read_text(encoding="utf-8")
    assert "A healthy commit after them" in changes and "The maps arrive" in changes  # before and after the bad ones
    assert "From the year 10000" not in changes  # a date Python cannot hold: left out
    shown = re.sub(r"&#[0-9]+;", lambda m: chr(int(m.group()[2:-1])), changes)
    assert "Mal\\u001b[2J\\u0007lory\\u001fx" in shown  # the author, with its control characters written out
    assert "Red \\u001b[31malert" in shown
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", changes)  # nothing raw reaches the page
