"""The term linker: finds glossary terms in a page's text and wraps them in tooltip links.

One Aho-Corasick automaton holds every title and alias, so a page costs one pass over its text
whatever the number of terms. The HTML is read with the standard library's parser and only text
nodes outside links, code, headings and opt-out blocks are touched; everything else is copied
byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser

import ahocorasick

from ..content.model import Term

SKIP_TAGS = frozenset(
    {
        "a",
        "code",
        "pre",
        "kbd",
        "samp",
        "script",
        "style",
        "textarea",
        "svg",
        "button",
        "select",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "title",
        "head",
        "nav",
        "label",
        "summary",
        "abbr",
    }
)
SKIP_CLASSES = frozenset({"geen-begrippen", "kr-geen-begrippen"})
NEWLINE = re.compile("\n")
VOID_TAGS = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    slug: str


@dataclass
class LinkResult:
    """The rewritten HTML and what the linker saw on the page."""

    html: str
    mentioned: set[str] = field(default_factory=set)
    """Slugs of every term named in the text or linked explicitly (for backlinks)."""
    linked: int = 0
    """How many links the linker added."""


def _fold(text: str) -> str:
    """Lowercase without changing the length, so offsets in the folded text fit the original."""
    folded = text.lower()
    if len(folded) == len(text):
        return folded
    return "".join(char.lower() if len(char.lower()) == 1 else char for char in text)


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


class TermMatcher:
    """Finds whole-word occurrences of every term form; the longest match wins."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self._automaton = ahocorasick.Automaton()
        for term in terms:
            for form in term.forms:
                # A form written entirely in capitals (SEO, CTA) matches only in capitals.
                exact = form if form.isupper() else None
                self._automaton.add_word(_fold(form), (len(form), term.slug, exact))
        if len(self._automaton):
            self._automaton.make_automaton()

    def find(self, text: str) -> list[Match]:
        if not len(self._automaton):
            return []
        candidates = []
        for last, (length, slug, exact) in self._automaton.iter(_fold(text)):
            start, end = last - length + 1, last + 1
            if start > 0 and _is_word_char(text[start - 1]):
                continue
            if end < len(text) and _is_word_char(text[end]):
                continue
            if exact is not None and text[start:end] != exact:
                continue
            candidates.append(Match(start, end, slug))
        candidates.sort(key=lambda match: (match.start, match.start - match.end))
        chosen, position = [], 0
        for match in candidates:
            if match.start >= position:
                chosen.append(match)
                position = match.end
        return chosen


RenderLink = Callable[[str, str], str]
"""(slug, text as HTML) -> the HTML of the link."""


class _Rewriter(HTMLParser):
    """Streams through the HTML, rewriting only linkable text nodes."""

    def __init__(
        self,
        source: str,
        matcher: TermMatcher,
        render: RenderLink,
        own_slug: str | None,
        link_every: bool,
        linked_before: set[str],
    ) -> None:
        super().__init__(convert_charrefs=False)
        self.source, self.matcher, self.render = source, matcher, render
        self.own_slug, self.link_every = own_slug, link_every
        self.linked_slugs = linked_before
        self.result = LinkResult("")
        # The parser reports (line, column); these offsets turn that into a position in `source`.
        self._line_starts = [0, *(newline.end() for newline in NEWLINE.finditer(source))]
        self._out: list[str] = []
        self._copied = 0
        self._stack: list[tuple[str, bool]] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "a" and attributes.get("data-begrip"):
            self.result.mentioned.add(str(attributes["data-begrip"]))
        if tag in VOID_TAGS:
            return
        classes = set((attributes.get("class") or "").split())
        skip = tag in SKIP_TAGS or bool(classes & SKIP_CLASSES)
        self._stack.append((tag, skip))
        self._skipping += skip

    def handle_endtag(self, tag: str) -> None:
        if not any(open_tag == tag for open_tag, _ in self._stack):
            return
        while self._stack:
            open_tag, skip = self._stack.pop()
            self._skipping -= skip
            if open_tag == tag:
                return

    def handle_data(self, data: str) -> None:
        if self._skipping:
            return
        matches = self.matcher.find(data)
        if not matches:
            return
        line, column = self.getpos()
        start = self._line_starts[line - 1] + column
        pieces, position = [], 0
        for match in matches:
            self.result.mentioned.add(match.slug)
            if match.slug == self.own_slug:
                continue
            if match.slug in self.linked_slugs and not self.link_every:
                continue
            self.linked_slugs.add(match.slug)
            pieces.append(data[position : match.start])
            pieces.append(self.render(match.slug, data[match.start : match.end]))
            position = match.end
            self.result.linked += 1
        if not pieces:
            return
        pieces.append(data[position:])
        self._out.append(self.source[self._copied : start])
        self._out.append("".join(pieces))
        self._copied = start + len(data)

    def finish(self) -> LinkResult:
        self.feed(self.source)
        self.close()
        self._out.append(self.source[self._copied :])
        self.result.html = "".join(self._out)
        return self.result


class TermLinker:
    """Links the terms of a knowledge base in any page's HTML."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self.matcher = TermMatcher(terms)

    def link(
        self,
        html: str,
        render: RenderLink,
        *,
        own_slug: str | None = None,
        link_every: bool = False,
        enabled: bool = True,
    ) -> LinkResult:
        """Link the first occurrence of each term (every one with `link_every`).

        With `enabled` false nothing is linked, but mentions are still collected for backlinks.
        """
        if not enabled:
            render_nothing: RenderLink = lambda slug, text: text  # noqa: E731
            result = _Rewriter(html, self.matcher, render_nothing, own_slug, True, set()).finish()
            return LinkResult(html, result.mentioned, 0)
        return _Rewriter(html, self.matcher, render, own_slug, link_every, set()).finish()
