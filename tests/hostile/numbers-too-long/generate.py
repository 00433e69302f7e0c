"""5,000-digit numbers (beyond Python's int-string limit) anywhere: a problem at their position, never a crash.

Quoted, the same digits are text and valid where text belongs.
"""

import sys
from pathlib import Path

from journeymaps.codes import BASE, lay_out

digits = "1" * 5000
journey = BASE["journeys/purchase.yaml"]
maps = lay_out(
    Path(sys.argv[1]),
    {
        "journeys/purchase.yaml": journey.replace(
            "        owner: ecommerce\n", f"        owner: ecommerce\n        emotion: {digits}\n"
        ).replace("name: Buy", f"name: -{digits}"),
        "personas/shopper.yaml": f"name: Shopper\nsummary: '{digits}'\nsegment: 0x{'f' * 5000}\ngoals: [0o{'7' * 5000}]\n",
    },
)
