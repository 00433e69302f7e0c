"""Limits from mkdocs.yml and `--limit NAME=VALUE`: one pydantic model checks them, with the words users see."""

from __future__ import annotations

import pytest
from journeymaps.settings import Limits, OptionError, check_options


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({"max_files": "7"}, {"max_files": 7}),  # the command line gives text
        ({"max_files": 7.0, "dot_timeout": "0.5"}, {"max_files": 7, "dot_timeout": 0.5}),
        ({}, {}),
    ],
)
def test_limits_take_numbers_as_written_and_keep_the_other_defaults(
    given: dict[str, object], expected: dict[str, object]
) -> None:
    limits = Limits.from_options(given)
    assert limits.model_dump() == {**Limits().model_dump(), **expected}


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"max_files": 0}, "limit 'max_files' must be a positive whole number, found 0"),
        ({"max_files": 2.5}, "limit 'max_files' must be a positive whole number, found 2.5"),
        ({"max_files": True}, "limit 'max_files' must be a positive whole number, found True"),
        ({"max_files": "many"}, "limit 'max_files' must be a positive whole number, found 'many'"),
        ({"dot_timeout": -1}, "limit 'dot_timeout' must be a positive number, found -1"),
        ({"dot_timeout": float("nan")}, "limit 'dot_timeout' must be a positive number, found nan"),
        ({"max_fles": 3}, "unknown limit 'max_fles': the limits are max_file_bytes, max_depth, max_files,"),
    ],
)
def test_a_bad_limit_is_named_in_plain_words(given: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError) as raised:
        Limits.from_options(given)
    assert str(raised.value).startswith(message), raised.value


def test_the_plugin_option_is_typed_limits() -> None:
    assert check_options({"limits": {"max_depth": 9}}).limits == Limits(max_depth=9)
    with pytest.raises(OptionError) as raised:
        check_options({"limits": ["max_depth"]})
    assert raised.value.name == "limits" and raised.value.message.startswith("limits must be a mapping")
