"""What changed between two versions of the maps, in the terms a reviewer cares about.

`compare` is pure: two `Snapshot`s in, one `Diff` out (dataclasses, deterministic order). Each
`Change` says what changed, from what to what, and which departments it concerns and in which role,
so that the reporters can list the departments that must approve and why. Reporters, one per format,
turn a `Diff` into Markdown (for a pull-request comment) or JSON; `summary` gives the plain one-line
sentences that the site's change history reuses.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TextIO

from .escape import json_text, markdown_code, markdown_text
from .gitmaps import Snapshot
from .model import Department, Journey, Kpi, Maps, Stage, Touchpoint, format_figure
from .problems import Problem, Severity
from .settings import Settings

MARKER = "<!-- journeymaps-diff -->"
"""First line of the Markdown, so that a workflow can find and update its own comment."""
MAX_MARKDOWN = 60_000
"""GitHub refuses comments over 65,536 characters; longer reports are cut with a note."""
ROLES = ("responsible", "consulted", "informed")


@dataclass(frozen=True)
class Concern:
    """A department that should approve a change, and why: its role in it."""

    department: str
    role: str
    """owner-gained, owner-lost, <role>-gained, <role>-lost (role: responsible, consulted, informed),
    owns (it owns the journey, touchpoint, KPI or department entry that changed), journey-owner
    (it owns the journey where a touchpoint was added, removed or moved), touchpoints (it owns
    touchpoints in a journey added or removed), or persona-user (it owns a journey for a persona
    that changed)."""


@dataclass(frozen=True)
class Change:
    kind: str
    """A stable name such as `touchpoint-owner-changed`; the list is in docs/pull-requests.md."""
    journey: str
    """The journey id it belongs to; '' for shared KPIs, departments and personas."""
    subject: str
    """What changed: `journey`, `stage:<id>`, `touchpoint:<id>`, `kpi:<id>`, `department:<id>`, `persona:<id>`."""
    name: str = ""
    """The subject's name or title (as in HEAD, or in BASE where it was removed)."""
    before: Any = None
    after: Any = None
    extra: dict[str, Any] = field(default_factory=dict)
    """Kind-specific facts: stage names, KPI status before and after, pain-point severity, edited fields."""
    concerns: tuple[Concern, ...] = ()


@dataclass(frozen=True)
class Diff:
    base: Snapshot
    head: Snapshot
    changes: list[Change]
    introduced: list[Problem]
    """Validation problems in HEAD that BASE did not have (same file, code and message; lines ignored)."""
    resolved: list[Problem]

    @property
    def introduced_errors(self) -> list[Problem]:
        return [p for p in self.introduced if p.severity is Severity.ERROR]

    def department_name(self, ident: str) -> str:
        department = self.head.maps.departments.get(ident) or self.base.maps.departments.get(ident)
        return department.name if department else ident

    def department(self, ident: str) -> Department | None:
        return self.head.maps.departments.get(ident) or self.base.maps.departments.get(ident)

    def approvals(self) -> list[tuple[str, list[tuple[Change, Concern]]]]:
        """Departments concerned, sorted by name, each with its (change, concern) pairs in change order."""
        found: dict[str, list[tuple[Change, Concern]]] = {}
        for change in self.changes:
            for concern in change.concerns:
                found.setdefault(concern.department, []).append((change, concern))
        order = sorted(found, key=lambda d: (self.department_name(d).casefold(), d))
        return [(d, found[d]) for d in order]

    def journeys(self) -> list[str]:
        """Journey ids with changes, sorted; '' (outside journeys) last."""
        ids = {c.journey for c in self.changes}
        return sorted(ids - {""}) + ([""] if "" in ids else [])

    def journey_title(self, ident: str) -> str:
        journey = self.head.maps.journeys.get(ident) or self.base.maps.journeys.get(ident)
        return journey.title if journey else ident


def compare(base: Snapshot, head: Snapshot, settings: Settings | None = None) -> Diff:
    """Every change from `base` to `head`, and the validation problems the change introduces."""
    settings = settings or Settings()
    changes: list[Change] = []
    changes += _journeys(base, head, settings)
    # A shared file that cannot be read on one side is reported as such, not as everything in it removed or added.
    unread = {
        f: "BASE" if f in base.unreadable_files else "HEAD" for f in head.unreadable_files | base.unreadable_files
    }
    for file in ("kpis.yaml", "departments.yaml"):
        if file in unread:
            changes.append(
                Change("file-unreadable", "", f"file:{file}", file, extra={"side": unread[file], "file": file})
            )
    if "kpis.yaml" not in unread:
        changes += _kpis(base.maps, head.maps, settings, home="")
    if "departments.yaml" not in unread:
        changes += _departments(base.maps, head.maps)
    for file in sorted(f for f in unread if f.startswith("personas/")):
        changes.append(Change("file-unreadable", "", f"file:{file}", file, extra={"side": unread[file], "file": file}))
    changes += _personas(base.maps, head.maps, skip={f.removeprefix("personas/").removesuffix(".yaml") for f in unread})
    introduced, resolved = _problem_changes(base, head)
    return Diff(base, head, changes, introduced, resolved)


def compare_maps(base: Maps, head: Maps, settings: Settings | None = None) -> Diff:
    """`compare` for maps already in memory."""
    return compare(Snapshot.of(base, "base"), Snapshot.of(head, "head"), settings)


# Comparing -------------------------------------------------------------------------------------


def _problem_changes(base: Snapshot, head: Snapshot) -> tuple[list[Problem], list[Problem]]:
    def key(problem: Problem) -> tuple[str, str, str]:
        return (problem.file, problem.code, problem.message)

    def minus(left: Iterable[Problem], right: Iterable[Problem]) -> list[Problem]:
        remaining = Counter(key(p) for p in right)
        out = []
        for problem in sorted(left):
            if remaining[key(problem)]:
                remaining[key(problem)] -= 1
            else:
                out.append(problem)
        return out

    if not base.present:  # the maps folder is new: every problem is the change's
        return sorted(head.problems), []
    if not head.present:
        return [], sorted(base.problems)
    return minus(head.problems, base.problems), minus(base.problems, head.problems)


def _journeys(base: Snapshot, head: Snapshot, settings: Settings) -> Iterator[Change]:
    old, new = base.maps.journeys, head.maps.journeys
    # A journey whose file is there but unreadable on one side is not "added" or "removed".
    unreadable = base.unreadable | head.unreadable
    for ident in sorted(set(old) | set(new) | unreadable):
        if ident in unreadable:
            side = "BASE" if ident in base.unreadable else "HEAD"
            file = head.journey_files.get(ident) or base.journey_files.get(ident, "")
            journey = new.get(ident) or old.get(ident)
            title = journey.title if journey else ident
            yield Change("journey-unreadable", ident, "journey", title, extra={"side": side, "file": file})
        elif ident not in old:
            yield _journey_added(new[ident])
        elif ident not in new:
            yield _journey_removed(old[ident])
        else:
            yield from _journey_changed(old[ident], new[ident], base.maps, head.maps, settings)


def _touchpoint_owners(journey: Journey) -> list[str]:
    return _unique(t.owner for _, t in journey.touchpoints())


def _journey_added(journey: Journey) -> Change:
    count = sum(1 for _ in journey.touchpoints())
    concerns = [Concern(journey.owner, "owner-gained")] + [
        Concern(d, "touchpoints") for d in _touchpoint_owners(journey) if d != journey.owner
    ]
    return Change(
        "journey-added", journey.id, "journey", journey.title, after=journey.source,
        extra={"stages": len(journey.stages), "touchpoints": count, "owner": journey.owner}, concerns=tuple(concerns),
    )  # fmt: skip


def _journey_removed(journey: Journey) -> Change:
    concerns = [Concern(journey.owner, "owner-lost")] + [
        Concern(d, "touchpoints") for d in _touchpoint_owners(journey) if d != journey.owner
    ]
    return Change("journey-removed", journey.id, "journey", journey.title, before=journey.source,
                  extra={"owner": journey.owner}, concerns=tuple(concerns))  # fmt: skip


def _journey_changed(
    old: Journey, new: Journey, old_maps: Maps, new_maps: Maps, settings: Settings
) -> Iterator[Change]:
    j = new.id
    owner = (Concern(new.owner, "owns"),)
    if old.title != new.title:
        yield Change("journey-renamed", j, "journey", new.title, old.title, new.title, concerns=owner)
    if old.owner != new.owner:
        yield Change("journey-owner-changed", j, "journey", new.title, old.owner, new.owner,
                     concerns=(Concern(new.owner, "owner-gained"), Concern(old.owner, "owner-lost")))  # fmt: skip
    if old.source != new.source:
        yield Change("journey-file-moved", j, "journey", new.title, old.source, new.source, concerns=owner)
    if old.persona != new.persona:
        yield Change(
            "journey-personas-changed", j, "journey", new.title, list(old.persona), list(new.persona), concerns=owner
        )
    edited = [f for f in ("summary", "tags") if getattr(old, f) != getattr(new, f)]
    if edited:
        yield Change("journey-edited", j, "journey", new.title, extra={"fields": edited}, concerns=owner)
    yield from _stages(old, new)
    yield from _touchpoints(old, new, old_maps.invalid, new_maps.invalid)
    yield from _kpis(old_maps, new_maps, settings, home=j)


def _stages(old: Journey, new: Journey) -> Iterator[Change]:
    j, owner = new.id, (Concern(new.owner, "owns"),)
    before = {s.id: s for s in old.stages}
    after = {s.id: s for s in new.stages}
    for stage in new.stages:
        if stage.id not in before:
            yield Change("stage-added", j, f"stage:{stage.id}", stage.name,
                         extra={"touchpoints": [t.id for t in stage.touchpoints]}, concerns=owner)  # fmt: skip
            continue
        previous = before[stage.id]
        if previous.name != stage.name:
            yield Change("stage-renamed", j, f"stage:{stage.id}", stage.name, previous.name, stage.name, concerns=owner)
        edited = [f for f in ("goal", "emotion") if getattr(previous, f) != getattr(stage, f)]
        if edited:
            changes = {f: [getattr(previous, f), getattr(stage, f)] for f in edited}
            yield Change(
                "stage-edited",
                j,
                f"stage:{stage.id}",
                stage.name,
                extra={"fields": edited, "values": changes},
                concerns=owner,
            )
    for stage in old.stages:
        if stage.id not in after:
            yield Change("stage-removed", j, f"stage:{stage.id}", stage.name, concerns=owner)
    kept_before = [s.id for s in old.stages if s.id in after]
    kept_after = [s.id for s in new.stages if s.id in before]
    if kept_before != kept_after:
        yield Change("stages-reordered", j, "journey", new.title, kept_before, kept_after, concerns=owner)


def _touchpoints(
    old: Journey,
    new: Journey,
    old_invalid: dict[str, tuple[str, dict[str, Any]]] | None = None,
    new_invalid: dict[str, tuple[str, dict[str, Any]]] | None = None,
) -> Iterator[Change]:
    before = {t.id: (s, t) for s, t in old.touchpoints()}
    after = {t.id: (s, t) for s, t in new.touchpoints()}
    for ident, (stage, touchpoint) in after.items():
        if ident in before:
            yield from _touchpoint_changed(new, *before[ident], stage, touchpoint)
            continue
        if f"{new.id}/{ident}" in (old_invalid or {}):  # invalid at BASE, valid again: a fix, not an addition
            yield _validity_changed("touchpoint-fixed", new, touchpoint, (old_invalid or {})[f"{new.id}/{ident}"])
            continue
        concerns = [Concern(touchpoint.owner, "owner-gained")]
        concerns += [
            Concern(d, f"{role}-gained") for role in ROLES for d in getattr(touchpoint, role) if d != touchpoint.owner
        ]
        concerns += [Concern(new.owner, "journey-owner")]
        yield Change(
            "touchpoint-added", new.id, f"touchpoint:{ident}", touchpoint.name,
            extra={"stage": stage.id, "stage_name": stage.name, "owner": touchpoint.owner, "channel": touchpoint.channel},
            concerns=_dedupe(concerns),
        )  # fmt: skip
    for ident, (stage, touchpoint) in before.items():
        if ident in after:
            continue
        if f"{new.id}/{ident}" in (new_invalid or {}):  # still there, but an edit made it invalid
            yield _validity_changed("touchpoint-invalid", new, touchpoint, (new_invalid or {})[f"{new.id}/{ident}"])
            continue
        concerns = [Concern(touchpoint.owner, "owner-lost")]
        concerns += [
            Concern(d, f"{role}-lost") for role in ROLES for d in getattr(touchpoint, role) if d != touchpoint.owner
        ]
        concerns += [Concern(new.owner, "journey-owner")]
        yield Change(
            "touchpoint-removed", new.id, f"touchpoint:{ident}", touchpoint.name,
            extra={"stage": stage.id, "stage_name": stage.name, "owner": touchpoint.owner}, concerns=_dedupe(concerns),
        )  # fmt: skip


def _validity_changed(kind: str, journey: Journey, valid: Touchpoint, written: tuple[str, dict[str, Any]]) -> Change:
    """A touchpoint an edit made invalid (or valid again): the fields that differ from its valid side, as written.

    The invalid side is not in the maps (a required field failed), so reporting it as removed or added
    would send every department it names a false approval request; its problem is in the validation list.
    """
    stage_id, fields = written
    shown = valid.model_dump(mode="json")
    differ = {}
    for name in sorted(set(fields) | {k for k, v in shown.items() if v not in (None, [], "")}):
        if name == "id":
            continue
        spec = Touchpoint.model_fields.get(name)
        default = (
            spec.get_default(call_default_factory=True)
            if spec is not None and not spec.is_required()
            else None  # a required field left out reads as "nothing"
        )
        value_written, value_valid = fields.get(name, default), shown.get(name, default)
        if value_written != value_valid:
            before, after = (
                (value_valid, value_written) if kind == "touchpoint-invalid" else (value_written, value_valid)
            )
            differ[name] = [before, after]
    return Change(
        kind, journey.id, f"touchpoint:{valid.id}", valid.name,
        extra={"fields": sorted(differ), "values": differ, "stage": stage_id}, concerns=(Concern(valid.owner, "owns"),),
    )  # fmt: skip


def _touchpoint_changed(
    journey: Journey, old_stage: Stage, old: Touchpoint, stage: Stage, new: Touchpoint
) -> Iterator[Change]:
    j, subject, name = journey.id, f"touchpoint:{new.id}", new.name
    owns = (Concern(new.owner, "owns"),)
    if old.name != new.name:
        yield Change("touchpoint-renamed", j, subject, name, old.name, new.name, concerns=owns)
    if old_stage.id != stage.id:
        concerns = _dedupe([Concern(new.owner, "owns"), Concern(journey.owner, "journey-owner")])
        yield Change("touchpoint-moved", j, subject, name, old_stage.id, stage.id,
                     extra={"from_name": old_stage.name, "to_name": stage.name}, concerns=concerns)  # fmt: skip
    if old.owner != new.owner:
        yield Change("touchpoint-owner-changed", j, subject, name, old.owner, new.owner,
                     concerns=(Concern(new.owner, "owner-gained"), Concern(old.owner, "owner-lost")))  # fmt: skip
    for role in ROLES:
        was, now = getattr(old, role), getattr(new, role)
        if was != now:
            concerns = [Concern(d, f"{role}-gained") for d in now if d not in was]
            concerns += [Concern(d, f"{role}-lost") for d in was if d not in now]
            yield Change(f"touchpoint-{role}-changed", j, subject, name, list(was), list(now),
                         concerns=_dedupe(concerns) or owns)  # fmt: skip
    if old.channel != new.channel:
        yield Change("touchpoint-channel-changed", j, subject, name, old.channel, new.channel, concerns=owns)
    old_pains = {p.text: p.severity for p in old.pain_points}
    new_pains = {p.text: p.severity for p in new.pain_points}
    for text, severity in new_pains.items():
        if text not in old_pains:
            yield Change("pain-point-added", j, subject, name, after=text, extra={"severity": severity}, concerns=owns)
        elif old_pains[text] != severity:
            yield Change(
                "pain-point-severity-changed",
                j,
                subject,
                name,
                old_pains[text],
                severity,
                extra={"text": text},
                concerns=owns,
            )
    for text, severity in old_pains.items():
        if text not in new_pains:
            yield Change(
                "pain-point-resolved", j, subject, name, before=text, extra={"severity": severity}, concerns=owns
            )
    fields = ("description", "emotion", "systems", "opportunities", "kpis", "leads_to")
    edited = [f for f in fields if getattr(old, f) != getattr(new, f)]
    if edited:
        yield Change("touchpoint-edited", j, subject, name, extra={"fields": edited}, concerns=owns)


def _kpis(old: Maps, new: Maps, settings: Settings, home: str) -> Iterator[Change]:
    """Changes of the KPIs defined at `home`: a journey id, or '' for the shared kpis.yaml.

    Each KPI belongs to where HEAD defines it, else where BASE did, so a KPI moving between
    a journey and kpis.yaml is reported once.
    """
    threshold = settings.kpi_threshold
    for ident in sorted(set(old.kpis) | set(new.kpis)):
        was, now = old.kpis.get(ident), new.kpis.get(ident)
        place = now if now is not None else was
        if place is None or place.defined_in != home:
            continue
        subject = f"kpi:{ident}"
        if was is None:
            yield Change(
                "kpi-added",
                home,
                subject,
                place.name,
                extra=_kpi_facts(place, threshold),
                concerns=(Concern(place.owner, "owner-gained"),),
            )
        elif now is None:
            yield Change(
                "kpi-removed",
                home,
                subject,
                was.name,
                extra=_kpi_facts(was, threshold),
                concerns=(Concern(was.owner, "owner-lost"),),
            )
        else:
            yield from _kpi_changed(home, was, now, threshold)


def _kpi_facts(kpi: Kpi, threshold: float) -> dict[str, Any]:
    return {"unit": kpi.unit, "direction": kpi.direction, "target": kpi.target, "current": kpi.current,
            "owner": kpi.owner, "status": kpi.status(threshold)}  # fmt: skip


def _kpi_changed(j: str, was: Kpi, now: Kpi, threshold: float) -> Iterator[Change]:
    subject, name = f"kpi:{now.id}", now.name
    owns = (Concern(now.owner, "owns"),)
    status = {"status_before": was.status(threshold), "status_after": now.status(threshold), "unit": now.unit}
    moved_status = False
    if was.target != now.target:
        moved_status = True
        yield Change("kpi-target-changed", j, subject, name, was.target, now.target, extra=dict(status), concerns=owns)
    if was.current != now.current or was.as_of != now.as_of:
        moved_status = True
        facts = {**status, "as_of": now.as_of.isoformat() if now.as_of else None}
        yield Change("kpi-current-changed", j, subject, name, was.current, now.current, extra=facts, concerns=owns)
    if was.owner != now.owner:
        yield Change("kpi-owner-changed", j, subject, name, was.owner, now.owner,
                     concerns=(Concern(now.owner, "owner-gained"), Concern(was.owner, "owner-lost")))  # fmt: skip
    if was.defined_in != now.defined_in:
        yield Change("kpi-moved", j, subject, name, was.defined_in, now.defined_in, concerns=owns)
    fields = ("name", "unit", "direction", "baseline", "source", "history")
    edited = [f for f in fields if getattr(was, f) != getattr(now, f)]
    if edited:
        extra: dict[str, Any] = {"fields": edited}
        if not moved_status and status["status_before"] != status["status_after"]:
            extra |= status
        yield Change("kpi-edited", j, subject, name, extra=extra, concerns=owns)


def _departments(old: Maps, new: Maps) -> Iterator[Change]:
    for ident in sorted(set(old.departments) | set(new.departments)):
        was, now = old.departments.get(ident), new.departments.get(ident)
        subject = f"department:{ident}"
        if was is None:
            yield Change(
                "department-added", "", subject, now.name, after=now.codeowners, concerns=(Concern(ident, "owns"),)
            )  # type: ignore[union-attr]
        elif now is None:
            yield Change(
                "department-removed", "", subject, was.name, before=was.codeowners, concerns=(Concern(ident, "owns"),)
            )
        else:
            if was.name != now.name:
                yield Change(
                    "department-renamed", "", subject, now.name, was.name, now.name, concerns=(Concern(ident, "owns"),)
                )
            if was.codeowners != now.codeowners:
                yield Change("department-codeowners-changed", "", subject, now.name, was.codeowners, now.codeowners,
                             concerns=(Concern(ident, "owns"),))  # fmt: skip
            edited = [f for f in ("description", "contact", "color") if getattr(was, f) != getattr(now, f)]
            if edited:
                yield Change(
                    "department-edited",
                    "",
                    subject,
                    now.name,
                    extra={"fields": edited},
                    concerns=(Concern(ident, "owns"),),
                )


def _personas(old: Maps, new: Maps, skip: set[str]) -> Iterator[Change]:
    def users(maps: Maps, persona: str) -> tuple[Concern, ...]:
        return tuple(_dedupe(Concern(j.owner, "persona-user") for j in maps.journeys.values() if persona in j.persona))

    for ident in sorted((set(old.personas) | set(new.personas)) - skip):
        was, now = old.personas.get(ident), new.personas.get(ident)
        subject = f"persona:{ident}"
        if was is None:
            yield Change("persona-added", "", subject, now.name, concerns=users(new, ident))  # type: ignore[union-attr]
        elif now is None:
            yield Change("persona-removed", "", subject, was.name, concerns=users(old, ident))
        else:
            if was.name != now.name:
                yield Change("persona-renamed", "", subject, now.name, was.name, now.name, concerns=users(new, ident))
            edited = [
                f
                for f in ("summary", "segment", "quote", "goals", "frustrations")
                if getattr(was, f) != getattr(now, f)
            ]
            if edited:
                yield Change(
                    "persona-edited", "", subject, now.name, extra={"fields": edited}, concerns=users(new, ident)
                )


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _dedupe(concerns: Iterable[Concern]) -> tuple[Concern, ...]:
    seen: dict[str, Concern] = {}
    for concern in concerns:
        seen.setdefault(concern.department, concern)
    return tuple(seen.values())


# Describing ------------------------------------------------------------------------------------


class _Plain:
    """Sentences as plain text: for JSON, the site's history and terminals."""

    arrow = "->"

    def name(self, text: str) -> str:
        return f"'{_shorten(text)}'"

    def code(self, text: str) -> str:
        return str(text)

    def strong(self, text: str) -> str:
        return self.name(text)


class _Markdown(_Plain):
    """Sentences as Markdown: names escaped (comments render HTML), ids in code spans."""

    arrow = "→"

    def name(self, text: str) -> str:
        return escape(_shorten(text))

    def code(self, text: str) -> str:
        return markdown_code(text)

    def strong(self, text: str) -> str:
        return f"**{escape(_shorten(text))}**"


PLAIN, MARKDOWN = _Plain(), _Markdown()


def escape(text: str) -> str:
    """Text shown as written in Markdown that GitHub renders: no HTML, no links, no emphasis, no mentions,
    no line break (`escape.markdown_text`)."""
    return markdown_text(text)


def _shorten(text: str, limit: int = 200) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _address(change: Change, st: _Plain) -> str:
    kind, _, ident = change.subject.partition(":")
    if kind == "touchpoint":
        return st.code(f"{change.journey}/{ident}")
    if kind == "stage":
        return f"stage {st.code(ident)} of {st.code(change.journey)}"
    if kind == "journey":
        return f"journey {st.code(change.journey)}"
    return f"{'KPI' if kind == 'kpi' else kind} {st.code(ident)}"


def label(change: Change, st: _Plain = PLAIN) -> str:
    """What the change is about, as a reader names it: `Touchpoint 'Checkout' (checkout)`."""
    kind, _, ident = change.subject.partition(":")
    if kind == "journey":
        return "Journey"
    if kind == "file":
        return f"File {st.code(ident)}"
    title = {"kpi": "KPI"}.get(kind, kind.capitalize())
    return f"{title} {st.strong(change.name)} ({st.code(ident)})"


def describe(change: Change, diff: Diff, st: _Plain = PLAIN) -> str:
    """What happened to the subject, in a few words: `owner E-commerce -> Billing`."""
    a, dept, k = st.arrow, lambda d: st.name(diff.department_name(d)) if d else "nobody", change.kind
    x = change.extra
    unit = x.get("unit", "")

    def people(ids: list[str]) -> str:
        return ", ".join(dept(d) for d in ids) if ids else "nobody"

    def status() -> str:
        before, after = x.get("status_before"), x.get("status_after")
        return f"status {before} {a} {after}" if before != after else f"status stays {after}"

    def fields() -> str:
        return ", ".join(x["fields"]) + " edited"

    if k == "journey-added":
        size = f"{_plural(x['stages'], 'stage')}, {_plural(x['touchpoints'], 'touchpoint')}"
        return f"new journey {st.name(change.name)}: {size}, owner {dept(x['owner'])}"
    if k == "journey-removed":
        return f"journey {st.name(change.name)} removed (owner was {dept(x['owner'])})"
    if k in ("journey-unreadable", "file-unreadable"):
        file = f"{st.code(_display(diff, x['file']))} " if k == "journey-unreadable" else ""
        return f"{file}could not be read at {x['side']} (see the validation problems): its changes are not shown"
    if k in ("journey-renamed", "stage-renamed", "touchpoint-renamed", "department-renamed", "persona-renamed"):
        return (
            f"{'title' if k == 'journey-renamed' else 'renamed'} {st.name(change.before)} {a} {st.name(change.after)}"
        )
    if k in ("journey-owner-changed", "touchpoint-owner-changed", "kpi-owner-changed"):
        return f"owner {dept(change.before)} {a} {dept(change.after)}"
    if k == "journey-file-moved":
        return f"file moved {st.code(change.before)} {a} {st.code(change.after)}"
    if k == "journey-personas-changed":
        return f"personas {', '.join(map(st.code, change.before))} {a} {', '.join(map(st.code, change.after))}"
    if k == "stages-reordered":
        return f"stages reordered: {', '.join(map(st.code, change.before))} {a} {', '.join(map(st.code, change.after))}"
    if k == "stage-added":
        return "stage added"
    if k == "stage-removed":
        return "stage removed"
    if k == "stage-edited":
        parts = [
            f"{f} {x['values'][f][0]} {a} {x['values'][f][1]}" if f == "emotion" else f"{f} edited" for f in x["fields"]
        ]
        return ", ".join(parts)
    if k == "touchpoint-added":
        return f"added to stage {st.name(x['stage_name'])}, owner {dept(x['owner'])}, channel {st.code(x['channel'])}"
    if k == "touchpoint-removed":
        return f"removed from stage {st.name(x['stage_name'])} (owner was {dept(x['owner'])})"
    if k == "touchpoint-moved":
        return f"moved from stage {st.name(x['from_name'])} to {st.name(x['to_name'])}"
    if k in ("touchpoint-invalid", "touchpoint-fixed"):
        edits = ", ".join(_field_change(f, x["values"][f], st) for f in x["fields"]) or "its stage changed"
        if k == "touchpoint-invalid":
            return f"{edits}, which makes it invalid (see the validation problems)"
        return f"{edits}, which makes it valid again"
    if k.startswith("touchpoint-") and k.removeprefix("touchpoint-").removesuffix("-changed") in ROLES:
        role = k.removeprefix("touchpoint-").removesuffix("-changed")
        return f"{role} {people(change.before)} {a} {people(change.after)}"
    if k == "touchpoint-channel-changed":
        return f"channel {st.code(change.before)} {a} {st.code(change.after)}"
    if k == "pain-point-added":
        return f"pain point added ({x['severity']}): {st.name(change.after)}"
    if k == "pain-point-resolved":
        return f"pain point resolved ({x['severity']}): {st.name(change.before)}"
    if k == "pain-point-severity-changed":
        return f"pain point {st.name(x['text'])}: severity {change.before} {a} {change.after}"
    if k == "kpi-added":
        return (f"new KPI, owner {dept(x['owner'])}, target {format_figure(x['target'], unit)}, "
                f"current {format_figure(x['current'], unit)}, status {x['status']}")  # fmt: skip
    if k == "kpi-removed":
        return f"KPI removed (owner was {dept(x['owner'])})"
    if k == "kpi-target-changed":
        return f"target {format_figure(change.before, unit)} {a} {format_figure(change.after, unit)}, {status()}"
    if k == "kpi-current-changed":
        as_of = f" (as of {x['as_of']})" if x.get("as_of") else ""
        return (
            f"current {format_figure(change.before, unit)} {a} {format_figure(change.after, unit)}{as_of}, {status()}"
        )
    if k == "kpi-moved":
        where = lambda j: f"journey {st.code(j)}" if j else st.code("kpis.yaml")  # noqa: E731
        return f"moved from {where(change.before)} to {where(change.after)}"
    if k == "kpi-edited":
        return fields() + (f", {status()}" if "status_after" in x else "")
    if k == "department-added":
        return "department added" + (
            f", code-host team {st.code(change.after)}" if change.after else ", no code-host team"
        )
    if k == "department-removed":
        return "department removed"
    if k == "department-codeowners-changed":
        show = lambda v: st.code(v) if v else "none"  # noqa: E731
        return f"code-host team {show(change.before)} {a} {show(change.after)}"
    if k in ("persona-added", "persona-removed"):
        return k.replace("-", " ")
    if k.endswith("-edited"):
        return fields()
    return k  # a kind without a sentence yet: its name still says what happened


def _field_change(name: str, values: list[Any], st: _Plain) -> str:
    """`channel paid-social -> tiktok` for a short value as written, `description edited` otherwise."""
    before, after = values
    simple = all(isinstance(v, (str, int, float)) or v is None for v in values)
    if not simple or len(str(before)) > 60 or len(str(after)) > 60:
        return f"{name} edited"
    shown = ["nothing" if v is None else st.code(str(v)) for v in (before, after)]
    return f"{name} {shown[0]} {st.arrow} {shown[1]}"


def summary(change: Change, diff: Diff, st: _Plain = PLAIN) -> str:
    """One line: subject and what happened, e.g. `Touchpoint 'Checkout' (checkout): owner A -> B`."""
    if change.subject == "journey" and change.journey:
        return (
            f"{st.name(diff.journey_title(change.journey))} ({st.code(change.journey)}): {describe(change, diff, st)}"
        )
    return f"{label(change, st)}: {describe(change, diff, st)}"


def reason(change: Change, concern: Concern, diff: Diff, st: _Plain = PLAIN) -> str:
    """Why a department must look at a change, e.g. `now owner of mobile-activation/sim-activation (was IT Operations)`."""
    where, role, k = _address(change, st), concern.role, change.kind
    name = lambda d: st.name(diff.department_name(d))  # noqa: E731
    if role == "owner-gained":
        return f"owner of new {where}" if k.endswith("-added") else f"now owner of {where} (was {name(change.before)})"
    if role == "owner-lost":
        return (
            f"owned removed {where}"
            if k.endswith("-removed")
            else f"no longer owner of {where} (now {name(change.after)})"
        )
    if role.endswith("-gained") or role.endswith("-lost"):
        what, _, how = role.rpartition("-")
        preposition = {"responsible": "for", "consulted": "on", "informed": "of"}[what]
        note = (
            " (new touchpoint)"
            if k == "touchpoint-added"
            else " (touchpoint removed)"
            if k == "touchpoint-removed"
            else ""
        )
        return f"{'now' if how == 'gained' else 'no longer'} {what} {preposition} {where}{note}"
    if role == "touchpoints":
        return f"owns touchpoints in new {where}" if k.endswith("-added") else f"owned touchpoints in removed {where}"
    if role == "persona-user":
        return f"owns a journey for {where}: {brief(change, diff, st)}"
    return f"{_owns(change, st)}: {brief(change, diff, st)}"


def _owns(change: Change, st: _Plain) -> str:
    return (
        "its entry in departments.yaml" if change.subject.startswith("department:") else f"owns {_address(change, st)}"
    )


def brief(change: Change, diff: Diff, st: _Plain = PLAIN) -> str:
    """A few words for the departments list, where the journey section has the details."""
    k, x, a = change.kind, change.extra, st.arrow
    kind, _, ident = change.subject.partition(":")
    if k == "touchpoint-moved":
        return f"moved to stage {st.name(x['to_name'])}"
    if k in ("touchpoint-added", "touchpoint-removed", "stage-added", "stage-removed"):
        return k.rpartition("-")[2]
    if k in ("touchpoint-invalid", "touchpoint-fixed"):
        edits = ", ".join(_field_change(f, x["values"][f], st) for f in x["fields"]) or "its stage changed"
        return f"{edits}, {'now invalid' if k == 'touchpoint-invalid' else 'valid again'}"
    if k in ("kpi-target-changed", "kpi-current-changed"):
        field_name = k.split("-")[1]
        return f"{field_name} {format_figure(change.before, x['unit'])} {a} {format_figure(change.after, x['unit'])}, now {x['status_after']}"
    if k.endswith("-edited"):
        return "/".join(x["fields"]) + " edited"
    if k.startswith("pain-point-"):
        return k.replace("-", " ")
    return k.split("-", 1)[1].replace("-", " ") if "-" in k else k


def reasons(diff: Diff, items: list[tuple[Change, Concern]], st: _Plain = PLAIN) -> list[str]:
    """A department's reasons, in change order; what it owns and saw change is merged per subject."""
    found: dict[str, list[str]] = {}
    grouped = ("owns", "journey-owner", "persona-user")
    for change, concern in sorted(items, key=lambda item: item[1].role in grouped):  # role changes first
        if concern.role == "owns":
            found.setdefault(_owns(change, st), []).append(brief(change, diff, st))
        elif concern.role == "persona-user":
            found.setdefault(f"owns a journey for {_address(change, st)}", []).append(brief(change, diff, st))
        elif concern.role == "journey-owner":  # a touchpoint of its journey added, removed or moved
            what = f"touchpoint {st.code(change.subject.partition(':')[2])} {brief(change, diff, st)}"
            found.setdefault(f"owns journey {st.code(change.journey)}", []).append(what)
        else:
            found.setdefault(reason(change, concern, diff, st), [])
    return [f"{key}: {', '.join(_unique(briefs))}" if briefs else key for key, briefs in found.items()]


# Reporters -------------------------------------------------------------------------------------


def _side(snapshot: Snapshot) -> dict[str, Any]:
    errors = sum(1 for p in snapshot.problems if p.severity is Severity.ERROR)
    return {
        "revision": snapshot.label, "commit": snapshot.commit or None, "present": snapshot.present,
        "valid": snapshot.present and not errors, "errors": errors, "warnings": len(snapshot.problems) - errors,
    }  # fmt: skip


def _problem(problem: Problem) -> dict[str, Any]:
    return {"file": problem.file, "line": problem.line, "column": problem.column,
            "severity": problem.severity.value, "code": problem.code, "message": problem.message}  # fmt: skip


def as_json(diff: Diff, out: TextIO) -> None:
    """Everything in `Diff` as one JSON object; `summary` strings are the plain sentences."""
    data = {
        "base": _side(diff.base),
        "head": _side(diff.head),
        "departments": [
            {
                "id": ident, "name": diff.department_name(ident), "defined": diff.department(ident) is not None,
                "codeowners": (diff.department(ident).codeowners if diff.department(ident) else None),
                "reasons": reasons(diff, items),
            }
            for ident, items in diff.approvals()
        ],
        "changes": [
            {
                "kind": c.kind, "journey": c.journey or None, "subject": c.subject, "name": c.name,
                "before": c.before, "after": c.after, "details": c.extra, "summary": summary(c, diff),
                "departments": [{"id": concern.department, "role": concern.role} for concern in c.concerns],
            }
            for c in diff.changes
        ],
        "problems": {"introduced": [_problem(p) for p in diff.introduced], "resolved": [_problem(p) for p in diff.resolved]},
    }  # fmt: skip
    out.write(json_text(data) + "\n")


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else many or word + 's'}"


def _status_lines(diff: Diff, st: _Markdown) -> list[str]:
    base, head = diff.base, diff.head
    lines = []
    errors = diff.introduced_errors
    head_errors = _side(head)["errors"]
    if not head.present:
        lines.append(f"The maps folder does not exist at {st.code(head.label)}.")
    elif errors:
        lines.append(f"❌ This change introduces {_plural(len(errors), 'validation error')}: see below.")
    elif head_errors:
        lines.append(
            f"⚠️ The maps do not validate at {st.code(head.label)}: {_plural(head_errors, 'error')}, all already there before this change."
        )
    else:
        lines.append(f"✅ The maps validate at {st.code(head.label)}.")
    if not base.present:
        lines.append(f"The maps folder does not exist at {st.code(base.label)}: everything is new.")
    elif _side(base)["errors"]:
        lines.append(f"The maps did not validate at {st.code(base.label)} ({_plural(_side(base)['errors'], 'error')}).")
    if diff.resolved:
        lines.append(f"This change fixes {_plural(len(diff.resolved), 'validation problem')}.")
    return lines


def markdown(diff: Diff, out: TextIO) -> None:
    """A pull-request comment: marker, summary, departments to approve, new problems, then each journey."""
    st = MARKDOWN
    lines = [MARKER, f"## Journey map changes: {st.code(diff.base.label)} {st.arrow} {st.code(diff.head.label)}", ""]
    approvals = diff.approvals()
    journeys = [j for j in diff.journeys() if j]
    if diff.changes:
        where = [_plural(len(journeys), "journey")] if journeys else []
        where += ["shared files"] if "" in diff.journeys() else []
        lines.append(f"**{_plural(len(diff.changes), 'change')}** in {' and '.join(where)}; "
                     f"**{_plural(len(approvals), 'department')}** to approve.")  # fmt: skip
    else:
        lines.append("**No changes to the maps.**")
    for line in _status_lines(diff, st):
        lines += ["", line]
    lines.append("")
    if approvals:
        lines += ["### Departments to approve", ""]
        for ident, items in approvals:
            department = diff.department(ident)
            team = f" ({st.code(department.codeowners)})" if department and department.codeowners else ""
            team = team if department else " (not defined in departments.yaml)"
            why = reasons(diff, items, st)
            shown = why[:6] + ([f"and {len(why) - 6} more"] if len(why) > 6 else [])
            lines.append(f"- {st.strong(diff.department_name(ident))}{team}: {'; '.join(shown)}")
        lines.append("")
    if diff.introduced:
        lines += [f"### Validation problems introduced ({len(diff.introduced)})", ""]
        for p in diff.introduced:
            lines.append(
                f"- {st.code(f'{p.file}:{p.line}:{p.column}')} {p.severity.value} {p.code}: {escape(_shorten(p.message, 500))}"
            )
        lines.append("")
    for ident in diff.journeys():
        changes = [c for c in diff.changes if c.journey == ident]
        if ident:
            journey = diff.head.maps.journeys.get(ident) or diff.base.maps.journeys.get(ident)
            lines.append(f"### {escape(_shorten(diff.journey_title(ident)))} ({st.code(ident)})")
            if journey:
                lines += [
                    "",
                    f"Owner: {st.name(diff.department_name(journey.owner))} · file {st.code(_display(diff, journey.source))}",
                ]
        else:
            lines.append("### Shared KPIs, departments and personas")
        lines.append("")
        index = 0
        while index < len(changes):  # consecutive changes of one subject share a bullet
            group = [changes[index]]
            while index + len(group) < len(changes) and changes[index + len(group)].subject == group[0].subject:
                group.append(changes[index + len(group)])
            index += len(group)
            texts = [describe(change, diff, st) for change in group]
            if group[0].subject == "journey":
                lines += [f"- {text[0].upper() + text[1:]}" for text in texts]
            elif len(group) == 1:
                lines.append(f"- {label(group[0], st)}: {texts[0]}")
            else:
                lines += [f"- {label(group[0], st)}:", *(f"  - {text}" for text in texts)]
        lines.append("")
    _write_bounded(out, lines)


def _display(diff: Diff, source: str) -> str:
    """A file of the maps folder as the repository names it (`maps/journeys/x.yaml`)."""
    root = (diff.head.root or diff.base.root).strip("/")
    return f"{root}/{source}" if root and root != "." else source


def _write_bounded(out: TextIO, lines: list[str]) -> None:
    total, kept = 0, []
    for index, line in enumerate(lines):
        total += len(line) + 1
        if total > MAX_MARKDOWN:
            kept += [
                "",
                f"_… {len(lines) - index} more lines not shown: run `journeymaps diff` locally for the full report._",
            ]
            break
        kept.append(line)
    while kept and kept[-1] == "":
        kept.pop()
    out.write("\n".join(kept) + "\n")


RENDERERS: dict[str, Callable[[Diff, TextIO], None]] = {"markdown": markdown, "json": as_json}
