"""The commands that check and explain: `validate`, `schema`, `codes` and `diff`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .. import codes, history, report, schema
from ..problems import did_you_mean
from ..validate import validate
from .options import (
    EXIT_INVALID,
    EXIT_OK,
    SITE_FLAGS,
    UsageError,
    _add_site_flags,
    _color,
    _local_maps,
    _repository_maps,
    _site,
    _status,
)


def cmd_validate(args: argparse.Namespace) -> int:
    maps_dir, shown, options = _local_maps(args, args.maps_dir)
    with _status("checking the maps"):
        result = validate(maps_dir, options.settings(), display_root=shown, dates=history.file_dates(maps_dir))
    format_name = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    if format_name == "json":
        report.as_json(result, sys.stdout)
    else:
        report.REPORTERS[format_name](result, sys.stdout, color=_color(args, sys.stdout), strict=args.strict)
    return EXIT_INVALID if result.failed(args.strict) else EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    options, _ = _site(args)
    sys.stdout.write(schema.render(args.kind, options.settings()))
    return EXIT_OK


def cmd_codes(args: argparse.Namespace) -> int:
    if args.markdown:
        sys.stdout.write(codes.markdown())
        return EXIT_OK
    if args.code:
        code = codes.BY_CODE.get(args.code.upper())
        if code is None:
            raise UsageError(f"no problem code '{args.code}'{did_you_mean(args.code.upper(), codes.BY_CODE)}")
        sys.stdout.write(codes.explain(code))
        return EXIT_OK
    for code in codes.CODES:
        print(f"{code.code}  {code.severity.value:<7}  {code.name:<24} {code.summary}")
    return EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    from .. import diff, gitmaps

    try:
        repo = gitmaps.repo_root(Path.cwd())
    except gitmaps.GitError as error:
        raise UsageError(str(error)) from None
    maps_rel, options = _repository_maps(args, repo)
    settings = options.settings()
    try:
        with _status("reading the maps at both revisions"):
            base = gitmaps.read_revision(repo, args.base, maps_rel, settings)
            if args.head:
                head = gitmaps.read_revision(repo, args.head, maps_rel, settings)
            else:
                head = gitmaps.read_worktree(repo, maps_rel, settings)
    except gitmaps.GitError as error:
        raise UsageError(str(error)) from None
    if not base.present and not head.present:
        raise UsageError(f"there is no '{maps_rel}' folder at {base.label} nor at {head.label} (see --maps-dir)")
    result = diff.compare(base, head, settings)
    diff.RENDERERS[args.format](result, sys.stdout)
    return EXIT_INVALID if result.introduced_errors else EXIT_OK


def _args_validate(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "maps_dir", nargs="?", metavar="MAPS_DIR", help="the maps folder (default: --maps-dir, mkdocs.yml, or maps)"
    )
    command.add_argument(
        "--format", choices=sorted(report.REPORTERS), help="text (default; github on GitHub Actions), json or github"
    )
    command.add_argument("--strict", action="store_true", help="warnings fail the run too")
    _add_site_flags(command)


def _args_schema(command: argparse.ArgumentParser) -> None:
    command.add_argument("kind", choices=schema.KINDS, metavar="KIND", help=f"one of: {', '.join(schema.KINDS)}")
    command.add_argument(
        "-f", "--config-file", metavar="FILE", help="the site whose channels the schema allows (default: mkdocs.yml)"
    )
    command.add_argument("--channels", dest="site_channels", action="append", metavar="A,B", help=SITE_FLAGS[1].help)


def _args_codes(command: argparse.ArgumentParser) -> None:
    command.add_argument("code", nargs="?", metavar="CODE", help="explain this code with its examples, e.g. JM204")
    command.add_argument(
        "--markdown", action="store_true", help="the reference page with examples (docs/problem-codes.md)"
    )


def _args_diff(command: argparse.ArgumentParser) -> None:
    command.add_argument("base", metavar="BASE", help="the revision to compare from, e.g. origin/main")
    command.add_argument(
        "head", nargs="?", metavar="HEAD", help="the revision to compare to (default: the working tree as it is)"
    )
    command.add_argument(
        "--format", choices=("markdown", "json"), default="markdown", help="markdown (default) or json"
    )
    _add_site_flags(command, "the maps folder, relative to the repository root (default: mkdocs.yml's, else maps)")
