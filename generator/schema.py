"""JSON Schema (draft 2020-12) of each file kind, exported from the same models that validate."""

from __future__ import annotations

import json
from typing import Any

from .model import FILE_MODELS

KINDS = tuple(FILE_MODELS)
DESCRIPTIONS = {
    "departments": "journeymaps: maps/departments.yaml, every department (team) that can own something.",
    "persona": "journeymaps: maps/personas/<persona-id>.yaml, one persona; the id is the file name.",
    "journey": "journeymaps: maps/journeys/**/<journey-id>.yaml, one journey map; the id is the file name.",
    "kpis": "journeymaps: maps/kpis.yaml, KPIs shared by several journeys.",
}


def json_schema(kind: str) -> dict[str, Any]:
    schema = FILE_MODELS[kind].model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": f"journeymaps {kind}",
        "description": DESCRIPTIONS[kind],
    }


def render(kind: str) -> str:
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"
