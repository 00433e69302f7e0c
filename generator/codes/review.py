"""Problem codes JM601-JM619: as-is and to-be journeys, review dates and handoffs (issue 17, contract 1.1)."""

from __future__ import annotations

from .examples import BASE, Code, E, W, _edited, _journey

_TO_BE = """\
title: Online purchase with the new checkout
persona: shopper
owner: ecommerce
state: to-be
compares_to: purchase
stages:
  - id: buy
    name: Buy
    touchpoints:
      - id: one-page-checkout
        name: One-page checkout
        channel: website
        owner: ecommerce
"""


def _to_be(old: str = "", new: str = "", name: str = "journeys/new-checkout.yaml") -> dict[str, str | None]:
    """A to-be journey of the base journey, with one edit."""
    assert old in _TO_BE, old
    return {name: _TO_BE.replace(old, new, 1)}


_TWO_DEPARTMENTS = BASE["departments.yaml"] + "  - id: logistics\n    name: Logistics\n"

CODES: tuple[Code, ...] = (
    Code(
        "JM601",
        "to-be-without-as-is",
        E,
        "A journey with `state: to-be` that does not say which as-is journey it redesigns: add `compares_to` "
        "with that journey's id, so that its page can compare the two.",
        failing=_to_be("compares_to: purchase\n", ""),
        passing=_to_be(),
    ),
    Code(
        "JM602",
        "unknown-as-is-journey",
        E,
        '`compares_to` names a journey that does not exist (with a "did you mean" where one is close).',
        failing=_to_be("compares_to: purchase\n", "compares_to: purchse\n"),
        passing=_to_be(),
    ),
    Code(
        "JM603",
        "compares-to-itself",
        E,
        "A to-be journey that names itself in `compares_to`: it redesigns another, as-is journey.",
        failing=_to_be("compares_to: purchase\n", "compares_to: new-checkout\n"),
        passing=_to_be(),
    ),
    Code(
        "JM604",
        "compares-to-to-be",
        E,
        "`compares_to` names another to-be journey: a redesign is compared with the journey as customers live "
        "it today, so name the as-is journey both redesign.",
        failing={
            **_to_be(),
            **_to_be("compares_to: purchase\n", "compares_to: new-checkout\n", "journeys/later-checkout.yaml"),
        },
        passing={**_to_be(), **_to_be(name="journeys/later-checkout.yaml")},
    ),
    Code(
        "JM605",
        "compares-to-without-to-be",
        E,
        "`compares_to` on a journey that is not `state: to-be`: only a to-be journey compares itself with an "
        "as-is one. Add `state: to-be`, or remove `compares_to`.",
        failing=_to_be("state: to-be\n", ""),
        passing=_to_be(),
    ),
    Code(
        "JM606",
        "stale-journey",
        W,
        "A journey whose `reviewed:` date, or without one the date of the last commit that changed its file, is "
        "more than `stale_after_days` (default 180) before today. Ask the owning department to confirm the map "
        "and update `reviewed:`. A file with uncommitted changes counts as changed today; outside git, a journey "
        "without `reviewed:` is never stale.",
        failing=_journey("owner: ecommerce\nstages:", "owner: ecommerce\nreviewed: 2025-01-15\nstages:"),
    ),
    Code(
        "JM607",
        "reviewed-after-today",
        W,
        "A `reviewed:` date after today: probably a typo (2062 for 2026). Write the date of the review.",
        failing=_journey("owner: ecommerce\nstages:", "owner: ecommerce\nreviewed: 2999-01-15\nstages:"),
    ),
    Code(
        "JM608",
        "journey-owner-owns-no-touchpoint",
        W,
        "A journey whose accountable owner owns none of its touchpoints: the department answering for the "
        "journey has no step of its own in it. Make the owner the department that owns its key touchpoints, or "
        "give it the touchpoint it is accountable for.",
        failing={
            "departments.yaml": _TWO_DEPARTMENTS,
            "journeys/purchase.yaml": _edited("owner: ecommerce\nstages:", "owner: logistics\nstages:"),
        },
        passing={
            "departments.yaml": _TWO_DEPARTMENTS,
            "journeys/purchase.yaml": _edited("owner: ecommerce\nstages:", "owner: logistics\nstages:")
            + "      - id: delivery\n        name: Delivery\n        channel: partner\n        owner: logistics\n",
        },
    ),
)
