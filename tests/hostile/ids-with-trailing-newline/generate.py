"""Ids, colours, contacts and persona names that end in a line break (written as escapes): checked whole, never as a prefix."""

import sys
from pathlib import Path

from journeymaps.codes import BASE, lay_out

journey = BASE["journeys/purchase.yaml"]
maps = lay_out(
    Path(sys.argv[1]),
    {
        "departments.yaml": 'departments:\n  - id: "ecommerce\\n"\n    name: E-commerce\n  - id: sales\n    name: Sales\n'
        '    color: "#1f77b4\\n"\n    contact: "sales@example.com\\n"\n',
        "journeys/purchase.yaml": journey.replace("id: checkout", 'id: "checkout\\n"')
        .replace("persona: shopper", 'persona: "shopper\\n"')
        .replace("id: buy", "id: 'buy\n\n      '"),
    },
)
