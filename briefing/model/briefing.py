"""The briefing: its fields, checked for cross-references, and where it was loaded from."""

from __future__ import annotations

from pathlib import Path

from pydantic import PrivateAttr, ValidationInfo, model_validator

from .fields import BriefingFields
from .integrity import IntegrityError, integrity_problems
from .walk import Loc


class Briefing(BriefingFields):
    """A bilingual briefing on one or more Chinese articles."""

    _origin: Path | None = PrivateAttr(default=None)
    _positions: dict[Loc, tuple[int, int]] = PrivateAttr(default_factory=dict)

    @property
    def origin(self) -> Path | None:
        """The content file this briefing was loaded from, if any."""
        return self._origin

    def position(self, loc: Loc) -> tuple[int, int] | None:
        """Line and column where a field path starts in the content file."""
        while loc:
            if loc in self._positions:
                return self._positions[loc]
            loc = loc[:-1]
        return self._positions.get(())

    def written(self, loc: Loc) -> bool:
        """Does the content file itself set the field at ``loc`` (not a term base it
        includes, nor a default)?"""
        return loc in self._positions

    @model_validator(mode="after")
    def _includes_need_the_loader(self, info: ValidationInfo) -> Briefing:
        if self.include and not (info.context or {}).get("includes_merged"):
            raise ValueError(
                "include names term bases, which briefing.load() and briefing.load_data() "
                "read and merge into the glossary; a Briefing built directly reads no files: "
                "call briefing.load_data({...}) with the same fields")
        return self

    @model_validator(mode="after")
    def _references_resolve(self) -> Briefing:
        problems = integrity_problems(self)
        if problems:
            raise IntegrityError(problems)
        return self
