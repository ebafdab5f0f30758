"""The building blocks behind the authors' macros (`klantreis/site/blocks.py`), called directly
on the mini fixture. Expected values are read from the fixture's files: what a reader sees."""

from __future__ import annotations

from itertools import pairwise

import pytest
from units import MINI, blocks_for, front_matter, soup, texts, yaml_file

from klantreis.site.blocks import UnknownReference

PHASES = yaml_file(MINI / "journeys" / "_phases.yml")
CHANNELS = yaml_file(MINI / "journeys" / "_channels.yml")
VERA = yaml_file(MINI / "journeys" / "vera.yml")
SEO = front_matter(MINI / "glossary" / "seo.md")
# The mini fixture's pages have directory URLs; gids/gids.md is at /gids/gids/.
FROM_GIDS = "../../"


def phase(phase_id: str) -> dict:
    return next(item for item in PHASES if item["id"] == phase_id)


def test_begrip_links_the_term_for_the_tooltip():
    link = soup(blocks_for("gids/gids.md").begrip("seo")).a
    assert link.get_text() == SEO["title"]
    # The tooltip finds the definition by the term's slug (its file name).
    assert link["data-begrip"] == "seo"
    assert link["href"] == FROM_GIDS + "begrippen/seo/"


def test_begrip_with_own_text_escapes_it():
    link = soup(blocks_for("index.md").begrip("seo", "<b>vindbaar</b> & zo")).a
    assert link.get_text() == "<b>vindbaar</b> & zo"
    assert link.b is None
    assert link["href"] == "begrippen/seo/"


def test_links_to_phase_channel_and_journey_carry_their_names():
    blocks = blocks_for("gids/gids.md")
    fase = soup(blocks.fase("aandacht")).a
    assert (fase.get_text(), fase["href"]) == (phase("aandacht")["title"], FROM_GIDS + "fasen/aandacht/")
    kanaal = soup(blocks.kanaal("google")).a
    assert (kanaal.get_text(), kanaal["href"]) == ("Google", FROM_GIDS + "kanalen/google/")
    reis = soup(blocks.klantreis("vera", "de reis van Vera")).a
    assert (reis.get_text(), reis["href"]) == ("de reis van Vera", FROM_GIDS + "klantreizen/vera/")


@pytest.mark.parametrize(("macro", "value", "message"), [
    ("begrip", "seoo", "onbekend begrip 'seoo'. Bedoel je 'seo'?"),
    ("fase", "aandachtt", "onbekende fase 'aandachtt'. Bedoel je 'aandacht'?"),
    ("kanaal", "winkels", "onbekend kanaal 'winkels'. Bedoel je 'winkel'?"),
    ("klantreis", "vara", "onbekende klantreis 'vara'. Bedoel je 'vera'?"),
    ("model", "aidaa", "onbekend model 'aidaa'. Bedoel je 'aida'?"),
])
def test_an_unknown_slug_is_named_with_the_closest_one(macro, value, message):
    with pytest.raises(UnknownReference) as raised:
        getattr(blocks_for("index.md"), macro)(value)
    assert str(raised.value) == message


def test_channels_of_a_phase_with_their_role_and_the_journey_steps_that_use_them():
    table = soup(blocks_for("gids/gids.md").kanalen_van_fase("aandacht"))
    serving = [c for c in CHANNELS if "aandacht" in c["phases"]]
    rows = table.select("tbody tr")
    assert texts(row.th for row in rows) == [c["name"] for c in serving]
    assert [row.select("td")[0].get_text() for row in rows] == [c["phases"]["aandacht"] for c in serving]
    assert [row.select("td")[1].get_text() for row in rows] == ["online", "online"]
    # Vera's first step (Google) and second step (website) are in this phase.
    used = {row.th.get_text(): [(a.get_text(), a["href"]) for a in row.select("td a")] for row in rows}
    assert used == {
        "Website": [(f"Vera: {VERA['stages'][1]['title']}", FROM_GIDS + "klantreizen/vera/#stap-2")],
        "Google": [(f"Vera: {VERA['stages'][0]['title']}", FROM_GIDS + "klantreizen/vera/#stap-1")],
    }
    assert table.caption.get_text() == f"Kanalen in de fase {phase('aandacht')['name']}"


def test_a_phase_without_channels_says_so():
    assert soup(blocks_for("index.md").kanalen_van_fase("service")).get_text(strip=True) == \
        "Nog geen kanalen voor deze fase."


def test_terms_of_a_phase_in_alphabetical_order_with_their_definitions():
    terms = soup(blocks_for("index.md").begrippen_van_fase("aandacht"))
    # seo.md and google-ads.md name the phase aandacht; conversie.md does not.
    assert texts(terms.select("dt")) == ["Google Ads", "SEO"]
    assert texts(terms.select("dd")) == [
        front_matter(MINI / "glossary" / "google-ads.md")["description"], SEO["description"]]
    assert [a["href"] for a in terms.select("dt a")] == ["begrippen/google-ads/", "begrippen/seo/"]
    assert soup(blocks_for("index.md").begrippen_van_fase("service")).get_text(strip=True) == \
        "Nog geen begrippen."


def test_journey_map_shows_the_steps_under_their_phases_and_only_filled_lanes():
    journey_map = soup(blocks_for("klantreizen/vera.md").klantreis_kaart("vera"))
    table = journey_map.select_one("table.kr-kaart")
    assert table.caption.get_text() == f"Klantreiskaart: {VERA['title']}"
    groups = [(th.get_text(strip=True), th["colspan"]) for th in table.select("tr.kr-fasenrij th[colspan]")]
    assert groups == [("Aandacht", "2"), ("Overweging", "1"), ("Aankoop", "1")]
    steps = [th.get_text(" ", strip=True) for th in table.select("th.kr-stap")]
    assert steps == [f"{number} {stage['title']}" for number, stage in enumerate(VERA["stages"], 1)]
    assert [th["id"] for th in table.select("th.kr-stap")] == ["stap-1", "stap-2", "stap-3", "stap-4"]
    # Vera's file fills emotion, does, feels, channels, online and pain points; nothing else.
    assert texts(table.select("tbody th .kr-lanenaam")) == [
        "Emotie", "Doet", "Voelt", "Kanalen", "Online of offline", "Knelpunten"]
    does = texts(table.select("tr.kr-lane-does td"))
    assert does == [stage["does"] for stage in VERA["stages"]]
    assert texts(table.select("tr.kr-lane-emotion td")) == [
        "+1 · positief", "-1 · negatief", "0 · neutraal", "+2 · heel positief"]
    assert texts(table.select("tr.kr-lane-online td")) == ["online", "online", "online", "offline"]
    pain = table.select("tr.kr-lane-pain_points td")[2]
    assert texts(pain.select("li")) == VERA["stages"][2]["pain_points"]
    persona = journey_map.select_one(".kr-persona").get_text(" ", strip=True)
    assert VERA["persona"]["name"] in persona and VERA["persona"]["goal"] in persona


def test_emotion_curve_rises_and_falls_with_the_steps():
    curve = soup(blocks_for("klantreizen/vera.md").emotiecurve("vera"))
    points = curve.select("circle.kr-punt")
    emotions = [stage["emotion"] for stage in VERA["stages"]]
    assert [int(point["data-emotie"]) for point in points] == emotions
    heights = [float(point["cy"]) for point in points]
    # A better feeling is drawn higher (a smaller y), a worse one lower.
    pairs = list(zip(emotions, heights, strict=True))
    for (e1, y1), (e2, y2) in pairwise(pairs):
        assert (e2 > e1) == (y2 < y1)
    assert curve.find("title").get_text() == f"Emotiecurve van {VERA['persona']['name']}"
    assert curve.find("desc").get_text().startswith(f"Stap 1, {VERA['stages'][0]['title']}: positief (1).")


def test_channel_matrix_ticks_the_phases_each_channel_serves():
    matrix = soup(blocks_for("kanalen/index.md").kanalenmatrix())
    rows = matrix.select("tbody tr")
    assert [row.th.a.get_text() for row in rows] == [c["name"] for c in CHANNELS]
    for row, channel in zip(rows, CHANNELS, strict=True):
        ticked = [cell.get_text() for cell in row.select("td.kr-aan .kr-sr")]
        assert ticked == [f"{channel['name']} dient {phase(p)['name']}"
                          for p in [item["id"] for item in PHASES] if p in channel["phases"]]
        assert row.select_one("td.kr-aantal").get_text() == str(len(channel["phases"]))


def test_models_table_puts_each_model_stage_under_its_phases():
    table = soup(blocks_for("fasen/index.md").modellen_vergelijking())
    aida = table.select_one("tr#model-aida")
    cells = [[span.get_text() for span in cell.select(".kr-modelstap")] or cell.get_text()
             for cell in aida.select("td")]
    assert cells == [["Attention", "Interest"], ["Interest", "Desire"], ["Action"], "—", "—"]


def test_model_card_lists_its_stages_with_links_to_our_phases():
    card = soup(blocks_for("gids/gids.md").model("aida"))
    assert card.select_one(".kr-model-naam").get_text(strip=True) == "AIDA"
    stages = [(li.select_one(".kr-modelstap").get_text(), texts(li.select("a")))
              for li in card.select("ol.kr-modelstappen li")]
    assert stages == [("Attention", ["Aandacht"]), ("Interest", ["Aandacht", "Overweging"]),
                      ("Desire", ["Overweging"]), ("Action", ["Aankoop"])]


def test_journeys_overview_names_persona_sector_and_phases():
    table = soup(blocks_for("klantreizen/index.md").klantreizen_overzicht())
    row = table.select_one("tbody tr")
    assert row.th.a.get_text() == VERA["title"]
    assert row.th.a["href"] == "vera/"
    assert texts(row.select("td"))[:2] == [VERA["persona"]["name"], VERA["sector"]]
    assert texts(row.select(".kr-fase-label")) == ["Aandacht", "Overweging", "Aankoop"]


def test_phase_strip_marks_the_current_phase():
    strip = soup(blocks_for("fasen/overweging.md").fasestrook(["overweging"], is_phase_page=True))
    assert texts(strip.select("li")) == [item["name"] for item in PHASES]
    current = strip.select("[aria-current]")
    assert texts(current) == ["Overweging"] and current[0]["aria-current"] == "page"
    assert current[0]["href"] == "./"
