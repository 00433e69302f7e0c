"""The YAML parser, behind one small module.

Two readers give the same values (YAML 1.2 core schema, dates kept as text):
`parse_fast` uses the Rust parser yaml-rs and knows no positions; `parse_precise` composes PyYAML's
event stream itself, so that it can refuse tags, anchors, aliases, merge keys and deep nesting with a
line and column, and remembers where every node stands. Clean files take the fast road; a file with
any problem, or with syntax the fast reader would accept silently, takes the precise one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
import yaml_rs

from . import yamlhints
from .problems import quote

_EventLoader: type[yaml.SafeLoader] | type[yaml.CSafeLoader]
try:  # libyaml's event parser: no recursion, so deep nesting cannot crash it
    from yaml import CSafeLoader as _EventLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _EventLoader

# PyYAML's own event parser: a state machine (no recursion) with no bounds of its own. libyaml 0.2.6
# (PyYAML 6.0.4) refuses nesting beyond 1,000 levels while scanning ahead, before it hands us the
# events at which our own, smaller bounds would speak; where libyaml stops, this one says where.
_PurePythonLoader = yaml.SafeLoader
_LIBYAML_DEPTH_LIMIT = "exceeded maximum nesting depth"  # libyaml's words when its own nesting limit stops it

NodePath = tuple[str | int, ...]
Position = tuple[int, int]

# Syntax that yaml-rs reads without complaint but the contract refuses: documents, directives,
# tags, anchors, aliases and merge keys. A match only sends the file down the precise road.
# A tag, anchor or alias can only start a node: at a line's start (after indentation) or after an
# indicator (`:`, `-`, `?`, `[`, `{`, `,`). Markdown emphasis inside text (`see **this**`) is
# neither, so it does not send a clean file down the slow road. The scan looks for the rare
# characters first and checks what stands before them: one regular expression anchored at every
# line start took longer than the whole Rust parse.
_DOCUMENT_MARKS = ("---", "...", "%")
_DOCUMENT_LINES = tuple(br + mark for br in "\n\r" for mark in _DOCUMENT_MARKS)
_PROPERTY = re.compile(r"[!&*]")  # `! x` (the bare non-specific tag) is a tag too
_MERGE = re.compile(r"<<\s*:")
_BEFORE_MERGE = re.compile(r"[\s{,]")
_LINE_BREAKS = "\n\r\x85\u2028\u2029"


def needs_precise(text: str) -> bool:
    """True when `text` may hold a document marker, directive, tag, anchor, alias or merge key."""
    if text.startswith(_DOCUMENT_MARKS) or any(mark in text for mark in _DOCUMENT_LINES):
        return True
    for match in _MERGE.finditer(text):
        at = match.start()
        if at == 0 or _BEFORE_MERGE.match(text, at - 1):
            return True
    for match in _PROPERTY.finditer(text):
        at = match.start()
        before = text[text.rfind("\n", 0, at) + 1 : at]
        for br in _LINE_BREAKS[1:]:  # the rarer line breaks YAML readers know
            if br in before:
                before = before[before.rfind(br) + 1 :]
        before = before.rstrip()
        if not before or before[-1] in "[{,:?-":
            return True
    return False


_NULL = re.compile(r"~|null|Null|NULL|")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+")
_OCT = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_INF = re.compile(r"([-+]?)\.(?:inf|Inf|INF)")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)")

MAX_NUMBER_DIGITS = 1000
"""Digits in a whole number. Python refuses to convert numbers of more than 4,300 digits to or from text;
a map needs a few. Longer numbers are a problem with their position, never a crash later."""


def number_digits(text: str) -> int:
    """How many digits a plain scalar read as a whole number has (0 when it is not one)."""
    if _INT.fullmatch(text):
        return len(text.lstrip("+-"))
    if _OCT.fullmatch(text) or _HEX.fullmatch(text):
        return len(text) - 2
    return 0


class ReadError(Exception):
    """The text cannot be read as one YAML document; 1-based position."""

    def __init__(self, code: str, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.code, self.message, self.line, self.column = code, message, line, column


class _SyntaxError(ReadError):
    """The event parser itself refused the text (as opposed to a bound or rule of ours)."""

    parser_error: yamlhints.ParserError | None = None


@dataclass(frozen=True)
class ReadIssue:
    """A refused construct that still leaves a usable document (duplicate key, tag, anchor, merge key)."""

    code: str
    message: str
    path: NodePath
    position: Position


@dataclass
class Located:
    """Where each node of a document stands, and the source text of plain scalars read as non-text."""

    values: dict[NodePath, Position] = field(default_factory=dict)
    keys: dict[NodePath, Position] = field(default_factory=dict)
    raw: dict[NodePath, str] = field(default_factory=dict)
    issues: list[ReadIssue] = field(default_factory=list)

    def position(self, path: NodePath, *, key: bool = False) -> Position:
        """The position of `path` (its key when asked), else of its nearest ancestor that exists."""
        if key and path in self.keys:
            return self.keys[path]
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, (1, 1))


# yaml-rs refuses deep brackets itself but overflows its stack on about 12,000 nested block levels
# (measured: 10,000 read, 14,000 crash the process). Block nesting on a line is bounded by the line's
# length (each level takes an indent or an indicator), so short lines are safe for it. At most
# MAX_NUMBER_DIGITS: a longer line is also the only place a too long number can stand.
FAST_MAX_LINE = 1000


def parse_fast(text: str) -> tuple[bool, Any]:
    """(True, value) when the Rust parser reads `text` with nothing the contract refuses, else (False, None)."""
    # A number longer than MAX_NUMBER_DIGITS is a run of digits on one line longer than FAST_MAX_LINE, so it
    # takes the precise road (which says where it stands) by the same test: no search for one (0.1 s per 8 MB).
    if needs_precise(text) or max(map(len, text.splitlines()), default=0) > FAST_MAX_LINE:
        return False, None
    try:
        value = yaml_rs.loads(text, parse_datetime=False, alias_limits=yaml_rs.AliasLimits(max_total_replayed_events=0))
    except (yaml_rs.YAMLDecodeError, ValueError, RecursionError):
        return False, None
    return True, value


def resolve_plain(text: str) -> Any:
    """A plain scalar as the YAML 1.2 core schema reads it: no yes/no booleans, no octal 010, no dates."""
    if _NULL.fullmatch(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.fullmatch(text):
        return int(text)
    if _OCT.fullmatch(text):
        return int(text[2:], 8)
    if _HEX.fullmatch(text):
        return int(text[2:], 16)
    if _FLOAT.fullmatch(text):
        return float(text)
    if match := _INF.fullmatch(text):
        return float(match.group(1) + "inf")
    if _NAN.fullmatch(text):
        return float("nan")
    return text


_NODE_EVENTS = (yaml.ScalarEvent, yaml.AliasEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)


def count_values(data: Any, limit: int, strings: list[str] | None = None) -> int:
    """Keys, values and items in `data` as the fast reader returned it, counting stops past `limit`;
    the string values (not keys) go into `strings` on the way, when given."""
    count, todo = 0, [data]
    while todo and count <= limit:
        node = todo.pop()
        count += 1
        if isinstance(node, str):
            if strings is not None:
                strings.append(node)
        elif isinstance(node, dict):
            count += len(node)  # the keys
            todo.extend(node.values())
        elif isinstance(node, list):
            todo.extend(node)
    return count


def _at(mark: Any) -> Position:
    return mark.line + 1, mark.column + 1


class _Frame:
    """An open mapping or list; for a mapping, the key waiting for its value."""

    __slots__ = ("container", "key", "keys_seen", "path", "skip")

    def __init__(self, container: dict[str, Any] | list[Any], path: NodePath) -> None:
        self.container = container
        self.path = path
        self.key: str | None = None
        self.skip = False
        self.keys_seen: set[str] = set()

    def wants_key(self) -> bool:
        return isinstance(self.container, dict) and self.key is None

    def child_path(self) -> NodePath:
        if isinstance(self.container, list):
            return (*self.path, len(self.container))
        return (*self.path, str(self.key))

    def add(self, value: Any) -> None:
        if isinstance(self.container, list):
            self.container.append(value)
        else:
            if not self.skip:
                self.container[str(self.key)] = value
            self.key, self.skip = None, False


def parse_precise(text: str, max_depth: int, max_values: int | None = None) -> tuple[Any, Located]:
    """Compose PyYAML's events into plain values with positions; fatal problems raise ReadError.

    `max_values` bounds the nodes (keys, values, items, aliases) composed, so that a file of a
    million tiny items (or aliases, or duplicate keys) costs neither minutes nor gigabytes.
    Where libyaml stops at its own nesting limit (libyaml 0.2.6 and later look ahead past ours), the
    pure-Python parser reads the text again, so that our bound, not a libyaml version's, decides what the
    user is told and where. Only then: it is some fifty times slower, and a plain syntax error in a big
    file must not cost seconds.
    """
    try:
        return _compose(text, max_depth, max_values, _EventLoader)
    except _SyntaxError as libyaml_error:
        if _EventLoader is not _PurePythonLoader and _LIBYAML_DEPTH_LIMIT in libyaml_error.message:
            try:
                return _compose(text, max_depth, max_values, _PurePythonLoader)
            except _SyntaxError:
                pass
        raise _plain(text, libyaml_error) from None  # a real syntax error: libyaml's words stay, as a detail


def _plain(text: str, error: _SyntaxError) -> ReadError:
    """The syntax error in words a map editor understands, at the line where the mistake is (see yamlhints)."""
    if error.parser_error is None:
        return error
    try:
        line, column, message = yamlhints.explain(text, error.parser_error)
    except (IndexError, KeyError, ValueError):  # a heuristic that trips on odd text must not hide the error itself
        return error
    return ReadError(error.code, message, line, column)


def _compose(text: str, max_depth: int, max_values: int | None, loader: Any) -> tuple[Any, Located]:  # noqa: C901 - one loop over PyYAML's events, one branch per event kind
    """`parse_precise` over one event parser."""
    located = Located()
    stack: list[_Frame] = []
    root: list[Any] = []
    documents = 0
    nodes = 0

    def next_path() -> NodePath:
        if not stack:
            return ()
        return stack[-1].path if stack[-1].wants_key() else stack[-1].child_path()

    def place(value: Any, position: Position, raw: str | None = None) -> None:
        """Attach a finished node to its parent and remember where it stands."""
        path = next_path()
        located.values[path] = position
        if raw is not None:
            located.raw[path] = raw
        if stack:
            stack[-1].add(value)
        else:
            root.append(value)

    def refuse_decorations(event: Any, path: NodePath) -> None:
        if getattr(event, "anchor", None):
            message = f"anchor {quote('&' + event.anchor)} is not allowed: write the value out in full"
            located.issues.append(ReadIssue("JM007", message, path, _at(event.start_mark)))
        tag = getattr(event, "tag", None)
        if tag:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            message = f"tag {quote(shown)} is not allowed: map files hold plain values only"
            located.issues.append(ReadIssue("JM006", message, path, _at(event.start_mark)))

    try:
        for event in yaml.parse(text, Loader=loader):
            if max_values is not None and isinstance(event, _NODE_EVENTS):
                nodes += 1
                if nodes > max_values:
                    message = (
                        f"more than {max_values:,} keys and values in one file, over the limit (max_values): "
                        "map files are never this large"
                    )
                    raise ReadError("JM015", message, *_at(event.start_mark))
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise ReadError(
                        "JM009",
                        "a second YAML document starts here: keep one document per file",
                        *_at(event.start_mark),
                    )
            elif isinstance(event, yaml.ScalarEvent):
                refuse_decorations(event, next_path())
                if stack and stack[-1].wants_key():
                    _take_key(stack[-1], event.value, _at(event.start_mark), located)
                    continue
                plain = not event.style and event.implicit[0]
                if plain and (digits := number_digits(event.value)) > MAX_NUMBER_DIGITS:
                    message = (
                        f"a number of {digits:,} digits, longer than the {MAX_NUMBER_DIGITS:,} any map needs: "
                        "shorten it (or quote it, if it is text)"
                    )
                    located.issues.append(ReadIssue("JM020", message, next_path(), _at(event.start_mark)))
                    plain = False  # kept as its text: the problem above already says what to fix
                value = resolve_plain(event.value) if plain else event.value
                keep_raw = plain and value is not None and not isinstance(value, str)
                place(value, _at(event.start_mark), event.value if keep_raw else None)
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if len(stack) >= max_depth:
                    message = f"nesting deeper than {max_depth} levels: map files are never this deep"
                    raise ReadError("JM010", message, *_at(event.start_mark))
                if stack and stack[-1].wants_key():
                    raise ReadError(
                        "JM004", "a mapping key must be plain text, not a list or mapping", *_at(event.start_mark)
                    )
                path = next_path()
                refuse_decorations(event, path)
                located.values[path] = _at(event.start_mark)
                stack.append(_Frame({} if isinstance(event, yaml.MappingStartEvent) else [], path))
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                frame = stack.pop()
                place(frame.container, located.values[frame.path])
            elif isinstance(event, yaml.AliasEvent):
                if stack and stack[-1].wants_key():
                    raise ReadError(
                        "JM007",
                        f"alias {quote('*' + (event.anchor or ''))} is not allowed as a key",
                        *_at(event.start_mark),
                    )
                message = f"alias {quote('*' + (event.anchor or ''))} is not allowed: write the value out in full"
                located.issues.append(ReadIssue("JM007", message, next_path(), _at(event.start_mark)))
                place(None, _at(event.start_mark))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = _at(mark) if mark else (1, 1)
        refused = _SyntaxError("JM004", f"YAML syntax error: {error.problem or error.context}", line, column)
        refused.parser_error = yamlhints.ParserError.from_yaml(error)
        raise refused from None
    except yaml.YAMLError as error:
        raise _SyntaxError("JM004", f"YAML syntax error: {error}", 1, 1) from None
    return (root[0] if root else None), located


def _take_key(frame: _Frame, key: str, position: Position, located: Located) -> None:
    """Record a mapping key as written, refusing merge keys and duplicates (the first one stays)."""
    path = (*frame.path, key)
    frame.key, frame.skip = key, False
    if key == "<<":
        located.issues.append(
            ReadIssue("JM008", "merge keys ('<<') are not allowed: write the fields out in full", path, position)
        )
        frame.skip = True
    elif key in frame.keys_seen:
        line = located.keys[path][0]
        message = f"duplicate key {quote(key)} (first given at line {line}): remove one of them"
        located.issues.append(ReadIssue("JM005", message, path, position))
        frame.skip = True
    else:
        frame.keys_seen.add(key)
        located.keys[path] = position
