"""The `journeymaps` command: parses options, calls the core, returns an exit code (0 ok, 1 invalid, 2 usage)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import codes, report, schema
from .settings import Settings
from .validate import validate

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A problem that is not the maps' fault (a missing folder, a bad option): exit code 2."""


def _maps_dir(value: str) -> Path:
    path = Path(value)
    if not path.is_dir():
        raise UsageError(f"maps directory '{value}' not found (run from the repository root, or pass the folder)")
    return path


def cmd_validate(args: argparse.Namespace) -> int:
    maps_dir = _maps_dir(args.maps_dir)
    settings = Settings(extra_channels=tuple(c for item in args.channels for c in item.split(",") if c))
    result = validate(maps_dir, settings, display_root=args.maps_dir.rstrip("/") or "/")
    format_name = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    report.REPORTERS[format_name](result, sys.stdout)
    return EXIT_INVALID if result.failed(args.strict) else EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    sys.stdout.write(schema.render(args.kind))
    return EXIT_OK


def cmd_codes(args: argparse.Namespace) -> int:
    if args.markdown:
        sys.stdout.write(codes.markdown())
        return EXIT_OK
    for code in codes.CODES:
        print(f"{code.code}  {code.severity.value:<7}  {code.name:<24} {code.summary}")
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="journeymaps", description="Customer-journey maps as code: validate, diagram and publish.")
    main.add_argument("--version", action="version", version=f"journeymaps {_version()}")
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("validate", help="check the maps and report every problem at once")
    check.add_argument("maps_dir", nargs="?", default="maps", metavar="MAPS_DIR", help="the maps directory (default: maps)")
    check.add_argument("--format", choices=sorted(report.REPORTERS), help="text (default; github on GitHub Actions), json or github")
    check.add_argument("--strict", action="store_true", help="warnings fail the run too")
    check.add_argument("--channels", action="append", default=[], metavar="A,B", help="extra channel names this site allows")
    check.set_defaults(run=cmd_validate)

    export = commands.add_parser("schema", help="print the JSON Schema of one file kind")
    export.add_argument("kind", choices=schema.KINDS)
    export.set_defaults(run=cmd_schema)

    listing = commands.add_parser("codes", help="list every problem code")
    listing.add_argument("--markdown", action="store_true", help="the reference page with examples (docs/problem-codes.md)")
    listing.set_defaults(run=cmd_codes)
    return main


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("journeymaps")
    except PackageNotFoundError:  # running from a source tree
        return "unknown"


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except UsageError as error:
        print(f"journeymaps: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("journeymaps: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # a bug of ours, never the maps' fault: no traceback unless asked for
        if os.environ.get("JOURNEYMAPS_DEBUG"):
            raise
        print(f"journeymaps: internal error ({type(error).__name__}: {error}); rerun with JOURNEYMAPS_DEBUG=1 and report it", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
