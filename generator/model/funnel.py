"""A journey's funnel (`funnel:`): what is counted, when, and how many customers reach each stage.

Each count is checked here (JM413: a whole number from 0), and that there are two stages at least
(JM414); that the stages are the journey's own, in its order, is a cross-field rule in `checks.funnel`.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from .fields import Date, Text, _Strict

COUNT_MAX = 10**15
"""The largest count: more customers than any funnel has, and a bound on the arithmetic of shares."""


def _found(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int) and value > COUNT_MAX:
        return "a number over a quadrillion"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{value[:40]}'"
    return "nothing (an empty value)" if value is None else "a list or a mapping"


def _check_count(value: Any) -> Any:
    """A whole number from 0: never a fraction, a boolean or text such as '12,000' (JM413)."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= COUNT_MAX:
        return value
    digits = value.replace(",", "").replace(" ", "").replace("_", "") if isinstance(value, str) else ""
    hint = f": write it as {digits}" if digits.isdigit() and len(digits) < 20 else ""
    raise PydanticCustomError(
        "JM413",
        "count must be a whole number, 0 or more, found {found}{hint}",
        {"found": _found(value), "hint": hint},
    )


def _two_stages(value: dict[str, int]) -> dict[str, int]:
    if len(value) < 2:
        raise PydanticCustomError(
            "JM414",
            "needs at least two stages, found {n}: a funnel shows how many customers go on from one stage to the next",
            {"n": len(value)},
        )
    return value


Count = Annotated[int, BeforeValidator(_check_count), Field(ge=0, le=COUNT_MAX, description="customers at the stage")]


class Funnel(_Strict):
    """How many customers reach each stage: stage id -> count, in the journey's order."""

    measure: Text
    as_of: Date
    period: Text | None = None
    stages: Annotated[
        dict[str, Count],
        AfterValidator(_two_stages),
        Field(json_schema_extra={"minProperties": 2}, description="stage id -> count, in the journey's order"),
    ]
