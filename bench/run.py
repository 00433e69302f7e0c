"""The performance harness (issue 8): journeymaps against its floors and peers, side by side in one run.

    .venv/bin/python bench/run.py                      # 1,000, 5,000 and 10,000 touchpoints
    .venv/bin/python bench/run.py --quick              # 1,000 only, one run each: a smoke test
    .venv/bin/python bench/run.py --sizes 1000 --repeat 5 --out docs/benchmarks.md

Every number is a whole process (Python start-up and imports included), measured with `os.wait4`:
wall time (best of `--repeat`), CPU time (user + system, the process and the children it waited
for) and peak resident memory. The maps are synthetic (`bench/synth.py`, seeded) and written into a
temporary folder. Targets are checked here and only here: the test suite has no timed assertions.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PYTHON = sys.executable
JOURNEYMAPS = [PYTHON, "-m", "journeymaps"]
sys.path.insert(0, str(ROOT / "bench"))
import synth  # noqa: E402

# Whole-process single-run cap: a step slower than this at the largest size is run once, not best-of.
SLOW_STEP = 60.0
KINDS = ("departments", "persona", "journey", "kpis")

MKDOCS_YML = """\
site_name: Synthetic journeys
docs_dir: docs
theme:
  name: material
  features: [navigation.instant, navigation.tracking, navigation.sections, navigation.indexes, navigation.top,
             search.suggest, search.highlight, toc.follow]
plugins:
  - search
  - tags
{plugin}
markdown_extensions: [attr_list, md_in_html, admonition, {{toc: {{permalink: true}}}}]
{extra}
"""

LOAD_PYYAML = """\
import sys, yaml
from pathlib import Path
for path in sorted(Path(sys.argv[1]).rglob("*.yaml")):
    yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
"""

LOAD_YAML_RS = """\
import sys, yaml_rs
from pathlib import Path
for path in sorted(Path(sys.argv[1]).rglob("*.yaml")):
    yaml_rs.loads(path.read_text(encoding="utf-8"), parse_datetime=False)
"""

# The diagram phase alone: validate (not timed), then every diagram with an empty cache.
DIAGRAMS = """\
import json, resource, sys, time
from pathlib import Path
from journeymaps import validate
from journeymaps.diagrams import draw as render_diagrams
result = validate(Path(sys.argv[1]))
def cpu():
    a, b = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return a.ru_utime + a.ru_stime + b.ru_utime + b.ru_stime
c0, t0 = cpu(), time.perf_counter()
svgs = render_diagrams(result.maps, Path(sys.argv[2]))
wall, used = time.perf_counter() - t0, cpu() - c0
print(json.dumps({"wall": wall, "cpu": used, "diagrams": len(svgs)}))
"""


@dataclass
class Run:
    wall: float
    cpu: float
    rss_mb: float
    code: int
    out: str = ""


@dataclass
class Measure:
    """Best of several runs of one command."""

    runs: list[Run] = field(default_factory=list)

    @property
    def wall(self) -> float:
        return min(r.wall for r in self.runs)

    @property
    def cpu(self) -> float:
        return min(r.cpu for r in self.runs)

    @property
    def rss_mb(self) -> float:
        return max(r.rss_mb for r in self.runs)

    @property
    def n(self) -> int:
        return len(self.runs)


def run(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None, check: bool = True) -> Run:
    """One whole process: wall time, CPU time (with waited-for children) and peak RSS, via wait4."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    if check and proc.returncode != 0:
        raise SystemExit(f"bench: {' '.join(map(str, cmd))} failed with {proc.returncode}:\n{text[-3000:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode, text)


def best(
    cmd: list[str],
    repeat: int,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    before=None,
    slow: float = SLOW_STEP,
) -> Measure:
    measure = Measure()
    for _i in range(repeat):
        if before:
            before()
        measure.runs.append(run(cmd, cwd, env))
        if measure.runs[-1].wall > slow:
            break  # one run of a step this slow says enough; the table shows n=1
    return measure


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# ------------------------------------------------------------------------------------------------
# Sites


def write_site(folder: Path, maps: Path) -> Path:
    """A MkDocs project using the journeymaps plugin over `maps`."""
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    (folder / "docs" / "about.md").write_text("# About\n\nThe synthetic maps of the benchmark.\n", encoding="utf-8")
    plugin = f"  - journeymaps:\n      maps_dir: {maps}"
    (folder / "mkdocs.yml").write_text(MKDOCS_YML.format(plugin=plugin, extra=""), encoding="utf-8")
    return folder


def write_floor_site(folder: Path, generated: Path) -> Path:
    """A plain MkDocs project over the pages `journeymaps generate` wrote, with the plugin's navigation.

    The navigation lists what the plugin lists (home, journeys, departments, personas, the overview
    pages) and leaves touchpoint and channel pages out, as the plugin does: the same site, published.
    """
    docs = folder / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    shutil.copytree(generated, docs)
    (docs / ".journeymaps-generated").unlink(missing_ok=True)
    (docs / "about.md").write_text("# About\n\nThe synthetic maps of the benchmark.\n", encoding="utf-8")

    def listed(sub: str) -> list[str]:
        index = f"{sub}/index.md"
        if sub == "journeys":
            items = sorted(f"journeys/{p.name}/index.md" for p in (docs / "journeys").iterdir() if p.is_dir())
        else:
            items = sorted(f"{sub}/{p.name}" for p in (docs / sub).glob("*.md") if p.name != "index.md")
        return [index, *items]

    nav = ["  - index.md"]
    for title, sub in (("Journeys", "journeys"), ("Departments", "departments"), ("Personas", "personas")):
        nav.append(f"  - {title}:")
        nav.extend(f"      - {item}" for item in listed(sub))
    nav += ["  - ownership.md", "  - kpis.md", "  - pain-points.md", "  - channels/index.md", "  - about.md"]
    extra = (
        "extra_css: [assets/journeymaps/journeymaps.css]\nextra_javascript: [assets/journeymaps/journeymaps.js]\nnav:\n"
        + "\n".join(nav)
    )
    (folder / "mkdocs.yml").write_text(MKDOCS_YML.format(plugin="", extra=extra), encoding="utf-8")
    return folder


def counting_dot(folder: Path) -> tuple[Path, Path]:
    """A `dot` wrapper first on PATH that logs each `-Tsvg` run; returns (bin folder, log)."""
    real = shutil.which("dot")
    if real is None:
        raise SystemExit("bench: Graphviz `dot` is not on PATH")
    log = folder / "dot-runs.log"
    wrapper = folder / "bin" / "dot"
    wrapper.parent.mkdir(parents=True, exist_ok=True)
    wrapper.write_text(
        f'#!/bin/sh\ncase "$*" in *-Tsvg*) echo run >> "{log}";; esac\nexec "{real}" "$@"\n', encoding="utf-8"
    )
    wrapper.chmod(0o755)
    return wrapper.parent, log


def dot_runs(log: Path) -> int:
    return len(log.read_text().splitlines()) if log.exists() else 0


def edit_one_journey(maps: Path) -> None:
    """Change one stage goal: only that journey's flow diagram and pages change."""
    path = sorted((maps / "journeys").rglob("*.yaml"))[len(list((maps / "journeys").rglob("*.yaml"))) // 2]
    text = path.read_text(encoding="utf-8")
    stamp = f"(edited {time.time_ns()})"
    text = re.sub(
        r"(    goal: Get through \w+ without surprises)[^\n]*", lambda m: f"{m.group(1)} {stamp}", text, count=1
    )
    path.write_text(text, encoding="utf-8")


# ------------------------------------------------------------------------------------------------
# One size


def bench_size(size: int, work: Path, repeat: int, quick: bool) -> dict[str, object]:  # noqa: C901 - a measurement script read top to bottom: each branch is one step being timed
    folder = work / f"tp{size}"
    maps = folder / "maps"
    counts = synth.write(maps, size)
    say(f"{size:,} touchpoints: {counts['journeys']} journeys, {sum(1 for _ in maps.rglob('*.yaml'))} files, "
        f"{sum(p.stat().st_size for p in maps.rglob('*.yaml')) / 1e6:.1f} MB")  # fmt: skip
    r: dict[str, object] = {"size": size, "counts": counts}

    # Validation and its floors and peer.
    say("  validate, PyYAML C loader, yaml-rs")
    trio = {
        "validate": [*JOURNEYMAPS, "validate", str(maps)],
        "pyyaml": [PYTHON, "-c", LOAD_PYYAML, str(maps)],
        "yamlrs": [PYTHON, "-c", LOAD_YAML_RS, str(maps)],
    }
    for key in trio:
        r[key] = Measure()
    for _attempt in range(repeat + 2):  # interleaved, so that a busy moment of a shared machine hits all three alike
        for key, cmd in trio.items():
            r[key].runs.append(run(cmd))  # type: ignore[attr-defined]
    schemas = folder / "schemas"
    schemas.mkdir(exist_ok=True)
    for kind in KINDS:
        (schemas / f"{kind}.schema.json").write_text(run([*JOURNEYMAPS, "schema", kind]).out, encoding="utf-8")
    groups = {
        "departments": [maps / "departments.yaml"],
        "kpis": [maps / "kpis.yaml"],
        "persona": sorted((maps / "personas").glob("*.yaml")),
        "journey": sorted((maps / "journeys").rglob("*.yaml")),
    }
    say("  check-jsonschema with our schemas (4 processes, one per file kind)")
    peer_runs: list[Run] = []
    for _attempt in range(repeat):
        wall = cpu = rss = 0.0
        for kind, files in groups.items():
            one = run(
                [str(BIN / "check-jsonschema"), "--schemafile", str(schemas / f"{kind}.schema.json"), *map(str, files)]
            )
            wall, cpu, rss = wall + one.wall, cpu + one.cpu, max(rss, one.rss_mb)
        peer_runs.append(Run(wall, cpu, rss, 0))
        if wall > 20:
            break
    r["peer"] = Measure(peer_runs)

    # Diagrams alone, with an empty cache.
    say("  diagram phase alone (empty cache)")
    phase = []
    for _attempt in range(1 if quick else min(repeat, 2)):
        cache = folder / "phase-cache"
        shutil.rmtree(cache, ignore_errors=True)
        one = run([PYTHON, "-c", DIAGRAMS, str(maps), str(cache)], cwd=ROOT)
        phase.append(json.loads(one.out.strip().splitlines()[-1]))
        if phase[-1]["wall"] > SLOW_STEP:
            break
    r["diagrams"] = min(phase, key=lambda p: p["wall"])

    # Builds: cold (empty cache), then warm after one edit, counting dot runs.
    site = write_site(folder / "site", maps)
    dot_bin, dot_log = counting_dot(folder)
    env = {**os.environ, "PATH": f"{dot_bin}{os.pathsep}{os.environ['PATH']}"}
    cache = site / ".cache"

    def cold() -> None:
        shutil.rmtree(cache, ignore_errors=True)
        dot_log.unlink(missing_ok=True)

    say("  cold journeymaps build")
    r["cold"] = best([*JOURNEYMAPS, "build"], repeat, cwd=site, env=env, before=cold)
    r["cold_dot_runs"] = dot_runs(dot_log)
    say(f"    {r['cold'].wall:.1f} s, {r['cold_dot_runs']} dot runs")  # type: ignore[attr-defined]

    warm_runs, warm_dots = [], []
    say("  warm rebuild after editing one journey")
    for _attempt in range(repeat):
        edit_one_journey(maps)
        dot_log.unlink(missing_ok=True)
        warm_runs.append(run([*JOURNEYMAPS, "build"], cwd=site, env=env))
        warm_dots.append(dot_runs(dot_log))
        if warm_runs[-1].wall > SLOW_STEP:
            break
    r["warm"] = Measure(warm_runs)
    r["warm_dot_runs"] = max(warm_dots)

    # The publisher's floor: plain mkdocs build of the same pages, generated once.
    say("  journeymaps generate, then plain mkdocs build of the same pages")
    generated = folder / "generated"
    run([*JOURNEYMAPS, "generate", str(generated), "--maps-dir", str(maps)], cwd=site, env=env)
    floor = write_floor_site(folder / "floor", generated)
    r["floor"] = best([str(BIN / "mkdocs"), "build", "--quiet"], repeat, cwd=floor)
    say(f"    floor {r['floor'].wall:.1f} s")  # type: ignore[attr-defined]
    r["pages"] = sum(1 for _ in (floor / "site").rglob("index.html"))
    shutil.rmtree(folder / "floor" / "site", ignore_errors=True)
    shutil.rmtree(site / "site", ignore_errors=True)
    return r


# ------------------------------------------------------------------------------------------------
# serve


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_serve(work: Path, repeat: int) -> dict[str, float]:
    """`journeymaps serve` on a copy of the example site: seconds from one YAML edit to the changed page."""
    site = work / "serve"
    for part in ("maps", "site_docs"):
        shutil.copytree(ROOT / part, site / part)
    shutil.copy(ROOT / "mkdocs.yml", site / "mkdocs.yml")
    port = free_port()
    url = f"http://127.0.0.1:{port}/journeys/online-purchase/"
    log = open(site / "serve.log", "wb")
    proc = subprocess.Popen(
        [*JOURNEYMAPS, "serve", "-a", f"127.0.0.1:{port}"],
        cwd=site,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )

    def fetch() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8", "replace")
        except OSError:
            return ""

    times: list[float] = []
    try:
        deadline = time.monotonic() + 180
        while not fetch():
            if time.monotonic() > deadline or proc.poll() is not None:
                raise SystemExit(f"bench: serve did not come up; see {site / 'serve.log'}")
            time.sleep(0.2)
        journey = site / "maps" / "journeys" / "online-purchase.yaml"
        original = journey.read_text(encoding="utf-8")
        for attempt in range(repeat):
            marker = f"Benchmark edit {attempt} {time.time_ns()}"
            journey.write_text(
                original.replace("title: Online purchase", f"title: {marker}, online purchase", 1), encoding="utf-8"
            )
            start = time.monotonic()
            while marker not in fetch():
                if time.monotonic() - start > 120:
                    raise SystemExit(f"bench: serve did not reload within 120 s; see {site / 'serve.log'}")
                time.sleep(0.05)
            times.append(time.monotonic() - start)
            time.sleep(1.0)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()
    return {"best": min(times), "runs": len(times)}


# ------------------------------------------------------------------------------------------------
# Report


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        pass
    memory = "unknown"
    try:
        kb = int(
            next(
                line.split()[1]
                for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")
            )
        )
        memory = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    dot = subprocess.run(["dot", "-V"], capture_output=True, text=True).stderr.strip()
    return {
        "cores": str(os.cpu_count()), "cpu": cpu, "memory": memory, "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()}", "dot": dot,
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }  # fmt: skip


def fmt_s(m: Measure | float) -> str:
    if isinstance(m, Measure):
        return f"{m.wall:.2f} s" + (" (1 run)" if m.n == 1 else "")
    return f"{m:.2f} s"


def status(ok: bool) -> str:
    return "**met**" if ok else "**missed**"


def report(
    results: list[dict[str, object]], serve: dict[str, float] | None, info: dict[str, str], seconds: float, repeat: int
) -> str:
    lines = [
        f"Machine: {info['cores']} cores, {info['cpu']}, {info['memory']} RAM, {info['os']}, Python "
        f"{info['python']}, {info['dot']}; "
        f"run {info['date']}, best of {repeat} whole-process runs (wall time), harness time {seconds / 60:.1f} min.",
        "",
        "| touchpoints | journeys / files | validate | PyYAML C load | yaml-rs load | check-jsonschema | validate ÷ "
        "PyYAML (wall / CPU) | check-jsonschema ÷ validate (wall / CPU) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        v, p, y, c = r["validate"], r["pyyaml"], r["yamlrs"], r["peer"]
        counts = r["counts"]
        lines.append(
            f"| {r['size']:,} | {counts['journeys']} / {counts['journeys'] + counts['personas'] + 2} | {fmt_s(v)} | "
            f"{fmt_s(p)} | {fmt_s(y)} | {fmt_s(c)} "
            f"| {v.wall / p.wall:.2f} / {v.cpu / p.cpu:.2f} | {c.wall / v.wall:.1f} / {c.cpu / v.cpu:.1f} |"
        )
    lines += [
        "",
        "| touchpoints | pages | cold build | plain mkdocs build (floor) | warm rebuild, one edit | warm ÷ floor "
        "(wall / CPU) | `dot` runs cold / warm | diagram phase wall / CPU (CPU ÷ wall) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        d = r["diagrams"]
        lines.append(
            f"| {r['size']:,} | {r['pages']:,} | {fmt_s(r['cold'])} | {fmt_s(r['floor'])} | {fmt_s(r['warm'])} | "
            f"{r['warm'].wall / r['floor'].wall:.2f} / {r['warm'].cpu / r['floor'].cpu:.2f} "
            f"| {r['cold_dot_runs']} / {r['warm_dot_runs']} | {d['wall']:.2f} s / {d['cpu']:.2f} s "
            f"({d['cpu'] / d['wall']:.2f}) |"
        )
    lines += [
        "",
        "| touchpoints | CPU: validate / PyYAML / yaml-rs | validate peak RSS | CPU: cold build / warm / floor | "
        "peak RSS: build / floor | validate ms / touchpoint | cold build ms / touchpoint | warm rebuild ms / "
        "touchpoint |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        size = r["size"]
        lines.append(
            f"| {size:,} | {r['validate'].cpu:.2f} / {r['pyyaml'].cpu:.2f} / {r['yamlrs'].cpu:.2f} s | "
            f"{r['validate'].rss_mb:.0f} MB "
            f"| {r['cold'].cpu:.1f} / {r['warm'].cpu:.1f} / {r['floor'].cpu:.1f} s | "
            f"{max(r['cold'].rss_mb, r['warm'].rss_mb):.0f} / {r['floor'].rss_mb:.0f} MB "
            f"| {r['validate'].wall / size * 1000:.3f} | {r['cold'].wall / size * 1000:.2f} | "
            f"{r['warm'].wall / size * 1000:.2f} |"
        )
    if serve:
        lines += [
            "",
            f"`journeymaps serve` on the example maps: the edited journey page changed {serve['best']:.2f} s after "
            f"one YAML edit (best of {serve['runs']}).",
        ]
    lines += ["", "Targets (at the largest size measured):", ""]
    top, small = results[-1], results[0]
    v, p, c = top["validate"], top["pyyaml"], top["peer"]
    d = top["diagrams"]
    flat = [
        (
            name,
            top[key].wall / top["size"] / (small[key].wall / small["size"]),
            top[key].cpu / top["size"] / (small[key].cpu / small["size"]),
        )
        for name, key in (("validate", "validate"), ("cold build", "cold"), ("warm rebuild", "warm"))
    ]
    targets = [
        (
            "`validate` ≤ 0.4 × PyYAML C-loader load",
            v.wall / p.wall <= 0.4,
            f"{v.wall / p.wall:.2f} (CPU {v.cpu / p.cpu:.2f})",
        ),
        (
            "`validate` ≥ 15 × faster than check-jsonschema",
            c.wall / v.wall >= 15,
            f"{c.wall / v.wall:.1f} × (CPU {c.cpu / v.cpu:.1f} ×)",
        ),
        (
            "warm rebuild ≤ 1.2 × plain `mkdocs build`",
            top["warm"].wall / top["floor"].wall <= 1.2,
            f"{top['warm'].wall / top['floor'].wall:.2f} (CPU {top['warm'].cpu / top['floor'].cpu:.2f})",
        ),
        ("warm rebuild runs `dot` exactly once", top["warm_dot_runs"] == 1, str(top["warm_dot_runs"])),
        (
            "diagram phase CPU ÷ wall ≥ 1.7 on 2 cores",
            d["cpu"] / d["wall"] >= 1.7,
            f"{d['cpu'] / d['wall']:.2f} on {info['cores']} cores",
        ),
        (
            "`build` peak memory < 500 MB",
            max(top["cold"].rss_mb, top["warm"].rss_mb) < 500,
            f"{max(top['cold'].rss_mb, top['warm'].rss_mb):.0f} MB",
        ),
    ]
    if len(results) > 1:
        for name, ratio, cpu_ratio in flat:
            targets.append(
                (
                    f"{name}: cost per touchpoint {small['size']:,} → {top['size']:,} ≤ 1.2 ×",
                    ratio <= 1.2,
                    f"{ratio:.2f} × (CPU {cpu_ratio:.2f} ×)",
                )
            )
    lines += ["| target | measured | status |", "| --- | ---: | --- |"]
    lines += [f"| {name} | {value} | {status(ok)} |" for name, ok, value in targets]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description="journeymaps performance harness (issue 8)")
    parser.add_argument(
        "--sizes", default="1000,5000,10000", help="touchpoint counts, comma-separated (default: 1000,5000,10000)"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="best of N whole-process runs (default: 3; slow steps run once)"
    )
    parser.add_argument("--quick", action="store_true", help="1,000 touchpoints, one run each: a smoke test")
    parser.add_argument("--no-serve", action="store_true", help="skip the serve reload measurement")
    parser.add_argument(
        "--out",
        type=Path,
        help="also write the table as Markdown into this file (between the BENCH markers if it has them)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--baseline",
        metavar="PYTHON",
        help="compare with the previous release installed in this interpreter's virtualenv (bench/compare.py)",
    )
    parser.add_argument(
        "--parts",
        default="serve,pages,builds,checks",
        help="with --baseline: which parts to measure (serve, pages, builds, checks; default: all)",
    )
    args = parser.parse_args()
    if args.baseline:
        return compare_main(args)
    sizes = [1000] if args.quick else [int(s) for s in args.sizes.split(",") if s.strip()]
    repeat = 1 if args.quick else max(1, args.repeat)
    start = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="journeymaps-bench-"))
    say(f"working in {work}")
    try:
        results = [bench_size(size, work, repeat, args.quick) for size in sizes]
        serve = None
        if not args.no_serve:
            say("serve: reload after one YAML edit on the example maps")
            serve = bench_serve(work, 1 if args.quick else repeat)
        table = report(results, serve, machine(), time.monotonic() - start, repeat)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print()
    print(table)
    if args.out:
        existing = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        begin, end = "<!-- BENCH:BEGIN -->", "<!-- BENCH:END -->"
        if begin in existing and end in existing:
            head, _, rest = existing.partition(begin)
            _, _, tail = rest.partition(end)
            args.out.write_text(f"{head}{begin}\n{table}{end}{tail}", encoding="utf-8")
        else:
            args.out.write_text(f"# Benchmarks\n\n{begin}\n{table}{end}\n", encoding="utf-8")
        say(f"wrote {args.out}")
    return 0


def compare_main(args: argparse.Namespace) -> int:
    """`--baseline`: this version and the previous release on the same maps, in one table (issue 15)."""
    import compare

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    start = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="journeymaps-compare-"))
    say(f"working in {work}")
    try:
        results = compare.compare(args.baseline, sizes, work, [p.strip() for p in args.parts.split(",")])
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    info = machine()
    head = (
        f"Machine: {info['cores']} cores, {info['cpu']}, Python {info['python']}; run {info['date']}, one run of each "
        f"step (harness time {(time.monotonic() - start) / 60:.1f} min).\n\n"
    )
    text = head + compare.table(results)
    print()
    print(text)
    if args.out:
        existing = args.out.read_text(encoding="utf-8")
        begin, end = "<!-- COMPARE:BEGIN -->", "<!-- COMPARE:END -->"
        head_part, _, rest = existing.partition(begin)
        _, _, tail = rest.partition(end)
        args.out.write_text(f"{head_part}{begin}\n{text}{end}{tail}", encoding="utf-8")
        say(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
