"""The view model of the site: valid maps plus the derived views that every page needs, computed once.

Templates read the maps through a `Site`: sorted KPIs and pain points, who plays which role where,
what leads to a touchpoint, edit links, the diagrams' SVG and the change history. Nothing here renders
or writes; the history comes in as data (the caller reads git), so rendering never depends on git.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import quote

from markupsafe import Markup

from . import freshness
from .diagrams.curve import low_points
from .diagrams.look import department_colors
from .funnel import Figures, figures
from .handoffs import HandoffIndex
from .load import SourceFile
from .model import Department, Journey, Kpi, Maps, OpportunityRef, PainPoint, TouchpointRef
from .reuse import LinesMemo, Reuse
from .review import Review
from .settings import Settings
from .tobe import Comparison, compare, to_be_journeys
from .vocabulary import (
    HEALTH_ORDER,
    OPPORTUNITY_GROUPS,
    ROLE_LETTER,
    SEVERITIES,
    SEVERITY_RANK,
    STATUS_RANK,
    channel_name,
)

WORST_MOMENTS = 5
"""Low points a journey page opens with (the curve numbers them all)."""


@dataclass(frozen=True)
class Moment:
    """A low point of a journey: its number on the experience curve, the touchpoint and its worst pain point."""

    number: int
    ref: TouchpointRef
    worst: PainPoint | None


JOURNEY_HISTORY = 10
"""Commits listed on a journey page."""


class Change(Protocol):
    """What the pages show of one commit that changed the maps (`history.HistoryEntry` is one)."""

    @property
    def sha(self) -> str: ...
    @property
    def short_sha(self) -> str: ...
    @property
    def author(self) -> str: ...
    @property
    def date(self) -> dt.datetime: ...
    @property
    def subject(self) -> str: ...
    @property
    def summaries(self) -> list[str]: ...
    @property
    def journeys(self) -> list[str]: ...
    @property
    def departments(self) -> list[str]: ...
    @property
    def introduced_errors(self) -> int: ...
    def summaries_for(self, journey_id: str) -> list[str]: ...


@dataclass(frozen=True)
class SiteOptions:
    """What a site tells the page generator besides the maps."""

    templates_dir: Path | None = None
    """A team's own templates; each overrides the packaged template of the same name."""
    edit_base: str | None = None
    """URL prefix to which a map file's path from the repository root is appended to edit it."""
    maps_path: str = "maps"
    """The maps directory as a path from the repository root (for edit links)."""
    home: str = "index.md"
    """Where the generated home page goes ('overview.md' when the team has its own index.md)."""


@dataclass
class Site:
    """Maps plus the derived views every page needs, computed once so that all pages agree."""

    maps: Maps
    settings: Settings
    svgs: dict[str, str]
    options: SiteOptions
    lines: dict[str, int] = field(default_factory=dict)
    """Touchpoint address -> line of its entry in the journey file."""
    previous: dict[str, list[TouchpointRef]] = field(default_factory=dict)
    """Touchpoint address -> touchpoints that lead to it."""
    history: Sequence[Change] = ()
    """Recent commits that changed the maps, newest first (empty where there is no git)."""
    reuse: Reuse = field(default_factory=lambda: Reuse())
    """Inline SVG and Markdown made by the last build (`serve` keeps it), so unchanged texts are not redone."""
    today: dt.date = field(default_factory=freshness.today)
    """The day the pages are built for: a KPI whose figure is older than `stale_after_days` is marked stale."""
    _colors: dict[str, str] | None = None
    _kpi_users: dict[str, list[TouchpointRef]] | None = None
    _history_by_journey: dict[str, list[Change]] | None = None
    reviews: Mapping[str, Review] = field(default_factory=dict)
    """Journey id -> how fresh its map is (`review.reviews`), computed by the caller with today's date."""
    _handoffs: HandoffIndex | None = None
    _opportunities: list[tuple[int, OpportunityRef]] | None = None

    def journey_history(self, journey_id: str) -> list[Change]:
        """The latest ten commits that changed one journey, grouped once for every journey page."""
        if self._history_by_journey is None:
            self._history_by_journey = {}
            for entry in self.history:
                for journey in entry.journeys:
                    self._history_by_journey.setdefault(journey, []).append(entry)
        return self._history_by_journey.get(journey_id, [])[:JOURNEY_HISTORY]

    @property
    def colors(self) -> dict[str, str]:
        """Department id -> colour, the same the diagrams use."""
        if self._colors is None:
            self._colors = department_colors(self.maps)
        return self._colors

    @property
    def handoffs(self) -> HandoffIndex:
        """Every handoff between departments (`handoffs`), indexed once for all pages."""
        if self._handoffs is None:
            self._handoffs = HandoffIndex.of(self.maps)
        return self._handoffs

    def review(self, journey_id: str) -> Review | None:
        """How fresh the journey's map is; None where the caller gave no reviews."""
        return self.reviews.get(journey_id)

    def stale_journeys(self, owner: str | None = None) -> list[Journey]:
        """The stale journeys (of one owning department), longest unreviewed first."""
        stale = [(r.age or 0, j) for j, r in self.reviews.items() if r.stale and j in self.maps.journeys]
        found = [self.maps.journeys[j] for _, j in sorted(stale, key=lambda pair: -pair[0])]
        return [j for j in found if owner is None or j.owner == owner]

    def comparison(self, journey: Journey) -> Comparison | None:
        """A to-be journey compared with its as-is journey (`tobe.compare`); None for an as-is journey."""
        return compare(self.maps, journey)

    def to_be_of(self, journey: Journey) -> list[Journey]:
        """The to-be journeys that redesign this (as-is) journey."""
        return to_be_journeys(self.maps, journey.id)

    def department(self, department_id: str) -> Department | None:
        return self.maps.departments.get(department_id)

    def touchpoints(self) -> list[TouchpointRef]:
        return list(self.maps.touchpoints())

    def status(self, kpi: Kpi) -> str:
        return kpi.status(self.settings.kpi_threshold)

    def kpi(self, kpi_id: str) -> Kpi | None:
        return self.maps.kpis.get(kpi_id)

    def kpis_sorted(self) -> list[Kpi]:
        return sorted(self.maps.kpis.values(), key=lambda k: (STATUS_RANK[self.status(k)], k.name.lower()))

    def kpi_health(self, kpis: list[Kpi] | None = None) -> dict[str, int]:
        counts = Counter(self.status(k) for k in (self.maps.kpis.values() if kpis is None else kpis))
        return {status: counts.get(status, 0) for status in HEALTH_ORDER}

    def is_stale(self, kpi: Kpi) -> bool:
        """Its latest figure is older than `stale_after_days` (the rule `validate` warns about, JM410)."""
        return freshness.is_stale(kpi, self.settings.stale_after_days, self.today)

    def stale_kpis(self, kpis: list[Kpi] | None = None) -> list[Kpi]:
        """The stale KPIs among `kpis` (default: all), oldest figure first."""
        found = [k for k in (self.maps.kpis.values() if kpis is None else kpis) if self.is_stale(k)]
        return sorted(found, key=lambda k: (k.as_of or dt.date.min, k.name.lower()))

    def funnel(self, journey: Journey) -> Figures | None:
        """The journey's funnel worked out (counts, shares, drop-offs), or None where it has none."""
        return figures(journey)

    def drop_offs(self) -> list[Figures]:
        """Every journey's funnel that loses customers somewhere, the largest drop-off first."""
        found = [f for f in map(figures, self.maps.journeys.values()) if f is not None and f.largest]
        return sorted(found, key=lambda f: (-(f.largest.drop or 0.0) if f.largest else 0.0, f.journey.title.lower()))

    def kpi_users(self, kpi_id: str) -> list[TouchpointRef]:
        """The touchpoints that list the KPI, in journey order (indexed once: a scan per KPI per page was quadratic)."""
        if self._kpi_users is None:
            self._kpi_users = {}
            for ref in self.maps.touchpoints():
                for listed in dict.fromkeys(ref.touchpoint.kpis):
                    self._kpi_users.setdefault(listed, []).append(ref)
        return list(self._kpi_users.get(kpi_id, ()))

    def journey_kpis(self, journey: Journey) -> list[Kpi]:
        seen: dict[str, Kpi] = {k.id: k for k in journey.kpis}
        for _, touchpoint in journey.touchpoints():
            for kpi_id in touchpoint.kpis:
                if kpi_id in self.maps.kpis:
                    seen.setdefault(kpi_id, self.maps.kpis[kpi_id])
        return sorted(seen.values(), key=lambda k: (STATUS_RANK[self.status(k)], k.name.lower()))

    def pain_points(self, refs: list[TouchpointRef] | None = None) -> list[tuple[Any, TouchpointRef]]:
        """(pain point, touchpoint) pairs, worst first, then by journey order."""
        found = [(p, ref) for ref in (self.touchpoints() if refs is None else refs) for p in ref.touchpoint.pain_points]
        return sorted(found, key=lambda pair: -SEVERITY_RANK[pair[0].severity])

    def severity_counts(self, refs: list[TouchpointRef] | None = None) -> dict[str, int]:
        counts = Counter(p.severity for p, _ in self.pain_points(refs))
        return {s: counts.get(s, 0) for s in SEVERITIES}

    def journey_refs(self, journey: Journey) -> list[TouchpointRef]:
        return [TouchpointRef(journey, stage, tp) for stage, tp in journey.touchpoints()]

    def persona_journeys(self, persona_id: str) -> list[Journey]:
        return [j for j in self.maps.journeys.values() if persona_id in j.persona]

    def department_journeys(self, department_id: str) -> list[Journey]:
        return [j for j in self.maps.journeys.values() if j.owner == department_id]

    def department_kpis(self, department_id: str) -> list[Kpi]:
        return [k for k in self.kpis_sorted() if k.owner == department_id]

    def involvement(self, department_id: str) -> dict[str, list[TouchpointRef]]:
        return self.maps.involvement(department_id)

    def role_of(self, ref: TouchpointRef, department_id: str) -> str:
        """'A', 'R', 'C', 'I' or '' for a department on a touchpoint."""
        letters = [ROLE_LETTER[role] for role, deps in ref.touchpoint.roles().items() if department_id in deps]
        return "/".join(letters)

    def roles_by_department(self, ref: TouchpointRef) -> dict[str, str]:
        """Department id -> 'A', 'R/C', ... for every department with a role: one pass per matrix row,
        not one per cell (the matrix has a cell per touchpoint and department, hundreds of departments)."""
        letters: dict[str, list[str]] = {}
        for role, deps in ref.touchpoint.roles().items():
            for department_id in dict.fromkeys(deps):
                letters.setdefault(department_id, []).append(ROLE_LETTER[role])
        return {department_id: "/".join(found) for department_id, found in letters.items()}

    def next(self, ref: TouchpointRef) -> list[TouchpointRef]:
        return [target for target, _implied in self.maps.successors(ref)]

    def prev(self, ref: TouchpointRef) -> list[TouchpointRef]:
        return self.previous.get(ref.address, [])

    def worst_moments(self, journey: Journey, limit: int = WORST_MOMENTS) -> list[Moment]:
        """The curve's low points, worst first (lowest score, then worst pain), each with its curve number."""
        refs = {ref.touchpoint.id: ref for ref in self.journey_refs(journey)}
        moments = []
        for number, touchpoint in enumerate(low_points(journey), 1):
            worst = max(touchpoint.pain_points, key=lambda p: SEVERITY_RANK[p.severity], default=None)
            moments.append(Moment(number, refs[touchpoint.id], worst))
        moments.sort(
            key=lambda m: (m.ref.touchpoint.emotion or 0, -SEVERITY_RANK.get(m.worst.severity if m.worst else "", 0))
        )
        return moments[:limit]

    def troubled_kpis(self, kpis: list[Kpi]) -> list[Kpi]:
        """The missed KPIs, then those at risk: what a page that opens with where it hurts lists."""
        return [k for k in kpis if self.status(k) in ("missed", "at-risk")]

    def channel_name(self, channel: str) -> str:
        """The channel as people name it ('Paid social'), the site's own names first."""
        return channel_name(channel, self.settings.channel_names)

    def channels(self) -> dict[str, list[TouchpointRef]]:
        """Channel -> its touchpoints, for every channel in use, in the contract's order."""
        used: dict[str, list[TouchpointRef]] = {}
        for ref in self.maps.touchpoints():
            used.setdefault(ref.touchpoint.channel, []).append(ref)
        order = {c: i for i, c in enumerate(self.settings.channels)}
        return dict(sorted(used.items(), key=lambda item: (order.get(item[0], len(order)), item[0])))

    def opportunities(self) -> list[tuple[int, OpportunityRef]]:
        """(number, opportunity), grouped by status: the numbers the opportunities page and its chart show."""
        if self._opportunities is None:
            self._opportunities = list(enumerate(self.maps.opportunities(), 1))
        return self._opportunities

    def opportunity_groups(self) -> dict[str, list[tuple[int, OpportunityRef]]]:
        """Status -> its numbered opportunities, for every status in `OPPORTUNITY_GROUPS` order (empty ones too)."""
        groups: dict[str, list[tuple[int, OpportunityRef]]] = {status: [] for status in OPPORTUNITY_GROUPS}
        for number, ref in self.opportunities():
            groups[ref.status].append((number, ref))
        return groups

    def opportunity_counts(self, department_id: str | None = None) -> dict[str, int]:
        """Status -> how many (owned by the department, when one is given), in `OPPORTUNITY_GROUPS` order."""
        counts = Counter(r.status for _, r in self.opportunities() if department_id in (None, r.owner))
        return {status: counts.get(status, 0) for status in OPPORTUNITY_GROUPS}

    def group_owners(self, numbered: list[tuple[int, OpportunityRef]]) -> list[tuple[str, int]]:
        """(department id, how many) of some opportunities, the most first, then in listing order."""
        order = list(self.maps.departments)
        counts = Counter(ref.owner for _, ref in numbered)
        rank = {d: order.index(d) if d in order else len(order) for d in counts}
        return sorted(counts.items(), key=lambda item: (-item[1], rank[item[0]], item[0]))

    def department_opportunities(self, department_id: str) -> list[tuple[int, OpportunityRef]]:
        """The numbered opportunities a department owns (its own `owner`, or the touchpoint's)."""
        return [(n, r) for n, r in self.opportunities() if r.owner == department_id]

    def edit_url(self, source: str, line: int | None = None) -> str | None:
        if not self.options.edit_base:
            return None
        path = posixpath.join(self.options.maps_path, source) if self.options.maps_path not in ("", ".") else source
        # Folder and file names are data: percent-encoded, so the theme may print the address raw in an attribute.
        return f"{self.options.edit_base}{quote(path, safe='/')}" + (f"#L{line}" if line else "")

    def svg(self, name: str) -> Markup:
        return self.reuse.svg(self.svgs.get(name) or "")

    def has_svg(self, name: str) -> bool:
        return bool(self.svgs.get(name))


def touchpoint_lines(
    maps_dir: Path | None,
    journey: Journey,
    settings: Settings,
    kept: LinesMemo | None = None,
    used: LinesMemo | None = None,
) -> dict[str, int]:
    """Touchpoint address -> the line of its `id` in the journey file (for edit links), located as the loader does.

    `kept` holds what the last build found, by the file's text and the journey's touchpoints (`Reuse.lines`);
    what this one finds goes into `used`.
    """
    if maps_dir is None or not journey.source:
        return {}
    try:
        text = (maps_dir / journey.source).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return {}
    if kept is None or used is None:
        return lines_in(text, journey, settings)
    shape = "\n".join(f"{journey.id}/{t.id}" if t else "" for s in journey.stages for t in [None, *s.touchpoints])
    key = (journey.source, text, settings.limits.max_depth, shape)
    found = kept.get(key)
    used[key] = found = lines_in(text, journey, settings) if found is None else found
    return dict(found)


def lines_in(text: str, journey: Journey, settings: Settings) -> dict[str, int]:
    """`touchpoint_lines` of the journey file's text."""
    source = SourceFile(journey.source, journey.source, "journey", text, max_depth=settings.limits.max_depth)
    if not source.located().values:  # not readable with positions: no line anchors rather than wrong ones
        return {}
    lines: dict[str, int] = {}
    for s, stage in enumerate(journey.stages):
        for t, touchpoint in enumerate(stage.touchpoints):
            lines[f"{journey.id}/{touchpoint.id}"] = source.position(("stages", s, "touchpoints", t, "id"))[0]
    return lines
