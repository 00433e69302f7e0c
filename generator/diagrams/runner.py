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
from collections.abc import Callable, Iterable, Sized
from concurrent.futures import BrokenExecutor
from pathlib import Path
from typing import Protocol

from .. import addresses, atomic
from . import workers

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

    def __reduce__(self) -> tuple[type[DotFailure], tuple[str, str]]:
        """Rebuilt whole when it comes back from a worker process."""
        return DotFailure, (self.name, self.reason)


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


def run_dot(dot: str, name: str, source: str, timeout: float) -> str:
    """The raw SVG `dot` writes for the diagram `name` from its DOT `source`."""
    try:
        done = subprocess.run(
            [dot, "-Tsvg"], input=source.encode("utf-8"), capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        raise DotFailure(name, f"`dot` did not finish within {timeout:g} s") from None
    except OSError as error:
        raise DotFailure(name, f"`dot` could not be started: {error}") from None
    if done.returncode != 0:
        detail = " ".join(done.stderr.decode("utf-8", "replace").split())[:400]
        raise DotFailure(name, f"`dot` failed with exit code {done.returncode}: {detail or 'no message'}")
    return done.stdout.decode("utf-8")


def render_all(
    diagrams: Iterable[DiagramLike],
    cache_dir: Path | None,
    jobs: int | None,
    progress: Callable[[int, int], None] | None,
    timeout: float,
    finished: dict[str, str] | None = None,
) -> dict[str, str]:
    """Name -> finished SVG, in the order given. Raises `DotFailure` on the first diagram that fails.

    `diagrams` may be a generator still planning them: each is handed to the workers as it comes, so
    `dot` and the finishing run while the rest are planned (`progress` starts once the total is known).
    `finished` (kept by `serve` between rebuilds) holds the last run's finished SVGs by what they were made
    from; it is refilled with this run's, so it never holds more than one site's diagrams.
    """
    run = _Run(cache_dir, progress, timeout, dict(finished or {}))
    run.total = len(diagrams) if isinstance(diagrams, Sized) else None
    if cache_dir:
        cache_dir.mkdir(parents=True, exist_ok=True)
    with workers.Workers(max(1, jobs or os.cpu_count() or 1), run.dot, timeout) as pool:
        for diagram in diagrams:
            task = run.plan(diagram)
            if task is not None:
                pool.submit(task)
            while not pool.done.empty():
                run.take(*pool.done.get())
        run.total = len(run.order)
        if run.result:
            run.tick()
        pool.start()
        while len(run.result) < len(run.order):
            run.take(*pool.done.get())
    if finished is not None:
        finished.clear()
        finished.update(run.made)
    return {name: run.result[name] for name in run.order}


class _Run:
    """What one `render_all` call knows: the diagrams seen, the SVGs finished, the `dot` asked for once."""

    def __init__(
        self, cache_dir: Path | None, progress: Callable[[int, int], None] | None, timeout: float,
        previous: dict[str, str],
    ) -> None:  # fmt: skip
        self.cache_dir, self.progress, self.timeout, self.previous = cache_dir, progress, timeout, previous
        self.total: int | None = None
        self.order: list[str] = []
        self.result: dict[str, str] = {}
        self.made: dict[str, str] = {}
        self.binary = self.version = ""

    def tick(self) -> None:
        if self.progress and self.total is not None:
            self.progress(len(self.result), self.total)

    def dot(self) -> str:
        """The `dot` binary, found (and its version asked) when a diagram first needs it."""
        if not self.binary:
            binary = find_dot()
            self.version = dot_version(binary, self.cache_dir, self.timeout)
            self.binary = binary
        return self.binary

    def plan(self, diagram: DiagramLike) -> workers.Task | None:
        """The work one diagram needs, or None when the last run's finished SVG is still right."""
        self.order.append(diagram.name)
        cached: Path | None = None
        if diagram.dot is not None:
            self.dot()
            key = cache_key(diagram.dot, self.version)
            cached = self.cache_dir / f"{key}.svg" if self.cache_dir else None
        raw = _without_dot(diagram, cached)
        if raw is not None:
            made_from = finish_key(raw, *_texts(diagram))
            if (done := self.previous.get(made_from)) is not None:
                self.result[diagram.name] = self.made[made_from] = done
                self.tick()
                return None
        return workers.Task(*_texts(diagram), diagram.dot, raw, str(cached) if cached else None)

    def take(self, task: workers.Task, outcome: tuple[str, str] | BaseException) -> None:
        if isinstance(outcome, BrokenExecutor):
            raise DotFailure(task.name, f"the process drawing it stopped ({outcome})")
        if isinstance(outcome, BaseException):
            raise outcome
        made_from, svg = outcome
        self.result[task.name] = self.made[made_from] = svg
        self.tick()


def _texts(diagram: DiagramLike) -> tuple[str, str, str]:
    return diagram.name, diagram.title, diagram.description


def finish_key(raw: str, name: str, title: str, description: str) -> str:
    """What `svgfix.finish` reads: the raw SVG, the diagram's name, title and description."""
    hashed = hashlib.blake2b(digest_size=20)
    for part in (raw, name, title, description):
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
