"""Opportunities on the site and in review: the opportunities page, the touchpoint, department and home pages,
hostile text in every field, and `journeymaps diff` over a real git history.

The pages are rendered in process from the example maps (with the real value/effort chart); the golden file
of the opportunities page is regenerated with JOURNEYMAPS_UPDATE_GOLDEN=1 (review the diff).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from journeymaps import addresses, validate
from journeymaps.codes import BASE
from journeymaps.diagrams import plan, render
from journeymaps.model import Maps, OpportunityRef
from journeymaps.pages import Page, build_pages
from journeymaps.settings import Settings
from journeymaps.vocabulary import OPPORTUNITY_GROUPS, OPPORTUNITY_STATUS_LABEL

from .conftest import EXAMPLE_MAPS, ROOT, assert_golden, commit_all, init, run_cli, write_maps
from .test_site import Node, parse

GOLDEN = ROOT / "tests" / "golden" / "pages"


def _pages(maps: Maps) -> dict[str, Page]:
    chart = [d for d in plan(maps) if d.name == addresses.OPPORTUNITY_CHART]
    built = build_pages(maps, Settings(), render(chart), maps_dir=None)
    return {page.url: page for page in built}


@pytest.fixture(scope="module")
def example() -> Maps:
    result = validate(EXAMPLE_MAPS)
    assert not result.failed()
    return result.maps


@pytest.fixture(scope="module")
def pages(example: Maps) -> dict[str, Page]:
    return _pages(example)


def _rows(node: Node) -> list[Node]:
    return [tr for tr in node.find_all("tr") if tr.attrs.get("id", "").startswith("opportunity-")]


def _department_name(maps: Maps, ident: str) -> str:
    return maps.departments[ident].name


def test_the_example_maps_have_opportunities_in_every_status(example: Maps) -> None:
    found = {o.status for o in example.opportunities()}
    assert found == set(OPPORTUNITY_GROUPS)
    assert any(o.plain for o in example.opportunities()) and not all(o.plain for o in example.opportunities())
    with_objects = {o.where.journey.id for o in example.opportunities() if not o.plain}
    assert {"online-purchase", "b2b-lead-nurturing", "mobile-activation"} <= with_objects


def test_opportunities_page_lists_every_one_grouped_by_status(example: Maps, pages: dict[str, Page]) -> None:
    page = pages[addresses.OPPORTUNITIES]
    headings = re.findall(r"^## (.+)$", page.body, flags=re.M)
    assert headings == ["Value and effort", *(OPPORTUNITY_STATUS_LABEL[s] for s in OPPORTUNITY_GROUPS)]
    assert 'data-jm-diagram="chart"' in page.body and "<svg" in page.body
    sections = re.split(r"^## .+$", page.body, flags=re.M)[2:]
    expected = example.opportunities()
    numbers = iter(range(1, len(expected) + 1))
    for status, section in zip(OPPORTUNITY_GROUPS, sections, strict=True):
        rows = _rows(parse(section))
        wanted = [o for o in expected if o.status == status]
        assert len(rows) == len(wanted), status
        for row, ref in zip(rows, wanted, strict=True):
            assert row.attrs["id"] == f"opportunity-{next(numbers)}"
            assert row.attrs["data-jm-ostatus"] == status
            _assert_row(example, row, ref)


def _assert_row(maps: Maps, row: Node, ref: OpportunityRef) -> None:
    """A row names the opportunity, its status, owner, touchpoint, journey, value, effort and link."""
    cells = row.find_all("td")
    assert OPPORTUNITY_STATUS_LABEL[ref.status] in cells[0].text
    assert " ".join(ref.opportunity.text.split()) in cells[0].text
    owner = cells[1].find("a")
    assert owner is not None and owner.text == _department_name(maps, ref.owner)
    assert owner.attrs["href"] == f"../{addresses.department(ref.owner)}"
    links = [a.attrs["href"] for a in cells[2].find_all("a")]
    assert links == [f"../{addresses.touchpoint(ref.where.address)}", f"../{addresses.journey(ref.where.journey.id)}"]
    for cell, score in ((cells[3], ref.opportunity.value), (cells[4], ref.opportunity.effort)):
        assert cell.text == (f"{score}/5" if score is not None else "–")
    link = cells[5].find("a")
    if ref.opportunity.link:
        assert link is not None and link.attrs["href"] == ref.opportunity.link
        assert link.text == ref.opportunity.link.rsplit("/", 1)[1]
    else:
        assert link is None and cells[5].text == "–"


def test_who_owns_the_work_in_progress_is_one_click_from_home(example: Maps, pages: dict[str, Page]) -> None:
    """Home -> the opportunities page's 'In progress' section: every one with its owner."""
    home = parse(pages[""].body)
    hrefs = [a.attrs.get("href") for a in home.find_all("a")]
    assert "opportunities/" in hrefs and "opportunities/#in-progress" in hrefs
    page = pages[addresses.OPPORTUNITIES].body
    section = page.split("## In progress", 1)[1].split("\n## ", 1)[0]
    shown = {(row.find_all("td")[0].text, row.find_all("td")[1].text) for row in _rows(parse(section))}
    in_progress = [o for o in example.opportunities() if o.status == "in-progress"]
    assert len(in_progress) >= 3
    for ref in in_progress:
        owner = _department_name(example, ref.owner)
        assert any(ref.opportunity.text in text and who == owner for text, who in shown), (ref.opportunity.text, owner)


def test_an_opportunity_without_an_owner_belongs_to_its_touchpoints_owner(example: Maps) -> None:
    for ref in example.opportunities():
        assert ref.owner == (ref.opportunity.owner or ref.where.touchpoint.owner)
    assert any(o.opportunity.owner and o.opportunity.owner != o.where.touchpoint.owner for o in example.opportunities())


def test_department_pages_list_the_opportunities_they_own(example: Maps, pages: dict[str, Page]) -> None:
    for department in example.departments:
        body = pages[addresses.department(department)].body
        section = body.split("## Opportunities it owns", 1)[1].split("\n## ", 1)[0]
        rows = _rows(parse(section))
        owned = [o for o in example.opportunities() if o.owner == department]
        assert [r.find_all("td")[0].text for r in rows] == [
            r.find_all("td")[0].text
            for r in _rows(parse(pages[addresses.OPPORTUNITIES].body))
            if r.attrs["data-owner"] == department
        ]
        assert len(rows) == len(owned), department
        if not owned:
            assert "None." in section


def test_touchpoint_pages_show_each_opportunitys_status(example: Maps, pages: dict[str, Page]) -> None:
    for ref in example.touchpoints():
        body = pages[addresses.touchpoint(ref.address)].body
        items = [li for li in parse(body).find_all("li") if li.attrs.get("id", "").startswith("opportunity-")]
        assert len(items) == len(ref.touchpoint.opportunities)
        for item, opportunity in zip(items, ref.opportunities(), strict=True):
            assert item.attrs["data-jm-ostatus"] == opportunity.status
            badge = item.find("span", cls="jm-ostatus")
            assert badge is not None and OPPORTUNITY_STATUS_LABEL[opportunity.status] in badge.text
            facts = item.find("small", cls="jm-opportunity-facts")
            if opportunity.plain:  # as in version 1: the text, now with its status, and nothing else
                assert facts is None
                assert item.text == f"{badge.text} {' '.join(opportunity.opportunity.text.split())}"
            else:
                assert facts is not None and _department_name(example, opportunity.owner) in facts.text


def test_opportunities_page_golden(pages: dict[str, Page]) -> None:
    assert_golden(GOLDEN / "opportunities.md", pages[addresses.OPPORTUNITIES].content)


def test_hostile_text_in_every_opportunity_field_stays_text(make_maps) -> None:
    evil = "<script>alert(1)</script><img src=x onerror=alert(2)> {{ 7*7 }} [x](javascript:alert(3)) *b*"
    link = "https://tracker.example.com/{{7*7}}/a'onmouseover=alert(4)&x=[y](javascript:alert(5))"
    departments = BASE["departments.yaml"] + f"  - id: legal\n    name: '{evil}'\n"
    journey = BASE["journeys/purchase.yaml"].replace("name: Checkout", f"name: '{evil}'") + (
        f"        opportunities:\n          - '{evil}'\n          - text: 'Mapped {evil}'\n            owner: legal\n"
        f'            status: in-progress\n            value: 5\n            effort: 1\n            link: "{link}"\n'
    )
    result = validate(make_maps({"departments.yaml": departments, "journeys/purchase.yaml": journey}))
    assert result.problems == []
    built = _pages(result.maps)
    for url in (addresses.OPPORTUNITIES, addresses.touchpoint("purchase/checkout"), addresses.department("legal")):
        body = built[url].body
        assert "<script" not in body and "<img" not in body and "javascript:" not in body.replace("javascript&#58;", "")
        assert "{{" not in body and "onmouseover=alert" not in body.replace("&#x27;onmouseover", "")
        root = parse(body)
        anchors = [a for a in root.find_all("a") if a.attrs.get("class") == "jm-work-link"]
        assert [a.attrs["href"] for a in anchors] == [
            "https://tracker.example.com/%7B%7B7*7%7D%7D/a%27onmouseover=alert(4)&x=[y](javascript:alert(5))"
        ]
        assert [a.attrs["title"] for a in anchors] == [link]
        assert all(not k.startswith("on") for node in root.iter() for k in node.attrs)


@pytest.mark.slow  # the real CLI over a git repository
def test_diff_reports_opportunities_added_removed_and_moved_between_statuses(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    init(repo)
    base = BASE["journeys/purchase.yaml"] + (
        "        opportunities:\n"
        "          - Show the delivery date by postcode\n"
        "          - Collapse the promo-code field\n"
        "          - text: Offer express wallets\n            id: express-wallets\n            status: planned\n"
    )
    departments = BASE["departments.yaml"] + "  - id: billing\n    name: Billing\n"
    write_maps(repo, {"journeys/purchase.yaml": base, "departments.yaml": departments})
    commit_all(repo, "Import", "Ana Import", 1)
    head = BASE["journeys/purchase.yaml"] + (
        "        opportunities:\n"
        "          - text: Show the delivery date by postcode\n            status: in-progress\n"
        "            link: https://tracker.example.com/CX-231\n"
        "          - text: Offer Apple Pay and Google Pay\n            id: express-wallets\n"
        "            owner: billing\n            status: planned\n"
        "          - Remember the postcode from the last visit\n"
    )
    write_maps(repo, {"journeys/purchase.yaml": head, "departments.yaml": departments})
    commit_all(repo, "Start the delivery date", "Bob Owner", 2)
    run = run_cli("diff", "HEAD~1", "HEAD", cwd=repo)
    assert run.code == 0, run.err
    lines = [line for line in run.out.splitlines() if "opportunit" in line]
    assert any("opportunity added (○ Idea, owner E-commerce): Remember the postcode" in line for line in lines), lines
    assert any("opportunity removed (was ○ Idea): Collapse the promo-code field" in line for line in lines), lines
    assert any("opportunity Show the delivery date by postcode: ○ Idea → ◐ In progress" in line for line in lines), (
        lines
    )
    assert any("opportunity Offer Apple Pay and Google Pay: owner E-commerce → Billing" in line for line in lines)
    assert any(
        "**Billing**: now owner of an opportunity at `purchase/checkout` (was E-commerce)" in line for line in lines
    )
    assert any("opportunity Offer Apple Pay and Google Pay: text edited" in line for line in lines), lines
    assert not any("opportunities edited" in line for line in run.out.splitlines())
    as_json = run_cli("diff", "HEAD~1", "HEAD", "--format", "json", cwd=repo)
    kinds = [c["kind"] for c in as_json.json()["changes"]]  # type: ignore[index]
    assert kinds.count("opportunity-added") == 1 and kinds.count("opportunity-removed") == 1
    assert kinds.count("opportunity-status-changed") == 1 and kinds.count("opportunity-owner-changed") == 1


def test_a_journey_with_a_bad_opportunity_keeps_the_others(make_maps) -> None:
    """Salvage drops or trims only the broken entry: a number written as text, placed after it, stays text, and
    the rules still place their problems on the right entries."""
    journey = BASE["journeys/purchase.yaml"] + (
        "        opportunities:\n"
        "          - text: Broken\n            status: planed\n"
        "          - status: done\n"
        "          - 42\n"
        "          - text: Owned elsewhere\n            owner: ecomerce\n"
    )
    result = validate(make_maps({"journeys/purchase.yaml": journey}), display_root="maps")
    assert [(p.line, p.code) for p in result.problems] == [(14, "JM502"), (15, "JM101"), (18, "JM503")]
    kept = result.maps.journeys["purchase"].stages[0].touchpoints[0].opportunity_items()
    assert [(o.text, o.status) for o in kept] == [("Broken", "idea"), ("42", "idea"), ("Owned elsewhere", "idea")]
