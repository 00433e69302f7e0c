"""A persona nesting 3,000 block mappings, one level and one more space of indentation per line (4.5 MB, under max_file_bytes)."""
import sys
from pathlib import Path

from journeymaps.codes import lay_out

maps = lay_out(Path(sys.argv[1]), {})
lines = ["name: Shopper", "summary: Buys.", "goals:"] + [" " * (i + 1) + "k:" for i in range(3000)]
(maps / "personas/shopper.yaml").write_text("\n".join(lines) + " x\n", encoding="utf-8")
