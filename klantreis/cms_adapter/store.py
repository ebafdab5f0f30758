"""The knowledge base folder as the editor sees it: confined paths, entries, safe writes.

Every path from a request is a relative posix path; it must stay, after resolving links, inside
`docs/`, `glossary/` or `journeys/` of the project, and only the kinds of files the editor knows
(`files.Kind`) are ever written. A new item never replaces a file, an edit never creates one.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import threading
from pathlib import Path, PurePosixPath
from typing import Any

from ..content.errors import ContentError
from ..content.loader import load_with_errors
from ..content.model import SLUG_PATTERN
from ..content.schema import catalogue_ids
from ..content.slugs import slugify
from ..content.sources import YamlDocument
from ..content.validation import validate
from . import files, writer
from .files import Entry, EntryError, Kind

ROOTS = ("docs", "glossary", "journeys")
READABLE = (".md", ".yml", ".yaml")
KIND_NAMES = {"begrippen": "begrip", "artikelen": "artikel", "klantreizen": "klantreis"}


class Refused(Exception):
    """The request may not be carried out; the message says why, in Dutch. Nothing changed."""

    def __init__(self, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.status = status


class Store:
    """Reads and writes the knowledge base's source files for the editor, and nothing else."""

    def __init__(self, project: Path) -> None:
        self.project = project.resolve()
        self._lock = threading.Lock()
        self._opened: dict[str, str] = {}
        """The hash of each file as the editor last read (or wrote) it: an edit is only written
        over the version the consultant opened."""

    # -- paths --------------------------------------------------------------------------

    def resolve(self, rel: Any, *, folder: bool = False) -> Path:
        """The file (or folder) `rel` names, if it lies inside one of the source folders."""
        if not isinstance(rel, str) or not rel or "\\" in rel or "\0" in rel:
            raise Refused("ongeldig pad.", 400)
        parts = PurePosixPath(rel).parts
        if PurePosixPath(rel).is_absolute() or ".." in parts or not parts or parts[0] not in ROOTS:
            raise Refused(
                f"'{rel}' ligt buiten docs/, glossary/ en journeys/: de editor komt daar niet.",
                403,
            )
        if any(part.startswith(".") for part in parts):
            raise Refused(f"'{rel}' is een verborgen bestand of map.", 403)
        path = (self.project / rel).resolve()
        allowed = [(self.project / root).resolve() for root in ROOTS]
        if not any(path == root or path.is_relative_to(root) for root in allowed):
            raise Refused(f"'{rel}' is een link naar een plek buiten de kennisbank.", 403)
        if not folder and path.suffix.lower() not in READABLE:
            raise Refused(f"'{rel}' is geen Markdown- of YAML-bestand.", 403)
        return path

    def rel(self, path: Path) -> str:
        return path.relative_to(self.project).as_posix()

    # -- reading ------------------------------------------------------------------------

    def entries_in(self, folder: Any, extension: str, depth: int) -> list[dict[str, Any]]:
        """Every entry in `folder` with `extension`; catalogues (`_name.yml`) are left out."""
        base = self.resolve(folder, folder=True)
        if not base.is_dir():
            return []
        found = []
        for path in sorted(base.rglob(f"*.{extension.lstrip('.')}")):
            rel_parts = path.relative_to(base).parts
            if len(rel_parts) > max(depth, 1) or path.name.startswith(("_", ".")):
                continue
            found.append(self.entry(self.rel(path)))
        return [entry for entry in found if entry["data"] is not None]

    def entry(self, rel: Any) -> dict[str, Any]:
        """One entry as the CMS reads it (`data` is None when the file does not exist)."""
        path = self.resolve(rel)
        kind = files.kind_of(rel)
        if not path.is_file():
            return {"data": None, "file": {"path": rel, "id": None}}
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig").replace("\r\n", "\n")
        data = files.to_cms(kind, text) if kind else text
        digest = hashlib.sha256(raw).hexdigest()
        self._opened[rel] = digest
        return {"data": data, "file": {"path": rel, "id": digest}}

    # -- writing ------------------------------------------------------------------------

    def persist(self, rel: Any, raw: str, *, new: bool) -> str:
        """Write one entry the CMS sent; return its path. Raises `Refused` with the reasons."""
        path = self.resolve(rel)
        kind = files.kind_of(rel)
        if kind is None:
            raise Refused(f"de editor schrijft geen '{rel}'.", 403)
        with self._lock:
            try:
                entry = files.from_cms(kind, raw)
            except EntryError as error:
                raise Refused(str(error)) from None
            existing = None
            if new:
                self._check_new(kind, path, rel, entry)
            elif not path.is_file():
                raise Refused(f"{rel} bestaat niet meer; er is niets geschreven.", 409)
            else:
                existing = self._as_opened(path, rel)
            entry.data = _cleaned(kind, entry.data)
            self._validate(kind, entry, rel)
            text = writer.render(kind, entry, existing)
            if existing is not None and text == existing:
                return rel
            _write(path, text, new=new)
            self._opened[rel] = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return rel

    def _as_opened(self, path: Path, rel: str) -> str:
        """The file's text, if it is still the version the editor opened."""
        raw = path.read_bytes()
        if self._opened.get(rel) != hashlib.sha256(raw).hexdigest():
            raise Refused(
                f"{rel} is veranderd sinds de editor het opende (of de editor heeft het nooit "
                "geopend). Er is niets opgeslagen. Laad de editor opnieuw en doe je wijziging "
                "nog een keer.",
                409,
            )
        return raw.decode("utf-8-sig").replace("\r\n", "\n")

    def _check_new(self, kind: Kind, path: Path, rel: str, entry: Entry) -> None:
        label = KIND_NAMES.get(kind.name, "item")
        if kind.file:
            raise Refused(f"{rel} bestaat al; een catalogus maak je niet opnieuw.", 409)
        title = entry.title or str(entry.data.get("title", ""))
        expected = slugify(title)
        if expected and (path.parent / f"{expected}.{kind.extension}").exists():
            existing = self.rel(path.parent / f"{expected}.{kind.extension}")
            raise Refused(
                f"er is al een {label} met de naam '{expected}' ({existing}). Er is niets "
                "overschreven. Kies een andere titel, of open het bestaande "
                f"{label} in de lijst.",
                409,
            )
        if path.exists():
            raise Refused(f"{rel} bestaat al; er is niets overschreven. Kies een andere titel.",
                          409)
        if not re.match(SLUG_PATTERN, path.stem):
            raise Refused(
                f"'{path.stem}' is geen goede bestandsnaam (kleine letters, cijfers en "
                "koppeltekens). Kies een andere titel.",
            )

    def _validate(self, kind: Kind, entry: Entry, rel: str) -> None:
        problems: list[ContentError] = []
        if kind.heading and not entry.title:
            problems.append(ContentError(rel, 0, "de titel ontbreekt.", "Vul een titel in."))
        context = self._context()
        items = entry.data if kind.file else [entry.data]
        known = kind.model.model_fields
        for index, item in enumerate(items):
            # Material's blog allows more front matter than we model; those keys stay as written.
            fields = {k: v for k, v in item.items() if k in known or not kind.heading}
            prefix = (index,) if kind.file else ()
            validate(kind.model, fields, YamlDocument(fields), rel, problems, prefix, context)
        if problems:
            raise Refused(" ".join(_sentence(problem) for problem in problems))

    def _context(self) -> dict[str, set[str]]:
        """The ids references may name, from the catalogues as they are on disk now."""
        kb, _ = load_with_errors(self.project)
        return {kind: set(ids) for kind, ids in catalogue_ids(kb).items() if ids}


def _cleaned(kind: Kind, data: Any) -> Any:
    if kind.file:
        return [files.clean(kind.model, item) for item in data if isinstance(item, dict)]
    return files.clean(kind.model, data)


def _sentence(problem: ContentError) -> str:
    text = problem.message[:1].upper() + problem.message[1:]
    return f"{text} {problem.hint}".strip()


def _write(path: Path, text: str, *, new: bool) -> None:
    """Write beside and rename: a reader never sees half a file. A new file is linked into
    place, which fails if the name exists (no race with another writer)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".editor-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.chmod(temp, 0o644)
        if new:
            try:
                os.link(temp, path)
            except FileExistsError:
                raise Refused(f"{path.name} bestaat al; er is niets overschreven.", 409) from None
        else:
            os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
