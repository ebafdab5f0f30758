"""Tooltips and search in a real browser (Chromium via Playwright) against a real HTTP server."""

from __future__ import annotations

import pytest
from conftest import build, make_project, serve_directory

HOSTILE = '<img src=x onerror="window.__xss=1"> & "aanhalingstekens" \'enkel\''

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("tooltips") / "kb", {
        "glossary/conversie.md": (
            "---\ntitle: conversie\naliases: [conversies]\n"
            f"description: '{HOSTILE.replace(chr(39), chr(39) * 2)}'\n"
            "phases: [aankoop]\n---\nEen conversie is het doel.\n"
        ),
    })
    with serve_directory(build(root)) as url:
        yield url


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def tooltip(page):
    return page.locator("#kr-tooltip")


def test_hover_shows_the_definition(desktop, site_url):
    desktop.goto(site_url + "/")
    link = desktop.locator("article a.kr-begrip", has_text="SEO").first
    link.hover()
    assert tooltip(desktop).is_visible()
    assert tooltip(desktop).inner_text() == "Het beter vindbaar maken van je website in zoekmachines."
    # Screen readers get the same text as the link's description.
    assert link.evaluate("a => document.getElementById(a.getAttribute('aria-describedby')).textContent") \
        == "Het beter vindbaar maken van je website in zoekmachines."


def test_keyboard_focus_shows_the_definition_and_escape_hides_it(desktop, site_url):
    desktop.goto(site_url + "/")
    for _ in range(60):
        desktop.keyboard.press("Tab")
        if desktop.evaluate("document.activeElement.classList.contains('kr-begrip')"):
            break
    assert desktop.evaluate("document.activeElement.dataset.begrip") == "seo"
    assert tooltip(desktop).inner_text() == "Het beter vindbaar maken van je website in zoekmachines."
    desktop.keyboard.press("Escape")
    assert not tooltip(desktop).is_visible()


def test_first_tap_shows_the_definition_second_tap_opens_the_term(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True,
                                  is_mobile=True)
    phone = context.new_page()
    phone.goto(site_url + "/")
    link = phone.locator("article a.kr-begrip", has_text="Google Ads").first
    link.tap()
    assert tooltip(phone).inner_text() == "Betaalde advertenties in Google."
    assert phone.url == site_url + "/"
    link.tap()
    phone.wait_for_url("**/begrippen/google-ads/")
    context.close()


def test_markup_in_a_definition_stays_text_everywhere(desktop, site_url):
    desktop.goto(site_url + "/")
    desktop.locator("article a.kr-begrip", has_text="conversie").first.hover()
    assert tooltip(desktop).inner_text() == HOSTILE
    assert desktop.evaluate("window.__xss") is None
    desktop.goto(site_url + "/begrippen/conversie/")
    assert desktop.evaluate("window.__xss") is None
    description = desktop.locator("meta[name=description]").get_attribute("content")
    assert description == HOSTILE
    assert desktop.locator(".kr-definitie").inner_text() == HOSTILE


@pytest.mark.parametrize(("query", "expected"), [
    ("conversies", "conversie"),
    ("conversie", "conversie"),
    ("stappenplannen", "Een afspraak maken"),
    ("afspraken", "Een afspraak maken"),
    ("afspraak", "Een afspraak maken"),
])
def test_dutch_search_finds_inflected_forms(desktop, site_url, query, expected):
    desktop.goto(site_url + "/")
    desktop.locator("label.md-search__icon, .md-search__input").first.click()
    # Material listens to key presses, so type like a person does.
    desktop.locator("input.md-search__input").press_sequentially(query, delay=20)
    # Results are redrawn after every key press: wait for the list of the whole query.
    desktop.wait_for_function(
        "expected => [...document.querySelectorAll('.md-search-result__article h1')]"
        ".slice(0, 3).some(title => title.textContent.includes(expected))",
        arg=expected,
        timeout=10_000,
    )


@pytest.fixture
def touch_laptop(browser):
    """A wide screen with touch and a keyboard, as on a tablet with a keyboard cover."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, has_touch=True)
    yield context.new_page()
    context.close()


def test_enter_on_a_focused_term_follows_the_link_after_a_tap_elsewhere(touch_laptop, site_url):
    touch_laptop.goto(site_url + "/")
    touch_laptop.locator("article p").first.tap()
    link = touch_laptop.locator("article a.kr-begrip", has_text="Google Ads").first
    link.focus()
    assert tooltip(touch_laptop).inner_text() == "Betaalde advertenties in Google."
    touch_laptop.keyboard.press("Enter")
    touch_laptop.wait_for_url("**/begrippen/google-ads/")


def test_the_tooltip_stays_while_the_pointer_is_on_it_and_escape_closes_it(desktop, site_url):
    desktop.goto(site_url + "/")
    link = desktop.locator("article a.kr-begrip", has_text="SEO").first
    link.hover()
    box = tooltip(desktop).bounding_box()
    desktop.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=5)
    desktop.wait_for_timeout(800)  # longer than the delay before a tooltip hides
    assert tooltip(desktop).is_visible()
    desktop.keyboard.press("Escape")
    assert not tooltip(desktop).is_visible()
    link.hover()
    desktop.mouse.move(5, 5, steps=5)  # away from term and tooltip: it goes
    desktop.wait_for_timeout(800)
    assert not tooltip(desktop).is_visible()


@pytest.mark.parametrize("width", [390, 1280])
def test_no_tooltip_leaves_the_screen(browser, site_url, width):
    context = browser.new_context(viewport={"width": width, "height": 844}, has_touch=True,
                                  is_mobile=width < 500)
    tab = context.new_page()
    seen = 0
    for url in ("/", "/gids/gids/", "/gids/afspraak/"):
        tab.goto(site_url + url)
        links = tab.locator("article a.kr-begrip")
        for index in range(links.count()):
            links.nth(index).focus()
            box = tooltip(tab).bounding_box()
            assert box is not None
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, (url, index, box)
            assert box["y"] >= 0, (url, index, box)
            seen += 1
    assert seen >= 4
    context.close()
