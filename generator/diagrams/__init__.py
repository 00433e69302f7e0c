"""Diagrams: Graphviz journey flows, ownership blueprints, experience curves and department maps.

`plan` turns valid maps into diagram sources (pure, no I/O); `render` runs `dot` on them, in
parallel and through a cache, and returns SVG ready to be placed inline in the page named by
`Diagram.page` (links inside are relative to that page).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..model import Maps


@dataclass(frozen=True)
class Diagram:
    name: str
    """Unique key, e.g. 'journeys/online-purchase/flow'; also the cache key's prefix and the SVG id prefix."""
    page: str
    """Address of the page it is embedded in, e.g. 'journeys/online-purchase/' (links are relative to it)."""
    title: str
    """Short text alternative (SVG <title>)."""
    description: str
    """Longer text alternative (SVG <desc>)."""
    dot: str | None
    """Graphviz DOT source; None for diagrams drawn directly as SVG (the experience curve)."""
    svg: str | None = None
    """SVG for diagrams that need no `dot`."""


def plan(maps: Maps) -> list[Diagram]:
    """Every diagram of the site, in a stable order."""
    raise NotImplementedError("issue 3")


def render(
    diagrams: list[Diagram],
    cache_dir: Path | None = None,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, str]:
    """Diagram name -> SVG text. Raises `RenderError` naming the journey when `dot` fails."""
    raise NotImplementedError("issue 3")


class RenderError(Exception):
    """`dot` failed or timed out on one diagram; the message names the diagram and its journey."""
