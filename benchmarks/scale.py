"""Scale benchmark: how the Klantreis build grows with the number of pages and terms.

    .venv/bin/python benchmarks/scale.py            # default sizes 250x100,1000x500,2000x1000
    .venv/bin/python benchmarks/scale.py --quick    # smoke run: N=50, T=20
    .venv/bin/python benchmarks/scale.py --sizes 500x200,1000x400 --keep

For every size NxT a synthetic knowledge base is generated in a temporary folder (N guide pages of
about 700 Dutch words, T glossary terms with 3 aliases each, 10 journeys of 8 stages, the catalogue
of tests/fixtures/mini) and built twice, each build in its own subprocess:

  (a) baseline: the same docs/ with MkDocs + Material and the same theme features and plugins,
      but without the klantreis and macros plugins (mkdocs-baseline.yml, `python -m mkdocs build`);
  (b) ours: `klantreis build` with the full mkdocs.yml.

Wall time is measured around the subprocess, peak memory (max RSS) with os.wait4 for that one
child. At the largest size `klantreis check` and `klantreis bundle` also run, and the term linker
is timed alone against a naive regular expression per term form. One in-process build at the
middle size runs under cProfile (benchmarks/profile.txt). The table goes to benchmarks/results.md
(the quick run writes results-quick.md and profile-quick.txt, so it never overwrites a real run).

The targets below are reported, never asserted.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import datetime
import io
import json
import math
import os
import platform
import pstats
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "benchmarks"
MINI = ROOT / "tests" / "fixtures" / "mini"
REPO_CONFIG = ROOT / "mkdocs.yml"
DEFAULT_SIZES = "250x100,1000x500,2000x1000"
QUICK_SIZES = "50x20"
JOURNEYS = 10
STAGES_PER_JOURNEY = 8
WORDS_PER_PAGE = 700
SEED = 20261005
NAIVE_BUDGET_SECONDS = 90.0  # the naive linker runs over as many pages as fit in this budget

TARGETS = {
    "time_ratio": 1.15,
    "memory_ratio": 1.2,
    "exponent": 1.1,
    "linker_speedup": 20.0,
    "check_share": 0.10,
}


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


def write_configs(project: Path) -> None:
    """mkdocs.yml (mini + the repo's theme features and not_in_nav, no nav) and the baseline."""
    repo = load_mkdocs_yaml(REPO_CONFIG)
    config = load_mkdocs_yaml(MINI / "mkdocs.yml")
    config["theme"]["features"] = list(repo["theme"]["features"])
    if "not_in_nav" in repo:  # gone from the repo's mkdocs.yml: the engine keeps pages out itself
        config["not_in_nav"] = repo["not_in_nav"]
    config.pop("nav", None)
    dump_mkdocs_yaml(config, project / "mkdocs.yml")

    baseline = load_mkdocs_yaml(project / "mkdocs.yml")
    baseline["plugins"] = [plugin for plugin in baseline["plugins"]
                           if _plugin_name(plugin) not in ("macros", "klantreis")]
    baseline["site_dir"] = "site-baseline"
    dump_mkdocs_yaml(baseline, project / "mkdocs-baseline.yml")

    # Only to count the nav: the mini fixture's own setting (no not_in_nav).
    without = load_mkdocs_yaml(project / "mkdocs.yml")
    without.pop("not_in_nav", None)
    dump_mkdocs_yaml(without, project / "mkdocs-zonder-not-in-nav.yml")


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
    return {"words_per_page": words // max(n, 1)}


# -- running builds --------------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    cpu_seconds: float
    peak_mb: float
    returncode: int
    output: str

    def ok(self) -> bool:
        return self.returncode == 0


def run(command: list[str], cwd: Path, label: str) -> Run:
    """Run one command in a fresh process; wall time, CPU time and peak RSS of that child."""
    env = {**os.environ, "KLANTREIS_OFFLINE": "false", "PYTHONHASHSEED": "0"}
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read()
    result = Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
                 process.returncode, output)
    state = "ok" if result.ok() else f"FAILED (exit {result.returncode})"
    print(f"    {label:<28} {seconds:8.2f} s  {result.peak_mb:7.0f} MB  {state}", flush=True)
    if not result.ok():
        print("      " + "\n      ".join(output.strip().splitlines()[-15:]), flush=True)
    return result


def klantreis_command(*args: str) -> list[str]:
    script = Path(sys.executable).parent / "klantreis"
    if script.exists():
        return [str(script), *args]
    return [sys.executable, "-m", "klantreis.cli", *args]


def self_command(*args: str) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), *args]


def folder_size(path: Path, pattern: str = "*") -> int:
    return sum(item.stat().st_size for item in path.rglob(pattern) if item.is_file())


def count_nav(project: Path, config_name: str) -> dict[str, Any]:
    """Nav entries as MkDocs builds them (with every plugin's on_files and on_nav); in a child."""
    result = subprocess.run(self_command("--_nav", str(project), config_name), cwd=project,
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        return {"error": " ".join((result.stderr or result.stdout).strip().splitlines()[-1:])}
    return json.loads(result.stdout.strip().splitlines()[-1])


def _nav_child(project: Path, config_name: str) -> None:
    import logging

    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files, set_exclusions
    from mkdocs.structure.nav import Link, Section, get_navigation

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    os.chdir(project)
    config = load_config(str(project / config_name))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    files = get_files(config)
    files.add_files_from_theme(config.theme.get_env(), config)
    files = config.plugins.on_files(files, config=config)
    set_exclusions(files, config)
    nav = get_navigation(files, config)
    nav = config.plugins.on_nav(nav, config=config, files=files)
    counts = {"items": 0, "sections": 0, "links": 0, "pages": len(nav.pages)}

    def walk(items: Sequence[Any]) -> None:
        for item in items:
            counts["items"] += 1
            if isinstance(item, Section):
                counts["sections"] += 1
                walk(item.children)
            elif isinstance(item, Link):
                counts["links"] += 1

    walk(nav.items)
    counts["term_pages_in_nav"] = sum(
        1 for page in nav.pages
        if page.file.src_uri.startswith("begrippen/") and page.file.src_uri != "begrippen/index.md")
    counts["top_level"] = [getattr(item, "title", None) or "" for item in nav.items]
    print(json.dumps(counts))


# -- profile ---------------------------------------------------------------------------------


def _profile_child(project: Path, out: Path) -> None:
    from klantreis.mkdocs_adapter.build import build

    os.chdir(project)
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    outcome = build(project)
    profiler.disable()
    seconds = time.perf_counter() - started
    stats = pstats.Stats(profiler)
    text = io.StringIO()
    text.write(f"# cProfile of klantreis.mkdocs_adapter.build.build({project.name}) - "
               f"{outcome.engine.stats.pages} pages, {len(outcome.engine.kb.terms)} terms, "
               f"{seconds:.1f} s under the profiler\n\n")
    text.write("## Top 25 by cumulative time\n")
    stats.stream = text  # type: ignore[attr-defined]
    stats.sort_stats("cumulative").print_stats(25)
    text.write("\n## MkDocs event handlers (plugin hooks) by cumulative time\n\n")
    hooks = []
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    for (filename, line, name), (_, calls, _own, cumulative, _callers) in raw.items():
        if name.startswith("on_") and ("site-packages" in filename or "klantreis" in filename):
            hooks.append((cumulative, calls, _short(filename), line, name))
    for cumulative, calls, filename, line, name in sorted(hooks, reverse=True)[:25]:
        text.write(f"  {cumulative:9.3f} s  {calls:6d} calls  {filename}:{line}({name})\n")
    text.write("\n## Top 25 by own time\n")
    stats.sort_stats("tottime").print_stats(25)
    out.write_text(text.getvalue().replace(str(project), "<project>"), encoding="utf-8")


def _short(filename: str) -> str:
    for marker in ("site-packages/", "/work/main/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


# -- term linker alone -----------------------------------------------------------------------


@dataclass
class LinkerBench:
    terms: int
    forms: int
    pages: int
    naive_pages: int
    build_seconds: float
    linker_seconds: float  # over naive_pages
    linker_all_seconds: float  # over all pages
    naive_compile_seconds: float
    naive_seconds: float
    agreement: str

    @property
    def speedup(self) -> float:
        return self.naive_seconds / self.linker_seconds if self.linker_seconds else math.nan


def bench_linker(project: Path, budget: float) -> LinkerBench:
    import markdown

    from klantreis.content.loader import load_knowledge_base
    from klantreis.site.linker import TermLinker

    kb = load_knowledge_base(project)
    terms = list(kb.terms.values())
    converter = markdown.Markdown(extensions=["attr_list", "md_in_html", "toc", "tables"])
    htmls = []
    for page in kb.pages:
        if page.src_uri.startswith("gids/"):
            converter.reset()
            htmls.append(converter.convert(page.body))

    def render(slug: str, text: str) -> str:
        return f'<a href="../begrippen/{slug}/" class="kr-begrip">{text}</a>'

    started = time.perf_counter()
    linker = TermLinker(terms)
    build_seconds = time.perf_counter() - started
    linker_times, linker_mentions = [], []
    for html in htmls:
        started = time.perf_counter()
        result = linker.link(html, render)
        linker_times.append(time.perf_counter() - started)
        linker_mentions.append(result.mentioned)

    started = time.perf_counter()
    patterns = [(term.slug, re.compile(r"(?<!\w)" + re.escape(form) + r"(?!\w)",
                                       0 if form.isupper() else re.IGNORECASE))
                for term in terms for form in term.forms]
    compile_seconds = time.perf_counter() - started
    naive_seconds, naive_mentions = 0.0, []
    for html in htmls:
        started = time.perf_counter()
        found = set()
        for slug, pattern in patterns:
            for _ in pattern.finditer(html):
                found.add(slug)
        naive_seconds += time.perf_counter() - started
        naive_mentions.append(found)
        if naive_seconds > budget and len(naive_mentions) >= 20:
            break
    done = len(naive_mentions)
    subset = sum(1 for ours, naive in zip(linker_mentions, naive_mentions, strict=False)
                 if ours <= naive)
    return LinkerBench(len(terms), len(patterns), len(htmls), done, build_seconds,
                       sum(linker_times[:done]), sum(linker_times), compile_seconds,
                       naive_seconds,
                       f"{subset}/{done} pages: terms the linker found are a subset of the naive "
                       "matches (naive also matches headings, code and attributes)")


# -- the run ---------------------------------------------------------------------------------


@dataclass
class SizeResult:
    n: int
    t: int
    words_per_page: int
    baseline: Run
    ours: Run
    html_baseline: int = 0
    html_ours: int = 0
    search_index_bytes: int | None = None
    nav: dict[str, Any] = field(default_factory=dict)
    nav_without: dict[str, Any] = field(default_factory=dict)
    zip_bytes: int | None = None
    bundle: Run | None = None
    check: Run | None = None

    @property
    def time_ratio(self) -> float:
        return self.ours.seconds / self.baseline.seconds

    @property
    def cpu_ratio(self) -> float:
        """User+system CPU seconds, ours / baseline: less sensitive to other load on the box."""
        return self.ours.cpu_seconds / self.baseline.cpu_seconds

    @property
    def per_page_ratio(self) -> float:
        """The time ratio per HTML page written (ours also writes term, phase, channel pages)."""
        if not self.html_ours or not self.html_baseline:
            return math.nan
        return (self.ours.seconds / self.html_ours) / (self.baseline.seconds / self.html_baseline)

    @property
    def memory_ratio(self) -> float:
        return self.ours.peak_mb / self.baseline.peak_mb


def parse_sizes(text: str) -> list[tuple[int, int]]:
    sizes = []
    for part in text.split(","):
        n, _, t = part.strip().lower().partition("x")
        sizes.append((int(n), int(t)))
    return sizes


def growth_exponent(points: Sequence[tuple[float, float]]) -> float | None:
    """Least-squares slope of log(y) against log(x)."""
    points = [(x, y) for x, y in points if x > 0 and y > 0]
    if len({x for x, _ in points}) < 2:
        return None
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(y) for _, y in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / \
        sum((x - mean_x) ** 2 for x in xs)


def _mb(size: int | None) -> str:
    return "-" if size is None else f"{size / 1_000_000:.1f}"


def table(results: Sequence[SizeResult]) -> str:
    lines = [
        "| N | T | nav entries (pages) | HTML pages base/ours | baseline s | ours s | ratio "
        "| CPU ratio | ratio per HTML page | baseline MB | ours MB | mem ratio "
        "| search index MB | zip MB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        nav = r.nav.get("items", "?")
        nav_pages = r.nav.get("pages", "?")
        lines.append(
            f"| {r.n} | {r.t} | {nav} ({nav_pages}) | {r.html_baseline}/{r.html_ours} "
            f"| {r.baseline.seconds:.2f} | {r.ours.seconds:.2f} | {r.time_ratio:.2f} "
            f"| {r.cpu_ratio:.2f} | {r.per_page_ratio:.2f} | {r.baseline.peak_mb:.0f} "
            f"| {r.ours.peak_mb:.0f} | {r.memory_ratio:.2f} "
            f"| {_mb(r.search_index_bytes)} | {_mb(r.zip_bytes)} |")
    return "\n".join(lines)


def verdict(value: float | None, target: float, higher_is_better: bool = False) -> str:
    if value is None or math.isnan(value):
        return "n/a"
    met = value >= target if higher_is_better else value <= target
    return "met" if met else "NOT met"


def environment_lines() -> list[str]:
    uname = subprocess.run(["uname", "-a"], capture_output=True, text=True, check=False).stdout
    versions = []
    for package in ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "Markdown",
                    "pyahocorasick"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions.append(f"{package} {metadata.version(package)}")
    return [
        f"- date: {datetime.datetime.now().astimezone().isoformat(timespec='seconds')}",
        f"- uname -a: `{uname.strip()}`",
        f"- CPU count: {os.cpu_count()}",
        f"- Python: {platform.python_version()} ({sys.executable})",
        f"- packages: {', '.join(versions)}",
        "- load average (1, 5, 15 min) at the end: "
        + ", ".join(f"{load:.2f}" for load in os.getloadavg()),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help=f"smoke run: {QUICK_SIZES}")
    parser.add_argument("--sizes", default=None, help=f"NxT,... (default {DEFAULT_SIZES})")
    parser.add_argument("--keep", action="store_true", help="keep the generated projects")
    parser.add_argument("--naive-budget", type=float, default=None,
                        help=f"seconds for the naive linker (default {NAIVE_BUDGET_SECONDS:.0f})")
    parser.add_argument("--_nav", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--_profile", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args._nav:
        _nav_child(Path(args._nav[0]), args._nav[1])
        return 0
    if args._profile:
        _profile_child(Path(args._profile[0]), Path(args._profile[1]))
        return 0

    sizes = parse_sizes(args.sizes or (QUICK_SIZES if args.quick else DEFAULT_SIZES))
    sizes.sort()
    suffix = "-quick" if args.quick else ""
    results_path = BENCH_DIR / f"results{suffix}.md"
    profile_path = BENCH_DIR / f"profile{suffix}.txt"
    budget = args.naive_budget or (10.0 if args.quick else NAIVE_BUDGET_SECONDS)
    largest, middle = sizes[-1], sizes[(len(sizes) - 1) // 2]
    workdir = Path(tempfile.mkdtemp(prefix="klantreis-bench-"))
    print(f"Working in {workdir}", flush=True)

    results: list[SizeResult] = []
    problems: list[str] = []
    linker: LinkerBench | None = None
    profile_top = ""
    try:
        for n, t in sizes:
            project = workdir / f"kb-{n}x{t}"
            print(f"\n== N={n} T={t}", flush=True)
            started = time.perf_counter()
            info = generate(project, n, t)
            print(f"    generated in {time.perf_counter() - started:.1f} s "
                  f"(~{info['words_per_page']} words per guide page)", flush=True)

            baseline = run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--clean",
                            "-f", "mkdocs-baseline.yml"], project, "baseline (mkdocs build)")
            ours = run(klantreis_command("build", "-p", "."), project, "ours (klantreis build)")
            for label, outcome in (("baseline", baseline), ("klantreis build", ours)):
                if not outcome.ok():
                    problems.append(f"N={n} T={t}: {label} failed (exit {outcome.returncode}): "
                                    + " | ".join(outcome.output.strip().splitlines()[-5:]))
            result = SizeResult(n, t, info["words_per_page"], baseline, ours)
            result.html_baseline = len(list((project / "site-baseline").rglob("*.html")))
            result.html_ours = len(list((project / "site").rglob("*.html")))
            index = project / "site" / "search" / "search_index.json"
            result.search_index_bytes = index.stat().st_size if index.exists() else None
            warnings = [line for line in ours.output.splitlines() if "waarschuwingen" in line]
            if warnings and not warnings[0].strip().endswith(" 0"):
                problems.append(f"N={n} T={t}: klantreis build reported {warnings[0].strip()}")
            result.nav = count_nav(project, "mkdocs.yml")
            result.nav_without = count_nav(project, "mkdocs-zonder-not-in-nav.yml")
            for label, nav in (("mkdocs.yml", result.nav),
                               ("mkdocs-zonder-not-in-nav.yml", result.nav_without)):
                if "error" in nav:
                    problems.append(f"N={n} T={t}: counting the nav of {label} failed: "
                                    f"{nav['error']}")
            print(f"    nav: {result.nav.get('items')} entries, {result.nav.get('pages')} pages, "
                  f"{result.nav.get('term_pages_in_nav')} term pages in nav; without not_in_nav: "
                  f"{result.nav_without.get('pages')} pages "
                  f"({result.nav_without.get('term_pages_in_nav')} term pages)", flush=True)
            shutil.rmtree(project / "site-baseline", ignore_errors=True)

            if (n, t) == middle:
                print("    profiling one in-process build ...", flush=True)
                profiled = run(self_command("--_profile", str(project), str(profile_path)),
                               project, "cProfile build")
                if profiled.ok():
                    profile_top = profile_path.read_text(encoding="utf-8")
                else:
                    problems.append(f"profile run failed: {profiled.output.strip()[-500:]}")

            if (n, t) == largest:
                result.check = run(klantreis_command("check", "-p", "."), project,
                                   "klantreis check")
                if not result.check.ok():
                    problems.append("klantreis check exited with "
                                    f"{result.check.returncode}: {result.check.output[-300:]}")
                result.bundle = run(klantreis_command("bundle", "-p", "."), project,
                                    "klantreis bundle")
                zips = sorted((project / "dist").glob("*.zip"))
                result.zip_bytes = zips[-1].stat().st_size if zips else None
                if not result.bundle.ok():
                    problems.append("klantreis bundle failed: "
                                    + " ".join(result.bundle.output.strip().splitlines()[-3:]))
                print("    timing the term linker alone ...", flush=True)
                linker = bench_linker(project, budget)
                print(f"    linker {linker.linker_seconds:.2f} s vs naive "
                      f"{linker.naive_seconds:.2f} s over {linker.naive_pages} pages: "
                      f"{linker.speedup:.1f}x", flush=True)
            results.append(result)
            if not args.keep:
                shutil.rmtree(project, ignore_errors=True)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)

    report = make_report(results, linker, profile_top, problems, profile_path, middle)
    print("\n" + report)
    results_path.write_text(report, encoding="utf-8")
    print(f"\nWritten: {results_path.relative_to(ROOT)}, {profile_path.relative_to(ROOT)}")
    return 0


def make_report(results: Sequence[SizeResult], linker: LinkerBench | None, profile_top: str,
                problems: Sequence[str], profile_path: Path, middle: tuple[int, int]) -> str:
    exponent = growth_exponent([(r.n, r.ours.seconds) for r in results])
    base_exponent = growth_exponent([(r.n, r.baseline.seconds) for r in results])
    last = results[-1]
    check_share = last.check.seconds / last.ours.seconds if last.check else None
    lines = ["# Scale benchmark", "", *environment_lines(), "",
             "Baseline: the same docs/ with MkDocs + Material, the same theme features and the "
             "other plugins (search, blog, tags, rss, offline), without klantreis and macros. "
             "Ours: `klantreis build`. Each build is a fresh process; wall seconds, peak RSS "
             "(max RSS of that process), CPU = user+system seconds of that process.",
             "", table(results), ""]
    fmt = (lambda value: "n/a" if value is None else f"{value:.2f}")  # noqa: E731
    lines += [
        f"- growth exponent of our time against N (least squares, log-log): {fmt(exponent)} "
        f"(baseline: {fmt(base_exponent)})",
        f"- CPU seconds (user+sys) at N={last.n}: baseline {last.baseline.cpu_seconds:.1f}, "
        f"ours {last.ours.cpu_seconds:.1f}",
    ]
    if last.bundle and not last.bundle.ok():
        lines.append(f"- `klantreis bundle` at N={last.n} FAILED (see Problems)")
    elif last.bundle:
        lines.append(f"- `klantreis bundle` at N={last.n}: {last.bundle.seconds:.1f} s, zip "
                     f"{_mb(last.zip_bytes)} MB")
    if last.check:
        lines.append(f"- `klantreis check` at N={last.n}: {last.check.seconds:.2f} s = "
                     f"{check_share:.1%} of the full build ({last.ours.seconds:.2f} s)")
    if linker:
        lines += [
            f"- term linker at T={linker.terms} ({linker.forms} forms), {linker.pages} pages "
            f"rendered with `markdown`: TermLinker {linker.linker_all_seconds:.2f} s for all pages "
            f"({1000 * linker.linker_all_seconds / max(linker.pages, 1):.2f} ms/page, automaton "
            f"built in {linker.build_seconds:.3f} s)",
            f"- naive (one regex per form, over each page's HTML) on {linker.naive_pages} pages: "
            f"{linker.naive_seconds:.2f} s vs TermLinker {linker.linker_seconds:.3f} s on the same "
            f"pages = {linker.speedup:.1f}x faster (compiling the regexes: "
            f"{linker.naive_compile_seconds:.2f} s, not counted); {linker.agreement}",
        ]
    for r in results:
        if r.nav and "error" not in r.nav:
            lines.append(
                f"- nav at N={r.n}: {r.nav.get('items')} entries ({r.nav.get('pages')} pages, "
                f"{r.nav.get('sections')} sections), term pages in nav: "
                f"{r.nav.get('term_pages_in_nav')}; with the mini fixture's config (no "
                f"not_in_nav): {r.nav_without.get('pages')} pages, "
                f"{r.nav_without.get('term_pages_in_nav')} of them term pages")
    lines += ["", "## Targets (reported, not asserted)", "",
              "| target | value | |", "|---|---:|---|",
              f"| full build <= {TARGETS['time_ratio']}x baseline at N={last.n} "
              f"| {last.time_ratio:.2f}x | {verdict(last.time_ratio, TARGETS['time_ratio'])} |",
              f"| peak memory <= {TARGETS['memory_ratio']}x baseline | {last.memory_ratio:.2f}x "
              f"| {verdict(last.memory_ratio, TARGETS['memory_ratio'])} |",
              f"| growth exponent <= {TARGETS['exponent']} | {fmt(exponent)} "
              f"| {verdict(exponent, TARGETS['exponent'])} |"]
    if linker:
        lines.append(f"| linker >= {TARGETS['linker_speedup']:.0f}x faster than naive "
                     f"| {linker.speedup:.1f}x "
                     f"| {verdict(linker.speedup, TARGETS['linker_speedup'], True)} |")
    if check_share is not None:
        lines.append(f"| check <= {TARGETS['check_share']:.0%} of a full build | {check_share:.1%} "
                     f"| {verdict(check_share, TARGETS['check_share'])} |")
    if problems:
        lines += ["", "## Problems", "", *[f"- {problem}" for problem in problems]]
    if profile_top:
        head = profile_top.split("## MkDocs event handlers")[0].strip().splitlines()
        lines += ["", f"## Profile (N={middle[0]}, T={middle[1]}; full: "
                  f"{profile_path.relative_to(ROOT)})", "", "```", *head[:45], "```"]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
