"""JSON Schema (draft 2020-12) of each file kind, exported from the same models that validate.

The channel list is the site's: channels a site adds in mkdocs.yml are allowed in its schema too, so
that an editor does not flag what `validate` accepts.
"""

from __future__ import annotations

import json
from typing import Any

from .model import CHANNELS, FILE_MODELS
from .settings import Settings

KINDS = tuple(FILE_MODELS)
DESCRIPTIONS = {
    "departments": "journeymaps: maps/departments.yaml, every department (team) that can own something.",
    "persona": "journeymaps: maps/personas/<persona-id>.yaml, one persona; the id is the file name.",
    "journey": "journeymaps: maps/journeys/**/<journey-id>.yaml, one journey map; the id is the file name.",
    "kpis": "journeymaps: maps/kpis.yaml, KPIs shared by several journeys.",
}


def _with_channels(node: Any, channels: list[str]) -> Any:
    """The schema with every channel enum (the contract's list) replaced by the site's list."""
    if isinstance(node, dict):
        if node.get("enum") == list(CHANNELS):
            node = {**node, "enum": channels}
        return {key: _with_channels(value, channels) for key, value in node.items()}
    if isinstance(node, list):
        return [_with_channels(item, channels) for item in node]
    return node


def json_schema(kind: str, settings: Settings | None = None) -> dict[str, Any]:
    schema = FILE_MODELS[kind].model_json_schema()
    if settings is not None and settings.channels != CHANNELS:
        schema = _with_channels(schema, list(settings.channels))
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": f"journeymaps {kind}",
        "description": DESCRIPTIONS[kind],
    }


def render(kind: str, settings: Settings | None = None) -> str:
    return json.dumps(json_schema(kind, settings), indent=2, ensure_ascii=False) + "\n"
