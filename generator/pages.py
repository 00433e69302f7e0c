"""The site's pages: valid maps (and their rendered diagrams) in, Markdown pages out. No MkDocs here.

Every page is a Markdown file produced by a Jinja template (autoescaped). Map data reaches templates
only as variables; free text goes through `text.inline_markdown`, names through `text.plain`, and
the parts built from them are raw HTML blocks that any Markdown pass leaves as they are. Headings
stay Markdown so that the table of contents, anchors and search sections work.

Addresses follow the contract (directory URLs): `journeys/<id>/`, `journeys/<id>/<touchpoint>/`,
`personas/<id>/`, `departments/<id>/`, `ownership/`, `kpis/`, `pain-points/`, `channels/`,
`channels/<channel>/`, plus index pages `journeys/`, `departments/`, `personas/` and the home `/`.
"""

from __future__ import annotations

import posixpath
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from markupsafe import Markup, escape

from . import diagrams as diagrams_module
from . import yamlread
from .atomic import swap_in
from .diagrams.look import department_colors
from .history import HistoryEntry, by_journey
from .model import Department, Journey, Kpi, Maps, TouchpointRef, format_figure
from .settings import Settings
from .text import inline_markdown, neutralise_html, plain, plural, title_text

ROLES = ("owner", "responsible", "consulted", "informed")
ROLE_LETTER = {"owner": "A", "responsible": "R", "consulted": "C", "informed": "I"}
ROLE_NAME = {
    "owner": "Accountable (owner)",
    "responsible": "Responsible",
    "consulted": "Consulted",
    "informed": "Informed",
}
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
STATUS_ORDER = {"missed": 0, "at-risk": 1, "unknown": 2, "met": 3}
STATUS_LABEL = {"met": "Met", "at-risk": "At risk", "missed": "Missed", "unknown": "No data"}
EMOTION = {
    -2: ("😣", "frustrated"),
    -1: ("🙁", "unhappy"),
    0: ("😐", "neutral"),
    1: ("🙂", "pleased"),
    2: ("😀", "delighted"),
}
DEFAULT_CACHE = Path(".cache/journeymaps/diagrams")
ASSETS = ("assets/journeymaps/journeymaps.css", "assets/journeymaps/journeymaps.js")
NAV_SECTIONS = ("Journeys", "Departments", "Personas", "Ownership", "KPIs", "Pain points", "Channels", "Recent changes")


@dataclass(frozen=True)
class Page:
    """One generated page: where it goes, its title and its Markdown."""

    uri: str
    """Source path as MkDocs sees it, e.g. 'journeys/online-purchase/index.md'."""
    title: str
    """The plain title (unescaped)."""
    content: str
    section: str | None = None
    """Navigation section it is listed in ('' for the top level); None keeps it out of the navigation."""
    edit_url: str | None = None
    """Where its YAML can be edited, when the site has a repository URL."""
    meta: dict[str, Any] = field(default_factory=dict)
    """What its front matter says; the plugin hands this to MkDocs itself instead of letting it parse YAML."""
    body: str = ""
    """`content` without the front matter."""

    @property
    def url(self) -> str:
        return page_url(self.uri)


@dataclass(frozen=True)
class SiteOptions:
    """What a site tells the page generator besides the maps."""

    templates_dir: Path | None = None
    """A team's own templates; each overrides the packaged template of the same name."""
    edit_base: str | None = None
    """URL prefix to which a map file's path from the repository root is appended to edit it."""
    maps_path: str = "maps"
    """The maps directory as a path from the repository root (for edit links)."""
    home: str = "index.md"
    """Where the generated home page goes ('overview.md' when the team has its own index.md)."""


def page_url(uri: str) -> str:
    """'a/index.md' -> 'a/', 'a/b.md' -> 'a/b/', 'index.md' -> ''."""
    stem = uri[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` to `to_url` (both directory URLs, '' for the root)."""
    if "#" in to_url:
        to_url, _, fragment = to_url.partition("#")
        return relative(from_url, to_url) + "#" + fragment
    rel = posixpath.relpath("/" + to_url, "/" + from_url) if to_url != from_url else "."
    return rel + "/" if not rel.endswith("/") else rel


def journey_url(journey_id: str) -> str:
    return f"journeys/{journey_id}/"


def touchpoint_url(address: str) -> str:
    return f"journeys/{address}/"


def department_url(department_id: str) -> str:
    return f"departments/{department_id}/"


def persona_url(persona_id: str) -> str:
    return f"personas/{persona_id}/"


def channel_url(channel: str) -> str:
    return f"channels/{channel}/"


# ----------------------------------------------------------------------------------------------
# Diagrams


def render_diagrams(
    maps: Maps,
    cache_dir: Path | None = DEFAULT_CACHE,
    progress: Callable[[int, int], None] | None = None,
    jobs: int | None = None,
    timeout: float = 60.0,
) -> dict[str, str]:
    """Every diagram of the site as SVG, keyed by name (empty while the diagrams are not available)."""
    try:
        planned = diagrams_module.plan(maps)
    except NotImplementedError:
        return {}
    return diagrams_module.render(planned, cache_dir=cache_dir, jobs=jobs, progress=progress, timeout=timeout)


def inline_svg(svg: str | None) -> Markup:
    """SVG from the diagrams stage, ready to sit inside a raw HTML block of a Markdown page."""
    if not svg:
        return Markup("")
    start = svg.find("<svg")
    body = svg[start:] if start >= 0 else svg
    while "<!--" in body:
        begin = body.find("<!--")
        end = body.find("-->", begin)
        body = body[:begin] + (body[end + 3 :] if end >= 0 else "")
    lines = [line for line in body.splitlines() if line.strip()]  # a blank line would end the HTML block
    return Markup(neutralise_html("\n".join(lines)))


# ----------------------------------------------------------------------------------------------
# Figures and formatting


def sparkline(kpi: Kpi, width: int = 96, height: int = 24) -> Markup:
    """A small inline SVG of the KPI's history (and current value), with the target as a dashed line."""
    points = [(p.date.isoformat(), p.value) for p in kpi.history]
    if kpi.current is not None and kpi.as_of is not None and (not points or points[-1][0] < kpi.as_of.isoformat()):
        points.append((kpi.as_of.isoformat(), kpi.current))
    if len(points) < 2:
        return Markup('<span class="jm-spark-none">–</span>')
    values = [v for _, v in points] + ([kpi.target] if kpi.target is not None else [])
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    pad = 3
    step = (width - 2 * pad) / (len(points) - 1)

    def y(value: float) -> float:
        return round(height - pad - (value - low) / span * (height - 2 * pad), 1)

    coords = [(round(pad + i * step, 1), y(v)) for i, (_, v) in enumerate(points)]
    path = " ".join(f"{x},{yy}" for x, yy in coords)
    first, last = points[0], points[-1]
    label = f"Trend from {first[1]:g} ({first[0]}) to {last[1]:g} ({last[0]})"
    target = ""
    if kpi.target is not None:
        ty = y(kpi.target)
        target = f'<line class="jm-spark-target" x1="0" x2="{width}" y1="{ty}" y2="{ty}"/>'
    lx, ly = coords[-1]
    return Markup(
        f'<svg class="jm-spark" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
        f"<title>{escape(label)}</title>{target}"
        f'<polyline points="{path}"/><circle cx="{lx}" cy="{ly}" r="2.5"/></svg>'
    )


def contact_html(contact: str | None) -> Markup:
    """An e-mail address or https URL as a link; a chat channel as text."""
    if not contact:
        return Markup('<span class="jm-muted">–</span>')
    if contact.startswith("https://"):
        return Markup(neutralise_html(str(Markup('<a href="{0}">{1}</a>').format(contact, contact))))
    if "@" in contact and not contact.startswith("@"):
        return Markup(neutralise_html(str(Markup('<a href="mailto:{0}">{1}</a>').format(contact, contact))))
    return Markup("<code>{0}</code>").format(plain(contact))


# ----------------------------------------------------------------------------------------------
# The site model handed to templates


@dataclass
class Site:
    """Maps plus the derived views every page needs, computed once so that all pages agree."""

    maps: Maps
    settings: Settings
    svgs: dict[str, str]
    options: SiteOptions
    lines: dict[str, int] = field(default_factory=dict)
    """Touchpoint address -> line of its entry in the journey file."""
    previous: dict[str, list[TouchpointRef]] = field(default_factory=dict)
    """Touchpoint address -> touchpoints that lead to it."""
    history: list[HistoryEntry] = field(default_factory=list)
    """Recent commits that changed the maps, newest first (empty where there is no git)."""
    _colors: dict[str, str] | None = None
    _kpi_users: dict[str, list[TouchpointRef]] | None = None
    _history_by_journey: dict[str, list[HistoryEntry]] | None = None

    def journey_history(self, journey_id: str) -> list[HistoryEntry]:
        """The latest ten commits that changed one journey, grouped once for every journey page."""
        if self._history_by_journey is None:
            self._history_by_journey = by_journey(self.history)
        return self._history_by_journey.get(journey_id, [])[:10]

    @property
    def home_url(self) -> str:
        return page_url(self.options.home)

    @property
    def colors(self) -> dict[str, str]:
        """Department id -> colour, the same the diagrams use."""
        if self._colors is None:
            self._colors = department_colors(self.maps)
        return self._colors

    def department(self, department_id: str) -> Department | None:
        return self.maps.departments.get(department_id)

    def touchpoints(self) -> list[TouchpointRef]:
        return list(self.maps.touchpoints())

    def status(self, kpi: Kpi) -> str:
        return kpi.status(self.settings.kpi_threshold)

    def kpi(self, kpi_id: str) -> Kpi | None:
        return self.maps.kpis.get(kpi_id)

    def kpis_sorted(self) -> list[Kpi]:
        return sorted(self.maps.kpis.values(), key=lambda k: (STATUS_ORDER[self.status(k)], k.name.lower()))

    def kpi_health(self, kpis: list[Kpi] | None = None) -> dict[str, int]:
        counts = Counter(self.status(k) for k in (self.maps.kpis.values() if kpis is None else kpis))
        return {status: counts.get(status, 0) for status in ("missed", "at-risk", "met", "unknown")}

    def kpi_users(self, kpi_id: str) -> list[TouchpointRef]:
        """The touchpoints that list the KPI, in journey order (indexed once: a scan per KPI per page was quadratic)."""
        if self._kpi_users is None:
            self._kpi_users = {}
            for ref in self.maps.touchpoints():
                for listed in dict.fromkeys(ref.touchpoint.kpis):
                    self._kpi_users.setdefault(listed, []).append(ref)
        return list(self._kpi_users.get(kpi_id, ()))

    def journey_kpis(self, journey: Journey) -> list[Kpi]:
        seen: dict[str, Kpi] = {k.id: k for k in journey.kpis}
        for _, touchpoint in journey.touchpoints():
            for kpi_id in touchpoint.kpis:
                if kpi_id in self.maps.kpis:
                    seen.setdefault(kpi_id, self.maps.kpis[kpi_id])
        return sorted(seen.values(), key=lambda k: (STATUS_ORDER[self.status(k)], k.name.lower()))

    def pain_points(self, refs: list[TouchpointRef] | None = None) -> list[tuple[Any, TouchpointRef]]:
        """(pain point, touchpoint) pairs, worst first, then by journey order."""
        found = [(p, ref) for ref in (self.touchpoints() if refs is None else refs) for p in ref.touchpoint.pain_points]
        return sorted(found, key=lambda pair: SEVERITY_ORDER[pair[0].severity])

    def severity_counts(self, refs: list[TouchpointRef] | None = None) -> dict[str, int]:
        counts = Counter(p.severity for p, _ in self.pain_points(refs))
        return {s: counts.get(s, 0) for s in ("high", "medium", "low")}

    def journey_refs(self, journey: Journey) -> list[TouchpointRef]:
        return [TouchpointRef(journey, stage, tp) for stage, tp in journey.touchpoints()]

    def persona_journeys(self, persona_id: str) -> list[Journey]:
        return [j for j in self.maps.journeys.values() if persona_id in j.persona]

    def department_journeys(self, department_id: str) -> list[Journey]:
        return [j for j in self.maps.journeys.values() if j.owner == department_id]

    def department_kpis(self, department_id: str) -> list[Kpi]:
        return [k for k in self.kpis_sorted() if k.owner == department_id]

    def involvement(self, department_id: str) -> dict[str, list[TouchpointRef]]:
        return self.maps.involvement(department_id)

    def role_of(self, ref: TouchpointRef, department_id: str) -> str:
        """'A', 'R', 'C', 'I' or '' for a department on a touchpoint."""
        letters = [ROLE_LETTER[role] for role, deps in ref.touchpoint.roles().items() if department_id in deps]
        return "/".join(letters)

    def next(self, ref: TouchpointRef) -> list[TouchpointRef]:
        return [target for target, _implied in self.maps.successors(ref)]

    def prev(self, ref: TouchpointRef) -> list[TouchpointRef]:
        return self.previous.get(ref.address, [])

    def channels(self) -> dict[str, list[TouchpointRef]]:
        """Channel -> its touchpoints, for every channel in use, in the contract's order."""
        used: dict[str, list[TouchpointRef]] = {}
        for ref in self.maps.touchpoints():
            used.setdefault(ref.touchpoint.channel, []).append(ref)
        order = {c: i for i, c in enumerate(self.settings.channels)}
        return dict(sorted(used.items(), key=lambda item: (order.get(item[0], len(order)), item[0])))

    def edit_url(self, source: str, line: int | None = None) -> str | None:
        if not self.options.edit_base:
            return None
        path = posixpath.join(self.options.maps_path, source) if self.options.maps_path not in ("", ".") else source
        # Folder and file names are data: percent-encoded, so the theme may print the address raw in an attribute.
        return f"{self.options.edit_base}{quote(path, safe='/')}" + (f"#L{line}" if line else "")

    def svg(self, name: str) -> Markup:
        return inline_svg(self.svgs.get(name))

    def has_svg(self, name: str) -> bool:
        return bool(self.svgs.get(name))


def _touchpoint_lines(maps_dir: Path | None, journey: Journey) -> dict[str, int]:
    if maps_dir is None or not journey.source:
        return {}
    try:
        text = (maps_dir / journey.source).read_text(encoding="utf-8-sig")
        located = yamlread.parse_precise(text, 64)[1]
    except (OSError, UnicodeDecodeError, yamlread.ReadError):
        return {}
    lines: dict[str, int] = {}
    for s, stage in enumerate(journey.stages):
        for t, touchpoint in enumerate(stage.touchpoints):
            position = located.position(("stages", s, "touchpoints", t, "id"))
            lines[f"{journey.id}/{touchpoint.id}"] = position[0]
    return lines


# ----------------------------------------------------------------------------------------------
# Templates


def packaged_templates() -> Path:
    return Path(str(resources.files("journeymaps.site_templates")))


def template_dirs(options: SiteOptions) -> list[Path]:
    """Where templates are looked up, the team's own first."""
    return ([options.templates_dir] if options.templates_dir else []) + [packaged_templates()]


def _environment(options: SiteOptions) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs(options)]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(md=inline_markdown, plain=plain, value=format_figure, spark=sparkline, contact=contact_html)
    env.filters["plural"] = lambda value, word, words=None: plural(
        value if isinstance(value, int) else len(value), word, words
    )
    env.globals.update(
        ROLES=ROLES, ROLE_LETTER=ROLE_LETTER, ROLE_NAME=ROLE_NAME, STATUS_LABEL=STATUS_LABEL, EMOTION=EMOTION,
        journey_url=journey_url, touchpoint_url=touchpoint_url, department_url=department_url,
        persona_url=persona_url, channel_url=channel_url,
    )  # fmt: skip
    env.filters["rel"] = jinja2.pass_context(lambda ctx, target: relative(ctx["page_url"], target))
    return env


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
        self.env = _environment(site.options)
        self.pages: list[Page] = []

    def add(
        self, uri: str, template: str, title: str, section: str | None, *,
        tags: list[str] | None = None, boost: float | None = None, edit_url: str | None = None,
        hide: list[str] | None = None, **context: Any,
    ) -> None:  # fmt: skip
        url = page_url(uri)
        body = self.env.get_template(template).render(
            site=self.site, maps=self.site.maps, page_url=url, title=title, edit_url=edit_url, **context
        )
        meta = page_meta(title, tags, boost, hide)
        self.pages.append(Page(uri, title, front_matter(meta) + body, section, edit_url, meta, body))


def build_pages(
    maps: Maps, settings: Settings | None = None, svgs: dict[str, str] | None = None,
    options: SiteOptions | None = None, maps_dir: Path | None = None, history: list[HistoryEntry] | None = None,
) -> list[Page]:  # fmt: skip
    """Every page of the site, in navigation order. Pure apart from reading the journey files for line numbers."""
    settings = settings or Settings()
    options = options or SiteOptions()
    site = Site(maps, settings, svgs or {}, options, history=history or [])
    for journey in maps.journeys.values():
        site.lines.update(_touchpoint_lines(maps_dir, journey))
    for ref in maps.touchpoints():
        for target in site.next(ref):
            site.previous.setdefault(target.address, []).append(ref)

    r = _Renderer(site)
    r.add(options.home, "home.md.j2", "Customer journeys" if options.home == "index.md" else "Overview", "", boost=None)
    r.add("journeys/index.md", "journeys.md.j2", "All journeys", "Journeys", hide=["toc"])
    for journey in maps.journeys.values():
        owner = maps.departments[journey.owner].name if journey.owner in maps.departments else journey.owner
        r.add(
            f"journeys/{journey.id}/index.md", "journey.md.j2", journey.title, "Journeys", hide=["navigation"],
            tags=[owner, *journey.tags], edit_url=site.edit_url(journey.source, 1), journey=journey,
        )  # fmt: skip
    r.add("departments/index.md", "departments.md.j2", "All departments", "Departments", hide=["toc"])
    for department in maps.departments.values():
        r.add(
            f"departments/{department.id}.md",
            "department.md.j2",
            department.name,
            "Departments",
            tags=[department.name],
            boost=2,
            department=department,
        )
    r.add("personas/index.md", "personas.md.j2", "All personas", "Personas", hide=["toc"])
    for persona in maps.personas.values():
        r.add(f"personas/{persona.id}.md", "persona.md.j2", persona.name, "Personas", persona=persona)
    wide = ["navigation", "toc"]
    r.add("ownership.md", "ownership.md.j2", "Ownership matrix", "Ownership", hide=wide)
    r.add("kpis.md", "kpis.md.j2", "KPIs", "KPIs", hide=wide)
    r.add("pain-points.md", "pain-points.md.j2", "Pain points", "Pain points", boost=1.5, hide=wide)
    r.add("channels/index.md", "channels.md.j2", "Channels", "Channels", hide=["toc"])
    for channel, refs in site.channels().items():
        r.add(
            f"channels/{channel}.md",
            "channel.md.j2",
            channel,
            None,
            tags=[channel],
            hide=["toc"],
            channel=channel,
            refs=refs,
        )
    if site.history:
        r.add("changes.md", "changes.md.j2", "Recent changes", "Recent changes", hide=["toc"])
    for ref in maps.touchpoints():
        tp = ref.touchpoint
        names = [maps.departments[d].name for role in ROLES for d in tp.roles()[role] if d in maps.departments]
        r.add(
            f"journeys/{ref.address}.md", "touchpoint.md.j2", tp.name, None,
            tags=[*names, tp.channel], boost=2, edit_url=site.edit_url(ref.journey.source, site.lines.get(ref.address)), ref=ref,
        )  # fmt: skip
    return r.pages


def asset_files() -> dict[str, bytes]:
    """The stylesheet and script the pages use, by site path."""
    root = packaged_templates()
    return {path: (root / Path(path).name).read_bytes() for path in ASSETS}


# ----------------------------------------------------------------------------------------------
# `journeymaps generate`: the same pages and diagrams as files

MARKER = ".journeymaps-generated"


def check_out_dir(out_dir: Path, shown: str | None = None) -> None:
    """FileExistsError unless `out_dir` is new, empty, or written by `write_tree` before (so it may be replaced)."""
    if out_dir.exists() and (not out_dir.is_dir() or (any(out_dir.iterdir()) and not (out_dir / MARKER).exists())):
        what = "is a file" if not out_dir.is_dir() else "is not empty and was not written by 'journeymaps generate'"
        raise FileExistsError(f"'{shown or out_dir}' {what}: choose a new or empty folder")


def write_tree(out_dir: Path, pages: list[Page], svgs: dict[str, str]) -> None:
    """Write pages, diagrams and assets into `out_dir` atomically (a sibling temporary folder swapped in).

    An existing `out_dir` is replaced only if it is empty or was written by this function before.
    """
    check_out_dir(out_dir)
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        files: dict[str, bytes] = {p.uri: p.content.encode("utf-8") for p in pages}
        files.update({f"{name}.svg": svg.encode("utf-8") for name, svg in svgs.items()})
        files.update(asset_files())
        files[MARKER] = b"Written by 'journeymaps generate'; the whole folder is replaced on the next run.\n"
        for rel, data in files.items():
            path = temp / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        swap_in(temp, out_dir)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
