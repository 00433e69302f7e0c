"""`journeymaps init`: a starter repository, overwriting nothing."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from .options import EXIT_OK, UsageError


def cmd_init(args: argparse.Namespace) -> int:
    from .. import starter

    install = starter.Install(args.requirement) if args.requirement else starter.running_requirement()
    try:
        written = starter.init(Path(args.dir), install.line)
    except starter.InitError as error:
        raise UsageError(str(error)) from None
    for rel in written:
        print(f"wrote {Path(args.dir) / rel}", file=sys.stderr)
    if install.note:
        print(f"journeymaps: note: {install.note}", file=sys.stderr)
    where = "" if args.dir in (".", "") else f"cd {shlex.quote(args.dir)} && "
    print(
        f"journeymaps: next: {where}journeymaps validate && journeymaps build (or journeymaps serve)", file=sys.stderr
    )
    return EXIT_OK


def _args_init(command: argparse.ArgumentParser) -> None:
    command.add_argument("dir", nargs="?", default=".", metavar="DIR", help="where (default: the current folder)")
    command.add_argument(
        "--requirement", metavar="REQ",
        help="how the workflows pip-install journeymaps, e.g. "
        "'journeymaps @ git+https://github.com/ORG/journeymaps@v0.1.0' "
        "(default: where this journeymaps was installed from, or journeymaps==VERSION)",
    )  # fmt: skip
