"""As-is and to-be journeys (contract, "As-is and to-be journeys"): what a redesign changes compared with today.

A to-be journey names the as-is journey it redesigns in `compares_to`. How the two are matched:

- Touchpoints by id: an id only in the to-be journey is added, one only in the as-is journey is
  removed, and one in both is changed when its owner or its channel differs. Ids are what `leads_to`
  and the pages' addresses use, so a team copies the as-is file and edits it; a renamed touchpoint keeps
  its id and shows as the same touchpoint.
- Pain points by text, across the whole journey (case and runs of spaces ignored): an as-is pain
  point whose text is found in the to-be journey is carried over, wherever it now sits; one that is
  not found is resolved; a to-be pain point not found in the as-is journey is new. Pain points have
  no ids, and their text is what a team copies; a reworded pain point shows as resolved plus new.
- Stages by id, for the chart: each side's score of a stage is its `emotion`, else the mean of its
  scored touchpoints, else none. Stages only in the to-be journey sit after the stage before them.

Pure: maps in, a `Comparison` out; the compare chart (`diagrams/compare.py`) and the to-be page read it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .model import Journey, Maps, PainPoint, Stage, TouchpointRef
from .vocabulary import SEVERITY_RANK


@dataclass(frozen=True)
class Changed:
    """A touchpoint in both journeys whose owner or channel differs."""

    as_is: TouchpointRef
    to_be: TouchpointRef
    fields: tuple[str, ...]
    """'owner', 'channel': what differs, in that order."""


@dataclass(frozen=True)
class Pain:
    """A pain point and the touchpoint it is written on."""

    pain: PainPoint
    ref: TouchpointRef


@dataclass(frozen=True)
class StageScores:
    """One stage of the chart: its name (as the to-be journey has it, where it has the stage) and both scores."""

    id: str
    name: str
    as_is: float | None
    to_be: float | None


@dataclass(frozen=True)
class Comparison:
    as_is: Journey
    to_be: Journey
    added: list[TouchpointRef]
    removed: list[TouchpointRef]
    changed: list[Changed]
    unchanged: int
    """Touchpoints in both with the same owner and channel."""
    carried_over: list[Pain]
    """To-be pain points the as-is journey has too (on the to-be touchpoint); these lists go worst first."""
    resolved: list[Pain]
    """As-is pain points the to-be journey no longer has (on the as-is touchpoint)."""
    new: list[Pain]
    """To-be pain points the as-is journey does not have."""
    stages: list[StageScores]


def compare(maps: Maps, to_be: Journey) -> Comparison | None:
    """The comparison of a to-be journey with its as-is journey; None for an as-is journey or a missing one."""
    as_is = maps.journeys.get(to_be.compares_to) if to_be.state == "to-be" and to_be.compares_to else None
    if as_is is None or as_is is to_be:
        return None
    before = {tp.id: TouchpointRef(as_is, stage, tp) for stage, tp in as_is.touchpoints()}
    after = {tp.id: TouchpointRef(to_be, stage, tp) for stage, tp in to_be.touchpoints()}
    changed = []
    for touchpoint_id, new in after.items():
        old = before.get(touchpoint_id)
        if old is not None:
            fields = tuple(f for f in ("owner", "channel") if getattr(old.touchpoint, f) != getattr(new.touchpoint, f))
            if fields:
                changed.append(Changed(old, new, fields))
    old_pains = _pains(as_is)
    new_pains = _pains(to_be)
    old_texts = {_key(p.pain.text) for p in old_pains}
    new_texts = {_key(p.pain.text) for p in new_pains}
    return Comparison(
        as_is=as_is,
        to_be=to_be,
        added=[ref for touchpoint_id, ref in after.items() if touchpoint_id not in before],
        removed=[ref for touchpoint_id, ref in before.items() if touchpoint_id not in after],
        changed=changed,
        unchanged=sum(1 for touchpoint_id in after if touchpoint_id in before) - len(changed),
        carried_over=_worst_first(p for p in new_pains if _key(p.pain.text) in old_texts),
        resolved=_worst_first(p for p in old_pains if _key(p.pain.text) not in new_texts),
        new=_worst_first(p for p in new_pains if _key(p.pain.text) not in old_texts),
        stages=stage_scores(as_is, to_be),
    )


def to_be_journeys(maps: Maps, as_is_id: str) -> list[Journey]:
    """The to-be journeys that redesign an as-is journey, in the maps' order."""
    return [j for j in maps.journeys.values() if j.state == "to-be" and j.compares_to == as_is_id and j.id != as_is_id]


def stage_score(stage: Stage) -> float | None:
    """The stage's `emotion`, else the mean of its scored touchpoints (one decimal), else None."""
    if stage.emotion is not None:
        return float(stage.emotion)
    scores = [tp.emotion for tp in stage.touchpoints if tp.emotion is not None]
    return round(sum(scores) / len(scores), 1) if scores else None


def stage_scores(as_is: Journey, to_be: Journey) -> list[StageScores]:
    """Both journeys' stages in one order: the as-is stages, each to-be-only stage after the stage before it."""
    order = [stage.id for stage in as_is.stages]
    previous: str | None = None
    for stage in to_be.stages:
        if stage.id not in order:
            order.insert(order.index(previous) + 1 if previous is not None else 0, stage.id)
        previous = stage.id
    before = {stage.id: stage for stage in as_is.stages}
    after = {stage.id: stage for stage in to_be.stages}
    rows = []
    for stage_id in order:
        old, new = before.get(stage_id), after.get(stage_id)
        named = new or old
        assert named is not None
        rows.append(
            StageScores(
                stage_id,
                named.name,
                stage_score(old) if old is not None else None,
                stage_score(new) if new is not None else None,
            )
        )
    return rows


def _pains(journey: Journey) -> list[Pain]:
    return [
        Pain(pain, TouchpointRef(journey, stage, tp)) for stage, tp in journey.touchpoints() for pain in tp.pain_points
    ]


def _key(text: str) -> str:
    """How pain points are matched: the text without case and with single spaces."""
    return " ".join(text.split()).casefold()


def _worst_first(pains: Iterable[Pain]) -> list[Pain]:
    """Highest severity first, then in journey order."""
    return sorted(pains, key=lambda p: -SEVERITY_RANK[p.pain.severity])
