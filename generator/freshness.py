"""KPI freshness: a figure older than `stale_after_days` is reported, so that a dashboard nobody updates shows.

"Today" is the date of SOURCE_DATE_EPOCH when that is set (reproducible builds and tests), else the
machine's date in UTC.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Mapping

from .load import SourceFile
from .measurements import MeasurementFile
from .model import Kpi, Maps
from .problems import Problem, Severity


def today(environ: Mapping[str, str] | None = None) -> dt.date:
    """SOURCE_DATE_EPOCH's date (UTC) when it is a whole number of seconds, else today's date in UTC."""
    epoch = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
        except (OverflowError, OSError, ValueError):
            pass
    return dt.datetime.now(tz=dt.UTC).date()


def is_stale(kpi: Kpi, days: int, on: dt.date) -> bool:
    """The KPI's latest figure (`as_of`, merged from its measurements file where it has one) is older than `days`.
    A KPI without any figure is not stale: it has no data, and its status says so."""
    return kpi.as_of is not None and (on - kpi.as_of).days > days


def stale_kpis(
    maps: Maps, measured: list[MeasurementFile], yaml_files: list[SourceFile], days: int, on: dt.date
) -> Iterator[Problem]:
    """JM410 for each KPI whose latest figure (`as_of`, or its measurements file's last row) is older than `days`."""
    tables = {table.kpi_id: table for table in measured}
    for kpi in maps.kpis.values():
        if not is_stale(kpi, days, on):
            continue
        message = (
            f"KPI '{kpi.id}' is stale: its latest figure, of {kpi.as_of}, is more than {days} days old "
            "(stale_after_days): add a newer one"
        )
        table = tables.get(kpi.id)
        if table is not None and table.rows:
            yield Problem(table.display, table.rows[-1].line, 1, "JM410", message, Severity.WARNING)
        else:
            yield _at_as_of(maps, kpi, yaml_files, message)


def _at_as_of(maps: Maps, kpi: Kpi, yaml_files: list[SourceFile], message: str) -> Problem:
    home = maps.journeys[kpi.defined_in].source if kpi.defined_in in maps.journeys else maps.sources.get("kpis")
    source = next((s for s in yaml_files if s.rel == home), None)
    if source is None:  # not reached: every KPI comes from a loaded file
        return Problem(str(home), 1, 1, "JM410", message, Severity.WARNING)
    items = source.data.get("kpis") if isinstance(source.data, dict) else None
    index = next((i for i, item in enumerate(items or []) if isinstance(item, dict) and item.get("id") == kpi.id), None)
    path = ("kpis", index, "as_of") if index is not None else ()
    return source.problem(path, "JM410", message)  # a warning: the catalogue says so
