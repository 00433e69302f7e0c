"""`journeymaps init`: a starter repository that validates and builds with no edits.

The starter files are package data (`site_templates/starter/`, installed as
`journeymaps.site_templates/starter`), stored without leading dots so that packaging tools keep them;
`FILES` says where each one goes. The JSON Schemas are written from the models at init time, so that
editors check the maps against the installed version. Nothing is ever overwritten: every target is
checked before the first file is written.

The workflows and the pre-commit hook install journeymaps with one requirement line, which must work
on a CI machine. It defaults to where the running package came from (PEP 610 `direct_url.json`): a git
URL at its commit, an https archive, or else `journeymaps==<version>` from the team's package index.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from . import schema

PLACEHOLDER = "@requirement@"
FILES = {  # target path in the new repository -> starter file (package data)
    "mkdocs.yml": "mkdocs.yml",
    "docs/index.md": "docs/index.md",
    "maps/departments.yaml": "maps/departments.yaml",
    "maps/personas/new-customer.yaml": "maps/personas/new-customer.yaml",
    "maps/journeys/first-order.yaml": "maps/journeys/first-order.yaml",
    "requirements.txt": "requirements.txt",
    ".gitignore": "gitignore",
    ".github/workflows/validate.yml": "github/workflows/validate.yml",
    ".github/workflows/diff-comment.yml": "github/workflows/diff-comment.yml",
    ".github/workflows/pages.yml": "github/workflows/pages.yml",
    ".github/workflows/measurements.yml": "github/workflows/measurements.yml",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    ".vscode/settings.json": "vscode/settings.json",
}
SCHEMAS = {f"schemas/{kind}.schema.json": kind for kind in schema.KINDS}
ARCHIVE = re.compile(r"journeymaps-[^/\\]*\.(whl|tar\.gz|zip)$", re.IGNORECASE)


class InitError(Exception):
    """A file that exists already, a folder that cannot be written, or an unusable requirement: exit 2."""


@dataclass(frozen=True)
class Install:
    line: str
    """What `pip install` gets, in requirements.txt and the pre-commit hook."""
    note: str | None = None
    """Why the line may need changing before CI can use it (None when it is portable)."""


def starter_dir() -> Path:
    return Path(str(resources.files("journeymaps.site_templates"))) / "starter"


def targets() -> list[str]:
    """Every file init writes, relative to the new repository."""
    return [*FILES, *SCHEMAS]


def requirement_from(version: str, direct_url: dict[str, Any] | None) -> Install:
    """The requirement that installs this same journeymaps elsewhere, from PEP 610 install data."""
    url = str((direct_url or {}).get("url", ""))
    vcs = (direct_url or {}).get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("vcs") == "git" and url.startswith(("https://", "ssh://")):
        return Install(f"journeymaps @ git+{url}@{vcs.get('commit_id') or vcs.get('requested_revision')}")
    if "archive_info" in (direct_url or {}) and url.startswith("https://"):
        return Install(f"journeymaps @ {url}")
    pinned = f"journeymaps=={version}"
    if direct_url is None:  # from a package index: the team's CI can use the same index
        return Install(pinned)
    where = url.removeprefix("file://") or "a local folder"
    return Install(
        pinned,
        f"journeymaps was installed from {where}, which a CI machine cannot reach; requirements.txt and "
        f".pre-commit-config.yaml ask for '{pinned}', which works once that version is on your package index. "
        "Otherwise edit both, or run init with --requirement, e.g. "
        "--requirement 'journeymaps @ git+https://github.com/OUR-ORG/journeymaps@v" + version + "'",
    )


def running_requirement() -> Install:
    """The requirement of the journeymaps that is running."""
    try:
        dist = metadata.distribution("journeymaps")
    except metadata.PackageNotFoundError:  # a source tree on sys.path
        return Install("journeymaps", "journeymaps is not installed as a package; pass --requirement")
    text = dist.read_text("direct_url.json")
    try:
        direct = json.loads(text) if text else None
    except ValueError:
        direct = None
    return requirement_from(dist.version, direct if isinstance(direct, dict) else None)


def check_requirement(line: str) -> str:
    """A requirement for journeymaps (PEP 508, or a path or URL of a journeymaps wheel or sdist), else InitError."""
    line = line.strip()
    if not line or any(ord(ch) < 32 or ord(ch) == 127 for ch in line) or line.startswith(("-", "#")):
        raise InitError(f"--requirement {line!r} is not one requirement line")
    try:
        parsed = Requirement(line)
    except InvalidRequirement:
        if ARCHIVE.search(line) and " " not in line:
            return line
        raise InitError(
            f"--requirement {line!r} is not a requirement such as 'journeymaps==0.1.0' or "
            "'journeymaps @ git+https://github.com/OUR-ORG/journeymaps@v0.1.0'"
        ) from None
    if canonicalize_name(parsed.name) != "journeymaps":
        raise InitError(f"--requirement {line!r} names '{parsed.name}', not journeymaps")
    return line


def existing(root: Path) -> list[str]:
    """The targets that are already there (a file, a folder or a link, even a broken one)."""
    found = []
    for rel in targets():
        path = root / rel
        if os.path.lexists(path):
            found.append(rel)
            continue
        for parent in reversed(Path(rel).parents[:-1]):  # 'maps' as a file blocks 'maps/departments.yaml'
            if os.path.lexists(root / parent) and not (root / parent).is_dir():
                found.append(str(parent))
                break
    return list(dict.fromkeys(found))


def contents(requirement: str) -> dict[str, str]:
    """Every file init writes, by target path."""
    source = starter_dir()
    files = {}
    for target, name in FILES.items():
        text = (source / name).read_text(encoding="utf-8")
        text = text.replace(f'"{PLACEHOLDER}"', json.dumps(requirement)).replace(PLACEHOLDER, requirement)
        files[target] = text
    files.update({target: schema.render(kind) for target, kind in SCHEMAS.items()})
    return files


def init(root: Path, requirement: str) -> list[str]:
    """Write the starter into `root` (created if needed); returns the paths written. Overwrites nothing."""
    if os.path.lexists(root) and not root.is_dir():
        raise InitError(f"'{root}' exists and is not a folder")
    taken = existing(root)
    if taken:
        shown = ", ".join(str(root / rel) for rel in taken[:5]) + (
            f" and {len(taken) - 5} more" if len(taken) > 5 else ""
        )
        raise InitError(f"not overwriting what exists: {shown}; nothing was written (init a new or another folder)")
    files = contents(check_requirement(requirement))
    written = []
    try:
        for rel, text in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("x", encoding="utf-8", newline="\n") as handle:  # "x": never replace a file
                handle.write(text)
            written.append(rel)
    except FileExistsError as error:  # created by someone else meanwhile
        raise InitError(f"'{error.filename}' appeared while init was writing; stopped") from None
    except OSError as error:
        raise InitError(f"cannot write into '{root}': {error.strerror or error}") from None
    return written
