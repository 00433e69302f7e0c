"""The department map: every touchpoint a department owns or supports, across journeys, grouped by journey.

One grid per journey (stages where the department takes part, as columns), stacked top to bottom in
the order of the journeys. Cards keep the owner's colour, so a team sees at once whose touchpoints it
works on; its own are drawn solid and the ones it supports dashed, with its role written on the card.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Mapping

from ..model import Department, Journey, Maps, Stage, Touchpoint
from ..vocabulary import ROLE_LETTER, ROLES, channel_name
from . import links, look
from .drawing import Drawing, card_cell, font, html, new_graph, node_name, touchpoint_tooltip
from .plans import GridPart, Parts
from .text import html_label_text, html_lines, html_tooltip, shorten, wrap


def build(
    maps: Maps,
    department: Department,
    colors: dict[str, str],
    *,
    channels: Mapping[str, str] | None = None,
    parts: Parts | None = None,
) -> Drawing:
    """The department's map; with `parts` (`serve`), each journey's part taken from the last planning where the
    department, the departments, the journey and the channel names are the same (plans.py)."""
    page = links.department_page(department.id)
    graph = new_graph("map", rankdir="TB", nodesep="0.3", ranksep="0.35")
    key = html_lines(wrap(
        f"Where {department.name} takes part. Full-colour cards with a thin outline: it owns them (A). Pale cards "
        "with a thick dashed outline: it is responsible (R), consulted (C) or informed (I). A card has its owner's "
        "colour; open it for the touchpoint's page.", 64, 5,
    ))  # fmt: skip
    nodes = [node_name("key", department.id)]
    graph.node(
        nodes[0],
        label=html(
            '<TABLE BORDER="0"><TR><TD ALIGN="LEFT" '
            f'BALIGN="LEFT">{font(key, look.INK, 10, italic=True)}</TD></TR></TABLE>'
        ),
    )

    summary = []
    for journey in maps.journeys.values():
        made = functools.partial(_part, maps, journey, department, colors, page, channels)
        part = made() if parts is None else parts.get(department.id, journey, made)
        if part is None:
            continue
        name = node_name("journey", journey.id)
        graph.node(name, label=html(part[0]), id=f"journey-{journey.id}")
        nodes.append(name)
        summary.append(part[1])
    if len(nodes) == 1:
        empty = font(html_label_text("No touchpoint names this department yet."), look.INK, 12)
        graph.node("nothing", label=html(f'<TABLE BORDER="0"><TR><TD>{empty}</TD></TR></TABLE>'))
        nodes.append("nothing")
    for above, below in itertools.pairwise(nodes):
        graph.edge(above, below, style="invis")

    return Drawing(
        title=f"Department map: {department.name}",
        description=(
            f"Every touchpoint that {department.name} owns, does, advises on or is told about, grouped by journey. "
            + (" ".join(summary) or "None yet.")
        ),
        dot=graph.source,
    )


def _part(
    maps: Maps, journey: Journey, department: Department, colors: dict[str, str], page: str,
    channels: Mapping[str, str] | None,
) -> GridPart:  # fmt: skip
    """The journey's grid of the department's cards and its sentence of the description (None: not involved)."""
    involved = [(stage, tp, role) for stage, tp in journey.touchpoints() if (role := _role(tp.roles(), department.id))]
    if not involved:
        return None
    counts = {role: sum(1 for *_, r in involved if r == role) for role in ROLES}
    sentence = (
        f"{journey.title}: "
        + ", ".join(f"{n} as {role}" for role, n in counts.items() if n)
        + " ("
        + ", ".join(tp.name for _, tp, _ in involved)
        + ")."
    )
    return _grid(maps, journey, department, involved, colors, page, channels), sentence


def _role(roles: dict[str, list[str]], department_id: str) -> str | None:
    """The department's strongest role on a touchpoint (owner before responsible, consulted, informed)."""
    return next((role for role in ROLES if department_id in roles[role]), None)


def _grid(
    maps: Maps,
    journey: Journey,
    department: Department,
    involved: list[tuple[Stage, Touchpoint, str]],
    colors: dict[str, str],
    page: str,
    channels: Mapping[str, str] | None,
) -> str:
    """One journey's part: its title (linked), the stages concerned as columns, the cards under them."""
    stages = list(dict.fromkeys(stage.id for stage, _, _ in involved))
    by_stage: dict[str, list[str]] = {stage_id: [] for stage_id in stages}
    for stage, touchpoint, role in involved:
        channel = channel_name(touchpoint.channel, channels)
        lines = [
            f"{channel} · owner: {shorten(maps.departments[touchpoint.owner].name, 28)}" if role != "owner" else channel
        ]
        lines.append(f"{shorten(department.name, 28)}: {role} ({ROLE_LETTER[role]})")
        tip = f"{department.name} is {role} — " + touchpoint_tooltip(journey, touchpoint, maps)
        by_stage[stage.id].append(card_cell(
            touchpoint, colors, lines, links.to_touchpoint(page, journey.id, touchpoint.id), tip,
            f"tp-{journey.id}--{touchpoint.id}", supporting=role != "owner",
        ))  # fmt: skip
    names = {stage.id: (number, stage.name) for number, stage in enumerate(journey.stages, 1)}
    columns = len(stages)
    title = font(html_lines(wrap(journey.title, 60, 2)), look.INK, 13, bold=True)
    rows = [
        f'<TR><TD COLSPAN="{columns}" ALIGN="LEFT" HREF="{links.to_journey(page, journey.id)}" TARGET="_top" '
        f'TITLE="{html_tooltip("Open the journey: " + journey.title)}" '
        f'ID="journey-link-{journey.id}">{title}</TD></TR>',
        "<TR>"
        + "".join(
            f'<TD BORDER="2" SIDES="B" COLOR="{look.INK}" ALIGN="LEFT" BALIGN="LEFT">'
            f"{font(html_lines(wrap(f'{names[s][0]} · {names[s][1]}', 24, 2)), look.INK, 11, bold=True)}</TD>"
            for s in stages
        )
        + "</TR>",
    ]
    for row in range(max(len(cards) for cards in by_stage.values())):
        rows.append(
            "<TR>" + "".join(cards[row] if row < len(cards) else "<TD></TD>" for cards in by_stage.values()) + "</TR>"
        )
    return f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="4" CELLPADDING="4">{"".join(rows)}</TABLE>'
