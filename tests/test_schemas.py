"""The committed JSON Schemas are current, wired to editors, and agree with an independent validator."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from journeymaps.schema import KINDS

from .conftest import EXAMPLE_MAPS, ROOT, run_cli

pytestmark = pytest.mark.slow  # check-jsonschema and the real CLI

FILES_BY_KIND = {
    "departments": [EXAMPLE_MAPS / "departments.yaml"],
    "persona": sorted((EXAMPLE_MAPS / "personas").glob("*.yaml")),
    "journey": sorted((EXAMPLE_MAPS / "journeys").rglob("*.yaml")),
    "kpis": [EXAMPLE_MAPS / "kpis.yaml"],
}


def check_jsonschema(schema: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), *map(str, files)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("kind", KINDS)
def test_committed_schema_is_current(kind: str) -> None:
    run = run_cli("schema", kind)
    assert run.code == 0
    assert json.loads(run.out)["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert (ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8") == run.out, (
        f"run: journeymaps schema {kind} > schemas/{kind}.schema.json"
    )


@pytest.mark.parametrize("kind", KINDS)
def test_example_maps_pass_check_jsonschema(kind: str) -> None:
    done = check_jsonschema(ROOT / "schemas" / f"{kind}.schema.json", *FILES_BY_KIND[kind])
    assert done.returncode == 0, done.stdout + done.stderr


def test_check_jsonschema_rejects_an_unknown_key(tmp_path: Path) -> None:
    journey = (EXAMPLE_MAPS / "journeys" / "online-purchase.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "online-purchase.yaml"
    broken.write_text(journey.replace("\ntitle:", "\ntitel:", 1), encoding="utf-8")
    done = check_jsonschema(ROOT / "schemas" / "journey.schema.json", broken)
    assert done.returncode == 1
    assert "titel" in done.stdout + done.stderr


def test_example_files_name_their_schema_for_editors() -> None:
    for kind, files in FILES_BY_KIND.items():
        for path in files:
            first = path.read_text(encoding="utf-8").splitlines()[0]
            target = first.removeprefix("# yaml-language-server: $schema=")
            assert target != first, f"{path}: no modeline"
            assert (path.parent / target).resolve() == ROOT / "schemas" / f"{kind}.schema.json", path


def test_vscode_maps_schemas_to_files() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapped = settings["yaml.schemas"]
    assert set(mapped) == {f"./schemas/{kind}.schema.json" for kind in KINDS}


def test_unknown_kind_is_a_usage_error() -> None:
    run = run_cli("schema", "journeys")
    assert run.code == 2
    assert "invalid choice" in run.err
