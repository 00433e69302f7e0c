"""One-line hints for values that parse but were probably not meant (a comment, a colon, a bullet)."""

from __future__ import annotations

from .lines import _BREAK, _BULLETS, _KEY, _quoted


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


def bullet_hint(value: str) -> str:
    """For text where a list belongs: a hint when it was written as a list with bullets instead of '- '."""
    if value[:1] in _BULLETS and value[1:2] == " ":
        return f"; start each list item with '- ' (a hyphen and a space), not '{value[0]}'"
    return ""
