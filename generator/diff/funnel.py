"""What changed in a journey's funnel: added or removed, its measure or date, and each stage's count with its
drop-off from the stage before (the figures `funnel` works out for the page, before and after).

Subjects: `funnel` for the funnel as a whole, `funnel:<stage-id>` for one stage's figures. The journey's
owner is concerned: it owns the funnel, as it owns the journey.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..funnel import Figures, Step, figures
from ..model import Journey
from ..text import plural
from ..vocabulary import format_figure
from .changes import Change, Concern

if TYPE_CHECKING:  # wording imports this module for `said`
    from .wording import _Plain


def _funnel(old: Journey, new: Journey) -> Iterator[Change]:
    j, owns = new.id, (Concern(new.owner, "owns"),)
    was, now = figures(old), figures(new)
    if was is None and now is None:
        return
    if was is None or now is None:
        shown = now or was
        assert shown is not None  # one side has a funnel
        kind = "funnel-added" if was is None else "funnel-removed"
        yield Change(kind, j, "funnel", shown.measure, extra=_facts(shown), concerns=owns)
        return
    edited = {f: [getattr(was, f), getattr(now, f)] for f in ("measure", "as_of", "period")}
    edited = {f: [_plain(v) for v in values] for f, values in edited.items() if values[0] != values[1]}
    if edited:
        yield Change("funnel-edited", j, "funnel", now.measure, extra={"fields": list(edited), "values": edited},
                     concerns=owns)  # fmt: skip
    before = {step.stage_id: step for step in was.steps}
    after = {step.stage_id: step for step in now.steps}
    for stage_id in [*after, *(s for s in before if s not in after)]:
        old_step, new_step = before.get(stage_id), after.get(stage_id)
        if _figures(old_step) != _figures(new_step):
            step = new_step or old_step
            assert step is not None  # the stage is on one side at least
            yield Change(
                "funnel-stage-changed", j, f"funnel:{stage_id}", step.name,
                old_step.count if old_step else None, new_step.count if new_step else None,
                extra={"drop_before": _drop(old_step), "drop_after": _drop(new_step),
                       "previous": step.previous,
                       "measure": now.measure},
                concerns=owns,
            )  # fmt: skip


def _figures(step: Step | None) -> tuple[int, float | None] | None:
    """What a reader sees change: the count and the drop-off as the page rounds it (0.1 of a percent)."""
    return None if step is None else (step.count, _drop(step))


def _drop(step: Step | None) -> float | None:
    """The drop-off from the stage before as a percentage, rounded as shown (None for the first stage)."""
    return None if step is None or step.drop is None else round(step.drop * 100, 1)


def _facts(f: Figures) -> dict[str, object]:
    largest = f.largest
    return {
        "measure": f.measure,
        "as_of": f.as_of.isoformat(),
        "stages": len(f.steps),
        "largest_drop": _drop(largest),
        "largest_at": largest.name if largest else None,
    }


def _plain(value: object) -> object:
    return value.isoformat() if hasattr(value, "isoformat") else value


def said(change: Change, st: _Plain) -> str:
    """`9,870 -> 11,200, drop-off from 'Consideration' 84.1 % -> 81.9 %`: a stage's count and drop-off."""
    k, x, a = change.kind, change.extra, st.arrow
    if k in ("funnel-added", "funnel-removed"):
        largest = (
            f", largest drop-off {format_figure(x['largest_drop'], 'percent')} at {st.name(x['largest_at'])}"
            if x["largest_at"]
            else ""
        )
        what = "added" if k == "funnel-added" else "removed"
        return f"funnel {what}: {st.name(x['measure'])}, {plural(x['stages'], 'stage')} as of {x['as_of']}{largest}"
    if k == "funnel-edited":
        return ", ".join(_edit(f, x["values"][f], st) for f in x["fields"])
    before, after = (format_figure(v, "count") for v in (change.before, change.after))
    counts = f"{before} {a} {after}" if before != after else f"{after} (unchanged)"
    drops = [format_figure(x[side], "percent") for side in ("drop_before", "drop_after")]
    drop = f", drop-off from {st.name(x['previous'])} {drops[0]} {a} {drops[1]}" if x["previous"] else ""
    return f"{counts}{drop}"


def _edit(name: str, values: list[object], st: _Plain) -> str:
    """`as_of 2026-09-30 -> 2026-10-31`; a long text is only said to be edited."""
    if any(len(str(v)) > 60 for v in values):
        return f"{name} edited"
    before, after = ("nothing" if v is None else st.code(str(v)) for v in values)
    return f"{name} {before} {st.arrow} {after}"
