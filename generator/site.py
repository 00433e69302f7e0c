"""`journeymaps build` and `journeymaps serve`: MkDocs driven from our command line.

`build` validates first (problems printed as `journeymaps validate` prints them), then runs one
strict MkDocs build into a temporary folder beside the target and swaps it in with renames, so that a
failed or interrupted build leaves the previous site exactly as it was.
"""

from __future__ import annotations

import copy
import errno
import logging
import socket
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config.base import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError, ConfigurationError, PluginError
from mkdocs.utils.yaml import yaml_load
from yaml import YAMLError

from . import atomic, history, live, report
from .plugin import JourneymapsPlugin
from .report import progress_printer
from .text import plural
from .validate import Result, validate


class SiteUsageError(Exception):
    """mkdocs.yml missing or unusable, or the plugin not listed: exit code 2."""


class BuildFailed(Exception):
    """The maps are invalid or MkDocs refused the site: exit code 1 (the previous site untouched)."""


def _quiet_mkdocs_logging(stream: TextIO) -> logging.Handler:
    handler = logging.StreamHandler(stream)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    return handler


class _ConfigErrors(logging.Filter):
    """Keeps MkDocs' configuration errors (it logs them, then aborts) for our one message, instead of the log."""

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[str] = []

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.ERROR:
            self.messages.append(record.getMessage())
            return False
        return True


def load(config_file: str | None, **overrides: Any) -> MkDocsConfig:
    path = config_file or "mkdocs.yml"
    if not Path(path).is_file():
        raise SiteUsageError(f"'{path}' not found (run from the folder that holds mkdocs.yml, or pass -f)")
    errors, logger = _ConfigErrors(), logging.getLogger("mkdocs.config")
    logger.addFilter(errors)
    try:
        return load_config(config_file=path, **overrides)
    except ConfigurationError as error:
        raise SiteUsageError(f"{path}: {error}") from error
    except Abort as error:  # e.g. "Config value 'docs_dir': The path '…/docs' isn't an existing directory."
        raise SiteUsageError(f"{path}: {'; '.join(errors.messages) or error}") from None
    finally:
        logger.removeFilter(errors)


def plugin_overrides(config_file: str | None, changes: dict[str, object]) -> dict[str, Any]:
    """`load_config` overrides that give the journeymaps plugin `changes` (options from our command line) on top
    of its options in mkdocs.yml: the `plugins` list as MkDocs reads it, with our entry's options updated."""
    if not changes:
        return {}
    path = config_file or "mkdocs.yml"
    try:
        with open(path, encoding="utf-8-sig") as file:
            raw = yaml_load(file) or {}
    except (OSError, UnicodeDecodeError, YAMLError) as error:
        raise SiteUsageError(f"{path}: {error}") from None
    plugins = raw.get("plugins") or []
    entries = list(plugins.items()) if isinstance(plugins, dict) else [
        (item, None) if isinstance(item, str) else next(iter(item.items())) for item in plugins
    ]  # fmt: skip
    merged: list[object] = []
    for name, options in entries:
        if name == "journeymaps":
            options = {**(options or {}), **changes}
        merged.append(name if options is None else {name: options})
    return {"plugins": _Entries(merged)}


class _Entries(list[object]):
    """A `plugins` list that hands out fresh copies of its entries: MkDocs empties the entries it reads, and
    `serve` reads the configuration again on every rebuild."""

    def __iter__(self) -> Iterator[object]:
        return (copy.deepcopy(item) for item in super().__iter__())


def plugin_of(config: MkDocsConfig) -> JourneymapsPlugin:
    for plugin in config.plugins.values():
        if isinstance(plugin, JourneymapsPlugin):
            return plugin
    raise SiteUsageError(f"{config.config_file_path}: the 'journeymaps' plugin is not listed under 'plugins'")


def checked_config(
    config_file: str | None,
    site_dir: str | None,
    changes: dict[str, object] | None,
    err: TextIO,
    *,
    color: bool = False,
) -> tuple[dict[str, Any], MkDocsConfig, Result]:
    """A build's first stage, whichever engine: the configuration with the command line's options on top
    (and the overrides that gave them), and the maps validated; maps with errors stop the build here."""
    overrides = plugin_overrides(config_file, changes or {})
    config = load(config_file, **overrides, **({"site_dir": site_dir} if site_dir else {}))
    result = validate_site(config, err, color=color)
    if result.failed():
        raise BuildFailed(f"the maps have {plural(len(result.errors), 'error')}; the site was not built")
    return overrides, config, result


def validate_site(config: MkDocsConfig, out: TextIO, *, color: bool = False) -> Result:
    """Validate the maps the plugin would read, printing problems like `journeymaps validate`."""
    plugin = plugin_of(config)
    maps_dir = plugin.maps_dir(config)
    if not maps_dir.is_dir():
        raise SiteUsageError(f"maps folder '{plugin.shown_maps_dir(config)}' not found")
    try:
        settings = plugin.settings()
    except PluginError as error:  # a bad option such as `limits:`
        raise SiteUsageError(f"{config.config_file_path}: {error}") from None
    with report.Status.on(out, "checking the maps"):
        result = validate(
            maps_dir, settings, display_root=plugin.shown_maps_dir(config), dates=history.file_dates(maps_dir)
        )
    if result.problems or result.failed():
        report.text(result, out, color=color)
    return result


@dataclass(frozen=True)
class Built:
    seconds: float
    site_dir: Path
    """Where the site went (absolute)."""


def build(
    config_file: str | None = None,
    site_dir: str | None = None,
    *,
    changes: dict[str, object] | None = None,
    color: bool = False,
    err: TextIO = sys.stderr,
) -> Built:
    """Validate, build strictly into a temporary folder and swap it in.

    `changes` are plugin options given on the command line; they win over mkdocs.yml's.
    """
    start = time.monotonic()
    handler = _quiet_mkdocs_logging(err)
    temp: Path | None = None
    try:
        overrides, config, result = checked_config(config_file, site_dir, changes, err, color=color)
        target = Path(config.site_dir).resolve()  # -d is read as MkDocs reads it
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic.check_replaceable(target)  # before the work, not after it
            temp = Path(tempfile.mkdtemp(prefix=f".{target.name}.building.", dir=target.parent))
            config = load(config_file, **overrides, site_dir=str(temp), strict=True)
            plugin = plugin_of(config)
            draw = progress_printer(err)
            pages_status = report.Status.on(err, "writing the pages with MkDocs")

            def progress(done: int, total: int) -> None:
                draw(done, total)
                if done == total:  # the diagrams are drawn; what remains is MkDocs writing the pages
                    pages_status.__enter__()

            plugin.hand_over(result=result, progress=progress)
            try:
                mkdocs_build(config)
            except (Abort, BuildError) as error:
                raise BuildFailed(f"MkDocs stopped: {error}") from error
            finally:
                pages_status.__exit__(None, None, None)
            atomic.swap_in(temp, target, err)
        except BrokenPipeError:  # our own output stream closed: the command line ends quietly
            raise
        except OSError as error:  # a full disk, a read-only folder: not the maps' fault, and the old site stays
            doing = f"building the new site next to '{target.name}'"
            raise atomic.WriteError(f"{atomic.describe(error, doing)}; the previous site was left as it was") from None
        except atomic.WriteError as error:
            raise atomic.WriteError(f"{error}; the previous site was left as it was") from None
        temp = None
        return Built(time.monotonic() - start, target)
    finally:
        if temp is not None:
            atomic.remove_tree(temp)
        logging.getLogger("mkdocs").removeHandler(handler)


def serve(
    config_file: str | None = None,
    dev_addr: str = "127.0.0.1:8000",
    *,
    changes: dict[str, object] | None = None,
    err: TextIO = sys.stderr,
) -> None:
    """A live preview: edits to docs, maps and templates rebuild the site and reload the browser."""
    handler = logging.StreamHandler(err)
    handler.setFormatter(logging.Formatter("%(levelname)-7s - %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        check_address(dev_addr)
        overrides = plugin_overrides(config_file, changes or {})
        config = load(config_file, **overrides)
        result = validate_site(config, err)
        if result.failed():
            raise BuildFailed(f"the maps have {plural(len(result.errors), 'error')}; fix them and run serve again")
        try:
            live.serve(config_file or "mkdocs.yml", dev_addr, overrides)
        except (Abort, BuildError) as error:
            raise BuildFailed(f"MkDocs stopped: {error}") from error
        except ConfigurationError as error:
            raise SiteUsageError(str(error)) from error
    finally:
        logger.removeHandler(handler)


def check_address(dev_addr: str) -> None:
    """Refuse a taken or unusable `-a/--dev-addr` before building: the server binds it only after a whole build."""
    host, colon, port_text = dev_addr.rpartition(":")
    host = host.strip("[]")
    if not colon or not host or not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise SiteUsageError(f"-a/--dev-addr '{dev_addr}' is not an address such as 127.0.0.1:8000")
    port = int(port_text)
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror:
        raise SiteUsageError(f"-a/--dev-addr '{dev_addr}': unknown host '{host}'") from None
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server binds it
        try:
            probe.bind(address)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise SiteUsageError(
                    f"{dev_addr} is already in use (another serve?): stop it, or choose another address with "
                    f"-a/--dev-addr, e.g. -a {host}:{port + 1 if port < 65535 else 8000}"
                ) from None
            raise SiteUsageError(f"cannot serve on {dev_addr}: {error.strerror}") from None
