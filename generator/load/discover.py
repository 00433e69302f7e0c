"""Find every map file under the maps folder, safely (no links out, no odd names), and say what kind each is."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic_core import PydanticCustomError

from .. import yamlread
from ..codes import BY_CODE
from ..escape import printable
from ..model import (
    RESERVED_IDS,
    _Strict,
    check_id,
)
from ..problems import Problem, Suggestions, did_you_mean, quote
from ..yamlread import Located, NodePath, ReadError


@dataclass
class SourceFile:
    """One map file: where it is, what kind it is, its model once read, and its problems."""

    rel: str
    """Path under the maps directory, POSIX form."""
    display: str
    """The path problems name: the maps directory as the user gave it, joined with `rel`."""
    kind: str
    text: str = ""
    data: Any = None
    model: _Strict | None = None
    problems: list[Problem] = field(default_factory=list)
    dropped: dict[str, set[str]] = field(default_factory=dict)
    """Ids of list items left out of a salvaged model, by list name ('touchpoints', 'kpis', ...)."""
    _located: Located | None = None
    max_depth: int = 32
    suggest: Suggestions = field(default_factory=Suggestions)
    """Its "did you mean" hints, with a bounded amount of work per file."""

    def located(self) -> Located:
        """Positions of every node, composed on first use only."""
        if self._located is None:
            try:
                self._located = yamlread.parse_precise(self.text, self.max_depth)[1]
            except ReadError:
                self._located = Located()
        return self._located

    def position(self, path: NodePath, *, key: bool = False) -> tuple[int, int]:
        return self.located().position(path, key=key)

    def problem(self, path: NodePath, code: str, message: str, *, key: bool = False) -> Problem:
        """A problem at `path` in this file, as severe as the catalogue says `code` is."""
        line, column = self.position(path, key=key)
        return Problem(self.display, line, column, code, message, BY_CODE[code].severity)

    @property
    def stem(self) -> str:
        return PurePosixPath(self.rel).stem


def discover(maps_dir: Path, display_root: str) -> tuple[list[SourceFile], list[Problem]]:
    """Every .yaml/.yml file under the maps directory, by kind; the ones outside the layout are problems.

    The folder is walked without following symbolic links, and each entry's type is taken with lstat
    before anything opens it: a link (it could point outside the repository), a FIFO (reading it would
    block) or a folder named like a map file is a problem naming it, never read. Names are data too: a
    name holding a control or invisible character is reported escaped and not read, and the folders
    under journeys/ follow the id rule. Hidden entries (`.wip.yaml`, `.drafts/`) are skipped unread.
    """
    walk = _Walk(maps_dir, display_root)
    todo = [""]
    if maps_dir.is_symlink():  # a pull-request can replace the folder itself with a link to anywhere
        walk.add("", "JM016", f"the maps folder {quote(str(maps_dir), 120)} is a symbolic link, which is not followed")
        return [], walk.problems
    while todo:
        todo.extend(walk.folder(todo.pop()))
    files = sorted(walk.files, key=lambda source: PurePosixPath(source.rel).parts)
    if not any(f.kind == "departments" for f in files):
        walk.add("departments.yaml", "JM013", "departments.yaml is missing: every map needs its departments")
    return files, walk.problems


@dataclass
class _Walk:
    """What `discover` has found so far."""

    maps_dir: Path
    display_root: str
    files: list[SourceFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unsafe: set[str] = field(default_factory=set)
    """Folders whose name, or a name above them, is not plain text: walked only to name what they hold."""

    def shown(self, rel: str) -> str:
        if not rel:
            return self.display_root or "."
        return f"{self.display_root.rstrip('/')}/{rel}" if self.display_root else rel

    def add(self, rel: str, code: str, message: str) -> None:
        self.problems.append(Problem(self.shown(rel), 1, 1, code, message))

    def folder(self, folder_rel: str) -> list[str]:
        """Look at each entry of one folder; the sub-folders to walk next."""
        try:
            with os.scandir(self.maps_dir / folder_rel) as entries:
                names = sorted(entry.name for entry in entries)
        except OSError as error:
            what = f"the folder {quote(folder_rel)}" if folder_rel else "the maps folder"
            self.add(folder_rel, "JM019", f"{what} cannot be read ({_reason(error)})")
            return []
        found = []
        for name in names:
            if not name.startswith("."):
                rel = f"{folder_rel}/{name}" if folder_rel else name
                if self.entry(folder_rel, name, rel):
                    found.append(rel)
        return found[::-1]  # popped from the end: walked in name order

    def unsafe_entry(self, folder_rel: str, name: str, rel: str, is_folder: bool) -> bool:
        """A name that is not plain text, or a map file below one: a problem naming the entry (every output
        escapes file names for its medium), and nothing read. Folders are walked only to name what they hold."""
        if is_folder:  # never a link: lstat
            self.unsafe.add(rel)
        if not name.isprintable():
            self.add(rel, "JM017", _unsafe_name_message("folder" if is_folder else "file", name))
        elif name.lower().endswith((".yaml", ".yml")) and not is_folder:
            message = "a folder above this file has a name with a control, invisible or non-UTF-8 character: "
            self.add(rel, "JM017", message + "rename it; the file is not read")
        return is_folder

    def entry(self, folder_rel: str, name: str, rel: str) -> bool:
        """Judge one entry by its name and its type (never following a link); True for a folder to walk."""
        try:
            mode = os.lstat(self.maps_dir / rel).st_mode
        except OSError as error:
            self.add(folder_rel, "JM019", f"{quote(name)} cannot be read ({_reason(error)})")
            return False
        is_map = name.lower().endswith((".yaml", ".yml"))
        if not name.isprintable() or folder_rel in self.unsafe:
            return self.unsafe_entry(folder_rel, name, rel, stat.S_ISDIR(mode))
        if stat.S_ISLNK(mode):
            self.add(rel, "JM016", _link_message(rel))
        elif stat.S_ISDIR(mode) and is_map:
            self.add(rel, "JM018", f"{quote(rel)} is a folder, not a map file: rename it")
        elif stat.S_ISDIR(mode):
            if folder_rel == "journeys" or folder_rel.startswith("journeys/"):
                self.problems.extend(_folder_name_problems(name, self.shown(rel)))
            return True
        elif not is_map:
            pass  # notes, images: not map data, never opened
        elif not stat.S_ISREG(mode):
            self.add(rel, "JM018", f"{quote(rel)} is {_file_type(mode)}, not a regular file: map files are plain files")
        elif kind := _kind(rel):
            self.files.append(SourceFile(rel, self.shown(rel), kind))
        else:
            self.add(rel, "JM012", _stray_message(rel))
        return False


def _reason(error: OSError) -> str:
    """'permission denied' rather than '[Errno 13] Permission denied: /full/path'."""
    return (error.strerror or type(error).__name__).lower()


def _unsafe_name_message(what: str, name: str) -> str:
    shown = printable(name[:120] + ("…" if len(name) > 120 else ""))
    not_read = "nothing in it is read" if what == "folder" else "the file is not read"
    return (
        f"the {what} name '{shown}' (shown escaped) holds a control, invisible or non-UTF-8 character: "
        f"rename it; {not_read}"
    )


def _link_message(rel: str) -> str:
    return (
        f"{quote(rel, 120)} is a symbolic link, and links are not followed (one could publish a file from outside "
        "the repository): put the file or folder itself here"
    )


def _file_type(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a plain file"


def _folder_name_problems(name: str, display: str) -> list[Problem]:
    """A folder under journeys/ follows the id rule: it becomes part of addresses (edit links) and CODEOWNERS paths."""
    try:
        check_id(name)
    except PydanticCustomError as error:  # its type is the problem code
        hint = quote(id_suggestion(name, "folder"))
        return [Problem(display, 1, 1, error.type, f"the folder name is not an id: {error}; rename it, e.g. to {hint}")]
    return []


def id_suggestion(name: str, kind: str) -> str:
    """A valid, unreserved id close to `name`, for a rename hint."""
    suggestion = "-".join(part for part in "".join(c if c.isalnum() else "-" for c in name.lower()).split("-") if part)
    suggestion = suggestion[:50].strip("-")  # a hint must itself be a valid, unreserved id
    if not suggestion or suggestion in RESERVED_IDS or not suggestion.isascii():
        suggestion = f"{suggestion}-{kind}".strip("-") if suggestion.isascii() else kind
    return suggestion or "x"


def _kind(rel: str) -> str | None:
    parts = PurePosixPath(rel).parts
    if not rel.endswith(".yaml"):
        return None
    if parts == ("departments.yaml",):
        return "departments"
    if parts == ("kpis.yaml",):
        return "kpis"
    if len(parts) == 2 and parts[0] == "personas":
        return "persona"
    if len(parts) >= 2 and parts[0] == "journeys":
        return "journey"
    return None


def _stray_message(rel: str) -> str:
    path = PurePosixPath(rel)
    if path.suffix.lower() == ".yml" and _kind(str(path.with_suffix(".yaml"))):
        return f"map files end in .yaml: rename '{rel}' to '{path.with_suffix('.yaml')}'"
    top = path.parts[0]
    hint = (
        did_you_mean(top, ["journeys", "personas", "departments.yaml", "kpis.yaml"])
        if len(path.parts) > 1 or top
        else ""
    )
    return (
        f"'{rel}' is not part of the maps layout, so it would be ignored{hint}: journeys go under journeys/, "
        "personas under personas/, and the top holds only departments.yaml and kpis.yaml"
    )
