"""Another team adopts journeymaps from an empty folder by following the README; .ci/setup on a bare machine.

The README's "Use it in your own repository" commands run as written with bash: a wheel built from a
copy of this repository, a fresh virtual environment in a new folder, `pip install` of the wheel (its
dependencies from the package index), `journeymaps init`, `validate` and `build`. Then the team edits
its maps and its mkdocs.yml and runs the commands it will use every day, with no extra flags, and
builds the site with Zensical too.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, git
from .test_site import Site

pytestmark = pytest.mark.slow  # `journeymaps init` and real builds in new repositories

SECTION = "## Use it in your own repository"


def readme_commands() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"```bash\n(.*?)```", text.split(SECTION, 1)[1], re.S)
    assert found, f"no bash block under '{SECTION}' in README.md"
    return found.group(1)


def run(*args: str | Path, cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """A command as the team runs it: no variables of this test session's virtualenv."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "GITHUB_ACTIONS")}
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{args}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


NEW_TOUCHPOINT = """      - id: delivery-text
        name: Delivery text message
        channel: sms
        owner: customer-service
        description: The delivery slot, sent on the morning of delivery.
"""


def test_another_team_follows_the_readme_from_an_empty_folder(tmp_path: Path) -> None:
    source = tmp_path / "journeymaps"  # "this repository, cloned as journeymaps"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("generator", "site_templates"):
        shutil.copytree(ROOT / folder, source / folder, ignore=ignore)

    done = run("bash", "-euo", "pipefail", "-c", readme_commands(), cwd=tmp_path)
    repo = tmp_path / "our-journeys"
    venv = repo / ".venv" / "bin"
    assert "3 map files checked: no problems" in done.stdout
    assert "note: journeymaps was installed from" in done.stderr  # init says the wheel file is not for CI
    assert (repo / "site" / "journeys" / "first-order" / "index.html").is_file()
    where = run(venv / "python", "-c", "import journeymaps; print(journeymaps.__file__)", cwd=repo).stdout.strip()
    assert "site-packages" in where and not Path(where).is_relative_to(ROOT), where
    version = run(venv / "journeymaps", "--version", cwd=repo).stdout.split()[-1]
    assert (repo / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1] == f"journeymaps=={version}"
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    committed = git(repo, "ls-files").splitlines()
    assert not [p for p in committed if p.startswith((".venv/", "site/", ".cache/"))]  # the starter's .gitignore
    git(repo, "commit", "-q", "-m", "Starter from journeymaps init")

    # The team edits its maps: a touchpoint in the journey and its team handle for CODEOWNERS.
    journey = repo / "maps" / "journeys" / "first-order.yaml"
    replace(
        journey, "        leads_to: [help-chat]\n", "        leads_to: [delivery-text, help-chat]\n" + NEW_TOUCHPOINT
    )
    departments = repo / "maps" / "departments.yaml"
    replace(departments, '    # codeowners: "@our-org/customer-service"', '    codeowners: "@contoso/service"')
    assert run(venv / "journeymaps", "validate", cwd=repo).stdout == "3 map files checked: no problems\n"
    owners = run(venv / "journeymaps", "codeowners", cwd=repo).stdout
    assert "/maps/journeys/first-order.yaml @contoso/service\n" in owners
    run(venv / "journeymaps", "build", cwd=repo)
    page = Site(repo / "site").content("journeys/first-order/delivery-text/")
    assert page.find("h1").text == "Delivery text message"

    # Its own channel, in mkdocs.yml only.
    replace(repo / "mkdocs.yml", "      channels: []", "      channels: [whatsapp]")
    replace(journey, "        channel: sms\n", "        channel: whatsapp\n")
    assert run(venv / "journeymaps", "validate", cwd=repo).stdout == "3 map files checked: no problems\n"
    assert run(venv / "journeymaps", "codeowners", cwd=repo).stdout == owners
    run(venv / "journeymaps", "build", cwd=repo)
    assert "Whatsapp" in Site(repo / "site").content("journeys/first-order/delivery-text/").text  # its name for people
    shutil.rmtree(repo / "site")
    built = run(venv / "mkdocs", "build", "--strict", cwd=repo)
    assert "Documentation built" in built.stderr
    assert (repo / "site" / "channels" / "whatsapp" / "index.html").is_file()

    # The same site with the second engine, once the extra is installed (docs/zensical.md).
    wheel = next((source / "dist").glob("journeymaps-*.whl"))
    run(venv / "pip", "install", f"{wheel}[zensical]", cwd=repo)
    shutil.rmtree(repo / "site")
    run(venv / "journeymaps", "build", "--engine", "zensical", cwd=repo)
    page = Site(repo / "site").content("journeys/first-order/delivery-text/")
    assert page.find("h1").text == "Delivery text message" and "Whatsapp" in page.text
    assert (repo / "site" / "channels" / "whatsapp" / "index.html").is_file()


def fake_machine(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A copy of .ci/setup on a machine without Graphviz, Chromium or npm, run by a user who is not root."""
    repo = tmp_path / "clone"
    (repo / ".ci").mkdir(parents=True)
    shutil.copy2(ROOT / ".ci" / "setup", repo / ".ci" / "setup")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "dirname").symlink_to(shutil.which("dirname") or "/usr/bin/dirname")
    (bin_dir / "python3").symlink_to(Path(sys.executable).resolve())  # the real interpreter, not a shim
    (bin_dir / "id").write_text("#!/bin/sh\necho 1000\n", encoding="utf-8")
    (bin_dir / "id").chmod(0o755)
    return repo, {"PATH": str(bin_dir), "HOME": str(tmp_path)}


def test_setup_for_building_asks_only_for_graphviz_and_says_how(tmp_path: Path) -> None:
    repo, env = fake_machine(tmp_path)
    bash = shutil.which("bash") or "/bin/bash"
    done = subprocess.run([bash, ".ci/setup"], cwd=repo, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr == (
        "setup: missing Debian packages; install them, then run this again:\n"
        "  sudo apt-get install --no-install-recommends graphviz\n"
    )
    assert not (repo / ".venv").exists()
    tests = subprocess.run([bash, ".ci/setup", "--test"], cwd=repo, env=env, capture_output=True, text=True, timeout=60)
    assert tests.returncode == 2
    wanted = tests.stderr.splitlines()[-1].split("--no-install-recommends ")[1].split()
    assert wanted[0] == "graphviz" and {"chromium", "npm"} <= set(wanted), tests.stderr
