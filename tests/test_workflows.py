"""The shipped GitHub Actions workflows and pre-commit hooks: linted, and wired to commands that exist.

The workflows are checked with check-jsonschema's bundled GitHub workflow schema (offline: the schema
ships inside the package); a deliberately broken workflow proves that the linter really runs.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from journeymaps.diff import MARKER

from .conftest import ROOT, run_cli

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
HOOKS = ROOT / ".pre-commit-hooks.yaml"
# No network: the schema must come from the package itself.
OFFLINE = {**os.environ, "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9", "NO_PROXY": ""}


def lint(*files: Path) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable,
        "-m",
        "check_jsonschema",
        "--builtin-schema",
        "vendor.github-workflows",
        *map(str, files),
    ]
    return subprocess.run(command, capture_output=True, text=True, env=OFFLINE, timeout=120)


def load(name: str) -> dict:  # type: ignore[type-arg]
    # PyYAML reads the key `on` as True (YAML 1.1); GitHub reads it as "on".
    data = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    return {("on" if key is True else key): value for key, value in data.items()}


def steps(workflow: dict) -> list[dict]:  # type: ignore[type-arg]
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_the_three_workflows_are_shipped() -> None:
    assert [p.name for p in WORKFLOWS] == ["diff-comment.yml", "pages.yml", "validate.yml"]


def test_workflows_pass_the_linter() -> None:
    done = lint(*WORKFLOWS)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_linter_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: pull_requests\njobs:\n  check:\n    steps:\n      - run: journeymaps validate\n")
    done = lint(broken)
    assert done.returncode == 1
    assert "'runs-on' is a required property" in done.stdout


def test_validate_workflow_annotates_every_pull_request() -> None:
    workflow = load("validate.yml")
    assert "pull_request" in workflow["on"] and "paths" not in (workflow["on"]["pull_request"] or {})
    runs = [step.get("run", "") for step in steps(workflow)]
    assert "journeymaps validate --format github" in runs
    assert any(r.startswith("journeymaps codeowners --check") for r in runs)
    assert workflow["permissions"] == {"contents": "read"}


def test_diff_workflow_posts_one_comment_found_by_the_marker() -> None:
    workflow = load("diff-comment.yml")
    assert list(workflow["on"]) == ["pull_request"]  # never pull_request_target: no write token for fork code
    assert workflow["permissions"]["pull-requests"] == "write"
    all_steps = steps(workflow)
    checkout = next(s for s in all_steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    describe = next(s for s in all_steps if s.get("id") == "diff")
    assert 'journeymaps diff "origin/$BASE_REF" HEAD > diff.md' in describe["run"]
    assert "${{" not in describe["run"], "expressions go through env, never into the script"
    comment = next(s for s in all_steps if s.get("uses", "").startswith("actions/github-script@"))
    assert f"const marker = '{MARKER}';" in comment["with"]["script"]
    assert "updateComment" in comment["with"]["script"] and "createComment" in comment["with"]["script"]


def test_pages_workflow_builds_from_main_and_deploys() -> None:
    workflow = load("pages.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    runs = [step.get("run", "") for step in build["steps"]]
    assert any("apt-get install" in r and "graphviz" in r for r in runs)
    assert "journeymaps build --site-dir site" in runs
    assert "--site-dir" in run_cli("build", "--help").out
    uses = [step.get("uses", "").split("@")[0] for step in build["steps"]]
    assert "actions/upload-pages-artifact" in uses
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


# The pre-commit hooks: pre-commit's manifest format (https://pre-commit.com/#new-hooks) ----------------

REQUIRED = {"id", "name", "entry", "language"}
ALLOWED = REQUIRED | {
    "files", "exclude", "types", "types_or", "exclude_types", "always_run", "fail_fast", "verbose",
    "pass_filenames", "require_serial", "description", "language_version", "minimum_pre_commit_version",
    "args", "stages", "additional_dependencies",
}  # fmt: skip


def test_pre_commit_hooks_follow_the_manifest_format() -> None:
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and hooks
    for hook in hooks:
        assert REQUIRED <= set(hook) <= ALLOWED, hook
        assert all(isinstance(hook[key], str) and hook[key] for key in REQUIRED)
        assert hook["language"] == "python"
        assert hook["pass_filenames"] is False
        re.compile(hook["files"])
    assert [h["id"] for h in hooks] == ["journeymaps-validate", "journeymaps-codeowners"]


@pytest.mark.parametrize("hook_id", ["journeymaps-validate", "journeymaps-codeowners"])
def test_pre_commit_hooks_run_real_commands(hook_id: str) -> None:
    hook = next(h for h in yaml.safe_load(HOOKS.read_text(encoding="utf-8")) if h["id"] == hook_id)
    program, *args = hook["entry"].split()
    assert program == "journeymaps"
    assert run_cli(*args, "--help").code == 0
    assert re.search(hook["files"], "maps/journeys/b2b/lead.yaml")
    assert re.search(hook["files"], "journey-maps/journeys/b2b/lead.yml")  # maps_dir from mkdocs.yml
    assert re.search(hook["files"], "mkdocs.yml")  # a new channel there changes what is valid
    assert not re.search(hook["files"], "generator/cli.py")
