"""Writing atomically: a reader (or a crash, or a parallel run) sees the old file or folder or the new one, never half.

Everything is written beside its target first (same file system) and renamed into place. Used for
the CODEOWNERS file, the diagram cache, `journeymaps generate` and `journeymaps build`.
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from pathlib import Path


def write_text(path: Path, text: str) -> None:
    """Replace the file at `path` by `text` (UTF-8), through a finished temporary file renamed over it.

    The temporary file is created with the usual permissions (0666 less the umask), so the result is
    what a plain write would give, and removed again if anything fails.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def sibling_folder(target: Path, label: str) -> Path:
    """A new empty folder beside `target` (hidden, unique) to build its replacement in."""
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.{label}.", dir=target.parent))


def swap_in(new: Path, target: Path) -> None:
    """Replace the folder `target` by `new` (same file system) with renames; the old one is deleted last."""
    old: Path | None = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
        old.rmdir()
        target.rename(old)
    try:
        new.rename(target)
    except BaseException:
        if old is not None:
            old.rename(target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
