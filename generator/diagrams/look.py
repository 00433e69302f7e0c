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

# Paul Tol's "muted" scheme, then Okabe-Ito without black: distinguishable with the common forms of
# colour blindness. Departments without their own colour take them in the order they are listed.
PALETTE = (
    "#332288", "#88ccee", "#44aa99", "#117733", "#999933", "#ddcc77", "#cc6677", "#882255", "#aa4499",
    "#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7",
)  # fmt: skip


def department_colors(maps: Maps) -> dict[str, str]:
    """Department id -> fill colour: its own `color`, else the next palette colour in listing order."""
    own = [d.color.lower() for d in maps.departments.values() if d.color]
    # A palette colour close to a department's own colour would make the two look like one.
    free = [c for c in PALETTE if all(_distance(c, o) > 100 for o in own)] or list(PALETTE)
    colors: dict[str, str] = {}
    position = 0
    for department in maps.departments.values():
        if department.color:
            colors[department.id] = department.color.lower()
        else:
            colors[department.id] = free[position % len(free)]
            position += 1
    return colors


def _distance(a: str, b: str) -> float:
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
