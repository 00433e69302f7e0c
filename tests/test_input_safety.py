"""What `validate` (and so `build` and `diff`) accepts from a hostile pull-request: names, links, odd files, floods.

Each test drives the real CLI (or the public `validate` and `Suggestions`) on real files. Whatever the input,
no run prints a traceback or "internal error", and nothing outside the maps folder is read.
"""

from __future__ import annotations

import ctypes
import difflib
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from journeymaps.codes import BASE
from journeymaps.model import FORBIDDEN, check_id, forbidden_in
from journeymaps.problems import MAX_PER_CODE, Suggestions
from journeymaps.validate import validate
from pydantic_core import PydanticCustomError

from .conftest import commit_all, copy_minimal_repo, init, run_cli, write_maps

JOURNEY = BASE["journeys/purchase.yaml"]
SECRET = "TOP-SECRET-OUTSIDE-THE-REPOSITORY"


def _clean(run: object) -> None:
    text = run.out + run.err  # type: ignore[attr-defined]
    assert "Traceback" not in text and "internal error" not in text, text


# -- Noncharacters ----------------------------------------------------------------------------


@pytest.mark.parametrize("char", ["\ufdd0", "\ufdef", "\ufffe", "\uffff", "\U0001fffe", "\U0010ffff"])
def test_noncharacters_are_refused_raw_and_escaped_with_their_position(char: str, tmp_path: Path) -> None:
    escape = f"\\U{ord(char):08X}"
    write_maps(
        tmp_path,
        {
            "journeys/purchase.yaml": JOURNEY.replace("name: Checkout", f"name: Check{char}out"),
            "personas/shopper.yaml": f'name: "Shop{escape}per"\nsummary: Buys.\n',
        },
    )
    run = run_cli("validate", "maps", cwd=tmp_path)
    assert run.code == 1
    point = f"U+{ord(char):04X}"
    assert f"maps/journeys/purchase.yaml:9:20: error JM003 Unicode noncharacter {point} is not allowed" in run.out
    assert f"maps/personas/shopper.yaml:1:7: error JM003 name: Unicode noncharacter {point}" in run.out
    _clean(run)


def test_characters_next_to_the_noncharacters_stay_valid(tmp_path: Path) -> None:
    maps = write_maps(
        tmp_path, {"personas/shopper.yaml": "name: Sh\ufdcfop\ufdf0per \ufffd\nsummary: Buys \U0001fffd.\n"}
    )
    assert not validate(maps).problems


def _refused(code: int) -> bool:
    """The refused characters as docs/problem-codes.md lists them (JM003), one code point at a time."""
    return (
        (code < 0x20 and chr(code) not in "\t\n\r")
        or 0x7F <= code <= 0x9F
        or code in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF)
        or 0x202A <= code <= 0x202E
        or 0x2066 <= code <= 0x2069
        or 0xFDD0 <= code <= 0xFDEF
        or code & 0xFFFE == 0xFFFE
    )


def test_the_refused_characters_are_the_same_set_for_every_code_point_on_either_road() -> None:
    # FORBIDDEN tries the astral noncharacters only at an astral character, and `forbidden_in` leaves them out of
    # text without any: both faster, neither allowed to let one through or to refuse one more.
    for code in range(0x110000):
        char = chr(code)
        refused = _refused(code)
        assert bool(FORBIDDEN.search(char)) is refused, hex(code)
        assert bool(forbidden_in(char).search(char)) is refused, hex(code)
        assert bool(forbidden_in(f"\U0001f600 {char}").search(f"\U0001f600 {char}")) is refused, hex(code)


# -- Names --------------------------------------------------------------------------------------


def test_ids_are_checked_whole_so_a_trailing_newline_is_no_id() -> None:
    for value in ("checkout\n", "checkout\r\n", "\ncheckout"):
        with pytest.raises(PydanticCustomError):
            check_id(value)
    assert check_id("checkout") == "checkout"


HOSTILE_NAMES = [
    "x\n::error file=evil.yaml,line=1::pwned.yaml",
    "y\r## Injected heading.yaml",
    "z\x1b]8;;https:evil.example\x07link\x1b]8;;\x07.yaml",
    "w\x1b[2J.yaml",
    "v.yaml\n",
    "\u202eevil.yaml",
]


@pytest.mark.parametrize("output", ["text", "json", "github"])
def test_hostile_file_names_never_reach_the_output_raw(output: str, tmp_path: Path) -> None:
    maps = write_maps(tmp_path)
    for name in HOSTILE_NAMES:
        (maps / "journeys" / name).write_text(JOURNEY, encoding="utf-8")
    (maps / "personas" / "a\nb").mkdir()
    (maps / "personas" / "a\nb" / "c.yaml").write_text(BASE["personas/shopper.yaml"], encoding="utf-8")
    run = run_cli("validate", "--format", output, "maps", cwd=tmp_path)
    assert run.code == 1
    _clean(run)
    assert not any(c in run.out for c in "\x1b\x07\r\u202e")
    lines = run.lines
    named = {f"maps/journeys/{name}" for name in HOSTILE_NAMES} | {"maps/personas/a\nb", "maps/personas/a\nb/c.yaml"}
    if output == "json":
        problems = json.loads(run.out)
        assert [p["code"] for p in problems] == ["JM017"] * 8
        assert {p["file"] for p in problems} == named  # the real names, as JSON strings
        assert all("\n" not in p["message"] for p in problems)
    else:
        assert len(lines) == 9  # eight problems, one line each, and the summary
        assert all(line.startswith(("maps/", "::error file=maps/", "3 map files")) for line in lines), lines
        assert "'x\\u000a::error file=evil.yaml,line=1::pwned.yaml'" in run.out
    assert not any(line.startswith(("::error file=evil", "## Injected")) for line in lines)


def test_a_folder_under_journeys_follows_the_id_rule(tmp_path: Path) -> None:
    maps = write_maps(tmp_path, {"journeys/B2B/quote.yaml": JOURNEY.replace("checkout", "quote")})
    run = run_cli("validate", "maps", cwd=tmp_path)
    assert run.code == 1
    assert run.lines[0] == (
        "maps/journeys/B2B:1:1: error JM107 the folder name is not an id: id 'B2B' must be kebab-case: lower-case "
        "letters, digits and single hyphens (like 'online-purchase'); rename it, e.g. to 'b2b'"
    )
    os.rename(maps / "journeys" / "B2B", maps / "journeys" / "b2b")
    assert run_cli("validate", "maps", cwd=tmp_path).code == 0


# -- Symbolic links -----------------------------------------------------------------------------


def _outside_secret(tmp_path: Path) -> Path:
    secret = tmp_path / "outside" / "secret.yaml"
    secret.parent.mkdir()
    secret.write_text(f"title: {SECRET}\nname: {SECRET}\n", encoding="utf-8")
    return secret


def test_links_are_never_followed_by_validate(tmp_path: Path) -> None:
    secret = _outside_secret(tmp_path)
    maps = write_maps(tmp_path)
    os.symlink(secret, maps / "journeys" / "leak.yaml")
    os.symlink(secret.parent, maps / "journeys" / "elsewhere")
    for output in ("text", "json", "github"):
        run = run_cli("validate", "--format", output, "maps", cwd=tmp_path)
        assert run.code == 1 and SECRET not in run.out, run.out
        assert run.out.count("JM016") == 2
        _clean(run)
    first = run_cli("validate", "maps", cwd=tmp_path).lines[0]
    assert first.startswith("maps/journeys/elsewhere:1:1: error JM016 'journeys/elsewhere' is a symbolic link"), first


def test_build_refuses_a_link_and_publishes_nothing_from_outside(tmp_path: Path) -> None:
    secret = _outside_secret(tmp_path)
    repo = copy_minimal_repo(tmp_path / "repo")
    os.symlink(secret, repo / "maps" / "journeys" / "leak.yaml")
    run = run_cli("build", cwd=repo)
    assert run.code == 1, run.err
    assert "JM016" in run.err + run.out and SECRET not in run.err + run.out
    assert not (repo / "site").exists() or SECRET not in "".join(
        p.read_text(encoding="utf-8", errors="replace") for p in (repo / "site").rglob("*") if p.is_file()
    )
    _clean(run)


def test_diff_reports_a_committed_link_as_validate_does(tmp_path: Path) -> None:
    init(tmp_path)
    write_maps(tmp_path)
    commit_all(tmp_path, "Maps", "Ana", 1)
    os.symlink("/etc/passwd", tmp_path / "maps" / "journeys" / "passwd.yaml")
    commit_all(tmp_path, "A link", "Eve", 2)
    for args in (["diff", "HEAD~1", "HEAD"], ["diff", "HEAD~1"]):  # a revision read from git, and the work tree
        run = run_cli(*args, cwd=tmp_path)
        assert run.code == 1, run.out + run.err
        assert "JM016" in run.out and "journeys/passwd.yaml" in run.out, run.out
        assert "root:" not in run.out
        _clean(run)
    assert "maps/journeys/passwd.yaml:1:1: error JM016" in run_cli("validate", "maps", cwd=tmp_path).out


# -- Files that are not plain files, and files that cannot be read -----------------------------


def test_a_fifo_named_like_a_map_never_blocks(tmp_path: Path) -> None:
    maps = write_maps(tmp_path)
    os.mkfifo(maps / "journeys" / "returns.yaml")
    os.mkfifo(maps / "kpis.yaml")
    run = run_cli("validate", "maps", cwd=tmp_path, timeout=60)  # a read would wait for a writer for ever
    assert run.code == 1
    assert "maps/journeys/returns.yaml:1:1: error JM018 'journeys/returns.yaml' is a named pipe (FIFO)" in run.out
    assert "maps/kpis.yaml:1:1: error JM018" in run.out
    _clean(run)


def test_a_folder_named_like_a_map_is_named(tmp_path: Path) -> None:
    maps = write_maps(tmp_path)
    (maps / "journeys" / "returns.yaml").mkdir()
    run = run_cli("validate", "maps", cwd=tmp_path)
    assert run.code == 1 and run.lines[0] == (
        "maps/journeys/returns.yaml:1:1: error JM018 'journeys/returns.yaml' is a folder, not a map file: rename it"
    )
    _clean(run)


def _without_root_powers() -> None:
    """In the child: drop the capabilities that let root read whatever it likes, so permissions apply as for a user."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def _run_as_a_user(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    drop = _without_root_powers if os.geteuid() == 0 else None
    return subprocess.run(
        [sys.executable, "-m", "journeymaps", *args], cwd=cwd, env=env, capture_output=True, text=True,
        timeout=60, preexec_fn=drop,
    )  # fmt: skip


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="permissions are simulated with Linux capabilities")
def test_unreadable_files_and_folders_are_problems_naming_them(tmp_path: Path) -> None:
    maps = write_maps(tmp_path, {"journeys/b2b/quote.yaml": JOURNEY.replace("checkout", "quote")})
    (maps / "personas" / "shopper.yaml").chmod(0)
    (maps / "journeys" / "b2b").chmod(0)
    try:
        done = _run_as_a_user("validate", "maps", cwd=tmp_path)
    finally:
        (maps / "personas" / "shopper.yaml").chmod(0o644)
        (maps / "journeys" / "b2b").chmod(0o755)
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stdout.splitlines()[:2] == [
        "maps/journeys/b2b:1:1: error JM019 the folder 'journeys/b2b' cannot be read (permission denied)",
        "maps/personas/shopper.yaml:1:1: error JM019 the file cannot be read (permission denied)",
    ], done.stdout
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr


# -- Numbers too long for Python ---------------------------------------------------------------


@pytest.mark.parametrize("output", ["text", "json", "github"])
def test_a_5000_digit_number_is_a_problem_with_its_line(output: str, tmp_path: Path) -> None:
    digits = "9" * 5000
    write_maps(
        tmp_path,
        {
            "journeys/purchase.yaml": JOURNEY.replace(
                "        owner: ecommerce\n", f"        owner: ecommerce\n        emotion: {digits}\n"
            )
        },
    )
    run = run_cli("validate", "--format", output, "maps", cwd=tmp_path)
    assert run.code == 1
    _clean(run)
    assert "JM020" in run.out and "5,000 digits" in run.out and digits not in run.out
    if output == "text":
        assert run.lines[0].startswith("maps/journeys/purchase.yaml:12:18: error JM020")


def test_the_same_digits_quoted_are_text(tmp_path: Path) -> None:
    maps = write_maps(tmp_path, {"personas/shopper.yaml": f"name: Shopper\nsummary: '{'9' * 5000}'\n"})
    assert not validate(maps).problems


# -- Floods and "did you mean" ------------------------------------------------------------------


def test_every_code_is_capped_per_file_in_every_format(tmp_path: Path) -> None:
    bad = ", ".join(f"Bad_{i}" for i in range(1_500))
    unknown = "".join(f"x{i}: 1\n" for i in range(300))
    overlay = {
        f"journeys/flood-{n}.yaml": JOURNEY.replace("persona: shopper", f"persona: [{bad}]").replace(
            "checkout", f"c{n}"
        )
        + unknown
        for n in range(3)
    }
    write_maps(tmp_path, overlay)
    problems = json.loads(run_cli("validate", "--format", "json", "maps", cwd=tmp_path).out)
    for n in range(3):
        for code, total in (("JM107", 1_500), ("JM102", 300)):
            mine = [p for p in problems if p["file"] == f"maps/journeys/flood-{n}.yaml" and p["code"] == code]
            assert len(mine) == MAX_PER_CODE + 1, (n, code)
            more = total - MAX_PER_CODE
            assert mine[-1]["message"].startswith(f"{more:,} more {code} problems from here on in this file"), mine[-1]
    for output in ("text", "github"):
        run = run_cli("validate", "--format", output, "maps", cwd=tmp_path)
        assert len(run.lines) == 3 * 2 * (MAX_PER_CODE + 1) + 1
        assert run.lines[-1].startswith("6 map files checked: "), run.lines[-1]


def test_suggestions_stay_within_their_budget_on_many_long_similar_ids() -> None:
    rnd = random.Random(1)

    def ident() -> str:
        return "".join(rnd.choice("abcdefghij") for _ in range(60))

    ids = [ident() for _ in range(500)]
    suggest = Suggestions()
    for _ in range(1_000):
        suggest(ident(), ids)
    # Plain difflib would compare 500,000 pairs of 60 characters (1.8 billion character pairs).
    assert suggest.work <= suggest.budget <= 5_000_000


def test_suggestions_are_difflibs_where_the_budget_lasts() -> None:
    rnd = random.Random(2)
    words = ["".join(rnd.choice("abcde-") for _ in range(rnd.randint(1, 14))) for _ in range(2_000)]
    choices = words[:150]
    suggest = Suggestions(budget=10**9)
    for word in words[150:]:
        assert suggest.close(word, choices, n=3) == difflib.get_close_matches(word, choices, n=3), word
    assert suggest("ecomerce", ["marketing", "ecommerce"]) == " (did you mean 'ecommerce'?)"


def test_many_unknown_references_to_long_ids_finish_with_every_problem(tmp_path: Path) -> None:
    """The issue's 213-second case: the run now does bounded work per hint (see the budget test above)."""
    from .test_hostile import CORPUS, lay_out_case, run_bounded

    lay_out_case(CORPUS / "did-you-mean-many-long-ids", tmp_path)
    code, out, err, _ = run_bounded("validate", "--format", "json", "maps", cwd=tmp_path)
    assert code == 1 and err == ""
    problems = json.loads(out)
    listed = [p for p in problems if p["code"] == "JM206"]
    assert len(listed) == MAX_PER_CODE + 1 and listed[-1]["message"].startswith("900 more JM206 problems")


def test_diff_names_a_hostile_file_name_escaped_and_shows_no_journey_for_it(tmp_path: Path) -> None:
    init(tmp_path)
    write_maps(tmp_path)
    commit_all(tmp_path, "Maps", "Ana", 1)
    (tmp_path / "maps" / "journeys" / "x\r\n## Injected\n* @attacker.yaml").write_text(JOURNEY, encoding="utf-8")
    commit_all(tmp_path, "A name", "Eve", 2)
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    for args in (["diff", "HEAD~1", "HEAD"], ["diff", "HEAD~1"], ["diff", "--format", "json", "HEAD~1", "HEAD"]):
        done = subprocess.run([sys.executable, "-m", "journeymaps", *args], cwd=tmp_path, env=env, capture_output=True)
        out = done.stdout.decode("utf-8")  # bytes as written: no newline translation hides a carriage return
        assert done.returncode == 1, out
        assert "JM017" in out, out
        assert "\r" not in out and "\x1b" not in out, out
        assert not any(line.lstrip().startswith(("## Injected", "* @attacker")) for line in out.split("\n")), out
        assert b"Traceback" not in done.stderr and b"internal error" not in done.stderr


def test_a_maps_folder_that_is_itself_a_link_is_not_followed(tmp_path: Path) -> None:
    elsewhere = write_maps(tmp_path / "elsewhere")
    os.symlink(elsewhere, tmp_path / "maps")
    run = run_cli("validate", "maps", cwd=tmp_path)
    assert run.code == 1
    assert run.lines == [
        "maps:1:1: error JM016 the maps folder 'maps' is a symbolic link, which is not followed",
        "0 map files checked: 1 error, 0 warnings",
    ]
    _clean(run)


@pytest.mark.parametrize("escape", ["\\u202E", "\\uFFFF", "\\u200B", "\\x07"])
def test_forbidden_characters_written_as_escapes_are_refused_in_patterned_fields_too(
    escape: str, tmp_path: Path
) -> None:
    departments = (
        BASE["departments.yaml"] + f'    contact: "sales{escape}@example.com"\n    codeowners: "@acme/sh{escape}op"\n'
    )
    write_maps(tmp_path, {"departments.yaml": departments})
    run = run_cli("validate", "maps", cwd=tmp_path)
    assert run.code == 1
    assert [line.split(" error ")[1][:5] for line in run.lines[:-1]] == ["JM003", "JM003"], run.out
    assert "department 'ecommerce': contact: " in run.out and "department 'ecommerce': codeowners: " in run.out
