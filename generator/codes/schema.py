"""Problem codes JM1xx: one file's fields against the schema."""

from __future__ import annotations

from .examples import BASE, Code, E, _edited, _journey

CODES: tuple[Code, ...] = (
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
)
