"""A persona nesting 20,000 block sequences ('- - - … x', compact notation, 40 kB): yaml-rs would overflow its stack."""
import sys
from pathlib import Path

from journeymaps.codes import lay_out

maps = lay_out(Path(sys.argv[1]), {})
(maps / "personas/shopper.yaml").write_text("name: Shopper\nsummary: Buys.\ngoals:\n  " + "- " * 20_000 + "x\n", encoding="utf-8")
