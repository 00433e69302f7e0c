"""A warm `journeymaps build` (the diagram cache and the previous site kept, as CI caches them) gives, after each
of a series of edits, the site a clean build of the same files gives, file by file (issue 15).

Whatever a build takes from the last one (today the drawn diagrams; the page memo on disk, when it comes) must
not show: each warm build is compared with a build of a fresh copy without cache or site.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import copy_minimal_repo, run_cli
from .test_serve_rebuilds import JOURNEY, edit, tree

pytestmark = pytest.mark.slow  # eight real builds


def clean_build(repo: Path, work: Path) -> dict[str, bytes]:
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(repo, work, ignore=shutil.ignore_patterns(".cache", "site"))
    run = run_cli("build", cwd=work, timeout=300)
    assert run.code == 0, run.err
    return tree(work / "site")


def warm_build(repo: Path) -> dict[str, bytes]:
    run = run_cli("build", cwd=repo, timeout=300)
    assert run.code == 0, run.err
    return tree(repo / "site")


def test_warm_builds_after_edits_equal_clean_builds(tmp_path: Path) -> None:
    repo = copy_minimal_repo(tmp_path / "repo")
    first = warm_build(repo)
    assert (repo / ".cache").is_dir(), "the first build keeps its diagram cache"
    assert first == clean_build(repo, tmp_path / "clean")
    edits = [
        ("    name: Solve\n", "    name: Solve\n    goal: Solved within a day\n", JOURNEY),
        ("        owner: billing\n", "        owner: it\n", JOURNEY),
        ("    name: IT\n", "    name: IT Service Desk\n", "maps/departments.yaml"),
    ]
    for old, new, path in edits:
        edit(repo, old, new, path)
        warm, clean = warm_build(repo), clean_build(repo, tmp_path / "clean")
        assert sorted(warm) == sorted(clean)
        different = [name for name in clean if warm[name] != clean[name]]
        assert not different, (path, new, different[:10])
