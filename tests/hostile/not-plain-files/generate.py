"""Entries named like map files that are not plain files: a FIFO (reading it would block for ever) and a folder."""

import os
import sys
from pathlib import Path

from journeymaps.codes import lay_out

maps = lay_out(Path(sys.argv[1]), {})
os.mkfifo(maps / "journeys" / "returns.yaml")
os.mkfifo(maps / "kpis.yaml")
(maps / "journeys" / "quotes.yaml").mkdir()
(maps / "journeys" / "quotes.yaml" / "draft.yaml").write_text("title: x\n", encoding="utf-8")
(maps / "personas" / "buyer.yml").mkdir()
