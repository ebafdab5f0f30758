"""Turning findings into text for a terminal or a log: grouped by file, `path:line` first."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby
from pathlib import Path
from typing import Any

from .content.errors import ContentError


def format_errors(errors: Iterable[ContentError], colour: bool = False) -> str:
    """One block per file; each line starts with `path:line:` so editors can jump to it."""
    lines = []
    for path, group in groupby(sorted(errors), key=lambda error: error.path):
        lines.append(_paint(path, "1", colour))
        for error in group:
            label = _paint("waarschuwing: ", "33", colour) if error.warning else ""
            message = error.message if error.warning else _paint(error.message, "31", colour)
            lines.append(
                f"  {error.location}: {label}{message}" + (f" {error.hint}" if error.hint else "")
            )
    return "\n".join(lines)


def _paint(text: str, code: str, colour: bool) -> str:
    return f"\033[{code}m{text}\033[0m" if colour else text


def summary_lines(outcome: Any, zip_path: Path | None) -> list[str]:
    """The short Dutch summary at the end of `klantreis build`."""
    engine = outcome.engine
    kb = engine.kb
    lines = [
        f"Klaar in {outcome.seconds:.1f} s.",
        f"  pagina's:            {engine.stats.pages}",
        f"  begrippen:           {len(kb.terms)}",
        f"  klantreizen:         {len(kb.journeys)}",
        f"  gelinkte begrippen:  {engine.stats.linked}",
        f"  waarschuwingen:      {len(outcome.warnings)}",
        f"  site:                {outcome.site_dir}",
    ]
    if zip_path is not None:
        lines.append(
            f"  offline bundel:      {zip_path} ({zip_path.stat().st_size / 1_000_000:.1f} MB)"
        )
    return lines
