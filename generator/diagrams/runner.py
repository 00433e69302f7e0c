"""Running `dot`: in parallel across cores, through a cache keyed by the DOT source and the Graphviz version.

A rebuild of the site runs `dot` only for diagrams whose source changed. The cache holds what `dot`
wrote; the finishing touches (ids, title, sizes) are applied on every run because they depend on the
diagram's name and texts, which are not in the DOT source. The Graphviz version is asked once per
installed `dot` binary and remembered in the cache too, so a warm build starts no process at all.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from pathlib import Path
from typing import Protocol

from .. import addresses, atomic
from . import svgfix

VERSION_FILE = "graphviz-version.json"


class DiagramLike(Protocol):
    """What the runner needs of a `Diagram` (kept structural to avoid an import cycle)."""

    @property
    def name(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def dot(self) -> str | None: ...
    @property
    def svg(self) -> str | None: ...


class DotFailure(Exception):
    """`dot` failed on one diagram; `render` turns it into a `RenderError` naming the journey."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(reason)
        self.name = name
        self.reason = reason


def whose(name: str) -> str:
    """'journeys/online-purchase/flow' -> "the flow diagram of journey 'online-purchase'"."""
    parts = name.split("/")
    if len(parts) == 3 and parts[0] in ("journeys", "departments"):
        owner = "journey" if parts[0] == "journeys" else "department"
        return f"the {parts[2]} diagram of {owner} '{parts[1]}'"
    if name == addresses.OPPORTUNITY_CHART:
        return "the value/effort chart of the opportunities page"
    return f"diagram '{name}'"


def find_dot() -> str:
    dot = shutil.which("dot")
    if dot is None:
        raise DotFailure("", "Graphviz is not installed: no `dot` on PATH (install the 'graphviz' system package)")
    return dot


def dot_version(dot: str, cache_dir: Path | None, timeout: float) -> str:
    """`dot -V`, remembered per binary (path, size, modification time) in the cache directory."""
    stat = os.stat(dot)
    binary = f"{os.path.realpath(dot)}|{stat.st_size}|{stat.st_mtime_ns}"
    memo = cache_dir / VERSION_FILE if cache_dir else None
    known: dict[str, str] = {}
    if memo and memo.is_file():
        try:
            known = json.loads(memo.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            known = {}
        if isinstance(known, dict) and isinstance(known.get(binary), str):
            return known[binary]
    try:
        done = subprocess.run([dot, "-V"], capture_output=True, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise DotFailure("", f"`dot -V` could not run: {error}") from None
    version = (done.stderr or done.stdout).decode("utf-8", "replace").strip()
    if done.returncode != 0 or not version:
        raise DotFailure("", f"`dot -V` failed with exit code {done.returncode}")
    if memo:
        atomic.write_text(memo, json.dumps({binary: version}, indent=1))
    return version


def cache_key(dot_source: str, version: str) -> str:
    return hashlib.sha256(version.encode("utf-8") + b"\0" + dot_source.encode("utf-8")).hexdigest()


def run_dot(dot: str, diagram: DiagramLike, timeout: float) -> str:
    """The raw SVG `dot` writes for one diagram."""
    assert diagram.dot is not None
    try:
        done = subprocess.run(
            [dot, "-Tsvg"], input=diagram.dot.encode("utf-8"), capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        raise DotFailure(diagram.name, f"`dot` did not finish within {timeout:g} s") from None
    except OSError as error:
        raise DotFailure(diagram.name, f"`dot` could not be started: {error}") from None
    if done.returncode != 0:
        detail = " ".join(done.stderr.decode("utf-8", "replace").split())[:400]
        raise DotFailure(diagram.name, f"`dot` failed with exit code {done.returncode}: {detail or 'no message'}")
    return done.stdout.decode("utf-8")


def render_all(
    diagrams: list[DiagramLike],
    cache_dir: Path | None,
    jobs: int | None,
    progress: Callable[[int, int], None] | None,
    timeout: float,
    finished: dict[str, str] | None = None,
) -> dict[str, str]:
    """Name -> finished SVG, in the order given. Raises `DotFailure` on the first diagram that fails.

    `finished` (kept by `serve` between rebuilds) holds the last run's finished SVGs by what they were made
    from; it is refilled with this run's, so it never holds more than one site's diagrams.
    """
    total = len(diagrams)
    raw: dict[str, str] = {}

    def tick() -> None:
        if progress:
            progress(len(raw), total)

    needs_dot = [d for d in diagrams if d.dot is not None]
    dot = find_dot() if needs_dot else ""
    version = dot_version(dot, cache_dir, timeout) if needs_dot else ""
    if cache_dir:
        cache_dir.mkdir(parents=True, exist_ok=True)
    todo: list[tuple[DiagramLike, str]] = []
    for diagram in diagrams:
        key = cache_key(diagram.dot, version) if diagram.dot is not None else ""
        found = _without_dot(diagram, cache_dir / f"{key}.svg" if cache_dir and key else None)
        if found is None:
            todo.append((diagram, key))
        else:
            raw[diagram.name] = found
            tick()
    if todo:
        _run_in_parallel(dot, todo, cache_dir, max(1, jobs or os.cpu_count() or 1), timeout, raw, tick)
    result: dict[str, str] = {}
    previous = dict(finished or {})
    made: dict[str, str] = {}
    for diagram in diagrams:
        drawn = raw.pop(diagram.name)  # let each raw SVG go once finished: both at once are the site's diagrams twice
        made_from = _finish_key(drawn, diagram)
        try:
            result[diagram.name] = made[made_from] = previous.get(made_from) or svgfix.finish(
                drawn, diagram.name, diagram.title, diagram.description
            )
        except svgfix.SvgError as error:
            raise DotFailure(diagram.name, str(error)) from None
    if finished is not None:
        finished.clear()
        finished.update(made)
    return result


def _finish_key(raw: str, diagram: DiagramLike) -> str:
    """What `svgfix.finish` reads: the raw SVG, the diagram's name, title and description."""
    hashed = hashlib.blake2b(digest_size=20)
    for part in (raw, diagram.name, diagram.title, diagram.description):
        data = part.encode("utf-8", "surrogatepass")
        hashed.update(len(data).to_bytes(8, "little") + data)
    return hashed.hexdigest()


def _without_dot(diagram: DiagramLike, cached: Path | None) -> str | None:
    """The raw SVG where no `dot` run is needed: drawn directly, or in the cache; else None."""
    if diagram.dot is None:
        return diagram.svg or ""
    if cached and cached.is_file():
        return cached.read_text(encoding="utf-8")
    return None


def _run_in_parallel(
    dot: str,
    todo: list[tuple[DiagramLike, str]],
    cache_dir: Path | None,
    workers: int,
    timeout: float,
    raw: dict[str, str],
    tick: Callable[[], None],
) -> None:
    """Run `dot` on each diagram of `todo` into `raw` (and the cache); the first failure cancels the rest."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures: dict[Future[str], tuple[DiagramLike, str]] = {
            pool.submit(run_dot, dot, d, timeout): (d, k) for d, k in todo
        }
        pending = set(futures)
        while pending:
            finished, pending = wait(pending, return_when=FIRST_EXCEPTION)
            for future in finished:
                diagram, key = futures[future]
                if (failure := future.exception()) is not None:
                    for other in pending:
                        other.cancel()
                    raise failure
                raw[diagram.name] = future.result()
                if cache_dir and key:
                    atomic.write_text(cache_dir / f"{key}.svg", raw[diagram.name])
                tick()
