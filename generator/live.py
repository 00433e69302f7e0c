"""`journeymaps serve`'s server: MkDocs' live-reload server over a site that is swapped in whole after each rebuild.

`mkdocs serve` cleans the folder it serves and writes the new site into it, so a rebuild that fails or
is interrupted half-way leaves a half-written site behind. Here each rebuild goes into a new folder
beside the served one and replaces it with renames (`atomic.swap_in`), as `journeymaps build` does: the
browser sees the previous site or the new one, never a mix. A rebuild that fails is logged and the
previous site stays. The plugin object (with its memo of unchanged pages, `pagememo`) lives across
rebuilds, as under `mkdocs serve`.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.commands.build import build
from mkdocs.config.base import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError, ConfigurationError
from mkdocs.livereload import LiveReloadServer, _serve_url

from . import atomic

log = logging.getLogger("mkdocs.plugins.journeymaps")


def serve(config_file: str, dev_addr: str, overrides: dict[str, Any]) -> None:
    """Build, serve, and rebuild on every change to docs, maps, templates or mkdocs.yml until interrupted."""

    def get_config(site_dir: Path) -> MkDocsConfig:
        return load_config(config_file=config_file, site_dir=str(site_dir), dev_addr=dev_addr, **overrides)

    holder = Path(tempfile.mkdtemp(prefix="journeymaps-serve-"))
    served = holder / "site"
    try:
        config = get_config(served)
    except BaseException:
        shutil.rmtree(holder, ignore_errors=True)
        raise
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        host, port = config.dev_addr
        mount_path = urlsplit(config.site_url or "/").path
        serve_url = _serve_url(host, port, mount_path)

        def builder(first: MkDocsConfig | None = None) -> None:
            log.info("Building documentation...")
            staging = atomic.sibling_folder(served, "building")
            try:
                current = first or get_config(staging)
                current.site_dir = str(staging)
                current.site_url = serve_url
                build(current, serve_url=serve_url)
                atomic.swap_in(staging, served, ours=True, remove=_remove_later)
            except (Abort, BuildError, ConfigurationError, OSError, atomic.WriteError) as error:
                if first is not None:
                    raise
                log.error(f"the rebuild failed ({error}); the previous site is still served")
            finally:
                if staging.exists():
                    atomic.remove_tree(staging)

        served.mkdir()
        server = LiveReloadServer(builder=builder, host=host, port=port, root=str(served), mount_path=mount_path)
        server.error_handler = lambda code: _error_page(served, code)
        builder(config)
        server.watch(config.docs_dir)
        if config.config_file_path:
            server.watch(config.config_file_path)
        server = config.plugins.on_serve(server, config=config, builder=builder)
        for item in config.watch:
            server.watch(item)
        try:
            server.serve()  # type: ignore[no-untyped-call]  # MkDocs' own server, untyped
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(holder, ignore_errors=True)


def _remove_later(folder: Path) -> None:
    """Delete the replaced site beside the server, so that the browser reloads without waiting for it."""
    threading.Thread(target=atomic.remove_tree, args=(folder,), daemon=True).start()


def _error_page(served: Path, code: int) -> bytes | None:
    """The site's own 404 page (as `mkdocs serve` shows it)."""
    page = served / f"{code}.html"
    if code in (404, 500) and page.is_file():
        return page.read_bytes()
    return None
