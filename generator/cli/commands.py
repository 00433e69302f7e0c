"""The table of subcommands (`COMMANDS`) and the argument parser built from it. A new command is a row here."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass, field

from .checking import (
    _args_codes,
    _args_diff,
    _args_schema,
    _args_validate,
    cmd_codes,
    cmd_diff,
    cmd_schema,
    cmd_validate,
)
from .codeowners import _args_codeowners, cmd_codeowners
from .init import _args_init, cmd_init
from .measure import _args_measure, cmd_measure
from .publishing import _args_build, _args_generate, _args_serve, cmd_build, cmd_generate, cmd_serve


@dataclass(frozen=True)
class Command:
    """One subcommand: its help's summary line and example, its arguments, and what runs it."""

    name: str
    summary: str
    example: str
    arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]
    color: bool = field(default=True)
    """Whether the command writes text that colour helps (adds --color/--no-color)."""


COMMANDS: tuple[Command, ...] = (
    Command("validate", "check the maps and report every problem at once",
            "journeymaps validate\n  journeymaps validate --strict --format github", _args_validate, cmd_validate),
    Command("build", "validate, then build the site (MkDocs, strict); a failed build keeps the previous site",
            "journeymaps build\n  journeymaps build -f mkdocs.yml -d public", _args_build, cmd_build),
    Command("serve", "live preview; editing a map or a template reloads the page",
            "journeymaps serve -a 127.0.0.1:8001", _args_serve, cmd_serve, color=False),
    Command("generate", "write the generated Markdown pages and diagrams into a folder, for other publishers",
            "journeymaps generate out/pages", _args_generate, cmd_generate),
    Command("diff", "what changed in the maps between two git revisions, for a pull-request comment",
            "journeymaps diff origin/main\n  journeymaps diff v1.0 v1.1 --format json", _args_diff, cmd_diff,
            color=False),
    Command("codeowners", "a CODEOWNERS file routing each journey to its departments' teams",
            "journeymaps codeowners --default-owner @acme/cx --output .github/CODEOWNERS\n"
            "  journeymaps codeowners --check", _args_codeowners, cmd_codeowners),
    Command("schema", "print the JSON Schema of one file kind, for editors and other validators",
            "journeymaps schema journey > schemas/journey.schema.json", _args_schema, cmd_schema, color=False),
    Command("codes", "list every problem code, or explain one",
            "journeymaps codes JM204\n  journeymaps codes --markdown > docs/problem-codes.md", _args_codes, cmd_codes,
            color=False),
    Command("measure", "KPI measurements: import the figures of an analytics or CRM export",
            "journeymaps measure import ga4.csv --kpi add-to-cart-rate --date-column Date \\\n"
            "    --value-column 'Add-to-cart rate' --date-format %Y%m%d", _args_measure, cmd_measure, color=False),
    Command("init", "write a starter repository: site, maps, workflows, pre-commit, editor schemas; overwrites nothing",
            "journeymaps init our-journeys\n"
            "  journeymaps init --requirement 'journeymaps @ git+https://github.com/ORG/journeymaps@v0.1.0'",
            _args_init, cmd_init, color=False),
)  # fmt: skip
"""Every subcommand, in the order `journeymaps --help` lists them. A new one is a row here."""


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="journeymaps",
        description="Customer-journey maps as code: validate, diagram and publish.",
        epilog="Run 'journeymaps COMMAND --help' for one command's options and an example. "
        "Options of the journeymaps plugin in mkdocs.yml apply to every command.",
    )
    main.add_argument("-V", "--version", action="version", version=f"journeymaps {_version()}")
    commands = main.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for row in COMMANDS:
        command = commands.add_parser(
            row.name,
            help=row.summary,
            description=row.summary[0].upper() + row.summary[1:] + ".",
            epilog=f"example:\n  {row.example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        row.arguments(command)
        if row.color:
            colour = command.add_mutually_exclusive_group()
            colour.add_argument("--color", dest="color", action="store_const", const=True, default=None,
                                help="colour the output (default: on a terminal, unless NO_COLOR is set)")  # fmt: skip
            colour.add_argument("--no-color", dest="color", action="store_const", const=False, help="no colour")
        command.set_defaults(run=row.run)
    return main


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("journeymaps")
    except PackageNotFoundError:  # running from a source tree
        return "unknown"
