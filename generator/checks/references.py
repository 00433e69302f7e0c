"""Rules for references and uniqueness across files (JM2xx): what a file names must exist."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..load import SourceFile
from ..model import Journey
from ..problems import Problem, quote
from ..vocabulary import INVOLVED_ROLES
from .context import Context, rule


def _department_refs(context: Context) -> Iterator[tuple[SourceFile, tuple[Any, ...], str, str, str]]:
    """(file, path, department id, who, role) for every department reference: "<who> names unknown <role>"
    when it is not a department (the words put together only then: there are some 65,000 at 10,000 touchpoints)."""
    for journey_id, journey in context.maps.journeys.items():
        source = context.journey_files[journey_id]
        yield source, ("owner",), journey.owner, f"journey '{journey_id}'", "owner"
        for s, stage in enumerate(journey.stages):
            for t, touchpoint in enumerate(stage.touchpoints):
                base = ("stages", s, "touchpoints", t)
                who = f"touchpoint '{touchpoint.id}'"
                yield source, (*base, "owner"), touchpoint.owner, who, "owner"
                for role in INVOLVED_ROLES:
                    for i, department in enumerate(getattr(touchpoint, role)):
                        yield source, (*base, role, i), department, who, f"{role} department"
    for kpi_id, (source, path) in context.kpi_homes.items():
        yield source, (*path, "owner"), context.maps.kpis[kpi_id].owner, f"KPI '{kpi_id}'", "owner"


@rule("JM204")
def unknown_departments(context: Context) -> Iterator[Problem]:
    """JM204: every department reference resolves."""
    defined = context.maps.departments
    if context.departments_file is None:  # JM013 already says so
        return
    where = f": departments are listed in {context.departments_file.display}"
    for source, path, department, who, role in _department_refs(context):
        if not context.known("department", department, defined):
            hint = context.suggest(department, defined)
            yield source.problem(path, "JM204", f"{who} names unknown {role} {quote(department)}{hint}{where}")


@rule("JM205")
def unknown_personas(context: Context) -> Iterator[Problem]:
    """JM205: a journey's personas have files."""
    for journey_id, journey in context.maps.journeys.items():
        for index, persona in enumerate(journey.persona):
            if not context.known("persona", persona, context.maps.personas):
                hint = context.suggest(persona, context.maps.personas)
                yield context.journey_files[journey_id].problem(
                    ("persona", index),
                    "JM205",
                    f"journey '{journey_id}' names unknown persona {quote(persona)}{hint}: add "
                    f"personas/{persona}.yaml or fix the name",
                )


@rule("JM202", "JM203", "JM206", "JM207", "JM208", "JM113")
def touchpoint_references(context: Context) -> Iterator[Problem]:
    """JM202, JM203, JM206, JM207, JM208, JM113: ids within a journey, KPIs and leads_to."""
    for journey_id, journey in context.maps.journeys.items():
        source = context.journey_files[journey_id]
        first: dict[str, tuple[int, int]] = {}  # touchpoint id -> (stage, touchpoint) index where first declared
        yield from _duplicate_ids(context, journey_id, journey, source, first)
        count = sum(len(stage.touchpoints) for stage in journey.stages)
        limit = context.settings.limits.max_touchpoints_per_journey
        if count > limit:
            yield source.problem(
                ("stages",),
                "JM113",
                f"journey has {count} touchpoints, over the limit of {limit}: split it into several journeys",
            )
        yield from _touchpoint_links(context, journey_id, journey, source, first)


def _duplicate_ids(
    context: Context, journey_id: str, journey: Journey, source: SourceFile, first: dict[str, tuple[int, int]]
) -> Iterator[Problem]:
    """JM202, JM203: a stage or touchpoint id used twice in the journey; `first` gets each touchpoint id's place."""
    stage_ids: dict[str, int] = {}
    for s, stage in enumerate(journey.stages):
        if stage.id in stage_ids:
            line = source.position(("stages", stage_ids[stage.id], "id"))[0]
            yield source.problem(
                ("stages", s, "id"),
                "JM202",
                f"stage id '{stage.id}' is used twice in this journey (first at line {line})",
            )
        stage_ids.setdefault(stage.id, s)
        for t, touchpoint in enumerate(stage.touchpoints):
            if touchpoint.id in first:
                at_stage, at = first[touchpoint.id]
                line = source.position(("stages", at_stage, "touchpoints", at, "id"))[0]
                yield source.problem(
                    ("stages", s, "touchpoints", t, "id"),
                    "JM203",
                    f"touchpoint id '{touchpoint.id}' is used twice in this journey (first at line {line}): "
                    "give each touchpoint its own id",
                )
                # The copy was meant to have some other id: which one, leads_to entries cannot tell.
                context.unreadable["touchpoint"].add(f"{journey_id}/*")
            first.setdefault(touchpoint.id, (s, t))


def _touchpoint_links(
    context: Context, journey_id: str, journey: Journey, source: SourceFile, own: dict[str, tuple[int, int]]
) -> Iterator[Problem]:
    """JM206, JM207, JM208: each touchpoint's KPIs exist, and so does what it leads to."""
    maps = context.maps
    for s, stage in enumerate(journey.stages):
        for t, touchpoint in enumerate(stage.touchpoints):
            base = ("stages", s, "touchpoints", t)
            for k, kpi in enumerate(touchpoint.kpis):
                if not context.known("kpi", kpi, maps.kpis):
                    hint = context.suggest(kpi, maps.kpis)
                    yield source.problem(
                        (*base, "kpis", k),
                        "JM206",
                        f"touchpoint '{touchpoint.id}' names unknown KPI {quote(kpi)}{hint}",
                    )
            for n, target in enumerate(touchpoint.leads_to):
                problem = _leads_to_problem(context, journey_id, own, touchpoint.id, target)
                if problem:
                    yield source.problem((*base, "leads_to", n), *problem)


def _leads_to_problem(
    context: Context, journey_id: str, own: dict[str, Any], touchpoint_id: str, target: str
) -> tuple[str, str] | None:
    maps = context.maps
    other, slash, name = target.partition("/")
    if context.known("touchpoint", f"{journey_id}/{target}" if not slash else target, {}):
        return None
    if f"{other if slash else journey_id}/*" in context.unreadable["touchpoint"]:
        return None  # that journey has a duplicate touchpoint id (JM203): its copy may be the one meant
    if not slash:
        if target in own:
            return None
        return (
            "JM207",
            f"touchpoint '{touchpoint_id}' leads to unknown touchpoint {quote(target)}{context.suggest(target, own)}",
        )
    if other == journey_id:
        if name in own:
            return None
        return (
            "JM207",
            f"touchpoint '{touchpoint_id}' leads to unknown touchpoint {quote(target)}{context.suggest(name, own)}",
        )
    journey = maps.journeys.get(other)
    if journey is None:
        if other in context.unreadable["journey"]:
            return None
        hint = context.suggest(other, maps.journeys)
        return "JM208", f"touchpoint '{touchpoint_id}' leads to {quote(target)} in unknown journey {quote(other)}{hint}"
    ids = [t.id for _, t in journey.touchpoints()]
    if name in ids:
        return None
    hint = context.suggest(name, ids)
    return "JM207", f"touchpoint '{touchpoint_id}' leads to unknown touchpoint {quote(name)} of journey '{other}'{hint}"


@rule("JM209")
def kpi_dates(context: Context) -> Iterator[Problem]:
    """JM209: a current figure says how fresh it is."""
    for kpi_id, (source, path) in context.kpi_homes.items():
        kpi = context.maps.kpis[kpi_id]
        if kpi.current is not None and kpi.as_of is None and not _written(source, kpi_id, "as_of"):
            yield source.problem(
                (*path, "current"),
                "JM209",
                f"KPI '{kpi_id}' has a current value but no 'as_of' date: add as_of: YYYY-MM-DD",
            )


def _written(source: SourceFile, kpi_id: str, field_name: str) -> bool:
    """True when the KPI's mapping in the file gives the field, valid or not (an invalid one is already reported)."""
    data = source.data
    items = data.get("kpis") if isinstance(data, dict) else None
    return any(isinstance(item, dict) and item.get("id") == kpi_id and field_name in item for item in items or [])
