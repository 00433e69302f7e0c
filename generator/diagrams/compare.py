"""The as-is / to-be chart: both journeys' experience curves in one chart, one column per stage, drawn as SVG.

Drawn like the experience curve (`curve`): exact scales written directly, every text through
`xml_text`, the scale labelled in words. Each stage's score is its `emotion`, else the mean of its
scored touchpoints (`tobe.stage_score`). Today's journey is a dashed grey line with square points,
the to-be journey a solid blue line with round points, so the two are told apart without colour;
each point links to the stage's first touchpoint in its journey, and under each stage the change is
written out ("▲ +2").
"""

from __future__ import annotations

from ..model import Journey, Maps, Stage
from ..tobe import Comparison, StageScores
from ..vocabulary import EMOTIONS
from . import links, look
from .curve import LINE, SIZE, STEP_Y
from .drawing import Drawing
from .text import shorten, tooltip, wrap, xml_text

STEP_X = 132  # pixels per stage
LEFT = 112
RIGHT = 28
FONT_ATTR = f'font-family="{look.FONT}"'
AS_IS = look.INK
TOP = 72  # the zero of the plot's scale at +2, below the stage names
OFFSET = 7  # pixels each side's points stand apart from the stage's middle


def _y(score: float) -> float:
    return TOP + (2 - score) * STEP_Y


def score_text(score: float | None) -> str:
    """'annoyed (-1)', '+0.5' for a mean between the words, or 'no score'."""
    if score is None:
        return "no score"
    if score == int(score):
        return f"{EMOTIONS[int(score)].word} ({int(score):+d})".replace("(+0)", "(0)")
    return f"{score:+.1f}"


def change_text(row: StageScores) -> str:
    """'▲ +2', '▼ -1' (with a minus sign), '= 0', 'new stage', or '–' where a side has no score."""
    if row.as_is is None or row.to_be is None:
        return "new stage" if row.as_is is None and row.to_be is not None else "–"
    delta = round(row.to_be - row.as_is, 1)
    shown = f"{delta:+g}".replace("-", "\u2212")  # a minus sign, as wide as the plus
    return f"▲ {shown}" if delta > 0 else f"▼ {shown}" if delta < 0 else "= 0"


def build(maps: Maps, comparison: Comparison) -> Drawing:
    to_be, as_is = comparison.to_be, comparison.as_is
    page = links.journey_page(to_be.id)
    rows = comparison.stages
    xs = [LEFT + STEP_X * (i + 0.5) for i in range(len(rows))]
    plot_right = LEFT + STEP_X * len(rows)
    width = max(640, plot_right + RIGHT)
    bottom_plot = _y(-2)
    chars = int((width - 40) / 6.6)
    height = bottom_plot + 112

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} '
        f'{height:.0f}" {FONT_ATTR}>',
        '<g class="graph">',
    ]
    for number, (row, x) in enumerate(zip(rows, xs, strict=True), 1):
        out += _stage(number, row, x, bottom_plot)
    out += _scale(plot_right)
    stages_of = {
        "as-is": {stage.id: stage for stage in as_is.stages},
        "to-be": {stage.id: stage for stage in to_be.stages},
    }
    for side, journey, color in (("as-is", as_is, AS_IS), ("to-be", to_be, LINE)):
        shift = -OFFSET if side == "as-is" else OFFSET  # side by side, so that equal scores show both points
        scores = [(x + shift, row.as_is if side == "as-is" else row.to_be) for row, x in zip(rows, xs, strict=True)]
        out += _line(side, scores, color)
        for row, (x, score) in zip(rows, scores, strict=True):
            if score is not None:
                out += _point(page, side, journey, stages_of[side].get(row.id), row, x, score, color)
    y = bottom_plot + 58
    for side, journey, color in (("as-is", as_is, AS_IS), ("to-be", to_be, LINE)):
        out += _legend(side, journey, color, y, chars)
        y += 20
    note = "A stage's score is its own feeling, else the mean of its touchpoints'. Each point links to the stage."
    out.append(
        f'<text class="jm-d-ink jm-d-key" x="20" y="{y + 4:.1f}" font-size="{SIZE}" font-style="italic" '
        f'fill="{look.INK}">{xml_text(shorten(note, chars))}</text>'
    )
    out.append("</g></svg>")
    return Drawing(
        title=f"Experience by stage, as-is and to-be: {to_be.title}",
        description=(
            f"How the customer feels in each stage today ('{as_is.title}', as-is) and in the redesign "
            f"('{to_be.title}', to-be), from {EMOTIONS[-2].word} (-2) to {EMOTIONS[2].word} (+2): "
            + "; ".join(
                f"{row.name}: as-is {score_text(row.as_is)}, to-be {score_text(row.to_be)} ({change_text(row)})"
                for row in rows
            )
            + "."
        ),
        svg="\n".join(out),
    )


def _stage(number: int, row: StageScores, x: float, bottom_plot: float) -> list[str]:
    """The stage's band and name above the plot, and its change below."""
    start = x - STEP_X / 2
    out = []
    if number % 2:
        out.append(
            f'<rect class="jm-d-band" x="{start:.1f}" y="{TOP - 50}" width="{STEP_X}" '
            f'height="{bottom_plot - TOP + 84:.1f}" fill="{look.INK}" fill-opacity="0.1" rx="4"/>'
        )
    lines = wrap(f"{number} · {row.name}", int(STEP_X / 7.2), 2)
    spans = "".join(
        f'<tspan x="{x:.1f}" dy="{0 if i == 0 else 13}">{xml_text(line)}</tspan>' for i, line in enumerate(lines)
    )
    out.append(
        f'<text class="jm-d-ink jm-d-stage-name" y="{TOP - 20 - 13 * (len(lines) - 1)}" text-anchor="middle" '
        f'font-size="{SIZE}" font-weight="bold" fill="{look.INK}"><title>{xml_text(row.name)}</title>{spans}</text>'
    )
    out.append(
        f'<text class="jm-d-ink jm-d-change" x="{x:.1f}" y="{bottom_plot + 26:.1f}" text-anchor="middle" '
        f'font-size="{SIZE}" font-weight="bold" fill="{look.INK}">{xml_text(change_text(row))}</text>'
    )
    return out


def _scale(plot_right: float) -> list[str]:
    """The grid lines of the scale, labelled in words."""
    out: list[str] = []
    for score in range(2, -3, -1):
        y = _y(score)
        weight = ' stroke-width="1.2"' if score == 0 else ' stroke-width="0.6" stroke-dasharray="3 4"'
        out.append(
            f'<line class="jm-d-grid" x1="{LEFT - 6}" y1="{y:.1f}" x2="{plot_right:.1f}" y2="{y:.1f}" '
            f'stroke="{look.INK}"{weight}/>'
        )
        out.append(
            f'<text class="jm-d-ink jm-d-scale" x="{LEFT - 12}" y="{y + 4:.1f}" text-anchor="end" font-size="{SIZE}" '
            f'fill="{look.INK}">{EMOTIONS[score].word} {score:+d}</text>'.replace("+0<", "0<")
        )
    return out


def _line(side: str, scores: list[tuple[float, float | None]], color: str) -> list[str]:
    """The side's curve through every scored stage, in order (as the experience curve goes through every scored
    touchpoint): a stage without a score on this side has no point."""
    points = [(x, _y(score)) for x, score in scores if score is not None]
    if len(points) < 2:
        return []
    dash = ' stroke-dasharray="7 5"' if side == "as-is" else ""
    return [
        f'<polyline class="jm-d-{side}-line" points="{" ".join(f"{px:.1f},{py:.1f}" for px, py in points)}" '
        f'fill="none" stroke="{color}" stroke-width="2.5" stroke-linejoin="round"{dash}/>'
    ]


def _point(
    page: str, side: str, journey: Journey, stage: Stage | None, row: StageScores, x: float, score: float, color: str
) -> list[str]:
    """A stage's point, linked to the stage's first touchpoint in that journey where it has one."""
    y = _y(score)
    label = "today" if side == "as-is" else "to-be"
    tip = tooltip(f"{row.name}, {label} ({journey.title}): {score_text(score)}")
    mark = (
        f'<rect class="jm-d-{side}-point" x="{x - 6:.1f}" y="{y - 6:.1f}" width="12" height="12" fill="{color}" '
        'stroke="#ffffff" stroke-width="1.5"/>'
        if side == "as-is"
        else f'<circle class="jm-d-{side}-point" cx="{x:.1f}" cy="{y:.1f}" r="6.5" fill="{color}" stroke="#ffffff" '
        'stroke-width="1.5"/>'
    )
    if stage is None or not stage.touchpoints:
        return [f"<g><title>{xml_text(tip)}</title>{mark}</g>"]
    href = links.to_touchpoint(page, journey.id, stage.touchpoints[0].id)
    return [
        f'<a class="jm-d-stage-point" href="{href}" target="_top" id="{side}-{row.id}"><title>{xml_text(tip)}</title>'
        f"{mark}</a>"
    ]


def _legend(side: str, journey: Journey, color: str, y: float, chars: int) -> list[str]:
    """One line of the key: the side's line and point, then which journey it is."""
    dash = ' stroke-dasharray="7 5"' if side == "as-is" else ""
    mark = (
        f'<rect x="30" y="{y - 10:.1f}" width="10" height="10" fill="{color}"/>'
        if side == "as-is"
        else f'<circle cx="35" cy="{y - 5:.1f}" r="5.5" fill="{color}"/>'
    )
    words = f"Today (as-is): {journey.title}" if side == "as-is" else f"To-be: {journey.title}"
    return [
        f'<line x1="20" y1="{y - 5:.1f}" x2="50" y2="{y - 5:.1f}" stroke="{color}" stroke-width="2.5"{dash}/>',
        mark,
        f'<text class="jm-d-ink jm-d-key" x="58" y="{y:.1f}" font-size="{SIZE}" fill="{look.INK}">'
        f"{xml_text(shorten(words, chars - 8))}</text>",
    ]
