"""Every character of the content must exist in the template's fonts."""

from ..fonts import missing_glyphs

__all__ = ["missing_glyphs"]
