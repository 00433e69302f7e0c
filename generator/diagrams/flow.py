"""The journey flow: stages as columns left to right, touchpoints as cards in their owner's colour.

Edges follow `leads_to`; a touchpoint that leads nowhere gets a dotted edge to the next stage, so the
reading order is never lost. Links to and from other journeys are drawn as exits and entries that
link to the other journey's touchpoint. Invisible "gates" between stages keep the columns in order
even when a `leads_to` points back, and an invisible chain keeps each column in the written order.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping

import graphviz

from ..handoffs import HandoffIndex
from ..model import Journey, Maps, TouchpointRef
from ..text import plural
from ..vocabulary import channel_name
from . import links, look
from .drawing import (
    Drawing,
    card,
    department_swatch,
    font,
    html,
    journey_outline,
    kpi_line,
    kpi_statuses,
    legend_table,
    new_graph,
    node_name,
    severity_key,
    status_key,
    touchpoint_tooltip,
)  # fmt: skip
from .text import dot_tooltip, html_label_text, html_lines, shorten, wrap


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
    marked = (handoffs or HandoffIndex.of(maps)).marked(journey.id)
    graph = new_graph("flow", rankdir="LR", newrank="true", nodesep="0.22", ranksep="0.45", labelloc="b", labeljust="l")
    stage_of = {tp.id: index for index, stage in enumerate(journey.stages) for tp in stage.touchpoints}
    names = {tp.id: node_name("tp", tp.id) for _, tp in journey.touchpoints()}

    # A stage is a column: a header, then its cards in the order written. Plain rank=same subgraphs,
    # not clusters: inside clusters dot does not keep the written order of a column.
    for index, stage in enumerate(journey.stages):
        header = node_name("stage", stage.id)
        with graph.subgraph(name=f"stage_{index + 1}") as column:
            column.attr(rank="same")
            label = font(html_lines(wrap(f"{index + 1} · {stage.name}", 26, 4)), look.INK, 13, bold=True)
            if stage.goal:
                label += "<BR/>" + font(html_lines(wrap(stage.goal, 30, 2)), look.INK, 10, italic=True)
            column.node(
                header,
                label=html(
                    '<TABLE BORDER="0" CELLPADDING="4"><TR><TD BORDER="2" SIDES="B" '
                    f'COLOR="{look.INK}">{label}</TD></TR></TABLE>'
                ),
                id=f"stage-{stage.id}",
                **{"class": "jm-d-stage"},
            )
            for touchpoint in stage.touchpoints:
                owner = maps.departments[touchpoint.owner]
                subtitle = f"{channel_name(touchpoint.channel, channels)} · {shorten(owner.name, 28)}"
                kpis = kpi_line(touchpoint, statuses)
                column.node(
                    names[touchpoint.id],
                    label=html(card(touchpoint, colors, subtitle, [kpis] if kpis else None)),
                    URL=links.to_touchpoint(page, journey.id, touchpoint.id),
                    tooltip=dot_tooltip(touchpoint_tooltip(journey, touchpoint, maps)),
                    id=f"tp-{touchpoint.id}",
                    **{"class": "jm-d-touchpoint"},
                )
        column_nodes = [header, *(names[tp.id] for tp in stage.touchpoints)]
        for above, below in itertools.pairwise(column_nodes):
            graph.edge(above, below, style="invis", weight="10")

    # Heads of columns in one straight line across the top.
    headers = [node_name("stage", stage.id) for stage in journey.stages]
    for left, right in itertools.pairwise(headers):
        graph.edge(left, right, style="invis", weight="100")

    # Gates: every node of column i ranks before gate i, which ranks before every node of column i+1.
    for index in range(len(journey.stages) - 1):
        gate = f"gate_{index + 1}"
        graph.node(gate, label="", shape="point", width="0", height="0", style="invis", id=f"gate-{index + 1}")
        for stage, side in ((journey.stages[index], "before"), (journey.stages[index + 1], "after")):
            for member in [node_name("stage", stage.id), *(names[tp.id] for tp in stage.touchpoints)]:
                graph.edge(*((member, gate) if side == "before" else (gate, member)), style="invis", weight="0")

    _edges(graph, journey, names, stage_of, marked)
    _cross_journey(graph, maps, journey, page, names, marked)

    owners = list(dict.fromkeys(tp.owner for _, tp in journey.touchpoints()))
    owners.sort(key=list(maps.departments).index)
    swatches = [
        department_swatch(maps.departments[d], colors, links.to_department(page, d), f"legend-{d}") for d in owners
    ]
    key = html_label_text(f"Owner's colour on each card.   {severity_key()}   KPIs: {status_key()}")
    key += "<BR/>" + html_label_text(
        "→ leads to   ━▶ handoff (leads to another department's touchpoint)   ⋯> next stage (no lead given)   "
        "⇢ other journey"
    )
    graph.attr("graph", label=html(legend_table("Owner departments (open a department's page)", swatches, 6, key)))

    total = sum(len(s.touchpoints) for s in journey.stages)
    return Drawing(
        title=f"Journey flow: {journey.title}",
        description=(
            f"How the touchpoints of the journey '{journey.title}' ({plural(total, 'touchpoint')}) lead into "
            f"each other, in {plural(len(journey.stages), 'stage')} from left to right; each card has its "
            "owner's colour. " + journey_outline(journey, maps)
        ),
        dot=graph.source,
    )


def _edges(
    graph: graphviz.Digraph,
    journey: Journey,
    names: dict[str, str],
    stage_of: dict[str, int],
    marked: frozenset[tuple[str, str]],
) -> None:
    """`leads_to` inside the journey (handoffs heavier); an implied next-stage edge where a touchpoint leads nowhere."""
    for index, stage in enumerate(journey.stages):
        for touchpoint in stage.touchpoints:
            for written in touchpoint.leads_to:
                target = journey.local_target(written)
                if target is None:
                    continue
                backwards = stage_of[target] < index
                # Inside a stage, the written order (the invisible chain below) decides the stacking.
                constraint = "false" if stage_of[target] <= index else "true"
                handoff = (f"{journey.id}/{touchpoint.id}", f"{journey.id}/{target}") in marked
                graph.edge(
                    names[touchpoint.id],
                    names[target],
                    constraint=constraint,
                    style="dashed" if backwards else "solid",
                    **_lead_look(backwards, handoff),
                )
            if not touchpoint.leads_to and index + 1 < len(journey.stages) and journey.stages[index + 1].touchpoints:
                following = journey.stages[index + 1].touchpoints[0]
                graph.edge(
                    names[touchpoint.id],
                    names[following.id],
                    style="dotted",
                    arrowhead="vee",
                    **{"class": "jm-d-implied"},
                )


def _lead_look(backwards: bool, handoff: bool) -> dict[str, str]:
    """The class (and, for a handoff, the heavier pen) of a `leads_to` edge."""
    classes = "jm-d-lead" + (" jm-d-back" if backwards else "") + (" jm-d-handoff" if handoff else "")
    return {"class": classes, "penwidth": "2.2"} if handoff else {"class": classes}


def _cross_journey(
    graph: graphviz.Digraph,
    maps: Maps,
    journey: Journey,
    page: str,
    names: dict[str, str],
    marked: frozenset[tuple[str, str]],
) -> None:
    """Exits to and entries from other journeys, as dashed cards linking to the other touchpoint."""
    for _, touchpoint in journey.touchpoints():
        for target in touchpoint.leads_to:
            if journey.local_target(target) is not None:
                continue
            ref = maps.touchpoint(target)
            if ref is None:  # validation guarantees it; a diagram is no place to report it again
                continue
            exit_name = _other_journey_node(graph, page, ref, "exit")
            handoff = (f"{journey.id}/{touchpoint.id}", ref.address) in marked
            look_ = _lead_look(False, handoff)
            look_["class"] += " jm-d-exit"
            graph.edge(names[touchpoint.id], exit_name, style="dashed", **look_)
    for ref, inside in maps.leads_into(journey.id):
        if inside in names:
            entry_name = _other_journey_node(graph, page, ref, "entry")
            graph.edge(entry_name, names[inside], style="dashed", **{"class": "jm-d-lead jm-d-entry"})


def _other_journey_node(graph: graphviz.Digraph, page: str, ref: TouchpointRef, kind: str) -> str:
    """A dashed card for a touchpoint of another journey, 'exit' (continues in) or 'entry' (comes from)."""
    verb = "continues in" if kind == "exit" else "comes from"
    name = node_name(kind, ref.journey.id, ref.touchpoint.id)
    graph.node(
        name,
        label=html(_other_journey_card(verb, ref.journey.title, ref.touchpoint.name)),
        URL=links.to_touchpoint(page, ref.journey.id, ref.touchpoint.id),
        tooltip=dot_tooltip(f"{verb.capitalize()} the journey '{ref.journey.title}' at '{ref.touchpoint.name}'"),
        id=f"{kind}-{ref.journey.id}--{ref.touchpoint.id}",
        **{"class": f"jm-d-{kind}"},
    )
    return name


def _other_journey_card(verb: str, journey_title: str, touchpoint_name: str) -> str:
    """A dashed, unfilled card for a touchpoint of another journey (ink on the page, not on a fill)."""
    lines = [
        font(html_label_text(f"⇢ {verb}"), look.INK, 10, italic=True),
        font(html_lines(wrap(journey_title, 26, 2)), look.INK, 10),
        font(html_lines(wrap(touchpoint_name, 24, 2)), look.INK, 11, bold=True),
    ]
    rows = "".join(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{line}</TD></TR>' for line in lines)
    return (
        f'<TABLE BORDER="1" COLOR="{look.INK}" CELLBORDER="0" CELLSPACING="2" CELLPADDING="3" '
        f'STYLE="rounded,dashed">{rows}</TABLE>'
    )
