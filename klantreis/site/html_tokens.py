"""One fast pass over a page's HTML as tags and text, for the term linker and the search index.

The pages come from Python-Markdown and Material, so they are well formed; a regular expression
splits them into tags and text nodes many times faster than the standard library's HTMLParser.
Comments, doctypes and the content of raw-text elements (script, style ...) are never text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

RAW_TEXT = frozenset({"script", "style", "textarea", "title"})
VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
    | {"track", "wbr", "param"}
)
TOKEN = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<[!?][^>]*>"
    r"|<(/?)([A-Za-z][A-Za-z0-9-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.DOTALL,
)
CLASS_ATTRIBUTE = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_RAW_TEXT_END = {tag: re.compile(rf"</{tag}", re.IGNORECASE) for tag in RAW_TEXT}


class Token(NamedTuple):
    """A tag (`tag` set) or a text node (`tag` None) at `source[start:end]`."""

    start: int
    end: int
    tag: str | None = None
    closing: bool = False
    attributes: str = ""
    """The attributes as written, between the tag name and '>'."""

    @property
    def is_void(self) -> bool:
        return self.tag in VOID_TAGS or self.attributes.rstrip().endswith("/")

    def classes(self) -> set[str]:
        if "class" not in self.attributes:
            return set()
        found = CLASS_ATTRIBUTE.search(self.attributes)
        if not found:
            return set()
        return set(next(group for group in found.groups() if group is not None).split())


def tokens(source: str) -> Iterator[Token]:
    """The tags and text nodes of `source` in document order."""
    position = 0
    while position < len(source):
        token = TOKEN.search(source, position)
        if token is None:
            yield Token(position, len(source))
            return
        if token.start() > position:
            yield Token(position, token.start())
        closing, name, attributes = token.group(1), token.group(2), token.group(3)
        position = token.end()
        if name is None:  # a comment, doctype or processing instruction
            continue
        tag = name.lower()
        yield Token(token.start(), position, tag, bool(closing), attributes or "")
        if tag in RAW_TEXT and not closing:
            close = _RAW_TEXT_END[tag].search(source, position)
            position = len(source) if close is None else close.start()


class OpenElements:
    """The elements open at the current token, and whether any of them says "skip"."""

    def __init__(self) -> None:
        self._stack: list[tuple[str, bool]] = []
        self._open: dict[str, int] = {}
        self.skipping = 0

    def open(self, tag: str, skip: bool) -> None:
        self._stack.append((tag, skip))
        self._open[tag] = self._open.get(tag, 0) + 1
        self.skipping += skip

    def close(self, tag: str) -> bool:
        """Close `tag` and whatever was left open inside it; False if it was not open."""
        if not self._open.get(tag):
            return False
        while self._stack:
            open_tag, skip = self._stack.pop()
            self._open[open_tag] -= 1
            self.skipping -= skip
            if open_tag == tag:
                break
        return True
