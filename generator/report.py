"""Reporters: one per output format, each turning a validation result into text on a stream.

Colour (ANSI) only when the command asks for it: on a terminal, without NO_COLOR (cli decides).
`Status` shows what a slow step is doing on a terminal's stderr and erases it when done.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from types import TracebackType
from typing import Any, TextIO

from .escape import github_data, github_property, json_text, terminal
from .problems import Problem, Severity
from .text import plural
from .validate import Result

RED, YELLOW, GREEN, BOLD, RESET = "\033[31m", "\033[33m", "\033[32m", "\033[1m", "\033[0m"
_SEVERITY_COLOR = {Severity.ERROR: RED, Severity.WARNING: YELLOW}


def summary(result: Result, strict: bool = False) -> str:
    """'3 map files checked: 1 error, 2 warnings', and why the run failed when it did."""
    errors, warnings = len(result.errors), len(result.warnings)
    checked = f"{plural(result.files, 'map file')} checked"
    if not errors and not warnings:
        return f"{checked}: no problems"
    found = f"{checked}: {plural(errors, 'error')}, {plural(warnings, 'warning')}"
    if strict and not errors:  # errors fail any run; warnings fail it only here, so say so
        return f"{found}; failed: {plural(warnings, 'warning')} and --strict"
    return found


def _painted(text: str, color: str, on: bool) -> str:
    return f"{color}{text}{RESET}" if on else text


def text(result: Result, out: TextIO, *, color: bool = False, strict: bool = False) -> None:
    """`file:line:col: severity CODE message`, one per line, then a summary; file names and messages are
    escaped for terminals and CI logs (`escape.terminal`), so that each problem stays one line."""
    for problem in result.problems:
        line = terminal(problem)
        if color:  # the escaped line starts with 'file:line:col: severity'
            where, _, rest = line.partition(f":{problem.line}:{problem.column}: {problem.severity.value} ")
            line = (
                f"{BOLD}{where}:{problem.line}:{problem.column}:{RESET} "
                f"{_SEVERITY_COLOR[problem.severity]}{problem.severity.value}{RESET} {rest}"
            )
        out.write(f"{line}\n")
    tone = RED if result.failed(strict) else YELLOW if result.problems else GREEN
    out.write(_painted(summary(result, strict), tone, color) + "\n")


def as_json(result: Result, out: TextIO, **_: Any) -> None:
    """A JSON list of objects: file, line, column, severity, code, message."""
    out.write(json_text([_fields(p) for p in result.problems]) + "\n")


def _fields(problem: Problem) -> dict[str, object]:
    return {
        "file": problem.file, "line": problem.line, "column": problem.column,
        "severity": problem.severity.value, "code": problem.code, "message": problem.message,
    }  # fmt: skip


def github(result: Result, out: TextIO, *, strict: bool = False, **_: Any) -> None:
    """GitHub Actions workflow commands, so that problems show inline in the pull request; values are
    escaped as the runner reads them back, so no value can end a command or start another."""
    for problem in result.problems:
        where = f"file={github_property(problem.file)},line={problem.line},col={problem.column}"
        properties = f"{where},title={problem.code}"
        out.write(f"::{problem.severity.value} {properties}::{github_data(problem.message)}\n")
    out.write(summary(result, strict) + "\n")


REPORTERS: dict[str, Callable[..., None]] = {"text": text, "json": as_json, "github": github}


class Status:
    """'checking the maps…' on a terminal while a step runs longer than `after` seconds; erased when it ends.

    Only for a terminal's stderr: pipes and CI logs get nothing, so machine-readable output stays clean.
    """

    def __init__(self, stream: TextIO, message: str, after: float = 1.0) -> None:
        self._stream, self._message, self._after = stream, message, after
        self._shown = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @classmethod
    def off(cls) -> Status:
        return _Off()

    @classmethod
    def on(cls, stream: TextIO, message: str, after: float = 1.0) -> Status:
        """A status for `stream` if it is a terminal, else one that shows nothing."""
        return cls(stream, message, after) if stream.isatty() else _Off()

    def _show(self) -> None:
        if not self._stop.wait(self._after):
            self._stream.write(f"\r{self._message}…")
            self._stream.flush()
            self._shown = True

    def __enter__(self) -> Status:
        self._thread = threading.Thread(target=self._show, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        if self._shown:
            self._stream.write("\r\033[K")
            self._stream.flush()


class _Off(Status):
    def __init__(self) -> None:
        super().__init__(None, "")  # type: ignore[arg-type]

    def __enter__(self) -> Status:
        return self

    def __exit__(self, *args: object) -> None:
        return None


def progress_printer(stream: TextIO) -> Callable[[int, int], None]:
    """'diagrams 12/40' on one rewritten line on a terminal; first and last count otherwise."""
    tty = stream.isatty()

    def show(done: int, total: int) -> None:
        if tty:
            stream.write(f"\rdiagrams {done}/{total}" + ("\n" if done == total else ""))
            stream.flush()
        elif done == total:
            stream.write(f"diagrams {done}/{total}\n")

    return show
