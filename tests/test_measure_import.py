"""`journeymaps measure import` on exports shaped like Google Analytics 4's and Zendesk Explore's, through the CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

from journeymaps import codes

from .conftest import EXAMPLE_MAPS, ROOT, run_cli, write_maps

EXPORTS = ROOT / "tests" / "fixtures" / "exports"
GA4 = EXPORTS / "ga4-add-to-cart-rate.csv"
GA4_RESTATED = EXPORTS / "ga4-add-to-cart-rate-restated.csv"
ZENDESK = EXPORTS / "zendesk-explore-support.csv"

KPIS = """\
kpis:
  - id: add-to-cart-rate
    name: Add-to-cart rate
    unit: percent
    direction: up
    target: 9
    owner: ecommerce
  - id: csat-support
    name: Support satisfaction
    unit: percent
    direction: up
    target: 85
    owner: ecommerce
  - id: tickets-solved
    name: Tickets solved
    unit: count
    direction: up
    owner: ecommerce
"""


def _maps(tmp_path: Path) -> Path:
    journey = codes._edited(
        "        owner: ecommerce\n",
        "        owner: ecommerce\n        kpis: [add-to-cart-rate, csat-support, tickets-solved]\n",
    )
    return write_maps(tmp_path, {"kpis.yaml": KPIS, "journeys/purchase.yaml": journey})


def _ga4(*extra: str, export: Path = GA4) -> list[str]:
    return ["measure", "import", str(export), "--kpi", "add-to-cart-rate", "--date-column", "Date",
            "--value-column", "Add-to-cart rate", "--date-format", "%Y%m%d", *extra]  # fmt: skip


def test_a_ga4_export_imported_twice_changes_nothing_the_second_time(tmp_path: Path) -> None:
    _maps(tmp_path)
    first = run_cli(*_ga4(), cwd=tmp_path)
    assert first.code == 0, first.err
    target = tmp_path / "maps" / "measurements" / "add-to-cart-rate.csv"
    written = target.read_text(encoding="utf-8")
    assert written == ("date,value\n2026-06-30,7.6\n2026-07-31,8.1\n2026-08-31,8.7\n2026-09-30,9.0\n2026-10-31,9.3\n")
    assert first.lines[0] == "added    2026-06-30 7.6"
    assert first.lines[-1] == "maps/measurements/add-to-cart-rate.csv: 5 added, 0 skipped (already there), 0 replaced"
    stamp = target.stat().st_mtime_ns
    second = run_cli(*_ga4(), cwd=tmp_path)
    assert second.code == 0, second.err
    assert second.lines == ["maps/measurements/add-to-cart-rate.csv: 0 added, 5 skipped (already there), 0 replaced"]
    assert target.read_text(encoding="utf-8") == written and target.stat().st_mtime_ns == stamp
    assert run_cli("validate", "--strict", "maps", cwd=tmp_path).code == 0


def test_a_conflicting_export_is_refused_and_the_file_left_untouched(tmp_path: Path) -> None:
    _maps(tmp_path)
    assert run_cli(*_ga4(), cwd=tmp_path).code == 0
    target = tmp_path / "maps" / "measurements" / "add-to-cart-rate.csv"
    before = target.read_bytes()
    run = run_cli(*_ga4(export=GA4_RESTATED), cwd=tmp_path)
    assert run.code == 1
    assert target.read_bytes() == before
    assert (
        f"maps/measurements/add-to-cart-rate.csv:6: conflict: 2026-10-31 is 9.3 here and 9.4 in {GA4_RESTATED}:11"
        in run.err
    ), run.err
    assert "nothing was written" in run.err and run.out == ""
    assert sorted(p.name for p in target.parent.iterdir()) == ["add-to-cart-rate.csv"]  # no temporary left


def test_replace_takes_the_exports_values(tmp_path: Path) -> None:
    _maps(tmp_path)
    assert run_cli(*_ga4(), cwd=tmp_path).code == 0
    run = run_cli(*_ga4("--replace", export=GA4_RESTATED), cwd=tmp_path)
    assert run.code == 0, run.err
    assert run.lines == [
        "added    2026-11-30 9.5",
        "replaced 2026-10-31 9.3 -> 9.4",
        "maps/measurements/add-to-cart-rate.csv: 1 added, 0 skipped (already there), 1 replaced",
    ]
    text = (tmp_path / "maps" / "measurements" / "add-to-cart-rate.csv").read_text(encoding="utf-8")
    assert text.endswith("2026-09-30,9.0\n2026-10-31,9.4\n2026-11-30,9.5\n")


def test_a_zendesk_export_with_percentages_and_thousands_separators(tmp_path: Path) -> None:
    _maps(tmp_path)
    common = ["--date-column", "Ticket solved - Date", "--date-format", "%m/%d/%Y"]
    run = run_cli("measure", "import", ZENDESK, "--kpi", "csat-support", "--value-column", "Satisfaction score",
                  *common, cwd=tmp_path)  # fmt: skip
    assert run.code == 0, run.err
    run = run_cli("measure", "import", ZENDESK, "--kpi", "tickets-solved", "--value-column", "Tickets solved",
                  *common, cwd=tmp_path)  # fmt: skip
    assert run.code == 0, run.err
    measurements = tmp_path / "maps" / "measurements"
    assert (measurements / "csat-support.csv").read_text(encoding="utf-8").splitlines()[-1] == "2026-10-31,84.5"
    assert (measurements / "tickets-solved.csv").read_text(encoding="utf-8").splitlines()[1:3] == [
        "2026-06-30,3412",
        "2026-07-31,3588",
    ]
    assert run_cli("validate", "--strict", "maps", cwd=tmp_path).code == 0


def test_rows_already_in_the_file_keep_their_notes_and_new_ones_are_sorted_in(tmp_path: Path) -> None:
    maps = _maps(tmp_path)
    (maps / "measurements").mkdir()
    (maps / "measurements" / "add-to-cart-rate.csv").write_text(
        'date,value,note\n2026-05-31,7.2,"before the new, larger photos"\n2026-07-31,8.1,\n', encoding="utf-8"
    )
    run = run_cli(*_ga4(), cwd=tmp_path)
    assert run.code == 0, run.err
    assert run.lines[-1].endswith(": 4 added, 1 skipped (already there), 0 replaced")
    assert (maps / "measurements" / "add-to-cart-rate.csv").read_text(encoding="utf-8").splitlines()[:4] == [
        "date,value,note",
        '2026-05-31,7.2,"before the new, larger photos"',
        "2026-06-30,7.6,",
        "2026-07-31,8.1,",
    ]


def test_usage_problems_name_the_export_line_and_write_nothing(tmp_path: Path) -> None:
    _maps(tmp_path)
    run = run_cli(*_ga4()[:-2], cwd=tmp_path)  # no --date-format: 20260630 is not an ISO date
    assert run.code == 2 and f"{GA4}:11: '20260630' is not a date an ISO date" in run.err, run.err
    run = run_cli("measure", "import", GA4, "--kpi", "add-to-cart-rate", "--date-column", "Date",
                  "--value-column", "Add to cart rate", cwd=tmp_path)  # fmt: skip
    assert run.code == 2 and "(did you mean 'Add-to-cart rate'?)" in run.err, run.err
    run = run_cli(*_ga4()[:3], "--kpi", "add-to-cart", *_ga4()[5:], cwd=tmp_path)
    assert run.code == 2 and "no KPI 'add-to-cart' in maps (did you mean 'add-to-cart-rate'?)" in run.err, run.err
    bad = tmp_path / "bad.csv"
    bad.write_text("Date,Value\n2026-10-31,n/a\n", encoding="utf-8")
    run = run_cli("measure", "import", bad, "--kpi", "csat-support", "--date-column", "Date", "--value-column",
                  "Value", cwd=tmp_path)  # fmt: skip
    assert run.code == 2 and f"{bad}:2: value 'n/a' is not a number" in run.err, run.err
    assert not (tmp_path / "maps" / "measurements").exists()
    assert "Traceback" not in run.err


def test_a_measurements_file_with_problems_is_not_touched(tmp_path: Path) -> None:
    maps = _maps(tmp_path)
    (maps / "measurements").mkdir()
    target = maps / "measurements" / "add-to-cart-rate.csv"
    target.write_text("date,value\n2026-06-31,7.6\n", encoding="utf-8")
    run = run_cli(*_ga4(), cwd=tmp_path)
    assert run.code == 1
    assert "maps/measurements/add-to-cart-rate.csv:2:1: error JM404 " in run.out, run.out
    assert target.read_text(encoding="utf-8") == "date,value\n2026-06-31,7.6\n"


def test_the_maps_folder_and_limits_come_from_mkdocs_yml(tmp_path: Path) -> None:
    _maps(tmp_path).rename(tmp_path / "journey-maps")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Maps\ntheme:\n  name: material\nplugins:\n  - journeymaps:\n      maps_dir: journey-maps\n"
        "      limits: {max_file_bytes: 200}\n",
        encoding="utf-8",
    )
    run = run_cli(*_ga4(), cwd=tmp_path)
    assert run.code == 2 and "(the maps have errors: run journeymaps validate)" in run.err, run.err  # too large
    run = run_cli(*_ga4(), "--limit", "max_file_bytes=100000", cwd=tmp_path)
    assert run.code == 0, run.err
    assert run.lines[-1].startswith("journey-maps/measurements/add-to-cart-rate.csv: 5 added")
    assert (tmp_path / "journey-maps" / "measurements" / "add-to-cart-rate.csv").is_file()


# The example maps' measurements files, each made from an export kept here: (export, KPI, date column, value column,
# date format). NPS is the one typed by hand (a quarterly survey with notes).
EXAMPLE_IMPORTS = [
    (GA4, "add-to-cart-rate", "Date", "Add-to-cart rate", "%Y%m%d"),
    (ZENDESK, "csat-support", "Ticket solved - Date", "Satisfaction score", "%m/%d/%Y"),
    (ZENDESK, "first-contact-resolution", "Ticket solved - Date", "One-touch tickets %", "%m/%d/%Y"),
    (EXPORTS / "salesforce-lead-funnel.csv", "mql-to-sql-rate", "Period End", "MQL to SQL Conversion (%)", "%m/%d/%Y"),
    (EXPORTS / "grafana-activation-contacts.csv", "activation-contact-rate", "Time", "activation_contact_rate",
     "%Y-%m-%d %H:%M:%S"),
]  # fmt: skip


def test_the_example_measurements_are_the_exports_imported(tmp_path: Path) -> None:
    """Every measured KPI of the example maps but NPS comes from a realistic export, re-imported here byte for byte."""
    maps = tmp_path / "maps"
    shutil.copytree(EXAMPLE_MAPS, maps)
    measured = sorted(p.stem for p in (EXAMPLE_MAPS / "measurements").glob("*.csv"))
    assert sorted([kpi for _, kpi, *_ in EXAMPLE_IMPORTS] + ["nps"]) == measured
    for export, kpi, date_column, value_column, date_format in EXAMPLE_IMPORTS:
        (maps / "measurements" / f"{kpi}.csv").unlink()
        run = run_cli("measure", "import", export, "--kpi", kpi, "--date-column", date_column,
                      "--value-column", value_column, "--date-format", date_format, cwd=tmp_path)  # fmt: skip
        assert run.code == 0, run.err
        written = (maps / "measurements" / f"{kpi}.csv").read_bytes()
        assert written == (EXAMPLE_MAPS / "measurements" / f"{kpi}.csv").read_bytes(), kpi
    assert run_cli("validate", "maps", cwd=tmp_path).code == 0  # not --strict: the example has a review due (JM606)
