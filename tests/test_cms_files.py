"""What the editor writes: files as the authoring guide shows them, edits that keep the rest.

Expected texts are written by hand from docs/handleiding/ (begrip-toevoegen, klantreis-toevoegen,
artikel-publiceren), never copied from the output.
"""

from __future__ import annotations

import pytest
import yaml
from conftest import REPO

from klantreis.cms_adapter import files, writer
from klantreis.cms_adapter.store import Refused, Store
from klantreis.content.model import ArticleFrontMatter
from klantreis.content.sources import split_front_matter


def save(store: Store, rel: str, raw: str, *, new: bool) -> str:
    store.persist(rel, raw, new=new)
    return (store.project / rel).read_text(encoding="utf-8")


def test_a_new_term_in_the_guides_format(project):
    store = Store(project())
    # Decap's own YAML: quoted strings, block lists, keys in another order, empty fields.
    raw = (
        "---\n"
        "related:\n  - seo\n"
        "title: 'A/B-test'\n"
        "description: \"Twee versies van een pagina vergelijken: welke werkt beter?\"\n"
        "aliases:\n  - A/B-testen\n  - split test\n"
        "phases: []\n"
        "---\n"
        "Bij een A/B-test laat je de helft van je bezoekers versie A zien.\n\n"
    )
    assert save(store, "glossary/a-b-test.md", raw, new=True) == (
        "---\n"
        "title: A/B-test\n"
        "aliases: [A/B-testen, split test]\n"
        "description: 'Twee versies van een pagina vergelijken: welke werkt beter?'\n"
        "related: [seo]\n"
        "---\n"
        "Bij een A/B-test laat je de helft van je bezoekers versie A zien.\n"
    )


def test_a_new_journey_has_the_schema_line_block_stages_and_no_nulls(project):
    store = Store(project())
    raw = yaml.safe_dump({
        "title": "Tom koopt een bank",
        "persona": {"name": "Tom", "about": "", "goal": None},
        "stages": [
            {"phase": "aandacht", "title": "Tom ziet een bank", "channels": ["website", "google"],
             "online": "true", "emotion": 1, "emotion_to_be": None, "moment_of_truth": False,
             "pain_points": ["Te veel keuze", "Geen prijzen"], "quotes": []},
            {"phase": "aankoop", "title": "Tom koopt", "online": "mixed", "emotion": 0,
             "does": "Hij rekent af\nin de winkel."},
        ],
        "opportunities": [{"title": "Prijzen op de site", "impact": 3, "effort": 1}],
        "sector": "",
    }, allow_unicode=True)
    assert save(store, "journeys/tom-koopt-een-bank.yml", raw, new=True) == (
        "# yaml-language-server: $schema=../schema/klantreis.schema.json\n"
        "title: Tom koopt een bank\n"
        "persona:\n"
        "  name: Tom\n"
        "stages:\n"
        "  - phase: aandacht\n"
        "    title: Tom ziet een bank\n"
        "    channels: [website, google]\n"
        "    online: true\n"
        "    emotion: 1\n"
        "    pain_points:\n"
        "      - Te veel keuze\n"
        "      - Geen prijzen\n"
        "  - phase: aankoop\n"
        "    title: Tom koopt\n"
        "    online: mixed\n"
        "    does: |\n"
        "      Hij rekent af\n"
        "      in de winkel.\n"
        "    emotion: 0\n"
        "opportunities:\n"
        "  - title: Prijzen op de site\n"
        "    impact: 3\n"
        "    effort: 1\n"
    )


def test_an_edit_keeps_comments_quotes_order_and_untouched_values(project):
    root = project()
    journey = root / "journeys/vera.yml"
    original = journey.read_text(encoding="utf-8")
    commented = original.replace(
        "persona:\n", "# Vera is een persona uit de workshop van maart.\npersona:\n"
    ).replace("    feels: Nieuwsgierig.\n", '    feels: "Nieuwsgierig."   # haar woorden\n')
    journey.write_text(commented, encoding="utf-8")
    store = Store(root)
    store.entry("journeys/vera.yml")  # the CMS opens the file before it saves an edit
    data = yaml.safe_load(commented)
    data["stages"][2]["title"] = "Vera vergelijkt drie coaches"
    data["stages"][2]["emotion_to_be"] = 1
    data["stages"][0]["channels"] = ["google", "website"]
    text = save(store, "journeys/vera.yml", yaml.safe_dump(data, allow_unicode=True), new=False)
    assert text == commented.replace(
        "    title: Vera vergelijkt coaches\n", "    title: Vera vergelijkt drie coaches\n"
    ).replace(
        "    emotion: 0\n", "    emotion: 0\n    emotion_to_be: 1\n"
    ).replace("    channels: [google]\n", "    channels: [google, website]\n")


REPOSITORY_SOURCES = sorted(
    path.relative_to(REPO).as_posix()
    for pattern in ("journeys/*.yml", "glossary/*.md", "docs/artikelen/posts/*.md")
    for path in REPO.glob(pattern)
    if files.kind_of(path.relative_to(REPO).as_posix()) is not None
)


@pytest.mark.parametrize("root_name", ["mini", "repository"])
def test_saving_without_changes_leaves_the_bytes_alone(project, root_name):
    root = project() if root_name == "mini" else REPO
    store = Store(root)
    sources = REPOSITORY_SOURCES if root_name == "repository" else [
        "journeys/vera.yml", "glossary/seo.md", "docs/artikelen/posts/eerste.md",
        "journeys/_channels.yml", "journeys/_models.yml"]
    assert len(sources) >= 5
    for rel in sources:
        before = (root / rel).read_bytes()
        raw = store.entry(rel)["data"]
        # Decap reads and writes it again in its own dialect.
        kind = files.kind_of(rel)
        assert kind is not None
        entry = files.from_cms(kind, raw)
        again = writer.render(kind, files.Entry(files.clean(kind.model, entry.data)
                                               if not kind.file else
                                               [files.clean(kind.model, i) for i in entry.data],
                                               entry.title, entry.body), before.decode())
        assert again.encode() == before, rel


def test_an_article_shows_its_heading_as_title_and_writes_it_back(project):
    root = project()
    store = Store(root)
    raw = store.entry("docs/artikelen/posts/eerste.md")["data"]
    entry = files.from_cms(files.ARTICLE, raw)
    assert entry.title == "Eerste artikel"
    assert entry.body.startswith("Over SEO.")
    changed = raw.replace("title: Eerste artikel", "title: Het eerste artikel")
    text = save(store, "docs/artikelen/posts/eerste.md", changed, new=False)
    assert text == (root / "docs/artikelen/posts/eerste.md").read_text(encoding="utf-8")
    assert "# Het eerste artikel\n\nOver SEO.\n\n<!-- more -->\n\nMeer tekst.\n" in text
    assert text.startswith("---\ndate: 2026-10-01\nauthors: [marieke]\n")


def test_a_catalogue_edit_keeps_its_comments_and_margin(project):
    root = project()
    channels = root / "journeys/_channels.yml"
    commented = "# Kanalen van de mini-kennisbank.\n" + channels.read_text(encoding="utf-8")
    channels.write_text(commented, encoding="utf-8")
    store = Store(root)
    data = yaml.safe_load(store.entry("journeys/_channels.yml")["data"])
    data["items"][2]["description"] = "De fysieke winkel in de stad."
    text = save(store, "journeys/_channels.yml", yaml.safe_dump(data, allow_unicode=True),
                new=False)
    assert text == commented.replace("De fysieke winkel.", "De fysieke winkel in de stad.")


def test_the_model_refuses_what_check_would_refuse(project):
    store = Store(project())
    bad = "---\ntitle: Lang\ndescription: " + "woord " * 60 + "\nphases: [aandachtt]\n---\n"
    with pytest.raises(Refused) as refused:
        store.persist("glossary/lang.md", bad, new=True)
    message = str(refused.value)
    assert "De definitie is te lang" in message and "Onbekende fase 'aandachtt'." in message
    assert not (store.project / "glossary/lang.md").exists()


def test_every_article_in_the_repository_fits_the_article_model():
    for path in sorted((REPO / "docs/artikelen/posts").glob("*.md")):
        front = split_front_matter(path.read_text(encoding="utf-8"), path.name).front_matter.data
        ArticleFrontMatter.model_validate(front)
