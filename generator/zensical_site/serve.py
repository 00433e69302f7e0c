"""`serve` with Zensical: rebuild when a map, a template or a page changes, and sync the fresh pages in."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, TextIO

from mkdocs.config.defaults import MkDocsConfig

from .. import preview
from ..site import (
    BuildFailed,
    SiteUsageError,
    check_address,
    load,
    plugin_of,
    plugin_overrides,
    validate_site,
)
from ..text import plural
from ..validate import Result
from .build import prepare, require_zensical

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
