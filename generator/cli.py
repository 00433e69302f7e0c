"""The `journeymaps` command: parses options, calls the core, returns an exit code (0 ok, 1 invalid, 2 usage)."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from . import codes, report, schema
from .escape import terminal
from .settings import Limits, Settings
from .validate import validate

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A problem that is not the maps' fault (a missing folder, a bad option): exit code 2."""


def _maps_dir(value: str) -> Path:
    path = Path(value)
    if not path.is_dir():
        raise UsageError(f"maps directory '{value}' not found (run from the repository root, or pass the folder)")
    return path


def _limits(items: list[str]) -> Limits:
    """`--limit NAME=VALUE` options as Limits (the plugin's `limits:` option takes the same names)."""
    try:
        return Limits.from_options(dict(item.partition("=")[::2] for item in items))
    except ValueError as error:
        raise UsageError(f"--limit: {error}") from None


def _settings(args: argparse.Namespace) -> Settings:
    """What a command's options say: extra channels (`--channels a,b`, repeatable), and `--limit` and
    `--kpi-threshold` where the command has them."""
    return Settings(
        limits=_limits(getattr(args, "limit", [])),
        extra_channels=tuple(c for item in args.channels for c in item.split(",") if c),
        kpi_threshold=getattr(args, "kpi_threshold", Settings.kpi_threshold),
    )


def cmd_validate(args: argparse.Namespace) -> int:
    maps_dir = _maps_dir(args.maps_dir)
    result = validate(maps_dir, _settings(args), display_root=args.maps_dir.rstrip("/") or "/")
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


def cmd_diff(args: argparse.Namespace) -> int:
    from . import diff, gitmaps

    settings = _settings(args)
    try:
        repo = gitmaps.repo_root(Path.cwd())
        maps_rel = gitmaps.maps_path(repo, args.maps_dir)
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


def cmd_codeowners(args: argparse.Namespace) -> int:
    from . import codeowners, gitmaps

    if args.default_owner and not codeowners.OWNER.fullmatch(args.default_owner):
        raise UsageError(
            f"--default-owner '{args.default_owner}' is not a team like '@org/team', a user or an e-mail address"
        )
    try:
        root = gitmaps.repo_root(Path.cwd())
    except gitmaps.GitError:
        root = Path.cwd()  # CODEOWNERS paths are then relative to the current folder
    try:
        maps_rel = gitmaps.maps_path(root, args.maps_dir)
    except gitmaps.GitError as error:
        raise UsageError(str(error)) from None
    if not (root / maps_rel).is_dir():
        raise UsageError(
            f"maps directory '{maps_rel}' not found under {root} (pass --maps-dir relative to the repository root)"
        )
    if codeowners.unsafe(maps_rel):
        raise UsageError(f"the maps folder '{maps_rel}' cannot be written in CODEOWNERS: {codeowners.unsafe(maps_rel)}")
    settings = _settings(args)
    result = validate(root / maps_rel, settings, display_root=maps_rel)
    if result.failed():
        report.text(result, sys.stderr)
        print("journeymaps: the maps do not validate, so no CODEOWNERS rules were made", file=sys.stderr)
        return EXIT_INVALID
    owners = codeowners.build(result.maps, maps_rel, args.default_owner)
    for warning in owners.warnings:
        print(f"journeymaps: warning: {terminal(warning)}", file=sys.stderr)
    command = "journeymaps codeowners" + (f" --maps-dir {maps_rel}" if maps_rel != "maps" else "")
    command += f" --default-owner {args.default_owner}" if args.default_owner else ""
    try:
        block = codeowners.render(owners, command)
    except codeowners.UnsafePath as error:  # a file name of the maps: their fault, and nothing is written
        print(f"journeymaps: {terminal(error)}", file=sys.stderr)
        return EXIT_INVALID
    if not args.output and not args.check:
        sys.stdout.write(block)
        return EXIT_OK
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
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.journeymaps-tmp")
        temporary.write_text(expected, encoding="utf-8")
        os.replace(temporary, target)
    except OSError as error:
        raise UsageError(f"cannot write {shown}: {error}") from None
    print(f"wrote {shown}", file=sys.stderr)
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    from . import site

    try:
        seconds = site.build(args.config_file, args.site_dir)
    except site.SiteUsageError as error:
        raise UsageError(str(error)) from None
    except site.BuildFailed as error:
        print(f"journeymaps: {terminal(error)}; the previous site was left as it was", file=sys.stderr)
        return EXIT_INVALID
    print(f"journeymaps: site built in {seconds:.1f} s", file=sys.stderr)
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from . import site

    try:
        site.serve(args.config_file, args.dev_addr)
    except site.SiteUsageError as error:
        raise UsageError(str(error)) from None
    except site.BuildFailed as error:
        print(f"journeymaps: {terminal(error)}", file=sys.stderr)
        return EXIT_INVALID
    return EXIT_OK


def cmd_generate(args: argparse.Namespace) -> int:
    from . import site
    from .diagrams import RenderError

    maps_dir = _maps_dir(args.maps_dir)
    try:
        result = site.generate(maps_dir, Path(args.out_dir), _settings(args))
    except FileExistsError as error:
        raise UsageError(str(error)) from None
    except RenderError as error:  # `dot` failed or timed out: name the journey, keep the previous folder
        print(f"journeymaps: {terminal(error)}; {args.out_dir} was left as it was", file=sys.stderr)
        return EXIT_INVALID
    if result.failed():
        return EXIT_INVALID
    print(f"journeymaps: wrote the pages into {args.out_dir}", file=sys.stderr)
    return EXIT_OK


def cmd_measure_import(args: argparse.Namespace) -> int:
    """Append an export's rows to a KPI's measurements file; a conflict (exit 1) or a bad export (2) writes nothing."""
    from . import measure

    maps_dir = _maps_dir(args.maps_dir)
    request = measure.Request(
        args.export, args.kpi, args.date_column, args.value_column, args.date_format, args.replace
    )
    try:
        done = measure.run(maps_dir, args.maps_dir.rstrip("/") or "/", request, _settings(args))
    except measure.ExportError as error:
        raise UsageError(str(error)) from None
    if done.problems:
        sys.stdout.writelines(terminal(str(p)) + "\n" for p in done.problems)
        print(f"journeymaps: {terminal(done.shown)} has problems: fix them first; nothing was written", file=sys.stderr)
        return EXIT_INVALID
    sys.stderr.writelines(terminal(line) + "\n" for line in done.conflict_lines())
    if done.plan.conflicts:
        return EXIT_INVALID
    sys.stdout.writelines(terminal(line) + "\n" for line in done.report_lines())
    if done.note:
        print(f"journeymaps: note: {terminal(done.note)}", file=sys.stderr)
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="journeymaps", description="Customer-journey maps as code: validate, diagram and publish."
    )
    main.add_argument("--version", action="version", version=f"journeymaps {_version()}")
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("validate", help="check the maps and report every problem at once")
    check.add_argument(
        "maps_dir", nargs="?", default="maps", metavar="MAPS_DIR", help="the maps directory (default: maps)"
    )
    check.add_argument(
        "--format", choices=sorted(report.REPORTERS), help="text (default; github on GitHub Actions), json or github"
    )
    check.add_argument("--strict", action="store_true", help="warnings fail the run too")
    check.add_argument(
        "--channels", action="append", default=[], metavar="A,B", help="extra channel names this site allows"
    )
    check.add_argument(
        "--limit",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="change a resource bound, e.g. max_file_bytes=10000000 (docs/limits.md)",
    )
    check.set_defaults(run=cmd_validate)

    export = commands.add_parser("schema", help="print the JSON Schema of one file kind")
    export.add_argument("kind", choices=schema.KINDS)
    export.set_defaults(run=cmd_schema)

    listing = commands.add_parser("codes", help="list every problem code")
    listing.add_argument(
        "--markdown", action="store_true", help="the reference page with examples (docs/problem-codes.md)"
    )
    listing.set_defaults(run=cmd_codes)

    changes = commands.add_parser(
        "diff", help="what changed in the maps between two git revisions, for a pull-request comment"
    )
    changes.add_argument("base", metavar="BASE", help="the revision to compare from, e.g. origin/main")
    changes.add_argument(
        "head", nargs="?", metavar="HEAD", help="the revision to compare to (default: the working tree as it is)"
    )
    changes.add_argument(
        "--maps-dir",
        default="maps",
        metavar="PATH",
        help="the maps folder, relative to the repository root (default: maps)",
    )
    changes.add_argument(
        "--format", choices=("markdown", "json"), default="markdown", help="markdown (default) or json"
    )
    changes.add_argument(
        "--channels", action="append", default=[], metavar="A,B", help="extra channel names this site allows"
    )
    changes.set_defaults(run=cmd_diff)

    owners = commands.add_parser("codeowners", help="a CODEOWNERS file routing each journey to its departments' teams")
    owners.add_argument(
        "--maps-dir",
        default="maps",
        metavar="PATH",
        help="the maps folder, relative to the repository root (default: maps)",
    )
    owners.add_argument(
        "--default-owner", metavar="@ORG/TEAM", help="owner of departments.yaml, personas/ and new files"
    )
    owners.add_argument(
        "--output", metavar="PATH", help="write (or with --check, compare) this file instead of printing"
    )
    owners.add_argument("--check", action="store_true", help="exit 1 with a diff when the committed file is stale "
                        "(default file: .github/CODEOWNERS, CODEOWNERS or docs/CODEOWNERS, whichever exists)")  # fmt: skip
    owners.add_argument(
        "--channels", action="append", default=[], metavar="A,B", help="extra channel names this site allows"
    )
    owners.set_defaults(run=cmd_codeowners)

    publish = commands.add_parser(
        "build", help="validate, then build the site (MkDocs, strict); a failed build keeps the previous site"
    )
    publish.add_argument("-f", "--config-file", metavar="FILE", help="the MkDocs configuration (default: mkdocs.yml)")
    publish.add_argument(
        "-d", "--site-dir", metavar="PATH", help="where the site goes (default: site_dir of mkdocs.yml, 'site')"
    )
    publish.set_defaults(run=cmd_build)

    preview = commands.add_parser("serve", help="live preview; editing a map or a template reloads the page")
    preview.add_argument("-f", "--config-file", metavar="FILE", help="the MkDocs configuration (default: mkdocs.yml)")
    preview.add_argument(
        "-a",
        "--dev-addr",
        default="127.0.0.1:8000",
        metavar="IP:PORT",
        help="address to serve on (default: 127.0.0.1:8000)",
    )
    preview.set_defaults(run=cmd_serve)

    pagegen = commands.add_parser(
        "generate", help="write the generated Markdown pages and diagrams into a folder, for other publishers"
    )
    pagegen.add_argument(
        "out_dir",
        metavar="OUT_DIR",
        help="the folder to write (replaced as a whole; must be new, empty or written by generate)",
    )
    pagegen.add_argument("--maps-dir", default="maps", metavar="PATH", help="the maps directory (default: maps)")
    pagegen.add_argument(
        "--channels", action="append", default=[], metavar="A,B", help="extra channel names this site allows"
    )
    pagegen.add_argument(
        "--kpi-threshold",
        type=float,
        default=0.1,
        metavar="X",
        help="how close to target counts as at risk (default: 0.1)",
    )
    pagegen.set_defaults(run=cmd_generate)

    measuring = commands.add_parser("measure", help="KPI measurements: import figures from analytics and CRM exports")
    measure_commands = measuring.add_subparsers(dest="measure_command", required=True, metavar="COMMAND")
    importing = measure_commands.add_parser(
        "import", help="append an export's rows to maps/measurements/<kpi-id>.csv (skips what is there)"
    )
    importing.add_argument("export", metavar="EXPORT_CSV", help="the CSV file exported from the analytics or CRM tool")
    importing.add_argument("--kpi", required=True, metavar="ID", help="the KPI whose measurements file to write")
    importing.add_argument("--date-column", required=True, metavar="NAME", help="the export's column of dates")
    importing.add_argument("--value-column", required=True, metavar="NAME", help="the export's column of values")
    importing.add_argument(
        "--date-format", metavar="FORMAT", help="strptime format of the dates, e.g. %%Y%%m%%d (default: YYYY-MM-DD)"
    )
    importing.add_argument("--replace", action="store_true", help="take the export's value where a date differs")
    importing.add_argument("--maps-dir", default="maps", metavar="PATH", help="the maps directory (default: maps)")
    importing.add_argument(
        "--channels", action="append", default=[], metavar="A,B", help="extra channel names this site allows"
    )
    importing.set_defaults(run=cmd_measure_import)
    return main


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("journeymaps")
    except PackageNotFoundError:  # running from a source tree
        return "unknown"


def _terminated(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # SIGTERM (CI cancelling a job, `timeout`) cleans up as Ctrl-C does: no half-built site left


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    signal.signal(signal.SIGTERM, _terminated)
    try:
        return int(args.run(args))
    except UsageError as error:  # messages name files, revisions and git's own words: escaped for the terminal
        print(f"journeymaps: {terminal(error)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("journeymaps: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # a bug of ours, never the maps' fault: no traceback unless asked for
        if os.environ.get("JOURNEYMAPS_DEBUG"):
            raise
        print(
            f"journeymaps: internal error ({type(error).__name__}: {terminal(error)}); "
            "rerun with JOURNEYMAPS_DEBUG=1 and report it",
            file=sys.stderr,
        )
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
