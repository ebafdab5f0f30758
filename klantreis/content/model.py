"""The content model: one validated class per kind of source file.

Loading (`loader.py`) turns files into these objects once; every later stage trusts them.
Field names are the keys the consultant writes, so a docstring here documents the file format.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo
from pydantic_core import PydanticCustomError

from .errors import did_you_mean

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
PHASE_IDS = ("aandacht", "overweging", "aankoop", "service", "loyaliteit")

Text = Annotated[str, StringConstraints(strip_whitespace=True)]
Required = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]

REFERENCE_LABELS = {
    "sources": "onbekende bron",
    "phases": "onbekende fase",
    "channels": "onbekend kanaal",
    "terms": "onbekend begrip",
}


def _known(kind: str):
    """A validator that checks a reference against the ids in the validation context.

    The loader passes the catalogue as context, so every unknown id is reported in the same
    pass as the other problems of the file, each on its own line.
    """

    def check(value: str, info: ValidationInfo) -> str:
        known = (info.context or {}).get(kind)
        if known is not None and value not in known:
            raise PydanticCustomError(
                "unknown_reference",
                "{label} '{value}'.",
                {
                    "label": REFERENCE_LABELS[kind],
                    "value": value,
                    "hint": did_you_mean(value, known),
                },
            )
        return value

    return AfterValidator(check)


PhaseRef = Annotated[str, _known("phases")]
ChannelRef = Annotated[str, _known("channels")]
TermRef = Annotated[str, _known("terms")]
SourceRef = Annotated[str, _known("sources")]


class Strict(BaseModel):
    """Shared settings: unknown keys are errors, values are not coerced, objects are frozen."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, strict=True, use_attribute_docstrings=True
    )


class Source(Strict):
    """A study, report or article that facts and figures come from (`journeys/_bronnen.yml`)."""

    id: Slug
    """Lowercase slug, used in footnotes (`[^id]`) and in `bron:` lists."""
    title: Required
    """The title of the study or article."""
    publisher: Required
    """Who published it: the organisation, the website or the author."""
    year: Annotated[int, Field(ge=1900, le=2100)] | None = None
    """The year it appeared; leave it out when the source gives none (the site then says so)."""
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    """The address, when there is one."""
    note: Text = ""
    """What a reader should know about it, e.g. that it names no study behind its figures."""


class StyleRule(Strict):
    """One word for one thing: the form to write and the forms to avoid (`journeys/_stijl.yml`)."""

    preferred: Required
    """The form the knowledge base uses ("social media")."""
    avoid: list[Required] = Field(min_length=1)
    """Forms that mean the same and are not used ("sociale media")."""
    note: Text = ""
    """Why, for the consultant."""


Cites = list[SourceRef]
"""Source ids for figures in the text of a YAML item (`bron: [id]`)."""


class Phase(Strict):
    """One of the five phases of the customer journey, with the per-phase template."""

    id: Slug
    """Fixed id: aandacht, overweging, aankoop, service or loyaliteit."""
    name: Required
    """Short name, also the blog category of articles in this phase ("Aandacht")."""
    title: Required
    """Page title ("Aandacht & oriëntatie")."""
    icon: Text = "material/circle-outline"
    """A Material bundled icon id, e.g. material/eye-outline."""
    goal: Required
    """The company's goal in this phase."""
    wants: Text = ""
    """What the customer wants."""
    thinks: Text = ""
    """What the customer thinks."""
    feels: Text = ""
    """What the customer feels."""
    contact: Text = ""
    """How you make contact in this phase."""
    content: Text = ""
    """Which content and channels work here."""
    measure: list[Required] = []
    """How you measure this phase (KPIs)."""
    bron: Cites = []
    """Sources of the figures in this item's text."""


class Channel(Strict):
    """A channel through which a customer meets the company (website, winkel, webinar ...)."""

    id: Slug
    """Lowercase slug, used in journeys (`channels: [website]`)."""
    name: Required
    """Dutch display name."""
    online: bool
    """True for online channels, false for offline ones."""
    description: Required
    """One or two sentences about the channel."""
    phases: dict[PhaseRef, Required] = {}
    """Phase id -> the role this channel plays in that phase."""
    bron: Cites = []
    """Sources of the figures in this item's text."""


class ModelStage(Strict):
    """A stage of a journey model (AIDA's Attention ...) and the phases it matches."""

    name: Required
    phases: list[PhaseRef] = Field(min_length=1)
    """Our phase ids this stage corresponds to."""


class JourneyModel(Strict):
    """A customer-journey model from the literature, mapped onto our five phases."""

    id: Slug
    name: Required
    origin: Text = ""
    """Who made the model, and when ("McKinsey & Company, 2009")."""
    shape: Literal["trechter", "lus", "cirkel", "lijn", "geen"] | None = None
    """How its authors draw the journey: a funnel, a loop, a circle, a line, or no shape."""
    description: Text = ""
    differs: Text = ""
    """Where a popular description differs from what its authors say."""
    stages: list[ModelStage] = Field(min_length=1)
    bron: Cites = []
    """Sources of the figures in this item's text."""


class Persona(Strict):
    """Who travels the journey."""

    name: Required
    about: Text = ""
    """Who they are."""
    goal: Text = ""
    """What they want."""


class Stage(Strict):
    """One step of a journey; the lanes of the map are its fields."""

    phase: PhaseRef
    """Phase id."""
    title: Required
    channels: list[ChannelRef] = []
    """Channel ids from the channel catalogue."""
    online: bool | None = None
    """True = online, false = offline, absent = unknown."""
    does: Text = ""
    thinks: Text = ""
    feels: Text = ""
    emotion: Annotated[int, Field(ge=-2, le=2)] | None = None
    """-2 (very negative) .. 2 (very positive)."""
    needs: Text = ""
    expectations: Text = ""
    pain_points: list[Required] = []
    improvements: list[Required] = []
    kpis: list[Required] = []
    bron: Cites = []
    """Sources of the figures in this stage's text."""


class JourneyFile(Strict):
    """The contents of `journeys/<slug>.yml`."""

    title: Required
    description: Text = ""
    sector: Text = ""
    persona: Persona
    stages: list[Stage] = Field(min_length=1)
    ending: Text = ""
    """How the journey ends when it stops before the last phase ("zegt het abonnement op")."""
    bron: Cites = []
    """Sources of the figures in the journey's own text (description, persona)."""


class Journey(JourneyFile):
    """A validated journey with its identity."""

    slug: str
    path: str

    def stage_anchor(self, index: int) -> str:
        """The anchor of stage `index` (0-based); phase and channel pages link to it."""
        return f"stap-{index + 1}"


class TermFrontMatter(Strict):
    """The front matter of `glossary/<slug>.md`."""

    title: Required
    aliases: list[Required] = []
    """Synonyms, spelled-out and inflected forms ("conversies", "CTA's")."""
    description: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)
    ]
    """One sentence (at most 300 characters): the tooltip and the page's meta description."""
    phases: list[PhaseRef] = []
    related: list[TermRef] = []
    """Slugs of related terms."""
    bron: Cites = []
    """Sources of figures in the description (figures in the body get footnotes)."""


class Term(TermFrontMatter):
    """A validated glossary term with its explanation."""

    slug: str
    path: str
    body: str
    body_line: int

    @property
    def forms(self) -> list[str]:
        """Every word that names this term: the title first, then the aliases."""
        return [self.title, *self.aliases]


class DocPage(BaseModel):
    """What the engine needs to know of a hand-written page under `docs/`."""

    model_config = ConfigDict(frozen=True)

    src_uri: str
    """Path relative to docs/, posix."""
    path: str
    """Path relative to the project root."""
    title: str
    description: str = ""
    phases: tuple[str, ...] = ()
    is_article: bool = False
    draft: bool = False
    date: datetime.date | None = None
    tags: tuple[str, ...] = ()
    body: str = ""
    body_line: int = 1
    render_macros: bool = True
