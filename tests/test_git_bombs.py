"""Git bombs: a few hundred KB of `.git` that name gigabytes of maps, read by `diff` and the site's history.

One blob can sit at many paths, and trees can nest trees, so the size of the repository says nothing
of what a revision holds. Each case builds such a revision with git's plumbing (no checkout, nothing
big on disk) and runs the real CLI under an address-space limit far below what reading it would take:
the bounds must be applied to git's listing, before any content is held or written.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import commit_all, init, write_maps

MEMORY_LIMIT = 384 * 1024**2  # `diff` of the example maps runs in less than 256 MiB of address space
MIB = 1024**2


def _git(repo: Path, *args: str, data: bytes | None = None) -> str:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    done = subprocess.run(["git", "-C", str(repo), *args], input=data, capture_output=True, check=True, env=env)
    return done.stdout.decode().strip()


def _zeros_blob(repo: Path, size: int) -> str:
    """A blob of `size` zero bytes, streamed into git (it compresses to almost nothing)."""
    process = subprocess.Popen(["git", "-C", str(repo), "hash-object", "-w", "--stdin"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE)  # fmt: skip
    assert process.stdin is not None and process.stdout is not None
    for _ in range(size // MIB):
        process.stdin.write(bytes(MIB))
    process.stdin.close()
    blob = process.stdout.read().decode().strip()
    process.stdout.close()
    assert process.wait() == 0
    return blob


def _tree(repo: Path, entries: dict[str, tuple[str, str]]) -> str:
    """A tree object from {name: (kind, id)}."""
    lines = [
        f"{'040000 tree' if kind == 'tree' else '100644 blob'} {ident}\t{name}"
        for name, (kind, ident) in entries.items()
    ]
    return _git(repo, "mktree", data=("\n".join(lines) + "\n").encode())


def _branch_with_journeys(repo: Path, name: str, journeys: str) -> None:
    """Branch `name`: the commit on main, with maps/journeys replaced by the tree `journeys`."""
    maps = {
        line.split("\t")[1]: (line.split()[1], line.split()[2])
        for line in _git(repo, "ls-tree", "main:maps").splitlines()
    }
    maps["journeys"] = ("tree", journeys)
    root = _tree(repo, {"maps": ("tree", _tree(repo, maps))})
    _git(repo, "update-ref", f"refs/heads/{name}", _git(repo, "commit-tree", root, "-p", "main", "-m", name))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    init(root)
    write_maps(root)
    commit_all(root, "The maps", "Ana Import", 1)
    return root


def _run_bounded(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    return subprocess.run([sys.executable, "-m", "journeymaps", *args], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=300, preexec_fn=limit)  # fmt: skip


def _diff_bounded(repo: Path, *revisions: str) -> subprocess.CompletedProcess[str]:
    return _run_bounded(repo, "diff", *revisions)


def _git_size(repo: Path) -> int:
    return sum(f.stat().st_size for f in (repo / ".git").rglob("*") if f.is_file())


def test_one_big_blob_at_many_paths_is_refused_before_it_is_read(repo: Path) -> None:
    blob = _zeros_blob(repo, 64 * MIB)
    journeys = _tree(repo, {f"big-{i:03d}.yaml": ("blob", blob) for i in range(200)})  # 12.5 GiB of maps
    _branch_with_journeys(repo, "bomb", journeys)
    assert _git_size(repo) < 2 * MIB
    run = _diff_bounded(repo, "main", "bomb")
    assert run.returncode == 2, run.stderr
    assert "internal error" not in run.stderr
    assert "maps/journeys/big-000.yaml at bomb is 67,108,864 bytes" in run.stderr
    assert "(max_file_bytes)" in run.stderr


def test_nested_trees_are_counted_as_they_are_listed(repo: Path) -> None:
    # 30 folders of 30 folders of 30 folders of 30 copies of one small file: 810,000 paths.
    blob = _git(repo, "hash-object", "-w", "--stdin", data=b"title: x\n")
    tree = _tree(repo, {f"f{i:02d}.yaml": ("blob", blob) for i in range(30)})
    for _ in range(3):
        tree = _tree(repo, {f"d{i:02d}": ("tree", tree) for i in range(30)})
    _branch_with_journeys(repo, "nested", tree)
    run = _diff_bounded(repo, "main", "nested")
    assert run.returncode == 2, run.stderr
    assert "internal error" not in run.stderr
    assert "the maps folder 'maps' at nested holds more than 5,000 files (max_files)" in run.stderr


def test_the_total_of_a_revision_is_bounded(repo: Path) -> None:
    blob = _zeros_blob(repo, 4 * MIB)  # under max_file_bytes, but 30 of them pass max_total_bytes (100 MiB)
    _branch_with_journeys(repo, "wide", _tree(repo, {f"j{i:02d}.yaml": ("blob", blob) for i in range(30)}))
    run = _diff_bounded(repo, "main", "wide")
    assert run.returncode == 2, run.stderr
    assert "add up to more than 104,857,600 bytes (max_total_bytes)" in run.stderr


def test_a_site_build_skips_a_bomb_in_its_history_and_keeps_the_other_commits(repo: Path, tmp_path: Path) -> None:
    blob = _zeros_blob(repo, 64 * MIB)
    _branch_with_journeys(repo, "bomb", _tree(repo, {f"big-{i:03d}.yaml": ("blob", blob) for i in range(200)}))
    # The next commit on main removes them again: the bomb is history, and nothing big is ever checked out.
    after = _git(
        repo, "commit-tree", _git(repo, "rev-parse", "main^{tree}"), "-p", "bomb", "-m", "Remove the big files"
    )
    _git(repo, "update-ref", "refs/heads/main", after)
    run = _run_bounded(repo, "generate", str(tmp_path / "out"), "--maps-dir", "maps")
    assert run.returncode == 0, run.stderr
    changes = (tmp_path / "out" / "changes.md").read_text(encoding="utf-8")
    assert "Remove the big files" not in changes  # it changed nothing that can be compared within the bounds
    assert "The maps" in changes
    assert ">bomb<" not in changes  # its maps cannot be read within the bounds: left out
