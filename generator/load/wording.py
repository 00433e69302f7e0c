"""pydantic's validation errors as our problems: the field named as written, what was found, what would fit."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any

from .. import yamlhints
from ..problems import Problem, did_you_mean, quote
from ..vocabulary import EMOTION_RANGE
from ..yamlread import NodePath
from .discover import SourceFile
from .fields import _BY_FIELD, _allowed_fields, _unknown_field_code, node_at

CHANNELS_HELP = "a site adds its own in mkdocs.yml (the journeymaps plugin's 'channels' option)"


# What a field's parent is called in messages, by the list that holds it.
_ITEM_NAMES = {
    "departments": "department", "stages": "stage", "touchpoints": "touchpoint", "kpis": "KPI",
    "pain_points": "pain point", "history": "history entry", "opportunities": "opportunity",
}  # fmt: skip


_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "float_type": "a number",
    "list_type": "a list",
    "dict_type": "a mapping of fields",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
    "bool_type": "true or false",
    "date_type": "a date (YYYY-MM-DD)",
    "int_from_float": "a whole number",
}


def _found(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {quote(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _owner_of(path: NodePath, data: Any) -> str:
    """Whose field a path names: "touchpoint 'checkout'" inside a touchpoint, "KPI 'nps' history entry 2" below it.

    '' at the top of the file.
    """
    node, name = data, ""
    for index, part in enumerate(path):
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if index == 0 and part in _BY_FIELD:  # "funnel: missing required field 'as_of'"
            name = str(part)
        if isinstance(part, int) and index > 0:
            item = _ITEM_NAMES.get(str(path[index - 1]), "entry")
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                # An opportunity's id is unique in its journey only: its touchpoint says where it is.
                name = f"{name if item == 'opportunity' else ''} {item} {quote(node['id'])}".strip()
            else:
                name = f"{name} {item} {part + 1}".strip()
    return name


def _naming_the_field(loc: NodePath, data: Any, field_name: str, message: str) -> str:
    """A rule's message with the field as written in the file: "department 'x': color: '…' is not a colour".

    The rules' own words say what is wrong with a value; the map editor also needs to know where.
    """
    field_at = max((i for i, part in enumerate(loc) if isinstance(part, str)), default=None)
    if field_at is None:
        return message
    owner = _owner_of(loc[:field_at], data)
    entry = f"entry {loc[-1] + 1}: " if field_at < len(loc) - 1 and isinstance(loc[-1], int) else ""
    said = re.search(rf"\b{re.escape(field_name)}\b", message.split("'", 1)[0])  # "unknown channel 'x'"
    named = f"{entry}" if said and not entry else f"{field_name}: {entry}"
    return f"{owner}: {named}{message}" if owner else f"{named}{message}"


def _schema_problem(source: SourceFile, error: dict[str, Any], data: Any, channels: tuple[str, ...]) -> Problem:
    """One pydantic error as a problem with a code, a position and words a map editor understands."""
    loc: NodePath = tuple(error["loc"])
    kind, value = error["type"], error.get("input")
    field_name = next((str(p) for p in reversed(loc) if isinstance(p, str)), source.kind)
    parent = loc[:-1] if loc and isinstance(loc[-1], str) else loc
    where = _owner_of(parent, data)
    subject = f"{where}: " if where else ""
    if kind.startswith("JM"):
        message = _naming_the_field(loc, data, field_name, error["msg"])
        return source.problem(loc, kind, message + _channel_hint(field_name, kind, value, channels, source.suggest))
    if kind == "missing":
        return source.problem(parent, "JM101", f"{subject}missing required field '{field_name}'")
    if kind == "extra_forbidden":
        return _unknown_field(source, loc, subject, field_name, data)
    if kind in ("less_than_equal", "greater_than_equal", "less_than", "greater_than"):
        low_high = EMOTION_RANGE if field_name == "emotion" else error["msg"].lower()
        return source.problem(loc, "JM105", f"{subject}'{field_name}' must be {low_high}, found {value}")
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        options = re.findall(r"'([^']*)'", expected)
        hint = source.suggest(str(value), options) if isinstance(value, str) else ""
        return source.problem(
            loc, "JM104", f"{subject}'{field_name}' must be one of {expected}, found {_found(value)}{hint}"
        )
    if kind in ("string_too_short", "too_short"):
        what = "must not be empty" if kind == "string_too_short" else "needs at least one entry"
        return source.problem(loc, "JM109", f"{subject}'{field_name}' {what}")
    if kind == "string_type" and len(loc) >= 2 and loc[-2] == "opportunities":
        return source.problem(loc, "JM103", f"{subject}must be a text or a mapping with 'text', found {_found(value)}")
    if kind in _TYPE_WORDS:
        if not loc:
            return source.problem(
                loc, "JM103", f"the file must hold {_TYPE_WORDS[kind]} at the top, found {_found(value)}"
            )
        problem = source.problem(
            loc, "JM103", f"{subject}'{field_name}' must be {_TYPE_WORDS[kind]}, found {_found(value)}"
        )
        return _with_layout_hint(source, problem, value)
    return source.problem(loc, "JM103", f"{subject}'{field_name}': {error['msg']}")


def _unknown_field(source: SourceFile, loc: NodePath, subject: str, field_name: str, data: Any) -> Problem:
    """An unknown field, with the close field name; in an opportunity (JM501), `- Idea: x` is a text to quote."""
    parent = loc[:-1]
    allowed = _allowed_fields(source.kind, parent)
    code = _unknown_field_code(source.kind, parent)
    close = source.suggest(field_name, allowed)
    problem = source.problem(loc, code, f"{subject}unknown field '{field_name}'{close}", key=True)
    if code == "JM501" and not close:
        mapping = node_at(data, parent)
        if isinstance(mapping, dict) and len(mapping) == 1:  # `- Idea: more stock` reads as a mapping
            return _with_layout_hint(source, problem, mapping, always=True)
    return problem


def _channel_hint(
    field_name: str, kind: str, value: Any, channels: tuple[str, ...], suggest: Callable[[str, Any], str] = did_you_mean
) -> str:
    """For an unknown channel: the close match, the allowed channels, and how a site adds its own."""
    if field_name != "channel" or kind != "JM104" or not isinstance(value, str):
        return ""
    return f"{suggest(value, channels)}: the channels are {', '.join(channels)}; {CHANNELS_HELP}"


def _with_layout_hint(source: SourceFile, problem: Problem, value: Any, *, always: bool = False) -> Problem:
    """`name: #1 choice` reads as an empty value and a comment, `- Idea: x` as a mapping: say so."""
    hint = ""
    if value is None:
        hint = yamlhints.comment_hint(source.text, problem.line, problem.column)
    elif isinstance(value, dict) and len(value) == 1 and (always or "must be text" in problem.message):
        hint = yamlhints.colon_hint(source.text, problem.line, problem.column)
    elif isinstance(value, str) and "must be a list" in problem.message:
        hint = yamlhints.bullet_hint(value)
    return dataclasses.replace(problem, message=problem.message + hint) if hint else problem
