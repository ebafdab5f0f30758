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


def _consonant(char: str) -> bool:
    return char.isalpha() and char not in VOWELS


def base_forms(word: str) -> list[str]:
    """Candidate singular or stem forms of a Dutch word, most likely first (not checked)."""
    forms: list[str] = []
    if len(word) < 4 or not word.isalpha():
        return forms
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
        stem = word[:-2]
        if word.endswith("zen"):
            stem = stem[:-1] + "s"  # reizen -> reis
        elif word.endswith("ven"):
            stem = stem[:-1] + "f"  # bedrijven -> bedrijf
        n = len(stem)
        if n > 2 and stem[-1] == stem[-2] and _consonant(stem[-1]):
            stem = stem[:-1]  # stappen -> stap
        elif n > 2 and _consonant(stem[-1]) and stem[-2] in VOWELS and _consonant(stem[-3]):
            forms.append(stem)
            stem = stem[:-1] + stem[-2] + stem[-1]  # afspraken -> afspraak
        forms.append(stem)
    if word.endswith("e") and len(word) > 4 and _consonant(word[-2]):
        forms.append(word[:-1])  # loyale -> loyal (grouped only if "loyal" is a word)
    seen: list[str] = []
    for form in forms:
        if len(form) > 2 and form != word and form not in seen:
            seen.append(form)
    return seen


def word_groups(vocabulary: Iterable[str]) -> list[list[str]]:
    """Groups of two or more index words that are forms of one word, e.g. [klant, klanten]."""
    known = set(vocabulary)
    groups: dict[str, set[str]] = defaultdict(set)
    for word in sorted(known):
        base = next((form for form in base_forms(word) if form in known), None)
        if base is not None:
            base = next((form for form in base_forms(base) if form in known), base)
            groups[base].update((base, word))
    return [sorted(group) for _, group in sorted(groups.items()) if len(group) > 1]
