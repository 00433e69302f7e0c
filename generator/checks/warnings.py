"""Rules for what is valid but probably not meant (JM3xx); they run only when every file loaded whole."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Opportunity
from ..problems import Problem
from .context import Context, rule
from .references import _department_refs


@rule("JM301")
def empty_stages(context: Context) -> Iterator[Problem]:
    """JM301."""
    for journey_id, journey in context.maps.journeys.items():
        for s, stage in enumerate(journey.stages):
            if not stage.touchpoints:
                yield context.journey_files[journey_id].problem(
                    ("stages", s), "JM301", f"stage '{stage.id}' has no touchpoints"
                )


@rule("JM302")
def unused_kpis(context: Context) -> Iterator[Problem]:
    """JM302."""
    used = {kpi for ref in context.maps.touchpoints() for kpi in ref.touchpoint.kpis}
    for kpi_id, (source, path) in context.kpi_homes.items():
        if kpi_id not in used:
            yield source.problem((*path, "id"), "JM302", f"KPI '{kpi_id}' is not listed by any touchpoint")


@rule("JM303")
def idle_departments(context: Context) -> Iterator[Problem]:
    """JM303: a department that owns nothing at all is probably a leftover or a typo elsewhere."""
    maps = context.maps
    owners = {journey.owner for journey in maps.journeys.values()} | {kpi.owner for kpi in maps.kpis.values()}
    owners |= {ref.touchpoint.owner for ref in maps.touchpoints()}  # a plain-text opportunity falls to it as well
    owners |= set(_opportunity_owners(context))
    if context.departments_file is None or not maps.journeys:
        return
    if any(not context.known("department", d, maps.departments) for d in _referenced(context)):
        return  # an unknown department (JM204, JM503) may be the reference meant for an idle one: fix that first
    for department_id, index in context.department_index.items():
        if department_id not in owners:
            yield context.departments_file.problem(
                ("departments", index, "id"),
                "JM303",
                f"department '{department_id}' owns no touchpoint, journey, KPI or opportunity",
            )


def _opportunity_owners(context: Context) -> Iterator[str]:
    """The owners opportunities written as mappings name themselves (`Maps.opportunities` without making an
    object of every plain text, which falls to its touchpoint's owner: 0.3 s at 10,000 touchpoints)."""
    for ref in context.maps.touchpoints():
        for entry in ref.touchpoint.opportunities:
            if isinstance(entry, Opportunity) and entry.owner:
                yield entry.owner


def _referenced(context: Context) -> Iterator[str]:
    """Every department id the maps name: owners, RACI roles and opportunity owners."""
    yield from (department for _, _, department, _, _ in _department_refs(context))
    yield from _opportunity_owners(context)


@rule("JM304")
def unreachable_touchpoints(context: Context) -> Iterator[Problem]:
    """JM304: nothing leads to it (see `Maps.successors`); the first stage's touchpoints start the journey."""
    maps = context.maps
    reached = {target.address for ref in maps.touchpoints() for target, _ in maps.successors(ref)}
    for journey_id, journey in maps.journeys.items():
        for s, stage in enumerate(journey.stages[1:], start=1):
            for t, touchpoint in enumerate(stage.touchpoints):
                if f"{journey_id}/{touchpoint.id}" not in reached:
                    yield context.journey_files[journey_id].problem(
                        ("stages", s, "touchpoints", t, "id"),
                        "JM304",
                        f"nothing leads to touchpoint '{touchpoint.id}': add it to a leads_to",
                    )
