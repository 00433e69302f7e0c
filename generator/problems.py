"""Problems as values: every check adds to one list, reporters turn it into text, JSON or annotations."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):  # noqa: UP042 - StrEnum would change str(severity), which messages may rely on
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One finding, 1-based line and column; sorts by file, then position, then code."""

    file: str
    line: int
    column: int
    code: str
    message: str
    severity: Severity = Severity.ERROR

    def __post_init__(self) -> None:
        # One problem, one line, whatever the input held: a message never carries a line break.
        if not self.message.isprintable():
            object.__setattr__(
                self, "message", "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in self.message)
            )

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity.value} {self.code} {self.message}"


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ` (did you mean 'x'?)` suffix when one choice is close to `word`, else an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def quote(value: object, limit: int = 60) -> str:
    """A value for a message, quoted and shortened so that hostile input cannot flood the report."""
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    if not text.isprintable():
        text = text.encode("unicode_escape").decode("ascii")
    return f"'{text}'"
