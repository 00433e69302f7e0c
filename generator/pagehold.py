"""Generated pages' HTML held compressed from MkDocs' conversion until the page is written (issue 15).

MkDocs converts every page before it writes any, and keeps each page's Markdown and HTML to the end
of the build: at 10,000 touchpoints that is the whole site twice over (256 M characters, two bytes
each as soon as a page holds one character beyond Latin-1). Between a generated page's conversion
and its own turn under the theme's template nothing reads its HTML, and after it is written nothing
reads it again; so its Markdown is let go once converted, its HTML is kept zlib-compressed until
the template needs it, and let go once the page is written.

A page that lists tags (Material's `<!-- material/tags -->`) is left alone: the tags plugin fills
its listing into its HTML after every page is converted. And all this only where every plugin of the
site is one known to read a page's HTML only while that page is converted or rendered (MkDocs' and
Material's search, Material's tags, this plugin): another plugin might read any page at any time (a
print-all-pages plugin does in its `on_post_build`).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from typing import Any

KNOWN_PLUGINS = frozenset(
    {
        "mkdocs.contrib.search",
        "material.plugins.search.plugin",
        "material.plugins.tags.plugin",
        "journeymaps.plugin",
    }
)
"""Modules of the plugins whose reading of pages is known (see the module's docstring)."""
LISTING = b"<!-- material/tags"


def applies(plugins: Iterable[Any]) -> bool:
    """True when every plugin of the site is a known one."""
    return all(type(plugin).__module__ in KNOWN_PLUGINS for plugin in plugins)


class Held:
    """Compressed HTML of the converted pages not yet written, by source path."""

    def __init__(self) -> None:
        self._html: dict[str, bytes] = {}

    def clear(self) -> None:
        """A new build: what an interrupted one held is no longer wanted."""
        self._html.clear()

    def put(self, page: Any, html: str, source: bytes) -> str:
        """Keep a converted page's HTML compressed and let its Markdown go; what the page holds meanwhile.

        `source` is the page's Markdown as generated (before other plugins changed it).
        """
        if LISTING in source:
            return html
        self._html[page.file.src_uri] = zlib.compress(html.encode("utf-8"), 1)
        page.markdown = ""  # not None: MkDocs takes a page without Markdown for one not read yet
        return ""

    def take(self, page: Any) -> None:
        """The page's HTML back where the theme's template and the search plugin read it."""
        data = self._html.pop(page.file.src_uri, None)
        if data is not None:
            page.content = zlib.decompress(data).decode("utf-8")

    @staticmethod
    def release(page: Any) -> None:
        """The page is written: nothing reads its HTML again."""
        page.content = ""
