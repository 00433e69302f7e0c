"""Problem codes JM401-JM410: measurements files (`measurements/<kpi-id>.csv`)."""

from __future__ import annotations

from .examples import _MEASURED_KPI, Code, E, W, _measured

CODES: tuple[Code, ...] = (
    # Measurements files: measurements/<kpi-id>.csv.
    Code(
        "JM401",
        "measurements-unknown-kpi",
        E,
        "A measurements file whose name is not the id of a KPI defined in `kpis.yaml` or a journey; a close match "
        "is suggested.",
        failing=_measured(name="measurements/npss.csv"),
        passing=_measured(),
    ),
    Code(
        "JM402",
        "measurements-header",
        E,
        "The first row of a measurements file is not the header `date,value` or `date,value,note`.",
        failing=_measured("Date;Value\n2026-08-31;29\n"),
        passing=_measured(),
    ),
    Code(
        "JM403",
        "measurements-row",
        E,
        "A row that is not valid CSV (an unclosed quote) or has more or fewer fields than the header: a note with "
        "a comma goes in double quotes.",
        failing=_measured("date,value,note\n2026-08-31,29,after the new, faster returns form\n"),
        passing=_measured('date,value,note\n2026-08-31,29,"after the new, faster returns form"\n'),
    ),
    Code(
        "JM404",
        "measurements-date",
        E,
        "A row's date that is not a real calendar date in the form YYYY-MM-DD.",
        failing=_measured("date,value\n2026-09-31,29\n"),
        passing=_measured("date,value\n2026-09-30,29\n"),
    ),
    Code(
        "JM405",
        "measurements-order",
        E,
        "A row's date that is not after the date of the row before: one row a date, oldest first.",
        failing=_measured("date,value\n2026-09-30,31\n2026-08-31,29\n"),
        passing=_measured("date,value\n2026-08-31,29\n2026-09-30,31\n"),
    ),
    Code(
        "JM406",
        "measurements-value",
        E,
        "A value that is not a plain number with `.` as the decimal point (no thousands separator, unit or percent "
        "sign; `journeymaps measure import` turns an export's `1,234` or `12.5%` into one).",
        failing=_measured('date,value\n2026-09-30,"1,234"\n'),
        passing=_measured("date,value\n2026-09-30,1234\n"),
    ),
    Code(
        "JM407",
        "two-sources",
        E,
        "A KPI with a measurements file that also writes `current`, `as_of` or `history` in YAML: one source for "
        "each figure.",
        failing=_measured(kpis=_MEASURED_KPI + "    current: 31\n    as_of: 2026-09-30\n"),
        passing=_measured(),
    ),
    Code(
        "JM408",
        "stray-measurements",
        E,
        "A `.csv` file under the maps folder other than `measurements/<kpi-id>.csv` (a misspelt folder, a subfolder, "
        "an upper-case `.CSV`): it would otherwise be ignored without a word.",
        failing=_measured(name="measurement/nps.csv"),
        passing=_measured(),
    ),
    Code(
        "JM409",
        "measurements-empty",
        E,
        "A measurements file without a header or without rows: add a row or remove the file.",
        failing=_measured("date,value\n"),
        passing=_measured(),
    ),
    Code(
        "JM410",
        "stale-kpi",
        W,
        "A KPI whose latest figure (`as_of`, or the last row of its measurements file) is older than "
        "`stale_after_days` (180 unless configured); today is the date of `SOURCE_DATE_EPOCH` when it is set.",
        failing=_measured("date,value\n2025-01-31,27\n2025-02-28,29\n"),
        passing=_measured(),
    ),
)
