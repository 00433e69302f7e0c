"""The ownership blueprint: a service-blueprint grid with one swimlane per department and one column per stage.

Each touchpoint is a card in its owner's lane, filled with the owner's colour; every department
responsible for it, consulted on it or informed about it gets a pale, dashed card of it in its own
lane, in the same column, so the spread of a touchpoint across teams shows at a glance. Lanes come
in three groups: the owners, those that only do or advise (R, C), those that are only told (I).
Cards say where the work changes hands (`handoffs`) and how their KPIs stand. A grid must be exact,
so the whole blueprint is one HTML-like table (Graphviz lays out and escapes it, and gives every
card its own link); a legend below says how to read it.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..handoffs import HandoffIndex
from ..model import Journey, Maps, Touchpoint
from ..vocabulary import INVOLVED_ROLES, ROLE_LETTER, ROLE_NAME, channel_name
from . import links, look
from .drawing import (
    Drawing,
    card_cell,
    department_swatch,
    font,
    html,
    kpi_line,
    kpi_statuses,
    legend_table,
    new_graph,
    severity_key,
    status_key,
    touchpoint_tooltip,
)  # fmt: skip
from .text import html_label_text, html_lines, wrap

SUPPORT_ROLES = ("responsible", "consulted")
GROUPS = (
    "",
    "Supporting: responsible or consulted, owning nothing in this journey",
    "Informed only: told about touchpoints, owning and doing none of them",
)


def lanes(maps: Maps, journey: Journey) -> tuple[list[str], list[str], list[str]]:
    """Departments that own a touchpoint, those that only support (R or C), those only informed; in listing order."""
    owners = {tp.owner for _, tp in journey.touchpoints()}
    supporters = {d for _, tp in journey.touchpoints() for role in SUPPORT_ROLES for d in getattr(tp, role)}
    informed = {d for _, tp in journey.touchpoints() for d in tp.informed}
    order = list(maps.departments)
    return (
        [d for d in order if d in owners],
        [d for d in order if d in supporters - owners],
        [d for d in order if d in informed - supporters - owners],
    )


def build(
    maps: Maps,
    journey: Journey,
    colors: dict[str, str],
    *,
    statuses: dict[str, str] | None = None,
    handoffs: HandoffIndex | None = None,
    channels: Mapping[str, str] | None = None,
) -> Drawing:
    page = links.journey_page(journey.id)
    statuses = kpi_statuses(maps) if statuses is None else statuses
    marks = _handoff_lines(maps, journey, handoffs or HandoffIndex.of(maps))
    groups = lanes(maps, journey)
    columns = len(journey.stages) + 1

    header = [f'<TD ALIGN="LEFT" VALIGN="BOTTOM">{font("departments ↓   stages →", look.INK, 10, italic=True)}</TD>']
    for number, stage in enumerate(journey.stages, 1):
        name = html_lines(wrap(f"{number} · {stage.name}", 24, 3))
        header.append(
            f'<TD BORDER="2" SIDES="B" COLOR="{look.INK}" VALIGN="BOTTOM">{font(name, look.INK, 12, bold=True)}</TD>'
        )
    rows = ["<TR>" + "".join(header) + "</TR>"]

    for group, members in enumerate(groups):
        for position, department_id in enumerate(members):
            first_of_group = group > 0 and position == 0
            rule_color = look.INK if first_of_group else look.FAINT
            rule = f'<TD COLSPAN="{columns}" HEIGHT="1" CELLPADDING="0" BORDER="1" SIDES="T" COLOR="{rule_color}"></TD>'
            rows.append(f"<TR>{rule}</TR>")
            if first_of_group:
                divider = html_label_text(GROUPS[group])
                rows.append(
                    f'<TR><TD COLSPAN="{columns}" ALIGN="LEFT">{font(divider, look.INK, 11, italic=True)}</TD></TR>'
                )
            department = maps.departments[department_id]
            by_stage: list[list[str]] = []
            for stage in journey.stages:
                items = (
                    _item(maps, journey, tp, department_id, colors, page, statuses, marks, channels)
                    for tp in stage.touchpoints
                )
                by_stage.append([item for item in items if item])
            depth = max(1, *(len(items) for items in by_stage))
            swatch = department_swatch(
                department, colors, links.to_department(page, department_id), f"lane-{department_id}", depth
            )
            for row in range(depth):
                cells = [swatch] if row == 0 else []
                cells += [items[row] if row < len(items) else "<TD></TD>" for items in by_stage]
                rows.append("<TR>" + "".join(cells) + "</TR>")

    table = f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="3" CELLPADDING="4">{"".join(rows)}</TABLE>'
    graph = new_graph("blueprint", labelloc="b", labeljust="l")
    graph.node("blueprint", label=html(table), id="grid")
    graph.attr("graph", label=html(_legend()))

    outline = []
    for department_id in (d for members in groups for d in members):
        owned = [tp.name for _, tp in journey.touchpoints() if tp.owner == department_id]
        text = maps.departments[department_id].name + ": "
        text += ("owns " + ", ".join(owned)) if owned else "owns nothing"
        for role in INVOLVED_ROLES:
            named = [tp.name for _, tp in journey.touchpoints() if department_id in getattr(tp, role)]
            if named:
                text += f"; {role} for " + ", ".join(named)
        outline.append(text + ".")
    handoff_count = len((handoffs or HandoffIndex.of(maps)).journey(journey.id))
    return Drawing(
        title=f"Ownership blueprint: {journey.title}",
        description=(
            f"Which department owns each touchpoint of the journey '{journey.title}' and which are responsible, "
            f"consulted or informed: one row per department ({sum(len(m) for m in groups)}), one column per stage "
            f"({len(journey.stages)}); {handoff_count} handoff(s) between departments. " + " ".join(outline)
        ),
        dot=graph.source,
    )


def _item(
    maps: Maps,
    journey: Journey,
    touchpoint: Touchpoint,
    department_id: str,
    colors: dict[str, str],
    page: str,
    statuses: dict[str, str],
    marks: dict[str, list[str]],
    channels: Mapping[str, str] | None,
) -> str | None:
    """What the lane of `department_id` shows for one touchpoint: its card, a supporting card, or nothing."""
    href = links.to_touchpoint(page, journey.id, touchpoint.id)
    if touchpoint.owner == department_id:
        lines = [channel_name(touchpoint.channel, channels), *marks.get(touchpoint.id, [])]
        kpis = kpi_line(touchpoint, statuses)
        if kpis:
            lines.append(kpis)
        tip = touchpoint_tooltip(journey, touchpoint, maps)
        return card_cell(touchpoint, colors, lines, href, tip, f"tp-{touchpoint.id}")
    for role in INVOLVED_ROLES:
        if department_id in getattr(touchpoint, role):
            # Not linked: the owner's card in the same column is the one link to the touchpoint (one tab stop).
            owner = maps.departments[touchpoint.owner].name
            return card_cell(
                touchpoint, colors, [f"owner: {owner}"], None, "", "", supporting=True,
                heading=f"{ROLE_LETTER[role]} · {ROLE_NAME[role]}", pain=False,
            )  # fmt: skip
    return None


def _handoff_lines(maps: Maps, journey: Journey, index: HandoffIndex) -> dict[str, list[str]]:
    """Touchpoint id -> '⇢ hands over to …' and '⇠ takes over from …' lines: where the work changes hands."""
    out: dict[str, list[str]] = {}
    into: dict[str, list[str]] = {}
    for handoff in index.journey(journey.id):
        out.setdefault(handoff.source.touchpoint.id, []).append(handoff.to_department)
        if not handoff.across_journeys:
            into.setdefault(handoff.target.touchpoint.id, []).append(handoff.from_department)
    for handoff in index.into_journey(journey.id):
        into.setdefault(handoff.target.touchpoint.id, []).append(handoff.from_department)

    def names(ids: list[str]) -> str:
        return ", ".join(maps.departments[d].name for d in dict.fromkeys(ids))

    lines: dict[str, list[str]] = {}
    for touchpoint_id, senders in into.items():
        lines.setdefault(touchpoint_id, []).append(f"⇠ takes over from {names(senders)}")
    for touchpoint_id, receivers in out.items():
        lines.setdefault(touchpoint_id, []).append(f"⇢ hands over to {names(receivers)}")
    return lines


def _legend() -> str:
    """How to read the grid: the two kinds of card, the role marks, handoffs, KPI status and pain marks."""
    grey = "#6f7d8c"
    owned = _sample(grey, "rounded", "1", ["Owned: solid, in the", "owner's colour, in the", "owner's lane"])
    supported = _sample(
        look.tint(grey), "rounded,dashed", "2",
        ["R · Responsible, C · Consulted,", "I · Informed: pale and dashed,", "in that department's lane"],
    )  # fmt: skip
    key = html_label_text(
        f"⇢ hands over to / ⇠ takes over from: a leads_to into another department's touchpoint (a handoff).   "
        f"KPIs: {status_key()}.   {severity_key()}"
    )
    return legend_table("How to read the blueprint", [owned, supported], 2, key)


def _sample(fill: str, style: str, border: str, lines: list[str]) -> str:
    """A legend cell that looks like a card."""
    return (
        f'<TD BGCOLOR="{fill}" STYLE="{style}" BORDER="{border}" COLOR="{look.INK}" ALIGN="LEFT" BALIGN="LEFT">'
        f"{font(html_lines(lines), look.text_on(fill), 10)}</TD>"
    )
