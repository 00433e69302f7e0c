"""The browser suite: real Chromium (Debian's package) driven by Playwright over sites served on 127.0.0.1.

Every test here is marked `browser` (`-m "not browser"` skips them as a group). Without Chromium,
Playwright or axe-core the tests fail when `CI` is set and skip with the reason otherwise.

Session fixtures build the example site, the hostile fixture site and the long-names site once, serve
each from a thread (`ThreadingHTTPServer` on port 0) and launch one browser; each test gets fresh contexts and pages,
watched for console errors, uncaught exceptions, failed requests and dialogs. Requests that leave
127.0.0.1 (Material's web fonts, the repository facts from api.github.com) fail on purpose (the
browser resolves no other host), so the suite never depends on the network; they are recorded, and a
host the theme is not known to ask for fails the test.

Knobs: `JOURNEYMAPS_SCREENSHOTS` (the folder screenshots go to; default `<pytest tmp>/screenshots`),
`JOURNEYMAPS_BROWSER_SITE` (an already built example site to test instead of building one: used to
prove that a broken page fails the suite), `AXE_CORE_JS` (path of axe.min.js).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from ..conftest import EXAMPLE_MAPS, ROOT, run_cli

HERE = Path(__file__).resolve().parent
HOSTILE = HERE / "fixtures" / "hostile"
LONG_NAMES = HERE / "fixtures" / "long-names"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# Nothing leaves the machine: other hosts do not resolve. (Routing requests through Playwright instead
# would turn the browser's cache off and slow every page down.)
OFFLINE = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
AXE_CANDIDATES = [
    ROOT / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js",
    HERE / "node_modules" / "axe-core" / "axe.min.js",
]
# Hosts a Material page may ask for without our doing: web fonts and the repository's star count.
KNOWN_THIRD_PARTIES = {"fonts.googleapis.com", "fonts.gstatic.com", "api.github.com"}
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

_screenshot_dirs: list[Path] = []


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: drives the built site in a real Chromium (Playwright); deselect with -m 'not browser'"
    )


def pytest_terminal_summary(terminalreporter: Any) -> None:
    for folder in _screenshot_dirs:
        count = len(list(folder.glob("*.png")))
        terminalreporter.write_line(f"browser screenshots: {count} in {folder}")


def unavailable(reason: str) -> None:
    """Missing tooling fails in CI (it must never silently skip there) and skips elsewhere."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{reason} (CI is set: the browser suite must run; see .ci/setup)", pytrace=False)
    pytest.skip(f"{reason}; run 'bash .ci/setup' to install it")


# --- serving -------------------------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        if self.path.startswith(("/assets/", "/search/")):  # the theme's files: no revalidation on every page
            self.send_header("Cache-Control", "max-age=600")
        super().end_headers()


@dataclass
class Served:
    root: Path
    base: str  # "http://127.0.0.1:PORT/"

    def url(self, address: str) -> str:
        return self.base + address.lstrip("/")


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):  # the browser moved on mid-response
            super().handle_error(request, client_address)


def serve(root: Path) -> Iterator[Served]:
    server = _Server(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, name=f"serve {root.name}", daemon=True)
    thread.start()
    try:
        yield Served(root, f"http://127.0.0.1:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def build_site(config: Path, out: Path, cwd: Path) -> Path:
    run = run_cli("build", "-f", config, "-d", out, cwd=cwd, timeout=300)
    assert run.code == 0, f"the site did not build:\n{run.err}"
    return out


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get("JOURNEYMAPS_BROWSER_SITE")
    if given:
        assert (Path(given) / "index.html").is_file(), f"JOURNEYMAPS_BROWSER_SITE={given} holds no built site"
        return Path(given)
    return build_site(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("browser-example") / "site", ROOT)


@pytest.fixture(scope="session")
def example(example_site: Path) -> Iterator[Served]:
    yield from serve(example_site)


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("browser-hostile") / "repo"
    shutil.copytree(HOSTILE, repo)  # built in a copy: the build's cache never lands in the fixture
    return build_site(repo / "mkdocs.yml", repo / "site", repo)


@pytest.fixture(scope="session")
def hostile(hostile_site: Path) -> Iterator[Served]:
    yield from serve(hostile_site)


@pytest.fixture(scope="session")
def long_names_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("browser-long-names") / "repo"
    shutil.copytree(LONG_NAMES, repo)
    return build_site(repo / "mkdocs.yml", repo / "site", repo)


@pytest.fixture(scope="session")
def long_names(long_names_site: Path) -> Iterator[Served]:
    yield from serve(long_names_site)


@pytest.fixture(scope="session")
def example_maps() -> Any:
    from journeymaps.validate import validate

    result = validate(EXAMPLE_MAPS)
    assert not result.failed()
    return result.maps


# --- the browser ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright for Python is not installed (pip install -e '.[test]')")
    executable = shutil.which("chromium")
    if not executable:
        unavailable("Debian's 'chromium' is not on PATH (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS + OFFLINE)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="session")
def axe_js() -> Path:
    given = os.environ.get("AXE_CORE_JS")
    for candidate in [Path(given)] if given else AXE_CANDIDATES:
        if candidate.is_file():
            return candidate
    unavailable("axe-core is not installed (npm install --prefix .cache/npm axe-core@4)")
    raise AssertionError  # unreachable


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get("JOURNEYMAPS_SCREENSHOTS")
    folder = Path(given) if given else tmp_path_factory.getbasetemp() / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nbrowser screenshots go to {folder}")
    _screenshot_dirs.append(folder)
    return folder


@dataclass
class Watch:
    """What went wrong on a page, as the browser saw it."""

    origin: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    third_party_hosts: set[str] = field(default_factory=set)

    def problems(self) -> list[str]:
        return (
            [f"console error: {m}" for m in self.console_errors] + [f"uncaught exception: {m}" for m in self.page_errors]
            + [f"failed request: {m}" for m in self.failed_requests] + [f"dialog opened: {m}" for m in self.dialogs]
            + [f"unexpected third-party host: {h}" for h in sorted(self.third_party_hosts - KNOWN_THIRD_PARTIES)]
        )  # fmt: skip

    def clear(self) -> None:
        for items in (self.console_errors, self.page_errors, self.failed_requests, self.dialogs):
            items.clear()


def watch(page: Any, origin: str) -> Watch:
    from urllib.parse import urlsplit

    seen = Watch(origin)

    def ours(url: str) -> bool:
        return url.startswith(origin)

    def console(message: Any) -> None:
        if message.type != "error":
            return
        source = (message.location or {}).get("url", "")
        if source and not ours(source) and urlsplit(source).hostname in KNOWN_THIRD_PARTIES:
            return  # the aborted third-party request reported once more
        seen.console_errors.append(f"{message.text} ({source or page.url})")

    def failed(request: Any) -> None:
        if ours(request.url) and request.failure != "net::ERR_ABORTED":  # aborted: the page was left
            seen.failed_requests.append(f"{request.url}: {request.failure}")

    def response(resp: Any) -> None:
        if ours(resp.url) and resp.status >= 400:
            seen.failed_requests.append(f"{resp.url}: HTTP {resp.status}")

    def dialog(d: Any) -> None:
        seen.dialogs.append(f"{d.type} {d.message!r} on {page.url}")
        d.dismiss()

    page.on("console", console)
    page.on("pageerror", lambda error: seen.page_errors.append(f"{error} ({page.url})"))
    page.on("requestfailed", failed)
    page.on("response", response)
    page.on("dialog", dialog)
    return seen


@pytest.fixture
def open_page(browser: Any) -> Iterator[Callable[..., tuple[Any, Watch]]]:
    """open_page(served, scheme="light"|"dark", viewport=DESKTOP) -> (page, watch): a new context each call."""
    contexts: list[Any] = []

    def opener(served: Served, scheme: str = "light", viewport: dict[str, int] | None = None) -> tuple[Any, Watch]:
        from urllib.parse import urlsplit

        context = browser.new_context(color_scheme=scheme, viewport=viewport or DESKTOP, service_workers="block")
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        seen = watch(page, served.base)

        def request(request: Any) -> None:
            if not request.url.startswith((served.base, "data:", "blob:", "about:")):
                seen.third_party_hosts.add(urlsplit(request.url).hostname or request.url)

        page.on("request", request)
        return page, seen

    yield opener
    for context in contexts:
        context.close()
