"""Another team's repository builds with the installed package alone.

A wheel is built from a copy of the sources, installed with its dependencies into a fresh virtual
environment, and that environment's `mkdocs build --strict` runs in a copy of the minimal repository
(its own mkdocs.yml: `theme: material`, `plugins: [search, journeymaps]`, and its own maps/).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, copy_minimal_repo
from .test_site import Site

pytestmark = pytest.mark.slow  # a wheel installed into a fresh environment and a real build


def _run(*args: str | Path, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{args}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv with the journeymaps wheel and its dependencies: its bin folder."""
    work = tmp_path_factory.mktemp("package")
    source = work / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "generator", source / "generator", ignore=ignore)
    shutil.copytree(ROOT / "site_templates", source / "site_templates", ignore=ignore)
    _run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "-q",
        "--no-deps",
        "--disable-pip-version-check",
        ".",
        "-w",
        work / "dist",
        cwd=source,
    )
    wheel = next((work / "dist").glob("journeymaps-*.whl"))
    venv = work / "venv"
    _run(sys.executable, "-m", "venv", venv, cwd=work)
    _run(venv / "bin" / "python", "-m", "pip", "install", "-q", "--disable-pip-version-check", wheel, cwd=work)
    return venv / "bin"


def test_another_teams_repository_builds_with_the_installed_package(installed: Path, tmp_path: Path) -> None:
    repo = copy_minimal_repo(tmp_path / "other-team")
    where = _run(installed / "python", "-c", "import journeymaps; print(journeymaps.__file__)", cwd=repo).stdout.strip()
    assert Path(where).is_relative_to(installed.parent) and "site-packages" in where, where
    assert not Path(where).is_relative_to(ROOT)
    # The repository's generator/ folder installs as `journeymaps`: no generic top-level name is taken.
    found = _run(
        installed / "python", "-c", "import importlib.util; print(importlib.util.find_spec('generator'))", cwd=repo
    )
    assert found.stdout.strip() == "None"
    _run(installed / "mkdocs", "build", "--strict", cwd=repo)
    site = Site(repo / "site")
    assert site.content("journeys/support-request/help-form/").find("h1").text == "Help form"
    for address in [
        "",
        "about/",
        "ownership/",
        "kpis/",
        "pain-points/",
        "channels/",
        "departments/support/",
        "personas/customer/",
    ]:
        assert site.exists(address), address
    assert (repo / "site" / "assets" / "journeymaps" / "journeymaps.css").is_file()
    assert not (repo / "docs" / "index.md").exists(), "the plugin wrote into docs_dir"
    nav = site.page("").find("nav", cls="md-nav--primary")
    assert "About" in nav.text and "Journeys" in nav.text
    # The theme's partials that journeymaps overrides ship with the package (site_templates/theme).
    home = site.page("")
    assert home.find("div", cls="md-search", role="dialog", aria_label="Search") is not None
