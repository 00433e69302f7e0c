"""Generated pages handed to MkDocs as finished HTML where they are HTML already (issue 15).

Our pages are Markdown headings (for the table of contents, anchors and search sections) around raw
HTML blocks: the facts, tables and inline diagrams, most of each page. Python-Markdown passes a raw
block through unchanged, but only after `md_in_html` and its raw-HTML stash have parsed it with
`html.parser`: 40 % of a build. Here each such block is replaced by a placeholder paragraph before
MkDocs converts the page and put back, unchanged, into the HTML it made: the same page, without the parse.

A block is taken out only when Python-Markdown would pass it through as it is: a run of lines between
blank lines that starts with a block-level tag and ends where that element closes. Anything else
stays in the Markdown. The ids in the blocks are reported as present on the page, as MkDocs' own
raw-HTML pass reports them, so links to them are checked alike.
"""

from __future__ import annotations

import html
import re
import secrets
from collections.abc import Callable
from typing import Any

BLOCK_TAGS = frozenset(
    "address article aside blockquote details dialog div dl fieldset figure footer form header hr main nav ol "
    "p pre section table ul".split()
)
"""Tags whose element Python-Markdown takes as a raw HTML block when it starts a paragraph (a subset of its list)."""
_START = re.compile(r"<([a-z][a-z0-9]*)[\s>/]")
_MARKDOWN_INSIDE = re.compile(r"<[^>]*\smarkdown=")
"""`md_in_html`'s `markdown="1"`: the block's content is Markdown, so it stays for MkDocs."""
_BLANK_LINE = re.compile(r"\n[ \t]*\n|\n[ \t]+$")
_ID = re.compile(r"""<[a-zA-Z][^>]*?\s(?:id|name)="([^"]*)\"""")


def _closes_at_end(block: str, tag: str) -> bool:
    """True when the element that opens `block` closes exactly at its end (same-name elements nested inside)."""
    depth = 0
    for found in re.finditer(rf"<(/?){tag}[\s>/]", block):
        depth += -1 if found.group(1) else 1
        if depth == 0:
            return block.rstrip().endswith(">") and block[found.end() - 1 :].strip() == ">"
    return False


def split(markdown: str) -> tuple[str, dict[str, str]]:
    """The Markdown with each raw HTML block as a placeholder paragraph, and placeholder -> block."""
    nonce = secrets.token_hex(8)
    blocks: dict[str, str] = {}
    parts = markdown.split("\n\n")
    for i, part in enumerate(parts):
        stripped = part.strip("\n")
        start = _START.match(stripped)
        if not start or start.group(1) not in BLOCK_TAGS or _MARKDOWN_INSIDE.search(stripped):
            continue
        if "\n\n" not in stripped and _closes_at_end(stripped, start.group(1)) and not _BLANK_LINE.search(stripped):
            token = f"jmhandoff{nonce}x{len(blocks)}"
            blocks[token] = stripped
            parts[i] = part.replace(stripped, token, 1)
    return "\n\n".join(parts), blocks


def join(content: str, blocks: dict[str, str]) -> str | None:
    """The converted page with each placeholder paragraph replaced by its block; None if one is not found alone."""
    for token, block in blocks.items():
        paragraph = f"<p>{token}</p>"
        if content.count(paragraph) != 1 or content.count(token) != 1:
            return None
        content = content.replace(paragraph, block + "\n", 1)  # as Python-Markdown ends a raw block
    return content.strip()  # as Python-Markdown ends its output


def anchor_ids(blocks: dict[str, str]) -> set[str]:
    """The `id` and `name` attributes in the blocks, as MkDocs collects them from raw HTML."""
    return {html.unescape(found) for block in blocks.values() for found in _ID.findall(block)}


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
