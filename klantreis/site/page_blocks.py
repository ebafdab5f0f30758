"""The pages the engine generates, each rendered by one page macro from the building blocks."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from markupsafe import Markup

from . import journey_map, pages, worksheet
from .blocks import Blocks
from .urls import relative_url

PAGE_MACROS = (
    "_kr_fasen_pagina",
    "_kr_begrippen_pagina",
    "_kr_kanalen_pagina",
    "_kr_klantreizen_pagina",
    "_kr_werkblad_pagina",
    "_kr_bronnen_pagina",
    "_kr_fase_pagina",
    "_kr_kanaal_pagina",
    "_kr_klantreis_pagina",
    "_kr_begrip_kop",
    "_kr_begrip_voet",
)

# What to write in a lane of the worksheet, where the lane's name alone does not say it.
WORKSHEET_HINTS = {
    "emotion": "−2 tot +2, nu en na verbetering",
    "quotes": "letterlijk",
    "evidence": "aanname, interview, data of observatie",
    "online": "online, offline of allebei",
    "duration": "hoe lang",
    "backstage": "processen, systemen, mensen",
}


class PageBlocks(Blocks):
    """Blocks plus the page macros behind the generated pages (phases, terms, channels ...)."""

    def _kr_fasen_pagina(self) -> Markup:
        items = [
            {"phase": phase, "href": self.href(pages.phase_page(phase.id))}
            for phase in self.kb.phases
        ]
        body = self._render(
            "pages/phases_index.md",
            strip=self.fasestrook([]),
            phases=items,
            matrix=self.kanalenmatrix(),
        )
        return Markup(body + "\n## Fasen in andere modellen\n\n" + self.modellen_vergelijking())

    def _kr_fase_pagina(self, phase_id: str) -> Markup:
        phase = self._phase(phase_id)
        previous, following = self.kb.neighbours(phase_id)
        models: dict[str, dict[str, Any]] = {}
        for model, stage_name in self.kb.model_stages_by_phase.get(phase_id, []):
            models.setdefault(model.id, {"model": model, "stages": []})["stages"].append(stage_name)
        page_items = [
            {
                "href": self.href(page.src_uri),
                "title": page.title,
                "description": page.description,
                "date": page.date,
            }
            for page in self.kb.pages_by_phase.get(phase_id, [])
            if page.src_uri in self.urls
        ]
        return self._render(
            "pages/phase.md",
            strip=self.fasestrook([phase_id], is_phase_page=True),
            template=self.fase_sjabloon(phase_id),
            channels=self.kanalen_van_fase(phase_id),
            stages=self._render(
                "stage_list.html",
                items=self._stage_items(self.kb.stages_by_phase.get(phase_id, [])),
                empty="Nog geen klantreis heeft een stap in deze fase.",
            ),
            terms=self.begrippen_van_fase(phase_id),
            pages=self._render(
                "page_list.html",
                items=page_items,
                empty="Nog geen artikelen of gidsen over deze fase.",
            ),
            models=list(models.values()),
            models_href=self.href(pages.PHASE_INDEX),
            previous=self._neighbour(previous),
            following=self._neighbour(following),
            phase=phase,
        )

    def _neighbour(self, phase: Any) -> dict[str, Any] | None:
        return {"phase": phase, "href": self.href(pages.phase_page(phase.id))} if phase else None

    def _kr_begrippen_pagina(self) -> Markup:
        by_letter: dict[str, list[Any]] = defaultdict(list)
        for term in self.kb.terms.values():
            first = term.title[:1].upper()
            by_letter[first if first.isalpha() else "#"].append(term)
        groups = [
            {
                "letter": letter,
                "anchor": letter.lower() if letter != "#" else "overig",
                "list": self._term_list(terms),
            }
            for letter, terms in sorted(by_letter.items())
        ]
        return self._render("pages/term_index.md", groups=groups, count=len(self.kb.terms))

    def _kr_begrip_kop(self, slug: str) -> Markup:
        term = self._term(slug)
        phases = [
            {"id": p, "name": self.kb.phase[p].name, "href": self.href(pages.phase_page(p))}
            for p in term.phases
        ]
        head = self._render(
            "pages/term_head.html",
            term=term,
            phases=phases,
            strip=self.fasestrook(list(term.phases)) if term.phases else "",
        )
        return self._render("pages/term_head.md", head=head)

    def _kr_begrip_voet(self, slug: str) -> Markup:
        term = self._term(slug)
        index_href = self.href(pages.TERM_INDEX)
        foot = self._render("pages/term_foot.html", term=term, index_href=index_href)
        return self._render(
            "pages/term_foot.md", related=self._term_list(self.kb.related.get(slug, [])), foot=foot
        )

    def _kr_kanalen_pagina(self) -> Markup:
        items = [
            {"channel": channel, "href": self.href(pages.channel_page(channel.id))}
            for channel in self.kb.channels.values()
        ]
        return self._render(
            "pages/channels_index.md", channels=items, matrix=self.kanalenmatrix(), count=len(items)
        )

    def _kr_kanaal_pagina(self, channel_id: str) -> Markup:
        channel = self._channel(channel_id)
        phases = [
            {
                "phase": phase,
                "role": channel.phases[phase.id],
                "href": self.href(pages.phase_page(phase.id)),
            }
            for phase in self.kb.phases
            if phase.id in channel.phases
        ]
        refs = self.kb.stages_by_channel.get(channel_id, [])
        stages = self._render(
            "stage_list.html",
            items=self._stage_items(refs, lambda ref: self.kb.phase[ref.stage.phase].name),
            empty="Nog geen klantreis gebruikt dit kanaal.",
        )
        terms = self.kb.channel_terms(channel)
        return self._render(
            "pages/channel.md",
            channel=channel,
            phases=phases,
            stages=stages,
            terms=self._term_list(terms),
            index_href=self.href(pages.CHANNEL_INDEX),
        )

    def _kr_klantreizen_pagina(self) -> Markup:
        return self._render(
            "pages/journeys_index.md",
            overview=self.klantreizen_overzicht(),
            worksheet_href=self.href(pages.WORKSHEET),
            starter_href=self.href(pages.STARTER_FILE),
        )

    def _kr_klantreis_pagina(self, slug: str) -> Markup:
        journey = self._journey(slug)
        covered = sorted({stage.phase for stage in journey.stages})
        return self._render(
            "pages/journey.md",
            journey=journey,
            strip=self.fasestrook(covered),
            map=self.klantreis_kaart(slug),
            opportunities=self.kansen(slug) if journey.opportunities else "",
        )

    def _kr_werkblad_pagina(self) -> Markup:
        return self._render(
            "pages/worksheet.md",
            phases=self.kb.phases,
            lanes=[
                {
                    "label": label,
                    "hint": WORKSHEET_HINTS.get(key, ""),
                    "backstage": key in journey_map.BACKSTAGE_LANES,
                    "first_backstage": key == "backstage",
                }
                for key, label, _ in journey_map.LANES
            ],
            columns_per_phase=2,
            opportunity_rows=4,
            fields=worksheet.form_fields(self.kb),
            scripts=[self._asset(script) for script in worksheet.SCRIPTS],
            stylesheet=self._asset(worksheet.STYLESHEET),
            phase_href=self._link_pattern(pages.phase_page, list(self.kb.phase)),
            channel_href=self._link_pattern(pages.channel_page, list(self.kb.channels)),
        )

    def _asset(self, path: str) -> str:
        """A link to a static file of the site (its URL is its path), from this page."""
        return relative_url(path, self.urls.url(self.page_src))

    def _link_pattern(self, page_of: Any, ids: list[str]) -> str:
        """The link from this page to the page of an id, with '{id}' in the id's place (for the
        map the worksheet draws in the browser); empty when there is no such page."""
        if not ids or page_of(ids[0]) not in self.urls:
            return ""
        head, _, tail = self.href(page_of(ids[0])).rpartition(ids[0])
        return f"{head}{{id}}{tail}"

    def _kr_bronnen_pagina(self) -> Markup:
        items = [
            {"source": source, "used": self._pages_showing(self.kb.citations.get(source.id, ()))}
            for source in sorted(self.kb.sources.values(), key=lambda s: s.title.casefold())
        ]
        return self._render("pages/sources.md", sources=items)

    def _pages_showing(self, paths: Iterable[str]) -> list[dict[str, str]]:
        shown: dict[str, dict[str, str]] = {}
        for path in paths:
            src_uri = pages.page_of_file(path, self.kb)
            if src_uri and src_uri in self.urls and src_uri not in shown:
                shown[src_uri] = {"href": self.href(src_uri), "title": self._title_of(src_uri)}
        return sorted(shown.values(), key=lambda item: item["title"].casefold())

    def _title_of(self, src_uri: str) -> str:
        for page in self.kb.pages:
            if page.src_uri == src_uri:
                return page.title
        for term in self.kb.terms.values():
            if pages.term_page(term.slug) == src_uri:
                return term.title
        for journey in self.kb.journeys.values():
            if pages.journey_page(journey.slug) == src_uri:
                return journey.title
        return {pages.PHASE_INDEX: "De vijf fasen", pages.CHANNEL_INDEX: "Kanalen"}.get(
            src_uri, src_uri
        )
