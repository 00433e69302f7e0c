"""`compare`: two snapshots in, one `Diff` out (pure, deterministic order); journeys and KPIs have their own modules."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from ..gitmaps import Snapshot
from ..model import Maps
from ..problems import Problem
from ..settings import Settings
from .changes import Change, Concern, Diff, _dedupe
from .journeys import _journeys
from .kpis import _kpis


def compare(base: Snapshot, head: Snapshot, settings: Settings | None = None) -> Diff:
    """Every change from `base` to `head`, and the validation problems the change introduces."""
    settings = settings or Settings()
    changes: list[Change] = []
    changes += _journeys(base, head, settings)
    # A shared file that cannot be read on one side is reported as such, not as everything in it removed or added.
    unread = {
        f: "BASE" if f in base.unreadable_files else "HEAD" for f in head.unreadable_files | base.unreadable_files
    }
    for file in ("kpis.yaml", "departments.yaml"):
        if file in unread:
            changes.append(
                Change("file-unreadable", "", f"file:{file}", file, extra={"side": unread[file], "file": file})
            )
    if "kpis.yaml" not in unread:
        changes += _kpis(base.maps, head.maps, settings, home="")
    if "departments.yaml" not in unread:
        changes += _departments(base.maps, head.maps)
    for file in sorted(f for f in unread if f.startswith("personas/")):
        changes.append(Change("file-unreadable", "", f"file:{file}", file, extra={"side": unread[file], "file": file}))
    changes += _personas(base.maps, head.maps, skip={f.removeprefix("personas/").removesuffix(".yaml") for f in unread})
    introduced, resolved = _problem_changes(base, head)
    return Diff(base, head, changes, introduced, resolved)


def _problem_changes(base: Snapshot, head: Snapshot) -> tuple[list[Problem], list[Problem]]:
    def key(problem: Problem) -> tuple[str, str, str]:
        return (problem.file, problem.code, problem.message)

    def minus(left: Iterable[Problem], right: Iterable[Problem]) -> list[Problem]:
        remaining = Counter(key(p) for p in right)
        out = []
        for problem in sorted(left):
            if remaining[key(problem)]:
                remaining[key(problem)] -= 1
            else:
                out.append(problem)
        return out

    if not base.present:  # the maps folder is new: every problem is the change's
        return sorted(head.problems), []
    if not head.present:
        return [], sorted(base.problems)
    return minus(head.problems, base.problems), minus(base.problems, head.problems)


def _departments(old: Maps, new: Maps) -> Iterator[Change]:
    for ident in sorted(set(old.departments) | set(new.departments)):
        was, now = old.departments.get(ident), new.departments.get(ident)
        subject = f"department:{ident}"
        if was is None and now is not None:
            yield Change(
                "department-added", "", subject, now.name, after=now.codeowners, concerns=(Concern(ident, "owns"),)
            )
        elif was is not None and now is None:
            yield Change(
                "department-removed", "", subject, was.name, before=was.codeowners, concerns=(Concern(ident, "owns"),)
            )
        elif was is not None and now is not None:
            if was.name != now.name:
                yield Change(
                    "department-renamed", "", subject, now.name, was.name, now.name, concerns=(Concern(ident, "owns"),)
                )
            if was.codeowners != now.codeowners:
                yield Change("department-codeowners-changed", "", subject, now.name, was.codeowners, now.codeowners,
                             concerns=(Concern(ident, "owns"),))  # fmt: skip
            edited = [f for f in ("description", "contact", "color") if getattr(was, f) != getattr(now, f)]
            if edited:
                yield Change(
                    "department-edited",
                    "",
                    subject,
                    now.name,
                    extra={"fields": edited},
                    concerns=(Concern(ident, "owns"),),
                )


def _personas(old: Maps, new: Maps, skip: set[str]) -> Iterator[Change]:
    def users(maps: Maps, persona: str) -> tuple[Concern, ...]:
        return tuple(_dedupe(Concern(j.owner, "persona-user") for j in maps.journeys.values() if persona in j.persona))

    for ident in sorted((set(old.personas) | set(new.personas)) - skip):
        was, now = old.personas.get(ident), new.personas.get(ident)
        subject = f"persona:{ident}"
        if was is None:
            yield Change("persona-added", "", subject, now.name, concerns=users(new, ident))  # type: ignore[union-attr]
        elif now is None:
            yield Change("persona-removed", "", subject, was.name, concerns=users(old, ident))
        else:
            if was.name != now.name:
                yield Change("persona-renamed", "", subject, now.name, was.name, now.name, concerns=users(new, ident))
            edited = [
                f
                for f in ("summary", "segment", "quote", "goals", "frustrations")
                if getattr(was, f) != getattr(now, f)
            ]
            if edited:
                yield Change(
                    "persona-edited", "", subject, now.name, extra={"fields": edited}, concerns=users(new, ident)
                )
