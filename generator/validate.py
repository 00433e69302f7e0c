"""The validation pipeline in one function: find, read, check. Everything later starts from its `Result`."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import checks, freshness, load, measurements, review
from .model import Maps
from .problems import Problem, Severity, capped
from .settings import Settings


@dataclass(frozen=True)
class Result:
    maps: Maps
    problems: list[Problem]
    files: int
    dates: review.FileDates = field(default_factory=review.FileDates)
    """What git said about the files when they were judged: the pages reuse it instead of asking git again."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors or (strict and self.warnings))


def validate(
    maps_dir: Path,
    settings: Settings | None = None,
    display_root: str | None = None,
    dates: review.FileDates | None = None,
) -> Result:
    """Check a maps directory; `display_root` is how problems name it (default: as given).

    `dates` is what git says about the files (`history.file_dates`), for the journeys without `reviewed:`;
    without it, only `reviewed:` dates can make a journey stale."""
    with _cycles_collected_after():
        return _validate(maps_dir, settings or Settings(), display_root, dates)


@contextmanager
def _cycles_collected_after() -> Iterator[None]:
    """Reading makes about a million small containers and keeps most of them (the maps): the cycle collector,
    which runs again and again as they pile up and walks every one still alive, took a quarter of `validate`
    at 10,000 touchpoints (0.33 s of 1.27 s). It only looks for cycles, and reading makes none to speak of:
    reference counting frees everything else as before, and the collector is back as it was afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _validate(maps_dir: Path, settings: Settings, display_root: str | None, dates: review.FileDates | None) -> Result:
    root = str(maps_dir) if display_root is None else display_root
    # Find the files; anything outside the layout is a problem.
    files, problems = load.discover(maps_dir, root)
    measured, stray = measurements.discover(maps_dir, root)
    problems.extend(stray)
    count = len(files) + len(measured)
    if count > settings.limits.max_files:
        message = f"{count} map files, over the limit of {settings.limits.max_files} (max_files)"
        return Result(Maps(), [Problem(root, 1, 1, "JM014", message)], count)
    # Read and type-check each file on its own.
    for source in files:
        load.read(source, settings, maps_dir / source.rel)
        source.problems = capped(source.problems)  # a flood in one file is not held whole until the end
        problems.extend(source.problems)
    # Assemble the maps and apply the cross-file rules.
    maps, found = checks.run(files, settings)
    problems.extend(found)
    # Measurements files: read each, then merge its figures into its KPI (after the YAML rules, which judge the YAML).
    for table in measured:
        measurements.read(table, maps_dir / table.rel, settings)
        problems.extend(table.problems)
    problems.extend(measurements.apply(maps, measured, files, _unloaded_kpis(files)))
    if not any(p.severity is Severity.ERROR for p in problems):  # warnings on maps that load whole, as in checks
        problems.extend(freshness.stale_kpis(maps, measured, files, settings.stale_after_days, freshness.today()))
    # A stale journey is stale whatever else is wrong: reported for every journey that loaded, so that a
    # change that breaks another file does not seem to fix it (`diff` compares two revisions' problems).
    dates = dates or review.FileDates()
    journeys = review.reviews(maps, dates, freshness.today(), settings.stale_after_days)
    problems.extend(review.stale_journeys(maps, files, journeys))
    return Result(maps, capped(list(set(problems))), count, dates)


def _unloaded_kpis(files: list[load.SourceFile]) -> set[str]:
    """KPI ids declared in files that did not load whole ('*' when one could not be read at all)."""
    ids: set[str] = set()
    for source in files:
        ids.update(source.dropped.get("kpis", ()))
        if source.model is None and source.kind in ("journey", "kpis"):
            ids.update(load.ids_of(source.data.get("kpis")) if isinstance(source.data, dict) else {"*"})
    return ids
