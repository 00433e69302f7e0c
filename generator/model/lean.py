"""The lean road for clean files: each file model's own schema with the text and id checks left to pydantic-core.

Some 120,000 calls into `_check_text` and `check_id` were the largest part of validating big maps (each a call
from pydantic-core into Python). For a file whose every string is already known to pass `_check_text`, and
where no string is a reserved id, those calls say nothing: the lean validator leaves `_check_text` out and
checks ids with the same pattern and length natively. Anything it refuses goes to the full model, which says
what is wrong in the usual words, so the problems are the same; what it accepts is the same model, field for
field (the same classes, from the same schema).
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

from pydantic import BaseModel
from pydantic_core import SchemaValidator

from .fields import ID_MAX, ID_PATTERN, RESERVED_IDS, _check_text, _Strict, check_id, forbidden_in


def plain_strings(strings: list[str], max_text_length: int | None, escapes: bool) -> bool:
    """True when none of a file's strings could make `_check_text` or `check_id` say more than the lean
    validator: none longer than the limit, none a reserved id, none changed by NFC normalisation, and (when
    the file has escapes, which can write what the raw-text check refused) none holding a refused character.
    Asked of the whole list at once where it can be, so that 170,000 strings cost a few milliseconds."""
    if not strings:
        return True
    if max_text_length and max(map(len, strings)) > max_text_length:
        return False
    if not RESERVED_IDS.isdisjoint(strings):
        return False
    if not escapes and all(map(str.isascii, strings)):
        return True
    for text in strings:
        if not text.isascii() and not unicodedata.is_normalized("NFC", text):
            return False
        if escapes and forbidden_in(text).search(text):
            return False
    return True


@cache
def validator(model: type[_Strict]) -> SchemaValidator | None:
    """`model`'s validator without the Python text and id checks (made once per process, on first use), or None
    where this pydantic's core schemas are not what `_lean` knows: a new release then costs speed, never a crash."""
    try:
        schema = model.__pydantic_core_schema__
        outer = schema["schema"] if schema["type"] == "definitions" else schema
        with _LOCK, _built_anew(_models(schema)):
            return SchemaValidator(_lean(schema), outer.get("config"))  # each model's strictness stays in its schema
    except Exception:  # any surprise in pydantic's internals means: take the full road
        return None


_LOCK = threading.Lock()


@contextmanager
def _built_anew(models: set[type[BaseModel]]) -> Iterator[None]:
    """pydantic-core reuses the validator a complete model already has wherever a schema names the model
    (`get_prebuilt`), which would bring the Python checks back; so the models count as incomplete while the
    lean validator is built (a few milliseconds, once per process), then as they were."""
    was = {model: model.__dict__.get("__pydantic_complete__", False) for model in models}
    for model in models:
        type.__setattr__(model, "__pydantic_complete__", False)
    try:
        yield
    finally:
        for model, complete in was.items():
            type.__setattr__(model, "__pydantic_complete__", complete)


def _models(node: Any) -> set[type[BaseModel]]:
    """Every model class a core schema names."""
    if isinstance(node, list):
        return set().union(*map(_models, node)) if node else set()
    if not isinstance(node, dict):
        return set()
    found = {node["cls"]} if node.get("type") == "model" else set()
    return found.union(*(_models(value) for value in node.values()))


def _lean(node: Any) -> Any:
    """A copy of a core schema with `_check_text` left out and `check_id` done by pydantic-core."""
    if isinstance(node, list):
        return [_lean(item) for item in node]
    if not isinstance(node, dict):
        return node
    if node.get("type") == "function-after":
        check = node["function"]["function"]
        if check is _check_text:
            return _lean(node["schema"])
        if check is check_id:
            inner = _lean(node["schema"])
            if inner.get("type") == "str":
                return {**inner, "pattern": ID_PATTERN, "max_length": ID_MAX}
    if node.get("type") == "default" and node.get("default") == [] and type(node["default"]) is list:
        # The same fresh empty list, without pydantic-core calling `copy.deepcopy` for each (17,000 at 10,000).
        return {**{k: _lean(v) for k, v in node.items() if k != "default"}, "default_factory": list}
    return {key: _lean(value) for key, value in node.items()}
