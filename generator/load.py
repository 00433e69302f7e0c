"""Find every map file, read it safely and type-check it: the first stage of the pipeline.

Each file becomes a `SourceFile` holding its typed model (or None) and the problems found in it.
Positions are computed only where a problem needs one: a clean file is read once by the fast parser
and never composed with positions.
"""

from __future__ import annotations

import dataclasses
import itertools
import os
import re
import stat
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import ValidationError
from pydantic_core import PydanticCustomError

from . import model, yamlhints, yamlread
from .escape import printable
from .model import (
    FILE_MODELS,
    FORBIDDEN,
    RESERVED_IDS,
    Journey,
    Persona,
    _Strict,
    check_id,
    forbidden_character_message,
)
from .problems import Problem, Severity, Suggestions, did_you_mean, more_message, quote
from .settings import Settings
from .yamlread import Located, NodePath, ReadError


@dataclass
class SourceFile:
    """One map file: where it is, what kind it is, its model once read, and its problems."""

    rel: str
    """Path under the maps directory, POSIX form."""
    display: str
    """The path problems name: the maps directory as the user gave it, joined with `rel`."""
    kind: str
    text: str = ""
    data: Any = None
    model: _Strict | None = None
    problems: list[Problem] = field(default_factory=list)
    dropped: dict[str, set[str]] = field(default_factory=dict)
    """Ids of list items left out of a salvaged model, by list name ('touchpoints', 'kpis', ...)."""
    _located: Located | None = None
    max_depth: int = 32
    suggest: Suggestions = field(default_factory=Suggestions)
    """Its "did you mean" hints, with a bounded amount of work per file."""

    def located(self) -> Located:
        """Positions of every node, composed on first use only."""
        if self._located is None:
            try:
                self._located = yamlread.parse_precise(self.text, self.max_depth)[1]
            except ReadError:
                self._located = Located()
        return self._located

    def position(self, path: NodePath, *, key: bool = False) -> tuple[int, int]:
        return self.located().position(path, key=key)

    def problem(
        self, path: NodePath, code: str, message: str, severity: Severity = Severity.ERROR, *, key: bool = False
    ) -> Problem:
        line, column = self.position(path, key=key)
        return Problem(self.display, line, column, code, message, severity)

    @property
    def stem(self) -> str:
        return PurePosixPath(self.rel).stem


def discover(maps_dir: Path, display_root: str) -> tuple[list[SourceFile], list[Problem]]:
    """Every .yaml/.yml file under the maps directory, by kind; the ones outside the layout are problems.

    The folder is walked without following symbolic links, and each entry's type is taken with lstat
    before anything opens it: a link (it could point outside the repository), a FIFO (reading it would
    block) or a folder named like a map file is a problem naming it, never read. Names are data too: a
    name holding a control or invisible character is reported escaped and not read, and the folders
    under journeys/ follow the id rule. Hidden entries (`.wip.yaml`, `.drafts/`) are skipped unread.
    """
    walk = _Walk(maps_dir, display_root)
    todo = [""]
    if maps_dir.is_symlink():  # a pull-request can replace the folder itself with a link to anywhere
        walk.add("", "JM016", f"the maps folder {quote(str(maps_dir), 120)} is a symbolic link, which is not followed")
        return [], walk.problems
    while todo:
        todo.extend(walk.folder(todo.pop()))
    files = sorted(walk.files, key=lambda source: PurePosixPath(source.rel).parts)
    if not any(f.kind == "departments" for f in files):
        walk.add("departments.yaml", "JM013", "departments.yaml is missing: every map needs its departments")
    return files, walk.problems


@dataclass
class _Walk:
    """What `discover` has found so far."""

    maps_dir: Path
    display_root: str
    files: list[SourceFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unsafe: set[str] = field(default_factory=set)
    """Folders whose name, or a name above them, is not plain text: walked only to name what they hold."""

    def shown(self, rel: str) -> str:
        if not rel:
            return self.display_root or "."
        return f"{self.display_root.rstrip('/')}/{rel}" if self.display_root else rel

    def add(self, rel: str, code: str, message: str) -> None:
        self.problems.append(Problem(self.shown(rel), 1, 1, code, message))

    def folder(self, folder_rel: str) -> list[str]:
        """Look at each entry of one folder; the sub-folders to walk next."""
        try:
            with os.scandir(self.maps_dir / folder_rel) as entries:
                names = sorted(entry.name for entry in entries)
        except OSError as error:
            what = f"the folder {quote(folder_rel)}" if folder_rel else "the maps folder"
            self.add(folder_rel, "JM019", f"{what} cannot be read ({_reason(error)})")
            return []
        found = []
        for name in names:
            if not name.startswith("."):
                rel = f"{folder_rel}/{name}" if folder_rel else name
                if self.entry(folder_rel, name, rel):
                    found.append(rel)
        return found[::-1]  # popped from the end: walked in name order

    def unsafe_entry(self, folder_rel: str, name: str, rel: str, is_folder: bool) -> bool:
        """A name that is not plain text, or a map file below one: a problem naming the entry (every output
        escapes file names for its medium), and nothing read. Folders are walked only to name what they hold."""
        if is_folder:  # never a link: lstat
            self.unsafe.add(rel)
        if not name.isprintable():
            self.add(rel, "JM017", _unsafe_name_message("folder" if is_folder else "file", name))
        elif name.lower().endswith((".yaml", ".yml")) and not is_folder:
            message = "a folder above this file has a name with a control, invisible or non-UTF-8 character: "
            self.add(rel, "JM017", message + "rename it; the file is not read")
        return is_folder

    def entry(self, folder_rel: str, name: str, rel: str) -> bool:
        """Judge one entry by its name and its type (never following a link); True for a folder to walk."""
        try:
            mode = os.lstat(self.maps_dir / rel).st_mode
        except OSError as error:
            self.add(folder_rel, "JM019", f"{quote(name)} cannot be read ({_reason(error)})")
            return False
        is_map = name.lower().endswith((".yaml", ".yml"))
        if not name.isprintable() or folder_rel in self.unsafe:
            return self.unsafe_entry(folder_rel, name, rel, stat.S_ISDIR(mode))
        if stat.S_ISLNK(mode):
            self.add(rel, "JM016", _link_message(rel))
        elif stat.S_ISDIR(mode) and is_map:
            self.add(rel, "JM018", f"{quote(rel)} is a folder, not a map file: rename it")
        elif stat.S_ISDIR(mode):
            if folder_rel == "journeys" or folder_rel.startswith("journeys/"):
                self.problems.extend(_folder_name_problems(name, self.shown(rel)))
            return True
        elif not is_map:
            pass  # notes, images: not map data, never opened
        elif not stat.S_ISREG(mode):
            self.add(rel, "JM018", f"{quote(rel)} is {_file_type(mode)}, not a regular file: map files are plain files")
        elif kind := _kind(rel):
            self.files.append(SourceFile(rel, self.shown(rel), kind))
        else:
            self.add(rel, "JM012", _stray_message(rel))
        return False


def _reason(error: OSError) -> str:
    """'permission denied' rather than '[Errno 13] Permission denied: /full/path'."""
    return (error.strerror or type(error).__name__).lower()


def _unsafe_name_message(what: str, name: str) -> str:
    shown = printable(name[:120] + ("…" if len(name) > 120 else ""))
    not_read = "nothing in it is read" if what == "folder" else "the file is not read"
    return (
        f"the {what} name '{shown}' (shown escaped) holds a control, invisible or non-UTF-8 character: "
        f"rename it; {not_read}"
    )


def _link_message(rel: str) -> str:
    return (
        f"{quote(rel, 120)} is a symbolic link, and links are not followed (one could publish a file from outside "
        "the repository): put the file or folder itself here"
    )


def _file_type(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a plain file"


def _folder_name_problems(name: str, display: str) -> list[Problem]:
    """A folder under journeys/ follows the id rule: it becomes part of addresses (edit links) and CODEOWNERS paths."""
    try:
        check_id(name)
    except PydanticCustomError as error:  # its type is the problem code
        hint = quote(id_suggestion(name, "folder"))
        return [Problem(display, 1, 1, error.type, f"the folder name is not an id: {error}; rename it, e.g. to {hint}")]
    return []


def id_suggestion(name: str, kind: str) -> str:
    """A valid, unreserved id close to `name`, for a rename hint."""
    suggestion = "-".join(part for part in "".join(c if c.isalnum() else "-" for c in name.lower()).split("-") if part)
    suggestion = suggestion[:50].strip("-")  # a hint must itself be a valid, unreserved id
    if not suggestion or suggestion in RESERVED_IDS or not suggestion.isascii():
        suggestion = f"{suggestion}-{kind}".strip("-") if suggestion.isascii() else kind
    return suggestion or "x"


def _kind(rel: str) -> str | None:
    parts = PurePosixPath(rel).parts
    if not rel.endswith(".yaml"):
        return None
    if parts == ("departments.yaml",):
        return "departments"
    if parts == ("kpis.yaml",):
        return "kpis"
    if len(parts) == 2 and parts[0] == "personas":
        return "persona"
    if len(parts) >= 2 and parts[0] == "journeys":
        return "journey"
    return None


def _stray_message(rel: str) -> str:
    path = PurePosixPath(rel)
    if path.suffix.lower() == ".yml" and _kind(str(path.with_suffix(".yaml"))):
        return f"map files end in .yaml: rename '{rel}' to '{path.with_suffix('.yaml')}'"
    top = path.parts[0]
    hint = (
        did_you_mean(top, ["journeys", "personas", "departments.yaml", "kpis.yaml"])
        if len(path.parts) > 1 or top
        else ""
    )
    return (
        f"'{rel}' is not part of the maps layout, so it would be ignored{hint}: journeys go under journeys/, "
        "personas under personas/, and the top holds only departments.yaml and kpis.yaml"
    )


def read(source: SourceFile, settings: Settings, path: Path) -> None:
    """Read and type-check one file, recording its problems; never raises for bad input."""
    limits = settings.limits
    source.max_depth = limits.max_depth
    raw = _read_bytes(source, path, limits.max_file_bytes)
    if raw is None:
        return
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        byte = raw[error.start]
        source.problems.append(
            Problem(
                source.display,
                line,
                column,
                "JM002",
                f"the file is not UTF-8 text (byte 0x{byte:02x}): save it as UTF-8",
            )
        )
        return
    source.text = text
    found = FORBIDDEN.finditer(text)
    bad = [_forbidden_problem(source, text, match) for match in itertools.islice(found, MAX_LISTED)]
    if bad:
        source.problems.extend(bad)
        if (unlisted := next(found, None)) is not None:
            at = _forbidden_problem(source, text, unlisted)
            source.problems.append(
                Problem(
                    at.file,
                    at.line,
                    at.column,
                    "JM003",
                    more_message("JM003", more := 1 + sum(1 for _ in found)),
                    more=more,
                )
            )
        return
    fast, data = yamlread.parse_fast(text)
    if fast and data is not None and yamlread.count_values(data, limits.max_values) <= limits.max_values:
        parsed, errors = _validate(source, data, settings, marked=False)
        if not errors:
            source.data, source.model = data, parsed
            return
    try:
        data, located = yamlread.parse_precise(text, limits.max_depth, limits.max_values)
    except ReadError as error:
        source.problems.append(Problem(source.display, error.line, error.column, error.code, error.message))
        return
    source._located = located
    if data is None:
        source.problems.append(
            Problem(
                source.display, 1, 1, "JM011", "the file is empty: it needs the fields of a " + _KIND_NAMES[source.kind]
            )
        )
        return
    refused = [issue.path for issue in located.issues]
    source.problems.extend(_listed(source, located.issues))
    data = _restore_as_written(data, located)
    source.model, errors = _validate(source, data, settings)
    source.data = _settle(data, prefer_text=set())
    if errors:
        source.model, source.dropped = _salvage(source, data, errors, settings)
    for error in _without_echoes(errors, source.suggest):
        loc = tuple(error["loc"])
        if any(loc[: len(path)] == path for path in refused):
            continue
        source.problems.append(_schema_problem(source, error, data, settings.channels))


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


CHANNELS_HELP = "a site adds its own in mkdocs.yml (the journeymaps plugin's 'channels' option)"

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
    plain = _settle(
        data,
        prefer_text={
            tuple(e["loc"]) for e in errors if e["type"] == "string_type" and _marker_at(data, tuple(e["loc"]))
        },
    )
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
            parent = _node_at(plain, cut[:-1])
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
    return None


def _model_at(kind: str, parent: NodePath) -> type[_Strict] | None:
    if not parent:
        return FILE_MODELS[kind]
    if isinstance(parent[-1], int) and len(parent) >= 2:
        return _BY_LIST.get(str(parent[-2]))
    return None


def _node_at(data: Any, path: NodePath) -> Any:
    for part in path:
        data = data[part]
    return data


def ids_of(items: Any) -> set[str]:
    """The text ids of the mappings in a list, whatever shape the list is in."""
    if not isinstance(items, list):
        return set()
    return {item["id"] for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)}


def _without_echoes(errors: list[dict[str, Any]], suggest: Suggestions) -> list[dict[str, Any]]:
    """Drop "missing 'name'" where the same mapping has a misspelt 'nmae': the suggestion says it all."""
    misspelt = set()
    for error in errors:
        if error["type"] == "extra_forbidden" and isinstance(error["loc"][-1], str):
            parent = tuple(error["loc"][:-1])
            misspelt.update((parent, close) for close in suggest.close(error["loc"][-1], _ALL_FIELDS, n=3))
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
        errors = error.errors(include_url=False)
        wants_text = {tuple(e["loc"]) for e in errors if e["type"] == "string_type"}
        as_text = {path for path in wants_text if _marker_at(data, path)}
        if not as_text:
            return None, errors
        try:
            result = model_class.model_validate(_settle(data, prefer_text=as_text), context=context)
        except ValidationError as second:
            return None, second.errors(include_url=False)
    if isinstance(result, (Persona, Journey)):
        result._id, result._source = source.stem, source.rel
    return result, []


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


# What a field's parent is called in messages, by the list that holds it.
_ITEM_NAMES = {
    "departments": "department", "stages": "stage", "touchpoints": "touchpoint", "kpis": "KPI",
    "pain_points": "pain point", "history": "history entry",
}  # fmt: skip

_TYPE_WORDS = {
    "string_type": "text", "int_type": "a whole number", "float_type": "a number", "list_type": "a list",
    "dict_type": "a mapping of fields", "model_type": "a mapping of fields", "model_attributes_type": "a mapping of fields",
    "bool_type": "true or false", "date_type": "a date (YYYY-MM-DD)", "int_from_float": "a whole number",
}  # fmt: skip


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
    """ "touchpoint 'checkout'" for a path inside that touchpoint, "KPI 'nps' history entry 2" below it; '' at the top."""
    node, name = data, ""
    for index, part in enumerate(path):
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(part, int) and index > 0:
            item = _ITEM_NAMES.get(str(path[index - 1]), "entry")
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                name = f"{item} {quote(node['id'])}"
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
        allowed = _allowed_fields(source.kind, parent)
        return source.problem(
            loc, "JM102", f"{subject}unknown field '{field_name}'{source.suggest(field_name, allowed)}", key=True
        )
    if kind in ("less_than_equal", "greater_than_equal", "less_than", "greater_than"):
        low_high = "between -2 (frustrated) and +2 (delighted)" if field_name == "emotion" else error["msg"].lower()
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


def _channel_hint(
    field_name: str, kind: str, value: Any, channels: tuple[str, ...], suggest: Callable[[str, Any], str] = did_you_mean
) -> str:
    """For an unknown channel: the close match, the allowed channels, and how a site adds its own."""
    if field_name != "channel" or kind != "JM104" or not isinstance(value, str):
        return ""
    return f"{suggest(value, channels)}: the channels are {', '.join(channels)}; {CHANNELS_HELP}"


def _with_layout_hint(source: SourceFile, problem: Problem, value: Any) -> Problem:
    """`name: #1 choice` reads as an empty value and a comment, `- Idea: x` as a mapping: say so."""
    hint = ""
    if value is None:
        hint = yamlhints.comment_hint(source.text, problem.line, problem.column)
    elif isinstance(value, dict) and len(value) == 1 and "must be text" in problem.message:
        hint = yamlhints.colon_hint(source.text, problem.line, problem.column)
    elif isinstance(value, str) and "must be a list" in problem.message:
        hint = yamlhints.bullet_hint(value)
    return dataclasses.replace(problem, message=problem.message + hint) if hint else problem


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
    "pain_points": model.PainPoint, "history": model.HistoryPoint,
}  # fmt: skip


def _allowed_fields(kind: str, parent: NodePath) -> list[str]:
    """Field names valid at `parent`, for "did you mean"."""
    return list((_model_at(kind, parent) or FILE_MODELS[kind]).model_fields)
