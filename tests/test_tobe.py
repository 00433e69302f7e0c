"""As-is and to-be journeys (contract, "As-is and to-be journeys"): the comparison, its chart, the pages and `diff`."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from journeymaps import diagrams, pages
from journeymaps.codes import BASE
from journeymaps.model import Maps
from journeymaps.tobe import compare, to_be_journeys
from journeymaps.validate import validate

from .conftest import EXAMPLE_MAPS, commit_all, init, run_cli, write_maps

AS_IS = """\
title: Returns today
persona: shopper
owner: ecommerce
stages:
  - id: ask
    name: Ask
    touchpoints:
      - id: return-form
        name: Return form
        channel: website
        owner: ecommerce
        emotion: -1
        pain_points:
          - text: The form asks for the order number, which is only in the e-mail
            severity: high
          - text: "No label printer at home"
            severity: low
      - id: hotline
        name: Hotline
        channel: phone
        owner: ecommerce
        emotion: -2
        pain_points:
          - text: Long <b>hold</b> times
            severity: medium
  - id: refund
    name: Refund
    emotion: 0
    touchpoints:
      - id: refund-mail
        name: Refund e-mail
        channel: email
        owner: ecommerce
"""

TO_BE = """\
title: Returns <i>redesigned</i>
persona: shopper
owner: ecommerce
state: to-be
compares_to: returns
stages:
  - id: ask
    name: Ask
    touchpoints:
      - id: return-form
        name: Return in the app
        channel: mobile-app
        owner: logistics
        emotion: 1
        pain_points:
          - text: "no  label printer at HOME"
            severity: low
          - text: The app needs an update first
            severity: medium
      - id: drop-off
        name: Drop-off at a locker
        channel: partner
        owner: logistics
        emotion: 2
  - id: track
    name: Track the return
    touchpoints:
      - id: tracking
        name: Return tracking
        channel: sms
        owner: logistics
  - id: refund
    name: Refund
    emotion: 1
    touchpoints:
      - id: refund-mail
        name: Refund e-mail
        channel: email
        owner: ecommerce
"""

DEPARTMENTS = BASE["departments.yaml"] + "  - id: logistics\n    name: Logistics\n"


def _maps(tmp_path: Path) -> tuple[Path, Maps]:
    folder = write_maps(
        tmp_path,
        {"departments.yaml": DEPARTMENTS, "journeys/returns.yaml": AS_IS, "journeys/returns-to-be.yaml": TO_BE},
    )
    result = validate(folder)
    assert not result.errors, result.errors
    return folder, result.maps


def test_touchpoints_match_by_id_and_pain_points_by_text(tmp_path: Path) -> None:
    _, maps = _maps(tmp_path)
    c = compare(maps, maps.journeys["returns-to-be"])
    assert c is not None and c.as_is is maps.journeys["returns"]
    assert [r.touchpoint.id for r in c.added] == ["drop-off", "tracking"]
    assert [r.touchpoint.id for r in c.removed] == ["hotline"]
    assert [(ch.to_be.touchpoint.id, ch.fields) for ch in c.changed] == [("return-form", ("owner", "channel"))]
    assert c.unchanged == 1  # refund-mail
    # Case and spaces do not matter; worst first.
    assert [p.pain.text for p in c.carried_over] == ["no  label printer at HOME"]
    assert [p.pain.text for p in c.resolved] == [
        "The form asks for the order number, which is only in the e-mail",
        "Long <b>hold</b> times",
    ]
    assert [p.pain.text for p in c.new] == ["The app needs an update first"]
    assert [(s.id, s.as_is, s.to_be) for s in c.stages] == [
        ("ask", -1.5, 1.5),  # the mean of the touchpoints where the stage has no score of its own
        ("track", None, None),  # only in the to-be journey: after the stage before it
        ("refund", 0.0, 1.0),
    ]
    assert compare(maps, maps.journeys["returns"]) is None
    assert [j.id for j in to_be_journeys(maps, "returns")] == ["returns-to-be"]


def test_the_chart_draws_both_curves_escaped_and_linked(tmp_path: Path) -> None:
    _, maps = _maps(tmp_path)
    drawn = {d.name: d for d in diagrams.plan(maps)}
    assert "journeys/returns/compare" not in drawn
    chart = drawn["journeys/returns-to-be/compare"]
    assert chart.svg is not None and chart.dot is None
    root = ET.fromstring(chart.svg)  # well-formed: every text escaped
    svg = "{http://www.w3.org/2000/svg}"
    assert len(root.findall(f".//{svg}polyline")) == 2  # through the scored stages: 'track' has no score
    texts = ["".join(t.itertext()) for t in root.iter(f"{svg}text")]
    assert "To-be: Returns <i>redesigned</i>" in texts and "Today (as-is): Returns today" in texts
    assert "▲ +3" in texts and "▲ +1" in texts and "new stage" not in texts
    links = {a.get("id"): a.get("href") for a in root.iter(f"{svg}a")}
    assert links == {
        "as-is-ask": "../returns/return-form/",
        "as-is-refund": "../returns/refund-mail/",
        "to-be-ask": "return-form/",
        "to-be-refund": "refund-mail/",
    }
    assert "Ask: as-is -1.5, to-be +1.5 (▲ +3)" in chart.description


def test_the_to_be_page_compares_and_the_as_is_page_links_to_it(tmp_path: Path) -> None:
    folder, maps = _maps(tmp_path)
    built = {p.url: p.body for p in pages.build_pages(maps, maps_dir=folder)}
    to_be = built["journeys/returns-to-be/"]
    assert '<p class="jm-state-note" data-jm-state="to-be">' in to_be
    assert "2 touchpoints added, 1 removed, 1 changed; 2 pain points resolved" in to_be
    section = to_be.split("## Compared with today")[1].split("\n## Journey flow")[0]
    lists = dict(re.findall(r'<table data-jm-compare-list="([a-z-]+)">(.*?)</table>', section, re.S))
    assert set(lists) == {"added", "removed", "changed", "resolved", "carried-over", "new"}
    assert '<a href="drop-off/">Drop-off at a locker</a>' in lists["added"]
    assert '<a href="../returns/hotline/">Hotline</a>' in lists["removed"]
    assert 'Owner: <a class="jm-dept" href="../../departments/ecommerce/">E-commerce</a>' in lists["changed"]
    assert 'Channel: <a class="jm-channel" href="../../channels/mobile-app/">Mobile app</a>' in lists["changed"]
    assert "Long &lt;b&gt;hold&lt;/b&gt; times" in lists["resolved"] and "<b>" not in section
    assert 'data-jm-diagram="compare"' in section
    as_is = built["journeys/returns/"]
    assert 'data-jm-state="as-is"' in as_is
    assert (
        'Being redesigned in <a href="../returns-to-be/">Returns &lt;i&gt;redesigned&lt;/i&gt;</a> <span class="jm-'
        in as_is
    )
    for listing in (built["journeys/"], built[""]):
        assert re.search(r'redesigned&lt;/i&gt;</a> <span class="jm-badge jm-badge--to-be"[^>]*>to-be</span>', listing)
        assert not re.search(r'Returns today</a> <span class="jm-badge', listing)


def test_the_example_to_be_checkout_against_todays_online_purchase() -> None:
    maps = validate(EXAMPLE_MAPS).maps
    c = compare(maps, maps.journeys["one-page-checkout"])
    assert c is not None and c.as_is.id == "online-purchase"
    assert {r.touchpoint.id for r in c.added} == {"express-checkout", "one-page-checkout"}
    assert {r.touchpoint.id for r in c.removed} == {"account-gate", "shipping-step"}
    assert {ch.to_be.touchpoint.id: ch.fields for ch in c.changed} == {
        "price-alert-email": ("channel",),
        "cart-abandonment-email": ("owner",),
    }
    assert any("Guest checkout is hard to find" in p.pain.text for p in c.resolved)
    purchase = next(s for s in c.stages if s.id == "purchase")
    assert (purchase.as_is, purchase.to_be) == (-1, 1)


def test_diff_says_which_kind_of_journey_changed(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    init(repo)
    write_maps(repo, {"departments.yaml": DEPARTMENTS, "journeys/returns.yaml": AS_IS})
    commit_all(repo, "as-is", "Ana", 2)
    write_maps(
        repo, {"departments.yaml": DEPARTMENTS, "journeys/returns.yaml": AS_IS, "journeys/returns-to-be.yaml": TO_BE}
    )
    commit_all(repo, "to-be", "Ana", 3)
    run = run_cli("diff", "HEAD~1", "HEAD", cwd=repo)
    assert run.code == 0, run.err
    assert "to-be journey, a redesign of `returns` · file `maps/journeys/returns-to-be.yaml`" in run.out
    assert "New to-be journey" in run.out and "(a redesign of `returns`)" in run.out
    journey = (repo / "maps" / "journeys" / "returns.yaml").read_text(encoding="utf-8")
    (repo / "maps" / "journeys" / "returns.yaml").write_text(
        journey.replace("owner: ecommerce\nstages:", "owner: ecommerce\nreviewed: 2026-11-20\nstages:", 1)
    )
    to_be = (repo / "maps" / "journeys" / "returns-to-be.yaml").read_text(encoding="utf-8")
    (repo / "maps" / "journeys" / "returns-to-be.yaml").write_text(
        to_be.replace("state: to-be\ncompares_to: returns\n", "")
    )
    commit_all(repo, "reviewed; the redesign is live", "Ana", 4)
    run = run_cli("diff", "--format", "json", "HEAD~1", "HEAD", cwd=repo)
    kinds = {c["kind"]: c["summary"] for c in run.json()["changes"]}  # type: ignore[index, union-attr]
    assert kinds["journey-reviewed"].endswith("reviewed on 2026-11-20 (first review date)")
    assert kinds["journey-state-changed"].endswith("to-be, a redesign of returns -> as-is"), kinds
