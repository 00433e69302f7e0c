"""Names of 9,000 characters (under the 10,000 text limit) everywhere a diagram draws one: they validate, so they
must build (Graphviz refuses any one string over 16,384 bytes; diagrams shorten labels and keep the text whole)."""

import sys
from pathlib import Path

from journeymaps.codes import BASE, lay_out

long_ascii = ("Customer Experience and Operations " * 260)[:9000]
long_escaped = "&<>\"'\\" * 1500  # every character escaped in a label: `&quot;` alone is 6 bytes
long_wide = ("Départment 日本語 " * 600)[:9000]  # 2 and 3 bytes of UTF-8
journey = (
    BASE["journeys/purchase.yaml"]
    .replace("title: Online purchase", f"title: '{long_wide}'")
    .replace("name: Buy", "name: " + '"' + long_escaped.replace("\\", "\\\\").replace('"', '\\"') + '"')
    .replace("name: Checkout", f"name: '{long_ascii}'")
)
lay_out(
    Path(sys.argv[1]),
    {
        "departments.yaml": f"departments:\n  - id: ecommerce\n    name: '{long_wide}'\n",
        "journeys/purchase.yaml": journey,
    },
)
