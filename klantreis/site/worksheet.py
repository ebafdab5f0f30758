"""The worksheet editor (klantreizen/werkblad): its form and its data, from the journey's schema.

The page must work opened from disk (file://), where a script cannot fetch a local file. So all
the editor needs (the journey's JSON Schema, the phases and channels, the map's icons) reaches
it as a generated script, `assets/klantreis/werkblad-data.js`, loaded with a `<script>` tag.
Labels, hints, required fields, limits and choices come from the schema (`content/schema.py`),
which comes from the model; what is ours is how each kind of value is shown (a widget).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..content import figures
from ..content.knowledge import KnowledgeBase
from ..content.model import REFERENCE_LABELS, REFERENCE_MARK
from ..content.schema import JOURNEY_SCHEMA, catalogue_ids, schema_for
from ..content.texts import NOT_PROSE
from . import journey_map
from .render import Renderer

DATA_FILE = "assets/klantreis/werkblad-data.js"
STYLESHEET = "assets/klantreis/werkblad.css"
# The editor's scripts in the order they load; the vendored ones come with their licences.
OWN_FILES = (
    "kaart-render.js",
    "werkblad-yaml.js",
    "werkblad-check.js",
    "werkblad-fields.js",
    "werkblad-preview.js",
    "werkblad.js",
    "werkblad.css",
)
VENDOR_FILES = (
    "js-yaml/js-yaml.umd.min.js",
    "js-yaml/LICENSE",
    "ajv/ajv2020.min.js",
    "ajv/LICENSE",
    "ajv/LICENSE.fast-deep-equal",
    "ajv/LICENSE.fast-uri",
    "ajv/LICENSE.json-schema-traverse",
)
SCRIPTS = (
    "assets/vendor/js-yaml/js-yaml.umd.min.js",
    "assets/vendor/ajv/ajv2020.min.js",
    DATA_FILE,
    "assets/klantreis/kaart-render.js",
    "assets/klantreis/werkblad-yaml.js",
    "assets/klantreis/werkblad-check.js",
    "assets/klantreis/werkblad-fields.js",
    "assets/klantreis/werkblad-preview.js",
    "assets/klantreis/werkblad.js",
)
# Parts of the journey that are not one field: the persona and the lists have their own groups.
NOT_IN_FORM = frozenset({"persona", "stages", "opportunities"})
# Short texts get one line; other texts a box that grows.
ONE_LINE = frozenset({"sector", "duration", "owner"})
# Where the schema's description speaks of the file, the form says it in its own words.
FORM_HINTS = {
    "moment_of_truth": "Een beslissend moment: hier wint of verliest het bedrijf de klant.",
    "channels": "De kanalen in deze stap.",
    "online": "Laat leeg als het niet bekend is.",
    "emotion": "Een heel getal: -2 (heel negatief), -1, 0, 1 of 2 (heel positief).",
    "stage": "De stap waar de kans bij hoort.",
    "bron": "Id's uit de bronnenlijst voor de cijfers in de tekst, met komma's ertussen.",
}
MAP_ICONS = ("material/account-circle-outline", "material/star-four-points")


@dataclass(frozen=True)
class FormField:
    """One field of the worksheet's form."""

    name: str
    """The key in the journey file."""
    label: str
    hint: str
    widget: str
    """regel (one line), tekst (a box), regels (a list, one item a line), keuze (a choice),
    getal (a whole number), vinkje (yes or no), kanalen (channels to tick), stap (a stage),
    ids (ids from a catalogue, with commas between)."""
    required: bool = False
    options: tuple[tuple[Any, str], ...] = ()
    """(value, label) of a choice; the value as it is written in the file."""
    minimum: int | None = None
    maximum: int | None = None


def journey_schema(kb: KnowledgeBase) -> dict[str, Any]:
    return schema_for(JOURNEY_SCHEMA, catalogue_ids(kb))


def form_fields(kb: KnowledgeBase) -> dict[str, list[FormField]]:
    """The fields of the journey, the persona, a stage and an opportunity, in the model's order."""
    schema = journey_schema(kb)
    definitions = schema["$defs"]
    return {
        "reis": _fields(schema, schema, kb),
        "persona": _fields(definitions["Persona"], schema, kb),
        "stap": _fields(definitions["Stage"], schema, kb),
        "kans": _fields(definitions["Opportunity"], schema, kb),
    }


def _fields(node: dict[str, Any], root: dict[str, Any], kb: KnowledgeBase) -> list[FormField]:
    required = set(node.get("required", ()))
    return [
        _field(name, _resolve(spec, root), name in required, kb)
        for name, spec in node["properties"].items()
        if name not in NOT_IN_FORM and not _without_choices(_resolve(spec, root))
    ]


def _without_choices(spec: dict[str, Any]) -> bool:
    """A list of ids from a catalogue this knowledge base does not have (no sources)."""
    items = spec.get("items", {})
    return REFERENCE_MARK in items and "enum" not in items


def _resolve(spec: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    """Follow `$ref` and drop the `null` of an optional value (`anyOf: [X, null]`)."""
    if "$ref" in spec:
        return {**root["$defs"][spec["$ref"].rsplit("/", 1)[-1]], **spec}
    options = [option for option in spec.get("anyOf", ()) if option.get("type") != "null"]
    if len(options) == 1:
        return {**{k: v for k, v in spec.items() if k != "anyOf"}, **options[0]}
    return spec


def _field(name: str, spec: dict[str, Any], required: bool, kb: KnowledgeBase) -> FormField:
    base = {"name": name, "label": spec.get("title", name), "required": required,
            "hint": FORM_HINTS.get(name, spec.get("description", ""))}
    kind = spec.get("type")
    items = spec.get("items", {})
    if items.get(REFERENCE_MARK) == "channels":
        options = tuple((key, channel.name) for key, channel in kb.channels.items())
        return FormField(**base, widget="kanalen", options=options)
    if REFERENCE_MARK in items:
        return FormField(**base, widget="ids")
    if kind == "array":
        hint = re.sub(r",? als lijst\.$", ".", base["hint"])
        return FormField(**{**base, "hint": f"{hint} Eén per regel."}, widget="regels")
    if set(map(str, spec.get("enum", ()))) == {"True", "False", "mixed"}:
        values: tuple[bool | str, ...] = (True, False, "mixed")
        choices = tuple((value, journey_map.ONLINE_LABELS[value]) for value in values)
        return FormField(**base, widget="keuze", options=choices)
    if spec.get(REFERENCE_MARK) == "phases":
        options = tuple((phase.id, phase.name) for phase in kb.phases)
        return FormField(**base, widget="keuze", options=options)
    if "enum" in spec:
        return FormField(**base, widget="keuze", options=tuple((v, str(v)) for v in spec["enum"]))
    if kind == "integer" and "maximum" in spec:
        return FormField(**base, widget="getal", minimum=spec.get("minimum"),
                         maximum=spec["maximum"])
    if kind == "integer":
        return FormField(**base, widget="stap")
    if kind == "boolean":
        return FormField(**base, widget="vinkje")
    one_line = spec.get("minLength") or name in ONE_LINE
    return FormField(**base, widget="regel" if one_line else "tekst")


def worksheet_data(kb: KnowledgeBase, renderer: Renderer, site_name: str) -> dict[str, Any]:
    """What the editor's script needs: the schema, the file's shape, the catalogue, icons."""
    schema = journey_schema(kb)
    definitions = schema["$defs"]
    icon_names = sorted({phase.icon for phase in kb.phases} | set(MAP_ICONS))
    return {
        "schema": schema,
        "shape": {
            "keys": list(schema["properties"]),
            "nested": {
                "persona": {"keys": list(definitions["Persona"]["properties"])},
                "stages": {"keys": list(definitions["Stage"]["properties"])},
                "opportunities": {"keys": list(definitions["Opportunity"]["properties"])},
            },
            "falseByDefault": _false_by_default(schema),
            "flow": _id_lists(schema),
        },
        "referenceLabels": REFERENCE_LABELS,
        "phases": [
            {"id": phase.id, "name": phase.name, "title": phase.title, "icon": phase.icon}
            for phase in kb.phases
        ],
        "channels": [{"id": key, "name": channel.name} for key, channel in kb.channels.items()],
        "icons": {name: icon for name in icon_names if (icon := _icon(renderer, name))},
        "storageKey": f"klantreis-werkblad:{site_name}",
        "figures": {
            "figure": figures.FIGURE.pattern,
            "maybe": figures.MAYBE_FIGURE.pattern,
            "example": figures.WORKED_EXAMPLE.pattern,
            "notProse": sorted(NOT_PROSE),
            "sources": sorted(kb.sources),
            # The hint `klantreis check` gives for a figure in a YAML file.
            "hint": figures._how_to_cite("journeys/werkblad.yml"),
        },
    }


def _false_by_default(schema: dict[str, Any]) -> dict[str, bool]:
    nodes = [schema, *schema["$defs"].values()]
    return {
        name: True
        for node in nodes
        for name, spec in node.get("properties", {}).items()
        if spec.get("default") is False
    }


def _id_lists(schema: dict[str, Any]) -> dict[str, bool]:
    """Lists of catalogue ids, written on one line as `[a, b]`, as the guide writes them."""
    nodes = [schema, *schema["$defs"].values()]
    return {
        name: True
        for node in nodes
        for name, spec in node.get("properties", {}).items()
        if REFERENCE_MARK in spec.get("items", {})
    }


def _icon(renderer: Renderer, name: str) -> dict[str, Any] | None:
    """A bundled icon as its viewBox and paths, for the map drawn in the browser."""
    svg = str(renderer.icon(name))
    if not svg:
        return None
    box = re.search(r'viewBox="([^"]+)"', svg)
    return {"viewBox": box.group(1) if box else "0 0 24 24",
            "paths": re.findall(r'<path[^>]* d="([^"]+)"', svg)}


def data_script(kb: KnowledgeBase, renderer: Renderer, site_name: str) -> str:
    """The text of `werkblad-data.js`."""
    return renderer.render("werkblad_data.js", data=worksheet_data(kb, renderer, site_name))
