"""Findability: titles, descriptions, canonical URLs, Open Graph, JSON-LD, sitemap, robots, 404."""

from __future__ import annotations

import json

import pytest
from conftest import page

PAGES = {
    "home": ("", "Mini Kennisbank", "Een kleine kennisbank om te testen."),
    "phase": ("fasen/aandacht/", "Aandacht & oriëntatie", "Zorg dat de klant je vindt."),
    "term": ("begrippen/seo/", "SEO", "Het beter vindbaar maken van je website in zoekmachines."),
    "journey": ("klantreizen/vera/", "Vera zoekt een afslankcoach", "Vera wil afvallen."),
    "article": ("artikelen/eerste-artikel/", "Eerste artikel", "Het eerste artikel."),
}


def json_ld(soup) -> dict[str, dict]:
    items = [json.loads(tag.string) for tag in soup.select('script[type="application/ld+json"]')]
    return {item["@type"]: item for item in items}


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_every_page_type_has_title_description_canonical_and_open_graph(mini_site, kind):
    url, title, description = PAGES[kind]
    soup = page(mini_site, url)
    assert soup.html["lang"] == "nl"
    assert soup.title.get_text().startswith(title)
    assert soup.select_one('meta[name="description"]')["content"] == description
    canonical = soup.select_one('link[rel="canonical"]')["href"]
    assert canonical == f"https://example.nl/mini/{url}"
    assert soup.select_one('meta[property="og:url"]')["content"] == canonical
    assert soup.select_one('meta[property="og:title"]')["content"] == title
    assert soup.select_one('meta[property="og:description"]')["content"] == description
    assert soup.select_one('meta[name="twitter:card"]')["content"] == "summary"


def test_term_page_is_a_defined_term_in_the_set(mini_site):
    data = json_ld(page(mini_site, "begrippen/seo/"))
    term = data["DefinedTerm"]
    assert term["name"] == "SEO"
    assert term["url"] == "https://example.nl/mini/begrippen/seo/"
    assert term["inDefinedTermSet"]["url"] == "https://example.nl/mini/begrippen/"
    crumbs = [item["name"] for item in data["BreadcrumbList"]["itemListElement"]]
    assert crumbs == ["Mini Kennisbank", "Begrippen van A tot Z", "SEO"]


def test_glossary_is_a_defined_term_set(mini_site):
    data = json_ld(page(mini_site, "begrippen/"))
    names = [term["name"] for term in data["DefinedTermSet"]["hasDefinedTerm"]]
    assert names == ["conversie", "Google Ads", "SEO"]


def test_article_has_date_and_author(mini_site):
    article = json_ld(page(mini_site, "artikelen/eerste-artikel/"))["Article"]
    assert article["headline"] == "Eerste artikel"
    assert article["datePublished"] == "2026-10-01"
    assert article["author"] == [{"@type": "Person", "name": "Marieke"}]


def test_phase_breadcrumbs_use_plain_text(mini_site):
    crumbs = json_ld(page(mini_site, "fasen/aandacht/"))["BreadcrumbList"]["itemListElement"]
    assert crumbs[-1]["name"] == "Aandacht & oriëntatie"


def test_sitemap_robots_and_dutch_404(mini_site):
    assert "https://example.nl/mini/begrippen/seo/" in (mini_site / "sitemap.xml").read_text()
    robots = (mini_site / "robots.txt").read_text()
    assert "Sitemap: https://example.nl/mini/sitemap.xml" in robots
    missing = page(mini_site, "404.html")
    assert "niet gevonden" in missing.select_one("article").get_text().lower()
