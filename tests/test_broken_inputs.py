"""Broken and odd inputs: every case a small knowledge base, with the exact outcome expected."""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import Files, make_project
from klantreis.cli import main

VERA = (
    "title: Vera zoekt een afslankcoach\n"   # 1
    "description: Vera wil afvallen.\n"      # 2
    "persona:\n"                             # 3
    "  name: Vera\n"                         # 4
    "stages:\n"                              # 5
    "  - phase: aandacht\n"                  # 6
    "    title: Vera ziet een advertentie\n"  # 7
    "    channels: [google]\n"               # 8
    "    emotion: 1\n"                       # 9
    "  - phase: aankoop\n"                   # 10
    "    title: Vera boekt\n"                # 11
    "    channels: [winkel]\n"               # 12
    "    emotion: 2\n"                       # 13
)


def term(title: str, description: str = "Een begrip.", extra: str = "", body: str = "Uitleg.\n") -> str:
    return f"---\ntitle: {title}\n{extra}description: {description}\n---\n{body}"


@dataclass
class Case:
    name: str
    files: Files
    exit_code: int
    expected_lines: list[str] = field(default_factory=list)
    build: bool = False


CASES: list[Case] = [
    # -- YAML -------------------------------------------------------------------------------
    Case("yaml_unclosed_quote", {
        "journeys/vera.yml": VERA.replace("description: Vera wil afvallen.", 'description: "Vera wil afvallen.'),
    }, 1, []),
    Case("yaml_unclosed_bracket", {
        "journeys/vera.yml": VERA.replace("channels: [google]", "channels: [google"),
    }, 1, []),
    Case("yaml_colon_in_value", {
        "journeys/vera.yml": VERA.replace("title: Vera boekt", "title: Vera boekt: eindelijk"),
    }, 1, []),
    Case("yaml_tab_indentation", {
        "journeys/vera.yml": VERA.replace("  name: Vera", "\tname: Vera"),
    }, 1, []),
    Case("yaml_wrong_indentation", {
        "journeys/vera.yml": VERA.replace("    title: Vera boekt", "     title: Vera boekt"),
    }, 1, []),
    Case("yaml_wrong_indentation_dedent", {
        "journeys/vera.yml": VERA.replace("    emotion: 2", "  emotion: 2"),
    }, 1, []),
    Case("yaml_list_where_mapping_belongs", {
        "journeys/vera.yml": VERA.replace("persona:\n  name: Vera\n", "persona:\n  - name: Vera\n"),
    }, 1, []),
    Case("yaml_mapping_where_list_belongs", {
        "journeys/_phases.yml": "aandacht:\n  name: Aandacht\n",
    }, 1, []),
    Case("yaml_duplicate_key_in_stage", {
        "journeys/vera.yml": VERA.replace("    emotion: 2\n", "    emotion: 2\n    emotion: 1\n"),
    }, 1, []),
    Case("yaml_duplicate_key_in_front_matter", {
        "glossary/seo.md": term("SEO", extra="aliases: [zoekmachineoptimalisatie]\ntitle: Seo\n"),
    }, 1, []),
    Case("unknown_key_in_journey", {
        "journeys/vera.yml": VERA.replace("    emotion: 1\n", "    emotie: 1\n").replace("persona:", "persoon:"),
    }, 1, []),
    Case("unknown_key_in_glossary", {
        "glossary/seo.md": term("SEO", extra="alias: [zoekmachineoptimalisatie]\nfase: [aandacht]\n"),
    }, 1, []),
    Case("emotion_hoog_and_7", {
        "journeys/vera.yml": VERA.replace("emotion: 1", "emotion: hoog").replace("emotion: 2", "emotion: 7"),
    }, 1, []),
    Case("emotion_float", {
        "journeys/vera.yml": VERA.replace("emotion: 1", "emotion: 1.5"),
    }, 1, []),
    Case("online_ja", {
        "journeys/vera.yml": VERA.replace("    emotion: 1\n", "    emotion: 1\n    online: ja\n"),
    }, 1, []),
    Case("pain_points_as_text", {
        "journeys/vera.yml": VERA + "    pain_points: Te duur\n",
    }, 1, []),
    Case("empty_journey_file", {"journeys/leeg.yml": ""}, 1, []),
    Case("whitespace_only_journey_file", {"journeys/leeg.yml": "\n   \n# alleen commentaar\n"}, 1, []),
    Case("empty_glossary_file", {"glossary/leeg.md": ""}, 1, []),
    Case("glossary_only_front_matter", {
        "glossary/cta.md": "---\ntitle: CTA\ndescription: Een knop die de lezer tot actie aanzet.\n---\n",
    }, 1, []),
    Case("front_matter_never_closes", {
        "glossary/cta.md": "---\ntitle: CTA\ndescription: Een knop.\n\nDe uitleg zonder einde.\n",
    }, 1, []),
    Case("python_object_tag", {
        "journeys/vera.yml": VERA.replace("description: Vera wil afvallen.",
                                          "description: !!python/object/apply:os.system ['touch /tmp/kr-gehackt']"),
    }, 1, []),
    Case("title_is_a_number", {"glossary/vierhonderdvier.md": term("404", "Pagina niet gevonden.")}, 1, []),
    Case("empty_title", {"glossary/cta.md": term('""', "Een knop.")}, 1, []),
    Case("missing_required_fields", {
        "journeys/vera.yml": "description: Zonder titel.\npersona:\n  about: Iemand.\nstages: []\n",
    }, 1, []),
    Case("journey_file_is_a_list", {"journeys/lijst.yml": "- title: Vera\n- title: Sam\n"}, 1, []),
    Case("phases_catalogue_missing", {"journeys/_phases.yml": None}, 1, []),
    Case("channels_catalogue_missing", {"journeys/_channels.yml": None}, 1, []),
    Case("phases_in_wrong_order", {
        "journeys/_phases.yml": "".join(
            f"- id: {p}\n  name: {p.capitalize()}\n  title: {p.capitalize()}\n  goal: Doel.\n"
            for p in ["aandacht", "aankoop", "overweging", "service", "loyaliteit"]),
    }, 1, []),
    Case("duplicate_channel_and_unknown_phase_in_catalogue", {
        "journeys/_channels.yml": "- id: website\n  name: Website\n  online: true\n  description: Site.\n"
                                  "  phases:\n    aandacht: Gevonden.\n    overwegen: Vergelijken.\n"
                                  "- id: google\n  name: Google\n  online: true\n  description: Zoeken.\n"
                                  "- id: winkel\n  name: Winkel\n  online: false\n  description: Winkel.\n"
                                  "- id: website\n  name: Website 2\n  online: true\n  description: Nog een.\n",
    }, 1, []),
    Case("colon_in_front_matter_and_python_tag", {
        "glossary/seo.md": "---\ntitle: SEO: vindbaarheid\ndescription: Vindbaar.\n---\nUitleg.\n",
        "glossary/cta.md": "---\ntitle: CTA\ndescription: !!python/object/apply:os.system ['id']\n---\nUitleg.\n",
    }, 1, []),
    Case("glossary_without_front_matter", {"glossary/cta.md": "# CTA\n\nEen knop die tot actie aanzet.\n"}, 1, []),
    Case("docs_front_matter_not_a_mapping", {
        "docs/gids/afspraak.md": "---\nalleen tekst\n---\n# Afspraak\n\nTekst.\n",
    }, 1, []),
    Case("utf16_file", {"glossary/cta.md": term("CTA").encode("utf-16")}, 1, []),
    Case("broken_link_macro_and_yaml_error_in_one_run", {
        "docs/gids/afspraak.md": "---\ntitle: Afspraak\n---\n# Afspraak\n\nZie [de gids](gids/gids.md).\n",
        "docs/index.md": "---\ntitle: Home\n---\n# Home\n\n{{ fase('aandachtt') }}\n",
        "journeys/vera.yml": VERA.replace("  name: Vera", "  name: Vera\n  naam: Vera"),
    }, 1, []),
    Case("jinja_in_journey_field_is_text", {
        "journeys/vera.yml": VERA.replace("description: Vera wil afvallen.", "description: 'Vera typt {{ naam }} en {% if %}.'"),
    }, 0, []),
    # -- references ---------------------------------------------------------------------------
    Case("unknown_phase_everywhere", {
        "journeys/vera.yml": VERA.replace("phase: aankoop", "phase: koop"),
        "glossary/cta.md": term("CTA", extra="phases: [aandacht, overwegen]\n"),
        "docs/gids/afspraak.md": "---\ntitle: Afspraak\nphases: [Aankoop]\n---\n# Afspraak\n\nTekst.\n",
    }, 1, []),
    Case("unknown_channel", {
        "journeys/vera.yml": VERA.replace("channels: [google]", "channels: [google, instagram, websit]"),
    }, 1, []),
    Case("unknown_related_term", {
        "glossary/cta.md": term("CTA", extra="related: [seo, conversies, landingspagina]\n"),
    }, 1, []),
    Case("unknown_journey_in_macro", {
        "docs/gids/gids.md": "---\ntitle: Gids\n---\n# Gids\n\nTekst.\n\n{{ klantreis_kaart(\"onbekend\") }}\n"
                             "{{ emotiecurve('ver') }}\n",
    }, 1, []),
    Case("two_terms_claim_the_same_word", {
        "glossary/cta.md": term("CTA", extra="aliases: [call to action, conversies]\n"),
        "glossary/zoekmachine-optimalisatie.md": term("zoekmachineoptimalisatie"),
    }, 1, []),
    Case("alias_equal_to_title", {
        "glossary/cta.md": term("CTA", extra="aliases: [cta, CTA's]\n"),
    }, 1, []),
    Case("slug_case_clash", {"glossary/SEO.md": term("Search engine optimization")}, 1, []),
    Case("related_to_itself", {"glossary/cta.md": term("CTA", extra="related: [cta]\n")}, 1, []),
    Case("unknown_article_category", {
        "docs/artikelen/posts/nieuw.md": "---\ndate: 2026-10-05\nauthors: [marieke]\ncategories: [Aandachtt]\n"
                                         "---\n# Nieuw\n\nTekst.\n",
    }, 1, []),
    Case("unknown_macro_and_syntax_error", {
        "docs/gids/gids.md": "---\ntitle: Gids\n---\n# Gids\n\n{{ begripp('seo') }}\n",
        "docs/gids/afspraak.md": "---\ntitle: Afspraak\n---\n# Afspraak\n\nTekst.\n\n{{ begrip('seo' }}\n",
    }, 1, []),
    # -- encodings ----------------------------------------------------------------------------
    Case("byte_order_mark_is_fine", {
        "glossary/seo.md": b"\xef\xbb\xbf" + term("SEO", "Vindbaar worden.", "aliases: [zoekmachineoptimalisatie]\n").encode(),
        "journeys/vera.yml": b"\xef\xbb\xbf" + VERA.encode(),
    }, 0, []),
    Case("crlf_line_ends_are_fine", {
        "glossary/seo.md": term("SEO", "Vindbaar worden.", "aliases: [zoekmachineoptimalisatie]\n").replace("\n", "\r\n").encode(),
        "journeys/vera.yml": VERA.replace("\n", "\r\n").encode(),
        "docs/gids/afspraak.md": b"---\r\ntitle: Afspraak\r\n---\r\n# Afspraak\r\n\r\nTekst.\r\n",
    }, 0, []),
    Case("latin1_bytes", {
        "glossary/cta.md": term("CTA", "Een knop in het caf\xe9.").encode("latin-1"),
        "journeys/vera.yml": VERA.replace("Vera boekt", "Vera boekt een caf\xe9").encode("latin-1"),
    }, 1, []),
    Case("emoji_and_accents_in_titles", {
        "glossary/cafe.md": term("Café-bezoek ☕", "Een bezoek aan het café, met een 😀."),
        "journeys/vera.yml": VERA.replace("Vera boekt", "Vera boekt 🎉 een crème-behandeling"),
    }, 0, []),
    Case("accent_in_file_name", {"glossary/café.md": term("Café")}, 1, []),
    Case("emoji_in_file_name", {"journeys/vera-🎉.yml": VERA}, 1, []),
    # -- hostile or odd text ------------------------------------------------------------------
    Case("jinja_in_markdown_body", {
        "docs/gids/afspraak.md": "---\ntitle: Afspraak\n---\n# Afspraak\n\nTekst.\n\nSchrijf {{ naam }} hier.\n\n"
                                 "{% if klant %}Ja{% endif %}\n",
    }, 1, []),
    Case("jinja_in_term_body", {
        "glossary/cta.md": term("CTA", body="Uitleg.\n\nEen {{ variabele }} in de tekst.\n"),
    }, 1, []),
    Case("one_megabyte_definition", {"glossary/lang.md": term("Lang begrip", "woord " * 175_000)}, 1, []),
    Case("ten_thousand_stages", {
        "journeys/lang.yml": "title: Lange reis\npersona:\n  name: Sam\nstages:\n" + "".join(
            f"  - phase: aandacht\n    title: Stap {n}\n    emotion: {n % 5 - 2}\n" for n in range(10_000)),
    }, 0, []),
    # -- file system --------------------------------------------------------------------------
    Case("file_name_with_spaces", {"glossary/call to action.md": term("CTA")}, 1, []),
    Case("file_name_with_dots", {"glossary/a..b.md": term("A/B")}, 1, []),
    Case("editor_backup_files_are_ignored", {
        "glossary/.seo.md.swp": b"\x00\x01binair",
        "journeys/vera.yml~": "kapot: [",
        "journeys/.~lock.vera.yml#": "kapot: [",
    }, 0, []),
    Case("yaml_extension_journey", {"journeys/sam.yaml": VERA.replace("Vera", "Sam")}, 0, []),
]


def run(*args: str) -> tuple[int, str]:
    """The real CLI; an escaping exception becomes its traceback in the output."""
    result = CliRunner().invoke(main, list(args))
    output = result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        output += "".join(traceback.format_exception(*result.exc_info))
    return result.exit_code, output
