"""Text from the maps made safe for Graphviz and SVG: the only door through which YAML reaches a diagram.

Map text is free: quotes, backslashes, braces, `<`, `>`, `&`, newlines and any Unicode. Graphviz reads
some of it as syntax (HTML-like labels, `\\N`-style escapes, quote ends), so every piece of text goes
through one of these functions and nothing else; ids and addresses are validated kebab-case and
are used as they are.
"""

from __future__ import annotations

import html
import re
import textwrap
import unicodedata
from typing import cast

from graphviz import nohtml

_LOOKALIKE_BACKSLASH = "\u29f5"  # REVERSE SOLIDUS OPERATOR: a backslash that no Graphviz pass reads as an escape

LABEL_LIMIT = 200
"""Characters of one piece of label text (a line, a heading). Graphviz refuses any single string or
HTML text longer than 16,384 bytes (a 9,000-character name would stop the build), and a long name
belongs in the tooltip and the page, not across the diagram."""
TOOLTIP_LIMIT = 1000
"""Characters of one tooltip: the longest a reader will hover over, and far below Graphviz's bound
even when every character is escaped (`&quot;` is 6 bytes) or takes 4 bytes of UTF-8."""

# What Graphviz's XML reader (expat) or an SVG parser refuses, or what has no business in a label:
# C0/C1 controls, surrogates, U+FFFE/U+FFFF and the other noncharacters. Each becomes U+FFFD.
_UNDRAWABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17))
    + "]"
)


def drawable(text: str) -> str:
    """`text` with every character Graphviz or an XML reader would refuse replaced by U+FFFD."""
    return _UNDRAWABLE.sub("\ufffd", text)


def one_line(text: str) -> str:
    """Line breaks and runs of blanks folded into single spaces: a label decides its own breaks."""
    return " ".join(drawable(text).split())


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word where possible, with an ellipsis when cut."""
    text = one_line(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-") + "…"


def wrap(text: str, width: int = 22, max_lines: int = 3) -> list[str]:
    """Lines of about `width` characters, so long names make taller nodes, not wider diagrams.

    A wide character (Chinese, Japanese, Korean) counts as two, as it draws about twice as wide.
    """
    text = one_line(text)
    columns = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    if columns > len(text):
        width = max(4, width * len(text) // columns)
    lines = textwrap.wrap(text, width=width, break_long_words=True, break_on_hyphens=True) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = shorten(lines[-1] + " …", width)
    return lines


def html_label_text(text: str) -> str:
    """Text content inside a Graphviz HTML-like label.

    XML-escaped (so `<`, `>`, `&` and quotes are characters, not markup), and backslashes doubled:
    Graphviz expands `\\N`, `\\G`, `\\L` and `\\\\` once in HTML text and in TITLE attributes.
    Longer than `LABEL_LIMIT`, it is shortened with an ellipsis (the tooltip and the page keep it whole).
    """
    text = drawable(text) if len(text) <= LABEL_LIMIT else shorten(text, LABEL_LIMIT)
    return html.escape(text.replace("\\", "\\\\"), quote=True)


def html_lines(lines: list[str]) -> str:
    """Several lines of text for an HTML-like label, joined with line breaks."""
    return "<BR/>".join(html_label_text(line) for line in lines)


def tooltip(text: str) -> str:
    """A plain tooltip (node `tooltip`, HTML `TITLE`): one safe line of text.

    Graphviz expands escapes in tooltips a version-dependent number of times, so a backslash is
    shown as a look-alike character instead of being escaped; line breaks become spaces. At most
    `TOOLTIP_LIMIT` characters.
    """
    return shorten(text, TOOLTIP_LIMIT).replace("\\", _LOOKALIKE_BACKSLASH)


def dot_tooltip(text: str) -> str:
    """A tooltip for a DOT attribute through the `graphviz` package: never read as an HTML-like string."""
    return cast(str, nohtml(tooltip(text)))  # a str subclass that graphviz reads as plain text


def html_tooltip(text: str) -> str:
    """A tooltip for a TITLE attribute inside an HTML-like label."""
    return html.escape(tooltip(text), quote=True)


def xml_text(text: str) -> str:
    """Text content or attribute value in SVG written directly (the experience curve)."""
    return html.escape(drawable(text), quote=True)


def estimated_width(text: str, size: float, bold: bool = False) -> float:
    """How wide `text` draws at `size` in the diagrams' sans-serif font, a little generously.

    For drawings written directly as SVG, which must leave room for text before any browser measures
    it: wide East Asian characters take a full em, the rest about 0.6 em (0.65 in bold).
    """
    narrow = 0.65 if bold else 0.6
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size * narrow for c in text)
