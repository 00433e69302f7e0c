"""HTML fragments that templates place in raw HTML blocks: an inline diagram, a KPI sparkline, a contact link,
a work item's link, an emotion face.

Each is built from escaped pieces and returned as `Markup`, so templates (autoescaped) insert it as it is;
anything that came from the maps passes `text.neutralise_html` or `text.plain` on the way.
"""

from __future__ import annotations

from urllib.parse import quote, unquote, urlsplit

from markupsafe import Markup, escape

from .model import Kpi
from .text import is_safe_url, neutralise_html, plain
from .vocabulary import EMOTION_MAX, format_figure

WORK_LABEL = 40
"""Characters of a work item's link text at most (the whole address is its title)."""
URL_SAFE = ":/?#[]@!$&()*+,;=%~-._"
"""What stays as it is in a link's address: the reserved characters of RFC 3986 but the quote, and `%`."""


def inline_svg(svg: str | None) -> Markup:
    """SVG from the diagrams stage, ready to sit inside a raw HTML block of a Markdown page."""
    if not svg:
        return Markup("")
    start = svg.find("<svg")
    body = svg[start:] if start >= 0 else svg
    while "<!--" in body:
        begin = body.find("<!--")
        end = body.find("-->", begin)
        body = body[:begin] + (body[end + 3 :] if end >= 0 else "")
    lines = [line for line in body.splitlines() if line.strip()]  # a blank line would end the HTML block
    return Markup(neutralise_html("\n".join(lines)))


def sparkline(kpi: Kpi, width: int = 96, height: int = 24) -> Markup:
    """A small inline SVG of the KPI's history (and current value), with the target as a dashed line."""
    points = [(p.date.isoformat(), p.value) for p in kpi.history]
    if kpi.current is not None and kpi.as_of is not None and (not points or points[-1][0] < kpi.as_of.isoformat()):
        points.append((kpi.as_of.isoformat(), kpi.current))
    if len(points) < 2:
        return Markup('<span class="jm-spark-none">–</span>')
    values = [v for _, v in points] + ([kpi.target] if kpi.target is not None else [])
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    pad = 3
    step = (width - 2 * pad) / (len(points) - 1)

    def y(value: float) -> float:
        return round(height - pad - (value - low) / span * (height - 2 * pad), 1)

    coords = [(round(pad + i * step, 1), y(v)) for i, (_, v) in enumerate(points)]
    path = " ".join(f"{x},{yy}" for x, yy in coords)
    first, last = points[0], points[-1]
    shown = [format_figure(value, kpi.unit) for value in (first[1], last[1])]
    label = f"Trend from {shown[0]} ({first[0]}) to {shown[1]} ({last[0]})"
    target = ""
    if kpi.target is not None:
        ty = y(kpi.target)
        target = f'<line class="jm-spark-target" x1="0" x2="{width}" y1="{ty}" y2="{ty}"/>'
    lx, ly = coords[-1]
    return Markup(
        f'<svg class="jm-spark" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
        f"<title>{escape(label)}</title>{target}"
        f'<polyline points="{path}"/><circle cx="{lx}" cy="{ly}" r="2.5"/></svg>'
    )


def contact_html(contact: str | None) -> Markup:
    """An e-mail address or https URL as a link; a chat channel as text."""
    if not contact:
        return Markup('<span class="jm-muted">–</span>')
    if contact.startswith("https://"):
        return Markup(neutralise_html(str(Markup('<a href="{0}">{1}</a>').format(contact, contact))))
    if "@" in contact and not contact.startswith("@"):
        # Two unbreakable-if-possible halves: a narrow column breaks the address at the "@", not mid-word.
        local, _, domain = contact.rpartition("@")
        shown = Markup('<span class="jm-email-part">{0}</span><wbr><span class="jm-email-part">@{1}</span>').format(
            local, domain
        )
        link = Markup('<a class="jm-email" href="mailto:{0}">{1}</a>').format(contact, shown)
        return Markup(neutralise_html(str(link)))
    return Markup("<code>{0}</code>").format(plain(contact))


def work_link(url: str | None) -> Markup:
    """An opportunity's work item as a short link, 'CX-123', named by the last part of its address (or its host)."""
    if not url:
        return Markup('<span class="jm-muted">–</span>')
    if not url.startswith("https://") or not is_safe_url(url):
        return Markup("<code>{0}</code>").format(plain(url))
    parts = urlsplit(url)
    label = unquote(parts.path.rstrip("/").rsplit("/", 1)[-1]) or parts.hostname or url
    if len(label) > WORK_LABEL:
        label = label[: WORK_LABEL - 1] + "…"
    # Quotes, braces and the like percent-encoded: the address means the same, and no attribute holds them raw.
    href = quote(url, safe=URL_SAFE)
    link = Markup('<a class="jm-work-link" href="{0}" title="{1}" rel="nofollow noopener">{2}</a>').format(
        href, url, label
    )
    return Markup(neutralise_html(str(link)))


def emotion_face(score: int) -> Markup:
    """A small face drawn in SVG for an emotion score (no emoji font needed), its mouth curved by the score.

    Decorative: the word always stands beside it, so the face is hidden from screen readers."""
    bend = 2.6 * score / EMOTION_MAX  # -2.6 (frown) .. +2.6 (smile), in a 16 x 16 box
    return Markup(
        '<svg class="jm-face jm-face--{0}" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" '
        'focusable="false"><circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" stroke-width="1.4"/>'
        '<circle cx="5.6" cy="6.3" r="1" fill="currentColor"/><circle cx="10.4" cy="6.3" r="1" fill="currentColor"/>'
        '<path d="M4.8 {1} Q8 {2} 11.2 {1}" fill="none" stroke="currentColor" stroke-width="1.4" '
        'stroke-linecap="round"/></svg>'
    ).format(score + 2, round(10.4 - bend / 2, 2), round(10.4 + bend, 2))
