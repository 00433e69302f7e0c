"""The one atomic-write helper (CODEOWNERS, the diagram cache, `generate`, `build`), in process."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from journeymaps import atomic


def test_write_text_replaces_whole_and_keeps_usual_permissions(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "CODEOWNERS"
    atomic.write_text(target, "first\n")
    atomic.write_text(target, "second\n")
    assert target.read_text(encoding="utf-8") == "second\n"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask  # not mkstemp's 0600
    assert sorted(p.name for p in target.parent.iterdir()) == ["CODEOWNERS"]


def test_write_text_failing_midway_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "cache.svg"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        atomic.write_text(target, "half \udcff")  # a lone surrogate cannot be encoded
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache.svg"]


def test_swap_in_replaces_a_folder_and_restores_it_when_the_rename_fails(tmp_path: Path) -> None:
    target = tmp_path / "site"
    target.mkdir()
    (target / "index.html").write_text("old", encoding="utf-8")
    new = atomic.sibling_folder(target, "building")
    (new / "index.html").write_text("new", encoding="utf-8")
    atomic.swap_in(new, target)
    assert (target / "index.html").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]

    with pytest.raises(OSError):
        atomic.swap_in(tmp_path / "missing", target)
    assert (target / "index.html").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
