"""The core in process: the fast tier (`pytest -m "not slow"`) that answers in seconds.

The same claims as the end-to-end tests, made by calling the public functions directly instead of
starting a CLI process or a MkDocs build: every problem code's examples, the example folders, the
committed hostile cases, every page kind of the example site, and the shared vocabulary and addresses.
The end-to-end tests (marked `slow`) still prove the same through the real commands.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from journeymaps import addresses, checks, codes, diagrams, load, pages, report, validate
from journeymaps.model import Maps
from journeymaps.problems import Severity
from journeymaps.settings import Settings
from journeymaps.vocabulary import EMOTIONS, ROLE_LETTER, ROLES, emotion_word

from .conftest import EXAMPLE_MAPS

HERE = Path(__file__).parent
WITH_EXAMPLES = [c for c in codes.CODES if c.failing]
COMMITTED_HOSTILE = sorted(
    p for p in (HERE / "hostile").iterdir() if (p / "maps").is_dir() and not (p / "generate.py").exists()
)
NEGATIVE = sorted(p for p in (HERE / "examples" / "negative").iterdir() if p.is_dir())


@pytest.fixture(scope="module")
def example() -> Maps:
    result = validate(EXAMPLE_MAPS)
    # One journey of the example is stale on purpose (JM606): the site shows how it is marked.
    assert [p.code for p in result.problems] == ["JM606"], result.problems
    return result.maps


@pytest.mark.parametrize("code", WITH_EXAMPLES, ids=lambda c: c.code)
def test_each_code_is_reported_by_its_failing_example_and_not_by_its_passing_one(code: codes.Code) -> None:
    failing = codes.report_example(code.failing)
    found = [p for p in failing if p.code == code.code]
    assert found, failing
    assert all(p.severity is code.severity for p in found)
    assert codes.report_example(code.passing or {}) == []


def _report(maps_dir: Path) -> tuple[bool, str]:
    result = validate(maps_dir, display_root="maps")
    out = io.StringIO()
    report.text(result, out)
    return result.failed(), out.getvalue()


@pytest.mark.parametrize("case", COMMITTED_HOSTILE + NEGATIVE, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_case_reports_exactly_its_expected_lines(case: Path, tmp_path: Path) -> None:
    """What `journeymaps validate maps` prints for the case (tests/hostile, tests/examples/negative)."""
    shutil.copytree(case / "maps", tmp_path / "maps")
    failed, out = _report(tmp_path / "maps")
    valid = (case / "expected-exit").is_file() and (case / "expected-exit").read_text().strip() == "0"
    assert failed is not valid
    assert out == (case / "expected.txt").read_text(encoding="utf-8")


def test_enough_cases_run_in_process() -> None:
    assert len(COMMITTED_HOSTILE) >= 40 and len(NEGATIVE) >= 1


def test_every_page_kind_of_the_example_site_at_its_contract_address(example: Maps) -> None:
    built = pages.build_pages(example, Settings(), {}, maps_dir=EXAMPLE_MAPS)
    urls = [page.url for page in built]
    assert len(urls) == len(set(urls))
    expected = {"", "journeys/", "departments/", "personas/", "ownership/", "kpis/", "pain-points/", "channels/"}
    expected |= {"opportunities/"}
    expected |= {addresses.journey(j) for j in example.journeys}
    expected |= {addresses.touchpoint(ref.address) for ref in example.touchpoints()}
    expected |= {addresses.department(d) for d in example.departments}
    expected |= {addresses.persona(p) for p in example.personas}
    expected |= {addresses.channel(ref.touchpoint.channel) for ref in example.touchpoints()}
    assert set(urls) == expected
    for page in built:
        assert addresses.page_url(page.uri) == page.url
        assert page.content.startswith("---\ntitle: "), page.uri
    # A touchpoint page links back to its journey, relatively.
    ref = next(example.touchpoints())
    page = next(p for p in built if p.url == addresses.touchpoint(ref.address))
    assert f'href="{addresses.relative(page.url, addresses.journey(ref.journey.id))}"' in page.content


def test_relative_links_between_addresses() -> None:
    assert addresses.relative("journeys/a/", "journeys/a/b/") == "b/"
    assert addresses.relative("journeys/a/b/", "journeys/a/") == "../"
    assert addresses.relative("", "kpis/") == "kpis/"
    assert addresses.relative("kpis/", "") == "../"
    assert addresses.relative("ownership/", "ownership/#x") == "./#x"
    assert (
        addresses.source("kpis/") == "kpis.md" and addresses.source("journeys/a/", folder=True) == "journeys/a/index.md"
    )
    assert addresses.source("") == "index.md"


def test_pages_and_diagrams_use_the_same_words(example: Maps) -> None:
    """One vocabulary: a score, a role, a severity reads the same on the page and in the diagram."""
    ref = next(r for r in example.touchpoints() if r.touchpoint.emotion == -1)
    built = {p.url: p for p in pages.build_pages(example, Settings(), {})}
    page = built[addresses.touchpoint(ref.address)].content
    face = re.search(r'<span class="jm-emotion jm-emotion--1"[^>]*>(<svg class="jm-face.*?</svg>) (\w+)</span>', page)
    assert face and face.group(2) == EMOTIONS[-1].word == "annoyed", "a drawn face and the word, as in the curve"
    assert not re.search("[\U0001f600-\U0001f64f]", page), "no emoji: without an emoji font they are boxes"
    curve = next(d for d in diagrams.plan(example) if d.name == addresses.journey_diagram(ref.journey.id, "curve"))
    assert curve.svg is not None and emotion_word(-1) in curve.svg and emotion_word(-1) == "annoyed (-1)"
    ownership = built["ownership/"].content
    for role in ROLES:
        assert f">{ROLE_LETTER[role]}<" in ownership


def test_pages_do_not_depend_on_git_or_mkdocs() -> None:
    """Rendering is importable without the review stack (history, diff, gitmaps) or MkDocs."""
    import subprocess
    import sys

    probe = (
        "import sys, journeymaps.pages, journeymaps.folder;"
        "print(sorted(m for m in sys.modules if m.startswith('mkdocs') or m in"
        " ('journeymaps.history', 'journeymaps.diff', 'journeymaps.gitmaps')))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_generate_does_not_need_mkdocs() -> None:
    """`journeymaps generate` is for other publishers: the pages, diagrams and history without MkDocs."""
    import subprocess
    import sys

    probe = "import sys, journeymaps.generate; print(sorted(m for m in sys.modules if m.startswith('mkdocs')))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("code", [c for c in WITH_EXAMPLES if c.severity is Severity.WARNING], ids=lambda c: c.code)
def test_a_warning_fails_only_under_strict(code: codes.Code, tmp_path: Path) -> None:
    result = validate(codes.lay_out(tmp_path, code.failing))
    assert not result.failed() and result.failed(strict=True), result.problems


def test_each_rule_carries_its_codes_and_the_catalogue_decides_their_severity(tmp_path: Path) -> None:
    carried = [code for check in checks.CHECKS for code in check.codes]
    assert len(carried) == len(set(carried)) and set(carried) <= set(codes.BY_CODE)
    for check in checks.CHECKS:
        assert {codes.BY_CODE[c].severity for c in check.codes} == {Severity.WARNING if check.warns else Severity.ERROR}
    for n, code in enumerate(WITH_EXAMPLES):
        maps_dir = codes.lay_out(tmp_path / str(n), code.failing)
        files, _ = load.discover(maps_dir, "maps")
        for source in files:
            load.read(source, Settings(), maps_dir / source.rel)
        context, _ = checks.assemble(files, Settings())
        for check in checks.CHECKS:
            for problem in check.run(context):
                assert problem.code in check.codes, (check.run.__name__, problem)
                assert problem.severity is codes.BY_CODE[problem.code].severity, problem
