"""Files as a person writes them: what the editor saves, in the format of the authoring guide.

The CMS sends an entry as text in its own YAML dialect. We read that text for its values only,
and write the file ourselves: keys in the order of the model (the order of the authoring guide),
empty optional fields left out, lists of ids and aliases as `[a, b]`, lists of sentences and of
stages as block lists, UTF-8 with one newline at the end. An existing file is edited in place
with ruamel.yaml's round trip, so its comments, quotes, key order and unknown keys stay as they
were and only the values that changed are touched.
"""

from __future__ import annotations

import datetime
import io
import re
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from ..content.model import (
    REFERENCE_MARK,
    ArticleFrontMatter,
    Channel,
    JourneyFile,
    JourneyModel,
    Phase,
    Source,
    StyleRule,
    TermFrontMatter,
)

# Lists the authoring guide writes on one line, besides lists of catalogue ids.
FLOW_LISTS = frozenset({"aliases", "tags", "authors"})
JOURNEY_HEADER = "# yaml-language-server: $schema=../schema/klantreis.schema.json\n"
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
        indented = "".join(f"  {line}" if line.strip() else line for line in _lines(text))
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


def _lines(text: str) -> list[str]:
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
        inner = _inner_model(field.annotation)
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


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


# -- writing -----------------------------------------------------------------------------------


def _yaml() -> YAML:
    writer = YAML()
    writer.width = 4096  # a sentence stays on one line, as a person types it
    writer.indent(mapping=2, sequence=4, offset=2)
    writer.preserve_quotes = True
    return writer


def render(kind: Kind, entry: Entry, existing: str | None) -> str:
    """The file's new text: `existing` edited in place, or a new file when it is None."""
    data = entry.data
    if kind.file:
        return _catalogue_text(kind, data, existing)
    if not kind.markdown:
        old = _yaml().load(existing) if existing else None
        node = merge(kind.model, old, data)
        return (JOURNEY_HEADER if existing is None else "") + _dump(node)
    front_text, old_body = "", ""
    if existing is not None:
        match = FRONT_MATTER.match(existing)
        front_text = match.group(1) if match else ""
        old_body = existing[match.end() :] if match else existing
    node = merge(kind.model, _yaml().load(front_text) if front_text.strip() else None, data)
    body = _body(kind, entry, old_body)
    return f"---\n{_dump(node)}---\n{body}"


def _body(kind: Kind, entry: Entry, old_body: str) -> str:
    text = entry.body.strip("\n")
    if kind.heading:
        old = HEADING.match(old_body)
        old_rest = old_body[old.end() :].strip("\n") if old else old_body.strip("\n")
        if old and old.group(1) == entry.title and old_rest == text:
            return old_body  # nothing changed: keep the bytes as they were
        text = f"# {entry.title}\n\n{text}" if text else f"# {entry.title}"
        return f"\n{text}\n"
    if old_body.strip("\n") == text:
        return old_body if old_body.endswith("\n") else old_body + "\n"
    return f"{text}\n" if text else ""


def _catalogue_text(kind: Kind, items: list[Any], existing: str | None) -> str:
    old = _yaml().load(existing) if existing else None
    node = _merge_list(kind.model, old, items, "")
    text = _dump(node)
    # ruamel indents a top-level list; the catalogues start their items at the margin.
    return "".join(line[2:] if line.startswith("  ") else line for line in _lines(text))


def _dump(node: Any) -> str:
    out = io.StringIO()
    _yaml().dump(node, out)
    return out.getvalue()


def merge(model: type[BaseModel], old: Any, new: dict[str, Any]) -> CommentedMap:
    """`new` written into `old` (a round-trip mapping, or None): keys in the model's order,
    unchanged values left as they were written, keys the model does not know kept."""
    node = old if isinstance(old, CommentedMap) else CommentedMap()
    schema = model.model_json_schema()["properties"]
    fields = list(model.model_fields)
    for name in fields:
        if name not in new:
            # An empty value the person wrote out (`aliases: []`, `draft: false`) may stay.
            if name in node and _plain(node[name]) != model.model_fields[name].default:
                del node[name]
            continue
        value = _merge_value(model, name, node.get(name), new[name], schema.get(name, {}))
        if name in node:
            node[name] = value
        else:
            node.insert(_position(node, fields, name), name, value)
    for name in [key for key in new if key not in fields and key not in node]:
        node[name] = new[name]
    return node


def _position(node: CommentedMap, fields: list[str], name: str) -> int:
    """Where a new key goes: right after the nearest key before it in the model's order."""
    before = fields[: fields.index(name)]
    keys = list(node)
    positions = [keys.index(key) + 1 for key in before if key in node]
    return max(positions, default=0)


def _merge_value(
    model: type[BaseModel], name: str, old: Any, new: Any, schema: dict[str, Any]
) -> Any:
    if _plain(old) == new:
        return old
    inner = _inner_model(model.model_fields[name].annotation)
    if inner is not None and isinstance(new, list):
        return _merge_list(inner, old, new, name)
    if inner is not None and isinstance(new, dict):
        return merge(inner, old if isinstance(old, CommentedMap) else None, new)
    if isinstance(new, list):
        return _scalar_list(name, old, new, schema)
    if isinstance(new, dict):
        node = old if isinstance(old, CommentedMap) else CommentedMap()
        for key in [key for key in node if key not in new]:
            del node[key]
        for key, value in new.items():
            node[key] = _scalar(value)
        return node
    return _scalar(new)


def _merge_list(model: type[BaseModel], old: Any, new: list[Any], name: str) -> CommentedSeq:
    node = old if isinstance(old, CommentedSeq) else CommentedSeq()
    for index, item in enumerate(new):
        current = node[index] if index < len(node) else None
        merged = merge(model, current, item) if isinstance(item, dict) else item
        if index < len(node):
            node[index] = merged
        else:
            node.append(merged)
    del node[len(new) :]
    return node


def _scalar_list(name: str, old: Any, new: list[Any], schema: dict[str, Any]) -> CommentedSeq:
    node = CommentedSeq(_scalar(item) for item in new)
    if isinstance(old, CommentedSeq):
        flow = old.fa.flow_style()
    else:
        flow = name in FLOW_LISTS or REFERENCE_MARK in schema.get("items", {})
    if flow:
        node.fa.set_flow_style()
    else:
        node.fa.set_block_style()
    return node


def _scalar(value: Any) -> Any:
    if isinstance(value, str) and "\n" in value.strip():
        return LiteralScalarString(value.strip() + "\n")
    return value


def _plain(node: Any) -> Any:
    """A round-trip node as plain Python values, to compare with what the CMS sent."""
    if isinstance(node, dict):
        return {key: _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(item) for item in node]
    if isinstance(node, str):
        return str(node)
    return node
