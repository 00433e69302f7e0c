"""Material's navigation is rendered once for the pages it comes out the same on (issue 15), and every page is
byte for byte what Material's own templates make of it; a team's override of the navigation still wins."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLE_MAPS, ROOT, TODAY_EPOCH

pytestmark = pytest.mark.slow  # real MkDocs builds

MATERIAL = Path(__import__("material").__file__).parent / "templates"
SYNTH = ROOT / "bench" / "synth.py"
REUSED = re.compile(r"the navigation rendered (\d+) times, reused (\d+) times")


def example(folder: Path) -> Path:
    """The example site: maps/, site_docs/ and the root mkdocs.yml."""
    folder.mkdir()
    shutil.copytree(EXAMPLE_MAPS, folder / "maps")
    shutil.copytree(ROOT / "site_docs", folder / "site_docs")
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    return folder


def many_departments(folder: Path) -> Path:
    """Synthetic maps with 300 departments (sections beyond the navigation's limit), as bench/run.py lays them out."""
    folder.mkdir()
    subprocess.run([sys.executable, SYNTH, folder / "maps", "--touchpoints", "150", "--departments", "300"], check=True)
    (folder / "docs").mkdir()
    (folder / "docs" / "about.md").write_text("# About\n\nThe synthetic maps.\n", encoding="utf-8")
    (folder / "mkdocs.yml").write_text(
        "site_name: Synthetic journeys\ndocs_dir: docs\nrepo_url: https://example.com/team/maps\n"
        "theme:\n  name: material\n  features: [navigation.instant, navigation.sections, navigation.indexes]\n"
        "plugins:\n  - search\n  - tags\n  - journeymaps:\n      maps_dir: maps\n"
        "markdown_extensions: [attr_list, md_in_html, admonition, {toc: {permalink: true}}]\n",
        encoding="utf-8",
    )
    return folder


def with_custom_dir(project: Path, files: dict[str, str]) -> Path:
    """The project with a team's `custom_dir` holding `files`."""
    overrides = project / "overrides"
    for name, text in files.items():
        (overrides / name).parent.mkdir(parents=True, exist_ok=True)
        (overrides / name).write_text(text, encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\ntheme:\n" in text
    config.write_text(text.replace("\ntheme:\n", "\ntheme:\n  custom_dir: overrides\n", 1), encoding="utf-8")
    return project


def build(project: Path) -> tuple[dict[str, bytes], tuple[int, int]]:
    """`mkdocs build --strict --verbose` of the project: every file of the site, and (navigations rendered, reused)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": TODAY_EPOCH}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--verbose", "-d", "site"],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    found = REUSED.search(done.stderr)
    counts = (int(found[1]), int(found[2])) if found else (0, 0)
    site = project / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}, counts


def assert_same(cached: dict[str, bytes], material: dict[str, bytes]) -> None:
    assert sorted(cached) == sorted(material), set(cached) ^ set(material)
    different = [name for name in material if cached[name] != material[name]]
    assert not different, f"{len(different)} files differ, such as {different[:5]}"


@pytest.mark.parametrize("make", [example, many_departments], ids=["example", "300-departments"])
def test_every_page_is_what_materials_own_navigation_makes_of_it(tmp_path: Path, make: object) -> None:
    assert callable(make)
    cached, (rendered, reused) = build(make(tmp_path / "cached"))
    pages = sum(1 for name in cached if name.endswith(".html"))
    assert reused > pages / 2 and rendered < reused, (rendered, reused, pages)  # most pages from the cache
    # Material's own partials/nav.html in the team's custom_dir replaces ours: the navigation of every page rendered
    material_nav = (MATERIAL / "partials" / "nav.html").read_text(encoding="utf-8")
    material, counts = build(with_custom_dir(make(tmp_path / "material"), {"partials/nav.html": material_nav}))
    assert counts == (0, 0)
    assert_same(cached, material)


def test_a_teams_navigation_partials_win_and_see_each_page(tmp_path: Path) -> None:
    """A team's nav-item.html that prints the page being rendered: no page gets another page's navigation."""
    item = (MATERIAL / "partials" / "nav-item.html").read_text(encoding="utf-8")
    marked = item.replace('<span class="md-ellipsis">', '<span class="md-ellipsis" data-on="{{ page.url }}">')
    assert marked != item
    project = with_custom_dir(example(tmp_path / "team"), {"partials/nav-item.html": marked})
    site, (rendered, reused) = build(project)
    assert reused == 0 and rendered == 0
    touchpoints = [n for n in site if n.startswith("journeys/") and n.count("/") == 3 and n.endswith("/index.html")]
    assert len(touchpoints) > 10
    for name in touchpoints:
        url = name.removesuffix("index.html")
        assert f'data-on="{url}"' in site[name].decode("utf-8"), name
