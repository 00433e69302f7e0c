"""YAML syntax errors in plain words: the line of the mistake, never a later one, and never a crash.

The exact wording for each common mistake is in tests/examples/negative/yaml-mistakes (through the CLI);
these tests hold the properties the wording rests on, over a real journey broken at random.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from journeymaps import yamlhints
from journeymaps.validate import validate

from .conftest import EXAMPLE_MAPS, run_cli, write_maps

JOURNEY = (EXAMPLE_MAPS / "journeys" / "online-purchase.yaml").read_text(encoding="utf-8")
LINES = JOURNEY.splitlines(keepends=True)
MISTAKES = ['"', "'", ": ", "\t", " ", "-", "[", "{", "#", "@", "  "]


def _parser_stops(text: str) -> tuple[int, int] | None:
    try:
        for _ in yaml.parse(text, Loader=yaml.CSafeLoader):
            pass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        return (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return None


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    line=st.integers(0, len(LINES) - 1),
    column=st.integers(0, 40),
    mistake=st.sampled_from(MISTAKES),
    remove=st.booleans(),
)
def test_a_broken_journey_is_reported_at_or_before_where_the_parser_stops(
    line: int, column: int, mistake: str, remove: bool
) -> None:
    """Whatever one edit breaks, JM004 names a line of the file no later than the parser's, in plain words."""
    text = LINES[line]
    at = min(column, len(text.rstrip("\n")))
    broken_line = (
        text[:at] + text[at + 1 :] if remove and at < len(text.rstrip("\n")) else text[:at] + mistake + text[at:]
    )
    broken = "".join([*LINES[:line], broken_line, *LINES[line + 1 :]])
    stops = _parser_stops(broken)
    with tempfile.TemporaryDirectory() as tmp:
        maps = write_maps(Path(tmp), {"journeys/purchase.yaml": broken})
        problems = [p for p in validate(maps, display_root="maps").problems if p.code == "JM004"]
    if stops is None:
        return
    assert len(problems) <= 1
    for problem in problems:
        assert 1 <= problem.line <= stops[0], (problem, stops)
        assert problem.line <= broken.count("\n") + 1
        assert "(YAML reader" in problem.message and not problem.message.startswith("YAML syntax error")


def test_the_unclosed_quote_is_named_not_the_line_where_the_reader_gave_up(tmp_path: Path) -> None:
    """The issue's own case: a quote left open at line 21 of the example journey; the reader stops at line 146."""
    lines = JOURNEY.splitlines(keepends=True)
    assert lines[20] == "        name: Instagram and Facebook carousel ad\n"
    lines[20] = '        name: "Instagram and Facebook carousel ad\n'
    maps = write_maps(tmp_path, {"journeys/purchase.yaml": "".join(lines)})
    run = run_cli("validate", maps, cwd=tmp_path)
    assert run.code == 1
    assert run.lines[0] == (
        f'{maps}/journeys/purchase.yaml:21:15: error JM004 this quote is never closed: end the text with " on the '
        "same line (YAML reader, line 146: did not find expected key)"
    )


def test_a_guess_stands_only_when_the_repaired_text_reads_further() -> None:
    """The dedented key is found by repairing it; a parser that never gets further leaves the plain fallback."""
    text = "stages:\n  - id: buy\n    name: Buy\n  touchpoints: []\n    goal: x\n"
    stops = _parser_stops(text)
    assert stops is not None
    error = yamlhints.ParserError("mapping values are not allowed in this context", *stops)
    line, _, message = yamlhints.explain(text, error)
    assert (line, message.split(" (")[0]) == (
        4,
        "this line lines up with the '-' of the list items above but does not start with '- ': "
        "start a new item with '- ', or indent it 4 spaces, like 'name' at line 3",
    )
    line, _, message = yamlhints.explain(text, error, parse_error=lambda repaired: stops)
    assert (line, message.split(" (")[0]) == (
        stops[0],
        "this line cannot be read as YAML: check its indentation against the lines above, and put text that "
        "holds ': ', ' #' or quotes inside double quotes",
    )
