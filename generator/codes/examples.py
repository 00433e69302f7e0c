"""The examples' raw material: the smallest valid maps folder (BASE), the `Code` record, shared edits
of the base journey, and laying an example out on disk and validating it as the tests and the docs do.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..problems import Problem, Severity

# The smallest valid maps folder; each example replaces or adds files on top of it.
BASE: dict[str, str] = {
    "departments.yaml": """\
departments:
  - id: ecommerce
    name: E-commerce
""",
    "personas/shopper.yaml": """\
name: Shopper
summary: Buys online, mostly on a phone.
""",
    "journeys/purchase.yaml": """\
title: Online purchase
persona: shopper
owner: ecommerce
stages:
  - id: buy
    name: Buy
    touchpoints:
      - id: checkout
        name: Checkout
        channel: website
        owner: ecommerce
""",
}

_JOURNEY = BASE["journeys/purchase.yaml"]


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    severity: Severity
    summary: str
    failing: dict[str, str | None] = field(default_factory=dict)
    """Files laid over BASE that produce this code (None deletes one; empty where no small file shows it)."""
    passing: dict[str, str | None] = field(default_factory=dict)
    """The same files, fixed; empty means BASE itself."""


def _edited(old: str, new: str) -> str:
    """The base journey with one edit."""
    assert old in _JOURNEY, old
    return _JOURNEY.replace(old, new, 1)


def _journey(old: str, new: str) -> dict[str, str | None]:
    return {"journeys/purchase.yaml": _edited(old, new)}


_TWO_TOUCHPOINTS = (
    _JOURNEY
    + """\
      - id: confirmation-email
        name: Confirmation email
        channel: email
        owner: ecommerce
"""
)

_TWO_STAGES = (
    _edited("        owner: ecommerce\n", "        owner: ecommerce\n        leads_to: [confirmation-email, survey]\n")
    + """\
  - id: after
    name: After the purchase
    touchpoints:
      - id: confirmation-email
        name: Confirmation email
        channel: email
        owner: ecommerce
      - id: survey
        name: Satisfaction survey
        channel: email
        owner: ecommerce
"""
)

_MEASURED_KPI = """\
kpis:
  - id: nps
    name: Net promoter score
    unit: score
    direction: up
    target: 40
    owner: ecommerce
"""
_MEASURED_JOURNEY = _edited("        owner: ecommerce\n", "        owner: ecommerce\n        kpis: [nps]\n")
_MEASURED_ROWS = "date,value,note\n2026-08-31,29,\n2026-09-30,31,after the new returns form\n"


def _measured(
    rows: str = _MEASURED_ROWS, name: str = "measurements/nps.csv", kpis: str = _MEASURED_KPI
) -> dict[str, str | None]:
    """A KPI whose figures come from a measurements file, with that file's text (or another file name)."""
    return {"kpis.yaml": kpis, "journeys/purchase.yaml": _MEASURED_JOURNEY, name: rows}


E, W = Severity.ERROR, Severity.WARNING


def lay_out(root: Path, overlay: dict[str, str | None]) -> Path:
    """Write BASE with `overlay` laid over it (None removes a file) into root/maps."""
    maps = root / "maps"
    for rel, text in {**BASE, **overlay}.items():
        if text is not None:
            (maps / rel).parent.mkdir(parents=True, exist_ok=True)
            (maps / rel).write_text(text, encoding="utf-8")
    return maps


def report_example(overlay: dict[str, str | None]) -> list[Problem]:
    """What `validate` says about an example, naming the folder `maps` as a user would."""
    from ..validate import validate  # the catalogue itself stays importable by the loader's tests

    with tempfile.TemporaryDirectory() as tmp:
        return validate(lay_out(Path(tmp), overlay), display_root="maps").problems
