"""`serve`: the theme's templates compiled once, not again on every rebuild (issue 15).

MkDocs makes a new Jinja environment for the theme on every build, and Jinja compiles each template it loads
(Material's `main.html`, `base.html` and about thirty partials: about 0.5 s of a rebuild at 1,000 touchpoints).
Jinja's own hook for keeping compiled templates is the bytecode cache: it hands out the code compiled from a
template's source only while the source's checksum is the same. This one keeps the code objects in memory, from
one rebuild to the next, and adds to Jinja's key (name, file) the settings of the environment that the compiler
reads (delimiters, whitespace handling, extensions, autoescape, finalize, policies), so a changed environment
compiles again. No MkDocs here.
"""

from __future__ import annotations

from types import CodeType

import jinja2
from jinja2.bccache import Bucket

COMPILER_SETTINGS = (
    "block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
    "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix", "trim_blocks",
    "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized", "autoescape", "finalize", "is_async",
    "code_generator_class", "context_class", "undefined",
)  # fmt: skip
"""What of an `Environment` its compiler reads (or may read): part of every key."""


def settings(environment: jinja2.Environment) -> str:
    """The environment's compiler settings as text; a function's text names the object, so a new one misses."""
    values = [(name, repr(getattr(environment, name, None))) for name in COMPILER_SETTINGS]
    extensions = sorted(environment.extensions)
    policies = sorted((key, repr(value)) for key, value in environment.policies.items())
    return repr((values, extensions, policies, jinja2.__version__))


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates by environment settings, name and file, each with its source's checksum."""

    def __init__(self) -> None:
        self.codes: dict[str, tuple[str, CodeType]] = {}

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None, source: str) -> Bucket:
        bucket = Bucket(
            environment, self.get_cache_key(name, filename) + settings(environment), self.get_source_checksum(source)
        )
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        found = self.codes.get(bucket.key)
        if found is not None and found[0] == bucket.checksum:
            bucket.code = found[1]

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.code is not None:
            self.codes[bucket.key] = (bucket.checksum, bucket.code)

    def clear(self) -> None:
        self.codes.clear()
