"""The engine as one object: the knowledge base, its pages, the linker and the backlinks.

The MkDocs adapter creates one `Engine` per build and calls it at each step; nothing here knows
about MkDocs.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content.errors import ContentError
from ..content.knowledge import KnowledgeBase
from . import pages
from .blocks import UnknownReference
from .citations import add_source_notes
from .html_stash import HtmlStash
from .linker import TermLinker
from .macro_calls import MacroCall
from .page_blocks import PAGE_MACROS, PageBlocks
from .render import Renderer
from .urls import Urls


@dataclass
class BuildStats:
    """Counts for the build summary."""

    pages: int = 0
    linked: int = 0


@dataclass
class Engine:
    """Serves one build: generated pages, macros per page, linking and backlinks."""

    kb: KnowledgeBase
    renderer: Renderer
    urls: Urls = field(default_factory=lambda: Urls({}))
    linker: TermLinker = field(init=False)
    mentions: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    """Term slug -> {page src_uri: page title} of every page that names the term."""
    stats: BuildStats = field(default_factory=BuildStats)
    link_cache: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Each term link's markup, rendered once per build (see `Blocks.link_parts`)."""
    problems: list[ContentError] = field(default_factory=list)
    """Content errors shown in the preview instead of stopping it (empty in a real build)."""
    html_stash: HtmlStash = field(default_factory=HtmlStash)
    """The generated pages' finished HTML while their Markdown is converted."""

    def __post_init__(self) -> None:
        self.linker = TermLinker(self.kb.terms.values())

    @classmethod
    def create(
        cls,
        kb: KnowledgeBase,
        icon_dirs: Iterable[Path] = (),
        problems: Iterable[ContentError] = (),
    ) -> Engine:
        return cls(kb, Renderer(icon_dirs), problems=list(problems))

    def has_problems_in(self, src_uri: str) -> bool:
        return any(problem.path.endswith("/" + src_uri) for problem in self.problems)

    def problems_banner(self) -> str:
        """The preview's red box listing every content error with its file and line."""
        return self.renderer.render(
            "problems.html", problems=[p for p in self.problems if not p.warning]
        )

    def generated_pages(self) -> list[pages.GeneratedPage]:
        generated = pages.generated_pages(self.kb)
        if self.problems:
            existing = {page.src_uri for page in generated}
            generated += pages.placeholder_pages((p.path for p in self.problems), existing)
        return generated

    def set_urls(self, url_of: Mapping[str, str]) -> None:
        """Called once all files are known, before any page is rendered."""
        self.urls = Urls(url_of)

    def blocks(self, page_src: str, stash: HtmlStash | None = None) -> PageBlocks:
        return PageBlocks(self.kb, self.urls, self.renderer, page_src, self.link_cache, stash)

    def glossary_data(self) -> str:
        """The script with every term's title and definition, which the tooltips read.

        One file instead of the definition in every link: pages stay small, and editing a
        definition changes this file and the pages that show it, not every page naming the term.
        """
        terms = {
            slug: {"titel": term.title, "uitleg": term.description}
            for slug, term in self.kb.terms.items()
        }
        return self.renderer.render("glossary_data.js", terms=terms)

    def fill_generated(self, markdown: str, page_src: str) -> str:
        """A generated page's Markdown with its blocks rendered in place of the placeholders."""
        if "<!-- kr:" not in markdown:
            return markdown
        # Only generated pages: a blog post's excerpt is converted again from its Markdown,
        # where nothing would put the blocks back.
        blocks = self.blocks(page_src, self.html_stash)

        def fill(placeholder: re.Match[str]) -> str:
            macro, argument = placeholder.group(1), placeholder.group(2)
            if macro not in PAGE_MACROS:
                return placeholder.group(0)
            return self._call(blocks, macro, (argument,) if argument else (), ())

        return pages.PLACEHOLDER.sub(fill, markdown)

    def restore_html(self, html: str) -> str:
        """A generated page's HTML with the blocks `fill_generated` kept out of Markdown."""
        return self.html_stash.restore(html)

    def render_calls(
        self, markdown: str, page_src: str, calls: list[MacroCall], keep_html: bool = False
    ) -> str:
        """The Markdown with each simple macro call replaced by its block (see macro_calls).

        With `keep_html` the blocks wait out Markdown in the stash, as on generated pages: a
        journey map is a large block of HTML that Python-Markdown would read tag by tag."""
        blocks = self.blocks(page_src, self.html_stash if keep_html else None)
        parts, position = [], 0
        for call in calls:
            parts.append(markdown[position : call.start])
            parts.append(self._call(blocks, call.name, call.args, call.kwargs))
            position = call.end
        parts.append(markdown[position:])
        return "".join(parts)

    def _call(self, blocks: PageBlocks, name: str, args: tuple[Any, ...], kwargs: Any) -> str:
        try:
            return str(getattr(blocks, name)(*args, **dict(kwargs)))
        except UnknownReference as error:
            if not self.problems:
                raise
            return str(blocks.missing(error))  # the preview shows it instead of stopping

    def add_source_notes(self, markdown: str, page_src: str) -> str:
        """The footnote text of every catalogue source the page cites."""
        if not self.kb.sources or "[^" not in markdown:
            return markdown
        return add_source_notes(markdown, self.kb.sources, self.blocks(page_src).source_note)

    def link_page(self, html: str, page_src: str, title: str, meta: Mapping[str, Any]) -> str:
        """Add tooltip links to a page's HTML and remember which terms it names."""
        blocks = self.blocks(page_src)
        result = self.linker.link(
            html,
            blocks.term_link,
            own_slug=meta.get("kr_begrip"),
            enabled=meta.get("begrippen_linken", True) is not False,
        )
        for slug in result.mentioned:
            if slug != meta.get("kr_begrip") and page_src != pages.TERM_INDEX:
                self.mentions[slug][page_src] = title
        self.stats.pages += 1
        self.stats.linked += result.linked
        return result.html

    def forget_mentions(self, page_srcs: Iterable[str]) -> dict[str, set[str]]:
        """Drop what these pages named (they are about to be linked again); return it."""
        forgotten: dict[str, set[str]] = {src: set() for src in page_srcs}
        for slug, named_on in self.mentions.items():
            for src in forgotten:
                if named_on.pop(src, None) is not None:
                    forgotten[src].add(slug)
        return forgotten

    def mentioned_on(self, page_src: str) -> set[str]:
        return {slug for slug, named_on in self.mentions.items() if page_src in named_on}

    def fill_backlinks(self, html: str, page_src: str, slug: str) -> str:
        """Put the 'Waar dit begrip voorkomt' list into a term page, once all pages are linked."""
        placeholder = f'<div class="kr-backlinks-plek" data-begrip="{slug}"></div>'
        if placeholder not in html:
            return html
        blocks = self.blocks(page_src)
        items = [
            {"href": blocks.href(src), "title": title}
            for src, title in sorted(
                self.mentions.get(slug, {}).items(), key=lambda item: item[1].casefold()
            )
        ]
        return html.replace(placeholder, self.renderer.render("backlinks.html", items=items))
