"""Maps that validation would refuse, for testing the later stages' own defences.

Validation refuses some characters (noncharacters such as U+FFFF, controls); the diagrams, the pages
and the plugin must stay safe even if one got through. These helpers load valid maps, then put such
text in place of a marker with pydantic's `model_copy`, which skips validation by design.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from journeymaps.model import Maps
from journeymaps.validate import validate
from pydantic import BaseModel

# What MkDocs' YAML reader, expat (inside Graphviz) or an XML parser refuse, or read as line breaks.
UNREADABLE = "\ufffe\uffff \ufdd0 \U0010ffff \x85 \u2028 \x01"  # (pydantic itself refuses lone surrogates)


def _swap(value: Any, marker: str, text: str) -> Any:
    if isinstance(value, str):
        return value.replace(marker, text)
    if isinstance(value, list):
        return [_swap(v, marker, text) for v in value]
    if isinstance(value, tuple):
        return tuple(_swap(v, marker, text) for v in value)
    if isinstance(value, dict):
        return {k: _swap(v, marker, text) for k, v in value.items()}
    if isinstance(value, BaseModel):
        return value.model_copy(
            update={name: _swap(getattr(value, name), marker, text) for name in type(value).model_fields}
        )
    return value


def crafted_maps(maps_dir: Path, marker: str, text: str) -> Maps:
    """The maps under `maps_dir` (which must be valid), with every `marker` in their text replaced by `text`."""
    result = validate(maps_dir)
    assert not result.failed(), [str(p) for p in result.errors]
    maps = result.maps
    return dataclasses.replace(
        maps,
        departments=_swap(maps.departments, marker, text),
        personas=_swap(maps.personas, marker, text),
        journeys=_swap(maps.journeys, marker, text),
        kpis=_swap(maps.kpis, marker, text),
    )


def with_source(maps: Maps, journey_id: str, source: str) -> Maps:
    """The maps with one journey read from another file path (a folder or file name validation would refuse)."""
    journey = maps.journeys[journey_id].model_copy()
    journey._source = source
    return dataclasses.replace(maps, journeys={**maps.journeys, journey_id: journey})
