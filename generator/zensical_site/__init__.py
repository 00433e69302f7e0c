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

from .build import (
    BUILD_TIMEOUT,
    INSTALL_HINT,
    build,
    fix_edit_links,
    prepare,
    require_zensical,
    run_zensical,
    zensical_messages,
)
from .config import navigation, source_path, without_nav, zensical_config
from .serve import POLL_SECONDS, serve

__all__ = [
    "BUILD_TIMEOUT",
    "INSTALL_HINT",
    "POLL_SECONDS",
    "build",
    "fix_edit_links",
    "navigation",
    "prepare",
    "require_zensical",
    "run_zensical",
    "serve",
    "source_path",
    "without_nav",
    "zensical_config",
    "zensical_messages",
]
