"""`journeymaps init`: the starter validates and builds unedited, is wired to real commands, and overwrites nothing."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
import yaml
from journeymaps import starter

from .conftest import ROOT, run_cli
from .test_schemas import check_jsonschema
from .test_workflows import lint, steps

pytestmark = pytest.mark.slow  # the real CLI writing new repositories

WRITTEN = sorted(
    [
        "mkdocs.yml",
        "docs/index.md",
        "maps/departments.yaml",
        "maps/personas/new-customer.yaml",
        "maps/journeys/first-order.yaml",
        "requirements.txt",
        ".gitignore",
        ".github/workflows/validate.yml",
        ".github/workflows/diff-comment.yml",
        ".github/workflows/pages.yml",
        ".github/workflows/measurements.yml",
        ".pre-commit-config.yaml",
        ".vscode/settings.json",
        "schemas/departments.schema.json",
        "schemas/persona.schema.json",
        "schemas/journey.schema.json",
        "schemas/kpis.schema.json",
    ]
)
REQ = "journeymaps @ git+https://github.com/acme/journeymaps@v0.1.0"


def load(path: Path) -> dict:  # type: ignore[type-arg]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {("on" if key is True else key): value for key, value in data.items()}  # YAML 1.1 reads `on` as True


def files_under(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() or p.is_symlink())


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A starter written by `journeymaps init DIR --requirement ...` into a new folder."""
    root = tmp_path_factory.mktemp("init") / "our-journeys"
    done = run_cli("init", root, "--requirement", REQ)
    assert done.code == 0, done.err
    assert "note:" not in done.err  # a requirement given on the command line is taken as portable
    return root


def test_init_writes_the_starter_and_nothing_else(repo: Path) -> None:
    assert files_under(repo) == WRITTEN


def test_the_starter_validates_strictly_and_builds_unedited(repo: Path, tmp_path: Path) -> None:
    done = run_cli("validate", "--strict", cwd=repo)
    assert done.code == 0, done.out
    assert done.out == "3 map files checked: no problems\n"
    built = run_cli("build", "--site-dir", tmp_path / "site", cwd=repo, timeout=300)
    assert built.code == 0, built.err
    journey = (tmp_path / "site" / "journeys" / "first-order" / "index.html").read_text(encoding="utf-8")
    assert "Order confirmation e-mail" in journey and "Customer Service" in journey
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "Changing a map" in home  # the team's docs/index.md is the home page; ours moves to /overview/
    assert (tmp_path / "site" / "overview" / "index.html").is_file()
    assert not (repo / "site").exists()
    # No third-party request by default: no web fonts (font: false), nothing loaded from another host.
    for page in (home, journey):
        afar = re.findall(r'<(?:link|script)\b[^>]*\b(?:href|src)="(?:https?:)?//[^"]*', page)
        assert not afar, f"stylesheets or scripts from another host: {afar}"
        assert "fonts.googleapis.com" not in page and "fonts.gstatic.com" not in page


def test_the_maps_are_the_documented_starter(repo: Path) -> None:
    departments = yaml.safe_load((repo / "maps/departments.yaml").read_text(encoding="utf-8"))["departments"]
    assert [d["id"] for d in departments] == ["marketing", "customer-service"]
    journey = yaml.safe_load((repo / "maps/journeys/first-order.yaml").read_text(encoding="utf-8"))
    assert [s["id"] for s in journey["stages"]] == ["discover", "order"]
    assert journey["persona"] == "new-customer"


def test_the_workflows_lint_and_install_the_requirement(repo: Path) -> None:
    workflows = sorted((repo / ".github" / "workflows").glob("*.yml"))
    done = lint(*workflows)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (repo / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1] == REQ
    runs = {path.name: [step.get("run", "") for step in steps(load(path))] for path in workflows}
    for name, commands in runs.items():
        assert "python -m pip install -r requirements.txt" in commands, name
    assert "journeymaps validate --format github" in runs["validate.yml"]
    assert any('journeymaps diff "origin/$BASE_REF" HEAD > diff.md' in r for r in runs["diff-comment.yml"])
    assert "journeymaps build --site-dir site" in runs["pages.yml"]


def test_the_workflows_are_the_repositorys_own_but_for_the_install_step(repo: Path) -> None:
    """One set of workflows: the starter's differ from .github/workflows only where they install journeymaps."""

    def comparable(path: Path) -> list[dict]:  # type: ignore[type-arg]
        found = [dict(s) for s in steps(load(path))]
        for step in found:
            if step.get("name", "").startswith("Install journeymaps"):
                step.clear()
        return found

    for ours in sorted((ROOT / ".github" / "workflows").glob("*.yml")):
        assert comparable(repo / ".github" / "workflows" / ours.name) == comparable(ours), ours.name


def test_the_pre_commit_hook_runs_validate_with_the_requirement(repo: Path) -> None:
    config = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (local,) = config["repos"]
    assert local["repo"] == "local"
    (hook,) = local["hooks"]
    assert hook["entry"] == "journeymaps validate" and hook["language"] == "python"
    assert hook["additional_dependencies"] == [REQ]
    assert hook["pass_filenames"] is False
    assert re.search(hook["files"], "maps/journeys/first-order.yaml") and re.search(hook["files"], "mkdocs.yml")
    assert run_cli(*hook["entry"].split()[1:], "--help").code == 0


def test_the_editor_settings_attach_current_schemas(repo: Path) -> None:
    settings = json.loads((repo / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    attached = settings["yaml.schemas"]
    assert len(attached) == 4
    checked = []
    for schema_path, globs in attached.items():
        kind = Path(schema_path).name.removesuffix(".schema.json")
        assert (repo / schema_path).read_text(encoding="utf-8") == run_cli("schema", kind).out
        files = sorted({p for g in globs for p in repo.glob(g)})
        if files:  # the starter has no kpis.yaml
            done = check_jsonschema(repo / schema_path, *files)
            assert done.returncode == 0, done.stdout + done.stderr
        checked += [str(p.relative_to(repo)) for p in files]
    assert sorted(checked) == [p for p in WRITTEN if p.startswith("maps/")]


def test_init_refuses_when_a_file_exists_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "departments.yaml").write_text("departments: []\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").symlink_to(tmp_path / "gone.md")  # a broken link counts as taken
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "workflows").write_text("", encoding="utf-8")  # a file where a folder must go
    before = files_under(tmp_path)
    done = run_cli("init", cwd=tmp_path)
    assert done.code == 2
    assert done.err == (
        "journeymaps: not overwriting what exists: docs/index.md, maps/departments.yaml, .github/workflows;"
        " nothing was written (init a new or another folder)\n"
    )
    assert files_under(tmp_path) == before
    assert (tmp_path / "maps" / "departments.yaml").read_text(encoding="utf-8") == "departments: []\n"


def test_init_into_a_file_or_with_a_bad_requirement_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("x", encoding="utf-8")
    done = run_cli("init", tmp_path / "taken")
    assert (done.code, done.err) == (2, f"journeymaps: '{tmp_path / 'taken'}' exists and is not a folder\n")
    for bad, says in [
        ("requests==2.0", "names 'requests', not journeymaps"),
        ("journeymaps==1\n- run: curl evil", "is not one requirement line"),
        ("--index-url https://evil.example", "is not one requirement line"),
        ("journeymaps from somewhere", "is not a requirement such as"),
    ]:
        done = run_cli("init", tmp_path / "new", "--requirement", bad)
        assert done.code == 2 and says in done.err, (bad, done.err)
        assert not (tmp_path / "new").exists()


def test_a_requirement_with_quotes_stays_one_yaml_string(tmp_path: Path) -> None:
    req = 'journeymaps @ https://example.com/a"b/journeymaps-0.1.0-py3-none-any.whl'
    assert run_cli("init", tmp_path, "--requirement", req).code == 0
    config = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert config["repos"][0]["hooks"][0]["additional_dependencies"] == [req]


@pytest.mark.parametrize(
    ("direct_url", "line", "portable"),
    [
        (None, "journeymaps==0.3.1", True),  # from a package index
        (
            {"url": "https://github.com/acme/journeymaps", "vcs_info": {"vcs": "git", "commit_id": "a1b2c3"}},
            "journeymaps @ git+https://github.com/acme/journeymaps@a1b2c3",
            True,
        ),
        (
            {"url": "https://files.example.com/journeymaps-0.3.1-py3-none-any.whl", "archive_info": {}},
            "journeymaps @ https://files.example.com/journeymaps-0.3.1-py3-none-any.whl",
            True,
        ),
        (
            {"url": "file:///home/ana/dist/journeymaps-0.3.1-py3-none-any.whl", "archive_info": {}},
            "journeymaps==0.3.1",
            False,
        ),
        ({"url": "file:///home/ana/journeymaps", "dir_info": {"editable": True}}, "journeymaps==0.3.1", False),
        (
            {"url": "file:///home/ana/journeymaps", "vcs_info": {"vcs": "git", "commit_id": "a1"}},
            "journeymaps==0.3.1",
            False,
        ),
    ],
)
def test_the_default_requirement_is_where_the_running_package_came_from(
    direct_url: dict | None,  # type: ignore[type-arg]
    line: str,
    portable: bool,
) -> None:
    install = starter.requirement_from("0.3.1", direct_url)
    assert install.line == line
    assert (install.note is None) == portable
    if not portable:
        assert "--requirement" in (install.note or "")


def test_a_missing_docs_dir_is_a_usage_error_naming_it(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Ours\ntheme:\n  name: material\nplugins:\n  - search\n  - journeymaps\n", encoding="utf-8"
    )
    done = run_cli("build", cwd=tmp_path)
    assert done.code == 2
    assert done.err == (
        f"journeymaps: mkdocs.yml: Config value 'docs_dir': The path '{os.path.realpath(tmp_path)}/docs'"
        " isn't an existing directory.\n"
    )
