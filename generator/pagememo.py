"""What MkDocs makes of each generated page, remembered between the rebuilds of `serve` (issue 15).

A rebuild after one edit regenerates every page, but most pages come out as they were. MkDocs' work
per page (Markdown to HTML, the theme's template with its navigation, the search plugin's parse) is
a pure function of what it reads, so each result is kept under a hash of exactly that:

- conversion: the page's Markdown and the site's Markdown settings -> HTML, table of contents, title, anchors;
- search: the page's HTML, table of contents, metadata, title and address -> its search index entries;
- the theme's page: the page's HTML, table of contents, metadata, title, address, edit link, previous and
  next pages, the navigation (every title and address in it), the template context's other entries and
  the site (configuration file, theme folders) -> the finished page.

A context entry that cannot be described by value (an object the memo does not know) makes the page a
miss: it is rendered as MkDocs renders it. `build_date_utc` is left out of the key: a theme that prints
it shows the first build's date on a page that did not change. Only the last build's results are kept,
so the memory held is one site's worth. Pages of docs_dir are never remembered: MkDocs checks their
links and reports problems while it converts them.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from jinja2 import Environment, Template
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from .compiled import CompiledTemplates

_KNOWN_CONTEXT = {"nav", "pages", "base_url", "extra_css", "extra_javascript", "mkdocs_version", "config", "page"}
"""Context entries covered by the key otherwise (nav, site, page) or on purpose left out (`build_date_utc`)."""
_UNKNOWN = object()


def digest(parts: Iterable[str]) -> str:
    """One hash over several texts, kept apart so that ('ab', 'c') and ('a', 'bc') differ."""
    hashed = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        hashed.update(len(data).to_bytes(8, "little"))
        hashed.update(data)
    return hashed.hexdigest()


def describe(value: Any, depth: int = 0) -> Any:
    """`value` as plain data for a key, or `_UNKNOWN` when it holds something that cannot be described by value."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if depth > 4:
        return _UNKNOWN
    if isinstance(value, list | tuple):
        items = [describe(item, depth + 1) for item in value]
        return _UNKNOWN if any(item is _UNKNOWN for item in items) else items
    if isinstance(value, dict):
        entries = {str(key): describe(item, depth + 1) for key, item in value.items()}
        return _UNKNOWN if any(item is _UNKNOWN for item in entries.values()) else entries
    if isinstance(value, Page | Section | Link | Navigation | Environment) or callable(value):
        return _UNKNOWN
    fields = getattr(value, "__dict__", None)
    if isinstance(fields, dict):  # a small record such as the tags plugin's references
        described = describe({k: v for k, v in fields.items() if not k.startswith("_")}, depth + 1)
        return _UNKNOWN if described is _UNKNOWN else [type(value).__qualname__, described]
    return _UNKNOWN


def toc_data(toc: Iterable[AnchorLink]) -> list[Any]:
    return [[item.id, item.title, item.level, toc_data(item.children)] for item in toc]


def page_data(page: Page | None) -> Any:
    """What a template may print of a page other than the one rendered: its title, address and metadata."""
    if page is None:
        return None
    return [page.title, page.url, describe(page.meta)]


def nav_data(items: Iterable[Any]) -> list[Any]:
    """The navigation by value: each section, page and link with its title, address and metadata, in order."""
    out: list[Any] = []
    for item in items:
        if isinstance(item, Section):
            out.append(["section", item.title, nav_data(item.children)])
        elif isinstance(item, Page):
            out.append(["page", *page_data(item), item.is_index])
        else:
            out.append(["link", item.title, getattr(item, "url", None)])
    return out


def site_data(config: MkDocsConfig) -> str:
    """The site as the theme sees it: the configuration file, what plugins added to it, the theme's folders."""
    path = Path(config.config_file_path or "mkdocs.yml")
    try:
        text = path.read_bytes().decode("utf-8", "replace")
    except OSError:
        text = ""
    folders: list[str] = []
    for folder in config.theme.dirs:
        for root, _dirs, names in os.walk(folder):
            for name in sorted(names):
                stat = os.stat(os.path.join(root, name))
                folders.append(f"{root}/{name}:{stat.st_size}:{stat.st_mtime_ns}")
    settings = [config.site_url, config.site_name, config.extra_css, [str(s) for s in config.extra_javascript]]
    theme = {key: config.theme[key] for key in config.theme}
    return digest([text, json.dumps(settings, default=str), json.dumps(describe(theme), default=str), *folders])


class Memo:
    """The results of the last build, by stage and key; a build keeps only what it used."""

    def __init__(self) -> None:
        self._kept: dict[str, dict[str, Any]] = {}
        self._used: dict[str, dict[str, Any]] = {}
        self._finished = True
        self._nav: Any = None
        self.site = ""
        """The site's fingerprint (`site_data`) for this build."""
        self.nav = ""
        """The navigation's fingerprint (`nav_fingerprint`)."""
        self.hits = 0
        self.misses = 0
        self.compiled = CompiledTemplates()
        """The theme's templates as Jinja compiled them, by source (its checksum) and environment settings."""

    def start(self, site: str) -> None:
        """A new build begins: what the last finished build used is what this one may reuse."""
        if not self._finished:  # a build that stopped half-way: keep what it reused as well as what it made
            self._used = {stage: {**self._kept.get(stage, {}), **self._used.get(stage, {})} for stage in self._kept}
        self._kept = self._used if site == self.site else {}
        self._used, self.site, self.hits, self.misses, self._finished = {}, site, 0, 0, False
        self._nav, self.nav = None, ""

    def finish(self) -> None:
        self._finished = True

    def nav_fingerprint(self, nav: Any) -> str:
        """The navigation's fingerprint, taken once per build (every page is converted by then)."""
        if nav is not self._nav:
            self._nav, self.nav = nav, digest([json.dumps(nav_data(getattr(nav, "items", [])), default=str)])
        return self.nav

    def get(self, stage: str, key: str) -> Any:
        found = self._kept.get(stage, {}).get(key)
        if found is not None:
            self._used.setdefault(stage, {})[key] = found
            self.hits += 1
        else:
            self.misses += 1
        return found

    def put(self, stage: str, key: str, value: Any) -> None:
        self._used.setdefault(stage, {})[key] = value


def convert_key(memo: Memo, page: Page, markdown_settings: str) -> str:
    return digest([memo.site, markdown_settings, page.markdown or ""])


def render_converted(memo: Memo, page: Page, config: MkDocsConfig, files: Any, original: Callable[..., None]) -> None:
    """`page.render`, or what it produced last time for the same Markdown.

    Kept only when its links point at nothing but its own anchors (the toc's permalinks): links to other
    pages are checked against those pages, which may have changed.
    """
    key = convert_key(memo, page, repr((config.markdown_extensions, config.mdx_configs)))
    found = memo.get("convert", key)
    if found is None:
        original(config, files)
        links = page.links_to_anchors or {}
        if any(target is not page.file for target in links):
            return
        found = (page.content, page.toc, page._title_from_render, page.present_anchor_ids, links.get(page.file))
    page.content, page.toc, page._title_from_render, page.present_anchor_ids, own = found
    page.links_to_anchors = {page.file: dict(own)} if own else {}
    memo.put("convert", key, found)


def search_key(page: Page) -> str:
    described = [toc_data(page.toc), page.url, page.title, describe(page.meta)]
    return digest([page.content or "", json.dumps(described, sort_keys=True, default=str)])


class RememberingIndex:
    """Wraps the search plugin's `add_entry_from_context`: a page's entries are kept under `search_key`."""

    def __init__(self, memo: Memo, index: Any, is_ours: Callable[[Page], bool]) -> None:
        self.memo, self.index, self.is_ours = memo, index, is_ours
        self.original = index.add_entry_from_context

    def __call__(self, page: Page) -> None:
        if not self.is_ours(page):
            self.original(page)
            return
        key = search_key(page)
        found = self.memo.get("search", key)
        if found is None:
            before = len(self.index.entries)
            self.original(page)
            found = [dict(entry) for entry in self.index.entries[before:]]
        else:
            self.index.entries.extend(dict(entry) for entry in found)
        self.memo.put("search", key, found)


def page_key(memo: Memo, context: dict[str, Any]) -> str | None:
    """The key of a finished page under the theme's template, or None when the context holds the unknown."""
    page = context.get("page")
    if not isinstance(page, Page):
        return None
    others = {k: describe(v) for k, v in context.items() if k not in _KNOWN_CONTEXT and k != "build_date_utc"}
    if any(v is _UNKNOWN for v in others.values()) or describe(page.meta) is _UNKNOWN:
        return None
    parents = []
    ancestor = page.parent
    while ancestor is not None:
        parents.append(ancestor.title)
        ancestor = ancestor.parent
    described = [
        toc_data(page.toc), page_data(page), page.edit_url, page.canonical_url, page.abs_url,
        page.is_homepage, page_data(page.previous_page), page_data(page.next_page), parents,
        context.get("base_url"), context.get("mkdocs_version"), others,
    ]  # fmt: skip
    nav = memo.nav_fingerprint(context.get("nav"))
    return digest([memo.site, nav, page.content or "", json.dumps(described, sort_keys=True, default=str)])


class RememberingTemplate:
    """A theme template whose `render` returns the page it rendered last time for the same key."""

    def __init__(self, memo: Memo, template: Template, is_ours: Callable[[Page], bool]) -> None:
        self.memo, self.template, self.is_ours = memo, template, is_ours

    def render(self, context: dict[str, Any]) -> str:
        page = context.get("page")
        key = page_key(self.memo, context) if isinstance(page, Page) and self.is_ours(page) else None
        if key is None:
            return self.template.render(context)
        found = self.memo.get("page", key)
        if found is None:
            found = self.template.render(context)
        self.memo.put("page", key, found)
        return str(found)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.template, name)


def remember_templates(env: Environment, memo: Memo, is_ours: Callable[[Page], bool]) -> None:
    """From now on `env.get_template` hands out remembering templates, compiled once across rebuilds (compiled.py)."""
    env.bytecode_cache = memo.compiled
    get_template = env.get_template

    def remembering(*args: Any, **kwargs: Any) -> Any:
        return RememberingTemplate(memo, get_template(*args, **kwargs), is_ours)

    env.get_template = remembering  # type: ignore[method-assign]  # the theme's environment, for this build only


def remember_search(plugins: Iterable[Any], memo: Memo, is_ours: Callable[[Page], bool]) -> None:
    """Wrap the search index of Material's search plugin (the one whose entries are a list); others run as they are."""
    for plugin in plugins:
        index = getattr(plugin, "search_index", None)
        entries = getattr(index, "entries", None)
        if isinstance(entries, list) and callable(getattr(index, "add_entry_from_context", None)):
            index.add_entry_from_context = RememberingIndex(memo, index, is_ours)  # type: ignore[union-attr]
