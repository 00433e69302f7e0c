"""This version against the previous release, side by side in one run (issue 15): `bench/run.py --baseline PYTHON`.

PYTHON is the interpreter of a virtualenv with the previous release installed (commit cc96416:
`git worktree add ../baseline cc96416 && (cd ../baseline && bash .ci/setup)`, then
`--baseline ../baseline/.venv/bin/python`). On the same synthetic maps, one after the other:

- serve: a real `journeymaps serve` of the synthetic site; seconds from writing one YAML edit to the served page
  showing it: a stage goal (the journey's page), then a touchpoint's owner (the new owner's department page);
- cold build (empty diagram cache, no site) and warm rebuild after one stage goal changed (cache and site kept):
  wall time, CPU time (with `dot`) and peak memory of the whole process;
- the median touchpoint page of a site with 12 departments and of one with 600 (this version only);
- validate against a bare PyYAML C-loader load, and the diagram phase's CPU ÷ wall (this version only).
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import time
import urllib.request
from collections.abc import Sequence
from pathlib import Path

import run as harness
import synth

SERVE_SIZE = 1000
PAGE_SIZE_TOUCHPOINTS = 600
TARGETS = {"serve": 0.15, "cold": 0.5, "cold_rss": 0.5, "warm": 0.25, "pages": 1.5, "validate": 0.4, "diagrams": 1.7}


def command(python: str) -> str:
    """The `journeymaps` console script beside the interpreter (the previous release's package was `generator`)."""
    return str(Path(python).absolute().parent / "journeymaps")


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8", "replace"))
    except OSError:
        return ""


def cpu_of(pid: int) -> float:
    """CPU seconds (user + system) of a running process and the children it waited for (`dot`), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(f) for f in fields[11:15]) / harness.os.sysconf("SC_CLK_TCK")


def wait(url: str, present: str, limit: float = 900) -> float:
    start = time.monotonic()
    while present not in fetch(url):
        if time.monotonic() - start > limit:
            raise SystemExit(f"bench: {url} did not show {present!r} within {limit:g} s")
        time.sleep(0.05)
    return time.monotonic() - start


def touchpoint_block(text: str, index: int) -> tuple[str, str, str]:
    """(block, id, owner) of the `index`-th touchpoint of a synthetic journey file."""
    blocks = re.findall(r"      - id: (tp-[^\n]+)\n(?:        [^\n]*\n)+", text)
    ident = blocks[index]
    block = re.search(rf"      - id: {re.escape(ident)}\n(?:        [^\n]*\n)+", text)
    assert block is not None
    owner = re.search(r"        owner: (\S+)", block.group(0))
    assert owner is not None
    return block.group(0), ident, owner.group(1)


def bench_serve(python: str, folder: Path, maps: Path) -> dict[str, float]:
    """Seconds from an edit to the served page showing it: a stage goal, then a touchpoint's owner."""
    site = harness.write_site(folder, maps)
    port = harness.free_port()
    base = f"http://127.0.0.1:{port}"
    journey_file = sorted(maps.rglob("journey-0010.yaml"))[0]
    log = (folder / "serve.log").open("wb")
    process = subprocess.Popen(
        [command(python), "serve", "-a", f"127.0.0.1:{port}"],
        cwd=site, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        wait(f"{base}/journeys/journey-0010/", "Journey 10")
        time.sleep(2)
        text = journey_file.read_text(encoding="utf-8")
        marker = f"edited {time.time_ns()}"
        text = text.replace("without surprises", f"without surprises ({marker})", 1)
        before = cpu_of(process.pid)
        journey_file.write_text(text, encoding="utf-8")
        goal = wait(f"{base}/journeys/journey-0010/", marker)
        goal_cpu = cpu_of(process.pid) - before
        time.sleep(3)  # let a second rebuild (if the watcher fires twice) pass
        block, ident, owner = touchpoint_block(text, 7)
        named = set(re.findall(r"[a-z][a-z-]+", block.split("owner:", 1)[1]))
        new_owner = next(d for d, _, _ in synth.DEPARTMENTS if d != owner and d not in named)
        page = f"{base}/departments/{new_owner}/"
        assert f"journey-0010/{ident}/" not in fetch(page)
        before = cpu_of(process.pid)
        journey_file.write_text(text.replace(block, block.replace(f"owner: {owner}", f"owner: {new_owner}")), "utf-8")
        moved = wait(page, f"journey-0010/{ident}/")
        return {"goal": goal, "goal_cpu": goal_cpu, "owner": moved, "owner_cpu": cpu_of(process.pid) - before}
    finally:
        harness.os.killpg(process.pid, harness.signal.SIGTERM)
        process.wait(timeout=60)
        log.close()


def builds(python: str, folder: Path, maps: Path) -> dict[str, harness.Run]:
    """A cold build, then a warm one after a stage goal changed, with this interpreter's journeymaps."""
    site = harness.write_site(folder, maps)
    build = [command(python), "build"]
    cold = harness.run(build, cwd=site)
    harness.edit_one_journey(maps)
    warm = harness.run(build, cwd=site)
    shutil.rmtree(site / "site", ignore_errors=True)
    return {"cold": cold, "warm": warm}


def touchpoint_pages(folder: Path, departments: int) -> float:
    """The median size of the touchpoint pages of a built synthetic site with this many departments."""
    maps = folder / "maps"
    synth.write(maps, PAGE_SIZE_TOUCHPOINTS, departments=departments)
    site = harness.write_site(folder / "site", maps)
    harness.run([harness.PYTHON, "-m", "journeymaps", "build"], cwd=site)
    sizes = [p.stat().st_size for p in (site / "site" / "journeys").glob("journey-*/tp-*/index.html")]
    shutil.rmtree(site / "site", ignore_errors=True)
    return statistics.median(sizes)


PARTS = ("serve", "pages", "builds", "checks")
"""What `--parts` may name: serve at 1,000, page sizes, builds at each size, validate and the diagram phase."""


def compare(baseline: str, sizes: list[int], work: Path, parts: Sequence[str] = PARTS) -> dict[str, object]:
    """Measure the `parts` asked for; a long run can be split in parts (e.g. the 10,000-touchpoint builds apart)."""
    results: dict[str, object] = {"sizes": {}}
    engines = {"this": harness.PYTHON, "previous": baseline}
    if "serve" in parts:
        harness.say(f"serve at {SERVE_SIZE:,} touchpoints")
        serve: dict[str, dict[str, float]] = {}
        for name, python in engines.items():
            maps = work / f"serve-{name}" / "maps"
            synth.write(maps, SERVE_SIZE)
            serve[name] = bench_serve(python, maps.parent, maps)
            harness.say(f"  {name}: {serve[name]}")
        results["serve"] = serve
    if "pages" in parts:
        harness.say("touchpoint pages with 12 and 600 departments")
        results["pages"] = {d: touchpoint_pages(work / f"departments-{d}", d) for d in (12, 600)}
        harness.say(f"  {results['pages']}")
    for size in sizes if "builds" in parts else []:
        per: dict[str, object] = {}
        for name, python in engines.items():
            maps = work / f"tp{size}-{name}" / "maps"
            synth.write(maps, size)
            harness.say(f"{size:,} touchpoints: builds with {name}")
            per[name] = got = builds(python, maps.parent / "site", maps)
            for step, one in got.items():
                harness.say(f"  {step}: {one.wall:.1f} s wall, {one.cpu:.1f} s CPU, {one.rss_mb:.0f} MB")
        results["sizes"][size] = per  # type: ignore[index]
    if "checks" not in parts:
        return results
    largest = work / f"tp{max(sizes)}-this" / "maps"
    if not largest.exists():
        synth.write(largest, max(sizes))
    harness.say("validate and PyYAML, the diagram phase")
    validate: list[harness.Run] = []
    pyyaml: list[harness.Run] = []
    for _ in range(5):  # interleaved, best of 5: short steps on a shared machine
        validate.append(harness.run([*harness.JOURNEYMAPS, "validate", str(largest)]))
        pyyaml.append(harness.run([harness.PYTHON, "-c", harness.LOAD_PYYAML, str(largest)]))
    results["validate"], results["pyyaml"] = harness.Measure(validate), harness.Measure(pyyaml)
    phase = harness.run([harness.PYTHON, "-c", harness.DIAGRAMS, str(largest), str(work / "phase-cache")])
    results["diagrams"] = harness.json.loads(phase.out.strip().splitlines()[-1])
    return results


def table(results: dict[str, object]) -> str:
    def row(what: str, this: float, previous: float, target: float, unit: str = "s", higher: bool = False) -> str:
        ratio = this / previous if previous else float("nan")
        met = ratio >= target if higher else ratio <= target
        shown = f"{this:.2f} {unit}" if unit == "s" else f"{this:,.0f} {unit}"
        before = f"{previous:.2f} {unit}" if unit == "s" else f"{previous:,.0f} {unit}"
        sign = "≥" if higher else "≤"
        return f"| {what} | {shown} | {before} | {ratio:.2f} | {sign} {target} | {'met' if met else '**missed**'} |"

    lines = [
        "| measure | this version | previous release (cc96416) | ratio | target | status |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    serve = results.get("serve", {})
    assert isinstance(serve, dict)
    for key, what in (("goal", "stage goal"), ("owner", "owner change, department page")) if serve else ():
        this, previous = serve["this"][key], serve["previous"][key]
        lines.append(row(f"serve at {SERVE_SIZE:,}: {what} shows after, wall", this, previous, TARGETS["serve"]))
        this, previous = serve["this"][f"{key}_cpu"], serve["previous"][f"{key}_cpu"]
        lines.append(row(f"serve at {SERVE_SIZE:,}: {what}, serve's CPU", this, previous, TARGETS["serve"]))
    for size, per in results["sizes"].items():  # type: ignore[attr-defined]
        this, previous = per["this"], per["previous"]
        lines.append(row(f"cold build {size:,}, wall", this["cold"].wall, previous["cold"].wall, TARGETS["cold"]))
        lines.append(row(f"cold build {size:,}, CPU", this["cold"].cpu, previous["cold"].cpu, TARGETS["cold"]))
        rss = this["cold"].rss_mb, previous["cold"].rss_mb
        lines.append(row(f"cold build {size:,}, peak memory", *rss, TARGETS["cold_rss"], unit="MB"))
        lines.append(row(f"warm rebuild {size:,}, wall", this["warm"].wall, previous["warm"].wall, TARGETS["warm"]))
        lines.append(row(f"warm rebuild {size:,}, CPU", this["warm"].cpu, previous["warm"].cpu, TARGETS["warm"]))
    own: list[tuple[str, str, float, str, bool]] = []
    pages = results.get("pages")
    if isinstance(pages, dict):
        own.append(("median touchpoint page: 600 departments ÷ 12", f"{pages[600]:,.0f} B ÷ {pages[12]:,.0f} B",
                    pages[600] / pages[12], "pages", False))  # fmt: skip
    validate, pyyaml, phase = results.get("validate"), results.get("pyyaml"), results.get("diagrams")
    if isinstance(validate, harness.Measure) and isinstance(pyyaml, harness.Measure) and isinstance(phase, dict):
        own += [
            ("validate ÷ PyYAML C load (largest size, best of 5), wall",
             f"{validate.wall:.2f} s ÷ {pyyaml.wall:.2f} s", validate.wall / pyyaml.wall, "validate", False),
            ("validate ÷ PyYAML C load (largest size, best of 5), CPU",
             f"{validate.cpu:.2f} s ÷ {pyyaml.cpu:.2f} s", validate.cpu / pyyaml.cpu, "validate", False),
            ("diagram phase (largest size), CPU ÷ wall", f"{phase['cpu']:.1f} s ÷ {phase['wall']:.1f} s",
             phase["cpu"] / phase["wall"], "diagrams", True),
        ]  # fmt: skip
    for what, shown, ratio, target, higher in own:
        met = ratio >= TARGETS[target] if higher else ratio <= TARGETS[target]
        sign = "≥" if higher else "≤"
        verdict = "met" if met else "**missed**"
        lines.append(f"| {what} | {shown} | – | {ratio:.2f} | {sign} {TARGETS[target]} | {verdict} |")
    return "\n".join(lines) + "\n"
