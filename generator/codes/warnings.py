"""Problem codes JM3xx: valid, but probably not meant."""

from __future__ import annotations

from .examples import _JOURNEY, _TWO_STAGES, BASE, Code, W

CODES: tuple[Code, ...] = (
    # Warnings: valid, but probably not meant.
    Code(
        "JM301",
        "empty-stage",
        W,
        "A stage without touchpoints.",
        failing={"journeys/purchase.yaml": _JOURNEY + "  - id: advocacy\n    name: Advocacy\n"},
    ),
    Code(
        "JM302",
        "unused-kpi",
        W,
        "A KPI that no touchpoint lists.",
        failing={
            "kpis.yaml": """\
kpis:
  - id: nps
    name: Net promoter score
    unit: score
    direction: up
    owner: ecommerce
"""
        },
    ),
    Code(
        "JM303",
        "idle-department",
        W,
        "A department that owns no touchpoint, journey, KPI or opportunity. Not reported while a department reference "
        "is unknown (JM204, JM503): the typo may be the reference meant for it.",
        failing={"departments.yaml": BASE["departments.yaml"] + "  - id: legal\n    name: Legal\n"},
    ),
    Code(
        "JM304",
        "unreachable-touchpoint",
        W,
        "A touchpoint after the first stage that nothing leads to: no `leads_to` names it, and it "
        "is not the first touchpoint of a stage that a touchpoint without `leads_to` flows into (a touchpoint "
        "without `leads_to` "
        "leads to the first touchpoint of the next stage, as the journey diagram draws it).",
        failing={
            "journeys/purchase.yaml": _TWO_STAGES.replace(
                "leads_to: [confirmation-email, survey]", "leads_to: [survey]"
            )
        },
        passing={"journeys/purchase.yaml": _TWO_STAGES},
    ),
)
