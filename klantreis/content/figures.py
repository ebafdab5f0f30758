"""Figures and their sources: every percentage, "N keer" or "N op de M" names where it comes from.

In Markdown a figure carries a footnote to a source of the catalogue (`[^id]`) in the same
paragraph or list item; in YAML the item around the text lists it under `bron:`. A worked
example with made-up numbers says so ("bijvoorbeeld", "stel dat", "rekenvoorbeeld") and needs
no source.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator

from .errors import ContentError, did_you_mean
from .knowledge import KnowledgeBase
from .texts import FOOTNOTE_DEFINITION, TextUnit, units

# "een keer" is no figure ("nog een keer"), "een op de tien" is.
MULTIPLES = "twee|drie|vier|vijf|zes|zeven|acht|negen|tien|twintig|honderd"
NUMBER_WORDS = f"een|één|{MULTIPLES}"
FIGURE = re.compile(
    r"(?<![\w-])\d+(?:[.,]\d+)?\s?(?:%|procent\b)"
    rf"|(?<![\w-])(?:\d+(?:[.,]\d+)?|{MULTIPLES})(?:\s+tot\s+\d+)?\s+(?:keer|maal)\b"
    rf"|(?<![\w-])(?:\d+|{NUMBER_WORDS})\s+op\s+de\s+(?:\d+|{NUMBER_WORDS})\b",
    re.IGNORECASE,
)
# Every figure has "%", "procent", "keer", "maal" or "op de": looking for those first, in the
# lowered text, spares the figure pattern almost every text (a digit alone is no figure).
MAYBE_FIGURE = re.compile(r"%|procent|keer|maal|op\s+de")
# The macros that show a model on a page: `{{ model("aida") }}` one, the comparison all.
MODEL_MACRO = re.compile(
    r"\{\{-?\s*(model|modellen_vergelijking)\s*\(\s*(?:(['\"])([^'\"]*)\2)?"
)
WORKED_EXAMPLE = re.compile(r"\b(?:bijvoorbeeld|stel dat|rekenvoorbeeld)", re.IGNORECASE)


def figures(text: str) -> Iterator[re.Match[str]]:
    """The figures in a text that need a source.

    A worked example announces itself ("stel dat ..."): figures from the sentence that says so
    to the end of the paragraph are made up; a figure before it is still a claim.
    """
    if not MAYBE_FIGURE.search(text.lower()):
        return
    example = WORKED_EXAMPLE.search(text)
    example_starts = _sentence_start(text, example.start()) if example else len(text)
    for match in FIGURE.finditer(text):
        if match.start() < example_starts:
            yield match


def _sentence_start(text: str, position: int) -> int:
    end_of_previous = max(text.rfind(mark, 0, position) for mark in (". ", "! ", "? ", "\n"))
    return end_of_previous + 1 if end_of_previous >= 0 else 0


def needs_source(text: str) -> bool:
    """Whether the text states a figure as a fact (and so must name a source)."""
    return next(figures(text), None) is not None


# What a Markdown body holds when a paragraph of it may need a source or cites one. The prose
# the check reads has code, macros and link targets blanked with spaces, which can only join "op"
# and "de" across them: hence the second "op".
MAY_NEED_CHECKING = re.compile(MAYBE_FIGURE.pattern + r"|op\s*[`{\]<]|\[\^")


def check_sources(kb: KnowledgeBase, only: Collection[str] | None = None) -> list[ContentError]:
    """Warnings for figures without a source and for footnotes to sources that do not exist."""
    bodies = [(path, body) for path, body in _bodies(kb) if only is None or path in only]
    # Most pages state no figure and cite nothing: those are not split into paragraphs at all.
    read = {path for path, body in bodies if MAY_NEED_CHECKING.search(body.lower())}
    read.update(path for path in kb.documents if only is None or path in only)
    return list(_check(units(kb, read), kb))


def _check(text_units: Iterable[TextUnit], kb: KnowledgeBase) -> Iterator[ContentError]:
    defined = _own_footnotes(kb)
    for unit in text_units:
        known = [cite for cite in unit.cites if cite in kb.sources]
        for cite in unit.cites:
            if cite not in kb.sources and cite not in defined.get(unit.path, ()):
                yield ContentError(
                    unit.path,
                    unit.line_at(unit.text.find(f"[^{cite}]")),
                    f"onbekende bron '{cite}'.",
                    did_you_mean(cite, kb.sources)
                    or "Zet de bron in journeys/_bronnen.yml of haal de voetnoot weg.",
                    warning=True,
                )
        if known:
            continue
        for match in figures(unit.text):
            yield ContentError(
                unit.path,
                unit.line_at(match.start()),
                f"het cijfer '{match.group(0)}' heeft geen bron.",
                _how_to_cite(unit.path),
                warning=True,
            )
            break  # one finding per paragraph: one footnote fixes them all


def citing_files(kb: KnowledgeBase) -> dict[str, list[str]]:
    """Source id -> the files that show text citing it, sorted: for the sources page.

    Those are the files whose text cites it, and the hand-written pages that show a model
    citing it through a macro (the model's text is in `_models.yml`, the reader meets it there).
    """
    citing: dict[str, set[str]] = {}
    for unit in units(kb):
        for cite in unit.cites:
            citing.setdefault(cite, set()).add(unit.path)
    shown = model_pages(kb)
    for model in kb.models:
        for cite in model.bron:
            citing.setdefault(cite, set()).update(shown.get(model.id, ()))
    return {source_id: sorted(paths) for source_id, paths in citing.items()}


def model_pages(kb: KnowledgeBase) -> dict[str, set[str]]:
    """Model id -> the files of the pages that show it: `model("id")`, `modellen_vergelijking()`.

    Read from the page bodies the loader holds (the site's copy of the knowledge base has none).
    """
    every = [model.id for model in kb.models]
    shown: dict[str, set[str]] = {}
    texts = [(page.path, page.body) for page in kb.pages if page.render_macros]
    texts += [(term.path, term.body) for term in kb.terms.values()]
    for path, body in texts:
        if "model" not in body:
            continue  # most pages show no model: one quick look suffices
        for match in MODEL_MACRO.finditer(body):
            if match.group(1) == "modellen_vergelijking":
                ids = every
            else:  # no constant id (a variable): which model it shows cannot be known here
                ids = [match.group(3)] if match.group(3) else []
            for model_id in ids:
                shown.setdefault(model_id, set()).add(path)
    return shown


def _how_to_cite(path: str) -> str:
    if path.endswith((".yml", ".yaml")):
        return (
            "Zet 'bron: [id]' bij dit item, met een id uit journeys/_bronnen.yml, of laat het "
            "cijfer weg."
        )
    return (
        "Zet in dezelfde alinea een voetnoot [^id] met een id uit journeys/_bronnen.yml, of laat "
        "het cijfer weg. Is het een verzonnen voorbeeld, zeg dat dan ('bijvoorbeeld')."
    )


def _own_footnotes(kb: KnowledgeBase) -> dict[str, set[str]]:
    """Footnotes a page defines itself (`[^1]: ...`): not sources, and not unknown either."""
    return {path: set(FOOTNOTE_DEFINITION.findall(body)) for path, body in _bodies(kb)}


def _bodies(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """(path, Markdown body) of every page and term."""
    return [
        *((page.path, page.body) for page in kb.pages),
        *((term.path, term.body) for term in kb.terms.values()),
    ]
