"""Writing atomically: a reader (or a crash, or a parallel run) sees the old file or folder or the new one, never half.

Everything is written beside its target first (same file system) and renamed into place: a file through a
finished temporary file (CODEOWNERS, the diagram cache), a folder (the site, `generate`'s folder) built
beside the old one and swapped in. Write errors are said plainly. Folders are swapped one at a time: two
builds at once each finish (the last one's site stays), never a half-swapped folder or an internal
error. The lock is taken on the folder that holds the target, so no lock file is left behind. A
target that cannot be removed afterwards (read-only) is refused before anything is renamed.
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; concurrent builds there are not serialised
    fcntl = None  # type: ignore[assignment]

DISK_FULL = (errno.ENOSPC, errno.EDQUOT)


class WriteError(Exception):
    """The output could not be written or replaced (disk full, read-only, permissions): exit code 2."""


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


def describe(error: OSError, doing: str) -> str:
    """An OSError met while `doing` something, as one sentence a user can act on (no traceback, no 'internal')."""
    reason = error.strerror or str(error)
    if error.errno in DISK_FULL:
        return f"the disk is full ({reason}) while {doing}"
    where = f": '{error.filename}'" if error.filename else ""
    return f"{doing} failed: {reason}{where}"


@contextmanager
def exclusive(target: Path, err: TextIO | None = None) -> Iterator[None]:
    """Hold the lock for replacing `target`; a second caller says it waits, then waits."""
    if fcntl is None:
        yield
        return
    handle = os.open(target.parent, os.O_RDONLY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if err is not None:
                err.write(f"journeymaps: another build is replacing '{target.name}'; waiting for it to finish\n")
                err.flush()
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # closing releases the lock


def check_replaceable(target: Path) -> None:
    """Raise WriteError when `target` exists but could not be deleted once replaced (a read-only folder in it)."""
    if not target.is_dir() or target.is_symlink():
        return
    for folder, _dirs, _files in os.walk(target):
        if not os.access(folder, os.W_OK | os.X_OK):
            shown = Path(folder).relative_to(target.parent).as_posix()
            raise WriteError(
                f"'{shown}' is read-only: the new site cannot replace '{target.name}'; "
                f"make it writable (chmod -R u+w {target.name}) or remove it"
            )


def swap_in(
    new: Path,
    target: Path,
    err: TextIO | None = None,
    *,
    ours: bool = False,
    remove: Callable[[Path], None] | None = None,
) -> None:
    """Replace `target` by `new` (same file system) with renames; the old one is deleted last (by `remove`).

    Raises WriteError, with `target` left as it was, when it cannot be replaced. A target that is `ours`
    (`serve`'s own folder) is not walked first to check that it can be deleted.
    """
    with exclusive(target, err):
        old: Path | None = None
        if target.exists() or target.is_symlink():
            if not ours:
                check_replaceable(target)
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
        (remove or remove_tree)(old)


def remove_tree(folder: Path) -> None:
    """Delete `folder`, making read-only folders inside it writable first; never raises."""

    def retry(function: Callable[..., Any], path: str, _info: Any) -> None:
        try:
            parent = os.path.dirname(path)
            os.chmod(parent, os.stat(parent).st_mode | stat.S_IWUSR | stat.S_IXUSR)
            function(path)
        except OSError:
            pass

    if sys.version_info >= (3, 12):
        shutil.rmtree(folder, onexc=retry)
    else:
        shutil.rmtree(folder, onerror=retry)
