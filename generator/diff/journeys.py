"""What changed in journeys, their stages and touchpoints, with who is concerned in which role."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..gitmaps import Snapshot
from ..model import Journey, Maps, Stage, Touchpoint
from ..settings import Settings
from ..vocabulary import INVOLVED_ROLES
from .changes import Change, Concern, _dedupe, _unique
from .funnel import _funnel
from .kpis import _kpis
from .opportunities import opportunities_changed


def _journeys(base: Snapshot, head: Snapshot, settings: Settings) -> Iterator[Change]:
    old, new = base.maps.journeys, head.maps.journeys
    # A journey whose file is there but unreadable on one side is not "added" or "removed".
    unreadable = base.unreadable | head.unreadable
    for ident in sorted(set(old) | set(new) | unreadable):
        if ident in unreadable:
            side = "BASE" if ident in base.unreadable else "HEAD"
            file = head.journey_files.get(ident) or base.journey_files.get(ident, "")
            journey = new.get(ident) or old.get(ident)
            title = journey.title if journey else ident
            yield Change("journey-unreadable", ident, "journey", title, extra={"side": side, "file": file})
        elif ident not in old:
            yield _journey_added(new[ident])
        elif ident not in new:
            yield _journey_removed(old[ident])
        else:
            yield from _journey_changed(old[ident], new[ident], base.maps, head.maps, settings)


def _touchpoint_owners(journey: Journey) -> list[str]:
    return _unique(t.owner for _, t in journey.touchpoints())


def _journey_added(journey: Journey) -> Change:
    count = sum(1 for _ in journey.touchpoints())
    concerns = [Concern(journey.owner, "owner-gained")] + [
        Concern(d, "touchpoints") for d in _touchpoint_owners(journey) if d != journey.owner
    ]
    return Change(
        "journey-added", journey.id, "journey", journey.title, after=journey.source,
        extra={"stages": len(journey.stages), "touchpoints": count, "owner": journey.owner, "state": journey.state,
               "compares_to": journey.compares_to}, concerns=tuple(concerns),
    )  # fmt: skip


def _journey_removed(journey: Journey) -> Change:
    concerns = [Concern(journey.owner, "owner-lost")] + [
        Concern(d, "touchpoints") for d in _touchpoint_owners(journey) if d != journey.owner
    ]
    return Change("journey-removed", journey.id, "journey", journey.title, before=journey.source,
                  extra={"owner": journey.owner}, concerns=tuple(concerns))  # fmt: skip


def _journey_changed(
    old: Journey, new: Journey, old_maps: Maps, new_maps: Maps, settings: Settings
) -> Iterator[Change]:
    j = new.id
    owner = (Concern(new.owner, "owns"),)
    if old.title != new.title:
        yield Change("journey-renamed", j, "journey", new.title, old.title, new.title, concerns=owner)
    if old.owner != new.owner:
        yield Change("journey-owner-changed", j, "journey", new.title, old.owner, new.owner,
                     concerns=(Concern(new.owner, "owner-gained"), Concern(old.owner, "owner-lost")))  # fmt: skip
    if old.source != new.source:
        yield Change("journey-file-moved", j, "journey", new.title, old.source, new.source, concerns=owner)
    if old.persona != new.persona:
        yield Change(
            "journey-personas-changed", j, "journey", new.title, list(old.persona), list(new.persona), concerns=owner
        )
    if (old.state, old.compares_to) != (new.state, new.compares_to):
        before, after = ({"state": side.state, "compares_to": side.compares_to} for side in (old, new))
        yield Change("journey-state-changed", j, "journey", new.title, before, after, concerns=owner)
    if old.reviewed != new.reviewed:
        was, now = (d.isoformat() if d else None for d in (old.reviewed, new.reviewed))
        yield Change("journey-reviewed", j, "journey", new.title, was, now, concerns=owner)
    edited = [f for f in ("summary", "tags") if getattr(old, f) != getattr(new, f)]
    if edited:
        yield Change("journey-edited", j, "journey", new.title, extra={"fields": edited}, concerns=owner)
    yield from _stages(old, new)
    yield from _touchpoints(old, new, old_maps.invalid, new_maps.invalid)
    yield from _funnel(old, new)
    yield from _kpis(old_maps, new_maps, settings, home=j)


def _stages(old: Journey, new: Journey) -> Iterator[Change]:
    j, owner = new.id, (Concern(new.owner, "owns"),)
    before = {s.id: s for s in old.stages}
    after = {s.id: s for s in new.stages}
    for stage in new.stages:
        if stage.id not in before:
            yield Change("stage-added", j, f"stage:{stage.id}", stage.name,
                         extra={"touchpoints": [t.id for t in stage.touchpoints]}, concerns=owner)  # fmt: skip
            continue
        previous = before[stage.id]
        if previous.name != stage.name:
            yield Change("stage-renamed", j, f"stage:{stage.id}", stage.name, previous.name, stage.name, concerns=owner)
        edited = [f for f in ("goal", "emotion") if getattr(previous, f) != getattr(stage, f)]
        if edited:
            changes = {f: [getattr(previous, f), getattr(stage, f)] for f in edited}
            yield Change(
                "stage-edited",
                j,
                f"stage:{stage.id}",
                stage.name,
                extra={"fields": edited, "values": changes},
                concerns=owner,
            )
    for stage in old.stages:
        if stage.id not in after:
            yield Change("stage-removed", j, f"stage:{stage.id}", stage.name, concerns=owner)
    kept_before = [s.id for s in old.stages if s.id in after]
    kept_after = [s.id for s in new.stages if s.id in before]
    if kept_before != kept_after:
        yield Change("stages-reordered", j, "journey", new.title, kept_before, kept_after, concerns=owner)


def _touchpoints(
    old: Journey,
    new: Journey,
    old_invalid: dict[str, tuple[str, dict[str, Any]]] | None = None,
    new_invalid: dict[str, tuple[str, dict[str, Any]]] | None = None,
) -> Iterator[Change]:
    before = {t.id: (s, t) for s, t in old.touchpoints()}
    after = {t.id: (s, t) for s, t in new.touchpoints()}
    for ident, (stage, touchpoint) in after.items():
        if ident in before:
            yield from _touchpoint_changed(new, *before[ident], stage, touchpoint)
            continue
        if f"{new.id}/{ident}" in (old_invalid or {}):  # invalid at BASE, valid again: a fix, not an addition
            yield _validity_changed("touchpoint-fixed", new, touchpoint, (old_invalid or {})[f"{new.id}/{ident}"])
            continue
        yield Change(
            "touchpoint-added",
            new.id,
            f"touchpoint:{ident}",
            touchpoint.name,
            extra={
                "stage": stage.id,
                "stage_name": stage.name,
                "owner": touchpoint.owner,
                "channel": touchpoint.channel,
            },
            concerns=_arrival_or_departure(new, touchpoint, "gained"),
        )
    for ident, (stage, touchpoint) in before.items():
        if ident in after:
            continue
        if f"{new.id}/{ident}" in (new_invalid or {}):  # still there, but an edit made it invalid
            yield _validity_changed("touchpoint-invalid", new, touchpoint, (new_invalid or {})[f"{new.id}/{ident}"])
            continue
        yield Change(
            "touchpoint-removed", new.id, f"touchpoint:{ident}", touchpoint.name,
            extra={"stage": stage.id, "stage_name": stage.name, "owner": touchpoint.owner},
            concerns=_arrival_or_departure(new, touchpoint, "lost"),
        )  # fmt: skip


def _arrival_or_departure(journey: Journey, touchpoint: Touchpoint, how: str) -> tuple[Concern, ...]:
    """Who a touchpoint's arrival or departure concerns: each of its departments, which `gained` or `lost`
    it in its role, and the journey's owner."""
    concerns = [Concern(touchpoint.owner, f"owner-{how}")]
    concerns += [
        Concern(d, f"{role}-{how}")
        for role in INVOLVED_ROLES
        for d in getattr(touchpoint, role)
        if d != touchpoint.owner
    ]
    return _dedupe([*concerns, Concern(journey.owner, "journey-owner")])


def _validity_changed(kind: str, journey: Journey, valid: Touchpoint, written: tuple[str, dict[str, Any]]) -> Change:
    """A touchpoint an edit made invalid (or valid again): the fields that differ from its valid side, as written.

    The invalid side is not in the maps (a required field failed), so reporting it as removed or added
    would send every department it names a false approval request; its problem is in the validation list.
    """
    stage_id, fields = written
    shown = valid.model_dump(mode="json")
    differ = {}
    for name in sorted(set(fields) | {k for k, v in shown.items() if v not in (None, [], "")}):
        if name == "id":
            continue
        spec = Touchpoint.model_fields.get(name)
        default = (
            spec.get_default(call_default_factory=True)
            if spec is not None and not spec.is_required()
            else None  # a required field left out reads as "nothing"
        )
        value_written, value_valid = fields.get(name, default), shown.get(name, default)
        if value_written != value_valid:
            before, after = (
                (value_valid, value_written) if kind == "touchpoint-invalid" else (value_written, value_valid)
            )
            differ[name] = [before, after]
    return Change(
        kind, journey.id, f"touchpoint:{valid.id}", valid.name,
        extra={"fields": sorted(differ), "values": differ, "stage": stage_id}, concerns=(Concern(valid.owner, "owns"),),
    )  # fmt: skip


def _touchpoint_changed(  # noqa: C901 - split with the rest of diff.py (issue 13, left for later: the module is being edited in parallel)
    journey: Journey, old_stage: Stage, old: Touchpoint, stage: Stage, new: Touchpoint
) -> Iterator[Change]:
    j, subject, name = journey.id, f"touchpoint:{new.id}", new.name
    owns = (Concern(new.owner, "owns"),)
    if old.name != new.name:
        yield Change("touchpoint-renamed", j, subject, name, old.name, new.name, concerns=owns)
    if old_stage.id != stage.id:
        concerns = _dedupe([Concern(new.owner, "owns"), Concern(journey.owner, "journey-owner")])
        yield Change("touchpoint-moved", j, subject, name, old_stage.id, stage.id,
                     extra={"from_name": old_stage.name, "to_name": stage.name}, concerns=concerns)  # fmt: skip
    if old.owner != new.owner:
        yield Change("touchpoint-owner-changed", j, subject, name, old.owner, new.owner,
                     concerns=(Concern(new.owner, "owner-gained"), Concern(old.owner, "owner-lost")))  # fmt: skip
    for role in INVOLVED_ROLES:
        was, now = getattr(old, role), getattr(new, role)
        if was != now:
            moved = [Concern(d, f"{role}-gained") for d in now if d not in was]
            moved += [Concern(d, f"{role}-lost") for d in was if d not in now]
            yield Change(f"touchpoint-{role}-changed", j, subject, name, list(was), list(now),
                         concerns=_dedupe(moved) or owns)  # fmt: skip
    if old.channel != new.channel:
        yield Change("touchpoint-channel-changed", j, subject, name, old.channel, new.channel, concerns=owns)
    old_pains = {p.text: p.severity for p in old.pain_points}
    new_pains = {p.text: p.severity for p in new.pain_points}
    for text, severity in new_pains.items():
        if text not in old_pains:
            yield Change("pain-point-added", j, subject, name, after=text, extra={"severity": severity}, concerns=owns)
        elif old_pains[text] != severity:
            yield Change(
                "pain-point-severity-changed",
                j,
                subject,
                name,
                old_pains[text],
                severity,
                extra={"text": text},
                concerns=owns,
            )
    for text, severity in old_pains.items():
        if text not in new_pains:
            yield Change(
                "pain-point-resolved", j, subject, name, before=text, extra={"severity": severity}, concerns=owns
            )
    yield from opportunities_changed(journey, old, new)
    fields = ("description", "emotion", "systems", "kpis", "leads_to")
    edited = [f for f in fields if getattr(old, f) != getattr(new, f)]
    if edited:
        yield Change("touchpoint-edited", j, subject, name, extra={"fields": edited}, concerns=owns)
