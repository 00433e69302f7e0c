"""Measurements files (`maps/measurements/<kpi-id>.csv`): read, check and merge into their KPIs.

A KPI's figures come from one place: its YAML (`current`, `as_of`, `history`) or its measurements
file, whose last row is the current figure and whose rows are the history. The merge happens on the
model, so every page that shows a KPI shows the file's figure and trend without knowing about files.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .load import SourceFile, utf8_text
from .model import FORBIDDEN, HistoryPoint, Journey, Kpi, Maps, forbidden_character_message
from .problems import Problem, capped, did_you_mean, quote
from .settings import Settings

FOLDER = "measurements"
HEADERS = (("date", "value"), ("date", "value", "note"))
PLAIN_NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


@dataclass(frozen=True)
class Row:
    """One measured figure, with the line it starts on (for problems) and its value as written."""

    line: int
    date: dt.date
    value: float
    text: str
    note: str = ""


@dataclass
class MeasurementFile:
    """One `measurements/<kpi-id>.csv`: its rows once read, and its problems."""

    rel: str
    display: str
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def kpi_id(self) -> str:
        return PurePosixPath(self.rel).stem


def discover(maps_dir: Path, display_root: str) -> tuple[list[MeasurementFile], list[Problem]]:
    """Every `measurements/<id>.csv`; any other `.csv` under the maps folder is a problem (it would be ignored)."""
    found: list[MeasurementFile] = []
    problems: list[Problem] = []
    for path in sorted(maps_dir.rglob("*")):
        rel_path = path.relative_to(maps_dir)
        if path.suffix.lower() != ".csv" or any(p.startswith(".") for p in rel_path.parts) or not path.is_file():
            continue
        rel = rel_path.as_posix()
        display = f"{display_root.rstrip('/')}/{rel}" if display_root else rel
        if len(rel_path.parts) == 2 and rel_path.parts[0] == FOLDER and path.suffix == ".csv":
            found.append(MeasurementFile(rel, display))
            continue
        top = rel_path.parts[0] if len(rel_path.parts) > 1 else ""
        hint = did_you_mean(top, [FOLDER]) if top and top != FOLDER else ""
        problems.append(
            Problem(
                display,
                1,
                1,
                "JM408",
                f"'{rel}' is not a measurements file, so it would be ignored{hint}: measurements go directly "
                f"in {FOLDER}/, one file per KPI named <kpi-id>.csv",
            )
        )
    return found, problems


def read(source: MeasurementFile, path: Path, settings: Settings) -> None:
    """Read one measurements file into `source.rows`, recording its problems; never raises for bad input."""
    size = path.stat().st_size
    limit = settings.limits.max_file_bytes
    if size > limit:
        message = f"file is {size:,} bytes, over the limit of {limit:,} (max_file_bytes)"
        source.problems.append(Problem(source.display, 1, 1, "JM001", message))
        return
    source.rows, source.problems = parse(path.read_bytes(), source.display, settings)


def parse(raw: bytes, display: str, settings: Settings) -> tuple[list[Row], list[Problem]]:
    """The rows of a measurements file's bytes and its problems (rows are kept only when there are none)."""
    text, problems = _decode(raw, display)
    if problems:
        return [], _bounded(problems)
    lines = text.splitlines(keepends=True)
    rows: list[Row] = []
    header: tuple[str, ...] | None = None
    for start, fields in _records(lines, display, problems, settings.limits.max_values):
        if header is None:
            header = tuple(fields)
            if header not in HEADERS:
                found = quote(",".join(fields))
                message = f"the first row must be the header 'date,value' or 'date,value,note', found {found}"
                return [], [*problems, Problem(display, start, 1, "JM402", message)]
        elif len(fields) != len(header):
            problems.append(
                Problem(
                    display,
                    start,
                    1,
                    "JM403",
                    f"this row has {len(fields)} field{'s' if len(fields) != 1 else ''} and the header "
                    f"{len(header)} ({','.join(header)}); a note with a comma goes in double quotes",
                )
            )
        elif row := _row(fields, start, _columns(lines[start - 1]), display, settings, problems):
            if rows and row.date <= rows[-1].date:
                word = "repeats" if row.date == rows[-1].date else "comes before"
                message = (
                    f"date {row.date} {word} the date of the row before ({rows[-1].date}, line {rows[-1].line}): "
                    "one row a date, oldest first"
                )
                problems.append(Problem(display, start, 1, "JM405", message))
            rows.append(row)
    if header is None:
        message = "the file is empty: it needs the header 'date,value' and one row a date"
        problems.append(Problem(display, 1, 1, "JM409", message))
    elif not rows and not problems:
        problems.append(
            Problem(display, 1, 1, "JM409", "the file has a header but no rows: add a row or remove the file")
        )
    return (rows if not problems else []), _bounded(problems)


def _decode(raw: bytes, display: str) -> tuple[str, list[Problem]]:
    """The text of the file, or the problems that keep it from being read (not UTF-8, hidden characters)."""
    text = utf8_text(raw, display)
    if isinstance(text, Problem):
        return "", [text]
    problems = []
    for match in FORBIDDEN.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        problems.append(Problem(display, line, column, "JM003", forbidden_character_message(match.group())))
    return text, problems


def _records(
    lines: list[str], display: str, problems: list[Problem], max_values: int
) -> Iterator[tuple[int, list[str]]]:
    """(line the record starts on, its fields) for each non-blank CSV record; a syntax error ends the file,
    and so does passing `max_values` fields in all, as for YAML (a few MiB of rows is a dashboard, not a KPI)."""
    reader = csv.reader(lines, strict=True)
    values = 0
    while True:
        start = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            problems.append(Problem(display, start, 1, "JM403", f"this row is not valid CSV ({error})"))
            return
        values += len(fields)
        if values > max_values:
            message = f"more than {max_values:,} values in this file (max_values): reading stops at this row"
            problems.append(Problem(display, start, 1, "JM015", message))
            return
        if fields and fields != [""]:
            yield start, fields


def _row(
    fields: list[str], line: int, columns: list[int], display: str, settings: Settings, problems: list[Problem]
) -> Row | None:
    def column(index: int) -> int:
        return columns[index] if index < len(columns) else 1

    date_text, value_text = fields[0], fields[1]
    note = fields[2] if len(fields) > 2 else ""
    date = None
    if ISO_DATE.match(date_text):
        try:
            date = dt.date.fromisoformat(date_text)
        except ValueError:
            pass
    if date is None:
        problems.append(
            Problem(
                display,
                line,
                column(0),
                "JM404",
                f"{quote(date_text)} is not a real calendar date in the form YYYY-MM-DD",
            )
        )
    if not PLAIN_NUMBER.match(value_text):
        hint = " (`journeymaps measure import` reads values like '1,234' and '12.5%')" if value_text.strip() else ""
        problems.append(
            Problem(
                display,
                line,
                column(1),
                "JM406",
                f"value {quote(value_text)} is not a plain number such as 1234 or 12.5{hint}",
            )
        )
        return None
    limit = settings.limits.max_text_length
    if len(note) > limit:
        problems.append(
            Problem(
                display,
                line,
                column(2),
                "JM112",
                f"note of {len(note):,} characters is longer than the limit of {limit:,}",
            )
        )
    return Row(line, date, float(value_text), value_text, note) if date is not None else None


def _columns(line: str) -> list[int]:
    """The 1-based column where each field of a CSV line starts (quotes respected)."""
    columns, quoted = [1], False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            columns.append(index + 2)
    return columns


def _bounded(problems: list[Problem]) -> list[Problem]:
    """The first problems of each code, then one line counting the rest (`problems.capped`, as for YAML)."""
    return capped(problems)


def apply(
    maps: Maps, measured: list[MeasurementFile], yaml_files: list[SourceFile], unknown_ok: set[str]
) -> list[Problem]:
    """Check each file names a KPI with no figures of its own in YAML, then merge its rows into that KPI.

    `unknown_ok` holds KPI ids whose YAML did not load ('*': none can be judged), so a file for
    one of them is not called unknown; its file's own problem says what to fix.
    """
    problems: list[Problem] = []
    for source in measured:
        kpi = maps.kpis.get(source.kpi_id)
        if kpi is None:
            if source.kpi_id not in unknown_ok and "*" not in unknown_ok:
                problems.append(
                    Problem(
                        source.display,
                        1,
                        1,
                        "JM401",
                        f"no KPI has the id {quote(source.kpi_id)} that this file's name gives it"
                        f"{did_you_mean(source.kpi_id, maps.kpis)}: the name is the KPI id, as in <kpi-id>.csv",
                    )
                )
            continue
        written: list[str] = [name for name in ("current", "as_of", "history") if name in kpi.model_fields_set]
        if written:
            problems.append(_two_sources(maps, kpi, written, source, yaml_files))
            continue
        if source.rows:
            _merge(maps, kpi, source.rows)
    return problems


def _two_sources(
    maps: Maps, kpi: Kpi, written: list[str], table: MeasurementFile, yaml_files: list[SourceFile]
) -> Problem:
    """JM407 at the first figure the YAML writes, naming the file that also gives it."""
    home = maps.journeys[kpi.defined_in].source if kpi.defined_in in maps.journeys else maps.sources.get("kpis")
    message = (
        f"KPI '{kpi.id}' takes its figures from {table.rel}, and also writes {', '.join(written)} here: "
        "one source for each figure, so remove them here"
    )
    for source in yaml_files:
        if source.rel == home and isinstance(source.data, dict) and isinstance(source.data.get("kpis"), list):
            index = next(
                (
                    i
                    for i, item in enumerate(source.data["kpis"])
                    if isinstance(item, dict) and item.get("id") == kpi.id
                ),
                None,
            )
            if index is not None:
                return source.problem(("kpis", index, written[0]), "JM407", message, key=True)
    return Problem(table.display, 1, 1, "JM407", message)


def _merge(maps: Maps, kpi: Kpi, rows: list[Row]) -> None:
    """Replace the KPI by a copy carrying the file's figures, wherever the maps hold it (models are frozen)."""
    data = {name: getattr(kpi, name) for name in kpi.model_fields_set}
    data.update(
        current=rows[-1].value,
        as_of=rows[-1].date,
        history=[HistoryPoint(date=row.date, value=row.value) for row in rows],
    )
    merged = Kpi.model_validate(data)
    merged.define_in(kpi.defined_in)
    maps.kpis[kpi.id] = merged
    journey = maps.journeys.get(kpi.defined_in)
    if isinstance(journey, Journey):
        for index, candidate in enumerate(journey.kpis):
            if candidate.id == kpi.id:
                journey.kpis[index] = merged
