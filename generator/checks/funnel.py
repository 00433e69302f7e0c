"""Funnel rules (JM411, JM412, JM415): the stages a journey's funnel names, their order and their counts.

Whether each count is a whole number (JM413) and that there are two stages at least (JM414) is the
model's to say; here the funnel is checked against the journey's own stages.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..problems import Problem, quote
from ..vocabulary import format_figure
from .context import Context, rule


@rule("JM411", "JM412")
def funnel_stages(context: Context) -> Iterator[Problem]:
    """JM411: every funnel stage is a stage of the journey; JM412: in the journey's order."""
    for journey_id, journey in context.maps.journeys.items():
        if journey.funnel is None:
            continue
        source = context.journey_files[journey_id]
        order = {stage.id: index for index, stage in enumerate(journey.stages)}
        dropped = source.dropped.get("stages", set())  # stages that did not load: their problem is reported
        furthest: str | None = None
        for stage_id in journey.funnel.stages:
            path = ("funnel", "stages", stage_id)
            if stage_id not in order:
                if stage_id not in dropped:
                    hint = context.suggest(stage_id, list(order))
                    yield source.problem(
                        path,
                        "JM411",
                        f"funnel stage {quote(stage_id)} is not a stage of this journey{hint}: "
                        f"the stages are {', '.join(order)}",
                        key=True,
                    )
                continue
            if furthest is not None and order[stage_id] < order[furthest]:
                yield source.problem(
                    path,
                    "JM412",
                    f"funnel stage '{stage_id}' comes after '{furthest}' here, but before it in the journey's "
                    "stages: list the funnel's stages in the journey's order",
                    key=True,
                )
                continue
            furthest = stage_id


@rule("JM415")
def funnel_counts(context: Context) -> Iterator[Problem]:
    """JM415: a funnel only loses customers, so a count above the one before it is probably a mistake."""
    for journey_id, journey in context.maps.journeys.items():
        if journey.funnel is None:
            continue
        order = [stage.id for stage in journey.stages]
        written = list(journey.funnel.stages)
        if not set(written) <= set(order) or written != sorted(written, key=order.index):
            continue  # JM411 or JM412 says what to fix first; counts in another order compare nothing
        source = context.journey_files[journey_id]
        before: tuple[str, int] | None = None
        for stage_id, count in journey.funnel.stages.items():
            if before is not None and count > before[1]:
                yield source.problem(
                    ("funnel", "stages", stage_id),
                    "JM415",
                    f"funnel count of {quote(stage_id)} ({format_figure(count, 'count')}) is larger than that of "
                    f"{quote(before[0])} before it ({format_figure(before[1], 'count')}): a funnel counts the "
                    "customers who get this far, so check the figure or the measure",
                )
            before = (stage_id, count)
