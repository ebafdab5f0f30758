"""The kinds of files the editor may write, and their text as the CMS reads and sends it.

The CMS sends an entry as text in its own YAML dialect. We read that text for its values only
(`from_cms`, `clean`); `writer.py` writes the file itself, as a person writes it.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import BaseModel

from ..content.model import (
    ArticleFrontMatter,
    Channel,
    JourneyFile,
    JourneyModel,
    Phase,
    Source,
    StyleRule,
    TermFrontMatter,
)

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n?", re.DOTALL | re.MULTILINE)
HEADING = re.compile(r"\A\s*#[ \t]+(.+?)[ \t]*#*[ \t]*(?:\r?\n|\Z)")


@dataclass(frozen=True)
class Kind:
    """One kind of source file the editor may write, and how its file is laid out."""

    name: str
    """The collection's name in the CMS."""
    model: type[BaseModel]
    folder: str
    extension: str
    markdown: bool = False
    """Front matter plus a Markdown body (terms, articles) instead of a YAML file."""
    heading: bool = False
    """The title is the body's first heading (`# Titel`), not a front matter key (articles)."""
    file: str = ""
    """For a catalogue: its one file. A catalogue is a YAML list, shown to the CMS as `items`."""


TERM = Kind("begrippen", TermFrontMatter, "glossary", "md", markdown=True)
ARTICLE = Kind(
    "artikelen", ArticleFrontMatter, "docs/artikelen/posts", "md", markdown=True, heading=True
)
JOURNEY = Kind("klantreizen", JourneyFile, "journeys", "yml")
CATALOGUES = (
    Kind("kanalen", Channel, "journeys", "yml", file="_channels.yml"),
    Kind("bronnen", Source, "journeys", "yml", file="_bronnen.yml"),
    Kind("modellen", JourneyModel, "journeys", "yml", file="_models.yml"),
    Kind("stijl", StyleRule, "journeys", "yml", file="_stijl.yml"),
    Kind("fasen", Phase, "journeys", "yml", file="_phases.yml"),
)
ENTRY_KINDS = (TERM, ARTICLE, JOURNEY)
CATALOGUE_KEY = "items"


class EntryError(ValueError):
    """The entry cannot be written as it is; the message says why, in Dutch."""


def kind_of(rel: str) -> Kind | None:
    """The kind of the file at `rel` (a posix path in the project), or None."""
    folder, _, name = rel.rpartition("/")
    for kind in CATALOGUES:
        if rel == f"{kind.folder}/{kind.file}":
            return kind
    for kind in ENTRY_KINDS:
        if folder == kind.folder and name.endswith("." + kind.extension):
            return None if name.startswith("_") else kind
    return None


# -- reading: the file as the CMS expects it ----------------------------------------------


def to_cms(kind: Kind, text: str) -> str:
    """The file's text as the CMS reads it: an article's heading becomes its `title`, a
    catalogue's list the field `items`. Other files pass unchanged."""
    if kind.file:
        indented = "".join(f"  {line}" if line.strip() else line for line in lines(text))
        return f"{CATALOGUE_KEY}:\n{indented}"
    if not kind.heading:
        return text
    match = FRONT_MATTER.match(text)
    front, body = (match.group(1), text[match.end() :]) if match else ("", text)
    heading = HEADING.match(body)
    if heading is None:
        return text
    title = yaml.safe_dump(heading.group(1), allow_unicode=True, width=4096).split("\n...")[0]
    rest = body[heading.end() :].lstrip("\r\n")
    return f"---\ntitle: {title.strip()}\n{front}---\n{rest}"


def lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


# -- what the CMS sent -----------------------------------------------------------------------


@dataclass
class Entry:
    """The values of one entry as the CMS sent them: the fields, the title and the body."""

    data: Any
    title: str = ""
    body: str = ""


def from_cms(kind: Kind, raw: str) -> Entry:
    """Read the text the CMS sent (its own YAML) into values."""
    try:
        if kind.markdown:
            match = FRONT_MATTER.match(raw)
            front = yaml.safe_load(match.group(1)) if match else {}
            body = raw[match.end() :] if match else raw
            data = dict(front or {})
            title = str(data.pop("title", "") or "") if kind.heading else ""
            return Entry(data, title.strip(), body)
        data = yaml.safe_load(raw)
    except yaml.YAMLError as error:
        raise EntryError(f"de editor stuurde tekst die geen geldige YAML is: {error}.") from None
    if kind.file:
        items = data.get(CATALOGUE_KEY) if isinstance(data, dict) else None
        return Entry(items if isinstance(items, list) else [])
    return Entry(data if isinstance(data, dict) else {})


def clean(model: type[BaseModel], data: Any) -> Any:
    """The values as the file holds them: empty optional fields left out, the CMS's strings
    for dates and true/false turned into the types the model expects."""
    if not isinstance(data, dict):
        return data
    result: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        if name not in data:
            continue
        value = _typed(field.annotation, data[name])
        inner = inner_model(field.annotation)
        if inner is not None and isinstance(value, list):
            value = [clean(inner, item) for item in value]
        elif inner is not None:
            value = clean(inner, value)
        if field.is_required() or not _empty(value, field.default):
            result[name] = value
    for name in data.keys() - model.model_fields.keys():
        result[name] = data[name]  # unknown keys: the model will name them
    return result


def _typed(annotation: Any, value: Any) -> Any:
    if isinstance(value, str):
        if annotation is datetime.date:
            try:
                return datetime.date.fromisoformat(value.strip()[:10])
            except ValueError:
                return value
        if value in ("true", "false") and "bool" in str(annotation):
            return value == "true"
    if isinstance(value, dict) and "dict[" in str(annotation):
        return {key: text for key, text in value.items() if not _empty(text, None)}
    if isinstance(value, list):
        return [item for item in value if item not in (None, "")]
    return value


def _empty(value: Any, default: Any) -> bool:
    return value is None or value in ("", [], {}) or value is default or value == default


def inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = inner_model(arg)
        if found is not None:
            return found
    return None
