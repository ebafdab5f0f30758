"""The term linker: finds glossary terms in a page's text and wraps them in tooltip links.

One Aho-Corasick automaton holds every title and alias, so a page costs one pass over its text
whatever the number of terms. That pass names the few places where a form occurs; only the text
nodes around them (and those that read otherwise than written) are read closer, and only text
outside links, code, headings, labels and opt-out blocks is linked (see html_tokens). Everything
else is copied byte for byte.

Text is matched as a browser shows it: character references decoded, Unicode in NFC, and any
run of white space as one space. The match is then mapped back to the bytes it came from, so a
link wraps exactly the original text, entities and line breaks included.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import accumulate

import ahocorasick

from ..content.model import Term
from .html_tokens import Outline

# Where a term link does not belong: links and code, headings and labels, text that names
# something (table headers, captions, definition terms), and content a browser does not show
# as text (templates, fallbacks).
SKIP_TAGS = frozenset(
    [
        "a",
        "code",
        "pre",
        "kbd",
        "samp",
        "script",
        "style",
        "textarea",
        "svg",
        "math",
        "button",
        "select",
        "option",
        "label",
        "summary",
        "abbr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "title",
        "head",
        "nav",
        "th",
        "caption",
        "dt",
        "template",
        "noscript",
        "iframe",
        "object",
        "sup",
        "figcaption",
        "legend",
        "cite",
    ]
)
SKIP_CLASSES = frozenset({"geen-begrippen", "kr-geen-begrippen", "admonition-title"})
DATA_TERM = re.compile(r"""\bdata-begrip\s*=\s*(?:"([^"]*)"|'([^']*)')""")
SPACES = re.compile(r"\s+")


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


# -- text as the reader sees it -----------------------------------------------------------


class ReadText:
    """Text of one HTML text node as a browser shows it, with a way back to the source.

    `text` is decoded, NFC-normalised and has every run of white space as one space;
    `source_span(start, end)` gives the source offsets of `text[start:end]`.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        if self.is_plain(source):
            # The common case: one source character per character, no table needed.
            self.text = _spaces(source)
            self._origin: list[int] | None = None
            return
        chars, origin = _decode(source)
        chars, origin = _normalise(chars, origin, len(source))
        self.text = "".join(chars)
        self._origin = origin

    @staticmethod
    def is_plain(source: str) -> bool:
        """Whether the text reads as written: no references, no accents, no runs of spaces."""
        return "&" not in source and source.isascii() and "  " not in source

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        if self._origin is None:
            return start, end
        return self._origin[start], self._origin[end]


def _spaces(text: str) -> str:
    """Line breaks, tabs and form feeds as spaces, one for one (faster than str.translate)."""
    for other in "\n\t\r\f":
        if other in text:
            text = text.replace(other, " ")
    return text


# What makes a text node not plain (see `ReadText.is_plain`).
_NOT_PLAIN = re.compile(r"&|  |[^\x00-\x7f]")


class _PlacesReadOtherwise:
    """Where the page's text may read otherwise than written, asked for in page order."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._next = len(source) if ReadText.is_plain(source) else -1

    def first_from(self, position: int) -> int:
        """The first such place at or after `position`; the page's length when there is none."""
        if self._next < position:  # searched again only once the reader has passed it
            found = _NOT_PLAIN.search(self.source, position)
            self._next = found.start() if found else len(self.source)
        return self._next


_ENTITY = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")


def _decode(source: str) -> tuple[list[str], list[int]]:
    """Characters with character references decoded, and the source offset of each."""
    chars: list[str] = []
    origin: list[int] = []
    position = 0
    for entity in _ENTITY.finditer(source):
        decoded = html.unescape(entity.group(0))
        if decoded == entity.group(0):
            continue  # not a reference a browser knows: it shows as written
        for offset in range(position, entity.start()):
            chars.append(source[offset])
            origin.append(offset)
        for char in decoded:
            chars.append(char)
            origin.append(entity.start())
        position = entity.end()
    for offset in range(position, len(source)):
        chars.append(source[offset])
        origin.append(offset)
    return chars, origin


def _normalise(chars: list[str], origin: list[int], end: int) -> tuple[list[str], list[int]]:
    """NFC per grapheme cluster, runs of white space as one space; origins follow along."""
    out: list[str] = []
    out_origin: list[int] = []
    index = 0
    while index < len(chars):
        char = chars[index]
        if char.isspace():
            out.append(" ")
            out_origin.append(origin[index])
            while index < len(chars) and chars[index].isspace():
                index += 1
            continue
        cluster_end = index + 1
        while cluster_end < len(chars) and unicodedata.combining(chars[cluster_end]):
            cluster_end += 1
        composed = unicodedata.normalize("NFC", "".join(chars[index:cluster_end]))
        for char in composed:
            out.append(char)
            out_origin.append(origin[index])
        index = cluster_end
    out_origin.append(end)
    return out, out_origin


def _fold(text: str) -> str:
    """Lowercase without changing the length, so offsets in the folded text fit the original."""
    folded = text.lower()
    if len(folded) == len(text):
        return folded
    return "".join(char.lower() if len(char.lower()) == 1 else char for char in text)


def _normal_form(form: str) -> str:
    return SPACES.sub(" ", unicodedata.normalize("NFC", html.unescape(form))).strip()


# The characters most often next to a form, none part of a word: checked without a call.
_NOT_WORD = frozenset(" <>.,;:!?'\"()[]/-")


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_" or unicodedata.combining(char) != 0


Hit = tuple[int, int, str]
"""(start, end, slug) of one occurrence of a term's form."""


def _leftmost_longest(hits: list[Hit], start: int, end: int) -> list[Hit]:
    """Of hits sorted by start (longest first), those within [start, end) that do not overlap
    an earlier one, with offsets from `start`."""
    chosen, position = [], start
    for index in range(bisect.bisect_left(hits, (start,)), len(hits)):
        hit_start, hit_end, slug = hits[index]
        if hit_start >= end:
            break
        if hit_start >= position and hit_end <= end:
            chosen.append((hit_start - start, hit_end - start, slug))
            position = hit_end
    return chosen


def exact_case(term: Term) -> bool:
    """A term whose title is written in capitals (SEO, CTA) matches only as written, every form."""
    letters = [char for char in term.title if char.isalpha()]
    return bool(letters) and all(char.isupper() for char in letters)


class TermMatcher:
    """Finds whole-word occurrences of every term form; the longest match wins."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self._automaton = ahocorasick.Automaton()
        for term in terms:
            exact = exact_case(term)
            for form in map(_normal_form, term.forms):
                self._automaton.add_word(
                    _fold(form), (len(form), term.slug, form if exact else None)
                )
        if len(self._automaton):
            self._automaton.make_automaton()

    def find(self, text: str) -> list[Match]:
        """Matches in text that is already read as a browser shows it (see `ReadText`)."""
        return [Match(*hit) for hit in _leftmost_longest(self._hits(text), 0, len(text))]

    def page_hits(self, source: str) -> list[Hit]:
        """Every whole-word occurrence of a form in a page's HTML read as plain text, overlaps
        included: within a plain text node (see `ReadText.is_plain`), these are its candidates,
        as a node's edges are '<' or '>', which no word goes through."""
        return self._hits(_spaces(source))

    def _hits(self, text: str) -> list[Hit]:
        if not len(self._automaton):
            return []
        hits, size = [], len(text)
        for last, (length, slug, exact) in self._automaton.iter(_fold(text)):
            start, end = last - length + 1, last + 1
            if start > 0 and text[start - 1] not in _NOT_WORD and _is_word_char(text[start - 1]):
                continue
            if end < size and text[end] not in _NOT_WORD and _is_word_char(text[end]):
                continue
            if exact is not None and text[start:end] != exact:
                continue
            hits.append((start, end, slug))
        hits.sort(key=lambda hit: (hit[0], hit[0] - hit[1]))
        return hits

    def find_in_source(self, source: str) -> list[Match]:
        """Matches in raw text (Markdown or a text node), as offsets into `source`."""
        read = ReadText(source)
        return [
            Match(*read.source_span(match.start, match.end), match.slug)
            for match in self.find(read.text)
        ]


# -- walking the HTML ---------------------------------------------------------------------

RenderLink = Callable[[str, str], str]
"""(slug, text as HTML) -> the HTML of the link."""


class _Rewriter:
    """Rewrites the page's linkable text nodes; everything else is copied as it is."""

    def __init__(
        self,
        source: str,
        matcher: TermMatcher,
        render: RenderLink,
        own_slug: str | None,
        link_every: bool,
    ) -> None:
        self.source, self.matcher, self.render = source, matcher, render
        self.own_slug, self.link_every = own_slug, link_every
        self.linked_slugs: set[str] = set()
        self.result = LinkResult("")
        self._out: list[str] = []
        self._copied = 0
        # One pass of the automaton over the whole page first: only the text nodes where a
        # form occurs, or that read otherwise than written, are read at all.
        self._hits = matcher.page_hits(source)
        self._hit_starts = [hit[0] for hit in self._hits]
        # The furthest end of the hits up to each one: whether an earlier hit overlaps it.
        self._ends_so_far = list(accumulate((hit[1] for hit in self._hits), max))

    def run(self) -> LinkResult:
        outline = Outline(self.source, SKIP_TAGS, SKIP_CLASSES)
        if "data-begrip" in self.source:
            for attributes in outline.opening_tags("a"):
                mentioned = DATA_TERM.search(attributes)
                if mentioned:
                    slug = mentioned.group(1) or mentioned.group(2)
                    self.result.mentioned.add(html.unescape(slug))
        for start, end in self._nodes_to_read(outline):
            self._text(start, end)
        self._out.append(self.source[self._copied :])
        self.result.html = "".join(self._out)
        return self.result

    def _nodes_to_read(self, outline: Outline) -> Iterator[tuple[int, int]]:
        """The text nodes outside skipped elements that may hold a term, in page order: where
        a form occurs as written, and where the text reads otherwise (see `ReadText`).

        A generator: which hits are worth reading depends on what the nodes before linked."""
        read_otherwise = _PlacesReadOtherwise(self.source)
        position = index = 0
        while True:
            index = self._next_hit_to_read(position, index)
            place = read_otherwise.first_from(position)
            if index < len(self._hits):
                place = min(place, self._hits[index][0])
            if place >= len(self.source):
                return
            node, position = outline.locate(place)
            if node is not None:
                yield node

    def _next_hit_to_read(self, position: int, index: int) -> int:
        """The first hit at or after `position` that may still change the page.

        Most hits name a term the page already linked: only its first occurrence is linked,
        and it is already among the mentions. Such a hit is passed over without finding its
        text node, unless it overlaps another hit (the longest of them wins, so it matters).
        """
        index = bisect.bisect_left(self._hit_starts, position, index)
        while index < len(self._hits):
            slug = self._hits[index][2]
            settled = (slug == self.own_slug and slug in self.result.mentioned) or (
                not self.link_every and slug in self.linked_slugs
            )
            if not settled or self._overlaps(index):
                return index
            index += 1
        return index

    def _overlaps(self, index: int) -> bool:
        """Whether hit `index` overlaps an earlier or a later hit."""
        start, end, _ = self._hits[index]
        return (index > 0 and self._ends_so_far[index - 1] > start) or (
            index + 1 < len(self._hits) and self._hits[index + 1][0] < end
        )

    def _text(self, start: int, end: int) -> None:
        data = self.source[start:end]
        if ReadText.is_plain(data):
            matches = _leftmost_longest(self._hits, start, end)
        else:
            # Decoded or normalised, the text may match where the source does not.
            matches = [(m.start, m.end, m.slug) for m in self.matcher.find_in_source(data)]
        for match_start, match_end, slug in matches:
            self.result.mentioned.add(slug)
            if slug == self.own_slug:
                continue
            if slug in self.linked_slugs and not self.link_every:
                continue
            self.linked_slugs.add(slug)
            self._out.append(self.source[self._copied : start + match_start])
            self._out.append(self.render(slug, data[match_start:match_end]))
            self._copied = start + match_end
            self.result.linked += 1


class TermLinker:
    """Links the terms of a knowledge base in any page's HTML."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self.matcher = TermMatcher(terms)

    def link(
        self,
        html_text: str,
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
            result = _Rewriter(html_text, self.matcher, render_nothing, own_slug, True).run()
            return LinkResult(html_text, result.mentioned, 0)
        return _Rewriter(html_text, self.matcher, render, own_slug, link_every).run()
