"""Dutch word forms for search: which words of the index are forms of one another.

Only words that occur in the index are ever grouped, so no invented stem ("prij" for "prijs")
can reach a reader. The same rules run in `assets/search-worker.js` for a query word that is
not in the index ("offertes" when only "offerte" occurs).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from .search_text import fold, words_of

VOWELS = "aeiou"


def _stop_words() -> frozenset[str]:
    """spaCy's Dutch stop words (vendored in stop_words_nl.txt, MIT), our additions below.

    Entries with an apostrophe are left out: "zo'n" would become the index word "zon" (sun).
    """
    text = (Path(__file__).parent / "stop_words_nl.txt").read_text(encoding="utf-8")
    listed = (line.strip() for line in text.splitlines() if not line.startswith("#"))
    return frozenset(word for word in listed if word and "'" not in fold(word)) | EXTRA_STOP_WORDS


# Spoken forms spaCy's list lacks ("hoe doe je", "kun je") and the English glue words of the
# loan terms ("call to action"). They still count inside a whole-phrase match.
EXTRA_STOP_WORDS = words_of("doe ga gaat kun a an and for in is of on or the to with")
# Words that carry no meaning of their own in a query ("hoe", "waarom", "een"): they do not
# rank, unless a query has nothing else.
STOP_WORDS = _stop_words()


# The length of a base form that is not itself a word of the index, for it to group words.
SHARED_BASE = 6


def _consonant(char: str) -> bool:
    return char.isalpha() and char not in VOWELS


def _stem_forms(stem: str, *, voiced: bool = False) -> list[str]:
    """A stem as Dutch spells it alone: stapp -> stap, sprak -> spraak, reiz -> reis."""
    if voiced and stem.endswith("z"):
        stem = stem[:-1] + "s"  # reizen -> reis
    elif voiced and stem.endswith("v"):
        stem = stem[:-1] + "f"  # bedrijven -> bedrijf
    n = len(stem)
    if n > 2 and stem[-1] == stem[-2] and _consonant(stem[-1]):
        return [stem[:-1]]  # stappen -> stap
    if n > 2 and _consonant(stem[-1]) and stem[-2] in VOWELS and _consonant(stem[-3]):
        return [stem, stem[:-1] + stem[-2] + stem[-1]]  # afspraken -> afspraak
    return [stem]


def _inflections(word: str) -> list[str]:
    """Plural, diminutive and adjective endings: reviews, klantjes, fasen, loyale."""
    forms: list[str] = []
    if word.endswith("heden"):
        forms.append(word[:-5] + "heid")  # mogelijkheden -> mogelijkheid
    if word.endswith("ieen"):
        forms.append(word[:-2])  # categorieen (categorieën) -> categorie
    elif word.endswith("s") and not word.endswith(("ss", "is", "us")):
        forms.append(word[:-1])  # conversies -> conversie, reviews -> review
    if word.endswith(("tje", "tjes")):
        forms.append(word[: word.rindex("tje")])  # klantje -> klant
    if word.endswith("en") and len(word) > 4:
        forms.append(word[:-1])  # fasen -> fase
        forms += _stem_forms(word[:-2], voiced=True)
    if word.endswith("e") and len(word) > 4 and _consonant(word[-2]):
        forms.append(word[:-1])  # loyale -> loyal (grouped only if "loyal" is a word)
    return forms


def _derivations(word: str) -> list[str]:
    """Words made from another: vindbaarheid, vergelijking, bezoeker, oudere, zorgt."""
    forms: list[str] = []
    if word.endswith("heid") and len(word) > 6:
        forms.append(word[:-4])  # vindbaarheid -> vindbaar
    if word.endswith("ing") and len(word) > 5:
        forms.append(word[:-3] + "en")  # betaling -> betalen
        if len(word) > 7:
            forms += _stem_forms(word[:-3])  # coaching -> coach (but korting is not kort)
    if word.endswith("ere") and len(word) > 5:
        forms += _stem_forms(word[:-3])  # oudere -> oud
    elif word.endswith("er") and len(word) > 6:
        forms += _stem_forms(word[:-2])  # bezoeker -> bezoek (but letter is not let)
    elif word.endswith("ers") and len(word) > 7:
        forms += _stem_forms(word[:-3])  # bezoekers -> bezoek
    if word.endswith("t") and len(word) > 4 and _consonant(word[-2]) and word[-2] != "t":
        forms.append(word[:-1])  # zorgt -> zorg, terugkomt -> terugkom
    return forms


def base_forms(word: str) -> list[str]:
    """Candidate singular or stem forms of a Dutch word, most likely first (not checked)."""
    if len(word) < 4 or not word.isalpha():
        return []
    seen: list[str] = []
    for form in _inflections(word) + _derivations(word):
        if len(form) > 2 and form != word and form not in seen:
            seen.append(form)
    return seen


def word_groups(vocabulary: Iterable[str]) -> list[list[str]]:
    """Groups of two or more index words that are forms of one word, e.g. [klant, klanten].

    Two words are one group when one is a base form of the other, or when both have the same
    base form, even one that is not a word of the index ("terugkomt" and "terugkomen" share
    "terugkom"), if that base form is long enough not to join words by chance ("kaart" and
    "karen" share "kaar").
    A stop word is never a base form: "meten" belongs with "meet", not with "met".
    """
    known = set(vocabulary)
    parent: dict[str, str] = {}

    def root(word: str) -> str:
        while parent.get(word, word) != word:
            word = parent[word]
        return word

    for word in sorted(known):
        for form in base_forms(word):
            if (form in known or len(form) >= SHARED_BASE) and form not in STOP_WORDS:
                parent[root(word)] = root(form)
    groups: dict[str, list[str]] = defaultdict(list)
    for word in sorted(known):
        groups[root(word)].append(word)
    return sorted(group for group in groups.values() if len(group) > 1)
