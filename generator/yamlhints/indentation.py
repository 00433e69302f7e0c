"""The indentation scanner: a key or item indented unlike its siblings, and the fix that re-indents it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .lines import _KEY, _closing, _Guess, _indent_it, _indented, _replaced, _spaces


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
