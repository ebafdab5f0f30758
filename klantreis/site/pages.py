"""The pages the engine adds to the site, as Markdown sources held in memory.

Each generated page is a little front matter plus calls to the engine's page macros; the
macros plugin renders them like any hand-written page, so text from the sources reaches the
page only as escaped macro output and is never read as a template.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import yaml

from ..content.knowledge import KnowledgeBase
from .render import Renderer

TERM_INDEX = "begrippen/index.md"
PHASE_INDEX = "fasen/index.md"
CHANNEL_INDEX = "kanalen/index.md"
JOURNEY_INDEX = "klantreizen/index.md"
WORKSHEET = "klantreizen/werkblad.md"
STARTER_FILE = "klantreizen/klantreis-sjabloon.yml"
SOURCES_INDEX = "bronnen/index.md"
# Pages made by the hundred use a theme template with a light navigation (see theme/kr-licht.html).
LIGHT_TEMPLATE = "kr-licht.html"


def term_page(slug: str) -> str:
    return f"begrippen/{slug}.md"


def phase_page(phase_id: str) -> str:
    return f"fasen/{phase_id}.md"


def channel_page(channel_id: str) -> str:
    return f"kanalen/{channel_id}.md"


def journey_page(slug: str) -> str:
    return f"klantreizen/{slug}.md"


@dataclass(frozen=True)
class GeneratedPage:
    """A page the engine adds: where it lives, its front matter and its body."""

    src_uri: str
    meta: dict[str, Any]
    body: str

    @property
    def in_nav(self) -> bool:
        """False for the pages made by the hundred (terms, channels): their indexes list them."""
        return self.meta.get("template") != LIGHT_TEMPLATE

    @cached_property
    def markdown(self) -> str:
        # Written when asked for: the preview and the link check list every generated page,
        # and need the Markdown of a few or none.
        front = yaml.dump(self.meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
        return f"---\n{front}---\n\n{self.body}\n"


# libyaml's emitter when PyYAML has it: hundreds of pages' front matter per build.
_Dumper: type = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


PLACEHOLDER = re.compile(r"<!-- kr:(_kr_\w+)\(([a-z0-9-]*)\) -->")
"""Where a generated page's blocks go; the engine fills them in after the macros plugin ran."""


def _call(macro: str, argument: str | None = None) -> str:
    # An HTML comment, not a macro call: the macros plugin need not compile generated pages,
    # and the blocks' output (text from the sources) is never read as a template.
    return f"<!-- kr:{macro}({argument or ''}) -->"


def generated_pages(kb: KnowledgeBase) -> list[GeneratedPage]:
    """Every page the engine adds, in a stable order."""
    pages = [
        GeneratedPage(
            PHASE_INDEX,
            {"title": "De vijf fasen", "description": _phases_summary(kb)},
            _call("_kr_fasen_pagina"),
        ),
        GeneratedPage(
            TERM_INDEX,
            {
                "title": "Begrippen van A tot Z",
                "description": "Alle begrippen over de klantreis, elk in één zin uitgelegd.",
            },
            _call("_kr_begrippen_pagina"),
        ),
        GeneratedPage(
            CHANNEL_INDEX,
            {
                "title": "Kanalen",
                "description": "Alle kanalen, online en offline, en de fasen die ze dienen.",
            },
            _call("_kr_kanalen_pagina"),
        ),
        GeneratedPage(
            JOURNEY_INDEX,
            {
                "title": "Klantreizen",
                "description": "Voorbeelden van klantreizen, elk vanuit één persona.",
            },
            _call("_kr_klantreizen_pagina"),
        ),
        GeneratedPage(
            WORKSHEET,
            {
                "title": "Werkblad klantreis",
                "description": "Vul in een workshop een klantreis in, in de browser of op papier, "
                "en zie meteen de kaart met de emotiecurve.",
                "begrippen_linken": False,
                "kr_print": "kaart",
                # The form and the map side by side need the width of the screen.
                "hide": ["navigation", "toc"],
            },
            _call("_kr_werkblad_pagina"),
        ),
    ]
    if kb.sources:
        pages.append(
            GeneratedPage(
                SOURCES_INDEX,
                {
                    "title": "Bronnen",
                    "description": "Waar de cijfers in deze kennisbank vandaan komen, en hoe oud "
                    "ze zijn.",
                },
                _call("_kr_bronnen_pagina"),
            )
        )
    for phase in kb.phases:
        pages.append(
            GeneratedPage(
                phase_page(phase.id),
                {"title": phase.title, "description": phase.goal, "kr_fasen": [phase.id]},
                _call("_kr_fase_pagina", phase.id),
            )
        )
    for channel in kb.channels.values():
        pages.append(
            GeneratedPage(
                channel_page(channel.id),
                {
                    "title": f"Kanaal: {channel.name}",
                    "description": channel.description,
                    "template": LIGHT_TEMPLATE,
                },
                _call("_kr_kanaal_pagina", channel.id),
            )
        )
    for journey in kb.journeys.values():
        meta = {
            "title": journey.title,
            "description": journey.description or journey.title,
            "kr_fasen": sorted({stage.phase for stage in journey.stages}),
            "kr_print": "kaart",
            # The map needs the width of the screen: no navigation and no table of contents.
            "hide": ["navigation", "toc"],
        }
        pages.append(
            GeneratedPage(
                journey_page(journey.slug), meta, _call("_kr_klantreis_pagina", journey.slug)
            )
        )
    for term in kb.terms.values():
        meta = {
            "title": term.title,
            "description": term.description,
            "kr_begrip": term.slug,
            "template": LIGHT_TEMPLATE,
            "kr_fasen": list(term.phases),
        }
        body = "\n".join(
            [
                _call("_kr_begrip_kop", term.slug),
                "",
                term.body.strip(),
                "",
                _call("_kr_begrip_voet", term.slug),
            ]
        )
        pages.append(GeneratedPage(term_page(term.slug), meta, body))
    return pages


def page_of_file(path: str, kb: KnowledgeBase) -> str | None:
    """The page that shows the text of a source file (docs/, glossary/ or journeys/)."""
    folder, _, name = path.partition("/")
    slug = name.rpartition(".")[0]
    if folder == "glossary":
        return term_page(slug)
    if folder == "journeys" and name in ("_phases.yml", "_models.yml"):
        return PHASE_INDEX
    if folder == "journeys" and name == "_channels.yml":
        return CHANNEL_INDEX
    if folder == "journeys" and slug in kb.journeys:
        return journey_page(slug)
    return next((page.src_uri for page in kb.pages if page.path == path), None)


def placeholder_pages(failed_paths: Iterable[str], existing: set[str]) -> list[GeneratedPage]:
    """In the preview: a page where a broken term or journey would be, instead of a 404.

    The red box with the errors is added to every page of the preview, this one included.
    """
    placeholders = {}
    for path in failed_paths:
        folder, _, name = path.partition("/")
        slug, _, suffix = name.rpartition(".")
        if name.startswith("_") or "/" in name or not slug:
            continue
        if folder == "glossary" and suffix == "md":
            src_uri = term_page(slug)
        elif folder == "journeys" and suffix in ("yml", "yaml"):
            src_uri = journey_page(slug)
        else:
            continue
        if src_uri not in existing:
            # No macros: the text names a file, and a file name is no template.
            meta = {
                "title": f"{slug} (bevat fouten)",
                "begrippen_linken": False,
                "render_macros": False,
            }
            placeholders[src_uri] = GeneratedPage(
                src_uri,
                meta,
                f"Deze pagina verschijnt weer zodra {path} klopt.",
            )
    return list(placeholders.values())


def _phases_summary(kb: KnowledgeBase) -> str:
    names = ", ".join(phase.name.lower() for phase in kb.phases)
    return f"De vijf fasen van de klantreis: {names}. Per fase het doel, de kanalen en wat je meet."


def starter_file(renderer: Renderer) -> bytes:
    """The starter journey a reader downloads: the same template `klantreis new` uses."""
    return renderer.render("scaffolds/klantreis.j2", title="Naam van de klantreis").encode()
