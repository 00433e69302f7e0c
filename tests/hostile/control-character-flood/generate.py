"""A 4 MiB persona made of bell characters (U+0007): the first 20 are listed, no million-line report."""
import sys
from pathlib import Path

from journeymaps.codes import lay_out

maps = lay_out(Path(sys.argv[1]), {})
(maps / "personas/shopper.yaml").write_text("name: Shopper\nsummary: '" + "\a" * (4 * 1024 * 1024) + "'\n", encoding="utf-8")
