"""The real knowledge base in a real browser: a reader's route, accessibility, screenshots, links."""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ARTIFACTS, KEY_PAGES, REPO, serve_directory

from klantreis.content.loader import load_knowledge_base
from klantreis.project import read_config

pytestmark = pytest.mark.browser

PAGES = KEY_PAGES
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "telefoon": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def site_url(real_site):
    with serve_directory(real_site) as url:
        yield url


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_reader_route_home_phase_term_journey_and_back(browser, site_url, width):
    context = browser.new_context(viewport=WIDTHS[width], is_mobile=width == "telefoon",
                                  has_touch=width == "telefoon")
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(site_url + "/")
    tab.locator("article a[href$='fasen/aandacht/']").first.click()
    tab.wait_for_url("**/fasen/aandacht/")
    tab.locator("a[rel=next]").click()
    tab.wait_for_url("**/fasen/overweging/")
    tab.locator(".kr-begrippenlijst a").first.click()
    tab.wait_for_url("**/begrippen/*/")
    tab.go_back()
    tab.locator(".kr-stappenlijst a").first.click()
    tab.wait_for_url("**/klantreizen/*/#stap-*")
    assert tab.locator(".kr-lane-emotion .kr-punt").first.is_visible()
    assert tab.evaluate("document.documentElement.scrollWidth") <= WIDTHS[width]["width"]
    tab.go_back()
    tab.wait_for_url("**/fasen/overweging/")
    assert errors == []
    context.close()


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("name", ["home", "fase", "begrip", "klantreis"])
def test_no_serious_accessibility_violations(browser, site_url, name, scheme):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport=WIDTHS["desktop"],
                                  color_scheme="dark" if scheme == "slate" else "light")
    tab = context.new_page()
    tab.goto(site_url + "/" + PAGES[name])
    assert tab.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
    results = Axe().run(tab)
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
    context.close()


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_screenshots_for_a_person_to_look_at(browser, site_url, width):
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=WIDTHS[width], is_mobile=width == "telefoon")
    tab = context.new_page()
    titles = key_page_titles()
    site_name = read_config(REPO)["site_name"]
    viewport = WIDTHS[width]
    for name, url in PAGES.items():
        tab.goto(site_url + "/" + url)
        # What the picture shows: the page's own title, at the top of the screen.
        assert tab.title() == f"{titles[name]} - {site_name}"
        heading = tab.locator("article h1, .md-content h1").first
        assert heading.inner_text().rstrip("¶").strip() == titles[name]
        box = heading.bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]
        path = folder / f"{name}-{width}.png"
        tab.screenshot(path=str(path), full_page=False)
        assert png_size(path) == (viewport["width"], viewport["height"])
    context.close()


def key_page_titles() -> dict[str, str]:
    """The title of each key page as the sources give it."""
    kb = load_knowledge_base(REPO)
    written = {page.src_uri: page.title for page in kb.pages}
    return {"home": written["index.md"], "fase": kb.phase["overweging"].title,
            "begrip": kb.terms["seo"].title, "klantreis": kb.journeys["vera-afslankcoach"].title,
            "artikel": written["artikelen/index.md"]}


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from the PNG header."""
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


def test_link_checker_finds_no_broken_link_or_anchor(real_site, tmp_path):
    config = tmp_path / "linkchecker.ini"
    # Our test server allows more than LinkChecker's polite default of 10 requests a second.
    config.write_text("[checking]\nmaxrequestspersecond=200\n"
                      "[filtering]\nignorewarnings=url-content-too-large\n[AnchorCheck]\n")
    linkchecker = Path(sys.executable).parent / "linkchecker"
    with serve_directory(real_site) as url:
        result = subprocess.run(
            [str(linkchecker), "--config", str(config), "--no-status", "--threads", "4",
             "-o", "text", url + "/"], capture_output=True, text=True, timeout=900)
    report = result.stdout
    assert result.returncode == 0, report[-3000:]
    assert "0 errors found" in report and "0 warnings found" in report, report[-3000:]


def test_phase_strip_marks_the_current_phase_and_matrix_works_without_colour(browser, site_url):
    tab = browser.new_page(viewport=WIDTHS["telefoon"])
    tab.goto(site_url + "/fasen/aankoop/")
    current = tab.locator(".kr-fasestrook [aria-current=page]")
    assert current.count() == 1 and current.inner_text() == "Aankoop"
    # Without colour the current phase still differs: it is the only one with its name shown.
    width = "e => e.getBoundingClientRect().width"
    assert current.locator("span").evaluate(width) > 30
    assert tab.locator(".kr-fasestrook li:not(.kr-actief) span").first.evaluate(width) <= 1
    tab.goto(site_url + "/kanalen/")
    assert tab.locator(".kr-legenda").is_visible()
    cell = tab.locator("table.kr-matrix td.kr-aan").first
    assert cell.inner_text().startswith("✓")
    assert "dient" in cell.locator(".kr-sr").text_content()
    tab.close()


def test_home_search_box_is_in_view_on_a_phone_and_opens_search(browser, site_url):
    context = browser.new_context(viewport=WIDTHS["telefoon"], is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.goto(site_url + "/")
    box = tab.locator("label.kr-zoekveld")
    assert box.is_visible() and box.bounding_box()["y"] < WIDTHS["telefoon"]["height"]
    box.tap()
    tab.locator("input.md-search__input").press_sequentially("klantreizen", delay=20)
    tab.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    context.close()
