"""A synthetic knowledge base of N guide pages and T terms, for the benchmarks.

N guide pages of about 700 Dutch words, T glossary terms with 3 aliases each, 10 journeys of 8
stages, the catalogue of tests/fixtures/mini; and the configurations to build it with (ours and
plain MkDocs + Material, with an own `nav:` and with automatic navigation).
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
REPO_CONFIG = ROOT / "mkdocs.yml"
JOURNEYS = 10
STAGES_PER_JOURNEY = 8
WORDS_PER_PAGE = 700
SEED = 20261005


# -- YAML that keeps MkDocs' tags (!ENV, !!python/name:) -------------------------------------


class Tagged:
    """A tagged YAML node (`!ENV [X, false]`), kept as is so it can be written back."""

    def __init__(self, tag: str, value: Any) -> None:
        self.tag, self.value = tag, value


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.SequenceNode):
        return Tagged(node.tag, loader.construct_sequence(node, deep=True))
    if isinstance(node, yaml.MappingNode):
        return Tagged(node.tag, loader.construct_mapping(node, deep=True))
    return Tagged(node.tag, loader.construct_scalar(node))  # type: ignore[arg-type]


def _represent_tagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value, flow_style=True)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


_Loader.add_multi_constructor("!", _construct_tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)
_Dumper.add_representer(Tagged, _represent_tagged)
_Dumper.add_representer(
    str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text,
                                                      style="|" if "\n" in text else None))


def load_mkdocs_yaml(path: Path) -> dict[str, Any]:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)


def dump_mkdocs_yaml(data: dict[str, Any], path: Path) -> None:
    path.write_text(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")


# -- synthetic content -----------------------------------------------------------------------

PHASES = ("aandacht", "overweging", "aankoop", "service", "loyaliteit")
CHANNELS = ("website", "google", "winkel")  # the channels of tests/fixtures/mini

TERM_HEADS = (
    "klant", "markt", "merk", "prijs", "zoek", "service", "contact", "inhoud", "campagne",
    "verkoop", "bezoek", "product", "advies", "groei", "data", "video", "kanaal", "review",
    "trouw", "aanbod", "bericht", "offerte", "nieuws", "partner", "afspraak", "levering",
    "bestel", "retour", "winkelwagen", "doelgroep", "beleving", "keuze", "actie", "lead",
    "formulier", "belofte", "vertrouwen", "waarde", "kennis", "online",
)
TERM_TAILS = (
    "strategie", "analyse", "score", "moment", "ervaring", "profiel", "segment", "trechter",
    "model", "budget", "doel", "bereik", "plan", "formule", "kaart", "meting", "ritme",
    "signaal", "kompas", "ladder", "cyclus", "impuls", "index", "matrix", "radar", "route",
    "aanpak", "toets", "monitor", "balans", "factor", "patroon", "verloop", "drempel",
    "paneel", "dossier", "kalender", "logica", "norm", "proef",
)
ADJECTIVES = ("digitale", "lokale", "slimme", "sterke", "vaste", "snelle", "heldere", "eerlijke",
              "persoonlijke", "brede")

SUBJECTS = ("Je klant", "De bezoeker", "Een nieuwe klant", "Het team", "De marketeer",
            "De ondernemer", "Een trouwe klant", "De adviseur", "Je collega", "Het bedrijf",
            "De klantenservice", "Een twijfelende koper")
VERBS = ("zoekt", "vergelijkt", "leest", "bekijkt", "meet", "verbetert", "plant", "bespreekt",
         "test", "volgt", "kiest", "deelt", "waardeert", "onthoudt")
OBJECTS = ("de website", "een offerte", "het aanbod", "de prijzen", "een recensie",
           "de nieuwsbrief", "een afspraak", "de winkel", "het formulier", "de resultaten",
           "een folder", "de veelgestelde vragen", "het bestelproces", "de levertijd")
ADVERBIALS = ("elke week", "voor de aankoop", "na het eerste contact", "in de eerste fase",
              "aan de telefoon", "samen met een collega", "zonder haast",
              "aan het eind van de dag", "tijdens de lunch", "na een goede ervaring", "bij twijfel",
              "op zondagavond")
CONNECTORS = ("Daarom", "Toch", "Vaak", "Soms", "Meestal", "Gelukkig", "Ook")
TEMPLATES = (
    "{S} {V} {O} {A}.",
    "{S} {V} {O} en let daarbij op {T}.",
    "Met {T} maak je {O} duidelijker voor je klant.",
    "Denk bij {T} aan {O} en aan {T2}.",
    "{C} helpt {T} je om {O} te verbeteren.",
    "Wie {T} goed inzet, ziet dat {s} vaker terugkomt.",
    "Kijk {A} naar {T}: zo weet je wat {s} nodig heeft.",
    "{S} {V} {O} {A}, want {T} maakt het verschil.",
    "{C} {V} {s} {O} {A}.",
    "Schrijf kort op wat {s} {A} van {O} vindt.",
)


@dataclass(frozen=True)
class SyntheticTerm:
    slug: str
    title: str
    aliases: tuple[str, str, str]  # plural, adjective + title, acronym (capitals only)
    phases: tuple[str, ...]
    related: tuple[str, ...]

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.title, *self.aliases)


def _base26(number: int, width: int) -> str:
    letters = []
    for _ in range(width):
        number, rest = divmod(number, 26)
        letters.append(chr(ord("A") + rest))
    return "".join(reversed(letters))


def make_terms(count: int, rng: random.Random) -> list[SyntheticTerm]:
    """`count` terms whose titles and aliases are unique words (case-insensitively)."""
    combos = [(head, tail) for head in TERM_HEADS for tail in TERM_TAILS]
    rng.shuffle(combos)
    extra = 0
    while len(combos) < count:  # more terms than two-part compounds: add a middle part
        head, tail = combos[extra % len(combos)]
        combos.append((head + TERM_HEADS[(extra // len(combos)) % len(TERM_HEADS)], tail))
        extra += 1
    taken: set[str] = set()
    titles = []
    for index, (head, tail) in enumerate(combos[:count]):
        title = head + tail
        plural = title + ("s" if title.endswith("e") else "'s" if title[-1] in "aiou" else "en")
        adjective = f"{ADJECTIVES[index % len(ADJECTIVES)]} {title}"
        acronym = head[0].upper() + tail[0].upper() + _base26(index, 3)
        forms = [title, plural, adjective, acronym]
        if any(form.casefold() in taken for form in forms):
            raise SystemExit(f"generated term forms clash: {forms}")
        taken.update(form.casefold() for form in forms)
        titles.append((title, (plural, adjective, acronym)))
    slugs = [title for title, _ in titles]
    terms = []
    for index, (title, aliases) in enumerate(titles):
        phases = tuple(sorted(rng.sample(PHASES, rng.randint(1, 2)), key=PHASES.index))
        others = [slug for slug in rng.sample(slugs, min(3, len(slugs))) if slug != title][:2]
        terms.append(SyntheticTerm(slugs[index], title, aliases, phases, tuple(others)))
    return terms


class Writer:
    """Dutch-looking sentences that mention terms in all their forms."""

    def __init__(self, rng: random.Random, terms: Sequence[SyntheticTerm]) -> None:
        self.rng, self.terms = rng, terms

    def mention(self, pool: Sequence[SyntheticTerm]) -> str:
        term = self.rng.choice(pool)
        roll = self.rng.random()
        if roll < 0.4:
            return term.title
        if roll < 0.65:
            return term.aliases[0]
        if roll < 0.85:
            return term.aliases[1]
        return term.aliases[2]

    def sentence(self, pool: Sequence[SyntheticTerm]) -> str:
        rng = self.rng
        subject = rng.choice(SUBJECTS)
        text = rng.choice(TEMPLATES).format(
            S=subject, s=subject[0].lower() + subject[1:], V=rng.choice(VERBS),
            O=rng.choice(OBJECTS), A=rng.choice(ADVERBIALS), C=rng.choice(CONNECTORS),
            T=self.mention(pool), T2=self.mention(pool),
        )
        return text[0].upper() + text[1:]

    def paragraph(self, pool: Sequence[SyntheticTerm], sentences: int) -> str:
        return " ".join(self.sentence(pool) for _ in range(sentences))


def _words(text: str) -> int:
    return len(text.split())


def guide_page(index: int, n: int, writer: Writer, journeys: Sequence[str]) -> str:
    """docs/gids/pagina-<index>.md: about 700 words with headings, lists, a table, links."""
    rng = writer.rng
    pool = rng.sample(list(writer.terms), min(20, len(writer.terms)))
    phases = sorted(rng.sample(PHASES, rng.randint(1, 2)), key=PHASES.index)
    front = {"title": f"Gids {index}: {pool[0].title} in de praktijk",
             "description": f"Hoe je {pool[0].title} en {pool[1 % len(pool)].title} gebruikt in "
                            "je klantreis.",
             "phases": phases}
    parts = [f"# {front['title']}", writer.paragraph(pool, 4)]
    other = (index % n) + 1
    term_macro = '{{ begrip("' + pool[0].slug + '") }}'
    phase_macro = '{{ fase("' + phases[0] + '") }}'
    parts.append(f"Lees ook [gids {other}](pagina-{other}.md) en zie {term_macro} voor de "
                 f"uitleg. Dit hoort bij de fase {phase_macro} van de klantreis.")
    section = 0
    while _words("\n".join(parts)) < WORDS_PER_PAGE:
        section += 1
        parts.append(f"## Stap {section}: {writer.mention(pool)} en {rng.choice(OBJECTS)}")
        parts.append(writer.paragraph(pool, rng.randint(3, 5)))
        if section % 3 == 1:
            parts.append("\n".join(f"- {writer.sentence(pool)}" for _ in range(4)))
        elif section % 3 == 2:
            rows = [f"| {writer.mention(pool)} | {rng.choice(OBJECTS)} | {rng.choice(ADVERBIALS)} |"
                    for _ in range(4)]
            parts.append("| Begrip | Waar | Wanneer |\n|---|---|---|\n" + "\n".join(rows))
        else:
            parts.append(f"Typ `{pool[0].title}` in het zoekveld. {writer.paragraph(pool, 2)}")
    if index % 10 == 0:
        parts.append('<div class="geen-begrippen" markdown>\n\n'
                     f"{writer.paragraph(pool, 2)}\n\n</div>")
    if index % 100 == 1 and journeys:
        parts.append(f'{{{{ klantreis_kaart("{journeys[index % len(journeys)]}") }}}}')
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n" + \
        "\n\n".join(parts) + "\n"


def glossary_file(term: SyntheticTerm, writer: Writer, by_slug: dict[str, SyntheticTerm]) -> str:
    front = {"title": term.title, "aliases": list(term.aliases),
             "description": f"Het begrip {term.title} beschrijft hoe je "
                            f"{writer.rng.choice(OBJECTS)} inzet in de klantreis.",
             "phases": list(term.phases), "related": list(term.related)}
    pool = [by_slug[slug] for slug in term.related] or [term]
    body = [f"{term.title.capitalize()} gaat over {writer.rng.choice(OBJECTS)}. "
            + writer.paragraph(pool, 5), writer.paragraph(pool, 5)]
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" + \
        "\n\n".join(body) + "\n"


def journey_file(index: int, writer: Writer) -> str:
    rng = writer.rng
    pool = rng.sample(list(writer.terms), min(10, len(writer.terms)))
    order = ("aandacht", "aandacht", "overweging", "overweging", "aankoop", "service", "service",
             "loyaliteit")
    stages = []
    for number, phase in enumerate(order[:STAGES_PER_JOURNEY], start=1):
        channels = sorted(rng.sample(CHANNELS, rng.randint(1, 2)), key=CHANNELS.index)
        stages.append({
            "phase": phase, "title": f"Stap {number}: {rng.choice(VERBS)} {rng.choice(OBJECTS)}",
            "channels": channels, "online": "winkel" not in channels,
            "does": writer.sentence(pool), "thinks": writer.sentence(pool),
            "feels": "Nieuwsgierig.", "emotion": rng.randint(-2, 2),
            "needs": writer.sentence(pool), "expectations": writer.sentence(pool),
            "pain_points": [writer.sentence(pool), writer.sentence(pool)],
            "improvements": [writer.sentence(pool)], "kpis": [f"{writer.mention(pool)} per week"],
        })
    data = {"title": f"Persona {index} zoekt een oplossing", "description": "Een voorbeeldreis.",
            "sector": "Dienstverlening",
            "persona": {"name": f"Persona {index}", "about": "Een klant van middelbare leeftijd.",
                        "goal": "Een goede keuze maken."},
            "stages": stages}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


CONFIGURATIONS = {
    "eigen-nav": "own `nav:` in mkdocs.yml (the main pages; the guides beyond the first ten "
    "and every term outside it)",
    "auto-nav": "automatic navigation (MkDocs puts every page in it)",
}
"""The two set-ups people use, each measured against plain MkDocs + Material."""


def _navigation() -> list[Any]:
    """The repository's own nav, for a synthetic knowledge base."""
    return [
        {"Home": "index.md"},
        {"Fasen": ["fasen/index.md", *(f"fasen/{phase}.md" for phase in PHASES)]},
        {"Begrippen": "begrippen/index.md"},
        {"Klantreizen": ["klantreizen/index.md",
                         *(f"klantreizen/reis-{i}.md" for i in range(1, JOURNEYS + 1)),
                         "klantreizen/werkblad.md"]},
        {"Kanalen": "kanalen/index.md"},
        {"Gidsen": [f"gids/pagina-{i}.md" for i in range(1, 11)]},
        {"Artikelen": ["artikelen/index.md"]},
    ]


def _stand_ins() -> list[str]:
    """Pages the engine generates that the own nav names: plain pages in the baseline."""
    names = [entry for section in _navigation() for entry in _flatten(section)]
    return [name for name in names if name.split("/")[0] in ("fasen", "begrippen", "klantreizen",
                                                              "kanalen")]


def _flatten(item: Any) -> list[str]:
    if isinstance(item, str):
        return [item]
    if isinstance(item, list):
        return [name for entry in item for name in _flatten(entry)]
    return [name for value in item.values() for name in _flatten(value)]


def write_configs(project: Path) -> None:
    """mkdocs-<configuration>.yml (ours) and plain-<configuration>.yml (the baseline).

    The baseline is plain MkDocs + Material with the same theme features and the other plugins
    (search, blog, tags, rss, offline), without klantreis and macros, on `docs-plain/`: the same
    docs, the glossary files copied in as plain pages outside the navigation, and a plain page
    for each generated page the own nav names.
    """
    repo = load_mkdocs_yaml(REPO_CONFIG)
    ours = load_mkdocs_yaml(MINI / "mkdocs.yml")
    ours["theme"]["features"] = list(repo["theme"]["features"])
    ours.pop("nav", None)
    for name in CONFIGURATIONS:
        config = dict(ours, nav=_navigation()) if name == "eigen-nav" else dict(ours)
        dump_mkdocs_yaml(config, project / f"mkdocs-{name}.yml")
        plain = dict(config, docs_dir="docs-plain", site_dir="site-plain")
        plain["plugins"] = [plugin for plugin in config["plugins"]
                            if _plugin_name(plugin) not in ("macros", "klantreis")]
        if name == "auto-nav":
            plain["not_in_nav"] = "/begrippen/*\n"
        dump_mkdocs_yaml(plain, project / f"plain-{name}.yml")
    shutil.copy(project / "mkdocs-eigen-nav.yml", project / "mkdocs.yml")


def write_plain_docs(project: Path) -> None:
    plain = project / "docs-plain"
    shutil.rmtree(plain, ignore_errors=True)
    shutil.copytree(project / "docs", plain)
    (plain / "begrippen").mkdir(exist_ok=True)
    for term in sorted((project / "glossary").glob("*.md")):
        shutil.copy(term, plain / "begrippen" / term.name)
    for name in _stand_ins():
        page = plain / name
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"# {Path(name).stem}\n\nEen pagina die de kennisbank zelf maakt.\n",
                        encoding="utf-8")


def _plugin_name(plugin: Any) -> str:
    return plugin if isinstance(plugin, str) else next(iter(plugin))


def generate(project: Path, n: int, t: int, seed: int = SEED) -> dict[str, int]:
    """Write a complete knowledge base with N guide pages and T terms into `project`."""
    rng = random.Random(seed)
    shutil.rmtree(project, ignore_errors=True)
    (project / "docs" / "gids").mkdir(parents=True)
    (project / "glossary").mkdir()
    (project / "journeys").mkdir()
    shutil.copytree(MINI / "docs" / "artikelen", project / "docs" / "artikelen")
    for name in ("_phases.yml", "_channels.yml", "_models.yml"):
        shutil.copy(MINI / "journeys" / name, project / "journeys" / name)
    shutil.copy(ROOT / "macros.py", project / "macros.py")
    write_configs(project)

    terms = make_terms(t, rng)
    by_slug = {term.slug: term for term in terms}
    writer = Writer(rng, terms)
    for term in terms:
        (project / "glossary" / f"{term.slug}.md").write_text(
            glossary_file(term, writer, by_slug), encoding="utf-8")
    journeys = [f"reis-{index}" for index in range(1, JOURNEYS + 1)]
    for index, slug in enumerate(journeys, start=1):
        (project / "journeys" / f"{slug}.yml").write_text(journey_file(index, writer),
                                                          encoding="utf-8")
    (project / "docs" / "index.md").write_text(
        "---\ntitle: Kennisbank\ndescription: Een gegenereerde kennisbank om te meten.\n---\n"
        f"# Welkom\n\n{writer.paragraph(terms[:5], 4)}\n", encoding="utf-8")
    words = 0
    for index in range(1, n + 1):
        text = guide_page(index, n, writer, journeys)
        words += _words(text)
        (project / "docs" / "gids" / f"pagina-{index}.md").write_text(text, encoding="utf-8")
    write_plain_docs(project)
    return {"words_per_page": words // max(n, 1)}
