"""How a change is said: one wording table for plain text (JSON, terminals), Markdown (comments) and the site's
history (`READER`: names only)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..escape import markdown_code, markdown_text
from ..text import plural
from ..vocabulary import (
    INVOLVED_ROLES,
    STATUS_LABEL,
    channel_name,
    format_figure,
    opportunity_status_text,
)
from .changes import Change, Diff
from .funnel import said as funnel_said


class _Plain:
    """Sentences as plain text: for JSON and terminals."""

    arrow = "->"
    ids = True
    """Ids, files and code-host teams beside names, as reviewers need them; the site's readers do not."""

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


class _Reader(_Plain):
    """Plain sentences for the site's history: names only (people, stages, channels), no ids or team handles."""

    arrow = "→"
    ids = False


PLAIN, MARKDOWN, READER = _Plain(), _Markdown(), _Reader()


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
    if kind == "funnel":
        return f"the funnel of {st.code(change.journey)}"
    return f"{'KPI' if kind == 'kpi' else kind} {st.code(ident)}"


def label(change: Change, st: _Plain = PLAIN) -> str:
    """What the change is about, as a reader names it: `Touchpoint 'Checkout' (checkout)`."""
    kind, _, ident = change.subject.partition(":")
    if kind == "journey":
        return "Journey"
    if kind == "file":
        return f"File {st.code(ident)}"
    if kind == "funnel":
        return (
            f"Funnel stage {st.strong(change.name)}" + (f" ({st.code(ident)})" if st.ids else "") if ident else "Funnel"
        )
    title = {"kpi": "KPI"}.get(kind, kind.capitalize())
    return f"{title} {st.strong(change.name)}" + (f" ({st.code(ident)})" if st.ids else "")


def describe(change: Change, diff: Diff, st: _Plain = PLAIN) -> str:  # noqa: C901 - the wording table, one branch a change kind (others add kinds to it in parallel)
    """What happened to the subject, in a few words: `owner E-commerce -> Billing`."""
    a, k = st.arrow, change.kind

    def dept(ident: str | None) -> str:
        return st.name(diff.department_name(ident)) if ident else "nobody"

    x = change.extra
    unit = x.get("unit", "")

    def people(ids: list[str]) -> str:
        return ", ".join(dept(d) for d in ids) if ids else "nobody"

    def status() -> str:
        before, after = (_status(x.get(key), st) for key in ("status_before", "status_after"))
        return f"status {before} {a} {after}" if before != after else f"status stays {after}"

    def channel(ident: str) -> str:
        return st.code(ident) if st.ids else st.name(channel_name(ident))

    def personas(ids: list[str]) -> str:
        named = [p.name if (p := diff.head.maps.personas.get(i) or diff.base.maps.personas.get(i)) else i for i in ids]
        return ", ".join(map(st.code, ids)) if st.ids else ", ".join(map(st.name, named))

    def stages(ids: list[str]) -> str:
        journey = diff.head.maps.journeys.get(change.journey) or diff.base.maps.journeys.get(change.journey)
        names = {stage.id: stage.name for stage in journey.stages} if journey else {}
        return ", ".join(map(st.code, ids)) if st.ids else ", ".join(st.name(names.get(i, i)) for i in ids)

    def fields() -> str:
        return ", ".join(x["fields"]) + " edited"

    if k == "journey-added":
        size = f"{plural(x['stages'], 'stage')}, {plural(x['touchpoints'], 'touchpoint')}"
        if x.get("state") == "to-be":
            redesigns = f" (a redesign of {_journey(x['compares_to'], diff, st)})" if x.get("compares_to") else ""
            return f"new to-be journey {st.name(change.name)}{redesigns}: {size}, owner {dept(x['owner'])}"
        return f"new journey {st.name(change.name)}: {size}, owner {dept(x['owner'])}"
    if k == "journey-state-changed":
        return f"{_state(change.before, diff, st)} {a} {_state(change.after, diff, st)}"
    if k == "journey-reviewed":
        if change.after is None:
            return f"review date {change.before} removed"
        return f"reviewed on {change.after}" + (f" (was {change.before})" if change.before else " (first review date)")
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
        return f"personas {personas(change.before)} {a} {personas(change.after)}"
    if k == "stages-reordered":
        return f"stages reordered: {stages(change.before)} {a} {stages(change.after)}"
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
        return f"added to stage {st.name(x['stage_name'])}, owner {dept(x['owner'])}, channel {channel(x['channel'])}"
    if k == "touchpoint-removed":
        return f"removed from stage {st.name(x['stage_name'])} (owner was {dept(x['owner'])})"
    if k == "touchpoint-moved":
        return f"moved from stage {st.name(x['from_name'])} to {st.name(x['to_name'])}"
    if k in ("touchpoint-invalid", "touchpoint-fixed"):
        edits = ", ".join(_field_change(f, x["values"][f], st) for f in x["fields"]) or "its stage changed"
        if k == "touchpoint-invalid":
            return f"{edits}, which makes it invalid (see the validation problems)"
        return f"{edits}, which makes it valid again"
    if k.startswith("touchpoint-") and k.removeprefix("touchpoint-").removesuffix("-changed") in INVOLVED_ROLES:
        role = k.removeprefix("touchpoint-").removesuffix("-changed")
        return f"{role} {people(change.before)} {a} {people(change.after)}"
    if k == "touchpoint-channel-changed":
        return f"channel {channel(change.before)} {a} {channel(change.after)}"
    if k == "pain-point-added":
        return f"pain point added ({x['severity']}): {st.name(change.after)}"
    if k == "pain-point-resolved":
        return f"pain point resolved ({x['severity']}): {st.name(change.before)}"
    if k == "pain-point-severity-changed":
        return f"pain point {st.name(x['text'])}: severity {change.before} {a} {change.after}"
    if k.startswith("opportunity-"):
        return _opportunity(change, dept, st)
    if k == "kpi-added":
        return (f"new KPI, owner {dept(x['owner'])}, target {format_figure(x['target'], unit)}, "
                f"current {format_figure(x['current'], unit)}, status {_status(x['status'], st)}")  # fmt: skip
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
        home = [
            (f"journey {st.code(j) if st.ids else st.name(diff.journey_title(j))}" if j else st.code("kpis.yaml"))
            for j in (change.before, change.after)
        ]
        return f"moved from {home[0]} to {home[1]}"
    if k == "kpi-edited":
        return fields() + (f", {status()}" if "status_after" in x else "")
    if k.startswith("funnel-"):
        return funnel_said(change, st)
    if k == "department-added" and not st.ids:
        return "department added"
    if k == "department-codeowners-changed" and not st.ids:
        return "code owners changed"
    if k == "department-added":
        return "department added" + (
            f", code-host team {st.code(change.after)}" if change.after else ", no code-host team"
        )
    if k == "department-removed":
        return "department removed"
    if k == "department-codeowners-changed":
        team = [st.code(v) if v else "none" for v in (change.before, change.after)]
        return f"code-host team {team[0]} {a} {team[1]}"
    if k in ("persona-added", "persona-removed"):
        return k.replace("-", " ")
    if k.endswith("-edited"):
        return fields()
    return k  # a kind without a sentence yet: its name still says what happened


def _opportunity(change: Change, dept: Callable[[str], str], st: _Plain) -> str:
    """`opportunity 'Show the delivery date': ◇ Planned -> ◐ In progress`, and the like."""
    k, x, a = change.kind, change.extra, st.arrow
    if k == "opportunity-added":
        status = opportunity_status_text(x["status"])
        return f"opportunity added ({status}, owner {dept(x['owner'])}): {st.name(change.after)}"
    if k == "opportunity-removed":
        return f"opportunity removed (was {opportunity_status_text(x['status'])}): {st.name(change.before)}"
    what = f"opportunity {st.name(x['text'])}"
    if k == "opportunity-status-changed":
        return f"{what}: {opportunity_status_text(change.before)} {a} {opportunity_status_text(change.after)}"
    if k == "opportunity-owner-changed":
        return f"{what}: owner {dept(change.before)} {a} {dept(change.after)}"
    return f"{what}: {', '.join(x['fields'])} edited"


def _state(value: dict[str, Any], diff: Diff, st: _Plain) -> str:
    """'as-is', or 'to-be, a redesign of `online-purchase`'."""
    target = value.get("compares_to")
    state = str(value["state"])
    return state + (f", a redesign of {_journey(target, diff, st)}" if state == "to-be" and target else "")


def _journey(ident: str, diff: Diff, st: _Plain) -> str:
    """A journey named as reviewers find it (its id) or as readers know it (its title)."""
    return st.code(ident) if st.ids else st.name(diff.journey_title(ident))


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
    if change.subject == "journey" and change.journey and not st.ids:
        said = describe(change, diff, st)
        if change.kind in ("journey-added", "journey-removed"):  # the sentence names the journey already
            return said[:1].upper() + said[1:]
        return f"Journey {st.name(diff.journey_title(change.journey))}: {said}"
    if change.subject == "journey" and change.journey:
        return (
            f"{st.name(diff.journey_title(change.journey))} ({st.code(change.journey)}): {describe(change, diff, st)}"
        )
    return f"{label(change, st)}: {describe(change, diff, st)}"


def _display(diff: Diff, source: str) -> str:
    """A file of the maps folder as the repository names it (`maps/journeys/x.yaml`)."""
    root = (diff.head.root or diff.base.root).strip("/")
    return f"{root}/{source}" if root and root != "." else source


def _status(status: str | None, st: _Plain) -> str:
    """`at-risk` for reviewers' tools, `at risk` for readers."""
    return str(status) if st.ids or status is None else STATUS_LABEL.get(status, status).lower()
