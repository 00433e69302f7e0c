"""The reporters, one per format: a pull-request comment in Markdown (bounded in size) and JSON."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TextIO

from ..escape import json_text
from ..gitmaps import Snapshot
from ..problems import Problem, Severity
from ..text import plural
from .changes import MARKER, MAX_MARKDOWN, Diff
from .wording import MARKDOWN, _display, _Markdown, _shorten, describe, escape, label, reasons, summary


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


def markdown(diff: Diff, out: TextIO) -> None:  # noqa: C901 - split with the rest of diff.py (issue 13, left for later: the module is being edited in parallel)
    """A pull-request comment: marker, summary, departments to approve, new problems, then each journey."""
    st = MARKDOWN
    lines = [MARKER, f"## Journey map changes: {st.code(diff.base.label)} {st.arrow} {st.code(diff.head.label)}", ""]
    approvals = diff.approvals()
    journeys = [j for j in diff.journeys() if j]
    if diff.changes:
        where = [plural(len(journeys), "journey")] if journeys else []
        where += ["shared files"] if "" in diff.journeys() else []
        lines.append(f"**{plural(len(diff.changes), 'change')}** in {' and '.join(where)}; "
                     f"**{plural(len(approvals), 'department')}** to approve.")  # fmt: skip
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
                f"- {st.code(f'{p.file}:{p.line}:{p.column}')} {p.severity.value} {p.code}: "
                f"{escape(_shorten(p.message, 500))}"
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
                    f"Owner: {st.name(diff.department_name(journey.owner))} · file "
                    f"{st.code(_display(diff, journey.source))}",
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
