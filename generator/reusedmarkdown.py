"""Generated pages converted by one Markdown instance per build, set up as MkDocs sets up its own per page (issue 15).

MkDocs' `Page.render` builds a new `markdown.Markdown` with every extension for each page, and adds its
own processors: raw-HTML ids, element ids, relative links (checked against the site's files), the title
from a first `h1`. What is left of a generated page once rawblocks.py has taken its HTML out is a few
headings, so that set-up was a fifth of its conversion. Here the instance is built once and `reset()`
between pages, MkDocs' processors made afresh for each page, and the page's content, table of contents,
title and anchors filled in as `Page.render` fills them.

Only where every extension is one of Python-Markdown's own whose state `reset()` clears (or that has none):
anything else (pymdownx, a plugin's extension object, a future MkDocs without these processors) gets
MkDocs' own render.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import markdown
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.toc import get_toc

RESETTABLE = frozenset(
    "abbr admonition attr_list codehilite def_list fenced_code footnotes legacy_attrs legacy_em md_in_html meta "
    "nl2br sane_lists smarty tables toc wikilinks".split()
)
"""Python-Markdown's extensions without state from one document to the next, or whose `reset()` clears it."""
_PROCESSORS = ("_RawHTMLPreprocessor", "_ExtractAnchorsTreeprocessor", "_RelativePathTreeprocessor")


def _reusable(extensions: list[Any]) -> bool:
    """True when every extension is named and one of RESETTABLE (by short or full name)."""
    return all(
        isinstance(name, str) and name.removeprefix("markdown.extensions.") in RESETTABLE for name in extensions
    ) and all(hasattr(mkdocs_pages, name) for name in (*_PROCESSORS, "_ExtractTitleTreeprocessor"))


class Converter:
    """One build's Markdown instance, made at its first page for that build's configuration."""

    def __init__(self) -> None:
        self._config: Any = None
        self._md: markdown.Markdown | None = None

    def _markdown(self, config: Any) -> markdown.Markdown | None:
        if config is not self._config:
            self._config = config
            extensions = list(config["markdown_extensions"])
            self._md = None
            if _reusable(extensions):
                self._md = markdown.Markdown(extensions=extensions, extension_configs=config["mdx_configs"] or {})
        return self._md

    def render(self, page: Any, config: Any, files: Any, original: Callable[[Any, Any], None]) -> None:
        """What MkDocs' `page.render(config, files)` does (`original`), with this build's one Markdown instance."""
        md = self._markdown(config)
        if md is None or page.markdown is None:
            original(config, files)
            return
        md.reset()
        raw_html, anchors, relative, title = (
            mkdocs_pages._RawHTMLPreprocessor(),
            mkdocs_pages._ExtractAnchorsTreeprocessor(page.file, files, config),
            mkdocs_pages._RelativePathTreeprocessor(page.file, files, config),
            mkdocs_pages._ExtractTitleTreeprocessor(),
        )
        for processor in (raw_html, anchors, relative, title):
            processor._register(md)  # replaces the previous page's, registered under the same name
        page.content = md.convert(page.markdown)
        page.toc = get_toc(getattr(md, "toc_tokens", []))
        page._title_from_render = title.title
        page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
        if mkdocs_pages.log.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = relative.links_to_anchors
