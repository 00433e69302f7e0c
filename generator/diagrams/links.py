"""Links inside diagrams: the site's addresses (`addresses`), checked to be built from ids only.

Built only from validated ids (kebab-case), never from free text: Graphviz copies URLs into the SVG
without escaping them, so anything else is refused here rather than trusted.
"""

from __future__ import annotations

import re

from .. import addresses

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _safe(*ids: str) -> None:
    for value in ids:
        if not _ID.fullmatch(value):
            raise ValueError(f"refusing to build a link from {value!r}: not a kebab-case id")


def journey_page(journey_id: str) -> str:
    """The page of a journey: the diagrams of journey pages and department pages sit there."""
    _safe(journey_id)
    return addresses.journey(journey_id)


def department_page(department_id: str) -> str:
    _safe(department_id)
    return addresses.department(department_id)


def relative(from_page: str, to_page: str) -> str:
    """`to_page` as seen from `from_page`, both site addresses ending in '/'; never absolute, never a scheme."""
    _safe(*(p for p in from_page.split("/") if p), *(p for p in to_page.split("/") if p))
    return addresses.relative(from_page, to_page)


def to_touchpoint(from_page: str, journey_id: str, touchpoint_id: str) -> str:
    return relative(from_page, addresses.touchpoint(f"{journey_id}/{touchpoint_id}"))


def to_journey(from_page: str, journey_id: str) -> str:
    return relative(from_page, journey_page(journey_id))


def to_department(from_page: str, department_id: str) -> str:
    return relative(from_page, department_page(department_id))
