"""A journey file 1 byte over the default 5 MiB limit (max_file_bytes), written at test time."""
import sys
from pathlib import Path

from journeymaps.codes import BASE, lay_out

maps = lay_out(Path(sys.argv[1]), {})
body = BASE["journeys/purchase.yaml"] + "summary: '"
(maps / "journeys/purchase.yaml").write_text(body + "x" * (5 * 1024 * 1024 + 1 - len(body) - 2) + "'\n", encoding="utf-8")
