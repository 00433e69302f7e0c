"""A journey with 2,000 touchpoints in 20 stages, each leading to the next two: over max_touchpoints_per_journey (500)."""
import sys
from pathlib import Path

from journeymaps.codes import lay_out

maps = lay_out(Path(sys.argv[1]), {})
lines = ["title: Everything", "persona: shopper", "owner: ecommerce", "stages:"]
for s in range(20):
    lines += [f"  - id: s{s}", f"    name: Stage {s}", "    touchpoints:"]
    for t in range(100):
        n = s * 100 + t
        lines += [f"      - id: t{n}", f"        name: Touchpoint {n}", "        channel: website", "        owner: ecommerce",
                  f"        leads_to: [t{(n + 1) % 2000}, t{(n + 7) % 2000}]"]
(maps / "journeys/purchase.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
