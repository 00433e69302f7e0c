"""Plain words for YAML syntax errors: the line where the mistake is, and what to change.

The YAML parser reports where it gave up, in its own terms ("did not find expected key", line 134),
which is often far from the mistake (an unclosed quote at line 20) and means nothing to someone who
edits a journey once a month. This module reads the source text around the error and names the
common mistakes: a quote never closed, text after a closing quote, ': ' inside unquoted text, a tab
used for indentation, a line indented out of step with its neighbours, a missing ': ' or a '-' without
its space. A guess that needs the text's layout to be read one way is checked: the line is repaired
and parsed again, and the guess stands only when the parser then gets further. The parser's own words
stay at the end, in parentheses, for those who search for them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Position = tuple[int, int]

_BREAK = re.compile(r"(\r\n|[\r\n\x85\u2028\u2029])")  # the line breaks YAML readers count
_KEY = re.compile(r"""(?P<key>[^\s#'"\[\]{}>|&*!%@`,-][^#]*?|-[^\s#]*?)\s*:(?:[ \t]+|$)""")
_CANNOT_START = {"@": "'@'", "`": "a backquote", "%": "'%'"}
MAX_TRIES = 6
"""Repaired copies parsed at most, so that a mistake in a large file costs a few parses, not hundreds."""


@dataclass(frozen=True)
class ParserError:
    """What the YAML parser said, 1-based positions."""

    problem: str
    line: int
    column: int
    context: str = ""
    context_line: int = 0
    context_column: int = 0

    @classmethod
    def from_yaml(cls, error: yaml.MarkedYAMLError) -> ParserError:
        mark, context = error.problem_mark or error.context_mark, error.context_mark
        return cls(
            str(error.problem or error.context or "unreadable text"),
            mark.line + 1 if mark else 1,
            mark.column + 1 if mark else 1,
            str(error.context or ""),
            context.line + 1 if context else 0,
            context.column + 1 if context else 0,
        )


@dataclass(frozen=True)
class _Guess:
    line: int
    column: int
    message: str
    repaired: list[str] | None = None
    """The lines with this mistake fixed, when the guess must be checked by parsing them."""


def explain(
    text: str, error: ParserError, parse_error: Callable[[str], Position | None] | None = None
) -> tuple[int, int, str]:
    """(line, column, message) for a YAML syntax error: the mistake's own line and plain words."""
    parts = _BREAK.split(text)
    lines, breaks = parts[0::2], parts[1::2]
    check = parse_error or (lambda repaired: _parse_error(repaired, (error.line, error.column)))
    words = f"YAML reader: {error.problem}"
    original = (error.line, error.column)
    tries = 0
    for guess in _guesses(lines, error):
        if guess.repaired is not None:
            if tries >= MAX_TRIES:
                continue
            tries += 1
            rebuilt = "".join(line + (breaks[i] if i < len(breaks) else "") for i, line in enumerate(guess.repaired))
            after = check(rebuilt)
            if after is not None and after <= original:
                continue
        detail = words if guess.line == error.line else f"YAML reader, line {error.line}: {error.problem}"
        return guess.line, guess.column, f"{guess.message} ({detail})"
    return (
        error.line,
        error.column,
        "this line cannot be read as YAML: check its indentation against the lines above, and put text that "
        f"holds ': ', ' #' or quotes inside double quotes ({words})",
    )


def _parse_error(text: str, past: Position) -> Position | None:
    """Where the parser stops on `text`, or None when it reads to the end or beyond `past` (enough to judge a guess)."""
    try:
        for event in yaml.parse(text, Loader=_Loader):
            mark = event.start_mark
            if mark is not None and (mark.line + 1, mark.column + 1) > past:
                return None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        return (mark.line + 1, mark.column + 1) if mark else (1, 1)
    except yaml.YAMLError:
        return (1, 1)
    return None


def _guesses(lines: list[str], error: ParserError) -> Iterator[_Guess]:
    """Candidate mistakes, the certain ones first, then the ones to check, earliest line first."""
    at = error.line - 1
    line = lines[at] if 0 <= at < len(lines) else ""
    # Certain: the parser's own context points at the mistake.
    yield from _in_quotes_or_bullets(lines, error)
    if "quoted scalar" in error.context and error.context_line and "escape" not in error.problem:
        quote = _char(lines, error.context_line, error.context_column)
        yield _Guess(
            error.context_line,
            error.context_column,
            f"this quote is never closed: end the text with {quote} on the same line",
        )
    if "\t" in error.problem or "tab" in error.problem or "\t" in line[: len(line) - len(line.lstrip(" \t"))]:
        tab = line.find("\t")
        if 0 <= tab < len(line) - len(line.lstrip(" \t")) or "tab" in error.problem:
            yield _Guess(
                error.line,
                (tab + 1) if tab >= 0 else error.column,
                "this line is indented with a tab: use spaces, not tabs",
            )
    if "flow" in error.context and error.context_line:
        opener = _char(lines, error.context_line, error.context_column)
        closer = {"[": "]", "{": "}"}.get(opener)
        if closer and closer not in lines[error.context_line - 1][error.context_column :]:
            kind = "list" if opener == "[" else "mapping"
            yield _Guess(
                error.context_line,
                error.context_column,
                f"this '{opener}' starts a {kind} that is never closed: end it with '{closer}' on the same line, "
                f"or put text that starts with '{opener}' inside double quotes",
            )
    if "cannot start any token" in error.problem:
        char = _char(lines, error.line, error.column)
        if char in _CANNOT_START:
            yield _Guess(
                error.line,
                error.column,
                f"text cannot start with {_CANNOT_START[char]}: put the whole value inside double quotes",
            )
    if "block scalar" in error.context and error.context_line:
        char = _char(lines, error.context_line, error.context_column)
        yield _Guess(
            error.context_line,
            error.context_column,
            f"a value that starts with '{char}' is a block of text on the lines below: put text that starts "
            f"with '{char}' inside double quotes",
        )
    if "simple key" in error.context and error.context_line:
        yield from _missing_colon(lines, error.context_line)
    yield from _after_closing_quote(lines, error)
    yield from _colon_in_text(lines, error)
    # To check: mistakes found by reading the lines up to the error, earliest first.
    yield from sorted(_scan(lines, error.line), key=lambda guess: guess.line)


_BULLETS = ("\u2022", "\u00b7", "\u2013", "\u2014", "*")  # bullet, middle dot, en and em dash, asterisk


def _in_quotes_or_bullets(lines: list[str], error: ParserError) -> Iterator[_Guess]:
    """A backslash inside double quotes, a list written with bullets, a value starting with '? '."""
    if "escape" in error.problem:
        yield _Guess(
            error.line,
            error.column,
            "inside double quotes a backslash starts an escape: write a backslash as \\\\, or use single quotes",
        )
    first = min(error.context_line or error.line, error.line)
    for number in range(first, min(error.line, len(lines)) + 1):
        content = lines[number - 1].lstrip(" ")
        if content[:1] in _BULLETS and content[1:2] == " ":
            column = len(lines[number - 1]) - len(content) + 1
            yield _Guess(number, column, f"start a list item with '- ' (a hyphen and a space), not '{content[0]}'")
    if "mapping keys" in error.problem and _char(lines, error.line, error.column) == "?":
        yield _Guess(error.line, error.column, "text cannot start with '? ': put the whole value inside double quotes")


def _indent_it(count: int) -> str:
    return f"indent it {_spaces(count)}" if count else "start it at the beginning of the line"


def _spaces(count: int) -> str:
    return f"{count} space" if count == 1 else f"{count} spaces"


def _char(lines: list[str], line: int, column: int) -> str:
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    return text[column - 1] if 0 < column <= len(text) else ""


def _value_start(content: str) -> int:
    """Where the value of `key: value` or `- value` starts within a line's content (-1: no value)."""
    start = 0
    while content.startswith("- ", start) or content[start:] == "-":
        start += 2
        while content.startswith(" ", start):
            start += 1
    if content[start : start + 1] in ("'", '"'):
        return start
    match = _KEY.match(content, start)
    if match is None:
        return start if start else -1
    return match.end() if match.end() < len(content) else -1


def _closing(text: str, start: int) -> int:
    """Index of the quote closing the one at `start` on the same line, or -1."""
    quote, i = text[start], start + 1
    while i < len(text):
        if quote == '"' and text[i] == "\\":
            i += 2
            continue
        if text[i] == quote:
            if quote == "'" and text.startswith("''", i):
                i += 2
                continue
            return i
        i += 1
    return -1


def _bracket_end(text: str, start: int) -> int:
    """Index of the bracket closing the one at `start` on the same line (quotes inside ignored), or -1."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] in "[{":
            depth += 1
        elif text[i] in "]}":
            depth -= 1
            if depth == 0:
                return i
    return -1


def _missing_colon(lines: list[str], number: int) -> Iterator[_Guess]:
    line = lines[number - 1]
    content = line.lstrip(" ")
    indent = len(line) - len(content)
    match = re.match(r"([A-Za-z_][\w-]*):(\S)", content)
    if match:
        yield _Guess(number, indent + match.end(1) + 1, f"put a space after ':' (write '{match.group(1)}: ...')")
    elif re.match(r"-[^\s-]", content):
        yield _Guess(number, indent + 1, "put a space after '-' to start a list item")
    elif _after_item(lines, number, indent):
        yield _Guess(number, indent + 1, "this line lines up with the list items above: start it with '- '")
    elif re.match(r"[A-Za-z_][\w-]*\s+\S", content) and ":" not in content:
        name = content.split()[0]
        yield _Guess(
            number,
            indent + len(name) + 1,
            f"a field name needs ': ' (a colon and a space) after it, as in '{name}: ...'",
        )


def _after_item(lines: list[str], number: int, indent: int) -> bool:
    """True when the nearest line above with content is a list item whose '-' stands at `indent`."""
    for line in reversed(lines[: number - 1]):
        if line.strip() and not line.lstrip(" ").startswith("#"):
            return len(line) - len(line.lstrip(" ")) == indent and line.lstrip(" ").startswith("- ")
    return False


def _after_closing_quote(lines: list[str], error: ParserError) -> Iterator[_Guess]:
    """`name: "Checkout" page` or `name: 'Don't leave'`: the parser stops just after the closing quote."""
    at = error.line - 1
    if not 0 <= at < len(lines):
        return
    line = lines[at]
    content = line.lstrip(" ")
    indent = len(line) - len(content)
    start = _value_start(content)
    if start < 0 or content[start : start + 1] not in ("'", '"', "[", "{"):
        return
    end = _closing(content, start) if content[start] in "'\"" else _bracket_end(content, start)
    after = content[end + 1 :]
    if end < 0 or indent + end + 1 >= error.column or not after.strip() or after.lstrip().startswith("#"):
        return
    if content[start] in "[{":
        opener, kind = content[start], "list" if content[start] == "[" else "mapping"
        message = (
            f"text follows the closing '{content[end]}': a value that starts with '{opener}' is a {kind}; "
            f"put text that starts with '{opener}' inside double quotes"
        )
    elif content[start] == "'":
        message = (
            "the text ends at the second ' (an apostrophe closes single quotes): write an apostrophe inside "
            "single quotes as two ('Don''t'), or put the text inside double quotes"
        )
    else:
        message = (
            'text follows the closing quote: put the whole value inside the quotes, and write a " inside them as \\"'
        )
    yield _Guess(error.line, indent + end + 2 + len(after) - len(after.lstrip()), message)


def _colon_in_text(lines: list[str], error: ParserError) -> Iterator[_Guess]:
    """`name: Instagram ad: carousel`: a second ': ' inside text that is not quoted."""
    if "mapping values" not in error.problem:
        return
    at = error.line - 1
    if not 0 <= at < len(lines):
        return
    line = lines[at]
    content = line.lstrip(" ")
    indent = len(line) - len(content)
    start = _value_start(content)
    colon = error.column - 1 - indent
    if start < 0 or not start < colon < len(content) or content[colon] != ":":
        return
    if content[start] in "'\"[{|>":
        return
    key = content[:start].rstrip()
    value = content[start:].split(" #")[0].rstrip()
    what = "ends with ':'" if colon + 1 >= len(content.rstrip()) else "contains ': '"
    example = f"{key} {_quoted(value)}"
    yield _Guess(error.line, indent + start + 1, f"text that {what} must be inside quotes: write {example}")


@dataclass
class _Level:
    indent: int
    kind: str  # "map" or "seq"
    line: int
    name: str


def _scan(lines: list[str], last: int) -> Iterator[_Guess]:
    """Quotes left open and lines out of step with the block structure, up to line `last`."""
    scanner = _Scanner(lines)
    for index in range(min(last, len(lines))):
        if scanner.skips(index):
            yield from scanner.in_text(index)
            continue
        placed, guesses = scanner.place(index)
        yield from guesses
        if not placed:
            return
        yield from scanner.open(index)


class _Scanner:
    """The block structure of the lines read so far: open mappings and lists, and what the last line opened."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.stack: list[_Level] = []
        self.opened = False  # the previous line ends with 'key:' or '- ': a deeper block may start
        self.keys: list[tuple[int, int, str]] = []  # (line number, indent, key) of the key lines so far
        self.block_text: int | None = None  # inside a block scalar: lines deeper than this indent are text
        self.quote: str = ""  # the quote a quoted value left open on an earlier line
        self.text_indent: int | None = None  # the indent of a block scalar's first line (`description: >-`)
        self.in_block = False  # the line just skipped was a line of a block scalar
        self.block_scalar = False  # the lines skipped as text belong to a block scalar, not a continued plain value

    def skips(self, index: int) -> bool:
        """True for a line that holds no structure: blank, a comment, or text inside a value."""
        line = self.lines[index]
        content = line.lstrip(" ")
        if self.quote:
            if _closing(self.quote + line, 0) >= 0:
                self.quote = ""
            return True
        self.in_block = False
        if not content.strip() or (content.startswith("#") and self.block_text is None):
            return True
        if self.block_text is not None:
            if len(line) - len(content) > self.block_text:
                self.in_block = True
                return True
            self.block_text, self.text_indent = None, None
        return False

    def in_text(self, index: int) -> Iterator[_Guess]:
        """A line of a block of text (`>-`, `|`) indented less than the block's first line ends the block early."""
        if not self.in_block or not self.block_scalar:
            return
        line = self.lines[index]
        indent = len(line) - len(line.lstrip(" "))
        if self.text_indent is None:
            self.text_indent = indent
        elif indent < self.text_indent:
            message = (
                f"this line of text is indented {_spaces(indent)}, less than the first line of its block: "
                f"{_indent_it(self.text_indent)}"
            )
            yield _Guess(
                index + 1, indent + 1, message, _replaced(self.lines, index, _indented(line, self.text_indent))
            )

    def place(self, index: int) -> tuple[bool, list[_Guess]]:
        """Fit the line into the open levels: (True, []) when it fits, else (False, guesses about why not)."""
        number, line = index + 1, self.lines[index]
        content = line.lstrip(" ")
        indent = len(line) - len(content)
        if content.startswith(("\t", "---", "%")):
            return False, []
        item = content.startswith("- ") or content.rstrip() == "-" or re.match(r"-[^\s-]", content) is not None
        stack, before = self.stack, list(self.stack)
        popped = False
        while stack and stack[-1].indent > indent:
            stack.pop()
            popped = True
        if popped and (not stack or stack[-1].indent != indent):
            what = f"is indented {_spaces(indent)}, which lines up with no line above"
            return False, list(_reindent(self.lines, number, indent, item, before, what))
        if stack and stack[-1].indent == indent and stack[-1].kind == "seq" and not item:
            stack.pop()
            if not stack or stack[-1].indent != indent:
                what = "lines up with the '-' of the list items above but does not start with '- '"
                what += ": start a new item with '- ', or"
                return False, list(_reindent(self.lines, number, indent, item, before, what))
        elif stack and stack[-1].indent < indent and not self.opened:
            if _KEY.match(content) or item:
                return False, list(_odd_one_out(self.lines, number, indent, self.keys[-2:]))
            self.block_text = stack[-1].indent  # the text of a plain value, continued on the next line
            self.block_scalar = False
        elif not stack and indent and not self.opened:
            message = f"the first line is indented {_spaces(indent)}: "
            message += "the fields at the top start at the beginning of the line"
            return False, [_Guess(number, 1, message, _replaced(self.lines, index, content))]
        return True, []

    def open(self, index: int) -> Iterator[_Guess]:
        """Record the levels the line opens; a '-' without its space or a quote left open is a guess."""
        number, line = index + 1, self.lines[index]
        if self.block_text is not None:
            return
        level_indent = len(line) - len(line.lstrip(" "))
        rest = line[level_indent:]
        if (rest.startswith("- ") or rest.rstrip() == "-") and not (
            self.stack and self.stack[-1].indent == level_indent and self.stack[-1].kind == "seq"
        ):
            self.stack.append(_Level(level_indent, "seq", number, "-"))
        while rest.startswith("- ") or rest.rstrip() == "-":
            spaces = len(rest[1:]) - len(rest[1:].lstrip(" "))
            rest, level_indent = rest[1 + spaces :], level_indent + 1 + spaces
            if rest.startswith("- "):
                self.stack.append(_Level(level_indent, "seq", number, "-"))
        if re.match(r"-[^\s-]", rest):
            repaired = _replaced(self.lines, index, line[:level_indent] + "- " + rest[1:])
            yield _Guess(number, level_indent + 1, "put a space after '-' to start a list item", repaired)
        glued = re.match(r"([A-Za-z_][\w-]*):([^\s/:])", rest)
        if glued and not _KEY.match(rest):
            at = len(line) - len(rest) + glued.end(1) + 1
            repaired = _replaced(self.lines, index, line[:at] + " " + line[at:])
            yield _Guess(number, at + 1, f"put a space after ':' (write '{glued.group(1)}: ...')", repaired)
        key = _KEY.match(rest)
        if key:
            self._key(number, level_indent, key.group("key"))
            rest = rest[key.end() :]
        value = rest.strip()
        self.opened = not value or value.startswith("#")
        if value[:1] in ("|", ">"):
            self.block_text = len(line) - len(line.lstrip(" "))
            self.text_indent, self.block_scalar = None, True
        elif value[:1] in ("'", '"') and _closing(line, len(line) - len(rest.lstrip())) < 0:
            self.quote = value[0]
            repaired = _replaced(self.lines, index, line.rstrip() + value[0])
            message = f"this quote is never closed: end the text with {value[0]} on the same line"
            yield _Guess(number, len(line) - len(rest.lstrip()) + 1, message, repaired)

    def _key(self, number: int, indent: int, name: str) -> None:
        top = self.stack[-1] if self.stack else None
        if top is not None and top.indent == indent and top.kind == "map":
            top.line, top.name = number, name  # later lines line up with the nearest key
        else:
            self.stack.append(_Level(indent, "map", number, name))
        self.keys.append((number, indent, name))


def _replaced(lines: list[str], index: int, new: str) -> list[str]:
    return [*lines[:index], new, *lines[index + 1 :]]


def _indented(line: str, indent: int) -> str:
    return " " * indent + line.lstrip(" ")


def _reindent(
    lines: list[str], number: int, indent: int, item: bool, open_levels: list[_Level], what: str
) -> Iterator[_Guess]:
    """A line whose indentation matches no open level: each level near it, nearest (then deepest) first."""
    kinds = ("seq", "map") if item else ("map",)
    levels = sorted(
        (level for level in open_levels if level.kind in kinds and level.indent != indent),
        key=lambda level: (kinds.index(level.kind), abs(level.indent - indent), -level.indent),
    )
    for level in levels:
        target = f"the '-' at line {level.line}" if level.kind == "seq" else f"'{level.name}' at line {level.line}"
        yield _Guess(
            number,
            indent + 1,
            f"this line {what}{'' if what.endswith(' or') else ':'} {_indent_it(level.indent)}, like {target}",
            _replaced(lines, number - 1, _indented(lines[number - 1], level.indent)),
        )


def _odd_one_out(lines: list[str], number: int, indent: int, keys: list[tuple[int, int, str]]) -> Iterator[_Guess]:
    """A key deeper than the key above: either the key above is dedented, or this one is indented too far."""
    if keys:
        above, above_indent, above_name = keys[-1]
        if len(keys) == 2 and keys[0][1] == indent and above_indent < indent:
            before, _, name = keys[0]
            yield _Guess(
                above,
                above_indent + 1,
                f"this line is indented {_spaces(above_indent)}, less than the lines around it: "
                f"{_indent_it(indent)}, like '{name}' at line {before}",
                _replaced(lines, above - 1, _indented(lines[above - 1], indent)),
            )
        yield _Guess(
            number,
            indent + 1,
            f"this line is indented {_spaces(indent)}, further than the line above: "
            f"{_indent_it(above_indent)}, like '{above_name}' at line {above}",
            _replaced(lines, number - 1, _indented(lines[number - 1], above_indent)),
        )


def comment_hint(text: str, line: int, column: int) -> str:
    """For an empty value: a hint when the value was written but starts with '#', which YAML reads as a comment."""
    lines = _BREAK.split(text)[0::2]
    if not 0 < line <= len(lines):
        return ""
    rest = lines[line - 1][max(column - 1, 0) :].lstrip(" :-")
    if rest.startswith("#"):
        return "; a '#' after a space starts a comment: put text that starts with '#' inside double quotes"
    return ""


def colon_hint(text: str, line: int, column: int) -> str:
    """For a mapping where text belongs: a hint when it was written as one line of text holding ': '."""
    lines = _BREAK.split(text)[0::2]
    if not 0 < line <= len(lines):
        return ""
    rest = lines[line - 1][max(column - 1, 0) :].strip()
    key = _KEY.match(rest)
    if key and rest[key.end() :].strip() and not rest.startswith(("'", '"', "{")):
        return f"; text that contains ': ' must be inside quotes: write {_quoted(rest)}"
    return ""


def _quoted(text: str) -> str:
    """`text` as a double-quoted YAML scalar, for a suggestion (shortened when long)."""
    text = text.split(" #")[0].rstrip()
    if len(text) > 60:
        text = text[:59] + "…"
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def bullet_hint(value: str) -> str:
    """For text where a list belongs: a hint when it was written as a list with bullets instead of '- '."""
    if value[:1] in _BULLETS and value[1:2] == " ":
        return f"; start each list item with '- ' (a hyphen and a space), not '{value[0]}'"
    return ""
