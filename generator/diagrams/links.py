"""Relative links from the page a diagram is embedded in to the contract's addresses.

Relative so the site works under any base path. Built only from validated ids (kebab-case), never
from free text: Graphviz copies URLs into the SVG without escaping them.
"""

from __future__ import annotations

import re

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _safe(*ids: str) -> None:
    for value in ids:
        if not _ID.fullmatch(value):
            raise ValueError(f"refusing to build a link from {value!r}: not a kebab-case id")


def journey_page(journey_id: str) -> str:
    """The page of a journey: the diagrams of journey pages and department pages sit there."""
    _safe(journey_id)
    return f"journeys/{journey_id}/"


def department_page(department_id: str) -> str:
    _safe(department_id)
    return f"departments/{department_id}/"


def relative(from_page: str, to_page: str) -> str:
    """`to_page` as seen from `from_page`, both site addresses ending in '/'; never absolute, never a scheme."""
    here = [p for p in from_page.split("/") if p]
    there = [p for p in to_page.split("/") if p]
    _safe(*here, *there)
    common = 0
    while common < min(len(here), len(there)) and here[common] == there[common]:
        common += 1
    parts = [".."] * (len(here) - common) + there[common:]
    return "/".join(parts) + "/" if parts else "./"


def to_touchpoint(from_page: str, journey_id: str, touchpoint_id: str) -> str:
    return relative(from_page, f"journeys/{journey_id}/{touchpoint_id}/")


def to_journey(from_page: str, journey_id: str) -> str:
    return relative(from_page, journey_page(journey_id))


def to_department(from_page: str, department_id: str) -> str:
    return relative(from_page, department_page(department_id))
