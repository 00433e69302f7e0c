"""`journeymaps codeowners`: write or check a CODEOWNERS block routing each journey to its departments' teams."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .. import atomic, report
from ..escape import terminal
from ..validate import validate
from .options import EXIT_INVALID, EXIT_OK, UsageError, _add_site_flags, _color, _repository_maps, _status


def cmd_codeowners(args: argparse.Namespace) -> int:
    from .. import codeowners, gitmaps

    if args.default_owner and not codeowners.OWNER.fullmatch(args.default_owner):
        raise UsageError(
            f"--default-owner '{args.default_owner}' is not a team like '@org/team', a user or an e-mail address"
        )
    try:
        root = gitmaps.repo_root(Path.cwd())
    except gitmaps.GitError:
        root = Path.cwd()  # CODEOWNERS paths are then relative to the current folder
    maps_rel, options = _repository_maps(args, root)
    if not (root / maps_rel).is_dir():
        raise UsageError(
            f"maps folder '{maps_rel}' not found under {root} (pass --maps-dir relative to the repository root)"
        )
    if codeowners.unsafe(maps_rel):
        raise UsageError(f"the maps folder '{maps_rel}' cannot be written in CODEOWNERS: {codeowners.unsafe(maps_rel)}")
    with _status("checking the maps"):
        result = validate(root / maps_rel, options.settings(), display_root=maps_rel)
    if result.failed():
        report.text(result, sys.stderr, color=_color(args, sys.stderr))
        print("journeymaps: the maps do not validate, so no CODEOWNERS rules were made", file=sys.stderr)
        return EXIT_INVALID
    owners = codeowners.build(result.maps, maps_rel, args.default_owner)
    for warning in owners.warnings:
        print(f"journeymaps: warning: {terminal(warning)}", file=sys.stderr)
    command = _codeowners_command(args, maps_rel)
    try:
        block = codeowners.render(owners, command)
    except codeowners.UnsafePath as error:  # a file name of the maps: their fault, and nothing is written
        print(f"journeymaps: {terminal(error)}", file=sys.stderr)
        return EXIT_INVALID
    if not args.output and not args.check:
        sys.stdout.write(block)
        return EXIT_OK
    return _write_codeowners(args, root, block, command)


def _write_codeowners(args: argparse.Namespace, root: Path, block: str, command: str) -> int:
    """`--output` writes the rules into the file (atomically); `--check` compares instead."""
    from .. import codeowners

    target = (
        Path(args.output)
        if args.output
        else next((root / p for p in codeowners.LOCATIONS if (root / p).is_file()), root / "CODEOWNERS")
    )
    shown = os.path.relpath(target) if target.is_absolute() else str(target)
    try:
        existing = target.read_text(encoding="utf-8") if target.is_file() else None
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read {shown}: {error}") from None
    expected = codeowners.merge(existing, block)
    if args.check:
        stale = codeowners.stale(existing, expected, shown)
        if stale:
            sys.stdout.writelines(terminal(line.rstrip("\n")) + "\n" for line in stale)
            what = "is missing" if existing is None else "is stale"
            print(f"journeymaps: {shown} {what}: run `{command} --output {shown}`", file=sys.stderr)
            return EXIT_INVALID
        print(f"{shown} is up to date")
        return EXIT_OK
    try:
        atomic.write_text(target, expected)
    except OSError as error:
        raise UsageError(f"cannot write {shown}: {error}") from None
    print(f"wrote {shown}", file=sys.stderr)
    return EXIT_OK


def _codeowners_command(args: argparse.Namespace, maps_rel: str) -> str:
    """The command that regenerates the rules, as the CODEOWNERS block and the --check hint name it."""
    command = "journeymaps codeowners" + (f" --maps-dir {maps_rel}" if args.site_maps_dir else "")
    return command + (f" --default-owner {args.default_owner}" if args.default_owner else "")


def _args_codeowners(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--default-owner", metavar="@ORG/TEAM", help="owner of departments.yaml, personas/ and new files"
    )
    command.add_argument(
        "--output", metavar="PATH", help="write (or with --check, compare) this file instead of printing"
    )
    command.add_argument(
        "--check", action="store_true", help="exit 1 with a diff when the committed file is stale "
        "(default file: .github/CODEOWNERS, CODEOWNERS or docs/CODEOWNERS, whichever exists)",
    )  # fmt: skip
    _add_site_flags(command, "the maps folder, relative to the repository root (default: mkdocs.yml's, else maps)")
