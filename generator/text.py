"""Text from the maps made safe for the site: one function for free text, one for names.

Free-text fields (summaries, descriptions, pain points, opportunities, goals) accept inline
Markdown and links, as the contract says. Everything the user typed is escaped before Markdown sees
it, so raw HTML is shown as text; only emphasis, code, line breaks and links are rendered; a link
survives only when the browser would read its target as `http`, `https`, `mailto` or a relative path.

The result is placed inside raw HTML blocks of the generated Markdown pages, which MkDocs' own
Markdown passes through untouched. So that no second pass can reinterpret user text (attribute
lists `{: onclick=…}`, macros `{{ … }}`, critic marks, snippets, fences, emoji…), the characters
those syntaxes need are written as numeric character references, in text and attribute values alike.
Names (departments, journeys, touchpoints) are plain text: escaped and neutralised, never Markdown.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from typing import Any

import markdown
from markdown.inlinepatterns import BACKTICK_RE, BacktickInlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString, code_escape
from markupsafe import Markup

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})

# Characters some Markdown extension or MkDocs plugin gives a meaning to, written as references.
_NEUTRAL = {c: f"&#{ord(c)};" for c in "!#$*:=@[\\]^_`{|}~+"}
# Character references already in the (escaped) input are kept whole: neutralising their `#` would
# show `&#x27;` to readers instead of an apostrophe. A user's own `&#` arrives escaped as `&amp;#`.
_NEUTRAL_RE = re.compile("&#[0-9]+;|&#[xX][0-9a-fA-F]+;|[" + re.escape("".join(_NEUTRAL)) + "]")
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_ATTRIBUTE_VALUE = re.compile(r'="([^"]*)"')
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]")


_REFERENCE = re.compile("(&#[0-9]+;|&#[xX][0-9a-fA-F]+;)")
_REPLACEMENTS = sorted(_NEUTRAL.items(), key=lambda item: item[0] != "#")
"""`#` first: every replacement writes one, which must not be replaced again."""


def _replace_all(text: str) -> str:
    for char, reference in _REPLACEMENTS:
        if char in text:
            text = text.replace(char, reference)
    return text


def _neutralise(text: str) -> str:
    """Every character of `_NEUTRAL` as a reference; references already there kept whole.

    One `str.replace` per character that occurs: an inline diagram has tens of thousands of them (colours,
    styles), and one Python call per occurrence was most of the time pages spent on it.
    """
    if "&#" not in text:
        return _replace_all(text)
    parts = _REFERENCE.split(text)
    parts[::2] = [_replace_all(part) for part in parts[::2]]
    return "".join(parts)


def _neutralise_tag(tag: str) -> str:
    """A tag with its quoted attribute values neutralised (names, `=` and quotes kept)."""
    quotes = tag.count('"')
    if not quotes:
        return tag
    pieces = tag.split('"')
    if quotes % 2 == 0 and all(piece.endswith("=") for piece in pieces[:-1:2]):
        # Every quote opens or closes a `="…"` value, so the odd pieces are exactly the values.
        pieces[1::2] = [_neutralise(value) for value in pieces[1::2]]
        return '"'.join(pieces)
    return _ATTRIBUTE_VALUE.sub(lambda m: '="' + _neutralise(m.group(1)) + '"', tag)


def neutralise_html(fragment: str) -> str:
    """Neutralise text and attribute values of well-formed, already escaped HTML (tags kept)."""
    parts = _TAG_OR_TEXT.split(fragment)
    parts[::2] = [_neutralise(text) for text in parts[::2]]
    parts[1::2] = [_neutralise_tag(tag) for tag in parts[1::2]]
    return "".join(parts)


def is_safe_url(url: str) -> bool:
    """True for http, https and mailto links and relative paths, judged as a browser reads `url`.

    References are decoded until nothing changes (more than a browser does), so that no spelling of a
    scheme, however many times encoded, passes for a relative path.
    """
    seen, previous = url, None
    while seen != previous:
        previous, seen = seen, html.unescape(seen)
    seen = _IGNORED_IN_URL.sub("", seen)
    scheme = _SCHEME.match(seen)
    if scheme:
        return scheme.group(1).lower() in SAFE_SCHEMES
    before_path = re.split(r"[/?#]", seen, maxsplit=1)[0]
    return ":" not in before_path  # 'java&#115;cript:' and friends: not a scheme we accept, not a path


class _SafeLinks(Treeprocessor):
    """Unsafe links become plain text (their label stays)."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag == "a" and not is_safe_url(element.get("href", "")):
                element.tag = "span"
                element.attrib.clear()


def _unescape_minimal(text: str) -> str:
    return text.replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&")


class _Code(BacktickInlineProcessor):
    """Code spans escape their content themselves: undo our escaping first so it is not shown twice."""

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[Any, int | None, int | None]:  # type: ignore[override]
        element, start, end = super().handleMatch(m, data)
        if isinstance(element, etree.Element) and element.text:
            element.text = AtomicString(code_escape(_unescape_minimal(_unescape_minimal(element.text))))
        return element, start, end


def _inline_only() -> markdown.Markdown:
    md = markdown.Markdown(extensions=[], output_format="html")
    if "html_block" in md.preprocessors:
        md.preprocessors.deregister("html_block")
    for name in ("indent", "code", "hashheader", "setextheader", "hr", "olist", "ulist", "quote", "reference"):
        if name in md.parser.blockprocessors:
            md.parser.blockprocessors.deregister(name)
    for name in (
        "html",
        "autolink",
        "automail",
        "image_link",
        "image_reference",
        "short_image_ref",
        "reference",
        "short_reference",
    ):
        if name in md.inlinePatterns:
            md.inlinePatterns.deregister(name)
    md.inlinePatterns.register(_Code(BACKTICK_RE), "backtick", 190)
    md.treeprocessors.register(_SafeLinks(md), "journeymaps_safe_links", 5)
    return md


_MD = _inline_only()


def inline_markdown(text: str | None) -> Markup:
    """Free text as safe inline HTML on one line: escaped first, then inline Markdown, links checked."""
    if not text:
        return Markup("")
    escaped = html.escape(text, quote=False)
    _MD.reset()
    rendered = _MD.convert(escaped)
    rendered = re.sub(r"</p>\s*<p>", "<br>", rendered.strip())
    if rendered.startswith("<p>") and rendered.endswith("</p>"):
        rendered = rendered[3:-4]
    rendered = " ".join(rendered.split("\n"))
    return Markup(neutralise_html(rendered))


def plain(text: object) -> Markup:
    """A name as text: escaped, on one line, with nothing any Markdown pass could act on."""
    one_line = " ".join(str(text).split())
    return Markup(_neutralise(html.escape(one_line, quote=True)))


def title_text(text: object) -> str:
    """A page title for front matter: safe where themes print it raw and where they strip tags.

    Material prints `page.meta.title` raw in `<title>` (9.8) or through `striptags` (9.5), which
    decodes `&lt;` back into `<`. Angle brackets are therefore written as look-alike guillemets.
    """
    one_line = " ".join(str(text).split()).replace("<", "\u2039").replace(">", "\u203a")
    return html.escape(one_line, quote=True)


def plural(count: int, word: str, words: str | None = None) -> str:
    """'1 journey', '2 journeys', '0 journeys': every count the tool prints goes through here."""
    return f"{count} {word if count == 1 else (words or word + 's')}"
