"""Whose knowledge base it is: one setting in mkdocs.yml, seen in the footer, the author meta
tag, the RSS feed and the structured data of the home page."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree

from conftest import REPO, build, page

from klantreis.project import read_config

OWNER = "Jansen & Zn Advies"
# Material writes site_author into its author meta tag unescaped; our own places escape it.
HOSTILE = 'Jansen & "Zn" <advies>'


def with_owner(root, owner: str):
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    setting = f"site_author: &eigenaar '{owner}'\ncopyright: *eigenaar\n"
    (root / "mkdocs.yml").write_text(setting + config, encoding="utf-8")
    return root


def test_the_owner_is_filled_in_once_in_mkdocs_yml():
    config = read_config(REPO)
    assert config["site_author"] == config["copyright"]
    assert config["site_author"] != "Marieke de Vries"
    lines = (REPO / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    settings = [line for line in lines if re.match(r"(site_author|copyright):", line)]
    assert settings == [f"site_author: &eigenaar {config['site_author']}", "copyright: *eigenaar"]


def test_the_owner_reaches_footer_meta_feed_and_structured_data(project):
    site = build(with_owner(project(), OWNER))
    home = page(site, "")
    assert home.select_one('meta[name="author"]')["content"] == OWNER
    assert home.select_one(".md-copyright__highlight").get_text(strip=True) == f"© {OWNER}"
    websites = [json.loads(tag.string) for tag in home.select('script[type="application/ld+json"]')
                if json.loads(tag.string)["@type"] == "WebSite"]
    assert [site_data["publisher"] for site_data in websites] == [
        {"@type": "Organization", "name": OWNER}]
    assert websites[0]["url"] == "https://example.nl/mini/"
    feed = ElementTree.parse(site / "feed_rss_created.xml").getroot()
    assert feed.findtext("channel/managingEditor") == OWNER
    # On another page the footer says the same, and the JSON-LD of the home page is not repeated.
    term = page(site, "begrippen/seo/")
    assert term.select_one(".md-copyright__highlight").get_text(strip=True) == f"© {OWNER}"
    assert "WebSite" not in [json.loads(tag.string)["@type"]
                             for tag in term.select('script[type="application/ld+json"]')]


def test_the_owner_is_escaped_in_footer_and_structured_data(project):
    site = build(with_owner(project(), HOSTILE))
    home = page(site, "")
    assert home.select_one(".md-copyright__highlight").get_text(strip=True) == f"© {HOSTILE}"
    html = (site / "index.html").read_text(encoding="utf-8")
    script = re.search(r'<script type="application/ld\+json">(\{"@context": "https://schema.org", '
                       r'"@type": "WebSite".*?)</script>', html)
    assert script is not None and "<" not in script.group(1)
    assert json.loads(script.group(1))["publisher"]["name"] == HOSTILE


def test_without_an_owner_the_site_name_publishes(mini_site):
    home = page(mini_site, "")
    assert home.select_one(".md-copyright__highlight") is None
    websites = [json.loads(tag.string) for tag in home.select('script[type="application/ld+json"]')
                if json.loads(tag.string)["@type"] == "WebSite"]
    assert websites[0]["publisher"]["name"] == "Mini Kennisbank"
