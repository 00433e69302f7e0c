"""The MkDocs plugin `journeymaps`: MkDocs glue around the core (validate -> diagrams -> pages).

Options (in `mkdocs.yml`, under `plugins: - journeymaps:`): `maps_dir` (default `maps`, relative to
`mkdocs.yml`), `templates_dir` (a team's own templates, each overriding the packaged one of the same
name), `channels` (extra channel names), `kpi_threshold` (default 0.1) and `cache_dir` (diagram cache,
default `.cache/journeymaps/diagrams`). Every page is added in memory; nothing is written into
`docs_dir`.
"""

from __future__ import annotations

import logging
import os
import re
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page as MkDocsPage

from . import history
from . import pages as core
from .escape import terminal
from .history import DEFAULT_LIMIT as HISTORY_DEFAULT
from .model import ID_PATTERN, RESERVED_IDS
from .problems import Severity
from .settings import Limits, Settings
from .validate import validate

log = logging.getLogger("mkdocs.plugins.journeymaps")


class PluginConfig(Config):
    maps_dir = c.Type(str, default="maps")
    templates_dir = c.Optional(c.Type(str))
    channels = c.ListOfItems(c.Type(str), default=[])
    kpi_threshold = c.Type((int, float), default=0.1)
    cache_dir = c.Type(str, default=str(core.DEFAULT_CACHE))
    history = c.Type(int, default=HISTORY_DEFAULT)
    """Commits of the maps' git history on the "Recent changes" page and the journey pages; 0 turns it off."""
    limits = c.Type(dict, default={})


class JourneymapsPlugin(BasePlugin[PluginConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.progress: Callable[[int, int], None] | None = None
        """Set by `journeymaps build` to show diagram rendering progress."""
        self.preloaded: Any = None
        """A validation result already computed (and reported) by `journeymaps build`."""
        self._result: Any = None
        self._pages: list[core.Page] = []
        self._by_uri: dict[str, core.Page] = {}
        self._options = core.SiteOptions()
        self._settings = Settings()

    def settings(self) -> Settings:
        try:
            limits = Limits.from_options(self.config.limits)
        except ValueError as error:  # a bad `limits:` entry in mkdocs.yml
            raise PluginError(f"journeymaps: {error}") from None
        return Settings(
            limits=limits, extra_channels=tuple(self.config.channels), kpi_threshold=float(self.config.kpi_threshold)
        )

    # -- paths --------------------------------------------------------------------------------
    def _root(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path or ".").resolve().parent

    def maps_dir(self, config: MkDocsConfig) -> Path:
        return self._root(config) / self.config.maps_dir

    def watched(self, config: MkDocsConfig) -> list[Path]:
        """What `mkdocs serve` watches besides docs_dir: the maps and the template folders."""
        return [self.maps_dir(config), *core.template_dirs(self._site_options(config))]

    def _site_options(self, config: MkDocsConfig, home: str = "index.md") -> core.SiteOptions:
        templates = self._root(config) / self.config.templates_dir if self.config.templates_dir else None
        maps_path = os.path.relpath(self.maps_dir(config), self._root(config)).replace(os.sep, "/")
        return core.SiteOptions(templates_dir=templates, edit_base=_edit_base(config), maps_path=maps_path, home=home)

    # -- events -------------------------------------------------------------------------------
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not config.use_directory_urls:
            raise PluginError("journeymaps: the site's stable addresses need 'use_directory_urls: true' in mkdocs.yml")
        bad = [ch for ch in self.config.channels if not re.fullmatch(ID_PATTERN, ch) or ch in RESERVED_IDS]
        if bad:
            raise PluginError(
                f"journeymaps: channel names must be kebab-case ids and not reserved: {', '.join(map(repr, bad))}"
            )
        if self.config.templates_dir and not (self._root(config) / self.config.templates_dir).is_dir():
            raise PluginError(f"journeymaps: templates_dir '{self.config.templates_dir}' not found")
        maps_dir = self.maps_dir(config)
        if not maps_dir.is_dir():
            raise PluginError(
                f"journeymaps: maps directory '{self.config.maps_dir}' not found next to {Path(config.config_file_path or 'mkdocs.yml').name}"
            )
        self._settings = self.settings()
        if self.preloaded is not None:  # validated and reported by `journeymaps build`
            result = self.preloaded
        else:
            result = validate(maps_dir, self._settings, display_root=self.config.maps_dir.rstrip("/") or ".")
            # Map warnings are shown but, as for `validate` without --strict, do not fail the (strict) build.
            for problem in result.problems:
                log.log(logging.ERROR if problem.severity is Severity.ERROR else logging.INFO, terminal(problem))
        if result.failed():
            raise PluginError(f"journeymaps: the maps have {len(result.errors)} error(s); the site was not built")
        self._result = result
        for path in core.ASSETS:
            if path.endswith(".css") and path not in config.extra_css:
                config.extra_css.append(path)
            if path.endswith(".js") and path not in [str(s) for s in config.extra_javascript]:
                config.extra_javascript.append(path)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        home = "overview.md" if files.get_file_from_path("index.md") is not None else "index.md"
        options = self._site_options(config, home)
        cache = self._root(config) / self.config.cache_dir
        try:
            svgs = core.render_diagrams(
                self._result.maps, cache, progress=self.progress, timeout=self._settings.limits.dot_timeout
            )
        except Exception as error:  # RenderError and friends: name the diagram, no traceback
            raise PluginError(f"journeymaps: {error}") from error
        try:
            changes = history.for_site(self.maps_dir(config), self.config.history, self._settings)
            self._pages = core.build_pages(
                self._result.maps, self._settings, svgs, options, self.maps_dir(config), changes
            )
        except jinja2.TemplateError as error:  # a team's template (templates_dir) that does not parse or render
            raise PluginError(f"journeymaps: {_template_error(error)}") from None
        self._by_uri = {}
        for page in self._pages:  # a lookup per MkDocs page: a scan of the list made the build quadratic
            self._by_uri.setdefault(page.uri, page)
        taken = [p.uri for p in self._pages if files.get_file_from_path(p.uri) is not None]
        taken += [a for a in core.ASSETS if files.get_file_from_path(a) is not None]
        if taken:
            raise PluginError(
                f"journeymaps: these files in docs_dir would hide generated pages: {', '.join(taken)}; rename or remove them"
            )
        for page in self._pages:
            files.append(File.generated(config, page.uri, content=page.content, inclusion=InclusionLevel.NOT_IN_NAV))
        for path, data in core.asset_files().items():
            files.append(File.generated(config, path, content=data))
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        ours = {p.uri for p in self._pages}
        if any(page.file.src_uri in ours for page in nav.pages):
            return nav  # the team placed generated pages in its own `nav:`; leave it as written
        sections: dict[str, list[Any]] = {}
        top: list[Any] = []
        for page in self._pages:
            if page.section is None:
                continue
            item = files.get_file_from_path(page.uri).page  # type: ignore[union-attr]
            if page.section == "":
                top.append(item)
            else:
                sections.setdefault(page.section, []).append(item)
        generated: list[Any] = []
        for title in core.NAV_SECTIONS:
            children = sections.get(title, [])
            if len(children) == 1:
                generated.append(children[0])
            elif children:
                generated.append(Section(title, children))
        items = list(nav.items)
        home_first = bool(items) and isinstance(items[0], MkDocsPage) and items[0].file.src_uri == "index.md"
        at = 1 if home_first else 0
        items[at:at] = top + generated
        return _navigation(items)

    def on_pre_page(self, page: MkDocsPage, config: MkDocsConfig, files: Files) -> MkDocsPage:
        generated = self._by_uri.get(page.file.src_uri)
        if generated is not None:
            page.edit_url = generated.edit_url
        return page

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        for path in self.watched(config):
            if path.exists():
                server.watch(str(path))
        return server


def _template_error(error: jinja2.TemplateError) -> str:
    """'template journey.md.j2, line 3: UndefinedError: ...', from the error or the template frames of its traceback."""
    name, line = getattr(error, "filename", None) or getattr(error, "name", None), getattr(error, "lineno", None)
    if not name:
        for frame, frame_line in traceback.walk_tb(error.__traceback__):
            if frame.f_code.co_filename.endswith(".j2"):
                name, line = frame.f_code.co_filename, frame_line
    where = f"template {Path(name).name}" if name else "a template"
    return where + (f", line {line}" if line else "") + f": {type(error).__name__}: {error.message or error}"


def _edit_base(config: MkDocsConfig) -> str | None:
    """repo_url + edit_uri, with the docs_dir part of edit_uri taken off: map files live beside it."""
    if not config.repo_url or not config.edit_uri:
        return None
    edit_uri = config.edit_uri
    docs = os.path.relpath(config.docs_dir, Path(config.config_file_path or ".").resolve().parent).replace(os.sep, "/")
    if edit_uri.rstrip("/").endswith(docs) and docs not in (".", ""):
        edit_uri = edit_uri.rstrip("/")[: -len(docs)]
    if edit_uri.startswith(("http://", "https://")):
        return edit_uri if edit_uri.endswith("/") else edit_uri + "/"
    base = config.repo_url.rstrip("/") + "/" + edit_uri.lstrip("/")
    return base if base.endswith("/") else base + "/"


def _navigation(items: list[Any]) -> Navigation:
    """A Navigation over `items`, with parents and previous/next links set as MkDocs sets them."""
    pages: list[MkDocsPage] = []

    def walk(entries: list[Any], parent: Section | None) -> None:
        for entry in entries:
            entry.parent = parent
            if isinstance(entry, MkDocsPage):
                pages.append(entry)
            elif isinstance(entry, Section):
                walk(entry.children, entry)

    walk(items, None)
    for before, after in zip(pages, pages[1:]):
        before.next_page, after.previous_page = after, before
    if pages:
        pages[0].previous_page = None
        pages[-1].next_page = None
    return Navigation(items, pages)
