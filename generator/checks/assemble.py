"""Build one `Maps` from the typed files, first declaration wins; what cannot be declared is a problem here."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic_core import PydanticCustomError

from ..load import SourceFile, id_suggestion, ids_of
from ..model import DepartmentsFile, Journey, Kpi, KpisFile, Maps, Persona, check_id
from ..problems import Problem
from ..settings import Settings
from .context import Context


def assemble(files: list[SourceFile], settings: Settings) -> tuple[Context, list[Problem]]:
    """Build `Maps` from the loaded files, first declaration wins; later duplicates are problems (JM201)."""
    assembly = _Assembly(Context(Maps(), settings))
    for source in files:  # files arrive sorted by path, so "first" is stable
        assembly.add(source)
    return assembly.context, assembly.problems


@dataclass
class _Assembly:
    """The maps being assembled, file after file, and what could not be declared."""

    context: Context
    problems: list[Problem] = field(default_factory=list)
    seen: dict[str, str] = field(default_factory=dict)
    """'<kind>:<id>' -> display of the file that declared it."""

    def declare(self, kind: str, ident: str, source: SourceFile, path: tuple[Any, ...]) -> bool:
        """True for the first declaration of an id; a later one is a problem (JM201)."""
        key = f"{kind}:{ident}"
        if key in self.seen:
            message = f"{kind} id '{ident}' is already used in {self.seen[key]}: ids must be unique"
            self.problems.append(source.problem(path, "JM201", message))
            return False
        self.seen[key] = source.display
        return True

    def add(self, source: SourceFile) -> None:
        unreadable = self.context.unreadable
        unreadable["department"].update(source.dropped.get("departments", ()))
        unreadable["kpi"].update(source.dropped.get("kpis", ()))
        unreadable["touchpoint"].update(f"{source.stem}/{t}" for t in source.dropped.get("touchpoints", ()))
        if source.kind == "departments":
            self.departments(source)
        elif source.kind == "persona":
            self.persona(source)
        elif source.kind == "journey":
            self.journey(source)
        elif source.kind == "kpis":
            self.context.maps.sources["kpis"] = source.rel
            if isinstance(source.model, KpisFile):
                self.kpis(source.model.kpis, source, "")
            else:
                unreadable["kpi"].update(_ids_in(source.data, "kpis") if source.data is not None else {"*"})
        if source.kind in ("persona", "journey"):
            self.problems.extend(_file_name_problems(source))

    def departments(self, source: SourceFile) -> None:
        context = self.context
        context.departments_file = source
        context.maps.sources["departments"] = source.rel
        if not isinstance(source.model, DepartmentsFile):
            ids = _ids_in(source.data, "departments") if source.data is not None else {"*"}
            context.unreadable["department"].update(ids)
            return
        for index, department in enumerate(source.model.departments):
            if self.declare("department", department.id, source, ("departments", index, "id")):
                context.maps.departments[department.id] = department
                context.department_index[department.id] = index

    def persona(self, source: SourceFile) -> None:
        self.context.persona_files.setdefault(source.stem, source)
        if not isinstance(source.model, Persona):
            self.context.unreadable["persona"].add(source.stem)
        elif self.declare("persona", source.stem, source, ()):
            self.context.maps.personas[source.stem] = source.model

    def journey(self, source: SourceFile) -> None:
        context, journey = self.context, source.model
        if not isinstance(journey, Journey):
            context.unreadable["journey"].add(source.stem)
            context.unreadable["kpi"].update(_ids_in(source.data, "kpis") if source.data is not None else {"*"})
        elif self.declare("journey", source.stem, source, ()):
            context.maps.journeys[source.stem] = journey
            context.journey_files[source.stem] = source
            self.kpis(journey.kpis, source, source.stem)
            context.maps.invalid.update(_invalid_touchpoints(source, journey))

    def kpis(self, kpis: list[Kpi], source: SourceFile, journey_id: str) -> None:
        for index, kpi in enumerate(kpis):
            if self.declare("KPI", kpi.id, source, ("kpis", index, "id")):
                kpi.define_in(journey_id)
                self.context.maps.kpis[kpi.id] = kpi
                self.context.kpi_homes[kpi.id] = (source, ("kpis", index))


def _invalid_touchpoints(source: SourceFile, journey: Journey) -> Iterator[tuple[str, tuple[str, dict[str, Any]]]]:
    """The touchpoints a salvaged journey left out, as written, by address (see `Maps.invalid`)."""
    dropped = source.dropped.get("touchpoints", set()) - {t.id for _, t in journey.touchpoints()}
    stages = source.data.get("stages") if dropped and isinstance(source.data, dict) else None
    for stage in stages if isinstance(stages, list) else []:
        items = stage.get("touchpoints") if isinstance(stage, dict) else None
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and item.get("id") in dropped:
                yield f"{source.stem}/{item['id']}", (str(stage.get("id", "")), item)


def _ids_in(data: Any, list_key: str) -> set[str]:
    """Best-effort ids from a file that did not validate, so that references to them stay quiet."""
    return ids_of(data.get(list_key)) if isinstance(data, dict) else set()


def _file_name_problems(source: SourceFile) -> Iterator[Problem]:
    try:
        check_id(source.stem)  # the same rule as every other id
    except PydanticCustomError as error:  # its type is the problem code
        code = error.type
        suggestion = id_suggestion(source.stem, source.kind)
        yield Problem(
            source.display,
            1,
            1,
            code,
            f"the file name is the {source.kind} id: {error}; rename the file, e.g. to '{suggestion}.yaml'",
        )
