"""Writing a file as a person writes it, or changing one in place (ruamel.yaml's round trip).

Keys in the model's order (the order of the authoring guide), empty optional fields left out,
lists of ids and aliases as `[a, b]`, lists of sentences and of stages as block lists, UTF-8
with one newline at the end. An existing file keeps its comments, quotes, key order and unknown
keys; only the values that changed are touched.
"""

from __future__ import annotations

import io
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from ..content.model import REFERENCE_MARK
from .files import FRONT_MATTER, HEADING, Entry, Kind, inner_model, lines

# Lists the authoring guide writes on one line, besides lists of catalogue ids.
FLOW_LISTS = frozenset({"aliases", "tags", "authors"})
JOURNEY_HEADER = "# yaml-language-server: $schema=../schema/klantreis.schema.json\n"



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
    return "".join(line[2:] if line.startswith("  ") else line for line in lines(text))


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
    inner = inner_model(model.model_fields[name].annotation)
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
