"""Property-based hardening: random but schema-shaped maps, and random YAML-ish text, never crash the tool.

Every run must end in a clean report (well-formed problems, each naming a file of the maps folder with a
line and column) or, for valid maps, in pages and diagram sources without unsafe markup.

CI runs the derandomised default budget (tests/conftest.py); a long campaign:
`HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest tests/test_fuzz.py` (5,000 examples per test), or
`HYPOTHESIS_PROFILE=random` for new examples at the normal budget. A failure prints the
`@reproduce_failure` blob to replay it.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from journeymaps import diagrams, pages
from journeymaps.codes import BY_CODE
from journeymaps.model import CHANNELS
from journeymaps.problems import Severity
from journeymaps.settings import Limits, Settings
from journeymaps.validate import validate

from .test_hostile import Elements, unsafe_markup

pytestmark = pytest.mark.slow  # hypothesis campaigns

HOSTILE = [
    "<script>alert(1)</script>",
    '</title><script>alert("t")</script>',
    '{: onclick="alert(2)" }',
    "{ onerror=alert(3) }",
    "[x](javascript:alert(4))",
    "{{ 7*7 }}",
    "{% endraw %}",
    "<<B>b</B>>",
    '<TABLE HREF="javascript:x">',
    "\\",
    "\\N",
    '"',
    "caf\u00e9",
    "cafe\u0301",
    "\u202e",
    "\u200b",
    "\x07",
    "\x00",
    "&amp;",
    "&#106;avascript:",
    "\r\n",
    "---",
    "*a",
    "&a",
    "!!python/object:x",
]
ID_PARTS = [
    "shop",
    "web",
    "a",
    "x1",
    "checkout",
    "index",
    "con",
    "Shop",
    "a.b",
    "a/b",
    "",
    "-",
    "1.10",
    "no",
    "on",
    "true",
    "010",
]
FIELDS = [
    "name",
    "summary",
    "nmae",
    "id",
    "owner",
    "channel",
    "emotion",
    "leads_to",
    "touchpoints",
    "stages",
    "<<",
    "title",
]

texts = st.one_of(
    st.text(max_size=40),
    st.sampled_from(HOSTILE),
    st.lists(st.sampled_from(HOSTILE) | st.text(max_size=8), min_size=1, max_size=5).map(" ".join),
)
ids = st.one_of(
    st.sampled_from(ID_PARTS),
    st.lists(st.sampled_from(["shop", "web", "buy", "a", "b", "1"]), min_size=1, max_size=3).map("-".join),
    st.from_regex(r"[a-z0-9]{1,70}", fullmatch=True),
    st.sampled_from(["shop", "web", "buy", "pay", "mail"]),
)
scalars = st.one_of(
    texts,
    st.integers(-5, 5),
    st.floats(allow_nan=True),
    st.booleans(),
    st.none(),
    st.just("2026-02-30"),
    st.just("2026-10-31"),
)
maybe = lambda strategy: st.one_of(st.nothing(), strategy)  # noqa: E731


def mapping(
    required: dict[str, st.SearchStrategy[Any]], optional: dict[str, st.SearchStrategy[Any]]
) -> st.SearchStrategy[dict[str, Any]]:
    """A mapping with the required fields (sometimes one dropped or mistyped), some optional ones, a stray key."""
    return st.fixed_dictionaries(required, optional=optional).flatmap(
        lambda d: st.one_of(
            *[st.just(d)] * 6,  # mostly well-formed, so that valid maps reach the pages often enough
            st.just(d) if not d else st.sampled_from(sorted(d)).map(lambda k: {x: v for x, v in d.items() if x != k}),
            st.tuples(st.sampled_from(FIELDS), scalars).map(lambda kv: {**d, kv[0]: kv[1]}),
        )
    )


def journeys(department_ids: list[str], persona_ids: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    known_or_not = lambda known: st.sampled_from(known) | ids if known else ids  # noqa: E731
    touchpoint = mapping(
        {"id": ids, "name": texts, "channel": st.sampled_from(CHANNELS) | ids, "owner": known_or_not(department_ids)},
        {
            "responsible": st.lists(known_or_not(department_ids), max_size=2),
            "description": texts,
            "emotion": st.integers(-3, 3) | scalars,
            "systems": st.lists(texts, max_size=2),
            "pain_points": st.lists(
                mapping({"text": texts, "severity": st.sampled_from(["low", "medium", "high", "critical"])}, {}),
                max_size=2,
            ),
            "opportunities": st.lists(texts, max_size=2),
            "kpis": st.lists(ids, max_size=2),
            "leads_to": st.lists(ids, max_size=3),
        },
    )
    stage = mapping(
        {"id": ids, "name": texts},
        {"goal": texts, "emotion": st.integers(-3, 3), "touchpoints": st.lists(touchpoint, max_size=4)},
    )
    kpi = mapping(
        {
            "id": ids,
            "name": texts,
            "unit": st.sampled_from(["percent", "score", "currency:EUR", "currency:eur", "furlongs"]),
            "direction": st.sampled_from(["up", "down", "sideways"]),
            "owner": known_or_not(department_ids),
        },
        {
            "target": st.floats(allow_nan=True) | scalars,
            "current": st.floats(-1e6, 1e6),
            "as_of": st.sampled_from(["2026-10-31", "2026-02-30", "soon"]),
            "history": st.lists(
                mapping(
                    {"date": st.sampled_from(["2026-01-31", "2026-13-01"]), "value": st.floats(-10, 10) | scalars}, {}
                ),
                max_size=2,
            ),
        },
    )
    return mapping(
        {
            "title": texts,
            "persona": known_or_not(persona_ids),
            "owner": known_or_not(department_ids),
            "stages": st.lists(stage, max_size=3),
        },
        {"summary": texts, "tags": st.lists(ids, max_size=2), "kpis": st.lists(kpi, max_size=2)},
    )


@st.composite
def maps_folders(draw: st.DrawFn) -> dict[str, Any]:
    """File path -> document: departments, personas and journeys that mostly refer to each other."""
    department = mapping(
        {"id": ids, "name": texts},
        {
            "description": texts,
            "color": st.sampled_from(["#1f77b4", "red", "#fff"]),
            "contact": st.sampled_from(["a@b.example", "#help", "https://x.example", "javascript:alert(1)"]),
        },
    )
    departments = draw(st.lists(department, min_size=0, max_size=4))
    department_ids = [d["id"] for d in departments if isinstance(d.get("id"), str)]
    persona_ids = draw(st.lists(ids, max_size=3, unique=True))
    files: dict[str, Any] = {"departments.yaml": {"departments": departments}}
    for persona_id in persona_ids:
        files[f"personas/{persona_id or 'x'}.yaml"] = draw(
            mapping({"name": texts, "summary": texts}, {"goals": st.lists(texts, max_size=2), "quote": texts})
        )
    for journey_id in draw(st.lists(ids, max_size=3, unique=True)):
        folder = draw(st.sampled_from(["journeys", "journeys/b2b", "journey"]))
        files[f"{folder}/{journey_id or 'x'}.yaml"] = draw(journeys(department_ids, persona_ids))
    return files


def dump(document: Any, style: str) -> str:
    if style == "json":
        return json.dumps(document, ensure_ascii=False) + "\n"
    return yaml.safe_dump(document, allow_unicode=style == "unicode", sort_keys=False)


def assert_clean_report(maps: Path, result: Any) -> None:
    """Every problem is one line with a known code, naming the maps folder or a file in it, with a position."""
    for problem in result.problems:
        text = str(problem)
        assert "\n" not in text and "\r" not in text and text.isprintable(), text
        assert problem.code in BY_CODE and BY_CODE[problem.code].severity is problem.severity, text
        assert problem.line >= 1 and problem.column >= 1, text
        assert problem.file == "maps" or problem.file.startswith("maps/"), text
        rel = problem.file[len("maps/") :]
        assert problem.file == "maps" or (maps / rel).exists() or problem.code == "JM013", text
        assert re.match(r"^maps[^:]*:\d+:\d+: (error|warning) JM\d{3} \S", text), text


def assert_safe_site(result: Any) -> None:
    """Pages (and diagram sources) of valid maps: no handler attribute, no unsafe link, no script from the maps."""
    planned = diagrams.plan(result.maps)
    assert all(d.dot is not None or d.svg is not None for d in planned)
    for page in pages.build_pages(result.maps, Settings(), {}):
        body = page.content.split("\n---\n", 1)[-1]
        parser = Elements()
        parser.feed(body)
        assert not unsafe_markup(parser.tags), page.uri
        assert not [tag for tag, _ in parser.tags if tag in ("script", "img", "iframe", "style")], page.uri
        assert "{{" not in body and "{%" not in body, page.uri


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(folder=maps_folders(), style=st.sampled_from(["json", "block", "unicode"]))
def test_schema_shaped_maps_get_a_clean_report_or_a_safe_site(folder: dict[str, Any], style: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        maps = Path(tmp) / "maps"
        for rel, document in folder.items():
            path = maps / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(dump(document, style), encoding="utf-8")
        result = validate(maps, Settings(limits=Limits(max_text_length=500)), display_root="maps")
        assert_clean_report(maps, result)
        event("valid maps" if not result.failed() else "invalid maps")
        if not result.failed():
            assert_safe_site(result)


YAMLISH = st.lists(
    st.sampled_from(
        [
            *list("ab-_:, \n\t[]{}&*!|>'\"#%@`?.01é\\"),
            "\u202e",
            "\r\n",
            "---",
            "<<",
            "  ",
            "- ",
            "id: ",
            "name: ",
            "!!",
            "\ufeff",
        ]
    ),
    max_size=80,
).map("".join)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(
    text=YAMLISH,
    where=st.sampled_from(["departments.yaml", "personas/shopper.yaml", "journeys/purchase.yaml", "kpis.yaml"]),
)
def test_random_yaml_text_gets_a_clean_report(text: str, where: str) -> None:
    from journeymaps.codes import BASE

    with tempfile.TemporaryDirectory() as tmp:
        maps = Path(tmp) / "maps"
        for rel, content in {**BASE, where: text}.items():
            (maps / rel).parent.mkdir(parents=True, exist_ok=True)
            (maps / rel).write_bytes(content.encode("utf-8"))
        result = validate(maps, display_root="maps")
        assert_clean_report(maps, result)
        if text.strip() and result.problems:
            assert all(p.severity in (Severity.ERROR, Severity.WARNING) for p in result.problems)
