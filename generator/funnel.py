"""A journey's funnel as readers see it: each stage's count, its share of the first stage, the drop-off
from the stage before, and the largest drop-off with the departments that own that stage's touchpoints.

Pure arithmetic on the model, so the journey page, the home page and `diff` say the same figures. It
never assumes the funnel is valid (`diff` compares snapshots that may not be): a stage id that names no
stage shows as written, and a stage whose count before it is 0 has no drop-off rather than a division by zero.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .model import Journey
from .vocabulary import format_figure


@dataclass(frozen=True)
class Step:
    """One stage of a funnel with its figures."""

    stage_id: str
    name: str
    """The stage's name, or its id as written where no stage has it."""
    count: int
    share: float | None
    """Fraction of the first stage's count; None when that count is 0."""
    drop: float | None
    """Fraction lost since the stage before (negative when the count rises); None for the first stage, or after a 0."""
    previous: str | None = None
    """The name of the stage before, for "between A and B"."""
    previous_count: int | None = None

    @property
    def lost(self) -> int | None:
        """Customers lost since the stage before (negative when the count rises)."""
        return None if self.previous_count is None else self.previous_count - self.count

    @property
    def count_text(self) -> str:
        return count_text(self.count)

    @property
    def previous_count_text(self) -> str:
        return count_text(self.previous_count)

    @property
    def share_text(self) -> str:
        return share_text(self.share)

    @property
    def drop_text(self) -> str:
        """'62.5 %' lost, or '–'; a rise reads as its size ('12 %'), which the page words as a rise."""
        return share_text(None if self.drop is None else abs(self.drop))

    @property
    def bar(self) -> str:
        """The bar's width as a CSS percentage of the widest (the first stage's), never more than 100 %."""
        return f"{min(self.share or 0.0, 1.0) * 100:.1f}%"


@dataclass(frozen=True)
class Figures:
    """A journey's funnel worked out: the steps in the order written, and where most customers are lost."""

    journey: Journey
    measure: str
    as_of: dt.date
    period: str | None
    steps: tuple[Step, ...]

    @property
    def largest(self) -> Step | None:
        """The step with the largest drop-off rate from the stage before (the first such on a tie), or None
        where no stage loses anyone. The rate, not the number lost: the top of a funnel always loses most."""
        dropping = [step for step in self.steps if step.drop is not None and step.drop > 0]
        return max(dropping, key=lambda step: step.drop or 0.0, default=None)

    def owners(self, step: Step) -> list[str]:
        """The department ids that own the touchpoints of a step's stage, in the order written, each once."""
        stage = next((s for s in self.journey.stages if s.id == step.stage_id), None)
        return list(dict.fromkeys(t.owner for t in stage.touchpoints)) if stage else []

    def step(self, stage_id: str) -> Step | None:
        return next((s for s in self.steps if s.stage_id == stage_id), None)


def figures(journey: Journey) -> Figures | None:
    """The journey's funnel worked out, or None where it has none."""
    funnel = journey.funnel
    if funnel is None:
        return None
    names = {stage.id: stage.name for stage in journey.stages}
    steps: list[Step] = []
    first: int | None = None
    for stage_id, count in funnel.stages.items():
        name = names.get(stage_id, stage_id)
        if not steps:
            first = count
            steps.append(Step(stage_id, name, count, 1.0 if count else None, None))
            continue
        before = steps[-1]
        drop = (before.count - count) / before.count if before.count else None
        share = count / first if first else None
        steps.append(Step(stage_id, name, count, share, drop, before.name, before.count))
    return Figures(journey, funnel.measure, funnel.as_of, funnel.period, tuple(steps))


def share_text(fraction: float | None) -> str:
    """A fraction as readers see a percentage: '40 %', '7.6 %', '–' where there is none."""
    return "–" if fraction is None else format_figure(round(fraction * 100, 1), "percent")


def count_text(count: int | None) -> str:
    """'120,000', or '–'."""
    return "–" if count is None else format_figure(count, "count")
