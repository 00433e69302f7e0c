"""Cross-file rules: assemble the typed files into one `Maps`, then check ids and references.

Each rule is a function that yields problems; its code and examples are in `codes.CODES`. A
reference to something whose own file failed to load is not reported again: the file's problem
already says what to fix.
"""

from __future__ import annotations

from .assemble import assemble
from .context import Check, Context, Rule, rule
from .references import kpi_dates, touchpoint_references, unknown_departments, unknown_personas
from .registry import CHECKS, run
from .warnings import empty_stages, idle_departments, unreachable_touchpoints, unused_kpis

__all__ = [
    "CHECKS",
    "Check",
    "Context",
    "Rule",
    "assemble",
    "empty_stages",
    "idle_departments",
    "kpi_dates",
    "rule",
    "run",
    "touchpoint_references",
    "unknown_departments",
    "unknown_personas",
    "unreachable_touchpoints",
    "unused_kpis",
]
