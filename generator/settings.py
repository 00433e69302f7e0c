"""What a run may be told: resource bounds and site choices, documented in docs/limits.md."""

from __future__ import annotations

from dataclasses import dataclass, field

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
    max_touchpoints_per_journey: int = 500
    """Touchpoints in one journey; larger graphs keep `dot` busy for minutes."""
    max_text_length: int = 10_000
    """Characters in one text value."""


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
