"""Journey maps: stages under their phase, lanes, the emotion curve, models, overview, worksheet."""

from __future__ import annotations

import itertools

import pytest
from conftest import FIXTURES, REPO, assert_link_resolves, build, content, page, serve_directory
from test_figures import check_lines

URL = "klantreizen/vera/"


def test_stages_appear_under_their_phase_in_order(mini_site):
    table = content(page(mini_site, URL)).select_one("table.kr-kaart")
    phases = [(th.get_text(strip=True), int(th.get("colspan", 1)))
              for th in table.select("tr.kr-fasenrij th")[1:]]
    assert phases == [("Aandacht", 2), ("Overweging", 1), ("Aankoop", 1)]
    stages = [th.get_text(" ", strip=True) for th in table.select("tr.kr-stappenrij th")[1:]]
    assert stages == ["1 Vera ziet een advertentie", "2 Vera twijfelt", "3 Vera vergelijkt coaches",
                      "4 Vera boekt"]
    assert [th["id"] for th in table.select("tr.kr-stappenrij th[id]")] == [
        "stap-1", "stap-2", "stap-3", "stap-4"]


def test_lanes_no_stage_fills_are_left_out(mini_site):
    table = content(page(mini_site, URL)).select_one("table.kr-kaart")
    lanes = [row.select_one(".kr-lanenaam").get_text() for row in table.select("tbody tr")]
    assert lanes == ["Emotie", "Doet", "Voelt", "Kanalen", "Online of offline", "Knelpunten"]
    pain = table.select_one("tr.kr-lane-pain_points").select("td")
    assert [li.get_text() for li in pain[2].select("li")] == ["Te veel keuze", "Geen prijzen"]


def test_emotion_curve_is_a_lane_with_one_point_per_stage_at_its_height(mini_site):
    row = content(page(mini_site, URL)).select_one("table.kr-kaart tr.kr-lane-emotion")
    cells = row.select("td")
    assert len(cells) == 4
    points = [cell.select_one(".kr-punt") for cell in cells]
    assert [int(p["data-emotie"]) for p in points] == [1, -1, 0, 2]
    assert [p["data-stap"] for p in points] == ["1", "2", "3", "4"]
    # Height by level: +2 at the top, -2 at the bottom, the same classes the scale uses.
    assert [p["class"][-1] for p in points] == [
        "kr-niveau-p1", "kr-niveau-m1", "kr-niveau-0", "kr-niveau-p2"]
    assert [p["class"][1] for p in points] == [
        "kr-fase-aandacht", "kr-fase-aandacht", "kr-fase-overweging", "kr-fase-aankoop"]
    # Each cell draws the line from its left edge through its point to its right edge; the
    # ends meet the neighbours' lines at the same height.
    paths = [cell.select_one("polyline.kr-lijn")["points"].split() for cell in cells]
    assert paths[0][0].startswith("50,") and paths[-1][-1].startswith("50,")
    for left, right in itertools.pairwise(paths):
        assert left[-1].split(",")[1] == right[0].split(",")[1]
    # The text equivalent: every cell says the emotion in words; the drawing is hidden.
    assert cells[1].select_one(".kr-emotielabel").get_text(" ", strip=True) == "-1 · negatief"
    assert all(svg["aria-hidden"] == "true" for svg in row.select("svg.kr-curvelijnen"))


def test_channel_and_phase_links_on_the_map_resolve(mini_site):
    article = content(page(mini_site, URL))
    links = article.select("table.kr-kaart a, .kr-fasestrook a")
    assert links
    for link in links:
        assert_link_resolves(mini_site, URL, link["href"])


def test_model_table_lists_every_model_stage(mini_site):
    table = content(page(mini_site, "fasen/")).select_one("table.kr-modellen")
    row = table.select_one("tr#model-aida")
    cells = [[s.get_text() for s in td.select(".kr-modelstap")] for td in row.select("td")]
    assert cells == [["Attention", "Interest"], ["Interest", "Desire"], ["Action"], [], []]


def test_overview_worksheet_and_starter_file(mini_site):
    article = content(page(mini_site, "klantreizen/"))
    row = article.select_one("table.kr-klantreizen tbody tr")
    assert row.th.a.get_text() == "Vera zoekt een afslankcoach"
    assert [span.get_text() for span in row.select(".kr-fase-label")] == [
        "Aandacht", "Overweging", "Aankoop"]
    starter = article.select_one("a[download]")["href"]
    assert_link_resolves(mini_site, "klantreizen/", starter)
    import yaml

    data = yaml.safe_load((mini_site / "klantreizen" / "klantreis-sjabloon.yml").read_text())
    assert set(data) == {"title", "description", "sector", "persona", "stages", "opportunities"}
    assert {"moment_of_truth", "backstage", "owner", "evidence", "quotes", "duration",
            "emotion_to_be"} <= set(data["stages"][0])
    worksheet = content(page(mini_site, "klantreizen/werkblad/"))
    table = worksheet.select_one("table.kr-werkbladtabel")
    lanes = [row.th.contents[0].get_text().strip() for row in table.select("tbody tr")]
    assert lanes[:4] == ["Emotie", "Doet", "Denkt", "Voelt"]
    assert {"KPI's", "Achter de schermen", "Eigenaar", "Klanten zeggen", "Onderbouwing",
            "Duur"} <= set(lanes)
    assert "moment van de waarheid" in table.select("thead tr")[1].th.get_text()
    opportunities = worksheet.select_one("table.kr-kansen-leeg")
    assert [th.get_text() for th in opportunities.select("thead th")] == [
        "Kans", "Impact (1–3)", "Moeite (1–3)", "Eigenaar", "Stap"]


@pytest.mark.browser
def test_map_scrolls_sideways_on_a_phone_and_prints_landscape(browser, mini_site, tmp_path):
    with serve_directory(mini_site) as url:
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
        phone = context.new_page()
        phone.goto(f"{url}/{URL}")
        page_width = phone.evaluate("document.documentElement.scrollWidth")
        assert page_width <= 390
        scroller = phone.locator(".kr-kaart-scroll")
        assert scroller.evaluate("e => e.scrollWidth > e.clientWidth")
        scroller.evaluate("e => e.scrollLeft = 400")
        assert scroller.evaluate("e => e.scrollLeft") > 0
        # The lane labels stay in view while the stages scroll.
        assert phone.locator("tbody th.kr-lane").first.evaluate(
            "e => getComputedStyle(e).position") == "sticky"
        context.close()

        printer = browser.new_page()
        printer.goto(f"{url}/{URL}")
        pdf = tmp_path / "kaart.pdf"
        printer.pdf(path=str(pdf), prefer_css_page_size=True)
        from pypdf import PdfReader

        first = PdfReader(pdf).pages[0]
        assert float(first.mediabox.width) > float(first.mediabox.height)
        printer.emulate_media(media="print")
        assert printer.locator(".md-sidebar").first.is_hidden()
        overflow = printer.locator("table.kr-kaart").evaluate(
            "t => t.getBoundingClientRect().right - document.documentElement.clientWidth")
        assert overflow <= 1
        printer.close()


MODEL_SOURCES = (
    "- id: aida-bron\n  title: Over AIDA\n  publisher: Een boek\n  year: 1961\n"
    "- id: mckinsey-bron\n  title: Over de beslisreis\n  publisher: McKinsey\n  year: 2009\n"
)
MODELS = (
    "- id: aida\n  name: AIDA\n  description: Een klassiek model.\n  bron: [aida-bron]\n"
    "  stages:\n    - name: Attention\n      phases: [aandacht]\n"
    "- id: mckinsey\n  name: Beslisreis\n  description: Een lus.\n  bron: [mckinsey-bron]\n"
    "  stages:\n    - name: Loyalty loop\n      phases: [loyaliteit]\n"
)


def test_the_sources_page_lists_every_page_that_shows_a_model(project):
    site = build(project({
        "journeys/_bronnen.yml": MODEL_SOURCES,
        "journeys/_models.yml": MODELS,
        "docs/gids/aida.md": "# AIDA uitgelegd\n\nHet oudste model.\n\n{{ model('aida') }}\n",
        "docs/gids/alle.md": "# Alle modellen\n\n{{ modellen_vergelijking() }}\n",
        # Shows the call as text, renders no model.
        "docs/gids/uitleg.md": "---\nrender_macros: false\n---\n# Uitleg\n\n"
                               "Schrijf `{{ model(\"mckinsey\") }}`.\n",
    }))
    sources = content(page(site, "bronnen/"))

    def used(source_id: str) -> list[str]:
        entry = sources.find(id=f"bron-{source_id}").find_next_sibling("dd")
        links = [a for a in entry.find_all("a") if a.get_text() != "Naar de bron"]
        for link in links:
            assert_link_resolves(site, "bronnen/", link["href"])
        return [a.get_text() for a in links]

    # The phases index shows every model in its table; the guides show the ones they call.
    assert used("aida-bron") == ["AIDA uitgelegd", "Alle modellen", "De vijf fasen"]
    assert used("mckinsey-bron") == ["Alle modellen", "De vijf fasen"]


def test_the_house_style_writes_winkelwagen_not_winkelwagentje(project):
    vera = (FIXTURES / "mini/journeys/vera.yml").read_text(encoding="utf-8")
    root = project({
        "journeys/_stijl.yml": (REPO / "journeys/_stijl.yml").read_text(encoding="utf-8"),
        "journeys/vera.yml": vera.replace("Ze boekt een intake.",
                                          "Ze zet de intake in haar winkelwagentje."),
    })
    assert [line.split(": ", 1)[1] for line in check_lines(root) if "winkelwagentje" in line] == [
        "waarschuwing: 'winkelwagentje': de huisstijl schrijft 'winkelwagen'. Vervang het door "
        "'winkelwagen' (journeys/_stijl.yml). Eén woord voor de plek waar een online bestelling "
        "klaarstaat voordat je klant afrekent."]
