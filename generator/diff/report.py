"""The reporters, one per format: a pull-request comment in Markdown (bounded in size) and JSON."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any, TextIO

from ..escape import json_text
from ..gitmaps import Snapshot
from ..model import Journey
from ..problems import Problem, Severity
from ..text import plural
from .approvals import reasons
from .changes import MARKER, MAX_MARKDOWN, Diff
from .wording import MARKDOWN, _display, _Markdown, _Plain, _shorten, describe, escape, label, summary


def _side(snapshot: Snapshot) -> dict[str, Any]:
    errors = sum(1 for p in snapshot.problems if p.severity is Severity.ERROR)
    return {
        "revision": snapshot.label, "commit": snapshot.commit or None, "present": snapshot.present,
        "valid": snapshot.present and not errors, "errors": errors, "warnings": len(snapshot.problems) - errors,
    }  # fmt: skip


def _problem(problem: Problem) -> dict[str, Any]:
    return {"file": problem.file, "line": problem.line, "column": problem.column,
            "severity": problem.severity.value, "code": problem.code, "message": problem.message}  # fmt: skip


def _kind(journey: Journey, st: _Plain) -> str:
    """'to-be journey, a redesign of `online-purchase` · ' for a to-be journey; '' for an as-is one (the usual kind)."""
    if journey.state != "to-be":
        return ""
    return "to-be journey" + (f", a redesign of {st.code(journey.compares_to)}" if journey.compares_to else "") + " · "


def as_json(diff: Diff, out: TextIO) -> None:
    """Everything in `Diff` as one JSON object; `summary` strings are the plain sentences."""
    data = {
        "base": _side(diff.base),
        "head": _side(diff.head),
        "departments": [
            {
                "id": ident,
                "name": diff.department_name(ident),
                "defined": diff.department(ident) is not None,
                "codeowners": getattr(diff.department(ident), "codeowners", None),
                "reasons": reasons(diff, items),
            }
            for ident, items in diff.approvals()
        ],
        "changes": [
            {
                "kind": c.kind,
                "journey": c.journey or None,
                "subject": c.subject,
                "name": c.name,
                "before": c.before,
                "after": c.after,
                "details": c.extra,
                "summary": summary(c, diff),
                "departments": [{"id": concern.department, "role": concern.role} for concern in c.concerns],
            }
            for c in diff.changes
        ],
        "problems": {
            "introduced": [_problem(p) for p in diff.introduced],
            "resolved": [_problem(p) for p in diff.resolved],
        },
    }
    out.write(json_text(data) + "\n")


def _status_lines(diff: Diff, st: _Markdown) -> list[str]:
    base, head = diff.base, diff.head
    lines = []
    errors = diff.introduced_errors
    head_errors = _side(head)["errors"]
    if not head.present:
        lines.append(f"The maps folder does not exist at {st.code(head.label)}.")
    elif errors:
        lines.append(f"❌ This change introduces {plural(len(errors), 'validation error')}: see below.")
    elif head_errors:
        lines.append(
            f"⚠️ The maps do not validate at {st.code(head.label)}: {plural(head_errors, 'error')}, all already "
            "there before this change."
        )
    else:
        lines.append(f"✅ The maps validate at {st.code(head.label)}.")
    if not base.present:
        lines.append(f"The maps folder does not exist at {st.code(base.label)}: everything is new.")
    elif _side(base)["errors"]:
        lines.append(f"The maps did not validate at {st.code(base.label)} ({plural(_side(base)['errors'], 'error')}).")
    if diff.resolved:
        lines.append(f"This change fixes {plural(len(diff.resolved), 'validation problem')}.")
    return lines


def markdown(diff: Diff, out: TextIO) -> None:
    """A pull-request comment: marker, summary, departments to approve, new problems, then each journey."""
    st = MARKDOWN
    lines = [MARKER, f"## Journey map changes: {st.code(diff.base.label)} {st.arrow} {st.code(diff.head.label)}", ""]
    lines.append(_headline(diff, st))
    for line in _status_lines(diff, st):
        lines += ["", line]
    lines.append("")
    lines += _approval_lines(diff, st)
    lines += _introduced_lines(diff, st)
    for ident in diff.journeys():
        lines += _journey_lines(diff, ident, st)
    _write_bounded(out, lines)


def _headline(diff: Diff, st: _Markdown) -> str:
    if not diff.changes:
        return "**No changes to the maps.**"
    journeys = [j for j in diff.journeys() if j]
    where = [plural(len(journeys), "journey")] if journeys else []
    where += ["shared files"] if "" in diff.journeys() else []
    return (f"**{plural(len(diff.changes), 'change')}** in {' and '.join(where)}; "
            f"**{plural(len(diff.approvals()), 'department')}** to approve.")  # fmt: skip


def _approval_lines(diff: Diff, st: _Markdown) -> list[str]:
    """Each department that must approve, its code-host team and why (the first six reasons)."""
    approvals = diff.approvals()
    if not approvals:
        return []
    lines = ["### Departments to approve", ""]
    for ident, items in approvals:
        department = diff.department(ident)
        team = f" ({st.code(department.codeowners)})" if department and department.codeowners else ""
        team = team if department else " (not defined in departments.yaml)"
        why = reasons(diff, items, st)
        shown = why[:6] + ([f"and {len(why) - 6} more"] if len(why) > 6 else [])
        lines.append(f"- {st.strong(diff.department_name(ident))}{team}: {'; '.join(shown)}")
    return [*lines, ""]


def _introduced_lines(diff: Diff, st: _Markdown) -> list[str]:
    if not diff.introduced:
        return []
    lines = [f"### Validation problems introduced ({len(diff.introduced)})", ""]
    for p in diff.introduced:
        lines.append(
            f"- {st.code(f'{p.file}:{p.line}:{p.column}')} {p.severity.value} {p.code}: "
            f"{escape(_shorten(p.message, 500))}"
        )
    return [*lines, ""]


def _journey_lines(diff: Diff, ident: str, st: _Markdown) -> list[str]:
    """One journey's section (or, for '', the shared files'): a bullet per subject, its changes under it."""
    lines = []
    if ident:
        journey = diff.head.maps.journeys.get(ident) or diff.base.maps.journeys.get(ident)
        lines.append(f"### {escape(_shorten(diff.journey_title(ident)))} ({st.code(ident)})")
        if journey:
            owner, file = st.name(diff.department_name(journey.owner)), st.code(_display(diff, journey.source))
            lines += ["", f"Owner: {owner} · {_kind(journey, st)}file {file}"]
    else:
        lines.append("### Shared KPIs, departments and personas")
    lines.append("")
    changes = [c for c in diff.changes if c.journey == ident]
    for _, grouped in itertools.groupby(changes, key=lambda change: change.subject):
        group = list(grouped)  # consecutive changes of one subject share a bullet
        texts = [describe(change, diff, st) for change in group]
        if group[0].subject == "journey":
            lines += [f"- {text[0].upper() + text[1:]}" for text in texts]
        elif len(group) == 1:
            lines.append(f"- {label(group[0], st)}: {texts[0]}")
        else:
            lines += [f"- {label(group[0], st)}:", *(f"  - {text}" for text in texts)]
    return [*lines, ""]


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
