"""The entry point: run the chosen command and turn every way it can end into an exit code, never a traceback."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Sequence

from ..escape import terminal
from .commands import parser
from .options import EXIT_BROKEN_PIPE, EXIT_USAGE, UsageError


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
