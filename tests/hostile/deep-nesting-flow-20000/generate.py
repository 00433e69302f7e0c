"""A persona whose goals nest 20,000 flow lists deep ([[[...]]]): refused at max_depth, no crash."""
import sys
from pathlib import Path

from journeymaps.codes import lay_out

maps = lay_out(Path(sys.argv[1]), {})
(maps / "personas/shopper.yaml").write_text("name: Shopper\nsummary: Buys.\ngoals: " + "[" * 20000 + "]" * 20000 + "\n", encoding="utf-8")
