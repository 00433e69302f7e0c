"""`journeymaps measure import`: an analytics or CRM export's rows into a KPI's measurements file.

Exports are read as the tools write them (comment lines above the table, dates like 20261031, values
like "1,234" or 12.5%); the measurements file is only ever written whole, sorted by date, through a
temporary file and a rename, so a failure or a conflict leaves it exactly as it was.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .measurements import FOLDER, ISO_DATE, PLAIN_NUMBER, MeasurementFile, Row, read
from .problems import Problem, did_you_mean, quote
from .settings import Settings

THOUSANDS = re.compile(r"^-?[0-9]{1,3}([,\u00a0\u202f ][0-9]{3})+(\.[0-9]+)?$")
"""1,234 or 1 234 (a no-break or narrow space, as some tools write it), with an optional decimal part."""


class ExportError(Exception):
    """The export cannot be read as asked (not the maps' fault): exit code 2, naming the export and its line."""


@dataclass(frozen=True)
class Figure:
    """One row of the export: where it is, its date and its value as a plain number."""

    line: int
    date: dt.date
    text: str

    @property
    def value(self) -> float:
        return float(self.text)


@dataclass
class Plan:
    """What importing would do to the measurements file."""

    rows: list[Row]
    added: list[Figure] = field(default_factory=list)
    skipped: list[Figure] = field(default_factory=list)
    replaced: list[tuple[Row, Figure]] = field(default_factory=list)
    conflicts: list[tuple[Row, Figure]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.replaced)


def read_export(
    path: Path, date_column: str, value_column: str, date_format: str | None, max_bytes: int
) -> list[Figure]:
    """The (date, value) rows of an export; ExportError names the first thing that cannot be read."""
    shown = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ExportError(f"{shown} is {size:,} bytes, over the limit of {max_bytes:,} (max_file_bytes)")
        raw = path.read_bytes()
    except OSError as error:
        raise ExportError(f"cannot read {shown}: {error.strerror or error}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise ExportError(f"{shown}:{line}: the export is not UTF-8 text: export or save it as UTF-8") from None
    numbered = [
        (number, line)
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not numbered:
        raise ExportError(f"{shown}: the export has no table (only comments or blank lines)")
    delimiter = _delimiter(numbered[0][1])
    try:
        records = list(csv.reader((line for _, line in numbered), delimiter=delimiter, strict=True))
    except csv.Error as error:
        raise ExportError(f"{shown}: the export is not valid CSV ({error})") from None
    if len(records) != len(numbered):
        raise ExportError(f"{shown}: a quoted value spans several lines; the export must hold one row a line")
    header = [name.strip() for name in records[0]]
    date_at = _column(header, date_column, "--date-column", shown, numbered[0][0])
    value_at = _column(header, value_column, "--value-column", shown, numbered[0][0])
    figures = [
        Figure(number, _date(fields, date_at, date_format, shown, number), _value(fields, value_at, shown, number))
        for (number, _), fields in zip(numbered[1:], records[1:], strict=True)
    ]
    if not figures:
        raise ExportError(f"{shown}: the export has a header but no rows")
    return figures


def _delimiter(header: str) -> str:
    """Comma, or the semicolon or tab some tools (and spreadsheets in many locales) write instead."""
    if "," in header:
        return ","
    return ";" if ";" in header else "\t" if "\t" in header else ","


def _column(header: list[str], name: str, option: str, shown: str, line: int) -> int:
    if name.strip() in header:
        return header.index(name.strip())
    columns = ", ".join(quote(h, 40) for h in header[:30])
    raise ExportError(
        f"{shown}:{line}: {option} {quote(name)} is not a column of the export{did_you_mean(name, header)}; "
        f"its columns are {columns}"
    )


def _cell(fields: list[str], index: int, shown: str, line: int) -> str:
    if index >= len(fields):
        raise ExportError(f"{shown}:{line}: the row has {len(fields)} fields, fewer than the header")
    return fields[index].strip()


def _date(fields: list[str], index: int, date_format: str | None, shown: str, line: int) -> dt.date:
    text = _cell(fields, index, shown, line)
    try:
        if date_format:
            return dt.datetime.strptime(text, date_format).date()
        if ISO_DATE.match(text):
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    wanted = f"in the format {quote(date_format)}" if date_format else "an ISO date YYYY-MM-DD (see --date-format)"
    raise ExportError(f"{shown}:{line}: {quote(text)} is not a date {wanted}")


def plain_number(text: str) -> str | None:
    """'1,234' -> '1234', '12.5%' -> '12.5', ' 3 ' -> '3'; None when the text is no number at all."""
    text = text.strip()
    if text.endswith("%"):
        text = text[:-1].rstrip()
    if THOUSANDS.match(text):
        text = re.sub(r"[,\u00a0\u202f ]", "", text)
    return text if PLAIN_NUMBER.match(text) else None


def _value(fields: list[str], index: int, shown: str, line: int) -> str:
    text = _cell(fields, index, shown, line)
    number = plain_number(text)
    if number is None:
        raise ExportError(
            f"{shown}:{line}: value {quote(text)} is not a number (a thousands separator, a percent sign and "
            "surrounding spaces are fine)"
        )
    return number


def plan(rows: list[Row], figures: list[Figure], replace: bool, shown: str) -> Plan:
    """Merge the export's figures into the file's rows: new dates added, equal values skipped, others conflicts."""
    by_date: dict[dt.date, Figure] = {}
    for figure in figures:
        seen = by_date.get(figure.date)
        if seen is not None and seen.value != figure.value:
            raise ExportError(
                f"{shown}:{figure.line}: {figure.date} has the value {figure.text} here and {seen.text} "
                f"on line {seen.line}: the export must give one value a date"
            )
        by_date.setdefault(figure.date, figure)
    result = Plan(rows=[])
    existing = {row.date: row for row in rows}
    merged = dict(existing)
    for date, figure in sorted(by_date.items()):
        row = existing.get(date)
        if row is None:
            result.added.append(figure)
            merged[date] = Row(0, date, figure.value, figure.text)
        elif row.value == figure.value:
            result.skipped.append(figure)
        elif replace:
            result.replaced.append((row, figure))
            merged[date] = Row(row.line, date, figure.value, figure.text, row.note)
        else:
            result.conflicts.append((row, figure))
    result.rows = [merged[date] for date in sorted(merged)]
    return result


def render(rows: list[Row]) -> str:
    """The measurements file's text: the header, then one row a date (a note column only when a row has one)."""
    with_note = any(row.note for row in rows)

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("date", "value", "note") if with_note else ("date", "value"))
    for row in rows:
        writer.writerow((row.date.isoformat(), row.text, row.note) if with_note else (row.date.isoformat(), row.text))
    return out.getvalue()


def write_atomically(target: Path, text: str) -> None:
    """Write through a temporary file in the same folder and a rename: readers see the old file or the new one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@dataclass(frozen=True)
class Request:
    """What `measure import` was asked to do."""

    export: str
    kpi: str
    date_column: str
    value_column: str
    date_format: str | None = None
    replace: bool = False


@dataclass
class Done:
    """What an import did (or, with conflicts or problems in the file, would have done: nothing was written)."""

    shown: str
    plan: Plan
    request: Request
    problems: list[Problem] = field(default_factory=list)
    note: str = ""

    def conflict_lines(self) -> list[str]:
        if not self.plan.conflicts:
            return []
        lines = [
            f"{self.shown}:{row.line}: conflict: {row.date} is {row.text} here and {figure.text} in "
            f"{self.request.export}:{figure.line}"
            for row, figure in self.plan.conflicts
        ]
        return [
            *lines,
            f"journeymaps: {len(self.plan.conflicts)} date(s) already have another value, so nothing was written "
            "(--replace takes the export's values)",
        ]

    def report_lines(self) -> list[str]:
        lines = [f"added    {figure.date} {figure.text}" for figure in self.plan.added]
        lines += [f"replaced {figure.date} {row.text} -> {figure.text}" for row, figure in self.plan.replaced]
        summary = f"{len(self.plan.added)} added, {len(self.plan.skipped)} skipped (already there), "
        return [*lines, f"{self.shown}: {summary}{len(self.plan.replaced)} replaced"]


def run(maps_dir: Path, shown_maps: str, request: Request, settings: Settings) -> Done:
    """Import an export into the KPI's measurements file; written only when there is no conflict and no problem."""
    from .validate import validate  # the maps say which KPIs exist

    result = validate(maps_dir, settings, display_root=shown_maps)
    kpi = result.maps.kpis.get(request.kpi)
    if kpi is None:
        hint = " (the maps have errors: run journeymaps validate)" if result.errors else ""
        raise ExportError(
            f"no KPI {quote(request.kpi)} in {shown_maps}{did_you_mean(request.kpi, result.maps.kpis)}{hint}"
        )
    target = maps_dir / FOLDER / f"{request.kpi}.csv"
    shown = f"{shown_maps}/{FOLDER}/{request.kpi}.csv"
    rows: list[Row] = []
    if target.is_file():
        existing = MeasurementFile(f"{FOLDER}/{request.kpi}.csv", shown)
        read(existing, target, settings)  # bounded and checked as validate reads it
        if existing.problems:
            return Done(shown, Plan(rows=[]), request, existing.problems)
        rows = existing.rows
    figures = read_export(
        Path(request.export), request.date_column, request.value_column, request.date_format,
        settings.limits.max_file_bytes,
    )  # fmt: skip
    done = Done(shown, plan(rows, figures, request.replace, request.export), request)
    if done.plan.conflicts:
        return done
    if done.plan.changed:
        try:
            write_atomically(target, render(done.plan.rows))
        except OSError as error:
            raise ExportError(f"cannot write {shown}: {error.strerror or error}") from None
    if {"current", "as_of", "history"} & kpi.model_fields_set:
        done.note = (
            f"KPI '{request.kpi}' also writes current, as_of or history in YAML: remove them there "
            "(one source for each figure)"
        )
    return done
