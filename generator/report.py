"""Reporters: one per output format, each turning a validation result into text on a stream."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TextIO

from .problems import Problem
from .validate import Result


def _summary(result: Result) -> str:
    errors, warnings = len(result.errors), len(result.warnings)
    if not errors and not warnings:
        return f"{result.files} map files checked: no problems"

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    return f"{result.files} map files checked: {plural(errors, 'error')}, {plural(warnings, 'warning')}"


def text(result: Result, out: TextIO) -> None:
    """`file:line:col: severity CODE message`, one per line, then a summary."""
    for problem in result.problems:
        out.write(f"{problem}\n")
    out.write(_summary(result) + "\n")


def as_json(result: Result, out: TextIO) -> None:
    """A JSON list of objects: file, line, column, severity, code, message."""
    json.dump([_fields(p) for p in result.problems], out, indent=2, ensure_ascii=False)
    out.write("\n")


def _fields(problem: Problem) -> dict[str, object]:
    return {
        "file": problem.file, "line": problem.line, "column": problem.column,
        "severity": problem.severity.value, "code": problem.code, "message": problem.message,
    }  # fmt: skip


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(result: Result, out: TextIO) -> None:
    """GitHub Actions workflow commands, so that problems show inline in the pull request."""
    for problem in result.problems:
        properties = (
            f"file={_escape_property(problem.file)},line={problem.line},col={problem.column},title={problem.code}"
        )
        out.write(f"::{problem.severity.value} {properties}::{_escape_data(problem.message)}\n")
    out.write(_summary(result) + "\n")


REPORTERS: dict[str, Callable[[Result, TextIO], None]] = {"text": text, "json": as_json, "github": github}
