"""Decap CMS's configuration, generated from the content model's JSON Schemas.

Every field, label (the schema's Dutch `title`), hint (`description`), required flag, pattern,
limit and list of choices comes from `content/schema.py`; nothing here repeats the model. What
is ours: how a kind of schema value is shown (a widget), and the parts of a file that are not
front matter (an article's title heading, the Markdown body).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..content.knowledge import KnowledgeBase
from ..content.loader import load_with_errors
from ..content.model import REFERENCE_MARK
from ..content.schema import SCHEMAS, catalogue_ids, schema_for
from ..content.validation import field_message
from . import files
from .files import Kind

ENTRY_SCHEMAS = {"begrippen": "begrip.schema.json", "artikelen": "artikel.schema.json",
                 "klantreizen": "klantreis.schema.json"}
COLLECTION_LABELS = {
    "begrippen": ("Begrippen", "Begrip"),
    "artikelen": ("Artikelen", "Artikel"),
    "klantreizen": ("Klantreizen", "Klantreis"),
}
TITLE_FIELD = {"name": "title", "label": "Titel", "widget": "string",
               "hint": "De titel van het artikel; hij komt als kop bovenaan te staan."}
BODY_HINTS = {
    "begrippen": "De uitleg onder de front matter, minstens 80 woorden: wat het betekent, "
    "waarom het ertoe doet en een voorbeeld. Je mag Markdown gebruiken.",
    "artikelen": "Eerst de inleiding, dan een regel met <!-- more -->, dan de rest van het "
    "artikel. Link niet zelf naar begrippen: dat gaat vanzelf.",
}


def local_config(project: Path, api_url: str) -> dict[str, Any]:
    """The configuration for `klantreis serve`: the proxy backend of this server."""
    backend = {"name": "proxy", "proxy_url": api_url}
    return cms_config(knowledge(project), backend, present_catalogues(project))


def present_catalogues(project: Path) -> set[str]:
    """The catalogue files this knowledge base has (the editor never creates one)."""
    return {kind.file for kind in files.CATALOGUES if (project / kind.folder / kind.file).is_file()}


def cms_config(kb: KnowledgeBase, backend: dict[str, Any], catalogues: set[str]) -> dict[str, Any]:
    """The whole configuration for `CMS.init`, with `backend` (proxy locally, GitHub online)."""
    ids = catalogue_ids(kb)
    labels = _choice_labels(kb)
    collections = [_folder_collection(kind, ids, labels) for kind in files.ENTRY_KINDS]
    collections.append(_catalogues(ids, labels, catalogues))
    return {
        "backend": backend,
        "locale": "nl",
        "load_config_file": False,
        "media_folder": "docs/assets/afbeeldingen",
        "public_folder": "/assets/afbeeldingen",
        # Slugs as `klantreis new` makes them: ASCII, accents folded, lower case.
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": collections,
    }


def knowledge(project: Path) -> KnowledgeBase:
    kb, _ = load_with_errors(project)  # what is broken is reported by check and the preview
    return kb


def _choice_labels(kb: KnowledgeBase) -> dict[str, dict[str, str]]:
    """The words a person reads in a choice list, per catalogue: names, not ids."""
    return {
        "phases": {phase.id: phase.name for phase in kb.phases},
        "phase_names": {phase.name: phase.name for phase in kb.phases},
        "channels": {key: channel.name for key, channel in kb.channels.items()},
        "sources": {key: f"{source.title} ({key})" for key, source in kb.sources.items()},
    }


def _folder_collection(kind: Kind, ids: dict[str, list[str]], labels: Any) -> dict[str, Any]:
    schema = schema_for(ENTRY_SCHEMAS[kind.name], ids)
    fields = _fields(schema, schema, ids, labels)
    if kind.heading:
        fields.insert(0, {**TITLE_FIELD, "required": True})
    if kind.markdown:
        fields.append(
            {"name": "body", "label": "Tekst", "widget": "markdown", "modes": ["raw", "rich_text"],
             "hint": BODY_HINTS[kind.name], "required": False}
        )
    plural, singular = COLLECTION_LABELS[kind.name]
    collection: dict[str, Any] = {
        "name": kind.name,
        "label": plural,
        "label_singular": singular,
        "description": schema.get("description", ""),
        "folder": kind.folder,
        "extension": kind.extension,
        "format": "frontmatter" if kind.markdown else "yml",
        "create": True,
        "delete": False,
        "identifier_field": "title",
        "slug": "{{slug}}",
        "summary": "{{title}}",
        "sortable_fields": ["title", "date"] if kind.heading else ["title"],
        "fields": fields,
    }
    if kind.name == "begrippen":
        collection["editor"] = {"preview": True}
    return collection


def _catalogues(ids: dict[str, list[str]], labels: Any, present: set[str]) -> dict[str, Any]:
    entries = []
    for kind in files.CATALOGUES:
        if kind.file not in present:
            continue
        name = next(n for n, (model, *_rest) in SCHEMAS.items() if model is kind.model)
        schema = schema_for(name, ids)
        item = schema["items"]
        item_fields = _fields(item, schema, ids, labels)
        item_list: dict[str, Any] = {
            "name": files.CATALOGUE_KEY,
            "label": schema["title"],
            "label_singular": item.get("title", schema["title"]),
            "widget": "list",
            "summary": "{{fields.name}}{{fields.title}}{{fields.preferred}}",
            "fields": item_fields,
        }
        if kind.model.__name__ == "Phase":
            # The five phases are fixed: their texts can change, not their number or ids.
            item_list.update({"allow_add": False, "allow_remove": False, "allow_reorder": False})
        entries.append(
            {"name": kind.name, "label": schema["title"], "file": f"{kind.folder}/{kind.file}",
             "description": schema["description"], "fields": [item_list]}
        )
    return {"name": "catalogi", "label": "Catalogi", "delete": False, "files": entries}


def _fields(node: dict[str, Any], root: dict[str, Any], ids: Any, labels: Any) -> list[Any]:
    required = set(node.get("required", ()))
    model_fields = []
    for name, spec in node.get("properties", {}).items():
        spec = _resolve(spec, root)
        if _without_choices(spec, root):
            continue  # a reference to a catalogue this knowledge base does not have
        field = _field(name, spec, root, ids, labels)
        field["required"] = name in required
        model_fields.append(field)
    return model_fields


def _without_choices(spec: dict[str, Any], root: dict[str, Any]) -> bool:
    target = _resolve(spec["items"], root) if spec.get("type") == "array" else spec
    kind = target.get(REFERENCE_MARK)
    return kind is not None and kind != "terms" and "enum" not in target


def _resolve(spec: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    """Follow `$ref` and drop the `null` of an optional value (`anyOf: [X, null]`)."""
    if "$ref" in spec:
        name = spec["$ref"].rsplit("/", 1)[-1]
        return {**root["$defs"][name], **{k: v for k, v in spec.items() if k != "$ref"}}
    options = [option for option in spec.get("anyOf", ()) if option.get("type") != "null"]
    if len(options) == 1:
        merged = {**spec, **_resolve(options[0], root)}
        merged.pop("anyOf", None)
        return merged
    return spec


def _field(name: str, spec: dict[str, Any], root: dict[str, Any], ids: Any, labels: Any) -> Any:
    field: dict[str, Any] = {"name": name, "label": spec.get("title", name)}
    if spec.get("description"):
        field["hint"] = spec["description"]
    kind = spec.get("type")
    if set(map(str, spec.get("enum", ()))) == {"True", "False", "mixed"}:
        options = [{"label": value, "value": value} for value in ("true", "false", "mixed")]
        return {**field, "widget": "select", "options": options}
    if kind == "array":
        return {**field, **_list(name, spec, root, ids, labels)}
    if kind == "object" and "properties" in spec:
        return {**field, "widget": "object", "fields": _fields(spec, root, ids, labels)}
    if kind == "object":
        keys = _resolve(spec.get("propertyNames", {}), root)
        per_key = [
            {"name": key, "label": labels.get(keys.get(REFERENCE_MARK), {}).get(key, key),
             "widget": "text", "required": False}
            for key in keys.get("enum", ())
        ]
        return {**field, "widget": "object", "collapsed": True, "fields": per_key}
    if kind == "integer":
        return {**field, "widget": "number", "value_type": "int",
                **_limits(spec, "minimum", "maximum")}
    if kind == "boolean":
        return {**field, "widget": "boolean", "default": bool(spec.get("default", False))}
    if "enum" in spec:
        return {**field, "widget": "select", "options": _options(spec, labels)}
    if spec.get("format") == "date":
        return {**field, "widget": "datetime", "format": "YYYY-MM-DD",
                "date_format": "DD-MM-YYYY", "time_format": False}
    return {**field, **_text(name, spec)}


def _text(name: str, spec: dict[str, Any]) -> dict[str, Any]:
    """A one-line input for names and titles, a text area for sentences (they have no limit
    or a long one); the model's pattern or length limit with the model's own message."""
    long_text = "maxLength" in spec or not (spec.get("minLength") or spec.get("pattern"))
    result: dict[str, Any] = {"widget": "text" if long_text else "string"}
    if "pattern" in spec:
        result["pattern"] = [spec["pattern"], _form_message("string_pattern_mismatch", name, "?")]
    elif "maxLength" in spec:
        limit = spec["maxLength"]
        too_long = "x" * (limit + 1)
        result["pattern"] = [f"^[\\s\\S]{{0,{limit}}}$",
                             _form_message("string_too_long", name, too_long)]
    return result


def _form_message(kind: str, name: str, found: Any) -> str:
    """The model's message for a broken rule, without what was found (the form shows that)."""
    message, hint = field_message(kind, name, found)
    if hint:
        return hint
    message = re.sub(r",? gevonden: .*$", ".", message)
    return message[:1].upper() + message[1:]


def _limits(spec: dict[str, Any], low: str, high: str) -> dict[str, Any]:
    return {key: spec[source] for key, source in (("min", low), ("max", high)) if source in spec}


def _options(spec: dict[str, Any], labels: Any) -> list[dict[str, str]]:
    names = labels.get(spec.get(REFERENCE_MARK), {})
    return [{"label": names.get(value, str(value)), "value": value} for value in spec["enum"]]


def _list(
    name: str, spec: dict[str, Any], root: dict[str, Any], ids: Any, labels: Any
) -> dict[str, Any]:
    items = _resolve(spec.get("items", {}), root)
    counts = _limits(spec, "minItems", "maxItems")
    if items.get(REFERENCE_MARK) == "terms":
        return {"widget": "relation", "collection": "begrippen", "value_field": "{{slug}}",
                "search_fields": ["title"], "display_fields": ["title"], "multiple": True,
                "options_length": 1000, **counts}
    if "enum" in items:
        return {"widget": "select", "multiple": True, "options": _options(items, labels), **counts}
    if "properties" in items:
        return {"widget": "list", "label_singular": items.get("title", ""),
                "summary": "{{fields.title}}{{fields.name}}",
                "fields": _fields(items, root, ids, labels), **counts}
    return {"widget": "list", **counts,
            "field": {"name": name, "label": spec.get("title", ""), **_text(name, items)}}
