"""A page's size does not grow with the organisation (issue 15): the navigation lists a section's pages only up to
`pages.NAV_LIMIT`; beyond that, the section's index page, which lists them all."""

from __future__ import annotations

from pathlib import Path

import pytest
from journeymaps.pages import NAV_LIMIT

from .conftest import copy_minimal_repo, run_cli

pytestmark = pytest.mark.slow  # two real builds
PAGE = "journeys/support-request/help-form/index.html"
EXTRA = NAV_LIMIT + 4


def site(tmp_path: Path, name: str, extra: int) -> Path:
    """The minimal repository with `extra` more departments and `extra` more journeys, built."""
    repo = copy_minimal_repo(tmp_path / name)
    maps = repo / "maps"
    departments = maps / "departments.yaml"
    more = "".join(f"  - id: team-{i:03d}\n    name: Team {i}\n" for i in range(extra))
    departments.write_text(departments.read_text(encoding="utf-8") + more, encoding="utf-8")
    for i in range(extra):
        (maps / "journeys" / f"journey-{i:03d}.yaml").write_text(
            f"title: Journey {i}\npersona: customer\nowner: team-{i:03d}\nstages:\n  - id: one\n    name: One\n"
            f"    touchpoints:\n      - id: step\n        name: Step\n        channel: email\n"
            f"        owner: team-{i:03d}\n        responsible: [support]\n",
            encoding="utf-8",
        )
    run = run_cli("build", cwd=repo, timeout=600)
    assert run.code == 0, run.err
    return repo / "site"


def test_a_touchpoint_page_stays_the_same_size_however_many_departments_and_journeys(tmp_path: Path) -> None:
    small, large = site(tmp_path, "small", 0), site(tmp_path, "large", EXTRA)
    small_page, large_page = ((s / PAGE).read_text(encoding="utf-8") for s in (small, large))
    assert "team-000/" not in large_page and "journey-000/" not in large_page, "the navigation lists them one by one"
    assert 'href="../../../departments/"' in large_page and 'href="../../"' in large_page  # both index pages
    assert "Team 1" not in large_page and "Journey 1" not in large_page
    it = 'href="../../../departments/it/"'
    assert small_page.count(it) == large_page.count(it) + 1, "a small site's navigation lists each department"
    assert len(large_page) <= 1.5 * len(small_page), (len(large_page), len(small_page))
    # Every department and journey is still one click from its section's index page.
    departments = (large / "departments" / "index.html").read_text(encoding="utf-8")
    journeys = (large / "journeys" / "index.html").read_text(encoding="utf-8")
    assert all(f"team-{i:03d}/" in departments and f"journey-{i:03d}/" in journeys for i in range(EXTRA))


def test_the_zensical_navigation_is_bounded_alike() -> None:
    from journeymaps.pages import Page
    from journeymaps.zensical_site.config import navigation

    journeys = [Page("journeys/index.md", "All journeys", b"", "Journeys")]
    journeys += [Page(f"journeys/j{i}/index.md", f"J{i}", b"", "Journeys") for i in range(NAV_LIMIT + 1)]
    few = [
        Page("departments/index.md", "All departments", b"", "Departments"),
        Page("departments/a.md", "A", b"", "Departments"),
    ]
    assert navigation(journeys + few, None) == [
        {"Journeys": ["journeys/index.md"]},
        {"Departments": ["departments/index.md", "departments/a/index.md"]},
    ]
