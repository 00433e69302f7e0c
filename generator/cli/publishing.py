"""The commands that publish: `build`, `serve` and `generate`, with either engine."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..atomic import WriteError, describe
from ..escape import terminal
from .options import EXIT_INVALID, EXIT_OK, UsageError, _add_site_flags, _color, _local_maps, _shown, _site


def _plugin_changes(args: argparse.Namespace) -> dict[str, object]:
    """The site's options given on the command line, for the plugin of `build` (mkdocs.yml gives the rest)."""
    options, given = _site(args)
    return {name: getattr(options, name) for name in given}


def cmd_build(args: argparse.Namespace) -> int:
    from .. import site

    changes = _plugin_changes(args)
    try:
        if args.engine == "zensical":
            from .. import zensical_site

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
    from .. import site

    try:
        if args.engine == "zensical":
            from .. import zensical_site

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
    from .. import folder
    from ..diagrams import RenderError
    from ..generate import generate

    out_dir = Path(args.out_dir)
    try:
        folder.check_out_dir(out_dir, args.out_dir)  # before any work: a refused folder costs nothing
    except FileExistsError as error:
        raise UsageError(str(error)) from None
    maps_dir, shown, options = _local_maps(args)
    if options.templates_dir and not Path(options.templates_dir).is_dir():
        raise UsageError(f"templates_dir '{_shown(Path(options.templates_dir))}' not found")
    try:
        result = generate(maps_dir, out_dir, options, display_root=shown, color=_color(args, sys.stderr))
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
