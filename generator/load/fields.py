"""Places in a file: the node at a path of keys and indexes, and which fields a file kind allows there (for
salvaging a file and for 'did you mean')."""

from __future__ import annotations

from typing import Any

from .. import model
from ..model import (
    FILE_MODELS,
    _Strict,
)
from ..yamlread import NodePath


def node_at(data: Any, path: NodePath) -> Any:
    """The value at `path` in data as read, or None where the path leads nowhere."""
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _model_at(kind: str, parent: NodePath) -> type[_Strict] | None:
    if not parent:
        return FILE_MODELS[kind]
    if isinstance(parent[-1], int) and len(parent) >= 2:
        return _BY_LIST.get(str(parent[-2]))
    if len(parent) == 1:
        return _BY_FIELD.get(str(parent[0]))
    return None


_ALL_FIELDS = sorted(
    {
        name
        for cls in vars(model).values()
        if isinstance(cls, type) and issubclass(cls, _Strict)
        for name in cls.model_fields
    }
)


_BY_LIST: dict[str, type[_Strict]] = {
    "departments": model.Department, "stages": model.Stage, "touchpoints": model.Touchpoint, "kpis": model.Kpi,
    "pain_points": model.PainPoint, "history": model.HistoryPoint, "opportunities": model.Opportunity,
}  # fmt: skip

_UNKNOWN_FIELD_CODES: dict[type[_Strict], str] = {model.Opportunity: "JM501"}
"""Unknown fields with a code of their own (JM102 elsewhere)."""


def _unknown_field_code(kind: str, parent: NodePath) -> str:
    """The code of an unknown field at `parent`."""
    found = _model_at(kind, parent)
    return _UNKNOWN_FIELD_CODES.get(found, "JM102") if found else "JM102"


_BY_FIELD: dict[str, type[_Strict]] = {"funnel": model.Funnel}
"""Top-level fields that hold a mapping of fields of their own."""


def _allowed_fields(kind: str, parent: NodePath) -> list[str]:
    """Field names valid at `parent`, for "did you mean"."""
    return list((_model_at(kind, parent) or FILE_MODELS[kind]).model_fields)
