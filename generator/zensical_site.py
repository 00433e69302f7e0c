"""`journeymaps build --engine zensical`: the same site published by Zensical instead of MkDocs.

Zensical reads `mkdocs.yml` but runs no MkDocs plugins, so our pages reach it as files: the team's
docs folder and the generated pages and assets are merged into a temporary folder beside the target,
next to a small configuration that inherits the team's `mkdocs.yml` (`INHERIT`) and points Zensical at
that folder, with the navigation the plugin would make. Zensical builds strictly into the temporary
folder, which is then swapped in as the MkDocs build is: a failed build leaves the previous site as it was.

Zensical runs in its own process (`python -m zensical build`): its configuration is module state, and its
messages are shown only when it fails.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from html import escape
from pathlib import Path
from typing import Any, TextIO

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from . import atomic, preview, report, templating
from .escape import terminal
from .pages import NAV_SECTIONS, Page
from .site import (
    BuildFailed,
    Built,
    SiteUsageError,
    check_address,
    checked_config,
    load,
    plugin_of,
    plugin_overrides,
    progress_printer,
    validate_site,
)
from .templating import ASSETS
from .text import plural, title_text
from .validate import Result

INSTALL_HINT = "pip install 'journeymaps[zensical]'"
BUILD_TIMEOUT = 3600.0
"""Seconds a Zensical build may take before it is stopped (10,000 touchpoints take minutes, not hours)."""


def require_zensical() -> None:
    """Exit 2 with how to install it, rather than an import error halfway through."""
    try:
        import zensical  # noqa: F401
    except ImportError:
        raise SiteUsageError(f"--engine zensical needs Zensical, which is not installed: {INSTALL_HINT}") from None


def build(
    config_file: str | None = None,
    site_dir: str | None = None,
    *,
    changes: dict[str, object] | None = None,
    color: bool = False,
    err: TextIO = sys.stderr,
) -> Built:
    """Validate, build with Zensical into a temporary folder and swap it in (as `site.build` does with MkDocs).

    `changes` are plugin options given on the command line; they win over mkdocs.yml's.
    """
    start = time.monotonic()
    require_zensical()
    _, config, result = checked_config(config_file, site_dir, changes, err, color=color)
    if not config.use_directory_urls:
        raise SiteUsageError("the site's stable addresses need 'use_directory_urls: true' in mkdocs.yml")
    target = Path(config.site_dir).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.zensical.", dir=target.parent))
    try:
        config_path, edit_urls = prepare(config, result, work, err)
        del result  # the pages are on disk: Zensical's process gets the memory
        with report.Status.on(err, "writing the pages with Zensical"):
            run_zensical(config_path, _shown(Path(config.docs_dir)), err)
        fix_edit_links(work / "site", edit_urls)
        atomic.swap_in(work / "site", target)
        return Built(time.monotonic() - start, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _shown(path: Path) -> str:
    """A path as the user would write it: relative to the current folder when it is below it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def prepare(
    config: MkDocsConfig, result: Result, work: Path, err: TextIO, *, docs: Path | None = None, banner: str = ""
) -> tuple[Path, dict[str, str | None]]:
    """Write `work/docs` (the team's pages and ours, or into `docs`) and `work/mkdocs.yml` for Zensical;
    returns the latter and where each generated page (by address) is edited. `banner` (HTML) goes on top
    of each generated page."""
    plugin = plugin_of(config)
    plugin.progress = progress_printer(err)
    team_docs = Path(config.docs_dir)
    docs = docs or work / "docs"
    shutil.copytree(team_docs, docs, ignore=shutil.ignore_patterns(".*"))
    home = "overview.md" if (docs / "index.md").is_file() else "index.md"
    try:
        generated = plugin.make_pages(config, result, home)
    except PluginError as error:
        raise BuildFailed(str(error)) from None
    taken = [p.uri for p in generated if (docs / p.uri).exists() or (docs / source_path(p.uri)).exists()] + [
        a for a in ASSETS if (docs / a).exists()
    ]
    if taken:
        raise BuildFailed(
            f"these files in docs_dir would hide generated pages: {', '.join(taken)}; rename or remove them"
        )
    files = {source_path(p.uri): _with_banner(p.content, banner).encode("utf-8") for p in generated}
    files |= templating.asset_files()
    for rel, data in files.items():
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    config_path = work / "mkdocs.yml"
    settings = zensical_config(config, generated, team_docs, work)
    # JSON is YAML: every path and title is quoted and escaped as such.
    _write_if_changed(config_path, json.dumps(settings, indent=1, ensure_ascii=False) + "\n")
    return config_path, {p.url: p.edit_url for p in generated}


def _with_banner(content: str, banner: str) -> str:
    """A page's Markdown with `banner` first after its front matter."""
    if not banner:
        return content
    head, end, body = content.partition("\n---\n\n")
    return head + end + banner + "\n\n" + body if end else banner + "\n\n" + content


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
    top: list[Any] = []
    sections: dict[str, list[Any]] = {}
    for page in generated:
        if page.section == "":
            top.append(source_path(page.uri))
        elif page.section is not None:
            sections.setdefault(page.section, []).append(source_path(page.uri))
    ours: list[Any] = list(top)
    for title in NAV_SECTIONS:
        children = sections.get(title, [])
        if len(children) == 1:
            ours.append(children[0])
        elif children:
            ours.append({title: children})
    if team_docs is None:
        return ours
    team = _folder_nav(team_docs, team_docs)
    if team and team[0] == "index.md":
        return [team[0], *ours, *team[1:]]
    return ours + team


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


_EDIT_LINK = re.compile(r'<a href="([^"]*)"[^>]*\brel="edit"[^>]*>')


def fix_edit_links(site: Path, edit_urls: dict[str, str | None]) -> None:
    """Point each generated page's "edit" button at its YAML, as the plugin does, or drop it.

    Zensical makes it from the page's path in docs_dir, where no file of ours lives; it has no way to
    set it per page, so the built HTML is corrected (both the edit and the view button).
    """
    for url, edit_url in edit_urls.items():
        path = site / url / "index.html"
        html = path.read_text(encoding="utf-8")
        found = _EDIT_LINK.search(html)
        if found is None:
            continue
        wrong = found.group(1)  # Zensical escaped it; ours is escaped here
        variants = {wrong: edit_url, wrong.replace("/edit/", "/raw/"): _raw(edit_url)}
        for bad, good in variants.items():
            if good is None:
                html = re.sub(r'<a href="' + re.escape(bad) + r'"[^>]*>.*?</a>', "", html, flags=re.S)
            else:
                html = html.replace(f'href="{bad}"', f'href="{escape(good)}"')
        path.write_text(html, encoding="utf-8")


def _raw(url: str | None) -> str | None:
    return url.replace("/edit/", "/raw/") if url else None


_NOISE = re.compile(r"^(Build started|Build finished in .*|No issues found)$")
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_WHERE = re.compile(r"\[ (\S+?):(\d+):(\d+) \]")


def zensical_messages(output: str, docs_dir: str) -> list[str]:
    """Zensical's messages as our users need them: no colour codes, no Python traceback (its last line
    stays), and a page's position with the docs folder it is in ('site_docs/about.md:3:10')."""
    lines: list[str] = []
    in_traceback = False
    for raw in _ANSI.sub("", output).splitlines():
        if raw.startswith("Traceback (most recent call last)"):
            in_traceback = True
            continue
        if in_traceback and (raw.startswith(" ") or not raw.strip()):
            continue
        if in_traceback:  # 'RuntimeError: Aborted because --strict flag is set'
            in_traceback = False
            raw = "Zensical: " + raw.partition(": ")[2]
        if raw.strip() and not _NOISE.match(raw):
            lines.append(_WHERE.sub(lambda m: f"[ {docs_dir}/{m.group(1)}:{m.group(2)}:{m.group(3)} ]", raw))
    return lines


def run_zensical(config_path: Path, docs_dir: str, err: TextIO, timeout: float = BUILD_TIMEOUT) -> None:
    """`zensical build --strict` in its own process (run from the current folder, as MkDocs would be, for
    extensions' relative paths); its messages are passed on."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "zensical", "build", "--strict", "-f", str(config_path)],
            capture_output=True, text=True, timeout=timeout, env={**os.environ, "NO_COLOR": "1"},
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        raise BuildFailed(f"Zensical did not finish within {timeout:.0f} s") from None
    # Its messages quote the pages, which hold text from the maps: printed as any map text is (escape.py).
    err.writelines(terminal(line) + "\n" for line in zensical_messages(done.stdout + done.stderr, docs_dir))
    if done.returncode != 0:
        raise BuildFailed(f"Zensical stopped (exit code {done.returncode})")


# ------------------------------------------------------------------------------------------------
# `journeymaps serve --engine zensical`

POLL_SECONDS = 1.0


def serve(
    config_file: str | None = None,
    dev_addr: str = "127.0.0.1:8000",
    *,
    changes: dict[str, object] | None = None,
    err: TextIO = sys.stderr,
) -> None:
    """A live preview with `zensical serve`: the maps, templates, docs and mkdocs.yml are watched here, and
    the pages regenerated into the folder Zensical watches. While the maps are broken, the last good pages
    are kept, with the problems on top of each generated page."""
    require_zensical()
    check_address(dev_addr)
    overrides = plugin_overrides(config_file, changes or {})
    config = load(config_file, **overrides)
    result = validate_site(config, err)
    if result.failed():
        raise BuildFailed(f"the maps have {plural(len(result.errors), 'error')}; fix them and run serve again")
    work = Path(tempfile.mkdtemp(prefix="journeymaps-zensical-serve-"))
    server: subprocess.Popen[bytes] | None = None
    try:
        config_path, _ = prepare(config, result, work, err)
        server = subprocess.Popen([sys.executable, "-m", "zensical", "serve", "-f", str(config_path), "-a", dev_addr])
        last_good, seen = result, _snapshot(_watched(config))
        while server.poll() is None:
            time.sleep(POLL_SECONDS)
            now = _snapshot(_watched(config))
            if now == seen:
                continue
            seen = now
            last_good = _regenerate(config_file, overrides, last_good, work, err)
        if server.returncode:
            raise BuildFailed(f"Zensical stopped (exit code {server.returncode})")
    finally:
        if server is not None and server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        shutil.rmtree(work, ignore_errors=True)


def _regenerate(
    config_file: str | None, overrides: dict[str, Any], last_good: Result, work: Path, err: TextIO
) -> Result:
    """Regenerate after a change: from the new maps when they are valid, else from `last_good` with a banner."""
    try:
        config = load(config_file, **overrides)
        result = validate_site(config, err)
        banner = ""
        if result.failed():
            err.write("journeymaps: the maps are broken; serving the last good pages with the problems on top\n")
            banner, result = preview.banner(result.problems), last_good
        fresh = work / "docs.next"
        shutil.rmtree(fresh, ignore_errors=True)
        prepare(config, result, work, err, docs=fresh, banner=banner)
        _sync(fresh, work / "docs")
        shutil.rmtree(fresh, ignore_errors=True)
        return last_good if banner else result
    except (SiteUsageError, BuildFailed) as error:  # mkdocs.yml or a template broken: keep serving, say why
        err.write(f"journeymaps: {error}; the preview keeps the last good pages\n")
        return last_good


def _watched(config: MkDocsConfig) -> list[Path]:
    plugin = plugin_of(config)
    return [*plugin.watched(config), Path(config.docs_dir), Path(config.config_file_path)]


def _snapshot(paths: list[Path]) -> dict[str, tuple[int, int]]:
    """Modification time and size of every file under `paths`: what a change looks like."""
    seen: dict[str, tuple[int, int]] = {}
    for root in paths:
        for path in [root] if root.is_file() else root.rglob("*") if root.is_dir() else []:
            try:
                stat = path.stat()
            except OSError:
                continue
            seen[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return seen


def _sync(fresh: Path, docs: Path) -> None:
    """Make `docs` equal to `fresh`, writing only what changed (Zensical rebuilds what it sees change)."""
    wanted = {p.relative_to(fresh) for p in fresh.rglob("*") if p.is_file()}
    for path in [p for p in docs.rglob("*") if p.is_file()]:
        if path.relative_to(docs) not in wanted:
            path.unlink()
    for rel in wanted:
        data, target = (fresh / rel).read_bytes(), docs / rel
        if not target.is_file() or target.read_bytes() != data:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
