"""MkDocs against Zensical (issue 12): `journeymaps build` and `journeymaps build --engine zensical` on the same maps.

    .venv/bin/python bench/engines.py                    # the example maps and 1,000 synthetic touchpoints
    .venv/bin/python bench/engines.py --sizes 1000,5000 --repeat 3

Each figure is one whole `journeymaps build` process measured with `os.wait4` (bench/run.py's `run`): wall
time (best of `--repeat`), CPU time of the process and the children it waited for (`dot`, and with
Zensical its build process), and peak resident memory, which for a process tree is the largest single
process (with Zensical: journeymaps while it generates the pages, or Zensical while it builds them).
The diagram cache is warmed first, so both engines are timed on the same, warm diagrams; the runs of
the two engines alternate so that the machine's load falls on both.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth
from run import JOURNEYMAPS, ROOT, Measure, machine, run, write_site

ENGINES = ("mkdocs", "zensical")


def example_site(folder: Path) -> Path:
    shutil.copytree(ROOT / "maps", folder / "maps")
    shutil.copytree(ROOT / "site_docs", folder / "site_docs")
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    return folder


def synthetic_site(folder: Path, touchpoints: int) -> Path:
    synth.write(folder / "maps", touchpoints)
    return write_site(folder, folder / "maps")


def measure(site: Path, repeat: int) -> dict[str, Measure]:
    run([*JOURNEYMAPS, "build", "-d", str(site / "warm")], cwd=site)  # fills the diagram cache
    results = {engine: Measure() for engine in ENGINES}
    for _ in range(repeat):
        for engine in ENGINES:
            results[engine].runs.append(
                run([*JOURNEYMAPS, "build", "--engine", engine, "-d", str(site / f"site-{engine}")], cwd=site)
            )
    pages = sum(1 for _ in (site / "site-mkdocs").rglob("index.html"))
    zpages = sum(1 for _ in (site / "site-zensical").rglob("index.html"))
    print(f"  pages: mkdocs {pages}, zensical {zpages}", flush=True)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000", help="synthetic touchpoint counts, comma-separated")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    info = machine()
    print(", ".join(f"{k}: {v}" for k, v in info.items()), flush=True)
    rows = []
    with tempfile.TemporaryDirectory(prefix="jm-engines-") as tmp:
        sites = [("example maps (56 touchpoints)", example_site(Path(tmp) / "example"))]
        for size in (int(s) for s in args.sizes.split(",") if s):
            sites.append((f"{size:,} touchpoints", synthetic_site(Path(tmp) / f"synth-{size}", size)))
        for label, site in sites:
            print(f"{label}:", flush=True)
            results = measure(site, args.repeat)
            m, z = results["mkdocs"], results["zensical"]
            rows.append(
                f"| {label} | {m.wall:.2f} s | {z.wall:.2f} s | {z.wall / m.wall:.2f} | {m.cpu:.1f} s | {z.cpu:.1f} s "
                f"| {m.rss_mb:.0f} MB | {z.rss_mb:.0f} MB |"
            )
            print(rows[-1], flush=True)
    print("\n| maps | MkDocs wall | Zensical wall | Zensical ÷ MkDocs | MkDocs CPU | Zensical CPU "
          "| MkDocs peak RSS | Zensical peak RSS (largest process) |")  # fmt: skip
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
