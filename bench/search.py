"""The search stage alone (issue 15): Material's html.parser reading of our pages against `searchindex`.

    .venv/bin/python bench/search.py --touchpoints 1000 --repeat 3

Builds bench/synth.py's maps, published as bench/run.py publishes them, twice in this process (the
diagram cache of the first build serves the second): with `searchindex` and with Material's parser
alone. It checks that the two search/search_index.json are byte for byte the same, then times the
search stage alone over the generated pages of the build (CPU seconds, best of --repeat, the two
alternated): Material's `add_entry_from_context` against `searchindex.FastIndex`.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from journeymaps import searchindex
from journeymaps import site as site_module
from material.plugins.search.plugin import SearchIndex

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run
import synth


def build_both(folder: Path, touchpoints: int) -> tuple[bool, list[Any], Any]:
    """(the two search indexes are the same, the generated pages as the index saw them, the fast index)."""
    maps = folder / "maps"
    synth.write(maps, touchpoints)
    repo = run.write_site(folder / "repo", maps)
    pages: list[Any] = []
    used: list[Any] = []
    install, call = searchindex.install, searchindex.FastIndex.__call__

    def recording_install(*args: Any) -> Any:
        used.append(install(*args))
        return used[-1]

    def recording_call(self: Any, page: Any) -> None:
        if self.is_ours(page):
            pages.append(SimpleNamespace(content=page.content, toc=page.toc, url=page.url, title=page.title,
                                         meta=page.meta))  # fmt: skip
        call(self, page)

    searchindex.install, searchindex.FastIndex.__call__ = recording_install, recording_call  # type: ignore[method-assign]
    try:
        site_module.build(str(repo / "mkdocs.yml"), str(folder / "fast"), err=io.StringIO())
        searchindex.install = lambda *args: None  # type: ignore[assignment]
        site_module.build(str(repo / "mkdocs.yml"), str(folder / "material"), err=io.StringIO())
    finally:
        searchindex.install, searchindex.FastIndex.__call__ = install, call  # type: ignore[method-assign]
    index = Path("search") / "search_index.json"
    same = (folder / "fast" / index).read_bytes() == (folder / "material" / index).read_bytes()
    return same, pages, used[0]


def time_stage(pages: list[Any], repeat: int) -> tuple[float, float, int]:
    """CPU seconds of Material's reading and of ours over `pages` (best of `repeat`), and the entries made."""
    best = {"material": float("inf"), "ours": float("inf")}
    entries: dict[str, list[Any]] = {}
    for _ in range(repeat):
        for name in best:
            index = SearchIndex()
            add = index.add_entry_from_context if name == "material" else searchindex.FastIndex(index, lambda p: True)
            start = time.process_time()
            for page in pages:
                add(page)
            best[name] = min(best[name], time.process_time() - start)
            entries[name] = index.entries
    assert entries["material"] == entries["ours"], "the entries differ"
    return best["material"], best["ours"], len(entries["ours"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--touchpoints", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="journeymaps-bench-search-") as temporary:
        same, pages, fast = build_both(Path(temporary), args.touchpoints)
        size = sum(len(p.content) for p in pages)
        print(f"{args.touchpoints} touchpoints: {len(pages)} generated pages, {size:,} characters of HTML; "
              f"read by searchindex {fast.read}, left to Material's parser {fast.fallbacks}")  # fmt: skip
        print(f"search_index.json with and without searchindex: {'byte-identical' if same else 'DIFFERENT'}")
        material, ours, entries = time_stage(pages, args.repeat)
        print(f"search stage alone, CPU (best of {args.repeat}): Material {material:.2f} s, searchindex {ours:.2f} s "
              f"({ours / material:.2f} x), {entries} entries, equal")  # fmt: skip
        if not same:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
