"""The validation pipeline in one function: find, read, check. Everything later starts from its `Result`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import checks, load
from .model import Maps
from .problems import Problem, Severity, capped
from .settings import Settings


@dataclass(frozen=True)
class Result:
    maps: Maps
    problems: list[Problem]
    files: int

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors or (strict and self.warnings))


def validate(maps_dir: Path, settings: Settings | None = None, display_root: str | None = None) -> Result:
    """Check a maps directory; `display_root` is how problems name it (default: as given)."""
    settings = settings or Settings()
    root = str(maps_dir) if display_root is None else display_root
    # Find the files; anything outside the layout is a problem.
    files, problems = load.discover(maps_dir, root)
    if len(files) > settings.limits.max_files:
        message = f"{len(files)} map files, over the limit of {settings.limits.max_files} (max_files)"
        return Result(Maps(), [Problem(root, 1, 1, "JM014", message)], len(files))
    # Read and type-check each file on its own.
    for source in files:
        load.read(source, settings, maps_dir / source.rel)
        source.problems = capped(source.problems)  # a flood in one file is not held whole until the end
        problems.extend(source.problems)
    # Assemble the maps and apply the cross-file rules.
    maps, found = checks.run(files, settings)
    problems.extend(found)
    return Result(maps, capped(list(set(problems))), len(files))
