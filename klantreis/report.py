"""Turning findings into text for a terminal or a log: grouped by file, `path:line` first."""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import groupby
from pathlib import Path
from typing import Any

from .content.errors import ContentError

# Characters that start a new line in a terminal or an editor (a quoted value may hold them).
LINE_BREAKS = re.compile("[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")


def format_errors(errors: Iterable[ContentError], colour: bool = False) -> str:
    """One block per file; each line starts with `path:line:` so editors can jump to it."""
    lines = []
    for path, group in groupby(sorted(errors), key=lambda error: error.path):
        lines.append(_paint(one_line(path), "1", colour))
        for error in group:
            label = _paint("waarschuwing: ", "33", colour) if error.warning else ""
            text = one_line(error.message)
            message = text if error.warning else _paint(text, "31", colour)
            hint = f" {one_line(error.hint)}" if error.hint else ""
            lines.append(f"  {one_line(error.location)}: {label}{message}{hint}")
    return "\n".join(lines)


def one_line(text: str) -> str:
    """`text` on one line: a line break inside it (from a quoted value) is shown as \\n."""
    return LINE_BREAKS.sub(lambda match: match.group(0).encode("unicode_escape").decode(), text)


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
