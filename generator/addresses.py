"""The site's addresses, as the contract fixes them, and the relative links between them.

Directory URLs: `journeys/<id>/`, `journeys/<journey-id>/<touchpoint-id>/`, `personas/<id>/`,
`departments/<id>/`, `channels/<channel>/`, `ownership/`, `kpis/`, `pain-points/`, `opportunities/`,
`channels/`, `changes/`, the index pages `journeys/`, `departments/`, `personas/`, and the home '' (the site
root). Every address ends in '/' (the root is ''); links between pages are relative, so the site works under
any base path. Diagram names (`journeys/<id>/flow`, `departments/<id>/map`, `opportunities/chart`) are built
here too.
"""

from __future__ import annotations

JOURNEYS = "journeys/"
DEPARTMENTS = "departments/"
PERSONAS = "personas/"
OWNERSHIP = "ownership/"
KPIS = "kpis/"
PAIN_POINTS = "pain-points/"
OPPORTUNITIES = "opportunities/"
CHANNELS = "channels/"
CHANGES = "changes/"

JOURNEY_DIAGRAMS = ("flow", "blueprint", "curve")
"""The diagrams of each journey page, in page order."""
DEPARTMENT_DIAGRAM = "map"
OPPORTUNITY_CHART = f"{OPPORTUNITIES}chart"
"""The value/effort chart of the opportunities page: its diagram name."""
COMPARE_DIAGRAM = "compare"
"""The as-is / to-be chart, on to-be journey pages only (`journeys/<id>/compare`)."""


def journey(journey_id: str) -> str:
    return f"{JOURNEYS}{journey_id}/"


def touchpoint(address: str) -> str:
    """The page of a touchpoint from its `<journey-id>/<touchpoint-id>` address."""
    return f"{JOURNEYS}{address}/"


def department(department_id: str) -> str:
    return f"{DEPARTMENTS}{department_id}/"


def persona(persona_id: str) -> str:
    return f"{PERSONAS}{persona_id}/"


def channel(name: str) -> str:
    return f"{CHANNELS}{name}/"


def source(url: str, *, folder: bool = False) -> str:
    """The Markdown file MkDocs serves at `url`: 'kpis/' -> 'kpis.md'; with `folder`, 'journeys/a/index.md'.

    A page with pages below it (a journey, an index) is a folder's index.md; the others are plain files.
    """
    return f"{url}index.md" if folder or not url else f"{url[:-1]}.md"


def page_url(uri: str) -> str:
    """The inverse of `source`: 'a/index.md' -> 'a/', 'a/b.md' -> 'a/b/', 'index.md' -> ''."""
    stem = uri[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` to `to_url` (both addresses; a '#fragment' is kept): never absolute."""
    if "#" in to_url:
        to_url, _, fragment = to_url.partition("#")
        return relative(from_url, to_url) + "#" + fragment
    if to_url == from_url:
        return "./"
    # posixpath.relpath for addresses (no '.', '..', '//'), without its abspath calls: pages have hundreds of links
    source, target = [p for p in from_url.split("/") if p], [p for p in to_url.split("/") if p]
    common = 0
    for a, b in zip(source, target, strict=False):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(source) - common) + target[common:]
    return "/".join(parts) + "/" if parts else "./"


def journey_diagram(journey_id: str, kind: str) -> str:
    """'journeys/<id>/<kind>' (`JOURNEY_DIAGRAMS`, `COMPARE_DIAGRAM`): the diagram's name, cache key, SVG id prefix."""
    return f"{journey(journey_id)}{kind}"


def department_diagram(department_id: str) -> str:
    """'departments/<id>/map'."""
    return f"{department(department_id)}{DEPARTMENT_DIAGRAM}"
