"""Problems as values: every check adds to one list, reporters turn it into text, JSON or annotations."""

from __future__ import annotations

import bisect
import difflib
import heapq
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
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
    more: int = field(default=0, compare=False)
    """On a "... more" line: how many problems of its code it stands for (see `capped`)."""

    def __post_init__(self) -> None:
        # One problem, one line, whatever the input held: a message never carries a line break.
        if not self.message.isprintable():
            object.__setattr__(
                self, "message", "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in self.message)
            )

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity.value} {self.code} {self.message}"


class Suggestions:
    """ "did you mean" with bounded work, for one file or one run.

    difflib compares a word with every choice, each comparison costing up to the product of their
    lengths: a thousand unknown references against hundreds of long, similar ids took minutes. Here a
    word is compared only with choices of a length that could reach the cutoff (at most `per_word`
    of them), answers are remembered, and the work is counted in character pairs: once `budget` is
    spent no more hints are made (every problem is still reported). Where the budget lasts, the hints
    are difflib's own.
    """

    MAX_WORD = 200
    """Longer words get no hint: no id or field name is half as long."""

    def __init__(self, budget: int = 5_000_000, per_word: int = 1_000) -> None:
        self.budget, self.per_word = budget, per_word
        self.work = 0
        """Character pairs compared so far: a word's length times a choice's for each full comparison."""
        self._answers: dict[tuple[str, int, float, tuple[str, ...]], list[str]] = {}
        self._by_length: dict[tuple[str, ...], tuple[list[str], list[int]]] = {}

    def close(self, word: str, choices: Iterable[str], n: int = 1, cutoff: float = 0.6) -> list[str]:
        """Up to `n` choices close to `word`, best first (as `difflib.get_close_matches`)."""
        options = tuple(choices)
        key = (word, n, cutoff, options)
        if key not in self._answers:
            self._answers[key] = self._compare(word, options, n, cutoff)
        return self._answers[key]

    def __call__(self, word: str, choices: Iterable[str]) -> str:
        """A ` (did you mean 'x'?)` suffix when one choice is close to `word`, else an empty string."""
        close = self.close(word, choices)
        return f" (did you mean '{close[0]}'?)" if close else ""

    def _compare(self, word: str, options: tuple[str, ...], n: int, cutoff: float) -> list[str]:
        if not word or len(word) > self.MAX_WORD or self.work >= self.budget:
            return []
        if options not in self._by_length:
            ordered = sorted(options, key=len)
            self._by_length[options] = ordered, [len(option) for option in ordered]
        ordered, lengths = self._by_length[options]
        # 2 * min(a, b) / (a + b) bounds the ratio: only lengths in this window can reach the cutoff.
        # (widened by one, against rounding: real_quick_ratio below decides exactly).
        low = bisect.bisect_left(lengths, len(word) * cutoff / (2 - cutoff) - 1)
        high = bisect.bisect_right(lengths, len(word) * (2 - cutoff) / cutoff + 1)
        matcher = difflib.SequenceMatcher()
        matcher.set_seq2(word)
        scored = []
        for choice in ordered[low : min(high, low + self.per_word)]:
            cost = len(word) * len(choice)
            if self.work + cost > self.budget:
                self.work = self.budget  # spent: later words get no hint either, so hints stay in file order
                break
            matcher.set_seq1(choice)
            self.work += len(word) + len(choice)
            if matcher.real_quick_ratio() >= cutoff and matcher.quick_ratio() >= cutoff:
                self.work += cost
                score = matcher.ratio()
                if score >= cutoff:
                    scored.append((score, choice))
        return [choice for _, choice in heapq.nlargest(n, scored)]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ` (did you mean 'x'?)` suffix when one choice is close to `word`; one bounded look (see `Suggestions`)."""
    return Suggestions()(word, choices)


def quote(value: object, limit: int = 60) -> str:
    """A value for a message, quoted and shortened so that hostile input cannot flood the report."""
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    if not text.isprintable():
        text = text.encode("unicode_escape").decode("ascii")
    return f"'{text}'"


MAX_PER_CODE = 100
"""Problems of one code listed per file; the rest are counted on one line, so that a flood stays readable."""


def more_message(code: str, more: int) -> str:
    plural = "s" if more > 1 else ""
    return f"{more:,} more {code} problem{plural} from here on in this file, not listed: fix the ones above first"


def capped(problems: list[Problem], limit: int = MAX_PER_CODE) -> list[Problem]:
    """The first `limit` problems of each code in each file, then one line counting the rest, sorted.

    Capping twice gives the same result: an earlier "... more" line is counted, not listed.
    """
    listed: Counter[tuple[str, str]] = Counter()
    hidden: Counter[tuple[str, str]] = Counter()
    first_hidden: dict[tuple[str, str], Problem] = {}
    kept: list[Problem] = []
    for problem in sorted(problems):
        key = (problem.file, problem.code)
        if not problem.more and listed[key] < limit:
            listed[key] += 1
            kept.append(problem)
        else:
            hidden[key] += problem.more or 1
            first_hidden.setdefault(key, problem)
    for key, at in first_hidden.items():
        message = more_message(at.code, hidden[key])
        kept.append(Problem(at.file, at.line, at.column, at.code, message, at.severity, more=hidden[key]))
    return sorted(kept)
