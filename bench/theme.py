"""The theme stage alone (issue 15): CPU seconds MkDocs spends putting every page through Material's template.

    .venv/bin/python bench/theme.py SITE                 # SITE: a folder with mkdocs.yml (bench/run.py write_site)
    .venv/bin/python bench/theme.py SITE --profile 25    # and the 25 costliest functions of that stage

One MkDocs build in this process (the diagram cache of an earlier build makes the rest quick); what is
timed is every page's template (Material's `main.html` with its partials: `jinja2.Template.render`), and
apart from it MkDocs' whole `_build_page` (also the plugins' `post_page`, such as the search plugin's
parse, and writing the file). CPU time (`time.process_time`), not wall time: the machine is shared.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import time
from pathlib import Path
from typing import Any

import jinja2
from journeymaps import themecache
from mkdocs.commands import build
from mkdocs.config import load_config


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--without-cache", action="store_true", help="Material's nav on every page")
    parser.add_argument("--profile", type=int, default=0, help="print this many functions of the stage by own time")
    args = parser.parse_args()
    os.chdir(args.site)
    if args.without_cache:
        themecache.proven = lambda *a: False  # type: ignore[assignment]  # this process only
    profiler = cProfile.Profile() if args.profile else None
    spent, pages, inside = [0.0, 0], [0.0], list[bool]()
    original, build_page = jinja2.Template.render, build._build_page

    def render(template: jinja2.Template, *a: Any, **kw: Any) -> str:
        if not inside:  # our own page templates (journeymaps' Markdown), rendered before MkDocs' pages
            return original(template, *a, **kw)
        start = time.process_time()
        if profiler is not None:
            profiler.enable()
        try:
            return original(template, *a, **kw)
        finally:
            if profiler is not None:
                profiler.disable()
            spent[0] += time.process_time() - start
            spent[1] += 1

    def build_one(*a: Any, **kw: Any) -> None:
        start = time.process_time()
        inside.append(True)
        try:
            build_page(*a, **kw)
        finally:
            inside.pop()
            pages[0] += time.process_time() - start

    jinja2.Template.render = render  # type: ignore[method-assign]  # this process only
    build._build_page = build_one  # type: ignore[assignment]
    config = load_config("mkdocs.yml")
    total = time.process_time()
    build.build(config)
    total = time.process_time() - total
    each = 1000 * spent[0] / max(spent[1], 1)
    print(f"theme templates: {spent[0]:.2f} s CPU for {spent[1]} renders ({each:.2f} ms each)")
    print(f"MkDocs' _build_page in all (with post_page and writing): {pages[0]:.2f} s CPU")
    print(f"whole build in this process: {total:.2f} s CPU")
    if profiler is not None:
        pstats.Stats(profiler).sort_stats("tottime").print_stats(args.profile)


if __name__ == "__main__":
    main()
