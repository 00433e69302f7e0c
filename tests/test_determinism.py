"""Deterministic output: two builds of the example site are byte-identical, whatever the file-system order.

The second build runs in another folder, with the maps written in the reverse order and their folders
created in a shuffled order, and without the first build's diagram cache (so `dot` runs again).
Excluded: `sitemap.xml.gz`, which gzip stamps with the time of the build; `sitemap.xml` is compared
with its `<lastmod>` dates (the day of the build) taken out.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest
from journeymaps import diagrams, pages
from journeymaps.validate import validate

from .conftest import EXAMPLE_MAPS, ROOT, run_cli

pytestmark = pytest.mark.slow  # real builds, twice

STAMPED = {"sitemap.xml.gz"}


def copy_repository(target: Path, *, shuffled: bool) -> Path:
    """mkdocs.yml, site_docs/ and maps/ of this repository; maps written in reverse or shuffled order when asked."""
    target.mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "site_docs", target / "site_docs")
    files = sorted(p for p in EXAMPLE_MAPS.rglob("*") if p.is_file())
    if shuffled:
        files.reverse()
        random.Random(7).shuffle(files)
    for path in files:
        destination = target / "maps" / path.relative_to(EXAMPLE_MAPS)
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(path.read_bytes())
    return target


def site_files(site: Path) -> dict[str, bytes]:
    found = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.is_file() and rel not in STAMPED:
            data = path.read_bytes()
            if rel == "sitemap.xml":
                data = re.sub(rb"<lastmod>[^<]*</lastmod>", b"", data)
            found[rel] = data
    return found


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    first = copy_repository(tmp_path_factory.mktemp("first") / "repo", shuffled=False)
    second = copy_repository(tmp_path_factory.mktemp("second-folder") / "elsewhere", shuffled=True)
    for repo in (first, second):
        run = run_cli("build", cwd=repo)
        assert run.code == 0, run.err
    return first / "site", second / "site"


def test_two_builds_of_the_example_site_are_byte_identical(two_builds: tuple[Path, Path]) -> None:
    first, second = (site_files(site) for site in two_builds)
    assert len(first) > 50
    assert sorted(first) == sorted(second)
    differing = [rel for rel in first if first[rel] != second[rel]]
    assert not differing, f"{len(differing)} files differ, e.g. {differing[:5]}"


def test_no_build_path_or_temporary_folder_name_leaks_into_the_site(two_builds: tuple[Path, Path]) -> None:
    for site in two_builds:
        for rel, data in site_files(site).items():
            assert b".site.building." not in data and str(site.parent).encode() not in data, rel


def test_the_core_is_deterministic_whatever_order_the_files_are_listed_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages and diagrams from maps whose directory listing comes back reversed: the same bytes."""
    maps = copy_repository(tmp_path / "repo", shuffled=False) / "maps"
    expected = _pages_and_diagrams(maps)
    original = Path.rglob

    def reversed_rglob(self: Path, pattern: str, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        return iter(sorted(original(self, pattern, *args, **kwargs), reverse=True))  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "rglob", reversed_rglob)
    assert _pages_and_diagrams(maps) == expected


def _pages_and_diagrams(maps: Path) -> tuple[list[tuple[str, str]], dict[str, str]]:
    result = validate(maps)
    assert not result.failed()
    svgs = diagrams.render(diagrams.plan(result.maps))
    built = pages.build_pages(result.maps, None, svgs, None, maps)
    return [(p.uri, p.content) for p in built], svgs
