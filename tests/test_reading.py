"""The reading rules of the contract, one hazard at a time, through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from journeymaps import Settings, validate
from journeymaps.codes import BASE
from journeymaps.settings import Limits

from .conftest import run_cli, write_maps

pytestmark = pytest.mark.slow  # the real CLI on each reading hazard, some of them large

JOURNEY = BASE["journeys/purchase.yaml"]


def problems(tmp_path: Path, overlay: dict[str, str | bytes | None], *args: str) -> list[str]:
    write_maps(tmp_path, overlay)
    run = run_cli("validate", *args, "maps", cwd=tmp_path)
    assert "Traceback" not in run.out + run.err
    assert run.code in (0, 1), run.err
    return run.lines[:-1]


def test_example_maps_are_valid() -> None:
    run = run_cli("validate", "maps", cwd=Path(__file__).parent.parent)
    assert run.code == 0, run.out
    # 10 YAML files and 6 measurements files; the one warning is on purpose: the example's stale journey
    assert [line.split(" journey ")[0] for line in run.lines] == [
        "maps/journeys/mobile-activation.yaml:13:11: warning JM606",
        "16 map files checked: 0 errors, 1 warning",
    ]


def test_byte_order_mark_and_crlf_are_fine(tmp_path: Path) -> None:
    crlf = ("\ufeff" + JOURNEY).replace("\n", "\r\n").encode("utf-8")
    assert problems(tmp_path, {"journeys/purchase.yaml": crlf}) == []


def test_yaml_1_1_booleans_stay_text(tmp_path: Path) -> None:
    journey = JOURNEY.replace("        owner: ecommerce", "        owner: no")
    assert problems(tmp_path, {"journeys/purchase.yaml": journey}) == [
        "maps/journeys/purchase.yaml:11:16: error JM204 touchpoint 'checkout' names unknown owner 'no': "
        "departments are listed in maps/departments.yaml"
    ]


def test_scalars_in_text_fields_are_kept_as_written(tmp_path: Path) -> None:
    journey = JOURNEY.replace("title: Online purchase", "title: 1.10").replace("name: Checkout", "name: 010")
    journey = journey.replace("  - id: buy\n    name: Buy", "  - id: buy\n    name: 12:30")
    maps = write_maps(
        tmp_path,
        {"journeys/purchase.yaml": journey, "departments.yaml": BASE["departments.yaml"].replace("E-commerce", "on")},
    )
    result = validate(maps)
    assert result.problems == []
    loaded = result.maps.journeys["purchase"]
    assert (loaded.title, loaded.stages[0].name, loaded.stages[0].touchpoints[0].name) == ("1.10", "12:30", "010")
    assert result.maps.departments["ecommerce"].name == "on"


def test_a_number_where_a_number_belongs_stays_a_number(tmp_path: Path) -> None:
    journey = JOURNEY.replace("        owner: ecommerce\n", "        owner: ecommerce\n        emotion: '1'\n")
    assert problems(tmp_path, {"journeys/purchase.yaml": journey}) == [
        "maps/journeys/purchase.yaml:12:18: error JM103 touchpoint 'checkout': 'emotion' must be a whole number, "
        "found the text '1'"
    ]


def test_invalid_calendar_date_has_a_line(tmp_path: Path) -> None:
    kpis = (
        "kpis:\n  - id: nps\n    name: NPS\n    unit: score\n    direction: up\n    owner: ecommerce\n    "
        "history:\n      - {date: 2024-02-30, value: 3}\n"
    )
    journey = JOURNEY.replace("        owner: ecommerce\n", "        owner: ecommerce\n        kpis: [nps]\n")
    assert problems(tmp_path, {"kpis.yaml": kpis, "journeys/purchase.yaml": journey}) == [
        "maps/kpis.yaml:8:16: error JM106 KPI 'nps' history entry 1: date: '2024-02-30' is not a real calendar date "
        "in the form YYYY-MM-DD"
    ]


def test_every_duplicate_key_is_reported(tmp_path: Path) -> None:
    journey = JOURNEY.replace("title: Online purchase\n", "title: Online purchase\ntitle: Again\n").replace(
        "        channel: website\n", "        channel: website\n        channel: email\n"
    )
    assert problems(tmp_path, {"journeys/purchase.yaml": journey}) == [
        "maps/journeys/purchase.yaml:2:1: error JM005 duplicate key 'title' (first given at line 1): remove one of "
        "them",
        "maps/journeys/purchase.yaml:12:9: error JM005 duplicate key 'channel' (first given at line 11): remove one "
        "of them",
    ]


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
        f"{n}: &{n} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n"
        for p, n in zip("abcdefgh", "bcdefghi", strict=True)
    )
    lines = problems(tmp_path, {"journeys/purchase.yaml": JOURNEY + "summary: x\n" + bomb.replace("a: &a", "zz: &a")})
    assert (
        lines[0]
        == "maps/journeys/purchase.yaml:13:5: error JM007 anchor '&a' is not allowed: write the value out in full"
    )
    assert all("JM007" in line or "JM102" in line for line in lines)


@pytest.mark.parametrize("depth", [40, 50_000])
def test_deep_nesting_is_refused_without_crashing(tmp_path: Path, depth: int) -> None:
    journey = JOURNEY.replace("name: Checkout", "name: " + "[" * depth + "]" * depth)
    assert problems(tmp_path, {"journeys/purchase.yaml": journey}) == [
        "maps/journeys/purchase.yaml:9:42: error JM010 nesting deeper than 32 levels: map files are never this deep"
    ]


def test_deep_block_nesting_is_refused(tmp_path: Path) -> None:
    deep = "title:\n" + "  " + "- " * 20_000 + "x\n"
    lines = problems(tmp_path, {"journeys/purchase.yaml": deep})
    assert lines == [
        "maps/journeys/purchase.yaml:2:65: error JM010 nesting deeper than 32 levels: map files are never this deep"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "title: !!python/object/apply:os.system [echo hi]\n",
            "1:8: error JM006 tag '!!python/object/apply:os.system' is not allowed",
        ),
        ("title: !!set {a, b}\n", "1:8: error JM006 tag '!!set' is not allowed"),
        ("title: ! plain\n", "1:8: error JM006 tag '!' is not allowed"),
        ("title: x\n---\ntitle: y\n", "2:1: error JM009 a second YAML document starts here"),
        ("<<: {title: x}\n", "1:1: error JM008 merge keys ('<<') are not allowed"),
        ("title: [unclosed\n", "1:8: error JM004 this '[' starts a list that is never closed"),
        ("", "1:1: error JM011 the file is empty"),
        ("# nothing yet\n", "1:1: error JM011 the file is empty"),
        ("- a list\n", "1:1: error JM103 the file must hold a mapping of fields at the top, found a list"),
        ("title: \x07bell\n", "1:8: error JM003 control character U+0007 is not allowed"),
    ],
)
def test_refused_constructs_name_file_line_and_column(tmp_path: Path, text: str, expected: str) -> None:
    lines = problems(tmp_path, {"journeys/purchase.yaml": text})
    assert any(line.startswith(f"maps/journeys/purchase.yaml:{expected}") for line in lines), lines


def test_non_utf8_names_the_byte(tmp_path: Path) -> None:
    latin1 = JOURNEY.replace("Checkout", "Caf\u00e9").encode("latin-1")
    assert problems(tmp_path, {"journeys/purchase.yaml": latin1}) == [
        "maps/journeys/purchase.yaml:9:18: error JM002 the file is not UTF-8 text (byte 0xe9): save it as UTF-8"
    ]


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    big = JOURNEY + "summary: " + "x" * (5 * 1024 * 1024) + "\n"
    lines = problems(tmp_path, {"journeys/purchase.yaml": big})
    assert len(lines) == 1 and lines[0].startswith("maps/journeys/purchase.yaml:1:1: error JM001 file is 5,243,")


def test_limits_are_configurable(tmp_path: Path) -> None:
    maps = write_maps(tmp_path, {})
    result = validate(maps, Settings(limits=Limits(max_file_bytes=100)), display_root="maps")
    assert [p.code for p in result.problems] == ["JM001"]
    result = validate(maps, Settings(limits=Limits(max_text_length=5)), display_root="maps")
    assert {p.code for p in result.problems} == {"JM112"}


def test_stray_files_and_wrong_extension(tmp_path: Path) -> None:
    lines = problems(tmp_path, {"journey/returns.yaml": JOURNEY, "journeys/returns.yml": JOURNEY, "notes.md": "fine"})
    assert lines == [
        "maps/journey/returns.yaml:1:1: error JM012 'journey/returns.yaml' is not part of the maps layout, so it "
        "would be ignored "
        "(did you mean 'journeys'?): journeys go under journeys/, personas under personas/, and the top holds only "
        "departments.yaml and kpis.yaml",
        "maps/journeys/returns.yml:1:1: error JM012 map files end in .yaml: rename 'journeys/returns.yml' to "
        "'journeys/returns.yaml'",
    ]


def test_file_names_are_ids(tmp_path: Path) -> None:
    lines = problems(tmp_path, {"journeys/purchase.yaml": None, "journeys/Online_Purchase.yaml": JOURNEY})
    assert lines == [
        "maps/journeys/Online_Purchase.yaml:1:1: error JM107 the file name is the journey id: id 'Online_Purchase' "
        "must be kebab-case: "
        "lower-case letters, digits and single hyphens (like 'online-purchase'); rename the file, e.g. to "
        "'online-purchase.yaml'"
    ]


def test_json_and_github_formats(tmp_path: Path) -> None:
    journey = JOURNEY.replace("        owner: ecommerce", "        owner: ecomerce")
    write_maps(tmp_path, {"journeys/purchase.yaml": journey})
    run = run_cli("validate", "--format", "json", "maps", cwd=tmp_path)
    assert run.code == 1
    assert json.loads(run.out) == [
        {
            "file": "maps/journeys/purchase.yaml", "line": 11, "column": 16, "severity": "error", "code": "JM204",
            "message": "touchpoint 'checkout' names unknown owner 'ecomerce' (did you mean 'ecommerce'?): "
            "departments are listed in maps/departments.yaml",
        }
    ]  # fmt: skip
    run = run_cli("validate", "--format", "github", "maps", cwd=tmp_path)
    assert run.lines[0] == (
        "::error file=maps/journeys/purchase.yaml,line=11,col=16,title=JM204::touchpoint 'checkout' names unknown "
        "owner 'ecomerce' (did you mean 'ecommerce'?): departments are listed in maps/departments.yaml"
    )
    assert run_cli("validate", "maps", cwd=tmp_path, env={"GITHUB_ACTIONS": "true"}).lines[0].startswith("::error ")


def test_warnings_pass_unless_strict(tmp_path: Path) -> None:
    maps = write_maps(tmp_path, {"journeys/purchase.yaml": JOURNEY + "  - id: advocacy\n    name: Advocacy\n"})
    assert run_cli("validate", maps).code == 0
    assert run_cli("validate", "--strict", maps).code == 1


def test_problems_are_sorted_by_file_then_line(tmp_path: Path) -> None:
    journey = JOURNEY.replace("        owner: ecommerce", "        owner: x1").replace(
        "persona: shopper", "persona: x2"
    )
    persona = "name: Shopper\nsumary: typo\n"
    lines = problems(tmp_path, {"journeys/purchase.yaml": journey, "personas/shopper.yaml": persona})
    keys = [(line.split(":")[0], int(line.split(":")[1])) for line in lines]
    assert keys == sorted(keys) and len(lines) == 3


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    missing = run_cli("validate", tmp_path / "nope")
    assert missing.code == 2 and "not found" in missing.err and "Traceback" not in missing.err
    assert run_cli("validate", "--format", "xml").code == 2
    assert run_cli().code == 2
