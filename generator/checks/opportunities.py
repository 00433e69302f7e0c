"""Rules for opportunities across files (JM503-JM505, JM508): owners and KPIs resolve, ids are unique in a journey.

What one value may hold (status, value, effort, link, unknown fields) is checked by the model; these need
the departments, the KPIs or the whole journey.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..load import SourceFile, node_at
from ..model import Journey, Touchpoint
from ..problems import Problem, quote
from .context import Context, rule

Path = tuple[Any, ...]


def _opportunities(context: Context) -> Iterator[tuple[str, SourceFile, Touchpoint, Path, Any]]:
    """(journey id, file, touchpoint, path of the entry in the file, entry as the model holds it) for every
    opportunity written as a mapping.

    A salvaged journey may have left an invalid entry out of the model (its problem is reported), so the path
    is the entry's place in the file, found by its text, not its place in the model's list.
    """
    for journey_id, journey in context.maps.journeys.items():
        source = context.journey_files[journey_id]
        for s, stage in enumerate(journey.stages):
            for t, touchpoint in enumerate(stage.touchpoints):
                base: Path = ("stages", s, "touchpoints", t, "opportunities")
                for index, entry in zip(
                    _file_positions(source, base, touchpoint), touchpoint.opportunities, strict=False
                ):
                    if not isinstance(entry, str):
                        yield journey_id, source, touchpoint, (*base, index), entry


def _file_positions(source: SourceFile, base: Path, touchpoint: Touchpoint) -> list[int]:
    """Where each of the model's opportunities stands in the file's list (the same place unless some were left out)."""
    written = node_at(source.data, base)
    if not isinstance(written, list) or len(written) == len(touchpoint.opportunities):
        return list(range(len(touchpoint.opportunities)))
    positions: list[int] = []
    at = 0
    for entry in touchpoint.opportunities:
        text = entry if isinstance(entry, str) else entry.text
        while at < len(written) and _text_of(written[at]) != text:
            at += 1
        positions.append(at)
        at += 1
    return positions


def _text_of(entry: Any) -> str:
    """An entry's text as the model holds it (a number written as an opportunity is taken as written)."""
    return str(entry.get("text") if isinstance(entry, dict) else entry)


@rule("JM503", "JM504")
def opportunity_references(context: Context) -> Iterator[Problem]:
    """JM503, JM504: an opportunity's owner is a department, its KPIs are defined."""
    departments, kpis = context.maps.departments, context.maps.kpis
    where = f": departments are listed in {context.departments_file.display}" if context.departments_file else ""
    for _, source, touchpoint, path, entry in _opportunities(context):
        subject = f"touchpoint '{touchpoint.id}' opportunity {quote(entry.id or entry.text, 40)}"
        owner = entry.owner
        if owner is not None and context.departments_file and not context.known("department", owner, departments):
            hint = context.suggest(owner, departments)
            yield source.problem(
                (*path, "owner"), "JM503", f"{subject} names unknown owner {quote(owner)}{hint}{where}"
            )
        for k, kpi in enumerate(entry.kpis):
            if not context.known("kpi", kpi, kpis):
                hint = context.suggest(kpi, kpis)
                yield source.problem((*path, "kpis", k), "JM504", f"{subject} names unknown KPI {quote(kpi)}{hint}")


@rule("JM505")
def duplicate_opportunity_ids(context: Context) -> Iterator[Problem]:
    """JM505: an opportunity id is used once in its journey."""
    first: dict[tuple[str, str], Path] = {}
    for journey_id, source, _, path, entry in _opportunities(context):
        if entry.id is None:
            continue
        key = (journey_id, entry.id)
        if key in first:
            line = source.position((*first[key], "id"))[0]
            yield source.problem(
                (*path, "id"),
                "JM505",
                f"opportunity id '{entry.id}' is used twice in this journey (first at line {line}): give each "
                "opportunity its own id",
            )
        first.setdefault(key, path)


@rule("JM508")
def duplicate_opportunities(context: Context) -> Iterator[Problem]:
    """JM508: a touchpoint lists each opportunity once."""
    for journey_id, journey in context.maps.journeys.items():
        source = context.journey_files[journey_id]
        yield from _repeated(source, journey)


def _repeated(source: SourceFile, journey: Journey) -> Iterator[Problem]:
    for s, stage in enumerate(journey.stages):
        for t, touchpoint in enumerate(stage.touchpoints):
            seen: dict[str, int] = {}
            for index, entry in enumerate(touchpoint.opportunities):  # the text of each, as `opportunity_items`
                text = " ".join((entry if isinstance(entry, str) else entry.text).split())
                if text in seen:
                    yield source.problem(
                        ("stages", s, "touchpoints", t, "opportunities", index),
                        "JM508",
                        f"touchpoint '{touchpoint.id}' lists the opportunity {quote(text)} twice (also entry "
                        f"{seen[text] + 1}): keep one",
                    )
                seen.setdefault(text, index)
