"""1.7 million aliases of one anchor in a 5 MiB file: each alias is refused (JM007), but reading stops at max_values."""
import sys
from pathlib import Path

from journeymaps.codes import lay_out

maps = lay_out(Path(sys.argv[1]), {})
text = "name: Shopper\nsummary: Buys.\ngoals: &a [x]\nfrustrations: [" + "*a," * 1_700_000 + "*a]\n"
(maps / "personas/shopper.yaml").write_text(text, encoding="utf-8")
