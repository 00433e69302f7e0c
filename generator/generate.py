"""`journeymaps generate` as a function: validate the maps, draw the diagrams and write the pages into a
folder, with no MkDocs involved (`folder` writes; this module runs the pipeline up to it, history included).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO

from . import diagrams, folder, history, pages, report
from .report import progress_printer
from .settings import Options
from .siteview import SiteOptions
from .validate import Result, validate


def generate(
    maps_dir: Path,
    out_dir: Path,
    options: Options | None = None,
    *,
    display_root: str | None = None,
    color: bool = False,
    err: TextIO = sys.stderr,
) -> Result:
    """Write the generated pages, diagrams and assets into `out_dir` (no MkDocs involved).

    `options` are the site's (mkdocs.yml and the command line): channels, limits and KPI threshold for
    validation, and templates_dir, cache_dir and history for the pages, relative to the current folder.
    """
    options = options or Options()
    settings = options.settings()
    folder.check_out_dir(out_dir)
    shown = display_root or (str(maps_dir).rstrip("/") or ".")
    with report.Status.on(err, "checking the maps"):
        dates = history.file_dates(maps_dir)
        result = validate(maps_dir, settings, display_root=shown, dates=dates)
    if result.problems or result.failed():
        report.text(result, err, color=color)
    if result.failed():
        return result
    cache = Path(os.environ.get("JOURNEYMAPS_CACHE", options.cache_dir))
    svgs = diagrams.draw(
        result.maps, cache, progress_printer(err), timeout=settings.limits.dot_timeout,
        kpi_threshold=settings.kpi_threshold, channel_names=settings.channel_names,
    )  # fmt: skip
    site_options = SiteOptions(templates_dir=Path(options.templates_dir) if options.templates_dir else None)
    changes = history.for_site(maps_dir, options.history, settings)
    built = pages.build_pages(result.maps, settings, svgs, site_options, maps_dir, changes, dates)
    folder.write_tree(out_dir, built, svgs)
    return result
