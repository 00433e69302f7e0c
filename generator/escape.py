"""Text from maps, file names and git history made safe for each medium it is printed to.

Every value a pull request controls (YAML values, file and folder names, commit authors and subjects)
can hold line breaks, terminal escapes or the syntax of the medium it ends up in. Each output escapes
for its own medium, here in one place, so that the rules can be read and tested together:

- terminals and CI logs (`terminal`): no control, format or unassigned character is printed as it is
  (each becomes `\\uXXXX`), so a value can neither start a line nor drive the terminal; and `##[`,
  which the GitHub Actions runner reads as a (legacy) workflow command *anywhere* in a line of a
  step's output, is written `##\\u005b`;
- GitHub workflow commands (`github_data`, `github_property`): the runner's own escapes (as
  actions/toolkit writes them) for `%`, CR and LF, and for properties `:` and `,` too;
- GitHub-flavoured Markdown (`markdown_text`, `markdown_code`): `<`, `>` and `&` as HTML references and
  the characters of inline syntax (and of GitHub's math) backslash-escaped, so that no HTML, link,
  image, emphasis, code or math can come from data, nor a list or quote where a value starts a line;
  line breaks become spaces; `@`, `#`, `://` and `www.` are followed by an invisible zero-width space so
  that GitHub neither pings a user or team, nor links an issue, nor turns text into a link;
- JSON (`json_text`): JSON as `json` writes it, with non-printable characters and `##[` written as
  `\\u` escapes too (the same values once parsed).
"""

from __future__ import annotations

import html
import json
import re

_ACTIONS_COMMAND = "##["
_ZWSP = "&#8203;"  # U+200B as a character reference: invisible, and breaks GitHub's mention and link patterns
# Markdown's inline syntax (and GitHub's math, `$`); `<`, `>` and `&` are written as HTML references.
_MD_SPECIAL = re.compile(r"[\\`*_\[\]{}()#|~!@$]")
# What starts a list, a quote or a setext underline where a value begins a line.
_BLOCK_START = re.compile(r"^(\d*)((?<!\d)[-+=]|(?<=\d)[.)])")
_WWW = re.compile(r"(?i)\b(www)(?=\.)")


def _escape_char(char: str) -> str:
    point = ord(char)
    return f"\\u{point:04x}" if point <= 0xFFFF else f"\\U{point:08x}"


def printable(text: object, keep: str = "") -> str:
    """`text` with every character `str.isprintable` refuses (controls, line breaks, tabs, format and
    bidirectional characters, undecodable bytes of file names, unassigned code points) as `\\uXXXX`."""
    value = str(text)
    if value.isprintable():
        return value
    return "".join(c if c.isprintable() or c in keep else _escape_char(c) for c in value)


def terminal(text: object, keep: str = "") -> str:
    """One line for a terminal or a CI log: printable, and never a GitHub Actions command."""
    return printable(text, keep).replace(_ACTIONS_COMMAND, "##\\u005b")


def github_data(text: object) -> str:
    """The message of a workflow command (`::error ...::MESSAGE`)."""
    return terminal(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: object) -> str:
    """A property value of a workflow command (`file=VALUE`): CR and LF as GitHub escapes them (the
    runner reads them back, so an annotation still names the real file), other controls as `\\uXXXX`."""
    value = terminal(text, keep="\r\n")
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace(":", "%3A").replace(",", "%2C")


def markdown_text(text: object) -> str:
    """Plain text inside GitHub-flavoured Markdown: shown as written, on one line, never markup."""
    value = html.escape(printable(" ".join(str(text).split())), quote=False)
    escaped = _MD_SPECIAL.sub(r"\\\g<0>", value)
    escaped = _BLOCK_START.sub(r"\g<1>\\\g<2>", escaped)
    escaped = escaped.replace("\\@", "\\@" + _ZWSP).replace("\\#", "\\#" + _ZWSP).replace("://", ":" + _ZWSP + "//")
    return _WWW.sub(lambda m: m.group(1) + _ZWSP, escaped)


def markdown_code(text: object) -> str:
    """An inline code span holding `text` on one line; escaped text where a code span cannot hold it safely."""
    value = printable(" ".join(str(text).split()))
    if not value:
        return "` `"
    if _ACTIONS_COMMAND in value:  # a code span shows it as it is, and a CI log would run it
        return markdown_text(value)
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if value.startswith("`") or value.endswith("`") else ""
    return f"{fence}{pad}{value}{pad}{fence}"


_JSON_UNSAFE = re.compile(r"##\[|[^\x20-\x7e\n]")  # a raw line break is never inside a JSON string


def json_text(data: object, indent: int | None = 2) -> str:
    """`data` as JSON text, Unicode kept as written where printable; everything else `\\u`-escaped."""

    def escape(match: re.Match[str]) -> str:
        found = match.group()
        if found == _ACTIONS_COMMAND:
            return "##\\u005b"
        if found.isprintable():
            return found
        point = ord(found)
        if point > 0xFFFF:  # JSON escapes are UTF-16: a surrogate pair
            point -= 0x10000
            return f"\\u{0xD800 + (point >> 10):04x}\\u{0xDC00 + (point & 0x3FF):04x}"
        return f"\\u{point:04x}"

    # Outside strings, JSON text is ASCII without `#`: everything matched is inside a string value.
    return _JSON_UNSAFE.sub(escape, json.dumps(data, indent=indent, ensure_ascii=False, default=str))
