"""The page macros of the generated pages (`klantreis/site/page_blocks.py`), called directly on
the mini fixture. Expected values are read from the fixture's files: what a reader sees."""

from __future__ import annotations

from units import (
    MINI,
    blocks_for,
    front_matter,
    markdown_page,
    mini_kb,
    section,
    site_urls,
    texts,
    yaml_file,
)

PHASES = yaml_file(MINI / "journeys" / "_phases.yml")
CHANNELS = {channel["id"]: channel for channel in yaml_file(MINI / "journeys" / "_channels.yml")}
VERA = yaml_file(MINI / "journeys" / "vera.yml")
TERMS = {path.stem: front_matter(path) for path in (MINI / "glossary").glob("*.md")}


def phase_page(phase_id: str, urls=None):
    return markdown_page(blocks_for(f"fasen/{phase_id}.md", urls=urls)._kr_fase_pagina(phase_id))


def test_phase_page_has_its_goal_channels_steps_terms_models_and_neighbours():
    page = phase_page("overweging")
    overweging = PHASES[1]
    assert page.select_one(".kr-doel").get_text() == f"Doel: {overweging['goal']}"
    assert texts(page.select("ul.kr-meten li")) == overweging["measure"]
    channels = section(page, "Kanalen in deze fase")
    assert texts(channels.select("tbody th")) == [CHANNELS["website"]["name"]]
    assert texts(channels.select("tbody td"))[0] == CHANNELS["website"]["phases"]["overweging"]
    steps = section(page, "Stappen uit de klantreizen")
    assert [(a.get_text(), a["href"]) for a in steps.select("a")] == [
        (f"Vera: {VERA['stages'][2]['title']}", "../../klantreizen/vera/#stap-3")]
    terms = section(page, "Begrippen in deze fase")
    assert texts(terms.select("dt")) == [TERMS["google-ads"]["title"]]
    models = section(page, "In andere modellen")
    assert [li.get_text() for li in models.select("li")] == ["AIDA: Interest, Desire"]
    assert page.select_one("a[rel=prev]").get_text() == f"← Vorige fase: {PHASES[0]['title']}"
    assert page.select_one("a[rel=next]").get_text() == f"Volgende fase: {PHASES[2]['title']} →"


def test_first_and_last_phase_have_one_neighbour():
    assert phase_page("aandacht").select_one("a[rel=prev]") is None
    assert phase_page("aandacht").select_one("a[rel=next]")["href"] == "../overweging/"
    last = phase_page("loyaliteit")
    assert last.select_one("a[rel=next]") is None
    assert last.select_one("a[rel=prev]")["href"] == "../service/"


def test_phase_page_lists_published_pages_about_the_phase_never_drafts():
    # A draft is not published: the build leaves it out of the URLs.
    published = site_urls(mini_kb(), leave_out=("artikelen/posts/concept.md",))
    articles = section(phase_page("overweging", published), "Artikelen en gidsen")
    assert articles.get_text(strip=True) == "Nog geen artikelen of gidsen over deze fase."
    aandacht = section(phase_page("aandacht", published), "Artikelen en gidsen")
    # docs/gids/gids.md has phases: [aandacht]; the article eerste.md has categories: [Aandacht].
    assert texts(aandacht.select("li > a")) == sorted(["Een gids", "Eerste artikel"], key=str.casefold)


def test_phase_without_steps_or_terms_says_so():
    page = phase_page("service")
    assert section(page, "Stappen uit de klantreizen").get_text(strip=True) == \
        "Nog geen klantreis heeft een stap in deze fase."
    assert section(page, "Begrippen in deze fase").get_text(strip=True) == "Nog geen begrippen."
    assert section(page, "In andere modellen").p.get_text() == "Geen model beschrijft deze fase apart."


def test_term_index_groups_the_terms_by_first_letter():
    page = markdown_page(blocks_for("begrippen/index.md")._kr_begrippen_pagina())
    titles = sorted((term["title"] for term in TERMS.values()), key=str.casefold)
    assert texts(page.select("nav.kr-letters a")) == sorted({t[0].upper() for t in titles})
    assert texts(page.select("h2")) == sorted({t[0].upper() for t in titles})
    assert texts(page.select("dt")) == titles
    assert page.p.get_text().startswith(f"Alle {len(TERMS)} begrippen")


def test_term_head_and_foot_show_definition_aliases_phases_and_related_both_ways():
    head = markdown_page(blocks_for("begrippen/seo.md")._kr_begrip_kop("seo"))
    assert head.select_one(".kr-definitie").get_text() == TERMS["seo"]["description"]
    features = dict(zip(texts(head.select(".kr-kenmerken dt")), texts(head.select(".kr-kenmerken dd")),
                        strict=True))
    assert features == {"Ook geschreven als": ", ".join(TERMS["seo"]["aliases"]), "Fasen": "Aandacht"}
    # seo.md declares google-ads as related; the google-ads page shows seo back.
    seo_foot = markdown_page(blocks_for("begrippen/seo.md")._kr_begrip_voet("seo"))
    assert texts(section(seo_foot, "Verwante begrippen").select("dt")) == ["Google Ads"]
    ads_foot = markdown_page(blocks_for("begrippen/google-ads.md")._kr_begrip_voet("google-ads"))
    assert texts(section(ads_foot, "Verwante begrippen").select("dt")) == ["SEO"]
    assert ads_foot.select_one(".kr-terug a")["href"] == "../"
    conversie = markdown_page(blocks_for("begrippen/conversie.md")._kr_begrip_voet("conversie"))
    assert section(conversie, "Verwante begrippen").get_text(strip=True) == "Nog geen begrippen."


def test_channel_page_shows_its_role_per_phase_and_the_steps_that_use_it():
    page = markdown_page(blocks_for("kanalen/winkel.md")._kr_kanaal_pagina("winkel"))
    winkel = CHANNELS["winkel"]
    assert page.select_one(".kr-kanaal-soort").get_text(strip=True) == "Offline kanaal"
    roles = section(page, "Rol per fase")
    assert texts(roles.select("dd")) == list(winkel["phases"].values())
    steps = section(page, "In de klantreizen")
    assert texts(steps.select("li")) == [f"Vera: {VERA['stages'][3]['title']} (Aankoop)"]
    assert section(page, "Begrippen").p.get_text() == "Nog geen begrippen."


def test_journey_page_and_index_and_worksheet():
    journey = markdown_page(blocks_for("klantreizen/vera.md")._kr_klantreis_pagina("vera"))
    assert texts(journey.select(".kr-fasestrook [aria-current]")) == ["Aandacht", "Overweging", "Aankoop"]
    assert journey.select_one("table.kr-kaart caption").get_text() == f"Klantreiskaart: {VERA['title']}"
    index = markdown_page(blocks_for("klantreizen/index.md")._kr_klantreizen_pagina())
    assert texts(index.select("table.kr-klantreizen tbody th a")) == [VERA["title"]]
    hrefs = [a["href"] for a in index.select("a")]
    assert "werkblad/" in hrefs and "klantreis-sjabloon.yml" in hrefs
    sheet = markdown_page(blocks_for("klantreizen/werkblad.md")._kr_werkblad_pagina())
    header = sheet.select("table.kr-leeg thead tr")[0].select("th[colspan]")
    assert [(th.get_text(), th["colspan"]) for th in header] == [(p["name"], "2") for p in PHASES]
    assert len(sheet.select("table.kr-leeg thead tr")[1].select("th")) == 1 + 2 * len(PHASES)
    lanes = texts(sheet.select("tbody th"))
    assert [lane for lane in lanes if lane in ("Doet", "Denkt", "Voelt")] == ["Doet", "Denkt", "Voelt"]
    assert all(td.get_text() == "" for td in sheet.select("tbody td"))
