"""`journeymaps codeowners`: golden output for the example maps, warnings, --output and --check."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from journeymaps import codes

from .conftest import EXAMPLE_MAPS, ROOT, assert_golden, run_cli, write_maps

pytestmark = pytest.mark.slow  # the real CLI over git repositories

GOLDEN = ROOT / "tests" / "golden" / "codeowners"


def golden(name: str, actual: str) -> None:
    assert_golden(GOLDEN / name, actual)


def git_init(repo: Path) -> Path:
    subprocess.run(["git", "init", "-q", str(repo)], check=True, capture_output=True)
    return repo


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A git repository holding a copy of the example maps."""
    shutil.copytree(EXAMPLE_MAPS, tmp_path / "maps")
    return git_init(tmp_path)


def test_example_maps_golden(example: Path) -> None:
    run = run_cli("codeowners", "--default-owner", "@northwind/cx-team", cwd=example)
    assert run.code == 0, run.err
    assert run.err == ""
    golden("example.CODEOWNERS", run.out)
    assert "/maps/journeys/online-purchase.yaml @northwind/billing @northwind/customer-service" in run.out
    assert "/maps/departments.yaml @northwind/cx-team" in run.lines
    assert "/maps/personas/ @northwind/cx-team" in run.lines


def test_teams_are_the_owner_and_touchpoint_owners_sorted_and_deduplicated(tmp_path: Path) -> None:
    write_maps(tmp_path, {
        "departments.yaml": "departments:\n"
        "  - {id: ecommerce, name: E-commerce, codeowners: '@acme/ecommerce'}\n"
        "  - {id: billing, name: Billing, codeowners: '@acme/billing'}\n"
        "  - {id: legal, name: Legal, codeowners: '@acme/legal'}\n"
        "  - {id: stores, name: Stores}\n",
        "journeys/purchase.yaml": "title: Online purchase\npersona: shopper\nowner: ecommerce\nstages:\n"
        "  - id: buy\n    name: Buy\n    touchpoints:\n"
        "      - {id: cart, name: Cart, channel: website, owner: ecommerce, consulted: [legal]}\n"
        "      - {id: pay, name: Pay, channel: website, owner: billing}\n"
        "      - {id: collect, name: Collect, channel: store, owner: stores}\n"
        "      - {id: refund, name: Refund, channel: website, owner: billing}\n",
    })  # fmt: skip
    git_init(tmp_path)
    run = run_cli("codeowners", cwd=tmp_path)
    assert run.code == 0, run.err
    # consulted (legal) does not route: owners only; stores has no handle: left out, with a warning naming both.
    assert "/maps/journeys/purchase.yaml @acme/billing @acme/ecommerce" in run.lines
    assert ("journeymaps: warning: department 'stores' (Stores) has no codeowners handle: left out of "
            "journey 'purchase' (maps/journeys/purchase.yaml)") in run.err.splitlines()  # fmt: skip
    # Without --default-owner the default lines are left out, with a warning.
    assert "no --default-owner" in run.err
    assert not any(line.startswith(("/maps/departments.yaml", "/maps/personas/", "/maps/ ")) for line in run.lines)
    assert run.lines[0] == "# BEGIN journeymaps codeowners" and run.lines[-1] == "# END journeymaps codeowners"


def test_each_kpis_measurements_file_goes_to_its_owners_team(tmp_path: Path) -> None:
    """The weekly pull request with new figures is reviewed by the KPI's owner, even for a KPI's first file."""
    write_maps(tmp_path, {
        "departments.yaml": "departments:\n"
        "  - {id: ecommerce, name: E-commerce, codeowners: '@acme/ecommerce'}\n"
        "  - {id: service, name: Service, codeowners: '@acme/service'}\n"
        "  - {id: stores, name: Stores}\n",
        "kpis.yaml": "kpis:\n"
        "  - {id: nps, name: NPS, unit: score, direction: up, owner: service}\n"
        "  - {id: footfall, name: Footfall, unit: count, direction: up, owner: stores}\n",
        "journeys/purchase.yaml": codes._edited("        owner: ecommerce\n", "        owner: ecommerce\n"
                                                "        kpis: [nps, footfall]\n"),
        "measurements/nps.csv": "date,value\n2026-10-31,31\n",
    })  # fmt: skip
    git_init(tmp_path)
    run = run_cli("codeowners", "--default-owner", "@acme/cx", cwd=tmp_path)
    assert run.code == 0, run.err
    assert "/maps/measurements/nps.csv @acme/service" in run.lines
    assert "/maps/measurements/footfall.csv @acme/cx" in run.lines  # no file yet, and its owner has no team
    assert (
        "journeymaps: warning: department 'stores' (Stores) has no codeowners handle: left out of "
        "maps/measurements/footfall.csv"
    ) in run.err.splitlines()
    # CODEOWNERS: the last matching rule wins, so the file's rule comes after the catch-all for the folder.
    assert run.lines.index("/maps/ @acme/cx") < run.lines.index("/maps/measurements/nps.csv @acme/service")


def test_a_journey_without_any_team_gets_the_default_or_a_comment(make_maps, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    make_maps()
    git_init(tmp_path)
    run = run_cli("codeowners", cwd=tmp_path)
    assert "# /maps/journeys/purchase.yaml: no department here has a codeowners handle" in run.lines
    run = run_cli("codeowners", "--default-owner", "@acme/cx", cwd=tmp_path)
    assert "/maps/journeys/purchase.yaml @acme/cx" in run.lines


def test_check_catches_a_stale_file_and_output_fixes_it(example: Path) -> None:
    options = ("--default-owner", "@northwind/cx-team")
    # No file yet: --check fails and says how to make one.
    missing = run_cli("codeowners", "--check", *options, cwd=example)
    assert missing.code == 1
    assert (
        "CODEOWNERS is missing: run `journeymaps codeowners --default-owner @northwind/cx-team --output CODEOWNERS`"
        in missing.err
    )
    # Hand-written rules around the generated block are kept.
    (example / ".github").mkdir()
    target = example / ".github" / "CODEOWNERS"
    target.write_text("# Platform team owns the tooling\n/.github/ @northwind/platform\n")
    assert run_cli("codeowners", "--check", *options, cwd=example).code == 1  # the block is not there yet
    written = run_cli("codeowners", *options, "--output", ".github/CODEOWNERS", cwd=example)
    assert written.code == 0, written.err
    assert written.err == "wrote .github/CODEOWNERS\n"
    current = run_cli("codeowners", "--check", *options, cwd=example)  # finds .github/CODEOWNERS by itself
    assert (current.code, current.out) == (0, ".github/CODEOWNERS is up to date\n"), current.err
    text = target.read_text()
    assert text.startswith(
        "# Platform team owns the tooling\n/.github/ @northwind/platform\n# BEGIN journeymaps codeowners\n"
    )
    # A touchpoint changes hands: the committed file is now stale, and --check prints the diff.
    journey = example / "maps/journeys/online-purchase.yaml"
    journey.write_text(journey.read_text().replace("owner: billing", "owner: legal"))
    stale = run_cli("codeowners", "--check", *options, cwd=example)
    assert stale.code == 1
    assert "journeymaps: .github/CODEOWNERS is stale" in stale.err
    assert (
        "--- .github/CODEOWNERS (committed)" in stale.lines and "+++ .github/CODEOWNERS (from the maps)" in stale.lines
    )
    assert any(
        line.startswith("+/maps/journeys/online-purchase.yaml") and "@northwind/legal" in line for line in stale.lines
    )
    assert run_cli("codeowners", *options, "--output", ".github/CODEOWNERS", cwd=example).code == 0
    assert run_cli("codeowners", "--check", *options, cwd=example).code == 0
    assert target.read_text().startswith("# Platform team owns the tooling\n")


def test_invalid_maps_make_no_rules(make_maps, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    make_maps({"journeys/purchase.yaml": "title: [broken\n"})
    git_init(tmp_path)
    run = run_cli("codeowners", "--default-owner", "@acme/cx", cwd=tmp_path)
    assert run.code == 1
    assert run.out == ""
    assert "JM004" in run.err and "no CODEOWNERS rules were made" in run.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--default-owner", "acme team"], "is not a team like '@org/team'"),
        (["--default-owner", "@acme/team\n"], "is not a team like '@org/team'"),  # `$` of re.match allows it
        (["--maps-dir", "nowhere"], "maps folder 'nowhere' not found"),
        (["--maps-dir", "../outside"], "must be inside the repository"),
    ],
)
def test_usage_errors(make_maps, tmp_path: Path, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    make_maps()
    git_init(tmp_path)
    run = run_cli("codeowners", *args, cwd=tmp_path)
    assert run.code == 2, run.err
    assert message in run.err and "Traceback" not in run.err


def test_maps_in_a_subfolder_are_anchored_at_the_repository_root(tmp_path: Path) -> None:
    write_maps(tmp_path / "cx")
    git_init(tmp_path)
    run = run_cli("codeowners", "--maps-dir", "cx/maps", "--default-owner", "cx@example.com", cwd=tmp_path / "cx")
    assert run.code == 0, run.err
    assert "/cx/maps/departments.yaml cx@example.com" in run.lines
    assert (
        "# Generated by `journeymaps codeowners --maps-dir cx/maps --default-owner cx@example.com` "
        "from the journey maps: "
        "do not edit between these markers."
    ) in run.lines


def test_a_maps_folder_that_cannot_be_written_in_codeowners_is_a_usage_error(tmp_path: Path) -> None:
    git_init(tmp_path)
    shutil.copytree(write_maps(tmp_path / "x"), tmp_path / "journey maps")
    run = run_cli("codeowners", "--maps-dir", "journey maps", "--output", "CODEOWNERS", cwd=tmp_path)
    assert run.code == 2, run.err
    assert (
        "the maps folder 'journey maps' cannot be written in CODEOWNERS: CODEOWNERS has no way to write a space"
        in run.err
    )
    assert not (tmp_path / "CODEOWNERS").exists()
