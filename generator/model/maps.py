"""Everything under one maps directory after loading, and the file kind -> model table the loader uses."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..vocabulary import OPPORTUNITY_GROUPS, ROLES
from .departments import Department, DepartmentsFile
from .fields import _Strict
from .journeys import Journey, Stage, Touchpoint
from .kpis import Kpi, KpisFile
from .opportunities import Opportunity
from .personas import Persona

FILE_MODELS: dict[str, type[_Strict]] = {
    "departments": DepartmentsFile,
    "persona": Persona,
    "journey": Journey,
    "kpis": KpisFile,
}


@dataclass(frozen=True)
class TouchpointRef:
    """A touchpoint with the journey and stage it stands in."""

    journey: Journey
    stage: Stage
    touchpoint: Touchpoint

    @property
    def address(self) -> str:
        """`<journey-id>/<touchpoint-id>`, as `leads_to` and the site's URLs use it."""
        return f"{self.journey.id}/{self.touchpoint.id}"

    def opportunities(self) -> list[OpportunityRef]:
        """Its opportunities in the order written, each with the owner it falls to."""
        items = self.touchpoint.opportunity_items()
        return [OpportunityRef(self, opportunity, position) for position, opportunity in enumerate(items, 1)]


@dataclass(frozen=True)
class OpportunityRef:
    """An opportunity where it stands: its touchpoint (and so its journey), and the department it falls to."""

    where: TouchpointRef
    opportunity: Opportunity
    position: int
    """1-based, among its touchpoint's opportunities (an anchor on the touchpoint page)."""

    @property
    def owner(self) -> str:
        """Its own `owner`, else the touchpoint's owner."""
        return self.opportunity.owner or self.where.touchpoint.owner

    @property
    def status(self) -> str:
        return self.opportunity.status

    @property
    def plain(self) -> bool:
        """Written as a plain text (version 1): an idea of the touchpoint's owner, with nothing else to show."""
        return isinstance(self.where.touchpoint.opportunities[self.position - 1], str)

    @property
    def anchor(self) -> str:
        """The id of its entry on the touchpoint page: 'opportunity-2'."""
        return f"opportunity-{self.position}"


@dataclass(frozen=True)
class Maps:
    """Everything under one maps directory, after loading: the input of every later stage."""

    departments: dict[str, Department] = field(default_factory=dict)
    personas: dict[str, Persona] = field(default_factory=dict)
    journeys: dict[str, Journey] = field(default_factory=dict)
    kpis: dict[str, Kpi] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    """File kind or id -> path relative to the maps directory (departments, kpis)."""
    invalid: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)
    """Touchpoints left out of a journey because a required field is invalid (its problem is reported):
    `<journey-id>/<touchpoint-id>` -> (stage id, fields as written), so that `diff` can say what changed."""

    def touchpoints(self) -> Iterator[TouchpointRef]:
        for journey in self.journeys.values():
            for stage, touchpoint in journey.touchpoints():
                yield TouchpointRef(journey, stage, touchpoint)

    def opportunities(self) -> list[OpportunityRef]:
        """Every opportunity, grouped by status (`OPPORTUNITY_GROUPS`), in journey order within a status: the order
        of every list of them and the numbers of the value/effort chart."""
        found = [opportunity for ref in self.touchpoints() for opportunity in ref.opportunities()]
        return sorted(found, key=lambda o: OPPORTUNITY_GROUPS.index(o.opportunity.status))

    def touchpoint(self, address: str) -> TouchpointRef | None:
        """Look up `<journey-id>/<touchpoint-id>` (the first touchpoint of that id in the journey)."""
        journey_id, _, touchpoint_id = address.partition("/")
        return self._by_address.get(f"{journey_id}/{touchpoint_id}")

    @cached_property
    def _by_address(self) -> dict[str, TouchpointRef]:
        """Every touchpoint by address, found once: a walk of its journey per look-up cost 0.15 s in `validate`
        at 10,000 touchpoints. Built on first use, when the maps are assembled (as `_leads_in`)."""
        found: dict[str, TouchpointRef] = {}
        for journey_id, journey in self.journeys.items():
            for stage, touchpoint in journey.touchpoints():
                found.setdefault(f"{journey_id}/{touchpoint.id}", TouchpointRef(journey, stage, touchpoint))
        return found

    def involvement(self, department_id: str) -> dict[str, list[TouchpointRef]]:
        """Every touchpoint where the department is owner, responsible, consulted or informed, by role."""
        found: dict[str, list[TouchpointRef]] = {role: [] for role in ROLES}
        for ref in self.touchpoints():
            for role, departments in ref.touchpoint.roles().items():
                if department_id in departments:
                    found[role].append(ref)
        return found

    def successors(self, ref: TouchpointRef) -> list[tuple[TouchpointRef, bool]]:
        """What a touchpoint leads to, with True for implied: its `leads_to`, or else the first touchpoint of
        the next stage that has one. The diagrams, the pages and the reachability warning all follow this."""
        if ref.touchpoint.leads_to:
            found = (self.touchpoint(self.resolve_leads_to(ref.journey, t)) for t in ref.touchpoint.leads_to)
            return [(r, False) for r in found if r is not None]
        stages = ref.journey.stages
        later = stages[next(i for i, s in enumerate(stages) if s is ref.stage) + 1 :]
        following = next((stage for stage in later if stage.touchpoints), None)
        return [(TouchpointRef(ref.journey, following, following.touchpoints[0]), True)] if following else []

    def leads_into(self, journey_id: str) -> list[tuple[TouchpointRef, str]]:
        """(touchpoint of another journey, touchpoint id in this one) for every `leads_to` entering the journey."""
        return self._leads_in.get(journey_id, [])

    @cached_property
    def _leads_in(self) -> dict[str, list[tuple[TouchpointRef, str]]]:
        found: dict[str, list[tuple[TouchpointRef, str]]] = {}
        for ref in self.touchpoints():
            for target in ref.touchpoint.leads_to:
                if ref.journey.local_target(target) is None:
                    journey_id, _, touchpoint_id = target.partition("/")
                    found.setdefault(journey_id, []).append((ref, touchpoint_id))
        return found

    def resolve_leads_to(self, journey: Journey, target: str) -> str:
        """A `leads_to` entry as a full `<journey-id>/<touchpoint-id>` address."""
        return target if "/" in target else f"{journey.id}/{target}"
