"""What changed between two versions of the maps, in the terms a reviewer cares about.

`compare` is pure: two `Snapshot`s in, one `Diff` out (dataclasses, deterministic order). Each
`Change` says what changed, from what to what, and which departments it concerns and in which role,
so that the reporters can list the departments that must approve and why. Reporters, one per format,
turn a `Diff` into Markdown (for a pull-request comment) or JSON; `summary` gives the plain one-line
sentences that the site's change history reuses.
"""

from __future__ import annotations

from .approvals import brief, reason, reasons
from .changes import MARKER, MAX_MARKDOWN, Change, Concern, Diff
from .compare import compare
from .report import RENDERERS, as_json, markdown
from .wording import PLAIN, READER, describe, escape, label, summary

__all__ = [
    "MARKER",
    "MAX_MARKDOWN",
    "PLAIN",
    "READER",
    "RENDERERS",
    "Change",
    "Concern",
    "Diff",
    "as_json",
    "brief",
    "compare",
    "describe",
    "escape",
    "label",
    "markdown",
    "reason",
    "reasons",
    "summary",
]
