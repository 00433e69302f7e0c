"""Rules for to-be journeys and their as-is journey (JM601-JM605), and for a journey's owner (JM608).

Stale journeys (JM606, JM607) depend on today and on git, so `validate` reports them after the
rules, from `review`, as it does for stale KPIs.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..handoffs import owner_owns_nothing
from ..problems import Problem, quote
from .context import Context, rule


@rule("JM601", "JM602", "JM603", "JM604", "JM605")
def compared_journeys(context: Context) -> Iterator[Problem]:
    """JM601-JM605: a to-be journey names an existing as-is journey other than itself, and only a to-be journey does."""
    maps = context.maps
    as_is = [j for j, journey in maps.journeys.items() if journey.state == "as-is"]
    for journey_id, journey in maps.journeys.items():
        source = context.journey_files[journey_id]
        target = journey.compares_to
        if journey.state != "to-be":
            if target is not None:
                yield source.problem(
                    ("compares_to",),
                    "JM605",
                    f"journey '{journey_id}' names compares_to '{target}' but is not a to-be journey: add "
                    "state: to-be, or remove compares_to",
                )
        elif target is None:
            yield source.problem(
                ("state",),
                "JM601",
                f"to-be journey '{journey_id}' does not say which as-is journey it redesigns: add compares_to: "
                "<journey-id>"
                + (f" (as-is journeys: {', '.join(as_is[:5])}{', ...' if len(as_is) > 5 else ''})" if as_is else ""),
            )
        elif target == journey_id:
            yield source.problem(
                ("compares_to",),
                "JM603",
                f"to-be journey '{journey_id}' compares itself with itself: compares_to names the as-is journey "
                "it redesigns",
            )
        elif target not in maps.journeys:
            if not context.known("journey", target, maps.journeys):  # a journey whose file failed is reported there
                hint = context.suggest(target, [j for j in as_is if j != journey_id])
                yield source.problem(
                    ("compares_to",),
                    "JM602",
                    f"to-be journey '{journey_id}' compares itself with unknown journey {quote(target)}{hint}",
                )
        elif maps.journeys[target].state == "to-be":
            meant = maps.journeys[target].compares_to
            yield source.problem(
                ("compares_to",),
                "JM604",
                f"to-be journey '{journey_id}' compares itself with '{target}', which is a to-be journey too: name "
                "the as-is journey it redesigns" + (f" ('{meant}'?)" if meant in as_is else ""),
            )


@rule("JM608")
def owner_without_touchpoints(context: Context) -> Iterator[Problem]:
    """JM608: the journey's accountable owner owns one of its touchpoints, or nobody owns the handoffs between them."""
    known = context.maps.departments
    for journey_id, journey in context.maps.journeys.items():
        owners = sorted({tp.owner for _, tp in journey.touchpoints()})
        if not all(d in known for d in (journey.owner, *owners)):
            continue  # an unknown department (JM204) may be the typo that hides the owner's touchpoint
        if owner_owns_nothing(journey):
            yield context.journey_files[journey_id].problem(
                ("owner",),
                "JM608",
                f"journey '{journey_id}' is owned by '{journey.owner}', which owns none of its touchpoints (they "
                f"are owned by {', '.join(owners[:5])}{', ...' if len(owners) > 5 else ''}): make one of them the "
                "owner, or give the owner the touchpoint it is accountable for",
            )
