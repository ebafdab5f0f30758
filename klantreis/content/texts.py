"""The prose of the knowledge base as units a reader sees together, with their lines on disk.

A unit is a paragraph, a list item, a table row or a heading of a Markdown body, or one text
value of a YAML file. The quality checks (figures and their sources, the house style) read the
text through these units, so a finding points at the line an editor jumps to.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .knowledge import KnowledgeBase
from .sources import Location, YamlDocument

FENCE = re.compile(r"^ {0,3}(```|~~~)")
FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")
FOOTNOTE_DEFINITION = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:", re.MULTILINE)
INLINE_CODE = re.compile(r"(`+).+?\1")
MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")
LINK_TARGET = re.compile(r"\]\([^)]*\)")
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
BLOCK_START = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|#{1,6}\s|\||>\s?[-*+]\s)")
# YAML keys whose text is not prose: names, quotes of customers, addresses.
NOT_PROSE = frozenset({"id", "icon", "url", "aliases", "quotes", "phases", "channels", "related"})
# Catalogues that are about the text rather than part of it.
NOT_CHECKED = ("journeys/_bronnen.yml", "journeys/_stijl.yml")


@dataclass(frozen=True)
class TextUnit:
    """Text a reader sees as one piece, and the sources cited for it."""

    path: str
    line: int
    """The line of the unit's first line in the file on disk."""
    text: str
    cites: tuple[str, ...] = ()
    """Source ids cited for this text: its footnotes, or the `bron:` of its YAML item."""

    def line_at(self, offset: int) -> int:
        """The line on disk of the character at `offset` in `text`."""
        return self.line + self.text.count("\n", 0, offset)


def prose(markdown_line: str) -> str:
    """A line of Markdown without what is not prose: code, macros, link targets.

    Lengths are kept (blanked with spaces), so offsets still point into the original line.
    """
    for marker, pattern in (("`", INLINE_CODE), ("{", MACRO), ("](", LINK_TARGET)):
        if marker in markdown_line:
            markdown_line = pattern.sub(lambda match: " " * len(match.group(0)), markdown_line)
    return markdown_line


def markdown_lines(body: str) -> Iterator[tuple[int, str]]:
    """(0-based line number, prose) of every line outside fenced code, comments blanked."""
    body = HTML_COMMENT.sub(lambda match: re.sub(r"[^\n]", " ", match.group(0)), body)
    fence = None
    for number, line in enumerate(body.split("\n")):
        opener = FENCE.match(line)
        if fence is None and opener:
            fence = opener.group(1)
            continue
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            continue
        yield number, prose(line)


def markdown_units(path: str, body: str, first_line: int) -> Iterator[TextUnit]:
    """Paragraphs, list items, table rows and headings; footnote definitions are left out."""
    lines: list[str] = []
    start = 0

    def unit() -> Iterator[TextUnit]:
        if lines:
            text = "\n".join(lines)
            yield TextUnit(path, first_line + start, text, tuple(FOOTNOTE_REF.findall(text)))

    for number, line in markdown_lines(body):
        if not line.strip() or FOOTNOTE_DEFINITION.match(line) or BLOCK_START.match(line):
            yield from unit()
            lines = []
            if not line.strip() or FOOTNOTE_DEFINITION.match(line):
                continue
        if not lines:
            start = number
        lines.append(line)
    yield from unit()


def yaml_units(path: str, document: YamlDocument) -> Iterator[TextUnit]:
    """Every text value, cited by the `bron:` of the nearest item around it that has one."""
    yield from _walk(path, document, document.data, (), ())


def _walk(
    path: str, document: YamlDocument, node: Any, location: Location, cites: tuple[str, ...]
) -> Iterator[TextUnit]:
    if isinstance(node, dict):
        own = node.get("bron")
        if isinstance(own, list) and own:
            cites = tuple(str(source) for source in own)
        for key, value in node.items():
            # `phases` is a list of ids in most files, but a channel's roles per phase are prose.
            if key == "bron" or (key in NOT_PROSE and not isinstance(value, dict)):
                continue
            yield from _walk(path, document, value, (*location, key), cites)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _walk(path, document, item, (*location, index), cites)
    elif isinstance(node, str):
        yield TextUnit(path, document.line_of(location), node, cites)


def units(kb: KnowledgeBase) -> Iterator[TextUnit]:
    """All prose of the knowledge base: pages, term bodies, and the text in every YAML file."""
    for page in kb.pages:
        yield from markdown_units(page.path, page.body, page.body_line)
    for term in kb.terms.values():
        yield from markdown_units(term.path, term.body, term.body_line)
    for path, document in sorted(kb.documents.items()):
        if path not in NOT_CHECKED:
            yield from yaml_units(path, document)
