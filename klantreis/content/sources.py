"""Reading source files: text decoding, front matter and YAML with line numbers.

Everything here reports problems as `ContentError` values with the line on disk, because the
consultant fixes files in an editor, not in a traceback.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError, ContentErrors

Location = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """Parsed YAML data plus the line of every key and list item, by path."""

    data: Any
    lines: dict[Location, int] = field(default_factory=dict)
    first_line: int = 1

    def line_of(self, location: Location) -> int:
        """The line of the deepest known part of `location` (a pydantic `loc`)."""
        location = tuple(location)
        while location:
            if location in self.lines:
                return self.lines[location]
            location = location[:-1]
        return self.first_line


@dataclass
class MarkdownSource:
    """A Markdown file split into front matter and body, with the body's first line."""

    front_matter: YamlDocument
    body: str
    body_line: int


def read_text(path: Path, rel: str) -> str:
    """Decode a source file as UTF-8, accepting a byte-order mark and CRLF line ends."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        byte = raw[error.start]
        raise ContentErrors(
            [
                ContentError(
                    rel,
                    line,
                    f"het bestand is geen UTF-8 (onleesbare byte 0x{byte:02x}).",
                    "Sla het bestand op als UTF-8 in je editor (vaak 'Opslaan als' > codering).",
                )
            ]
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


class _LineLoader(yaml.SafeLoader):
    """The safe loader (Python-object tags stay forbidden); its messages are translated below."""


# libyaml's parser when PyYAML was built with it: twenty times faster for files that are right.
# A file with an error is read again by the loader above, whose messages we know.
_FastLoader: type = getattr(yaml, "CSafeLoader", _LineLoader)


# PyYAML's problems, recognised by a piece of their English text, as Dutch messages. The line is
# that of the problem, or with "context" that of the construct left open (a quote, a bracket).
_YAML_MESSAGES = (
    ("\\t", "problem", "er staat een tab in de YAML.", "Gebruik spaties om in te springen."),
    (
        "quoted scalar",
        "context",
        "het aanhalingsteken op deze regel wordt niet gesloten.",
        "Zet hetzelfde aanhalingsteken aan het eind van de tekst.",
    ),
    (
        "flow sequence",
        "context",
        "de lijst die op deze regel met '[' begint, wordt niet gesloten.",
        "Zet een ']' aan het eind van de lijst.",
    ),
    (
        "flow mapping",
        "context",
        "het blok dat op deze regel met '{' begint, wordt niet gesloten.",
        "Zet een '}' aan het eind van het blok.",
    ),
    (
        "mapping values are not allowed",
        "problem",
        "hier staat een dubbele punt die YAML niet verwacht.",
        "Staat er een ':' in je tekst, zet de tekst dan tussen aanhalingstekens; "
        "anders klopt de inspringing niet.",
    ),
    (
        "expected <block end>",
        "problem",
        "de inspringing klopt niet.",
        "Laat deze regel even ver inspringen als de andere regels van hetzelfde blok.",
    ),
    (
        "could not determine a constructor",
        "problem",
        "onbekende YAML-tag (zoals !!python/...).",
        "Haal de tag weg; schrijf gewone tekst, getallen of lijsten.",
    ),
)


class _Lines:
    """Line numbers on disk of places in a YAML text.

    PyYAML also starts a new line at U+0085, U+2028 and U+2029, an editor does not; so a line
    is counted from the character offset of a mark, by the newlines before it.
    """

    def __init__(self, text: str, first_line: int) -> None:
        self.newlines = [match.start() for match in re.finditer("\n", text)]
        self.first_line = first_line
        self.last_line = first_line + len(text.rstrip("\n").split("\n")) - 1

    def at(self, mark: yaml.Mark | None) -> int:
        if mark is None:
            return self.first_line
        # At the end of the text PyYAML points one line past the last: name the last line.
        return min(self.first_line + bisect_left(self.newlines, mark.index), self.last_line)


def _yaml_problem(error: yaml.YAMLError, rel: str, lines: _Lines) -> ContentError:
    problem = str(getattr(error, "problem", "") or "")
    context = str(getattr(error, "context", "") or "")
    for needle, where, message, hint in _YAML_MESSAGES:
        if needle in problem or needle in context or (needle == "\\t" and "\t" in problem):
            mark = getattr(error, f"{where}_mark", None) or getattr(error, "problem_mark", None)
            return ContentError(rel, lines.at(mark), message, hint)
    return ContentError(
        rel,
        lines.at(getattr(error, "problem_mark", None)),
        "de YAML op deze regel klopt niet.",
        "Controleer inspringing, dubbele punten en aanhalingstekens.",
    )


def _forbidden_character(
    error: yaml.reader.ReaderError, text: str, rel: str, first_line: int
) -> ContentError:
    """A control character (NUL, ...) that YAML does not allow, on its own line."""
    line = first_line + text.count("\n", 0, error.position)
    return ContentError(
        rel,
        line,
        f"op deze regel staat een onzichtbaar teken dat niet mag (code {error.character:#04x}).",
        "Typ de regel opnieuw, of sla het bestand op als gewone tekst (UTF-8).",
    )


def _walk(
    node: yaml.Node,
    path: Location,
    found: dict[Location, int],
    rel: str,
    lines: _Lines,
    errors: list[ContentError],
) -> None:
    """Record the line of every key and item; report duplicate keys."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[object, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = lines.at(key_node.start_mark)
            if key in seen:
                errors.append(
                    ContentError(
                        rel,
                        line,
                        f"de sleutel '{key}' staat er twee keer in (eerst op regel {seen[key]}).",
                        "Voeg de twee samen of haal er een weg.",
                    )
                )
            seen[key] = line
            found[(*path, key)] = line
            _walk(value_node, (*path, key), found, rel, lines, errors)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            found[(*path, index)] = lines.at(item.start_mark)
            _walk(item, (*path, index), found, rel, lines, errors)


def parse_yaml(text: str, rel: str, first_line: int = 1) -> YamlDocument:
    """Parse one YAML document safely, keeping the line of every key."""
    try:
        return _parse(_FastLoader, text, rel, first_line)
    except ContentErrors:
        if _FastLoader is _LineLoader:
            raise
        return _parse(_LineLoader, text, rel, first_line)


def _parse(loader_class: type, text: str, rel: str, first_line: int) -> YamlDocument:
    try:
        loader = loader_class(text)
    except yaml.reader.ReaderError as error:  # checked before parsing: a character YAML refuses
        raise ContentErrors([_forbidden_character(error, text, rel, first_line)]) from None
    lines = _Lines(text, first_line)
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDocument(None, {}, first_line)
        found: dict[Location, int] = {(): lines.at(node.start_mark)}
        errors: list[ContentError] = []
        _walk(node, (), found, rel, lines, errors)
        if errors:
            raise ContentErrors(errors)
        data = loader.construct_document(node)
    except yaml.YAMLError as error:
        raise ContentErrors([_yaml_problem(error, rel, lines)]) from None
    finally:
        loader.dispose()
    return YamlDocument(data, found, first_line)


def split_front_matter(text: str, rel: str) -> MarkdownSource:
    """Split `---` front matter from the body; the body keeps its line offset."""
    if not text.startswith("---\n"):
        return MarkdownSource(YamlDocument({}, {}, 1), text, 1)
    end = text.find("\n---\n", 3)
    if end == -1 and text.endswith("\n---"):
        end = len(text) - 4
    if end == -1:
        raise ContentErrors(
            [
                ContentError(
                    rel,
                    1,
                    "de front matter (het blok tussen '---' regels) wordt niet afgesloten.",
                    "Zet een regel met alleen '---' onder de laatste sleutel.",
                )
            ]
        )
    header = text[4 : end + 1]
    body = text[end + 5 :]
    front = parse_yaml(header, rel, first_line=2)
    if front.data is None:
        front.data = {}
    body_line = header.count("\n") + 3
    return MarkdownSource(front, body, body_line)
