"""What a run may be told: resource bounds and site choices, documented in docs/limits.md."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from .model import CHANNELS


@dataclass(frozen=True)
class Limits:
    """Bounds on input; hitting one is a clear problem, never a crash or a runaway build."""

    max_file_bytes: int = 5 * 1024 * 1024
    """A map file larger than this is refused before it is parsed."""
    max_depth: int = 32
    """Nesting of mappings and lists; the deepest valid map needs 8."""
    max_files: int = 5000
    """Map files under the maps directory."""
    max_total_bytes: int = 100 * 1024 * 1024
    """All the files of the maps folder at one git revision (`diff`, the site's history), summed from
    git's listing before any is read: a few bytes of git can name gigabytes (one blob at many paths)."""
    max_touchpoints_per_journey: int = 500
    """Touchpoints in one journey; larger graphs keep `dot` busy for minutes."""
    max_text_length: int = 10_000
    """Characters in one text value."""
    max_values: int = 100_000
    """Keys, values and list items in one file; the largest valid journey (500 touchpoints) needs about 25,000."""
    dot_timeout: float = 60.0
    """Seconds one `dot` run may take (one diagram); a graph that keeps it busy longer stops the build, naming the journey."""

    @classmethod
    def from_options(cls, options: dict[str, object]) -> Limits:
        """Limits from `{name: value}` (the plugin's `limits`, `validate --limit NAME=VALUE`); ValueError names a bad one."""
        known = {f.name: f.type for f in fields(cls)}
        values: dict[str, object] = {}
        for name, value in options.items():
            if name not in known:
                raise ValueError(f"unknown limit '{name}': the limits are {', '.join(known)}")
            kind = float if name == "dot_timeout" else int
            try:
                number = kind(value) if not isinstance(value, bool) else None
            except (TypeError, ValueError):
                number = None
            if number is None or number <= 0 or (kind is int and isinstance(value, float) and value != int(value)):
                raise ValueError(
                    f"limit '{name}' must be a positive {'number' if kind is float else 'whole number'}, found {value!r}"
                )
            values[name] = number
        return cls(**values)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Settings:
    """Everything a validation or build is told besides the maps themselves."""

    limits: Limits = field(default_factory=Limits)
    extra_channels: tuple[str, ...] = ()
    """Channels a site adds to the contract's list (the plugin's `channels` option)."""
    kpi_threshold: float = 0.1
    """How close to target counts as at-risk rather than missed (fraction of the distance to go)."""

    @property
    def channels(self) -> tuple[str, ...]:
        return CHANNELS + tuple(c for c in self.extra_channels if c not in CHANNELS)
