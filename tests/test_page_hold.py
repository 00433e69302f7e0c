"""Generated pages' HTML held compressed between conversion and writing (pagehold.py): the same site, less memory."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from journeymaps import pagehold, site
from journeymaps.pages import Page as Generated
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from .conftest import ROOT, copy_minimal_repo, run_cli

HTML = '<h2 id="steps">Steps</h2>\n<div class="jm-card">Payment ● confirmed 🙂</div>'


def page(config: MkDocsConfig, uri: str = "journeys/a/index.md") -> Page:
    file = File(uri, src_dir=None, dest_dir=config.site_dir, use_directory_urls=True)
    made = Page(None, file, config)
    made.meta = {"title": "A"}
    made.markdown, made.content = "# A\n\nsome text", HTML
    return made


@pytest.fixture
def config(tmp_path: Path) -> MkDocsConfig:
    return site.load(str(copy_minimal_repo(tmp_path / "repo") / "mkdocs.yml"))


def test_a_held_page_gets_its_html_back_as_it_was_and_lets_it_go_once_written(config: MkDocsConfig) -> None:
    held, converted = pagehold.Held(), page(config)
    converted.content = held.put(converted, HTML, Generated.of(converted.file.src_uri, "A", "some text").source)
    assert converted.content == "" and converted.markdown == ""
    assert converted.title == "A"  # a page MkDocs has read keeps its title (Markdown "", not None)
    held.take(converted)
    assert converted.content == HTML
    held.release(converted)
    assert converted.content == ""


def test_a_page_listing_tags_is_not_held(config: MkDocsConfig) -> None:
    held, listing = pagehold.Held(), page(config)
    body = "## Tags\n\n<!-- material/tags -->\n"
    assert held.put(listing, HTML, Generated.of("tags.md", "Tags", body, meta={"title": "Tags"}).source) == HTML
    assert listing.markdown == "# A\n\nsome text"


def test_pages_are_held_only_where_every_plugin_is_known(tmp_path: Path) -> None:
    repo = copy_minimal_repo(tmp_path / "repo")
    assert pagehold.applies(site.load(str(repo / "mkdocs.yml")).plugins.values())
    assert pagehold.applies(site.load(str(ROOT / "mkdocs.yml")).plugins.values())  # search, tags, journeymaps
    (repo / "hooks.py").write_text("def on_post_build(config):\n    pass\n", encoding="utf-8")
    with (repo / "mkdocs.yml").open("a", encoding="utf-8") as yml:
        yml.write("hooks: [hooks.py]\n")
    assert not pagehold.applies(site.load(str(repo / "mkdocs.yml")).plugins.values())


def hashes(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file()
    }


@pytest.mark.slow
def test_the_site_is_byte_for_byte_the_one_built_without_holding(tmp_path: Path) -> None:
    repo = copy_minimal_repo(tmp_path / "repo")
    assert run_cli("build", "-d", "held", cwd=repo).code == 0
    (repo / "hooks.py").write_text("def on_post_build(config):\n    pass\n", encoding="utf-8")  # an unknown plugin
    with (repo / "mkdocs.yml").open("a", encoding="utf-8") as yml:
        yml.write("hooks: [hooks.py]\n")
    assert run_cli("build", "-d", "kept", cwd=repo).code == 0
    held, kept = hashes(repo / "held"), hashes(repo / "kept")
    assert len(held) > 20 and held == kept
