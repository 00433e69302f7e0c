"""The MkDocs plugin `journeymaps`: MkDocs glue around the core (validate -> diagrams -> pages).

Its options (in `mkdocs.yml`, under `plugins: - journeymaps:`) are the fields of `settings.Options`,
which every `journeymaps` command reads too (docs/configuration.md). Every page is added in memory;
nothing is written into `docs_dir`.
"""

from __future__ import annotations

import copy
import functools
import itertools
import logging
import os
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.base import BaseConfigOption, Config
from mkdocs.config.base import ValidationError as ConfigValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils.templates import TemplateContext
from pydantic import BaseModel

from . import diagrams, history, pagehold, pagememo, preview, rawblocks, templating, themecache
from . import pages as core
from . import searchindex as fastsearch
from .escape import terminal
from .problems import Severity
from .reuse import Reuse
from .settings import OptionError, Options, Settings, check_options
from .siteview import SiteOptions
from .text import plural
from .validate import Result, validate

log = logging.getLogger("mkdocs.plugins.journeymaps")

Progress = Callable[[int, int], None]
"""Told (diagrams drawn, diagrams to draw) as the diagrams are rendered."""


class _Option(BaseConfigOption[Any]):
    """One field of settings.Options, checked by that model: mkdocs.yml and the command line agree."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.option = name
        self.default = Options.model_fields[name].get_default(call_default_factory=True)

    @property
    def default(self) -> Any:
        """MkDocs copies a default with its `copy()`, which pydantic models deprecate: they are frozen, so shared."""
        value = self._default
        return value if isinstance(value, BaseModel) else copy.copy(value)

    @default.setter
    def default(self, value: Any) -> None:
        self._default = value

    def run_validation(self, value: object) -> Any:
        try:
            return getattr(check_options({self.option: value}), self.option)
        except OptionError as error:
            raise ConfigValidationError(error.message) from None


PluginConfig: type[Config] = type("PluginConfig", (Config,), {name: _Option(name) for name in Options.model_fields})
"""The plugin's options are settings.Options' fields: an option added there is accepted here too."""


class JourneymapsPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]  # config_class is built from settings.Options
    config_class = PluginConfig
    supports_multiple_instances = False

    def __init__(self) -> None:
        self._progress: Progress | None = None
        self._preloaded: Result | None = None
        self._result: Result | None = None
        self._pages: list[core.Page] = []
        self._by_uri: dict[str, core.Page] = {}
        self._settings = Settings()
        self._serving = False
        self._last_good: Result | None = None
        """`serve` only: the last valid maps, published again while the current ones are broken."""
        self._banner = ""
        """`serve` only: the problems shown on every page while the last good site is served (preview.py)."""
        self._memo = pagememo.Memo()
        self._finished_svgs: dict[str, str] = {}
        self._plans = diagrams.plans.Plans()
        self._reuse = Reuse()
        """What MkDocs made of each generated page, reused by `serve`'s next rebuild where nothing it read changed."""
        self._theme_cache: themecache.ThemeCache | None = None
        self._held = pagehold.Held()
        self._holding = False
        """A one-shot build: generated pages' HTML held compressed until written (pagehold.py)."""

    def hand_over(self, *, result: Result | None = None, progress: Progress | None = None) -> None:
        """What our own commands give the plugin they run (MkDocs alone gives neither): the maps' validation,
        already done and reported by `journeymaps build` (used by the next build only, so `serve`'s rebuilds
        validate again), and where to show the diagrams' rendering progress."""
        self._preloaded, self._progress = result, progress

    @property
    def options(self) -> Options:
        """The options as one typed value (each already checked by MkDocs through _Option)."""
        try:
            return check_options(dict(self.config))
        except OptionError as error:
            raise PluginError(f"journeymaps: {error}") from None

    def settings(self) -> Settings:
        return self.options.settings()

    # -- paths --------------------------------------------------------------------------------
    def _root(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path or ".").resolve().parent

    def maps_dir(self, config: MkDocsConfig) -> Path:
        return self._root(config) / self.options.maps_dir

    def shown_maps_dir(self, config: MkDocsConfig) -> str:
        """How problems name the maps folder: as in mkdocs.yml, or from here if given on the command line."""
        if Path(self.options.maps_dir).is_absolute():  # given on `journeymaps build`'s command line
            relative = os.path.relpath(self.maps_dir(config))
            return relative if not relative.startswith("..") else str(self.maps_dir(config))
        return self.options.maps_dir.rstrip("/") or "."

    def watched(self, config: MkDocsConfig) -> list[Path]:
        """What `mkdocs serve` watches besides docs_dir: the maps and the template folders."""
        return [self.maps_dir(config), *templating.template_dirs(self._site_options(config))]

    def _site_options(self, config: MkDocsConfig, home: str = "index.md") -> SiteOptions:
        templates_dir = self.options.templates_dir
        templates = self._root(config) / templates_dir if templates_dir else None
        maps_path = os.path.relpath(self.maps_dir(config), self._root(config)).replace(os.sep, "/")
        return SiteOptions(templates_dir=templates, edit_base=_edit_base(config), maps_path=maps_path, home=home)

    # -- events -------------------------------------------------------------------------------
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not config.use_directory_urls:
            raise PluginError("journeymaps: the site's stable addresses need 'use_directory_urls: true' in mkdocs.yml")
        options = self.options
        if options.templates_dir and not (self._root(config) / options.templates_dir).is_dir():
            raise PluginError(f"journeymaps: templates_dir '{options.templates_dir}' not found")
        maps_dir = self.maps_dir(config)
        if not maps_dir.is_dir():
            beside = Path(config.config_file_path or "mkdocs.yml").name
            raise PluginError(f"journeymaps: maps folder '{self.shown_maps_dir(config)}' not found next to {beside}")
        self._settings = self.settings()
        self._result = self._validated(maps_dir, self.shown_maps_dir(config))
        _override_theme(config)
        for path in templating.ASSETS:
            if path.endswith(".css") and path not in config.extra_css:
                config.extra_css.append(path)
            if path.endswith(".js") and path not in [str(s) for s in config.extra_javascript]:
                config.extra_javascript.append(path)
        return config

    def _validated(self, maps_dir: Path, shown: str) -> Result:
        """The maps to publish: valid ones, or while serving the last good ones (the banner says why)."""
        result, self._preloaded = self._preloaded, None  # validated and reported by `journeymaps build`
        if result is None:
            result = validate(maps_dir, self._settings, display_root=shown, dates=history.file_dates(maps_dir))
            # Map warnings are shown but, as for `validate` without --strict, do not fail the (strict) build.
            for problem in result.problems:
                log.log(logging.ERROR if problem.severity is Severity.ERROR else logging.INFO, terminal(problem))
        self._banner = ""
        if not result.failed():
            self._last_good = result if self._serving else None
            return result
        if self._last_good is None:
            raise PluginError(
                f"journeymaps: the maps have {plural(len(result.errors), 'error')}; the site was not built"
            )
        log.warning(
            f"journeymaps: the maps have {plural(len(result.errors), 'error')}; "
            "serving the last good site with the problems on every page"
        )
        self._banner = preview.banner(result.problems)
        return self._last_good

    def make_pages(self, config: MkDocsConfig, result: Result, home: str) -> list[core.Page]:
        """Diagrams and pages of validated maps; also what the Zensical engine publishes, without MkDocs."""
        options = self._site_options(config, home)
        cache = self._root(config) / self.options.cache_dir
        settings = self.settings()
        try:
            svgs = diagrams.draw(
                result.maps, cache, progress=self._progress, timeout=settings.limits.dot_timeout,
                kpi_threshold=settings.kpi_threshold, channel_names=settings.channel_names,
                finished=self._finished_svgs if self._serving else None, kept=self._plans if self._serving else None,
            )  # fmt: skip
        except Exception as error:  # RenderError and friends: name the diagram, no traceback
            raise PluginError(f"journeymaps: {error}") from error
        try:
            maps_dir = self.maps_dir(config)
            changes = history.for_site(maps_dir, self.options.history, settings)
            return core.build_pages(
                result.maps, settings, svgs, options, maps_dir, changes, result.dates,
                reuse=self._reuse if self._serving else Reuse(keep_svgs=False),  # else: every SVG held twice
            )  # fmt: skip
        except jinja2.TemplateError as error:  # a team's template (templates_dir) that does not parse or render
            raise PluginError(f"journeymaps: {_template_error(error)}") from None

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        self._memo.start(pagememo.site_data(config))
        self._held.clear()
        self._holding = not self._serving and pagehold.applies(config.plugins.values())
        home = "overview.md" if files.get_file_from_path("index.md") is not None else "index.md"
        if self._result is None:  # MkDocs runs on_config first: only a caller skipping it gets here
            raise PluginError("journeymaps: on_files ran before on_config validated the maps")
        try:
            self._pages = self.make_pages(config, self._result, home)
        except PluginError as error:
            if not (self._serving and self._pages):
                raise
            log.warning(f"{error}; serving the last good pages with the problem on every page")
            self._banner = preview.banner([], [str(error)])
        self._by_uri = {}
        for page in self._pages:  # a lookup per MkDocs page: a scan of the list made the build quadratic
            self._by_uri.setdefault(page.uri, page)
        taken = [p.uri for p in self._pages if files.get_file_from_path(p.uri) is not None]
        taken += [a for a in templating.ASSETS if files.get_file_from_path(a) is not None]
        if taken:
            raise PluginError(
                f"journeymaps: these files in docs_dir would hide generated pages: {', '.join(taken)}; "
                "rename or remove them"
            )
        for page in self._pages:
            files.append(File.generated(config, page.uri, content=page.source, inclusion=InclusionLevel.NOT_IN_NAV))
        for path, data in templating.asset_files().items():
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
            if len(children) > core.NAV_LIMIT and children[0].file.src_uri.endswith("index.md"):
                generated.append(Section(title, children[:1]))  # its index page lists them all
            elif len(children) == 1:
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
            convert = functools.partial(rawblocks.render, page, original=page.render)
            if self._serving:  # a one-shot build has nothing to reuse, and would only hold every page
                convert = functools.partial(pagememo.render_converted, self._memo, page, original=convert)
            page.render = convert  # type: ignore[method-assign]  # this page object, for this build
        return page

    def _is_ours(self, page: MkDocsPage) -> bool:
        return page.file.src_uri in self._by_uri

    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """Material's navigation once per distinct output (themecache.py); generated pages' search entries without
        html.parser; `serve`: their finished HTML and search entries from the memo where nothing they read changed."""
        self._theme_cache = themecache.install(env, config.theme.name, config.theme.dirs, templating.theme_overrides())
        fastsearch.install(config.plugins.values(), self._is_ours)
        if self._serving:
            pagememo.remember_templates(env, self._memo, self._is_ours)
            pagememo.remember_search(config.plugins.values(), self._memo, self._is_ours)
        return env

    def on_post_build(self, config: MkDocsConfig) -> None:
        self._memo.finish()
        log.debug(f"journeymaps: {self._memo.hits} pages' stages reused, {self._memo.misses} made")
        if self._theme_cache is not None:
            log.debug(f"journeymaps: {self._theme_cache.close()}")

    def on_page_markdown(self, markdown: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        """A generated page's metadata and Markdown from the page model, whatever MkDocs made of its front matter.

        Runs before the tags plugin (priority -50) reads the tags.
        """
        generated = self._by_uri.get(page.file.src_uri)
        if generated is None:
            return markdown
        page.meta = copy.deepcopy(generated.meta)
        return generated.body

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Also keeps this plugin object across the rebuilds of `mkdocs serve`, with its last good maps."""
        self._serving = command == "serve"

    def on_shutdown(self) -> None:
        self._serving, self._last_good, self._banner = False, None, ""

    @event_priority(-100)  # after every other plugin's
    def on_page_content(self, html: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        generated = self._by_uri.get(page.file.src_uri)
        return self._held.put(page, html, generated.source) if self._holding and generated is not None else html

    @event_priority(100)  # before the search plugin's reads the page
    def on_page_context(
        self, context: TemplateContext, /, *, page: MkDocsPage, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        self._held.take(page)
        return context

    def on_post_page(self, output: str, page: MkDocsPage, config: MkDocsConfig) -> str:
        if self._holding and self._is_ours(page):
            self._held.release(page)
        return preview.inject(output, self._banner) if self._banner else output

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        for path in self.watched(config):
            if path.exists():
                server.watch(str(path))
        return server


def _override_theme(config: MkDocsConfig) -> None:
    """Material's partials from site_templates/theme, after the team's own custom_dir and before the theme's.

    They ship with the package, so every team's site gets them (docs/accessibility.md). Another theme is left alone.
    """
    theme = config.theme
    if theme.name != "material":
        return
    ours = str(templating.theme_overrides())
    if ours not in theme.dirs:
        theme.dirs.insert(1 if theme.custom_dir else 0, ours)


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
    for before, after in itertools.pairwise(pages):
        before.next_page, after.previous_page = after, before
    if pages:
        pages[0].previous_page = None
        pages[-1].next_page = None
    return Navigation(items, pages)
