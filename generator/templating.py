"""The Jinja environment of the pages: where templates are found, and what every template can use.

Templates live only in `site_templates/` (installed as `journeymaps.site_templates`); a team's own
`templates_dir` comes first, so a file of the same name overrides ours. Every template sees the
vocabulary (`vocabulary.template_globals`), the addresses (`journey_url`, ..., `rel` for relative
links) and the filters `md`, `plain`, `value`, `spark`, `contact`, `face`, `work_link` and `plural`.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import addresses
from .fragments import contact_html, emotion_face, sparkline, work_link
from .siteview import SiteOptions
from .text import inline_markdown, plain, plural
from .vocabulary import format_figure, template_globals

ASSETS = ("assets/journeymaps/journeymaps.css", "assets/journeymaps/journeymaps.js")
"""The stylesheet and script every page uses, by site path."""


def packaged_templates() -> Path:
    return Path(str(resources.files("journeymaps.site_templates")))


def theme_overrides() -> Path:
    """Partials of Material for MkDocs we override (accessible names, no third-party requests): site_templates/theme."""
    return packaged_templates() / "theme"


def template_dirs(options: SiteOptions) -> list[Path]:
    """Where templates are looked up, the team's own first."""
    return ([options.templates_dir] if options.templates_dir else []) + [packaged_templates()]


def template_files(options: SiteOptions) -> tuple[tuple[str, int, int], ...]:
    """Every file where templates are looked up, with its size and modification time: an edit changes it."""
    found = []
    for folder in template_dirs(options):
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            stat = path.stat()
            found.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(found)


def environment(options: SiteOptions, markdown: Callable[[str | None], Markup] = inline_markdown) -> jinja2.Environment:
    """Autoescaped, strict about undefined names; vocabulary, addresses and fragments as globals and filters.

    `markdown` is the `md` filter: `text.inline_markdown`, or the same remembered for the build (`siteview.Reuse`).
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs(options)]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # one environment per build: no need to stat every template on every page
    )
    env.filters.update(
        md=markdown,
        plain=plain,
        value=format_figure,
        spark=sparkline,
        contact=contact_html,
        face=emotion_face,
        work_link=work_link,
    )
    env.filters["plural"] = lambda value, word, words=None: plural(
        value if isinstance(value, int) else len(value), word, words
    )
    env.globals.update(
        **template_globals(),
        journey_url=addresses.journey, touchpoint_url=addresses.touchpoint, department_url=addresses.department,
        persona_url=addresses.persona, channel_url=addresses.channel, addresses=addresses,
        journey_diagram=addresses.journey_diagram, department_diagram=addresses.department_diagram,
    )  # fmt: skip
    env.filters["rel"] = jinja2.pass_context(lambda ctx, target: addresses.relative(ctx["page_url"], target))
    return env


def asset_files() -> dict[str, bytes]:
    """The stylesheet and script the pages use, by site path."""
    root = packaged_templates()
    return {path: (root / Path(path).name).read_bytes() for path in ASSETS}
