"""`journeymaps measure`: KPI measurements imported from an analytics or CRM export."""

from __future__ import annotations

import argparse
import sys

from ..escape import terminal
from .options import EXIT_INVALID, EXIT_OK, UsageError, _add_site_flags, _local_maps


def cmd_measure(args: argparse.Namespace) -> int:
    """`measure import`: an export's rows into a measurements file; conflicts (1), bad exports (2) write nothing."""
    from .. import measure

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
