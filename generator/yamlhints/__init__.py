"""Plain words for YAML syntax errors: the line where the mistake is, and what to change.

The YAML parser reports where it gave up, in its own terms ("did not find expected key", line 134),
which is often far from the mistake (an unclosed quote at line 20) and means nothing to someone who
edits a journey once a month. This module reads the source text around the error and names the
common mistakes: a quote never closed, text after a closing quote, ': ' inside unquoted text, a tab
used for indentation, a line indented out of step with its neighbours, a missing ': ' or a '-' without
its space. A guess that needs the text's layout to be read one way is checked: the line is repaired
and parsed again, and the guess stands only when the parser then gets further. The parser's own words
stay at the end, in parentheses, for those who search for them.
"""

from __future__ import annotations

from .guesses import MAX_TRIES, explain
from .hints import bullet_hint, colon_hint, comment_hint
from .lines import ParserError

__all__ = ["MAX_TRIES", "ParserError", "bullet_hint", "colon_hint", "comment_hint", "explain"]
