"""30,000 duplicate keys in one touchpoint (under max_values): the first 20 are listed, the rest counted on one line."""
import sys
from pathlib import Path

from journeymaps.codes import BASE, lay_out

maps = lay_out(Path(sys.argv[1]), {})
journey = BASE["journeys/purchase.yaml"] + "".join("        channel: email\n" for _ in range(30_000))
(maps / "journeys/purchase.yaml").write_text(journey, encoding="utf-8")
