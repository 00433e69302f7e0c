"""Every problem code's failing example produces it, and its passing example is clean, through the real CLI."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from journeymaps import codes
from journeymaps.problems import Severity

from .conftest import ROOT, run_cli, write_maps

WITH_EXAMPLES = [c for c in codes.CODES if c.failing]


@pytest.mark.slow  # the real CLI per code; tests/test_core.py makes the same claims in process
@pytest.mark.parametrize("code", WITH_EXAMPLES, ids=lambda c: c.code)
def test_failing_example_reports_its_code(code: codes.Code, tmp_path: Path) -> None:
    maps = write_maps(tmp_path, code.failing)
    run = run_cli("validate", maps, cwd=tmp_path)
    assert f" {code.code} " in run.out, run.out
    assert run.code == (1 if code.severity is Severity.ERROR else 0), run.out
    if code.severity is Severity.WARNING:
        assert run_cli("validate", "--strict", maps).code == 1
    assert "Traceback" not in run.err


@pytest.mark.slow
@pytest.mark.parametrize("code", WITH_EXAMPLES, ids=lambda c: c.code)
def test_passing_example_is_clean(code: codes.Code, tmp_path: Path) -> None:
    maps = write_maps(tmp_path, code.passing)
    run = run_cli("validate", "--strict", maps)
    assert run.code == 0, run.out
    assert run.lines == ["3 map files checked: no problems"] or run.lines[-1].endswith("no problems"), run.out


def test_codes_are_unique_and_well_formed() -> None:
    names = [c.code for c in codes.CODES]
    assert len(names) == len(set(names))
    assert all(len(n) == 5 and n.startswith("JM") and n[2:].isdigit() for n in names)


def test_problem_codes_page_is_current() -> None:
    committed = (ROOT / "docs" / "problem-codes.md").read_text(encoding="utf-8")
    assert committed == codes.markdown(), "run: journeymaps codes --markdown > docs/problem-codes.md"


def test_every_code_the_source_can_raise_is_documented() -> None:
    package = ROOT / "generator"
    source = "".join(p.read_text(encoding="utf-8") for p in package.rglob("*.py") if package / "codes" not in p.parents)
    raised = set(re.findall(r'"(JM\d{3})"', source))
    assert raised <= set(codes.BY_CODE), raised - set(codes.BY_CODE)
