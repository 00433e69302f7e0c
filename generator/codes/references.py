"""Problem codes JM2xx: references and uniqueness across files."""

from __future__ import annotations

from .examples import _JOURNEY, _TWO_TOUCHPOINTS, Code, E, _edited, _journey

CODES: tuple[Code, ...] = (
    # References and uniqueness: across files.
    Code(
        "JM201",
        "duplicate-id",
        E,
        "A department, persona, journey or KPI id that is already used elsewhere in the maps.",
        failing={"journeys/b2b/purchase.yaml": _JOURNEY.replace("checkout", "quote")},
    ),
    Code(
        "JM202",
        "duplicate-stage",
        E,
        "Two stages of one journey with the same id.",
        failing={
            "journeys/purchase.yaml": _JOURNEY
            + _JOURNEY[_JOURNEY.index("  - id: buy") :].replace("checkout", "payment")
        },
    ),
    Code(
        "JM203",
        "duplicate-touchpoint",
        E,
        "Two touchpoints of one journey with the same id.",
        failing={"journeys/purchase.yaml": _TWO_TOUCHPOINTS.replace("id: confirmation-email", "id: checkout")},
    ),
    Code(
        "JM204",
        "unknown-department",
        E,
        "An owner, responsible, consulted or informed department (of a journey, touchpoint or KPI) that "
        "`departments.yaml` does not define; a close match is suggested.",
        failing=_journey("        owner: ecommerce", "        owner: ecomerce"),
    ),
    Code(
        "JM205",
        "unknown-persona",
        E,
        "A journey's persona that has no file under `personas/`.",
        failing=_journey("persona: shopper", "persona: shoper"),
    ),
    Code(
        "JM206",
        "unknown-kpi",
        E,
        "A touchpoint's KPI that no journey and no `kpis.yaml` defines.",
        failing=_journey("        owner: ecommerce\n", "        owner: ecommerce\n        kpis: [convertion]\n"),
    ),
    Code(
        "JM207",
        "unknown-touchpoint",
        E,
        "A `leads_to` entry naming a touchpoint that its journey does not have. Not judged while that journey has a "
        "duplicate touchpoint id (JM203): the copy may be the touchpoint meant.",
        failing=_journey("        owner: ecommerce\n", "        owner: ecommerce\n        leads_to: [confirmation]\n"),
    ),
    Code(
        "JM208",
        "unknown-journey",
        E,
        "A `leads_to` entry `<journey>/<touchpoint>` naming a journey that does not exist.",
        failing=_journey("        owner: ecommerce\n", "        owner: ecommerce\n        leads_to: [returns/label]\n"),
    ),
    Code(
        "JM209",
        "current-without-date",
        E,
        "A KPI with a `current` value but no `as_of` date: readers must know how fresh a figure is. An `as_of` that "
        "is given but not a real date is JM106 alone.",
        failing={
            "kpis.yaml": """\
kpis:
  - id: nps
    name: Net promoter score
    unit: score
    direction: up
    current: 31
    owner: ecommerce
"""
        },
        passing={
            "kpis.yaml": """\
kpis:
  - id: nps
    name: Net promoter score
    unit: score
    direction: up
    current: 31
    as_of: 2026-10-31
    owner: ecommerce
""",
            "journeys/purchase.yaml": _edited(
                "        owner: ecommerce\n", "        owner: ecommerce\n        kpis: [nps]\n"
            ),
        },
    ),
)
