"""Every problem code, with what it means and a failing and a passing example.

The codes are stable: tools and people grep for them. `docs/problem-codes.md` is generated from
this catalogue (`journeymaps codes --markdown`), and the test suite runs every example through the
real CLI, so an example here can never drift from what `validate` says.

One module a family (`files` JM0xx, `schema` JM1xx, `references` JM2xx, `warnings` JM3xx, `measurements`
JM401-JM410), each with its own `CODES`; `catalogue` puts them together; `examples` holds BASE and the
shared example material.
"""

from __future__ import annotations

from .catalogue import BY_CODE, CODES, NOT_LOADED, explain, markdown
from .examples import (
    _MEASURED_JOURNEY,
    _MEASURED_KPI,
    _MEASURED_ROWS,
    BASE,
    Code,
    _edited,
    _journey,
    _measured,
    lay_out,
    report_example,
)

__all__ = [
    "BASE",
    "BY_CODE",
    "CODES",
    "NOT_LOADED",
    "_MEASURED_JOURNEY",
    "_MEASURED_KPI",
    "_MEASURED_ROWS",
    "Code",
    "_edited",
    "_journey",
    "_measured",
    "explain",
    "lay_out",
    "markdown",
    "report_example",
]
