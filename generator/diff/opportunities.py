"""What changed in a touchpoint's opportunities: added, removed, moved between statuses, handed to another owner,
edited.

An opportunity is the same one on both sides when it keeps its `id`, or else its text (a plain text that
becomes a mapping with a status is the same idea moving on). Each change concerns the department that owns
the opportunity (its own `owner`, else the touchpoint's).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Journey, Opportunity, Touchpoint
from .changes import Change, Concern

EDITED = ("text", "value", "effort", "link", "kpis")
"""Fields whose edit a review wants to see, besides status and owner (which have changes of their own)."""


def _key(opportunity: Opportunity) -> str:
    return " ".join(opportunity.text.split())


def _paired(
    old: list[Opportunity], new: list[Opportunity]
) -> tuple[list[tuple[Opportunity, Opportunity]], list[Opportunity], list[Opportunity]]:
    """(same opportunity before and after), removed ones, added ones: matched by id first, then by text."""
    pairs: list[tuple[Opportunity, Opportunity]] = []
    left, right = list(old), list(new)
    for match in (lambda o: o.id, _key):
        for after in list(right):
            key = match(after)
            before = next((o for o in left if key is not None and match(o) == key), None)
            if before is not None:
                pairs.append((before, after))
                left.remove(before)
                right.remove(after)
    return pairs, left, right


def opportunities_changed(journey: Journey, old: Touchpoint, new: Touchpoint) -> Iterator[Change]:
    """The opportunity changes of one touchpoint present on both sides, in the order HEAD lists them."""
    j, subject, name = journey.id, f"touchpoint:{new.id}", new.name
    items = new.opportunity_items()
    pairs, removed, added = _paired(old.opportunity_items(), items)
    order = {id(o): i for i, o in enumerate(items)}
    for after in sorted(added, key=lambda o: order[id(o)]):
        owner = after.owner or new.owner
        yield Change("opportunity-added", j, subject, name, after=after.text,
                     extra={"status": after.status, "owner": owner}, concerns=(Concern(owner, "owns"),))  # fmt: skip
    for before, after in sorted(pairs, key=lambda pair: order[id(pair[1])]):
        yield from _changed(j, subject, name, (before, old), (after, new))
    for before in removed:
        owner = before.owner or old.owner
        yield Change("opportunity-removed", j, subject, name, before=before.text,
                     extra={"status": before.status, "owner": owner}, concerns=(Concern(owner, "owns"),))  # fmt: skip


def _changed(
    j: str, subject: str, name: str, was: tuple[Opportunity, Touchpoint], now: tuple[Opportunity, Touchpoint]
) -> Iterator[Change]:
    (before, old), (after, new) = was, now
    owner_before, owner_after = before.owner or old.owner, after.owner or new.owner
    owns = (Concern(owner_after, "owns"),)
    facts = {"text": after.text, "status": after.status, "owner": owner_after}
    if before.status != after.status:
        yield Change("opportunity-status-changed", j, subject, name, before.status, after.status, extra=facts,
                     concerns=owns)  # fmt: skip
    if owner_before != owner_after:
        concerns = (Concern(owner_after, "owner-gained"), Concern(owner_before, "owner-lost"))
        yield Change("opportunity-owner-changed", j, subject, name, owner_before, owner_after, extra=facts,
                     concerns=concerns)  # fmt: skip
    edited = [field for field in EDITED if getattr(before, field) != getattr(after, field)]
    if edited:
        yield Change("opportunity-edited", j, subject, name, extra={**facts, "fields": edited}, concerns=owns)
