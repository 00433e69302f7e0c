"""The `journeymaps` command: parses options, calls the core, returns an exit code (0 ok, 1 invalid, 2 usage).

One table, `COMMANDS`, lists the subcommands: each row has a one-line summary, an example for its
help, a function that adds its arguments and a function that runs it. The site's options come from
mkdocs.yml (`siteconfig`) and the command line wins over them (`SITE_FLAGS`); docs/configuration.md.
"""

from __future__ import annotations

import argparse
import os
import shlex
import signal
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from . import atomic, codes, report, schema, siteconfig
from .atomic import WriteError, describe
from .escape import terminal
from .problems import did_you_mean
from .settings import Limits, OptionError, Options
from .validate import validate

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: what a shell reports for a tool stopped by a closed pipe


class UsageError(Exception):
    """A problem that is not the maps' fault (a missing folder, a bad option): exit code 2."""


# -- the site's options: mkdocs.yml, then the command line -----------------------------------------


@dataclass(frozen=True)
class Flag:
    """A command-line option that sets one of the site's options (settings.Options) for this run."""

    option: str
    flags: tuple[str, ...]
    help: str
    metavar: str
    convert: Callable[[list[str], Options], object]
    """From what was given (every occurrence) and the options so far, the option's new value."""


def _channels(given: list[str], options: Options) -> object:
    return [name for item in given for name in item.split(",") if name]


def _limits(given: list[str], options: Options) -> object:
    """`--limit NAME=VALUE`: changes those bounds only; the others keep mkdocs.yml's values."""
    try:
        changed = Limits.from_options(dict(item.partition("=")[::2] for item in given))
    except ValueError as error:
        raise UsageError(f"--limit: {error}") from None
    names = {item.partition("=")[0] for item in given}
    return {name: getattr(changed if name in names else options.limits, name) for name in Limits.__dataclass_fields__}


def _number(given: list[str], options: Options) -> object:
    try:
        return float(given[-1])
    except ValueError:
        raise UsageError(f"'{given[-1]}' is not a number") from None


def _days(given: list[str], options: Options) -> object:
    try:
        return int(given[-1])
    except ValueError:
        raise UsageError(f"'{given[-1]}' is not a whole number of days") from None


SITE_FLAGS: tuple[Flag, ...] = (
    Flag("maps_dir", ("--maps-dir",), "the maps folder (default: maps_dir in mkdocs.yml, else maps)", "FOLDER",
         lambda given, options: given[-1]),
    Flag("channels", ("--channels",), "channel names this site adds, instead of those in mkdocs.yml (repeatable)",
         "A,B", _channels),
    Flag("kpi_threshold", ("--kpi-threshold",), "how close to target counts as at risk (default: 0.1)", "X", _number),
    Flag("limits", ("--limit",), "change one resource bound, e.g. max_file_bytes=10000000 (docs/limits.md)",
         "NAME=VALUE", _limits),
    Flag("stale_after_days", ("--stale-after-days",), "a KPI's latest figure older than this is stale (default: 180)",
         "DAYS", _days),
)  # fmt: skip
"""Add a row (and a field to settings.Options) and every command that reads maps accepts the option."""


def _add_site_flags(command: argparse.ArgumentParser, maps_dir_help: str | None = None) -> None:
    group = command.add_argument_group("the site's options (default: those of the journeymaps plugin in mkdocs.yml)")
    group.add_argument(
        "-f",
        "--config-file",
        metavar="FILE",
        help="the site's configuration to read options from (default: mkdocs.yml)",
    )
    for flag in SITE_FLAGS:
        text = maps_dir_help if flag.option == "maps_dir" and maps_dir_help else flag.help
        group.add_argument(*flag.flags, dest=f"site_{flag.option}", action="append", metavar=flag.metavar, help=text)


def _site(args: argparse.Namespace, root: Path | None = None) -> tuple[Options, set[str]]:
    """The options of this run, folders as paths from the current folder, and which ones the command line set.

    mkdocs.yml's options (folders relative to mkdocs.yml), then the command line's (relative to the
    current folder), which win.
    """
    config_file = getattr(args, "config_file", None)
    try:
        site = siteconfig.load(config_file)
        if root is not None and site.file is None and config_file is None:  # run from a subfolder: the root's
            site = siteconfig.load(None, cwd=root)
    except siteconfig.ConfigError as error:
        raise UsageError(str(error)) from None
    changes: dict[str, object] = {}
    for flag in SITE_FLAGS:
        given = getattr(args, f"site_{flag.option}", None)
        if given:
            changes[flag.option] = flag.convert(given, site.options)
    if "maps_dir" in changes:
        changes["maps_dir"] = str(Path.cwd() / str(changes["maps_dir"]))
    try:
        options = site.options.updated(changes)
    except OptionError as error:
        flag_name = next((f.flags[0] for f in SITE_FLAGS if f.option == error.name), error.name)
        raise UsageError(f"{flag_name}: {error.message}") from None
    return siteconfig.SiteConfig(options, site.file, site.base).resolved(), set(changes)


def _maps_folder(value: Path, shown: str) -> Path:
    """The maps folder, or a usage error that says what was found instead."""
    if value.is_dir():
        return value
    if value.is_file():
        # The folder that holds departments.yaml above the file, else the file's own folder.
        folder = next(
            (p for p in value.absolute().parents if (p / "departments.yaml").is_file()), value.absolute().parent
        )
        raise UsageError(
            f"'{shown}' is a file, and journeymaps reads a whole maps folder at once: pass the folder "
            f"'{_shown(folder)}' instead"
        )
    raise UsageError(
        f"maps folder '{shown}' not found (run from the repository root, pass the folder, "
        "or set maps_dir in mkdocs.yml)"
    )


def _shown(path: Path) -> str:
    """A path as messages name it: relative to the current folder when it is below it."""
    relative = os.path.relpath(path)
    return relative if not relative.startswith("..") else str(path)


def _local_maps(args: argparse.Namespace, positional: str | None = None) -> tuple[Path, str, Options]:
    """(maps folder, how problems name it, options) for the commands that read the folder on disk."""
    options, given = _site(args)
    if positional is not None:
        return _maps_folder(Path(positional), positional), positional.rstrip("/") or "/", options
    folder = Path(options.maps_dir)
    shown = args.site_maps_dir[-1].rstrip("/") if "maps_dir" in given else _shown(folder)
    return _maps_folder(folder, shown), shown or "/", options


def _repository_maps(args: argparse.Namespace, root: Path) -> tuple[str, Options]:
    """(maps folder relative to the repository root, options) for diff and codeowners.

    `--maps-dir` is relative to the repository root there (as in CODEOWNERS); maps_dir in mkdocs.yml
    is relative to mkdocs.yml, as everywhere. Both commands work from any folder of the repository: without
    a mkdocs.yml in the current folder, the one at the repository root applies.
    """
    from . import gitmaps

    options, given = _site(args, root)
    if "maps_dir" in given:
        written = args.site_maps_dir[-1]
    else:
        written = os.path.relpath(Path(options.maps_dir).resolve(), root.resolve())
    try:
        return gitmaps.maps_path(root, written), options
    except gitmaps.GitError as error:
        raise UsageError(str(error)) from None


# -- output -----------------------------------------------------------------------------------------


def _color(args: argparse.Namespace, stream: TextIO) -> bool:
    """Colour on a terminal only: `--color`/`--no-color` decide, else NO_COLOR (any value) turns it off."""
    choice = getattr(args, "color", None)
    if choice is not None:
        return bool(choice)
    return not os.environ.get("NO_COLOR") and stream.isatty() and os.environ.get("TERM") != "dumb"


def _status(message: str) -> report.Status:
    """Says what a slow step is doing, on a terminal's stderr only (pipes and CI logs stay clean)."""
    return report.Status.on(sys.stderr, message)


# -- the commands ----------------------------------------------------------------------------------


def cmd_validate(args: argparse.Namespace) -> int:
    maps_dir, shown, options = _local_maps(args, args.maps_dir)
    with _status("checking the maps"):
        result = validate(maps_dir, options.settings(), display_root=shown)
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
    from . import diff, gitmaps

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
    from . import codeowners

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


def _plugin_changes(args: argparse.Namespace) -> dict[str, object]:
    """The site's options given on the command line, for the plugin of `build` (mkdocs.yml gives the rest)."""
    options, given = _site(args)
    return {name: getattr(options, name) for name in given}


def cmd_build(args: argparse.Namespace) -> int:
    from . import site

    changes = _plugin_changes(args)
    try:
        if args.engine == "zensical":
            from . import zensical_site

            built = zensical_site.build(
                args.config_file, args.site_dir, changes=changes, color=_color(args, sys.stderr)
            )
        else:
            built = site.build(args.config_file, args.site_dir, changes=changes, color=_color(args, sys.stderr))
    except site.SiteUsageError as error:
        raise UsageError(str(error)) from None
    except site.BuildFailed as error:
        print(f"journeymaps: {terminal(error)}; the previous site was left as it was", file=sys.stderr)
        return EXIT_INVALID
    except WriteError as error:  # disk full, read-only: not the maps' fault
        raise UsageError(str(error)) from None
    print(f"journeymaps: site built in {built.seconds:.1f} s into {_shown(built.site_dir)}/", file=sys.stderr)
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from . import site

    try:
        if args.engine == "zensical":
            from . import zensical_site

            zensical_site.serve(args.config_file, args.dev_addr, changes=_plugin_changes(args))
        else:
            site.serve(args.config_file, args.dev_addr, changes=_plugin_changes(args))
    except site.SiteUsageError as error:
        raise UsageError(str(error)) from None
    except site.BuildFailed as error:
        print(f"journeymaps: {terminal(error)}", file=sys.stderr)
        return EXIT_INVALID
    return EXIT_OK


def cmd_generate(args: argparse.Namespace) -> int:
    from . import folder, site
    from .diagrams import RenderError

    out_dir = Path(args.out_dir)
    try:
        folder.check_out_dir(out_dir, args.out_dir)  # before any work: a refused folder costs nothing
    except FileExistsError as error:
        raise UsageError(str(error)) from None
    maps_dir, shown, options = _local_maps(args)
    if options.templates_dir and not Path(options.templates_dir).is_dir():
        raise UsageError(f"templates_dir '{_shown(Path(options.templates_dir))}' not found")
    try:
        result = site.generate(maps_dir, out_dir, options, display_root=shown, color=_color(args, sys.stderr))
    except FileExistsError as error:
        raise UsageError(str(error)) from None
    except WriteError as error:
        raise UsageError(f"{error}; {args.out_dir} was left as it was") from None
    except BrokenPipeError:
        raise
    except OSError as error:  # a full disk, a read-only folder
        raise UsageError(f"{describe(error, 'writing ' + args.out_dir)}; {args.out_dir} was left as it was") from None
    except RenderError as error:  # `dot` failed or timed out: name the journey, keep the previous folder
        print(f"journeymaps: {terminal(error)}; {args.out_dir} was left as it was", file=sys.stderr)
        return EXIT_INVALID
    if result.failed():
        return EXIT_INVALID
    print(f"journeymaps: wrote the pages into {args.out_dir}", file=sys.stderr)
    return EXIT_OK


def cmd_measure(args: argparse.Namespace) -> int:
    """`measure import`: an export's rows into a measurements file; conflicts (1), bad exports (2) write nothing."""
    from . import measure

    maps_dir, shown, options = _local_maps(args)
    request = measure.Request(
        args.export, args.kpi, args.date_column, args.value_column, args.date_format, args.replace
    )
    try:
        done = measure.run(maps_dir, shown, request, options.settings())
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


def cmd_init(args: argparse.Namespace) -> int:
    from . import starter

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


# -- the table of subcommands ----------------------------------------------------------------------


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


def _args_build(command: argparse.ArgumentParser) -> None:
    _add_site_flags(command)
    command.add_argument(
        "-d", "--site-dir", metavar="FOLDER", help="where the site goes (default: site_dir of mkdocs.yml, 'site')"
    )
    _engine_option(command)


def _args_serve(command: argparse.ArgumentParser) -> None:
    _add_site_flags(command)
    command.add_argument(
        "-a", "--dev-addr", default="127.0.0.1:8000", metavar="IP:PORT",
        help="address to serve on (default: 127.0.0.1:8000)",
    )  # fmt: skip
    _engine_option(command)


def _engine_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--engine",
        choices=("mkdocs", "zensical"),
        default="mkdocs",
        help="publish with MkDocs (default) or Zensical (pip install 'journeymaps[zensical]')",
    )


def _args_generate(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "out_dir", metavar="OUT_DIR",
        help="the folder to write (replaced as a whole; must be new, empty or written by generate before)",
    )  # fmt: skip
    _add_site_flags(command)


def _args_measure(command: argparse.ArgumentParser) -> None:
    actions = command.add_subparsers(dest="measure_command", metavar="ACTION", title="actions", required=True)
    importing = actions.add_parser(
        "import",
        help="append an export's rows to maps/measurements/<kpi-id>.csv (skips what is there)",
        description="Append an analytics or CRM export's rows to the KPI's measurements file (docs/format.md).",
    )
    importing.add_argument("export", metavar="EXPORT_CSV", help="the CSV file exported from the analytics or CRM tool")
    importing.add_argument("--kpi", required=True, metavar="ID", help="the KPI whose measurements file to write")
    importing.add_argument("--date-column", required=True, metavar="NAME", help="the export's column of dates")
    importing.add_argument("--value-column", required=True, metavar="NAME", help="the export's column of values")
    importing.add_argument(
        "--date-format", metavar="FORMAT", help="strptime format of the dates, e.g. %%Y%%m%%d (default: YYYY-MM-DD)"
    )
    importing.add_argument("--replace", action="store_true", help="take the export's value where a date differs")
    _add_site_flags(importing)


def _args_init(command: argparse.ArgumentParser) -> None:
    command.add_argument("dir", nargs="?", default=".", metavar="DIR", help="where (default: the current folder)")
    command.add_argument(
        "--requirement", metavar="REQ",
        help="how the workflows pip-install journeymaps, e.g. "
        "'journeymaps @ git+https://github.com/ORG/journeymaps@v0.1.0' "
        "(default: where this journeymaps was installed from, or journeymaps==VERSION)",
    )  # fmt: skip


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


def _silence_output() -> None:
    """Point stdout and stderr at /dev/null, so the interpreter's last flush finds no broken pipe either."""
    null = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        try:
            os.dup2(null, stream.fileno())
        except (OSError, ValueError):
            pass
    os.close(null)


def _terminated(signum: int, frame: object) -> None:
    # SIGTERM (CI cancelling a job, `timeout`) cleans up as Ctrl-C does: no half-built site left.
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    command_line = parser()
    args = command_line.parse_args(argv)
    if args.command is None:  # a bare `journeymaps`: the commands, on stderr with exit 2, as mkdocs and ruff do
        command_line.print_help(sys.stderr)
        return EXIT_USAGE
    signal.signal(signal.SIGTERM, _terminated)
    try:
        code = int(args.run(args))
        sys.stdout.flush()  # here, not at exit, so that a closed pipe is noticed while we can still answer
        return code
    except UsageError as error:  # messages name files, revisions and git's own words: escaped for the terminal
        print(f"journeymaps: {terminal(error)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("journeymaps: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `journeymaps validate | head -1`: the reader has gone; end quietly, as `cat` would
        _silence_output()
        return EXIT_BROKEN_PIPE
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
