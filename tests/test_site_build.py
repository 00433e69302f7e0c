"""`journeymaps build`, `generate` and `serve` on a copy of the minimal repository, through the real CLI."""

from __future__ import annotations

import hashlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .conftest import ROOT, run_cli

pytestmark = pytest.mark.slow  # real MkDocs builds and `serve`

JOURNEY = "maps/journeys/support-request.yaml"


def hashes(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_build_publishes_the_site_and_reports_progress(repo: Path) -> None:
    run = run_cli("build", cwd=repo)
    assert run.code == 0, run.err
    assert (repo / "site" / "journeys" / "support-request" / "help-form" / "index.html").is_file()
    assert "diagrams " in run.err and "site built in" in run.err
    assert run.err.rstrip().endswith(" s into site/"), run.err  # where the site went
    assert not list(repo.glob(".site.*")), "temporary folders left behind"
    assert not list((repo / "docs").rglob("*.md"))[1:], "pages written into docs_dir"


def test_a_failed_build_leaves_the_previous_site_byte_identical(repo: Path) -> None:
    assert run_cli("build", cwd=repo).code == 0
    before = hashes(repo / "site")
    journey = repo / JOURNEY
    journey.write_text(journey.read_text(encoding="utf-8").replace("owner: billing", "owner: biling"), encoding="utf-8")
    run = run_cli("build", cwd=repo)
    assert run.code == 1
    assert "maps/journeys/support-request.yaml:" in run.err and "error JM" in run.err and "'biling'" in run.err
    assert "Traceback" not in run.err
    assert hashes(repo / "site") == before
    assert not list(repo.glob(".site.*"))


def test_a_build_refused_by_mkdocs_also_leaves_the_previous_site(repo: Path) -> None:
    assert run_cli("build", "-d", "out", cwd=repo).code == 0
    before = hashes(repo / "out")
    (repo / "docs" / "about.md").write_text(
        "# About\n\n[broken](missing.md)\n", encoding="utf-8"
    )  # a warning: fails strict
    run = run_cli("build", "-d", "out", cwd=repo)
    assert run.code == 1, run.err
    assert "missing.md" in run.err and "Traceback" not in run.err
    assert hashes(repo / "out") == before


def test_plain_mkdocs_build_reports_map_problems_with_their_position(repo: Path) -> None:
    journey = repo / JOURNEY
    journey.write_text(journey.read_text(encoding="utf-8").replace("owner: billing", "owner: biling"), encoding="utf-8")
    done = subprocess.run(
        [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict"], cwd=repo, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1
    assert "maps/journeys/support-request.yaml:" in done.stderr and "(did you mean 'billing'?)" in done.stderr
    assert not (repo / "site" / "index.html").exists()


def test_usage_errors_exit_2_without_traceback(repo: Path, tmp_path: Path) -> None:
    run = run_cli("build", "-f", "nope.yml", cwd=repo)
    assert run.code == 2 and "nope.yml" in run.err and "Traceback" not in run.err
    (repo / "plain.yml").write_text("site_name: x\ntheme: material\n", encoding="utf-8")
    run = run_cli("build", "-f", "plain.yml", cwd=repo)
    assert run.code == 2 and "journeymaps" in run.err


def test_generate_writes_the_same_pages_and_the_diagrams(repo: Path) -> None:
    run = run_cli("generate", "out", cwd=repo)
    assert run.code == 0, run.err
    out = repo / "out"
    for page in [
        "index.md",
        "ownership.md",
        "kpis.md",
        "pain-points.md",
        "channels/index.md",
        "departments/support.md",
        "personas/customer.md",
        "journeys/support-request/index.md",
        "journeys/support-request/help-form.md",
    ]:
        assert (out / page).is_file(), page
    assert (out / "journeys" / "support-request" / "flow.svg").is_file()
    assert (out / "assets" / "journeymaps" / "journeymaps.css").is_file()
    touchpoint = (out / "journeys/support-request/help-form.md").read_text(encoding="utf-8")
    assert touchpoint.startswith('---\ntitle: "Help form"') and "Support" in touchpoint
    # Run again: the folder is replaced as a whole.
    assert run_cli("generate", "out", cwd=repo).code == 0
    # A folder it did not write is refused; invalid maps exit 1.
    (repo / "mine").mkdir()
    (repo / "mine" / "keep.txt").write_text("mine", encoding="utf-8")
    run = run_cli("generate", "mine", cwd=repo)
    assert run.code == 2 and (repo / "mine" / "keep.txt").read_text(encoding="utf-8") == "mine"
    journey = repo / JOURNEY
    journey.write_text(journey.read_text(encoding="utf-8").replace("owner: billing", "owner: biling"), encoding="utf-8")
    run = run_cli("generate", "out", cwd=repo)
    assert run.code == 1 and "'biling'" in run.err
    assert (out / "index.md").is_file()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(url: str, text: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    body = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read().decode("utf-8")
            if text in body:
                return body
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    raise AssertionError(f"{text!r} did not appear at {url}")


def test_serve_rebuilds_when_a_map_or_a_template_changes(repo: Path) -> None:
    templates = repo / "templates"
    templates.mkdir()
    packaged = ROOT / "site_templates" / "touchpoint.md.j2"
    (templates / "touchpoint.md.j2").write_text(packaged.read_text(encoding="utf-8"), encoding="utf-8")
    config = repo / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "plugins: [search, journeymaps]", "plugins:\n  - search\n  - journeymaps:\n      templates_dir: templates"
        ),
        encoding="utf-8",
    )
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    log = (repo.parent / "serve.log").open("w", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "journeymaps", "serve", "-a", f"127.0.0.1:{port}"], cwd=repo, env=env,
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/journeys/support-request/help-form/"
    try:
        _wait_for(url, "Help form")
        journey = repo / JOURNEY
        journey.write_text(
            journey.read_text(encoding="utf-8").replace("name: Help form", "name: Contact form"), encoding="utf-8"
        )
        _wait_for(url, "Contact form")
        template = templates / "touchpoint.md.j2"
        template.write_text(
            template.read_text(encoding="utf-8") + "\n<p>Edited template marker</p>\n", encoding="utf-8"
        )
        _wait_for(url, "Edited template marker")
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def test_serve_watches_the_maps_and_both_template_folders(repo: Path) -> None:
    from journeymaps.site import load, plugin_of

    (repo / "templates").mkdir()
    config_file = repo / "mkdocs.yml"
    config_file.write_text(
        config_file.read_text(encoding="utf-8").replace(
            "plugins: [search, journeymaps]", "plugins:\n  - search\n  - journeymaps:\n      templates_dir: templates"
        ),
        encoding="utf-8",
    )
    config = load(str(config_file))
    watched = plugin_of(config).watched(config)
    assert repo / "maps" in watched and repo / "templates" in watched
    assert any((folder / "touchpoint.md.j2").is_file() and folder != repo / "templates" for folder in watched)


def test_a_team_home_page_wins_and_the_generated_one_moves_to_overview(repo: Path) -> None:
    from .test_site import Site

    (repo / "docs" / "index.md").write_text("# Our own home\n\nWelcome.\n", encoding="utf-8")
    run = run_cli("build", cwd=repo)
    assert run.code == 0, run.err
    site = Site(repo / "site")
    assert site.content("").find("h1").text == "Our own home"
    assert site.content("overview/").find("h1").text == "Overview"
    nav = site.page("").find("nav", cls="md-nav--primary")
    listed = [site.resolve("", a.attrs["href"]) for a in nav.links()]
    assert listed.index("") < listed.index("overview/") < listed.index("journeys/")


def test_a_team_nav_is_respected_and_touchpoints_still_build(repo: Path) -> None:
    from .test_site import Site

    config = repo / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "nav:\n  - About: about.md\n  - Matrix: ownership.md\n", encoding="utf-8"
    )
    run = run_cli("build", cwd=repo)
    assert run.code == 0, run.err
    site = Site(repo / "site")
    nav = site.page("ownership/").find("nav", cls="md-nav--primary")
    assert [site.resolve("ownership/", a.attrs["href"]) for a in nav.links()] == [
        "",
        "about/",
        "ownership/",
    ]  # "" is the logo
    assert site.exists("journeys/support-request/help-form/")
