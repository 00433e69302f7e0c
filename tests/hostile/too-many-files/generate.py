"""5,001 persona files: over max_files (5,000); refused before any file is read."""
import sys
from pathlib import Path

from journeymaps.codes import lay_out

maps = lay_out(Path(sys.argv[1]), {})
for i in range(5000):
    (maps / f"personas/p{i}.yaml").write_text("name: P\nsummary: S.\n", encoding="utf-8")
