"""The ownership blueprint: a service-blueprint grid with one swimlane per department and one column per stage.

Each touchpoint is a card in its owner's lane; the departments responsible for it or consulted on
it get a dashed "R"/"C" marker in their own lane, in the same column, so the spread of a touchpoint
across teams shows at a glance. A grid must be exact, so the whole blueprint is one HTML-like table
(Graphviz lays out and escapes it, and gives every card its own link).
"""

from __future__ import annotations

from ..model import Journey, Maps, Touchpoint
from ..vocabulary import ROLE_LETTER
from . import links, look
from .drawing import Drawing, card_cell, department_swatch, font, html, new_graph, note_cell, touchpoint_tooltip
from .text import html_label_text, html_lines, shorten, wrap

SUPPORT_ROLES = ("responsible", "consulted")


def lanes(maps: Maps, journey: Journey) -> tuple[list[str], list[str]]:
    """Departments that own a touchpoint, then those that only support (R or C), each in listing order."""
    owners = {tp.owner for _, tp in journey.touchpoints()}
    supporters = {d for _, tp in journey.touchpoints() for role in SUPPORT_ROLES for d in getattr(tp, role)}
    order = list(maps.departments)
    return [d for d in order if d in owners], [d for d in order if d in supporters - owners]


def build(maps: Maps, journey: Journey, colors: dict[str, str]) -> Drawing:
    page = links.journey_page(journey.id)
    owning, supporting = lanes(maps, journey)
    columns = len(journey.stages) + 1

    header = [f'<TD ALIGN="LEFT" VALIGN="BOTTOM">{font("departments ↓   stages →", look.INK, 10, italic=True)}</TD>']
    for number, stage in enumerate(journey.stages, 1):
        name = html_lines(wrap(f"{number} · {stage.name}", 24, 2))
        header.append(
            f'<TD BORDER="2" SIDES="B" COLOR="{look.INK}" VALIGN="BOTTOM">{font(name, look.INK, 12, bold=True)}</TD>'
        )
    rows = ["<TR>" + "".join(header) + "</TR>"]

    for department_id in owning + supporting:
        rule_color = look.INK if supporting and department_id == supporting[0] else look.FAINT
        rule = f'<TD COLSPAN="{columns}" HEIGHT="1" CELLPADDING="0" BORDER="1" SIDES="T" COLOR="{rule_color}"></TD>'
        rows.append(f"<TR>{rule}</TR>")
        if supporting and department_id == supporting[0]:
            divider = html_label_text("Supporting only: responsible or consulted, owning nothing in this journey")
            rows.append(
                f'<TR><TD COLSPAN="{columns}" ALIGN="LEFT">{font(divider, look.INK, 10, italic=True)}</TD></TR>'
            )
        department = maps.departments[department_id]
        by_stage = [
            [i for tp in stage.touchpoints if (i := _item(maps, journey, tp, department_id, colors, page))]
            for stage in journey.stages
        ]
        depth = max(1, *(len(items) for items in by_stage))
        swatch = department_swatch(
            department, colors, links.to_department(page, department_id), f"lane-{department_id}", depth
        )
        for row in range(depth):
            cells = [swatch] if row == 0 else []
            cells += [items[row] if row < len(items) else "<TD></TD>" for items in by_stage]
            rows.append("<TR>" + "".join(cells) + "</TR>")

    table = f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="3" CELLPADDING="4">{"".join(rows)}</TABLE>'
    graph = new_graph("blueprint")
    graph.node("blueprint", label=html(table), id="grid")

    outline = []
    for department_id in owning + supporting:
        owned = [tp.name for _, tp in journey.touchpoints() if tp.owner == department_id]
        helped = [
            tp.name for _, tp in journey.touchpoints() if any(department_id in getattr(tp, r) for r in SUPPORT_ROLES)
        ]
        text = maps.departments[department_id].name + ": "
        text += ("owns " + ", ".join(owned)) if owned else "owns nothing"
        if helped:
            text += "; supports " + ", ".join(helped)
        outline.append(text + ".")
    return Drawing(
        title=f"Ownership blueprint: {journey.title}",
        description=(
            f"Which department owns and which support each touchpoint of the journey '{journey.title}': one row per "
            f"department ({len(owning) + len(supporting)}), one column per stage ({len(journey.stages)}). "
            + " ".join(outline)
        ),
        dot=graph.source,
    )


def _item(
    maps: Maps, journey: Journey, touchpoint: Touchpoint, department_id: str, colors: dict[str, str], page: str
) -> str | None:
    """What the lane of `department_id` shows for one touchpoint: its card, an R/C marker, or nothing."""
    if touchpoint.owner == department_id:
        lines = [touchpoint.channel]
        for role in SUPPORT_ROLES:
            names = [shorten(maps.departments[d].name, 24) for d in getattr(touchpoint, role)]
            if names:
                lines.append(f"{ROLE_LETTER[role]}: " + ", ".join(names))
        return card_cell(
            touchpoint, colors, lines, links.to_touchpoint(page, journey.id, touchpoint.id),
            touchpoint_tooltip(journey, touchpoint, maps), f"tp-{touchpoint.id}",
        )  # fmt: skip
    for role in SUPPORT_ROLES:
        if department_id in getattr(touchpoint, role):
            owner = maps.departments[touchpoint.owner].name
            who = maps.departments[department_id].name
            text = f"<B>{ROLE_LETTER[role]}</B> · " + html_lines(wrap(touchpoint.name, 20, 2))
            tip = f"{who} is {role} for '{touchpoint.name}' (owner: {owner})"
            return note_cell(text, tip, f"{role}-{department_id}-{touchpoint.id}")
    return None
