"""Where the diagram work runs: `dot` and the finishing touches of each diagram, on every core.

Planning happens in the calling thread while the diagrams planned so far are drawn and finished; both
are Python work, so threads alone would leave one core idle whenever `dot` is not running (issue 15:
the phase used 1.0–1.25 cores of 2). From `PROCESS_THRESHOLD` diagrams on, the work goes to worker
processes forked from this one; below it, or where forking is not safe, a thread pool runs the same
function (`dot` runs as a child process anyway). The function a worker runs is `draw_one`: pure apart
from running `dot` and writing the cache file; it takes and returns values only.

Forked, not spawned: a spawned worker imports the package again (0.4 s of CPU each) and runs the
caller's main script again, which breaks any script that draws without an `if __name__ == "__main__"`
guard. Forking is safe only where no other thread could hold a lock at that moment, so it is used only
on Linux in a process with one thread (`journeymaps build` and `generate`; `serve` has its server's
threads and uses the thread pool). The objects that exist when the workers start are frozen out of the
garbage collector's reach first (`gc.freeze`), so that a worker's collections do not touch, and copy,
the parent's memory.
"""

from __future__ import annotations

import gc
import multiprocessing
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from queue import SimpleQueue
from typing import Any

from .. import atomic

PROCESS_THRESHOLD = 32
"""Diagrams to draw or finish from which worker processes pay for their start: the example maps' 25
stay in threads (and `serve`'s rebuilds, which redo a handful), 1,000 synthetic touchpoints' 72 do not."""


@dataclass(frozen=True)
class Task:
    """One diagram's work: run `dot` on `source` (when `raw` is None) into `cache_file`, then finish it."""

    name: str
    title: str
    description: str
    source: str | None
    raw: str | None
    cache_file: str | None


def draw_one(task: Task, dot: str, timeout: float) -> tuple[str, str]:
    """(finish key, finished SVG) of one diagram; raises `runner.DotFailure` naming it."""
    from . import runner, svgfix

    raw = task.raw
    if raw is None:
        raw = runner.run_dot(dot, task.name, task.source or "", timeout)
        if task.cache_file:
            atomic.write_text(Path(task.cache_file), raw)
    try:
        finished = svgfix.finish(raw, task.name, task.title, task.description)
    except svgfix.SvgError as error:
        raise runner.DotFailure(task.name, str(error)) from None
    return runner.finish_key(raw, task.name, task.title, task.description), finished


class Workers:
    """Runs `draw_one` on threads or, once `PROCESS_THRESHOLD` tasks are known, on worker processes.

    Tasks are held back until one of the two is decided (the threshold reached, or `start` called when
    the caller knows there are no more); results arrive in `done` as (task, result or exception).
    """

    def __init__(self, jobs: int, dot: Callable[[], str], timeout: float) -> None:
        self.jobs, self.dot, self.timeout = jobs, dot, timeout
        self.pool: Executor | None = None
        self.waiting: list[Task] = []
        self.done: SimpleQueue[tuple[Task, tuple[str, str] | BaseException]] = SimpleQueue()

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def submit(self, task: Task) -> None:
        self.waiting.append(task)
        if self.pool is None and len(self.waiting) >= PROCESS_THRESHOLD and self.jobs > 1:
            self.start(processes=True)
        elif self.pool is not None:
            self.start()

    def start(self, processes: bool = False) -> None:
        """Hand every waiting task to the pool, making it first (processes, or threads) if there is none."""
        if self.pool is None and self.waiting:
            forked = processes and can_fork()
            self.pool = (
                ProcessPoolExecutor(self.jobs, mp_context=multiprocessing.get_context("fork"))
                if forked
                else ThreadPoolExecutor(self.jobs)
            )
            if forked:
                gc.freeze()  # undone below, once the workers are forked (the first submit forks them all)
        if self.pool is None:
            return
        dot = self.dot() if any(t.raw is None for t in self.waiting) else ""
        try:
            for task in self.waiting:
                future = self.pool.submit(draw_one, task, dot, self.timeout)
                future.add_done_callback(self._reporter(task))
        finally:
            gc.unfreeze()
        self.waiting.clear()

    def _reporter(self, task: Task) -> Callable[[Future[tuple[str, str]]], None]:
        """Puts the task's outcome in `done` (called from the pool's thread)."""
        return lambda future: self.done.put((task, _outcome(future)))


def can_fork() -> bool:
    """True where worker processes may be forked from this one: Linux, and no other thread running."""
    return (
        sys.platform == "linux" and threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()
    )


def _outcome(future: Future[Any]) -> tuple[str, str] | BaseException:
    if future.cancelled():
        return RuntimeError("cancelled")
    return future.exception() or future.result()
