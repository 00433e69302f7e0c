"""The change history on the site: a "Recent changes" page and a history section per journey, only where git is."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from journeymaps.codes import BASE

from .conftest import commit_all, init, run_cli, write_maps

pytestmark = pytest.mark.slow  # git repositories and real `generate` runs

JOURNEY = BASE["journeys/purchase.yaml"]
TWO_DEPARTMENTS = BASE["departments.yaml"] + "  - id: billing\n    name: Billing <& Payments>\n"


def repository(tmp_path: Path) -> Path:
    """Two commits: the maps arrive, then checkout moves from E-commerce to Billing."""
    repo = tmp_path / "repo"
    init(repo)
    journey = JOURNEY + "      - id: invoice\n        name: Invoice\n        channel: email\n        owner: billing\n"
    write_maps(repo, {"departments.yaml": TWO_DEPARTMENTS, "journeys/purchase.yaml": journey})
    commit_all(repo, "Add the purchase journey", "Ana Import", 1)
    write_maps(
        repo,
        {
            "departments.yaml": TWO_DEPARTMENTS,
            "journeys/purchase.yaml": journey.replace(
                "        channel: website\n        owner: ecommerce", "        channel: website\n        owner: billing"
            ),
        },
    )
    commit_all(repo, "Billing takes over <checkout>", "Bo & Finance", 2)
    return repo


def test_recent_changes_and_journey_history_from_git(tmp_path: Path) -> None:
    repo = repository(tmp_path)
    run = run_cli("generate", tmp_path / "out", "--maps-dir", "maps", cwd=repo)
    assert run.code == 0, run.err
    changes = (tmp_path / "out" / "changes.md").read_text(encoding="utf-8")
    assert changes.index("Billing takes over &lt;checkout&gt;") < changes.index(
        "Add the purchase journey"
    )  # newest first
    assert "Bo &amp; Finance" in changes  # names are text, never HTML
    assert "owner &#x27;E-commerce&#x27; → &#x27;Billing &lt;&amp; Payments&gt;&#x27;" in changes
    journey = (tmp_path / "out" / "journeys" / "purchase" / "index.md").read_text(encoding="utf-8")
    history = journey[journey.index("## History") :]
    assert "Billing takes over &lt;checkout&gt;" in history and "2026-11-02" in history


def test_no_history_without_git(tmp_path: Path) -> None:
    repo = repository(tmp_path)
    plain = tmp_path / "plain"
    shutil.copytree(repo / "maps", plain / "maps")
    run = run_cli("generate", tmp_path / "out", "--maps-dir", "maps", cwd=plain)
    assert run.code == 0, run.err
    assert not (tmp_path / "out" / "changes.md").exists()
    assert "## History" not in (tmp_path / "out" / "journeys" / "purchase" / "index.md").read_text(encoding="utf-8")


def test_history_shows_changes_to_the_maps_in_names(tmp_path: Path) -> None:
    """A commit that changes nothing readers see (a YAML comment) is left out; many departments added read as
    one sentence, by name; no entry shows ids or code-host teams."""
    from journeymaps import history

    repo = tmp_path / "repo"
    init(repo)
    write_maps(repo, {"departments.yaml": TWO_DEPARTMENTS})
    commit_all(repo, "Import", "Ana Import", 1)
    write_maps(repo, {"departments.yaml": "# who is who\n" + TWO_DEPARTMENTS})
    commit_all(repo, "Tidy the departments file", "Bo", 2)
    more = "".join(f"  - id: team-{n}\n    name: Team {n}\n    codeowners: '@acme/team-{n}'\n" for n in range(4))
    write_maps(repo, {"departments.yaml": TWO_DEPARTMENTS + more})
    commit_all(repo, "Four new teams", "Cy", 3)
    entries = history.recent_changes(repo, "maps")
    assert [e.subject for e in entries] == ["Four new teams", "Import"]
    assert entries[0].summaries == ["4 departments added: 'Team 0', 'Team 1', 'Team 2', 'Team 3'"]
    assert not any("@" in line or "(team-" in line for e in entries for line in e.summaries)
