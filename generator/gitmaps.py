"""The maps as they were at a git revision, read through git without a checkout.

`read_revision` copies the regular files of the maps folder at one commit (`git ls-tree` and
`git cat-file --batch`) into a temporary folder and validates them there, with problems named by
their real paths in the repository. A few bytes of git can name huge content (one blob at many
paths, trees nested in trees), so the bounds of `Limits` (`max_files` for files and for folders,
`max_file_bytes`, `max_total_bytes`) are checked on git's listing, streamed, before any content is
read or written; passing one is a `GitError` naming the revision (and the file). `read_worktree`
validates the folder as it is on disk. Both return a `Snapshot`, the input of `diff`. Git failures
raise `GitError` (a usage problem, never a traceback); `history` uses the quiet variants.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Generator, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from . import load
from .codes import NOT_LOADED
from .escape import printable
from .model import Maps
from .problems import Problem
from .settings import Limits, Settings
from .validate import validate

WORKTREE = "working tree"
GIT_ENV = {"GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}


class GitError(Exception):
    """Git is missing, the folder is not a repository, or a revision does not exist."""


@dataclass(frozen=True)
class Snapshot:
    """One side of a comparison: the maps of one revision and what validation said about them."""

    label: str
    """How the revision is shown: as the user wrote it (`origin/main`), or 'working tree'."""
    maps: Maps = field(default_factory=Maps)
    problems: tuple[Problem, ...] = ()
    journey_files: dict[str, str] = field(default_factory=dict)
    """Journey id -> file relative to the maps folder, for every journey file present, read or not."""
    present: bool = True
    """False where the revision has no maps folder at all (maps added or removed by the change)."""
    commit: str = ""
    root: str = ""
    """The maps folder relative to the repository root, as problems name it (`maps`)."""
    unreadable_files: frozenset[str] = frozenset()
    """Files (relative to the maps folder) that could not be read or failed their schema: their content is missing."""

    @property
    def unreadable(self) -> set[str]:
        """Journeys whose file exists but could not be read (so they are not in `maps`)."""
        return set(self.journey_files) - set(self.maps.journeys)


def git(repo: Path, *args: str, input: bytes | None = None) -> bytes:
    """Run git in `repo`; its stdout, or GitError with git's own message."""
    if shutil.which("git") is None:
        raise GitError("git is not installed (journeymaps needs it to read other revisions)")
    try:
        done = subprocess.run(
            ["git", "-C", str(repo), *args], input=input, capture_output=True, timeout=120,
            env={**os.environ, **GIT_ENV},
        )  # fmt: skip
    except (OSError, subprocess.TimeoutExpired) as error:
        raise GitError(f"git {args[0]} failed: {error}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]} failed: {message[-1] if message else f'exit code {done.returncode}'}")
    return done.stdout


def repo_root(start: Path) -> Path:
    """The top of the work tree that holds `start`."""
    try:
        out = git(start, "rev-parse", "--show-toplevel")
    except GitError as error:
        if "not a git repository" in str(error):
            raise GitError(f"'{start}' is not inside a git repository") from None
        raise
    return Path(out.decode("utf-8").strip())


def resolve(repo: Path, revision: str) -> str:
    """The commit id a revision names; GitError if there is none."""
    if not revision or revision.startswith("-") or any(c in revision for c in "\0\n"):
        raise GitError(f"'{revision}' is not a revision")
    try:
        return (
            git(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}").decode().strip()
        )
    except GitError:
        raise GitError(
            f"revision '{revision}' not found in {repo} (fetch it first, e.g. with fetch-depth: 0)"
        ) from None


def maps_path(repo: Path, maps_dir: str) -> str:
    """The maps folder as a clean POSIX path relative to the repository root."""
    rel = PurePosixPath(maps_dir.replace("\\", "/").strip("/") or ".")
    if rel.is_absolute() or ".." in rel.parts:
        raise GitError(f"the maps folder '{maps_dir}' must be inside the repository, relative to its root")
    return rel.as_posix()


def read_revision(
    repo: Path, revision: str, maps_rel: str, settings: Settings | None = None, label: str | None = None
) -> Snapshot:
    """The maps folder at `revision`, validated as if checked out."""
    commit = resolve(repo, revision)
    if label is None:
        label = revision[:12] if len(revision) == 40 and all(c in "0123456789abcdef" for c in revision) else revision
    links: list[str] = []
    entries = _tree(repo, commit, maps_rel, (settings or Settings()).limits, label, links)
    if entries is None:
        return Snapshot(label, present=False, commit=commit, root=maps_rel)
    with tempfile.TemporaryDirectory(prefix="journeymaps-") as tmp:
        target = Path(tmp) / "maps"
        target.mkdir()
        _write_blobs(repo, entries, target, label)
        _place_links(links, target)
        return _snapshot(target, maps_rel, settings, label, commit)


def read_worktree(repo: Path, maps_rel: str, settings: Settings | None = None) -> Snapshot:
    """The maps folder as it is on disk, committed or not."""
    folder = repo / maps_rel
    if not folder.is_dir():
        return Snapshot(WORKTREE, present=False, root=maps_rel)
    return _snapshot(folder, maps_rel, settings, WORKTREE, "")


def tree_id(repo: Path, commit: str, maps_rel: str) -> str | None:
    """The git tree id of the maps folder at a commit (equal ids mean equal maps), None if absent."""
    try:
        return git(repo, "rev-parse", "--verify", "--quiet", f"{commit}:{maps_rel}").decode().strip() or None
    except GitError:
        return None


def _snapshot(folder: Path, maps_rel: str, settings: Settings | None, label: str, commit: str) -> Snapshot:
    result = validate(folder, settings, display_root=maps_rel)
    sources, _ = load.discover(folder, maps_rel)  # the journey files as `validate` found them, read or not
    journeys = {source.stem: source.rel for source in sources if source.kind == "journey"}
    prefix = "" if maps_rel in ("", ".") else maps_rel.rstrip("/") + "/"
    unreadable = frozenset(
        p.file[len(prefix) :] for p in result.errors if p.file.startswith(prefix) and p.code in NOT_LOADED
    )
    return Snapshot(label, result.maps, tuple(result.problems), journeys, True, commit, maps_rel, unreadable)


@dataclass(frozen=True)
class _Entry:
    blob: str
    size: int
    path: str
    """Relative to the maps folder."""


def _tree(
    repo: Path, commit: str, maps_rel: str, limits: Limits, label: str, links: list[str] | None = None
) -> list[_Entry] | None:
    """Every regular file of the maps folder with its size, or None if the folder is absent.

    The paths of symbolic links (mode 120000) go into `links`: never read, but reported as on disk.

    Read as a stream (`ls-tree -r -t -l`: folders too, sizes from the tree objects, no content), and
    stopped as soon as a bound is passed: nested trees can name millions of paths in a few bytes of git.
    """
    if maps_rel != "." and tree_id(repo, commit, maps_rel) is None:
        return None
    spec = [] if maps_rel == "." else ["--", maps_rel]
    prefix = "" if maps_rel == "." else maps_rel + "/"
    listing = _stream(repo, ["ls-tree", "-r", "-t", "-l", "-z", "--full-tree", commit, *spec], b"\0")
    with closing(listing):  # a bound passed: git is stopped at once
        return _entries(listing, prefix, limits, label, f"the maps folder '{maps_rel}' at {label}", links)


def _entries(
    listing: Iterator[bytes], prefix: str, limits: Limits, label: str, where: str, links: list[str] | None = None
) -> list[_Entry]:
    entries: list[_Entry] = []
    files = folders = total = 0
    for record in listing:
        meta, _, raw_path = record.partition(b"\t")
        mode, kind, blob, size = meta.decode("ascii", "replace").split()
        path = raw_path.decode("utf-8", "surrogateescape")
        if not path.startswith(prefix):
            continue  # the maps folder itself and the folders above it
        if kind == "tree":
            folders += 1
            if folders > limits.max_files:
                raise GitError(f"{where} holds more than {limits.max_files:,} folders (max_files): not read")
            continue
        files += 1
        if files > limits.max_files:
            raise GitError(f"{where} holds more than {limits.max_files:,} files (max_files): not read")
        # Regular files only: symbolic links and submodules are not map files (and could point outside).
        if kind != "blob" or mode not in ("100644", "100755"):
            if mode == "120000" and links is not None:
                links.append(path[len(prefix) :])
            continue
        length = int(size)
        if length > limits.max_file_bytes:
            raise GitError(
                f"{printable(path)} at {label} is {length:,} bytes, over the limit of {limits.max_file_bytes:,} "
                "(max_file_bytes): not read"
            )
        total += length
        if total > limits.max_total_bytes:
            raise GitError(
                f"the files of {where} add up to more than {limits.max_total_bytes:,} bytes (max_total_bytes): not read"
            )
        entries.append(_Entry(blob, length, path[len(prefix) :]))
    return entries


_CHUNK = 1 << 16
_MAX_RECORD = 1 << 16
"""Longest `ls-tree` record accepted (git's own paths stay far below)."""


def _stream(repo: Path, args: list[str], separator: bytes) -> Generator[bytes]:
    """The records of a git command's output, read as they come, held one at a time; GitError on failure."""
    if shutil.which("git") is None:
        raise GitError("git is not installed (journeymaps needs it to read other revisions)")
    try:
        process = subprocess.Popen(
            ["git", "-C", str(repo), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL, env={**os.environ, **GIT_ENV},
        )  # fmt: skip
    except OSError as error:
        raise GitError(f"git {args[0]} failed: {error}") from None
    assert process.stdout is not None and process.stderr is not None
    try:
        pending = b""
        while chunk := os.read(process.stdout.fileno(), _CHUNK):
            pending += chunk
            *records, pending = pending.split(separator)
            if len(pending) > _MAX_RECORD:
                raise GitError(f"git {args[0]} printed a record longer than {_MAX_RECORD:,} bytes")
            yield from (record for record in records if record)
        if pending:
            yield pending
        said = process.stderr.read(_CHUNK)
        if process.wait() != 0:
            message = said.decode("utf-8", "replace").strip().splitlines()
            raise GitError(f"git {args[0]} failed: {message[-1] if message else f'exit code {process.returncode}'}")
    finally:  # a bound hit, or the caller stopped: git is stopped too
        if process.poll() is None:
            process.kill()
        process.wait()
        process.stdout.close()
        process.stderr.close()


def _write_blobs(repo: Path, entries: list[_Entry], target: Path, label: str) -> None:
    """Each file's content, streamed from `git cat-file --batch` one blob at a time into its file.

    Sizes were checked against the bounds before this runs; git's own header is checked against them
    again, and a blob already written is linked rather than read twice.
    """
    if not entries:
        return
    written: dict[str, Path] = {}
    try:
        process = subprocess.Popen(
            ["git", "-C", str(repo), "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, env={**os.environ, **GIT_ENV},
        )  # fmt: skip
    except OSError as error:
        raise GitError(f"git cat-file failed: {error}") from None
    assert process.stdin is not None and process.stdout is not None
    try:
        for entry in entries:
            parts = PurePosixPath(entry.path).parts
            if not parts or any(part in ("", ".", "..") for part in parts):
                continue
            path = target.joinpath(*parts)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                if entry.blob in written:
                    os.link(written[entry.blob], path)
                else:
                    _copy_blob(process, entry, path, label)
                    written[entry.blob] = path
            except (OSError, ValueError) as error:
                raise GitError(f"cannot copy {printable(entry.path)} at {label}: {error}") from None
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        process.stdin.close()
        process.stdout.close()


def _copy_blob(process: subprocess.Popen[bytes], entry: _Entry, path: Path, label: str) -> None:
    """One blob from a running `git cat-file --batch` into `path`, a chunk at a time."""
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(f"{entry.blob}\n".encode())
    process.stdin.flush()
    header = process.stdout.readline(200).split()
    if len(header) != 3 or header[1] != b"blob" or int(header[2]) != entry.size:
        raise GitError(f"git cat-file did not give {printable(entry.path)} at {label} as listed")
    with path.open("wb") as out:
        left = entry.size
        while left:
            chunk = process.stdout.read(min(left, _CHUNK))
            if not chunk:
                raise GitError(f"git cat-file stopped while reading {printable(entry.path)} at {label}")
            out.write(chunk)
            left -= len(chunk)
    process.stdout.read(1)  # the newline after each blob


def _place_links(links: list[str], target: Path) -> None:
    """A dangling link where the revision has a link, so that `validate` names it as it does in a work tree.

    Its target is never the link's own (which could point anywhere): validation does not follow links.
    """
    for rel in links:
        parts = PurePosixPath(rel).parts
        if not parts or any(part in ("", ".", "..") for part in parts):
            continue
        path = target.joinpath(*parts)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            os.symlink("journeymaps-link-not-followed", path)
        except OSError:
            continue  # a name the file system cannot hold: nothing to report it by
