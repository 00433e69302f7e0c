"""A persona file (`personas/<id>.yaml`): who a journey is walked by."""

from __future__ import annotations

from .fields import Markdown, Text, _FromFile


class Persona(_FromFile):
    name: Text
    summary: Markdown
    segment: Text | None = None
    quote: Text | None = None
    goals: list[Markdown] = []
    frustrations: list[Markdown] = []
