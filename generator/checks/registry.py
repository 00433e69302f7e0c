"""The one list of cross-file rules, in the order they run, and the run over all of them."""

from __future__ import annotations

from ..load import SourceFile
from ..model import Maps
from ..problems import Problem
from ..settings import Settings
from .assemble import assemble
from .context import Check
from .funnel import funnel_counts, funnel_stages
from .opportunities import duplicate_opportunities, duplicate_opportunity_ids, opportunity_references
from .references import kpi_dates, touchpoint_references, unknown_departments, unknown_personas
from .review import compared_journeys, owner_without_touchpoints
from .warnings import empty_stages, idle_departments, unreachable_touchpoints, unused_kpis


def run(files: list[SourceFile], settings: Settings) -> tuple[Maps, list[Problem]]:
    """Assemble the maps and apply every rule."""
    context, problems = assemble(files, settings)
    whole = all(source.model is not None and not source.dropped and not source.problems for source in files)
    for check in CHECKS:
        if whole or not check.warns:
            problems.extend(check.run(context))
    return context.maps, problems


CHECKS: tuple[Check, ...] = (
    unknown_departments,
    unknown_personas,
    touchpoint_references,
    kpi_dates,
    opportunity_references,
    duplicate_opportunity_ids,
    funnel_stages,
    empty_stages,
    unused_kpis,
    idle_departments,
    unreachable_touchpoints,
    compared_journeys,
    owner_without_touchpoints,
    duplicate_opportunities,
    funnel_counts,
)
"""Every cross-file rule, in the order they run."""
