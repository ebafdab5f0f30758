"""Text for the search index: a page's HTML to plain text, and Dutch words to index tokens.

The tokenizer here and the one in `assets/search-worker.js` must agree word for word; the
browser tests type real queries against the index this module builds.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser


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


@dataclass
class PageText:
    """What a reader reads on a page, split into the parts search weighs differently."""

    headings: list[str] = field(default_factory=list)
    body: str = ""


# CSS selectors of the above, for lexbor.
_SKIPPED = ", ".join(
    [
        *sorted(SKIP_TAGS),
        *(f".{name}" for name in sorted(SKIP_CLASSES)),
        "[data-search-exclude]",
        'sup[id^="fnref"]',
    ]
)
_BLOCKS = ", ".join(sorted(BLOCK_TAGS))
_HEADINGS = ", ".join(sorted(HEADING_TAGS))


def page_text(source: str) -> PageText:
    """The headings and the whole text of a page's HTML, words never glued across elements.

    Parsed by lexbor (selectolax), a C parser: the index reads every page of a build.
    """
    tree = LexborHTMLParser(f"<body>{source}</body>")
    for node in tree.css(_SKIPPED):
        node.decompose()
    for node in tree.css(_BLOCKS):
        node.insert_before(" ")
        node.insert_after(" ")
    headings = [" ".join(node.text(separator="").split()) for node in tree.css(_HEADINGS)]
    body = " ".join(tree.body.text(separator="").split()) if tree.body else ""
    return PageText(headings=[text for text in headings if text], body=body)


# -- words ----------------------------------------------------------------------------------

# A word: letters and digits, with apostrophes inside ("CTA's", "zo'n"). Hyphens and slashes
# join words into a compound ("e-mailmarketing", "A/B-test"), indexed whole and in parts.
_COMPOUND = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*(?:[-/][a-z0-9]+(?:'[a-z0-9]+)*)*")
_ACCENTS = re.compile("[\u0300-\u036f]")
_SEPARATORS = re.compile(r"[-/]")
_APOSTROPHES = ("\u2019", "\u2018", "`", "\u00b4")


def fold(text: str) -> str:
    """Lower case without accents: "Categorieën" and "categorieen" are the same word.

    The same as the worker's `fold`: NFD, then the combining accents U+0300-U+036F dropped.
    """
    for apostrophe in _APOSTROPHES:  # str.replace: str.translate reads each character
        if apostrophe in text:
            text = text.replace(apostrophe, "'")
    text = text.lower()
    if text.isascii():
        return text
    return _ACCENTS.sub("", unicodedata.normalize("NFD", text))


def _word(part: str) -> str:
    """One index word: "cta's" -> "cta", "zo'n" -> "zon"."""
    if part.endswith("'s"):
        part = part[:-2]
    return part.replace("'", "")


def words(text: str) -> list[str]:
    """The index words of a text, in order; a compound gives its parts, then the whole."""
    result: list[str] = []
    for found in _COMPOUND.findall(fold(text)):
        if found.isalnum() and len(found) > 1:
            result.append(found)  # mostly one plain word
        else:
            result.extend(_words_of(found))
    return result


# Every ASCII character that no word holds, as a space: split on these, plain ASCII text gives
# its words far faster than the pattern finds them (the compounds are then looked at alone).
_NOT_IN_WORDS = {
    code: " " for code in range(128) if not (chr(code).isalnum() or chr(code) in "'-/")
}


def word_counts(text: str) -> dict[str, int]:
    """How often each index word occurs in a text: `Counter(words(text))`, with each distinct
    token looked at once (the search index reads every word of every page)."""
    folded = fold(text)
    if folded.isascii():
        tokens = Counter(folded.translate(_NOT_IN_WORDS).split())
    else:
        tokens = Counter(_COMPOUND.findall(folded))
    counts = {
        token: count
        for token, count in tokens.items()
        if token.isalnum() and (len(token) > 1 or token.isdigit())
    }
    for token, count in tokens.items():
        if token.isalnum():
            continue
        for found in _COMPOUND.findall(token):  # "cta's", "a/b-test", or a stray "-" or "'"
            for word in _words_of(found):
                counts[word] = counts.get(word, 0) + count
    return counts


def _words_of(found: str) -> list[str]:
    """The index words of one match of the word pattern."""
    if "-" not in found and "/" not in found:
        word = found if found.isalnum() else _word(found)
        return [word] if len(word) > 1 or word.isdigit() else []
    parts = [_word(part) for part in _SEPARATORS.split(found)]
    return [*(part for part in parts if len(part) > 1 or part.isdigit()), "".join(parts)]


def phrase(text: str) -> str:
    """A name as one key for whole-phrase matching: "Mond-tot-mond reclame" -> "mondtotmond..."."""
    return "".join(_word(part) for part in re.split(r"[^a-z0-9']+", fold(text)) if part)
