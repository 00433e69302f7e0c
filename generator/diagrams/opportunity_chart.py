"""The value/effort chart of the opportunities page: every scored opportunity as a numbered, linked point.

A 5 × 5 grid (effort across, value up) needs exact positions, which `dot` does not give, so it is
written as SVG directly, like the experience curve; every text goes through `xml_text`. Opportunities
in the same cell sit side by side in it, never on top of each other. A point's number is its number on
the opportunities page (`Maps.opportunities` order), its shape says its status (as `OPPORTUNITY_STATUS_MARK`
does in text), and it links to its touchpoint. The corners are named: quick wins, big bets, fill-ins and
time sinks.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .. import addresses
from ..model import Maps, OpportunityRef
from ..vocabulary import (
    OPPORTUNITY_SCORE_MAX,
    OPPORTUNITY_SCORE_MIN,
    OPPORTUNITY_STATUS_LABEL,
    OPPORTUNITY_STATUSES,
    opportunity_status_text,
)
from . import links, look
from .drawing import Drawing
from .text import shorten, tooltip, wrap, xml_text

SCORES = range(OPPORTUNITY_SCORE_MIN, OPPORTUNITY_SCORE_MAX + 1)
LEFT = 42  # the value axis: its title and its tick numbers
TOP = 34  # the upper corner names
RIGHT = 12
MARK = 6.5  # radius of a point's shape
SLOT_H = 22  # height of one point in a cell
CELL_W = 64  # a column's width: one point of a two-digit number; crowded cells grow taller, not wider
ROW_MIN = 44  # the height of a row with one point, or none
FONT_ATTR = f'font-family="{look.FONT}"'
STATUS_COLOR = {
    "idea": look.INK,
    "planned": "#4a90d9",
    "in-progress": "#d55e00",
    "done": "#009e73",
    "dropped": look.INK,
}
"""At least 3:1 on white and on Material's dark slate; the shape tells the status without them."""
CORNERS = (
    ("Quick wins", "high value, low effort"),
    ("Big bets", "high value, high effort"),
    ("Fill-ins", "low value, low effort"),
    ("Time sinks", "low value, high effort"),
)
"""The corner regions (two scores by two at each corner), left to right, top to bottom."""


def scored(refs: list[OpportunityRef]) -> list[tuple[int, OpportunityRef]]:
    """(number, opportunity) for those with both a value and an effort: what the chart can place."""
    return [
        (n, o) for n, o in enumerate(refs, 1) if o.opportunity.value is not None and o.opportunity.effort is not None
    ]


@dataclass(frozen=True)
class _Grid:
    """Where the cells are: one width for every column, each row as tall as its most crowded cell needs."""

    cell_w: float
    columns: int
    """Points side by side in a cell."""
    slot_w: float
    tops: dict[int, float]
    """Value -> the y of its row's top edge."""
    heights: dict[int, float]

    @property
    def width(self) -> float:
        return self.cell_w * len(SCORES)

    @property
    def bottom(self) -> float:
        return TOP + sum(self.heights.values())

    def x(self, effort: int) -> float:
        return LEFT + (effort - OPPORTUNITY_SCORE_MIN) * self.cell_w


def _grid(cells: dict[tuple[int, int], list[tuple[int, OpportunityRef]]], digits: int) -> _Grid:
    slot_w = 2 * MARK + 5 + 9 * digits
    columns = max(1, int((CELL_W - 6) // slot_w))
    cell_w = max(float(CELL_W), columns * slot_w + 6)
    heights: dict[int, float] = {}
    tops: dict[int, float] = {}
    y = float(TOP)
    for value in reversed(SCORES):
        crowd = max((len(found) for (_, v), found in cells.items() if v == value), default=0)
        heights[value] = max(float(ROW_MIN), math.ceil(crowd / columns) * SLOT_H + 12)
        tops[value] = y
        y += heights[value]
    return _Grid(cell_w, columns, slot_w, tops, heights)


def build(maps: Maps) -> Drawing | None:
    """The chart, or None when no opportunity has both a value and an effort."""
    refs = maps.opportunities()
    placed = scored(refs)
    if not placed:
        return None
    page = addresses.OPPORTUNITIES
    cells: dict[tuple[int, int], list[tuple[int, OpportunityRef]]] = {}
    for number, ref in placed:
        cells.setdefault((ref.opportunity.effort or 0, ref.opportunity.value or 0), []).append((number, ref))
    grid = _grid(cells, len(str(len(refs))))
    width = LEFT + grid.width + RIGHT
    out = _frame(grid)
    for (effort, value), found in sorted(cells.items()):
        rows = math.ceil(len(found) / grid.columns)
        used_w = min(len(found), grid.columns) * grid.slot_w
        for i, (number, ref) in enumerate(found):
            x = grid.x(effort) + (grid.cell_w - used_w) / 2 + (i % grid.columns) * grid.slot_w + MARK + 2
            y = grid.tops[value] + (grid.heights[value] - rows * SLOT_H) / 2 + (i // grid.columns) * SLOT_H + SLOT_H / 2
            out += _point(maps, page, number, ref, x, y, grid.slot_w)
    legend, y = _legend(width, grid.bottom + 84)
    out += legend
    left_out = len(refs) - len(placed)
    if left_out:
        note = f"{left_out} of {len(refs)} opportunities have no value and effort yet: the lists show them."
        for line in wrap(note, int((width - 16) / 6.9), 3):
            y += 18
            out.append(
                f'<text class="jm-d-ink jm-d-key" x="8" y="{y:.1f}" font-size="13" font-style="italic" '
                f'fill="{look.INK}">{xml_text(line)}</text>'
            )
    height = y + 14
    svg = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" {FONT_ATTR}>',
        '<g class="graph">',
        *out,
        "</g></svg>",
    ]
    return Drawing(
        title="Opportunities by value and effort",
        description=_description(maps, placed, len(refs)),
        svg="\n".join(svg),
    )


def _frame(grid: _Grid) -> list[str]:
    """Corner regions, grid, axis labels and corner names."""
    out: list[str] = []
    right, bottom = LEFT + grid.width, grid.bottom
    high, low = OPPORTUNITY_SCORE_MAX, OPPORTUNITY_SCORE_MIN
    upper = grid.heights[high] + grid.heights[high - 1]
    lower = grid.heights[low] + grid.heights[low + 1]
    for i, (name, _) in enumerate(CORNERS):
        x = LEFT if i % 2 == 0 else right - 2 * grid.cell_w
        y = TOP if i < 2 else bottom - lower
        out.append(
            f'<rect class="jm-d-corner" x="{x:.1f}" y="{y:.1f}" width="{2 * grid.cell_w:.1f}" '
            f'height="{upper if i < 2 else lower:.1f}" fill="{look.INK}" fill-opacity="{0.16 if i == 0 else 0.08}"/>'
        )
        anchor, tx = ("start", LEFT + 2) if i % 2 == 0 else ("end", right - 2)
        ty = TOP - 10 if i < 2 else bottom + 42
        out.append(
            f'<text class="jm-d-ink jm-d-corner-name" x="{tx:.1f}" y="{ty:.1f}" text-anchor="{anchor}" '
            f'font-size="14" font-weight="bold" fill="{look.INK}">{xml_text(name)}</text>'
        )
    lines: list[tuple[float, float, float, float]] = [(grid.x(e), TOP, grid.x(e), bottom) for e in SCORES]
    lines += [(right, TOP, right, bottom)]
    lines += [(LEFT, grid.tops[v], right, grid.tops[v]) for v in SCORES] + [(LEFT, bottom, right, bottom)]
    for x1, y1, x2, y2 in lines:
        edge = (x1 == x2 and x1 in (LEFT, right)) or (y1 == y2 and y1 in (TOP, bottom))
        dash = "" if edge else ' stroke-dasharray="3 4"'
        out.append(
            f'<line class="jm-d-grid" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{look.INK}" '
            f'stroke-width="0.6"{dash}/>'
        )
    for score in SCORES:
        x = grid.x(score) + grid.cell_w / 2
        y = grid.tops[score] + grid.heights[score] / 2
        out.append(
            f'<text class="jm-d-ink jm-d-scale" x="{x:.1f}" y="{bottom + 18:.1f}" text-anchor="middle" '
            f'font-size="14" fill="{look.INK}">{score}</text>'
        )
        out.append(
            f'<text class="jm-d-ink jm-d-scale" x="{LEFT - 8}" y="{y + 5:.1f}" text-anchor="end" font-size="14" '
            f'fill="{look.INK}">{score}</text>'
        )
    scale = f"{low} low – {high} high"
    out.append(
        f'<text class="jm-d-ink jm-d-axis" transform="translate(16,{(TOP + bottom) / 2:.1f}) rotate(-90)" '
        f'text-anchor="middle" font-size="14" font-weight="bold" fill="{look.INK}">Value ({scale}) →</text>'
    )
    out.append(
        f'<text class="jm-d-ink jm-d-axis" x="{LEFT + grid.width / 2:.1f}" y="{bottom + 62:.1f}" text-anchor="middle" '
        f'font-size="14" font-weight="bold" fill="{look.INK}">Effort ({scale}) →</text>'
    )
    return out


def _score_word(score: int) -> str:
    if score == OPPORTUNITY_SCORE_MIN:
        return " low"
    return " high" if score == OPPORTUNITY_SCORE_MAX else ""


def _point(maps: Maps, page: str, number: int, ref: OpportunityRef, x: float, y: float, slot_w: float) -> list[str]:
    """One link: a hit area, the status shape and the number."""
    status = ref.status
    href = links.to_touchpoint(page, ref.where.journey.id, ref.where.touchpoint.id)
    return [
        f'<a class="jm-d-opportunity jm-d-status-{status}" href="{href}" target="_top" id="opportunity-{number}">'
        f"<title>{xml_text(tooltip(f'{number}. {_summary(maps, ref)}'))}</title>",
        f'<rect x="{x - MARK - 2:.1f}" y="{y - SLOT_H / 2:.1f}" width="{slot_w - 2:.1f}" height="{SLOT_H:.1f}" '
        'fill="#ffffff" fill-opacity="0"/>',
        _shape(status, x, y),
        f'<text class="jm-d-ink jm-d-number" x="{x + MARK + 3:.1f}" y="{y + 4.5:.1f}" font-size="14" '
        f'font-weight="bold" fill="{look.INK}">{number}</text></a>',
    ]


def _shape(status: str, x: float, y: float, r: float = MARK) -> str:
    """The status's shape: ○ idea, ◇ planned, ◐ in progress, ● done, ✕ dropped."""
    color = STATUS_COLOR[status]
    line = f'stroke="{color}" stroke-width="2"'
    if status == "idea":
        return f'<circle class="jm-d-mark" cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="none" {line}/>'
    if status == "planned":
        d = r + 1.5
        return (
            f'<polygon class="jm-d-mark" points="{x:.1f},{y - d:.1f} {x + d:.1f},{y:.1f} {x:.1f},{y + d:.1f} '
            f'{x - d:.1f},{y:.1f}" fill="none" {line} stroke-linejoin="round"/>'
        )
    if status == "in-progress":
        return (
            f'<g class="jm-d-mark"><circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="none" {line}/>'
            f'<path d="M{x:.1f},{y - r:.1f} A{r},{r} 0 0,0 {x:.1f},{y + r:.1f} Z" fill="{color}"/></g>'
        )
    if status == "done":
        return f'<circle class="jm-d-mark" cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="{color}" {line}/>'
    d = r - 1
    return (
        f'<path class="jm-d-mark" d="M{x - d:.1f},{y - d:.1f} L{x + d:.1f},{y + d:.1f} M{x - d:.1f},{y + d:.1f} '
        f'L{x + d:.1f},{y - d:.1f}" stroke="{color}" stroke-width="2.4" stroke-linecap="round"/>'
    )


def _legend(width: float, y: float) -> tuple[list[str], float]:
    """The statuses' shapes and words, in as many rows as the width needs; returns the last row's y."""
    out: list[str] = []
    x = 12.0
    for status in OPPORTUNITY_STATUSES:
        label = OPPORTUNITY_STATUS_LABEL[status]
        item_w = 2 * MARK + 8 + 7.2 * len(label) + 14
        if x + item_w > width and x > 12:
            x, y = 12.0, y + 22
        out.append(_shape(status, x + MARK, y - 4.5))
        out.append(
            f'<text class="jm-d-ink jm-d-legend" x="{x + 2 * MARK + 6:.1f}" y="{y:.1f}" font-size="14" '
            f'fill="{look.INK}">{xml_text(label)}</text>'
        )
        x += item_w
    return out, y


def _summary(maps: Maps, ref: OpportunityRef) -> str:
    """'Show the delivery date — ◐ In progress, value 4, effort 2, owner E-commerce; at Product page (Online
    purchase)'."""
    owner = maps.departments.get(ref.owner)
    o = ref.opportunity
    return (
        f"{' '.join(o.text.split())} — {opportunity_status_text(ref.status)}, value {o.value}, effort {o.effort}, "
        f"owner {owner.name if owner else ref.owner}; at {ref.where.touchpoint.name} ({ref.where.journey.title})"
    )


def _description(maps: Maps, placed: list[tuple[int, OpportunityRef]], total: int) -> str:
    corners = "; ".join(f"{name}: {where}" for name, where in CORNERS)
    points = "; ".join(f"{number}. {shorten(_summary(maps, ref), 160)}" for number, ref in placed)
    return (
        f"{len(placed)} of {total} opportunities placed by effort (across, 1 to 5) and value (up, 1 to 5). "
        f"Corners: {corners}. {points}."
    )
