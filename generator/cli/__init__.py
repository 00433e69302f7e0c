"""The `journeymaps` command: parses options, calls the core, returns an exit code (0 ok, 1 invalid, 2 usage).

One table, `COMMANDS`, lists the subcommands: each row has a one-line summary, an example for its
help, a function that adds its arguments and a function that runs it. The site's options come from
mkdocs.yml (`siteconfig`) and the command line wins over them (`SITE_FLAGS`); docs/configuration.md.
"""

from __future__ import annotations

from .checking import cmd_codes, cmd_diff, cmd_schema, cmd_validate
from .codeowners import cmd_codeowners
from .commands import COMMANDS, Command, parser
from .init import cmd_init
from .measure import cmd_measure
from .options import EXIT_BROKEN_PIPE, EXIT_INVALID, EXIT_OK, EXIT_USAGE, SITE_FLAGS, Flag, UsageError
from .publishing import cmd_build, cmd_generate, cmd_serve
from .run import main

__all__ = [
    "COMMANDS",
    "EXIT_BROKEN_PIPE",
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_USAGE",
    "SITE_FLAGS",
    "Command",
    "Flag",
    "UsageError",
    "cmd_build",
    "cmd_codeowners",
    "cmd_codes",
    "cmd_diff",
    "cmd_generate",
    "cmd_init",
    "cmd_measure",
    "cmd_schema",
    "cmd_serve",
    "cmd_validate",
    "main",
    "parser",
]
