"""The package's layout keeps its promises: every module small enough to read whole, every sub-package installed.

docs/architecture.md says where each kind of code goes; these two checks keep the tree honest as it grows.
"""

from __future__ import annotations

import tomllib

from .conftest import ROOT

PACKAGE = ROOT / "generator"
MAX_MODULE_LINES = 400
"""The project's limit (docs/architecture.md): a module over it is split by its jobs into a package."""


def test_no_module_is_over_the_line_limit() -> None:
    sizes = {path.relative_to(ROOT).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
             for path in PACKAGE.rglob("*.py")}  # fmt: skip
    too_long = {name: lines for name, lines in sorted(sizes.items()) if lines > MAX_MODULE_LINES}
    assert not too_long, f"split these by their jobs (docs/architecture.md): {too_long}"


def test_every_sub_package_is_installed() -> None:
    # The wheel lists its packages by hand (the code lives in generator/, installed as journeymaps): a
    # sub-package missing from pyproject.toml would import in a checkout and be absent after `pip install`.
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {
        ".".join(("journeymaps", *init.parent.relative_to(PACKAGE).parts)) for init in PACKAGE.rglob("__init__.py")
    }
    assert found, "no package found under generator/"
    assert found <= listed, f"add to [tool.setuptools] packages in pyproject.toml: {sorted(found - listed)}"
