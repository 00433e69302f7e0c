"""Material's navigation rendered once for all the pages it comes out the same on (issue 15).

Material renders its navigation (`partials/nav.html` with the macros of `nav-item.html`) for every
page: about half of the theme's time per page, the same HTML again and again on the pages outside the
navigation (touchpoint and channel pages). `partials/nav.html` in site_templates/theme wraps Material's
own file, unchanged, in `{% call journeymaps_theme_cache("nav") %}`; this module is that call.

What Material's navigation templates (9.x: nav.html, nav-item.html, logo.html, our source.html) read
of the page being rendered: whether it is a navigation item or in an item's `pages` (`==`, `in`),
which items are `active`, the page's table of contents only when it is an item, and the relative links
the `url` filter makes from its address. The rest is the build's: the configuration, `features`,
`lang` and the items (title, metadata, children). So a page is served from the cache only when

- it is no item, in no item's `pages`, and no item is active: then every test above comes out false;
- the key is equal: `features`, the language module, and every item by what the templates read of it;
- the `url` filter, called with the arguments it was called with while the entry was rendered, in the
  same order, gives the same results from this page's address. Rendering is a deterministic function
  of these, so it would take the same path and print the same bytes.

Armed only where that reading holds: every template the navigation reaches is Material's own or ours
(a team's override in `custom_dir` of any of them, or an icon template with Jinja in it, turns the
cache off: the team's templates are rendered for every page as before), and the `url` filter is the
one seen when the cache was installed. One cache per build's Jinja environment, so nothing outlives
the build.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

PREFIX = "journeymaps-material"
"""`{% include "journeymaps-material/partials/nav.html" %}`: Material's own file, whatever overrides it."""
REACHED = ("partials/nav-item.html", "partials/logo.html", "partials/source.html", "partials/language.html")
"""The templates Material's navigation includes or imports on a page outside it (and `lang`, from base.html).
Its `toc.html` is reached only on the page that is an item, which the cache never serves."""
_MARKUP = ("{{", "{%", "{#")
_MKDOCS_URL = ("mkdocs.utils.templates", "url_filter")


class ThemeCache:
    """Finished navigation HTML by everything it depends on, for one build's Jinja environment."""

    def __init__(self, url: Callable[..., str], armed: bool) -> None:
        self._url = url
        self.armed = armed
        self._recording: list[list[tuple[Any, str]]] = []
        self._entries: dict[tuple[Any, ...], list[tuple[tuple[Any, ...], dict[tuple[str, ...], str]]]] = {}
        self._build: tuple[Any, Any] | None = None
        """The configuration and navigation of the first page: every page of a build shares them."""
        self.hits = 0
        self.misses = 0

    def close(self) -> str:
        """What the build reused; the entries and the build's objects are let go."""
        self._entries, self._build = {}, None
        return f"the navigation rendered {self.misses} times, reused {self.hits} times"

    @jinja2.pass_context
    def url(self, context: jinja2.runtime.Context, value: Any) -> str:
        """The theme's `url` filter, telling the renderings under way which links it made."""
        result = self._url(context, value)
        for calls in self._recording:
            calls.append((value, result))
        return result

    @jinja2.pass_context
    def render(self, context: jinja2.runtime.Context, name: str, caller: Callable[[], str]) -> str:
        """The block's HTML from the cache when this page's rendering is proven to print it, else rendered."""
        key = self._key(context, name)
        if key is None:
            return caller()
        entries = self._entries.setdefault(key, [])
        for arguments, outputs in entries:
            results = tuple(self._url(context, value) for value in arguments)
            found = outputs.get(results)
            if found is not None:
                self.hits += 1
                for outer in self._recording:  # an enclosing rendering sees the links this one made
                    outer.extend(zip(arguments, results, strict=True))
                return found
        self.misses += 1
        calls: list[tuple[Any, str]] = []
        self._recording.append(calls)
        try:
            output = caller()
        finally:
            self._recording.pop()
        for outer in self._recording:
            outer.extend(calls)
        arguments = tuple(value for value, _ in calls)
        for known, outputs in entries:
            if known == arguments:
                outputs[tuple(result for _, result in calls)] = output
                break
        else:
            entries.append((arguments, {tuple(result for _, result in calls): output}))
        return output

    def _key(self, context: jinja2.runtime.Context, name: str) -> tuple[Any, ...] | None:
        """What the block's output depends on besides the links, or None when this page may change it."""
        env = context.environment
        if not self.armed or env.filters.get("url") != self.url:  # another plugin's filter since: no proof
            return None
        page, config, nav = context.get("page"), context.get("config"), context.get("nav")
        if page is None or nav is None:
            return None
        if self._build is None:
            self._build = (config, nav)
        if self._build[0] is not config or self._build[1] is not nav:
            return None
        features, lang = context.get("features"), context.get("lang")
        if not isinstance(features, list | tuple) or not all(isinstance(f, str) for f in features):
            return None
        if getattr(lang, "__name__", None) != "partials/language.html":
            return None
        items = _items(getattr(nav, "items", None) or [], page)
        return None if items is None else (name, tuple(features), items)


def _items(items: Iterable[Any], page: Any) -> tuple[Any, ...] | None:
    """The navigation by what Material's templates read of its items; None if `page` is one, or any is active."""
    out: list[Any] = []
    for item in items:
        if getattr(item, "active", False) or item == page:
            return None
        pages = getattr(item, "pages", None)
        if pages and page in pages:
            return None
        meta = getattr(item, "meta", None)
        read = (
            (repr(meta.get("icon")), repr(meta.get("subtitle")), repr(meta.get("status")))
            if isinstance(meta, dict) and meta
            else bool(meta)
        )
        described = (type(item).__name__, repr(item.title), getattr(item, "is_index", None), read)
        extra = (repr(getattr(item, "encrypted", None)), repr(getattr(item, "typeset", None)))
        children = getattr(item, "children", None)
        inner: tuple[Any, ...] | None = ()
        if children:
            inner = _items(children, page)
            if inner is None:
                return None
        out.append((described, extra, len(children or ()), inner))
    return tuple(out)


def _static_icons(folder: Path) -> bool:
    """An icon folder whose files have no Jinja in them: what they print cannot depend on the page."""
    for root, _dirs, names in os.walk(folder):
        for file in names:
            text = Path(root, file).read_bytes().decode("utf-8", "replace")
            if any(mark in text for mark in _MARKUP):
                return False
    return True


def proven(env: jinja2.Environment, material: Path, ours: Path, dirs: Iterable[str]) -> bool:
    """Whether the navigation reaches only Material's templates and ours (no team override among them)."""
    loader = env.loader
    if loader is None:
        return False
    known = (str(material.resolve()), str(ours.resolve()))
    for name in REACHED:
        try:
            _source, filename, _uptodate = loader.get_source(env, name)
        except jinja2.TemplateNotFound:
            return False
        if not filename or not str(Path(filename).resolve()).startswith(known):
            return False
    others = [Path(d) for d in dirs if str(Path(d).resolve()) not in known]
    if any((d / "partials" / "languages").exists() for d in others):
        return False
    return all(_static_icons(d / ".icons") for d in others)


def install(env: jinja2.Environment, theme: str | None, dirs: Iterable[str], ours: Path) -> ThemeCache | None:
    """Material's own templates under PREFIX, the recording `url` filter and the cache, in `env` (this build's).

    Armed only if the `url` filter is MkDocs' own (a link relative to the page's address, nothing else).
    """
    if theme != "material":
        return None
    material = Path(str(resources.files("material"))) / "templates"
    url = env.filters.get("url")
    mkdocs_url = (getattr(url, "__module__", None), getattr(url, "__name__", None)) == _MKDOCS_URL
    armed = url is not None and mkdocs_url and proven(env, material, ours, dirs)
    cache = ThemeCache(url if url is not None else str, armed)
    if armed:
        env.filters["url"] = cache.url
    original = env.loader
    material_loader = jinja2.FileSystemLoader(str(material))
    env.loader = jinja2.ChoiceLoader(
        [jinja2.PrefixLoader({PREFIX: material_loader}), *([original] if original is not None else [])]
    )
    env.globals["journeymaps_theme_cache"] = cache.render
    return cache
