"""What the guesses share: the parser's error, a guess (a fix to try), and small readings of a YAML line."""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

Position = tuple[int, int]


_BREAK = re.compile(r"(\r\n|[\r\n\x85\u2028\u2029])")  # the line breaks YAML readers count


_KEY = re.compile(r"""(?P<key>[^\s#'"\[\]{}>|&*!%@`,-][^#]*?|-[^\s#]*?)\s*:(?:[ \t]+|$)""")


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


_BULLETS = ("\u2022", "\u00b7", "\u2013", "\u2014", "*")  # bullet, middle dot, en and em dash, asterisk


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


def _value_line(lines: list[str], number: int) -> tuple[str, int, int] | None:
    """Line `number` (1-based) read as `key: value`: its content without the indentation, the indentation's
    width and where the value starts in the content (-1: no value); None for a line past the text."""
    if not 0 < number <= len(lines):
        return None
    content = lines[number - 1].lstrip(" ")
    return content, len(lines[number - 1]) - len(content), _value_start(content)


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


def _replaced(lines: list[str], index: int, new: str) -> list[str]:
    return [*lines[:index], new, *lines[index + 1 :]]


def _indented(line: str, indent: int) -> str:
    return " " * indent + line.lstrip(" ")


def _quoted(text: str) -> str:
    """`text` as a double-quoted YAML scalar, for a suggestion (shortened when long)."""
    text = text.split(" #")[0].rstrip()
    if len(text) > 60:
        text = text[:59] + "…"
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
