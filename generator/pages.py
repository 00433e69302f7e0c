"""The site's pages: valid maps (and their rendered diagrams) in, Markdown pages out. No MkDocs here.

Every page is a Markdown file produced by a Jinja template (autoescaped; `templating`) over the view
model (`siteview.Site`). Map data reaches templates only as variables; free text goes through
`text.inline_markdown`, names through `text.plain`, and the parts built from them are raw HTML blocks
that any Markdown pass leaves as they are. Headings stay Markdown so that the table of contents,
anchors and search sections work. Addresses follow the contract (`addresses`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import addresses, freshness, review
from .model import Maps
from .pagekeys import PageKeys, fingerprint
from .reuse import Reuse
from .review import FileDates
from .settings import Settings
from .siteview import Change, Site, SiteOptions, touchpoint_lines
from .templating import environment, template_files
from .text import title_text
from .vocabulary import ROLES

NAV_SECTIONS = (
    "Journeys", "Departments", "Personas", "Ownership", "KPIs", "Pain points", "Opportunities", "Channels",
    "Recent changes",
)  # fmt: skip
NAV_LIMIT = 36
"""A navigation section with more pages than this lists only its index page (issue 15): every page of the
site repeats the navigation, so a page's size would otherwise grow with the number of journeys or departments."""


@dataclass(frozen=True)
class Page:
    """One generated page: where it goes, its title and its Markdown.

    The Markdown is held once, as UTF-8 (`source`): a page with one character beyond Latin-1 (a `●`) is a
    2-byte-per-character `str`, and the site's pages come to 256 M characters at 10,000 touchpoints (issue 15).
    `content` and `body` decode it when asked.
    """

    uri: str
    """Source path as MkDocs sees it, e.g. 'journeys/online-purchase/index.md'."""
    title: str
    """The plain title (unescaped)."""
    source: bytes
    """The page's Markdown with its front matter, in UTF-8."""
    section: str | None = None
    """Navigation section it is listed in ('' for the top level); None keeps it out of the navigation."""
    edit_url: str | None = None
    """Where its YAML can be edited, when the site has a repository URL."""
    meta: dict[str, Any] = field(default_factory=dict)
    """What its front matter says; the plugin hands this to MkDocs itself instead of letting it parse YAML."""
    body_start: int = 0
    """Where the Markdown after the front matter begins in `source` (a byte offset)."""

    @classmethod
    def of(
        cls, uri: str, title: str, body: str, section: str | None = None, edit_url: str | None = None,
        meta: dict[str, Any] | None = None,
    ) -> Page:  # fmt: skip
        """The page whose Markdown is `body` under the front matter of `meta` (none without `meta`)."""
        head = front_matter(meta).encode("utf-8") if meta else b""
        return cls(uri, title, head + body.encode("utf-8"), section, edit_url, meta or {}, len(head))

    @property
    def content(self) -> str:
        """The whole Markdown file: front matter and body."""
        return self.source.decode("utf-8")

    @property
    def body(self) -> str:
        """`content` without the front matter."""
        return self.source[self.body_start :].decode("utf-8")

    @property
    def url(self) -> str:
        return addresses.page_url(self.uri)


def page_meta(
    title: str, tags: list[str] | None = None, boost: float | None = None, hide: list[str] | None = None
) -> dict[str, Any]:
    """A page's metadata (what its front matter says): the title and tags escaped as themes print them raw."""
    meta: dict[str, Any] = {"title": title_text(title)}
    if hide:
        meta["hide"] = list(hide)
    if tags:
        meta["tags"] = [title_text(t) for t in dict.fromkeys(tags)]
    if boost:
        meta["search"] = {"boost": boost}
    return meta


def _yaml_string(text: str) -> str:
    """A YAML double-quoted scalar in printable ASCII only, so that every YAML reader takes it as written.

    Anything else is an escape (`\\uXXXX`, `\\UXXXXXXXX`): characters a reader refuses in raw text
    (U+FFFE, U+FFFF, controls) or reads as line breaks (U+0085, U+2028) never appear in the file. A
    front matter that failed to parse would be kept as page text, and rendered as Markdown.
    """
    out = ['"']
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif 0x20 <= code < 0x7F:
            out.append(char)
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04X}")
        else:
            out.append(f"\\U{code:08X}")
    out.append('"')
    return "".join(out)


def front_matter(meta: dict[str, Any]) -> str:
    """`meta` as a YAML front matter block whose every value is an ASCII-only quoted string or a number."""
    lines = ["---", f"title: {_yaml_string(meta['title'])}"]
    if meta.get("hide"):
        lines.append("hide: [" + ", ".join(_yaml_string(h) for h in meta["hide"]) + "]")
    if meta.get("tags"):
        lines.append("tags:")
        lines.extend(f"  - {_yaml_string(t)}" for t in meta["tags"])
    if meta.get("search"):
        lines.append(f"search:\n  boost: {meta['search']['boost']:g}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


class _Renderer:
    def __init__(self, site: Site) -> None:
        self.site = site
        kept = site.reuse.environments
        files = (site.options, template_files(site.options))
        if files not in kept:  # compiled templates kept across `serve`'s rebuilds while no template file changed
            kept.clear()
            kept[files] = environment(site.options, site.reuse.markdown)
        self.env = kept[files]
        self.pages: list[Page] = []
        self.keys = PageKeys(site)

    def add(
        self, uri: str, template: str, title: str, section: str | None, *,
        tags: list[str] | None = None, boost: float | None = None, edit_url: str | None = None,
        hide: list[str] | None = None, key: str | None = None, **context: Any,
    ) -> None:  # fmt: skip
        """Render a page, or take the one the last build made where its `key` (`pagekeys`) is the same."""
        if key is not None:
            key = fingerprint(key, uri, template, title, section, tags, boost, edit_url, hide)
        reuse = self.site.reuse
        found = None if key is None else reuse.pages_now.get(key) or reuse.pages.get(key)
        if found is None:
            url = addresses.page_url(uri)
            body = self.env.get_template(template).render(
                site=self.site, maps=self.site.maps, page_url=url, title=title, edit_url=edit_url, **context
            )
            found = Page.of(uri, title, body, section, edit_url, page_meta(title, tags, boost, hide))
        if key is not None:
            reuse.pages_now[key] = found
        self.pages.append(found)


def build_pages(
    maps: Maps, settings: Settings | None = None, svgs: dict[str, str] | None = None,
    options: SiteOptions | None = None, maps_dir: Path | None = None, history: Sequence[Change] = (),
    dates: FileDates | None = None, today: dt.date | None = None, reuse: Reuse | None = None,
) -> list[Page]:  # fmt: skip
    """Every page of the site, in navigation order. Pure apart from reading the journey files for line numbers.

    `history` is the maps' recent changes, newest first (`history.for_site`; empty where there is no git);
    `dates` when each file last changed in git (`history.file_dates`), for the review dates of journeys without
    `reviewed:`; `today` defaults to `freshness.today()` (SOURCE_DATE_EPOCH's date when set). `reuse` holds
    what the previous build made (`serve` keeps it); it is handed on with this build's.
    """
    settings = settings or Settings()
    options = options or SiteOptions()
    today = today or freshness.today()
    reviews = review.reviews(maps, dates or FileDates(), today, settings.stale_after_days)
    site = Site(maps, settings, svgs or {}, options, history=history, reviews=reviews, reuse=reuse or Reuse())
    kept, site.reuse.lines = site.reuse.lines, {}
    for journey in maps.journeys.values():
        site.lines.update(touchpoint_lines(maps_dir, journey, settings, kept, site.reuse.lines))
    for ref in maps.touchpoints():
        for target in site.next(ref):
            site.previous.setdefault(target.address, []).append(ref)

    r = _Renderer(site)
    r.add(options.home, "home.md.j2", "Customer journeys" if options.home == "index.md" else "Overview", "", boost=None)
    r.add(addresses.source(addresses.JOURNEYS, folder=True), "journeys.md.j2", "All journeys", "Journeys", hide=["toc"])
    for journey in maps.journeys.values():
        owner = maps.departments[journey.owner].name if journey.owner in maps.departments else journey.owner
        edit_url = site.edit_url(journey.source, 1)
        r.add(
            addresses.source(addresses.journey(journey.id), folder=True),
            "journey.md.j2",
            journey.title,
            "Journeys",
            hide=["navigation"],
            tags=[owner, *journey.tags],
            edit_url=edit_url,
            key=r.keys.journey(journey, edit_url),
            journey=journey,
        )
    r.add(
        addresses.source(addresses.DEPARTMENTS, folder=True),
        "departments.md.j2",
        "All departments",
        "Departments",
        hide=["toc"],
    )
    for department in maps.departments.values():
        r.add(
            addresses.source(addresses.department(department.id)),
            "department.md.j2",
            department.name,
            "Departments",
            tags=[department.name],
            boost=2,
            department=department,
        )
    r.add(addresses.source(addresses.PERSONAS, folder=True), "personas.md.j2", "All personas", "Personas", hide=["toc"])
    for persona in maps.personas.values():
        r.add(
            addresses.source(addresses.persona(persona.id)), "persona.md.j2", persona.name, "Personas", persona=persona
        )
    wide = ["navigation", "toc"]
    r.add(addresses.source(addresses.OWNERSHIP), "ownership.md.j2", "Ownership matrix", "Ownership", hide=wide)
    r.add(addresses.source(addresses.KPIS), "kpis.md.j2", "KPIs", "KPIs", hide=wide)
    r.add(
        addresses.source(addresses.PAIN_POINTS), "pain-points.md.j2", "Pain points", "Pain points", boost=1.5, hide=wide
    )
    r.add(
        addresses.source(addresses.OPPORTUNITIES),
        "opportunities.md.j2",
        "Opportunities",
        "Opportunities",
        boost=1.5,
        hide=wide,
    )
    r.add(addresses.source(addresses.CHANNELS, folder=True), "channels.md.j2", "Channels", "Channels", hide=["toc"])
    for channel, refs in site.channels().items():
        r.add(
            addresses.source(addresses.channel(channel)),
            "channel.md.j2",
            site.channel_name(channel),
            None,
            tags=[site.channel_name(channel)],
            hide=["toc"],
            channel=channel,
            refs=refs,
        )
    if site.history:
        r.add(addresses.source(addresses.CHANGES), "changes.md.j2", "Recent changes", "Recent changes", hide=["toc"])
    for ref in maps.touchpoints():
        tp = ref.touchpoint
        names = [maps.departments[d].name for role in ROLES for d in tp.roles()[role] if d in maps.departments]
        edit_url = site.edit_url(ref.journey.source, site.lines.get(ref.address))
        r.add(
            addresses.source(addresses.touchpoint(ref.address)),
            "touchpoint.md.j2",
            tp.name,
            None,
            tags=[*names, site.channel_name(tp.channel)],
            boost=2,
            edit_url=edit_url,
            key=r.keys.touchpoint(ref, edit_url),
            ref=ref,
        )
    site.reuse.next_build()
    return r.pages
