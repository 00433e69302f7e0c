"""Symbolic links under maps/, to a file outside the repository, to a folder, dangling and looping: never followed."""

import os
import sys
from pathlib import Path

from journeymaps.codes import lay_out

maps = lay_out(Path(sys.argv[1]), {})
os.symlink("/etc/passwd", maps / "journeys" / "passwd.yaml")
os.symlink("/etc", maps / "journeys" / "etc")
os.symlink("../../nowhere.yaml", maps / "journeys" / "dangling.yaml")
os.symlink("loop.yaml", maps / "personas" / "loop.yaml")
os.symlink("../personas", maps / "journeys" / "people")
