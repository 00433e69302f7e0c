"""The lean road (`model.lean`): clean files validated without the Python text and id checks give the same model,
and every string those checks would speak about sends the file to the full model.

Together with the hostile corpus and the examples (whose expected outputs did not change), this is what makes
the lean road safe: it never decides anything the full model would decide differently.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from journeymaps import Settings, validate, yamlread
from journeymaps.codes import BASE
from journeymaps.model import FILE_MODELS, RESERVED_IDS, lean
from pydantic import ValidationError

from .conftest import write_maps

ROOT = Path(__file__).parent.parent
CLEAN = [ROOT / "maps", *sorted((ROOT / "tests/examples/positive").glob("*/maps"))]
KINDS = {"departments.yaml": "departments", "kpis.yaml": "kpis", "personas": "persona", "journeys": "journey"}


def _files() -> list[tuple[Path, str]]:
    found = []
    for maps in CLEAN:
        for path in sorted(maps.rglob("*.yaml")):
            rel = path.relative_to(maps)
            found.append((path, KINDS[rel.parts[0]]))
    return found


@pytest.mark.parametrize(("path", "kind"), _files(), ids=lambda value: str(value).rpartition("/maps/")[2] or None)
def test_a_clean_file_gives_the_same_model_on_either_road(path: Path, kind: str) -> None:
    text = path.read_text(encoding="utf-8-sig")
    fast, data = yamlread.parse_fast(text)
    if not fast:
        pytest.skip("the precise reader's file (a folded block with Markdown emphasis): never the lean road")
    strings: list[str] = []
    yamlread.count_values(data, 100_000, strings)
    assert lean.plain_strings(strings, Settings().limits.max_text_length, escapes="\\" in text)
    context = {"channels": Settings().channels, "max_text_length": Settings().limits.max_text_length}
    quick_road = lean.validator(FILE_MODELS[kind])
    try:
        full = FILE_MODELS[kind].model_validate(data, context=context)
    except ValidationError:  # a number where text belongs: the precise reader takes it as written
        with pytest.raises(ValidationError):
            quick_road.validate_python(data, context=context)
        return
    quick = quick_road.validate_python(data, context=context)
    assert all(model.__pydantic_complete__ for model in FILE_MODELS.values())  # as they were before it was built
    assert type(quick) is type(full) and quick == full
    assert quick.model_fields_set == full.model_fields_set and quick.__pydantic_private__ == full.__pydantic_private__


@pytest.mark.parametrize(
    ("strings", "limit", "escapes"),
    [
        (["ok", "x" * 101], 100, False),  # too long: JM112
        (["ok", sorted(RESERVED_IDS)[0]], None, False),  # a reserved id: JM108 where it is an id
        (["cafe\u0301"], None, False),  # not NFC: the full model normalises it
        (["zero\u200bwidth"], None, True),  # written as an escape: JM003
        (["non\U0001fffechar"], None, True),
    ],
)
def test_every_string_the_python_checks_would_speak_about_keeps_the_file_off_the_lean_road(
    strings: list[str], limit: int | None, escapes: bool
) -> None:
    assert not lean.plain_strings(strings, limit, escapes)
    assert lean.plain_strings(["ok", "café", "x" * 100], 100, escapes)


@pytest.mark.parametrize(
    ("owner", "message"),
    [
        ("Not-Kebab", "id 'Not-Kebab' must be kebab-case"),
        ("a" * 65, f"id '{'a' * 40}…' is longer than 64 characters"),
    ],
)
def test_what_the_lean_road_refuses_is_reported_by_the_full_model_in_its_own_words(
    owner: str, message: str, tmp_path: Path
) -> None:
    # A file with no string the Python checks were skipped for, whose id pydantic-core refuses by its pattern or
    # length: the problem is the full model's, with its code, words and place.
    journey = BASE["journeys/purchase.yaml"].replace("        owner: ecommerce", f"        owner: {owner}")
    found = validate(write_maps(tmp_path, {"journeys/purchase.yaml": journey})).problems
    assert [(p.line, p.column, p.code) for p in found if p.code == "JM107"] == [(11, 16, "JM107")]
    assert any(message in p.message for p in found), found


def test_core_schemas_the_lean_road_does_not_know_cost_speed_not_correctness(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # A pydantic release whose core schemas `_lean` cannot read: no lean validator, and every file takes the
    # full road with the same problems (a crash here would be an "internal error" after a dependency update).
    def unknown(node: object) -> object:
        raise KeyError("schema")

    expected = validate(ROOT / "maps")
    monkeypatch.setattr(lean, "_lean", unknown)
    lean.validator.cache_clear()
    try:
        assert lean.validator(FILE_MODELS["journey"]) is None
        result = validate(ROOT / "maps")
        assert (result.problems, result.maps) == (expected.problems, expected.maps)
        bad = BASE["journeys/purchase.yaml"].replace("        owner: ecommerce", "        owner: Not-Kebab")
        found = validate(write_maps(tmp_path, {"journeys/purchase.yaml": bad})).problems
        assert [(p.line, p.column, p.code) for p in found if p.code == "JM107"] == [(11, 16, "JM107")]
    finally:
        lean.validator.cache_clear()
