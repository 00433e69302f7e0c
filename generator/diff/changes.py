"""What a comparison yields: each `Change` with the departments it `Concern`s, and the whole `Diff`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..gitmaps import Snapshot
from ..model import Department
from ..problems import Problem, Severity

MARKER = "<!-- journeymaps-diff -->"
"""First line of the Markdown, so that a workflow can find and update its own comment."""


MAX_MARKDOWN = 60_000
"""GitHub refuses comments over 65,536 characters; longer reports are cut with a note."""


@dataclass(frozen=True)
class Concern:
    """A department that should approve a change, and why: its role in it."""

    department: str
    role: str
    """owner-gained, owner-lost, <role>-gained, <role>-lost (role: responsible, consulted, informed),
    owns (it owns the journey, touchpoint, KPI or department entry that changed), journey-owner
    (it owns the journey where a touchpoint was added, removed or moved), touchpoints (it owns
    touchpoints in a journey added or removed), or persona-user (it owns a journey for a persona
    that changed)."""


@dataclass(frozen=True)
class Change:
    kind: str
    """A stable name such as `touchpoint-owner-changed`; the list is in docs/pull-requests.md."""
    journey: str
    """The journey id it belongs to; '' for shared KPIs, departments and personas."""
    subject: str
    """What changed: `journey`, `stage:<id>`, `touchpoint:<id>`, `kpi:<id>`, `department:<id>`, `persona:<id>`."""
    name: str = ""
    """The subject's name or title (as in HEAD, or in BASE where it was removed)."""
    before: Any = None
    after: Any = None
    extra: dict[str, Any] = field(default_factory=dict)
    """Kind-specific facts: stage names, KPI status before and after, pain-point severity, edited fields."""
    concerns: tuple[Concern, ...] = ()


@dataclass(frozen=True)
class Diff:
    base: Snapshot
    head: Snapshot
    changes: list[Change]
    introduced: list[Problem]
    """Validation problems in HEAD that BASE did not have (same file, code and message; lines ignored)."""
    resolved: list[Problem]

    @property
    def introduced_errors(self) -> list[Problem]:
        return [p for p in self.introduced if p.severity is Severity.ERROR]

    def department_name(self, ident: str) -> str:
        department = self.head.maps.departments.get(ident) or self.base.maps.departments.get(ident)
        return department.name if department else ident

    def department(self, ident: str) -> Department | None:
        return self.head.maps.departments.get(ident) or self.base.maps.departments.get(ident)

    def approvals(self) -> list[tuple[str, list[tuple[Change, Concern]]]]:
        """Departments concerned, sorted by name, each with its (change, concern) pairs in change order."""
        found: dict[str, list[tuple[Change, Concern]]] = {}
        for change in self.changes:
            for concern in change.concerns:
                found.setdefault(concern.department, []).append((change, concern))
        order = sorted(found, key=lambda d: (self.department_name(d).casefold(), d))
        return [(d, found[d]) for d in order]

    def journeys(self) -> list[str]:
        """Journey ids with changes, sorted; '' (outside journeys) last."""
        ids = {c.journey for c in self.changes}
        return sorted(ids - {""}) + ([""] if "" in ids else [])

    def journey_title(self, ident: str) -> str:
        journey = self.head.maps.journeys.get(ident) or self.base.maps.journeys.get(ident)
        return journey.title if journey else ident


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _dedupe(concerns: Iterable[Concern]) -> tuple[Concern, ...]:
    seen: dict[str, Concern] = {}
    for concern in concerns:
        seen.setdefault(concern.department, concern)
    return tuple(seen.values())
