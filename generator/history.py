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
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import diff, gitmaps
from .escape import printable
from .gitmaps import GitError, Snapshot
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
