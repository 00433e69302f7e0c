"""File and folder names are data: control characters, escapes, workflow commands, non-UTF-8 bytes and names that are not ids.

A name that could change what a terminal, a workflow log or a CODEOWNERS file shows is reported escaped, in its folder,
and not read; a printable name that is not an id (a folder under journeys/) is JM107/JM108 like a file name.
"""

import os
import sys
from pathlib import Path

from journeymaps.codes import BASE, lay_out

maps = lay_out(Path(sys.argv[1]), {})
journey = BASE["journeys/purchase.yaml"]
journeys = maps / "journeys"
(journeys / "returns\n.yaml").write_text(journey, encoding="utf-8")  # a newline before the extension
(journeys / "refund.yaml\n").write_text(journey, encoding="utf-8")  # a trailing newline
(journeys / "x\n::error file=evil::pwned.yaml").write_text(journey, encoding="utf-8")  # a workflow command
(journeys / "b2b\x1b[31m").mkdir()  # an ANSI escape in a folder name: nothing in it is read
(journeys / "b2b\x1b[31m" / "quote.yaml").write_text(journey, encoding="utf-8")
(journeys / "r\u2028s.yaml").write_text(journey, encoding="utf-8")  # a Unicode line separator
os.mkdir(os.fsencode(journeys) + b"/caf\xe9")  # not UTF-8
(journeys / "B2B Sales").mkdir()  # printable, but not an id: its journeys are read, the folder is a problem
(journeys / "B2B Sales" / "demo.yaml").write_text(journey.replace("checkout", "demo"), encoding="utf-8")
(journeys / "con").mkdir()  # a reserved device name
(journeys / "con" / "returns.yaml").write_text(journey.replace("checkout", "label"), encoding="utf-8")
