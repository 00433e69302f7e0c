"""Measurements files through the real CLI: read, bounded, checked, and merged into every page that shows the KPI."""

from __future__ import annotations

from pathlib import Path

from journeymaps import codes
from journeymaps.problems import MAX_PER_CODE

from .conftest import run_cli, write_maps

ROWS = "date,value,note\n2026-08-31,29,\n2026-09-30,31,after the new returns form\n2026-10-31,33.5,\n"


def _maps(tmp_path: Path, rows: str | bytes = ROWS, **extra: str | bytes | None) -> Path:
    overlay: dict[str, str | bytes | None] = {**codes._measured(), "measurements/nps.csv": rows}
    overlay.update({k.replace("__", "/"): v for k, v in extra.items()})
    return write_maps(tmp_path, overlay)


def test_figures_from_the_file_reach_every_page_that_shows_the_kpi(tmp_path: Path) -> None:
    maps = _maps(tmp_path)
    assert run_cli("validate", "--strict", maps).code == 0
    run = run_cli("generate", tmp_path / "out", "--maps-dir", maps)
    assert run.code == 0, run.err
    out = tmp_path / "out"
    for page in ("kpis.md", "journeys/purchase/checkout.md", "departments/ecommerce.md"):
        text = (out / page).read_text(encoding="utf-8")
        assert "33.5" in text and "2026-10-31" in text, page
    kpis = (out / "kpis.md").read_text(encoding="utf-8")
    assert "<svg" in kpis and "2026-08-31" in kpis  # the trend drawn from every row


def test_a_byte_order_mark_and_windows_line_breaks_are_fine(tmp_path: Path) -> None:
    maps = _maps(tmp_path, b"\xef\xbb\xbf" + ROWS.replace("\n", "\r\n").encode())
    run = run_cli("validate", "--strict", maps)
    assert run.code == 0, run.out


def test_the_size_limit_applies_to_measurements_files(tmp_path: Path) -> None:
    maps = _maps(tmp_path, "date,value\n" + "".join(f"20{y:02d}-01-01,{y}\n" for y in range(10, 99)))
    run = run_cli("validate", "--limit", "max_file_bytes=1000", maps)
    assert run.code == 1
    assert any(line.startswith(f"{maps}/measurements/nps.csv:1:1: error JM001 ") for line in run.lines), run.out


def test_measurements_files_count_towards_max_files(tmp_path: Path) -> None:
    maps = _maps(tmp_path)
    assert run_cli("validate", "--limit", "max_files=5", maps).code == 0  # 4 YAML files and 1 CSV
    run = run_cli("validate", "--limit", "max_files=4", maps)
    assert run.code == 1 and " JM014 5 map files, over the limit of 4" in run.out, run.out


def test_bad_bytes_and_hidden_characters_are_named_by_line_and_column(tmp_path: Path) -> None:
    maps = _maps(tmp_path, b"date,value\n2026-09-30,3\xff1\n")
    run = run_cli("validate", maps)
    assert f"{maps}/measurements/nps.csv:2:13: error JM002 " in run.out, run.out
    maps = _maps(tmp_path, "date,value,note\n2026-09-30,31,see \u202eadmin\n")
    run = run_cli("validate", maps)
    assert f"{maps}/measurements/nps.csv:2:19: error JM003 bidirectional-override" in run.out, run.out


def test_a_flood_of_bad_rows_is_a_few_lines(tmp_path: Path) -> None:
    rows = "date,value\n" + "".join(f"2026-01-{d:02d},{d}%\n" for d in range(1, 29)) * 40
    run = run_cli("validate", _maps(tmp_path, rows))
    assert run.code == 1
    assert len(run.lines) <= MAX_PER_CODE + 2, run.out  # the listed ones, the count of the rest, the summary
    assert "more JM406 problems from here on" in run.out and "Traceback" not in run.err


def test_a_file_for_a_kpi_whose_yaml_did_not_load_is_not_called_unknown(tmp_path: Path) -> None:
    broken = codes._MEASURED_KPI.replace("direction: up", "direction: upward")
    run = run_cli("validate", _maps(tmp_path, **{"kpis.yaml": broken}))
    assert run.code == 1
    assert " JM104 " in run.out and " JM401 " not in run.out, run.out


def test_figures_in_yaml_and_a_file_name_the_yaml_line(tmp_path: Path) -> None:
    with_figures = codes._MEASURED_KPI + "    history:\n      - {date: 2026-08-31, value: 29}\n"
    maps = _maps(tmp_path, **{"kpis.yaml": with_figures})
    run = run_cli("validate", maps)
    assert run.lines[0] == (
        f"{maps}/kpis.yaml:8:5: error JM407 KPI 'nps' takes its figures from measurements/nps.csv, and also writes "
        "history here: one source for each figure, so remove them here"
    ), run.out


def test_a_stale_kpi_is_a_warning_that_strict_fails_on(tmp_path: Path) -> None:
    maps = _maps(tmp_path, "date,value\n2026-01-31,29\n2026-04-30,31\n")  # the tests' today is 2026-11-30
    run = run_cli("validate", maps)
    assert run.code == 0
    assert run.lines[0] == (
        f"{maps}/measurements/nps.csv:3:1: warning JM410 KPI 'nps' is stale: its latest figure, of 2026-04-30, "
        "is more than 180 days old (stale_after_days): add a newer one"
    ), run.out
    assert run_cli("validate", "--strict", maps).code == 1
    assert run_cli("validate", "--strict", "--stale-after-days", "240", maps).code == 0
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: M\nplugins:\n  - journeymaps:\n      stale_after_days: 240\n", encoding="utf-8"
    )
    assert run_cli("validate", "--strict", "maps", cwd=tmp_path).code == 0
    assert run_cli("validate", "--strict", "maps", cwd=tmp_path, env={"SOURCE_DATE_EPOCH": "1830000000"}).code == 1


def test_a_yaml_kpi_is_stale_at_its_as_of_line(tmp_path: Path) -> None:
    kpis = codes._MEASURED_KPI + "    current: 31\n    as_of: 2026-04-30\n"
    maps = write_maps(tmp_path, {**codes._measured(), "measurements/nps.csv": None, "kpis.yaml": kpis})
    run = run_cli("validate", maps)
    assert run.lines[0].startswith(f"{maps}/kpis.yaml:9:12: warning JM410 KPI 'nps' is stale"), run.out
