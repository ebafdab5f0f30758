"""kaart-render.js draws the same map as the site: the rich journey rendered both ways, compared.

The site's map comes from a real build (templates/journey_map.html); the script's map from the
journey's YAML in real Chromium. Both are read with the same parser and reduced to what a
reader sees: stages in order, phase bands, lanes, cell texts and every point of both curves.
"""

from __future__ import annotations

import json
import re

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import FIXTURES, REPO, content, page
from test_journey_map import rich_site  # noqa: F401  (a module fixture: one build)

from klantreis.cms_adapter.site_files import map_data

pytestmark = pytest.mark.browser
SCRIPT = REPO / "klantreis" / "assets" / "kaart-render.js"


def text(node) -> str:
    return re.sub(r"\s+", " ", node.get_text(" ")).strip()


def features(root) -> dict:
    """What a reader sees in a map, independent of links and icons."""
    table = root.select_one("table.kr-kaart")
    return {
        "persona": text(root.select_one(".kr-persona")),
        "caption": text(table.caption),
        "bands": [(th["class"], th["colspan"], th["data-kr-band"], text(th))
                  for th in table.select("tr.kr-fasenrij th[colspan]")],
        "stages": [(th["class"], th["id"], th["data-kr-band"], text(th))
                   for th in table.select("tr.kr-stappenrij th.kr-stap")],
        "lanes": [(tr["class"], text(tr.th)) for tr in table.select("tbody tr")],
        "cells": [[text(td) for td in tr.select("td")] for tr in table.select("tbody tr")],
        "points": [(span["class"], span["data-stap"], span["data-emotie"], span["data-kr-curve"])
                   for span in table.select(".kr-punt")],
        "lines": [(line["class"], line["points"]) for line in table.select("polyline")],
        "cell_bands": [[td["data-kr-band"] for td in tr.select("td")]
                       for tr in table.select("tbody tr")],
        "note": text(note) if (note := root.select_one(".kr-bewijsnoot")) else None,
    }


def drawn_by_script(browser, journey: dict, tmp_path) -> BeautifulSoup:
    """The map kaart-render.js draws in Chromium from a journey as its YAML file holds it."""
    project = tmp_path / "kb"
    (project / "journeys").mkdir(parents=True, exist_ok=True)
    for name in ("_phases.yml", "_channels.yml"):
        (project / "journeys" / name).write_text(
            (FIXTURES / "mini/journeys" / name).read_text("utf-8"), encoding="utf-8")
    data = map_data(project)
    browser_page = browser.new_page()
    browser_page.set_content("<!doctype html><html><body><div id='kaart'></div></body></html>")
    browser_page.add_script_tag(content=SCRIPT.read_text(encoding="utf-8"))
    html = browser_page.evaluate(
        "([journey, data]) => KaartRender.render(document.getElementById('kaart'), journey, "
        "data).outerHTML",
        [json.loads(json.dumps(journey, default=str)), data],
    )
    browser_page.close()
    return BeautifulSoup(html, "html.parser").select_one(".kr-klantreis")


@pytest.mark.parametrize("slug", ["lisa-fiets", "vera"])
def test_the_script_draws_the_same_map_as_the_site(browser, rich_site, tmp_path, slug):  # noqa: F811
    site_map = content(page(rich_site, f"klantreizen/{slug}/")).select_one(".kr-klantreis")
    for marker in site_map.select("sup"):
        marker.decompose()  # source markers link to the sources page: the site's own business
    for link in site_map.select("a.kr-begrip"):
        link.unwrap()  # so are links to terms (the linker's, after the map is drawn)
    site_map.smooth()  # the text around a term link is one text again
    # The journey as the build read it (the rich project's copy of the fixture).
    journey = yaml.safe_load((rich_site.parent / f"journeys/{slug}.yml").read_text("utf-8"))
    drawn = drawn_by_script(browser, journey, tmp_path)
    expected, actual = features(site_map), features(drawn)
    if slug == "lisa-fiets":  # 12 stages, a second curve with a gap, different evidence
        assert len(expected["stages"]) == 12 and len(expected["points"]) > 12
        assert sum(1 for line in expected["lines"] if "kr-lijn-na" in line[0]) == 10
        assert expected["note"] is None
    else:  # every stage rests on interviews: one note, no lane
        assert expected["note"] == "Onderbouwing van alle stappen: interviews"
    for key in expected:
        assert actual[key] == expected[key], key


def test_text_from_the_journey_is_never_markup(browser):
    browser_page = browser.new_page()
    browser_page.set_content("<!doctype html><html><body><div id='kaart'></div></body></html>")
    browser_page.add_script_tag(content=SCRIPT.read_text(encoding="utf-8"))
    hostile = "<img src=x onerror=\"window.geraakt=1\">"
    journey = {"title": hostile, "persona": {"name": hostile, "about": hostile},
               "stages": [{"phase": "aandacht", "title": hostile, "does": hostile,
                           "channels": [hostile], "pain_points": [hostile], "emotion": 1}]}
    browser_page.evaluate(
        "(journey) => KaartRender.render(document.getElementById('kaart'), journey, {})", journey)
    assert browser_page.locator("#kaart img").count() == 0
    assert browser_page.evaluate("window.geraakt") is None
    assert hostile in browser_page.inner_text("#kaart")
    browser_page.close()
