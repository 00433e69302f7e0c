"""What the cards of the diagrams say: every department involved in a journey has its lane in the blueprint,
its legend explains the cards, handoffs are marked, KPI status stands on the cards of the flow and the
blueprint, and a department map tells the cards it owns from those it only supports.

Measured on the SVG that `dot` draws from the example maps (and a crafted map for a department that is only
informed), through the public `plan` and `render`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from journeymaps.diagrams import look, plan, render
from journeymaps.diagrams.drawing import kpi_statuses
from journeymaps.handoffs import journey_handoffs
from journeymaps.model import Maps
from journeymaps.validate import validate
from journeymaps.vocabulary import INVOLVED_ROLES, ROLE_LETTER, ROLE_NAME, STATUS_LABEL

from .conftest import EXAMPLE_MAPS

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def maps() -> Maps:
    result = validate(EXAMPLE_MAPS)
    assert not result.errors and result.maps is not None
    return result.maps


@pytest.fixture(scope="module")
def svgs(maps: Maps) -> dict[str, ET.Element]:
    return {name: ET.fromstring(svg) for name, svg in render(plan(maps)).items()}


def words(element: ET.Element) -> str:
    """All the text drawn inside an element, lines joined by spaces."""
    return " ".join(" ".join(t.itertext()) for t in element.iter(f"{SVG}text"))


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def card(root: ET.Element, touchpoint_id: str) -> ET.Element:
    """The linked card of a touchpoint (its anchor group; Graphviz names it a_<id>, svgfix prefixes it)."""
    found = [g for g in root.iter(f"{SVG}g") if (g.get("id") or "").endswith(f"-a_tp-{touchpoint_id}")]
    assert len(found) == 1, touchpoint_id
    return found[0]


def test_the_blueprint_shows_every_role_of_every_department(maps: Maps, svgs: dict[str, ET.Element]) -> None:
    """The owner's card, and one supporting card per responsible, consulted and informed department."""
    for journey in maps.journeys.values():
        text = words(svgs[f"journeys/{journey.id}/blueprint"])
        for role in INVOLVED_ROLES:
            expected = sum(
                1
                for _, tp in journey.touchpoints()
                for d in getattr(tp, role)
                if d != tp.owner and next(r for r in INVOLVED_ROLES if d in getattr(tp, r)) == role
            )
            assert text.count(f"{ROLE_LETTER[role]} · {ROLE_NAME[role]}") == expected + 1, (journey.id, role)  # +legend
        involved = {d for _, tp in journey.touchpoints() for ids in tp.roles().values() for d in ids}
        lanes = {
            m.group(1)
            for g in svgs[f"journeys/{journey.id}/blueprint"].iter(f"{SVG}g")
            if (m := re.search(r"-a_lane-([a-z0-9-]+)$", g.get("id") or ""))
        }
        assert lanes == involved, journey.id


def test_a_department_only_informed_has_a_lane_of_its_own(make_maps: Callable[..., Path]) -> None:
    from journeymaps.codes import BASE

    departments = BASE["departments.yaml"] + "  - id: legal\n    name: Legal & Privacy\n"
    journey = BASE["journeys/purchase.yaml"] + "        informed: [legal]\n"
    result = validate(make_maps({"departments.yaml": departments, "journeys/purchase.yaml": journey}))
    assert not result.errors and result.maps is not None
    root = ET.fromstring(render(plan(result.maps))["journeys/purchase/blueprint"])
    text = words(root)
    assert "Informed only" in text and "I · Informed" in text
    assert any((g.get("id") or "").endswith("-a_lane-legal") for g in root.iter(f"{SVG}g"))


def test_the_blueprint_has_a_legend(svgs: dict[str, ET.Element]) -> None:
    text = words(svgs["journeys/online-purchase/blueprint"])
    for words_ in ("How to read the blueprint", "Owned: solid", "R · Responsible, C · Consulted", "I · Informed",
                   "handoff", "missed", "at risk", "high pain"):  # fmt: skip
        assert words_ in text, words_


def test_handoffs_are_marked_on_the_blueprint_cards_and_the_flow_edges(maps: Maps, svgs: dict[str, ET.Element]) -> None:
    counted = 0
    for journey in maps.journeys.values():
        handoffs = journey_handoffs(maps, journey)
        blueprint = svgs[f"journeys/{journey.id}/blueprint"]
        for handoff in handoffs:
            said = compact(words(card(blueprint, handoff.source.touchpoint.id)))
            receiver = maps.departments[handoff.to_department].name
            assert "handsoverto" in said and compact(receiver) in said, (journey.id, handoff.key)
            if not handoff.across_journeys:
                said = compact(words(card(blueprint, handoff.target.touchpoint.id)))
                assert compact(maps.departments[handoff.from_department].name) in said, (journey.id, handoff.key)
        edges = [
            g for g in svgs[f"journeys/{journey.id}/flow"].iter(f"{SVG}g") if "jm-d-handoff" in (g.get("class") or "")
        ]
        assert len(edges) == len(handoffs), journey.id
        counted += len(handoffs)
    assert counted > 5, "the example maps have handoffs to mark"


def test_kpi_status_stands_on_the_cards(maps: Maps, svgs: dict[str, ET.Element]) -> None:
    statuses = kpi_statuses(maps)
    checked = 0
    for journey in maps.journeys.values():
        for _, touchpoint in journey.touchpoints():
            if not touchpoint.kpis:
                continue
            for kind in ("flow", "blueprint"):
                said = words(card(svgs[f"journeys/{journey.id}/{kind}"], touchpoint.id))
                assert "KPI" in said, (kind, touchpoint.id)
                for kpi_id in touchpoint.kpis:
                    assert STATUS_LABEL[statuses[kpi_id]].lower() in said, (kind, touchpoint.id, kpi_id)
                checked += 1
    assert checked > 10


def test_a_department_map_tells_owned_from_involved(maps: Maps) -> None:
    colors = look.department_colors(maps)
    for diagram in plan(maps):
        if not diagram.name.startswith("departments/"):
            continue
        department_id = diagram.name.split("/")[1]
        assert diagram.dot is not None
        cell = r'<TD BGCOLOR="(#[0-9a-f]{6})" STYLE="([a-z,]+)" BORDER="(\d)"[^>]*ID="tp-([a-z0-9-]+)--([a-z0-9-]+)"'
        cells = re.findall(cell, diagram.dot)
        assert cells, department_id
        for fill, style, border, journey_id, touchpoint_id in cells:
            ref = maps.touchpoint(f"{journey_id}/{touchpoint_id}")
            assert ref is not None
            owner = ref.touchpoint.owner
            if owner == department_id:
                assert (fill, style, border) == (colors[owner], "rounded", "1"), touchpoint_id
            else:
                assert (fill, style, border) == (look.tint(colors[owner]), "rounded,dashed", "2"), touchpoint_id
                assert look.distance(fill, colors[owner]) > 100, "a supporting card must not look owned"


def test_the_site_threshold_decides_the_status_on_the_cards(maps: Maps) -> None:
    """The site's `kpi_threshold` reaches the cards: set far, every KPI short of its target is at risk."""
    strict = next(d for d in plan(maps) if d.name == "journeys/online-purchase/flow")
    lenient = next(d for d in plan(maps, kpi_threshold=1000.0) if d.name == "journeys/online-purchase/flow")
    assert strict.dot is not None and lenient.dot is not None
    missed, at_risk = re.compile(r"✗ \d+ missed"), re.compile(r"! \d+ at risk")
    assert missed.search(strict.dot) and not missed.search(lenient.dot) and at_risk.search(lenient.dot)


def test_cards_name_channels_as_people_do(maps: Maps) -> None:
    """'Paid social', not 'paid-social'; a site's own `channel_names` win."""
    drawn = {d.name: d.dot or "" for d in plan(maps, channel_names={"website": "Web shop"})}
    for name in ("journeys/online-purchase/flow", "journeys/online-purchase/blueprint", "departments/marketing/map"):
        assert "Paid social" in drawn[name] and "paid-social" not in drawn[name].replace('"tp-', ""), name
    assert "Web shop" in drawn["journeys/online-purchase/flow"]
