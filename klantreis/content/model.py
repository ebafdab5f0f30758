"""The content model: one validated class per kind of source file.

Loading (`loader.py`) turns files into these objects once; every later stage trusts them.
Field names are the keys the consultant writes, so a docstring here documents the file format.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
)
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
    "phase_names": "onbekende categorie",
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


def _listed(kind: str) -> Any:
    """Marks a reference for the JSON Schema, which lists that catalogue's ids as an enum."""
    return Field(json_schema_extra={REFERENCE_MARK: kind})


# The JSON Schema (`schema.py`) replaces this mark by the ids of the catalogue.
REFERENCE_MARK = "x-klantreis-catalogus"
PhaseRef = Annotated[str, _known("phases"), _listed("phases")]
ChannelRef = Annotated[str, _known("channels"), _listed("channels")]
TermRef = Annotated[str, _known("terms"), _listed("terms")]
SourceRef = Annotated[str, _known("sources"), _listed("sources")]
PhaseName = Annotated[str, _known("phase_names"), _listed("phase_names")]
"""An article's category: the name of a phase ("Aandacht"), as Material's blog shows it."""


class Strict(BaseModel):
    """Shared settings: unknown keys are errors, values are not coerced, objects are frozen.

    Field docstrings are the descriptions in the JSON Schema, so they are Dutch and written for
    the consultant; `title` is the short Dutch label an editor or form shows.
    """

    model_config = ConfigDict(
        extra="forbid", frozen=True, strict=True, use_attribute_docstrings=True
    )


def _dutch(title: str, description: str) -> ConfigDict:
    """The Dutch name and explanation of a kind of item, for the JSON Schema."""
    return ConfigDict(title=title, json_schema_extra={"description": description})


def _online(value: Any) -> bool | str:
    # One rule with one message, where `bool | Literal["mixed"]` would give one error per type.
    if isinstance(value, bool) or value == "mixed":
        return value
    raise PydanticCustomError("online_value", "online: true, false of mixed.")


Online = Annotated[
    bool | str,
    PlainValidator(_online),
    WithJsonSchema({"enum": [True, False, "mixed"]}),
]
Score = Annotated[int, Field(ge=1, le=3)]
Emotion = Annotated[int, Field(ge=-2, le=2)]


class Source(Strict):
    """A study, report or article that facts and figures come from (`journeys/_bronnen.yml`)."""

    model_config = _dutch("Bron", "Een onderzoek, rapport of artikel waar cijfers uit komen.")

    id: Slug = Field(title="Id")
    """Korte naam in kleine letters en koppeltekens, voor voetnoten ([^id]) en bron: [id]."""
    title: Required = Field(title="Titel")
    """De titel van het onderzoek of artikel."""
    publisher: Required = Field(title="Uitgever")
    """Wie het publiceerde: de organisatie, de website of de auteur."""
    year: Annotated[int, Field(ge=1900, le=2100)] | None = Field(None, title="Jaar")
    """Het jaar waarin het verscheen. Laat weg als de bron geen jaar noemt."""
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = Field(
        None, title="Adres"
    )
    """Het webadres, als dat er is (begint met http:// of https://)."""
    note: Text = Field("", title="Opmerking")
    """Wat een lezer moet weten, bijvoorbeeld dat de bron geen onderzoek noemt."""


class StyleRule(Strict):
    """One word for one thing: the form to write and the forms to avoid (`journeys/_stijl.yml`)."""

    model_config = _dutch("Stijlregel", "Eén woord voor één ding: welke vorm je schrijft.")

    preferred: Required = Field(title="Schrijf")
    """De vorm die de kennisbank gebruikt, zoals "social media"."""
    avoid: list[Required] = Field(min_length=1, title="Vermijd")
    """Vormen die hetzelfde betekenen en die je niet gebruikt, zoals "sociale media"."""
    note: Text = Field("", title="Waarom")
    """Waarom deze keuze."""


Cites = list[SourceRef]
"""Source ids for figures in the text of a YAML item (`bron: [id]`)."""
CITES_HELP = "Id's uit journeys/_bronnen.yml voor de cijfers in de tekst van dit item."


class Phase(Strict):
    """One of the five phases of the customer journey, with the per-phase template."""

    model_config = _dutch("Fase", "Een van de vijf fasen van de klantreis, met het sjabloon.")

    id: Slug = Field(title="Id")
    """Vaste id: aandacht, overweging, aankoop, service of loyaliteit."""
    name: Required = Field(title="Naam")
    """Korte naam, ook de categorie van artikelen in deze fase ("Aandacht")."""
    title: Required = Field(title="Titel")
    """Titel van de fasepagina ("Aandacht & oriëntatie")."""
    aliases: list[Required] = Field([], title="Ook genoemd")
    """Andere woorden voor deze fase die lezers gebruiken, zoals bewustwording of nazorg. De
    zoekfunctie vindt de fasepagina ook onder deze woorden; de pagina noemt ze bovenaan."""
    icon: Text = Field("material/circle-outline", title="Icoon")
    """Een icoon van Material, zoals material/eye-outline."""
    goal: Required = Field(title="Doel")
    """Het doel van het bedrijf in deze fase."""
    wants: Text = Field("", title="Wil")
    """Wat de klant wil."""
    thinks: Text = Field("", title="Denkt")
    """Wat de klant denkt."""
    feels: Text = Field("", title="Voelt")
    """Wat de klant voelt."""
    contact: Text = Field("", title="Contact")
    """Hoe je in deze fase contact maakt."""
    content: Text = Field("", title="Content")
    """Welke content en kanalen hier werken."""
    measure: list[Required] = Field([], title="Meten")
    """Hoe je deze fase meet (KPI's), als lijst."""
    bron: Cites = Field([], title="Bronnen", description=CITES_HELP)


class Channel(Strict):
    """A channel through which a customer meets the company (website, winkel, webinar ...)."""

    model_config = _dutch("Kanaal", "Een kanaal waarlangs de klant het bedrijf tegenkomt.")

    id: Slug = Field(title="Id")
    """Korte naam in kleine letters en koppeltekens, voor klantreizen (channels: [website])."""
    name: Required = Field(title="Naam")
    """De naam zoals hij op de site staat."""
    aliases: list[Required] = Field([], title="Ook genoemd")
    """Andere woorden voor dit kanaal die lezers gebruiken, zoals videobellen voor een
    videogesprek. De zoekfunctie vindt de kanaalpagina ook onder deze woorden."""
    online: bool = Field(title="Online")
    """true voor een online kanaal, false voor een offline kanaal."""
    description: Required = Field(title="Beschrijving")
    """Een of twee zinnen over het kanaal."""
    phases: dict[PhaseRef, Required] = Field({}, title="Rol per fase")
    """Per fase-id één zin over de rol van het kanaal in die fase."""
    bron: Cites = Field([], title="Bronnen", description=CITES_HELP)


class ModelStage(Strict):
    """A stage of a journey model (AIDA's Attention ...) and the phases it matches."""

    model_config = _dutch("Modelstap", "Een stap van een model en de fasen die erbij passen.")

    name: Required = Field(title="Naam")
    """De naam van de stap in het model, zoals Attention."""
    phases: list[PhaseRef] = Field(min_length=1, title="Fasen")
    """De fasen van deze kennisbank waarmee deze stap overeenkomt."""


class JourneyModel(Strict):
    """A customer-journey model from the literature, mapped onto our five phases."""

    model_config = _dutch("Model", "Een model van de klantreis uit de literatuur.")

    id: Slug = Field(title="Id")
    """Korte naam in kleine letters en koppeltekens, zoals aida."""
    name: Required = Field(title="Naam")
    """De naam van het model."""
    origin: Text = Field("", title="Herkomst")
    """Wie het model maakte, en wanneer ("McKinsey & Company, 2009")."""
    shape: Literal["trechter", "lus", "cirkel", "lijn", "geen"] | None = Field(None, title="Vorm")
    """Hoe de makers de reis tekenen: trechter, lus, cirkel, lijn of geen."""
    description: Text = Field("", title="Beschrijving")
    """Een of twee zinnen over het model."""
    differs: Text = Field("", title="Wat anders is")
    """Waar een populaire beschrijving afwijkt van wat de makers zeggen."""
    stages: list[ModelStage] = Field(min_length=1, title="Stappen")
    """De stappen van het model in hun eigen volgorde."""
    bron: Cites = Field([], title="Bronnen", description=CITES_HELP)


class Persona(Strict):
    """Who travels the journey."""

    model_config = _dutch("Persona", "Wie deze reis maakt.")

    name: Required = Field(title="Naam")
    """De voornaam van de klant."""
    about: Text = Field("", title="Wie")
    """Wie dit is, in een of twee zinnen."""
    goal: Text = Field("", title="Wil")
    """Wat deze persoon wil bereiken."""


Evidence = Literal["aanname", "interview", "data", "observatie"]


class Stage(Strict):
    """One step of a journey; the lanes of the map are its fields."""

    model_config = _dutch("Stap", "Een stap van de klantreis: een kolom in de kaart.")

    phase: PhaseRef = Field(title="Fase")
    """De fase van deze stap. Fasen mogen terugkomen, in elke volgorde."""
    title: Required = Field(title="Titel")
    """Een korte titel van de stap."""
    moment_of_truth: bool = Field(False, title="Moment van de waarheid")
    """true als deze stap beslissend is: hier wint of verliest het bedrijf de klant."""
    channels: list[ChannelRef] = Field([], title="Kanalen")
    """De kanalen in deze stap, id's uit journeys/_channels.yml."""
    online: Online | None = Field(None, title="Online of offline")
    """true = online, false = offline, mixed = allebei. Laat weg als het niet bekend is."""
    duration: Text = Field("", title="Duur")
    """Hoe lang de stap duurt, in gewone woorden ("een avond", "twee weken")."""
    does: Text = Field("", title="Doet")
    """Wat de klant doet."""
    thinks: Text = Field("", title="Denkt")
    """Wat de klant denkt."""
    feels: Text = Field("", title="Voelt")
    """Wat de klant voelt."""
    emotion: Emotion | None = Field(None, title="Emotie")
    """Het gevoel als heel getal: -2 (heel negatief) tot 2 (heel positief)."""
    emotion_to_be: Emotion | None = Field(None, title="Emotie na verbetering")
    """Het gevoel na de verbeteringen, -2 tot 2: de kaart tekent een tweede, gestreepte lijn."""
    quotes: list[Required] = Field([], title="Citaten")
    """Wat echte klanten over deze stap zeiden, letterlijk."""
    evidence: Evidence | None = Field(None, title="Onderbouwing")
    """Waar deze stap op rust: aanname, interview, data of observatie."""
    needs: Text = Field("", title="Behoeften")
    """Wat de klant nodig heeft."""
    expectations: Text = Field("", title="Verwachtingen")
    """Wat de klant verwacht."""
    pain_points: list[Required] = Field([], title="Knelpunten")
    """Wat er misgaat, als lijst."""
    improvements: list[Required] = Field([], title="Verbeteringen")
    """Wat beter kan, als lijst."""
    backstage: Text = Field("", title="Achter de schermen")
    """Wat het bedrijf doet dat de klant niet ziet: processen, systemen, mensen."""
    owner: Text = Field("", title="Eigenaar")
    """Wie in het bedrijf verantwoordelijk is voor deze stap."""
    kpis: list[Required] = Field([], title="KPI's")
    """Wat je meet, als lijst."""
    bron: Cites = Field([], title="Bronnen", description=CITES_HELP)


class Opportunity(Strict):
    """An improvement of the whole journey, ranked on the page by impact and effort."""

    model_config = _dutch("Kans", "Een verbetering van de reis, met impact en moeite.")

    title: Required = Field(title="Titel")
    """Wat je verbetert, in een korte zin."""
    impact: Score = Field(title="Impact")
    """Hoeveel het de klant oplevert: 1 (weinig), 2 of 3 (veel)."""
    effort: Score = Field(title="Moeite")
    """Hoeveel werk het is: 1 (weinig), 2 of 3 (veel)."""
    owner: Text = Field("", title="Eigenaar")
    """Wie het oppakt."""
    stage: Annotated[int, Field(ge=1)] | None = Field(None, title="Stap")
    """Het nummer van de stap waar de kans bij hoort: 1 voor de eerste stap."""
    bron: Cites = Field([], title="Bronnen", description=CITES_HELP)


class JourneyFile(Strict):
    """The contents of `journeys/<slug>.yml`."""

    model_config = _dutch("Klantreis", "Een klantreis: een persona en de stappen van de reis.")

    title: Required = Field(title="Titel")
    """De titel van de reis, kort en concreet."""
    description: Text = Field("", title="Beschrijving")
    """Eén zin over de reis."""
    sector: Text = Field("", title="Sector")
    """De branche, zoals "Mode" of "Zakelijke dienstverlening"."""
    persona: Persona = Field(title="Persona")
    """Wie deze reis maakt."""
    stages: list[Stage] = Field(min_length=1, title="Stappen")
    """De stappen in de volgorde van de tijd, minstens één."""
    ending: Text = Field("", title="Einde")
    """Hoe de reis afloopt als hij stopt voor de laatste fase ("zegt het abonnement op")."""
    opportunities: list[Opportunity] = Field([], title="Kansen")
    """Verbeteringen voor de hele reis; de pagina zet ze op volgorde van impact en moeite."""
    bron: Cites = Field([], title="Bronnen", description=CITES_HELP)


class Journey(JourneyFile):
    """A validated journey with its identity."""

    slug: str
    path: str

    def stage_anchor(self, index: int) -> str:
        """The anchor of stage `index` (0-based); phase and channel pages link to it."""
        return f"stap-{index + 1}"


class TermFrontMatter(Strict):
    """The front matter of `glossary/<slug>.md`."""

    model_config = _dutch("Begrip", "De front matter van een begrip in glossary/.")

    title: Required = Field(title="Titel")
    """De naam van het begrip."""
    aliases: list[Required] = Field([], title="Andere namen")
    """Synoniemen, voluit geschreven en verbogen vormen ("conversies", "CTA's")."""
    description: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)
    ] = Field(title="Definitie")
    """Eén zin van hoogstens 300 tekens: de tooltip en de beschrijving voor zoekmachines."""
    phases: list[PhaseRef] = Field([], title="Fasen")
    """De fasen waarin het begrip speelt."""
    related: list[TermRef] = Field([], title="Verwante begrippen")
    """Slugs van verwante begrippen (de bestandsnamen zonder .md)."""
    bron: Cites = Field([], title="Bronnen", description=CITES_HELP)


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


class ArticleFrontMatter(Strict):
    """The front matter of an article, `docs/artikelen/posts/<slug>.md` (Material's blog).

    The title is not here: an article starts with its title as a heading (`# Titel`).
    """

    model_config = _dutch("Artikel", "Een kort stuk met een datum, in de lijst onder Artikelen.")

    date: datetime.date = Field(title="Datum")
    """De publicatiedatum, als JJJJ-MM-DD."""
    authors: list[Slug] = Field([], title="Auteurs")
    """De auteur, als id uit docs/artikelen/.authors.yml, zoals marieke."""
    categories: list[PhaseName] = Field(min_length=1, max_length=1, title="Fase")
    """Precies één fase, met haar naam: Aandacht, Overweging, Aankoop, Service of Loyaliteit."""
    tags: list[Required] = Field([], title="Trefwoorden")
    """Twee tot vier vrije trefwoorden, zoals reviews en vertrouwen."""
    aliases: list[Required] = Field([], title="Zoekwoorden")
    """Woorden en korte zinnen waarmee een lezer dit artikel zoekt, ook als ze er niet letterlijk
    in staan, zoals winkelwagen verlaten. Wie er een typt, vindt het artikel."""
    description: Required = Field(title="Beschrijving")
    """Eén zin die samenvat waar het artikel over gaat, voor zoekmachines en de artikellijst."""
    draft: bool = Field(False, title="Concept")
    """Aan zolang het artikel niet af is: een concept staat alleen in het voorbeeld."""


class PageSearchWords(Strict):
    """The one key of a guide's front matter the engine checks itself; the other keys belong to
    MkDocs and its plugins. An article's `aliases` is the same field (ArticleFrontMatter)."""

    aliases: list[Required] = Field([], title="Zoekwoorden")
    """Woorden en korte zinnen waarmee een lezer deze pagina zoekt, ook als ze er niet letterlijk
    in staan."""


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
    aliases: tuple[str, ...] = ()
    """Words a reader searches this page by (front matter `aliases`)."""
    body: str = ""
    body_line: int = 1
    render_macros: bool = True
    front_matter: str = ""
    """The front matter as written: a change here may change navigation and lists."""
