"""The experience curve: the emotion score per touchpoint along the journey, per stage behind it, drawn as SVG.

A chart needs exact scales, which `dot` does not give, so it is written directly; every text goes
through `xml_text`. The scale is labelled in words, each touchpoint is one link (its point and its
name), and the low points are numbered and called out below the chart with their worst pain point.
"""

from __future__ import annotations

import functools
import itertools
from typing import NamedTuple

from ..model import Journey, Maps, Stage, Touchpoint
from ..vocabulary import EMOTION_MAX, EMOTION_MIN, EMOTIONS, SEVERITY_MARK, SEVERITY_RANK, emotion_word
from . import links, look
from .drawing import Drawing, journey_outline
from .text import LABEL_LIMIT, estimated_width, tooltip, wrap, xml_text

STEP_Y = 44  # pixels per score step
STEP_X = 34  # pixels per touchpoint (a name of one line needs 24)
STEP_X_DENSE = 30  # above DENSE touchpoints
DENSE = 30
STAGE_GAP = 10
RIGHT = 12
STAGE_TOP = 22  # the top of the stage bands
SIZE = 12  # every text: at the smallest scale the site allows (svgfix.READABLE_PX), still readable
LINE_H = 15
NAME_CHARS = 28  # a touchpoint's name wraps at about this many characters, never shortened
NAME_CHARS_DENSE = 60  # above DENSE touchpoints: longer slanted lines, so that fewer names need a second one
SLANT_SIN, SLANT_COS = 0.6428, 0.7660  # names are slanted by 40 degrees
LINE = "#4a90d9"  # the curve: about 3.3:1 on white and 4.6:1 on Material's slate
LOW = "#d55e00"  # low points: vermillion, and numbered, so not told by colour alone
FONT_ATTR = f'font-family="{look.FONT}"'


def low_points(journey: Journey) -> list[Touchpoint]:
    """Touchpoints scored 'annoyed' or worse; else the lowest-scored ones if they have pain points."""
    scored = [tp for _, tp in journey.touchpoints() if tp.emotion is not None]
    low = [tp for tp in scored if tp.emotion is not None and tp.emotion <= -1]
    if not low and scored:
        bottom = min(tp.emotion for tp in scored if tp.emotion is not None)
        low = [tp for tp in scored if tp.emotion == bottom and tp.pain_points]
    return low


class _Layout(NamedTuple):
    """Where things go: x of each touchpoint, each stage's span, the plot's top, and the names' lines."""

    xs: dict[str, float]
    spans: list[tuple[Stage, float, float, list[str]]]
    top: float
    names: dict[str, list[str]]
    label_room: float
    left: float


def _name_lines(touchpoint: Touchpoint, chars: int) -> list[str]:
    """A touchpoint's name in lines: whole (up to the label limit every diagram keeps), never an ellipsis."""
    return wrap(touchpoint.name, chars, LABEL_LIMIT // chars + 2)


def _layout(journey: Journey) -> _Layout:
    """Space each name needs: neighbours' slanted blocks clear each other, the first one clears the left edge."""
    dense = sum(len(s.touchpoints) for s in journey.stages) > DENSE
    step = STEP_X_DENSE if dense else STEP_X
    names = {tp.id: _name_lines(tp, NAME_CHARS_DENSE if dense else NAME_CHARS) for _, tp in journey.touchpoints()}

    def gap(a: str, b: str) -> float:  # two slanted blocks of lines, centred on their anchors
        return max(step, ((len(names[a]) + len(names[b])) / 2 + 0.4) * LINE_H / SLANT_SIN)

    xs: dict[str, float] = {}
    raw: list[tuple[Stage, float, float, list[str]]] = []
    x = 0.0
    previous: str | None = None
    for stage in journey.stages:
        ids = [tp.id for tp in stage.touchpoints]
        heading = f"{len(raw) + 1} · {stage.name}"
        longest_word = max(estimated_width(word, SIZE, bold=True) for word in heading.split())
        wanted = min(max(estimated_width(heading, SIZE, bold=True) / 2, longest_word) + 12, 180)
        inner = sum(gap(a, b) for a, b in itertools.pairwise(ids))
        span = max(inner + step, wanted)
        start = x if previous is None else x + STAGE_GAP
        if previous is not None and ids:
            start = max(start, xs[previous] + gap(previous, ids[0]) - (span - inner) / 2)
        position = start + (span - inner) / 2
        for index, tp_id in enumerate(ids):
            if index:
                position += gap(ids[index - 1], tp_id)
            xs[tp_id] = position
        chars = max(8, int((span - 6) / (SIZE * 0.65)))
        raw.append((stage, start, start + span, wrap(heading, chars, LABEL_LIMIT // chars + 2)))
        x = start + span
        previous = ids[-1] if ids else previous

    # How far the slanted names reach left of and below their anchors.
    reach_left = 0.0
    label_room = 40.0
    for tp_id, lines in names.items():
        length = max(estimated_width(line, SIZE) for line in lines)
        half = len(lines) / 2 * LINE_H
        reach_left = max(reach_left, length * SLANT_COS + half * SLANT_SIN - xs[tp_id])
        label_room = max(label_room, length * SLANT_SIN + half * SLANT_COS + 30)
    scale_words = max(estimated_width(f"{w.word} +2", SIZE) for w in EMOTIONS.values()) + 22
    left = max(scale_words, reach_left + 8)
    top = STAGE_TOP + 50 + LINE_H * max(len(lines) - 1 for *_, lines in raw)
    return _Layout(
        {k: v + left for k, v in xs.items()},
        [(stage, start + left, end + left, lines) for stage, start, end, lines in raw],
        top,
        names,
        label_room,
        left,
    )


def build(maps: Maps, journey: Journey) -> Drawing:
    page = links.journey_page(journey.id)
    layout = _layout(journey)
    y_of = functools.partial(_y, top=layout.top)
    plot_right = layout.spans[-1][2]
    lows = low_points(journey)
    width = max(640, plot_right + RIGHT)
    chars = max(30, min(120, int((width - 60) / (SIZE * 0.6))))  # call-outs read within a laptop-wide frame
    bottom_plot = y_of(-2)
    callout_top = bottom_plot + layout.label_room

    out: list[str] = []
    out += _stages(layout, bottom_plot)
    out += _scale(layout, plot_right)
    # The curve through every scored touchpoint, in journey order.
    points = [(layout.xs[tp.id], y_of(tp.emotion)) for _, tp in journey.touchpoints() if tp.emotion is not None]
    if len(points) > 1:
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
        out.append(
            f'<polyline class="jm-d-curve-line" points="{path}" fill="none" stroke="{LINE}" stroke-width="2.5" '
            'stroke-linejoin="round"/>'
        )
    numbers = {tp.id: n for n, tp in enumerate(lows, 1)}
    for _, touchpoint in journey.touchpoints():
        out += _touchpoint(page, journey, touchpoint, layout, numbers, bottom_plot)
    # Call-outs: every low point with its worst pain point, whole, wrapped.
    y = callout_top + 8
    heading = (
        "Low points and their worst pain point" if lows else "No low points: no touchpoint is scored below neutral."
    )
    out.append(
        f'<text class="jm-d-ink jm-d-callout-heading" x="20" y="{y:.1f}" font-size="{SIZE}" font-weight="bold" '
        f'fill="{look.INK}">{xml_text(heading)}</text>'
    )
    y += 6
    for number, touchpoint in enumerate(lows, 1):
        y += LINE_H + 6
        out.append(f'<circle class="jm-d-low" cx="29" cy="{y - 4:.1f}" r="9" fill="{LOW}"/>')
        out.append(
            f'<text x="29" y="{y:.1f}" text-anchor="middle" font-size="{SIZE}" font-weight="bold" '
            f'fill="#ffffff">{number}</text>'
        )
        lines = wrap(_callout(touchpoint), chars, 1 + len(_callout(touchpoint)) // max(1, chars // 2))
        out.append(
            f'<text class="jm-d-ink jm-d-callout" x="46" y="{y:.1f}" font-size="{SIZE}" fill="{look.INK}">'
            + _tspans(lines, 46)
            + "</text>"
        )
        y += LINE_H * (len(lines) - 1)
    y += 28
    key = "Blue line: the score of each touchpoint. Grey bars: the score of the stage. Orange, numbered: low points."
    key_lines = wrap(key, chars, 4)
    out.append(
        f'<text class="jm-d-ink jm-d-key" x="20" y="{y:.1f}" font-size="{SIZE}" font-style="italic" '
        f'fill="{look.INK}">{_tspans(key_lines, 20)}</text>'
    )
    height = y + LINE_H * (len(key_lines) - 1) + 14
    svg = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} '
        f'{height:.0f}" {FONT_ATTR}>',
        '<g class="graph">',
        *out,
        "</g></svg>",
    ]

    scored = [tp for _, tp in journey.touchpoints() if tp.emotion is not None]
    return Drawing(
        title=f"Experience curve: {journey.title}",
        description=(
            f"How the customer feels along the journey '{journey.title}', from {EMOTIONS[EMOTION_MIN].word} "
            f"({EMOTION_MIN}) to {EMOTIONS[EMOTION_MAX].word} (+{EMOTION_MAX}): "
            + "; ".join(f"{tp.name} {emotion_word(tp.emotion)}" for tp in scored)
            + ". Low points: "
            + ("; ".join(_callout(tp) for tp in lows) or "none")
            + ". "
            + journey_outline(journey, maps)
        ),
        svg="\n".join(svg),
    )


def _y(score: float, top: float) -> float:
    return top + (2 - score) * STEP_Y


def _tspans(lines: list[str], x: float, first_dy: float = 0) -> str:
    """Lines of one text element, each starting at `x`."""
    return "".join(
        f'<tspan x="{x:.1f}" dy="{first_dy if i == 0 else LINE_H:g}">{xml_text(line)}</tspan>'
        for i, line in enumerate(lines)
    )


def _stages(layout: _Layout, bottom_plot: float) -> list[str]:
    """Stage bands, names and stage scores."""
    out: list[str] = []
    for number, (stage, start, end, lines) in enumerate(layout.spans, 1):
        if number % 2:
            out.append(
                f'<rect class="jm-d-band" x="{start:.1f}" y="{STAGE_TOP:.1f}" width="{end - start:.1f}" '
                f'height="{bottom_plot - STAGE_TOP + 12:.1f}" fill="{look.INK}" fill-opacity="0.1" rx="4"/>'
            )
        out.append(
            f'<text class="jm-d-ink jm-d-stage-name" y="{layout.top - 20 - LINE_H * (len(lines) - 1):.1f}" '
            f'text-anchor="middle" font-size="{SIZE}" font-weight="bold" fill="{look.INK}">'
            f"<title>{xml_text(stage.name)}</title>{_tspans(lines, (start + end) / 2)}</text>"
        )
        if stage.emotion is not None:
            y = _y(stage.emotion, layout.top)
            out.append(
                f'<line class="jm-d-stage-score" x1="{start + 4:.1f}" y1="{y:.1f}" x2="{end - 4:.1f}" y2="{y:.1f}" '
                f'stroke="{look.INK}" '
                f'stroke-width="5" stroke-opacity="0.55" stroke-linecap="round">'
                f"<title>{xml_text(f'Stage {stage.name}: {emotion_word(stage.emotion)}')}</title></line>"
            )
    return out


def _scale(layout: _Layout, plot_right: float) -> list[str]:
    """The grid lines of the scale, labelled in words."""
    out: list[str] = []
    for score in range(EMOTION_MAX, EMOTION_MIN - 1, -1):
        y = _y(score, layout.top)
        weight = ' stroke-width="1.2"' if score == 0 else ' stroke-width="0.6" stroke-dasharray="3 4"'
        out.append(
            f'<line class="jm-d-grid" x1="{layout.left - 6:.1f}" y1="{y:.1f}" x2="{plot_right:.1f}" y2="{y:.1f}" '
            f'stroke="{look.INK}"{weight}/>'
        )
        out.append(
            f'<text class="jm-d-ink jm-d-scale" x="{layout.left - 12:.1f}" y="{y + 4:.1f}" text-anchor="end" '
            f'font-size="{SIZE}" fill="{look.INK}">'
            f"{EMOTIONS[score].word} {score:+d}</text>".replace("+0<", "0<")
        )
    return out


def _touchpoint(
    page: str, journey: Journey, touchpoint: Touchpoint, layout: _Layout, numbers: dict[str, int], bottom_plot: float
) -> list[str]:
    """One link per touchpoint: its point (numbered when it is a low point, hollow when unscored) and its name."""
    out: list[str] = []
    px = layout.xs[touchpoint.id]
    tip = f"{touchpoint.name}: {emotion_word(touchpoint.emotion)}"
    if touchpoint.worst_severity:
        tip += f", worst pain {touchpoint.worst_severity}"
    href = links.to_touchpoint(page, journey.id, touchpoint.id)
    out.append(
        f'<a class="jm-d-touchpoint" href="{href}" target="_top" '
        f'id="tp-{touchpoint.id}"><title>{xml_text(tooltip(tip))}</title>'
    )
    if touchpoint.emotion is not None:
        py = _y(touchpoint.emotion, layout.top)
        if touchpoint.id in numbers:
            out.append(
                f'<circle class="jm-d-low" cx="{px:.1f}" cy="{py:.1f}" r="11" fill="{LOW}" stroke="#ffffff" '
                'stroke-width="1.5"/>'
            )
            out.append(
                f'<text x="{px:.1f}" y="{py + 4:.1f}" text-anchor="middle" font-size="{SIZE}" font-weight="bold" '
                f'fill="#ffffff">{numbers[touchpoint.id]}</text>'
            )
        else:
            out.append(
                f'<circle class="jm-d-point" cx="{px:.1f}" cy="{py:.1f}" r="5.5" fill="{LINE}" stroke="#ffffff" '
                'stroke-width="1.5"/>'
            )
    else:
        out.append(
            f'<circle class="jm-d-unscored" cx="{px:.1f}" cy="{bottom_plot + 10:.1f}" r="3" fill="none" '
            f'stroke="{look.INK}"/>'
        )
    lines = layout.names[touchpoint.id]
    out.append(
        f'<text class="jm-d-ink jm-d-touchpoint-name" transform="translate({px + 4:.1f},{bottom_plot + 22:.1f}) '
        'rotate(-40)" '
        f'text-anchor="end" font-size="{SIZE}" fill="{look.INK}">'
        f"{_tspans(lines, 0, -(len(lines) - 1) / 2 * LINE_H)}</text></a>"
    )
    return out


def _callout(touchpoint: Touchpoint) -> str:
    """'Checkout, frustrated (-2) — ▲ high: the text of its worst pain point (+1 more)'."""
    text = f"{touchpoint.name}, {emotion_word(touchpoint.emotion)}"
    if not touchpoint.pain_points:
        return text + " — no pain point recorded"
    worst = max(touchpoint.pain_points, key=lambda p: SEVERITY_RANK[p.severity])
    more = len(touchpoint.pain_points) - 1
    return f"{text} — {SEVERITY_MARK[worst.severity]} {worst.severity}: {' '.join(worst.text.split())}" + (
        f" (+{more} more)" if more else ""
    )
