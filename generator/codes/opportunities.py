"""Problem codes JM501-JM519: opportunities with owner, status, value, effort, link and KPIs (issue 17)."""

from __future__ import annotations

from .examples import Code, E, W, _journey

_KPI = """\
kpis:
  - id: conversion
    name: Conversion rate
    unit: percent
    direction: up
    owner: ecommerce
"""


def _opportunities(*entries: str, kpis: bool = False) -> dict[str, str | None]:
    """The base journey whose checkout lists these opportunities (each a YAML list entry, continuation lines
    indented by two); with `kpis`, the checkout also measures a KPI 'conversion' that kpis.yaml defines."""
    listed = "".join("          - " + entry.replace("\n  ", "\n            ") + "\n" for entry in entries)
    measured = "        kpis: [conversion]\n" if kpis else ""
    files = _journey(
        "        owner: ecommerce\n", f"        owner: ecommerce\n{measured}        opportunities:\n{listed}"
    )
    return {**files, "kpis.yaml": _KPI} if kpis else files


CODES: tuple[Code, ...] = (
    Code(
        "JM501",
        "opportunity-unknown-field",
        E,
        "An opportunity written as a mapping has a field it does not know (it takes `text`, `id`, `owner`, "
        "`status`, `value`, `effort`, `link` and `kpis`); a close match is suggested. An opportunity written "
        "`- Idea: more stock` is read as a mapping too: quote text that contains ': '.",
        failing=_opportunities("text: Show the delivery date\n  staus: planned"),
        passing=_opportunities("text: Show the delivery date\n  status: planned"),
    ),
    Code(
        "JM502",
        "opportunity-unknown-status",
        E,
        "An opportunity's `status` is none of idea, planned, in-progress, done and dropped; a close match is "
        "suggested.",
        failing=_opportunities("text: Show the delivery date\n  status: in progres"),
        passing=_opportunities("text: Show the delivery date\n  status: in-progress"),
    ),
    Code(
        "JM503",
        "opportunity-unknown-owner",
        E,
        "An opportunity's `owner` is not a department of `departments.yaml`; a close match is suggested. Without "
        "`owner`, the touchpoint's owner owns it.",
        failing=_opportunities("text: Show the delivery date\n  owner: ecomerce"),
        passing=_opportunities("text: Show the delivery date\n  owner: ecommerce"),
    ),
    Code(
        "JM504",
        "opportunity-unknown-kpi",
        E,
        "An opportunity's `kpis` names a KPI that no journey and no `kpis.yaml` defines; a close match is suggested.",
        failing=_opportunities("text: Show the delivery date\n  kpis: [convertion]", kpis=True),
        passing=_opportunities("text: Show the delivery date\n  kpis: [conversion]", kpis=True),
    ),
    Code(
        "JM505",
        "duplicate-opportunity-id",
        E,
        "Two opportunities of one journey with the same `id` (ids are unique within their journey, across its "
        "touchpoints).",
        failing=_opportunities(
            "text: Show the delivery date\n  id: delivery-date", "text: Show the delivery cost\n  id: delivery-date"
        ),
        passing=_opportunities(
            "text: Show the delivery date\n  id: delivery-date", "text: Show the delivery cost\n  id: delivery-cost"
        ),
    ),
    Code(
        "JM506",
        "opportunity-score-out-of-range",
        E,
        "An opportunity's `value` or `effort` is not a whole number from 1 (little) to 5 (a lot).",
        failing=_opportunities("text: Show the delivery date\n  value: 8\n  effort: 2"),
        passing=_opportunities("text: Show the delivery date\n  value: 5\n  effort: 2"),
    ),
    Code(
        "JM507",
        "opportunity-link-not-https",
        E,
        "An opportunity's `link` is not an https URL with a host (the address of its work item in a tracker).",
        failing=_opportunities("text: Show the delivery date\n  link: http://tracker.example.com/CX-123"),
        passing=_opportunities("text: Show the delivery date\n  link: https://tracker.example.com/CX-123"),
    ),
    Code(
        "JM508",
        "duplicate-opportunity",
        W,
        "A touchpoint lists the same opportunity text twice: once is enough, and a pull-request comment could not "
        "tell which of the two changed.",
        failing=_opportunities("Show the delivery date", "text: Show the delivery date\n  status: planned"),
        passing=_opportunities("text: Show the delivery date\n  status: planned"),
    ),
)
