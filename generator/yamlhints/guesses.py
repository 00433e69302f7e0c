"""`explain`: what a YAML parser error most probably means, found by trying likely fixes and re-parsing."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]
from .indentation import _scan
from .lines import _BREAK, _BULLETS, ParserError, Position, _bracket_end, _char, _closing, _Guess, _quoted, _value_line

_CANNOT_START = {"@": "'@'", "`": "a backquote", "%": "'%'"}


MAX_TRIES = 6
"""Repaired copies parsed at most, so that a mistake in a large file costs a few parses, not hundreds."""


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
    if (found := _value_line(lines, error.line)) is None:
        return
    content, indent, start = found
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
    if (found := _value_line(lines, error.line)) is None:
        return
    content, indent, start = found
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
