"""`journeymaps serve` reuses what did not change (issue 15), and serves what a fresh `build` of the same maps gives.

A real server on a free port takes a series of edits: a stage goal, an owner, a new journey, a deleted
touchpoint, an invalid file and its fix; then edits that reach beyond the edited journey (a lead from another
journey, a KPI's figure, a department's and a persona's name) and a team's own template. After each, the
folder it serves is compared file by file with a fresh `journeymaps build` of the same files (with the
server's address as `site_url`, which `serve` sets). Its temporary folder is found through TMPDIR.
"""

from __future__ import annotations

import difflib
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import ROOT, TODAY_EPOCH, copy_minimal_repo, run_cli
from .test_serve import fetch, free_port, server, started

pytestmark = pytest.mark.slow  # a real `serve` process and six builds

JOURNEY = "maps/journeys/support-request.yaml"
TEMPLATES = ROOT / "site_templates"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def served_folder(temporary: Path) -> Path:
    found = sorted(temporary.glob("journeymaps-serve-*/site"))
    assert len(found) == 1, found
    return found[0]


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"serve never showed {what}")


def fresh_build(repo: Path, work: Path, base: str) -> dict[str, bytes]:
    """A clean `journeymaps build` of the repository's current files, with the server's address as site_url."""
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(repo, work, ignore=shutil.ignore_patterns(".cache", "site"))
    config = work / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"site_url: {base}/\n", encoding="utf-8")
    run = run_cli("build", cwd=work, timeout=300)
    assert run.code == 0, run.err
    return tree(work / "site")


def assert_same_site(served: Path, fresh: dict[str, bytes]) -> None:
    now = tree(served)
    assert sorted(now) == sorted(fresh), (set(now) ^ set(fresh), "files differ between serve and build")
    different = [name for name in fresh if now[name] != fresh[name]]
    if different:
        first = different[0]
        lines = difflib.unified_diff(
            fresh[first].decode("utf-8", "replace").splitlines(), now[first].decode("utf-8", "replace").splitlines(),
            "build", "serve", lineterm="", n=1,
        )  # fmt: skip
        raise AssertionError(f"serve and a fresh build differ in {different[:10]}:\n" + "\n".join(list(lines)[:40]))


def edit(repo: Path, old: str, new: str, path: str = JOURNEY) -> None:
    file = repo / path
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_each_edit_through_serve_gives_the_site_a_fresh_build_gives(tmp_path: Path) -> None:
    repo = copy_minimal_repo(tmp_path / "repo")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "journeymaps", "serve", "-a", f"127.0.0.1:{port}"]
    # The server's temporary folder where the test finds it, and the build's "today" (sitemap dates, freshness).
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TMPDIR", str(temporary))
        patch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)
        processes = server(command, repo)
        next(processes)
    try:
        started(base + "/journeys/support-request/")
        served = served_folder(temporary)
        assert_same_site(served, fresh_build(repo, tmp_path / "fresh", base))

        def page(address: str) -> Path:
            return served / address / "index.html"

        def shows(address: str, text: str) -> Callable[[], bool]:
            return lambda: page(address).is_file() and text in page(address).read_text(encoding="utf-8")

        # A stage goal: the journey page.
        edit(repo, "    name: Solve\n", "    name: Solve\n    goal: Solved within a day, **first time**\n")
        wait_for(shows("journeys/support-request", "Solved within a day"), "the new stage goal")
        assert "Solved within a day" in fetch(base + "/journeys/support-request/")
        assert_same_site(served, fresh_build(repo, tmp_path / "fresh", base))

        # An owner: the departments' pages.
        edit(repo, "        owner: billing\n", "        owner: it\n")
        wait_for(shows("departments/it", "Invoice correction"), "the new owner on the department's page")
        assert_same_site(served, fresh_build(repo, tmp_path / "fresh", base))

        # A new journey: a new navigation entry on every page.
        returns = (
            "title: Returns\npersona: customer\nowner: billing\nstages:\n  - id: send\n    name: Send back\n"
            "    touchpoints:\n      - id: label\n        name: Return label\n        channel: email\n"
            "        owner: billing\n        kpis: [form-uptime]\n"
        )
        (repo / "maps/journeys/returns.yaml").write_text(returns, encoding="utf-8")
        wait_for(shows("journeys/returns", "Returns"), "the new journey")
        assert_same_site(served, fresh_build(repo, tmp_path / "fresh", base))

        # A deleted touchpoint (and the lead to it): its page goes.
        text = (repo / JOURNEY).read_text(encoding="utf-8")
        start, end = text.index("      - id: phone-line"), text.index("  - id: solve")
        text = text[:start] + text[end:]
        (repo / JOURNEY).write_text(text.replace("leads_to: [phone-line]", "leads_to: [invoice-fix]"), "utf-8")
        wait_for(lambda: not (served / "journeys/support-request/phone-line").exists(), "the touchpoint removed")
        assert_same_site(served, fresh_build(repo, tmp_path / "fresh", base))

        # An invalid file: the last good site with the problem; then its fix.
        good = (repo / JOURNEY).read_text(encoding="utf-8")
        edit(repo, "owner: support\nsummary", "owner: nobody-here\nsummary")
        wait_for(shows("journeys/support-request", 'class="jm-problems"'), "the problem banner")
        (repo / JOURNEY).write_text(good.replace("name: Help form", "name: Contact form"), encoding="utf-8")
        wait_for(shows("journeys/support-request/help-form", "Contact form"), "the fixed maps")
        assert 'class="jm-problems"' not in page("journeys/support-request").read_text(encoding="utf-8")
        assert_same_site(served, fresh_build(repo, tmp_path / "fresh", base))

        # Edits whose reach the page keys (pagekeys.py) must follow beyond the edited journey's own pages.
        # A lead from another journey: the target's page ("Comes from") and both journeys' handoffs.
        lead = "        kpis: [form-uptime]\n        leads_to: [support-request/help-form]\n"
        edit(repo, "        kpis: [form-uptime]\n", lead, "maps/journeys/returns.yaml")
        wait_for(shows("journeys/support-request/help-form", "Return label"), "the lead from another journey")
        assert_same_site(served, fresh_build(repo, tmp_path / "fresh", base))

        # A KPI's figure: its status on the touchpoint pages of both journeys that use it.
        edit(repo, "    current: 99.95\n", "    current: 97.5\n")
        wait_for(shows("journeys/returns/label", "97.5"), "the KPI's new figure on another journey's touchpoint")
        assert_same_site(served, fresh_build(repo, tmp_path / "fresh", base))

        # A department's name and a persona's name: every page that names them.
        edit(repo, "    name: IT\n", "    name: IT Service Desk\n", "maps/departments.yaml")
        wait_for(shows("journeys/support-request/help-form", "IT Service Desk"), "the department's new name")
        assert_same_site(served, fresh_build(repo, tmp_path / "fresh", base))
        edit(repo, "name: Busy customer\n", "name: Busy caller\n", "maps/personas/customer.yaml")
        wait_for(shows("journeys/returns", "Busy caller"), "the persona's new name")
        assert_same_site(served, fresh_build(repo, tmp_path / "fresh", base))

        # A team's own template (templates_dir): no page is taken from the last build as it was.
        (repo / "templates").mkdir()
        template = (TEMPLATES / "touchpoint.md.j2").read_text(encoding="utf-8")
        (repo / "templates/touchpoint.md.j2").write_text(template + "\nOwn template here.\n", encoding="utf-8")
        edit(repo, "plugins: [search, journeymaps]", "plugins: [search, {journeymaps: {templates_dir: templates}}]",
             "mkdocs.yml")  # fmt: skip
        wait_for(shows("journeys/returns/label", "Own template here."), "the team's template")
        assert_same_site(served, fresh_build(repo, tmp_path / "fresh", base))

        # The template edited again (the next rebuild, here started by a map edit, must not keep the old one).
        (repo / "templates/touchpoint.md.j2").write_text(template + "\nOwn template, edited.\n", encoding="utf-8")
        edit(repo, "name: Busy caller\n", "name: Busy caller again\n", "maps/personas/customer.yaml")
        wait_for(shows("journeys/returns/label", "Own template, edited."), "the edited template")
        assert_same_site(served, fresh_build(repo, tmp_path / "fresh", base))
    finally:
        for _ in processes:
            pass
