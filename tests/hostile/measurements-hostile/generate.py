"""Hostile measurements files, written at test time: one over max_file_bytes, one of 5 MiB of tiny rows
(over max_values), an escape sequence in a note and an upper-case .CSV."""
import sys
from pathlib import Path

from journeymaps.codes import _MEASURED_JOURNEY, lay_out

KPIS = "kpis:\n" + "".join(
    f"  - id: {kpi}\n    name: {kpi}\n    unit: count\n    direction: up\n    owner: ecommerce\n"
    for kpi in ("big", "many-rows", "escape", "upper")
)
maps = lay_out(Path(sys.argv[1]), {
    "kpis.yaml": KPIS,
    "journeys/purchase.yaml": _MEASURED_JOURNEY.replace("kpis: [nps]", "kpis: [big, many-rows, escape, upper]"),
})
folder = maps / "measurements"
folder.mkdir()
header = "date,value\n"
(folder / "big.csv").write_text(header + "2026-01-01,1\n" + "#" * (5 * 1024 * 1024), encoding="utf-8")
lines = [header]
size = len(header)
year, day = 1000, 0
while size < 5 * 1024 * 1024 - 64:
    line = f"{year + day // 12:04d}-{day % 12 + 1:02d}-01,{day}\n"
    lines.append(line)
    size += len(line)
    day += 1
(folder / "many-rows.csv").write_text("".join(lines), encoding="utf-8")
(folder / "escape.csv").write_text("date,value,note\n2026-10-31,3,\x1b[2J\x1b[31mpwned\n", encoding="utf-8")
(folder / "UPPER.CSV").write_text(header + "2026-10-31,3\n", encoding="utf-8")
