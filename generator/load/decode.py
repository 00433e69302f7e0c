"""Read one file: bytes -> YAML -> typed model, keeping what is valid of a partly valid file and saying what is not."""

from __future__ import annotations

import itertools
import os
import re
import stat
from collections import Counter
from pathlib import Path
from typing import Any, cast

from pydantic import ValidationError

from .. import yamlread
from ..model import (
    FILE_MODELS,
    Journey,
    Persona,
    _Strict,
    forbidden_character_message,
    forbidden_in,
    lean,
)
from ..model.opportunities import UNION_TAGS
from ..problems import Problem, Suggestions, more_message, quote
from ..settings import Settings
from ..yamlread import Located, NodePath, ReadError
from .discover import SourceFile, _file_type, _reason
from .fields import _ALL_FIELDS, _model_at, node_at
from .wording import _schema_problem


def read(source: SourceFile, settings: Settings, path: Path) -> None:
    """Read and type-check one file, recording its problems; never raises for bad input."""
    limits = settings.limits
    source.max_depth = limits.max_depth
    raw = _read_bytes(source, path, limits.max_file_bytes)
    text = None if raw is None else _text(source, raw)
    if text is None:
        return
    source.text = text
    fast, data = yamlread.parse_fast(text)
    strings: list[str] = []
    if fast and data is not None and yamlread.count_values(data, limits.max_values, strings) <= limits.max_values:
        plain = lean.plain_strings(strings, limits.max_text_length, escapes="\\" in text)
        parsed = _validate_lean(source, data, settings) if plain else None
        errors: list[dict[str, Any]] = []
        if parsed is None:
            parsed, errors = _validate(source, data, settings, marked=False)
        if not errors:
            source.data, source.model = data, parsed
            return
    _read_precisely(source, text, settings)


def utf8_text(raw: bytes, display: str) -> str | Problem:
    """A map or measurements file's text (a byte-order mark dropped), or JM002 at its first byte that is not UTF-8."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        message = f"the file is not UTF-8 text (byte 0x{raw[error.start]:02x}): save it as UTF-8"
        return Problem(display, line, column, "JM002", message)


def _text(source: SourceFile, raw: bytes) -> str | None:
    """The file's text, or None with a problem recorded: not UTF-8, or holding characters refused anywhere."""
    text = utf8_text(raw, source.display)
    if isinstance(text, Problem):
        source.problems.append(text)
        return None
    found = forbidden_in(text).finditer(text)
    bad = [_forbidden_problem(source, text, match) for match in itertools.islice(found, MAX_LISTED)]
    if not bad:
        return text
    source.problems.extend(bad)
    if (unlisted := next(found, None)) is not None:
        at = _forbidden_problem(source, text, unlisted)
        more = 1 + sum(1 for _ in found)
        source.problems.append(Problem(at.file, at.line, at.column, "JM003", more_message("JM003", more), more=more))
    return None


def _read_precisely(source: SourceFile, text: str, settings: Settings) -> None:
    """The slow path, for a file the fast reader refused or whose data is invalid: positions for every node,
    the contract's own refusals (duplicate keys, tags, ...), and what is valid of the file salvaged."""
    limits = settings.limits
    try:
        data, located = yamlread.parse_precise(text, limits.max_depth, limits.max_values)
    except ReadError as error:
        source.problems.append(Problem(source.display, error.line, error.column, error.code, error.message))
        return
    source._located = located
    if data is None:
        message = "the file is empty: it needs the fields of a " + _KIND_NAMES[source.kind]
        source.problems.append(Problem(source.display, 1, 1, "JM011", message))
        return
    refused = [issue.path for issue in located.issues]
    source.problems.extend(_listed(source, located.issues))
    data = _restore_as_written(data, located)
    source.model, errors = _validate(source, data, settings)
    source.data = _settle(data, prefer_text=set())
    if errors:
        source.model, source.dropped = _salvage(source, data, errors, settings)
    for detail in _without_echoes(errors, source.suggest, source.data):
        loc = tuple(detail["loc"])
        if any(loc[: len(path)] == path for path in refused):
            continue
        source.problems.append(_schema_problem(source, detail, data, settings.channels))


def _read_bytes(source: SourceFile, path: Path, limit: int) -> bytes | None:
    """The file's bytes, or None with a problem recorded: too large, not a plain file, or unreadable.

    Opened without following a link and without blocking, then checked on the open descriptor, so
    that nothing swapped in after `discover` looked (a link, a FIFO) is read either; at most
    `limit` + 1 bytes are read whatever the file claims.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        source.problems.append(Problem(source.display, 1, 1, "JM019", f"the file cannot be read ({_reason(error)})"))
        return None
    try:
        with os.fdopen(descriptor, "rb") as handle:
            status = os.fstat(handle.fileno())
            mode, size = status.st_mode, status.st_size
            if not stat.S_ISREG(mode):
                message = f"{quote(source.rel)} is {_file_type(mode)}, not a regular file: map files are plain files"
                source.problems.append(Problem(source.display, 1, 1, "JM018", message))
                return None
            raw = handle.read(limit + 1) if size <= limit else b""
    except OSError as error:
        source.problems.append(Problem(source.display, 1, 1, "JM019", f"the file cannot be read ({_reason(error)})"))
        return None
    if size > limit or len(raw) > limit:
        size = max(size, len(raw))
        source.problems.append(
            Problem(
                source.display, 1, 1, "JM001", f"file is {size:,} bytes, over the limit of {limit:,} (max_file_bytes)"
            )
        )
        return None
    return raw


MAX_LISTED = 20
"""Problems of one kind listed per file (forbidden characters, aliases, tags, duplicate keys); the rest are counted."""


_KIND_NAMES = {"departments": "departments file", "kpis": "KPIs file", "persona": "persona", "journey": "journey"}


def _listed(source: SourceFile, issues: list[yamlread.ReadIssue]) -> list[Problem]:
    """The first MAX_LISTED issues of each code, then one line counting the rest: a flood stays a few lines."""
    totals = Counter(issue.code for issue in issues)
    seen: Counter[str] = Counter()
    listed: list[Problem] = []
    for issue in issues:
        seen[issue.code] += 1
        if seen[issue.code] <= MAX_LISTED:
            listed.append(Problem(source.display, *issue.position, issue.code, issue.message))
        elif seen[issue.code] == MAX_LISTED + 1:
            more = totals[issue.code] - MAX_LISTED
            message = more_message(issue.code, more)
            listed.append(Problem(source.display, *issue.position, issue.code, message, more=more))
    return listed


def _salvage(
    source: SourceFile, data: Any, errors: list[dict[str, Any]], settings: Settings
) -> tuple[_Strict | None, dict[str, set[str]]]:
    """A model of what is valid in a file with schema errors, so that the cross-file checks still see it.

    An invalid optional field is left out; an item with an invalid required field is dropped from its
    list (and its id remembered, so that references to it stay quiet). Its problems are already reported.
    """
    plain = _settle(data, prefer_text=_wanted_as_text(source, data, settings))
    dropped: dict[str, set[str]] = {}
    for _ in range(5):
        cuts: set[NodePath] = set()
        for error in errors:
            cut = _cut_for(source.kind, tuple(error["loc"]), error["type"])
            if cut is None:
                return None, dropped
            cuts.add(cut)
        for cut in sorted(
            cuts, key=lambda path: [(1, p) if isinstance(p, str) else (0, p) for p in path], reverse=True
        ):
            parent = node_at(plain, cut[:-1])
            if isinstance(parent, list) and isinstance(cut[-1], int) and cut[-1] < len(parent):
                item = parent.pop(cut[-1])
                if isinstance(item, dict) and isinstance(item.get("id"), str) and len(cut) >= 2:
                    dropped.setdefault(str(cut[-2]), set()).add(item["id"])
                    if cut[-2] == "stages":
                        dropped.setdefault("touchpoints", set()).update(ids_of(item.get("touchpoints")))
            elif isinstance(parent, dict):
                parent.pop(cut[-1], None)
        model, errors = _validate(source, plain, settings)
        if model is not None:
            return model, dropped
    return None, dropped


def _cut_for(kind: str, loc: NodePath, error_type: str) -> NodePath | None:
    """What to remove for one error: the field when it is optional, else the list item holding it."""
    if error_type == "extra_forbidden":
        return loc
    field_at = (
        len(loc)
        if error_type == "missing"
        else next((i for i in range(len(loc) - 1, -1, -1) if isinstance(loc[i], str)), None)
    )
    if error_type != "missing" and field_at is not None:
        model_class = _model_at(kind, loc[:field_at])
        field_info = model_class.model_fields.get(str(loc[field_at])) if model_class else None
        if field_info is not None and not field_info.is_required():
            return loc[: field_at + 1]
    for i in range(len(loc) - 1, 0, -1):
        if isinstance(loc[i], int) and i + 1 < len(loc):
            return loc[: i + 1]
    for i in range(len(loc) - 1, -1, -1):  # inside an optional mapping (a funnel): leave the mapping out
        model_class = _model_at(kind, loc[:i]) if isinstance(loc[i], str) else None
        field_info = model_class.model_fields.get(str(loc[i])) if model_class else None
        if field_info is not None and not field_info.is_required():
            return loc[: i + 1]
    return None


def ids_of(items: Any) -> set[str]:
    """The text ids of the mappings in a list, whatever shape the list is in."""
    if not isinstance(items, list):
        return set()
    return {item["id"] for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)}


def _without_echoes(errors: list[dict[str, Any]], suggest: Suggestions, data: Any = None) -> list[dict[str, Any]]:
    """Drop "missing 'name'" where the same mapping has a misspelt 'nmae': the suggestion says it all.

    So too "missing 'text'" for an opportunity written `- Idea: more stock`, read as a mapping of one unknown
    field: its problem says to quote the text.
    """
    misspelt: set[tuple[tuple[Any, ...], Any]] = set()
    for error in errors:
        if error["type"] == "extra_forbidden" and isinstance(error["loc"][-1], str):
            parent = tuple(error["loc"][:-1])
            misspelt.update((parent, close) for close in suggest.close(error["loc"][-1], _ALL_FIELDS, n=3))
            if len(parent) >= 2 and parent[-2] == "opportunities" and _one_field(data, parent):
                misspelt.add((parent, "text"))
    return [e for e in errors if not (e["type"] == "missing" and (tuple(e["loc"][:-1]), e["loc"][-1]) in misspelt)]


def _forbidden_problem(source: SourceFile, text: str, match: re.Match[str]) -> Problem:
    start = match.start()
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return Problem(source.display, line, column, "JM003", forbidden_character_message(match.group()))


def _restore_as_written(data: Any, located: Located) -> Any:
    """Plain scalars read as numbers or booleans go back to their source text; the model decides where text is right.

    The model is strict, so a number where a number belongs is still a number: only text fields take these.
    """
    if not located.raw:
        return data
    texts: dict[NodePath, str] = dict(located.raw)

    def walk(node: Any, path: NodePath) -> Any:
        if isinstance(node, dict):
            return {k: walk(v, (*path, k)) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v, (*path, i)) for i, v in enumerate(node)]
        return _AsWritten(node, texts[path]) if path in texts else node

    return walk(data, ())


class _AsWritten:
    """Marker for a plain scalar whose YAML value and source text differ (1.10 vs 1.1)."""

    __slots__ = ("text", "value")

    def __init__(self, value: Any, text: str) -> None:
        self.value, self.text = value, text


def _validate(
    source: SourceFile, data: Any, settings: Settings, *, marked: bool = True
) -> tuple[_Strict | None, list[dict[str, Any]]]:
    """Validate against the file kind's model; a scalar in a text field is taken as written.

    `marked=False` says `data` holds no `_AsWritten` markers (the fast reader's values), so the copy
    that settles them is skipped: it took longer than the validation itself.
    """
    model_class = FILE_MODELS[source.kind]
    context = {"channels": settings.channels, "max_text_length": settings.limits.max_text_length}
    try:
        result = model_class.model_validate(_settle(data, prefer_text=set()) if marked else data, context=context)
    except ValidationError as error:
        errors = _untagged(error.errors(include_url=False))
        wants_text = {tuple(e["loc"]) for e in errors if e["type"] == "string_type"}
        as_text = {path for path in wants_text if _marker_at(data, path)}
        if not as_text:
            return None, cast(list[dict[str, Any]], errors)
        try:
            result = model_class.model_validate(_settle(data, prefer_text=as_text), context=context)
        except ValidationError as second:
            return None, cast(list[dict[str, Any]], _untagged(second.errors(include_url=False)))
    if isinstance(result, (Persona, Journey)):
        result.read_from(source.rel)
    return result, []


def _validate_lean(source: SourceFile, data: Any, settings: Settings) -> _Strict | None:
    """The file's model by the lean road (`model.lean`: pydantic-core alone checks text and ids, for files whose
    strings `lean.plain_strings` cleared), or None where that road refuses: the full model then decides, with its
    own words for what is wrong."""
    context = {"channels": settings.channels, "max_text_length": settings.limits.max_text_length}
    validator = lean.validator(FILE_MODELS[source.kind])
    if validator is None:
        return None
    try:
        result = validator.validate_python(data, context=context)
    except ValidationError:
        return None
    if isinstance(result, (Persona, Journey)):
        result.read_from(source.rel)
    return cast(_Strict, result)


def _wanted_as_text(source: SourceFile, data: Any, settings: Settings) -> set[NodePath]:
    """Where a scalar read as a number or boolean is taken as written, because the model wants text there.

    Found from a first validation, before anything is cut: once an invalid list item is dropped, the
    entries after it move up, and their places no longer match the markers.
    """
    context = {"channels": settings.channels, "max_text_length": settings.limits.max_text_length}
    try:
        FILE_MODELS[source.kind].model_validate(_settle(data, prefer_text=set()), context=context)
    except ValidationError as error:
        found = _untagged(error.errors(include_url=False))
        return {tuple(e["loc"]) for e in found if e["type"] == "string_type" and _marker_at(data, tuple(e["loc"]))}
    return set()


def _one_field(data: Any, path: NodePath) -> bool:
    """True when the mapping at `path` holds one field."""
    return isinstance(node := node_at(data, path), dict) and len(node) == 1


def _untagged(errors: Any) -> Any:
    """Errors located as in the file: pydantic names the shape of an entry that may take two (an opportunity
    as text or as a mapping) in the location, where the file has no such level."""
    for error in errors:
        if any(part in UNION_TAGS for part in error["loc"]):
            error["loc"] = tuple(part for part in error["loc"] if part not in UNION_TAGS)
    return errors


def _settle(node: Any, prefer_text: set[NodePath], path: NodePath = ()) -> Any:
    if isinstance(node, dict):
        return {k: _settle(v, prefer_text, (*path, k)) for k, v in node.items()}
    if isinstance(node, list):
        return [_settle(v, prefer_text, (*path, i)) for i, v in enumerate(node)]
    if isinstance(node, _AsWritten):
        return node.text if path in prefer_text else node.value
    return node


def _marker_at(data: Any, path: NodePath) -> bool:
    node = data
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return False
    return isinstance(node, _AsWritten)
