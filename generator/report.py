"""Reporters: one per output format, each turning a validation result into text on a stream."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from .escape import github_data, github_property, json_text, terminal
from .problems import Problem
from .validate import Result


def _summary(result: Result) -> str:
    errors, warnings = len(result.errors), len(result.warnings)
    if not errors and not warnings:
        return f"{result.files} map files checked: no problems"
    plural = lambda n, word: f"{n} {word}{'' if n == 1 else 's'}"  # noqa: E731
    return f"{result.files} map files checked: {plural(errors, 'error')}, {plural(warnings, 'warning')}"


def text(result: Result, out: TextIO) -> None:
    """`file:line:col: severity CODE message`, one per line, then a summary; file names and messages are
    escaped for terminals and CI logs (`escape.terminal`), so that each problem stays one line."""
    for problem in result.problems:
        out.write(f"{terminal(problem)}\n")
    out.write(_summary(result) + "\n")


def as_json(result: Result, out: TextIO) -> None:
    """A JSON list of objects: file, line, column, severity, code, message."""
    out.write(json_text([_fields(p) for p in result.problems]) + "\n")


def _fields(problem: Problem) -> dict[str, object]:
    return {
        "file": problem.file, "line": problem.line, "column": problem.column,
        "severity": problem.severity.value, "code": problem.code, "message": problem.message,
    }  # fmt: skip


def github(result: Result, out: TextIO) -> None:
    """GitHub Actions workflow commands, so that problems show inline in the pull request; values are
    escaped as the runner reads them back, so no value can end a command or start another."""
    for problem in result.problems:
        where = f"file={github_property(problem.file)},line={problem.line},col={problem.column}"
        properties = f"{where},title={problem.code}"
        out.write(f"::{problem.severity.value} {properties}::{github_data(problem.message)}\n")
    out.write(_summary(result) + "\n")


REPORTERS: dict[str, Callable[[Result, TextIO], None]] = {"text": text, "json": as_json, "github": github}
