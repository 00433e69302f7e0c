"""A key per generated page from exactly what its template reads, so that a rebuild regenerates only what an edit
reaches (issue 15). No MkDocs here.

Touchpoint and journey pages are most of a site, and each shows little beyond its own journey:

- everything: the departments, personas and KPIs (names, contacts, status), the settings and site options, the
  packaged templates' text, today's date, the history (by commit and what it says) and the journeys' reviews;
- a touchpoint page: its journey, its line in the file (the edit link), and the journeys of the touchpoints it
  comes from and leads to (their names, addresses and journey titles);
- a journey page: its journey, its diagrams' SVG, the journeys connected to it by `leads_to` either way (its
  handoffs), its as-is or to-be counterparts, and who else uses its KPIs (address and name of each touchpoint).

Every other page (home, the lists, departments, personas, channels, the overviews) reads the whole maps and is
always regenerated. A team's own `templates_dir` may read anything from any page: then no page is keyed. A
value that cannot be fingerprinted (pickled) makes that page unkeyed too: a miss is always safe, a false hit never.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from . import addresses
from .fingerprint import fingerprint
from .model import Journey, TouchpointRef
from .siteview import Site
from .templating import packaged_templates


def template_texts(folder: Path) -> list[tuple[str, bytes]]:
    """Every file under the templates folder with its bytes: an edited template changes every key."""
    return [(p.relative_to(folder).as_posix(), p.read_bytes()) for p in sorted(folder.rglob("*")) if p.is_file()]


class PageKeys:
    """The keys of one build's touchpoint and journey pages; None everywhere when pages cannot be keyed."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self._journeys: dict[str, str | None] = {}
        self.common: str | None = None
        if site.options.templates_dir is None:
            history = [(getattr(e, "sha", None), repr(e)) for e in site.history]
            maps = site.maps
            self.common = fingerprint(
                maps.departments, maps.personas, maps.kpis, site.settings, site.options, site.today, history,
                dict(site.reviews), template_texts(packaged_templates()), list(maps.journeys),
            )  # fmt: skip

    def journey_print(self, journey: Journey) -> str | None:
        """The journey's fingerprint (its id and file are private attributes: pickled with it), once per build."""
        if journey.id not in self._journeys:
            self._journeys[journey.id] = fingerprint(journey.id, journey.source, journey)
        return self._journeys[journey.id]

    def _of(self, kind: str, prints: Iterable[str | None], parts: Iterable[Any]) -> str | None:
        """The key of a page from fingerprints (None: cannot be keyed) and plain values."""
        prints = [self.common, *prints]
        return None if any(p is None for p in prints) else fingerprint([kind, prints, *parts])

    def touchpoint(self, ref: TouchpointRef, edit_url: str | None) -> str | None:
        neighbours = [*self.site.prev(ref), *self.site.next(ref)]
        prints = [self.journey_print(ref.journey), *(self.journey_print(r.journey) for r in neighbours)]
        line = self.site.lines.get(ref.address)
        return self._of("touchpoint", prints, [ref.address, line, edit_url, [r.address for r in neighbours]])

    def journey(self, journey: Journey, edit_url: str | None) -> str | None:
        site, maps = self.site, self.site.maps
        related = {journey.compares_to} if journey.compares_to else set()
        related |= {j.id for j in site.to_be_of(journey)}
        related |= {ref.journey.id for ref, _ in maps.leads_into(journey.id)}
        refs = site.journey_refs(journey)
        related |= {target.journey.id for ref in refs for target in site.next(ref)}
        related |= {r.journey.id for ref in refs for r in site.prev(ref)}
        others = [j for j in sorted(related) if j in maps.journeys]
        users = [
            (k.id, [(r.address, r.touchpoint.name) for r in site.kpi_users(k.id)]) for k in site.journey_kpis(journey)
        ]
        prefix = addresses.journey(journey.id)
        svgs = sorted((name, svg) for name, svg in site.svgs.items() if name.startswith(prefix))
        prints = [self.journey_print(journey), *(self.journey_print(maps.journeys[j]) for j in others)]
        return self._of("journey", prints, [journey.id, edit_url, others, users, svgs])
