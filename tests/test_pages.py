"""The generated pages as Markdown in memory (`klantreis/site/pages.py`), on the mini fixture."""

from __future__ import annotations

import yaml
from units import MINI, front_matter, mini_kb, yaml_file

from klantreis.content.loader import load_with_errors
from klantreis.site import pages
from klantreis.site.render import Renderer

PHASES = yaml_file(MINI / "journeys" / "_phases.yml")
CHANNELS = yaml_file(MINI / "journeys" / "_channels.yml")
TERMS = {path.stem: front_matter(path) for path in (MINI / "glossary").glob("*.md")}


def split(page: pages.GeneratedPage) -> tuple[dict, str]:
    _, front, body = page.markdown.split("---\n", 2)
    return yaml.safe_load(front), body


def generated() -> dict[str, pages.GeneratedPage]:
    return {page.src_uri: page for page in pages.generated_pages(mini_kb())}


def test_one_page_per_phase_channel_journey_and_term_plus_the_indexes():
    made = generated()
    expected = {"fasen/index.md", "begrippen/index.md", "kanalen/index.md", "klantreizen/index.md",
                "klantreizen/werkblad.md"}
    expected |= {f"fasen/{phase['id']}.md" for phase in PHASES}
    expected |= {f"kanalen/{channel['id']}.md" for channel in CHANNELS}
    expected |= {"klantreizen/vera.md"} | {f"begrippen/{slug}.md" for slug in TERMS}
    # The mini fixture has no sources catalogue (journeys/_bronnen.yml): no sources page.
    assert set(made) == expected


def test_pages_carry_the_title_and_description_from_their_source():
    made = generated()
    for phase in PHASES:
        meta, _ = split(made[f"fasen/{phase['id']}.md"])
        assert (meta["title"], meta["description"]) == (phase["title"], phase["goal"])
    for slug, term in TERMS.items():
        meta, body = split(made[f"begrippen/{slug}.md"])
        assert (meta["title"], meta["description"], meta["kr_begrip"]) == (
            term["title"], term["description"], slug)
        written = (MINI / "glossary" / f"{slug}.md").read_text(encoding="utf-8").split("---\n", 2)[2]
        assert written.strip() in body
    meta, _ = split(made["klantreizen/vera.md"])
    vera = yaml_file(MINI / "journeys" / "vera.yml")
    assert meta["title"] == vera["title"] and meta["description"] == vera["description"]
    assert meta["kr_fasen"] == sorted({stage["phase"] for stage in vera["stages"]})


def test_term_and_channel_pages_stay_out_of_the_navigation():
    made = generated()
    out = {src for src, page in made.items() if not page.in_nav}
    assert out == {f"begrippen/{slug}.md" for slug in TERMS} | {
        f"kanalen/{channel['id']}.md" for channel in CHANNELS}


def test_a_title_with_quotes_colons_and_braces_survives_the_front_matter(project):
    title = 'SEO: "vindbaar" {{ worden }} & meer'
    root = project({"glossary/seo.md": (
        "---\ntitle: 'SEO: \"vindbaar\" {{ worden }} & meer'\naliases: [zoekmachineoptimalisatie]\n"
        "description: 'Uitleg: met {% tags %}.'\nphases: [aandacht]\nrelated: [google-ads]\n---\n"
        "SEO gaat over vindbaarheid.\n")})
    made = {page.src_uri: page for page in pages.generated_pages(mini_kb(root))}
    meta, _ = split(made["begrippen/seo.md"])
    assert meta["title"] == title
    assert meta["description"] == "Uitleg: met {% tags %}."


def test_page_of_file_names_the_page_that_shows_a_source():
    kb = mini_kb()
    assert pages.page_of_file("glossary/seo.md", kb) == "begrippen/seo.md"
    assert pages.page_of_file("journeys/vera.yml", kb) == "klantreizen/vera.md"
    assert pages.page_of_file("journeys/_channels.yml", kb) == "kanalen/index.md"
    assert pages.page_of_file("journeys/_phases.yml", kb) == "fasen/index.md"
    assert pages.page_of_file("docs/gids/gids.md", kb) == "gids/gids.md"
    assert pages.page_of_file("docs/bestaat-niet.md", kb) is None


def test_placeholders_stand_in_for_broken_terms_and_journeys_only():
    made = pages.placeholder_pages(
        ["glossary/kapot.md", "journeys/oud.yml", "journeys/_phases.yml", "docs/gids/gids.md",
         "glossary/seo.md"],
        existing={"begrippen/seo.md"})
    assert [page.src_uri for page in made] == ["begrippen/kapot.md", "klantreizen/oud.md"]
    meta, body = split(made[0])
    assert meta["render_macros"] is False
    assert body.strip() == "Deze pagina verschijnt weer zodra glossary/kapot.md klopt."


def test_the_starter_journey_is_a_valid_journey(project):
    root = project()
    (root / "journeys" / "start.yml").write_bytes(pages.starter_file(Renderer()))
    kb, errors = load_with_errors(root)
    assert [error for error in errors if error.path == "journeys/start.yml"] == []
    assert kb.journeys["start"].title == "Naam van de klantreis"
