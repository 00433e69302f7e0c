"""Build one `Maps` from the typed files, first declaration wins; what cannot be declared is a problem here."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from pydantic_core import PydanticCustomError

from ..load import SourceFile, id_suggestion, ids_of
from ..model import DepartmentsFile, Journey, Kpi, KpisFile, Maps, Persona, check_id
from ..problems import Problem
from ..settings import Settings
from .context import Context


def assemble(files: list[SourceFile], settings: Settings) -> tuple[Context, list[Problem]]:  # noqa: C901 - split with the rest of checks.py (issue 13, left for later: the module is being edited in parallel)
    """Build `Maps` from the loaded files, first declaration wins; later duplicates are problems (JM201)."""
    departments: dict[str, Any] = {}
    personas: dict[str, Persona] = {}
    journeys: dict[str, Journey] = {}
    kpis: dict[str, Kpi] = {}
    sources: dict[str, str] = {}
    seen: dict[str, str] = {}  # id -> display of the file that declared it
    problems: list[Problem] = []
    context = Context(Maps(departments, personas, journeys, kpis, sources), settings)

    def declare(kind: str, ident: str, source: SourceFile, path: tuple[Any, ...]) -> bool:
        key = f"{kind}:{ident}"
        if key in seen:
            problems.append(
                source.problem(path, "JM201", f"{kind} id '{ident}' is already used in {seen[key]}: ids must be unique")
            )
            return False
        seen[key] = source.display
        return True

    for source in files:  # files arrive sorted by path, so "first" is stable
        model = source.model
        context.unreadable["department"].update(source.dropped.get("departments", ()))
        context.unreadable["kpi"].update(source.dropped.get("kpis", ()))
        context.unreadable["touchpoint"].update(f"{source.stem}/{t}" for t in source.dropped.get("touchpoints", ()))
        if source.kind == "departments":
            context.departments_file = source
            sources["departments"] = source.rel
            if isinstance(model, DepartmentsFile):
                for index, department in enumerate(model.departments):
                    if declare("department", department.id, source, ("departments", index, "id")):
                        departments[department.id] = department
                        context.department_index[department.id] = index
            else:
                context.unreadable["department"].update(
                    _ids_in(source.data, "departments") if source.data is not None else {"*"}
                )
        elif source.kind == "persona":
            context.persona_files.setdefault(source.stem, source)
            if isinstance(model, Persona):
                if declare("persona", source.stem, source, ()):
                    personas[source.stem] = model
            else:
                context.unreadable["persona"].add(source.stem)
        elif source.kind == "journey":
            if isinstance(model, Journey):
                if declare("journey", source.stem, source, ()):
                    journeys[source.stem] = model
                    context.journey_files[source.stem] = source
                    _declare_kpis(context, declare, model.kpis, source, source.stem)
                    context.maps.invalid.update(_invalid_touchpoints(source, model))
            else:
                context.unreadable["journey"].add(source.stem)
                context.unreadable["kpi"].update(_ids_in(source.data, "kpis") if source.data is not None else {"*"})
        elif source.kind == "kpis":
            sources["kpis"] = source.rel
            if isinstance(model, KpisFile):
                _declare_kpis(context, declare, model.kpis, source, "")
            else:
                context.unreadable["kpi"].update(_ids_in(source.data, "kpis") if source.data is not None else {"*"})
        if source.kind in ("persona", "journey"):
            problems.extend(_file_name_problems(source))
    return context, problems


def _declare_kpis(
    context: Context, declare: Callable[..., bool], kpis: list[Kpi], source: SourceFile, journey_id: str
) -> None:
    for index, kpi in enumerate(kpis):
        if declare("KPI", kpi.id, source, ("kpis", index, "id")):
            kpi._defined_in = journey_id
            context.maps.kpis[kpi.id] = kpi
            context.kpi_homes[kpi.id] = (source, ("kpis", index))


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
