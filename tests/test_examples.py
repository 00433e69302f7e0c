"""Example folders through the real CLI: positive ones are clean, negative ones give exactly their expected lines."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import run_cli

pytestmark = pytest.mark.slow  # the real CLI (test_core checks the same in process)

EXAMPLES = Path(__file__).parent / "examples"
POSITIVE = sorted(p for p in (EXAMPLES / "positive").iterdir() if p.is_dir())
NEGATIVE = sorted(p for p in (EXAMPLES / "negative").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", POSITIVE, ids=lambda p: p.name)
def test_positive_example_is_clean(case: Path, tmp_path: Path) -> None:
    shutil.copytree(case / "maps", tmp_path / "maps")
    run = run_cli("validate", "--strict", "maps", cwd=tmp_path)
    assert run.code == 0, run.out
    assert run.lines[-1].endswith("no problems")


@pytest.mark.parametrize("case", NEGATIVE, ids=lambda p: p.name)
def test_negative_example_gives_exactly_its_lines(case: Path, tmp_path: Path) -> None:
    shutil.copytree(case / "maps", tmp_path / "maps")
    run = run_cli("validate", "maps", cwd=tmp_path)
    assert run.code == 1
    assert run.out == (case / "expected.txt").read_text(encoding="utf-8")
    assert "Traceback" not in run.err
