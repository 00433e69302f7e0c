"""Find every map file, read it safely and type-check it: the first stage of the pipeline.

Each file becomes a `SourceFile` holding its typed model (or None) and the problems found in it.
Positions are computed only where a problem needs one: a clean file is read once by the fast parser
and never composed with positions.
"""

from __future__ import annotations

from .decode import MAX_LISTED, ids_of, read, utf8_text
from .discover import SourceFile, discover, id_suggestion
from .fields import node_at
from .wording import CHANNELS_HELP

__all__ = [
    "CHANNELS_HELP",
    "MAX_LISTED",
    "SourceFile",
    "discover",
    "id_suggestion",
    "ids_of",
    "node_at",
    "read",
    "utf8_text",
]
