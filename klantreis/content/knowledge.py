"""The whole validated knowledge base and the indexes every page draws on, computed once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from .model import Channel, DocPage, Journey, JourneyModel, Phase, Source, StyleRule, Term
from .sources import YamlDocument


@dataclass(frozen=True)
class StageRef:
    """A stage of a journey, as listed on phase and channel pages."""

    journey: Journey
    index: int

    @property
    def stage(self):
        return self.journey.stages[self.index]

    @property
    def anchor(self) -> str:
        return self.journey.stage_anchor(self.index)


@dataclass(frozen=True)
class KnowledgeBase:
    """Validated content; the indexes below are derived from it once, never per page."""

    phases: tuple[Phase, ...]
    channels: dict[str, Channel]
    models: tuple[JourneyModel, ...]
    terms: dict[str, Term]
    journeys: dict[str, Journey]
    pages: tuple[DocPage, ...] = ()
    sources: dict[str, Source] = field(default_factory=dict)
    """The sources catalogue: where figures come from."""
    style: tuple[StyleRule, ...] = ()
    """The house style: preferred words and the forms to avoid."""
    documents: Mapping[str, YamlDocument] = field(default_factory=dict)
    """The YAML of every loaded file by path, for checks that report a line inside it."""
    citations: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Source id -> the files that show text citing it, pages with a model's macro included
    (set by the loader, which still has the page bodies; for the sources page)."""

    phase: dict[str, Phase] = field(init=False)
    stages_by_phase: dict[str, list[StageRef]] = field(init=False)
    stages_by_channel: dict[str, list[StageRef]] = field(init=False)
    terms_by_phase: dict[str, list[Term]] = field(init=False)
    pages_by_phase: dict[str, list[DocPage]] = field(init=False)
    related: dict[str, list[Term]] = field(init=False)
    """Related terms in both directions: declared by either side."""
    model_stages_by_phase: dict[str, list[tuple[JourneyModel, str]]] = field(init=False)

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "phase", {phase.id: phase for phase in self.phases})
        by_phase: dict[str, list[StageRef]] = defaultdict(list)
        by_channel: dict[str, list[StageRef]] = defaultdict(list)
        for journey in self.journeys.values():
            for index, stage in enumerate(journey.stages):
                ref = StageRef(journey, index)
                by_phase[stage.phase].append(ref)
                for channel in stage.channels:
                    by_channel[channel].append(ref)
        set_(self, "stages_by_phase", by_phase)
        set_(self, "stages_by_channel", by_channel)

        terms_by_phase: dict[str, list[Term]] = defaultdict(list)
        related: dict[str, set[str]] = defaultdict(set)
        for term in self.terms.values():
            for phase in term.phases:
                terms_by_phase[phase].append(term)
            # With `klantreis check`, a related term may have failed to load: leave it out.
            for other in (slug for slug in term.related if slug in self.terms):
                related[term.slug].add(other)
                related[other].add(term.slug)
        set_(self, "terms_by_phase", terms_by_phase)
        set_(
            self,
            "related",
            {
                slug: sorted((self.terms[s] for s in others), key=sort_key)
                for slug, others in related.items()
            },
        )

        pages_by_phase: dict[str, list[DocPage]] = defaultdict(list)
        for page in self.pages:
            for phase in page.phases:
                pages_by_phase[phase].append(page)
        for listed in pages_by_phase.values():
            listed.sort(key=lambda page: page.title.casefold())
        set_(self, "pages_by_phase", pages_by_phase)

        model_stages: dict[str, list[tuple[JourneyModel, str]]] = defaultdict(list)
        for model in self.models:
            for model_stage in model.stages:
                for phase in model_stage.phases:
                    model_stages[phase].append((model, model_stage.name))
        set_(self, "model_stages_by_phase", model_stages)

    def for_site(self) -> KnowledgeBase:
        """The knowledge base without what only the checks read: page bodies and YAML line maps.

        A build keeps its knowledge base to the end, and MkDocs keeps every page's Markdown
        itself; holding a second copy of every text would cost memory for nothing.
        """
        pages = tuple(page.model_copy(update={"body": ""}) for page in self.pages)
        return replace(self, pages=pages, documents={})

    @property
    def model_ids(self) -> set[str]:
        return {model.id for model in self.models}

    def neighbours(self, phase_id: str) -> tuple[Phase | None, Phase | None]:
        """The previous and next phase, for the phase pages' sequence."""
        index = [phase.id for phase in self.phases].index(phase_id)
        previous = self.phases[index - 1] if index > 0 else None
        following = self.phases[index + 1] if index + 1 < len(self.phases) else None
        return previous, following

    def channel_terms(self, channel: Channel) -> list[Term]:
        """The terms that name a channel (by its id or its name), for the channel's page."""
        names = {channel.id, channel.name.casefold()}
        return [
            term
            for term in self.terms.values()
            if term.slug in names or any(form.casefold() in names for form in term.forms)
        ]

    def channel_phase_matrix(self) -> list[tuple[Channel, list[bool]]]:
        """Rows of the channel x phase matrix: does the channel serve each phase?"""
        return [
            (channel, [phase.id in channel.phases for phase in self.phases])
            for channel in self.channels.values()
        ]


def sort_key(term: Term) -> str:
    """Alphabetical order for terms, ignoring case and accents well enough for Dutch."""
    return term.title.casefold()
