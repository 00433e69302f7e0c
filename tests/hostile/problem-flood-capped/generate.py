"""A journey naming 5,000 personas that are not ids: 100 problems of a code per file, then one line counting the rest.

(tests/test_input_safety.py floods several files with several codes in every output format.)
"""

import sys
from pathlib import Path

from journeymaps.codes import BASE, lay_out

bad = ", ".join(f"Bad_{i}" for i in range(5_000))
journey = BASE["journeys/purchase.yaml"].replace("persona: shopper", f"persona: [{bad}]")
lay_out(Path(sys.argv[1]), {"journeys/purchase.yaml": journey})
