"""1,000 unknown references of 60-character ids against 500 similar 60-character department ids.

Plain difflib compared every reference with every id (minutes on such input); "did you mean" now works
within a budget, and every problem is still counted (100 listed, the rest on one line).
"""

import random
import sys
from pathlib import Path

from journeymaps.codes import BASE, lay_out

rnd = random.Random(1)


def ident(i: int) -> str:
    return "".join(rnd.choice("abcdefghij") for _ in range(55)) + f"-{i:04d}"


departments = "departments:\n  - id: ecommerce\n    name: E-commerce\n"
departments += "".join(f"  - id: {ident(i)}\n    name: Team {i}\n" for i in range(500))
unknown = ", ".join(ident(9000 + i) for i in range(1_000))
journey = BASE["journeys/purchase.yaml"].replace(
    "        owner: ecommerce\n", f"        owner: ecommerce\n        responsible: [{unknown}]\n"
)
persona = BASE["personas/shopper.yaml"] + "segmnt: B2C\n"  # one error elsewhere: the 500 idle-team warnings stay quiet
lay_out(
    Path(sys.argv[1]),
    {"departments.yaml": departments, "journeys/purchase.yaml": journey, "personas/shopper.yaml": persona},
)
