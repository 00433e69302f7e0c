"""Unicode noncharacters, raw and as escapes: MkDocs' YAML reader refuses them in front matter, so they are refused here.

A file with raw ones is reported for those (and read no further); the escapes are found in the values of the others.
"""

import sys
from pathlib import Path

from journeymaps.codes import BASE, lay_out

journey = BASE["journeys/purchase.yaml"]
maps = lay_out(
    Path(sys.argv[1]),
    {
        "journeys/purchase.yaml": journey.replace("title: Online purchase", "title: Online \ufffe purchase")
        .replace("name: Checkout", "name: Check\ufdd0out")
        .replace("name: Buy", "name: Buy \U0010ffff"),
        "personas/shopper.yaml": 'name: "Shopper \\uFFFF"\nsummary: "Buys \\U0001FFFE online."\ngoals: ["\\uFDEF"]\n',
        "departments.yaml": BASE["departments.yaml"].replace("name: E-commerce", 'name: "E-commerce \\xFF \\uFFFD"'),
    },
)
