"""The starter's scheduled workflow (measurements.yml): linted, in the documented order, and its scripts run for real.

The import and pull-request steps are run with bash in a starter written by `journeymaps init`, on a
GA4-shaped export, against a bare git repository standing in for GitHub and a stand-in `gh` that logs
its arguments: the figures land in maps/measurements/, one branch is pushed, one pull request asked for.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT, TODAY_EPOCH, git, run_cli
from .test_workflows import lint, steps

pytestmark = pytest.mark.slow  # the real CLI, git and bash

EXPORT = ROOT / "tests" / "fixtures" / "exports" / "ga4-order-conversion-rate.csv"
FAKE_GH = """#!/bin/sh
echo "$*" >> "$GH_LOG"
case "$1 $2" in "pr list") cat "$GH_OPEN" 2>/dev/null;; esac
"""


def load(path: Path) -> dict:  # type: ignore[type-arg]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {("on" if key is True else key): value for key, value in data.items()}  # YAML 1.1 reads `on` as True


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A starter in a git repository on main, pushed to a bare `origin`."""
    root = tmp_path / "our-journeys"
    assert run_cli("init", root, "--requirement", "journeymaps==0.1.0").code == 0
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(tmp_path / "origin.git"))
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Starter")
    git(root, "remote", "add", "origin", str(tmp_path / "origin.git"))
    git(root, "push", "-q", "origin", "main")
    return root


def workflow(root: Path) -> dict:  # type: ignore[type-arg]
    return load(root / ".github" / "workflows" / "measurements.yml")


def step(root: Path, name: str) -> dict:  # type: ignore[type-arg]
    return next(s for s in steps(workflow(root)) if s.get("name", "").startswith(name))


def run_step(root: Path, name: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """One step's script as the runner runs it (bash -e), with the job's env and journeymaps on PATH."""
    tools = tmp_path / "tools"
    tools.mkdir(exist_ok=True)
    (tools / "gh").write_text(FAKE_GH, encoding="utf-8")
    (tools / "gh").chmod(0o755)
    job_env = {k: str(v) for k, v in workflow(root)["jobs"]["import"]["env"].items()}
    path = os.pathsep.join([str(tools), str(Path(sys.executable).parent), os.environ["PATH"]])
    full = {
        **os.environ, **job_env, "PATH": path,
        "SOURCE_DATE_EPOCH": TODAY_EPOCH, "GH_LOG": str(tmp_path / "gh.log"), "GH_OPEN": str(tmp_path / "open-prs"),
        "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", **env,
    }  # fmt: skip
    script = step(root, name)["run"]
    return subprocess.run(["bash", "-e", "-c", script], cwd=root, env=full, capture_output=True, text=True, timeout=120)


def test_the_workflow_lints_runs_weekly_and_may_open_pull_requests(repo: Path) -> None:
    path = repo / ".github" / "workflows" / "measurements.yml"
    done = lint(path)
    assert done.returncode == 0, done.stdout + done.stderr
    flow = workflow(repo)
    assert flow["on"]["schedule"][0]["cron"].split()[-1] == "1"  # weekly, on Mondays
    assert "workflow_dispatch" in flow["on"]
    assert flow["permissions"] == {"contents": "write", "pull-requests": "write"}
    names = [s.get("name", s.get("uses", "")) for s in steps(flow)]
    order = ["Install journeymaps", "Export the figures", "Import the exports", "Validate the maps", "Open or update"]
    found = [next(i for i, n in enumerate(names) if n.startswith(want)) for want in order]
    assert found == sorted(found), names
    assert step(repo, "Validate the maps")["run"] == "journeymaps validate --format github"
    assert "journeymaps measure import" in step(repo, "Import the exports")["run"]
    assert run_cli("measure", "import", "--help").code == 0
    for each in steps(flow):
        assert "${{" not in each.get("run", ""), "expressions go through env, never into a script"


def test_without_an_export_the_run_says_so_and_proposes_nothing(repo: Path, tmp_path: Path) -> None:
    export = run_step(repo, "Export the figures", tmp_path)
    assert export.returncode == 0, export.stderr
    assert "::notice::No export yet" in export.stdout
    imported = run_step(repo, "Import the exports", tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert "exports/order-conversion-rate.csv: no export, skipped" in imported.stdout
    proposed = run_step(repo, "Open or update", tmp_path, BASE="main", GH_TOKEN="unused")
    assert proposed.returncode == 0, proposed.stderr
    assert "No new figures" in proposed.stdout
    assert not (tmp_path / "gh.log").exists()


def test_an_export_becomes_one_pull_request_for_the_kpi_owner(repo: Path, tmp_path: Path) -> None:
    (repo / "exports").mkdir()
    shutil.copy(EXPORT, repo / "exports" / "order-conversion-rate.csv")
    imported = run_step(repo, "Import the exports", tmp_path)
    assert imported.returncode == 0, imported.stderr
    measured = repo / "maps" / "measurements" / "order-conversion-rate.csv"
    assert measured.read_text(encoding="utf-8") == (
        "date,value\n2026-10-11,2.77\n2026-10-18,2.86\n2026-10-25,2.94\n2026-11-01,3.05\n"
    )
    assert run_cli("validate", "--strict", cwd=repo).code == 0  # the validate step, strictly
    proposed = run_step(repo, "Open or update", tmp_path, BASE="main", GH_TOKEN="unused")
    assert proposed.returncode == 0, proposed.stderr
    branch = "journeymaps/measurements"
    changed = git(tmp_path / "origin.git", "diff", "--name-only", "main", branch).splitlines()
    assert changed == ["maps/measurements/order-conversion-rate.csv"]  # the figures only, never the export
    calls = (tmp_path / "gh.log").read_text(encoding="utf-8").splitlines()
    assert calls[-1] == f"pr create --base main --head {branch} --title New KPI figures --body-file pull-request.md"
    body = (repo / "pull-request.md").read_text(encoding="utf-8")
    assert "added    2026-11-01 3.05" in body
    # The next week: the same export again changes nothing; a new figure updates the same pull request.
    git(repo, "switch", "-q", "main")
    again = run_step(repo, "Import the exports", tmp_path)
    assert "4 added" in again.stdout  # main has not merged the first pull request yet
    (tmp_path / "open-prs").write_text("7\n", encoding="utf-8")
    updated = run_step(repo, "Open or update", tmp_path, BASE="main", GH_TOKEN="unused")
    assert updated.returncode == 0, updated.stderr
    assert (tmp_path / "gh.log").read_text(encoding="utf-8").splitlines()[-1] == (
        f"pr edit {branch} --body-file pull-request.md"
    )
    assert git(tmp_path / "origin.git", "branch", "--list", branch).strip().endswith(branch)
