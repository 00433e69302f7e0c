"""One configuration for every command: the journeymaps plugin's options in mkdocs.yml apply to validate,
generate, diff, codeowners, schema and build, the command line wins, and mkdocs.yml is read safely."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from journeymaps.codes import BASE

from .conftest import ROOT, commit_all, git, init, run_cli, write_maps

WHATSAPP = {"journeys/purchase.yaml": BASE["journeys/purchase.yaml"].replace("channel: website", "channel: whatsapp")}
SITE = """\
site_name: Acme journeys
theme:
  name: material
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
plugins:
  - search
  - journeymaps:
{options}
"""


def site(root: Path, options: str, name: str = "mkdocs.yml") -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SITE.format(options="\n".join("      " + line for line in options.splitlines())))
    return path


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository whose maps use a channel that only its mkdocs.yml allows; maps committed."""
    write_maps(tmp_path)
    init(tmp_path)
    commit_all(tmp_path, "maps", "Ana", 1)
    write_maps(tmp_path, WHATSAPP)
    site(tmp_path, "channels: [whatsapp]")
    return tmp_path


def test_without_mkdocs_yml_the_site_channel_is_unknown(repo: Path) -> None:
    (repo / "mkdocs.yml").unlink()
    run = run_cli("validate", cwd=repo)
    assert run.code == 1 and "JM104" in run.out and "'whatsapp'" in run.out


def test_a_channel_added_in_mkdocs_yml_is_allowed_by_every_command(repo: Path) -> None:
    assert run_cli("validate", "--strict", cwd=repo).code == 0
    owners = run_cli("codeowners", "--default-owner", "@acme/cx", cwd=repo)
    assert owners.code == 0, owners.err
    assert "/maps/journeys/purchase.yaml" in owners.out
    changes = run_cli("diff", "HEAD", cwd=repo)
    assert changes.code == 0, changes.out + changes.err
    assert "`website` → `whatsapp`" in changes.out and "JM104" not in changes.out
    generated = run_cli("generate", "out", cwd=repo)
    assert generated.code == 0, generated.err
    assert "whatsapp" in (repo / "out" / "journeys" / "purchase" / "checkout.md").read_text(encoding="utf-8")
    schema = json.loads(run_cli("schema", "journey", cwd=repo).out)
    assert "whatsapp" in json.dumps(schema)


def test_the_command_line_wins_over_mkdocs_yml(repo: Path) -> None:
    run = run_cli("validate", "--channels", "sms", cwd=repo)
    assert run.code == 1 and "unknown channel 'whatsapp'" in run.out
    assert run_cli("validate", "--channels", "sms,whatsapp", cwd=repo).code == 0
    tight = run_cli("validate", "--limit", "max_text_length=3", cwd=repo)
    assert tight.code == 1 and "JM112" in tight.out


def test_limits_from_mkdocs_yml_apply_and_one_limit_on_the_command_line_keeps_the_others(repo: Path) -> None:
    site(repo, "channels: [whatsapp]\nlimits:\n  max_text_length: 3")
    assert "JM112" in run_cli("validate", cwd=repo).out
    # --limit changes one bound; max_text_length still comes from mkdocs.yml.
    assert "JM112" in run_cli("validate", "--limit", "max_files=100", cwd=repo).out
    assert run_cli("validate", "--limit", "max_text_length=100", cwd=repo).code == 0


def test_maps_dir_from_mkdocs_yml_works_everywhere(tmp_path: Path) -> None:
    write_maps(tmp_path, WHATSAPP).rename(tmp_path / "journey-maps")
    init(tmp_path)
    site(tmp_path, "maps_dir: journey-maps\nchannels: [whatsapp]")
    commit_all(tmp_path, "maps", "Ana", 1)
    run = run_cli("validate", cwd=tmp_path)
    assert run.code == 0 and run.lines == ["3 map files checked: no problems"], run.out + run.err
    owners = run_cli("codeowners", "--default-owner", "@acme/cx", cwd=tmp_path)
    assert owners.code == 0 and "/journey-maps/journeys/purchase.yaml" in owners.out, owners.err
    assert "journeymaps codeowners --default-owner" in owners.out  # the regenerating command needs no --maps-dir
    # From a subfolder of the repository, diff and codeowners read the mkdocs.yml at its root.
    assert run_cli("codeowners", "--default-owner", "@acme/cx", cwd=tmp_path / "journey-maps").out == owners.out
    assert run_cli("diff", "HEAD", cwd=tmp_path).code == 0
    assert run_cli("generate", "out", cwd=tmp_path).code == 0
    assert (tmp_path / "out" / "journeys" / "purchase" / "index.md").is_file()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "about.md").write_text("# About\n")
    built = run_cli("build", cwd=tmp_path, timeout=300)
    assert built.code == 0, built.err
    assert (tmp_path / "site" / "journeys" / "purchase" / "checkout" / "index.html").is_file()
    # A problem names the file as it is found from here, in validate and in build alike.
    journey = tmp_path / "journey-maps" / "journeys" / "purchase.yaml"
    journey.write_text(journey.read_text().replace("owner: ecommerce", "owner: ecomerce", 1))
    assert "journey-maps/journeys/purchase.yaml:3:8: error JM204" in run_cli("validate", cwd=tmp_path).out
    assert "journey-maps/journeys/purchase.yaml:3:8: error JM204" in run_cli("build", cwd=tmp_path).err


def test_config_file_option_reads_maps_dir_relative_to_that_file(tmp_path: Path) -> None:
    write_maps(tmp_path / "site", WHATSAPP)
    site(tmp_path / "site", "channels: [whatsapp]")
    run = run_cli("validate", "-f", "site/mkdocs.yml", cwd=tmp_path)
    assert run.code == 0, run.out + run.err
    assert run_cli("validate", "--config-file", "site/mkdocs.yml", "--maps-dir", "site/maps", cwd=tmp_path).code == 0


def test_a_mkdocs_yml_without_the_plugin_leaves_the_defaults(tmp_path: Path) -> None:
    write_maps(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("site_name: docs\nplugins: [search]\n")
    assert run_cli("validate", cwd=tmp_path).code == 0
    (tmp_path / "mkdocs.yml").write_text("site_name: docs\nplugins:\n  journeymaps:\n")  # mapping form, no options
    assert run_cli("validate", cwd=tmp_path).code == 0


def test_env_tags_are_read_and_python_tags_never_run(tmp_path: Path) -> None:
    write_maps(tmp_path, WHATSAPP)
    marker = tmp_path / "pwned"
    site(tmp_path, f"history: !!python/object/apply:os.system ['touch {marker}']")
    run = run_cli("validate", cwd=tmp_path)
    assert run.code == 2 and "mkdocs.yml:11: plugin 'journeymaps' option 'history'" in run.err, run.err
    assert not marker.exists()  # the tag is ignored: the value is a plain list, never a call
    site(tmp_path, "channels: !ENV [JM_CHANNELS, [sms]]")
    assert "unknown channel 'whatsapp'" in run_cli("validate", cwd=tmp_path).out  # the !ENV default
    assert run_cli("validate", cwd=tmp_path, env={"JM_CHANNELS": "[whatsapp]"}).code == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("site_name: 'Acme\nplugins: [journeymaps]\n", "mkdocs.yml:1:12: not valid YAML"),
        ("plugins:\n  - journeymaps:\n      chanels: [whatsapp]\n",
         "mkdocs.yml:3: plugin 'journeymaps' option 'chanels': unknown option (did you mean 'channels'?)"),
        ("plugins:\n  - journeymaps:\n      kpi_threshold: high\n",
         "mkdocs.yml:3: plugin 'journeymaps' option 'kpi_threshold': Input should be a valid number, found 'high'"),
        ("plugins:\n  - journeymaps:\n      channels: [Whats App]\n", "channel names must be kebab-case ids"),
        ("plugins:\n  - journeymaps:\n      limits: {max_files: 0}\n",
         "mkdocs.yml:3: plugin 'journeymaps' option 'limits': limit 'max_files' must be a positive whole number"),
        ("plugins:\n  - journeymaps: [a]\n", "mkdocs.yml:2:18: the 'journeymaps' plugin's options must be a mapping"),
    ],
)  # fmt: skip
def test_a_broken_mkdocs_yml_is_a_usage_error_naming_file_and_line(tmp_path: Path, text: str, expected: str) -> None:
    write_maps(tmp_path)
    (tmp_path / "mkdocs.yml").write_text(text)
    for command in (["validate"], ["codeowners"], ["generate", "out"], ["schema", "journey"]):
        run = run_cli(*command, cwd=tmp_path)
        assert run.code == 2 and expected in run.err, (command, run.err)
        assert "Traceback" not in run.err and "internal error" not in run.err


def test_a_missing_config_file_is_a_usage_error(tmp_path: Path) -> None:
    write_maps(tmp_path)
    run = run_cli("validate", "-f", "nope.yml", cwd=tmp_path)
    assert run.code == 2 and "'nope.yml' not found" in run.err


def test_mkdocs_itself_checks_the_options_with_the_same_model(tmp_path: Path) -> None:
    write_maps(tmp_path)
    (tmp_path / "docs").mkdir()
    site(tmp_path, "channels: [Whats App]")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=tmp_path, capture_output=True, text=True,
        timeout=300, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert done.returncode != 0
    assert "channel names must be kebab-case ids and not reserved names: 'Whats App'" in done.stderr, done.stderr


def test_schema_lists_the_site_channels_only_when_the_site_adds_them(repo: Path) -> None:
    def channels(run_in: Path) -> list[str]:
        schema = json.loads(run_cli("schema", "journey", cwd=run_in).out)
        found: list[list[str]] = []

        def walk(node: object) -> None:
            if isinstance(node, dict):
                if "website" in node.get("enum", []):
                    found.append(node["enum"])
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for item in node:
                    walk(item)

        walk(schema)
        assert found
        return found[0]

    assert channels(repo)[-1] == "whatsapp"
    (repo / "mkdocs.yml").unlink()
    assert "whatsapp" not in channels(repo)


def test_the_shipped_hooks_and_workflow_steps_read_the_site_configuration(tmp_path: Path) -> None:
    """The pre-commit hooks' entries and the workflows' `journeymaps` steps, run as written, in a site that keeps
    its maps in journey-maps/ and adds a channel: no extra flags anywhere."""
    write_maps(tmp_path).rename(tmp_path / "journey-maps")
    site(tmp_path, "maps_dir: journey-maps\nchannels: [whatsapp]")
    init(tmp_path)
    commit_all(tmp_path, "maps", "Ana", 1)
    git(tmp_path, "update-ref", "refs/remotes/origin/main", "HEAD")
    journey = tmp_path / "journey-maps" / "journeys" / "purchase.yaml"
    journey.write_text(WHATSAPP["journeys/purchase.yaml"])
    assert run_cli("codeowners", "--output", "CODEOWNERS", cwd=tmp_path).code == 0
    commit_all(tmp_path, "whatsapp", "Ana", 2)
    outputs = tmp_path.parent / f"{tmp_path.name}-outputs"
    outputs.mkdir()
    env = {
        **{k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"},
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}", "NO_MKDOCS_2_WARNING": "1",
        "BASE_REF": "main", "GITHUB_OUTPUT": str(outputs / "output"), "GITHUB_STEP_SUMMARY": str(outputs / "summary"),
    }  # fmt: skip
    scripts = [hook["entry"] for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())]
    for name in ("validate.yml", "diff-comment.yml"):
        workflow = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text())
        for job in workflow["jobs"].values():
            scripts += [step["run"] for step in job["steps"] if "journeymaps " in step.get("run", "")]
    assert len(scripts) == 5, scripts
    for script in scripts:
        done = subprocess.run(["bash", "-e", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True)
        assert done.returncode == 0, (shlex.quote(script), done.stdout, done.stderr)
        assert "JM104" not in done.stdout + done.stderr
    assert "`website` → `whatsapp`" in (tmp_path / "diff.md").read_text(encoding="utf-8")


def test_build_takes_the_options_on_its_command_line_too(tmp_path: Path) -> None:
    write_maps(tmp_path, WHATSAPP).rename(tmp_path / "journey-maps")
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: Acme\nplugins:\n  - search\n  - journeymaps:\n      history: 0\n")
    refused = run_cli("build", "--maps-dir", "journey-maps", cwd=tmp_path, timeout=300)
    assert refused.code == 1 and "journey-maps/journeys/purchase.yaml:" in refused.err and "JM104" in refused.err
    built = run_cli("build", "--maps-dir", "journey-maps", "--channels", "whatsapp", cwd=tmp_path, timeout=300)
    assert built.code == 0, built.err
    page = tmp_path / "site" / "journeys" / "purchase" / "checkout" / "index.html"
    assert "whatsapp" in page.read_text(encoding="utf-8")


def test_serve_keeps_the_command_line_options_across_rebuilds(tmp_path: Path) -> None:
    import signal

    from .test_site_build import _free_port, _wait_for

    write_maps(tmp_path, WHATSAPP).rename(tmp_path / "journey-maps")
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: Acme\nplugins:\n  - search\n  - journeymaps:\n      history: 0\n")
    port = _free_port()
    log = (tmp_path / "serve.log").open("w", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "journeymaps", "serve", "-a", f"127.0.0.1:{port}", "--maps-dir", "journey-maps",
         "--channels", "whatsapp"],
        cwd=tmp_path, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/journeys/purchase/checkout/"
    try:
        _wait_for(url, "whatsapp")
        journey = tmp_path / "journey-maps" / "journeys" / "purchase.yaml"
        journey.write_text(journey.read_text().replace("name: Checkout", "name: Till"))
        _wait_for(url, "Till")  # rebuilt with the same options: whatsapp still allowed
    finally:
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=30)
        log.close()


def test_the_configuration_page_lists_every_option() -> None:
    from journeymaps.settings import Options

    page = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    table = page.split("### The options", 1)[1].split("\n\n")[1]
    listed = [line.split("`")[1] for line in table.splitlines()[2:]]
    assert listed == list(Options.model_fields)
