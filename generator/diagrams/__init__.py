"""Diagrams: Graphviz journey flows, ownership blueprints, experience curves, department maps, value/effort chart.

`plan` turns valid maps into diagram sources (pure, no I/O); `render` runs `dot` on them, in
parallel and through a cache, and returns SVG ready to be placed inline in the page named by
`Diagram.page` (links inside are relative to that page).

Per journey: `journeys/<id>/flow`, `journeys/<id>/blueprint`, `journeys/<id>/curve`, and for a to-be
journey `journeys/<id>/compare` (both experience curves by stage); per department:
`departments/<id>/map`; and the opportunities page's value/effort chart, `opportunities/chart` (only when
an opportunity has both scores). The modules beside this one each do one job: `text` (escaping), `look`
(colours, fonts), `links` (relative addresses), `drawing` (shared label parts), one module per
diagram, `svgfix` (inline-ready SVG) and `runner` (dot, cache, parallelism).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from .. import addresses, tobe
from ..handoffs import HandoffIndex
from ..model import Journey, Maps

DEFAULT_CACHE = Path(".cache/journeymaps/diagrams")
"""Where `build` and `generate` keep what `dot` drew, relative to the project (JOURNEYMAPS_CACHE overrides it)."""


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
    """Graphviz DOT source; None for diagrams drawn directly as SVG (the experience curve, the value/effort chart)."""
    svg: str | None = None
    """SVG for diagrams that need no `dot`."""


def plan(maps: Maps, kpi_threshold: float = 0.1, channel_names: Mapping[str, str] | None = None) -> list[Diagram]:
    """Every diagram of the site, in a stable order (journeys by id, departments, the chart); KPI status on
    cards as `Kpi.status(kpi_threshold)` says, channels by the names people use (the site's own
    `channel_names` first)."""
    return [diagram for _, diagram in sorted(_planned(maps, kpi_threshold, channel_names), key=lambda p: p[0])]


def _planned(
    maps: Maps, kpi_threshold: float, channel_names: Mapping[str, str] | None, kept: plans.Plans | None = None
) -> Iterator[tuple[tuple[int, int], Diagram]]:
    """(place in `plan`'s order, diagram), one at a time, the department maps first: they are the largest
    `dot` runs, so handed out first they do not leave one core working alone at the end (`draw`). With `kept`
    (`serve`), a journey's diagrams are taken from the last planning where nothing they read changed."""
    colors = look.department_colors(maps)
    statuses = drawing_parts.kpi_statuses(maps, kpi_threshold)
    keys = plans.JourneyKeys(maps, kpi_threshold, channel_names) if kept is not None else None
    if kept is not None:
        kept.start()
    index: HandoffIndex | None = None  # made for the first journey planned again
    parts = plans.Parts(kept, keys) if kept is not None and keys is not None else None
    for number, department in enumerate(maps.departments.values()):
        drawing = department_map.build(maps, department, colors, channels=channel_names, parts=parts)
        page = links.department_page(department.id)
        name = addresses.department_diagram(department.id)
        yield (1, number), Diagram(name, page, drawing.title, drawing.description, drawing.dot, drawing.svg)
    number = 0
    for journey_id in sorted(maps.journeys):
        journey = maps.journeys[journey_id]
        key = keys.key(journey) if keys is not None else None
        reused = kept.get(key) if kept is not None else None
        if reused is None:
            index = index or HandoffIndex.of(maps)
            reused = list(_journey_diagrams(maps, journey, colors, statuses, index, channel_names))
        if kept is not None:
            kept.put(key, reused)
        for diagram in reused:
            yield (0, number), diagram
            number += 1
    chart = opportunity_chart.build(maps)
    if chart is not None:
        name, page = addresses.OPPORTUNITY_CHART, addresses.OPPORTUNITIES
        yield (2, 0), Diagram(name, page, chart.title, chart.description, chart.dot, chart.svg)
    if kept is not None:
        kept.finish()


def _journey_diagrams(
    maps: Maps, journey: Journey, colors: dict[str, str], statuses: dict[str, str], index: HandoffIndex,
    channel_names: Mapping[str, str] | None,
) -> Iterator[Diagram]:  # fmt: skip
    """A journey's diagrams: flow, blueprint, curve and, for a to-be journey, the comparison of the curves."""
    journey_id = journey.id
    page = links.journey_page(journey_id)
    for kind in addresses.JOURNEY_DIAGRAMS:
        if kind == "flow":
            drawing = flow.build(maps, journey, colors, statuses=statuses, handoffs=index, channels=channel_names)
        elif kind == "blueprint":
            drawing = blueprint.build(maps, journey, colors, statuses=statuses, handoffs=index, channels=channel_names)
        else:
            drawing = curve.build(maps, journey)
        name = addresses.journey_diagram(journey_id, kind)
        yield Diagram(name, page, drawing.title, drawing.description, drawing.dot, drawing.svg)
    comparison = tobe.compare(maps, journey)
    if comparison is not None:  # a to-be journey: its curve beside its as-is journey's
        drawing = compare.build(maps, comparison)
        name = addresses.journey_diagram(journey_id, addresses.COMPARE_DIAGRAM)
        yield Diagram(name, page, drawing.title, drawing.description, drawing.dot, drawing.svg)


def render(
    diagrams: list[Diagram],
    cache_dir: Path | None = None,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    *,
    timeout: float = 60.0,
    finished: dict[str, str] | None = None,
) -> dict[str, str]:
    """Diagram name -> SVG text. Raises `RenderError` naming the journey when `dot` fails.

    `jobs` `dot` processes run at once (default: one per core); each may take `timeout` seconds.
    With `cache_dir`, `dot` runs only for DOT sources it has not drawn before with this Graphviz.
    `progress(done, total)` is called after each diagram, from the calling thread. `finished`: see `runner.render_all`.
    """
    return _render(list(diagrams), cache_dir, jobs, progress, timeout, finished)


def _render(
    diagrams: Iterable[Diagram], cache_dir: Path | None, jobs: int | None,
    progress: Callable[[int, int], None] | None, timeout: float, finished: dict[str, str] | None,
) -> dict[str, str]:  # fmt: skip
    try:
        return runner.render_all(diagrams, cache_dir, jobs, progress, timeout, finished)
    except runner.DotFailure as failure:
        where = runner.whose(failure.name) if failure.name else "the diagrams"
        raise RenderError(f"{where} could not be drawn: {failure.reason}", failure.name) from None


def draw(
    maps: Maps,
    cache_dir: Path | None = DEFAULT_CACHE,
    progress: Callable[[int, int], None] | None = None,
    jobs: int | None = None,
    timeout: float = 60.0,
    kpi_threshold: float = 0.1,
    channel_names: Mapping[str, str] | None = None,
    finished: dict[str, str] | None = None,
    kept: plans.Plans | None = None,
) -> dict[str, str]:
    """Every diagram of the site as SVG, keyed by name, in `plan`'s order (`finished`: see `runner.render_all`;
    `kept`: the journeys' plans of the last rebuild, `serve` only, see `plans.py`).

    The diagrams are drawn and finished on every core while the rest are still being planned."""
    places: dict[str, tuple[int, int]] = {}

    def planned() -> Iterator[Diagram]:
        for place, diagram in _planned(maps, kpi_threshold, channel_names, kept):
            places[diagram.name] = place
            yield diagram

    svgs = _render(planned(), cache_dir, jobs, progress, timeout, finished)
    return {name: svgs[name] for name in sorted(svgs, key=places.__getitem__)}


class RenderError(Exception):
    """`dot` failed or timed out on one diagram; the message names the diagram and its journey."""

    def __init__(self, message: str, name: str = "") -> None:
        super().__init__(message)
        self.name = name
        """The diagram's name ('journeys/<journey-id>/flow'), or '' when no single diagram is at fault."""


from . import blueprint, compare, curve, department_map, flow, links, look, opportunity_chart, plans, runner  # noqa: E402  (they need nothing from here)
from . import drawing as drawing_parts  # noqa: E402
