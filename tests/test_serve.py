"""`journeymaps serve` and `mkdocs serve` while the maps are broken, and a busy address: real servers on free ports."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import run_cli

pytestmark = pytest.mark.slow  # real `serve` processes and builds

JOURNEY = "maps/journeys/support-request.yaml"
PAGE = "/journeys/support-request/help-form/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str, timeout: float = 10) -> str:
    """The page, which must come back within `timeout` (a server holding the request fails the test)."""
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return str(response.read().decode("utf-8"))


def wait_until(url: str, condition: str, present: bool = True, timeout: float = 90) -> str:
    """Fetch until `condition` is (or is no longer) in the page; every fetch must be answered promptly."""
    deadline = time.monotonic() + timeout
    body = ""
    while time.monotonic() < deadline:
        body = fetch(url)
        if (condition in body) == present:
            return body
        time.sleep(0.3)
    raise AssertionError(f"{condition!r} {'never appeared' if present else 'stayed'} at {url}")


def started(url: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            fetch(url, timeout=5)
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    raise AssertionError(f"the server never answered at {url}")


def server(command: list[str], repo: Path) -> Iterator[subprocess.Popen[bytes]]:
    log = (repo.parent / "serve.log").open("w", encoding="utf-8")
    process = subprocess.Popen(
        command, cwd=repo, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    try:
        yield process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def break_and_fix(repo: Path, base: str, page_text: str = "Help form", every_page: bool = True) -> None:
    """Serving a good site, break a map: the last good page answers at once with the problem on it; fix it."""
    started(base + PAGE)
    assert page_text in fetch(base + PAGE)
    journey = repo / JOURNEY
    good = journey.read_text(encoding="utf-8")
    lines = good.splitlines(keepends=True)
    line = next(i for i, text in enumerate(lines, 1) if text.strip() == "owner: support" and i > 3)
    lines[line - 1] = lines[line - 1].replace("owner: support", "owner: supp<i>ort")
    journey.write_text("".join(lines), encoding="utf-8")

    page = wait_until(base + PAGE, 'class="jm-problems"')
    banner = page[page.index('class="jm-problems"') : page.index("</div>", page.index('class="jm-problems"'))]
    assert f"maps/journeys/support-request.yaml:{line}:" in banner
    assert "supp&lt;i&gt;ort" in banner and "supp<i>ort" not in page, "the value reaches the page unescaped"
    assert "error JM" in banner and "the maps have 1 error." in banner
    assert page_text in page, "the last good site is no longer served"
    if every_page:  # with Zensical, the generated pages (the team's own are left as written)
        assert 'class="jm-problems"' in fetch(base + "/about/"), "only some pages show the problem"

    journey.write_text(good, encoding="utf-8")
    page = wait_until(base + PAGE, 'class="jm-problems"', present=False)
    assert page_text in page


def test_serve_keeps_the_last_good_site_and_shows_the_problems_until_fixed(repo: Path) -> None:
    port = free_port()
    command = [sys.executable, "-m", "journeymaps", "serve", "-a", f"127.0.0.1:{port}"]
    for _ in server(command, repo):
        break_and_fix(repo, f"http://127.0.0.1:{port}")


def test_mkdocs_serve_with_the_plugin_does_the_same(repo: Path) -> None:
    port = free_port()
    command = [str(Path(sys.executable).parent / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}"]
    for _ in server(command, repo):
        break_and_fix(repo, f"http://127.0.0.1:{port}")


def test_a_busy_address_is_refused_before_building_and_names_the_way_out(repo: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        address = f"127.0.0.1:{taken.getsockname()[1]}"
        started_at = time.monotonic()
        run = run_cli("serve", "-a", address, cwd=repo, timeout=60)
    assert run.code == 2, run.err
    assert f"{address} is already in use" in run.err and "-a/--dev-addr" in run.err
    assert "internal error" not in run.err and "Traceback" not in run.err
    assert "diagrams" not in run.err, "the site was built before the address was checked"
    assert time.monotonic() - started_at < 30


@pytest.mark.parametrize("address", ["8000", "localhost:http", "127.0.0.1:70000", ":8000"])
def test_an_address_that_is_not_ip_port_is_a_usage_error(repo: Path, address: str) -> None:
    run = run_cli("serve", "-a", address, cwd=repo, timeout=60)
    assert run.code == 2 and "-a/--dev-addr" in run.err and "Traceback" not in run.err, run.err


def test_serve_with_zensical_follows_edits_and_shows_broken_maps(repo: Path) -> None:
    pytest.importorskip("zensical")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "journeymaps", "serve", "--engine", "zensical", "-a", f"127.0.0.1:{port}"]
    for _ in server(command, repo):
        started(base + PAGE)
        journey = repo / JOURNEY
        journey.write_text(
            journey.read_text(encoding="utf-8").replace("name: Help form", "name: Contact form"), encoding="utf-8"
        )
        wait_until(base + PAGE, "Contact form")
        break_and_fix(repo, base, page_text="Contact form", every_page=False)
