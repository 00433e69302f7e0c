"""Rendering with the real `dot`: the cache, parallel runs, failures, hostile text and a 60-touchpoint journey.

`dot` invocations are counted by a wrapper script named `dot` placed first on PATH, so these tests
watch the real program being run (or not), without mocking anything of ours.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from journeymaps import validate
from journeymaps.diagrams import Diagram, RenderError, draw, plan, render, workers
from journeymaps.diagrams.text import dot_tooltip, html_label_text, one_line, tooltip
from journeymaps.model import FORBIDDEN, Maps

ROOT = Path(__file__).resolve().parent.parent
REAL_DOT = shutil.which("dot")
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
RELATIVE_HREF = re.compile(r"^(\.\./)*([a-z0-9]+(-[a-z0-9]+)*/)*$")
SVG_TAGS = {
    "svg",
    "g",
    "title",
    "desc",
    "a",
    "path",
    "polygon",
    "polyline",
    "ellipse",
    "text",
    "tspan",
    "rect",
    "circle",
    "line",
}

pytestmark = [pytest.mark.skipif(REAL_DOT is None, reason="Graphviz `dot` is not installed"), pytest.mark.slow]


def fake_dot(directory: Path, body: str) -> Path:
    """A `dot` on PATH that logs its arguments, then runs `body` (which may exec the real one)."""
    directory.mkdir(parents=True, exist_ok=True)
    script = directory / "dot"
    script.write_text(f'#!/bin/sh\necho "$*" >> "{directory}/calls.log"\n{body}\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return directory / "calls.log"


def calls(log: Path) -> Counter[str]:
    lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    return Counter("render" if "-Tsvg" in line else "version" if "-V" in line else line for line in lines)


@pytest.fixture
def counted_dot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    log = fake_dot(tmp_path / "bin", f'exec "{REAL_DOT}" "$@"')
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    return log


def load(maps_dir: Path) -> Maps:
    result = validate(maps_dir)
    assert not result.errors, result.errors
    return result.maps


# ------------------------------------------------------------------------------------------------
# Cache and parallelism


def test_second_build_runs_no_dot_and_an_edit_reruns_only_what_changed(tmp_path: Path, counted_dot: Path) -> None:
    maps_dir = tmp_path / "maps"
    shutil.copytree(ROOT / "maps", maps_dir)
    cache = tmp_path / "cache"
    diagrams = plan(load(maps_dir))
    with_dot = [d for d in diagrams if d.dot is not None]

    cold = render(diagrams, cache, jobs=4)
    assert calls(counted_dot) == Counter({"render": len(with_dot), "version": 1})

    counted_dot.unlink(missing_ok=True)
    warm = render(diagrams, cache, jobs=4)
    assert calls(counted_dot) == Counter()  # not even `dot -V`: the version is remembered per binary
    assert warm == cold

    # Edit one journey: a stage goal, shown only in that journey's flow.
    journey_file = maps_dir / "journeys" / "online-purchase.yaml"
    text = journey_file.read_text(encoding="utf-8")
    journey_file.write_text(
        text.replace("goal: Pay the expected price without surprises", "goal: Pay what the ad said"), encoding="utf-8"
    )
    edited = plan(load(maps_dir))
    changed = {new.name for old, new in zip(diagrams, edited, strict=True) if old.dot != new.dot}
    assert changed == {"journeys/online-purchase/flow"}
    counted_dot.unlink(missing_ok=True)
    after = render(edited, cache, jobs=4)
    assert calls(counted_dot) == Counter({"render": 1})
    assert "Pay what the ad said" in after["journeys/online-purchase/flow"]
    assert {name for name in after if after[name] != warm[name]} == {"journeys/online-purchase/flow"}

    # Rename a touchpoint: its journey's pictures change, and where it is named elsewhere (the maps of the
    # departments around it, the entry card in the flow of a journey it leads to), nothing else.
    text = journey_file.read_text(encoding="utf-8")
    journey_file.write_text(text.replace("name: Shopping cart", "name: Basket"), encoding="utf-8")
    renamed = plan(load(maps_dir))
    changed = {new.name for old, new in zip(edited, renamed, strict=True) if old.dot != new.dot}
    assert {"journeys/online-purchase/flow", "journeys/online-purchase/blueprint"} <= changed
    assert changed == {
        "journeys/online-purchase/flow", "journeys/online-purchase/blueprint", "journeys/b2b-lead-nurturing/flow",
        "departments/ecommerce/map", "departments/product/map", "departments/sales/map",
    }  # fmt: skip
    counted_dot.unlink(missing_ok=True)
    render(renamed, cache, jobs=4)
    assert calls(counted_dot) == Counter({"render": len(changed)})


def test_without_a_cache_every_diagram_is_drawn(tmp_path: Path, counted_dot: Path) -> None:
    diagrams = plan(load(ROOT / "maps"))[:4]
    render(diagrams, None, jobs=2)
    render(diagrams, None, jobs=2)
    assert calls(counted_dot)["render"] == 2 * sum(1 for d in diagrams if d.dot is not None)


def test_a_new_graphviz_invalidates_the_cache(tmp_path: Path, counted_dot: Path) -> None:
    cache = tmp_path / "cache"
    diagrams = plan(load(ROOT / "maps"))[:2]
    render(diagrams, cache)
    memo = cache / "graphviz-version.json"
    binary = next(iter(json.loads(memo.read_text(encoding="utf-8"))))
    memo.write_text(json.dumps({binary: "dot - graphviz version 99.0.0"}), encoding="utf-8")
    counted_dot.unlink(missing_ok=True)
    render(diagrams, cache)
    assert calls(counted_dot) == Counter({"render": 2})


def test_parallel_and_serial_give_the_same_svg_and_report_progress() -> None:
    diagrams = plan(load(ROOT / "maps"))
    seen: list[tuple[int, int]] = []
    parallel = render(diagrams, None, jobs=8, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(n, len(diagrams)) for n in range(1, len(diagrams) + 1)]
    assert render(diagrams, None, jobs=1) == parallel
    assert list(parallel) == [d.name for d in diagrams]


def _many(diagrams: list[Diagram]) -> list[Diagram]:
    """The diagrams twice over (the copies renamed): enough to pass `workers.PROCESS_THRESHOLD`."""
    many = diagrams + [replace(d, name=f"{d.name}-again") for d in diagrams]
    assert len(many) >= workers.PROCESS_THRESHOLD
    return many


def test_worker_processes_give_what_one_thread_gives_and_draw_keeps_the_plan_order() -> None:
    # Workers are forked only from a process with one thread, and earlier tests may leave threads in this one
    # (servers, browsers): so the check runs in a fresh interpreter, as `journeymaps build` runs the phase.
    script = "from tests import test_diagrams_render as t; t.compare_worker_roads(forked=True)"
    run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    compare_worker_roads(forked=False)  # and in this process, whichever road it allows


def compare_worker_roads(*, forked: bool) -> None:
    """Worker processes (or threads) give what one thread gives, in the plan's order, with progress."""
    if forked and sys.platform == "linux":
        assert workers.can_fork()
    maps = load(ROOT / "maps")
    many = _many(plan(maps))
    seen: list[tuple[int, int]] = []
    parallel = render(many, None, jobs=2, progress=lambda done, total: seen.append((done, total)))
    assert parallel == render(many, None, jobs=1)
    assert list(parallel) == [d.name for d in many]
    assert seen == [(n, len(many)) for n in range(1, len(many) + 1)]
    drawn = draw(maps, None, jobs=2)  # planned while drawing, department maps first, returned in plan's order
    assert list(drawn) == [d.name for d in plan(maps)]
    assert drawn == {name: parallel[name] for name in drawn}


def test_a_failure_in_a_worker_process_names_the_diagram(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_dot(tmp_path / "bin", 'case "$*" in *-V*) echo "dot - graphviz version 0 (fake)" >&2; exit 0;; esac\n'
                               'echo "Error: syntax error in line 1" >&2; exit 3')  # fmt: skip
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    many = _many(plan(load(ROOT / "maps")))
    with pytest.raises(RenderError, match=r"could not be drawn: `dot` failed with exit code 3") as caught:
        render(many, tmp_path / "cache", jobs=2)
    assert caught.value.name in {d.name for d in many if d.dot is not None}
    assert not list((tmp_path / "cache").glob("*.svg"))


# ------------------------------------------------------------------------------------------------
# Failures name the journey


def test_a_failing_dot_names_the_journey(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_dot(tmp_path / "bin", 'case "$*" in *-V*) echo "dot - graphviz version 0 (fake)" >&2; exit 0;; esac\n'
                               'echo "Error: syntax error in line 1" >&2; exit 3')  # fmt: skip
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    flow = next(d for d in plan(load(ROOT / "maps")) if d.name == "journeys/online-purchase/flow")
    with pytest.raises(RenderError) as caught:
        render([flow], tmp_path / "cache")
    message = str(caught.value)
    assert "journey 'online-purchase'" in message and "exit code 3" in message and "syntax error in line 1" in message
    assert caught.value.name == "journeys/online-purchase/flow"
    assert not list((tmp_path / "cache").glob("*.svg"))  # nothing half-made is cached


def test_a_dot_that_hangs_times_out_naming_the_department(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_dot(
        tmp_path / "bin", 'case "$*" in *-V*) echo "dot - graphviz version 0 (fake)" >&2; exit 0;; esac\nexec sleep 10'
    )
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    legal = next(d for d in plan(load(ROOT / "maps")) if d.name == "departments/legal/map")
    with pytest.raises(RenderError, match=r"department 'legal'.*did not finish within 0.5 s"):
        render([legal], None, timeout=0.5)


def test_no_graphviz_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "empty").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(RenderError, match="Graphviz is not installed"):
        render(plan(load(ROOT / "maps"))[:1])


# ------------------------------------------------------------------------------------------------
# Hostile text comes out as text

INJECTION = '"]; x -> y [URL="javascript:alert(1)"]'
HOSTILE = {
    "department": 'Ünïcödé 日本語 😀 "q"',
    "journey": "</svg><script>alert(1)</script>",
    "stage": "{braces} [x] | <p>;",
    "goal": "line one\nline two",
    "tp1": INJECTION,
    "tp2": "<b>bold</b> & <i>",
    "tp3": "back\\slash \\N \\G \\l end\\",
    "pain": "<img src=x onerror=alert(1)> & \\N",
}


def hostile_maps(root: Path) -> Path:
    q = lambda text: json.dumps(text, ensure_ascii=False)  # noqa: E731  (JSON strings are YAML strings)
    files = {
        "departments.yaml": f"departments:\n  - id: evil\n    name: {q(HOSTILE['department'])}\n  - id: other\n    "
        f"name: {q('<O&ther>')}\n",
        "personas/p.yaml": "name: P\nsummary: S\n",
        "journeys/evil.yaml": f"""\
title: {q(HOSTILE["journey"])}
persona: p
owner: evil
stages:
  - id: s1
    name: {q(HOSTILE["stage"])}
    goal: {q(HOSTILE["goal"])}
    emotion: -1
    touchpoints:
      - id: t1
        name: {q(HOSTILE["tp1"])}
        channel: website
        owner: evil
        responsible: [other]
        consulted: [other]
        emotion: -2
        pain_points:
          - text: {q(HOSTILE["pain"])}
            severity: high
        leads_to: [t2, good/g1]
      - id: t2
        name: {q(HOSTILE["tp2"])}
        channel: email
        owner: other
        leads_to: [t3]
  - id: s2
    name: Two
    touchpoints:
      - id: t3
        name: {q(HOSTILE["tp3"])}
        channel: phone
        owner: evil
        emotion: 1
""",
        "journeys/good.yaml": """\
title: Good
persona: p
owner: other
stages:
  - id: a
    name: A
    touchpoints:
      - id: g1
        name: G one
        channel: store
        owner: other
        leads_to: [evil/t3]
""",
    }
    for rel, text in files.items():
        path = root / "maps" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "maps"


def visible_text(root: ET.Element) -> str:
    """All drawn text, without white space (wrapping may break lines anywhere there is some)."""
    return "".join("".join(element.itertext()) for element in root.iter(f"{SVG}text")).replace(" ", "")


def test_hostile_text_cannot_change_structure_or_links(tmp_path: Path) -> None:
    maps = load(hostile_maps(tmp_path))
    diagrams = plan(maps)
    svgs = render(diagrams)
    flow = ET.fromstring(svgs["journeys/evil/flow"])
    nodes = {
        g.get("id", "").removeprefix("jm-journeys-evil-flow-")
        for g in flow.iter(f"{SVG}g")
        if "node" in (g.get("class") or "").split()
    }
    expected = {"tp-t1", "tp-t2", "tp-t3", "stage-s1", "stage-s2", "exit-good--g1", "entry-good--g1"}
    assert nodes == expected  # the injected `x -> y` made no nodes
    allowed = {"journeys/evil/", "journeys/good/", "departments/evil/", "departments/other/"}
    allowed |= {f"journeys/evil/{t}/" for t in ("t1", "t2", "t3")} | {"journeys/good/g1/"}
    for diagram in diagrams:
        root = ET.fromstring(svgs[diagram.name])
        for element in root.iter():
            assert element.tag.removeprefix(SVG) in SVG_TAGS, (diagram.name, element.tag)
            for name, value in element.attrib.items():
                assert not name.lower().startswith("on"), (diagram.name, name)  # no event handler came through
                if name in ("href", f"{XLINK}href"):  # (titles may say 'javascript:': there it is text)
                    assert RELATIVE_HREF.match(value), value
                    target = os.path.normpath(os.path.join(diagram.page, value)).replace(os.sep, "/") + "/"
                    assert target in allowed, (diagram.name, value)
        texts = [("".join(e.itertext())).strip() for e in root.iter(f"{SVG}text")]
        assert "x" not in texts and "y" not in texts  # no node made from the injected edge
        drawn = visible_text(root)
        if diagram.name == "journeys/evil/flow":
            for key in ("department", "stage", "tp1", "tp2", "tp3"):
                assert HOSTILE[key].replace(" ", "") in drawn, key
            assert "lineoneline" in drawn  # the goal's line break became a space
        if diagram.name == "journeys/good/flow":
            assert HOSTILE["journey"].replace(" ", "") in drawn  # the entry card names the other journey
        if diagram.name == "journeys/evil/curve":
            assert "<imgsrc=x" in drawn  # the call-out, shortened to the chart's width
            assert HOSTILE["pain"] in root.find(f"{SVG}desc").text  # type: ignore[union-attr,operator]
            assert HOSTILE["journey"] in root.find(f"{SVG}title").text  # type: ignore[union-attr,operator]
    tips = {a.get(f"{XLINK}title") for a in flow.iter(f"{SVG}a")}
    assert any(tip and tip.startswith(tooltip(HOSTILE["tp3"])) for tip in tips)


ALLOWED_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029"), min_size=1, max_size=40
).filter(lambda s: not FORBIDDEN.search(s) and one_line(s))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=ALLOWED_TEXT)
def test_any_text_round_trips_through_dot(text: str) -> None:
    """Label text comes back exactly (white space folded); a tooltip comes back as `tooltip` shows it."""
    label = one_line(text)
    tip = dot_tooltip(text).replace("\\", "\\\\").replace('"', '\\"')
    source = (
        f'digraph G {{ a [shape=none URL="x/" tooltip="{tip}" '
        f"label=<<TABLE><TR><TD>{html_label_text(label)}</TD></TR></TABLE>>] }}"
    )
    done = subprocess.run([REAL_DOT or "dot", "-Tsvg"], input=source.encode(), capture_output=True, check=False)  # type: ignore[list-item]
    assert done.returncode == 0, done.stderr
    root = ET.fromstring(done.stdout)
    drawn = "".join("".join(e.itertext()) for e in root.iter(f"{SVG}text"))
    assert drawn.replace(" ", "") == label.replace(" ", "")
    assert next(root.iter(f"{SVG}a")).get(f"{XLINK}title") == tooltip(text)


# ------------------------------------------------------------------------------------------------
# A big journey stays readable


def big_journey(root: Path, stages: int = 6, per_stage: int = 10) -> Path:
    names = [
        "Welcome call",
        "Online self-service portal with a long descriptive name",
        "SMS",
        "Store visit and in-person advice",
        "Chat",
        "Printed catalogue",
        "Invoice e-mail",
        "Contract renewal reminder",
        "App push",
        "Survey",
    ]
    departments = [f"d{n}" for n in range(11)]
    lines = ["departments:"] + [f"  - id: {d}\n    name: Department number {n}" for n, d in enumerate(departments)]
    journey = ["title: A very large journey", "persona: p", "owner: d0", "stages:"]
    for s in range(stages):
        journey += [
            f"  - id: s{s}",
            f"    name: Stage {s} with a name",
            f"    emotion: {(s % 5) - 2}",
            "    touchpoints:",
        ]
        for t in range(per_stage):
            index = s * per_stage + t
            following = [f"t{index + 1}"] if index + 1 < stages * per_stage and t % 3 else []
            if t == 0 and s + 1 < stages:
                following.append(f"t{index + per_stage + 2}")
            journey += [
                f"      - id: t{index}",
                f"        name: {names[t]} {index}",
                "        channel: website",
                f"        owner: d{index % 11}",
                f"        responsible: [d{(index + 3) % 11}]",
                f"        emotion: {(index * 7) % 5 - 2}",
                "        pain_points: [{text: Slow, severity: " + ("high" if index % 4 == 0 else "low") + "}]",
                f"        leads_to: [{', '.join(following)}]",
            ]
    maps = root / "maps"
    (maps / "journeys").mkdir(parents=True)
    (maps / "personas").mkdir()
    (maps / "departments.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (maps / "personas" / "p.yaml").write_text("name: P\nsummary: S\n", encoding="utf-8")
    (maps / "journeys" / "big.yaml").write_text("\n".join(journey) + "\n", encoding="utf-8")
    return maps


def test_sixty_touchpoints_stay_readable(tmp_path: Path) -> None:
    maps = load(big_journey(tmp_path))
    diagrams = [d for d in plan(maps) if d.name.startswith("journeys/")]
    svgs = render(diagrams)
    for diagram in diagrams:
        root = ET.fromstring(svgs[diagram.name])
        _, _, width, height = (float(v) for v in root.get("viewBox", "").split())
        # Six columns of ten cards: wide enough for a page, not a ribbon (the SVG scales down on narrow screens).
        assert width < 2600 and height < 2400 and 0.4 < width / height < 4, (diagram.name, width, height)
        links = Counter(a.get(f"{XLINK}href") for a in root.iter(f"{SVG}a") if a.get(f"{XLINK}href"))
        assert sum(1 for href in links if re.fullmatch(r"t\d+/", href or "")) == 60
    out = os.environ.get("JOURNEYMAPS_DIAGRAM_PNG_DIR")
    if out:  # for looking at it: JOURNEYMAPS_DIAGRAM_PNG_DIR=/tmp/look pytest -k sixty
        Path(out).mkdir(parents=True, exist_ok=True)
        for diagram in diagrams:
            if diagram.dot:
                png = f"{out}/{diagram.name.replace('/', '_')}.png"
                subprocess.run([REAL_DOT or "dot", "-Tpng", "-o", png], input=diagram.dot.encode(), check=True)
            else:
                Path(out, diagram.name.replace("/", "_") + ".svg").write_text(svgs[diagram.name], encoding="utf-8")


def test_the_smallest_maps_and_an_empty_stage_draw(make_maps) -> None:  # type: ignore[no-untyped-def]
    """One touchpoint, no scores, no pain, a stage without touchpoints (a warning, not an error)."""
    from journeymaps.codes import BASE

    maps = load(
        make_maps({"journeys/purchase.yaml": BASE["journeys/purchase.yaml"] + "  - id: later\n    name: Later\n"})
    )
    svgs = render(plan(maps))
    assert set(svgs) == {
        "journeys/purchase/flow",
        "journeys/purchase/blueprint",
        "journeys/purchase/curve",
        "departments/ecommerce/map",
    }
    curve = ET.fromstring(svgs["journeys/purchase/curve"])
    assert "No low points" in "".join(curve.itertext())


# ------------------------------------------------------------------------------------------------
# What validates must draw: long text is shortened, what `dot` cannot read is replaced


def test_a_nine_thousand_character_name_draws_shortened_with_the_full_text_kept(tmp_path: Path) -> None:
    """Graphviz refuses any one string over 16,384 bytes; the 10,000-character text limit allows 40,000."""
    long_name = ("Départment " * 820)[:9000]  # under the text limit, and 2 bytes for some characters
    maps = hostile_maps(tmp_path)
    departments = maps / "departments.yaml"
    departments.write_text(
        departments.read_text(encoding="utf-8").replace(
            json.dumps(HOSTILE["department"], ensure_ascii=False), json.dumps(long_name)
        ),
        encoding="utf-8",
    )
    journey = maps / "journeys" / "evil.yaml"
    journey.write_text(
        journey.read_text(encoding="utf-8").replace("name: Two", f"name: '{'&' * 9000}'"), encoding="utf-8"
    )
    loaded = load(maps)
    svgs = render(plan(loaded))
    for name, svg in svgs.items():
        root = ET.fromstring(svg)
        for element in root.iter():
            for value in [element.text or "", *element.attrib.values()]:
                if element.tag not in (f"{SVG}desc", f"{SVG}title"):
                    assert len(value) <= 1500, (name, element.tag, len(value))  # a tooltip at most, not the name
        if name in ("journeys/evil/flow", "departments/evil/map"):  # the text alternative keeps the whole name
            assert long_name in root.find(f"{SVG}desc").text  # type: ignore[union-attr,operator]
    drawn = visible_text(ET.fromstring(svgs["journeys/evil/flow"]))
    assert "Départment" in drawn and "…" in drawn


def test_characters_dot_cannot_read_are_replaced_not_fatal(tmp_path: Path) -> None:
    """Noncharacters (U+FFFF, U+FFFE, U+FDD0), controls and Unicode line breaks, had they passed validation."""
    from .crafted import UNREADABLE, crafted_maps

    maps_dir = hostile_maps(tmp_path)
    for path in maps_dir.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        for before in ("name: G one", "title: Good", "name: Two", "name: P"):
            text = text.replace(f"{before}\n", f"{before} MARK\n")
        path.write_text(text, encoding="utf-8")
    maps = crafted_maps(maps_dir, "MARK", UNREADABLE)
    svgs = render(plan(maps))
    assert len(svgs) == 8
    for name, svg in svgs.items():
        root = ET.fromstring(svg)  # well-formed XML, so no reader chokes on it
        for element in root.iter():
            for value in [element.text or "", element.tail or "", *element.attrib.values()]:
                assert not set(value) & set("\ufffe\uffff\ufdd0\U0010ffff\x01"), (name, element.tag, value)
    assert "\ufffd" in "".join(ET.fromstring(svgs["journeys/good/flow"]).itertext())
