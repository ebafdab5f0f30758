"""The journey map a consultant puts on the wall: a rich 12-stage journey in a real browser.

The fixture journey (tests/fixtures/rijk) uses every field of the contract: phases that come
back (service, then overweging and aankoop again), moments of truth, a second curve, quotes,
evidence, backstage, owners, durations and opportunities.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import (
    ARTIFACTS,
    FIXTURES,
    REPO,
    build,
    content,
    make_project,
    one_a3_page_text,
    page,
    serve_directory,
)

from klantreis.bundle import make_bundle
from klantreis.check import findings

URL = "klantreizen/lisa-fiets/"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
WIDTHS = {"desktop": DESKTOP, "telefoon": PHONE}
SHOTS = ARTIFACTS / "screenshots"


def rich_project(root: Path) -> Path:
    # Vera's stages (of the mini fixture) all rest on interviews: the map says so once.
    vera = (FIXTURES / "mini/journeys/vera.yml").read_text(encoding="utf-8")
    vera = re.sub(r"^(    emotion: .*\n)", r"\1    evidence: interview\n", vera, flags=re.M)
    make_project(root, {"docs/gids/curve.md": "# Curve\n\n{{ emotiecurve('lisa-fiets') }}\n",
                        "journeys/vera.yml": vera})
    shutil.copytree(FIXTURES / "rijk", root, dirs_exist_ok=True)
    return root


@pytest.fixture(scope="module")
def rich_site(tmp_path_factory):
    return build(rich_project(tmp_path_factory.mktemp("rijk") / "kennisbank"))


@pytest.fixture(scope="module")
def site_url(rich_site):
    SHOTS.mkdir(parents=True, exist_ok=True)
    with serve_directory(rich_site) as url:
        yield url


def open_map(browser, site_url, width, **options):
    context = browser.new_context(viewport=WIDTHS[width], is_mobile=width == "telefoon",
                                  **options)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(f"{site_url}/{URL}")
    return context, tab, errors


# -- the page as HTML ----------------------------------------------------------------------


def test_check_accepts_phases_that_repeat_and_go_back(tmp_path):
    project = rich_project(tmp_path / "kb")
    problems = [p for p in findings(project) if p.path == "journeys/lisa-fiets.yml"]
    assert problems == []


def test_check_rejects_an_opportunity_for_a_stage_that_does_not_exist(tmp_path):
    project = rich_project(tmp_path / "kb")
    path = project / "journeys/lisa-fiets.yml"
    text = path.read_text(encoding="utf-8").replace("    stage: 4\n", "    stage: 14\n")
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("    stage: 14") + 1
    errors = [p for p in findings(project) if not p.warning]
    assert [(e.path, e.line, e.message) for e in errors] == [(
        "journeys/lisa-fiets.yml", line,
        "de kans 'Proefrit online boeken' hoort bij stap 14, maar de reis heeft 12 stappen.")]
    assert errors[0].hint == "Gebruik een nummer van 1 tot en met 12."


def test_phase_bands_follow_the_stages_as_written(rich_site):
    table = content(page(rich_site, URL)).select_one("table.kr-kaart")
    bands = [(th.get_text(strip=True), int(th["colspan"]))
             for th in table.select("tr.kr-fasenrij th[colspan]")]
    assert bands == [("Aandacht", 2), ("Overweging", 2), ("Aankoop", 2), ("Service", 2),
                     ("Loyaliteit", 1), ("Overweging", 1), ("Aankoop", 1), ("Loyaliteit", 1)]
    anchors = [th["id"] for th in table.select("tr.kr-stappenrij th[id]")]
    assert anchors == [f"stap-{n}" for n in range(1, 13)]


def test_every_new_field_is_on_the_page(rich_site):
    article = content(page(rich_site, URL))
    table = article.select_one("table.kr-kaart")
    lanes = [row.select_one(".kr-lanenaam").get_text() for row in table.select("tbody tr")]
    for lane in ("Klanten zeggen", "Onderbouwing", "Duur", "Achter de schermen", "Eigenaar"):
        assert lane in lanes
    moments = [th["id"] for th in table.select("th.kr-mvdw")]
    assert moments == ["stap-4", "stap-6", "stap-7"]
    assert "Moment van de waarheid" in table.select_one("#stap-4").get_text()
    row = {r.select_one(".kr-lanenaam").get_text(): r for r in table.select("tbody tr")}
    cells = lambda lane: [td.get_text(" ", strip=True) for td in row[lane].select("td")]  # noqa: E731
    assert cells("Duur")[3] == "Een zaterdagochtend"
    assert cells("Eigenaar")[6] == "Klantenservice"
    assert cells("Onderbouwing")[8] == "aanname"
    assert cells("Online of offline")[4] == "online en offline"
    assert "Meldingen komen in een gedeelde mailbox" in cells("Achter de schermen")[6]
    assert cells("Klanten zeggen")[3] == "“Na die proefrit wist ik het eigenlijk al.”"
    # The line of visibility sits above what the customer does not see.
    assert "kr-zichtlijn" in row["Achter de schermen"]["class"]
    # The second curve: emotion after the improvements.
    after = table.select("tr.kr-lane-emotion [data-kr-curve=na]")
    assert [int(p["data-emotie"]) for p in after][:3] == [1, 1, 2]
    assert "na verbetering" in table.select("tr.kr-lane-emotion td")[6].get_text()
    assert article.select_one(".kr-einde").get_text(" ", strip=True).startswith(
        "Zo loopt deze reis af: Lisa blijft klant")


def card_title(card) -> str:
    """The title on an opportunity's card in the grid, without its number."""
    return card.get_text(" ", strip=True).partition(" ")[2]


def test_opportunities_ranked_and_in_the_impact_effort_grid(rich_site):
    section = content(page(rich_site, URL)).select_one("section.kr-kansen")
    ranked = [li.select_one(".kr-kans-titel").get_text() for li in section.select("li.kr-kans")]
    assert ranked == ["Automatische bevestiging van een melding", "Leenfiets bij elk defect",
                      "Proefrit online boeken", "Keuzehulp op de website",
                      "Prijs vanaf in de advertentie"]
    first = section.select_one("li.kr-kans")
    assert "Eigenaar: Klantenservice" in first.get_text()
    assert first.select_one("a.kr-kans-stap")["href"] == "#stap-7"
    grid = section.select_one("table.kr-kansenraster")
    where = {card_title(card): (td["data-impact"], td["data-moeite"])
             for td in grid.select("td") for card in td.select(".kr-kans-kaartje")}
    assert where == {
        "Leenfiets bij elk defect": ("3", "2"),
        "Automatische bevestiging van een melding": ("3", "1"),
        "Keuzehulp op de website": ("2", "3"),
        "Prijs vanaf in de advertentie": ("1", "1"),
        "Proefrit online boeken": ("2", "2"),
    }
    assert [th.get_text() for th in grid.select("tbody th")] == [
        "Grote impact", "Gemiddelde impact", "Kleine impact"]


def test_an_opportunity_has_the_same_number_in_the_list_and_in_the_grid(rich_site):
    section = content(page(rich_site, URL)).select_one("section.kr-kansen")
    # The list is an <ol>: the reader sees 1, 2, 3 ... in ranked order.
    ranked = [li.select_one(".kr-kans-titel").get_text() for li in section.select("ol > li")]
    grid = section.select_one("table.kr-kansenraster")
    cards = {int(card.select_one(".kr-kans-nummer").get_text()): card_title(card)
             for card in grid.select(".kr-kans-kaartje")}
    assert cards == {number: title for number, title in enumerate(ranked, start=1)}
    assert "plaats in de lijst" in grid.caption.get_text()


def test_the_emotiecurve_macro_draws_the_second_curve_too(rich_site):
    svg = content(page(rich_site, "gids/curve/")).select_one("figure.kr-emotiecurve svg")
    assert len(svg.select("circle.kr-punt")) == 12
    # Stage 1 and stage 9 have no after-value: the dashed line has a gap at stage 9.
    assert [len(line["points"].split()) for line in svg.select("polyline.kr-lijn-na")] == [7, 3]
    assert len(svg.select("circle.kr-punt-na")) == 10


def emotion_cells(site):
    return content(page(site, URL)).select("table.kr-kaart tr.kr-lane-emotion td")


def test_the_emotion_label_shows_the_after_value_only_when_it_differs(rich_site):
    labels = [cell.select_one(".kr-emotielabel") for cell in emotion_cells(rich_site)]
    assert labels[1].get_text(" ", strip=True) == "+1 · positief"  # +1 now and after
    assert labels[1].select(".kr-na") == []
    assert labels[2].select_one(".kr-na").get_text(" ", strip=True) == (
        "→ +1 (positief) na verbetering")  # -1 now, +1 after
    stages = yaml.safe_load((FIXTURES / "rijk/journeys/lisa-fiets.yml").read_text())["stages"]
    assert [bool(label.select(".kr-na")) for label in labels] == [
        stage.get("emotion_to_be") not in (None, stage["emotion"]) for stage in stages]


def test_the_after_curve_leaves_a_gap_where_a_stage_has_no_after_value(rich_site):
    cells = emotion_cells(rich_site)
    after = [cell.select_one("polyline.kr-lijn-na") for cell in cells]
    # Stage 9 has no after-value: no point, no line in its column ...
    assert cells[8].select("[data-kr-curve=na]") == [] and after[8] is None
    # ... and its neighbours' lines stop at their own points (x = 50, the middle).
    assert after[7]["points"].split()[-1].startswith("50,")
    assert after[9]["points"].split()[0].startswith("50,")
    # Stage 1 has none either: the line starts at stage 2's point.
    assert after[0] is None and after[1]["points"].split()[0].startswith("50,")
    # The line of now still runs through every column.
    assert all(len(cell.select_one("polyline.kr-lijn")["points"].split()) >= 2 for cell in cells)


def test_one_evidence_for_every_stage_is_said_once_instead_of_a_lane(rich_site):
    vera = content(page(rich_site, "klantreizen/vera/"))
    lanes = [name.get_text() for name in vera.select("table.kr-kaart tbody .kr-lanenaam")]
    assert "Onderbouwing" not in lanes
    assert vera.select_one(".kr-klantreis .kr-bewijsnoot").get_text(" ", strip=True) == (
        "Onderbouwing van alle stappen: interviews")
    # Lisa's stages rest on different evidence: the lane stays, and no note.
    lisa = content(page(rich_site, URL))
    assert "Onderbouwing" in [name.get_text() for name in lisa.select(".kr-lanenaam")]
    assert lisa.select(".kr-bewijsnoot") == []


def test_journey_page_hides_navigation_and_contents(rich_site):
    soup = page(rich_site, URL)
    assert soup.select_one(".md-sidebar--primary").has_attr("hidden")
    assert soup.select_one(".md-sidebar--secondary").has_attr("hidden")


# -- in the browser -----------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_no_serious_accessibility_violations_on_the_map(browser, site_url, width):
    from axe_playwright_python.sync_playwright import Axe

    context, tab, _ = open_map(browser, site_url, width)
    results = Axe().run(tab)
    serious = [(v["id"], [n["target"] for n in v["nodes"]][:3])
               for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
    context.close()


@pytest.mark.browser
def test_five_stages_side_by_side_at_1366(browser, site_url):
    context, tab, errors = open_map(browser, site_url, "desktop")
    visible = tab.evaluate("""() => {
        const box = document.querySelector('.kr-kaart-scroll').getBoundingClientRect();
        return [...document.querySelectorAll('tr.kr-stappenrij th[id]')].filter(th => {
            const r = th.getBoundingClientRect();
            return r.left >= box.left - 1 && r.right <= Math.min(box.right, innerWidth) + 1;
        }).length;
    }""")
    assert visible >= 5
    assert tab.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
    tab.screenshot(path=str(SHOTS / "kaart-desktop.png"))
    assert errors == []
    context.close()


CENTRES = """() => [...document.querySelectorAll('tr.kr-lane-emotion .kr-punt')].map(point => {
    const n = Number(point.dataset.stap);
    const column = document.getElementById('stap-' + n).getBoundingClientRect();
    const dot = point.getBoundingClientRect();
    return {n, curve: point.dataset.krCurve,
            off: Math.abs((dot.left + dot.right) / 2 - (column.left + column.right) / 2)};
})"""


@pytest.mark.browser
@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_curve_points_sit_above_their_columns(browser, site_url, width):
    context, tab, errors = open_map(browser, site_url, width)
    for scroll in (0, 700):
        tab.locator(".kr-kaart-scroll").evaluate(f"e => e.scrollLeft = {scroll}")
        points = tab.evaluate(CENTRES)
        assert {p["curve"] for p in points} == {"nu", "na"}
        assert len([p for p in points if p["curve"] == "nu"]) == 12
        assert max(p["off"] for p in points) <= 3, points
    assert errors == []
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_lane_names_stay_in_view_while_the_map_scrolls(browser, site_url, width):
    context, tab, _ = open_map(browser, site_url, width)
    scroller = tab.locator(".kr-kaart-scroll")
    scroller.scroll_into_view_if_needed()
    lane = tab.locator("tr.kr-lane-does th.kr-lane")
    first_stage = tab.locator("#stap-1")
    before = lane.bounding_box()["x"], first_stage.bounding_box()["x"]
    scroller.evaluate("e => e.scrollLeft = 900")
    after = lane.bounding_box()["x"], first_stage.bounding_box()["x"]
    assert abs(after[0] - before[0]) <= 1  # the lane name did not move
    assert after[1] < before[1] - 800  # the stages did
    box = scroller.bounding_box()
    assert box["x"] - 1 <= after[0] <= box["x"] + 20
    # Nothing scrolled over the lane name: it is the element at its own centre.
    centre = lane.bounding_box()
    on_top = tab.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('th')?.className",
        [centre["x"] + 10, centre["y"] + centre["height"] / 2])
    assert "kr-lane" in on_top
    tab.screenshot(path=str(SHOTS / f"kaart-gescrold-{width}.png"))
    context.close()


MEASURE = """() => {
    const one = selector => document.querySelector(selector);
    const all = selector => [...document.querySelectorAll(selector)];
    const size = node => parseFloat(getComputedStyle(node).fontSize);
    const width = node => node.getBoundingClientRect().width;
    const row = 'tr.kr-lane-emotion';
    return {
        label: size(one('.kr-zichtlijn-label')),
        lanes: all('tbody .kr-lanenaam').map(size),
        afterAtMoment: all(`${row} td.kr-mvdw [data-kr-curve=na]`).map(width),
        nowAtMoment: all(`${row} td.kr-mvdw [data-kr-curve=nu]`).map(width),
        afterElsewhere: all(`${row} td:not(.kr-mvdw) [data-kr-curve=na]`).map(width),
    };
}"""


@pytest.mark.browser
@pytest.mark.parametrize("media", ["screen", "print"])
def test_line_of_visibility_label_is_as_large_as_a_lane_name(browser, site_url, media):
    context, tab, _ = open_map(browser, site_url, "desktop")
    tab.emulate_media(media=media)
    sizes = tab.evaluate(MEASURE)
    assert sizes["label"] >= max(sizes["lanes"]) - 0.01, sizes
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("media", ["screen", "print"])
def test_points_after_improvement_are_enlarged_on_moments_of_truth(browser, site_url, media):
    context, tab, _ = open_map(browser, site_url, "desktop")
    tab.emulate_media(media=media)
    sizes = tab.evaluate(MEASURE)
    assert len(sizes["afterAtMoment"]) == 3 and sizes["afterElsewhere"]
    assert min(sizes["afterAtMoment"]) == min(sizes["nowAtMoment"]), sizes
    assert min(sizes["afterAtMoment"]) > max(sizes["afterElsewhere"]), sizes
    if media == "screen":
        tab.locator("#stap-7").scroll_into_view_if_needed()
        tab.screenshot(path=str(SHOTS / "kaart-momenten.png"))
    context.close()


@pytest.mark.browser
def test_the_emotiecurve_macro_shows_its_points_on_their_lines(browser, site_url):
    tab = browser.new_page(viewport=DESKTOP)
    tab.goto(f"{site_url}/gids/curve/")
    # Each point's centre lies where the SVG puts it (the map's point style must not move it).
    offsets = tab.evaluate("""() => [...document.querySelectorAll(
            'figure.kr-emotiecurve circle')].map(circle => {
        const svg = circle.ownerSVGElement, box = svg.getBoundingClientRect();
        const scale = box.width / svg.viewBox.baseVal.width;
        const dot = circle.getBoundingClientRect();
        return Math.hypot(
            (dot.left + dot.right) / 2 - (box.left + circle.cx.baseVal.value * scale),
            (dot.top + dot.bottom) / 2 - (box.top + circle.cy.baseVal.value * scale));
    })""")
    assert len(offsets) == 22  # 12 points now, 10 after the improvements
    assert max(offsets) <= 1, offsets
    tab.locator("figure.kr-emotiecurve").screenshot(path=str(SHOTS / "emotiecurve.png"))
    tab.close()


@pytest.mark.browser
def test_phone_has_no_sideways_page_and_readable_phase_buttons(browser, site_url):
    context, tab, errors = open_map(browser, site_url, "telefoon")
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    names = tab.locator(".kr-fasestrook li.kr-actief a span")
    assert names.count() == 5
    for index in range(names.count()):
        name = names.nth(index)
        assert name.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), name.inner_text()
        assert name.bounding_box()["width"] > 40
        assert name.bounding_box()["x"] + name.bounding_box()["width"] <= PHONE["width"]
    tab.screenshot(path=str(SHOTS / "kaart-telefoon.png"))
    # The navigation is hidden beside the map, but the menu still opens it on a phone.
    tab.locator("label.md-header__button[for=__drawer]").click()
    tab.locator(".md-nav--primary a", has_text="Vera zoekt een afslankcoach").first.wait_for(
        state="visible")
    assert errors == []
    context.close()


@pytest.mark.browser
def test_the_grid_caption_can_be_read_on_a_phone(browser, site_url):
    context, tab, _ = open_map(browser, site_url, "telefoon")
    caption = tab.locator("table.kr-kansenraster caption")
    caption.scroll_into_view_if_needed()
    for scroll in (0, 300):  # the grid scrolls sideways; its caption stays in view
        tab.locator(".kr-kansen .kr-tabel-scroll").evaluate(f"e => e.scrollLeft = {scroll}")
        box = caption.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    context.close()


@pytest.mark.browser
def test_print_is_one_landscape_a3_page_with_the_whole_map(browser, site_url, tmp_path):
    from pypdf import PdfReader

    tab = browser.new_page(viewport=DESKTOP)
    tab.goto(f"{site_url}/{URL}")
    pdf = tmp_path / "kaart.pdf"
    tab.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    text = one_a3_page_text(pdf)
    for expected in ("Lisa staat in de file", "Lisa beveelt de winkel aan", "Achter de schermen",
                     "Klantenservice", "heel negatief"):
        assert expected in text
    # A4 landscape: still the whole map on one page.
    a4 = tmp_path / "kaart-a4.pdf"
    tab.pdf(path=str(a4), format="A4", landscape=True, print_background=True)
    assert len(PdfReader(a4).pages) == 1
    assert "Lisa beveelt de winkel aan" in " ".join(PdfReader(a4).pages[0].extract_text().split())
    # The blank worksheet, with every lane and the opportunities, prints on one A3 page too.
    tab.goto(f"{site_url}/klantreizen/werkblad/")
    sheet = tmp_path / "werkblad.pdf"
    tab.pdf(path=str(sheet), prefer_css_page_size=True, print_background=True)
    text = one_a3_page_text(sheet)
    assert "Achter de schermen" in text and "Moeite (1–3)" in text
    tab.close()


def printed_font_sizes(page) -> list[float]:
    """The size in points of every piece of text on a PDF page, as a reader sees it."""
    sizes: list[float] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            scale = (abs(tm[0] * cm[0] + tm[1] * cm[2]) or abs(tm[3] * cm[3]))
            sizes.append(size * scale)

    page.extract_text(visitor_text=visit)
    return sizes


@pytest.mark.browser
@pytest.mark.parametrize("width", ["desktop", "telefoon"])
def test_every_real_journey_prints_on_one_a3_page_and_stays_readable(browser, real_site,
                                                                      tmp_path, width):
    """The repository's journeys have eleven and twelve stages: before printing, the map is
    measured and shrunk just enough to fit one page, from a desktop as from a phone."""
    from pypdf import PdfReader

    journeys = sorted(p.stem for p in (REPO / "journeys").glob("[!_]*.yml"))
    assert len(journeys) >= 8
    context = browser.new_context(viewport=WIDTHS[width])
    tab = context.new_page()
    with serve_directory(real_site) as url:
        for slug in journeys:
            tab.goto(f"{url}/klantreizen/{slug}/")
            last_stage = tab.locator("table.kr-kaart thead th[id^='stap-']").last.inner_text()
            pdf = tmp_path / f"{slug}.pdf"
            tab.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
            text = one_a3_page_text(pdf)
            assert " ".join(last_stage.split()[1:4]) in text, (slug, last_stage)
            reader = PdfReader(pdf)
            sizes = sorted(printed_font_sizes(reader.pages[0]))
            # The map's text is set at 7 pt; shrunk to fit it stays above 5.5 pt.
            assert sizes[len(sizes) // 10] >= 5.5, (slug, sizes[len(sizes) // 10])
            # Back on screen after printing: the map has its own size again.
            assert tab.locator(".md-content__inner").evaluate("e => e.style.zoom") == ""
    context.close()


@pytest.mark.browser
def test_presentation_view_moves_with_the_keyboard(browser, site_url):
    context, tab, errors = open_map(browser, site_url, "desktop")
    tab.get_by_role("button", name="Presenteren").click()
    title = tab.locator(".kr-presentatie-titel")
    assert title.inner_text() == "Fase 1 van 8: Aandacht"
    shown = "() => [...document.querySelectorAll('tr.kr-stappenrij th[id]')]" \
            ".filter(th => th.getBoundingClientRect().width > 0).map(th => th.id)"
    assert tab.evaluate(shown) == ["stap-1", "stap-2"]
    view = tab.locator(".kr-klantreis").bounding_box()
    assert view["width"] >= DESKTOP["width"] - 20 and view["height"] >= DESKTOP["height"] - 20
    tab.keyboard.press("ArrowRight")
    tab.keyboard.press("ArrowRight")
    tab.keyboard.press("ArrowRight")
    assert title.inner_text() == "Fase 4 van 8: Service"
    assert tab.evaluate(shown) == ["stap-7", "stap-8"]
    tab.screenshot(path=str(SHOTS / "kaart-presentatie.png"))
    tab.keyboard.press("ArrowLeft")
    assert title.inner_text() == "Fase 3 van 8: Aankoop"
    tab.keyboard.press("Escape")
    assert not tab.locator(".kr-presentatiebalk").is_visible()
    assert len(tab.evaluate(shown)) == 12
    assert errors == []
    context.close()


def assert_svg_map(text: str) -> None:
    import xml.etree.ElementTree as ElementTree

    root = ElementTree.fromstring(text.encode())
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    words = " ".join(" ".join(node.itertext()) for node in root.iter())
    for title in ("Lisa staat in de file", "Lisa beveelt de winkel aan", "Klantenservice"):
        assert title in words
    circles = [c for c in root.iter("{http://www.w3.org/2000/svg}circle")]
    assert len({c.get("data-stap") for c in circles}) == 12


@pytest.mark.browser
def test_download_svg_and_png_online(browser, site_url, tmp_path):
    context, tab, errors = open_map(browser, site_url, "desktop", accept_downloads=True)
    with tab.expect_download() as download:
        tab.get_by_role("button", name="Download als SVG").click()
    assert download.value.suggested_filename == "lisa-fiets-klantreiskaart.svg"
    path = tmp_path / "kaart.svg"
    download.value.save_as(path)
    assert_svg_map(path.read_text(encoding="utf-8"))
    with tab.expect_download() as download:
        tab.get_by_role("button", name="Download als PNG").click()
    png = tmp_path / "kaart.png"
    download.value.save_as(png)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 50_000
    assert errors == []
    context.close()


@pytest.mark.browser
def test_the_downloaded_map_has_the_text_the_reader_sees(browser, site_url, tmp_path):
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    tab = context.new_page()
    tab.goto(f"{site_url}/klantreizen/vera/")
    with tab.expect_download() as download:
        tab.get_by_role("button", name="Download als SVG").click()
    path = tmp_path / "vera.svg"
    download.value.save_as(path)
    import xml.etree.ElementTree as ElementTree

    words = " ".join(" ".join(node.itertext())
                     for node in ElementTree.fromstring(path.read_bytes()).iter())
    # Term links carry their definition hidden for screen readers: not part of the map.
    assert "Ze zoekt op Google Ads en leest over SEO." in words
    assert "Het beter vindbaar maken" not in words and "Betaalde advertenties" not in words
    assert "Onderbouwing van alle stappen: interviews" in words
    context.close()


@pytest.mark.browser
def test_download_and_presentation_work_from_the_unpacked_zip(browser, tmp_path):
    project = rich_project(tmp_path / "kb")
    archive = make_bundle(project)
    zipfile.ZipFile(archive).extractall(tmp_path / "uit")
    (folder,) = (tmp_path / "uit").iterdir()
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto((folder / "klantreizen" / "lisa-fiets.html").as_uri())
    with tab.expect_download() as download:
        tab.get_by_role("button", name="Download als SVG").click()
    path = tmp_path / "offline.svg"
    download.value.save_as(path)
    assert_svg_map(path.read_text(encoding="utf-8"))
    tab.get_by_role("button", name="Presenteren").click()
    tab.keyboard.press("ArrowRight")
    assert tab.locator(".kr-presentatie-titel").inner_text() == "Fase 2 van 8: Overweging"
    tab.keyboard.press("Escape")
    assert (folder / "schema" / "klantreis.schema.json").is_file()
    assert errors == []
    assert all(url.startswith(("file://", "blob:", "data:")) for url in requests), [
        url for url in requests if not url.startswith(("file://", "blob:", "data:"))]
    context.close()
