"""Handoffs (contract, "Handoffs"): a `leads_to` from one department's touchpoint to another's, on real maps."""

from __future__ import annotations

import re
from pathlib import Path

from journeymaps import pages
from journeymaps.handoffs import HandoffIndex, journey_handoffs, owner_owns_nothing
from journeymaps.model import Maps
from journeymaps.validate import validate

from .conftest import EXAMPLE_MAPS, write_maps

DEPARTMENTS = """\
departments:
  - id: ecommerce
    name: E-commerce
  - id: logistics
    name: Logística <b>&</b> Fulfilment
  - id: support
    name: Customer Service
"""

PURCHASE = """\
title: Online purchase
persona: shopper
owner: ecommerce
stages:
  - id: buy
    name: Buy
    touchpoints:
      - id: checkout
        name: Checkout
        channel: website
        owner: ecommerce
        leads_to: [confirmation, dispatch, dispatch, purchase/dispatch]
      - id: confirmation
        name: Confirmation e-mail
        channel: email
        owner: ecommerce
  - id: deliver
    name: Delivery
    touchpoints:
      - id: dispatch
        name: Dispatch <i>note</i>
        channel: sms
        owner: logistics
        leads_to: [returns/return-chat]
      - id: tracking
        name: Tracking page
        channel: website
        owner: logistics
        leads_to: [dispatch]
"""

RETURNS = """\
title: Returns
persona: shopper
owner: support
stages:
  - id: ask
    name: Ask
    touchpoints:
      - id: return-chat
        name: Return chat
        channel: chat
        owner: support
      - id: refund
        name: Refund
        channel: email
        owner: ecommerce
"""


def _maps(tmp_path: Path) -> tuple[Path, Maps]:
    folder = write_maps(
        tmp_path,
        {"departments.yaml": DEPARTMENTS, "journeys/purchase.yaml": PURCHASE, "journeys/returns.yaml": RETURNS},
    )
    result = validate(folder)
    assert not result.errors, result.errors
    return folder, result.maps


def test_a_leads_to_across_owners_is_a_handoff_within_and_across_journeys(tmp_path: Path) -> None:
    _, maps = _maps(tmp_path)
    found = [(h.source.address, h.target.address) for h in journey_handoffs(maps, maps.journeys["purchase"])]
    # Same owner (checkout -> confirmation) is not one; the same target written twice, also as
    # 'purchase/dispatch', counts once; the implied step from confirmation to the next stage is not written: none.
    assert found == [("purchase/checkout", "purchase/dispatch"), ("purchase/dispatch", "returns/return-chat")]
    index = HandoffIndex.of(maps)
    assert [h.key for h in index.into("support")] == [("purchase/dispatch", "returns/return-chat")]
    assert index.into("support")[0].across_journeys
    assert [h.key for h in index.into_journey("returns")] == [("purchase/dispatch", "returns/return-chat")]
    assert [h.key for h in index.out_of("ecommerce")] == [("purchase/checkout", "purchase/dispatch")]
    assert index.senders("logistics") == [("ecommerce", 1)] and index.receivers("logistics") == [("support", 1)]
    assert index.journey("returns") == [] and index.marked("purchase") == {h.key for h in index.journey("purchase")}


def test_handoffs_of_a_to_be_journey_are_planned_not_todays(tmp_path: Path) -> None:
    redesign = PURCHASE.replace(
        "owner: ecommerce\nstages:", "owner: ecommerce\nstate: to-be\ncompares_to: purchase\nstages:", 1
    )
    folder = write_maps(
        tmp_path,
        {"departments.yaml": DEPARTMENTS, "journeys/purchase.yaml": PURCHASE, "journeys/returns.yaml": RETURNS,
         "journeys/purchase-to-be.yaml": redesign.replace("purchase/dispatch", "purchase-to-be/dispatch")},
    )  # fmt: skip
    result = validate(folder)
    assert not result.errors, result.errors
    index = HandoffIndex.of(result.maps)
    assert [h.key for h in index.into("logistics")] == [("purchase/checkout", "purchase/dispatch")]
    assert [h.key for h in index.into("logistics", planned=True)] == [
        ("purchase-to-be/checkout", "purchase-to-be/dispatch")
    ]
    assert index.senders("support") == [("logistics", 1)]  # today's only
    assert len(index.journey("purchase-to-be")) == 2  # its own page counts all of its handoffs
    built = pages.build_pages(result.maps, maps_dir=folder)
    support = _page(built, "departments/support/")
    assert "### Received (1)" in support
    assert "Not counted above: 1 handoff received in a to-be journey" in support
    assert (
        '<a href="../../journeys/purchase-to-be/">Online purchase</a> <span class="jm-badge jm-badge--to-be"' in support
    )


def test_the_journey_owner_who_owns_no_touchpoint(tmp_path: Path) -> None:
    _, maps = _maps(tmp_path)
    assert not owner_owns_nothing(maps.journeys["purchase"])
    assert not owner_owns_nothing(maps.journeys["returns"])
    assert owner_owns_nothing(maps.journeys["purchase"].model_copy(update={"owner": "support"}))


def _page(built: list[pages.Page], url: str) -> str:
    return next(p.body for p in built if p.url == url)


def test_department_pages_list_handoffs_in_and_out_linked_and_escaped(tmp_path: Path) -> None:
    folder, maps = _maps(tmp_path)
    built = pages.build_pages(maps, maps_dir=folder)
    support = _page(built, "departments/support/")
    received = support.split("### Received (1)")[1].split("### Handed over (0)")[0]
    name = "Logística &lt;b&gt;&amp;&lt;/b&gt; Fulfilment"
    assert f'From <a class="jm-dept" href="../logistics/">{name}</a> (1).' in received
    assert '<a href="../../journeys/purchase/dispatch/">Dispatch &lt;i&gt;note&lt;/i&gt;</a>' in received
    assert '<a href="../../journeys/returns/return-chat/">Return chat</a>' in received
    assert "<b>" not in support and "<i>" not in support
    logistics = _page(built, "departments/logistics/")
    assert "### Received (1)" in logistics and "### Handed over (1)" in logistics
    rows = re.findall(r'data-jm-handoff="([^"]+)"', logistics)
    assert rows == ["purchase/checkout→purchase/dispatch", "purchase/dispatch→returns/return-chat"]


def test_the_journey_page_counts_its_handoffs_and_lists_those_coming_in(tmp_path: Path) -> None:
    folder, maps = _maps(tmp_path)
    built = pages.build_pages(maps, maps_dir=folder)
    purchase = _page(built, "journeys/purchase/")
    assert '<dt>Handoffs</dt><dd class="jm-handoff-count"><a href="#handoffs">2 handoffs</a>' in purchase
    returns = _page(built, "journeys/returns/")
    assert "none: no <code>leads_to</code> passes to another department" in returns
    assert re.findall(r'data-jm-handoff="([^"]+)"', returns) == ["purchase/dispatch→returns/return-chat"]


def test_customer_service_in_the_example_receives_handoffs_from_logistics_and_stores() -> None:
    maps = validate(EXAMPLE_MAPS).maps
    senders = dict(HandoffIndex.of(maps).senders("customer-service"))
    assert senders["logistics"] >= 2 and senders["stores"] >= 1
