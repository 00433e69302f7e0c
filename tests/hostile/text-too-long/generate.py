"""A persona summary of 10,001 characters (max_text_length is 10,000) and a goal of 200,000."""
import sys
from pathlib import Path

from journeymaps.codes import lay_out

maps = lay_out(Path(sys.argv[1]), {})
(maps / "personas/shopper.yaml").write_text(f"name: Shopper\nsummary: {'x' * 10001}\ngoals:\n  - '{'y' * 200_000}'\n", encoding="utf-8")
