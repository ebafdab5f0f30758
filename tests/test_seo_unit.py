"""JSON-LD for search engines (`klantreis/site/seo.py`), called directly on the mini fixture."""

from __future__ import annotations

import json

from units import MINI, front_matter, mini_kb

from klantreis.site.seo import PageFacts, json_ld, structured_data

BASE = "https://example.nl/mini/"
TERMS = {path.stem: front_matter(path) for path in (MINI / "glossary").glob("*.md")}


def url_of(src_uri: str) -> str:
    return BASE + src_uri.removesuffix("index.md").removesuffix(".md").rstrip("/") + "/"


def by_type(items: list[dict]) -> dict[str, dict]:
    return {item["@type"]: item for item in items}


def test_a_term_page_is_a_defined_term_in_the_glossary():
    facts = PageFacts("begrippen/seo.md", BASE + "begrippen/seo/", "SEO", "…", term="seo")
    term = by_type(structured_data(facts, mini_kb(), url_of))["DefinedTerm"]
    seo = TERMS["seo"]
    assert (term["name"], term["description"], term["alternateName"]) == (
        seo["title"], seo["description"], seo["aliases"])
    assert term["url"] == BASE + "begrippen/seo/"
    assert term["inDefinedTermSet"]["url"] == BASE + "begrippen/"


def test_the_glossary_lists_every_term_with_its_page():
    facts = PageFacts("begrippen/index.md", BASE + "begrippen/", "Begrippen van A tot Z", "…")
    glossary = by_type(structured_data(facts, mini_kb(), url_of))["DefinedTermSet"]
    titles = sorted((term["title"] for term in TERMS.values()), key=str.casefold)
    assert [item["name"] for item in glossary["hasDefinedTerm"]] == titles
    assert {item["name"]: item["url"] for item in glossary["hasDefinedTerm"]} == {
        term["title"]: BASE + f"begrippen/{slug}/" for slug, term in TERMS.items()}


def test_an_article_has_its_date_and_authors_and_breadcrumbs_count_from_one():
    facts = PageFacts("artikelen/posts/eerste.md", BASE + "artikelen/eerste-artikel/",
                      "Eerste artikel", "Het eerste artikel.", published="2026-10-01",
                      authors=["Marieke"],
                      breadcrumbs=[("Mini Kennisbank", BASE), ("Artikelen", BASE + "artikelen/"),
                                   ("Eerste artikel", BASE + "artikelen/eerste-artikel/")])
    data = by_type(structured_data(facts, mini_kb(), url_of))
    assert set(data) == {"Article", "BreadcrumbList"}
    article = data["Article"]
    assert (article["headline"], article["datePublished"], article["inLanguage"]) == (
        "Eerste artikel", "2026-10-01", "nl")
    assert article["author"] == [{"@type": "Person", "name": "Marieke"}]
    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [(c["position"], c["name"]) for c in crumbs] == [
        (1, "Mini Kennisbank"), (2, "Artikelen"), (3, "Eerste artikel")]


def test_a_plain_page_and_an_unknown_term_get_no_structured_data():
    kb = mini_kb()
    assert structured_data(PageFacts("gids/gids.md", BASE + "gids/gids/", "Een gids", "…"), kb, url_of) == []
    unknown = PageFacts("begrippen/weg.md", BASE + "begrippen/weg/", "Weg", "…", term="weg")
    assert structured_data(unknown, kb, url_of) == []


def test_json_ld_cannot_close_its_script_element():
    data = {"name": "</script><script>alert(1)</script> & 'x'"}
    text = str(json_ld(data))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == data
