"""Every problem code, with what it means and a failing and a passing example.

The codes are stable: tools and people grep for them. `docs/problem-codes.md` is generated from
this catalogue (`journeymaps codes --markdown`), and the test suite runs every example through the
real CLI, so an example here can never drift from what `validate` says.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .escape import terminal
from .problems import Problem, Severity

# The smallest valid maps folder; each example replaces or adds files on top of it.
BASE: dict[str, str] = {
    "departments.yaml": """\
departments:
  - id: ecommerce
    name: E-commerce
""",
    "personas/shopper.yaml": """\
name: Shopper
summary: Buys online, mostly on a phone.
""",
    "journeys/purchase.yaml": """\
title: Online purchase
persona: shopper
owner: ecommerce
stages:
  - id: buy
    name: Buy
    touchpoints:
      - id: checkout
        name: Checkout
        channel: website
        owner: ecommerce
""",
}

_JOURNEY = BASE["journeys/purchase.yaml"]


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    severity: Severity
    summary: str
    failing: dict[str, str | None] = field(default_factory=dict)
    """Files laid over BASE that produce this code (None deletes one; empty where no small file shows it)."""
    passing: dict[str, str | None] = field(default_factory=dict)
    """The same files, fixed; empty means BASE itself."""


def _edited(old: str, new: str) -> str:
    """The base journey with one edit."""
    assert old in _JOURNEY, old
    return _JOURNEY.replace(old, new, 1)


def _journey(old: str, new: str) -> dict[str, str | None]:
    return {"journeys/purchase.yaml": _edited(old, new)}


_TWO_TOUCHPOINTS = (
    _JOURNEY
    + """\
      - id: confirmation-email
        name: Confirmation email
        channel: email
        owner: ecommerce
"""
)

_TWO_STAGES = (
    _edited("        owner: ecommerce\n", "        owner: ecommerce\n        leads_to: [confirmation-email, survey]\n")
    + """\
  - id: after
    name: After the purchase
    touchpoints:
      - id: confirmation-email
        name: Confirmation email
        channel: email
        owner: ecommerce
      - id: survey
        name: Satisfaction survey
        channel: email
        owner: ecommerce
"""
)

_MEASURED_KPI = """\
kpis:
  - id: nps
    name: Net promoter score
    unit: score
    direction: up
    target: 40
    owner: ecommerce
"""
_MEASURED_JOURNEY = _edited("        owner: ecommerce\n", "        owner: ecommerce\n        kpis: [nps]\n")
_MEASURED_ROWS = "date,value,note\n2026-08-31,29,\n2026-09-30,31,after the new returns form\n"


def _measured(
    rows: str = _MEASURED_ROWS, name: str = "measurements/nps.csv", kpis: str = _MEASURED_KPI
) -> dict[str, str | None]:
    """A KPI whose figures come from a measurements file, with that file's text (or another file name)."""
    return {"kpis.yaml": kpis, "journeys/purchase.yaml": _MEASURED_JOURNEY, name: rows}


E, W = Severity.ERROR, Severity.WARNING

CODES: tuple[Code, ...] = (
    # Reading: the file itself.
    Code(
        "JM001",
        "file-too-large",
        E,
        "The file is larger than `max_file_bytes` (5 MiB unless configured) and is not read.",
    ),
    Code(
        "JM002",
        "not-utf8",
        E,
        "The file is not UTF-8 text; the position of the first bad byte is given. Save it as UTF-8 (a byte-order "
        "mark is fine).",
    ),
    Code(
        "JM003",
        "forbidden-character",
        E,
        "Control characters (other than line breaks and tabs), bidirectional-override and zero-width characters can "
        "hide or "
        "disguise text, and Unicode noncharacters (U+FDD0..U+FDEF, U+FFFE, U+FFFF and the last two of every plane) are "
        "never text and break YAML readers, so they are refused anywhere in a file, written raw or as an escape.",
        failing=_journey("name: Checkout", 'name: "Check\\u202Eout"'),
    ),
    Code(
        "JM004",
        "yaml-syntax",
        E,
        "The file is not valid YAML. The message names the line where the mistake starts (a quote never closed, "
        "': ' inside text that is not quoted, a tab, a line out of step with the indentation above) and says what "
        "to change; the YAML reader's own words follow in parentheses.",
        failing=_journey("name: Checkout", "name: Checkout: fast"),
    ),
    Code(
        "JM005",
        "duplicate-key",
        E,
        "A key appears twice in one mapping; YAML parsers would silently keep one of them.",
        failing=_journey("owner: ecommerce\n", "owner: ecommerce\nowner: marketing\n"),
    ),
    Code(
        "JM006",
        "tag",
        E,
        "Explicit tags (`!!python/...`, `!!binary`, `!!set`, `!custom`) are refused: map files hold plain values.",
        failing=_journey("name: Checkout", "name: !!binary Q2hlY2tvdXQ="),
    ),
    Code(
        "JM007",
        "anchor-alias",
        E,
        "Anchors (`&x`) and aliases (`*x`) are refused, so that a small file can never expand into a huge one.",
        failing=_journey("title: Online purchase", "title: &t Online purchase"),
    ),
    Code(
        "JM008",
        "merge-key",
        E,
        "Merge keys (`<<`) are refused: write the fields out in full.",
        failing=_journey("        owner: ecommerce\n", "        owner: ecommerce\n        <<: {emotion: 1}\n"),
    ),
    Code(
        "JM009",
        "several-documents",
        E,
        "A file holds one YAML document; `---` starts a second one.",
        failing={"journeys/purchase.yaml": _JOURNEY + "---\ntitle: Another\n"},
    ),
    Code(
        "JM010",
        "too-deep",
        E,
        "Nesting deeper than `max_depth` (32) levels is refused before it can exhaust the parser.",
        failing=_journey("name: Checkout", "name: " + "[" * 40 + "]" * 40),
    ),
    Code(
        "JM011",
        "empty-file",
        E,
        "The file holds no data (only comments or nothing).",
        failing={"personas/shopper.yaml": "# to do\n"},
    ),
    Code(
        "JM012",
        "stray-file",
        E,
        "A `.yaml`/`.yml` file that is not part of the layout, such as `journey/x.yaml` or `journeys/x.yml`: "
        "it would otherwise be ignored without a word.",
        failing={"journey/returns.yaml": _JOURNEY},
    ),
    Code("JM013", "missing-file", E, "`departments.yaml` is required.", failing={"departments.yaml": None}),
    Code(
        "JM014",
        "too-many-files",
        E,
        "More map files (YAML and measurements files) than `max_files` (5,000) under the maps folder.",
    ),
    Code(
        "JM015",
        "too-many-values",
        E,
        "More keys, values and list items in one file (in a measurements file: fields) than `max_values` (100,000): "
        "reading stops there, so that a "
        "file of a million tiny items, aliases or duplicate keys costs neither minutes nor gigabytes.",
    ),
    Code(
        "JM016",
        "symbolic-link",
        E,
        "A symbolic link under the maps directory (file or folder). Links are never followed, by `validate`, `build` "
        "and `diff` alike: one could publish, or quote in a problem, a file from outside the repository.",
    ),
    Code(
        "JM017",
        "unsafe-name",
        E,
        "A file or folder name holding a control, invisible or non-UTF-8 character (a line break, an escape, a "
        "no-break space). Names reach edit links, CODEOWNERS and terminals, so such an entry is not read (nor "
        "anything in such a folder: each map file below it is named too); every output shows the name escaped.",
        failing={"journeys/purchase\u00a0v2.yaml": _JOURNEY.replace("checkout", "payment")},
    ),
    Code(
        "JM018",
        "not-a-file",
        E,
        "An entry named like a map file (`.yaml`/`.yml`) that is not a plain file: a folder, a named pipe (FIFO), a "
        "socket or a device. It is never opened, so nothing can block the run.",
        failing={"journeys/returns.yaml/notes.txt": "Returns, to do.\n"},
    ),
    Code(
        "JM019",
        "unreadable",
        E,
        "A map file or folder that cannot be read (permission denied, an I/O error): the maps cannot be checked whole.",
    ),
    Code(
        "JM020",
        "number-too-long",
        E,
        "A whole number of more than 1,000 digits: no map needs one (Python itself refuses to convert numbers of "
        "more than 4,300 digits). Quote it if it is text.",
    ),
    # Schema: one file's fields.
    Code(
        "JM101", "missing-field", E, "A required field is missing.", failing=_journey("        owner: ecommerce\n", "")
    ),
    Code(
        "JM102",
        "unknown-field",
        E,
        "A field the format does not have, usually a typo; a close match is suggested.",
        failing=_journey("name: Checkout", "nmae: Checkout"),
    ),
    Code(
        "JM103",
        "wrong-type",
        E,
        "A value of the wrong kind: text where a list belongs, a list where a mapping belongs, text where a number "
        "belongs.",
        failing=_journey("        owner: ecommerce\n", "        owner: ecommerce\n        emotion: happy\n"),
    ),
    Code(
        "JM104",
        "not-allowed",
        E,
        "A value outside its list: channel, severity, KPI unit or direction; a close match is suggested.",
        failing=_journey("channel: website", "channel: web-site"),
    ),
    Code(
        "JM105",
        "out-of-range",
        E,
        "A number outside its range, such as an emotion outside -2..+2.",
        failing=_journey("        owner: ecommerce\n", "        owner: ecommerce\n        emotion: 5\n"),
    ),
    Code(
        "JM106",
        "invalid-date",
        E,
        "A date that is not a real calendar date in the form YYYY-MM-DD.",
        failing={
            "journeys/purchase.yaml": _edited(
                "        owner: ecommerce\n", "        owner: ecommerce\n        kpis: [conversion]\n"
            )
            + """\
kpis:
  - id: conversion
    name: Conversion rate
    unit: percent
    direction: up
    current: 2.1
    as_of: 2026-09-31
    owner: ecommerce
"""
        },
        passing={
            "journeys/purchase.yaml": _edited(
                "        owner: ecommerce\n", "        owner: ecommerce\n        kpis: [conversion]\n"
            )
            + """\
kpis:
  - id: conversion
    name: Conversion rate
    unit: percent
    direction: up
    current: 2.1
    as_of: 2026-09-30
    owner: ecommerce
"""
        },
    ),
    Code(
        "JM107",
        "invalid-id",
        E,
        "An id (or a persona or journey file name, or a folder under `journeys/`) that is not kebab-case, or is longer "
        "than 64 characters: ids become file names and URLs. Ids are checked whole: a trailing line break is not "
        "kebab-case.",
        failing=_journey("id: checkout", "id: Check_Out"),
    ),
    Code(
        "JM108",
        "reserved-id",
        E,
        "An id that collides with the site's own files (`index`, `assets`, `search`, `tags`, `404`) or a device name "
        "(`con`, `nul`, `com1`, ...).",
        failing=_journey("id: checkout", "id: index"),
    ),
    Code(
        "JM109",
        "empty-value",
        E,
        "A value that must not be empty: a blank name, or a list that needs at least one entry.",
        failing=_journey("name: Checkout", 'name: ""'),
    ),
    Code(
        "JM110",
        "invalid-colour",
        E,
        "A department colour that is not six-digit hex such as `#1f77b4` (it reaches the diagrams).",
        failing={"departments.yaml": BASE["departments.yaml"] + '    color: "red; stroke: url(x)"\n'},
    ),
    Code(
        "JM111",
        "invalid-contact",
        E,
        "A department contact that is not an e-mail address, a `#chat-channel` or an https URL, or a `codeowners` "
        "handle that is not `@org/team`.",
        failing={"departments.yaml": BASE["departments.yaml"] + "    contact: javascript:alert(1)\n"},
    ),
    Code("JM112", "text-too-long", E, "A text value longer than `max_text_length` (10,000 characters)."),
    Code(
        "JM113",
        "too-many-touchpoints",
        E,
        "A journey with more touchpoints than `max_touchpoints_per_journey` (500): split it into journeys.",
    ),
    # References and uniqueness: across files.
    Code(
        "JM201",
        "duplicate-id",
        E,
        "A department, persona, journey or KPI id that is already used elsewhere in the maps.",
        failing={"journeys/b2b/purchase.yaml": _JOURNEY.replace("checkout", "quote")},
    ),
    Code(
        "JM202",
        "duplicate-stage",
        E,
        "Two stages of one journey with the same id.",
        failing={
            "journeys/purchase.yaml": _JOURNEY
            + _JOURNEY[_JOURNEY.index("  - id: buy") :].replace("checkout", "payment")
        },
    ),
    Code(
        "JM203",
        "duplicate-touchpoint",
        E,
        "Two touchpoints of one journey with the same id.",
        failing={"journeys/purchase.yaml": _TWO_TOUCHPOINTS.replace("id: confirmation-email", "id: checkout")},
    ),
    Code(
        "JM204",
        "unknown-department",
        E,
        "An owner, responsible, consulted or informed department (of a journey, touchpoint or KPI) that "
        "`departments.yaml` does not define; a close match is suggested.",
        failing=_journey("        owner: ecommerce", "        owner: ecomerce"),
    ),
    Code(
        "JM205",
        "unknown-persona",
        E,
        "A journey's persona that has no file under `personas/`.",
        failing=_journey("persona: shopper", "persona: shoper"),
    ),
    Code(
        "JM206",
        "unknown-kpi",
        E,
        "A touchpoint's KPI that no journey and no `kpis.yaml` defines.",
        failing=_journey("        owner: ecommerce\n", "        owner: ecommerce\n        kpis: [convertion]\n"),
    ),
    Code(
        "JM207",
        "unknown-touchpoint",
        E,
        "A `leads_to` entry naming a touchpoint that its journey does not have. Not judged while that journey has a "
        "duplicate touchpoint id (JM203): the copy may be the touchpoint meant.",
        failing=_journey("        owner: ecommerce\n", "        owner: ecommerce\n        leads_to: [confirmation]\n"),
    ),
    Code(
        "JM208",
        "unknown-journey",
        E,
        "A `leads_to` entry `<journey>/<touchpoint>` naming a journey that does not exist.",
        failing=_journey("        owner: ecommerce\n", "        owner: ecommerce\n        leads_to: [returns/label]\n"),
    ),
    Code(
        "JM209",
        "current-without-date",
        E,
        "A KPI with a `current` value but no `as_of` date: readers must know how fresh a figure is. An `as_of` that "
        "is given but not a real date is JM106 alone.",
        failing={
            "kpis.yaml": """\
kpis:
  - id: nps
    name: Net promoter score
    unit: score
    direction: up
    current: 31
    owner: ecommerce
"""
        },
        passing={
            "kpis.yaml": """\
kpis:
  - id: nps
    name: Net promoter score
    unit: score
    direction: up
    current: 31
    as_of: 2026-10-31
    owner: ecommerce
""",
            "journeys/purchase.yaml": _edited(
                "        owner: ecommerce\n", "        owner: ecommerce\n        kpis: [nps]\n"
            ),
        },
    ),
    # Measurements files: measurements/<kpi-id>.csv.
    Code(
        "JM401",
        "measurements-unknown-kpi",
        E,
        "A measurements file whose name is not the id of a KPI defined in `kpis.yaml` or a journey; a close match "
        "is suggested.",
        failing=_measured(name="measurements/npss.csv"),
        passing=_measured(),
    ),
    Code(
        "JM402",
        "measurements-header",
        E,
        "The first row of a measurements file is not the header `date,value` or `date,value,note`.",
        failing=_measured("Date;Value\n2026-08-31;29\n"),
        passing=_measured(),
    ),
    Code(
        "JM403",
        "measurements-row",
        E,
        "A row that is not valid CSV (an unclosed quote) or has more or fewer fields than the header: a note with "
        "a comma goes in double quotes.",
        failing=_measured("date,value,note\n2026-08-31,29,after the new, faster returns form\n"),
        passing=_measured('date,value,note\n2026-08-31,29,"after the new, faster returns form"\n'),
    ),
    Code(
        "JM404",
        "measurements-date",
        E,
        "A row's date that is not a real calendar date in the form YYYY-MM-DD.",
        failing=_measured("date,value\n2026-09-31,29\n"),
        passing=_measured("date,value\n2026-09-30,29\n"),
    ),
    Code(
        "JM405",
        "measurements-order",
        E,
        "A row's date that is not after the date of the row before: one row a date, oldest first.",
        failing=_measured("date,value\n2026-09-30,31\n2026-08-31,29\n"),
        passing=_measured("date,value\n2026-08-31,29\n2026-09-30,31\n"),
    ),
    Code(
        "JM406",
        "measurements-value",
        E,
        "A value that is not a plain number with `.` as the decimal point (no thousands separator, unit or percent "
        "sign; `journeymaps measure import` turns an export's `1,234` or `12.5%` into one).",
        failing=_measured('date,value\n2026-09-30,"1,234"\n'),
        passing=_measured("date,value\n2026-09-30,1234\n"),
    ),
    Code(
        "JM407",
        "two-sources",
        E,
        "A KPI with a measurements file that also writes `current`, `as_of` or `history` in YAML: one source for "
        "each figure.",
        failing=_measured(kpis=_MEASURED_KPI + "    current: 31\n    as_of: 2026-09-30\n"),
        passing=_measured(),
    ),
    Code(
        "JM408",
        "stray-measurements",
        E,
        "A `.csv` file under the maps folder other than `measurements/<kpi-id>.csv` (a misspelt folder, a subfolder, "
        "an upper-case `.CSV`): it would otherwise be ignored without a word.",
        failing=_measured(name="measurement/nps.csv"),
        passing=_measured(),
    ),
    Code(
        "JM409",
        "measurements-empty",
        E,
        "A measurements file without a header or without rows: add a row or remove the file.",
        failing=_measured("date,value\n"),
        passing=_measured(),
    ),
    Code(
        "JM410",
        "stale-kpi",
        W,
        "A KPI whose latest figure (`as_of`, or the last row of its measurements file) is older than "
        "`stale_after_days` (180 unless configured); today is the date of `SOURCE_DATE_EPOCH` when it is set.",
        failing=_measured("date,value\n2025-01-31,27\n2025-02-28,29\n"),
        passing=_measured(),
    ),
    # Warnings: valid, but probably not meant.
    Code(
        "JM301",
        "empty-stage",
        W,
        "A stage without touchpoints.",
        failing={"journeys/purchase.yaml": _JOURNEY + "  - id: advocacy\n    name: Advocacy\n"},
    ),
    Code(
        "JM302",
        "unused-kpi",
        W,
        "A KPI that no touchpoint lists.",
        failing={
            "kpis.yaml": """\
kpis:
  - id: nps
    name: Net promoter score
    unit: score
    direction: up
    owner: ecommerce
"""
        },
    ),
    Code(
        "JM303",
        "idle-department",
        W,
        "A department that owns no touchpoint, journey or KPI. Not reported while a department reference is unknown "
        "(JM204): the typo may be the reference meant for it.",
        failing={"departments.yaml": BASE["departments.yaml"] + "  - id: legal\n    name: Legal\n"},
    ),
    Code(
        "JM304",
        "unreachable-touchpoint",
        W,
        "A touchpoint after the first stage that nothing leads to: no `leads_to` names it, and it "
        "is not the first touchpoint of a stage that a touchpoint without `leads_to` flows into (a touchpoint "
        "without `leads_to` "
        "leads to the first touchpoint of the next stage, as the journey diagram draws it).",
        failing={
            "journeys/purchase.yaml": _TWO_STAGES.replace(
                "leads_to: [confirmation-email, survey]", "leads_to: [survey]"
            )
        },
        passing={"journeys/purchase.yaml": _TWO_STAGES},
    ),
)

BY_CODE: dict[str, Code] = {code.code: code for code in CODES}


def markdown() -> str:
    """docs/problem-codes.md: every code with its meaning and examples, as the tests run them."""
    lines = [
        "# Problem codes",
        "",
        "<!-- generated by `journeymaps codes --markdown`; a test keeps it current -->",
        "",
        "Every problem `journeymaps validate` reports has a stable code. Errors fail the run; warnings fail it",
        "only with `--strict`. Each example below is laid over this minimal valid maps folder, and the test",
        "suite runs every one of them through the real command.",
        "",
    ]
    for rel, text in BASE.items():
        lines += [f"`maps/{rel}`:", "", "```yaml", text.rstrip("\n"), "```", ""]
    lines += ["| code | name | severity | meaning |", "| --- | --- | --- | --- |"]
    lines += [f"| [{c.code}](#{c.code.lower()}) | {c.name} | {c.severity.value} | {c.summary} |" for c in CODES]
    for c in CODES:
        lines += ["", f"## {c.code}", "", f"**{c.name}** ({c.severity.value}). {c.summary}", ""]
        if not c.failing:
            lines += ["No small file shows it; the test suite builds one."]
            continue
        for label, files in (
            ("Fails", c.failing),
            ("Passes", c.passing or {rel: BASE[rel] for rel in c.failing if rel in BASE}),
        ):
            for rel, body in files.items():
                shown = "*(file removed)*" if body is None else ""
                lines += [f"{label}: `maps/{rel}` {shown}".rstrip(), ""]
                if body is not None:
                    lines += ["```csv" if rel.endswith(".csv") else "```yaml", body.rstrip("\n"), "```", ""]
            if label == "Fails":
                reported = [terminal(p) for p in report_example(c.failing) if p.code == c.code]
                lines += ["`journeymaps validate maps` reports:", "", "```text", *reported, "```", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def explain(c: Code) -> str:
    """`journeymaps codes JM204`: one code in plain text, with its examples as the tests run them."""
    lines = [f"{c.code} {c.name} ({c.severity.value})", "", c.summary, ""]
    if c.failing:
        passing = c.passing or {rel: BASE[rel] for rel in c.failing if rel in BASE}
        for label, files in (("Fails", c.failing), ("Passes", passing)):
            for rel, text in files.items():
                lines += [f"{label}: maps/{rel}" + (" (file removed)" if text is None else "")]
                lines += ["    " + line for line in (text or "").rstrip("\n").splitlines()] + [""]
            if label == "Fails":
                reported = [str(p) for p in report_example(c.failing) if p.code == c.code]
                lines += ["'journeymaps validate maps' reports:", *("    " + r for r in reported), ""]
    lines += [f"Every code: journeymaps codes, or docs/problem-codes.md#{c.code.lower()}"]
    return "\n".join(lines) + "\n"


def lay_out(root: Path, overlay: dict[str, str | None]) -> Path:
    """Write BASE with `overlay` laid over it (None removes a file) into root/maps."""
    maps = root / "maps"
    for rel, text in {**BASE, **overlay}.items():
        if text is not None:
            (maps / rel).parent.mkdir(parents=True, exist_ok=True)
            (maps / rel).write_text(text, encoding="utf-8")
    return maps


def report_example(overlay: dict[str, str | None]) -> list[Problem]:
    """What `validate` says about an example, naming the folder `maps` as a user would."""
    from .validate import validate  # the catalogue itself stays importable by the loader's tests

    with tempfile.TemporaryDirectory() as tmp:
        return validate(lay_out(Path(tmp), overlay), display_root="maps").problems
