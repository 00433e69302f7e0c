"""A Zensical build: generate the pages into a work folder, run Zensical on it, and fix up what it writes."""

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
from typing import TextIO

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from .. import atomic, report, templating
from ..escape import terminal
from ..report import progress_printer
from ..site import (
    BuildFailed,
    Built,
    SiteUsageError,
    checked_config,
    plugin_of,
)
from ..templating import ASSETS
from ..validate import Result
from .config import _write_if_changed, source_path, zensical_config

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
    plugin.hand_over(progress=progress_printer(err))
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
