"""The departments file (`departments.yaml`): who can own, run and be told about a touchpoint."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .fields import CodeOwners, Color, Contact, Id, Markdown, Text, _Strict


class Department(_Strict):
    id: Id
    name: Text
    description: Markdown | None = None
    contact: Contact | None = None
    codeowners: CodeOwners | None = None
    color: Color | None = None


class DepartmentsFile(_Strict):
    departments: Annotated[list[Department], Field(min_length=1)]
