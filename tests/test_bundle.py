"""The offline bundle: one zip that works opened from disk, with no request to any host."""

from __future__ import annotations

import datetime
import zipfile

import pytest
from conftest import make_project

from klantreis.bundle import make_bundle

DAY = datetime.date(2026, 11, 23)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("bundel") / "kb")
    return root, make_bundle(root, today=DAY)


def test_zip_has_one_top_folder_with_index_and_no_drafts(bundle):
    _, path = bundle
    assert path.name == "klantreis-kennisbank-2026-11-23.zip"
    names = zipfile.ZipFile(path).namelist()
    assert {name.split("/")[0] for name in names} == {"klantreis-kennisbank-2026-11-23"}
    assert "klantreis-kennisbank-2026-11-23/index.html" in names
    assert "klantreis-kennisbank-2026-11-23/assets/vendor/iframe-worker/LICENSE" in names
    assert not [name for name in names if "concept" in name]
    # No directory URLs offline: every page is a real .html file.
    assert "klantreis-kennisbank-2026-11-23/begrippen/seo.html" in names


def test_same_sources_give_the_same_file_list_and_pages(bundle):
    root, path = bundle
    first = {info.filename: zipfile.ZipFile(path).read(info) for info in zipfile.ZipFile(path).infolist()}
    again = make_bundle(root, today=DAY)
    second = {info.filename: zipfile.ZipFile(again).read(info) for info in zipfile.ZipFile(again).infolist()}
    assert list(second) == list(first)
    changed = [name for name in first if first[name] != second[name]]
    # Only the feeds carry the moment they were built.
    assert all("feed_" in name for name in changed), changed
    assert not [p for p in again.parent.iterdir() if p.name.startswith(".")]


def test_no_reference_to_another_host_in_any_page(bundle, tmp_path):
    _, path = bundle
    zipfile.ZipFile(path).extractall(tmp_path)
    for html in tmp_path.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        for needle in ("fonts.googleapis", "unpkg.com", "cdn.jsdelivr", "https://www.google"):
            assert needle not in text, f"{needle} in {html.name}"


@pytest.mark.browser
def test_offline_reading_navigation_search_and_tooltip(browser, bundle, tmp_path):
    _, path = bundle
    zipfile.ZipFile(path).extractall(tmp_path)
    home = (tmp_path / "klantreis-kennisbank-2026-11-23" / "index.html").as_uri()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(home)

    tab.locator("article a.kr-ref-fase").first.click()
    tab.wait_for_url("**/fasen/aandacht.html")
    tab.locator("table.kr-kanalen a").first.click()
    tab.wait_for_url("**/kanalen/website.html")
    tab.go_back()
    tab.locator(".kr-begrippenlijst a").first.click()
    tab.wait_for_url("**/begrippen/*.html")
    tab.goto(home)
    tab.locator("article a.kr-begrip").first.hover()
    assert tab.locator("#kr-tooltip").inner_text() != ""
    tab.goto(home.replace("index.html", "klantreizen/vera.html"))
    assert tab.locator(".kr-lane-emotion .kr-punt").count() == 4

    tab.goto(home)
    tab.locator(".md-search__input").first.click()
    tab.locator("input.md-search__input").press_sequentially("conversies", delay=20)
    result = tab.locator(".md-search-result__item a").first
    result.wait_for(timeout=15_000)
    result.click()
    tab.wait_for_load_state()
    assert tab.url.startswith("file://") and tab.url.endswith(".html")
    assert tab.title() != ""

    assert errors == []
    assert requests and all(url.startswith("file://") for url in requests), [
        url for url in requests if not url.startswith("file://")]
    context.close()
