"""Problem codes JM0xx: reading the files themselves (size, encoding, YAML, names, layout)."""

from __future__ import annotations

from .examples import _JOURNEY, Code, E, _journey

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
)
