"""What a live preview shows while the maps are broken: the last good site, with the problems on every page.

A failed rebuild used to leave `serve` holding every request until the next good save, with the reason
only in the terminal. The plugin instead rebuilds from the last good maps and puts this banner (file,
line and message, escaped) at the top of each page, so the browser answers at once and says what to fix.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import jinja2

from .pages import packaged_templates
from .problems import Problem

SHOWN = 30
"""Problems listed in the banner; the rest are counted (all of them are in the terminal)."""
_BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)


def banner(problems: Sequence[Problem], notes: Sequence[str] = (), limit: int = SHOWN) -> str:
    """The banner's HTML: each map problem with its position, then `notes` (a template or diagram failure)."""
    entries = [(f"{p.file}:{p.line}:{p.column}", f"{p.severity.value} {p.code} {p.message}") for p in sorted(problems)]
    entries += [("", note) for note in notes]
    errors = sum(1 for p in problems if p.severity.value == "error")
    if errors:
        headline = f"the maps have {errors} error{'s' if errors != 1 else ''}"
    else:
        headline = "the site could not be generated"
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(packaged_templates())), autoescape=True, trim_blocks=True, lstrip_blocks=True
    )
    return env.get_template("problems-banner.html.j2").render(entries=entries, headline=headline, limit=limit)


def inject(html: str, banner_html: str) -> str:
    """`html` with the banner first inside its body (or first of all, for a page without one)."""
    found = _BODY.search(html)
    at = found.end() if found else 0
    return html[:at] + banner_html + html[at:]
