"""Structured data (JSON-LD) for search engines, built from what the engine knows of a page."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from ..content.knowledge import KnowledgeBase
from .pages import TERM_INDEX, term_page


@dataclass(frozen=True)
class PageFacts:
    """What the adapter tells us about the page being written."""

    src_uri: str
    url: str
    """Absolute URL (canonical)."""
    title: str
    description: str
    breadcrumbs: list[tuple[str, str]] = field(default_factory=list)
    """(title, absolute URL) from the home page down to this page."""
    term: str | None = None
    published: str | None = None
    """ISO date of an article."""
    authors: list[str] = field(default_factory=list)


def structured_data(facts: PageFacts, kb: KnowledgeBase, url_of: Any) -> list[dict[str, Any]]:
    """The JSON-LD objects for one page; `url_of(src_uri)` gives absolute URLs."""
    items: list[dict[str, Any]] = []
    if facts.term and facts.term in kb.terms:
        term = kb.terms[facts.term]
        items.append(
            {
                "@context": "https://schema.org",
                "@type": "DefinedTerm",
                "name": term.title,
                "description": term.description,
                "url": facts.url,
                "termCode": term.slug,
                "alternateName": list(term.aliases),
                "inDefinedTermSet": {
                    "@type": "DefinedTermSet",
                    "name": "Begrippen van A tot Z",
                    "url": url_of(TERM_INDEX),
                },
            }
        )
    if facts.src_uri == TERM_INDEX:
        items.append(
            {
                "@context": "https://schema.org",
                "@type": "DefinedTermSet",
                "name": "Begrippen van A tot Z",
                "url": facts.url,
                "inLanguage": "nl",
                "hasDefinedTerm": [
                    {
                        "@type": "DefinedTerm",
                        "name": term.title,
                        "description": term.description,
                        "url": url_of(term_page(term.slug)),
                    }
                    for term in kb.terms.values()
                ],
            }
        )
    if facts.published:
        items.append(
            {
                "@context": "https://schema.org",
                "@type": "Article",
                "headline": facts.title,
                "description": facts.description,
                "datePublished": facts.published,
                "inLanguage": "nl",
                "url": facts.url,
                "mainEntityOfPage": facts.url,
                "author": [{"@type": "Person", "name": name} for name in facts.authors],
            }
        )
    if len(facts.breadcrumbs) > 1:
        items.append(
            {
                "@context": "https://schema.org",
                "@type": "BreadcrumbList",
                "itemListElement": [
                    {"@type": "ListItem", "position": index, "name": name, "item": url}
                    for index, (name, url) in enumerate(facts.breadcrumbs, start=1)
                ],
            }
        )
    return items


def json_ld(data: dict[str, Any]) -> Markup:
    """JSON that is safe inside <script>: '<', '>' and '&' from the sources become escapes."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
