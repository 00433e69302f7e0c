"""KPIs: defined in the shared `kpis.yaml` or inside a journey, with their dated history and status."""

from __future__ import annotations

from typing import Literal

from pydantic import PrivateAttr

from ..vocabulary import KpiStatus
from .fields import Date, Id, Text, Unit, _Strict


class HistoryPoint(_Strict):
    date: Date
    value: float


class Kpi(_Strict):
    id: Id
    name: Text
    unit: Unit
    direction: Literal["up", "down"]
    target: float | None = None
    baseline: float | None = None
    current: float | None = None
    as_of: Date | None = None
    owner: Id
    source: Text | None = None
    history: list[HistoryPoint] = []
    _defined_in: str = PrivateAttr(default="")

    @property
    def defined_in(self) -> str:
        """The journey id that defines it, or '' for the shared kpis.yaml."""
        return self._defined_in

    def define_in(self, journey_id: str) -> None:
        """Set where the maps declare it: the journey whose file defines it, or '' for the shared kpis.yaml."""
        self._defined_in = journey_id

    def status(self, threshold: float = 0.1) -> KpiStatus:
        """met, at-risk (within `threshold` of the distance to go), missed, or unknown without figures."""
        if self.target is None or self.current is None:
            return "unknown"
        sign = 1 if self.direction == "up" else -1
        shortfall = (self.target - self.current) * sign
        if shortfall <= 0:
            return "met"
        scale = abs(self.target - self.baseline) if self.baseline is not None else abs(self.target)
        return "at-risk" if shortfall <= threshold * scale else "missed"


class KpisFile(_Strict):
    kpis: list[Kpi] = []
