"""The change history of the maps from the git log: who changed what, when, summarised as `diff` does.

`recent_changes` walks the commits that touched the maps folder, newest first, and compares each
with its first parent through `diff.compare`; `for_site` is what the site shows (the pages pick each
journey's own entries from it). Both return an empty list, quietly, where git is missing or the
folder is not in a repository, so that the site can offer a "Recent changes" page and per-journey
history only where there is a log.
Commits are hostile too: a commit whose date cannot be read (the year 10000) or whose maps pass a
bound of `Limits` is left out, and names and subjects are made printable, so no commit stops a build.
Rendering is the site's business.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import diff, gitmaps
from .escape import printable
from .gitmaps import GitError, Snapshot
from .review import FileDates
from .settings import Settings
from .text import plural

DEFAULT_LIMIT = 30
"""Commits read for the site's history (the plugin's `history` option; `generate` uses it as it is)."""


@dataclass(frozen=True)
class HistoryEntry:
    """One commit that changed the maps. Author, subject and summaries are plain text, to be escaped for
    the page; author and subject hold no control characters (shown as `\\uXXXX`) and are cut at 200 characters."""

    sha: str
    author: str
    date: dt.datetime
    """The author date, with its time zone."""
    subject: str
    summaries: list[str]
    """One plain sentence per change, worded for readers (`diff.READER`: names, no ids or team handles);
    many additions or removals of one kind (the first commit's departments) read as one sentence."""
    journeys: list[str]
    """Ids of the journeys it changed, sorted."""
    departments: list[str]
    """Ids of the departments its changes concern, sorted by name."""
    introduced_errors: int
    """Validation errors the commit introduced (0 for a healthy commit)."""
    initial: bool
    """The commit added the maps folder (or is the first commit)."""
    diff: diff.Diff = field(compare=False, repr=False)
    """The full comparison, for renderers that want more than the summaries."""

    @property
    def short_sha(self) -> str:
        return self.sha[:7]

    def summaries_for(self, journey_id: str) -> list[str]:
        """The summaries of the changes to one journey."""
        return [diff.summary(c, self.diff, diff.READER) for c in self.diff.changes if c.journey == journey_id]


def locate(maps_dir: Path) -> tuple[Path, str] | None:
    """The repository root and the maps folder relative to it, or None where there is no git repository."""
    try:
        root = gitmaps.repo_root(maps_dir.resolve())
        rel = maps_dir.resolve().relative_to(root.resolve()).as_posix()
    except (GitError, OSError, ValueError):
        return None
    return root, rel


def recent_changes(
    repo_root: Path, maps_rel: str = "maps", limit: int = DEFAULT_LIMIT, settings: Settings | None = None
) -> list[HistoryEntry]:
    """The last `limit` commits that changed the maps folder, newest first; [] without git."""
    if limit <= 0:
        return []
    try:
        root = gitmaps.repo_root(Path(repo_root))
        maps_rel = gitmaps.maps_path(root, maps_rel)
        log = gitmaps.git(root, "log", f"--max-count={limit}", "-z", _LOG_FORMAT, "--", maps_rel)
    except GitError:
        return []
    cache: dict[str, Snapshot] = {}

    def snapshot(commit: str) -> Snapshot:
        tree = gitmaps.tree_id(root, commit, maps_rel)
        if tree is None:
            return Snapshot(commit[:7], present=False, commit=commit, root=maps_rel)
        if tree not in cache:
            cache[tree] = gitmaps.read_revision(root, commit, maps_rel, settings, label=commit[:7])
        return cache[tree]

    entries = []
    for sha, parents, date_text, author, subject in _commits(log):
        date = _date(date_text)
        if date is None:  # a date Python cannot hold (the year 10000) or git could not read: not shown
            continue
        try:
            head = snapshot(sha)
            parent = parents.split()[0] if parents.split() else ""
            base = snapshot(parent) if parent else Snapshot("(none)", present=False, root=maps_rel)
        except GitError:
            continue
        result = diff.compare(base, head, settings)
        if not result.changes and not result.introduced_errors:
            continue  # it touched the folder but not the maps as readers see them (a comment, a reformat)
        entries.append(HistoryEntry(
            sha=sha, author=author, date=date, subject=subject,
            summaries=reader_summaries(result),
            journeys=[j for j in result.journeys() if j],
            departments=[d for d, _ in result.approvals()],
            introduced_errors=len(result.introduced_errors),
            initial=not base.present, diff=result,
        ))  # fmt: skip
    return entries


GROUPED = {
    "department-added": ("department", "added"), "department-removed": ("department", "removed"),
    "persona-added": ("persona", "added"), "persona-removed": ("persona", "removed"),
    "kpi-added": ("KPI", "added"), "kpi-removed": ("KPI", "removed"),
}  # fmt: skip
"""Kinds that read as one sentence when a commit has more than `GROUP_OVER` of them."""
GROUP_OVER = 3


def reader_summaries(result: diff.Diff) -> list[str]:
    """One sentence per change in names (`diff.READER`); '11 departments added: Billing, ...' for many alike."""
    counts: dict[str, int] = {}
    for change in result.changes:
        counts[change.kind] = counts.get(change.kind, 0) + 1
    lines: list[str] = []
    grouped: dict[str, tuple[int, list[str]]] = {}  # kind -> (its line, where the first of them was; names)
    for change in result.changes:
        if change.kind in GROUPED and counts[change.kind] > GROUP_OVER:
            if change.kind not in grouped:
                grouped[change.kind] = (len(lines), [])
                lines.append("")
            grouped[change.kind][1].append(change.name)
        else:
            lines.append(diff.summary(change, result, diff.READER))
    for kind, (at, names) in grouped.items():
        word, done = GROUPED[kind]
        lines[at] = f"{plural(len(names), word)} {done}: {', '.join(map(diff.READER.name, names))}"
    return lines


_FIELD_WIDTH = 200
"""Characters of an author name or a subject kept from the log (git cuts them: a subject can be megabytes)."""
_LOG_FORMAT = f"--format=%H%x00%P%x00%aI%x00%<({_FIELD_WIDTH},trunc)%an%x00%<({_FIELD_WIDTH},trunc)%s"
"""Fields end with NUL, which git cannot print inside a name or a subject (control characters it can)."""
_SHA = re.compile(r"[0-9a-f]{40}([0-9a-f]{24})?")


def _commits(log: bytes) -> Iterator[tuple[str, str, str, str, str]]:
    """(sha, parents, date, author, subject) of each commit of `_LOG_FORMAT`; author and subject printable."""
    fields = log.decode("utf-8", "replace").split("\0")
    for at in range(0, len(fields) - 4, 5):
        sha, parents, date, author, subject = fields[at : at + 5]
        sha = sha.strip("\n")
        if not _SHA.fullmatch(sha):  # out of step: stop rather than misread the rest
            return
        yield sha, parents, date, printable(author.rstrip(" ")), printable(subject.rstrip(" "))


def _date(text: str) -> dt.datetime | None:
    """The author date, or None where it cannot be read (Python's dates end with the year 9999)."""
    try:
        return dt.datetime.fromisoformat(text.strip())
    except (ValueError, OverflowError):
        return None


def for_site(maps_dir: Path, limit: int = DEFAULT_LIMIT, settings: Settings | None = None) -> list[HistoryEntry]:
    """What the site shows: the last `limit` changes of the maps where they live in git, else nothing."""
    located = locate(maps_dir) if limit > 0 else None
    return recent_changes(*located, limit=limit, settings=settings) if located else []


def file_dates(maps_dir: Path) -> FileDates:
    """When each file of the maps folder last changed in git (`review`): the last commit's date, or uncommitted.

    Empty outside a git repository or without git. Paths come back relative to the maps folder, as the
    loader names files; git is given the folder as a literal pathspec and prints names NUL-separated, so no
    file or folder name is read as anything but a name. The log is read only until every tracked file is
    dated: an old repository's full history is not walked for a folder whose files all changed last week.
    """
    located = locate(maps_dir)
    if located is None:
        return FileDates()
    root, rel = located
    spec = f":(literal){rel}" if rel != "." else "."
    prefix = "" if rel == "." else rel + "/"
    try:
        listed = gitmaps.git(root, "ls-files", "-z", "--", spec)
        status = gitmaps.git(root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", spec)
    except GitError:
        return FileDates()
    tracked = {path for name in listed.split(b"\0") if name and (path := _under(prefix, name)) is not None}
    committed = _last_commits(root, spec, prefix, tracked)
    return FileDates(committed, frozenset(n for n in _status_paths(status, prefix) if n is not None))


def _under(prefix: str, name: bytes) -> str | None:
    """A path git printed (relative to the repository root) as relative to the maps folder; None outside it."""
    text = os.fsdecode(name)
    return text[len(prefix) :] if text.startswith(prefix) else None


def _status_paths(status: bytes, prefix: str) -> Iterator[str | None]:
    """The paths of `git status --porcelain=v1 -z`: 'XY path', a rename's or copy's source path after it."""
    entries = iter(status.split(b"\0"))
    for entry in entries:
        if len(entry) > 3:
            yield _under(prefix, entry[3:])
            if entry[:1] in (b"R", b"C"):
                next(entries, None)  # the source path of a rename: it no longer exists


_LOG_TIMEOUT = 120.0
"""Seconds the log of the maps folder may take to read; what was read by then is used."""


def _last_commits(root: Path, spec: str, prefix: str, wanted: set[str]) -> dict[str, dt.date]:
    """The UTC date of the newest commit that changed each wanted file, reading the log only as far as needed."""
    found: dict[str, dt.date] = {}
    if not wanted:
        return found
    command = ["git", "-C", str(root), "log", "-z", "--no-merges", "--format=%x00%cI", "--name-only", "--", spec]
    try:
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env={**os.environ, **gitmaps.GIT_ENV}
        )
    except OSError:
        return found
    timer = threading.Timer(_LOG_TIMEOUT, process.kill)  # a git that hangs must not hang the build
    timer.start()
    with process:  # closes the pipe and waits for git, which is stopped once every file is dated
        stream = process.stdout
        assert stream is not None
        try:
            for date, names in log_entries(iter(lambda: stream.read(1 << 16), b"")):
                for name in names:
                    path = _under(prefix, name)
                    if path is not None and path not in found:
                        found[path] = date
                if not wanted - found.keys():
                    break
        finally:
            timer.cancel()
            process.kill()
    return found


def log_entries(chunks: Iterator[bytes]) -> Iterator[tuple[dt.date, list[bytes]]]:
    """(date, file names) per commit of `git log -z --format=%x00%cI --name-only`.

    Each commit is an empty field, its date, then its names, the first after a line break; names are
    never empty, so the empty field marks a commit unambiguously, whatever the names hold.
    """
    pending = b""
    fields: list[bytes] = []
    for chunk in chunks:
        pending += chunk
        *complete, pending = pending.split(b"\0")
        fields.extend(complete)
        starts = [i for i, value in enumerate(fields) if value == b""]
        for start, end in itertools.pairwise(starts):
            yield from _entry(fields[start + 1 : end])
        if starts:
            fields = fields[starts[-1] :]
    if pending:
        fields.append(pending)
    yield from _entry(fields[1:] if fields[:1] == [b""] else [])


def _entry(fields: list[bytes]) -> Iterator[tuple[dt.date, list[bytes]]]:
    if not fields:
        return
    stamp = _date(fields[0].decode("ascii", "replace"))
    if stamp is None:  # a date Python cannot hold: the commit tells nothing usable
        return
    names = [fields[1].removeprefix(b"\n"), *fields[2:]] if len(fields) > 1 else []
    yield stamp.astimezone(dt.UTC).date(), [name for name in names if name]
