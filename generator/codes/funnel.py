"""Problem codes JM411-JM415: a journey's funnel (how many customers reach each stage)."""

from __future__ import annotations

from .examples import _TWO_STAGES, Code, E, W


def _funnel(stages: str, head: str = "  measure: Sessions\n  as_of: 2026-10-31\n") -> dict[str, str | None]:
    """The two-stage journey with a funnel whose `stages:` block is `stages` (indented by four spaces)."""
    return {"journeys/purchase.yaml": _TWO_STAGES + "funnel:\n" + head + "  stages:\n" + stages}


_FUNNEL = _funnel("    buy: 1200\n    after: 300\n")

CODES: tuple[Code, ...] = (
    Code(
        "JM411",
        "funnel-unknown-stage",
        E,
        "A funnel stage that is not a stage of its journey; a close match is suggested.",
        failing=_funnel("    buy: 1200\n    aftr: 300\n"),
        passing=_FUNNEL,
    ),
    Code(
        "JM412",
        "funnel-stage-order",
        E,
        "A funnel's stages out of the journey's order: each comes after the stages before it in the journey.",
        failing=_funnel("    after: 300\n    buy: 1200\n"),
        passing=_FUNNEL,
    ),
    Code(
        "JM413",
        "funnel-count",
        E,
        "A funnel count that is not a whole number from 0 (to a quadrillion): no fraction, no text such as "
        "`1,200`, no empty value.",
        failing=_funnel('    buy: "1,200"\n    after: 300\n'),
        passing=_FUNNEL,
    ),
    Code(
        "JM414",
        "funnel-too-few-stages",
        E,
        "A funnel with fewer than two stages: it shows how many customers go on from one stage to the next.",
        failing=_funnel("    buy: 1200\n"),
        passing=_FUNNEL,
    ),
    Code(
        "JM415",
        "funnel-count-rises",
        W,
        "A funnel count larger than the count of the stage before it: a funnel counts the customers who get that "
        "far, so more at a later stage is usually a typo or a mix of measures.",
        failing=_funnel("    buy: 300\n    after: 1200\n"),
        passing=_FUNNEL,
    ),
)
