"""A persona with 2.6 million one-letter goals in a 5 MiB flow list: over max_values (100,000), refused in bounded memory."""
import sys
from pathlib import Path

from journeymaps.codes import lay_out

maps = lay_out(Path(sys.argv[1]), {})
(maps / "personas/shopper.yaml").write_text("name: Shopper\nsummary: Buys.\ngoals: [" + "a," * 2_600_000 + "a]\n", encoding="utf-8")
