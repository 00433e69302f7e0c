"""What a rebuild may take from the last one (`serve` keeps it across rebuilds): results of pure functions, by
what they are made of. Nothing here decides what is equal; callers key what they keep."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from .fragments import inline_svg
from .text import inline_markdown


class Remembered:
    """A pure function of one text whose results are kept: this build's, and the last finished build's."""

    def __init__(self, function: Callable[[str], Markup], keep: bool = True) -> None:
        self.function = function
        self.keep = keep
        """False: nothing is kept (a one-shot build showing each diagram once would only hold a copy of each)."""
        self._last: dict[str, Markup] = {}
        self._now: dict[str, Markup] = {}

    def __call__(self, text: str | None) -> Markup:
        text = text or ""
        if not self.keep:
            return self.function(text)
        found = self._now.get(text)
        if found is None:
            found = self._last.get(text)
            self._now[text] = found = self.function(text) if found is None else found
        return found

    def next_build(self) -> None:
        """What this build used is what the next may reuse; nothing older is held."""
        if self._now:
            self._last, self._now = self._now, {}


LinesMemo = dict[tuple[str, str, int, str], dict[str, int]]
"""(journey file, its text, max_depth, its touchpoints) -> touchpoint address -> line (`touchpoint_lines`)."""


class Reuse:
    """What page generation may take from the previous build: inline diagrams and inline Markdown, by text; whole
    pages by the key of what their template reads (`pagekeys`); the Jinja environment (its compiled templates,
    while no template file changes); each journey file's touchpoint lines, by the file's text."""

    def __init__(self, keep_svgs: bool = True) -> None:
        self.svg = Remembered(inline_svg, keep_svgs)
        self.markdown = Remembered(inline_markdown)
        self.pages: dict[str, Any] = {}
        """Page key -> the page the last finished build made (`pages.Page`)."""
        self.pages_now: dict[str, Any] = {}
        self.lines: LinesMemo = {}
        self.environments: dict[Any, Any] = {}
        """(site options, `templating.template_files`) -> the Jinja environment; an edited template, a new one."""

    def next_build(self) -> None:
        self.svg.next_build()
        self.markdown.next_build()
        self.pages, self.pages_now = self.pages_now, {}
