"""Which pages a saved file can change: the preview renders those again and nothing else.

The rules are deliberately coarse and on the safe side. A change the engine can trace (a term's
definition or explanation, a journey's stages, the text of a page) names the pages that show
that content; anything else (a new, removed or renamed file, a changed title or alias, a
catalogue, the front matter of a page) asks for a full build. Backlinks follow separately: the
linker reports which terms the re-rendered pages name, and the term pages whose list of
mentions changed are rendered again too. tests/test_preview.py compares the outcome with a
clean build, page by page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..content.knowledge import KnowledgeBase
from ..content.model import DocPage, Journey, Term
from . import pages
from .macro_calls import simple_calls

LINK_MACROS = frozenset({"begrip", "fase", "kanaal", "klantreis"})
"""Macros that render only a link (slug and title): their pages do not show content."""


@dataclass(frozen=True)
class Plan:
    """What to render again after a save."""

    pages: frozenset[str] = frozenset()
    """Source paths (relative to docs/) of the pages to render again."""
    full: str = ""
    """Why everything must be built again; empty when `pages` suffices."""
    articles: bool = False
    """An article changed: the blog's lists of articles show its excerpt."""


def plan_update(old: KnowledgeBase, new: KnowledgeBase, changed: Iterable[str]) -> Plan:
    """The pages that `changed` (paths relative to the project) can have changed."""
    found: set[str] = set()
    articles = False
    for path in sorted(changed):
        folder, _, name = path.partition("/")
        if folder == "glossary":
            reason = _term(old, new, name.rpartition(".")[0], found)
        elif folder == "journeys" and not name.startswith("_"):
            reason = _journey(old, new, name.rpartition(".")[0], found)
        elif folder == "docs":
            reason, is_article = _page(old, new, path, found)
            articles = articles or is_article
        else:
            reason = f"{path} is geen begrip, klantreis of pagina"
        if reason:
            return Plan(full=reason)
    if old.citations != new.citations:
        found.add(pages.SOURCES_INDEX)
    return Plan(frozenset(found), articles=articles)


def _term(old: KnowledgeBase, new: KnowledgeBase, slug: str, found: set[str]) -> str:
    before, after = old.terms.get(slug), new.terms.get(slug)
    if before is None or after is None:
        return f"begrip {slug} is nieuw of verdwenen"
    if _names_and_links(before) != _names_and_links(after):
        return f"de titel, aliassen, fasen of verwante begrippen van {slug} zijn veranderd"
    found.add(pages.term_page(slug))
    found.update(_pages_with_blocks(new))
    if before.description == after.description:
        return ""  # the explanation is on the term's own page only
    # Every page that shows the term's definition: besides its own, the A-Z index, its phases,
    # the related terms' pages and the channels it names.
    found.add(pages.TERM_INDEX)
    found.update(pages.phase_page(phase) for phase in after.phases)
    found.update(pages.term_page(term.slug) for term in new.related.get(slug, []))
    found.update(
        pages.channel_page(channel.id)
        for channel in new.channels.values()
        if after in new.channel_terms(channel)
    )
    return ""


def _names_and_links(term: Term) -> tuple[object, ...]:
    # What the linker, the indexes and other pages derive from a term besides its texts.
    return (term.title, tuple(term.aliases), tuple(term.phases), tuple(term.related))


def _journey(old: KnowledgeBase, new: KnowledgeBase, slug: str, found: set[str]) -> str:
    before, after = old.journeys.get(slug), new.journeys.get(slug)
    if before is None or after is None:
        return f"klantreis {slug} is nieuw of verdwenen"
    if before.title != after.title:
        return f"de titel van klantreis {slug} is veranderd (die staat in de navigatie)"
    found.add(pages.journey_page(slug))
    found.update(_pages_with_blocks(new))
    if _shown_elsewhere(before) != _shown_elsewhere(after):
        found.add(pages.JOURNEY_INDEX)
        found.update(pages.phase_page(phase.id) for phase in new.phases)
        found.update(
            pages.channel_page(channel) for channel in _channels(before) | _channels(after)
        )
    return ""


def _shown_elsewhere(journey: Journey) -> tuple[object, ...]:
    """What other pages show of a journey: the overview its persona and description, phase and
    channel pages each stage's title, number and place. An edit of what the customer does,
    thinks or feels changes the journey's own page only."""
    return (
        journey.description,
        journey.persona,
        journey.sector,
        tuple((stage.phase, stage.title, tuple(stage.channels)) for stage in journey.stages),
    )


def _channels(journey: Journey) -> set[str]:
    return {channel for stage in journey.stages for channel in stage.channels}


def _page(old: KnowledgeBase, new: KnowledgeBase, path: str, found: set[str]) -> tuple[str, bool]:
    before, after = _doc(old, path), _doc(new, path)
    if before is None or after is None:
        return f"{path} is nieuw of verdwenen", False
    if before.front_matter != after.front_matter:
        return f"de front matter van {path} is veranderd", False
    found.add(after.src_uri)
    return "", after.is_article


def _doc(kb: KnowledgeBase, path: str) -> DocPage | None:
    return next((page for page in kb.pages if page.path == path), None)


def _pages_with_blocks(kb: KnowledgeBase) -> set[str]:
    """Hand-written pages whose macros show content from the sources, not only a link."""
    shown = set()
    for page in kb.pages:
        if "{{" not in page.body and "{%" not in page.body:
            continue
        calls = simple_calls(page.body)
        if calls is None or any(call.name not in LINK_MACROS for call in calls):
            shown.add(page.src_uri)
    return shown
