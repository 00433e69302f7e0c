"""Diagrams of the example maps: golden DOT sources, and the rendered SVG read back as a browser would.

Regenerate the golden files after an intended change with
`JOURNEYMAPS_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_diagrams.py` and review the diff.
"""

from __future__ import annotations

import itertools
import os
import posixpath
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from journeymaps import validate
from journeymaps.diagrams import Diagram, look, plan, render
from journeymaps.diagrams.links import relative
from journeymaps.diagrams.text import shorten, wrap
from journeymaps.model import Maps
from journeymaps.vocabulary import SEVERITY_FILL

from .conftest import assert_golden

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "diagrams"
SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
RELATIVE_HREF = re.compile(r"^(\.\./)*([a-z0-9]+(-[a-z0-9]+)*/)*$")


@pytest.fixture(scope="module")
def maps() -> Maps:
    result = validate(ROOT / "maps")
    assert not result.errors, result.errors
    return result.maps


@pytest.fixture(scope="module")
def diagrams(maps: Maps) -> list[Diagram]:
    return plan(maps)


@pytest.fixture(scope="module")
def svgs(diagrams: list[Diagram]) -> dict[str, ET.Element]:
    return {name: ET.fromstring(svg) for name, svg in render(diagrams).items()}


def addresses(maps: Maps) -> set[str]:
    """Every page a diagram may link to, as site addresses."""
    found = {f"journeys/{j}/" for j in maps.journeys} | {f"departments/{d}/" for d in maps.departments}
    return found | {f"journeys/{ref.address}/" for ref in maps.touchpoints()}


def links_of(root: ET.Element, page: str) -> list[str]:
    """Every link target of one SVG, resolved against the page it sits in; checks each is plainly relative."""
    targets = []
    for anchor in root.iter(f"{SVG}a"):
        hrefs = {anchor.get(XLINK_HREF), anchor.get("href")} - {None}
        if not hrefs:
            continue  # a tooltip-only anchor
        assert len(hrefs) == 1, hrefs
        href = hrefs.pop()
        assert RELATIVE_HREF.match(href), f"not a plain relative link: {href!r}"
        assert anchor.get("target") == "_top"
        targets.append(posixpath.normpath(posixpath.join(page, href)) + "/")
    return targets


SVG_DRAWN = ("curve", "compare", "chart")
"""Diagrams written as SVG directly, not through `dot`."""


def golden_path(name: str) -> Path:
    if name == "opportunities/chart":
        return GOLDEN / "opportunities.chart.svg"
    kind, owner, what = name.split("/")
    if kind == "journeys":
        return GOLDEN / f"{owner}.{what}.{'svg' if what in SVG_DRAWN else 'dot'}"
    return GOLDEN / f"department-{owner}.{what}.dot"


# ------------------------------------------------------------------------------------------------
# The plan


def test_every_journey_has_three_pictures_and_every_department_its_map(maps: Maps, diagrams: list[Diagram]) -> None:
    names = [d.name for d in diagrams]
    expected = [
        f"journeys/{j}/{k}"
        for j in sorted(maps.journeys)
        for k in ("flow", "blueprint", "curve", *(["compare"] if maps.journeys[j].state == "to-be" else []))
    ]
    expected += [f"departments/{d}/map" for d in maps.departments]
    expected += ["opportunities/chart"]
    assert names == expected
    assert "journeys/one-page-checkout/compare" in names  # the example's to-be journey, beside its as-is one
    for diagram in diagrams:
        assert diagram.page == "/".join(diagram.name.split("/")[:-1][:2]) + "/"
        assert diagram.title and diagram.description
        assert (diagram.dot is None) == diagram.name.endswith(SVG_DRAWN)
        assert (diagram.svg is not None) == diagram.name.endswith(SVG_DRAWN)


@pytest.mark.parametrize(
    "name",
    [
        *(
            f"journeys/{j}/{k}"
            for j in ("b2b-lead-nurturing", "mobile-activation", "one-page-checkout", "online-purchase")
            for k in ("flow", "blueprint", "curve")
        ),
        "journeys/one-page-checkout/compare",
        *(
            f"departments/{d}/map"
            for d in (
                "marketing",
                "sales",
                "ecommerce",
                "stores",
                "customer-service",
                "product",
                "billing",
                "it-operations",
                "logistics",
                "legal",
                "mobile-services",
            )
        ),
        "opportunities/chart",
    ],
)
def test_golden_sources(diagrams: list[Diagram], name: str) -> None:
    diagram = next(d for d in diagrams if d.name == name)
    source = diagram.dot if diagram.dot is not None else diagram.svg
    assert source is not None
    assert_golden(golden_path(name), source)


@pytest.mark.slow  # new interpreters, one per hash seed
def test_plan_is_deterministic_across_hash_seeds() -> None:
    code = (
        "import hashlib; from pathlib import Path; from journeymaps import validate; from journeymaps.diagrams "
        "import plan; "
        "print(hashlib.sha256(repr(plan(validate(Path('maps')).maps)).encode()).hexdigest())"
    )
    digests = {
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed},
                       capture_output=True, text=True, check=True).stdout
        for seed in ("1", "2", "3")
    }  # fmt: skip
    assert len(digests) == 1


# ------------------------------------------------------------------------------------------------
# The rendered SVG


def test_one_link_per_touchpoint_on_each_journey_picture(
    maps: Maps, diagrams: list[Diagram], svgs: dict[str, ET.Element]
) -> None:
    for diagram in diagrams:
        kind, owner, *rest = diagram.name.split("/")
        if kind != "journeys" or rest == ["compare"]:  # the as-is / to-be chart links stages (tests/test_tobe.py)
            continue
        counts = Counter(links_of(svgs[diagram.name], diagram.page))
        for _, touchpoint in maps.journeys[owner].touchpoints():
            assert counts[f"journeys/{owner}/{touchpoint.id}/"] == 1, (diagram.name, touchpoint.id)


def test_department_map_links_every_touchpoint_it_takes_part_in_once(
    maps: Maps, diagrams: list[Diagram], svgs: dict[str, ET.Element]
) -> None:
    for department_id in maps.departments:
        name = f"departments/{department_id}/map"
        counts = Counter(
            target for target in links_of(svgs[name], f"departments/{department_id}/") if target.count("/") == 3
        )
        involved = {f"journeys/{ref.address}/" for refs in maps.involvement(department_id).values() for ref in refs}
        assert involved, department_id
        assert set(counts) == involved
        assert set(counts.values()) == {1}


def test_every_link_leads_to_a_page_of_the_site(
    maps: Maps, diagrams: list[Diagram], svgs: dict[str, ET.Element]
) -> None:
    known = addresses(maps)
    for diagram in diagrams:
        targets = links_of(svgs[diagram.name], diagram.page)
        assert targets, diagram.name
        assert set(targets) <= known, (diagram.name, set(targets) - known)


def test_cross_journey_exits_link_to_the_other_journey(svgs: dict[str, ET.Element]) -> None:
    targets = links_of(svgs["journeys/online-purchase/flow"], "journeys/online-purchase/")
    assert "journeys/mobile-activation/sim-dispatch/" in targets
    assert "journeys/b2b-lead-nurturing/pricing-page/" in targets


def test_svg_is_ready_to_go_inline(diagrams: list[Diagram], svgs: dict[str, ET.Element]) -> None:
    by_page: dict[str, list[str]] = {}
    for diagram in diagrams:
        root = svgs[diagram.name]
        kind = diagram.name.rsplit("/", 1)[1]
        assert root.get("class") == f"jm-diagram jm-diagram--{kind}"
        assert root.get("width") == "100%" and root.get("height") is None and root.get("viewBox")
        title, desc = root[0], root[1]
        assert title.tag == f"{SVG}title" and title.text == diagram.title
        assert desc.tag == f"{SVG}desc" and desc.text == diagram.description
        assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        ids = [element.get("id") for element in root.iter() if element.get("id")]
        prefix = "jm-" + diagram.name.replace("/", "-") + "-"
        assert all(i.startswith(prefix) for i in ids), diagram.name
        # Links carry xlink:href only: Material's instant navigation throws on an SVG link's plain `href`.
        assert all(a.get("href") is None and a.get(XLINK_HREF) for a in root.iter(f"{SVG}a")), diagram.name
        by_page.setdefault(diagram.page, []).extend(ids)
    for page, ids in by_page.items():
        assert len(ids) == len(set(ids)), f"duplicate ids on {page}"


def test_text_alternative_names_every_touchpoint(maps: Maps, diagrams: list[Diagram]) -> None:
    for diagram in diagrams:
        kind, owner, *what = diagram.name.split("/")
        if kind == "journeys" and what == ["flow"]:
            for _, touchpoint in maps.journeys[owner].touchpoints():
                assert touchpoint.name in diagram.description


def test_stages_are_columns_in_order(svgs: dict[str, ET.Element], maps: Maps) -> None:
    """Every card of a stage lies left of every card of the next stage."""
    for journey_id, journey in maps.journeys.items():
        root = svgs[f"journeys/{journey_id}/flow"]
        spans = []
        for stage in journey.stages:
            xs = []
            for touchpoint in stage.touchpoints:
                node = next(e for e in root.iter(f"{SVG}g") if e.get("id", "").endswith(f"-flow-tp-{touchpoint.id}"))
                shapes = " ".join(
                    p.get("d", p.get("points", "")) for p in node.iter() if p.tag in (f"{SVG}path", f"{SVG}polygon")
                )
                xs += [float(x) for x in re.findall(r"(-?[\d.]+),-?[\d.]+", shapes)]
            spans.append((min(xs), max(xs)))
        for (_, right), (left, _) in itertools.pairwise(spans):
            assert right < left, journey_id


# ------------------------------------------------------------------------------------------------
# Look and small parts


def test_palette_is_distinct_and_text_contrasts(maps: Maps) -> None:
    colors = look.department_colors(maps)
    assert len(set(colors.values())) == len(colors)
    assert colors["ecommerce"] == "#00798c"  # a department's own colour wins
    severities = ("#c5221f", "#d55e00", "#b06000", "#f28b82", *SEVERITY_FILL.values())
    for color in look.PALETTE:  # a department never looks like a pain severity
        assert all(look.distance(color, severity) > 80 for severity in severities), color
    for first, second in itertools.combinations(look.PALETTE[:10], 2):  # nor like another department
        assert look.distance(first, second) > 90, (first, second)
    for color in look.PALETTE[:10]:  # a stripe of it shows on white and on the dark slate
        assert min(look.contrast(color, "#ffffff"), look.contrast(color, "#1e2129")) >= 2.9, color
    for color in [*look.PALETTE, *colors.values()]:
        assert look.contrast(color, look.text_on(color)) >= 4.5, color
    for background in ("#ffffff", "#1e2129"):
        assert look.contrast(look.INK, background) >= 3.5


def test_wrap_and_shorten() -> None:
    assert wrap("Instagram and Facebook carousel ad") == ["Instagram and Facebook", "carousel ad"]
    assert len(wrap("word " * 40)) == 3 and wrap("word " * 40)[-1].endswith("…")
    assert shorten("a b\nc", 10) == "a b c"
    assert shorten("The listing shows the item price without delivery", 20) == "The listing shows…"


def test_relative_links() -> None:
    assert relative("journeys/a/", "journeys/a/b/") == "b/"
    assert relative("journeys/a/", "journeys/c/d/") == "../c/d/"
    assert relative("journeys/a/", "departments/x/") == "../../departments/x/"
    assert relative("departments/x/", "journeys/a/b/") == "../../journeys/a/b/"
    with pytest.raises(ValueError):
        relative("journeys/a/", "journeys/javascript:alert(1)/")


def test_golden_files_are_portable() -> None:
    """Goldens hold no absolute paths or generator stamps, so they match on every machine."""
    for path in sorted(GOLDEN.glob("*")):
        text = path.read_text(encoding="utf-8")
        assert str(ROOT) not in text and "Generated by" not in text, path.name


def test_a_leads_to_naming_its_own_journey_stays_inside_it(make_maps) -> None:
    """`purchase/survey` inside journey `purchase` is an ordinary edge, not a 'continues in' card to itself."""
    from journeymaps.codes import BASE

    journey = BASE["journeys/purchase.yaml"].replace(
        "        owner: ecommerce\n", "        owner: ecommerce\n        leads_to: [purchase/survey]\n", 1
    )
    journey += (
        "  - id: after\n    name: After\n    touchpoints:\n      - id: survey\n        name: Survey\n        "
        "channel: email\n        owner: ecommerce\n"
    )
    result = validate(make_maps({"journeys/purchase.yaml": journey}))
    assert result.problems == []
    flow = next(d for d in plan(result.maps) if d.name == "journeys/purchase/flow")
    assert flow.dot is not None and "jm-d-exit" not in flow.dot
    ref = result.maps.touchpoint("purchase/checkout")
    assert ref is not None
    assert [(target.address, implied) for target, implied in result.maps.successors(ref)] == [
        ("purchase/survey", False)
    ]


# ------------------------------------------------------------------------------------------------
# The value/effort chart of the opportunities page


def test_chart_places_every_scored_opportunity_once_with_its_page_number(
    maps: Maps, svgs: dict[str, ET.Element]
) -> None:
    """Each point is one link to its touchpoint, numbered as the opportunities page numbers it, in its cell."""
    root = svgs["opportunities/chart"]
    numbered = list(enumerate(maps.opportunities(), 1))
    scored = {n: o for n, o in numbered if o.opportunity.value is not None and o.opportunity.effort is not None}
    unscored = [n for n, o in numbered if n not in scored]
    assert scored and unscored, "the example maps show both kinds"
    points = [a for a in root.iter(f"{SVG}a") if "jm-d-opportunity" in (a.get("class") or "")]
    assert len(points) == len(scored)
    cells: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for point in points:
        number = int("".join(t.text or "" for t in point.iter(f"{SVG}text")))
        ref = scored.pop(number)
        target = posixpath.normpath(posixpath.join("opportunities/", point.get(XLINK_HREF) or "")) + "/"
        assert target == f"journeys/{ref.where.address}/"
        assert f"jm-d-status-{ref.status}" in (point.get("class") or "")
        title = point.find(f"{SVG}title")
        assert title is not None and title.text and title.text.startswith(f"{number}. ")
        assert ref.where.touchpoint.name in title.text
        hit = point.find(f"{SVG}rect")
        assert hit is not None
        cells.setdefault((ref.opportunity.effort or 0, ref.opportunity.value or 0), []).append(
            (float(hit.get("x") or 0), float(hit.get("y") or 0))
        )
    assert not scored
    # Higher value is higher up, more effort further right; points sharing a cell never overlap.
    center = {cell: (min(x for x, _ in spots), min(y for _, y in spots)) for cell, spots in cells.items()}
    for (effort, value), (x, y) in center.items():
        for (other_effort, other_value), (ox, oy) in center.items():
            if effort < other_effort:
                assert x < ox
            if value > other_value:
                assert y < oy
    for spots in cells.values():
        assert len(set(spots)) == len(spots)


def test_chart_legend_shows_every_status_and_counts_what_it_leaves_out(maps: Maps, diagrams: list[Diagram]) -> None:
    from journeymaps.vocabulary import OPPORTUNITY_STATUS_LABEL

    chart = next(d for d in diagrams if d.name == "opportunities/chart")
    assert chart.svg is not None and chart.page == "opportunities/"
    root = ET.fromstring(chart.svg)
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    assert [label for label in OPPORTUNITY_STATUS_LABEL.values() if label in texts] == list(
        OPPORTUNITY_STATUS_LABEL.values()
    )
    for corner in ("Quick wins", "Big bets", "Fill-ins", "Time sinks"):
        assert corner in texts
    total = len(maps.opportunities())
    scored = sum(1 for o in maps.opportunities() if o.opportunity.value and o.opportunity.effort)
    assert f"{total - scored} of {total} opportunities have no value and effort yet:" in " ".join(texts)


def test_no_chart_without_a_scored_opportunity(make_maps) -> None:
    """Plain-text opportunities (version 1) have no scores: the page says so instead of drawing an empty grid."""
    from journeymaps.codes import BASE

    journey = BASE["journeys/purchase.yaml"] + "        opportunities: [Show the delivery date]\n"
    result = validate(make_maps({"journeys/purchase.yaml": journey}))
    assert result.problems == []
    assert "opportunities/chart" not in [d.name for d in plan(result.maps)]


def test_chart_shows_hostile_text_as_text(make_maps) -> None:
    """Opportunity text, touchpoint and department names reach the chart only as escaped tooltip text."""
    from journeymaps.codes import BASE

    evil = '<script>alert(1)</script> & "quotes" ]]> \\N'
    departments = BASE["departments.yaml"].replace("name: E-commerce", f"name: '{evil}'")
    journey = BASE["journeys/purchase.yaml"].replace("name: Checkout", f"name: '{evil}'") + (
        f"        opportunities:\n          - text: '{evil}'\n            value: 4\n            effort: 2\n"
    )
    result = validate(make_maps({"departments.yaml": departments, "journeys/purchase.yaml": journey}))
    assert result.errors == []
    svg = render([d for d in plan(result.maps) if d.name == "opportunities/chart"])["opportunities/chart"]
    root = ET.fromstring(svg)  # well-formed whatever the text
    assert "<script" not in svg
    assert not list(root.iter(f"{SVG}script"))
    title = next(a for a in root.iter(f"{SVG}a")).find(f"{SVG}title")
    assert title is not None and evil.replace("\\", "\u29f5") in (title.text or "")
