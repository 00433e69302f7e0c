"""The Zensical configuration made from mkdocs.yml: the same site, with the generated pages in its navigation."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from ..pages import NAV_LIMIT, NAV_SECTIONS, Page
from ..templating import ASSETS
from ..text import title_text


def source_path(uri: str) -> str:
    """'journeys/a/b.md' -> 'journeys/a/b/index.md': the same address, from a file in the page's own folder.

    Zensical resolves a page's relative links, raw HTML included, from the folder of its Markdown file;
    our links are relative to the page's address (as MkDocs leaves them), so the two must be the same folder.
    """
    if uri == "index.md" or uri.endswith("/index.md"):
        return uri
    return uri[: -len(".md")] + "/index.md"


def zensical_config(config: MkDocsConfig, generated: list[Page], team_docs: Path, work: Path) -> dict[str, Any]:
    """What the temporary configuration adds to the team's `mkdocs.yml` (which it inherits)."""
    team_config = Path(config.config_file_path).resolve()
    settings: dict[str, Any] = {
        "INHERIT": str(team_config),
        "docs_dir": "docs",
        "site_dir": "site",
        # Inherited lists are extended, not replaced: these come after the team's own.
        "extra_css": [a for a in ASSETS if a.endswith(".css") and a not in config.extra_css],
        "extra_javascript": [a for a in ASSETS if a.endswith(".js")],
    }
    custom_dir = config.theme.custom_dir
    if custom_dir:  # relative to mkdocs.yml, which the temporary configuration is not beside
        settings["theme"] = {"custom_dir": str(Path(custom_dir).resolve())}
    if config.nav is None:
        settings["nav"] = navigation(generated, team_docs)
        return settings
    # The team's `nav:` names pages by file, and ours moved (source_path); INHERIT would append to a list,
    # so the team's configuration is inherited without its `nav:` and the whole navigation written here.
    settings["INHERIT"] = str(without_nav(team_config, work / "team-mkdocs.yml"))
    ours = {p.uri for p in generated}
    team_nav = _moved(config.nav, ours)
    if _mentions(config.nav, ours):
        settings["nav"] = team_nav  # the team placed our pages itself; leave it as written, as the plugin does
    else:
        at = 1 if team_nav and _is_home(team_nav[0]) else 0
        settings["nav"] = [*team_nav[:at], *navigation(generated, None), *team_nav[at:]]
    return settings


def _write_if_changed(path: Path, text: str) -> None:
    """Leave an unchanged file alone: `serve` rewrites the configuration, which Zensical watches."""
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _is_home(item: Any) -> bool:
    """A navigation entry for the team's home page ('index.md' or 'Title: index.md')."""
    if isinstance(item, dict) and len(item) == 1:
        item = next(iter(item.values()))
    return isinstance(item, str) and item == "index.md"


def _moved(nav: Any, ours: set[str]) -> Any:
    """The team's navigation with our pages named by where they are written for Zensical."""
    if isinstance(nav, str):
        return source_path(nav) if nav in ours else nav
    if isinstance(nav, dict):
        return {k: _moved(v, ours) for k, v in nav.items()}
    if isinstance(nav, list):
        return [_moved(v, ours) for v in nav]
    return nav


_TOP_KEY = re.compile(r"^[^\s#-]")


def without_nav(config_file: Path, copy: Path) -> Path:
    """A copy of a `mkdocs.yml` without its top-level `nav:` block, its own INHERIT made absolute."""
    kept: list[str] = []
    skipping = False
    for line in config_file.read_text(encoding="utf-8-sig").splitlines(keepends=True):
        if _TOP_KEY.match(line):
            skipping = re.match(r"nav\s*:", line) is not None
            inherit = re.match(r"INHERIT\s*:\s*(.+?)\s*$", line)
            if inherit:
                parent = (config_file.parent / inherit.group(1).strip("'\"")).resolve()
                line = f"INHERIT: {json.dumps(str(parent))}\n"
        if not skipping:
            kept.append(line)
    _write_if_changed(copy, "".join(kept))
    return copy


def navigation(generated: list[Page], team_docs: Path | None) -> list[Any]:
    """The plugin's navigation: the team's home page, our sections, then the team's other pages.

    Pages are listed by path only, so that their titles come from their front matter (made safe there by
    `text.title_text`; a title written here reaches Zensical's HTML unescaped). Touchpoint and channel pages
    stay out of it (section None); `team_docs` None leaves the team's pages out (its own `nav:` lists them).
    """
    top, sections, indexed = _grouped(generated)
    ours: list[Any] = list(top)
    for title in NAV_SECTIONS:
        children = sections.get(title, [])
        if len(children) > NAV_LIMIT and title in indexed:
            ours.append({title: children[:1]})  # its index page lists them all, as the plugin's navigation does
        elif len(children) == 1:
            ours.append(children[0])
        elif children:
            ours.append({title: children})
    if team_docs is None:
        return ours
    team = _folder_nav(team_docs, team_docs)
    if team and team[0] == "index.md":
        return [team[0], *ours, *team[1:]]
    return ours + team


def _grouped(generated: list[Page]) -> tuple[list[Any], dict[str, list[Any]], set[str]]:
    """Top-level pages, each section's pages (as Zensical paths), and the sections that open with a folder's index."""
    top: list[Any] = []
    sections: dict[str, list[Any]] = {}
    indexed: set[str] = set()
    for page in generated:
        if page.section == "":
            top.append(source_path(page.uri))
        elif page.section is not None:
            if page.section not in sections and page.uri.endswith("/index.md"):
                indexed.add(page.section)
            sections.setdefault(page.section, []).append(source_path(page.uri))
    return top, sections, indexed


def _folder_nav(folder: Path, root: Path) -> list[Any]:
    """A folder's pages as MkDocs lists them without a `nav:`: index first, then by name, folders as sections."""
    entries = sorted(
        (p for p in folder.iterdir() if not p.name.startswith(".")), key=lambda p: (p.stem != "index", p.name)
    )
    items: list[Any] = []
    for entry in entries:
        if entry.is_dir():
            children = _folder_nav(entry, root)
            if children:
                # Zensical prints nav titles as HTML: a folder's name is made safe as page titles are.
                items.append({title_text(entry.name.replace("-", " ").replace("_", " ").capitalize()): children})
        elif entry.suffix == ".md":
            items.append(entry.relative_to(root).as_posix())
    return items


def _mentions(nav: Any, uris: set[str]) -> bool:
    if isinstance(nav, str):
        return nav in uris
    if isinstance(nav, dict):
        return any(_mentions(v, uris) for v in nav.values())
    if isinstance(nav, list):
        return any(_mentions(v, uris) for v in nav)
    return False
