"""Publishing: a new article end to end, drafts, the feed, tags, and hosting under a sub-path."""

from __future__ import annotations

import re
import urllib.request
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urljoin, urlparse

import pytest
import yaml
from conftest import FIXTURES, build, content, page, run_cli, serve_directory


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    from conftest import make_project

    root = make_project(tmp_path_factory.mktemp("publiceren") / "kb")
    path = root / run_cli("new", "--project", str(root), "artikel", "Reviews die verkopen").output.strip()
    text = path.read_text(encoding="utf-8")
    text = text.replace("categories: [Aandacht]", "categories: [Loyaliteit]").replace("tags: []", "tags: [reviews]")
    text = text.replace("draft: true\n", "").replace("date: ", "date: 2026-11-01\nx-old-date: ", 1)
    path.write_text(text.replace("x-old-date: ", "# ", 1), encoding="utf-8")
    return build(root)


def test_new_article_appears_in_list_phase_page_category_tags_and_feed(published):
    assert "Reviews die verkopen" in content(page(published, "artikelen/")).get_text()
    assert "Reviews die verkopen" in content(page(published, "fasen/loyaliteit/")).get_text()
    assert "Reviews die verkopen" in content(page(published, "artikelen/category/loyaliteit/")).get_text()
    tags = content(page(published, "artikelen/tags/"))
    assert "reviews" in tags.get_text() and "Reviews die verkopen" in tags.get_text()
    assert "Reviews die verkopen" in (published / "feed_rss_created.xml").read_text()
    article = content(page(published, "artikelen/reviews-die-verkopen/"))
    assert re.search(r"\d+ min", page(published, "artikelen/reviews-die-verkopen/").get_text())
    assert article.select_one("h1").get_text().strip("¶") == "Reviews die verkopen"


def test_draft_is_in_no_list_no_phase_page_no_feed_and_no_search(published):
    for url in ("artikelen/", "fasen/overweging/", "artikelen/tags/", "artikelen/category/overweging/"):
        path = published / url / "index.html"
        if path.exists():
            assert "Concept artikel" not in path.read_text(encoding="utf-8")
    assert "Concept artikel" not in (published / "feed_rss_created.xml").read_text()
    assert "Concept artikel" not in (published / "search" / "search_index.json").read_text()


def test_feed_is_valid_xml_with_absolute_links(published):
    channel = ET.parse(published / "feed_rss_created.xml").getroot().find("channel")
    links = [item.findtext("link") for item in channel.findall("item")]
    assert links and all(link.startswith("https://example.nl/mini/artikelen/") for link in links)
    assert channel.findtext("language") == "nl"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value and tag in ("a", "link", "script", "img"):
                self.links.append(value)


def test_every_link_and_asset_resolves_under_a_sub_path(mini_site):
    with serve_directory(mini_site, prefix="/kennisbank") as base:
        seen, queue, broken = set(), [base + "/"], []
        while queue:
            url = queue.pop()
            if url in seen:
                continue
            seen.add(url)
            with urllib.request.urlopen(url) as response:
                body = response.read()
                kind = response.headers.get("Content-Type", "")
            if "html" not in kind:
                continue
            parser = _Links()
            parser.feed(body.decode("utf-8"))
            for link in parser.links:
                target = urljoin(url, link).split("#")[0]
                if urlparse(target).netloc != urlparse(base).netloc:
                    continue
                if not urlparse(target).path.startswith("/kennisbank/"):
                    broken.append((url, link))
                    continue
                try:
                    urllib.request.urlopen(target).close()
                except Exception as error:
                    broken.append((url, link, str(error)))
                    continue
                if target.endswith("/") or target.endswith(".html"):
                    queue.append(target)
        assert broken == []
        # Every page of the site is reached by following links from the home page.
        pages = {base + "/" + ("" if p.parent == mini_site else p.parent.relative_to(mini_site).as_posix() + "/")
                 for p in mini_site.rglob("index.html")}
        assert pages - seen == set()


@pytest.mark.browser
def test_tooltip_and_search_work_under_a_sub_path(browser, mini_site):
    with serve_directory(mini_site, prefix="/kennisbank") as base:
        tab = browser.new_page()
        tab.goto(base + "/")
        link = tab.locator("article a.kr-begrip").first
        link.hover()
        assert tab.locator("#kr-tooltip").inner_text() == definition(link.get_attribute("data-begrip"))
        tab.locator(".md-search__input").first.click()
        tab.locator("input.md-search__input").press_sequentially("conversies", delay=20)
        tab.locator(".md-search-result__item a").first.wait_for(timeout=10_000)
        tab.locator(".md-search-result__item a").first.click()
        tab.wait_for_url("**/begrippen/conversie/")
        assert urlparse(tab.url).path == "/kennisbank/begrippen/conversie/"
        assert tab.title() == "conversie - Mini Kennisbank"
        tab.close()


def definition(slug: str) -> str:
    """The description of a term, as the consultant wrote it in the mini fixture."""
    text = (FIXTURES / "mini" / "glossary" / f"{slug}.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---")[1])["description"]
