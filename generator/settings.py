"""What a run may be told: the site's options (mkdocs.yml, docs/configuration.md), resource bounds
(docs/limits.md) and what the core makes of them (`Settings`)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated, ClassVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationError,
)

from .model import CHANNELS, ID_PATTERN, RESERVED_IDS
from .problems import did_you_mean


def _number_not_bool(value: object) -> object:
    if isinstance(value, bool):  # YAML's `yes` is a bool, and a bool is an int to Python: never a bound
        raise ValueError("a bool")
    return value


Whole = Annotated[int, BeforeValidator(_number_not_bool), Field(gt=0)]
"""A positive whole number: `5`, `5.0` and `"5"` (from `--limit NAME=5`) are 5; `5.5`, `0` and `yes` are refused."""
Seconds = Annotated[float, BeforeValidator(_number_not_bool), Field(gt=0, allow_inf_nan=False)]


class Limits(BaseModel):
    """Bounds on input; hitting one is a clear problem, never a crash or a runaway build."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_file_bytes: Whole = 5 * 1024 * 1024
    """A map file larger than this is refused before it is parsed."""
    max_depth: Whole = 32
    """Nesting of mappings and lists; the deepest valid map needs 8."""
    max_files: Whole = 5000
    """Map files under the maps directory."""
    max_total_bytes: Whole = 100 * 1024 * 1024
    """All the files of the maps folder at one git revision (`diff`, the site's history), summed from
    git's listing before any is read: a few bytes of git can name gigabytes (one blob at many paths)."""
    max_touchpoints_per_journey: Whole = 500
    """Touchpoints in one journey; larger graphs keep `dot` busy for minutes."""
    max_text_length: Whole = 10_000
    """Characters in one text value."""
    max_values: Whole = 100_000
    """Keys, values and list items in one file; the largest valid journey (500 touchpoints) needs about 25,000."""
    dot_timeout: Seconds = 60.0
    """Seconds one `dot` run may take (one diagram); a graph that keeps it busy longer stops the build, naming it."""

    @classmethod
    def from_options(cls, options: dict[str, object]) -> Limits:
        """Limits from `{name: value}` (the plugin's `limits`, `validate --limit NAME=VALUE`), checked by the
        model; the others keep their defaults. A ValueError names the first bad one in plain words."""
        try:
            return cls.model_validate(options)
        except ValidationError as error:
            first = error.errors()[0]
            name = str(first["loc"][0]) if first["loc"] else "?"
            if first["type"] == "extra_forbidden":
                raise ValueError(f"unknown limit '{name}': the limits are {', '.join(cls.model_fields)}") from None
            kind = "number" if cls.model_fields[name].annotation is float else "whole number"
            raise ValueError(f"limit '{name}' must be a positive {kind}, found {first['input']!r}") from None


@dataclass(frozen=True)
class Settings:
    """Everything a validation or build is told besides the maps themselves."""

    limits: Limits = field(default_factory=Limits)
    extra_channels: tuple[str, ...] = ()
    """Channels a site adds to the contract's list (the plugin's `channels` option)."""
    kpi_threshold: float = 0.1
    """How close to target counts as at-risk rather than missed (fraction of the distance to go)."""
    channel_names: Mapping[str, str] = field(default_factory=dict)
    """Channel id -> the name readers see, where the site's differs from `vocabulary.CHANNEL_NAMES`."""
    stale_after_days: int = 180
    """A KPI whose latest figure, or a journey whose review date, is older than this many days is stale (a warning)."""

    @property
    def channels(self) -> tuple[str, ...]:
        return CHANNELS + tuple(c for c in self.extra_channels if c not in CHANNELS)


def _channel_names(value: list[str]) -> list[str]:
    bad = [name for name in value if not re.fullmatch(ID_PATTERN, name) or name in RESERVED_IDS]
    if bad:
        raise ValueError(f"channel names must be kebab-case ids and not reserved names: {', '.join(map(repr, bad))}")
    return value


def _channel_labels(value: dict[str, str]) -> dict[str, str]:
    bad = [name for name in value if not re.fullmatch(ID_PATTERN, name)]
    if bad:
        raise ValueError(f"channel_names maps channel ids (kebab-case) to names; not ids: {', '.join(map(repr, bad))}")
    empty = [name for name, label in value.items() if not label.strip() or len(label) > 80]
    if empty:
        raise ValueError(f"channel_names needs a name of 1 to 80 characters for: {', '.join(map(repr, empty))}")
    return value


def _limits(value: object) -> Limits:
    if isinstance(value, Limits):
        return value
    if not isinstance(value, dict):
        raise ValueError(f"limits must be a mapping of name: value, found {type(value).__name__}")
    return Limits.from_options(value)


class Options(BaseModel):
    """The plugin's options in mkdocs.yml, which every command reads too (docs/configuration.md).

    One model for the MkDocs plugin and the command line: an option added here is accepted in
    mkdocs.yml, checked the same way everywhere, and reaches every command through `settings()`.
    Paths are as written, relative to the folder that holds mkdocs.yml.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    maps_dir: StrictStr = "maps"
    """The maps folder."""
    templates_dir: StrictStr | None = None
    """A team's own templates, each overriding the packaged template of the same name."""
    channels: Annotated[list[StrictStr], AfterValidator(_channel_names)] = Field(default_factory=list)
    """Channel names this site adds to the contract's list."""
    channel_names: Annotated[dict[StrictStr, StrictStr], AfterValidator(_channel_labels)] = Field(default_factory=dict)
    """Names for people of channels (`paid-social: Social ads`), the site's own or the contract's."""
    kpi_threshold: Annotated[StrictFloat | StrictInt, Field(ge=0)] = 0.1
    """How close to target counts as at-risk rather than missed (fraction of the distance to go)."""
    limits: Annotated[Limits, BeforeValidator(_limits)] = Field(default_factory=Limits)
    """Resource bounds (docs/limits.md)."""
    cache_dir: StrictStr = ".cache/journeymaps/diagrams"
    """Where rendered diagrams are cached between builds."""
    history: Annotated[StrictInt, Field(ge=0)] = 30
    """Commits of the maps' git history shown on the site; 0 turns it off."""
    stale_after_days: Annotated[StrictInt, Field(ge=1)] = 180
    """A KPI whose latest figure (JM410), or a journey whose review date (JM606), is older than this many days."""

    PATHS: ClassVar[tuple[str, ...]] = ("maps_dir", "templates_dir", "cache_dir")
    """The options that name a folder; relative ones are read from mkdocs.yml's folder."""

    def settings(self) -> Settings:
        """What the core is told: the options that change validation and pages."""
        return Settings(
            limits=self.limits,
            extra_channels=tuple(self.channels),
            channel_names=dict(self.channel_names),
            kpi_threshold=float(self.kpi_threshold),
            stale_after_days=self.stale_after_days,
        )

    def updated(self, changes: dict[str, object]) -> Options:
        """These options with `changes` (the command line's, which win); OptionError names a bad one."""
        return check_options({**{name: getattr(self, name) for name in type(self).model_fields}, **changes})


class OptionError(ValueError):
    """An option that the model refuses; `name` is the option, `message` says why in plain words."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"option '{name}': {message}")
        self.name, self.message = name, message


def check_options(values: dict[str, object]) -> Options:
    """Options from `{name: value}` as written in mkdocs.yml; OptionError names the first bad one."""
    try:
        return Options.model_validate(values)
    except ValidationError as error:
        first = error.errors()[0]
        name = str(first["loc"][0]) if first["loc"] else "?"
        if first["type"] == "extra_forbidden":
            raise OptionError(name, "unknown option" + did_you_mean(name, list(Options.model_fields))) from None
        message = str(first["msg"]).removeprefix("Value error, ")
        found = "" if first["type"] == "value_error" else f", found {repr(first['input'])[:80]}"
        raise OptionError(name, message[:300] + found) from None
