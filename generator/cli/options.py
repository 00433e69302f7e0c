"""What every command shares: exit codes, usage errors, where the maps are, and the site's flags (`SITE_FLAGS`),
which win over mkdocs.yml's options.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from .. import report, siteconfig
from ..settings import Limits, OptionError, Options

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: what a shell reports for a tool stopped by a closed pipe


class UsageError(Exception):
    """A problem that is not the maps' fault (a missing folder, a bad option): exit code 2."""


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
        return Limits.from_options({**options.limits.model_dump(), **dict(item.partition("=")[::2] for item in given)})
    except ValueError as error:
        raise UsageError(f"--limit: {error}") from None


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
    Flag("stale_after_days", ("--stale-after-days",), "a KPI figure or journey review older than this "
         "is stale (default: 180)", "DAYS", _days),
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
    from .. import gitmaps

    options, given = _site(args, root)
    if "maps_dir" in given:
        written = args.site_maps_dir[-1]
    else:
        written = os.path.relpath(Path(options.maps_dir).resolve(), root.resolve())
    try:
        return gitmaps.maps_path(root, written), options
    except gitmaps.GitError as error:
        raise UsageError(str(error)) from None


def _color(args: argparse.Namespace, stream: TextIO) -> bool:
    """Colour on a terminal only: `--color`/`--no-color` decide, else NO_COLOR (any value) turns it off."""
    choice = getattr(args, "color", None)
    if choice is not None:
        return bool(choice)
    return not os.environ.get("NO_COLOR") and stream.isatty() and os.environ.get("TERM") != "dumb"


def _status(message: str) -> report.Status:
    """Says what a slow step is doing, on a terminal's stderr only (pipes and CI logs stay clean)."""
    return report.Status.on(sys.stderr, message)
