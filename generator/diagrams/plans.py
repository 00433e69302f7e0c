"""`serve`: a journey's planned diagrams kept from one rebuild to the next, under a key of everything planning reads.

Planning every diagram costs about 1 s of a rebuild at 1,000 touchpoints (issue 15), and an edit reaches few
journeys. A journey's diagrams (flow, blueprint, curve and, for a to-be journey, its comparison) read:

- the journey itself (its id and file are pickled with it);
- the journeys its touchpoints lead to and the journeys leading into it (their cards, the handoffs marked
  between them: who owns the touchpoint at either end) and, for a to-be journey, the as-is journey it compares to;
- the departments (names, colours, order), the KPIs (their status), the KPI threshold and the channel names.

The key is a hash of exactly those, so a reused plan equals a fresh one (tests/test_serve_rebuilds.py). A value
that cannot be fingerprinted leaves the journey unkeyed: planned again, never reused wrongly.

A department map reads every journey, so it is put together on every rebuild, but from one part per journey it
involves (the journey's grid of cards and its line of the description), and a part reads only the department,
the journey, the departments (names, colours) and the channel names: kept under those. The value/effort chart is
always planned (a few milliseconds).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from ..fingerprint import fingerprint
from ..model import Journey, Maps

if TYPE_CHECKING:
    from . import Diagram


GridPart = tuple[str, str] | None
"""A department map's part for one journey: (the grid's label, the description's sentence); None: not involved."""


class Plans:
    """Journeys' diagrams and department maps' parts by key: the last finished planning's, and the one under way."""

    def __init__(self) -> None:
        self.previous: dict[str, list[Diagram]] = {}
        self.current: dict[str, list[Diagram]] = {}
        self.parts: dict[tuple[str, str, str], GridPart] = {}
        self.new_parts: dict[tuple[str, str, str], GridPart] = {}

    def start(self) -> None:
        """A planning begins: what the last complete one made stays readable until it ends."""
        self.current, self.new_parts = {}, {}

    def finish(self) -> None:
        """A planning went through every diagram: only its plans are kept (never more than one site's)."""
        self.previous, self.current = self.current, {}
        self.parts, self.new_parts = self.new_parts, {}

    def get(self, key: str | None) -> list[Diagram] | None:
        return None if key is None else self.previous.get(key)

    def put(self, key: str | None, planned: list[Diagram]) -> None:
        if key is not None:
            self.current[key] = planned


class JourneyKeys:
    """The keys of one planning's journeys; each journey fingerprinted once."""

    def __init__(self, maps: Maps, kpi_threshold: float, channel_names: Mapping[str, str] | None) -> None:
        self.maps = maps
        self.prints: dict[str, str | None] = {}
        channels = dict(channel_names) if channel_names is not None else None
        self.common = fingerprint(maps.departments, maps.kpis, kpi_threshold, channels)
        self.grid_common = fingerprint(maps.departments, channels)

    def _print(self, journey_id: str) -> str | None:
        if journey_id not in self.prints:
            journey = self.maps.journeys.get(journey_id)
            self.prints[journey_id] = "absent" if journey is None else fingerprint(journey.id, journey.source, journey)
        return self.prints[journey_id]

    def key(self, journey: Journey) -> str | None:
        """A hash of what planning the journey's diagrams reads, or None (plan it again)."""
        related: set[str] = set()
        for _, touchpoint in journey.touchpoints():
            for target in touchpoint.leads_to:
                related.add(self.maps.resolve_leads_to(journey, target).partition("/")[0])
        related |= {ref.journey.id for ref, _ in self.maps.leads_into(journey.id)}
        if journey.compares_to:
            related.add(journey.compares_to)
        related.discard(journey.id)
        prints = [self.common, self._print(journey.id), *(self._print(j) for j in sorted(related))]
        if any(p is None for p in prints):
            return None
        return fingerprint(journey.id, sorted(related), prints)

    def part_key(self, department_id: str, journey: Journey) -> tuple[str, str, str] | None:
        """The key of a department map's part for the journey, or None (make it again)."""
        journey_print = self._print(journey.id)
        if self.grid_common is None or journey_print is None:
            return None
        return (self.grid_common, department_id, journey_print)


class Parts:
    """One planning's department-map parts: taken from the last planning by key, else made and kept."""

    def __init__(self, kept: Plans, keys: JourneyKeys) -> None:
        self.kept, self.keys = kept, keys

    def get(self, department_id: str, journey: Journey, make: Callable[[], GridPart]) -> GridPart:
        key = self.keys.part_key(department_id, journey)
        if key is not None and key in self.kept.parts:
            part = self.kept.parts[key]
        else:
            part = make()
        if key is not None:
            self.kept.new_parts[key] = part
        return part
