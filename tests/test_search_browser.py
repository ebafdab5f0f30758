"""Search as a reader uses it, in Chromium: online, below a sub-path and from the unpacked zip
over file://, at desktop and phone width, on the real knowledge base."""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import REPO, copy_of_the_knowledge_base, serve_directory

sys.path.insert(0, str(REPO / "benchmarks"))
from search_driver import ask, open_search, prepare, rank

from klantreis.bundle import make_bundle

pytestmark = pytest.mark.browser

# One query of each kind the search must handle, with the page a reader wants in the top 3.
KINDS = {
    "alias": ("klantentrouw", "begrippen/klantloyaliteit/"),
    "compound": ("overwegingsfase", "fasen/overweging/"),
    "split words": ("zoekmachine adverteren", "begrippen/sea/"),
    "phrase": ("mond aan mond", "begrippen/mond-tot-mondreclame/"),
    "acronym plural": ("CTA's", "begrippen/cta/"),
    "question": ("hoe houd ik klanten vast", "gids/klanten-behouden/ begrippen/retentie/"),
    "typo": ("testimonail", "begrippen/testimonial/"),
    # The verb of a question ("schrijf ik") and an adjective count for little.
    "question verb": ("hoe schrijf ik een goede nieuwsbrief",
                      "begrippen/nieuwsbrief/ kanalen/nieuwsbrief/"),
    # A journey by what it is and its sector, not by its title.
    "journey": ("klantreis mode",
                "klantreizen/jip-duurzame-kleding/ klantreizen/schoenen-online-en-winkel/"),
    # A derived word finds the word it comes from (vindbaarheid -> vindbaar).
    "derivation": ("vindbaarheid website", "begrippen/seo/"),
    # A phase's name is the topic, though nearly every page mentions it and "opbouwen" is rare.
    "name as topic": ("loyaliteit opbouwen", "fasen/loyaliteit/ begrippen/klantloyaliteit/"),
    # A compound made with a verb's stem finds the verb (opzeg -> opzeggen).
    "verb stem": ("opzegproces", "klantreizen/bas-koffieabonnement/ begrippen/churn/"),
    # A verb whose stem ends in -en itself (afreken -> afrekenen).
    "verb stem in -en": ("afrekenstappen", "begrippen/check-out/"),
    # A verb's stem as a compound's head finds compounds with that head (herhaalaankoop).
    "compound on a verb stem": ("herhaalklanten", "begrippen/herhaalaankoop/"),
    # A separable verb finds its verb, which a sentence writes apart ("tekent ... uit").
    "separable verb": ("klantreis uittekenen", "gids/eigen-klantreis-in-kaart/"),
    # Another word for a phase or a channel, from the catalogue's aliases.
    "phase alias": ("nazorg", "fasen/service/"),
    "phase alias in words": ("wat doe je na de aankoop", "fasen/service/"),
    "channel alias": ("videobellen met klanten", "kanalen/videogesprek/"),
    # A guide's search words from its front matter (`aliases`), a word not on any page.
    "guide alias": ("fasemodel", "gids/vijf-fasen/"),
    # Last: the zip test opens the first result of this query.
    "channel": ("vergelijkingssite", "kanalen/vergelijkingssite/"),
}
WIDTHS = {"desktop": 1280, "phone": 390}


def check_kinds(tab, base: str, kinds: dict[str, tuple[str, str]]) -> None:
    misses = []
    for kind, (query, expected) in kinds.items():
        answer = ask(tab, base, query)
        position = rank(answer, expected.split())
        if position is None or position > 3:
            misses.append(f"{kind}: {query!r} -> {answer.urls[:3]}")
    assert misses == []


def new_tab(browser, width: int, errors: list[str]):
    context = browser.new_context(
        viewport={"width": width, "height": 900 if width > 500 else 844},
        is_mobile=width < 500, has_touch=width < 500)
    prepare(context)
    tab = context.new_page()
    tab.on("pageerror", lambda error: errors.append(str(error)))
    # From file://, Chromium refuses Material's request for sitemap.xml (not search's business).
    tab.on("console", lambda message: errors.append(message.text)
           if message.type == "error" and "sitemap.xml" not in message.text
           and "net::ERR_FAILED" not in message.text else None)
    return context, tab


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_every_kind_of_query_online(browser, real_site, width):
    errors: list[str] = []
    with serve_directory(real_site) as base:
        context, tab = new_tab(browser, width, errors)
        tab.goto(base + "/")
        open_search(tab)
        check_kinds(tab, base, KINDS)
        context.close()
    assert errors == []


def test_a_name_inside_a_longer_name_does_not_compete_with_it(browser, real_site):
    """"Na de aankoop" is another word for Service; the phase Aankoop inside it is not meant."""
    errors: list[str] = []
    with serve_directory(real_site) as base:
        context, tab = new_tab(browser, 1280, errors)
        tab.goto(base + "/")
        open_search(tab)
        answer = ask(tab, base, "klant na de aankoop")
        assert answer.urls[0] == "fasen/service/"
        context.close()
    assert errors == []


def test_a_term_result_shows_its_definition_and_keys_open_it(browser, real_site):
    errors: list[str] = []
    with serve_directory(real_site, prefix="/kennisbank") as base:
        context, tab = new_tab(browser, 1280, errors)
        tab.goto(base + "/")
        open_search(tab)
        answer = ask(tab, base, "kruisverkoop")
        assert answer.urls[0] == "begrippen/cross-sell/"
        definition = (REPO / "glossary" / "cross-sell.md").read_text(encoding="utf-8")
        description = next(line for line in definition.splitlines()
                           if line.startswith("description:"))
        article = tab.locator(".md-search-result__item").first
        assert article.locator("h1").inner_text() == "cross-sell"
        shown = " ".join(article.inner_text().split())
        assert shown.split("cross-sell", 1)[1].strip()[:40] in description
        # The matched alias is marked in the text.
        box = tab.locator("input.md-search__input")
        box.press("ArrowDown")
        box.press("Enter")
        tab.wait_for_url("**/kennisbank/begrippen/cross-sell/**")
        assert tab.locator("h1").first.inner_text() == "cross-sell"
        context.close()
    assert errors == []


def test_every_kind_of_query_below_a_sub_path(browser, real_site):
    errors: list[str] = []
    with serve_directory(real_site, prefix="/kennisbank") as base:
        context, tab = new_tab(browser, 1280, errors)
        tab.goto(base + "/")
        open_search(tab)
        check_kinds(tab, base, KINDS)
        context.close()
    assert errors == []


@pytest.fixture(scope="module")
def unpacked_zip(tmp_path_factory) -> Path:
    root = copy_of_the_knowledge_base(tmp_path_factory.mktemp("zoekbundel") / "kb")
    target = tmp_path_factory.mktemp("uitgepakt")
    with zipfile.ZipFile(make_bundle(root)) as archive:
        archive.extractall(target)
    return next(target.iterdir())


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_every_kind_of_query_from_the_zip_without_leaving_the_disk(browser, unpacked_zip, width):
    errors: list[str] = []
    context, tab = new_tab(browser, width, errors)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    home = (unpacked_zip / "index.html").as_uri()
    tab.goto(home)
    open_search(tab)
    check_kinds(tab, home, KINDS)
    tab.locator("input.md-search__input").press("ArrowDown")
    tab.locator("input.md-search__input").press("Enter")
    tab.wait_for_url("**/kanalen/vergelijkingssite.html**")
    context.close()
    assert errors == []
    assert requests and all(url.startswith("file://") for url in requests), [
        url for url in requests if not url.startswith("file://")]


def test_worker_and_index_agree_on_the_base_forms_of_every_word(browser, real_site):
    # The worker looks up forms of query words the index lacks with its own copy of the rules
    # in klantreis/site/dutch.py: run both on every word of the real index.
    from klantreis.site.dutch import base_forms

    worker = (REPO / "klantreis" / "assets" / "search-worker.js").read_text(encoding="utf-8")
    index = json.loads((real_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    vocabulary = index["config"]["klantreis"]["words"]
    context = browser.new_context()
    tab = context.new_page()
    tab.add_script_tag(content=worker)
    in_browser = tab.evaluate(
        "words => words.map(word => self.klantreisSearch.baseForms(word))", vocabulary)
    context.close()
    different = [(word, ours, theirs) for word, ours, theirs
                 in zip(vocabulary, (base_forms(word) for word in vocabulary), in_browser,
                        strict=True) if ours != theirs]
    assert len(vocabulary) > 1000 and different == []
