"""Hostile and odd input never crashes: the YAML conformance corpus, and random mutations of valid maps."""

from __future__ import annotations

import copy
import math
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from journeymaps import validate
from journeymaps.codes import BY_CODE
from journeymaps.yamlread import ReadError, parse_fast, parse_precise

from .conftest import EXAMPLE_MAPS, ROOT, run_cli

SAMPLE = ROOT / "tests" / "fixtures" / "yaml-test-suite"
"""62 inputs of the suite kept in the repository (see its README.md), so these tests never skip."""
FULL = ROOT.parent / "shared" / "corpora" / "yaml-test-suite"
"""All 402, where the shared corpora sit beside the checkout."""
FULL_FILES = sorted(FULL.glob("*.yaml")) if FULL.is_dir() else []
CORPUS_FILES = sorted({p.name: p for p in [*sorted(SAMPLE.glob("*.yaml")), *FULL_FILES]}.values(), key=lambda p: p.name)


def journey_name(path: Path) -> str:
    return "case-" + path.name.split(".")[0].lower() + ".yaml"


@pytest.mark.slow
def test_conformance_corpus_in_one_run_names_every_file(tmp_path: Path) -> None:
    maps = tmp_path / "maps"
    shutil.copytree(EXAMPLE_MAPS, maps)
    for path in CORPUS_FILES:
        (maps / "journeys" / journey_name(path)).write_bytes(path.read_bytes())
    run = run_cli("validate", "maps", cwd=tmp_path, timeout=300)
    assert run.code == 1
    assert "Traceback" not in run.out + run.err and run.err == ""
    named = {line.split(":")[0] for line in run.lines[:-1]}
    expected = {f"maps/journeys/{journey_name(path)}" for path in CORPUS_FILES}
    assert expected <= named, sorted(expected - named)[:10]
    for line in run.lines[:-1]:
        _file, line_no, column, rest = line.split(":", 3)
        assert int(line_no) >= 1 and int(column) >= 1
        assert rest.split()[1] in BY_CODE, line


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(map(_same, a, b))
    return type(a) is type(b) and a == b


# Where libyaml departs from the YAML 1.2 spec and yaml-rs follows it (flow '?' keys, keep-chomping edge cases).
LIBYAML_DEVIATIONS = {"652Z", "HM87-01", "JEF9-02", "L24T-01"}


def test_fast_and_precise_readers_agree_on_the_corpus() -> None:
    """Where both readers accept a file, they give the same values; keys are text in both only when written as text."""
    compared = 0
    for path in CORPUS_FILES:
        if path.name.split(".")[0] in LIBYAML_DEVIATIONS:
            continue
        text = path.read_bytes().decode("utf-8", errors="replace").lstrip("\ufeff")
        fast, value = parse_fast(text)
        if not fast:
            continue
        try:
            precise, located = parse_precise(text, 32)
        except ReadError:
            continue
        if located.issues or _has_non_text_keys(value):
            continue
        compared += 1
        assert _same(value, precise), path.name
    assert compared > (120 if FULL_FILES else 30)  # the sample holds 32 comparable inputs, the full suite 127


def _has_non_text_keys(node: Any) -> bool:
    if isinstance(node, dict):
        return any(not isinstance(k, str) for k in node) or any(_has_non_text_keys(v) for v in node.values())
    if isinstance(node, list):
        return any(_has_non_text_keys(v) for v in node)
    return False


# Mutations of the valid example maps: drop, retype and rename keys, break references.
EXAMPLE_FILES = sorted(p.relative_to(EXAMPLE_MAPS).as_posix() for p in EXAMPLE_MAPS.rglob("*.yaml"))
ORIGINALS = {rel: yaml.safe_load((EXAMPLE_MAPS / rel).read_text(encoding="utf-8")) for rel in EXAMPLE_FILES}
ODD_VALUES = [
    None,
    0,
    -3,
    2.5,
    True,
    "no",
    "",
    "x" * 300,
    [],
    {},
    ["a", 1],
    {"k": "v"},
    "<script>alert(1)</script>",
    "a\\",
    '"]; x -> y [URL="javascript:alert(1)"]',
]


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


def mutate(data: st.DataObject) -> dict[str, Any]:
    """The example maps with one to four random mutations, each drawn (and reported) as a small value."""
    files = copy.deepcopy(ORIGINALS)
    for _ in range(data.draw(st.integers(1, 4), label="mutations")):
        rel = data.draw(st.sampled_from(EXAMPLE_FILES), label="file")
        paths = [p for p in _paths(files[rel]) if p]
        if not paths:
            continue
        path = data.draw(st.sampled_from(paths), label="path")
        parent = files[rel]
        for part in path[:-1]:
            parent = parent[part]
        key = path[-1]
        action = data.draw(st.sampled_from(["drop", "retype", "rename", "break-reference"]), label="action")
        if action == "drop":
            del parent[key]
        elif action == "retype":
            parent[key] = data.draw(st.sampled_from(ODD_VALUES), label="value")
        elif action == "rename" and isinstance(key, str):
            parent[key + data.draw(st.sampled_from(["s", "_", "x"]), label="suffix")] = parent.pop(key)
        elif isinstance(parent[key], str):
            parent[key] = parent[key][:-1] or "z"
    return files


@pytest.mark.slow  # 60 hypothesis examples, each a full validation
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(data=st.data())
def test_mutated_maps_get_a_clean_report(tmp_path_factory: pytest.TempPathFactory, data: st.DataObject) -> None:
    files = mutate(data)
    maps = tmp_path_factory.mktemp("mutant") / "maps"
    for rel, content in files.items():
        (maps / rel).parent.mkdir(parents=True, exist_ok=True)
        (maps / rel).write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = validate(maps, display_root="maps")
    for problem in result.problems:
        assert problem.file.startswith("maps/") and problem.line >= 1 and problem.column >= 1
        assert problem.code in BY_CODE and problem.message
    assert result.problems == sorted(result.problems)
