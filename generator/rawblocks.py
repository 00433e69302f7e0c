"""Generated pages handed to MkDocs as finished HTML where they are HTML already (issue 15).

Our pages are Markdown headings (for the table of contents, anchors and search sections) around raw
HTML blocks: the facts, tables and inline diagrams, most of each page. Python-Markdown passes a raw
block through unchanged, but only after `md_in_html` and its raw-HTML stash have parsed it with
`html.parser`: 40 % of a build. Here each such block is replaced by a placeholder paragraph before
MkDocs converts the page and put back, unchanged, into the HTML it made: the same page, without the parse.

A block is taken out only where Python-Markdown's `HTMLExtractor` would pass it through as it is: a
paragraph of its own made of elements that each start a line with a block-level tag and end a line with
its closing tag (an element may hold blank lines; the parser reads across them). Everything else stays
in the Markdown, and a page whose remaining Markdown holds anything that could change how the parser
reads across a blank line (HTML, fenced code) is converted whole, as MkDocs would. The ids in the blocks
are reported as present on the page, as MkDocs' own raw-HTML pass reports them, so links to them are
checked alike.
"""

from __future__ import annotations

import html
import re
import secrets
from collections.abc import Callable
from typing import Any

BLOCK_TAGS = frozenset(
    "address article aside blockquote details div dl fieldset figure footer form header main nav ol "
    "p pre section table ul".split()
)
"""Tags whose element Python-Markdown takes as a raw HTML block when it starts a line (a subset of its list)."""
_START = re.compile(r"<([a-z][a-z0-9]*)[\s>]")
_UNSURE_TEXT = ("<!", "<?", "\t", "\r", "\x02", "\x03")
_UNSURE = tuple(
    re.compile(pattern)
    for pattern in (
        r"<(?:script|style|plaintext|xmp|iframe|noembed|noframes|noscript)[\s>]",
        r"markdown\s*=",
        r"\n +\n",
        r'="[^"<>]*[<>]',
        r"='[^'<>]*[<>]",
        r"=\s*[<>]",
        r'id\s*=\s*[^"\s]',
        r'name\s*=\s*[^"\s]',
    )
)  # one by one: each starts with a literal, which `re` finds fast; together they took twice as long
"""What could make the parser read a block otherwise than by its tags (matched in lower case, with _UNSURE_TEXT):
comments, declarations, raw-text elements, `md_in_html`'s `markdown=`, `<` or `>` in an attribute value, ids
not in double quotes (counted otherwise), tabs and carriage returns and lines of spaces only (Python-Markdown
rewrites them first)."""
_TEXT_ONLY = re.compile(r"<(?:title|textarea)[\s>]")
_TEXT_ONLY_PLAIN = re.compile(r"<(title|textarea)(?:\s[^>]*)?>[^<]*</\1>")
"""Elements newer `html.parser`s read as text up to their end tag: taken only when their text has no `<`."""
_NOT_INERT = re.compile(r"<|```|~~~|[\t\r\x02\x03]")
"""In the Markdown left around the blocks: what could open something that runs across a blank line."""
_PLACEHOLDER = re.compile(r"<p>(jmhandoff[0-9a-f]+x[0-9]+z)</p>")
_TAG = re.compile(r"<([a-zA-Z][^\s/>]*)([^>]*)>")
_ANCHOR = re.compile(r"""(?:^|\s)(id|name)\s*=\s*"([^"]*)\"""", re.IGNORECASE)


def _element_end(markdown: str, start: int, tag: str) -> int:
    """Where the element opening at `start` ends (after its closing tag), or -1 when it does not close."""
    depth = 0
    for found in re.compile(rf"<(/?){tag}([\s>/])", re.IGNORECASE).finditer(markdown, start):
        if found.group(1):
            if found.group(2) != ">":
                return -1  # `</div x>` or `</div/>`: not worth a guess
            depth -= 1
            if depth == 0:
                return found.end()
        else:
            depth += 1
    return -1


def _group_end(markdown: str, start: int) -> int:
    """Where a run of raw block elements starting at `start` ends, if it is a paragraph of its own; else -1."""
    at = start
    while True:
        opening = _START.match(markdown, at)
        if not opening or opening.group(1) not in BLOCK_TAGS:
            return -1
        end = _element_end(markdown, at, opening.group(1))
        if end < 0:
            return -1
        if end == len(markdown) or markdown.startswith("\n\n", end) or markdown[end:] == "\n":
            return end
        if markdown[end] != "\n":
            return -1  # text after the closing tag, on its line
        at = end + 1


def _certain(markdown: str, start: int, end: int) -> bool:
    """True when nothing in markdown[start:end] could make the parser read it otherwise than by its tags."""
    block = markdown[start:end].lower()
    if any(text in block for text in _UNSURE_TEXT) or any(pattern.search(block) for pattern in _UNSURE):
        return False
    text_only = len(_TEXT_ONLY.findall(block))
    return not text_only or text_only == len(_TEXT_ONLY_PLAIN.findall(block))


def split(markdown: str) -> tuple[str, dict[str, str]]:
    """The Markdown with each raw HTML block as a placeholder paragraph, and placeholder -> block.

    No blocks when what remains could read across a blank line (then nothing is certain).
    """
    nonce = secrets.token_hex(8)
    blocks: dict[str, str] = {}
    parts: list[str] = []
    done = 0
    at = 0
    while (at := markdown.find("<", at)) >= 0:
        if at == 0 or (markdown[at - 1] == "\n" and (at == 1 or markdown[at - 2] == "\n")):
            end = _group_end(markdown, at)
            if end > 0 and _certain(markdown, at, end):
                token = f"jmhandoff{nonce}x{len(blocks)}z"  # z: no token is the start of another
                blocks[token] = markdown[at:end]
                parts += [markdown[done:at], token]
                at = done = end
                continue
        at += 1
    parts.append(markdown[done:])
    skeleton = "".join(parts)
    if _NOT_INERT.search(skeleton):
        return markdown, {}
    return skeleton, blocks


def join(content: str, blocks: dict[str, str]) -> str | None:
    """The converted page with each placeholder paragraph replaced by its block; None if one is not found alone.

    Made in one piece: replacing one block after another copied the whole page once per block, and a
    large site's memory fragmented under these copies (peak memory +13 % at 1,000 touchpoints).
    """
    parts = _PLACEHOLDER.split(content)  # text, token, text, token, ..., text
    tokens = parts[1::2]
    if content.count("jmhandoff") != len(blocks) or len(tokens) != len(blocks) or set(tokens) != blocks.keys():
        return None
    pieces: list[str] = []
    for i, part in enumerate(parts):
        pieces += (part,) if i % 2 == 0 else (blocks[part], "\n")  # as Python-Markdown ends a raw block
    while pieces and (not pieces[-1] or pieces[-1].isspace()):
        pieces.pop()
    while pieces and (not pieces[0] or pieces[0].isspace()):
        pieces.pop(0)
    if not pieces:
        return ""
    pieces[0], pieces[-1] = pieces[0].lstrip(), pieces[-1].rstrip()  # as Python-Markdown strips its output
    return "".join(pieces)


def anchor_ids(blocks: dict[str, str]) -> set[str]:
    """The ids in the blocks as MkDocs' raw-HTML pass collects them: any element's `id`, an `a`'s `name`."""
    found: set[str] = set()
    for block in blocks.values():
        for tag in _TAG.finditer(block):
            for name, value in _ANCHOR.findall(tag.group(2)):
                if name.lower() == "id" or tag.group(1).lower() == "a":
                    found.add(html.unescape(value))
    return found


def render(page: Any, config: Any, files: Any, original: Callable[[Any, Any], None]) -> None:
    """MkDocs' `page.render` of the page without its raw HTML blocks, which are then put back as they were.

    Falls back to the whole conversion when a placeholder does not come out as a paragraph of its own.
    """
    markdown = page.markdown or ""
    skeleton, blocks = split(markdown)
    if not blocks:
        original(config, files)
        return
    page.markdown = skeleton
    try:
        original(config, files)
    finally:
        page.markdown = markdown
    content = join(page.content or "", blocks)
    if content is None:
        original(config, files)
        return
    page.content = content
    page.present_anchor_ids = (page.present_anchor_ids or set()) | anchor_ids(blocks)
