"""Klantreis Kennisbank: the engine behind the knowledge base.

The names below are what a project's `macros.py` may import; everything else is internal and
may move between versions.
"""

from __future__ import annotations

from .site.blocks import AUTHOR_MACROS, UnknownReference

MACRO_NAMES = AUTHOR_MACROS
"""Every macro the engine offers to Markdown pages."""

__all__ = ["MACRO_NAMES", "UnknownReference"]
