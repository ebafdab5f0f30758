"""The building blocks authors place with macros, and the generated pages made of them.

A `Blocks` object serves one page: every link it makes is relative to that page, so the site
works on any host, under a sub-path and from disk.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ..content.errors import did_you_mean
from ..content.figures import needs_source
from ..content.knowledge import KnowledgeBase, StageRef
from ..content.model import Journey, Source
from . import journey_map, pages
from .html_stash import HtmlStash
from .render import EMOTION_LABELS, Renderer
from .urls import Urls

AUTHOR_MACROS = (
    "begrip",
    "fase",
    "kanaal",
    "klantreis",
    "fase_sjabloon",
    "kanalen_van_fase",
    "begrippen_van_fase",
    "klantreis_kaart",
    "emotiecurve",
    "kanalenmatrix",
    "modellen_vergelijking",
    "model",
    "klantreizen_overzicht",
)
LINK_TEXT = "\x00"
"""Stands in for a link's text while its markup is rendered (never in page text)."""
LINK_HREF = "\x01"
"""Stands in for a link's address likewise (relative URLs contain nothing to escape)."""


class UnknownReference(ValueError):
    """A macro named a term, phase, channel or journey that does not exist."""

    def __init__(self, label: str, value: object, known: Any) -> None:
        self.value = value
        self.hint = did_you_mean(value, known)
        super().__init__(f"{label} '{value}'. {self.hint}".strip())


@dataclass(frozen=True)
class CurvePoint:
    number: int
    title: str
    phase: str
    emotion: int
    x: float
    y: float


class Blocks:
    """Renders blocks for the page `page_src`."""

    def __init__(
        self,
        kb: KnowledgeBase,
        urls: Urls,
        renderer: Renderer,
        page_src: str,
        link_cache: dict[str, tuple[str, str]] | None = None,
        stash: HtmlStash | None = None,
    ) -> None:
        self.kb, self.urls, self.renderer, self.page_src = kb, urls, renderer, page_src
        self.link_cache = {} if link_cache is None else link_cache
        self.stash = stash
        """Where finished HTML waits out the Markdown conversion (see html_stash), if given."""

    # -- helpers -------------------------------------------------------------------------

    def href(self, target_src: str, anchor: str = "") -> str:
        return self.urls.link(target_src, self.page_src, anchor)

    def _render(self, name: str, /, **context: Any) -> Markup:
        html = Markup(self.renderer.render(name, cite=self.cite, **context))
        if self.stash is not None and name.endswith(".html"):
            return self.stash.put(html)
        return html

    def cite(self, text: str, item: Any) -> Markup:
        """YAML text, escaped, with a marker to its sources when it states a figure."""
        if not item.bron or not needs_source(text):
            return Markup.escape(text)
        sources = [
            {"source": self.kb.sources[source_id], "href": self.source_href(source_id)}
            for source_id in item.bron
        ]
        marker = self.renderer.render("source_marker.html", sources=sources).rstrip("\n")
        return Markup.escape(text) + Markup(marker)

    def source_href(self, source_id: str) -> str:
        return self.href(pages.SOURCES_INDEX, f"bron-{source_id}")

    def source_note(self, source: Source) -> str:
        """The text of a source's footnote on this page."""
        return self.renderer.render(
            "source_note.html", source=source, href=self.source_href(source.id)
        ).rstrip("\n")

    def _term(self, slug: str):
        if slug not in self.kb.terms:
            raise UnknownReference("onbekend begrip", slug, self.kb.terms)
        return self.kb.terms[slug]

    def _phase(self, phase_id: str):
        if phase_id not in self.kb.phase:
            raise UnknownReference("onbekende fase", phase_id, self.kb.phase)
        return self.kb.phase[phase_id]

    def _channel(self, channel_id: str):
        if channel_id not in self.kb.channels:
            raise UnknownReference("onbekend kanaal", channel_id, self.kb.channels)
        return self.kb.channels[channel_id]

    def _journey(self, slug: str) -> Journey:
        if slug not in self.kb.journeys:
            raise UnknownReference("onbekende klantreis", slug, self.kb.journeys)
        return self.kb.journeys[slug]

    def _stage_items(self, refs: list[StageRef], note: Any = None) -> list[dict[str, Any]]:
        return [
            {
                "href": self.href(pages.journey_page(ref.journey.slug), ref.anchor),
                "journey": ref.journey.persona.name,
                "title": ref.stage.title,
                "note": note(ref) if note else "",
            }
            for ref in refs
        ]

    def _phase_hrefs(self) -> dict[str, str]:
        return {phase.id: self.href(pages.phase_page(phase.id)) for phase in self.kb.phases}

    def term_link(self, slug: str, text: str) -> str:
        """The tooltip link for a term; `text` is already HTML (escaped page text)."""
        opening, closing = self.link_parts(slug)
        return opening.replace(LINK_HREF, self.href(pages.term_page(slug)), 1) + text + closing

    def link_parts(self, slug: str) -> tuple[str, str]:
        """The markup before and after a term link's text, with `LINK_HREF` for its address.

        Rendered once per term and build (kept in `self.link_cache`): a long page links dozens
        of terms and a build thousands, and a template render costs more than the whole match.
        """
        if slug not in self.link_cache:
            link = self.renderer.render(
                "term_link.html",
                term=self.kb.terms[slug],
                href=Markup(LINK_HREF),
                text=Markup(LINK_TEXT),
            )
            opening, _, closing = link.rstrip("\n").partition(LINK_TEXT)
            self.link_cache[slug] = (opening, closing)
        return self.link_cache[slug]

    # -- links for authors ---------------------------------------------------------------

    def begrip(self, slug: str, tekst: str | None = None) -> Markup:
        term = self._term(slug)
        return Markup(self.term_link(slug, str(Markup.escape(tekst or term.title))))

    def fase(self, phase_id: str, tekst: str | None = None) -> Markup:
        phase = self._phase(phase_id)
        return self._ref("fase", pages.phase_page(phase_id), tekst or phase.title, phase_id)

    def kanaal(self, channel_id: str, tekst: str | None = None) -> Markup:
        channel = self._channel(channel_id)
        return self._ref("kanaal", pages.channel_page(channel_id), tekst or channel.name)

    def klantreis(self, slug: str, tekst: str | None = None) -> Markup:
        journey = self._journey(slug)
        return self._ref("klantreis", pages.journey_page(slug), tekst or journey.title)

    def _ref(self, kind: str, target: str, text: str, phase: str = "") -> Markup:
        return Markup(
            self._render(
                "ref_link.html", kind=kind, href=self.href(target), text=text, phase=phase
            ).rstrip("\n")
        )

    # -- blocks for authors --------------------------------------------------------------

    def fase_sjabloon(self, phase_id: str) -> Markup:
        return self._render("phase_template.html", phase=self._phase(phase_id))

    def kanalen_van_fase(self, phase_id: str) -> Markup:
        phase = self._phase(phase_id)
        rows = []
        for channel in self.kb.channels.values():
            refs = [
                ref
                for ref in self.kb.stages_by_channel.get(channel.id, ())
                if ref.stage.phase == phase_id
            ]
            if phase_id in channel.phases or refs:
                rows.append(
                    {
                        "channel": channel,
                        "href": self.href(pages.channel_page(channel.id)),
                        "role": channel.phases.get(phase_id, "—"),
                        "stages": self._stage_items(refs),
                    }
                )
        return self._render("phase_channels.html", phase=phase, rows=rows)

    def begrippen_van_fase(self, phase_id: str) -> Markup:
        self._phase(phase_id)
        return self._term_list(self.kb.terms_by_phase.get(phase_id, []))

    def _term_list(self, terms: list[Any]) -> Markup:
        items = [{"term": term, "href": self.href(pages.term_page(term.slug))} for term in terms]
        return self._render("term_list.html", terms=items)

    def klantreis_kaart(self, slug: str) -> Markup:
        journey = self._journey(slug)
        runs = journey_map.phase_bands(journey)
        bands = [
            {
                "phase": self.kb.phase[phase],
                "count": count,
                "href": self.href(pages.phase_page(phase)),
            }
            for phase, _, count in runs
        ]
        band_of = [index for index, (_, _, count) in enumerate(runs) for _ in range(count)]
        columns = [
            {
                "stage": stage,
                "number": index + 1,
                "anchor": journey.stage_anchor(index),
                "band": band_of[index],
            }
            for index, stage in enumerate(journey.stages)
        ]
        return self._render(
            "journey_map.html",
            journey=journey,
            bands=bands,
            columns=columns,
            lanes=journey_map.lanes(journey, self._channel_link),
            online_labels=journey_map.ONLINE_LABELS,
            evidence_labels=journey_map.EVIDENCE_LABELS,
            level_class=journey_map.level_class,
            has_after=any(stage.emotion_to_be is not None for stage in journey.stages),
            shared_evidence=journey_map.shared_evidence(journey),
        )

    def _channel_link(self, channel_id: str) -> dict[str, str]:
        return {
            "name": self.kb.channels[channel_id].name,
            "href": self.href(pages.channel_page(channel_id)),
        }

    def kansen(self, slug: str) -> Markup:
        """The journey's opportunities, ranked and in an impact x effort grid."""
        journey = self._journey(slug)
        stage_links = {
            index + 1: {"href": f"#{journey.stage_anchor(index)}", "title": stage.title}
            for index, stage in enumerate(journey.stages)
        }
        ranked = journey_map.ranked(journey.opportunities)
        return self._render(
            "opportunities.html",
            journey=journey,
            ranked=ranked,
            grid=journey_map.impact_effort_grid(ranked),
            stages=stage_links,
            impact_labels=journey_map.IMPACT_LABELS,
            effort_labels=journey_map.EFFORT_LABELS,
            effort_columns=journey_map.EFFORT_COLUMNS,
        )

    def emotiecurve(self, slug: str) -> Markup:
        journey = self._journey(slug)
        step, left, top, unit = 72, 110, 20, 30
        points = [
            CurvePoint(
                index + 1,
                stage.title,
                stage.phase,
                stage.emotion,
                left + 20 + index * step,
                top + (2 - stage.emotion) * unit,
            )
            for index, stage in enumerate(journey.stages)
            if stage.emotion is not None
        ]
        after = [  # a stage without an after-value breaks the dashed line
            [(left + 20 + index * step, top + (2 - value) * unit) for index, value in run]
            for run in journey_map.runs([stage.emotion_to_be for stage in journey.stages])
        ]
        levels = [
            {
                "value": value,
                "y": top + (2 - value) * unit,
                "label": EMOTION_LABELS[value],
            }
            for value in (2, 1, 0, -1, -2)
        ]
        width = left + 40 + max(len(journey.stages) - 1, 1) * step
        return self._render(
            "emotion_curve.html",
            id=f"curve-{journey.slug}",
            points=points,
            after=after,
            levels=levels,
            width=width,
            height=top + 4 * unit + 40,
            left=left,
            persona=journey.persona.name,
        )

    def kanalenmatrix(self) -> Markup:
        rows = [
            {
                "channel": channel,
                "href": self.href(pages.channel_page(channel.id)),
                "cells": list(zip(self.kb.phases, serves, strict=True)),
                "count": sum(serves),
            }
            for channel, serves in self.kb.channel_phase_matrix()
        ]
        return self._render(
            "channel_matrix.html", phases=self.kb.phases, rows=rows, phase_hrefs=self._phase_hrefs()
        )

    def modellen_vergelijking(self) -> Markup:
        rows = []
        for model in self.kb.models:
            cells: dict[str, list[str]] = defaultdict(list)
            for stage in model.stages:
                for phase in stage.phases:
                    cells[phase].append(stage.name)
            rows.append({"model": model, "cells": [cells[phase.id] for phase in self.kb.phases]})
        return self._render(
            "models_table.html", phases=self.kb.phases, rows=rows, phase_hrefs=self._phase_hrefs()
        )

    def model(self, model_id: str) -> Markup:
        """One model as its authors describe it, from the same data as the comparison table."""
        models = {model.id: model for model in self.kb.models}
        if model_id not in models:
            raise UnknownReference("onbekend model", model_id, models)
        model = models[model_id]
        stages = [
            {
                "name": stage.name,
                "phases": [
                    {"phase": self.kb.phase[p], "href": self.href(pages.phase_page(p))}
                    for p in stage.phases
                ],
            }
            for stage in model.stages
        ]
        return self._render("model_card.html", model=model, stages=stages)

    def klantreizen_overzicht(self) -> Markup:
        rows = []
        for journey in self.kb.journeys.values():
            covered = {stage.phase for stage in journey.stages}
            rows.append(
                {
                    "journey": journey,
                    "href": self.href(pages.journey_page(journey.slug)),
                    "phases": [phase for phase in self.kb.phases if phase.id in covered],
                }
            )
        return self._render("journeys_overview.html", rows=rows)

    def fasestrook(self, current: list[str], is_phase_page: bool = False) -> Markup:
        return self._render(
            "phase_strip.html",
            phases=self.kb.phases,
            current=set(current),
            hrefs=self._phase_hrefs(),
            is_phase_page=is_phase_page,
        )

    def missing(self, error: UnknownReference) -> Markup:
        """A visible marker in the preview where a macro names something that does not exist."""
        return self._render("missing.html", error=error)
