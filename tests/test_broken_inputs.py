"""Broken and odd inputs: each case a small knowledge base with its exact expected outcome.

Every case runs the real `klantreis check` (a representative subset also a real `klantreis build`
after a first good build) and asserts: the exit code (1 for content errors, 0 for odd but valid
input), every expected `path:line: message` line, no traceback, every seeded problem in one run,
and no source file touched. The messages are judged as the consultant reads them: the file and
line, what is wrong and how to fix it, in Dutch. Where the engine falls short, the expectation is
the message it should print.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import traceback
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from conftest import REPO, Files, glossary_data, make_project

from klantreis.cli import main

KLANTREIS = REPO / ".venv" / "bin" / "klantreis"
EXPLOIT = Path("/tmp/kr-gehackt-door-yaml")

VERA = (
    "title: Vera zoekt een afslankcoach\n"    # 1
    "description: Vera wil afvallen.\n"       # 2
    "persona:\n"                              # 3
    "  name: Vera\n"                          # 4
    "stages:\n"                               # 5
    "  - phase: aandacht\n"                   # 6
    "    title: Vera ziet een advertentie\n"  # 7
    "    channels: [google]\n"                # 8
    "    emotion: 1\n"                        # 9
    "  - phase: aankoop\n"                    # 10
    "    title: Vera boekt\n"                 # 11
    "    channels: [winkel]\n"                # 12
    "    emotion: 2\n"                        # 13
)


def vera(old: str, new: str) -> str:
    """The journey above with one piece of text replaced."""
    assert old in VERA
    return VERA.replace(old, new)


def term(title: str, description: str = "Een begrip.", extra: str = "",
         body: str = "Uitleg van het begrip.\n") -> str:
    """A glossary file: title on line 2, then the `extra` lines, then the description."""
    return f"---\ntitle: {title}\n{extra}description: {description}\n---\n{body}"


def doc(title: str, body: str, front: str = "") -> str:
    """A docs page; without `front` lines the body starts on line 6."""
    return f"---\ntitle: {title}\n{front}---\n# {title}\n\n{body}"


def quoted(text: str) -> str:
    """`text` as a single-quoted YAML scalar."""
    return "'" + text.replace("'", "''") + "'"


# Messages and hints that several cases share.
COLON = ("hier staat een dubbele punt die YAML niet verwacht. Staat er een ':' in je tekst, "
         "zet de tekst dan tussen aanhalingstekens; anders klopt de inspringing niet.")
NOT_UTF8 = ("het bestand is geen UTF-8 (onleesbare byte {byte}). "
            "Sla het bestand op als UTF-8 in je editor (vaak 'Opslaan als' > codering).")
SLUG = "de bestandsnaam is geen geldige slug (kleine letters, cijfers, koppeltekens)."
TAG = ("onbekende YAML-tag (zoals !!python/...). "
       "Haal de tag weg; schrijf gewone tekst, getallen of lijsten.")
ONE_WORD = "Een woord mag maar bij één begrip horen."
RANGE = "Gebruik -2 (heel negatief), -1, 0, 1 of 2 (heel positief)."
DEAD_LINK = ("de link 'gids/gids.md' wijst naar een pagina die niet bestaat. "
             "Controleer de map en de bestandsnaam (met .md).")
LINKED_OUT = ("dit bestand is een link naar een plek buiten het project. "
              "Kopieer het bestand in het project in plaats van ernaar te linken.")
NO_STEP = "Voeg een stap toe, of zeg met 'ending:' hoe de reis eerder afloopt."
MEGABYTE = ("woord " * 200_000)[:1_000_000]
LONG_JOURNEY = "title: Lange reis\npersona:\n  name: Sam\nstages:\n" + "".join(
    f"  - phase: aandacht\n    title: Stap {n}\n    emotion: {n % 5 - 2}\n" for n in range(10_000))
CHANNELS = (
    "- id: website\n  name: Website\n  online: true\n  description: Site.\n"        # 1-4
    "  phases:\n    aandacht: Gevonden.\n    overwegen: Vergelijken.\n"             # 5-7
    "- id: google\n  name: Google\n  online: true\n  description: Zoeken.\n"        # 8-11
    "- id: winkel\n  name: Winkel\n  online: false\n  description: Winkel.\n"       # 12-15
    "- id: website\n  name: Website 2\n  online: true\n  description: Twee.\n"      # 16-19
)
PHASES_SWAPPED = "".join(
    f"- id: {phase}\n  name: {phase.capitalize()}\n  title: {phase.capitalize()}\n  goal: Doel.\n"
    for phase in ["aandacht", "aankoop", "overweging", "service", "loyaliteit"])


@dataclass
class Case:
    name: str
    files: Files
    exit_code: int
    expected_lines: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    """Text that must not be in the output (follow-up errors of the one mistake)."""
    build: bool = False
    """Also run a real build, after a first good one."""


CASES: list[Case] = [
    # -- YAML ---------------------------------------------------------------------------------
    Case("yaml_unclosed_quote", {
        "journeys/vera.yml": vera("description: Vera", 'description: "Vera'),
    }, 1, [
        "journeys/vera.yml:2: het aanhalingsteken op deze regel wordt niet gesloten. "
        "Zet hetzelfde aanhalingsteken aan het eind van de tekst.",
    ]),
    Case("yaml_unclosed_bracket", {"journeys/vera.yml": vera("[google]", "[google")}, 1, [
        "journeys/vera.yml:8: de lijst die op deze regel met '[' begint, wordt niet gesloten. "
        "Zet een ']' aan het eind van de lijst.",
    ]),
    Case("yaml_colon_in_value", {
        "journeys/vera.yml": vera("title: Vera boekt", "title: Vera boekt: eindelijk"),
    }, 1, [f"journeys/vera.yml:11: {COLON}"]),
    Case("yaml_tab_indentation", {"journeys/vera.yml": vera("  name: Vera", "\tname: Vera")}, 1, [
        "journeys/vera.yml:4: er staat een tab in de YAML. Gebruik spaties om in te springen.",
    ], build=True),
    Case("yaml_indented_too_far", {
        "journeys/vera.yml": vera("    title: Vera boekt", "     title: Vera boekt"),
    }, 1, [f"journeys/vera.yml:11: {COLON}"]),
    Case("yaml_indented_too_little", {
        "journeys/vera.yml": vera("    emotion: 2", "  emotion: 2"),
    }, 1, [
        "journeys/vera.yml:13: de inspringing klopt niet. "
        "Laat deze regel even ver inspringen als de andere regels van hetzelfde blok.",
    ]),
    Case("yaml_list_where_mapping_belongs", {
        "journeys/vera.yml": vera("persona:\n  name: Vera\n", "persona:\n  - name: Vera\n"),
    }, 1, [
        "journeys/vera.yml:3: 'persona' moet een blok met sleutels (sleutel: waarde) zijn, "
        "gevonden: een lijst.",
    ]),
    Case("yaml_mapping_where_list_belongs", {
        "journeys/_phases.yml": "aandacht:\n  name: Aandacht\n  title: Aandacht\n  goal: Gezien.\n",
    }, 1, ["journeys/_phases.yml:1: verwacht een lijst van items ('- id: ...')."],
        absent=["onbekende fase 'aandacht'", "Kies de naam van een fase: ."]),
    Case("yaml_duplicate_key_in_stage", {
        "journeys/vera.yml": vera("    emotion: 2\n", "    emotion: 2\n    emotion: 1\n"),
    }, 1, [
        "journeys/vera.yml:14: de sleutel 'emotion' staat er twee keer in (eerst op regel 13). "
        "Voeg de twee samen of haal er een weg.",
    ]),
    Case("yaml_duplicate_key_in_front_matter", {
        "glossary/seo.md": term("SEO", extra="aliases: [zoekmachineoptimalisatie]\ntitle: Seo\n"),
    }, 1, [
        "glossary/seo.md:4: de sleutel 'title' staat er twee keer in (eerst op regel 2). "
        "Voeg de twee samen of haal er een weg.",
    ]),
    Case("unknown_keys_in_journey", {
        "journeys/vera.yml": vera("    emotion: 1\n", "    emotie: 1\n").replace("persona:", "persoon:"),
    }, 1, [
        "journeys/vera.yml:3: onbekend veld 'persoon'. Bedoel je 'persona'?",
        "journeys/vera.yml:9: onbekend veld 'emotie'. Bedoel je 'emotion'?",
    ]),
    Case("unknown_keys_in_glossary", {
        "glossary/seo.md": term("SEO", extra="alias: [zoekmachineoptimalisatie]\nfase: [aandacht]\n"),
    }, 1, [
        "glossary/seo.md:3: onbekend veld 'alias'. Bedoel je 'aliases'?",
        "glossary/seo.md:4: onbekend veld 'fase'. Bedoel je 'phases'?",
    ]),
    Case("emotion_hoog_and_7", {
        "journeys/vera.yml": vera("emotion: 1", "emotion: hoog").replace("emotion: 2", "emotion: 7"),
    }, 1, [
        "journeys/vera.yml:9: 'stages[1].emotion' moet een geheel getal zijn, gevonden: 'hoog'.",
        f"journeys/vera.yml:13: 'stages[2].emotion' moet tussen -2 en 2 liggen, gevonden: 7. {RANGE}",
    ], build=True),
    Case("emotion_with_decimals", {"journeys/vera.yml": vera("emotion: 1", "emotion: 1.5")}, 1, [
        "journeys/vera.yml:9: 'stages[1].emotion' moet een geheel getal zijn, gevonden: 1.5.",
    ]),
    Case("online_ja", {
        "journeys/vera.yml": vera("    emotion: 1\n", "    emotion: 1\n    online: ja\n"),
    }, 1, ["journeys/vera.yml:10: 'stages[1].online' moet true, false of mixed zijn, gevonden: 'ja'. true = online, false = offline, mixed = allebei."]),
    Case("pain_points_as_text", {"journeys/vera.yml": VERA + "    pain_points: Te duur\n"}, 1, [
        "journeys/vera.yml:14: 'stages[2].pain_points' moet een lijst (regels die beginnen met "
        "'- ' of [a, b]) zijn, gevonden: 'Te duur'.",
    ]),
    Case("empty_journey_file", {"journeys/leeg.yml": ""}, 1, [
        "journeys/leeg.yml: het bestand is leeg.",
    ]),
    Case("journey_file_with_only_comments", {"journeys/leeg.yml": "\n   \n# alleen commentaar\n"}, 1, [
        "journeys/leeg.yml: het bestand is leeg.",
    ]),
    Case("empty_glossary_file", {"glossary/leeg.md": ""}, 1, [
        "glossary/leeg.md: het bestand is leeg.",
    ], absent=["glossary/leeg.md:1: het verplichte veld"]),
    Case("glossary_without_front_matter", {
        "glossary/cta.md": "# CTA\n\nEen knop die tot actie aanzet.\n",
    }, 1, [
        "glossary/cta.md:1: de front matter ontbreekt. "
        "Zet bovenaan een blok tussen twee '---' regels met title: en description:.",
    ]),
    Case("glossary_with_only_front_matter", {
        "glossary/cta.md": "---\ntitle: CTA\ndescription: Een knop die tot actie aanzet.\n---\n",
    }, 1, [
        "glossary/cta.md:5: de uitleg onder de front matter ontbreekt. "
        "Schrijf onder de afsluitende '---' een uitleg van het begrip.",
    ]),
    Case("front_matter_never_closes", {
        "glossary/cta.md": "---\ntitle: CTA\ndescription: Een knop.\n\nDe uitleg zonder einde.\n",
    }, 1, [
        "glossary/cta.md:1: de front matter (het blok tussen '---' regels) wordt niet afgesloten. "
        "Zet een regel met alleen '---' onder de laatste sleutel.",
    ], build=True),
    Case("python_object_tag", {
        "journeys/vera.yml": vera("description: Vera wil afvallen.",
                                  f"description: !!python/object/apply:os.system ['touch {EXPLOIT}']"),
    }, 1, [f"journeys/vera.yml:2: {TAG}"], build=True),
    Case("colon_in_front_matter_and_python_tag", {
        "glossary/seo.md": "---\ntitle: SEO: vindbaarheid\ndescription: Vindbaar.\n---\nUitleg.\n",
        "glossary/cta.md": term("CTA", f"!!python/object/apply:os.system ['touch {EXPLOIT}']"),
    }, 1, [f"glossary/cta.md:3: {TAG}", f"glossary/seo.md:2: {COLON}"]),
    Case("title_is_a_number", {"glossary/vierhonderdvier.md": term("404", "Niet gevonden.")}, 1, [
        "glossary/vierhonderdvier.md:2: 'title' moet tekst zijn, gevonden: 404. "
        "Zet de waarde tussen aanhalingstekens.",
    ]),
    Case("empty_title", {"glossary/cta.md": term('""', "Een knop.")}, 1, [
        "glossary/cta.md:2: 'title' mag niet leeg zijn.",
    ]),
    Case("missing_required_fields", {
        "journeys/vera.yml": "description: Zonder titel.\npersona:\n  about: Iemand.\nstages: []\n",
    }, 1, [
        "journeys/vera.yml:1: het verplichte veld 'title' ontbreekt. Voeg 'title:' toe.",
        "journeys/vera.yml:2: het verplichte veld 'persona.name' ontbreekt. Voeg 'name:' toe.",
        "journeys/vera.yml:4: 'stages' moet minstens één item hebben.",
    ]),
    Case("journey_file_is_a_list", {"journeys/lijst.yml": "- title: Vera\n- title: Sam\n"}, 1, [
        "journeys/lijst.yml:1: het bestand moet een klantreis met sleutels zijn (title:, persona:, "
        "stages:), geen lijst. Zet elke klantreis in een eigen bestand, zonder '- ' voor title:.",
    ]),
    Case("docs_front_matter_not_a_mapping", {
        "docs/gids/afspraak.md": "---\nalleen tekst\n---\n# Afspraak\n\nTekst.\n",
    }, 1, ["docs/gids/afspraak.md:1: de front matter moet sleutels bevatten."]),
    # -- catalogues ---------------------------------------------------------------------------
    Case("phases_catalogue_missing", {"journeys/_phases.yml": None}, 1, [
        "journeys/_phases.yml: dit catalogusbestand ontbreekt.",
    ], absent=["onbekende fase 'aandacht'", "Kies de naam van een fase: ."]),
    Case("channels_catalogue_missing", {"journeys/_channels.yml": None}, 1, [
        "journeys/_channels.yml: dit catalogusbestand ontbreekt.",
    ], absent=["onbekend kanaal 'google'"]),
    Case("phases_in_wrong_order", {"journeys/_phases.yml": PHASES_SWAPPED}, 1, [
        "journeys/_phases.yml:1: de fasen moeten aandacht, overweging, aankoop, service, "
        "loyaliteit zijn, in die volgorde. "
        "Gevonden: aandacht, aankoop, overweging, service, loyaliteit.",
    ]),
    Case("duplicate_channel_and_unknown_phase_in_catalogue", {"journeys/_channels.yml": CHANNELS}, 1, [
        "journeys/_channels.yml:7: onbekende fase 'overwegen'. Bedoel je 'overweging'?",
        "journeys/_channels.yml:16: id 'website' komt dubbel voor.",
    ]),
    # -- references ---------------------------------------------------------------------------
    Case("unknown_phase_in_journey_term_and_page", {
        "journeys/vera.yml": vera("phase: aankoop", "phase: koop"),
        "glossary/cta.md": term("CTA", extra="phases: [aandacht, overwegen]\n"),
        "docs/gids/afspraak.md": doc("Afspraak", "Tekst.\n", front="phases: [Aankoop]\n"),
    }, 1, [
        "docs/gids/afspraak.md:3: onbekende fase 'Aankoop'. Bedoel je 'aankoop'?",
        "glossary/cta.md:3: onbekende fase 'overwegen'. Bedoel je 'overweging'?",
        "journeys/vera.yml:10: onbekende fase 'koop'. Bedoel je 'aankoop'?",
    ], build=True),
    Case("unknown_channels", {
        "journeys/vera.yml": vera("channels: [google]", "channels: [google, instagram, websit]"),
    }, 1, [
        "journeys/vera.yml:8: onbekend kanaal 'instagram'. Kies uit: google, website, winkel.",
        "journeys/vera.yml:8: onbekend kanaal 'websit'. Bedoel je 'website'?",
    ]),
    Case("unknown_related_terms", {
        "glossary/cta.md": term("CTA", extra="related: [seo, conversies, landingspagina]\n"),
    }, 1, [
        "glossary/cta.md:3: onbekend begrip 'conversies'. Bedoel je 'conversie'?",
        "glossary/cta.md:3: onbekend begrip 'landingspagina'. "
        "Kies uit: conversie, cta, google-ads, seo.",
    ]),
    Case("unknown_journey_in_macro", {
        "docs/gids/gids.md": doc("Gids", 'Tekst.\n\n{{ klantreis_kaart("onbekend") }}\n'
                                         "{{ emotiecurve('ver') }}\n"),
    }, 1, [
        "docs/gids/gids.md:8: onbekende klantreis 'onbekend' in klantreis_kaart(...). "
        "Kies uit: vera.",
        "docs/gids/gids.md:9: onbekende klantreis 'ver' in emotiecurve(...). Bedoel je 'vera'?",
    ], build=True),
    Case("unknown_phase_in_macro", {
        "docs/gids/afspraak.md": doc("Afspraak", "{{ fase_sjabloon('aandachtt') }}\n"),
    }, 1, [
        "docs/gids/afspraak.md:6: onbekende fase 'aandachtt' in fase_sjabloon(...). "
        "Bedoel je 'aandacht'?",
    ]),
    Case("two_terms_claim_the_same_word", {
        "glossary/cta.md": term("CTA", extra="aliases: [call to action, conversies]\n"),
        "glossary/zoekmachine-optimalisatie.md": term("zoekmachineoptimalisatie"),
    }, 1, [
        f"glossary/cta.md:3: 'conversies' is ook een naam van glossary/conversie.md. {ONE_WORD}",
        "glossary/seo.md:3: 'zoekmachineoptimalisatie' is ook een naam van "
        f"glossary/zoekmachine-optimalisatie.md. {ONE_WORD}",
    ], build=True),
    Case("alias_equal_to_title", {"glossary/cta.md": term("CTA", extra="aliases: [cta, CTA's]\n")}, 1, [
        "glossary/cta.md:3: de alias 'cta' is gelijk aan de titel. Haal de alias weg.",
    ]),
    Case("same_slug_in_different_case", {"glossary/SEO.md": term("Search engine optimization")}, 1, [
        "glossary/SEO.md: de bestandsnaam is geen geldige slug, en 'seo.md' bestaat al. Voeg de "
        "twee samen, of geef dit bestand een andere naam in kleine letters, cijfers en koppeltekens.",
    ], absent=["Hernoem het bestand naar 'seo.md'"]),
    Case("term_related_to_itself", {"glossary/cta.md": term("CTA", extra="related: [cta]\n")}, 1, [
        "glossary/cta.md:3: een begrip kan niet aan zichzelf verwant zijn.",
    ]),
    Case("unknown_article_category", {
        "docs/artikelen/posts/nieuw.md": "---\ndate: 2026-10-05\nauthors: [marieke]\n"
                                         "categories: [Aandachtt]\n---\n# Nieuw\n\nTekst.\n",
    }, 1, [
        "docs/artikelen/posts/nieuw.md:4: onbekende categorie 'Aandachtt'. "
        "Kies de naam van een fase: Aandacht, Aankoop, Loyaliteit, Overweging, Service.",
    ]),
    Case("unknown_macro_and_macro_syntax_error", {
        "docs/gids/gids.md": doc("Gids", "{{ begripp('seo') }}\n"),
        "docs/gids/afspraak.md": doc("Afspraak", "Tekst.\n\n{{ begrip('seo' }}\n"),
    }, 1, [
        "docs/gids/afspraak.md:8: fout in een macro: er ontbreekt een ')'. "
        "Controleer de {{ }} en {% %} op deze regel.",
        "docs/gids/gids.md:6: onbekende macro of variabele 'begripp'. Bedoel je 'begrip'?",
    ]),
    Case("broken_link", {
        "docs/gids/afspraak.md": doc("Afspraak", "Zie [de gids](gids/gids.md).\n"),
    }, 1, [f"docs/gids/afspraak.md:6: {DEAD_LINK}"], build=True),
    Case("broken_link_macro_and_yaml_error_in_one_run", {
        "docs/gids/afspraak.md": doc("Afspraak", "Zie [de gids](gids/gids.md).\n"),
        "docs/index.md": doc("Home", "{{ fase('aandachtt') }}\n"),
        "journeys/vera.yml": vera("  name: Vera", "  name: Vera\n  naam: Vera"),
    }, 1, [
        f"docs/gids/afspraak.md:6: {DEAD_LINK}",
        "docs/index.md:6: onbekende fase 'aandachtt' in fase(...). Bedoel je 'aandacht'?",
        "journeys/vera.yml:5: onbekend veld 'naam'. Bedoel je 'name'?",
    ], build=True),
    # -- encodings ----------------------------------------------------------------------------
    Case("byte_order_mark_is_fine", {
        "glossary/seo.md": b"\xef\xbb\xbf" + term(
            "SEO", "Vindbaar worden.", "aliases: [zoekmachineoptimalisatie]\n").encode(),
        "journeys/vera.yml": b"\xef\xbb\xbf" + VERA.encode(),
        "docs/gids/afspraak.md": b"\xef\xbb\xbf" + doc("Afspraak", "Tekst.\n").encode(),
    }, 0, [], build=True),
    Case("crlf_line_ends_are_fine", {
        "glossary/seo.md": term("SEO", "Vindbaar worden.", "aliases: [zoekmachineoptimalisatie]\n")
        .replace("\n", "\r\n").encode(),
        "journeys/vera.yml": VERA.replace("\n", "\r\n").encode(),
        "docs/gids/afspraak.md": doc("Afspraak", "Tekst.\n").replace("\n", "\r\n").encode(),
    }, 0, [], build=True),
    Case("crlf_keeps_line_numbers", {
        "journeys/vera.yml": vera("emotion: 2", "emotion: 7").replace("\n", "\r\n").encode(),
    }, 1, [
        f"journeys/vera.yml:13: 'stages[2].emotion' moet tussen -2 en 2 liggen, gevonden: 7. {RANGE}",
    ]),
    Case("latin1_bytes", {
        "glossary/cta.md": term("CTA", "Een knop in het caf\xe9.").encode("latin-1"),
        "journeys/vera.yml": vera("Vera boekt", "Vera boekt een caf\xe9").encode("latin-1"),
    }, 1, [
        "glossary/cta.md:3: " + NOT_UTF8.format(byte="0xe9"),
        "journeys/vera.yml:11: " + NOT_UTF8.format(byte="0xe9"),
    ], build=True),
    Case("utf16_file", {"glossary/cta.md": term("CTA").encode("utf-16")}, 1, [
        "glossary/cta.md:1: " + NOT_UTF8.format(byte="0xff"),
    ]),
    # Found by the loader fuzzing: PyYAML starts a line at U+2028 and U+0085, an editor does not.
    Case("unicode_line_separators_keep_line_numbers", {
        "journeys/vera.yml": vera("Vera wil afvallen.", "Vera wil\u2028 afvallen\x85 echt.")
        .replace("emotion: 2", "emotion: 5"),
    }, 1, [f"journeys/vera.yml:13: 'stages[2].emotion' moet tussen -2 en 2 liggen, gevonden: 5. {RANGE}"]),
    # Found by the loader fuzzing: a key with a line break made a message span several lines.
    Case("line_break_in_a_key_stays_on_one_line", {
        "journeys/vera.yml": vera("persona:\n", "? 'regel\n\n  regel'\n: x\npersona:\n"),
    }, 1, ["journeys/vera.yml:3: onbekend veld 'regel\\nregel'. Kies uit: bron, description, ending, "
           "opportunities, persona, sector, stages, title."]),
    # Found by the loader fuzzing: an id that is a list made `check` crash with a traceback.
    Case("catalogue_id_of_the_wrong_type", {
        "journeys/_models.yml": "- id: []\n  name: AIDA\n  stages:\n  - name: Attention\n"
                                "    phases: [aandacht]\n",
    }, 1, ["journeys/_models.yml:1: 'id' moet tekst zijn, gevonden: een lijst."]),
    # Found by the loader fuzzing: a YAML error at the very end was reported one line past it.
    Case("yaml_error_on_the_last_line", {
        "journeys/_models.yml": "- id: aida\n  name: AIDA\n  stages:\n  - name: Attention\n"
                                "    phases: [aandacht]\n!!x y\n",
    }, 1, [
        "journeys/_models.yml:6: de YAML op deze regel klopt niet. "
        "Controleer inspringing, dubbele punten en aanhalingstekens.",
    ]),
    # Found by the loader fuzzing: a NUL byte in YAML made `check` crash with a traceback.
    Case("control_characters_in_yaml", {
        "journeys/vera.yml": vera("Vera boekt", "Vera\x00boekt").encode(),
        "glossary/cta.md": term("CTA", "Een knop\x07.").encode(),
    }, 1, [
        "glossary/cta.md:3: op deze regel staat een onzichtbaar teken dat niet mag (code 0x07). "
        "Typ de regel opnieuw, of sla het bestand op als gewone tekst (UTF-8).",
        "journeys/vera.yml:11: op deze regel staat een onzichtbaar teken dat niet mag (code 0x00). "
        "Typ de regel opnieuw, of sla het bestand op als gewone tekst (UTF-8).",
    ], build=True),
    Case("emoji_and_accents_in_titles", {
        "glossary/cafe.md": term("Café-bezoek ☕", "Een bezoek aan het café, met een 😀."),
        "journeys/vera.yml": vera("Vera boekt", "Vera boekt 🎉 een crème-behandeling"),
        "docs/gids/afspraak.md": doc("Afspraak ✨ één", "Een Café-bezoek ☕ hier.\n"),
    }, 0, [], build=True),
    Case("accent_in_file_name", {"glossary/café.md": term("Café")}, 1, [
        f"glossary/café.md: {SLUG} Hernoem het bestand naar 'cafe.md'.",
    ]),
    Case("emoji_in_file_name", {"journeys/sam-🚲.yml": VERA.replace("Vera", "Sam")}, 1, [
        f"journeys/sam-🚲.yml: {SLUG} Hernoem het bestand naar 'sam.yml'.",
    ]),
    # -- hostile or odd text ------------------------------------------------------------------
    Case("template_syntax_in_journey_field_is_text", {
        "journeys/vera.yml": vera("description: Vera wil afvallen.",
                                  "description: 'Vera typt {{ naam }} en {% if %}.'"),
    }, 0, [], build=True),
    Case("template_syntax_in_markdown_body", {
        "docs/gids/afspraak.md": doc("Afspraak", "Tekst.\n\nSchrijf {{ naam }} hier.\n\n"
                                                 "{% if klant %}Ja{% endif %}\n"),
    }, 1, [
        "docs/gids/afspraak.md:8: onbekende macro of variabele 'naam'. Bedoel je 'kanaal'?",
        "docs/gids/afspraak.md:10: onbekende macro of variabele 'klant'. Bedoel je 'klantreis'?",
    ], build=True),
    Case("template_syntax_in_term_explanation", {
        "glossary/cta.md": term("CTA", body="Uitleg.\n\nEen {{ variabele }} in de tekst.\n"),
    }, 1, [
        "glossary/cta.md:7: onbekende macro of variabele 'variabele'. Kies uit: begrip, "
        "begrippen_van_fase, emotiecurve, fase, fase_sjabloon, kanaal, kanalen_van_fase, "
        "kanalenmatrix, ...",
    ]),
    # Decision: a definition is the tooltip and the meta description: one sentence. A megabyte
    # there is a paste in the wrong field and would add a megabyte to every page that names the
    # term (the build makes a 5 MB term page); so it is a content error with a clear message.
    Case("one_megabyte_definition", {"glossary/lang.md": term("Lang begrip", MEGABYTE)}, 1, [
        "glossary/lang.md:3: de definitie is te lang (1000000 tekens). Houd 'description' bij "
        "één zin van hoogstens 300 tekens; zet de rest in de uitleg onder de front matter.",
    ]),
    Case("ten_thousand_stages", {"journeys/lang.yml": LONG_JOURNEY}, 0, [
        "journeys/lang.yml: waarschuwing: geen stap in de fase(n) Overweging, Aankoop, Service, "
        f"Loyaliteit. {NO_STEP}",
    ]),
    # -- file names ---------------------------------------------------------------------------
    Case("file_name_with_spaces", {"glossary/call to action.md": term("CTA")}, 1, [
        f"glossary/call to action.md: {SLUG} Hernoem het bestand naar 'call-to-action.md'.",
    ]),
    Case("file_name_with_dot_dot", {"glossary/a..b.md": term("A/B")}, 1, [
        f"glossary/a..b.md: {SLUG} Hernoem het bestand naar 'a-b.md'.",
    ]),
    Case("editor_backup_files_are_ignored", {
        "glossary/.seo.md.swp": b"\x00\x01binair",
        "journeys/vera.yml~": "kapot: [",
        "journeys/.~lock.vera.yml#": "kapot: [",
        "docs/gids/.concept.md": "---\nkapot: [\n---\n",
    }, 0, []),
    Case("yaml_extension_journey", {"journeys/sam.yaml": VERA.replace("Vera", "Sam")}, 0, [
        "journeys/sam.yaml: waarschuwing: geen stap in de fase(n) Overweging, Service, "
        f"Loyaliteit. {NO_STEP}",
    ]),
]

BUILD_CASES = [case for case in CASES if case.build]


# -- helpers ----------------------------------------------------------------------------------

def run(*args: str) -> tuple[int, str]:
    """The real CLI in-process; an escaping exception shows up as its traceback in the output."""
    result = CliRunner().invoke(main, list(args))
    output = result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        output += "".join(traceback.format_exception(*result.exc_info))
    return result.exit_code, output


BUILD_OUTPUT = ("site", ".cache", "__pycache__")
"""What a build may write in the project: the site, the feed plugin's cache, Python's cache."""


def snapshot(root: Path, skip: tuple[str, ...] = ("site",)) -> dict[str, bytes | str]:
    """Every file under `root` (its bytes; a link: its target), except top-level `skip` entries."""
    files: dict[str, bytes | str] = {}
    for folder, dirs, names in os.walk(root):
        here = Path(folder)
        rel_folder = here.relative_to(root)
        if rel_folder == Path("."):
            dirs[:] = [name for name in dirs if name not in skip]
            names = [name for name in names if name not in skip]
        dirs[:] = [name for name in dirs if name != "__pycache__"]
        for name in names + [name for name in dirs if (here / name).is_symlink()]:
            path = here / name
            rel = (rel_folder / name).as_posix()
            files[rel] = f"-> {os.readlink(path)}" if path.is_symlink() else path.read_bytes()
    return files


def site_files(root: Path) -> dict[str, bytes | str]:
    return snapshot(root / "site", skip=())


def missing_lines(expected: list[str], output: str) -> list[str]:
    """The expected lines that are not, exactly, a line of the output."""
    lines = {line.strip() for line in output.splitlines()}
    return [line for line in expected if line not in lines]


def assert_outcome(case: Case, code: int, output: str) -> None:
    shown = "\n\nuitvoer:\n" + output[:6000]
    assert "Traceback" not in output, output
    missing = missing_lines(case.expected_lines, output)
    assert not missing, "niet (precies zo) gemeld:\n" + "\n".join(missing) + shown
    present = [text for text in case.absent if text in output]
    assert not present, "vervolgfouten gemeld:\n" + "\n".join(present) + shown
    assert code == case.exit_code, shown


def staging_leftovers(root: Path) -> list[str]:
    """Folders and files a build leaves next to site/ (.site-xxxx staging, .site-oud)."""
    return sorted(path.name for path in root.iterdir() if path.name.startswith(".site"))


# -- every case through `klantreis check` ------------------------------------------------------

@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_check(case: Case, tmp_path: Path) -> None:
    root = make_project(tmp_path / "kb", case.files)
    before = snapshot(root)
    code, output = run("check", "--project", str(root))
    assert_outcome(case, code, output)
    assert snapshot(root) == before, "check heeft bronbestanden veranderd"
    assert not EXPLOIT.exists()


def test_the_suite_covers_enough_cases() -> None:
    assert len(CASES) >= 45
    assert len({case.name for case in CASES}) == len(CASES)
    assert sum(1 for case in CASES if len(case.expected_lines) >= 2) >= 10
    assert {case.exit_code for case in BUILD_CASES} == {0, 1}


# -- a representative subset through `klantreis build`, after a first good build ----------------

@pytest.mark.parametrize("case", BUILD_CASES, ids=[case.name for case in BUILD_CASES])
def test_build_after_a_good_build(case: Case, tmp_path: Path) -> None:
    root = make_project(tmp_path / "kb")
    code, output = run("build", "--project", str(root))
    assert code == 0, output
    site_before = site_files(root)
    make_project(root, case.files)
    sources_before = snapshot(root, BUILD_OUTPUT)
    code, output = run("build", "--project", str(root))
    assert "Traceback" not in output, output
    if case.exit_code == 1:
        assert code == 1, output
        assert "De vorige site is niet aangeraakt." in output
        assert site_files(root) == site_before, "een mislukte build heeft de vorige site veranderd"
    else:
        assert code == 0, output
        assert (root / "site" / "index.html").is_file()
    missing = missing_lines(case.expected_lines, output)
    assert not missing, "build meldt niet (precies zo):\n" + "\n".join(missing) + "\n\n" + output
    assert staging_leftovers(root) == []
    assert snapshot(root, BUILD_OUTPUT) == sources_before, "build heeft bronbestanden veranderd"
    assert not EXPLOIT.exists()


# -- file system -----------------------------------------------------------------------------

def test_symlinked_files_out_of_the_project(tmp_path: Path) -> None:
    outside = tmp_path / "buiten"
    outside.mkdir()
    (outside / "geheim.md").write_text(term("Geheim"), encoding="utf-8")
    (outside / "passwd").write_text("root:x:0:0\n", encoding="utf-8")
    root = make_project(tmp_path / "kb")
    (root / "glossary" / "geheim.md").symlink_to(outside / "geheim.md")
    (root / "docs" / "gids" / "wachtwoorden.md").symlink_to(outside / "passwd")
    before = snapshot(root)
    code, output = run("check", "--project", str(root))
    assert_outcome(Case("symlinks", {}, 1, [
        f"docs/gids/wachtwoorden.md: {LINKED_OUT}",
        f"glossary/geheim.md: {LINKED_OUT}",
    ]), code, output)
    assert snapshot(root) == before
    code, output = run("build", "--project", str(root))
    assert code == 1 and "Traceback" not in output, output
    assert f"glossary/geheim.md: {LINKED_OUT}" in output
    assert not (root / "site").exists()


def _project_with_linked_folder(tmp_path: Path) -> Path:
    outside = tmp_path / "buiten"
    outside.mkdir()
    (outside / "geheim.md").write_text(doc("Geheim", "Niet publiceren.\n"), encoding="utf-8")
    root = make_project(tmp_path / "kb")
    (root / "docs" / "extern").symlink_to(outside, target_is_directory=True)
    return root


def test_check_reports_a_symlinked_folder_out_of_the_project(tmp_path: Path) -> None:
    root = _project_with_linked_folder(tmp_path)
    before = snapshot(root)
    code, output = run("check", "--project", str(root))
    assert_outcome(Case("symlinked_folder", {}, 1, [
        "docs/extern: deze map is een link naar een plek buiten het project. "
        "Kopieer de map in het project in plaats van ernaar te linken.",
    ]), code, output)
    assert snapshot(root) == before


def test_build_does_not_publish_a_symlinked_folder_out_of_the_project(tmp_path: Path) -> None:
    root = _project_with_linked_folder(tmp_path)
    code, output = run("build", "--project", str(root))
    assert "Traceback" not in output, output
    assert not (root / "site" / "extern").exists(), "een map van buiten het project is gepubliceerd"
    assert code == 1, output


def test_site_is_a_file_instead_of_a_folder(tmp_path: Path) -> None:
    # Tests run as root, so a read-only site/ would not stop a write; a file named site does.
    root = make_project(tmp_path / "kb")
    (root / "site").write_text("mijn aantekeningen\n", encoding="utf-8")
    sources = snapshot(root, BUILD_OUTPUT)
    code, output = run("build", "--project", str(root))
    assert "Traceback" not in output, output
    expected = (f"Bouwen mislukt: {root.resolve() / 'site'} is een bestand, geen map. "
                "Hernoem of verwijder het bestand en bouw opnieuw.")
    assert missing_lines([expected], output) == [], output
    assert code == 1, output
    assert (root / "site").read_text(encoding="utf-8") == "mijn aantekeningen\n"
    assert staging_leftovers(root) == []
    assert snapshot(root, BUILD_OUTPUT) == sources


# -- a build killed half-way ---------------------------------------------------------------------

def _kill_when(process: subprocess.Popen, ready: Callable[[], bool], limit: float = 60.0) -> bool:
    """SIGKILL `process` as soon as `ready()` is true; False if it finished first."""
    started = time.monotonic()
    while process.poll() is None and time.monotonic() - started < limit:
        if ready():
            process.send_signal(signal.SIGKILL)
            process.wait()
            return True
        time.sleep(0.005)
    process.kill()
    process.wait()
    return False


def _start(root: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([str(KLANTREIS), "build", *args, "--project", str(root)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def kill_build_half_way(root: Path) -> None:
    """Start a real `klantreis build`; SIGKILL it while the new site is half written.

    That is about 0.5-1 s after the start: as soon as the staging folder holds its first pages.
    """
    def half_written() -> bool:
        return any(any(staging.rglob("*.html")) for staging in root.glob(".site-*")
                   if staging.is_dir() and staging.name != ".site-oud")

    assert _kill_when(_start(root), half_written), "de build was klaar voordat hij half was"


def kill_bundle_half_way(root: Path) -> None:
    """Start `klantreis build --bundel`; SIGKILL it while the zip is being written."""
    def zip_half_written() -> bool:
        dist = root / "dist"
        return dist.is_dir() and any(path.stat().st_size > 0 for path in dist.glob(".*.zip*"))

    assert _kill_when(_start(root, "--bundel"), zip_half_written), "de bundel was al klaar"


def _change_a_page(root: Path) -> None:
    (root / "docs" / "gids" / "afspraak.md").write_text(doc("Afspraak", "Nieuwe tekst.\n"),
                                                        encoding="utf-8")


def test_interrupted_build_keeps_the_previous_site(tmp_path: Path) -> None:
    root = make_project(tmp_path / "kb")
    code, output = run("build", "--project", str(root))
    assert code == 0, output
    site_before = site_files(root)
    index_before = (root / "site" / "index.html").read_bytes()
    _change_a_page(root)
    kill_build_half_way(root)
    assert (root / "site" / "index.html").read_bytes() == index_before
    assert site_files(root) == site_before, "na een afgebroken build is de vorige site niet compleet"


def test_interrupted_bundle_leaves_no_half_zip(tmp_path: Path) -> None:
    root = make_project(tmp_path / "kb")
    code, output = run("build", "--bundel", "--project", str(root))
    assert code == 0, output
    zips_before = {path.name: path.read_bytes() for path in (root / "dist").glob("*.zip")}
    assert len(zips_before) == 1
    _change_a_page(root)
    kill_bundle_half_way(root)
    zips_after = {path.name: path.read_bytes() for path in (root / "dist").glob("*.zip")}
    assert zips_after == zips_before, "een afgebroken bundel heeft de zip veranderd"
    for path in (root / "dist").glob("*.zip"):
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None


def test_next_build_cleans_up_after_interrupted_ones(tmp_path: Path) -> None:
    root = make_project(tmp_path / "kb")
    code, output = run("build", "--bundel", "--project", str(root))
    assert code == 0, output
    _change_a_page(root)
    kill_build_half_way(root)
    kill_bundle_half_way(root)
    code, output = run("build", "--bundel", "--project", str(root))
    assert code == 0, output
    page = (root / "site" / "gids" / "afspraak" / "index.html").read_text(encoding="utf-8")
    assert "Nieuwe tekst." in page
    half_zips = sorted(path.name for path in (root / "dist").iterdir()
                       if not path.name.endswith(".zip"))
    leftovers = {"halve sites": staging_leftovers(root), "halve zips": half_zips}
    assert leftovers == {"halve sites": [], "halve zips": []}, "resten van afgebroken builds"


# -- hostile text: escaped everywhere it reaches the site --------------------------------------

HOSTILE = ('<script>alert("kr-xss")</script> "dubbel" \'enkel\' '
           '<img src=x onerror="alert(\'kr-xss\')">')


def _soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def _assert_no_markup_from_sources(site: Path) -> None:
    """No page turns the hostile text into a script, an element or an event handler."""
    for path in site.rglob("*.html"):
        raw = path.read_text(encoding="utf-8")
        assert '<script>alert("kr-xss")' not in raw and "<img src=x" not in raw, path
        for element in BeautifulSoup(raw, "html.parser").find_all(True):
            for name, value in element.attrs.items():
                assert not (name.lower().startswith("on") and "kr-xss" in str(value)), path
            assert not (element.name == "img" and element.get("src") == "x"), path
            if element.name == "script" and "kr-xss" in element.get_text():
                # Only the JSON-LD may carry the text, as JSON with '<' escaped.
                assert element.get("type") == "application/ld+json", (path, element)
                assert "<" not in element.get_text()
                json.loads(element.get_text())


def test_script_and_quotes_in_definition_and_journey_are_only_text(tmp_path: Path) -> None:
    journey = (vera("  name: Vera", f"  name: {quoted(HOSTILE)}")
               .replace("title: Vera boekt", f"title: {quoted(HOSTILE)}")
               + f"    does: {quoted(HOSTILE)}\n")
    root = make_project(tmp_path / "kb", {
        "glossary/cta.md": term("CTA", quoted(HOSTILE), body="Een CTA is een knop.\n"),
        "journeys/vera.yml": journey,
        "docs/gids/afspraak.md": doc("Afspraak", "Klik op de CTA.\n\n{{ klantreis_kaart('vera') }}\n\n"
                                     "{{ emotiecurve('vera') }}\n"),
    })
    code, output = run("check", "--project", str(root))
    assert code == 0 and "Traceback" not in output, output
    code, output = run("build", "--project", str(root))
    assert code == 0, output
    site = root / "site"
    _assert_no_markup_from_sources(site)

    # The term page: the definition as text, as the meta description and in the JSON-LD.
    term_page = _soup(site, "begrippen/cta")
    assert term_page.select_one('meta[name="description"]')["content"] == HOSTILE
    assert term_page.select_one('meta[property="og:description"]')["content"] == HOSTILE
    assert HOSTILE in term_page.select_one("article").get_text()
    data = [json.loads(script.get_text())
            for script in term_page.select('script[type="application/ld+json"]')]
    assert [item["description"] for item in data if item["@type"] == "DefinedTerm"] == [HOSTILE]

    # The tooltip of the linked term.
    link = _soup(site, "gids/afspraak").select_one('article a.kr-begrip[data-begrip="cta"]')
    assert link is not None and link.attrs.keys() == {"class", "href", "data-begrip"}
    assert glossary_data(site)["cta"]["uitleg"] == HOSTILE
    assert "<img" not in (site / "assets" / "klantreis" / "begrippen.js").read_text()

    # The journey map table and the emotion curve, on the journey page and in a guide.
    for url in ("klantreizen/vera", "gids/afspraak"):
        soup = _soup(site, url)
        table = soup.select_one("table.kr-kaart")
        assert table.select("script, img") == []
        assert any(cell.get_text().endswith(f" {HOSTILE}") for cell in table.select("th.kr-stap"))
        assert HOSTILE in [cell.get_text().strip() for cell in table.select("td")]
        region = soup.select_one(".kr-kaart-scroll")
        assert region["aria-label"] == f"Klantreiskaart van {HOSTILE}, scrollt zijwaarts"
    # The standalone emotion curve of the emotiecurve macro.
    svg = _soup(site, "gids/afspraak").select_one("figure.kr-emotiecurve svg")
    for tag in svg.find_all(["desc", "title"]):
        assert tag.find(True) is None, tag
    assert svg.find("title").get_text() == f"Emotiecurve van {HOSTILE}"
    assert f"Stap 2, {HOSTILE}: " in svg.find("desc").get_text()

    # The search index holds the text, escaped only.
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = [entry.get("title", "") + " " + entry.get("text", "") for entry in index["docs"]]
    assert any("&lt;script&gt;alert(" in text for text in texts)
    assert not any("<script" in text.lower() or "<img" in text.lower() for text in texts)


def test_template_syntax_in_a_definition_is_shown_literally(tmp_path: Path) -> None:
    definition = "Schrijf {{ naam }} of {% if klant %}ja{% endif %} in je mail."
    root = make_project(tmp_path / "kb", {
        "glossary/placeholder.md": term("Placeholder", quoted(definition)),
        "docs/gids/afspraak.md": doc("Afspraak", "Gebruik een placeholder.\n"),
        "journeys/vera.yml": vera("    emotion: 2\n", "    emotion: 2\n    does: 'Typt {{ naam }}.'\n"),
    })
    code, output = run("check", "--project", str(root))
    assert code == 0 and "Traceback" not in output, output
    code, output = run("build", "--project", str(root))
    assert code == 0, output
    site = root / "site"
    term_page = _soup(site, "begrippen/placeholder")
    assert definition in term_page.select_one("article").get_text()
    assert term_page.select_one('meta[name="description"]')["content"] == definition
    link = _soup(site, "gids/afspraak").select_one('article a.kr-begrip[data-begrip="placeholder"]')
    assert link is not None and glossary_data(site)["placeholder"]["uitleg"] == definition
    assert definition in _soup(site, "begrippen").select_one("article").get_text()
    cells = [td.get_text() for td in _soup(site, "klantreizen/vera").select("table.kr-kaart td")]
    assert "Typt {{ naam }}." in cells


def test_terms_with_regex_characters_still_link(tmp_path: Path) -> None:
    root = make_project(tmp_path / "kb", {
        "glossary/c-plus-plus.md": term("C++", "Een programmeertaal."),
        "glossary/a-b-test.md": term("A/B-test", "Twee versies vergelijken.",
                                     "aliases: [A/B-testen]\n"),
        "glossary/e-mail.md": term("e-mail", "Een elektronische brief."),
        "glossary/prijs.md": term("prijs (excl. btw)", "De prijs zonder btw.",
                                  "aliases: ['*korting*', '[actie]']\n"),
        "docs/gids/afspraak.md": doc(
            "Afspraak", "Wij schrijven C++, doen een A/B-test per e-mail en noemen de prijs "
                        "(excl. btw).\n\nMaar CC++ en xe-mail en C+ zijn geen begrippen.\n"),
    })
    code, output = run("check", "--project", str(root))
    assert code == 0 and "Traceback" not in output, output
    code, output = run("build", "--project", str(root))
    assert code == 0, output
    article = _soup(root / "site", "gids/afspraak").select_one("article")
    links = {link["data-begrip"]: (link.get_text(), link["href"])
             for link in article.select("a.kr-begrip")}
    assert links == {
        "c-plus-plus": ("C++", "../../begrippen/c-plus-plus/"),
        "a-b-test": ("A/B-test", "../../begrippen/a-b-test/"),
        "e-mail": ("e-mail", "../../begrippen/e-mail/"),
        "prijs": ("prijs (excl. btw)", "../../begrippen/prijs/"),
    }
    for slug in links:
        assert (root / "site" / "begrippen" / slug / "index.html").is_file()
    last = article.find_all("p")[-1]
    assert last.find("a") is None
    assert last.get_text() == "Maar CC++ en xe-mail en C+ zijn geen begrippen."


@pytest.mark.parametrize("name", ["emotion_hoog_and_7", "latin1_bytes", "crlf_line_ends_are_fine"])
def test_the_installed_command_says_the_same(name: str, tmp_path: Path) -> None:
    """The cases run in-process; the installed `klantreis` gives the same output and exit code."""
    case = next(case for case in CASES if case.name == name)
    root = make_project(tmp_path / "kb", case.files)
    process = subprocess.run([str(KLANTREIS), "check", "--project", str(root)],
                             capture_output=True, text=True, timeout=120)
    assert_outcome(case, process.returncode, process.stdout + process.stderr)
    code, output = run("check", "--project", str(root))
    assert code == process.returncode
    # The same text, but for the time in the last line ("... (0.01 s).").
    assert process.stdout.rsplit("(", 1)[0] == output.rsplit("(", 1)[0]
