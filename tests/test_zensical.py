"""`journeymaps build --engine zensical`: the example site published by Zensical, with the same pages.

The checks of tests/test_site.py that read the built HTML run again here on the Zensical build (imported
below, so pytest collects them in this module with its `site` fixture), beside checks of what only
this engine has to get right: the team's own pages next to ours, no plugin needed, atomic swap.
"""

from __future__ import annotations

import html
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from journeymaps.model import Maps
from journeymaps.validate import validate

from .conftest import EXAMPLE_MAPS, ROOT, run_cli
from .test_site import (  # re-run on the Zensical build: same addresses, links and facts
    Site,
    test_department_pages_list_every_touchpoint_by_role,  # noqa: F401
    test_every_link_inside_the_site_leads_to_a_page,  # noqa: F401
    test_every_page_kind_is_at_its_contract_address,  # noqa: F401
    test_home_reaches_everything_within_two_clicks,  # noqa: F401
    test_journey_pages_embed_the_three_diagrams_and_every_stage,  # noqa: F401
    test_kpi_page_shows_status_as_the_contract_computes_it_and_a_trend,  # noqa: F401
    test_navigation_lists_sections_but_not_touchpoints,  # noqa: F401
    test_ownership_matrix_has_one_row_per_touchpoint_with_roles,  # noqa: F401
    test_pain_point_register_lists_every_pain_point_worst_first,  # noqa: F401
    test_touchpoint_pages_name_and_link_every_department_by_role,  # noqa: F401
    test_touchpoint_pages_show_fields_neighbours_and_edit_link,  # noqa: F401
)

pytest.importorskip("zensical", reason="pip install -e '.[zensical]' (.ci/setup installs it)")


def example_repo(root: Path) -> Path:
    """The repository's example site (maps/, mkdocs.yml, site_docs/) copied into `root`."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(EXAMPLE_MAPS, root / "maps")
    shutil.copytree(ROOT / "site_docs", root / "site_docs")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    repo = example_repo(tmp_path_factory.mktemp("zensical") / "repo")
    run = run_cli("build", "--engine", "zensical", cwd=repo, timeout=300)
    assert run.code == 0, run.err
    return repo, run.err


@pytest.fixture(scope="module")
def site(built: tuple[Path, str]) -> Site:
    return Site(built[0] / "site")


@pytest.fixture(scope="module")
def maps() -> Maps:
    result = validate(EXAMPLE_MAPS)
    assert not result.failed()
    return result.maps


def test_zensical_builds_the_site_and_leaves_nothing_behind(built: tuple[Path, str]) -> None:
    repo, err = built
    assert "site built in" in err and "Traceback" not in err
    assert not [p.name for p in repo.iterdir() if p.name.startswith(".site.")], "temporary folders left behind"
    assert sorted(p.name for p in (repo / "site_docs").iterdir()) == ["about.md", "tags.md"], (
        "pages written into docs_dir"
    )
    generator = Site(repo / "site").page("").find("meta", name="generator")
    assert generator is not None and "zensical" in generator.attrs["content"].lower()


def test_the_team_pages_are_published_beside_ours(site: Site) -> None:
    about = site.content("about/")
    assert about.find("h1").text == "About these maps"
    nav = site.page("").find("nav", cls="md-nav--primary")
    listed = [site.resolve("", a.attrs["href"]) for a in nav.links()]
    assert listed.index("journeys/") < listed.index("about/")


def test_touchpoint_page_names_its_owner_with_contact(site: Site, maps: Maps) -> None:
    ref = next(r for r in maps.touchpoints() if r.address == "online-purchase/cart")
    content = site.content("journeys/online-purchase/cart/")
    owner = maps.departments[ref.touchpoint.owner]
    link = content.find("tr", data_jm_role="owner").find("a", cls="jm-dept")
    assert link.text == owner.name
    assert site.resolve("journeys/online-purchase/cart/", link.attrs["href"]) == f"departments/{owner.id}/"
    assert owner.contact and owner.contact in content.text


def test_generated_pages_edit_their_yaml_and_overview_pages_have_no_edit_button(site: Site) -> None:
    page = site.page("journeys/online-purchase/cart/")
    edits = {a.attrs["href"] for a in page.find_all("a", rel="edit")}
    assert edits and all(
        h.startswith("https://github.com/northwind/journeymaps/edit/main/maps/journeys/") for h in edits
    )
    assert not site.page("kpis/").find_all("a", rel="edit")
    assert site.page("about/").find("a", rel="edit").attrs["href"].endswith("/site_docs/about.md")


def test_search_index_lists_touchpoints_and_departments(site: Site, maps: Maps) -> None:
    index = json.loads((site.root / "search.json").read_text(encoding="utf-8"))
    text = html.unescape(json.dumps(index, ensure_ascii=False))
    for ref in maps.touchpoints():
        assert ref.touchpoint.name in text
    for department in maps.departments.values():
        assert department.name in text


def test_a_failed_zensical_build_leaves_the_previous_site(tmp_path: Path) -> None:
    from .test_site_build import hashes

    repo = example_repo(tmp_path / "repo")
    assert run_cli("build", "--engine", "zensical", "-d", "out", cwd=repo, timeout=300).code == 0
    before = hashes(repo / "out")
    (repo / "site_docs" / "about.md").write_text("# About\n\n[broken](missing.md)\n", encoding="utf-8")
    run = run_cli("build", "--engine", "zensical", "-d", "out", cwd=repo, timeout=300)
    assert run.code == 1, run.err
    assert "missing.md" in run.err and "Traceback" not in run.err
    assert hashes(repo / "out") == before
    assert not [p.name for p in repo.iterdir() if p.name.startswith(".out.")]


def test_without_zensical_the_engine_says_how_to_install_it(tmp_path: Path) -> None:
    repo = example_repo(tmp_path / "repo")
    hide = "import sys; sys.modules['zensical'] = None; from journeymaps.cli import main; sys.exit(main())"
    done = subprocess.run(
        [sys.executable, "-c", hide, "build", "--engine", "zensical"], cwd=repo, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "pip install 'journeymaps[zensical]'" in done.stderr and "Traceback" not in done.stderr
    assert not (repo / "site").exists()


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    target = tmp_path / "repo"
    shutil.copytree(
        ROOT / "tests" / "fixtures" / "minimal-repo", target, ignore=shutil.ignore_patterns(".cache", "site")
    )
    return target


def test_a_team_nav_naming_our_pages_is_respected(minimal: Path) -> None:
    config = minimal / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "nav:\n  - About: about.md\n  - Matrix: ownership.md\n", encoding="utf-8"
    )
    run = run_cli("build", "--engine", "zensical", cwd=minimal)
    assert run.code == 0, run.err
    site = Site(minimal / "site")
    nav = site.page("ownership/").find("nav", cls="md-nav--primary")
    assert [site.resolve("ownership/", a.attrs["href"]) for a in nav.links()] == ["", "about/", "ownership/"]
    assert site.exists("journeys/support-request/help-form/")


def test_a_team_home_page_wins_and_ours_moves_to_overview(minimal: Path) -> None:
    (minimal / "docs" / "index.md").write_text("# Our own home\n\nWelcome.\n", encoding="utf-8")
    config = minimal / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "nav:\n  - index.md\n  - About: about.md\n", encoding="utf-8"
    )
    run = run_cli("build", "--engine", "zensical", cwd=minimal)
    assert run.code == 0, run.err
    site = Site(minimal / "site")
    assert site.content("").find("h1").text == "Our own home"
    assert site.content("overview/").find("h1").text == "Overview"
    nav = site.page("").find("nav", cls="md-nav--primary")
    listed = [site.resolve("", a.attrs["href"]) for a in nav.links()]
    assert listed.index("overview/") < listed.index("journeys/") < listed.index("about/")


@pytest.fixture(scope="module")
def evil_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    from .conftest import write_maps
    from .test_site_safety import MAPS, MKDOCS_YML

    repo = tmp_path_factory.mktemp("evil")
    write_maps(repo, base=MAPS)
    (repo / "docs").mkdir()
    (repo / "docs" / "tags.md").write_text("# Tags\n\n<!-- material/tags -->\n", encoding="utf-8")
    (repo / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    run = run_cli("build", "--engine", "zensical", "-d", repo / "site", cwd=repo)
    assert run.code == 0, run.err
    return Site(repo / "site")


def test_hostile_names_stay_text_in_every_zensical_page_and_the_navigation(evil_site: Site) -> None:
    from .test_site_safety import test_no_page_has_an_injected_script_handler_or_unsafe_link

    test_no_page_has_an_injected_script_handler_or_unsafe_link(evil_site)
    page = evil_site.page("departments/support/")
    nav = page.find("nav", cls="md-nav--primary")
    assert not nav.find_all("script")
    assert 'alert("dept")' in nav.text, "the department is not listed by its name"


def test_a_hostile_folder_name_in_the_team_docs_stays_text_in_the_navigation(minimal: Path) -> None:
    folder = minimal / "docs" / "<img src=x onerror=alert(1)>"
    folder.mkdir()
    (folder / "notes.md").write_text("# Notes\n", encoding="utf-8")
    run = run_cli("build", "--engine", "zensical", cwd=minimal)
    assert run.code == 0, run.err
    page = Site(minimal / "site").page("about/")
    assert not page.find_all("img", onerror="alert(1)")
    assert "onerror=alert(1)" in page.find("nav", cls="md-nav--primary").text
