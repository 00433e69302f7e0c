"""What changed in KPIs: definitions, targets and figures, and whether a status moved."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import Kpi, Maps
from ..settings import Settings
from .changes import Change, Concern


def _kpis(old: Maps, new: Maps, settings: Settings, home: str) -> Iterator[Change]:
    """Changes of the KPIs defined at `home`: a journey id, or '' for the shared kpis.yaml.

    Each KPI belongs to where HEAD defines it, else where BASE did, so a KPI moving between
    a journey and kpis.yaml is reported once.
    """
    threshold = settings.kpi_threshold
    for ident in sorted(set(old.kpis) | set(new.kpis)):
        was, now = old.kpis.get(ident), new.kpis.get(ident)
        place = now if now is not None else was
        if place is None or place.defined_in != home:
            continue
        subject = f"kpi:{ident}"
        if was is None:
            yield Change(
                "kpi-added",
                home,
                subject,
                place.name,
                extra=_kpi_facts(place, threshold),
                concerns=(Concern(place.owner, "owner-gained"),),
            )
        elif now is None:
            yield Change(
                "kpi-removed",
                home,
                subject,
                was.name,
                extra=_kpi_facts(was, threshold),
                concerns=(Concern(was.owner, "owner-lost"),),
            )
        else:
            yield from _kpi_changed(home, was, now, threshold)


def _kpi_facts(kpi: Kpi, threshold: float) -> dict[str, Any]:
    return {"unit": kpi.unit, "direction": kpi.direction, "target": kpi.target, "current": kpi.current,
            "owner": kpi.owner, "status": kpi.status(threshold)}  # fmt: skip


def _kpi_changed(j: str, was: Kpi, now: Kpi, threshold: float) -> Iterator[Change]:
    subject, name = f"kpi:{now.id}", now.name
    owns = (Concern(now.owner, "owns"),)
    status = {"status_before": was.status(threshold), "status_after": now.status(threshold), "unit": now.unit}
    moved_status = False
    if was.target != now.target:
        moved_status = True
        yield Change("kpi-target-changed", j, subject, name, was.target, now.target, extra=dict(status), concerns=owns)
    if was.current != now.current or was.as_of != now.as_of:
        moved_status = True
        facts = {**status, "as_of": now.as_of.isoformat() if now.as_of else None}
        yield Change("kpi-current-changed", j, subject, name, was.current, now.current, extra=facts, concerns=owns)
    if was.owner != now.owner:
        yield Change("kpi-owner-changed", j, subject, name, was.owner, now.owner,
                     concerns=(Concern(now.owner, "owner-gained"), Concern(was.owner, "owner-lost")))  # fmt: skip
    if was.defined_in != now.defined_in:
        yield Change("kpi-moved", j, subject, name, was.defined_in, now.defined_in, concerns=owns)
    fields = ("name", "unit", "direction", "baseline", "source", "history")
    edited = [f for f in fields if getattr(was, f) != getattr(now, f)]
    if edited:
        extra: dict[str, Any] = {"fields": edited}
        if not moved_status and status["status_before"] != status["status_after"]:
            extra |= status
        yield Change("kpi-edited", j, subject, name, extra=extra, concerns=owns)
