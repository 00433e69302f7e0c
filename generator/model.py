"""The map format as typed models: one source of truth for validation, JSON Schema and the generator.

Each file kind is a strict pydantic model (no coercion, unknown keys refused). Field-level rules that
have a stable problem code raise `PydanticCustomError` with that code as its type, so the loader can
report them as they are. Cross-file rules (references, uniqueness) live in `checks`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, ValidationInfo
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ID_MAX = 64
RESERVED_IDS = frozenset(
    {"index", "assets", "search", "tags", "404", "con", "prn", "aux", "nul"}
    | {f"com{n}" for n in range(1, 10)}
    | {f"lpt{n}" for n in range(1, 10)}
)
RESERVED_SHOWN = "index, assets, search, tags, 404, con, prn, aux, nul, com1 to com9, lpt1 to lpt9"
CHANNELS = (
    "website", "mobile-app", "email", "sms", "social", "paid-social", "paid-search", "display-ads",
    "chat", "phone", "store", "events", "partner", "direct-mail", "print", "in-product",
)  # fmt: skip
UNIT_PATTERN = r"^(percent|count|ratio|seconds|score|currency:[A-Z]{3})$"
COLOR_PATTERN = r"^#[0-9a-fA-F]{6}$"
CONTACT_PATTERN = r'^([^@\s<>"]+@[^@\s<>"]+\.[^@\s<>"]+|#[\w.-]+|@[\w.-]+|https://[^\s<>"]+)$'
CODEOWNERS_PATTERN = r"^@[\w.-]+(/[\w.-]+)?$"

_ID = re.compile(ID_PATTERN)
_UNIT = re.compile(UNIT_PATTERN)
_COLOR = re.compile(COLOR_PATTERN)
_CONTACT = re.compile(CONTACT_PATTERN)
_CODEOWNERS = re.compile(CODEOWNERS_PATTERN)
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")

# Characters refused anywhere: in a file's raw text (by the loader) and in every text value (escapes).
# Unicode noncharacters (U+FDD0..U+FDEF and the last two code points of every plane) are refused too:
# YAML readers such as MkDocs' front-matter parser reject them, and they are never meant as text.
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff\u202a-\u202e\u2066-\u2069" + _NONCHARACTERS + "]"
)


def is_noncharacter(char: str) -> bool:
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def forbidden_character_message(char: str) -> str:
    point = f"U+{ord(char):04X}"
    if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        return f"bidirectional-override character {point} is not allowed: it can make text display as something else"
    if char in "\u200b\u200c\u200d\u2060\ufeff":
        return f"zero-width character {point} is not allowed: it hides text"
    if is_noncharacter(char):
        return f"Unicode noncharacter {point} is not allowed: it is never text, and YAML readers refuse it"
    return f"control character {point} is not allowed"


def check_id(value: str) -> str:
    if len(value) > ID_MAX:
        raise PydanticCustomError("JM107", "id '{short}…' is longer than 64 characters", {"short": value[:40]})
    if not _ID.fullmatch(value):
        raise PydanticCustomError(
            "JM107",
            "id '{value}' must be kebab-case: lower-case letters, digits and single hyphens (like 'online-purchase')",
            {"value": value[:80]},
        )
    if value in RESERVED_IDS:
        raise PydanticCustomError(
            "JM108",
            "id '{value}' is reserved for the site's own files and device names ({reserved}): choose another",
            {"value": value, "reserved": RESERVED_SHOWN},
        )
    return value


def _matching(pattern: re.Pattern[str], code: str, what: str) -> Any:
    """Text that must match `pattern`: our own problem code, and the pattern in the JSON Schema."""

    def check(value: str) -> str:
        if match := FORBIDDEN.search(value):  # written as an escape, the raw-text check cannot see it
            raise PydanticCustomError("JM003", forbidden_character_message(match.group()))
        if not pattern.fullmatch(value):
            raise PydanticCustomError(code, "'{value}' is not {what}", {"value": value[:80], "what": what})
        return value

    return Annotated[str, AfterValidator(check), Field(json_schema_extra={"pattern": pattern.pattern})]


def _check_date(value: Any) -> Any:
    if isinstance(value, str):
        try:
            if _DATE.fullmatch(value):
                return dt.date.fromisoformat(value)
        except ValueError:
            pass
        raise PydanticCustomError(
            "JM106", "'{value}' is not a real calendar date in the form YYYY-MM-DD", {"value": value[:40]}
        )
    return value


def _check_text(value: str, info: ValidationInfo) -> str:
    if match := FORBIDDEN.search(value):
        raise PydanticCustomError("JM003", forbidden_character_message(match.group()))
    limit = (info.context or {}).get("max_text_length")
    if limit and len(value) > limit:
        raise PydanticCustomError(
            "JM112", "text of {n} characters is longer than the limit of {limit}", {"n": len(value), "limit": limit}
        )
    # One spelling per text: 'café' typed as NFC (é) or NFD (e + U+0301) is the same name on the site and in search.
    return value if value.isascii() else unicodedata.normalize("NFC", value)


def _check_channel(value: str, info: ValidationInfo) -> str:
    channels = (info.context or {}).get("channels", CHANNELS)
    if value not in channels:
        raise PydanticCustomError("JM104", "unknown channel '{value}'", {"value": value[:80]})
    return value


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


Id = Annotated[str, AfterValidator(check_id), Field(json_schema_extra={"pattern": ID_PATTERN, "maxLength": ID_MAX})]
Text = Annotated[str, Field(min_length=1), AfterValidator(_check_text)]
Markdown = Annotated[
    str, Field(min_length=1, description="Markdown inline formatting and links"), AfterValidator(_check_text)
]
Date = Annotated[dt.date, BeforeValidator(_check_date)]
Emotion = Annotated[int, Field(ge=-2, le=2, description="-2 frustrated .. 0 neutral .. +2 delighted")]
Channel = Annotated[str, Field(json_schema_extra={"enum": list(CHANNELS)}), AfterValidator(_check_channel)]
IdList = list[Id]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Department(_Strict):
    id: Id
    name: Text
    description: Markdown | None = None
    contact: _matching(_CONTACT, "JM111", "an e-mail address, a #chat-channel or an https URL") | None = None
    codeowners: _matching(_CODEOWNERS, "JM111", "a code-host team such as '@acme/marketing'") | None = None
    color: _matching(_COLOR, "JM110", "a six-digit colour such as '#1f77b4'") | None = None


class DepartmentsFile(_Strict):
    departments: Annotated[list[Department], Field(min_length=1)]


class _FromFile(_Strict):
    """A model whose id is its file name (personas, journeys), set by the loader."""

    _id: str = PrivateAttr(default="")
    _source: str = PrivateAttr(default="")

    @property
    def id(self) -> str:
        """The file name without `.yaml`."""
        return self._id

    @property
    def source(self) -> str:
        """The file, relative to the maps directory, in POSIX form."""
        return self._source


class Persona(_FromFile):
    name: Text
    summary: Markdown
    segment: Text | None = None
    quote: Text | None = None
    goals: list[Markdown] = []
    frustrations: list[Markdown] = []


class PainPoint(_Strict):
    text: Markdown
    severity: Literal["low", "medium", "high"]


class Touchpoint(_Strict):
    id: Id
    name: Text
    channel: Channel
    owner: Id
    responsible: IdList = []
    consulted: IdList = []
    informed: IdList = []
    description: Markdown | None = None
    emotion: Emotion | None = None
    systems: list[Text] = []
    pain_points: list[PainPoint] = []
    opportunities: list[Markdown] = []
    kpis: IdList = []
    leads_to: list[Annotated[str, Field(description="a touchpoint id, or <journey-id>/<touchpoint-id>")]] = []

    def roles(self) -> dict[str, list[str]]:
        """Departments by role: A(ccountable owner), R, C, I, in the order written."""
        return {
            "owner": [self.owner],
            "responsible": self.responsible,
            "consulted": self.consulted,
            "informed": self.informed,
        }

    @property
    def worst_severity(self) -> str | None:
        order = {"low": 1, "medium": 2, "high": 3}
        return max((p.severity for p in self.pain_points), key=order.__getitem__, default=None)


class Stage(_Strict):
    id: Id
    name: Text
    goal: Markdown | None = None
    emotion: Emotion | None = None
    touchpoints: list[Touchpoint] = []


class HistoryPoint(_Strict):
    date: Date
    value: float


KpiStatus = Literal["met", "at-risk", "missed", "unknown"]


class Kpi(_Strict):
    id: Id
    name: Text
    unit: _matching(_UNIT, "JM104", "a unit: percent, count, ratio, seconds, score or currency:<ISO code>")
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


def format_figure(value: float | None, unit: str) -> str:
    """'71.5 %', '86,400 s', '1,250 EUR', '–' for no figure: the one way figures are written, on pages and in diffs."""
    if value is None:
        return "–"
    number = f"{value:,.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"
    if unit == "percent":
        return f"{number} %"
    if unit == "seconds":
        return f"{number} s"
    if unit.startswith("currency:"):
        return f"{number} {unit.split(':', 1)[1]}"
    return number


class Journey(_FromFile):
    title: Text
    persona: Annotated[
        IdList,
        BeforeValidator(_one_or_many, json_schema_input_type=Id | IdList),
        Field(min_length=1, description="a persona id, or a list of them"),
    ]
    owner: Id
    summary: Markdown | None = None
    tags: list[Id] = []
    stages: Annotated[list[Stage], Field(min_length=1)]
    kpis: list[Kpi] = []

    def touchpoints(self) -> Iterator[tuple[Stage, Touchpoint]]:
        for stage in self.stages:
            for touchpoint in stage.touchpoints:
                yield stage, touchpoint

    def local_target(self, target: str) -> str | None:
        """The touchpoint id a `leads_to` entry names inside this journey, or None when it leaves the journey."""
        journey_id, slash, touchpoint_id = target.rpartition("/")
        if not slash:
            return target
        return touchpoint_id if journey_id == self.id else None


class KpisFile(_Strict):
    kpis: list[Kpi] = []


FILE_MODELS: dict[str, type[_Strict]] = {
    "departments": DepartmentsFile,
    "persona": Persona,
    "journey": Journey,
    "kpis": KpisFile,
}


@dataclass(frozen=True)
class TouchpointRef:
    """A touchpoint with the journey and stage it stands in."""

    journey: Journey
    stage: Stage
    touchpoint: Touchpoint

    @property
    def address(self) -> str:
        """`<journey-id>/<touchpoint-id>`, as `leads_to` and the site's URLs use it."""
        return f"{self.journey.id}/{self.touchpoint.id}"


@dataclass(frozen=True)
class Maps:
    """Everything under one maps directory, after loading: the input of every later stage."""

    departments: dict[str, Department] = field(default_factory=dict)
    personas: dict[str, Persona] = field(default_factory=dict)
    journeys: dict[str, Journey] = field(default_factory=dict)
    kpis: dict[str, Kpi] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    """File kind or id -> path relative to the maps directory (departments, kpis)."""
    invalid: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)
    """Touchpoints left out of a journey because a required field is invalid (its problem is reported):
    `<journey-id>/<touchpoint-id>` -> (stage id, fields as written), so that `diff` can say what changed."""

    def touchpoints(self) -> Iterator[TouchpointRef]:
        for journey in self.journeys.values():
            for stage, touchpoint in journey.touchpoints():
                yield TouchpointRef(journey, stage, touchpoint)

    def touchpoint(self, address: str) -> TouchpointRef | None:
        """Look up `<journey-id>/<touchpoint-id>`."""
        journey_id, _, touchpoint_id = address.partition("/")
        journey = self.journeys.get(journey_id)
        for stage, touchpoint in journey.touchpoints() if journey else ():
            if touchpoint.id == touchpoint_id:
                return TouchpointRef(journey, stage, touchpoint)  # type: ignore[arg-type]
        return None

    def involvement(self, department_id: str) -> dict[str, list[TouchpointRef]]:
        """Every touchpoint where the department is owner, responsible, consulted or informed, by role."""
        found: dict[str, list[TouchpointRef]] = {"owner": [], "responsible": [], "consulted": [], "informed": []}
        for ref in self.touchpoints():
            for role, departments in ref.touchpoint.roles().items():
                if department_id in departments:
                    found[role].append(ref)
        return found

    def successors(self, ref: TouchpointRef) -> list[tuple[TouchpointRef, bool]]:
        """What a touchpoint leads to, with True for implied: its `leads_to`, or else the first touchpoint of
        the next stage that has one. The diagrams, the pages and the reachability warning all follow this."""
        if ref.touchpoint.leads_to:
            found = (self.touchpoint(self.resolve_leads_to(ref.journey, t)) for t in ref.touchpoint.leads_to)
            return [(r, False) for r in found if r is not None]
        stages = ref.journey.stages
        later = stages[next(i for i, s in enumerate(stages) if s is ref.stage) + 1 :]
        following = next((stage for stage in later if stage.touchpoints), None)
        return [(TouchpointRef(ref.journey, following, following.touchpoints[0]), True)] if following else []

    def leads_into(self, journey_id: str) -> list[tuple[TouchpointRef, str]]:
        """(touchpoint of another journey, touchpoint id in this one) for every `leads_to` entering the journey."""
        return self._leads_in.get(journey_id, [])

    @cached_property
    def _leads_in(self) -> dict[str, list[tuple[TouchpointRef, str]]]:
        found: dict[str, list[tuple[TouchpointRef, str]]] = {}
        for ref in self.touchpoints():
            for target in ref.touchpoint.leads_to:
                if ref.journey.local_target(target) is None:
                    journey_id, _, touchpoint_id = target.partition("/")
                    found.setdefault(journey_id, []).append((ref, touchpoint_id))
        return found

    def resolve_leads_to(self, journey: Journey, target: str) -> str:
        """A `leads_to` entry as a full `<journey-id>/<touchpoint-id>` address."""
        return target if "/" in target else f"{journey.id}/{target}"
