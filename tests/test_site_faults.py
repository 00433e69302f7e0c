"""File-system faults while publishing, through the real `journeymaps` command in a new process.

A full disk, a read-only site or parent folder, two builds at once and a reader that closes the pipe
each get one clear line and the right exit code (2: not the maps' fault; 141 for a closed pipe, as a
shell reports a tool stopped by SIGPIPE), never "internal error", and leave nothing behind: the
previous site byte for byte and no `.site.*` folder.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ROOT, copy_minimal_repo, run_cli
from .test_atomic import REAL_DOT, assert_untouched, change_a_journey, fake_dot, snapshot

pytestmark = pytest.mark.slow  # real builds under faults (full disk, read-only folders, concurrent builds)

NOBODY = 65534


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".site."))


# ----------------------------------------------------------------------------------------------
# A full disk: a real, small file system (tmpfs) in a private mount namespace.

FULL_DISK_SCRIPT = textwrap.dedent(
    """
    import json, subprocess, sys
    from pathlib import Path
    mount, repo = Path(sys.argv[1]), Path(sys.argv[2])
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=" + sys.argv[3], "tmpfs", str(mount)], check=True)
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "HOME": str(repo)}
    def build():
        done = subprocess.run([sys.executable, "-m", "journeymaps", "build", "-d", str(mount / "site")],
                              cwd=repo, env=env, capture_output=True, text=True)
        files = {p.relative_to(mount / "site").as_posix(): p.read_bytes().hex()
                 for p in sorted((mount / "site").rglob("*")) if p.is_file()} if (mount / "site").is_dir() else {}
        return {"code": done.returncode, "err": done.stderr, "files": files,
                "entries": sorted(p.name for p in mount.iterdir())}
    first = build()
    journey = repo / "maps" / "journeys" / "support-request.yaml"
    journey.write_text(journey.read_text(encoding="utf-8").replace("title: ", "title: Edited ", 1), encoding="utf-8")
    print(json.dumps({"first": first, "second": build()}))
    """
)


def _in_private_mount_namespace() -> list[str] | None:
    """`unshare` as root of a private user and mount namespace, where mounting a tmpfs is allowed; None if not here."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return None
    probe = subprocess.run([unshare, "-rm", "true"], capture_output=True)
    return [unshare, "-rm"] if probe.returncode == 0 else None


def test_a_full_disk_says_so_and_keeps_the_previous_site(tmp_path: Path) -> None:
    namespace = _in_private_mount_namespace()
    if namespace is None:
        pytest.skip("no unprivileged user and mount namespaces here (unshare -rm), so no small tmpfs to fill")
    repo = copy_minimal_repo(tmp_path / "repo")
    assert run_cli("build", cwd=repo).code == 0  # to measure a site (and fill the diagram cache)
    used = sum(max(4096, p.stat().st_blocks * 512) for p in (repo / "site").rglob("*"))
    shutil.rmtree(repo / "site")
    mount = tmp_path / "small-disk"
    mount.mkdir()
    size = f"{used * 3 // 2 // 1024}k"  # room for one site, not for a second one beside it
    script = tmp_path / "full_disk.py"
    script.write_text(FULL_DISK_SCRIPT, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [*namespace, sys.executable, str(script), str(mount), str(repo), size],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    first, second = report["first"], report["second"]
    assert first["code"] == 0, first["err"]
    assert second["code"] == 2, second["err"]
    assert "the disk is full (No space left on device) while building the new site" in second["err"], second["err"]
    assert "the previous site was left as it was" in second["err"], second["err"]
    assert "internal error" not in second["err"] and "Traceback" not in second["err"], second["err"]
    assert second["files"] == first["files"], "the previous site changed"
    assert second["entries"] == ["site"], f"left behind: {second['entries']}"


# ----------------------------------------------------------------------------------------------
# Read-only folders, as a user who cannot write them (root can write anything, so root drops to nobody).


def _unprivileged() -> list[str]:
    """A command prefix that runs as an ordinary user: nothing when we are one, `setpriv` to nobody when root."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: a read-only folder would not stop root")
    return [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]


def _build_as_user(repo: Path, prefix: list[str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HOME": str(repo)}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [*prefix, sys.executable, "-m", "journeymaps", "build"], cwd=repo, env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip


@pytest.fixture
def user_repo(tmp_path: Path) -> Iterator[tuple[Path, list[str]]]:
    """A repository with a built site that the unprivileged user owns and can write."""
    prefix = _unprivileged()
    shared = Path(os.environ.get("TMPDIR", "/tmp")) / f"jm-faults-{os.getpid()}-{tmp_path.name}"
    repo = copy_minimal_repo(shared / "repo")
    if prefix:
        shared.chmod(0o755)
        for path in [shared, *shared.rglob("*")]:
            os.chown(path, NOBODY, NOBODY, follow_symlinks=False)
    first = _build_as_user(repo, prefix)
    assert first.returncode == 0, first.stderr
    yield repo, prefix
    for path in [shared, *shared.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
    shutil.rmtree(shared)


def test_a_read_only_site_is_refused_and_left_as_it_was(user_repo: tuple[Path, list[str]]) -> None:
    repo, prefix = user_repo
    before = snapshot(repo / "site")
    (repo / "site" / "assets").chmod(0o555)  # one read-only folder inside is enough
    change_a_journey(repo)
    run = _build_as_user(repo, prefix)
    assert run.returncode == 2, run.stderr
    assert "'site/assets' is read-only: the new site cannot replace 'site'" in run.stderr, run.stderr
    assert "the previous site was left as it was" in run.stderr, run.stderr
    assert "internal error" not in run.stderr and "Traceback" not in run.stderr, run.stderr
    assert_untouched(repo, before)


def test_a_read_only_parent_folder_is_a_clear_error_and_leaves_nothing(user_repo: tuple[Path, list[str]]) -> None:
    repo, prefix = user_repo
    before = snapshot(repo / "site")
    change_a_journey(repo)
    repo.chmod(0o555)
    try:
        run = _build_as_user(repo, prefix)
    finally:
        repo.chmod(0o755)
    assert run.returncode == 2, run.stderr
    assert "building the new site next to 'site' failed: Permission denied" in run.stderr, run.stderr
    assert "internal error" not in run.stderr and "Traceback" not in run.stderr, run.stderr
    assert_untouched(repo, before)


# ----------------------------------------------------------------------------------------------
# Two builds at once.


def test_builds_at_the_same_time_all_succeed_one_at_a_time(tmp_path: Path) -> None:
    repo = copy_minimal_repo(tmp_path / "repo")
    assert run_cli("build", cwd=repo).code == 0
    change_a_journey(repo)
    # A slow `dot`, so that the builds overlap and reach the swap together.
    env = {
        **os.environ, "NO_MKDOCS_2_WARNING": "1",
        **fake_dot(tmp_path / "bin", f'sleep 1\nexec {REAL_DOT} "$@"'),
    }  # fmt: skip
    env.pop("GITHUB_ACTIONS", None)
    builds = [
        subprocess.Popen(
            [sys.executable, "-m", "journeymaps", "build"],
            cwd=repo,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    results = [(b.wait(timeout=180), b.communicate()[1]) for b in builds]
    for code, err in results:
        assert code == 0, err
        assert "internal error" not in err and "Traceback" not in err, err
    assert "Edited" in (repo / "site" / "journeys" / "support-request" / "index.html").read_text(encoding="utf-8")
    assert (repo / "site" / "sitemap.xml").is_file() and (repo / "site" / "search" / "search_index.json").is_file()
    assert _leftovers(repo) == []


def test_a_build_waits_while_another_one_replaces_the_site(tmp_path: Path) -> None:
    """Builds take turns through a lock on the folder that holds the site; here the test holds it, as a build would."""
    import fcntl

    repo = copy_minimal_repo(tmp_path / "repo")
    assert run_cli("build", cwd=repo).code == 0
    change_a_journey(repo)
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    handle = os.open(repo, os.O_RDONLY)
    fcntl.flock(handle, fcntl.LOCK_EX)
    try:
        build = subprocess.Popen(
            [sys.executable, "-m", "journeymaps", "build"], cwd=repo, env={**env, "NO_MKDOCS_2_WARNING": "1"},
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert build.stderr is not None
        seen = ""
        while "waiting" not in seen and (line := build.stderr.readline()):  # '' once it ended without waiting
            seen += line
        assert "another build is replacing 'site'; waiting for it to finish" in seen, seen
        assert build.poll() is None
        assert "Edited" not in (repo / "site" / "journeys" / "support-request" / "index.html").read_text(
            encoding="utf-8"
        )
    finally:
        os.close(handle)
    _, err = build.communicate(timeout=60)
    assert build.returncode == 0, seen + err
    assert "Edited" in (repo / "site" / "journeys" / "support-request" / "index.html").read_text(encoding="utf-8")
    assert _leftovers(repo) == []


# ----------------------------------------------------------------------------------------------
# A reader that goes away: `journeymaps validate | head -1`.


def _with_closed_stdout(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`journeymaps ARGS` writing into a pipe whose reader has already gone."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "journeymaps", *args], cwd=cwd, stdout=write_end, stderr=subprocess.PIPE, text=True,
            env={**env, "NO_MKDOCS_2_WARNING": "1"}, timeout=60,
        )  # fmt: skip
    finally:
        os.close(write_end)
    return subprocess.CompletedProcess(done.args, done.returncode, "", done.stderr)


@pytest.mark.parametrize(
    "args",
    [("validate", "maps"), ("validate", "--format", "json", "maps"), ("codes", "--markdown"), ("schema", "journey")],
    ids=["validate", "validate-json", "codes", "schema"],
)
def test_a_closed_pipe_ends_quietly(tmp_path: Path, args: tuple[str, ...]) -> None:
    shutil.copytree(ROOT / "tests" / "hostile" / "unknown-fields-at-every-level" / "maps", tmp_path / "maps")
    done = _with_closed_stdout(*args, cwd=tmp_path)
    assert done.returncode == 141, done.stderr
    assert done.stderr == "", done.stderr


def test_validate_piped_into_head_prints_one_line_and_no_error(tmp_path: Path) -> None:
    """The shell pipeline itself; the output is larger than a pipe's buffer, so the writer meets the closed end."""
    maps = tmp_path / "maps"
    shutil.copytree(ROOT / "tests" / "hostile" / "unknown-fields-at-every-level" / "maps", maps)
    for n in range(400):  # each copy repeats every problem under another file name: 170 kB, written line by line
        shutil.copy(maps / "journeys" / "purchase.yaml", maps / "journeys" / f"copy-{n}.yaml")
    command = f'{sys.executable} -m journeymaps validate maps | head -1; echo "status=${{PIPESTATUS[0]}}" >&2'
    done = subprocess.run(["bash", "-c", command], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert len(done.stdout.splitlines()) == 1 and " error JM" in done.stdout, done.stdout
    assert done.stderr.strip() == "status=141", done.stderr
    assert "BrokenPipeError" not in done.stderr and "Exception ignored" not in done.stderr


def test_generate_into_a_read_only_folder_is_a_clear_error(user_repo: tuple[Path, list[str]]) -> None:
    repo, prefix = user_repo
    (repo / "out").mkdir()
    (repo / "out").chmod(0o555)
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    run = subprocess.run(
        [*prefix, sys.executable, "-m", "journeymaps", "generate", "out/pages"], cwd=repo, capture_output=True,
        text=True, timeout=120, env={**env, "HOME": str(repo), "JOURNEYMAPS_CACHE": str(repo / ".cache" / "g")},
    )  # fmt: skip
    assert run.returncode == 2, run.stderr
    assert "writing out/pages failed: Permission denied" in run.stderr and "out/pages was left as it was" in run.stderr
    assert "internal error" not in run.stderr and "Traceback" not in run.stderr, run.stderr
    assert list((repo / "out").iterdir()) == []
