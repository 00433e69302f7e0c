"""A journey file (`journeys/<id>.yaml`): its stages, touchpoints and pain points."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from pydantic import BeforeValidator, Field

from ..vocabulary import JourneyState, SeverityName, worst_severity
from .fields import Channel, Date, Emotion, Id, IdList, Markdown, Text, _FromFile, _one_or_many, _Strict
from .funnel import Funnel
from .kpis import Kpi
from .opportunities import Opportunity, OpportunityEntry, as_opportunity


class PainPoint(_Strict):
    text: Markdown
    severity: SeverityName


class Touchpoint(_Strict):
    id: Id
    name: Text
    channel: Channel
    owner: Id
    responsible: IdList = []
    consulted: IdList = []
    informed: IdList = []
    description: Markdown | None = None
    emotion: Emotion | None = None
    systems: list[Text] = []
    pain_points: list[PainPoint] = []
    opportunities: list[OpportunityEntry] = []
    kpis: IdList = []
    leads_to: list[Annotated[str, Field(description="a touchpoint id, or <journey-id>/<touchpoint-id>")]] = []

    def roles(self) -> dict[str, list[str]]:
        """Departments by role: A(ccountable owner), R, C, I, in the order written."""
        return {
            "owner": [self.owner],
            "responsible": self.responsible,
            "consulted": self.consulted,
            "informed": self.informed,
        }

    def opportunity_items(self) -> list[Opportunity]:
        """Every opportunity as an object, plain texts included, in the order written."""
        return [as_opportunity(entry) for entry in self.opportunities]

    @property
    def worst_severity(self) -> str | None:
        return worst_severity([p.severity for p in self.pain_points])


class Stage(_Strict):
    id: Id
    name: Text
    goal: Markdown | None = None
    emotion: Emotion | None = None
    touchpoints: list[Touchpoint] = []


class Journey(_FromFile):
    title: Text
    persona: Annotated[
        IdList,
        BeforeValidator(_one_or_many, json_schema_input_type=Id | IdList),
        Field(min_length=1, description="a persona id, or a list of them"),
    ]
    owner: Id
    summary: Markdown | None = None
    tags: list[Id] = []
    state: Annotated[JourneyState, Field(description="as-is (default): today's journey; to-be: a redesign of one")] = (
        "as-is"
    )
    compares_to: Annotated[
        Id | None, Field(description="required when state is to-be: the as-is journey it redesigns")
    ] = None
    reviewed: Annotated[
        Date | None, Field(description="when the owning department last confirmed the map matches reality")
    ] = None
    stages: Annotated[list[Stage], Field(min_length=1)]
    kpis: list[Kpi] = []
    funnel: Funnel | None = None

    def touchpoints(self) -> Iterator[tuple[Stage, Touchpoint]]:
        for stage in self.stages:
            for touchpoint in stage.touchpoints:
                yield stage, touchpoint

    def local_target(self, target: str) -> str | None:
        """The touchpoint id a `leads_to` entry names inside this journey, or None when it leaves the journey."""
        journey_id, slash, touchpoint_id = target.rpartition("/")
        if not slash:
            return target
        return touchpoint_id if journey_id == self.id else None
