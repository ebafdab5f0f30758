"""Turning pydantic's validation errors into Dutch `ContentError`s on the right line."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import ContentError, did_you_mean
from .sources import YamlDocument

M = TypeVar("M", bound=BaseModel)
EMOTIONS = ("emotion", "emotion_to_be")

_TYPE_NAMES = {
    "string_type": "tekst",
    "int_type": "een geheel getal",
    "int_from_float": "een geheel getal",
    "bool_type": "true of false",
    "list_type": "een lijst (regels die beginnen met '- ' of [a, b])",
    "dict_type": "een blok met sleutels (sleutel: waarde)",
    "model_type": "een blok met sleutels (sleutel: waarde)",
    "model_attributes_type": "een blok met sleutels (sleutel: waarde)",
}


def _describe(value: Any) -> str:
    """A found value as the consultant wrote it: short scalars literally, containers by kind."""
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "een blok met sleutels"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _field_name(loc: tuple[Any, ...]) -> str:
    parts = [str(part) if isinstance(part, str) else f"[{part + 1}]" for part in loc]
    return ".".join(parts).replace(".[", "[") or "het bestand"


def _message(error: Any, model: type[BaseModel], loc: tuple[Any, ...]) -> tuple[str, str]:
    kind = error["type"]
    field = _field_name(loc)
    found = error.get("input")
    if kind == "unknown_reference":
        return error["msg"], error["ctx"]["hint"]
    if kind == "missing":
        return f"het verplichte veld '{field}' ontbreekt.", f"Voeg '{loc[-1]}:' toe."
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, loc[:-1])
        return f"onbekend veld '{loc[-1]}'.", did_you_mean(loc[-1], allowed)
    if kind in _TYPE_NAMES:
        hint = ""
        if kind == "string_type" and isinstance(found, int | float | bool):
            hint = "Zet de waarde tussen aanhalingstekens."
        return f"'{field}' moet {_TYPE_NAMES[kind]} zijn, gevonden: {_describe(found)}.", hint
    if kind == "string_too_long" and loc[-1] == "description":
        return (
            f"de definitie is te lang ({len(found)} tekens).",
            "Houd 'description' bij één zin van hoogstens 300 tekens; "
            "zet de rest in de uitleg onder de front matter.",
        )
    if kind == "online_value":
        return (
            f"'{field}' moet true, false of mixed zijn, gevonden: {_describe(found)}.",
            "true = online, false = offline, mixed = allebei.",
        )
    if kind == "literal_error":
        choices = error["ctx"]["expected"].replace(" or ", " of ")
        return f"'{field}' moet {choices} zijn, gevonden: {_describe(found)}.", ""
    if kind in ("greater_than_equal", "less_than_equal") and loc[-1] in ("impact", "effort"):
        return (
            f"'{field}' moet 1, 2 of 3 zijn, gevonden: {found!r}.",
            "Gebruik 1 (weinig), 2 (gemiddeld) of 3 (veel).",
        )
    if kind == "greater_than_equal" and loc[-1] == "stage":
        return f"'{field}' moet een stapnummer zijn, 1 of hoger; gevonden: {found!r}.", ""
    if kind in ("greater_than_equal", "less_than_equal") and loc[-1] in EMOTIONS:
        return (
            f"'{field}' moet tussen -2 en 2 liggen, gevonden: {found!r}.",
            "Gebruik -2 (heel negatief), -1, 0, 1 of 2 (heel positief).",
        )
    if kind == "string_too_short":
        return f"'{field}' mag niet leeg zijn.", ""
    if kind == "too_short":
        return f"'{field}' moet minstens één item hebben.", ""
    if kind == "string_pattern_mismatch" and loc[-1] == "url":
        return (
            f"'{field}' moet een webadres zijn dat begint met http:// of https://, "
            f"gevonden: {found!r}.",
            "",
        )
    if kind == "string_pattern_mismatch":
        return (
            f"'{field}' moet een slug zijn (kleine letters, cijfers en koppeltekens), "
            f"gevonden: {found!r}.",
            "",
        )
    return f"'{field}': {error['msg']}.", ""


def field_message(kind: str, name: str, found: Any) -> tuple[str, str]:
    """The message and hint for an error of `kind` in the field `name`, as `klantreis check`
    gives them: a form that checks the same rule shows the same words."""
    return _message({"type": kind, "input": found, "ctx": {}, "msg": kind}, BaseModel, (name,))


def _allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys allowed at `loc` inside `model`, following nested models and lists."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        if field is None:
            return []
        current = _inner_model(field.annotation)
    return list(current.model_fields) if hasattr(current, "model_fields") else []


def _inner_model(annotation: Any) -> Any:
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return (
        annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None
    )


def validate(
    model: type[M],
    data: Any,
    document: YamlDocument,
    rel: str,
    errors: list[ContentError],
    prefix: tuple[Any, ...] = (),
    context: dict[str, Any] | None = None,
) -> M | None:
    """Validate `data` as `model`; append Dutch errors with lines and return None on failure.

    `context` holds the known ids (phases, channels, terms) that references are checked against.
    """
    try:
        return model.model_validate(data, context=context)
    except ValidationError as failure:
        for error in failure.errors():
            loc = tuple(error["loc"])
            message, hint = _message(error, model, loc)
            errors.append(ContentError(rel, document.line_of((*prefix, *loc)), message, hint))
        return None
