"""Content errors as values: collected during loading, reported all at once."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in one source file, with the line an editor can jump to."""

    path: str
    """Posix path relative to the project root."""
    line: int
    """1-based line in the file on disk (0 when the whole file is meant)."""
    message: str
    """What is wrong, in Dutch."""
    hint: str = ""
    """How to fix it, in Dutch (may be empty)."""
    warning: bool = False
    """A warning does not stop a build; an error does."""

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}"
        return f"{text} {self.hint}" if self.hint else text


class ContentErrors(Exception):
    """Raised once, at the end of a stage, carrying every problem that stage found."""

    def __init__(self, errors: Iterable[ContentError]) -> None:
        self.errors = sorted(errors)
        super().__init__("\n".join(str(error) for error in self.errors))


def did_you_mean(value: object, choices: Iterable[str]) -> str:
    """A Dutch hint naming the closest known value, or listing the known values."""
    options = sorted(set(choices))
    close = difflib.get_close_matches(str(value).lower(), options, n=1, cutoff=0.6)
    if close:
        return f"Bedoel je '{close[0]}'?"
    if not options:
        return ""
    if len(options) <= 8:
        return "Kies uit: " + ", ".join(options) + "."
    return f"Kies uit: {', '.join(options[:8])}, ..."
