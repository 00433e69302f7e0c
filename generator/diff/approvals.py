"""Why each department must approve a change, in the comment's "Departments to approve" list: its reasons by
role, each with a few words on what changed (the journey sections give the details)."""

from __future__ import annotations

from ..vocabulary import OPPORTUNITY_STATUS_LABEL, format_figure
from .changes import Change, Concern, Diff, _unique
from .wording import PLAIN, _address, _field_change, _Plain


def reason(change: Change, concern: Concern, diff: Diff, st: _Plain = PLAIN) -> str:
    """Why a department must look at a change.

    For example `now owner of mobile-activation/sim-activation (was IT Operations)`.
    """
    where, role, k = _address(change, st), concern.role, change.kind

    def name(ident: str) -> str:
        return st.name(diff.department_name(ident))

    if k == "opportunity-owner-changed":
        gained = role == "owner-gained"
        return (
            f"{'now' if gained else 'no longer'} owner of an opportunity at {where} ({'was' if gained else 'now'} "
            + (f"{name(change.before if gained else change.after)})")
        )
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
    if k == "touchpoint-moved":
        return f"moved to stage {st.name(x['to_name'])}"
    if k in ("touchpoint-added", "touchpoint-removed", "stage-added", "stage-removed"):
        return k.rpartition("-")[2]
    if k in ("touchpoint-invalid", "touchpoint-fixed"):
        edits = ", ".join(_field_change(f, x["values"][f], st) for f in x["fields"]) or "its stage changed"
        return f"{edits}, {'now invalid' if k == 'touchpoint-invalid' else 'valid again'}"
    if k in ("kpi-target-changed", "kpi-current-changed"):
        field_name = k.split("-")[1]
        return (
            f"{field_name} {format_figure(change.before, x['unit'])} {a} "
            f"{format_figure(change.after, x['unit'])}, now {x['status_after']}"
        )
    if k == "opportunity-status-changed":
        before, after = (OPPORTUNITY_STATUS_LABEL[s].lower() for s in (change.before, change.after))
        return f"opportunity {before} {a} {after}"
    if k.startswith("opportunity-"):
        return "opportunity " + (
            "/".join(x["fields"]) + " edited" if "fields" in x else k.split("-", 1)[1].replace("-", " ")
        )
    if k.startswith("funnel-"):
        return "funnel figures changed" if k == "funnel-stage-changed" else k.replace("-", " ")
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
