"""The map format as typed models: one source of truth for validation, JSON Schema and the generator.

Each file kind is a strict pydantic model (no coercion, unknown keys refused). Field-level rules that
have a stable problem code raise `PydanticCustomError` with that code as its type, so the loader can
report them as they are. Cross-file rules (references, uniqueness) live in `checks`.
"""

from __future__ import annotations

from .departments import Department, DepartmentsFile
from .fields import (
    CHANNELS,
    CODEOWNERS_PATTERN,
    COLOR_PATTERN,
    CONTACT_PATTERN,
    FORBIDDEN,
    ID_MAX,
    ID_PATTERN,
    RESERVED_IDS,
    RESERVED_SHOWN,
    UNIT_PATTERN,
    Channel,
    CodeOwners,
    Color,
    Contact,
    Date,
    Emotion,
    Id,
    IdList,
    Markdown,
    Text,
    Unit,
    _FromFile,
    _Strict,
    check_id,
    forbidden_character_message,
    forbidden_in,
    is_noncharacter,
)
from .funnel import Funnel
from .journeys import Journey, PainPoint, Stage, Touchpoint
from .kpis import HistoryPoint, Kpi, KpisFile
from .maps import FILE_MODELS, Maps, OpportunityRef, TouchpointRef
from .opportunities import Opportunity
from .personas import Persona

__all__ = [
    "CHANNELS",
    "CODEOWNERS_PATTERN",
    "COLOR_PATTERN",
    "CONTACT_PATTERN",
    "FILE_MODELS",
    "FORBIDDEN",
    "ID_MAX",
    "ID_PATTERN",
    "RESERVED_IDS",
    "RESERVED_SHOWN",
    "UNIT_PATTERN",
    "Channel",
    "CodeOwners",
    "Color",
    "Contact",
    "Date",
    "Department",
    "DepartmentsFile",
    "Emotion",
    "Funnel",
    "HistoryPoint",
    "Id",
    "IdList",
    "Journey",
    "Kpi",
    "KpisFile",
    "Maps",
    "Markdown",
    "Opportunity",
    "OpportunityRef",
    "PainPoint",
    "Persona",
    "Stage",
    "Text",
    "Touchpoint",
    "TouchpointRef",
    "Unit",
    "_FromFile",
    "_Strict",
    "check_id",
    "forbidden_character_message",
    "forbidden_in",
    "is_noncharacter",
]
