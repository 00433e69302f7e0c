"""Review dates and stale maps (contract, "Review dates and stale maps"): a map nobody confirms becomes a poster.

A journey's review date is its `reviewed:`, or without one the date of the last commit that changed
its file. It is stale when that date is more than `stale_after_days` before today (the date of
SOURCE_DATE_EPOCH when set, `freshness.today`). What git knows about the files comes in as data
(`FileDates`, read by `history.file_dates`), so that validation and the pages never run git:

- a file with changes not yet committed (or not yet tracked) counts as changed today: it is being
  edited, and the commit that follows will be fresh;
- outside a git repository, or for a file git has no commit of, a journey without `reviewed:` has no
  review date: it is never called stale, and its page says there is no review date.

Pure: maps, dates and today in; `Review` values and problems (JM606, JM607) out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

from .load import SourceFile
from .model import Journey, Maps
from .problems import Problem, quote

ReviewBasis = Literal["reviewed", "committed", "uncommitted", "unknown"]
"""Where a journey's review date comes from: its `reviewed:`, its file's last commit, its file's uncommitted
changes (today), or nowhere (outside git)."""


@dataclass(frozen=True)
class FileDates:
    """What git says about the maps' files, by path relative to the maps folder (POSIX, as `Journey.source`)."""

    committed: Mapping[str, dt.date] = field(default_factory=dict)
    """The UTC date of the last commit that changed each file (committer date)."""
    uncommitted: frozenset[str] = frozenset()
    """Files with changes git has not committed: modified, added or untracked."""


@dataclass(frozen=True)
class Review:
    """How fresh one journey's map is, as of `today`."""

    date: dt.date | None
    """Its `reviewed:` date, else its file's last change, else None."""
    basis: ReviewBasis
    age: int | None
    """Days from `date` to today (negative for a `reviewed:` date after today); None without a date."""
    stale: bool
    """Older than `limit` days."""
    limit: int
    """`stale_after_days`, for the page's wording."""

    @property
    def after_today(self) -> bool:
        """A `reviewed:` date later than today: probably a typo (JM607). A commit after "today" is not: builds
        often set SOURCE_DATE_EPOCH to an earlier date than the newest commit."""
        return self.basis == "reviewed" and self.age is not None and self.age < 0


def review_of(journey: Journey, dates: FileDates, today: dt.date, days: int) -> Review:
    """The journey's review date, where it comes from, and whether it is stale."""
    basis: ReviewBasis
    if journey.reviewed is not None:
        date, basis = journey.reviewed, "reviewed"
    elif journey.source in dates.uncommitted:
        date, basis = today, "uncommitted"
    elif journey.source in dates.committed:
        date, basis = dates.committed[journey.source], "committed"
    else:
        return Review(None, "unknown", None, False, days)
    age = (today - date).days
    return Review(date, basis, age, age > days, days)


def reviews(maps: Maps, dates: FileDates, today: dt.date, days: int) -> dict[str, Review]:
    """Journey id -> its review, for every journey."""
    return {journey_id: review_of(journey, dates, today, days) for journey_id, journey in maps.journeys.items()}


def stale_journeys(maps: Maps, files: list[SourceFile], found: Mapping[str, Review]) -> Iterator[Problem]:
    """JM606 for each stale journey, JM607 for a `reviewed:` date after today; at `reviewed:` where it is written."""
    by_rel = {source.rel: source for source in files}
    for journey_id, review in found.items():
        journey = maps.journeys[journey_id]
        source = by_rel.get(journey.source)
        if source is None or not (review.stale or review.after_today):
            continue
        owner = quote(maps.departments[journey.owner].name if journey.owner in maps.departments else journey.owner)
        if review.after_today:
            yield source.problem(
                ("reviewed",),
                "JM607",
                f"journey '{journey_id}' says it was reviewed on {review.date}, a date after today: write the date "
                "of the review",
            )
        elif review.basis == "reviewed":
            yield source.problem(
                ("reviewed",),
                "JM606",
                f"journey '{journey_id}' was last reviewed on {review.date}, more than {review.limit} days ago "
                f"(stale_after_days): ask {owner} to confirm it matches reality, then update reviewed:",
            )
        else:
            yield source.problem(
                (),
                "JM606",
                f"journey '{journey_id}' has no reviewed: date and its file last changed on {review.date} (git), "
                f"more than {review.limit} days ago (stale_after_days): ask {owner} to confirm it matches "
                "reality, then add reviewed: YYYY-MM-DD",
            )
