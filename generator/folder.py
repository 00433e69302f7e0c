"""`journeymaps generate`: the site's pages, diagrams and assets as plain files, for other publishers.

The folder is written whole beside its target and swapped in (`atomic`), and it is only ever replaced
when it is empty or was written here before (a marker file says so), so a typo cannot wipe a folder.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from . import atomic
from .pages import Page
from .templating import asset_files

MARKER = ".journeymaps-generated"


def check_out_dir(out_dir: Path, shown: str | None = None) -> None:
    """FileExistsError unless `out_dir` is new, empty, or written by `write_tree` before (so it may be replaced)."""
    if out_dir.exists() and (not out_dir.is_dir() or (any(out_dir.iterdir()) and not (out_dir / MARKER).exists())):
        what = "is a file" if not out_dir.is_dir() else "is not empty and was not written by 'journeymaps generate'"
        raise FileExistsError(f"'{shown or out_dir}' {what}: choose a new or empty folder")


def write_tree(out_dir: Path, pages: list[Page], svgs: dict[str, str]) -> None:
    """Write pages, diagrams and assets into `out_dir` atomically (a sibling temporary folder swapped in).

    An existing `out_dir` is replaced only if it is empty or was written by this function before.
    """
    check_out_dir(out_dir)
    out_dir = out_dir.resolve()
    temp = atomic.sibling_folder(out_dir, "writing")
    try:
        files: dict[str, bytes] = {p.uri: p.source for p in pages}
        files.update({f"{name}.svg": svg.encode("utf-8") for name, svg in svgs.items()})
        files.update(asset_files())
        files[MARKER] = b"Written by 'journeymaps generate'; the whole folder is replaced on the next run.\n"
        for rel, data in files.items():
            path = temp / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        atomic.swap_in(temp, out_dir)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
