"""Review dates and stale maps (contract, "Review dates and stale maps"): `reviewed:`, else the last commit's
date; the warning in `validate`, the notice on the page, the lists on the home and department pages."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

from journeymaps import pages
from journeymaps.codes import BASE
from journeymaps.history import file_dates, log_entries
from journeymaps.review import FileDates, review_of
from journeymaps.validate import validate

from .conftest import EXAMPLE_MAPS, commit_all, git, init, run_cli, write_maps

PURCHASE = BASE["journeys/purchase.yaml"]
TODAY = dt.date(2026, 11, 30)  # the CLI's today in tests (conftest.TODAY_EPOCH)


def _reviewed(date: str) -> dict[str, str | None]:
    return {
        "journeys/purchase.yaml": PURCHASE.replace(
            "owner: ecommerce\nstages:", f"owner: ecommerce\nreviewed: {date}\nstages:"
        )
    }


def test_a_journey_reviewed_too_long_ago_is_a_warning_at_its_reviewed_line(tmp_path: Path) -> None:
    maps = write_maps(tmp_path, _reviewed("2026-05-01"))  # 213 days before the tests' today
    run = run_cli("validate", maps)
    assert run.code == 0
    assert run.lines[0] == (
        f"{maps}/journeys/purchase.yaml:4:11: warning JM606 journey 'purchase' was last reviewed on 2026-05-01, "
        "more than 180 days ago (stale_after_days): ask 'E-commerce' to confirm it matches reality, then update "
        "reviewed:"
    ), run.out
    assert run_cli("validate", "--strict", maps).code == 1
    # The KPIs' option is the journeys' too: on the command line and in mkdocs.yml.
    assert run_cli("validate", "--strict", "--stale-after-days", "240", maps).code == 0
    (tmp_path / "mkdocs.yml").write_text("site_name: M\nplugins:\n  - journeymaps:\n      stale_after_days: 240\n")
    assert run_cli("validate", "--strict", "maps", cwd=tmp_path).code == 0
    # "Today" is SOURCE_DATE_EPOCH's date: on 2026-06-01 the same review is a month old.
    assert run_cli("validate", "--strict", maps, env={"SOURCE_DATE_EPOCH": "1780272000"}).code == 0


def test_a_review_date_must_be_a_real_date_and_not_after_today(tmp_path: Path) -> None:
    run = run_cli("validate", write_maps(tmp_path, _reviewed("2026-02-30")))
    assert run.code == 1
    assert re.search(r"purchase\.yaml:4:11: error JM106 .*'2026-02-30' is not a real calendar date", run.out), run.out
    run = run_cli("validate", write_maps(tmp_path, _reviewed("2062-11-01")))
    assert run.code == 0
    assert "purchase.yaml:4:11: warning JM607 journey 'purchase' says it was reviewed on 2062-11-01" in run.out


def _repo(tmp_path: Path) -> Path:
    """A repository whose maps folder has a hostile name, the journey committed on 2026-03-01 without reviewed:."""
    repo = tmp_path / "repo"
    init(repo)
    folder = repo / ":(glob)maps *"  # pathspec magic and a glob in a name: git must read it literally
    write_maps(tmp_path / "scratch")
    shutil.copytree(tmp_path / "scratch" / "maps", folder)
    (folder / 'notes "café" \\ x.txt').write_text("not a map", encoding="utf-8")  # git quotes it without -z
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "maps", date="2026-03-01T23:30:00-05:00")  # 2026-03-02 in UTC
    (repo / "other").mkdir()
    (repo / "other" / "file.txt").write_text("later", encoding="utf-8")
    commit_all(repo, "something else", "Ana", 20)
    return folder


def test_without_reviewed_the_last_commit_of_the_file_counts(tmp_path: Path) -> None:
    folder = _repo(tmp_path)
    dates = file_dates(folder)
    assert dates.committed["journeys/purchase.yaml"] == dt.date(2026, 3, 2)  # the commit's date in UTC
    assert dates.committed['notes "café" \\ x.txt'] == dt.date(2026, 3, 2)
    assert dates.uncommitted == frozenset()
    run = run_cli("validate", folder.name, cwd=folder.parent)
    assert run.lines[0] == (
        f"{folder.name}/journeys/purchase.yaml:1:1: warning JM606 journey 'purchase' has no reviewed: date and its "
        "file last changed on 2026-03-02 (git), more than 180 days ago (stale_after_days): ask 'E-commerce' to "
        "confirm it matches reality, then add reviewed: YYYY-MM-DD"
    ), run.out


def test_a_file_with_uncommitted_changes_counts_as_changed_today(tmp_path: Path) -> None:
    folder = _repo(tmp_path)
    journey = folder / "journeys" / "purchase.yaml"
    journey.write_text(journey.read_text(encoding="utf-8").replace("Online purchase", "Online purchase, edited"))
    (folder / "journeys" / "returns.yaml").write_text(PURCHASE.replace("Online purchase", "Returns"))
    dates = file_dates(folder)
    assert dates.uncommitted == {"journeys/purchase.yaml", "journeys/returns.yaml"}
    run = run_cli("validate", "--strict", folder.name, cwd=folder.parent)
    assert run.code == 0, run.out


def test_a_commit_after_today_is_fresh_not_a_typo(tmp_path: Path) -> None:
    """SOURCE_DATE_EPOCH may be older than the newest commit: only a written `reviewed:` date can be a typo."""
    journey = validate(write_maps(tmp_path)).maps.journeys["purchase"]
    review = review_of(journey, FileDates(committed={journey.source: TODAY + dt.timedelta(days=2)}), TODAY, 180)
    assert (review.basis, review.stale, review.after_today) == ("committed", False, False)


def test_outside_git_a_journey_without_reviewed_is_never_stale(tmp_path: Path) -> None:
    maps = write_maps(tmp_path)
    assert file_dates(maps) == FileDates()
    assert run_cli("validate", "--strict", maps, env={"SOURCE_DATE_EPOCH": "4102444800"}).code == 0  # in 2100


def test_the_log_is_read_the_same_whatever_its_chunks() -> None:
    log = (
        b"\x002026-03-01T10:00:00+02:00\x00\nmaps/a.yaml\x00maps/\nb\x00"
        b"\x00not a date\x00\nmaps/c.yaml\x00"
        b"\x002025-12-31T23:00:00-05:00\x00\nmaps/a.yaml\x00maps/c.yaml\x00"
    )
    whole = list(log_entries(iter([log])))
    assert whole == [
        (dt.date(2026, 3, 1), [b"maps/a.yaml", b"maps/\nb"]),
        (dt.date(2026, 1, 1), [b"maps/a.yaml", b"maps/c.yaml"]),
    ]
    assert list(log_entries(iter(log[i : i + 1] for i in range(len(log))))) == whole


def _pages(tmp_path: Path) -> dict[str, str]:
    folder = write_maps(
        tmp_path,
        {**_reviewed("2026-01-15"), "journeys/returns.yaml": PURCHASE.replace("Online purchase", "Returns <i>")},
    )
    result = validate(folder)
    dates = FileDates(committed={"journeys/returns.yaml": dt.date(2026, 11, 1)})
    built = pages.build_pages(result.maps, maps_dir=folder, dates=dates, today=TODAY)
    return {page.url: page.body for page in built}


def test_the_stale_journey_page_says_so_at_the_top(tmp_path: Path) -> None:
    built = _pages(tmp_path)
    purchase = built["journeys/purchase/"]
    top = purchase.split('<div class="jm-facts">')[0]
    assert 'data-jm-review="stale"' in top and "This map may be out of date" in top
    assert "It was last reviewed on 2026-01-15, 319 days ago" in top
    assert '<a class="jm-dept" href="../../departments/ecommerce/">E-commerce</a>' in top
    assert '<dt>Reviewed</dt><dd data-jm-review="stale">2026-01-15 (319 days ago)' in purchase
    returns = built["journeys/returns/"]
    assert "This map may be out of date" not in returns
    assert (
        '<dt>Reviewed</dt><dd data-jm-review="committed"><span class="jm-muted">no review date; the file last '
        in returns
    )
    assert "2026-11-01 (29 days ago)" in returns


def test_home_and_owner_department_list_the_stale_journeys(tmp_path: Path) -> None:
    built = _pages(tmp_path)
    home = built[""].split("## Maps to review")[1].split("\n## ")[0]
    assert "1 journey has not been reviewed for more than 180 days" in home
    assert '<a href="journeys/purchase/">Online purchase</a> <span class="jm-badge jm-badge--stale"' in home
    assert "Returns" not in home
    department = built["departments/ecommerce/"].split("## Maps to review")[1].split("\n## ")[0]
    assert '<a href="../../journeys/purchase/">Online purchase</a>' in department
    assert "2026-01-15 (319 days ago)" in department
    # Journey lists mark it too; the returns journey's title is escaped there as everywhere.
    listing = built["journeys/"]
    assert 'Online purchase</a> <span class="jm-badge jm-badge--stale"' in listing
    assert "Returns &lt;i&gt;</a></td>" in listing


def test_the_example_has_one_stale_journey_on_its_home_page() -> None:
    result = validate(EXAMPLE_MAPS)
    assert [p.code for p in result.problems] == ["JM606"]
    assert result.problems[0].file.endswith("mobile-activation.yaml")
    built = {p.url: p.body for p in pages.build_pages(result.maps, maps_dir=EXAMPLE_MAPS, today=TODAY)}
    home = built[""].split("## Maps to review")[1].split("\n## ")[0]
    assert re.findall(r'<td><a href="journeys/([a-z0-9-]+)/">', home) == ["mobile-activation"]
    assert "## Maps to review" in built["departments/mobile-services/"]
