"""Loading and validation: every problem, on the right line, in Dutch, in one run."""

from __future__ import annotations

from pathlib import Path

import pytest

from klantreis.content.errors import ContentErrors
from klantreis.content.loader import load_knowledge_base


def errors_of(root: Path) -> list[str]:
    with pytest.raises(ContentErrors) as failure:
        load_knowledge_base(root)
    return [str(error) for error in failure.value.errors]


def test_mini_fixture_loads_with_indexes(project):
    kb = load_knowledge_base(project())
    assert [phase.id for phase in kb.phases] == [
        "aandacht", "overweging", "aankoop", "service", "loyaliteit"]
    assert list(kb.terms) == ["conversie", "google-ads", "seo"]
    assert [ref.stage.title for ref in kb.stages_by_phase["aandacht"]] == [
        "Vera ziet een advertentie", "Vera twijfelt"]
    assert [term.slug for term in kb.related["google-ads"]] == ["seo"]  # declared by seo only


def test_unknown_keys_phases_and_channels_are_reported_on_their_lines(project):
    root = project({
        "journeys/vera.yml": (
            "title: Vera\n"
            "persona:\n"
            "  name: Vera\n"
            "stages:\n"
            "  - phase: aandachtt\n"
            "    title: Eerste stap\n"
            "    channels: [websit]\n"
            "    emotie: 1\n"
            "  - phase: aankoop\n"
            "    title: Tweede stap\n"
            "    emotion: hoog\n"
        ),
    })
    assert errors_of(root) == [
        "journeys/vera.yml:5: onbekende fase 'aandachtt'. Bedoel je 'aandacht'?",
        "journeys/vera.yml:7: onbekend kanaal 'websit'. Bedoel je 'website'?",
        "journeys/vera.yml:8: onbekend veld 'emotie'. Bedoel je 'emotion'?",
        "journeys/vera.yml:11: 'stages[2].emotion' moet een geheel getal zijn, gevonden: 'hoog'.",
    ]


def test_errors_in_several_files_come_together(project):
    root = project({
        "glossary/seo.md": "---\ntitle: SEO\ndescription: Vindbaar.\nphases: [aandacht, koop]\n---\nTekst.\n",
        "glossary/cta.md": "---\ntitle: CTA\naliases: [SEO]\ndescription: Knop.\n---\nTekst.\n",
        "journeys/vera.yml": "title: Vera\npersona:\n  name: Vera\nstages:\n  - phase: aankoop\n    title: x\n    emotion: 7\n",
    })
    assert errors_of(root) == [
        "glossary/cta.md:3: 'SEO' is ook een naam van glossary/seo.md. Een woord mag maar bij één begrip horen.",
        "glossary/seo.md:4: onbekende fase 'koop'. Bedoel je 'aankoop'?",
        "journeys/vera.yml:7: 'stages[1].emotion' moet tussen -2 en 2 liggen, gevonden: 7. "
        "Gebruik -2 (heel negatief), -1, 0, 1 of 2 (heel positief).",
    ]


def test_yaml_syntax_tabs_duplicates_and_python_tags(project):
    root = project({
        "journeys/tab.yml": "title: Tab\npersona:\n\tname: Vera\n",
        "journeys/dubbel.yml": "title: A\ntitle: B\npersona: {name: V}\nstages: [{phase: aankoop, title: x}]\n",
        "journeys/python.yml": "title: !!python/object/apply:os.system ['echo hoi']\n",
    })
    assert errors_of(root) == [
        "journeys/dubbel.yml:2: de sleutel 'title' staat er twee keer in (eerst op regel 1). "
        "Voeg de twee samen of haal er een weg.",
        "journeys/python.yml:1: onbekende YAML-tag (zoals !!python/...). "
        "Haal de tag weg; schrijf gewone tekst, getallen of lijsten.",
        "journeys/tab.yml:3: er staat een tab in de YAML. Gebruik spaties om in te springen.",
    ]


def test_byte_order_mark_and_crlf_are_accepted(project):
    text = "---\r\ntitle: SEO\r\ndescription: Vindbaar.\r\n---\r\nTekst over SEO.\r\n"
    root = project({"glossary/seo.md": b"\xef\xbb\xbf" + text.encode()})
    kb = load_knowledge_base(root)
    assert kb.terms["seo"].description == "Vindbaar."
    assert kb.terms["seo"].body.strip() == "Tekst over SEO."


def test_latin1_file_gets_a_clear_message(project):
    root = project({"glossary/seo.md": "---\ntitle: SEO\ndescription: Caf\xe9.\n---\nx\n".encode("latin-1")})
    assert errors_of(root) == [
        "glossary/seo.md:3: het bestand is geen UTF-8 (onleesbare byte 0xe9). "
        "Sla het bestand op als UTF-8 in je editor (vaak 'Opslaan als' > codering).",
    ]


def test_front_matter_that_never_closes(project):
    root = project({"glossary/seo.md": "---\ntitle: SEO\ndescription: x\n\nTekst zonder einde.\n"})
    assert errors_of(root) == [
        "glossary/seo.md:1: de front matter (het blok tussen '---' regels) wordt niet afgesloten. "
        "Zet een regel met alleen '---' onder de laatste sleutel.",
    ]


def test_search_words_of_a_page_must_be_a_list_of_texts(project):
    root = project({
        "docs/gids/meten.md": "---\ntitle: Meten\naliases: marketing meten\n---\nTekst.\n",
        "docs/gids/fasen.md": "---\ntitle: Fasen\naliases: [fasemodel, '', [a]]\n---\nTekst.\n",
    })
    # The same words as for a term's aliases: one rule, one message.
    assert errors_of(root) == [
        "docs/gids/fasen.md:3: 'aliases[2]' mag niet leeg zijn.",
        "docs/gids/fasen.md:3: 'aliases[3]' moet tekst zijn, gevonden: een lijst.",
        "docs/gids/meten.md:3: 'aliases' moet een lijst (regels die beginnen met '- ' of [a, b]) "
        "zijn, gevonden: 'marketing meten'.",
    ]
