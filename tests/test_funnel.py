"""The funnel and KPI freshness on the pages, in process: figures worked out by hand, golden HTML, hostile text.

The pages come from `pages.build_pages` on the example maps and on small maps written here; the
validation side of the funnel (JM411-JM415) is in the catalogue, run by tests/test_codes.py.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from journeymaps import codes, pages
from journeymaps.codes.examples import _TWO_STAGES
from journeymaps.funnel import figures
from journeymaps.model import Maps
from journeymaps.settings import Settings
from journeymaps.validate import validate

from .conftest import EXAMPLE_MAPS, ROOT, TODAY_EPOCH, assert_golden, write_maps

GOLDEN = ROOT / "tests" / "golden" / "pages"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)  # 2026-11-30, as the CLI tests have it


@pytest.fixture(scope="module")
def example() -> Maps:
    result = validate(EXAMPLE_MAPS)
    assert not result.errors, result.problems  # warnings such as a stale review depend on the day it runs
    return result.maps


def built(maps: Maps, settings: Settings | None = None) -> dict[str, str]:
    return {page.uri: page.body for page in pages.build_pages(maps, settings or Settings(), {})}


def section(body: str, heading: str) -> str:
    """One `## heading` section of a generated page, up to the next heading of that level."""
    start = body.index(f"## {heading}\n")
    end = body.find("\n## ", start + 1)
    return body[start : end if end >= 0 else None].rstrip("\n") + "\n"


def text(markup: str) -> str:
    """What a reader sees: tags dropped, entities decoded, no space left before punctuation."""
    words = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())
    return re.sub(r" ([,.)])", r"\1", words)


def checked(root: Path, overlay: dict[str, str | None]) -> Maps:
    result = validate(write_maps(root, overlay))
    assert not result.errors, result.problems
    return result.maps


def test_the_example_funnel_is_worked_out_as_by_hand(example: Maps) -> None:
    f = figures(example.journeys["online-purchase"])
    assert f is not None
    assert [(s.stage_id, s.count) for s in f.steps] == [
        ("awareness", 184300), ("consideration", 61950), ("purchase", 9870), ("delivery", 3600), ("loyalty", 940),
    ]  # fmt: skip
    assert [s.share_text for s in f.steps] == ["100 %", "33.6 %", "5.4 %", "2 %", "0.5 %"]  # 61950/184300 = 33.61 %
    assert [s.drop_text for s in f.steps] == ["–", "66.4 %", "84.1 %", "63.5 %", "73.9 %"]  # 1 - 9870/61950 = 84.07 %
    assert f.largest is not None and f.largest.stage_id == "purchase"
    assert f.owners(f.largest) == ["ecommerce", "billing", "marketing"]  # the purchase stage's touchpoint owners


def test_the_journey_page_draws_the_funnel_golden(example: Maps) -> None:
    body = built(example)["journeys/online-purchase/index.md"]
    funnel = section(body, "Funnel")
    assert_golden(GOLDEN / "online-purchase.funnel.html", funnel)
    words = text(funnel)
    assert "Largest drop-off 84.1 % lost between Consideration and Purchase (61,950 → 9,870)" in words
    assert "The touchpoints of Purchase are owned by E-commerce, Billing & Payments, Marketing" in words
    assert 'href="../../departments/billing/"' in funnel  # the owners link to their department pages
    assert funnel.count('<li class="jm-funnel-step') == 5 and funnel.count("jm-funnel-step--largest") == 1
    assert body.index("## Funnel") < body.index("## Journey flow")


def test_the_home_page_lists_the_largest_drop_offs_worst_first_golden(example: Maps) -> None:
    home = section(built(example)["index.md"], "Where customers drop off")
    assert_golden(GOLDEN / "home.drop-offs.html", home)
    rows = re.findall(r'data-jm-journey="([^"]+)"', home)
    drops = [figures(example.journeys[j]).largest.drop for j in rows]  # type: ignore[union-attr]
    assert rows == ["online-purchase", "b2b-lead-nurturing", "mobile-activation"] and drops == sorted(drops)[::-1]


FUNNEL_JOURNEY = _TWO_STAGES + "funnel:\n  measure: {measure}\n  as_of: 2026-10-31\n{period}  stages:\n{stages}"


def journey(stages: str, measure: str = "Sessions", period: str = "") -> dict[str, str | None]:
    return {"journeys/purchase.yaml": FUNNEL_JOURNEY.format(measure=measure, period=period, stages=stages)}


def test_a_funnel_that_loses_nobody_has_no_largest_drop_off_and_no_home_row(tmp_path: Path) -> None:
    maps = checked(tmp_path, journey("    buy: 500\n    after: 500\n"))
    body = built(maps)
    funnel = section(body["journeys/purchase/index.md"], "Funnel")
    assert "jm-funnel-callout" not in funnel and "no drop-off from Buy" in text(funnel)
    assert "Where customers drop off" not in body["index.md"]


def test_a_first_stage_of_zero_divides_by_nothing(tmp_path: Path) -> None:
    maps = checked(tmp_path, journey("    buy: 0\n    after: 0\n"))
    funnel = section(built(maps)["journeys/purchase/index.md"], "Funnel")
    assert "– of Buy" in text(funnel) and "nobody reached Buy" in text(funnel)
    assert "width: 0.0%" in funnel


def test_a_rising_count_is_a_warning_and_its_bar_stops_at_the_full_width(tmp_path: Path) -> None:
    result = validate(write_maps(tmp_path, journey("    buy: 300\n    after: 1200\n")))
    assert [p.code for p in result.problems] == ["JM415"]
    funnel = section(built(result.maps)["journeys/purchase/index.md"], "Funnel")
    assert "+300 % more than Buy" in text(funnel) and "400 % of Buy" in text(funnel)
    assert "width: 100.0%" in funnel and "width: 400" not in funnel


def test_funnel_text_is_shown_as_written_never_as_markup(tmp_path: Path) -> None:
    measure = "'<img src=x onerror=alert(1)> **sessions**'"
    maps = checked(tmp_path, journey("    buy: 1200\n    after: 300\n", measure, "  period: '<script>x</script>'\n"))
    funnel = section(built(maps)["journeys/purchase/index.md"], "Funnel")
    assert "<img" not in funnel and "<script" not in funnel
    assert "<img src=x onerror=alert(1)> **sessions**, <script>x</script>" in text(funnel)  # as written, as text


STALE_KPIS = """\
kpis:
  - id: nps
    name: Net promoter score
    unit: score
    direction: up
    target: 40
    current: 31
    as_of: 2026-01-31
    owner: ecommerce
  - id: csat
    name: Satisfaction
    unit: percent
    direction: up
    target: 85
    owner: ecommerce
"""


def test_a_stale_kpi_is_marked_on_its_rows_and_counted_on_the_home_page(tmp_path: Path) -> None:
    overlay = {
        "kpis.yaml": STALE_KPIS,
        "journeys/purchase.yaml": codes._edited("        owner: ecommerce\n", "        owner: ecommerce\n"
                                                "        kpis: [nps, csat]\n"),
        "measurements/csat.csv": "date,value\n2026-10-31,83.5\n",
    }  # fmt: skip
    result = validate(write_maps(tmp_path, overlay))
    assert [p.code for p in result.problems] == ["JM410"]  # nps: 303 days old; csat's file is a month old
    body = built(result.maps)
    for uri in ("kpis.md", "departments/ecommerce.md", "journeys/purchase/checkout.md"):
        rows = re.findall(r"<tr data-jm-status[^>]*>.*?</tr>", body[uri], re.S)
        marked = [row for row in rows if "data-jm-stale" in row]
        assert len(marked) == 1 and "Net promoter score" in marked[0], uri
        assert '<span class="jm-stale"' in marked[0] and "Satisfaction" not in marked[0]
    home = body["index.md"]
    assert home.count(">1 stale</span>") == 2  # the KPI health card and the journey's row
    # With a longer horizon nothing is stale, and nothing says so.
    relaxed = built(result.maps, Settings(stale_after_days=400))
    assert all("jm-stale" not in page for page in relaxed.values())
