"""Building blocks shared by the Graphviz diagrams: the graph defaults, node names, touchpoint cards, legends.

Every HTML-like label is assembled here or in a diagram module from escaped pieces (`text`), so
the escaping rules live in one place and no label is ever taken from the maps as it stands.
"""

from __future__ import annotations

from typing import NamedTuple

import graphviz

from ..model import Department, Journey, Maps, Touchpoint
from ..vocabulary import (
    HEALTH_ORDER,
    SEVERITIES,
    SEVERITY_FILL,
    SEVERITY_MARK,
    SEVERITY_RANK,
    STATUS_LABEL,
    STATUS_MARK,
    status_summary,
)
from . import look
from .text import html_label_text, html_lines, html_tooltip, shorten, wrap


class Drawing(NamedTuple):
    """What a diagram module produces; `plan` adds the name and the page."""

    title: str
    description: str
    dot: str | None = None
    svg: str | None = None


def new_graph(kind: str, **graph_attr: str) -> graphviz.Digraph:
    """A digraph with the common look: transparent, one font, grey ink, links that open in place."""
    graph = graphviz.Digraph(name=kind.replace("-", "_"))
    graph.attr(
        "graph",
        bgcolor="transparent", fontname=look.FONT, fontsize="12", fontcolor=look.INK, pad="0.2", **graph_attr,
    )  # fmt: skip
    graph.attr("node", shape="none", margin="0", fontname=look.FONT, fontsize="11", target="_top")
    graph.attr("edge", color=look.INK, fontname=look.FONT, fontsize="10", fontcolor=look.INK, arrowsize="0.7")
    return graph


def node_name(kind: str, *ids: str) -> str:
    """A DOT node name from validated ids: kebab-case has no '_', so '_' and '__' keep names distinct."""
    return kind + "_" + "__".join(i.replace("-", "_") for i in ids)


def font(text: str, color: str, size: int | None = None, bold: bool = False, italic: bool = False) -> str:
    """Escaped-or-built label markup in a colour (and size, weight, slant)."""
    size_attr = f' POINT-SIZE="{size}"' if size else ""
    if bold:
        text = f"<B>{text}</B>"
    if italic:
        text = f"<I>{text}</I>"
    return f'<FONT COLOR="{color}"{size_attr}>{text}</FONT>'


def pain_badge(touchpoint: Touchpoint) -> str | None:
    """'▲ high pain (2)': the worst severity by shape and word, and how many pain points."""
    severity = touchpoint.worst_severity
    if severity is None:
        return None
    count = len(touchpoint.pain_points)
    return f"{SEVERITY_MARK[severity]} {severity} pain" + (f" ({count})" if count > 1 else "")


def card(touchpoint: Touchpoint, colors: dict[str, str], subtitle: str, extra: list[str] | None = None) -> str:
    """A touchpoint as an HTML-like table (no outer '<' '>'), filled with its owner's colour.

    Name in bold and wrapped, `subtitle` below (channel, owner), then `extra` lines (plain text: its
    KPIs' status, its handoffs), then the pain badge on a pale tint.
    """
    fill = colors[touchpoint.owner]
    ink = look.text_on(fill)
    name = font(html_lines(wrap(touchpoint.name, 22, 4)), ink, 12, bold=True)
    rows = [
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{name}</TD></TR>',
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{font(html_label_text(subtitle), ink, 10)}</TD></TR>',
    ]
    rows += [
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{font(html_lines(wrap(line, 30, 3)), ink, 10)}</TD></TR>'
        for line in extra or []
    ]
    badge = pain_badge(touchpoint)
    if badge:
        severity = touchpoint.worst_severity or "low"
        rows.append(
            f'<TR><TD ALIGN="LEFT" BGCOLOR="{SEVERITY_FILL[severity]}" STYLE="rounded">'
            f"{font(html_label_text(badge), look.DARK_TEXT, 10, bold=severity == 'high')}</TD></TR>"
        )
    return (
        f'<TABLE BORDER="1" COLOR="{look.INK}" CELLBORDER="0" CELLSPACING="2" CELLPADDING="3" STYLE="rounded" '
        f'BGCOLOR="{fill}">' + "".join(rows) + "</TABLE>"
    )


def card_cell(
    touchpoint: Touchpoint,
    colors: dict[str, str],
    lines: list[str],
    href: str | None,
    title: str,
    cell_id: str,
    supporting: bool = False,
    heading: str | None = None,
    pain: bool = True,
) -> str:
    """A touchpoint as one linked table cell (for grids, where a nested table would be stretched).

    `heading` (bold, e.g. the role), the name in bold, then `lines` (plain text, escaped here), then
    the pain badge; linked to `href` with `title` as its tooltip, or without a link (Graphviz keeps
    neither a tooltip nor an id on a cell without one). A card its department owns is filled with the
    owner's colour and outlined solid; a card it only supports (`supporting`) is a pale tint of the
    owner's colour, outlined dashed and thicker, so owned and involved tell apart at a glance. A
    taller neighbour only makes it taller.
    """
    fill = colors[touchpoint.owner]
    if supporting:
        fill = look.tint(fill)
    ink = look.text_on(fill)
    parts = [font(html_label_text(heading), ink, 11, bold=True)] if heading else []
    parts.append(font(html_lines(wrap(touchpoint.name, 22, 4)), ink, 11 if supporting else 12, bold=True))
    parts += [font(html_lines(wrap(line, 30, 3)), ink, 10) for line in lines]
    badge = pain_badge(touchpoint) if pain else None
    if badge:
        parts.append(font(html_label_text(badge), ink, 10, bold=touchpoint.worst_severity == "high"))
    style, border = ("rounded,dashed", "2") if supporting else ("rounded", "1")
    link = f' HREF="{href}" TARGET="_top" TITLE="{html_tooltip(title)}" ID="{cell_id}"' if href else ""
    return (
        f'<TD BGCOLOR="{fill}" STYLE="{style}" BORDER="{border}" COLOR="{look.INK}" ALIGN="LEFT" BALIGN="LEFT" '
        f'VALIGN="TOP"{link}>' + "<BR/>".join(parts) + "</TD>"
    )


def kpi_line(touchpoint: Touchpoint, statuses: dict[str, str]) -> str | None:
    """'KPIs: ✗ 1 missed, ✓ 1 met' for the KPIs the touchpoint lists, or None when it lists none."""
    listed = [statuses[k] for k in dict.fromkeys(touchpoint.kpis) if k in statuses]
    if not listed:
        return None
    return ("KPI: " if len(listed) == 1 else "KPIs: ") + status_summary(listed)


def kpi_statuses(maps: Maps, threshold: float = 0.1) -> dict[str, str]:
    """KPI id -> status (`Kpi.status`), once for every diagram."""
    return {kpi_id: kpi.status(threshold) for kpi_id, kpi in maps.kpis.items()}


def status_key() -> str:
    """The KPI status marks, in words: part of a legend's key line."""
    return "   ".join(f"{STATUS_MARK[s]} {STATUS_LABEL[s].lower()}" for s in HEALTH_ORDER)


def touchpoint_tooltip(journey: Journey, touchpoint: Touchpoint, maps: Maps) -> str:
    """What a card says on hover: name, owner, worst pain, and where the link goes."""
    owner = maps.departments[touchpoint.owner].name
    parts = [touchpoint.name, f"owner: {owner}"]
    if touchpoint.pain_points:
        worst = max(touchpoint.pain_points, key=lambda p: SEVERITY_RANK[p.severity])
        parts.append(f"{worst.severity} pain: {shorten(worst.text, 90)}")
    parts.append(f"open the touchpoint page ({journey.title})")
    return " — ".join(parts)


def department_swatch(department: Department, colors: dict[str, str], href: str, cell_id: str, rows: int = 1) -> str:
    """A legend or lane entry: the department's name on its colour, linked to its page."""
    fill = colors[department.id]
    name = html_lines(wrap(department.name, 18 if rows > 1 else 24, 5))
    span = f' ROWSPAN="{rows}"' if rows > 1 else ""
    return (
        f'<TD BGCOLOR="{fill}" STYLE="rounded"{span} HREF="{href}" TARGET="_top" ID="{cell_id}" '
        f'TITLE="{html_tooltip(department.name + " — department page")}">{font(name, look.text_on(fill), 11)}</TD>'
    )


def legend_table(heading: str, cells: list[str], per_row: int = 6, key: str | None = None) -> str:
    """A legend as a borderless HTML table: heading, then the cells in rows, then an optional key line."""
    rows = [
        f'<TR><TD ALIGN="LEFT" COLSPAN="{per_row}">{font(html_label_text(heading), look.INK, 11, bold=True)}</TD></TR>'
    ]
    for start in range(0, len(cells), per_row):
        chunk = cells[start : start + per_row]
        rows.append("<TR>" + "".join(chunk) + "".join("<TD></TD>" for _ in range(per_row - len(chunk))) + "</TR>")
    if key:
        rows.append(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT" COLSPAN="{per_row}">{font(key, look.INK, 10)}</TD></TR>')
    return f'<TABLE BORDER="0" CELLSPACING="4" CELLPADDING="4">{"".join(rows)}</TABLE>'


def severity_key() -> str:
    """The pain-point marks, in words: part of a legend's key line."""
    return "   ".join(f"{SEVERITY_MARK[s]} {s} pain" for s in SEVERITIES)


def journey_outline(journey: Journey, maps: Maps) -> str:
    """The text alternative of a journey's picture: stages in order, touchpoints with owner and worst pain."""
    parts = []
    for number, stage in enumerate(journey.stages, 1):
        items = []
        for touchpoint in stage.touchpoints:
            detail = maps.departments[touchpoint.owner].name
            if touchpoint.worst_severity:
                detail += f", {touchpoint.worst_severity} pain"
            items.append(f"{touchpoint.name} ({detail})")
        parts.append(f"Stage {number}, {stage.name}: " + ("; ".join(items) or "no touchpoints") + ".")
    return " ".join(parts)


def html(label: str) -> str:
    """An HTML-like label value for the `graphviz` package, which passes '<…>' through as it is."""
    return f"<{label}>"
