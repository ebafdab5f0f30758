"""`klantreis new`: a new article, term or journey from a template, never over an existing file."""

from __future__ import annotations

import datetime
from pathlib import Path

from .content.slugs import slugify
from .site.render import Renderer

KINDS = ("artikel", "begrip", "klantreis")
TARGETS = {
    "artikel": "docs/artikelen/posts/{slug}.md",
    "begrip": "glossary/{slug}.md",
    "klantreis": "journeys/{slug}.yml",
}


class ScaffoldError(Exception):
    """The file could not be made; the message says why, in Dutch."""


def create(project: Path, kind: str, title: str, today: datetime.date | None = None) -> Path:
    """Write the new file and return its path; refuse to overwrite anything."""
    slug = slugify(title)
    if not slug:
        raise ScaffoldError(
            f"van de titel '{title}' kan geen bestandsnaam gemaakt worden. "
            "Gebruik letters of cijfers."
        )
    path = project / TARGETS[kind].format(slug=slug)
    text = Renderer().render(
        f"scaffolds/{kind}.j2",
        title=title,
        slug=slug,
        date=(today or datetime.date.today()).isoformat(),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # 'x' creates the file only if it does not exist: no race, no overwrite.
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError(
            f"{path.relative_to(project).as_posix()} bestaat al; er is niets "
            "overschreven. Kies een andere titel."
        ) from None
    return path
