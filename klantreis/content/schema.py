"""JSON Schemas for the source files, generated from the content model (never written by hand).

An editor with the YAML language server reads them to complete field names and to flag a wrong
key, a wrong phase id or an emotion of 3 while the consultant types. References to catalogues
(phases, channels, sources, terms) become enums of the ids in this knowledge base, so the
schema goes stale when a catalogue changes: `klantreis schema` writes them again, and
`klantreis check` warns when the copy in `schema/` is out of date.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .errors import ContentError
from .knowledge import KnowledgeBase
from .model import (
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

SCHEMA_DIR = "schema"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
JOURNEY_SCHEMA = "klantreis.schema.json"
# File name -> (model, is a catalogue (a list of items), Dutch title, which files it describes).
SCHEMAS: dict[str, tuple[type[BaseModel], bool, str, str]] = {
    JOURNEY_SCHEMA: (JourneyFile, False, "Klantreis", "journeys/<naam>.yml"),
    "begrip.schema.json": (TermFrontMatter, False, "Begrip", "glossary/<naam>.md"),
    "artikel.schema.json": (
        ArticleFrontMatter, False, "Artikel", "docs/artikelen/posts/<naam>.md"
    ),
    "catalogus-fasen.schema.json": (Phase, True, "Fasen", "journeys/_phases.yml"),
    "catalogus-kanalen.schema.json": (Channel, True, "Kanalen", "journeys/_channels.yml"),
    "catalogus-modellen.schema.json": (JourneyModel, True, "Modellen", "journeys/_models.yml"),
    "catalogus-bronnen.schema.json": (Source, True, "Bronnen", "journeys/_bronnen.yml"),
    "catalogus-stijl.schema.json": (StyleRule, True, "Huisstijl", "journeys/_stijl.yml"),
}


def catalogue_ids(kb: KnowledgeBase) -> dict[str, list[str]]:
    """The ids a reference may name, per kind of catalogue."""
    return {
        "phases": [phase.id for phase in kb.phases],
        "phase_names": [phase.name for phase in kb.phases],
        "channels": list(kb.channels),
        "sources": sorted(kb.sources),
        "terms": sorted(kb.terms),
    }


def schema_for(name: str, ids: dict[str, list[str]]) -> dict[str, Any]:
    """The JSON Schema `name` (a key of SCHEMAS), with the catalogues' ids as enums."""
    model, is_list, title, files = SCHEMAS[name]
    item = _with_enums(model.model_json_schema(), ids)
    head = {"$schema": DRAFT, "title": title}
    description = f"{item.get('description', title)} Bestand: {files}."
    if not is_list:
        return {**head, "description": description, **_without(item, "title", "description")}
    definitions = item.pop("$defs", {})
    return {
        **head,
        "description": description,
        "type": "array",
        "items": item,
        **({"$defs": definitions} if definitions else {}),
    }


def render(schema: dict[str, Any]) -> str:
    """The text of a schema file: stable, readable, one newline at the end."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def all_schemas(kb: KnowledgeBase) -> dict[str, str]:
    """Every schema file by name, as text."""
    ids = catalogue_ids(kb)
    return {name: render(schema_for(name, ids)) for name in SCHEMAS}


def write_schemas(root: Path, kb: KnowledgeBase) -> list[Path]:
    """Write `schema/*.json` under `root`; return the files that changed."""
    folder = root / SCHEMA_DIR
    folder.mkdir(exist_ok=True)
    changed = []
    for name, text in all_schemas(kb).items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def stale_schemas(root: Path, kb: KnowledgeBase) -> list[ContentError]:
    """Warnings for schema files in `schema/` that differ from what the model gives now.

    A project without a `schema/` folder has chosen not to keep a copy: nothing to warn about.
    """
    folder = root / SCHEMA_DIR
    if not folder.is_dir():
        return []
    warnings = []
    for name, text in all_schemas(kb).items():
        path = folder / name
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current != text:
            warnings.append(
                ContentError(
                    f"{SCHEMA_DIR}/{name}",
                    0,
                    "het schema ontbreekt." if current is None else "het schema is verouderd.",
                    "Draai 'klantreis schema' om de schema's opnieuw te maken.",
                    warning=True,
                )
            )
    return warnings


def _with_enums(node: Any, ids: dict[str, list[str]]) -> Any:
    """Replace every reference mark by the enum of the ids it may name."""
    if isinstance(node, list):
        return [_with_enums(item, ids) for item in node]
    if not isinstance(node, dict):
        return node
    result = {key: _with_enums(value, ids) for key, value in node.items()}
    kind = result.get(REFERENCE_MARK)
    if isinstance(kind, str) and ids.get(kind):
        result["enum"] = ids[kind]
    return result


def _without(schema: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {key: value for key, value in schema.items() if key not in keys}
