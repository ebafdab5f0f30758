"""Finding and reading source files: safe slugs for names, nothing from outside the project."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from .errors import ContentError, ContentErrors
from .model import SLUG_PATTERN
from .slugs import slugify
from .sources import YamlDocument, parse_yaml, read_text


class SourceFiles:
    """Lists and reads the files under the project root; problems are appended to `errors`."""

    def __init__(self, root: Path, errors: list[ContentError]) -> None:
        self.root = root
        self.errors = errors

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def files(self, folder: Path, suffixes: tuple[str, ...]) -> Iterator[Path]:
        """Source files in `folder`, sorted; refuses links that point out of the project."""
        if not folder.is_dir() or self._outside(folder):
            return
        yield from sorted(self._walk(folder, suffixes))

    def _walk(self, folder: Path, suffixes: tuple[str, ...]) -> Iterator[Path]:
        # scandir knows from the directory listing which entries are links: only those need
        # resolving (the preview lists every file after each save). A linked folder is not
        # entered, as rglob does not enter one.
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                path = Path(entry.path)
                if entry.is_symlink() and self._outside(path):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    yield from self._walk(path, suffixes)
                elif path.suffix.lower() in suffixes and entry.is_file():
                    yield path

    def _outside(self, path: Path) -> bool:
        """Whether `path` lies, through a link, outside the project (reported once per link)."""
        root = self.root.resolve()
        if path.resolve().is_relative_to(root):
            return False
        link = next((p for p in [path, *path.parents] if p.is_symlink()), path)
        rel = self.rel(link)
        if not any(error.path == rel for error in self.errors):
            this, the = ("deze map", "de map") if link.is_dir() else ("dit bestand", "het bestand")
            self.errors.append(
                ContentError(
                    rel,
                    0,
                    f"{this} is een link naar een plek buiten het project.",
                    f"Kopieer {the} in het project in plaats van ernaar te linken.",
                )
            )
        return True

    def slugged(self, folder: Path, suffixes: tuple[str, ...]) -> Iterator[tuple[str, Path]]:
        """Files whose name is their slug; reports names that are not a safe slug."""
        seen: dict[str, str] = {}
        for path in self.files(folder, suffixes):
            if path.parent != folder or path.name.startswith("_"):
                continue
            slug, rel = path.stem, self.rel(path)
            if (
                not re.match(SLUG_PATTERN, slug)
                and (folder / f"{slugify(slug)}{path.suffix}").exists()
            ):
                self.errors.append(
                    ContentError(
                        rel,
                        0,
                        f"de bestandsnaam is geen geldige slug, en '{slugify(slug)}{path.suffix}' "
                        "bestaat al.",
                        "Voeg de twee samen, of geef dit bestand een andere naam in "
                        "kleine letters, cijfers en koppeltekens.",
                    )
                )
                continue
            if not re.match(SLUG_PATTERN, slug):
                self.errors.append(
                    ContentError(
                        rel,
                        0,
                        "de bestandsnaam is geen geldige slug "
                        "(kleine letters, cijfers, koppeltekens).",
                        f"Hernoem het bestand naar '{slugify(slug) or 'naam'}{path.suffix}'.",
                    )
                )
                continue
            if slug.lower() in seen:
                self.errors.append(
                    ContentError(
                        rel,
                        0,
                        f"dezelfde naam als {seen[slug.lower()]}.",
                        "Geef een van beide bestanden een andere naam.",
                    )
                )
                continue
            seen[slug.lower()] = rel
            yield slug, path

    def read(self, path: Path) -> str | None:
        try:
            return read_text(path, self.rel(path))
        except ContentErrors as failure:
            self.errors.extend(failure.errors)
            return None

    def yaml(self, path: Path) -> YamlDocument | None:
        text = self.read(path)
        if text is None:
            return None
        try:
            document = parse_yaml(text, self.rel(path))
        except ContentErrors as failure:
            self.errors.extend(failure.errors)
            return None
        if document.data is None:
            self.errors.append(ContentError(self.rel(path), 0, "het bestand is leeg."))
            return None
        return document

    # -- catalogue -----------------------------------------------------------------------
