"""Material's search entries for the pages we generate, without `html.parser` (issue 15).

Material's search plugin reads every page's HTML with `html.parser` (its `Parser`): about a sixth of a
cold build's CPU at 1,000 touchpoints. Our pages' HTML is plain (lower-case start tags with double-quoted
attributes, end tags, text), so one regular expression splits it, and `sections` then does exactly what
Material's `Parser` does with each start tag, end tag and text (same sections, kept tags, exclusions and
whitespace, with Material's own `Section` and `Element`), for a fraction of the cost. Anything else (a
comment, `<script>`, `<style>`, an unquoted or single-quoted attribute, an upper-case tag, a stray `<`,
a `<!`...) and any error hand the whole page to Material's parser; a team's own pages always go there.
tests/test_search_index.py compares both over crafted fragments and whole sites.

The reading copies Material's code, so it is used only with the `Parser` it was checked against: a
different one (another Material release) is recognised by its source's fingerprint and keeps Material's.
"""

from __future__ import annotations

import hashlib
import inspect
import logging
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from html import escape, unescape
from typing import Any

from material.plugins.search import plugin as material
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.journeymaps")

_WS = "[ \t\n\r\f]"
_NAME = "[a-zA-Z_:][-a-zA-Z0-9_:.]*"
_TOKEN = re.compile(
    r"([^<]+)"  # text, up to the next tag
    rf'|<([a-z][-a-z0-9]*)((?:{_WS}+{_NAME}(?:="[^"<]*")?)*){_WS}*(/?)>'  # start tag (lower case, as ours)
    r"|</([a-z][-a-z0-9]*)>"  # end tag
)
_ATTRIBUTE = re.compile(rf'{_WS}+({_NAME})(?:(=)"([^"<]*)")?')
_RAW_TEXT = ("script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext")
"""Elements whose content `html.parser` reads as raw text (in this or a later Python): Material's parser reads them."""
_TEXT_ONLY = ("title", "textarea")
"""Elements that later Pythons read as escapable raw text: the same events as long as they hold text only."""
_KEEP = ("p", "code", "pre", "li", "ol", "ul", "sub", "sup")  # Material's Parser.keep
_ALWAYS_SKIPPED = ("object", "script", "style")  # Material's initial Parser.skip, never taken off it
VOID, HEADING, ANCHOR, KEPT, PRE, TEXT_ONLY, RAW_TEXT = 1, 2, 4, 8, 16, 32, 64
_VERIFIED = "eeb3125be2612155d532934728b8dcf05a957a1a47a204f8d3bbfd03bb57d7c9"
"""The fingerprint (`fingerprint()`) of Material's parser that `sections` was checked against (9.8.2)."""


def _kinds() -> dict[str, int]:
    """What Material's parser does with each tag that is not plain (one lookup instead of seven)."""
    kinds: dict[str, int] = {}
    for tags, kind in (
        (material.void, VOID), ([f"h{level}" for level in range(1, 7)], HEADING), (["a"], ANCHOR),
        (_KEEP, KEPT), (["pre"], PRE), (_TEXT_ONLY, TEXT_ONLY), (_RAW_TEXT, RAW_TEXT),
    ):  # fmt: skip
        for tag in tags:
            kinds[tag] = kinds.get(tag, 0) | kind
    return kinds


_KINDS = _kinds()


def fingerprint() -> str:
    """A hash of the Material code `sections` copies: its parser, elements, sections and how a page is read."""
    parts = [material.Parser, material.Element, material.Section, material.SearchIndex.add_entry_from_context]
    try:
        text = "\n".join(inspect.getsource(part) for part in parts) + repr(sorted(material.void))
    except (OSError, TypeError):  # installed without its source: nothing to compare, so never verified
        return ""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def verified() -> bool:
    """Whether the installed Material's parser is the one `sections` copies (else Material's reads every page)."""
    return fingerprint() == _VERIFIED


def _attributes(raw: str) -> dict[str, str | None]:
    """A start tag's attributes as `html.parser` reports them (names in lower case, values unescaped)."""
    found: dict[str, str | None] = {}
    for name, equals, value in _ATTRIBUTE.findall(raw):
        found[name.lower()] = (unescape(value) if value else value) if equals else None
    return found


def sections(html: str) -> list[Any] | None:  # noqa: C901 - Material's three handlers in one loop, branch for branch
    """Material's `Parser(html).data`, or None where this reading is not proven the same as its own.

    The branches below are Material's `handle_data`, `handle_starttag` and `handle_endtag`, line for
    line, with the context kept as counts of open tags instead of lists scanned at every event: Material
    compares its elements by tag (`Element.__eq__`, `__hash__`), so "the skip set meets the context",
    "`pre` is open" and "the section's heading is open" depend only on how many of each tag are open.
    """
    tokens = _TOKEN.findall(html)
    Section, Element, kinds = material.Section, material.Element, _KINDS
    # In a page without these only a class spelt with an entity can exclude: `class="&#108;inenodiv"`.
    may_exclude = "linenodiv" in html or "data-search-exclude" in html.lower()
    context: list[str] = []
    open_: defaultdict[str, int] = defaultdict(int)
    skip = set(_ALWAYS_SKIPPED)
    skipping = 0  # open elements with a tag in `skip`: Material's `skip.intersection(context)`, counted
    pre = 0  # open `pre` elements
    headerlinks: list[int] = []  # context depths of the open `<a class="headerlink">`: the permalink test
    section: Any = None
    heading = ""  # the tag of the section's heading ("hx" for a section without one)
    data: list[Any] = []
    tags = 0
    text_only = ""  # the open `title` or `textarea`, which must hold text only
    for text, tag, raw, closed, end in tokens:
        if text:  # handle_data
            if skipping:
                continue
            special = "&" in text or ">" in text  # else unescaping and escaping change nothing
            if special:
                text = unescape(text)
            if not pre:
                text = " " if text.isspace() else text.replace("\n", " ")
            if section is None:
                section, heading = Section(Element("hx")), "hx"
                data.append(section)
            if open_[heading]:
                if not headerlinks:
                    section.title.append(escape(text, quote=False) if special else text)
            elif text.isspace():
                if not section.text or not section.text[-1].isspace() or pre:
                    section.text.append(text)
            else:
                section.text.append(escape(text, quote=False) if special else text)
            continue
        tags += 1
        if text_only and (tag or end != text_only):
            return None
        text_only = ""
        if tag:  # handle_starttag, and handle_endtag after it for `<tag/>`
            kind = kinds.get(tag, 0)
            if kind:
                if kind & RAW_TEXT or (kind & TEXT_ONLY and closed):
                    return None
                if kind & TEXT_ONLY:
                    text_only = tag
                if kind & VOID:
                    continue
            if raw and (
                may_exclude or kind & HEADING or (kind & ANCHOR and "headerlink" in raw)
                or ("&" in raw and "class" in raw.lower())  # an entity may spell `linenodiv`
            ):  # fmt: skip
                attrs = _attributes(raw)  # what Material reads of them: exclusion, a heading's id, a permalink
            else:
                attrs = {}
            context.append(tag)
            open_[tag] += 1
            if tag in skip:
                skipping += 1
            if kind:
                if kind & PRE:
                    pre += 1
                if kind & ANCHOR and attrs.get("class") == "headerlink":
                    headerlinks.append(len(context))
                if kind & HEADING and "id" in attrs:
                    depth = len(context)
                    if tag != "h1" and not data:
                        data.append(Section(Element("hx"), depth))
                    section, heading = Section(Element(tag, attrs), depth), tag
                    if data:
                        section.id = attrs["id"]
                    data.append(section)
            if section is None:
                section, heading = Section(Element("hx")), "hx"
                data.append(section)
            if attrs and ("data-search-exclude" in attrs or attrs.get("class") == "linenodiv"):
                if tag not in skip:
                    skip.add(tag)
                    skipping += open_[tag]
            elif kind & KEPT and not skipping:
                (section.title if open_[heading] else section.text).append(f"<{tag}>")
            if not closed:
                continue
        else:
            tag = end
            kind = kinds.get(tag, 0)
        # handle_endtag
        if not context or context[-1] != tag:
            continue
        depth = len(context)
        if section.depth > depth:
            for earlier in reversed(data):
                if earlier.depth <= depth:
                    section.depth = float("inf")
                    section, heading = earlier, earlier.el.tag
                    break
        context.pop()
        open_[tag] -= 1
        if kind & PRE:
            pre -= 1
        if headerlinks and headerlinks[-1] == depth:
            headerlinks.pop()
        if tag in skip:
            skipping -= 1
            if tag not in _ALWAYS_SKIPPED:
                skip.remove(tag)
                skipping -= open_[tag]
        elif kind & KEPT and not skipping:
            collected = section.title if open_[heading] else section.text
            index = collected.index(f"<{tag}>")
            for i in range(index + 1, len(collected)):
                if not collected[i].isspace():
                    index = len(collected)
                    break
            if len(collected) > index:
                del collected[index:]
            else:
                collected.append(f"</{tag}>")
    if tags != html.count("<"):
        return None  # a `<` that starts no plain tag: a comment, a declaration, odd quoting, a stray `<`
    return data


class FastIndex:
    """The search index's `add_entry_from_context` for our pages; a team's own pages keep Material's."""

    def __init__(self, index: Any, is_ours: Callable[[Page], bool]) -> None:
        self.index, self.is_ours = index, is_ours
        self.original = index.add_entry_from_context
        self.read = 0
        """Our pages read by `sections`."""
        self.fallbacks = 0
        """Our pages read by Material's parser after all."""

    def __call__(self, page: Page) -> None:
        if not self.is_ours(page) or not isinstance(page.content, str):
            self.original(page)
            return
        search = page.meta.get("search") or {}
        if search.get("exclude"):
            return
        try:
            found = sections(page.content)
        except Exception:  # Material's parser fails there too (a closing tag it cannot match): its error
            found = None
        if found is None:
            self.fallbacks += 1
            self.original(page)
            return
        self.read += 1
        for section in found:
            if not section.is_excluded():
                self.index.create_entry_for_section(section, page.toc, page.url, page)


def install(plugins: Iterable[Any], is_ours: Callable[[Page], bool]) -> FastIndex | None:
    """Our pages' entries read by `sections` in Material's search plugin, if its parser is the one checked."""
    if not verified():
        log.info("journeymaps: Material's search parser is not the one checked (9.8.2); it reads every page itself")
        return None
    for plugin in plugins:
        index = getattr(plugin, "search_index", None)
        if isinstance(index, material.SearchIndex):
            if isinstance(index.add_entry_from_context, FastIndex):
                return index.add_entry_from_context
            fast = FastIndex(index, is_ours)
            index.add_entry_from_context = fast  # this build's index only (Material makes one per build)
            return fast
    return None
