"""What every cross-file rule gets (`Context`) and how a rule is declared with the codes it reports (`rule`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..codes import BY_CODE
from ..load import SourceFile
from ..model import Maps
from ..problems import Problem, Severity, Suggestions
from ..settings import Settings


@dataclass
class Context:
    """What the rules share: the assembled maps, the files by id, and the ids of files that failed."""

    maps: Maps
    settings: Settings
    departments_file: SourceFile | None = None
    journey_files: dict[str, SourceFile] = field(default_factory=dict)
    persona_files: dict[str, SourceFile] = field(default_factory=dict)
    kpi_homes: dict[str, tuple[SourceFile, tuple[Any, ...]]] = field(default_factory=dict)
    department_index: dict[str, int] = field(default_factory=dict)
    suggest: Suggestions = field(default_factory=Suggestions)
    """"did you mean" for references, with a bounded amount of work for the whole run."""
    unreadable: dict[str, set[str]] = field(
        default_factory=lambda: {kind: set() for kind in ("department", "persona", "journey", "kpi", "touchpoint")}
    )
    """Ids whose declarations did not load (touchpoints as '<journey>/<touchpoint>'): references to them stay quiet."""

    def known(self, kind: str, ident: str, defined: dict[str, Any]) -> bool:
        # '*': the file declaring them could not be read at all (too large, not UTF-8, bad YAML), so no id can be judged
        return ident in defined or ident in self.unreadable[kind] or "*" in self.unreadable[kind]


Rule = Callable[[Context], Iterator[Problem]]


@dataclass(frozen=True)
class Check:
    """A cross-file rule with the codes it reports; how severe each is, the catalogue (`codes`) says."""

    codes: tuple[str, ...]
    run: Rule

    @property
    def warns(self) -> bool:
        """Only warnings (what is probably not meant): it runs only on maps whose every file loaded whole."""
        return all(BY_CODE[code].severity is Severity.WARNING for code in self.codes)


def rule(*codes: str) -> Callable[[Rule], Check]:
    """Declare a rule and the codes it reports (each in the catalogue)."""
    return lambda function: Check(codes, function)
