"""Text for the search index: a page's HTML to plain text, and Dutch words to index tokens.

The tokenizer here and the one in `assets/search-worker.js` must agree word for word; the
browser tests type real queries against the index this module builds.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser


def words_of(text: str) -> frozenset[str]:
    """A set written as a text of words separated by spaces."""
    return frozenset(text.split())


# Elements whose end is a break between words: without a space there, "Ook geschreven als"
# followed by "livechat" would become one word "alslivechat".
BLOCK_TAGS = words_of(
    "address article aside blockquote br dd details div dl dt figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th "
    "thead tr ul"
)
HEADING_TAGS = words_of("h2 h3 h4 h5 h6")
# Never text: code for the browser, drawings, and the permalink sign after each heading.
SKIP_TAGS = words_of("script style svg template button")
# Navigation-like parts of a page that name other pages: indexing them would let a term page
# match every related term. Footnote and source markers are noise between the words.
SKIP_CLASSES = words_of(
    "headerlink kr-begrippenlijst kr-backlinks kr-backlinks-plek kr-bron footnote-ref "
    "footnote-backref kr-fasestrook"
)
VOID_TAGS = words_of("area base br col embed hr img input link meta source track wbr")


@dataclass
class PageText:
    """What a reader reads on a page, split into the parts search weighs differently."""

    headings: list[str] = field(default_factory=list)
    body: str = ""


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_depth = 0
        self.stack: list[tuple[str, bool]] = []
        self.parts: list[str] = []
        self.heading: list[str] | None = None
        self.headings: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK_TAGS:
            self._break()
        if tag in VOID_TAGS:
            return
        classes = set((dict(attrs).get("class") or "").split())
        skip = (
            tag in SKIP_TAGS
            or bool(classes & SKIP_CLASSES)
            or any(name == "data-search-exclude" for name, _ in attrs)
            or (tag == "sup" and (dict(attrs).get("id") or "").startswith("fnref"))
        )
        self.stack.append((tag, skip))
        if skip:
            self.skip_depth += 1
        if tag in HEADING_TAGS and not self.skip_depth:
            self.heading = []

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS or not any(open_tag == tag for open_tag, _ in self.stack):
            return
        while self.stack:
            open_tag, skip = self.stack.pop()
            if skip:
                self.skip_depth -= 1
            if open_tag == tag:
                break
        if tag in HEADING_TAGS and self.heading is not None:
            self.headings.append(" ".join("".join(self.heading).split()))
            self.heading = None
        if tag in BLOCK_TAGS:
            self._break()

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        self.parts.append(data)
        if self.heading is not None:
            self.heading.append(data)

    def _break(self) -> None:
        self.parts.append(" ")
        if self.heading is not None:
            self.heading.append(" ")


def page_text(html: str) -> PageText:
    """The headings and the whole text of a page's HTML, words never glued across elements."""
    extractor = _Extractor()
    extractor.feed(html)
    extractor.close()
    body = " ".join("".join(extractor.parts).split())
    return PageText(headings=[h for h in extractor.headings if h], body=body)


# -- words ----------------------------------------------------------------------------------

# A word: letters and digits, with apostrophes inside ("CTA's", "zo'n"). Hyphens and slashes
# join words into a compound ("e-mailmarketing", "A/B-test"), indexed whole and in parts.
_COMPOUND = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*(?:[-/][a-z0-9]+(?:'[a-z0-9]+)*)*")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})


def fold(text: str) -> str:
    """Lower case without accents: "Categorieën" and "categorieen" are the same word."""
    text = unicodedata.normalize("NFD", text.translate(_APOSTROPHES).lower())
    return "".join(char for char in text if not unicodedata.combining(char))


def _word(part: str) -> str:
    """One index word: "cta's" -> "cta", "zo'n" -> "zon"."""
    if part.endswith("'s"):
        part = part[:-2]
    return part.replace("'", "")


def words(text: str) -> list[str]:
    """The index words of a text, in order; a compound gives its parts, then the whole."""
    result: list[str] = []
    for match in _COMPOUND.finditer(fold(text)):
        parts = [_word(part) for part in re.split(r"[-/]", match.group())]
        result.extend(part for part in parts if len(part) > 1 or part.isdigit())
        if len(parts) > 1:
            result.append("".join(parts))
    return result


def phrase(text: str) -> str:
    """A name as one key for whole-phrase matching: "Mond-tot-mond reclame" -> "mondtotmond..."."""
    return "".join(_word(part) for part in re.split(r"[^a-z0-9']+", fold(text)) if part)
