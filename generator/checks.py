"""Cross-file rules: assemble the typed files into one `Maps`, then check ids and references.

Each rule is a function that yields problems; its code and examples are in `codes.CODES`. A
reference to something whose own file failed to load is not reported again: the file's problem
already says what to fix.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic_core import PydanticCustomError

from .load import SourceFile, id_suggestion, ids_of
from .model import DepartmentsFile, Journey, Kpi, KpisFile, Maps, Persona, check_id
from .problems import Problem, Severity, Suggestions, quote
from .settings import Settings

W = Severity.WARNING


@dataclass
class Context:
    """What the rules share: the assembled maps, the files by id, and the ids of files that failed."""

    maps: Maps
    settings: Settings
    departments_file: SourceFile | None = None
    kpis_file: SourceFile | None = None
    journey_files: dict[str, SourceFile] = field(default_factory=dict)
    persona_files: dict[str, SourceFile] = field(default_factory=dict)
    kpi_homes: dict[str, tuple[SourceFile, tuple[Any, ...]]] = field(default_factory=dict)
    department_index: dict[str, int] = field(default_factory=dict)
    suggest: Suggestions = field(default_factory=Suggestions)
    """"did you mean" for references, with a bounded amount of work for the whole run."""
    unreadable: dict[str, set[str]] = field(
        default_factory=lambda: {
            "department": set(),
            "persona": set(),
            "journey": set(),
            "kpi": set(),
            "touchpoint": set(),
        }
    )
    """Ids whose declarations did not load (touchpoints as '<journey>/<touchpoint>'): references to them stay quiet."""

    def known(self, kind: str, ident: str, defined: dict[str, Any]) -> bool:
        # '*': the file declaring them could not be read at all (too large, not UTF-8, bad YAML), so no id can be judged
        return ident in defined or ident in self.unreadable[kind] or "*" in self.unreadable[kind]


Rule = Callable[[Context], Iterator[Problem]]
RULES: list[Rule] = []
WARNING_RULES: list[Rule] = []


def rule(function: Rule) -> Rule:
    RULES.append(function)
    return function


def warning_rule(function: Rule) -> Rule:
    """A rule about what is probably not meant; it runs only on maps whose every file loaded whole."""
    WARNING_RULES.append(function)
    return function


def assemble(files: list[SourceFile], settings: Settings) -> tuple[Context, list[Problem]]:
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
            context.kpis_file = source
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


def run(files: list[SourceFile], settings: Settings) -> tuple[Maps, list[Problem]]:
    """Assemble the maps and apply every rule."""
    context, problems = assemble(files, settings)
    whole = all(source.model is not None and not source.dropped and not source.problems for source in files)
    for check in RULES + (WARNING_RULES if whole else []):
        problems.extend(check(context))
    return context.maps, problems


def _department_refs(context: Context) -> Iterator[tuple[SourceFile, tuple[Any, ...], str, str]]:
    """(file, path, department id, "<who> names unknown <role>") for every department reference."""
    for journey_id, journey in context.maps.journeys.items():
        source = context.journey_files[journey_id]
        yield source, ("owner",), journey.owner, f"journey '{journey_id}' names unknown owner"
        for s, stage in enumerate(journey.stages):
            for t, touchpoint in enumerate(stage.touchpoints):
                base = ("stages", s, "touchpoints", t)
                yield source, (*base, "owner"), touchpoint.owner, f"touchpoint '{touchpoint.id}' names unknown owner"
                for role in ("responsible", "consulted", "informed"):
                    for i, department in enumerate(getattr(touchpoint, role)):
                        yield (
                            source,
                            (*base, role, i),
                            department,
                            f"touchpoint '{touchpoint.id}' names unknown {role} department",
                        )
    for kpi_id, (source, path) in context.kpi_homes.items():
        yield source, (*path, "owner"), context.maps.kpis[kpi_id].owner, f"KPI '{kpi_id}' names unknown owner"


@rule
def unknown_departments(context: Context) -> Iterator[Problem]:
    """JM204: every department reference resolves."""
    defined = context.maps.departments
    if context.departments_file is None:  # JM013 already says so
        return
    where = f": departments are listed in {context.departments_file.display}"
    for source, path, department, what in _department_refs(context):
        if not context.known("department", department, defined):
            hint = context.suggest(department, defined)
            yield source.problem(path, "JM204", f"{what} {quote(department)}{hint}{where}")


@rule
def unknown_personas(context: Context) -> Iterator[Problem]:
    """JM205: a journey's personas have files."""
    for journey_id, journey in context.maps.journeys.items():
        for index, persona in enumerate(journey.persona):
            if not context.known("persona", persona, context.maps.personas):
                hint = context.suggest(persona, context.maps.personas)
                yield context.journey_files[journey_id].problem(
                    ("persona", index),
                    "JM205",
                    f"journey '{journey_id}' names unknown persona {quote(persona)}{hint}: add personas/{persona}.yaml or fix the name",
                )


@rule
def touchpoint_references(context: Context) -> Iterator[Problem]:
    """JM202, JM203, JM206, JM207, JM208, JM113: ids within a journey, KPIs and leads_to."""
    maps = context.maps
    for journey_id, journey in maps.journeys.items():
        source = context.journey_files[journey_id]
        stage_ids: dict[str, int] = {}
        touchpoint_ids: dict[str, tuple[int, int]] = {}
        for s, stage in enumerate(journey.stages):
            if stage.id in stage_ids:
                line = source.position(("stages", stage_ids[stage.id], "id"))[0]
                yield source.problem(
                    ("stages", s, "id"),
                    "JM202",
                    f"stage id '{stage.id}' is used twice in this journey (first at line {line})",
                )
            stage_ids.setdefault(stage.id, s)
            for t, touchpoint in enumerate(stage.touchpoints):
                if touchpoint.id in touchpoint_ids:
                    line = source.position(
                        (
                            "stages",
                            *touchpoint_ids[touchpoint.id][:1],
                            "touchpoints",
                            touchpoint_ids[touchpoint.id][1],
                            "id",
                        )
                    )[0]
                    yield source.problem(
                        ("stages", s, "touchpoints", t, "id"),
                        "JM203",
                        f"touchpoint id '{touchpoint.id}' is used twice in this journey (first at line {line}): "
                        "give each touchpoint its own id",
                    )
                    # The copy was meant to have some other id: which one, leads_to entries cannot tell.
                    context.unreadable["touchpoint"].add(f"{journey_id}/*")
                touchpoint_ids.setdefault(touchpoint.id, (s, t))
        count = sum(len(stage.touchpoints) for stage in journey.stages)
        limit = context.settings.limits.max_touchpoints_per_journey
        if count > limit:
            yield source.problem(
                ("stages",),
                "JM113",
                f"journey has {count} touchpoints, over the limit of {limit}: split it into several journeys",
            )
        for s, stage in enumerate(journey.stages):
            for t, touchpoint in enumerate(stage.touchpoints):
                base = ("stages", s, "touchpoints", t)
                for k, kpi in enumerate(touchpoint.kpis):
                    if not context.known("kpi", kpi, maps.kpis):
                        hint = context.suggest(kpi, maps.kpis)
                        yield source.problem(
                            (*base, "kpis", k),
                            "JM206",
                            f"touchpoint '{touchpoint.id}' names unknown KPI {quote(kpi)}{hint}",
                        )
                for n, target in enumerate(touchpoint.leads_to):
                    problem = _leads_to_problem(context, journey_id, touchpoint_ids, touchpoint.id, target)
                    if problem:
                        yield source.problem((*base, "leads_to", n), *problem)


def _leads_to_problem(
    context: Context, journey_id: str, own: dict[str, Any], touchpoint_id: str, target: str
) -> tuple[str, str] | None:
    maps = context.maps
    other, slash, name = target.partition("/")
    if context.known("touchpoint", f"{journey_id}/{target}" if not slash else target, {}):
        return None
    if f"{other if slash else journey_id}/*" in context.unreadable["touchpoint"]:
        return None  # that journey has a duplicate touchpoint id (JM203): its copy may be the one meant
    if not slash:
        if target in own:
            return None
        return (
            "JM207",
            f"touchpoint '{touchpoint_id}' leads to unknown touchpoint {quote(target)}{context.suggest(target, own)}",
        )
    if other == journey_id:
        if name in own:
            return None
        return (
            "JM207",
            f"touchpoint '{touchpoint_id}' leads to unknown touchpoint {quote(target)}{context.suggest(name, own)}",
        )
    journey = maps.journeys.get(other)
    if journey is None:
        if other in context.unreadable["journey"]:
            return None
        hint = context.suggest(other, maps.journeys)
        return "JM208", f"touchpoint '{touchpoint_id}' leads to {quote(target)} in unknown journey {quote(other)}{hint}"
    ids = [t.id for _, t in journey.touchpoints()]
    if name in ids:
        return None
    hint = context.suggest(name, ids)
    return "JM207", f"touchpoint '{touchpoint_id}' leads to unknown touchpoint {quote(name)} of journey '{other}'{hint}"


@rule
def kpi_dates(context: Context) -> Iterator[Problem]:
    """JM209: a current figure says how fresh it is."""
    for kpi_id, (source, path) in context.kpi_homes.items():
        kpi = context.maps.kpis[kpi_id]
        if kpi.current is not None and kpi.as_of is None and not _written(source, kpi_id, "as_of"):
            yield source.problem(
                (*path, "current"),
                "JM209",
                f"KPI '{kpi_id}' has a current value but no 'as_of' date: add as_of: YYYY-MM-DD",
            )


def _written(source: SourceFile, kpi_id: str, field_name: str) -> bool:
    """True when the KPI's mapping in the file gives the field, valid or not (an invalid one is already reported)."""
    data = source.data
    items = data.get("kpis") if isinstance(data, dict) else None
    return any(isinstance(item, dict) and item.get("id") == kpi_id and field_name in item for item in items or [])


@warning_rule
def empty_stages(context: Context) -> Iterator[Problem]:
    """JM301."""
    for journey_id, journey in context.maps.journeys.items():
        for s, stage in enumerate(journey.stages):
            if not stage.touchpoints:
                yield context.journey_files[journey_id].problem(
                    ("stages", s), "JM301", f"stage '{stage.id}' has no touchpoints", W
                )


@warning_rule
def unused_kpis(context: Context) -> Iterator[Problem]:
    """JM302."""
    used = {kpi for ref in context.maps.touchpoints() for kpi in ref.touchpoint.kpis}
    for kpi_id, (source, path) in context.kpi_homes.items():
        if kpi_id not in used:
            yield source.problem((*path, "id"), "JM302", f"KPI '{kpi_id}' is not listed by any touchpoint", W)


@warning_rule
def idle_departments(context: Context) -> Iterator[Problem]:
    """JM303: a department that owns nothing at all is probably a leftover or a typo elsewhere."""
    maps = context.maps
    owners = {journey.owner for journey in maps.journeys.values()} | {kpi.owner for kpi in maps.kpis.values()}
    owners |= {ref.touchpoint.owner for ref in maps.touchpoints()}
    if context.departments_file is None or not maps.journeys:
        return
    if any(not context.known("department", d, maps.departments) for _, _, d, _ in _department_refs(context)):
        return  # an unknown department (JM204) may be the reference meant for an idle one: fix that first
    for department_id, index in context.department_index.items():
        if department_id not in owners:
            yield context.departments_file.problem(
                ("departments", index, "id"),
                "JM303",
                f"department '{department_id}' owns no touchpoint, journey or KPI",
                W,
            )


@warning_rule
def unreachable_touchpoints(context: Context) -> Iterator[Problem]:
    """JM304: nothing leads to it (see `Maps.successors`); the first stage's touchpoints start the journey."""
    maps = context.maps
    reached = {target.address for ref in maps.touchpoints() for target, _ in maps.successors(ref)}
    for journey_id, journey in maps.journeys.items():
        for s, stage in enumerate(journey.stages[1:], start=1):
            for t, touchpoint in enumerate(stage.touchpoints):
                if f"{journey_id}/{touchpoint.id}" not in reached:
                    yield context.journey_files[journey_id].problem(
                        ("stages", s, "touchpoints", t, "id"),
                        "JM304",
                        f"nothing leads to touchpoint '{touchpoint.id}': add it to a leads_to",
                        W,
                    )
