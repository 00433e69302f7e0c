"""`journeymaps diff` and the change history over real git repositories with several commits.

One repository is built per module from the example maps: an import, then an owner change, a renamed
touchpoint, a moved touchpoint (with pain points resolved and added), new KPI figures, and a broken
revision. The CLI runs in it as a user runs it; its Markdown and JSON are compared with golden files
(regenerate them with JOURNEYMAPS_UPDATE_GOLDEN=1 and review the change).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from journeymaps import history
from journeymaps.model import Maps
from journeymaps.settings import Settings
from journeymaps.siteview import Site, SiteOptions

from .conftest import EXAMPLE_MAPS, ROOT, assert_golden, commit_all, init, run_cli, write_maps

pytestmark = pytest.mark.slow  # the real CLI over git repositories

GOLDEN = ROOT / "tests" / "golden" / "diff"
JOURNEY = "maps/journeys/mobile-activation.yaml"

HOTLINE = """\
      - id: activation-hotline
        name: Activation hotline
        channel: phone
        owner: customer-service
        responsible: [mobile-services]
        consulted: [it-operations]
        description: >-
          Dedicated queue for new lines. Callers often have no signal and ring
          from a partner's or a friend's phone.
        emotion: -2
        systems: [Genesys Cloud CX, Zendesk, Amdocs BSS]
        pain_points:
          - text: Hold times peak at 11 minutes on Saturdays, the day most SIMs arrive
            severity: high
          - text: Agents cannot see the provisioning queue, so they reset the SIM and restart the wait
            severity: high
        opportunities:
          - Show provisioning status on the agent screen
          - text: Call back automatically when activation completes
            id: callback-on-activation
            status: idea
            value: 3
            effort: 3
            kpis: [activation-contact-rate]
        kpis: [avg-hold-time, activation-contact-rate, first-contact-resolution]
        leads_to: [app-onboarding, store-help]
"""

# (author, subject, [(file, old, new)]): each commit edits the previous revision.
COMMITS: list[tuple[str, str, list[tuple[str, str, str]]]] = [
    ("Ana Import", "Import the journey maps", []),
    (
        "Bob Owner",
        "Hand the activation SMS to IT Operations",
        [
            (
                JOURNEY,
                "        owner: mobile-services\n        responsible: [it-operations]\n        description: Sent to "
                "the new line",
                "        owner: it-operations\n        responsible: [mobile-services]\n        informed: "
                "[customer-service]\n"
                "        description: Sent to the new line",
            ),
        ],
    ),
    (
        "Cleo Rename",
        "Rename the port-in touchpoint",
        [
            (JOURNEY, "name: Keep your number (port-in)", "name: Number porting <port-in> & *keep* your [number]"),
        ],
    ),
    (
        "Dev Move",
        "Move the activation hotline to Support",
        [
            (JOURNEY, HOTLINE, ""),
            (
                JOURNEY,
                "    emotion: -1\n    touchpoints:\n      - id: support-chat\n",
                "    emotion: -1\n    touchpoints:\n"
                + HOTLINE.replace(
                    "          - text: Agents cannot see the provisioning queue, so they reset the SIM and restart "
                    "the wait\n"
                    "            severity: high\n",
                    "          - text: Callers without signal cannot reach the hotline from the new SIM\n            "
                    "severity: medium\n",
                ).replace("leads_to: [app-onboarding, store-help]", "leads_to: [store-help]")
                + "\n      - id: support-chat\n",
            ),
        ],
    ),
    (
        "Eve Kpi",
        "Set a realistic activation target",
        [
            (
                JOURNEY,
                "    target: 97\n    baseline: 88\n    current: 93.4\n",
                "    target: 93\n    baseline: 88\n    current: 93.4\n",
            ),
            (JOURNEY, "    target: 900\n", "    target: 1500\n"),
            (JOURNEY, "    sign-up: 12900 ", "    sign-up: 13400 "),
            (JOURNEY, "    activation: 12050 ", "    activation: 12880 "),
        ],
    ),
    (
        "Bob Owner",
        "Hand welcome e-mails to a new team",
        [
            (
                JOURNEY,
                "      - id: welcome-emails\n        name: Welcome e-mail series\n        channel: email\n        "
                "owner: marketing\n",
                "      - id: welcome-emails\n        name: Welcome e-mail series\n        channel: email\n        "
                "owner: marketting\n",
            ),
        ],
    ),
]


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The example maps through six commits; returns the repository and the commit ids, oldest first."""
    root = tmp_path_factory.mktemp("repo")
    init(root)
    shutil.copytree(EXAMPLE_MAPS, root / "maps")
    (root / "README.md").write_text("A repository that keeps its journey maps in git.\n")
    shas = []
    for day, (author, subject, edits) in enumerate(COMMITS, start=1):
        for file, old, new in edits:
            path = root / file
            text = path.read_text(encoding="utf-8")
            assert text.count(old) == 1, f"{subject}: the example maps changed, edit not found: {old[:60]!r}"
            path.write_text(text.replace(old, new), encoding="utf-8")
        shas.append(commit_all(root, subject, author, day))
    return root, shas


def golden(name: str, actual: str) -> None:
    assert_golden(GOLDEN / name, actual)


def masked(out: str) -> str:
    """JSON output with the commit ids (which depend on the example maps' bytes) masked."""
    data = json.loads(out)
    for side in ("base", "head"):
        if data[side]["commit"]:
            data[side]["commit"] = "<commit>"
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# The realistic change, in both formats ----------------------------------------------------------


def test_markdown_of_a_realistic_change(repo: tuple[Path, list[str]]) -> None:
    root, _shas = repo
    run = run_cli("diff", "HEAD~5", "HEAD~1", cwd=root)
    assert run.code == 0, run.err
    assert run.err == ""
    golden("realistic.md", run.out)
    lines = run.lines
    assert lines[0] == "<!-- journeymaps-diff -->"
    # Departments first, with the reason, before any journey section.
    approve = lines.index("### Departments to approve")
    assert approve < next(i for i, line in enumerate(lines) if line.startswith("### Mobile service activation"))
    assert any(
        line.startswith(
            "- **IT Operations** (`@northwind/it-ops`): now owner of "
            "`mobile-activation/activation-sms` "
            "(was Northwind Mobile)"
        )
        for line in lines
    ), run.out


def test_json_of_a_realistic_change(repo: tuple[Path, list[str]]) -> None:
    root, _ = repo
    run = run_cli("diff", "HEAD~5", "HEAD~1", "--format", "json", cwd=root)
    assert run.code == 0, run.err
    golden("realistic.json", masked(run.out))
    data = run.json()
    kinds = {c["kind"] for c in data["changes"]}
    assert {"touchpoint-owner-changed", "touchpoint-renamed", "touchpoint-moved", "kpi-target-changed",
            "pain-point-added", "pain-point-resolved", "touchpoint-informed-changed"} <= kinds  # fmt: skip
    target = next(
        c
        for c in data["changes"]
        if c["kind"] == "kpi-target-changed" and c["subject"] == "kpi:activation-success-rate"
    )
    assert (target["before"], target["after"]) == (97, 93)
    assert target["details"]["status_before"] == "at-risk" or target["details"]["status_before"] == "missed"
    assert target["details"]["status_after"] == "met"
    assert data["base"]["valid"] and data["head"]["valid"] and data["problems"]["introduced"] == []


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        (
            1,
            "- **Northwind Mobile** (`@northwind/mobile`): no longer owner of `mobile-activation/activation-sms` "
            "(now IT Operations)",
        ),
        (
            1,
            "- Touchpoint **Activation confirmation SMS** (`activation-sms`):\n  - owner Northwind Mobile → IT "
            "Operations\n"
            "  - responsible IT Operations → Northwind Mobile\n  - informed nobody → Customer Service\n",
        ),
        (
            2,
            "- Touchpoint **Number porting &lt;port-in&gt; &amp; \\*keep\\* your \\[number\\]** (`number-porting`): "
            "renamed Keep your number \\(port-in\\) → Number porting &lt;port-in&gt; &amp; \\*keep\\* your "
            "\\[number\\]\n",
        ),
        (
            3,
            "- Touchpoint **Activation hotline** (`activation-hotline`):\n  - moved from stage Activation to Support\n",
        ),
        (
            3,
            "  - pain point resolved (high): Agents cannot see the provisioning queue, so they reset the SIM and "
            "restart the wait\n",
        ),
        (
            3,
            "- **Customer Service** (`@northwind/customer-service`): owns `mobile-activation/activation-hotline`: "
            "moved to stage Support, pain point added, pain point resolved, leads_to edited\n",
        ),
        (
            4,
            "- KPI **First-attempt activation success** (`activation-success-rate`): target 97 % → 93 %, status "
            "missed → met\n",
        ),
    ],
)
def test_each_commit_reads_as_a_reviewer_would_say_it(repo: tuple[Path, list[str]], step: int, expected: str) -> None:
    root, shas = repo
    run = run_cli("diff", shas[step - 1], shas[step], cwd=root)
    assert run.code == 0, run.err
    assert expected in run.out, run.out


# Broken revisions, the working tree, and usage errors ---------------------------------------------


def test_a_change_that_breaks_validation_exits_1_and_lists_the_new_problems(repo: tuple[Path, list[str]]) -> None:
    root, _ = repo
    run = run_cli("diff", "HEAD~1", "HEAD", cwd=root)
    assert run.code == 1, run.err
    assert "Traceback" not in run.err
    golden("broken.md", run.out)
    assert "❌ This change introduces 1 validation error: see below." in run.lines
    assert any("JM204" in line and line.startswith("- `maps/journeys/mobile-activation.yaml:") for line in run.lines)
    data = run_cli("diff", "HEAD~1", "HEAD", "--format", "json", cwd=root)
    assert data.code == 1
    assert [p["code"] for p in data.json()["problems"]["introduced"]] == ["JM204"]  # type: ignore[index]


def test_fixing_a_broken_revision_exits_0_and_says_so(repo: tuple[Path, list[str]]) -> None:
    root, _ = repo
    run = run_cli("diff", "HEAD", "HEAD~1", cwd=root)
    assert run.code == 0, run.err
    assert "This change fixes 1 validation problem." in run.lines
    assert "The maps did not validate at `HEAD` (1 error)." in run.lines


def test_an_unreadable_journey_is_reported_not_shown_as_removed(tmp_path: Path) -> None:
    init(tmp_path)
    write_maps(tmp_path)
    commit_all(tmp_path, "Maps", "Ana", 1)
    (tmp_path / "maps/journeys/purchase.yaml").write_text("title: [Online purchase\n")
    (tmp_path / "maps/departments.yaml").write_text(
        "departments:\n  - id: ecommerce\n    name: E-commerce\n    colour: red\n"
    )
    run = run_cli("diff", "HEAD", cwd=tmp_path)
    assert run.code == 1, run.err
    assert "removed" not in run.out
    assert (
        "- `maps/journeys/purchase.yaml` could not be read at HEAD (see the validation problems): its changes are "
        "not shown" in run.lines
    )
    assert (
        "- File `departments.yaml`: could not be read at HEAD (see the validation problems): its changes are not shown"
        in run.lines
    )
    assert "JM004" in run.out and "JM102" in run.out


def test_a_touchpoint_an_edit_makes_invalid_is_reported_as_the_edit_not_as_removed(tmp_path: Path) -> None:
    """A channel changed to an unknown one: the field change and its problem, one approval, nothing 'removed'."""
    init(tmp_path)
    shutil.copytree(EXAMPLE_MAPS, tmp_path / "maps")
    commit_all(tmp_path, "Maps", "Ana", 1)
    path = tmp_path / "maps/journeys/online-purchase.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("channel: paid-social") == 1
    path.write_text(text.replace("channel: paid-social", "channel: tiktok"), encoding="utf-8")
    commit_all(tmp_path, "TikTok instead of Instagram", "Ana", 2)

    run = run_cli("diff", "HEAD~1", "HEAD", cwd=tmp_path)
    assert run.code == 1, run.err
    assert "removed" not in run.out and "no longer" not in run.out, run.out
    assert "**1 change** in 1 journey; **1 department** to approve." in run.lines
    assert (
        "- **Marketing** (`@northwind/marketing`): owns `online-purchase/instagram-ad`: "
        "channel `paid-social` → `tiktok`, now invalid"
    ) in run.lines
    assert (
        "- Touchpoint **Instagram and Facebook carousel ad** (`instagram-ad`): "
        "channel `paid-social` → `tiktok`, which makes it invalid (see the validation problems)"
    ) in run.lines
    assert any(" error JM104: touchpoint 'instagram-ad': unknown channel 'tiktok'" in line for line in run.lines)
    data = run_cli("diff", "HEAD~1", "HEAD", "--format", "json", cwd=tmp_path).json()
    assert [c["kind"] for c in data["changes"]] == ["touchpoint-invalid"]  # type: ignore[index]

    back = run_cli("diff", "HEAD", "HEAD~1", cwd=tmp_path)
    assert back.code == 0, back.err
    assert "removed" not in back.out and "added" not in back.out, back.out
    assert (
        "- Touchpoint **Instagram and Facebook carousel ad** (`instagram-ad`): "
        "channel `tiktok` → `paid-social`, which makes it valid again"
    ) in back.lines


def test_head_defaults_to_the_working_tree_with_uncommitted_edits(repo: tuple[Path, list[str]], tmp_path: Path) -> None:
    root, _ = repo
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(root), str(clone)], check=True, capture_output=True)
    path = clone / JOURNEY
    path.write_text(
        path.read_text()
        .replace("owner: marketting", "owner: marketing")
        .replace("name: Chat support", "name: Chat help")
    )
    run = run_cli("diff", "HEAD", cwd=clone / "maps")  # from a subfolder: the repository root is found
    assert run.code == 0, run.err
    assert "## Journey map changes: `HEAD` → `working tree`" in run.lines
    assert "- Touchpoint **Chat help** (`support-chat`): renamed Chat support → Chat help" in run.lines
    assert "This change fixes 1 validation problem." in run.lines


def test_no_changes(repo: tuple[Path, list[str]]) -> None:
    root, _ = repo
    run = run_cli("diff", "HEAD~1", "HEAD~1", cwd=root)
    assert (run.code, run.err) == (0, "")
    assert "**No changes to the maps.**" in run.lines
    assert run_cli("diff", "HEAD~1", "HEAD~1", "--format", "json", cwd=root).json()["changes"] == []  # type: ignore[index]


def test_maps_added_by_the_change(tmp_path: Path) -> None:
    init(tmp_path)
    (tmp_path / "README.md").write_text("before the maps\n")
    commit_all(tmp_path, "Start", "Ana", 1)
    write_maps(tmp_path)
    run = run_cli("diff", "HEAD", cwd=tmp_path)
    assert run.code == 0, run.err
    assert "The maps folder does not exist at `HEAD`: everything is new." in run.lines
    assert "- New journey Online purchase: 1 stage, 1 touchpoint, owner E-commerce" in run.lines
    assert (
        "- **E-commerce**: owner of new journey `purchase`; its entry in departments.yaml: added; owns a journey for "
        "persona `shopper`: added" in run.lines
    )
    assert "- Department **E-commerce** (`ecommerce`): department added, no code-host team" in run.lines


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["diff", "no-such-branch"], "revision 'no-such-branch' not found"),
        (["diff", "HEAD", "--upload-pack=touch x"], "not a revision"),
        (["diff", "HEAD", "HEAD", "--maps-dir", "../elsewhere"], "must be inside the repository"),
        (["diff", "HEAD", "HEAD", "--maps-dir", "nothing-here"], "there is no 'nothing-here' folder"),
    ],
)
def test_usage_errors_exit_2_without_a_traceback(repo: tuple[Path, list[str]], args: list[str], message: str) -> None:
    root, _ = repo
    run = run_cli(*args, cwd=root)
    assert run.code == 2, (run.out, run.err)
    assert message in run.err
    assert "Traceback" not in run.err and run.out == ""


def test_outside_a_git_repository(tmp_path: Path) -> None:
    write_maps(tmp_path)
    run = run_cli("diff", "HEAD", cwd=tmp_path, env={"GIT_CEILING_DIRECTORIES": str(tmp_path.parent)})
    assert run.code == 2
    assert "is not inside a git repository" in run.err


def test_names_cannot_inject_html_links_or_mentions(tmp_path: Path) -> None:
    init(tmp_path)
    write_maps(tmp_path)
    commit_all(tmp_path, "Maps", "Ana", 1)
    journey = tmp_path / "maps/journeys/purchase.yaml"
    hostile = "<img src=x onerror=alert(1)> [click](javascript:alert(1)) @acme/admins `code` _x_"
    journey.write_text(journey.read_text().replace("name: Checkout", f"name: '{hostile}'"))
    run = run_cli("diff", "HEAD", cwd=tmp_path)
    assert run.code == 0, run.err
    assert "<img" not in run.out and "](" not in run.out and " @acme" not in run.out
    # GitHub finds mentions in the rendered text, after `\@` is read: a zero-width space after `@` stops it.
    assert (
        "&lt;img src=x onerror=alert\\(1\\)&gt; \\[click\\]\\(javascript:alert\\(1\\)\\) \\@&#8203;acme/admins "
        "\\`code\\` \\_x\\_" in run.out
    )
    # JSON keeps the text as written.
    assert hostile in run_cli("diff", "HEAD", "--format", "json", cwd=tmp_path).out


# The change history (core only; the site renders it) ----------------------------------------------


def test_recent_changes_from_the_git_log(repo: tuple[Path, list[str]]) -> None:
    root, shas = repo
    entries = history.recent_changes(root, "maps", limit=10)
    assert [e.sha for e in entries] == shas[::-1]
    assert [e.author for e in entries] == [author for author, _, _ in COMMITS][::-1]
    assert entries[0].subject == "Hand welcome e-mails to a new team"
    assert entries[0].date.isoformat() == "2026-11-06T10:00:00+00:00"
    assert entries[-1].initial  # the import: everything is new
    # Worded for readers: names, never ids or code-host teams.
    assert entries[3].summaries == [
        "Touchpoint 'Number porting <port-in> & *keep* your [number]': "
        "renamed 'Keep your number (port-in)' → 'Number porting <port-in> & *keep* your [number]'"
    ]
    assert (
        "Touchpoint 'Activation confirmation SMS': owner 'Northwind Mobile' → 'IT Operations'" in entries[4].summaries
    )
    assert not any("@" in line or "(activation-sms)" in line for e in entries for line in e.summaries)
    assert entries[0].introduced_errors == 1
    assert history.recent_changes(root, "maps", limit=2) == entries[:2]


def _journey_pages(changes: list[history.HistoryEntry]) -> Site:
    """The view model as the journey pages see it (the live path: the site hands it `recent_changes`)."""
    return Site(Maps(), Settings(), {}, SiteOptions(), history=changes)


def test_journey_history(repo: tuple[Path, list[str]]) -> None:
    root, shas = repo
    changes = history.recent_changes(root, "maps")
    site = _journey_pages(changes)
    entries = site.journey_history("mobile-activation")
    assert [e.sha for e in entries] == shas[::-1]
    assert all(
        s.startswith(("Touchpoint", "KPI", "Journey", "New journey", "Funnel"))
        for e in entries[:-1]
        for s in e.summaries
    )
    assert site.journey_history("online-purchase") == [entries[-1]]
    assert site.journey_history("no-such-journey") == []
    assert entries == [e for e in changes if "mobile-activation" in e.journeys]
    assert entries[2].summaries_for("mobile-activation")[0] == (
        "Touchpoint 'Activation hotline': moved from stage 'Activation' to 'Support'"
    )
    assert entries[2].summaries_for("online-purchase") == []


def test_history_is_empty_quietly_without_git(tmp_path: Path) -> None:
    write_maps(tmp_path)
    assert history.recent_changes(tmp_path, "maps") == []
    assert _journey_pages(history.recent_changes(tmp_path, "maps")).journey_history("purchase") == []
    init(tmp_path / "empty")  # a repository without commits
    assert history.recent_changes(tmp_path / "empty", "maps") == []
