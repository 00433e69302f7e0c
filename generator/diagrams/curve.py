"""The experience curve: the emotion score per touchpoint along the journey, per stage behind it, drawn as SVG.

A chart needs exact scales, which `dot` does not give, so it is written directly; every text goes
through `xml_text`. The scale is labelled in words, each touchpoint is one link (its point and its
name), and the low points are numbered and called out below the chart with their worst pain point.
"""

from __future__ import annotations

from ..model import Journey, Maps, Stage, Touchpoint
from ..vocabulary import EMOTION_MAX, EMOTION_MIN, EMOTIONS, SEVERITY_MARK, SEVERITY_RANK, emotion_word
from . import links, look
from .drawing import Drawing, journey_outline
from .text import shorten, tooltip, wrap, xml_text

STEP_Y = 44  # pixels per score step
STEP_X = 46  # pixels per touchpoint
STEP_X_DENSE = 30  # above DENSE touchpoints: the slanted names still clear each other
DENSE = 30
STAGE_GAP = 18
LEFT = 112
RIGHT = 28
TOP = 72
LABELS = 150  # room under the plot for the slanted touchpoint names
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


def _y(score: float) -> float:
    return TOP + (2 - score) * STEP_Y


def build(maps: Maps, journey: Journey) -> Drawing:
    page = links.journey_page(journey.id)
    xs: dict[str, float] = {}
    spans = []
    step = STEP_X if sum(len(s.touchpoints) for s in journey.stages) <= DENSE else STEP_X_DENSE
    x = LEFT + step / 2
    for stage in journey.stages:
        start = x - step / 2
        for touchpoint in stage.touchpoints:
            xs[touchpoint.id] = x
            x += step
        end = max(x - step / 2, start + step)
        spans.append((stage, start, end))
        x = end + STAGE_GAP + step / 2
    plot_right = spans[-1][2]
    lows = low_points(journey)
    width = max(640, plot_right + RIGHT)
    chars = int((width - 40) / 6.6)
    bottom_plot = _y(-2)
    callout_top = bottom_plot + LABELS
    height = callout_top + 50 + 20 * len(lows)

    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} '
        f'{height:.0f}" {FONT_ATTR}>',
        '<g class="graph">',
    ]
    out += _stages(spans, bottom_plot)
    out += _scale(plot_right)
    # The curve through every scored touchpoint, in journey order.
    points = [(xs[tp.id], _y(tp.emotion)) for _, tp in journey.touchpoints() if tp.emotion is not None]
    if len(points) > 1:
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
        out.append(
            f'<polyline class="jm-d-curve-line" points="{path}" fill="none" stroke="{LINE}" stroke-width="2.5" '
            'stroke-linejoin="round"/>'
        )
    numbers = {tp.id: n for n, tp in enumerate(lows, 1)}
    for _, touchpoint in journey.touchpoints():
        out += _touchpoint(page, journey, touchpoint, xs[touchpoint.id], numbers, bottom_plot)
    # Call-outs.
    y = callout_top + 8
    heading = (
        "Low points and their worst pain point" if lows else "No low points: no touchpoint is scored below neutral."
    )
    out.append(
        f'<text class="jm-d-ink jm-d-callout-heading" x="20" y="{y:.1f}" font-size="12" font-weight="bold" '
        f'fill="{look.INK}">{xml_text(heading)}</text>'
    )
    for number, touchpoint in enumerate(lows, 1):
        y += 20
        out.append(f'<circle class="jm-d-low" cx="29" cy="{y - 4:.1f}" r="8" fill="{LOW}"/>')
        out.append(
            f'<text x="29" y="{y:.1f}" text-anchor="middle" font-size="10" font-weight="bold" '
            f'fill="#ffffff">{number}</text>'
        )
        out.append(
            f'<text class="jm-d-ink jm-d-callout" x="44" y="{y:.1f}" font-size="12" fill="{look.INK}">'
            f"{xml_text(shorten(_callout(touchpoint), chars))}</text>"
        )
    y += 26
    key = "Blue line: the score of each touchpoint. Grey bars: the score of the stage. Orange, numbered: low points."
    out.append(
        f'<text class="jm-d-ink jm-d-key" x="20" y="{y:.1f}" font-size="11" font-style="italic" '
        f'fill="{look.INK}">{xml_text(shorten(key, chars))}</text>'
    )
    out.append("</g></svg>")

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
        svg="\n".join(out),
    )


def _stages(spans: list[tuple[Stage, float, float]], bottom_plot: float) -> list[str]:
    """Stage bands, names and stage scores."""
    out: list[str] = []
    for number, (stage, start, end) in enumerate(spans, 1):
        if number % 2:
            out.append(
                f'<rect class="jm-d-band" x="{start:.1f}" y="{TOP - 50}" width="{end - start:.1f}" '
                f'height="{bottom_plot - TOP + 62:.1f}" fill="{look.INK}" fill-opacity="0.1" rx="4"/>'
            )
        lines = wrap(f"{number} · {stage.name}", max(6, int((end - start) / 7.2)), 2)
        spans_text = "".join(
            f'<tspan x="{(start + end) / 2:.1f}" dy="{0 if i == 0 else 13}">{xml_text(line)}</tspan>'
            for i, line in enumerate(lines)
        )
        out.append(
            f'<text class="jm-d-ink jm-d-stage-name" y="{TOP - 20 - 13 * (len(lines) - 1)}" text-anchor="middle" '
            'font-size="12" '
            f'font-weight="bold" fill="{look.INK}"><title>{xml_text(stage.name)}</title>{spans_text}</text>'
        )
        if stage.emotion is not None:
            y = _y(stage.emotion)
            out.append(
                f'<line class="jm-d-stage-score" x1="{start + 4:.1f}" y1="{y:.1f}" x2="{end - 4:.1f}" y2="{y:.1f}" '
                f'stroke="{look.INK}" '
                f'stroke-width="5" stroke-opacity="0.55" stroke-linecap="round">'
                f"<title>{xml_text(f'Stage {stage.name}: {emotion_word(stage.emotion)}')}</title></line>"
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
            f'<text class="jm-d-ink jm-d-scale" x="{LEFT - 12}" y="{y + 4:.1f}" text-anchor="end" font-size="12" '
            f'fill="{look.INK}">'
            f"{EMOTIONS[score].word} {score:+d}</text>".replace("+0<", "0<")
        )
    return out


def _touchpoint(
    page: str, journey: Journey, touchpoint: Touchpoint, px: float, numbers: dict[str, int], bottom_plot: float
) -> list[str]:
    """One link per touchpoint: its point (numbered when it is a low point, hollow when unscored) and its name."""
    out: list[str] = []
    tip = f"{touchpoint.name}: {emotion_word(touchpoint.emotion)}"
    if touchpoint.worst_severity:
        tip += f", worst pain {touchpoint.worst_severity}"
    href = links.to_touchpoint(page, journey.id, touchpoint.id)
    out.append(
        f'<a class="jm-d-touchpoint" href="{href}" target="_top" '
        f'id="tp-{touchpoint.id}"><title>{xml_text(tooltip(tip))}</title>'
    )
    if touchpoint.emotion is not None:
        py = _y(touchpoint.emotion)
        if touchpoint.id in numbers:
            out.append(
                f'<circle class="jm-d-low" cx="{px:.1f}" cy="{py:.1f}" r="10" fill="{LOW}" stroke="#ffffff" '
                'stroke-width="1.5"/>'
            )
            out.append(
                f'<text x="{px:.1f}" y="{py + 4:.1f}" text-anchor="middle" font-size="11" font-weight="bold" '
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
    label = shorten(touchpoint.name, 26)
    out.append(
        f'<text class="jm-d-ink jm-d-touchpoint-name" transform="translate({px + 4:.1f},{bottom_plot + 22:.1f}) '
        'rotate(-40)" '
        f'text-anchor="end" font-size="11" fill="{look.INK}">{xml_text(label)}</text></a>'
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
