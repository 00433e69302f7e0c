"""Lighthouse's accessibility score of the main page kinds of a built site, against a local server.

A measurement to report (docs/accessibility.md), not a test: Lighthouse is not a dependency of the
project. Install it into the cache folder and point it at Debian's Chromium:

    npm install --prefix .cache/lighthouse lighthouse@12
    journeymaps build -d /tmp/site
    python bench/lighthouse.py /tmp/site

Every page is loaded from 127.0.0.1 with the network off for other hosts, as the browser tests do.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = {
    "home": "",
    "journey": "journeys/online-purchase/",
    "touchpoint": "journeys/online-purchase/cart/",
    "ownership": "ownership/",
    "kpis": "kpis/",
}
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --host-resolver-rules='MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def audit(lighthouse: Path, url: str) -> tuple[int, list[str]]:
    """(the accessibility score out of 100, the titles of the audits that failed)."""
    with tempfile.TemporaryDirectory() as work:
        report = Path(work) / "report.json"
        env = dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH") or shutil.which("chromium") or "chromium")
        subprocess.run(
            [str(lighthouse), url, "--only-categories=accessibility", f"--chrome-flags={CHROME_FLAGS}",
             "--output=json", f"--output-path={report}", "--quiet"],
            check=True, env=env, timeout=300,
        )  # fmt: skip
        data = json.loads(report.read_text(encoding="utf-8"))
    failed = [
        f"{name}: {result['title']}"
        for name, result in data["audits"].items()
        if result.get("scoreDisplayMode") == "binary" and result.get("score") == 0
    ]
    return round(data["categories"]["accessibility"]["score"] * 100), failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site (journeymaps build -d SITE)")
    parser.add_argument("--lighthouse", type=Path, default=ROOT / ".cache/lighthouse/node_modules/.bin/lighthouse")
    args = parser.parse_args()
    if not args.lighthouse.exists():
        print(f"{args.lighthouse} not found; npm install --prefix .cache/lighthouse lighthouse@12", file=sys.stderr)
        return 2
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(args.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    worst = 100
    try:
        for kind, address in PAGES.items():
            score, failed = audit(args.lighthouse, f"http://127.0.0.1:{server.server_address[1]}/{address}")
            worst = min(worst, score)
            print(f"{kind:<11} {score:>3}" + ("  " + "; ".join(failed) if failed else ""))
    finally:
        server.shutdown()
    return 0 if worst >= 95 else 1


if __name__ == "__main__":
    sys.exit(main())
