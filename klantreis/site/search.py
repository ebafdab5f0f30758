"""The search index, built once per build from every page's text and the knowledge base.

The browser does no indexing: `assets/search-worker.js` receives word lists with a precomputed
weight per page and only combines them per query. Weights follow BM25F: a word in the title or
among a term's aliases counts far more than in the running text, and a word's weight in the text
is divided by the text's length, so a short page about a word beats a long page that mentions it.
"""

from __future__ import annotations

import html
import json
import math
import sys
from array import array
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content.knowledge import KnowledgeBase
from . import pages
from .dutch import STOP_WORDS, word_groups
from .search_text import page_text, phrase, word_counts

INDEX_VERSION = 1
# Field weights and length normalisation (BM25F).
# "about" is what the author wrote the page is about: a term's definition, a journey's description,
# sector and persona, a page's description and tags.
FIELDS = {
    "title": (12.0, 0.3), "names": (9.0, 0.3), "about": (4.0, 0.5), "headings": (3.0, 0.5),
    "body": (1.0, 0.75),
}
K1 = 6.0
# How much a whole-phrase match of a page's names adds: terms above phases above channels.
NAME_BOOST = {"term": 3.0, "phase": 2.5, "channel": 2.0, "journey": 1.5, "page": 1.5}
SCALE = 20  # weights are sent as integers: score x SCALE
SUMMARY_CHARS = 220


@dataclass
class SearchPage:
    """What the adapter knows of one built page."""

    src_uri: str
    location: str
    """The page's URL relative to the site root, as Material's search index writes it."""
    title: str
    html: str
    description: str = ""


@dataclass
class _Doc:
    """One page as the index needs it: word counts per field, not the page's HTML."""

    location: str
    title: str
    summary: str
    kind: str
    names: list[str]
    counts: dict[str, _Counts] = field(default_factory=dict)
    lengths: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class _Counts:
    """How often each word occurs in one field of one page, kept small: a build holds one per
    field of every page until the index is made. The words are interned, so each word's text is
    in memory once however many pages use it."""

    words: tuple[str, ...]
    numbers: array  # type: ignore[type-arg]

    @classmethod
    def of(cls, counted: dict[str, int]) -> _Counts:
        return cls(tuple(map(sys.intern, counted)), array("I", counted.values()))

    def items(self) -> zip[tuple[str, int]]:
        return zip(self.words, self.numbers, strict=True)


@dataclass(frozen=True)
class _Known:
    """What the knowledge base says of a generated or hand-written page."""

    kind: str
    names: list[str]
    """Its names, the first its title: a whole-name match in a query puts the page first."""
    summary: str = ""
    """The result text; the page's description when empty."""
    about: str = ""
    """More text on what the page is about, weighed above the running text."""
    searched_by: tuple[str, ...] = ()
    """Words a reader searches the page by (a guide's `aliases`): whole, they count as a name;
    word by word, as what the page is about, for they are many and loosely chosen."""


def _doc(page: SearchPage, kinds: dict[str, _Known]) -> _Doc:
    known = kinds.get(page.src_uri) or _Known("page", [page.title])
    text = page_text(page.html)
    summary = known.summary or page.description or text.body
    if len(summary) > SUMMARY_CHARS:
        summary = summary[:SUMMARY_CHARS].rsplit(" ", 1)[0] + " …"
    doc = _Doc(page.location, page.title, summary, known.kind, [*known.names, *known.searched_by])
    about = " ".join((known.summary or page.description, known.about, *known.searched_by))
    # Texts joined by a space: no word goes through one.
    fields = {
        "title": word_counts(page.title),
        "names": word_counts(" ".join(known.names[1:])),
        "about": word_counts(about),
        "headings": word_counts(" ".join(text.headings)),
        "body": word_counts(text.body),
    }
    doc.counts = {name: _Counts.of(counted) for name, counted in fields.items()}
    doc.lengths = {name: sum(counted.values()) for name, counted in fields.items()}
    return doc


class SearchIndexer:
    """Collects the pages of one build as they are rendered, then builds the index once."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._kinds = _kinds(kb)
        self.docs: list[_Doc] = []
        self._position: dict[str, int] = {}

    def use(self, kb: KnowledgeBase) -> None:
        """Take the knowledge base after a change (term definitions are result texts)."""
        self.kb, self._kinds = kb, _kinds(kb)

    def add(self, page: SearchPage) -> None:
        """Count the page's words (again, when the preview renders a page anew)."""
        # Counted now, so the build does not hold a second copy of every page's HTML.
        doc = _doc(page, self._kinds)
        if page.location in self._position:
            self.docs[self._position[page.location]] = doc
        else:
            self._position[page.location] = len(self.docs)
            self.docs.append(doc)

    def index(self) -> dict[str, Any]:
        return _index(self.docs)


def _kinds(kb: KnowledgeBase) -> dict[str, _Known]:
    """What each page is, named in its "about" field too: "fase aankoop", "klantreis coach"."""
    kinds: dict[str, _Known] = {}
    for term in kb.terms.values():
        kinds[pages.term_page(term.slug)] = _Known(
            "term", list(term.forms), term.description, "begrip")
    for phase in kb.phases:
        kinds[pages.phase_page(phase.id)] = _Known(
            "phase", [phase.name, phase.title, *phase.aliases], phase.goal, "fase")
    for channel in kb.channels.values():
        kinds[pages.channel_page(channel.id)] = _Known(
            "channel", [channel.name, *channel.aliases], channel.description, "kanaal")
    for journey in kb.journeys.values():
        # The persona's story is in the page's text; here only the short words that say what
        # the journey is about, so they are not drowned ("klantreis mode").
        kinds[pages.journey_page(journey.slug)] = _Known(
            "journey", [journey.title, journey.persona.name], journey.description,
            f"klantreis {journey.sector}")
    for page in kb.pages:
        if page.tags or page.aliases or page.is_article:
            label = "artikel" if page.is_article else ""
            about = " ".join((label, *page.tags))
            kinds[page.src_uri] = _Known(
                "page", [page.title], about=about, searched_by=page.aliases)
    return kinds


def _postings(
    docs: list[_Doc], groups: list[list[str]], vocabulary: list[str]
) -> list[array]:  # type: ignore[type-arg]
    """Per vocabulary word: [page gap, weight, page gap, weight, ...], BM25F over the fields.

    A word's rarity is that of all its forms together: "vergelijkt" on many pages and
    "vergelijking" on a few are one word to the reader, and weigh alike. Pages are numbered in
    order, so each word's pages come out sorted; they are sent as gaps, for a smaller file.
    """
    average = {
        name: max(1.0, sum(doc.lengths[name] for doc in docs) / max(1, len(docs)))
        for name in FIELDS
    }
    # Arrays, not a dict per word: this is the build's peak of memory (see benchmarks/).
    pages_of: dict[str, array] = defaultdict(lambda: array("I"))  # type: ignore[type-arg]
    tf_of: dict[str, array] = defaultdict(lambda: array("d"))  # type: ignore[type-arg]
    for number, doc in enumerate(docs):
        per_word: dict[str, float] = defaultdict(float)
        for name, (weight, b) in FIELDS.items():
            norm = 1 - b + b * doc.lengths[name] / average[name]
            for word, count in doc.counts[name].items():
                per_word[word] += weight * count / norm
        for word, tf in per_word.items():
            pages_of[word].append(number)
            tf_of[word].append(tf)
    found_on = {word: len(numbers) for word, numbers in pages_of.items()}
    for group in groups:
        pages_of_group = len(set().union(*(pages_of[word] for word in group)))
        found_on.update((word, pages_of_group) for word in group)
    total = len(docs)
    postings = []
    for word in vocabulary:
        idf = math.log(1 + (total - found_on[word] + 0.5) / (found_on[word] + 0.5))
        flat = array("I")  # not a list: Python numbers would be the build's peak of memory
        previous = 0
        for number, tf in zip(pages_of.pop(word), tf_of.pop(word), strict=True):
            flat.extend((number - previous,
                         max(1, round(SCALE * idf * tf * (K1 + 1) / (tf + K1)))))
            previous = number
        postings.append(flat)
    return postings


def _names_index(docs: list[_Doc]) -> dict[str, list[list[float]]]:
    """phrase key of every name -> [[doc number, boost], ...]."""
    names: dict[str, dict[int, float]] = defaultdict(dict)
    for number, doc in enumerate(docs):
        for position, name in enumerate(doc.names):
            key = phrase(name)
            if key:
                boost = NAME_BOOST[doc.kind] * (1.0 if position == 0 else 0.9)
                names[key][number] = max(names[key].get(number, 0.0), boost)
    return {key: [[number, boost] for number, boost in sorted(found.items())]
            for key, found in sorted(names.items())}


def build_index(search_pages: list[SearchPage], kb: KnowledgeBase) -> dict[str, Any]:
    """The index our search worker reads, and the documents Material's result list shows."""
    indexer = SearchIndexer(kb)
    for page in search_pages:
        indexer.add(page)
    return indexer.index()


def _index(docs: list[_Doc]) -> dict[str, Any]:
    vocabulary = sorted(
        {word for doc in docs for counts in doc.counts.values() for word in counts.words}
    )
    forms = word_groups(vocabulary)
    postings = _postings(docs, forms, vocabulary)
    number_of = {word: number for number, word in enumerate(vocabulary)}
    groups = [[number_of[w] for w in group] for group in forms]
    return {
        "docs": [
            {"location": doc.location, "title": html.escape(doc.title, quote=False),
             "text": html.escape(doc.summary, quote=False)}
            for doc in docs
        ],
        "index": {
            "version": INDEX_VERSION,
            "kinds": [doc.kind for doc in docs],
            "words": vocabulary,
            "postings": postings,
            "forms": groups,
            "names": _names_index(docs),
            "stop": sorted(STOP_WORDS),
        },
    }


def write_material_index(path: Path, material: dict[str, Any], built: dict[str, Any]) -> None:
    """Material's search_index.json with our documents and index in place of its own.

    Material's page script posts only `config` and `docs` of this file to the search worker,
    so our index travels inside `config` (tests/test_search_contract.py checks that). The
    postings are written word by word: as one JSON document of Python numbers they would be
    the build's peak of memory.
    """
    if not isinstance(material.get("config"), dict):
        raise ValueError("search_index.json van Material heeft geen 'config' meer")
    placeholder = "\x00postings\x00"
    index = {**built["index"], "postings": placeholder}
    document = {"config": {**material["config"], "klantreis": index}, "docs": built["docs"]}
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    head, tail = text.split(json.dumps(placeholder), 1)
    # Written beside and then moved in place: the preview serves this file while it is written.
    partial = path.with_name(path.name + ".deel")
    with partial.open("w", encoding="utf-8") as out:
        out.write(head + "[")
        for number, flat in enumerate(built["index"]["postings"]):
            out.write(("," if number else "") + "[" + ",".join(map(str, flat)) + "]")
        out.write("]" + tail)
    partial.replace(path)
