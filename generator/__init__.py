"""journeymaps: customer-journey maps kept as YAML, validated, drawn with Graphviz and published with MkDocs.

The package reads as its pipeline: `load` (files to typed models), `checks` (cross-file rules),
`validate` (the two in one call), then the stages that turn a valid `Maps` into diagrams and pages.
"""

from .model import Maps
from .problems import Problem, Severity
from .settings import Limits, Settings
from .validate import Result, validate

__all__ = ["Limits", "Maps", "Problem", "Result", "Settings", "Severity", "validate"]
