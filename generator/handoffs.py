"""Handoffs: where a journey passes from one department to another, computed from `leads_to` (contract, "Handoffs").

A handoff is an explicit `leads_to` entry from a touchpoint owned by one department to a touchpoint
owned by another, in the same journey or in another one (`<journey-id>/<touchpoint-id>`). The step
to the next stage that the diagrams imply where a touchpoint has no `leads_to` is not a handoff: nobody
wrote it down, so nobody can be asked to own it. The same entry written twice counts once.

One computation for everyone: the journey page counts them, the department pages list them in and
out (today's, from as-is journeys; those of to-be journeys are counted apart as planned), the blueprint
marks them, and the rule that warns about a journey whose owner owns none of its
touchpoints lives beside them (`owner_owns_nothing`). Pure: maps in, values out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from .model import Journey, Maps, TouchpointRef


@dataclass(frozen=True)
class Handoff:
    """One `leads_to` that crosses from the source touchpoint's owner to the target touchpoint's owner."""

    source: TouchpointRef
    """The touchpoint that hands over (its journey is the handoff's journey)."""
    target: TouchpointRef
    """The touchpoint that receives, in the same journey or another one."""

    @property
    def from_department(self) -> str:
        """The department id that hands over: the source touchpoint's owner."""
        return self.source.touchpoint.owner

    @property
    def to_department(self) -> str:
        """The department id that receives: the target touchpoint's owner."""
        return self.target.touchpoint.owner

    @property
    def across_journeys(self) -> bool:
        """True when the target stands in another journey than the source."""
        return self.source.journey.id != self.target.journey.id

    @property
    def planned(self) -> bool:
        """True in a to-be journey: a handoff being designed, not one customers live today."""
        return self.source.journey.state == "to-be"

    @property
    def key(self) -> tuple[str, str]:
        """(source address, target address): what identifies a handoff, e.g. for a diagram's edge."""
        return self.source.address, self.target.address


def handoffs(maps: Maps) -> list[Handoff]:
    """Every handoff of the maps, in journey order, then touchpoint order, then `leads_to` order."""
    return [h for journey in maps.journeys.values() for h in journey_handoffs(maps, journey)]


def journey_handoffs(maps: Maps, journey: Journey) -> list[Handoff]:
    """The handoffs out of one journey's touchpoints (those into another journey included), in journey order."""
    return list(_from_journey(maps, journey))


def _from_journey(maps: Maps, journey: Journey) -> Iterator[Handoff]:
    for stage, touchpoint in journey.touchpoints():
        source = TouchpointRef(journey, stage, touchpoint)
        seen: set[str] = set()
        for entry in touchpoint.leads_to:
            address = maps.resolve_leads_to(journey, entry)
            target = maps.touchpoint(address) if address not in seen else None
            seen.add(address)
            if target is not None and target.touchpoint.owner != touchpoint.owner:
                yield Handoff(source, target)


@dataclass(frozen=True)
class HandoffIndex:
    """Every handoff, indexed once for the pages: by journey, and out of and into each department."""

    all: tuple[Handoff, ...]

    @classmethod
    def of(cls, maps: Maps) -> HandoffIndex:
        return cls(tuple(handoffs(maps)))

    @cached_property
    def _by_journey(self) -> dict[str, list[Handoff]]:
        found: dict[str, list[Handoff]] = {}
        for handoff in self.all:
            found.setdefault(handoff.source.journey.id, []).append(handoff)
        return found

    def journey(self, journey_id: str) -> list[Handoff]:
        """The handoffs out of the journey's touchpoints, in journey order."""
        return list(self._by_journey.get(journey_id, ()))

    @cached_property
    def _into_journey(self) -> dict[str, list[Handoff]]:
        found: dict[str, list[Handoff]] = {}
        for handoff in self.all:
            if handoff.across_journeys:
                found.setdefault(handoff.target.journey.id, []).append(handoff)
        return found

    @cached_property
    def _by_department(self) -> dict[tuple[str, str, bool], list[Handoff]]:
        """('out' or 'in', department id, planned) -> handoffs, in the order of `all`: one pass, not one per page."""
        found: dict[tuple[str, str, bool], list[Handoff]] = {}
        for handoff in self.all:
            found.setdefault(("out", handoff.from_department, handoff.planned), []).append(handoff)
            found.setdefault(("in", handoff.to_department, handoff.planned), []).append(handoff)
        return found

    def into_journey(self, journey_id: str) -> list[Handoff]:
        """Handoffs from another journey's touchpoints into this one's."""
        return list(self._into_journey.get(journey_id, ()))

    def out_of(self, department_id: str, *, planned: bool = False) -> list[Handoff]:
        """What the department hands over: from a touchpoint it owns to another department's. Today's only
        (as-is journeys), or with `planned` only those of to-be journeys, which customers do not live yet."""
        return list(self._by_department.get(("out", department_id, planned), ()))

    def into(self, department_id: str, *, planned: bool = False) -> list[Handoff]:
        """What the department receives: from another department's touchpoint to one it owns (as `out_of`)."""
        return list(self._by_department.get(("in", department_id, planned), ()))

    def senders(self, department_id: str) -> list[tuple[str, int]]:
        """(department id, handoffs) of every department that hands over to this one today, most first."""
        return Counter(h.from_department for h in self.into(department_id)).most_common()

    def receivers(self, department_id: str) -> list[tuple[str, int]]:
        """(department id, handoffs) of every department this one hands over to today, most first."""
        return Counter(h.to_department for h in self.out_of(department_id)).most_common()

    def marked(self, journey_id: str) -> frozenset[tuple[str, str]]:
        """(source address, target address) of the journey's handoffs: the edges a diagram marks."""
        return frozenset(h.key for h in self._by_journey.get(journey_id, ()))


def owner_owns_nothing(journey: Journey) -> bool:
    """True when the journey has touchpoints and its accountable owner owns none of them (a warning)."""
    owners = {touchpoint.owner for _, touchpoint in journey.touchpoints()}
    return bool(owners) and journey.owner not in owners
