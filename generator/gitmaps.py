"""The maps as they were at a git revision, read through git without a checkout.

`read_revision` copies the regular files of the maps folder at one commit (`git ls-tree` and
`git cat-file --batch`) into a temporary folder and validates them there, with problems named by
their real paths in the repository. `read_worktree` validates the folder as it is on disk. Both
return a `Snapshot`, the input of `diff`. Git failures raise `GitError` (a usage problem, never a
traceback); `history` uses the quiet variants.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .model import Maps
from .problems import Problem
from .settings import Settings
from .validate import validate

WORKTREE = "working tree"
_GIT_ENV = {"GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}


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
    """Files (relative to the maps folder) that could not be read or failed their schema, so their content is missing."""

    @property
    def unreadable(self) -> set[str]:
        """Journeys whose file exists but could not be read (so they are not in `maps`)."""
        return set(self.journey_files) - set(self.maps.journeys)

    @classmethod
    def of(cls, maps: Maps, label: str = "", problems: tuple[Problem, ...] = (), root: str = "") -> Snapshot:
        """A snapshot of maps already in memory (every journey read)."""
        return cls(label, maps, problems, {j.id: j.source for j in maps.journeys.values()}, root=root)


def git(repo: Path, *args: str, input: bytes | None = None) -> bytes:
    """Run git in `repo`; its stdout, or GitError with git's own message."""
    if shutil.which("git") is None:
        raise GitError("git is not installed (journeymaps needs it to read other revisions)")
    try:
        done = subprocess.run(
            ["git", "-C", str(repo), *args], input=input, capture_output=True, timeout=120,
            env={**os.environ, **_GIT_ENV},
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
    entries = _tree(repo, commit, maps_rel, links)
    if entries is None:
        return Snapshot(label, present=False, commit=commit, root=maps_rel)
    with tempfile.TemporaryDirectory(prefix="journeymaps-") as tmp:
        target = Path(tmp) / "maps"
        target.mkdir()
        _write_blobs(repo, entries, maps_rel, target)
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
    journeys = {
        path.stem: path.relative_to(folder).as_posix()
        for path in sorted((folder / "journeys").rglob("*.yaml"))
        if path.is_file() and not path.is_symlink()  # as `validate` finds them: links and unsafe names are problems
        and all(part.isprintable() and not part.startswith(".") for part in path.relative_to(folder).parts)
    }  # fmt: skip
    prefix = "" if maps_rel in ("", ".") else maps_rel.rstrip("/") + "/"
    unreadable = frozenset(
        p.file[len(prefix):] for p in result.errors
        if p.file.startswith(prefix) and p.code.startswith(("JM0", "JM1"))  # reading (JM0xx) and schema (JM1xx) problems: the file is not loaded
    )  # fmt: skip
    return Snapshot(label, result.maps, tuple(result.problems), journeys, True, commit, maps_rel, unreadable)


def _tree(repo: Path, commit: str, maps_rel: str, links: list[str] | None = None) -> list[tuple[str, str]] | None:
    """(blob id, path relative to the maps folder) of every regular file, or None if the folder is absent.

    The paths of symbolic links (mode 120000) go into `links`: never read, but reported as on disk.
    """
    if maps_rel != "." and tree_id(repo, commit, maps_rel) is None:
        return None
    spec = [] if maps_rel == "." else ["--", maps_rel]
    out = git(repo, "ls-tree", "-r", "-z", "--full-tree", commit, *spec)
    entries = []
    prefix = "" if maps_rel == "." else maps_rel + "/"
    for record in out.split(b"\0"):
        if not record:
            continue
        meta, _, raw_path = record.partition(b"\t")
        mode, kind, blob = meta.decode().split()
        path = raw_path.decode("utf-8", "surrogateescape")
        # Regular files only: symbolic links and submodules are not map files (and could point outside).
        if kind == "blob" and mode in ("100644", "100755") and path.startswith(prefix):
            entries.append((blob, path[len(prefix) :]))
        elif mode == "120000" and links is not None and path.startswith(prefix):
            links.append(path[len(prefix) :])
    return entries


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


def _write_blobs(repo: Path, entries: list[tuple[str, str]], maps_rel: str, target: Path) -> None:
    if not entries:
        return
    out = git(repo, "cat-file", "--batch", input=b"".join(f"{blob}\n".encode() for blob, _ in entries))
    position = 0
    for _, rel in entries:
        header_end = out.index(b"\n", position)
        size = int(out[position:header_end].split()[2])
        content = out[header_end + 1 : header_end + 1 + size]
        position = header_end + 1 + size + 1
        parts = PurePosixPath(rel).parts
        if not parts or any(part in ("", ".", "..") for part in parts):
            continue
        path = target.joinpath(*parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
