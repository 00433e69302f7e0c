"""The shared look of every diagram: department colours, ink and fonts (the words for scores, severities
and roles are in `vocabulary`).

Diagrams sit inline in pages shown in Material's light and dark schemes, so nothing is drawn on a
background of its own: text that stands on the page uses a mid grey readable on white and on the
dark slate (the site may restyle it through the CSS classes below), and text on a coloured fill is
black or white, whichever contrasts more with that fill.
"""

from __future__ import annotations

from ..model import Maps

FONT = "Helvetica,Arial,sans-serif"
"""One font stack everywhere; Graphviz measures text with it, so the site should not change it."""

INK = "#808080"
"""Lines and text drawn straight on the page: about 4:1 on white and on Material's dark slate alike."""
FAINT = "#80808059"
"""Lane and column backgrounds: a grey wash that reads on both schemes."""
DARK_TEXT = "#000000"
LIGHT_TEXT = "#ffffff"

# Mid-tone colours, one hue family each: far from one another (no two teals), far from the reds,
# oranges and ambers that mean pain (a department must never look like a severity), at least 3:1
# against white and against Material's dark slate (a colour stripe stays visible in both schemes), and
# each carries black or white text at 4.5:1 or more. Names are always written on the colour, so no
# department is told by colour alone. Departments without their own colour take them in listing order.
# Past the ten mid tones come six light ones: they read on the dark slate and carry black text, but
# stand out less on white (the card's grey outline still draws its edge).
PALETTE = (
    "#4790d8", "#54a058", "#af70bd", "#00a4a4", "#7b74d6", "#2e7d4f", "#98578b", "#6f7d8c", "#a58a07",
    "#2677ad", "#88ccee", "#b3de69", "#cab2d6", "#8dd3c7", "#bebada", "#80b1d3",
)  # fmt: skip


def department_colors(maps: Maps) -> dict[str, str]:
    """Department id -> fill colour: its own `color`, else the next palette colour in listing order."""
    own = [d.color.lower() for d in maps.departments.values() if d.color]
    # A palette colour close to a department's own colour would make the two look like one.
    free = [c for c in PALETTE if all(distance(c, o) > 100 for o in own)] or list(PALETTE)
    colors: dict[str, str] = {}
    position = 0
    for department in maps.departments.values():
        if department.color:
            colors[department.id] = department.color.lower()
        else:
            colors[department.id] = free[position % len(free)]
            position += 1
    return colors


def distance(a: str, b: str) -> float:
    """A rough perceptual distance between two #rrggbb colours (weighted RGB)."""
    (r1, g1, b1), (r2, g2, b2) = ([int(c[i : i + 2], 16) for i in (1, 3, 5)] for c in (a, b))
    mean_red = (r1 + r2) / 2
    return float(
        ((2 + mean_red / 256) * (r1 - r2) ** 2 + 4 * (g1 - g2) ** 2 + (2 + (255 - mean_red) / 256) * (b1 - b2) ** 2)
        ** 0.5
    )


def _luminance(color: str) -> float:
    """WCAG relative luminance of a #rrggbb colour."""
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio between two #rrggbb colours (1 to 21)."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_on(fill: str) -> str:
    """Black or white text, whichever reads better on `fill`: for any fill one of them reaches 4.5:1."""
    return DARK_TEXT if contrast(fill, DARK_TEXT) >= contrast(fill, LIGHT_TEXT) else LIGHT_TEXT


def tint(color: str, strength: float = 0.28) -> str:
    """A pale #rrggbb version of `color` (mixed with white): the fill of a card a department only supports."""
    channels = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(255 - (255 - c) * strength):02x}" for c in channels)
