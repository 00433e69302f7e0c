"""An opportunity on a touchpoint: a plain text (version 1) or an object with owner, status, scores and a link.

Plain texts stay as written (so version 1 maps read, diff and render as before); `Touchpoint.opportunity_items`
gives every entry as an `Opportunity`. References (owner, kpis) and unique ids are checked across files
in `checks`; what one value may hold is checked here, each with its own problem code (JM5xx).
"""

from __future__ import annotations

import re
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import BeforeValidator, Discriminator, Field, Tag, ValidationInfo
from pydantic_core import PydanticCustomError

from ..problems import did_you_mean
from ..vocabulary import (
    OPPORTUNITY_SCORE_MAX,
    OPPORTUNITY_SCORE_MIN,
    OPPORTUNITY_STATUS_DEFAULT,
    OPPORTUNITY_STATUSES,
    OpportunityStatusName,
)
from .fields import Id, IdList, Markdown, _Strict, forbidden_character_message, forbidden_in

LINK_PATTERN = r'^https://[^\s/?#<>"\\]+([/?#][^\s<>"\\]*)?$'
_LINK = re.compile(LINK_PATTERN)
UNION_TAGS = frozenset({"opportunity-text", "opportunity-object"})
"""How pydantic names the two shapes of an entry in an error's location; the loader drops them."""


def _check_status(value: Any) -> Any:
    if isinstance(value, str) and value not in OPPORTUNITY_STATUSES:
        raise PydanticCustomError(
            "JM502",
            "unknown status '{value}'{hint}: the statuses are {statuses}",
            {
                "value": value[:80],
                "hint": did_you_mean(value, OPPORTUNITY_STATUSES),
                "statuses": ", ".join(OPPORTUNITY_STATUSES),
            },
        )
    return value


def _check_score(value: Any, info: ValidationInfo) -> Any:
    if (
        isinstance(value, int)
        and not isinstance(value, bool)
        and OPPORTUNITY_SCORE_MIN <= value <= OPPORTUNITY_SCORE_MAX
    ):
        return value
    found = (
        f"'{value[:40]}'" if isinstance(value, str) else str(value).lower() if isinstance(value, bool) else str(value)
    )
    raise PydanticCustomError(
        "JM506",
        "{field} must be a whole number from {low} to {high}, found {found}",
        {
            "field": info.field_name or "score",
            "low": OPPORTUNITY_SCORE_MIN,
            "high": OPPORTUNITY_SCORE_MAX,
            "found": found[:60],
        },
    )


def _check_link(value: str) -> str:
    if match := forbidden_in(value).search(value):
        raise PydanticCustomError("JM003", forbidden_character_message(match.group()))
    if not _LINK.fullmatch(value) or not urlsplit(value).hostname:
        raise PydanticCustomError(
            "JM507",
            "link '{value}' is not an https URL (like 'https://tracker.example.com/CX-123'): the work item's address",
            {"value": value[:80]},
        )
    return value


Status = Annotated[
    OpportunityStatusName,
    BeforeValidator(_check_status),
    Field(description=" | ".join(OPPORTUNITY_STATUSES)),
]
Score = Annotated[
    int,
    Field(
        ge=OPPORTUNITY_SCORE_MIN,
        le=OPPORTUNITY_SCORE_MAX,
        description=f"{OPPORTUNITY_SCORE_MIN} (little) .. {OPPORTUNITY_SCORE_MAX} (a lot)",
    ),
    BeforeValidator(_check_score),
]
Link = Annotated[
    str,
    BeforeValidator(lambda v: _check_link(v) if isinstance(v, str) else v),
    Field(json_schema_extra={"pattern": LINK_PATTERN}, description="an https URL of the work item"),
]


class Opportunity(_Strict):
    text: Markdown
    id: Id | None = None
    owner: Id | None = Field(default=None, description="a department id; default: the touchpoint's owner")
    status: Status = OPPORTUNITY_STATUS_DEFAULT
    value: Score | None = Field(default=None, description="value to customers and the business")
    effort: Score | None = None
    link: Link | None = None
    kpis: IdList = Field(default=[], description="KPI ids it is meant to move")


def _shape(value: Any) -> str:
    return "opportunity-object" if isinstance(value, dict) else "opportunity-text"


OpportunityEntry = Annotated[
    Annotated[Markdown, Tag("opportunity-text")] | Annotated[Opportunity, Tag("opportunity-object")],
    Discriminator(_shape),
]
"""One entry of `opportunities`: a plain text, or an object with at least `text`."""


def as_opportunity(entry: str | Opportunity) -> Opportunity:
    """Every entry as an object: a plain text is an idea owned by the touchpoint's owner, with no scores."""
    return entry if isinstance(entry, Opportunity) else Opportunity.model_construct(text=entry)
