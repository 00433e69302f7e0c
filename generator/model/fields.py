"""The field types every file kind shares (ids, text, dates, channels, contacts), each refused with its code.

Patterns live here once so that the JSON Schema, the validation and the error wording agree.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import PurePosixPath
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, ValidationInfo
from pydantic_core import PydanticCustomError

from ..vocabulary import EMOTION_MAX, EMOTION_MIN, EMOTION_SCALE

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


ID_MAX = 64


RESERVED_IDS = frozenset(
    {"index", "assets", "search", "tags", "404", "con", "prn", "aux", "nul"}
    | {f"com{n}" for n in range(1, 10)}
    | {f"lpt{n}" for n in range(1, 10)}
)


RESERVED_SHOWN = "index, assets, search, tags, 404, con, prn, aux, nul, com1 to com9, lpt1 to lpt9"


CHANNELS = (
    "website", "mobile-app", "email", "sms", "social", "paid-social", "paid-search", "display-ads",
    "chat", "phone", "store", "events", "partner", "direct-mail", "print", "in-product",
)  # fmt: skip


UNIT_PATTERN = r"^(percent|count|ratio|seconds|score|currency:[A-Z]{3})$"


COLOR_PATTERN = r"^#[0-9a-fA-F]{6}$"


CONTACT_PATTERN = r'^([^@\s<>"]+@[^@\s<>"]+\.[^@\s<>"]+|#[\w.-]+|@[\w.-]+|https://[^\s<>"]+)$'


CODEOWNERS_PATTERN = r"^@[\w.-]+(/[\w.-]+)?$"


_ID = re.compile(ID_PATTERN)


_UNIT = re.compile(UNIT_PATTERN)


_COLOR = re.compile(COLOR_PATTERN)


_CONTACT = re.compile(CONTACT_PATTERN)


_CODEOWNERS = re.compile(CODEOWNERS_PATTERN)


_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


# Characters refused anywhere: in a file's raw text (by the loader) and in every text value (escapes).
# Unicode noncharacters (U+FDD0..U+FDEF and the last two code points of every plane) are refused too:
# YAML readers such as MkDocs' front-matter parser reject them, and they are never meant as text.
_FORBIDDEN_BMP = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff"
)
_NONCHARACTERS_ASTRAL = "".join(chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF) for plane in range(1, 17))


# One class of all of them made the regular expression engine test every character against each astral
# noncharacter in turn (0.3 s per 8 MB of maps); the astral ones are only tried at an astral character.
FORBIDDEN = re.compile(f"[{_FORBIDDEN_BMP}]|(?=[\U00010000-\U0010ffff])[{_NONCHARACTERS_ASTRAL}]")


_FORBIDDEN_IN_BMP = re.compile(f"[{_FORBIDDEN_BMP}]")


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def forbidden_in(text: str) -> re.Pattern[str]:
    """FORBIDDEN, or for text without astral characters the same set without them: 4 times faster again,
    which counts for the raw text of every file and every text value."""
    return _FORBIDDEN_IN_BMP if text.isascii() or not _ASTRAL.search(text) else FORBIDDEN


def is_noncharacter(char: str) -> bool:
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def forbidden_character_message(char: str) -> str:
    point = f"U+{ord(char):04X}"
    if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        return f"bidirectional-override character {point} is not allowed: it can make text display as something else"
    if char in "\u200b\u200c\u200d\u2060\ufeff":
        return f"zero-width character {point} is not allowed: it hides text"
    if is_noncharacter(char):
        return f"Unicode noncharacter {point} is not allowed: it is never text, and YAML readers refuse it"
    return f"control character {point} is not allowed"


def check_id(value: str) -> str:
    if len(value) > ID_MAX:
        raise PydanticCustomError("JM107", "id '{short}…' is longer than 64 characters", {"short": value[:40]})
    if not _ID.fullmatch(value):
        raise PydanticCustomError(
            "JM107",
            "id '{value}' must be kebab-case: lower-case letters, digits and single hyphens (like 'online-purchase')",
            {"value": value[:80]},
        )
    if value in RESERVED_IDS:
        raise PydanticCustomError(
            "JM108",
            "id '{value}' is reserved for the site's own files and device names ({reserved}): choose another",
            {"value": value, "reserved": RESERVED_SHOWN},
        )
    return value


def _matching(pattern: re.Pattern[str], code: str, what: str) -> AfterValidator:
    """Text that must match `pattern`, refused with our own problem code (the types below also put the
    pattern in the JSON Schema)."""

    def check(value: str) -> str:
        if match := forbidden_in(value).search(value):  # written as an escape, the raw-text check cannot see it
            raise PydanticCustomError("JM003", forbidden_character_message(match.group()))
        if not pattern.fullmatch(value):
            raise PydanticCustomError(code, "'{value}' is not {what}", {"value": value[:80], "what": what})
        return value

    return AfterValidator(check)


def _check_date(value: Any) -> Any:
    if isinstance(value, str):
        try:
            if _DATE.fullmatch(value):
                return dt.date.fromisoformat(value)
        except ValueError:
            pass
        raise PydanticCustomError(
            "JM106", "'{value}' is not a real calendar date in the form YYYY-MM-DD", {"value": value[:40]}
        )
    return value


def _check_text(value: str, info: ValidationInfo) -> str:
    if match := forbidden_in(value).search(value):
        raise PydanticCustomError("JM003", forbidden_character_message(match.group()))
    limit = (info.context or {}).get("max_text_length")
    if limit and len(value) > limit:
        raise PydanticCustomError(
            "JM112", "text of {n} characters is longer than the limit of {limit}", {"n": len(value), "limit": limit}
        )
    # One spelling per text: 'café' typed as NFC (é) or NFD (e + U+0301) is the same name on the site and in search.
    return value if value.isascii() else unicodedata.normalize("NFC", value)


def _check_channel(value: str, info: ValidationInfo) -> str:
    channels = (info.context or {}).get("channels", CHANNELS)
    if value not in channels:
        raise PydanticCustomError("JM104", "unknown channel '{value}'", {"value": value[:80]})
    return value


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


Id = Annotated[str, AfterValidator(check_id), Field(json_schema_extra={"pattern": ID_PATTERN, "maxLength": ID_MAX})]


Text = Annotated[str, Field(min_length=1), AfterValidator(_check_text)]


Markdown = Annotated[
    str, Field(min_length=1, description="Markdown inline formatting and links"), AfterValidator(_check_text)
]


Date = Annotated[dt.date, BeforeValidator(_check_date)]


Emotion = Annotated[int, Field(ge=EMOTION_MIN, le=EMOTION_MAX, description=EMOTION_SCALE)]


Channel = Annotated[str, Field(json_schema_extra={"enum": list(CHANNELS)}), AfterValidator(_check_channel)]


IdList = list[Id]


Contact = Annotated[
    str,
    _matching(_CONTACT, "JM111", "an e-mail address, a #chat-channel or an https URL"),
    Field(json_schema_extra={"pattern": CONTACT_PATTERN}),
]


CodeOwners = Annotated[
    str,
    _matching(_CODEOWNERS, "JM111", "a code-host team such as '@acme/marketing'"),
    Field(json_schema_extra={"pattern": CODEOWNERS_PATTERN}),
]


Color = Annotated[
    str,
    _matching(_COLOR, "JM110", "a six-digit colour such as '#1f77b4'"),
    Field(json_schema_extra={"pattern": COLOR_PATTERN}),
]


Unit = Annotated[
    str,
    _matching(_UNIT, "JM104", "a unit: percent, count, ratio, seconds, score or currency:<ISO code>"),
    Field(json_schema_extra={"pattern": UNIT_PATTERN}),
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class _FromFile(_Strict):
    """A model whose id is its file name (personas, journeys), set by the loader."""

    _id: str = PrivateAttr(default="")
    _source: str = PrivateAttr(default="")

    @property
    def id(self) -> str:
        """The file name without `.yaml`. Read from the private values directly: `self._id` goes through
        pydantic's `__getattr__`, some 2 µs, and every touchpoint address asks for its journey's id."""
        return (self.__pydantic_private__ or {})["_id"]  # type: ignore[no-any-return]

    @property
    def source(self) -> str:
        """The file, relative to the maps directory, in POSIX form."""
        return (self.__pydantic_private__ or {})["_source"]  # type: ignore[no-any-return]

    def read_from(self, rel: str) -> None:
        """Set by the loader: the file the model was read from (its name without `.yaml` is the id)."""
        self._id, self._source = PurePosixPath(rel).stem, rel
